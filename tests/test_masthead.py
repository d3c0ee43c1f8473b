import datetime as dt

from digest.masthead import find_masthead, parse_masthead, unslide


def chain(text: str) -> list[str]:
    """Fake bold drawn glyph by glyph as `pdftotext -raw` prints it: a line per pair of copies,
    a word space between the two when one is printed there (`会 吕`)."""
    words = text.split()
    chars = [(ch, k == 0 and w > 0) for w, word in enumerate(words) for k, ch in enumerate(word)]
    pairs = [a + (" " if spaced else "") + b for (a, _), (b, spaced) in zip(chars, chars[1:])]
    return [chars[0][0], *pairs, chars[-1][0]]


def test_fake_bold_masthead_printed_a_pair_per_line_is_read_and_its_lines_taken_out():
    lines = ["吕梁日报", *chain("社会 吕梁日报 2025年12月6日 星期六 第5版"), "徐大发：“活祭”", "老父求救助是损德"]
    masthead, first, end = find_masthead(lines)
    assert (masthead.paper, masthead.date, masthead.page, masthead.weekday) == ("吕梁日报", dt.date(2025, 12, 6), 5, 5)
    assert lines[end] == "徐大发：“活祭”" and first in (0, 1)


def test_fake_bold_masthead_at_the_foot_of_the_page_is_read():
    lines = ["全文完。", "", *chain("第8版：社会 2025.12.22星期一 吕梁日报")]
    masthead, first, end = find_masthead(lines)
    assert (masthead.date, masthead.page, end) == (dt.date(2025, 12, 22), 8, len(lines))


def test_narrow_punctuation_printed_as_two_pairs_on_one_line_unslides():
    # `5..0` is the pairs `5.` and `.0` on one line
    assert unslide(["2", "20", "02", "25", "5..0", "07", "7..0", "05", "5"]) == "2025.07.05"


def test_short_lines_that_do_not_chain_are_no_fake_bold():
    assert unslide(["吕", "梁", "新", "闻"]) is None  # a vertical headline
    assert unslide(["本报", "讯"]) is None


def test_paper_run_into_its_section_with_no_spaces_is_parted_from_it():
    masthead = parse_masthead("2025年1月10日星期五吕梁日报文化第8版")
    assert (masthead.paper, masthead.section, masthead.page, masthead.weekday) == ("吕梁日报", "文化", 8, 4)


def test_spaced_masthead_reads_as_before():
    masthead = parse_masthead("吕梁日报 2025年5月13日 星期二 第2版 要闻")
    assert (masthead.paper, masthead.section, masthead.page) == ("吕梁日报", "要闻", 2)


def test_short_headline_under_the_masthead_is_not_taken_for_its_section():
    lines = ["吕梁日报", "2025年5月13日 星期二", "春耕正当时", "本报讯（记者 王涛） 连日来，各地春耕。"]
    masthead, first, end = find_masthead(lines)
    assert (masthead.paper, str(masthead.date), end) == ("吕梁日报", "2025-05-13", 2)


def test_paper_run_straight_into_the_page_number_is_read():
    masthead = parse_masthead("2025年1月10日 星期五 吕梁日报第8版")
    assert (masthead.paper, masthead.page) == ("吕梁日报", 8)


def test_a_count_of_the_issues_pages_is_no_page_number_nor_an_issue_number_a_section():
    # A front page prints how many pages the issue has (`今日8版`) and its running number (`总第…期`).
    masthead = parse_masthead("吕梁日报 2025年5月13日 星期二 今日8版 第1版 总第12345期")
    assert (masthead.page, masthead.section) == (1, None)
    assert parse_masthead("吕梁日报 2025年5月13日 共16版").page is None
    spaced = find_masthead(["吕梁日报", "2025年4月8日 星期二 今日 8 版"])[0]  # as pdftotext spaces it
    assert (spaced.page, spaced.section) == (None, None)
    assert parse_masthead("吕梁日报 2025年5月13日 8版 文化").page == 8
