"""Columns as codes into their distinct values.

Exports repeat the same texts thousands of times (a million rows may hold a few hundred
dates, a dozen amount texts, a handful of countries). Each column is factorized once; every
per-value step (parsing, normalising, hashing, comparing) then runs once per distinct value,
and values reach the rows only at the end, for the rows that stay, by an Arrow ``take``.

Building a pandas text column from a million Python objects costs far more than the
arithmetic around it, so per-row intermediates stay numpy arrays of codes, floats or
booleans. ``expand`` gives the column pandas would have built from the per-row values: the
dtype pandas infers from the distinct values is the one it infers from all the rows, since
every distinct value occurs in some row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Coded:
    """A column as ``codes`` (one per row) into ``uniques`` (a Series of its distinct values,
    in order of first appearance, with the column's dtype; a missing value is one of them)."""

    codes: np.ndarray
    uniques: pd.Series

    @classmethod
    def of(cls, column: pd.Series, many: bool = False) -> Coded:
        """Factorize a column once (pandas' order of first appearance). ``many``: a column
        of many distinct texts (company names), hashed in numpy (``textcodes``)."""
        if many:
            from .textcodes import factorize_text

            return cls(*factorize_text(column))
        codes, uniques = pd.factorize(column, use_na_sentinel=False)
        return cls(codes, pd.Series(uniques, dtype=column.dtype))

    @classmethod
    def of_stripped(cls, column: pd.Series, many: bool = False) -> Coded:
        """Like ``of(column.str.strip())``, stripping each distinct value once instead of
        every cell; the order of first appearance is the same."""
        raw = cls.of(column, many)
        stripped = raw.uniques.str.strip() if len(raw.uniques) else raw.uniques
        if stripped.equals(raw.uniques):  # nearly always: clean cells
            return raw
        return Coded(raw.codes, stripped).remap(stripped)

    @classmethod
    def of_values(cls, values: np.ndarray | pd.Series) -> Coded:
        """Factorize per-row values (numpy or a Series); the uniques get the dtype that
        ``pd.Series(values)`` would infer."""
        codes, uniques = pd.factorize(values, use_na_sentinel=False)
        return cls(codes, _series(uniques))

    def map(self, func: Callable[[Any], Any]) -> np.ndarray:
        """``func`` of each distinct value, as an object array parallel to ``uniques``."""
        out = np.empty(len(self.uniques), dtype=object)
        out[:] = [func(u) for u in self.uniques.array]
        return out

    def rows(self, per_unique: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        """Per-unique values spread onto every row (or onto ``rows``, a mask or positions)."""
        return per_unique[self.codes if rows is None else self.codes[rows]]

    def expand(self, rows: np.ndarray | None = None, values: pd.Series | np.ndarray | None = None) -> pd.Series:
        """The column for ``rows`` (default: all), from ``values`` per unique (default: the
        uniques themselves); a RangeIndex."""
        per_unique = self.uniques if values is None else _series(values)
        codes = self.codes if rows is None else self.codes[rows]
        return take(per_unique, codes)

    def remap(self, per_unique: pd.Series | np.ndarray) -> Coded:
        """Codes of a column that is a function of this one (``per_unique`` its values), in
        the same order of first appearance as factorizing that column row by row."""
        codes, uniques = pd.factorize(_series(per_unique), use_na_sentinel=False)
        return Coded(codes[self.codes], pd.Series(uniques, dtype=_series(per_unique).dtype))


def _series(values: pd.Series | np.ndarray | Any) -> pd.Series:
    """A Series of ``values`` (pandas infers the dtype of a numpy object array as it would for
    the same values on every row)."""
    return values.reset_index(drop=True) if isinstance(values, pd.Series) else pd.Series(values)


def take(per_unique: pd.Series, codes: np.ndarray) -> pd.Series:
    """``per_unique`` at ``codes`` as a new Series with a RangeIndex and the same dtype."""
    if per_unique.dtype == object:  # keep the very objects (None stays None)
        return pd.Series(per_unique.to_numpy()[codes], dtype=object)
    return pd.Series(per_unique.array.take(codes))


def combine(*codes: np.ndarray) -> np.ndarray:
    """One code per distinct combination of several code arrays (order of first appearance)."""
    key = np.zeros(len(codes[0]), dtype=np.int64)
    for c in codes:
        key = key * (int(c.max()) + 1 if len(c) else 1) + c
    return pd.factorize(key)[0]


def equals(uniques: pd.Series, text: str) -> np.ndarray:
    """``uniques == text`` as a bool array (a missing value is not equal)."""
    return uniques.eq(text).to_numpy(dtype=bool, na_value=False)
