"""The project's TextRank: one tokenization per article, vectorized similarity, numpy PageRank.

Differences from textrank4zh, each for a measured reason (see benchmarks/quality.py):
- sentences are tokenized once with jieba's plain cutter, not POS-tagged three times;
- similarity is TF-IDF cosine over a sparse matrix, with no self-loops;
- PageRank teleports toward early sentences (news leads are strong) and toward the headline;
- over-long list-like sentences are damped and fragments (headings, slogans) never chosen.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from ..clean import han_only
from .tokens import tokenize

DAMPING = 0.85
POSITION_DECAY = 1.0  # teleport weight of sentence i is 1 / (i + 1) ** POSITION_DECAY
TITLE_WEIGHT = 1.0  # how much headline similarity adds to the teleport weight
MIN_HAN = 8  # shorter sentences are fragments: headings, slogans, bylines
LONG_SENTENCE = 110  # Han characters beyond which a sentence is damped
SHORT_SENTENCE = 20  # Han characters below which a sentence is damped


def _tfidf(token_lists: list[list[str]]) -> sparse.csr_matrix:
    vocabulary: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for r, tokens in enumerate(token_lists):
        counts: dict[int, int] = {}
        for token in tokens:
            c = vocabulary.setdefault(token, len(vocabulary))
            counts[c] = counts.get(c, 0) + 1
        for c, n in counts.items():
            rows.append(r)
            cols.append(c)
            vals.append(1.0 + np.log(n))
    matrix = sparse.csr_matrix((vals, (rows, cols)), shape=(len(token_lists), max(1, len(vocabulary))))
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    idf = np.log((1 + matrix.shape[0]) / (1 + df)) + 1.0
    matrix = matrix @ sparse.diags(idf)
    norms = np.sqrt(matrix.multiply(matrix).sum(axis=1)).A1
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ matrix


def pagerank(weights: sparse.csr_matrix, teleport: np.ndarray, damping: float = DAMPING, tol: float = 1e-8, max_iter: int = 200) -> np.ndarray:
    """Power iteration on a weighted graph; rows without edges jump by the teleport vector."""
    out = np.asarray(weights.sum(axis=1)).ravel()
    dangling = out == 0
    out[dangling] = 1.0
    transition = (sparse.diags(1.0 / out) @ weights).T.tocsr()
    rank = teleport.copy()
    for _ in range(max_iter):
        new = damping * (transition @ rank + rank[dangling].sum() * teleport) + (1 - damping) * teleport
        if np.abs(new - rank).sum() < tol:
            return new
        rank = new
    return rank


class TextRankRanker:
    name = "textrank"
    uses_mmr = True

    def score(self, sentences: list[str], title: str | None = None) -> list[float]:
        n = len(sentences)
        if n == 0:
            return []
        han_lengths = np.array([len(han_only(s)) for s in sentences], dtype=float)
        usable = han_lengths >= MIN_HAN
        if n == 1:
            return [1.0]
        tokens = [tokenize(s) for s in sentences]
        has_title = bool(title and tokenize(title))
        matrix = _tfidf(tokens + ([tokenize(title)] if has_title else []))
        vectors = matrix[:n]
        similarity = (vectors @ vectors.T).tocsr()
        similarity.setdiag(0.0)
        similarity.eliminate_zeros()
        teleport = 1.0 / np.arange(1, n + 1) ** POSITION_DECAY
        title_boost = np.ones(n)
        if has_title:
            # The headline says what the article is about: sentences close to it are walked to
            # more often and scored higher.
            title_boost += TITLE_WEIGHT * (vectors @ matrix[n].T).toarray().ravel()
            teleport = teleport * title_boost
        teleport = np.where(usable, teleport, teleport * 0.05)
        teleport = teleport / teleport.sum()
        rank = pagerank(similarity, teleport)
        # Damp over-long list sentences and short ones alike: a key sentence states a whole fact.
        safe = np.maximum(han_lengths, 1.0)
        length_factor = np.where(han_lengths > LONG_SENTENCE, LONG_SENTENCE / safe, np.minimum(1.0, safe / SHORT_SENTENCE))
        scores = rank * title_boost * length_factor * np.where(usable, 1.0, 0.0)
        if not scores.any():  # only fragments: fall back to document order
            scores = teleport
        return [float(x) for x in scores]
