"""What a sentence as a whole says: its subjects, 分别 lists, listed items and stated figures.

The clause reader (``clauses``) pins a figure to one fact from the words of its own clause.
Free prose often leaves that clause bare (分别增长A和B; 83起，1,714.06亿元，占全球92.4%; 两者合计…),
so this module supplies what the rest of the sentence says:

- ``respectively``: in 事件数和金额分别增长A和B, the i-th figure after 分别 speaks of the
  i-th item listed before it; the clause is rewritten so it names that item;
- ``sentence_scopes``: every subject the sentence names (regions, countries, round groups,
  layers, compounds whose parts are all named, deals and investors by name);
- ``stated_figures``: the figures the paragraph states before a figure, for sums,
  differences and ratios a writer computed;
- ``listed_count``: how many items of a kind the sentence lists (三笔交易, 前三大, 两家机构);
- ``PERIOD_WORD_RE``: period words that claim a period other than the report's month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..domain import COMPOUNDS
from ..model import MonthFacts
from .clauses import (
    AMOUNT_WORDS_RE,
    COUNTRY_WORDS,
    EVENT_WORDS_RE,
    LAYER_WORDS,
    PAREN_RE,
    REGION_WORDS,
    ROUND_KEYWORDS,
    scope_of_clause,
)
from .reading import AMOUNT_UNITS, find_mentions, rank_number, scale_of
from .report import FigureKind

# Periods a monthly report cannot speak of.
PERIOD_WORD_RE = re.compile(r"上半年|下半年|全年|年内累计|本季度|[一二三四1-4]季度|前三季度|今年以来|年初以来|年初至今|Q[1-4]")
FENBIE = "分别"
# (国内活跃机构TOP4：「A」…、「B」…、「C」…; 前四：…; 五大层级: the data's layers)
RANK_RE = re.compile(r"前(?P<n>[两二三四五六七八九十]|\d{1,2})(?=大|家|名|位|[：:])|(?<![A-Za-z])(?i:top)\s?(?P<n3>\d{1,2})(?!\d)"
                     r"|(?<![前第\d一二两三四五六七八九十])(?P<n2>[两二三四五六七八九十])(?=大交易|大机构|大投资方|强[：:]|大(?:产业)?层级|大层)")
METRIC_TOKENS = (("融资事件数", "事件"), ("融资事件", "事件"), ("融资金额", "金额"), ("事件数", "事件"), ("事件", "事件"), ("项目数", "事件"), ("数量", "事件"), ("笔数", "事件"),
                 ("交易数量", "事件"), ("交易笔数", "事件"), ("融资交易", "事件"),
                 ("融资总额", "金额"), ("总额", "金额"), ("金额", "金额"), ("资金", "金额"), ("融资额", "金额"), ("规模", "金额"))
# Separators that may stand between the items of a list.
_LIST_GLUE = re.compile(r"^[\s、，,和与及以及跟同的「」“”*]*(?:融资金额|融资事件数?|金额|事件数?|融资|轮次|投资|占比|比重)?[\s、，,和与及的]*$")
# Between listed names, each name's own figure may stand: 「A」313.80亿元、「B」177.50亿元和「C」…
_FIGURE_GLUE = re.compile(r"^[\s「」“”*]*(?:[（(][^（）()\d]{1,8}[）)])?[\s（(]*(?:融资|单笔|金额|为|达)?[\s（(]*[\d,.]+\s*(?:亿元|万元|亿美元|起|笔|次)[）)]?[\s、，,和与及以及「“*]*"
                          r"(?:(?:全球|国内|国外)?第[\d一二三四五六七八九十]+大?(?:交易|机构|投资方)?)?[\s「“*]*$")
# Group names that are one item of a list: D轮及以后与战略/股权投资和早期 lists two items.
COMPOUND_PHRASES = ("D轮及以后与战略/股权投资", "D轮及以后和战略/股权投资", "D轮及以后+战略/股权投资", "D轮及以后与战略投资",
                    "D轮及以后+战略投资", "模型层+基础层", "基础层+模型层", "战略/股权投资",
                    "战略及股权投资", "后期及战略", "B轮及C轮", "B轮和C轮", "D轮及以后", "模型层与基础层", "模型层和基础层")


@dataclass(frozen=True)
class Token:
    """A listable item found in a sentence: a subject (scope or name) or a metric word."""

    kind: str  # "subject" | "metric"
    text: str
    start: int
    end: int


def _tokens(text: str, names: list[str]) -> list[Token]:
    """Subject and metric tokens of ``text`` in order, longest match first at each position."""
    text = text.replace("其中", "其　")  # (其中国内与国外…: 其中 names no 中国; same length, so positions hold)
    found: list[Token] = []
    subject_words = (list(COMPOUND_PHRASES) + [w for w in REGION_WORDS if w != "全球"] + [w for w, _ in COUNTRY_WORDS] + list(LAYER_WORDS)
                     + [w for words in ROUND_KEYWORDS.values() for w in words] + names)
    for word in sorted(set(subject_words), key=len, reverse=True):
        for m in re.finditer(re.escape(word), text):
            found.append(Token("subject", word, m.start(), m.end()))
    for word, _ in METRIC_TOKENS:
        for m in re.finditer(word, text):
            found.append(Token("metric", word, m.start(), m.end()))
    # 「极光推理」（E轮）58.90亿元、…: words in brackets describe an item, they are not items
    bracketed = [m.span() for m in PAREN_RE.finditer(text)]
    found = [t for t in found if not any(a < t.start < b for a, b in bracketed)]
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    out: list[Token] = []
    for t in found:  # drop tokens inside a longer one (美国 inside 美国市场 stays; 中国 inside 中国香港 goes)
        if out and t.start < out[-1].end:
            continue
        out.append(t)
    return out


def _family(word: str) -> str:
    return next((fam for w, fam in METRIC_TOKENS if w == word), word)


_WHOLES = r"全球|国内|国外|海外|境外"
_TWO_WHOLES_RE = re.compile(rf"占(?P<a>{_WHOLES})(?:融资)?(?:金额|事件数?)?的?(?:比例|比重|份额)?\s*(?:与|和|及|、|以及)\s*"
                            rf"占(?P<b>{_WHOLES})(?:融资)?(?:金额|事件数?)?的?(?:比例|比重|份额)?\s*$")


def respectively(before: str, names: list[str], after: str | None = None) -> str | None:
    """``before`` rewritten for a figure in a 分别 list, or None when it is not in one.

    事件数和金额环比分别增长14.2%和 → 金额环比增长 (the second figure takes the second item).
    The figure's index is the number of figures between 分别 and it.
    """
    at = max(before.rfind(FENBIE), before.rfind("依次"))
    if at < 0 or re.search(r"[。；;！？\n]", before[at:]):
        return None
    compared = re.match(r"分别((?:较|比|相比)(?:\d{1,2}月|上月|上个月)的?(?:[^，,；;。]|,(?=\d))*?\d(?:[^，,；;。]|,(?=\d))*?(?:亿元|万元|起|笔))\s*(?=[增下上减回])", before[at:])
    if compared:  # 分别较9月的140起、472.12亿元增长19.3%和: the list is of the changes, after the comparison
        moved = before[:at] + compared.group(1) + "，" + FENBIE + before[at + compared.end():]
        return respectively(moved, names, after)
    if re.match(r"分别(?:较|比|相比)", before[at:]):
        return None  # 分别较10月的260起: a figure of the comparison itself, not of the list
    if before.startswith("依次", at) and any(name in before[at:] for name in names):
        return None  # 其后依次为「A」（13次）与「B」（12次）: each name has its own figure
    # (a bracketed restatement, 5.09亿元（50,900万元）和…, is not an item of the list)
    # 分别为178.56亿元（9.6%）和…: a figure in the bracket after an item's figure belongs to that item
    listing = before[at + 2:]
    opened = re.search(r"[（(][^（）()]{0,6}$", listing)
    own_bracket = opened is not None and re.search(r"\d\s*(?:亿元|万元|起|笔|次|%)\s*$", listing[:opened.start()]) is not None
    if opened is not None and own_bracket:
        listing = listing[:opened.start()]
    unbracketed = PAREN_RE.sub("", listing)
    listed_figures = [m for m in find_mentions(unbracketed) if m.unit]
    index = len(listed_figures) - (1 if own_bracket else 0)
    if listed_figures and not re.fullmatch(r"\s*[、，,和与及]?\s*(?:以及)?\s*[+＋\-−]?", unbracketed[listed_figures[-1].end:]):
        return None  # 依次为15次、13次和12次，两边合计均为40次: a figure after the list is not an item
    head = before[:at]
    statement = re.split(r"[。；;]", head)[-1]
    if re.search(r"第(?:\d|[一二三四五六七八九十])[、和与及]第?(?:\d|[一二三四五六七八九十])(?:名|位)", statement) \
            and not any(name in statement for name in names):
        return None  # 第二、第三名也一一对应，均为13次和12次: the items are ranks, read by the count binder
    # (日本、美国、中国香港占国外融资金额的比例分别为…: a region after 占/在 is the whole, not an item)
    tokens = [t for t in _tokens(head, names) if not (t.text in REGION_WORDS and re.search(r"(?:占|在|于|占到)$", head[:t.start]))]
    # (a bracket after the list, …和34.9%（合计88.4%）, restates; it is not an item)
    # (…分别以20次、18次紧随其后——三家合计出手70次: a dash ends the list as a comma does)
    rest = re.split(r"[，,。；;！？\n]|——", PAREN_RE.sub("", after), maxsplit=1)[0] if after else ""
    more = re.match(r"(?:(?!——)[^，,。；;！？\n])*((?:[，,]\s*\d[\d,.]*\s*(?:%|亿元|万元|起|笔|次|个百分点))+)", PAREN_RE.sub("", after or ""))
    if more:  # 分别占7.3%，6.5%，6.1%: a list may run on after commas
        rest += more.group(1)
    # (``after`` may start with the figure itself when a caller asks about its start position)
    # (None: the rest of the sentence is unknown; "": the figure ends its sentence)
    count = (index + 1 + sum(1 for m in find_mentions(rest) if m.unit and m.start > 0)) if after is not None else None
    wholes = _TWO_WHOLES_RE.search(head)
    if wholes and index < 2 and count in (2, None):
        # 美国融资金额占全球比例与占国外比例分别为88.0%和95.2%: the items are the wholes
        tail = before[at + 2:]
        first = find_mentions(tail)
        return head[:wholes.start()] + f"占{wholes.group('a' if index == 0 else 'b')}比例" + (tail[:first[0].start] if first else tail)
    for kind in ("metric", "subject"):
        run = _last_run([t for t in tokens if t.kind == kind], head, figures_between=kind == "subject")
        if kind == "metric" and len({_family(t.text) for t in run}) == 1:
            run = []  # D轮…融资金额和早期融资金额占全球比例分别为…: one measure twice; the subjects are the items
        if len(run) < 2 and count == 2 and kind == "metric":
            # 事件297起、金额1,855.00亿元，环比分别增长A和B: events and money, one per earlier clause
            statement = [t for t in tokens if t.kind == kind and not re.search(r"[。；;]", head[t.end:])]
            if [_family(t.text) for t in statement] == ["事件", "金额"]:
                run = statement
        both = re.search(r"(?:国|境|海)内外", head)
        if kind == "subject" and len(run) <= 1 and count == 2 and both and not re.search(r"[。；;]", head[both.end():]):
            # 国内外融资事件分别为214起和83起: the two regions, in that order
            run = [Token("subject", "国内", both.start(), both.start() + 2), Token("subject", "国外", both.start() + 2, both.end())]
        elif kind == "subject" and len(run) == 1 and count in (2, None) and run[0].text in COMPOUND_PHRASES:
            # 模型层与基础层分别占53.6%和34.9%: a group named as one phrase is still two items
            parts = re.split(r"与|和|及(?!以后)", run[0].text, maxsplit=1)
            if len(parts) == 2 and all(parts):
                cut = run[0].start + len(parts[0])
                run = [Token("subject", parts[0], run[0].start, cut), Token("subject", parts[1], cut + 1, run[0].end)]
        counted = re.search(r"(?:这|上述|以上|前)?([两二三四五])(?:笔|者|家|大)(?:交易|机构)?[^，,；;。\d]{0,10}$", head)
        if kind == "subject" and counted and len(run) < rank_number(counted.group(1)) == count:
            # 「A」…，「B」…，「C」…，三笔交易金额占全球比例分别为…: the last three names of the sentence
            named = [t for t in tokens if t.kind == "subject" and t.text in names]
            if len(named) >= count:
                run = named[-count:]
        if kind == "subject" and count and 2 <= count and len(run) < count:
            statement_at = max(head.rfind("；"), head.rfind(";"))
            named_items = list(dict.fromkeys(t.text for t in tokens if t.kind == "subject" and t.text in names and t.start > statement_at))
            if len(named_items) == count and not any(name in before[at:] for name in names):
                # 「A」金额为…，「B」…，「C」…，分别占16.9%、9.6%和7.1%: as many names as figures
                run = [next(t for t in tokens if t.text == name) for name in named_items]
        listed = run  # every item, so that what follows the list is not read as naming one
        if count and len(run) > count:
            # 国外「A」「B」「C」分别…: the last items are the listed ones; 前三占比分别…: the first
            run = run[:count] if re.search(r"前[两二三四五六七八九十\d]", head[run[-1].end:]) else run[-count:]
        if kind == "subject" and len(run) < 2:
            figures = re.search(r"(?:\d[\d,.]*\s*(?:起|笔|亿元|万元)\s*[、和与及]\s*)+\d[\d,.]*\s*(?:起|笔|亿元|万元)\s*[，,]?\s*$", head)
            units = re.findall(r"(起|笔|亿元|万元)", figures.group(0)) if figures else []
            if not units and count == 2 and all(m.unit == "%" for m in listed_figures):
                # 全球297起，金额1,855.00亿元，环比分别+14.2%、+33.2%: a count, then an amount, one per clause
                stated = ["起" if m.unit in ("起", "笔") else "亿元" for m in find_mentions(re.split(r"[。；;]", head)[-1])
                          if m.unit in ("起", "笔", "元", "亿元", "万元")]
                units = stated if [u in ("起", "笔") for u in stated] == [True, False] else []
            if len(units) >= 2 and count in (len(units), None) and index < len(units):
                # 比10月的260起、1,392.36亿元分别增长14.2%和33.2%: the i-th figure's measure
                tail = before[at + 2:]
                first = find_mentions(tail)
                return head + ("事件数" if units[index] in ("起", "笔") else "金额") + (tail[:first[0].start] if first else tail)
        if len(run) >= 2 and index < len(run) and (len(run) == count or count is None):
            item = run[index]
            tail = before[at + 2:]
            first = find_mentions(tail)
            verb = tail[:first[0].start] if first else tail
            # (the last item's own figure, 融资金额140.94亿元，分别占…, is not part of what follows)
            between = re.sub(r"\d[\d,.]*\s*(?:亿元|万元|起|笔|次|%)", "", head[listed[-1].end:])
            return head[:run[0].start] + item.text + between + verb
    return None


def _last_run(tokens: list[Token], text: str, figures_between: bool = False) -> list[Token]:
    """The last run of tokens separated only by list glue (、和与及…); with ``figures_between``,
    also by each item's own figure (「A」313.80亿元、「B」177.50亿元和「C」…)."""
    run: list[Token] = []
    for t in reversed(tokens):
        glue = text[t.end:run[0].start] if run else ""
        if run and not (_LIST_GLUE.match(glue) or (figures_between and _FIGURE_GLUE.match(glue))):
            break
        run.insert(0, t)
    return run


