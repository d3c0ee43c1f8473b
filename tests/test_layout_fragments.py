"""Layout-mode lines cut into fragments and put back on their columns' cells (digest/layout_fragments.py)."""

from __future__ import annotations

from digest.layout_fragments import place_fragments, vertical_headlines_across

LEFT = [f"左栏第{n}行离石区的文字内容写" for n in "一二三四五六七八"]  # 16 characters: a column's line
RIGHT = [f"右栏第{n}行柳林县的文字内容写" for n in "一二三四五六七八"]


def _texts(rows: list[str]) -> list[list[tuple[str, int]]]:
    return [[(f.text, cell) for f, cell, _ in row] for row in place_fragments(rows)]


def test_a_columns_first_lines_run_into_the_column_left_of_it_take_its_cell():
    """Chromium sets columns an em apart: a column's first lines come out joined to the short
    lines left of them by one space, ten cells left of where the column goes on below."""
    short = [f"左栏第{n}行文字" for n in "一二三四五六七八"]
    wide = [f"右栏第{n}行柳林县的文字" for n in "一二三四五六七八"]
    rows = [f"{a} {b}" if k < 2 else f"{a:<20}{b}" for k, (a, b) in enumerate(zip(short, wide))]
    placed = place_fragments(rows)
    assert [[(f.text, cell) for f, cell, _ in row] for row in placed] == [[(a, 0), (b, 20)] for a, b in zip(short, wide)]


def test_a_dateline_keeps_its_first_words_across_a_wide_space():
    """`本报讯 （记者 王涛）` and the report's first words, a wide space apart, fill one column line."""
    rows = [f"{a:<20}{b}" for a, b in zip(LEFT, RIGHT)]
    rows[0] = f"{'本报讯 （记者 王涛）   今年离石':<20}{RIGHT[0]}"
    assert _texts(rows)[0] == [("本报讯 （记者 王涛） 今年离石", 0), (RIGHT[0], 20)]


def _first_row(left: str, width: int = 20) -> list[str]:
    """The fragments of the first row when `left`, padded to `width` cells, opens it (two columns of 16-character lines)."""
    rows = [f"{a:<20}{b}" for a, b in zip(LEFT, RIGHT)]
    rows[0] = f"{left:<{width}}{RIGHT[0]}"
    return [text for text, _ in _texts(rows)[0]]


def test_a_bare_dateline_keeps_its_first_words_across_a_wide_space():
    """`本报讯   4月9日，方山`: a dateline with no reporters in brackets, then the report."""
    assert _first_row("本报讯   4月9日，方山") == ["本报讯 4月9日，方山", RIGHT[0]]


def test_a_datelines_second_line_keeps_the_reports_first_words():
    """The reporters ran onto the dateline's second line (`讯员肖继旺）      4月30日，`): the
    bracket it closes was opened on the line above, and the report goes on after the wide space."""
    assert _first_row("讯员肖继旺）      4月30日，", width=28) == ["讯员肖继旺） 4月30日，", RIGHT[0]]


def test_a_dated_dateline_keeps_its_first_words_across_a_wide_space():
    assert _first_row("2012年7月8日北京讯   现代") == ["2012年7月8日北京讯 现代", RIGHT[0]]


def test_reporters_names_widened_across_a_wide_space_stay_one_line():
    """pdftotext widens a word space inside the brackets (`报讯（记者赵鹏   文静）市`): the bracket
    the left part leaves open closes in the right part, so it is one column's line."""
    assert _first_row("报讯（记者赵鹏   文静）市") == ["报讯（记者赵鹏 文静）市", RIGHT[0]]


def test_a_bracketed_aside_that_closes_before_the_gap_keeps_the_next_column_apart():
    """A bracket the fragment opens and closes itself (`（完）`) is no dateline's end: what follows
    the wide space, running past the column's line (its characters too, not only its cells: a
    justified line's parts fit it), is not its report's first words."""
    assert _first_row("今年离石（完）   另起一行的文字内容") == ["今年离石（完）", "另起一行的文字内容", RIGHT[0]]


def test_a_storys_last_line_is_not_joined_to_a_next_column_line_that_would_fit_it():
    """`（完）` and `（下转4版）` end a story's last line, which is never set justified: the next
    column's line after the gutter stays apart even where its characters would fit the line."""
    assert _first_row("今年离石（完）   另起一行") == ["今年离石（完）", "另起一行", RIGHT[0]]
    assert _first_row("会议结束（下转4版）   另起") == ["会议结束（下转4版）", "另起", RIGHT[0]]


