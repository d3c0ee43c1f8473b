"""Key sentences and keywords for an article, behind one ranker interface.

A ranker scores sentences; `select` is the one place that decides which sentences are
shown (score order, redundancy, budget) and that they are shown in document order.
"""

from __future__ import annotations

from ..model import Article, KeySentence
from ..sentences import split_sentences
from .base import Ranker, select
from .keywords import extract_keywords
from .lead import LeadRanker
from .textrank import TextRankRanker
from .textrank4zh_ranker import TextRank4ZHRanker

RANKERS: dict[str, type[Ranker]] = {
    "textrank": TextRankRanker,
    "textrank4zh": TextRank4ZHRanker,
    "lead": LeadRanker,
}
DEFAULT_RANKER = "textrank"


def get_ranker(name: str = DEFAULT_RANKER) -> Ranker:
    try:
        return RANKERS[name]()
    except KeyError:
        raise ValueError(f"unknown ranker {name!r}; choose from {', '.join(RANKERS)}") from None


def summarize_text(text: str, ranker: Ranker, count: int = 3, title: str | None = None, budget: int | None = None) -> list[KeySentence]:
    sentences = split_sentences(text)
    if not sentences:
        return []
    scores = ranker.score(sentences, title)
    return select(sentences, scores, count, budget, redundancy=ranker.uses_mmr)


def summarize_article(article: Article, ranker: Ranker, count: int = 3, budget: int | None = None) -> Article:
    title = None if article.title_generated else article.title
    article.summary = summarize_text(article.text, ranker, count, title, budget)
    article.keywords = extract_keywords(article.text, title)
    return article


__all__ = ["RANKERS", "DEFAULT_RANKER", "get_ranker", "summarize_text", "summarize_article", "Ranker", "select"]
