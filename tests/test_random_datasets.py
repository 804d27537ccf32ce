"""The built-in article must pass its own check on any dataset: random small exports
(1 to 200 deals, one to three months, domestic-only or not, with and without layers)."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from narrator.compose import compose
from narrator.config import Settings
from narrator.facts import compute_facts
from narrator.ingest import ingest

ROUNDS = ["天使轮", "A轮", "Pre-A轮", "B轮", "C轮", "D轮", "战略投资", "股权投资", "IPO上市", "并购", "Seed", "Series B", "E轮"]
PLACES = ["北京", "上海", "深圳", "美国", "以色列", "日本", "英国", "加拿大", "新加坡", "法国", "中国香港", "印度", "韩国"]
AMOUNTS = ["未披露", "数千万人民币", "数百万人民币", "1.5亿美元", "2,300万美元", "5000万人民币", "3亿人民币", "近亿人民币",
           "800万美元", "12亿美元", "数亿人民币", "2000万欧元", "1.2亿港元"]
LAYERS = ["基础层", "模型层", "中间层", "应用层", ""]


def random_export(seed: int, path) -> None:
    r = random.Random(seed)
    n = r.choice([1, 2, 3, 5, 10, 30, 80, 200])
    months = r.choice([["2025-11"], ["2025-10", "2025-11"], ["2025-09", "2025-10", "2025-11"]])
    places = PLACES[:3] if r.random() < 0.15 else PLACES
    rows = [[f"公司{seed}_{i}", f"{r.choice(months)}-{r.randint(1, 28):02d}", r.choice(ROUNDS), r.choice(AMOUNTS),
             "、".join(f"资本{r.randint(1, 12)}" for _ in range(r.randint(0, 3))) or "未披露",
             r.choice(places), "企业服务", r.choice(LAYERS)] for i in range(n)]
    rows[0][1] = "2025-11-05"
    pd.DataFrame(rows, columns=["公司名称", "融资时间", "轮次", "金额", "投资方", "地区", "行业", "层级"]).to_csv(path, index=False)


@pytest.mark.parametrize("seed", range(30))
def test_builtin_article_passes_its_check(tmp_path, seed):
    path = tmp_path / "e.csv"
    random_export(seed, path)
    facts = compute_facts(ingest(path).events, "2025-11")
    article = compose(facts, Settings(), charts=False)
    text, report = article.text, article.report
    assert report.ok, [(m.text, m.reason) for m in report.problems]
    for placeholder in ("nan", "None", "inf", "{", "\ue000"):
        assert placeholder not in text
