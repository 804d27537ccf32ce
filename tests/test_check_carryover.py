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


MEGA = "单笔不低于50亿元的交易共有10笔，合计占全球融资金额的63.2%。"


def test_what_the_mega_deals_leave(nov_facts):
    # found on tune22: 这10笔之外的全部交易 / 剩余的287笔 after a link word
    assert _problems(MEGA + "换一个角度看，这10笔之外的全部交易——数量上占绝大多数——只分享了约36.8%的资金。", nov_facts) == []
    assert _problems(MEGA + "换一个角度看，这10笔之外的全部交易只分享了约46.8%的资金。", nov_facts) == ["约46.8%"]
    assert _problems(MEGA + "这意味着剩余的287笔交易仅分享了约36.8%的资金。", nov_facts) == []
    assert _problems(MEGA + "这意味着剩余的277笔交易仅分享了约26.8%的资金。", nov_facts) == ["277笔", "约26.8%"]


def test_two_ranks_of_the_deal_ranking_in_the_own_clause(nov_facts):
    lead = "排在第二、三位的「Xylemwave Health」（178.56亿元，9.6%）和「Ionawave Systems」（131.79亿元，7.1%）与第一名仍有相当距离，"
    assert _problems(lead + "第一名的金额约为第二名的1.8倍。", nov_facts) == []
    assert _problems(lead + "第一名的金额约为第二名的2.4倍。", nov_facts) == ["2.4倍"]


def test_money_flowing_to_projects_is_still_money(oct_facts):
    lead = "10月全球融资总额为804.90亿元，其中国内占70.1%，也就是说每10元融资中约有7元流向了国内项目；国外合计约占三成，其中日本占全球的{}。"
    assert _problems(lead.format("7.0%"), oct_facts) == []
    assert _problems(lead.format("3.6%"), oct_facts) == ["3.6%"]  # 日本's share of the deals


def test_a_growth_rate_compared_with_another_region(oct_facts):
    assert _problems("国内融资金额环比增长88.0%，增速显著高于全球整体的70.5%。", oct_facts) == []
    assert _problems("国内融资金额环比增长88.0%，增速显著高于全球整体的19.3%。", oct_facts) == ["19.3%"]
    assert _problems("国内融资金额环比增长88.0%，增速快于国外的70.5%。", oct_facts) == ["70.5%"]


def test_an_investor_participating_binds_its_own_count(nov_facts):
    # the example of a true sentence an obedient model made false: 参与了32起投资 → 214起
    assert _problems("「远澜资本」参与了32起投资。", nov_facts) == []
    assert _problems("远澜资本本月参与了32笔交易。", nov_facts) == []
    assert _problems("「远澜资本」参与了214起投资。", nov_facts) == ["214起"]
    assert _problems("最活跃的机构参与了214起投资。", nov_facts) == ["214起"]
