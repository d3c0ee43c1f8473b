"""The data model passed from stage to stage.

ingest makes an `Issue` per input file; clean fills `Issue.text`; segment fills
`Issue.articles`; summarize and enrich fill each `Article`'s derived fields; render
reads a `Briefing` (the week: every issue, its articles grouped by theme).
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from .masthead import Masthead

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
    kicker: str | None = None  # 引题 printed above the headline
    dateline: str | None = None  # the lead's dateline as printed, `本报讯（记者 王涛）`
    signature: str | None = None  # a notice's signature block and date
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
    page: int | None = None  # the page number its start is printed on (masthead), None when unknown
    paper: str = ""  # the paper that printed it (its issue's)


@dataclass(frozen=True)
class PageStart:
    """Where a page of an issue begins in `Issue.raw` (1-based line number) and its masthead."""

    line: int
    masthead: Masthead | None = None


@dataclass
class Unassigned:
    """A line of the page that belongs to no article (an unmatched headline, a column label),
    kept so nothing is lost silently."""

    text: str
    reason: str
    line: int = 0  # 1-based line number in `Issue.raw`


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
    pages: list[PageStart] = field(default_factory=list)  # one per page, in order; empty when unknown
    unassigned: list[Unassigned] = field(default_factory=list)

    def page_at(self, line: int) -> int | None:
        """The printed page number of the page holding `raw` line `line`, None when unknown."""
        starts = [page.line for page in self.pages]
        k = bisect.bisect_right(starts, line) - 1
        if k < 0 or self.pages[k].masthead is None:
            return None
        return self.pages[k].masthead.page

    @property
    def masthead(self) -> Masthead | None:
        """The first page's masthead that names a date, else the first masthead found."""
        heads = [page.masthead for page in self.pages if page.masthead is not None]
        return next((m for m in heads if m.date), heads[0] if heads else None)


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
