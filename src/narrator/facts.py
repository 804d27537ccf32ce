"""Stage 2: every figure the article may state, computed once from the event table.

A fact has a stable id ``<scope>.<metric>``, a full-precision value, a unit, a Chinese
label and display form, and (for derived figures) the formula that produced it.
Nothing downstream computes numbers: the writer, the prompts and the checker read facts.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .errors import MonthError
from .format import (
    fmt_amount,
    fmt_change,
    fmt_count,
    fmt_events,
    fmt_number,
    fmt_points,
    fmt_ratio,
    fmt_share,
)
from .grouping import MonthIndex, MonthRows, Stats, group_stats, investor_rows, total_stats
from .ingest.geo import country_name
from .ingest.layers import LAYERS
from .ingest.rounds import GROUP_SHORT, ROUND_GROUPS, STAGES

REGION_LABEL = {"global": "全球", "domestic": "国内", "overseas": "国外"}
METRIC_LABEL = {
    "events": "融资事件数", "amount": "融资金额", "events_share": "融资事件数占比",
    "amount_share": "融资金额占比", "disclosed_events": "披露金额的事件数",
    "undisclosed_events": "未披露金额的事件数", "estimated_events": "模糊金额事件数",
    "estimated_amount": "模糊金额估算合计", "avg_amount": "平均单笔融资金额",
    "median_amount": "单笔融资金额中位数", "mom_events": "融资事件数环比", "mom_amount": "融资金额环比",
    "prev_events": "上月融资事件数", "prev_amount": "上月融资金额", "yoy_events": "融资事件数同比",
    "yoy_amount": "融资金额同比", "countries": "涉及国家和地区数",
}
TOP_DEALS = {"global": 10, "domestic": 5, "overseas": 5}
TOP_INVESTORS = 10
TOP_SECTORS = 8
MEGA_DEAL_YI = 50.0  # a "超大额" deal: at least 50亿元 (about 7亿美元)
TREND_MONTHS = 6
# Groupings the article uses, as facts of their own (round.B轮及以后, layer.模型层及基础层):
# dimension → key → (the groups it joins, label). The checker reads a clause naming all the
# parts of one of these as naming the compound.
COMPOUNDS: dict[str, dict[str, tuple[list[str], str]]] = {
    "round": {
        "B轮及以后": (["B轮及C轮", "D轮及以后"], "B轮及以后"),
        "后期及战略": (["D轮及以后", "战略及股权投资"], "D轮及以后与战略/股权投资"),
    },
    "layer": {"模型层及基础层": (["模型层", "基础层"], "模型层与基础层")},
}
_COMPOUND_COLUMN = {"round": "round_group", "layer": "layer"}
# Amounts in 亿元 are kept to 0.01元: far finer than any figure shown, coarse enough that
# binary noise (15.290000000000001) does not reach facts.json.
AMOUNT_DECIMALS = 10


@dataclass(frozen=True)
class Fact:
    """One figure the article may state."""

    id: str
    value: Any
    unit: str
    label: str
    display: str
    scope: str
    metric: str
    formula: str | None = None
    inputs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Insight:
    """A statement an editor would lead with, built only from fact display forms."""

    kind: str
    score: float
    facts: tuple[str, ...]
    text: str
    headline: str | None = None
    template: str | None = None  # text with {fact id} slots


@dataclass
class MonthFacts:
    """All facts and insights of one month, plus where the data came from."""

    month: str
    facts: dict[str, Fact]
    insights: list[Insight]
    data: dict[str, Any] = field(default_factory=dict)

    def __contains__(self, fact_id: str) -> bool:
        return fact_id in self.facts

    def get(self, fact_id: str) -> Fact | None:
        """The fact with this id, or None."""
        return self.facts.get(fact_id)

    def value(self, fact_id: str, default: Any = None) -> Any:
        """The value of a fact, or ``default`` when it does not exist."""
        fact = self.facts.get(fact_id)
        return default if fact is None else fact.value

    @property
    def headline(self) -> str | None:
        """The headline of the top-scoring insight that has one."""
        for insight in self.insights:
            if insight.headline:
                return insight.headline
        return None

    def to_dict(self) -> dict[str, Any]:
        """The facts.json document."""
        return {
            "month": self.month,
            "data": self.data,
            "headline": self.headline,
            "facts": [_fact_dict(f) for f in self.facts.values()],
            "insights": [asdict(i) | {"facts": list(i.facts)} for i in self.insights],
        }

    def to_json(self) -> str:
        """Deterministic JSON: the same input gives byte-identical output."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, allow_nan=False) + "\n"

    @classmethod
    def from_dict(cls, doc: dict[str, Any]) -> "MonthFacts":
        """Rebuild from a facts.json document."""
        facts = {d["id"]: Fact(**{**d, "inputs": tuple(d.get("inputs", ()))}) for d in doc["facts"]}
        insights = [Insight(**{**d, "facts": tuple(d["facts"])}) for d in doc.get("insights", [])]
        return cls(doc["month"], facts, insights, doc.get("data", {}))


