"""Stage 4: bind every number in an article to the fact it claims, and verify it.

A mention is the number with its qualifier and unit (约1,855亿元, 七成以上, 不足5%). The
checker decides which fact a mention claims from its unit and the scope words of its
clause (国内/美国/早期/模型层…, carried over from earlier clauses of the sentence), then
tests the fact's value against the stated bound. Verdicts: ok, wrong (bound to a fact
whose value disagrees), unsupported (no fact of that kind fits) and ignored (section
numbers, figure numbers, names).

Qualifier semantics (tested in tests/test_check.py):
- bare number, 约/大约/左右: equal at the stated precision (±half a unit of the last digit);
  X成 ±5 percentage points, 几分之几 ±2.5.
- 超过/超/逾/高于/多于/过: strictly greater; 不足/不到/低于/少于: strictly less.
- 以上/至少/不低于: ≥; 以下/不超过/至多: ≤.
- 近/接近/将近: a little below: within 10% below (5 points for 成), up to the stated value.
- X多/X余/出头: above X and below X plus one step of its leading digit (十余 = 10–20).
- 过半/超半数/大半: > 50%; 近半: 45–50%; 一半/半数: 45–55%; 个位数: < 10%; 两位数: 10–100%.
- Dates: a month must be the report's month, or the previous month where the sentence
  compares (环比/上月/较); 截至…日 must be the period's last day.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from .facts import COMPOUNDS, Fact, MonthFacts
from .format import fmt_points, fmt_ratio
from .ingest.geo import COUNTRIES
from .numbers import (
    DATE_RE,
    WORD_SHARE_RE,
    Range,
    RawMention,
    find_mentions,
    fold_width,
)

COUNT_UNITS = {"起", "笔", "次", "家", "项"}
AMOUNT_UNITS = {"元", "元人民币", "亿元", "万元", "亿元人民币", "万元人民币", "数"}
USD_UNITS = {"美元", "亿美元", "万美元"}
_WITHIN_RE = re.compile(r"(国内|国外|海外|境外)(?:市场)?(?:中|里|内部)\s*$")
_CLAUSE_SPLIT = re.compile(r"[，,；;：:]")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_PAREN_RE = re.compile(r"（[^（）]*）|\([^()]*\)")
# A region right after 占/不足/超过… is the denominator (占全球72.1%), not the subject.
_DENOMINATOR_RE = re.compile(r"(占|不足|超过|超|达|逾|近|约|的|在)(全球|国内|国外|海外|境外)(?=[^，,；;。]*占)|(占|不足|超过|超|达|逾|近|约|的)(全球|国内|国外|海外|境外)")
_SECTION_RE = re.compile(r"^[ \t]*(?:[-*#]+[ \t]*)*(\d{1,2})(?:[.．、）)]|(?=\s))")
_FIGURE_NO_RE = re.compile(r"\[\d+\]|图\s*\d+|表\s*\d+")
_STRUCTURAL_RE = re.compile(r"^(个|种|类|大)(层级|层|维度|方面|阶段|类型|部分|层次)")
_DETACHED_Q_RE = re.compile(r"(不足|不到|低于|超过|高于|逾|接近|近|约)(?:全球|国内|国外|海外)(?:融资)?(?:金额|事件数|事件)?的?\s*$")
EVENT_WORDS = ("事件", "项目", "起", "笔", "交易数")
AMOUNT_WORDS = ("金额", "资金", "钱", "融资额", "总额", "规模")

REGION_WORDS = {"全球": "global", "国内": "domestic", "国外": "overseas", "海外": "overseas", "境外": "overseas"}
REST_RE = re.compile(r"其他国家|其他国外|其他地区|其余国家|其[他余](?:海外|境外)")
_EXCEPT_RE = re.compile(r"([^，,；;。除]{1,6}?)(?:以外|之外)")  # 除美国以外 / 中国以外
# 单笔不低于50亿元的交易: deals above a threshold, i.e. the mega-deal facts
_THRESHOLD_RE = re.compile(r"单笔(?:金额|融资)?(?:不低于|超过|高于|达到|在)")
COMPARING_RE = re.compile(r"环比|同比|上月|上期|较|此前|前一月|相比|相较|对比")
_DOWN_WORDS = "下降|减少|下滑|回落|降低"
CHANGE_VERB_RE = re.compile(rf"(增长|增加|上涨|上升|提升|提高|{_DOWN_WORDS})了?\s*$")
_IDIOM_RE = re.compile(r"^(?:一家独大|一枝独秀|一马当先|一骑绝尘|一席之地|一臂之力)")
LAYER_WORDS = ("基础层", "模型层", "中间层", "应用层")
ROUND_KEYWORDS: dict[str, tuple[str, ...]] = {
    "早期": ("早期", "天使", "种子", "Pre-A", "A轮", "A+"),
    "B轮及C轮": ("B轮及C轮", "B轮和C轮", "B、C轮", "B轮", "C轮", "成长期"),
    "D轮及以后": ("D轮及以后", "D轮", "Pre-IPO", "IPO", "后期"),
    "战略及股权投资": ("战略", "股权"),
    "B轮及以后": ("B轮及以后",),
    "后期及战略": ("D轮及以后与战略", "D轮", "IPO", "战略", "后期轮次与战略"),
    "其他": ("并购及其他", "并购"),
}
_COUNTRY_WORDS = sorted(((zh, code) for code, (zh, _) in COUNTRIES.items() if code != "ZZ"),
                        key=lambda kv: -len(kv[0]))


@dataclass
class Mention:
    """One number in the article and the checker's verdict on it."""

    text: str
    start: int
    end: int
    line: int
    value: float | str | None
    unit: str
    qualifier: str
    fact_id: str | None
    verdict: str
    reason: str


