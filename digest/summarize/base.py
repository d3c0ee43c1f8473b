"""The ranker interface and the selection policy shared by every ranker."""

from __future__ import annotations

from typing import Protocol

from ..clean import han_only
from ..model import KeySentence


class Ranker(Protocol):
    name: str
    uses_mmr: bool  # whether `select` should drop sentences that repeat a chosen one

    def score(self, sentences: list[str], title: str | None = None) -> list[float]:
        """One score per sentence, higher is more central; same length as `sentences`."""


def _overlap(a: str, b: str) -> float:
    """Share of the shorter sentence's character bigrams found in the other."""
    grams_a = {a[i : i + 2] for i in range(len(a) - 1)}
    grams_b = {b[i : i + 2] for i in range(len(b) - 1)}
    if not grams_a or not grams_b:
        return 0.0
    return len(grams_a & grams_b) / min(len(grams_a), len(grams_b))


def select(
    sentences: list[str],
    scores: list[float],
    count: int,
    budget: int | None = None,
    redundancy: bool = True,
    max_overlap: float = 0.6,
) -> list[KeySentence]:
    """Pick up to `count` sentences by score (ties: earlier first), skipping near-repeats of a
    chosen sentence and stopping at a character `budget`; return them in document order."""
    order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    chosen: list[int] = []
    used = 0
    for i in order:
        if len(chosen) >= count:
            break
        if budget is not None and chosen and used + len(sentences[i]) > budget:
            continue
        core = han_only(sentences[i])
        if redundancy and any(_overlap(core, han_only(sentences[j])) > max_overlap for j in chosen):
            continue
        chosen.append(i)
        used += len(sentences[i])
    return [KeySentence(text=sentences[i], position=i, score=round(float(scores[i]), 6)) for i in sorted(chosen)]
