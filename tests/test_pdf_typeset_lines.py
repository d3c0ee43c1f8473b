"""Lines read from glyphs a typesetter placed (Typst: `epaper.py --engine typst`), not a browser:
CJK–Latin spacing in headlines and marks compressed in pairs (digest/pdf/lines.py)."""

from __future__ import annotations

from digest.pdf.glyphs import Glyph
from digest.pdf.lines import KERN, PULLED, Line, build_lines, overlap


def run(text: str, x: float, size: float, y: float = 100.0, step: dict[str, float] | None = None) -> list[Glyph]:
    """`text` set from `x` at `size`, every glyph an em box; `step`: advances other than an em
    (a digit's 0.55 em, a Latin–Han spacing) after the glyphs named."""
    glyphs = []
    for ch in text:
        width = 0.55 * size if ch.isascii() else size
        glyphs.append(Glyph(ch, x, y, x + width, y + size, size, "Sans-Bold", bold=True))
        x += width + (step or {}).get(ch, 0.0)
    return glyphs


def test_a_headline_row_with_digits_set_a_quarter_em_off_its_han_is_one_headline():
    # Typst leaves a quarter em between Han and a digit (`拨款 3 亿`, no space drawn): wider than
    # HEADLINE_GUTTER (0.15 em), which parts two headlines set level, but no gutter.
    size = 14.0
    row = run("北京拟拨款", 200.0, size)
    row += run("3", row[-1].x1 + 0.25 * size, size)
    row += run("亿明年为", row[-1].x1 + 0.25 * size, size)
    row += run("11", row[-1].x1 + 0.25 * size, size)
    row += run("种大", row[-1].x1 + 0.25 * size, size)
    assert [line.text for line in build_lines(row, 9.5)] == ["北京拟拨款3亿明年为11种大"]
    # Between two Han characters the same white space still parts two headlines' rows.
    level = run("夏季防汛须知", 200.0, size) + run("守望相助", 200.0 + 6.25 * size, size)
    assert [line.text for line in build_lines(level, 9.5)] == ["夏季防汛须知", "守望相助"]


def test_an_opening_mark_drawn_half_an_em_left_after_a_comma_continues_its_line():
    # Typst compresses `，“`: the comma's advance almost nothing, the quotation mark drawn half
    # an em left, its em box 0.93 em over the comma's (measured on typ16-330 p0005).
    size = 9.5
    head = run("分组讨论，", 30.0, size)
    comma = head[-1]
    quote = run("“低碳”成为两会热词", comma.x0 + 0.62, size)
    assert [line.text for line in build_lines(head + quote, size)] == ["分组讨论，“低碳”成为两会热词"]
    # A glyph other than an opening mark that far over the one before is still another line's.
    over = run("热点", comma.x0 + 0.62, size)
    assert len(build_lines(head + over, size)) == 2


def test_a_digit_a_quarter_em_after_han_where_a_column_starts_does_not_part_the_line():
    from digest.pdf.rows import split_at_edges

    # Four lines of the column at x = 100 make it a column's left edge. A line of the column
    # left of it, set a little wide, has `12日` start there a quarter em after `六月`: Typst's
    # Han-Latin spacing, no gutter (it was parted, `六月` a piece of its own).
    size = 9.5
    column = [Line(run(f"第二栏正文第{k}行", 100.0, size, y=100.0 + 14 * k)).finish() for k in range(4)]
    left = run("去年六月", 100.0 - 0.26 * size - 4 * size, size, y=200.0)
    line = Line(left + run("12日，卫生部发布", 100.0, size, y=200.0)).finish()
    assert [l.text for l in split_at_edges(column + [line], size)][4:] == ["去年六月12日，卫生部发布"]
    # Han after Han that far apart at a column's edge: two columns' lines.
    han = Line(left + run("二十日卫生部", 100.0, size, y=200.0)).finish()
    assert [l.text for l in split_at_edges(column + [han], size)][4:] == ["去年六月", "二十日卫生部"]


def test_only_one_opening_mark_is_pulled_not_no_text_nor_two_marks_read_as_one_glyph():
    # `text in OPENING` held for "" and for any run of the string (`“‘`, `（《`): a glyph that
    # names no character, or a ligature of two marks, is no opening mark drawn half an em left.
    assert overlap("“") == overlap("【") == KERN + PULLED
    assert overlap("") == overlap("“‘") == overlap("（《") == overlap("，") == KERN


def test_two_headlines_level_a_quarter_em_apart_part_at_a_mark_beside_a_digit():
    # CJK–Latin spacing is put between Han and Latin, not after a mark (`：`, `”`): two headlines
    # set level 0.25 em apart, the first ending in a mark, the second opening with a digit, are
    # two rows (HEADLINE_GUTTER), as they are between Han and Han.
    size = 14.0
    for mark in "：”":
        left = run("聚焦两会" + mark, 200.0, size)
        right = run("3", left[-1].x1 + 0.25 * size, size)
        right += run("亿元投向农田", right[-1].x1, size)
        assert [line.text for line in build_lines(left + right, 9.5)] == ["聚焦两会" + mark, "3亿元投向农田"], mark


