"""The checker: find every number of a text and hand it to the binder for its kind."""

from __future__ import annotations

import bisect
import dataclasses
import re
from typing import Any, Callable

from ..model import Fact, MonthFacts
from .clauses import (
    ALMOST_RE,
    CHANGE_VERB_RE,
    CLAUSE_SPLIT,
    COMPARING_RE,
    DETACHED_Q_RE,
    FIGURE_NO_RE,
    IDIOM_RE,
    SECTION_RE,
    STRUCTURAL_RE,
    sentence,
)
from .derived import NOT_IN_DATA_RE
from .meaning import PERIOD_WORD_RE, RANK_RE
from .phrases import EVERY_RE, PhraseChecks
from .reading import (
    AMOUNT_UNITS,
    COUNT_UNITS,
    DATE_RE,
    USD_UNITS,
    WORD_SHARE_RE,
    Range,
    RawMention,
    cn_tolerance,
    find_mentions,
    fold_width,
    qualifier_of,
    scale_of,
)
from .report import Add, BoundBy, CheckReport, FigureKind, Mention, Qualifier, Verdict
from .restated import formula_terms, prev_month_as_subject, restatements
from .verdicts import fits

RESTATED_RE = re.compile(r"(?:近|超过|逾|约|超)?(?:\d[\d,.]*%|[一二两三四五六七八九十]成(?:以上|左右|多)?|过半|近半|超半数|大半)[（(]$")
_MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>")
def data_names(facts: MonthFacts) -> list[str]:
    """Company and investor names in the facts' lists, longest first (names are never figures)."""
    found: set[str] = set()
    for fact in facts.facts.values():
        if fact.unit != "list" or not isinstance(fact.value, list):
            continue
        for item in fact.value:
            for key in ("company", "investor"):
                if isinstance(item.get(key), str):
                    found.add(item[key])
            for key in ("investors", "examples"):
                found.update(x for x in item.get(key) or [] if isinstance(x, str))
    return sorted((n for n in found if len(n) >= 2), key=len, reverse=True)


# What a small 个 count may count in the data (三个国家); anything else (三个集中) is a phrase.
DATA_NOUN_RE = re.compile(r"(?:国家|地区|项目|公司|企业|交易|机构|投资方|投资机构|层级|层|轮次|月)")
# （1）…；（2）… and (3): a list marker inside running text, not a figure.
ENUMERATOR_RE = re.compile(r"[（(]\d{1,2}[）)]")


