"""Stage 6: compose. Facts → charts → draft (built-in or LLM) → check → one ``Article``; ``save`` writes it.

This is the one place the draft → check sequence is written: the pipeline, the tests and
the scripts all call ``compose``. It reports progress through the ``Progress`` it is given
and never prints.
"""

from __future__ import annotations

import json
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Protocol

from ..check import CheckReport, check_article
from ..config import Settings
from ..draft.llm import LLMSettings
from ..draft.sections import SectionOutcome
from ..draft.writer import draft_builtin
from ..markup import strip_markers
from ..model import MonthFacts
from ..render import Block, atomic_dir, parse_blocks, render_all, to_markdown


class Progress(Protocol):
    """What compose reports to: a named step, and a bar over the LLM sections."""

    def step(self, name: str, spinner: bool = True) -> AbstractContextManager[Any]: ...

    def bar(self, label: str, total: int) -> AbstractContextManager[Callable[[str], None]]: ...


class Silent:
    """A Progress that reports nothing (the library default)."""

    def step(self, name: str, spinner: bool = True) -> AbstractContextManager[Any]:
        return nullcontext()

    @contextmanager
    def bar(self, label: str, total: int) -> Iterator[Callable[[str], None]]:
        yield lambda name: None


@dataclass
class Article:
    """One month's article: its checked text, the check, the charts and how each section was written."""

    facts: MonthFacts
    title: str
    marked: str  # Markdown with fact/name markers, exactly the text that was checked
    blocks: list[Block]
    report: CheckReport
    images: dict[str, bytes] = field(default_factory=dict)  # charts/<name>.png → PNG bytes
    sections: list[SectionOutcome] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The article as a reader sees it (article.md)."""
        return strip_markers(self.marked)

    @property
    def ok(self) -> bool:
        return self.report.ok

    @property
    def writer(self) -> str:
        return "llm" if self.sections else "builtin"

    def check_json(self) -> dict[str, Any]:
        """check.json: the check report plus what happened to each LLM section."""
        return self.report.to_dict() | {"writer": self.writer, "sections": [o.to_dict() for o in self.sections]}

    def files(self, formats: list[str]) -> dict[str, bytes]:
        """Every output file as bytes, keyed by its name inside the month's folder."""
        files = render_all(self.blocks, self.marked, self.facts, self.images, formats, self.title)
        files["facts.json"] = self.facts.to_json().encode("utf-8")
        files["check.json"] = (json.dumps(self.check_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        files.update(self.images)
        return files


def title_of(facts: MonthFacts, settings: Settings) -> str:
    """The article's title, from ``[report] title`` (the one place it is formatted)."""
    month, topic = facts.month, settings.report.topic
    return settings.report.title.format(year=int(month[:4]), month=int(month[5:]), topic=topic)


def compose(facts: MonthFacts, settings: Settings | None = None, llm: LLMSettings | None = None, *,
            charts: bool = True, progress: Progress | None = None, client: Any = None) -> Article:
    """Write and check the month's article. With ``llm`` (and its key), narrative sections are LLM-drafted.

    A section the LLM wrote is used only if it passes the check alone and in place; a section
    that fails in place (found by the span of its problem figures) falls back to the built-in text.
    """
    progress = progress or Silent()
    settings = settings or Settings()
    images: dict[str, bytes] = {}
    chart_md: dict[str, str] = {}
    if charts:
        from ..render.charts import all_charts  # matplotlib loads only when charts are drawn

        with progress.step("绘制图表"):
            drawn = all_charts(facts)
        images = {f"charts/{c.name}.png": c.png for c in drawn.values()}
        chart_md = {name: f"![{c.title}](charts/{name}.png)" for name, c in drawn.items()}
    outcomes: list[SectionOutcome] = []
    if llm is not None and llm.api_key:
        from .llm_sections import draft_sections

        # No spinner here: the section progress bar is the live display.
        with progress.step(f"LLM 撰写（{llm.model}）", spinner=False), progress.bar("章节", 3) as advance:
            outcomes = draft_sections(facts, settings, llm, client=client, on_done=advance)
    overrides = {o.section: o.text for o in outcomes if o.text}
    with progress.step("撰写正文"):
        markup = draft_builtin(facts, settings, chart_md, overrides)
    with progress.step("核对数字"):
        while True:
            # Check the very text that is saved as article.md, so offsets point into it.
            blocks = parse_blocks(markup)
            marked = to_markdown(blocks, markers=True)
            report = check_article(strip_markers(marked), facts, markup=marked)
            culprit = failing_section(report, marked, overrides)
            if report.ok or culprit is None:
                break
            # A section that passed alone but fails in place falls back to the built-in text.
            overrides.pop(culprit)
            for o in outcomes:
                if o.section == culprit:
                    o.source, o.text, o.error = "builtin", None, "failed the article-level check"
            markup = draft_builtin(facts, settings, chart_md, overrides)
    return Article(facts, title_of(facts, settings), marked, blocks, report, images, outcomes)


def section_spans(marked: str, overrides: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Where each LLM section sits in the plain article: from its first line to the end of its last."""
    plain = strip_markers(marked)
    spans: dict[str, tuple[int, int]] = {}
    for name, text in overrides.items():
        lines = [line.strip() for line in strip_markers(text).splitlines() if line.strip()]
        if not lines:
            continue
        start = plain.find(lines[0])
        end_line = plain.find(lines[-1], max(start, 0))
        if start >= 0 and end_line >= 0:
            spans[name] = (start, end_line + len(lines[-1]))
    return spans


def failing_section(report: CheckReport, marked: str, overrides: dict[str, str]) -> str | None:
    """The LLM section whose span holds a problem figure, if any."""
    spans = section_spans(marked, overrides)
    for m in report.problems:
        for name, (start, end) in spans.items():
            if start <= m.start and m.end <= end:
                return name
    return None


def save(article: Article, folder: Path, formats: list[str], extra: dict[str, bytes] | None = None) -> list[Path]:
    """Write the article's files to ``folder`` atomically (all or nothing); return the main paths."""
    files = article.files(formats) | (extra or {})
    atomic_dir(folder, files)
    return [folder / name for name in files if not name.startswith("charts/")] + ([folder / "charts"] if article.images else [])
