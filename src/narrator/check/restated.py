"""Second reading: a figure that restates the figure right before it.

Writers often give one figure twice, in another form: 占全球金额的45.5%，四成多 /
49.5%——几乎一半—— / 仅差1.20亿元，即12,000万元. The restating figure claims the same fact
as the figure it follows, so it is true exactly when that fact's value fits it. Read on its
own, its clause is bare (四成多 names no subject) and the binder may have pinned it to
whatever the sentence carried over.
"""

from __future__ import annotations

import re

from ..model import Fact, MonthFacts
from .reading import decimals_of
from .report import PROBLEMS, BoundBy, FigureKind, Mention, Verdict
from .verdicts import fits

# What may stand between a figure and its restatement: a comma, a dash, a bracket, 即/也就是.
GAP_RE = re.compile(r"[\s，,（(）)、—]*(?:即|也就是说?|换言之|换句话说|相当于|约合|折合|合)?[\s，,（(]*")
# A restatement that contradicts its figure: no list separator (环比分别增长14.2%、33.2% is a list).
CONTRADICTING_GAP_RE = re.compile(r"[\s，,（(）)—]*(?:即|也就是说?|换言之|换句话说)?[\s，,（(]*")
_DIGITS_RE = re.compile(r"\d[\d,]*(?:\.(\d+))?")
_FAMILY = {"%": FigureKind.SHARE, "成": FigureKind.SHARE, "亿元": FigureKind.AMOUNT}


def _tolerance(mention: Mention, value: float) -> tuple[float, float]:
    """(rounding tolerance, 近-band) of a mention, read from how it is written."""
    digits = _DIGITS_RE.search(mention.text)
    if digits is None:
        return (5.0, 5.0) if _FAMILY.get(mention.unit) == FigureKind.SHARE else (abs(value) * 0.05, abs(value) * 0.1)
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
        if (last is not None and mention.verdict == Verdict.OK and mention.bound_by == BoundBy.VALUE
                and last.verdict == Verdict.OK and last.fact_id and last.unit == "%" and _FAMILY.get(mention.unit) == FigureKind.SHARE
                and isinstance(mention.value, (int, float)) and CONTRADICTING_GAP_RE.fullmatch(text[last.end:mention.start])
                and not re.match(r"\s*[、和与及]", text[mention.end:])):
            # 占国外（23.5%），超过四分之一: a restatement that only some other fact fits contradicts its figure
            fact = facts.get(last.fact_id)
            if fact is not None and isinstance(fact.value, (int, float)):
                tol, band = _tolerance(mention, float(mention.value))
                if not fits(float(fact.value), float(mention.value), mention.qualifier, tol, band):
                    mention.verdict, mention.fact_id, mention.bound_by = Verdict.WRONG, fact.id, BoundBy.NONE
                    mention.reason = f"{fact.label}为{fact.display}，前文写{last.text}，这里写{mention.text}"
        if (last is not None and mention.verdict in PROBLEMS and last.verdict == Verdict.OK
                and _FAMILY.get(mention.unit) is not None and _FAMILY.get(mention.unit) == _FAMILY.get(last.unit)
                and isinstance(mention.value, (int, float)) and GAP_RE.fullmatch(text[last.end:mention.start])):
            fact = facts.get(last.fact_id) if last.fact_id else None
            # A recomputed figure (仅差1.20亿元，即12,000万元) has no fact: its own value is restated.
            actual = fact.value if fact is not None else last.value
            if isinstance(actual, (int, float)):
                tol, band = _tolerance(mention, float(mention.value))
                tol = 0.0 if mention.qualifier == "near" else tol  # (接近一半 is never above half)
                if fits(float(actual), float(mention.value), mention.qualifier, tol, band):
                    mention.verdict, mention.fact_id = Verdict.OK, last.fact_id
                    mention.reason, mention.bound_by = "restates the figure before it", last.bound_by or BoundBy.CLAUSE
        last = mention


