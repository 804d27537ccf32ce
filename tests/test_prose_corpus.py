"""The prose lock on whole LLM-style sections (tests/prose_corpus/), through the real draft loop.

tune.jsonl is what the binding rules were tuned on; heldout.jsonl was measured once before
it was tuned on (figures in the README). Both now guard against regressions."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from eval_prose import evaluate  # noqa: E402


@pytest.mark.parametrize("name, drafted, flagged", [("tune", 0.93, 0.98), ("heldout", 0.78, 0.97)])
def test_prose_lock_on_corpus(name, drafted, flagged, capsys):
    result = evaluate(ROOT / "tests" / "prose_corpus" / f"{name}.jsonl", verbose=False)
    assert result["stubborn"]["drafted_share"] >= drafted
    assert result["flagged_share"] >= flagged
    assert result["stubborn"]["published_errors"] == []  # a model that ignores the findings publishes nothing wrong
    assert result["obedient"]["falsified"] == []  # the repair never talks a model into a false figure
    assert result["obedient"]["published_errors"] == []
    assert result["obedient"]["used_share"] >= 0.95