def _fact_dict(fact: Fact) -> dict[str, Any]:
    d = asdict(fact)
    d["inputs"] = list(fact.inputs)
    return d


def previous_month(month: str, back: int = 1) -> str:
    """'2025-11' → '2025-10' (back=1) or '2024-11' (back=12)."""
    return str(pd.Period(month, freq="M") - back)


class _Builder:
    def __init__(self) -> None:
        self.facts: dict[str, Fact] = {}

    def add(self, scope: str, metric: str, value: Any, unit: str, label: str, display: str,
            formula: str | None = None, inputs: tuple[str, ...] = ()) -> None:
        if isinstance(value, (np.integer, np.floating)):
            value = value.item()
        if unit == "亿元" and isinstance(value, float):
            value = round(value, AMOUNT_DECIMALS)
        fid = f"{scope}.{metric}"
        self.facts[fid] = Fact(fid, value, unit, label, display, scope, metric, formula, inputs)


def _add_scope(b: _Builder, scope: str, label: str, row: Stats, parent: Stats | None,
               parent_scope: str | None, parent_label: str | None) -> None:
    events, amount = int(row["events"]), float(row["amount"])
    b.add(scope, "events", events, "起", f"{label}融资事件数", fmt_events(events))
    b.add(scope, "amount", amount, "亿元", f"{label}融资金额", fmt_amount(amount))
    disclosed = int(row["disclosed"])
    b.add(scope, "disclosed_events", disclosed, "起", f"{label}披露金额的事件数", fmt_events(disclosed))
    b.add(scope, "undisclosed_events", events - disclosed, "起", f"{label}未披露金额的事件数",
          fmt_events(events - disclosed))
    if row["estimated_events"]:
        b.add(scope, "estimated_events", int(row["estimated_events"]), "起", f"{label}模糊金额事件数",
              fmt_events(row["estimated_events"]))
        b.add(scope, "estimated_amount", float(row["estimated_amount"]), "亿元",
              f"{label}模糊金额估算合计", fmt_amount(row["estimated_amount"]))
    if disclosed:
        avg = amount / disclosed
        b.add(scope, "avg_amount", avg, "亿元", f"{label}平均单笔融资金额", fmt_amount(avg),
              f"{label}平均单笔融资金额 = {fmt_number(amount)} / {disclosed}", (f"{scope}.amount",))
        b.add(scope, "median_amount", float(row["median"]), "亿元", f"{label}单笔融资金额中位数",
              fmt_amount(row["median"]))
    if parent is not None:
        _add_shares(b, scope, label, row, parent, parent_scope, parent_label)


def _add_shares(b: _Builder, scope: str, label: str, row: Stats, parent: Stats, parent_scope: str,
                parent_label: str | None, counted_in: str | None = None) -> None:
    """events_share and amount_share of ``row`` in ``parent``; ``counted_in``: the scope holding
    the row's own events and amount facts, when it is not ``scope`` itself."""
    own = counted_in or scope
    events, amount = int(row["events"]), float(row["amount"])
    of = "全球" if parent_scope == "global" else parent_label
    if parent["events"]:
        share = events / parent["events"] * 100
        b.add(scope, "events_share", share, "%", f"{label}融资事件数占{of}比例", fmt_share(share),
              f"{label}融资事件数占比 = {events} / {int(parent['events'])}",
              (f"{own}.events", f"{parent_scope}.events"))
    if parent["amount"] > 0:
        share = amount / parent["amount"] * 100
        b.add(scope, "amount_share", share, "%", f"{label}融资金额占{of}比例", fmt_share(share),
              f"{label}融资金额占比 = {fmt_number(amount)} / {fmt_number(parent['amount'])}",
              (f"{own}.amount", f"{parent_scope}.amount"))


