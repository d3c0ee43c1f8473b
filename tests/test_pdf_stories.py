"""Pages read story by story (digest/pdf/stories.py): tiny pages made with WeasyPrint, each
pinning one way a page shows where a story starts and ends."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.pdf import read_pdf
from digest.pdf.fakebold import merge_fake_bold
from digest.pdf.glyphs import Glyph
from digest.pdf.lines import Line

CSS = """
@page { size: 240mm 320mm; margin: 10mm }
body { font-family: 'Noto Serif CJK SC'; font-size: 9pt; margin: 0 }
.pg { position: relative; height: 300mm }
.b { position: absolute; line-height: 14pt }
.b p { margin: 0; white-space: nowrap }
.h { position: absolute; font-family: 'Noto Sans CJK SC'; font-weight: 700; font-size: 20pt; line-height: 26pt }
"""
LINE = "黄河流域生态保护和高质量发展取得"  # 16 characters: one column line at 9pt


def _lines(text: str, n: int, start: int = 0) -> str:
    """`n` column lines of distinct text (numbered, so no two lines repeat)."""
    return "".join(f"<p>{text[: 12]}{start + k:03d}号段落。</p>" if (k + 1) % 4 == 0 else f"<p>{text[: 13]}{start + k:03d}号，</p>" for k in range(n))


def _box(x: float, y: float, html: str, cls: str = "b", width: float = 160) -> str:
    return f'<div class="{cls}" style="left:{x}pt; top:{y}pt; width:{width}pt">{html}</div>'


def _read(*boxes: str) -> str:
    from weasyprint import HTML

    data = HTML(string=f'<html lang="zh-CN"><head><style>{CSS}</style></head><body><div class="pg">{"".join(boxes)}</div></body></html>').write_pdf()
    text, _ = read_pdf(data, "page.pdf")
    return text


def _stories(text: str) -> list[list[str]]:
    stories: list[list[str]] = []
    for line in text.replace("\f", "").split("\n"):
        if line == "---":
            stories.append([])
        elif line:
            stories[-1].append(line)
    return [s for s in stories if s]


def _headlines(text: str) -> list[str]:
    """The headline lines (`# …`) of the stories read, in reading order."""
    return [line for story in _stories(text) for line in story if line.startswith("#")]


def test_columns_under_a_short_headline_are_one_story():
    # The headline reaches over the first column only; the second and third columns start at
    # the same height right beside it: the story's next columns.
    text = _read(
        _box(0, 0, "一个短标题", "h", 480),
        _box(0, 34, _lines("第一栏" + LINE, 8)),
        _box(172, 34, _lines("第二栏" + LINE, 8, 100)),
        _box(344, 34, _lines("第三栏" + LINE, 5, 200)),
    )
    (story,) = _stories(text)
    assert story[0] == "# 一个短标题"
    assert [line[:3] for line in story[1:]] == ["第一栏"] * 8 + ["第二栏"] * 8 + ["第三栏"] * 5


def test_headline_drawn_after_its_body_still_heads_it():
    text = _read(
        _box(0, 34, _lines("正文在前" + LINE, 6)),
        _box(0, 0, "标题画在正文之后", "h", 300),
    )
    (story,) = _stories(text)
    assert story[0] == "# 标题画在正文之后" and story[1].startswith("正文在前")


def test_white_space_between_stacked_blocks_parts_two_stories():
    text = _read(
        _box(0, 0, _lines("上一篇" + LINE, 6)),
        _box(0, 6 * 14 + 20, _lines("下一篇" + LINE, 6, 50)),
    )
    assert [s[0][:3] for s in _stories(text)] == ["上一篇", "下一篇"]


def test_stories_side_by_side_each_keep_their_own_headline():
    text = _read(
        _box(0, 0, "左边的标题", "h", 160),
        _box(0, 34, _lines("左边正文" + LINE, 6)),
        _box(172, 0, "右边的标题", "h", 160),
        _box(172, 34, _lines("右边正文" + LINE, 6, 40)),
    )
    stories = _stories(text)
    assert [(s[0], s[1][:4]) for s in stories] == [("# 左边的标题", "左边正文"), ("# 右边的标题", "右边正文")]


def test_vertical_headline_takes_the_columns_beside_it():
    vertical = '<div class="h" style="left:344pt; top:34pt; width:26pt">' + "".join(f"<div>{ch}</div>" for ch in "竖排的标题") + "</div>"
    text = _read(
        _box(0, 34, _lines("竖题左栏" + LINE, 10)),
        _box(172, 34, _lines("竖题右栏" + LINE, 10, 80)),
        vertical,
    )
    (story,) = _stories(text)
    assert story[0] == "# 竖排的标题"
    assert story[1].startswith("竖题左栏") and story[-1].startswith("竖题右栏")


def test_a_continued_part_beside_a_story_is_a_story_of_its_own():
    text = _read(
        _box(0, 34, _lines("甲文正文" + LINE, 6)),
        _box(172, 34, "<p>（上接1版）乙文接续的部分，</p>" + _lines("乙文正文" + LINE, 5, 60)),
    )
    assert len(_stories(text)) == 2


def test_a_column_opened_by_a_summary_label_beside_a_story_is_a_story_of_its_own():
    # A headless report opens with its labelled summary right beside another story's column,
    # tops level: the label says a report starts there, not a next column.
    text = _read(
        _box(0, 0, "短标题", "h", 160),
        _box(0, 34, _lines("甲文正文" + LINE, 6)),
        _box(172, 34, "<p>【核心提示】当前，乙文的提要，</p>" + _lines("乙文正文" + LINE, 5, 60)),
    )
    assert len(_stories(text)) == 2


def test_headless_story_beside_a_caption_ended_by_its_credit_is_a_story_of_its_own():
    # A photo's caption ends with its credit; a headless report's column right beside it, tops
    # level and as long: the credit ended the caption, the report is no next column of it.
    text = _read(
        _box(0, 34, _lines("图片说明" + LINE, 5) + "<p>（张三 摄）</p>"),
        _box(172, 34, _lines("乙文正文" + LINE, 6, 60)),
    )
    assert [[line[:4] for line in s] for s in _stories(text)] == [["图片说明"] * 5 + ["（张三 "], ["乙文正文"] * 6]


def test_second_photo_caption_beside_the_first_ones_credit_stays_in_the_caption_group():
    text = _read(
        _box(0, 34, _lines("图①说明" + LINE, 5) + "<p>（张三 摄）</p>"),
        _box(172, 34, "<p>图②一组照片的第二张，</p>" + _lines("图②说明" + LINE, 5, 60)),
    )
    assert len(_stories(text)) == 1


def test_headless_story_longer_than_a_headless_one_ending_a_sentence_beside_it_is_a_story_of_its_own():
    # Two headless reports side by side, tops level: the left one ends a sentence four lines
    # down, the right one runs on for eight. A story's next column never runs on below the
    # one before it, so the right column is a story of its own.
    text = _read(
        _box(0, 34, _lines("甲文正文" + LINE, 4)),
        _box(172, 34, _lines("乙文正文" + LINE, 8, 60)),
    )
    assert [[line[:4] for line in s] for s in _stories(text)] == [["甲文正文"] * 4, ["乙文正文"] * 8]


def test_framed_story_beside_a_column_a_gutter_apart_keeps_its_lines_off_that_columns():
    # A framed story set a narrow gutter right of another column: each of its lines shares a
    # baseline with a line of that column, a space's width or so apart, and its own column is
    # too short for its left edge to be a column's. The frame's side runs between them.
    frame = '<div class="b" style="left:158pt; top:4pt; width:150pt; border:0.5pt solid black; padding:0 2pt">'
    head = "<div style=\"font-family:'Noto Sans CJK SC'; font-weight:700; font-size:20pt; line-height:30pt\">框里的标题</div>"
    text = _read(
        _box(0, 34, _lines("左栏正文" + LINE, 8)),
        frame + head + _lines("框内正文" + LINE, 2, 60) + "<p>框内最后一行。</p></div>",
    )
    stories = [[line[:4] for line in s] for s in _stories(text)]
    assert ["# 框里", "框内正文", "框内正文", "框内最后"] in stories and ["左栏正文"] * 8 in stories


def test_line_under_a_short_one_starting_near_its_edge_stays_in_the_block():
    # `功。` ends a paragraph at the top of a column; the next paragraph starts indented 2 em.
    short = '<p>功。</p><p style="padding-left:18pt">下一段开头缩进两格，</p>' + _lines("续文" + LINE, 4, 10)
    text = _read(_box(0, 0, "标题", "h", 160), _box(0, 34, short))
    (story,) = _stories(text)
    assert story[1:3] == ["功。", "下一段开头缩进两格，"]


def test_narrow_gutter_of_letter_spaced_columns_parts_them():
    spaced = '<div class="b" style="left:{x}pt; top:0; width:160pt; letter-spacing:0.1em">{p}</div>'
    text = _read(
        "<div>" + spaced.format(x=0, p=_lines("左栏" + LINE, 6)) + "</div>",
        # The first column's letter-spaced lines (18 characters, 9.9 pt each) end 7 pt short of
        # the second: less than a character, more than the letter spacing.
        spaced.format(x=185, p=_lines("右栏" + LINE, 6, 30)),
    )
    for story in _stories(text):
        for line in story:
            assert not ("左栏" in line and "右栏" in line), line


def test_fake_bold_copies_a_point_apart_either_way_are_one_glyph():
    first = Glyph("吕", 30.0, 86.0, 40.0, 96.0, 10.0, "Sans")
    second = Glyph("吕", 30.2, 86.8, 40.2, 96.8, 10.0, "Sans")
    neighbour = Glyph("吕", 40.0, 86.0, 50.0, 96.0, 10.0, "Sans")  # the same character next to it is not a copy
    kept, dropped = merge_fake_bold([first, second, neighbour])
    assert kept == [first, neighbour] and dropped == 1 and first.bold


def test_fake_bold_copies_justified_apart_on_one_baseline_are_one_glyph():
    # Chromium justifies the two copies of a bold run apart: `爱` after `“` 1.94 pt further on in
    # one copy. Two `1`s of a half-width `11` on one baseline stay two glyphs.
    first = Glyph("爱", 590.0, 762.26, 599.49, 771.75, 9.49, "Serif")
    second = Glyph("爱", 588.06, 762.26, 597.55, 771.75, 9.49, "Serif")
    ones = [Glyph("1", 660.08, 762.26, 664.55, 771.75, 9.49, "Serif"), Glyph("1", 664.56, 762.26, 669.03, 771.75, 9.49, "Serif")]
    kept, dropped = merge_fake_bold([first, *ones, second])
    assert kept == [first, *ones] and dropped == 1 and first.bold


def test_fake_bold_narrow_letter_repeated_is_two_glyphs_each_with_its_copy():
    # `ll` of an e-mail address in a fake-bold run (ReportLab, 9 pt): the second `l` starts
    # 2.05 pt after the first, within a quarter em, but past half its width: no copy of it.
    # Taken for one, its own copy stayed behind as a stray `l` that parted the line.
    l1, l2 = Glyph("l", 668.4, 963.23, 671.11, 972.23, 9.0, "Song"), Glyph("l", 670.45, 963.23, 673.16, 972.23, 9.0, "Song")
    c1, c2 = Glyph("l", 668.65, 963.23, 671.36, 972.23, 9.0, "Song"), Glyph("l", 670.7, 963.23, 673.41, 972.23, 9.0, "Song")
    kept, dropped = merge_fake_bold([l1, l2, c1, c2])
    assert kept == [l1, l2] and dropped == 2


def test_fake_bold_copies_of_a_dash_mapped_to_two_code_points_are_one_glyph():
    first = Glyph("―", 49.2, 137.5, 58.7, 147.0, 9.5, "Sans")  # U+2015 in one copy
    second = Glyph("—", 49.4, 137.5, 57.9, 147.0, 9.5, "Sans")  # U+2014 in the other
    kept, dropped = merge_fake_bold([first, second])
    assert kept == [first] and dropped == 1


def _read_chromium(*boxes: str):
    """(text, pages) of a page printed by Chromium, when the test machine has Chromium."""
    import shutil
    import subprocess
    import tempfile

    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if not binary:
        pytest.skip("chromium is not installed")
    html = f'<html lang="zh-CN"><head><style>{CSS}</style></head><body><div class="pg">{"".join(boxes)}</div></body></html>'
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "p.html", Path(tmp) / "p.pdf"
        src.write_text(html, encoding="utf-8")
        subprocess.run([binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--no-first-run", f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer",
                        f"--print-to-pdf={out}", src.as_uri()], check=True, capture_output=True, timeout=120)
        return read_pdf(out.read_bytes(), "p.pdf")


def test_chromium_page_reads_masthead_and_stories():
    """A page printed by Chromium (radical code points for 日/月, punctuation set half width)."""
    text, pages = _read_chromium(
        _box(0, 0, "吕梁日报 2025年5月13日 星期二 第2版 要闻", "b", 480),
        _box(0, 30, "“孤儿”，因为标题", "h", 300),
        _box(0, 64, "<p>他们说：“孤儿”，因为这样太残忍。</p>" + _lines("正文" + LINE, 5)),
    )
    assert pages[0].masthead is not None and pages[0].masthead.page == 2 and str(pages[0].masthead.date) == "2025-05-13"
    (story,) = _stories(text)
    assert story[1] == "他们说：“孤儿”，因为这样太残忍。"


def test_chromium_vertical_headline_keeps_its_digits_set_sideways():
    # Chromium turns the digits of vertical type a quarter turn (and draws the dash turned):
    # they are cells of the headline, not glyphs to drop.
    vertical = '<div class="h" style="left:172pt; top:34pt; width:26pt; height:300pt; writing-mode:vertical-rl">当地时间11月21日—夏花会</div>'
    text, _ = _read_chromium(_box(0, 34, _lines("竖题正文" + LINE, 12)), vertical)
    (story,) = _stories(text)
    assert story[0] == "# 当地时间11月21日—夏花会" and story[1].startswith("竖题正文")


def test_chromium_two_em_dash_opening_a_subtitle_stays_on_its_line():
    # Chromium draws `——` as one glyph whose advance it tells as one em: its box is its
    # loose box (two ems), so no gap after it parts the subtitle's row.
    subtitle = '<div class="h" style="left:0; top:28pt; width:160pt; font-size:11pt; line-height:14pt; font-weight:400">——看迪诺斯如何变废为宝</div>'
    text, _ = _read_chromium(_box(0, 0, "退役电池再就业", "h", 160), subtitle, _box(0, 48, _lines("正文" + LINE, 6)))
    (story,) = _stories(text)
    assert story[:2] == ["# 退役电池再就业", "## ——看迪诺斯如何变废为宝"]


def _glyph_line(x: float, y: float, text: str, step: float = 10.0, size: float = 10.0, font: str = "Serif") -> Line:
    """A line of `text` set from x on baseline row y, each glyph `size` square and `step` after the last."""
    return Line([Glyph(ch, x + k * step, y, x + k * step + size, y + size, size, font) for k, ch in enumerate(text)]).finish()


def _row(x: float, y: float, text: str, size: float) -> Line:
    """A row of display or body type of `size`, set solid."""
    return _glyph_line(x, y, text, step=size, size=size, font="Sans")


def _ran_on(*parts: Line) -> Line:
    """One line of the glyphs of `parts`, as an extractor runs a line on into the next column's."""
    return Line([glyph for part in parts for glyph in part.glyphs]).finish()


def test_line_run_on_into_the_next_column_is_parted_at_its_edge():
    from digest.pdf.rows import split_at_edges

    # Column two starts at x = 200 (four lines say so); a line of column one set too wide ends
    # 5 pt short of it, and the extractor ran the two together.
    column_two = [_glyph_line(200, 20 * k, "第二栏的文字") for k in range(4)]
    run_on = _ran_on(_glyph_line(25, 100, "第一栏的文字排得太宽了一二三四五"), _glyph_line(200, 100, "第二栏续"))
    parted = split_at_edges(column_two + [run_on], 10.0)
    assert [l.text for l in parted[4:]] == ["第一栏的文字排得太宽了一二三四五", "第二栏续"]


def test_letter_spaced_line_run_over_its_column_up_to_the_next_one_is_parted_at_its_edge():
    from digest.pdf.rows import split_at_edges

    # Column one is letter-spaced (2 pt between glyphs), its lines end at x = 155; one of its
    # lines could not be broken and ran two glyphs past that, up to 3.5 pt short of column
    # two (x = 182.5): wider than its own spacing, narrower than twice it.
    column_one = [_glyph_line(25, 20 * k, "第一栏疏排的文字十二一", step=12.0) for k in range(4)]
    column_two = [_glyph_line(182.5, 20 * k, "第二栏的文字") for k in range(4)]
    run_on = _ran_on(_glyph_line(25, 100, "第一栏疏排的文字一二三四。", step=12.0), _glyph_line(182.5, 100, "第二栏续"))
    parted = split_at_edges(column_one + column_two + [run_on], 10.0)
    assert [l.text for l in parted[8:]] == ["第一栏疏排的文字一二三四。", "第二栏续"]


