"""Text read from a document, with a map from each character back to the file's own terms.

``Place`` is one position (line:column, or Word paragraph/table cell), ``SourceText`` the text
the checker reads plus its places, ``TextBuilder`` how readers assemble both. Shared by the
readers in ``sources`` and ``html_text``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

# The writer's private-use markers (U+E000…) must never come from a file: an edited draft
# holding them could forge fact provenance. They are replaced one for one, keeping offsets.
_PRIVATE_RE = re.compile("[\ue000-\uf8ff]")


@dataclass(frozen=True)
class Place:
    """Where a character of the checked text stands in its file.

    ``block`` is the ordinal of the Word paragraph in :func:`docx_paragraphs` order (the
    review uses it to find the runs); ``column`` is 1-based within the line or paragraph.
    """

    line: int = 0
    column: int = 1
    paragraph: int = 0
    table: int = 0
    row: int = 0
    cell: int = 0
    block: int = -1

    def __str__(self) -> str:
        if self.table:
            return f"table {self.table} row {self.row} cell {self.cell} char {self.column}"
        if self.paragraph:
            return f"paragraph {self.paragraph} char {self.column}"
        return f"{self.line}:{self.column}"


@dataclass
class SourceText:
    """The checkable text of a file and the map from its offsets back to the file."""

    name: str
    kind: str  # "text", "docx" or "html"
    text: str
    anchors: list[int] = field(default_factory=list)  # text offsets where a run of places starts
    places: list[Place] = field(default_factory=list)  # the place of each anchor's first character
    data: bytes = b""  # the file as read (a Word review is written from it)

    def place(self, offset: int) -> Place:
        """The file position of ``offset`` (columns advance one per character after an anchor)."""
        i = bisect.bisect_right(self.anchors, offset) - 1
        if i < 0:
            return Place(line=1)
        base = self.places[i]
        return replace(base, column=base.column + offset - self.anchors[i])

    def where(self, offset: int) -> str:
        """``file:place`` as printed by ``narrate check``."""
        return f"{self.name}:{self.place(offset)}"


class TextBuilder:
    """Appends text pieces with their places; synthetic pieces get no anchor of their own."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.anchors: list[int] = []
        self.places: list[Place] = []
        self.last_prefix = ""  # the prefix of the last block written ("- " for a list item)

    def add(self, text: str, place: Place | None = None) -> None:
        if not text:
            return
        if place is not None:
            self.anchors.append(self.length)
            self.places.append(place)
        self.parts.append(text)
        self.length += len(text)

    def source(self, name: str, kind: str) -> SourceText:
        text = _PRIVATE_RE.sub("\ufffd", "".join(self.parts))
        return SourceText(name, kind, text, self.anchors, self.places)
