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

from .rates import FxRates

UNCONVERTED = "unconverted"


@dataclass
class Converted:
    """Per row: CNY rate (NaN when no amount), the rate's source, and why an amount was dropped."""

    rate: pd.Series
    source: pd.Series
    reason: pd.Series  # None where the amount was used or was undisclosed to begin with
    kind: pd.Series
    used: pd.DataFrame  # month, currency, cny_per_unit, source, deals: every rate applied


def convert(month: pd.Series, currency: pd.Series, kind: pd.Series, errors: pd.Series, fx: FxRates) -> Converted:
    """Rates for every row, looked up once per distinct (month, currency)."""
    index = month.index
    disclosed = kind.ne("undisclosed").to_numpy() & errors.isna().to_numpy()
    m_codes, m_uniq = pd.factorize(month, use_na_sentinel=False)
    c_codes, c_uniq = pd.factorize(currency, use_na_sentinel=False)
    rates = np.full((len(m_uniq), len(c_uniq)), np.nan)
    sources = np.full((len(m_uniq), len(c_uniq)), None, dtype=object)
    # Only the pairs that occur in disclosed rows are looked up (ECB data loads on first need).
    combined = np.flatnonzero(np.bincount(m_codes[disclosed] * len(c_uniq) + c_codes[disclosed],
                                          minlength=len(m_uniq) * len(c_uniq)))
    for mi, ci in zip(combined // max(len(c_uniq), 1), combined % max(len(c_uniq), 1)):
        m, c = m_uniq[mi], c_uniq[ci]
        hit = fx.lookup(str(m), str(c)) if m is not None and c is not None else None
        if hit is not None:
            rates[mi, ci], sources[mi, ci] = hit
    rate = rates[m_codes, c_codes] if len(index) else np.array([], dtype=float)
    source = sources[m_codes, c_codes] if len(index) else np.array([], dtype=object)
    reason = np.full(len(index), None, dtype=object)
    err = errors.to_numpy(dtype=object)
    has_err = errors.notna().to_numpy()
    reason[has_err] = err[has_err]
    no_rate = disclosed & np.isnan(rate)
    cur_arr = currency.fillna("?").to_numpy(dtype=object)
    mon_arr = month.fillna("?").to_numpy(dtype=object)
    # The ECB table is loaded only when some row needs it (the sample's months never do).
    unknown = no_rate & ~currency.isin(fx.known_currencies()).to_numpy() if no_rate.any() else no_rate
    for i in np.flatnonzero(unknown):
        reason[i] = f"unknown currency '{cur_arr[i]}'"
    for i in np.flatnonzero(no_rate & ~unknown):
        reason[i] = f"no FX rate for {cur_arr[i]} in {mon_arr[i]} (supply one with --fx or [fx])"
    dropped = pd.Series(reason, index=index).notna()
    rate = np.where(dropped.to_numpy(), np.nan, rate)
    new_kind = kind.where(~dropped, UNCONVERTED)
    foreign = currency.ne("CNY").to_numpy()
    applied = pd.DataFrame({"month": month, "currency": currency, "source": source})[disclosed & foreign & ~dropped.to_numpy()]
    used = (applied.groupby(["month", "currency", "source"], dropna=False).size().rename("deals").reset_index()
            if len(applied) else pd.DataFrame(columns=["month", "currency", "source", "deals"]))
    used["cny_per_unit"] = [fx.lookup(m, c)[0] if fx.lookup(m, c) else np.nan  # type: ignore[index]
                            for m, c in zip(used["month"], used["currency"])]
    return Converted(pd.Series(rate, index=index), pd.Series(source, index=index), pd.Series(reason, index=index),
                     new_kind, used[["month", "currency", "cny_per_unit", "source", "deals"]])
