"""Words writers use for the same thing, read as the one word the clause rules know.

Writers say 境内/我国/本土 for 国内, 笔均 for 平均, 吸金 for 资金. Each synonym is replaced
by a word of the same length, so every offset into the text stays valid and the report
still quotes what was written; names (masked by the caller) are left as they are.
"""

from __future__ import annotations

import re

# synonym → the word the rules read; each pair has the same length.
SYNONYMS: dict[str, str] = {
    "境内": "国内",
    "我国": "国内",
    "中位值": "中位数",
    "吸金": "资金",
    "揽金": "资金",
    "募资": "融资",
}
# 本土 is 国内 unless it follows a country (美国本土 is the US mainland); 中国以外地区 is 国外,
# but 除中国以外 is read by the rules for exceptions.
# 笔均 is 平均 unless it follows a numeral (前三笔均在48亿元以上: each of three).
_PATTERNS = {r"(?<![国洲])本土": "国内", r"(?<![\d一二两三四五六七八九十几多每])笔均": "平均", r"(?<!除)中国(?:以外|之外)": "海外市场"}
_SYNONYM_RE = re.compile("|".join([*map(re.escape, SYNONYMS), *_PATTERNS]))
_BY_PATTERN = [(re.compile(p), word) for p, word in _PATTERNS.items()]


def canonical_words(text: str, masked: bytes | bytearray) -> str:
    """``text`` with each synonym outside ``masked`` positions replaced by its canonical word."""
    def replace(m: re.Match[str]) -> str:
        if masked[m.start()]:
            return m.group(0)
        return SYNONYMS.get(m.group(0)) or next(word for p, word in _BY_PATTERN if p.fullmatch(m.group(0)))

    return _SYNONYM_RE.sub(replace, text)