def test_line_run_over_a_rule_down_the_gutter_is_parted_at_the_rule():
    from digest.pdf.glyphs import Rule
    from digest.pdf.rows import split_at_edges

    # A rule is drawn down the gutter at x = 196; a line of column one ends with a comma hung
    # over it, right up to column two's glyph (x = 200), and column two is three lines long:
    # too few for an edge, so only the rule says where column one ends.
    column_one = [_glyph_line(43, 20 * k, "第一栏的文字十七个字排得满满的") for k in range(4)]
    column_two = [_glyph_line(200, 20 * (k + 5), "第二栏的文字") for k in range(3)]
    run_on = _ran_on(_glyph_line(43, 100, "第一栏的文字十七个字排得满满的，"), _glyph_line(200, 100, "第二栏续"))
    rule = Rule(195.8, 0.0, 196.3, 200.0)
    parted = split_at_edges(column_one + column_two + [run_on], 10.0, [rule])
    assert [l.text for l in parted[7:]] == ["第一栏的文字十七个字排得满满的，", "第二栏续"]
    assert len(split_at_edges(column_one + column_two + [run_on], 10.0)) == 8  # without the rule, one line


def test_punctuation_hung_into_the_gutter_parts_the_line_at_the_next_column():
    from digest.pdf.rows import split_at_edges

    # Column one ends at x = 180 (four full lines), column two starts at 200; a line of column
    # one hangs `、，` past its end, filling the gutter, and the next column's line abuts it.
    column_one = [_glyph_line(30, 20 * k, "第一栏的文字排满了一整行的字句") for k in range(4)]  # 15 glyphs: 30 to 180
    column_two = [_glyph_line(200, 20 * k, "第二栏的文字") for k in range(4)]
    hung = _ran_on(_glyph_line(30, 100, "第一栏的文字排满了一整行的字句、，"), _glyph_line(200, 100, "第二栏续"))
    parted = split_at_edges(column_one + column_two + [hung], 10.0)
    assert [l.text for l in parted[8:]] == ["第一栏的文字排满了一整行的字句、，", "第二栏续"]


def test_a_line_opening_with_a_space_beside_punctuation_hung_into_the_gutter_is_the_next_columns():
    from digest.pdf.rows import join_rows

    # Column two starts at x = 200; its line on the row of column one's hung `？` opens with a
    # space the producer drew (a wrapped dateline `本报讯 （记者 X） 9月17日…`), so it starts
    # at 210, not at the edge: still column two's line, not the rest of column one's.
    column_one = [_glyph_line(30, 20 * k, "第一栏的文字排满了一整行的字句") for k in range(4)]
    column_two = [_glyph_line(200, 20 * k, "第二栏的文字") for k in range(4)]
    hung = _glyph_line(30, 100, "第一栏的文字排满了一整行的字句、？")  # ends at 200, past the column
    spaced = _glyph_line(210, 100, "9月17日，全市")
    joined = join_rows(column_one + column_two + [hung, spaced], 10.0)
    assert {"第一栏的文字排满了一整行的字句、？", "9月17日，全市"} <= {l.text for l in joined}


def test_line_set_too_wide_up_to_the_next_columns_line_on_another_baseline_is_parted():
    from digest.pdf.rows import split_at_edges

    # Column two starts at x = 200; a brief's line of column one overruns its end with `元。`
    # right up to the line of column two beside it (no gap, no hung punctuation past an edge),
    # whose baseline is 1.7 pt lower: two columns' lines, not one.
    column_two = [_glyph_line(200, 20 * k, "第二栏的文字") for k in range(4)]
    run_on = _ran_on(_glyph_line(30, 98.3, "已经募集到善款七十三万余元人民币。", step=10.0), _glyph_line(200, 100, "落实中"))
    parted = split_at_edges(column_two + [run_on], 10.0)
    assert [l.text for l in parted[4:]] == ["已经募集到善款七十三万余元人民币。", "落实中"]


def test_line_of_a_wide_caption_crossing_a_column_edge_is_not_parted():
    from digest.pdf.rows import split_at_edges

    column_two = [_glyph_line(200, 20 * k, "第二栏的文字") for k in range(4)]
    caption = _glyph_line(30, 100, "跨两栏的图片说明一行排下来中间没有空隙一直排到第二栏里面")  # a glyph starts at 200
    assert [l.text for l in split_at_edges(column_two + [caption], 10.0)][4:] == [caption.text]


def test_masthead_read_when_stories_and_a_vertical_headline_crowd_the_top_band():
    from weasyprint import HTML

    vertical = '<div class="h" style="left:344pt; top:0; width:26pt">' + "".join(f"<div>{ch}</div>" for ch in "竖排的标题") + "</div>"
    page = ('<div class="pg">' + _box(0, 0, "第3版：综合", "b", 80) + _box(172, 0, "2025.08.27 星期三", "b", 120)
            + _box(0, 14, "紧挨报头的标题", "h", 160) + _box(0, 44, _lines("正文" + LINE, 6)) + vertical + "</div>")
    data = HTML(string=f'<html lang="zh-CN"><head><style>{CSS}</style></head><body>{page}</body></html>').write_pdf()
    text, pages = read_pdf(data, "p.pdf")
    assert pages[0].masthead is not None and pages[0].masthead.page == 3 and str(pages[0].masthead.date) == "2025-08-27"
    assert "第3版" not in text


def test_text_under_a_picture_is_its_caption_even_without_a_credit():
    from digest.model import Issue
    from digest.segment import segment

    picture = '<div style="position:absolute; left:0; top:0; width:160pt; height:90pt; background:#bbb"></div>'
    text = _read(picture, _box(0, 96, "<p>近日，市民在新建的公园里散步</p><p>休闲，尽享初冬的暖阳。</p>"),
                 _box(0, 180, "另一篇的标题", "h", 160), _box(0, 214, _lines("另一篇" + LINE, 6)))
    assert "![]()" in text
    kinds = [a.kind for a in segment(Issue(source="p.pdf", path="p.pdf", raw=text, encoding="pdf"))]
    assert kinds == ["photo", "news"]


@pytest.mark.parametrize(
    "headline, headline_style, subtitle",
    [
        ("会议11月召开", "width:26pt", "——张三出席并讲话"),  # half-width digits set sideways in the vertical line
        ("会议今天召开", "width:20pt; font-size:13pt; line-height:16pt", "——张三出席并讲话"),  # a dash subtitle nearly its size (11 pt to 13)
        ("会议今天召开", "width:20pt; font-size:13pt; line-height:16pt", "张三出席并讲话"),  # a plain one, in lighter type
    ],
)
def test_vertical_headline_keeps_a_subtitle_over_its_body(headline, headline_style, subtitle):
    vertical = f'<div class="h" style="left:172pt; top:34pt; {headline_style}">' + "".join(f"<div>{ch}</div>" for ch in headline) + "</div>"
    over = f'<div class="h" style="left:0; top:14pt; width:160pt; font-size:11pt; line-height:14pt; font-weight:400">{subtitle}</div>'
    text = _read(over, _box(0, 34, _lines("竖题正文" + LINE, 12)), vertical)
    (story,) = _stories(text)
    assert story[:2] == [f"# {headline}", f"## {subtitle}"]


def test_vertical_headline_right_of_two_columns_under_a_short_subtitle_takes_both():
    # The subtitle is set over the first of the two columns only (a short line); the vertical
    # headline stands right of the second, its top level with the columns'.
    vertical = '<div class="h" style="left:344pt; top:34pt; width:26pt">' + "".join(f"<div>{ch}</div>" for ch in "全市会议召开") + "</div>"
    subtitle = '<div class="h" style="left:0; top:18pt; width:330pt; font-size:11pt; line-height:14pt; font-weight:400">张三出席并讲话</div>'
    text = _read(subtitle, _box(0, 34, _lines("首栏" + LINE, 12)), _box(172, 34, _lines("次栏" + LINE, 12, 40)), vertical)
    (story,) = _stories(text)
    assert story[:2] == ["# 全市会议召开", "## 张三出席并讲话"] and story[2].startswith("首栏") and story[-1].startswith("次栏")


def test_headless_story_with_a_byline_over_its_first_column_keeps_its_second():
    byline = '<p style="font-family:\'Noto Sans CJK SC\'">■ 本报记者 张丽敏</p>'
    text = _read(_box(0, 0, byline + _lines("首栏" + LINE, 8)), _box(172, 17, _lines("次栏" + LINE, 6, 40)))
    (story,) = _stories(text)
    assert story[0].startswith("■") and story[-1].startswith("次栏")


def test_kicker_run_over_the_gutter_does_not_take_the_next_columns_headline():
    # A kicker set wider than its column runs on over the gutter; the story's headline is three
    # rows; the next column's story has a smaller headline, its first row level with the third.
    kicker = '<div class="h" style="left:0; top:0; width:320pt; font-size:11pt; line-height:14pt; font-weight:400; white-space:nowrap">责任压实千钧担 创新激发万象新局面</div>'
    head = '<div class="h" style="left:0; top:16pt; width:112pt; font-size:16pt; line-height:20pt">方山县凝聚统战合力助力高质量发展</div>'
    other = '<div class="h" style="left:172pt; top:56pt; width:120pt; font-size:13pt; line-height:17pt">基金联手家具企业共献爱心</div>'
    text = _read(kicker, head, other, _box(0, 80, _lines("方山" + LINE, 6), width=112), _box(172, 94, _lines("爱心" + LINE, 6), width=120))
    stories = _stories(text)
    assert [s[:2] for s in stories] == [["### 责任压实千钧担 创新激发万象新局面", "# 方山县凝聚统战合力助力高质量发展"],
                                        ["# 基金联手家具企业共献爱心", stories[1][1]]]
    assert stories[1][1].startswith("爱心")


def test_headline_row_under_a_kicker_run_over_the_gutter_stays_with_its_own_first_row():
    # The kicker runs on over the gutter, level with the next column's two-row headline: that
    # headline's second row is right under the kicker's end too, but nearer its own first row.
    kicker = '<div class="h" style="left:0; top:0; width:320pt; font-size:11pt; line-height:14pt; font-weight:400; white-space:nowrap">责任压实千钧担 创新激发万象新局面</div>'
    head = '<div class="h" style="left:0; top:16pt; width:112pt; font-size:13pt; line-height:17pt">方山县凝聚统战合力助力高质量发展</div>'
    other = '<div class="h" style="left:130pt; top:0; width:120pt; font-size:13pt; line-height:16pt">益调查：自救知识，你足够了解吗？</div>'
    text = _read(kicker, head, other, _box(0, 70, _lines("方山" + LINE, 6), width=112), _box(130, 40, _lines("自救" + LINE, 8), width=120))
    heads = _headlines(text)
    assert heads == ["### 责任压实千钧担 创新激发万象新局面", "# 方山县凝聚统战合力助力高质量发展", "# 益调查：自救知识，你足够了解吗？"]


def test_block_level_with_the_second_line_of_a_brief_beside_it_is_another_story():
    # A headless brief (full lines from its first) and, right of it, a story set one line lower:
    # only a short line (a byline, a kicker) over a column lets its second line be the row top.
    text = _read(_box(0, 0, _lines("简讯" + LINE, 4)), _box(172, 14, _lines("另一篇" + LINE, 6, 40)))
    assert [s[0][:3] for s in _stories(text)] == ["简讯黄", "另一篇"]


def test_second_column_overlapped_by_a_line_set_too_wide_stays_with_its_story():
    # Column one's body starts under a byline; a line of it, below column two's end, runs 2 pt
    # past column two's left edge (columns 148.5 pt wide, column two at 160 pt).
    byline = '<p style="font-family:\'Noto Sans CJK SC\'">■ 本报记者 张丽敏</p>'
    wide = "<p>" + LINE + "排宽</p>"
    text = _read(_box(0, 0, byline + _lines(LINE, 8) + wide), _box(160, 14, _lines("次栏" + LINE[2:], 6, 40), width=150))
    (story,) = _stories(text)
    assert story[-1].startswith("次栏")


def test_spaces_drawn_apart_from_their_words_part_the_words_where_printed():
    from digest.pdf.lines import build_lines

    def glyph(ch: str, x: float) -> Glyph:
        return Glyph(ch, x, 30.0, x + (5.5 if ch.isdigit() or ch == " " else 10.0), 40.0, 10.0, "Sans")

    # Chromium draws a run's spaces first, then its words, spaces narrower than half an em.
    spaces = [glyph(" ", 70.0), glyph(" ", 112.3)]
    words = [glyph(c, 40.0 + 10 * k) for k, c in enumerate("星期五")] + [glyph(c, 72.3 + 10 * k) for k, c in enumerate("科学导报")]
    words += [glyph(c, 114.6 + 10 * k) for k, c in enumerate("要闻")]
    (line,) = build_lines(spaces + words, 10.0)
    assert line.text == "星期五 科学导报 要闻"


def test_headline_rows_a_point_apart_in_size_and_off_each_others_baseline_are_two_headlines():
    from digest.pdf.lines import build_lines

    # A 15 pt headline's second row ends in a `！` hung over the gutter, touching the second row
    # of the 16 pt headline beside it, whose baseline is 2.7 pt lower: two headlines' rows.
    left = [Glyph(c, 427.0 + 15 * k, 55.1, 442.0 + 15 * k, 70.1, 15.0, "Sans") for k, c in enumerate("夏季防汛须知！")]
    right = [Glyph(c, 529.3 + 16 * k, 56.8, 545.3 + 16 * k, 72.8, 16.0, "Sans") for k, c in enumerate("守望相助")]
    assert [line.text for line in build_lines(left + right, 9.5)] == ["夏季防汛须知！", "守望相助"]
    # One headline's row keeps together where its sizes differ a little (15 and 15.6 pt, under
    # SAME_SIZE but over NEAR_SIZE) on one baseline but for a hair (0.3 pt, under OWN_BASELINE).
    level = [Glyph(c, 427.0 + 15 * k, 55.1, 442.0 + 15 * k, 70.1 + 0.3 * (k % 2), 15.0 + 0.6 * (k % 2), "Sans") for k, c in enumerate("夏季防汛须知守望相助")]
    assert [line.text for line in build_lines(level, 9.5)] == ["夏季防汛须知守望相助"]


def test_headline_row_touching_the_next_columns_line_on_its_baseline_stays_a_headline():
    # A headline set 12.5 pt (under 1.43 times the 9 pt body) runs to half a point short of the next
    # column, whose first line sits on its baseline: two lines, the headline still display type.
    head = '<div class="h" style="left:0; top:0; width:170pt; font-size:12.5pt; line-height:14pt">市长深入项目调研保交楼工作</div>'
    text = _read(head, _box(0, 20, _lines("左栏" + LINE, 6)), _box(163, 3, _lines("邻栏" + LINE, 8, 50), width=150))
    stories = _stories(text)
    assert ["# 市长深入项目调研保交楼工作"] in [s[:1] for s in stories]
    assert not any("工作邻栏" in line for s in stories for line in s)


def test_column_under_a_line_set_too_wide_does_not_take_the_next_columns_lines():
    # A byline set 306 pt wide over a 150 pt column runs over the next story's column (160 pt
    # on, under its own headline, its rows level with the first column's): the column is as
    # wide as its lines mostly are, so the next column's lines are not the rest of its rows.
    byline = '<p style="width:306pt">□ 本报记者 杨双平 侯晓雪 刘兵 王军明 张丽敏 李官海 郭赟</p>'
    text = _read(
        _box(0, 30, byline + _lines("左栏" + LINE, 12), width=150),
        _box(160, 6, "右边的标题", "h", 140),
        _box(160, 44, _lines("右栏" + LINE[:12], 10, 50), width=140),
    )
    stories = _stories(text)
    assert [s[0][:5] for s in stories] == ["□ 本报记", "# 右边的"]
    assert all(line.startswith("左栏") for line in stories[0][1:])


def test_headless_story_opened_by_a_byline_wider_than_its_column_keeps_its_second():
    # The byline runs 156 pt past the column's end; the second column starts under it, level
    # with the first column's first line. A column is as wide as its lines mostly are.
    byline = '<p style="width:306pt">□ 本报记者 杨双平 侯晓雪 刘兵 王军明 张丽敏 李官海 郭赟</p>'
    text = _read(_box(0, 0, byline + _lines("首栏" + LINE, 8), width=150), _box(160, 14, _lines("次栏" + LINE[:12], 6, 40), width=140))
    (story,) = _stories(text)
    assert story[0].startswith("□") and story[-1].startswith("次栏")


def test_ellipsis_set_over_a_columns_end_parts_the_line_at_the_next_column():
    from digest.pdf.rows import split_at_edges

    # Column one ends at x = 180, column two starts at 200; a line of column one sets `……`
    # past its end, over the gutter and into column two, whose line the extractor ran on.
    column_one = [_glyph_line(30, 20 * k, "第一栏的文字排满了一整行的字句") for k in range(4)]
    column_two = [_glyph_line(200, 20 * k, "第二栏的文字") for k in range(4)]
    over = _ran_on(_glyph_line(30, 100, "第一栏的文字排满了一整行的字句……"), _glyph_line(197, 100, "报讯"))  # the ellipsis ends at 200, past the 197 where 报 starts
    column_two += [_glyph_line(197, 20 * k + 200, "第二栏") for k in range(4)]  # 197 is where column two's lines start too
    parted = split_at_edges(column_one + column_two + [over], 10.0)
    assert [l.text for l in parted[12:]] == ["第一栏的文字排满了一整行的字句……", "报讯"]