class Checker(PhraseChecks):
    """Checks one text against one month of facts."""

    def __init__(self, facts: MonthFacts) -> None:
        self.facts = facts
        self.by_unit: dict[str, list[Fact]] = {}
        for fact in facts.facts.values():
            if isinstance(fact.value, (int, float)) and not isinstance(fact.value, bool):
                self.by_unit.setdefault(fact.unit, []).append(fact)
        self.month = facts.month
        self.prev_month = str(facts.value("report.prev_month")) if "report.prev_month" in facts else None
        # Named figures: a deal's amount follows its company, an investor's count its name.
        # A name may stand in several lists (an investor active at home and abroad): keep all.
        self.deal_by_name: dict[str, list[str]] = {}
        self.investor_by_name: dict[str, list[str]] = {}
        for list_id in ("deals.global.top", "deals.domestic.top", "deals.overseas.top"):
            for item in facts.value(list_id) or []:
                self.deal_by_name.setdefault(str(item["company"]), []).append(item["fact_id"])
        for list_id in ("investors.domestic.top", "investors.overseas.top"):
            for item in facts.value(list_id) or []:
                self.investor_by_name.setdefault(str(item["investor"]), []).append(item["fact_id"])
        self.name_facts = {**self.deal_by_name}
        for name, fids in self.investor_by_name.items():
            self.name_facts.setdefault(name, []).extend(fids)
        self.names = data_names(facts)
        # Markdown escapes names (公司0\\_9): a name matches with or without them.
        self._name_re = re.compile("|".join(
            "".join(("\\\\?" if ch in _MD_SPECIAL else "") + re.escape(ch) for ch in name) for name in self.names
        )) if self.names else None
        self._ctx_text: str | None = None
        self._text = ""
        self._ends: list[int] = []

    def name_spans(self, folded: str) -> list[tuple[int, int]]:
        """Spans of the data's names in ``folded`` (width-folded) text."""
        return [m.span() for m in self._name_re.finditer(folded)] if self._name_re is not None else []

    def check(self, text: str, ignore_spans: list[tuple[int, int]] | None = None) -> CheckReport:
        folded = fold_width(text)
        ignore_spans = ignore_spans or []
        report = CheckReport()
        line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        taken: list[tuple[int, int]] = []

        def line_of(pos: int) -> int:
            return bisect.bisect_right(line_starts, pos)

        def add(start: int, end: int, value: Any, unit: str, qualifier: Qualifier, fact_id: str | None, verdict: Verdict,
                reason: str, bound_by: BoundBy = BoundBy.NONE) -> None:
            if isinstance(value, Range):
                value = [value.low, value.high]
            if verdict == Verdict.OK and fact_id and bound_by == BoundBy.NONE:
                bound_by = BoundBy.CLAUSE  # dates and other figures with one possible fact
            report.mentions.append(Mention(text[start:end], start, end, line_of(start), value, unit, qualifier,
                                           fact_id, verdict, reason, bound_by))
            taken.append((start, end))

        self._text = folded
        ignored = bytearray(len(text) + 1)
        ignore_spans = ignore_spans + self.name_spans(folded)  # names are never figures: 360智脑, 长河智能7号, 资本238
        for a, b in ignore_spans:
            ignored[a:b] = b"\x01" * (b - a)
        for m in PERIOD_WORD_RE.finditer(folded):
            if not ignored[m.start()]:
                add(m.start(), m.end(), m.group(0), "period", "eq", None, Verdict.WRONG,
                    f"数据为{self.month[:4]}年{int(self.month[5:])}月单月，文中写“{m.group(0)}”")
        for m in RANK_RE.finditer(folded):
            if not ignored[m.start()]:
                self._check_rank(folded, m, add)
        for m in DATE_RE.finditer(folded):
            if ignored[m.start()]:
                continue
            self._check_date(folded, m, add)
        for m in WORD_SHARE_RE.finditer(folded):
            if not ignored[m.start()]:
                self._check_word_share(folded, m, add)
        for m in EVERY_RE.finditer(folded):
            if not ignored[m.start()] and not any(a <= m.start() < b for a, b in taken):
                self._check_every(folded, m, add)
        for m in re.finditer(r"(?:超|近|逾|约|达)?[百千万]亿(?:元|美元)", folded):
            clause = re.split(r"[，,；;。\n]", folded[:m.start()])[-1]
            if not ignored[m.start()] and (absent := NOT_IN_DATA_RE.search(clause)):
                # 投后估值超千亿元: a figure of something the data does not hold, even in words
                add(m.start(), m.end(), m.group(0), "亿元", "eq", None, Verdict.UNSUPPORTED, f"数据中没有“{absent.group(0)}”一类数字")
        covered = bytearray(len(text) + 1)  # positions already read as dates or share words
        for a, b in taken:
            covered[a:b] = b"\x01" * (b - a)
        for raw in find_mentions(text):
            if covered[raw.start] or covered[raw.end - 1]:
                continue
            self._check_number(folded, raw, add, lambda pos: bool(ignored[pos]))
        report.mentions.sort(key=lambda x: x.start)
        prev_month_as_subject(folded, report.mentions, self.facts)
        restatements(folded, report.mentions, self.facts)
        formula_terms(folded, report.mentions)
        return report

    def _check_number(self, text: str, raw: RawMention, add: Add, ignore_spans: Callable[[int], bool]) -> None:
        start, end = raw.start, raw.end
        line_start = text.rfind("\n", 0, start) + 1
        if ignore_spans(start):
            add(start, end, raw.value, raw.unit, "eq", None, Verdict.IGNORED, "part of a name")
            return
        # (GPT-4, Lab42: a model or a name; Parallax Bio48.80亿元 / 106.25亿元E轮: a sum of money next to one)
        money = raw.unit in ("元", "亿元", "万元")
        # (297起AIGC融资: a letter after a unit word is the next word, not part of the figure)
        if not money and start > 0 and re.match(r"[A-Za-z\-]", text[start - 1]) or end < len(text) and re.match(r"[A-Za-z]", text[end:end + 1]) \
                and raw.text[-1:].isdigit():
            add(start, end, raw.value, raw.unit, "eq", None, Verdict.IGNORED, "part of a name or model (e.g. GPT-4)")
            return
        line_end = text.find("\n", start)
        sec = SECTION_RE.match(text[line_start:line_end if line_end >= 0 else len(text)])
        if sec and line_start + sec.start(1) == start and not raw.unit:
            add(start, end, raw.value, "", "eq", None, Verdict.IGNORED, "section number")
            return
        if not raw.unit and ENUMERATOR_RE.match(text, max(0, start - 1)) and text[start - 1:start] in "（(":
            add(start, end, raw.value, "", "eq", None, Verdict.IGNORED, "list marker, e.g. （2）")
            return
        for fm in FIGURE_NO_RE.finditer(text, max(0, start - 3), min(len(text), end + 2)):
            if fm.start() <= start < fm.end():
                add(start, end, raw.value, "", "eq", None, Verdict.IGNORED, "figure or table number")
                return
        if not raw.arabic and raw.value == 1 and (re.search(r"(最大|最小|最高|单|其中|前)$", text[max(0, start - 4):start])
                                                   or IDIOM_RE.match(text[start:start + 6])):
            add(start, end, raw.value, raw.unit, "eq", None, Verdict.IGNORED, "idiom (最大一笔, 单一…), not a count")
            return
        if (text[start - 1:start] == "第" or re.search(r"第\d{1,2}[、和与至到~～-]$", text[max(0, start - 5):start])) and not raw.pre:
            add(start, end, raw.value, raw.unit, "eq", None, Verdict.IGNORED, "an ordinal (第2), not a figure")
            return
        if not raw.arabic and raw.value == 1 and text[start - 1:start] in tuple("这该那每同单唯统"):
            add(start, end, raw.value, raw.unit, "eq", None, Verdict.IGNORED, "这一倍数 / 同一笔: a word, not a figure")
            return
        if not raw.arabic and raw.unit in ("笔", "起") and self._top_in_region(text, raw, add):
            return
        if not raw.arabic and re.search(r"[一二两三四五六七八九十\d]+(?:天|周|个月)$", text[max(0, start - 4):start]):
            add(start, end, raw.value, raw.unit, "eq", None, Verdict.IGNORED, "两天一次: a rate, not a count")
            return
        # (国内3家机构合计出手70次: a small Arabic cardinal of investors counts the ones listed too)
        few_investors = raw.arabic and isinstance(raw.value, (int, float)) and raw.value <= 10 and (
            raw.unit == "家" and re.match(r"(?:活跃|头部|主要)?(?:机构|投资方)", text[end:])
            or raw.unit == "笔" and re.search(r"(?:这|上述|以上|这些)$", text[max(0, start - 2):start])
            and re.match(r"(?:交易)?(?:分别)?(?:是|为|包括|：|:)", text[end:]))  # 这2笔是「A」和「B」
        if (not raw.arabic or few_investors) and raw.unit in ("笔", "家", "个", "项", "起") and self._check_cardinal(text, raw, add):
            return
        if not raw.arabic and raw.unit.startswith("个") and (
                raw.value == 1 or raw.unit == "个" and raw.value <= 10 and not DATA_NOUN_RE.match(text, end)):
            # 三个集中 / 两个加起来 / 一笔顶两个国内市场: a small count of words, not of the data
            add(start, end, raw.value, raw.unit, "eq", None, Verdict.IGNORED, "a small cardinal of no data noun")
            return
        if raw.unit in ("个", "家") and not raw.arabic and STRUCTURAL_RE.match(text[end - 1:end + 3]):
            add(start, end, raw.value, raw.unit, "eq", None, Verdict.IGNORED, "structural count word")
            return
        if not raw.pre:
            loose = re.search(r"(超过|高于|多于|低于|少于|不足|不到)了$", text[max(0, start - 3):start])
            if loose:
                raw.pre = loose.group(1)
        if not raw.pre and raw.unit in ("%", "成", "分之"):
            # 不足全球的5%, 超过国内融资金额的65%: the qualifier stands before the denominator
            # (高于国外的3.95亿元 compares two amounts; it does not bound this one).
            q = DETACHED_Q_RE.search(text[max(0, start - 16):start])
            # (增速高于全球的70.5%: a speed compared; the figure is the other side's, stated exactly)
            speed = re.search(r"(?:增速|增幅|涨幅|增长率|速度)[^，,；;。\d%]{0,4}(?:高于|低于|超过)[^，,；;。\d%]{0,8}$", text[max(0, start - 20):start])
            if q and not speed and not re.match(r"\s*的?(?:整体|总体|平均|同期)?(?:增速|增幅|涨幅|增长率|水平)", text[raw.end:]):
                # (高于全球70.5%的整体增速: the figure is the comparison's base, stated exactly)
                raw.pre = q.group(1)
        if raw.pre in ("达到", "达") and re.search(r"(?:没有|没|未|尚未|并未|还没)$", text[max(0, start - 3):start]):
            raw.pre = "不到"  # 「长河智能7号」没有达到50亿元: below the figure
        if raw.pre in ("超", "超过") and text[start - 1:start] in ("反", "赶"):
            raw.pre = ""  # 金额占比反超9.6个百分点: 反超 is the verb, the figure is exact
        if raw.pre in ("", "过", "达", "达到") and ALMOST_RE.search(text[max(0, start - 12):start + len(raw.pre)]):
            raw.pre = "近"  # 差一点就跨过50亿元: the subject is a little below the figure
        qualifier: Qualifier = "range" if raw.high is not None else qualifier_of(raw)
        tol = 0.5 * 10 ** (-raw.decimals) if raw.arabic else cn_tolerance(raw.value)
        if raw.arabic and qualifier == "approx" and raw.decimals == 0 and (zeros := re.search(r"[1-9](0+)(?:\D*)$", raw.text.replace(",", ""))):
            tol = 0.5 * 10 ** len(zeros.group(1))  # 约8,300万元 for 8,340万元: rounded to the hundreds it shows
        unit = raw.unit
        if unit in ("%",):
            before, after, label = self._context(text, start, end)
            # 增长七成以上（70.5%）: a figure in brackets restates the one before it
            before = RESTATED_RE.sub("", before)
            if re.search(r"(相差|高出|低出|差距为?|差了|高了|低了)(?:[^，,；;。\d%]{0,8}?(?:占比|比重|份额))?约?$|(?<!占)比(?![重例])[^，,；;。]{1,12}?(?:高|低)(?:出|了)?约?$", before) \
                    and re.search(r"%|占比|比重|份额", before):
                add(start, end, raw.value, unit, qualifier, None, Verdict.WRONG, "两个占比之差应以“个百分点”表示，文中写%")
                return
            if self._relative_difference(text, start, end, before, raw.value, qualifier, tol + 0.05, add):
                return
            if text[max(0, start - 1):start] in ("+", "＋") and (re.search(r"环比|同比|增长|增速", sentence(before) + after)
                                                                 or COMPARING_RE.search(sentence(before))):
                self._bind_change(text, raw, qualifier, tol, add)  # 环比：全球+70.5%，国内+88.0%
                return
            labelled = re.search(r"(环比|同比)[^，,；;。]*$", before)
            if labelled and re.search(r"[：:]", labelled.group(0)) and re.search(r"占|比例|份额|比重", CLAUSE_SPLIT.split(before)[-1]):
                labelled = None  # 4）轮次结构与环比变化：D轮…占71.7%: a share under a label that mentions 环比
            if labelled or re.search(r"(?:事件数?|金额|融资额|资金|笔数)(?:环比)?(?:增长|下降|增加|减少|上涨|回落)了?约?$", before) or re.search(
                    r"(?:环比|同比)(?:增幅|增速|涨幅|变化|增长)?[：:][^；;。占]*$", before) or re.search(
                    r"(?:增幅|增速|涨幅|降幅|增长率)(?:[^，,；;。\d%]{0,6}[，,]\s*(?:达到|达|为|约为|是|高达)?约?|[^，,；;。\d%]{0,8}(?:高于|低于|快于|慢于|超过|不及)[^，,；;。\d%]{0,8})$", before) or re.match(r"的?(?:整体|总体|平均)?(?:环比|同比)?(?:增长|增幅|涨幅|增速|增长率|下降|降幅|回落)", after) or (
                    CHANGE_VERB_RE.search(before) and COMPARING_RE.search(sentence(before) + after.split("。", 1)[0])) or (
                    re.search(r"(?:快于|慢于)[^，,；;。\d%]{0,8}$", before) and re.search(r"环比|增长|增速", sentence(before))):
                # (环比增长88.0%，明显快于国外的40.0%: only a change can be faster)
                self._bind_change(text, raw, qualifier, tol, add)
                return
            self._bind_share(text, start, end, raw.value, qualifier, tol, raw.value * 0.1, add, unit="%")
            return
        if unit == "成":
            before, after, _ = self._context(text, start, end)
            # (单月大增近九成: a verb of growth right before the figure is a change all the same)
            if re.search(r"(增幅|涨幅|降幅|增长|增加|下降|多了|涨了|少了|多出)[^，,；;。]*$", before) and COMPARING_RE.search(before + after) \
                    or re.search(r"(?:大增|猛增|激增|大涨|暴增|增长了?|增加了?)(?:近|约|超过|逾|将近)?$", before):
                self._bind_change(text, raw, "approx" if qualifier == "eq" else qualifier, 5.0, add, raw.value * 10)
                return
            if self._relative_difference(text, start, end, before, raw.value * 10, "approx" if qualifier == "eq" else qualifier,
                                         5.0, add):
                return
            own = re.split(r"[，,；;。]", before)[-1]
            if re.search(r"(?:是|为|只有|仅为|仅有|相当于|约为|约是)[^，,；;。占]{0,10}的$", own) and "占" not in own \
                    and not re.search(r"(?:全球|国内|国外|海外)的?(?:资金|金额|融资额?|总额|钱)的$", own):  # 是全球资金的九成: a share
                # 国外一笔只有国内的七成左右: a ratio told in 成, not a share
                as_ratio = dataclasses.replace(raw, value=raw.value / 10, unit="倍", decimals=1)
                self._bind_derived(text, as_ratio, "approx" if qualifier == "eq" else qualifier, 0.05, add, FigureKind.TIMES)
                return
            self._bind_share(text, start, end, raw.value * 10, qualifier, 5.0 if qualifier in ("eq", "approx") else 0.0, 5.0, add, unit="成")
            return
        if unit == "分之":
            self._check_fraction(text, raw, qualifier, add)
            return
        if unit in ("个百分点", "百分点"):
            self._bind_derived(text, raw, qualifier, tol, add, FigureKind.POINTS)
            return
        if unit == "倍":
            self._bind_derived(text, raw, qualifier, tol, add, FigureKind.TIMES)
            return
        if unit in ("元", "元人民币") and raw.magnitude == 1.0 and raw.value < 10_000:
            # 全球每100元融资里，有45元多流向前5笔: a share told in yuan, not an amount of the data
            per = re.search(r"每(\d+)元[^。；;]*$", text[text.rfind("。", 0, start) + 1:start])
            if text[max(0, start - 1):start] == "每" or per is None:
                add(start, end, raw.value, unit, "eq", None, Verdict.IGNORED, "每100元: an illustration, not an amount")
                return
            share = raw.value / float(per.group(1)) * 100
            self._bind_share(text, start, end, share, qualifier, tol * 100 / float(per.group(1)), share * 0.1, add, unit="%")
            return
        if unit in AMOUNT_UNITS:
            factor = scale_of(raw)
            value_yi = raw.value * factor / 1e8
            self._bind_amount(text, raw, value_yi, qualifier, tol * factor / 1e8, add)
            return
        if unit in USD_UNITS:
            texts = {d.get("amount_text") for fid in ("deals.global.top", "deals.domestic.top", "deals.overseas.top")
                     for d in (self.facts.value(fid) or [])}
            verdict = Verdict.OK if raw.text.strip() in texts else Verdict.UNSUPPORTED
            named = self._named(text, start, self.deal_by_name)
            original = next((d.get("amount_text") for fid in ("deals.global.top", "deals.domestic.top", "deals.overseas.top")
                             for d in (self.facts.value(fid) or []) if named is not None and d.get("fact_id") == named.id), None)
            shown = re.match(r"([\d.]+)(亿美元|万美元)$", str(original or ""))
            if verdict != Verdict.OK and shown and shown.group(2) in raw.text:
                # 「Z」融资313.80亿元（约44.3亿美元）: the named deal's amount as the export gave it
                ok = fits(float(shown.group(1)), raw.value, "approx" if qualifier == "eq" else qualifier, tol, raw.value * 0.1)
                verdict = Verdict.OK if ok else Verdict.WRONG
                add(start, end, raw.value, unit, qualifier, named.id if ok and named else None, verdict,
                    "" if ok else f"{named.label if named else ''}原币金额为{original}，文中写{raw.text}")
                return
            add(start, end, raw.value, unit, qualifier, None, verdict,
                "" if verdict == Verdict.OK else "外币金额不是统计口径的数字；请写人民币金额（亿元）")
            return
        if unit in COUNT_UNITS or unit.startswith("个"):
            self._bind_count(text, raw, qualifier, tol, add)
            return
        # A bare number: supported only if it is exactly a fact's displayed figure.
        self._bind_bare(text, raw, add)

    # -- binders -------------------------------------------------------------------------
