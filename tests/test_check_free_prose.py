"""Free-prose rules of the checker: each true sentence passes, and its false twin is flagged.

Every case pairs a sentence in a voice the checker was not written for (bare clauses, figures
in brackets, restatements, lists without 分别, self-computed sums and ratios) with the same
sentence carrying one wrong figure, so a rule that accepted everything would fail here.
"""

from __future__ import annotations

import pytest

from narrator.check import check_article

# (true sentence, false twin, the false figure as written)
PAIRS = [
    # 起 inside 加起来 is not an event word: the compound is the money share
    ("模型层融资金额占全球53.6%，基础层占34.9%，两个加起来是88.4%。",
     "模型层融资金额占全球53.6%，基础层占34.9%，两个加起来是78.4%。", "78.4%"),
    ("与10月相比，事件数量增长了14.2%，而金额的增幅则达到了33.2%。",
     "与10月相比，事件数量增长了14.2%，而金额的增幅则达到了43.2%。", "43.2%"),
    ("全球融资金额从1,392.36亿元增至1,855.00亿元。", "全球融资金额从1,329.36亿元增至1,855.00亿元。", "1,329.36亿元"),
    # a bracketed figure belongs to the words before its bracket; the measure carries over
    ("国外平均单笔（22.85亿元）远超国内（8,340万元）。", "国外平均单笔（22.85亿元）远超国内（8,430万元）。", "8,430万元"),
    # a region frame or an earlier denominator makes a country's share one of its region
    ("美国占全球融资金额的88.0%；如果仅考虑国外市场，美国的份额则达到95.2%。",
     "美国占全球融资金额的88.0%；如果仅考虑国外市场，美国的份额则达到92.5%。", "92.5%"),
    ("美国拿走全球88.0%的融资，在国外资金中的比重更是高达95.2%。",
     "美国拿走全球88.0%的融资，在国外资金中的比重更是高达92.4%。", "92.4%"),
    # a restatement claims the fact of the figure before it
    ("前5笔交易就占了全球金额的45.5%，四成多。", "前5笔交易就占了全球金额的45.5%，五成多。", "五成多"),
    ("早期融资金额只占3.5%，不到一成五。", "早期融资金额只占3.5%，超过一成五。", "超过一成五"),
    # the mega threshold as a reference and as an operand
    ("「Ionawave Systems」以131.79亿元远超50亿元的门槛。", "「Ionawave Systems」以131.79亿元远超60亿元的门槛。", "超60亿元"),
    ("「Ionawave Systems」131.79亿元，比门槛高出81.79亿元。", "「Ionawave Systems」131.79亿元，比门槛高出71.79亿元。", "71.79亿元"),
    # a sum under a bound, from its own statement
    ("「Zephyrpath Labs」（313.80亿元）和「Xylemwave Health」（178.56亿元）两笔合计超过490亿元。",
     "「Zephyrpath Labs」（313.80亿元）和「Xylemwave Health」（178.56亿元）两笔合计超过500亿元。", "超过500亿元"),
    # a run of bare figures after as many names is a 分别 list
    ("国内前三是「远澜资本」「星河创投」「北辰创投」，同样为32次、20次和18次。",
     "国内前三是「远澜资本」「星河创投」「北辰创投」，同样为32次、18次和20次。", "18次"),
    # ratios: as loose as their rounded inputs; of the two subjects the statement names
    ("D轮及以后与战略/股权投资（71.7%），早期（3.5%），前者约为后者的20.2倍。",
     "D轮及以后与战略/股权投资（71.7%），早期（3.5%），前者约为后者的25.2倍。", "25.2倍"),
    ("当月国外融资金额约为国内的12.2倍。", "当月国外融资金额约为国内的13.2倍。", "13.2倍"),
    ("「远澜资本」出手32次，「Northgate Ventures」出手21次，远澜资本的出手次数是Northgate Ventures的1.5倍。",
     "「远澜资本」出手32次，「Northgate Ventures」出手21次，远澜资本的出手次数是Northgate Ventures的2.5倍。", "2.5倍"),
    ("国外平均单笔是国内的27.4倍，国外一笔交易的平均体量，相当于国内二十多笔。",
     "国外平均单笔是国内的27.4倍，国外一笔交易的平均体量，相当于国内三十多笔。", "三十多笔"),
    # what the top deals leave, and spans of the ranking
    ("超大额交易共10笔；除前5笔外，其余5笔超大额交易合计贡献了17.7%的资金。",
     "超大额交易共10笔；除前5笔外，其余5笔超大额交易合计贡献了27.7%的资金。", "27.7%"),
    ("一笔交易，就拿走了11月全球16.9%的AIGC融资。", "一笔交易，就拿走了11月全球19.6%的AIGC融资。", "19.6%"),
    ("第2至第5笔交易合计占比约28.6%。", "第2至第5笔交易合计占比约38.6%。", "约38.6%"),
    # the previous month as the period of this month's figure
    ("11月全球融资事件数297起，较10月增长14.2%。", "10月全球融资事件数297起，融资金额1,855.00亿元。", "10月"),
    # a bracketed share takes the metric of the figure before its bracket
    ("国内市场：214起（占72.1%），140.94亿元（占7.6%）。", "国内市场：214起（占7.6%），140.94亿元（占72.1%）。", "7.6%"),
    ("跟10月比，事件数涨了一成多（14.2%），金额涨了三成多（33.2%）。",
     "跟10月比，事件数涨了一成多（14.2%），金额涨了三成多（31.2%）。", "31.2%"),
    ("全球融资金额从1,392.36亿元涨到1,855.00亿元，多了460多亿元。",
     "全球融资金额从1,392.36亿元涨到1,855.00亿元，多了560多亿元。", "560多亿元"),
    ("「Zephyrpath Labs」一笔313.80亿元，顶国内376笔。", "「Zephyrpath Labs」一笔313.80亿元，顶国内276笔。", "276笔"),
    ("美国融资金额1,631.80亿元，国外融资金额1,714.06亿元，美国约为国外的九成五。",
     "美国融资金额1,631.80亿元，国外融资金额1,714.06亿元，美国约为国外的八成五。", "八成五"),
    ("国内共发生融资事件214起，融资金额140.94亿元，分别占全球的72.1%和7.6%。",
     "国内共发生融资事件214起，融资金额140.94亿元，分别占全球的7.6%和72.1%。", "7.6%"),
    ("因为前3大交易中有三笔来自国外。", "因为前3大交易中有两笔来自国外。", "两笔"),
    ("前5笔交易所占的比例为45.5%，单一最大交易所占的比例为16.9%。除最大一笔之外，其余4笔交易合计贡献了28.6%的资金。",
     "前5笔交易所占的比例为45.5%，单一最大交易所占的比例为16.9%。除最大一笔之外，其余4笔交易合计贡献了38.6%的资金。", "38.6%"),
    ("在此背景下，全球融资金额实现了33.2%的环比增长。", "在此背景下，全球融资金额实现了23.2%的环比增长。", "23.2%"),
    ("前五大交易合计占全球融资金额的45.5%。", "前五大交易合计占全球融资金额的54.5%。", "54.5%"),
    ("早期项目融资占比仅3.5%。", "早期项目融资占比仅33.0%。", "33.0%"),
    ("单笔不低于50亿元的交易共10笔，其中「Zephyrpath Labs」单笔即超过300亿元。",
     "单笔不低于50亿元的交易共10笔，其中「Zephyrpath Labs」单笔即超过400亿元。", "超过400亿元"),
    ("「远澜资本」（32次）；「Northgate Ventures」（21次）。「远澜资本」出手比「Northgate Ventures」多11次。",
     "「远澜资本」（32次）、「北辰创投」（18次）；「Northgate Ventures」（21次）。「远澜资本」出手比「Northgate Ventures」多14次。", "14次"),
    ("国内前三家合计，远澜资本、星河创投、北辰创投一共70次。", "国内前三家合计，远澜资本、星河创投、北辰创投一共75次。", "75次"),
    ("美国占全球（88.0%），占国外（95.2%），超过九成。", "美国占全球（88.0%），占国外（95.2%），不到九成。", "不到九成"),
    ("「Northgate Ventures」出手21次居首，「Keystone Park Partners」和「Sandhill Row Partners」两家机构分别为10次和9次。",
     "「Northgate Ventures」出手21次居首，「Keystone Park Partners」和「Sandhill Row Partners」三家机构分别为10次和9次。", "三家"),
    ("国内市场：214起（10月177起）；140.94亿元（10月104.69亿元）。", "国内市场：214起（10月171起）；140.94亿元（10月104.69亿元）。", "171起"),
    ("CR5（前5笔交易金额占比）为45.5%，CR1为16.9%，CR3为33.6%。", "CR5（前5笔交易金额占比）为45.5%，CR1为16.9%，CR3为36.3%。", "36.3%"),
    ("美国金额占比、事件占比分别为88.0%、15.8%。", "美国金额占比、事件占比分别为15.8%、88.0%。", "15.8%"),
    ("其中约九成资金投向模型层与基础层。", "其中约四成资金投向生成式视频领域。", "约四成"),
    ("单笔超过50亿元的交易有十笔。", "三笔超500亿元的超级大单！", "三笔"),
    ("「Zephyrpath Labs」「Xylemwave Health」「Ionawave Systems」分别占16.9%、9.6%和7.1%，合计约33.6%。",
     "「Zephyrpath Labs」「Xylemwave Health」「Ionawave Systems」分别占16.9%、9.6%和7.1%，合计约35.6%。", "35.6%"),
    ("国内事件占比72.1%，金额占比7.6%，事件占比比金额高64.5个百分点。",
     "国内事件占比72.1%，金额占比7.6%，事件占比比金额高64.5%。", "64.5%"),
    ("美国占全球7.6%以上的资金。", "单笔不低于50亿元的交易中，3笔50亿元以上的交易合计拿走63.2%的资金。", "3笔"),
    ("美国融资金额占全球的88.0%。", "本月共有12家新晋独角兽。", "12家"),
    ("美国占全球88.0%，占国外超过九成。", "美国占全球88.0%，占国外超过九成六。", "超过九成六"),
    ("单笔不低于50.00亿元的10笔交易合计占63.2%，换言之，其余287起事件合计只分得36.8%的资金。",
     "单笔不低于50.00亿元的10笔交易合计占63.2%，换言之，其余277起事件合计只分得46.8%的资金。", "277起"),
    # 次数32次 is a figure (数 before Arabic digits is not a vague quantity)
    ("「远澜资本」出手次数32次。", "「远澜资本」出手次数23次。", "23次"),
    # session 6: voices of the tune7/8 and heldout6–9 corpora
    # a group named as one phrase before 分别 is still two items
    ("模型层与基础层分别占全球金额的53.6%和34.9%。", "模型层与基础层分别占全球金额的34.9%和53.6%。", "34.9%"),
    # after a figure and 、 the next item names its own subject
    ("D轮及以后与战略/股权投资金额占比71.7%，其中D轮及以后43.6%、战略/股权投资28.1%。",
     "D轮及以后与战略/股权投资金额占比71.7%，其中D轮及以后43.6%、战略/股权投资38.1%。", "38.1%"),
    # a round's share of a region, named as the denominator
    ("放在国内看，早期融资事件占国内事件数的37.4%。", "放在国内看，早期融资事件占国内事件数的33.0%。", "33.0%"),
    # M in every N
    ("国内214起，每10起中约有7起发生在国内。", "国内214起，每10起中约有5起发生在国内。", "每10起中约有5起"),
    # a share of the figure just stated
    ("前三笔合计624.15亿元，占全球融资金额的33.6%。", "前三笔合计624.15亿元，占全球融资金额的36.3%。", "36.3%"),
    # the mega deals less the top five
    ("其中前5笔占45.5%，其余5笔超大额交易合计约占17.7%。", "其中前5笔占45.5%，其余5笔超大额交易合计约占27.7%。", "27.7%"),
    # deals above a stated level, counted in the ranking
    ("本月单笔超过百亿元的交易共有五笔。", "本月单笔超过百亿元的交易共有四笔。", "四笔"),
    # 的全球资金 is of the world even after a clause about 国外
    ("国外83起，合计约1,714亿元；其中美国一国就拿走了近九成的全球资金。",
     "国外83起，合计约1,714亿元；其中美国一国就拿走了九成以上的全球资金。", "九成以上"),
    # a named deal in its original currency
    ("「Zephyrpath Labs」融资313.80亿元（约44.3亿美元）。", "「Zephyrpath Labs」融资313.80亿元（约48.3亿美元）。", "约48.3亿美元"),
    # 个百分点 between two stated shares: the exact difference 64.45, not the displayed figures' slack
    ("国内事件占比72.1%，金额占比7.6%，两者相差64.5个百分点。", "国内事件占比72.1%，金额占比7.6%，两者相差64.6个百分点。", "64.6个百分点"),
    # the ranking's first three investors of a region, summed
    ("国内前三家机构合计出手70次，高于国外前三家的40次。", "国内前三家机构合计出手70次，高于国外前三家的50次。", "50次"),
    # a question names the subject of its answer
    ("美国独占88.0%。国内呢？只分到7.6%。", "美国独占88.0%。国内呢？只分到72.1%。", "72.1%"),
    # 多了 with a comparison is a change, and its bracket restates it
    ("跟10月比，钱多了三成以上（+33.2%）。", "跟10月比，钱多了四成以上（+33.2%）。", "四成以上"),
    # the previous month stated with its own figure (with this month's figure instead, the month is the slip)
    ("10月国内融资金额为104.69亿元。", "10月国内融资金额为140.94亿元。", "10月"),
    ("按披露金额的244起计，平均每笔7.60亿元。", "按披露金额的254起计，平均每笔7.60亿元。", "254起"),
    # a difference from last month is neither month's figure
    ("全球融资总额1,855.00亿元，比10月多出460多亿元。", "全球融资总额1,855.00亿元，比10月多出470多亿元。", "470多亿元"),
    ("全球融资297起，比10月增加了37起。", "全球融资297起，比10月增加了260起。", "260起"),
    # the figure after 增加到 is this month's, although the clause names last month
    ("国内融资事件较10月的177起增加到214起。", "国内融资事件较10月的177起增加到241起。", "241起"),
    # the whole a share is of, stated inside the share
    ("国外占全球1,855.00亿元融资的92.4%。", "国外占全球1,955.00亿元融资的92.4%。", "1,955.00亿元"),
    # X%对Y%: the metrics in the order the clause named them
    ("国内的事件比钱占比高得多，72.1%对7.6%。", "国内的事件比钱占比高得多，7.6%对72.1%。", "7.6%"),
    # what a share stated in the sentence before leaves (也就是说 links the two)
    ("前5笔交易占全球的45.5%。也就是说，其余交易只分到约54.5%的资金。",
     "前5笔交易占全球的45.5%。也就是说，其余交易只分到约55.5%的资金。", "约55.5%"),
    # 占全球 is the share's base, not a side of the ratio
    ("国外融资1,714.06亿元，占全球资金的92.4%，约为国内的12.2倍。", "国外融资1,714.06亿元，占全球资金的92.4%，约为国内的13.2倍。", "13.2倍"),
    # 前3笔 is a window of the ranking; 三家 counts the names before the verb too
    ("前3笔交易合计624.15亿元。", "前3笔交易合计642.15亿元。", "642.15亿元"),
    ("「远澜资本」本月出手32次，明显领先于「星河创投」（20次）和「北辰创投」（18次），三家合计70次。",
     "「远澜资本」本月出手32次，明显领先于「星河创投」（20次）和「北辰创投」（18次），四家合计70次。", "四家"),
    # a table's column header names each cell's measure; the world's own row is 100%
    ("| 口径 | 事件数 | 事件占比 | 金额占比 |\n|---|---|---|---|\n| 全球 | 297起 | 100% | 100% |\n| 国内 | 214起 | 72.1% | 7.6% |",
     "| 口径 | 事件数 | 事件占比 | 金额占比 |\n|---|---|---|---|\n| 全球 | 297起 | 100% | 100% |\n| 国内 | 214起 | 7.6% | 72.1% |", "7.6%"),
    # a sum of five listed figures
    ("「远澜资本」「星河创投」「北辰创投」「沧溟基金」「恒岳投资」分别出手32次、20次、18次、13次和12次，合计95次。",
     "「远澜资本」「星河创投」「北辰创投」「沧溟基金」「恒岳投资」分别出手32次、20次、18次、13次和12次，合计97次。", "合计97次"),
    # the ranking's first three, named a clause earlier
    ("国内前三家机构，11月一共出手70次。", "国内前三家机构，11月一共出手75次。", "75次"),
    # 交易 right before 占比 or after a share counts deals
    ("美国以不足16%的交易拿走了88%的资金。", "美国以不足15%的交易拿走了88%的资金。", "不足15%"),
    # 首笔交易 is the largest deal
    ("前5笔交易合计占比45.5%，首笔交易占比16.9%。", "前5笔交易合计占比45.5%，首笔交易占比9.6%。", "9.6%"),
    # a growth rate named in the clause before (增幅更大，达到…)
    ("全球1,855.00亿元，环比增长33.2%。国内融资金额的环比增幅更大，达到34.6%。",
     "全球1,855.00亿元，环比增长33.2%。国内融资金额的环比增幅更大，达到7.6%。", "7.6%"),
    # a difference from a whole named in brackets (313.80 − 140.94)
    ("「Zephyrpath Labs」313.80亿元，比国内全月融资总额（140.94亿元）还多出约173亿元。",
     "「Zephyrpath Labs」313.80亿元，比国内全月融资总额（140.94亿元）还多出约183亿元。", "约183亿元"),
    # the own clause names both sides of a ratio: not any two figures of the sentence (32/18)
    ("三家机构「远澜资本」「星河创投」「北辰创投」分别出手32次、20次和18次，「远澜资本」出手次数是「星河创投」的1.6倍。",
     "三家机构「远澜资本」「星河创投」「北辰创投」分别出手32次、20次和18次，「远澜资本」出手次数是「星河创投」的1.8倍。", "1.8倍"),
    # a rank heading counts the bullet lines under it; 四强 counts the names after its colon
    ("前三大交易：\n- 「Zephyrpath Labs」313.80亿元；\n- 「Xylemwave Health」178.56亿元；\n- 「Ionawave Systems」131.79亿元。",
     "前两大交易：\n- 「Zephyrpath Labs」313.80亿元；\n- 「Xylemwave Health」178.56亿元；\n- 「Ionawave Systems」131.79亿元。", "前两"),
    ("国内三强：远澜资本32次，星河创投20次，北辰创投18次。", "国内四强：远澜资本32次，星河创投20次，北辰创投18次。", "四"),
    # 分别增长 after figures that moved (由…增至…): the changes, in the order of the measures
    ("- **国内市场**：事件由177起增至214起，金额由104.69亿元增至140.94亿元，分别增长20.9%和34.6%。",
     "- **国内市场**：事件由177起增至214起，金额由104.69亿元增至140.94亿元，分别增长34.6%和20.9%。", "34.6%"),
    # a sentence opening on 较 compares the subject of the sentence before it on the line
    ("- **轮次结构**：早期98起，占全球33.0%。较10月的85起增长15.3%。",
     "- **轮次结构**：早期98起，占全球33.0%。较10月的85起增长14.2%。", "14.2%"),
    ("国外事件数与10月持平，金额增长33.1%。", "国外事件数与10月持平，金额增长92.4%。", "92.4%"),
    # 反超 is a verb, not 超 (more than)
    ("国内事件占72.1%，金额占7.6%，事件占比反超64.5个百分点。", "国内事件占72.1%，金额占7.6%，事件占比反超63.5个百分点。", "63.5"),
    # what the largest share stated leaves
    ("前5笔交易合计占45.5%，最大一笔占16.9%，五成以上的钱分散在其余交易里。",
     "前5笔交易合计占45.5%，最大一笔占16.9%，六成以上的钱分散在其余交易里。", "六成以上"),
    # the first N deals' share from the deal list when the data has no such fact
    ("排名前三的交易均来自美国，合计占全球融资金额的33.6%。", "排名前三的交易均来自美国，合计占全球融资金额的36.6%。", "36.6%"),
    ("除去前三大，第4至第10笔交易合计约占29.6%。", "除去前三大，第4至第10笔交易合计约占27.5%。", "27.5%"),
    # a D轮及以后+战略 compound is one item of a 分别 list
    ("早期与D轮及以后+战略/股权投资的金额占比分别为3.5%和71.7%。", "早期与D轮及以后+战略/股权投资的金额占比分别为3.5%和43.6%。", "43.6%"),
    # 分别较10月的260起、1,392.36亿元增长A和B: the list is of the changes, after the comparison
    ("- **全球层面**：297起、1,855.00亿元，分别较10月的260起、1,392.36亿元增长14.2%和33.2%。",
     "- **全球层面**：297起、1,855.00亿元，分别较10月的260起、1,392.36亿元增长33.2%和14.2%。", "33.2%"),
    # a fraction of another figure is a ratio, not a share
    ("「Xylemwave Health」178.56亿元，约为「Zephyrpath Labs」313.80亿元的五分之三。",
     "「Xylemwave Health」178.56亿元，约为「Zephyrpath Labs」313.80亿元的三分之二。", "三分之二"),
    # a whole of money named before a share word frames it as money
    ("全球1,855.00亿元里，近九成流向美国。", "全球1,855.00亿元里，七成流向美国。", "七成"),
    # X%对Y% in brackets after the two measures were named
    ("国内项目的占比，比钱的占比高出约64.5个百分点（72.1%对7.6%）。",
     "国内项目的占比，比钱的占比高出约64.5个百分点（7.6%对72.1%）。", "7.6%"),
    # a count's share of the round it is part of (no fact holds it)
    ("早期轮次98起融资，其中国内80起，占早期项目的八成以上。", "早期轮次98起融资，其中国内80起，占早期项目的九成以上。", "九成以上"),
    # what the mega deals leave, the mega deals named in the sentence before (换句话说)
    ("单笔不低于50亿元的超大额交易共10笔。换句话说，剩下的287起交易分的是不到四成的资金。",
     "单笔不低于50亿元的超大额交易共10笔。换句话说，剩下的278起交易分的是不到四成的资金。", "278起"),
    # a record since a month, against the monthly series
    ("全球融资金额1,855.00亿元，为6月以来的最高水平。", "全球融资事件数为6月以来最低。", "6月"),
    # a wrong baseline month is the month's fault, not the figure's
    ("全球融资总额1,855.00亿元，较10月的1,392.36亿元增长33.2%。", "全球融资总额1,855.00亿元，较9月的1,392.36亿元增长33.2%。", "9月"),
    # 不及…的十分之一: below the fraction
    ("国内最大一笔为「星维机器人」的21.55亿元，不及「Zephyrpath Labs」单笔金额的十分之一。",
     "国内最大一笔为「星维机器人」的21.55亿元，约为「Zephyrpath Labs」单笔金额的十分之一。", "十分之一"),
    # a share of a sum the text stated
    ("前三家合计70次，其中远澜资本一家就占了约46%。", "前三家合计70次，其中远澜资本一家就占了约56%。", "约56%"),
    # a ratio to the deal of a rank
    ("「Zephyrpath Labs」单笔金额约为第2名的1.76倍。", "「Zephyrpath Labs」单笔金额约为第2名的1.86倍。", "1.86倍"),
    # a stated share over the share of the subject the own clause names
    ("D轮及以后与战略/股权投资贡献了71.7%的资金，约为早期金额占比的20.2倍。",
     "D轮及以后与战略/股权投资贡献了71.7%的资金，约为早期金额占比的25.2倍。", "25.2倍"),
    # a ranking named before a semicolon does not frame a share after it
    ("前10大交易全部来自美国；美国融资1,631.80亿元，占全球88.0%、占国外95.2%。",
     "前10大交易全部来自美国；美国融资1,631.80亿元，占全球88.0%、占国外92.4%。", "92.4%"),
    # the rest of the mega deals when the sentence named them (≥50亿元)
    ("超大额交易：≥50亿元的共10笔，合计63.2%；前5笔之外的另外5笔合计占17.7%。",
     "超大额交易：≥50亿元的共10笔，合计63.2%；前5笔之外的另外5笔合计占27.7%。", "27.7%"),
    # amounts without 元 (1714亿) frame the share after them as money
    ("海外83起，拿走1714亿，占比超过九成。", "海外83起，拿走1714亿，占比不到三成。", "不到三成"),
    # a change in brackets after last month's figure (10月为177起，增长20.9%) and +x% (均为环比)
    ("- **国内市场**：214起（10月为177起，增长20.9%）。", "- **国内市场**：214起（10月为177起，增长34.6%）。", "34.6%"),
    ("全球297起、1,855.00亿元；事件+14.2%、金额+33.2%（均为环比）。", "全球297起、1,855.00亿元；事件+14.2%、金额+23.2%（均为环比）。", "23.2%"),
    # 没有达到 is below
    ("「Ionawave Systems」131.79亿元，没有达到150亿元。", "「Ionawave Systems」131.79亿元，没有达到100亿元。", "100亿元"),
    # a ratio of two deals of the ranking
    ("第1大交易的金额约为第5大交易的3倍。", "第1大交易的金额约为第5大交易的4倍。", "4倍"),
    # how many investors reached a level (达15次)
    ("国内外共有两家机构出手达21次。", "国内外共有三家机构出手达21次。", "三家"),
    # 环比 in a line's label does not make the shares after it changes
    ("4）轮次结构与环比变化：D轮及以后与战略/股权投资占71.7%。", "4）轮次结构与环比变化：D轮及以后与战略/股权投资占81.7%。", "81.7%"),
    # a change that names no measure may be either of the subject's
    ("4）环比：全球+33.2%，国内+34.6%。", "4）环比：全球+33.2%，国内+44.6%。", "44.6%"),
    # the region after 超过 in a ratio is the other side (超过国内全月融资总额的两倍)
    ("「Zephyrpath Labs」单笔313.80亿元，一笔交易的规模即超过国内全月融资总额的两倍。",
     "「Zephyrpath Labs」单笔313.80亿元，一笔交易的规模即超过国内全月融资总额的五倍。", "五倍"),
    # the side after 为 in a ratio of shares
    ("D轮及以后与战略/股权投资的金额占比约为早期的20.2倍。", "D轮及以后与战略/股权投资的金额占比约为早期的25.2倍。", "25.2倍"),
    # the mega deals' share of the count, with its detached bound (不到全球事件总数4%)
    ("超大额交易共10笔，意味着不到全球事件总数4%的交易贡献了逾六成资金。",
     "超大额交易共10笔，意味着不到全球事件总数3%的交易贡献了逾六成资金。", "3%"),
    # 一半 of another subject is a ratio (10.3/29.2), not a share of the whole
    ("基础层34.9%、模型层53.6%，基础层拿到的资金不到模型层的三分之二。", "基础层34.9%、模型层53.6%，基础层拿到的资金不到模型层的一半。", "一半"),
    # an investor's own money is not in the data
    ("「远澜资本」本月出手32次。", "「远澜资本」全月合计出资超过200亿元。", "超过200亿元"),
    # increments: a subject's share of the world's change, and its change within it
    ("全球新增的约462.64亿元中，国内贡献了36.25亿元，约占增量的7.8%。", "全球新增的约462.64亿元中，国内贡献了36.25亿元，约占增量的17.8%。", "17.8%"),
    ("全球新增的约462.64亿元中，国内贡献了36.25亿元。", "全球新增的约462.64亿元中，国内贡献了46.25亿元。", "46.25亿元"),
    # 后两笔 after the five: the top 5 less the top 3
    ("这5笔合计约843.72亿元，占全球的45.5%；其中前三笔合计占33.6%，后两笔合计占11.8%。",
     "这5笔合计约843.72亿元，占全球的45.5%；其中前三笔合计占33.6%，后两笔合计占16.9%。", "16.9%"),
    # 环比增幅： a list of changes; 事件数增长x% is a change
    ("环比增幅：事件数14.2%，金额33.2%。", "环比增幅：事件数14.2%，金额43.2%。", "43.2%"),
    ("10月分别为260起、1,392.36亿元。事件数增长14.2%，金额增长33.2%。", "10月分别为260起、1,392.36亿元。事件数增长14.2%，金额增长23.2%。", "23.2%"),
    # 差一点过半 is a little below half
    ("应用层拿下49.5%的事件，差一点过半。", "应用层拿下49.5%的事件，差一点过七成。", "七成"),
    # a rank whose deals the text has named, the first one an item earlier
    ("2）头部：「Zephyrpath Labs」313.80亿元。\n\n3）前三名拉开身位：「Xylemwave Health」178.56亿元、「Ionawave Systems」131.79亿元。",
     "2）头部：「Zephyrpath Labs」313.80亿元。\n\n3）前五名拉开身位：「Xylemwave Health」178.56亿元、「Ionawave Systems」131.79亿元。", "前五"),
    # session 8: 一半以上 is at least half; 全球 naming a measure after another region is the subject
    ("前10笔交易占了全球的一半以上。", "前5笔交易占了全球的一半以上。", "一半以上"),
    ("国内资金面的扩张是本月全球融资金额环比增长33.2%的核心驱动力。",
     "国内资金面的扩张是本月全球融资金额环比增长34.6%的核心驱动力。", "34.6%"),
    # every deal of the first N within a bound; N笔交易 opening a statement is the ranking's first N
    ("前五大交易均超过100亿元。", "前五大交易均超过110亿元。", "超过110亿元"),
    ("五笔交易全部来自美国，单笔均超过100亿元，合计占全球融资金额的45.5%。",
     "五笔交易全部来自美国，单笔均超过100亿元，合计占全球融资金额的54.5%。", "54.5%"),
    # the cardinal of the names just listed, whatever other investors share their count
    ("「Sandhill Row Partners」「Tidewater Partners」「Summit Arc Capital」三家均为9次。",
     "「Sandhill Row Partners」「Tidewater Partners」「Summit Arc Capital」三家均为10次。", "10次"),
    # a deal by its rank, and a percent of the figure right before 的
    ("全球第二大交易为178.56亿元。", "全球第二大交易为313.80亿元。", "313.80亿元"),
    ("国内最大一笔21.55亿元，仅为全球第一大交易313.80亿元的约6.9%。",
     "国内最大一笔21.55亿元，仅为全球第一大交易313.80亿元的约8.9%。", "约8.9%"),
    # the last month a sentence names as a period (not as a baseline) is its figures' month
    ("10月，国内AIGC领域融资金额为104.69亿元。", "10月，国内AIGC领域融资金额为114.69亿元。", "114.69亿元"),
    ("模型层10月融资事件46起，11月降至37起。", "模型层10月融资事件45起，11月降至37起。", "45起"),
    ("10月基数：全球事件260起、金额1,392.36亿元。", "10月基数：全球事件260起、金额1,329.36亿元。", "1,329.36亿元"),
    # a sum of money next to Latin letters is not part of a model name (GPT-4 is)
    ("「Zephyrloop Works」完成113.33亿元E轮融资。", "「Zephyrloop Works」完成106.25亿元E轮融资。", "106.25亿元"),
    # 全月 after a named subject is that subject's month; an answer takes its question's subject
    ("日本方面，全月融资10.19亿元，在全球盘子里只占0.5%。", "日本方面，全月融资10.19亿元，在全球盘子里只占7.6%。", "7.6%"),
    ("全球AIGC的钱有多少流向了国内？答案是7.6%。", "全球AIGC的钱有多少流向了国内？答案是72.1%。", "72.1%"),
    # 上月 is a period of its statement; 本月/这个月/升至 bring the report month back
    ("早期轮次上月融资事件为85起，融资金额为51.83亿元。", "早期轮次上月融资事件为85起，融资金额为65.76亿元。", "65.76亿元"),
    ("早期轮次的事件数从上月的85起升至98起。", "早期轮次的事件数从上月的85起升至85起。", "85起"),
    # 战略投资 alone is the stage, not the 战略/股权投资 group; a deal count above a level said with 超
    ("全球战略投资事件共有69起。", "全球战略投资事件共有122起。", "122起"),
    # a 分别 list of countries whose whole (占国外…) is named after them
    ("日本、美国、以色列融资金额占国外融资金额的比例分别为0.6%、95.2%和2.3%。",
     "日本、美国、以色列融资金额占国外融资金额的比例分别为95.2%、0.6%和2.3%。", "95.2%"),
    # a window of the ranking in 个百分点; a parallel list of countries keeps its whole over ；
    ("超大额交易合计占63.2%。扣除前五大交易后，其余5笔超大额交易仍贡献了约17.7个百分点的占比。",
     "超大额交易合计占63.2%。扣除前五大交易后，其余5笔超大额交易仍贡献了约7.7个百分点的占比。", "约7.7个百分点"),
    ("以色列39.22亿元，占海外的2.3%；日本10.19亿元，占0.6%。", "以色列39.22亿元，占海外的2.3%；日本10.19亿元，占2.6%。", "2.6%"),
    # 涨到了 and 一个月前; 、 between two statements
    ("国内融资金额从10月的104.69亿元涨到了140.94亿元。", "国内融资金额从10月的104.69亿元涨到了150.94亿元。", "150.94亿元"),
    ("国内融资额140.94亿元。一个月前，国内融资额还只有104.69亿元。", "国内融资额140.94亿元。一个月前，国内融资额还只有140.94亿元。", "140.94亿元"),
    ("11月呈现“国内项目数量占据主导、早期项目占比三成以上”的格局。", "11月呈现“国内项目数量占据主导、早期项目占比四成以上”的格局。", "四成以上"),
    # 这一比例 within a frame is the earlier subject's share of that whole; 不到全球的 is a denominator
    ("全球近九成的AIGC融资额落在美国；如果只看海外市场，这一比例升至95%以上。",
     "全球近九成的AIGC融资额落在美国；如果只看海外市场，这一比例升至96%以上。", "96%以上"),
    ("国内214起，但金额只有140.94亿元，不到全球的一成；平均每笔约0.83亿元。",
     "国内214起，但金额只有140.94亿元，不到全球的一成；平均每笔约0.93亿元。", "约0.93亿元"),
    # ranks of the ranking as 大单; N单 opening a statement; the top N's share as the other side of a difference
    ("三单合计624.15亿元；第一大单约为第二大单的1.8倍。", "三单合计624.15亿元；第一大单约为第二大单的2.8倍。", "2.8倍"),
    ("三单合计624.15亿元，占全球33.6%。", "三单合计644.15亿元，占全球33.6%。", "合计644.15亿元"),
    ("超大额交易10笔，占全球融资金额的63.2%，较前五大交易的占比高出17.7个百分点。",
     "超大额交易10笔，占全球融资金额的63.2%，较前五大交易的占比高出19.7个百分点。", "19.7个百分点"),
    ("排名第6至第10的五笔交易合计约占17.7%。", "排名第6至第10的五笔交易合计约占19.7%。", "19.7%"),
    # a region's top N summed from its own ranking; a share in the bracket after an item of a 分别 list
    ("国内前三大交易合计43.55亿元。", "国内前三大交易合计53.55亿元。", "合计53.55亿元"),
    # 少了 is a fall (模型层 deals: 下降19.6%)
    ("模型层项目比上月少了19.6%。", "模型层项目比上月多了19.6%。", "19.6%"),
    # after heldout18/19's one measurement: a stated whole (占国外) limits the subject's shares to that
    # whole; 比较高 is not a comparison; a ratio fact said the other way round
    ("国外最能吸金的是美国，占国外融资金额的95.2%。", "国外最能吸金的是美国，占国外融资金额的88.0%。", "88.0%"),
    ("11月全球AIGC投融资的特征是：国内项目占比较高。", "10月全球AIGC投融资的特征是：国内项目占比较高。", "10月"),
    ("国外平均单笔金额是国内的27.4倍。", "国内平均单笔金额是国外的27.4倍。", "27.4倍"),
    # a letter after a unit word starts the next word (297起AIGC融资事件): the figure is still read
    ("美国本月共发生47起AIGC融资事件，占全球的15.8%。", "美国本月共发生214起AIGC融资事件，占全球的15.8%。", "214起"),
    ("「Xylemwave Health」「Ionawave Systems」分别为178.56亿元（9.6%）和131.79亿元（7.1%）。",
     "「Xylemwave Health」「Ionawave Systems」分别为178.56亿元（7.1%）和131.79亿元（9.6%）。", "7.1%"),
    ("单笔≥50亿元交易10笔，合计63.2%；其中单笔超100亿元的有五笔。",
     "单笔≥50亿元交易10笔，合计63.2%；其中单笔超100亿元的有四笔。", "四笔"),
]


