"""Benchmark: ingest a generated 1,000,000-row export; rows/s, peak memory, ratio to pandas.read_csv.

Ratios are against a plain default ``pd.read_csv(path)`` (what a user would write), and, for
reference, ``read_csv(dtype=str, keep_default_na=False)``. Also times ``narrate facts --month``
with an empty parse cache (the first run parses and fills the cache), then repeated runs that
read it.

Each measurement runs in a fresh interpreter (imports included, as a user pays them). With
``--repeat N`` the plain read, the ingest and the repeated ``narrate facts`` are interleaved N
times, so that a change of load on a shared machine hits all three alike; every ratio is the
run's time over the plain read of the same round, and the ranges are printed.

Run: python scripts/bench_ingest.py [--rows N] [--repeat N]
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np


def make_export(path: Path, rows: int, seed: int = 7) -> None:
    """A realistic export: repeated amount/round/country strings, 24 months."""
    rng = np.random.default_rng(seed)
    amounts = np.array(["数千万人民币", "未披露", "1.5亿美元", "2,300万美元", "5000万人民币", "数百万人民币", "近亿人民币",
                        "3亿人民币", "未透露", "1.2亿美元", "800万美元", "亿元及以上人民币", "数亿人民币", "$2.3B"])
    rounds = np.array(["天使轮", "A轮", "A+轮", "Pre-A轮", "B轮", "C轮", "D轮", "战略投资", "股权投资", "Series A", "Seed", "IPO上市"])
    places = np.array(["北京", "上海", "深圳", "杭州", "美国", "以色列", "日本", "英国", "加拿大", "新加坡", "中国香港"])
    layers = np.array(["基础层", "模型层", "中间层", "应用层"])
    months = [f"{y}-{m:02d}" for y in (2024, 2025) for m in range(1, 13)]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["公司名称", "融资时间", "轮次", "金额", "投资方", "地区", "行业", "层级"])
        idx = rng.integers(0, 1 << 30, size=(rows, 7))
        for i in range(rows):
            r = idx[i]
            w.writerow([f"公司{r[0] % 200000}", f"{months[r[1] % 24]}-{r[2] % 28 + 1:02d}", rounds[r[3] % len(rounds)],
                        amounts[r[4] % len(amounts)], f"资本{r[5] % 500}、创投{r[6] % 300}", places[r[6] % len(places)],
                        "企业服务", layers[r[2] % 4]])


def fx_for_all_months(path: Path) -> None:
    lines = ["month,currency,cny_per_unit"] + [f"{y}-{m:02d},{c},{v}" for y in (2024, 2025) for m in range(1, 13)
                                                 for c, v in (("USD", 7.1), ("HKD", 0.91))]
    path.write_text("\n".join(lines) + "\n")


def _run(code: str) -> tuple[float, float]:
    """Time a snippet in a fresh interpreter; returns (seconds, peak RSS MiB)."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, rss = out.stdout.strip().splitlines()[-1].split()
    return float(seconds), float(rss)


MEASURE = """
import time, resource
t = time.perf_counter()
{body}
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def _span(values: list[float], fmt: str = "{:.2f}") -> str:
    low, high = min(values), max(values)
    return fmt.format(low) if low == high else f"{fmt.format(low)}–{fmt.format(high)}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="interleaved rounds of plain read, ingest, repeated facts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        export, fx = Path(tmp) / "export.csv", Path(tmp) / "fx.csv"
        t = time.perf_counter()
        make_export(export, args.rows)
        fx_for_all_months(fx)
        print(f"generated {args.rows:,} rows ({export.stat().st_size / 2**20:.0f} MiB) in {time.perf_counter() - t:.1f}s")
        read_s, read_mb = _run(MEASURE.format(body=f"import pandas as pd; pd.read_csv({str(export)!r}, dtype=str, keep_default_na=False)"))
        print(f"pandas.read_csv(path, dtype=str) : {read_s:6.2f}s  peak {read_mb:7.0f} MiB (reference)")
        narrate = str(Path(sys.executable).with_name("narrate"))
        env = dict(os.environ, NARRATOR_CACHE_DIR=str(Path(tmp) / "cache"))
        cmd = [narrate, "facts", "--month", "2025-06", "--data", str(export), "--fx", str(fx), "--json"]
        t = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
        print(f"narrate facts --month, first run (parses, fills the cache): {time.perf_counter() - t:.2f}s")
        plain, ingest, facts = [], [], []
        for round_ in range(1, args.repeat + 1):
            plain_s, plain_mb = _run(MEASURE.format(body=f"import pandas as pd; pd.read_csv({str(export)!r})"))
            ing_s, ing_mb = _run(MEASURE.format(body=(
                "from narrator.ingest import ingest; from pathlib import Path; "
                f"b = ingest(Path({str(export)!r}), fx=Path({str(fx)!r})); import sys; print(len(b.events), len(b.rejects), file=sys.stderr)")))
            t = time.perf_counter()
            subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
            facts_s = time.perf_counter() - t
            plain.append(plain_s), ingest.append(ing_s), facts.append(facts_s)
            print(f"round {round_}: pandas.read_csv(path) {plain_s:5.2f}s (peak {plain_mb:4.0f} MiB) | narrator ingest "
                  f"{ing_s:5.2f}s (peak {ing_mb:4.0f} MiB, {args.rows / ing_s:,.0f} rows/s) | repeated narrate facts "
                  f"{facts_s:5.2f}s | ratios {ing_s / plain_s:.2f}, {facts_s / plain_s:.2f}")
        ingest_ratio = [i / p for i, p in zip(ingest, plain)]
        facts_ratio = [f / p for f, p in zip(facts, plain)]
        print(f"pandas.read_csv(path)            : {_span(plain)}s")
        print(f"narrator ingest                  : {_span(ingest)}s")
        print(f"repeated narrate facts --month   : {_span(facts)}s")
        print(f"ratio ingest / plain read_csv = {_span(ingest_ratio)}, median {statistics.median(ingest_ratio):.2f} "
              f"(aim: <= 3); / read_csv(dtype=str) = {_span([i / read_s for i in ingest])}")
        print(f"ratio repeated facts / plain read_csv = {_span(facts_ratio)}, median {statistics.median(facts_ratio):.2f} "
              f"(aim: <= 1.5)")


if __name__ == "__main__":
    main()