def sentence_scopes(sentence: str, facts: MonthFacts, names: dict[str, list[str]]) -> set[str]:
    """Every subject the sentence names, as fact scopes (plus ``global``, the default subject)."""
    scopes = {"global"}
    regions = {scope for word, scope in REGION_WORDS.items() if word in sentence}
    scopes |= regions
    for part in re.split(r"[，,；;：:、]", sentence):
        scope = scope_of_clause(part, facts)
        if scope:
            scopes.add(scope)
    for word, code in COUNTRY_WORDS:
        if word in sentence:
            scopes.add(f"country.{code}")
            scopes |= {f"{region}.country.{code}" for region in regions}  # 占国外的95.2% needs 国外 said
            if code == "CN":
                scopes.add("domestic")
    rounds = [key for key, words in ROUND_KEYWORDS.items()
              if key not in COMPOUNDS["round"] and any(w in sentence for w in words)]
    layers = [w for w in LAYER_WORDS if w in sentence]
    if "后期" in sentence:
        rounds.append("后期及战略")  # 后期轮次: writers mean D轮及以后, or it with 战略/股权投资
    for prefix, named in (("round", rounds), ("layer", layers)):
        for key in named:
            scopes.add(f"{prefix}.{key}")
            scopes |= {f"{region}.{prefix}.{key}" for region in regions}
        for key, (parts, _) in COMPOUNDS[prefix].items():
            if set(parts) <= set(named):
                scopes.add(f"{prefix}.{key}")
    if re.search(r"其他|其余|以外|之外", sentence):
        scopes.add("overseas_rest")
    for name, fids in names.items():
        if name in sentence:
            scopes |= {fid.rsplit(".", 1)[0] for fid in fids}
    return scopes


