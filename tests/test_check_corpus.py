"""The labelled corpus (scripts/make_check_corpus.py) held to the issue's quality bar."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from eval_checker import evaluate  # noqa: E402


def test_checker_quality_on_labelled_corpus():
    stats = evaluate()
    assert sum(s["n"] for s in stats.values()) >= 300
    assert stats["correct"]["flagged"] == 0  # not one false alarm on a correct sentence
    for kind in ("digit", "magnitude", "qualifier"):
        assert stats[kind]["flagged"] / stats[kind]["n"] >= 0.99, kind
    # A unit mutation (10起 → 10%) can land on a value some other fact of the clause's subject
    # really has; the corpus regenerated in the restructuring measures 338/342 (98.8%).
    assert stats["unit"]["flagged"] / stats["unit"]["n"] >= 0.98
    assert stats["wrong_place"]["flagged"] / stats["wrong_place"]["n"] >= 0.95
    for kind in ("month", "derived", "seed"):
        assert stats[kind]["flagged"] == stats[kind]["n"], kind


def test_checker_on_free_prose():
    """Sentences phrased as an editor or an LLM writes them (tests/check_prose*.jsonl).

    Each held-out set was written before the rules it exposed were added, and measured
    once: the first flagged 2 of 25 correct sentences and passed 1 of 25 errors; the second
    flagged 0 of 20 and passed 1 of 20. All sets are regression tests now."""
    stats = evaluate()
    for name in ("prose", "prose_heldout", "prose_heldout2"):
        assert stats[f"{name}_correct"]["flagged"] == 0, name
        assert stats[name]["flagged"] == stats[name]["n"], name
