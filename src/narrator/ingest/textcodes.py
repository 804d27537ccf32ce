"""Factorize a text column by hashing its bytes in numpy, and checking the result exactly.

``pd.factorize`` of an Arrow text column runs Arrow's hash table over every cell: for a
company column of a million cells with a few hundred thousand names, about 0.3 s. Here each
cell's bytes are read eight at a time as integers (one gather per eight bytes of the longest
cells), mixed into one 64-bit number, and the numbers factorized by pandas' integer hash
table. Equal texts give equal numbers; that different texts did not is then checked word by
word against the first cell of each code, so the codes are exact, or (a collision, never seen
in practice) the column takes ``pd.factorize`` after all. Codes and uniques are those of
``pd.factorize(column, use_na_sentinel=False)``: numbered in order of first appearance.

``hash_texts`` reads the bytes the same way to compute pandas' own text hash (SipHash-2-4, as
``pd.util.hash_array`` gives it) for the event ids, without a Python string per value.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

_MASKS = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [(1 << 64) - 1], dtype=np.uint64)
_MIX = np.uint64(0x9E3779B97F4A7C15)


def factorize_text(column: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Codes (int64, one per cell) and uniques (a Series with the column's dtype) of a text
    column, as ``pd.factorize(column, use_na_sentinel=False)`` gives them."""
    found = _by_words(column)
    if found is None:
        codes, uniques = pd.factorize(column, use_na_sentinel=False)
        return codes, pd.Series(uniques, dtype=column.dtype)
    return found


def _by_words(column: pd.Series, mix: np.uint64 = _MIX) -> tuple[np.ndarray, pd.Series] | None:
    """The codes and uniques, or None: not an Arrow text column without missing values, or
    two different texts got the same number (``mix``: the multiplier, a test can weaken it)."""
    cells = _cell_words(column)
    if cells is None:
        return None
    start, length, words, arr = cells

    def word(j: int, rows: np.ndarray | None) -> np.ndarray:
        """The j-th eight bytes of the cells ``rows`` (all: None), bytes past the end zeroed."""
        at, size = (start, length) if rows is None else (start[rows], length[rows])
        return words[at + 8 * j] & _MASKS[np.clip(size - 8 * j, 0, 8)]

    h = length.astype(np.uint64) * mix
    n_words = int(length.max() + 7) // 8
    rows: np.ndarray | None = None
    kept: list[np.ndarray] = []  # every cell's first two words, for the check below
    with np.errstate(over="ignore"):
        for j in range(n_words):
            if j > 1:  # beyond the first two words, only the longer cells
                rows = np.flatnonzero(length > 8 * j)
            w = word(j, rows)
            if rows is None:
                kept.append(w)
                h ^= w
                h *= mix
                h ^= h >> np.uint64(31)
            else:
                part = h[rows] ^ w
                part *= mix
                part ^= part >> np.uint64(31)
                h[rows] = part
    codes, _ = pd.factorize(h.view(np.int64))
    # The first cell of each code (codes are numbered in order of first appearance).
    seen = np.empty(len(codes), dtype=bool)
    seen[0] = True
    np.greater(codes[1:], np.maximum.accumulate(codes[:-1]), out=seen[1:])
    first = np.flatnonzero(seen)
    same = length == length[first][codes]
    # The first two words against those of the code's first cell, through the per-code words
    # (a small array: no random reads of the text); the longer cells' further words directly.
    for w in kept:
        same &= w == w[first][codes]
    for j in range(2, n_words):
        rows = np.flatnonzero(length > 8 * j)
        rep = start[first[codes[rows]]]
        same[rows] &= word(j, rows) == (words[rep + 8 * j] & _MASKS[np.clip(length[rows] - 8 * j, 0, 8)])
    if not same.all():
        return None
    import pyarrow as pa

    uniques = pd.Series(pd.array(arr.take(pa.array(first)), dtype=column.dtype))
    return codes.astype(np.int64, copy=False), uniques


_SIP_INIT = [np.uint64(c) for c in (0x736F6D6570736575, 0x646F72616E646F6D, 0x6C7967656E657261, 0x7465646279746573)]
_PANDAS_KEY = b"0123456789123456"  # pandas.core.util.hashing's default hash_key


