"""Binding: decide which fact a mention claims from its clause, and test the value against it."""

from __future__ import annotations

import re
from typing import Any

from ..domain import COMPOUNDS
from ..model import Fact, MonthFacts
from .clauses import (
    BRACKET_AFTER_FIGURE_RE,
    CLAUSE_SPLIT,
    COMPARING_RE,
    DOWN_WORDS,
    OWN_FRAME_RE,
    PAREN_RE,
    REGION_WORDS,
    scope_for,
    scope_of_clause,
    sentence,
)
from .derived import NOT_IN_DATA_RE, Recomputing, shown_prefix
from .meaning import (
    SUM_RE,
    allowed_metrics,
    sentence_scopes,
    stated_figures,
)
from .measure import metric_word
from .reading import RawMention, rank_number
from .report import Add, BoundBy, FigureKind, Qualifier, Verdict
from .verdicts import fits

_COMPOUND_KEYS = {key for group in COMPOUNDS.values() for key in group}
_FACT_UNIT = {FigureKind.SHARE: "%", FigureKind.CHANGE: "pct_change", FigureKind.AMOUNT: "亿元", FigureKind.COUNT: "起"}
# 占全球金额的 / 国外融资金额的 right before a figure: the region is the denominator, not the subject.
DENOMINATOR_WORD_RE = re.compile(r"(?<=[占在])(?:全球|国内|国外|海外|境外)|(?:全球|国内|国外|海外|境外)(?=(?:融资)?(?:总)?(?:金额|事件数?|资金)?的)")
DENOMINATOR_TAIL_RE = re.compile(r"(全球|国内|国外|海外|境外)(?:市场)?(?:融资)?(?:总)?(?:金额|事件数?|资金|融资额)?的?$")


def _kind_of(claimed: Fact | None, pool: list[Fact], unit: str) -> FigureKind:
    """share | change | amount | count, from the facts the binder considered."""
    fact_unit = claimed.unit if claimed is not None else pool[0].unit if pool else unit
    return {"%": FigureKind.SHARE, "成": FigureKind.SHARE, "pct_change": FigureKind.CHANGE, "亿元": FigureKind.AMOUNT}.get(fact_unit, FigureKind.COUNT)


# 从300.00亿元涨到563.98亿元 / 由140起增至167起: the figure after 从/由 is the starting point.
_FROM_RE = re.compile(r"(?:从|由)(?:\d{1,2}月份?|上月|上个月|前一个?月)?的?$")
# (从472.12亿元一下子涨到了约805亿元: an adverb may stand between the figure and the verb)
_TO_RE = re.compile(r"\s*(?:[^，,；;。\d]{0,4}?(?:涨到|增至|增长到|增长至|增加到|增加至|升至|上升到|上升至|提升至|提升到|跃升至|跃升到|攀升至|"
                    r"降至|下降到|下降至|减少到|减少至|回落至|回落到|跌至|变为|变成)|到|至)")


# 前5笔以外的5笔 / 除前5笔外，其余5笔: what the top N deals leave.
# 比9月多出 / 较上月增加了: the figure that follows is a change, not either month's value.
_MONTH_DIFFERENCE_RE = re.compile(r"(?:比|较|相比|对比|和)(?:上月|上个月|\d{1,2}月份?)[^，,；;。\d的]{0,6}?"
                                  r"(?:多出|多了|增加了?|减少了?|少了|净增|净减|高出|增长了?|下降了?|回落了?)约?$")
_REST_OF_TOP_RE = re.compile(r"前(\d+|[两二三四五六七八九十])(?:笔|名|大|大交易|笔交易)(?:以外|之外)[^。；;]*$"
                             r"|(?:除了?|扣除|去掉|除去)前(\d+|[两二三四五六七八九十])(?:笔|名|大)(?:交易)?(?:以外|之外|外|后)?[，,]?\s*(?:其[余他]|剩余|剩下)[^。；;]*$")