def _problems(text, facts):
    return [m.text for m in check_article(text, facts).mentions if m.verdict in ("wrong", "ambiguous", "unsupported")]


@pytest.mark.parametrize("true, false, figure", PAIRS, ids=[p[2] for p in PAIRS])
def test_true_sentence_passes_and_false_twin_is_flagged(nov_facts, true, false, figure):
    assert _problems(true, nov_facts) == []
    assert any(figure in shown for shown in _problems(false, nov_facts))


@pytest.mark.parametrize("text", [
    "资金向美国、向后期、向底层“三个集中”。",
    "不过，平均值容易被少数大额交易拉高，这一倍数更适合理解为量级上的差异。",
])
def test_words_that_look_like_counts_are_not_figures(nov_facts, text):
    assert _problems(text, nov_facts) == []


def test_top_deals_in_a_region_are_counted(nov_facts):
    deals = nov_facts.value("deals.global.top")[:10]
    domestic = sum(1 for d in deals if d["country"] == "CN")
    words = "零一两三四五六七八九十"
    assert _problems(f"前十大交易中有{words[domestic + 1]}笔来自国内。", nov_facts) == [f"{words[domestic + 1]}笔"]
    assert _problems(f"前十大交易中有{10 - domestic}笔来自国外。", nov_facts) == []


