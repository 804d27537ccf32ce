"""The review an editor works through: a Word copy with one comment per problem figure, or
a self-contained HTML page with every checked figure marked and explained.

Everything shown comes from the check report and the facts; all text from the file and the
data is escaped (HTML) or written as plain comment text (Word). The page runs no script: a
mark opens its explanation on hover, tap (focus) or when the summary links to it (:target).
"""

from __future__ import annotations

import html
import io
import re
from copy import deepcopy
from pathlib import Path
from typing import Any

from ..check.report import PROBLEMS, CheckReport, Mention, Verdict
from ..check.sources import DocxParagraph, SourceText, docx_paragraphs, visible_runs
from ..errors import ConfigError
from ..model import MonthFacts

VERDICT_ZH: dict[Verdict, str] = {Verdict.OK: "已核对", Verdict.WRONG: "错误", Verdict.UNSUPPORTED: "无依据",
                              Verdict.AMBIGUOUS: "有歧义", Verdict.IGNORED: "未核对"}
AUTHOR, INITIALS = "narrator", "NR"


def explain(m: Mention, facts: MonthFacts) -> dict[str, str]:
    """What a figure claims, the fact it was checked against and how that fact was computed."""
    fact = facts.get(m.fact_id) if m.fact_id else None
    out = {"claim": m.text, "verdict": m.verdict, "verdict_zh": VERDICT_ZH.get(m.verdict, m.verdict),
           "reason": m.reason or "", "fact_id": m.fact_id or "", "label": "", "display": "", "computation": ""}
    if fact is not None:
        out["label"], out["display"] = fact.label, str(fact.display)
        parts = [fact.formula or f"{fact.label} = {fact.display}，由{facts.month}的事件数据直接汇总" + _data_note(facts)]
        for fid in fact.inputs:
            src = facts.get(fid)
            if src is not None:
                parts.append(f"{src.label}（{src.id}）= {src.display}")
        out["computation"] = "；".join(parts)
    return out


def _data_note(facts: MonthFacts) -> str:
    data = facts.data or {}
    if not data.get("kept"):
        return ""
    sample = "示例数据，" if data.get("sample") else ""
    return f"（数据：{sample}{len(data.get('files') or [])}个文件共{data['kept']}条有效记录）"


def comment_text(m: Mention, facts: MonthFacts) -> str:
    """The plain text of a Word comment on a problem figure."""
    e = explain(m, facts)
    lines = [f"{e['verdict_zh']}：文中写“{e['claim']}”"]
    if e["label"]:
        lines.append(f"事实：{e['label']}（{e['fact_id']}）= {e['display']}")
        lines.append(f"计算：{e['computation']}")
    if e["reason"]:
        lines.append(f"说明：{e['reason']}")
    return "\n".join(lines)


# -- Word ----------------------------------------------------------------------------------
_SIMPLE_RUN = {"rPr", "t", "tab", "br", "cr", "noBreakHyphen", "softHyphen", "lastRenderedPageBreak"}


def _splittable(run: Any) -> bool:
    return all(child.tag.rsplit("}", 1)[-1] in _SIMPLE_RUN for child in run._r)


def _isolate(paragraph: DocxParagraph, document: Any, start: int, end: int) -> list[Any]:
    """The runs covering characters [start, end) of the paragraph, splitting runs at the edges."""
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    parent = Paragraph(paragraph.element, document)
    chosen, pos = [], 0
    for run in visible_runs(paragraph.element, parent):
        text = run.text
        a, b = pos, pos + len(text)
        pos = b
        if b <= start or a >= end or not text:
            continue
        lo, hi = max(start, a) - a, min(end, b) - a
        if (lo > 0 or hi < len(text)) and _splittable(run):
            pieces = [text[:lo], text[lo:hi], text[hi:]]
            middle, right = deepcopy(run._r), deepcopy(run._r)
            run._r.addnext(middle)
            middle.addnext(right)
            for el, piece in zip((run._r, middle, right), pieces):
                if piece:
                    Run(el, run._parent).text = piece
                else:
                    el.getparent().remove(el)
            run = Run(middle, run._parent)
        chosen.append(run)
    return chosen


def review_docx(source: SourceText, report: CheckReport, facts: MonthFacts) -> tuple[bytes, int]:
    """A copy of the Word file with one comment per problem figure, anchored on the figure's runs."""
    from docx import Document

    if source.kind != "docx":
        raise ConfigError(f"{source.name}: a Word review needs a Word (.docx) input; write OUT.html instead")
    document = Document(io.BytesIO(source.data))
    paragraphs: list[DocxParagraph] = []
    for block in docx_paragraphs(document):
        if isinstance(block, DocxParagraph):
            paragraphs.append(block)
        else:
            paragraphs += [p for row in block for cell in row for p in cell]
    added = 0
    for m in report.problems:
        first, last = source.place(m.start), source.place(m.end - 1)
        if first.block < 0:
            continue
        end = last.column if last.block == first.block else len(paragraphs[first.block].text)
        runs = _isolate(paragraphs[first.block], document, first.column - 1, end)
        if runs:
            first_line, *more = comment_text(m, facts).split("\n")
            comment = document.add_comment(runs, text=first_line, author=AUTHOR, initials=INITIALS)
            for line in more:
                comment.add_paragraph(line)
            added += 1
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue(), added