@dataclass
class CheckReport:
    """All mentions; ``ok`` when none is wrong or unsupported."""

    mentions: list[Mention] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    @property
    def problems(self) -> list[Mention]:
        return [m for m in self.mentions if m.verdict in ("wrong", "unsupported")]

    @property
    def problem_count(self) -> int:
        return len(self.problems)

    @property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for m in self.mentions:
            out[m.verdict] = out.get(m.verdict, 0) + 1
        return out

    def to_dict(self) -> dict[str, Any]:
        """The check.json document."""
        return {"ok": self.ok, "counts": self.counts, "mentions": [asdict(m) for m in self.mentions]}


# -- bounds --------------------------------------------------------------------------------
def _qualifier(raw: RawMention) -> str:
    pre, post, tail = raw.pre, raw.post, raw.tail
    if tail or post in ("之多", "出头"):
        return "more"
    if pre in ("超过", "超", "逾", "高于", "多于", "过"):
        return "gt"
    if pre in ("不足", "不到", "低于", "少于"):
        return "lt"
    if pre in ("近", "接近", "将近"):
        return "near"
    if post == "以上" or pre in ("至少", "不低于"):
        return "ge"
    if post == "以下" or pre in ("不超过", "至多"):
        return "le"
    return "approx" if pre in ("约", "大约", "约为", "仅约") or post == "左右" else "eq"


def fits(actual: float, stated: float, qualifier: str, tol: float, near_band: float) -> bool:
    """Does ``actual`` satisfy '<qualifier> stated' (tol: rounding tolerance)?"""
    if qualifier == "range":  # stated is a Range
        return stated.low - tol <= actual <= stated.high + tol
    eps = 1e-9 * max(1.0, abs(stated))
    if qualifier == "eq" and tol > 0 and stated and actual * stated > 0:
        # 四舍五入, as format.rounded shows figures: 106.245 is 106.25, never 106.24.
        return -tol - eps <= abs(actual) - abs(stated) < tol - eps
    if qualifier in ("eq", "approx"):
        return abs(actual - stated) <= tol + eps
    if qualifier == "gt":
        return actual > stated
    if qualifier == "lt":
        return actual < stated
    if qualifier == "ge":
        return actual >= stated - eps
    if qualifier == "le":
        return actual <= stated + eps
    if qualifier == "near":
        return stated - near_band <= actual <= stated + tol
    if qualifier == "more":
        step = 10 ** math.floor(math.log10(stated)) if stated > 0 else 1
        return stated < actual < stated + step
    return False


