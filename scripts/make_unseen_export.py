"""Generate tests/data/unseen_export.csv: a second, differently shaped export for evaluation.

The prose-lock corpus is written for two datasets: the shipped sample's 2025-11 month and
this export's 2025-10 month (with 2025-09 before it for month-on-month figures). It differs
from the sample on purpose: other names (several with digits in them, as real company
names have: 360智脑, 零一万物-style, Lab42), another country mix, a domestic majority of the
money, and amounts in several currencies. Fixed seed: re-running reproduces the file.

Run: python scripts/make_unseen_export.py
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "unseen_export.csv"
SEED = 4242

COMPANIES_CN = ["360智脑科技", "零一智算", "百川星图", "四维视觉", "第四象限智能", "九章数据", "七星芯片", "万象机器人",
                "深蓝大模型", "千帆医疗科技", "三体算力", "五行教育科技", "八爪鱼开发者工具", "极光推理", "天工具身",
                "云雀语音", "北极星安全", "澄明评测", "听澜内容", "织梦动画", "百灵金融科技", "双子星驾驶", "六合制造",
                "灵犀Agent", "方舟算力云", "昆仑数据", "长河智能", "青鸟教育", "海豚医疗", "星火创作"]
COMPANIES_EN = ["Lab42", "Nova9 AI", "Helix Compute", "Arcturus Robotics", "Quill Labs", "Basalt Systems",
                "Meadowlark AI", "Tundra Data", "Vector7", "Orbit Health", "Saffron Mind", "Granular AI",
                "Kite Works", "Luma Forge", "Parallax Bio", "Cascade Dynamics", "Fjord Intelligence", "Atlas 3D"]
INVESTORS_CN = ["红杉中国", "高瓴创投", "启明创投", "五源资本", "源码资本", "经纬创投", "IDG资本", "蓝驰创投",
                "君联资本", "真格基金", "创新工场", "北京市人工智能产业投资基金", "深创投", "中金资本", "腾讯投资", "阿里巴巴"]
INVESTORS_EN = ["a16z", "Sequoia Capital", "Lightspeed", "General Catalyst", "Thrive Capital", "Nvidia", "Microsoft",
                "Founders Fund", "Index Ventures", "Accel", "SoftBank Vision Fund 2", "Y Combinator"]
ROUNDS = [("天使轮", 0.9), ("种子轮", 0.4), ("Pre-A轮", 0.5), ("A轮", 1.2), ("A+轮", 0.4), ("B轮", 3), ("B+轮", 2),
          ("C轮", 6), ("D轮", 15), ("E轮", 25), ("Pre-IPO", 12), ("战略投资", 8), ("股权投资", 2), ("并购", 5)]
ROUND_WEIGHTS = [14, 6, 8, 18, 5, 10, 3, 6, 2, 1, 2, 12, 8, 3]
CN_PLACES = ["北京", "上海", "深圳", "杭州", "广州", "苏州", "成都", "武汉", "合肥", "南京", "中国香港"]
ABROAD = [("美国", 10), ("英国", 2), ("法国", 2), ("德国", 1), ("日本", 2), ("以色列", 1), ("加拿大", 1), ("新加坡", 1), ("韩国", 1)]
LAYERS = [("基础层", 2), ("模型层", 2), ("中间层", 2), ("应用层", 6)]
SECTORS = {"基础层": "AI芯片", "模型层": "通用大模型", "中间层": "开发者工具", "应用层": "企业服务"}


def amount_text(r: random.Random, yi: float, domestic: bool) -> str:
    """A realistic amount text for a deal of about ``yi`` 亿元."""
    roll = r.random()
    if roll < 0.18:
        return r.choice(["未披露", "未透露", "数千万人民币", "数百万人民币", "近亿人民币", "数亿人民币"])
    if domestic:
        if yi >= 1:
            return f"{yi:.1f}亿人民币"
        return f"{round(yi * 10000, -2):.0f}万人民币"
    usd = yi / 7.1
    if usd >= 1:
        return f"{usd:.2f}亿美元"
    return f"{round(usd * 10000, -1):.0f}万美元"


def rows() -> list[list[str]]:
    r = random.Random(SEED)
    out = []
    for month, n in (("2025-09", 140), ("2025-10", 168)):
        for i in range(n):
            domestic = r.random() < 0.6
            company = r.choice(COMPANIES_CN if domestic else COMPANIES_EN) + ("" if r.random() < 0.6 else f"{i % 7 + 1}号")
            rnd = r.choices(ROUNDS, ROUND_WEIGHTS)[0]
            yi = rnd[1] * r.lognormvariate(0, 0.8) * (1.6 if domestic else 1.0)
            layer = r.choices([x for x, _ in LAYERS], [w for _, w in LAYERS])[0]
            place = r.choice(CN_PLACES) if domestic else r.choices([x for x, _ in ABROAD], [w for _, w in ABROAD])[0]
            pool = INVESTORS_CN if domestic else INVESTORS_EN
            investors = "、".join(r.sample(pool, r.randint(0, 3))) or "未披露"
            day = r.randint(1, 30 if month == "2025-09" else 31)
            out.append([company, f"{month}-{day:02d}", rnd[0], amount_text(r, yi, domestic), investors, place,
                        SECTORS[layer], layer])
    return out


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["公司名称", "融资时间", "轮次", "金额", "投资方", "地区", "行业", "层级"])
        writer.writerows(rows())
    print(OUT)


if __name__ == "__main__":
    main()
