"""Which measure a figure states — events or money — from the words around it.

Split from clauses.py (then over its 400-line limit): the figure's own words before it
(占全球事件数的72.1%), the words right after it (88.0%的资金), then earlier clauses.
"""

from __future__ import annotations

import re

from .clauses import AMOUNT_WORDS_RE, CLAUSE_SPLIT, EVENT_WORDS_RE, sentence

# A verb of money right before a share: 只分到7.3%, 拿走88.0%.
_AMOUNT_VERB_RE = re.compile(r"(分到|分得|拿到|吸收|吸走|吸纳|拿走|流向|揽获|斩获)了?\s*$")
# Words right after the figure name its metric most surely: 88.0%的资金, 近半数事件, 过半的融资.
_RIGHT_AFTER_RE = re.compile(r"^[）)]?(?:的)?(?:(?P<events>融资事件|事件|项目|交易数|笔数|交易(?!额|金额|规模|总额))|(?P<amount>资金|金额|融资金额|融资额|钱))")
_BRACKETED_AFTER_FIGURE_RE = re.compile(r"\d\s*(亿元|万元|起|笔)\s*[（(]\s*(?:约)?(?:占|约占)?(?:全球|国内|国外|海外)?的?(?:比重|比例)?$")
# A previous figure's own noun (以60.5%的事件拿下…) is not the next figure's metric.
_LEADING_NOUN_RE = re.compile(r"^[）)]?的?(?:融资)?(?:事件数?|项目|资金|金额|融资额)")
# 早期项目只有 / 应用层项目: projects as the clause's subject, not as its measure
_SUBJECT_PROJECTS_RE = re.compile(r"\s*(?:早期|后期|中后期|成长期|种子轮?|天使轮?|[A-E]\+?轮|应用层|模型层|基础层|中间层|国内|国外|海外|境外)的?项目"
                                  r"(?!数|占比|比重|数量)")
# The figure's own words: back to the last separator or the previous figure.
_OWN_CUT_RE = re.compile(r"[，,；;：:、]|\d[\d,.]*\s*(?:%|亿元|万元|起|笔|次|个百分点)|——")


# 约有7元流向了国内项目: money goes to 项目; the project is where, not what is measured
_DESTINATION_RE = re.compile(r"((?:流向|投向|流入|砸向|涌入|进入|投给|落到|落在|给到|分给)了?[^，,；;。\d]{0,8}?)项目")


def _nearest(text: str, from_end: bool) -> str | None:
    text = _DESTINATION_RE.sub(r"\1＿＿", text)
    best = None
    for pattern, kind in ((EVENT_WORDS_RE, "events"), (AMOUNT_WORDS_RE, "amount")):
        found = list(pattern.finditer(text))
        if not found:
            continue
        p = found[-1].start() if from_end else found[0].start()
        if best is None or (p > best[0] if from_end else p < best[0]):
            best = (p, kind)
    return best[1] if best else None


# 钱比事件占比更高，70.1%对60.5%: a pair of shares after a clause naming both metrics.
_PAIR_WORD = r"资金|金额|融资额|钱|事件数?|项目数?|笔数|数量"
_AMOUNT_PAIR_WORDS = {"资金", "金额", "融资额", "钱"}
_VERSUS = r"(?:对|vs\.?|VS\.?|v\.s\.)"
# …7.3%（金额口径） / …> 应用层7.3%（按事件数口径）: the measure a chain of figures is told in
_BASIS_RE = re.compile(rf"^[^，,；;。]*?[（(]\s*(?:按|以)?({_PAIR_WORD})(?:计|口径|维度)[^）)]*[）)]")


_WORD_SHARE_BRACKET_RE = re.compile(r"(?:[一二三四五六七八九]成|半|分之[一二三四五六七八九])(?:左右|上下|多|出头)?\s*[（(]\s*$")


