"""Chinese display forms of numbers: the one formatter used by facts, templates and charts."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal


def fmt_count(n: float, unit: str = "个") -> str:
    """10 → '10个'; fmt_count(297, "起") → '297起'."""
    return f"{int(round(n)):,}{unit}"


def rounded(x: float, places: int) -> Decimal:
    """四舍五入 of the decimal value ``x`` stands for, to ``places`` decimals.

    Python's own rounding works on the binary value and halves to even, so 2.643 / 12
    (0.22025, stored as 0.22024999999999997) would show as 2,202万元 and the result would
    depend on the order a sum was added in. Binary noise far below the shown place is
    dropped first, then halves round up, as an editor rounds by hand.
    """
    noise_free = Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-(places + 6)), ROUND_HALF_EVEN)
    return noise_free.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def fmt_amount(yi: float) -> str:
    """Amount in 亿元: '1,855.00亿元'; below 1亿 in 万元: '3,000万元'."""
    if abs(yi) < 1:
        return f"{rounded(yi * 1e4, 0):,}万元"
    return f"{rounded(yi, 2):,}亿元"


def fmt_threshold(yi: float) -> str:
    """A threshold as the round figure it is: 50.0 → '50亿元' (not '50.00亿元'); 0.5 → '5,000万元'."""
    if abs(yi) < 1:
        return f"{rounded(yi * 1e4, 0):,}万元"
    value = rounded(yi, 2)
    return f"{value.normalize():,f}亿元" if value == value.to_integral() else f"{value:,}亿元"


def fmt_share(pct: float) -> str:
    """Share 0–100 with one decimal: '92.4%'."""
    return f"{rounded(pct, 1)}%"


def fmt_change(pct: float) -> str:
    """Month-on-month change: '增长12.3%' / '下降8.1%' / '持平'."""
    shown = rounded(abs(pct), 1)
    if shown == 0:
        return "持平"
    return f"{'增长' if pct > 0 else '下降'}{shown}%"


def fmt_points(pp: float) -> str:
    """Difference of two shares: '64.5个百分点'."""
    return f"{rounded(abs(pp), 1)}个百分点"


def fmt_ratio(x: float) -> str:
    """'11.6倍'."""
    return f"{rounded(x, 1)}倍"


def fmt_number(x: float) -> str:
    """Plain figure with separators, used in formulas: 1855.0 → '1,855.00'."""
    return f"{rounded(x, 2):,}"


_CN_DIGITS = "零一二三四五六七八九十"


def share_phrase(pct: float) -> str:
    """A share as 成 words, true by the checker's semantics: 72.1 → 七成以上, 27.9 → 近三成, 52 → 过半."""
    if pct >= 100:
        return "全部"
    if pct >= 90:
        return "九成以上"
    if abs(pct - 50) < 0.05:
        return "一半"
    if 50 < pct < 55:
        return "过半"
    tens = int(math.floor(pct / 10))
    if pct < 10:
        return "不足一成"
    if pct - tens * 10 < 5:
        return f"{_CN_DIGITS[tens]}成以上"
    return f"近{_CN_DIGITS[tens + 1]}成" if tens + 1 < 10 else "九成以上"