# -- HTML ----------------------------------------------------------------------------------
_CSS = """
body{margin:0;background:#fafafa;color:#222;font:16px/1.75 -apple-system,'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans SC',sans-serif}
main{max-width:720px;margin:0 auto;padding:12px 14px 40px;background:#fff}
h1.t{font-size:19px;margin:6px 0}.meta{color:#666;font-size:13px}
.sum{border:1px solid #e0e0e0;border-radius:6px;padding:8px 12px;margin:10px 0 18px;background:#fcfcfc}
.sum ol{padding-left:22px;margin:6px 0}.sum li{margin:4px 0;font-size:14px}.sum a{color:#1565c0}
.doc p,.doc li,.doc td,.doc th,.doc h1,.doc h2,.doc h3,.doc h4{position:relative}
.doc table{border-collapse:collapse;width:100%;font-size:14px;display:block;overflow-x:auto}
.doc td,.doc th{border:1px solid #ddd;padding:4px 6px;vertical-align:top}.doc th{background:#f3f6f9}
.img{color:#888;font-size:13px}
.m{border-radius:3px;padding:0 1px;cursor:pointer;outline:none;scroll-margin-top:40vh}
.ok{background:#e8f5e9;border-bottom:2px solid #43a047}
.wrong{background:#ffebee;border-bottom:2px solid #e53935}
.unsupported{background:#fff3e0;border-bottom:2px dashed #ef6c00}
.ambiguous{background:#ede7f6;border-bottom:2px dotted #5e35b1}
.tip{display:none;position:absolute;left:0;right:0;z-index:5;background:#fff;color:#222;border:1px solid #bbb;
border-radius:6px;box-shadow:0 2px 10px rgba(0,0,0,.18);padding:6px 10px;font-size:13px;line-height:1.6;font-weight:400}
.m:hover .tip,.m:focus .tip,.m:target .tip{display:block}
.tip b{font-weight:600}.k{color:#666}
.lg span{margin-right:8px;font-size:13px}
"""


def _scoped(css: str) -> str:
    """Every rule under ``.rv`` (the page's body, or the notebook cell's div), so a notebook's own page is untouched."""
    def scope(m: re.Match[str]) -> str:
        sels = [".rv" if x.strip() == "body" else f".rv {x.strip()}" for x in m.group(1).split(",")]
        return ",".join(sels) + "{"
    return re.sub(r"([^{}]+)\{", scope, css)


def _tip(m: Mention, facts: MonthFacts) -> str:
    e = {k: html.escape(v) for k, v in explain(m, facts).items()}
    rows = [f"<b>{e['verdict_zh']}</b>：文中写“{e['claim']}”"]
    if e["label"]:
        rows.append(f"<span class=k>事实</span> {e['label']}（{e['fact_id']}）= <b>{e['display']}</b>")
        rows.append(f"<span class=k>计算</span> {e['computation']}")
    if e["reason"]:
        rows.append(f"<span class=k>说明</span> {e['reason']}")
    return "<span class=tip>" + "<br>".join(rows) + "</span>"


