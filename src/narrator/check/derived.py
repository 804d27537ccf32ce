"""Figures a writer computed: sums, differences, ratios (倍) and differences of shares (个百分点).

They are recomputed from the figures the paragraph states before them, or from the facts of
the subjects (and named deals or investors) their sentence speaks of; a qualifier-free or
约 figure must match within the rounding of its inputs.
"""

from __future__ import annotations

import dataclasses
import re

from ..format import fmt_points, fmt_ratio
from ..model import Fact
from .clauses import REGION_WORDS, scope_of_clause
from .meaning import DIFFERENCE_RE, SUM_RE, derived_values, sentence_scopes, stated_figures
from .ratios import RatioReaders, _pp_or_ratio_inputs, sentence_of
from .reading import AMOUNT_UNITS, RawMention, find_mentions, rank_number
from .report import Add, BoundBy, FigureKind, Qualifier, Verdict
from .verdicts import fits

# Measures the data does not hold: a figure about them cannot be true by the facts.
NOT_IN_DATA_RE = re.compile(r"估值|市值|营收|收入|利润|用户数|员工|市盈率|同比|去年同期|上年同期|独角兽"
                            r"|上一?季度|季度环比|较上季|环比上季|上半年|下半年|的?出手(?:中)?(?:投向|流向|集中在|落在|投给)|出手金额|(?<![股权略])投资金额|(?<![现呈露提付])出资(?!金)|参与(?:交易|投资)的(?:披露)?金额|管理规模|基金规模|在管规模")


def _last_two(before: str, cls: FigureKind) -> list[RawMention]:
    """The last two figures of class ``cls`` stated in ``before`` (the operands of a ratio)."""
    found = [m for m in find_mentions(before) if m.high is None and m.arabic and (
        (cls == FigureKind.SHARE and m.unit == "%") or (cls == FigureKind.AMOUNT and m.unit in AMOUNT_UNITS)
        or (cls == FigureKind.COUNT and m.unit in ("起", "次", "笔")))]
    return found[-2:]


def _half_step(m: RawMention) -> float:
    """Half a unit of the last written digit: how far the written figure may be from the truth."""
    return 0.5 * 10.0 ** -m.decimals


def shown_prefix(text: str, start: int) -> str:
    """The qualifier words a mention starts with (合计, 共, 约…), which its own clause also says."""
    m = re.match(r"(合计|共计|总计|共|约|近|超过|逾)", text[start:start + 2])
    return m.group(1) if m else ""


# 第6至10笔 / 扣除前五大交易后，其余5笔 / 前5笔以外: a window of the ranking
_RANK_WINDOW_RE = re.compile(r"第\d+(?:至|到|-|~|～)第?\d+(?:笔|大)|(?:剔除|扣除|去掉|除去|除了?)前(?:\d+|[两二三四五六七八九十])(?:笔|名|大)"
                             r"|前(?:\d+|[两二三四五六七八九十])(?:笔|名|大|大交易|笔交易)(?:以外|之外)")


# 较前五大交易的占比高出…个百分点: the top N's share named as the other side of a difference
_TOP_SHARE_NAMED_RE = re.compile(r"(?:较|比|与|和)前(\d+|[两二三四五六七八九十])(?:大|笔)(?:交易)?的?(?:占比|份额|集中度)")


