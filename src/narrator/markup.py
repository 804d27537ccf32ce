"""The marker protocol shared by the writer, the checker and the renderers.

The built-in writer wraps every figure in ``FACT_OPEN id FACT_MID display FACT_CLOSE`` and
every data string (a company or investor name) in ``NAME_OPEN … NAME_CLOSE``. The markers are
private-use characters, so they never occur in data (``clean_name`` removes them) and
``strip_markers`` gives back exactly the text a reader sees.
"""

from __future__ import annotations

import re
from typing import Any

FACT_OPEN, FACT_MID, FACT_CLOSE = "\ue000", "\ue001", "\ue002"
NAME_OPEN, NAME_CLOSE = "\ue003", "\ue004"
MARKER_RE = re.compile(f"{FACT_OPEN}([^{FACT_MID}]*){FACT_MID}([^{FACT_CLOSE}]*){FACT_CLOSE}|{NAME_OPEN}([^{NAME_CLOSE}]*){NAME_CLOSE}")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f\ue000-\uf8ff]")
NAME_LIMIT = 60


def clean_name(text: Any) -> str:
    """Data text made safe to embed: no control or marker characters, length-limited."""
    cleaned = _CONTROL_RE.sub("", str(text)).strip()
    return cleaned if len(cleaned) <= NAME_LIMIT else cleaned[: NAME_LIMIT - 1] + "…"


def mark_fact(fact_id: str, display: str) -> str:
    """A figure wrapped in the marker that records which fact it shows."""
    return f"{FACT_OPEN}{fact_id}{FACT_MID}{display}{FACT_CLOSE}"


def mark_name(text: Any) -> str:
    """A data string, cleaned and wrapped so it is never read as a figure or as markup."""
    return f"{NAME_OPEN}{clean_name(text)}{NAME_CLOSE}"


def strip_markers(text: str) -> str:
    """Plain text of marked-up output (fact displays and names kept, markers removed)."""
    return MARKER_RE.sub(lambda m: m.group(2) if m.group(1) is not None else m.group(3), text)
