"""Second reading: a figure that restates the figure right before it.

Writers often give one figure twice, in another form: 占全球金额的45.5%，四成多 /
49.5%——几乎一半—— / 仅差1.20亿元，即12,000万元. The restating figure claims the same fact
as the figure it follows, so it is true exactly when that fact's value fits it. Read on its
own, its clause is bare (四成多 names no subject) and the binder may have pinned it to
whatever the sentence carried over.
"""

from __future__ import annotations

import re

from ..model import MonthFacts
from .report import PROBLEMS, BoundBy, Mention, Verdict
from .verdicts import fits

# What may stand between a figure and its restatement: a comma, a dash, a bracket, 即/也就是.
GAP_RE = re.compile(r"[\s，,（(、—]*(?:即|也就是说?|换言之|换句话说|相当于|约合|折合|合)?[\s，,（(]*")
_DIGITS_RE = re.compile(r"\d[\d,]*(?:\.(\d+))?")
_FAMILY = {"%": "share", "成": "share", "亿元": "amount"}


def _tolerance(mention: Mention, value: float) -> tuple[float, float]:
    """(rounding tolerance, 近-band) of a mention, read from how it is written."""
    digits = _DIGITS_RE.search(mention.text)
    if digits is None:
        return (5.0, 5.0) if _FAMILY.get(mention.unit) == "share" else (abs(value) * 0.05, abs(value) * 0.1)
    step = 0.5 * 10 ** -len(digits.group(1) or "")
    if mention.unit == "亿元" and "万" in mention.text[digits.end():]:
        step *= 1e-4  # 12,000万元 is 1.2000亿元
    return step, abs(value) * 0.1


def restatements(text: str, mentions: list[Mention], facts: MonthFacts) -> None:
    """Accept each flagged figure that restates the verified figure right before it (in place)."""
    last: Mention | None = None
    for mention in mentions:
        if mention.verdict == Verdict.IGNORED or mention.unit in ("date", "period", "rank"):
            continue
        if (last is not None and mention.verdict in PROBLEMS and last.verdict == Verdict.OK
                and _FAMILY.get(mention.unit) is not None and _FAMILY.get(mention.unit) == _FAMILY.get(last.unit)
                and isinstance(mention.value, (int, float)) and GAP_RE.fullmatch(text[last.end:mention.start])):
            fact = facts.get(last.fact_id) if last.fact_id else None
            # A recomputed figure (仅差1.20亿元，即12,000万元) has no fact: its own value is restated.
            actual = fact.value if fact is not None else last.value
            if isinstance(actual, (int, float)):
                tol, band = _tolerance(mention, float(mention.value))
                if fits(float(actual), float(mention.value), mention.qualifier, tol, band):
                    mention.verdict, mention.fact_id = Verdict.OK, last.fact_id
                    mention.reason, mention.bound_by = "restates the figure before it", last.bound_by or BoundBy.CLAUSE
        last = mention
