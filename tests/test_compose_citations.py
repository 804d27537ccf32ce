"""What citations add to a section's check report."""

from __future__ import annotations

from narrator.check import check_article
from narrator.check.report import Verdict
from narrator.compose.citations import apply_citations
from narrator.draft.references import resolve_references


def _checked(draft, facts):
    resolved = resolve_references(draft, facts)
    return apply_citations(check_article(resolved.text, facts), resolved)


def test_unknown_reference_is_a_finding(nov_facts):
    report = _checked("全球融资金额{global.total_amount}。", nov_facts)
    assert [(m.text, m.verdict) for m in report.problems] == [("{global.total_amount}", Verdict.UNSUPPORTED)]


def test_citation_does_not_excuse_a_contradicting_clause(nov_facts):
    # the clause names 国内 and 金额; the cited fact is the overseas share
    report = _checked("国内融资金额占全球的{overseas.amount_share}。", nov_facts)
    assert [m.verdict for m in report.problems] == [Verdict.WRONG]


def test_cited_figure_bound_by_value_is_marked_as_the_cited_fact(nov_facts):
    plain = check_article("这一比例为" + nov_facts.get("country.US.amount_share").display + "。", nov_facts)
    assert plain.ok and plain.mentions[0].bound_by == "value"
    report = _checked("这一比例为{country.US.amount_share}。", nov_facts)
    assert report.ok and report.mentions[0].fact_id == "country.US.amount_share"


def test_correct_citations_pass_like_copied_figures(nov_facts):
    report = _checked("国内发生{domestic.events}融资事件，占全球事件数的{domestic.events_share}。", nov_facts)
    assert report.ok and [m.fact_id for m in report.mentions] == ["domestic.events", "domestic.events_share"]
