from conftest import SEEDS

from digest.clean import BYLINE_REACH, clean_line, clean_lines, dedupe_paragraphs, ends_sentence, fix_spaces, han_only, join_lines, map_radicals, map_twins, normalize_punctuation, shingles, undouble, writes_traditional
from digest.ingest import text_pages


def test_doubled_bold_text_is_undoubled():
    text, doubled = undouble("55月月 11日日，，吕梁市吕梁市 20242024年中小学生田径运动会在吕梁市第二中学体年中小学生田径运动会在吕梁市第二中学体")
    assert doubled
    assert text == "5月1日，吕梁市2024年中小学生田径运动会在吕梁市第二中学体"


def test_undoubling_records_what_it_dropped():
    line = clean_line("55月月 11日日，，吕梁市吕梁市 20242024年年", 3)
    assert line.text == "5月1日，吕梁市2024年"
    assert line.undoubled
    assert line.removed == ["5", "月", "1", "日", "，", "吕梁市", "2024", "年"]
    assert clean_line("人人都说常常来看看这里的风景。", 4).removed == []


def test_undoubling_a_long_line_stays_fast():
    text = ("".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.iterdir())).replace("\n", "").replace(" ", "") * 40)[:1_000_000]
    assert undouble(text) == (text, False)
    assert undouble("".join(ch * 2 for ch in text[:200_000])) == (text[:200_000], True)


def test_ordinary_repeats_are_kept():
    text, doubled = undouble("人人都说常常来看看这里的风景。")
    assert not doubled
    assert text == "人人都说常常来看看这里的风景。"


def test_letter_spaced_line_is_closed_up():
    assert fix_spaces("诉 举 报 电 话 0358-8253111 和") == "诉举报电话0358-8253111和"
    assert fix_spaces("意 见》《交 城 县 柔 性 引 才 措 施（试 行）》") == "意见》《交城县柔性引才措施（试行）》"


def test_spaces_between_words_are_kept():
    assert fix_spaces("记者 王涛") == "记者 王涛"
    assert fix_spaces("2MW AEM 电解水") == "2MW AEM电解水"
    assert fix_spaces("4月 9日，") == "4月9日，"


def test_half_width_punctuation_in_chinese_becomes_full_width():
    assert normalize_punctuation("9月10日至11日,由山西省政协主办,沿黄九省(区)") == "9月10日至11日，由山西省政协主办，沿黄九省（区）"
    assert normalize_punctuation("时速23km/h, 12:30") == "时速23km/h, 12:30"


def test_continuation_marker_is_removed_and_recorded():
    line = clean_line("(下转4版)", 7)
    assert line.text == ""
    assert line.markers == ["下转4版"]
    assert clean_line("（上接1版）", 1).markers == ["上接1版"]


def test_a_continuation_marker_naming_the_page_with_di_is_a_marker_too():
    # `（下转第4版）`, as papers print it too: left as text it was a short line between two
    # articles, read as body text that ran the next article on into the one it closes.
    line = clean_line("（下转第4版）", 7)
    assert line.text == "" and line.markers == ["下转4版"]
    assert clean_line("（上接 第 十二 版）会议强调，", 1).markers == ["上接十二版"]
    assert clean_line("第4版", 2).markers == [] and clean_line("（详见第4版）", 3).markers == []


def test_a_bare_continuation_marker_is_a_marker_too():
    # `（转4版）`, `（接第1版）`: papers print the jump without 上/下 too. 转 goes on on that page
    # (下转), 接 goes on from it (上接); recorded as the other forms are, so the parts join.
    assert clean_line("（转4版）", 7).markers == ["下转4版"] and clean_line("（转4版）", 7).text == ""
    assert clean_line("（转 第 4 版）", 7).markers == ["下转4版"]
    line = clean_line("（接第1版）会议强调，", 1)
    assert line.markers == ["上接1版"] and line.text == "会议强调，"
    assert clean_line("（接二版）", 2).markers == ["上接二版"]
    # Nor a page named in passing, nor a jump with no page.
    assert clean_line("（转载）", 3).markers == [] and clean_line("转4版", 3).markers == [] and clean_line("（接上版）", 3).markers == []


def test_vertical_quotes_become_horizontal():
    assert clean_line("研﹃保交楼﹄", 1).text == "研“保交楼”"


def test_blank_lines_inside_paragraphs_are_dropped():
    lines = clean_lines("吕梁山西麓山水林田\n\n湖草沙一体化保护与修复工程。\n")
    assert [line.text for line in lines] == ["吕梁山西麓山水林田", "湖草沙一体化保护与修复工程。"]


def test_lines_broken_inside_sentences_are_joined():
    paragraphs = join_lines(["生态修复工程全面提速。吕梁山西麓山水林田", "湖草沙一体化保护与修复工程 39个项目已开工 37", "个。", "下一段开始了。"])
    assert paragraphs == ["生态修复工程全面提速。吕梁山西麓山水林田湖草沙一体化保护与修复工程 39个项目已开工 37个。", "下一段开始了。"]


def test_ascii_words_across_a_line_break_keep_a_space():
    assert join_lines(["电子邮箱 abc", "def 已开通。"]) == ["电子邮箱 abc def 已开通。"]


def test_byline_names_across_a_line_break():
    assert join_lines(["本报讯（记者 张娟娟", "李江姗）近日，培训班举办。"]) == ["本报讯（记者 张娟娟 李江姗）近日，培训班举办。"]
    assert join_lines(["本报讯（记者刘沛", "林）9月17日，展览开展。"]) == ["本报讯（记者刘沛林）9月17日，展览开展。"]