def test_caption_line_parted_where_another_column_of_the_page_starts_is_one_line():
    # `图①` then a wide space, and the rest of the line starts at 40 pt, where another story's
    # column starts lower on the page: the rest is inside the caption's column, so it is the
    # rest of the caption's first line.
    caption = '<p>图①<span style="padding-left:22pt">9月19日，晋南等地出</span></p>' + _lines("现大范围降雨" + LINE, 6)
    other = _box(40, 200, _lines("另一栏" + LINE, 8, 60), width=150)
    text = _read(_box(0, 0, caption), other)
    stories = _stories(text)
    assert stories[0][0] == "图① 9月19日，晋南等地出"


def test_vertical_headline_does_not_take_a_story_two_columns_away():
    # A vertical headline right of its one column; left of that column, at the same height,
    # another story's column under its own (smaller) headline: two stories.
    vertical = '<div class="h" style="left:330pt; top:40pt; width:26pt">' + "".join(f"<div>{ch}</div>" for ch in "竖排的标题") + "</div>"
    text = _read(
        '<div class="h" style="left:0; top:14pt; width:160pt; font-size:14pt; line-height:18pt">左边的标题</div>',
        _box(0, 40, _lines("左文正文" + LINE, 10)),
        _box(172, 40, _lines("竖题正文" + LINE, 10, 80), width=150),
        vertical,
    )
    stories = _stories(text)
    assert [(s[0], s[1][:4]) for s in stories] == [("# 左边的标题", "左文正文"), ("# 竖排的标题", "竖题正文")]


def test_vertical_headline_does_not_take_a_longer_headless_column_level_with_its_columns():
    # Its two columns, left of it, end level (the last a line short); left of them a headless
    # story, tops level, ends a sentence far below them: a story's columns are filled evenly,
    # so that column is no first column of the vertical headline's story.
    vertical = '<div class="h" style="left:516pt; top:34pt; width:26pt">' + "".join(f"<div>{ch}</div>" for ch in "竖排的标题") + "</div>"
    text = _read(
        _box(0, 34, _lines("无题正文" + LINE, 16)),
        _box(172, 34, _lines("竖题首栏" + LINE, 9, 40)),
        _box(344, 34, _lines("竖题末栏" + LINE, 8, 80)),
        vertical,
    )
    stories = _stories(text)
    (vertical_story,) = [s for s in stories if s[0] == "# 竖排的标题"]
    assert vertical_story[1].startswith("竖题首栏") and vertical_story[-1].startswith("竖题末栏")
    assert [s[0][:4] for s in stories if s is not vertical_story] == ["无题正文"]


def test_column_opening_with_a_paragraphs_last_word_then_a_paragraph_set_in_by_a_wide_space_stays_one_column():
    # The second column opens with the last short line of a paragraph (`很厉害。`); the next
    # paragraph opens with a wide space (`　”食用油…`), so it is set three ems in: under that
    # short line, it is still the column's text, not a story of its own.
    second = ('<p>很厉害。</p><p style="text-indent:2em">　”食用油最好放玻</p>'
              + _lines("第二栏" + LINE, 6, 100))
    text = _read(_box(0, 0, "一个标题在两栏之上", "h", 332), _box(0, 34, _lines("第一栏" + LINE, 8)), _box(172, 34, second))
    (story,) = _stories(text)
    assert story[0] == "# 一个标题在两栏之上"
    assert story.index("很厉害。") + 1 == next(k for k, line in enumerate(story) if "食用油" in line)


def test_editors_credit_printed_before_the_photo_credit_stays_in_the_caption():
    from digest.model import Issue
    from digest.segment import segment

    picture = '<div style="position:absolute; left:0; top:0; width:160pt; height:90pt; background:#bbb"></div>'
    caption = "<p>眼下正值马铃薯收获的季节，农场一片</p><p>繁忙，预计可实现企业和农民的双赢。</p><p>■整理编辑：王琪 记者 杜爱清 摄</p>"
    text = _read(picture, _box(0, 96, caption), _box(0, 180, "另一篇的标题", "h", 160), _box(0, 214, _lines("另一篇" + LINE, 6)))
    photo = segment(Issue(source="p.pdf", path="p.pdf", raw=text, encoding="pdf"))[0]
    assert photo.kind == "photo" and photo.byline == "杜爱清"
    assert photo.text.endswith("双赢。\n■整理编辑：王琪")


def test_brief_set_a_little_apart_under_another_is_no_next_column_of_the_story_beside_it():
    # Two briefs stacked in one column, parted by a little more white space than lines; the
    # second's top happens to be level with the body of a story beside it, under its headline.
    text = _read(
        _box(0, 56, "左边的标题", "h", 160),
        _box(0, 90, _lines("左文正文" + LINE, 10)),
        _box(172, 0, _lines("简讯一" + LINE, 5, 40) + "<p>简讯一的最后一句话说完了。</p>"),
        _box(172, 90, _lines("简讯二" + LINE, 6, 60)),
    )
    stories = [[line[:3] for line in s] for s in _stories(text)]
    assert ["简讯二"] * 6 in stories and ["简讯一"] * 6 in stories


def test_text_running_on_across_a_wider_gap_in_its_column_stays_in_its_story():
    # The column's sixth line stops mid-sentence, full; the text goes on a little lower than
    # lines follow one another (under the 2.2 em a headline's story may hang below it).
    text = _read(
        _box(0, 0, "一篇的标题", "h", 160),
        _box(0, 34, _lines("正文" + LINE, 6)),
        _box(0, 130, _lines("续文" + LINE, 4, 50)),
    )
    (story,) = _stories(text)
    assert story[-1].startswith("续文")


def test_headline_set_right_under_the_running_header_stays_the_stories():
    from weasyprint import HTML

    header = _box(0, 0, "社会 吕梁日报 2025年10月27日 星期一 第7版", "b", 480)
    head = '<div class="h" style="left:0; top:18pt; width:220pt; font-size:16pt; line-height:20pt">国际红十字会宣称叙利亚陷内战 适用国际人道法</div>'
    page = '<div class="pg">' + header + head + _box(0, 66, _lines("正文" + LINE, 6)) + "</div>"
    data = HTML(string=f'<html lang="zh-CN"><head><style>{CSS}</style></head><body>{page}</body></html>').write_pdf()
    text, pages = read_pdf(data, "p.pdf")
    assert pages[0].masthead.page == 7 and "红十字会" not in (pages[0].masthead.section or "")
    assert _stories(text)[0][0] == "# 国际红十字会宣称叙利亚陷内战 适用国际人道法"


def test_credit_line_under_a_caption_at_the_foot_of_the_page_is_no_page_footer():
    from digest.model import Issue
    from digest.segment import segment

    picture = '<div style="position:absolute; left:0; top:700pt; width:160pt; height:72pt; background:#bbb"></div>'
    caption = "<p>眼下正值马铃薯收获的季节，农场一片</p><p>繁忙，预计可实现企业和农民的双赢。</p><p>■整理编辑：王琪 杜爱清 摄</p>"
    text = _read(_box(0, 0, "另一篇的标题", "h", 160), _box(0, 34, _lines("另一篇" + LINE, 6)), picture, _box(0, 780, caption))
    photo = segment(Issue(source="p.pdf", path="p.pdf", raw=text, encoding="pdf"))[-1]
    assert photo.kind == "photo" and photo.byline == "杜爱清"
    assert photo.text.endswith("双赢。\n■整理编辑：王琪")


def test_headline_centred_over_three_columns_heads_the_first_column_too():
    # The headline is narrower than one column and centred over the story's three, over the
    # middle one only; left of the first column, a story under its own headline level with it.
    centred = '<div class="h" style="left:344pt; top:0; width:160pt; text-align:center">居中的标题</div>'
    text = _read(
        _box(0, 0, "左边的标题", "h", 160),
        centred,
        _box(0, 34, _lines("左文正文" + LINE, 10)),
        _box(172, 34, _lines("首栏正文" + LINE, 10, 100)),
        _box(344, 34, _lines("中栏正文" + LINE, 10, 200)),
        _box(516, 34, _lines("末栏正文" + LINE, 6, 300)),
    )
    stories = _stories(text)
    assert [s[0] for s in stories] == ["# 左边的标题", "# 居中的标题"]
    assert [line[:4] for line in stories[1][1:]] == ["首栏正文"] * 10 + ["中栏正文"] * 10 + ["末栏正文"] * 6


def test_short_first_lines_of_a_narrow_column_under_a_headline_are_body_text():
    from digest.model import Issue
    from digest.segment import segment

    narrow = "<p>中华红丝带基金</p><p>开展的公益活动</p>" + "".join(f"<p>世界艾滋病日高校宣传{k:03d}，</p>" for k in range(8))
    text = _read(_box(0, 0, "红丝带神州行", "h", 130), _box(0, 34, narrow, width=130))
    (article,) = segment(Issue(source="p.pdf", path="p.pdf", raw=text, encoding="pdf"))
    assert article.title == "红丝带神州行" and article.subtitle is None
    assert article.text.startswith("中华红丝带基金开展的公益活动")


def test_second_column_of_short_signature_lines_keeps_its_story():
    # A notice's second column: two full lines, then the short lines of its signature block.
    signature = "".join(f"<p>{t}</p>" for t in ("未尽事宜另行公告。", "特此公告。", "离石区人民政府", "2025年5月18日"))
    text = _read(
        _box(0, 0, "离石区人民政府关于检测的公告", "h", 190),
        _box(0, 60, _lines("公告正文" + LINE, 8)),
        _box(172, 60, _lines("公告续文" + LINE, 2, 50) + signature),
    )
    (story,) = _stories(text)
    assert story[-1] == "2025年5月18日"


@pytest.mark.parametrize("left, right, right_headline", [
    # The left headline's colon ends 6 pt (0.3 em) short of the right headline: closer than a
    # fragment gap, but no headline row is set with such a hole in it.
    ("左边标题有八字：", _box(166, 0, "右边的标题也是八字", "h", 200), "右边的标题也是八字"),
    # Touching, but a size smaller: two headlines on one baseline.
    ("左边标题有八字、", '<div class="h" style="left:166pt; top:0; width:200pt; font-size:16pt">右边小一号的标题</div>', "右边小一号的标题"),
], ids=["a_hole_between_them", "two_sizes_on_one_baseline"])
def test_headlines_of_two_stories_level_in_neighbouring_columns_stay_apart(left, right, right_headline):
    text = _read(
        _box(0, 0, left, "h", 172),
        right,
        _box(0, 34, _lines("左边正文" + LINE, 6)),
        _box(172, 34, _lines("右边正文" + LINE, 6, 40)),
    )
    assert [(s[0], s[1][:4]) for s in _stories(text)] == [(f"# {left}", "左边正文"), (f"# {right_headline}", "右边正文")]


def test_centred_headline_reaching_a_little_over_the_first_column_heads_it_dateline_and_all():
    # Centred over three columns, the headline overlaps the first (and last) by under a quarter
    # of a column: too little to hang from; the first column opens with a dateline.
    centred = '<div class="h" style="left:122pt; top:0; width:260pt; text-align:center">居中标题比一栏宽一些</div>'
    text = _read(
        centred,
        _box(0, 34, "<p>本报讯（记者 王涛）</p>" + _lines("首栏正文" + LINE, 9)),
        _box(172, 34, _lines("中栏正文" + LINE, 10, 100)),
        _box(344, 34, _lines("末栏正文" + LINE, 6, 200)),
    )
    (story,) = _stories(text)
    assert story[0] == "# 居中标题比一栏宽一些" and story[1] == "本报讯（记者 王涛）"
    assert [line[:4] for line in story[2:]] == ["首栏正文"] * 9 + ["中栏正文"] * 10 + ["末栏正文"] * 6


def test_letter_spaced_story_beside_a_brief_set_solid_is_not_its_next_column():
    spaced = '<div class="b" style="left:172pt; top:34pt; width:160pt; letter-spacing:0.3em">{p}</div>'
    text = _read(
        _box(0, 34, _lines("简讯" + LINE, 6)),
            spaced.format(p="".join(f"<p>疏排的另一篇文章正文{k:03d}，</p>" for k in range(10))),
    )
    assert [s[0][:2] for s in _stories(text)] == ["简讯", "疏排"]


def test_letter_spaced_story_with_one_line_set_solid_beside_a_brief_is_not_its_next_column():
    # One line of the letter-spaced story set solid (a link line) is not the story's pitch.
    spaced = '<div class="b" style="left:172pt; top:34pt; width:160pt; letter-spacing:0.3em">{p}</div>'
    paragraphs = "".join(f"<p>疏排的另一篇文章正文{k:03d}，</p>" for k in range(10))
    text = _read(
        _box(0, 34, _lines("简讯" + LINE, 6)),
        spaced.format(p=paragraphs + '<p style="letter-spacing:0">链接：黄河流域生态保护条例</p>'),
    )
    assert [s[0][:2] for s in _stories(text)] == ["简讯", "疏排"]


def test_next_column_of_a_justified_narrow_story_whose_lines_run_wider_stays_in_its_story():
    # Justification widens a narrow column's lines by what their words leave: here the second
    # column's lines run 0.06 to 0.15 em wider than set, all but its paragraph's last. Its
    # pitch is its tightest line's, as the first column's: the story's next column.
    spread = [0.1, 0.15, 0.08, 0.12, 0.06, 0.0]
    second = "".join(f'<p style="letter-spacing:{em}em">乙栏正文黄河流域生{k:03d}，</p>' for k, em in enumerate(spread))
    text = _read(
        _box(0, 0, "短标题", "h", 160),
        _box(0, 34, _lines("甲栏正文" + LINE, 6)),
        _box(172, 34, second),
    )
    (story,) = _stories(text)
    assert [line[:4] for line in story[1:]] == ["甲栏正文"] * 6 + ["乙栏正文"] * 6


def test_letter_spaced_story_under_a_byline_set_solid_keeps_its_next_column():
    # The story is letter-spaced, its floating byline over the first column set solid: the
    # byline's pitch is not the column's.
    spaced = '<div class="b" style="left:{x}pt; top:34pt; width:160pt; letter-spacing:0.1em">{p}</div>'
    byline = '<p style="letter-spacing:0">□ 本报记者 张三丰 李四海</p>'
    text = _read(
        _box(0, 0, "短标题", "h", 160),
        spaced.format(x=0, p=byline + "".join(f"<p>疏排的文章第一栏{k:03d}，</p>" for k in range(8))),
        spaced.format(x=120, p="".join(f"<p>疏排的文章第二栏{k:03d}，</p>" for k in range(6))),
    )
    (story,) = _stories(text)
    assert story[-1].startswith("疏排的文章第二栏")


def test_column_ending_in_a_sign_off_has_no_next_column():
    text = _read(
        _box(0, 34, _lines("甲文正文" + LINE, 5) + "<p>交通环境。（王晓蓉 张岸林）</p>"),
        _box(172, 34, _lines("乙文正文" + LINE, 8, 60)),
    )
    assert [s[0][:4] for s in _stories(text)] == ["甲文正文", "乙文正文"]


def test_column_ending_in_a_bracket_that_ends_no_sentence_goes_on_in_the_next():
    # `（试行）` closes a document's name, not a signed-off sentence: the story goes on
    text = _read(
        _box(0, 34, _lines("甲文正文" + LINE, 5) + "<p>印发吕梁市管理办法（试行）</p>"),
        _box(172, 34, _lines("乙文正文" + LINE, 8, 60)),
    )
    assert [s[0][:4] for s in _stories(text)] == ["甲文正文"]


def test_last_lines_of_columns_ending_on_one_row_at_the_foot_are_no_footer():
    from weasyprint import HTML

    ends = (("甲文", "（下转6版）"), ("乙文", "（参考消息网）"), ("丙文", "2025年7月1日"))
    page = '<div class="pg">' + "".join(
        _box(172 * k, 700, _lines(name + LINE, 9, 20 * k) + f"<p>{end}</p>") for k, (name, end) in enumerate(ends)) + "</div>"
    data = HTML(string=f'<html lang="zh-CN"><head><style>{CSS}</style></head><body>{page}</body></html>').write_pdf()
    text, pages = read_pdf(data, "p.pdf")
    assert pages[0].masthead is None
    assert "（参考消息网）" in text and "2025年7月1日" in text


def test_lines_already_parted_at_columns_are_not_joined_again():
    """The layout-mode grid's fragments are parted where pdftotext parted them: two on one
    row an em apart stay two lines (a PDF's glyph runs so close are one printed line)."""
    from digest.pdf.stories import story_order

    lines = [_glyph_line(0, 0, "左边一段文字", font="f"), _glyph_line(70, 0, "右边", font="f")]
    def texts(parted: bool) -> list[str]:
        return sorted(line.text for item in story_order(lines, [], [], 10.0, parted=parted) if not isinstance(item, str) for line in item)

    assert texts(parted=False) == ["左边一段文字 右边"]
    assert texts(parted=True) == ["右边", "左边一段文字"]


