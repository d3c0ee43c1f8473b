"""The week as a briefing: articles once each, top stories, theme sections, counties, figures."""

from __future__ import annotations

import re
import zlib
from collections import Counter
from itertools import chain
from functools import lru_cache, reduce
from importlib import resources
from operator import or_

from .clean import han_only, shingles
from .continuations import join_continuations
from .edits import Edits, check_against
from .enrich import NATIONAL_SECTION, OUTSIDE_SECTION, PLACE_SECTIONS, Themes, about_shanxi
from .figures import key_figures
from .model import Article, Briefing, Issue, ThemeSection

SHINGLE = 4  # Han characters per shingle when comparing printings
SAME_ARTICLE = 0.8  # shingle overlap above which two printings are one article
ANCHOR_SAMPLE = 8  # one shingle in this many is an anchor for finding repeats
MIN_SHARED_ANCHORS = 0.5  # a repeat shares at least this share of the larger printing's anchors
STOCK_PHRASE = 64  # an anchor in more articles than this is a stock phrase, not evidence
TOP_KINDS = ("news", "feature", "commentary")
# Articles up to which centrality is counted in Python (ints as bit sets): a week's build from the
# cache has not loaded numpy (its import, 0.07-0.14 s of CPU, costs more than the bits up to here).
SMALL_WEEK = 2500
# Above it the links between articles sharing a keyword pair are marked in a table of articles ×
# articles a block of rows at a time: at most this many cells (16 MB of booleans) and this many
# marks (repeats included: an article holding very common pairs makes more in a block of its own).
LINK_CELLS = 1 << 24
LINK_MARKS = 1 << 22


def _overlap(sa: frozenset[str], sb: frozenset[str]) -> float:
    """Shared shingles over the larger set: a short caption inside a long report is not a repeat of it."""
    return len(sa & sb) / max(len(sa), len(sb)) if sa and sb else 0.0


def _could_overlap(sa: frozenset[str], sb: frozenset[str]) -> bool:
    """Whether the sets' sizes allow `_overlap` to reach SAME_ARTICLE: the shared shingles are at
    most the smaller set, so a set much smaller than the other is never the same article."""
    return min(len(sa), len(sb)) >= SAME_ARTICLE * max(len(sa), len(sb))


def same_article(a: Article, b: Article) -> bool:
    return _overlap(shingles(a.text, SHINGLE), shingles(b.text, SHINGLE)) >= SAME_ARTICLE


def _anchors(article_shingles: frozenset[str]) -> set[str]:
    """A fixed sample of an article's shingles (the same shingle is sampled in every article),
    so that two printings of one article share anchors and others rarely do."""
    anchors = {s for s in article_shingles if zlib.crc32(s.encode("utf-8")) % ANCHOR_SAMPLE == 0}
    return anchors or set(sorted(article_shingles)[:1])


def merge_repeats(issues: list[Issue]) -> list[Article]:
    """Each article once: a later printing (even with small edits) adds its issue to `sources`.

    Candidates come from an index of anchor shingles: a printing of the same article shares at
    least half of its anchors, and an anchor found in very many articles (a stock phrase) is
    no evidence. So the week, or a year, is read in about linear time; each candidate is then
    checked on all its shingles."""
    kept: list[Article] = []
    shingle_sets: list[frozenset[str]] = []
    anchor_counts: list[int] = []
    printed_in: list[int] = []  # the issue (by position) each kept article came from
    index: dict[str, list[int]] = {}
    for number, issue in enumerate(issues):
        # Only an article kept from an earlier issue can be repeated here: until one is, the
        # lists hold this issue's articles alone (a single big issue never reads them).
        earlier = bool(kept)
        for article in issue.articles:
            mine = shingles(article.text, SHINGLE)
            anchors = _anchors(mine)
            first = _first_printing(mine, anchors, index, shingle_sets, anchor_counts, printed_in, number) if earlier else None
            if first is not None and len(han_only(article.text)) >= 20:
                kept[first].sources.append(issue.source)
                continue
            me = len(kept)  # one int object in every list: counting them reads less memory
            for anchor in anchors:
                index.setdefault(anchor, []).append(me)
            kept.append(article)
            shingle_sets.append(mine)
            anchor_counts.append(len(anchors))
            printed_in.append(number)
    return kept


