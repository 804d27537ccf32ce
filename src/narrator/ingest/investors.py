"""Investor cells ('甲资本、乙创投', 'A, B / C') into lists of names, in Arrow, no per-row Python.

Placeholders (``data/investor_placeholders.txt``: 投资方未透露, N/A…) mean "no investor",
as a whole cell or as one name of a list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from .placeholders import investor_placeholders

INVESTOR_SPLIT = re.compile(r"\s*[、,，;；/|]\s*")
# Bytes that can start a match of INVESTOR_SPLIT other than a bare 、: the ASCII separators,
# RE2's \s (\t \n \f \r and space) and 0xEF, the lead byte of the full-width ，and ；.
_NEEDS_REGEX = np.zeros(256, dtype=bool)
_NEEDS_REGEX[[ord(c) for c in ",;/|\t\n\f\r "] + [0xEF]] = True


@dataclass(frozen=True)
class Names:
    """Every name of every investor cell, in order: the cell of each, and whether it is kept
    (not empty, not a placeholder)."""

    flat: Any  # pa.StringArray
    cell: np.ndarray
    ok: np.ndarray
    cells: int

    def lists(self, rows: np.ndarray | None = None) -> pd.Series:
        """The kept names of each cell (of the cells where ``rows``, a bool mask, is True) as
        an Arrow list<string> Series with a RangeIndex. One filter of the names: the cells
        left out are never built."""
        import pyarrow as pa
        import pyarrow.compute as pc

        chosen = self.ok if rows is None else self.ok & rows[self.cell]
        counts = np.bincount(self.cell[chosen], minlength=self.cells)
        if rows is not None:
            counts = counts[rows]
        offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
        lists = pa.ListArray.from_arrays(pa.array(offsets), pc.filter(self.flat, pa.array(chosen)))
        return pd.Series(pd.arrays.ArrowExtensionArray(lists))


def split_investors(column: pd.Series) -> pd.Series:
    """Split each cell into a list of names; placeholders and empty names are dropped.
    Returns an Arrow list<string> Series with ``column``'s index."""
    return investor_names(column).lists().set_axis(column.index)


def investor_names(column: pd.Series) -> Names:
    """Split every cell (see ``Names``); no per-row Python."""
    import pyarrow as pa
    import pyarrow.compute as pc

    cells = column.fillna("").astype(str)
    if hasattr(cells.array, "__arrow_array__"):  # already Arrow-backed: no copy through Python objects
        arr = _strip(pa.chunked_array(cells.array.__arrow_array__()).combine_chunks().cast(pa.string()))
    else:
        arr = pa.array(cells.str.strip().to_numpy(dtype=object), type=pa.string())
    # Placeholders compare lower-cased and trimmed, in Arrow. A whole cell that is one goes
    # first: N/A would otherwise split on its '/'. Only a cell holding a separator that some
    # placeholder contains can differ from its split; any other cell that is a placeholder
    # splits into itself and is dropped as a name below.
    placeholders = pa.array(sorted(investor_placeholders()), type=pa.string())
    inner = _separator_bytes_of_placeholders()
    text: bytes | None = _text(arr)  # read once for both byte searches (unless a placeholder cell changes it)
    whole = np.arange(len(arr)) if inner is None else _rows_holding(arr, inner, text)
    if len(whole):
        hit = pc.is_in(pc.utf8_lower(arr.take(pa.array(whole))), value_set=placeholders).to_numpy(zero_copy_only=False)
        if hit.any():
            mask = np.zeros(len(arr), dtype=bool)
            mask[whole[hit]] = True
            arr = pc.replace_with_mask(arr, pa.array(mask), pa.array([""] * int(hit.sum()), type=pa.string()))
            text = None
    # Cells are already trimmed, and the separator regex only removes spaces: no second trim.
    parts = pc.split_pattern(_normalise_separators(arr, text), pattern="、")
    # Empty names (a trailing '、', or an empty cell) and placeholders inside a list
    # (红杉资本、未透露) are not kept; no per-row Python loop.
    flat = pc.list_flatten(parts)
    ok = pc.and_(pc.not_equal(flat, ""), pc.invert(pc.is_in(pc.utf8_lower(flat), value_set=placeholders)))
    return Names(flat, pc.list_parent_indices(parts).to_numpy(), ok.to_numpy(zero_copy_only=False), len(parts))


