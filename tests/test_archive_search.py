"""digest search: two-character words, ranking, filters, snippets, a read-only archive."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3

import pytest
from click.testing import CliRunner

from digest.archive.record import record_issues
from digest.archive.search import Filters, search, snippet
from digest.cli import main
from digest.errors import DigestError
from tests.conftest import make_article, make_issue, two_weeks


def _issue(source: str, day: dt.date, *articles):
    issue = make_issue("".join(a.text for a in articles), source=source)
    issue.date = day
    for position, article in enumerate(articles):
        article.id, article.position, article.date, article.paper = f"{source[:-4]}-{position + 1:02d}", position, day, issue.paper
    issue.articles = list(articles)
    return issue


@pytest.fixture
def small_archive(tmp_path):
    """Three tiny articles: 孝义 hydrogen buses, a 氢能，能源 sentence, and a Fenyang story."""
    path = tmp_path / "a.sqlite"
    record_issues(path, [
        _issue("a.txt", dt.date(2025, 4, 8),
               make_article("孝义市首批氢能公交车投运。氢能公交车开进孝义。", title="孝义氢能公交上线", lvliang=True, counties=["孝义市"], theme="能源转型"),
               make_article("发展氢能，能源结构持续优化。", title="能源结构调整", lvliang=True, theme="能源转型")),
        _issue("b.txt", dt.date(2025, 4, 15),
               make_article("汾阳市杏花村举办文化节，孝义游客前来。", title="杏花村文化节", lvliang=True, counties=["汾阳市"], theme="文化教育")),
    ], "settings")
    return path


def test_two_character_word_is_found_inside_longer_words(small_archive):
    hits = search(small_archive, "孝义")
    assert [h.id for h in hits] == ["a-01", "b-01"]  # the headline and body match ranks first


def test_phrase_does_not_match_across_punctuation(small_archive):
    assert search(small_archive, "氢能源") == []
    assert [h.id for h in search(small_archive, "能源结构")] == ["a-02"]


def test_single_character_is_found_at_the_end_of_a_run_too(small_archive):
    assert [h.id for h in search(small_archive, "节")] == ["b-01"]  # only in 文化节, last of its run (文化节，) and of the headline
    assert [h.id for h in search(small_archive, "车")] == ["a-01"]  # inside its runs (公交车投运)


def test_every_word_of_the_query_must_be_held(small_archive):
    assert [h.id for h in search(small_archive, "孝义 文化节")] == ["b-01"]


def test_filters_narrow_the_hits(small_archive):
    assert [h.id for h in search(small_archive, "孝义", Filters(county="汾阳市"))] == ["b-01"]
    assert [h.id for h in search(small_archive, "孝义", Filters(since=dt.date(2025, 4, 9)))] == ["b-01"]
    assert [h.id for h in search(small_archive, "孝义", Filters(theme="能源转型", kind="news"))] == ["a-01"]
    assert search(small_archive, "孝义", Filters(paper="科学导报")) == []


def test_a_period_that_ends_before_it_starts_is_one_line_error(small_archive):
    with pytest.raises(DigestError, match=r"starts \(2025-05-01\) after it ends \(2025-01-01\)"):
        search(small_archive, "氢能", Filters(since=dt.date(2025, 5, 1), until=dt.date(2025, 1, 1)))


def test_snippet_marks_every_match_around_the_first():
    text = "前" * 40 + "氢能公交车开进孝义，氢能" + "后" * 80
    assert snippet(text, ["氢能"]) == "…" + "前" * 24 + "«氢能»公交车开进孝义，«氢能»" + "后" * 46 + "…"


def test_search_json_has_id_date_and_marked_snippet(small_archive):
    result = CliRunner().invoke(main, ["search", "氢能", "--json", "--archive", str(small_archive)])
    hits = json.loads(result.output)
    assert [h["id"] for h in hits] == ["a-01", "a-02"]
    assert set(hits[0]) == {"id", "title", "paper", "date", "page", "kind", "theme", "snippet", "score"}
    assert hits[0]["date"] == "2025-04-08" and "«氢能»" in hits[0]["snippet"]


def test_search_reads_without_writing_even_while_a_build_holds_the_lock(small_archive):
    before = hashlib.sha256(small_archive.read_bytes()).hexdigest()
    writer = sqlite3.connect(small_archive, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        assert [h.id for h in search(small_archive, "杏花村")] == ["b-01"]
    finally:
        writer.rollback()
        writer.close()
    assert hashlib.sha256(small_archive.read_bytes()).hexdigest() == before


def test_query_with_nothing_to_search_is_one_line_error(small_archive):
    result = CliRunner().invoke(main, ["search", "，", "--archive", str(small_archive)])
    assert result.exit_code == 1
    assert result.output == "digest: error: search: nothing to search for in '，': give a word such as 氢能\n"
    with pytest.raises(DigestError, match="no archive here"):
        search(small_archive.with_name("none.sqlite"), "孝义")


def test_two_weeks_built_one_after_the_other_are_searched_and_counted(tmp_path):
    first, second = two_weeks(tmp_path)
    archive = tmp_path / "a.sqlite"
    for folder in (first, second):
        result = CliRunner().invoke(main, ["build", str(folder), "--archive", str(archive), "-o", str(tmp_path / folder.name), "-f", "json"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    hits = json.loads(CliRunner().invoke(main, ["search", "氢能", "--json", "--archive", str(archive)]).output)
    assert hits and all("氢能" in h["snippet"] or "氢能" in h["title"] for h in hits)
    assert {(h["id"], h["date"]) for h in hits} >= {("2025-04-15-04", "2025-04-15")}
    result = CliRunner().invoke(main, ["search", "孝义", "--archive", str(archive)])
    assert "孝义市首批氢能共享单车、氢能公交车正式投运" in result.output and "«孝义»" in result.output
    weeks = json.loads(CliRunner().invoke(main, ["trends", "--json", "--archive", str(archive)]).output)["weeks"]
    assert list(weeks) == ["2025-W15", "2025-W16"] and all(sum(week.values()) for week in weeks.values())


def test_letters_and_digits_are_found_whatever_their_case_and_width_as_before(tmp_path):
    # the ascii tokenizer folds only ASCII: the index's tokens are lower-cased for it, the
    # query's too, and punctuation that is not ASCII separates words as unicode61's did
    path = tmp_path / "a.sqlite"
    record_issues(path, [_issue("a.txt", dt.date(2025, 4, 8),
                                make_article("孝义建成５Ｇ基站，ＰＭ２．５下降。", title="Über 5G", lvliang=True),
                                make_article("汾阳举办文化节。", title="文化节", lvliang=True))], "settings")
    for query in ("５ｇ", "５Ｇ基站", "ｐｍ２", "über", "ÜBER", "5g"):
        assert [h.id for h in search(path, query)] == ["a-01"], query
    assert search(path, "ｐｍ") == []  # a word is a whole token (ｐｍ２ here), as before


def test_control_characters_written_into_an_archive_reach_no_terminal_nor_chart(small_archive, tmp_path):
    """Someone else's archive file, edited by hand: its titles, papers and sections hold a
    terminal's escapes (set the window title, clear the screen) and a C1 CSI."""
    with sqlite3.connect(small_archive) as db:
        db.execute("UPDATE articles SET title = title || '\x1b]0;pwned\x07\x1b[2J', paper = paper || '\x9b31m', section = section || '\x1b[5m'")
    printed = [CliRunner().invoke(main, [*command, "--archive", str(small_archive)]) for command in (["search", "氢能"], ["search", "氢能", "--json"], ["trends", "--by", "paper"], ["trends", "--json"])]
    for result in printed:
        assert result.exit_code == 0, result.output
        assert not any(ch in result.output for ch in "\x1b\x07\x9b"), result.output
    assert "\\x1b]0;pwned\\x07" in printed[0].output and "\\u009b" in printed[1].output  # shown escaped, not lost
    chart = tmp_path / "c.svg"
    assert CliRunner().invoke(main, ["trends", "--archive", str(small_archive), "--chart", str(chart)]).exit_code == 0
    svg = chart.read_text(encoding="utf-8")
    assert not any(ch in svg for ch in "\x1b\x07\x9b") and "能源转型" in svg  # XML allows no C0 control