def _add_change(b: _Builder, scope: str, label: str, now: Stats, before: Stats | None,
                kind: str, when: str) -> None:
    """Month-on-month (kind 'mom') or year-on-year ('yoy') changes; none on a zero base."""
    if before is None:
        return
    word = "环比" if kind == "mom" else "同比"
    if kind == "mom":
        b.add(scope, "prev_events", int(before["events"]), "起", f"{label}上月（{when}）融资事件数",
              fmt_events(before["events"]))
        if before["amount"] > 0:
            b.add(scope, "prev_amount", float(before["amount"]), "亿元", f"{label}上月（{when}）融资金额",
                  fmt_amount(before["amount"]))
    for metric, fmt in (("events", lambda v: f"{int(v)}"), ("amount", fmt_number)):
        base, cur = float(before[metric]), float(now[metric])
        if base > 0:
            change = (cur - base) / base * 100
            b.add(scope, f"{kind}_{metric}", change, "pct_change", f"{label}{METRIC_LABEL[metric]}{word}",
                  fmt_change(change), f"{word} = ({fmt(cur)} − {fmt(base)}) / {fmt(base)}",
                  (f"{scope}.{metric}",))


def compute_facts(events: pd.DataFrame, month: str, data_info: dict[str, Any] | None = None,
                  topic: str = "AIGC") -> MonthFacts:
    """Compute every fact and insight for ``month`` from the clean event table."""
    index = MonthIndex(events)
    cur = index.rows(month)
    if not len(cur):
        held = ", ".join(index.months) if index.months else "none"
        raise MonthError(f"no deals in {month}; the data holds these months: {held}")
    b = _Builder()
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
    _deal_facts(b, cur, g_now)
    _investor_facts(b, cur)
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
    from .insights import (
        derive_insights,  # local import: insights depends on this module
    )

    facts = MonthFacts(month, b.facts, [], dict(data_info or {}))
    facts.insights = derive_insights(facts, topic)
    return facts


def _trend_facts(b: _Builder, index: MonthIndex, month: str) -> None:
    """Events and amount of up to six months ending with ``month`` (for the trend chart)."""
    window = [m for m in index.months if m <= month][-TREND_MONTHS:]
    if len(window) < 2:
        return
    for m in window:
        events, amount = index.totals(m)
        label = _month_zh(m)
        b.add(f"month.{m}", "events", events, "起", f"{label}全球融资事件数", fmt_events(events))
        b.add(f"month.{m}", "amount", amount, "亿元", f"{label}全球融资金额", fmt_amount(amount))


def _distinct(rows: MonthRows, column: str, mask: np.ndarray | None = None) -> int:
    """Number of distinct non-missing values of ``column`` (among the rows in ``mask``)."""
    codes = rows.key(column)[0] if mask is None else rows.key(column)[0][mask]
    return int(np.unique(codes[codes >= 0]).size)


def _month_zh(month: str) -> str:
    """'2025-11' → '2025年11月'."""
    return f"{int(month[:4])}年{int(month[5:])}月"


