"""The reader's view: surface variants of the same words are read as one spelling, and every
finding still points at what the writer wrote.

Found with a vocabulary grid (a helper who never read the checker listed how writers say each
concept; each variant was put into template sentences with true and with confusable values).
"""

from __future__ import annotations

import pytest

from narrator.check import check_article
from narrator.check.reader_view import reader_view

# (true sentence, false twin, the false figure as written)
PAIRS = [
    ("全球融资金额较 10 月的 1,392.36 亿元增长 33.2%。", "全球融资金额较 10 月的 1,329.36 亿元增长 33.2%。", "1,329.36 亿元"),
    ("全球融资金额较十月的1,392.36亿元增长33.2%。", "全球融资金额较十月的1,392.36亿元增长32.2%。", "32.2%"),
    ("國內融资金额140.94亿元，环比增长34.6%。", "國內融资金额140.94亿元，环比增长33.2%。", "33.2%"),
    ("全球单笔融资金额的中间值为4,773万元。", "全球单笔融资金额的中间值为6.73亿元。", "6.73亿元"),
    ("国内外融资金额环比增长33.2%。", "国内外融资金额环比增长34.6%。", "34.6%"),
    ("全球融资金额录得33.2%的环比上涨。", "全球融资金额录得34.6%的环比上涨。", "34.6%"),
    ("11月全球AIGC领域共录得297起融资交易，融资总额达1,855.00亿元，按月计分别增长14.2%和33.2%。",
     "11月全球AIGC领域共录得297起融资交易，融资总额达1,855.00亿元，按月计分别增长33.2%和14.2%。", "33.2%"),
    ("全球融资金额较上一期的1,392.36亿元增长33.2%。", "全球融资金额较上一期的1,855.00亿元增长33.2%。", "1,855.00亿元"),
    ("US融资金额占全球的88.0%。", "US融资金额占全球的95.2%。", "95.2%"),
    ("AI应用赛道融资事件占全球的49.5%，融资金额仅占7.3%。", "AI应用赛道融资事件占全球的49.5%，融资金额仅占4.3%。", "4.3%"),
    ("全世界共发生297起融资事件。", "全世界共发生214起融资事件。", "214起"),
]


def _problems(text, facts):
    return [m.text for m in check_article(text, facts).mentions if m.verdict in ("wrong", "ambiguous", "unsupported")]


@pytest.mark.parametrize("true, false, figure", PAIRS, ids=[p[2] for p in PAIRS])
def test_a_variant_is_read_as_its_word(nov_facts, true, false, figure):
    assert _problems(true, nov_facts) == []
    assert figure in _problems(false, nov_facts)


def test_findings_point_at_the_written_text(nov_facts):
    text = "**全球**融资金额较 10 月的 1,329.36 亿元增长 33.2%。"
    wrong = [m for m in check_article(text, nov_facts).mentions if m.verdict == "wrong"]
    assert [(m.text, text[m.start:m.end]) for m in wrong] == [("1,329.36 亿元", "1,329.36 亿元")]


def test_offsets_map_every_character_back():
    text = "较 十一月的 **297** 起"
    plain, offsets = reader_view(text)
    assert plain == "较11月的297起"
    assert len(offsets) == len(plain) + 1 and offsets[-1] == len(text)
    assert all(text[offsets[i]] == plain[i] for i, ch in enumerate(plain) if ch in "较的297起")


def test_names_are_left_as_written():
    text = "「十月科技」十月融资"
    plain, _ = reader_view(text, protected=[(1, 5)])
    assert plain == "「十月科技」10月融资"


def test_digits_are_never_joined():
    assert reader_view("297 214起")[0] == "297 214起"


@pytest.mark.parametrize("text, figure", [
    ("在国内，全市场共发生297起融资事件。", "297起"),           # 全市场 may be a region's own market
    ("国内融资中值得注意的交易金额为2800万元。", "2800万元"),     # 其中值得 is not 中值
    ("国内平均单笔8340万港元。", "8340万"),                    # another currency is not 万元
    ("国内外融资事件分别为214起和214起。", "214起"),            # 国内外…分别 lists two regions
])
def test_a_rewrite_never_makes_a_false_sentence_true(nov_facts, text, figure):
    assert any(figure in shown for shown in _problems(text, nov_facts))


@pytest.mark.parametrize("text", ["全球融资事件环比增加37起。", "国内外融资事件分别为214起和83起。", "某公司获US$5亿融资。"])
def test_a_rewrite_never_makes_a_true_sentence_false(nov_facts, text):
    assert [m for m in check_article(text, nov_facts).problems if m.verdict == "wrong"] == []


def test_a_figure_inside_bold_keeps_the_marker_pair(nov_facts):
    text = "全球融资总额**1,955**亿元。"
    [wrong] = [m for m in check_article(text, nov_facts).mentions if m.verdict == "wrong"]
    assert text[wrong.start:wrong.end].count("**") % 2 == 0 and "1,955" in wrong.text
