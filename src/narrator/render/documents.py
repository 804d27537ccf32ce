"""Stage 5: Markdown, HTML (self-contained, WeChat-style inline CSS) and Word output."""

from __future__ import annotations

import base64
import html
import io
import re

from ..markup import (
    FACT_CLOSE,
    FACT_MID,
    FACT_OPEN,
    NAME_CLOSE,
    NAME_OPEN,
    strip_markers,
)
from ..model import MonthFacts
from .blocks import Block, Span, plain
from .provenance import explain

# Inline styles: the WeChat editor drops <style> blocks and classes.
_CSS = {
    "section": "max-width:677px;margin:0 auto;padding:16px;font-family:-apple-system,'PingFang SC','Hiragino Sans GB',"
               "'Microsoft YaHei','Noto Sans SC','Noto Sans CJK SC',sans-serif;font-size:15px;line-height:1.75;color:#333;"
               "overflow-wrap:break-word;",  # a 60-character name without spaces must wrap, not widen the page
    "h1": "font-size:22px;line-height:1.4;margin:8px 0 16px;color:#1F4E79;",
    "h2": "font-size:18px;margin:28px 0 12px;padding-left:10px;border-left:4px solid #C0392B;color:#222;",
    "h3": "font-size:16px;margin:20px 0 8px;color:#1F4E79;",
    "h4": "font-size:15px;margin:16px 0 6px;",
    "p": "margin:10px 0;text-align:left;",  # justify stretches lines that end before a figure (an unbreakable box)
    "ul": "margin:8px 0;padding-left:20px;",
    "li": "margin:4px 0;",
    # Wide tables scroll inside their own box on a phone instead of squeezing columns.
    "table_box": "overflow-x:auto;-webkit-overflow-scrolling:touch;margin:10px 0;max-width:100%;",
    "table": "border-collapse:collapse;min-width:100%;font-size:13px;",
    "th": "border:1px solid #ddd;background:#f3f6f9;padding:6px;text-align:left;white-space:nowrap;",
    "td": "border:1px solid #ddd;padding:6px;vertical-align:top;white-space:nowrap;",
    "td_long": "border:1px solid #ddd;padding:6px;vertical-align:top;min-width:9em;",
    "img": "width:100%;max-width:480px;height:auto;display:block;margin:12px auto;",  # charts are drawn 4.8in wide
    # A figure is a button that opens its provenance (a popover: no script), and shows it on hover (title).
    "fact": "all:unset;display:inline;color:#1F4E79;font-weight:600;border-bottom:1px dotted #7FA7C9;cursor:pointer;"
            "white-space:nowrap;",
    "why": "max-width:min(88vw,420px);margin:auto;padding:10px 14px;border:1px solid #7FA7C9;border-radius:6px;"
           "font-size:14px;font-weight:normal;line-height:1.6;color:#333;background:#fff;text-align:left;"
           "white-space:normal;box-shadow:0 4px 16px rgba(0,0,0,.2);",
    "flag": "all:unset;display:inline;color:#B71C1C;font-weight:600;background:#FFEBEE;border-bottom:2px solid #E53935;"
            "cursor:pointer;white-space:nowrap;",
}
# A fact id starting with FLAG marks a figure that failed its check (narrate render --force);
# the rest of the id is the checker's finding, shown where a fact's provenance would be.
FLAG = "!"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


# -- Markdown ------------------------------------------------------------------------------
def _md_spans(spans: list[Span], in_table: bool = False, markers: bool = False) -> str:
    out: list[tuple[bool, str]] = []
    for s in spans:
        text = s.text
        if s.kind == "name":
            text = _MD_SPECIAL.sub(r"\\\1", text)
            if markers:
                text = f"{NAME_OPEN}{text}{NAME_CLOSE}"
        elif in_table:
            text = text.replace("|", "\\|")
        if s.kind == "fact" and markers:
            text = f"{FACT_OPEN}{s.fact_id}{FACT_MID}{text}{FACT_CLOSE}"
        out.append((s.bold, text))
    # Adjacent bold spans share one pair of ** (《**2025年11月**全球…》 would otherwise break the emphasis).
    joined, i = [], 0
    while i < len(out):
        j = i
        while j < len(out) and out[j][0] == out[i][0]:
            j += 1
        run = "".join(t for _, t in out[i:j])
        joined.append(f"**{run}**" if out[i][0] else run)
        i = j
    return "".join(joined)


