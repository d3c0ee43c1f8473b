"""Word tokens, cut once and shared by every stage that needs words: segmentation repairs
(topic breaks), the ranker, the keywords and the figures.

Cutting is rjieba, the binding of jieba-rs: jieba's own dictionary and HMM, loaded in a
fraction of jieba's time and cutting several times faster. On the samples and the corpora in
`../shared` (1,273 texts, 84k content words) it gives every Han word jieba gives; the two differ
only on runs of Latin letters and digits (`Wi-Fi`, `2.41GW`), which rjieba keeps whole.

A text is cut run by run (runs of Han characters, Latin letters and digits, as jieba itself
parts a text before cutting it, so the words are the same as cutting the whole text), and each
run's cut is kept until `forget()`: a paragraph that segmentation compared is not cut again
when its sentences are ranked, nor when the keywords and figures read them. The pipeline
forgets after each issue, `digest summarize` after each file, so memory stays bounded and a run
over many articles never gains from text it saw in an earlier one.

Word frequencies and parts of speech (for the keywords) are read from jieba's dictionary file
itself, without loading jieba.
"""

from __future__ import annotations

import importlib.util
import itertools
import math
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

_WORD_RE = re.compile(r"[\u4e00-\u9fff]{2,}|[A-Za-z][A-Za-z0-9]+")
# jieba's own parting of a text before it cuts (re_han_default): what lies between runs is
# punctuation and spaces, never part of a word.
_RUN_RE = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+)")

_cuts: dict[str, list[str]] = {}  # a run of text -> its words, until forget()


@lru_cache(maxsize=1)
def _segmenter():
    import rjieba

    return rjieba


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    text = resources.files("digest").joinpath("data/stopwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _cut_run(run: str) -> list[str]:
    words = _cuts.get(run)
    if words is None:
        words = _cuts[run] = _segmenter().cut(run)
    return words


def words(text: str) -> list[str]:
    """Every word of `text` in order, punctuation and spaces one character each: the text cut,
    nothing left out (`"".join(words(t)) == t`)."""
    out: list[str] = []
    for k, part in enumerate(_RUN_RE.split(text)):
        if k % 2:
            out.extend(_cut_run(part))
        else:
            out.extend(part)
    return out


class _ContentWords(dict):
    """word -> whether it is a content word (a pure function of the word), worked out the first
    time it is asked: a word met before is a lookup in C."""

    def __missing__(self, word: str) -> bool:
        known = self[word] = bool(_WORD_RE.fullmatch(word)) and word not in stopwords()
        return known


_is_content = _ContentWords()
_content_word = _is_content.__getitem__


_contents: dict[str, tuple[str, ...]] = {}  # a text -> its content words, until forget()


def _content(text: str) -> tuple[str, ...]:
    # The ranker and the keywords read the same sentences: each is filtered once.
    words = _contents.get(text)
    if words is None:
        words = _contents[text] = tuple(filter(_content_word, itertools.chain.from_iterable(map(_cut_run, _RUN_RE.findall(text)))))
    return words


def tokenize(text: str) -> list[str]:
    """Content words of `text` in order: Han words of two or more characters and Latin words,
    stopwords left out."""
    return list(_content(text))


def tokenize_many(texts: list[str]) -> list[tuple[str, ...]]:
    """`tokenize` for several texts, as tuples."""
    return [_content(text) for text in texts]


def forget() -> None:
    """Drop the cuts kept so far (the end of an issue, or of an article file)."""
    _cuts.clear()
    _contents.clear()


def _dictionary_path() -> Path:
    # jieba's dictionary, found without importing jieba (its import loads the HMM tables).
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("jieba's dictionary (the jieba package) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


@lru_cache(maxsize=1)
def _dictionary() -> tuple[dict[bytes, int], list[bytes], list[bytes], float]:
    """Word (UTF-8) -> line of jieba's dictionary, with each line's count and tag, and log of the
    total count. Kept as bytes: 350,000 lines split without decoding them (a third faster)."""
    text = _dictionary_path().read_bytes()
    fields = text.split()
    if len(fields) % 3 == 0 and len(fields) == 3 * text.count(b"\n") + 3 * (not text.endswith(b"\n")):
        entries, counts, tags = fields[0::3], fields[1::3], fields[2::3]  # every line `word count tag`: the fast way
    else:
        rows = [parts for parts in map(bytes.split, text.splitlines()) if len(parts) >= 2]
        entries, counts, tags = [r[0] for r in rows], [r[1] for r in rows], [r[2] if len(r) > 2 else b"" for r in rows]
    index = dict(zip(entries, range(len(entries))))  # a word listed twice: its last line, as jieba reads it
    return index, counts, tags, math.log(sum(map(int, counts)))


@lru_cache(maxsize=1 << 16)
def word_tag(word: str) -> str | None:
    """The part of speech jieba's dictionary gives the word (`n`, `nr`, `ns`, `v`, `a`…), out of
    context; None for words it does not know."""
    index, _, tags, _ = _dictionary()
    k = index.get(word.encode("utf-8"))
    return tags[k].decode("utf-8") or None if k is not None else None


@lru_cache(maxsize=1 << 16)
def information(word: str) -> float:
    """Self-information of a word in jieba's dictionary counts, -log p(word), in nats: about 7
    for 发展 or 工作, 14 for 吕梁, 15 for 氢能. Words jieba does not know (names its HMM found,
    rare terms) count as rare as a word seen once."""
    index, counts, _, log_total = _dictionary()
    k = index.get(word.encode("utf-8"))
    count = int(counts[k]) if k is not None else 0
    return log_total - math.log(count or 1)
