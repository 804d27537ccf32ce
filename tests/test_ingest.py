from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from narrator.cli import cli
from narrator.errors import ConfigError
from narrator.ingest import ingest

BAD = Path(__file__).parent / "bad_files"
ROW = "甲科技,2025-11-03,A轮,5000万人民币,某资本、另一资本,北京,企业服务,应用层\n"


def test_sample_row_accounting(sample_built):
    b = sample_built
    assert b.rows_read == len(b.events) + (len(b.rejects) - b.duplicates) + b.duplicates
    assert b.duplicates == 1
    assert set(b.events["month"]) == {"2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11"}


def test_sample_has_every_layer_and_six_overseas_countries(sample_built):
    e = sample_built.events
    assert set(e["layer"].dropna()) == {"基础层", "模型层", "中间层", "应用层"}
    assert e.loc[e["region"] == "overseas", "country"].nunique() >= 6


def test_canonical_columns(write_csv):
    events = ingest(write_csv(ROW)).events
    row = events.iloc[0]
    assert row["company"] == "甲科技" and row["month"] == "2025-11" and row["round"] == "A轮"
    assert row["amount_kind"] == "exact" and row["currency"] == "CNY"
    assert row["amount_cny_yi"] == pytest.approx(0.5)
    assert row["investors"] == ["某资本", "另一资本"]
    assert row["country"] == "CN" and row["region"] == "domestic" and row["layer"] == "应用层"
    assert row["source"].endswith("export.csv:2")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_encodings_detected(write_csv, encoding):
    assert ingest(write_csv(ROW, encoding=encoding)).events.iloc[0]["company"] == "甲科技"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings(tmp_path, newline):
    from conftest import HEADER

    text = (HEADER + ROW + ROW.replace("甲科技", "乙科技")).replace("\n", newline)
    path = tmp_path / "e.csv"
    path.write_bytes(text.encode("utf-8"))
    events = ingest(path).events
    # Both rows are read whole whatever the line ending (a CR-only file is not one long row).
    assert sorted(events["company"]) == ["乙科技", "甲科技"]
    assert list(events["date"].astype(str).str[:10]) == ["2025-11-03", "2025-11-03"]


def test_usd_converted_at_month_rate(write_csv):
    events = ingest(write_csv("Foo AI,2025-11-20,Series B,1.5亿美元,Fund,美国,,模型层\n")).events
    assert events.iloc[0]["amount_cny_yi"] == pytest.approx(1.5 * 7.083)
    assert events.iloc[0]["round"] == "B轮"


def test_fx_file_overrides_the_ecb_default(write_csv, tmp_path):
    path = write_csv("Foo AI,2019-01-20,Series B,1亿美元,Fund,美国,,模型层\n")
    # No shipped rate for 2019-01: the ECB monthly mean (USD/CNY about 6.8 that month) applies.
    assert ingest(path).events.iloc[0]["amount_cny_yi"] == pytest.approx(6.8, abs=0.1)
    fx = tmp_path / "fx.csv"
    fx.write_text("month,currency,cny_per_unit\n2019-01,USD,7.5\n")
    assert ingest(path, fx=fx).events.iloc[0]["amount_cny_yi"] == pytest.approx(7.5)


def test_bad_rows_are_rejected_with_reasons():
    built = ingest(BAD / "bad_rows.csv")
    # Rows that are still deals stay, without the part that cannot be used (listed as warnings).
    assert list(built.events["company"]) == ["好公司", "币种错公司", "负数公司", "层级错公司", "无汇率公司"]
    got = {(r.row, r.column, r.reason) for r in built.rejects.itertuples()}
    assert got == {
        (3, "*", "row has more fields than the 8 headers (stray comma or unquoted text?)"),
        (4, "date", "impossible date '2025-02-30'"),
        (7, "company", "missing company name"),
        (8, "country", "unknown country or region"),
        (11, "*", f"duplicate of {BAD / 'bad_rows.csv'}:2"),
    }
    warned = {(r.row, r.column, r.reason) for r in built.warnings.itertuples()}
    assert warned == {
        (5, "amount", "unknown currency or unit in '3000万比特币'"),
        (6, "amount", "negative amount '-500万美元'"),
        (9, "layer", "unknown layer (基础层/模型层/中间层/应用层); kept without a layer"),
    }
    events = built.events.set_index("company")
    assert events.loc["币种错公司", "amount_kind"] == "unconverted"
    assert pd.isna(events.loc["币种错公司", "amount_cny_yi"]) and pd.isna(events.loc["层级错公司", "layer"])
    assert events.loc["无汇率公司", "amount_cny_yi"] > 0  # 2019-01 converted at the ECB monthly mean
    assert built.rows_read == 10 == len(built.events) + len(built.rejects)


