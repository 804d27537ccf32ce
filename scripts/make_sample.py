"""Generate the illustrative sample export in data/sample/ (fixed seed, byte-reproducible).

Company and investor names are invented. The 2025-11 month is calibrated so that,
after conversion with data/fx/cny_rates.csv and data/estimates.csv, narrator's facts
reproduce the reference article's headline figures (297 / 214 / 83 events; 140.94 /
1,631.80 / 82.26亿元 by domestic / US / other overseas). Other months vary plausibly.

Run: python scripts/make_sample.py
"""

from __future__ import annotations

import calendar
import csv
from pathlib import Path

import numpy as np

from narrator.ingest.fx import load_estimates, load_fx

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "sample"
SEED = 20251130
HEADER = ["公司名称", "融资时间", "轮次", "金额", "投资方", "地区", "行业", "层级"]

STAGE_LABELS = {
    "早期": (["种子轮", "天使轮", "Pre-A轮", "A轮", "A+轮"], [0.06, 0.38, 0.18, 0.30, 0.08]),
    "B轮及C轮": (["Pre-B轮", "B轮", "B+轮", "C轮", "C+轮"], [0.10, 0.40, 0.12, 0.30, 0.08]),
    "D轮及以后": (["D轮", "E轮", "F轮-上市前", "Pre-IPO", "IPO上市"], [0.42, 0.18, 0.08, 0.16, 0.16]),
    "战略及股权投资": (["战略投资", "股权投资"], [0.55, 0.45]),
}
# Typical single-deal size (亿元) per round group: sets the shape before calibration.
TYPICAL_YI = {"早期": 0.3, "B轮及C轮": 2.0, "D轮及以后": 8.0, "战略及股权投资": 3.0}
SECTORS = {
    "基础层": ["AI芯片", "智算中心", "数据服务", "算力云"],
    "模型层": ["通用大模型", "多模态大模型", "具身大模型", "行业大模型"],
    "中间层": ["Agent开发平台", "AI安全与评测", "开发者工具", "模型推理平台"],
    "应用层": ["AI+医疗", "AI+教育", "企业服务", "内容创作", "AI硬件", "具身智能", "智能驾驶", "AI+金融", "智能制造"],
}
CN_PLACES = ["北京", "上海", "深圳", "杭州", "广东广州", "江苏苏州", "四川成都", "湖北武汉", "浙江宁波", "安徽合肥", "南京", "西安", "中国"]
COUNTRY_TEXT = {"US": "美国", "IL": "以色列", "JP": "日本", "CA": "加拿大", "GB": "英国", "SG": "新加坡",
                "FR": "法国", "DE": "德国", "KR": "韩国", "HK": "中国香港", "IN": "印度"}
LOCAL_CURRENCY = {"JP": "日元", "GB": "英镑", "FR": "欧元", "DE": "欧元", "CA": "加元", "SG": "新加坡元",
                  "KR": "韩元", "HK": "港元", "IN": "卢比", "IL": "美元", "US": "美元"}
CODE_OF = {"人民币": "CNY", "美元": "USD", "日元": "JPY", "英镑": "GBP", "欧元": "EUR", "加元": "CAD",
           "新加坡元": "SGD", "韩元": "KRW", "港元": "HKD", "卢比": "INR"}

CN_A = list("智深星云灵极元启澜曜衡知序象墨岚沐翼鲸拓芯图声")
CN_B = list("源算跃识图途言维境脉川衍朗辰栖语策维弦舟观")
CN_SUFFIX = ["科技", "智能", "机器人", "数据", "芯片", "医疗科技", "教育科技", "信息技术", "动力", "视觉"]
EN_A = ["Aster", "Boreal", "Cobalt", "Delphic", "Ember", "Fathom", "Granite", "Halcyon", "Iona", "Juniper",
        "Kestrel", "Lumen", "Meridian", "Nimbus", "Orchid", "Polaris", "Quanta", "Riverstone", "Sable",
        "Tessel", "Umbra", "Vantage", "Willow", "Xylem", "Yarrow", "Zephyr", "Arcadia", "Brightline",
        "Cirrus", "Driftwood", "Everpine", "Foxglove"]