def _cn_tolerance(value: Any) -> float:
    """Half the place value of the last non-zero digit of a Chinese numeral (一百四十一亿 → 0.5亿)."""
    if not isinstance(value, float) or value <= 0 or value != int(value):
        return 0.5
    n, place = int(value), 1
    while n % 10 == 0:
        n //= 10
        place *= 10
    return 0.5 * place


# -- scope ---------------------------------------------------------------------------------
def _scope_of_clause(clause: str, facts: MonthFacts) -> str | None:
    """The most specific scope named in one clause, or None."""
    clause = _DENOMINATOR_RE.sub(lambda m: m.group(1) or m.group(3), _PAREN_RE.sub("", clause))
    region = None
    for word, scope in REGION_WORDS.items():
        pos = clause.rfind(word)
        # 国内贡献了全球72.1%: a named region beats 全球, which is then the denominator.
        better = region is None or (scope != "global" and (region[0] == "global" or pos > region[1]))
        if pos >= 0 and better:
            region = (scope, pos)
    best_round, best_score, rounds_named = None, 0, []
    for key, words in ROUND_KEYWORDS.items():
        score = sum(len(w) for w in words if w in clause)
        if score and key not in COMPOUNDS["round"]:
            rounds_named.append(key)
        if score > best_score:
            best_round, best_score = key, score
    best_round = _compound("round", rounds_named) or best_round  # D轮及以后和战略投资合计…
    layers_named = [w for w in LAYER_WORDS if w in clause]
    layer = _compound("layer", layers_named) or (layers_named[0] if layers_named else None)
    region_scope = region[0] if region else None
    nested = region_scope if region_scope in ("domestic", "overseas") else None
    if layer:
        return f"{nested}.layer.{layer}" if nested and f"{nested}.layer.{layer}.events" in facts else f"layer.{layer}"
    if best_round:
        return f"{nested}.round.{best_round}" if nested and f"{nested}.round.{best_round}.events" in facts else f"round.{best_round}"
    if REST_RE.search(clause):
        return "overseas_rest"
    for m in _EXCEPT_RE.finditer(clause):
        code = next((c for w, c in _COUNTRY_WORDS if m.group(1).endswith(w)), None)
        if code == "CN":
            return "overseas"  # 中国以外的9个国家和地区
        if code is not None and code == facts.value("overseas.lead_country"):
            return "overseas_rest"  # 除美国以外的其他国家
    for word, code in _COUNTRY_WORDS:
        if word in clause:
            if code == "CN" and region_scope == "domestic":
                return "domestic"
            return f"country.{code}"
    return region_scope


def _scope_for(sentence_before: str, line_label: str, facts: MonthFacts, after: str = "") -> str | None:
    """Scope from the mention's own clause back to the start of its sentence, then the line label.

    A clause that names only a region (其中国内80起) nests under a round or layer named by an
    earlier clause of the same sentence (早期…：98起，其中国内80起 → domestic.round.早期).
    """
    clauses = _CLAUSE_SPLIT.split(sentence_before)
    own_after = _CLAUSE_SPLIT.split(after, 1)[0].replace("全球", "")
    if own_after and not _scope_of_clause(clauses[-1], facts):
        clauses[-1] = clauses[-1] + own_after  # 88.0%的钱流向美国: the scope follows the number
    if line_label and not sentence_before.startswith(line_label):
        clauses = [line_label] + clauses
    for i in range(len(clauses) - 1, -1, -1):
        countries, rest = set(), clauses[i]
        for word, code in _COUNTRY_WORDS:  # longest names first: 中国香港 is not also 中国
            if word in rest:
                countries.add(code)
                rest = rest.replace(word, "")
        if len(countries) >= 2 and not any(w in clauses[i] for w in REGION_WORDS):
            continue  # an enumeration (包括以色列、日本、加拿大…) names no single scope
        scope = _scope_of_clause(clauses[i], facts)
        if not scope:
            continue
        if scope in ("domestic", "overseas") and "其中" in clauses[i]:
            for earlier in reversed(clauses[:i]):
                outer = _scope_of_clause(earlier, facts)
                if outer and outer.startswith(("round.", "layer.")):
                    nested = f"{scope}.{outer}"
                    if f"{nested}.events" in facts:
                        return nested
                    break
        return scope
    return None


