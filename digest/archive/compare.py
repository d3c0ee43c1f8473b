"""与上周相比: this week's briefing beside the ISO week before it, as the archive holds it.

Last week is composed from its archived issues exactly as its own briefing would be
(continuations joined, repeats merged, Lüliang articles by theme, then 省内动态; counties
counted on Lüliang articles), so its figures are the ones last week's briefing showed, but for
its edits file: the archive keeps the issues as processed, not a briefing's edits (README, The
archive), so an article last week's editor dropped or refiled counts where the papers put it.
This week's column is the briefing's own, after its edits.
There is a comparison only when the briefing covers one ISO week (`--week`, or every dated
issue in the same week) and the archive holds at least one issue dated in the week before;
otherwise the briefing is exactly what it is without an archive.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..cache import from_json, to_json
from ..compose import compose
from ..dates import iso_week
from ..errors import DigestError
from ..enrich import Themes
from ..model import Briefing, Issue
from .rows import SELECT_ARTICLE, article_from_row
from .schema import open_for_reading, sqlite_errors

NEW_KEYWORDS = 10  # at most this many keywords new this week


@dataclass
class Change:
    name: str
    this_week: int
    last_week: int

    @property
    def change(self) -> int:
        return self.this_week - self.last_week


@dataclass
class WeekComparison:
    week: str  # 2025-W15
    previous: str  # 2025-W14
    themes: list[Change] = field(default_factory=list)  # sections in briefing order; rows with nothing either week left out
    counties: list[Change] = field(default_factory=list)  # the counties in gazetteer order, likewise
    new_keywords: list[str] = field(default_factory=list)  # this week's keywords no article of last week had

    def as_json(self) -> dict:
        def rows(changes):
            return [{"name": c.name, "this_week": c.this_week, "last_week": c.last_week, "change": c.change} for c in changes]

        return {"week": self.week, "previous": self.previous, "themes": rows(self.themes), "counties": rows(self.counties), "new_keywords": self.new_keywords}


def briefing_week(briefing: Briefing) -> dt.date | None:
    """The Monday of the one ISO week the briefing covers, or None."""
    if briefing.week and briefing.since is not None:
        first = last = briefing.since
    else:
        first, last = briefing.first_date, briefing.last_date
    if first is None or last is None or first.isocalendar()[:2] != last.isocalendar()[:2]:
        return None
    return first - dt.timedelta(days=first.weekday())


def _issue_from_json(data: str) -> Issue:
    info = json.loads(data)
    if not isinstance(info, dict):
        raise TypeError("not an issue")
    try:
        source, encoding, paper, date, month_day = (info[key] for key in ("source", "encoding", "paper", "date", "month_day"))
    except KeyError as error:
        raise TypeError(f"no field {error}") from None
    return from_json(Issue, {**to_json(Issue(source="", path="", raw="", encoding="")), "source": source, "path": source, "encoding": encoding, "paper": paper, "date": date, "month_day": month_day})


def archived_week(path: Path, week: str) -> list[Issue]:
    """The archive's issues of an ISO week with their articles, by date and file name; a row
    that does not fit is a DigestError naming the archive, the week and the row."""
    db = open_for_reading(path)
    try:
        with sqlite_errors(path):
            issues: dict[int, Issue] = {}
            for issue_id, data in db.execute("SELECT id, data FROM issues WHERE week = ? ORDER BY date, source, id", (week,)):
                issues[issue_id] = _from_row(path, week, f"issue row {issue_id}", _issue_from_json, data)
            for issue_id, row_id, *values in db.execute(f"SELECT a.issue, a.id, {SELECT_ARTICLE} FROM articles a JOIN issues i ON i.id = a.issue WHERE i.week = ? ORDER BY a.issue, a.id", (week,)):
                issues[issue_id].articles.append(_from_row(path, week, f"article row {row_id}", article_from_row, values))
            return list(issues.values())
    finally:
        db.close()


def _from_row(path: Path, week: str, row: str, load, values):
    try:
        return load(values)
    except (TypeError, ValueError, RecursionError) as error:  # not JSON (ValueError), or not the model's shape
        raise DigestError(str(path), f"archive is damaged: {week}: {row} does not fit ({error}); --no-archive builds without the archive") from None


def compare_weeks(path: Path, briefing: Briefing, themes: Themes, counties: list[str]) -> WeekComparison | None:
    """This week's briefing beside last week's, or None when there is no week before to compare with."""
    monday = briefing_week(briefing)
    if monday is None or not Path(path).is_file():
        return None
    if monday - dt.date.min < dt.timedelta(days=7):
        return None  # the first week of the year 1 has none before it
    previous = iso_week(monday - dt.timedelta(days=7))
    issues = archived_week(path, previous)
    if not issues:
        return None
    last = compose(issues, "", themes, counties, figures=False)  # its figures are not compared (and would load the word cutter)
    last_sections = {s.name: len(s.articles) for s in last.sections}
    comparison = WeekComparison(week=iso_week(monday), previous=previous)
    for section in briefing.sections:
        change = Change(section.name, len(section.articles), last_sections.get(section.name, 0))
        if change.this_week or change.last_week:
            comparison.themes.append(change)
    for county, count in briefing.counties.items():
        change = Change(county, count, last.counties.get(county, 0))
        if change.this_week or change.last_week:
            comparison.counties.append(change)
    known = {keyword for article in last.articles for keyword in article.keywords}
    carried = Counter(keyword for article in briefing.articles for keyword in dict.fromkeys(article.keywords))
    order = {keyword: n for n, keyword in enumerate(carried)}  # first seen in reading order
    fresh = sorted((k for k in carried if k not in known), key=lambda k: (-carried[k], order[k]))
    comparison.new_keywords = fresh[:NEW_KEYWORDS]
    return comparison
