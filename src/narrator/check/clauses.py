"""Reading a clause: the subject (region, country, round group, layer), the metric and the period it speaks of."""

from __future__ import annotations

import re

from ..domain import COMPOUNDS
from ..domain.geo import COUNTRIES
from ..model import MonthFacts

# A clause that frames what follows: 国外市场中 / 在国外融资金额中 / 国外那三成不到的资金里 / 单看国内.
WITHIN_RE = re.compile(r"(全球|国内|国外|海外|境外)[^，,；;。\d%]{0,12}?(?:之中|当中|(?<![集向])中|里|内部)(?:比|看|来看|算)?\s*$"
                       r"|(?:只看|单看|仅看|光看|聚焦|缩小到|缩到|缩至|收窄至|收窄到|限定在|限定于|放在|放到|限于|仅考虑|只考虑|仅就|只算|仅算|就|换成|换到|改用|若按|按|若以|以)(国内|国外|海外|境外)(?:市场)?")
# 在国外资金中的比重 / 在国外里占: a region named as the frame of the figure's own clause.
OWN_FRAME_RE = re.compile(r"(?:在|放到|放在|放进)(国内|国外|海外|境外)[^，,；;。\d%]{0,8}?(?:之中|当中|中|里|内部)"
                          r"|(国内|国外|海外|境外)的?(?:钱|资金|融资额?|金额|市场|事件|项目|盘子)(?:之中|当中|中|里|内部)")
# 在中国以外市场中 / 中国以外的资金里: the rest of the world is 国外.
ABROAD_RE = re.compile(r"(?:中国|国内)(?:以外|之外)(?:的)?")
# 214起（10月177起） / 14.9%（120.06亿元，9月81.91亿元）: inside a bracket opened right after a figure,
# a month is the comparison's baseline.
BRACKET_AFTER_FIGURE_RE = re.compile(r"\d\s*(?:起|亿元|万元|%|笔|次|家)?\s*[（(][^（）()]*$")
CLAUSE_SPLIT = re.compile(r"[，,；;：:]|——|—")
SENTENCE_END = re.compile(r"[。！？!?\n]")
PAREN_RE = re.compile(r"（[^（）]*）|\([^()]*\)")
_FIGURE_THEN_GLUE_RE = re.compile(r"\d[\d,.]*\s*(?:%|亿元|万元|起|笔|次)\s*[）)]?\s*[、和与及]")
# The mega deals named by their threshold (超大额 / ≥50亿元 / 不低于50亿元 / 50亿元以上).
MEGA_SAID_RE = re.compile(r"超大额|≥\s*\d|不低于\d|\d亿元以上")
# A region right after 占/不足/超过… is the denominator (占全球72.1%), not the subject.
DENOMINATOR_RE = re.compile(r"(占|不足|超过|(?<![反远])超|达|逾|近|约|的|在)(全球|国内|国外|海外|境外)(?=[^，,；;。]*占)|(占到了|占到|占据了|占据|占了|占|不足|不到|超过|(?<![反远])超|达|逾|近|约|的"
                            r"|(?:拿走|拿下|拿到|获得|吸引|吸走|分走|分到|分得|揽获|斩获|吸纳|吸收|贡献)了?)(全球|国内|国外|海外|境外)")
SECTION_RE = re.compile(r"^[ \t]*(?:[-*#]+[ \t]*)*(\d{1,2})(?:[.．、）)]|(?=\s))")
FIGURE_NO_RE = re.compile(r"\[\d+\]|图\s*\d+|表\s*\d+")
STRUCTURAL_RE = re.compile(r"^(个|种|类|大)(层级|层|维度|方面|阶段|类型|部分|层次)")
DETACHED_Q_RE = re.compile(r"(不足|不到|低于|超过|高于|逾|接近|近|约)(?:全球|国内|国外|海外)(?:融资)?(?:金额|事件总数|事件数|事件|总额|交易总数)?的?\s*$")
# Metric words. 起/笔 count only after a numeral: 加起来 and 单笔 are not about events.
EVENT_WORDS_RE = re.compile(r"事件|项目|交易数|笔数|(?<![大单])交易(?=占比|比重|数量|[（(]|的?比例)|(?<=[层期内外])交易(?=占)|(?<=[\d一二两三四五六七八九十百千余多几])(?:起|笔)")
AMOUNT_WORDS_RE = re.compile(r"金额|资金|钱|融资额|总额|规模|融资占比|融资比重|(?<=\d)(?:亿|万)(?![元美])")

