from __future__ import annotations

import json
import math

import pandas as pd
import pytest
from click.testing import CliRunner

from narrator.cli import cli
from narrator.errors import MonthError
from narrator.facts import compute_facts

REFERENCE = {  # the reference article's figures, reproduced by the sample's 2025-11
    "global.events": "297起", "domestic.events": "214起", "overseas.events": "83起",
    "country.US.events": "47起", "overseas_rest.events": "36起",
    "global.amount": "1,855.00亿元", "domestic.amount": "140.94亿元", "overseas.amount": "1,714.06亿元",
    "country.US.amount": "1,631.80亿元", "overseas_rest.amount": "82.26亿元",
    "domestic.events_share": "72.1%", "overseas.events_share": "27.9%",
    "domestic.amount_share": "7.6%", "overseas.amount_share": "92.4%", "country.US.amount_share": "88.0%",
    "round.早期.events": "98起", "round.战略及股权投资.events": "122起", "round.B轮及以后.events": "77起",
    "overseas.country.US.amount_share": "95.2%", "overseas.country.US.events_share": "56.6%",
}


@pytest.mark.parametrize("fact_id, display", REFERENCE.items())
def test_reference_figures(nov_facts, fact_id, display):
    assert nov_facts.facts[fact_id].display == display


def test_full_precision_values(nov_facts):
    assert nov_facts.value("country.US.amount_share") == pytest.approx(87.97, abs=0.005)
    assert nov_facts.value("domestic.events_share") == pytest.approx(214 / 297 * 100)


def test_round_and_layer_structure(nov_facts):
    late = nov_facts.value("round.后期及战略.amount_share")
    assert late > 65
    assert 23 <= nov_facts.value("round.B轮及C轮.amount_share") <= 27
    assert nov_facts.value("round.早期.amount_share") < 10
    assert nov_facts.value("layer.模型层.amount_share") + nov_facts.value("layer.基础层.amount_share") > 60
    assert nov_facts.value("domestic.layer.应用层.events_share") > 50


def test_fact_shape_and_formula(nov_facts):
    fact = nov_facts.facts["domestic.amount_share"]
    assert (fact.unit, fact.scope, fact.metric) == ("%", "domestic", "amount_share")
    assert fact.formula == "国内融资金额占比 = 140.94 / 1,855.00"
    assert fact.inputs == ("domestic.amount", "global.amount")


def test_month_on_month(nov_facts, sample_built):
    october = int((sample_built.events["month"] == "2025-10").sum())
    fact = nov_facts.facts["global.mom_events"]
    assert fact.value == pytest.approx((297 - october) / october * 100)
    assert fact.display == f"{'增长' if october < 297 else '下降'}{abs(fact.value):.1f}%"
    assert nov_facts.facts["global.prev_events"].display == f"{october}起"


def test_lists_are_facts(nov_facts):
    top = nov_facts.value("deals.global.top")
    assert len(top) == 10
    assert top == sorted(top, key=lambda d: -d["amount_cny_yi"])
    assert nov_facts.facts[top[0]["fact_id"]].value == top[0]["amount_cny_yi"]
    investors = nov_facts.value("investors.domestic.top")
    assert investors[0]["deals"] >= investors[-1]["deals"]
    assert nov_facts.value("global.top5_share") > nov_facts.value("global.top1_share")


def test_headline_and_insights(nov_facts):
    assert nov_facts.headline == "11月AIGC融资：72.1%的项目在中国，88.0%的钱流向美国"
    kinds = {i.kind for i in nov_facts.insights}
    assert {"region_contrast", "stage_contrast", "layer_contrast", "concentration", "mega_deals"} <= kinds
    for insight in nov_facts.insights:
        assert all(fid in nov_facts.facts for fid in insight.facts)


def test_no_nan_anywhere(nov_facts):
    for fact in nov_facts.facts.values():
        if isinstance(fact.value, float):
            assert math.isfinite(fact.value), fact.id
        assert "nan" not in fact.display.lower() and "None" not in fact.display


def _tiny(rows):
    frame = pd.DataFrame(rows, columns=["company", "month", "round", "round_group", "amount_cny_yi", "amount_kind",
                                        "country", "region", "layer", "sector", "investors"])
    frame["round_raw"] = frame["round"]
    frame["amount_text"] = ""
    return frame


