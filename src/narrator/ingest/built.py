"""The result of ingest: clean events, rejects, warnings and counts (no parsing machinery,
so that a cached read does not import it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

EVENT_COLUMNS = [
    "event_id", "company", "date", "month", "round_raw", "round", "round_group", "amount_text",
    "amount_value", "currency", "amount_kind", "amount_cny_yi", "investors", "country", "region",
    "layer", "sector", "source",
]
REJECT_COLUMNS = ["file", "row", "column", "value", "reason"]
WARNING_COLUMNS = REJECT_COLUMNS  # kept rows with something dropped (amount, layer): same shape


@dataclass
class Built:
    """The clean events, the rejected rows, and counts for the summary."""

    events: pd.DataFrame
    rejects: pd.DataFrame
    rows_read: int
    duplicates: int
    files: list[str] = field(default_factory=list)
    warnings: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=WARNING_COLUMNS))
    reject_months: pd.Series = field(default_factory=lambda: pd.Series(dtype=object))  # month of each reject, or None
    fx_used: pd.DataFrame = field(default_factory=pd.DataFrame)  # month, currency, cny_per_unit, source, deals
    # Kept rows per month of the whole table, when ``events`` holds only some months (a cached
    # table read for one report month: its own, the previous, a year before, the trend window).
    months_held: dict[str, int] | None = None
    # With months_held: the amounts (亿元, NaN where none) of months held whose rows are not in
    # ``events`` but whose totals the facts need (the rest of the trend window).
    other_amounts: dict[str, Any] | None = None

    def kept_by_month(self) -> dict[str, int]:
        """Kept rows per month (sorted by month), over the whole table."""
        if self.months_held is not None:
            return dict(sorted(self.months_held.items()))
        counts = self.events["month"].value_counts().sort_index()
        return {str(k): int(v) for k, v in counts.items()}

    @property
    def kept(self) -> int:
        """Rows kept as deals, over the whole table."""
        return len(self.events) if self.months_held is None else sum(self.months_held.values())