REGION_WORDS = {"全球": "global", "国内": "domestic", "国外": "overseas", "海外": "overseas", "境外": "overseas"}
REST_RE = re.compile(r"其他国家|其他国外|其他地区|其余国家|其[他余](?:海外|境外)|其[他余]\d*个?(?:国外|海外|境外)?(?:国家|地区)")
EXCEPT_RE = re.compile(r"([^，,；;。除]{1,6}?)(?:以外|之外)|(?:扣除|除去|去掉|刨去|减去)(?:了)?([^，,；;。]{1,6}?)(?:后|之后|以后)")  # 除美国以外 / 扣除美国后
# 单笔不低于50亿元的交易: deals above a threshold, i.e. the mega-deal facts
THRESHOLD_RE = re.compile(r"单笔(?:金额|融资)?(?:不低于|超过|高于|达到|在|≥|>=)")
COMPARING_RE = re.compile(r"环比|同比|上月|上个月|上一个月|上期|\d{1,2}月的?(?:低)?基数|(?<!比)较(?!高|低|多|少|大|小|快|慢|强|弱|好|差|为|早|晚|集中|分散|明显)|此前|前一月|相比|相较|相对于|对比|比起|(?<!\d)\d{1,2}月份?(?:为|是)\d|(?:从|由)\d{1,2}月|跟\d{1,2}月|比\d{1,2}月|(?<![占对])比上"
                          r"|(?:和|与|同|跟)(?:\d{1,2}月|上个?月)份?(?:(?:相)?比|持平|一样|相同|一致|相当|差不多|齐平)"
                          r"|(?:从|由)[^，,；;。]{0,16}?(?:增至|升至|降至|增长至|增长到|增加到|下降到|回落到|涨到|跌到|减少到)")
DOWN_WORDS = "下降|减少|下滑|回落|降低"
CHANGE_VERB_RE = re.compile(rf"(增长|增加|上涨|上升|提升|提高|涨|猛增|大增|激增|跃升|攀升|多|少|{DOWN_WORDS}|(?:略|小幅|微|稍)降)了?(?:近|约|超过|逾)?\s*$|(增长|上涨|下降)?(增幅|涨幅|降幅|幅度|增速|增长率)(?:则|更|也|亦|更是|均)?(为|达到?了?|约为?|是|高达)?[（(]?\s*$")
# 差一点就到50亿元 / 险些跨过 / 几乎挤进: what is said is 'a little below'.
ALMOST_RE = re.compile(r"(?:差一点|差点|险些|几乎|差一步)(?:点)?就?要?(?:到|达到|达|跨过|迈过|越过|突破|挤进|进入|摸到|触及|够到|够上|够)?(?:过|达|达到)?$")
IDIOM_RE = re.compile(r"^(?:一家独大|一枝独秀|一马当先|一骑绝尘|一席之地|一臂之力)")
LAYER_WORDS = ("基础层", "模型层", "中间层", "应用层")
ROUND_KEYWORDS: dict[str, tuple[str, ...]] = {
    "早期": ("早期", "天使", "种子", "Pre-A", "A轮", "A+"),
    "B轮及C轮": ("B轮及C轮", "B轮和C轮", "B、C轮", "B轮", "C轮", "成长期"),
    "D轮及以后": ("D轮及以后", "D轮", "Pre-IPO", "IPO"),
    "战略及股权投资": ("战略", "股权"),
    "B轮及以后": ("B轮及以后",),
    "后期及战略": ("D轮及以后与战略", "D轮", "IPO", "战略", "后期轮次与战略", "后期"),
    "其他": ("并购及其他", "并购"),
}
# A round named alone (not as part of a group such as B轮及C轮 or 天使轮、种子轮和A轮).
_SINGLE_ROUND_RE = re.compile(r"(?<![、和与及/加])(种子轮|天使轮|Pre-A轮|Pre-B轮|A\+轮|A轮|战略投资|股权投资)(?![、和与及/加]|融资及|及以后|(?:和|与|及|、)?(?:股权|战略))")
COUNTRY_WORDS = sorted(((zh, code) for code, (zh, _) in COUNTRIES.items() if code != "ZZ"),
                        key=lambda kv: -len(kv[0]))



