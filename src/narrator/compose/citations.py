"""What a draft's explicit references ({global.amount}) add to the checker's report.

A citation guarantees the figure is copied exactly; it does not settle which fact a clause
speaks of. The saved article, and any edit of it, is checked again as plain text (by the
article-level check and by ``narrate check``), where no citation is visible: a figure is
therefore accepted only on what its clause says, cited or not. What a citation does add:
a figure the checker bound by value alone is marked with the fact the draft cited (several
facts may share a display), and a reference to an id that is not a fact is a finding.
"""

from __future__ import annotations

import dataclasses

from ..check import CheckReport, Mention
from ..check.report import BoundBy, Verdict
from ..draft.references import Citation, Resolved


def _citation_of(mention: Mention, citations: list[Citation]) -> Citation | None:
    """The citation the mention's figure overlaps (达到{x} reads as one mention holding it)."""
    return next((c for c in citations if c.start <= mention.start < c.end or mention.start <= c.start < mention.end), None)


def apply_citations(report: CheckReport, resolved: Resolved) -> CheckReport:
    """The report with value-bound cited figures marked as their cited facts, and unknown ids as findings."""
    text = resolved.text
    mentions: list[Mention] = []
    for m in report.mentions:
        cited = _citation_of(m, resolved.citations)
        if cited is not None and m.verdict == Verdict.OK and m.bound_by == BoundBy.VALUE and m.qualifier == "eq":
            m = dataclasses.replace(m, fact_id=cited.fact_id)
        mentions.append(m)
    searched = 0
    for ref in resolved.unknown:
        at = text.find(ref, searched)
        searched = at + len(ref)
        mentions.append(Mention(ref, at, at + len(ref), text.count("\n", 0, at) + 1, None, "", "eq", None,
                                Verdict.UNSUPPORTED, f"可用数据中没有编号为{ref}的数据"))
    return CheckReport(sorted(mentions, key=lambda x: x.start))
