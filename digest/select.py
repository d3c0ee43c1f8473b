"""What the briefing prints: a few pages a reader takes in over coffee, whatever the week.

Each article gets the 本周要闻 score (`compose.importance`: front page, the city's leaders,
length, keywords shared with the week's other articles). Per theme the highest scored articles
are *featured* (title, meta line, key sentences) and the rest of the theme is *listed*, one
line each (title · paper date page); 省内动态 and 国内 are listed, one line each. Within the page budget,
in this order: each theme's best article is featured (every theme leads with one), then every
other article gets its line, best first, then more articles are featured, best first, while the
briefing's estimated length stays within the budget. Lines that do not fit are left out, and
each section says how many more there are (the HTML page and the JSON keep every article).

The length is estimated from the text, in lines of the PDF's body type (A4, 10.5 pt, line
height 1.7), not by laying pages out: the estimate is the same for every output format, so
Markdown, HTML, JSON and PDF make the same selection, and it errs long. A budget smaller than
the parts every briefing has (cover, contents, the week page, the sections' headings, the
closing tables) features and lists nothing, and `budget_note` says so once.
"""

from __future__ import annotations

import math

from .compose import importance
from .enrich import PLACE_SECTIONS
from .model import Article, Briefing
from .provenance import article_provenance

DEFAULT_PAGES = 24
MIN_PAGES = 4  # cover, contents, the week at a glance, one page of articles
PAGE_LINES = 37  # body lines on an A4 page (253 mm of 6.3 mm lines, less a margin for breaks)
LINE_CHARS = 44  # Han characters on a body line (174 mm at 10.5 pt, less indents)
SECTION_LINES = 4.0  # a section heading with the space above it
ARTICLE_GAP = 1.5  # a featured article's heading space and the space after it
LIST_HEAD_LINES = 1.5  # `本栏其余稿件` above the listed ones
LIST_LINE = 0.9  # a listed article's line is set smaller (9.5 pt)
LIST_CHARS = 48
HEADING_LINES = 4.0  # a page's or block's heading (本周要闻, 目录, 数说本周)
CONTENTS_SECTION = 2.0  # a section's line in the contents (spaced out, bold)
CONTENTS_ARTICLE = 1.45  # an article's line in the contents (9.5 pt, spaced out)
CHART_ROW = 1.3  # a bar of the theme chart (110 mm wide, so 24 px rows are 7.3 mm)
TABLE_ROW = 1.35  # a row of the county table


def _width(text: str | None) -> float:
    """Printed width in Han characters: Latin letters and digits take about half."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text or "")


def _lines(text: str | None, chars: float) -> int:
    return math.ceil(_width(text) / chars) if text else 0


def featured_lines(article: Article, provenance: str) -> float:
    """Estimated body lines of a featured article: title (12 pt), subtitle, meta line, key sentences."""
    meta = f"{article.kind} {article.byline or ''} {provenance} {'、'.join(article.places[:5])}"
    title = _lines(article.title, LINE_CHARS * 10.5 / 12) * 12 / 10.5
    sentences = sum(_lines(s.text, LINE_CHARS - 2) for s in article.summary)
    return ARTICLE_GAP + title + _lines(article.subtitle, LINE_CHARS) + 0.85 * _lines(meta, LINE_CHARS / 0.85) + sentences


def listed_lines(article: Article, provenance: str) -> float:
    return LIST_LINE * _lines(f"{article.title} · {provenance}", LIST_CHARS)


def contents_lines(article: Article) -> float:
    return CONTENTS_ARTICLE * _lines(article.title, LIST_CHARS - 6)


def week_lines(briefing: Briefing, sections: int) -> float:
    """本周要闻 (titles and their first key sentence) and the theme chart: a page of its own."""
    top = sum(1.15 * (_lines(f"{a.title}（第 99 页）", LINE_CHARS) + (_lines(a.summary[0].text, LINE_CHARS - 2) if a.summary else 0)) for a in briefing.top_stories)
    return 2 * HEADING_LINES + top + CHART_ROW * sections


def closing_lines(briefing: Briefing) -> float:
    """The county table and 数说本周, which open a page."""
    by_id = {a.id: a for a in briefing.articles}
    figures = sum(1.2 * _lines(f"{f.text} —— {by_id[f.article].title}（第 99 页）", LINE_CHARS) for f in briefing.figures if f.article in by_id)
    return 2 * HEADING_LINES + TABLE_ROW * (len(briefing.counties) + 1) + figures


class _Estimate:
    """The briefing's pages as articles are featured, listed or left out, kept up to date in O(1) a change."""

    def __init__(self, briefing: Briefing, sections: int) -> None:
        self.body = SECTION_LINES * sections
        self.contents = HEADING_LINES + CONTENTS_SECTION * (sections + 2)
        self.fixed = 1 + math.ceil(week_lines(briefing, sections) / PAGE_LINES) + math.ceil(closing_lines(briefing) / PAGE_LINES)

    def pages(self) -> int:
        return self.fixed + math.ceil(self.contents / PAGE_LINES) + math.ceil(self.body / PAGE_LINES)


