"""Build the canonical event table from raw export tables; everything dropped goes to rejects."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .amounts import parse_amount
from .convert import convert
from .dates import parse_date
from .duplicates import DUPLICATE_WINDOW_DAYS, find_duplicates
from .geo import normalise_country
from .layers import normalise_layer
from .mapping import ColumnMapping
from .placeholders import investor_placeholders, placeholder_key
from .rates import FxRates
from .readers import RawTable
from .rounds import STAGE_TO_GROUP, normalise_round

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
    warnings = [_reject(df, conv.reason.notna(), "amount", amount_text, conv.reason)]

    layer = _map_unique(df["layer"], normalise_layer)
    warnings.append(_reject(df, df["layer"].ne("") & layer.isna(), "layer", df["layer"],
                            "unknown layer (基础层/模型层/中间层/应用层); kept without a layer"))

    stage = _map_unique(df["round"], normalise_round)
    keep = ~bad
    events = pd.DataFrame({
        "company": df["company"], "date": dates, "month": month, "round_raw": df["round"],
        "round": stage, "round_group": stage.map(STAGE_TO_GROUP).fillna("其他"), "amount_text": amount_text,
        "amount_value": pd.to_numeric(value, errors="coerce").where(disclosed), "currency": currency.where(disclosed, None),
        "amount_kind": kind,
        "amount_cny_yi": pd.to_numeric(value, errors="coerce") * rate / 1e8,
        "investors": _split_investors_column(df["investors"]),
        "country": country, "region": np.where(country.isin(domestic), "domestic", "overseas"),
        "layer": layer, "sector": df["sector"].replace("", None),
        "source": df["_file"] + ":" + df["_row"].astype(str),
        "_file": df["_file"], "_row": df["_row"],
    })
    dup_mask, dup_rejects = find_duplicates(events, keep.to_numpy())
    events = events[keep.to_numpy() & ~dup_mask]  # one filter for bad rows and duplicates
    rejects.append(dup_rejects)
    events["event_id"] = event_ids(events)
    events = events.reset_index(drop=True)  # rows stay in file order
    all_rejects = _concat(rejects)
    # Warnings only for rows that stayed deals (a rejected row is already explained).
    kept_src = set(zip(events["_file"], events["_row"]))
    all_warnings = _concat(warnings)
    all_warnings = all_warnings[np.array([(f, r) in kept_src for f, r in zip(all_warnings["file"], all_warnings["row"])],
                                         dtype=bool)]
    month_of = dict(zip(zip(df["_file"], df["_row"]), month))
    reject_months = pd.Series([month_of.get((f, r)) for f, r in zip(all_rejects["file"], all_rejects["row"])],
                              dtype=object)
    return Built(events[EVENT_COLUMNS], all_rejects[REJECT_COLUMNS], rows_read, len(dup_rejects),
                 [t.file for t in tables], all_warnings[WARNING_COLUMNS].reset_index(drop=True), reject_months,
                 conv.used)


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=REJECT_COLUMNS)


def event_ids(events: pd.DataFrame) -> np.ndarray:
    """A stable id per deal from what it says (company, date, round, amount, investors, country),
    not from where it came from: the same file under another path spelling keeps its ids.
    Rows saying exactly the same thing are numbered in file order."""
    investors = events["investors"].map("、".join) if len(events) else events["investors"]
    content = pd.DataFrame({
        "company": events["company"].astype(str), "date": events["date"].astype("datetime64[ns]").astype("int64"),
        "round": events["round_raw"].astype(str), "amount": events["amount_text"].astype(str),
        "investors": investors.astype(str), "country": events["country"].astype(str),
    })
    base = pd.util.hash_pandas_object(content, index=False).to_numpy(dtype=np.uint64)
    nth = pd.Series(base).groupby(base).cumcount().to_numpy(dtype=np.uint64)
    return base + nth  # wraps on overflow (uint64), still deterministic


def _split_investors_column(column: pd.Series) -> pd.Series:
    """Vectorised (Arrow) split of '甲资本、乙创投' into lists; 未披露 and empty become []."""
    import pyarrow as pa
    import pyarrow.compute as pc

    cleaned = column.fillna("").astype(str).str.strip()
    placeholders = investor_placeholders()
    # A whole cell that is a placeholder (N/A would otherwise split on its '/').
    cell_codes, cells = pd.factorize(cleaned, use_na_sentinel=False)
    blank = np.array([placeholder_key(str(c)) in placeholders for c in cells], dtype=bool)
    cleaned = cleaned.where(~blank[cell_codes] if len(cleaned) else cleaned.eq(""), "")
    if hasattr(cleaned.array, "__arrow_array__"):  # already Arrow-backed: no copy through Python objects
        arr = pa.chunked_array(cleaned.array.__arrow_array__()).combine_chunks().cast(pa.string())
    else:
        arr = pa.array(cleaned.to_numpy(dtype=object), type=pa.string())
    # Normalise every separator to 、 and split on the literal (faster than a regex split).
    arr = pc.replace_substring_regex(arr, pattern=_INVESTOR_SPLIT.pattern, replacement="、")
    parts = pc.split_pattern(pc.utf8_trim_whitespace(arr), pattern="、")
    # Drop empty names (a trailing '、', or an empty cell) without a per-row Python loop.
    flat = pc.list_flatten(parts)
    # Placeholders inside a list (红杉资本、未透露) go too; each distinct name is tested once.
    encoded = flat.dictionary_encode()
    names = encoded.dictionary.to_pylist()
    good = np.array([n != "" and placeholder_key(n) not in placeholders for n in names], dtype=bool)
    keep = pa.array(good[encoded.indices.to_numpy(zero_copy_only=False)] if len(flat) else np.zeros(0, dtype=bool))
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
