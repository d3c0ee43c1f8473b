"""Lines `pdftotext -raw` broke at a pair of marks a typesetter compressed (Typst, and Chromium
around a run drawn apart): the pieces of one line of type are one line again."""

from __future__ import annotations

from digest.clean import clean_lines
from digest.segment.lines import segment_lines

# Full lines of the column, 19 characters (a line printed again right under itself is dropped).
COLUMN = "区里的人大代表们分组讨论这个问题很久了"
OTHER = "各地的政协委员们也分组讨论这个问题很久"


def _texts(*lines: str) -> list[str]:
    return [line.text for line in segment_lines(clean_lines("\n".join(lines)))]


def test_a_line_of_type_broken_at_its_compressed_marks_is_one_line_again():
    # `讨论，` / `“低碳”` / `成为今年两会`: a comma, a quotation opening after it and the text
    # after the quotation's end, on one line of type 21 characters wide (its marks compressed).
    texts = _texts(COLUMN, OTHER, "区的人大代表分组讨论，", "“低碳”", "成为今年两会", "的最热门话题之一和各方关注的重点的开", COLUMN, OTHER)
    assert texts[2] == "区的人大代表分组讨论，“低碳”成为今年两会"
    assert len(texts) == 6


def test_a_line_opening_with_a_comma_goes_on_the_piece_above_it():
    texts = _texts(COLUMN, OTHER, "“我带头拿出1万元”", "，晏建伟说，圈内不少", COLUMN, OTHER)
    assert texts[2] == "“我带头拿出1万元”，晏建伟说，圈内不少"


def test_pieces_wider_together_than_their_column_stay_two_lines():
    # A full line ending at a comma, the next line of type under it: no piece of the same line.
    texts = _texts(COLUMN, OTHER, "区里的人大代表们分组讨论这个问题很久，", "“低碳”成为今年两会的最热门话题之一", COLUMN)
    assert texts[2:4] == ["区里的人大代表们分组讨论这个问题很久，", "“低碳”成为今年两会的最热门话题之一"]


def test_a_paragraphs_end_and_a_headline_or_sign_off_under_it_stay_apart():
    # A sentence's end is no mark a line runs on from, nor a bracket's end (a credit): the short
    # line under it may be a headline (`奏响春日施工“奋进曲”`) or a sign-off (`（王涛）`).
    texts = _texts(COLUMN, OTHER, "就这样结束了。", "（王涛）", "（郭炳中 摄）", "奏响春日施工“奋进曲”", COLUMN, OTHER)
    assert texts[2:6] == ["就这样结束了。", "（王涛）", "（郭炳中 摄）", "奏响春日施工“奋进曲”"]
    # ...and a headline broken at its colon (`致各位亲爱的同胞：`) is not run into the next one.
    texts = _texts(COLUMN, OTHER, "就这样结束了。", "致各位亲爱的同胞：", "为全面落实国务院决定", COLUMN, OTHER)
    assert texts[3:5] == ["致各位亲爱的同胞：", "为全面落实国务院决定"]
    # A headline holds no clause's end: the quotation its text opens with is no piece of it.
    texts = _texts(COLUMN, OTHER, "就这样结束了。", "报名参加线下观鸟活动", "“爱鸟周”源于1981年，", COLUMN, OTHER)
    assert texts[3:5] == ["报名参加线下观鸟活动", "“爱鸟周”源于1981年，"]


def test_rows_read_from_layout_mode_columns_are_not_joined():
    # `pdftotext -layout` prints rows as they stand: its reading order parts them where it finds
    # gaps, and the layout-mode model learns its rows so.
    from digest.model import PageStart

    text = "\n".join([COLUMN, OTHER, "区的人大代表分组讨论，", "“低碳”", "成为今年两会", COLUMN, OTHER])
    laid = segment_lines(clean_lines(text), [PageStart(line=1, layout=True)])
    assert [line.text for line in laid][2:5] == ["区的人大代表分组讨论，", "“低碳”", "成为今年两会"]
    raw = segment_lines(clean_lines(text), [PageStart(line=1)])
    assert [line.text for line in raw][2] == "区的人大代表分组讨论，“低碳”成为今年两会"


def test_the_pdf_readers_lines_are_not_joined():
    # The PDF reader sets its lines as printed (a paragraph a line, headlines as headings): the
    # pieces `pdftotext -raw` makes are none of its, and joining its short lines cost the PDF
    # path 6-7 points of cut F1 on three development sets.
    text = "\n".join([COLUMN, OTHER, "区的人大代表分组讨论，", "“低碳”", "成为今年两会", COLUMN, OTHER])
    assert [line.text for line in segment_lines(clean_lines(text), typeset=True)][2:5] == ["区的人大代表分组讨论，", "“低碳”", "成为今年两会"]
