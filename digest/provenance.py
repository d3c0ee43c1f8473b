"""Where an article was printed, in the words a reader in an information office uses:
`吕梁日报 2025-05-13 第2版` (the paper, the issue's date, the page), with what is not known
left out (`吕梁日报 4月10日（年份不详）`). One helper for every output: the templates (Markdown,
HTML, PDF, and so the e-mail), `digest show`. The file name stays in the JSON and in small
print in the HTML."""

from __future__ import annotations

import datetime as dt

from .dates import date_label
from .model import Article, Issue


def provenance(paper: str | None, date: dt.date | None, month_day: str | None, page: int | None) -> str:
    parts = [paper or "", date_label(date, month_day), f"第{page}版" if page else ""]
    return " ".join(part for part in parts if part)


def issue_provenance(issue: Issue) -> str:
    """`吕梁日报 2025-05-13`, the issue without a page."""
    return provenance(issue.paper, issue.date, issue.month_day, None)


def article_provenance(article: Article, issues: list[Issue] | None = None) -> str:
    """The article's first printing; an article printed in several issues adds the others
    (`吕梁日报 2025-04-10 第1版；又见 吕梁日报 2024-05-09`) when `issues` are given."""
    first = provenance(article.paper, article.date, article.month_day, article.page)
    if not issues or len(article.sources) < 2:
        return first
    by_source = {issue.source: issue for issue in issues}
    others = [issue_provenance(by_source[s]) if s in by_source else s for s in article.sources[1:]]
    others = [label for label in dict.fromkeys(others) if label]
    return f"{first}；又见 {'、'.join(others)}" if others else first
