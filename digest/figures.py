"""Key figures of the week (数说本周): a number, its unit, and what it counts.

A figure's phrase is its clause trimmed at word boundaries, so a long clause is cut into words.
The cuts are made while an article is processed, when the word cutter is loaded anyway
(`clause_cuts`, kept on the article and in the cache with it), so composing a week from the
cache does not load the cutter (rjieba, 0.2–0.4 s of a warm build) for a few clauses; a clause
whose cut was not kept (say, an entry cached before cuts were kept) is cut then, with the
same words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Article
from .sentences import split_sentences

UNITS = "亿元|万元|元|万亩|亩|万吨|吨|万千瓦|千瓦|兆瓦|MW|GW|万人|人次|人|个|家|项|户|座|辆|公里|平方米|名|所|台|套|块|%|％"
# A number and its unit; not a rate (`1个/亩`) and not part of a model name (`2MW AEM`).
FIGURE_RE = re.compile(rf"(?<![A-Za-z])(\d+(?:\.\d+)?)\s*(万|亿)?({UNITS})(?![/A-Za-z ])")
# A figure's phrase never runs past a clause, nor past an item of a list (、).
_CLAUSE_RE = re.compile(r"[^，；。！？：、]+")
# Any number with what may follow it: a window edge must not fall inside one (…出氢到3|套).
_NUMBER_RE = re.compile(rf"\d+(?:\.\d+)?\s*(?:万|亿)?(?:{UNITS})?")
_CONNECTORS = "到至和与及或、 "
KEY_SENTENCE_BONUS = 1.5  # a figure in one of the article's key sentences counts this much more
BEFORE, AFTER = 10, 12  # characters of context kept on each side of the number
# Figures that say most (money, shares, capacity, output) before counts of things.
UNIT_WEIGHT = {"亿元": 5, "万元": 4, "%": 4, "％": 4, "万千瓦": 4, "万吨": 4, "万亩": 4, "千瓦": 3, "吨": 2, "个": 2, "项": 2}


@dataclass
class Figure:
    text: str  # the number in its clause: 39个项目已开工37个
    value: int | float  # an int when printed without decimals (20所), else a float (1.69亿元)
    unit: str
    sentence: str
    article: str  # article id
    offset: int = 0  # where the sentence stands in the article, for reading order

    @property
    def weight(self) -> int:
        return UNIT_WEIGHT.get(self.unit, 1)


def _trimmed(clause: str, start: int, end: int) -> bool:
    """Whether the figure at clause[start:end] is shown with less than its whole clause."""
    return len(clause) > BEFORE + AFTER + (end - start)


def _words(clause: str, cuts: dict[str, list[str]]) -> list[str]:
    cut = cuts.get(clause)
    if cut is None:
        from .summarize.tokens import words  # the cutter loads only for a clause not cut before

        cut = words(clause)
    return cut


def _window(clause: str, start: int, end: int, cuts: dict[str, list[str]]) -> str:
    """The clause around the number, trimmed at word boundaries to a few words each side, and
    never through another number and its unit (the phrase ends before `到3套`, not at `到3`)."""
    if not _trimmed(clause, start, end):
        return clause
    first, last, position = None, len(clause), 0
    for word in _words(clause, cuts):
        word_end = position + len(word)
        if word_end > start - BEFORE and position < end + AFTER:
            first = position if first is None else first
            last = word_end
        position = word_end
    first = start if first is None else first
    for number in _NUMBER_RE.finditer(clause):
        if number.start() >= end and number.start() < last < number.end():
            last = number.start()  # the window would end inside a later number: end before it
        if number.end() <= start and number.start() < first < number.end():
            first = number.end()  # or start inside an earlier one: start after it
    return clause[first:last].rstrip(_CONNECTORS).lstrip(_CONNECTORS)


def _numbers(text: str):
    """(sentence, its offset in the text, a clause of it, a figure in the clause) in reading order."""
    offset = 0
    for sentence in split_sentences(text):
        for clause in _CLAUSE_RE.finditer(sentence):
            for match in FIGURE_RE.finditer(clause.group(0)):
                yield sentence, offset, clause, match
        offset += len(sentence)


def clause_cuts(article: Article) -> list[list[str]]:
    """The words of every clause of the article that a figure's phrase is trimmed from (each
    clause once): what `figures_in` would cut, made while the cutter is loaded."""
    from .summarize.tokens import words

    cuts: dict[str, list[str]] = {}
    for _, _, clause, match in _numbers(article.text):
        if clause.group(0) not in cuts and _trimmed(clause.group(0), match.start(), match.end()):
            cuts[clause.group(0)] = words(clause.group(0))
    return list(cuts.values())


def figures_in(article: Article, cuts: dict[str, list[str]] | None = None) -> list[Figure]:
    """The article's figures; `cuts` maps clauses to their words, cut before (else cut here)."""
    cuts = {"".join(cut): cut for cut in article.figure_cuts} if cuts is None else cuts
    found: list[Figure] = []
    for sentence, offset, clause, match in _numbers(article.text):
        number, scale, unit = match.groups()
        text = _window(clause.group(0), match.start(), match.end(), cuts).strip("“”《》（） ")
        if len(text) >= 6 and not any(f.text == text for f in found):
            value = float(number) if "." in number else int(number)
            found.append(Figure(text, value, (scale or "") + unit, sentence, article.id, offset + clause.start()))
    return found


def key_figures(articles: list[Article], limit: int = 12) -> list[Figure]:
    """The week's key figures: each article's best figure first (key sentences, then weighty
    units), then second-best ones, until `limit`; shown in reading order."""
    cuts = {"".join(cut): cut for article in articles for cut in article.figure_cuts}
    ranked_by_article = []
    for article in articles:
        key = {s.text for s in article.summary}
        ranked_by_article.append(sorted(figures_in(article, cuts), key=lambda f: (-(f.weight + KEY_SENTENCE_BONUS * (f.sentence in key)), f.offset)))
    chosen: list[Figure] = []
    for round_ in range(2):
        candidates = [ranked[round_] for ranked in ranked_by_article if len(ranked) > round_]
        room = limit - len(chosen)
        chosen.extend(sorted(candidates, key=lambda f: -f.weight)[:room] if len(candidates) > room else candidates)
    order = {article.id: i for i, article in enumerate(articles)}
    return sorted(chosen, key=lambda f: (order[f.article], f.offset))
