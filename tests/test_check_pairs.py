"""Figures told side by side: A vs B, A > B > C（金额口径）, several investors at the same count.

Found in tuned sets' rejected correct sections (AI-004, Y-027, Z-027). Each true sentence passes
and its twin with the figures exchanged (or the cardinal changed) is flagged.
"""

from __future__ import annotations

from narrator.check import check_article


def _problems(text, facts):
    return [m.text for m in check_article(text, facts).problems]


def test_versus_pairs_follow_the_order_of_the_measures(nov_facts):
    lead = "- **区域结构**：美国事件15.8% vs 金额88.0%；国内正好相反（{} vs {}）。"
    assert _problems(lead.format("72.1%", "7.6%"), nov_facts) == []
    assert _problems(lead.format("7.6%", "72.1%"), nov_facts) == ["7.6%", "72.1%"]


def test_an_ordering_chain_gives_each_figure_its_own_subject(nov_facts):
    chain = "- **产业结构**：模型层53.6% > 基础层{} > 应用层{}（金额口径）。"
    assert _problems(chain.format("34.9%", "7.3%"), nov_facts) == []
    assert _problems(chain.format("7.3%", "34.9%"), nov_facts) == ["7.3%", "34.9%"]


def test_a_bound_written_as_a_symbol_is_still_a_bound(nov_facts):
    assert _problems("美国吸收了全球（>80%）的资金。", nov_facts) == []
    assert _problems("美国吸收了全球（>90%）的资金。", nov_facts) == [">90%"]


def test_investors_at_the_same_count_among_those_just_listed(oct_facts):
    listed = "国外机构中，「Accel」（13次）之后是「Index Ventures」（10次）和「Microsoft」（10次）。其中有{}机构都是10次。"
    assert _problems(listed.format("两家"), oct_facts) == []
    assert _problems(listed.format("三家"), oct_facts) == ["三家"]
