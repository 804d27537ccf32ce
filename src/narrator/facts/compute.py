"""Stage 2: every figure the article may state, computed once from the event table.

A fact has a stable id ``<scope>.<metric>``, a full-precision value, a unit, a Chinese
label and display form, and (for derived figures) the formula that produced it.
Nothing downstream computes numbers: the writer, the prompts and the checker read facts.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
import pandas as pd

from ..domain import COMPOUNDS, REGION_LABEL
from ..domain.geo import country_name
from ..domain.layers import LAYERS
from ..domain.rounds import GROUP_SHORT, ROUND_GROUPS, STAGES
from ..errors import MonthError
from ..format import (
    fmt_amount,
    fmt_change,
    fmt_count,
    fmt_number,
    fmt_share,
)
from ..model import FactBuilder, MonthFacts
from .grouping import MonthIndex, MonthRows, Stats, group_stats, total_stats
from .insights import derive_insights
from .rankings import deal_facts, investor_facts

# Only the two change metrics are labelled here; every other label is written where its fact is added.
METRIC_LABEL = {"events": "融资事件数", "amount": "融资金额"}
TOP_SECTORS = 8
TREND_MONTHS = 6
_COMPOUND_COLUMN = {"round": "round_group", "layer": "layer"}
# The event columns compute_facts reads (a cached table is read for one month with these
# only); a column missing from this list fails loudly with a KeyError, never silently.
FACT_COLUMNS = ("company", "month", "round_raw", "round", "round_group", "amount_text", "amount_kind",
                "amount_cny_yi", "investors", "country", "region", "layer", "sector")


def previous_month(month: str, back: int = 1) -> str:
    """'2025-11' → '2025-10' (back=1) or '2024-11' (back=12)."""
    return str(pd.Period(month, freq="M") - back)


def _add_scope(b: FactBuilder, scope: str, label: str, row: Stats, parent: Stats | None,
               parent_scope: str | None, parent_label: str | None) -> None:
    events, amount = row.events, row.amount
    b.add(scope, "events", events, "起", f"{label}融资事件数", fmt_count(events, "起"))
    b.add(scope, "amount", amount, "亿元", f"{label}融资金额", fmt_amount(amount))
    disclosed = row.disclosed
    b.add(scope, "disclosed_events", disclosed, "起", f"{label}披露金额的事件数", fmt_count(disclosed, "起"))
    b.add(scope, "undisclosed_events", events - disclosed, "起", f"{label}未披露金额的事件数",
          fmt_count(events - disclosed, "起"))
    if row.estimated_events:
        b.add(scope, "estimated_events", row.estimated_events, "起", f"{label}模糊金额事件数",
              fmt_count(row.estimated_events, "起"))
        b.add(scope, "estimated_amount", row.estimated_amount, "亿元",
              f"{label}模糊金额估算合计", fmt_amount(row.estimated_amount))
    if disclosed:
        avg = amount / disclosed
        b.add(scope, "avg_amount", avg, "亿元", f"{label}平均单笔融资金额", fmt_amount(avg),
              f"{label}平均单笔融资金额 = {fmt_number(amount)} / {disclosed}", (f"{scope}.amount",))
        b.add(scope, "median_amount", row.median, "亿元", f"{label}单笔融资金额中位数",
              fmt_amount(row.median))
    if parent is not None and parent_scope is not None and parent_label is not None:
        _add_shares(b, scope, label, row, parent, parent_scope, parent_label)


def _add_shares(b: FactBuilder, scope: str, label: str, row: Stats, parent: Stats, parent_scope: str,
                parent_label: str | None, counted_in: str | None = None) -> None:
    """events_share and amount_share of ``row`` in ``parent``; ``counted_in``: the scope holding
    the row's own events and amount facts, when it is not ``scope`` itself."""
    own = counted_in or scope
    events, amount = row.events, row.amount
    of = "全球" if parent_scope == "global" else parent_label
    if parent.events:
        share = events / parent.events * 100
        b.add(scope, "events_share", share, "%", f"{label}融资事件数占{of}比例", fmt_share(share),
              f"{label}融资事件数占比 = {events} / {parent.events}",
              (f"{own}.events", f"{parent_scope}.events"))
    if parent.amount > 0:
        share = amount / parent.amount * 100
        b.add(scope, "amount_share", share, "%", f"{label}融资金额占{of}比例", fmt_share(share),
              f"{label}融资金额占比 = {fmt_number(amount)} / {fmt_number(parent.amount)}",
              (f"{own}.amount", f"{parent_scope}.amount"))


