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

# Inline styles: the WeChat editor drops <style> blocks and classes.
_CSS = {
    "section": "max-width:677px;margin:0 auto;padding:16px;font-family:-apple-system,'PingFang SC','Hiragino Sans GB',"
               "'Microsoft YaHei','Noto Sans SC',sans-serif;font-size:15px;line-height:1.75;color:#333;",
    "h1": "font-size:22px;line-height:1.4;margin:8px 0 16px;color:#1F4E79;",
    "h2": "font-size:18px;margin:28px 0 12px;padding-left:10px;border-left:4px solid #C0392B;color:#222;",
    "h3": "font-size:16px;margin:20px 0 8px;color:#1F4E79;",
    "h4": "font-size:15px;margin:16px 0 6px;",
    "p": "margin:10px 0;text-align:justify;",
    "ul": "margin:8px 0;padding-left:20px;",
    "li": "margin:4px 0;",
    "table": "border-collapse:collapse;width:100%;font-size:13px;margin:10px 0;",
    "th": "border:1px solid #ddd;background:#f3f6f9;padding:6px;text-align:left;",
    "td": "border:1px solid #ddd;padding:6px;vertical-align:top;",
    "img": "max-width:100%;height:auto;display:block;margin:12px auto;",
    "fact": "color:#1F4E79;font-weight:600;border-bottom:1px dotted #7FA7C9;cursor:help;",
    "flag": "color:#B71C1C;font-weight:600;background:#FFEBEE;border-bottom:2px solid #E53935;cursor:help;",
}
# A fact id starting with FLAG marks a figure that failed its check (narrate render --force);
# the rest of the id is the checker's finding, shown where a fact's provenance would be.
FLAG = "!"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


# -- Markdown ------------------------------------------------------------------------------
def _md_spans(spans: list[Span], in_table: bool = False, markers: bool = False) -> str:
    out = []
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
        out.append(f"**{text}**" if s.bold else text)
    return "".join(out)


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
def _fact_title(facts: MonthFacts, fact_id: str) -> str:
    if fact_id.startswith(FLAG):
        return fact_id[len(FLAG):]
    fact = facts.get(fact_id)
    if fact is None:
        return fact_id
    how = fact.formula or f"{fact.label} = {fact.display}"
    return f"{fact.label}（{fact.id}）：{how}"


def _html_spans(spans: list[Span], facts: MonthFacts) -> str:
    out = []
    for s in spans:
        text = html.escape(s.text)
        if s.kind == "fact":
            title = html.escape(_fact_title(facts, s.fact_id or ""), quote=True)
            style = _CSS["flag" if (s.fact_id or "").startswith(FLAG) else "fact"]
            text = f'<span style="{style}" title="{title}" data-fact="{html.escape(s.fact_id or "", quote=True)}">{text}</span>'
        out.append(f"<strong>{text}</strong>" if s.bold else text)
    return "".join(out)


def to_html(blocks: list[Block], facts: MonthFacts, images: dict[str, bytes], title: str) -> str:
    """One self-contained page: images embedded, every data field escaped, figures explained on hover."""
    body = []
    for b in blocks:
        if b.kind == "heading":
            tag = f"h{min(b.level, 4)}"
            body.append(f'<{tag} style="{_CSS[tag]}">{_html_spans(b.spans, facts)}</{tag}>')
        elif b.kind == "para":
            body.append(f'<p style="{_CSS["p"]}">{_html_spans(b.spans, facts)}</p>')
        elif b.kind == "bullets":
            items = "".join(f'<li style="{_CSS["li"]}">{_html_spans(i, facts)}</li>' for i in b.items)
            body.append(f'<ul style="{_CSS["ul"]}">{items}</ul>')
        elif b.kind == "table":
            head, *rows = b.rows
            th = "".join(f'<th style="{_CSS["th"]}">{_html_spans(c, facts)}</th>' for c in head)
            trs = "".join("<tr>" + "".join(f'<td style="{_CSS["td"]}">{_html_spans(c, facts)}</td>' for c in row) + "</tr>"
                          for row in rows)
            body.append(f'<table style="{_CSS["table"]}"><thead><tr>{th}</tr></thead><tbody>{trs}</tbody></table>')
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
    """A .docx with real headings, bullet lists, tables and pictures."""
    from docx import Document
    from docx.enum.text import WD_COLOR_INDEX
    from docx.oxml.ns import qn
    from docx.shared import Inches, Pt, RGBColor

    doc = Document()
    for style_name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "List Bullet"):
        style = doc.styles[style_name]
        style.font.name = "Microsoft YaHei"
        rpr = style.element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(rfonts)
        rfonts.set(qn("w:eastAsia"), "Microsoft YaHei")  # style.font.name sets Latin fonts only
    doc.styles["Normal"].font.size = Pt(10.5)

    def add_runs(paragraph, spans: list[Span]) -> None:
        for s in spans:
            run = paragraph.add_run(s.text)
            run.bold = s.bold or None
            if s.kind == "fact" and (s.fact_id or "").startswith(FLAG):
                run.font.color.rgb = RGBColor(0xB7, 0x1C, 0x1C)
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            elif s.kind == "fact":
                run.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)

    for b in blocks:
        if b.kind == "heading":
            add_runs(doc.add_heading(level=min(b.level, 4)), b.spans)
        elif b.kind == "para":
            add_runs(doc.add_paragraph(), b.spans)
        elif b.kind == "bullets":
            for item in b.items:
                add_runs(doc.add_paragraph(style="List Bullet"), item)
        elif b.kind == "table":
            table = doc.add_table(rows=len(b.rows), cols=len(b.rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(b.rows):
                for c, cell in enumerate(row):
                    par = table.cell(r, c).paragraphs[0]
                    add_runs(par, [Span(s.kind, s.text, s.bold or r == 0, s.fact_id) for s in cell])
        elif b.kind == "image" and b.src in images:
            doc.add_picture(io.BytesIO(images[b.src]), width=Inches(6))
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
