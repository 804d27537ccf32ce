"""Parse once: the ingested event table cached as Parquet.

The key covers everything that decides the table: each export's path as given and its
content hash, the column mapping, the FX inputs (shipped table, ``[fx]``, ``--fx``, the ECB
data), the estimates and placeholder tables, the domestic codes, narrator's version and the
ingest code itself (so an edited parser never serves a stale table). A repeated
``narrate``/``facts``/``check --month`` on the same export then costs about a Parquet read.

The events are stored grouped by month, one Parquet row group per month (in file order
within the month, with each row's place in the file), so that the facts of one report
month read only the months they draw on (``select_months``: the rows of some, the amounts
of others); a full read puts the rows back in file order.

Location: ``$NARRATOR_CACHE_DIR/ingest`` or ``~/.cache/narrator/ingest``; ``--no-cache``
bypasses it. Entries are written to a temporary folder and renamed into place, and only
the most recently used few are kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pandas as pd

from ..resources import data_path
from .built import Built

KEEP_ENTRIES = 4
_ORDER = "_file_order"  # each stored row's place in the event table
# Given the months a table holds: the months whose rows to read, and those of which only the
# amounts are needed; None reads everything.
SelectMonths = Callable[[list[str]], tuple[Iterable[str], Iterable[str]] | None]
_STAMPS = ".stamps"  # size-and-time guesses of keys (a dot: not an entry, never pruned as one)
# Text columns with few distinct values. A month's read keeps them dictionary-encoded, as
# Parquet stores them (pandas categoricals), instead of decoding every row's string: the
# facts group by their codes either way, and give the same figures (tests/test_facts.py).
_CODED = ["month", "round_raw", "round", "round_group", "amount_text", "currency", "amount_kind", "country", "region",
          "layer", "sector"]


def cache_root() -> Path:
    """Where cached tables live."""
    base = os.environ.get("NARRATOR_CACHE_DIR")
    return (Path(base) if base else Path.home() / ".cache" / "narrator") / "ingest"


def _file_digest(path: Path) -> str:
    from ..filehash import digest

    return digest(path)


def cache_key(files: list[Path], columns: Path | None, fx_fingerprint: str, domestic: tuple[str, ...]) -> str:
    """A digest of every input that decides the ingested table."""
    from .. import __version__

    h = hashlib.sha256()
    h.update(f"narrator {__version__}|{','.join(domestic)}|fx {fx_fingerprint}|".encode())
    for path in files:
        h.update(f"{path}|{_file_digest(path)}|".encode())
    if columns is not None:
        h.update(f"columns {_file_digest(Path(columns))}|".encode())
    for shipped in (data_path("estimates.csv"), data_path("investor_placeholders.txt")):
        h.update(_file_digest(shipped).encode())
    for code in sorted(Path(__file__).resolve().parent.glob("*.py")):  # the parser itself
        h.update(_file_digest(code).encode())
    return h.hexdigest()[:32]


def lookup(files: list[Path], columns: Path | None, fx_fingerprint: str, domestic: tuple[str, ...],
           select_months: SelectMonths | None = None,
           select_columns: Sequence[str] | None = None) -> tuple[Built | None, str]:
    """The cached table for these inputs (or None) and its key.

    The key needs the content hash of every export (a read of the whole file). Meanwhile the
    entry that the same files (path, size, modification time) led to last time is read on
    this thread; it is used only if the content hash confirms it, so an export edited in place
    is never served from the cache, whatever its size and time say."""
    from concurrent.futures import ThreadPoolExecutor

    stamp = _stamp(files, columns, fx_fingerprint, domestic)
    with ThreadPoolExecutor(max_workers=1) as pool:
        key_job = pool.submit(cache_key, files, columns, fx_fingerprint, domestic)
        guess = _read_stamp(stamp)
        early = load(guess, select_months, select_columns) if guess else None
        key = key_job.result()
    if key != guess:
        _write_stamp(stamp, key)
    if early is not None and guess == key:
        return early, key
    return load(key, select_months, select_columns), key


def _stamp(files: list[Path], columns: Path | None, fx_fingerprint: str, domestic: tuple[str, ...]) -> str:
    """A digest of what the inputs look like from outside (paths, sizes, modification times):
    only a guess of the key, never trusted alone."""
    h = hashlib.sha256(f"{fx_fingerprint}|{','.join(domestic)}|{columns}".encode())
    for path in [*files, *([Path(columns)] if columns is not None else [])]:
        info = path.stat()
        h.update(f"|{path}|{info.st_size}|{info.st_mtime_ns}".encode())
    return h.hexdigest()[:32]


def _read_stamp(stamp: str) -> str | None:
    try:
        return (cache_root() / _STAMPS / stamp).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def _write_stamp(stamp: str, key: str) -> None:
    folder = cache_root() / _STAMPS
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / stamp).write_text(key, encoding="utf-8")
        stamps = sorted(folder.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in stamps[4 * KEEP_ENTRIES:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # only a guess: without it the entry is read after the hash


def load(key: str, select_months: SelectMonths | None = None, select_columns: Sequence[str] | None = None) -> Built | None:
    """The cached table for ``key``, or None (missing or unreadable entries are ignored).

    ``select_months`` gets the months the table holds and names the months whose rows to
    read and the months of which to read only the amounts (None: every row); the Built then
    counts every month (``months_held``) and carries those amounts (``other_amounts``), and
    ``select_columns`` (when given) names the only event columns such a read returns."""
    entry = cache_root() / key
    try:
        meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
        groups = [(m, int(n)) for m, n in meta["month_groups"]]  # row group i holds month groups[i][0]
        held = {m: n for m, n in groups if m is not None}
        wanted = select_months(sorted(held)) if select_months is not None else None
        months_held, other_amounts = None, None
        if wanted is None:
            events = _read_events(entry / "events.parquet")
        else:
            rows, amounts = set(wanted[0]), set(wanted[1]) - set(wanted[0])
            events = _read_events(entry / "events.parquet", [i for i, (m, _) in enumerate(groups) if m in rows],
                                  select_columns)
            other_amounts = _read_amounts(entry / "events.parquet", groups, amounts)
            months_held = held
        rejects, warnings, fx_used = (_read_frame(entry / f"{name}.parquet") for name in ("rejects", "warnings", "fx_used"))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    os.utime(entry)  # most recently used
    months = rejects.pop("_month").astype(object)
    months = months.where(months.notna(), None)
    return Built(events, rejects, int(meta["rows_read"]), int(meta["duplicates"]), list(meta["files"]), warnings,
                 months.reset_index(drop=True), fx_used, months_held, other_amounts)


def _read_amounts(path: Path, groups: list[tuple[str | None, int]], months: set[str]) -> dict[str, object]:
    """The amount_cny_yi of each of ``months`` (NaN where none): one column of their row groups."""
    import pyarrow.parquet as pq

    chosen = [i for i, (m, _) in enumerate(groups) if m in months]
    if not chosen:
        return {}
    values = pq.ParquetFile(path).read_row_groups(chosen, columns=["amount_cny_yi"]).column(0).to_numpy()
    out, start = {}, 0
    for i in chosen:
        month, n = groups[i]
        out[str(month)] = values[start:start + n]
        start += n
    return out


def _read_frame(path: Path) -> pd.DataFrame:
    """A small table written by ``to_parquet``, as ``pd.read_parquet`` reads it (its pandas
    metadata restores the dtypes), without loading pyarrow.dataset."""
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).read().to_pandas()


def _read_events(path: Path, row_groups: list[int] | None = None, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Like ``read_events``, but text columns stay Arrow-backed (pandas' ``str``, as a fresh
    ingest has them): no conversion of a million strings into Python objects. All rows in
    file order, or the rows of some row groups (months), in file order within each (and
    then, with ``columns``, only those columns: the ids, dates and sources are a third of
    what a month's read decodes, and its facts never look at them; and with the ``_CODED``
    text columns as categoricals)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    text = pd.StringDtype("pyarrow", na_value=np.nan)

    def mapper(t: pa.DataType):
        if pa.types.is_list(t):
            return pd.ArrowDtype(t)
        return text if pa.types.is_string(t) or pa.types.is_large_string(t) else None

    if row_groups is not None:  # some months: already in file order within each
        parquet = pq.ParquetFile(path, read_dictionary=_CODED)
        table = parquet.read_row_groups(row_groups, columns=list(columns) if columns is not None else None)
        if _ORDER in table.column_names:
            table = table.drop_columns([_ORDER])
    else:
        table = pq.ParquetFile(path).read()
        place = table.column(_ORDER).to_numpy()
        table = table.drop_columns([_ORDER])
        # back to file order
        inverse = np.empty(len(place), dtype=np.int64)
        inverse[place] = np.arange(len(place))
        table = table.take(inverse)
    table = table.combine_chunks()  # one chunk per column: later filters are faster
    return table.to_pandas(ignore_metadata=True, types_mapper=mapper)


def _write_events(events: pd.DataFrame, path: Path) -> list[tuple[str | None, int]]:
    """Write the events grouped by month, one row group per month; returns the months and
    their row counts in row-group order."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .duplicates import stable_order

    table = pa.Table.from_pandas(events, preserve_index=False)
    codes, uniques = pd.factorize(events["month"], use_na_sentinel=False)
    names = sorted(str(m) for m in uniques if pd.notna(m))
    rank = {m: i for i, m in enumerate(names)}  # a missing month sorts last
    row_rank = np.array([rank[str(m)] if pd.notna(m) else len(names) for m in uniques], dtype=np.int64)[codes]
    order = stable_order(row_rank)  # by month, file order within each month
    table = table.take(order).append_column(_ORDER, pa.array(order, type=pa.int64()))
    counts = np.bincount(row_rank, minlength=len(names) + 1)
    groups: list[tuple[str | None, int]] = [(m, int(counts[i])) for i, m in enumerate(names)]
    if counts[len(names)]:
        groups.append((None, int(counts[len(names)])))
    # lz4: as small as snappy here, about twice as fast to read back.
    with pq.ParquetWriter(path, table.schema, compression="lz4") as writer:
        start = 0
        for _, n in groups:
            writer.write_table(table.slice(start, n), row_group_size=n)
            start += n
        if not groups:
            writer.write_table(table)
    return groups


def store(key: str, built: Built) -> None:
    """Write ``built`` under ``key`` (atomically), then drop the least recently used entries."""
    root = cache_root()
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=root))
        groups = _write_events(built.events, tmp / "events.parquet")
        built.rejects.assign(_month=built.reject_months.reindex(range(len(built.rejects))).to_numpy()) \
            .astype({"_month": "string"}).to_parquet(tmp / "rejects.parquet", index=False)
        built.warnings.to_parquet(tmp / "warnings.parquet", index=False)
        built.fx_used.to_parquet(tmp / "fx_used.parquet", index=False)
        meta = {"rows_read": built.rows_read, "duplicates": built.duplicates, "files": built.files,
                "month_groups": groups}
        (tmp / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        target = root / key
        if target.exists():
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            os.replace(tmp, target)
        entries = sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")),
                         key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP_ENTRIES:]:
            shutil.rmtree(old, ignore_errors=True)
    except OSError:
        pass  # a cache that cannot be written only costs time
