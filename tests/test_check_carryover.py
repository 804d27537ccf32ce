"""What a figure's clause carries from before it: a named deal, a compared month, a measure.

Found on tune23 on arrival (session 10). Each true sentence passes and its twin is flagged.
"""

from __future__ import annotations

from narrator.check import check_article


def _problems(text, facts):
    return [m.text for m in check_article(text, facts).problems]


def test_a_deal_named_after_the_region_is_the_subject(oct_facts):
    # 单笔最大 is the largest deal, not the average; Lab42 is what the figure is about
    assert _problems("美国单笔最大的是Lab42，约9.2亿元。", oct_facts) == []
    assert _problems("美国单笔最大的是Lab42，约19.2亿元。", oct_facts) == ["约19.2亿元"]


def test_a_deal_named_before_the_region_does_not_take_its_figure(oct_facts):
    assert _problems("「Lab42」之外，美国平均单笔约2.1亿元。", oct_facts) == []
    assert _problems("「Lab42」之外，美国平均单笔约9.2亿元。", oct_facts) == ["约9.2亿元"]


def test_same_as_last_month_is_a_comparison(nov_facts):
    assert _problems("国外的事件数和10月一样，还是83起。", nov_facts) == []
    assert _problems("国外的事件数和10月一样，还是84起。", nov_facts) == ["84起"]


def test_a_bracket_restating_a_word_share_may_be_either_measure(oct_facts):
    both = "应用层拿下约四成资金（40.9%）、过半项目（52.7%）；模型层仅一成左右（{}）。"
    assert _problems(both.format("10.3%"), oct_facts) == []  # 模型层's share of the money
    assert _problems(both.format("12.3%"), oct_facts) == ["12.3%"]


def test_a_plain_figure_carries_the_nearest_measure(oct_facts):
    # 事件52.7%、金额40.9%；模型层29.2%: the money shares, so the swapped pair is flagged
    assert _problems("应用层事件52.7%、金额40.9%；模型层29.2%、基础层10.3%。", oct_facts) == ["29.2%", "10.3%"]
    assert _problems("应用层事件52.7%、金额40.9%；模型层10.3%、基础层29.2%。", oct_facts) == []
