"""Layout-mode text read story by story from the character grid (digest/layout_stories.py)."""

from __future__ import annotations

from itertools import zip_longest

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
    under[0] = "  " + under[0][:-2]  # a paragraph's first line (a text run on into a full line goes on: test_a_columns_text_run_on_...)
    rows = [_row(left, right) for left, right in zip(LEFT[:4], RIGHT[:4])] + ["", "", ""] + [_row(line) for line in under]
    stories = read_stories(rows)
    assert LEFT[:4] in stories and under in stories and RIGHT[:4] in stories


def test_a_blank_grid_has_no_stories():
    assert read_stories(["", "   ", ""]) == []


ARTICLE_LEFT = ["方山县北武当镇今年种下核桃树", "三千亩，镇里请来农技人员", "教村民嫁接核桃树苗，北武当"]
ARTICLE_RIGHT = ["镇的核桃树苗成活率比去年", "高了两成，村民说北武当镇", "的核桃明年就能挂果了。"]
OTHER_RIGHT = ["交口县今年新修乡村公路六十", "公里，通到每个行政村，县里", "还在路边种上了一排排杨树。"]
UNDER = ["临县图书馆新添图书两万册", "周末开放到晚上八点钟。"]


def _page(right: list[str]) -> list[str]:
    """An article's first column, a story under it after white space, a column right beside it."""
    rows = [_row(left, r) for left, r in zip(ARTICLE_LEFT, right)]
    return rows + ["", "", ""] + [_row(line) for line in UNDER]


def test_an_articles_next_column_is_read_right_after_its_first_not_after_the_story_under_it():
    """A column beside another, its top level, that prints the other's words (北武当, 核桃树):
    the article's next column, read before the story under its first column."""
    assert read_stories(_page(ARTICLE_RIGHT)) == [ARTICLE_LEFT, ARTICLE_RIGHT, UNDER]


def test_a_level_column_that_shares_no_wording_is_read_after_the_first_columns_stories():
    """Another story beside it with a level top (another article's words): column by column."""
    lines = [line for story in read_stories(_page(OTHER_RIGHT)) for line in story]
    assert lines == ARTICLE_LEFT + UNDER + OTHER_RIGHT



def test_a_next_column_shares_its_wording_with_the_first_column_parted_into_stories():
    """The first column parted by white space: its part level with the next column shares no
    words with it (雨水, 墒情), the part under it does (北武当, 核桃树): the next column is read
    after the first column's parts, before the story under them."""
    top = ["今年春天雨水足，墒情也好", "村里家家户户早早下了地，", "田里一片忙碌的景象。"]
    right = ARTICLE_RIGHT + ["核桃树苗嫁接后要浇三遍水", "北武当镇的农技人员说，", "嫁接的核桃树苗要剪枝，",
                             "还要防虫，一亩地要多花", "两百元钱。"]
    left = top + ["", "", ""] + ARTICLE_LEFT
    rows = [_row(l, r) for l, r in zip_longest(left, right, fillvalue="")] + ["", "", ""] + [_row(line) for line in UNDER]
    assert read_stories(rows) == [top, ARTICLE_LEFT, right, UNDER]


RUNS_ON = ["方山县北武当镇今年种下核桃树", "三千亩，镇里请来农技人员教", "村民怎样嫁接树苗，剪枝时要",
           "留下三到五个壮芽，浇水要等", "土干了再浇，施肥也有讲究，"]
RUNS_ON_RIGHT = ["春秋两季各施一次。技术员每", "周进村一次，手把手地教大家", "嫁接，哪家的树苗出了问题，",
                 "打个电话他们就上门来看，村", "民都说这个办法好，明年还要"]


def test_a_level_column_sharing_few_words_is_the_next_column_of_one_that_runs_on():
    """A first column that stops mid-sentence (`讲究，`) and a column beside it, its top level with
    the first's, sharing three word pairs of 57 (嫁接, 村民, 树苗: under the share a next column
    needs otherwise): the article's next column, read before the story under its first."""
    assert read_stories(_page_of(RUNS_ON, RUNS_ON_RIGHT)) == [RUNS_ON, RUNS_ON_RIGHT, UNDER]


