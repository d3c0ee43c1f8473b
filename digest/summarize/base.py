"""The ranker interface and the selection policy shared by every ranker."""

from __future__ import annotations

import math
from typing import Protocol

from ..clean import share_of_fewer, shingles
from ..model import KeySentence

MMR_LAMBDA = 0.8  # weight of a sentence's own score against its similarity to those already chosen
MAX_OVERLAP = 0.6  # a sentence sharing more of its bigrams with a chosen one is a repeat, never shown


class Ranker(Protocol):
    name: str
    uses_mmr: bool  # whether `select` should weigh sentences against those already chosen

    def score(self, sentences: list[str], title: str | None = None) -> list[float]:
        """One score per sentence, higher is more central; same length as `sentences`."""


def _cosine(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


CUT_MARK = "…"
CLAUSE_ENDS = "，；：、,;:"


def cut_to_budget(sentence: str, budget: int) -> str:
    """`sentence` cut to at most `budget` characters, the cutting mark `…` included: at the last
    clause boundary (，；：、) that fits, else (one clause longer than the budget) at the budget."""
    if len(sentence) <= budget:
        return sentence
    room = budget - len(CUT_MARK)
    boundary = max((i for i, ch in enumerate(sentence[: room + 1]) if ch in CLAUSE_ENDS), default=0)
    return sentence[: boundary or room].rstrip() + CUT_MARK


def select(
    sentences: list[str],
    scores: list[float],
    count: int,
    budget: int | None = None,
    redundancy: bool = True,
    max_overlap: float = MAX_OVERLAP,
    mmr_lambda: float = MMR_LAMBDA,
) -> list[KeySentence]:
    """Pick up to `count` sentences and return them in document order.

    With `redundancy`, by maximal marginal relevance: each pick maximises
    λ · score / best score − (1 − λ) · (highest bigram cosine with a sentence already picked),
    and a near-repeat of a picked sentence (more than `max_overlap` of the shorter one's
    bigrams in the other) is never picked. Without it, by score (ties: earlier first).
    Sentences scored zero or less (fragments) are never picked unless nothing scores above
    zero. A sentence that would take the summary past `budget` characters is passed over; when
    not even one fits, the first sentence cut to the budget (`cut_to_budget`) is the summary."""
    n = len(sentences)
    if n == 0 or count <= 0:
        return []
    top = max(scores)
    positive = [i for i in range(n) if scores[i] > 0] if top > 0 else list(range(n))
    relevance = [scores[i] / top if top > 0 else 0.0 for i in range(n)]
    grams: dict[int, frozenset[str]] = {}  # made for the sentences MMR weighs, not for every one

    def gram(i: int) -> frozenset[str]:
        if i not in grams:
            grams[i] = shingles(sentences[i], 2)
        return grams[i]

    candidates = sorted(positive, key=lambda i: (-scores[i], i))
    bounded = 0.0 <= mmr_lambda <= 1.0  # then a value is never above λ · relevance
    chosen: list[int] = []
    used = 0
    while candidates and len(chosen) < count:
        best, best_value = None, -math.inf
        for i in candidates:
            if budget is not None and used + len(sentences[i]) > budget:
                continue
            if redundancy and chosen:
                if bounded and mmr_lambda * relevance[i] <= best_value:
                    break  # candidates are in score order and a value is at most λ · relevance: none after this can win
                if any(share_of_fewer(gram(i), gram(j)) > max_overlap for j in chosen):
                    continue
                value = mmr_lambda * relevance[i] - (1 - mmr_lambda) * max(_cosine(gram(i), gram(j)) for j in chosen)
            else:
                value = relevance[i]
            if value > best_value:  # candidates are in score order: ties keep the higher score, then the earlier
                best, best_value = i, value
            if not (redundancy and chosen):
                break  # by score: the first that fits is the pick
        if best is None:
            if not chosen and candidates:  # nothing fits the budget: the lead, cut to fit
                first = min(positive)
                return [KeySentence(text=cut_to_budget(sentences[first], budget), position=first, score=round(float(scores[first]), 6))]
            break
        chosen.append(best)
        used += len(sentences[best])
        candidates.remove(best)
    return [KeySentence(text=sentences[i], position=i, score=round(float(scores[i]), 6)) for i in sorted(chosen)]