def prev_month_as_subject(text: str, mentions: list[Mention], facts: MonthFacts) -> None:
    """9月全球融资总额804.90亿元 in a report on 10月: the figure is this month's, the month is wrong.

    A previous month is allowed in a comparing sentence, but when the figure its clause
    states is this month's value (and not last month's), the month is the slip.
    """
    for i, date in enumerate(mentions):
        if date.fact_id != "report.prev_month":
            continue
        figure = next((m for m in mentions[i + 1:] if m.unit not in ("date", "period", "rank")), None)
        if date.verdict == Verdict.OK and figure is not None and figure.verdict == Verdict.OK and _this_month_after(text, date, figure, facts):
            date.verdict, date.fact_id, date.bound_by = Verdict.WRONG, None, BoundBy.NONE
            date.reason = f"报告月份为{int(facts.month[5:])}月，{figure.text}是本月的数字，文中写{date.text}"
            continue
        if figure is None or _as_this_month(figure, facts) is None:
            continue
        between = re.sub(r"^份?[，,]", "", text[date.end:figure.start])  # (在9月，全球…: the month frames the clause)
        if re.search(r"[，,；;。\n]", between):
            continue
        date.verdict, date.fact_id, date.bound_by = Verdict.WRONG, None, BoundBy.NONE
        date.reason = f"报告月份为{int(facts.month[5:])}月，{figure.text}是本月的数字，文中写{date.text}"
        # 9月全球融资事件数为167起，全球融资金额为804.90亿元: the statement's later figures were read
        # under the same slipped month
        for later in mentions[i + 1:]:
            if re.search(r"[；;。\n]", text[date.end:later.start]):
                break
            if (current := _as_this_month(later, facts)) is not None:
                later.verdict, later.fact_id, later.reason, later.bound_by = Verdict.OK, current.id, "", BoundBy.CLAUSE


def _as_this_month(figure: Mention, facts: MonthFacts) -> Fact | None:
    """The report month's fact a figure read as last month's (and wrong) fits, or None."""
    if figure.verdict != Verdict.WRONG or not (figure.fact_id or "").split(".")[-1].startswith("prev_"):
        return None
    current = facts.get((figure.fact_id or "").replace(".prev_", ".", 1))
    digits = re.search(r"\d[\d,]*(?:\.\d+)?", figure.text)
    tol = 0.5 * 10 ** -decimals_of(digits.group(0)) if digits else 0.5
    if current is None or not isinstance(figure.value, (int, float)) or \
            not fits(current.value, figure.value, figure.qualifier, tol, abs(figure.value) * 0.1):
        return None
    return current



# Words that make a previous month a comparison, not the period a figure is about.
_COMPARING_BETWEEN_RE = re.compile(r"较|比|相比|环比|同比|增长|下降|增加|减少|上月|变化|增至|降至|从|由|到|的")


def _this_month_after(text: str, date: Mention, figure: Mention, facts: MonthFacts) -> bool:
    """9月全球融资事件数167起 / 在9月，全球共录得167起 (report on 10月): a monthly figure of this month
    stated right after the previous month, with no comparison between, that is not last month's value."""
    fid = figure.fact_id or ""
    metric = fid.rsplit(".", 1)[-1]
    previous = facts.get(fid.rsplit(".", 1)[0] + ".prev_" + metric) if fid and metric in ("events", "amount") else None
    between = text[date.end:figure.start]
    if previous is None or not isinstance(figure.value, (int, float)) or re.search(r"[；;。\n]", between):
        return False
    frame = re.match(r"份?[，,]", between)  # 在9月，全球…: the month frames the clause that follows
    if re.search(r"[，,]", between) and not frame or _COMPARING_BETWEEN_RE.search(between):
        return False
    tol, band = _tolerance(figure, float(figure.value))
    return not fits(float(previous.value), float(figure.value), figure.qualifier, tol, band)


# （27.1%−13.8%−6.1%，按未取整数据计算）: a bracket that shows the writer's arithmetic
_FORMULA_RE = re.compile(r"[（(][^（）()]*\d\s*(?:%|亿元|万元|起|次)?\s*[−\-+＋×÷/]\s*\d[^（）()]*[）)]")


def formula_terms(text: str, mentions: list[Mention]) -> None:
    """Accept each flagged term of a bracketed formula that repeats, as written, a figure verified
    earlier in the text (in place); the formula's result is checked on its own."""
    brackets = [m.span() for m in _FORMULA_RE.finditer(text)]
    if not brackets:
        return
    for m in mentions:
        inside = next((a for a, b in brackets if a < m.start and m.end < b), None)
        if inside is None or m.verdict not in PROBLEMS:
            continue
        if any(o.text == m.text and o.end <= inside and o.verdict == Verdict.OK for o in mentions):
            m.verdict, m.reason, m.bound_by = Verdict.OK, "a term of the writer's formula, stated before", BoundBy.RECOMPUTED

