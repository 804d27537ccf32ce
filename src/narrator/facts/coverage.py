"""What the report month's figures cover: its rows (kept, duplicates, rejected, no usable
amount), the rows of other months set aside, and the FX rates used.

These go to facts.json (``data.month_rows``, ``data.fx``), to the summary line and, as
facts, to the article's 统计口径.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..format import fmt_count
from ..ingest.built import Built
from ..ingest.rates import SOURCE_LABELS, SOURCE_NAMES_EN
from ..model import FactBuilder

TREND_MONTHS = 6


def month_rows(built: Built, month: str) -> dict[str, int]:
    """Counts over the rows dated in ``month``, and over the rest."""
    by_month = built.kept_by_month()  # every month, also when the events hold only some
    in_month = built.events["month"].eq(month)
    reject_months = built.reject_months.reindex(range(len(built.rejects)))
    is_dup = built.rejects["reason"].astype(str).str.startswith("duplicate of ").to_numpy()
    r_in = reject_months.eq(month).to_numpy()
    r_dated = reject_months.notna().to_numpy()
    kinds = built.events.loc[in_month, "amount_kind"]
    return {
        "kept": by_month.get(month, 0),
        "duplicates": int((r_in & is_dup).sum()),
        "rejected": int((r_in & ~is_dup).sum()),
        "no_amount": int(kinds.eq("unconverted").sum()),
        "undisclosed": int(kinds.eq("undisclosed").sum()),
        "other_months": int(sum(by_month.values()) - by_month.get(month, 0) + (r_dated & ~r_in).sum()),
        "no_date": int((~r_dated).sum()),
    }


def months_used(month: str, held: list[str]) -> list[str]:
    """The months the facts draw on: the trend window, the previous month and a year before."""
    period = pd.Period(month, freq="M")
    wanted = {str(period), str(period - 1), str(period - 12)}
    wanted |= set([m for m in held if m <= month][-TREND_MONTHS:])
    return sorted(m for m in wanted if m in held)


def months_read(month: str, held: list[str]) -> tuple[list[str], list[str]]:
    """What the facts of ``month`` read of a table holding ``held``: the months whose rows
    they need (the month, the one before, a year before) and those of which they need only
    the amounts (the rest of the trend window); the two make ``months_used``."""
    period = pd.Period(month, freq="M")
    rows = sorted(m for m in {str(period), str(period - 1), str(period - 12)} if m in held)
    return rows, sorted(m for m in months_used(month, held) if m not in rows)


def fx_summary(built: Built, month: str) -> dict[str, Any]:
    """Which rates converted the amounts of the months the facts use, and from where."""
    held = list(built.kept_by_month())
    used = built.fx_used
    rows: list[dict[str, Any]] = []
    if len(used):
        months = set(months_used(month, held))
        part = used[used["month"].isin(months)].sort_values(["month", "currency"])
        rows = [{"month": r.month, "currency": r.currency, "cny_per_unit": round(float(r.cny_per_unit), 6),
                 "source": r.source, "deals": int(r.deals)} for r in part.itertuples()]
    now = [r for r in rows if r["month"] == month]
    sources = sorted({r["source"] for r in now}, key=list(SOURCE_LABELS).index)
    return {
        "default": SOURCE_NAMES_EN["ecb"],
        "sources": {k: SOURCE_NAMES_EN[k] for k in sorted({r["source"] for r in rows})},
        "report_month_sources": sources,
        "used": rows,
    }


def fx_source_text(data: dict[str, Any]) -> str:
    """The 统计口径 wording of the report month's rate sources (the default when none was needed)."""
    sources = (data.get("fx") or {}).get("report_month_sources") or ["ecb"]
    return "；".join(SOURCE_LABELS[s] for s in sources)


def coverage_facts(b: FactBuilder, data: dict[str, Any] | None) -> None:
    """Facts for the 统计口径 line: deals without a usable amount, duplicates, rejects, other months."""
    rows = (data or {}).get("month_rows")
    if not rows:
        return
    for scope, metric, key, label in (
        ("global", "unconverted_events", "no_amount", "金额无法使用（币种不明、无汇率或无法识别）的事件数"),
        ("rows", "duplicates", "duplicates", "本月重复记录数"),
        ("rows", "rejected", "rejected", "本月无法构成融资事件的记录数"),
        ("rows", "other_months", "other_months", "其他月份的记录数"),
    ):
        if rows.get(key):
            b.add(scope, metric, int(rows[key]), "起", label, fmt_count(int(rows[key]), "起"))
