"""compose(): the one draft → check sequence, including the branch where an LLM section fails in place."""

from __future__ import annotations

import pytest

import narrator.compose.llm_sections as llm_sections
from narrator.check import check_article
from narrator.compose import compose
from narrator.compose.article import failing_section, section_spans
from narrator.config import Settings
from narrator.draft.llm import LLMSettings
from narrator.draft.sections import SectionOutcome
from narrator.markup import mark_fact


@pytest.fixture
def facts(nov_facts):
    return nov_facts


def test_builtin_article_is_checked_and_ok(facts):
    article = compose(facts, charts=False)
    assert article.ok and article.writer == "builtin" and article.sections == []
    assert article.report.counts["ok"] > 100
    assert "\ue000" not in article.text and article.title in article.text


def test_llm_section_that_fails_in_place_falls_back(facts, monkeypatch):
    """A section that passed its own check but holds a wrong figure in the article is replaced."""
    good = f"本月全球共发生融资事件{mark_fact('global.events', facts.get('global.events').display)}。"
    wrong = "本月国内融资事件共计215起。"  # 214 in the data: wrong in any context
    outcomes = [SectionOutcome("conclusions", "llm", text=good), SectionOutcome("money", "llm", text=wrong)]
    monkeypatch.setattr(llm_sections, "draft_sections", lambda *a, **k: outcomes)
    article = compose(facts, Settings(), LLMSettings(api_key="sk-test"), charts=False)
    assert article.ok
    by_name = {o.section: o for o in article.sections}
    assert by_name["money"].source == "builtin" and by_name["money"].error == "failed the article-level check"
    assert by_name["conclusions"].source == "llm"
    assert "215起" not in article.text and good.replace(mark_fact("global.events", "297起"), "297起") in article.text
    assert article.check_json()["writer"] == "llm"


def test_failing_section_is_found_by_its_span(facts):
    text = "甲段：国内214起。\n\n乙段：国内215起。"
    overrides = {"a": "甲段：国内214起。", "b": "乙段：国内215起。"}
    spans = section_spans(text, overrides)
    assert spans == {"a": (0, 10), "b": (12, 22)}
    report = check_article(text, facts)
    assert [m.text for m in report.problems] == ["215起"]
    # "214起" appears in both sections' text, but only the span of b holds the problem.
    assert failing_section(report, text, overrides) == "b"
