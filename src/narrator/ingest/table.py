"""Build the canonical event table from raw export tables; everything dropped goes to rejects."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .amounts import parse_amount
from .dates import parse_date
from .geo import normalise_country
from .layers import normalise_layer
from .mapping import ColumnMapping
from .readers import RawTable
from .rounds import normalise_round, round_group

EVENT_COLUMNS = [
    "event_id", "company", "date", "month", "round_raw", "round", "round_group", "amount_text",
    "amount_value", "currency", "amount_kind", "amount_cny_yi", "investors", "country", "region",
    "layer", "sector", "source",
]
REJECT_COLUMNS = ["file", "row", "column", "value", "reason"]
DUPLICATE_WINDOW_DAYS = 15
_INVESTOR_SPLIT = re.compile(r"\s*[、,，;；/|]\s*")


@dataclass
class Built:
    """The clean events, the rejected rows, and counts for the summary."""

    events: pd.DataFrame
    rejects: pd.DataFrame
    rows_read: int
    duplicates: int
    files: list[str] = field(default_factory=list)


def _map_unique(series: pd.Series, func) -> pd.Series:
    """Apply ``func`` once per distinct value (exports repeat values thousands of times)."""
    uniques = series.unique()
    lookup = {value: func(value) for value in uniques}
    return series.map(lookup)


def _select(raw: RawTable, mapping: ColumnMapping) -> tuple[pd.DataFrame, list[pd.DataFrame]]:
    fields = mapping.resolve(list(raw.frame.columns), raw.file)
    out = pd.DataFrame(index=raw.frame.index)
    for name, header in fields.items():
        out[name] = raw.frame[header].astype(str).str.strip()
    for name, constant in mapping.defaults.items():
        if name not in out.columns or name == "currency" and "currency" not in fields:
            out[name] = constant
    out["_file"] = raw.file
    out["_row"] = raw.rows.astype("int64")
    rejects = []
    if raw.shifted:
        rejects.append(pd.DataFrame({
            "file": raw.file, "row": [r for r, _ in raw.shifted], "column": "*",
            "value": [line[:200] for _, line in raw.shifted],
            "reason": f"row has more fields than the {len(raw.frame.columns)} headers (stray comma or unquoted text?)",
        }))
    return out, rejects


def _reject(frame: pd.DataFrame, mask: pd.Series, column: str, values: pd.Series, reasons) -> pd.DataFrame:
    part = frame.loc[mask]
    return pd.DataFrame({
        "file": part["_file"], "row": part["_row"], "column": column,
        "value": values.loc[mask].astype(str), "reason": reasons if isinstance(reasons, str) else reasons.loc[mask],
    })


def build_events(
    tables: list[RawTable],
    mapping: ColumnMapping,
    fx: dict[tuple[str, str], float],
    estimates: dict[str, float],
    domestic: tuple[str, ...] = ("CN",),
) -> Built:
    """Normalise, convert and de-duplicate every row; return events and rejects."""
    parts, rejects = [], []
    for raw in tables:
        selected, shifted = _select(raw, mapping)
        parts.append(selected)
        rejects.extend(shifted)
    rows_read = sum(len(p) for p in parts) + sum(len(r) for r in rejects)
    df = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    for name in ("company", "round", "amount", "investors", "country", "sector", "layer"):
        if name not in df.columns:
            df[name] = ""
    if "date" not in df.columns:
        df["date"] = ""
    bad = pd.Series(False, index=df.index)

    def drop(mask: pd.Series, column: str, values: pd.Series, reason) -> None:
        nonlocal bad
        mask = mask & ~bad
        if mask.any():
            rejects.append(_reject(df, mask, column, values, reason))
            bad = bad | mask

    drop(df["company"].eq(""), "company", df["company"], "missing company name")

    parsed_dates = _map_unique(df["date"], parse_date)
    is_date = parsed_dates.map(lambda v: isinstance(v, dt.date))
    drop(~is_date, "date", df["date"], parsed_dates.where(~is_date, ""))
    dates = pd.to_datetime(parsed_dates.where(is_date, None), errors="coerce")

    country = _map_unique(df["country"], normalise_country)
    drop(df["country"].eq(""), "country", df["country"], "missing country")
    drop(country.isna(), "country", df["country"], "unknown country or region")

    if "amount_value" in df.columns and df["amount"].eq("").all():
        amount_text, value, currency, kind, errors = _amount_from_value_columns(df, mapping)
    else:
        # Parse without a default so that a currency column can fill in what the text lacks.
        parsed = _map_unique(df["amount"], lambda t: parse_amount(t, "", estimates))
        amount_text = df["amount"]
        value = parsed.map(lambda p: p.value)
        kind = parsed.map(lambda p: p.kind)
        errors = parsed.map(lambda p: p.error)
        fallback = pd.Series(mapping.defaults.get("currency", "CNY").upper(), index=df.index)
        if "currency" in df.columns:
            column = df["currency"].str.upper().str.strip()
            fallback = column.where(column.ne(""), fallback)
        currency = parsed.map(lambda p: p.currency or None).fillna(fallback)
    drop(errors.notna(), "amount", amount_text, errors.fillna(""))

    month = dates.dt.strftime("%Y-%m")
    disclosed = kind.ne("undisclosed")
    rate_key = month.fillna("") + "|" + currency.fillna("")
    rate_lookup = {f"{m}|{c}": r for (m, c), r in fx.items()}
    rate = rate_key.map(rate_lookup)
    rate = rate.where(~currency.eq("CNY"), 1.0)
    known_currency = {c for _, c in fx} | {"CNY"}
    drop(disclosed & ~currency.isin(known_currency), "amount", amount_text,
         "unknown currency '" + currency.fillna("?") + "'")
    drop(disclosed & rate.isna(), "amount", amount_text,
         "no FX rate for " + currency.fillna("?") + " in " + month.fillna("?") + " (supply one with --fx)")

    layer = _map_unique(df["layer"], normalise_layer)
    drop(df["layer"].ne("") & layer.isna(), "layer", df["layer"], "unknown layer (基础层/模型层/中间层/应用层)")

    stage = _map_unique(df["round"], normalise_round)
    keep = ~bad
    events = pd.DataFrame({
        "company": df["company"], "date": dates.dt.date, "month": month, "round_raw": df["round"],
        "round": stage, "round_group": stage.map(round_group), "amount_text": amount_text,
        "amount_value": pd.to_numeric(value, errors="coerce"), "currency": currency.where(disclosed, None),
        "amount_kind": kind,
        "amount_cny_yi": pd.to_numeric(value, errors="coerce") * rate / 1e8,
        "investors": _map_unique(df["investors"], _split_investors),
        "country": country, "region": np.where(country.isin(domestic), "domestic", "overseas"),
        "layer": layer, "sector": df["sector"].replace("", None),
        "source": df["_file"] + ":" + df["_row"].astype(str),
        "_file": df["_file"], "_row": df["_row"],
    })[keep]
    events, dup_rejects = _drop_duplicates(events)
    rejects.append(dup_rejects)
    events["event_id"] = pd.util.hash_pandas_object(
        events[["company", "month", "round_raw", "amount_text", "source"]].astype(str), index=False
    ).map(lambda h: f"{h:016x}"[:12])
    events = events.sort_values(["date", "company"], kind="stable").reset_index(drop=True)
    all_rejects = pd.concat([r for r in rejects if len(r)], ignore_index=True) if any(len(r) for r in rejects) \
        else pd.DataFrame(columns=REJECT_COLUMNS)
    return Built(events[EVENT_COLUMNS], all_rejects[REJECT_COLUMNS], rows_read, len(dup_rejects),
                 [t.file for t in tables])


def _split_investors(text: str) -> list[str]:
    text = str(text or "").strip()
    if not text or text in {"未披露", "未透露", "-", "—"}:
        return []
    return [name for name in _INVESTOR_SPLIT.split(text) if name]


def _amount_from_value_columns(df: pd.DataFrame, mapping: ColumnMapping):
    """The alternative layout: a numeric amount column plus a currency column or default."""
    raw = df["amount_value"].str.replace(",", "", regex=False)
    value = pd.to_numeric(raw, errors="coerce")
    currency = (df["currency"] if "currency" in df.columns else pd.Series(mapping.defaults.get("currency", "CNY"), index=df.index))
    currency = currency.astype(str).str.upper().str.strip().replace("", mapping.defaults.get("currency", "CNY").upper())
    empty = raw.eq("")
    errors = pd.Series(None, index=df.index, dtype=object)
    errors = errors.where(~(~empty & value.isna()), "cannot read amount '" + df["amount_value"] + "'")
    errors = errors.where(~(value <= 0), "amount must be positive, got '" + df["amount_value"] + "'")
    kind = pd.Series(np.where(empty, "undisclosed", "exact"), index=df.index)
    value = value.where(~empty)
    return df["amount_value"], value, currency, kind, errors


def _drop_duplicates(events: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Same company and round within 15 days, amounts equal or one undisclosed: keep the first."""
    order = events.assign(_d=pd.to_datetime(events["date"])).sort_values(["company", "round", "_d", "_row"], kind="stable")
    same = order["company"].eq(order["company"].shift()) & order["round"].eq(order["round"].shift())
    close = (order["_d"] - order["_d"].shift()).dt.days.le(DUPLICATE_WINDOW_DAYS)
    a, b = order["amount_cny_yi"], order["amount_cny_yi"].shift()
    amounts_match = np.isclose(a, b, rtol=1e-9, atol=0) | a.isna() | b.isna()
    dup = same & close & amounts_match
    first_source = order["source"].where(~dup).ffill()
    dups = order[dup]
    rejects = pd.DataFrame({
        "file": dups["_file"], "row": dups["_row"], "column": "*", "value": dups["company"],
        "reason": "duplicate of " + first_source[dup],
    })
    return events.drop(index=dups.index), rejects
