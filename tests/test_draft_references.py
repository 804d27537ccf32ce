"""Explicit fact references ({fact_id}) in a model's draft."""

from __future__ import annotations

from narrator.draft.references import resolve_references


def test_reference_becomes_display_and_records_its_span(nov_facts):
    resolved = resolve_references("全球共{global.events}，金额{global.amount}。", nov_facts)
    events, amount = nov_facts.get("global.events").display, nov_facts.get("global.amount").display
    assert resolved.text == f"全球共{events}，金额{amount}。"
    spans = [(resolved.text[c.start:c.end], c.fact_id) for c in resolved.citations]
    assert spans == [(events, "global.events"), (amount, "global.amount")]
    assert resolved.unknown == []


def test_full_width_braces_and_a_repeated_verb(nov_facts):
    mom = nov_facts.get("global.mom_amount").display  # 增长33.2%: the display carries its verb
    assert mom.startswith("增长")
    resolved = resolve_references("金额环比增长｛global.mom_amount｝。", nov_facts)
    assert resolved.text == f"金额环比{mom}。"
    assert resolved.text[resolved.citations[0].start:resolved.citations[0].end] == mom


def test_unknown_id_is_left_and_listed(nov_facts):
    resolved = resolve_references("估值{global.valuation}，事件{global.events}。", nov_facts)
    assert resolved.unknown == ["{global.valuation}"]
    assert "{global.valuation}" in resolved.text and "{global.events}" not in resolved.text


def test_text_without_references_is_unchanged(nov_facts):
    text = "国内融资事件214起，{不是编号}。"
    assert resolve_references(text, nov_facts).text == text
