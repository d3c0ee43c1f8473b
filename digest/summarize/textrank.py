"""The project's TextRank: one tokenization per article, BM25 similarity, numpy PageRank, priors.

A sentence's score is the product of independent pieces of evidence:

    position prior × headline similarity × centrality ** CENTRALITY_WEIGHT × length prior × list prior

- centrality: PageRank over BM25 similarity between sentences (sparse, symmetric, no
  self-loops), tokens cut once per sentence (cached, shared with the keywords);
- position prior: FLOOR + (1 - FLOOR) · exp(-i / DECAY). News put the point first: on the
  sample issues a sentence's share of its headline's bigrams falls from 0.57 at the first
  sentence to 0.29 at the second and levels off near 0.17 from the fourth on; the prior
  (1, 0.61, 0.41, 0.31, 0.26, … 0.2) follows that curve;
- headline similarity, when the headline is known (TF-IDF cosine);
- length prior: flat over the lengths of ordinary key sentences, falling off below
  SHORT_SENTENCE and above LONG_SENTENCE Han characters;
- list prior: a sentence with many 、 or ；, or with numbered items (`1、…；2、…`), is a list,
  not a statement;
- fragments (fewer than MIN_HAN Han characters, in-body headings, slogans and couplets with
  no end mark) are never chosen.

Cost grows about linearly with length: the similarity matrix is sparse and PageRank is a few
dozen sparse products. Past FULL_GRAPH sentences (a whole report of a congress, a law) a
sentence is compared only with the GRAPH_WINDOW sentences either side of it, so time and memory
stay linear (every two sentences of 15,000 would be 225 million pairs). An ordinary article
(sentences² × words up to DENSE_PRODUCT, the multiplications of its similarity product) is
computed the same way on plain numpy arrays: on matrices this small scipy's sparse machinery
costs more than the arithmetic (a product of DENSE_PRODUCT terms takes about 5 ms), and a
week of such articles never loads scipy at all (0.3 s of a process's CPU).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np

from ..clean import han_only
from .tokens import tokenize_many

if TYPE_CHECKING:
    from scipy import sparse

DAMPING = 0.85
POSITION_FLOOR = 0.2
POSITION_DECAY = 1.5
CENTRALITY_WEIGHT = 0.6  # exponent of the PageRank score (normalised to mean 1)
TITLE_WEIGHT = 4.0  # a sentence's weight is multiplied by 1 + TITLE_WEIGHT · cosine with the headline
MIN_HAN = 8  # shorter sentences are fragments: headings, slogans, bylines
HEADING_HAN = 30  # a sentence this short with no end mark is a heading or a slogan
SHORT_SENTENCE = 20  # Han characters below which a sentence is damped (× length / SHORT)
LONG_SENTENCE = 110  # Han characters beyond which a sentence is damped (× LONG / length)
LIST_SEPARATORS = 3  # separators (、；) a statement may have; each further one damps it
LIST_PENALTY = 0.15
ENUMERATOR_WEIGHT = 3  # a numbered item counts as this many separators
FULL_GRAPH = 2000  # sentences up to which every two sentences are compared
GRAPH_WINDOW = 100  # beyond that, each sentence is linked to those at most this far away
DENSE_PRODUCT = 10_000_000  # sentences² × words up to which the matrices are plain arrays, not sparse
BM25_K1 = 1.2
BM25_B = 0.75

_SEPARATOR_RE = re.compile(r"[、；;]")
# A numbered item inside a sentence: `做法：1、…；2、…`, `（1）`, `①`.
_ENUMERATOR_RE = re.compile(r"(?:^|(?<=[：:，,；;\s。]))(?:\d{1,2}|[一二三四五六七八九十])[、.．)）](?!\d)|[（(]\d{1,2}[）)]|[①-⑳]")
_END_RE = re.compile(r"[。！？…][”’」』）)]*$")


def sentence_features(sentences: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Han length, whether the sentence can be a key sentence at all, and its list items."""
    han_lengths = np.array([len(han_only(s)) for s in sentences], dtype=float)
    usable = np.ones(len(sentences), dtype=bool)
    items = np.zeros(len(sentences))
    for i, (s, length) in enumerate(zip(sentences, han_lengths)):
        if length < MIN_HAN or (length < HEADING_HAN and not _END_RE.search(s)):
            usable[i] = False  # a fragment, an in-body heading, a slogan or a couplet
        items[i] = len(_SEPARATOR_RE.findall(s)) + ENUMERATOR_WEIGHT * len(_ENUMERATOR_RE.findall(s))
    return han_lengths, usable, items