EN_MID = ["", "", "", "path", "forge", "field", "loop", "wave", "gate", "line"]
EN_B = ["AI", "Labs", "Robotics", "Compute", "Systems", "Intelligence", "Dynamics", "Health", "Bio", "Works", "Mind", "Data"]
_CN_FUND_HEADS = ("远澜 星河 恒岳 云汐 启衡 北辰 青梧 沧溟 嘉禾 弘远 若水 明湾 长桥 知微 拾光 元和 锦程 朝晖 松间 海棠 "
                  "临川 观澜 砺石 鸿鹄 泊舟 清野 南山 东篱 西岭 望舒 晨曦 丹枫 白露 苍梧 紫荆 金桐 银杏 翠微 "
                  "云岫 竹溪 荷塘 梧桐 秋实 春晖 夏至 冬青 岱宗 衡山 华岳 嵩阳").split()
INV_CN = [h + ("资本", "创投", "投资", "基金")[i % 4] for i, h in enumerate(_CN_FUND_HEADS)]
INV_CN += ["某市产业引导基金", "科创母基金", "头部互联网公司战投", "国资产业基金"]
INV_EN = ["Northgate Ventures", "Bluepeak Capital", "Sandhill Row Partners", "Granary Fund", "Lattice Ventures",
          "Oakmere Capital", "Tidewater Partners", "Foundry Point", "Summit Arc Capital", "Redwood Bay Ventures",
          "Harborlight Capital", "Keystone Park Partners", "Ironbridge Growth", "Silverline Ventures",
          "Copperleaf Capital", "Westbrook Seed", "Cedar Hollow Ventures", "Longview Crossing",
          "Megacorp Strategic Fund", "Cloudscale Corporate VC", "Chipmaker Ventures", "Sovereign Growth Fund"]


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.fx = load_fx()
        self.estimates = load_estimates()
        self.used: set[str] = set()
        self.inv_cn_w = 1 / np.arange(1, len(INV_CN) + 1) ** 0.5
        self.inv_en_w = 1 / np.arange(1, len(INV_EN) + 1) ** 0.5

    def company(self, region: str) -> str:
        for _ in range(10000):
            if region == "domestic":
                name = self.rng.choice(CN_A) + self.rng.choice(CN_B) + self.rng.choice(CN_SUFFIX)
            else:
                name = f"{self.rng.choice(EN_A)}{self.rng.choice(EN_MID)} {self.rng.choice(EN_B)}"
            if name not in self.used:
                self.used.add(name)
                return name
        raise RuntimeError("ran out of names")

    def investors(self, region: str) -> str:
        if self.rng.random() < 0.08:
            return "未披露"
        pool, weights = (INV_CN, self.inv_cn_w) if region == "domestic" else (INV_EN, self.inv_en_w)
        k = int(self.rng.choice([1, 2, 3], p=[0.5, 0.35, 0.15]))
        picks = self.rng.choice(len(pool), size=k, replace=False, p=weights / weights.sum())
        return "、".join(pool[i] for i in sorted(picks))

    def rate(self, month: str, word: str) -> float:
        code = CODE_OF[word]
        return 1.0 if code == "CNY" else self.fx[(month, code)]

    def cell(self, month: str, countries: list[str], group: str, n: int, target_yi: float,
             fixed: list[str] | None = None) -> list[dict]:
        """``n`` deals of one round group whose amounts add up to ``target_yi`` 亿元."""
        region = "domestic" if countries == ["CN"] else "overseas"
        labels, probs = STAGE_LABELS[group]
        deals = []
        for k in range(n):
            country = fixed[k] if fixed else "CN" if region == "domestic" else str(self.rng.choice(countries))
            deals.append({"country": country, "round": str(self.rng.choice(labels, p=probs)), "region": region})
        # Amount forms: undisclosed and fuzzy are common at home, rare abroad.
        p_undisclosed, p_fuzzy = (0.22, 0.22) if region == "domestic" else (0.08, 0.06)
        forms = self.rng.choice(["undisclosed", "fuzzy", "exact"], size=n,
                                p=[p_undisclosed, p_fuzzy, 1 - p_undisclosed - p_fuzzy])
        exact_idx = [i for i in range(n) if forms[i] == "exact"]
        if not exact_idx:  # the calibrating deal must exist
            forms[0] = "exact"
            exact_idx = [0]
        fuzzy_total = 0.0
        for i, deal in enumerate(deals):
            if forms[i] == "undisclosed":
                deal["amount"] = str(self.rng.choice(["未披露", "未透露", "未披露", ""]))
            elif forms[i] == "fuzzy":
                word = "人民币" if region == "domestic" else "美元"
                if group == "早期":
                    term = str(self.rng.choice(["数百万", "数千万", "千万级", "近千万"], p=[0.35, 0.45, 0.1, 0.1]))
                elif group == "B轮及C轮":
                    term = str(self.rng.choice(["数千万", "近亿", "数亿"], p=[0.5, 0.25, 0.25]))
                else:
                    term = str(self.rng.choice(["数千万", "数亿", "亿元及以上"], p=[0.4, 0.4, 0.2]))
                if term == "亿元及以上" and word != "人民币":
                    term = "数亿"
                value_yi = self.estimates[term] * self.rate(month, word) / 1e8
                if fuzzy_total + value_yi > 0.4 * target_yi:  # keep room for the exact deals
                    deal["amount"] = "未披露"
                    continue
                deal["amount"] = term + word
                fuzzy_total += value_yi
        # Exact deals: heavy-tailed sizes scaled to about 85% of what is left; the
        # largest exact deal then takes the exact remainder (the calibrating deal).
        remaining = target_yi - fuzzy_total
        if remaining <= 0:
            raise ValueError(f"{month} {group}: fuzzy amounts exceed target")
        weights = self.rng.lognormal(0, 1.1, size=len(exact_idx)) * TYPICAL_YI[group]
        order = list(np.argsort(-weights))
        calibrator = exact_idx[order[0]]
        others = [exact_idx[j] for j in order[1:]]
        scale = 0.85 * remaining / weights.sum() if len(exact_idx) > 1 else 0
        spent = 0.0
        for j, i in zip(order[1:], others):
            deal = deals[i]
            word = self.currency_word(deal, group)
            value_yi = weights[j] * scale
            units = value_yi * 1e8 / self.rate(month, word)
            units = float(_round_sig(units, 2))
            deal["amount"] = _amount_text(units, word)
            spent += units * self.rate(month, word) / 1e8
        deal = deals[calibrator]
        # The calibrating deal is the cell's largest: give it the group's latest round, as a
        # real desk would see (a 5亿元 angel round would look wrong).
        deal["round"] = labels[-1] if group != "战略及股权投资" else "战略投资"
        word = "人民币" if region == "domestic" else "美元"
        units = round((target_yi - fuzzy_total - spent) * 1e8 / self.rate(month, word) / 1e4) * 1e4
        if units <= 0:
            raise ValueError(f"{month} {group}: calibration left no amount")
        deal["amount"] = _amount_text(units, word)
        deal["_cny"] = units * self.rate(month, word) / 1e8
        return deals

    def currency_word(self, deal: dict, group: str) -> str:
        if deal["region"] == "domestic":
            return "美元" if group != "早期" and self.rng.random() < 0.15 else "人民币"
        local = LOCAL_CURRENCY[deal["country"]]
        return local if self.rng.random() < 0.5 else "美元"


