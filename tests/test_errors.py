from digest.errors import CONTROLS, JSON_CONTROLS, Translation, json_controls_escaped, without_controls


def test_translation_gives_what_str_translate_gives_with_or_without_its_characters():
    markdown = str.maketrans({"\\": "\\\\", "[": "\\[", "]": "\\]", "<": "&lt;", **CONTROLS})
    texts = ["吕梁市召开会议", "", "a\tb\nc", "[链接](x) <b> \\", "".join(map(chr, range(0xA1))), "标题\x1b[31m红\x9b", "\x00", "-^]"]
    for table in (CONTROLS, JSON_CONTROLS, markdown):
        translate = Translation(table)
        for text in texts:
            assert translate(text) == text.translate(table)


def test_text_without_a_control_is_returned_as_it_is():
    text = "吕梁市召开美丽吕梁建设工作推进会\t\n"
    assert without_controls(text) is text
    assert json_controls_escaped('{"a": "\x7f"}') == '{"a": "\\u007f"}'
