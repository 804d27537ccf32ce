"""Counts of what a sentence lists, subjects a clause carries, and marks of the writer's own,
found on tune34/35 on arrival.

Each true sentence passes and its twin is flagged. Several twins were planted errors an
obedient model published (另外三笔大单「B」和「C」, 前五大交易中有四笔来自美国,
出手12次的机构共有三家, 金额占比高出事件占比9.6%).
"""

from __future__ import annotations

from narrator.check import check_article


def _problems(text, facts):
    return [m.text for m in check_article(text, facts).problems]


def test_other_deals_count_only_the_names_after_the_cardinal(nov_facts):
    tail = "大单「Xylemwave Health」（约179亿元）和「Ionawave Systems」（约132亿元）也都在百亿元以上。"
    assert _problems("「Zephyrpath Labs」之外，另外两笔" + tail, nov_facts) == []
    assert _problems("「Zephyrpath Labs」之外，另外三笔" + tail, nov_facts) == ["三笔"]


def test_deals_of_the_ranking_from_one_country(nov_facts, oct_facts):
    assert _problems("前五大交易中有五笔来自美国。", nov_facts) == []
    assert _problems("前五大交易中有四笔来自美国。", nov_facts) == ["四笔"]
    assert _problems("前三大交易中有两笔来自国内。", oct_facts) == _problems("前三大交易中有两笔来自国内。", oct_facts)


def test_a_count_of_markets_lists_countries(oct_facts):
    tail = "主要市场中，日本、美国分别融资56.53亿元和54.95亿元。"
    assert _problems("国外两个" + tail, oct_facts) == []
    assert _problems("国外三个" + tail, oct_facts) == ["三个"]


def test_investors_at_a_number_of_deals_counted_after_it(oct_facts):
    lead = "国内方面，「创新工场」以15次出手居首；"
    assert _problems(lead + "出手12次的机构共有两家。", oct_facts) == []
    assert _problems(lead + "出手12次的机构共有三家。", oct_facts) == ["三家"]
    assert _problems("出手14次的机构共有两家。", oct_facts) == ["14次", "两家"]  # nobody made 14


def test_a_small_arabic_cardinal_of_investors(nov_facts):
    lead = "「远澜资本」出手32次，「星河创投」出手20次，「北辰创投」出手18次，"
    assert _problems(lead + "国内3家机构合计出手70次。", nov_facts) == []
    assert _problems(lead + "国内4家机构合计出手70次。", nov_facts)[0] == "4家"


def test_all_of_them_may_include_a_name_of_the_clause_before(oct_facts):
    lead = "「Sequoia Capital」出手15次领跑，「Accel」13次、「General Catalyst」12次，"
    assert _problems(lead + "三家均以早期轮次为主。", oct_facts) == []
    assert _problems(lead + "四家均以早期轮次为主。", oct_facts) == ["四家"]


def test_a_named_investor_against_a_rank_of_its_ranking(nov_facts):
    lead = "国外「Northgate Ventures」21次，「Keystone Park Partners」10次。"
    assert _problems(lead + "Northgate Ventures的出手次数是第二名的2.1倍。", nov_facts) == []
    assert _problems(lead + "Northgate Ventures的出手次数是第二名的3.1倍。", nov_facts) == ["3.1倍"]


def test_projects_as_the_subject_carry_the_measure_of_the_parallel_clause(nov_facts):
    lead = "D轮及以后与战略/股权投资拿走了71.7%的资金，"
    assert _problems(lead + "早期项目只有3.5%。", nov_facts) == []
    assert _problems(lead + "早期项目只有33.0%。", nov_facts) == ["33.0%"]
    assert _problems("早期项目在数量上占33.0%。", nov_facts) == []


def test_deals_of_a_layer_are_its_events(oct_facts):
    assert _problems("应用层交易占全球的52.7%，模型层只拿到10.3%的资金。", oct_facts) == []
    assert _problems("应用层交易占全球的40.9%，模型层只拿到10.3%的资金。", oct_facts) == ["40.9%"]


