"""Amounts: a figure in 亿元/万元 bound to a total, an average, a median, last month's value,
a named deal or the mega threshold, from what its clause and sentence say."""

from __future__ import annotations

import re

from .binding import _MONTH_DIFFERENCE_RE, _TOP_N_RE, NOW_AFTER_RE, _from_figure
from .clauses import (
    ALMOST_RE,
    CLAUSE_SPLIT,
    COUNTRY_WORDS,
    REGION_WORDS,
    THRESHOLD_RE,
    region_named,
    scope_for,
    scope_of_clause,
    sentence,
)
from .reading import RawMention, rank_number
from .report import Add, BoundBy, Qualifier, Verdict
from .shares import ShareBinders
from .verdicts import fits

# 第二大交易 / 排名第3的交易 / 第五笔: a deal of the ranking by its rank
_DEAL_RANK_RE = re.compile(r"第(\d+|[一二三四五六七八九十]+)(?:大|名|位)?的?(?:交易|笔|单)")
# 均在 / 单笔均超过 / 全部高于: a bound said of each deal of a set
_SUBJECT_WORD_RE = re.compile("|".join(sorted(REGION_WORDS, key=len, reverse=True)) + "|" + "|".join(w for w, _ in COUNTRY_WORDS))
_EACH_RE = re.compile(r"(?:单笔|每笔|每一笔)?(?:均|都|全部|皆|各自)(?:在|为|超过|超|高于|不低于|达到|达|是)?\s*$")


