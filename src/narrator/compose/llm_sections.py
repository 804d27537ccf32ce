"""Stage 3 with an LLM: draft narrative sections concurrently, check each, repair once, else fall back.

The saved article never contains an unverified number: a section is used only if the
checker finds every one of its figures supported; otherwise one repair call quotes the
findings; if that fails too, the built-in text stands and check.json says so.
"""

from __future__ import annotations

import asyncio
import re
import time
from typing import Any, Callable

from ..check import CheckReport, Mention, check_article
from ..check.report import Verdict
from ..config import Settings
from ..draft.llm import Completion, DiskCache, LLMError, LLMSettings, complete, make_client, redact
from ..draft.prompting import Finding, Prompt, build_prompts, repair_messages
from ..draft.references import resolve_references
from ..draft.sections import SectionOutcome, clean_draft, failure
from ..markup import mark_fact
from ..model import Fact, MonthFacts
from .citations import apply_citations


def mark_figures(text: str, mentions: list[Mention], flag: Callable[[Mention], str | None] | None = None) -> str:
    """Wrap each verified figure in the writer's fact marker, so HTML and Word can explain it.

    ``flag`` gives a marker id for a figure that failed its check (narrate render --force shows
    it in red), or None to leave it as written. Overlapping mentions keep the first.
    """
    out, pos = [], 0
    for m in sorted(mentions, key=lambda x: x.start):
        if m.start < pos:
            continue
        fid = m.fact_id if m.verdict == Verdict.OK and m.fact_id else (flag(m) if flag else None)
        if not fid:
            continue
        out.append(text[pos:m.start])
        out.append(mark_fact(fid, text[m.start:m.end]))
        pos = m.end
    out.append(text[pos:])
    return "".join(out)


_SENTENCE_END = "。！？!?\n"


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds text[start:end], as the repair turn quotes it."""
    a = max(text.rfind(ch, 0, start) for ch in _SENTENCE_END) + 1
    ends = [i for i in (text.find(ch, end) for ch in _SENTENCE_END) if i >= 0]
    return text[a:min(ends) + 1 if ends else len(text)].strip()


def plausible_slip(mention: Mention, fact: Fact) -> bool:
    """Could the written figure be a slip for this fact (a digit, a rounding, a unit)?

    Only then may the repair name the fact's value: 每100元 read as the month's total is a
    misreading, and an obedient model told to write 1,855.00亿元 there makes the sentence false.
    """
    if not isinstance(mention.value, (int, float)) or not isinstance(fact.value, (int, float)):
        return False
    written, actual = abs(float(mention.value)), abs(float(fact.value))
    if written > 0 and actual > 0 and 0.1 <= written / actual <= 10:
        return True
    digits = re.sub(r"\D", "", mention.text).lstrip("0")  # 3.95万元 for 3.95亿元: the digits are right
    return bool(digits) and digits == re.sub(r"\D", "", fact.display).lstrip("0")


def findings_of(draft: str, report: CheckReport, facts: MonthFacts) -> list[Finding]:
    """The repair turn's findings: a value is named only for a figure pinned to one fact."""
    out = []
    for m in report.problems:
        fact = facts.get(m.fact_id) if m.fact_id else None
        pinned = m.verdict == Verdict.WRONG and m.pinned and fact is not None and plausible_slip(m, fact)
        sentence = sentence_at(draft, m.start, m.end)
        at = draft.find(sentence)
        # 九成以上 twice in one sentence: say which one, or an obedient model edits the wrong one
        seen = [i for i in range(len(sentence)) if sentence.startswith(m.text, i)]
        occurrence = seen.index(m.start - at) + 1 if len(seen) > 1 and at >= 0 and m.start - at in seen else 0
        out.append(Finding(sentence, m.text, m.reason, fact.label if pinned and fact else "",
                           fact.display if pinned and fact else "", occurrence))
    return out