def _compound(prefix: str, named: list[str]) -> str | None:
    """The COMPOUNDS key whose parts are exactly the groups a clause names (模型层和基础层合计…)."""
    if len(named) < 2:
        return None
    return next((key for key, (parts, _) in COMPOUNDS[prefix].items() if set(parts) == set(named)), None)


def _country_within_region(scope: str, before: str, facts: MonthFacts) -> str:
    """country.US → overseas.country.US when the share is of its region, not of the world:
    the figure's clause names the region as denominator (占国外融资金额的95.2%), or says
    其中 after a clause about that region (国外融资1,714亿元，其中美国占95.2%), or an earlier
    clause sets the region as the frame (国外市场中，美国占…)."""
    clauses = _CLAUSE_SPLIT.split(before)
    code = scope.split(".", 1)[1]
    denominators = [m.group(2) or m.group(4) for m in _DENOMINATOR_RE.finditer(clauses[-1])]
    for region in ("overseas", "domestic"):
        nested = f"{region}.country.{code}"
        if f"{nested}.events_share" not in facts and f"{nested}.amount_share" not in facts:
            continue
        if denominators:
            return nested if REGION_WORDS[denominators[-1]] == region else scope
        if "其中" in clauses[-1] and any(_scope_of_clause(c, facts) == region for c in clauses[:-1]):
            return nested
        if any(REGION_WORDS[m.group(1)] == region for c in clauses[:-1] if (m := _WITHIN_RE.search(c))):
            return nested  # 国外市场中，美国占…
    return scope


def _sentence(before: str) -> str:
    """The part of ``before`` that belongs to the figure's own sentence."""
    return before[before.rfind("。") + 1:]


def _metric_word(before: str, after: str) -> str | None:
    """'events' or 'amount' from the nearest metric word (after the number first)."""
    after_clause = _CLAUSE_SPLIT.split(after, 1)[0][:12]
    best = None
    for words, kind in ((EVENT_WORDS, "events"), (AMOUNT_WORDS, "amount")):
        for w in words:
            p = after_clause.find(w)
            if p >= 0 and (best is None or p < best[0]):
                best = (p, kind)
    if best:
        return best[1]
    clause = _CLAUSE_SPLIT.split(before)
    for part in reversed(clause):
        best = None
        for words, kind in ((EVENT_WORDS, "events"), (AMOUNT_WORDS, "amount")):
            for w in words:
                p = part.rfind(w)
                if p >= 0 and (best is None or p > best[0]):
                    best = (p, kind)
        if best:
            return best[1]
    return None


