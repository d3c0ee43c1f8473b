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
KIND_LABELS = {"news": "消息", "feature": "通讯", "notice": "公告", "photo": "图片", "commentary": "评论", "fragment": "续文"}


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
    date: dt.date | None = None  # None when the year is not known (see month_day)
    date_source: str = "none"  # masthead, filename, option, evidence, dateline or none (its issue's)
    month_day: str | None = None  # "04-10": known even when the year is not
    date_evidence: str = ""  # the words that decided the date
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
    # The words of each clause a figure of 数说本周 is trimmed from (figures.clause_cuts), cut while
    # the article is processed and kept in the cache, so a week composed from the cache need not
    # load the word cutter; a clause missing here is cut when the figures are read.
    figure_cuts: list[list[str]] = field(default_factory=list)
    # What the archive's full-text index holds for [its headline, its text] (archive/tokens.py),
    # made while the article is processed and kept in the cache, so recording an issue taken from
    # the cache need not make them; empty when not made, or when the text changed after (a joined
    # continuation): recording then makes them from the headline and text.
    search_tokens: list[str] = field(default_factory=list)
    # A hash of its Han text (archive.record.fingerprint: printings of one text share it), kept
    # likewise; empty when not made or when the text changed after.
    fingerprint: str = ""


@dataclass(frozen=True)
class PageStart:
    """Where a page of an issue begins in `Issue.raw` (1-based line number) and its masthead."""

    line: int
    masthead: Masthead | None = None
    layout: bool = False  # printed by `pdftotext -layout` in columns side by side, put in reading order


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
    date: dt.date | None = None  # None when the year is not known (see month_day)
    date_source: str = "none"  # masthead, filename, option, evidence, dateline or none: see digest/dates.py
    month_day: str | None = None  # "04-10", known even when the year is not
    date_evidence: str = ""  # the words that decided the date (a masthead, a dateline and a year rule's words)
    date_rule: str | None = None  # which year rule gave the year, when date_source is evidence
    warnings: list[str] = field(default_factory=list)  # one line each, printed by the CLI (weekday mismatch ...)
    text: str = ""  # cleaned text, paragraphs separated by blank lines
    removed: list[str] = field(default_factory=list)  # what cleaning dropped, for the record
    articles: list[Article] = field(default_factory=list)
    pages: list[PageStart] = field(default_factory=list)  # one per page, in order; empty when unknown
    unassigned: list[Unassigned] = field(default_factory=list)
    lost: int = 0  # characters its PDF's fonts could not name (or set at an angle): a note, not text (pipeline.build_notes)
    joined: int = 0  # its articles joined, as continuations, to an article of another page (continuations.py)

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
    articles: list[Article]  # every article of the section, in reading order
    featured: list[Article] = field(default_factory=list)  # printed with key sentences, most important first (digest/select.py)
    listed: list[Article] = field(default_factory=list)  # printed one line each, in reading order
    unlisted: int = 0  # articles the page budget left out of the printed list


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
    since: dt.date | None = None  # the period asked for (--week, --since/--until), None when none was
    until: dt.date | None = None
    week: bool = False  # True when an ISO week was asked for (--week)
    notes: list[str] = field(default_factory=list)  # one line each, for the CLI: dates that disagree, issues left out
    note: str = ""  # the editor's note (编者按) in Markdown, from an edits file; empty when none
    selected: set[str] = field(default_factory=set)  # ids of the articles printed with key sentences
    pages: int | None = None  # the page budget the selection was made for; None: every article in full
    shortest: int | None = None  # the estimated pages of its shortest briefing (no article featured or listed) when over `pages`, else None
    last_week: object = None  # archive.compare.WeekComparison (与上周相比) when the archive holds the week before, else None
    dropped: int = 0  # articles the editor's edits file dropped (a briefing left empty says so, not 本期未找到文章)

    @property
    def period(self) -> str:
        """The period covered, as shown under the title (README, "The week"): `2025年第15周（4月7日—13日）`
        for an ISO week asked for or exactly covered; else the period asked for, its open ends taken
        from the issues' dates (`2025年4月10日—5月13日`); without any dated issue, the months and
        days of those whose year is unknown (`4月10日—9月22日（年份不详）`); else empty."""
        from .dates import month_day_label, period_label

        if self.week and self.since is not None:
            return period_label(self.since, self.until, week=True)
        first = self.since or self.first_date
        last = self.until or self.last_date
        if first is not None and last is not None:
            return period_label(first, last)
        days = sorted({issue.month_day for issue in self.issues if issue.month_day})
        if days:
            span = month_day_label(days[0]) if len(days) == 1 else f"{month_day_label(days[0])}—{month_day_label(days[-1])}"
            return f"{span}（年份不详）"
        return ""


def generated_title_note(article: Article) -> str:
    """Said beside a title the paper did not print, so that a reader does not take it for the
    paper's headline and an editor sees which titles an edits file may want to set: a photo's
    is made from its caption, a continuation's from its first words, any other article's from
    its lead."""
    return {"photo": "标题取自图片说明", "fragment": "标题取自正文"}.get(article.kind, "标题取自导语")
