"""Figures written as words or phrases rather than as numbers with units: dates and months,
过半/近半, 每10起中约有7起, 高出50% (a relative difference), and a previous month stated with
its own figure."""

from __future__ import annotations

import re

from .clauses import BRACKET_AFTER_FIGURE_RE, COMPARING_RE, sentence
from .counting import Counting
from .ratios import fraction_of_another
from .reading import AMOUNT_UNITS, RawMention, cn_to_number, find_mentions, scale_of
from .report import Add, BoundBy, Qualifier, Verdict
from .verdicts import fits

_CN_SMALL = r"\d{1,3}|[一二两三四五六七八九十]{1,3}"
EVERY_RE = re.compile(rf"每(?P<n>{_CN_SMALL})(?:起|笔|元|块钱?|家|个|项)(?:融资|交易|项目|事件|钱|资金)?(?:中|里|当中|之中)?[，,]?\s*(?:就|仅|只)?(?:大约|约)?有?"
                      rf"(?P<pre>约|逾|超过|超|近|接近|将近|不足|不到|至少)?(?P<m>{_CN_SMALL})(?:起|笔|元|块钱?|家|个|项)(?P<post>多|以上|左右)?")




class PhraseChecks(Counting):
    """Checks of phrase figures, mixed into the Checker."""

    month: str
    prev_month: str | None

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
            change = re.match(r"份?([^，,；;。\d]{0,12}?)(?:环比|同比)", after)
            if ok and change and not re.search(r"比|较|相|从|由", change.group(1)) \
                    and not re.search(r"(?:较|比|相比|对比|与|和|跟|同|从|由)$", before):
                # 9月全球融资额环比增长70.5% in an October report: the month of a change is the report's
                ok, reason = False, f"报告月份为{report_m}月，环比变化是{report_m}月的，文中写{m.group(0)}"
        elif (record := re.match(r"份?(?:以来|至今)[^，,；;。\d]{0,6}?(最高|新高|最多|最低|新低|最少)", after)) is not None:
            ok, reason = self._record_since(mm, yy, record.group(1), before + after)
            fid = "report.month" if ok else ""
        elif self.prev_month and re.search(r"(?:较|比|相比|对比|与|和|跟|同|从|由)$", before) and mm < report_m:
            # 较9月的1,392.36亿元 in a November report: a comparison, whose month is last month
            fid, reason = "report.prev_month", f"比较的上月为{int(self.prev_month[5:])}月，文中写{m.group(0)}"
        else:
            reason = f"报告月份为{report_y}年{report_m}月，文中写{m.group(0)}"
        add(m.start(), m.end(), m.group(0), "date", "eq", fid or None, Verdict.OK if ok else Verdict.WRONG, reason)

    def _record_since(self, month: int, year: int | None, word: str, said: str) -> tuple[bool, str]:
        """为6月以来的最高水平: the report month is the highest (lowest) of the monthly series since
        that month, which the series must reach back to."""
        metric = "events" if re.search(r"事件|笔数|项目数|数量", said) and not re.search(r"金额|资金|融资额|总额", said) else "amount"
        measure = "事件数" if metric == "events" else "金额"
        report_y = int(self.month[:4])
        start = f"{year or report_y}-{month:02d}"
        series = {fid.split(".")[1]: float(f.value) for fid, f in self.facts.facts.items()
                  if fid.startswith("month.") and fid.endswith(f".{metric}") and start <= fid.split(".")[1] <= self.month}
        if start not in series or self.month not in series:
            return False, f"数据中没有{month}月以来的月度{measure}"
        highest = word in ("最高", "新高", "最多")
        best = max(series.values()) if highest else min(series.values())
        ok = series[self.month] == best
        return ok, "" if ok else f"{month}月以来本月{measure}并非{'最高' if highest else '最低'}"

    def _states_prev_figure(self, after: str) -> bool:
        """10月国内融资金额为104.69亿元: the previous month named with a figure of its own, which is
        a true previous-month fact (a report-month figure under 10月 is a wrong period)."""
        clause = re.split(r"[，；;。]|,(?!\d)", after, maxsplit=1)[0]
        if not clause.strip(" 份"):  # 10月，国内融资金额为104.69亿元: the month opens the statement
            clause = re.split(rf"[；;。]|(?<!\d){int(self.month[5:])}月", after)[0].lstrip("份，, ")
            clause = re.split(r"[，；;。]|,(?!\d)", clause, maxsplit=1)[0]
        first = next(iter(find_mentions(clause)), None)
        if first is None or not first.unit or len(clause[:first.start]) > 16:
            return False
        shown = clause[first.start:first.end].lstrip("约近超逾共达")
        # (9月是300亿元: the figure at its own precision, 300 for 300.00)
        money = first.unit in AMOUNT_UNITS
        scale = scale_of(first) if money else 1.0
        value, unit = first.value * scale, "亿元" if money else first.unit
        slack = (0.5 * 10 ** -first.decimals if first.arabic else 0.5) * max(1.0, scale)
        return any(f.metric.startswith("prev_") and (f.display == shown or isinstance(f.value, (int, float))
                   and f.unit == unit and abs(float(f.value) - value) <= slack) for f in self.facts.facts.values())

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
        post = m.group("post") or ""
        if post:  # 占了全球的一半以上: at least half; 一半以下: at most half
            qualifier = "le" if post == "以下" else "gt" if post in ("多", "出头") else "ge"
        before = self._context(text, m.start(), m.end())[0]
        if not pre and re.search(r"(?:差一点|差点|险些|几乎|将近)就?$", before):
            qualifier = "near"  # 应用层拿下49.5%的事件，差一点过半
        of_another = fraction_of_another(before, qualifier) if word == "一半" else None
        if of_another is not None:
            # 模型层拿到的资金尚不及基础层的一半: a ratio of two subjects' figures, not a share of a whole
            raw = RawMention(m.start(), m.end(), m.group(0), 50.0, 0, "分之", "", "", "", 1.0, False)
            if self._fraction_ratio(text, raw, of_another, before, add):
                return
        # (接近一半 / 近半 is a little below half, never above it: 52.7% is not 接近一半)
        self._bind_share(text, m.start(), m.end(), stated, qualifier, 0.0 if qualifier == "near" else 5.0, 5.0, add, unit="%")

    def _check_fraction(self, text: str, raw: RawMention, qualifier: Qualifier, add: Add) -> None:
        """三分之一, 四分之一 (``raw.value`` in %): a ratio of two figures, a change, or a share."""
        before, after, _ = self._context(text, raw.start, raw.end)
        of_another = fraction_of_another(before, qualifier)
        if of_another is not None and self._fraction_ratio(text, raw, of_another, before, add):
            return  # 约为应用层融资金额329.17亿元的四分之一: a ratio of two figures
        if re.search(r"(?:增幅|涨幅|降幅|增长|增加|下降|上涨|上升|减少)了?$", before) and COMPARING_RE.search(sentence(before) + after):
            # 金额环比增长超过三分之一（33.2%）: a change told as a fraction (33.2% is not above a third)
            self._bind_change(text, raw, "approx" if qualifier == "eq" else qualifier, 2.5, add, raw.value)
            return
        self._bind_share(text, raw.start, raw.end, raw.value, qualifier, 2.5, 5.0, add, unit="%")

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
        money = re.search(r"元|块|钱|资金", m.group(0)) is not None  # 每100元中仅约8元: a share of money
        self._bind_share(text, m.start(), m.end(), 100.0 * k / n, qualifier, 50.0 / n, 100.0 / n, add, unit="%",
                         metric_hint="amount" if money else "events")

