"""Read CSV (UTF-8, UTF-8 BOM, GB18030; LF/CRLF/CR), Excel and Parquet exports as text tables."""

from __future__ import annotations

import codecs
import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import DataError

SUPPORTED = {".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".parquet", ".pq"}


@dataclass
class RawTable:
    """All cells as text, with the spreadsheet row number of each row."""

    file: str
    frame: pd.DataFrame  # string columns named by the export's headers
    rows: pd.Series  # spreadsheet row number (header = row 1)
    shifted: list[tuple[int, str]]  # (row, raw line) of rows with the wrong number of fields
    encoding: str | None = None


def list_files(path: Path) -> list[Path]:
    """The export files in ``path`` (one file, or every supported file in a folder)."""
    if not path.exists():
        raise DataError(f"{path}: no such file or folder")
    if path.is_file():
        return [path]
    files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED)
    if not files:
        raise DataError(f"{path}: folder holds no .csv, .xlsx or .parquet files")
    return files


def decode(data: bytes, file: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode CSV bytes: the given encoding, else UTF-8 (with or without BOM), else GB18030."""
    if encoding is None and data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        encoding = "utf-16"  # Excel's "Unicode text" export
    candidates = [encoding] if encoding else ["utf-8-sig", "gb18030"]
    for enc in candidates:
        try:
            codecs.lookup(enc)
        except LookupError:
            raise DataError(f"{file}: unknown encoding '{enc}' in [options]") from None
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError as exc:
            if encoding:
                raise DataError(
                    f"{file}: cannot decode as {enc} at byte {exc.start}; check [options] encoding"
                ) from None
    raise DataError(f"{file}: not UTF-8 or GB18030 text; set [options] encoding in the column mapping")


def _cr_only(data: bytes) -> bool:
    return b"\r" in data and b"\n" not in data


def _read_csv(path: Path, encoding: str | None) -> RawTable:
    fast = _read_utf8_csv(path, encoding)
    return fast if fast is not None else _read_csv_general(path, encoding)


def _read_utf8_csv(path: Path, encoding: str | None) -> RawTable | None:
    """The usual export, without reading it into Python: UTF-8 (with or without BOM), LF or
    CRLF endings, one line per row. Arrow parses it from its path and checks that the header
    and every cell are UTF-8; every other byte of such a file is a comma, quote or line end,
    so the file is UTF-8 as a whole, as ``decode`` would find. None: anything else (another
    encoding, CR endings, blank lines, ragged rows, an empty or binary file) takes the general
    path, which decides exactly as before."""
    if encoding is not None:
        return None
    import mmap

    with open(path, "rb") as fh:
        if not os.fstat(fh.fileno()).st_size:
            return None
        view = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)  # the page cache, not a copy
    with view:
        head = view[:4096]
        if b"\x00" in head or head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) or view.find(b"\n") < 0 \
                or _all_space(view):
            return None
        sep = "\t" if path.suffix.lower() == ".tsv" else ","
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, sep=sep, engine="pyarrow")
        except (pd.errors.ParserError, ValueError, TypeError):  # UnicodeDecodeError is a ValueError
            return None
        lines = _count_newlines(view) + (0 if view[-1:] == b"\n" else 1)
    if lines - 1 != len(frame):
        return None
    rows = pd.Series(range(2, len(frame) + 2), index=frame.index)
    return RawTable(str(path), frame.fillna(""), rows, [], "utf-8-sig")


def _all_space(view) -> bool:
    """``bytes.isspace`` of a large buffer, in slices (it stops at the first other byte)."""
    step = 1 << 20
    return all(view[i:i + step].isspace() for i in range(0, len(view), step))


def _count_newlines(view) -> int:
    import numpy as np

    data = np.frombuffer(view, dtype=np.uint8)
    step = 1 << 22
    count = sum(int(np.count_nonzero(data[i:i + step] == 10)) for i in range(0, len(data), step))
    del data  # the buffer must be released before the mapping closes
    return count


def _read_csv_general(path: Path, encoding: str | None) -> RawTable:
    data = path.read_bytes()
    if b"\x00" in data[:4096] and data[:2] not in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        raise DataError(f"{path}: binary file, not a CSV export")
    text, used = decode(data, str(path), encoding)
    # Old-Mac CR endings: pandas' C parser needs LF or CRLF.
    if "\r" in text and "\n" not in text:
        text = text.replace("\r", "\n")
    sep = "\t" if path.suffix.lower() == ".tsv" else ","
    if not data or data.isspace():
        raise DataError(f"{path}: file is empty")
    try:
        # Parse bytes, not a StringIO (several times faster); Arrow's multi-threaded reader
        # first, pandas' C parser if Arrow refuses the file (ragged rows raise in both).
        raw = data if used == "utf-8-sig" and not _cr_only(data) else text.encode("utf-8")
        if raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        try:
            frame = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, sep=sep, engine="pyarrow")
        except (pd.errors.ParserError, ValueError, TypeError):
            frame = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, sep=sep,
                                skip_blank_lines=True, engine="c")
        rows = pd.Series(range(2, len(frame) + 2), index=frame.index)
        lines = text.count("\n") + (0 if text.endswith("\n") else 1)
        if lines - 1 != len(frame):
            # Blank lines or multi-line cells: row numbers need the exact (slower) reader.
            return _read_csv_exact(path, text, sep, used)
        return RawTable(str(path), frame.fillna(""), rows, [], used)
    except pd.errors.ParserError:
        return _read_csv_exact(path, text, sep, used)


def _read_csv_exact(path: Path, text: str, sep: str, encoding: str) -> RawTable:
    """Slow path: csv module, so that shifted rows are caught with their line numbers."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    try:
        header = next(reader)
    except StopIteration:
        raise DataError(f"{path}: file is empty") from None
    width = len(header)
    good: list[list[str]] = []
    numbers: list[int] = []
    shifted: list[tuple[int, str]] = []
    line_no = 1
    for fields in reader:
        start = line_no + 1
        line_no = reader.line_num
        if not fields or all(not f.strip() for f in fields):
            continue
        if len(fields) > width:
            shifted.append((start, sep.join(fields)))
            continue
        good.append(fields + [""] * (width - len(fields)))
        numbers.append(start)
    frame = pd.DataFrame(good, columns=header, dtype=str)
    return RawTable(str(path), frame, pd.Series(numbers, index=frame.index), shifted, encoding)


def read_table(path: Path, encoding: str | None = None) -> RawTable:
    """Read one export file as text cells."""
    suffix = path.suffix.lower()
    try:
        if suffix in {".csv", ".txt", ".tsv"}:
            return _read_csv(path, encoding)
        if suffix in {".xlsx", ".xlsm"}:
            frame = pd.read_excel(path, dtype=str, keep_default_na=False, engine="openpyxl")
        elif suffix in {".parquet", ".pq"}:
            frame = pd.read_parquet(path)
            frame = frame.astype(object).where(frame.notna(), "").astype(str)
        else:
            raise DataError(f"{path}: unsupported file type '{suffix}' (use .csv, .xlsx or .parquet)")
    except DataError:
        raise
    except Exception as exc:  # any reader failure is one clear line, never a traceback
        raise DataError(f"{path}: cannot read file ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})") from None
    frame.columns = [str(c) for c in frame.columns]
    frame = frame.fillna("")
    rows = pd.Series(range(2, len(frame) + 2), index=frame.index)
    return RawTable(str(path), frame, rows, [], None)
