"""Benchmark: compute every fact of one month from a 1,000,000-row, 24-month event table.

Prints the time to load the canonical table (Parquet) next to the time to compute the
month's facts; the aim is compute <= load. Run: python scripts/bench_facts.py [--rows N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench_ingest import fx_for_all_months, make_export


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--month", default="2025-11")
    args = parser.parse_args()

    from narrator.facts import compute_facts
    from narrator.ingest import ingest, read_events

    with tempfile.TemporaryDirectory() as tmp:
        export, fx, table = Path(tmp) / "export.csv", Path(tmp) / "fx.csv", Path(tmp) / "events.parquet"
        make_export(export, args.rows)
        fx_for_all_months(fx)
        t = time.perf_counter()
        ingest(export, fx=fx).events.to_parquet(table, index=False)
        ingest_s = time.perf_counter() - t
        loads, computes = [], []
        for _ in range(3):  # medians of three runs: single timings on a shared machine are noisy
            t = time.perf_counter()
            events = read_events(table)
            loads.append(time.perf_counter() - t)
            t = time.perf_counter()
            facts = compute_facts(events, args.month)
            computes.append(time.perf_counter() - t)
        load, compute = sorted(loads)[1], sorted(computes)[1]
    rows = int((events["month"] == args.month).sum())
    print(f"table: {len(events):,} events over {events['month'].nunique()} months; {args.month}: {rows:,} events")
    print(f"load (Parquet)      : {load:6.2f}s  (runs: {', '.join(f'{x:.2f}' for x in loads)})")
    print(f"compute facts       : {compute:6.2f}s  (runs: {', '.join(f'{x:.2f}' for x in computes)};   {len(facts.facts):,} facts, {len(facts.insights)} insights)")
    print(f"ratio compute / load = {compute / load:.2f} (aim: <= 1)")
    print(f"(for scale: ingesting the same table from its CSV export took {ingest_s:.1f}s)")


if __name__ == "__main__":
    main()
