"""When an issue came out: from its file name, from --date, or from its articles' datelines."""

from __future__ import annotations

import datetime as dt
import re

from .model import Issue

# A date in a file name, standing apart from letters and digits (`吕梁日报2025-04-11.txt`,
# `20250411_01.txt`), so a hash such as `3a20231105bc` is not read as one.
_NAME_DATE_RE = re.compile(r"(?<![0-9A-Za-z])(20\d{2})-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?![0-9A-Za-z])")
# A dateline at the start of a lead: `4月10日，` / `9月17—19日` (the last day counts).
_DATELINE_RE = re.compile(r"^(?:(20\d{2})年)?(1[0-2]|[1-9])月(?:\d{1,2}日?[—至-])?(3[01]|[12]\d|[1-9])日")


def date_from_name(name: str) -> dt.date | None:
    match = _NAME_DATE_RE.search(name)
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def infer_date(issue: Issue, today: dt.date) -> dt.date | None:
    """The latest dateline among the issue's articles. A dateline without a year (`4月10日`) is
    the most recent such day up to `today`: news reports what has just happened, while the
    years named in its text are often of plans and past campaigns."""
    found = []
    for article in issue.articles:
        match = _DATELINE_RE.match(article.text)
        if not match:
            continue
        year, month, day = match.group(1), int(match.group(2)), int(match.group(3))
        try:
            date = dt.date(int(year) if year else today.year, month, day)
            if not year and date > today:
                date = dt.date(today.year - 1, month, day)
        except ValueError:  # 2月30日, or 2月29日 in a common year
            continue
        found.append(date)
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