def test_a_dateline_at_a_columns_end_is_not_joined_to_the_next_columns_line():
    """A dateline that fills its column's line, three cells from the next column's first line:
    joined, the line would run past its column (so the next column's text went into this report)."""
    dateline = "本报讯 （记者 王涛 通讯员 李明）"
    rows = [f"{a:<20}{b}" for a, b in zip(LEFT, RIGHT)]
    rows[0] = f"{dateline}   {RIGHT[0]}"
    first = _texts(rows)[0]
    assert [text for text, _ in first] == [dateline, RIGHT[0]]


def test_a_dateline_run_into_the_next_column_by_one_space_is_parted():
    """Chromium sets columns an em apart: the next column's line follows the dateline after one space."""
    dateline = "本报讯（记者任永亮 通讯员肖继旺）"
    rows = [f"{a:<20}{b}" for a, b in zip(LEFT, RIGHT)]
    rows[0] = f"{dateline} {RIGHT[0]}"
    assert [text for text, _ in _texts(rows)[0]] == [dateline, RIGHT[0]]


def _one_space_rows(first: str) -> list[str]:
    """Two columns of 16-character lines, the first row's right column one space after `first`."""
    rows = [f"{a:<20}{b}" for a, b in zip(LEFT, RIGHT)]
    rows[0] = f"{first} {RIGHT[0]}"
    return rows


def test_a_short_credit_run_into_the_next_columns_line_is_parted():
    """Chromium sets columns an em apart: `冯杰 高新生 供图` (runs too short to part at their
    space) and the next column's line come out as one line longer than a column's."""
    assert [text for text, _ in _texts(_one_space_rows("冯杰 高新生 供图"))[0]] == ["冯杰 高新生 供图", RIGHT[0]]


def test_a_headline_of_two_phrases_at_one_space_stays_one_line():
    """`等闲识得东风面 万紫千红总是春`: two runs of six characters or more at one space, but
    shorter together than a column's line, so not two columns run together."""
    assert _first_row("等闲识得东风面 万紫千红总是春") == ["等闲识得东风面 万紫千红总是春", RIGHT[0]]


def test_a_line_running_on_after_a_sentence_end_keeps_its_last_word():
    """`…出行平安。 本` (a credit `本报记者 X` starts at the line's end) run into the next column's
    full line at one space: parted after `本`, where the right part is a column's line, not at
    the sentence's end, which would put `本` at the head of the next column's line."""
    first = [text for text, _ in _texts(_one_space_rows("离石区的文字内容写完了。 本"))[0]]
    assert first == ["离石区的文字内容写完了。 本", RIGHT[0]]


def test_a_datelines_first_word_stays_with_it_when_the_next_column_follows():
    first = [text for text, _ in _texts(_one_space_rows("本报讯 （记者 刘丽霞） 为"))[0]]
    assert first == ["本报讯 （记者 刘丽霞） 为", RIGHT[0]]


def test_a_bracket_the_left_column_opens_does_not_keep_the_next_columns_line():
    """`（记者 何小敏` closes on the left column's next line: the space after it still parts."""
    assert [text for text, _ in _texts(_one_space_rows("信息时报讯 （记者 何小敏"))[0]] == ["信息时报讯 （记者 何小敏", RIGHT[0]]


def test_a_line_with_word_spaces_that_fits_its_column_is_not_parted():
    rows = [f"{a:<20}{b}" for a, b in zip(LEFT, RIGHT)]
    rows[0] = f"{'同一时期的人， 80 后习惯饮料':<20}{RIGHT[0]}"
    assert [text for text, _ in _texts(rows)[0]] == ["同一时期的人， 80 后习惯饮料", RIGHT[0]]


def test_letter_spaced_text_run_into_a_column_is_not_parted_between_its_characters():
    """ReportLab prints a letter-spaced column (`卫 生 组 织 …`) one space after the line left of it."""
    spaced = "卫 生 组 织 发 起 的 第 二 十 二 个 世 界"
    rows = [f"{a:<20}{b}" for a, b in zip(LEFT, RIGHT)]
    rows[0] = f"{LEFT[0]} {spaced}"
    assert [text for text, _ in _texts(rows)[0]] == [LEFT[0], spaced]


def test_a_columns_first_line_alone_on_its_row_keeps_its_own_cell():
    """Chromium sets columns an em apart: a column opening on a row where the narrow column left
    of it is blank starts less than a line's length right of that column's cell, yet is not it."""
    narrow = [f"左栏第{n}行文字内容写" for n in "一二三四五六"]  # 10 characters, the next column two cells on
    middle = [f"中栏第{n}行离石区的文字内容写在这" for n in "一二三"]  # 16: a line of the page
    wide = [f"右栏第{n}行柳林县的文字内容写在这" for n in "一二三四五六"]
    rows = []
    for k in range(6):
        left = "" if k == 3 else narrow[k]
        centre = middle[k - 3] if k >= 3 else ""
        rows.append(f"{left:<12}{centre:<17}{wide[k]}")
    placed = _texts(rows)
    assert (middle[0], 12) in placed[3]


