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


@pytest.mark.parametrize("true, false, figure", PAIRS, ids=[p[2] for p in PAIRS])
def test_a_cardinal_agrees_with_its_list(nov_facts, true, false, figure):
    assert _problems(true, nov_facts) == []
    assert figure in _problems(false, nov_facts)


def test_a_top_n_without_a_list_is_a_rank_of_the_data(nov_facts):
    assert _problems("Top5交易合计占全球融资金额的45.5%。", nov_facts) == []
    assert _problems("Top5交易合计占全球融资金额的54.5%。", nov_facts) == ["54.5%"]
