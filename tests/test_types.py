"""The typed vocabularies (verdicts, figure kinds, insight kinds, group statistics) hold at run time,
and what they serialise to is the plain strings and numbers check.json and facts.json always had."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import get_args

import narrator
from narrator.check import check_article
from narrator.check.binding import _kind_of
from narrator.check.report import BoundBy, FigureKind, Verdict
from narrator.facts.grouping import EMPTY_STATS, MonthIndex, Stats, group_stats, total_stats
from narrator.model import Fact, InsightKind


def test_verdicts_are_members_and_check_json_holds_their_values(nov_facts):
    f = nov_facts.facts
    text = f"2024年，全球共发生{f['global.events'].display}融资事件，金额{f['global.amount'].display}。国内发生999起。"
    report = check_article(text, nov_facts)
    assert [m.verdict for m in report.mentions] == [Verdict.IGNORED, Verdict.OK, Verdict.OK, Verdict.WRONG]
    assert all(type(m.verdict) is Verdict and type(m.bound_by) is BoundBy for m in report.mentions)
    doc = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert doc["counts"] == {"ignored": 1, "ok": 2, "wrong": 1}
    assert [m["verdict"] for m in doc["mentions"]] == ["ignored", "ok", "ok", "wrong"]
    assert doc["mentions"][1]["bound_by"] == "clause"


def test_a_figure_kind_follows_the_unit_of_its_fact():
    def fact(unit: str) -> Fact:
        return Fact("x.y", 1.0, unit, "", "", "x", "y")

    kinds = {unit: _kind_of(fact(unit), [], "") for unit in ("%", "成", "pct_change", "亿元", "起")}
    assert kinds == {"%": FigureKind.SHARE, "成": FigureKind.SHARE, "pct_change": FigureKind.CHANGE,
                     "亿元": FigureKind.AMOUNT, "起": FigureKind.COUNT}
    assert _kind_of(None, [fact("亿元")], "%") is FigureKind.AMOUNT  # the pool decides when no fact is claimed


def test_insight_kinds_made_and_selected_by_templates_are_the_declared_ones(nov_facts):
    declared = set(get_args(InsightKind))
    assert {i.kind for i in nov_facts.insights} <= declared
    # A template that selects a kind no insight has (a typo) would silently drop a paragraph.
    selected: set[str] = set()
    for template in (Path(narrator.__file__).parent / "templates").rglob("*.j2"):
        body = template.read_text(encoding="utf-8")
        selected |= set(re.findall(r"selectattr\('kind', 'equalto', '(\w+)'\)", body))
        selected |= set(re.findall(r"\.kind [!=]= '(\w+)'", body))
        for listed in re.findall(r"\.kind in \(([^)]*)\)", body):
            selected |= set(re.findall(r"'(\w+)'", listed))
    assert len(selected) >= 6 and selected <= declared, selected - declared


def test_group_statistics_are_plain_python_numbers(sample_built):
    rows = MonthIndex(sample_built.events).rows("2025-11")
    stats = [total_stats(rows), *group_stats(rows, "region").values()]
    for s in stats:
        assert isinstance(s, Stats)
        assert [type(v) for v in (s.events, s.disclosed, s.estimated_events)] == [int, int, int]
        assert [type(v) for v in (s.amount, s.estimated_amount, s.median)] == [float, float, float]
    assert stats[0].events == sum(s.events for s in stats[1:]) == 297
    assert total_stats(rows, rows.disclosed & ~rows.disclosed) is EMPTY_STATS
