"""`pdftotext -layout` pages are put back into reading order; raw-mode text is left alone.

The pages are rendered here with WeasyPrint from synthetic Chinese articles written for
these tests, then extracted with poppler's `pdftotext -layout`, so the tests see what the
real extractor prints (columns side by side, padded with ASCII spaces)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from digest.clean import han_only
from digest.ingest import mark_pages, read_issue
from digest.layout_text import is_physical_layout, to_reading_order
from digest.segment import segment

from conftest import SEEDS

TOPICS = ["社区图书馆", "乡村公路", "春季植树", "学校食堂", "农产品展销", "老旧小区供暖"]
PLACES = ["离石区", "柳林县", "孝义市", "汾阳市", "兴县", "临县"]


def sentences(k: int) -> list[str]:
    """Article k's sentences: each names its topic, place and number, so it is unique."""
    topic, place = TOPICS[k], PLACES[k]
    return [
        f"{place}{topic}工作第{n}项安排已经落实，共投入资金{120 + 17 * k + n}万元，惠及群众{300 + n * 11}户。"
        for n in range(1, 8)
    ]


def article_html(k: int) -> str:
    body = "".join(sentences(k))
    return f"<h3>{PLACES[k]}推进{TOPICS[k]}建设</h3><p>本报讯（记者 王涛）{body}</p>"


MASTHEAD = "吕梁日报 2025年5月13日 星期二 第2版 要闻"
STYLE = """@page { size: A3; margin: 1.5cm; }
body { font-family: 'Noto Sans CJK SC'; font-size: 10pt; line-height: 1.4; }
h1 { font-size: 24pt; margin: 0.2em 0; } h3 { font-size: 14pt; margin: 0.4em 0; }
p { margin: 0; text-align: justify; }"""


def flow_page() -> str:
    """Five CSS columns under a masthead; a headline set across all columns leads the flow."""
    articles = "".join(article_html(k) for k in range(6))
    return (f"<html><head><style>{STYLE} .cols {{ column-count: 5; column-gap: 1.2em; }} "
            f"h1 {{ column-span: all; }}</style></head><body><div>{MASTHEAD}</div>"
            f"<div class='cols'><h1>全市重点工作推进会议召开</h1>{articles}</div></body></html>")


def block_page() -> str:
    """Four columns of absolutely positioned blocks: two articles over two columns each (the
    headline set across both), and under them two more, each over two columns."""
    boxes = []
    width, gap, top = 175, 14, 60
    for k in range(4):
        left = 40 + (k % 2) * 2 * (width + gap)
        y = top + (k // 2) * 520
        boxes.append(f"<div style='position:absolute; left:{left}pt; top:{y}pt; width:{2 * width + gap}pt;"
                     f" column-count:2; column-gap:{gap}pt'>{article_html(k)}</div>")
    return (f"<html><head><style>{STYLE} @page {{ margin: 0 }}</style></head><body>"
            f"<div style='position:absolute; left:40pt; top:20pt'>{MASTHEAD}</div>{''.join(boxes)}</body></html>")


@pytest.fixture(scope="module")
def layout_pages(tmp_path_factory) -> dict[str, str]:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    import weasyprint

    folder = tmp_path_factory.mktemp("layout")
    pages = {}
    for name, html in (("flow", flow_page()), ("blocks", block_page())):
        pdf = folder / f"{name}.pdf"
        weasyprint.HTML(string=html).write_pdf(pdf)
        out = folder / f"{name}.txt"
        subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), str(out)], check=True)
        pages[name] = out.read_text(encoding="utf-8")
    return pages


def _runs_in_order(text: str, count: int) -> None:
    """Every article's sentences appear in order, and no other article's between them."""
    han = han_only(text)
    spans = []
    for k in range(count):
        positions = [han.find(han_only(s)) for s in sentences(k)]
        assert -1 not in positions, f"article {k}: a sentence is broken up"
        assert positions == sorted(positions), f"article {k}: sentences out of order"
        spans.append((positions[0], positions[-1]))
    spans.sort()
    for (_, end), (start, _) in zip(spans, spans[1:]):
        assert end < start, "two articles interleave"


