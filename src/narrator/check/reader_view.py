"""The text as the clause rules read it, with a map back to what was written.

Writers vary the surface of the same words in ways that carry no meaning for a figure:
bold markers (增长**70.5%**), spaces between numerals and Chinese (较 10 月的 1,392.36 亿元),
traditional characters (國內), a month in Chinese numerals (十月), and longer or shorter words
for the same thing (中间值 for 中位数, 境内/我国 for 国内, 国内外 for 全球, 环比缩减 for 环比下降). The rules are
written for one spelling of each; this module rewrites the text into it and keeps, for every
character of the rewritten text, the offset of the character it came from, so findings quote
and point at what the writer wrote.

Rewrites never touch protected spans (data names: a name is matched as written), and never
join or split figures: a space between two digits stays.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .reading import cn_to_number

_CJK = r"\u4e00-\u9fff"
# A space between a figure (or Latin word) and Chinese, either way round: 297 起, 较 10 月, AIGC 领域.
_SPACE_RE = re.compile(rf"(?<=[\d%A-Za-z])[ \u00a0\u2009\u202f]+(?=[{_CJK}（(])|(?<=[{_CJK}）)])[ \u00a0\u2009\u202f]+(?=[\d+\-−A-Za-z])")


# Traditional characters of the report's vocabulary (國內 → 国内, 金額 → 金额): one for one.
_TRADITIONAL = str.maketrans("國內額資億萬較與環輪層筆數總長為達佔際個應場項構觀點產間歐東亞韓軟體",
                             "国内额资亿万较与环轮层笔数总长为达占际个应场项构观点产间欧东亚韩软体")


def _month(m: re.Match[str]) -> str:
    return f"{int(cn_to_number(m.group(1)) or 0)}月"  # the checker's one reader of Chinese numerals


# pattern → canonical wording (a string, or a function of the match). Each pattern is narrow on
# purpose: a rewrite that fires inside another word could make a false sentence read as true.
REWRITES: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    # 国内外 as the subject of a total (not 国内外前五大机构 / 国内外各有… / 国内外分别为…, which speak of each region)
    (r"(?:国内外|境内外|海内外)(?=(?:AIGC)?(?:共|合计|融资|总|整体|市场))(?![^，,；;。]*(?:分别|各自|各有|各))", "全球"),
    ("境内|我国", "国内"),
    ("(?<![国洲])本土", "国内"),  # not 美国本土 (the US mainland)
    ("中位值", "中位数"),
    ("吸金|揽金", "资金"),
    ("募资", "融资"),
    ("(?<![\\d一二两三四五六七八九十几多每])笔均", "平均"),  # not 前三笔均在48亿元以上 (each of three)
    ("(?<!除)中国(?:以外|之外)", "海外市场"),  # 除中国以外 is read by the rules for exceptions
    # 十月 / 十一月份: a month in Chinese numerals (not 二十一月, 前十月, 连续三月, 一月内)
    (r"(?<![一二两三四五六七八九十百\d前续近每隔个])(十[一二]|十|[一二三四五六七八九])月(?=份|(?!之内|之间|以内|下来|之中)[^内里度]|$)", _month),
    # (not 其中值得 / 其中数额 / TOP50)
    (r"中间值|中位水平|(?<!其)中值(?!得)|(?<![A-Za-z])P50(?!\d)|50%?分位(?:数|值)|第50百分位数", "中位数"),
    (r"非中国(?:市场|地区)?|全球[（(]除中国(?:以外|之外|外)?[)）]|全球除中国(?:以外|之外|外)|除中国外的其他国家和地区", "国外"),
    (r"(?<=全球|国内|国外|海外|境外)投资(?=金额|总额|规模)", "融资"),
    # the world said outright (not 全市场/全行业, which may be a region's own market)
    (r"全世界|世界范围内|全球范围内", "全球"),
    (r"(?<![A-Za-z])(?:U\.S\.|USA|US)(?![A-Za-z$])|美利坚合众国|美利坚|美企", "美国"),
    (r"应用类(?:项目|企业|公司)|应用端|应用程序层|应用侧(?:公司|企业)?|下游应用|AI应用赛道", "应用层"),
    (r"种子期?至A轮|A轮[（(]含[)）]以前|A轮以前[（(]含A轮[)）]", "早期"),
    (r"上一月|前一月|上一期|上期|(?:上|前)一统计月|前值", "上月"),
    (r"融资盘子|融资总量", "融资金额"),
    (r"(?:快要?(?:到|奔着|接近|逼近|摸到)|直逼|逼近|几近|近乎)(?=\d|[一二两三四五六七八九十])", "近"),  # a little below
    # 平均一笔8340万。: an amount without 元, where nothing (港元, 美元, 用户) follows it
    (r"(?<=\d)万(?=[，,。；;、）)（(！？\n]|$)", "万元"),
    (r"(?<=\d)亿(?=[，,。；;、）)（(！？\n]|$)", "亿元"),
    # （>50%）: a bound on a share written as a symbol (not 53.6% > 34.9%, a comparison of two figures;
    # ≥50亿元 is read as the mega-deal threshold by the rules themselves)
    (r"(?<![\d%\s<>])[>＞](?=\d[\d.]*%)", "超过"),
    (r"(?<![\d%\s<>])[<＜](?=\d[\d.]*%)", "不足"),
    # Top 3国外机构: the first N investors of a ranking (TOP5交易, TOP1 and TOP3： are read by the rules)
    (r"(?<![A-Za-z])(?i:top)\s?-?\s?([2-9]|1\d)(?!\d)(?=\s*(?:国内|国外|海外)?(?:机构|投资方|投资人))", lambda m: f"前{m.group(1)}家"),
    # 模型层+基础层 / D轮及以后+战略投资: two subjects joined
    (r"(?<=[\u4e00-\u9fff])\s*[+＋]\s*(?=[\u4e00-\u9fff])", "与"),
    # （53.6%+34.9%） after a sum: the parts, one by one
    (r"[（(](?=\d[\d.]*%\s*[+＋]\s*\d[\d.]*%(?:\s*[+＋]\s*\d[\d.]*%)*\s*[)）])", "（分别为"),
    (r"(?<=%)\s*[+＋]\s*(?=\d[\d.]*%(?:\s*[+＋]\s*\d[\d.]*%)*\s*[)）])", "、"),
    # 模型层53.6% > 基础层34.9% > 应用层7.3%: an ordering of figures, each with its own subject
    (r"(?<=[%起亿元次笔])\s*[>＞<＜]\s*(?=[\u4e00-\u9fff「])", "，"),
    (r"(?<=[^，,；;。\s])全球占比(?:达到|达|为)?|(?:达到|达|为)全球(?:总额)?的(?=[\d约近超逾])", "占全球的"),
    (r"环比(?:缩减|收缩|走低|下行|负增长|↓|[-−－–](?=\d))", "环比下降"),
    (r"环比(?:↑|\+)", "环比增长"),
    (r"(?<![A-Za-z])(?:MoM|M/M|MOM)(?![A-Za-z])[：:]?", "环比："),  # analysts' English: MoM 事件+19.3%、金额+70.5%
    (r"(?<=[（(])\d{1,2}月份?[：:]", lambda m: m.group(0)[:-1] + "为"),  # （9月：140起 / 472.12亿元）: last month's
    (r"(?<![A-Za-z])(?:YoY|Y/Y|YOY)(?![A-Za-z])", "同比"),
    (r"(?:月度|单月|(?<![\d一二两三四五六七八九十上本当个])月)环比", "环比"),  # not 8月环比
    (r"(?<=%的)环比(?:升幅|涨幅|增加|上涨|提升|上升|攀升|正增长)", "环比增幅"),  # 33.2%的环比上涨
    (r"较上月(?=增幅|涨幅|降幅)", "环比"),
    (r"按月计?(?=[^，,；;。]{0,6}(?:增长|下降|增加|减少|上涨|回落))", "环比"),
]
_REWRITE_RE = re.compile("|".join(f"(?P<r{i}>{p})" for i, (p, _) in enumerate(REWRITES)))
_COMPILED = [(re.compile(p), r) for p, r in REWRITES]


def _bold_marks(text: str) -> list[tuple[int, int]]:
    """Spans of Markdown bold markers (** or more)."""
    return [m.span() for m in re.finditer(r"\*{2,}", text)]


def reader_view(text: str, protected: list[tuple[int, int]] | None = None) -> tuple[str, list[int]]:
    """``text`` rewritten for the rules, and for each of its characters the offset in ``text``.

    In order: bold markers go, then spaces between figures and Chinese, then words are rewritten
    (on the cleaned text, so their lookarounds see what a reader sees), then spaces again (较 十月
    → 较 10月 → 较10月). The list has one extra entry, ``len(text)``, so an end offset maps too.
    """
    guard = bytearray(len(text) + 1)
    for a, b in protected or []:
        guard[a:b] = b"\x01" * (b - a)
    simplified = text.translate(_TRADITIONAL)
    if simplified != text:
        text = "".join(ch if not guard[i] else text[i] for i, ch in enumerate(simplified))
    current, offsets = _apply(text, [(a, b, "") for a, b in _bold_marks(text)])
    for step in (_spaces, _words, _spaces):
        kept = bytes(guard[i] for i in offsets)  # protected, per character of the current text
        current, moved = _apply(current, step(current, kept))
        offsets = [offsets[i] for i in moved]
    return current, offsets


def _spaces(text: str, guarded: bytes) -> list[tuple[int, int, str]]:
    """Spaces between a figure (or Latin word) and Chinese: 297 起, 较 10 月."""
    return [(m.start(), m.end(), "") for m in _SPACE_RE.finditer(text) if not guarded[m.start()]]


def _words(text: str, guarded: bytes) -> list[tuple[int, int, str]]:
    """Each variant wording replaced by the one the rules read."""
    edits = []
    for m in _REWRITE_RE.finditer(text):
        if any(guarded[m.start():m.end()]):
            continue
        pattern, replacement = _COMPILED[int(str(m.lastgroup)[1:])]
        hit = pattern.match(text, m.start())
        new = replacement if isinstance(replacement, str) else replacement(hit) if hit else m.group(0)
        if new != m.group(0):
            edits.append((m.start(), m.end(), new))
    return edits


def _apply(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, list[int]]:
    """``text`` with the edits made, and each character's offset in ``text`` (plus one for the end)."""
    edits.sort()
    out: list[str] = []
    offsets: list[int] = []
    at = 0
    for start, end, new in edits:
        if start < at:
            continue  # overlapping edit: the earlier one wins
        out.append(text[at:start])
        offsets.extend(range(at, start))
        out.append(new)
        # (a shorter rewrite ends where the original did: 前3大 for Top 3 quotes all of "Top 3")
        offsets.extend(end - 1 if 0 < i == len(new) - 1 else min(start + i, end - 1) for i in range(len(new)))
        at = end
    out.append(text[at:])
    offsets.extend(range(at, len(text)))
    offsets.append(len(text))
    return "".join(out), offsets
