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
from .convert import convert
from .dates import parse_date
from .duplicates import DUPLICATE_WINDOW_DAYS, find_duplicates
from .mapping import ColumnMapping
from .placeholders import investor_placeholders
from .rates import FxRates
from .readers import RawTable

EVENT_COLUMNS = [
    "event_id", "company", "date", "month", "round_raw", "round", "round_group", "amount_text",
    "amount_value", "currency", "amount_kind", "amount_cny_yi", "investors", "country", "region",
    "layer", "sector", "source",
]
REJECT_COLUMNS = ["file", "row", "column", "value", "reason"]
WARNING_COLUMNS = REJECT_COLUMNS  # kept rows with something dropped (amount, layer): same shape
__all__ = ["Built", "build_events", "EVENT_COLUMNS", "REJECT_COLUMNS", "WARNING_COLUMNS", "DUPLICATE_WINDOW_DAYS"]
_INVESTOR_SPLIT = re.compile(r"\s*[、,，;；/|]\s*")


@dataclass
class Built:
    """The clean events, the rejected rows, and counts for the summary."""

    events: pd.DataFrame
    rejects: pd.DataFrame
    rows_read: int
    duplicates: int
    files: list[str] = field(default_factory=list)
    warnings: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=WARNING_COLUMNS))
    reject_months: pd.Series = field(default_factory=lambda: pd.Series(dtype=object))  # month of each reject, or None
    fx_used: pd.DataFrame = field(default_factory=pd.DataFrame)  # month, currency, cny_per_unit, source, deals


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
    fx: FxRates | dict[tuple[str, str], float],
    estimates: dict[str, float],
    domestic: tuple[str, ...] = ("CN",),
) -> Built:
    """Normalise, convert and de-duplicate every row; return events, rejects and warnings."""
    if not isinstance(fx, FxRates):  # a plain {(month, currency): rate} table, no ECB default
        fx = FxRates([("file", dict(fx))], use_ecb=False)
    parts, rejects = [], []
    months_of_rejects: list[np.ndarray] = []  # parallel to rejects: each reject's month (None: unknown)
    for raw in tables:
        selected, shifted = _select(raw, mapping)
        parts.append(selected)
        rejects.extend(shifted)
        months_of_rejects.extend(np.full(len(r), None, dtype=object) for r in shifted)
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
            months_of_rejects.append(month[mask].to_numpy(dtype=object))
            bad = bad | mask

    codes, uniques = pd.factorize(df["date"], use_na_sentinel=False)
    parsed_u = [parse_date(u) for u in uniques]
    ok_u = np.array([isinstance(v, dt.date) for v in parsed_u], dtype=bool)
    err_u = np.array(["" if ok else v for ok, v in zip(ok_u, parsed_u)], dtype=object)
    day_u = pd.to_datetime(pd.Series([v if isinstance(v, dt.date) else None for v in parsed_u], dtype=object),
                           errors="coerce").to_numpy()
    is_date = pd.Series(ok_u[codes], index=df.index)
    dates = pd.Series(day_u[codes], index=df.index)
    month_u = np.array([f"{v.year:04d}-{v.month:02d}" if isinstance(v, dt.date) else None for v in parsed_u], dtype=object)
    month = pd.Series(month_u[codes], index=df.index)
    drop(df["company"].eq(""), "company", df["company"], "missing company name")
    drop(~is_date, "date", df["date"], pd.Series(err_u[codes], index=df.index))

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
    # An amount that cannot be used leaves the deal without an amount (a warning), not out.
    conv = convert(month, currency, kind, errors, fx)
    rate, kind = conv.rate, conv.kind
    disclosed = kind.ne("undisclosed") & kind.ne("unconverted")
    layer = _map_unique(df["layer"], normalise_layer)
    # (mask, column, values, reason) of kept rows that lost a part; built once the kept rows are known.
    warnings = [(conv.reason.notna(), "amount", amount_text, conv.reason),
                (df["layer"].ne("") & layer.isna(), "layer", df["layer"],
                 "unknown layer (基础层/模型层/中间层/应用层); kept without a layer")]

    stage = _map_unique(df["round"], normalise_round)
    keep = ~bad
    events = pd.DataFrame({
        "company": df["company"], "date": dates, "month": month, "round_raw": df["round"],
        "round": stage, "round_group": _map_unique(stage, lambda s: STAGE_TO_GROUP.get(s, "其他")), "amount_text": amount_text,
        "amount_value": pd.to_numeric(value, errors="coerce").where(disclosed), "currency": currency.where(disclosed, None),
        "amount_kind": kind,
        "amount_cny_yi": pd.to_numeric(value, errors="coerce") * rate / 1e8,
        "investors": _split_investors_column(df["investors"]),
        "country": country, "region": np.where(country.isin(domestic), "domestic", "overseas"),
        "layer": layer, "sector": df["sector"].replace("", None),
        "source": df["_file"] + ":" + df["_row"].astype(str),
        "_file": df["_file"], "_row": df["_row"],
    })
    # The company column is factorized once, for duplicates and for content ids.
    company_codes, companies = pd.factorize(df["company"], use_na_sentinel=False)
    dup_mask, dup_rejects = find_duplicates(events, keep.to_numpy(), company_codes)
    final = keep.to_numpy() & ~dup_mask
    events = events[final]  # one filter for bad rows and duplicates
    months_of_rejects.append(dup_rejects.pop("month").to_numpy(dtype=object))
    rejects.append(dup_rejects)
    events["event_id"] = event_ids(events, _hash_texts(companies)[company_codes[final]])
    events = events.reset_index(drop=True)  # rows stay in file order
    all_rejects = _concat(rejects)
    # Warnings only for rows that stayed deals (a rejected row is already explained).
    kept = pd.Series(final, index=df.index)
    all_warnings = _concat([_reject(df, mask & kept, column, values, reason)
                            for mask, column, values, reason in warnings if (mask & kept).any()])
    reject_months = pd.Series(np.concatenate([m for m, r in zip(months_of_rejects, rejects) if len(r)])
                              if len(all_rejects) else np.array([], dtype=object), dtype=object)
    return Built(events[EVENT_COLUMNS], all_rejects[REJECT_COLUMNS], rows_read, len(dup_rejects),
                 [t.file for t in tables], all_warnings[WARNING_COLUMNS].reset_index(drop=True), reject_months,
                 conv.used)


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=REJECT_COLUMNS)


