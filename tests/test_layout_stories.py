"""Layout-mode text read story by story from the character grid (digest/layout_stories.py)."""

from __future__ import annotations

from digest.layout_stories import read_stories

LEFT = [f"左栏第{n}行离石区的文字内容写在这里" for n in "一二三四五六七八"]
RIGHT = [f"右栏第{n}行柳林县的文字内容写在这里" for n in "一二三四五六七八"]
CELL = 20  # where the right column starts: a gutter of three cells


def _row(left: str = "", right: str = "") -> str:
    return (left.ljust(CELL) + right).rstrip() if right else left


def test_columns_printed_out_of_step_are_read_whole():
    """Columns set out of step come one line every second row, the other column's in between."""
    rows = []
    for left, right in zip(LEFT, RIGHT):
        rows += [_row(left), _row("", right)]
    stories = read_stories(rows)
    assert [line for story in stories for line in story] == LEFT + RIGHT


def test_a_column_beside_another_is_a_story_read_after_it_not_joined_by_a_level_top():
    """The grid's row heights are estimates: a column whose top looks level with the one left
    of it is read after it, as a story of its own (joined by their tops, half were two stories')."""
    rows = [_row(left, right) for left, right in zip(LEFT, RIGHT)]
    assert read_stories(rows) == [LEFT, RIGHT]


def test_blank_rows_under_a_column_part_its_stories():
    """A story under another in the left column (white space between, as pdftotext prints it)
    is a story of its own, not read into either column of the one above it."""
    under = [f"另一篇第{n}行交口县的文字内容写在这里" for n in "一二三四"]
    rows = [_row(left, right) for left, right in zip(LEFT[:4], RIGHT[:4])] + ["", "", ""] + [_row(line) for line in under]
    stories = read_stories(rows)
    assert LEFT[:4] in stories and under in stories and RIGHT[:4] in stories


def test_a_blank_grid_has_no_stories():
    assert read_stories(["", "   ", ""]) == []