def to_markdown(blocks: list[Block], markers: bool = False) -> str:
    """Markdown with relative image links (``markers`` keeps fact and name markers)."""
    parts = []
    k = markers
    for b in blocks:
        if b.kind == "heading":
            parts.append("#" * b.level + " " + _md_spans(b.spans, markers=k))
        elif b.kind == "para":
            parts.append(_md_spans(b.spans, markers=k))
        elif b.kind == "bullets":
            parts.append("\n".join("- " + _md_spans(item, markers=k) for item in b.items))
        elif b.kind == "table":
            head, *rows = b.rows
            lines = ["| " + " | ".join(_md_spans(c, True, k) for c in head) + " |",
                     "| " + " | ".join("---" for _ in head) + " |"]
            lines += ["| " + " | ".join(_md_spans(c, True, k) for c in row) + " |" for row in rows]
            parts.append("\n".join(lines))
        elif b.kind == "image":
            parts.append(f"![{b.alt}]({b.src})")
    return "\n\n".join(parts) + "\n"


# -- HTML ----------------------------------------------------------------------------------
class _Figures:
    """Numbers the page's figures so each button opens its own provenance popover."""

    def __init__(self, facts: MonthFacts) -> None:
        self.facts = facts
        self.count = 0

    def span(self, text: str, fact_id: str) -> str:
        """A figure as a button with its provenance popover (ids only in data-* attributes)."""
        fid = html.escape(fact_id, quote=True)
        if fact_id.startswith(FLAG):  # a figure that failed its check (narrate render --force)
            finding = html.escape(fact_id[len(FLAG):], quote=True)
            return f'<mark style="{_CSS["flag"]}" title="{finding}" data-fact="{fid}">{text}</mark>'
        why = explain(self.facts, fact_id)
        if why is None:
            return f'<span data-fact="{fid}">{text}</span>'
        self.count += 1
        pid = f"f{self.count}"
        lines = "<br>".join(html.escape(line) for line in why.lines())
        title = html.escape(why.text(), quote=True)
        return (f'<button type="button" popovertarget="{pid}" style="{_CSS["fact"]}" title="{title}" '
                f'data-fact="{fid}">{text}</button>'
                f'<span id="{pid}" popover data-fact="{fid}" style="{_CSS["why"]}">{lines}</span>')


# A figure is an atomic box to the line breaker, which would then start a line with "，" or
# end one with "（": punctuation next to a figure is glued to it.
_CLOSING = "，。、；：？！）」』”’%％…—"
_OPENING = "（「『“‘"


def _html_spans(spans: list[Span], figures: _Figures) -> str:
    texts = [s.text for s in spans]
    glue: dict[int, tuple[str, str]] = {}
    for i, s in enumerate(spans):
        if s.kind != "fact":
            continue
        before = after = ""
        if i > 0 and spans[i - 1].kind != "fact" and texts[i - 1][-1:] and texts[i - 1][-1] in _OPENING:
            before, texts[i - 1] = texts[i - 1][-1], texts[i - 1][:-1]
        if i + 1 < len(spans) and spans[i + 1].kind != "fact":
            rest = texts[i + 1].lstrip(_CLOSING)
            after, texts[i + 1] = texts[i + 1][:len(texts[i + 1]) - len(rest)], rest
        glue[i] = (before, after)
    out = []
    for i, s in enumerate(spans):
        text = html.escape(texts[i])
        if s.kind == "fact":
            text = figures.span(text, s.fact_id or "")
        text = f"<strong>{text}</strong>" if s.bold and text else text
        if i in glue and any(glue[i]):
            before, after = (html.escape(g) for g in glue[i])
            text = f'<span style="white-space:nowrap">{before}{text}{after}</span>'
        out.append(text)
    return "".join(out)


def _html_table(rows: list[list[list[Span]]], figures: _Figures) -> str:
    head, *body = rows

    def td(cell: list[Span]) -> str:
        # Short cells never wrap (313.80亿元, 应用层); long ones (investor lists) wrap at a sane width.
        style = _CSS["td_long"] if len(plain(cell)) > 14 else _CSS["td"]
        return f'<td style="{style}">{_html_spans(cell, figures)}</td>'

    th = "".join(f'<th style="{_CSS["th"]}">{_html_spans(c, figures)}</th>' for c in head)
    trs = "".join("<tr>" + "".join(td(c) for c in row) + "</tr>" for row in body)
    return (f'<div style="{_CSS["table_box"]}"><table style="{_CSS["table"]}"><thead><tr>{th}</tr></thead>'
            f'<tbody>{trs}</tbody></table></div>')


