"""``narrate render EDITED.md``: an editor's Markdown draft back to HTML and Word.

The draft is checked first. Every figure the checker binds to a fact gets that fact's marker,
so the renderers show its provenance exactly as on narrator's own article; the rendering
itself is the pipeline's (parse_blocks → render_all, charts from the facts). A draft that
fails its check is refused unless forced; a forced render flags each failing figure.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .check.report import PROBLEMS, CheckReport, Mention
from .check.sources import SourceText
from .config import Settings
from .errors import ConfigError
from .model import MonthFacts
from .pipeline import Inputs

_ESCAPED = re.compile(r"\\([\\`*_\[\]<>|#])")


@dataclass
class RenderResult:
    """What ``narrate render`` did: the files written (none when refused) and the check."""

    source: SourceText
    report: CheckReport
    facts: MonthFacts
    paths: list[Path] = field(default_factory=list)
    refused: bool = False


def mark_draft(text: str, report: CheckReport, flag_problems: bool = False) -> str:
    """The draft with each verified figure wrapped in its fact's marker (the writer's markup).

    With ``flag_problems``, a wrong, unsupported or ambiguous figure is wrapped in a flag
    carrying the checker's finding instead, so the outputs show it in red. A figure with
    bold markup inside it is left as written.
    """
    from .compose.llm_sections import mark_figures
    from .render.documents import FLAG

    def flag(m: Mention) -> str | None:
        if not flag_problems or m.verdict not in PROBLEMS:
            return None
        return re.sub("[\ue000-\uf8ff]", "", f"{FLAG}未通过核对（{m.verdict}）：{m.reason or m.text}")

    plain = [m for m in report.mentions if "**" not in text[m.start:m.end]]
    return _unescape(mark_figures(text, plain, flag))


def _unescape(markup: str) -> str:
    """Undo Markdown backslash escapes (names are escaped in article.md); a ``\\|`` in a table
    row stays one cell's text by being wrapped as a data name, which cells never split."""
    from .markup import NAME_CLOSE, NAME_OPEN

    lines = []
    for line in markup.split("\n"):
        if line.lstrip().startswith("|"):
            line = line.replace("\\|", f"{NAME_OPEN}|{NAME_CLOSE}")
        lines.append(_ESCAPED.sub(r"\1", line))
    return "\n".join(lines)


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def render_edited(draft: Path, month: str | None, inputs: Inputs, settings: Settings,
                  facts_file: Path | None = None, out: Path | None = None,
                  formats: tuple[str, ...] = ("html", "docx"), force: bool = False) -> RenderResult:
    """Check an edited Markdown draft and render it to ``OUT/<stem>.html`` and ``.docx``.

    Refused (``refused=True``, nothing written) when the check fails and ``force`` is false.
    """
    from .compose import title_of
    from .pipeline import check_file
    from .render import parse_blocks, render_all, to_markdown
    from .render.charts import all_charts

    report, source, facts = check_file(draft, month, inputs, settings, facts_file)
    if source.kind != "text":
        raise ConfigError(f"{draft}: narrate render reads a Markdown draft (.md); check Word and HTML files "
                          "with narrate check")
    result = RenderResult(source, report, facts)
    if not report.ok and not force:
        result.refused = True
        return result
    blocks = parse_blocks(mark_draft(source.text, report, flag_problems=True))
    images = {f"charts/{c.name}.png": c.png for c in all_charts(facts).values()}
    files = render_all(blocks, to_markdown(blocks, markers=True), facts, images, list(formats),
                       title_of(facts, settings))
    target = Path(out) if out is not None else Path(draft).parent
    stem = Path(draft).stem
    for name, data in files.items():
        path = target / f"{stem}{Path(name).suffix}"
        if path.resolve() == Path(draft).resolve():
            continue  # never overwrite the draft itself
        _write_atomic(path, data)
        result.paths.append(path)
    return result


__all__ = ["RenderResult", "mark_draft", "render_edited"]
