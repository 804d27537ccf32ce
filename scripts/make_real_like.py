"""Generate two synthetic "real-like" exports under tests/data/ (fixed seed, byte-identical reruns).

- ``itjuzi_like.csv``: IT桔子-style, GB18030, Chinese headers, 2004–2016, amounts such as
  ``1000万人民币``, ``2亿美元``, ``数千万人民币``, ``200万其他``, ``未透露``; investors often
  ``投资方未透露``; no layer column; a few rows without a company and a few repeated deals.
- ``crunchbase_like.csv``: Crunchbase-2013-style, Mac Roman with CR line endings, English
  headers (``funded_at``, ``raised_amount_usd``, ISO3 ``company_country_code``), USD only,
  1960–2013, accented names; read with ``crunchbase_like.toml``.

Names are invented. Run: python scripts/make_real_like.py
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data"
SEED = 1316

SYLLABLES = ["云", "智", "数", "星", "易", "快", "乐", "优", "聚", "微", "图", "客", "联", "达", "通", "信", "宝", "盒",
             "淘", "拍", "学", "车", "医", "游", "购", "家", "行", "米", "果", "豆"]
PLACES = [("北京", 30), ("上海", 20), ("广东", 15), ("浙江", 10), ("江苏", 6), ("四川", 3), ("湖北", 3), ("福建", 2),
          ("香港", 2), ("台湾", 1), ("美国", 4), ("海外", 2), ("以色列", 1), ("新加坡", 1)]
SECTORS = ["企业服务", "电子商务", "本地生活", "金融", "教育", "医疗健康", "文化娱乐", "游戏", "汽车交通", "社交网络",
           "硬件", "旅游", "房产服务", "工具软件", "物流"]
ROUNDS_CN = [("种子轮", 4), ("天使轮", 30), ("Pre-A轮", 6), ("A轮", 25), ("A+轮", 4), ("B轮", 10), ("C轮", 5),
             ("D轮", 2), ("E轮及以后", 1), ("Pre-IPO", 1), ("战略投资", 6), ("并购", 3), ("新三板", 2), ("IPO上市后", 1),
             ("不明确", 1)]
INVESTORS_CN = ["红杉资本中国", "IDG资本", "经纬中国", "真格基金", "创新工场", "险峰长青", "顺为资本", "蓝驰创投",
                "北极光创投", "启明创投", "腾讯投资", "阿里巴巴", "联想之星", "梅花天使创投", "紫辉创投", "英诺天使基金"]
AMOUNTS_CN = [("数百万人民币", 22), ("数千万人民币", 12), ("数十万人民币", 3), ("数百万美元", 6), ("数千万美元", 3),
              ("未透露", 14), ("{n}万人民币", 18), ("{n}万美元", 6), ("{y}亿人民币", 5), ("{y}亿美元", 3),
              ("亿元及以上人民币", 3), ("数亿人民币", 2), ("200万其他", 1), ("{n}万港元", 1), ("近亿人民币", 1)]

EN_WORDS = ["Blue", "Red", "Apex", "Nova", "Pixel", "Cloud", "Data", "Mobi", "Zen", "Spark", "Hive", "Loop", "Quant",
            "Velo", "Orbit", "Crème", "Über", "Señor", "Café", "Öko", "Bright", "Swift", "Echo", "Lumen"]
EN_TAILS = ["ly", "io", " Labs", " Systems", " Networks", " Media", " Health", " Inc", "ify", " Works"]
COUNTRIES = [("USA", 70), ("GBR", 6), ("CAN", 4), ("ISR", 3), ("DEU", 2), ("FRA", 2), ("IND", 3), ("CHN", 2),
             ("IRL", 1), ("SWE", 1), ("", 3)]
ROUNDS_EN = [("venture", 50), ("angel", 20), ("seed", 4), ("series-a", 8), ("series-b", 5), ("series-c+", 3),
             ("private-equity", 2), ("post-ipo", 1), ("debt_financing", 3), ("crowdfunding", 1), ("other", 2)]
CATEGORIES = ["software", "web", "mobile", "enterprise", "biotech", "ecommerce", "advertising", "games_video",
              "cleantech", "hardware", "network_hosting", "social", "medical", "education", "analytics"]


def _pick(rng: random.Random, table: list[tuple[str, int]]) -> str:
    return rng.choices([t for t, _ in table], weights=[w for _, w in table])[0]


def _year_weighted(rng: random.Random, first: int, last: int, growth: float) -> int:
    years = list(range(first, last + 1))
    return rng.choices(years, weights=[growth ** (y - first) for y in years])[0]


def itjuzi_rows(rng: random.Random, n: int) -> list[list[str]]:
    """IT桔子-like deals, 2004–2016, a busy 2016-08."""
    rows = []
    for i in range(n):
        year = 2016 if i < 260 else _year_weighted(rng, 2004, 2016, 1.45)
        month = 8 if i < 260 else rng.randint(1, 12 if year < 2016 else 9)
        date = f"{year}.{month:02d}.{rng.randint(1, 28):02d}"
        company = "".join(rng.sample(SYLLABLES, rng.choice([2, 2, 3]))) + rng.choice(["", "网", "科技", "App"])
        amount = _pick(rng, AMOUNTS_CN).format(n=rng.choice([100, 300, 500, 800, 1000, 2000, 3000, 5000]),
                                               y=rng.choice([1, 1.5, 2, 3, 5]))
        r = rng.random()
        if r < 0.22:
            investors = "投资方未透露"
        elif r < 0.25:
            investors = "未透露"
        else:
            investors = "、".join(rng.sample(INVESTORS_CN, rng.choice([1, 1, 2, 3])))
            if rng.random() < 0.05:
                investors += "、投资方未透露"
        if i % 400 == 7:
            company = ""  # a row that cannot be a deal
        rows.append([company, date, _pick(rng, ROUNDS_CN), amount, investors, _pick(rng, PLACES), rng.choice(SECTORS)])
        if i % 150 == 3 and company:  # the same deal reported again a few days later
            again = list(rows[-1])
            again[1] = f"{year}.{month:02d}.{min(28, int(date[-2:]) + 3):02d}"
            rows.append(again)
    return rows


def crunchbase_rows(rng: random.Random, n: int) -> list[list[str]]:
    """Crunchbase-2013-like rounds, 1960–2013, mostly after 2005."""
    rows = []
    for i in range(n):
        year = rng.randint(1960, 1999) if i % 60 == 0 else _year_weighted(rng, 2000, 2013, 1.35)
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        name = rng.choice(EN_WORDS) + rng.choice(EN_WORDS).lower() + rng.choice(EN_TAILS)
        amount = "" if rng.random() < 0.15 else str(rng.choice([25, 50, 100, 250, 500, 1000, 2500, 5000, 12000]) * 1000
                                                      + rng.randint(0, 999) * 10)
        rows.append([name, rng.choice(CATEGORIES), _pick(rng, COUNTRIES), _pick(rng, ROUNDS_EN), date, amount])
    return rows


def _csv_text(header: list[str], rows: list[list[str]], newline: str) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def main() -> None:
    """Write both exports and the Crunchbase mapping."""
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    itj = _csv_text(["公司名称", "融资时间", "轮次", "金额", "投资方", "地区", "行业"], itjuzi_rows(rng, 3000), "\r\n")
    (OUT / "itjuzi_like.csv").write_bytes(itj.encode("gb18030"))
    cb = _csv_text(["company_name", "company_category_code", "company_country_code", "funding_round_type", "funded_at",
                    "raised_amount_usd"], crunchbase_rows(rng, 3000), "\r")
    (OUT / "crunchbase_like.csv").write_bytes(cb.encode("mac_roman"))
    (OUT / "crunchbase_like.toml").write_text(
        '# Column mapping for crunchbase_like.csv (Crunchbase 2013 rounds export layout).\n'
        '[columns]\ncompany = "company_name"\ndate = "funded_at"\nround = "funding_round_type"\n'
        'amount_value = "raised_amount_usd"\ncountry = "company_country_code"\nsector = "company_category_code"\n'
        '[defaults]\ncurrency = "USD"\n[options]\nencoding = "mac_roman"\n', encoding="utf-8")
    for name in ("itjuzi_like.csv", "crunchbase_like.csv", "crunchbase_like.toml"):
        print(f"{OUT / name}: {(OUT / name).stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
