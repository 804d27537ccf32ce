"""Stage 4: bind every number in an article to the fact it claims, and verify it.

A mention is the number with its qualifier and unit (约1,855亿元, 七成以上, 不足5%). The
checker decides which fact a mention claims from its unit and the scope words of its
clause (国内/美国/早期/模型层…, carried over from earlier clauses of the sentence), then
tests the fact's value against the stated bound. Verdicts: ok, wrong (bound to a fact
whose value disagrees), unsupported (no fact of that kind fits) and ignored (section
numbers, figure numbers, names).

Modules, in reading order: ``reading`` (numerals, units, qualifiers), ``clauses`` (subject,
metric and period of a clause), ``measure`` (whether a figure states events or money),
``meaning`` (what the whole sentence says: 分别 lists, listed
items, stated figures), ``verdicts`` (bounds), ``derived`` (sums, differences and ratios a
writer computed), ``binding`` (which fact a share or a change claims, and the verdict),
``amounts`` and ``counting`` (amounts; counts and cardinals), ``restated`` (second reading:
restatements, a previous month standing as this month's period), ``checker`` (the walk over a
text), ``report`` (mentions and check.json).

Qualifier semantics (tested in tests/test_check.py):
- bare number, 约/大约/左右: equal at the stated precision (±half a unit of the last digit);
  X成 ±5 percentage points, 几分之几 ±2.5.
- 超过/超/逾/高于/多于/过: strictly greater; 不足/不到/低于/少于: strictly less.
- 以上/至少/不低于: ≥; 以下/不超过/至多: ≤.
- 近/接近/将近: a little below: within 10% below (5 points for 成), up to the stated value.
- X多/X余/出头: above X and below X plus one step of its leading digit (十余 = 10–20).
- 过半/超半数/大半: > 50%; 近半: 45–50%; 一半/半数: 45–55%; 个位数: < 10%; 两位数: 10–100%.
- Dates: a month must be the report's month, or the previous month where the sentence
  compares (环比/上月/较); 截至…日 must be the period's last day.
"""

from __future__ import annotations

import bisect
import re

from ..model import MonthFacts
from .checker import Checker
from .reader_view import reader_view
from .reading import fold_width
from .report import CheckReport, Mention
from .verdicts import fits

_WORD_TAIL_RE = re.compile(r"[A-Za-z0-9]*(?: \d+)?")

__all__ = ["CheckReport", "Checker", "Mention", "check_article", "fits", "name_spans"]


def name_spans(markup: str) -> list[tuple[int, int]]:
    """Plain-text spans of data names in the writer's marked-up output."""
    from ..markup import MARKER_RE

    spans, plain_pos, last = [], 0, 0
    for m in MARKER_RE.finditer(markup):
        plain_pos += m.start() - last
        if m.group(1) is not None:
            plain_pos += len(m.group(2))
        else:
            spans.append((plain_pos, plain_pos + len(m.group(3))))
            plain_pos += len(m.group(3))
        last = m.end()
    return spans


def check_article(text: str, facts: MonthFacts, markup: str | None = None) -> CheckReport:
    """Check every number of ``text`` against ``facts`` (``markup`` marks names to skip).

    The rules read the text as :func:`reader_view` rewrites it (no bold markers, one spelling of
    each word); findings are mapped back, so they quote and point at what was written.
    """
    checker = Checker(facts)
    spans = name_spans(markup) if markup else []
    protected = spans + checker.name_spans(fold_width(text))
    plain, offsets = reader_view(text, protected)
    if plain == text:
        return checker.check(text, spans or None)
    # a name's span in the rewritten text: the first kept character at or after its start, to the
    # last kept one before its end (offsets only grow, so bisect finds them)
    spans = [(bisect.bisect_left(offsets, a), bisect.bisect_left(offsets, b)) for a, b in spans]
    report = checker.check(plain, spans or None)
    for m in report.mentions:
        m.start, m.end = offsets[m.start], offsets[m.end - 1] + 1
        tail = _WORD_TAIL_RE.match(text, m.end) if text[m.end - 1:m.end].isascii() and text[m.end - 1:m.end].isalnum() else None
        if tail:
            m.end = tail.end()  # 前3 read from "Top 3": quote all the writer wrote
        if text.count("**", m.start, m.end) % 2:
            # 总额**1,855**亿元: the figure spans a bold marker; take the whole pair, so marking the
            # figure in HTML and Word does not split it
            m.start, m.end = (m.start - 2, m.end) if text.startswith("**", m.start - 2) else (m.start, m.end + 2)
        m.text = text[m.start:m.end]
    return report
