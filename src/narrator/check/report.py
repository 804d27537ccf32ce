"""The report: every mention with its verdict, and the check.json document."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Mention:
    """One number in the article and the checker's verdict on it."""

    text: str
    start: int
    end: int
    line: int
    value: float | str | None
    unit: str
    qualifier: str
    fact_id: str | None
    verdict: str
    reason: str


@dataclass
class CheckReport:
    """All mentions; ``ok`` when none is wrong or unsupported."""

    mentions: list[Mention] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    @property
    def problems(self) -> list[Mention]:
        return [m for m in self.mentions if m.verdict in ("wrong", "unsupported")]

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

