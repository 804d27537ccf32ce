"""Read the file an editor actually edits (Markdown/text, Word, WeChat-style HTML) as checkable text.

Each reader returns a :class:`SourceText`: the text the checker reads, laid out like narrator's
own ``article.md`` (paragraphs separated by blank lines, ``#`` headings, ``- `` bullets, tables
as ``| a | b |`` rows) so the checker's line, label and table rules see the same shapes, plus a
position map from every offset of that text back to the file's own terms: line:column for text
and HTML, paragraph N (or table T row R cell C) for Word. Characters the reader adds itself
(``# ``, `` | ``, blank lines) map to the place before them. The HTML reader is in
``html_text`` (same import rules).

This module may import only the standard library, python-docx, ``narrator.errors`` and ``located``.
"""

from __future__ import annotations

import io
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterator

from ..errors import DataError
from .located import Place, SourceText, TextBuilder

_TEXT_SUFFIXES = {".md", ".markdown", ".txt", ".text"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


# -- plain text / Markdown ----------------------------------------------------------------
def decode_text(data: bytes, name: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (Windows editors)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataError(f"{name}: not UTF-8 (or GB18030) text")


def read_text(text: str, name: str) -> SourceText:
    """Markdown or plain text: offsets are the text's own; places are line:column."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    b = TextBuilder()
    for i, line in enumerate(text.split("\n")):
        if i:
            b.add("\n")
        b.add(line, Place(line=i + 1))
    if not b.parts or not text:
        b.anchors, b.places = [0], [Place(line=1)]
    return b.source(name, "text")


# -- Word ----------------------------------------------------------------------------------
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class DocxParagraph:
    """One paragraph of a Word document in reading order, with the runs that show its text."""

    element: Any  # CT_P
    runs: list[Any]  # python-docx Run objects, in order
    place: Place
    prefix: str = ""  # "# ", "- " as in narrator's Markdown

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def visible_runs(p: Any, parent: Any) -> list[Any]:
    """Runs whose text a reader sees: in hyperlinks, insertions and fields, not in deletions."""
    from docx.text.run import Run

    runs = []
    for r in p.iter(f"{_W}r"):
        anc, hidden = r.getparent(), False
        while anc is not None and anc is not p:
            if anc.tag in (f"{_W}del", f"{_W}moveFrom", f"{_W}p", f"{_W}txbxContent"):
                hidden = True  # a deletion, or a text box's own paragraph
                break
            anc = anc.getparent()
        if not hidden:
            runs.append(Run(r, parent))
    return runs


def _prefix(p: Any, styles: dict[str, str]) -> str:
    ppr = p.find(f"{_W}pPr")
    style_id = ""
    if ppr is not None:
        ps = ppr.find(f"{_W}pStyle")
        style_id = ps.get(f"{_W}val", "") if ps is not None else ""
        if ppr.find(f"{_W}numPr") is not None:
            return "- "
    name = styles.get(style_id, style_id).lower()
    m = re.match(r"(?:heading|标题)\s*(\d)", name)
    if m:
        return "#" * int(m.group(1)) + " "
    if name == "title":
        return "# "
    if name.startswith("list"):
        return "- "
    return ""


def _children(container: Any) -> Iterator[Any]:
    """Block children in order, looking through content controls (w:sdt)."""
    for child in container.iterchildren():
        if child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _children(content)
        else:
            yield child


def docx_paragraphs(document: Any) -> list[DocxParagraph | list[list[list[DocxParagraph]]]]:
    """The body in reading order: a paragraph, or a table as rows of cells of paragraphs.

    Paragraph numbers count every body paragraph (empty ones too), as an editor scrolling
    the document would; tables are numbered separately and their cells by position in the row.
    """
    from docx.text.paragraph import Paragraph

    styles = {s.style_id: s.name or "" for s in document.styles}
    out: list[DocxParagraph | list[list[list[DocxParagraph]]]] = []
    counter = {"p": 0, "t": 0, "block": 0}

    def para(p: Any, place: Place) -> DocxParagraph:
        item = DocxParagraph(p, visible_runs(p, Paragraph(p, document)), replace(place, block=counter["block"]))
        counter["block"] += 1
        return item

    def cell_paragraphs(tc: Any, place: Place) -> list[DocxParagraph]:
        found = []
        for child in _children(tc):
            if child.tag == f"{_W}p":
                found.append(para(child, place))
            elif child.tag == f"{_W}tbl":  # a nested table reads as part of its cell
                for tr in child.iter(f"{_W}tr"):
                    for inner in tr.iter(f"{_W}tc"):
                        found += cell_paragraphs(inner, place)
        return found

    for child in _children(document.element.body):
        if child.tag == f"{_W}p":
            counter["p"] += 1
            item = para(child, Place(paragraph=counter["p"]))
            item.prefix = _prefix(child, styles)
            out.append(item)
        elif child.tag == f"{_W}tbl":
            counter["t"] += 1
            rows = []
            for r, tr in enumerate(child.findall(f"{_W}tr"), 1):
                rows.append([cell_paragraphs(tc, Place(table=counter["t"], row=r, cell=c))
                             for c, tc in enumerate(tr.findall(f"{_W}tc"), 1)])
            out.append(rows)
    return out


def read_docx(data: bytes, name: str) -> SourceText:
    """A Word file: paragraphs and table cells in document order."""
    import zipfile

    from docx import Document

    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DataError(f"{name}: not a Word .docx file ({type(exc).__name__})") from None
    b = TextBuilder()
    for block in docx_paragraphs(document):
        if isinstance(block, DocxParagraph):
            text = block.text
            if not text.strip():
                continue
            # consecutive list items are lines of one block, as in narrator's Markdown
            b.add(("\n" if block.prefix == "- " == b.last_prefix else "\n\n") if b.length else "")
            b.add(block.prefix)
            b.add(text, block.place)
            b.last_prefix = block.prefix
            continue
        b.add("\n\n" if b.length else "")
        b.last_prefix = ""
        for r, row in enumerate(block):
            if r:
                b.add("\n")
            b.add("|")
            for cell in row:
                b.add(" ")
                for k, p in enumerate(cell):
                    if k and p.text:
                        b.add(" ")
                    b.add(p.text, p.place)
                b.add(" |")
            if r == 0:  # the Markdown header rule, so the table reads as narrator's does
                b.add("\n|" + " --- |" * len(row))
    return b.source(name, "docx")


# -- dispatch ------------------------------------------------------------------------------
def _sniff(data: bytes) -> str:
    if data[:4] == b"PK\x03\x04":
        return "docx"
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<section", b"<div", b"<p", b"<body", b"<meta")):
        return "html"
    return "text"


def read_bytes(data: bytes, name: str, suffix: str = "") -> SourceText:
    """Read ``data`` by its suffix (or, for standard input and unknown suffixes, by its content)."""
    suffix = suffix.lower()
    kind = "docx" if suffix == ".docx" else "html" if suffix in _HTML_SUFFIXES else \
        "text" if suffix in _TEXT_SUFFIXES else _sniff(data)
    if suffix == ".doc":
        raise DataError(f"{name}: old Word .doc format; save it as .docx")
    if kind == "docx":
        source = read_docx(data, name)
    elif b"\x00" in data[:4096] and data[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        raise DataError(f"{name}: a binary file, not text, Word .docx or HTML")
    else:
        from .html_text import read_html

        text = decode_text(data, name)
        source = read_html(text, name) if kind == "html" else read_text(text, name)
    source.data = data
    return source


def read_source(path: str | Path) -> SourceText:
    """Read a file (``-`` is standard input) as checkable text with its position map."""
    if str(path) == "-":
        return read_bytes(sys.stdin.buffer.read(), "<stdin>")
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DataError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror})") from None
    return read_bytes(data, str(path), path.suffix)


__all__ = ["DocxParagraph", "Place", "SourceText", "docx_paragraphs", "read_bytes", "read_docx", "read_source",
           "read_text", "TextBuilder", "visible_runs"]
