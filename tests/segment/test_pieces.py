from digest.clean import CleanLine
from digest.segment.pieces import paragraph_spans


def lines_of(*texts: str) -> list[CleanLine]:
    return [CleanLine(text, number) for number, text in enumerate(texts, 1)]


def test_a_paragraph_goes_on_over_a_line_opening_on_a_closing_quote():
    # `…驱逐出境。` over `”刘说。…`: the quote closes the sentence above, the paragraph goes on.
    lines = lines_of("“他之后可能被驱逐出境。", "”刘说。相关背景", "材料如下。", "另一段开头，", "结尾。")
    assert paragraph_spans(lines) == [(0, 3), (3, 5)]


def test_a_sentence_end_over_an_ordinary_line_still_ends_the_paragraph():
    assert paragraph_spans(lines_of("第一段。", "第二段。")) == [(0, 1), (1, 2)]