def test_zero_denominators_produce_no_share_or_change():
    events = _tiny([
        ("甲", "2025-11", "A轮", "早期", None, "undisclosed", "CN", "domestic", None, None, []),
        ("乙", "2025-11", "B轮", "B轮及C轮", None, "undisclosed", "CN", "domestic", None, None, []),
    ])
    facts = compute_facts(events, "2025-11")
    assert "overseas.events" not in facts and "overseas.amount_share" not in facts
    assert "domestic.amount_share" not in facts  # no disclosed amount anywhere
    assert "global.mom_events" not in facts  # no previous month
    assert facts.facts["domestic.events_share"].display == "100.0%"
    json.loads(facts.to_json())  # no NaN sneaks into JSON (allow_nan=False)


def test_missing_month_lists_months(sample_built):
    with pytest.raises(MonthError, match="no deals in 2024-01; the data holds these months: 2025-06, .*2025-11"):
        compute_facts(sample_built.events, "2024-01")


def test_facts_json_cli_is_byte_identical():
    runner = CliRunner()
    first = runner.invoke(cli, ["facts", "--month", "2025-11", "--json"])
    second = runner.invoke(cli, ["facts", "--month", "2025-11", "--json"])
    assert first.exit_code == 0 and first.output == second.output
    doc = json.loads(first.output)
    assert doc["month"] == "2025-11"
    assert doc["data"]["rows_read"] == doc["data"]["kept"] + doc["data"]["rejected"] + doc["data"]["duplicates"]
    assert {"id", "value", "unit", "label", "display", "scope", "metric"} <= set(doc["facts"][0])


def test_facts_cli_bad_month():
    result = CliRunner().invoke(cli, ["facts", "--month", "2025-13"])
    assert result.exit_code == 2 and "'2025-13' is not a month" in result.output
    result = CliRunner().invoke(cli, ["facts", "--month", "2024-01"])
    assert result.exit_code == 2
    assert result.output.startswith("Error: no deals in 2024-01; the data holds these months: 2025-06")


@pytest.mark.parametrize("storage", ["category", "object"])
def test_facts_do_not_depend_on_column_storage(sample_built, nov_facts, storage):
    """Arrow strings (ingest, Parquet), categoricals and plain objects give the same facts."""
    events = sample_built.events.copy()
    for column in ("month", "round", "round_group", "amount_kind", "country", "region", "layer", "sector", "company"):
        events[column] = events[column].astype(storage)
    if storage == "object":
        events["investors"] = events["investors"].map(list).astype(object)
    assert compute_facts(events, "2025-11").to_json() == nov_facts.to_json()


def test_facts_read_only_fact_columns(sample_built, nov_facts):
    """A cached table is read for one month with FACT_COLUMNS only: they must be enough."""
    from narrator.facts import FACT_COLUMNS

    events = sample_built.events[list(FACT_COLUMNS)]
    assert set(FACT_COLUMNS) < set(sample_built.events.columns)
    assert compute_facts(events, "2025-11").to_json() == nov_facts.to_json()
    with pytest.raises(KeyError):  # a column the facts read but the list lacks fails loudly
        compute_facts(events.drop(columns="sector"), "2025-11")


def test_investor_examples_are_the_largest_deals(nov_facts, sample_built):
    cur = sample_built.events[sample_built.events["month"] == "2025-11"]
    for region in ("domestic", "overseas"):
        for item in nov_facts.facts[f"investors.{region}.top"].value:
            mine = cur[cur["investors"].map(lambda names, who=item["investor"]: who in list(names))
                       & cur["region"].eq(region)]
            assert len(mine) == item["deals"]
            amounts = mine.set_index("company")["amount_cny_yi"].fillna(-1.0)
            shown = [amounts[c] if not isinstance(amounts[c], pd.Series) else amounts[c].max() for c in item["examples"]]
            assert shown == sorted(shown, reverse=True)
            assert shown[0] == amounts.max()


