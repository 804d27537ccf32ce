"""The checker: find every number of a text and hand it to the binder for its kind."""

from __future__ import annotations

import bisect
import dataclasses
import re
from typing import Any, Callable

from ..model import Fact, MonthFacts
from .clauses import (
    ALMOST_RE,
    BRACKET_AFTER_FIGURE_RE,
    CHANGE_VERB_RE,
    COMPARING_RE,
    DETACHED_Q_RE,
    FIGURE_NO_RE,
    IDIOM_RE,
    SECTION_RE,
    SENTENCE_END,
    STRUCTURAL_RE,
    scope_of_clause,
    sentence,
)
from .counting import Counting
from .meaning import FENBIE, PERIOD_WORD_RE, RANK_RE, respectively
from .reading import (
    AMOUNT_UNITS,
    COUNT_UNITS,
    DATE_RE,
    USD_UNITS,
    WORD_SHARE_RE,
    Range,
    RawMention,
    cn_to_number,
    cn_tolerance,
    find_mentions,
    fold_width,
    qualifier_of,
    scale_of,
)
from .report import Add, BoundBy, CheckReport, FigureKind, Mention, Qualifier, Verdict
from .restated import prev_month_as_subject, restatements
from .verdicts import fits

RESTATED_RE = re.compile(r"(?:近|超过|逾|约|超)?(?:\d[\d,.]*%|[一二两三四五六七八九十]成(?:以上|左右|多)?|过半|近半|超半数|大半)[（(]$")
_MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>")
_CN_SMALL = r"\d{1,3}|[一二两三四五六七八九十]{1,3}"
EVERY_RE = re.compile(rf"每(?P<n>{_CN_SMALL})(?:起|笔|元|块钱?|家|个|项)(?:融资|交易|项目|事件|钱|资金)?(?:中|里|当中|之中)?[，,]?\s*(?:就)?(?:大约|约)?有?"
                      rf"(?P<pre>约|逾|超过|超|近|接近|将近|不足|不到|至少)?(?P<m>{_CN_SMALL})(?:起|笔|元|块钱?|家|个|项)(?P<post>多|以上|左右)?")


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


_FIGURE = r"\d[\d,.]*\s*(?:%|亿元|万元|起|笔|次|家|个百分点)"
LIST_PREV_RE = re.compile(rf"(?:{_FIGURE}\s*[、和与及]\s*)+$")
LIST_NEXT_RE = re.compile(rf"(?:{_FIGURE})?\s*[、和与及]\s*{_FIGURE}")  # from the figure's start or end
# What a small 个 count may count in the data (三个国家); anything else (三个集中) is a phrase.
DATA_NOUN_RE = re.compile(r"(?:国家|地区|项目|公司|企业|交易|机构|投资方|投资机构|层级|层|轮次|月)")
# （1）…；（2）… and (3): a list marker inside running text, not a figure.
ENUMERATOR_RE = re.compile(r"[（(]\d{1,2}[）)]")


