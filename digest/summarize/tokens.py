"""Word tokens for ranking and keywords: jieba words minus stopwords, numbers and punctuation.

An article's sentences are cut once: the ranker and the keyword extractor ask for the same
sentences, and cuts are kept until `forget()` (called after each article, so that a run over
many articles never gains from text it has seen in an earlier one). jieba's dictionary is
loaded once per process, on the first cut.
"""

from __future__ import annotations

import logging
import math
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


def words(text: str) -> list[str]:
    """All of jieba's words, punctuation included, in order: the text cut, nothing left out."""
    return jieba.lcut(text)


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    stop = stopwords()
    return tuple(w for w in jieba.lcut(text) if _WORD_RE.fullmatch(w) and w not in stop)


def tokenize(text: str) -> list[str]:
    """Content words of `text` in order: Han words of two or more characters and Latin words,
    stopwords left out. Cached by text: cutting the same sentence again costs nothing."""
    return list(_tokens(text))


def tokenize_many(texts: list[str]) -> list[tuple[str, ...]]:
    """`tokenize` for several texts, as tuples (shared with the cache: do not modify)."""
    return [_tokens(text) for text in texts]


def forget() -> None:
    """Drop the cuts kept so far (the end of an article)."""
    _tokens.cache_clear()


@lru_cache(maxsize=1)
def _dictionary() -> tuple[dict[str, int], float]:
    jieba.initialize()
    return jieba.dt.FREQ, math.log(jieba.dt.total)


@lru_cache(maxsize=1)
def _tags() -> dict[str, str]:
    with jieba.dt.get_dict_file() as f:  # lines of `word count tag`; a user dictionary may leave out the tag
        text = f.read().decode("utf-8")
    fields = text.split()
    lines = text.splitlines()
    if len(fields) == 3 * len(lines):  # every line has its tag: the fast way
        return dict(zip(fields[0::3], fields[2::3]))
    return {parts[0]: parts[2] for parts in map(str.split, lines) if len(parts) >= 3}


def word_tag(word: str) -> str | None:
    """The part of speech jieba's dictionary gives the word (`n`, `nr`, `ns`, `v`, `a`…), out of
    context; None for words it does not know."""
    return _tags().get(word)


def information(word: str) -> float:
    """Self-information of a word in jieba's dictionary counts, -log p(word), in nats: about 7
    for 发展 or 工作, 14 for 吕梁, 15 for 氢能. Words jieba does not know (names its HMM found,
    rare terms) count as rare as a word seen once."""
    freq, log_total = _dictionary()
    return log_total - math.log(freq.get(word) or 1)