@pytest.mark.parametrize("name,count", [("flow", 6), ("blocks", 4)])
def test_layout_pages_come_out_in_reading_order(layout_pages, name, count):
    page = layout_pages[name].split("\f")[0]
    assert is_physical_layout(page)
    with pytest.raises(AssertionError):
        _runs_in_order(page, count)  # as extracted, the columns are mixed line by line
    ordered = to_reading_order(page)
    _runs_in_order(ordered, count)
    assert ordered.split("\n")[0].split() == MASTHEAD.split()  # the masthead band comes first, whole


def test_read_issue_and_segment_cut_the_layout_articles(layout_pages, tmp_path):
    path = tmp_path / "2025-05-13_layout.txt"
    path.write_text(layout_pages["flow"], encoding="utf-8")
    issue = read_issue(path)
    assert issue.masthead is not None and issue.masthead.page == 2
    bodies = [han_only(article.text) for article in segment(issue)]
    for k in range(6):
        first, last = han_only(sentences(k)[0]), han_only(sentences(k)[-1])
        assert any(first in body and last in body for body in bodies), f"article {k} not cut whole"


def test_printed_lines_stay_lines(layout_pages):
    """One output line per printed line of a column: widths are what segmentation reads."""
    ordered = to_reading_order(layout_pages["flow"].split("\f")[0])
    body = [line for line in ordered.split("\n") if line.startswith(PLACES[0]) or "万元" in line]
    assert body and max(len(line) for line in body) <= 20


