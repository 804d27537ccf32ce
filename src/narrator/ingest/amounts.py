"""Parse amount texts such as ``1.5亿美元``, ``数千万人民币``, ``$2.3B`` or ``未披露``.

Each distinct text is parsed once (exports repeat the same strings thousands of
times); the caller maps the results back onto the rows.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..domain import CN_MAGNITUDE

# Longest tokens first so that "HK$" wins over "$" and "新台币" over "台币".
CURRENCY_TOKENS: dict[str, str] = {
    "元人民币": "CNY", "人民币": "CNY", "RMB": "CNY", "CNY": "CNY", "￥": "CNY", "¥": "CNY",
    "美元": "USD", "美金": "USD", "USD": "USD", "US$": "USD", "$": "USD",
    "港元": "HKD", "港币": "HKD", "HKD": "HKD", "HK$": "HKD",
    "新台币": "TWD", "台币": "TWD", "TWD": "TWD", "NT$": "TWD",
    "欧元": "EUR", "EUR": "EUR", "€": "EUR",
    "英镑": "GBP", "GBP": "GBP", "£": "GBP",
    "日元": "JPY", "日币": "JPY", "JPY": "JPY", "円": "JPY",
    "韩元": "KRW", "KRW": "KRW", "₩": "KRW",
    "新加坡元": "SGD", "新元": "SGD", "SGD": "SGD", "S$": "SGD",
    "加拿大元": "CAD", "加元": "CAD", "CAD": "CAD", "C$": "CAD",
    "澳大利亚元": "AUD", "澳元": "AUD", "AUD": "AUD", "A$": "AUD",
    "瑞士法郎": "CHF", "瑞郎": "CHF", "CHF": "CHF",
    "新谢克尔": "ILS", "谢克尔": "ILS", "ILS": "ILS", "₪": "ILS",
    "印度卢比": "INR", "卢比": "INR", "INR": "INR", "₹": "INR",
    "迪拉姆": "AED", "AED": "AED",
}
_CURRENCY_RE = re.compile(
    "|".join(re.escape(t) for t in sorted(CURRENCY_TOKENS, key=len, reverse=True)), re.IGNORECASE
)
# Words that name a currency narrator has no code for; such rows are rejected.
_UNKNOWN_CURRENCY_RE = re.compile(r"[\u4e00-\u9fff]{1,6}(币|元|镑|郎|尔|特|比|索)$|^[A-Z]{3}\b|\b[A-Z]{3}$")

UNDISCLOSED = {
    "", "未透露", "未披露", "暂未披露", "暂未透露", "不详", "未公开", "未知", "保密", "投资金额未透露",
    "金额未披露", "金额未透露", "-", "--", "—", "——", "n/a", "na", "none", "null", "undisclosed", "unknown",
}

_EN_MAGNITUDE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mm": 1e6, "million": 1e6,
                 "b": 1e9, "bn": 1e9, "billion": 1e9}
_EXACT_RE = re.compile(
    r"^(?P<q>约|超过|超|逾|过|近|接近|不到|不足|大约)?(?P<sign>[-−])?"
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)\s*"
    r"(?P<mag>万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千|thousand|million|billion|bn|mn|mm|k|m|b)?"
    r"(?P<tail>多|余|以上|及以上|左右)?$",
    re.IGNORECASE,
)
_APPROX_QUALIFIERS = {"约", "大约", "左右"}


@dataclass(frozen=True)
class ParsedAmount:
    """One amount text, parsed: value in units of ``currency`` (None when undisclosed)."""

    value: float | None
    currency: str | None
    kind: str  # "exact" | "estimated" | "undisclosed"
    error: str | None = None


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip()
    return re.sub(r"\s+", " ", text)


def split_currency(text: str) -> tuple[str, str | None]:
    """Remove the currency token from ``text``; return (rest, ISO code or None)."""
    found: str | None = None

    def _take(match: re.Match[str]) -> str:
        nonlocal found
        code = CURRENCY_TOKENS.get(match.group(0)) or CURRENCY_TOKENS.get(match.group(0).upper())
        if found is None:
            found = code
        return ""

    rest = _CURRENCY_RE.sub(_take, text).strip()
    # "5000万元" is yuan; "元" alone after a number means the default (RMB).
    if rest.endswith("元") and found is None:
        rest, found = rest[:-1], "CNY"
    elif rest.endswith("元"):
        rest = rest[:-1]
    return rest.strip(), found


def parse_amount(text: object, default_currency: str, estimates: dict[str, float]) -> ParsedAmount:
    """Parse one amount text.

    ``estimates`` maps fuzzy words (数千万, 近亿, 亿元及以上…) to a value in units of the
    stated currency; fuzzy amounts become ``estimated``.
    """
    raw = "" if text is None else str(text)
    norm = _normalise(raw)
    if norm.lower() in UNDISCLOSED or norm in UNDISCLOSED:
        return ParsedAmount(None, None, "undisclosed")
    rest, currency = split_currency(norm)
    currency = currency or default_currency
    rest = rest.replace(" ", "").replace("人民币", "")
    if rest.lower() in UNDISCLOSED:
        return ParsedAmount(None, None, "undisclosed")
    fuzzy = rest.rstrip("级") if rest not in estimates else rest
    for key in (rest, fuzzy, rest.replace("级", ""), rest.replace("元", ""), rest.replace("元", "").rstrip("级")):
        if key in estimates:
            return ParsedAmount(estimates[key], currency, "estimated")
    match = _EXACT_RE.match(rest)
    if match is None:
        if _UNKNOWN_CURRENCY_RE.search(rest) or re.search(r"\d", rest):
            return ParsedAmount(None, None, "undisclosed", f"unknown currency or unit in '{raw}'")
        return ParsedAmount(None, None, "undisclosed", f"cannot read amount '{raw}'")
    if match.group("sign"):
        return ParsedAmount(None, None, "undisclosed", f"negative amount '{raw}'")
    value = float(match.group("num").replace(",", ""))
    mag = match.group("mag")
    if mag:
        value *= CN_MAGNITUDE.get(mag) or _EN_MAGNITUDE[mag.lower()]
    if value <= 0:
        return ParsedAmount(None, None, "undisclosed", f"amount must be positive, got '{raw}'")
    qualifier = match.group("q")
    tail = match.group("tail")
    exact = (qualifier is None or qualifier in _APPROX_QUALIFIERS) and (tail is None or tail == "左右")
    return ParsedAmount(value, currency, "exact" if exact else "estimated")
