"""Deterministic rules that turn facts into the statements an editor leads with.

Every sentence is assembled from fact display forms only; each insight lists the
fact ids it rests on, and its score orders the article's lead points.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import MonthFacts

import re

from ..domain.geo import country_name
from ..model import Insight, InsightKind

MOM_THRESHOLD = 20.0  # a month-on-month move worth leading with, in %
CONTRAST_MIN_PP = 10.0  # events share minus amount share that makes a contrast, in percentage points
SIZE_GAP_RATIO = 3.0  # overseas average deal this many times the domestic one: a gap worth stating
CONCENTRATION_MIN_SHARE = 30.0  # top 5 deals holding this % of the money: "资金高度集中"
MEGA_MIN_SHARE = 30.0  # mega deals holding this % of the money: they "decide the month"


def derive_insights(facts: "MonthFacts", topic: str = "AIGC") -> list[Insight]:
    """All insights that the month's facts support, best first."""
    f = facts.facts
    # The month and counts in a sentence are facts too, so the page can show where each figure came from.
    month_word = "{report.month_short}" if "report.month_short" in f else f"{int(facts.month[5:])}月"
    out: list[Insight] = []

    def d(fid: str) -> str:
        # Insights are written as templates with {fact id} slots, filled in below, so a
        # writer can mark each figure with its fact without searching the sentence.
        return "{" + fid + "}"

    lead = f.get("overseas.lead_country")
    if "domestic.events_share" in f and "domestic.amount_share" in f:
        gap = f["domestic.events_share"].value - f["domestic.amount_share"].value
        ids = ["domestic.events_share", "domestic.amount_share"]
        text = f"国内以{d('domestic.events_share')}的融资事件，获得{d('domestic.amount_share')}的融资金额"
        headline = None
        if lead is not None and f"country.{lead.value}.amount_share" in f:
            cid = f"country.{lead.value}.amount_share"
            name = country_name(lead.value)
            ids.append(cid)
            text += f"；{name}吸收了全球{d(cid)}的资金"
            if gap > 0:
                headline = f"{month_word}{topic}融资：{d('domestic.events_share')}的项目在中国，{d(cid)}的钱流向{name}"
        if abs(gap) >= CONTRAST_MIN_PP:
            out.append(Insight("region_contrast", round(abs(gap) / 100, 4), tuple(ids), text, headline))

    # Many deals, little money: early rounds vs late/strategic money; applications vs models.
    contrasts: tuple[tuple[InsightKind, str, str, str, str, str, float], ...] = (
        ("stage_contrast", "round.早期", "早期轮次占全球事件数的{ev}，金额仅占{amt}", "round.后期及战略.amount_share",
         "；D轮及以后与战略/股权投资贡献了{other}的资金", "早期项目占{ev}，只拿到{amt}的钱", 0.9),
        ("layer_contrast", "layer.应用层", "应用层占全球事件数的{ev}，金额只占{amt}", "layer.模型层.amount_share",
         "；模型层拿走{other}的资金", "应用层出项目（{ev}），模型层拿钱（{other}）", 0.85),
    )
    for kind, scope, sentence, other_id, tail, head, weight in contrasts:
        ev_id, amt_id = f"{scope}.events_share", f"{scope}.amount_share"
        if ev_id not in f or amt_id not in f:
            continue
        ids = [ev_id, amt_id]
        parts = {"ev": d(ev_id), "amt": d(amt_id), "other": d(other_id) if other_id in f else ""}
        text = sentence.format(**parts)
        if other_id in f:
            ids.append(other_id)
            text += tail.format(**parts)
        ev, amt = f[ev_id].value, f[amt_id].value
        if ev - amt < CONTRAST_MIN_PP:
            continue  # "many deals, little money" does not hold this month
        headline = None
        if "{other}" not in head or other_id in f:
            headline = f"{month_word}{topic}融资：" + head.format(**parts)
        out.append(Insight(kind, round(abs(ev - amt) / 100 * weight, 4), tuple(ids), text, headline))

    # The ratio fact always has the larger average as its subject (≥ 1倍), whichever side that is.
    for big, small, big_word, small_word in (("overseas", "domestic", "国外", "国内"), ("domestic", "overseas", "国内", "国外")):
        ratio = f.get(f"{big}.avg_vs_{small}")
        if ratio is not None and ratio.value >= SIZE_GAP_RATIO:
            text = (f"{big_word}平均单笔融资{d(f'{big}.avg_amount')}，是{small_word}平均单笔（{d(f'{small}.avg_amount')}）"
                    f"的{d(f'{big}.avg_vs_{small}')}")
            out.append(Insight("size_gap", round(min(ratio.value / 100, 0.5), 4),
                               (f"{big}.avg_amount", f"{small}.avg_amount", f"{big}.avg_vs_{small}"), text))

    if "global.top5_share" in f and f["global.top5_share"].value >= CONCENTRATION_MIN_SHARE:
        first = d("global.top5_count") if "global.top5_count" in f else "5笔"
        text = f"前{first}交易占全球融资金额的{d('global.top5_share')}"
        if "global.top1_share" in f:
            text += f"，其中最大一笔占{d('global.top1_share')}"
        out.append(Insight("concentration", round(f["global.top5_share"].value / 100 * 0.8, 4),
                           ("global.top5_share", "global.top1_share"), text))

    if (f.get("global.mega_deals") and f["global.mega_deals"].value > 0 and "global.mega_amount_share" in f
            and f["global.mega_amount_share"].value >= MEGA_MIN_SHARE):
        text = (f"单笔不低于{d('global.mega_threshold')}的超大额交易共{d('global.mega_deals')}，"
                f"合计占全球融资金额的{d('global.mega_amount_share')}")
        out.append(Insight("mega_deals", round(f["global.mega_amount_share"].value / 100 * 0.7, 4),
                           ("global.mega_threshold", "global.mega_deals", "global.mega_amount_share"), text))

    for fid, what in (("global.mom_amount", "全球融资金额"), ("global.mom_events", "全球融资事件数"),
                      ("domestic.mom_amount", "国内融资金额"), ("overseas.mom_amount", "国外融资金额")):
        if fid in f and abs(f[fid].value) >= MOM_THRESHOLD:
            out.append(Insight("mom_move", round(min(abs(f[fid].value) / 100, 1.0) * 0.6, 4), (fid,),
                               f"{what}环比{d(fid)}"))

    filled = [Insight(i.kind, i.score, i.facts, fill(i.text, facts), fill(i.headline, facts) if i.headline else None,
                      i.text, i.headline) for i in out]
    return sorted(filled, key=lambda i: (-i.score, i.kind, i.text))


_SLOT_RE = re.compile(r"\{([^{}]+)\}")


def fill(template: str, facts: "MonthFacts", fmt=None) -> str:
    """Replace each {fact id} slot with the fact's display form (or ``fmt(fid)``)."""
    return _SLOT_RE.sub(lambda m: fmt(m.group(1)) if fmt else facts.facts[m.group(1)].display, template)