def _hash_texts(uniques) -> np.ndarray:
    """A stable 64-bit hash of each distinct text (missing → the hash of '')."""
    texts = np.asarray(uniques.to_numpy(dtype=object) if hasattr(uniques, "to_numpy") else uniques, dtype=object)
    texts[pd.isna(texts)] = ""  # vectorised: no Python loop over distinct values
    return pd.util.hash_array(texts.astype(str).astype(object), categorize=False)


def _value_hashes(values: pd.Series) -> np.ndarray:
    """A stable 64-bit hash of each row's text, computed once per distinct value."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return _hash_texts(uniques)[codes]


def event_ids(events: pd.DataFrame, company_hash: np.ndarray | None = None) -> np.ndarray:
    """A stable id per deal from what it says (company, date, round, amount, country), not from
    where it came from: the same file under another path spelling keeps its ids. Two kept rows
    saying all of that are rare (they would be duplicates); they are numbered in file order."""
    if not len(events):
        return np.array([], dtype=np.uint64)
    days = events["date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    h = pd.util.hash_array(days)
    h = (h * np.uint64(0x100000001B3)) ^ (_value_hashes(events["company"]) if company_hash is None else company_hash)
    for column in (events["round_raw"], events["amount_text"], events["country"]):
        h = (h * np.uint64(0x100000001B3)) ^ _value_hashes(column)  # FNV-style mixing, wraps in uint64
    if not pd.Series(h).duplicated().any():  # the usual case: no two kept rows say the same
        return h
    nth = pd.Series(h).groupby(h).cumcount().to_numpy(dtype=np.uint64)
    return h + nth


def _split_investors_column(column: pd.Series) -> pd.Series:
    """Vectorised (Arrow) split of '甲资本、乙创投' into lists; placeholders and empty become []."""
    import pyarrow as pa
    import pyarrow.compute as pc

    cleaned = column.fillna("").astype(str).str.strip()
    if hasattr(cleaned.array, "__arrow_array__"):  # already Arrow-backed: no copy through Python objects
        arr = pa.chunked_array(cleaned.array.__arrow_array__()).combine_chunks().cast(pa.string())
    else:
        arr = pa.array(cleaned.to_numpy(dtype=object), type=pa.string())
    # Placeholders (data/investor_placeholders.txt) compare lower-cased and trimmed, in Arrow.
    # A whole cell that is one goes first: N/A would otherwise split on its '/'.
    placeholders = pa.array(sorted(investor_placeholders()), type=pa.string())
    arr = pc.if_else(pc.is_in(pc.utf8_lower(arr), value_set=placeholders), "", arr)
    # Normalise every separator to 、 and split on the literal (faster than a regex split).
    arr = pc.replace_substring_regex(arr, pattern=_INVESTOR_SPLIT.pattern, replacement="、")
    parts = pc.split_pattern(pc.utf8_trim_whitespace(arr), pattern="、")
    # Drop empty names (a trailing '、', or an empty cell) and placeholders inside a list
    # (红杉资本、未透露) without a per-row Python loop.
    flat = pc.list_flatten(parts)
    keep = pc.and_(pc.not_equal(flat, ""), pc.invert(pc.is_in(pc.utf8_lower(flat), value_set=placeholders)))
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