def unsafe_changes(before: CheckReport, after: CheckReport) -> list[Mention]:
    """Figures the repair introduced or changed that do not bind to exactly one fact.

    A repaired draft is used only if every new figure is pinned by its clause (or name)
    to one fact it fits: a figure that merely equals some fact's value may be a true
    value put in the wrong place, which is how an obedient model publishes a false sentence.
    """
    seen: dict[str, int] = {}
    for m in before.mentions:
        seen[m.text] = seen.get(m.text, 0) + 1
    unsafe = []
    for m in after.mentions:
        if seen.get(m.text, 0) > 0:
            seen[m.text] -= 1
            continue
        if m.verdict != Verdict.IGNORED and not (m.verdict == Verdict.OK and m.pinned):
            unsafe.append(m)
    return unsafe


async def _draft_one(prompt: Prompt, facts: MonthFacts, llm: LLMSettings, client: Any, cache: DiskCache,
                     sem: asyncio.Semaphore, started: float, sleep, on_done: Callable[[str], None]) -> SectionOutcome:
    outcome = SectionOutcome(prompt.section)

    def account(c: Completion) -> None:
        outcome.calls += 0 if c.cached else 1
        outcome.cached_calls += 1 if c.cached else 0
        outcome.prompt_tokens += c.prompt_tokens
        outcome.completion_tokens += c.completion_tokens
        outcome.waits.extend(c.waits)

    async with sem:
        try:
            messages = prompt.messages
            first: CheckReport | None = None
            for attempt in ("llm", "llm-repaired"):
                c = await complete(client, llm, messages, cache, sleep=sleep, started=started)
                account(c)
                reason = failure(c)
                resolved = resolve_references(clean_draft(c.content), facts)
                draft = resolved.text
                if reason is None:
                    report = apply_citations(check_article(draft, facts), resolved)
                    unsafe = unsafe_changes(first, report) if first is not None else []
                    if report.ok and not unsafe:
                        outcome.source, outcome.text = attempt, mark_figures(draft, report.mentions)
                        break
                    outcome.problems += [{"attempt": attempt, "text": m.text, "verdict": m.verdict, "reason": m.reason,
                                          "fact_id": m.fact_id} for m in report.problems]
                    outcome.problems += [{"attempt": attempt, "text": m.text, "verdict": "unsafe-repair",
                                          "reason": "the repair introduced a figure that binds to no single fact"}
                                         for m in unsafe]
                    findings = findings_of(draft, report, facts)
                    first = first or report
                else:
                    findings = [Finding("", c.content[-40:] or "（空）", reason)]
                    outcome.problems.append({"attempt": attempt, "text": "", "verdict": "failed", "reason": reason})
                messages = repair_messages(prompt, draft if reason is None else c.content, findings)
            else:
                outcome.error = "draft failed the check twice; built-in text used"
        except LLMError as exc:
            outcome.error = redact(str(exc), llm.api_key)
        except Exception as exc:  # noqa: BLE001 - any failure falls back to the built-in text
            outcome.error = redact(f"{type(exc).__name__}: {exc}", llm.api_key)
    on_done(prompt.section)
    return outcome


async def draft_sections_async(facts: MonthFacts, settings: Settings, llm: LLMSettings, client: Any = None,
                               sleep=asyncio.sleep, on_done: Callable[[str], None] = lambda s: None) -> list[SectionOutcome]:
    """Draft every narrative section concurrently (at most ``llm.concurrency`` calls at once)."""
    prompts = build_prompts(facts, settings, llm.prompt_budget)
    client = client or make_client(llm)
    cache = DiskCache(llm.cache_dir, llm.use_cache)
    sem = asyncio.Semaphore(max(1, llm.concurrency))
    started = time.monotonic()
    try:
        return list(await asyncio.gather(*(_draft_one(p, facts, llm, client, cache, sem, started, sleep, on_done)
                                           for p in prompts)))
    finally:
        close = getattr(client, "close", None)
        if close is not None:
            await close()


def draft_sections(facts: MonthFacts, settings: Settings, llm: LLMSettings, **kwargs: Any) -> list[SectionOutcome]:
    """Synchronous wrapper for the pipeline."""
    return asyncio.run(draft_sections_async(facts, settings, llm, **kwargs))


