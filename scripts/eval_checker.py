"""Precision and recall of the checker on tests/check_corpus.jsonl, per error kind.

A sentence counts as flagged when any of its numbers is wrong or unsupported.
Run: python scripts/eval_checker.py [--show KIND]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def evaluate(show: str | None = None) -> dict[str, dict[str, float]]:
    from narrator.check import check_article
    from narrator.facts import compute_facts
    from narrator.ingest import ingest
    from narrator.resources import sample_data_dir

    built = ingest(sample_data_dir())
    facts_by_month: dict[str, object] = {}
    stats: dict[str, dict[str, int]] = {}
    for line in (ROOT / "tests" / "check_corpus.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        month = row["month"]
        if month not in facts_by_month:
            facts_by_month[month] = compute_facts(built.events, month)
        report = check_article(row["text"], facts_by_month[month])
        flagged = not report.ok
        s = stats.setdefault(row["kind"], {"n": 0, "flagged": 0})
        s["n"] += 1
        s["flagged"] += flagged
        wrongly = flagged if row["kind"] == "correct" else not flagged
        if show and row["kind"] == show and wrongly:
            print(f"[{month}] {row['text']}")
            for m in report.problems:
                print(f"    {m.text}: {m.verdict} {m.fact_id} {m.reason}")
    return stats


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", help="print the misclassified sentences of this kind")
    args = parser.parse_args()
    stats = evaluate(args.show)
    correct = stats.get("correct", {"n": 0, "flagged": 0})
    errors_flagged = sum(s["flagged"] for k, s in stats.items() if k != "correct")
    total_flagged = errors_flagged + correct["flagged"]
    print(f"{'kind':<12} {'sentences':>9} {'flagged':>8} {'recall':>8}")
    for kind, s in sorted(stats.items()):
        if kind == "correct":
            continue
        print(f"{kind:<12} {s['n']:>9} {s['flagged']:>8} {s['flagged'] / s['n']:>8.1%}")
    print(f"{'correct':<12} {correct['n']:>9} {correct['flagged']:>8}  false alarms: {correct['flagged']}")
    if total_flagged:
        print(f"precision (flagged sentences that hold an error): {errors_flagged / total_flagged:.1%}")


if __name__ == "__main__":
    main()
