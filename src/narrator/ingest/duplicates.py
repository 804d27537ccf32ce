"""Duplicate deals: same company and round within 15 days of the deal that was KEPT, with
equal amounts or one of them undisclosed.

Each row is judged against the kept deal of its (company, round) chain, not against the
row before it: deals on the 1st, 14th and 27th are one duplicate (the 14th) and two deals,
and a 5亿 round that follows an undisclosed duplicate of a 1亿 round is a deal of its own.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

DUPLICATE_WINDOW_DAYS = 15


def _same_amount(a: float, b: float) -> bool:
    return bool(math.isnan(a) or math.isnan(b) or abs(a - b) <= 1e-9 * abs(b))  # np.isclose(rtol=1e-9), scalar


def stable_order(key: np.ndarray) -> np.ndarray:
    """``np.argsort(key, kind="stable")`` for non-negative int64 keys, about six times faster
    (see ``sort_keys``)."""
    return sort_keys(key)[0]


def sort_keys(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The stable order of non-negative int64 keys and the keys in that order. Each row's
    position is packed under its key, so that all values differ and a plain sort of values
    (SIMD) gives the stable order; argsort if the packed key would overflow."""
    n = len(key)
    if n == 0 or int(key.min()) < 0 or (int(key.max()) + 1) * n >= 2**63:
        order = np.argsort(key, kind="stable")
        return order, key[order]
    packed = key * n
    packed += np.arange(n, dtype=np.int64)
    packed.sort()
    return np.divmod(packed, n)[::-1]


def find_duplicates(events: pd.DataFrame, valid: np.ndarray,
                    company_codes: np.ndarray | None = None) -> tuple[np.ndarray, pd.DataFrame]:
    """A mask over ``events`` of duplicate rows, and their reject rows (``duplicate of <source>``).
    ``company_codes``: the company column already factorized (the caller shares it)."""
    if company_codes is None:
        company_codes = pd.factorize(events["company"])[0]
    day = events["date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    dup_rows, original_rows = duplicate_rows(company_codes, pd.factorize(events["round"])[0], day,
                                             events["amount_cny_yi"].to_numpy(dtype=float), valid)
    rejects = pd.DataFrame({
        "file": events["_file"].iloc[dup_rows].to_numpy(dtype=object), "row": events["_row"].to_numpy()[dup_rows],
        "column": "*", "value": events["company"].iloc[dup_rows].to_numpy(dtype=object),
        "reason": ["duplicate of " + str(o) for o in events["source"].iloc[original_rows]],
        "month": events["month"].iloc[dup_rows].to_numpy(dtype=object),  # popped by the caller
    })
    mask = np.zeros(len(events), dtype=bool)
    mask[dup_rows] = True
    return mask, rejects


def duplicate_rows(company_codes: np.ndarray, stage_codes: np.ndarray, days: np.ndarray, amounts: np.ndarray,
                   valid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the duplicate rows and of the kept deal each repeats, in the order of the
    (company, round, day) sort. Codes are per row (-1: missing), ``days`` int64 day numbers,
    ``amounts`` CNY (NaN: undisclosed); only rows where ``valid`` is True take part."""
    idx = np.flatnonzero(valid)
    company = company_codes[idx]
    stage = stage_codes[idx]
    day = days[idx]
    # One stable sort of one int64 key (company, round, day) instead of a four-key lexsort;
    # stability keeps file order among equal keys.
    # Codes are shifted by one so that a missing value (-1) keeps a slot of its own.
    first_day = int(day.min()) if len(day) else 0
    span = int(day.max()) - first_day + 1 if len(day) else 1
    n_stage = int(stage.max()) + 2 if len(stage) else 1
    key = company.astype(np.int64)  # ((company + 1) * n_stage + stage + 1) * span + day - first_day, in place
    key += 1
    key *= n_stage
    key += stage
    key += 1
    key *= span
    key += day
    key -= first_day
    order, key = sort_keys(key)
    chain_of, d = np.divmod(key, span)  # the (company, round) of each sorted row, and its day
    # A row can only repeat a kept deal if it is within the window of the row before it in its
    # chain (the kept deal is never later than that row): everything else is kept outright, so
    # the sequential pass below only visits chains of close rows.
    near = np.zeros(len(order), dtype=bool)
    near[1:] = (chain_of[1:] == chain_of[:-1]) & (d[1:] - d[:-1] <= DUPLICATE_WINDOW_DAYS)
    # Amounts are read only for the rows of such chains (a near row and the row before it):
    # gathering every row's amount in sorted order is a random read of a million floats.
    in_chain = near.copy()
    in_chain[:-1] |= near[1:]
    at = np.flatnonzero(in_chain)
    amount = np.full(len(order), np.nan)
    amount[at] = amounts[idx[order[at]]]
    dup_sorted = np.zeros(len(order), dtype=bool)
    kept_of = np.arange(len(order))  # sorted position of the kept deal each duplicate repeats
    # Chains of two rows (the common case) are decided at once: the second repeats the first
    # if their amounts match. Only longer chains need the sequential pass.
    chain = np.cumsum(~near) - 1
    length = np.bincount(chain, minlength=chain[-1] + 1 if len(chain) else 0)
    pair = near & (length[chain] == 2) if len(chain) else near
    a, b = amount[np.flatnonzero(pair)], amount[np.flatnonzero(pair) - 1]
    dup_pair = np.isnan(a) | np.isnan(b) | (np.abs(a - b) <= 1e-9 * np.abs(b))
    dup_sorted[np.flatnonzero(pair)[dup_pair]] = True
    kept_of[np.flatnonzero(pair)[dup_pair]] = np.flatnonzero(pair)[dup_pair] - 1
    long_chain = (length[chain] > 2) if len(chain) else near
    kept: int = -1
    kept_amount = np.nan
    for pos in np.flatnonzero(long_chain).tolist():
        if not near[pos]:  # a chain starts: this row is kept
            kept, kept_amount = int(pos), amount[pos]
            continue
        if d[pos] - d[kept] <= DUPLICATE_WINDOW_DAYS and _same_amount(amount[pos], kept_amount):
            dup_sorted[pos] = True
            kept_of[pos] = kept
            if np.isnan(kept_amount):  # the chain's amount becomes known from its duplicate
                kept_amount = amount[pos]
        else:
            kept, kept_amount = int(pos), amount[pos]
    return idx[order[dup_sorted]], idx[order[kept_of[dup_sorted]]]