def position_prior(n: int, floor: float = POSITION_FLOOR, decay: float = POSITION_DECAY) -> np.ndarray:
    return floor + (1.0 - floor) * np.exp(-np.arange(n) / decay)


def length_prior(han_lengths: np.ndarray) -> np.ndarray:
    safe = np.maximum(han_lengths, 1.0)
    return np.minimum(1.0, safe / SHORT_SENTENCE) * np.minimum(1.0, LONG_SENTENCE / safe)


def list_prior(items: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + LIST_PENALTY * np.maximum(items - LIST_SEPARATORS, 0.0))


def term_matrix(token_lists: list[tuple[str, ...]], dense_product: int | None = None) -> sparse.csr_matrix | np.ndarray:
    """Sentences × words, raw counts: a plain array when `dense_product` is given and the
    sentences² × words of the similarity product are at most that, else sparse."""
    vocabulary: dict[str, int] = {}
    cols = [vocabulary.setdefault(token, len(vocabulary)) for tokens in token_lists for token in tokens]
    rows = np.repeat(np.arange(len(token_lists)), [len(tokens) for tokens in token_lists])
    shape = (len(token_lists), max(1, len(vocabulary)))
    if dense_product is not None and len(token_lists) ** 2 * len(vocabulary) <= dense_product:
        matrix = np.zeros(shape)
        np.add.at(matrix, (rows, np.asarray(cols, dtype=np.intp)), 1.0)
        return matrix
    from scipy import sparse  # only for long articles: a week of ordinary ones never loads it

    matrix = sparse.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=shape)
    matrix.sum_duplicates()
    return matrix


def bm25_similarity(counts: sparse.csr_matrix, k1: float = BM25_K1, b: float = BM25_B, window: int | None = None) -> sparse.csr_matrix:
    """Symmetric BM25 between sentences, no self-loops.

    bm25(i, j) = Σ_{w in i} idf(w) · tf(w, j)(k1 + 1) / (tf(w, j) + k1(1 − b + b·|j| / avg |s|)),
    idf(w) = log(1 + (N − df(w) + 0.5) / (df(w) + 0.5)) over the article's N sentences;
    the edge weight is the mean of bm25(i, j) and bm25(j, i). With `window`, only sentences at
    most that many apart are linked (computed block by block), so the graph of a very long
    article grows linearly with it instead of with its square. Counts given as a plain array
    give a plain array."""
    if isinstance(counts, np.ndarray):
        return _bm25_dense(counts, k1, b)
    from scipy import sparse

    n = counts.shape[0]
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    average = lengths.mean() or 1.0
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5))
    saturated = counts.astype(float)
    norm = np.repeat(k1 * (1.0 - b + b * lengths / average), np.diff(counts.indptr))
    saturated.data = saturated.data * (k1 + 1.0) / (saturated.data + norm)
    query = counts.astype(float)
    query.data[:] = 1.0
    query = (query @ sparse.diags(idf)).tocsr()
    if window is None or window >= n:
        similarity = (query @ saturated.T).tocsr()
    else:
        similarity = _banded_product(query, saturated.tocsr(), window)
    similarity = ((similarity + similarity.T) * 0.5).tocsr()
    similarity.setdiag(0.0)
    similarity.eliminate_zeros()
    return similarity


def _product(subscripts: str, *operands: np.ndarray) -> np.ndarray:
    """A matrix product on small plain arrays, in numpy's own loops: BLAS would start threads
    for a product of a few hundred thousand terms, which on a busy machine cost ten times the
    arithmetic (and a build already runs a process per core)."""
    return np.einsum(subscripts, *operands, optimize=False)


def _bm25_dense(counts: np.ndarray, k1: float, b: float) -> np.ndarray:
    """`bm25_similarity` on a plain array, term for term the same arithmetic."""
    n = counts.shape[0]
    lengths = counts.sum(axis=1)
    average = lengths.mean() or 1.0
    held = counts > 0
    df = held.sum(axis=0)
    idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5))
    norm = (k1 * (1.0 - b + b * lengths / average))[:, None]
    saturated = np.where(held, counts * (k1 + 1.0) / (counts + norm), 0.0)
    similarity = _product("iw,jw->ij", held * idf, saturated)
    similarity = (similarity + similarity.T) * 0.5
    np.fill_diagonal(similarity, 0.0)
    return similarity


