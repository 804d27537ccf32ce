"""Settings from narrator.toml, validated once into one typed, frozen tree.

``load_settings`` reads the file and builds ``Settings``. Each value is checked against the
rule its field declares as it is built, so a wrong value is one ConfigError naming the key
and the type expected (exit 2, with or without ``--offline``), before any stage runs:
``narrator.toml: [llm] concurrency must be a positive integer, got 'four'``. Nothing
after this module reads the TOML document; later stages only read the typed fields.

    Settings
    ├── report: ReportSettings     [report]  texts of the 报告要素 block
    ├── domestic: tuple[str, ...]  [data] domestic
    ├── llm: LLMConfig             [llm], [llm.prices]  (draft.llm adds flags and environment)
    ├── fx: {(month, currency): CNY per unit}   [fx."YYYY-MM"]
    └── path: the file read, or None
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Callable, TypeVar

from .errors import ConfigError

DEFAULT_CONFIG_NAME = "narrator.toml"


# -- the rule of each key: accepted TOML types, the words for them, a check on the value ------
def _key(default: Any, types: tuple[type, ...], expected: str, check: Callable[[Any], bool] | None = None) -> Any:
    return field(default=default, metadata={"types": types, "expected": expected, "check": check})


def _text(default: str | None) -> Any:
    return _key(default, (str,), "a text in quotes")


def _positive_int(default: int) -> Any:
    return _key(default, (int,), "a positive integer", lambda v: v > 0)


def _positive_number(default: float) -> Any:
    return _key(default, (int, float), "a positive number", lambda v: v > 0)


@dataclass(frozen=True)
class ReportSettings:
    """[report]: what the 报告要素 block says; ``topic`` names the market the report covers."""

    topic: str = _text("AIGC")
    title: str = _text("{year}年{month}月全球{topic}投融资报告")
    publisher: str = _text("narrator 产业研究")
    source: str = _text("一级市场公开融资事件数据库")
    method: str = _text("一级市场融资事件统计与结构化分析（全球/国外/国内三层）")
    scope: str = _text("{topic}相关基础层、模型层、中间层及应用层企业")
    # Section 9 without a layer column shows the sector breakdown under this heading.
    sector_heading: str = _text("细分领域分布")


@dataclass(frozen=True)
class LLMConfig:
    """[llm] as written in narrator.toml. ``draft.llm.resolve_llm_settings`` lays the flags and
    the environment (key, endpoint, model) over it into ``LLMSettings``."""

    model: str | None = _text(None)
    base_url: str | None = _text(None)
    cache_dir: str | None = _text(None)
    concurrency: int = _positive_int(4)
    timeout: float = _positive_number(60.0)
    max_retries: int = _key(3, (int,), "an integer ≥ 0", lambda v: v >= 0)
    deadline: float = _positive_number(300.0)
    temperature: float = _key(0.3, (int, float), "a number between 0 and 2", lambda v: 0 <= v <= 2)
    max_output_tokens: int = _positive_int(900)
    prompt_budget: int = _positive_int(1500)
    # [llm.prices] "<model>" = {input = …, output = …}: USD per 1M tokens.
    prices: dict[str, tuple[float, float]] = field(
        default_factory=dict, metadata={"types": (dict,), "expected": "a table of model = {input = …, output = …}",
                                        "check": None})


@dataclass(frozen=True)
class Settings:
    """Everything a run needs besides its command-line arguments."""

    report: ReportSettings = field(default_factory=ReportSettings)
    domestic: tuple[str, ...] = ("CN",)
    llm: LLMConfig = field(default_factory=LLMConfig)
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
    """Read ``path`` (or ./narrator.toml when present) into typed settings; defaults for anything missing."""
    if path is None:
        candidate = Path.cwd() / DEFAULT_CONFIG_NAME
        if not candidate.is_file():
            return Settings()
        path = candidate
    doc = read_toml(path, "config file")
    where = str(path)
    report = _build(where, "report", doc.get("report", {}), ReportSettings)
    domestic = _domestic(where, doc.get("data", {}))
    llm = _build(where, "llm", doc.get("llm", {}), LLMConfig)
    llm = replace(llm, prices=_prices(where, llm.prices))
    return Settings(report=report, domestic=domestic, llm=llm, path=where, fx=_fx(where, doc.get("fx", {})))


# -- building each table ---------------------------------------------------------------------
T = TypeVar("T")
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_CURRENCY = re.compile(r"^[A-Za-z]{3}$")


def _table(where: str, name: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: [{name}] must be a table")
    return value


def _check(where: str, key: str, value: Any, types: tuple[type, ...], expected: str,
           check: Callable[[Any], bool] | None = None) -> Any:
    """``value`` if it is of ``types`` and passes ``check``; else the one-line error naming ``key``."""
    # TOML booleans are Python ints: true must not pass for concurrency = 1.
    valid = isinstance(value, types) and not isinstance(value, bool) and (check is None or check(value))
    if not valid:
        raise ConfigError(f"{where}: {key} must be {expected}, got {value!r}")
    return float(value) if float in types else value  # 60 and 60.0 are the same timeout


def _build(where: str, name: str, value: Any, cls: type[T]) -> T:
    """The dataclass ``cls`` from table [name]: every key known, every value by its field's rule."""
    table = _table(where, name, value)
    rules = {f.name: f.metadata for f in fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(table) - set(rules))
    if unknown:
        raise ConfigError(f"{where}: unknown key '{unknown[0]}' in [{name}]; keys are: {', '.join(sorted(rules))}")
    return cls(**{key: _check(where, f"[{name}] {key}", v, rules[key]["types"], rules[key]["expected"],
                              rules[key]["check"]) for key, v in table.items()})


