"""A piece set wholly in fake bold, as e-paper sets a photo's caption, is a photo even with no
credit line; a report sets only its lead so (digest/segment/kinds.py)."""

from conftest import make_issue

from digest.segment import segment

CAPTION = "8月13日，在晋阳湖公园沙滩浴场，\n市民在休闲嬉戏。夕阳西下，晋阳湖\n周边好似太原的“海岸”，绿色环绕。\n"
REST = "该园一期建成开放一年来，带动了周边区域的发展，\n改善了城市生态环境，成为人们休闲纳凉的好去处。\n"


def test_caption_printed_twice_block_by_block_is_a_photo():
    issue = make_issue(CAPTION + CAPTION)
    (article,) = segment(issue)
    assert article.kind == "photo"
    assert article.text.count("沙滩浴场") == 1


def test_caption_drawn_twice_glyph_by_glyph_is_a_photo():
    doubled = "".join(ch * 2 for ch in "市民在晋阳湖公园沙滩浴场休闲嬉戏。")
    (article,) = segment(make_issue(doubled + "\n"))
    assert article.kind == "photo"
    assert article.text == "市民在晋阳湖公园沙滩浴场休闲嬉戏。"


def test_report_with_only_its_first_paragraph_in_bold_is_no_photo():
    (article,) = segment(make_issue(CAPTION + CAPTION + REST))
    assert article.kind != "photo"


def test_editors_note_set_in_bold_is_no_photo():
    note = "".join(ch * 2 for ch in "编者按：为深入学习贯彻党的精神，本报今起开设专栏，展示各地新作为。")
    (article,) = segment(make_issue(note + "\n"))
    assert article.kind != "photo"
