"""Column mapping: which header of an export holds which narrator field."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..config import read_toml
from ..errors import ConfigError

FIELDS = ["company", "date", "round", "amount", "amount_value", "currency", "investors",
          "country", "sector", "layer"]
REQUIRED = ["company", "date", "round", "country"]

# Headers recognised without a mapping file (compared case-insensitively).
DEFAULT_ALIASES: dict[str, list[str]] = {
    "company": ["公司名称", "公司", "企业名称", "项目名称", "项目", "公司简称", "company", "company_name",
                "organization name", "organization_name", "name"],
    "date": ["融资时间", "融资日期", "日期", "时间", "披露日期", "date", "announced_on", "announced on",
             "announced_date", "funding_date"],
    "round": ["轮次", "融资轮次", "round", "funding_type", "funding type", "stage", "series"],
    "amount": ["金额", "融资金额", "交易金额", "amount", "amount_text", "money_raised_text"],
    "amount_value": ["raised_amount", "raised_amount_usd", "money_raised", "amount_value", "金额数值"],
    "currency": ["币种", "货币", "currency", "raised_amount_currency_code"],
    "investors": ["投资方", "投资机构", "投资人", "investors", "investor_names", "investor names"],
    "country": ["地区", "国家", "国家/地区", "所在地", "country", "country_code", "region", "location"],
    "sector": ["行业", "细分领域", "领域", "赛道", "sector", "industry", "category"],
    "layer": ["层级", "产业层级", "layer"],
}


@dataclass(frozen=True)
class ColumnMapping:
    """Headers for each field, constant defaults, and reading options."""

    columns: dict[str, str] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None
    source: str | None = None

    def resolve(self, headers: list[str], file: str) -> dict[str, str]:
        """Return {field: header} for this file; raise ConfigError naming what is missing."""
        found: dict[str, str] = {}
        by_lower = {h.strip().lower(): h for h in headers}
        for name in FIELDS:
            if name in self.columns:
                wanted = self.columns[name]
                if wanted in headers:
                    found[name] = wanted
                elif wanted.strip().lower() in by_lower:
                    found[name] = by_lower[wanted.strip().lower()]
                continue
            for alias in DEFAULT_ALIASES[name]:
                if alias.lower() in by_lower:
                    found[name] = by_lower[alias.lower()]
                    break
        missing = [f for f in REQUIRED if f not in found and f not in self.defaults]
        if "amount" not in found and "amount_value" not in found:
            missing.append("amount")
        if missing:
            field_name = missing[0]
            named = self.columns.get(field_name)
            expected = f"header '{named}'" if named else "a header such as " + "/".join(DEFAULT_ALIASES[field_name][:3])
            shown = ", ".join(headers) if headers else "(none)"
            raise ConfigError(
                f"{file}: missing required column '{field_name}' ({expected}); headers found: {shown}"
            )
        return found


def load_mapping(path: Path | None) -> ColumnMapping:
    """Read a TOML column mapping (``[columns]``, ``[defaults]``, ``[options]``)."""
    if path is None:
        return ColumnMapping()
    doc = read_toml(path, "column mapping file")
    columns = doc.get("columns", {})
    unknown = sorted(set(columns) - set(FIELDS))
    if unknown:
        raise ConfigError(f"{path}: unknown field '{unknown[0]}' in [columns]; fields are: {', '.join(FIELDS)}")
    bad = [k for k, v in columns.items() if not isinstance(v, str)]
    if bad:
        raise ConfigError(f"{path}: [columns] {bad[0]} must be a header name in quotes")
    defaults = {k: str(v) for k, v in doc.get("defaults", {}).items()}
    encoding = doc.get("options", {}).get("encoding")
    return ColumnMapping(dict(columns), defaults, encoding, str(path))
