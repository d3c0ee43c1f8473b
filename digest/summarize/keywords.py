"""Keywords that name things: jieba's TF-IDF over our tokens, with the news stopword list."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import jieba.analyse


@lru_cache(maxsize=1)
def _extractor() -> jieba.analyse.TFIDF:
    extractor = jieba.analyse.TFIDF()
    with resources.as_file(resources.files("digest").joinpath("data/stopwords.txt")) as path:
        extractor.set_stop_words(str(path))
    return extractor


def extract_keywords(text: str, title: str | None = None, count: int = 8) -> list[str]:
    # The headline is added once more: words in it are what the article is about.
    source = f"{title}\n{text}" if title else text
    words = _extractor().extract_tags(source, topK=count * 2)
    return [w for w in words if len(w) >= 2 and not any(ch.isdigit() for ch in w)][:count]
