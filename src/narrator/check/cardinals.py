"""Cardinals and ranks: 三笔交易, 前三大, 两家机构, 第二名, 前十大交易中有七笔来自国内.

A small cardinal counts items the sentence (or the list it introduces) names, or deals of the
ranking, and is checked against them; a rank is checked against the ranking it names.
Split from counting.py, which binds counts of the data (297起, 出手32次) to facts.
"""

from __future__ import annotations

import re
from typing import Any

from .amounts import AmountBinders
from .clauses import COUNTRY_WORDS, REGION_WORDS
from .meaning import layer_count, listed_count
from .reading import RawMention, cn_to_number, rank_number
from .report import Add, BoundBy, Verdict
from .verdicts import fits

# 前三大交易里有两笔在国内 / 前十大交易中有七笔来自国内: deals of the ranking in one region.
TOP_IN_REGION_BEFORE_RE = re.compile(r"(?:前|头部|最大的?)(?P<n>\d{1,2}|[两二三四五六七八九十])(?:大|笔)(?:交易|融资)?(?:里|中|当中|之中)?(?:共有|有|共)?$"
                                     r"|前(?P<n2>\d{1,2}|[两二三四五六七八九十])(?:大|笔)[^。；;]*?[，,]\s*其中(?:有|共有)?$")  # 前5笔合计27.1%，其中三笔…
TOP_IN_REGION_AFTER_RE = re.compile(r"^(?:交易|项目)?(?:都|均)?(?:在|来自|属于|落在|发生在|是|为)(?:(?P<where>国内|国外|海外|境外|中国(?!香港|台湾|澳门))|(?P<country>[^\W\d]{2,6}?)(?:公司|企业|项目)?(?=[，,；;。、：:（(\s]|$))")


# 出手12次的机构共有三家 / 出手不少于13次的国外机构有两家: the count of investors at a number of deals
_TIMES_BEFORE_RE = re.compile(r"出手(?:次数)?(?:(?P<least>达到?|不少于|不低于|至少|在)|(?P<above>超过|多于|高于|逾))?(?P<times>\d+)次(?P<least2>及以上|以上)?的(?:国内|国外|海外)?(?:活跃)?(?:机构|投资方)"
                              r"(?:共有|共计|一共有|一共|只有|仅有|有|为|共)?$")
# 三家合计70次: the cardinal is followed by their sum
_SUMMED_RE = re.compile(r"(?:机构|公司|交易)?(?:合计|共计|一共|总共|加起来|累计|共)")