def _prices(where: str, table: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """[llm.prices] "<model>" = {input = …, output = …} → {model: (input, output)}."""
    prices: dict[str, tuple[float, float]] = {}
    for model, price in table.items():
        if not isinstance(price, dict) or set(price) != {"input", "output"}:
            raise ConfigError(f"{where}: [llm.prices] \"{model}\" must be {{input = …, output = …}} (USD per 1M tokens)")
        given = [_check(where, f"[llm.prices] \"{model}\" {side}", price[side], (int, float),
                        "a number ≥ 0 (USD per 1M tokens)", lambda v: v >= 0) for side in ("input", "output")]
        prices[model] = (given[0], given[1])
    return prices


def _domestic(where: str, value: Any) -> tuple[str, ...]:
    """[data] domestic: a code or a list of codes, upper-cased."""
    table = _table(where, "data", value)
    unknown = sorted(set(table) - {"domestic"})
    if unknown:
        raise ConfigError(f"{where}: unknown key '{unknown[0]}' in [data]; keys are: domestic")
    domestic = table.get("domestic", ["CN"])
    if isinstance(domestic, str):
        domestic = [domestic]
    if not isinstance(domestic, list) or not all(isinstance(c, str) for c in domestic):
        raise ConfigError(f"{where}: [data] domestic must be a country code or a list of codes, got {domestic!r}")
    return tuple(c.upper() for c in domestic)


def _fx(where: str, value: Any) -> dict[tuple[str, str], float]:
    """``[fx."2016-08"] USD = 6.65`` → {("2016-08", "USD"): 6.65}."""
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: [fx] must be a table of months, e.g. [fx.\"2016-08\"] USD = 6.65")
    rates: dict[tuple[str, str], float] = {}
    for month, table in value.items():
        if not _MONTH.match(str(month)):
            raise ConfigError(f"{where}: [fx] key '{month}' must be a month YYYY-MM, e.g. [fx.\"2016-08\"]")
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: [fx.\"{month}\"] must be a table of CURRENCY = CNY per unit")
        for currency, rate in table.items():
            if not _CURRENCY.match(str(currency)):
                raise ConfigError(f"{where}: [fx.\"{month}\"] key '{currency}' must be a three-letter currency code")
            rates[(str(month), str(currency).upper())] = _check(
                where, f"[fx.\"{month}\"] {currency}", rate, (int, float), "a positive number", lambda v: v > 0)
    return rates
