"""Key sentences and keywords for an article, behind one ranker interface.

A ranker scores sentences; `select` is the one place that decides which sentences are
shown (score order, redundancy, budget) and that they are shown in document order.

Rankers are imported when first asked for: `digest --help`, or a run with `--ranker lead`,
never loads scipy, networkx or textrank4zh; nor do `digest search` and `trends` compile the
sentence and credit patterns.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module
from typing import TYPE_CHECKING

from .base import Ranker, select

if TYPE_CHECKING:
    from ..model import Article, KeySentence

_RANKER_CLASSES = {
    "textrank": ("textrank", "TextRankRanker"),
    "textrank4zh": ("textrank4zh_ranker", "TextRank4ZHRanker"),
    "lead": ("lead", "LeadRanker"),
}
DEFAULT_RANKER = "textrank"


class _LazyRankers(Mapping):
    """Ranker name -> ranker class; a ranker's module is imported on first lookup."""

    def __getitem__(self, name: str) -> type:
        module, cls = _RANKER_CLASSES[name]
        return getattr(import_module(f"{__name__}.{module}"), cls)

    def __iter__(self) -> Iterator[str]:
        return iter(_RANKER_CLASSES)

    def __len__(self) -> int:
        return len(_RANKER_CLASSES)

    def __repr__(self) -> str:
        return f"RANKERS({', '.join(_RANKER_CLASSES)})"


RANKERS: Mapping[str, type] = _LazyRankers()


def get_ranker(name: str = DEFAULT_RANKER) -> Ranker:
    try:
        return RANKERS[name]()
    except KeyError:
        raise ValueError(f"unknown ranker {name!r}; choose from {', '.join(RANKERS)}") from None


def summarize_text(text: str, ranker: Ranker, count: int = 3, title: str | None = None, budget: int | None = None) -> list[KeySentence]:
    """Up to `count` key sentences of `text` in document order. Each is shown without the
    newsroom's labels at its edges (`本报讯（记者 X）`, `（记者 X 摄）`); its `position` is its
    index among `split_sentences(text)`. A sentence that is only a credit is never shown."""
    from ..sentences import split_sentences, strip_credits  # the credit grammar compiles its patterns when first needed, not with the CLI

    shown, positions = [], []
    for position, sentence in enumerate(split_sentences(text)):
        sentence = strip_credits(sentence)
        if sentence:
            shown.append(sentence)
            positions.append(position)
    if not shown:
        return []
    scores = ranker.score(shown, title)
    picked = select(shown, scores, count, budget, redundancy=ranker.uses_mmr)
    for key in picked:
        key.position = positions[key.position]
    return picked


def summarize_article(article: Article, ranker: Ranker, count: int = 3, budget: int | None = None) -> Article:
    """Key sentences and keywords; both read the cuts the segmenter already made of the
    article's text (digest/summarize/tokens.py; the pipeline forgets them after the issue)."""
    from .keywords import extract_keywords

    title = None if article.title_generated else article.title
    article.summary = summarize_text(article.text, ranker, count, title, budget)
    article.keywords = extract_keywords(article.text, title)
    return article


__all__ = ["RANKERS", "DEFAULT_RANKER", "get_ranker", "summarize_text", "summarize_article", "Ranker", "select"]