def test_a_level_column_sharing_few_words_is_not_the_next_column_of_one_that_ends_a_sentence():
    """The same column beside a first column that ends its sentence: another story, read after
    the first column's stories."""
    ended = RUNS_ON[:4] + ["土干了再浇，施肥也有讲究。"]
    lines = [line for story in read_stories(_page_of(ended, RUNS_ON_RIGHT)) for line in story]
    assert lines.index(RUNS_ON_RIGHT[0]) > lines.index(UNDER[-1])


def _page_of(left: list[str], right: list[str]) -> list[str]:
    return [_row(l, r) for l, r in zip(left, right)] + ["", "", ""] + [_row(line) for line in UNDER]


def test_two_blank_rows_inside_columns_leave_each_column_one_story():
    """Two blank rows across the page (a headline's larger rows, or a row pdftotext left empty)
    are about a line's white space in the grid's estimate, not a story's end: each column is read
    whole (three blank rows part them: test_blank_rows_under_a_column_part_its_stories)."""
    rows = [_row(l, r) for l, r in zip(LEFT[:4], RIGHT[:4])] + ["", ""] + [_row(l, r) for l, r in zip(LEFT[4:], RIGHT[4:])]
    assert read_stories(rows) == [LEFT, RIGHT]


STOPS_SHORT = ["方山县北武当镇今年种下核桃树", "三千亩，镇里请来农技人员", "教村民嫁接核桃树苗，北武当"]
BESIDE = ["交口县今年新修乡村公路六十", "公里，通到每个行政村。"]


def _under_a_column_that_runs_on(block: list[str]) -> list[str]:
    """A column stopping mid-sentence (its text goes on in a next column), a short column right of
    its foot, one blank row, then `block` in the first column: close enough under it to run on."""
    rows = [_row(STOPS_SHORT[0]), _row(STOPS_SHORT[1]), _row(STOPS_SHORT[2], BESIDE[0]), _row("", BESIDE[1]), ""]
    return rows + [_row(line) for line in block]


def test_a_headline_under_a_column_that_stops_mid_sentence_opens_a_story_of_its_own():
    """In the grid a headline-like line (short, no punctuation at its end) under a column whose
    text runs on is the next story's headline, not that text's next line: the column goes on in
    its next column more often than the grid's estimated levels tell."""
    block = ["临县新添图书两万册", "临县图书馆今年新添图书两万", "册，周末开放到晚上八点钟。"]
    stories = read_stories(_under_a_column_that_runs_on(block))
    assert STOPS_SHORT in stories and block in stories


def test_text_under_a_column_that_stops_mid_sentence_is_still_run_on():
    """A full line under it, the same text going on, is read into the column above as before."""
    block = ["镇的核桃树苗成活率比去年高了", "两成，明年就能挂果了。"]
    stories = read_stories(_under_a_column_that_runs_on(block))
    assert STOPS_SHORT + block in stories


def test_stories_of_one_column_pushed_a_few_cells_apart_are_read_top_down():
    """pdftotext prints a column's stories a few cells apart where the lines left of them run long:
    they are one column's, read top down (by their leftmost cell, to two cells, the story pushed
    three cells right came after the one pushed two, though it stands above it)."""
    first = ["离石区今年新建公园三座，市民", "周末都去公园散步健身，公园", "里的树木也长得很好。"]
    second = ["柳林县图书馆新添图书两万册，", "周末开放到晚上八点，读者", "可以在网上预约借书。"]
    third = ["交口县新修乡村公路六十公里，", "通到每个行政村，县里还在", "路边种上了一排排杨树。"]
    rows = first + [""] * 6 + ["   " + line for line in second] + [""] * 6 + ["  " + line for line in third]
    assert read_stories(rows) == [first, second, third]


