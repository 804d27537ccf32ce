"""Stage 5: render. Marked-up Markdown to Markdown, HTML and Word; charts; atomic output folders.

Charts live in ``narrator.render.charts`` and are imported on demand (matplotlib is slow to
load and not needed to render text).
"""

from .blocks import Block, Span, parse_blocks
from .documents import render_all, to_docx, to_html, to_markdown
from .outputs import atomic_dir

__all__ = ["Block", "Span", "atomic_dir", "parse_blocks", "render_all", "to_docx", "to_html", "to_markdown"]
