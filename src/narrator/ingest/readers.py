"""Read CSV (UTF-8, UTF-8 BOM, GB18030; LF/CRLF/CR), Excel and Parquet exports as text tables."""

from __future__ import annotations

import codecs
import csv
import io
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


def _is_utf8(data: bytes) -> bool:
    """Whether ``data`` is valid UTF-8, as ``data.decode('utf-8')`` decides, without building
    the str (Arrow validates the bytes in place, several times faster on CJK text)."""
    import numpy as np
    import pyarrow as pa

    offsets = pa.py_buffer(np.array([0, len(data)], dtype=np.int64).tobytes())
    try:
        pa.Array.from_buffers(pa.large_string(), 1, [None, offsets, pa.py_buffer(data)]).validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def _read_csv(path: Path, encoding: str | None) -> RawTable:
    data = path.read_bytes()
    if b"\x00" in data[:4096] and data[:2] not in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        raise DataError(f"{path}: binary file, not a CSV export")
    decoded: list[str] = []

    def text_of() -> str:  # the decoded text, built only when a slow path needs it
        if not decoded:  # only the UTF-8 fast path leaves it unset (never CR-only there)
            decoded.append(decode(data, str(path), encoding)[0])
        return decoded[0]

    if encoding is None and data[:2] not in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) and not _cr_only(data) \
            and _is_utf8(data):
        used = "utf-8-sig"  # what decode() would choose; the bytes are parsed as they are
        lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    else:
        text, used = decode(data, str(path), encoding)
        # Old-Mac CR endings: pandas' C parser needs LF or CRLF.
        if "\r" in text and "\n" not in text:
            text = text.replace("\r", "\n")
        decoded.append(text)
        lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    sep = "\t" if path.suffix.lower() == ".tsv" else ","
    if not data or data.isspace():
        raise DataError(f"{path}: file is empty")
    try:
        # Parse bytes, not a StringIO (several times faster); Arrow's multi-threaded reader
        # first, pandas' C parser if Arrow refuses the file (ragged rows raise in both).
        raw = data if used == "utf-8-sig" and not _cr_only(data) else text_of().encode("utf-8")
        if raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        # The file as it is on disk (no BOM): Arrow reads it itself, without a copy through Python.
        source = path if raw is data else io.BytesIO(raw)
        try:
            frame = pd.read_csv(source, dtype=str, keep_default_na=False, sep=sep, engine="pyarrow")
        except (pd.errors.ParserError, ValueError, TypeError):
            frame = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, sep=sep,
                                skip_blank_lines=True, engine="c")
        rows = pd.Series(range(2, len(frame) + 2), index=frame.index)
        if lines - 1 != len(frame):
            # Blank lines or multi-line cells: row numbers need the exact (slower) reader.
            return _read_csv_exact(path, text_of(), sep, used)
        return RawTable(str(path), frame.fillna(""), rows, [], used)
    except pd.errors.ParserError:
        return _read_csv_exact(path, text_of(), sep, used)


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