def test_its_amount_is_the_subject_before(oct_facts):
    lead = "日本是国外融资金额最多的国家；其"
    assert _problems(lead + "56.53亿元中，「Parallax Bio」一笔即贡献52.11亿元。", oct_facts) == []
    assert _problems(lead + "54.95亿元中，「Parallax Bio」一笔即贡献52.11亿元。", oct_facts) == ["54.95亿元"]


def test_a_round_mark_is_not_the_threshold(nov_facts):
    assert _problems("单月融资额逼近1,900亿元关口。", nov_facts) == []
    assert _problems("单月融资额逼近1,800亿元关口。", nov_facts) == ["逼近1,800亿元"]
    assert _problems("「Zephyrpath Labs」一笔就越过400亿元大关。", nov_facts) == ["过400亿元"]


def test_almost_enough_is_a_little_below(oct_facts):
    lead = "第三名「长河智能7号」48.80亿元，"
    assert _problems(lead + "差一点就够50亿元了。", oct_facts) == []
    assert _problems(lead + "差一点就够60亿元了。", oct_facts) == ["60亿元"]


def test_from_a_figure_with_an_adverb_before_the_verb(oct_facts):
    lead = "跟9月比，全球融资金额从"
    assert _problems(lead + "472.12亿元一下子涨到了约805亿元。", oct_facts) == []
    assert _problems(lead + "300.00亿元一下子涨到了约805亿元。", oct_facts) == ["300.00亿元"]


def test_a_gap_between_two_named_shares_is_in_points(oct_facts):
    lead = "国内事件与金额占比分别为60.5%和70.1%，金额占比高出事件占比"
    assert _problems(lead + "9.6个百分点。", oct_facts) == []
    assert _problems(lead + "9.6%。", oct_facts) == ["9.6%"]


def test_the_first_n_deals_share_without_a_sum_word(oct_facts):
    assert _problems("金额最大的前5笔交易金额占比是27.1%。", oct_facts) == []
    assert _problems("金额最大的前4笔交易金额占比是27.1%。", oct_facts) == ["4笔", "27.1%"]


def test_a_region_as_the_whole_and_the_destination_as_the_subject(oct_facts):
    assert _problems("国外近四分之一的资金流向日本。", oct_facts) == []
    assert _problems("国外近三分之一的资金流向日本。", oct_facts) == ["近三分之一"]


def test_deals_of_a_regional_ranking_from_a_country(oct_facts):
    assert _problems("国外前五大交易中有两笔来自中国香港：「百川星图2号」18.80亿元、「五行教育科技6号」18.30亿元。", oct_facts) == []
    assert _problems("国外前五大交易中有三笔来自中国香港。", oct_facts) == ["三笔"]


def test_two_wholes_listed_with_respectively(nov_facts):
    assert _problems("美国融资金额占全球比例与占国外比例分别为88.0%和95.2%。", nov_facts) == []
    assert _problems("美国融资金额占全球比例与占国外比例分别为95.2%和88.0%。", nov_facts) == ["95.2%", "88.0%"]


def test_one_measure_twice_lists_the_subjects(nov_facts):
    lead = "D轮及以后与战略/股权投资融资金额和早期融资金额占全球比例分别为"
    assert _problems(lead + "71.7%和3.5%。", nov_facts) == []
    assert _problems(lead + "3.5%和71.7%。", nov_facts) == ["3.5%", "71.7%"]


def test_a_level_of_the_writers_own_within_the_mega_deals(nov_facts):
    lead = "单笔金额不低于50亿元的超大额交易共10笔，其中单笔超过100亿元的交易有"
    assert _problems(lead + "五笔。", nov_facts) == []
    assert _problems(lead + "六笔。", nov_facts) == ["六笔"]


def test_a_slight_fall(oct_facts):
    lead = "国外共66起；金额较9月增长40.0%，事件数反而略降"
    assert _problems(lead + "1.5%。", oct_facts) == []
    assert _problems(lead + "2.5%。", oct_facts) == ["2.5%"]


def test_a_bracket_opening_on_its_own_subject(nov_facts):
    lead = "11月就是“项目在国内、钱在美国”（国内拿下七成以上的事件，分到的资金却"
    assert _problems(lead + "不到一成）。", nov_facts) == []
    assert _problems(lead + "不到5%）。", nov_facts) == ["不到5%"]