def _banded_product(query: sparse.csr_matrix, saturated: sparse.csr_matrix, window: int) -> sparse.csr_matrix:
    """query @ saturated.T, kept only where the row and column are at most `window` apart:
    each block of `window` rows against the columns within reach, so no n × n product is made."""
    from scipy import sparse

    n = query.shape[0]
    rows, cols, values = [], [], []
    for start in range(0, n, window):
        stop = min(n, start + window)
        low, high = max(0, start - window), min(n, stop + window)
        block = (query[start:stop] @ saturated[low:high].T).tocoo()
        i, j = block.row + start, block.col + low
        near = np.abs(i - j) <= window
        rows.append(i[near])
        cols.append(j[near])
        values.append(block.data[near])
    return sparse.csr_matrix((np.concatenate(values), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))


def tfidf_vectors(counts: sparse.csr_matrix | np.ndarray) -> sparse.csr_matrix | np.ndarray:
    """Rows scaled to unit length: (1 + log tf) · idf."""
    if isinstance(counts, np.ndarray):
        held = counts > 0
        matrix = np.where(held, 1.0 + np.log(np.where(held, counts, 1.0)), 0.0)
        idf = np.log((1 + counts.shape[0]) / (1 + held.sum(axis=0))) + 1.0
        matrix = matrix * idf
        norms = np.sqrt((matrix * matrix).sum(axis=1))
        norms[norms == 0] = 1.0
        return matrix * (1.0 / norms)[:, None]
    from scipy import sparse

    matrix = counts.astype(float)
    matrix.data = 1.0 + np.log(matrix.data)
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    idf = np.log((1 + matrix.shape[0]) / (1 + df)) + 1.0
    matrix = matrix @ sparse.diags(idf)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return (sparse.diags(1.0 / norms) @ matrix).tocsr()


def pagerank(weights: sparse.csr_matrix, teleport: np.ndarray, damping: float = DAMPING, tol: float = 1e-8, max_iter: int = 200) -> np.ndarray:
    """Power iteration on a weighted graph; rows without edges jump by the teleport vector."""
    out = np.asarray(weights.sum(axis=1)).ravel()
    dangling = out == 0
    out[dangling] = 1.0
    if isinstance(weights, np.ndarray):
        transition = (weights * (1.0 / out)[:, None]).T
    else:
        from scipy import sparse

        transition = (sparse.diags(1.0 / out) @ weights).T.tocsr()
    step = (lambda rank: _product("ij,j->i", transition, rank)) if isinstance(transition, np.ndarray) else transition.dot
    rank = teleport.copy()
    jump = (1 - damping) * teleport  # the same at every step: made once
    # Rows without edges hand their rank on by the teleport vector; with none, that term adds
    # +0.0 to every (non-negative) entry, which changes none, and is left out.
    dangles = bool(dangling.any())
    for _ in range(max_iter):
        new = damping * (step(rank) + rank[dangling].sum() * teleport if dangles else step(rank)) + jump
        if np.abs(new - rank).sum() < tol:
            return new
        rank = new
    return rank


class TextRankRanker:
    name = "textrank"
    uses_mmr = True

    def __init__(self, floor: float = POSITION_FLOOR, decay: float = POSITION_DECAY, centrality_weight: float = CENTRALITY_WEIGHT, title_weight: float = TITLE_WEIGHT) -> None:
        self.floor, self.decay = floor, decay
        self.centrality_weight, self.title_weight = centrality_weight, title_weight

    def score(self, sentences: list[str], title: str | None = None) -> list[float]:
        n = len(sentences)
        if n == 0:
            return []
        if n == 1:
            return [1.0]
        han_lengths, usable, items = sentence_features(sentences)
        prior = position_prior(n, self.floor, self.decay)
        if not usable.any():  # only fragments: document order
            return [float(x) * 1e-3 for x in prior]
        tokens = tokenize_many(sentences + ([title] if title else []))
        counts = term_matrix(tokens, dense_product=DENSE_PRODUCT if n <= FULL_GRAPH else None)
        dense = isinstance(counts, np.ndarray)
        teleport = usable / usable.sum()
        window = None if n <= FULL_GRAPH else GRAPH_WINDOW  # a very long article: a bounded graph, linear memory
        centrality = pagerank(bm25_similarity(counts[:n], window=window), teleport) * n
        if title and tokens[n]:
            # The headline says what the article is about: sentences close to it score higher.
            vectors = tfidf_vectors(counts)
            cosines = _product("iw,w->i", vectors[:n], vectors[n]) if dense else (vectors[:n] @ vectors[n].T).toarray().ravel()
            prior = prior * (1.0 + self.title_weight * cosines)
        scores = prior * centrality**self.centrality_weight * length_prior(han_lengths) * list_prior(items) * usable
        return [float(x) for x in scores]