@pytest.mark.parametrize("name, message", [
    ("missing_amount_column.csv", "missing required column 'amount' (a header such as 金额/融资金额/交易金额); "
                                  "headers found: 公司名称, 融资时间, 轮次, 投资方, 地区"),
    ("empty.csv", "file is empty"),
    ("binary.csv", "binary file, not a CSV export"),
    ("undecodable.csv", "not UTF-8 or GB18030 text; set [options] encoding in the column mapping"),
    ("not_excel.xlsx", "cannot read file (BadZipFile: File is not a zip file)"),
])
def test_bad_files_exit_2_with_one_line(name, message):
    result = CliRunner().invoke(cli, ["ingest", "--data", str(BAD / name)])
    assert result.exit_code == 2
    assert result.output == f"Error: {BAD / name}: {message}\n"


def test_utf16_export_with_bom_is_read():
    assert list(ingest(BAD / "utf16_ok.csv").events["company"]) == ["甲科技"]


def test_missing_data_path():
    result = CliRunner().invoke(cli, ["ingest", "--data", "/nonexistent/x.csv"])
    assert (result.exit_code, result.output) == (2, "Error: /nonexistent/x.csv: no such file or folder\n")


def test_column_mapping_in_issue_format(tmp_path):
    export = tmp_path / "itjuzi.csv"
    export.write_text("Name,When,Stage,Money,Who,Where,Sector\n"
                      "Foo,2025/11/3,Series A,2300000,Fund A;Fund B,Israel,AI安全\n", encoding="utf-8")
    mapping = tmp_path / "map.toml"
    mapping.write_text('''[columns]            # narrator field = header in the export
company = "Name"
date = "When"
round = "Stage"
amount_value = "Money"
investors = "Who"
country = "Where"
sector = "Sector"
[defaults]
currency = "USD"
[options]
encoding = "utf-8"
''', encoding="utf-8")
    row = ingest(export, columns=mapping).events.iloc[0]
    assert (row["company"], row["round"], row["currency"], row["country"]) == ("Foo", "A轮", "USD", "IL")
    assert row["amount_cny_yi"] == pytest.approx(2_300_000 * 7.083 / 1e8)
    assert row["investors"] == ["Fund A", "Fund B"]


def test_mapping_names_missing_header(tmp_path, write_csv):
    mapping = tmp_path / "map.toml"
    mapping.write_text('[columns]\ncompany = "公司全称"\n', encoding="utf-8")
    path = write_csv(ROW)
    with pytest.raises(ConfigError, match="missing required column 'company' \\(header '公司全称'\\); headers found: 公司名称"):
        ingest(path, columns=mapping)


def test_encoding_option_overrides_detection(tmp_path):
    path = tmp_path / "mac.csv"
    path.write_bytes("company,date,round,amount,country\nCafé AI,2025-11-03,Seed,€5m,France\n".encode("mac_roman"))
    mapping = tmp_path / "map.toml"
    mapping.write_text('[options]\nencoding = "mac_roman"\n', encoding="utf-8")
    assert ingest(path, columns=mapping).events.iloc[0]["company"] == "Café AI"


def test_excel_and_parquet(tmp_path):
    frame = pd.DataFrame({"公司名称": ["甲科技", "Foo AI"], "融资时间": ["2025-11-03", "2025-11-04"],
                          "轮次": ["A轮", "Series B"], "金额": ["5000万人民币", "$20M"],
                          "投资方": ["某资本", "Fund"], "地区": ["北京", "美国"]})
    frame.to_excel(tmp_path / "a.xlsx", index=False)
    frame.to_parquet(tmp_path / "b.parquet", index=False)
    for name in ("a.xlsx", "b.parquet"):
        events = ingest(tmp_path / name).events
        assert sorted(events["company"]) == ["Foo AI", "甲科技"]


def test_folder_of_files(tmp_path, write_csv):
    write_csv(ROW, name="a.csv")
    write_csv(ROW.replace("甲科技", "乙科技"), name="b.csv")
    assert len(ingest(tmp_path).events) == 2


def test_duplicate_within_15_days_kept_once(write_csv):
    body = ROW + ROW.replace("2025-11-03", "2025-11-15").replace("5000万人民币", "未披露")
    built = ingest(write_csv(body))
    assert len(built.events) == 1 and built.duplicates == 1
    assert built.rejects.iloc[0]["reason"].startswith("duplicate of ")


def test_not_duplicate_after_15_days(write_csv):
    assert len(ingest(write_csv(ROW + ROW.replace("2025-11-03", "2025-11-25"))).events) == 2


def test_ingest_cli_json_and_outputs(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", "--json", "--data", str(BAD / "bad_rows.csv"), "--out", str(tmp_path)])
    assert result.exit_code == 0
    summary = json.loads(result.output)
    assert summary == {"rows_read": 10, "kept": 5, "rejected": 4, "duplicates": 1, "warnings": 3,
                       "months": {"2019-01": 1, "2025-11": 4}}
    rejects = pd.read_csv(tmp_path / "rejects.csv")
    assert list(rejects.columns) == ["file", "row", "column", "value", "reason"]
    assert len(rejects) == 5
    assert len(pd.read_csv(tmp_path / "warnings.csv")) == 3
    from narrator.ingest import read_events

    events = read_events(tmp_path / "events.parquet")
    assert list(events["company"])[0] == "好公司" and list(events["investors"].iloc[0]) == ["某资本"]
