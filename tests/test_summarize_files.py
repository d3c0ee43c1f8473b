"""`digest summarize`: article files (text, PDF, folders) to a title, key sentences and keywords."""

import json

import pytest
from click.testing import CliRunner

from digest.cli import main
from digest.clean import clean_lines
from digest.summarize import get_ranker, summarize_text
from digest.summarize.base import cut_to_budget, select
from digest.summarize.files import looks_like_title, split_title

HEADLINE = "吕梁市纪委监委关于开设营商环境投诉举报监督专线的公告"
BODY = "为进一步优化营商环境，吕梁市纪委监委开设投诉举报监督专线，专门受理对公职人员在服务企业和群众中不作为、慢作为、推诿扯皮、吃拿卡要等问题的投诉举报。投诉举报电话0358-8253111。每天24小时全天候受理。"


def article_file(folder, text: str, name: str = "a.txt"):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def summarize(*args):
    result = CliRunner().invoke(main, ["summarize", *map(str, args)])
    assert result.exit_code == 0, result.output
    return result


def test_headline_line_at_the_top_is_the_title_not_part_of_the_first_sentence(tmp_path):
    result = summarize(article_file(tmp_path, f"{HEADLINE}\n{BODY}\n"), "--json", "--ranker", "lead", "--sentences", "1")
    (item,) = json.loads(result.output)
    assert item["title"] == HEADLINE
    assert item["summary"] == [BODY.split("。")[0] + "。"]


def test_headline_in_text_output(tmp_path):
    result = summarize(article_file(tmp_path, f"{HEADLINE}\n\n{BODY}\n"), "--ranker", "lead", "--sentences", "1")
    assert result.output.splitlines()[1] == f"标题：{HEADLINE}"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (f"# {HEADLINE}\n{BODY}", HEADLINE),  # Markdown
        (f"{HEADLINE}\n本报讯（记者 王涛）{BODY}", HEADLINE),  # a dateline right under it
        (f"短标题\n\n{BODY}", "短标题"),
        ("为进一步优化营商环境，吕梁市\n纪委监委开设投诉举报监督专\n线，专门受理投诉举报。", None),  # column-wrapped prose
        ("吕梁市纪委监委开设投诉举报监\n督专线专门受理对公职人员的投\n诉举报。", None),  # its first line ends no clause
        (BODY, None),
    ],
    ids=["markdown", "dateline-next", "blank-line", "wrapped-prose", "wrapped-no-punctuation", "prose-only"],
)
def test_what_is_a_title(text, title):
    assert split_title(text)[0] == title


def test_a_title_never_ends_a_sentence_or_clause():
    first, second = clean_lines("投诉举报电话已开通。\n" + BODY)[:2]
    assert not looks_like_title(first, second, blank_between=True)


def test_json_prints_chinese_as_utf8(tmp_path):
    result = summarize(article_file(tmp_path, f"{HEADLINE}\n{BODY}\n"), "--json")
    assert "吕梁市" in result.output and "\\u" not in result.output


@pytest.mark.parametrize("budget", [1, 5, 10, 11, 20, 30, 60, 200])
def test_budget_is_never_exceeded_cut_mark_included(tmp_path, budget):
    result = summarize(article_file(tmp_path, f"{HEADLINE}\n{BODY}\n"), "--json", "--sentences", "3", "--budget", budget)
    (item,) = json.loads(result.output)
    assert item["summary"] and sum(len(s) for s in item["summary"]) <= budget


def test_when_no_sentence_fits_the_first_is_cut_at_a_clause_boundary():
    sentences = ["孝义市首批氢能公交车正式投运，开启绿色出行新时代，由鹏飞集团运营。", "这是吕梁市第一条氢能公交线路，由鹏飞集团负责运营管理和日常维护。"]
    (only,) = select(sentences, [1.0, 2.0], count=2, budget=26)
    assert only.position == 0 and only.text == "孝义市首批氢能公交车正式投运，开启绿色出行新时代…"
    (only,) = select(sentences, [1.0, 2.0], count=2, budget=20)
    assert only.text == "孝义市首批氢能公交车正式投运…"


def test_a_clause_longer_than_the_budget_is_cut_at_the_budget():
    assert cut_to_budget("孝义市首批氢能公交车正式投运。", 6) == "孝义市首批…"
    assert cut_to_budget("孝义市。", 4) == "孝义市。"


def test_budget_holds_for_every_ranker():
    text = BODY * 2
    for name in ("textrank", "textrank4zh", "lead"):
        summary = summarize_text(text, get_ranker(name), 3, budget=15)
        assert summary and sum(len(s.text) for s in summary) <= 15


def test_folders_are_read_as_build_reads_them(tmp_path):
    article_file(tmp_path, f"{HEADLINE}\n{BODY}\n", "b.txt")
    article_file(tmp_path, f"短标题\n\n{BODY}\n", "a.md")
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")  # not an issue file: left out, as by build
    items = json.loads(summarize(tmp_path, "--json").output)
    assert [item["source"].rsplit("/", 1)[-1] for item in items] == ["a.md", "b.txt"]
    assert [item["title"] for item in items] == ["短标题", HEADLINE]


def test_pdf_article_headline_is_the_title(tmp_path):
    from weasyprint import HTML

    page = f'<html lang="zh-CN"><body style="font-family: Noto Serif CJK SC; font-size: 10pt"><h1 style="font-size: 22pt">{HEADLINE[:14]}</h1><p style="width: 60mm">{BODY}</p></body></html>'
    path = tmp_path / "a.pdf"
    path.write_bytes(HTML(string=page).write_pdf())
    (item,) = json.loads(summarize(path, "--json", "--ranker", "lead", "--sentences", "1").output)
    assert item["title"] == HEADLINE[:14]
    assert item["summary"][0].startswith("为进一步优化营商环境") and "#" not in item["summary"][0]