def metric_word(before: str, after: str) -> str | None:
    """'events' or 'amount' from the nearest metric word: the figure's own words before it
    (占全球事件数的72.1%), then the words right after it (88.0%的资金), then earlier clauses."""
    right = _RIGHT_AFTER_RE.match(after)
    if right and re.match(r"\s*(?:为|达|约|近|超|逾)?\s*\d", after[right.end():]):
        right = None  # 应用层事件49.5%金额7.3%: the word labels the next figure, not this one
    if right:
        return "events" if right.group("events") else "amount"
    basis = _BASIS_RE.match(after)
    if basis:  # 模型层53.6% > 基础层34.9% > 应用层7.3%（金额口径）: the bracket names the chain's measure
        return "amount" if basis.group(1) in _AMOUNT_PAIR_WORDS else "events"
    if re.search(r"\d\s*(?:亿元|万元)(?:的?(?:融资|资金))?(?:里|中|当中|之中)[，,]\s*$", before) or re.search(
            r"(?:钱|资金|融资额|金额)(?:里|中|当中|之中)[，,]\s*$", before):
        return "amount"  # 全球约805亿元里，七成落在国内项目上: a whole of money, divided
    second = re.search(rf"\d\s*%\s*{_VERSUS}\s*$", before)
    if re.match(rf"\s*{_VERSUS}\s*\d", after) or second:
        # 国内的钱比事件占比更高，70.1%对60.5% / 事件15.8% vs 金额88.0%…（72.1% vs 7.6%）: the
        # metrics in the order the sentence named them
        words = re.sub(rf"\d[\d.]*\s*%\s*{_VERSUS}\s*$", "", before)[-60:]
        order = list(dict.fromkeys("amount" if w in _AMOUNT_PAIR_WORDS else "events" for w in re.findall(_PAIR_WORD, words)))
        if len(order) == 2:
            return order[1] if second else order[0]
    bracketed = _BRACKETED_AFTER_FIGURE_RE.search(before)
    if bracketed:  # 101起（60.5%），563.98亿元（70.1%）: the share of the figure before its bracket
        return "events" if bracketed.group(1) in ("起", "笔") else "amount"
    cuts = list(_OWN_CUT_RE.finditer(before))
    own = before[cuts[-1].end():] if cuts else before
    if cuts and cuts[-1].group(0)[0].isdigit():
        own = _LEADING_NOUN_RE.sub("", own)
    if _AMOUNT_VERB_RE.search(own):
        return "amount"
    subject = _SUBJECT_PROJECTS_RE.match(own)
    # (早期项目过半: with nothing between, 项目 is what is counted)
    if subject and own[subject.end():].strip() and _nearest(own[subject.end():], from_end=True) is None and "数量" not in own:
        # 后期拿走了71.7%的资金，早期项目只有3.5%: 项目 names the subject; the parallel clause
        # before it told the measure
        parts = re.split(r"[，,]", re.split(r"[；;。]", before)[-1])
        if len(parts) > 1 and _nearest(parts[-2], from_end=True) == "amount":
            return "amount"
    found = _nearest(own, from_end=True)
    if found:
        return found
    # (占全球39.5%（事件数比9月…）: a bracket after the figure is a remark of its own)
    # (超九成（92.4%）的资金: a bracket right after the figure restates it; the words after it still count)
    after_clause = re.split(r"[，,；;：:、—（(]", re.sub(r"^\s*[（(][^（）()]*[）)]", "", after), maxsplit=1)[0][:12]  # (…（过半）——项目与资金…: another clause)
    if re.match(r"的?(?:资金|钱)?(?:投向|流向|流入|砸向|涌入|进入)", after_clause):
        return "amount"  # 七成投向国内项目: money goes somewhere; 项目 is where, not what
    found = _nearest(after_clause, from_end=False)
    if found:
        return found
    statements = re.split(r"[；;]", sentence(before))
    if len(statements) > 1 and _WORD_SHARE_BRACKET_RE.search(before) and _nearest(statements[-1], from_end=True) is None \
            and not re.search(r"\d\s*(?:亿元|万元|起|亿|万)", statements[-1]) \
            and EVENT_WORDS_RE.search(statements[-2]) and AMOUNT_WORDS_RE.search(statements[-2]):
        # 应用层拿下约四成资金（40.9%）、过半项目（52.7%）；模型层仅一成左右（10.3%）: the statement
        # before named both measures, this one names neither: the bracket restating a word share may
        # be either (a plain figure, 事件52.7%、金额40.9%；模型层29.2%, carries the nearest measure)
        return None
    for part in reversed(CLAUSE_SPLIT.split(before)):
        # (101起事件占全球60.5%，563.98亿元占全球70.1%: the figure the share's 占 follows)
        of_figure = re.search(r"\d\s*(亿元|万元|起|亿|万)\s*(?:约|仅|则|就|只)?占[^，,；;。\d]{0,8}$", part)
        if of_figure:
            return "events" if of_figure.group(1) == "起" else "amount"
        # 日本融资56.53亿元，占全球的7.0% / 国外66起、240.92亿元，占全球的29.9%: a clause that ends
        # on a figure makes the share one of that figure's kind (the figure nearest the share).
        unit = re.search(r"\d\s*(亿元|万元|起|亿|万)\s*$", part)  # (拿走1714亿: the currency word left out)
        if unit:
            return "events" if unit.group(1) == "起" else "amount"
        found = _nearest(part, from_end=True)
        if found:
            return found
    return None