def stated_figures(paragraph: str, kind: FigureKind) -> list[float]:
    """Figures of one kind stated in ``paragraph``, in order: amounts in 亿元, shares in %, counts."""
    out = []
    for m in find_mentions(paragraph):
        if m.high is not None or not m.arabic:  # 三家, 两笔 are cardinals, not summands
            continue
        if kind == FigureKind.AMOUNT and m.unit in AMOUNT_UNITS:
            out.append(m.value * scale_of(m) / 1e8)
        elif kind == FigureKind.SHARE and m.unit == "%":
            out.append(m.value)
        elif kind == FigureKind.COUNT and m.unit in ("起", "笔", "次", "家", "项", "个"):
            out.append(m.value)
    return out


def derived_values(figures: list[float], how: str) -> list[float]:
    """Sums of 2–4 consecutive figures, differences or ratios of any two (what a writer computes)."""
    out: list[float] = []
    if how == "sum":
        for i in range(len(figures)):
            for k in range(2, 5):
                if i + k <= len(figures):
                    out.append(sum(figures[i:i + k]))
    else:
        for i, a in enumerate(figures):
            for b in figures[i + 1:]:
                if how == "difference":
                    out.append(abs(a - b))
                elif how == "ratio" and min(a, b) > 0:
                    out.append(max(a, b) / min(a, b))
                    out.append(min(a, b) / max(a, b))
    return out


