"""Parse once: the ingested event table cached as Parquet.

The key covers everything that decides the table: each export's path as given and its
content hash, the column mapping, the FX inputs (shipped table, ``[fx]``, ``--fx``, the ECB
data), the estimates and placeholder tables, the domestic codes, narrator's version and the
ingest code itself (so an edited parser never serves a stale table). A repeated
``narrate``/``facts``/``check --month`` on the same export then costs about a Parquet read.

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
from pathlib import Path

import pandas as pd

from ..resources import data_path
from .table import Built

KEEP_ENTRIES = 4
_CHUNK = 1 << 22


def cache_root() -> Path:
    """Where cached tables live."""
    base = os.environ.get("NARRATOR_CACHE_DIR")
    return (Path(base) if base else Path.home() / ".cache" / "narrator") / "ingest"


def _file_digest(path: Path) -> str:
    h = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


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


def load(key: str) -> Built | None:
    """The cached table for ``key``, or None (missing or unreadable entries are ignored)."""
    entry = cache_root() / key
    try:
        meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
        events = _read_events(entry / "events.parquet")
        rejects = pd.read_parquet(entry / "rejects.parquet")
        warnings = pd.read_parquet(entry / "warnings.parquet")
        fx_used = pd.read_parquet(entry / "fx_used.parquet")
    except (OSError, ValueError, KeyError):
        return None
    os.utime(entry)  # most recently used
    months = rejects.pop("_month").astype(object)
    months = months.where(months.notna(), None)
    return Built(events, rejects, int(meta["rows_read"]), int(meta["duplicates"]), list(meta["files"]), warnings,
                 months.reset_index(drop=True), fx_used)


def _read_events(path: Path) -> pd.DataFrame:
    """Like ``read_events``, but text columns stay Arrow-backed (pandas' ``str``, as a fresh
    ingest has them): no conversion of a million strings into Python objects."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    text = pd.StringDtype("pyarrow", na_value=np.nan)

    def mapper(t: pa.DataType):
        if pa.types.is_list(t):
            return pd.ArrowDtype(t)
        return text if pa.types.is_string(t) or pa.types.is_large_string(t) else None

    table = pq.read_table(path).combine_chunks()  # one chunk per column: later filters are faster
    return table.to_pandas(ignore_metadata=True, types_mapper=mapper)


def store(key: str, built: Built) -> None:
    """Write ``built`` under ``key`` (atomically), then drop the least recently used entries."""
    root = cache_root()
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=root))
        # lz4: as small as snappy here, about twice as fast to read back.
        built.events.to_parquet(tmp / "events.parquet", index=False, compression="lz4")
        built.rejects.assign(_month=built.reject_months.reindex(range(len(built.rejects))).to_numpy()) \
            .astype({"_month": "string"}).to_parquet(tmp / "rejects.parquet", index=False)
        built.warnings.to_parquet(tmp / "warnings.parquet", index=False)
        built.fx_used.to_parquet(tmp / "fx_used.parquet", index=False)
        meta = {"rows_read": built.rows_read, "duplicates": built.duplicates, "files": built.files}
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
