"""The briefing's selection (digest/select.py): featured and listed articles within a page budget."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import SEEDS, make_article, make_issue

from digest import compose as compose_module
from digest.cli import main
from digest.compose import centrality, compose
from digest.enrich import load_themes
from digest.model import KeySentence
from digest.render import Renderer, environment, to_json
from digest.select import select

THEMES = load_themes()
SENTENCE = "市政府召开专题会议，研究部署全市重点工作，要求各级各部门压实责任、狠抓落实，确保各项任务按期完成。"


def tiny_week(count: int, lvliang_share: float = 0.8):
    """`count` articles over one issue; most about Lüliang, spread over the themes, with key sentences."""
    issue = make_issue("", source="2025-04-10.txt")
    names = THEMES.names
    for i in range(count):
        local = i % 10 < lvliang_share * 10
        article = make_article(SENTENCE * (1 + i % 4), title=f"第{i}篇稿件的标题写得比较长一些", id=f"x-{i:04d}", position=i, kind="news")
        article.lvliang = local
        article.theme = names[i % len(names)]
        article.keywords = ["吕梁", f"词{i % 7}", f"项{i % 5}"]
        article.summary = [KeySentence(SENTENCE, 0, 1.0), KeySentence(SENTENCE, 1, 0.5)]
        article.sources = [issue.source]
        article.paper = "吕梁日报"
        issue.articles.append(article)
    return compose([issue], "周报", THEMES, [])


@pytest.mark.parametrize("small_week", [1000, 0], ids=["bits", "marked table"])
def test_centrality_counts_others_sharing_two_keywords_through_the_pair_index(small_week, monkeypatch):
    monkeypatch.setattr(compose_module, "SMALL_WEEK", small_week)
    a, b, c, d = (make_article("x", keywords=k) for k in (["甲", "乙", "丙"], ["甲", "乙"], ["乙", "丙", "丁"], ["甲", "丁"]))
    shares = centrality([a, b, c, d])
    assert [shares[id(x)] for x in (a, b, c, d)] == [2 / 3, 1 / 3, 1 / 3, 0.0]


def test_centrality_as_bits_counts_each_linked_article_once_past_one_machine_word():
    """Articles numbered past 64 (an int of several digits), linked through several pairs
    each, one article with no pair and one whose pairs no other holds: each counts the
    distinct others holding any of its pairs, as a set of them would."""
    words = ["甲", "乙", "丙", "丁", "戊", "己", "庚"]
    keywords = [[words[i % 7], words[i * 3 % 7], words[(i + 2) % 7]] for i in range(150)] + [["辛"], ["壬", "癸"]]
    articles = [make_article("x", keywords=k) for k in keywords]
    pairs = [{frozenset((a, b)) for a in set(k) for b in set(k) if a != b} for k in keywords]
    expected = [sum(1 for j, other in enumerate(pairs) if j != i and mine & other) / (len(articles) - 1) for i, mine in enumerate(pairs)]
    shares = centrality(articles)
    assert [shares[id(a)] for a in articles] == expected
    assert expected[-2:] == [0.0, 0.0] and min(expected[:-2]) > 0.1


@pytest.mark.parametrize("cells, marks", [(8, 1_000), (1_000, 1)], ids=["two rows a block", "one article a block"])
def test_centrality_in_blocks_counts_as_the_sets_do(cells, marks, monkeypatch):
    keywords = [["甲", "乙", "丙"], ["甲", "乙"], ["乙", "丙", "丁"], ["甲", "丁"], ["丙", "丁", "甲"], ["戊"], ["甲", "乙", "丁"]]
    articles = [make_article("x", keywords=k) for k in keywords]
    by_sets = centrality(articles)
    monkeypatch.setattr(compose_module, "SMALL_WEEK", 0)
    monkeypatch.setattr(compose_module, "LINK_CELLS", cells)  # 8 cells of 7 articles: one row; 1,000: all seven
    monkeypatch.setattr(compose_module, "LINK_MARKS", marks)
    assert centrality(articles) == by_sets and by_sets[id(articles[0])] == 4 / 6


def test_each_theme_leads_with_a_featured_article_and_the_outside_section_is_listed():
    briefing = tiny_week(40)
    select(briefing, 24)
    for section in briefing.sections:
        if not section.articles:
            continue
        if section.name in ("省内动态", "国内"):  # articles about elsewhere are listed
            assert not section.featured and section.listed
        else:
            assert section.featured, section.name
        assert set(map(id, section.featured)) | set(map(id, section.listed)) == set(map(id, section.articles))
    assert briefing.selected == {a.id for s in briefing.sections for a in s.featured}


def test_a_smaller_budget_features_fewer_articles():
    counts = []
    for pages in (6, 12, 24):
        briefing = tiny_week(120)
        select(briefing, pages)
        counts.append(len(briefing.selected))
    assert counts[0] < counts[1] < counts[2]


def test_a_week_too_big_for_one_line_each_counts_what_it_leaves_out():
    briefing = tiny_week(3000)
    select(briefing, 24)
    unlisted = sum(s.unlisted for s in briefing.sections)
    shown = sum(len(s.featured) + len(s.listed) for s in briefing.sections)
    assert unlisted > 0 and shown + unlisted == 3000
    md = Renderer(environment()).render("md", briefing).decode("utf-8")
    assert "另有" in md and "篇，见 HTML 版全文与 JSON" in md


def test_full_features_every_article_in_reading_order():
    briefing = tiny_week(60)
    select(briefing, None)
    assert all(s.featured == s.articles and not s.listed for s in briefing.sections)
    assert len(briefing.selected) == 60


def test_json_keeps_every_article_with_its_selected_flag():
    briefing = tiny_week(200)
    select(briefing, 6)
    data = json.loads(to_json(briefing))
    assert len(data["articles"]) == 200
    flags = {a["id"]: a["selected"] for a in data["articles"]}
    assert {i for i, f in flags.items() if f} == briefing.selected and not all(flags.values())


def test_html_keeps_every_article_below_the_briefing():
    briefing = tiny_week(200)
    select(briefing, 6)
    html = Renderer(environment()).render("html", briefing).decode("utf-8")
    briefing_part, full_list = html.split('<section id="all"', 1)
    assert all(f'<article id="{a.id}">' in full_list for a in briefing.articles)
    assert all(f'<article id="b-{i}">' in briefing_part for i in briefing.selected)
    listed = next(s for s in briefing.sections if s.listed).listed[0]
    assert f'href="#{listed.id}"' in briefing_part


@pytest.mark.parametrize("pages", [6, 10])
def test_the_pdf_of_a_big_week_keeps_to_the_page_budget(pages):
    from weasyprint import HTML

    briefing = tiny_week(400)
    select(briefing, pages)
    renderer = Renderer(environment())
    document = HTML(string=renderer.render_template("pdf", briefing)).render()
    assert len(document.pages) <= pages


def test_the_pdf_bullets_stand_where_weasyprint_would_put_its_list_markers():
    """The PDF sets the bullets of key sentences and listed articles in the first line, pulled
    left by their own width (the template's margins), instead of WeasyPrint's outside markers,
    each an absolutely positioned box: every piece of text in the same place on the same page."""
    from weasyprint import HTML
    from weasyprint.formatting_structure.boxes import TextBox

    from digest.figures import Figure

    briefing = tiny_week(60)
    select(briefing, 6)
    # 数说本周 too (tiny_week's sentences hold no number): its list is the third set so.
    briefing.figures = [Figure(f"全市新建道路{n}公里", n, "公里", SENTENCE, f"x-{n:04d}") for n in (1, 2, 3)]
    html = Renderer(environment()).render_template("pdf", briefing)
    assert '<ul class="summary">' in html and '<ul class="listed">' in html and '<ul class="figures">' in html
    lists = "ul.summary > li, ul.listed > li, ul.figures > li"
    markers = html.replace("</style>", f"{lists} {{ list-style: disc outside; }} {lists.replace(' li', ' li::before')} {{ content: none; }}</style>", 1)

    def text_boxes(source: str) -> list:
        pages = HTML(string=source).render().pages
        return sorted((n, box.text, round(box.position_x, 6), round(box.position_y, 6))
                      for n, page in enumerate(pages) for box in page._page_box.descendants(placeholders=True) if isinstance(box, TextBox))

    shipped = text_boxes(html)
    assert sum(text == "• " for _, text, _, _ in shipped) >= 8  # the bullets are there, as text
    assert shipped == text_boxes(markers)


def test_pages_and_full_from_the_command_line_and_the_config(tmp_path):
    out = tmp_path / "out"
    (tmp_path / "digest.toml").write_text("pages = 10\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--config", str(tmp_path / "digest.toml"), "build", str(SEEDS), "-o", str(out), "-f", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    ten = json.loads((out / "briefing.json").read_text(encoding="utf-8"))
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(out), "-f", "json", "--full", "--no-cache"])
    assert result.exit_code == 0, result.output
    full = json.loads((out / "briefing.json").read_text(encoding="utf-8"))
    assert all(a["selected"] for a in full["articles"])
    assert 0 < sum(a["selected"] for a in ten["articles"]) < len(ten["articles"])
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(out), "--pages", "2"])
    assert result.exit_code == 2 and "--pages" in result.output


def _pdf_pages(path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def test_a_budget_smaller_than_the_parts_every_briefing_has_is_said_once_with_the_pages_printed(tmp_path):
    """seeds/ has eleven sections, the county table and twelve figures: cover, contents, the week
    page, the sections' headings and the closing tables take 7 PDF pages with no article in them,
    so `--pages 4` cannot be kept. It is said once, with the pages the PDF has; a budget kept says nothing."""
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(out), "-f", "pdf", "-f", "json", "--pages", "4", "--no-cache", "--no-archive"])
    assert result.exit_code == 0, result.output
    printed = _pdf_pages(out / "briefing.pdf")
    assert printed > 4
    notes = [line for line in result.stderr.splitlines() if "--pages" in line]
    assert notes == [f"digest: note: --pages 4 is too few for this week: the PDF has {printed} pages with no article featured or listed (cover, contents, 本周要闻, the 11 sections' headings, the county table and 数说本周)"]
    assert not any(a["selected"] for a in json.loads((out / "briefing.json").read_text(encoding="utf-8"))["articles"])
    # Without a PDF, the estimate says it (it errs long: a page more than the PDF has).
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(out), "-f", "md", "--pages", "4", "--no-cache", "--no-archive"])
    assert [line for line in result.stderr.splitlines() if "--pages" in line] == ["digest: note: --pages 4 is too few for this week: its briefing would take about 8 pages with no article featured or listed (cover, contents, 本周要闻, the 11 sections' headings, the county table and 数说本周)"]
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(out), "-f", "pdf", "--pages", "9", "--no-cache", "--no-archive"])
    assert result.exit_code == 0 and "--pages" not in result.stderr and _pdf_pages(out / "briefing.pdf") <= 9
