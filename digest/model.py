"""The data model passed from stage to stage.

ingest makes an `Issue` per input file; clean fills `Issue.text`; segment fills
`Issue.articles`; summarize and enrich fill each `Article`'s derived fields; render
reads a `Briefing` (the week: every issue, its articles grouped by theme).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

KINDS = ("news", "feature", "notice", "photo", "commentary", "fragment")


@dataclass
class KeySentence:
    """A sentence chosen by a ranker: `position` is its index among the article's sentences."""

    text: str
    position: int
    score: float


@dataclass
class Article:
    source: str  # the input file's name
    text: str  # cleaned full body, without headline and dateline lead
    title: str | None = None
    title_generated: bool = False  # True when no headline was printed and one was made from the lead
    subtitle: str | None = None
    kind: str = "news"
    byline: str | None = None
    date: dt.date | None = None
    date_source: str = "none"  # filename, option, inferred or none
    position: int = 0  # order of the article's start within its issue
    continued: list[str] = field(default_factory=list)  # continuation markers removed, e.g. 下转4版
    places: list[str] = field(default_factory=list)
    counties: list[str] = field(default_factory=list)
    lvliang: bool = False
    theme: str = "其他"
    theme_terms: list[str] = field(default_factory=list)
    summary: list[KeySentence] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # every issue that printed it
    id: str = ""


@dataclass
class Issue:
    source: str  # file name
    path: str  # path as given
    raw: str  # decoded text
    encoding: str
    paper: str = "吕梁日报"
    date: dt.date | None = None
    date_source: str = "none"
    text: str = ""  # cleaned text, paragraphs separated by blank lines
    removed: list[str] = field(default_factory=list)  # what cleaning dropped, for the record
    articles: list[Article] = field(default_factory=list)


@dataclass
class ThemeSection:
    name: str
    articles: list[Article]


@dataclass
class Briefing:
    title: str
    issues: list[Issue]
    articles: list[Article]  # the week's articles, once each, in reading order
    sections: list[ThemeSection]
    first_date: dt.date | None = None  # the earliest issue date, None when no issue is dated
    last_date: dt.date | None = None
    top_stories: list[Article] = field(default_factory=list)
    counties: dict[str, int] = field(default_factory=dict)  # county -> articles mentioning it
    figures: list = field(default_factory=list)  # figures.Figure, in reading order

    @property
    def period(self) -> str:
        """`2025-04-07 至 2025-04-13`, one date when they are the same, empty when no issue is dated."""
        if self.first_date is None or self.last_date is None:
            return ""
        first, last = self.first_date.isoformat(), self.last_date.isoformat()
        return first if first == last else f"{first} 至 {last}"