# 由9月的300.00亿元增至563.98亿元 / 从上月的85起升至98起: the figure after 增至 is the report month's.
NOW_AFTER_RE = re.compile(r"(增至|升至|降至|增长至|提升至|回升至|达到|达|涨到|增长到|增加到|升到|上升到|跃升至|攀升至|提高到|回落到|跌到|降到|跌至)了?$")
# A month named as a period, not as a baseline (较10月 / 与10月相比 / 从10月).
_PERIOD_MONTH_RE = re.compile(r"(?<![\d较比与和跟同从由对])(?:(?P<m>\d{1,2})月|(?P<last>上个?月|上一个月|前一个?月|一个月(?:以)?前)|(?P<now>本月|这个月|当月"
                              r"|(?:增加|增长|上升|提升|回升|攀升|下降|减少|回落|降|增|升|跌|涨)(?:到|至)))")
# 前5笔 / 最大的5笔 / 前五大交易: deals of the ranking
# (五笔交易全部来自美国, opening a statement after a ranking: the deals just listed, i.e. the first N)
_TOP_N_RE = re.compile(r"(?:前|最大的?|头部|这|居前的?|排名前|(?:^|(?<=[\s。；;：:*]))(?=[两二三四五六七八九十](?:笔交易|大?单)))"
                       r"(\d+|[两二三四五六七八九十])(?:笔|大(?:笔|交易)|大?单|(?:名|位)?的(?:交易|项目|融资))"
                       r"|(?i:top\s?)(\d+)(?=\s*(?:交易|笔)?\s*(?:合计|共|占|为(?=\s*[\d约近超逾])))")


_BASIS_FRAME_RE = re.compile(r"(?:只看|单看|仅看|若以|以|若按|按照?)(?:国内|国外|海外|境外)(?:市场)?(?:为|作为)?(?:口径|基数|分母|范围)")


def _from_figure(clause: str, after: str) -> bool:
    """Is the figure the starting point of a change (从X涨到Y), i.e. last month's value?"""
    return bool(_FROM_RE.search(clause) and _TO_RE.match(after))


def _precise(shown: str) -> bool:
    """An Arabic figure, not a word (七成, 过半, 三家): only those may be replaced by a value."""
    return bool(re.search(r"\d", shown))