def _vertical_beside_a_column(chars: str) -> list[str]:
    """A column of 16-character lines with `chars` alone right of it, one every five rows."""
    rows = [f"{LEFT[r % 8]:<20}" for r in range(5 * len(chars))]
    for k, ch in enumerate(chars):
        rows[5 * k] += ch
    return rows


def test_a_vertical_headlines_characters_rows_apart_are_read_as_one_line_above_it():
    """`writing-mode: vertical-rl`: pdftotext prints one character a row, five rows apart."""
    out = vertical_headlines_across(_vertical_beside_a_column("韩红到我市"))
    assert out[0] == " " * 20 + "韩红到我市"
    assert [row.rstrip() for row in out[1:]] == [LEFT[r % 8] for r in range(25)]


def test_three_characters_alone_on_their_rows_are_no_vertical_headline():
    rows = _vertical_beside_a_column("韩红到")
    assert vertical_headlines_across(rows) == rows


def test_letter_spaced_lines_last_characters_are_no_vertical_headline():
    """A line set letter-spaced (`监 督 电 话 为`), as Chromium justifies a notice, ends in a character
    a single space after another alone one: rows of them down a column are its text, not a vertical
    headline's characters to be taken off their lines."""
    rows = [f"{' '.join(text):<20}{RIGHT[k]}" for k, text in enumerate(["监督电话为", "受理时间为", "工作日上午", "下午三时至"])]
    assert vertical_headlines_across(rows) == rows



def _packed_page(rows_of: dict[int, str]) -> list[str]:
    """Three columns of 16-character lines printed one space apart on 12 rows (Chromium's columns,
    an em apart, as pdftotext prints them), but the rows given in `rows_of`."""
    return [rows_of.get(k, " ".join(_PACKED[c][k] for c in range(3))) for k in range(12)]


_PACKED = [[f"{name}栏第{k:02d}行离石区的文字内容写在" for k in range(12)] for name in "左中右"]
_CELLS = [0, 17, 34]  # 16 characters and a space a column


def _packed_then_padded(columns: list[list[str]], widths: list[int], last: str) -> list[str]:
    """16 rows of the `columns`' lines printed one space apart (packed), then 8 rows of them padded,
    each column but the last to its `widths` cells (the columns' natural cells), then `last`."""
    rows = [" ".join(column[k % 12] for column in columns) for k in range(16)]
    rows += ["".join(f"{column[k]:<{width}}" for column, width in zip(columns, widths)) + columns[-1][k] for k in range(8)]
    return rows + [last]


def test_packed_columns_a_padded_line_right_of_a_blank_column_goes_to_its_own_column():
    """The middle column blank on a row: the right column's line is printed at a cell of its own,
    a few cells right of where the packed rows put it, and is the right column's, not the middle's."""
    left, right = _PACKED[0][3], _PACKED[2][3]
    placed = place_fragments(_packed_page({3: f"{left:<40}{right}"}))
    assert [(f.text, cell, column) for f, cell, column in placed[3]] == [(left, 0, 0), (right, 34, 2)]
    assert [(cell, column) for _, cell, column in placed[0]] == [(0, 0), (17, 1), (34, 2)]


def test_packed_columns_a_line_packed_after_a_short_line_takes_the_next_column():
    """A paragraph's last words end the left column's line early: the middle column's line packed
    right after them starts cells left of its column, and is still the middle column's."""
    placed = place_fragments(_packed_page({4: f"末行。 {_PACKED[1][4]} {_PACKED[2][4]}"}))
    assert [(cell, column) for _, cell, column in placed[4]] == [(0, 0), (17, 1), (34, 2)]


def test_columns_packed_on_a_few_rows_only_are_threaded_as_before():
    """Under a fifth of the fragments packed (WeasyPrint's columns, a gutter apart): a line
    pushed right of its column joins the thread of lines starting near it, at the thread's cell."""
    rows = [f"{a:<20}{b:<20}{c}" for a, b, c in zip(*_PACKED)]
    rows[3] = f"{_PACKED[0][3]:<43}{_PACKED[2][3]}"
    placed = place_fragments(rows)
    assert [(f.text, cell) for f, cell, _ in placed[3]] == [(_PACKED[0][3], 0), (_PACKED[2][3], 40)]
    assert placed[3][1][2] == placed[2][2][2]  # the right column's thread