def hash_texts(column: pd.Series) -> np.ndarray | None:
    """``pd.util.hash_array(texts, categorize=False)`` of an Arrow text column without missing
    values (SipHash-2-4 of each text's UTF-8 bytes under pandas' key, then pandas' mixing),
    computed on the bytes in numpy instead of through a Python string per value; None for
    any other column."""
    cells = _cell_words(column)
    if cells is None:
        return None
    start, length, words, arr = cells
    k0, k1 = (np.frombuffer(_PANDAS_KEY, dtype="<u8")[i] for i in (0, 1))
    n = len(arr)
    v0, v1, v2, v3 = (np.full(n, key ^ init, dtype=np.uint64) for key, init in zip((k0, k1, k0, k1), _SIP_INIT))

    def rounds(count: int, rows: np.ndarray | None) -> None:
        if rows is None:
            for _ in range(count):
                _sipround(v0, v1, v2, v3)
        else:
            parts = [v[rows] for v in (v0, v1, v2, v3)]
            for _ in range(count):
                _sipround(*parts)
            for v, part in zip((v0, v1, v2, v3), parts):
                v[rows] = part

    def absorb(m: np.ndarray, rows: np.ndarray | None) -> None:
        if rows is None:
            v3[:] ^= m
            rounds(2, None)
            v0[:] ^= m
        else:
            v3[rows] ^= m
            rounds(2, rows)
            v0[rows] ^= m

    with np.errstate(over="ignore"):
        blocks = length // 8
        for j in range(int(blocks.max()) if n else 0):
            rows = np.flatnonzero(blocks > j)
            absorb(words[start[rows] + 8 * j], None if len(rows) == n else rows)
        tail = length % 8
        last = words[start + 8 * blocks] & _MASKS[tail]
        absorb(last | (length.astype(np.uint64) << np.uint64(56)), None)
        v2 ^= np.uint64(0xFF)
        rounds(4, None)
        h = v0 ^ v1 ^ v2 ^ v3
        # pandas' redistribution of the 64-bit hashes (_hash_ndarray)
        h ^= h >> np.uint64(30)
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(27)
        h *= np.uint64(0x94D049BB133111EB)
        h ^= h >> np.uint64(31)
    return h


def _cell_words(column: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray, Any] | None:
    """(cell starts, cell lengths, an eight-byte word at every byte of the text, the Arrow array)
    of an Arrow text column without missing values, or None for any other column. The text is
    followed by zero bytes, so that the last cells' words can be read whole."""
    import pyarrow as pa

    if not (isinstance(column.dtype, pd.StringDtype) and column.dtype.storage == "pyarrow") or not len(column):
        return None
    arr = pa.chunked_array(column.array.__arrow_array__()).combine_chunks()
    if arr.null_count or not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
        return None
    _, offset_buf, data_buf = arr.buffers()
    offsets = np.frombuffer(offset_buf, dtype=np.int64 if pa.types.is_large_string(arr.type) else np.int32)
    offsets = offsets[arr.offset:arr.offset + len(arr) + 1].astype(np.int64)
    size = int(offsets[-1])
    text = np.empty(size + 16, dtype=np.uint8)
    text[size:] = 0
    if data_buf is not None:
        text[:size] = np.frombuffer(data_buf, dtype=np.uint8, count=size)
    words = np.ndarray(shape=(size + 8,), dtype="<u8", buffer=text, strides=(1,))
    return offsets[:-1], np.diff(offsets), words, arr


def _rotl(v: np.ndarray, bits: int, tmp: np.ndarray) -> None:
    """Rotate left in place (``tmp``: scratch of the same shape)."""
    np.left_shift(v, np.uint64(bits), out=tmp)
    v >>= np.uint64(64 - bits)
    v |= tmp


def _sipround(v0: np.ndarray, v1: np.ndarray, v2: np.ndarray, v3: np.ndarray) -> None:
    """One SipRound, in place."""
    tmp = np.empty_like(v0)
    v0 += v1
    _rotl(v1, 13, tmp)
    v1 ^= v0
    _rotl(v0, 32, tmp)
    v2 += v3
    _rotl(v3, 16, tmp)
    v3 ^= v2
    v0 += v3
    _rotl(v3, 21, tmp)
    v3 ^= v0
    v2 += v1
    _rotl(v1, 17, tmp)
    v1 ^= v2
    _rotl(v2, 32, tmp)
