"""LLM section drafting, the parts that need no checker: outcomes, cleaning, dry-run costs.

The draft → check → repair loop itself lives in ``narrator.compose.llm_sections``, after the
checker stage it depends on.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from ..config import Settings
from ..model import MonthFacts
from .llm import Completion, LLMSettings
from .prompting import build_prompts


@dataclass
class SectionOutcome:
    """What happened to one section (recorded in check.json)."""

    section: str
    source: str = "builtin"  # llm | llm-repaired | builtin (fallback)
    calls: int = 0
    cached_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    waits: list[float] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    text: str | None = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("text")
        return d


def clean_draft(text: str) -> str:
    """Drop code fences and headings a model may add; keep paragraphs and lists."""
    text = re.sub(r"^```[a-z]*\s*$", "", text.strip(), flags=re.M)
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    return "\n".join(lines).strip()


def failure(c: Completion) -> str | None:
    """Why a completion cannot be used as a draft at all (before checking its numbers)."""
    if c.refusal:
        return "refused"
    if c.finish_reason == "length":
        return "truncated (finish_reason=length)"
    if not c.content.strip():
        return "empty"
    return None


def dry_run_rows(facts: MonthFacts, settings: Settings, llm: LLMSettings) -> list[dict[str, Any]]:
    """Per section: prompt tokens, max output tokens and estimated cost; calls nothing."""
    price_in, price_out = llm.prices.get(llm.model, (0.0, 0.0))
    rows = []
    for p in build_prompts(facts, settings, llm.prompt_budget):
        cost = (p.tokens * price_in + llm.max_output_tokens * price_out) / 1e6
        rows.append({"section": p.section, "prompt_tokens": p.tokens, "max_output_tokens": llm.max_output_tokens,
                     "facts": len(p.fact_ids), "dropped": p.dropped, "cost_usd": cost,
                     "priced": llm.model in llm.prices})
    return rows