def test_the_region_as_a_plate(nov_facts):
    lead = "美国融资1,631.80亿元，占全球88.0%（近九成），放到国外盘子里看更是占了"
    assert _problems(lead + "95.2%。", nov_facts) == []
    assert _problems(lead + "92.4%。", nov_facts) == ["92.4%"]


def test_the_share_of_the_stated_rest(nov_facts):
    lead = "美国以外的海外市场合计仅82.26亿元，占全球"
    assert _problems(lead + "4.4%。", nov_facts) == []
    assert _problems(lead + "7.6%。", nov_facts) == ["7.6%"]


def test_the_mega_deals_complement_is_never_dictated(nov_facts):
    report = check_article("超大额交易以外的全部交易合计仅占46.8%。", nov_facts)
    assert [m.text for m in report.problems] == ["46.8%"]
    assert not report.problems[0].pinned  # the repair may not name a value for it


def test_a_subject_column_header(oct_facts):
    table = "| 指标 | 全球 | 国外 | 国内 |\n| --- | --- | --- | --- |\n| 金额环比 | 增长70.5% | {} | {} |\n"
    assert _problems(table.format("增长40.0%", "增长88.0%"), oct_facts) == []
    assert _problems(table.format("增长88.0%", "增长40.0%"), oct_facts) == ["88.0%", "40.0%"]


def test_investors_at_least_n_deals_counted_after(oct_facts):
    assert _problems("国内出手次数不低于12次的机构共四家。", oct_facts) == []
    assert _problems("国内出手次数不低于12次的机构共三家。", oct_facts) == ["共三家"]


def test_deals_of_the_ranking_after_a_sum_and_其中(oct_facts):
    assert _problems("前5笔合计27.1%，其中四笔来自国内。", oct_facts) == []
    assert _problems("前5笔合计27.1%，其中三笔来自国内。", oct_facts) == ["三笔"]


def test_a_bound_on_a_recomputed_gap_keeps_its_band(oct_facts):
    lead = "基础层29.2%，模型层只有10.3%，比基础层低了"
    assert _problems(lead + "近19个百分点。", oct_facts) == []
    assert _problems(lead + "近18个百分点。", oct_facts) == ["近18个百分点"]


def test_within_a_month_is_not_january(nov_facts):
    assert _problems("国内「远澜资本」一月之内出手32次。", nov_facts) == []
    assert _problems("一月份国内融资214起。", nov_facts) == ["一月"]


def test_a_share_of_the_increment_with_the_whole_in_brackets(oct_facts):
    lead = "国内净增263.98亿元，约占全球增量（332.78亿元）的"
    assert _problems(lead + "79.3%。", oct_facts) == []
    assert _problems(lead + "89.3%。", oct_facts) == ["89.3%"]


def test_the_terms_of_a_bracketed_formula_repeat_figures_before(oct_facts):
    text = "前5笔交易合计占27.1%；单笔不低于50亿元的交易共2笔，合计占13.8%。第4、5笔之外（27.1%−13.8%，按未取整数据计算）。"
    assert _problems(text, oct_facts) == []


def test_a_change_under_a_line_label(oct_facts):
    lead = "- **国外市场**：66起、240.92亿元，占全球29.9%。推算：事件数较9月减少"
    assert _problems(lead + "1起。", oct_facts) == []
    assert _problems(lead + "2起。", oct_facts) == ["2起"]


def test_what_is_left_after_deducting_a_country(nov_facts):
    assert _problems("国外扣除美国后仅余约82.26亿元。", nov_facts) == []
    assert _problems("国外扣除美国后仅余约92.26亿元。", nov_facts) == ["约92.26亿元"]


def test_a_ratio_of_two_growth_rates(nov_facts):
    lead = "环比分别增长14.2%和33.2%。推算：金额增速约为事件数增速的"
    assert _problems(lead + "2.3倍。", nov_facts) == []
    assert _problems(lead + "3.3倍。", nov_facts) == ["3.3倍"]