def _add_change(b: FactBuilder, scope: str, label: str, now: Stats, before: Stats | None,
                kind: str, when: str) -> None:
    """Month-on-month (kind 'mom') or year-on-year ('yoy') changes; none on a zero base."""
    if before is None:
        return
    word = "环比" if kind == "mom" else "同比"
    if kind == "mom":
        b.add(scope, "prev_events", before.events, "起", f"{label}上月（{when}）融资事件数",
              fmt_count(before.events, "起"))
        if before.amount > 0:
            b.add(scope, "prev_amount", before.amount, "亿元", f"{label}上月（{when}）融资金额",
                  fmt_amount(before.amount))
    changes: tuple[tuple[str, float, float, Callable[[float], str]], ...] = (
        ("events", before.events, now.events, lambda v: f"{int(v)}"), ("amount", before.amount, now.amount, fmt_number))
    for metric, base_value, now_value, fmt in changes:
        base, cur = float(base_value), float(now_value)
        if base > 0:
            change = (cur - base) / base * 100
            b.add(scope, f"{kind}_{metric}", change, "pct_change", f"{label}{METRIC_LABEL[metric]}{word}",
                  fmt_change(change), f"{word} = ({fmt(cur)} − {fmt(base)}) / {fmt(base)}",
                  (f"{scope}.{metric}",))


def compute_facts(events: pd.DataFrame, month: str, data_info: dict[str, Any] | None = None,
                  topic: str = "AIGC", other_months: dict[str, np.ndarray] | None = None) -> MonthFacts:
    """Compute every fact and insight for ``month`` from the clean event table.

    ``events`` may hold only the months the facts need row by row (the report month, the one
    before, a year before) when ``other_months`` gives the amounts (亿元, NaN: none) of the
    other months held: they enter the months held and the trend totals only."""
    index = MonthIndex(events, other_months)
    cur = index.rows(month)
    if not len(cur):
        held = ", ".join(index.months) if index.months else "none"
        raise MonthError(f"no deals in {month}; the data holds these months: {held}")
    b = FactBuilder()
    prev_m, yoy_m = previous_month(month), previous_month(month, 12)
    prev = index.rows(prev_m) if prev_m in index else None
    yoy = index.rows(yoy_m) if yoy_m in index else None

    g_now = total_stats(cur)
    _add_scope(b, "global", "全球", g_now, None, None, None)
    regions = group_stats(cur, "region")
    for region in ("overseas", "domestic"):
        if region in regions:
            _add_scope(b, region, REGION_LABEL[region], regions[region], g_now, "global", "全球")
    for rows_before, kind, when in ((prev, "mom", prev_m), (yoy, "yoy", yoy_m)):
        if rows_before is None:
            continue
        _add_change(b, "global", "全球", g_now, total_stats(rows_before), kind, when)
        r_before = group_stats(rows_before, "region")
        for region in ("overseas", "domestic"):
            if region in regions and region in r_before:
                _add_change(b, region, REGION_LABEL[region], regions[region], r_before[region], kind, when)

    _dimension_facts(b, cur, prev, prev_m, g_now, regions)
    _overseas_rest(b, cur, g_now)
    _compound_groups(b, cur, g_now)
    deal_facts(b, cur, g_now)
    investor_facts(b, cur)
    _trend_facts(b, index, month)
    n_countries = _distinct(cur, "country")
    b.add("global", "countries", n_countries, "count", "涉及国家和地区数", fmt_count(n_countries, "个"))
    overseas = cur.is_in("region", ["overseas"])
    if overseas.any():
        n_countries = _distinct(cur, "country", overseas)
        b.add("overseas", "countries", n_countries, "count", "国外涉及国家和地区数", fmt_count(n_countries, "个"))
    b.add("report", "month", month, "month", "报告月份", _month_zh(month))
    b.add("report", "month_short", month, "month", "报告月份（简写）", f"{int(month[5:])}月")
    if prev is not None:
        b.add("report", "prev_month", prev_m, "month", "上月", f"{int(prev_m[5:])}月")
    end = pd.Period(month, freq="M").end_time.date()
    b.add("report", "period_end", str(end), "date", "数据截止日期", f"{end.year}年{end.month}月{end.day}日")
    from .coverage import coverage_facts

    coverage_facts(b, data_info)
    facts = MonthFacts(month, b.facts, [], dict(data_info or {}))
    facts.insights = derive_insights(facts, topic)
    return facts


def _trend_facts(b: FactBuilder, index: MonthIndex, month: str) -> None:
    """Events and amount of up to six months ending with ``month`` (for the trend chart)."""
    window = [m for m in index.months if m <= month][-TREND_MONTHS:]
    if len(window) < 2:
        return
    for m in window:
        events, amount = index.totals(m)
        label = _month_zh(m)
        b.add(f"month.{m}", "events", events, "起", f"{label}全球融资事件数", fmt_count(events, "起"))
        b.add(f"month.{m}", "amount", amount, "亿元", f"{label}全球融资金额", fmt_amount(amount))


