"""Shares: a figure in % (or 成, 每N起中M起) bound to the share it claims: of a named deal, of the
top N deals, of the mega deals, of what they leave, of the figure just stated, or of the subject
and measure its clause names (within a region when the sentence frames one)."""

from __future__ import annotations

import re

from .binding import _REST_OF_TOP_RE, _TOP_N_RE, Binders
from .clauses import (
    CLAUSE_SPLIT,
    MEGA_SAID_RE,
    REGION_WORDS,
    THRESHOLD_RE,
    scope_for,
    scope_of_clause,
    sentence,
    within_region,
)
from .measure import metric_word
from .ratios import percent_of_stated_figure
from .reading import rank_number
from .report import Add, BoundBy, Qualifier, Verdict
from .verdicts import fits

# 三者合计159.81亿元，占全球融资金额的19.9% / 101起，占全球60.5%: a share of the figure just stated.
_SHARE_OF_STATED_RE = re.compile(
    r"(?P<num>\d[\d,.]*)\s*(?P<unit>亿元|万元|起|笔)\s*[）)]?[^，,；;。\d]{0,6}(?:[，,][^，,；;。\d]{0,6})?[，,]\s*(?:约|合计|共|仅|则)?约?"
    r"所?占(?:到|比)?(?P<den>全球|国内|国外|海外|境外)?(?:市场)?(?:的)?(?:融资|投资)?(?:总)?(?P<what>金额|总额|融资额|资金|事件数?|事件总数|交易数)?的?"
    r"(?:比例|比重|份额)?(?:为|达|约为|约)?$")


# 其中国内80起，占早期项目的八成以上: a share of the round (or layer) the stated figure is part of.
_SHARE_OF_SCOPE_RE = re.compile(r"(?P<num>\d[\d,.]*)\s*(?P<unit>亿元|万元|起|笔)\s*[，,]\s*(?:约|仅|则)?占(?P<x>[^，,；;。\d的]{2,10}?)"
                                r"(?:项目|事件|融资|交易)?(?:数|金额|总额)?的?(?:比例|比重|份额)?(?:为|达|约为|约)?$")

# 占日本融资金额的92.2%: the whole a named deal's share is of.
_DEAL_WITHIN_RE = re.compile(r"(?:占|贡献了?|拿走了?|拿下了?)(?P<x>[^，,；;。\d占]{1,12}?)(?:的)?(?:全月|当月|本月)?(?:融资|投资)?(?:总)?(?:金额|资金|总额|融资额|盘子)?的?(?:比例|比重|份额)?(?:为|达|约为|约|高达)?$")



# The mega deals, however named: 超大额 / 单笔不低于50亿元 / 50.0亿元以上交易.
_MEGA_WORDS_RE = re.compile(r"超大额|单笔(?:金额|融资)?(?:不低于|超过|高于|达到|在|≥)|\d[\d,.]*\s*亿元(?:及)?以上(?:的)?(?:交易|大单)")


def _last_share(text: str) -> float | None:
    """The last share (N% / N.N%) a text states, or None."""
    found = re.findall(r"(\d{1,2}(?:\.\d+)?)\s*%", text)
    return float(found[-1]) if found else None


