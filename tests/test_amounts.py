import pytest
from hypothesis import given
from hypothesis import strategies as st

from narrator.ingest.amounts import parse_amount
from narrator.ingest.fx import load_estimates

EST = load_estimates()


@pytest.mark.parametrize("text, value, currency, kind", [
    ("1.5亿美元", 1.5e8, "USD", "exact"),
    ("2,300万美元", 2.3e7, "USD", "exact"),
    ("5000万", 5e7, "CNY", "exact"),
    ("5000万元", 5e7, "CNY", "exact"),
    ("3000万人民币", 3e7, "CNY", "exact"),
    ("$2.3B", 2.3e9, "USD", "exact"),
    ("USD 900M", 9e8, "USD", "exact"),
    ("€50m", 5e7, "EUR", "exact"),
    ("1.35亿港元", 1.35e8, "HKD", "exact"),
    ("2000万新台币", 2e7, "TWD", "exact"),
    ("１．５亿美元", 1.5e8, "USD", "exact"),  # full-width digits
    ("约2亿元", 2e8, "CNY", "exact"),
    ("超1亿美元", 1e8, "USD", "estimated"),
    ("数十万", 1e5, "CNY", "estimated"),
    ("数百万人民币", 1e6, "CNY", "estimated"),
    ("数千万人民币", 1e7, "CNY", "estimated"),
    ("近千万", 1e7, "CNY", "estimated"),
    ("千万级人民币", 1e7, "CNY", "estimated"),
    ("近亿元人民币", 1e8, "CNY", "estimated"),
    ("超亿", 1e8, "CNY", "estimated"),
    ("亿元及以上", 1e8, "CNY", "estimated"),
    ("亿元及以上美元", 1e8, "USD", "estimated"),
    ("数亿", 1e8, "CNY", "estimated"),
    ("数十亿美元", 1e9, "USD", "estimated"),
    ("数千万港元", 1e7, "HKD", "estimated"),
])
def test_amount_values(text, value, currency, kind):
    parsed = parse_amount(text, "CNY", EST)
    assert (parsed.value, parsed.currency, parsed.kind, parsed.error) == (pytest.approx(value), currency, kind, None)


@pytest.mark.parametrize("text", ["未透露", "未披露", "不详", "", "  ", "-", "未公开", "投资金额未透露"])
def test_undisclosed(text):
    assert parse_amount(text, "CNY", EST).kind == "undisclosed"
    assert parse_amount(text, "CNY", EST).error is None


@pytest.mark.parametrize("text, message", [
    ("-500万", "negative amount '-500万'"),
    ("3000万比特币", "unknown currency or unit in '3000万比特币'"),
    ("abc", "cannot read amount 'abc'"),
    ("0", "amount must be positive, got '0'"),
])
def test_bad_amounts(text, message):
    assert parse_amount(text, "CNY", EST).error == message


def test_default_currency_applies_when_text_has_none():
    assert parse_amount("900万", "USD", EST).currency == "USD"


@given(st.integers(min_value=1, max_value=99_999), st.sampled_from(["美元", "人民币", "欧元", "港元"]))
def test_wan_amounts_round_trip(n, word):
    parsed = parse_amount(f"{n:,}万{word}", "CNY", EST)
    assert parsed.kind == "exact"
    assert parsed.value == pytest.approx(n * 1e4)


@given(st.decimals(min_value="0.01", max_value="999.99", places=2))
def test_yi_amounts_round_trip(d):
    parsed = parse_amount(f"{d}亿美元", "CNY", EST)
    assert parsed.value == pytest.approx(float(d) * 1e8)
    assert parsed.currency == "USD"