def test_running_foot_printed_on_two_close_lines_is_read_as_the_masthead():
    from weasyprint import HTML

    # 300 mm is 850 pt: the foot's two lines 14 pt apart, well under the columns' last lines
    page = ('<div class="pg">' + _box(0, 34, _lines("甲文正文" + LINE, 9)) + _box(172, 34, _lines("乙文正文" + LINE, 9, 20))
            + _box(0, 800, "<p>吕梁日报 第8版 要闻</p><p>2025年5月13日 星期二</p>", width=300) + "</div>")
    data = HTML(string=f'<html lang="zh-CN"><head><style>{CSS}</style></head><body>{page}</body></html>').write_pdf()
    text, pages = read_pdf(data, "p.pdf")
    head = pages[0].masthead
    assert (head.paper, str(head.date), head.page) == ("吕梁日报", "2025-05-13", 8)
    assert "2025年5月13日" not in text and "第8版" not in text


def test_fake_bold_copy_lagging_behind_a_justified_first_copy_is_merged():
    # Glyph by glyph fake bold, each copy drawn right after the first; the line is justified in
    # the first copy only (its space widened 7 pt), so after the space each second copy lies
    # up to an em and more left of its first copy.
    firsts = [("本", 49.0), ("讯", 58.5), ("（", 75.0), ("记", 84.5), ("谢", 94.0), ("谢", 103.5)]
    glyphs = []
    for k, (ch, x) in enumerate(firsts):
        lag = 0.25 if x < 70 else -8.0 - 0.5 * k
        glyphs += [Glyph(ch, x, 100.0, x + 9.5, 109.5, 9.5, "Serif"), Glyph(ch, x + lag, 100.0, x + lag + 9.5, 109.5, 9.5, "Serif")]
    kept, dropped = merge_fake_bold(glyphs)
    assert "".join(g.text for g in kept) == "本讯（记谢谢" and dropped == 6 and all(g.bold for g in kept)


def test_same_character_twice_in_a_row_is_two_glyphs():
    glyphs = [Glyph("谢", 10.0 + 9.5 * k, 100.0, 19.5 + 9.5 * k, 109.5, 9.5, "Serif") for k in range(2)]
    kept, dropped = merge_fake_bold(glyphs)
    assert len(kept) == 2 and dropped == 0 and not any(g.bold for g in kept)


def test_vertical_headline_does_not_take_a_photo_caption_level_with_its_column():
    # Left of the vertical headline's column, level with it, the caption under a picture:
    # a photo of its own (it has no display type, so nothing there is a subtitle).
    picture = '<div style="position:absolute; left:0; top:0; width:160pt; height:60pt; background:#bbb"></div>'
    caption = "<p>3月21日，县城区二小的学生将自己手</p><p>绘的护绿主题提示牌挂在园林中。当日</p><p>是世界森林日，全县开展植树活动。</p><p>本报记者 李晓果 摄</p>"
    vertical = '<div class="h" style="left:344pt; top:66pt; width:26pt">' + "".join(f"<div>{ch}</div>" for ch in "志愿者募集中") + "</div>"
    text = _read(picture, _box(0, 66, caption), _box(172, 66, _lines("竖题正文" + LINE, 12)), vertical)
    stories = _stories(text)
    assert [s[0] for s in stories] == ["![]()", "# 志愿者募集中"] and stories[1][1].startswith("竖题正文")


def test_block_index_finds_a_block_by_its_third_line_and_by_its_bottom():
    from digest.pdf.blocks import Blocks, Element

    def block(x: float, top: float, n: int) -> Element:
        element = Element(x, top, x + 100, top, "body")
        for k in range(n):
            element.add(_glyph_line(x, top + 14 * k, "一二三四五六七八"))
        return element

    tall, low, far = block(0, 0, 10), block(200, 28, 4), block(400, 500, 3)
    blocks = Blocks([far, low, tall])
    # `tall`'s third line starts at 28, level with `low`'s top; `far` is nowhere near.
    assert blocks.with_a_top_line_near(28, 5) == [low, tall]
    assert blocks.ending_between(low.y1 - 1, low.y1 + 1) == [low]


def test_headline_row_goes_with_the_row_above_it_lies_most_under():
    from digest.pdf.units import display_blocks

    # Two headlines side by side, the left one's first row ending 2 pt into the right one's
    # column; the right one's second row starts nearer under the left row than under its own.
    left = [_row(348, 116, "张广勇深入恒大御府、", 16), _row(349, 137, "吕梁项目调研", 16)]
    right = [_row(506, 115, "我县蝉联山西省文化", 14), _row(506, 133, "强县荣誉称号", 14)]
    units = display_blocks(left + right, 9.0)
    assert sorted([l.text for l in u.lines] for u in units) == [["张广勇深入恒大御府、", "吕梁项目调研"], ["我县蝉联山西省文化", "强县荣誉称号"]]


def test_fake_bold_copy_set_a_seventh_of_an_em_off_its_baseline_is_one_glyph():
    # wkhtmltopdf (Qt WebKit) sets the second copy of a fake-bold block 1.15 pt above the first
    # at 8.64 pt, 0.19 pt to the right; the same character on the next line stays itself.
    first = Glyph("兴", 26.88, 441.46, 35.52, 450.10, 8.64, "Serif")
    copy = Glyph("兴", 27.07, 440.31, 35.71, 448.95, 8.64, "Serif")
    below = Glyph("兴", 26.88, 452.98, 35.52, 461.62, 8.64, "Serif")
    kept, dropped = merge_fake_bold([first, copy, below])
    assert kept == [first, below] and dropped == 1 and first.bold and not below.bold


def test_fake_bold_copy_firefox_sets_off_its_baseline_and_justified_left_of_its_first_is_one_glyph():
    # Firefox (9.5 pt, a justified fake-bold lead): the absolutely placed copy of `元` lies
    # 0.25 pt below its first and 1.26 pt left of it (the space justification put before the
    # character moved the first copy only): more than a point, off the baseline. Left unmerged,
    # `元/运` came out a piece of its own. `0` `0` side by side stay two glyphs.
    first = Glyph("元", 78.91, 176.07, 88.41, 185.57, 9.5, "Serif")
    copy = Glyph("元", 77.65, 176.32, 87.15, 185.82, 9.5, "Serif")
    zeros = [Glyph("0", 66.82, 176.07, 72.12, 185.57, 9.5, "Serif"), Glyph("0", 72.11, 176.07, 77.40, 185.57, 9.5, "Serif")]
    below = Glyph("元", 78.91, 190.57, 88.41, 200.07, 9.5, "Serif")  # the next line's: itself
    kept, dropped = merge_fake_bold([*zeros, first, copy, below])
    assert kept == [*zeros, first, below] and dropped == 1 and first.bold and not below.bold


def test_fake_bold_copy_firefox_draws_right_after_its_first_in_a_line_justified_wide_is_one_glyph():
    # Firefox (9.5 pt): a fake-bold notice's line with few places to break (`报 电 话 0358-8253111和`)
    # is justified wide, and each character's first copy moves right by the space put before it
    # (up to 0.8 em) while its copy, drawn right after it, stays 0.25 pt right of where it was set
    # and 0.25 pt low: 7.8 pt left of its first, off the baseline. Left unmerged, the line read
    # `报报电电话话`, and its ends came out pieces of their own (`热线线，邮邮箱`).
    first = Glyph("和", 326.10, 454.47, 335.60, 463.97, 9.5, "Serif")
    copy = Glyph("和", 318.30, 454.72, 327.80, 464.22, 9.5, "Serif")
    ones = [Glyph("1", 313.57, 454.47, 318.05, 463.97, 9.5, "Serif"), Glyph("1", 313.82, 454.72, 318.30, 464.22, 9.5, "Serif")]
    kept, dropped = merge_fake_bold([*ones, first, copy])
    assert kept == [ones[0], first] and dropped == 2 and first.bold
    # The same character drawn next on the line below, or further along its own, is itself.
    below = Glyph("和", 318.30, 468.72, 327.80, 478.22, 9.5, "Serif")
    after = Glyph("和", 345.10, 454.47, 354.60, 463.97, 9.5, "Serif")
    for other in (below, after):
        kept, dropped = merge_fake_bold([Glyph("和", 326.10, 454.47, 335.60, 463.97, 9.5, "Serif"), other])
        assert len(kept) == 2 and dropped == 0

def test_body_size_of_a_page_printed_scaled_is_its_glyphs_size_so_a_kicker_is_display_type():
    from digest.pdf.roles import body_size
    from digest.pdf.units import display_blocks

    # A page shrunk to 0.768: body 8.64 pt (8.65, not the 8.75 of a quarter point), a kicker 9.79 pt
    # (1.133 times the body) over its 14.4 pt headline: one display unit, not a line of body text.
    body = [_row(23, 200 + 11 * k, "黄河流域生态保护和高质量", 8.64) for k in range(30)]
    assert body_size([g for line in body for g in line.glyphs]) == 8.65  # to a twentieth of a point
    kicker, headline = _row(23, 100, "——聚焦专家认为", 9.79), _row(23, 115, "天津自贸区等待", 14.4)
    units = display_blocks([kicker, headline], 8.64)
    assert [[l.text for l in u.lines] for u in units] == [["——聚焦专家认为", "天津自贸区等待"]]


def test_headline_with_an_ideographic_space_is_one_headline():
    # `　` (U+3000) between a headline's two phrases draws no ink: its em of white space is a
    # space, not the gutter between two headlines set level.
    text = _read(_box(0, 0, "孙大军讲话　熊义志主持", "h", 400), _box(0, 34, _lines("正文" + LINE, 6)))
    (story,) = _stories(text)
    assert story[0] == "# 孙大军讲话 熊义志主持" and story[1].startswith("正文")


def test_headless_story_beside_a_longer_one_with_tops_level_is_a_story_of_its_own():
    # A one-column story runs 20 lines; beside it, tops level, a story in two columns of 8
    # lines each ends level: a column that stops short of the one before it can only be a
    # story's last, and this one goes on beside it, so it opens a story of its own.
    text = _read(
        _box(0, 0, _lines("甲文" + LINE, 20)),
        _box(172, 0, _lines("乙文" + LINE, 8, 100)),
        _box(344, 0, _lines("乙续" + LINE, 8, 200)),
    )
    assert [[line[:2] for line in s] for s in _stories(text)] == [["甲文"] * 20, ["乙文"] * 8 + ["乙续"] * 8]


def test_column_beside_a_storys_last_column_stopping_short_is_another_story():
    # A three-column story whose last column stops two lines short, on a finished sentence;
    # the column beside it, its top level, is another story's.
    text = _read(
        _box(0, 0, _lines("甲一" + LINE, 14)),
        _box(172, 0, _lines("甲二" + LINE, 14, 100)),
        _box(344, 0, _lines("甲三" + LINE, 12, 200)),
        _box(516, 0, _lines("乙文" + LINE, 11, 300)),
    )
    assert [[line[:2] for line in s] for s in _stories(text)] == [["甲一"] * 14 + ["甲二"] * 14 + ["甲三"] * 12, ["乙文"] * 11]


def test_story_last_column_of_one_full_line_between_two_short_ones_is_its_next_column():
    # Under a headline over both columns and a byline over the first: the second column's top is
    # too far under the headline to hang from it, and its three lines are a paragraph's last
    # words, a full line and a short one (`转型调整。` / `最早成立…` / `业务模式。`): two of three
    # lines short, it is still as wide as the first column, whose next column it is.
    text = _read(
        _box(0, 0, "工行投行转型探路重点转向并购重组", "h", 340),
        _box(0, 34, "<p>本报记者 王涛</p>" + _lines("第一栏" + LINE, 3)),
        _box(172, 48, "<p>转型调整。</p><p>最早成立投资银行部的中国工商银行正</p><p>业务模式。</p>"),
    )
    (story,) = _stories(text)
    assert story[-3:] == ["转型调整。", "最早成立投资银行部的中国工商银行正", "业务模式。"]


def test_vertical_headline_takes_the_column_under_a_subtitle_and_its_byline_beside_its_own():
    # A subtitle in lighter type over two columns, a byline under it over the first; the vertical
    # headline right of the second, level with the columns' text: the first column (under the
    # subtitle and the byline, its top lower than the headline's by the byline) is the story's too.
    subtitle = '<div class="h" style="left:0; top:0; width:330pt; font-size:11pt; line-height:15pt; font-weight:400">——两者之间有着天壤之别，其中对身体真正有益的成分仅是</div>'
    vertical = '<div class="h" style="left:344pt; top:36pt; width:26pt">' + "".join(f"<div>{ch}</div>" for ch in "调节血糖的能力下降") + "</div>"
    text = _read(
        subtitle,
        _box(0, 20, "<p>文/图 范阳</p>" + _lines("第一栏" + LINE, 10)),
        _box(172, 34, _lines("第二栏" + LINE, 10, 100)),
        vertical,
    )
    (story,) = _stories(text)
    assert story[0] == "# 调节血糖的能力下降" and any(l.startswith("第一栏") for l in story) and any(l.startswith("第二栏") for l in story)


def test_fragment_after_punctuation_hung_past_its_columns_end_is_the_next_columns_line():
    from digest.pdf.rows import join_rows

    # Column one's lines end at x = 160; one of them hangs its `”` past that end. Right of it,
    # on its row, under an em on, the last line of a column too short to make its left edge one
    # (`许可和认定事项。`): another column's line, not the rest of this one.
    column_one = [_glyph_line(0, 20 * k, "第一栏的文字排满了一整行的字句") for k in range(5)]
    hung = _glyph_line(0, 100, "第一栏的文字排满了一整行的字句”")
    last = _glyph_line(169.5, 100, "许可和认定事项。")
    joined = join_rows(column_one + [hung, last], 10.0)
    assert [l.text for l in joined[-2:]] == ["第一栏的文字排满了一整行的字句”", "许可和认定事项。"]


def test_source_line_set_flush_right_under_a_column_ends_its_story():
    # A story's last column of three lines, two of them short; under it `（来源：山西晚报）` set
    # flush right: too far right to stack under those lines, it is still the story's last line,
    # not a story of its own.
    text = _read(
        _box(0, 0, "上海珠宝展开幕", "h", 330),
        _box(0, 34, _lines("珠宝展" + LINE, 8)),
        _box(172, 34, "<p>体亮相。</p><p>现场还有权威珠宝玉石专家可提供免费</p><p>咨询服务。</p>"),
        _box(172, 34 + 3 * 14, '<p style="text-align:right">（来源：山西晚报）</p>'),
    )
    (story,) = _stories(text)
    assert story[-1] == "（来源：山西晚报）"


@pytest.mark.parametrize("headline, subtitle, top, lines", [
    # The headline's second row (`景区？`) is short and centred; the `——` subtitle under it is set
    # flush left, under no glyph of that row: still the headline's subtitle, not another story's
    # headline that leaves this one without a body.
    ('<div class="h" style="left:0; top:0; width:240pt; text-align:center">今年建成一处综合型的黄河景区？</div>',
     '<div class="h" style="left:0; top:54pt; width:160pt; font-size:11pt; line-height:14pt; font-weight:400">——转运流程</div>',
     72, ["# 今年建成一处综合型的黄河景区？", "## ——转运流程"]),
    # A `——` subtitle a point smaller than its headline (12 pt under 13 pt: within the share of
    # the headline's size its rows are read at) is the subtitle, not the headline's last row.
    ('<div class="h" style="left:0; top:0; width:160pt; font-size:13pt; line-height:16pt">广州将推绿化管理条例<br>施工致树死亡最高罚</div>',
     '<div class="h" style="left:0; top:36pt; width:160pt; font-size:12pt; line-height:15pt; font-weight:400">——广州下月起实施新条例</div>',
     56, ["# 广州将推绿化管理条例施工致树死亡最高罚", "## ——广州下月起实施新条例"]),
])
def test_dash_subtitle_under_a_headline_is_its_subtitle(headline, subtitle, top, lines):
    text = _read(headline, subtitle, _box(0, top, _lines("正文" + LINE, 6)))
    (story,) = _stories(text)
    assert story[:2] == lines and story[2].startswith("正文")


def test_headless_story_under_another_opened_by_its_byline_is_no_run_on_of_it():
    # Two headless stories stacked in a column, each under its byline; the upper one's text
    # stops mid-sentence at its column's foot and goes on in the next column, level with its
    # text's first line (not with its byline). The byline under it opens another story.
    byline = '<p style="font-family:\'Noto Sans CJK SC\'">□ 本报记者 张丽敏</p>'
    upper = byline + "".join(f"<p>{LINE[:13]}{k:03d}号，</p>" for k in range(6))
    lower = '<p style="font-family:\'Noto Sans CJK SC\'">□ 本报记者 温耀辉</p>' + _lines("下篇" + LINE, 6, 60)
    text = _read(
        _box(0, 0, upper),
        _box(0, 7 * 14 + 12, lower),
        _box(172, 14, _lines("续栏" + LINE, 5, 30)),
    )
    stories = _stories(text)
    assert [(s[0][:2], s[-1][:2]) for s in stories] == [("□ ", "续栏"), ("□ ", "下篇")]


