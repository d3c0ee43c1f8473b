"""What the full-text index holds: the characters of Han runs, each run closed at punctuation."""

from digest.archive.tokens import RUN_END, index_tokens, match_expression, query_terms


def test_han_run_is_indexed_character_by_character_closed_by_a_marker():
    assert index_tokens("孝义市").split() == ["孝", "义", "市", RUN_END]


def test_text_that_is_not_han_is_left_to_the_word_tokenizer():
    assert index_tokens("建5G基站").split() == ["建", RUN_END, "5g", "基", "站", RUN_END]


def test_characters_that_are_neither_ascii_nor_letters_are_spaces_and_letters_lower_case():
    # what unicode61 did itself; the ascii tokenizer takes every other character as a letter
    assert index_tokens("ＰＭ２．５、Ünï—x").split() == ["ｐｍ２", "５", "ünï", "x"]
    assert index_tokens("\ue001①").split() == ["\ue001①"]  # private use and numbers are kept


def test_word_is_the_phrase_of_its_characters_without_the_run_marker():
    assert match_expression(["孝义"]) == '"孝 义"'
    assert match_expression(["氢能源"]) == '"氢 能 源"'


def test_query_syntax_is_only_text_inside_a_phrase():
    assert match_expression(['a"b*']) == '"a""b*"'
    assert match_expression(["孝", "OR"]) == '"孝" AND "or"'


def test_query_words_without_letters_are_dropped():
    assert query_terms(" 氢能 ， - ") == ["氢能"]


def test_runs_at_both_ends_and_single_characters_are_each_closed():
    assert index_tokens("孝，a义").split() == ["孝", RUN_END, "a", "义", RUN_END]


def test_text_holding_nul_between_runs_keeps_it_outside_the_runs():
    # the runs are spaced all at once, joined by NUL: a NUL of the text must not cut a run
    assert index_tokens("氢\x00能").split() == ["氢", RUN_END, "\x00", "能", RUN_END]


def test_every_han_block_is_spaced_character_by_character():
    assert index_tokens("\u3400\u4e00\uf900").split() == ["\u3400", "\u4e00", "\uf900", RUN_END]


def test_ascii_text_is_only_lower_cased():
    assert index_tokens("PM2.5 5G_x-y") == "pm2.5 5g_x-y"