def test_two_neighbouring_ranks_are_a_window(nov_facts):
    assert _problems("第4、5笔合计约占11.8%。", nov_facts) == []
    assert _problems("第4、5笔合计约占12.8%。", nov_facts) == ["12.8%"]


def test_a_ratio_of_two_layers(oct_facts):
    assert _problems("应用层的融资金额是模型层的4.0倍。", oct_facts) == []
    assert _problems("应用层拿到的钱约是模型层的5.0倍。", oct_facts) == ["5.0倍"]


def test_a_change_compared_with_another_subjects(oct_facts):
    lead = "国内融资金额环比增长88.0%，"
    assert _problems(lead + "明显快于国外的40.0%。", oct_facts) == []
    assert _problems(lead + "明显快于国外的29.9%。", oct_facts) == ["29.9%"]
    assert _problems(lead + "增速高于全球的70.5%。", oct_facts) == []


def test_a_regions_ranking_sum_told_with_是(nov_facts):
    lead = "国内前三家加起来出手70次，国外前三家是"
    assert _problems(lead + "40次。", nov_facts) == []
    assert _problems(lead + "41次。", nov_facts) == ["41次"]


def test_a_dash_ends_a_respectively_list(nov_facts):
    lead = "国内「远澜资本」以32次出手高居榜首，「星河创投」和「北辰创投」分别以"
    assert _problems(lead + "20次、18次紧随其后——三家合计出手70次——国外方面另计。", nov_facts) == []
    assert _problems(lead + "18次、20次紧随其后——三家合计出手70次——国外方面另计。", nov_facts) == ["18次", "20次"]


def test_a_regions_basis_as_the_frame(nov_facts):
    lead = "其中88.0%流向了美国——若以国外市场为口径，美国的占比更是达到"
    assert _problems(lead + "95.2%。", nov_facts) == []
    assert _problems(lead + "92.4%。", nov_facts) == ["达到92.4%"]


def test_as_many_as_one_average_buys(nov_facts):
    lead = "国外平均单笔融资金额为22.85亿元，国内平均单笔仅8,340万元——国外项目平均一笔融资，够国内项目融"
    assert _problems(lead + "27次。", nov_facts) == []
    assert _problems(lead + "37次。", nov_facts) == ["37次"]


def test_faster_by_more_than_one_times(nov_facts):
    lead = "事件和金额环比分别涨了14.2%和33.2%，钱涨得比项目快"
    assert _problems(lead + "一倍多。", nov_facts) == []
    assert _problems(lead + "两倍多。", nov_facts) == ["两倍多"]


def test_these_n_deals_are_the_names_after(oct_facts):
    assert _problems("这2笔是「极光推理」和「Parallax Bio」。", oct_facts) == []
    assert _problems("这3笔是「极光推理」和「Parallax Bio」。", oct_facts) == ["3笔"]


def test_a_rank_on_each_side(oct_facts):
    text = "国内外前{}名的出手次数一模一样：国内「创新工场」「腾讯投资」「蓝驰创投」，国外「Sequoia Capital」「Accel」「General Catalyst」。"
    assert _problems(text.format("三"), oct_facts) == []
    assert _problems(text.format("四"), oct_facts) == ["前四"]


def test_a_big_rise_in_tenths(oct_facts):
    assert _problems("国内AIGC融资单月大增近九成。", oct_facts) == []
    assert _problems("国内AIGC融资单月大增近七成。", oct_facts) == ["近七成"]


def test_each_made_n_deals_counts_the_names_without_their_own_figure(nov_facts):
    lead = "海外「Northgate Ventures」出手21次，「Keystone Park Partners」10次，「Sandhill Row Partners」、「Tidewater Partners」和「Summit Arc Capital」"
    assert _problems(lead + "三家各出手9次。", nov_facts) == []
    assert _problems(lead + "四家各出手9次。", nov_facts) == ["四家"]


def test_the_first_n_told_with_another_windows_share(nov_facts):
    assert _problems("金额最大的前5笔交易，全球前几笔交易金额占比45.5%。", nov_facts) == []
    assert _problems("金额最大的前4笔交易，全球前几笔交易金额占比45.5%。", nov_facts) == ["4笔", "45.5%"]
