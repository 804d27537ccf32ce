"""Readings found on session 11's held-out sets after their one measurement (heldout36–39,
heldout44/45). Each true sentence passes and its twin is flagged; two twins are true sentences an
obedient model had been talked into making false, and are now never given a value to write.
"""

from __future__ import annotations

from narrator.check import check_article


def _problems(text, facts):
    return [m.text for m in check_article(text, facts).problems]


# heldout36–39

def test_an_increment_named_after_the_figure_is_never_the_total(oct_facts):
    lead = "其中国内融资563.98亿元，较9月的300.00亿元增长88.0%，国内一项就贡献了"
    assert _problems(lead + "约263.98亿元的增量。", oct_facts) == []
    report = check_article(lead + "约253.98亿元的增量。", oct_facts)
    assert [m.text for m in report.problems] == ["约253.98亿元"]
    assert not report.problems[0].pinned  # the repair may not dictate 563.98亿元 (an obedient model did)


def test_the_threshold_in_the_wrong_unit(nov_facts):
    assert _problems("单笔不低于50亿元的交易共10笔。", nov_facts) == []
    assert _problems("单笔不低于50万元的交易共10笔。", nov_facts) == ["不低于50万元"]


def test_the_first_n_as_a_rank_told_with_another_windows_share(nov_facts):
    assert _problems("前五大交易就占了45.5%。", nov_facts) == []
    assert _problems("前四大交易就占了45.5%。", nov_facts)[0] == "前四"


def test_investors_above_a_number_of_deals(nov_facts):
    assert _problems("国内出手超过15次的机构有三家。", nov_facts) == []
    assert _problems("国内出手超过15次的机构只有两家。", nov_facts) == ["两家"]


def test_the_named_deals_shares_summed(oct_facts):
    lead = "「极光推理」和「Parallax Bio」两笔合计占比"
    assert _problems(lead + "超过13%。", oct_facts) == []
    assert _problems(lead + "超过15%。", oct_facts) == ["超过15%"]


def test_the_rest_of_the_world_as_one_subject(nov_facts):
    assert _problems("美国以外的国外国家和地区合计占全球4.4%。", nov_facts) == []
    assert _problems("美国以外的国外国家和地区合计占全球7.6%。", nov_facts) == ["7.6%"]


def test_the_two_of_the_sentence_before(nov_facts):
    lead = "早期融资金额仅占全球融资金额的3.5%；D轮及以后与战略/股权投资融资金额占全球融资金额的71.7%。两者在金额占比上相差"
    assert _problems(lead + "68.2个百分点。", nov_facts) == []
    assert _problems(lead + "66.2个百分点。", nov_facts) == ["66.2个百分点"]


def test_a_share_right_after_its_figure_without_a_comma(oct_facts):
    lead = "101起事件占全球60.5%，563.98亿元占全球"
    assert _problems(lead + "70.1%。", oct_facts) == []
    assert _problems(lead + "60.5%。", oct_facts) == ["60.5%"]


def test_about_rounds_to_the_digits_it_shows(nov_facts):
    assert _problems("国内平均单笔仅约8,300万元。", nov_facts) == []
    assert _problems("国内平均单笔仅约8,400万元。", nov_facts) == ["仅约8,400万元"]


def test_overall_is_the_world(nov_facts):
    assert _problems("整体看，金额比10月涨了33.2%。", nov_facts) == []
    assert _problems("整体看，金额比10月涨了34.6%。", nov_facts) == ["34.6%"]


def test_a_deals_amount_in_brackets_after_its_dollars(nov_facts):
    lead = "最大一笔来自「Zephyrpath Labs」，IPO募资约44.3亿美元（"
    assert _problems(lead + "约313.8亿元）。", nov_facts) == []
    assert _problems(lead + "约413.8亿元）。", nov_facts) != []


def test_overall_overrides_a_line_label(nov_facts):
    lead = "5）国内分得少：国内只占全球金额的7.6%，连一成都不到。整体看，金额比10月涨了"
    assert _problems(lead + "33.2%。", nov_facts) == []
    assert _problems(lead + "34.6%。", nov_facts) == ["34.6%"]


def test_the_head_deals_by_region(oct_facts):
    assert _problems("头部三笔交易两笔在国内、一笔在国外。", oct_facts) == []
    assert _problems("头部三笔交易三笔在国内。", oct_facts) == ["三笔"]


def test_其中_names_no_china(nov_facts):
    lead = "其中国内与国外融资金额环比分别增长"
    assert _problems(lead + "34.6%和33.1%。", nov_facts) == []
    assert _problems(lead + "33.1%和34.6%。", nov_facts) == ["33.1%", "34.6%"]


def test_分得_is_money(nov_facts):
    lead = "中国以72.1%的项目分得"
    assert _problems(lead + "7.6%。", nov_facts) == []
    assert _problems(lead + "72.1%。", nov_facts) == ["72.1%"]


def test_a_regions_top_n_sum_in_brackets(nov_facts):
    lead = "国外前三合计40次，不到国内前三（"
    assert _problems(lead + "70次）。", nov_facts) == []
    assert _problems(lead + "72次）。", nov_facts) == ["72次"]


def test_the_plate_a_share_is_reckoned_on(nov_facts):
    assert _problems("国内只有7.6%，按1,855亿元的盘子算约141亿元。", nov_facts) == []
    assert _problems("国内只有7.6%，按1,855亿元的盘子算约151亿元。", nov_facts) == ["约151亿元"]


def test_a_deals_share_of_its_countrys_month(oct_facts):
    lead = "「Parallax Bio」52.11亿元，这一笔约占日本全月融资的"
    assert _problems(lead + "92.2%。", oct_facts) == []
    assert _problems(lead + "82.2%。", oct_facts) == ["82.2%"]


def test_last_months_base(oct_facts):
    assert _problems("增幅较大，可能与9月基数较低有关。", oct_facts) == []
    assert _problems("增幅较大，可能与8月基数较低有关。", oct_facts) == ["8月"]


# heldout44/45

def test_the_others_within_the_first_n_are_never_dictated(nov_facts):
    lead = "金额最大前5笔交易占全球45.5%。第1大交易「Zephyrpath Labs」313.80亿元，占16.9%。前5笔中其他4笔占"
    assert _problems(lead + "28.6%。", nov_facts) == []
    report = check_article(lead + "38.6%。", nov_facts)
    assert [m.text for m in report.problems] == ["38.6%"]
    assert not report.problems[0].pinned  # an obedient model had been told to write 45.5%


def test_a_name_after_its_figure(oct_facts):
    lead = "「Sequoia Capital」以15次出手位居首位，其后为"
    assert _problems(lead + "出手13次的「Accel」和出手12次的「General Catalyst」。", oct_facts) == []
    assert _problems(lead + "出手12次的「Accel」和出手13次的「General Catalyst」。", oct_facts) == ["12次", "13次"]


def test_the_first_n_listed_after_it(nov_facts):
    tail = "分别是「Zephyrpath Labs」313.80亿元、「Xylemwave Health」178.56亿元和「Ionawave Systems」131.79亿元。"
    assert _problems("前三笔" + tail, nov_facts) == []
    assert _problems("前两笔" + tail, nov_facts) == ["两笔"]


def test_a_frame_in_the_clause_is_its_whole(nov_facts):
    lead = "美国以1,631.80亿元的融资金额占据全球的88.0%，而其事件数在国外融资事件中所占的比例为"
    assert _problems(lead + "56.6%。", nov_facts) == []
    assert _problems(lead + "15.8%。", nov_facts) == ["15.8%"]