def test_a_bracket_opened_past_the_byline_reach_parts_no_names():
    # Only a paragraph's last BYLINE_REACH characters are read for an open byline bracket, so
    # joining a paragraph that never ends a sentence is linear (a file of numbers: 340,000 lines).
    far = "本报讯（记者 张娟娟" + "数" * BYLINE_REACH
    assert join_lines([far, "李江姗）近日。"]) == [far + "李江姗）近日。"]
    near = "本报讯（记者 张娟娟" + "数" * (BYLINE_REACH - 20)
    assert join_lines([near, "李江姗）近日。"]) == [near + " 李江姗）近日。"]


def test_a_paragraph_of_many_lines_without_a_sentence_end_is_joined_whole():
    lines = [str(n) for n in range(50_000)] + ["完。"]
    assert join_lines(lines) == [" ".join(lines[:-1]) + "完。"]

def test_closing_quote_ends_sentence():
    assert ends_sentence("他说：“好。”")
    assert not ends_sentence("要知责，时刻绷")


def test_paragraph_printed_twice_is_kept_once():
    removed: list[str] = []
    seen: set[str] = set()
    first = dedupe_paragraphs(["会议集中观看了全省煤矿典型安全生产事故警示教育片。"], seen, removed)
    again = dedupe_paragraphs(["会议集中观看了全省煤矿典型安全生产事故警示教育片。", "新的一段话在这里出现了。"], seen, removed)
    assert first == ["会议集中观看了全省煤矿典型安全生产事故警示教育片。"]
    assert again == ["新的一段话在这里出现了。"]
    assert removed == ["会议集中观看了全省煤矿典型安全生产事故警示教育片。"]


def test_kangxi_radicals_from_pdf_extraction_become_ideographs():
    assert clean_line("加⼯制造业⽣产线", 1).text == "加工制造业生产线"


def test_bigrams_are_the_runs_of_two_han_characters_whatever_lies_between():
    for text in ("", "吕", "吕梁", "2025年吕梁市, Wi-Fi 覆盖〇九成。", "𠀀𠀁中文"):
        han = han_only(text)
        assert shingles(text, 2) == frozenset(han[i : i + 2] for i in range(len(han) - 1))
    assert han_only("2025年吕梁市, Wi-Fi 覆盖〇九成。") == "年吕梁市覆盖〇九成"


def test_a_line_opening_on_a_closing_quote_goes_on_the_paragraph_above():
    # No line of Chinese type starts with `”` or `，` (行首禁则): an engine that put one there
    # broke the paragraph, not the text.
    assert join_lines(["“他之后可能被驱逐出境。", "”刘说。相关背景", "材料如下。", "另一段。"]) == [
        "“他之后可能被驱逐出境。”刘说。相关背景材料如下。",
        "另一段。",
    ]
    assert join_lines(["他说：“好。", "”"]) == ["他说：“好。”"]


def test_a_line_printed_twice_running_is_kept_once_and_its_copy_recorded():
    # A shadow copy drawn for fake bold comes out of `pdftotext -raw` as a line of its own.
    lines = clean_lines("小区内飞镖乱飞 猫狗成\n小区内飞镖乱飞 猫狗成\n靶子数只猫狗被射中\n靶子数只猫狗被射中\n居民担忧")
    assert [line.text for line in lines] == ["小区内飞镖乱飞 猫狗成", "靶子数只猫狗被射中", "居民担忧"]
    assert lines[0].removed == ["小区内飞镖乱飞 猫狗成"] and lines[0].undoubled


def test_a_line_repeated_after_a_blank_line_stays_twice():
    # A blank line parts blocks: a slogan set again under it is printed twice, not drawn twice.
    assert [line.text for line in clean_lines("坚持人民至上理念\n\n坚持人民至上理念")] == ["坚持人民至上理念"] * 2


def test_a_short_line_printed_twice_running_stays_twice():
    # A vertical headline's characters or dot leaders repeat on their own lines.
    assert [line.text for line in clean_lines("妈\n妈\n．．\n．．")] == ["妈", "妈", "．．", "．．"]


def test_a_quoted_word_printed_twice_running_is_kept_once():
    # Chromium draws a quoted run's shadow copy as a run of its own: `“春风行”` under `“春风行”`
    # (two Han characters or more; a single one is a vertical headline's, above).
    lines = clean_lines("活动每年都吸引着\n“春风行”\n“春风行”\n活动已成为品牌")
    assert [line.text for line in lines] == ["活动每年都吸引着", "“春风行”", "活动已成为品牌"]
    assert lines[1].removed == ["“春风行”"]


def test_glyph_twins_map_to_what_simplified_text_means_on_every_path():
    # One glyph of a Simplified Chinese font for two code points: the text layer's (戶, 㬵, ∕, 〜)
    # becomes the one simplified text uses, as radicals do; nothing else moves. 戶 is judged on
    # the whole text (map_twins: a file, a PDF page), never on a line alone.
    assert clean_line("山东十几户环卫工 文\u2215记者 时间\u3b35囊", 1).text == "山东十几户环卫工 文/记者 时间胶囊"
    assert text_pages("山东十几\u6236环卫工\n")[0] == "山东十几户环卫工\n"
    assert map_radicals("5\u301c14岁") == "5～14岁"
    assert map_radicals("门户 戸 房") == "门户 戸 房"


def test_戶_in_a_traditional_text_or_a_traditional_quotation_alone_is_kept():
    assert map_twins("門戶") == "門戶" and map_twins("住戶", whole="本報訊（記者）全市為住戶") == "住戶"
    assert map_twins("住戶", whole="本报讯（记者）全市为住户") == "住户"
    assert map_twins("") == "" and not writes_traditional("") and not writes_traditional("2025")
