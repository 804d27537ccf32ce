"""Counts: deals, events and investors' deals (起/笔/次), and cardinals of listed items.

Split from the binders because counts follow their own rules: a count of the data (297起,
出手32次) binds to a fact, while a small cardinal (三笔交易, 前三大, 两家机构, 前十大交易中有七笔
来自国内) counts items the sentence lists, or deals of the ranking, and is checked against them.
"""

from __future__ import annotations

import re
from typing import Any

from .amounts import AmountBinders
from .binding import _MONTH_DIFFERENCE_RE, _REST_OF_TOP_RE, NOW_AFTER_RE, _from_figure
from .clauses import CLAUSE_SPLIT, MEGA_SAID_RE, THRESHOLD_RE, scope_for, sentence
from .meaning import layer_count, listed_count
from .reading import RawMention, cn_to_number, rank_number
from .report import Add, BoundBy, Qualifier, Verdict
from .verdicts import fits

# 前三大交易里有两笔在国内 / 前十大交易中有七笔来自国内: deals of the ranking in one region.
TOP_IN_REGION_BEFORE_RE = re.compile(r"前(?P<n>\d{1,2}|[两二三四五六七八九十])(?:大|笔)(?:交易|融资)?(?:里|中|当中|之中)?(?:共有|有|共)?$")
TOP_IN_REGION_AFTER_RE = re.compile(r"^(?:交易|项目)?(?:都|均)?(?:在|来自|属于|落在|发生在|是|为)(?P<where>国内|国外|海外|境外)")


# 三家合计70次: the cardinal is followed by their sum
_INVESTOR_VERB_RE = re.compile(r"(?:参与|参投|领投|跟投)了?(?:约|近|超过|逾)?$")
_SUMMED_RE = re.compile(r"(?:机构|公司|交易)?(?:合计|共计|一共|总共|加起来|累计|共)")


