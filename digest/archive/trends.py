"""`digest trends`: archived articles per ISO week, by theme, county or paper.

A week is an ISO week (`2025-W15`); articles whose year is unknown belong to none. Printings
of one text (the same notice in two issues of a week) count once. By theme, each article
counts in the section the briefing shows it in (its theme when about Lüliang, else 省内动态 or
国内); by
county, Lüliang articles count under every county they name. Every week of the period is
listed, those without articles with zeros, so a chart's weeks are evenly spaced.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..dates import check_period, iso_week
from ..errors import DigestError
from .schema import open_for_reading, sqlite_errors

BY = ("theme", "county", "paper")
_GROUP_SQL = {
    "theme": "SELECT week, section AS name, count(DISTINCT fingerprint) FROM articles a WHERE week BETWEEN ? AND ? GROUP BY week, name",
    "county": "SELECT week, c.value AS name, count(DISTINCT fingerprint) FROM articles a, json_each(a.counties) c WHERE lvliang AND week BETWEEN ? AND ? GROUP BY week, name",
    "paper": "SELECT week, paper AS name, count(DISTINCT fingerprint) FROM articles a WHERE week BETWEEN ? AND ? GROUP BY week, name",
}


@dataclass
class Trends:
    by: str
    weeks: list[str]  # every ISO week of the period, oldest first
    series: dict[str, list[int]]  # name -> articles per week, in `order`'s order, then by total

    def as_json(self) -> dict:
        return {"by": self.by, "weeks": {week: {name: counts[i] for name, counts in self.series.items()} for i, week in enumerate(self.weeks)}}


def _week_count(first: dt.date, last: dt.date) -> int:
    """ISO weeks from the one holding `first` to the one holding `last`."""
    return (last - first + dt.timedelta(days=first.weekday())).days // 7 + 1


def _mondays(first: dt.date, last: dt.date) -> list[dt.date]:
    monday = first - dt.timedelta(days=first.weekday())
    # Counted, not stepped past the end: a week after 9999-12-31 is no date.
    return [monday + dt.timedelta(days=7 * k) for k in range(_week_count(first, last))]


def _weeks_before(day: dt.date, weeks: int) -> dt.date:
    """`weeks` weeks before `day`, or the first day there is (an archive dated in the year 1)."""
    return day - min(dt.timedelta(days=7 * weeks), day - dt.date.min)


DEFAULT_WEEKS = 12
MAX_WEEKS = 1000  # a period's weeks at most, as --weeks allows: nineteen years, a table or chart still readable


def trends(path: Path, by: str = "theme", *, weeks: int | None = None, since: dt.date | None = None, until: dt.date | None = None, order: list[str] = ()) -> Trends:
    """Articles per week from `since` to `until`, or over the last `weeks` weeks up to the
    newest archived one (an open end is the archive's oldest or newest dated article); with
    neither, the last DEFAULT_WEEKS weeks, or fewer when the archive begins later.
    `order` lists names in the order wanted (themes, counties); others follow by total."""
    if by not in BY:
        raise DigestError("--by", f"must be one of {', '.join(BY)}, not {by!r}")
    db = open_for_reading(path)
    try:
        with sqlite_errors(path):
            oldest, newest = db.execute("SELECT min(date), max(date) FROM articles WHERE date IS NOT NULL").fetchone()
            if newest is None:
                return Trends(by, [], {})
            last = until or dt.date.fromisoformat(newest)
            if since:
                first = since
            elif weeks:
                first = _weeks_before(last, weeks - 1)
            elif until:
                first = dt.date.fromisoformat(oldest)
            else:  # by default the last DEFAULT_WEEKS weeks, none before the archive's first
                first = max(dt.date.fromisoformat(oldest), _weeks_before(last, DEFAULT_WEEKS - 1))
            check_period(first, last, "trends")
            if _week_count(first, last) > MAX_WEEKS:  # counted before the weeks are made
                raise DigestError("trends", f"the period from {first.isoformat()} to {last.isoformat()} is longer than {MAX_WEEKS} weeks")
            mondays = _mondays(first, last)
            labels = [iso_week(monday) for monday in mondays]
            rows = db.execute(_GROUP_SQL[by], [labels[0], labels[-1]]).fetchall()
    finally:
        db.close()
    index = {label: i for i, label in enumerate(labels)}
    series: dict[str, list[int]] = {}
    for week, name, count in rows:
        series.setdefault(name, [0] * len(labels))[index[week]] = count
    rank = {name: i for i, name in enumerate(order)}
    names = sorted(series, key=lambda name: (rank.get(name, len(rank)), -sum(series[name]), name))
    return Trends(by, labels, {name: series[name] for name in names})


_BLOCKS = " ▁▂▃▄▅▆▇█"
COUNT_COLUMNS = 12  # up to this many weeks, each week's count has a column of its own


def _cells(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _left(text: str, width: int) -> str:
    return text + " " * max(0, width - _cells(text))


def table(result: Trends) -> list[str]:
    """The terminal table: a row per name, each week's count (up to COUNT_COLUMNS weeks), the
    total, and a bar per week (one block character, eight heights, on one scale for all rows)."""
    if not result.weeks:
        return ["（存档中没有注明日期的稿件）"]
    heading = {"theme": "主题", "county": "县（市、区）", "paper": "报刊"}[result.by]
    names = list(result.series) or ["（无稿件）"]
    name_width = max(_cells(name) for name in [heading, *names]) + 2
    largest = max((max(counts) for counts in result.series.values()), default=0) or 1
    show_counts = len(result.weeks) <= COUNT_COLUMNS
    lines = [f"{result.weeks[0]} — {result.weeks[-1]}（{len(result.weeks)} 周）"]
    head = _left(heading, name_width) + ("".join(f"{week[-3:]:>5}" for week in result.weeks) if show_counts else "") + "   合计  "
    lines.append(head)
    for name, counts in result.series.items():
        bars = "".join(_BLOCKS[0 if not n else max(1, round(8 * n / largest))] for n in counts)
        cells = "".join(f"{n:>5}" for n in counts) if show_counts else ""
        lines.append(f"{_left(name, name_width)}{cells}{sum(counts):>7}  {bars}")
    return lines
