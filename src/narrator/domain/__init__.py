"""Shared domain vocabulary used by more than one stage (ingest reads amounts, check reads prose)."""

from __future__ import annotations

# Magnitude words of Chinese amounts: 1.2万亿, 三千万, 5百万.
CN_MAGNITUDE = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "十亿": 1e9, "亿": 1e8,
                "千万": 1e7, "百万": 1e6, "十万": 1e5, "万": 1e4, "千": 1e3}

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

REGION_LABEL = {"global": "全球", "domestic": "国内", "overseas": "国外"}