class Binders(Recomputing):
    """The binders of :class:`~narrator.check.checker.Checker`, one per kind of figure."""

    facts: MonthFacts
    by_unit: dict[str, list[Fact]]
    deal_by_name: dict[str, list[str]]
    investor_by_name: dict[str, list[str]]
    name_facts: dict[str, list[str]]
    names: list[str]
    month: str
    prev_month: str | None
    _text: str

    def _candidates(self, units: tuple[str, ...], scope: str | None) -> list[Fact]:
        """Numeric facts of these units (and scope), remembered per checker: asked for every figure."""
        memo = self.__dict__.setdefault("_candidates_memo", {})
        if (units, scope) not in memo:
            out = [f for u in units for f in self.by_unit.get(u, [])]
            memo[(units, scope)] = [f for f in out if f.scope == scope] if scope else out
        return list(memo[(units, scope)])

    def _decide(self, add: Add, start: int, end: int, stated: Any, unit: str, qualifier: Qualifier, claimed: Fact | None,
                pool: list[Fact],
                tol: float, band: float, shown: str, pinned: bool = False) -> None:
        """The verdict on one figure.

        ``claimed`` is the fact the figure's clause points to (or None); ``pool`` the facts
        the clause allows when it points to none. A figure is accepted when some fact that
        fits what its sentence says has its value; it is ``wrong`` with a named replacement
        only when its own clause pins the fact (names the subject itself).
        """
        def fit(f: Fact) -> bool:
            return fits(f.value, stated, qualifier, tol, band)

        own_words = re.split(r"[，,；;。]", self._context(self._text, start, end)[0])[-1]
        # (…占据全球资金的92.4%——融资金额同比增长…: a dash ends the figure's clause)
        own_after = re.split(r"[，,；;。]|——", self._context(self._text, start, end)[1], maxsplit=1)[0]
        absent = NOT_IN_DATA_RE.search(own_words + own_after[:12]) or self._unknown_field(own_words + own_after[:16])
        if absent:
            add(start, end, stated, unit, qualifier, None, Verdict.UNSUPPORTED, f"数据中没有“{absent.group(0)}”一类数字")
            return

        if claimed is not None and fit(claimed):
            add(start, end, stated, unit, qualifier, claimed.id, Verdict.OK, "", BoundBy.CLAUSE)
            return
        own_statement = self._context(self._text, start, end)[0]
        if claimed is None and unit == "%" and SUM_RE.search(own_words + shown_prefix(self._text, start)):
            # 「极光推理」和「Parallax Bio」两笔合计占比超过15%: the named deals' shares, summed
            statement = re.split(r"[；;。]", own_statement)[-1]
            # (each deal's share of the world: a deal outside the global ranking has none, so then no judgement)
            in_ranking = {n: [f for f in fids if f.startswith("deal.global.")] for n, fids in self.deal_by_name.items()}
            named = self._named_facts_in(statement, "amount_share", {n: fids for n, fids in in_ranking.items() if fids})
            if len(named) != len(self._named_facts_in(statement, "amount", self.deal_by_name)):
                named = []
            counted = re.search(r"([两二三四五])(?:笔|者|家|大)", own_words)
            if counted:  # …，「C」以48.80亿元位列第三，三者合计占比19.9%: the last three named
                named = named[-rank_number(counted.group(1)):]
            if len(named) >= 2:
                value = sum(named)
                ok = fits(value, stated, "approx" if qualifier == "eq" else qualifier, tol + 0.05 * len(named), abs(stated) * 0.1)
                add(start, end, stated, unit, qualifier, None, Verdict.OK if ok else Verdict.WRONG,
                    "the named deals' shares, summed" if ok else f"所列交易的占比合计约为{value:.1f}%，文中写{shown}",
                    BoundBy.RECOMPUTED if ok else BoundBy.NONE)
                return
        listing = bool(SUM_RE.search(own_words + shown_prefix(self._text, start))) and len(
            stated_figures(sentence(self._context(self._text, start, end)[0]), _kind_of(claimed, pool, unit))) >= 2
        by_value = self.__dict__.get("_no_value_match_at") != start
        if claimed is None and not listing and by_value:
            match = next((f for f in pool if fit(f)), None)
            if match is not None:
                add(start, end, stated, unit, qualifier, match.id, Verdict.OK, "bound by value", BoundBy.VALUE)
                return
        text = self._text
        before, after, _ = self._context(text, start, end)
        kind = _kind_of(claimed, pool, unit)
        clauses = re.split(r"[，,；;。]", before)
        # (合计仅82.26亿元，占全球4.4%: a sum word bound to the figure before is not a sum of shares)
        summing = bool(SUM_RE.search(clauses[-1] + shown_prefix(text, start))) or (
            len(clauses) > 1 and clauses[-1].lstrip().startswith("占") and bool(SUM_RE.search(clauses[-2]))
            and not re.search(r"(?:合计|共计|总计|累计|一共|总共)[^，,；;。\d]{0,3}\d[\d,.]*\s*(?:亿元|万元|起|笔)\s*$", clauses[-2]))
        # (美国以外的所有国家和地区合计只占约12.0%: with 国内 in, that rest is a sum; only 美国以外的国外… is one subject)
        rest_subject = (claimed.scope == "overseas_rest" if claimed is not None else bool(pool) and all(f.scope == "overseas_rest" for f in pool)) \
            and re.search(r"国外|海外|境外", own_words) is not None
        if rest_subject:
            summing = False  # 美国以外的国外国家和地区合计占全球4.4%: the rest as one subject, not a sum of figures
        if summing and kind == FigureKind.SHARE:
            compound = self._compound_share(before + after.split("。", 1)[0], before, after)
            if compound is not None:
                claimed, pinned, summing = compound, True, False
                if fit(claimed):
                    add(start, end, stated, unit, qualifier, claimed.id, Verdict.OK, "", BoundBy.CLAUSE)
                    return
        # (国内一项就贡献了约263.98亿元的增量: the increment may be named after the figure)
        increments = re.search(r"新增|增量|净增", re.split(r"[；;。]", before)[-1]) or re.match(r"的?(?:增量|新增额|增加额)", after)
        if kind in (FigureKind.AMOUNT, FigureKind.COUNT) and (_MONTH_DIFFERENCE_RE.search(before) or increments) \
                and (changes := self._month_changes(before, kind, self._context(text, start, end)[2])):
            # 比9月多出330多亿元: a difference from last month, never either month's own figure
            ok = any(fits(c, stated, "approx" if qualifier == "eq" else qualifier, tol + 0.011, abs(stated) * 0.1) for c in changes)
            add(start, end, stated, unit, qualifier, None, Verdict.OK if ok else Verdict.WRONG,
                "recomputed from the paragraph's figures" if ok else
                f"与上月相比的变化按数据为{'、'.join(f'{c:,.2f}'.rstrip('0').rstrip('.') + unit for c in changes)}，文中写{shown}",
                BoundBy.RECOMPUTED if ok else BoundBy.NONE)
            return
        strong = claimed is not None and (pinned or (not summing and self._own_clause_names_subject(before, after)))
        # A bound (超过X, 不足X, 逾七成) rounds one particular figure: with a subject carried into
        # the clause it is tested against that subject alone, or almost any bound would pass.
        bound = qualifier not in ("eq", "approx", "range")
        # (日本…，占国外超过四分之一: with the subject known, a bound is its facts' alone)
        subject_pool = bool(pool) and len({f.scope for f in pool}) == 1 and pool[0].scope != "global"
        # 分别占7.3%、6.5%和6.1%，合计约21.9%: a sum of the figures just listed is theirs to make
        listed_sum = summing and len(stated_figures(sentence(before), kind)) >= 2
        if not strong and not (bound and (claimed is not None or subject_pool)) and not listed_sum and by_value:
            allowed = self._alternatives(before, after, kind, claimed)
            match = next((f for f in allowed if fit(f)), None)
            if match is not None:
                add(start, end, stated, unit, qualifier, match.id, Verdict.OK, "bound by value", BoundBy.VALUE)
                return
        compound_claim = claimed is not None and pinned and (claimed.scope.split(".", 1)[-1] in _COMPOUND_KEYS
                                                             or claimed.metric == "mega_amount_share") \
            and not (re.search(r"两者|二者|三者", own_words) and abs(float(claimed.value) - float(stated)) > 1.0)
        # (56.0%…14.9%，两者合计70.9%: far from the compound's own share, the sum is of the two just
        # stated; near it (88.5% for 88.44%) the compound decides, so a display-sum slip is caught)
        # (合计仅82.26亿元，占全球7.6%: a share of a figure just stated that does not fit it is not
        # rescued by some other sum of the paragraph)
        of_stated_failed = kind == FigureKind.SHARE and not by_value and not SUM_RE.search(clauses[-1] + shown_prefix(text, start))
        if not compound_claim and not of_stated_failed and not rest_subject and self._derived_fits(text, start, before, kind, stated, qualifier, tol):
            add(start, end, stated, unit, qualifier, None, Verdict.OK, "recomputed from the paragraph's figures",
                BoundBy.RECOMPUTED)
            return
        units = ("%", "pct_change") if kind in (FigureKind.SHARE, FigureKind.CHANGE) else (_FACT_UNIT.get(kind, ""),)
        elsewhere = next((f for f in self._candidates(units, None) if fit(f)), None)
        if kind in (FigureKind.AMOUNT, FigureKind.COUNT) and re.search(
                r"(?:多出|多了|少了|高出|低出|相差|差了|还差|仅差|只差|净增|净减|新增|增加了?|减少了?|增长了?|下降了?|回落了?)约?$", before):
            # 比国内全月融资总额还多出约183亿元: a difference the writer computed; no fact is its value
            add(start, end, stated, unit, qualifier, None, Verdict.WRONG, f"文中数字之差得不出{shown}，请核对或删去")
            return
        if claimed is not None:
            # A true value in the wrong place, or a figure read as the wrong fact: never dictate.
            # (前5笔中其他4笔占28.6%: a clause that sets something apart, 其他/其余/以外…, is about the
            # rest, never the fact its words name; an obedient model would write that fact's value)
            apart = re.search(r"其他|其余|另外|剩下|剩余|以外|之外|除", re.split(r"[，,；;。]", before)[-1]) is not None
            exact = strong and elsewhere is None and _precise(shown) and self._own_clause_pins(before, after) and not apart
            hint = f"；数值与“{elsewhere.label}”相符" if elsewhere is not None else ""
            add(start, end, stated, unit, qualifier, claimed.id, Verdict.WRONG,
                f"{claimed.label}为{claimed.display}，文中写{shown}" + ("" if strong else "（本句未写明主体）") + hint,
                BoundBy.CLAUSE if exact else BoundBy.NONE)
            return
        if elsewhere is not None:
            add(start, end, stated, unit, qualifier, None, Verdict.AMBIGUOUS,
                f"数值与“{elsewhere.label}”相符，但本句没有说明指的是它")
        else:
            add(start, end, stated, unit, qualifier, None, Verdict.UNSUPPORTED, f"可用数据中没有与{shown}相符的数字")

    def _unknown_field(self, words: str) -> re.Match[str] | None:
        """投向生成式视频领域: a field (领域/赛道/行业) the data has no figures for, or None."""
        field = re.search(r"([\u4e00-\u9fa5A-Za-z]{2,8}?)(?:领域|赛道|行业)", words)
        if field is None or scope_of_clause(field.group(1), self.facts) is not None or any(
                field.group(1) in name or name in field.group(1) for name in self._field_names()):
            return None  # 早期赛道, 模型层领域, a sector of the data: fields the facts hold
        return field

    def _field_names(self) -> set[str]:
        """Sectors and layers the facts hold (the fields a figure may be about)."""
        return {fact.scope.split(".", 1)[1] for fact in self.facts.facts.values()
                if fact.scope.startswith(("sector.", "layer."))} | {"AIGC", "AI", "人工智能", "生成式AI", "大模型"}

    def _compound_share(self, whole: str, before: str, after: str) -> Fact | None:
        """模型层…基础层…两者合计88.4%: the compound whose parts the sentence names."""
        metric = metric_word(before, after) or "amount"
        # the parts named in the figure's own statement first (…战略/股权投资32.8%，合计56.0%；B轮及C轮…)
        for words in (re.split(r"[；;]", before)[-1], whole):
            for scope in sorted(sentence_scopes(words, self.facts, {})):
                prefix, _, key = scope.partition(".")
                if key in COMPOUNDS.get(prefix, {}):
                    return self.facts.get(f"{scope}.{metric}_share")
        return None

    def _own_clause_pins(self, before: str, after: str) -> bool:
        """The own clause names the subject, or the rule that chose the fact (前5笔, 最大一笔, 超大额)."""
        own = re.split(r"[，,；;：:、。\n]", before)[-1]
        return self._own_clause_names_subject(before, after) or bool(re.search(r"前\d+笔|最大|超大额|门槛|第\d+", own))

    def _own_clause_names_subject(self, before: str, after: str) -> bool:
        """Does the figure's own clause (back to the last separator) name its subject itself?"""
        own = re.split(r"[，,；;：:、。\n]", before)[-1]
        own = DENOMINATOR_TAIL_RE.sub("", own)
        return bool(scope_of_clause(own, self.facts)) or any(name in own for name in self.names)

    def _alternatives(self, before: str, after: str, kind: FigureKind, claimed: Fact | None) -> list[Fact]:
        """Facts of ``kind`` that fit everything the figure's sentence says (subjects, metric, period).

        With a carried subject (``claimed``), the figure may speak of that subject or of one
        its sentence names; without one, of any subject the sentence names.
        """
        # The statement: back to a semicolon, not across it (美国…占88%以上；海外资金… is another
        # statement), and forward only to the end of the figure's own clause (…93起，其中国内77起:
        # 国内 is the next clause's subject, not this figure's).
        said_before = re.split(r"[；;]", before)[-1]
        if re.search(r"这一比例|该比例|这一占比|其占比|这个比例|这一数字", said_before):
            said_before = before  # 美国占全球的88.0%；若只看国外市场，这一比例升至95.2%: the subject is back there
        own_after = re.split(r"[，,；;。]", after, maxsplit=1)[0]
        if claimed is not None and claimed.metric.startswith("prev_") and re.match(r"\s*(?:相比|相较|比较|对比)", after):
            own_after = re.split(r"[；;。]", after, maxsplit=1)[0]  # 与10月的104.69亿元相比，国内金额…: the subject follows
        whole = said_before + after.split("。", 1)[0]
        subjects = DENOMINATOR_WORD_RE.sub("", said_before + own_after)
        # (若以国外市场为口径，美国的占比…: a region named as the basis frames the subject; it is not one)
        subjects = _BASIS_FRAME_RE.sub("", subjects)
        scopes = sentence_scopes(subjects, self.facts, self.name_facts)
        # 美国…占国外金额的95.2%: a region named only as a denominator still frames its countries' shares.
        regions = {scope for word, scope in REGION_WORDS.items() if word in said_before + own_after}
        scopes |= {f"{r}.{s}" for r in regions for s in list(scopes) if s.startswith("country.")}
        own = re.split(r"[，,；;：:。]", before)[-1] + own_after
        metrics = allowed_metrics(kind, own, whole, bool(COMPARING_RE.search(whole) or self._names_prev_month(whole)))
        if claimed is not None:
            # The clause said what it measures (events, money, an average…): only the subject varies.
            scopes = (scopes - {"global"}) | {claimed.scope}
        if claimed is not None and kind != FigureKind.CHANGE:
            metrics = {claimed.metric} | ({"top1_share", "top5_share", "mega_amount_share"}
                                          if claimed.metric == "amount_share" else set())
        own_clause = re.split(r"[，,；;：:。]", before)[-1]
        # (而其事件数在国外融资事件中所占的比例为…: the clause's frame is the whole, like 占国外)
        framed = OWN_FRAME_RE.search(own_clause)
        whole_said = re.search(r"占(国内|国外|海外|境外)", own_clause) or framed
        if whole_said and claimed is not None and claimed.scope.startswith(("domestic.", "overseas.")):
            # 日本，占国外融资金额的7.0%: the clause names the whole, so only shares of that whole fit
            region = REGION_WORDS[next(g for g in whole_said.groups() if g)]
            scopes = {sc for sc in scopes if sc.startswith(region + ".")}
        if re.search(r"占(?:了|到)?全球(?![^，,；;：:。]*(?:国外|海外|国内|境外))", re.split(r"[，,；;：:。]", before)[-1]):
            # 国外：日本占全球23.5%: the clause names the world as the whole, not the region of its frame
            scopes = {sc for sc in scopes if not sc.startswith(("domestic.", "overseas."))}
        return [f for f in self.by_unit.get(_FACT_UNIT.get(kind, ""), []) if f.scope in scopes and f.metric in metrics]

    def _names_prev_month(self, sentence_text: str) -> bool:
        return bool(self.prev_month and re.search(rf"(?<!\d){int(self.prev_month[5:])}月", sentence_text))

    def _bind_change(self, text: str, raw: RawMention, qualifier: Qualifier, tol: float, add: Add,
                     value: float | None = None) -> None:
        before, after, label = self._context(text, raw.start, raw.end)
        sign = -1.0 if re.search(rf"({DOWN_WORDS}|(?<![多至])少|下跌|跌|缩水|萎缩|(?:略|小幅|微|稍)降)[^，,；;]*$", before[-8:]) else 1.0
        stated = sign * (raw.value if value is None else value)
        kind = "yoy" if re.search(r"同比[^，,；;]*$", before) or re.search(r"去年同期|上年同期", sentence(before)) else "mom"
        scope = scope_for(before, label, self.facts) or "global"
        own = CLAUSE_SPLIT.split(before)[-1]
        overall = re.match(r"\s*(?:整体|总体|总的)(?:来|上)?(?:看|说|而言)", sentence(before)) is not None  # 整体看，金额比10月涨了33.2%
        if (re.search(r"总金额|总额|总体|整体|全盘|大盘|总事件|全月", own) or overall) and not scope_of_clause(own, self.facts) \
                and (overall or not scope.startswith(("domestic", "overseas")) or re.search(r"本月总|当月总|全月", own)):
            scope = "global"  # 后期及战略71.7%，早期3.5%，总金额环比增长33.2%: the whole market, not 早期
        # (33.2%（10月为260起/1,392.36亿元）: a bracket after the figure restates its baseline)
        said = metric_word(before, re.sub(r"^\s*[（(][^（）()]*[）)]", "", after))
        metric = said or "events"
        claimed = self.facts.get(f"{scope}.{kind}_{metric}")
        if said is None and kind == "mom":
            # 环比：全球+33.2%: no measure named, so either of the subject's changes may be meant
            either = [f for m in ("events", "amount") if (f := self.facts.get(f"{scope}.mom_{m}")) is not None]
            claimed = next((f for f in either if fits(float(f.value), stated, qualifier, tol, abs(stated) * 0.1)), None)
            if claimed is None:
                self._decide(add, raw.start, raw.end, stated, "%", qualifier, None, either, tol, abs(stated) * 0.1, raw.text)
                return
        if kind == "yoy" and claimed is None:  # the data has no year-on-year figures
            add(raw.start, raw.end, stated, "%", qualifier, None, Verdict.UNSUPPORTED, "数据中没有同比数字（只有环比）")
            return
        pool = self._candidates(("pct_change",), None)
        self._decide(add, raw.start, raw.end, stated, "%", qualifier, claimed, pool, tol, abs(stated) * 0.1, raw.text)

    def _named(self, text: str, pos: int, names: dict[str, list[str]], stated: Any = None,
               qualifier: Qualifier = "eq", tol: float = 0.5) -> Fact | None:
        """The fact of the name standing nearest before ``pos`` in its sentence (a table row is
        a sentence); of its facts, the one the stated value fits (else the first)."""
        segment = self._context(text, pos, pos)[0]
        best = None
        for name, fids in names.items():
            at = segment.rfind(name)
            if at >= 0 and (best is None or at + len(name) > best[0]):
                best = (at + len(name), fids)
        if not best:
            return None
        candidates = [f for fid in best[1] if (f := self.facts.get(fid)) is not None]
        if stated is not None:
            for fact in candidates:
                if fits(fact.value, stated, qualifier, tol, 0):
                    return fact
        return candidates[0] if candidates else None

    def _about_prev_month(self, before: str, after: str) -> bool:
        """True in a comparing sentence whose last month named in the figure's clause is the previous month."""
        clause = CLAUSE_SPLIT.split(before)[-1]
        months = re.findall(r"(\d{1,2})月", clause)
        if months and re.search(r"(?:增加|增长|上升|提升|回升|攀升|下降|减少|回落|降|增|升|跌)(?:到|至)约?$", clause):
            return False  # 较9月的75起增加到87起: the figure after 增加到 is the report month's
        # (10月国内融资金额为104.69亿元: a clause that opens on the month is about that month)
        comparing = COMPARING_RE.search(before + after) or BRACKET_AFTER_FIGURE_RE.search(before) \
            or re.match(r"\s*\d{1,2}月份?(?!以来|至今)", CLAUSE_SPLIT.split(before)[-1])
        if months and comparing and int(months[-1]) != int(self.month[5:]) and re.search(rf"(?:较|比|相比|对比)(?:{months[-1]})月份?的", clause):
            return True  # 较9月的1,392.36亿元 in a November report: the baseline's figure; the month word is judged apart
        if self.prev_month and comparing and months and int(months[-1]) == int(self.prev_month[5:]):
            return True
        # 模型层10月融资事件46起，11月降至37起 / 10月，国内融资金额为104.69亿元: the last month the sentence
        # names as a period (not as a baseline, 较10月/与10月相比) is the figure's own.
        own = PAREN_RE.sub("", re.split(r"[；;]", sentence(before))[-1])
        own = re.sub(r"[（(][^（）()]*$", "", own)  # (a month inside a bracket, 10月299.56亿元, is its own figure's)
        # (上月基数：全球事件140起 / 上月融资事件为75起，融资金额为81.91亿元 / 9月是67起，这个月是66起 /
        # 从上月的85起升至98起: 上月 is a period too, and 这个月/本月/升至 bring the report month back)
        periods = [m for m in _PERIOD_MONTH_RE.finditer(own) if not re.match(r"份?(?:相比|相较|比|对比|以来|至今)", own[m.end():])]
        if not periods or periods[-1].group("now"):
            return False
        return periods[-1].group("last") is not None or bool(self.prev_month and int(periods[-1].group("m")) == int(self.prev_month[5:]))

    def _in_table(self, text: str, pos: int) -> bool:
        start = text.rfind("\n", 0, pos) + 1
        return text[start:start + 8].lstrip().startswith("|")
