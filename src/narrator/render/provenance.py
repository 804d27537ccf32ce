"""Provenance for readers: what a figure is and how it was computed, in the article's own terms.

The facts layer keeps a formula for every derived figure, written for developers
(``倍数 = 22.85 / 0.83``: inputs in 亿元, rounded to two places). A reader needs the
inputs as the article shows them (22.85亿元 ÷ 8,340万元), so this module rebuilds the
computation from the input facts' display forms, and says when a figure counts only the
deals whose amount was disclosed. Nothing here computes a number: every figure shown is
a fact's display form, or a figure the facts layer wrote into the formula.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Fact, MonthFacts

_RHS_NUMBERS = re.compile(r"=\s*([\d,.]+)\s*/\s*([\d,.]+)\s*$")


@dataclass(frozen=True)
class Provenance:
    """What the reader sees when opening a figure: label, value, computation, caveat."""

    label: str
    value: str
    computation: str | None = None
    note: str | None = None

    def lines(self) -> list[str]:
        """The explanation as lines of text (label and value first)."""
        out = [f"{self.label}：{self.value}"]
        if self.computation:
            out.append(f"计算：{self.computation}")
        if self.note:
            out.append(self.note)
        return out

    def text(self) -> str:
        """The explanation on one line (for a hover tooltip)."""
        return "；".join(self.lines())


def _display(facts: MonthFacts, fid: str) -> str | None:
    fact = facts.get(fid)
    return None if fact is None else fact.display


def _ratio(facts: MonthFacts, num: str, den: str) -> str | None:
    a, b = _display(facts, num), _display(facts, den)
    return f"{a} ÷ {b}" if a and b else None


def _amount_text(number: str) -> str | None:
    """A formula's figure in 亿元 as the article would show it; None below 1亿 (shown in 万元)."""
    try:
        value = float(number.replace(",", ""))
    except ValueError:
        return None
    return f"{number}亿元" if value >= 1 else None


def _disclosed_note(facts: MonthFacts, scope: str) -> str | None:
    disclosed, events = _display(facts, f"{scope}.disclosed_events"), _display(facts, f"{scope}.events")
    if not disclosed:
        return None
    if events and events != disclosed:
        return f"只计披露金额的{disclosed}交易（共{events}，其余未披露金额）。"
    return f"只计披露金额的{disclosed}交易。"


def explain(facts: MonthFacts, fact_id: str) -> Provenance | None:
    """The reader's explanation of one fact, or None when the month has no such fact."""
    fact = facts.get(fact_id)
    if fact is None:
        return None
    computation, note = _computation(facts, fact)
    if fact.unit == "亿元" and fact.metric in ("amount", "estimated_amount") and not fact.scope.startswith("deal."):
        note = note or "金额按交易当月汇率折算为人民币；未披露金额的交易不计入。"
    return Provenance(fact.label, fact.display, computation, note)


def _computation(facts: MonthFacts, fact: Fact) -> tuple[str | None, str | None]:
    metric, scope, inputs = fact.metric, fact.scope, fact.inputs
    if metric in ("events_share", "amount_share") and len(inputs) == 2:
        return _ratio(facts, *inputs), None
    if metric == "avg_amount":
        return _ratio(facts, f"{scope}.amount", f"{scope}.disclosed_events"), _disclosed_note(facts, scope)
    if metric == "median_amount":
        return None, _disclosed_note(facts, scope)
    if metric in ("mom_events", "mom_amount"):
        base = metric.split("_", 1)[1]
        now, before = _display(facts, f"{scope}.{base}"), _display(facts, f"{scope}.prev_{base}")
        if now and before:
            return f"（{now} − {before}）÷ {before}", None
    if metric == "avg_vs_domestic" and len(inputs) == 2:
        return _ratio(facts, *inputs), "两者都只计披露金额的交易。"
    if metric == "share_gap" and len(inputs) == 2:
        a, b = _display(facts, inputs[0]), _display(facts, inputs[1])
        if a and b:
            return f"{a} − {b}", None
    if fact.formula and (m := _RHS_NUMBERS.search(fact.formula)) and fact.unit == "%":
        # Shares whose numerator is not a fact of its own (前5笔交易合计, 超大额交易合计):
        # the formula's figures are in 亿元, written by the facts layer.
        num, den = _amount_text(m.group(1)), _amount_text(m.group(2))
        if num and den:
            return f"{num} ÷ {den}", "只计披露金额的交易。"
    if fact.formula:
        return fact.formula.split("=", 1)[-1].strip(), None
    return None, None


__all__ = ["Provenance", "explain"]