def _first_printing(mine: frozenset[str], anchors: set[str], index: dict[str, list[int]], shingle_sets: list[frozenset[str]],
                    anchor_counts: list[int], printed_in: list[int], number: int) -> int | None:
    """The earliest kept article of another issue than `number` that the article of shingles
    `mine` and `anchors` repeats, if any (see merge_repeats)."""
    # A stock phrase is skipped before its (long, growing) list of articles is read; the
    # lists are counted in C, chained (near-copies make them long: a big week's cost).
    shared = Counter(chain.from_iterable([holders for anchor in anchors if len(holders := index.get(anchor, ())) <= STOCK_PHRASE]))
    least = MIN_SHARED_ANCHORS * len(anchors)
    candidates = sorted(i for i, n in shared.items() if n >= least and n >= MIN_SHARED_ANCHORS * anchor_counts[i])
    return next((i for i in candidates if printed_in[i] != number and _could_overlap(shingle_sets[i], mine) and _overlap(shingle_sets[i], mine) >= SAME_ARTICLE), None)


@lru_cache(maxsize=1)
def leaders_pattern() -> re.Pattern:
    """The posts and names in `data/leaders.txt`, longest first; never right after 城 (城市长远)."""
    text = resources.files("digest").joinpath("data/leaders.txt").read_text(encoding="utf-8")
    entries = sorted({line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")}, key=lambda e: (-len(e), e))
    return re.compile("(?<!城)(?:" + "|".join(re.escape(e) for e in entries) + ")")


def story_score(article: Article) -> float:
    """How much an article matters this week, as documented in the README:
    front-page position, the city's leaders, length, and how many of the week's articles
    share its keywords (centrality) are added up."""
    score = 2.0 if article.position < 2 else 0.0
    score += 2.0 if leaders_pattern().search(f"{article.title or ''} {article.subtitle or ''} {article.text[:300]}") else 0.0
    score += min(len(article.text) / 1500.0, 1.5)
    return score


def centrality(articles: list[Article]) -> dict[int, float]:
    """For each article (by `id()`), the share of the others that share two or more keywords
    with it. Two articles share two keywords exactly when they share a pair of keywords: the
    articles holding each pair are noted, and each article counts the others found under
    any of its pairs (as bits of an int for a week; for more, marked in a table, see `_links`)."""
    pairs_of = _keyword_pairs(articles)
    if len(articles) <= SMALL_WEEK:
        # Article k is bit k: a pair's holders are one int, an article's linked articles the OR
        # of its pairs' ints (in C, at most SMALL_WEEK bits each), counted by bit_count. (A set
        # made for each article took an entry for every holder of each of its pairs: the
        # links grow with the square of a week of near-copies, docs/speed.md.)
        holders: dict[int, int] = {}
        held = holders.get
        for number, pairs in enumerate(pairs_of):
            bit = 1 << number
            for pair in pairs:
                holders[pair] = held(pair, 0) | bit
        linked = [reduce(or_, map(holders.__getitem__, pairs), 1 << number).bit_count() - 1 for number, pairs in enumerate(pairs_of)]
    else:
        linked = _links(pairs_of).tolist()
    others = max(1, len(articles) - 1)
    return {id(article): linked[number] / others for number, article in enumerate(articles)}


def _keyword_pairs(articles: list[Article]) -> list[list[int]]:
    """Every two keywords of each article, each pair one integer (the two keywords' numbers)."""
    numbers: dict[str, int] = {}
    pairs_of = []
    for article in articles:
        words = sorted({numbers.setdefault(word, len(numbers)) for word in article.keywords})
        pairs_of.append([a << 32 | b for k, a in enumerate(words) for b in words[k + 1 :]])
    return pairs_of


def _links(pairs_of: list[list[int]]):
    """For each article, how many others share one of its pairs (numpy, in C): every holder of
    a pair is marked in the row of every other holder, in a table of articles × articles filled
    a block of rows at a time, and each row's marks are counted; the work grows with the
    links, not with every two articles."""
    import numpy as np  # loaded by the ranker already, unless every issue came from the cache

    count = len(pairs_of)
    rows = np.repeat(np.arange(count), [len(pairs) for pairs in pairs_of])
    _, pair, holders = np.unique(np.fromiter(chain.from_iterable(pairs_of), dtype=np.int64, count=rows.size), return_inverse=True, return_counts=True)
    shared = holders[pair] > 1  # a pair no other article holds links nothing
    rows, pair = rows[shared], pair[shared]
    members = rows[np.argsort(pair, kind="stable")]  # the articles of each shared pair, pair after pair
    held = np.where(holders > 1, holders, 0)
    first = np.cumsum(held) - held  # where each pair's articles start in `members`
    marks = held[pair]  # an article's pair marks every article holding it
    block = max(1, LINK_CELLS // count)
    table = np.zeros((min(block, count), count), dtype=bool)
    linked = np.zeros(count, dtype=np.int64)
    for lo, hi in _blocks(np.bincount(rows, weights=marks, minlength=count).tolist(), block):
        span = slice(*np.searchsorted(rows, [lo, hi]))
        made = marks[span]
        row = np.repeat(rows[span] - lo, made)
        column = members[np.repeat(first[pair[span]], made) + np.arange(row.size) - np.repeat(np.cumsum(made) - made, made)]
        table[row, column] = True
        linked[lo:hi] = np.count_nonzero(table[: hi - lo], axis=1)
        table[row, column] = False  # cleared mark by mark for the next block
    return linked - (linked > 0)  # an article linked to any other is marked in its own row too


def _blocks(marks: list[float], most_rows: int):
    """Runs of articles (lo, hi) of at most `most_rows` articles and LINK_MARKS marks, one
    article at least; `marks[i]`: the marks article i makes."""
    lo, total = 0, 0
    for row, made in enumerate(marks):
        if row > lo and (row - lo >= most_rows or total + made > LINK_MARKS):
            yield lo, row
            lo, total = row, 0
        total += made
    yield lo, len(marks)


def importance(articles: list[Article]) -> dict[int, float]:
    """The 本周要闻 score of each article (by `id()`): `story_score` + 2 × its centrality among `articles`."""
    shares = centrality(articles)
    return {id(a): story_score(a) + 2.0 * shares[id(a)] for a in articles}


def top_stories(articles: list[Article], count: int = 5, pinned: list[Article] = ()) -> list[Article]:
    """The `pinned` articles in their order, then the best-ranked others, `count` in all (or
    every pinned one when there are more)."""
    pinned = list(pinned)
    candidates = [a for a in articles if a.lvliang and a.kind in TOP_KINDS and not a.title_generated]
    score = importance(candidates)
    ranked = sorted(candidates, key=lambda a: (-score[id(a)], a.id))
    return pinned + [a for a in ranked if a not in pinned][: max(0, count - len(pinned))]


def county_counts(articles: list[Article], counties: list[str]) -> dict[str, int]:
    return {county: sum(1 for a in articles if county in a.counties) for county in counties}


def apply_edits(articles: list[Article], edits: Edits, themes: Themes) -> tuple[list[Article], list[Article], dict[str, str]]:
    """The editor's last word (digest/edits.py): the articles left after `drop`, rethemed; the
    pinned articles in order; and the section each rethemed article is filed under. Every id
    must be an article of this week, or a DigestError names it. (Titles are set by `retitle`,
    once 本周要闻 is ranked, so a new title never reorders it.)"""
    sections = themes.names + list(PLACE_SECTIONS)
    check_against(edits, {a.id for a in articles}, sections)
    kept = [a for a in articles if a.id not in edits.drop]
    by_id = {a.id: a for a in kept}
    for article_id, theme in edits.themes.items():
        if theme not in PLACE_SECTIONS:
            by_id[article_id].theme = theme
    return kept, [by_id[i] for i in edits.pin], dict(edits.themes)


def retitle(articles: list[Article], titles: dict[str, str]) -> None:
    for article in articles:
        if article.id in titles:
            article.title = titles[article.id]
            article.title_generated = False  # no longer made from the lead: the editor wrote it


def section_of(article: Article, filed: dict[str, str]) -> str:
    """The section an article is shown in: where the editor filed it, else its theme when it is
    about Lüliang, else 省内动态 when it is about Shanxi, else 国内."""
    if article.id in filed:
        return filed[article.id]
    if article.lvliang:
        return article.theme
    return OUTSIDE_SECTION if about_shanxi(article) else NATIONAL_SECTION


def compose(issues: list[Issue], title: str, themes: Themes, counties: list[str], edits: Edits | None = None, figures: bool = True) -> Briefing:
    """The week of `issues` as a briefing; `figures=False` leaves 数说本周 empty (a week composed only to be counted)."""
    join_continuations(issues)
    articles = merge_repeats(issues)
    pinned: list[Article] = []
    filed: dict[str, str] = {}
    found = len(articles)
    if edits is not None:
        articles, pinned, filed = apply_edits(articles, edits, themes)
    local = [a for a in articles if a.lvliang]
    names = themes.names + list(PLACE_SECTIONS)
    filed_under: dict[str, list[Article]] = {name: [] for name in names}
    for article in articles:  # each article's section found once (about_shanxi reads its text)
        filed_under.setdefault(section_of(article, filed), []).append(article)
    sections = [ThemeSection(name, filed_under[name]) for name in names]
    for section in sections:  # every article in full until digest/select.py chooses for a page budget
        section.featured = list(section.articles)
    dates = [issue.date for issue in issues if issue.date]
    top = top_stories(articles, pinned=pinned)
    if edits is not None:
        retitle(articles, edits.titles)
    return Briefing(
        title=title,
        issues=issues,
        articles=articles,
        sections=sections,
        first_date=min(dates, default=None),
        last_date=max(dates, default=None),
        top_stories=top,
        counties=county_counts(local, counties),
        figures=key_figures(local) if figures else [],
        note=edits.note if edits is not None else "",
        selected={a.id for a in articles},
        dropped=found - len(articles),
    )
