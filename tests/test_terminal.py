"""narrate facts on a terminal: main figures only, data text shown literally (never as rich markup)."""

from __future__ import annotations

from rich.console import Console

from narrator.model import Fact, Insight, MonthFacts
from narrator.terminal import print_facts


def _facts() -> MonthFacts:
    def fact(fid: str, value: object, unit: str, label: str, display: str) -> Fact:
        scope, metric = fid.rsplit(".", 1)
        return Fact(fid, value, unit, label, display, scope, metric)

    facts = [
        fact("global.events", 297, "起", "全球融资事件数", "297起"),
        fact("country.US.events", 50, "起", "美国融资事件数", "50起"),
        fact("country.US.round.A.events", 3, "起", "深层组合", "3起"),
        fact("deals.global.top", [], "list", "最大交易", ""),
        fact("trend.x", 1, "起", "趋势", "1起"),
    ]
    insight = Insight("lead", 1.0, (), "[red]甲[/red]公司领跑", headline="[bold]标题[/bold]")
    return MonthFacts("2025-11", {f.id: f for f in facts}, [insight], {})


def test_print_facts_lists_main_figures_and_escapes_data():
    console = Console(record=True, width=200, color_system=None)
    print_facts(_facts(), console)
    out = console.export_text()
    assert "global.events" in out and "country.US.events" in out
    assert "country.US.round.A.events" not in out  # nested scopes only in --json
    assert "deals.global.top" not in out and "trend.x" not in out  # lists and non-main scopes
    assert "[bold]标题[/bold]" in out and "[red]甲[/red]公司领跑" in out  # literal, not styled
    assert "5 facts" in out
