"""The phrase bank (tests/phrase_bank/): many writers' wordings of the same figures, filled with
true values (must pass) and with a sibling fact's value (must be flagged).

Only the tuning half (odd template numbers) runs here; the held-out half is measured by
``scripts/eval_phrases.py --half heldout`` (figures in the README)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from eval_phrases import evaluate, siblings  # noqa: E402


def test_tuning_half_holds_its_figures():
    result = evaluate("tune")
    assert result["true"] > 250 and result["false"] > 1000
    assert result["true_passed"] / result["true"] >= 0.93
    assert result["false_flagged"] / result["false"] >= 0.96


def test_siblings_are_the_confusable_facts(nov_facts):
    assert set(siblings("domestic.events_share", nov_facts)) == {"domestic.amount_share", "overseas.events_share"}
    assert "deal.global.4.amount" in siblings("deal.global.3.amount", nov_facts)
    assert all(s != "deal.global.3.amount" for s in siblings("deal.global.3.amount", nov_facts))
