"""Stage 2, ranked lists: the largest deals, the most active investors, and how concentrated the money is."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..domain import REGION_LABEL
from ..domain.geo import country_name
from ..domain.rounds import GROUP_SHORT
from ..format import fmt_amount, fmt_count, fmt_number, fmt_points, fmt_ratio, fmt_share, fmt_threshold
from ..model import AMOUNT_DECIMALS, FactBuilder
from .grouping import MonthRows, Stats, investor_rows

TOP_DEALS = {"global": 10, "domestic": 5, "overseas": 5}
TOP_INVESTORS = 10
MEGA_DEAL_YI = 50.0  # a "超大额" deal: at least 50亿元 (about 7亿美元)

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


def deal_facts(b: FactBuilder, cur: MonthRows, g_now: Stats) -> None:
    disclosed = np.flatnonzero(cur.disclosed)
    total = g_now.amount
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
    if dom and ovs and dom.value > 0 and ovs.value >= dom.value:
        ratio = ovs.value / dom.value
        b.add("overseas", "avg_vs_domestic", ratio, "倍", "国外平均单笔金额是国内的倍数", fmt_ratio(ratio),
              f"倍数 = {fmt_number(ovs.value)} / {fmt_number(dom.value)}", (ovs.id, dom.id))
    elif dom and ovs and ovs.value > 0:
        # Never "是…的0.2倍": the larger average is the subject.
        ratio = dom.value / ovs.value
        b.add("domestic", "avg_vs_overseas", ratio, "倍", "国内平均单笔金额是国外的倍数", fmt_ratio(ratio),
              f"倍数 = {fmt_number(dom.value)} / {fmt_number(ovs.value)}", (dom.id, ovs.id))
    de, da = b.facts.get("domestic.events_share"), b.facts.get("domestic.amount_share")
    if de and da:
        gap = de.value - da.value
        b.add("domestic", "share_gap", gap, "pp", "国内事件数占比与金额占比之差", fmt_points(gap),
              f"差 = {de.display} − {da.display}", (de.id, da.id))


def _concentration_facts(b: FactBuilder, amounts: np.ndarray, total: float) -> None:
    """Share of the top 1/5/10 deals and of mega-deals; ``amounts`` sorted descending."""
    for k in (1, 5, 10):
        if len(amounts) >= k:
            top_k = float(amounts[:k].sum())
            b.add("global", f"top{k}_count", k, "笔", f"金额最大的前{k}笔交易", f"{k}笔")
            share = top_k / total * 100
            b.add("global", f"top{k}_share", share, "%", f"全球前{k}笔交易金额占比", fmt_share(share),
                  f"前{k}笔交易金额占比 = {fmt_number(top_k)} / {fmt_number(total)}", ("global.amount",))
    big = amounts[amounts >= MEGA_DEAL_YI]
    b.add("global", "mega_threshold", MEGA_DEAL_YI, "亿元", "超大额交易门槛", fmt_threshold(MEGA_DEAL_YI))
    b.add("global", "mega_deals", len(big), "起", f"单笔金额不低于{fmt_threshold(MEGA_DEAL_YI)}的交易数",
          fmt_count(len(big), "笔"))
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


def investor_facts(b: FactBuilder, cur: MonthRows) -> None:
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
                  fmt_count(deals[i], "次"))
            mine = r_deal[r_code == i]
            items.append({"rank": rank, "investor": names[i], "deals": int(deals[i]),
                          "examples": _examples(cur, mine), "main_round": _main_round(cur, mine),
                          "fact_id": f"{scope}.deals"})
        b.add(f"investors.{region}", "top", items, "list", f"{REGION_LABEL[region]}最活跃机构",
              "、".join(str(i["investor"]) for i in items))


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
