"""Vectorised group statistics for the facts stage.

A month's facts need some sixty group statistics (by region, country, round, stage, layer,
sector; within each region; for this month, last month and last year). pandas' groupby
costs one to two milliseconds of fixed overhead per call whatever the group size, and
boolean filtering a wide million-row table costs more, so the facts stage works on one
month's rows as arrays instead: each key column is taken (Arrow) and dictionary-encoded
once, and every statistic is a ``np.bincount``; medians come from one sort by amount.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


@dataclass(frozen=True, slots=True)
class Stats:
    """The statistics of one group of a month's events (amounts in 亿元)."""

    events: int  # all events, with or without a usable amount
    amount: float  # sum of the usable amounts
    disclosed: int  # events with a usable amount
    estimated_events: int  # events whose fuzzy amount (数亿元, 超亿元) is read as an estimate
    estimated_amount: float  # sum of those estimates
    median: float  # median usable amount; NaN when the group has none


EMPTY_STATS = Stats(events=0, amount=0.0, disclosed=0, estimated_events=0, estimated_amount=0.0, median=float("nan"))


class MonthIndex:
    """The event table split by month in one pass, with its columns as Arrow arrays."""

    def __init__(self, events: pd.DataFrame, other_months: dict[str, np.ndarray] | None = None) -> None:
        """``other_months``: the amounts of months held but not in ``events`` (a table read
        for one report month: they count in the months held and the trend totals)."""
        self.events = events
        self._arrays: dict[str, pa.Array] = {}
        self.amount = _float_array(events["amount_cny_yi"])
        codes, months = _encode(self.array("month"))
        self._codes = codes
        self._code_of = {str(m): i for i, m in enumerate(months)}
        self._others = {m: a for m, a in (other_months or {}).items() if m not in self._code_of}
        self.months = sorted(set(self._code_of) | set(self._others))

    def __contains__(self, month: str) -> bool:
        """Whether the rows of ``month`` are at hand."""
        return month in self._code_of

    def array(self, name: str) -> pa.Array:
        """A whole column as one Arrow array (no copy when pandas already holds Arrow data)."""
        if name not in self._arrays:
            array = pa.array(self.events[name])
            self._arrays[name] = array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array
        return self._arrays[name]

    def positions(self, month: str) -> np.ndarray:
        """Row positions of ``month`` (empty when the table holds none)."""
        return np.flatnonzero(self._codes == self._code_of.get(month, -2))

    def rows(self, month: str) -> "MonthRows":
        """The rows of ``month``."""
        return MonthRows(self, self.positions(month))

    def totals(self, month: str) -> tuple[int, float]:
        """(events, amount) of one month; missing amounts count as events but add nothing."""
        amounts = self._others[month] if month in self._others else self.amount[self.positions(month)]
        return len(amounts), accurate_sum(amounts[~np.isnan(amounts)])


