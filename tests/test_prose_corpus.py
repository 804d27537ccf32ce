"""The prose lock on whole LLM-style sections (tests/prose_corpus/), through the real draft loop.

tune, tune3 … tune8 are what the binding rules were tuned on; heldout … heldout9 were each
measured once, on arrival, before they were tuned on too (heldout10/11 after all of session 6's
rules, tuned on in session 7); heldout16/17 were measured once after all of session 7's rules;
tune11–14 arrived in session 8, measured on arrival and then tuned on; heldout18/19 were measured
once after all of session 8's rules, then three publishing misses they showed were fixed.
Figures in the README. They now guard against regressions; a fresh measurement needs a fresh
corpus."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from eval_prose import evaluate  # noqa: E402

# Every set has now been tuned on; each held-out set was measured once before it was (figures in
# the README). Held to their present figures, so a rule that breaks one of them fails here.
TUNED = [("tune", 1.0, 1.0), ("heldout", 0.97, 0.99), ("heldout2", 0.96, 1.0), ("tune3", 0.95, 1.0),
         ("heldout3", 1.0, 1.0), ("tune4", 0.96, 1.0), ("tune5", 0.96, 1.0), ("tune6", 0.93, 1.0),
         ("heldout4", 0.96, 1.0), ("heldout5", 1.0, 1.0), ("tune7", 1.0, 1.0), ("tune8", 1.0, 1.0),
         ("heldout6", 1.0, 1.0), ("heldout7", 0.93, 0.97), ("heldout8", 1.0, 0.97), ("heldout9", 1.0, 1.0),
         ("heldout10", 1.0, 1.0), ("heldout11", 1.0, 1.0), ("tune9", 1.0, 0.96), ("tune10", 0.93, 1.0),
         ("heldout12", 0.96, 1.0), ("heldout13", 0.93, 1.0),
         ("heldout14", 0.93, 1.0), ("heldout15", 0.86, 1.0),
         ("heldout16", 0.93, 1.0), ("heldout17", 0.93, 1.0),
         ("tune11", 1.0, 1.0), ("tune12", 0.86, 1.0), ("tune13", 0.9, 1.0), ("tune14", 0.76, 1.0),
         ("heldout18", 0.83, 1.0), ("heldout19", 0.76, 1.0), ("tune15", 0.9, 1.0), ("tune16", 0.9, 0.93),
         ("tune17", 0.73, 0.93), ("tune18", 0.96, 1.0),
         ("heldout20", 0.8, 0.96), ("heldout21", 0.9, 1.0), ("tune22", 0.96, 1.0), ("tune23", 1.0, 1.0),
         ("tune26", 1.0, 1.0), ("tune27", 0.96, 1.0), ("tune30", 1.0, 1.0), ("tune34", 1.0, 1.0),
         ("tune35", 1.0, 0.98), ("tune40", 0.96, 1.0), ("tune41", 1.0, 1.0),
         ("tune42", 0.83, 0.92), ("tune43", 0.8, 0.98),
         ("heldout36", 0.86, 1.0), ("heldout37", 0.9, 1.0), ("heldout38", 0.86, 1.0), ("heldout39", 0.9, 1.0),
         ("heldout44", 1.0, 1.0), ("heldout45", 0.83, 1.0)]


@pytest.mark.parametrize("name, drafted, flagged", TUNED)
def test_prose_lock_on_corpus(name, drafted, flagged):
    result = evaluate(ROOT / "tests" / "prose_corpus" / f"{name}.jsonl", verbose=False)
    assert result["stubborn"]["drafted_share"] >= drafted
    assert result["flagged_share"] >= flagged
    assert result["stubborn"]["published_errors"] == []  # a model that ignores the findings publishes nothing wrong
    assert result["obedient"]["falsified"] == []  # the repair never talks a model into a false figure
    assert result["obedient"]["published_errors"] == []
    assert result["obedient"]["used_share"] >= 0.9

