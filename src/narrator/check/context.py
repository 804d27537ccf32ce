"""A figure's context: the sentence before and after it as the binders read it, and its line's label.

The sentence is widened where the writer's subject stands elsewhere: a question before an
answer, 这一比例 after the sentence that told the share, a comparison opening a sentence, a
bracket naming its own subject, a 分别 list (said or implied), a table column's header.
Mixed into every binder (through :class:`~narrator.check.ratios.RatioReaders`); the
attributes are set by :class:`~narrator.check.checker.Checker`.
"""

from __future__ import annotations

import bisect
import re

from ..model import MonthFacts
from .clauses import CLAUSE_SPLIT, SENTENCE_END, scope_of_clause
from .meaning import FENBIE, respectively

_FIGURE = r"\d[\d,.]*\s*(?:%|亿元|万元|起|笔|次|家|个百分点)"
LIST_PREV_RE = re.compile(rf"(?:{_FIGURE}\s*[、和与及]\s*)+$")
LIST_NEXT_RE = re.compile(rf"(?:{_FIGURE})?\s*[、和与及]\s*{_FIGURE}")  # from the figure's start or end


class SentenceContext:
    """``_context``: what the binders read around a figure."""

    facts: MonthFacts
    names: list[str]
    _ctx_text: str | None
    _ends: list[int]

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
        if i > 0 and (re.search(r"呢[？?]$", text[max(0, sent_start - 12):sent_start]) or text[sent_start - 1:sent_start] in ("？", "?")
                      and re.match(r"\s*(?:答案|回答|答)(?:是|为|就是)?[：:]?", before)):
            # 国内呢？只分到7.6% / …流向了国内？答案是70.1%: the question names the subject of the answer
            topic = max(text.rfind(ch, 0, sent_start - 1) for ch in "。！？!?\n") + 1
            before = text[topic:sent_start - 1] + "，" + before
        if i > 0 and re.search(r"这一?个?(?:比例|占比|比重)|该(?:比例|占比)", before):
            # 美国拿走88.0%。只看国外市场，这个比例更高，达到95.2%: the share the sentence before told (its figures dropped)
            prev = text[max(text.rfind(ch, 0, sent_start - 1) for ch in "。！？!?\n") + 1:sent_start - 1]
            before = re.sub(r"\d[\d,.]*\s*(?:%|亿元|万元|起|笔|次)?", "", prev) + "，" + before
        if line_start < sent_start and re.match(r"\s*(?:较|比|与|和|同|相比|相较|环比)", before) \
                and not any(scope_of_clause(c, self.facts) for c in CLAUSE_SPLIT.split(before)):
            # - 早期87起，占全球52.1%。较9月的75起增长16.0%: a comparison that opens a sentence
            # compares the subject of the sentence before it, on the same line
            prev = re.split(r"[。！？!?]", text[line_start:sent_start - 1])[-1]
            subject = next((c for c in CLAUSE_SPLIT.split(prev)[1 if label else 0:] if scope_of_clause(c, self.facts)), "")
            subject = re.sub(r"\d[\d,.]*\s*(?:%|亿元|万元|起|笔|次)?", "", subject)
            if subject:
                before = subject + "，" + before
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
        subject_header = self._column_header(text, line_start, start, subjects=True) \
            if text[line_start:line_start + 8].lstrip().startswith("|") else ""
        if subject_header:
            # | 金额环比 | 增长70.5% | 增长40.0% | under | 指标 | 全球 | 国外 |: the column names the subject,
            # the row's first cell the measure
            cells = before.split("|")
            row_label = next((c.strip() for c in cells[1:-1] if c.strip()), "")
            before = "|" + subject_header + row_label + "|" + cells[-1]
        elif text[line_start:line_start + 8].lstrip().startswith("|") and (header := self._column_header(text, line_start, start)):
            # | 国内 | 214起 | 72.1% | 140.94 | 7.6% | under 金额占比: the column names the measure;
            # the row's other figures are not this cell's words.
            cells = [c for c in before.split("|") if c.strip() and not re.fullmatch(r"\s*[\d,.]+\s*(?:%|亿元|万元|起|笔|次)?\s*", c)]
            before = "|" + "|".join(cells) + "|" + header
        return before, text[end:sent_end], label

    def _column_header(self, text: str, line_start: int, pos: int, subjects: bool = False) -> str:
        """The header cell above the table cell at ``pos`` when it names a measure (金额占比, 事件数), else "";
        with ``subjects``, when it names a subject alone (国外, 美国, 早期)."""
        top = line_start
        while top > 0:
            prev = text.rfind("\n", 0, top - 1) + 1
            if not text[prev:top].lstrip().startswith("|"):
                break
            top = prev
        if top == line_start:
            return ""
        header = text[top:text.find("\n", top)].split("|")
        column = text[line_start:pos].count("|")
        cell = header[column].strip() if column < len(header) else ""
        if subjects:
            return cell if column > 1 and len(cell) <= 8 and scope_of_clause(cell, self.facts) else ""
        return cell if re.search(r"占比|比例|份额|金额|事件|笔数|次数|出手|融资额|环比|增长|增速", cell) else ""
