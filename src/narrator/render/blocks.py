"""Parse the writer's Markdown subset into blocks of inline spans, for every renderer.

Blocks: heading, paragraph, bullet list, table, image. Spans: plain text, bold text,
a figure (with its fact id) or a data name. Parsing once keeps Markdown, HTML and
Word output identical in content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..markup import FACT_CLOSE, FACT_OPEN, MARKER_RE, NAME_CLOSE, NAME_OPEN


@dataclass(frozen=True)
class Span:
    """A run of inline content: kind is 'text', 'fact' or 'name'."""

    kind: str
    text: str
    bold: bool = False
    fact_id: str | None = None


@dataclass
class Block:
    """kind: 'heading' (level), 'para', 'bullets' (items), 'table' (rows), 'image' (src, alt)."""

    kind: str
    level: int = 0
    spans: list[Span] = field(default_factory=list)
    items: list[list[Span]] = field(default_factory=list)
    rows: list[list[list[Span]]] = field(default_factory=list)
    src: str = ""
    alt: str = ""


_IMAGE_RE = re.compile(r"^!\[([^\]]*)\]\(([^)]+)\)$")


def parse_inline(text: str) -> list[Span]:
    """Split a line into spans, honouring **bold** and the writer's markers."""
    spans: list[Span] = []
    for i, part in enumerate(text.split("**")):
        bold = i % 2 == 1
        pos = 0
        for m in MARKER_RE.finditer(part):
            if m.start() > pos:
                spans.append(Span("text", part[pos:m.start()], bold))
            if m.group(1) is not None:
                spans.append(Span("fact", m.group(2), bold, m.group(1)))
            else:
                spans.append(Span("name", m.group(3), bold))
            pos = m.end()
        if pos < len(part):
            spans.append(Span("text", part[pos:], bold))
    return [s for s in spans if s.text]


def _split_row(line: str) -> list[str]:
    # Cells are split on '|' outside markers (names are cleaned of markers, and a '|'
    # inside a name is protected by the marker).
    cells, buf, depth = [], "", 0
    for ch in line.strip().strip("|"):
        if ch in (FACT_OPEN, NAME_OPEN):
            depth += 1
        elif ch in (FACT_CLOSE, NAME_CLOSE):
            depth -= 1
        if ch == "|" and depth == 0:
            cells.append(buf.strip())
            buf = ""
        else:
            buf += ch
    cells.append(buf.strip())
    return cells


def parse_blocks(markup: str) -> list[Block]:
    """The article as a list of blocks."""
    blocks: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Block("para", spans=parse_inline("".join(para))))
            para.clear()

    for raw in markup.splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        if line.startswith("#"):
            flush()
            level = len(line) - len(line.lstrip("#"))
            blocks.append(Block("heading", level=level, spans=parse_inline(line[level:].strip())))
        elif line.startswith("- "):
            flush()
            if not blocks or blocks[-1].kind != "bullets":
                blocks.append(Block("bullets"))
            blocks[-1].items.append(parse_inline(line[2:]))
        elif line.startswith("|"):
            flush()
            cells = _split_row(line)
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            if not blocks or blocks[-1].kind != "table":
                blocks.append(Block("table"))
            blocks[-1].rows.append([parse_inline(c) for c in cells])
        elif (m := _IMAGE_RE.match(line.strip())):
            flush()
            blocks.append(Block("image", src=m.group(2), alt=m.group(1)))
        else:
            para.append(line.strip())
    flush()
    return blocks


def plain(spans: list[Span]) -> str:
    """The text of spans."""
    return "".join(s.text for s in spans)


__all__ = ["Block", "Span", "parse_blocks", "parse_inline", "plain"]
