"""Vocabulary grid: the checker on many writers' words for the same concept.

tests/vocabulary/vocab.json holds 649 variants of 28 concepts (全球, 融资金额, 环比增长, 中位数, 上月…),
written by a helper who never read the checker (its brief: tests/vocabulary/BRIEF.md). Each base
template below names its concepts; the grid puts one concept's variants in at a time (the others
keep their plain word), fills the figure slots with true values (the sentence must pass) and
then each slot with a confusable fact's value (the twin must be flagged), as the phrase bank does.

Run: python scripts/eval_vocabulary.py [--verbose]
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from eval_phrases import fill, siblings  # noqa: E402
from eval_prose import facts_for  # noqa: E402

from narrator.check import check_article  # noqa: E402

DEFAULT = {"global": "全球", "domestic": "国内", "overseas": "国外", "events": "融资事件", "events_metric": "融资事件数",
           "amount_metric": "融资金额", "mom_up": "环比增长", "mom_down": "环比下降", "share_of_global": "占全球的",
           "share_verb_amount": "拿下", "average": "平均单笔融资金额", "median": "中位数", "top_deal": "最大一笔交易",
           "top5": "前五大交易", "mega": "单笔不低于50亿元的交易", "early": "早期", "app_layer": "应用层",
           "model_layer": "模型层", "last_month": "10月", "this_month": "11月", "us": "美国", "mom_up_after": "的环比增幅",
           "investor_deals": "出手N次"}
T = [
 ("⟨this_month⟩⟨global⟩共发生{a}⟨events⟩，⟨amount_metric⟩{b}。", {"a": "global.events", "b": "global.amount"}),
 ("⟨domestic⟩发生{a}⟨events⟩，⟨share_of_global⟩{b}。", {"a": "domestic.events", "b": "domestic.events_share"}),
 ("⟨overseas⟩⟨amount_metric⟩为{a}，⟨share_of_global⟩{b}。", {"a": "overseas.amount", "b": "overseas.amount_share"}),
 ("⟨global⟩⟨amount_metric⟩⟨mom_up⟩{a}。", {"a": "global.mom_amount"}),
 ("⟨global⟩⟨events_metric⟩为{a}，⟨mom_up⟩{b}。", {"a": "global.events", "b": "global.mom_events"}),
 ("⟨domestic⟩⟨amount_metric⟩{a}，⟨mom_up⟩{b}。", {"a": "domestic.amount", "b": "domestic.mom_amount"}),
 ("⟨us⟩⟨share_verb_amount⟩全球{a}的融资金额。", {"a": "country.US.amount_share"}),
 ("⟨domestic⟩⟨average⟩为{a}。", {"a": "domestic.avg_amount"}),
 ("⟨overseas⟩⟨average⟩为{a}。", {"a": "overseas.avg_amount"}),
 ("全球单笔融资金额的⟨median⟩为{a}。", {"a": "global.median_amount"}),
 ("⟨top_deal⟩为{a}，⟨share_of_global⟩{b}。", {"a": "deal.global.1.amount", "b": "global.top1_share"}),
 ("⟨top5⟩合计占全球融资金额的{a}。", {"a": "global.top5_share"}),
 ("⟨mega⟩共{a}，合计占全球融资金额的{b}。", {"a": "global.mega_deals", "b": "global.mega_amount_share"}),
 ("⟨early⟩融资事件占全球的{a}，金额仅占{b}。", {"a": "round.早期.events_share", "b": "round.早期.amount_share"}),
 ("⟨app_layer⟩融资事件占全球的{a}，融资金额仅占{b}。", {"a": "layer.应用层.events_share", "b": "layer.应用层.amount_share"}),
 ("⟨model_layer⟩融资金额{a}，占全球的{b}。", {"a": "layer.模型层.amount", "b": "layer.模型层.amount_share"}),
 ("「远澜资本」⟨investor_deals⟩，位列国内第一。", {"a": "investor.domestic.1.deals"}),
 ("全球融资金额较⟨last_month⟩的{a}增长{b}。", {"a": "global.prev_amount", "b": "global.mom_amount"}),
 ("⟨this_month⟩⟨domestic⟩共发生{a}⟨events⟩。", {"a": "domestic.events"}),
 ("模型层⟨events_metric⟩⟨mom_down⟩{a}。", {"a": "layer.模型层.mom_events"}),
 ("全球⟨amount_metric⟩录得{a}⟨mom_up_after⟩。", {"a": "global.mom_amount"}),
]

def run(vocab: dict, ds: str = "sample-2025-11", verbose: bool = False) -> None:
    """Print, per concept, true sentences passed and false twins flagged."""
    facts = facts_for(ds)
    stats: defaultdict[str, Counter[str]] = defaultdict(Counter)
    lines = []
    for tmpl, slots in T:
        concepts = re.findall(r"⟨(\w+)⟩", tmpl)
        for c in dict.fromkeys(concepts):
            for variant in vocab.get(c, {}).get("variants", []) + [DEFAULT[c]]:
                variant = variant.replace("{", "").replace("}", "")
                t = tmpl
                for c2 in concepts:
                    t = t.replace(f"⟨{c2}⟩", variant if c2 == c else DEFAULT[c2])
                t = t.replace("N", "{a}") if c == "investor_deals" or "N" in t else t
                truth = {k: fill(facts.facts[s].display) for k, s in slots.items()}
                if c == "investor_deals" or "⟨investor_deals⟩" in tmpl:
                    truth = {k: v.rstrip("次") for k, v in truth.items()}
                try:
                    text = t.format(**truth)
                except (KeyError, IndexError):
                    continue
                probs = check_article(text, facts).problems
                stats[c]["true"] += 1
                if probs:
                    stats[c]["rej"] += 1
                    lines.append(f"REJ [{c}:{variant}] {text} | {probs[0].text}: {probs[0].reason[:80]}")
                for key, fid in slots.items():
                    for other in siblings(fid, facts):
                        wrong = fill(facts.facts[other].display)
                        if "⟨investor_deals⟩" in tmpl:
                            wrong = wrong.rstrip("次")
                        if wrong == truth[key] or wrong == "持平":
                            continue
                        twin = t.format(**{**truth, key: wrong})
                        stats[c]["false"] += 1
                        if not check_article(twin, facts).problems:
                            stats[c]["miss"] += 1
                            lines.append(f"MISS [{c}:{variant}] {twin} | {key}={other}")
    for c, s in sorted(stats.items()):
        print(f"{c:20} true {s['true']-s['rej']}/{s['true']}  false flagged {s['false']-s['miss']}/{s['false']}")
    tot = sum((s for s in stats.values()), Counter())
    print(f"TOTAL true {tot['true']-tot['rej']}/{tot['true']}  false flagged {tot['false']-tot['miss']}/{tot['false']}")
    if verbose:
        print("\n".join(lines))

if __name__ == "__main__":
    run(json.loads((ROOT / "tests" / "vocabulary" / "vocab.json").read_text(encoding="utf-8")), verbose="--verbose" in sys.argv)
