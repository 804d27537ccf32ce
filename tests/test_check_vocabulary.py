"""Synonyms read as the words the clause rules know: 境内/我国/本土 → 国内, 笔均 → 平均 …

Each synonym is checked both ways on the sample month: the subject's own figure passes and
the other region's figure is flagged, so a synonym that was silently dropped (and left the
figure to bind to whichever fact has its value) would fail here.
"""

from __future__ import annotations

import pytest

from narrator.check import check_article
from narrator.check.reader_view import reader_view


def _problems(text, facts):
    return [m.text for m in check_article(text, facts).problems]


def test_replacements_map_back_and_spare_protected_names():
    text = "境内笔均8,340万元，「我国科技」吸金；美国本土；前三笔均在48亿元以上；除中国以外。"
    start = text.index("「我国科技」")
    out, offsets = reader_view(text, protected=[(start, start + 6)])
    assert len(out) == len(text) and offsets == list(range(len(text) + 1))  # same-length words keep every offset
    assert out.startswith("国内平均8,340万元，「我国科技」资金")
    assert "美国本土" in out and "前三笔均在" in out and "除中国以外" in out


@pytest.mark.parametrize("word", ["境内", "我国", "本土"])
@pytest.mark.parametrize("frame", ["{w}平均单笔融资{v}。", "{w}融资事件数环比增长{v}。", "全球{v}的融资事件发生在{w}。"])
def test_domestic_synonyms_bind_the_domestic_figure(nov_facts, word, frame):
    key = {"平均单笔": "avg_amount", "环比": "mom_events", "发生在": "events_share"}
    metric = next(m for k, m in key.items() if k in frame)
    own, other = (nov_facts.facts[f"{region}.{metric}"].display.replace("增长", "") for region in ("domestic", "overseas"))
    if other == "持平":
        other = nov_facts.facts[f"global.{metric}"].display.replace("增长", "")
    assert _problems(frame.format(w=word, v=own), nov_facts) == []
    assert _problems(frame.format(w=word, v=other), nov_facts) == [other]


@pytest.mark.parametrize("sentence", ["国内笔均{v}。", "国内单笔融资的中位值{m}。", "国内吸金{a}。", "国内募资额占全球的{s}。",
                                      "中国以外地区共计{e}融资。"])
def test_measure_synonyms_bind_their_measure(nov_facts, sentence):
    def figures(region):
        return {k: nov_facts.facts[f"{region}.{m}"].display for k, m in
                (("v", "avg_amount"), ("m", "median_amount"), ("a", "amount"), ("s", "amount_share"), ("e", "events"))}
    own = figures("overseas" if "以外" in sentence else "domestic")
    other = figures("domestic" if "以外" in sentence else "overseas")
    assert _problems(sentence.format(**own), nov_facts) == []
    wrong = sentence.format(**other)
    assert len(_problems(wrong, nov_facts)) == 1