def to_html(blocks: list[Block], facts: MonthFacts, images: dict[str, bytes], title: str) -> str:
    """One self-contained page: images embedded, every data field escaped, figures explained by tap or hover."""
    figures = _Figures(facts)
    body = []
    for b in blocks:
        if b.kind == "heading":
            tag = f"h{min(b.level, 4)}"
            body.append(f'<{tag} style="{_CSS[tag]}">{_html_spans(b.spans, figures)}</{tag}>')
        elif b.kind == "para":
            body.append(f'<p style="{_CSS["p"]}">{_html_spans(b.spans, figures)}</p>')
        elif b.kind == "bullets":
            items = "".join(f'<li style="{_CSS["li"]}">{_html_spans(i, figures)}</li>' for i in b.items)
            body.append(f'<ul style="{_CSS["ul"]}">{items}</ul>')
        elif b.kind == "table":
            body.append(_html_table(b.rows, figures))
        elif b.kind == "image":
            data = images.get(b.src)
            if data is None:
                continue
            uri = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
            body.append(f'<img style="{_CSS["img"]}" alt="{html.escape(b.alt, quote=True)}" src="{uri}">')
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{html.escape(title)}</title>\n</head>\n<body style=\"margin:0;background:#fff;\">\n"
            f"<section style=\"{_CSS['section']}\">\n" + "\n".join(body) + "\n</section>\n</body>\n</html>\n")


# -- Word ----------------------------------------------------------------------------------
def to_docx(blocks: list[Block], images: dict[str, bytes]) -> bytes:
    """A .docx for a Chinese desk: A4, real headings, a 目录 field, content-sized tables, captioned charts."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Pt, RGBColor

    from . import docx_layout as layout

    doc = Document()
    layout.a4_page(doc)
    for style_name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "List Bullet", "Caption"):
        if style_name in doc.styles:
            layout.east_asian_font(doc.styles[style_name], "Microsoft YaHei")
    doc.styles["Normal"].font.size = Pt(10.5)
    layout.update_fields_on_open(doc)
    style_ids: dict[str, str | None] = {}

    def styled(name: str):
        """A new paragraph of style ``name``. Each name is looked up once: python-docx searches
        every style of the document on each lookup, which made this function quadratic."""
        if name not in style_ids:
            style_ids[name] = doc.part.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH)
        paragraph = doc.add_paragraph()
        paragraph._p.style = style_ids[name]
        return paragraph

    def add_runs(paragraph, spans: list[Span]) -> None:
        for s in spans:
            run = paragraph.add_run(s.text)
            run.bold = s.bold or None
            if s.kind == "fact" and (s.fact_id or "").startswith(FLAG):
                run.font.color.rgb = RGBColor(0xB7, 0x1C, 0x1C)
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            elif s.kind == "fact":
                run.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)

    # The 目录 is a TOC field over the real headings (so it always agrees with them).
    toc_entries = [(b.level, plain(b.spans)) for b in blocks if b.kind == "heading" and 2 <= b.level <= 3]
    figure = 0
    for i, b in enumerate(blocks):
        if b.kind == "heading":
            add_runs(styled(f"Heading {min(b.level, 4)}"), b.spans)
        elif b.kind == "para":
            add_runs(doc.add_paragraph(), b.spans)
        elif b.kind == "bullets":
            if i > 0 and blocks[i - 1].kind == "heading" and plain(blocks[i - 1].spans).endswith("目录"):
                layout.toc_field(doc, toc_entries)
                continue
            for item in b.items:
                add_runs(styled("List Bullet"), item)
        elif b.kind == "table":
            table = doc.add_table(rows=len(b.rows), cols=len(b.rows[0]))
            table.style = "Table Grid"
            # Row by row: table.cell(r, c) lays out the whole table again on every call.
            for r, (row, cells) in enumerate(zip(b.rows, table.rows)):
                for cell, box in zip(row, cells.cells):
                    add_runs(box.paragraphs[0], [Span(s.kind, s.text, s.bold or r == 0, s.fact_id) for s in cell])
            layout.layout_table(table, [[plain(c) for c in row] for row in b.rows])
        elif b.kind == "image" and b.src in images:
            figure += 1
            layout.add_figure(doc, images[b.src], f"图{figure} {b.alt}")
    buf = io.BytesIO()
    doc.core_properties.title = plain(blocks[0].spans) if blocks else ""
    doc.save(buf)
    return buf.getvalue()


def render_all(blocks: list[Block], marked_md: str, facts: MonthFacts, images: dict[str, bytes], formats: list[str],
               title: str) -> dict[str, bytes]:
    """Every requested output as bytes, keyed by file name (``marked_md`` is to_markdown(blocks, markers=True))."""
    out: dict[str, bytes] = {}
    if "md" in formats:
        out["article.md"] = strip_markers(marked_md).encode("utf-8")
    if "html" in formats:
        out["article.html"] = to_html(blocks, facts, images, title).encode("utf-8")
    if "docx" in formats:
        out["article.docx"] = to_docx(blocks, images)
    return out


__all__ = ["render_all", "to_markdown", "to_html", "to_docx"]
