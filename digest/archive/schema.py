"""The archive's SQLite file: where it is, opening it, and its schema's versions.

The schema's version is SQLite's `PRAGMA user_version`; `MIGRATIONS[n]` takes a file from
version n to n + 1, so a file written by an older digest is brought up to date the first
time a writing command (`digest build`, `digest archive add`) opens it, inside one
transaction (two builds starting together migrate it once); a new file is made at this
version at once (`_create`, the same tables and indexes). A file of a newer version than
this code knows is refused, never rewritten. `PRAGMA application_id` marks the file as
ours, so another program's SQLite file is not taken over.

Writers hold SQLite's write lock for one transaction at a time (`BEGIN IMMEDIATE`) and wait
up to `BUSY_SECONDS` for it; the file is in WAL mode, so searches read while a build writes
(from its first build's commit on: that first write goes straight into the new file).
Readers open the file read-only (`mode=ro`): searching never writes to it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from pathlib import Path
from urllib.parse import quote

from ..errors import DigestError
from ..reading import what_it_is
from .tokens import TOKENIZER, index_tokens

APPLICATION_ID = 0x64676131  # "dga1": this file is a digest archive
NEW_PAGE_SIZE = 8192  # bytes, for a file made now (SQLite's default, 4096, takes ~4 ms more system time to commit a build's first write)
WRITE_CACHE_KB = 64 * 1024  # the most page cache a writer keeps (SQLite takes it only as needed)
BUSY_SECONDS = 30.0  # how long a writer waits for another writer (a build recording at the same time)


def default_path() -> Path:
    """$XDG_DATA_HOME/digest/archive.sqlite, else ~/.local/share/digest/archive.sqlite
    (an XDG_DATA_HOME that is not an absolute path is ignored, as the spec says)."""
    base = os.environ.get("XDG_DATA_HOME", "")
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "digest" / "archive.sqlite"


def _create(db: sqlite3.Connection) -> None:
    """A new file made at this version at once: what MIGRATIONS would make of it, step by step
    (tests/test_archive_schema.py holds the two the same), in a third of the statements."""
    _create_issues(db)
    _create_articles(db)
    _create_index(db)


def _create_issues(db: sqlite3.Connection) -> None:
    """Issues (unchanged since v1). An issue is known by its file name, paper and date, or by
    its text; `settings` fingerprints the code and options that processed it."""
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(
        """CREATE TABLE issues (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,          -- the file name
            paper TEXT NOT NULL,
            date TEXT,                     -- ISO date, NULL when the year is unknown
            month_day TEXT,
            week TEXT,                     -- ISO week of the date, 2025-W15
            text_hash TEXT NOT NULL,       -- sha256 of the issue's text as read
            settings TEXT NOT NULL,        -- digest.cache.settings_fingerprint of the processing
            data TEXT NOT NULL             -- the issue as in briefing.json's generated_from (JSON)
        )"""
    )
    db.execute("CREATE INDEX issues_name ON issues(source, paper)")
    db.execute("CREATE INDEX issues_text ON issues(text_hash)")


def _v1(db: sqlite3.Connection) -> None:
    """Issues and their articles (each article's JSON in one column, until v7)."""
    _create_issues(db)
    db.execute(
        """CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            issue INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
            article_id TEXT NOT NULL,      -- <file stem>-NN, as in the briefing
            title TEXT,
            paper TEXT NOT NULL,
            date TEXT,
            week TEXT,
            page INTEGER,
            kind TEXT NOT NULL,
            theme TEXT NOT NULL,
            lvliang INTEGER NOT NULL,
            counties TEXT NOT NULL,        -- JSON list
            fingerprint TEXT NOT NULL,     -- hash of the Han text: printings of one text count once
            data TEXT NOT NULL             -- the article as in briefing.json (JSON)
        )"""
    )
    db.execute("CREATE INDEX articles_issue ON articles(issue)")
    db.execute("CREATE INDEX articles_week ON articles(week)")
    db.execute("CREATE INDEX articles_date ON articles(date)")


def _v2(db: sqlite3.Connection) -> None:
    """The full-text index: titles and bodies as tokens (digest/archive/tokens.py), ranked
    with FTS5's bm25. Contentless: the text is in `articles` already; a row is removed by
    giving its tokens again (`tokens.index_tokens` is a pure function of the text)."""
    _create_index(db)
    _index_articles(db)


def _create_index(db: sqlite3.Connection) -> None:
    # Made with this code's tokenizer (versions before 6 had unicode61: _v6 makes theirs again).
    db.execute(f"CREATE VIRTUAL TABLE article_index USING fts5(title, body, content='', tokenize='{TOKENIZER}')")


def _index_articles(db: sqlite3.Connection) -> None:
    """Every article's title and text into the full-text index, as recording puts them (from
    the row's JSON: the steps that call this run on archives before v7)."""
    rows = db.execute("SELECT id, title, json_extract(data, '$.text') FROM articles").fetchall()
    db.executemany("INSERT INTO article_index(rowid, title, body) VALUES (?, ?, ?)", [(i, index_tokens(t or ""), index_tokens(b or "")) for i, t, b in rows])


def _v3(db: sqlite3.Connection) -> None:
    """An index holding every column trends counts, so counting reads the index alone and
    not the article rows (each carries its whole JSON): trends over 300 issues in a few ms."""
    db.execute("CREATE INDEX articles_counts ON articles(week, lvliang, theme, paper, fingerprint, counties)")


def _v4(db: sqlite3.Connection) -> None:
    """Each article's section as the briefing shows it (its theme when about Lüliang, else
    省内动态 or 国内: `compose.section_of`), for trends and the search's --theme; the counting
    index is made again with it."""
    import json

    from ..compose import section_of
    from .rows import article_from_json

    db.execute("ALTER TABLE articles ADD COLUMN section TEXT NOT NULL DEFAULT ''")
    rows = db.execute("SELECT id, data FROM articles").fetchall()
    db.executemany("UPDATE articles SET section = ? WHERE id = ?", [(section_of(article_from_json(json.loads(data)), {}), row_id) for row_id, data in rows])
    db.execute("DROP INDEX articles_counts")
    db.execute("CREATE INDEX articles_counts ON articles(week, section, paper, fingerprint, lvliang, counties)")


def _v5(db: sqlite3.Connection) -> None:
    """The full-text index holds single Han characters, no longer overlapping pairs
    (`tokens.index_tokens`): every article indexed again. A contentless table forgets all its
    rows at once with 'delete-all' (the old pairs cannot be given back to delete them)."""
    db.execute("INSERT INTO article_index(article_index) VALUES ('delete-all')")
    _index_articles(db)


def _v6(db: sqlite3.Connection) -> None:
    """The full-text index read by FTS5's `ascii` tokenizer, no longer `unicode61`, with
    tokens made to match (`tokens.index_tokens`): the same words found, written faster. A
    tokenizer is fixed when the table is made: the index is made again and every article indexed
    (unless _v2 just made it so, in a new file or one of version 1)."""
    made = db.execute("SELECT sql FROM sqlite_master WHERE name = 'article_index'").fetchone()[0]
    if f"tokenize='{TOKENIZER}'" in made:
        return
    db.execute("DROP TABLE article_index")
    _create_index(db)
    _index_articles(db)


def _v7(db: sqlite3.Connection) -> None:
    """Each article's fields in columns of their own (`rows.ARTICLE_COLUMNS`: the text once,
    the lists in one small JSON document), no longer the article's whole JSON, which recording
    spent a third of its time encoding. Every row is made again from its JSON under the same id,
    so the full-text index stays as it is."""
    import json

    from .rows import INSERT_ARTICLE, article_from_json, article_row

    for index in ("articles_issue", "articles_week", "articles_date", "articles_counts"):
        db.execute(f"DROP INDEX {index}")
    db.execute("ALTER TABLE articles RENAME TO articles_before_v7")
    _create_articles(db)
    earlier = db.execute("SELECT id, issue, fingerprint, data FROM articles_before_v7 ORDER BY id")  # read as they are written: an archive of any size
    db.executemany(INSERT_ARTICLE, (article_row(row_id, issue, article_from_json(json.loads(data)), fingerprint) for row_id, issue, fingerprint, data in earlier))
    db.execute("DROP TABLE articles_before_v7")


def _create_articles(db: sqlite3.Connection) -> None:
    """The articles as v7 keeps them: every field of the article in briefing.json in a column of its own (archive/rows.py)."""
    db.execute(
        """CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            issue INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
            article_id TEXT NOT NULL,      -- <file stem>-NN, as in the briefing
            source TEXT NOT NULL,          -- then every field of the article in briefing.json, as there
            paper TEXT NOT NULL,
            page INTEGER,
            title TEXT,
            title_generated INTEGER NOT NULL,
            subtitle TEXT,
            kicker TEXT,
            dateline TEXT,
            signature TEXT,
            kind TEXT NOT NULL,
            byline TEXT,
            date TEXT,
            month_day TEXT,
            date_source TEXT NOT NULL,
            date_evidence TEXT NOT NULL,
            week TEXT,                     -- ISO week of the date, 2025-W15
            position INTEGER NOT NULL,
            lvliang INTEGER NOT NULL,
            theme TEXT NOT NULL,
            section TEXT NOT NULL,         -- as the briefing shows it (compose.section_of)
            counties TEXT NOT NULL,        -- JSON list
            fingerprint TEXT NOT NULL,     -- hash of the Han text: printings of one text count once
            lists TEXT NOT NULL,           -- JSON: sources, continued, places, theme_terms, keywords, key_sentences
            text TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX articles_issue ON articles(issue)")
    db.execute("CREATE INDEX articles_date ON articles(date)")
    # No index on week alone any more: the counting index begins with it.
    db.execute("CREATE INDEX articles_counts ON articles(week, section, paper, fingerprint, lvliang, counties)")


MIGRATIONS = [_v1, _v2, _v3, _v4, _v5, _v6, _v7]  # MIGRATIONS[n] takes version n to n + 1
SCHEMA_VERSION = len(MIGRATIONS)


SQLITE_IOERR, SQLITE_FULL = 10, 13  # primary result codes (the low byte of an extended one)
# A read-only connection finding a hot rollback journal (a first write, see open_for_writing,
# interrupted by a crash) cannot roll it back; a writer can.
SQLITE_READONLY_ROLLBACK = 776


@contextlib.contextmanager
def sqlite_errors(path: Path):
    """SQLite's exceptions as one line naming the archive file."""
    try:
        yield
    except sqlite3.OperationalError as error:
        message = str(error)
        if "locked" in message or "busy" in message:
            raise DigestError(str(path), f"archive is locked by another process (waited {BUSY_SECONDS:g} s)") from None
        if getattr(error, "sqlite_errorcode", None) == SQLITE_READONLY_ROLLBACK:
            raise DigestError(str(path), f"a write to the archive was interrupted and left {path.name}-journal; a writing command on this archive (`digest build` or `digest archive add` with `--archive {path}`) rolls it back") from None
        if "readonly" in message or "read-only" in message:
            raise DigestError(str(path), "archive cannot be written (read-only file or folder)") from None
        if getattr(error, "sqlite_errorcode", 0) & 0xFF in (SQLITE_IOERR, SQLITE_FULL):  # the transaction is rolled back: the file is sound
            raise DigestError(str(path), f"archive cannot be written: {message} (the disk full, or a limit on file size?)") from None
        if "unable to open" in message:
            raise DigestError(str(path), "archive cannot be opened (missing folder or no permission)") from None
        raise DigestError(str(path), f"archive is damaged or not a digest archive ({message})") from None
    except sqlite3.DatabaseError as error:  # "file is not a database", "database disk image is malformed"
        raise DigestError(str(path), f"archive is damaged or not a digest archive ({error})") from None


def _check_version(db: sqlite3.Connection, path: Path) -> int:
    """The file's schema version; a newer one than ours or another program's file is an error."""
    # One statement, so one snapshot: read one by one, a second build's migration committing
    # in between made a new archive look like another program's database.
    version, app, tables = db.execute(
        "SELECT (SELECT user_version FROM pragma_user_version), (SELECT application_id FROM pragma_application_id),"
        " (SELECT count(*) FROM sqlite_master)"
    ).fetchone()
    if version > SCHEMA_VERSION:
        raise DigestError(str(path), f"archive has schema version {version}, newer than this digest reads (up to {SCHEMA_VERSION}); upgrade digest")
    if app != APPLICATION_ID and (version or tables):
        raise DigestError(str(path), "an SQLite database, but not a digest archive")
    return version


def _migrate(db: sqlite3.Connection, path: Path) -> None:
    """Bring the file to SCHEMA_VERSION in one write transaction (re-reading the version
    inside it: another process may have migrated it meanwhile)."""
    if _check_version(db, path) == SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        version = _check_version(db, path)
        for step in MIGRATIONS[version:] if version else [_create]:
            step(db)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        db.rollback()
        raise


def _set_wal(db: sqlite3.Connection) -> None:
    """WAL mode; switching needs a moment alone with the file, which a second build starting
    at the same time may hold, and SQLite does not wait for it: retry."""
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _regular_or_missing(path: Path) -> None:
    """A DigestError for a folder, a device, a FIFO … where the archive should be: SQLite would
    take /dev/null for a file and fail on writing it with an I/O error."""
    try:
        other = what_it_is(os.stat(path).st_mode)
    except OSError:  # missing (made when written), or SQLite says why it cannot be opened
        return
    if other is not None:
        raise DigestError(str(path), "is a folder, not an archive file" if other == "a folder" else f"not a regular file ({other}), not an archive file")


def open_for_writing(path: Path, defer_wal: bool = False) -> sqlite3.Connection:
    """The archive at `path`, created (with its folder) when missing and migrated to this
    version. Autocommit: callers open their own transactions (`BEGIN IMMEDIATE`).

    With `defer_wal`, a file this call creates stays in SQLite's rollback-journal mode until
    the caller's first transaction is committed and `wal_after_first_write` is called: a new
    archive's first write is all new pages, which a rollback journal writes once, straight
    into the file, where WAL writes each twice (into the log, then again at the checkpoint
    its commit sets off). Just as safe (a crash leaves the file as it was, once a writer has
    rolled back the journal it leaves: readers cannot, and say so); other processes
    wait for the commit instead of reading beside it, once."""
    path = Path(path)
    new = not path.exists()
    created = defer_wal and new
    _regular_or_missing(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DigestError(str(path), f"cannot create the archive's folder: {error.strerror or error}") from None
    with sqlite_errors(path):
        db = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
        try:
            if new:  # only a file with nothing in it yet takes a page size
                db.execute(f"PRAGMA page_size = {NEW_PAGE_SIZE}")
            _check_version(db, path)  # before anything is written: a foreign or newer file is left as it is
            if not created:
                _set_wal(db)
            db.execute("PRAGMA foreign_keys = ON")
            # WAL: durable at checkpoints, never corrupt; a rollback journal needs FULL for that.
            db.execute(f"PRAGMA synchronous = {'FULL' if created else 'NORMAL'}")
            # A build's rows and index are one transaction of a few MB: held in memory until the
            # commit, not spilled to the WAL page by page (which doubled the index's writing time).
            db.execute(f"PRAGMA cache_size = -{WRITE_CACHE_KB}")
            _migrate(db, path)
        except BaseException:
            db.close()
            raise
    return db


def wal_after_first_write(db: sqlite3.Connection) -> None:
    """WAL mode, if `open_for_writing(defer_wal=True)` left a new file without it (a no-op
    otherwise). The switch needs the file alone for a moment: when another process holds it,
    the file is left as it is, and the next writer to open it switches it."""
    if db.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
        return
    try:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.OperationalError as error:
        if "locked" not in str(error):
            raise


def _read_only_uri(path: Path) -> str:
    """`mode=ro`; and in a folder we cannot write to, where SQLite could not make the WAL's
    shared-memory file, `immutable=1` (nobody can be writing there either)."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    if not os.access(path.parent, os.W_OK) and not path.with_name(path.name + "-shm").exists():
        uri += "&immutable=1"
    return uri


def open_for_reading(path: Path) -> sqlite3.Connection:
    """The archive at `path`, read-only; it must exist and be of this schema version."""
    path = Path(path)
    _regular_or_missing(path)
    if not path.is_file():
        raise DigestError(str(path), "no archive here (build one with `digest build` or `digest archive add`)")
    with sqlite_errors(path):
        db = sqlite3.connect(_read_only_uri(path), uri=True, timeout=BUSY_SECONDS, isolation_level=None)
        try:
            version = _check_version(db, path)
            if not version:  # what a writer would make a new archive of; SQLite reads an empty file as an empty database
                what = "file is empty" if not path.stat().st_size else "an SQLite database with nothing in it"
                raise DigestError(str(path), f"{what}, not an archive (build one with `digest build` or `digest archive add`)")
            if version < SCHEMA_VERSION:
                raise DigestError(str(path), f"archive has schema version {version}; any writing command (`digest archive add`, `digest build`) upgrades it to {SCHEMA_VERSION}")
        except BaseException:
            db.close()
            raise
    return db
