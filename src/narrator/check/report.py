"""The report: every mention with its verdict, and the check.json document."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any, Literal, Protocol


class Verdict(StrEnum):
    """What the checker concluded about one number."""

    OK = "ok"  # some fact that fits the clause has this value
    WRONG = "wrong"  # the clause pins exactly one fact, and its value disagrees
    AMBIGUOUS = "ambiguous"  # the value is a fact's, but the clause does not say it is that fact
    UNSUPPORTED = "unsupported"  # no fact has this value
    IGNORED = "ignored"  # not a figure: a section number, part of a name, an idiom


class BoundBy(StrEnum):
    """How a mention found its fact: what a repair may rely on."""

    NONE = ""
    CLAUSE = "clause"  # the clause's words pin exactly one fact
    NAME = "name"  # a named deal or investor
    VALUE = "value"  # the clause allows several facts; one of them has this value
    RECOMPUTED = "recomputed"  # a difference or ratio recomputed from the sentence's figures


class FigureKind(StrEnum):
    """What a figure states, which decides the facts it may be (by unit) and how it is recomputed."""

    SHARE = "share"  # a share in % (or 成)
    CHANGE = "change"  # a month-on-month change in %
    AMOUNT = "amount"  # an amount (亿元, 万元, 美元 …)
    COUNT = "count"  # a count of events, deals, investors
    POINTS = "pp"  # a difference of two shares in 个百分点
    TIMES = "倍"  # a ratio of two figures in 倍


# How a figure is stated: 约X (approx), 超过X (gt), 不足X (lt), X以上 (ge), X以下 (le), 近X (near),
# X多/X余 (more), 3–5亿元 (range), or plainly (eq). See fits() in verdicts.py for each bound.
Qualifier = Literal["eq", "approx", "gt", "lt", "ge", "le", "near", "more", "range"]

PROBLEMS = (Verdict.WRONG, Verdict.AMBIGUOUS, Verdict.UNSUPPORTED)


@dataclass
class Mention:
    """One number in the article and the checker's verdict on it."""

    text: str
    start: int
    end: int
    line: int
    value: float | str | list[float] | None
    unit: str
    qualifier: Qualifier
    fact_id: str | None
    verdict: Verdict
    reason: str
    bound_by: BoundBy = BoundBy.NONE

    @property
    def pinned(self) -> bool:
        """True when the clause (or a name) determines exactly one fact."""
        return self.bound_by in (BoundBy.CLAUSE, BoundBy.NAME)


@dataclass
class CheckReport:
    """All mentions; ``ok`` when none is wrong, ambiguous or unsupported."""

    mentions: list[Mention] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    @property
    def problems(self) -> list[Mention]:
        return [m for m in self.mentions if m.verdict in PROBLEMS]

    @property
    def problem_count(self) -> int:
        return len(self.problems)

    @property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for m in self.mentions:
            out[m.verdict] = out.get(m.verdict, 0) + 1
        return out

    def to_dict(self) -> dict[str, Any]:
        """The check.json document."""
        return {"ok": self.ok, "counts": self.counts, "mentions": [asdict(m) for m in self.mentions]}


class Add(Protocol):
    """How binders record a mention: its span, what it states, the fact it claims and the verdict."""

    def __call__(self, start: int, end: int, value: Any, unit: str, qualifier: Qualifier, fact_id: str | None,
                 verdict: Verdict, reason: str, bound_by: BoundBy = ...) -> None: ...