def test_country_shares_within_region(nov_facts):
    us = nov_facts.facts["overseas.country.US.amount_share"]
    assert us.value == pytest.approx(nov_facts.value("country.US.amount") / nov_facts.value("overseas.amount") * 100)
    assert us.inputs == ("country.US.amount", "overseas.amount")
    assert "overseas.country.US.amount" not in nov_facts  # the amount itself is country.US.amount
    # The sample's domestic deals are all in China: a share of 100% of its own region says nothing.
    assert not any(fid.startswith("domestic.country.") for fid in nov_facts.facts)


def test_contrasts_only_when_they_hold():
    """'Many deals, little money' is stated only when the events share exceeds the amount share."""
    rows = [(f"甲{i}", "2025-11", "A轮", "早期", 1.0, "exact", "CN", "domestic", "模型层", None, ["某资本"])
            for i in range(3)]
    rows += [("乙", "2025-11", "C轮", "B轮及C轮", 90.0, "exact", "CN", "domestic", "应用层", None, ["某资本"])]
    facts = compute_facts(_tiny(rows), "2025-11")
    kinds = {i.kind for i in facts.insights}
    # 应用层: 25% of deals, 96.8% of money; 早期: 75% of deals, 3.2% of money.
    assert "layer_contrast" not in kinds and "stage_contrast" in kinds
    from narrator.config import Settings
    from narrator.draft import draft_builtin
    from narrator.markup import strip_markers

    text = strip_markers(draft_builtin(facts, Settings(), {}))
    assert "应用层事件数占25.0%，金额占96.8%" in text  # not "金额仅占"
    assert "早期轮次占全球事件数的75.0%，金额仅占3.2%" in text


def test_investor_main_round_needs_a_majority():
    rows = [("甲", "2025-11", "A轮", "早期", 1.0, "exact", "CN", "domestic", None, None, ["多数资本", "分散资本"]),
            ("乙", "2025-11", "天使轮", "早期", 1.0, "exact", "CN", "domestic", None, None, ["多数资本"]),
            ("丙", "2025-11", "C轮", "B轮及C轮", 1.0, "exact", "CN", "domestic", None, None, ["多数资本", "分散资本"])]
    items = {i["investor"]: i for i in compute_facts(_tiny(rows), "2025-11").value("investors.domestic.top")}
    assert items["多数资本"]["main_round"] == "早期"  # two of three deals
    assert items["分散资本"]["main_round"] is None  # one of two: no majority


def test_size_gap_insight(nov_facts):
    gap = next(i for i in nov_facts.insights if i.kind == "size_gap")
    assert gap.text == "国外平均单笔融资22.85亿元，是国内平均单笔（8,340万元）的27.4倍"


def test_no_concentration_or_mega_claim_when_money_is_spread():
    """20 equal deals: the top 5 hold 25% and mega deals 0%; neither is 'high concentration'."""
    rows = [(f"甲{i}", "2025-11", "A轮", "早期", 60.0, "exact", "CN", "domestic", "应用层", None, ["某资本"])
            for i in range(20)]
    facts = compute_facts(_tiny(rows), "2025-11")
    assert facts.facts["global.top5_share"].display == "25.0%"
    assert facts.facts["global.mega_deals"].value == 20 and facts.facts["global.mega_amount_share"].display == "100.0%"
    kinds = {i.kind for i in facts.insights}
    assert "concentration" not in kinds and "mega_deals" in kinds
    rows = [(f"乙{i}", "2025-11", "A轮", "早期", 1.0, "exact", "CN", "domestic", "应用层", None, ["某资本"])
            for i in range(20)] + [("丙", "2025-11", "D轮", "D轮及以后", 55.0, "exact", "CN", "domestic", None, None, [])]
    kinds = {i.kind for i in compute_facts(_tiny(rows), "2025-11").insights}
    assert "mega_deals" in kinds and "concentration" in kinds  # one 55亿元 deal: 73% of 75亿元
    rows = [(f"丁{i}", "2025-11", "A轮", "早期", 10.0, "exact", "CN", "domestic", None, None, []) for i in range(20)]
    rows += [("戊", "2025-11", "D轮", "D轮及以后", 50.0, "exact", "CN", "domestic", None, None, [])]
    facts = compute_facts(_tiny(rows), "2025-11")
    assert facts.facts["global.mega_amount_share"].display == "20.0%"  # one 50亿元 deal of 250亿元
    assert "mega_deals" not in {i.kind for i in facts.insights}