@pytest.mark.parametrize("seed_path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_raw_seeds_are_left_byte_identical(seed_path):
    text = seed_path.read_text(encoding="utf-8")
    assert not any(is_physical_layout(page) for page in text.split("\f"))
    normalized = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    assert read_issue(seed_path).raw == mark_pages(normalized)[0]


def test_raw_text_is_read_without_loading_the_pdf_reader():
    """Only a layout page needs the stories reader (and with it the PDF reader's modules)."""
    code = "import sys; from digest.ingest import read_issue; read_issue(__import__('pathlib').Path(sys.argv[1])); print(sorted(m for m in sys.modules if m.startswith(('digest.pdf', 'digest.layout_'))))"
    done = subprocess.run([sys.executable, "-c", code, str(next(SEEDS.glob("*.txt")))], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[-2] == "['digest.layout_text']"


@pytest.mark.parametrize(
    "text",
    [
        "投 诉 举 报 电 话 0358-8253111\n" * 12,
        "本报讯（记者 王涛）全市召开会议。\n运动青春 筑梦未来\n" * 10,
        "# 标题\n\n| 项目      | 数量   |\n|---|---|\n| 道路      | 12     |\n| 桥梁      | 3      |\n## 二\n" * 4,
        "一行    两段\n" * 3 + "正常的正文一行没有空格。\n" * 30,  # a few wide gaps, no gutter down the page
    ],
    ids=["letter-spaced", "couplet", "markdown", "few-gaps"],
)
def test_plain_text_is_not_physical_layout(text):
    assert not is_physical_layout(text)


def test_reading_order_keeps_spread_headline_spaces():
    left = ["吕 梁 市 召 开 大 会"] + [f"左栏第{n}行正文内容写在这里" for n in range(8)]
    right = [""] + [f"右栏第{n}行正文内容写在这里" for n in range(8)]
    page = "\n".join(f"{a:<20}      {b}".rstrip() for a, b in zip(left, right))
    assert is_physical_layout(page)
    out = to_reading_order(page).split("\n")
    assert out[0] == "吕 梁 市 召 开 大 会"
    assert out[1:9] == left[1:] and out[-8:] == right[1:]


def _grid_page(rows: list[tuple[str, int, str]]) -> str:
    """Two columns as `pdftotext -layout` prints them: (left text, cell of the right text, right text)."""
    return "\n".join(left + " " * max(1, cell - len(left)) + right if right else left for left, cell, right in rows) + "\n"


LEFT = [f"左栏第{n}行离石区的文字内容" for n in "一二三四五六七八"]
RIGHT = [f"右栏第{n}行柳林县的文字内容" for n in "一二三四五六七八"]


def test_columns_printed_as_one_line_or_pushed_right_are_parted():
    """Measured on WeasyPrint pages: two columns' lines on one baseline come out joined by a
    single space, and the next row's right column is pushed several cells right."""
    rows = [(left, 22, right) for left, right in zip(LEFT, RIGHT)]
    rows[3] = (LEFT[3], len(LEFT[3]) + 1, RIGHT[3])  # one space between the columns
    rows[4] = (LEFT[4], 31, RIGHT[4])  # pushed right
    page = _grid_page(rows)
    assert is_physical_layout(page)
    lines = [line for line in to_reading_order(page).split("\n") if line]
    assert [line.lstrip() for line in lines] == LEFT + RIGHT  # the pushed line's cells right of its column kept as its indent


def test_a_bracketed_byline_with_a_space_is_not_parted():
    rows = [(left, 22, right) for left, right in zip(LEFT, RIGHT)]
    rows[0] = ("本报讯（记者 王涛）离石区", 22, RIGHT[0])
    lines = [line for line in to_reading_order(_grid_page(rows)).split("\n") if line]
    assert lines[0] == "本报讯（记者 王涛）离石区"


def test_a_dateline_set_apart_from_the_first_words_stays_on_their_line():
    """pdftotext prints the wide space after `本报讯 （记者 王涛）` as a few spaces: the first words
    stay with the dateline, not read as a fragment of another column."""
    rows = [(left, 22, right) for left, right in zip(LEFT, RIGHT)]
    rows[0] = ("本报讯 （记者 王涛）   今年", 22, RIGHT[0])
    lines = [line for line in to_reading_order(_grid_page(rows)).split("\n") if line]
    assert lines[0] == "本报讯 （记者 王涛） 今年"
    assert lines[1:8] == LEFT[1:] and lines[8:] == RIGHT


def test_a_masthead_line_with_no_blank_row_under_it_is_kept_whole():
    """Chromium sets the first headlines right under the masthead: no blank row parts them."""
    masthead = "时政                 吕梁日报                  2025年6月3日 星期二            第2版"
    rows = [(left, 22, right) for left, right in zip(LEFT, RIGHT)]
    page = masthead + "\n" + _grid_page(rows)
    lines = [line for line in to_reading_order(page).split("\n") if line]
    assert lines[0] == "时政 吕梁日报 2025年6月3日 星期二 第2版"
    assert lines[1:] == LEFT + RIGHT


def _drifting_page() -> tuple[list[str], list[str], str]:
    """Two columns with no gutter down the page: each right line printed three spaces after the
    left line of its row, wherever that ends (as pdftotext prints Chromium's columns)."""
    left = [f"左栏第{n}行文字" + "内容写在这里"[: k % 7] for k, n in enumerate("一二三四五六七八九十甲乙丙丁")]
    right = [f"右栏第{n}行柳林县的文字内容" for n in "一二三四五六七八九十甲乙丙丁"]
    return left, right, "\n".join(f"{a}   {b}" for a, b in zip(left, right)) + "\n"


def test_columns_that_drift_with_no_gutter_down_the_page_are_read_as_layout():
    left, right, page = _drifting_page()
    assert is_physical_layout(page)
    assert [line.lstrip() for line in to_reading_order(page).split("\n") if line] == left + right  # indents kept as leading spaces


def test_raw_text_with_a_few_wide_gaps_between_prose_is_not_layout():
    prose = [f"第{n}段正文写在这里，离石区的消息。" for n in range(40)]
    for k in (3, 9, 15):
        prose[k] = prose[k] + "   " + prose[k + 1]
    assert not is_physical_layout("\n".join(prose) + "\n")