SUM_RE = re.compile(r"(合计|共计|总计|加起来|加总|加上|两者|二者|三者|累计|之和|一共|总共)[^，,；;。]*$")
DIFFERENCE_RE = re.compile(r"(增加|减少|多出|多了|少了|相差|差距|差额|落差|差值|剪刀差|高出|低出|净增|增量|缩小|扩大|(?<!不)高于|(?<!不)低于|之差|仅差|只差|还差|差了|领先|落后|(?:离|距)[^，,；;。]{0,12}?差|(?<=[笔名位])差|(?:^|(?<=[」—\s]))差(?=约|近|了|\d|$))[^，,；;。]*$|[多少](约|近)?$"
                           r"|[比较][^，,；;。]{1,10}?(?:高|低|多|少)(?:了|出)?$")


def layer_count(facts: MonthFacts) -> int:
    """How many industry layers the data has (基础层, 模型层…; not compounds such as 模型层及基础层)."""
    return len({f.scope for f in facts.facts.values() if f.scope.startswith("layer.") and f.metric == "events"
                and f.scope.split(".", 1)[1] not in COMPOUNDS["layer"]})


def listed_count(sentence: str, after: str, names: dict[str, list[str]]) -> int | None:
    """How many items of the kind ``after`` describes the sentence lists, or None if it lists none.

    笔/家/大 count named deals or investors; 个层级 counts layers, 个国家 countries.
    """
    if re.match(r"个?层", after) or "层级" in after[:3]:
        found = [w for w in LAYER_WORDS if w in sentence]
    elif re.match(r"个?(?:主要)?(国家|地区|市场)", after):
        found = [w for w, _ in COUNTRY_WORDS if w in sentence]
    else:
        spans: list[tuple[int, int]] = []
        for name in sorted(names, key=len, reverse=True):
            for m in re.finditer(re.escape(name), sentence):
                if not any(a <= m.start() < b for a, b in spans):
                    spans.append((m.start(), m.end()))
        found = [sentence[a:b] for a, b in spans]
    distinct = list(dict.fromkeys(found))
    return len(distinct) if len(distinct) >= 2 else None




