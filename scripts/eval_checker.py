"""Precision and recall of the checker on tests/check_corpus.jsonl, per error kind, and on
three hand-written sets of free prose (tests/check_prose*.jsonl) phrased as an editor or an
LLM would write, not as narrator's templates do.

A sentence counts as flagged when any of its numbers is wrong or unsupported.
Run: python scripts/eval_checker.py [--show KIND]   (KIND may also be prose, prose_heldout…)
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
    rows = [json.loads(line) for line in (ROOT / "tests" / "check_corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    for name in ("prose", "prose_heldout", "prose_heldout2"):
        for line in (ROOT / "tests" / f"check_{name}.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            rows.append(row | {"kind": name if not row["ok"] else f"{name}_correct"})
    for row in rows:
        month = row["month"]
        if month not in facts_by_month:
            facts_by_month[month] = compute_facts(built.events, month)
        report = check_article(row["text"], facts_by_month[month])
        flagged = not report.ok
        s = stats.setdefault(row["kind"], {"n": 0, "flagged": 0})
        s["n"] += 1
        s["flagged"] += flagged
        wrongly = flagged if row["kind"].endswith("correct") else not flagged
        if show and row["kind"].startswith(show) and wrongly:
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
    errors_flagged = sum(s["flagged"] for k, s in stats.items() if not k.endswith("correct") and not k.startswith("prose"))
    total_flagged = errors_flagged + correct["flagged"]
    print(f"{'kind':<12} {'sentences':>9} {'flagged':>8} {'recall':>8}")
    for kind, s in sorted(stats.items()):
        if kind.endswith("correct") or kind.startswith("prose"):
            continue
        print(f"{kind:<12} {s['n']:>9} {s['flagged']:>8} {s['flagged'] / s['n']:>8.1%}")
    print(f"{'correct':<12} {correct['n']:>9} {correct['flagged']:>8}  false alarms: {correct['flagged']}")
    if total_flagged:
        print(f"precision (flagged sentences that hold an error): {errors_flagged / total_flagged:.1%}")
    for name in ("prose", "prose_heldout", "prose_heldout2"):
        errors, fine = stats[name], stats[f"{name}_correct"]
        print(f"free prose ({name}): {errors['flagged']}/{errors['n']} errors caught, "
              f"{fine['flagged']}/{fine['n']} correct sentences flagged")


if __name__ == "__main__":
    main()
