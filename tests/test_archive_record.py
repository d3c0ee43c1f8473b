"""Recording processed issues: rows replaced, never duplicated; two builds at once."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys

from click.testing import CliRunner

from digest.cli import main
from tests.conftest import ROOT, seed


def _counts(path) -> tuple[int, int, int]:
    db = sqlite3.connect(path)
    try:
        return tuple(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in ("issues", "articles", "article_index"))
    finally:
        db.close()


def _add(*args) -> str:
    result = CliRunner().invoke(main, ["archive", "add", *map(str, args)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_same_week_built_twice_leaves_row_counts_unchanged(tmp_path):
    archive = tmp_path / "a.sqlite"
    for _ in range(2):
        result = CliRunner().invoke(main, ["build", str(seed("000")), str(seed("003")), "--archive", str(archive), "-o", str(tmp_path / "out"), "-f", "json"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        counts = _counts(archive)
    assert counts == (2, 15, 15)


def test_first_build_into_a_new_archive_leaves_it_in_wal_mode_with_no_journal(tmp_path):
    archive = tmp_path / "a.sqlite"
    assert "1 added" in _add(seed("000"), "--archive", archive, "--no-cache")
    db = sqlite3.connect(archive)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        db.close()
    assert not (tmp_path / "a.sqlite-journal").exists()
    assert _counts(archive)[1] > 0


def test_rebuild_with_other_settings_replaces_the_issues_rows(tmp_path):
    archive = tmp_path / "a.sqlite"
    assert "1 added" in _add(seed("000"), "--archive", archive)
    before = _counts(archive)
    assert "1 replaced" in _add(seed("000"), "--archive", archive, "--sentences", "1")
    assert _counts(archive) == before
    db = sqlite3.connect(archive)
    summaries = [row[0] for row in db.execute("SELECT json_array_length(lists, '$.key_sentences') FROM articles")]
    assert max(summaries) == 1


def test_same_text_under_another_name_replaces_the_issue(tmp_path):
    archive = tmp_path / "a.sqlite"
    copy = tmp_path / "renamed.txt"
    shutil.copy(seed("003"), copy)
    _add(seed("003"), "--archive", archive)
    assert "1 replaced" in _add(copy, "--archive", archive)
    db = sqlite3.connect(archive)
    assert db.execute("SELECT source FROM issues").fetchall() == [("renamed.txt",)]


def test_the_same_page_read_again_from_a_file_of_another_kind_replaces_the_issue(tmp_path):
    # p0002.txt (pdftotext's) last month, p0002.pdf now: the same page of the same paper and date,
    # its text a little different. Both were kept, and trends counted the week's articles twice
    # (their ids, from the file's stem, are the same: p0002-01 twice).
    archive = tmp_path / "a.sqlite"
    text = seed("000").read_text(encoding="utf-8")
    (tmp_path / "txt").mkdir()
    (tmp_path / "md").mkdir()
    (tmp_path / "txt" / "2025-04-10.txt").write_text(text, encoding="utf-8")
    (tmp_path / "md" / "2025-04-10.md").write_text(text.replace("投诉举报监督专线", "投诉举报专线", 1), encoding="utf-8")
    assert "1 added" in _add(tmp_path / "txt", "--archive", archive)
    once = _counts(archive)
    assert "1 replaced" in _add(tmp_path / "md", "--archive", archive)
    assert _counts(archive) == once
    db = sqlite3.connect(archive)
    assert db.execute("SELECT source FROM issues").fetchall() == [("2025-04-10.md",)]
    trends = CliRunner().invoke(main, ["trends", "--archive", str(archive), "--by", "paper", "--json"], catch_exceptions=False)
    assert json.loads(trends.output)["weeks"] == {"2025-W15": {"吕梁日报": once[1]}}


def test_files_of_one_stem_but_another_paper_or_date_are_other_issues(tmp_path):
    archive = tmp_path / "a.sqlite"
    text = seed("000").read_text(encoding="utf-8")
    for folder, name in (("a", "x.txt"), ("b", "x.md")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_text(text if folder == "a" else text.replace("投诉举报监督专线", "投诉举报专线", 1), encoding="utf-8")
    _add(tmp_path / "a", "--archive", archive, "--date", "2025-04-10")
    assert "1 added" in _add(tmp_path / "b", "--archive", archive, "--date", "2025-04-17")
    assert sqlite3.connect(archive).execute("SELECT count(*) FROM issues").fetchone() == (2,)


def test_build_without_archive_option_records_into_xdg_data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    CliRunner().invoke(main, ["build", str(seed("000")), "-o", str(tmp_path / "out"), "-f", "md"], catch_exceptions=False)
    assert _counts(tmp_path / "data" / "digest" / "archive.sqlite")[0] == 1
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "other"))
    CliRunner().invoke(main, ["build", str(seed("000")), "-o", str(tmp_path / "out"), "-f", "md", "--no-archive"], catch_exceptions=False)
    assert not (tmp_path / "other").exists()


def test_archive_key_in_digest_toml_is_the_default(tmp_path):
    (tmp_path / "digest.toml").write_text('archive = "kept/a.sqlite"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["--config", str(tmp_path / "digest.toml"), "archive", "add", str(seed("000"))], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert _counts(tmp_path / "kept" / "a.sqlite")[0] == 1


def test_two_builds_at_once_record_every_issue_once(tmp_path):
    archive = tmp_path / "a.sqlite"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "digest", "build", *map(str, inputs), "--archive", str(archive), "-o", str(tmp_path / f"out{n}"), "-f", "json", "--no-cache"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
        )
        for n, inputs in enumerate([(seed("000"), seed("001"), seed("002")), (seed("002"), seed("003"), seed("004"))])
    ]
    for run in runs:
        _, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
    issues, articles, indexed = _counts(archive)
    assert issues == 5 and articles == indexed == 42


def _index_table(path, kind: str, columns: str) -> list[tuple]:
    """The full-text index as SQLite's fts5vocab table of `kind` shows it, every row sorted."""
    db = sqlite3.connect(path)
    try:
        db.execute(f"CREATE VIRTUAL TABLE temp.vocabulary USING fts5vocab(main, article_index, '{kind}')")
        return db.execute(f"SELECT {columns} FROM vocabulary ORDER BY {columns}").fetchall()
    finally:
        db.close()


