"""Ratios a writer states: 倍, fractions (四分之一) and 一半 of another figure, between the two
subjects, deals or investors a statement names, a figure and the subject its clause compares
it with, or a deal and a rank of the ranking."""

from __future__ import annotations

import re

from ..model import MonthFacts
from .clauses import LAYER_WORDS, REGION_WORDS, region_named, scope_of_clause
from .context import SentenceContext
from .meaning import derived_values, sentence_scopes, stated_figures
from .reading import AMOUNT_UNITS, RawMention, find_mentions, rank_number, scale_of
from .report import Add, BoundBy, FigureKind, Qualifier, Verdict


def _pp_or_ratio_inputs(mentions: list[RawMention], kind: FigureKind) -> list[tuple[FigureKind, float]]:
    """(class, value) pairs a difference in 个百分点 (shares) or a ratio in 倍 (amounts, shares,
    counts: each only with its own class) is computed from."""
    out = []
    for m in mentions:
        if m.high is not None or not m.arabic:
            continue
        if m.unit == "%":
            out.append((FigureKind.SHARE, m.value))
        elif kind == FigureKind.TIMES and m.unit in AMOUNT_UNITS:
            out.append((FigureKind.AMOUNT, m.value * scale_of(m)))
        elif kind == FigureKind.TIMES and m.unit in ("起", "次", "笔"):
            out.append((FigureKind.COUNT, m.value))
    return out


def sentence_of(before: str) -> str:
    """The part of ``before`` in the figure's own sentence."""
    return re.split(r"[。！？\n]", before)[-1]


# 约为应用层融资金额329.17亿元的四分之一 / 不及基础层的一半: a fraction of another figure, not a share of a whole.
_OF_ANOTHER_RE = re.compile(r"(?:是|为|约为|约是|相当于|仅为|只有|不到|不足|只及|仅及|不及|约)[^，,；;。占]{1,40}的$")
_BELOW_ANOTHER_RE = re.compile(r"(?:不到|不足|不及)[^，,；;。占]{1,40}的$")


def fraction_of_another(before: str, qualifier: Qualifier) -> Qualifier | None:
    """The qualifier of a fraction (四分之一, 一半) stated of another figure, or None when the
    words before it do not compare it with another figure (不及…的 is below the fraction)."""
    if not _OF_ANOTHER_RE.search(before):
        return None
    return "lt" if _BELOW_ANOTHER_RE.search(before) and qualifier in ("eq", "approx") else qualifier


# 最大一笔也仅为全球第一大交易313.80亿元的约6.9% / 约占国内融资金额563.98亿元的33.8%: a percent of the
# figure right before 的, with the statement's previous figure of the same kind over it.
_PERCENT_OF_FIGURE_RE = re.compile(r"(?:为|是|相当于|只有|仅有|仅为|约为|约是|不到|不足|占|约占)[^，,；;。%\d]{0,16}?"
                                   r"(?P<num>\d[\d,.]*\s*(?:亿元|万元|起|次|笔))的(?:约|近|不到|不足|仅|大约|将近|接近)?$")


def percent_of_stated_figure(before: str) -> list[float]:
    """The percents a writer may mean by …为B的X%: the statement's earlier figures of B's kind over
    B (none when the words before the percent do not say that)."""
    m = _PERCENT_OF_FIGURE_RE.search(re.split(r"[；;。！？\n]", before)[-1])
    if m is None:
        return []
    whole = find_mentions(m.group("num"))
    if len(whole) != 1 or not whole[0].value:
        return []
    kind = FigureKind.AMOUNT if whole[0].unit in AMOUNT_UNITS else FigureKind.COUNT
    denominator = stated_figures(m.group("num"), kind)
    earlier = stated_figures(re.split(r"[；;。！？\n]", before)[-1][:m.start("num")], kind)
    return [part / denominator[0] * 100 for part in earlier[-3:]] if denominator and denominator[0] else []


# 金额增速约为事件数增速的: a ratio of two changes of one subject
_TWO_GROWTHS_RE = re.compile(r"(金额|事件数?|融资额|笔数)的?(?:环比)?(?:增速|增幅|涨幅)[^，,；;。]*?(金额|事件数?|融资额|笔数)的?(?:环比)?(?:增速|增幅|涨幅)的?$")