class ShareBinders(Binders):
    """The binder for shares, mixed into the Checker."""

    def _bind_share(self, text: str, start: int, end: int, stated: float, qualifier: Qualifier, tol: float, band: float,
                    add: Add, unit: str, metric_hint: str | None = None) -> None:
        before, after, label = self._context(text, start, end)
        shown = text[start:end]
        if any(fits(v, stated, "approx" if qualifier == "eq" else qualifier, tol + 0.05, band) for v in percent_of_stated_figure(before)):
            add(start, end, stated, unit, qualifier, None, Verdict.OK, "", BoundBy.RECOMPUTED)
            return  # 最大一笔也仅为全球第一大交易313.80亿元的约6.9%: the earlier figure over that one
        of_stated = self._share_of_stated(before, stated, qualifier, tol, band)
        if of_stated is not None and of_stated[0]:
            # (the fact with exactly that share, if one has it: a repair may then bind to it)
            add(start, end, stated, unit, qualifier, of_stated[2], Verdict.OK, "recomputed from the figure it follows",
                BoundBy.CLAUSE if of_stated[2] else BoundBy.RECOMPUTED)
            return
        # 合计159.81亿元，约占全球的29.9%: the share of that figure is known, so a share that is not
        # it may not pass merely because some other share has its value.
        if of_stated is not None and not of_stated[0] and _SHARE_OF_SCOPE_RE.search(before) and not _SHARE_OF_STATED_RE.search(before):
            add(start, end, stated, unit, qualifier, None, Verdict.WRONG, f"{of_stated[1]}，文中写{shown}")
            return  # (a share of a round's own count: no fact holds it, so none may be dictated)
        self._no_value_match_at = start if of_stated is not None else -1
        of_sum = re.search(r"(?:合计|共计|一共|总共)(?:出手)?(\d[\d,.]*)\s*(次|起|笔|亿元)[，,]\s*其中[^，,；;。]*$", sentence(before))
        if of_sum:  # 前三家合计70次，其中远澜资本一家就占了约46%: the named one's figure over the stated sum
            names = self.investor_by_name if of_sum.group(2) == "次" else self.deal_by_name
            part = self._named_facts_in(before[len(before) - len(of_sum.group(0)):], "deals" if of_sum.group(2) == "次" else "amount", names)
            summed = float(of_sum.group(1).replace(",", ""))
            if len(part) == 1 and summed > 0:
                self._judge_recomputed(add, start, end, stated, unit, qualifier, [part[0] / summed * 100], tol, band,
                                      f"按文中合计，其占比约为{part[0] / summed * 100:.1f}%，文中写{shown}")
                return
        scope = scope_for(before, label, self.facts, after)
        # (约占全球增量（332.78亿元）的79.3%: a bracket restating the whole)
        if re.search(r"占(?:全球|全部)?(?:的)?(?:增量|新增|增加额)的?(?:比例|比重)?(?:为|约为)?$",
                     re.sub(r"[（(][^（）()]*[）)]", "", CLAUSE_SPLIT.split(before)[-1])) and scope:
            # 国内贡献了263.98亿元，约占增量的79.3%: one subject's change over the world's
            mine, world = self._change(scope, "amount"), self._change("global", "amount")
            if mine is not None and world:
                value = mine / world * 100
                self._judge_recomputed(add, start, end, stated, unit, qualifier, [value], tol, band,
                                      f"其增量占全球增量的比例约为{value:.1f}%，文中写{shown}")
                return
        if scope == "global" and stated == 100.0 and qualifier in ("eq", "approx") and unit == "%":
            add(start, end, stated, unit, qualifier, None, Verdict.OK, "the whole of itself", BoundBy.RECOMPUTED)
            return  # | 全球 | 297起 | 100% |: the world's share of the world
        clause_before = CLAUSE_SPLIT.split(before)[-1]
        deal = self._named(text, start, self.deal_by_name)
        tops_at = max((m.end() for m in re.finditer(r"(?:前|最大的?|头部)\d+笔", before)), default=-1)
        name_at = max((before.rfind(n) for n in self.deal_by_name), default=-1)
        own_clause = re.split(r"[，,；;：:、。]", before)[-1]
        whole = _DEAL_WITHIN_RE.search(own_clause)
        subject_part = own_clause[:whole.start()] if whole else own_clause
        since_name = before[max((before.rfind(n) + len(n) for n in self.deal_by_name if n in before), default=0):]
        other_subject = not any(n in own_clause for n in self.deal_by_name) and any(
            (scope_of_clause(part, self.facts) or "").startswith(("country.", "domestic", "overseas"))
            for part in [subject_part] + re.split(r"[，,；;、]", since_name)[1:-1])  # 「P」…，带动日本…、占国外比重达23.5%
        if deal is not None and name_at > tops_at and not re.search(r"合计|共计|加起来|两者|二者|三者|[；;]", before[name_at:]) \
                and not other_subject and not re.search(r"CR\d|前\d|前[两二三四五六七八九十]", own_clause):
            within = scope_of_clause(whole.group("x"), self.facts) if whole else None
            total = self.facts.get(f"{within}.amount") if within and within != "global" else None
            deal_amount = self.facts.get(f"{deal.scope}.amount")
            if total is not None and deal_amount is not None and float(total.value) > 0:
                # 「Parallax Bio」一笔即占日本融资金额的92.2%: the deal's share of that whole
                value = float(deal_amount.value) / float(total.value) * 100
                self._judge_recomputed(add, start, end, stated, unit, qualifier, [value], tol, band,
                                      f"{deal.label}占{total.label}的比例约为{value:.1f}%，文中写{shown}")
                return
            share = self.facts.get(f"{deal.scope}.amount_share")
            if share is not None:
                self._decide(add, start, end, stated, unit, qualifier, share, self._candidates(("%",), None), tol, band,
                             shown, pinned=True)
                return
        later = re.search(r"后(两|二|三|\d)笔", clause_before)
        firsts = [rank_number(n) for n in re.findall(r"(?:前|这|上述|以上)(\d+|[两二三四五六七八九十])(?:笔|大)", sentence(before))]
        if later and firsts and (upper := self._top_share(max(firsts))) is not None \
                and (lower := self._top_share(max(firsts) - rank_number(later.group(1)))) is not None:
            # 前五大交易占27.1%；其中前三笔合计占19.9%，后两笔合计占7.2%: the top 5 less the top 3
            self._judge_recomputed(add, start, end, stated, unit, qualifier, [upper - lower], tol, band,
                                  f"后{later.group(1)}笔的占比按数据约为{upper - lower:.1f}%，文中写{shown}")
            return
        if re.search(r"最大的?那?一?笔|首笔交易|头号交易|第[一1]大交易|单笔最大|第[一1]笔|单一最大|最大单笔|第[一1]名|头名|榜首|(?i:top\s?1)(?!\d)", clause_before) or re.match(r"(?:仅|单单|光是|仅仅)?一笔(?:交易)?[，,]?就", sentence(before)):
            # 一笔交易，就拿走了全球16.9%: one deal taking a share is the largest one
            claimed = self.facts.get("global.top1_share")
            self._decide(add, start, end, stated, unit, qualifier, claimed, self._candidates(("%",), None), tol, band, shown,
                         pinned=True)
            return
        mega = self.facts.get("global.mega_amount_share")
        others = re.search(r"(?:其余|剩余|剩下)的?(\d*[起笔]?[^，,；;。\d]{0,10})$", before)
        top_in_sentence = re.findall(r"前(\d+)笔", sentence(before))
        if mega is not None and others and "超大额" in others.group(1) and top_in_sentence \
                and (top := self.facts.get(f"global.top{top_in_sentence[-1]}_share")) is not None:
            # 前5笔占45.5%，其余5笔超大额交易合计约占17.7%: the mega deals less the top N
            value = float(mega.value) - float(top.value)
            self._judge_recomputed(add, start, end, stated, unit, qualifier, [value], tol, band,
                                  f"前{top_in_sentence[-1]}笔以外的超大额交易占比按数据约为{value:.1f}%，文中写{shown}")
            return
        beyond_mega = re.search(r"(\d+|[两二三四五六七八九十]+)笔(?:交易|大单)?(?:之外|以外)的?[^。；;\d]{0,30}$", before)
        if mega is not None and beyond_mega and (count := self.facts.get("global.mega_deals")) is not None \
                and rank_number(beyond_mega.group(1)) == int(count.value) and not re.search(r"前\S?$", before[:beyond_mega.start()]):
            others = beyond_mega  # 这10笔之外的全部交易…只分享了约36.8%: the mega deals' complement
        elif mega is not None and (named_beyond := re.search(r"超大额(?:交易|大单)?(?:之外|以外)(的?[^。；;\d]{0,30})$", before)):
            others = beyond_mega = named_beyond  # 超大额交易以外的全部交易合计仅占36.8%
        if mega is not None and others and "超大额" not in others.group(1) and (others is beyond_mega or not re.search(r"除了?前|以外|之外", before[-24:])) \
                and re.search(r"超大额|不低于\d|以上的交易", sentence(before) + self._linked_sentence(text, start)):
            # 超大额交易合计占63.2%，其余287起事件只分得36.8%: what the mega deals leave
            value = 100.0 - float(mega.value)
            self._judge_recomputed(add, start, end, stated, unit, qualifier, [value], tol, band,
                                  f"超大额交易以外的占比应为{value:.1f}%，文中写{shown}")
            return
        prior = _last_share(sentence(before)[:others.start() - len(before) + len(sentence(before))] if others else "") \
            or (_last_share(self._linked_sentence(text, start)) if others else None)
        if others is None and re.match(r"的?(?:钱|资金|金额)?[^，,；;。\d]{0,8}(?:其余|剩余|其他|剩下)", after):
            # 最大一笔占7.3%，七成以上的钱分散在其余交易里: what the shares just stated leave
            # (of the largest share stated: 前5笔合计占27.1%，最大一笔占7.3% leaves 72.9% beyond the five)
            leaves = [min(100.0 - float(x) for x in re.findall(r"(\d{1,2}(?:\.\d+)?)\s*%", sentence(before)))] \
                if re.search(r"\d\s*%", sentence(before)) else []
            if leaves:
                self._judge_recomputed(add, start, end, stated, unit, qualifier, leaves, tol, band,
                                      f"前文占比之外应为{leaves[-1]:.1f}%左右，文中写{shown}")
                return
        if others and prior is not None and not re.search(r"除了?前|以外|之外", before[-24:]) \
                and scope_of_clause(others.group(1), self.facts) is None:
            # 前5笔占27.1%……也就是说，其余所有交易只分到约36.8%: what the share just stated leaves
            self._judge_recomputed(add, start, end, stated, unit, qualifier, [100.0 - prior], tol, band,
                                  f"前文占比为{prior:g}%，其余应为{100.0 - prior:.1f}%左右，文中写{shown}")
            return
        rest = _REST_OF_TOP_RE.search(before)
        if rest and (top := self.facts.get(f"global.top{rank_number(rest.group(1) or rest.group(2))}_share")) is not None:
            # 前5笔以外的5笔…合计占17.7%: what the top N leave, of the mega deals or of the whole month.
            mega = self.facts.get("global.mega_amount_share")
            outers = [float(mega.value)] if mega is not None and MEGA_SAID_RE.search(sentence(before)) else []
            values = [o - float(top.value) for o in outers + [100.0]]
            self._judge_recomputed(add, start, end, stated, unit, qualifier, values, tol, band,
                                  f"前{rank_number(rest.group(1) or rest.group(2))}笔以外的占比按数据应为{values[0]:.1f}%左右，文中写{shown}")
            return
        rest_of_top = re.search(r"除(?:了)?最大(?:的)?一笔(?:交易)?(?:之外|以外|外)?[，,]?\s*其[余他](\d+)笔[^。；;]*$", before)
        if rest_of_top:  # 除最大一笔之外，其余4笔合计28.6%: the top 5 less the top 1
            before = before[:rest_of_top.start()] + f"第2至第{int(rest_of_top.group(1)) + 1}笔" + before[rest_of_top.end():]
        within_top = re.search(r"前(\d+|[两二三四五六七八九十])笔(?:交易)?(?:中|里|当中)(?:的)?(?:其他|其余|另外|剩下)的?(\d+|[两二三四五六七八九十])笔[^。；;]*$", before)
        if within_top and 0 < rank_number(within_top.group(2)) < rank_number(within_top.group(1)):
            # 前5笔中其他4笔占28.6%: the last of the first five, after the ones told before
            first, rest_count = rank_number(within_top.group(1)), rank_number(within_top.group(2))
            before = before[:within_top.start()] + f"第{first - rest_count + 1}至第{first}笔" + before[within_top.end():]
        # (第4、5笔合计约占11.8%: two neighbouring ranks are a window too)
        span = re.search(r"第(\d+)(?:至|到|-|~|～|、|和|与)第?(\d+)(?:笔|大|名|位|的)[^。；;]*$", before)
        if span and re.match(r"第\d+[、和与]", span.group(0)) and (int(span.group(2)) != int(span.group(1)) + 1
                                                             or re.search(r"[，,「」“”]|分别", span.group(0))):
            span = None  # (第4、第5大交易「A」「B」分别占…，前5笔合计占45.5%: each its own; the window ends at its clause)
        if span and int(span.group(1)) > 1:
            # 第2至第5笔合计占28.6%: the top 5 less the top 1
            upper, lower = (self._top_share(int(span.group(k)) - (k == 1)) for k in (2, 1))
            if upper is not None and lower is not None:
                value = upper - lower
                self._judge_recomputed(add, start, end, stated, unit, qualifier, [value], tol, band,
                                      f"{span.group(0)[:8]}的占比按数据应为{value:.1f}%左右，文中写{shown}")
                return
        concentration = re.search(r"CR(\d{1,2})(?![\d])[^。；;，,]*$", before)
        if concentration:  # CR5为45.5% / CR3为33.6%: the top N deals' share of the month
            size = int(concentration.group(1))
            top = self.facts.get(f"global.top{size}_share")
            if (concentrated := self._top_share(size)) is not None:
                value = concentrated
                ok = fits(value, stated, qualifier, tol, band) or (top is None and fits(value, stated, "approx", tol + 0.05, band))
                add(start, end, stated, unit, qualifier, top.id if top is not None and ok else None, Verdict.OK if ok else Verdict.WRONG,
                    "" if ok else f"CR{size}按数据为{value:.1f}%，文中写{shown}",
                    (BoundBy.CLAUSE if top is not None else BoundBy.RECOMPUTED) if ok else BoundBy.NONE)
                return
        tops = [m.group(1) or m.group(2) for m in _TOP_N_RE.finditer(before)]
        mega_at = max((m.end() for m in _MEGA_WORDS_RE.finditer(before)), default=-1)
        top_at = max((m.end() for m in _TOP_N_RE.finditer(before)), default=-1)
        if tops and re.search(r"(?:" + _TOP_N_RE.pattern + r")[^。；;]*$", before) and top_at > mega_at:
            n = str(rank_number(tops[-1]))
            claimed = self.facts.get(f"global.top{n}_share")
            said_after = before[top_at:]
            # (金额最大的前4笔交易金额占比是27.1%: the first four's share, summed or not)
            top_sum = self._top_share(int(n)) if claimed is None and (re.search(r"合计|共计|总计|加起来|一共|累计|总共|之和", said_after)
                                                                      or re.match(r"(?:交易|大单)?的?(?:金额|融资额)?(?:占比|占)", said_after)
                                                                      or re.search(r"占比|占全球", said_after) and not re.search(r"中|里|其|第", said_after)) \
                and not re.search(r"分别|依次|「", said_after) else None
            if top_sum is not None:  # 排名前三的交易合计占33.6%: the ranking's first three, from the deal list
                self._judge_recomputed(add, start, end, stated, unit, qualifier, [top_sum], tol, band,
                                      f"前{n}笔交易的占比按数据约为{top_sum:.1f}%，文中写{shown}")
                return
            self._decide(add, start, end, stated, unit, qualifier, claimed, self._candidates(("%",), None), tol, band, shown,
                         pinned=True)
            return
        if "超大额" in before or THRESHOLD_RE.search(sentence(before)) or _MEGA_WORDS_RE.search(sentence(before)):
            # 超大额交易合计占63.2%: defined by the threshold, so not a sum of whatever figures precede it
            mega_deals, events = self.facts.get("global.mega_deals"), self.facts.get("global.events")
            if re.search(r"事件|笔数|交易数|项目数", CLAUSE_SPLIT.split(before)[-1]) and metric_word(before, after) == "events" \
                    and mega_deals is not None and events is not None and float(events.value):
                # 不到全球事件总数4%的交易贡献了逾六成: the mega deals' share of the count
                value = float(mega_deals.value) / float(events.value) * 100
                self._judge_recomputed(add, start, end, stated, unit, qualifier, [value], tol, band,
                                      f"超大额交易笔数占全球事件数的比例约为{value:.1f}%，文中写{shown}")
                return
            claimed = self.facts.get("global.mega_amount_share")
            # (a clause that excludes something, 以外/其余/除…, does not pin the mega deals' share: never dictate it)
            excluding = re.search(r"以外|之外|其余|剩余|剩下|除", CLAUSE_SPLIT.split(before)[-1]) is not None
            self._decide(add, start, end, stated, unit, qualifier, claimed, self._candidates(("%",), "global"), tol, band, shown,
                         pinned=not excluding)
            return
        metric = metric_hint or metric_word(before, after)
        if scope and scope.startswith(("country.", "round.", "layer.")):
            # 九成以上的全球资金 / 国外：日本占全球23.5%: of the world, whatever frames it
            if not re.match(r"的?全球", after) and not re.search(r"占(?:了|到)?全球[^，,；;。\d]{0,8}$", before):
                scope = within_region(scope, before, self.facts)
        claimed = self.facts.get(f"{scope}.{metric}_share") if scope and metric else None
        if claimed is None and scope and scope.startswith("country.CN") and metric:
            claimed = self.facts.get(f"domestic.{metric}_share")
        pool = self._candidates(("%",), scope if claimed is None and scope and scope != "global" else None)
        if claimed is None and metric:  # a share of money is never bound to a share of events
            pool = [f for f in pool if ("events" if "events" in f.metric else "amount") == metric]
        self._decide(add, start, end, stated, unit, qualifier, claimed, pool or self._candidates(("%",), None), tol, band, shown)

    def _share_of_stated(self, before: str, stated: float, qualifier: Qualifier, tol: float,
                         band: float) -> tuple[bool, str, str | None] | None:
        """(fits, reason, id of the one fact with that share or None) for a share of the amount or count just stated (of 全球 unless another
        whole is named), or None when the share does not follow such a figure. A share of this
        month's figure only: a clause naming a month (10月国内104.69亿元，占…) is left to the binder."""
        m = _SHARE_OF_STATED_RE.search(before)
        part = _SHARE_OF_SCOPE_RE.search(before) if m is None else None
        whole_scope = scope_of_clause(part.group("x"), self.facts) if part else None
        if part and whole_scope and whole_scope not in ("global", "domestic", "overseas"):
            # 其中国内80起，占早期项目的八成以上: the stated count's share of the round (layer…) it is part of
            whole = self.facts.get(f"{whole_scope}.{'events' if part.group('unit') in ('起', '笔') else 'amount'}")
            if whole is not None and float(whole.value):
                scale = 1e-4 if part.group("unit") == "万元" else 1.0
                value = float(part.group("num").replace(",", "")) * scale / float(whole.value) * 100
                ok = fits(value, stated, "approx" if qualifier == "eq" else qualifier, tol + 0.05, band)
                return ok, f"{part.group('num')}{part.group('unit')}占{whole.label}的比例约为{value:.1f}%", None
        if m is None or m.group("unit") == "笔" or re.search(r"\d{1,2}月|上月|上个月", CLAUSE_SPLIT.split(before[:m.start("num")])[-1]):
            return None
        money = m.group("unit") in ("亿元", "万元")
        what = m.group("what") or ""
        if (money and "事件" in what) or (not money and what in ("金额", "总额", "融资额", "资金")):
            return None
        den = m.group("den") or "全球"
        whole = self.facts.get(f"{REGION_WORDS[den]}.{'amount' if money else 'events'}")
        if whole is None or not float(whole.value):
            return None
        digits = m.group("num").replace(",", "")
        step = 0.5 * 10 ** -(len(digits.split(".")[1]) if "." in digits else 0)
        scale = 1e-4 if m.group("unit") == "万元" else 1.0
        value = float(digits) * scale / float(whole.value) * 100
        slack = step * scale / float(whole.value) * 100
        ok = fits(value, stated, "approx" if qualifier == "eq" else qualifier, tol + slack, band)
        same = {f.id: f for f in self._candidates(("%",), None) if abs(float(f.value) - value) <= slack + 1e-9}
        if {"domestic.amount_share", "country.CN.amount_share"} <= set(same) or {"domestic.events_share", "country.CN.events_share"} <= set(same):
            same.pop("country.CN.amount_share", None)  # 国内 and 中国 are one subject with two ids
            same.pop("country.CN.events_share", None)
        return ok, f"{m.group('num')}{m.group('unit')}占{den}的比例约为{value:.1f}%", next(iter(same)) if len(same) == 1 else None

    def _top_share(self, n: int) -> float | None:
        """The share of the ranking's first ``n`` deals: the fact when the data has one, else the
        sum of the listed deals' own shares (None when the list is shorter)."""
        fact = self.facts.get(f"global.top{n}_share")
        if fact is not None:
            return float(fact.value)
        deals = self.facts.value("deals.global.top") or []
        shares = [self.facts.value(d["fact_id"] + "_share") for d in deals[:n]]
        return sum(float(v) for v in shares) if n >= 1 and len(shares) == n and None not in shares else None

    def _linked_sentence(self, text: str, start: int) -> str:
        """The sentence before the figure's own, when the own one opens on a link (也就是说, 换言之,
        这意味着…) that carries its subject over; else ""."""
        own_start = len(text[:start]) - len(sentence(text[:start]))
        if not re.match(r"\s*(?:也就是说|换言之|换句话说|这意味着|即|意味着|反过来说|相应地|反过来看|换个角度|换一个角度)", text[own_start:start]):
            return ""
        return sentence(text[:max(own_start - 1, 0)])

    def _judge_recomputed(self, add: Add, start: int, end: int, stated: float, unit: str, qualifier: Qualifier,
                          values: list[float], tol: float, band: float, reason: str) -> None:
        """A share recomputed from the data (the ranking, the mega deals, a deal within a country): ok if it fits one of ``values``
        (within the written rounding plus the inputs' own), else wrong with ``reason``."""
        ok = any(fits(v, stated, "approx" if qualifier == "eq" else qualifier, tol + 0.05, band) for v in values)
        add(start, end, stated, unit, qualifier, None, Verdict.OK if ok else Verdict.WRONG, "" if ok else reason,
            BoundBy.RECOMPUTED if ok else BoundBy.NONE)