def test_a_paragraphs_indented_first_line_keeps_its_indent_as_leading_spaces():
    """Every line is read at its column's cell, but how far right of it the line was printed (a
    paragraph's first line two cells in) is kept as leading spaces (`CleanLine.indent`): an
    article's first line is indented 8 times in 10, its other lines 1 in 10 (lay22-610, lay21-575)."""
    left = list(LEFT)
    left[0], left[4] = "  " + LEFT[0][:-2], "  " + LEFT[4][:-2]
    stories = read_stories([_row(line, right) for line, right in zip(left, RIGHT)])
    assert stories == [left, RIGHT]


GOES_ON = ["方山县北武当镇今年种下核桃树", "三千亩，镇里请来农技人员教", "村民怎样嫁接树苗，剪枝时要"]
GOES_ON_UNDER = ["留下三到五个壮芽，浇水要等", "土干了再浇，施肥也有讲究。"]


def test_a_columns_text_run_on_across_white_space_is_one_story():
    """The grid's row heights part a column where other columns' rows push it (Chromium: 52 stories
    a page of about ten articles): a story whose text stops mid-sentence (`剪枝时要`) and the story
    right under it in its column, its first line a full line set flush (no paragraph's indent, no
    headline), are one story, so its next column is found for the whole of it and read after it."""
    rows = [_row(line) for line in GOES_ON] + ["", "", ""] + [_row(line) for line in GOES_ON_UNDER]
    assert read_stories(rows) == [GOES_ON + GOES_ON_UNDER]


def test_a_paragraph_opening_under_white_space_stays_a_story_of_its_own():
    """The same story under it with its first line indented (a paragraph's first line: an untitled
    brief's) is read as a story of its own, as any story under white space."""
    rows = [_row(line) for line in GOES_ON] + ["", "", ""] + ["  " + GOES_ON_UNDER[0], GOES_ON_UNDER[1]]
    assert len(read_stories(rows)) == 2


NEXT_TOP = ["镇的核桃树苗成活率比去年", "高了两成，北武当镇的核桃", "明年就能挂果了。"]
NEXT_FOOT = ["嫁接以后要浇三遍水，农技", "人员说，嫁接的树苗还要", "剪枝、防虫，多花些钱。"]


def test_a_next_column_parted_by_white_space_is_read_down_to_where_the_first_column_ends():
    """An article's next column parted into two stories by white space, both beside its first
    column: the part under the next column's top is read with it, before the story under the first
    column (it was read after that one, the article's text parted by another story)."""
    left = RUNS_ON + ["春秋两季各施一次。技术员每", "周进村一次，手把手地教大家", "北武当镇的核桃树苗怎样嫁接"]
    right = NEXT_TOP + ["", "", ""] + ["  " + NEXT_FOOT[0]] + NEXT_FOOT[1:]
    rows = [_row(l, r) for l, r in zip_longest(left, right, fillvalue="")] + ["", "", ""] + [_row(line) for line in UNDER]
    lines = [line.strip() for story in read_stories(rows) for line in story]
    assert lines == left + NEXT_TOP + NEXT_FOOT + UNDER


def test_a_story_whose_text_goes_on_in_a_next_column_takes_no_story_under_it_once_joined_above():
    """Three stories of a column, each running on into the next across white space, the middle one
    beside a level column that shares its words (its next column): the top one is joined to the
    middle one, and the joined story, ending where its text goes on in the next column, does not
    take the story under it (the mark of the middle one is carried over to the joined story)."""
    top = ["交口县今年新修乡村公路六十", "公里，通到每个行政村，县里", "还在路边种上了一排排杨树，"]
    middle = RUNS_ON
    foot = ["临县图书馆今年新添图书两万", "册，周末开放到晚上八点钟。"]
    left = top + ["", "", ""] + middle + ["", "", ""] + foot
    right = [""] * 6 + RUNS_ON_RIGHT
    rows = [_row(l, r) for l, r in zip_longest(left, right, fillvalue="")]
    stories = read_stories(rows)
    assert not any(foot[0] in story and middle[-1] in story for story in stories)
