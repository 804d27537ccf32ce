"""Verdicts: does a fact's value satisfy what the text states (value, qualifier, rounding)?"""

from __future__ import annotations

import math

from .reading import Range
from .report import Qualifier


def fits(actual: float, stated: "float | Range", qualifier: Qualifier, tol: float, near_band: float) -> bool:
    """Does ``actual`` satisfy '<qualifier> stated' (tol: rounding tolerance)?"""
    if isinstance(stated, Range):
        return bool(stated.low - tol <= actual <= stated.high + tol)
    eps = 1e-9 * max(1.0, abs(stated))
    if qualifier == "eq" and tol > 0 and stated and actual * stated > 0:
        # 四舍五入, as format.rounded shows figures: 106.245 is 106.25, never 106.24.
        return -tol - eps <= abs(actual) - abs(stated) < tol - eps
    if qualifier in ("eq", "approx"):
        return abs(actual - stated) <= tol + eps
    if qualifier == "gt":
        return actual > stated
    if qualifier == "lt":
        return actual < stated
    if qualifier == "ge":
        return actual >= stated - eps
    if qualifier == "le":
        return actual <= stated + eps
    if qualifier == "near":
        return stated - near_band <= actual <= stated + tol
    if qualifier == "more":
        step = 10 ** math.floor(math.log10(stated)) if stated > 0 else 1
        return stated < actual < stated + step
    return False