class Recomputing(RatioReaders):
    """Recomputation for :class:`~narrator.check.binding.Binders`."""

    def _candidates(self, units: tuple[str, ...], scope: str | None) -> list[Fact]:  # provided by Binders
        raise NotImplementedError

    def _bind_share(self, text: str, start: int, end: int, stated: float, qualifier: Qualifier, tol: float, band: float,
                    add: Add, unit: str, metric_hint: str | None = None) -> None:  # provided by ShareBinders
        raise NotImplementedError

    def _derived_fits(self, text: str, start: int, before: str, kind: FigureKind, stated: float, qualifier: Qualifier,
                      tol: float) -> bool:
        """A sum or difference the writer computed from figures the paragraph states before it."""
        clauses = re.split(r"[，,；;。]", before)
        own = clauses[-1] + shown_prefix(text, start)
        if len(clauses) > 1 and own.lstrip().startswith("占"):
            own = clauses[-2] + own  # 三笔交易合计624.15亿元，占全球的33.6%: the share sums too
        # 两者相差: the difference word decides (两者 alone would read as a sum), unless a sum word
        # comes after it (显著高于国外前三家合计的40次); 前三家合计，国内40次: the sum carries over.
        share = re.search(r"占(全球|国内|国外|海外)?[^，,；;。\d]{0,8}?(\d+(?:\.\d+)?)%[）)]?\s*[，,（(—]\s*(?:即|也就是|相当于|折合)?约?$", before)
        whole = self.facts.get(f"{REGION_WORDS.get(share.group(1) or '全球', 'global')}.amount") if share else None
        if kind == FigureKind.AMOUNT and share and whole is not None:
            # 合计占全球融资金额的63.2%，即约1,172亿元: the share, told as money of the whole
            value = float(share.group(2)) / 100 * float(whole.value)
            slack = 0.5 * 10 ** -len((share.group(2).split(".") + [""])[1]) / 100 * float(whole.value)
            if fits(value, stated, "approx" if qualifier == "eq" else qualifier, tol + slack, abs(stated) * 0.1):
                return True
        differs, sums = DIFFERENCE_RE.search(own), SUM_RE.search(own)
        how = "difference" if differs and not (sums and sums.start() > differs.start()) else "sum" if sums else None
        if how is None and len(clauses) > 1 and re.search(r"(合计|加起来|共计|总计|之和)$", clauses[-2].strip()):
            how = "sum"
        if how is None or kind not in (FigureKind.AMOUNT, FigureKind.SHARE, FigureKind.COUNT):
            return False
        # An exact figure may sum figures stated anywhere shortly before (三笔合计… after a list);
        # a bound (过半, 超过X) only figures of its own statement, or it would pass too easily.
        exact = qualifier in ("eq", "approx")
        window = text[max(0, start - 600):start] if exact else re.split(r"[；;。\n]", before)[-1]
        figures = stated_figures(window, kind)
        threshold = self.facts.get("global.mega_threshold")
        after = text[start:].split("。", 1)[0]
        if kind == FigureKind.AMOUNT and threshold is not None and re.search(r"门槛|超大额|这一档|不低于\d", before[before.rfind("。") + 1:] + after):
            figures.append(float(threshold.value))  # 距门槛仅差1.20亿元 / 差约1.2亿元未能跨过门槛: the threshold is an operand
            if how == "difference":  # (「长河智能7号」差约1.2亿元: the named deal is the other, stated or not)
                figures += self._named_facts_in(re.split(r"[；;。\n]", before)[-1], "amount", self.deal_by_name)[-1:]
        if qualifier not in ("eq", "approx", "near"):
            # 两笔合计超过110亿元: a bound is tested against the sum of its own statement's figures only
            # (多了460多亿元 after 从1,392.36亿元涨到1,855.00亿元: a difference of them)
            own_figures = stated_figures(re.split(r"[；;。\n]", before)[-1], kind)
            month_change = self._month_changes(before, kind) if how == "difference" else []
            if len(own_figures) < 2 and not month_change:
                return False
            bounded = [sum(own_figures)] if how == "sum" else derived_values(own_figures, "difference") + month_change
            return any(fits(v, stated, qualifier, tol, abs(stated) * 0.1) for v in bounded)
        slack = 0.011 if kind == FigureKind.AMOUNT else 0.11 if kind == FigureKind.SHARE else 0.0
        lenient = "approx" if qualifier == "eq" else qualifier
        if how == "sum":
            values = [sum(figures[-k:]) for k in range(2, 9) if len(figures) >= k]  # up to a top-8 list
            ranked = re.search(r"前(\d+|[两二三四五六七八九十])大?(?:笔)?交易", own)
            deals = self.facts.value("deals.global.top") or []
            if ranked and deals and kind in (FigureKind.AMOUNT, FigureKind.SHARE):  # 前三大交易合计近160亿元
                n = rank_number(ranked.group(1))
                top = deals[:n]
                values.append(sum(d["amount_cny_yi"] for d in top) if kind == FigureKind.AMOUNT else
                              sum(float(self.facts.value(d["fact_id"] + "_share") or 0) for d in top))
            if kind in (FigureKind.AMOUNT, FigureKind.SHARE):
                named = self._named_facts_in(window, "amount" if kind == FigureKind.AMOUNT else "amount_share", self.deal_by_name)
            else:
                named = self._named_facts_in(window, "deals", self.investor_by_name)
            values += derived_values(named, "sum")
            if kind == FigureKind.SHARE:  # 国内与日本合计占全球金额的77.1% / 美国以外…合计只占约12.0%
                scopes = sentence_scopes(re.split(r"[；;。\n]", before)[-1], self.facts, self.name_facts)
                for metric in ("amount_share", "events_share"):
                    shares = [float(f.value) for sc in scopes if (f := self.facts.get(f"{sc}.{metric}")) is not None]
                    values += [sum(shares)] if len(shares) >= 2 else []
                    values += [100.0 - v for v in shares] if re.search(r"以外|之外|除", own) else []
        else:
            values = derived_values(figures, how)
            statement = re.split(r"[；;。\n]", before)[-1]
            pair = self._named_facts_in(statement, "deals", self.investor_by_name) if kind == FigureKind.COUNT else \
                self._named_facts_in(statement, "amount", self.deal_by_name) if kind == FigureKind.AMOUNT else []
            if len(pair) == 2 and re.search(r"比|相差|之差|差距|差额|领先|落后|高出|多出", own) \
                    and not scope_of_clause(own, self.facts):  # (比国内全月融资总额还多出: 国内 is the other side)
                # 「远澜资本」出手比「Northgate Ventures」多: only the difference of the two named
                return fits(abs(pair[0] - pair[1]), stated, lenient, tol + slack, abs(stated) * 0.1)
        if how == "difference" and kind in (FigureKind.AMOUNT, FigureKind.COUNT):
            metric = "amount" if kind == FigureKind.AMOUNT else "events"
            scopes = sentence_scopes(before, self.facts, self.name_facts)
            values += self._month_changes(before, kind)
            for m in ("avg_amount", "median_amount", metric):
                same = [float(f.value) for sc in scopes if (f := self.facts.get(f"{sc}.{m}")) is not None]
                values += derived_values(same, "difference")
            other = re.search(r"(?:比|较|相比|高于|低于)(国内|国外|海外|全球)", own)
            if other:  # 平均单笔5.94亿元，比国外高出约2亿元: a figure of the statement against the other region's
                region = REGION_WORDS[other.group(1)]
                stated_here = stated_figures(re.split(r"[；;。\n]", before)[-1], kind)
                for m in ("avg_amount", "median_amount", metric):
                    if (f := self.facts.get(f"{region}.{m}")) is not None:
                        values += [abs(x - float(f.value)) for x in stated_here]
        return any(fits(v, stated, lenient, tol + slack, abs(stated) * 0.1) for v in values)

    def _month_changes(self, before: str, kind: FigureKind, label: str = "") -> list[float]:
        """比9月多出330多亿元: how much the subjects the sentence names changed since last month
        (a sentence that names none, under a line label such as **国外市场**：, the label's)."""
        if kind not in (FigureKind.AMOUNT, FigureKind.COUNT):
            return []
        metric = "amount" if kind == FigureKind.AMOUNT else "events"
        scopes = sentence_scopes(before, self.facts, self.name_facts)
        if scopes == {"global"} and "全球" not in sentence_of(before) and label and (labelled := scope_of_clause(label, self.facts)):
            scopes = {labelled}
        changes = (self._change(scope, metric) for scope in sorted(scopes))
        return [abs(c) for c in changes if c is not None]

    def _change(self, scope: str, metric: str) -> float | None:
        """This month's ``metric`` of ``scope`` less last month's, or None when either is missing."""
        now, prev = self.facts.get(f"{scope}.{metric}"), self.facts.get(f"{scope}.prev_{metric}")
        return float(now.value) - float(prev.value) if now is not None and prev is not None else None

    def _bind_derived(self, text: str, raw: RawMention, qualifier: Qualifier, tol: float, add: Add, kind: FigureKind) -> None:
        before, after, label = self._context(text, raw.start, raw.end)
        if re.match(r"\s*(?:两者|二者|前者|后者)", sentence_of(before)) and not find_mentions(sentence_of(before)):
            # 两者在金额占比上相差68.2个百分点: the two are the figures of the sentence before
            opened = raw.start - len(sentence_of(before))
            before = text[text.rfind("。", 0, max(opened - 1, 0)) + 1:opened] + before
        shown = raw.text
        absent = NOT_IN_DATA_RE.search(re.split(r"[，,；;。]", before)[-1])
        if absent:  # 平均估值倍数约为12倍
            add(raw.start, raw.end, raw.value, raw.unit, qualifier, None, Verdict.UNSUPPORTED, f"数据中没有“{absent.group(0)}”一类数字")
            return
        if kind == FigureKind.TIMES and re.search(r"(?:多出|高出|超出|多了|快了?|高了)了?(?:约|近)?$", before):
            # 21次比10次多出一倍有余: what is added is one times less than the ratio
            raw = dataclasses.replace(raw, value=raw.value + 1, high=None if raw.high is None else raw.high + 1)
        if kind == FigureKind.POINTS and _RANK_WINDOW_RE.search(sentence_of(before)):
            # 剔除前5笔后，第6至10笔仍贡献约17.7个百分点: the window's share of the month, in points
            self._bind_share(text, raw.start, raw.end, raw.value, qualifier, tol, raw.value * 0.1, add, unit="个百分点")
            return
        facts_unit = "pp" if kind == FigureKind.POINTS else "倍"
        pool = self._candidates((facts_unit,), None)
        # A difference in 个百分点 is shown without its sign (fmt_points).
        match = next((f for f in pool if fits(abs(f.value) if kind == FigureKind.POINTS else f.value, raw.value, qualifier, tol,
                                              raw.value * 0.1)), None)
        if match:
            sides = re.fullmatch(r"(domestic|overseas)\.avg_vs_(domestic|overseas)", match.id)
            said = re.search(r"(国内|国外|海外|境外)[^，,；;。—\d]{0,12}?(?:是|为|约为|约是|相当于|达到?)[^，,；;。—\d]{0,6}?(国内|国外|海外|境外)的?"
                             r"[^，,；;。—\d]{0,4}$", before)
            if sides and said and (REGION_WORDS[said.group(1)], REGION_WORDS[said.group(2)]) == (sides.group(2), sides.group(1)):
                # 国内平均单笔金额是国外的27.4倍: the ratio is the other way round (no figure to dictate)
                add(raw.start, raw.end, raw.value, raw.unit, qualifier, None, Verdict.WRONG, f"{match.label}为{match.display}，文中说反了")
                return
            add(raw.start, raw.end, raw.value, raw.unit, qualifier, match.id, Verdict.OK, "")
            return
        # Recompute from the figures stated earlier in the same sentence, then from any two
        # figures of the paragraph or facts of the subjects the sentence names.
        values = _pp_or_ratio_inputs(find_mentions(before), kind)
        if kind == FigureKind.POINTS and (top := _TOP_SHARE_NAMED_RE.search(sentence_of(before))) is not None \
                and (share := self.facts.get(f"global.top{rank_number(top.group(1))}_share")) is not None:
            values.append((FigureKind.SHARE, float(share.value)))  # 占63.2%，较前五大交易的占比高出17.7个百分点
        lenient = "approx" if qualifier == "eq" else qualifier  # figures already rounded once: a band

        def close(v: float | None, slack: float = 0.0) -> bool:
            return v is not None and fits(v, raw.value, lenient, tol + 0.05 + slack, raw.value * 0.1)

        how = "difference" if kind == FigureKind.POINTS else "ratio"
        derived = None
        last_class = [v for c, v in values if c == values[-1][0]] if values else []
        spread = 0.0
        if len(last_class) >= 2:
            a, b = last_class[-2], last_class[-1]
            derived = abs(a - b) if kind == FigureKind.POINTS else (max(a, b) / min(a, b) if min(a, b) > 0 else None)
            if derived is not None and kind == FigureKind.TIMES:
                # 71.7% / 3.5% may be 20.2 at full precision: the ratio is as loose as its rounded inputs
                spread = derived * sum(_half_step(m) / m.value for m in _last_two(before, values[-1][0]) if m.value)
        in_sentence = [v for cls in {c for c, _ in values} for v in derived_values([x for c, x in values if c == cls], how)]
        block_start = max(text.rfind("\n\n", 0, raw.start), raw.start - 600, 0)
        wider = _pp_or_ratio_inputs(find_mentions(text[block_start:raw.start]), kind)
        candidates = derived_values(self._sentence_fact_values(before + after.split("。", 1)[0], kind), how)
        if not candidates or kind == FigureKind.TIMES:  # a ratio may also be of two figures the paragraph states
            candidates += [v for cls in {c for c, _ in wider} for v in derived_values([x for c, x in wider if c == cls], how)]
        # Beyond its own sentence, a figure is a difference only if its clause says so (相差, 高出…).
        own = re.split(r"[，,；;。]", before)[-1]
        says_difference = kind == FigureKind.TIMES or bool(DIFFERENCE_RE.search(own) or re.search(r"扣除|除去|去掉|剩余|剩下|其余", sentence_of(before)))
        # 国外融资金额占比较美国高出4.4个百分点: the two subjects the own clause names decide, even
        # when other shares were stated earlier in the sentence.
        own_pair = derived_values(self._sentence_fact_values(own + re.split(r"[，,；;。]", after, maxsplit=1)[0], kind), how) \
            if says_difference and kind == FigureKind.POINTS else []
        named_ratios = self._named_ratios(before) if kind == FigureKind.TIMES else []
        if named_ratios:
            candidates = named_ratios  # the statement names both subjects and the metric: only their ratio
        share_over = self._share_over_named(before) if kind == FigureKind.TIMES else []
        if share_over:
            candidates = []  # the own clause named the other side: not any two facts of the sentence
        over_named = self._stated_over_named(text, raw.start, before) + share_over if kind == FigureKind.TIMES else []
        if named_ratios and sum(1 for name in self.investor_by_name if name in own) + sum(1 for name in self.deal_by_name if name in own) >= 2:
            # the own clause names both sides (「A」出手次数是「B」的1.8倍): only their ratio
            derived, in_sentence, over_named, own_pair = None, [], [], []
        derived_close = close(derived, spread)
        if kind == FigureKind.POINTS and derived is not None:
            # 72.1% and 7.6% stated: their difference is 64.45 at full precision, so 64.5 (or the
            # displayed figures' own 64.5) is right and 64.6 is not, although both are within
            # the displayed figures' rounding.
            exact = [v for v in derived_values(self._sentence_fact_values(before + after.split("。", 1)[0], kind), how)
                     if abs(v - derived) <= 0.11]
            if exact:
                # (近19个百分点 for 18.9: a bound keeps its own band; only the rounding is strict)
                band = 0.0 if qualifier in ("eq", "approx") else raw.value * 0.1
                strict = fits(derived, raw.value, lenient, tol, band) or any(fits(v, raw.value, lenient, tol, band) for v in exact)
                in_sentence = [v for v in in_sentence if v != derived] if not strict else in_sentence
                derived_close = strict
        if derived_close or any(close(v) for v in in_sentence + named_ratios + over_named + own_pair) or (
                len(last_class) < 2 and says_difference and any(close(v) for v in candidates)):
            add(raw.start, raw.end, raw.value, raw.unit, qualifier, None, Verdict.OK, "recomputed from the paragraph's figures",
                BoundBy.RECOMPUTED)
            return
        if named_ratios:  # the statement names both sides: their ratio is what the figure should be
            ratio = named_ratios[0]  # the statement's own direction: its first subject over the other
            add(raw.start, raw.end, raw.value, raw.unit, qualifier, None, Verdict.WRONG, f"按数据计算应为{fmt_ratio(ratio)}，文中写{shown}")
            return
        if derived is not None:
            add(raw.start, raw.end, raw.value, raw.unit, qualifier, None, Verdict.WRONG,
                f"按文中数字计算应为{fmt_points(derived) if kind == FigureKind.POINTS else fmt_ratio(derived)}，文中写{shown}")
            return
        add(raw.start, raw.end, raw.value, raw.unit, qualifier, None, Verdict.UNSUPPORTED, f"数据和文中数字都得不出{shown}")

    def _sentence_fact_values(self, whole: str, kind: FigureKind) -> list[float]:
        """Shares (for 个百分点) or amounts and shares (for 倍) of the subjects a sentence names."""
        scopes = sentence_scopes(whole, self.facts, self.name_facts)
        ranked = [f"global.top{n}_share" for n in re.findall(r"前(\d+)笔|CR(\d{1,2})", whole) for n in n if n]
        if re.search(r"超大额|门槛|不低于\d", whole):
            ranked.append("global.mega_amount_share")
        extra = [float(f.value) for fid in ranked if (f := self.facts.get(fid)) is not None]
        metrics: tuple[str, ...] = ("events_share", "amount_share") if kind == FigureKind.POINTS else (
            "amount", "avg_amount", "amount_share", "events_share", "events")
        if kind == FigureKind.POINTS and re.search(r"环比|增速|增幅|涨幅|增长", whole):
            metrics += ("mom_amount", "mom_events")  # 国内环比增长88.0%，比全球增速高出17.5个百分点
        return extra + [float(f.value) for f in self.facts.facts.values()
                        if f.scope in scopes and f.metric in metrics and isinstance(f.value, (int, float))]

