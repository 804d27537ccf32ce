"""Round names (Chinese and English, any spelling) to normalised stages and groups.

The stage → group table is the one place the article's round grouping is defined.
"""

from __future__ import annotations

import re
import unicodedata

STAGES = [
    "种子轮", "天使轮", "Pre-A轮", "A轮", "Pre-B轮", "B轮", "C轮", "D轮", "E轮及以后",
    "Pre-IPO", "IPO", "上市后", "战略投资", "股权投资", "并购", "债权融资", "其他",
]

# Group keys are used in fact ids; labels are what the article prints.
ROUND_GROUPS: dict[str, list[str]] = {
    "早期": ["种子轮", "天使轮", "Pre-A轮", "A轮"],
    "B轮及C轮": ["Pre-B轮", "B轮", "C轮"],
    "D轮及以后": ["D轮", "E轮及以后", "Pre-IPO", "IPO", "上市后"],
    "战略及股权投资": ["战略投资", "股权投资"],
    "其他": ["并购", "债权融资", "其他"],
}
GROUP_SHORT = {"早期": "早期", "B轮及C轮": "B轮及C轮", "D轮及以后": "D轮及以后",
               "战略及股权投资": "战略/股权投资", "其他": "并购及其他"}
STAGE_TO_GROUP = {stage: group for group, stages in ROUND_GROUPS.items() for stage in stages}

_CN_RULES: list[tuple[str, str]] = [
    (r"^(种子天使|天使)", "天使轮"),
    (r"^(种子|pre种子|preseed|seed)", "种子轮"),
    (r"^prea", "Pre-A轮"),
    (r"^preb", "Pre-B轮"),
    (r"^prec", "C轮"),
    (r"^preipo|^基石", "Pre-IPO"),
    (r"^(ipo上市后|postipo|上市后|定向增发|定增|新三板|privateplacement)", "上市后"),
    (r"^(ipo|spac|借壳|上市)", "IPO"),
    (r"^(战略|corporate|strategic)", "战略投资"),
    (r"^(股权|privateequity|pe$|equity|出资设立|股权转让)", "股权投资"),
    (r"^(并购|收购|合并|acquired|acquisition|m&a)", "并购"),
    (r"^(债权|debt|convertible|可转债|可转换)", "债权融资"),
    (r"^(angel)", "天使轮"),
]
_LETTER_RE = re.compile(r"^(?:series|round)?([a-j])(?:\d|\+)*(?:轮|round)?(?:融资)?$")


def _squash(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text)).strip().lower()
    return re.sub(r"[\s_\-–—·.]+", "", text)


def normalise_round(text: object) -> str:
    """Map one round text to a stage in ``STAGES`` (unknown → 其他)."""
    key = _squash("" if text is None else str(text))
    if not key:
        return "其他"
    letter = _LETTER_RE.match(key.replace("轮融资", "轮"))
    if letter:
        c = letter.group(1)
        return {"a": "A轮", "b": "B轮", "c": "C轮", "d": "D轮"}.get(c, "E轮及以后")
    if re.match(r"^f轮上市前", key):
        return "E轮及以后"
    for pattern, stage in _CN_RULES:
        if re.search(pattern, key):
            return stage
    return "其他"


def round_group(stage: str) -> str:
    """The article's round group of a normalised stage."""
    return STAGE_TO_GROUP.get(stage, "其他")
