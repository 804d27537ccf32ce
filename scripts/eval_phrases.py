"""Measure the checker on the phrase bank (tests/phrase_bank/*.jsonl): many writers' wordings of
the same figures, as templates with slots naming facts.

Each template is filled twice over:
- with every slot's true display value: the sentence is true, so the checker must pass it;
- with one slot given a sibling fact's value (the other region, the other measure, last month,
  the next country, round, layer, deal or investor of the ranking): the sentence is false, so
  the checker must flag it. Siblings whose display equals the true one are skipped.

The bank was written by helpers who never read the checker. Templates with odd numbers are
the tuning half; even numbers are the held-out half, measured once (``--half heldout``).

Run: python scripts/eval_phrases.py [--half tune|heldout|all] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from eval_prose import facts_for  # noqa: E402

from narrator.check import check_article  # noqa: E402
from narrator.model import MonthFacts  # noqa: E402

BANK = ROOT / "tests" / "phrase_bank"
# Measures a writer can confuse, in pairs of the same unit.
OTHER_MEASURE = {"events_share": "amount_share", "amount_share": "events_share", "mom_events": "mom_amount",
                 "mom_amount": "mom_events", "avg_amount": "median_amount", "median_amount": "avg_amount",
                 "events": "prev_events", "prev_events": "events", "amount": "prev_amount", "prev_amount": "amount",
                 "top5_share": "top10_share", "top10_share": "top5_share"}
OTHER_REGION = {"domestic": "overseas", "overseas": "domestic", "global": "domestic"}


def fill(fact_display: str) -> str:
    """A slot's text: the display, without the direction word of a month-on-month change."""
    return re.sub(r"^(?:增长|下降)", "", fact_display)


def siblings(fact_id: str, facts: MonthFacts) -> list[str]:
    """Facts a writer could put in this slot by mistake: same unit, another subject or measure."""
    parts = fact_id.split(".")
    out = []
    if parts[-1] in OTHER_MEASURE:
        out.append(".".join([*parts[:-1], OTHER_MEASURE[parts[-1]]]))
    if parts[0] in OTHER_REGION:
        out.append(".".join([OTHER_REGION[parts[0]], *parts[1:]]))
    for i, part in enumerate(parts[:-1]):
        if part.isdigit():  # deal.global.3 → deal.global.4 (or 2): the next of the ranking
            out += [".".join([*parts[:i], str(int(part) + step), *parts[i + 1:]]) for step in (1, -1)]
        elif i > 0 and parts[i - 1] in ("country", "round", "layer", "stage"):
            prefix = ".".join(parts[:i])
            peers = sorted({f.split(".")[i] for f in facts.facts if f.startswith(prefix + ".") and f.endswith("." + parts[-1])
                            and len(f.split(".")) == len(parts)} - {part})
            out += [".".join([*parts[:i], peer, *parts[i + 1:]]) for peer in peers[:2]]
    return [f for f in dict.fromkeys(out) if f in facts.facts and f != fact_id]


def evaluate(half: str = "tune", verbose: bool = False) -> dict[str, Any]:
    """Fill every template of the half; count true sentences passed and false ones flagged."""
    counts: Counter[str] = Counter()
    by_family: Counter[str] = Counter()
    lines = []
    for path in sorted(BANK.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            number = int(item["id"].rsplit("-", 1)[1])
            if half != "all" and (number % 2 == 1) != (half == "tune"):
                continue
            facts = facts_for(item["dataset"])
            slots = item["slots"]
            if any(s not in facts.facts for s in slots.values()):
                counts["skipped"] += 1
                continue
            truth = {k: fill(facts.facts[s].display) for k, s in slots.items()}
            text = item["template"].format(**truth)
            problems = [m for m in check_article(text, facts).problems]
            counts["true"] += 1
            if problems:
                counts["true_rejected"] += 1
                by_family[item["family"] + " rejected"] += 1
                lines.append(f"  FALSE {item['id']} {text} | " + "; ".join(f"{m.text}: {m.reason[:70]}" for m in problems[:2]))
            for key, fact_id in slots.items():
                for other in siblings(fact_id, facts):
                    wrong = fill(facts.facts[other].display)
                    if wrong == truth[key] or wrong == "持平":
                        continue
                    twin = item["template"].format(**{**truth, key: wrong})
                    counts["false"] += 1
                    if not check_article(twin, facts).problems:
                        counts["false_passed"] += 1
                        by_family[item["family"] + " missed"] += 1
                        lines.append(f"  MISS  {item['id']} {twin} | {key}={other} (true: {fact_id})")
    result = {"half": half, "true": counts["true"], "true_passed": counts["true"] - counts["true_rejected"],
              "false": counts["false"], "false_flagged": counts["false"] - counts["false_passed"],
              "by_family": dict(by_family), "lines": lines}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("tune", "heldout", "all"), default="tune")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    r = evaluate(args.half, args.verbose)
    print(f"== phrase bank, {r['half']} half")
    print(f"true sentences passed:   {r['true_passed']}/{r['true']} ({r['true_passed'] / max(r['true'], 1):.1%})")
    print(f"false sentences flagged: {r['false_flagged']}/{r['false']} ({r['false_flagged'] / max(r['false'], 1):.1%})")
    for key, n in sorted(r["by_family"].items()):
        print(f"  {key:28} {n}")
    if args.verbose:
        print("\n".join(r["lines"]))


if __name__ == "__main__":
    main()