# -- the checker ---------------------------------------------------------------------------
class Checker:
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
        self._ctx_text: str | None = None
        self._ends: list[int] = []

    def check(self, text: str, ignore_spans: list[tuple[int, int]] | None = None) -> CheckReport:
        folded = fold_width(text)
        ignore_spans = ignore_spans or []
        report = CheckReport()
        line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        taken: list[tuple[int, int]] = []

        def line_of(pos: int) -> int:
            lo, hi = 0, len(line_starts) - 1
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if line_starts[mid] <= pos:
                    lo = mid
                else:
                    hi = mid - 1
            return lo + 1

        def add(start, end, value, unit, qualifier, fact_id, verdict, reason):
            if isinstance(value, Range):
                value = [value.low, value.high]
            report.mentions.append(Mention(text[start:end], start, end, line_of(start), value, unit, qualifier,
                                           fact_id, verdict, reason))
            taken.append((start, end))

        ignored = bytearray(len(text) + 1)
        for a, b in ignore_spans:
            ignored[a:b] = b"\x01" * (b - a)
        for m in DATE_RE.finditer(folded):
            if ignored[m.start()]:
                continue
            self._check_date(folded, m, add)
        for m in WORD_SHARE_RE.finditer(folded):
            self._check_word_share(folded, m, add)
        covered = bytearray(len(text) + 1)  # positions already read as dates or share words
        for a, b in taken:
            covered[a:b] = b"\x01" * (b - a)
        for raw in find_mentions(text):
            if covered[raw.start] or covered[raw.end - 1]:
                continue
            self._check_number(folded, raw, add, lambda pos: bool(ignored[pos]))
        report.mentions.sort(key=lambda x: x.start)
        return report

    # ----------------------------------------------------------------------------------
    def _context(self, text: str, start: int, end: int) -> tuple[str, str, str]:
        """(sentence before the figure, sentence after it, the line's label)."""
        if self._ctx_text is not text:  # sentence ends, computed once per text (keeps checking linear)
            self._ctx_text = text
            self._ends = [m.start() for m in _SENTENCE_END.finditer(text)]
        i = bisect.bisect_left(self._ends, start)
        sent_start = self._ends[i - 1] + 1 if i > 0 else 0
        j = bisect.bisect_left(self._ends, end)
        sent_end = self._ends[j] if j < len(self._ends) else len(text)
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        label = line.split("：", 1)[0] if "：" in line else ""
        return text[sent_start:start], text[end:sent_end], label

    def _check_date(self, text: str, m: re.Match[str], add) -> None:
        year = m.group("y") or m.group("y2")
        month = m.group("m")
        day = m.group("d")
        report_y, report_m = int(self.month[:4]), int(self.month[5:])
        before, after, _ = self._context(text, m.start(), m.end())
        if month is None:  # a year alone
            verdict = "ok" if int(year) == report_y else "ignored"
            add(m.start(), m.end(), int(year), "年", "eq", "report.month" if verdict == "ok" else None, verdict,
                "" if verdict == "ok" else "another year mentioned")
            return
        mm = int(month)
        yy = int(year) if year else None
        if not 1 <= mm <= 12:
            add(m.start(), m.end(), mm, "月", "eq", None, "unsupported", f"{mm}月 is not a month")
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
            ok = bool(COMPARING_RE.search(before + after))
            fid = "report.prev_month"
            reason = "" if ok else f"报告月份为{report_m}月，文中写{m.group(0)}且未说明是比较"
        else:
            reason = f"报告月份为{report_y}年{report_m}月，文中写{m.group(0)}"
        add(m.start(), m.end(), m.group(0), "date", "eq", fid, "ok" if ok else "wrong", reason)

    def _check_word_share(self, text: str, m: re.Match[str], add) -> None:
        word, pre = m.group("word"), m.group("pre") or ""
        bounds = {"过半": ("gt", 50.0), "超半数": ("gt", 50.0), "半数以上": ("gt", 50.0), "大半": ("gt", 50.0),
                  "近半": ("near", 50.0), "一半": ("approx", 50.0), "半数": ("approx", 50.0),
                  "个位数": ("lt", 10.0), "两位数": ("ge", 10.0)}
        qualifier, stated = bounds[word]
        if pre in ("超", "超过", "逾"):
            qualifier = "gt"
        elif pre in ("近", "接近", "将近"):
            qualifier = "near"
        elif pre in ("不足", "不到"):
            qualifier = "lt"
        self._bind_share(text, m.start(), m.end(), stated, qualifier, 5.0, 5.0, add, unit="%")

    def _check_number(self, text: str, raw: RawMention, add, ignore_spans) -> None:
        start, end = raw.start, raw.end
        line_start = text.rfind("\n", 0, start) + 1
        if ignore_spans(start):
            add(start, end, raw.value, raw.unit, "eq", None, "ignored", "part of a name")
            return
        if (start > 0 and re.match(r"[A-Za-z\-]", text[start - 1])) or (end < len(text) and re.match(r"[A-Za-z]", text[end:end + 1])):
            add(start, end, raw.value, raw.unit, "eq", None, "ignored", "part of a name or model (e.g. GPT-4)")
            return
        line_end = text.find("\n", start)
        sec = _SECTION_RE.match(text[line_start:line_end if line_end >= 0 else len(text)])
        if sec and line_start + sec.start(1) == start and not raw.unit:
            add(start, end, raw.value, "", "eq", None, "ignored", "section number")
            return
        for fm in _FIGURE_NO_RE.finditer(text, max(0, start - 3), min(len(text), end + 2)):
            if fm.start() <= start < fm.end():
                add(start, end, raw.value, "", "eq", None, "ignored", "figure or table number")
                return
        if not raw.arabic and raw.value == 1 and (re.search(r"(最大|最小|最高|单|其中|前)$", text[max(0, start - 4):start])
                                                   or _IDIOM_RE.match(text[start:start + 6])):
            add(start, end, raw.value, raw.unit, "eq", None, "ignored", "idiom (最大一笔, 单一…), not a count")
            return
        if raw.unit in ("个", "家") and not raw.arabic and _STRUCTURAL_RE.match(text[end - 1:end + 3]):
            add(start, end, raw.value, raw.unit, "eq", None, "ignored", "structural count word")
            return
        if not raw.pre:
            # 不足全球的5%, 超过国内融资金额的65%: the qualifier stands before the denominator.
            q = _DETACHED_Q_RE.search(text[max(0, start - 16):start])
            if q:
                raw.pre = q.group(1)
        qualifier = "range" if raw.high is not None else _qualifier(raw)
        tol = 0.5 * 10 ** (-raw.decimals) if raw.arabic else _cn_tolerance(raw.value)
        unit = raw.unit
        if unit in ("%",):
            before, after, label = self._context(text, start, end)
            if re.search(r"(环比|同比)[^，,；;。]*$", before) or (
                    CHANGE_VERB_RE.search(before) and COMPARING_RE.search(_sentence(before) + after.split("。", 1)[0])):
                self._bind_change(text, raw, qualifier, tol, add)
                return
            self._bind_share(text, start, end, raw.value, qualifier, tol, raw.value * 0.1, add, unit="%")
            return
        if unit == "成":
            self._bind_share(text, start, end, raw.value * 10, qualifier, 5.0 if qualifier in ("eq", "approx") else 0.0, 5.0, add, unit="成")
            return
        if unit == "分之":
            self._bind_share(text, start, end, raw.value, qualifier, 2.5, 5.0, add, unit="%")
            return
        if unit in ("个百分点", "百分点"):
            self._bind_derived(text, raw, qualifier, tol, add, "pp")
            return
        if unit == "倍":
            self._bind_derived(text, raw, qualifier, tol, add, "倍")
            return
        if unit in AMOUNT_UNITS:
            factor = raw.magnitude * (1e8 if unit.startswith("亿") else 1e4 if unit.startswith("万") else 1.0)
            if unit == "数":
                factor = raw.magnitude
            value_yi = raw.value * factor / 1e8
            self._bind_amount(text, raw, value_yi, qualifier, tol * factor / 1e8, add)
            return
        if unit in USD_UNITS:
            texts = {d.get("amount_text") for fid in ("deals.global.top", "deals.domestic.top", "deals.overseas.top")
                     for d in (self.facts.value(fid) or [])}
            verdict = "ok" if raw.text.strip() in texts else "unsupported"
            add(start, end, raw.value, unit, qualifier, None, verdict,
                "" if verdict == "ok" else "foreign-currency amounts are not facts; state the 亿元 figure")
            return
        if unit in COUNT_UNITS or unit.startswith("个"):
            self._bind_count(text, raw, qualifier, tol, add)
            return
        # A bare number: supported only if it is exactly a fact's displayed figure.
        self._bind_bare(text, raw, add)

    # -- binders -------------------------------------------------------------------------
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
        scope = _scope_for(before, label, self.facts, after)
        clause_before = _CLAUSE_SPLIT.split(before)[-1]
        if "最大一笔" in clause_before:
            claimed = self.facts.get("global.top1_share")
            self._decide(add, start, end, stated, unit, qualifier, claimed, self._candidates(("%",), None), tol, band, shown)
            return
        tops = re.findall(r"前(\d+)笔", before)
        if tops and re.search(r"前\d+笔[^。；;]*$", before):
            claimed = self.facts.get(f"global.top{tops[-1]}_share")
            self._decide(add, start, end, stated, unit, qualifier, claimed, self._candidates(("%",), None), tol, band, shown)
            return
        if "超大额" in before or _THRESHOLD_RE.search(_sentence(before)):
            claimed = self.facts.get("global.mega_amount_share")
            self._decide(add, start, end, stated, unit, qualifier, claimed, self._candidates(("%",), "global"), tol, band, shown)
            return
        metric = _metric_word(before, after)
        if scope and scope.startswith("country."):
            scope = _country_within_region(scope, before, self.facts)
        claimed = self.facts.get(f"{scope}.{metric}_share") if scope and metric else None
        if claimed is None and scope and scope.startswith("country.CN") and metric:
            claimed = self.facts.get(f"domestic.{metric}_share")
        pool = self._candidates(("%",), scope if claimed is None and scope and scope != "global" else None)
        if claimed is None and metric:  # a share of money is never bound to a share of events
            pool = [f for f in pool if ("events" if "events" in f.metric else "amount") == metric]
        self._decide(add, start, end, stated, unit, qualifier, claimed, pool or self._candidates(("%",), None), tol, band, shown)

    def _bind_change(self, text, raw: RawMention, qualifier, tol, add) -> None:
        before, after, label = self._context(text, raw.start, raw.end)
        sign = -1.0 if re.search(rf"({_DOWN_WORDS})[^，,；;]*$", before[-8:]) else 1.0
        stated = sign * raw.value
        kind = "yoy" if re.search(r"同比[^，,；;]*$", before) or re.search(r"去年同期|上年同期", _sentence(before)) else "mom"
        scope = _scope_for(before, label, self.facts) or "global"
        metric = _metric_word(before, after) or "events"
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
        scope = None if self._in_table(text, raw.start) else _scope_for(before, label, self.facts)
        clause = _CLAUSE_SPLIT.split(before)[-1]
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
        if "超大额" in before + after[:12] or (_THRESHOLD_RE.search(clause) and re.match(r"(?:以上)?的?(?:交易|融资)", after)):
            claimed = self.facts.get("global.mega_threshold")
            qualifier = "eq"  # 单笔不低于X的超大额交易 defines the threshold: X must be the threshold
        elif re.search(r"第\d+|最大|单笔金额", clause) and metric == "amount":
            claimed = None  # a single deal: bind by value among deals
        named = self._named(text, raw.start, self.deal_by_name, value_yi, qualifier, tol)
        if named is not None and (self._in_table(text, raw.start) or claimed is None):
            claimed = named
        average = self.facts.get(f"{scope}.avg_amount") if scope else None
        if (metric == "amount" and claimed is not None and average is not None and re.search(r"平均|每笔", _sentence(before))
                and not fits(claimed.value, value_yi, qualifier, tol, 0) and fits(average.value, value_yi, qualifier, tol, 0)):
            claimed = average  # 国外平均每笔22.85亿元，约为国内（8,340万元）的27倍: the average carries over
        pool = self._candidates(("亿元",), None)
        band = value_yi * 0.1
        self._decide(add, raw.start, raw.end, value_yi, "亿元", qualifier, claimed, pool, tol, band, raw.text)

    def _bind_count(self, text, raw: RawMention, qualifier, tol, add) -> None:
        before, after, label = self._context(text, raw.start, raw.end)
        clause = _CLAUSE_SPLIT.split(before)[-1]
        scope = None if self._in_table(text, raw.start) else _scope_for(before, label, self.facts)
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
        elif "超大额" in before or _THRESHOLD_RE.search(clause) or re.match(r"[^，,；;。]*超大额", after):
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


def name_spans(markup: str) -> list[tuple[int, int]]:
    """Plain-text spans of data names in the writer's marked-up output."""
    from .writer import MARKER_RE

    spans, plain_pos, last = [], 0, 0
    for m in MARKER_RE.finditer(markup):
        plain_pos += m.start() - last
        if m.group(1) is not None:
            plain_pos += len(m.group(2))
        else:
            spans.append((plain_pos, plain_pos + len(m.group(3))))
            plain_pos += len(m.group(3))
        last = m.end()
    return spans


def check_article(text: str, facts: MonthFacts, markup: str | None = None) -> CheckReport:
    """Check every number of ``text`` against ``facts`` (``markup`` marks names to skip)."""
    return Checker(facts).check(text, name_spans(markup) if markup else None)
