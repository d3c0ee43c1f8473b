"""textrank4zh, the published library, as a ranker.

textrank4zh 0.3 calls `networkx.from_numpy_matrix`, which networkx 3 removed. We give the
library a namespace of its own with that name pointing at `from_numpy_array`, instead of
editing site-packages or patching networkx for everyone. PageRank in networkx 3 needs scipy.
"""

from __future__ import annotations

import types
from functools import lru_cache

import networkx as nx


@lru_cache(maxsize=1)
def _analyzer_class():
    from textrank4zh import util
    from textrank4zh.TextRank4Sentence import TextRank4Sentence

    if not hasattr(util.nx, "from_numpy_matrix"):
        compat = types.SimpleNamespace(from_numpy_matrix=nx.from_numpy_array, pagerank=nx.pagerank)
        util.nx = compat
    return TextRank4Sentence


class TextRank4ZHRanker:
    name = "textrank4zh"
    uses_mmr = False

    def score(self, sentences: list[str], title: str | None = None) -> list[float]:
        if len(sentences) == 1:
            return [1.0]
        # Our sentences, one per line, so the library splits exactly where we do.
        analyzer = _analyzer_class()(delimiters=["\n"])
        analyzer.analyze("\n".join(s.replace("\n", "") for s in sentences), lower=True, source="all_filters")
        scores = [0.0] * len(sentences)
        for item in analyzer.key_sentences:
            if 0 <= item.index < len(sentences):
                scores[item.index] = float(item.weight)
        return scores
