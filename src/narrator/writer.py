"""Stage 3 (built-in): draft the article from facts with jinja2 templates.

Templates never compute: every number enters through ``f()`` (a fact's display form),
``approx()`` (its rounded form with 约) or ``share_word()`` (七成以上, 近三成…), and each
is wrapped in a marker that records the fact id, so renderers can show where every
number came from. Data strings (company and investor names) enter through ``name()``.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

import jinja2

from .config import Settings
from .facts import Fact, MonthFacts
from .format import fmt_amount_approx, share_phrase
from .ingest.geo import country_name

FACT_OPEN, FACT_MID, FACT_CLOSE = "\ue000", "\ue001", "\ue002"
NAME_OPEN, NAME_CLOSE = "\ue003", "\ue004"
MARKER_RE = re.compile(f"{FACT_OPEN}([^{FACT_MID}]*){FACT_MID}([^{FACT_CLOSE}]*){FACT_CLOSE}|{NAME_OPEN}([^{NAME_CLOSE}]*){NAME_CLOSE}")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f\ue000-\uf8ff]")
NAME_LIMIT = 60


class MissingFact(KeyError):
    """A template asked for a fact the month does not have (guard it with has())."""


def clean_name(text: Any) -> str:
    """Data text made safe to embed: no control or marker characters, length-limited."""
    text = _CONTROL_RE.sub("", str(text)).strip()
    return text if len(text) <= NAME_LIMIT else text[: NAME_LIMIT - 1] + "…"


class Writer:
    """Renders the article template for one month of facts."""

    def __init__(self, facts: MonthFacts, settings: Settings, charts: dict[str, str],
                 overrides: dict[str, str] | None = None) -> None:
        self.facts = facts
        self.settings = settings
        self.charts = charts
        self.overrides = overrides or {}
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("narrator", "templates"),
            undefined=jinja2.StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.globals.update(
            f=self.fact, approx=self.approx, share_word=self.share_word, has=self.has, value=self.value,
            name=self.name, names=self.names, pick=self.pick, country=country_name, chart=self.chart,
            insight=self.insight, section=self.section,
        )

    # -- helpers exposed to templates ---------------------------------------------------
    def get(self, fid: str) -> Fact:
        fact = self.facts.get(fid)
        if fact is None:
            raise MissingFact(fid)
        return fact

    def has(self, *fids: str) -> bool:
        return all(fid in self.facts for fid in fids)

    def value(self, fid: str) -> Any:
        return self.get(fid).value

    def fact(self, fid: str) -> str:
        fact = self.get(fid)
        return f"{FACT_OPEN}{fid}{FACT_MID}{fact.display}{FACT_CLOSE}"

    def approx(self, fid: str) -> str:
        fact = self.get(fid)
        return f"{FACT_OPEN}{fid}{FACT_MID}{fmt_amount_approx(fact.value)}{FACT_CLOSE}"

    def share_word(self, fid: str) -> str:
        return f"{FACT_OPEN}{fid}{FACT_MID}{share_phrase(self.get(fid).value)}{FACT_CLOSE}"

    def insight(self, item: Any) -> str:
        """An insight's sentence with each of its figures marked with its fact."""
        from .insights import fill

        if item.template:
            return fill(item.template, self.facts, self.fact)
        return item.text

    def name(self, text: Any) -> str:
        return f"{NAME_OPEN}{clean_name(text)}{NAME_CLOSE}"

    def names(self, items: list[Any], sep: str = "、") -> str:
        return sep.join(self.name(i) for i in items)

    def pick(self, key: str, n: int) -> int:
        """Which of ``n`` phrasings to use: fixed for a month, different across months."""
        digest = hashlib.sha1(f"{self.facts.month}|{key}".encode()).hexdigest()
        return int(digest, 16) % n

    def chart(self, key: str) -> str:
        return self.charts.get(key, "")

    def section(self, name: str) -> str:
        """A narrative section: a verified LLM draft when one was given, else the built-in text."""
        if name in self.overrides:
            return self.overrides[name].strip()
        return self.render_section(name).strip()

    def render_section(self, name: str) -> str:
        """The built-in text of one narrative section (conclusions, money, players)."""
        return self.env.get_template(f"sections/{name}.md.j2").render(self._context())

    # -- entry point --------------------------------------------------------------------
    def render(self) -> str:
        """The article as marked-up Markdown."""
        return self.env.get_template("article.md.j2").render(self._context())

    def _context(self) -> dict[str, Any]:
        report = self.settings.report
        month = self.facts.month
        return {
            "facts": self.facts, "month": month, "topic": report.topic,
            "title": report.title.format(year=int(month[:4]), month=int(month[5:]), topic=report.topic),
            "report": report, "scope_text": _scope_text(report, self.facts),
            "sector_keys": [fid[len("sector."):-len(".events")] for fid in self.facts.facts
                            if fid.startswith("sector.") and fid.endswith(".events")],
            "sample": bool(self.facts.data.get("sample")), "headline": self.facts.headline,
            "insights": self.facts.insights, "fx_source": _fx_source(self.facts),
        }


def _scope_text(report: Any, facts: MonthFacts) -> str:
    """统计对象 from [report] scope; the default names the AIGC layers, so an export without a
    layer column gets the topic alone unless the config says otherwise."""
    from .config import ReportSettings

    has_layers = any(fid.startswith("layer.") for fid in facts.facts)
    if not has_layers and report.scope == ReportSettings.scope:
        return f"{report.topic}相关企业"
    return report.scope.format(topic=report.topic)


def _fx_source(facts: MonthFacts) -> str:
    from .coverage import fx_source_text

    return fx_source_text(facts.data)


def strip_markers(text: str) -> str:
    """Plain text of marked-up output (fact displays and names kept, markers removed)."""
    return MARKER_RE.sub(lambda m: m.group(2) if m.group(1) is not None else m.group(3), text)


def draft_builtin(facts: MonthFacts, settings: Settings, charts: dict[str, str],
                  overrides: dict[str, str] | None = None) -> str:
    """Draft the whole article with the built-in writer (``overrides`` replace narrative sections)."""
    return Writer(facts, settings, charts, overrides).render()
