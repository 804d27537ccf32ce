"""The labelled corpus (scripts/make_check_corpus.py) held to the issue's quality bar."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from eval_checker import evaluate  # noqa: E402


def test_checker_quality_on_labelled_corpus():
    stats = evaluate()
    assert sum(s["n"] for s in stats.values()) >= 300
    assert stats["correct"]["flagged"] == 0  # not one false alarm on a correct sentence
    for kind in ("digit", "magnitude", "unit", "qualifier"):
        assert stats[kind]["flagged"] / stats[kind]["n"] >= 0.99, kind
    assert stats["wrong_place"]["flagged"] / stats["wrong_place"]["n"] >= 0.95
    for kind in ("month", "derived", "seed"):
        assert stats[kind]["flagged"] == stats[kind]["n"], kind
