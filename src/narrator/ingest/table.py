"""Build the canonical event table from raw export tables; everything dropped goes to rejects."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..domain.geo import normalise_country
from ..domain.layers import normalise_layer
from ..domain.rounds import STAGE_TO_GROUP, normalise_round
from .amounts import parse_amount
from .dates import parse_date
from .mapping import ColumnMapping
from .readers import RawTable

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


def _map_unique(series: pd.Series, func, dtype=object) -> pd.Series:
    """Apply ``func`` once per distinct value (exports repeat values thousands of times)."""
    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    results = np.empty(len(uniques), dtype=dtype)
    results[:] = [func(u) for u in uniques]
    return pd.Series(results[codes], index=series.index)


def _fields_unique(series: pd.Series, func, names: list[str]) -> dict[str, np.ndarray]:
    """Like _map_unique for a function returning an object: one array per attribute."""
    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    parsed = [func(u) for u in uniques]
    out = {}
    for name in names:
        arr = np.empty(len(parsed), dtype=object)
        arr[:] = [getattr(p, name) for p in parsed]
        out[name] = arr[codes]
    return out


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
    if callable(reasons):  # built only for the rejected rows
        reasons = reasons(mask)
    elif not isinstance(reasons, str):
        reasons = reasons.loc[mask]
    return pd.DataFrame({
        "file": part["_file"], "row": part["_row"], "column": column,
        "value": values.loc[mask].astype(str), "reason": reasons,
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

    codes, uniques = pd.factorize(df["date"], use_na_sentinel=False)
    parsed_u = [parse_date(u) for u in uniques]
    ok_u = np.array([isinstance(v, dt.date) for v in parsed_u], dtype=bool)
    err_u = np.array(["" if ok else v for ok, v in zip(ok_u, parsed_u)], dtype=object)
    day_u = pd.to_datetime(pd.Series([v if isinstance(v, dt.date) else None for v in parsed_u], dtype=object),
                           errors="coerce").to_numpy()
    is_date = pd.Series(ok_u[codes], index=df.index)
    drop(~is_date, "date", df["date"], pd.Series(err_u[codes], index=df.index))
    dates = pd.Series(day_u[codes], index=df.index)
    month_u = np.array([f"{v.year:04d}-{v.month:02d}" if isinstance(v, dt.date) else None for v in parsed_u], dtype=object)
    month = pd.Series(month_u[codes], index=df.index)

    country = _map_unique(df["country"], normalise_country)
    drop(df["country"].eq(""), "country", df["country"], "missing country")
    drop(country.isna(), "country", df["country"], "unknown country or region")

    if "amount_value" in df.columns and df["amount"].eq("").all():
        amount_text, value, currency, kind, errors = _amount_from_value_columns(df, mapping)
    else:
        # Parse without a default so that a currency column can fill in what the text lacks.
        parsed = _fields_unique(df["amount"], lambda t: parse_amount(t, "", estimates),
                                ["value", "kind", "error", "currency"])
        amount_text = df["amount"]
        value = pd.Series(parsed["value"], index=df.index)
        kind = pd.Series(parsed["kind"], index=df.index)
        errors = pd.Series(parsed["error"], index=df.index)
        fallback = pd.Series(mapping.defaults.get("currency", "CNY").upper(), index=df.index)
        if "currency" in df.columns:
            column = df["currency"].str.upper().str.strip()
            fallback = column.where(column.ne(""), fallback)
        currency = pd.Series(parsed["currency"], index=df.index).replace("", None).fillna(fallback)
    drop(errors.notna(), "amount", amount_text, errors.fillna(""))

    disclosed = kind.ne("undisclosed")
    m_codes, m_uniq = pd.factorize(month, use_na_sentinel=False)
    c_codes, c_uniq = pd.factorize(currency, use_na_sentinel=False)
    table = np.array([[1.0 if c == "CNY" else fx.get((m, c), np.nan) for c in c_uniq] for m in m_uniq], dtype=float)
    rate = pd.Series(table[m_codes, c_codes] if len(df) else np.array([], dtype=float), index=df.index)
    known_currency = {c for _, c in fx} | {"CNY"}
    drop(disclosed & ~currency.isin(known_currency), "amount", amount_text,
         lambda m: "unknown currency '" + currency[m].fillna("?") + "'")
    drop(disclosed & rate.isna(), "amount", amount_text,
         lambda m: "no FX rate for " + currency[m].fillna("?") + " in " + month[m].fillna("?") + " (supply one with --fx)")

    layer = _map_unique(df["layer"], normalise_layer)
    drop(df["layer"].ne("") & layer.isna(), "layer", df["layer"], "unknown layer (基础层/模型层/中间层/应用层)")

    stage = _map_unique(df["round"], normalise_round)
    keep = ~bad
    events = pd.DataFrame({
        "company": df["company"], "date": dates, "month": month, "round_raw": df["round"],
        "round": stage, "round_group": stage.map(STAGE_TO_GROUP).fillna("其他"), "amount_text": amount_text,
        "amount_value": pd.to_numeric(value, errors="coerce"), "currency": currency.where(disclosed, None),
        "amount_kind": kind,
        "amount_cny_yi": pd.to_numeric(value, errors="coerce") * rate / 1e8,
        "investors": _split_investors_column(df["investors"]),
        "country": country, "region": np.where(country.isin(domestic), "domestic", "overseas"),
        "layer": layer, "sector": df["sector"].replace("", None),
        "source": df["_file"] + ":" + df["_row"].astype(str),
        "_file": df["_file"], "_row": df["_row"],
    })
    dup_mask, dup_rejects = _duplicates(events, keep.to_numpy())
    events = events[keep.to_numpy() & ~dup_mask]  # one filter for bad rows and duplicates
    rejects.append(dup_rejects)
    # Stable id from where the row came from and what it says: same input, same id.
    events["event_id"] = _event_ids(events["_file"], events["_row"])
    events = events.reset_index(drop=True)  # rows stay in file order
    all_rejects = pd.concat([r for r in rejects if len(r)], ignore_index=True) if any(len(r) for r in rejects) \
        else pd.DataFrame(columns=REJECT_COLUMNS)
    return Built(events[EVENT_COLUMNS], all_rejects[REJECT_COLUMNS], rows_read, len(dup_rejects),
                 [t.file for t in tables])


def _event_ids(files: pd.Series, rows: pd.Series) -> np.ndarray:
    """A stable id per row: a hash of the file name combined with the row number."""
    import hashlib

    codes, names = pd.factorize(files, use_na_sentinel=False)
    salt = np.array([int(hashlib.sha1(str(n).encode()).hexdigest()[:10], 16) << 24 for n in names], dtype=np.uint64)
    return salt[codes] + rows.to_numpy(dtype=np.uint64)


def _split_investors_column(column: pd.Series) -> pd.Series:
    """Vectorised (Arrow) split of '甲资本、乙创投' into lists; 未披露 and empty become []."""
    import pyarrow as pa
    import pyarrow.compute as pc

    cleaned = column.fillna("").astype(str).str.strip()
    cleaned = cleaned.where(~cleaned.isin(["未披露", "未透露", "-", "—"]), "")
    if hasattr(cleaned.array, "__arrow_array__"):  # already Arrow-backed: no copy through Python objects
        arr = pa.chunked_array(cleaned.array.__arrow_array__()).combine_chunks().cast(pa.string())
    else:
        arr = pa.array(cleaned.to_numpy(dtype=object), type=pa.string())
    # Normalise every separator to 、 and split on the literal (faster than a regex split).
    arr = pc.replace_substring_regex(arr, pattern=_INVESTOR_SPLIT.pattern, replacement="、")
    parts = pc.split_pattern(pc.utf8_trim_whitespace(arr), pattern="、")
    # Drop empty names (a trailing '、', or an empty cell) without a per-row Python loop.
    flat = pc.list_flatten(parts)
    keep = pc.not_equal(flat, "")
    parent = pc.list_parent_indices(parts)
    flat, parent = pc.filter(flat, keep), pc.filter(parent, keep)
    counts = np.bincount(parent.to_numpy(), minlength=len(parts))
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
    lists = pa.ListArray.from_arrays(pa.array(offsets), flat)
    return pd.Series(pd.arrays.ArrowExtensionArray(lists), index=column.index)


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


def _duplicates(events: pd.DataFrame, valid: np.ndarray) -> tuple[np.ndarray, pd.DataFrame]:
    """Same company and round within 15 days, amounts equal or one undisclosed: the later rows
    are duplicates of the first. Returns a mask over ``events`` and the reject rows."""
    idx = np.flatnonzero(valid)
    company = pd.factorize(events["company"])[0][idx]  # factorize the Arrow column, then subset the codes
    stage = pd.factorize(events["round"])[0][idx]
    day = events["date"].to_numpy()[idx].astype("datetime64[D]").astype(np.int64)
    order = np.lexsort((np.arange(len(idx)), day, stage, company))  # sort integers, not strings
    c, s, d = company[order], stage[order], day[order]
    amount = events["amount_cny_yi"].to_numpy(dtype=float)[idx][order]
    same = np.zeros(len(order), dtype=bool)
    same[1:] = (c[1:] == c[:-1]) & (s[1:] == s[:-1]) & (d[1:] - d[:-1] <= DUPLICATE_WINDOW_DAYS)
    a, b = amount[1:], amount[:-1]
    match = np.zeros(len(order), dtype=bool)
    match[1:] = np.isclose(a, b, rtol=1e-9, atol=0) | np.isnan(a) | np.isnan(b)
    dup_sorted = same & match
    # The kept row each duplicate repeats: the last non-duplicate before it in sort order.
    first_pos = np.maximum.accumulate(np.where(dup_sorted, 0, np.arange(len(order))))
    dup_rows = idx[order[dup_sorted]]
    original_rows = idx[order[first_pos[dup_sorted]]]
    rejects = pd.DataFrame({
        "file": events["_file"].iloc[dup_rows].to_numpy(dtype=object), "row": events["_row"].to_numpy()[dup_rows],
        "column": "*", "value": events["company"].iloc[dup_rows].to_numpy(dtype=object),
        "reason": ["duplicate of " + str(o) for o in events["source"].iloc[original_rows]],
    })
    mask = np.zeros(len(events), dtype=bool)
    mask[dup_rows] = True
    return mask, rejects