# scope_of_clause is pure in (clause, facts) and called several times per figure: remember its
# answers for the facts last asked about (held, so its id cannot be reused by another object).
_SCOPE_MEMO: dict[str, str | None] = {}
_SCOPE_MEMO_FACTS: list[MonthFacts] = []


def scope_of_clause(clause: str, facts: MonthFacts) -> str | None:
    """The most specific scope named in one clause, or None."""
    if not _SCOPE_MEMO_FACTS or _SCOPE_MEMO_FACTS[0] is not facts:
        _SCOPE_MEMO.clear()
        _SCOPE_MEMO_FACTS[:] = [facts]
    if clause not in _SCOPE_MEMO:
        _SCOPE_MEMO[clause] = _scope_of_clause(clause, facts)
    return _SCOPE_MEMO[clause]


# 数量为国外的两倍多 / 比国外高: the region a comparison is made against is not the clause's subject.
COMPARISON_BASE_RE = re.compile(r"(?:是|为|约为|相当于|比|较|不及|多于|少于)(?:全球|国内|国外|海外|境外)(?=的|[^，,；;。]{0,6}(?:高|低|多|少|大|小))")


# 换成国外口径则是95.2%: a region named as the measuring frame, not the subject.
_FRAME_PHRASE_RE = re.compile(r"(?:换成|换到|改用|若按|按照?|以)(?:国内|国外|海外|境外)(?:市场)?口径")


_GLOBAL_MEASURE_RE = re.compile(r"全球(?:AIGC)?(?:融资金额|融资事件|融资总额|融资规模)[^，,；;。占的]{0,4}(?:环比|较上月|同比)")


def _scope_of_clause(clause: str, facts: MonthFacts) -> str | None:
    clause = _FRAME_PHRASE_RE.sub("", clause)
    clause = DENOMINATOR_RE.sub(lambda m: m.group(1) or m.group(3), PAREN_RE.sub("", clause))
    clause = COMPARISON_BASE_RE.sub("", clause)
    region = None
    for word, scope in REGION_WORDS.items():
        pos = clause.rfind(word)
        # 国内贡献了全球72.1%: a named region beats 全球, which is then the denominator.
        better = region is None or (scope != "global" and (region[0] == "global" or pos > region[1]))
        if pos >= 0 and better:
            region = (scope, pos)
    world = clause.rfind("全球")
    if region and world > region[1] and _GLOBAL_MEASURE_RE.match(clause, world):
        region = ("global", world)  # 国内资金面的扩张是本月全球融资金额环比增长70.5%的…: 全球 names the measure
    single = _SINGLE_ROUND_RE.findall(clause)
    if len(set(single)) == 1 and f"stage.{single[0]}.events" in facts:
        return f"stage.{single[0]}"  # 种子轮平均单笔3,826万元: one round of its own, not its group
    best_round, best_score, rounds_named = None, 0, []
    for key, words in ROUND_KEYWORDS.items():
        score = sum(len(w) for w in words if w in clause)
        if score and key not in COMPOUNDS["round"]:
            rounds_named.append(key)
        if score > best_score:
            best_round, best_score = key, score
    best_round = compound("round", rounds_named) or best_round  # D轮及以后和战略投资合计…
    layers_named = [w for w in LAYER_WORDS if w in clause]
    layer = compound("layer", layers_named) or (layers_named[0] if layers_named else None)
    region_scope = region[0] if region else None
    nested = region_scope if region_scope in ("domestic", "overseas") else None
    if layer:
        return f"{nested}.layer.{layer}" if nested and f"{nested}.layer.{layer}.events" in facts else f"layer.{layer}"
    if best_round:
        return f"{nested}.round.{best_round}" if nested and f"{nested}.round.{best_round}.events" in facts else f"round.{best_round}"
    if REST_RE.search(clause):
        return "overseas_rest"
    for m in EXCEPT_RE.finditer(clause):
        code = next((c for w, c in COUNTRY_WORDS if (m.group(1) or m.group(2)).endswith(w)), None)
        if code == "CN":
            return "overseas"  # 中国以外的9个国家和地区
        if code is not None and code == facts.value("overseas.lead_country"):
            return "overseas_rest"  # 除美国以外的其他国家
    named = clause.replace("其中", "其")  # 其中国外 names no 中国
    for word, code in COUNTRY_WORDS:
        if word in named:
            if code == "CN" and region_scope == "domestic":
                return "domestic"
            return f"country.{code}"
    return region_scope


