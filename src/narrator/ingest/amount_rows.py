"""Amounts before conversion, per distinct amount: the text read, the value in its
currency, its kind, why it could not be read, and its currency. Amount texts are parsed once
per distinct text; rows carry only the code of their amount."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .amounts import parse_amount
from .coded import Coded, combine, equals
from .mapping import ColumnMapping


@dataclass(frozen=True)
class AmountRows:
    """Amounts of every row: ``key`` per row, the rest per key. A key is a distinct amount
    text, or a distinct (text, currency cell) pair, or (numeric layout) a row. Every key
    occurs in some row, so each per-key Series has the dtype pandas gives the rows' values."""

    text: Coded  # the amount cells (amount_text of the events; the warnings quote them)
    key: np.ndarray  # per row
    value: pd.Series  # in units of the currency; NaN when there is none
    kind: pd.Series  # exact | estimated | undisclosed
    error: np.ndarray  # object: why the amount cannot be read, or None
    currency: pd.Series  # ISO code


def amount_rows(df: pd.DataFrame, mapping: ColumnMapping, estimates: dict[str, float],
                stripped: set[str] = frozenset()) -> AmountRows:  # type: ignore[assignment]
    """Amounts from the text column (``1.5亿美元``), or from a numeric column plus a currency
    column or default when the export has no amount text. Cells are stripped here, except in
    the ``stripped`` columns (already stripped row by row)."""
    def coded(name: str) -> Coded:
        return Coded.of(df[name]) if name in stripped else Coded.of_stripped(df[name])

    default = mapping.defaults.get("currency", "CNY").upper()
    text = coded("amount")
    if "amount_value" in df.columns and equals(text.uniques, "").all():
        # The numeric layout (a rare one): row by row, on stripped cells.
        cells = df.assign(**{name: df[name].str.strip() for name in ("amount_value", "currency")
                             if name in df.columns and name not in stripped})
        text_column, value, currency, kind, errors = _amount_from_value_columns(cells, mapping)
        return AmountRows(Coded.of(text_column), np.arange(len(df)), value.reset_index(drop=True),
                          kind.reset_index(drop=True), errors.to_numpy(dtype=object), currency.reset_index(drop=True))
    # Parse without a default so that a currency column can fill in what the text lacks.
    parsed = text.map(lambda t: parse_amount(t, "", estimates))
    value_u = pd.to_numeric(pd.Series(np.array([p.value for p in parsed], dtype=object)), errors="coerce")
    kind_u = pd.Series(np.array([p.kind for p in parsed], dtype=object))
    error_u = np.array([p.error for p in parsed], dtype=object)
    parsed_currency = np.array([p.currency for p in parsed], dtype=object)
    if "currency" not in df.columns:
        currency_u = pd.Series(parsed_currency).replace("", None).fillna(pd.Series(default, index=range(len(parsed))))
        return AmountRows(text, text.codes, value_u, kind_u, error_u, currency_u)
    # Each row's currency depends on its amount text and its currency cell: work per distinct
    # pair (a few dozen), as pandas would per row.
    column = coded("currency")
    cells = column.uniques.str.upper().str.strip()
    fallback_u = cells.where(cells.ne(""), default)
    key, (texts, currencies) = pairs(text.codes, column.codes)
    currency_k = pd.Series(parsed_currency[texts]).replace("", None).fillna(
        fallback_u.iloc[currencies].reset_index(drop=True))
    return AmountRows(text, key, pd.Series(value_u.to_numpy()[texts]), pd.Series(kind_u.to_numpy()[texts]),
                      error_u[texts], currency_k)


def pairs(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """Codes of the distinct (a, b) pairs (order of first appearance), and each pair's a and b."""
    codes = combine(a, b)
    first = np.zeros(int(codes.max()) + 1 if len(codes) else 0, dtype=np.int64)
    seen = pd.Series(codes).drop_duplicates()  # first row of each pair, in order
    first[seen.to_numpy()] = seen.index.to_numpy()
    return codes, (a[first], b[first])


def _amount_from_value_columns(df: pd.DataFrame, mapping: ColumnMapping):
    """The alternative layout: a numeric amount column plus a currency column or default."""
    raw = df["amount_value"].str.replace(",", "", regex=False)
    value = pd.to_numeric(raw, errors="coerce")
    currency = (df["currency"] if "currency" in df.columns else pd.Series(mapping.defaults.get("currency", "CNY"), index=df.index))
    currency = currency.astype(str).str.upper().str.strip().replace("", mapping.defaults.get("currency", "CNY").upper())
    empty = raw.eq("")
    errors = pd.Series(None, index=df.index, dtype=object)
    errors = errors.where(~(~empty & value.isna()), "cannot read amount '" + df["amount_value"] + "'")
    errors = errors.where(~(value <= 0), "amount must be positive, got '" + df["amount_value"] + "'")
    kind = pd.Series(np.where(empty, "undisclosed", "exact"), index=df.index)
    value = value.where(~empty)
    return df["amount_value"], value, currency, kind, errors