def select(briefing: Briefing, pages: int | None = DEFAULT_PAGES) -> None:
    """Fill each section's `featured`, `listed` and `unlisted`, and `briefing.selected`.
    `pages` None: every article featured in reading order, as a full briefing prints it."""
    sections = [s for s in briefing.sections if s.articles]
    briefing.pages = pages
    briefing.shortest = None
    if pages is None:
        for section in briefing.sections:
            section.featured, section.listed, section.unlisted = list(section.articles), [], 0
        briefing.selected = {a.id for a in briefing.articles}
        return
    score = importance(briefing.articles)
    provenance = {id(a): article_provenance(a, briefing.issues) for a in briefing.articles}
    by_score = lambda articles: sorted(articles, key=lambda a: (-score[id(a)], a.id))
    estimate = _Estimate(briefing, len(sections))
    estimate.body += LIST_HEAD_LINES * len(sections)
    briefing.shortest = estimate.pages() if estimate.pages() > pages else None
    featured: set[int] = set()
    listed: dict[int, float] = {}  # article -> its line's cost, for the articles listed

    def feature(article: Article) -> None:
        """Featured instead of listed (or instead of nothing), if the pages allow."""
        cost = featured_lines(article, provenance[id(article)]) - listed.get(id(article), 0.0)
        contents = contents_lines(article)
        estimate.body += cost
        estimate.contents += contents
        if estimate.pages() <= pages:
            featured.add(id(article))
            listed.pop(id(article), None)
        else:
            estimate.body -= cost
            estimate.contents -= contents

    themes = [s for s in sections if s.name not in PLACE_SECTIONS]
    # 1. Each theme's best article, featured: every theme leads with one.
    for article in by_score([by_score(s.articles)[0] for s in themes]):
        feature(article)
    # 2. A line for every other article, best first, while they fit (the section counts the rest).
    for article in by_score(briefing.articles):
        if id(article) not in featured:
            cost = listed_lines(article, provenance[id(article)])
            estimate.body += cost
            if estimate.pages() <= pages:
                listed[id(article)] = cost
            else:
                estimate.body -= cost
    # 3. More featured articles, best first, while the pages allow.
    for article in by_score([a for s in themes for a in s.articles]):
        if id(article) not in featured:
            feature(article)
    left_out = {id(a) for a in briefing.articles if id(a) not in featured and id(a) not in listed}
    for section in briefing.sections:
        section.featured = by_score([a for a in section.articles if id(a) in featured])
        section.listed = [a for a in section.articles if id(a) not in featured and id(a) not in left_out]
        section.unlisted = sum(1 for a in section.articles if id(a) in left_out)
    briefing.selected = {a.id for a in briefing.articles if id(a) in featured}


def budget_note(briefing: Briefing, pdf_pages: int | None = None) -> str | None:
    """The page budget the briefing does not keep, said once (a CLI note), or None. `pdf_pages`:
    the pages of the PDF made, when one was (exact); else the estimate of the shortest briefing.
    A week's fixed parts (cover, contents, the week page, the sections' headings, the county
    table and 数说本周, each opening a page) may take more than a small `--pages`: nothing is
    featured or listed then, and that briefing is printed (README, The week)."""
    if briefing.pages is None or (briefing.shortest is None and (pdf_pages is None or pdf_pages <= briefing.pages)):
        return None
    if briefing.shortest is None:  # the estimate erred short
        return f"--pages {briefing.pages} is not kept: the PDF has {pdf_pages} pages (the page estimate erred short)"
    sections = sum(1 for s in briefing.sections if s.articles)
    headings = f"the {sections} sections' headings" if sections != 1 else "the section's heading"
    size = f"the PDF has {pdf_pages} pages" if pdf_pages is not None else f"its briefing would take about {briefing.shortest} pages"
    return f"--pages {briefing.pages} is too few for this week: {size} with no article featured or listed (cover, contents, 本周要闻, {headings}, the county table and 数说本周)"
