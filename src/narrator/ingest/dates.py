"""Deal dates in the forms exports use: 2025-11-03, 2025/11/3, 2025.11.03, 2025年11月3日, 20251103."""

from __future__ import annotations

import datetime as dt
import re

_DATE_RE = re.compile(
    r"^(?P<y>\d{4})\s*(?:[-/.年]\s*(?P<m>\d{1,2})\s*(?:[-/.月]\s*(?P<d>\d{1,2})\s*日?)?\s*月?|(?P<m2>\d{2})(?P<d2>\d{2}))"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)


def parse_date(text: object) -> dt.date | str:
    """Return the date, or an error message for an unreadable or impossible date."""
    raw = str(text or "").strip()
    match = _DATE_RE.match(raw)
    if not match:
        return f"unreadable date '{raw}'" if raw else "missing date"
    year = int(match.group("y"))
    month = int(match.group("m") or match.group("m2") or 0)
    day = int(match.group("d") or match.group("d2") or 1)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return f"impossible date '{raw}'"
