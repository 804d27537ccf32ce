"""Benchmark the number checker: the sample article, then 25k / 50k / 100k characters of it.

Each tree is timed in a fresh interpreter; the article time is the mean of the best five of
nine checks (after one untimed check), the long texts one check each (they show whether the
checker stays linear). With ``--against SRC`` (another checkout's ``src`` directory) the two
trees alternate, round by round, so a loaded machine affects both alike.

Run: python scripts/bench_check.py [--rounds 3] [--against /path/to/other/src]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TIMER = r'''
import sys, time
sys.path.insert(0, sys.argv[1])
from narrator.check import check_article
from narrator.facts import compute_facts
from narrator.ingest import ingest
from narrator.resources import sample_data_dir
facts = compute_facts(ingest(sample_data_dir()).events, "2025-11")
article = sys.argv[2]
check_article(article, facts)
times = []
for _ in range(9):
    start = time.perf_counter(); check_article(article, facts); times.append(time.perf_counter() - start)
times.sort()
out = [sum(times[:5]) / 5 * 1000]
for size in (25_000, 50_000, 100_000):
    text = (article * (size // len(article) + 1))[:size]
    start = time.perf_counter(); check_article(text, facts); out.append(time.perf_counter() - start)
print(f"article {out[0]:.1f} ms; 25k {out[1]:.2f} s; 50k {out[2]:.2f} s; 100k {out[3]:.2f} s")
'''


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--against", help="another checkout's src directory, timed alternately")
    args = parser.parse_args()
    article_path = ROOT / "out" / "2025-11" / "article.md"
    if not article_path.exists():
        sys.exit(f"{article_path} is missing: run `narrate --month 2025-11` first")
    article = article_path.read_text(encoding="utf-8")
    trees = {"this tree": str(ROOT / "src")} | ({"against": args.against} if args.against else {})
    for round_ in range(args.rounds):
        for name, src in trees.items():
            run = subprocess.run([sys.executable, "-c", TIMER, src, article], capture_output=True, text=True)
            print(f"round {round_ + 1}, {name}: {run.stdout.strip() or run.stderr.strip()[-300:]}")


if __name__ == "__main__":
    main()