# 全球72.1%的融资事件发生在国内: 全球 right before the figure is the whole; the subject follows.
_WHOLE_BEFORE_FIGURE_RE = re.compile(r"^[^，,；;。]{0,4}?全球(?:市场)?(?:的|有|中有|里有)?(?:约|近|超过|逾|仅|只有|高达)?$")


_REGION_WHOLE_BEFORE_FIGURE_RE = re.compile(r"(?:^|[：:\s*])(国内|国外|海外|境外)(?:市场)?(?:的|有|中有|里有)?$")
_DESTINATION_AFTER_FIGURE_RE = re.compile(r"的?(?:资金|钱|融资额?|金额)(?:都|则|均)?(?:流向|流入|投向|落在|给了|进了|去了)了?(?P<to>[^，,；;。]{1,8})")


def _split_at_subject_bracket(clause: str, facts: MonthFacts) -> list[str]:
    """A clause cut where a bracket opens on a subject of its own (…钱在美国”（国内拿下…); a
    bracket that names only a measure (模型层（金额占…) stays with its clause."""
    at = max(clause.rfind("（"), clause.rfind("("))
    return [clause[:at], clause[at + 1:]] if at > 0 and scope_of_clause(clause[at + 1:at + 9], facts) else [clause]


def scope_for(sentence_before: str, line_label: str, facts: MonthFacts, after: str = "") -> str | None:
    """Scope from the mention's own clause back to the start of its sentence, then the line label.

    A clause that names only a region (其中国内80起) nests under a round or layer named by an
    earlier clause of the same sentence (早期…：98起，其中国内80起 → domestic.round.早期).
    """
    # (“项目在国内、钱在美国”（国内拿下七成以上的事件，分到的资金却不到一成）: a bracketed remark opens a clause)
    clauses = [c for part in CLAUSE_SPLIT.split(ABROAD_RE.sub("国外", sentence_before))
               for c in _split_at_subject_bracket(part, facts)]
    statements = re.split(r"[；;]", sentence_before)
    frame = WITHIN_RE.search(statements[-1])
    if len(statements) > 1 and frame and re.search(r"这一比例|该比例|这一占比|这个比例|此比例", statements[-1]) \
            and not scope_of_clause(clauses[-1], facts):
        # 美国拿走近九成；如果只看海外市场，这一比例升至95%以上: the ratio of before, within the frame
        subject = next((sc for c in reversed(CLAUSE_SPLIT.split(statements[-2])) if (sc := scope_of_clause(c, facts))), None)
        region = REGION_WORDS[frame.group(1) or frame.group(2)]
        if subject and f"{region}.{subject}.amount_share" in facts:
            return f"{region}.{subject}"

    listed = list(_FIGURE_THEN_GLUE_RE.finditer(clauses[-1]))
    if listed and scope_of_clause(clauses[-1][listed[-1].end():], facts):
        # 其中D轮及以后43.6%、战略/股权投资28.1%: after a figure and 、 the next item names its own subject
        clauses[-1] = clauses[-1][listed[-1].end():]
    items = clauses[-1].split("、")
    if len(items) > 1 and re.search(r"占|主导|为|是|达|拿|获|集中|偏向|领先", items[-2]) and len(items[-2]) > 5 \
            and scope_of_clause(items[-1], facts):
        # 国内融资金额占据主导、早期项目数量占比过半: 、 between two statements; the last one is the figure's
        clauses[-1] = items[-1]
    region_whole = _REGION_WHOLE_BEFORE_FIGURE_RE.search(clauses[-1])
    destination = _DESTINATION_AFTER_FIGURE_RE.match(after)
    if region_whole and destination and (inner := scope_of_clause(destination.group("to"), facts)):
        # 国外近四分之一的资金流向日本: the region is the whole, the destination the subject
        nested = f"{REGION_WORDS[region_whole.group(1)]}.{inner}"
        if f"{nested}.amount_share" in facts:
            return nested
    own_after = CLAUSE_SPLIT.split(after, 1)[0].replace("全球", "")
    if own_after and (not scope_of_clause(clauses[-1], facts) or _WHOLE_BEFORE_FIGURE_RE.search(clauses[-1])):
        clauses[-1] = clauses[-1] + own_after  # 88.0%的钱流向美国: the scope follows the number
    if line_label and not sentence_before.startswith(line_label):
        clauses = [line_label] + clauses
    for i in range(len(clauses) - 1, -1, -1):
        if re.search(r"全月|整月|本月总额|当月总额|总盘子", clauses[i]) and not scope_of_clause(clauses[i], facts) and not any(
                scope_of_clause(c, facts) for c in CLAUSE_SPLIT.split(re.split(r"[；;]", sentence_before)[-1])[:-1]):
            # 国内仅7.6%；全月1,855.00亿元，环比增长33.2%: the whole month is the world's (日本方面，全月融资10.19亿元: Japan's)
            return "global"
        countries, rest = set(), clauses[i].replace("其中", "其")
        for word, code in COUNTRY_WORDS:  # longest names first: 中国香港 is not also 中国
            if word in rest:
                countries.add(code)
                rest = rest.replace(word, "")
        if len(countries) >= 2 and not any(w in clauses[i] for w in REGION_WORDS):
            continue  # an enumeration (包括以色列、日本、加拿大…) names no single scope
        scope = scope_of_clause(clauses[i], facts)
        if not scope:
            continue
        framed = WITHIN_RE.search(clauses[i - 1]) if 0 < i == len(clauses) - 1 and scope.startswith("country.") \
            and "全球" not in clauses[i] else None
        if framed and framed.group(2) and f"{REGION_WORDS[framed.group(2)]}.{scope}.amount_share" in facts:
            return f"{REGION_WORDS[framed.group(2)]}.{scope}"  # 若以国外市场为口径，美国的占比更是达到95.2%
        frame = OWN_FRAME_RE.search(clauses[i])
        if scope in ("domestic", "overseas") and frame and REGION_WORDS[frame.group(1) or frame.group(2)] == scope:
            # 美国拿走全球88.0%，在国外资金中的比重高达95.2%: the subject carries over, the region frames it
            carried = next((sc for c in reversed(clauses[:i]) if (sc := scope_of_clause(c, facts))), None)
            if carried and carried.startswith("country.") and f"{scope}.{carried}.amount_share" in facts:
                return f"{scope}.{carried}"
        if scope in ("domestic", "overseas") and "其中" in clauses[i]:
            for earlier in reversed(clauses[:i]):
                outer = scope_of_clause(earlier, facts)
                if outer and outer.startswith(("round.", "layer.")):
                    nested = f"{scope}.{outer}"
                    if f"{nested}.events" in facts:
                        return nested
                    break
        return scope
    return None


