"""Character-level ROUGE-1, ROUGE-2 and ROUGE-L F1, scored as ROUGE-1.5.5 scores tokens.

Tokens: after NFKC (full-width letters and digits become ASCII) and lowercasing, every Chinese
character is one token and every run of Latin letters or digits is one token ("2021年" is
"2021", "年"); punctuation, spaces and other symbols are dropped, as ROUGE-1.5.5 drops
non-alphanumerics. N-gram overlap uses clipped counts: an n-gram repeated k times in the
candidate matches at most as often as it occurs in the reference. ROUGE-L is the longest
common subsequence of the two whole token sequences. F1 is the harmonic mean of precision
and recall (ROUGE-1.5.5 with alpha 0.5); an empty candidate or reference scores 0.

    >>> round(rouge_n("今天天气很好", "今天天气不错", 1), 4)
    0.6667
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_TOKEN_RE = re.compile(r"[a-z0-9]+|[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ebef]")


def tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(unicodedata.normalize("NFKC", text).lower())


def _f1(overlap: int, candidate_total: int, reference_total: int) -> float:
    if overlap == 0:
        return 0.0
    precision, recall = overlap / candidate_total, overlap / reference_total
    return 2 * precision * recall / (precision + recall)


def _ngrams(seq: list[str], n: int) -> Counter:
    return Counter(tuple(seq[i : i + n]) for i in range(len(seq) - n + 1))


def rouge_n(candidate: str, reference: str, n: int) -> float:
    cand, ref = _ngrams(tokens(candidate), n), _ngrams(tokens(reference), n)
    overlap = sum((cand & ref).values())  # Counter & keeps the smaller count: clipping
    return _f1(overlap, sum(cand.values()), sum(ref.values()))


def lcs_length(a: list[str], b: list[str]) -> int:
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def rouge_l(candidate: str, reference: str) -> float:
    cand, ref = tokens(candidate), tokens(reference)
    return _f1(lcs_length(cand, ref), len(cand), len(ref))


def rouge_scores(candidate: str, reference: str) -> dict[str, float]:
    """F1 in [0, 1] for ROUGE-1, ROUGE-2 and ROUGE-L."""
    return {"R-1": rouge_n(candidate, reference, 1), "R-2": rouge_n(candidate, reference, 2), "R-L": rouge_l(candidate, reference)}
