"""Frames, wholes and words that decide what a figure is, found on tune26/27/30 on arrival.

Each true sentence passes and its twin is flagged. Several twins were planted errors an
obedient model published (国外：日本占全球23.5%, 排在其后的四家——…, 超过四成的出手投向了应用层,
增长超过三分之一（33.2%）).
"""

from __future__ import annotations

from narrator.check import check_article


def _problems(text, facts):
    return [m.text for m in check_article(text, facts).problems]


def test_a_share_of_the_world_under_a_region_label(oct_facts):
    assert _problems("5）国外：日本占全球7.0%，是国外第一。", oct_facts) == []
    assert _problems("5）国外：日本占全球23.5%，是国外第一。", oct_facts) == ["23.5%"]  # 23.5% is of 国外


def test_a_cardinal_before_a_dash_counts_the_names_after_it(nov_facts):
    names = "——「Xylemwave Health」「Ionawave Systems」「Zephyrloop Works」——分别拿到约179亿元、约132亿元和约113亿元。"
    assert _problems("排在其后的三家" + names, nov_facts) == []
    assert _problems("排在其后的四家" + names, nov_facts) == ["四家"]


def test_a_bracketed_word_share_before_a_dash(nov_facts):
    tail = "——项目与资金分属两个层级。"
    assert _problems("模型层拿走53.6%的资金（过半）" + tail, nov_facts) == []
    assert _problems("模型层拿走53.6%的资金（近半）" + tail, nov_facts) == ["近半"]


def test_the_whole_a_count_is_part_of(nov_facts):
    assert _problems("早期事件占全球33.0%，对应297起中的98起。", nov_facts) == []
    assert _problems("早期事件占全球33.0%，对应297起中的89起。", nov_facts) == ["89起"]
    assert _problems("早期事件占全球33.0%，对应279起中的98起。", nov_facts) == ["279起"]


def test_measures_the_data_does_not_hold(nov_facts):
    assert _problems("国内市场共发生融资事件214起，较上月增长20.9%。", nov_facts) == []
    assert _problems("国内市场共发生融资事件214起，较上季度增长20.9%。", nov_facts) == ["20.9%"]
    assert _problems("这些活跃机构里，超过四成的出手投向了应用层。", nov_facts) == ["超过四成"]


def test_the_parts_of_a_sum_in_a_bracket(nov_facts):
    assert _problems("模型层+基础层合计拿走88.4%的资金（53.6%+34.9%）。", nov_facts) == []
    assert _problems("模型层+基础层合计拿走88.4%的资金（34.9%+53.6%）。", nov_facts) == ["34.9%", "53.6%"]


def test_top_n_is_a_rank_and_is_quoted_as_written(nov_facts):
    report = check_article("Top 3国内机构合计出手70次。", nov_facts)
    assert report.ok and report.mentions[0].text == "Top 3"
    assert _problems("Top5交易合计占47.5%。", nov_facts) == ["47.5%"]


def test_a_change_told_as_a_fraction(nov_facts):
    assert _problems("金额环比增长近三分之一（33.2%）。", nov_facts) == []
    assert _problems("金额环比增长超过三分之一（33.2%）。", nov_facts) == ["超过三分之一"]


def test_a_world_share_clause_may_name_another_whole_after_it(nov_facts, oct_facts):
    # (regression guards for the rule above: 占全球…、国外…的 names both wholes)
    assert _problems("美国占全球金额的88.0%、国外金额的95.2%；国内占7.6%。", nov_facts) == []
    assert _problems("日本分别占全球和国外的7.0%和23.5%。", oct_facts) == []


def test_this_share_refers_to_the_sentence_before(nov_facts):
    assert _problems("美国拿走88.0%。只看国外市场，这个比例更高，达到95.2%。", nov_facts) == []
    assert _problems("美国拿走88.0%。在海外市场内部，这一比例超过96%。", nov_facts) == ["超过96%"]
    assert _problems("国内拿走7.6%。在海外市场内部，这一比例超过95%。", nov_facts) == ["超过95%"]