class RatioReaders(SentenceContext):
    """The ratios a statement names, mixed into :class:`~narrator.check.derived.Recomputing`."""

    facts: MonthFacts
    name_facts: dict[str, list[str]]
    deal_by_name: dict[str, list[str]]
    investor_by_name: dict[str, list[str]]

    def _named_facts_in(self, window: str, metric: str, names: dict[str, list[str]]) -> list[float]:
        """Values of ``metric`` for the deals (or investors) named in ``window``, in the order they are named."""
        found = [(window.rfind(name), name, fids) for name, fids in names.items() if name in window]
        # (长河智能 inside 长河智能7号 is not a second name)
        hits = sorted((at, fids) for at, name, fids in found
                      if not any(other != name and name in other and at0 <= at < at0 + len(other) for at0, other, _ in found))
        out = []
        for _, fids in hits:
            fact = self.facts.get(f"{fids[0].rsplit('.', 1)[0]}.{metric}")
            if fact is not None:
                out.append(float(fact.value))
        return out

    def _fraction_ratio(self, text: str, raw: RawMention, qualifier: Qualifier, before: str, add: Add) -> bool:
        """约为应用层融资金额329.17亿元的四分之一: a fraction as the ratio of two figures of the
        sentence (of one class) or of the two subjects it names, within a tenth of the fraction.
        True when judged; False when the sentence gives nothing to compute it from."""
        inputs = _pp_or_ratio_inputs(find_mentions(sentence_of(before)), FigureKind.TIMES)
        ratios = [v for cls in {c for c, _ in inputs} for v in derived_values([x for c, x in inputs if c == cls], "ratio")]
        ratios += self._named_ratios(before)
        if not ratios:  # - 模型层：金额10.3%，约为应用层的四分之一: the named subjects' facts of one measure
            for metric in ("amount_share", "events_share", "amount", "events"):
                same = [float(f.value) for sc in sorted(sentence_scopes(sentence_of(before), self.facts, self.name_facts))
                        if sc != "global" and (f := self.facts.get(f"{sc}.{metric}")) is not None]
                ratios += derived_values(same, "ratio") if len(same) == 2 else []
        if not ratios:
            return False
        fraction = raw.value / 100
        low, high = {"near": (0.85, 1.0), "lt": (0.0, 1.0), "gt": (1.0, 9.9), "more": (1.0, 1.2)}.get(qualifier, (0.9, 1.1))
        ok = any(low * fraction <= r <= high * fraction + 1e-9 for r in ratios)
        add(raw.start, raw.end, raw.value, "%", qualifier, None, Verdict.OK if ok else Verdict.WRONG,
            "recomputed from the paragraph's figures" if ok else f"文中两数之比得不出{raw.text}", BoundBy.RECOMPUTED if ok else BoundBy.NONE)
        return True

    def _named_ratios(self, before: str) -> list[float]:
        """国内融资金额约为国外的2.3倍 / 国内的钱比国外多，是国外的: the ratio of one metric of the two
        subjects the statement names (own clause and the one before it), either way round."""
        clauses = re.split(r"[，,；;。]", before)
        statement = "".join(clauses[-2:])
        # 远澜资本的出手次数是Northgate Ventures的: two named investors (or deals) of the statement
        ranked = re.search(r"第([二三四五六七八九十]|\d{1,2})(?:名|大|笔|位)", clauses[-1])
        named_deal = self._named_facts_in(statement, "amount", self.deal_by_name)
        deals = self.facts.value("deals.global.top") or []
        rank_re = r"第([一二三四五六七八九十]|\d{1,2})(?:大|名|笔|位)"
        ranks = [rank_number(r) for r in re.findall(rank_re, clauses[-1])]
        if len(ranks) != 2:  # (与第一名仍有相当距离，第一名的金额约为第二名的: the own clause's two ranks)
            ranks = [rank_number(r) for r in re.findall(rank_re, statement)]
        if len(ranks) == 2 and not named_deal and max(ranks) <= len(deals) and ranks[0] != ranks[1] \
                and re.search(r"交易|笔|单|金额", statement) and not re.search(r"出手|次|机构", statement):
            # 第1大交易的金额约为第5大交易的3倍 / 第一名的金额约为第二名的1.8倍: two deals of the ranking
            a, b = (float(deals[r - 1]["amount_cny_yi"]) for r in ranks)
            if a > 0 and b > 0:
                return [a / b, b / a]
        if len(ranks) == 2 and ranks[0] != ranks[1] and re.search(r"出手|次|机构", statement) and not named_deal:
            # 第一名的出手次数是第二名的2.1倍: two investors of a ranking (the region's, if one is named)
            regions = [r for w, r in (("国内", "domestic"), ("国外", "overseas"), ("海外", "overseas")) if w in before] or ["domestic", "overseas"]
            out = []
            for region in dict.fromkeys(regions):
                top = self.facts.value(f"investors.{region}.top") or []
                if max(ranks) <= len(top) and all(int(top[r - 1]["deals"]) > 0 for r in ranks):
                    a, b = (float(top[r - 1]["deals"]) for r in ranks)
                    out += [a / b, b / a]
            if out:
                return out
        growth = _TWO_GROWTHS_RE.search(clauses[-1])
        if growth:
            # 金额增速约为事件数增速的2.3倍: the two month-on-month changes of the subject
            region = region_named(re.split(r"[；;。]", before)[-1])
            moves = [self.facts.get(f"{region}.mom_{'events' if '事件' in w else 'amount'}") for w in growth.groups()]
            rates = [float(f.value) for f in moves if f is not None]
            if len(rates) == 2 and min(abs(v) for v in rates) > 0:
                return [rates[0] / rates[1], rates[1] / rates[0]]
        investor_ids = [fid for name, fids in self.investor_by_name.items() if name in clauses[-1] for fid in fids
                        if fid.startswith("investor.")]
        if ranked and len(investor_ids) == 1:
            # Northgate Ventures的出手次数是第二名的2.1倍: the named investor against that rank of its own ranking
            top = self.facts.value(f"investors.{investor_ids[0].split('.')[1]}.top") or []
            own, rank = self.facts.get(investor_ids[0]), rank_number(ranked.group(1))
            # (是第二名「Keystone Park Partners」的两倍多: a name after the rank is the rank itself)
            if own is not None and rank <= len(top) and float(top[rank - 1]["deals"]) > 0 and float(own.value) > 0 \
                    and not re.search(rf"第{ranked.group(1)}(?:名|位)\W{{0,2}}{re.escape(str(top[rank - 1]['investor']))}", clauses[-1]):
                other = float(top[rank - 1]["deals"])
                return [float(own.value) / other, other / float(own.value)]
        if ranked and len(named_deal) == 1 and rank_number(ranked.group(1)) <= len(deals):
            # 「Zephyrpath Labs」单笔金额约为第2名的1.76倍: the named deal against the deal of that rank
            other = float(deals[rank_number(ranked.group(1)) - 1]["amount_cny_yi"])
            if other > 0 and named_deal[0] > 0 and abs(other - named_deal[0]) > 1e-6:  # (第二名「X」: X is the rank)
                return [named_deal[0] / other, other / named_deal[0]]
        for words in (clauses[-1], statement, re.split(r"[；;。]", before)[-1]):  # (the own clause's two names first)
            for metric, names in (("deals", self.investor_by_name), ("amount", self.deal_by_name)):
                pair = self._named_facts_in(words, metric, names)
                if len(pair) == 2 and min(pair) > 0:
                    return [pair[0] / pair[1], pair[1] / pair[0]]
        if sum(1 for name in self.deal_by_name if name in statement) == 1 or (
                re.search(r"一笔|这笔|该笔", clauses[-1]) and any(name in before for name in self.deal_by_name)):
            return []  # 「Z」…，一笔交易的规模即超过国内全月融资总额的两倍: the deal against a whole, not two regions
        region_of = {"海外": "overseas", "国外": "overseas", "国内": "domestic", "全球": "global"}
        # 占全球资金的70.1%，约为国外的2.3倍: a share's base (占全球) is not a side of the ratio
        bases_out = re.sub(r"占(?:全球|国内|国外|海外)", "占", statement)
        scopes = list(dict.fromkeys(region_of[m.group(0)] for m in re.finditer(r"国内|国外|海外|全球", bases_out)))
        layers = sorted((w for w in LAYER_WORDS if w in clauses[-1]), key=clauses[-1].index)
        if len(scopes) < 2 and len(layers) == 2:
            scopes = [f"layer.{w}" for w in layers]  # 应用层的融资金额是模型层的4.0倍: the two layers
        if len(scopes) == 1:  # - **国内市场**：…，金额约为国外的2.3倍: the other side is the sentence's subject
            first = re.search(r"国内|国外|海外", re.split(r"[。！？\n]", before)[-1])
            if first and region_of[first.group(0)] not in scopes:
                scopes.insert(0, region_of[first.group(0)])
        if len(scopes) != 2:
            return []

        def measure_of(words: str) -> str | None:
            if re.search(r"总额|全月|整月|全部|总量|总盘子", words):
                return "amount"  # 一笔交易的规模即超过国内全月融资总额的两倍: the whole month's money
            return "avg_amount" if re.search(r"平均|单笔|每笔|一笔", words) else "events" if re.search(
                r"事件|项目|笔数|数量", words) else "amount" if re.search(r"金额|资金|钱|融资额|规模", words) else None
        measure = measure_of(clauses[-1]) or measure_of(statement)  # the own clause's word decides
        values = [self.facts.get(f"{s}.{measure}") for s in scopes] if measure else []
        numbers = [float(f.value) for f in values if f is not None and isinstance(f.value, (int, float))]
        if len(numbers) != 2 or min(numbers) <= 0:
            return []
        return [numbers[0] / numbers[1], numbers[1] / numbers[0]]

    def _stated_over_named(self, text: str, start: int, before: str, measure: str | None = None) -> list[float]:
        """美国1,631.80亿元…，相当于国内全月融资额的11.6倍: amounts stated in this sentence or the one
        before, over the measure (from the clause, unless given) of the subject the own clause names."""
        own = re.split(r"[，,；;]", before)[-1]
        regions = re.findall(r"国内|国外|海外|全球", own)
        # (超过国内全月融资总额的两倍: the region after 超过 is the other side, not a denominator)
        scope = scope_of_clause(own, self.facts) or (REGION_WORDS[regions[-1]] if regions else None)
        whole_month = re.search(r"总额|全月|整月|全部|总量|总盘子", own)  # 一笔…是国内全月融资总额的2.2倍: the whole
        def measure_in(words: str) -> str | None:
            return "avg_amount" if re.search(r"平均|单笔|每笔|一笔", words) else "amount" if re.search(
                r"金额|资金|钱|融资额|融资总额|全月融资|规模", words) else None
        # (若只看美国，平均单笔约38.85亿元，是国内的46倍有余: the statement's measure when the clause names none)
        measure = measure or ("amount" if whole_month else measure_in(own) or measure_in(re.split(r"[；;。]", before)[-1]))
        fact = self.facts.get(f"{scope}.{measure}") if scope and measure else None
        if fact is None or not isinstance(fact.value, (int, float)) or fact.value <= 0:
            return []
        window = text[max(text.rfind("。", 0, max(0, text.rfind("。", 0, start))), 0):start]
        # (the subject's own figure, stated in the sentence, is not a ratio to itself)
        return [a / float(fact.value) for a in stated_figures(window, FigureKind.AMOUNT) if abs(a / float(fact.value) - 1) > 0.01]

    def _share_over_named(self, before: str) -> list[float]:
        """…贡献了56.0%的资金，约为早期金额占比的3.8倍: shares stated in the statement over the share
        (of the same measure) of the subject the own clause names."""
        own = re.split(r"[，,；;]", before)[-1]
        if not re.search(r"占比|比例|份额|比重|%|占", re.split(r"[；;。]", before)[-1]):
            return []  # (国内TOP3合计出手次数为国外的1.75倍: counts, not shares)
        other = re.search(r"(?:为|是|相当于|达到?)([^，,；;。为是]{1,16})的$", own)
        # (D轮及以后与战略/股权投资的金额占比约为早期的3.8倍: the side after 为 is the other one)
        scope = scope_of_clause(other.group(1), self.facts) if other else None
        scope = scope or scope_of_clause(own, self.facts)
        if scope is None or scope == "global":
            return []
        statement = re.split(r"[；;。]", before)[-1]
        measure = "events_share" if re.search(r"事件|项目|笔数|数量", own) or (
            not re.search(r"金额|资金|钱", own) and re.search(r"事件|项目|笔数", statement)) else "amount_share"
        fact = self.facts.get(f"{scope}.{measure}")
        if fact is None or not float(fact.value):
            return []
        stated = stated_figures(statement[:len(statement) - len(own)], FigureKind.SHARE)
        subject = scope_of_clause(own[:other.start()], self.facts) if other else None
        if not stated and subject and subject != scope and (mine := self.facts.get(f"{subject}.{measure}")) is not None:
            stated = [float(mine.value)]  # …的金额占比约为早期的3.8倍: the own clause's subject against the other
        return [x / float(fact.value) for x in stated]
