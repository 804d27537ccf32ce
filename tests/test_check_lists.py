"""Cardinals and ranks checked against the list they count, wherever the writer put that list.

Found on tune15/16 on arrival, where an obedient model published four of them: a rank written
TOP4 or 前四 before a colon, a rank followed by 依次为 and the names, 以上四笔 opening the
paragraph after a bulleted list, and 五大层级 when the data has four layers. Each true sentence
passes and its twin with the wrong cardinal is flagged.
"""

from __future__ import annotations

import pytest

from narrator.check import check_article

BULLETS = "- 「Zephyrpath Labs」：313.80亿元；\n- 「Xylemwave Health」：178.56亿元；\n- 「Ionawave Systems」：131.79亿元。\n\n"
PAIRS = [
    ("国内活跃机构TOP3：「远澜资本」32次、「星河创投」20次、「北辰创投」18次。",
     "国内活跃机构TOP4：「远澜资本」32次、「星河创投」20次、「北辰创投」18次。", "TOP4"),
    ("国内活跃机构前三：「远澜资本」32次、「星河创投」20次、「北辰创投」18次。",
     "国内活跃机构前四：「远澜资本」32次、「星河创投」20次、「北辰创投」18次。", "前四"),
    ("前三大交易依次为「Zephyrpath Labs」313.80亿元、「Xylemwave Health」178.56亿元、「Ionawave Systems」131.79亿元。",
     "前四大交易依次为「Zephyrpath Labs」313.80亿元、「Xylemwave Health」178.56亿元、「Ionawave Systems」131.79亿元。", "前四"),
    (BULLETS + "以上三笔交易合计占全球融资金额的33.6%。", BULLETS + "以上四笔交易合计占全球融资金额的33.6%。", "四笔"),
    ("在四大层级中，应用层事件数占49.5%。", "在五大层级中，应用层事件数占49.5%。", "五"),
]


def _problems(text, facts):
    return [m.text for m in check_article(text, facts).mentions if m.verdict in ("wrong", "ambiguous", "unsupported")]


def _true_passes_and_twin_is_flagged(facts, true, false, figure):
    assert _problems(true, facts) == []
    assert figure in _problems(false, facts)


@pytest.mark.parametrize("true, false, figure", PAIRS, ids=[p[2] for p in PAIRS])
def test_a_cardinal_agrees_with_its_list(nov_facts, true, false, figure):
    _true_passes_and_twin_is_flagged(nov_facts, true, false, figure)


def test_a_top_n_without_a_list_is_a_rank_of_the_data(nov_facts):
    assert _problems("Top5交易合计占全球融资金额的45.5%。", nov_facts) == []
    assert _problems("Top5交易合计占全球融资金额的54.5%。", nov_facts) == ["54.5%"]


UNSEEN_PAIRS = [
    # a signed 分别 list: each figure takes its item
    ("全球167起，约805亿元，事件数和金额环比分别+19.3%、+70.5%。", "全球167起，约805亿元，事件数和金额环比分别+70.5%、+19.3%。", "70.5%"),
    # a bound written as a symbol in a bracket restates the figure before it
    ("应用层事件占比52.7%（>50%）。", "应用层事件占比52.7%（>60%）。", ">60%"),
    # a frame that opens an earlier clause (国外资金中…) carries over to the next country
    ("国外资金中日本占23.5%（全球7.0%），美国占22.8%。", "国外资金中日本占23.5%（全球7.0%），美国占6.8%。", "6.8%"),
    # TOP1为日本 names the holder of the rank: the figures are Japan's, not the top deal's share
    ("国外金额TOP1为日本，56.53亿元，占全球7.0%、占国外23.5%。", "国外金额TOP1为日本，56.53亿元，占全球7.0%、占国外22.8%。", "22.8%"),
]


@pytest.mark.parametrize("true, false, figure", UNSEEN_PAIRS, ids=[p[2] for p in UNSEEN_PAIRS])
def test_lists_frames_and_bounds_on_the_unseen_export(oct_facts, true, false, figure):
    _true_passes_and_twin_is_flagged(oct_facts, true, false, figure)


def test_a_cardinal_after_names_with_their_figures_counts_them(nov_facts):
    listed = "「Northgate Ventures」21次，「Keystone Park Partners」10次、「Sandhill Row Partners」9次，{}家差距不小。"
    assert _problems(listed.format("三"), nov_facts) == []
    assert _problems(listed.format("四"), nov_facts) == ["四家"]


def test_a_rank_of_deals_counts_deals_not_their_investors(oct_facts):
    assert _problems("「Sequoia Capital」投的「Lab42」，是海外前五大交易里唯一的美国项目。", oct_facts) == []


def test_a_cardinal_before_a_colon_counts_the_lines_under_it(nov_facts):
    lines = "\n🥇「Zephyrpath Labs」313.8亿（16.9%）\n🥈「Xylemwave Health」178.56亿（9.6%）\n🥉「Ionawave Systems」131.79亿（7.1%）\n3）超大额交易。"
    assert _problems("2）三笔大单：" + lines, nov_facts) == []
    assert _problems("2）四笔大单：" + lines, nov_facts) == ["四笔"]


def test_the_month_of_a_change_is_the_report_month(oct_facts):
    assert _problems("10月全球融资额环比增长70.5%，较9月增加约332.78亿元。", oct_facts) == []
    assert _problems("与9月相比，10月全球融资额环比增长70.5%。", oct_facts) == []
    assert _problems("9月全球融资额环比增长70.5%。", oct_facts) == ["9月"]