# Lead bytes of the characters Arrow's utf8_trim_whitespace removes (Unicode Zs and the bidi
# classes WS, B and S): ASCII up to the space, and U+0085/U+00A0 (C2), U+1680 (E1),
# U+2000-U+205F (E2), U+3000 (E3).
_SPACE_LEAD = np.zeros(256, dtype=bool)
_SPACE_LEAD[:0x21] = True
_SPACE_LEAD[[0xC2, 0xE1, 0xE2, 0xE3]] = True


def _strip(arr):
    """``pc.utf8_trim_whitespace(arr)`` (what ``Series.str.strip`` runs), on only the cells
    whose first or last character may be whitespace (a lead byte in ``_SPACE_LEAD`` there):
    most exports have none, and stripping every cell copies the whole column."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not len(arr) or arr.buffers()[2] is None:
        return arr
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int32)[arr.offset:arr.offset + len(arr) + 1]
    text = np.frombuffer(arr.buffers()[2], dtype=np.uint8)
    start, end = offsets[:-1], offsets[1:]
    filled = np.flatnonzero(end > start)
    if not len(filled):
        return arr
    start, end = start[filled], end[filled]
    # The last character's lead byte is one of the last three bytes (whitespace is at most
    # three bytes long); looking at bytes of the cell before is harmless: it only strips more.
    edge = _SPACE_LEAD[text[start]] | _SPACE_LEAD[text[end - 1]]
    for back in (2, 3):
        edge |= _SPACE_LEAD[text[np.maximum(end - back, 0)]]
    rows = filled[edge]
    if not len(rows):
        return arr
    mask = np.zeros(len(arr), dtype=bool)
    mask[rows] = True
    return pc.replace_with_mask(arr, pa.array(mask), pc.utf8_trim_whitespace(arr.take(pa.array(rows))))


def _normalise_separators(arr, text: bytes | None = None):
    """Every separator, with the spaces around it, becomes one 、 (INVESTOR_SPLIT).

    The regex runs only on the cells that hold a byte it could act on: most exports list
    investors with 、 alone, and a regex over a million cells costs half a second."""
    import pyarrow as pa
    import pyarrow.compute as pc

    rows = _rows_holding(arr, _NEEDS_REGEX, text)
    if not len(rows):
        return arr
    mask = np.zeros(len(arr), dtype=bool)
    mask[rows] = True
    replaced = pc.replace_substring_regex(arr.take(pa.array(rows)), pattern=INVESTOR_SPLIT.pattern, replacement="、")
    return pc.replace_with_mask(arr, pa.array(mask), replaced)


def _text(arr) -> bytes:
    """The bytes of the cells of a pa.string array (one copy, for memchr)."""
    if not len(arr) or arr.buffers()[2] is None:
        return b""
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int32)[arr.offset:arr.offset + len(arr) + 1]
    return arr.buffers()[2].slice(int(offsets[0]), int(offsets[-1] - offsets[0])).to_pybytes()


def _rows_holding(arr, table: np.ndarray, text: bytes | None = None) -> np.ndarray:
    """Positions of the cells (a pa.string array) holding a byte marked in ``table``
    (``text``: ``_text(arr)`` if already read)."""
    if not len(arr):
        return np.zeros(0, dtype=np.int64)
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int32)[arr.offset:arr.offset + len(arr) + 1]
    if arr.buffers()[2] is None:
        return np.zeros(0, dtype=np.int64)
    if text is None:
        text = _text(arr)
    # Which of the bytes occur at all: a memchr per byte, far faster than a lookup per byte,
    # and usually enough (an export that lists investors with 、 alone holds none of them).
    present = [b for b in np.flatnonzero(table).tolist() if bytes([b]) in text]
    if not present:
        return np.zeros(0, dtype=np.int64)
    wanted = np.zeros(256, dtype=bool)
    wanted[present] = True
    hits = np.flatnonzero(wanted[np.frombuffer(text, dtype=np.uint8)]) + offsets[0]
    return np.unique(np.searchsorted(offsets, hits, side="right") - 1)


@cache
def _separator_bytes_of_placeholders() -> np.ndarray | None:
    """The bytes of the separators that occur inside placeholders ('/' of N/A), or None when
    one is not a single byte (then every cell is checked whole)."""
    table = np.zeros(256, dtype=bool)
    for char in {c for text in investor_placeholders() for c in text if INVESTOR_SPLIT.fullmatch(c)}:
        if len(char.encode()) != 1:
            return None
        table[ord(char)] = True
    return table