def test_a_round_named_alone_binds_its_own_facts(nov_facts):
    seed = nov_facts.facts["stage.种子轮.avg_amount"]
    assert _problems(f"种子轮平均单笔{seed.display}。", nov_facts) == []
    early = nov_facts.facts["round.早期.avg_amount"]
    assert _problems(f"种子轮平均单笔{early.display}。", nov_facts) == [early.display]


def test_a_computed_difference_is_never_repaired_to_a_fact(nov_facts):
    """多出约183亿元 is a difference: the finding names no fact, so a repair cannot dictate 140.94."""
    text = "「Zephyrpath Labs」313.80亿元，比国内全月融资总额（140.94亿元）还多出约183亿元。"
    wrong = [m for m in check_article(text, nov_facts).mentions if m.verdict == "wrong"]
    assert [m.text for m in wrong] == ["约183亿元"]
    assert wrong[0].fact_id is None and "140.94" not in wrong[0].reason


def test_a_wrong_baseline_month_names_last_month_and_spares_its_figure(nov_facts):
    """较9月的1,392.36亿元 in a November report: only 9月 is wrong, and the finding names 10月."""
    text = "全球融资总额1,855.00亿元，较9月的1,392.36亿元增长33.2%。"
    wrong = [m for m in check_article(text, nov_facts).mentions if m.verdict == "wrong"]
    assert [m.text for m in wrong] == ["9月"] and "10月" in wrong[0].reason


def test_a_slipped_month_is_the_finding_for_every_figure_of_its_statement(nov_facts):
    """10月全球融资事件数为297起，全球融资金额为1,855.00亿元 (a November report): both figures are
    this month's, so the month is the slip, and no figure is told to become last month's."""
    text = "10月全球融资事件数为297起，全球融资金额为1,855.00亿元。"
    assert _problems(text, nov_facts) == ["10月"]


def test_a_name_inside_a_longer_name_is_not_a_second_subject():
    """「极光推理」金额是「长河智能7号」的1.4倍 (unseen export, which also has a deal 长河智能): the
    ratio is of the two named deals, 58.90/48.80 ≈ 1.2, not of any two figures around."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    from eval_prose import facts_for

    facts = facts_for("unseen-2025-10")
    assert _problems("「极光推理」金额是「长河智能7号」的1.2倍。", facts) == []
    assert _problems("「极光推理」金额是「长河智能7号」的1.4倍。", facts) == ["1.4倍"]
