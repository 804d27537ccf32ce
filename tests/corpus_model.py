"""Scripted model behaviour for the prose-lock evaluation: serve a corpus section, then repair it.

Used by tests/fake_llm_server.py (over HTTP, through the real openai client) and by
scripts/eval_prose.py (in process, through the same draft loop). Two repair behaviours:

- ``stubborn``: the repair turn sends the same draft again (a model that ignores findings);
- ``obedient``: the repair turn does exactly what each finding line of the repair message
  says: ``请改为“X”`` replaces the quoted figure (the n-th of the sentence, if it says 第n处) in the quoted sentence with X; ``删去``
  removes the clause that holds the figure. Nothing else changes.

The repair message lines it reads look like (prompts/repair.md.j2):
  - 句子“……”中的“279起”：……请改为“297起”。
  - 句子“……”中的“14.2%”：……请写明它说的是哪一项数据，或删去这个数字。
"""

from __future__ import annotations

import re

FINDING_RE = re.compile(r"^- 句子“(?P<sentence>.*?)”中的(?:第(?P<nth>\d+)处)?“(?P<figure>.*?)”：(?P<body>.*)$", re.M)
REPLACE_RE = re.compile(r"请改为“(?P<value>[^”]+)”")
_CLAUSE_END = "，,；;。！？\n"


def _drop_clause(text: str, at: int, length: int) -> str:
    """Remove the clause around text[at:at+length] (up to and including its trailing comma)."""
    start = at
    while start > 0 and text[start - 1] not in _CLAUSE_END:
        start -= 1
    end = at + length
    while end < len(text) and text[end] not in _CLAUSE_END:
        end += 1
    if end < len(text) and text[end] in "，,；;":
        end += 1  # the clause's own separator goes with it
    elif start > 0 and text[start - 1] in "，,；;":
        start -= 1  # last clause of a sentence: take the separator before it
    return text[:start] + text[end:]


def obedient_repair(draft: str, repair_message: str) -> str:
    """The draft with every finding of ``repair_message`` carried out literally."""
    text = draft
    for m in FINDING_RE.finditer(repair_message):
        sentence, figure, body = m.group("sentence"), m.group("figure"), m.group("body")
        s_at = text.find(sentence) if sentence else -1
        f_at = text.find(figure, s_at if s_at >= 0 else 0)
        for _ in range(int(m.group("nth") or 1) - 1):  # 第2处“九成以上”: the n-th one of the sentence
            f_at = text.find(figure, f_at + 1) if f_at >= 0 else f_at
        if f_at < 0:
            f_at = text.find(figure)
        if f_at < 0:
            continue
        replace = REPLACE_RE.search(body)
        if replace:
            text = text[:f_at] + replace.group("value") + text[f_at + len(figure):]
        elif "删去" in body:
            text = _drop_clause(text, f_at, len(figure))
    return text


def respond(draft: str, mode: str, repair_message: str | None) -> str:
    """What the scripted model answers: the draft, or on a repair turn its repaired form."""
    if repair_message is None or mode == "stubborn":
        return draft
    return obedient_repair(draft, repair_message)
