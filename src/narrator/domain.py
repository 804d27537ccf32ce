"""Shared domain vocabulary used by more than one stage (ingest reads amounts, check reads prose)."""

from __future__ import annotations

# Magnitude words of Chinese amounts: 1.2万亿, 三千万, 5百万.
CN_MAGNITUDE = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "十亿": 1e9, "亿": 1e8,
                "千万": 1e7, "百万": 1e6, "十万": 1e5, "万": 1e4, "千": 1e3}
