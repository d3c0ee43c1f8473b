"""When an issue came out: from its file name, from --date, or from its articles' datelines."""

from __future__ import annotations

import datetime as dt
import re

from .model import Issue

_NAME_DATE_RE = re.compile(r"(?<!\d)(20\d{2})-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?!\d)")
# A dateline at the start of a lead: `4月10日，` / `9月17—19日` (the last day counts).
_DATELINE_RE = re.compile(r"^(?:(20\d{2})年)?(1[0-2]|[1-9])月(?:\d{1,2}日?[—至-])?(3[01]|[12]\d|[1-9])日")
_YEAR_RE = re.compile(r"(20\d{2})年")


def date_from_name(name: str) -> dt.date | None:
    match = _NAME_DATE_RE.search(name)
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def infer_date(issue: Issue, today: dt.date) -> dt.date | None:
    """The latest dateline among the issue's articles; the year from the text, else `today`'s."""
    years = [int(y) for y in _YEAR_RE.findall(issue.text) if int(y) <= today.year]
    year = max(years) if years else today.year
    found = []
    for article in issue.articles:
        match = _DATELINE_RE.match(article.text)
        if match:
            try:
                found.append(dt.date(int(match.group(1) or year), int(match.group(2)), int(match.group(3))))
            except ValueError:
                continue
    return max(found) if found else None


def date_issue(issue: Issue, option: dt.date | None, today: dt.date) -> None:
    """Set the issue's date and where it came from, then give every article the same."""
    named = date_from_name(issue.source)
    if named:
        issue.date, issue.date_source = named, "filename"
    elif option:
        issue.date, issue.date_source = option, "option"
    else:
        inferred = infer_date(issue, today)
        issue.date, issue.date_source = inferred, "inferred" if inferred else "none"
    for article in issue.articles:
        article.date, article.date_source = issue.date, issue.date_source


def week_range(week: str) -> tuple[dt.date, dt.date]:
    """`2025-W15` -> (Monday, Sunday) of that ISO week."""
    match = re.fullmatch(r"(\d{4})-?W(\d{1,2})", week.strip())
    if not match:
        raise ValueError(f"week must look like 2025-W15, not {week!r}")
    monday = dt.date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    return monday, monday + dt.timedelta(days=6)