def _vocabulary(path) -> list[tuple]:
    """Every term of the full-text index with the rows and times it occurs (the index as a
    whole, whatever row ids it was written under)."""
    return _index_table(path, "row", "term, doc, cnt")


def _row_ids(path) -> list[int]:
    db = sqlite3.connect(path)
    try:
        return [row[0] for row in db.execute("SELECT id FROM articles ORDER BY id")]
    finally:
        db.close()


def test_issue_recorded_again_keeps_the_index_rows_of_its_unchanged_articles(tmp_path):
    archive, fresh = tmp_path / "a.sqlite", tmp_path / "fresh.sqlite"
    _add(seed("000"), "--archive", archive)
    rows = _row_ids(archive)
    assert "1 replaced" in _add(seed("000"), "--archive", archive, "--sentences", "1")  # same texts, other key sentences
    _add(seed("000"), "--archive", fresh, "--sentences", "1")
    assert _row_ids(archive) == rows
    assert _vocabulary(archive) == _vocabulary(fresh)
    assert _counts(archive) == _counts(fresh)


def test_article_whose_text_changed_is_indexed_again_and_its_old_words_are_gone(tmp_path):
    page = tmp_path / "page.txt"
    original = seed("000").read_text(encoding="utf-8")
    assert original.count("一泓清水入黄") == 1
    page.write_text(original, encoding="utf-8")
    archive, fresh = tmp_path / "a.sqlite", tmp_path / "fresh.sqlite"
    _add(page, "--archive", archive)
    page.write_text(original.replace("一泓清水入黄", "一座氢能站入黄"), encoding="utf-8")  # the same page read again, one article's text changed
    assert "1 replaced" in _add(page, "--archive", archive)
    _add(page, "--archive", fresh)
    assert _vocabulary(archive) == _vocabulary(fresh)
    assert _counts(archive) == _counts(fresh)
    db = sqlite3.connect(archive)
    hits = lambda phrase: db.execute("SELECT count(*) FROM article_index WHERE article_index MATCH ?", (phrase,)).fetchone()[0]  # noqa: E731
    assert hits('"一 泓 清"') == 0 and hits('"氢 能 站"') == 1