class Cardinals(AmountBinders):
    """Checks of cardinals and ranks, mixed into the Checker (through Counting)."""

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
        other = self._other_top_share(int(n), after) if n and re.match(r"大?(?:交易|笔|单)", after) else None
        if other is not None:  # 前四大交易就占了45.5%: the top-5 share told for four
            add(m.start(), m.end(), n, "rank", "eq", None, Verdict.WRONG, f"{other}，文中写{m.group(0)}")
            return
        selecting = re.match(r"(?:大|笔)?(?:交易|融资)?(?:中|里|当中|之中)(?:有|共有)", after) is not None  # 前3大交易中有两笔…
        if n is None or listed is None or n == listed or selecting or (earlier is not None and n < earlier) \
                or (n > listed and not re.match(r"[大家名位笔]?(?:交易|机构|投资方|公司|企业)?(?:依次|分别|包括|有|[为是：:（(\s])*[「“]", after)
                    and (n in self._names_around(text, m.start(), m.end(), after) or self._ranking_named(text, m.end() + len(after), n, segment))):
            add(m.start(), m.end(), n, "rank", "eq", None, Verdict.IGNORED, "a rank (前N)")
            return
        if listed == 2 * n and re.search(r"国内外|两边|双方|国内[^。]*国外|国外[^。]*国内", segment):
            # 国内外前三名…：国内「A」「B」「C」…国外「D」「E」「F」: the first N on each side
            add(m.start(), m.end(), n, "rank", "eq", None, Verdict.IGNORED, "a rank (前N) of each region")
            return
        add(m.start(), m.end(), n, "rank", "eq", None, Verdict.WRONG, f"句中列出了{listed}项，文中写{m.group(0)}")

    def _check_cardinal(self, text: str, raw: RawMention, add: Add) -> bool:
        """三笔交易 / 两家机构 / 三个层级: the count of items the sentence lists. True when handled."""
        if raw.value > 10:
            return False  # 二百余起: a count of the data, not of listed items
        before, after, _ = self._context(text, raw.start, raw.end)
        if re.search(r"前$", before) and re.match(r"(?:交易)?(?:分别|依次)?(?:是|为|包括|：|:)", after) \
                and (named_after := listed_count(re.split(r"[。；;]", after)[0], after, self.deal_by_name)) is not None:
            # 前两笔分别是「A」…、「B」…和「C」…: the rank counts the deals it lists
            ok = named_after == int(raw.value)
            add(raw.start, raw.end, raw.value, raw.unit, "eq", None, Verdict.OK if ok else Verdict.WRONG,
                "" if ok else f"句中列出了{named_after}项，文中写前{raw.text}", BoundBy.RECOMPUTED if ok else BoundBy.NONE)
            return True
        if raw.value < 2 or re.search(r"(每|后|前)$", before) or raw.text.startswith(("前", "后")) or raw.tail \
                or re.search(r"[一二两三四五六七八九十\d]+(?:天|周|个月)$", before):  # 差不多两天一次
            add(raw.start, raw.end, raw.value, raw.unit, "eq", None, Verdict.IGNORED,
                "一笔/每三起/后两家: a phrase, not a count of the data")
            return True
        segment = re.split(r"[；;]", before)[-1] + re.split(r"[；;。]", after, maxsplit=1)[0]
        others = re.search(r"(?:另外|另|其余|其他|剩下的?|此外还有)$", before) is not None
        if others:  # 「A」之外，另外两笔大单「B」和「C」: only the names after the cardinal are counted
            segment = re.split(r"[；;。]", after, maxsplit=1)[0]
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
        elif not re.match(r"(?:国内|国外|海外|境外)?(?:活跃|头部|主要|最活跃的?|产业)?(交易|大单|机构|企业|公司|层级|层|项目|投资方|国家|地区|市场|出手|合计|共|均|都|分别|中|里|的|之和|加起来|加在一起|合起来|最|较|，|、|。|：|——|—)", after) \
                and not re.search(r"(这|上述|以上|上面)$", before) and not _TIMES_BEFORE_RE.search(before):
            return False
        same = re.match(r"[^，,；;。\d合共总]{0,16}?(?:同为|均为|都是|都为|皆为|同样是|都|各(?:出手)?|并列(?:出手)?|(?P<least>出手达到?|出手不少于|达到?|不少于))(\d+)次", after)
        # (「B」10次，「C」、「D」和「E」四家各出手9次: the names without a figure of their own are the ones counted)
        bare_names = self._names_right_before(before, figures=False) if same else None
        if same and self._names_right_before(before) is not None:
            same = None  # 「A」「B」「C」三家均为9次: the cardinal counts the names just listed (their 次 is checked on its own)
        # (出手12次的机构共有三家: the same count told the other way round)
        ahead = _TIMES_BEFORE_RE.search(before)
        # (出手超过15次的机构只有两家: strictly more, counted as at least one more)
        spec = (int(same.group(2)), same.group("least") is not None) if same else \
            (int(ahead.group("times")) + (1 if ahead.group("above") else 0),
             bool(ahead.group("least") or ahead.group("least2") or ahead.group("above"))) if ahead else None
        if spec and (raw.unit in ("家", "位") or re.match(r"(?:国内|国外|海外)?(?:机构|投资方)", after)):
            # 三家国内机构的出手次数同为12次: how many investors of the ranking made that many deals
            times, least = spec
            where = segment if same or re.search(r"国内|国外|海外", segment) else re.split(r"[。！？\n]", before)[-1] + segment
            regions = [r for w, r in (("国内", "domestic"), ("国外", "overseas"), ("海外", "overseas")) if w in where.replace("国内外", "")] \
                or ["domestic", "overseas"]  # (国内外: both)
            ranked = [d for r in dict.fromkeys(regions) for d in (self.facts.value(f"investors.{r}.top") or [])]

            def reaches(investor: dict[str, Any]) -> bool:  # (出手达15次: at least that many; 同为12次: exactly)
                return int(investor["deals"]) >= times if least else int(investor["deals"]) == times
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
                # (…「C」（9次）和「D」（9次）。其中有三家机构都是9次: of the investors just listed)
                among_listed = len(re.findall(rf"(?<![\d.]){times}次", "".join(re.split(r"[。！？\n]", text[:raw.start])[-2:])))
                ok = int(raw.value) in (n, among_listed) if not least else n == int(raw.value)
                add(raw.start, raw.end, raw.value, raw.unit, "eq", None, Verdict.OK if ok else Verdict.WRONG,
                    "" if ok else f"出手{'不少于' if least else ''}{times}次的机构有{n}家，文中写{raw.text}", BoundBy.RECOMPUTED if ok else BoundBy.NONE)
                return True
        if re.match(r"个?(?:产业)?层", after) or "层级" in after[:3]:
            layers = layer_count(self.facts)
            if int(raw.value) == layers:  # 四个层级中…最低: all the layers the data has
                add(raw.start, raw.end, raw.value, raw.unit, "eq", None, Verdict.OK, "", BoundBy.RECOMPUTED)
                return True
            if layers and int(raw.value) > layers:  # 五个产业层级: more than the data has
                add(raw.start, raw.end, raw.value, raw.unit, "eq", None, Verdict.WRONG, f"数据中有{layers}个产业层级，文中写{raw.text}")
                return True
        right_before = bare_names or self._names_right_before(before)
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
        if (right_before is None and not others or _SUMMED_RE.match(after) or re.match(r"[^，,；;。]{0,4}?(?:均|都|皆|全部|全都)", after)) \
                and int(raw.value) > listed and int(raw.value) in self._names_around(text, raw.start, raw.end, raw.unit + after):
            listed = int(raw.value)  # 「A」…。「B」、「C」…，三笔均来自美国: the list began a sentence earlier
        whole_sentence = re.split(r"[。！？\n]", before)[-1] + re.split(r"[。！？\n]", after, maxsplit=1)[0]
        if int(raw.value) * 2 == listed and re.search(r"国内外|两边|双方|各|国内[^。]*国外|国外[^。]*国内", whole_sentence):
            listed = int(raw.value)  # 国内外最活跃的三家机构…国内的「A」「B」「C」…国外的「D」「E」「F」: three on each side
        verdict = Verdict.OK if int(raw.value) == listed else Verdict.WRONG
        add(raw.start, raw.end, raw.value, raw.unit, "eq", None, verdict,
            "" if verdict == Verdict.OK else f"句中列出了{listed}项，文中写{raw.text}",
            BoundBy.RECOMPUTED if verdict == Verdict.OK else BoundBy.NONE)
        return True

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

    def _names_right_before(self, before: str, figures: bool = True) -> int | None:
        """「A」和「B」两家: the names listed right before a cardinal are what it counts (≥ 2, else None);
        with ``figures``, names each followed by a figure of its own count too."""
        count, end = 0, len(before)
        own_figure = r"|[（(][^（）()]{0,12}[）)]|\d[\d,.]*\s*(?:次|笔|起|亿元|万元|%)" if figures else ""
        while True:
            # 「A」（10次）和「B」（9次）两家 / 「A」21次，「B」10次、「C」9次，三家
            glue = re.search(rf"(?:[」“”\s、，,和与及以]{own_figure})*$", before[:end])
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
        # (国外前五大交易中有两笔来自中国香港: the ranking of the region named before it)
        framed = re.search(r"(国内|国外|海外|境外)$", before[:top.start()]) if top is not None else None
        deals = self.facts.value(f"deals.{REGION_WORDS[framed.group(1)] if framed else 'global'}.top") or []
        if top is None or where is None or not deals:
            return False
        n = rank_number(top.group("n") or top.group("n2"))
        if not 0 < n <= len(deals):
            return False
        word = where.group("where") or where.group("country")
        country = next((code for zh, code in COUNTRY_WORDS if word == zh), None)
        if word in ("国内", "中国", "国外", "海外", "境外"):
            domestic = word in ("国内", "中国")
            counted = sum(1 for d in deals[:n] if (d.get("country") == "CN") == domestic)
        elif country is not None:  # 前五大交易中有四笔来自美国
            counted = sum(1 for d in deals[:n] if d.get("country") == country)
        else:
            return False
        ok = fits(counted, raw.value, "eq", 0.5, 0)
        add(raw.start, raw.end, raw.value, raw.unit, "eq", None, Verdict.OK if ok else Verdict.WRONG,
            "" if ok else f"前{n}大交易中{word}有{counted}笔，文中写{raw.text}",
            BoundBy.RECOMPUTED if ok else BoundBy.NONE)
        return True

    def _deals_over_threshold(self, raw: RawMention, statement: str, after: str, add: Add) -> bool:
        """超过50亿元的交易有两笔 / 单笔超过百亿元的交易共有四笔 / 单笔50亿元以上的交易共3笔: the deals
        of the ranking above the stated level, when the ranking reaches below it. True when judged."""
        level_re = r"(\d[\d,.]*|百|千)亿元"
        # (超大额交易共10笔，其中单笔超过100亿元的交易有五笔: the level nearest the count)
        levels = list(re.finditer(rf"(?:超过|超|高于|大于|不低于|逾){level_re}|{level_re}(?:及)?以上", statement))
        threshold = (levels[-1] if levels else None) \
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

    def _other_top_share(self, n: int, after: str) -> str | None:
        """金额最大的前4笔交易金额占比是27.1%: the share stated for the first n deals is another
        window's (the data's top-5 share), not theirs; the finding, or None."""
        stated = re.match(r"[^。；;\d]{0,24}?(\d{1,2}(?:\.\d)?)%", after)
        if stated is None or re.search(r"「|分别|中|其", after[:stated.start(1)]):
            return None
        value = float(stated.group(1))
        own = self._top_share(n)
        if own is None or fits(own, value, "approx", 0.1, 0):
            return None
        for k in (1, 3, 5, 10):
            fact = self.facts.get(f"global.top{k}_share")
            if k != n and fact is not None and fits(float(fact.value), value, "approx", 0.05, 0):
                return f"{value:g}%是前{k}笔交易的占比（前{n}笔约为{own:.1f}%）"
        return None
