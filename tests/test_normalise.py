import pytest

from narrator.domain.geo import normalise_country
from narrator.domain.layers import normalise_layer
from narrator.domain.rounds import normalise_round, round_group


@pytest.mark.parametrize("text, stage", [
    ("种子轮", "种子轮"), ("天使轮", "天使轮"), ("天使+轮", "天使轮"), ("种子天使", "天使轮"),
    ("Pre-A轮", "Pre-A轮"), ("A轮", "A轮"), ("A+轮", "A轮"), ("A++", "A轮"), ("Pre-B", "Pre-B轮"),
    ("B轮", "B轮"), ("B+", "B轮"), ("C轮", "C轮"), ("D轮", "D轮"), ("E轮", "E轮及以后"),
    ("F轮-上市前", "E轮及以后"), ("Pre-IPO", "Pre-IPO"), ("IPO上市", "IPO"), ("IPO上市后", "上市后"),
    ("定增", "上市后"), ("新三板", "上市后"), ("战略投资", "战略投资"), ("战略融资", "战略投资"),
    ("股权投资", "股权投资"), ("并购", "并购"), ("债权融资", "债权融资"), ("不明确", "其他"),
    ("Pre-Seed", "种子轮"), ("Seed", "种子轮"), ("Angel", "天使轮"), ("Series A", "A轮"),
    ("series-a", "A轮"), ("SERIES_A", "A轮"), ("series-c+", "C轮"), ("Series J", "E轮及以后"),
    ("Venture", "其他"), ("Private Equity", "股权投资"), ("Corporate Round", "战略投资"),
    ("Debt Financing", "债权融资"), ("Convertible Note", "债权融资"), ("Grant", "其他"),
    ("Post-IPO Equity", "上市后"), ("IPO", "IPO"), ("", "其他"),
])
def test_rounds(text, stage):
    assert normalise_round(text) == stage


def test_round_groups():
    assert [round_group(s) for s in ["天使轮", "A轮", "B轮", "C轮", "D轮", "IPO", "战略投资", "并购"]] == [
        "早期", "早期", "B轮及C轮", "B轮及C轮", "D轮及以后", "D轮及以后", "战略及股权投资", "其他"]


@pytest.mark.parametrize("text, code", [
    ("中国", "CN"), ("北京", "CN"), ("广东深圳", "CN"), ("浙江杭州", "CN"), ("中国·上海", "CN"),
    ("香港", "HK"), ("澳门", "MO"), ("台湾", "TW"), ("美国", "US"), ("USA", "US"), ("United States", "US"),
    ("us", "US"), ("以色列", "IL"), ("Israel", "IL"), ("日本", "JP"), ("UK", "GB"), ("英国", "GB"),
    ("国外", "ZZ"), ("海外", "ZZ"), ("DE", "DE"), ("Atlantis", None), ("", None),
])
def test_countries(text, code):
    assert normalise_country(text) == code


@pytest.mark.parametrize("text, layer", [
    ("基础层", "基础层"), ("算力", "基础层"), ("模型层", "模型层"), ("大模型", "模型层"), ("中间层", "中间层"),
    ("工具层", "中间层"), ("应用层", "应用层"), ("Application", "应用层"), ("", None), ("天空层", None),
])
def test_layers(text, layer):
    assert normalise_layer(text) == layer