class MonthRows:
    """One month's rows: positions in the event table; columns taken and encoded on demand."""

    def __init__(self, index: MonthIndex, positions: np.ndarray) -> None:
        self._index = index
        self.positions = positions
        self._keys: dict[str, tuple[np.ndarray, list[Any]]] = {}
        self.amount = index.amount[positions]
        self.disclosed = ~np.isnan(self.amount)
        self.estimated = self.is_in("amount_kind", ["estimated"])
        self._flags = self.disclosed.astype(np.int64) + 2 * self.estimated  # for stats' one count
        amount0 = np.where(self.disclosed, self.amount, 0.0)
        # Split once: every grouping below reuses these weights (see _split_for_sums).
        self._amount_parts = _split_for_sums(amount0)
        self._estimated_parts = _split_for_sums(np.where(self.estimated, amount0, 0.0))
        self._by_amount = np.flatnonzero(self.disclosed)[np.argsort(self.amount[self.disclosed], kind="stable")]

    def __len__(self) -> int:
        return len(self.positions)

    def take(self, name: str, rows: np.ndarray | list[int] | None = None) -> pa.Array:
        """This month's values of column ``name`` (at ``rows``, positions within the month) as Arrow."""
        positions = self.positions if rows is None else self.positions[np.asarray(rows, dtype=np.int64)]
        return self._index.array(name).take(pa.array(positions))

    def key(self, name: str) -> tuple[np.ndarray, list[Any]]:
        """Column ``name`` encoded: codes (-1 where missing) and the values the codes stand for."""
        if name not in self._keys:
            self._keys[name] = _encode(self.take(name))
        return self._keys[name]

    def is_in(self, name: str, values: list[Any]) -> np.ndarray:
        """Boolean mask: the column's value is one of ``values``."""
        codes, uniques = self.key(name)
        chosen = set(values)
        wanted = np.array([u in chosen for u in uniques] + [False], dtype=bool)
        return wanted[codes]  # code -1 (missing) reads the trailing False

    def values(self, name: str, rows: np.ndarray | list[int]) -> list[Any]:
        """Python values of one column at a few row positions (within the month)."""
        return self.take(name, rows).to_pylist()

    def records(self, rows: list[int], columns: list[str]) -> list[dict[str, Any]]:
        """A few whole rows (by position within the month) as dicts."""
        return self._index.events.iloc[self.positions[rows]][columns].to_dict("records")

    def stats(self, codes: np.ndarray, uniques: list[Any], mask: np.ndarray | None) -> dict[Any, Stats]:
        """Statistics per code; rows with code -1 or outside ``mask`` are left out."""
        keep = codes >= 0 if mask is None else (codes >= 0) & mask
        size = len(uniques)
        kept = codes[keep]
        # Rows, disclosed and estimated rows per group in one integer count: code * 4 + flags.
        counts = np.bincount(kept * 4 + self._flags[keep], minlength=4 * size).reshape(size, 4)
        events = counts.sum(axis=1)
        n_disclosed, n_estimated = counts[:, 1] + counts[:, 3], counts[:, 2] + counts[:, 3]
        sums = _bincount_parts(kept, self._amount_parts, keep, size)
        estimated_sums = _bincount_parts(kept, self._estimated_parts, keep, size)
        medians = self._medians(codes, keep, n_disclosed, size)
        return {
            uniques[i]: Stats(
                events=int(events[i]), amount=float(sums[i]), disclosed=int(n_disclosed[i]),
                estimated_events=int(n_estimated[i]), estimated_amount=float(estimated_sums[i]),
                median=float(medians[i]),
            )
            for i in np.flatnonzero(events)  # a value with no rows under the mask is not a group
        }

    def _medians(self, codes: np.ndarray, keep: np.ndarray, counts: np.ndarray, size: int) -> np.ndarray:
        """Per-group median of disclosed amounts (NaN for a group without any), as pandas computes it."""
        rows = self._by_amount[keep[self._by_amount]]  # disclosed rows, ascending amount
        if not len(rows):
            return np.full(size, np.nan)
        group = codes[rows].astype(np.int16 if size < 2**15 else np.int64)  # int16 sorts by radix
        ordered = self.amount[rows[np.argsort(group, kind="stable")]]  # by group, then amount
        starts = np.cumsum(counts) - counts
        last = len(ordered) - 1
        lo = np.minimum(starts + (counts - 1) // 2, last)
        hi = np.minimum(starts + counts // 2, last)
        return np.where(counts > 0, (ordered[lo] + ordered[hi]) / 2, np.nan)


def total_stats(rows: MonthRows, mask: np.ndarray | None = None) -> Stats:
    """The statistics of all rows (or of the rows in ``mask``) as one group."""
    stats = rows.stats(np.zeros(len(rows), dtype=np.int64), ["all"], mask)
    return stats.get("all", EMPTY_STATS)


def group_stats(rows: MonthRows, by: str, mask: np.ndarray | None = None) -> dict[Any, Stats]:
    """Statistics per value of column ``by`` (missing values left out)."""
    codes, uniques = rows.key(by)
    return rows.stats(codes, uniques, mask)


# -- sums as accurate as pandas' ------------------------------------------------------------
# A plain np.bincount adds in row order and drifts (15.29 becomes 15.289999999999992), which
# facts.json would show. Each weight is split into a part on a coarse binary grid, whose
# partial sums are all exact, and a tiny remainder whose rounding error is negligible.
def _split_for_sums(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    magnitude = float(np.abs(weights).sum())
    if not magnitude or not np.isfinite(magnitude):
        return weights, np.zeros_like(weights)
    grid = 2.0 ** (np.ceil(np.log2(magnitude)) - 52)  # no partial sum of coarse parts can round
    coarse = np.round(weights / grid) * grid
    return coarse, weights - coarse


def _bincount_parts(codes: np.ndarray, parts: tuple[np.ndarray, np.ndarray], keep: np.ndarray,
                    size: int) -> np.ndarray:
    coarse, fine = parts
    return np.bincount(codes, weights=coarse[keep], minlength=size) + np.bincount(codes, weights=fine[keep], minlength=size)


def accurate_sum(values: np.ndarray) -> float:
    """Sum of ``values``, accurate to the last bit whatever their order."""
    coarse, fine = _split_for_sums(values)
    return float(coarse.sum() + fine.sum())


# -- encoding ------------------------------------------------------------------------------
def _encode(array: pa.Array) -> tuple[np.ndarray, list[Any]]:
    """Integer codes (-1 for missing) and the distinct values of an Arrow array."""
    given = pa.types.is_dictionary(array.type)  # a pandas categorical: reuse its codes
    encoded = array if given else pc.dictionary_encode(array)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    codes = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    values = encoded.dictionary.to_pylist()
    if given:  # a categorical may list values no row has: drop them so they are not counted
        used = np.bincount(codes[codes >= 0], minlength=len(values)) > 0
        if not used.all():
            codes = np.where(codes >= 0, (np.cumsum(used) - 1)[codes], -1)
            values = [v for v, keep in zip(values, used) if keep]
    return codes, values


def _float_array(column: pd.Series) -> np.ndarray:
    """Amounts as float64 with NaN for missing, whatever the column's dtype."""
    return pd.to_numeric(column, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)


def investor_rows(rows: MonthRows) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Each (deal, investor) pair of the month: deal position, investor code, investor names."""
    lists = rows.take("investors")
    flat, parent = pc.list_flatten(lists), pc.list_parent_indices(lists)
    present = pc.is_valid(flat)
    codes, names = _encode(pc.filter(flat, present))
    return pc.filter(parent, present).to_numpy(zero_copy_only=False).astype(np.int64), codes, names
