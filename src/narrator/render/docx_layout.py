"""Word layout for a Chinese desk: A4 pages, content-sized tables, a real 目录 field, charts kept with captions.

python-docx writes US Letter pages, equal column widths and rows that split across pages by
default; an editor in China expects A4 with Word's Chinese default margins (2.54 cm top and
bottom, 3.18 cm left and right), tables that read like tables, and a table of contents Word
can update. These helpers work on the XML python-docx leaves out.
"""

from __future__ import annotations

import io
import re
import struct
import unicodedata

from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu

PAGE_W, PAGE_H = Cm(21.0), Cm(29.7)
MARGIN_TB, MARGIN_LR = Cm(2.54), Cm(3.18)
TEXT_W = PAGE_W - 2 * MARGIN_LR  # 14.64 cm
MAX_PICTURE_H = Cm(9)  # a chart taller than this that does not fit would leave half a page empty
MIN_PICTURE_SCALE = 0.8  # ...but a tall chart (the top deals) is never shrunk below 80%: its type stays ≥ 9.6pt
TOC_INSTRUCTION = r'TOC \o "1-3" \h \z \u'


def a4_page(doc) -> None:
    """Every section A4 portrait with Word's Chinese default margins."""
    for section in doc.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = PAGE_W, PAGE_H
        section.top_margin = section.bottom_margin = MARGIN_TB
        section.left_margin = section.right_margin = MARGIN_LR


def east_asian_font(style, font: str) -> None:
    """Set ``font`` for Latin and East Asian text of ``style``, dropping theme fonts that override it.

    Word's heading styles name theme fonts (w:eastAsiaTheme="majorEastAsia"); a theme font wins
    over an explicit one, so headings kept the theme's CJK font until the theme attributes go.
    """
    style.font.name = font
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        rfonts.set(qn(attr), font)


def update_fields_on_open(doc) -> None:
    """Ask Word to refresh fields (the 目录) when the file is opened."""
    settings = doc.settings.element
    flag = settings.find(qn("w:updateFields"))
    if flag is None:
        flag = OxmlElement("w:updateFields")
        settings.append(flag)
    flag.set(qn("w:val"), "true")


def _run(paragraph, child) -> None:
    r = OxmlElement("w:r")
    r.append(child)
    paragraph._p.append(r)


def _fld_char(kind: str):
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    return el


def toc_field(doc, entries: list[tuple[int, str]]) -> None:
    """A TOC field; ``entries`` (level, heading text) are its cached result, shown until Word updates it."""
    first = doc.add_paragraph()
    _run(first, _fld_char("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {TOC_INSTRUCTION} "
    _run(first, instr)
    _run(first, _fld_char("separate"))
    paragraph = first
    for i, (level, text) in enumerate(entries):
        if i:
            paragraph = doc.add_paragraph()
        style = f"TOC {min(level, 9)}" if f"TOC {min(level, 9)}" in doc.styles else None
        if style:
            paragraph.style = doc.styles[style]
        else:
            paragraph.paragraph_format.left_indent = Cm(0.74 * (level - 1))
        paragraph.add_run(text)
    _run(paragraph, _fld_char("end"))


def _text_width(text: str) -> int:
    """Display width: a CJK character counts two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def column_widths(rows: list[list[str]], total: int = TEXT_W) -> list[int]:
    """Widths (EMU) that follow the content.

    Short columns (figures, countries, rounds, layers) get their longest cell whole, so
    313.80亿元 and 模型层 never break; long columns (names, investor lists) share what is
    left in proportion to their length.
    """
    cols = len(rows[0])
    need = [max(_text_width(r[c]) for r in rows if c < len(r)) for c in range(cols)]
    # The longest word of a column: a name is never broken mid-word ("Zephyrpat/h").
    word = [max((_text_width(w) for r in rows if c < len(r) for w in re.split(r"[\s、，,]+", r[c]) if w), default=1)
            for c in range(cols)]
    # 10.5pt text: a half-width column is about 0.22 cm (fallback Latin fonts are wide); a cell
    # adds about 0.4 cm of padding.
    unit, pad = Cm(0.22), Cm(0.4)
    natural = [n * unit + pad for n in need]
    if sum(natural) <= total:
        extra = (total - sum(natural)) / cols
        return [int(w + extra) for w in natural]
    short = [n <= SHORT_CELL for n in need]
    fixed = sum(w for w, is_short in zip(natural, short) if is_short)
    long_need = sum(n for n, is_short in zip(need, short) if not is_short) or 1
    room = max(total - fixed, Cm(2) * short.count(False))
    widths = [w if is_short else max(room * n / long_need, word[c] * unit + pad)
              for c, (w, n, is_short) in enumerate(zip(natural, need, short))]
    # Words that must stay whole may overrun the page: take the excess from the widest long column.
    over = sum(widths) - total
    if over > 0:
        widest = max((c for c in range(cols) if not short[c]), key=lambda c: widths[c] - (word[c] * unit + pad))
        widths[widest] = max(widths[widest] - over, word[widest] * unit + pad)
    scale = min(1.0, total / sum(widths))  # never wider than the page: the last few mm come from every column
    return [int(w * scale) for w in widths]


SHORT_CELL = 14  # display columns: 1,631.80亿元, 战略/股权投资, a country, a round


def layout_table(table, rows: list[list[str]]) -> None:
    """Content-sized columns, a header row that repeats on each page, rows that never split."""
    widths = column_widths(rows)
    table.autofit = False
    tbl = table._tbl
    grid = tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(Emu(width).twips)))
    tbl_pr = tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for r, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if r == 0:
            tr_pr.append(OxmlElement("w:tblHeader"))
        for cell, width in zip(row.cells, widths):
            cell.width = width


def picture_size(png: bytes) -> tuple[int, int]:
    """Width and height (EMU) for a chart: its own size at 200 dpi, within the text width and MAX_PICTURE_H."""
    w_px, h_px = struct.unpack(">II", png[16:24])
    from .charts import DPI

    width = Emu(int(w_px / DPI * 914400))
    height = Emu(int(h_px / DPI * 914400))
    scale = min(1.0, TEXT_W / width, max(MAX_PICTURE_H / height, MIN_PICTURE_SCALE))
    return int(width * scale), int(height * scale)


def add_figure(doc, png: bytes, caption: str) -> None:
    """A centred chart kept on the page of its caption ("图N 标题")."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    width, height = picture_size(png)
    doc.add_picture(io.BytesIO(png), width=Emu(width), height=Emu(height))
    picture = doc.paragraphs[-1]
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.keep_with_next = True
    style = "Caption" if "Caption" in doc.styles else None
    cap = doc.add_paragraph(caption, style=style)
    cap.alignment = WD_ALIGN_PARAGRAPH.CENTER


__all__ = ["a4_page", "add_figure", "column_widths", "east_asian_font", "layout_table", "toc_field",
           "update_fields_on_open", "TOC_INSTRUCTION"]