def test_packed_columns_two_lines_of_one_column_on_a_row_are_read_one_under_the_other():
    """Lines set half a line apart share a text row: the right column's next line is printed after
    its line on the same row, and goes on a row of its own under it, the row's other lines kept
    on their columns."""
    rows = _packed_page({5: " ".join(_PACKED[c][5] for c in range(3)) + "   " + _PACKED[2][6]})
    del rows[6]
    placed = place_fragments(rows)
    assert [(f.text, cell, column) for f, cell, column in placed[5]] == [(_PACKED[c][5], _CELLS[c], c) for c in range(3)]
    assert [(f.text, cell, column) for f, cell, column in placed[6]] == [(_PACKED[2][6], 34, 2)]
    assert [column for _, _, column in placed[7]] == [0, 1, 2]


def test_packed_columns_a_line_padded_a_few_cells_right_of_its_column_is_set_at_its_cell():
    """pdftotext pushes a padded line right of its column's cell by a few cells as often as a
    paragraph's indent would: on a page of packed columns every line sits at its column's cell."""
    left, right = _PACKED[0][3], _PACKED[2][3]
    placed = place_fragments(_packed_page({3: f"{left:<37}{right}"}))
    assert [(cell, column) for _, cell, column in placed[3]] == [(0, 0), (34, 2)]


def test_packed_columns_a_padded_line_at_its_columns_natural_cell_stays_in_its_column():
    """Where nothing packs them, pdftotext prints a column's lines at a cell of their own, right of
    where its packed rows put it (Chromium, lay23-670 p0003: a column at cell 39 padded, 24-36
    packed), here as far right as the next column's packed cell: a line padded there, the next column
    blank on its row, is its own column's, as on the rows where both columns print padded."""
    placed = place_fragments(_packed_then_padded(_PACKED, [33, 23], f"{_PACKED[0][8]:<33}{_PACKED[1][8]}"))
    assert [column for _, _, column in placed[0]] == [0, 1, 2]
    assert [column for _, _, column in placed[20]] == [0, 1, 2]
    assert [(f.text, column) for f, _, column in placed[24]] == [(_PACKED[0][8], 0), (_PACKED[1][8], 1)]


def test_packed_columns_a_padded_line_left_of_its_natural_cell_far_right_of_the_previous_columns_is_its_own():
    """A padded line right of a column's natural cell costs half the same distance left of it
    (NATURAL_RIGHT): here the columns' natural cells are 0, 20 and 40 (their packed rows' 0, 17,
    34), the middle column blank on a row, and the right column's line printed at 36, 16 cells
    right of the middle column's natural cell and 4 left of its own: the right column's (at 0.2,
    16 cells right cost less than 4 left, and the middle column took it)."""
    placed = place_fragments(_packed_then_padded(_PACKED, [20, 20], f"{_PACKED[0][8]:<36}{_PACKED[2][8]}"))
    assert [column for _, _, column in placed[0]] == [0, 1, 2]
    assert [column for _, _, column in placed[20]] == [0, 1, 2]
    assert [(f.text, cell, column) for f, cell, column in placed[24]] == [(_PACKED[0][8], 0, 0), (_PACKED[2][8], 34, 2)]


def test_packed_columns_a_line_packed_after_one_at_its_natural_cell_takes_the_next_column():
    """A line packed one space after the line left of it is that line's next column (pdftotext ran
    the two into one text line; CHAIN_COST): here after a line printed at its column's natural
    cell (29, the packed rows' at 17), so it starts 12 cells right of the next column's packed cell
    and 5 left of the column after: still the next column's, not the one after it."""
    four = [[f"{name}栏第{k:02d}行离石区的文字内容写在" for k in range(12)] for name in "甲乙丙丁"]
    placed = place_fragments(_packed_then_padded(four, [29, 29, 29], f"{four[0][8]:<29}{four[1][8]} {four[2][8]}"))
    assert [column for _, _, column in placed[16]] == [0, 1, 2, 3]
    assert [(f.text, column) for f, _, column in placed[24]] == [(four[0][8], 0), (four[1][8], 1), (four[2][8], 2)]


def test_a_justified_line_with_a_wide_word_space_stays_one_line():
    """A line set justified stretches its word space (`小区内飞镖乱飞 猫狗`), printed as many spaces:
    both parts end within its column's line (the next column's lines start past it), so it is one
    line, not a short line and a fragment of its own in the gutter."""
    assert _first_row("小区内飞镖乱飞      猫狗") == ["小区内飞镖乱飞 猫狗", RIGHT[0]]


