"""Benchmark: `narrate --help`, `narrate --month 2025-11 --offline`, and the checker.

Run: python scripts/bench_article.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NARRATE = str(Path(sys.executable).with_name("narrate"))


def wall(cmd: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=False, capture_output=True)
        times.append(time.perf_counter() - t)
    return times


def main() -> None:
    helps = wall([NARRATE, "--help"], 5)
    print(f"narrate --help                 : median {statistics.median(helps):.3f}s  (runs {', '.join(f'{t:.3f}' for t in helps)})")
    with tempfile.TemporaryDirectory() as out:
        runs = wall([NARRATE, "--month", "2025-11", "--offline", "--out", out], 3)
        print(f"narrate --month 2025-11 --offline: median {statistics.median(runs):.2f}s  (runs {', '.join(f'{t:.2f}' for t in runs)})")
        article = (Path(out) / "2025-11" / "article.md").read_text(encoding="utf-8")

    from narrator.check import check_article
    from narrator.facts import compute_facts
    from narrator.ingest import ingest
    from narrator.resources import sample_data_dir

    facts = compute_facts(ingest(sample_data_dir()).events, "2025-11")
    check_article(article, facts)  # warm up regexes
    t = time.perf_counter()
    for _ in range(10):
        report = check_article(article, facts)
    per_article = (time.perf_counter() - t) / 10
    print(f"check the 2025-11 article      : {per_article * 1000:.1f} ms for {len(article):,} chars, "
          f"{len(report.mentions)} mentions")
    for size in (25_000, 50_000, 100_000):
        text = (article * (size // len(article) + 1))[:size]
        t = time.perf_counter()
        check_article(text, facts)
        print(f"check {size:>7,}-char text       : {time.perf_counter() - t:.2f}s")


if __name__ == "__main__":
    main()
