"""Binding: decide which fact a mention claims from its clause, and test the value against it."""

from __future__ import annotations

import re
from typing import Any

from ..facts import Fact, MonthFacts
from ..format import fmt_points, fmt_ratio
from .clauses import (
    CLAUSE_SPLIT,
    COMPARING_RE,
    DOWN_WORDS,
    THRESHOLD_RE,
    country_within_region,
    metric_word,
    scope_for,
    sentence,
)
from .reading import AMOUNT_UNITS, RawMention, find_mentions
from .verdicts import fits


class Binders:
    """The binders of :class:`~narrator.check.checker.Checker`, one per kind of figure."""

    facts: MonthFacts
    by_unit: dict[str, list[Fact]]
    deal_by_name: dict[str, list[str]]
    investor_by_name: dict[str, list[str]]
    prev_month: str | None

    def _context(self, text: str, start: int, end: int) -> tuple[str, str, str]:  # provided by Checker
        raise NotImplementedError

    def _candidates(self, units: tuple[str, ...], scope: str | None) -> list[Fact]:
        out = [f for u in units for f in self.by_unit.get(u, [])]
        if scope:
            out = [f for f in out if f.scope == scope]
        return out

    def _decide(self, add, start, end, stated, unit, qualifier, claimed: Fact | None, pool: list[Fact],
                tol: float, band: float, shown: str, actual_of=lambda f: f.value) -> None:
        if claimed is not None:
            if fits(actual_of(claimed), stated, qualifier, tol, band):
                add(start, end, stated, unit, qualifier, claimed.id, "ok", "")
                return
            other = None
            if qualifier in ("eq", "approx"):  # name the fact the figure really is, if any
                other = next((f for f in pool if f.id != claimed.id and f.metric == claimed.metric
                              and fits(actual_of(f), stated, qualifier, tol, band)), None)
            hint = f"（这是{other.label}）" if other else ""
            add(start, end, stated, unit, qualifier, claimed.id, "wrong",
                f"{claimed.label}为{claimed.display}，文中写{shown}{hint}")
            return
        match = next((f for f in pool if fits(actual_of(f), stated, qualifier, tol, band)), None)
        if match is not None:
            add(start, end, stated, unit, qualifier, match.id, "ok", "bound by value")
        else:
            add(start, end, stated, unit, qualifier, None, "unsupported", f"no fact of this kind matches {shown}")

    def _bind_share(self, text, start, end, stated, qualifier, tol, band, add, unit) -> None:
        before, after, label = self._context(text, start, end)
        shown = text[start:end]
        scope = scope_for(before, label, self.facts, after)
        clause_before = CLAUSE_SPLIT.split(before)[-1]
        if "最大一笔" in clause_before:
            claimed = self.facts.get("global.top1_share")
            self._decide(add, start, end, stated, unit, qualifier, claimed, self._candidates(("%",), None), tol, band, shown)
            return
        tops = re.findall(r"前(\d+)笔", before)
        if tops and re.search(r"前\d+笔[^。；;]*$", before):
            claimed = self.facts.get(f"global.top{tops[-1]}_share")
            self._decide(add, start, end, stated, unit, qualifier, claimed, self._candidates(("%",), None), tol, band, shown)
            return
        if "超大额" in before or THRESHOLD_RE.search(sentence(before)):
            claimed = self.facts.get("global.mega_amount_share")
            self._decide(add, start, end, stated, unit, qualifier, claimed, self._candidates(("%",), "global"), tol, band, shown)
            return
        metric = metric_word(before, after)
        if scope and scope.startswith("country."):
            scope = country_within_region(scope, before, self.facts)
        claimed = self.facts.get(f"{scope}.{metric}_share") if scope and metric else None
        if claimed is None and scope and scope.startswith("country.CN") and metric:
            claimed = self.facts.get(f"domestic.{metric}_share")
        pool = self._candidates(("%",), scope if claimed is None and scope and scope != "global" else None)
        if claimed is None and metric:  # a share of money is never bound to a share of events
            pool = [f for f in pool if ("events" if "events" in f.metric else "amount") == metric]
        self._decide(add, start, end, stated, unit, qualifier, claimed, pool or self._candidates(("%",), None), tol, band, shown)

    def _bind_change(self, text, raw: RawMention, qualifier, tol, add) -> None:
        before, after, label = self._context(text, raw.start, raw.end)
        sign = -1.0 if re.search(rf"({DOWN_WORDS})[^，,；;]*$", before[-8:]) else 1.0
        stated = sign * raw.value
        kind = "yoy" if re.search(r"同比[^，,；;]*$", before) or re.search(r"去年同期|上年同期", sentence(before)) else "mom"
        scope = scope_for(before, label, self.facts) or "global"
        metric = metric_word(before, after) or "events"
        claimed = self.facts.get(f"{scope}.{kind}_{metric}")
        pool = self._candidates(("pct_change",), None)
        self._decide(add, raw.start, raw.end, stated, "%", qualifier, claimed, pool, tol, abs(stated) * 0.1, raw.text)

    def _named(self, text: str, pos: int, names: dict[str, list[str]], stated: Any = None,
               qualifier: str = "eq", tol: float = 0.5) -> Fact | None:
        """The fact of the name standing nearest before ``pos`` on the same line; of its facts,
        the one the stated value fits (else the first)."""
        line_start = text.rfind("\n", 0, pos) + 1
        segment = text[line_start:pos]
        best = None
        for name, fids in names.items():
            at = segment.rfind(name)
            if at >= 0 and (best is None or at + len(name) > best[0]):
                best = (at + len(name), fids)
        if not best:
            return None
        candidates = [self.facts.get(fid) for fid in best[1] if self.facts.get(fid) is not None]
        if stated is not None:
            for fact in candidates:
                if fits(fact.value, stated, qualifier, tol, 0):
                    return fact
        return candidates[0] if candidates else None

    def _about_prev_month(self, before: str, after: str) -> bool:
        """True in a comparing sentence whose last month named before the figure is the previous month."""
        months = re.findall(r"(\d{1,2})月", before)
        comparing = COMPARING_RE.search(before + after)
        return bool(self.prev_month and comparing and months and int(months[-1]) == int(self.prev_month[5:]))

    def _in_table(self, text: str, pos: int) -> bool:
        start = text.rfind("\n", 0, pos) + 1
        return text[start:start + 8].lstrip().startswith("|")

    def _bind_amount(self, text, raw: RawMention, value_yi, qualifier, tol, add) -> None:
        before, after, label = self._context(text, raw.start, raw.end)
        scope = None if self._in_table(text, raw.start) else scope_for(before, label, self.facts)
        clause = CLAUSE_SPLIT.split(before)[-1]
        metric = "amount"
        if re.search(r"平均|单笔[^，,]*均", clause):
            metric = "avg_amount"
        elif "中位数" in clause:
            metric = "median_amount"
        elif "上月" in clause or self._about_prev_month(before, after):
            metric = "prev_amount"
        elif "估算" in clause:
            metric = "estimated_amount"
            scope = scope or "global"
        claimed = self.facts.get(f"{scope}.{metric}") if scope else None
        if claimed is None and scope == "country.CN":
            claimed = self.facts.get(f"domestic.{metric}")
        if "超大额" in before + after[:12] or (THRESHOLD_RE.search(clause) and re.match(r"(?:以上)?的?(?:交易|融资)", after)):
            claimed = self.facts.get("global.mega_threshold")
            qualifier = "eq"  # 单笔不低于X的超大额交易 defines the threshold: X must be the threshold
        elif re.search(r"第\d+|最大|单笔金额", clause) and metric == "amount":
            claimed = None  # a single deal: bind by value among deals
        named = self._named(text, raw.start, self.deal_by_name, value_yi, qualifier, tol)
        if named is not None and (self._in_table(text, raw.start) or claimed is None):
            claimed = named
        average = self.facts.get(f"{scope}.avg_amount") if scope else None
        if (metric == "amount" and claimed is not None and average is not None and re.search(r"平均|每笔", sentence(before))
                and not fits(claimed.value, value_yi, qualifier, tol, 0) and fits(average.value, value_yi, qualifier, tol, 0)):
            claimed = average  # 国外平均每笔22.85亿元，约为国内（8,340万元）的27倍: the average carries over
        pool = self._candidates(("亿元",), None)
        band = value_yi * 0.1
        self._decide(add, raw.start, raw.end, value_yi, "亿元", qualifier, claimed, pool, tol, band, raw.text)

    def _bind_count(self, text, raw: RawMention, qualifier, tol, add) -> None:
        before, after, label = self._context(text, raw.start, raw.end)
        clause = CLAUSE_SPLIT.split(before)[-1]
        scope = None if self._in_table(text, raw.start) else scope_for(before, label, self.facts)
        metric = "events"
        units: tuple[str, ...] = ("起",)
        if raw.unit == "次" or "出手" in clause:
            named = self._named(text, raw.start, self.investor_by_name, raw.value, qualifier, tol)
            self._decide(add, raw.start, raw.end, raw.value, raw.unit, qualifier, named, self._candidates(("起",), None),
                         tol, raw.value * 0.1, raw.text)
            return
        elif raw.unit.startswith("个") and not re.search(r"国家|地区", after[:6]) and re.search(r"项目|公司|企业|交易", clause + after[:4]):
            pass  # 国内项目达到214个: deals counted in 个
        elif raw.unit.startswith("个") or raw.unit == "家" and "国家" in after[:4]:
            metric, units = "countries", ("count",)
        elif raw.unit == "笔" and clause.endswith("前"):
            claimed = self.facts.get(f"global.top{int(raw.value)}_count")
            self._decide(add, raw.start, raw.end, raw.value, raw.unit, qualifier, claimed, [], tol, raw.value * 0.1, raw.text)
            return
        elif "上月" in clause or self._about_prev_month(before, after):
            metric = "prev_events"
        elif "未披露" in clause + after[:8]:
            metric = "undisclosed_events"
        elif "模糊" in before or "估算" in clause:
            metric = "estimated_events"
        elif "超大额" in before or THRESHOLD_RE.search(clause) or re.match(r"[^，,；;。]*超大额", after):
            metric, scope = "mega_deals", scope or "global"
        elif "其中国内" in clause or clause.endswith("其中国内"):
            pass
        if scope is None and metric in ("undisclosed_events", "estimated_events") and not self._in_table(text, raw.start):
            scope = "global"
        claimed = self.facts.get(f"{scope}.{metric}") if scope and metric != "deals" else None
        if claimed is None and scope == "country.CN":
            claimed = self.facts.get(f"domestic.{metric}")
        pool = self._candidates(units, None)
        if claimed is None and not self._in_table(text, raw.start):
            # Unscoped prose: bind by value only among facts of the metric the sentence is about,
            # so a wrong count does not pass because some unrelated count has that value.
            pool = [f for f in pool if f.metric == metric]
        self._decide(add, raw.start, raw.end, raw.value, raw.unit, qualifier, claimed, pool, tol, raw.value * 0.1, raw.text)

    def _bind_derived(self, text, raw: RawMention, qualifier, tol, add, kind: str) -> None:
        before, after, label = self._context(text, raw.start, raw.end)
        shown = raw.text
        facts_unit = "pp" if kind == "pp" else "倍"
        pool = self._candidates((facts_unit,), None)
        # A difference in 个百分点 is shown without its sign (fmt_points).
        match = next((f for f in pool if fits(abs(f.value) if kind == "pp" else f.value, raw.value, qualifier, tol,
                                              raw.value * 0.1)), None)
        if match:
            add(raw.start, raw.end, raw.value, raw.unit, qualifier, match.id, "ok", "")
            return
        # Recompute from the figures stated earlier in the same sentence.
        earlier = [m for m in find_mentions(before) if m.unit in ("%",) or m.unit in AMOUNT_UNITS]
        values = []
        for m in earlier:
            if kind == "pp" and m.unit == "%":
                values.append(m.value)
            elif kind == "倍" and m.unit in AMOUNT_UNITS:
                factor = m.magnitude * (1e8 if m.unit.startswith("亿") else 1e4 if m.unit.startswith("万") else 1.0)
                values.append(m.value * factor)
        if len(values) >= 2:
            a, b = values[-2], values[-1]
            derived = abs(a - b) if kind == "pp" else (max(a, b) / min(a, b) if min(a, b) > 0 else None)
            # Figures already rounded once: a tolerance band, not a rounding rule.
            lenient = "approx" if qualifier == "eq" else qualifier
            if derived is not None and fits(derived, raw.value, lenient, tol + 0.05, raw.value * 0.1):
                add(raw.start, raw.end, raw.value, raw.unit, qualifier, None, "ok", "recomputed from the sentence's figures")
                return
            add(raw.start, raw.end, raw.value, raw.unit, qualifier, None, "wrong",
                f"按文中数字计算应为{fmt_points(derived) if kind == 'pp' else fmt_ratio(derived)}，文中写{shown}" if derived else "cannot recompute")
            return
        add(raw.start, raw.end, raw.value, raw.unit, qualifier, None, "unsupported", f"no fact or stated figures give {shown}")

    def _bind_bare(self, text, raw: RawMention, add) -> None:
        shown = raw.text.strip()
        for fact in self.facts.facts.values():
            if isinstance(fact.value, (int, float)) and fact.display.startswith(shown) and fact.unit != "list":
                rest = fact.display[len(shown):]
                if not rest or not rest[0].isdigit() and rest[0] not in ".,":
                    add(raw.start, raw.end, raw.value, "", "eq", fact.id, "ok", "bare figure equal to a fact's display")
                    return
        add(raw.start, raw.end, raw.value, "", "eq", None, "unsupported", f"bare number {shown} matches no fact")