def test_column_under_a_byline_set_smaller_is_the_next_column_of_the_column_beside_it():
    # The byline over the first column is set a point smaller than the text (`◎`, no bullet the
    # reader knows): its pitch is not the column's, so the column beside it at the text's top
    # is still the story's next column.
    text = _read(
        _box(0, 0, "短标题", "h", 160),
        _box(0, 34, '<p style="font-size:8pt">◎ 记者 罗敏勇</p>' + _lines("首栏" + LINE, 8)),
        _box(172, 34 + 14, _lines("次栏" + LINE, 6, 40)),
    )
    (story,) = _stories(text)
    assert story[-1].startswith("次栏")


def test_section_head_centred_over_a_columns_top_is_that_columns_first_line():
    # A story's second column opens with a small bold head centred over it; its text starts
    # further left, right under the head at the column's line spacing. The head is the column's
    # first line, level with the first column's top: the column is the story's next.
    text = _read(
        _box(0, 0, "短标题", "h", 160),
        _box(0, 34, _lines("首栏" + LINE, 8)),
        _box(172, 34, '<p style="text-align:center; font-weight:700">【此次活动】</p>' + _lines("次栏" + LINE, 6, 40), width=160),
    )
    (story,) = _stories(text)
    assert story[-7] == "【此次活动】" and story[-1].startswith("次栏")


def test_byline_run_into_its_text_after_a_full_width_space_is_a_line_of_its_own():
    # `■本报记者 文晶　党代会分` / `团讨论…`: the text's first word after the full-width space,
    # ending the row, is no second name; where the column breaks the last name (`■本报记者 文玉` /
    # `宁　为厚植…`), the rest of it goes back to the byline. A run-in byline before a longer
    # word stays in its row, the text's first line, as printed.
    text = _read(
        _box(0, 0, "短标题", "h", 160),
        _box(0, 34, "<p>■本报记者 文晶　党代会分</p><p>团讨论会上，代表们</p><p>■本报记者 董鹏　红会首次发放慰问金</p>" + _lines("正文" + LINE, 4)),
        _box(172, 34, "<p>　　■本报记者 孙文玉</p><p>宁　为厚植青少年爱</p>" + _lines("次篇" + LINE, 4, 20), width=115),
        _box(344, 34, "<p>图为活动现场。</p><p>本报记者 肖继旺　摄</p>"),
    )
    lines = text.split("\n")
    assert lines[lines.index("■本报记者 文晶") + 1] == "党代会分团讨论会上，代表们"  # one line, as the text goes on
    assert "■本报记者 董鹏 红会首次发放慰问金" in lines
    assert lines[lines.index("■本报记者 孙文玉宁") + 1] == "为厚植青少年爱"
    assert "本报记者 肖继旺 摄" in lines  # a credit's role set apart stays with its names


def test_a_line_after_a_parted_byline_gives_nothing_back_to_it():
    # `■本报记者 文晶　党代` was parted into its byline and its text's first word; the next line's
    # first character before a full-width space (`会　分团…`) is the text's, not the rest of a name:
    # the byline is written once and no word is lost.
    text = _read(
        _box(0, 0, "短标题", "h", 160),
        _box(0, 34, "<p>■本报记者 文晶　党代</p><p>会　分团讨论</p>" + _lines("正文" + LINE, 4)),
    )
    lines = text.split("\n")
    assert lines.count("■本报记者 文晶") == 1 and not [ln for ln in lines if ln.startswith("■本报记者 文晶 ")]
    assert lines[lines.index("■本报记者 文晶") + 1] == "党代会 分团讨论"


def test_byline_of_names_set_apart_by_full_width_spaces_stays_one_line():
    # `■本报记者 文晶　李明` over its text, shorter than the line under it: a second name, not
    # the text's first word (nor is a credit after the space, `通讯员 郭赟`).
    text = _read(
        _box(0, 0, "短标题", "h", 160),
        _box(0, 34, "<p>■本报记者 文晶　李明</p>" + _lines("正文" + LINE, 4)),
        _box(172, 34, "<p>本报记者 徐瑞刚　通讯员 郭赟</p>" + _lines("次篇" + LINE, 4, 20)),
    )
    lines = text.split("\n")
    assert "■本报记者 文晶 李明" in lines and "本报记者 徐瑞刚 通讯员 郭赟" in lines
    assert [ln for ln in lines if "正文" in ln or "次篇" in ln] == [ln for ln in lines if ln.startswith(("正文", "次篇"))]


@pytest.mark.parametrize("foot_end, head, joined", [
    ("", "", True),  # the foot stops mid-sentence (`…号，`)
    ("<p>第八行写到这里结束了。</p>", "", True),  # ...or a paragraph ends where the column does
    ("<p>（下转4版）</p>", "", False),  # the story jumps to another page: it ends here
    ("<p>第八行写到这里结束了。</p>", "<p>□ 本报记者 王涛</p>", False),  # a byline opens a story at the head
    ('<p style="text-align:right">2025年5月18日</p>', "", False),  # a notice's date, set flush right, ends it
])
def test_text_running_on_from_a_columns_foot_goes_on_at_the_head_of_the_next_column(foot_end, head, joined):
    # One flow of columns (CSS multi-column): a story opening near the foot of the first column
    # goes on at the head of the second, over the next story's headline, whether the foot stops
    # mid-sentence or a paragraph ends with the column; not when the foot's last line ends the
    # story (`（下转4版）`) or a byline heads the next column. Another story's text beside it,
    # under a headline of its own and level with it by chance, is not where it goes on.
    text = _read(
        _box(0, 0, "第一篇的标题", "h", 160),
        _box(0, 34, _lines("第一篇" + LINE, 20)),
        _box(0, 330, "栏底开头的标题", "h", 160),
        _box(0, 364, _lines("栏底篇" + LINE, 7, 100) + foot_end),
        _box(172, 0, head + _lines("次栏头" + LINE, 6, 200)),
        _box(172, 110, "第三篇的标题", "h", 160),
        _box(172, 144, _lines("第三篇" + LINE, 8, 300)),
        _box(172, 330, "第四篇的标题", "h", 160),
        _box(172, 364, _lines("第四篇" + LINE, 4, 400)),
    )
    stories = _stories(text)
    (foot,) = [s for s in stories if s[0] == "# 栏底开头的标题"]
    assert (foot[-6][:3] == "次栏头") is joined
    assert len(stories) == (4 if joined else 5)


def test_column_head_under_a_headline_over_the_flow_is_the_run_on_of_the_foot_beside_it():
    # One flow of columns under the lead story's headline set over all of them (CSS
    # `column-span: all`): the lead story ends in the second column (`（下转4版）`), the next story
    # opens under it and runs on from that column's foot to the head of the third, right under
    # the lead's headline. That column head is the second story's, not the lead's.
    text = _read(
        _box(0, 0, '<p style="text-align:center; margin:0">通栏标题放在三栏之上居中排列</p>', "h", 504),
        _box(0, 34, _lines("头条篇" + LINE, 19)),
        _box(172, 34, _lines("头条续" + LINE, 6, 100) + "<p>（下转4版）</p>"),
        _box(172, 150, "栏底开头的标题", "h", 160),
        _box(172, 184, _lines("栏底篇" + LINE, 7, 200)),
        _box(344, 34, _lines("次栏头" + LINE, 5, 300) + "<p>次栏头写到这里结束了。</p>"),
        _box(344, 150, "第三篇的标题", "h", 160),
        _box(344, 184, _lines("第三篇" + LINE, 8, 400)),
    )
    stories = {s[0]: [line[:3] for line in s[1:]] for s in _stories(text)}
    assert stories["# 通栏标题放在三栏之上居中排列"] == ["头条篇"] * 19 + ["头条续"] * 6 + ["（下转"]
    assert stories["# 栏底开头的标题"] == ["栏底篇"] * 7 + ["次栏头"] * 6


def test_framed_text_beside_a_column_is_no_next_column_of_its_story():
    # A panel of briefs in a border (WeasyPrint draws its four sides as four rules, no
    # rectangle) stands beside a story's only column, tops level: the frame parts them, the
    # brief is a story of its own, not the story's next column.
    text = _read(
        _box(0, 0, "栏中的标题", "h", 160),
        _box(0, 34, _lines("正文" + LINE, 12)),
        _box(172, 30, '<div style="border:0.8pt solid #333; padding:3pt">' + _lines("框内" + LINE, 6, 100) + "</div>", width=170),
    )
    assert [[line[:2] for line in s] for s in _stories(text)] == [["# "] + ["正文"] * 12, ["框内"] * 6]


def test_boxed_notice_broken_over_two_columns_goes_on_across_the_frames_wider_gutter():
    # A boxed notice at the foot of the first column goes on at the head of the second; the
    # frame's padding sets both parts in from the column's edges, so the white space between
    # them is wider than between two columns of one story's text (32 pt at 9 pt type, 27 the
    # most): still the foot's run-on.
    text = _read(
        _box(0, 0, "第一篇的标题", "h", 150),
        _box(0, 34, _lines("第一篇" + LINE, 20), width=150),
        _box(0, 330, "通知的标题", "h", 150),
        _box(0, 364, _lines("通知篇" + LINE, 7, 100) + "<p>第八行写到这里结束了。</p>", width=150),
        _box(182, 0, _lines("通知续" + LINE, 6, 200) + '<p style="text-align:right">2025年5月18日</p>', width=150),
        _box(182, 124, "第三篇的标题", "h", 150),
        _box(182, 158, _lines("第三篇" + LINE, 8, 300), width=150),
    )
    (notice,) = [s for s in _stories(text) if s[0] == "# 通知的标题"]
    assert [line[:3] for line in notice[1:]] == ["通知篇"] * 7 + ["第八行"] + ["通知续"] * 6 + ["202"]


def test_first_column_under_a_headline_set_over_two_is_the_run_on_of_the_foot_on_its_left():
    # A headline set over the second and third columns of one flow: the second column's head,
    # a paragraph's last words, is the run-on of the story stopping mid-sentence at the first
    # column's foot; the headline's story opens in the third column with its dateline.
    text = _read(
        _box(0, 0, "第一篇的标题", "h", 160),
        _box(0, 34, _lines("第一篇" + LINE, 20)),
        _box(0, 330, "栏底开头的标题", "h", 160),
        _box(0, 364, _lines("栏底篇" + LINE, 7, 100)),
        _box(172, 0, '<p style="text-align:center; margin:0">通栏标题放在两栏之上居中</p>', "h", 332),
        _box(172, 34, "<p>次栏头的第一行写满了十六个</p><p>字还剩这几个字。</p>"),
        _box(172, 110, "第三篇的标题", "h", 160),
        _box(172, 144, _lines("第三篇" + LINE, 8, 300)),
        _box(344, 34, "<p>本报讯 （记者 王涛） 通栏篇</p>" + _lines("通栏篇" + LINE, 12, 400)),
    )
    stories = {s[0]: [line[:3] for line in s[1:]] for s in _stories(text)}
    assert stories["# 栏底开头的标题"] == ["栏底篇"] * 7 + ["次栏头", "字还剩"]
    assert stories["# 通栏标题放在两栏之上居中"] == ["本报讯"] + ["通栏篇"] * 12


def test_a_page_ruled_as_a_big_table_finds_its_framed_cells_in_a_second():
    import time

    from digest.pdf.glyphs import Rule
    from digest.pdf.units import ruled_frames

    # A table of 40 × 60 cells, each bordered by four rules of its own (WeasyPrint's
    # `border-collapse: separate`: 9,600 rules), a figure in every third cell: each of those
    # cells is a frame, an empty one none. Looking at every pair of vertical rules took 30 s
    # of CPU on such a page (and five such pages went past a file's CPU budget).
    rules, lines, framed = [], [], set()
    for row in range(60):
        for col in range(40):
            x0, y0 = 20.0 + 20 * col, 20.0 + 20 * row
            x1, y1 = x0 + 14.5, y0 + 14.5
            rules += [Rule(x0, y0, x1, y0 + 0.5), Rule(x0, y1 - 0.5, x1, y1), Rule(x0, y0, x0 + 0.5, y1), Rule(x1 - 0.5, y0, x1, y1)]
            if (row + col) % 3 == 0:
                lines.append(_glyph_line(x0 + 2.5, y0 + 2.5, "数"))
                framed.add((x0, y0, x1, y1))
    start = time.process_time()
    frames = ruled_frames(lines, rules)
    assert time.process_time() - start < 3.0
    assert sorted((f.x0, f.y0, f.x1, f.y1) for f in frames) == sorted(framed)


def test_few_lines_at_a_columns_foot_justified_wider_still_run_on_to_the_next_columns_head():
    # A story of four lines at the first column's foot, its lines spread wider than the next
    # column's (Chromium justifies a line a character short across its width: a few lines may
    # all be so), stops mid-sentence: it goes on at the head of the next column all the same.
    text = _read(
        _box(0, 0, "第一篇的标题", "h", 160),
        _box(0, 34, _lines("第一篇" + LINE, 20)),
        _box(0, 330, "栏底开头的标题", "h", 160),
        '<div class="b" style="left:0pt; top:364pt; width:160pt; letter-spacing:0.8pt">' + _lines("栏底篇" + LINE, 3, 100) + "</div>",
        _box(172, 0, _lines("次栏头" + LINE, 6, 200)),
        _box(172, 110, "第三篇的标题", "h", 160),
        _box(172, 144, _lines("第三篇" + LINE, 8, 300)),
    )
    (foot,) = [s for s in _stories(text) if s[0] == "# 栏底开头的标题"]
    assert [line[:3] for line in foot[1:]] == ["栏底篇"] * 3 + ["次栏头"] * 6


def test_which_frames_hold_a_block_on_a_page_of_thousands_of_framed_cells_is_looked_up_near_it():
    import math
    import time

    from digest.pdf.glyphs import Box
    from digest.pdf.blocks import Element, Frames

    # 2,400 framed table cells, a frame round the whole table, one inside another, one bigger
    # than any page and one with a coordinate no file should hold: each block is held by the
    # frames its middle is inside, in their order, as when every frame was looked at for every
    # block (2 × 2,400 blocks against 2,400 frames: 1.2 s of CPU on such a page, now a grid).
    frames = [Box(20.0 + 20 * col, 20.0 + 20 * row, 34.5 + 20 * col, 34.5 + 20 * row) for row in range(60) for col in range(40)]
    frames += [Box(10.0, 10.0, 820.0, 1220.0), Box(22.0, 22.0, 33.0, 33.0), Box(-1e9, -1e9, 1e9, 1e9), Box(0.0, 0.0, math.nan, 50.0)]
    blocks = [Element(x - 3, y - 3, x + 3, y + 3, "body") for x in range(0, 840, 7) for y in range(0, 1240, 31)] + [Element(27.5, 27.5, 27.5, 27.5, "body")]

    def held(e):
        x, y = (e.x0 + e.x1) / 2, (e.y0 + e.y1) / 2
        return [k for k, f in enumerate(frames) if f.x0 <= x <= f.x1 and f.y0 <= y <= f.y1]

    start = time.process_time()
    framed = Frames(frames)
    found = [framed.holding(b) for b in blocks]
    assert time.process_time() - start < 1.0
    assert found == [held(b) for b in blocks]
    assert found[-1] == [0, 2400, 2401, 2402] and Frames([]).holding(blocks[0]) == []


@pytest.mark.parametrize("style, apart, first", [
    # Bold, 4 pt apart (less than a block's gap): the title opens a brief of its own, not a line
    # of the brief above.
    ("font-family:'Noto Sans CJK SC'; font-weight:700; font-size:10pt; margin-top:{}pt", 4, "第一条简讯的标题"),
    # As Chromium prints a flow page's panel: a regular face (its bold is not named), broken over
    # two lines, set as far above its text (13 pt) as the brief above ends from it: it still
    # heads its text, not a story of its own.
    ("font-size:10pt; line-height:14pt; margin:{}pt 0 8pt", 8, "第一条简讯的标题写得长了一些<br>转行"),
])
def test_bulleted_title_set_larger_opens_its_brief_and_is_its_headline(style, apart, first):
    # Briefs stacked in one column, each opening with its title a point larger than the text,
    # after a bullet (`■ 第二条简讯的标题`): each title heads its own brief as its headline.
    title = f'<p style="{style}">■ {{}}</p>'
    text = _read(
        _box(0, 0, title.format(0, first) + _lines("一条" + LINE, 3)
             + title.format(apart, "第二条简讯的标题") + _lines("二条" + LINE, 3, 100)),
    )
    assert [[line[:4] for line in s] for s in _stories(text)] == [["## ■"] + ["一条黄河"] * 3, ["## ■"] + ["二条黄河"] * 3]
    assert "## ■ " + first.replace("<br>", "") in text.split("\n")