def _distinct(rows: MonthRows, column: str, mask: np.ndarray | None = None) -> int:
    """Number of distinct non-missing values of ``column`` (among the rows in ``mask``)."""
    codes = rows.key(column)[0] if mask is None else rows.key(column)[0][mask]
    return int(np.unique(codes[codes >= 0]).size)


def _month_zh(month: str) -> str:
    """'2025-11' → '2025年11月'."""
    return f"{int(month[:4])}年{int(month[5:])}月"


def _dimension_facts(b: FactBuilder, cur: MonthRows, prev: MonthRows | None, prev_m: str, g_now: Stats,
                     regions: dict[str, Stats]) -> None:
    region_masks = {r: cur.is_in("region", [r]) for r in ("domestic", "overseas") if r in regions}
    dims: list[tuple[str, str, Callable[[str], str | None]]] = [
            ("country", "country", country_name), ("round", "round_group", GROUP_SHORT.get),
            ("stage", "round", lambda s: s), ("layer", "layer", lambda s: s)]
    for prefix, column, namer in dims:
        stats = group_stats(cur, column)
        prev_stats = group_stats(prev, column) if prev is not None else {}
        for key, row in _ordered(stats, prefix):
            scope = f"{prefix}.{key}"
            label = namer(key) or str(key)
            _add_scope(b, scope, label, row, g_now, "global", "全球")
            if key in prev_stats:
                _add_change(b, scope, label, row, prev_stats[key], "mom", prev_m)
        for region, mask in region_masks.items():
            within = group_stats(cur, column, mask)
            if prefix == "country":
                # A country lies in one region: only its share of that region is new
                # (美国占国外融资金额的95.2%), and only when the region has other countries.
                for key, row in (_ordered(within, prefix) if len(within) > 1 else []):
                    _add_shares(b, f"{region}.country.{key}", namer(key) or str(key), row, regions[region],
                                region, REGION_LABEL[region], counted_in=f"country.{key}")
                continue
            for key, row in _ordered(within, prefix):
                label = REGION_LABEL[region] + (namer(key) or str(key))
                _add_scope(b, f"{region}.{prefix}.{key}", label, row, regions[region], region,
                           REGION_LABEL[region])
    sectors = group_stats(cur, "sector")
    top = sorted(sectors.items(), key=lambda kv: (-kv[1].amount, -kv[1].events, kv[0]))[:TOP_SECTORS]
    for key, row in top:
        _add_scope(b, f"sector.{key}", f"{key}领域", row, g_now, "global", "全球")


def _ordered(stats: dict[Any, Stats], prefix: str) -> list[tuple[Any, Stats]]:
    """Stable, meaningful order: rounds and layers in their natural order, the rest by size."""
    natural = {"round": ROUND_GROUPS, "stage": STAGES, "layer": LAYERS}.get(prefix)
    if natural is not None:
        return [(k, stats[k]) for k in natural if k in stats]
    return sorted(stats.items(), key=lambda kv: (-kv[1].events, -kv[1].amount, kv[0]))


def _overseas_rest(b: FactBuilder, cur: MonthRows, g_now: Stats) -> None:
    """Overseas deals outside the leading overseas country ('其他国家及地区')."""
    overseas = cur.is_in("region", ["overseas"])
    if not overseas.any():
        return
    by_country = group_stats(cur, "country", overseas)
    # The leading country by amount; ties go to the alphabetically first code.
    lead = min(by_country, key=lambda c: (-by_country[c].amount, c))
    rest = overseas & ~cur.is_in("country", [lead])
    if not rest.any():
        return
    label = f"{country_name(lead)}以外的国外国家和地区"
    _add_scope(b, "overseas_rest", label, total_stats(cur, rest), g_now, "global", "全球")
    n_rest = _distinct(cur, "country", rest)
    b.add("overseas_rest", "countries", n_rest, "count", f"{label}数", fmt_count(n_rest, "个"))
    b.add("overseas", "lead_country", lead, "code", "国外融资金额最多的国家", country_name(lead))


def _compound_groups(b: FactBuilder, cur: MonthRows, g_now: Stats) -> None:
    """The COMPOUNDS groupings: B轮及以后, late rounds with strategic deals, 模型层与基础层."""
    for prefix, compounds in COMPOUNDS.items():
        for key, (groups, label) in compounds.items():
            mask = cur.is_in(_COMPOUND_COLUMN[prefix], groups)
            if mask.any():
                _add_scope(b, f"{prefix}.{key}", label, total_stats(cur, mask), g_now, "global", "全球")