def test_a_word_repeated_in_the_query_is_searched_once(small_archive):
    from digest.archive.tokens import query_terms

    assert query_terms("氢能 孝义 氢能 * 氢能") == ["氢能", "孝义"]
    hits = search(small_archive, " ".join(["氢能"] * 10_000))  # took minutes, each repeat matched again
    assert [hit.id for hit in hits] == [hit.id for hit in search(small_archive, "氢能")]


def test_a_query_word_after_a_hyphen_is_a_word_not_an_unknown_option(small_archive):
    plain = CliRunner().invoke(main, ["search", "氢能", "--json", "--archive", str(small_archive)])
    for args in (["-氢能", "--json"], ["--json", "-氢能"], ["--json", "--", "-氢能"]):
        dashed = CliRunner().invoke(main, ["search", "--archive", str(small_archive), *args])
        assert dashed.exit_code == 0, dashed.output
        assert json.loads(dashed.output) == json.loads(plain.output) != []
    # an option's value stays its value; a misspelt option is still one
    result = CliRunner().invoke(main, ["search", "--paper", "-吕梁日报", "氢能", "--json", "--archive", str(small_archive)])
    assert result.exit_code == 0 and json.loads(result.output) == []
    assert CliRunner().invoke(main, ["search", "--lmit", "3", "氢能", "--archive", str(small_archive)]).exit_code == 2


def test_query_with_a_word_after_a_hyphen_is_echoed_in_the_order_it_was_typed(small_archive):
    # `-吕梁` is moved past `--` for click; the query the no-hits line names keeps its order.
    result = CliRunner().invoke(main, ["search", "氢能X", "-吕梁Y", "孝义Z", "--archive", str(small_archive)])
    assert result.exit_code == 0 and "holds 氢能X -吕梁Y 孝义Z" in result.stderr


def test_a_filter_no_archived_article_matches_is_named_as_why_nothing_was_found(small_archive):
    # `--county 孝义` (for 孝义市) or `--theme 能源` (for 能源转型) found nothing and the line said
    # "no archived article holds 氢能", which is false: the filter matched no article at all.
    result = CliRunner().invoke(main, ["search", "氢能", "--county", "孝义", "--theme", "能源", "--archive", str(small_archive)])
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == ("digest: no archived article holds 氢能 with --county 孝义 --theme 能源; --county 孝义 matches no archived article "
                             "(its counties: 孝义市、汾阳市); --theme 能源 matches no archived article (its sections: 能源转型、文化教育)\n")
    # A filter that matches articles, just not these words: only what was asked.
    result = CliRunner().invoke(main, ["search", "氢能", "--county", "汾阳市", "--archive", str(small_archive)])
    assert result.stderr == "digest: no archived article holds 氢能 with --county 汾阳市\n"