class AmountBinders(ShareBinders):
    """The binder for amounts, mixed into the Checker."""

    def _bind_amount(self, text: str, raw: RawMention, value_yi: float, qualifier: Qualifier, tol: float, add: Add) -> None:
        before, after, label = self._context(text, raw.start, raw.end)
        if self._each_of_top(before, raw, value_yi, qualifier, tol, add):
            return
        scope = None if self._in_table(text, raw.start) else scope_for(before, label, self.facts)
        clause = CLAUSE_SPLIT.split(before)[-1]
        metric = "amount"
        # 国外平均单笔（22.85亿元）远超国内（8,340万元）: a clause that names no measure of its own
        # carries the sentence's (the average), rather than reading as the region's total.
        own_measure = re.search(r"平均|单笔|每笔|中位|金额|总额|融资|资金|规模|合计|共|全部", clause)
        # (模型层…平均单笔32亿元出头；应用层147起、134.78亿元: a measure does not carry over a semicolon)
        carried = "" if own_measure or self._in_table(text, raw.start) else re.split(r"[；;]", sentence(before))[-1]
        # (美国单笔最大的是Lab42，约9.2亿元: 单笔最大 is the largest deal, not an average)
        carried_measure = [m.group(0) for m in re.finditer(r"平均|单笔(?!最大|最高|金额最)|每笔|中位数", carried)]
        if re.search(r"平均|单笔[^，,]*均|average|均值", clause) or carried_measure[-1:] in (["平均"], ["单笔"], ["每笔"]) \
                and not (re.search(r"\d{1,2}月", clause) and self._about_prev_month(before, after)):
            # (平均单笔5.94亿元；与9月的300.00亿元相比: a month in the own clause is last month's total)
            metric = "avg_amount"
        elif "中位数" in clause or carried_measure[-1:] == ["中位数"]:
            metric = "median_amount"
        elif NOW_AFTER_RE.search(before.rstrip()):
            pass  # 由9月的300.00亿元增至563.98亿元: the figure after 增至 is this month's
        elif (re.search(r"上月|上个月|前一个?月|一个月前|上一个?月", clause) or self._about_prev_month(before, after)
              or _from_figure(clause, after)) and not _MONTH_DIFFERENCE_RE.search(before):
            metric = "prev_amount"
        elif "估算" in clause:
            metric = "estimated_amount"
            scope = scope or "global"
        if scope is None and qualifier not in ("eq", "approx", "range") and not self._in_table(text, raw.start) \
                and not any(n in sentence(before) for n in self.deal_by_name):
            # 近1,800亿元砸向AIGC: a bound with no subject is about the whole market (after a
            # named deal, 「C」48.80亿元，同样超过50亿元, it is about the deal)
            scope = "global"
        claimed = self.facts.get(f"{scope}.{metric}") if scope else None
        if claimed is None and scope == "country.CN":
            claimed = self.facts.get(f"domestic.{metric}")
        if re.match(r"的?(?:总)?盘子", after) and metric == "amount":
            claimed = None  # 按1,855亿元的盘子算: a whole, bound by its value among the totals
            scope = None
        elif re.match(r"的?(?:融资|资金)?(?:总额)?(?:中|里|之中|当中)", after) and metric == "amount" \
                and not re.search(r"(?:其|它的?|该国的?)$", before):  # (日本…；其56.53亿元中: Japan's, not the whole's)
            claimed = self.facts.get("global.amount")  # 804.90亿元中，国内占70.1%: the total being divided
        base = re.search(r"占(全球|国内|国外|海外|境外)(?:市场)?(?:的)?(?:全部|总)?$", before)
        if base and re.match(r"的?(?:融资|资金|总额|融资额|融资总额|盘子)", after) and metric == "amount":
            claimed = self.facts.get(f"{REGION_WORDS[base.group(1)]}.amount")  # 国内占全球804.90亿元融资的70.1%: the whole
        threshold_word = re.match(r"\s*的?(?:超大额)?(?:门槛|俱乐部|大关|关口)", after) is not None  # 跨过50亿元的门槛
        as_written = qualifier
        total_word = re.match(r"[^，,；;。\d]{0,2}(?:总额|总盘子|总量|融资总额)", after) is not None  # 是本月1,855.00亿元总额的
        # A level of the writer's own, not the data's threshold: a round mark (逼近1,900亿元关口), or a
        # level within the mega deals (超大额交易共10笔…，其中单笔超过100亿元的交易有六笔)
        round_mark = threshold_word and re.match(r"\s*的?(?:大关|关口)", after) is not None
        level_within = re.search(r"单笔(?:金额)?$", clause) is not None and qualifier in ("gt", "ge") \
            and re.match(r"的?(?:交易|大单)", after) is not None
        own_level = (round_mark or level_within) and not self._is_threshold(value_yi)
        threshold_word = threshold_word and not (round_mark and own_level)
        if not total_word and not own_level and ("超大额" in re.split(r"[；;]", before)[-1] + after[:12] or threshold_word) or (
                (THRESHOLD_RE.search(clause) or THRESHOLD_RE.search(clause + raw.text) and self._is_threshold(value_yi))
                and re.match(r"(?:以上)?的?(?:交易|融资)", after)):
            claimed = self.facts.get("global.mega_threshold")
            qualifier = "eq"  # 单笔不低于X的超大额交易 defines the threshold: X must be the threshold
            negated = re.search(r"(?:没|未|不|尚未)[^，,；;。\d]{0,3}$", text[max(0, raw.start - 6):raw.start])  # 还没跨过
            statement = re.split(r"[；;。]", before)[-1]  # 「长河智能7号」48.80亿元，…已超过50亿元门槛 (not 前两笔跨过…)
            deal = self._named(text, raw.start, self.deal_by_name) if threshold_word and as_written not in ("eq", "approx") \
                and not negated and not re.search(r"前(?:\d|[两二三四五六七八九十])|两笔|三笔|均|都", CLAUSE_SPLIT.split(before)[-1]) \
                and any(n in statement for n in self.deal_by_name) else None
            amount = self.facts.get(f"{deal.scope}.amount") if deal is not None else None
            if amount is not None and claimed is not None and fits(float(claimed.value), value_yi, "eq", tol, 0) \
                    and not fits(float(amount.value), value_yi, as_written, 0.0, value_yi * 0.1):
                # 「长河智能7号」48.80亿元，已超过50亿元门槛: the named deal's side of the threshold
                add(raw.start, raw.end, raw.value, raw.unit, as_written, amount.id, Verdict.WRONG,
                    f"{amount.label}为{amount.display}，文中写{raw.text}门槛")
                return
        elif (re.search(r"第(?:\d+|[一二三四五六七八九十]+大)|最大|单笔金额|^\W*一笔|这一笔", clause) or _DEAL_RANK_RE.search(clause)) \
                and metric == "amount":
            claimed = None  # a single deal: bind by value among deals
            ranked = _DEAL_RANK_RE.search(clause)
            if ranked and not any(n in clause for n in self.deal_by_name):  # 全球第二大交易178.56亿元: that rank's deal
                region = region_named(clause)
                claimed = self.facts.get(f"deal.{region}.{rank_number(ranked.group(1))}.amount")
        threshold = self.facts.get("global.mega_threshold")
        if re.search(r"(?:离|距|距离)(?:门槛)?$", before) and re.match(r"(?:门槛)?[^，,；;。\d]{0,3}差", after) and threshold is not None \
                and (fits(threshold.value, value_yi, "eq", tol, 0) or re.search(r"门槛|超大额", sentence(before) + after)):
            claimed, qualifier = threshold, "eq"  # 离50亿元只差1.2亿元 (离60亿元 is a mark of the writer's own)
            threshold_word = True
        if re.search(r"(?:≥|>=|不低于)\s*$", before) and re.match(r"\s*(?:的)?(?:交易|大单|融资)", after):
            claimed, qualifier = self.facts.get("global.mega_threshold") or claimed, "eq"  # 仅有的2笔≥50亿元交易
            threshold_word = True
        named = self._named(text, raw.start, self.deal_by_name, value_yi, qualifier, tol)
        own_names = named is not None and any(n in CLAUSE_SPLIT.split(before)[-1] for n in self.deal_by_name)
        bracket = re.search(r"(全球|国内|国外|海外|境外)[^，,；;。「」“”（(\d]{0,10}(?:金额|总额|融资额|资金|盘子)[（(]\s*$", before)
        if bracket and metric == "amount" and not self._in_table(text, raw.start):
            # …就已超过国内全部融资金额（140.94亿元）: the bracket restates the words right before it
            named, own_names = None, False
            claimed = self.facts.get(f"{REGION_WORDS[bracket.group(1)]}.amount") or claimed
        elif named is not None and claimed is not None and claimed.scope.startswith("round.") \
                and (re.search(r"该公司|该笔|这笔|此笔|其|这家|该企业", clause) or re.search(r"美元\s*[（(]\s*$", before)) \
                and fits(named.value, value_yi, qualifier, tol, 0):  # (IPO募资约44.3亿美元（约313.8亿元）: the deal's, in 元)
            claimed = None  # 「Z」…，该公司通过IPO募资约313.8亿元: the round word describes the named deal
        almost = ALMOST_RE.search(before[-12:]) is not None  # 「X」…，差一点就到50亿元: X is the subject
        statement = re.split(r"[；;]", before)[-1]
        bound_after_name = qualifier not in ("eq", "approx", "range") and any(n in statement for n in self.deal_by_name) \
            and not scope_of_clause(clause, self.facts)  # 「C」48.80亿元，同样超过50亿元: the deal's bound
        if named is not None and not threshold_word and (self._in_table(text, raw.start) or claimed is None or own_names or almost
                                                         or bound_after_name or self._name_is_last_subject(statement, clause)):
            claimed, qualifier = named, as_written  # 其中「X」单笔即超过300亿元: the deal, with its own bound
        average = self.facts.get(f"{scope}.avg_amount") if scope else None
        if (metric == "amount" and claimed is not None and average is not None and re.search(r"平均|每笔|单笔规模|单笔均", sentence(before) + label)
                and not fits(claimed.value, value_yi, qualifier, tol, 0) and fits(average.value, value_yi, qualifier, tol, 0)):
            claimed = average  # 国外平均每笔22.85亿元，约为国内（8,340万元）的27倍: the average carries over
        statement = re.split(r"[；;。]", before)[-1]
        tops = list(_TOP_N_RE.finditer(statement)) if re.search(r"合计|共计|总计|加起来|一共", clause + raw.text) else []
        # 前五大交易均来自美国，合计843.72亿元: the ranking named earlier in the statement, no figure between
        top = tops[-1] if tops and not re.search(r"\d", statement[tops[-1].end():]) else None
        region = region_named(statement[:top.start()]) if top is not None else "global"
        if top is not None and (n := rank_number(top.group(1) or top.group(2))) and len(deals := self.facts.value(f"deals.{region}.top") or []) >= n:
            summed = sum(float(d["amount_cny_yi"]) for d in deals[:n])  # 前三笔合计约159.81亿元
            ok = fits(summed, value_yi, "approx" if qualifier == "eq" else qualifier, tol + 0.005 * n, band := value_yi * 0.1)
            if ok or re.search(r"前(?:\d+|[两二三四五六七八九十])大?(?:交易|笔)", statement):
                # (wrong: the sum is the finding; no fact's value is dictated for it)
                add(raw.start, raw.end, value_yi, "亿元", qualifier, None, Verdict.OK if ok else Verdict.WRONG,
                    f"前{n}笔之和" if ok else f"前{n}笔交易合计按数据约为{summed:.2f}亿元，文中写{raw.text}",
                    BoundBy.RECOMPUTED if ok else BoundBy.NONE)
                return
        mega, total = self.facts.get("global.mega_amount_share"), self.facts.get("global.amount")
        if mega is not None and total is not None and re.search(r"合计|共计|总计|加起来|一共", clause + raw.text) \
                and re.search(r"超大额|≥|不低于|以上的交易", sentence(before)):
            summed = float(mega.value) * float(total.value) / 100  # 超大额交易2笔，合计111.01亿元
            if fits(summed, value_yi, "approx" if qualifier == "eq" else qualifier, tol + 0.01, value_yi * 0.1):
                add(raw.start, raw.end, value_yi, "亿元", qualifier, None, Verdict.OK, "超大额交易之和", BoundBy.RECOMPUTED)
                return
        pool = self._candidates(("亿元",), None)
        band = value_yi * 0.1
        self._decide(add, raw.start, raw.end, value_yi, "亿元", qualifier, claimed, pool, tol, band, raw.text)

    def _name_is_last_subject(self, statement: str, clause: str) -> bool:
        """美国单笔最大的是Lab42，约9.2亿元: a deal named after every region word of the statement,
        with a clause of its own that names no subject, is what the figure is about."""
        if scope_of_clause(clause, self.facts) is not None:
            return False
        names = [statement.rfind(n) + len(n) for n in self.deal_by_name if n in statement]
        regions = [m.end() for m in _SUBJECT_WORD_RE.finditer(statement)]
        return bool(names) and max(names) > max(regions, default=-1)

    def _each_of_top(self, before: str, raw: RawMention, value_yi: float, qualifier: Qualifier, tol: float, add: Add) -> bool:
        """前三笔均在48亿元以上 / 五笔交易…单笔均超过100亿元: every one of the ranking's first N deals
        (of the region the statement names) is within the stated bound. True when it was judged."""
        statement = re.split(r"[；;。]", before)[-1]
        tops = list(_TOP_N_RE.finditer(statement))
        if not tops or not _EACH_RE.search(statement) or re.search(r"\d", statement[tops[-1].end():]):
            return False
        region = region_named(statement)
        deals = self.facts.value(f"deals.{region}.top") or []
        n = rank_number(tops[-1].group(1) or tops[-1].group(2) or "")
        if not 1 < n <= len(deals):
            return False
        amounts = [float(d["amount_cny_yi"]) for d in deals[:n]]
        ok = all(fits(a, value_yi, qualifier, tol, 0) for a in amounts)
        add(raw.start, raw.end, value_yi, "亿元", qualifier, None, Verdict.OK if ok else Verdict.WRONG,
            "" if ok else f"前{n}笔交易的金额在{min(amounts):.2f}亿元至{max(amounts):.2f}亿元之间，文中写{raw.text}",
            BoundBy.RECOMPUTED if ok else BoundBy.NONE)
        return True

    def _is_threshold(self, value_yi: float) -> bool:
        """单笔不低于50亿元的交易: the figure is the mega threshold itself (单笔超过150亿元 is a level of the writer's);
        so is 50万元, the threshold's digits in the wrong unit (a slip to flag, not a level of its own)."""
        threshold = self.facts.get("global.mega_threshold")
        return threshold is not None and any(abs(float(threshold.value) - value_yi * k) < 1e-6 * max(1.0, k) for k in (1.0, 1e4, 1e-4))