# Words that allow a figure to be a metric other than the plain total, per kind.
_AMOUNT_METRIC_WORDS = ((r"平均|均", ("avg_amount",)), ("中位", ("median_amount",)), (r"估算|模糊", ("estimated_amount",)),
                        (r"超大额|门槛", ("mega_threshold",)))
_COUNT_METRIC_WORDS = (("披露", ("disclosed_events", "undisclosed_events")), (r"估算|模糊", ("estimated_events",)),
                       (r"超大额|门槛|以上的交易|不低于", ("mega_deals",)), (r"出手|投资了|参与", ("deals",)))


def allowed_metrics(kind: FigureKind, own: str, sentence: str, comparing: bool) -> set[str]:
    """Metrics a figure of ``kind`` may state, from the metric words of its clause (else its sentence)."""
    def words(text: str) -> set[str]:
        found = set()
        if EVENT_WORDS_RE.search(text) or "数量" in text:
            found.add("events")
        if AMOUNT_WORDS_RE.search(text) or "亿元" in text:
            found.add("amount")
        return found

    said = words(own) or words(sentence) or {"events", "amount"}
    if kind == FigureKind.SHARE:
        out = {f"{m}_share" for m in said}
        if "amount" in said:
            out |= {"top1_share", "top5_share", "top10_share", "mega_amount_share"}
        return out
    if kind == FigureKind.CHANGE:
        return {f"mom_{m}" for m in said}
    base, table = ({"amount"}, _AMOUNT_METRIC_WORDS) if kind == FigureKind.AMOUNT else ({"events"}, _COUNT_METRIC_WORDS)
    out = set(base) | ({f"prev_{next(iter(base))}"} if comparing else set())
    for pattern, metrics in table:
        if re.search(pattern, sentence):
            out |= set(metrics)
    return out
