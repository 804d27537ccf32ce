"""Measure the prose lock on labelled LLM-style sections (tests/prose_corpus/*.jsonl).

Each corpus line is one whole section written in the voice of some model, either correct
(every figure true by facts.json) or with planted errors labelled by their exact substring.
Every section goes through narrator's real drafting loop (draft → check → repair → check →
use or fall back) with an in-process scripted model that serves the section and, on the
repair turn, is either stubborn (sends the same draft again) or obedient (does exactly what
the repair message says; tests/corpus_model.py).

Prints, per corpus file:
  correct sections used as drafted; correct sections used after repair;
  planted errors flagged (first pass), per kind; planted errors published (both modes);
  true figures made false and published under the obedient model.

Run: python scripts/eval_prose.py [tests/prose_corpus/tune.jsonl ...] [--verbose]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections import Counter
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from corpus_model import FINDING_RE, REPLACE_RE, respond  # noqa: E402

from narrator.check import check_article  # noqa: E402
from narrator.check.reading import find_mentions, scale_of  # noqa: E402
from narrator.compose.llm_sections import draft_sections_async  # noqa: E402
from narrator.config import Settings  # noqa: E402
from narrator.draft.llm import LLMSettings  # noqa: E402
from narrator.draft.sections import clean_draft  # noqa: E402
from narrator.facts import compute_facts  # noqa: E402
from narrator.ingest import ingest  # noqa: E402
from narrator.markup import strip_markers  # noqa: E402
from narrator.model import MonthFacts  # noqa: E402
from narrator.resources import sample_data_dir  # noqa: E402

DATASETS = {"sample-2025-11": (sample_data_dir, "2025-11"),
            "unseen-2025-10": (lambda: ROOT / "tests" / "data" / "unseen_export.csv", "2025-10")}
HEADINGS = {"融资数据结论": "conclusions", "钱去哪了": "money", "谁在参与": "players"}


@cache
def facts_for(dataset: str) -> MonthFacts:
    path, month = DATASETS[dataset]
    return compute_facts(ingest(path()).events, month)


class ScriptedClient:
    """Mimics ``AsyncOpenAI().chat.completions``: serves corpus sections, repairs as ``mode`` says."""

    def __init__(self, by_section: dict[str, str], mode: str) -> None:
        self.by_section, self.mode = by_section, mode
        self.repair_messages: list[str] = []
        self.chat = SimpleNamespace(completions=self)

    async def create(self, model: str, messages: list[dict[str, str]], **_: Any) -> Any:
        user = messages[1]["content"]
        section = next(v for k, v in HEADINGS.items() if f"“{k}”" in user)
        draft = self.by_section.get(section, "")
        if len(messages) > 2:  # a repair turn: act on the draft it quotes
            self.repair_messages.append(messages[-1]["content"])
            draft = respond(messages[-2]["content"], self.mode, messages[-1]["content"])
        message = SimpleNamespace(content=draft, refusal=None)
        return SimpleNamespace(choices=[SimpleNamespace(message=message, finish_reason="stop")], usage=None)

    async def close(self) -> None:
        return None


def run_loop(items: list[dict], mode: str) -> dict[str, Any]:
    """Drafts for items of one dataset (at most one per section) through the real loop."""
    facts = facts_for(items[0]["dataset"])
    client = ScriptedClient({it["section"]: it["text"] for it in items}, mode)
    llm = LLMSettings(api_key="scripted", base_url="http://scripted.invalid/v1", model=f"corpus-{mode}",
                      use_cache=False, cache_dir=None)
    outcomes = asyncio.run(draft_sections_async(facts, Settings(), llm, client=client))
    return {"outcomes": {o.section: o for o in outcomes}, "repairs": client.repair_messages}


def batches(items: list[dict]) -> list[list[dict]]:
    """Group items so each batch has one dataset and at most one item per section."""
    out: list[list[dict]] = []
    for item in items:
        slot = next((b for b in out if b[0]["dataset"] == item["dataset"]
                     and all(x["section"] != item["section"] for x in b)), None)
        if slot is None:
            out.append([item])
        else:
            slot.append(item)
    return out


def made_false(original: str, repairs: list[str], errors: list[dict]) -> list[str]:
    """Dictated replacements that changed a figure which was not a planted error."""
    bad = []
    for message in repairs:
        for m in FINDING_RE.finditer(message):
            value = REPLACE_RE.search(m.group("body"))
            if not value or m.group("figure") not in original:
                continue
            if any(m.group("figure") in e["substring"] or e["substring"] in m.group("figure") for e in errors):
                continue
            old, new = find_mentions(m.group("figure")), find_mentions(value.group("value"))
            if old and new and _same(old[0], new[0]):
                continue
            bad.append(f"{m.group('figure')} → {value.group('value')}")
    return bad


def _same(a: Any, b: Any) -> bool:
    """Do two written figures state the same value (within the first one's rounding)?"""
    va, vb = a.value * scale_of(a), b.value * scale_of(b)
    return abs(va - vb) <= 0.5 * 10 ** (-a.decimals) * abs(va / a.value if a.value else 1) + 1e-9


def evaluate(path: Path, verbose: bool) -> dict[str, Any]:
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    correct = [it for it in items if not it["errors"]]
    flawed = [it for it in items if it["errors"]]
    kinds_total: Counter[str] = Counter()
    kinds_flagged: Counter[str] = Counter()
    notes: list[str] = []
    false_alarms_in_flawed = 0
    for it in items:  # first pass: the checker alone
        text = clean_draft(it["text"])
        report = check_article(text, facts_for(it["dataset"]))
        spans = [(text.find(e["substring"]), text.find(e["substring"]) + len(e["substring"])) for e in it["errors"]]
        for e, (a, b) in zip(it["errors"], spans):
            kinds_total[e["kind"]] += 1
            hit = any(m.start < b and a < m.end for m in report.problems)
            kinds_flagged[e["kind"]] += hit
            if not hit:
                notes.append(f"MISS {it['id']} [{e['kind']}] {e['substring']} — {e.get('truth', '')}")
        for m in report.problems:
            if not any(m.start < b and a < m.end for a, b in spans):
                false_alarms_in_flawed += bool(it["errors"])
                notes.append(f"FALSE {it['id']} {m.verdict}: {m.text} — {m.reason} | "
                             f"…{text[max(0, m.start - 30):m.end + 10]}…")
    results: dict[str, Any] = {}
    for mode in ("stubborn", "obedient"):
        sources: dict[str, str] = {}
        published_errors: list[str] = []
        falsified: list[str] = []
        for batch in batches(items):
            run = run_loop(batch, mode)
            for it in batch:
                o = run["outcomes"][it["section"]]
                sources[it["id"]] = o.source
                if o.text is None:
                    continue
                published = strip_markers(o.text)
                published_errors += [f"{it['id']} {e['substring']}" for e in it["errors"] if e["substring"] in published]
                falsified += [f"{it['id']} {x}" for x in made_false(it["text"], run["repairs"], it["errors"])
                              if x.split(" → ")[1] in published]
        results[mode] = {"drafted": sum(sources[it["id"]] == "llm" for it in correct),
                         "used": sum(sources[it["id"]] != "builtin" for it in correct),
                         "published_errors": published_errors, "falsified": falsified}
    n_err = sum(kinds_total.values())
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    print(f"== {shown}: {len(correct)} correct sections, {len(flawed)} flawed, {n_err} planted errors")
    print(f"correct sections used as drafted:      {results['stubborn']['drafted']}/{len(correct)}"
          f" ({100 * results['stubborn']['drafted'] / max(1, len(correct)):.1f}%)")
    for mode in ("stubborn", "obedient"):
        r = results[mode]
        print(f"correct sections used after repair ({mode}): {r['used']}/{len(correct)}"
              f" ({100 * r['used'] / max(1, len(correct)):.1f}%)")
    flagged = sum(kinds_flagged.values())
    print(f"planted errors flagged:                {flagged}/{n_err} ({100 * flagged / max(1, n_err):.1f}%)")
    for kind in sorted(kinds_total):
        print(f"  {kind:<13} {kinds_flagged[kind]}/{kinds_total[kind]}")
    print(f"false alarms on unlabelled figures of flawed sections: {false_alarms_in_flawed}")
    for mode in ("stubborn", "obedient"):
        print(f"planted errors published ({mode}): {len(results[mode]['published_errors'])}")
    print(f"true figures made false and published (obedient): {len(results['obedient']['falsified'])}")
    results["flagged_share"] = flagged / max(1, n_err)
    for r in (results["stubborn"], results["obedient"]):
        r["drafted_share"] = r["drafted"] / max(1, len(correct))
        r["used_share"] = r["used"] / max(1, len(correct))
    if verbose:
        for line in notes + [f"PUBLISHED {x}" for m in ("stubborn", "obedient") for x in results[m]["published_errors"]] + \
                [f"FALSIFIED {x}" for x in results["obedient"]["falsified"]]:
            print("  " + line)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=[ROOT / "tests" / "prose_corpus" / "tune.jsonl"])
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    for path in args.files:
        evaluate(path.resolve(), args.verbose)


if __name__ == "__main__":
    main()
