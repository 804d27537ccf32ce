"""The array-based group statistics of the facts stage agree with a plain pandas groupby."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from narrator.facts.grouping import EMPTY_STATS, MonthIndex, accurate_sum, group_stats, total_stats

KEYS = st.sampled_from(["CN", "US", "IL", None])
AMOUNTS = st.one_of(st.none(), st.floats(min_value=0.001, max_value=5000, allow_nan=False))
ROWS = st.lists(st.tuples(st.sampled_from(["2025-10", "2025-11"]), KEYS, AMOUNTS, st.booleans(), st.booleans()),
                min_size=1, max_size=60)


def _frame(rows) -> pd.DataFrame:
    return pd.DataFrame({
        "month": [r[0] for r in rows], "country": [r[1] for r in rows],
        "amount_cny_yi": [np.nan if r[2] is None else r[2] for r in rows],
        "amount_kind": ["estimated" if r[3] else "exact" for r in rows], "flag": [r[4] for r in rows],
    })


def _expected(frame: pd.DataFrame) -> dict:
    out = {}
    for key, g in frame.groupby("country", dropna=True, sort=False):
        estimated = g["amount_kind"].eq("estimated")
        out[key] = {
            "events": len(g), "amount": g["amount_cny_yi"].sum(), "disclosed": int(g["amount_cny_yi"].count()),
            "estimated_events": int(estimated.sum()), "estimated_amount": g.loc[estimated, "amount_cny_yi"].sum(),
            "median": g["amount_cny_yi"].median(),
        }
    return out


def _same(got: dict, want: dict) -> None:
    assert set(got) == set(want)
    for key, stats in want.items():
        for name, value in stats.items():
            if isinstance(value, float) and math.isnan(value):
                assert math.isnan(getattr(got[key], name)), (key, name)
            else:
                assert math.isclose(getattr(got[key], name), value, rel_tol=1e-12, abs_tol=1e-12), (key, name, got[key], value)


@settings(max_examples=150, deadline=None)
@given(ROWS)
def test_group_stats_match_pandas(rows):
    frame = _frame(rows)
    month = MonthIndex(frame).rows("2025-11")
    this_month = frame[frame["month"] == "2025-11"]
    _same(group_stats(month, "country"), _expected(this_month))
    flagged = this_month["flag"].to_numpy()
    _same(group_stats(month, "country", flagged), _expected(this_month[flagged]))
    whole = _expected(this_month.assign(country="all"))
    if whole:
        _same({"all": total_stats(month)}, whole)
    else:
        assert total_stats(month) is EMPTY_STATS


def test_categorical_columns_do_not_count_unused_values():
    frame = _frame([("2025-11", "CN", 1.0, False, True), ("2025-11", "US", 2.0, False, True)])
    frame["country"] = pd.Categorical(frame["country"], categories=["CN", "JP", "US"])
    frame["month"] = pd.Categorical(frame["month"], categories=["2025-10", "2025-11"])
    index = MonthIndex(frame)
    assert index.months == ["2025-11"]
    assert set(group_stats(index.rows("2025-11"), "country")) == {"CN", "US"}


@given(st.lists(st.integers(min_value=1, max_value=10**9), min_size=1, max_size=200))
def test_accurate_sum_is_order_independent(cents):
    values = np.array(cents, dtype=float) / 100
    assert accurate_sum(values) == accurate_sum(values[::-1]) == accurate_sum(np.sort(values))
    assert accurate_sum(values) == math.fsum(values)
