"""An article cut on one page with `（下转4版）` goes on on page 4 under `（上接1版）`: when both
pages are in the input (one PDF of several pages, or a PDF or text file per page), the two
parts are one article.

The parts are paired by paper, date and the page numbers both markers name (a page-1 report
that continues on page 4 is continued by a page-4 piece taken up from page 1), in reading
order when a page sends several. The continuation's text is appended to the first part, which
keeps its headline, key sentences, theme and places (the lead is on the first page); both
markers stay in `continued`.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .masthead import page_number
from .model import Article, Issue

_MARKER_RE = re.compile(r"^([上下])[接转](\d+|[一二三四五六七八九十]+)版$")


def _marks(article: Article, which: str) -> list[int]:
    return [page_number(m.group(2)) for marker in article.continued if (m := _MARKER_RE.match(marker)) and m.group(1) == which]


def join_continuations(issues: list[Issue]) -> int:
    """Join every continued article with its continuation, in place; return how many were joined."""
    waiting: dict[tuple, list[tuple[Issue, Article]]] = defaultdict(list)
    for issue in issues:
        for article in issue.articles:
            if article.page is None or article.date is None:
                continue
            for from_page in _marks(article, "上"):
                waiting[(article.paper, article.date, article.page, from_page)].append((issue, article))
    joined = 0
    for issue in issues:
        for article in issue.articles:
            if article.page is None or article.date is None:
                continue
            for to_page in _marks(article, "下"):
                parts = waiting.get((article.paper, article.date, to_page, article.page))
                if not parts:
                    continue
                home, part = parts.pop(0)
                article.text = f"{article.text}\n{part.text}"
                article.continued += [m for m in part.continued if m not in article.continued]
                article.figure_cuts = article.figure_cuts + part.figure_cuts  # a clause of either may hold a figure
                # Made for the text before it was joined; the archive recorded both parts before the join.
                article.search_tokens, article.fingerprint = [], ""
                for source in part.sources:
                    if source not in article.sources:
                        article.sources.append(source)
                home.articles.remove(part)
                home.joined += 1
                joined += 1
    return joined
