"""Issue 13: what real exports need (FX for any month, every deal counted, placeholders,
phrasing, month-only counts, duplicates against the kept deal, hostile names, bad config,
content ids, atomic output). Small inline exports only."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from narrator.cli import cli
from narrator.config import Settings, load_settings
from narrator.errors import ConfigError
from narrator.facts import compute_facts
from narrator.ingest import ingest
from narrator.pipeline import Inputs, data_summary, facts_for

ROW = "{company},{date},A轮,{amount},{investors},{country},企业服务,应用层\n"


def row(company="甲科技", date="2016-08-03", amount="5000万人民币", investors="某资本", country="北京") -> str:
    return ROW.format(company=company, date=date, amount=amount, investors=investors, country=country)


# -- 1. FX for any month -----------------------------------------------------------------

def test_ecb_default_rates_for_an_old_month(write_csv):
    events = ingest(write_csv(row(amount="1亿美元", country="美国") + row("乙", amount="1亿港元", country="香港"))).events
    usd, hkd = events["amount_cny_yi"]
    assert usd == pytest.approx(6.648, abs=0.01)  # ECB monthly mean of USD/CNY, 2016-08
    assert hkd == pytest.approx(0.857, abs=0.01)


def test_config_fx_overrides_ecb_and_facts_json_names_sources(write_csv, tmp_path):
    data = write_csv(row(amount="1亿美元", country="美国") + row("乙", date="2016-07-05", amount="1亿美元", country="美国"))
    config = tmp_path / "narrator.toml"
    config.write_text('[fx."2016-08"]\nUSD = 7.0\n', encoding="utf-8")
    settings = load_settings(config)
    facts, _ = facts_for("2016-08", Inputs(data), settings)
    fx = facts.data["fx"]
    assert fx["report_month_sources"] == ["config"]
    assert {(u["month"], u["source"]) for u in fx["used"]} == {("2016-07", "ecb"), ("2016-08", "config")}
    assert facts.value("global.amount") == pytest.approx(7.0)


def test_sample_month_keeps_the_shipped_table(nov_facts, sample_built):
    info = data_summary(sample_built, Inputs(), "2025-11")
    assert info["fx"]["report_month_sources"] == ["shipped"]  # the calibrated sample is unchanged
    assert nov_facts.facts["global.amount"].display == "1,855.00亿元"


# -- 2. every deal counted ---------------------------------------------------------------

def test_unusable_amounts_keep_the_deal_with_a_warning(write_csv):
    body = (row("甲", amount="200万其他") + row("乙", amount="abc万") + row("丙", date="2004-03-01", amount="100万美元",
                                                                     country="美国") + row("丁"))
    built = ingest(write_csv(body))
    assert list(built.events["company"]) == ["甲", "乙", "丙", "丁"] and len(built.rejects) == 0
    assert list(built.events["amount_kind"]) == ["unconverted"] * 3 + ["exact"]
    reasons = list(built.warnings["reason"])
    assert reasons[0] == "unknown currency or unit in '200万其他'"
    assert reasons[2] == "no FX rate for USD in 2004-03 (supply one with --fx or [fx])"  # ECB has CNY from 2005
    facts = compute_facts(built.events, "2016-08", data_summary(built, Inputs(Path("x")), "2016-08"))
    assert facts.value("global.events") == 3 and facts.value("global.undisclosed_events") == 2
    assert facts.value("global.unconverted_events") == 2


# -- 3. placeholders ---------------------------------------------------------------------

def test_placeholder_investors_are_no_investor(write_csv):
    body = (row("甲", investors="投资方未透露") + row("乙", investors="红杉资本、未透露") + row("丙", investors="N/A")
            + row("丁", investors="Undisclosed Investors") + row("戊", investors="不详"))
    assert list(ingest(write_csv(body)).events["investors"]) == [[], ["红杉资本"], [], [], []]


# -- 4. ratios below 1 are turned around ---------------------------------------------------

def test_ratio_below_one_is_turned_around(write_csv):
    from narrator.draft import draft_builtin
    from narrator.markup import strip_markers

    body = "".join(row(f"国内{i}", amount="10亿人民币") for i in range(4)) + \
        "".join(row(f"Foo{i}", amount="100万美元", country="美国") for i in range(4))
    facts = compute_facts(ingest(write_csv(body)).events, "2016-08")
    assert "overseas.avg_vs_domestic" not in facts
    assert facts.value("domestic.avg_vs_overseas") > 1
    text = strip_markers(draft_builtin(facts, Settings(), {}))
    assert "国内平均单笔融资10.00亿元，是国外平均单笔" in text
    assert not re.search(r"的0\.\d+倍", text)


# -- 5. summary counts are the month's -----------------------------------------------------

def test_month_rows_count_only_the_report_month(write_csv):
    body = (row("甲") + row("甲", date="2016-08-05", amount="未披露") + row("", date="2016-08-09")
            + row("乙", date="2016-07-01") + row("丙", date="2016-07-02") + row("", date="2016-07-03"))
    built = ingest(write_csv(body))
    rows = data_summary(built, Inputs(Path("x")), "2016-08")["month_rows"]
    assert rows == {"kept": 1, "duplicates": 1, "rejected": 1, "no_amount": 0, "undisclosed": 0,
                    "other_months": 3, "no_date": 0}


# -- 6. duplicates judged against the kept deal ----------------------------------------------

def test_duplicates_chain_against_the_kept_deal(write_csv):
    built = ingest(write_csv(row(date="2016-08-01") + row(date="2016-08-14") + row(date="2016-08-27")))
    assert built.duplicates == 1 and list(built.events["date"].dt.day) == [1, 27]
    body = row(date="2016-08-01", amount="1亿人民币") + row(date="2016-08-05", amount="未披露") + \
        row(date="2016-08-09", amount="5亿人民币")
    built = ingest(write_csv(body))
    assert built.duplicates == 1 and list(built.events["amount_cny_yi"]) == [1.0, 5.0]


# -- 7. hostile names, bad config, absent month, ids, atomic output ----------------------------

def test_math_syntax_in_a_name_does_not_abort_charts(write_csv):
    from narrator.render.charts import all_charts

    body = row("A$\\frac{x$B", amount="9亿人民币") + row("乙", amount="1亿美元", country="美国")
    facts = compute_facts(ingest(write_csv(body)).events, "2016-08")
    charts = all_charts(facts)
    assert charts["top_deals"].png.startswith(b"\x89PNG")


def test_bad_config_value_is_one_line_exit_2(tmp_path):
    config = tmp_path / "narrator.toml"
    config.write_text('[llm]\nconcurrency = "four"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["--month", "2025-11", "--offline", "--config", str(config),
                                      "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output == f"Error: {config}: [llm] concurrency must be a positive integer, got 'four'\n"
    config.write_text('[fx."2016-8"]\nUSD = 7\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="must be a month YYYY-MM"):
        load_settings(config)


def test_event_id_does_not_depend_on_path_spelling(write_csv, tmp_path):
    path = write_csv(row() + row("乙"))
    other = tmp_path / "." / ".." / tmp_path.name / path.name
    assert list(ingest(path).events["event_id"]) == list(ingest(other).events["event_id"])


def test_atomic_dir_never_loses_the_previous_folder(tmp_path, monkeypatch):
    from narrator.render import outputs

    target = tmp_path / "2025-11"
    outputs.atomic_dir(target, {"a.txt": b"old"})
    real = os.replace
    calls = []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 2:  # the new folder's rename fails after the old one was moved aside
            raise OSError("disk full")
        return real(src, dst)

    monkeypatch.setattr(outputs.os, "replace", flaky)
    with pytest.raises(OSError):
        outputs.atomic_dir(target, {"a.txt": b"new"})
    monkeypatch.setattr(outputs.os, "replace", real)
    assert (target / "a.txt").read_bytes() == b"old"
    # A run killed between the renames leaves .2025-11.old: the next run puts it back first.
    os.replace(target, tmp_path / ".2025-11.old")
    outputs.recover(target)
    assert (target / "a.txt").read_bytes() == b"old"


def test_ingest_json_counts_warnings(write_csv):
    result = CliRunner().invoke(cli, ["ingest", "--json", "--data", str(write_csv(row("甲", amount="200万其他")))])
    assert json.loads(result.output)["warnings"] == 1 and json.loads(result.output)["kept"] == 1
    assert pd.notna(result.exit_code) and result.exit_code == 0


# -- 9. section 9 without a layer column; topic-specific sentences from [report] ----------------

def test_section_9_falls_back_to_sectors_and_scope_follows_topic(write_csv, tmp_path):
    from narrator.draft import draft_builtin
    from narrator.markup import strip_markers

    header = "公司名称,融资时间,轮次,金额,投资方,地区,行业\n"
    body = "甲,2016-08-03,A轮,1亿人民币,某资本,北京,金融\n乙,2016-08-04,B轮,2亿人民币,某资本,上海,教育\n"
    facts = compute_facts(ingest(write_csv(body, header=header)).events, "2016-08")
    config = tmp_path / "narrator.toml"
    config.write_text('[report]\ntopic = "互联网"\nsector_heading = "行业分布"\n', encoding="utf-8")
    text = strip_markers(draft_builtin(facts, load_settings(config), {}))
    assert "### 9）行业分布" in text and "| 教育 | 1起 | 50.0% | 2.00亿元 |" in text
    assert "本节从略" not in text and "统计对象：互联网相关企业。" in text


# -- the real-like exports of scripts/make_real_like.py ------------------------------------------

DATA = Path(__file__).parent / "data"


def test_itjuzi_like_export_keeps_deals_and_reads_well():
    from narrator.check import check_article
    from narrator.draft import draft_builtin
    from narrator.ingest.placeholders import investor_placeholders, placeholder_key
    from narrator.markup import strip_markers

    built = ingest(DATA / "itjuzi_like.csv")
    assert len(built.events) / built.rows_read >= 0.97
    names = {placeholder_key(n) for names in built.events["investors"] for n in names}
    assert not names & investor_placeholders()
    info = data_summary(built, Inputs(DATA / "itjuzi_like.csv"), "2016-08")
    facts = compute_facts(built.events, "2016-08", info)
    markup = draft_builtin(facts, Settings(), {})
    text = strip_markers(markup)
    assert "未透露" not in text and not re.search(r"的0\.\d+倍", text)
    assert check_article(text, facts, markup=markup).ok


def test_crunchbase_like_export_keeps_ninety_percent():
    built = ingest(DATA / "crunchbase_like.csv", columns=DATA / "crunchbase_like.toml")
    assert len(built.events) / built.rows_read >= 0.90
    assert "Café" in "".join(built.events["company"])  # Mac Roman decoded, CR line endings split


# -- 8. parse once ---------------------------------------------------------------------------

def test_parsed_table_is_cached_and_gives_the_same_facts(write_csv, monkeypatch):
    from narrator.ingest import readers

    data = write_csv(row("甲") + row("乙", amount="1亿美元", investors="投资方未透露", country="美国")
                     + row("丙", amount="200万其他"))
    runner = CliRunner()
    first = runner.invoke(cli, ["facts", "--month", "2016-08", "--data", str(data), "--json"])
    calls = []
    real = readers.read_table
    monkeypatch.setattr("narrator.ingest.read_table", lambda *a, **k: calls.append(a) or real(*a, **k))
    second = runner.invoke(cli, ["facts", "--month", "2016-08", "--data", str(data), "--json"])
    assert first.exit_code == 0 and second.output == first.output and calls == []  # served from the cache
    fresh = runner.invoke(cli, ["facts", "--month", "2016-08", "--data", str(data), "--json", "--no-cache"])
    assert fresh.output == first.output and len(calls) == 1
    data.write_bytes(data.read_bytes().replace("乙".encode(), "丁".encode()))  # content changed: parsed again
    runner.invoke(cli, ["facts", "--month", "2016-08", "--data", str(data), "--json"])
    assert len(calls) == 2


def test_duplicates_match_the_sequential_rule_on_random_chains():
    """The vectorised pass equals the plain rule: compare each row with its chain's kept deal."""
    import numpy as np

    from narrator.ingest.duplicates import DUPLICATE_WINDOW_DAYS, find_duplicates

    rng = np.random.default_rng(13)
    for _ in range(60):
        n = int(rng.integers(1, 40))
        ev = pd.DataFrame({"company": rng.choice(["a", "b"], n), "round": rng.choice(["A", "B"], n),
                           "date": pd.to_datetime("2020-01-01") + pd.to_timedelta(rng.integers(0, 60, n), unit="D"),
                           "amount_cny_yi": np.where(rng.random(n) < 0.3, np.nan, rng.choice([1.0, 5.0], n)),
                           "_file": "f", "_row": np.arange(n), "source": [f"f:{i}" for i in range(n)], "month": "2020-01"})
        mask, _ = find_duplicates(ev, np.ones(n, dtype=bool))
        expected = np.zeros(n, dtype=bool)
        for _, g in ev.assign(d=ev["date"].dt.normalize()).sort_values(["d", "_row"]).groupby(["company", "round"]):
            kept_day, kept_amount = None, np.nan
            for i, r in g.iterrows():
                a = r["amount_cny_yi"]
                if kept_day is not None and (r["d"] - kept_day).days <= DUPLICATE_WINDOW_DAYS and (
                        np.isnan(kept_amount) or np.isnan(a) or a == kept_amount):
                    expected[i] = True
                    kept_amount = a if np.isnan(kept_amount) else kept_amount
                else:
                    kept_day, kept_amount = r["d"], a
        assert (mask == expected).all()
