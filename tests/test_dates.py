"""Dates and provenance (issue 12): the order of date sources, each year rule on its own tiny
example, today in China, periods, and where an article was printed."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEEDS, make_article, make_issue

from digest import dates
from digest.cli import main
from digest.dates import date_issue, decide_year, period_label, today_in_china, year_evidence
from digest.provenance import article_provenance, provenance
from digest.segment import segment

TODAY = dt.date(2026, 11, 23)
TOPICS = ["防汛", "招商", "教育", "医疗", "交通", "文旅"]


def dated(text: str, source: str = "sample.txt", option: dt.date | None = None, today: dt.date = TODAY):
    issue = make_issue(text, source)
    segment(issue)
    date_issue(issue, option, today)
    return issue


def lead(body: str, reporter: str = "张三") -> str:
    return f" 本报讯（记者 {reporter}）{body}\n\n"


# --- the order of sources -------------------------------------------------------------------


def six_pages(weekday: str = "星期二") -> str:
    pages = []
    for n, topic in enumerate(TOPICS, 1):
        pages.append(
            f"吕梁日报 2025年5月13日 {weekday} 第{n}版 要闻\n\n全市{topic}工作会议召开\n\n"
            f" 本报讯（记者 张{n}）5月12日，我市召开{topic}工作会议，听取{topic}专项汇报。"
            f"会议要求，{topic}领域要对标{n}项重点任务逐条推进，第{n}季度前拿出成效。\n"
        )
    return "\f".join(pages)


def test_six_pages_of_a_masthead_issue_are_all_its_date_and_page_two_shows(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "2024-01-01.txt").write_text(six_pages(), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-f", "md", "-f", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "out" / "briefing.json").read_text(encoding="utf-8"))
    (issue,) = data["generated_from"]
    assert (issue["date"], issue["date_source"], issue["pages"]) == ("2025-05-13", "masthead", [1, 2, 3, 4, 5, 6])
    assert len(data["articles"]) == 6 and all(a["date"] == "2025-05-13" for a in data["articles"])
    page_two = next(a for a in data["articles"] if a["page"] == 2)
    md = (tmp_path / "out" / "briefing.md").read_text(encoding="utf-8")
    block = md[md.index(f"### {page_two['title']}") :]
    assert "吕梁日报 2025-05-13 第2版" in block.split("###")[1]
    # The masthead wins over the file name, and says so in one line.
    assert "the file name says 2024-01-01, the masthead 2025-05-13" in result.stderr


def test_weekday_beside_the_masthead_date_that_does_not_match_is_a_warning(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(six_pages("星期三"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path / "out"), "-f", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if "星期三" in line]
    assert notes == [f"digest: note: {path}: the masthead prints 星期三 beside 2025-05-13, which was a 星期二"]


def test_file_name_then_option_then_text():
    text = lead("4月10日，我市召开会议。今年是2024年。")
    assert (dated(text, "2025-04-12.txt", dt.date(2025, 1, 1)).date_source) == "filename"
    issue = dated(text, "x.txt", dt.date(2025, 1, 1))
    assert (issue.date, issue.date_source, issue.date_evidence) == (dt.date(2025, 1, 1), "option", "--date 2025-01-01")
    issue = dated(text)
    assert (issue.date, issue.date_source, issue.date_rule) == (dt.date(2024, 4, 10), "evidence", "this-year")
    assert issue.date_evidence == "4月10日；今年是2024年"


def test_no_rule_no_year():
    issue = dated(lead("4月10日，我市召开会议，部署2027年工作。") + lead("4月9日，方山县举办活动。", "王涛"))
    assert (issue.date, issue.month_day, issue.date_source, issue.date_evidence) == (None, "04-10", "dateline", "4月10日")
    assert all(a.date is None and a.month_day == "04-10" for a in issue.articles)


def test_the_latest_dateline_across_a_new_year():
    issue = dated(lead("12月30日，我市召开年终会议。") + lead("1月2日，我市召开新年会议。", "王涛"))
    assert issue.month_day == "01-02"


def test_no_dateline_no_date():
    issue = dated(lead("近日，我市召开会议。"))
    assert (issue.date, issue.month_day, issue.date_source) == (None, None, "none")


# --- the year rules, each on its own example -----------------------------------------------


def year_of(text: str, today: dt.date = TODAY) -> tuple[int | None, str | None]:
    issue = dated(text, today=today)
    return (issue.date.year if issue.date else None), issue.date_rule


def test_rule_dated_dateline():
    assert year_of(lead("2024年12月28日，我市召开年终工作会议。")) == (2024, "dated-dateline")


def test_rule_this_year():
    assert year_of(lead("4月10日，我市召开会议。今年是2025年，也是关键之年。")) == (2025, "this-year")


def test_rule_event_named_with_its_year():
    assert year_of(lead("5月1日，吕梁市2024年中小学生田径运动会在市体育场拉开序幕。")) == (2024, "event")


def test_rule_event_not_a_review_of_last_year_nor_a_yearly_award():
    assert year_of(lead("2月25日，我市召开会议，总结2025年全市工作。")) == (None, None)
    assert year_of(lead("2月25日，我市召开2025年度先进集体表彰大会。")) == (None, None)


def test_rule_event_in_december_of_an_issue_of_january_is_the_year_before():
    assert year_of(lead("12月30日，2025年全市迎新长跑活动在滨河公园举行。") + lead("1月2日，我市召开会议。", "王涛")) == (2026, "event")


def test_rule_anniversary_of_a_known_event():
    assert year_of(lead("9月17日，纪念中国人民抗日战争胜利80周年书画展在市老干部活动中心开展。")) == (2025, "anniversary")
    assert year_of(lead("7月1日，我市举行庆祝中国共产党成立一百零三周年座谈会。")) == (2024, "anniversary")


def test_rule_anniversary_not_a_past_celebrations_speech():
    text = lead("4月10日，市委理论学习中心组学习习近平总书记在庆祝改革开放40周年大会上的讲话。")
    assert year_of(text) == (None, None)


def test_rule_recurring_day():
    assert year_of(lead("9月16日，我省开展宣传活动。今年是第30个国际保护臭氧层日。")) == (2024, "recurring")


def test_rule_five_year_plan():
    assert year_of(lead("4月10日，我市召开会议。他强调，今年是“十四五”规划收官之年。")) == (2025, "plan")
    assert year_of(lead("2月25日，我市召开会议。会议指出，今年是“十五五”开局之年。")) == (2026, "plan")
    assert year_of(lead("3月5日，我市召开会议。会议指出，今年是十三五开局之年。")) == (2016, "plan")


def test_rule_future_reference_is_only_a_bound():
    assert year_of(lead("9月18日，会议闭幕。下次会议将于2026年在宁夏举办。")) == (None, None)
    evidence = year_evidence(dated(lead("9月18日，会议闭幕。下次会议将于2026年在宁夏举办。")), (9, 18))
    assert [(e.rule, e.high) for e in evidence] == [("future", 2025)]


def test_rule_bounds_on_both_sides_make_a_year():
    text = lead("9月18日，会议闭幕。下次会议将于2026年在宁夏举办。截至2025年8月，已建成项目12个。")
    assert year_of(text) == (2025, "bounds")


def test_rule_a_future_reference_rules_out_a_weaker_year():
    text = lead("9月18日，会议闭幕。下次会议将于2025年举办。会议指出，“十四五”收官之年要抓好落实。今年是第30个国际保护臭氧层日。")
    assert year_of(text) == (2024, "recurring")  # 收官之年 (2025) is after the bound


def test_rule_no_issue_of_a_year_after_this_year_in_china():
    assert year_of(lead("4月10日，我市召开会议。今年是2027年。"), today=dt.date(2026, 5, 1)) == (None, None)


def test_rules_that_disagree_the_strongest_wins_or_no_year():
    assert year_of(lead("4月10日，吕梁市2024年全民健身运动会开幕。会议指出，“十四五”收官之年要抓好落实。")) == (2024, "event")
    assert year_of(lead("4月10日，我市召开会议。今年是2024年。") + lead("4月9日，会议强调，今年是2025年。", "王涛")) == (None, None)
    year, evidence, note = decide_year([dates.Evidence("plan", "a", 2025, 2), dates.Evidence("anniversary", "b", 2024, 2)])
    assert year is None and evidence is None and "disagree" in note


# --- the sample issues ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds_json(tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds")
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(out), "-f", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    return json.loads((out / "briefing.json").read_text(encoding="utf-8"))


def test_seeds_have_the_year_their_text_supports_and_the_latest_dateline(seeds_json):
    got = {g["source"][:3]: (g["date"], g["date_source"], g["date_rule"]) for g in seeds_json["generated_from"]}
    assert got == {
        "000": ("2025-04-10", "evidence", "plan"),
        "001": ("2024-09-18", "evidence", "event"),
        "002": ("2026-02-25", "evidence", "event"),
        "003": ("2024-05-09", "evidence", "event"),
        "004": ("2025-09-22", "evidence", "anniversary"),
    }
    assert all(g["date_evidence"] for g in seeds_json["generated_from"])
    article = next(a for a in seeds_json["articles"] if a["title"] == "全市巩固衔接工作推进会议召开")
    assert (article["provenance"], article["source"], article["month_day"]) == ("吕梁日报 2025-04-10", "000_27f68ec5389186af.txt", "04-10")


# --- today in China -------------------------------------------------------------------------


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "America/Los_Angeles", "UTC"])
def test_today_in_china_whatever_the_machines_zone(zone, monkeypatch):
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        late_in_los_angeles = dt.datetime(2025, 12, 31, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-8)))
        assert today_in_china(late_in_los_angeles) == dt.date(2026, 1, 1)
        monkeypatch.setattr(dates, "_now", lambda: late_in_los_angeles)
        assert today_in_china() == dt.date(2026, 1, 1)
        issue = dated(lead("1月1日，我市召开新年第一次会议。今年是2026年。"), today=today_in_china())
        assert issue.date == dt.date(2026, 1, 1)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_a_dateline_of_today_in_beijing_is_the_same_date_in_every_zone_and_outputs_are_byte_identical(tmp_path):
    today = today_in_china()
    (tmp_path / "in").mkdir()
    text = lead(f"{today.month}月{today.day}日，我市召开会议，部署重点工作。今年是{today.year}年，要抓好落实。")
    (tmp_path / "in" / "x.txt").write_text(text, encoding="utf-8")
    outputs = []
    for zone, locale in (("Pacific/Kiritimati", "C"), ("America/Los_Angeles", "C.UTF-8")):
        out = tmp_path / zone.replace("/", "-")
        env = {**os.environ, "TZ": zone, "LC_ALL": locale}
        command = [sys.executable, "-m", "digest", "build", str(tmp_path / "in"), "-o", str(out), "-f", "json", "-f", "md", "--no-cache"]
        subprocess.run(command, check=True, env=env, cwd=ROOT, capture_output=True)
        outputs.append(((out / "briefing.json").read_bytes(), (out / "briefing.md").read_bytes()))
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0][0])["generated_from"][0]["date"] == today.isoformat()


def test_china_zone_without_zone_data(monkeypatch):
    import zoneinfo

    def missing(key):
        raise zoneinfo.ZoneInfoNotFoundError(key)

    monkeypatch.setattr(zoneinfo, "ZoneInfo", missing)
    assert dates.china_zone().utcoffset(None) == dt.timedelta(hours=8)


# --- periods --------------------------------------------------------------------------------


def test_period_labels():
    d = dt.date
    assert period_label(d(2025, 4, 7), d(2025, 4, 13)) == "2025年第15周（4月7日—13日）"
    assert period_label(d(2025, 4, 10), d(2025, 4, 10), week=True) == "2025年第15周（4月7日—13日）"
    assert period_label(d(2025, 4, 28), d(2025, 5, 4)) == "2025年第18周（4月28日—5月4日）"
    assert period_label(d(2025, 4, 10), d(2025, 5, 13)) == "2025年4月10日—5月13日"
    assert period_label(d(2025, 4, 8), d(2025, 4, 12)) == "2025年4月8日—12日"
    assert period_label(d(2024, 12, 30), d(2025, 1, 2)) == "2024年12月30日—2025年1月2日"
    assert period_label(d(2025, 4, 10), d(2025, 4, 10)) == "2025年4月10日"
    assert period_label(None, None) == ""


def test_a_week_one_that_starts_in_the_year_before_names_that_year():
    # 2025-W01 is 2024-12-30 to 2025-01-05: `2025年第1周（12月30日—…）` read as 2025年12月30日.
    d = dt.date
    assert period_label(d(2024, 12, 30), d(2024, 12, 30), week=True) == "2025年第1周（2024年12月30日—2025年1月5日）"
    assert period_label(d(2024, 12, 30), d(2025, 1, 5)) == "2025年第1周（2024年12月30日—2025年1月5日）"
    assert period_label(d(2027, 1, 2), d(2027, 1, 2), week=True) == "2026年第53周（12月28日—2027年1月3日）"  # its Monday is of 2026
    assert period_label(d(2026, 1, 1), d(2026, 1, 1), week=True) == "2026年第1周（2025年12月29日—2026年1月4日）"
    assert period_label(d(2021, 1, 6), d(2021, 1, 6), week=True) == "2021年第1周（1月4日—10日）"


def write_issues(folder, texts: dict[str, str]):
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_week_last_takes_the_newest_iso_week_of_the_input(tmp_path):
    src = write_issues(tmp_path / "in", {
        "a.txt": lead("4月10日，我市召开会议。今年是2025年。"),
        "b.txt": lead("5月13日，我市召开防汛会议。今年是2025年。", "王涛"),
        "c.txt": lead("6月1日，我市举办儿童节活动。", "李四"),  # no year: left out, with a note
    })
    for week in (["--week"], ["--week", "last"]):
        result = CliRunner().invoke(main, ["build", str(src), "-o", str(tmp_path / "out"), "-f", "json", "--no-cache", *week])
        assert result.exit_code == 0, result.output
        data = json.loads((tmp_path / "out" / "briefing.json").read_text(encoding="utf-8"))
        assert [g["source"] for g in data["generated_from"]] == ["b.txt"]
        assert data["period"] == "2025年第20周（5月12日—18日）"
        assert "digest: note: left out of the period, year unknown: c.txt (6月1日（年份不详）)" in result.stderr


def test_a_period_that_matches_nothing_lists_the_issues_dates(tmp_path):
    src = write_issues(tmp_path / "in", {"a.txt": lead("4月10日，我市召开会议。今年是2025年。"), "b.txt": lead("6月1日，我市举办活动。", "李四")})
    result = CliRunner().invoke(main, ["build", str(src), "-o", str(tmp_path / "out"), "-f", "json", "--no-cache", "--week", "2025-W17"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "digest: error: period: no issue dated 2025-W17 (2025-04-21 to 2025-04-27); the issues are dated 2025-04-10, 6月1日（年份不详）"
    )


def test_yearless_issues_only_in_the_briefing_say_so(tmp_path):
    src = write_issues(tmp_path / "in", {"a.txt": lead("4月10日，我市召开会议，部署重点工作。")})
    result = CliRunner().invoke(main, ["build", str(src), "-o", str(tmp_path / "out"), "-f", "json", "-f", "md", "--no-cache"])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "out" / "briefing.json").read_text(encoding="utf-8"))
    assert data["period"] == "4月10日（年份不详）"
    assert data["articles"][0]["date"] is None and data["articles"][0]["month_day"] == "04-10"
    assert "吕梁日报 4月10日（年份不详）" in (tmp_path / "out" / "briefing.md").read_text(encoding="utf-8")


# --- provenance -----------------------------------------------------------------------------


def test_provenance_leaves_out_what_is_not_known():
    assert provenance("吕梁日报", dt.date(2025, 5, 13), "05-13", 2) == "吕梁日报 2025-05-13 第2版"
    assert provenance("吕梁日报", None, "04-10", None) == "吕梁日报 4月10日（年份不详）"
    assert provenance("", None, None, None) == ""
    article = make_article("正文", paper="吕梁日报", date=dt.date(2025, 4, 10), month_day="04-10", page=1, source="a.txt")
    article.sources = ["a.txt", "b.txt"]
    other = make_issue("", "b.txt")
    other.paper, other.date, other.month_day = "吕梁日报", dt.date(2025, 4, 12), "04-12"
    assert article_provenance(article, [make_issue("", "a.txt"), other]) == "吕梁日报 2025-04-10 第1版；又见 吕梁日报 2025-04-12"


def test_show_prints_where_each_article_was_printed():
    result = CliRunner().invoke(main, ["show", str(next(SEEDS.glob("003_*")))])
    assert result.exit_code == 0, result.output
    assert "    吕梁日报 2024-05-09" in result.output.splitlines()
