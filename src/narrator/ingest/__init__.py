"""Stage 1: read exports into one clean event table (see ``table.EVENT_COLUMNS``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from .built import EVENT_COLUMNS, REJECT_COLUMNS, Built
from .fx import load_estimates, load_fx
from .mapping import load_mapping
from .rates import FxRates
from .readers import list_files, read_table

__all__ = ["ingest", "read_events", "fx_rates", "Built", "EVENT_COLUMNS", "REJECT_COLUMNS"]


def fx_rates(fx: Path | None = None, config_rates: dict[tuple[str, str], float] | None = None) -> FxRates:
    """ECB monthly means, under the shipped table, ``[fx]`` and ``--fx`` (see ``rates``)."""
    layers = [("shipped", load_fx(None))]
    if config_rates:
        layers.append(("config", dict(config_rates)))
    if fx:
        layers.append(("file", load_fx(fx, shipped=False)))
    return FxRates(layers)


def ingest(
    data: Path,
    columns: Path | None = None,
    fx: Path | None = None,
    domestic: tuple[str, ...] = ("CN",),
    fx_config: dict[tuple[str, str], float] | None = None,
    use_cache: bool = False,
    select_months: Callable[[list[str]], tuple[Iterable[str], Iterable[str]] | None] | None = None,
    select_columns: Sequence[str] | None = None,
) -> Built:
    """Read every export under ``data`` and return clean events plus rejects and warnings.

    With ``use_cache`` the parsed table is reused when nothing that decides it changed
    (see ``cache``); ``select_months`` (given the months held, it names the months whose rows
    are wanted and those whose amounts are, or None for all) lets a cached read skip the rest;
    such a read returns only the event columns in ``select_columns``, when given."""
    mapping = load_mapping(columns)
    files = list_files(Path(data))
    rates = fx_rates(fx, fx_config)
    key = None
    if use_cache:
        from . import cache

        hit, key = cache.lookup(files, columns, rates.fingerprint(), tuple(domestic), select_months, select_columns)
        if hit is not None:
            return hit
    from .memory import keep_freed_memory
    from .table import build_events  # the parser, not loaded for a cached read

    keep_freed_memory()  # the build's arrays reuse freed memory instead of fresh pages
    tables = [read_table(path, mapping.encoding) for path in files]
    built = build_events(tables, mapping, rates, load_estimates(), domestic)
    if key is not None:
        cache.store(key, built)
    return built


def read_events(path: Path):
    """Load an events.parquet written by ``narrate ingest --out`` back into the canonical table."""
    import pandas as pd
    import pyarrow.parquet as pq

    table = pq.read_table(path).combine_chunks()  # one chunk per column: later filters are much faster
    # pandas cannot rebuild a list<string> column from its own metadata; map Arrow types directly.
    return table.to_pandas(ignore_metadata=True, types_mapper=lambda t: pd.ArrowDtype(t) if str(t).startswith("list") else None)
