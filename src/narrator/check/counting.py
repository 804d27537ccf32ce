"""Counts: deals, events and investors' deals (起/笔/次); cardinals of listed items are in cardinals.py.

Split from the binders because counts follow their own rules: a count of the data (297起,
出手32次) binds to a fact, while a small cardinal (三笔交易, 前三大, 两家机构, 前十大交易中有七笔
来自国内) counts items the sentence lists, or deals of the ranking, and is checked against them.
"""

from __future__ import annotations

import re

from .binding import _MONTH_DIFFERENCE_RE, _REST_OF_TOP_RE, NOW_AFTER_RE, _from_figure
from .cardinals import Cardinals
from .clauses import CLAUSE_SPLIT, MEGA_SAID_RE, THRESHOLD_RE, scope_for, sentence
from .reading import RawMention, rank_number
from .report import Add, BoundBy, Qualifier, Verdict
from .verdicts import fits

# 「远澜资本」参与了32起投资: an investor taking part
_INVESTOR_VERB_RE = re.compile(r"(?:参与|参投|领投|跟投)了?(?:约|近|超过|逾)?$")


class Counting(Cardinals):
    """Binders for counts of the data, mixed into the Checker."""

    month: str


    def _bind_count(self, text: str, raw: RawMention, qualifier: Qualifier, tol: float, add: Add) -> None:
        before, after, label = self._context(text, raw.start, raw.end)
        clause = CLAUSE_SPLIT.split(before)[-1]
        if raw.unit in ("起", "笔") and re.match(r"的?(?:融资|事件|交易|项目)?(?:中|里|之中|当中)的?有?约?(?:\d|[两二三四五六七八九十])", after):
            # 对应297起中的98起 / 167起中有87起: the whole the next count is part of, a total of events
            totals = [f for f in self._candidates(("起",), None) if f.metric == "events"]
            self._decide(add, raw.start, raw.end, raw.value, raw.unit, qualifier, None, totals, tol, raw.value * 0.1, raw.text)
            return
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
                other = self._other_top_share(int(raw.value), after)
                add(raw.start, raw.end, raw.value, raw.unit, qualifier, None, Verdict.IGNORED if other is None else Verdict.WRONG,
                    "a rank (前N笔)" if other is None else f"{other}，文中写前{int(raw.value)}笔")
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
        if re.search(r"(?:相当于|顶|抵|等于|够)[^，,；;。\d]{0,8}$", clause) and re.search(r"平均|体量|单笔|每笔|一笔", sentence(before)):
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
        # (是前3国外机构（40次）的: the region may stand between the rank and 机构)
        ranked_sum = re.search(r"前(\d|[两二三四五六七八九十])(?:家|名|位|(?=(?:国内|国外|海外)?机构)|(?=[（(]$))(?:国内|国外|海外)?(?:机构)?(?:合计|共|加起来)?(?:出手)?的?(?:总和|之和|合计)?(?:则是|则为|是|为)?[（(]?$", clause)
        statement = re.split(r"[；;。]", before)[-1]
        if ranked_sum is None and re.search(r"合计|一共|共计|总共|加起来|累计|共(?!有)|之和|总和", clause + raw.pre) \
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
            if re.match(r"的(?:国内|国外|海外)?(?:活跃)?(?:机构|投资方)", after) and re.search(r"出手$", clause) and investors:
                # 出手12次的机构共有两家: a number of deals that describes investors, not one
                # investor's figure; the rankings hold every investor above their lowest count
                ok = any(fits(float(f.value), raw.value, qualifier, tol, 0) for f in investors)
                if ok or raw.value > min(float(f.value) for f in investors):
                    add(raw.start, raw.end, raw.value, raw.unit, qualifier, None, Verdict.OK if ok else Verdict.WRONG,
                        "" if ok else f"没有机构出手{raw.text}", BoundBy.RECOMPUTED if ok else BoundBy.NONE)
                    return
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
            following = re.match(r"的\s*[「“]([^」”]{1,40})[」”]", after)
            if following and following.group(1) in self.investor_by_name:
                # 其后为出手12次的「Accel」: the name right after 的 is the figure's subject
                own = [f for fid in self.investor_by_name[following.group(1)] if (f := self.facts.get(fid)) is not None]
                named = next((f for f in own if fits(f.value, raw.value, qualifier, tol, 0)), own[0] if own else named)
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
