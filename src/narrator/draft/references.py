"""Explicit fact references in a model's draft: ``{global.amount}`` becomes ``1,855.00亿元``.

The prompt lists every fact as ``编号｜含义｜显示形式`` and allows the model to cite a fact
by its id in braces instead of copying its figure. narrator puts the display form in its
place, so a cited figure can never be miscopied, and remembers which fact each span cites:
the checker's question for a figure whose clause does not say which fact it is ("which
figure is this?") is answered by the citation itself. A citation does not excuse a clause
whose own words contradict the cited fact; that is still the checker's to judge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import MonthFacts

# {global.amount}, ｛global.amount｝ (full-width braces from a model writing Chinese)
REFERENCE_RE = re.compile(r"[{｛]\s*([A-Za-z][\w.\-+/]*?)\s*[}｝]")
# 环比增长{global.mom_amount} where the display is 增长33.2%: the verb is said once
_LEADING_VERB_RE = re.compile(r"^(增长|下降|减少|回落|上升|持平)")


@dataclass(frozen=True)
class Citation:
    """A span of the resolved text that a reference put there, and the fact it cites."""

    start: int
    end: int
    fact_id: str


@dataclass
class Resolved:
    """A draft with its references replaced, the spans they became, and the ids that matched no fact."""

    text: str
    citations: list[Citation] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


def resolve_references(draft: str, facts: MonthFacts) -> Resolved:
    """Replace every ``{fact_id}`` of ``draft`` with that fact's display form.

    An id that names no fact is left as written and listed in ``unknown`` (the repair turn
    asks the model to use an id from its list or to drop the figure).
    """
    out: list[str] = []
    citations: list[Citation] = []
    unknown: list[str] = []
    pos = length = 0
    for m in REFERENCE_RE.finditer(draft):
        fact = facts.get(m.group(1))
        if fact is None:
            unknown.append(m.group(0))
            continue
        before = draft[pos:m.start()]
        display = fact.display
        verb = _LEADING_VERB_RE.match(display)
        if verb and before.endswith(verb.group(1)):
            before = before[: -len(verb.group(1))]
        out.append(before)
        length += len(before)
        citations.append(Citation(length, length + len(display), fact.id))
        out.append(display)
        length += len(display)
        pos = m.end()
    out.append(draft[pos:])
    return Resolved("".join(out), citations, unknown)
