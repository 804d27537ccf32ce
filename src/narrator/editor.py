"""The editor's loop from Python (a notebook): check a draft, see the review inline.

    >>> from narrator.editor import check
    >>> review = check(Path("out/2025-11/article.docx"))   # facts.json beside it
    >>> review.problems                                    # Mentions with verdicts
    >>> review                                             # in Jupyter: the marked-up review
    >>> check("国内发生214起融资事件。", facts="out/2025-11/facts.json").ok
    True
"""

from __future__ import annotations

from pathlib import Path

from .check.report import CheckReport, Mention
from .check.sources import SourceText
from .model import MonthFacts


class Review:
    """A checked document: its mentions and verdicts, shown as the review page in a notebook."""

    def __init__(self, source: SourceText, report: CheckReport, facts: MonthFacts) -> None:
        self.source, self.report, self.facts = source, report, facts

    @property
    def mentions(self) -> list[Mention]:
        """Every number found, with its verdict and fact id (offsets into ``text``)."""
        return self.report.mentions

    @property
    def problems(self) -> list[Mention]:
        """The wrong, unsupported and ambiguous figures."""
        return self.report.problems

    @property
    def ok(self) -> bool:
        return self.report.ok

    @property
    def text(self) -> str:
        """The text that was checked (Word and HTML files as narrator's Markdown shapes)."""
        return self.source.text

    def where(self, mention: Mention) -> str:
        """The mention's place in its file (line:column, or Word paragraph / table cell)."""
        return str(self.source.place(mention.start))

    def html(self) -> str:
        """The self-contained review page."""
        from .render.review import review_html

        return review_html(self.source, self.report, self.facts)

    def save(self, out: str | Path) -> list[Path]:
        """Write OUT.html, or OUT.docx (Word input), as ``narrate check --review OUT``."""
        from .render.review import write_review

        return [p for p, _ in write_review(Path(out), self.source, self.report, self.facts)]

    def _repr_html_(self) -> str:
        from .render.review import review_html

        return review_html(self.source, self.report, self.facts, fragment=True)

    def __repr__(self) -> str:
        return (f"<Review {self.source.name}: {self.report.counts.get('ok', 0)} verified, "
                f"{self.report.problem_count} problems>")


def check(document: str | Path | bytes, facts: MonthFacts | str | Path | None = None, *,
          month: str | None = None, data: str | Path | None = None, name: str = "<text>") -> Review:
    """Check a draft: Markdown text (``str``), a file (``Path``: .md, .txt, .docx, .html) or file bytes.

    ``facts`` is a MonthFacts or a facts.json path; without it, ``month`` (and ``data``, else
    the shipped sample) computes them, or the facts.json beside a file is used.
    """
    from .check import check_article
    from .check.sources import read_bytes, read_source, read_text
    from .config import load_settings
    from .pipeline import Inputs, find_facts

    if isinstance(document, Path):
        source, where = read_source(document), document
    elif isinstance(document, bytes):
        source, where = read_bytes(document, name), Path(name)
    else:
        source, where = read_text(document, name), Path(name)
    if not isinstance(facts, MonthFacts):
        facts_path = Path(facts) if facts is not None else None
        facts = find_facts(where, month, Inputs(Path(data) if data else None), load_settings(None), facts_path)
    return Review(source, check_article(source.text, facts), facts)


__all__ = ["Review", "check"]