def _round_sig(x: float, digits: int) -> float:
    if x <= 0:
        return 0.0
    mag = 10 ** (int(np.floor(np.log10(x))) - digits + 1)
    return max(round(x / mag) * mag, 1e4)


def _amount_text(units: float, word: str) -> str:
    """``units`` of a currency as an export writes it: 1.5亿美元, 2,300万人民币."""
    if units >= 1e8:
        return f"{units / 1e8:.4f}".rstrip("0").rstrip(".") + "亿" + word
    return f"{units / 1e4:,.0f}万" + word


# Month plans: (domestic events per group, overseas events per group, amounts 亿元 per cell).
GROUPS = ["早期", "B轮及C轮", "D轮及以后", "战略及股权投资"]
NOVEMBER = {
    "CN": ({"早期": 80, "B轮及C轮": 30, "D轮及以后": 9, "战略及股权投资": 95},
           {"早期": 18.37, "B轮及C轮": 41.63, "D轮及以后": 30.48, "战略及股权投资": 50.46}),
    "US": ({"早期": 8, "B轮及C轮": 14, "D轮及以后": 12, "战略及股权投资": 13},
           {"早期": 39.26, "B轮及C轮": 381.47, "D轮及以后": 758.61, "战略及股权投资": 452.46}),
    "OTHER": ({"早期": 10, "B轮及C轮": 8, "D轮及以后": 4, "战略及股权投资": 14},
              {"早期": 8.13, "B轮及C轮": 35.72, "D轮及以后": 20.57, "战略及股权投资": 17.84}),
}
OTHER_NOV = ["IL"] * 8 + ["JP"] * 6 + ["CA"] * 5 + ["GB"] * 6 + ["SG"] * 4 + ["FR"] * 3 + ["DE"] * 2 + ["KR"] * 2
# Scale of each earlier month relative to November: (events, amount).
EARLIER = {"2025-06": (0.86, 0.52), "2025-07": (0.95, 0.68), "2025-08": (0.84, 0.41),
           "2025-09": (0.93, 0.60), "2025-10": (0.97, 0.74)}


