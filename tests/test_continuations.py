"""A report cut with （下转4版） on page 1 and taken up with （上接1版） on page 4 is one article."""

from __future__ import annotations

import datetime as dt
import json

from click.testing import CliRunner
from conftest import make_article, make_issue

from digest.cli import main
from digest.continuations import join_continuations

PAGE_1 = (
    "吕梁日报 2025年5月13日 星期二 第1版 要闻\n"
    "本报讯（记者 王涛） 5月12日，全市生态环境保护工作会议召开，会议总结了去年工作，\n"
    "安排部署今年重点任务。会议指出，要坚持系统治理，统筹推进山水林田湖草沙一体化保护。（下转4版）\n"
    "全市生态环境保护工作会议召开\n"
)
PAGE_4 = (
    "吕梁日报 2025年5月13日 星期二 第4版 综合\n"
    "（上接1版）会议强调，各级各部门要压实责任，确保各项任务落地见效，为建设美丽吕梁贡献力量。\n"
)


def _run(tmp_path, *pages):
    for name, text in pages:
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(tmp_path), "-o", str(out), "-f", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    return result, json.loads((out / "briefing.json").read_text(encoding="utf-8"))["articles"]


def _build(tmp_path, *pages):
    return _run(tmp_path, *pages)[1]


def test_parts_on_two_page_files_are_one_article(tmp_path):
    (article,) = _build(tmp_path, ("p1.txt", PAGE_1), ("p4.txt", PAGE_4))
    assert article["page"] == 1 and article["date"] == "2025-05-13"
    assert article["text"].endswith("为建设美丽吕梁贡献力量。") and "会议强调" in article["text"]
    assert article["continued"] == ["下转4版", "上接1版"] and article["sources"] == ["p1.txt", "p4.txt"]


def test_a_page_holding_only_a_joined_continuation_is_not_reported_empty(tmp_path):
    result, (article,) = _run(tmp_path, ("p1.txt", PAGE_1), ("p4.txt", PAGE_4))
    assert "会议强调" in article["text"]
    assert "no article found" not in result.output


def test_a_page_with_no_article_at_all_is_still_reported(tmp_path):
    result, _ = _run(tmp_path, ("p1.txt", PAGE_1), ("p9.txt", "吕梁日报 2025年5月13日 星期二 第9版 广告\n"))
    assert "p9.txt: no article found" in result.output


def test_parts_of_one_multi_page_file_are_one_article(tmp_path):
    (article,) = _build(tmp_path, ("issue.txt", PAGE_1 + "\f" + PAGE_4))
    assert "会议强调" in article["text"] and article["page"] == 1


def test_a_continuation_whose_first_part_is_missing_stays_a_fragment(tmp_path):
    (article,) = _build(tmp_path, ("p4.txt", PAGE_4))
    assert article["kind"] == "fragment" and article["page"] == 4


def test_markers_with_page_numbers_in_chinese_numerals_join_too(tmp_path):
    page_1 = PAGE_1.replace("（下转4版）", "（下转四版）")
    page_4 = PAGE_4.replace("（上接1版）", "（上接一版）")
    (article,) = _build(tmp_path, ("p1.txt", page_1), ("p4.txt", page_4))
    assert "会议强调" in article["text"]


def test_joined_article_keeps_the_clause_cuts_of_both_parts_and_drops_what_the_archive_made_of_its_text():
    day = dt.date(2025, 5, 13)
    first = make_article("全市新建5G基站3200个。", page=1, date=day, continued=["下转4版"], figure_cuts=[["全市", "新建"]], search_tokens=["", "全 市 \ue000"], fingerprint="0" * 32)
    rest = make_article("累计投资2.5亿元。", page=4, date=day, continued=["上接1版"], figure_cuts=[["累计", "投资"]])
    issue = make_issue("")
    issue.articles = [first, rest]
    assert join_continuations([issue]) == 1
    assert issue.articles == [first] and first.figure_cuts == [["全市", "新建"], ["累计", "投资"]]
    assert first.search_tokens == [] and first.fingerprint == ""  # made for the first part's text alone: recording makes them again


def test_an_empty_page_is_reported_though_another_folders_page_of_its_name_has_articles(tmp_path):
    # Which pages printed an article was told by file name (`p1.txt`), and two papers' folders
    # name their pages alike: a/p1.txt with nothing on it went unreported beside b/p1.txt.
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "p1.txt").write_text("吕梁日报 2025年5月13日 星期二 第1版 广告\n", encoding="utf-8")
    (tmp_path / "b" / "p1.txt").write_text(PAGE_1, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(out), "-f", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert f"{tmp_path / 'a' / 'p1.txt'}: no article found" in result.output
    assert f"{tmp_path / 'b' / 'p1.txt'}: no article found" not in result.output


def test_markers_naming_the_page_with_di_join_too(tmp_path):
    page_1 = PAGE_1.replace("（下转4版）", "（下转第4版）")
    page_4 = PAGE_4.replace("（上接1版）", "（上接第1版）")
    (article,) = _build(tmp_path, ("p1.txt", page_1), ("p4.txt", page_4))
    assert "会议强调" in article["text"] and article["continued"] == ["下转4版", "上接1版"]


def test_bare_markers_join_too(tmp_path):
    page_1 = PAGE_1.replace("（下转4版）", "（转4版）")
    page_4 = PAGE_4.replace("（上接1版）", "（接第1版）")
    (article,) = _build(tmp_path, ("p1.txt", page_1), ("p4.txt", page_4))
    assert "会议强调" in article["text"] and article["continued"] == ["下转4版", "上接1版"]
