"""Measure narrator on the two real-like exports of scripts/make_real_like.py (no --fx given).

Prints, per export: rows read, share kept as deals, rejects and warnings by reason; for the
IT桔子-like 2016-08 article: placeholder investors, "的0.x倍" phrasings and the check verdict.

Run: python scripts/measure_real_like.py
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from narrator.check import check_article
from narrator.config import Settings
from narrator.draft import draft_builtin
from narrator.facts import compute_facts
from narrator.ingest import ingest
from narrator.ingest.placeholders import investor_placeholders, placeholder_key
from narrator.markup import strip_markers
from narrator.pipeline import Inputs, data_summary

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def _reasons(frame) -> str:
    counts = Counter(re.sub(r"'.*'|\d{4}-\d{2}|[A-Z]{3} in|(?<=duplicate of ).*", "…", r) for r in frame["reason"])
    return "; ".join(f"{n} × {r}" for r, n in counts.most_common(6)) or "none"


def main() -> None:
    """Print the measurements."""
    for name, columns, month in (("itjuzi_like.csv", None, "2016-08"),
                                 ("crunchbase_like.csv", DATA / "crunchbase_like.toml", "2013-06")):
        built = ingest(DATA / name, columns=columns)
        print(f"{name}: {built.rows_read} rows, kept {len(built.events)} as deals "
              f"({len(built.events) / built.rows_read:.1%}), {built.duplicates} duplicates, "
              f"{len(built.rejects) - built.duplicates} rejected, {len(built.warnings)} warnings")
        print(f"  rejects: {_reasons(built.rejects)}")
        print(f"  warnings: {_reasons(built.warnings)}")
        info = data_summary(built, Inputs(DATA / name), month)
        facts = compute_facts(built.events, month, info)
        markup = draft_builtin(facts, Settings(), {})
        text = strip_markers(markup)
        investors = {placeholder_key(n) for names in built.events["investors"] for n in names}
        report = check_article(text, facts, markup=markup)
        backwards = len(re.findall(r"的0[.]\d+倍", text))
        print(f"  {month}: {info['month_rows']}")
        print(f"  {month}: FX sources {info['fx']['report_month_sources']}; placeholder investors in the table: "
              f"{len(investors & investor_placeholders())}; '未透露' in article: {text.count('未透露')}; "
              f"'的0.x倍': {backwards}; check "
              f"{'passed' if report.ok else 'FAILED'} ({report.counts.get('ok', 0)} verified, "
              f"{report.problem_count} problems)")


if __name__ == "__main__":
    main()
