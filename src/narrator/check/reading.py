"""Reading numbers: Arabic and Chinese numerals, ranges, units and qualifiers in Chinese text.

Offsets always refer to the original text (full-width characters are mapped one to one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..domain import CN_MAGNITUDE
from .report import Qualifier

_FULLWIDTH = str.maketrans("０１２３４５６７８９．％＋－", "0123456789.%+-")
CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}

_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN = r"[零〇一二两三四五六七八九十百千]+(?:[万亿][零〇一二两三四五六七八九十百千]*)*"
PREFIX_Q = r"(?P<pre>差不多|大概|大致|几乎|大约|约为|约|近|接近|将近|超过|超|逾|高于|多于|不足|不到|低于|少于|至少|不低于|不少于|不多于|不超过|至多|仅约|仅|达到|达|共|合计|总计|过)?"
_UNIT = (r"(?P<unit>亿元人民币|万元人民币|亿美元|万美元|美元|亿元|万元|元人民币|元|亿|万|个百分点|百分点|%|起|笔|家|项|次|倍|成(?P<tenth>[一二三四五六七八九半](?![成分万亿千百十倍]))?"
         r"|个国家和地区|个国家|个)?")
MENTION_RE = re.compile(
    PREFIX_Q + r"\s*"
    r"(?:(?P<frac_den>[一二两三四五六七八九十])分之(?P<frac_num>[一二两三四五六七八九])"
    r"|百分之(?P<pct_cn>" + _CN + r"|" + _ARABIC + r")"
    r"|(?P<num>" + _ARABIC + r"|" + _CN + r"))"
    r"(?P<tail>多|余)?\s*(?P<mag>万亿|千万|百万|亿|万|千)?(?=\s*(?:亿|万|元|美元|%|起|笔|家|项|次|倍|成|个|百分点|多|余|以上|以下|左右)|\s*$|[^\d])"
    r"(?P<tail2>多|余)?\s*" + _UNIT +
    r"(?P<post>以上|以下|左右|之多|出头|有余|多(?![万亿千百了出于少点些\d一二两三四五六七八九十]))?"
)
WORD_SHARE_RE = re.compile(r"(?P<pre>超|超过|近|接近|将近|几乎|逾|不足|不到)?(?P<word>过半|超半数|半数以上|近半|大半|一半|半数|个位数|两位数)"
                           r"(?P<post>(?<=一半)(?:以上|之上|多|出头|以下)|(?<=半数)以下)?")
DATE_RE = re.compile(r"(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?|(?P<y2>\d{4})年(?!\d)")


def fold_width(text: str) -> str:
    """Full-width digits and signs to ASCII; same length, so offsets stay valid."""
    folded = text.translate(_FULLWIDTH)
    # A full-width comma between digit groups (１，２３４) is a thousands separator.
    return re.sub(r"(?<=\d)，(?=\d{3}(?!\d))", ",", folded)


def cn_to_number(text: str) -> float | None:
    """Chinese numerals to a number: 三千二百 → 3200, 十二 → 12, 一万两千 → 12000, 两 → 2."""
    if not text or all(ch in "百千万亿" for ch in text):
        return None  # 千万, 百, 万: a magnitude with no coefficient is not a figure
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in CN_DIGIT:
            digit = CN_DIGIT[ch]
        elif ch in CN_SMALL:
            section += (1 if digit is None else digit) * CN_SMALL[ch]
            digit = None
        elif ch in CN_BIG:
            section += digit or 0
            total = (total + section) * CN_BIG[ch] if CN_BIG[ch] > 10_000 else total + section * CN_BIG[ch]
            section, digit = 0, None
        else:
            return None
    return float(total + section + (digit or 0))


def rank_number(word: str) -> int:
    """The N of 前N / 前五大 / CR3, in Arabic or Chinese numerals (0 when unreadable)."""
    return int(word) if word.isdigit() else int(cn_to_number(word) or 0)


def decimals_of(token: str) -> int:
    """Digits after the decimal point of an Arabic number ('140.94' → 2)."""
    return len(token.split(".", 1)[1]) if "." in token else 0


RANGE_RE = re.compile(
    r"(?P<lo>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<lomag>亿|万)?(?:%|起|亿元|万元)?\s*[–—\-~～至到]\s*(?P<hi>\d+(?:,\d{3})*(?:\.\d+)?)"
    r"\s*(?P<mag>亿|万)?(?P<unit>亿元人民币|万元人民币|亿元|万元|元|%|起|笔|家|个百分点|倍)"
)


@dataclass(frozen=True)
class Range:
    """A stated range (3–5亿元): scales like a number, checked as low ≤ actual ≤ high."""

    low: float
    high: float

    def __mul__(self, k: float) -> "Range":
        return Range(self.low * k, self.high * k)

    __rmul__ = __mul__

    def __truediv__(self, k: float) -> "Range":
        return Range(self.low / k, self.high / k)

    def __gt__(self, other: float) -> bool:
        return self.high > other


@dataclass
class RawMention:
    """A number as written: its span, value, unit word and qualifiers."""

    start: int
    end: int
    text: str
    value: float  # a range (3–5亿元) holds a Range here, which scales like a float; see Range
    decimals: int
    unit: str
    pre: str
    post: str
    tail: str
    magnitude: float
    arabic: bool
    high: float | None = None  # a range: value..high


_MAG = CN_MAGNITUDE


def scale_of(m: RawMention) -> float:
    """What one unit of the written number is worth in 元 (亿元 → 1e8, 万元 → 1e4, 3.5万亿 → 1e12)."""
    return m.magnitude * (1e8 if m.unit.startswith("亿") else 1e4 if m.unit.startswith("万") else 1.0)


def find_mentions(text: str) -> list[RawMention]:
    """Every numeric mention in ``text`` (dates excluded; see DATE_RE)."""
    folded = fold_width(text)
    out: list[RawMention] = []
    ranges = []
    for r in RANGE_RE.finditer(folded):  # 3–5亿元, 20%-30%: one mention with two bounds
        lo, hi = float(r.group("lo").replace(",", "")), float(r.group("hi").replace(",", ""))
        mag = r.group("mag") or ""
        unit = r.group("unit")
        factor = _MAG.get(mag, 1.0)
        lo_factor = _MAG.get(r.group("lomag") or mag, 1.0)
        lo = lo * lo_factor / factor
        decimals = max(decimals_of(r.group("lo")), decimals_of(r.group("hi")))
        # A Range stands in for the float (it scales and compares like one; fits() reads its bounds).
        out.append(RawMention(r.start(), r.end(), text[r.start():r.end()], Range(lo, hi), decimals,  # type: ignore[arg-type]
                              unit, "", "", "",
                              factor, True, hi))
        ranges.append((r.start(), r.end()))
    for m in MENTION_RE.finditer(folded):
        if any(a <= m.start() < b for a, b in ranges):
            continue
        if m.group("num") is None and m.group("pct_cn") is None and m.group("frac_den") is None:
            continue
        start = m.start("num") if m.group("num") else m.start()
        if start > 0 and folded[start - 1] in "数几若" and not m.group("pre") and not folded[start].isdigit():
            continue  # 数十亿, 几百万: a vague quantity, not a figure (次数32次 is a figure)
        if m.group("pre"):
            start = m.start("pre")
        unit = m.group("unit") or ""
        mag = m.group("mag") or ""
        tail = (m.group("tail") or "") + (m.group("tail2") or "")
        if m.group("frac_den"):
            den, num = cn_to_number(m.group("frac_den")), cn_to_number(m.group("frac_num"))
            if not den or num is None:
                continue  # 零分之一: not a fraction
            value, decimals, unit, arabic = num / den * 100, 0, "分之", False
        elif m.group("pct_cn"):
            token = m.group("pct_cn")
            arabic = token[0].isdigit()
            read = float(token.replace(",", "")) if arabic else cn_to_number(token)
            decimals, unit = (decimals_of(token) if arabic else 0), "%"
            if read is None:
                continue
            value = read
        else:
            token = m.group("num")
            arabic = token[0].isdigit()
            if arabic:
                value = float(token.replace(",", ""))
                decimals = decimals_of(token)
            else:
                read = cn_to_number(token)
                decimals = 0
                # A Chinese numeral is a figure only with a unit (一级市场, 单一国家 are words).
                if read is None or not (m.group("unit") or m.group("mag")):
                    continue
                value = read
        if m.group("tenth"):  # 一成五 is 15%, 三成半 35%: the unit is 成, the tail a tenth of it
            value += 0.5 if m.group("tenth") == "半" else CN_DIGIT[m.group("tenth")] / 10
            unit = "成"
        # 亿/万 glued to the unit: "1.2万亿元" has mag 万 and unit 亿元 -> fold into the magnitude.
        factor = _MAG.get(mag, 1.0)
        if unit in ("亿", "万") and not mag:
            factor, unit = _MAG[unit], "数"
        elif (mag in ("亿", "万亿") and arabic or mag == "万" and (tail or m.group("tail2"))) and not unit:
            unit = "数"  # 过50亿 / 八千多万: an amount with its currency word left out
        out.append(RawMention(start, m.end(), text[start:m.end()], value, decimals, unit,
                              m.group("pre") or "", m.group("post") or "", tail, factor, arabic))
    return out


COUNT_UNITS = {"起", "笔", "次", "家", "项"}
AMOUNT_UNITS = {"元", "元人民币", "亿元", "万元", "亿元人民币", "万元人民币", "数"}
USD_UNITS = {"美元", "亿美元", "万美元"}


def qualifier_of(raw: RawMention) -> "Qualifier":
    pre, post, tail = raw.pre, raw.post, raw.tail
    if tail or post in ("之多", "出头", "多", "有余"):
        return "more"
    if pre in ("超过", "超", "逾", "高于", "多于", "过"):
        return "gt"
    if pre in ("不足", "不到", "低于", "少于"):
        return "lt"
    if pre in ("近", "接近", "将近", "几乎"):
        return "near"
    if post == "以上" or pre in ("至少", "不低于", "不少于"):
        return "ge"
    if post == "以下" or pre in ("不超过", "至多", "不多于"):
        return "le"
    return "approx" if pre in ("约", "大约", "约为", "仅约", "差不多", "大概", "大致") or post == "左右" else "eq"



def cn_tolerance(value: Any) -> float:
    """Half the place value of the last non-zero digit of a Chinese numeral (一百四十一亿 → 0.5亿)."""
    if not isinstance(value, float) or value <= 0 or value != int(value):
        return 0.5
    n, place = int(value), 1
    while n % 10 == 0:
        n //= 10
        place *= 10
    return 0.5 * place