def compound(prefix: str, named: list[str]) -> str | None:
    """The COMPOUNDS key whose parts are exactly the groups a clause names (模型层和基础层合计…)."""
    if len(named) < 2:
        return None
    return next((key for key, (parts, _) in COMPOUNDS[prefix].items() if set(parts) == set(named)), None)


def within_region(scope: str, before: str, facts: MonthFacts) -> str:
    """country.US → overseas.country.US, round.早期 → domestic.round.早期: when the share is of
    a region, not of the world. The figure's clause names the region as denominator (占国外融资
    金额的95.2%), or says 其中 after a clause about that region (国外融资1,714亿元，其中美国占95.2%),
    or an earlier clause sets the region as the frame (国外市场中，美国占…)."""
    def nested(region: str | None) -> str:
        inner = f"{region}.{scope}"  # overseas.country.US, domestic.round.早期
        exists = region in ("overseas", "domestic") and (f"{inner}.events_share" in facts or f"{inner}.amount_share" in facts)
        return inner if exists else scope

    statement = re.split(r"[；;]", before)[-1]  # a frame does not carry over a semicolon
    heading = re.match(r"[\s*#-]*(?:\d{1,2}[）).、])?[^：:\d]*[：:]", statement)
    if heading and "其中" in CLAUSE_SPLIT.split(statement)[-1]:
        statement = statement[heading.end():]  # 1）资金流向海外，尤其是美国：全球…，其中美国占88.0%: 其中 is of the statement, not the heading
    clauses = CLAUSE_SPLIT.split(ABROAD_RE.sub("国外", statement))
    denominators = [m.group(2) or m.group(4) for m in DENOMINATOR_RE.finditer(clauses[-1])]
    if denominators:
        return nested(REGION_WORDS[denominators[-1]])
    if "其中" in clauses[-1]:
        for region in ("overseas", "domestic"):
            if nested(region) != scope and any(scope_of_clause(c, facts) == region for c in clauses[:-1]):
                return nested(region)
    own_frame = WITHIN_RE.search(clauses[-1])
    if own_frame:  # 只看国外的话美国占95.2%
        return nested(REGION_WORDS[own_frame.group(1) or own_frame.group(2)])
    framed = OWN_FRAME_RE.search(clauses[-1])
    if framed:  # 在国外资金中美国份额高达95.2% / 国外的钱里美国占95.2%
        return nested(REGION_WORDS[framed.group(1) or framed.group(2)])
    statements = re.split(r"[；;]", before)
    if len(statements) > 1 and scope.startswith("country.") and not any(w in statements[-1] for w in REGION_WORDS):
        # 日本约56.5亿元，占海外的23.5%；美国约55亿元，占22.8%: a parallel statement keeps the whole
        # (only a list of other countries, each with one whole: 美国…占全球…，占国外…；但从事件数看，美国… is not)
        for statement in reversed(statements[:-1]):
            if not any(w in statement for w, _ in COUNTRY_WORDS) or scope_of_clause(statement, facts) == scope:
                break
            earlier = {d.group(2) or d.group(4) for d in DENOMINATOR_RE.finditer(statement)}
            if earlier:
                if len(earlier) == 1 and "全球" not in earlier | {w for w in REGION_WORDS if w in statement}:
                    return nested(REGION_WORDS[earlier.pop()])
                break
    for c in reversed(clauses[:-1]):
        # The nearest frame (国外市场中，美国占…) or denominator (占国外资金的23.5%，略高于美国的22.8%)
        # of an earlier clause carries over; 全球 resets it.
        m = WITHIN_RE.search(c) or OWN_FRAME_RE.match(c)
        words = [m.group(1) or m.group(2)] if m else [d.group(2) or d.group(4) for d in DENOMINATOR_RE.finditer(c)]
        if words and not m and words[-1] != "全球" and any(
                "全球" in [d.group(2) or d.group(4) for d in DENOMINATOR_RE.finditer(e)] for e in clauses[:-1]):
            return scope  # 美国占全球88.0%，占国外95.2%，以…撬动近九成资金: both wholes were named; neither frames it
        if words:
            return nested(REGION_WORDS[words[-1]])
    return scope


def region_named(words: str) -> str:
    """domestic or overseas when ``words`` name that region (the first in REGION_WORDS order), else global:
    whose deal ranking a statement speaks of (国内前五大交易 → deals.domestic.top)."""
    return next((scope for word, scope in REGION_WORDS.items() if word in words and scope != "global"), "global")


def sentence(before: str) -> str:
    """The part of ``before`` that belongs to the figure's own sentence."""
    return before[before.rfind("。") + 1:]