def test_a_short_line_and_the_next_columns_short_line_stay_apart():
    """A paragraph's last words and the next column's short line on one row: the right one ends
    past the left column's line, so they are two columns' lines."""
    rows = [f"{a:<20}{b}" for a, b in zip(LEFT, RIGHT)]
    rows[0] = f"{'机构。':<20}据悉。"
    assert _texts(rows)[0] == [("机构。", 0), ("据悉。", 20)]


def test_a_dateline_keeps_a_first_word_set_far_across_its_justified_line():
    """A dateline set justified, its report's first character at the line's end (`9` of `9月17日`):
    the space, eight cells and more, is wider than the gap of a few cells, still within a line."""
    assert _first_row("本报讯 （记者 王涛）        9", width=30) == ["本报讯 （记者 王涛） 9", RIGHT[0]]


def test_a_vertical_headlines_characters_one_space_after_a_columns_line_are_read_with_the_rest():
    """A justified line beside the headline runs up to it: its first characters come out one
    space after the column's line (`召开巩固 市`), not two; read with the rest, not left in the line."""
    rows = _vertical_beside_a_column("韩红到我市")
    for r in (0, 5):
        rows[r] = LEFT[r % 8] + " " + rows[r].strip()[-1]
    out = vertical_headlines_across(rows)
    assert out[0] == " " * (len(LEFT[0]) + 1) + "韩红到我市"
    assert [row.rstrip() for row in out[1:]] == [LEFT[r % 8] for r in range(25)]


def test_a_justified_line_holding_ascii_digits_stays_one_line_past_its_columns_cells():
    """pdftotext gives a digit a cell as it gives a Han character one, though it is half as wide:
    a justified line with digits (`们捐了100    万元。`) ends cells past its column's line, but its
    characters, a digit half a cell, fit the line, and the space is a few cells: one line."""
    assert _first_row("们捐了100    万元。再比如说", width=24) == ["们捐了100 万元。再比如说", RIGHT[0]]


def test_packed_columns_are_counted_on_the_rows_most_of_the_page_holds():
    """A column printing two of its lines on one text row on a few rows (set half a line apart)
    gives those rows one long fragment more than the page has columns: six such rows of twelve do
    not make the page a column wider, so the right column keeps one number on every row."""
    rows = _packed_page({k: " ".join([_PACKED[0][k], _PACKED[1][k], _PACKED[1][k], _PACKED[2][k]]) for k in range(1, 12, 2)})
    placed = place_fragments(rows)
    assert {column for row in placed for f, _, column in row if f.text.startswith("右")} == {2}


def test_a_thread_opened_by_a_centred_headline_is_anchored_on_its_first_full_line():
    """A headline centred over its column opens the column's thread some cells right of its edge:
    the next column's first lines, printed on rows of their own, were then near enough to join it
    and were read into the column (anchored on the first full line, they are a column of their own)."""
    left = ["临县图书馆今年新添图书两万册，", "周末开放到晚上八点，读者可以", "在网上预约借书，很方便的。", "图书馆还请来作家开讲座，", "每月一次，市民都很欢迎。"]
    right = ["交口县新修乡村公路六十公里，", "通到每个行政村，县里还在", "路边种上了一排排杨树。"]
    rows = ["       临县新添图书两万册", "", *left[:3], " " * 15 + right[0], left[3], " " * 15 + right[1], left[4], " " * 15 + right[2]]
    placed = place_fragments(rows)
    columns = {f.text: column for row in placed for f, _, column in row}
    assert len({columns[line] for line in left}) == 1
    assert {columns[line] for line in right}.isdisjoint({columns[line] for line in left})


def test_a_storys_jump_mark_set_flush_right_stays_in_its_column():
    """`（下转4版）` set flush right under its column's last line (printed a row or two under it, at
    the line's end or past it, or packed before the next column's line) is that column's: read as
    the next column's, it cut that column's story in two inside a sentence (flow pages)."""
    for cell, gap in ((10, 4), (14, 2), (18, 2)):
        rows = [f"{a:<20}{b}" for a, b in zip(LEFT[:5], RIGHT)]
        rows.append(f"{'':<{cell}}（下转4版）{'':<{gap}}" + RIGHT[5] if cell + 6 + gap == 20 else f"{'':<{cell}}（下转4版） {RIGHT[5]}")
        rows += [f"{'':<20}{b}" for b in RIGHT[6:]]
        placed = _texts(rows)
        assert placed[5][0] == ("（下转4版）", 0), (cell, placed[5])
        assert all(cell == 20 for row in placed[5:] for text, cell in row if text.startswith("右栏"))
