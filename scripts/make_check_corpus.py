"""Build tests/check_corpus.jsonl: labelled sentences for measuring the checker.

Correct lines come from narrator's own articles for every sample month (each figure is
marked with the fact it states); each error kind is planted into copies of them with a
fixed seed, so the label is known by construction:
  digit, magnitude (万↔亿), unit, qualifier, wrong_place, month, derived.
Hand-labelled lines from the reference article are appended (kind "seed").

Run: python scripts/make_check_corpus.py
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from narrator.compose import compose
from narrator.config import Settings
from narrator.facts import compute_facts
from narrator.ingest import ingest
from narrator.markup import FACT_CLOSE, FACT_MID, FACT_OPEN, strip_markers
from narrator.resources import sample_data_dir

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "check_corpus.jsonl"
FACT_RE = re.compile(f"{FACT_OPEN}([^{FACT_MID}]*){FACT_MID}([^{FACT_CLOSE}]*){FACT_CLOSE}")
SEED_LINES = [  # (text, label) from the reference article, labelled by hand
    ("区域结构:中国主导“事件密度”，美国主导“资金规模”。中国贡献了71.8%的融资事件，但仅贡献7.6%的融资金额。", "seed"),
    ("美国:融资金额约1,631.80亿元人民币，占全球融资金额的88%以上。", "seed"),
    ("全球:天使轮与A轮合计占事件数过半", "seed"),
    ("股权投资 / 战略投资:约123起，为事件数量最多的轮次类型。", "seed"),
    ("全球层面:11月全球AIGC赛道共发生297起融资事件，披露融资总额约1,855亿元人民币。", "correct"),
    ("国内:共发生214起，占全球约72.1%", "correct"),
    ("国外:融资金额约1,714亿元人民币，占全球92.4%", "correct"),
    ("中国:融资金额约140.94亿元人民币，占全球约7.6%", "correct"),
    ("其他国家及地区:合计融资金额不足全球的5%，主要由少数明星项目贡献。", "correct"),
    ("从事件数量维度看，中国贡献了全球七成以上的融资事件。", "correct"),
    ("D轮 / IPO / 战略级融资:贡献了当月超过65%的融资金额，是拉动全球融资规模的核心来源。", "correct"),
    ("天使轮 & A轮:虽然事件数量占比较高，但融资金额占比不足10%", "correct"),
]


def lines_with_facts(month: str, facts) -> list[str]:
    marked = compose(facts, Settings(), charts=False).marked
    return [line for line in marked.splitlines() if FACT_RE.search(line) and not line.startswith("#")]


def mutate(line: str, kind: str, facts, rng: random.Random, month: str) -> str | None:
    """Plant one error of ``kind`` into a marked line; None when the line has no place for it."""
    spots = list(FACT_RE.finditer(line))
    rng.shuffle(spots)
    for m in spots:
        fid, shown = m.group(1), m.group(2)
        fact = facts.get(fid)
        if fact is None or (not isinstance(fact.value, (int, float)) and kind != "month"):
            continue
        new = None
        if kind == "digit" and re.search(r"\d", shown):
            digits = [i for i, ch in enumerate(shown) if ch.isdigit()]
            i = rng.choice(digits)
            new = shown[:i] + str((int(shown[i]) + rng.randint(1, 9)) % 10) + shown[i + 1:]
            if re.match(r"^0\d", new.lstrip("约")):
                continue
        elif kind == "magnitude" and fact.unit == "亿元" and ("亿元" in shown or "万元" in shown):
            new = shown.replace("亿元", "万元") if "亿元" in shown else shown.replace("万元", "亿元")
        elif kind == "unit":
            if fact.unit == "%" and shown.endswith("%") and not re.search("环比|同比", line):
                new = shown[:-1] + "个百分点"
            elif fact.unit == "亿元" and shown.endswith("亿元"):
                new = shown[:-2] + "亿美元"
            elif fact.unit == "起" and shown.endswith("起") and fact.value > 0:
                new = shown[:-1] + "%"
        elif kind == "qualifier" and re.fullmatch(r"[\d,.]+(%|起|亿元)", shown):
            stated = float(re.sub(r"[^\d.]", "", shown))
            new = ("不足" + shown) if fact.value >= stated else ("超过" + shown)
        elif kind == "wrong_place" and fact.unit in ("%", "起", "亿元") and not fid.startswith(("deal.", "investor.")):
            others = [f for f in facts.facts.values() if f.unit == fact.unit and f.metric == fact.metric
                      and f.id != fid and f.display != shown and abs(f.value - fact.value) > max(1.0, 0.05 * abs(fact.value))
                      and not f.scope.startswith(("deal.", "investor.", "stage.", "sector.", "month."))]
            if others:
                new = rng.choice(others).display
        elif kind == "month" and fid in ("report.month", "report.month_short"):
            mm = int(month[5:])
            wrong = (mm + 5) % 12 + 1
            new = shown.replace(f"{mm}月", f"{wrong}月")
        elif kind == "derived" and fact.unit in ("pp", "倍"):
            new = re.sub(r"[\d.]+", lambda d: f"{float(d.group(0)) + 4.0:.1f}", shown, count=1)
        if new and new != shown:
            return line[:m.start(2)] + new + line[m.end(2):]
    return None


def main() -> None:
    rng = random.Random(20251130)
    built = ingest(sample_data_dir())
    rows = []
    for month in sorted(built.events["month"].unique()):
        facts = compute_facts(built.events, month)
        for line in lines_with_facts(month, facts):
            rows.append({"month": month, "kind": "correct", "text": strip_markers(line)})
            for kind in ("digit", "magnitude", "unit", "qualifier", "wrong_place", "month", "derived"):
                bad = mutate(line, kind, facts, rng, month)
                if bad is not None:
                    rows.append({"month": month, "kind": kind, "text": strip_markers(bad)})
    rows += [{"month": "2025-11", "kind": kind, "text": text} for text, kind in SEED_LINES]
    with open(OUT, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["kind"]] = counts.get(row["kind"], 0) + 1
    print(f"{len(rows)} sentences: {counts}")


if __name__ == "__main__":
    main()
