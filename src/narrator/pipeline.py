"""The stages wired together: ingest → facts → draft → check → render."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .config import Settings
from .facts import MonthFacts, compute_facts
from .ingest import Built, ingest
from .resources import sample_data_dir


@dataclass
class Inputs:
    """Where the data comes from (None means the shipped sample)."""

    data: Path | None = None
    columns: Path | None = None
    fx: Path | None = None

    @property
    def is_sample(self) -> bool:
        return self.data is None

    def data_path(self) -> Path:
        return self.data if self.data is not None else sample_data_dir()


def load(inputs: Inputs, settings: Settings) -> Built:
    """Stage 1: the clean event table and its rejects."""
    return ingest(inputs.data_path(), inputs.columns, inputs.fx, settings.domestic)


def data_summary(built: Built, inputs: Inputs) -> dict:
    """The ``data`` block of facts.json: files, row counts, whether the sample was used."""
    root = inputs.data_path()
    files = [Path(f).name if root.is_dir() else str(f) for f in built.files]
    if inputs.is_sample:
        files = [f"narrator:data/sample/{Path(f).name}" for f in built.files]
    return {
        "files": files,
        "rows_read": built.rows_read,
        "kept": len(built.events),
        "rejected": len(built.rejects) - built.duplicates,
        "duplicates": built.duplicates,
        "sample": inputs.is_sample,
    }


def facts_for(month: str, inputs: Inputs, settings: Settings) -> tuple[MonthFacts, Built]:
    """Stages 1–2: the month's facts (and the table they came from)."""
    built = load(inputs, settings)
    facts = compute_facts(built.events, month, data_summary(built, inputs), settings.report.topic)
    return facts, built


def ingest_summary(built: Built) -> dict:
    """Counts for ``narrate ingest``: rows_read == kept + rejected + duplicates."""
    months = built.events["month"].value_counts().sort_index()
    return {
        "rows_read": built.rows_read,
        "kept": len(built.events),
        "rejected": len(built.rejects) - built.duplicates,
        "duplicates": built.duplicates,
        "months": {str(k): int(v) for k, v in months.items()},
    }


def write_ingest(built: Built, out: Path) -> None:
    """Write events.csv, events.parquet and (when any) rejects.csv."""
    out.mkdir(parents=True, exist_ok=True)
    flat = built.events.assign(investors=built.events["investors"].map("、".join))
    flat.to_csv(out / "events.csv", index=False, encoding="utf-8")
    built.events.to_parquet(out / "events.parquet", index=False)
    if len(built.rejects):
        built.rejects.to_csv(out / "rejects.csv", index=False, encoding="utf-8")
