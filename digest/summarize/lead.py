"""The lead baseline: the first sentences, which in news carry the who, what and when."""

from __future__ import annotations


class LeadRanker:
    name = "lead"
    uses_mmr = False

    def score(self, sentences: list[str], title: str | None = None) -> list[float]:
        n = len(sentences)
        return [float(n - i) / n for i in range(n)]
