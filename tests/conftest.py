from __future__ import annotations

from pathlib import Path

import pytest

from narrator.ingest import ingest
from narrator.resources import sample_data_dir

HEADER = "公司名称,融资时间,轮次,金额,投资方,地区,行业,层级\n"


@pytest.fixture(scope="session")
def sample_built():
    """The shipped sample, ingested once per test session."""
    return ingest(sample_data_dir())


@pytest.fixture(scope="session")
def nov_facts(sample_built):
    from narrator.facts import compute_facts

    return compute_facts(sample_built.events, "2025-11")


@pytest.fixture
def write_csv(tmp_path: Path):
    """Write CSV rows (a header is added) and return the path."""

    def _write(body: str, name: str = "export.csv", encoding: str = "utf-8", header: str = HEADER) -> Path:
        path = tmp_path / name
        path.write_bytes((header + body).encode(encoding))
        return path

    return _write