class Checker(Counting):
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
        if self._name_re is not None:  # names are never figures: 360智脑, 长河智能7号, 资本238
            ignore_spans = ignore_spans + [m.span() for m in self._name_re.finditer(folded)]
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
        return report

    # ----------------------------------------------------------------------------------
    def _context(self, text: str, start: int, end: int) -> tuple[str, str, str]:
        """(sentence before the figure, sentence after it, the line's label)."""
        if self._ctx_text is not text:  # sentence ends, computed once per text (keeps checking linear)
            self._ctx_text = text
            self._ends = [m.start() for m in SENTENCE_END.finditer(text)]
        i = bisect.bisect_left(self._ends, start)
        sent_start = self._ends[i - 1] + 1 if i > 0 else 0
        j = bisect.bisect_left(self._ends, end)
        sent_end = self._ends[j] if j < len(self._ends) else len(text)
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        label = line.split("：", 1)[0] if "：" in line else ""
        before = text[sent_start:start]
        opened = re.search(r"[（(]([^（）()，,；;]{0,12})$", before)
        if opened and scope_of_clause(opened.group(1), self.facts):
            # （国内事件占比72.1%，美国金额占比88.0%）: a bracket that names its own subject is a clause
            before = before[:opened.start()] + "，" + opened.group(1)
        elif re.search(r"[（(][^（）()，,；;]{0,8}$", before):
            # 国内（5.94亿元）反超国外（3.95亿元）: a bracketed figure belongs to the words right
            # before its bracket, so an earlier bracket closes a clause.
            before = re.sub(r"[）)]", "，", before)
        rewritten = respectively(before, self.names, text[end:sent_end]) if FENBIE in before or "依次" in before else None
        if rewritten is not None:
            before = rewritten
        elif LIST_NEXT_RE.match(text, end) or LIST_PREV_RE.search(before):
            # 「A」「B」「C」，同样为15次、13次和12次: a run of bare figures after as many items
            # reads as a 分别 list even when the writer leaves 分别 out.
            run = LIST_PREV_RE.search(before)
            at = run.start() if run else len(before)
            before = respectively(before[:at] + FENBIE + before[at:], self.names, text[end:sent_end]) or before
        return before, text[end:sent_end], label

    def _check_date(self, text: str, m: re.Match[str], add: Add) -> None:
        year = m.group("y") or m.group("y2")
        month = m.group("m")
        day = m.group("d")
        report_y, report_m = int(self.month[:4]), int(self.month[5:])
        before, after, _ = self._context(text, m.start(), m.end())
        if month is None:  # a year alone
            verdict = Verdict.OK if int(year) == report_y else Verdict.IGNORED
            add(m.start(), m.end(), int(year), "年", "eq", "report.month" if verdict == Verdict.OK else None, verdict,
                "" if verdict == Verdict.OK else "another year mentioned")
            return
        mm = int(month)
        yy = int(year) if year else None
        if not 1 <= mm <= 12:
            add(m.start(), m.end(), mm, "月", "eq", None, Verdict.UNSUPPORTED, f"{mm}月 is not a month")
            return
        fid, ok, reason = "report.month", False, ""
        if mm == report_m and (yy is None or yy == report_y):
            ok = True
            if day is not None:
                end_day = int(str(self.facts.value("report.period_end"))[8:10])
                ok = int(day) == end_day or not re.search(r"截至|截止", before[-6:])
                fid = "report.period_end"
                reason = "" if ok else f"数据截止日期为{self.facts.facts['report.period_end'].display}，文中写{m.group(0)}"
        elif self.prev_month and mm == int(self.prev_month[5:]) and (yy is None or yy == int(self.prev_month[:4])):
            ok = bool(COMPARING_RE.search(before + m.group(0) + after) or BRACKET_AFTER_FIGURE_RE.search(before)
                      or re.search(r"(跟|比|与|同|和)$", before)
                      and re.match(r"份?(比|相比|相较|对比|持平|的)", after)
                      or self._states_prev_figure(after))
            fid = "report.prev_month"
            reason = "" if ok else f"报告月份为{report_m}月，文中写{m.group(0)}且未说明是比较"
        else:
            reason = f"报告月份为{report_y}年{report_m}月，文中写{m.group(0)}"
        add(m.start(), m.end(), m.group(0), "date", "eq", fid, Verdict.OK if ok else Verdict.WRONG, reason)

    def _states_prev_figure(self, after: str) -> bool:
        """10月国内融资金额为104.69亿元: the previous month named with a figure of its own, which is
        a true previous-month fact (a report-month figure under 10月 is a wrong period)."""
        clause = re.split(r"[，；;。]|,(?!\d)", after, maxsplit=1)[0]
        first = next(iter(find_mentions(clause)), None)
        if first is None or not first.unit or len(clause[:first.start]) > 16:
            return False
        shown = clause[first.start:first.end].lstrip("约近超逾共达")
        return any(f.metric.startswith("prev_") and f.display == shown for f in self.facts.facts.values())

    def _check_word_share(self, text: str, m: re.Match[str], add: Add) -> None:
        word, pre = m.group("word"), m.group("pre") or ""
        bounds: dict[str, tuple[Qualifier, float]] = {"过半": ("gt", 50.0), "超半数": ("gt", 50.0), "半数以上": ("gt", 50.0), "大半": ("gt", 50.0),
                  "近半": ("near", 50.0), "一半": ("approx", 50.0), "半数": ("approx", 50.0),
                  "个位数": ("lt", 10.0), "两位数": ("ge", 10.0)}
        qualifier, stated = bounds[word]
        if pre in ("超", "超过", "逾"):
            qualifier = "gt"
        elif pre in ("近", "接近", "将近", "几乎"):
            qualifier = "near"
        elif pre in ("不足", "不到"):
            qualifier = "lt"
        self._bind_share(text, m.start(), m.end(), stated, qualifier, 5.0, 5.0, add, unit="%")

    def _relative_difference(self, text: str, start: int, end: int, before: str, stated: float, qualifier: Qualifier,
                             tol: float, add: Add) -> bool:
        """国内平均单笔约高出50% / 国内反超海外五成: how much one figure exceeds another, in percent of
        the smaller; recomputed from the two subjects the statement names, or the last two amounts
        it states. True when the figure was read so (and judged)."""
        if not re.search(r"(?:高出|多出|高了|多了|超出|反超|领先)[^，,；;。\d]{0,8}?约?$", before):
            return False
        ratios = [r for r in self._named_ratios(before) if r > 1]
        stated_amounts = [m.value * scale_of(m) for m in find_mentions(sentence(before)) if m.unit in AMOUNT_UNITS]
        if len(stated_amounts) >= 2 and min(stated_amounts[-2:]) > 0:
            ratios.append(max(stated_amounts[-2:]) / min(stated_amounts[-2:]))
        if not ratios:
            return False
        ok = any(fits((r - 1) * 100, stated, "approx" if qualifier == "eq" else qualifier, tol + (r - 1) * 2, stated * 0.1)
                 for r in ratios)
        add(start, end, stated, "%", qualifier, None, Verdict.OK if ok else Verdict.WRONG,
            "" if ok else f"按数据，高出的幅度约为{(ratios[0] - 1) * 100:.0f}%，文中写{text[start:end]}",
            BoundBy.RECOMPUTED if ok else BoundBy.NONE)
        return True

    def _check_every(self, text: str, m: re.Match[str], add: Add) -> None:
        """每10起中约有7起 / 每3起里有1起 / 每10元中有逾6元: a share written as M in every N."""
        n, k = (int(x) if x.isdigit() else cn_to_number(x) for x in (m.group("n"), m.group("m")))
        if not n or k is None or not 0 < k < n:
            return
        pre, post = m.group("pre") or "", m.group("post") or ""
        qualifier: Qualifier = "approx"
        if pre in ("逾", "超过", "超", "至少") or post in ("多", "以上"):
            qualifier = "gt" if post != "以上" else "ge"
        elif pre in ("近", "接近", "将近"):
            qualifier = "near"
        elif pre in ("不足", "不到"):
            qualifier = "lt"
        # M in N is said to the nearest whole item: 7 in 10 is 65–75%, 1 in 3 is 16.7–50%.
        self._bind_share(text, m.start(), m.end(), 100.0 * k / n, qualifier, 50.0 / n, 100.0 / n, add, unit="%")

    def _check_number(self, text: str, raw: RawMention, add: Add, ignore_spans: Callable[[int], bool]) -> None:
        start, end = raw.start, raw.end
        line_start = text.rfind("\n", 0, start) + 1
        if ignore_spans(start):
            add(start, end, raw.value, raw.unit, "eq", None, Verdict.IGNORED, "part of a name")
            return
        if (start > 0 and re.match(r"[A-Za-z\-]", text[start - 1])) or (end < len(text) and re.match(r"[A-Za-z]", text[end:end + 1])):
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
        if text[start - 1:start] == "第" and not raw.pre:
            add(start, end, raw.value, raw.unit, "eq", None, Verdict.IGNORED, "an ordinal (第2), not a figure")
            return
        if not raw.arabic and raw.value == 1 and text[start - 1:start] in tuple("这该那每同单唯统"):
            add(start, end, raw.value, raw.unit, "eq", None, Verdict.IGNORED, "这一倍数 / 同一笔: a word, not a figure")
            return
        if not raw.arabic and raw.unit in ("笔", "起") and self._top_in_region(text, raw, add):
            return
        if not raw.arabic and raw.unit in ("笔", "家", "个", "项", "起") and self._check_cardinal(text, raw, add):
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
            if q and not re.match(r"\s*的?(?:整体|总体|平均|同期)?(?:增速|增幅|涨幅|增长率|水平)", text[raw.end:]):
                # (高于全球70.5%的整体增速: the figure is the comparison's base, stated exactly)
                raw.pre = q.group(1)
        if raw.pre in ("", "过", "达", "达到") and ALMOST_RE.search(text[max(0, start - 12):start + len(raw.pre)]):
            raw.pre = "近"  # 差一点就跨过50亿元: the subject is a little below the figure
        qualifier: Qualifier = "range" if raw.high is not None else qualifier_of(raw)
        tol = 0.5 * 10 ** (-raw.decimals) if raw.arabic else cn_tolerance(raw.value)
        unit = raw.unit
        if unit in ("%",):
            before, after, label = self._context(text, start, end)
            # 增长七成以上（70.5%）: a figure in brackets restates the one before it
            before = RESTATED_RE.sub("", before)
            if re.search(r"(相差|高出|低出|差距为?|差了|高了|低了)约?$|(?<!占)比(?![重例])[^，,；;。]{1,12}?(?:高|低)(?:出|了)?约?$", before) \
                    and re.search(r"%|占比|比重|份额", before):
                add(start, end, raw.value, unit, qualifier, None, Verdict.WRONG, "两个占比之差应以“个百分点”表示，文中写%")
                return
            if self._relative_difference(text, start, end, before, raw.value, qualifier, tol + 0.05, add):
                return
            if text[max(0, start - 1):start] in ("+", "＋") and re.search(r"环比|同比|增长|增速", sentence(before)):
                self._bind_change(text, raw, qualifier, tol, add)  # 环比：全球+70.5%，国内+88.0%
                return
            if re.search(r"(环比|同比)[^，,；;。]*$", before) or re.match(r"的?(?:整体|总体|平均)?(?:环比|同比)?(?:增长|增幅|涨幅|增速|增长率|下降|降幅|回落)", after) or (
                    CHANGE_VERB_RE.search(before) and COMPARING_RE.search(sentence(before) + after.split("。", 1)[0])):
                self._bind_change(text, raw, qualifier, tol, add)
                return
            self._bind_share(text, start, end, raw.value, qualifier, tol, raw.value * 0.1, add, unit="%")
            return
        if unit == "成":
            before, after, _ = self._context(text, start, end)
            if re.search(r"(增幅|涨幅|降幅|增长|增加|下降)[^，,；;。]*$", before) and COMPARING_RE.search(before + after):
                self._bind_change(text, raw, "approx" if qualifier == "eq" else qualifier, 5.0, add, raw.value * 10)
                return
            if self._relative_difference(text, start, end, before, raw.value * 10, "approx" if qualifier == "eq" else qualifier,
                                         5.0, add):
                return
            own = re.split(r"[，,；;。]", before)[-1]
            if re.search(r"(?:是|为|只有|仅为|仅有|相当于|约为|约是)[^，,；;。占]{0,10}的$", own) and "占" not in own:
                # 国外一笔只有国内的七成左右: a ratio told in 成, not a share
                as_ratio = dataclasses.replace(raw, value=raw.value / 10, unit="倍", decimals=1)
                self._bind_derived(text, as_ratio, "approx" if qualifier == "eq" else qualifier, 0.05, add, FigureKind.TIMES)
                return
            self._bind_share(text, start, end, raw.value * 10, qualifier, 5.0 if qualifier in ("eq", "approx") else 0.0, 5.0, add, unit="成")
            return
        if unit == "分之":
            self._bind_share(text, start, end, raw.value, qualifier, 2.5, 5.0, add, unit="%")
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
