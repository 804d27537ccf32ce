"""Readable terminal output (rich)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .model import MonthFacts

_MAIN_SCOPES = ("global", "domestic", "overseas", "overseas_rest", "country.", "round.", "layer.")


def print_facts(facts: MonthFacts, console: Console | None = None) -> None:
    """The headline figures, then insights; the full set is in ``--json``."""
    console = console or Console()
    console.print(f"[bold]{facts.month}[/bold]  {escape(facts.headline or '')}")
    table = Table("id", "label", "display", show_lines=False)
    for fact in facts.facts.values():
        if fact.unit == "list" or not fact.scope.startswith(_MAIN_SCOPES):
            continue
        if "." in fact.scope and fact.scope.count(".") > 1:
            continue
        table.add_row(escape(fact.id), escape(fact.label), escape(fact.display))
    console.print(table)
    for insight in facts.insights:
        console.print(f"• {escape(f'[{insight.kind}]')} {escape(insight.text)}")
    console.print(f"[dim]{len(facts.facts)} facts; use --json for all of them[/dim]")
