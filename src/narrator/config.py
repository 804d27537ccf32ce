"""Settings from narrator.toml (``[report]``, ``[data]``, ``[llm]``) with sensible defaults."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError

DEFAULT_CONFIG_NAME = "narrator.toml"


@dataclass(frozen=True)
class ReportSettings:
    """What the 报告要素 block says; ``topic`` names the market the report covers."""

    topic: str = "AIGC"
    title: str = "{year}年{month}月全球{topic}投融资报告"
    publisher: str = "narrator 产业研究"
    source: str = "一级市场公开融资事件数据库"
    method: str = "一级市场融资事件统计与结构化分析（全球/国外/国内三层）"
    scope: str = "{topic}相关基础层、模型层、中间层及应用层企业"
    # Section 9 without a layer column shows the sector breakdown under this heading.
    sector_heading: str = "细分领域分布"


@dataclass(frozen=True)
class Settings:
    """Everything a run needs besides its command-line arguments."""

    report: ReportSettings = field(default_factory=ReportSettings)
    domestic: tuple[str, ...] = ("CN",)
    llm: dict[str, Any] = field(default_factory=dict)
    path: str | None = None
    fx: dict[tuple[str, str], float] = field(default_factory=dict)  # [fx."YYYY-MM"] CUR = CNY per unit


def read_toml(path: Path, what: str) -> dict[str, Any]:
    """Parse a TOML file; a missing or malformed file is one ConfigError line naming it."""
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: {what} not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not a valid TOML {what} ({exc})") from None


def load_settings(path: Path | None = None) -> Settings:
    """Read ``path`` (or ./narrator.toml when present); defaults for anything missing."""
    if path is None:
        candidate = Path.cwd() / DEFAULT_CONFIG_NAME
        if not candidate.is_file():
            return Settings()
        path = candidate
    doc = read_toml(path, "config file")
    from .settings_check import parse_fx, validate_data, validate_llm, validate_report

    where = str(path)
    report = doc.get("report", {})
    validate_report(where, report, set(ReportSettings.__dataclass_fields__))
    validate_data(where, doc.get("data", {}))
    validate_llm(where, doc.get("llm", {}))
    fx = parse_fx(where, doc.get("fx", {}))
    domestic = doc.get("data", {}).get("domestic", ["CN"])
    if isinstance(domestic, str):
        domestic = [domestic]
    return Settings(ReportSettings(**{k: str(v) for k, v in report.items()}),
                    tuple(str(c).upper() for c in domestic), dict(doc.get("llm", {})), str(path), fx)
