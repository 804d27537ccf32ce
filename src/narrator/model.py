"""The data model every stage shares: a fact, an insight, and one month of them (facts.json)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

import numpy as np

# Amounts in 亿元 are kept to 0.01元: far finer than any figure shown, coarse enough that
# binary noise (15.290000000000001) does not reach facts.json.
AMOUNT_DECIMALS = 10


@dataclass(frozen=True)
class Fact:
    """One figure the article may state."""

    id: str
    value: Any
    unit: str
    label: str
    display: str
    scope: str
    metric: str
    formula: str | None = None
    inputs: tuple[str, ...] = ()


# The statements facts/insights.py can make; templates and section specs select insights by kind.
InsightKind = Literal["region_contrast", "stage_contrast", "layer_contrast", "size_gap", "concentration", "mega_deals",
                      "mom_move"]


@dataclass(frozen=True)
class Insight:
    """A statement an editor would lead with, built only from fact display forms."""

    kind: InsightKind
    score: float
    facts: tuple[str, ...]
    text: str
    headline: str | None = None
    template: str | None = None  # text with {fact id} slots
    headline_template: str | None = None  # headline with {fact id} slots


@dataclass
class MonthFacts:
    """All facts and insights of one month, plus where the data came from."""

    month: str
    facts: dict[str, Fact]
    insights: list[Insight]
    data: dict[str, Any] = field(default_factory=dict)

    def __contains__(self, fact_id: str) -> bool:
        return fact_id in self.facts

    def get(self, fact_id: str) -> Fact | None:
        """The fact with this id, or None."""
        return self.facts.get(fact_id)

    def value(self, fact_id: str, default: Any = None) -> Any:
        """The value of a fact, or ``default`` when it does not exist."""
        fact = self.facts.get(fact_id)
        return default if fact is None else fact.value

    @property
    def headline(self) -> str | None:
        """The headline of the top-scoring insight that has one."""
        for insight in self.insights:
            if insight.headline:
                return insight.headline
        return None

    def to_dict(self) -> dict[str, Any]:
        """The facts.json document."""
        return {
            "month": self.month,
            "data": self.data,
            "headline": self.headline,
            "facts": [_fact_dict(f) for f in self.facts.values()],
            "insights": [asdict(i) | {"facts": list(i.facts)} for i in self.insights],
        }

    def to_json(self) -> str:
        """Deterministic JSON: the same input gives byte-identical output."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, allow_nan=False) + "\n"

    @classmethod
    def from_dict(cls, doc: dict[str, Any]) -> "MonthFacts":
        """Rebuild from a facts.json document."""
        facts = {d["id"]: Fact(**{**d, "inputs": tuple(d.get("inputs", ()))}) for d in doc["facts"]}
        insights = [Insight(**{**d, "facts": tuple(d["facts"])}) for d in doc.get("insights", [])]
        return cls(doc["month"], facts, insights, doc.get("data", {}))


def _fact_dict(fact: Fact) -> dict[str, Any]:
    # Fields in declaration order, values as they are (JSON types): what asdict gives, without
    # its deep copy of a thousand facts.
    d = {name: getattr(fact, name) for name in _FACT_FIELDS}
    d["inputs"] = list(fact.inputs)
    return d


_FACT_FIELDS = tuple(f.name for f in fields(Fact))


class FactBuilder:
    """Collects facts under their ids ``<scope>.<metric>``: the one place an id is made."""

    def __init__(self) -> None:
        self.facts: dict[str, Fact] = {}

    def add(self, scope: str, metric: str, value: Any, unit: str, label: str, display: str,
            formula: str | None = None, inputs: tuple[str, ...] = ()) -> None:
        """Add (or replace) the fact ``scope.metric``; NumPy scalars become Python numbers."""
        if isinstance(value, (np.integer, np.floating)):
            value = value.item()
        if unit == "亿元" and isinstance(value, float):
            value = round(value, AMOUNT_DECIMALS)
        fid = f"{scope}.{metric}"
        self.facts[fid] = Fact(fid, value, unit, label, display, scope, metric, formula, inputs)
