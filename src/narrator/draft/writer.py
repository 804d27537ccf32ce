"""Stage 3 (built-in): draft the article from facts with jinja2 templates.

Templates never compute: every number enters through ``f()`` (a fact's display form),
or ``share_word()`` (七成以上, 近三成…), and each
is wrapped in a marker that records the fact id, so renderers can show where every
number came from. Data strings (company and investor names) enter through ``name()``.
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Any

import jinja2

from ..config import Settings
from ..domain.geo import country_name
from ..domain.layers import LAYERS
from ..format import share_phrase
from ..markup import mark_fact, mark_name
from ..model import Fact, MonthFacts


class MissingFact(KeyError):
    """A template asked for a fact the month does not have (guard it with has())."""


class Writer:
    """Renders the article template for one month of facts."""

    def __init__(self, facts: MonthFacts, settings: Settings, charts: dict[str, str],
                 overrides: dict[str, str] | None = None) -> None:
        self.facts = facts
        self.settings = settings
        self.charts = charts
        self.overrides = overrides or {}
        self.env = _environment()
        # What templates may call; passed with each render, as the environment is shared.
        self.helpers = dict(
            f=self.fact, share_word=self.share_word, has=self.has, value=self.value,
            name=self.name, names=self.names, pick=self.pick, country=country_name, chart=self.chart,
            insight=self.insight, section=self.section, layers=LAYERS,
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
        return mark_fact(fid, fact.display)

    def share_word(self, fid: str) -> str:
        return mark_fact(fid, share_phrase(self.get(fid).value))

    def insight(self, item: Any) -> str:
        """An insight's sentence with each of its figures marked with its fact."""
        from ..facts.insights import fill

        if item.template:
            return fill(item.template, self.facts, self.fact)
        return item.text

    def name(self, text: Any) -> str:
        return mark_name(text)

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
        return self.helpers | self._prelude() | {
            "facts": self.facts, "month": month, "topic": report.topic,
            "title": report.title.format(year=int(month[:4]), month=int(month[5:]), topic=report.topic),
            "report": report, "scope_text": _scope_text(report, self.facts),
            "sector_keys": [fid[len("sector."):-len(".events")] for fid in self.facts.facts
                            if fid.startswith("sector.") and fid.endswith(".events")],
            "sample": bool(self.facts.data.get("sample")), "headline": self._headline(),
            "title_marked": self._title_marked(),
            "insights": self.facts.insights, "fx_source": _fx_source(self.facts),
        }

    def _prelude(self) -> dict[str, Any]:
        """What every template starts from: the month as written (marked) and which parts of
        the data the month has (each template used to set these itself)."""
        return {
            "M": self.fact("report.month_short"),
            "lead": self.value("overseas.lead_country") if self.has("overseas.lead_country") else None,
            "has_overseas": self.has("overseas.events"),
            "has_domestic": self.has("domestic.events"),
            "has_layers": any(self.has(f"layer.{layer}.events") for layer in LAYERS),
            "has_prev": self.has("global.mom_events"),
        }

    def _headline(self) -> str | None:
        """The headline with each figure marked with its fact (its provenance shows on the page)."""
        from ..facts.insights import fill

        for item in self.facts.insights:
            if item.headline:
                return fill(item.headline_template, self.facts, self.fact) if item.headline_template else item.headline
        return None

    def _title_marked(self) -> str:
        """The report title with its month marked as the report.month fact."""
        report, month = self.settings.report, self.facts.month
        slot = "\ue010"  # a private-use placeholder no title contains (clean_name strips that range)
        raw = report.title.replace("{year}年{month}月", slot)
        text = raw.format(year=int(month[:4]), month=int(month[5:]), topic=report.topic)
        return text.replace(slot, self.fact("report.month")) if "report.month" in self.facts else text.replace(
            slot, f"{int(month[:4])}年{int(month[5:])}月")


@cache
def _environment() -> jinja2.Environment:
    """The templates' environment, made once: each template is compiled once per process."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("narrator", "templates"),
        undefined=jinja2.StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _scope_text(report: Any, facts: MonthFacts) -> str:
    """统计对象 from [report] scope; the default names the AIGC layers, so an export without a
    layer column gets the topic alone unless the config says otherwise."""
    from ..config import ReportSettings

    has_layers = any(fid.startswith("layer.") for fid in facts.facts)
    if not has_layers and report.scope == ReportSettings.scope:
        return f"{report.topic}相关企业"
    return report.scope.format(topic=report.topic)


def _fx_source(facts: MonthFacts) -> str:
    from ..facts.coverage import fx_source_text

    return fx_source_text(facts.data)


def draft_builtin(facts: MonthFacts, settings: Settings, charts: dict[str, str],
                  overrides: dict[str, str] | None = None) -> str:
    """Draft the whole article with the built-in writer (``overrides`` replace narrative sections)."""
    return Writer(facts, settings, charts, overrides).render()
