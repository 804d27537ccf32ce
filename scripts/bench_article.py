"""Benchmark: `narrate --help`, `narrate --month 2025-11 --offline`, and the checker.

Run: python scripts/bench_article.py [--runs N] [--against LABEL=SRC ...]

`--against before=/tmp/old/src` times another source tree (e.g. a `git archive` of an older
commit, its src/ folder) with the same interpreter. After one untimed run per tree (modules
compiled, parse cache filled), the trees' runs are interleaved (A B A B …) so a machine shared
with other work slows them alike; each line gives the range over the runs and the median, the
CPU time (less disturbed by other work than the wall time) and the chart stage ("绘制图表") as
narrate reports it.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "src"
LAUNCH = "import sys; from narrator.cli import main; sys.argv[0] = 'narrate'; main()"
STAGE = re.compile(r"✓ (\S+) \(([\d.]+)s\)")


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(src: Path, args: list[str]) -> tuple[float, float, dict[str, float]]:
    """Wall and CPU time (user + system, all its processes) of one `narrate ARGS` run from
    source tree ``src``, and its stage times."""
    # Modules are compiled once and reused, as in an installed narrator (a shell that sets
    # PYTHONDONTWRITEBYTECODE would otherwise make every run compile narrator's 60 modules again).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"PYTHONPATH": str(src)}
    t, cpu = time.perf_counter(), cpu_of_children()
    done = subprocess.run([sys.executable, "-c", LAUNCH, *args], check=False, capture_output=True,
                          text=True, env=env)
    wall, cpu = time.perf_counter() - t, cpu_of_children() - cpu
    if done.returncode not in (0, 1):
        raise SystemExit(f"narrate from {src} failed ({done.returncode}): {done.stderr[-500:]}")
    return wall, cpu, {name: float(s) for name, s in STAGE.findall(done.stderr)}


def spread(xs: list[float], unit: str = "s", digits: int = 2) -> str:
    return (f"{min(xs):.{digits}f}–{max(xs):.{digits}f}{unit} (median {statistics.median(xs):.{digits}f}; "
            f"runs {', '.join(f'{x:.{digits}f}' for x in xs)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of narrate --month per tree (default 5)")
    parser.add_argument("--against", action="append", default=[], metavar="LABEL=SRC",
                        help="another source tree to time, interleaved with this one")
    opts = parser.parse_args()
    trees = {"this": HERE} | {k: Path(v) for k, v in (a.split("=", 1) for a in opts.against)}

    helps: dict[str, list[float]] = {k: [] for k in trees}
    walls: dict[str, list[float]] = {k: [] for k in trees}
    cpus: dict[str, list[float]] = {k: [] for k in trees}
    charts: dict[str, list[float]] = {k: [] for k in trees}
    with tempfile.TemporaryDirectory() as out:
        for label, src in trees.items():  # untimed: compiles the modules and fills the parse cache
            run(src, ["--month", "2025-11", "--offline", "--out", f"{out}/{label}"])
        for _ in range(opts.runs):
            for label, src in trees.items():  # interleaved: every tree once per round
                helps[label].append(run(src, ["--help"])[0])
                wall, cpu, stages = run(src, ["--month", "2025-11", "--offline", "--out", f"{out}/{label}"])
                walls[label].append(wall)
                cpus[label].append(cpu)
                charts[label].append(stages.get("绘制图表", float("nan")))
        article = (Path(out) / "this" / "2025-11" / "article.md").read_text(encoding="utf-8")
    for label in trees:
        print(f"[{label}] narrate --help                   : {spread(helps[label], digits=3)}")
        print(f"[{label}] narrate --month 2025-11 --offline: {spread(walls[label])}")
        print(f"[{label}]   CPU time (user + system)       : {spread(cpus[label])}")
        print(f"[{label}]   绘制图表 (charts), as reported : {spread(charts[label])}")

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
