"""Display forms round the decimal value half up (四舍五入), whatever binary noise a sum carries."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from narrator.format import fmt_amount, fmt_change, fmt_number, fmt_ratio, fmt_share


def test_halves_round_up_on_the_decimal_value():
    assert 2.643 / 12 == 0.22024999999999997  # the binary value is just below the half
    assert fmt_amount(2.643 / 12) == "2,203万元"
    assert fmt_amount(94.445) == fmt_amount(94.44500000000001) == "94.45亿元"
    assert fmt_share(72.05) == "72.1%"
    assert fmt_ratio(11.55) == "11.6倍"


def test_ordinary_values():
    assert fmt_amount(1854.998459159) == "1,855.00亿元"
    assert fmt_amount(0.3) == "3,000万元"
    assert fmt_share(87.97) == "88.0%"
    assert fmt_number(1631.8) == "1,631.80"
    assert fmt_change(-0.04) == "持平"
    assert fmt_change(12.345) == "增长12.3%"
    assert fmt_change(-8.05) == "下降8.1%"


cents = st.lists(st.integers(min_value=1, max_value=10_000_000), min_size=1, max_size=40)


@given(cents)
def test_display_does_not_depend_on_summation_order(values):
    amounts = [v / 10_000 for v in values]  # 亿元 with four decimals, like converted deals
    exact = sum(Decimal(v) / 10_000 for v in values)
    shown = fmt_amount(float(exact))
    assert fmt_amount(sum(amounts)) == shown
    assert fmt_amount(sum(reversed(amounts))) == shown
    assert fmt_amount(sum(sorted(amounts))) == shown