@pytest.mark.parametrize("rest, headline", [
    ("尾截", "# 栏底标题的前两行写到栏底的第二行尾截"),  # broken inside the headline: its last row heads the next column
    ("", "# 栏底标题的前两行写到栏底的第二行"),  # broken right after it: the next column opens with its text
])
def test_headline_broken_at_a_columns_foot_goes_on_at_the_next_columns_head(rest, headline):
    # One flow of columns (CSS multi-column, as Chromium breaks it): a headline's first rows at
    # the foot of the first column, nothing under them, its last row (or its text) at the head
    # of the second. One headline, the text under it its story's.
    head = f'<div class="h" style="left:172pt; top:0pt; width:160pt">{rest}</div>' if rest else ""
    top = 34 if rest else 0
    text = _read(
        _box(0, 0, "第一篇的标题", "h", 160),
        _box(0, 34, _lines("第一篇" + LINE, 20)),
        _box(0, 330, "栏底标题的前两行<br>写到栏底的第二行", "h", 160),
        head,
        _box(172, top, _lines("次栏头" + LINE, 6, 200)),
        _box(172, top + 110, "第三篇的标题", "h", 160),
        _box(172, top + 144, _lines("第三篇" + LINE, 8, 300)),
    )
    stories = {s[0]: [line[:3] for line in s[1:]] for s in _stories(text)}
    assert stories[headline] == ["次栏头"] * 6
    assert len(stories) == 3


@pytest.mark.parametrize("right", [
    # Six lines, three flush with the column's edge: fewer than four start there, still an edge.
    "".join(f'<p style="padding-left:{18 if k % 2 else 0}pt">右栏{k}行写在这里了。</p>' for k in range(6)),
    # Two lines only (a story's last column, `宣称叙利亚进入内战状` / `态。`): the lines left of
    # them fill their column's measure, as the lines above and below them do.
    "".join(f"<p>右栏{k}行写在这里了。</p>" for k in range(2)),
])
def test_short_columns_lines_are_not_joined_to_the_lines_left_of_them_across_a_narrow_gutter(right):
    # A story's two columns 14 pt apart (a gutter under 1.6 ems: a full-width space's width, which
    # joins two fragments of one line), the second short. Its lines are its own, not the ends of
    # the first column's lines on their rows.
    text = _read(
        _box(0, 0, "一个短标题", "h", 320),
        _box(0, 34, _lines("左栏" + LINE, 8)),
        _box(158, 34, right, width=150),
    )
    assert [line for line in text.split("\n") if "右栏" in line] == [f"右栏{k}行写在这里了。" for k in range(right.count("<p"))]
    assert all(line.endswith(("号，", "段落。")) for line in text.split("\n") if "左栏" in line)


def test_a_row_spread_across_its_columns_measure_before_an_address_is_one_line():
    from digest.pdf.rows import join_rows

    # Column one's lines run from 0 to 110 (11 glyphs); one row holds four characters only, as
    # an address too long to break is set on the next: justified, they stand 2.3 ems apart, wider
    # than a gutter. Column two starts at 130, 2 ems right of column one's end.
    column_one = [_glyph_line(0, 20 * k, "第一栏的文字排满了一行") for k in (0, 1, 3, 4)]
    spread = [_glyph_line(x, 40, ch) for x, ch in ((0, "线"), (33.3, "，"), (66.7, "邮"), (100, "箱"))]
    column_two = [_glyph_line(130, 20 * k, "第二栏的文字") for k in range(5)]
    joined = join_rows(column_one + spread + column_two, 10.0)
    row = sorted((l for l in joined if abs(l.y0 - 40) < 1), key=lambda l: l.x0)
    assert ["".join(g.text for g in l.glyphs) for l in row] == ["线，邮箱", "第二栏的文字"]
    # Two characters apart with no line of their span near: not joined (two columns' rows).
    apart = join_rows([_glyph_line(0, 0, "甲"), _glyph_line(33.3, 0, "乙"), _glyph_line(66.7, 0, "丙")], 10.0)
    assert len(apart) == 3


def test_a_headline_at_a_columns_foot_heads_the_next_column_opening_with_an_indented_paragraph():
    # A boxed notice broken over two columns: its headline at the foot of the first, nothing
    # under it; its text at the head of the next, the first line set in by a paragraph's indent
    # (so no line of that column starts above the column's edge over it).
    text = _read(
        _box(0, 0, "上一篇的标题", "h", 160),
        _box(0, 34, _lines("上一篇" + LINE, 20)),
        _box(0, 320, "关于招生入学工作的通知", "h", 160),
        _box(172, 0, '<p style="text-indent:2em">为进一步做好招生入学工作，</p>' + _lines("通知正文" + LINE, 10)),
    )
    stories = _stories(text)
    notice = next(s for s in stories if any("招生入学工作的通知" in l for l in s))
    assert notice[0].startswith("# 关于招生") and any(l.startswith("为进一步做好") for l in notice)
    assert any(l.startswith("通知正文") for l in notice)


def test_a_short_last_column_beside_a_column_stopping_mid_sentence_is_its_next():
    # A story's two columns under a headline set over the first only: the first stops
    # mid-sentence, the second holds one short line (`十个文化强县荣誉。`), its tops level with
    # the first's. One line stopping short says nothing of its column's measure: it is still
    # the story's next column, not a story of its own.
    text = _read(
        _box(0, 0, "上一篇的标题", "h", 330),
        _box(0, 34, _lines("上一篇" + LINE, 5)),
        _box(172, 34, _lines("上一篇续" + LINE, 4, 50) + "<p>上一篇的最后一句话完了。</p>"),
        _box(0, 120, "我县蝉联强县", "h", 160),
        _box(0, 154, "<p>近日我县通过山西省文化强县复查工作，</p><p>蝉联全省文化强县荣誉称号且评选活动，</p><p>继续保留包括我县在内的第一批共计全省</p>"),
        _box(172, 154, "<p>十个文化强县荣誉。</p>"),
        _box(0, 220, "下一篇的标题", "h", 330),
        _box(0, 254, _lines("下一篇" + LINE, 4, 100)),
    )
    story = next(s for s in _stories(text) if s[0] == "# 我县蝉联强县")
    assert story[-1] == "十个文化强县荣誉。"


def test_a_dash_row_set_apart_from_a_vertical_headline_is_its_subtitle_not_a_headline():
    # A subtitle across the top of a story (`——较上季度…`, two rows at 1.16 times the body, display
    # type), its vertical headline beside the column under it, too far to be read as one group
    # with it: the dash row is the subtitle (`## `), never a headline of its own.
    from digest.pdf.roles import mark_roles

    vertical = Line([Glyph(ch, 180, 60 + k * 13.7, 193.7, 60 + (k + 1) * 13.7, 13.7, "Sans") for k, ch in enumerate("尤其是新兴市场")], vertical=True).finish()
    rows = [[_row(0, 0, "——较上季度增长百分之一，", 11.6)], [_row(0, 16.5, "新兴市场尤其如此，全年", 11.6)], [vertical],
            [_row(0, 33, "本报记者 高飞", 10)], [_row(0, 60, "结果，第四季度全球总销量达到八千万台", 10)]]
    assert mark_roles(["---", *rows], 10.0)[1:3] == ["## ——较上季度增长百分之一，新兴市场尤其如此，全年", "# 尤其是新兴市场"]


def test_vertical_headline_does_not_take_a_column_set_to_another_measure_beside_its_columns():
    # Its two columns, left of it, are set nine ems wide; left of them, tops level and as
    # long, a headless story's column set two ems wider under a floating byline (`□ 温耀辉`,
    # pdf15-360 p0009): the columns of one story share a measure, so that is another story.
    vertical = '<div class="h" style="left:350pt; top:34pt; width:26pt">' + "".join(f"<div>{ch}</div>" for ch in "竖排的标题") + "</div>"

    def column(text: str, n: int, start: int) -> str:
        return "".join(f"<p>{text}{start + k:03d}号，</p>" for k in range(n - 1)) + f"<p>{text}{start + n:03d}号。</p>"

    text = _read(
        _box(0, 32, "<p>□ 某记者</p>" + column("无题正文黄河流域生", 12, 0), width=130),
        _box(135, 34, column("竖题首栏黄河流", 12, 40), width=110),
        _box(243, 34, column("竖题末栏黄河流", 12, 80), width=110),
        vertical,
    )
    stories = _stories(text)
    (vertical_story,) = [s for s in stories if s[0] == "# 竖排的标题"]
    assert vertical_story[1].startswith("竖题首栏") and vertical_story[-1].startswith("竖题末栏")
    assert [s[0][:4] for s in stories if s is not vertical_story] == ["□ 某记"]


def test_next_column_opening_mid_sentence_beside_a_justified_one_of_its_measure_is_its_story():
    # The headline reaches over the first column only. That column, with no paragraph's end in
    # it, is widened by justification on every line (Gecko: a story set over two CSS columns);
    # the second, set solid and as wide, level with it, opens mid-sentence where the first stops
    # mid-sentence: the story's next column, not a story of its own.
    first = "".join(f"<p>{LINE[:12]}{k:03d}号，</p>" for k in range(7))
    text = _read(
        _box(0, 0, "短标题", "h", 160),
        f'<div class="b" style="left:0pt; top:34pt; width:172pt; letter-spacing:0.8pt">{first}</div>',
        _box(176, 34, _lines("第二栏" + LINE, 7, 100)),
    )
    (story,) = _stories(text)
    assert story[0] == "# 短标题"
    assert [line[:3] for line in story[1:]] == [LINE[:3]] * 7 + ["第二栏"] * 7


def test_column_ending_level_with_its_story_column_beside_a_headline_stopping_short_is_not_a_foots_run_on():
    # Story A over the second and third columns: its headline's box spans both, its text stops
    # over the second (Gecko prints a left-aligned headline no wider than its words), so the third
    # column hangs from nothing. Story B, under A on the left, ends a sentence at the foot of the
    # second column. The third column, tops level and ending level with A's second, is A's next
    # column, not B's text run on from the foot of the column before it.
    text = _read(
        _box(172, 0, "短标题", "h", 330),
        _box(172, 34, _lines("甲一栏" + LINE, 8)),
        _box(344, 34, _lines("甲二栏" + LINE, 8, 100)),
        _box(0, 170, "另一篇报道的标题", "h", 330),
        _box(0, 204, _lines("乙一栏" + LINE, 20, 200)),
        _box(172, 204, _lines("乙二栏" + LINE, 20, 300)),
    )
    stories = {s[0]: [line[:3] for line in s[1:]] for s in _stories(text)}
    assert stories["# 短标题"] == ["甲一栏"] * 8 + ["甲二栏"] * 8
    assert stories["# 另一篇报道的标题"] == ["乙一栏"] * 20 + ["乙二栏"] * 20


def test_a_columns_line_opening_with_a_mark_hung_half_an_em_left_of_its_edge_is_not_the_line_left_of_it():
    from digest.pdf.rows import join_rows, split_at_edges

    # Two columns, 10 pt type: the first from 0 to 150, the second from 158 (an 0.8 em gutter,
    # as Typst sets them). Typst trims an opening mark at a line's start: its em is set half
    # left of the edge, its ink (the right half) at it, `“` from 153. The column line left of it
    # ends 0.3 em before that em: PDFium gives one line across the gutter (`…发票由“外星人团队”`).
    second = [_glyph_line(158, 20 * k, "第二栏的文字排满") for k in (0, 1, 3, 4, 5)]
    first = [_glyph_line(0, 20 * k, "第一栏的文字排满了一整行字") for k in (0, 1, 3, 4, 5)]
    run = _ran_on(_glyph_line(0, 40, "第一栏的文字排满了一整行"), _glyph_line(153, 40, "“外星人团队”"))
    parted = split_at_edges(first + second + [run], 10.0)
    assert sorted("".join(g.text for g in l.glyphs) for l in parted if abs(l.y0 - 40) < 1) == ["“外星人团队”", "第一栏的文字排满了一整行"]
    # A short line left of it (a paragraph's last, 1.3 ems before the mark): two fragments,
    # never joined into one line.
    short = [_glyph_line(0, 40, "第一栏的短行"), _glyph_line(153, 40, "（三）小标题")]
    joined = join_rows(first + second + short, 10.0)
    assert sorted("".join(g.text for g in l.glyphs) for l in joined if abs(l.y0 - 40) < 1) == ["第一栏的短行", "（三）小标题"]
    # A mark inside a line, right after the character before it, whose ink lands on an edge
    # by chance, parts nothing.
    inside = _glyph_line(0, 40, "一行里检查了一下“两客一危”")
    assert len(split_at_edges([*[_glyph_line(85, 20 * k + 100, "别栏的文字") for k in range(4)], inside], 10.0)) == 5


def test_a_story_set_across_two_columns_between_a_foot_and_a_column_head_parts_the_flow():
    # A notice under a headline over two columns, its second column shorter, ending its text.
    # Under it, another story's two columns side by side, tops level, its headline over the
    # first only; at the foot of the first column a third story ends a sentence. One flow of
    # columns holds no story set across two of them: the page is no one flow there, and the
    # notice's second column is the notice's, not that foot's text run on to a column's head.
    text = _read(
        _box(0, 0, "关于公开招聘工作人员的通告", "h", 330),
        _box(0, 34, _lines("通告一栏" + LINE, 8)),
        _box(172, 34, _lines("通告二栏" + LINE, 4, 100)),
        _box(0, 170, "另一篇报道的标题", "h", 160),
        _box(0, 204, _lines("乙一栏" + LINE, 6, 200)),
        _box(172, 204, _lines("乙二栏" + LINE, 6, 300)),
        _box(0, 310, "栏底的标题", "h", 160),
        _box(0, 344, _lines("丙栏" + LINE, 8, 400)),
    )
    stories = {s[0]: [line[:4] for line in s[1:]] for s in _stories(text)}
    assert stories["# 关于公开招聘工作人员的通告"] == ["通告一栏"] * 8 + ["通告二栏"] * 4
    assert stories["# 栏底的标题"] == ["丙栏" + LINE[:2]] * 8


def test_a_columns_line_ending_with_a_mark_hung_half_an_em_past_its_edge_is_not_the_next_columns_line():
    from digest.pdf.rows import split_at_edges

    # Two columns, 10 pt type: the first's full lines end at 150, the second starts at 157.
    # Typst trims a closing mark at a line's end: the line is spread to set the mark's em half
    # past the edge, its ink (the left half) ending at it, `，` from 145 to 155, 0.2 em before
    # the next column's first character (`…发生在2015年，` + `教育程度越低。…`): two columns'
    # lines, not one.
    first = [_glyph_line(0, 20 * k, "第一栏的文字排满了一整行的字句") for k in (0, 1, 3, 4, 5)]
    second = [_glyph_line(157, 20 * k, "第二栏的文字排满") for k in (0, 1, 3, 4, 5)]
    run = _ran_on(_glyph_line(0, 40, "第一栏的文字排满了一整行字，", step=145 / 13), _glyph_line(157, 40, "教育程度越低。"))
    parted = split_at_edges(first + second + [run], 10.0)
    assert sorted("".join(g.text for g in l.glyphs) for l in parted if abs(l.y0 - 40) < 1) == ["教育程度越低。", "第一栏的文字排满了一整行字，"]


def test_a_notices_signature_over_its_date_flush_right_under_a_column_of_short_lines_ends_that_notice():
    # A notice over two columns 250 pt wide: the second holds four lines, two of them short (so
    # its width is theirs), then the signature and its date set flush right under it, past
    # those lines' reach but within the notice's measure: the notice's end, not a story.
    first = "".join(f"<p>{(LINE * 2)[:24]}{k:03d}号，</p>" for k in range(8))
    second = ("<p>处理结果向社会公开。</p><p>　　五、本通告由本单位负责解释，未尽事宜另行通告并请周知，</p>"
              "<p>事宜另行通告。</p><p>　　特此通告。</p>")
    text = _read(
        _box(0, 0, "吕梁市公安局交通警察支队关于二〇二五年度公开招聘事业单位工作人员的通告", "h", 510),
        _box(0, 60, first, width=250),
        _box(260, 60, second, width=250),
        _box(260, 60 + 4 * 14, '<p style="text-align:right">吕梁市公安局交通警察支队</p><p style="text-align:right">2025年3月18日</p>', width=250),
    )
    (notice,) = _stories(text)
    assert notice[-2:] == ["吕梁市公安局交通警察支队", "2025年3月18日"]


ORDINALS = "一二三四五六七八九十百千万亿兆京"  # distinct first characters: no two column lines repeat


def test_a_columns_last_line_stopping_a_character_short_mid_sentence_runs_on_into_the_next_column():
    # Story A over two columns under a headline over both: its first column's last line stops
    # mid-sentence a little more than a character short of the column's edge (an engine sets a
    # paragraph's part in a column as a paragraph of its own, its last line not justified), its
    # second column stops short. Story B, under A's first column, ends a sentence at the foot
    # of the page. A's text goes on in its second column: that column is not B's run-on.
    first = "".join(f"<p>甲{ORDINALS[k]}{LINE[:15]}</p>" for k in range(7)) + f'<p style="letter-spacing:-0.1pt">甲末{LINE[:14]}</p>'
    text = _read(
        _box(0, 0, "两栏报道的标题", "h", 330),
        _box(0, 34, first),
        _box(172, 34, "".join(f"<p>续{ORDINALS[k]}{LINE[:15]}</p>" for k in range(4)) + "<p>续完了。</p>"),
        _box(0, 170, "另一篇报道的标题", "h", 160),
        _box(0, 204, _lines("乙栏" + LINE, 10)),
    )
    stories = {s[0]: [line[:1] for line in s[1:]] for s in _stories(text)}
    assert stories["# 两栏报道的标题"] == ["甲"] * 8 + ["续"] * 5
    assert stories["# 另一篇报道的标题"] == ["乙"] * 10


