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


@pytest.fixture(scope="session")
def oct_facts():
    """The unseen export's October 2025 (the prose corpus's second dataset)."""
    from narrator.facts import compute_facts

    return compute_facts(ingest(Path(__file__).parent / "data" / "unseen_export.csv").events, "2025-10")


@pytest.fixture
def write_csv(tmp_path: Path):
    """Write CSV rows (a header is added) and return the path."""

    def _write(body: str, name: str = "export.csv", encoding: str = "utf-8", header: str = HEADER) -> Path:
        path = tmp_path / name
        path.write_bytes((header + body).encode(encoding))
        return path

    return _write


# -- recorded LLM calls ------------------------------------------------------------------
# Cassettes live in the repository's top-level cassettes/ folder. Response headers are
# scrubbed too (filter_headers only touches requests), and YAML keeps Chinese readable.
import yaml  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
VOLATILE = {"date", "server", "set-cookie", "x-request-id", "openai-organization", "openai-project",
            "openai-processing-ms", "cf-ray", "x-ratelimit-remaining-requests", "x-ratelimit-remaining-tokens"}


def _scrub_response(response):
    response["headers"] = {k: v for k, v in response["headers"].items() if k.lower() not in VOLATILE}
    return response


class _ReadableYaml:
    serialize = staticmethod(lambda d: yaml.safe_dump(d, allow_unicode=True, sort_keys=False, width=120))
    deserialize = staticmethod(yaml.safe_load)


def pytest_recording_configure(config, vcr):
    vcr.register_serializer("yaml", _ReadableYaml)


@pytest.fixture(scope="module")
def vcr_config():
    return {
        "filter_headers": ["authorization", "api-key", "x-api-key", "openai-organization", "openai-project",
                           "x-stainless-os", "x-stainless-arch", "x-stainless-runtime-version",
                           "x-stainless-package-version", "x-stainless-runtime", "user-agent"],
        "decode_compressed_response": True,
        "before_record_response": _scrub_response,
        "match_on": ["method", "scheme", "host", "port", "path", "query", "body"],
    }


@pytest.fixture(scope="module")
def vcr_cassette_dir(request):
    return str(ROOT / "cassettes" / request.module.__name__.split(".")[-1])


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path_factory):
    """No test sees a developer's API key, endpoint or response cache."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "NARRATOR_MODEL", "NARRATOR_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NARRATOR_CACHE_DIR", str(tmp_path_factory.mktemp("llm-cache")))
