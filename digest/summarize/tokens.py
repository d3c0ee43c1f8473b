"""Word tokens for ranking and keywords: jieba words minus stopwords, numbers and punctuation."""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from importlib import resources

import jieba

jieba.setLogLevel(logging.WARNING)
_WORD_RE = re.compile(r"[\u4e00-\u9fff]{2,}|[A-Za-z][A-Za-z0-9]+")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    text = resources.files("digest").joinpath("data/stopwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def tokenize(text: str) -> list[str]:
    stop = stopwords()
    return [w for w in jieba.lcut(text) if _WORD_RE.fullmatch(w) and w not in stop]