def _instances(path) -> list[tuple]:
    """Every token of the full-text index where it stands: row, column and position."""
    return _index_table(path, "instance", "term, doc, col, offset")


def test_issues_taken_from_the_cache_are_indexed_and_fingerprinted_as_issues_processed_afresh(tmp_path):
    cache, warm, fresh = tmp_path / "cache", tmp_path / "warm.sqlite", tmp_path / "fresh.sqlite"
    inputs = [seed("000"), seed("003")]
    result = CliRunner().invoke(main, ["build", *map(str, inputs), "-o", str(tmp_path / "out"), "-f", "json", "--cache-dir", str(cache), "--no-archive"])
    assert result.exit_code == 0, result.output
    assert "2 added" in _add(*inputs, "--archive", warm, "--cache-dir", cache)  # every article's tokens kept in the cache
    _add(*inputs, "--archive", fresh, "--no-cache")
    assert _instances(warm) == _instances(fresh) and len(_instances(warm)) > 1000
    assert _counts(warm) == _counts(fresh)
    fingerprints = lambda path: sqlite3.connect(path).execute("SELECT fingerprint FROM articles ORDER BY id").fetchall()  # noqa: E731
    assert fingerprints(warm) == fingerprints(fresh)


def test_the_same_page_given_twice_in_one_build_is_read_once(tmp_path):
    """A copy under another name (copy.txt) and the same page read another way (p0002.md beside
    p0002.txt: the name's stem, paper and date, its text a little different) in ONE build were
    both read: two issues in the briefing (`2 期`), the second's articles that did not merge
    printed again (`p0002~2-NN`), and both recorded (search found each article twice). Each is
    read once, the first given kept, and one note names the one left out."""
    archive = tmp_path / "a.sqlite"
    text = seed("000").read_text(encoding="utf-8")
    for folder, name, body in (("a", "p0002.txt", text), ("b", "p0002.md", text.replace("投诉举报监督专线", "投诉举报专线", 1)), ("c", "copy.txt", text)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_text(body, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", *(str(tmp_path / f) for f in "abc"), "--archive", str(archive), "-o", str(out), "-f", "json", "--no-cache"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    briefing = json.loads((out / "briefing.json").read_text(encoding="utf-8"))
    assert [issue["source"] for issue in briefing["generated_from"]] == ["p0002.txt"]
    assert all(article["sources"] == ["p0002.txt"] and "~" not in article["id"] for article in briefing["articles"])
    a, b, c = (tmp_path / f for f in "abc")
    assert result.stderr.splitlines() == [
        f"digest: note: {a / 'p0002.txt'}: read once: {b / 'p0002.md'} is the same page (its name, paper and date), left out",
        f"digest: note: {a / 'p0002.txt'}: read once: {c / 'copy.txt'} is the same page (its text), left out",
    ]
    assert _counts(archive)[0] == 1
    # archive add reads once too, and says so.
    result = CliRunner().invoke(main, ["archive", "add", str(a), str(c), "--archive", str(tmp_path / "b.sqlite")], catch_exceptions=False)
    assert "1 issue: 1 added" in result.output and "read once" in result.stderr
