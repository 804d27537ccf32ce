"""Investor placeholders (投资方未透露, Undisclosed, N/A…): texts that mean "no investor".

The list is data (``data/investor_placeholders.txt``) so that a desk can extend it.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from ..resources import data_path


def placeholder_key(text: str) -> str:
    """The form placeholders are compared in: NFKC, trimmed, case-folded."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


@cache
def investor_placeholders() -> frozenset[str]:
    """Every placeholder, in :func:`placeholder_key` form."""
    lines = data_path("investor_placeholders.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(placeholder_key(line) for line in lines if line.strip() and not line.lstrip().startswith("#"))