def test_a_vertical_headline_flowed_one_character_wide_keeps_a_mark_on_its_characters_row():
    # Typst sets a vertical headline as text flowed into a box one character wide: no row may
    # open with a closing mark nor end with an opening one, so `胞：` and `“水` share a row, the
    # character pushed a quarter em off the column's middle (measured on pdf15-362, 363). The
    # stack was parted there: `致各位亲爱的同` and `胞：` two headlines.
    size = 15.0
    cells = []
    for k, ch in enumerate("致各位亲爱的同"):
        cells += run(ch, 636.0, size, y=538.5 + 15.75 * k)
    cells += run("胞：", 636.0 - 0.25 * size, size, y=538.5 + 15.75 * 7)
    (line,) = build_lines(cells, 9.5)
    assert line.vertical and line.text == "致各位亲爱的同胞："
    quoted = run("“水", 795.1 - 0.75 * size, size, y=647.4)
    for k, ch in enumerate("环境"):
        quoted += run(ch, 795.1, size, y=647.4 + 15.4 * (k + 1))
    quoted += run("质”", 795.1 - 0.25 * size, size, y=647.4 + 15.4 * 3)
    quoted += run("量好", 795.1, size, y=647.4 + 15.4 * 4)[:1] + run("好", 795.1, size, y=647.4 + 15.4 * 5)
    (line,) = build_lines(quoted, 9.5)
    assert line.vertical and line.text == "“水环境质”量好"
    # Two characters on a row are a horizontal line's, not a cell (`同胞`).
    plain = run("致各位", 636.0, size, y=538.5)[:1] + run("各", 636.0, size, y=554.25) + run("同胞", 636.0, size, y=570.0)
    assert not any(l.vertical and "胞" in l.text for l in build_lines(plain, 9.5))


def test_a_display_row_over_two_rows_parted_under_it_is_parted_only_after_a_mark():
    # lines._part_at_next_row parts a display row where the right one of two rows level under it
    # starts, only after a glyph that is no Han character: a headline runs past its column into
    # the next one's only by a mark (or a Latin word) it cannot break. A row of Han over two rows
    # parted under it (a banner over two headlines) is one headline's row, whatever stands under it.
    size = 16.0
    under = run("截止六月七日", 0.0, size, y=121.0) + run("调查你认可", 7 * size, size, y=121.0)
    banner = run("黄河流域生态保护和高质量发展", 0.0, size)
    assert [line.text for line in build_lines(banner + under, 9.5)] == ["黄河流域生态保护和高质量发展", "截止六月七日", "调查你认可"]
    run_on = run("送双运动鞋公：调查五年来变化", 0.0, size)
    assert [line.text for line in build_lines(run_on + under, 9.5)] == ["送双运动鞋公：", "调查五年来变化", "截止六月七日", "调查你认可"]


def test_a_display_row_is_parted_only_by_the_two_rows_right_under_it_starting_where_its_glyphs_do():
    # The bounds of the rule above (`_part_at_next_row`): the pair of rows parted under the row
    # is the next row, `NEXT_ROW` (a row's leading: 1.31 sizes on pdf24-731 p0020, the one row
    # the rule parts on the dev PDF sets), not the one after it (twice that); its right row
    # starts where a glyph of the row does, and its left row where the row does, within
    # `ROW_EDGE` (a column's rows set flush left start at one x: 0.0 em off there), not a
    # fraction of a character off (a row centred or indented under it); and both lie under the
    # row, up to an em past its end (`UNDER_REACH`: a mark hung in the gutter), not a row set
    # over a wider measure, which no headline of the two it runs into holds.
    size = 16.0
    run_on = run("送双运动鞋公：调查五年来变化", 0.0, size)

    def read(left_at: float, right_at: float, y: float, right: str = "调查你认可") -> list[str]:
        under = run("截止六月七日", left_at * size, size, y=y) + run(right, right_at * size, size, y=y)
        return [line.text for line in build_lines(run_on + under, 9.5)]

    assert read(0.0, 7.0, 121.0)[:2] == ["送双运动鞋公：", "调查五年来变化"]
    assert read(0.0, 7.0, 100.0 + 2.62 * size)[0] == "送双运动鞋公：调查五年来变化"
    assert read(0.3, 7.3, 121.0)[0] == "送双运动鞋公：调查五年来变化"
    assert read(0.0, 7.0, 121.0, right="调查你认可这一做法吗")[0] == "送双运动鞋公：调查五年来变化"
    assert read(0.0, 7.0, 121.0, right="调查你认可这吗?")[:2] == ["送双运动鞋公：", "调查五年来变化"]  # hung half an em past
