"""Build the canonical event table from raw export tables; everything dropped goes to rejects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pandas as pd

from ..domain.geo import normalise_country
from ..domain.layers import normalise_layer
from ..domain.rounds import STAGE_TO_GROUP, normalise_round
from .amount_rows import amount_rows
from .built import EVENT_COLUMNS, REJECT_COLUMNS, WARNING_COLUMNS, Built
from .coded import Coded, equals, take
from .convert import UNCONVERTED, convert
from .dates import parse_date
from .duplicates import DUPLICATE_WINDOW_DAYS, duplicate_rows
from .investors import investor_names
from .mapping import ColumnMapping
from .rates import FxRates
from .readers import RawTable
from .textcodes import hash_texts

__all__ = ["Built", "build_events", "EVENT_COLUMNS", "REJECT_COLUMNS", "WARNING_COLUMNS", "DUPLICATE_WINDOW_DAYS"]


def _select(raw: RawTable, mapping: ColumnMapping, strip_rows: set[str],
            part: int) -> tuple[pd.DataFrame, list[pd.DataFrame]]:
    """The mapped columns of one export as text, the defaults, file and row. Cells are
    stripped later, once per distinct value (``Coded.of_stripped``), except the columns in
    ``strip_rows``, stripped here row by row."""
    fields = mapping.resolve(list(raw.frame.columns), raw.file)
    out = pd.DataFrame(index=raw.frame.index)
    for name, header in fields.items():
        column = raw.frame[header].astype(str)
        out[name] = column.str.strip() if name in strip_rows else column
    for name, constant in mapping.defaults.items():
        if name not in out.columns or name == "currency" and "currency" not in fields:
            out[name] = constant
    out["_part"] = np.int32(part)  # which export (Built.files): a number, not a million copies of its path
    out["_row"] = raw.rows.astype("int64")
    rejects = []
    if raw.shifted:
        rejects.append(pd.DataFrame({
            "file": raw.file, "row": [r for r, _ in raw.shifted], "column": "*",
            "value": [line[:200] for _, line in raw.shifted],
            "reason": f"row has more fields than the {len(raw.frame.columns)} headers (stray comma or unquoted text?)",
        }))
    return out, rejects


def _reject(frame: pd.DataFrame, files: np.ndarray, mask: np.ndarray, column: str, values: pd.Series | Coded,
            reasons) -> pd.DataFrame:
    part = frame.loc[mask]
    if isinstance(values, Coded):  # the (stripped) cells of the rejected rows only
        cells = pd.Series(values.expand(mask).array, index=part.index)
    else:
        cells = values.loc[mask]
    if callable(reasons):  # built only for the rejected rows
        reasons = reasons(mask)
    elif not isinstance(reasons, str):
        reasons = reasons.loc[mask]
    return pd.DataFrame({
        "file": pd.Series(files[part["_part"].to_numpy()], index=part.index, dtype="str"), "row": part["_row"], "column": column,
        "value": cells.astype(str), "reason": reasons,
    })


def build_events(
    tables: list[RawTable],
    mapping: ColumnMapping,
    fx: FxRates | dict[tuple[str, str], float],
    estimates: dict[str, float],
    domestic: tuple[str, ...] = ("CN",),
) -> Built:
    """Normalise, convert and de-duplicate every row; return events, rejects and warnings.

    Each column is factorized once (``coded``): parsing and normalising run once per distinct
    value, per-row work is numpy on codes, and text columns are built only for the rows kept.
    ``tables`` is emptied once its columns are coded (their memory is reused)."""
    if not isinstance(fx, FxRates):  # a plain {(month, currency): rate} table, no ECB default
        fx = FxRates([("file", dict(fx))], use_ecb=False)
    df, rejects, rows_read, strip_rows = _combine(tables, mapping)
    months_of_rejects: list[np.ndarray] = [np.full(len(r), None, dtype=object) for r in rejects]  # month of each
    files = np.array([t.file for t in tables], dtype=object)

    def coded(name: str) -> Coded:
        many = name == "company"  # a few hundred thousand names: hashed in numpy (textcodes)
        return Coded.of(df[name], many) if name in strip_rows else Coded.of_stripped(df[name], many)

    # The two heaviest steps are numpy and Arrow kernels over every row, which release the GIL: hashing
    # the company column (a few hundred thousand distinct names) and splitting investor cells.
    # They run on other threads while this one parses dates, countries and amounts.
    pool = ThreadPoolExecutor(max_workers=2)
    def company_and_hashes() -> tuple[Coded, np.ndarray]:
        company = coded("company")
        return company, _hash_texts(company.uniques)  # per distinct name, for the event ids

    company_job = pool.submit(company_and_hashes)
    investors_job = pool.submit(investor_names, df["investors"])
    pool.shutdown(wait=False)  # the jobs run on; their results are awaited where needed

    date = coded("date")
    dates = _Dates(date.map(parse_date))
    month = date.remap(dates.month)
    place = coded("country")
    country_u = place.map(normalise_country)
    amounts = amount_rows(df, mapping, estimates, strip_rows)
    # An amount that cannot be used leaves the deal without an amount (a warning), not out.
    conv = convert(month, amounts, fx)
    amount_cny_yi = conv.rows(conv.cny_yi)
    layer_in = coded("layer")
    layer_u = layer_in.map(normalise_layer)
    rnd = coded("round")
    stage_u = pd.Series(rnd.map(normalise_round))  # typed as pandas types the per-row stages
    days = date.rows(dates.day).astype("datetime64[D]").astype(np.int64)
    sector = coded("sector")
    company, company_hash = company_job.result()
    names = investors_job.result()
    # Every column is coded: the export's text can go, and its memory serves the columns built
    # next (fresh pages cost more than the work that fills them). The tables are the caller's
    # list, made for this call (ingest); it is emptied.
    df = df[["_part", "_row"]]
    tables.clear()

    bad = np.zeros(len(df), dtype=bool)
    month_of_date = dates.month.to_numpy(dtype=object)
    for mask, column, values, reason in [
        (company.rows(equals(company.uniques, "")), "company", company, "missing company name"),
        (date.rows(~dates.ok), "date", date, lambda mask: dates.error[date.codes[mask]]),
        (place.rows(equals(place.uniques, "")), "country", place, "missing country"),
        (place.rows(pd.isna(country_u)), "country", place, "unknown country or region"),
    ]:  # in this order: a row is rejected for the first reason that applies
        mask = mask & ~bad
        if mask.any():
            rejects.append(_reject(df, files, mask, column, values, reason))
            months_of_rejects.append(month_of_date[date.codes[mask]])
            bad |= mask
    dup_rows, original_rows = duplicate_rows(company.codes, rnd.rows(pd.factorize(stage_u)[0]), days, amount_cny_yi, ~bad)
    dup_rejects = pd.DataFrame({
        "file": files[df["_part"].to_numpy()[dup_rows]], "row": df["_row"].to_numpy()[dup_rows],
        "column": "*", "value": company.expand(dup_rows).to_numpy(dtype=object),
        "reason": [f"duplicate of {f}:{r}" for f, r in zip(files[df["_part"].to_numpy()[original_rows]],
                                                              df["_row"].to_numpy()[original_rows])],
    })
    final = ~bad
    final[dup_rows] = False
    months_of_rejects.append(month_of_date[date.codes[dup_rows]])
    rejects.append(dup_rejects)
    keep = np.flatnonzero(final)  # rows stay in file order

    # Each event column is one take from distinct values (Arrow, without the GIL): two worker
    # threads build them while this thread computes the ids and the sources.
    builders: dict[str, Callable[[], Any]] = {
        "company": lambda: company.expand(keep), "month": lambda: date.expand(keep, dates.month),
        "round_raw": lambda: rnd.expand(keep), "round": lambda: rnd.expand(keep, stage_u),
        "round_group": lambda: rnd.expand(keep, np.array([STAGE_TO_GROUP.get(s, "其他") for s in stage_u.array],
                                                         dtype=object)),
        "amount_text": lambda: amounts.text.expand(keep),
        # Per (month, amount) pair, then one take: the same cells as masking every row.
        "currency": lambda: take(take(amounts.currency, conv.of_amount).where(conv.disclosed, None), conv.pair[keep]),
        "amount_kind": lambda: take(take(amounts.kind, conv.of_amount).where(~conv.dropped, UNCONVERTED),
                                    conv.pair[keep]),
        "investors": lambda: names.lists(final),
        "country": lambda: place.expand(keep, country_u),
        "region": lambda: place.expand(keep, np.where(pd.Series(country_u).isin(domestic), "domestic", "overseas")),
        "layer": lambda: layer_in.expand(keep, layer_u), "sector": lambda: _blank_to_none(sector, keep),
    }
    with ThreadPoolExecutor(max_workers=2) as pool:
        jobs = {name: pool.submit(build) for name, build in builders.items()}
        columns = {
            "event_id": event_ids(days[keep], company_hash[company.codes[keep]],
                                  [_hash_texts(rnd.uniques)[rnd.codes[keep]],
                                   _hash_texts(amounts.text.uniques)[amounts.text.codes[keep]],
                                   _hash_texts(country_u)[place.codes[keep]]]),
            "date": pd.Series(date.rows(dates.day, keep)),
            # Over all rows, as pandas types it (int64 stays int64 only if no row loses its amount).
            "amount_value": pd.Series(conv.rows(pd.Series(conv.amount).where(conv.disclosed).to_numpy(), keep)),
            "amount_cny_yi": amount_cny_yi[keep],
            "source": _sources(files, df["_part"], df["_row"], keep),
        } | {name: job.result() for name, job in jobs.items()}
    events = pd.DataFrame({name: columns[name] for name in EVENT_COLUMNS}, copy=False)  # fresh columns: not copied
    all_rejects = _concat(rejects)
    # Warnings only for rows that stayed deals (a rejected row is already explained).
    warnings = [(conv.rows(~pd.isna(conv.reason)), "amount", amounts.text, lambda mask: conv.rows(conv.reason, mask)),
                (layer_in.rows(~equals(layer_in.uniques, "") & pd.isna(layer_u)), "layer", layer_in,
                 "unknown layer (基础层/模型层/中间层/应用层); kept without a layer")]
    all_warnings = _concat([_reject(df, files, mask & final, column, values, reason)
                            for mask, column, values, reason in warnings if (mask & final).any()])
    reject_months = pd.Series(np.concatenate([m for m, r in zip(months_of_rejects, rejects) if len(r)])
                              if len(all_rejects) else np.array([], dtype=object), dtype=object)
    return Built(events, all_rejects[REJECT_COLUMNS], rows_read, len(dup_rejects),
                 files.tolist(), all_warnings[WARNING_COLUMNS].reset_index(drop=True), reject_months,
                 conv.used)


def _combine(tables: list[RawTable], mapping: ColumnMapping) -> tuple[pd.DataFrame, list[pd.DataFrame], int, set[str]]:
    """All exports' mapped columns in one frame (every field present), the rows with more
    fields than headers (rejects), the rows read, and the columns already stripped."""
    # A default with spaces around it is kept as written (defaults were never stripped): its
    # column is stripped row by row instead of per distinct value.
    strip_rows = {name for name, constant in mapping.defaults.items()
                  if pd.Series([constant], dtype="str").str.strip().iloc[0] != constant}
    parts, rejects = [], []
    for part, raw in enumerate(tables):
        selected, shifted = _select(raw, mapping, strip_rows, part)
        parts.append(selected)
        rejects.extend(shifted)
    rows_read = sum(len(p) for p in parts) + sum(len(r) for r in rejects)
    df = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    for name in ("company", "round", "amount", "investors", "country", "sector", "layer"):
        if name not in df.columns:
            df[name] = ""
    if "date" not in df.columns:
        df["date"] = ""
    return df, rejects, rows_read, strip_rows


class _Dates:
    """Per distinct date text: whether it is a date, the error if not, the day and the month
    (a Series typed as pandas types the per-row months: NaN or None where there is no date)."""

    def __init__(self, parsed: np.ndarray) -> None:
        self.ok = np.array([isinstance(v, dt.date) for v in parsed], dtype=bool)
        self.error = np.array(["" if ok else v for ok, v in zip(self.ok, parsed)], dtype=object)
        self.day = pd.to_datetime(pd.Series([v if isinstance(v, dt.date) else None for v in parsed], dtype=object),
                                  errors="coerce").to_numpy()
        self.month = pd.Series(np.array([f"{v.year:04d}-{v.month:02d}" if isinstance(v, dt.date) else None
                                         for v in parsed], dtype=object))


def _sources(files: np.ndarray, parts: pd.Series, rows: pd.Series, keep: np.ndarray) -> pd.Series:
    """``file:row`` of the kept rows (as ``file + ":" + str(row)``), written straight into one
    Arrow buffer: rows come in file order, so the rows of one export with as many digits form
    a run of equal-width texts, filled column by column with numpy."""
    import pyarrow as pa

    part, row = parts.to_numpy()[keep], rows.to_numpy()[keep]
    text = pd.StringDtype("pyarrow", na_value=np.nan)
    if not len(row) or row.min() < 0:  # (never: spreadsheet rows count from 2)
        return pd.Series(pd.array([f"{files[p]}:{r}" for p, r in zip(part, row)], dtype=text))
    # Runs: where the export changes, or the row number gains a digit (rows increase within an
    # export, so each power of ten is found by a binary search).
    cuts = [0, len(row)]
    edges = np.concatenate([[0], np.flatnonzero(part[1:] != part[:-1]) + 1, [len(row)]])
    for a, b in zip(edges[:-1].tolist(), edges[1:].tolist()):
        if not (row[a + 1:b] > row[a:b - 1]).all():
            return pd.Series(pd.array([f"{files[p]}:{r}" for p, r in zip(part, row)], dtype=text))
        cuts += (a + np.searchsorted(row[a:b], 10 ** np.arange(1, 19, dtype=np.int64))).tolist() + [a]
    starts = np.unique(cuts)
    names = [str(f).encode() for f in files]
    widths = np.array([len(names[part[a]]) + 1 + len(str(row[a])) for a in starts[:-1].tolist()], dtype=np.int64)
    offsets = np.zeros(len(row) + 1, dtype=np.int64)
    np.cumsum(np.repeat(widths, np.diff(starts)), out=offsets[1:])
    data = np.empty(int(offsets[-1]), dtype=np.uint8)
    for a, b in zip(starts[:-1].tolist(), starts[1:].tolist()):
        name, width = names[part[a]], len(str(row[a]))
        block = data[offsets[a]:offsets[b]].reshape(b - a, len(name) + 1 + width)
        block[:, :len(name)] = np.frombuffer(name, dtype=np.uint8)
        block[:, len(name)] = ord(":")
        # Digits by division in place; unsigned 32-bit when the numbers fit (about 2.5x faster).
        number = row[a:b].astype(np.uint32) if int(row[b - 1]) < 2**32 else row[a:b]
        digit = np.empty(b - a, dtype=number.dtype)
        for j in range(width):
            np.floor_divide(number, number.dtype.type(10 ** (width - 1 - j)), out=digit)
            np.remainder(digit, number.dtype.type(10), out=digit)
            digit += 48
            block[:, len(name) + 1 + j] = digit
    array = pa.LargeStringArray.from_buffers(len(row), pa.py_buffer(offsets), pa.py_buffer(data))
    return pd.Series(pd.array(array, dtype=text))


def _blank_to_none(column: Coded, rows: np.ndarray) -> pd.Series:
    """``column.replace('', None)`` for ``rows``, replacing per distinct value."""
    return column.expand(rows, column.uniques.replace("", None))


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=REJECT_COLUMNS)


def _hash_texts(uniques) -> np.ndarray:
    """A stable 64-bit hash of each distinct text (missing → the hash of '')."""
    if isinstance(uniques, pd.Series) and isinstance(uniques.dtype, pd.StringDtype) \
            and not uniques.str.endswith("\x00").any():
        # Texts only: hashed as they are (what the general path below comes to, without
        # a round trip through numpy's str dtype, which drops trailing NULs).
        texts = uniques.fillna("")
        fast = hash_texts(texts)  # the same numbers, from the bytes in numpy (no Python strings)
        return fast if fast is not None else pd.util.hash_array(texts.to_numpy(dtype=object), categorize=False)
    texts = np.array(uniques.to_numpy(dtype=object) if hasattr(uniques, "to_numpy") else uniques, dtype=object)
    texts[pd.isna(texts)] = ""  # vectorised: no Python loop over distinct values
    return pd.util.hash_array(texts.astype(str).astype(object), categorize=False)


def event_ids(days: np.ndarray, company_hash: np.ndarray, text_hashes: list[np.ndarray]) -> np.ndarray:
    """A stable id per deal from what it says (company, date, round, amount, country), not from
    where it came from: the same file under another path spelling keeps its ids. Two kept rows
    saying all of that are rare (they would be duplicates); they are numbered in file order.
    ``days``: day numbers; the hashes are per row (``_hash_texts`` of company, round text,
    amount text, country code)."""
    if not len(days):
        return np.array([], dtype=np.uint64)
    h = pd.util.hash_array(days)
    h = (h * np.uint64(0x100000001B3)) ^ company_hash
    for column in text_hashes:
        h = (h * np.uint64(0x100000001B3)) ^ column  # FNV-style mixing, wraps in uint64
    ordered = np.sort(h)
    if not (ordered[1:] == ordered[:-1]).any():  # the usual case: no two kept rows say the same
        return h
    nth = pd.Series(h).groupby(h).cumcount().to_numpy(dtype=np.uint64)
    return h + nth
