"""Monthly CNY rates and the fuzzy-amount estimate table (both editable CSV data)."""

from __future__ import annotations

import csv
from pathlib import Path

from ..errors import ConfigError
from ..resources import data_path


def load_fx(extra: Path | None = None, shipped: bool = True) -> dict[tuple[str, str], float]:
    """Read the shipped rates (unless ``shipped`` is False), then ``extra``
    (``month,currency,cny_per_unit``) over them."""
    rates: dict[tuple[str, str], float] = {}
    for path in ([data_path("fx", "cny_rates.csv")] if shipped else []) + ([Path(extra)] if extra else []):
        try:
            with open(path, encoding="utf-8-sig", newline="") as fh:
                reader = csv.DictReader(fh)
                need = {"month", "currency", "cny_per_unit"}
                if not reader.fieldnames or not need <= set(reader.fieldnames):
                    raise ConfigError(f"{path}: FX file needs the columns month,currency,cny_per_unit; "
                                      f"found {','.join(reader.fieldnames or [])}")
                for i, row in enumerate(reader, start=2):
                    try:
                        rate = float(row["cny_per_unit"])
                    except ValueError:
                        raise ConfigError(f"{path}: row {i}, column cny_per_unit: '{row['cny_per_unit']}' is not a number") from None
                    if rate <= 0:
                        raise ConfigError(f"{path}: row {i}, column cny_per_unit: rate must be positive")
                    rates[(row["month"].strip(), row["currency"].strip().upper())] = rate
        except FileNotFoundError:
            raise ConfigError(f"{path}: FX file not found") from None
    return rates


def load_estimates(path: Path | None = None) -> dict[str, float]:
    """Fuzzy amount words (数千万, 近亿…) → value in units of the stated currency."""
    path = Path(path) if path else data_path("estimates.csv")
    table: dict[str, float] = {}
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            table[row["term"].strip()] = float(row["value"])
    return table