class _Page:
    """Renders the checked text (narrator's Markdown shapes) with every checked figure marked."""

    def __init__(self, source: SourceText, report: CheckReport, facts: MonthFacts) -> None:
        self.text, self.facts = source.text, facts
        self.marks = [(i, m) for i, m in enumerate(report.mentions) if m.verdict != Verdict.IGNORED]
        self.k = 0  # next mark to place

    def inline(self, a: int, b: int) -> str:
        out, pos = [], a
        while self.k < len(self.marks) and self.marks[self.k][1].start < b:
            i, m = self.marks[self.k]
            self.k += 1
            if m.start < pos:
                continue
            out.append(self._plain(pos, m.start))
            end = min(m.end, b)
            out.append(f'<span class="m {m.verdict}" id="m{i}" tabindex="0">{html.escape(self.text[m.start:end])}'
                       f"{_tip(m, self.facts)}</span>")
            pos = end
        out.append(self._plain(pos, b))
        return "".join(out)

    def _plain(self, a: int, b: int) -> str:
        return html.escape(self.text[a:b].replace("**", "")) if b > a else ""

    def body(self) -> str:
        out: list[str] = []
        open_tag = ""
        pos = 0
        rows_seen = 0
        for line in self.text.split("\n"):
            a, b = pos, pos + len(line)
            pos = b + 1
            kind = "ul" if line.startswith("- ") else "table" if line.startswith("|") else ""
            if open_tag and kind != open_tag:
                out.append(f"</{open_tag}>")
                open_tag = ""
            if kind and not open_tag:
                out.append(f"<{kind}>")
                open_tag, rows_seen = kind, 0
            stripped = line.strip()
            if not stripped:
                continue
            if kind == "ul":
                out.append(f"<li>{self.inline(a + 2, b)}</li>")
            elif kind == "table":
                if re.fullmatch(r"\|(\s*:?-{3,}:?\s*\|)+", stripped):
                    continue
                tag = "th" if rows_seen == 0 else "td"
                rows_seen += 1
                out.append("<tr>" + "".join(f"<{tag}>{self.inline(x, y)}</{tag}>" for x, y in self._cells(a, b))
                           + "</tr>")
            elif (h := re.match(r"(#{1,6}) ", line)):
                level = min(len(h.group(1)) + 1, 4)  # the page title is the h1
                out.append(f"<h{level}>{self.inline(a + h.end(), b)}</h{level}>")
            elif (img := re.fullmatch(r"!\[([^\]]*)\]\([^)]*\)", stripped)):
                self.inline(a, b)  # marks inside an image's alt text are listed, not shown
                out.append(f"<p class=img>［图：{html.escape(img.group(1))}］</p>")
            else:
                out.append(f"<p>{self.inline(a, b)}</p>")
        if open_tag:
            out.append(f"</{open_tag}>")
        return "\n".join(out)

    def _cells(self, a: int, b: int) -> list[tuple[int, int]]:
        bars = [a + i for i, ch in enumerate(self.text[a:b]) if ch == "|" and self.text[a + i - 1:a + i] != "\\"]
        cells = []
        for x, y in zip(bars, bars[1:]):
            x += 1
            while x < y and self.text[x] == " ":
                x += 1
            while y > x and self.text[y - 1] == " ":
                y -= 1
            cells.append((x, y))
        return cells


def _place_zh(source: SourceText, offset: int) -> str:
    p = source.place(offset)
    if p.table:
        return f"表{p.table} 第{p.row}行第{p.cell}格"
    if p.paragraph:
        return f"第{p.paragraph}段第{p.column}字"
    return f"第{p.line}行第{p.column}字"


def review_html(source: SourceText, report: CheckReport, facts: MonthFacts, fragment: bool = False) -> str:
    """The review page (``fragment``: a <div> with its own styles, for a notebook cell)."""
    page = _Page(source, report, facts)
    body = page.body()
    index = {id(m): i for i, m in enumerate(report.mentions)}
    problems = [m for m in report.mentions if m.verdict in PROBLEMS]
    items = "".join(
        f'<li><a href="#m{index[id(m)]}">{html.escape(_place_zh(source, m.start))}</a> '
        f"<b>{html.escape(m.text)}</b> {VERDICT_ZH[m.verdict]}"
        + (f"：{html.escape(m.reason)}" if m.reason else "") + "</li>"
        for m in problems)
    counts = report.counts
    legend = "".join(f'<span class="m {v}">{VERDICT_ZH[v]} {counts.get(v, 0)}</span>'
                     for v in (Verdict.OK, Verdict.WRONG, Verdict.UNSUPPORTED, Verdict.AMBIGUOUS))
    head = (f"<h1 class=t>数字核对：{html.escape(Path(source.name).name)}</h1>"
            f"<div class=meta>核对月份 {html.escape(facts.month)}；点按任一标记的数字查看事实与计算。</div>"
            f"<div class=sum><b>{'全部通过' if report.ok else f'{len(problems)} 个问题'}</b>"
            f"<div class=lg>{legend}</div>" + (f"<ol>{items}</ol>" if items else "") + "</div>")
    inner = f"<main>{head}<div class=doc>{body}</div></main>"
    if fragment:
        return f"<div class=rv><style>{_scoped(_CSS)}</style>{inner}</div>"
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
            f"<title>数字核对：{html.escape(Path(source.name).name)}</title>\n<style>{_scoped(_CSS)}</style>\n</head>\n"
            f"<body class=rv>\n{inner}\n</body>\n</html>\n")


def write_review(out: Path, source: SourceText, report: CheckReport, facts: MonthFacts) -> list[tuple[Path, int]]:
    """Write OUT.docx (Word input) and/or OUT.html; returns each path with its number of notes."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in ("", ".docx", ".html", ".htm"):
        raise ConfigError(f"--review {out}: name a .docx or .html file (or give no suffix for both)")
    written = []
    if suffix == ".docx" or (suffix == "" and source.kind == "docx"):
        data, added = review_docx(source, report, facts)
        path = out if suffix else out.with_suffix(".docx")
        path.write_bytes(data)
        written.append((path, added))
    if suffix in (".html", ".htm", ""):
        path = out if suffix else out.with_suffix(".html")
        path.write_text(review_html(source, report, facts), encoding="utf-8")
        written.append((path, report.problem_count))
    return written


__all__ = ["comment_text", "explain", "review_docx", "review_html", "write_review"]
