"""Convert parsed amounts to CNY; a deal whose amount cannot be used is kept without one.

Counting convention: every deal counts; amounts are summed where they can be used. A row
whose amount text cannot be read, names a currency narrator does not know, or falls in a
month with no rate is an event with no amount (``amount_kind == "unconverted"``) and a line
in the warnings file, never a reject.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .coded import Coded
from .rates import FxRates

UNCONVERTED = "unconverted"


@dataclass
class Converted:
    """Per row: CNY rate (NaN when no amount), why an amount was dropped, whether it was; and
    every rate applied (month, currency, cny_per_unit, source, deals)."""

    rate: np.ndarray
    reason: np.ndarray  # None where the amount was used or was undisclosed to begin with
    dropped: np.ndarray  # the row's amount kind becomes UNCONVERTED
    used: pd.DataFrame


def convert(month: Coded, currency: Coded, undisclosed: np.ndarray, errors: np.ndarray, fx: FxRates) -> Converted:
    """Rates for every row, looked up once per distinct (month, currency); no per-row Python.

    ``undisclosed`` marks rows with no amount to begin with; ``errors`` holds, per row, why
    the amount text could not be read (None where it could)."""
    n = len(month.codes)
    has_err = ~pd.isna(errors) if n else np.zeros(0, dtype=bool)
    disclosed = ~undisclosed & ~has_err
    m_codes, m_uniq = month.codes, month.uniques.array
    c_codes, c_uniq = currency.codes, currency.uniques.array
    n_c = max(len(c_uniq), 1)
    pair_code = m_codes * n_c + c_codes
    rates = np.full(len(m_uniq) * n_c, np.nan)
    sources = np.full(len(m_uniq) * n_c, None, dtype=object)
    # Only the pairs that occur in disclosed rows are looked up (ECB data loads on first need).
    counts = np.bincount(pair_code[disclosed], minlength=len(rates)) if n else np.zeros(0, dtype=np.int64)
    for code in np.flatnonzero(counts).tolist():
        m, c = m_uniq[code // n_c], c_uniq[code % n_c]
        hit = fx.lookup(str(m), str(c)) if m is not None and c is not None else None
        if hit is not None:
            rates[code], sources[code] = hit
    rate = rates[pair_code] if n else np.array([], dtype=float)
    no_rate = disclosed & np.isnan(rate)
    # The ECB table is loaded only when some row needs it (the sample's months never do).
    known = fx.known_currencies() if no_rate.any() else set()
    reason = np.full(n, None, dtype=object)
    reason[has_err] = errors[has_err]
    for code in np.unique(pair_code[no_rate]).tolist():  # one message per (month, currency)
        m, c = m_uniq[code // n_c], c_uniq[code % n_c]
        cur, mon = "?" if c is None else str(c), "?" if m is None else str(m)
        reason[no_rate & (pair_code == code)] = (
            f"no FX rate for {cur} in {mon} (supply one with --fx or [fx])" if cur in known else f"unknown currency '{cur}'")
    dropped = has_err | no_rate
    rate = np.where(dropped, np.nan, rate)
    # Rates applied to foreign amounts, with the number of deals each converted.
    foreign = np.array([c != "CNY" for c in c_uniq], dtype=bool)[c_codes] if n else np.zeros(0, dtype=bool)
    applied = np.bincount(pair_code[disclosed & foreign & ~dropped], minlength=len(rates)) if n else counts
    used = pd.DataFrame([{"month": m_uniq[code // n_c], "currency": c_uniq[code % n_c], "cny_per_unit": rates[code],
                          "source": sources[code], "deals": int(applied[code])} for code in np.flatnonzero(applied)],
                        columns=["month", "currency", "cny_per_unit", "source", "deals"])
    return Converted(rate, reason, dropped, used)
