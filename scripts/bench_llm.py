"""Benchmark: LLM drafting against the scripted test server with 1 s latency per call.

Prints the wall time of drafting all sections concurrently next to one by one, and the
prompt tokens of the whole article next to one prompt that carries the month's raw rows.
Run: python scripts/bench_llm.py [--latency 1.0]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--latency", type=float, default=1.0)
    parser.add_argument("--port", type=int, default=18766)
    args = parser.parse_args()
    import openai  # noqa: F401  (imported before timing: a one-off cost, not per call)
    from fake_llm_server import serve

    from narrator.compose.llm_sections import draft_sections_async
    from narrator.config import Settings
    from narrator.draft.llm import LLMSettings
    from narrator.draft.prompting import build_prompts, count_tokens
    from narrator.facts import compute_facts
    from narrator.ingest import ingest
    from narrator.resources import sample_data_dir

    built = ingest(sample_data_dir())
    facts = compute_facts(built.events, "2025-11")
    server = serve(args.port, args.latency)
    try:
        timings = {}
        for label, concurrency in (("concurrent (limit 4)", 4), ("one by one", 1)):
            with tempfile.TemporaryDirectory() as cache:
                llm = LLMSettings(api_key="dummy-credential-for-bench", base_url=f"http://127.0.0.1:{args.port}/v1",
                                  model="scripted-good", concurrency=concurrency, cache_dir=Path(cache))
                t = time.perf_counter()
                outcomes = asyncio.run(draft_sections_async(facts, Settings(), llm))
                timings[label] = time.perf_counter() - t
                assert all(o.source == "llm" for o in outcomes), [o.error for o in outcomes]
        n = len(outcomes)
        print(f"{n} sections, {args.latency:.1f}s latency per call")
        for label, seconds in timings.items():
            print(f"  {label:<22}: {seconds:.2f}s")
        print(f"  concurrent / single call = {timings['concurrent (limit 4)'] / args.latency:.2f} (aim: <= 1.5)")
    finally:
        server.shutdown()

    prompts = build_prompts(facts, Settings(), 1500)
    ours = sum(p.tokens for p in prompts)
    month = built.events[built.events["month"] == "2025-11"]
    rows = month[["company", "date", "round_raw", "amount_text", "investors", "country", "layer", "sector"]].copy()
    rows["investors"] = rows["investors"].map("、".join)
    raw_prompt = [prompts[0].messages[0], {"role": "user", "content": "以下是本月全部融资事件，请撰写报告：\n" + rows.to_csv(index=False)}]
    raw = count_tokens(raw_prompt)
    print(f"prompt tokens: all sections {ours:,} vs one prompt with the month's {len(month)} raw rows {raw:,} "
          f"(ratio {ours / raw:.2f}; aim: <= 0.20)")


if __name__ == "__main__":
    main()