def test_a_foot_going_on_beside_its_short_indented_first_line_runs_on_to_no_column_head():
    # Story A at the top, under a headline over the second and third columns, its first column
    # in the second. Story B under it on the left over two columns, its headline over the
    # first: its first column opens with a paragraph's indented first line short of the measure,
    # and stops mid-sentence at the foot of the page; its second column, level with that first
    # line, goes on with it. B's foot goes on beside itself, not at the head of A's column.
    text = _read(
        _box(172, 0, "上方报道的标题排得很长很长的一行字", "h", 340),
        _box(172, 34, "".join(f"<p>甲{ORDINALS[k]}{LINE[:15]}</p>" for k in range(7)) + "<p>甲完了。</p>"),
        _box(344, 34, "".join(f"<p>丙{ORDINALS[k]}{LINE[:15]}</p>" for k in range(7)) + "<p>丙完了。</p>"),
        _box(0, 170, "下方报道", "h", 160),
        _box(0, 204, "<p>　　乙首行短了一些</p>" + "".join(f"<p>乙{ORDINALS[k]}{LINE[:15]}</p>" for k in range(9))),
        _box(172, 204, "".join(f"<p>续{ORDINALS[k]}{LINE[:15]}</p>" for k in range(10))),
    )
    stories = {s[0]: [line[:1] for line in s[1:]] for s in _stories(text)}
    assert stories["# 上方报道的标题排得很长很长的一行字"] == ["甲"] * 8 + ["丙"] * 8
    assert stories["# 下方报道"] == ["乙"] * 10 + ["续"] * 10


def test_a_headless_story_opening_with_a_lead_set_bold_at_a_columns_head_is_not_a_foots_run_on():
    # Story A under its headline in the first column ends a sentence at the foot of the page.
    # Story B, headless, heads the second column level with A's headline: its lead, over two
    # lines, is set bold, the rest plain. A lead set bold opens a story; a paragraph run on from
    # a column's foot is set as that column's text: B is a story of its own, not A's run-on.
    lead = "".join(f'<p style="font-weight:700">乙{ORDINALS[k]}{LINE[:15]}</p>' for k in range(2))
    text = _read(
        _box(0, 0, "甲报道", "h", 160),
        _box(0, 34, _lines("甲栏" + LINE, 20)),
        _box(172, 0, lead + "".join(f"<p>乙{ORDINALS[k + 2]}{LINE[:15]}</p>" for k in range(5)) + "<p>乙完了。</p>"),
    )
    stories = [[line[:1] for line in s] for s in _stories(text)]
    assert ["#"] + ["甲"] * 20 in stories
    assert ["乙"] * 8 in stories


def test_a_line_letter_spaced_wide_keeps_the_words_a_full_width_space_parts_on_one_line():
    # A lead set letter-spaced 0.3 em in fake bold (each character drawn twice, a quarter point
    # apart; no space glyph drawn between the words): a full-width space leaves 1.6 ems and a
    # hair (the space and the spacing after the characters either side), just over the white
    # space that parts two fragments of one line: its byline came apart into fragments read as
    # lines of their own (`新快报讯` / `记者`, `罗琼 实习生` / `葛`).
    def bold(text: str) -> str:
        return "".join(c if c == "　" else f'<span style="position:relative">{c}<span style="position:absolute; left:0.25pt; top:0">{c}</span></span>' for c in text)

    spaced = '<div class="b" style="left:{x}pt; top:{y}pt; width:125pt; font-size:9.5pt; letter-spacing:0.3em">{html}</div>'
    lead = "".join(f"<p>{bold(t)}</p>" for t in ("　　新快报讯　记者", "　罗琼　实习生　葛", "晶　通讯员　王玮"))
    body = "".join(f"<p>黄河流域生态{k:03d}，</p>" for k in range(8))
    text = _read(
        _box(0, 0, "字距很宽的一篇", "h", 300),
        spaced.format(x=0, y=34, html=lead + body),
        _box(200, 34, _lines("另一篇" + LINE, 10)),
    )
    story = next(s for s in _stories(text) if s[0] == "# 字距很宽的一篇")
    assert story[1:4] == ["新快报讯 记者", "罗琼 实习生 葛", "晶 通讯员 王玮"]


def test_a_byline_split_after_one_character_and_a_full_width_space_at_the_paragraph_indent_is_one_line():
    from digest.pdf.rows import join_rows

    # `（记` ends a line; the next opens `者　姚锦波）…` with no space glyph drawn (Chromium's fake
    # bold): the name starts two ems in, where the column's indented paragraphs start (an edge
    # as many lines start there), and a fragment starting where lines start was read as another
    # column's line: `者` came out a story of its own (Chromium, a line lower than its row's rest).
    column = [_glyph_line(0, 20 * k, "栏首的正文一行") for k in range(3)] + [_glyph_line(20, 20 * k, "缩进的段首") for k in range(3, 6)]
    row = [_glyph_line(0, 120, "者"), _glyph_line(20, 120, "姚锦波）飞镖是")]
    joined = join_rows(column + row, 10.0)
    assert [l.text for l in joined if l.y0 == 120] == ["者 姚锦波）飞镖是"]
    # A credit's last characters set flush right (`摄）`, not at its column's edge) stay apart
    # from the next column's line beside them, whose column starts 3 ems right of them.
    beside = [_glyph_line(200, 20 * k, "次栏的正文一行") for k in range(6)]
    row = [_glyph_line(172, 120, "摄）"), _glyph_line(200, 120, "次栏的正文续")]
    assert [l.text for l in join_rows(column + beside + row, 10.0) if l.y0 == 120] == ["摄）", "次栏的正文续"]


def test_a_headless_story_heading_the_next_column_beside_a_headline_over_three_is_not_a_foots_run_on():
    # A headline over three columns, its story under it; in the third, another story under
    # that one runs to the foot of the page, ending a sentence. The fourth column starts at the
    # top, beside the headline: a headless story, not the run-on of that foot (a flow of
    # columns starts each column under a headline set across it, never beside it).
    def sentences(text: str, n: int, start: int = 0) -> str:
        return "".join(f"<p>{text}{start + k:03d}，</p>" if (k + 1) % 3 else f"<p>{text}{start + k:03d}。</p>" for k in range(n))

    text = _read(
        _box(0, 0, "一个横跨三栏的大标题写得足够长足够长以盖过整整三栏", "h", 508),
        _box(0, 34, _lines("甲文一栏" + LINE, 10)),
        _box(172, 34, _lines("甲文二栏" + LINE, 10, 100)),
        _box(344, 34, _lines("甲文三栏" + LINE, 10, 200)),
        _box(344, 200, "乙篇的标题", "h", 160),
        _box(344, 234, sentences("乙篇正文黄河流域生态保护和", 30)),
        _box(516, 2, sentences("丙篇无题正文高质量发展取得", 9)),
    )
    stories = _stories(text)
    story = next(s for s in stories if s[0] == "# 乙篇的标题")
    assert not any(line.startswith("丙篇") for line in story)
    assert any(s[0].startswith("丙篇无题正文") for s in stories)


def test_a_subtitle_row_level_with_the_next_columns_line_stays_with_its_headline():
    # A subtitle set a little larger than the body (10.5 pt over 9: display type, under the
    # step that keeps display and body type apart on one baseline) fills its column, and the
    # next column's body line starts a few points right of it on its baseline: the two were
    # read as one line at the body's size (its median), the subtitle's row as body text, so
    # its short second row (`北城办事处`) came out a headline of its own over the story's text.
    sub = '<div class="b" style="left:{x}pt; top:{y}pt; width:{w}pt; font-size:10.5pt; line-height:14pt">{html}</div>'
    text = _read(
        _box(0, 0, "副题跟着标题", "h", 160),
        sub.format(x=0, y=34, w=170, html="<p>——社火表演等二十余个精彩节目，</p><p>北城办事处</p>"),
        _box(0, 66, _lines("本篇正文" + LINE, 8)),
        _box(170, 7.5, _lines("隔壁正文" + LINE, 10, 100)),
    )
    stories = _stories(text)
    story = next(s for s in stories if s[0] == "# 副题跟着标题")
    assert story[1] == "## ——社火表演等二十余个精彩节目，北城办事处"
    assert story[2].startswith("本篇正文")
    assert sum("社火" in line for s in stories for line in s) == 1


def test_a_columns_foot_signed_off_on_a_line_of_its_own_does_not_run_on_to_the_next_columns_head():
    # A headline over two columns; its first column ends a sentence well below the second, which
    # is shorter. Under the first column, another story runs to the foot of the page and ends
    # with its sign-off on a line of its own (`（文佳 整理）`) under its last sentence: that story
    # has ended, so the second column's head stays with its headline's story (it was read as
    # the run-on of that foot, and the story lost its second column).
    text = _read(
        _box(0, 0, "一个横跨两栏的标题写得足够长", "h", 330),
        _box(0, 34, _lines("甲文一栏" + LINE, 12)),
        _box(172, 34, _lines("甲文二栏" + LINE, 7, 100)),
        _box(0, 34 + 12 * 14 + 20, "乙篇的标题", "h", 160),
        _box(0, 34 + 12 * 14 + 54, _lines("乙篇正文" + LINE, 8, 200) + "<p>（文佳 整理）</p>"),
    )
    stories = _stories(text)
    first = next(s for s in stories if s[0].startswith("# 一个横跨两栏"))
    assert [line[:4] for line in first[1:]] == ["甲文一栏"] * 12 + ["甲文二栏"] * 7
    second = next(s for s in stories if s[0] == "# 乙篇的标题")
    assert second[-1] == "（文佳 整理）"


def test_a_headline_row_run_past_its_columns_under_the_next_columns_headline_is_not_its_row():
    # A headline over two columns runs its first row two points past their edge (a headline
    # too long for them), level with the foot of the next column's three-row headline: the row
    # touches that headline's last row, not set under it, and each headline keeps its own rows.
    other = '<div class="h" style="left:344pt; top:0; width:160pt; font-size:14pt; line-height:18pt">头枕砸窗撬窗均被证不<br>靠谱汽车玻璃贴膜更难<br>砸</div>'
    head = ('<div class="h" style="left:4pt; top:50pt; width:328pt; font-size:18pt; line-height:22pt; white-space:nowrap">'
            "一百五十年来杜南的个人有能力改变世界信<br>的信念激励着全世界上亿志愿者</div>")
    text = _read(other, head, _box(0, 100, _lines("杜南" + LINE, 8)), _box(172, 100, _lines("志愿" + LINE, 8, 100)),
                 _box(344, 60, _lines("逃生" + LINE, 12, 200)))
    heads = _headlines(text)
    assert sorted(heads) == ["# 一百五十年来杜南的个人有能力改变世界信的信念激励着全世界上亿志愿者", "# 头枕砸窗撬窗均被证不靠谱汽车玻璃贴膜更难砸"]


def test_a_character_the_file_maps_to_no_text_keeps_its_place_in_a_headline_row():
    # Two characters of the headline's first row reach the text layer unmapped (Firefox maps
    # no ASCII `"` of a bold CJK face; here a private-use code point): their white space parted
    # the row, and the headline came out as two, a third piece lost. Read as spaces, one headline.
    head = '<div class="h" style="left:0; top:0; width:160pt; font-size:16pt; line-height:20pt">三星\ue000太子\ue000会苹果<br>首席执行官平板亮了</div>'
    text = _read(head, _box(0, 50, _lines("三星" + LINE, 8)))
    (story,) = _stories(text)
    assert story[0] == "# 三星 太子 会苹果 首席执行官平板亮了"
    assert len(story) == 9


def test_a_two_em_dash_the_file_maps_to_no_text_is_read_as_one():
    # Firefox writes its fonts' character maps from their cmap: `——` shaped as one glyph two
    # ems wide (a ligature of the font) is mapped to U+FFFD. Lost, the subtitle under the
    # headline lost its dash and was read as a line of no story's, after the body. By its shape
    # (two ems advanced, ink a thin bar), it is the dash.
    from weasyprint import HTML

    head = '<div class="h" style="left:0; top:0; width:160pt">推出益调查</div>'
    html = f'<html lang="zh-CN"><head><style>{CSS}</style></head><body><div class="pg">{head}{_box(0, 30, "<p>——你认可在自动提款机上设置</p>")}{_box(0, 50, _lines(LINE, 8))}</div></body></html>'
    data = HTML(string=html).write_pdf(uncompressed_pdf=True)
    assert data.count(b"<20142014>") == 1
    lost: list[int] = []
    text, _ = read_pdf(data.replace(b"<20142014>", b"<fffd>    "), "page.pdf", lost)
    (story,) = _stories(text)
    assert story[:2] == ["# 推出益调查", "## ——你认可在自动提款机上设置"]
    assert len(story) == 10 and not lost


def test_a_headline_broken_before_its_dash_in_its_own_type_is_one_headline():
    # An LCSTS headline `统计数据为何矛盾？——揭开…` broken before its dash: the row opening with
    # `——` was taken for a subtitle, though set in the headline's own size, weight and face.
    # In lighter type under it, it is a subtitle still.
    body = _box(0, 60, _lines(LINE, 8))
    style = "left:0; width:160pt; font-size:16pt; line-height:20pt"
    head = f'<div class="h" style="top:0; {style}">统计数据为何矛盾？<br>——揭开房价数据的秘密</div>'
    (story,) = _stories(_read(head, body))
    assert story[:2] == ["# 统计数据为何矛盾？——揭开房价数据的秘密", "黄河流域生态保护和高质量发000号，"]
    head = f'<div class="h" style="top:0; {style}">统计数据为何矛盾？</div><div class="h" style="top:20pt; {style}; font-weight:400">——揭开房价数据的秘密</div>'
    (story,) = _stories(_read(head, body))
    assert story[:2] == ["# 统计数据为何矛盾？", "## ——揭开房价数据的秘密"]


def test_vertical_headline_does_not_take_a_story_in_lighter_type_two_columns_away_set_to_another_measure():
    # Right of its one narrow column, a vertical headline; left of that column, tops level,
    # a notice under its own headline set in lighter type, ending right over the row: that was
    # read as a subtitle over two columns of one story (a notice's headline joined to the
    # vertical one, its body before the story's). A column set to a measure ems wider is
    # another story's, as a headless one is.
    vertical = '<div class="h" style="left:300pt; top:60pt; width:26pt">' + "".join(f"<div>{ch}</div>" for ch in "竖排的标题") + "</div>"
    text = _read(
        '<div class="h" style="left:0; top:0; width:160pt; font-size:15pt; line-height:19pt; font-weight:400">离石区人民政府关于机动车尾气排放检测的公告</div>',
        _box(0, 60, _lines("左文正文" + LINE, 10)),
        _box(172, 60, _lines("竖题正文" + LINE[:5], 14, 80), width=110),
        vertical,
    )
    stories = _stories(text)
    assert [(s[0], s[1][:4]) for s in stories] == [("# 离石区人民政府关于机动车尾气排放检测的公告", "左文正文"), ("# 竖排的标题", "竖题正文")]


def test_a_headline_row_run_into_the_next_headline_by_its_colon_is_parted_where_the_row_under_it_is():
    # Two headlines side by side in one size: the left one's first row runs past its column up
    # to the right one's first character by its `：` (a mark no line may open with; Chromium
    # set `“送双运动鞋”公示：` so, `调查：…` right after it). Read as one row, the two headlines
    # came out interleaved. The rows under it stand apart where the right headline starts.
    left = ('<div class="h" style="left:0; top:0; width:160pt; font-size:16pt; line-height:21pt; white-space:nowrap">'
            "送双运动鞋公示学校名：<br>截止六月七日八所学校<br>已受捐</div>")
    right = ('<div class="h" style="left:176pt; top:0; width:336pt; font-size:16pt; line-height:21pt; white-space:nowrap">'
             "调查你认可在自动提款机上设置捐赠选项<br>吗？</div>")
    text = _read(left, right, _box(0, 70, _lines("发起" + LINE, 10)), _box(176, 50, _lines("据卫" + LINE, 10, 100)),
                 _box(352, 50, _lines("英镑" + LINE, 10, 200)))
    heads = _headlines(text)
    assert sorted(heads) == ["# 调查你认可在自动提款机上设置捐赠选项吗？", "# 送双运动鞋公示学校名：截止六月七日八所学校已受捐"]


