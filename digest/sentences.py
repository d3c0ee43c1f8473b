"""Chinese sentence splitting: a sentence ends at 。！？ (or ……), and a closing quote stays with it.

Semicolons and line breaks do not end sentences: in news prose they separate clauses
of one sentence, and line breaks are the PDF's, not the writer's.
"""

from __future__ import annotations

import re

from .credits import CREDIT, DATELINE

# The end mark, then any closing quotes or brackets that belong to the same sentence.
_SENTENCE_RE = re.compile(r"[^。！？…]*(?:[。！？]+|…+|$)[”’」』）)]*")


def split_sentences(text: str) -> list[str]:
    """Split text into sentences; whitespace (including line breaks) inside is dropped at the edges only."""
    sentences = []
    for paragraph in text.split("\n"):
        for match in _SENTENCE_RE.finditer(paragraph):
            sentence = match.group(0).strip()
            if sentence:
                sentences.append(sentence)
    return sentences


# --- Bylines and credits: newsroom labels, not content -----------------------------------

_LEAD_RE = re.compile(rf"^\s*(?:{DATELINE}\s*(?:[（(]\s*{CREDIT}\s*[）)])?|[（(]\s*{CREDIT}\s*[）)])\s*")
_TAIL_RE = re.compile(rf"\s*(?:[（(]\s*{CREDIT}\s*[）)]|(?<=[。！？”’」』）)])\s*{CREDIT})\s*$")
_BARE_CREDIT_RE = re.compile(rf"^\s*{CREDIT}\s*$")
# Every credit and dateline above holds one of these: most sentences hold none and are left alone at once.
_MARK_RE = re.compile(r"讯|电|消息|记者|通讯员|实习生|摄|供图|编辑|作者|报道|整理|校对|审核|[文图][\s:：/]")


def strip_credits(sentence: str) -> str:
    """The sentence without the newsroom's labels at its edges: a dateline lead and its byline
    (`本报讯（记者 张三）`, `新华社北京4月10日电（记者 李四）`), a byline in brackets, a photo or
    writing credit (`（记者 王五 摄）`, `通讯员 赵六 供图`). The content is kept as printed;
    a sentence that is nothing but a credit becomes empty."""
    if not _MARK_RE.search(sentence):
        return sentence.strip()
    if _BARE_CREDIT_RE.match(sentence):
        return ""
    text = _LEAD_RE.sub("", sentence, count=1)
    previous = None
    while previous != text:  # `…。（记者 甲 摄）（通讯员 乙 供图）`
        previous, text = text, _TAIL_RE.sub("", text, count=1)
    return text.strip()
