"""Validation of narrator.toml values in one place: a wrong type is one line naming the key.

``load_settings`` calls :func:`validate` before anything else reads the document, so a
bad value fails the same way with or without ``--offline`` (exit 2, no traceback).
"""

from __future__ import annotations

import re
from typing import Any

from .errors import ConfigError

# key → (accepted Python types, wording of the expected type, check on the value or None)
_POSITIVE_INT = ((int,), "a positive integer", lambda v: v > 0)
_NON_NEGATIVE_INT = ((int,), "an integer ≥ 0", lambda v: v >= 0)
_POSITIVE_NUMBER = ((int, float), "a positive number", lambda v: v > 0)
_TEXT = ((str,), "a text in quotes", None)
LLM_KEYS: dict[str, tuple[tuple[type, ...], str, Any]] = {
    "model": _TEXT, "base_url": _TEXT, "cache_dir": _TEXT,
    "concurrency": _POSITIVE_INT, "max_retries": _NON_NEGATIVE_INT, "max_output_tokens": _POSITIVE_INT,
    "prompt_budget": _POSITIVE_INT, "timeout": _POSITIVE_NUMBER, "deadline": _POSITIVE_NUMBER,
    "temperature": ((int, float), "a number between 0 and 2", lambda v: 0 <= v <= 2),
    "prices": ((dict,), "a table of model = {input = …, output = …}", None),
}
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_CURRENCY = re.compile(r"^[A-Za-z]{3}$")


def _type_ok(value: Any, types: tuple[type, ...]) -> bool:
    # TOML booleans are Python ints: true must not pass for concurrency = 1.
    return isinstance(value, types) and not isinstance(value, bool)


def _check(path: str, key: str, value: Any, spec: tuple[tuple[type, ...], str, Any]) -> None:
    types, wording, extra = spec
    if not _type_ok(value, types) or (extra is not None and not extra(value)):
        raise ConfigError(f"{path}: {key} must be {wording}, got {value!r}")


def validate_llm(path: str, llm: Any) -> None:
    """Every ``[llm]`` key known and of the right type; prices as numbers."""
    if not isinstance(llm, dict):
        raise ConfigError(f"{path}: [llm] must be a table")
    for key, value in llm.items():
        if key not in LLM_KEYS:
            raise ConfigError(f"{path}: unknown key '{key}' in [llm]; keys are: {', '.join(sorted(LLM_KEYS))}")
        _check(path, f"[llm] {key}", value, LLM_KEYS[key])
    for model, price in (llm.get("prices") or {}).items():
        if not isinstance(price, dict) or set(price) != {"input", "output"}:
            raise ConfigError(f"{path}: [llm.prices] \"{model}\" must be {{input = …, output = …}} (USD per 1M tokens)")
        for side in ("input", "output"):
            _check(path, f"[llm.prices] \"{model}\" {side}", price[side],
                   ((int, float), "a number ≥ 0 (USD per 1M tokens)", lambda v: v >= 0))


def parse_fx(path: str, fx: Any) -> dict[tuple[str, str], float]:
    """``[fx."2016-08"] USD = 6.65`` → {("2016-08", "USD"): 6.65}."""
    if not isinstance(fx, dict):
        raise ConfigError(f"{path}: [fx] must be a table of months, e.g. [fx.\"2016-08\"] USD = 6.65")
    rates: dict[tuple[str, str], float] = {}
    for month, table in fx.items():
        if not _MONTH.match(str(month)):
            raise ConfigError(f"{path}: [fx] key '{month}' must be a month YYYY-MM, e.g. [fx.\"2016-08\"]")
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [fx.\"{month}\"] must be a table of CURRENCY = CNY per unit")
        for currency, rate in table.items():
            if not _CURRENCY.match(str(currency)):
                raise ConfigError(f"{path}: [fx.\"{month}\"] key '{currency}' must be a three-letter currency code")
            _check(path, f"[fx.\"{month}\"] {currency}", rate, _POSITIVE_NUMBER)
            rates[(str(month), str(currency).upper())] = float(rate)
    return rates


def validate_data(path: str, data: Any) -> None:
    """``[data] domestic`` is a code or a list of codes."""
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: [data] must be a table")
    domestic = data.get("domestic", ["CN"])
    if isinstance(domestic, str):
        return
    if not isinstance(domestic, list) or not all(isinstance(c, str) for c in domestic):
        raise ConfigError(f"{path}: [data] domestic must be a country code or a list of codes, got {domestic!r}")


def validate_report(path: str, report: Any, known: set[str]) -> None:
    """``[report]`` keys known, and each a text."""
    if not isinstance(report, dict):
        raise ConfigError(f"{path}: [report] must be a table")
    unknown = sorted(set(report) - known)
    if unknown:
        raise ConfigError(f"{path}: unknown key '{unknown[0]}' in [report]; keys are: {', '.join(sorted(known))}")
    for key, value in report.items():
        _check(path, f"[report] {key}", value, _TEXT)
