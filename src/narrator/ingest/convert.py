"""Convert parsed amounts to CNY; a deal whose amount cannot be used is kept without one.

Counting convention: every deal counts; amounts are summed where they can be used. A row
whose amount text cannot be read, names a currency narrator does not know, or falls in a
month with no rate is an event with no amount (``amount_kind == "unconverted"``) and a line
in the warnings file, never a reject.

Everything here depends on a row's month and its amount only, so it is worked out once per
distinct (month, amount) pair (a few hundred on a million rows) and reaches the rows as one
code each.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .amount_rows import AmountRows, pairs
from .coded import Coded
from .rates import FxRates

UNCONVERTED = "unconverted"


@dataclass
class Converted:
    """Per (month, amount) pair, ``pair`` giving each row's: the CNY rate (NaN when no
    amount), the amount in 亿元, why an amount was dropped (None where it was used or was
    undisclosed to begin with), whether it was, whether the row has an amount at all; and
    every rate applied (month, currency, cny_per_unit, source, deals)."""

    pair: np.ndarray  # per row
    amount: np.ndarray  # the pair's amount in its currency (as pandas types the rows' values)
    of_amount: np.ndarray  # the pair's key in AmountRows
    rate: np.ndarray
    cny_yi: np.ndarray
    reason: np.ndarray
    dropped: np.ndarray
    disclosed: np.ndarray  # an amount that is used: neither undisclosed nor dropped
    used: pd.DataFrame

    def rows(self, per_pair: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        """A per-pair array spread onto every row (or onto ``rows``)."""
        return per_pair[self.pair if rows is None else self.pair[rows]]


def convert(month: Coded, amounts: AmountRows, fx: FxRates) -> Converted:
    """Rates for every row, looked up once per distinct (month, currency); no per-row Python."""
    pair, (m_codes, keys) = pairs(month.codes, amounts.key)
    n_rows = np.bincount(pair, minlength=len(m_codes)) if len(pair) else np.zeros(0, dtype=np.int64)
    # Months and currencies numbered in order of first appearance over the rows, as before.
    m_uniq = month.uniques.array
    c_of_key, c_uniq = pd.factorize(amounts.currency, use_na_sentinel=False)
    c_codes = c_of_key[keys]
    error = amounts.error[keys]
    has_err = ~pd.isna(error) if len(keys) else np.zeros(0, dtype=bool)
    disclosed = (amounts.kind.to_numpy(dtype=object)[keys] != "undisclosed") & ~has_err
    n_c = max(len(c_uniq), 1)
    pair_code = m_codes * n_c + c_codes  # (month, currency) of each (month, amount) pair
    rates = np.full(len(m_uniq) * n_c, np.nan)
    sources = np.full(len(m_uniq) * n_c, None, dtype=object)
    # Only the pairs that occur in disclosed rows are looked up (ECB data loads on first need).
    for code in np.unique(pair_code[disclosed]).tolist():
        m, c = m_uniq[code // n_c], c_uniq[code % n_c]
        hit = fx.lookup(str(m), str(c)) if m is not None and c is not None else None
        if hit is not None:
            rates[code], sources[code] = hit
    rate = rates[pair_code]
    no_rate = disclosed & np.isnan(rate)
    # The ECB table is loaded only when some row needs it (the sample's months never do).
    known = fx.known_currencies() if no_rate.any() else set()
    reason = np.full(len(keys), None, dtype=object)
    reason[has_err] = error[has_err]
    for code in np.unique(pair_code[no_rate]).tolist():  # one message per (month, currency)
        m, c = m_uniq[code // n_c], c_uniq[code % n_c]
        cur, mon = "?" if c is None else str(c), "?" if m is None else str(m)
        reason[no_rate & (pair_code == code)] = (
            f"no FX rate for {cur} in {mon} (supply one with --fx or [fx])" if cur in known else f"unknown currency '{cur}'")
    dropped = has_err | no_rate
    rate = np.where(dropped, np.nan, rate)
    amount = amounts.value.to_numpy()[keys]
    # Rates applied to foreign amounts, with the number of deals each converted.
    foreign = np.array([c != "CNY" for c in c_uniq], dtype=bool)[c_codes]
    applied = np.bincount(pair_code[disclosed & foreign & ~dropped], weights=n_rows[disclosed & foreign & ~dropped],
                          minlength=len(rates)).astype(np.int64)
    used = pd.DataFrame([{"month": m_uniq[code // n_c], "currency": c_uniq[code % n_c], "cny_per_unit": rates[code],
                          "source": sources[code], "deals": int(applied[code])} for code in np.flatnonzero(applied)],
                        columns=["month", "currency", "cny_per_unit", "source", "deals"])
    return Converted(pair, amount, keys, rate, amount * rate / 1e8, reason, dropped,
                     (amounts.kind.to_numpy(dtype=object)[keys] != "undisclosed") & ~dropped, used)