@pytest.mark.parametrize("left_top, right_top, right_size, body_top", [(0, 14, 15, 70), (14, 0, 16, 90)], ids=["next_set_lower", "next_set_higher"])
def test_a_headline_row_run_past_its_column_by_its_colon_beside_the_next_headline_is_not_its_row(left_top, right_top, right_size, body_top):
    # The left headline's first row runs past its column by its `：` into the gutter, over the
    # start of the next column's headline, set a size smaller a little lower (Firefox's page), or
    # under it, the left headline set a little lower than the next column's: the mark's box
    # reaching over or under that headline's first row made the two headlines one unit, read
    # interleaved. The row under (or over) the mark is beside it, not under it.
    left = (f'<div class="h" style="left:0; top:{left_top}pt; width:160pt; font-size:16pt; line-height:21pt; white-space:nowrap">'
            "送双运动鞋公示学校名：<br>截止六月七日八所学校<br>已受捐</div>")
    right = (f'<div class="h" style="left:172pt; top:{right_top}pt; width:160pt; font-size:{right_size}pt; line-height:{right_size + 5}pt; '
             'white-space:nowrap">头枕砸窗撬窗均被证<br>不靠谱汽车玻璃贴膜<br>更难砸</div>')
    text = _read(left, right, _box(0, body_top, _lines("发起" + LINE, 10)), _box(172, 80, _lines("头枕" + LINE, 10, 100)))
    heads = _headlines(text)
    assert sorted(heads) == ["# 头枕砸窗撬窗均被证不靠谱汽车玻璃贴膜更难砸", "# 送双运动鞋公示学校名：截止六月七日八所学校已受捐"]


def test_a_larger_row_starting_under_the_mark_a_row_above_ends_with_is_that_rows_unit():
    from digest.pdf.units import display_blocks

    # units._text_end passes over a row's last mark only for a row beside it not set larger (a
    # headline's `：` hung into the gutter over the next column's headline, the test above):
    # a headline set larger than the kicker over it, starting under the kicker's `：`, is that
    # kicker's headline, one unit with it.
    kicker, headline = _row(0, 100, "两会观察：", 12), _row(48, 114, "代表委员热议乡村振兴", 20)
    units = display_blocks([kicker, headline], 9.5)
    assert [[l.text for l in u.lines] for u in units] == [["两会观察：", "代表委员热议乡村振兴"]]


def test_chromium_headline_row_with_a_wide_space_is_one_row():
    # Chromium draws no glyph for an ideographic space: `孝义市兑镇　铿锵的` came out as two
    # pieces of display type an em apart, read as two headlines (`# 孝义市兑镇锣鼓敲起来` and
    # `# 铿锵的`). No column starts between them: one row, its space put back.
    head = '<div class="h" style="left:0; top:0; width:150pt; font-size:15pt; line-height:19pt">孝义市兑镇　铿锵的<br>锣鼓敲起来</div>'
    text, _ = _read_chromium(head, _box(0, 48, _lines("正文" + LINE, 6)), _box(172, 48, _lines("次栏" + LINE, 6, 20)))
    (story,) = _stories(text)
    assert story[0] == "# 孝义市兑镇 铿锵的锣鼓敲起来"


@pytest.mark.parametrize("column_two, rows", [(False, 1), (True, 2)])
def test_display_pieces_a_wide_space_apart_are_one_row_unless_a_column_starts_between(column_two, rows):
    from digest.pdf.lines import build_lines

    # Two pieces of 15 pt type on one baseline, 15 pt apart (a wide space no glyph was drawn
    # for, or a gutter): one row, unless a column of the page starts at the second (four body
    # lines start there), as the next column's headline does.
    glyphs = [*_row(0, 0, "再信任官办慈善机构", 15).glyphs, *_row(150, 0, "中坤集团", 15).glyphs]
    body = [g for k in range(4) for g in _glyph_line(0, 30 + 12 * k, "正文的文字排在第一栏里").glyphs]
    if column_two:
        body += [g for k in range(4) for g in _glyph_line(150, 30 + 12 * k, "第二栏的文字").glyphs]
    display = [l for l in build_lines(glyphs + body, 10.0) if l.size == 15]
    assert len(display) == rows


@pytest.mark.parametrize("gap, under, starts_at, rows", [(1.2, 0, 0.0, 1), (1.0, 2, 0.0, 1), (1.0, 4, 0.4, 1), (1.0, 4, 0.0, 2)])
def test_the_bounds_of_bridging_a_wide_space_in_a_display_row(gap, under, starts_at, rows):
    from digest.pdf.lines import build_lines

    # The bounds `_bridge_wide_spaces` keeps (measured on the dev PDFs: docs/segmentation.md,
    # Review 26). `WIDE_GAP`: a wide space drawn as nothing leaves one em (every row bridged on
    # the dev pages, `孝义市兑镇　铿锵的`), more in a row letter-spaced, where the glyph before it
    # and the space each carry the spacing (0.1 em: 1.2 ems; fails at WIDE_GAP 1.1).
    # `COLUMN_LINES`: two lines starting under the right piece (its story's first lines) make no
    # column there (fails at 2: pdf25-796 p0021's `孝义市兑镇　铿锵的` parted so); four do.
    # `COLUMN_EDGE`: a column start 0.4 em right of the right piece is no start of it (fails at
    # 0.5, which parted a row the key prints whole, pdf25-799 p0009).
    size = 15.0
    right_x = 9 * size + gap * size
    glyphs = [*_row(0, 0, "再信任官办慈善机构", size).glyphs, *_row(right_x, 0, "中坤集团", size).glyphs]
    body = [g for k in range(4) for g in _glyph_line(0, 30 + 12 * k, "正文的文字排在第一栏里").glyphs]
    body += [g for k in range(under) for g in _glyph_line(right_x + starts_at * size, 30 + 12 * k, "第二栏的文字").glyphs]
    display = [l for l in build_lines(glyphs + body, 10.0) if l.size == size]
    assert len(display) == rows


@pytest.mark.parametrize("column_starts, rows", [(True, 2), (False, 1)])
def test_a_display_row_a_size_smaller_on_the_baseline_of_a_hung_mark_is_parted_where_a_column_starts(column_starts, rows):
    from digest.pdf.lines import build_lines

    # A 15 pt headline row broken after its `，`, which hangs over the gutter, and the next
    # column's 14 pt label (`县区快讯`) on its baseline, starting where that column's text
    # starts, 2.7 pt under the mark: read as one row (`益调查：自救知识，县区快讯`, sizes
    # 7 % apart, under SAME_SIZE). A size changed where a column of the page starts parts them.
    head = [Glyph(ch, 294.7 + 15 * k, 0, 309.7 + 15 * k, 15, 15, "Sans") for k, ch in enumerate("益调查：自救知识，")]
    label = [Glyph(ch, 427 + 14 * k, 1, 441 + 14 * k, 15, 14, "Sans") for k, ch in enumerate("县区快讯")]
    x = 427 if column_starts else 440
    body = [g for k in range(4) for g in _glyph_line(x, 30 + 12 * k, "正文的文字", size=9.5, step=9.5).glyphs]
    display = [l for l in build_lines(head + label + body, 9.5) if l.size >= 14]
    assert len(display) == rows
    # A column start is counted to the point (`round`), a glyph's edge is not: a label 0.4 pt
    # right of the start still starts there (`COLUMN_EDGE` 0 read 148 dev pages otherwise).
    if column_starts:
        label = [Glyph(ch, 427.4 + 14 * k, 1, 441.4 + 14 * k, 15, 14, "Sans") for k, ch in enumerate("县区快讯")]
        assert len([l for l in build_lines(head + label + body, 9.5) if l.size >= 14]) == 2


@pytest.mark.parametrize("start, units", [(506.4, 1), (516.2, 1), (470.0, 2)])
def test_a_subtitle_set_flush_left_under_a_centred_headline_is_its_unit(start, units):
    from digest.pdf.units import display_blocks

    # A headline centred over two columns (`全市巩固衔接工作推进会议召` / `开`, 22 pt), its subtitle
    # (11 pt) set flush left with the story's first column, under its first row but starting
    # 10 pt left of it and under no glyph of its last row: the headline's subtitle, not another
    # story's headline. Three ems of its type further left, it is no part of the unit.
    rows = [_row(516.2, 700, "全市巩固衔接工作推进会议召", 22), _row(648.2, 728.6, "开", 22), _row(start, 755.4, "张利锋出席并讲话", 11)]
    assert len(display_blocks(rows, 9.5)) == units


def test_a_dash_kicker_broken_over_two_rows_over_a_headline_is_its_kicker_whole():
    # A kicker opening with `——` (`——聚焦…`, furniture papers print over a headline set across
    # its story) broken over two rows: its first row was read as the headline's subtitle and its
    # second as the kicker (`### 包` over `# …` over `## ——聚焦…`). Over a headline set across
    # its story, display rows above it are its kicker, a dash opening them or not.
    kicker = ('<div class="h" style="left:0; top:0; width:110pt; font-size:11pt; line-height:14pt; font-weight:400">'
              '——聚焦如果折叠车完全放在包</div>')
    head = '<div class="h" style="left:0; top:32pt; width:160pt; font-size:15pt; line-height:19pt">目前已进入倒计时阶段</div>'
    (story,) = _stories(_read(kicker, head, _box(0, 60, _lines(LINE, 8))))
    assert story[:2] == ["### ——聚焦如果折叠车完全放在包", "# 目前已进入倒计时阶段"]


def test_headless_story_opening_with_a_bold_lead_beside_a_longer_one_ending_a_sentence_is_a_story_of_its_own():
    # Two headless reports side by side, tops level (under one picture's caption): the left one
    # ends a sentence eight lines down in plain type, the right one, shorter, opens with its
    # lead set bold. A story's last column may stop short, so only the bold lead tells it is
    # no next column of the left one: a lead set bold opens a story. In plain type, it is.
    left = _lines("甲文正文" + LINE, 8)
    lead = "".join(f'<p style="font-weight:700">{LINE[:13]}{k:03d}号，</p>' for k in range(60, 62))
    for right, stories in ((lead + _lines("乙文正文" + LINE, 3, 62), 2), (_lines("乙文正文" + LINE, 5, 60), 1)):
        assert len(_stories(_read(_box(0, 34, left), _box(172, 34, right)))) == stories


def test_a_dateline_row_of_a_letter_spaced_justified_column_is_joined_where_spread_rows_line_up():
    from digest.pdf.rows import join_rows

    # A letter-spaced column justified wide: three of its rows are spread into fragments set
    # evenly apart (one line each, `_spread_rows`), their single characters lined up at 119,
    # 142 and 164.5 as if columns started there. Taken for column starts, they kept the dateline
    # row's `（记者` (at 142, a full-width space after `信息时报讯`) off its row: the story's
    # start was lost. Columns start where the rows, once joined, start.
    def frag(x: float, y: float, text: str) -> Line:
        return _glyph_line(x, y, text, step=9.5, size=9.5)

    lines = [_glyph_line(30, 14 * k, "黄河流域生态保护和高质量发展取", step=9.6, size=9.6) for k in range(3)]  # full lines, 30 .. 174
    for k in range(3, 6):
        lines += [frag(30, 14 * k, "二〇一一年度的了"), frag(119, 14 * k, "倍"), frag(142, 14 * k, "慧"), frag(164.5, 14 * k, "较")]
    lines += [frag(80.5, 100, "信息时报讯"), frag(142, 100, "（记者")]
    joined = [l.text for l in join_rows(lines, 9.5)]
    assert "信息时报讯 （记者" in joined


def test_a_one_row_headline_run_into_the_next_headline_by_its_bracket_is_parted_where_a_column_starts():
    # 841 p0034: `浙江9名师生支教四川 凉山深处上学娃（图）` over two columns, one row, its `）` ending
    # right where the next column's headline starts on its baseline (`15所学校过初选 甘` /
    # `肃1197名山里娃有` / `望穿上新鞋。`): read as one row, the two headlines were one, the left
    # one's story read with no headline. No row of the left headline stands apart under it; the
    # right headline's rows under it start where a column of the page starts.
    left = ('<div class="h" style="left:0; top:0; width:336pt; font-size:16pt; line-height:21pt; white-space:nowrap">'
            "浙江九名师生支教四川省凉山深处的上学娃（图）</div>")
    right = ('<div class="h" style="left:352pt; top:0; width:160pt; font-size:16pt; line-height:21pt; white-space:nowrap">'
             "十五所学校过初选甘<br>肃一千余名山里娃有<br>望穿上新鞋</div>")
    text = _read(left, right, _box(0, 50, _lines("发起" + LINE, 10)), _box(176, 50, _lines("据卫" + LINE, 10, 100)),
                 _box(352, 80, _lines("英镑" + LINE, 10, 200)))
    heads = _headlines(text)
    assert sorted(heads) == ["# 十五所学校过初选甘肃一千余名山里娃有望穿上新鞋", "# 浙江九名师生支教四川省凉山深处的上学娃（图）"]


def test_a_line_run_over_its_column_into_the_next_columns_line_in_another_size_is_parted_there():
    # 842 p0021 (Firefox): a caption's last line, its credit pushed right (`达37200毫升。 闫婧
    # 供图`, 9 pt), ran over the gutter up to the next column's line (`孩子进行了安全教育，避免`,
    # 9.5 pt), its `图` overlapping `孩` by 1.2 pt: one line, the story's sentence lost from
    # it. Han characters overlapping where the size changes, run over a column's end: two
    # columns' lines. In one size they are one line (Firefox's advances overlap a little).
    from digest.pdf.glyphs import Glyph
    from digest.pdf.lines import Line
    from digest.pdf.rows import split_at_edges

    def line(text, x, y, size, step=None, font="F"):
        step = step or size
        return Line([Glyph(ch, x + k * step, y, x + k * step + size, y + size, size, font) for k, ch in enumerate(text)]).finish()

    column = [line("黄河流域生态保护和高质量发展", 0, 10 * k, 9.5) for k in range(6)]  # ends at 133
    beside = [line("取得新成效各方共同努力推进", 140, 10 * k, 9.5) for k in range(6)]  # starts at 140
    credit = line("毫升闫婧供图", 86.2, 60, 9.0, 9.2)  # to 141.2: over the gutter, 1.2 pt past the next column's start
    run = Line(credit.glyphs + line("孩子进行了安全", 140, 60, 9.5).glyphs).finish()
    texts = [l.text for l in split_at_edges(column + beside + [run], 9.5)]
    assert "毫升闫婧供图" in texts and "孩子进行了安全" in texts
    same = Line(credit.glyphs[:-1] + line("图孩子进行了安全", credit.glyphs[-1].x0, 60, 9.0, 9.2).glyphs).finish()
    assert "毫升闫婧供图孩子进行了安全" in [l.text for l in split_at_edges(column + beside + [same], 9.5)]


def test_a_line_parted_at_a_full_width_space_ending_where_a_paragraphs_last_line_near_it_ends_is_joined():
    from digest.pdf.rows import join_rows

    # A column 11 characters wide (0 to 110), justified; Chromium draws no glyph for U+3000, so
    # `我提交不了试用申请　A：` comes as two fragments an em apart. A paragraph's last line two
    # rows up ends where the first fragment does (nine characters): that made the fragment look
    # like a line filling its measure, and `A：` was left out of it (it went to the next column's
    # line and parted the story there). Together the two fill the measure as the column's lines do.
    column = [_glyph_line(0, 20 * k, "试用申请必须同时满足以") for k in (0, 1, 4, 5)]
    short = _glyph_line(0, 40, "拥有自己的粉丝圈。")
    row = [_glyph_line(0, 60, "我提交不了试用申请"), _glyph_line(100, 60, "A：", step=8.0)]
    beside = [_glyph_line(125, 20 * k, "次栏的正文一行") for k in range(6)]
    joined = join_rows(column + [short] + row + beside, 10.0)
    assert sorted(l.text for l in joined if l.y0 == 60) == ["我提交不了试用申请 A：", "次栏的正文一行"]
    # Chromium's columns 1.5 ems apart: a line filling its measure and the next column's short
    # line beside it (which no edge marks: that column has two lines) stay apart, as before.
    full = [_glyph_line(0, 20 * k, "试用申请必须同时满足以") for k in range(6)]
    short_column = [_glyph_line(125, 20 * k, "次栏末行。") for k in (2, 3)]
    assert sorted(l.text for l in join_rows(full + short_column, 10.0) if l.y0 == 60) == ["次栏末行。", "试用申请必须同时满足以"]


def test_a_display_row_a_wide_space_apart_before_an_opening_quote_set_half_an_em_early_is_one_row():
    from digest.pdf.lines import build_lines

    # Chromium sets `耿先生出于谨慎　“耿某某老同学` (12.3 pt) with the `“` after the wide space
    # half an em early: its box starts 0.5 em after `慎`, its ink (the right half) an em after.
    # One headline row, the space put back (the gap was measured to the box: two headlines, the
    # second heading nothing).
    size = 12.3
    left = _row(0, 0, "耿先生出于谨慎", size)
    right = _row(7 * size + 0.5 * size, 0, "“耿某某老同学", size)
    body = [g for k in range(4) for g in _glyph_line(0, 30 + 12 * k, "正文的文字排在第一栏里").glyphs]
    display = [l for l in build_lines(left.glyphs + right.glyphs + body, 9.0) if l.size == size]
    assert [l.text for l in display] == ["耿先生出于谨慎 “耿某某老同学"]
    # A piece starting with a Han character half an em after is no wide space's: two pieces as before.
    right = _row(7 * size + 0.5 * size, 0, "耿某某老同学", size)
    display = [l for l in build_lines(left.glyphs + right.glyphs + body, 9.0) if l.size == size]
    assert len(display) == 2