def _dimension_facts(b: _Builder, cur: MonthRows, prev: MonthRows | None, prev_m: str, g_now: Stats,
                     regions: dict[str, Stats]) -> None:
    region_masks = {r: cur.is_in("region", [r]) for r in ("domestic", "overseas") if r in regions}
    dims = [("country", "country", country_name), ("round", "round_group", GROUP_SHORT.get),
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
    top = sorted(sectors.items(), key=lambda kv: (-kv[1]["amount"], -kv[1]["events"], kv[0]))[:TOP_SECTORS]
    for key, row in top:
        _add_scope(b, f"sector.{key}", f"{key}领域", row, g_now, "global", "全球")


def _ordered(stats: dict[Any, Stats], prefix: str) -> list[tuple[Any, Stats]]:
    """Stable, meaningful order: rounds and layers in their natural order, the rest by size."""
    natural = {"round": ROUND_GROUPS, "stage": STAGES, "layer": LAYERS}.get(prefix)
    if natural is not None:
        return [(k, stats[k]) for k in natural if k in stats]
    return sorted(stats.items(), key=lambda kv: (-kv[1]["events"], -kv[1]["amount"], kv[0]))


def _overseas_rest(b: _Builder, cur: MonthRows, g_now: Stats) -> None:
    """Overseas deals outside the leading overseas country ('其他国家及地区')."""
    overseas = cur.is_in("region", ["overseas"])
    if not overseas.any():
        return
    by_country = group_stats(cur, "country", overseas)
    # The leading country by amount; ties go to the alphabetically first code.
    lead = min(by_country, key=lambda c: (-by_country[c]["amount"], c))
    rest = overseas & ~cur.is_in("country", [lead])
    if not rest.any():
        return
    label = f"{country_name(lead)}以外的国外国家和地区"
    _add_scope(b, "overseas_rest", label, total_stats(cur, rest), g_now, "global", "全球")
    n_rest = _distinct(cur, "country", rest)
    b.add("overseas_rest", "countries", n_rest, "count", f"{label}数", fmt_count(n_rest, "个"))
    b.add("overseas", "lead_country", lead, "code", "国外融资金额最多的国家", country_name(lead))


def _compound_groups(b: _Builder, cur: MonthRows, g_now: Stats) -> None:
    """The COMPOUNDS groupings: B轮及以后, late rounds with strategic deals, 模型层与基础层."""
    for prefix, compounds in COMPOUNDS.items():
        for key, (groups, label) in compounds.items():
            mask = cur.is_in(_COMPOUND_COLUMN[prefix], groups)
            if mask.any():
                _add_scope(b, f"{prefix}.{key}", label, total_stats(cur, mask), g_now, "global", "全球")


_DEAL_COLUMNS = ["company", "country", "round", "round_raw", "amount_text", "amount_cny_yi", "amount_kind",
                 "investors", "layer", "sector"]


def _top_positions(cur: MonthRows, candidates: np.ndarray, n: int) -> list[int]:
    """The ``n`` largest deals among ``candidates``: amount descending, then company name."""
    amounts = cur.amount[candidates]
    if len(candidates) > n:  # shortlist, keeping every deal tied with the n-th
        candidates = candidates[amounts >= np.partition(amounts, len(amounts) - n)[len(amounts) - n]]
    # Many deals can tie (fuzzy amounts share one estimate): sort in Arrow, not in Python.
    company = cur.take("company", candidates)
    if pa.types.is_dictionary(company.type):  # a categorical column: sort by the names themselves
        company = company.dictionary_decode()
    table = pa.table({"amount": cur.amount[candidates], "company": company})
    order = pc.sort_indices(table, sort_keys=[("amount", "descending"), ("company", "ascending")])
    return [int(candidates[k]) for k in order.to_numpy()[:n]]


def _deal_facts(b: _Builder, cur: MonthRows, g_now: Stats) -> None:
    disclosed = np.flatnonzero(cur.disclosed)
    total = float(g_now["amount"])
    for region, n in TOP_DEALS.items():
        sub = disclosed if region == "global" else disclosed[cur.is_in("region", [region])[disclosed]]
        top = _top_positions(cur, sub, n)
        items = []
        for rank, deal in enumerate(cur.records(top, _DEAL_COLUMNS), start=1):
            scope = f"deal.{region}.{rank}"
            amount = float(deal["amount_cny_yi"])
            who = f"{REGION_LABEL[region]}第{rank}大交易（{deal['company']}）"
            b.add(scope, "amount", amount, "亿元", f"{who}金额", fmt_amount(amount))
            if total > 0:
                share = amount / total * 100
                b.add(scope, "amount_share", share, "%", f"{who}金额占全球比例", fmt_share(share),
                      f"{who}占比 = {fmt_number(amount)} / {fmt_number(total)}",
                      (f"{scope}.amount", "global.amount"))
            items.append({
                "rank": rank, "company": deal["company"], "country": deal["country"],
                "country_name": country_name(deal["country"]), "round": deal["round"],
                "round_raw": deal["round_raw"], "amount_text": deal["amount_text"],
                "amount_cny_yi": round(amount, AMOUNT_DECIMALS), "amount_display": fmt_amount(amount),
                "amount_kind": deal["amount_kind"], "investors": _names(deal["investors"]),
                "layer": _text_or_none(deal["layer"]), "sector": _text_or_none(deal["sector"]),
                "fact_id": f"{scope}.amount",
            })
        if items:
            b.add(f"deals.{region}", "top", items, "list", f"{REGION_LABEL[region]}金额最大的交易",
                  "、".join(i["company"] for i in items))
        if region == "global" and total > 0:
            _concentration_facts(b, -np.sort(-cur.amount[disclosed]), total)
    dom, ovs = b.facts.get("domestic.avg_amount"), b.facts.get("overseas.avg_amount")
    if dom and ovs and dom.value > 0:
        ratio = ovs.value / dom.value
        b.add("overseas", "avg_vs_domestic", ratio, "倍", "国外平均单笔金额是国内的倍数", fmt_ratio(ratio),
              f"倍数 = {fmt_number(ovs.value)} / {fmt_number(dom.value)}", (ovs.id, dom.id))
    de, da = b.facts.get("domestic.events_share"), b.facts.get("domestic.amount_share")
    if de and da:
        gap = de.value - da.value
        b.add("domestic", "share_gap", gap, "pp", "国内事件数占比与金额占比之差", fmt_points(gap),
              f"差 = {de.display} − {da.display}", (de.id, da.id))


def _concentration_facts(b: _Builder, amounts: np.ndarray, total: float) -> None:
    """Share of the top 1/5/10 deals and of mega-deals; ``amounts`` sorted descending."""
    for k in (1, 5, 10):
        if len(amounts) >= k:
            top_k = float(amounts[:k].sum())
            b.add("global", f"top{k}_count", k, "笔", f"金额最大的前{k}笔交易", f"{k}笔")
            share = top_k / total * 100
            b.add("global", f"top{k}_share", share, "%", f"全球前{k}笔交易金额占比", fmt_share(share),
                  f"前{k}笔交易金额占比 = {fmt_number(top_k)} / {fmt_number(total)}", ("global.amount",))
    big = amounts[amounts >= MEGA_DEAL_YI]
    b.add("global", "mega_threshold", MEGA_DEAL_YI, "亿元", "超大额交易门槛", fmt_amount(MEGA_DEAL_YI))
    b.add("global", "mega_deals", len(big), "起", f"单笔金额不低于{fmt_amount(MEGA_DEAL_YI)}的交易数",
          fmt_events(len(big), "笔"))
    if len(big):
        share = float(big.sum()) / total * 100
        b.add("global", "mega_amount_share", share, "%", "超大额交易金额占比", fmt_share(share),
              f"超大额交易金额占比 = {fmt_number(big.sum())} / {fmt_number(total)}", ("global.amount",))


def _names(value: Any) -> list[str]:
    """An investors cell (Arrow list, NumPy array, list or missing) as a plain list of names."""
    if value is None or (isinstance(value, float) and value != value):
        return []
    return [str(v) for v in value]


def _text_or_none(value: Any) -> str | None:
    """pandas' missing values (NaN, None, pd.NA) become None so the JSON stays valid."""
    return None if value is None or (isinstance(value, float) and value != value) or value is pd.NA else str(value)


def _investor_facts(b: _Builder, cur: MonthRows) -> None:
    deal, code, names = investor_rows(cur)
    if not len(deal):
        return
    amount0 = np.nan_to_num(cur.amount, nan=0.0)
    for region in ("domestic", "overseas"):
        in_region = cur.is_in("region", [region])[deal]
        if not in_region.any():
            continue
        r_deal, r_code = deal[in_region], code[in_region]
        deals = np.bincount(r_code, minlength=len(names))
        amounts = np.bincount(r_code, weights=amount0[r_deal], minlength=len(names))
        active = np.flatnonzero(deals)
        if len(active) > TOP_INVESTORS:  # shortlist, keeping every investor tied with the 10th
            cut = np.partition(deals[active], len(active) - TOP_INVESTORS)[len(active) - TOP_INVESTORS]
            active = active[deals[active] >= cut]
        top = sorted(active.tolist(), key=lambda i: (-deals[i], -amounts[i], names[i]))[:TOP_INVESTORS]
        items = []
        for rank, i in enumerate(top, start=1):
            scope = f"investor.{region}.{rank}"
            b.add(scope, "deals", int(deals[i]), "起", f"{REGION_LABEL[region]}第{rank}活跃机构（{names[i]}）出手次数",
                  fmt_events(deals[i], "次"))
            mine = r_deal[r_code == i]
            items.append({"rank": rank, "investor": names[i], "deals": int(deals[i]),
                          "examples": _examples(cur, mine), "main_round": _main_round(cur, mine),
                          "fact_id": f"{scope}.deals"})
        b.add(f"investors.{region}", "top", items, "list", f"{REGION_LABEL[region]}最活跃机构",
              "、".join(i["investor"] for i in items))


def _main_round(cur: MonthRows, deals: np.ndarray) -> str | None:
    """The round group of most of these deals (more than half), or None when they are spread."""
    codes, groups = cur.key("round_group")
    counts = np.bincount(codes[deals][codes[deals] >= 0], minlength=len(groups))
    if not len(deals) or not counts.any() or counts.max() * 2 <= len(deals):
        return None
    group = groups[int(counts.argmax())]
    return GROUP_SHORT.get(group, group)


def _examples(cur: MonthRows, deals: np.ndarray, n: int = 3) -> list[str]:
    """Companies of an investor's ``n`` largest deals (undisclosed amounts last, ties in data order)."""
    key = np.where(cur.disclosed[deals], -cur.amount[deals], np.inf)
    return [str(c) for c in cur.values("company", deals[np.argsort(key, kind="stable")[:n]])]
