from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrator.check import check_article, fits
from narrator.cli import cli

# A copy of shared/reference/seed-article-2025-11.md, so the suite runs from any clone.
SEED = Path(__file__).resolve().parent / "fixtures" / "seed-article-2025-11.md"


def _shared_seed() -> Path | None:
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "reference" / "seed-article-2025-11.md"
        if candidate.is_file():
            return candidate
    return None


def verdicts(text, facts):
    return [(m.text, m.verdict) for m in check_article(text, facts).mentions if m.verdict != "ignored"]


@pytest.mark.parametrize("actual, stated, q, tol, ok", [
    (1854.94, 1855, "eq", 0.5, True), (140.9412, 140.94, "eq", 0.005, True), (87.97, 88, "approx", 0.5, True),
    (87.97, 88.0, "eq", 0.05, True), (87.97, 88.0, "ge", 0.05, False), (71.7, 65, "gt", 0.5, True),
    (4.43, 5, "lt", 0.5, True), (5.0, 5, "lt", 0.5, False), (72.05, 70, "ge", 0, True),
    (27.9, 30, "near", 0, True), (24.0, 30, "near", 0, False), (31, 30, "near", 0, False),
    (15, 10, "more", 0.5, True), (20, 10, "more", 0.5, False), (3500, 3000, "more", 0.5, True),
    (72.05, 71.8, "eq", 0.05, False),
    # 四舍五入 at an exact half, whatever the binary noise: 106.245 shows as 106.25
    (106.245, 106.25, "eq", 0.005, True), (106.245, 106.24, "eq", 0.005, False),
    (2.643 / 12 * 1e4, 2203, "eq", 0.5, True), (2.643 / 12 * 1e4, 2202, "eq", 0.5, False),
    (-8.05, -8.1, "eq", 0.05, True), (-8.05, -8.0, "eq", 0.05, False), (106.245, 106.24, "approx", 0.005, True),
])
def test_qualifier_semantics(actual, stated, q, tol, ok):
    assert fits(actual, stated, q, tol, stated * 0.1 if q != "near" else 5) is ok


@pytest.mark.parametrize("sentence, expected", [
    ("国内发生214起，占全球72.1%。", [("214起", "ok"), ("72.1%", "ok")]),
    ("国内融资金额占全球92.4%。", [("92.4%", "wrong")]),
    ("美国融资1,631.80亿元，占比约88%。", [("1,631.80亿元", "ok"), ("约88%", "ok")]),
    ("中国贡献了全球七成以上的融资事件。", [("七成以上", "ok")]),
    ("美国贡献不足三成事件。", [("不足三成", "ok")]),
    ("美国贡献超三成事件。", [("超三成", "wrong")]),
    ("全球共发生２９７起融资事件。", [("２９７起", "ok")]),
    ("全球共发生二百九十七起融资事件。", [("二百九十七起", "ok")]),
    ("全球融资总额约1,855亿元。", [("约1,855亿元", "ok")]),
    ("全球融资总额约1,855万元。", [("约1,855万元", "wrong")]),
    ("全球融资总额约1,856亿元。", [("约1,856亿元", "wrong")]),
    ("国外共发生83起，其中美国47起。", [("83起", "ok"), ("47起", "ok")]),
    ("国外共发生84起。", [("84起", "wrong")]),
    ("国内事件占比72.1%，金额占比7.6%，两者相差64.5个百分点。", [("72.1%", "ok"), ("7.6%", "ok"), ("64.5个百分点", "ok")]),
    ("国内事件占比72.1%，金额占比7.6%，两者相差60.5个百分点。", [("72.1%", "ok"), ("7.6%", "ok"), ("60.5个百分点", "wrong")]),
    ("早期轮次占事件数过半。", [("过半", "wrong")]),
    ("2025年10月全球共发生297起融资事件。", [("2025年10月", "wrong"), ("297起", "ok")]),
    ("其他国家及地区合计融资金额不足全球的5%。", [("5%", "ok")]),
    ("中国市场融资金额占比维持在个位数区间。", [("个位数", "ok")]),
    ("国内融资金额为100–200亿元。", [("100–200亿元", "ok")]),
    ("国内融资金额为150–200亿元。", [("150–200亿元", "wrong")]),
    ("国内事件数占比为70%-75%。", [("70%-75%", "ok")]),
    ("全球共发生290~300起融资事件。", [("290~300起", "ok")]),
    ("单笔金额多在数百万至数千万元。", []),
    ("国内融资金额约一百四十一亿元。", [("约一百四十一亿元", "ok")]),
    ("国内发生两百一十四起融资事件。", [("两百一十四起", "ok")]),
    ("国内融资事件数占全球百分之七十二。", [("百分之七十二", "ok")]),
    ("国外融资事件数不足全球的三分之一。", [("三分之一", "ok")]),
    ("国外融资事件数约占全球的三分之一。", [("三分之一", "wrong")]),
    ("国内发生二百余起融资事件。", [("二百余起", "ok")]),
    ("国内发生三百余起融资事件。", [("三百余起", "wrong")]),
    ("全球融资总额近1,900亿元。", [("近1,900亿元", "ok")]),
    ("全球融资总额超1,900亿元。", [("超1,900亿元", "wrong")]),
    # a country's share of its region, not of the world: the denominator decides
    ("美国融资金额占全球融资金额的88.0%，占国外融资金额的95.2%。", [("88.0%", "ok"), ("95.2%", "ok")]),
    ("美国占国外融资金额的88.0%。", [("88.0%", "wrong")]),
    ("国外融资金额1,714.06亿元，其中美国占95.2%。", [("1,714.06亿元", "ok"), ("95.2%", "ok")]),
    ("国外市场中，美国占融资事件的56.6%。", [("56.6%", "ok")]),
    ("美国占融资事件的56.6%。", [("56.6%", "wrong")]),
])
def test_sentences(nov_facts, sentence, expected):
    assert verdicts(sentence, nov_facts) == expected


