"""The prose lock on whole LLM-style sections (tests/prose_corpus/), through the real draft loop.

tune, tune3 … tune6 are what the binding rules were tuned on; heldout, heldout2 and heldout3
were each measured once before they were tuned on too (figures in the README). They now guard
against regressions. heldout4 and heldout5 are never tuned on; their floors are the figures
measured once, so a change that makes fresh prose worse fails here too."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from eval_prose import evaluate  # noqa: E402

# Tuned on (heldout, heldout2 and heldout3 were measured once each before they were; see the
# README): held to their present figures, so a rule that breaks one of them fails here.
TUNED = [("tune", 0.97, 1.0), ("heldout", 0.95, 0.99), ("heldout2", 0.93, 1.0), ("tune3", 0.95, 1.0),
         ("heldout3", 0.95, 1.0), ("tune4", 0.93, 1.0), ("tune5", 0.90, 1.0), ("tune6", 0.76, 1.0)]


@pytest.mark.parametrize("name, drafted, flagged", TUNED)
def test_prose_lock_on_corpus(name, drafted, flagged):
    result = evaluate(ROOT / "tests" / "prose_corpus" / f"{name}.jsonl", verbose=False)
    assert result["stubborn"]["drafted_share"] >= drafted
    assert result["flagged_share"] >= flagged
    assert result["stubborn"]["published_errors"] == []  # a model that ignores the findings publishes nothing wrong
    assert result["obedient"]["falsified"] == []  # the repair never talks a model into a false figure
    assert result["obedient"]["published_errors"] == []
    assert result["obedient"]["used_share"] >= 0.9


@pytest.mark.parametrize("name, drafted, flagged", [("heldout4", 0.43, 0.92), ("heldout5", 0.60, 0.92)])
def test_prose_lock_floor_on_fresh_voices(name, drafted, flagged):
    """Never tuned on: what the lock does for writers it has not seen, held at its measured level."""
    result = evaluate(ROOT / "tests" / "prose_corpus" / f"{name}.jsonl", verbose=False)
    assert result["stubborn"]["drafted_share"] >= drafted
    assert result["flagged_share"] >= flagged
    assert result["stubborn"]["published_errors"] == []
    assert result["obedient"]["falsified"] == []
