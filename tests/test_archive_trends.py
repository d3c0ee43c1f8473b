"""digest trends: articles per ISO week, as a table, JSON keyed by week, and an SVG chart."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from digest.archive.record import record_issues
from digest.archive.trends import table, trends
from digest.cli import main
from digest.errors import DigestError
from tests.conftest import make_article, make_issue


def _issue(source, day, *articles):
    issue = make_issue("".join(a.text for a in articles), source=source)
    issue.date = day
    for n, article in enumerate(articles):
        article.id, article.date, article.paper, article.position = f"{source}-{n}", day, issue.paper, n
    issue.articles = list(articles)
    return issue


@pytest.fixture
def archive(tmp_path):
    """W15: two energy stories (one printed in two issues) and a story outside Lüliang; W17: one energy story."""
    energy = dict(lvliang=True, theme="能源转型", counties=["孝义市"])
    path = tmp_path / "a.sqlite"
    record_issues(path, [
        _issue("a.txt", dt.date(2025, 4, 7), make_article("氢能公交车投运。", "甲", **energy), make_article("太原举办展会。", "乙", places=["太原市"])),
        _issue("b.txt", dt.date(2025, 4, 9), make_article("氢能公交车投运。", "甲", **energy), make_article("光伏电站并网。", "丙", **energy)),
        _issue("c.txt", dt.date(2025, 4, 21), make_article("风电项目开工。", "丁", **energy)),
    ], "settings")
    return path


def test_every_week_of_the_period_is_listed_and_a_reprint_counts_once(archive):
    result = trends(archive, "theme", order=["能源转型", "省内动态"])
    assert result.weeks == ["2025-W15", "2025-W16", "2025-W17"]
    assert result.series == {"能源转型": [2, 0, 1], "省内动态": [1, 0, 0]}


def test_by_county_counts_lvliang_articles_naming_it(archive):
    assert trends(archive, "county").series == {"孝义市": [2, 0, 1]}


def test_weeks_count_back_from_the_newest_archived_week(archive):
    assert trends(archive, "paper", weeks=2).as_json() == {"by": "paper", "weeks": {"2025-W16": {"吕梁日报": 0}, "2025-W17": {"吕梁日报": 1}}}


def test_table_has_counts_total_and_one_bar_per_week(archive):
    lines = table(trends(archive, "theme", order=["能源转型", "省内动态"]))
    assert lines[0] == "2025-W15 — 2025-W17（3 周）"
    assert lines[1] == "主题        W15  W16  W17   合计  "
    assert lines[2] == "能源转型      2    0    1      3  █ ▄"


def test_cli_json_is_keyed_by_iso_week_and_chart_is_the_same_bytes_twice(archive, tmp_path):
    outputs = []
    for name in ("one.svg", "two.svg"):
        result = CliRunner().invoke(main, ["trends", "--json", "--chart", str(tmp_path / name), "--archive", str(archive)])
        assert result.exit_code == 0, result.output
        outputs.append((tmp_path / name).read_bytes())
    data = json.loads(result.stdout)
    assert list(data["weeks"]) == ["2025-W15", "2025-W16", "2025-W17"] and data["weeks"]["2025-W15"]["能源转型"] == 2
    assert outputs[0] == outputs[1] and outputs[0].startswith(b"<svg") and "能源转型".encode() in outputs[0]


def test_weeks_and_since_together_is_a_usage_error(archive):
    result = CliRunner().invoke(main, ["trends", "--weeks", "3", "--since", "2025-04-01", "--archive", str(archive)])
    assert result.exit_code == 2 and "not both" in result.output


def test_a_period_of_more_than_a_thousand_weeks_is_one_line_error(archive):
    with pytest.raises(DigestError, match="longer than 1000 weeks"):
        trends(archive, "theme", since=dt.date(1, 1, 1), until=dt.date(9999, 12, 25))


def test_the_thousand_week_bound_counts_the_iso_weeks_the_period_touches(archive):
    # From a Sunday, 6,999 days touch 1,001 ISO weeks (the first one is that Sunday's).
    sunday = dt.date(2024, 1, 7)
    with pytest.raises(DigestError, match="longer than 1000 weeks"):
        trends(archive, "theme", since=sunday, until=sunday + dt.timedelta(days=6999))
    monday = dt.date(2024, 1, 8)
    assert len(trends(archive, "theme", since=monday, until=monday + dt.timedelta(days=6999)).weeks) == 1000


def test_a_period_ending_in_the_last_week_of_the_calendar_is_counted(archive):
    assert trends(archive, "theme", since=dt.date(9999, 12, 1), until=dt.date(9999, 12, 31)).weeks[-1] == "9999-W52"


@pytest.mark.parametrize("name", ["chart.txt", "chart.png", "chart"])
def test_chart_named_other_than_svg_is_a_usage_error_and_nothing_is_written(archive, tmp_path, name):
    result = CliRunner().invoke(main, ["trends", "--chart", str(tmp_path / name), "--archive", str(archive)])
    assert result.exit_code == 2
    assert result.output == f"digest: error: Invalid value for '--chart': {tmp_path / name}: the chart is SVG: name it FILE.svg (see 'digest trends --help')\n"
    assert not (tmp_path / name).exists()


def test_chart_named_svg_in_capitals_is_written(archive, tmp_path):
    result = CliRunner().invoke(main, ["trends", "--chart", str(tmp_path / "CHART.SVG"), "--archive", str(archive)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "CHART.SVG").read_bytes().startswith(b"<svg")