def plan_month(g: Generator, month: str, ev_scale: float, amt_scale: float, exact: bool) -> list[dict]:
    deals: list[dict] = []
    other_mix = list(OTHER_NOV)
    g.rng.shuffle(other_mix)
    for key, (counts, amounts) in NOVEMBER.items():
        for group in GROUPS:
            n, target = counts[group], amounts[group]
            if not exact:
                n = max(1, int(round(n * ev_scale * g.rng.uniform(0.8, 1.2))))
                target = round(target * amt_scale * g.rng.uniform(0.7, 1.3), 2)
            fixed = None
            if key == "CN":
                countries = ["CN"]
            elif key == "US":
                countries = ["US"]
            else:
                countries = ["IL", "JP", "CA", "GB", "SG", "FR", "DE", "KR", "HK", "IN"]
                if exact:  # November: the exact country mix of the reference article
                    fixed, other_mix = other_mix[:n], other_mix[n:]
            deals.extend(g.cell(month, countries, group, n, target, fixed))
    return deals


def finish(g: Generator, month: str, deals: list[dict]) -> list[list[str]]:
    year, mon = map(int, month.split("-"))
    days = calendar.monthrange(year, mon)[1]
    # Layers: big deals go to models and compute, small domestic ones to applications.
    cny = []
    for d in deals:
        cny.append(_value_yi(g, month, d["amount"]))
    ranks = np.argsort(np.argsort(-np.array(cny)))
    rows = []
    for i, d in enumerate(deals):
        if ranks[i] < max(6, len(deals) // 12) and cny[i] > 0:
            layer = str(g.rng.choice(["模型层", "基础层"], p=[0.6, 0.4]))
        elif d["region"] == "domestic":
            layer = str(g.rng.choice(["应用层", "中间层", "模型层", "基础层"], p=[0.60, 0.14, 0.10, 0.16]))
        else:
            layer = str(g.rng.choice(["应用层", "中间层", "模型层", "基础层"], p=[0.42, 0.22, 0.18, 0.18]))
        region = d["region"]
        place = str(g.rng.choice(CN_PLACES)) if region == "domestic" else COUNTRY_TEXT[d["country"]]
        date = f"{month}-{int(g.rng.integers(1, days + 1)):02d}"
        rows.append([g.company(region), date, d["round"], d["amount"], g.investors(region), place,
                     str(g.rng.choice(SECTORS[layer])), layer])
    order = sorted(range(len(rows)), key=lambda i: (rows[i][1], i))
    return [rows[i] for i in order]


def _value_yi(g: Generator, month: str, text: str) -> float:
    from narrator.ingest.amounts import parse_amount

    parsed = parse_amount(text, "CNY", g.estimates)
    if parsed.value is None:
        return 0.0
    rate = 1.0 if parsed.currency == "CNY" else g.fx[(month, parsed.currency)]
    return parsed.value * rate / 1e8


def main() -> None:
    g = Generator(SEED)
    OUT.mkdir(parents=True, exist_ok=True)
    for month in list(EARLIER) + ["2025-11"]:
        if month == "2025-11":
            deals = plan_month(g, month, 1, 1, exact=True)
        else:
            deals = plan_month(g, month, *EARLIER[month], exact=False)
        rows = finish(g, month, deals)
        # Realistic export noise, each quarantined by narrator with its reason.
        if month == "2025-11":
            twin = next(r for r in rows if r[5] != "美国" and "万人民币" in r[3])
            dup = list(twin)
            dup[1] = f"{month}-{min(int(twin[1][-2:]) + 4, 30):02d}"
            rows.append(dup)
        if month == "2025-09":
            rows.append(["栖川智能", "2025-09-31", "天使轮", "数百万人民币", "远澜资本", "北京", "企业服务", "应用层"])
        with open(OUT / f"aigc_deals_{month}.csv", "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(HEADER)
            writer.writerows(rows)
        print(f"{month}: {len(rows)} rows")


if __name__ == "__main__":
    main()