class Counting(AmountBinders):
    """Binders for counts and checks of cardinals, mixed into the Checker."""

    month: str

    def _check_rank(self, text: str, m: re.Match[str], add: Add) -> None:
        """前三大交易 / 前五家: a rank must agree with the items the sentence lists, if it lists any."""
        word = m.group("n") or m.group("n3") or m.group("n2")
        n = int(word) if word.isdigit() else cn_to_number(word)
        before, after, _ = self._context(text, m.start(), m.end())
        if re.match(r"大(?:产业)?层", after):  # 五大层级: the data has a fixed number of layers
            layers = layer_count(self.facts)
            ok = not layers or n == layers
            add(m.start(), m.end(), n, "rank", "eq", None, Verdict.IGNORED if ok else Verdict.WRONG,
                "the data's layers" if ok else f"数据中有{layers}个产业层级，文中写{m.group(0)}大层级")
            return
        segment = re.split(r"[；;]", before)[-1] + re.split(r"[；;。]", after, maxsplit=1)[0]
        # 前五大交易 counts deals: an investor named beside them (Sequoia Capital投的Lab42) is not one
        names = self.deal_by_name if re.match(r"大?(?:交易|单|笔)", after) else self.name_facts
        listed = listed_count(segment, after, names)
        heading = re.match(r"[大家名位笔强]?(?:交易|机构|投资方)?[*\s]*[：:][*\s]*\n", text[m.end():])
        if heading:
            # 前两大交易：\n - 「A」…\n - 「B」…\n - 「C」…: the bullet lines under the heading are the list
            lines = re.match(r"(?:[ \t]*[-*•][^\n]*(?:\n|$))+", text[m.end() + heading.end():])
            listed = listed_count(lines.group(0), after, names) if lines else listed
        # A→B→C, then 前两家合计…: a selection of items listed before the rank, not their count.
        earlier = listed_count(re.split(r"[；;]", before)[-1], after, names)
        following = listed_count(re.split(r"[，,；;。]", after, maxsplit=1)[0], after, names)
        if following is None and (m.group("n") or m.group("n3")) and re.match(r"[大家名位笔]?(?:交易|机构|投资方)?(?:合计|共计|一共|总共|加起来|累计|共|之间|的(?:合计|总和|之和))", after):
            # 「A」…；「B」「C」分别为20次和18次。前三家合计出手70次: the ranking's first N, not the
            # items just listed (a sum of them is checked as a figure)
            add(m.start(), m.end(), n, "rank", "eq", None, Verdict.IGNORED, "a rank (前N) of the ranking")
            return
        selecting = re.match(r"(?:大|笔)?(?:交易|融资)?(?:中|里|当中|之中)(?:有|共有)", after) is not None  # 前3大交易中有两笔…
        if n is None or listed is None or n == listed or selecting or (earlier is not None and n < earlier) \
                or (n > listed and not re.match(r"[大家名位笔]?(?:交易|机构|投资方|公司|企业)?(?:依次|分别|包括|有|[为是：:（(\s])*[「“]", after)
                    and (n in self._names_around(text, m.start(), m.end(), after) or self._ranking_named(text, m.end() + len(after), n, segment))):
            add(m.start(), m.end(), n, "rank", "eq", None, Verdict.IGNORED, "a rank (前N)")
            return
        add(m.start(), m.end(), n, "rank", "eq", None, Verdict.WRONG, f"句中列出了{listed}项，文中写{m.group(0)}")

    def _check_cardinal(self, text: str, raw: RawMention, add: Add) -> bool:
        """三笔交易 / 两家机构 / 三个层级: the count of items the sentence lists. True when handled."""
        if raw.value > 10:
            return False  # 二百余起: a count of the data, not of listed items
        before, after, _ = self._context(text, raw.start, raw.end)
        if raw.value < 2 or re.search(r"(每|后|前)$", before) or raw.text.startswith(("前", "后")) or raw.tail \
                or re.search(r"[一二两三四五六七八九十\d]+(?:天|周|个月)$", before):  # 差不多两天一次
            add(raw.start, raw.end, raw.value, raw.unit, "eq", None, Verdict.IGNORED,
                "一笔/每三起/后两家: a phrase, not a count of the data")
            return True
        segment = re.split(r"[；;]", before)[-1] + re.split(r"[；;。]", after, maxsplit=1)[0]
        # 超过50亿元的交易有两笔 / 两笔50亿元以上的交易: a threshold before the count or describing
        # the counted deals; not 两笔合计超过310亿元, where the amount is the sum of the two.
        if re.match(r"(笔|起)", raw.unit) and re.search(r"交易|项目|融资|大单", segment) \
                and self._deals_over_threshold(raw, re.split(r"[；;]", before)[-1], after, add):
            return True
        if raw.unit == "项" and not re.match(r"(交易|项目|融资)", after):
            add(raw.start, raw.end, raw.value, raw.unit, "eq", None, Verdict.IGNORED, "两项占比: a pronoun, not a count")
            return True
        bracketed = re.match(r"[（(]([^（）()]{2,80})[）)]", after)
        if bracketed and (listed_here := listed_count(bracketed.group(1), after, self.name_facts)) is not None:
            # 一家就比后面两家（「B」「C」）加起来还多: the bracket lists what the cardinal counts
            ok = listed_here == int(raw.value)
            add(raw.start, raw.end, raw.value, raw.unit, "eq", None, Verdict.OK if ok else Verdict.WRONG,
                "" if ok else f"括号中列出了{listed_here}项，文中写{raw.text}", BoundBy.RECOMPUTED if ok else BoundBy.NONE)
            return True
        if raw.unit in ("家", "位", "名") and self._names_right_before(before):
            pass  # 「A」15次、「B」13次、「C」12次，三家差距不大: the names just listed
        elif not re.match(r"(?:国内|国外|海外|境外)?(?:活跃|头部|主要|最活跃的?|产业)?(交易|大单|机构|企业|公司|层级|层|项目|投资方|国家|地区|合计|共|均|都|分别|中|里|的|之和|加起来|加在一起|合起来|最|较|，|、|。|：)", after) \
                and not re.search(r"(这|上述|以上|上面)$", before):
            return False
        same = re.match(r"[^，,；;。\d合共总]{0,16}?(?:同为|均为|都是|都为|皆为|同样是|都|(?P<least>出手达到?|出手不少于|达到?|不少于))(\d+)次", after)
        if same and self._names_right_before(before) == int(raw.value):
            same = None  # 「A」「B」「C」三家均为9次: the cardinal counts the names just listed (their 次 is checked on its own)
        if same and (raw.unit in ("家", "位") or re.match(r"(?:国内|国外|海外)?(?:机构|投资方)", after)):
            # 三家国内机构的出手次数同为12次: how many investors of the ranking made that many deals
            regions = [r for w, r in (("国内", "domestic"), ("国外", "overseas"), ("海外", "overseas")) if w in segment.replace("国内外", "")] \
                or ["domestic", "overseas"]  # (国内外: both)
            ranked = [d for r in dict.fromkeys(regions) for d in (self.facts.value(f"investors.{r}.top") or [])]
            times = int(same.group(2))

            def reaches(investor: dict[str, Any]) -> bool:  # (出手达15次: at least that many; 同为12次: exactly)
                return int(investor["deals"]) >= times if same.group("least") else int(investor["deals"]) == times
            if re.search(r"各有?$", before) and len(regions) == 1 and "国内外" in segment:
                regions = ["domestic", "overseas"]
            if re.search(r"各有?$", before) and len(regions) == 2:
                # 国内外各有两家机构出手不少于13次: the count in each region
                per = [sum(1 for d in (self.facts.value(f"investors.{r}.top") or []) if reaches(d)) for r in regions]
                ok = all(n == int(raw.value) for n in per)
                add(raw.start, raw.end, raw.value, raw.unit, "eq", None, Verdict.OK if ok else Verdict.WRONG,
                    "" if ok else f"国内、国外分别有{per[0]}家、{per[1]}家，文中写{raw.text}", BoundBy.RECOMPUTED if ok else BoundBy.NONE)
                return True
            if ranked and min(int(d["deals"]) for d in ranked) < times:
                n = sum(1 for d in ranked if reaches(d))
                ok = n == int(raw.value)
                add(raw.start, raw.end, raw.value, raw.unit, "eq", None, Verdict.OK if ok else Verdict.WRONG,
                    "" if ok else f"出手{times}次的机构有{n}家，文中写{raw.text}", BoundBy.RECOMPUTED if ok else BoundBy.NONE)
                return True
        if re.match(r"个?(?:产业)?层", after) or "层级" in after[:3]:
            layers = layer_count(self.facts)
            if int(raw.value) == layers:  # 四个层级中…最低: all the layers the data has
                add(raw.start, raw.end, raw.value, raw.unit, "eq", None, Verdict.OK, "", BoundBy.RECOMPUTED)
                return True
            if layers and int(raw.value) > layers:  # 五个产业层级: more than the data has
                add(raw.start, raw.end, raw.value, raw.unit, "eq", None, Verdict.WRONG, f"数据中有{layers}个产业层级，文中写{raw.text}")
                return True
        right_before = self._names_right_before(before)
        listed = right_before or listed_count(segment, after, self.name_facts)
        if re.match(r"[^，,；;。\n]{0,6}[*\s]*[：:][*\s]*\n", text[raw.end:raw.end + 12]):
            # 四笔大单：\n🥇「A」…\n🥈「B」…: the lines under the heading, to the next numbered point
            block = re.match(r"(?:(?!\s*\d{1,2}[）).、]|\s*\n)[^\n]*\n?)+", text[raw.end + text[raw.end:].index("\n") + 1:])
            listed = listed_count(block.group(0), after, self.name_facts) if block else listed
        elif re.search(r"(?:以下|如下|下列|下面|下述)的?$", before):
            # 以下四笔交易值得关注：「A」…；「B」…: the items that follow, to the end of the paragraph
            stop = text.find("\n\n", raw.end)
            listed = listed_count(text[raw.end:stop if stop >= 0 else len(text)], after, self.name_facts) or listed
        if listed is None and re.search(r"(这|上述|以上|上面)$", before):
            block_start = max(text.rfind("\n\n", 0, raw.start), 0)
            listed = listed_count(text[block_start:raw.start], after, self.name_facts)
            if listed is None and re.fullmatch(r"[\s*\-]*(?:这|上述|以上|上面)", text[block_start:raw.start]):
                # 「A」…\n- 「B」…\n\n以上三笔交易合计…: the paragraph opens on them, the list is the one before
                previous = max(text.rfind("\n\n", 0, block_start), 0)
                listed = listed_count(text[previous:block_start], after, self.name_facts)
        if listed is None:
            if re.search(r"超大额|门槛", segment):
                return False  # 超大额交易共两笔: a fact (mega_deals) to check
            add(raw.start, raw.end, raw.value, raw.unit, "eq", None, Verdict.IGNORED, "a cardinal with no list to check")
            return True
        if right_before is not None and int(raw.value) > listed and _SUMMED_RE.match(after) \
                and listed_count(segment, after, self.name_facts) == int(raw.value):
            listed = int(raw.value)  # 「A」32次，领先于「B」和「C」，三家合计70次: the list began before the verb
        if (right_before is None or _SUMMED_RE.match(after)) \
                and int(raw.value) > listed and int(raw.value) in self._names_around(text, raw.start, raw.end, raw.unit + after):
            listed = int(raw.value)  # 「A」…。「B」、「C」…，三笔均来自美国: the list began a sentence earlier
        verdict = Verdict.OK if int(raw.value) == listed else Verdict.WRONG
        add(raw.start, raw.end, raw.value, raw.unit, "eq", None, verdict,
            "" if verdict == Verdict.OK else f"句中列出了{listed}项，文中写{raw.text}",
            BoundBy.RECOMPUTED if verdict == Verdict.OK else BoundBy.NONE)
        return True

    def _deals_over_threshold(self, raw: RawMention, statement: str, after: str, add: Add) -> bool:
        """超过50亿元的交易有两笔 / 单笔超过百亿元的交易共有四笔 / 单笔50亿元以上的交易共3笔: the deals
        of the ranking above the stated level, when the ranking reaches below it. True when judged."""
        level_re = r"(\d[\d,.]*|百|千)亿元"
        threshold = re.search(rf"(?:超过|超|高于|大于|不低于|逾){level_re}|{level_re}(?:及)?以上", statement) \
            or re.match(rf"[^，,；;。]{{0,6}}?(?:超过|超|高于|不低于|逾){level_re}(?=的)|[^，,；;。]{{0,6}}?{level_re}(?:及)?以上", after)
        if threshold is None:
            return False
        word = next(g for g in threshold.groups() if g)
        level = {"百": 100.0, "千": 1000.0}.get(word) or float(word.replace(",", ""))
        deals = self.facts.value("deals.global.top") or []
        if not deals or min(d["amount_cny_yi"] for d in deals) >= level:
            return False  # the list does not reach below the threshold: it cannot say how many are above
        strict = "不低于" not in threshold.group(0) and "以上" not in threshold.group(0)
        n = sum(1 for d in deals if (d["amount_cny_yi"] > level if strict else d["amount_cny_yi"] >= level))
        ok = int(raw.value) == n
        add(raw.start, raw.end, raw.value, raw.unit, "eq", None, Verdict.OK if ok else Verdict.WRONG,
            "" if ok else f"单笔{threshold.group(0)}的交易有{n}笔，文中写{raw.text}", BoundBy.RECOMPUTED if ok else BoundBy.NONE)
        return True

    def _bind_count(self, text: str, raw: RawMention, qualifier: Qualifier, tol: float, add: Add) -> None:
        before, after, label = self._context(text, raw.start, raw.end)
        clause = CLAUSE_SPLIT.split(before)[-1]
        rest = _REST_OF_TOP_RE.search(before)
        if rest and not re.search(r"[，,]", before[rest.end():]) and not re.search(r"\d", before[rest.end():]):  # 前5笔以外的5笔超大额交易: what the top N leave of the mega deals (or of all deals)
            mega_said = "超大额" in after[:8] or MEGA_SAID_RE.search(sentence(before)[:rest.start() - len(before) + len(sentence(before))])
            whole = self.facts.get("global.mega_deals" if mega_said else "global.events")  # ≥50亿元的共10笔…；前5笔之外的另外5笔
            if whole is not None:
                left = int(whole.value) - rank_number(rest.group(1) or rest.group(2))
                ok = fits(left, raw.value, qualifier, tol, 0)
                add(raw.start, raw.end, raw.value, raw.unit, qualifier, None, Verdict.OK if ok else Verdict.WRONG,
                    "" if ok else f"{whole.label}为{whole.display}，前{rank_number(rest.group(1) or rest.group(2))}笔以外应为{left}笔，文中写{raw.text}",
                    BoundBy.RECOMPUTED if ok else BoundBy.NONE)
                return
        if raw.unit == "笔" and before.endswith("前") and self.facts.get(f"global.top{int(raw.value)}_count") is None:
            ranking = self.facts.value("deals.global.top") or []
            if 1 < raw.value <= len(ranking):  # 前3笔交易合计159.81亿元: a window of the ranking, not a count
                add(raw.start, raw.end, raw.value, raw.unit, qualifier, None, Verdict.IGNORED, "a rank (前N笔)")
                return
        if raw.unit in ("笔", "起") and re.search(r"单笔|交易|大单", clause) and "超大额" not in before \
                and self._deals_over_threshold(raw, clause, after, add):
            return  # 单笔50亿元以上的交易共3笔
        events, mega = self.facts.get("global.events"), self.facts.get("global.mega_deals")
        tops = re.findall(r"前(\d+)笔", sentence(before))
        if re.search(r"(?:其余|剩余|剩下的?)的?$", clause) and mega is not None and tops and re.match(r"[^，,；;。]{0,4}超大额", after):
            left = int(mega.value) - int(tops[-1])  # 前5笔占45.5%，其余5笔超大额交易: the mega deals less the top N
            ok = fits(left, raw.value, qualifier, tol, 0)
            add(raw.start, raw.end, raw.value, raw.unit, qualifier, None, Verdict.OK if ok else Verdict.WRONG,
                "" if ok else f"超大额交易共{int(mega.value)}笔，前{tops[-1]}笔以外应为{left}笔，文中写{raw.text}",
                BoundBy.RECOMPUTED if ok else BoundBy.NONE)
            return
        if re.search(r"(?:其余|剩余|剩下的?)的?$", clause) and events is not None and mega is not None \
                and re.search(r"超大额|不低于\d|以上的?(?:交易|\d+笔|[两二三四五六七八九十]+笔)", sentence(before) + self._linked_sentence(text, raw.start)) \
                and not re.match(r"[^，,；;。]{0,4}超大额", after):
            left = int(events.value) - int(mega.value)  # 超大额交易10笔…，其余287起事件: what the mega deals leave
            ok = fits(left, raw.value, qualifier, tol, 0)
            add(raw.start, raw.end, raw.value, raw.unit, qualifier, None, Verdict.OK if ok else Verdict.WRONG,
                "" if ok else f"超大额交易以外应为{left}起，文中写{raw.text}", BoundBy.RECOMPUTED if ok else BoundBy.NONE)
            return
        if re.search(r"(?:相当于|顶|抵|等于)[^，,；;。\d]{0,8}$", clause) and re.search(r"平均|体量|单笔|每笔|一笔", sentence(before)):
            # 国外一笔的平均体量，相当于国内二十多笔 / 一笔313.80亿元，顶国内376笔: a ratio, in deals
            ratios = self._named_ratios(sentence(before)) + self._stated_over_named(text, raw.start, before, "avg_amount")
            averages = [self.facts.get(f"{r}.avg_amount") for r in ("overseas", "domestic")]
            if re.search(r"国外|海外", sentence(before)) and "国内" in sentence(before) + after and all(averages):
                # 一笔国外融资抵得上约27笔国内融资: the two regions' average deals
                big, small = (float(f.value) for f in averages if f is not None)
                ratios += [big / small, small / big] if big > 0 and small > 0 else []
            ok = any(fits(r, raw.value, qualifier, tol, raw.value * 0.1) for r in ratios)
            if ratios:
                add(raw.start, raw.end, raw.value, raw.unit, qualifier, None, Verdict.OK if ok else Verdict.WRONG,
                    "" if ok else f"两者平均单笔之比约为{max(ratios):.1f}，文中写{raw.text}",
                    BoundBy.RECOMPUTED if ok else BoundBy.NONE)
                return
        scope = None if self._in_table(text, raw.start) else scope_for(before, label, self.facts)
        metric = "events"
        units: tuple[str, ...] = ("起",)
        ranked_sum = re.search(r"前(\d|[两二三四五六七八九十])(?:家|名|位)(?:机构)?(?:合计|共|加起来)?(?:出手)?的?(?:总和|之和|合计)?[（(]?$", clause)
        statement = re.split(r"[；;。]", before)[-1]
        if ranked_sum is None and re.search(r"合计|一共|共计|总共|加起来|累计|共(?!有)|之和|总和", clause) \
                and len(re.findall(r"\d\s*次", statement)) < 2:  # (「A」32次、「B」20次…合计: a sum of the listed)
            # 国内前三家机构，11月一共出手70次 / 三家国内机构合计出手70次 / 国外前三合计只有40次
            ranked_sum = re.search(r"前(\d|[两二三四五六七八九十])(?:家|名|位|强)?|(?<![前后第\d一二两三四五六七八九十])(\d|[两二三四五六七八九十])(?:家|强)(?!以)", statement)
            if ranked_sum is not None and not ranked_sum.group(1):
                ranked_sum = re.search(r"(\d|[两二三四五六七八九十])", ranked_sum.group(0))
        if ranked_sum is None and re.search(r"(?:国内|国外|海外)(?:为|是)?$", clause) and re.search(r"只看|仅看|单看", statement) \
                and not any(n in clause for n in self.investor_by_name):
            # 只看前三名则国内70次、国外40次: the ranking's first N named earlier in the statement
            ranked_sum = re.search(r"前(\d|[两二三四五六七八九十])(?:家|名|位|强|大)", statement)
        if raw.unit == "次" and ranked_sum:
            # 高于国外前三家的40次: the sum of the ranking's first N of that region
            region_words = re.findall(r"国内|国外|海外", clause) or re.findall(r"国内|国外|海外", statement)
            if "国内外" in statement and not re.findall(r"国内|国外|海外", clause.replace("国内外", "")):
                region_words = []  # 国内外前五大机构分别合计出手95次和58次: either region's ranking
            if len({w != "国内" for w in region_words}) > 1 and not re.findall(r"国内|国外|海外", clause):
                region_words = []  # 国内、国外…前五名分别合计: either region's ranking
            regions = ["overseas"] if region_words[-1:] in (["国外"], ["海外"]) else ["domestic"] if region_words else ["domestic", "overseas"]
            n = rank_number(ranked_sum.group(1))
            sums = [sum(int(d["deals"]) for d in (self.facts.value(f"investors.{r}.top") or [])[:n]) for r in regions]
            ok = any(fits(v, raw.value, qualifier, tol, 0) for v in sums)
            add(raw.start, raw.end, raw.value, raw.unit, qualifier, None, Verdict.OK if ok else Verdict.WRONG,
                "" if ok else f"前{n}家机构合计出手{sums[0]}次，文中写{raw.text}", BoundBy.RECOMPUTED if ok else BoundBy.NONE)
            return
        # 「远澜资本」参与了32起投资: an investor's count in 起 or 笔 is its 出手次数 all the same
        if raw.unit == "次" or "出手" in clause or _INVESTOR_VERB_RE.search(clause) and (
                re.search(r"机构|投资方|投资人|基金|资本|创投", clause) or any(n in sentence(before) for n in self.investor_by_name)):
            named = self._named(text, raw.start, self.investor_by_name, raw.value, qualifier, tol)
            investors = [f for f in self._candidates(("起",), None) if f.metric == "deals"]
            name_at = max((before.rfind(n) + len(n) for n in self.investor_by_name if n in before), default=-1)
            if named is not None and re.search(r"\d\s*次", before[name_at:]):
                # 「C」12次，前三名都是15次、13次、12次: the name already had its figure, so it is
                # not this one's subject; any investor the sentence names may be.
                said = sentence(before) + after.split("。", 1)[0]
                named, investors = None, [f for f in investors if any(
                    n in said for n, fids in self.investor_by_name.items() if f.id in fids)]
                # 第二、第三名也一一对应，均为13次和12次: the investors of the ranks the sentence names
                ranks = {rank_number(r) for r in re.findall(r"第(\d{1,2}|[一二三四五六七八九十])(?=[、和与及]|名|位)", sentence(before))}
                investors += [f for f in self._candidates(("起",), None) if f.metric == "deals"
                              and f.id.startswith("investor.") and int(f.id.split(".")[2]) in ranks]
            self._decide(add, raw.start, raw.end, raw.value, raw.unit, qualifier, named, investors,
                         tol, raw.value * 0.1, raw.text, pinned=named is not None)
            return
        elif raw.unit.startswith("个") and not re.search(r"国家|地区", after[:6]) and re.search(r"项目|公司|企业|交易", clause + after[:4]):
            pass  # 国内项目达到214个: deals counted in 个
        elif raw.unit.startswith("个") or raw.unit == "家" and "国家" in after[:4]:
            metric, units = "countries", ("count",)
        elif raw.unit == "笔" and re.search(r"(?:前|最大的?|头部|这|居前的?|排名前)$", clause):  # 前5笔 / 最大的5笔 / 这5笔
            claimed = self.facts.get(f"global.top{int(raw.value)}_count")
            self._decide(add, raw.start, raw.end, raw.value, raw.unit, qualifier, claimed, [], tol, raw.value * 0.1, raw.text)
            return
        elif NOW_AFTER_RE.search(before.rstrip()):
            pass  # 从上月的85起升至98起
        elif (re.search(r"上月|上个月|前一个?月|一个月前|上一个?月", clause) or self._about_prev_month(before, after)
              or _from_figure(clause, after)) and not _MONTH_DIFFERENCE_RE.search(before):
            metric = "prev_events"
        elif "未披露" in clause + after[:8]:
            metric = "undisclosed_events"
        elif re.search(r"(?:已|有)?披露(?:了)?(?:金额|融资额)的?$", clause):
            metric, scope = "disclosed_events", scope or "global"  # 按披露金额的244起计
        elif "模糊" in before or "估算" in clause:
            metric = "estimated_events"
        elif "超大额" in before or THRESHOLD_RE.search(clause) or re.match(r"[^，,；;。]*超大额", after) or re.match(
                r"\s*(?:单笔)?(?:金额)?(?:超过|超|高于|不低于|逾)?\s*\d[\d,.]*\s*亿元(?:及)?以上的?(?:交易|大单|融资)", after):
            metric, scope = "mega_deals", scope or "global"
        elif "其中国内" in clause or clause.endswith("其中国内"):
            pass
        if scope is None and metric in ("undisclosed_events", "estimated_events") and not self._in_table(text, raw.start):
            scope = "global"
        claimed = self.facts.get(f"{scope}.{metric}") if scope and metric != "deals" else None
        if claimed is None and scope == "country.CN":
            claimed = self.facts.get(f"domestic.{metric}")
        pool = self._candidates(units, None)
        if claimed is None and not self._in_table(text, raw.start):
            # Unscoped prose: bind by value only among facts of the metric the sentence is about,
            # so a wrong count does not pass because some unrelated count has that value.
            pool = [f for f in pool if f.metric == metric]
        self._decide(add, raw.start, raw.end, raw.value, raw.unit, qualifier, claimed, pool, tol, raw.value * 0.1, raw.text)

    def _bind_bare(self, text: str, raw: RawMention, add: Add) -> None:
        shown = raw.text.strip()
        for fact in self.facts.facts.values():
            if isinstance(fact.value, (int, float)) and fact.display.startswith(shown) and fact.unit != "list":
                rest = fact.display[len(shown):]
                if not rest or not rest[0].isdigit() and rest[0] not in ".,":
                    add(raw.start, raw.end, raw.value, "", "eq", fact.id, Verdict.OK, "bare figure equal to a fact's display")
                    return
        add(raw.start, raw.end, raw.value, "", "eq", None, Verdict.UNSUPPORTED, f"bare number {shown} matches no fact")

    def _names_around(self, text: str, start: int, end: int, after: str) -> set[int]:
        """Distinct names of the counted kind (investors for 家/机构, else deals) in the figure's
        whole sentence, and in it with the sentence before: a list a writer splits over clauses
        (「A」…；「B」和「C」…，三家合计) or over two sentences or items."""
        investors = bool(re.match(r"(?:家|位|名)|(?:大|个|位)?(?:机构|投资方|投资机构|投资人)", after))
        names = self.investor_by_name if investors else self.deal_by_name
        def sentence_start(pos: int) -> int:
            """Start of the non-empty sentence ending before ``pos`` (blank lines skipped)."""
            while pos > 0:
                cut = max(text.rfind(ch, 0, pos) for ch in "。！？\n")
                if cut < 0:
                    return 0
                if text[cut + 1:pos].strip():
                    return cut + 1
                pos = cut
            return 0
        here = sentence_start(start)
        earlier = [sentence_start(here - 1)] if here > 0 else []
        stop = min((i for i in (text.find("。", end), text.find("\n", end)) if i >= 0), default=len(text))

        def count(window: str) -> int:
            return len({n for n in names if n in window and not any(n != o and n in o and o in window for o in names)})
        return {count(text[here:stop]), count(text[(earlier[0] if earlier else 0):stop])}

    def _ranking_named(self, text: str, stop: int, n: float, segment: str) -> bool:
        """前三名拉开身位：「B」…、「C」…: the deals this sentence names are all in the top n, and the
        text so far has named every one of the top n (the first, a paragraph earlier)."""
        top = [str(d["company"]) for d in (self.facts.value("deals.global.top") or [])[:int(n)]]
        here = {name for name in self.deal_by_name if name in segment}
        return len(top) == n and bool(here) and here <= set(top) and all(name in text[:stop] for name in top)

    def _names_right_before(self, before: str) -> int | None:
        """「A」和「B」两家: the names listed right before a cardinal are what it counts (≥ 2, else None)."""
        count, end = 0, len(before)
        while True:
            # 「A」（10次）和「B」（9次）两家 / 「A」21次，「B」10次、「C」9次，三家
            glue = re.search(r"(?:[」“”\s、，,和与及以]|[（(][^（）()]{0,12}[）)]|\d[\d,.]*\s*(?:次|笔|起|亿元|万元|%))*$", before[:end])
            end = glue.start() if glue else end
            name = next((n for n in sorted(self.name_facts, key=len, reverse=True) if before[:end].endswith(n)), None)
            if name is None:
                break
            count, end = count + 1, end - len(name)
            end = end - 1 if before[end - 1:end] in ("「", "“") else end
        return count if count >= 2 else None

    def _top_in_region(self, text: str, raw: RawMention, add: Add) -> bool:
        """前三大交易里有两笔在国内: count the ranking's deals of that region. True when handled."""
        before, after, _ = self._context(text, raw.start, raw.end)
        top, where = TOP_IN_REGION_BEFORE_RE.search(before), TOP_IN_REGION_AFTER_RE.match(after)
        deals = self.facts.value("deals.global.top") or []
        if top is None or where is None or not deals:
            return False
        n = rank_number(top.group("n"))
        if not 0 < n <= len(deals):
            return False
        domestic = where.group("where") == "国内"
        counted = sum(1 for d in deals[:n] if (d.get("country") == "CN") == domestic)
        ok = fits(counted, raw.value, "eq", 0.5, 0)
        add(raw.start, raw.end, raw.value, raw.unit, "eq", None, Verdict.OK if ok else Verdict.WRONG,
            "" if ok else f"前{n}大交易中{where.group('where')}有{counted}笔，文中写{raw.text}",
            BoundBy.RECOMPUTED if ok else BoundBy.NONE)
        return True
