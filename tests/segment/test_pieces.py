from digest.clean import CleanLine
from digest.segment.pieces import last_paragraph_start, paragraph_spans


def lines_of(*texts: str) -> list[CleanLine]:
    return [CleanLine(text, number) for number, text in enumerate(texts, 1)]


def test_a_paragraph_goes_on_over_a_line_opening_on_a_closing_quote():
    # `…驱逐出境。` over `”刘说。…`: the quote closes the sentence above, the paragraph goes on.
    lines = lines_of("“他之后可能被驱逐出境。", "”刘说。相关背景", "材料如下。", "另一段开头，", "结尾。")
    assert paragraph_spans(lines) == [(0, 3), (3, 5)]


def test_a_sentence_end_over_an_ordinary_line_still_ends_the_paragraph():
    assert paragraph_spans(lines_of("第一段。", "第二段。")) == [(0, 1), (1, 2)]


def test_the_last_paragraphs_start_read_back_from_the_end_is_the_last_spans():
    cases = [lines_of("一段。"), lines_of("第一段。", "第二段开头，", "还没完"), lines_of("一段，", "二行，", "三行"),
             lines_of("“他被驱逐出境。", "”刘说。相关", "材料如下。", "另一段开头，", "结尾")]
    head = CleanLine("小标题", 9, standalone=True)
    cases += [lines_of("第一段，", "没完") + [head], lines_of("第一段。") + [head] + lines_of("正文，", "没完")]
    for lines in cases:
        assert last_paragraph_start(lines, 40) == paragraph_spans(lines)[-1][0]


def test_a_last_paragraph_starting_further_up_than_the_reach_has_no_start():
    # Asked at every dateline of a piece that grows, the lookup reads `reach` lines at most.
    lines = lines_of("第一段。", *["没有句号的一行"] * 5)
    assert last_paragraph_start(lines, 5) == 1
    assert last_paragraph_start(lines, 4) is None
    assert last_paragraph_start(lines_of(*["没有句号的一行"] * 5), 4) == 0
