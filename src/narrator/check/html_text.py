"""Visible text of an HTML page (narrator's own, or WeChat-editor markup) for the checker.

Only what a reader sees: no tags, attributes (so no data: URIs), scripts, styles, popovers (a figure's provenance, hidden until tapped) or hidden
elements; white space collapsed as a browser does; nested section/span markup reads as the
text it shows. Blocks come out in narrator's Markdown shapes (see ``sources``) with the
source line:column of every character. May import only the standard library and ``sources``.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from html.parser import HTMLParser

from .located import Place, SourceText, TextBuilder

# ----------------------------------------------------------------------------------
_SKIP = {"script", "style", "noscript", "template", "head", "title", "svg", "math", "iframe", "object", "canvas",
         "select", "textarea"}  # a <button> shows its text: narrator's figures are buttons that open their provenance
_BLOCK = {"p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "blockquote", "figure",
          "figcaption", "ul", "ol", "li", "dl", "dt", "dd", "pre", "hr", "table", "thead", "tbody", "tfoot",
          "caption", "h1", "h2", "h3", "h4", "h5", "h6", "body", "html", "form", "fieldset", "address"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "param",
         "track"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


class _Visible(HTMLParser):
    """Collects the text a reader sees, block by block, with source line:column per character."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.b = TextBuilder()
        self.stack: list[str] = []
        self.skip_at: int | None = None  # stack depth where a hidden subtree began
        self.line: list[tuple[str, Place | None]] = []  # the current block's pieces
        self.prefix = ""
        self.row: list[list[tuple[str, Place | None]]] | None = None
        self.rows_in_table = 0
        self.cell_open = False

    # block assembly ---------------------------------------------------------------------
    def _piece(self, text: str, place: Place | None) -> None:
        if self.cell_open and self.row is not None:
            self.row[-1].append((text, place))
        else:
            self.line.append((text, place))

    @staticmethod
    def _collapse(pieces: list[tuple[str, Place | None]]) -> list[tuple[str, Place | None]]:
        """Characters with their places, white space collapsed as a browser does, trimmed."""
        out: list[tuple[str, Place | None]] = []
        space = True  # drop leading white space
        for text, place in pieces:
            if text == "\n":  # <br>
                while out and out[-1][0] == " ":
                    out.pop()
                out.append(("\n", None))
                space = True
                continue
            for k, ch in enumerate(text):
                if ch in " \t\r\n\f\u200b":
                    if not space:
                        out.append((" ", None))
                    space = True
                else:
                    out.append((ch, replace(place, column=place.column + k) if place is not None else None))
                    space = False
        while out and out[-1][0] in (" ", "\n"):
            out.pop()
        return out

    def _write(self, chars: list[tuple[str, Place | None]], prefix: str = "", sep: str = "\n\n") -> None:
        if prefix == "- " == self.b.last_prefix:
            sep = "\n"  # consecutive list items are lines of one block
        self.b.add(sep if self.b.length else "")
        self.b.add(prefix)
        self.b.last_prefix = prefix
        last: Place | None = None
        for ch, place in chars:
            # an anchor only where the place does not follow from the previous character's
            if place is not None and not (last is not None and place.line == last.line
                                          and place.column == last.column + 1):
                self.b.add(ch, place)
            else:
                self.b.add(ch)
            last = place

    def _flush(self) -> None:
        chars = self._collapse(self.line)
        if chars:
            self._write(chars, self.prefix)
        self.line, self.prefix = [], ""

    def _flush_row(self) -> None:
        if self.row is None:
            return
        cells = [self._collapse(cell) for cell in self.row]
        self.row, self.cell_open = None, False
        if not any(cells):
            return
        chars: list[tuple[str, Place | None]] = [("|", None)]
        for cell in cells:
            chars += [(" ", None)] + [(c, p) for c, p in cell if c != "\n"] + [(" ", None), ("|", None)]
        # rows of one table are lines of one block, as in narrator's Markdown
        self._write(chars, sep="\n" if self.rows_in_table else "\n\n")
        self.rows_in_table += 1
        if self.rows_in_table == 1:
            self.b.add("\n|" + " --- |" * len(cells))

    # parser callbacks -------------------------------------------------------------------
    def _where(self) -> Place:
        line, col = self.getpos()
        return Place(line=line, column=col + 1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.stack.append(tag)
        if self.skip_at is not None:
            return
        style = dict(attrs).get("style") or ""
        if tag in _SKIP or "hidden" in dict(attrs) or "popover" in dict(attrs) or _HIDDEN_STYLE.search(style):
            if tag not in _VOID:
                self.skip_at = len(self.stack) - 1
            return
        if tag == "br":
            self._piece("\n", None)
        elif tag == "table":
            self._flush()
            self.rows_in_table = 0
        elif tag == "tr":
            self._flush_row()
            self.row = []
        elif tag in ("td", "th"):
            if self.row is None:
                self.row = []
            self.row.append([])
            self.cell_open = True
        elif tag in _BLOCK and not self.cell_open:
            self._flush()
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.prefix = "#" * int(tag[1]) + " "
            elif tag == "li":
                self.prefix = "- "

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in self.stack:
            return
        while self.stack:  # close unclosed children too (<p> without </p>)
            top = self.stack.pop()
            if self.skip_at is not None and len(self.stack) <= self.skip_at:
                self.skip_at = None
            if top == tag:
                break
        if self.skip_at is not None:
            return
        if tag in ("td", "th"):
            self.cell_open = False
        elif tag == "tr":
            self._flush_row()
        elif tag == "table":
            self._flush_row()
            self.rows_in_table = 0
        elif tag in _BLOCK and not self.cell_open:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.skip_at is not None:
            return
        place = self._where()
        for k, piece in enumerate(data.split("\n")):
            if k:
                self._piece(" ", None)
                place = Place(line=place.line + 1, column=1)
            self._piece(piece, place)

    def _char(self, text: str) -> None:
        if self.skip_at is None:
            self._piece(text, self._where())

    def handle_entityref(self, name: str) -> None:
        self._char(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self._char(html.unescape(f"&#{name};"))

    def close(self) -> None:
        super().close()
        self._flush_row()
        self._flush()


def read_html(text: str, name: str) -> SourceText:
    """Visible text of an HTML page: no tags, scripts, styles, hidden parts or attribute data."""
    parser = _Visible()
    parser.feed(text)
    parser.close()
    return parser.b.source(name, "html")


__all__ = ["read_html"]