def test_month_on_month_sentence_allows_previous_month(nov_facts):
    prev = nov_facts.facts["global.prev_events"].display
    text = f"10月全球共发生{prev}融资事件，11月环比{nov_facts.facts['global.mom_events'].display}。"
    assert all(v == "ok" for _, v in verdicts(text, nov_facts))


def test_ignored_kinds(nov_facts):
    report = check_article("1. 概览\n图片[2]-说明\nA轮与D轮融资、GPT-4与Pre-A轮\n", nov_facts)
    assert {m.verdict for m in report.mentions} <= {"ignored"}


def test_seed_article_regression(nov_facts):
    report = check_article(SEED.read_text(encoding="utf-8"), nov_facts)
    wrong = {m.text for m in report.mentions if m.verdict in ("wrong", "unsupported")}
    assert {"71.8%", "88%以上", "过半"} <= wrong
    by_text = {}
    for m in report.mentions:
        by_text.setdefault(m.text.replace("\xa0", " "), set()).add(m.verdict)
    must_pass = ["297起", "约1,855亿元人民币", "83起", "约27.9%", "约1,714亿元人民币", "92.4%", "214起", "72.1%",
                 "约141亿元人民币", "7.6%", "47起", "约1,631.80亿元人民币", "约140.94亿元人民币", "约36起", "七成以上"]
    for text in must_pass:
        assert by_text[text] == {"ok"}, text
    assert any(m.text == "5%" and m.verdict == "ok" and m.qualifier == "lt" for m in report.mentions)  # 不足全球的5%


def test_check_cli_on_seed_reports_line_and_reason():
    result = CliRunner().invoke(cli, ["check", str(SEED), "--month", "2025-11"])
    assert result.exit_code == 1
    assert ":33:33: wrong: 71.8% [country.CN.events_share] — 中国融资事件数占全球比例为72.1%，文中写71.8%" in result.output


def test_check_cli_json(tmp_path, nov_facts):
    article = tmp_path / "a.md"
    article.write_text("国内发生214起融资事件。", encoding="utf-8")
    facts = tmp_path / "facts.json"
    facts.write_text(nov_facts.to_json(), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(article), "--facts", str(facts), "--json"])
    assert result.exit_code == 0
    doc = json.loads(result.output)
    assert doc["ok"] is True
    m = doc["mentions"][0]
    assert (m["text"], m["start"], m["end"], m["line"], m["fact_id"], m["verdict"]) == ("214起", 4, 8, 1, "domestic.events", "ok")


def test_check_cli_bad_input(tmp_path):
    assert CliRunner().invoke(cli, ["check", str(tmp_path / "missing.md"), "--month", "2025-11"]).exit_code == 2


def test_seed_fixture_matches_shared_reference():
    shared = _shared_seed()
    if shared is None:
        pytest.skip("shared/reference is not beside this checkout")
    assert SEED.read_bytes() == shared.read_bytes()
