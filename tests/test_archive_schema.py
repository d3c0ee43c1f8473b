"""The archive file: versions and migrations, and the files it refuses with one line."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest
from click.testing import CliRunner

from digest.archive import schema
from digest.archive.schema import APPLICATION_ID, SCHEMA_VERSION, open_for_reading, open_for_writing, wal_after_first_write
from digest.cli import main
from digest.errors import DigestError
from digest.render import article_json
from tests.conftest import SEEDS
from tests.conftest import make_article, seed


def _version_one_archive(path):
    """An archive as the first schema version wrote it, holding one article."""
    db = sqlite3.connect(path, isolation_level=None)
    schema.MIGRATIONS[0](db)
    db.execute("PRAGMA user_version = 1")
    db.execute("INSERT INTO issues(id, source, paper, text_hash, settings, data) VALUES (1, 'a.txt', '吕梁日报', 'h', 's', '{}')")
    article = make_article("首批氢能公交车在孝义投运。", "孝义氢能公交上线", id="a-01", paper="吕梁日报", lvliang=True, theme="能源转型", counties=["孝义市"])
    db.execute(
        "INSERT INTO articles(issue, article_id, title, paper, kind, theme, lvliang, counties, fingerprint, data) VALUES (1, 'a-01', ?, '吕梁日报', 'news', '能源转型', 1, '[\"孝义市\"]', 'f', ?)",
        (article.title, json.dumps(article_json(article), ensure_ascii=False)),
    )
    db.close()


def test_new_archive_is_wal_of_this_version(tmp_path):
    db = open_for_writing(tmp_path / "sub" / "a.sqlite")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA page_size").fetchone()[0] == schema.NEW_PAGE_SIZE


def test_archive_made_with_sqlites_default_pages_keeps_them(tmp_path):
    path = tmp_path / "a.sqlite"
    _version_one_archive(path)  # 4096-byte pages, as every archive before NEW_PAGE_SIZE
    db = open_for_writing(path)
    try:
        assert db.execute("PRAGMA page_size").fetchone()[0] == 4096
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        db.close()


def test_new_archive_made_at_once_has_the_schema_the_migrations_make_step_by_step(tmp_path):
    made = open_for_writing(tmp_path / "made.sqlite")
    replayed = sqlite3.connect(tmp_path / "replayed.sqlite", isolation_level=None)
    for migrate in schema.MIGRATIONS:
        migrate(replayed)

    def described(db):
        return sorted(db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()), db.execute("PRAGMA application_id").fetchone()

    try:
        assert described(made) == described(replayed)
    finally:
        made.close()
        replayed.close()


def test_new_archive_opened_for_a_first_write_is_wal_once_it_is_written(tmp_path):
    path = tmp_path / "a.sqlite"
    db = open_for_writing(path, defer_wal=True)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # its first write goes straight into the file
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO issues(source, paper, text_hash, settings, data) VALUES ('a.txt', '吕梁日报', 'h', 's', '{}')")
    db.execute("COMMIT")
    wal_after_first_write(db)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()
    again = open_for_writing(path, defer_wal=True)  # an existing file is WAL from the start
    assert again.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    again.close()


def test_new_archive_another_process_holds_is_switched_to_wal_by_the_next_writer(tmp_path):
    path = tmp_path / "a.sqlite"
    db = open_for_writing(path, defer_wal=True)
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM issues").fetchone()  # a read transaction: the switch cannot happen now
    wal_after_first_write(db)  # no error: the recorded rows are committed either way
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    reader.execute("COMMIT")
    reader.close()
    db.close()
    writer = open_for_writing(path)
    assert writer.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    writer.close()


def test_version_one_archive_is_migrated_and_its_articles_indexed(tmp_path):
    path = tmp_path / "old.sqlite"
    _version_one_archive(path)
    with pytest.raises(DigestError, match="schema version 1"):  # reading does not upgrade
        open_for_reading(path)
    db = open_for_writing(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("SELECT rowid FROM article_index WHERE article_index MATCH '\"氢 能\"'").fetchall() == [(1,)]
    assert db.execute("SELECT section FROM articles").fetchall() == [("能源转型",)]
    db.close()
    open_for_reading(path).close()


def test_version_four_archive_of_pairs_is_indexed_again_by_characters(tmp_path):
    path = tmp_path / "v4.sqlite"
    _version_one_archive(path)
    db = sqlite3.connect(path, isolation_level=None)
    for migrate in schema.MIGRATIONS[1:4]:
        migrate(db)
    db.execute("INSERT INTO article_index(article_index) VALUES ('delete-all')")  # as version 4 indexed it: overlapping pairs
    db.execute("INSERT INTO article_index(rowid, title, body) VALUES (1, '孝义  氢能 能公 公交 交上 上线 ', '首批 批氢 氢能 ')")
    db.execute("PRAGMA user_version = 4")
    db.close()
    db = open_for_writing(path)
    try:
        assert db.execute("SELECT rowid FROM article_index WHERE article_index MATCH '\"氢 能\" AND \"孝 义\"'").fetchall() == [(1,)]
        assert db.execute("SELECT count(*) FROM article_index WHERE article_index MATCH '\"氢能\"'").fetchone() == (0,)  # no pair left
    finally:
        db.close()


def test_version_five_archive_read_by_unicode61_is_indexed_again_for_the_ascii_tokenizer(tmp_path):
    path = tmp_path / "v5.sqlite"
    _version_one_archive(path)
    db = sqlite3.connect(path, isolation_level=None)
    for migrate in (schema.MIGRATIONS[2], schema.MIGRATIONS[3]):
        migrate(db)
    # as version 5 indexed it: unicode61, which took the punctuation and upper case itself
    db.execute("CREATE VIRTUAL TABLE article_index USING fts5(title, body, content='', tokenize='unicode61 remove_diacritics 0')")
    db.execute("INSERT INTO article_index(rowid, title, body) VALUES (1, '孝 义 氢 能 公 交 上 线 \ue000', '首 批 氢 能 公 交 车 在 孝 义 投 运 \ue000 。')")
    db.execute("PRAGMA user_version = 5")
    db.close()
    db = open_for_writing(path)
    try:
        assert "tokenize='ascii'" in db.execute("SELECT sql FROM sqlite_master WHERE name = 'article_index'").fetchone()[0]
        assert db.execute("SELECT rowid FROM article_index WHERE article_index MATCH '\"氢 能\" AND \"孝 义\"'").fetchall() == [(1,)]
        assert db.execute("SELECT count(*) FROM article_index WHERE article_index MATCH '\"。\"'").fetchone() == (0,)  # punctuation is no word
    finally:
        db.close()


def test_version_six_archive_of_json_rows_gets_each_field_in_a_column_and_keeps_its_index(tmp_path):
    from digest.archive.rows import SELECT_ARTICLE, article_from_row
    from digest.archive.search import search
    from digest.archive.tokens import article_tokens
    from digest.model import KeySentence

    path = tmp_path / "v6.sqlite"
    article = make_article(
        "首批氢能公交车在孝义投运。", "孝义氢能公交上线", id="a-01", paper="吕梁日报", page=1, lvliang=True, theme="能源转型", counties=["孝义市"], keywords=["氢能"],
        date=dt.date(2025, 4, 10), summary=[KeySentence("首批氢能公交车在孝义投运。", 0, 0.1 + 0.2)], sources=["a.txt"],
    )  # fmt: skip
    data = json.dumps(article_json(article), ensure_ascii=False)  # as version 6 kept it
    db = sqlite3.connect(path, isolation_level=None)
    for migrate in schema.MIGRATIONS[:6]:
        migrate(db)
    db.execute("PRAGMA user_version = 6")
    db.execute("INSERT INTO issues(id, source, paper, date, week, text_hash, settings, data) VALUES (1, 'a.txt', '吕梁日报', '2025-04-10', '2025-W15', 'h', 's', '{}')")
    db.execute(
        "INSERT INTO articles(id, issue, article_id, title, paper, date, week, page, kind, theme, section, lvliang, counties, fingerprint, data)"
        " VALUES (5, 1, 'a-01', ?, '吕梁日报', '2025-04-10', '2025-W15', 1, 'news', '能源转型', '能源转型', 1, '[\"孝义市\"]', 'f', ?)",
        (article.title, data),
    )
    db.execute("INSERT INTO article_index(rowid, title, body) VALUES (5, ?, ?)", article_tokens(article))
    db.close()
    db = open_for_writing(path)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert "articles_before_v7" not in {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        back = article_from_row(db.execute(f"SELECT {SELECT_ARTICLE} FROM articles a WHERE id = 5").fetchone())
        assert article_json(back) == json.loads(data) and back.fingerprint == "f"
        assert db.execute("SELECT week, section, counties FROM articles").fetchall() == [("2025-W15", "能源转型", '["孝义市"]')]
    finally:
        db.close()
    (hit,) = search(path, "氢能")  # the index row kept under the article's id
    assert hit.id == "a-01" and "«氢能»" in hit.snippet


def test_newer_schema_is_refused_and_left_as_it_is(tmp_path):
    path = tmp_path / "new.sqlite"
    open_for_writing(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = path.read_bytes()
    for opener in (open_for_writing, open_for_reading):
        with pytest.raises(DigestError, match="newer than this digest reads"):
            opener(path)
    assert path.read_bytes() == before


def test_corrupt_archive_is_one_line_error_from_the_cli(tmp_path):
    path = tmp_path / "bad.sqlite"
    path.write_bytes(b"this is not an SQLite file at all " * 200)
    result = CliRunner().invoke(main, ["archive", "add", str(seed("000")), "--archive", str(path)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"digest: error: {path}: archive is damaged or not a digest archive (file is not a database)"]
    result = CliRunner().invoke(main, ["build", str(seed("000")), "--archive", str(path), "-o", str(tmp_path / "out"), "-f", "md"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_first_write_interrupted_by_a_crash_is_one_line_for_readers_and_rolled_back_by_a_writer(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "a.sqlite"
    # A first write (rollback journal) killed once pages are in the file: a hot journal left.
    crash = (
        "import os, sys; from digest.archive.schema import open_for_writing; "
        "db = open_for_writing(sys.argv[1], defer_wal=True); db.execute('PRAGMA cache_size=10'); "
        "db.execute('BEGIN IMMEDIATE'); db.execute('CREATE TABLE filler(x)'); "
        "db.executemany('INSERT INTO filler VALUES (randomblob(1000))', [()] * 3000); os._exit(1)"
    )
    subprocess.run([sys.executable, "-c", crash, str(path)], check=False)
    assert (tmp_path / "a.sqlite-journal").exists()
    result = CliRunner().invoke(main, ["search", "吕梁", "--archive", str(path)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"digest: error: {path}: a write to the archive was interrupted and left a.sqlite-journal; a writing command on this archive (`digest build` or `digest archive add` with `--archive {path}`) rolls it back"
    ]
    assert CliRunner().invoke(main, ["archive", "add", str(seed("000")), "--archive", str(path)]).exit_code == 0
    assert CliRunner().invoke(main, ["search", "吕梁", "--archive", str(path)]).exit_code == 0


def test_damaged_pages_inside_an_archive_are_one_line_error(tmp_path):
    path = tmp_path / "a.sqlite"
    CliRunner().invoke(main, ["archive", "add", str(seed("000")), "--archive", str(path)], catch_exceptions=False)
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 6] = b"\xff" * (4096 * 4)  # pages of tables and index overwritten
    path.write_bytes(bytes(data))
    result = CliRunner().invoke(main, ["archive", "add", str(seed("000")), "--archive", str(path)])
    assert result.exit_code == 1
    assert result.output.startswith(f"digest: error: {path}: archive is damaged") and result.output.count("\n") == 1


def test_another_programs_sqlite_file_is_not_taken_over(tmp_path):
    path = tmp_path / "other.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (x)")
    db.commit()
    db.close()
    with pytest.raises(DigestError, match="not a digest archive"):
        open_for_writing(path)


def test_locked_archive_is_one_line_error(tmp_path, monkeypatch):
    path = tmp_path / "a.sqlite"
    open_for_writing(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(schema, "BUSY_SECONDS", 0.2)
    try:
        result = CliRunner().invoke(main, ["archive", "add", str(seed("000")), "--archive", str(path)])
    finally:
        holder.rollback()
        holder.close()
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"digest: error: {path}: archive is locked by another process (waited 0.2 s)"]


def test_missing_archive_is_one_line_error_for_readers(tmp_path):
    with pytest.raises(DigestError, match="no archive here"):
        open_for_reading(tmp_path / "none.sqlite")
    assert not (tmp_path / "none.sqlite").exists()


@pytest.mark.parametrize("limit", [0, 100 * 1024])  # nothing, or a first write's worth
def test_archive_past_a_file_size_limit_is_not_called_damaged(tmp_path, limit):
    import resource
    import subprocess
    import sys

    archive = tmp_path / "a.sqlite"
    run = subprocess.run([sys.executable, "-m", "digest", "archive", "add", str(SEEDS), "--archive", str(archive), "--no-cache"],
                         capture_output=True, text=True, preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)))
    assert run.returncode == 1 and run.stderr.count("\n") == 1, run.stderr
    assert run.stderr.startswith(f"digest: error: {archive}: archive cannot be written: ") and "damaged" not in run.stderr


@pytest.mark.parametrize("command", [["archive", "add", str(SEEDS / "000_27f68ec5389186af.txt"), "--no-cache"], ["search", "吕梁"], ["trends"]])
def test_a_device_or_fifo_given_as_the_archive_is_named_as_such(tmp_path, command):
    import os

    fifo = tmp_path / "a.fifo"
    os.mkfifo(fifo)
    for archive, kind in (("/dev/null", "a character device"), (str(fifo), "a FIFO, a named pipe")):
        result = CliRunner().invoke(main, [*command, "--archive", archive])
        assert result.exit_code == 1 and result.output == f"digest: error: {archive}: not a regular file ({kind}), not an archive file\n"


@pytest.mark.parametrize("command", [["search", "吕梁"], ["trends"]])
def test_empty_file_given_as_the_archive_to_read_is_empty_not_schema_version_0(tmp_path, command):
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    result = CliRunner().invoke(main, [*command, "--archive", str(empty)])
    assert result.exit_code == 1
    assert result.output == f"digest: error: {empty}: file is empty, not an archive (build one with `digest build` or `digest archive add`)\n"
    blank = tmp_path / "blank.sqlite"  # an SQLite database with nothing in it
    db = sqlite3.connect(blank, isolation_level=None)
    db.execute("CREATE TABLE t (x)")
    db.execute("DROP TABLE t")
    db.close()
    result = CliRunner().invoke(main, [*command, "--archive", str(blank)])
    assert result.exit_code == 1
    assert result.output == f"digest: error: {blank}: an SQLite database with nothing in it, not an archive (build one with `digest build` or `digest archive add`)\n"
    assert empty.stat().st_size == 0  # left as it was


def test_empty_file_given_as_the_archive_to_write_becomes_one(tmp_path):
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    result = CliRunner().invoke(main, ["archive", "add", str(seed("000")), "--archive", str(empty), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert CliRunner().invoke(main, ["trends", "--archive", str(empty)]).exit_code == 0
