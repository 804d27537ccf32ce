"""The prose lock on whole LLM-style sections (tests/prose_corpus/), through the real draft loop.

tune.jsonl and tune3.jsonl are what the binding rules were tuned on; heldout.jsonl was measured
once before it was tuned on (figures in the README). They now guard against regressions.
heldout2 and heldout3 are not tuned on; their floors below are the figures measured once, so
a change that makes fresh prose worse fails here too."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from eval_prose import evaluate  # noqa: E402


@pytest.mark.parametrize("name, drafted, flagged", [("tune", 0.93, 0.98), ("heldout", 0.78, 0.97),
                                                    ("tune3", 0.70, 1.0)])
def test_prose_lock_on_corpus(name, drafted, flagged, capsys):
    result = evaluate(ROOT / "tests" / "prose_corpus" / f"{name}.jsonl", verbose=False)
    assert result["stubborn"]["drafted_share"] >= drafted
    assert result["flagged_share"] >= flagged
    assert result["stubborn"]["published_errors"] == []  # a model that ignores the findings publishes nothing wrong
    assert result["obedient"]["falsified"] == []  # the repair never talks a model into a false figure
    assert result["obedient"]["published_errors"] == []
    assert result["obedient"]["used_share"] >= 0.95


@pytest.mark.parametrize("name, drafted, flagged", [("heldout2", 0.73, 0.97), ("heldout3", 0.33, 0.85)])
def test_prose_lock_floor_on_fresh_voices(name, drafted, flagged):
    """Never tuned on: what the lock does for writers it has not seen, held at its measured level."""
    result = evaluate(ROOT / "tests" / "prose_corpus" / f"{name}.jsonl", verbose=False)
    assert result["stubborn"]["drafted_share"] >= drafted
    assert result["flagged_share"] >= flagged
    assert result["stubborn"]["published_errors"] == []
    assert result["obedient"]["falsified"] == []
