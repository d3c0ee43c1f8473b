"""Key figures of the week (数说本周): a number, its unit, and what it counts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Article
from .sentences import split_sentences

UNITS = "亿元|万元|元|万亩|亩|万吨|吨|万千瓦|千瓦|兆瓦|MW|GW|万人|人次|人|个|家|项|户|座|辆|公里|平方米|名|所|台|套|块|%|％"
FIGURE_RE = re.compile(rf"(\d+(?:\.\d+)?)\s*(万|亿)?({UNITS})")
_CLAUSE_RE = re.compile(r"[^，；。！？、：]+")
# Counts that say something (money, output, capacity, shares) before counts of things.
_UNIT_WEIGHT = {"亿元": 5, "万元": 4, "%": 4, "％": 4, "万千瓦": 4, "万吨": 4, "万亩": 4, "吨": 2, "千瓦": 3, "个": 2, "项": 2}


@dataclass
class Figure:
    text: str  # the clause the number stands in: 39个项目已开工37个
    value: float
    unit: str
    sentence: str
    article: str  # article id


def _clause(sentence: str, start: int, end: int) -> str:
    """The clause around the number, cut to a few characters before it and the rest of what it counts."""
    for match in _CLAUSE_RE.finditer(sentence):
        if match.start() <= start and end <= match.end():
            left = max(match.start(), start - 10)
            right = min(match.end(), end + 12)
            return sentence[left:right].strip("“”《》 ")
    return sentence[start:end]


def figures_in(article: Article) -> list[Figure]:
    found = []
    for sentence in split_sentences(article.text):
        for match in FIGURE_RE.finditer(sentence):
            number, scale, unit = match.groups()
            clause = _clause(sentence, match.start(), match.end())
            if len(clause) < 6 or len(clause) > 40:
                continue
            found.append(Figure(text=clause, value=float(number), unit=(scale or "") + unit, sentence=sentence, article=article.id))
    return found


def key_figures(articles: list[Article], per_article: int = 2, limit: int = 12) -> list[Figure]:
    """The best figures of each article (key sentences first, weighty units first), week-wide in reading order."""
    chosen: list[Figure] = []
    for article in articles:
        key = {s.text for s in article.summary}
        ranked = sorted(figures_in(article), key=lambda f: (-(f.sentence in key), -_UNIT_WEIGHT.get(f.unit, 1)))
        seen: set[str] = set()
        for figure in ranked:
            if figure.text not in seen and len(seen) < per_article:
                seen.add(figure.text)
                chosen.append(figure)
    weights = sorted(chosen, key=lambda f: -_UNIT_WEIGHT.get(f.unit, 1))[:limit]
    return [f for f in chosen if f in weights]