SUM_PAIRS = [
    ("国内与美国合计占全球金额的95.6%。", "国内与美国合计占全球金额的96.6%。", "96.6%"),
    ("美国以外的所有国家和地区合计只占全球约12.0%。", "美国以外的所有国家和地区合计只占全球约13.0%。", "约13.0%"),
    ("国内214起，平均一笔8340万，中位数才2800万。", "国内214起，平均一笔8430万，中位数才2800万。", "8430万"),
    ("总金额1855亿元，快奔着1900亿去了。", "总金额1855亿元，快奔着1800亿去了。", "快奔着1800亿"),
]


@pytest.mark.parametrize("true, false, figure", SUM_PAIRS, ids=[p[2] for p in SUM_PAIRS])
def test_sums_of_named_subjects_and_amounts_without_yuan(nov_facts, true, false, figure):
    _true_passes_and_twin_is_flagged(nov_facts, true, false, figure)


HELDOUT_PAIRS = [
    # found after heldout20/21's one measurement, where an obedient model published them
    ("应用层占全球事件数52.7%，刚过一半。", "应用层占全球事件数52.7%，接近一半。", "接近一半"),
    ("「极光推理」58.90亿元，已超过50亿元门槛。", "「长河智能7号」48.80亿元，占6.1%，已超过50亿元门槛。", "超过50亿元"),
    ("在四个产业层级中，模型层资金最少，只有10.3%。", "在五个产业层级中，模型层资金最少，只有10.3%。", "五个"),
    ("全球167起，804.90亿元；MoM 事件+19.3%，金额+70.5%（9月：140起 / 472.12亿元）。",
     "全球167起，804.90亿元；MoM 事件+19.3%，金额+70.5%（9月：140起 / 427.12亿元）。", "427.12亿元"),
]


@pytest.mark.parametrize("true, false, figure", HELDOUT_PAIRS, ids=[p[2] for p in HELDOUT_PAIRS])
def test_after_the_heldout_measurement(oct_facts, true, false, figure):
    _true_passes_and_twin_is_flagged(oct_facts, true, false, figure)


def test_a_negated_threshold_and_a_ranked_subject_are_not_the_named_deal(oct_facts):
    assert _problems("「长河智能7号」48.80亿元，还没跨过50亿元门槛。", oct_facts) == []
    assert _problems("「长河智能7号」48.80亿元；前两笔跨过50亿元门槛。", oct_facts) == []


DERIVED_PAIRS = [
    # the threshold against the named deal, stated or not
    ("单笔不低于50亿元的仅2笔，合计13.8%——「长河智能7号」差约1.2亿元未进入这一档。",
     "单笔不低于50亿元的仅2笔，合计13.8%——「长河智能7号」差约3.2亿元未进入这一档。", "约3.2亿元", "oct"),
    ("「长河智能7号」以48.80亿元（6.1%）排名第三，差约1.2亿元未能跨过门槛。",
     "「长河智能7号」以48.80亿元（6.1%）排名第三，差约2.2亿元未能跨过门槛。", "约2.2亿元", "oct"),
    # two ranks of the investors' ranking
    ("国外机构：「Northgate Ventures」21次领先，「Keystone Park Partners」10次——第一名的出手次数是第二名的2.1倍。",
     "国外机构：「Northgate Ventures」21次领先，「Keystone Park Partners」10次——第一名的出手次数是第二名的3.1倍。", "3.1倍", "nov"),
    # the two regions' average deals, in deals
    ("粗略地说，一笔国外融资抵得上约27笔国内融资。", "粗略地说，一笔国外融资抵得上约37笔国内融资。", "约37笔", "nov"),
]


@pytest.mark.parametrize("true, false, figure, month", DERIVED_PAIRS, ids=[p[2] for p in DERIVED_PAIRS])
def test_figures_a_writer_computed(nov_facts, oct_facts, true, false, figure, month):
    facts = nov_facts if month == "nov" else oct_facts
    _true_passes_and_twin_is_flagged(facts, true, false, figure)


MORE_DERIVED = [
    ("考虑到早期轮次占了52.1%的事件，其事件占比与金额占比之间的落差约为37.2个百分点。",
     "考虑到早期轮次占了52.1%的事件，其事件占比与金额占比之间的落差约为35.2个百分点。", "约为35.2个百分点"),
    ("单笔不低于50亿元的交易共2笔，合计占全球融资金额的13.8%，约111亿元。",
     "单笔不低于50亿元的交易共2笔，合计占全球融资金额的13.8%，约131亿元。", "约131亿元"),
]


@pytest.mark.parametrize("true, false, figure", MORE_DERIVED, ids=[p[2] for p in MORE_DERIVED])
def test_a_gap_in_points_and_a_share_told_as_money(oct_facts, true, false, figure):
    _true_passes_and_twin_is_flagged(oct_facts, true, false, figure)


def test_a_headings_region_does_not_frame_the_statements_qi_zhong(nov_facts):
    heading = "1）资金几乎全部流向海外，尤其是美国："
    assert _problems(heading + "11月全球融资总额为1,855.00亿元，其中美国占88.0%，在国外融资金额中的占比更是达到95.2%。", nov_facts) == []
    assert _problems(heading + "11月全球融资总额为1,855.00亿元，其中美国占95.2%。", nov_facts) == ["95.2%"]
    assert _problems("国外融资1,714.06亿元，占全球92.4%，其中美国占95.2%。", nov_facts) == []
