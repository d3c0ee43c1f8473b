"""Recording processed issues into the archive: each issue's rows replaced, never duplicated.

An issue is known by its file name (its stem: p0002.txt and p0002.pdf are one page read two
ways), paper and date (the same page extracted again, even with other text) or by its text
(the same file under another name). Recording an issue removes the rows of every archived
issue it matches either way, then writes its own, in one
transaction with the others of the build; an issue already recorded with the same text and
the same processing settings (code, options: `cache.settings_fingerprint`) is left as it is,
so a rebuild of the same week writes nothing, and an article recorded again with the same
headline and text keeps its row of the full-text index. (Article ids come from the file name: the
same text under another name is recorded again.)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..cache import text_hash as raw_text_hash
from ..clean import han_only
from ..dates import iso_week
from ..ingest import SUFFIXES
from ..model import Article, Issue
from ..render import issue_json
from .rows import INSERT_ARTICLE, article_row, to_json
from .schema import open_for_writing, sqlite_errors, wal_after_first_write
from .tokens import article_tokens, index_tokens


@dataclass
class RecordStats:
    added: int = 0  # issues new to the archive
    replaced: int = 0  # issues whose earlier rows were replaced
    unchanged: int = 0  # issues already recorded as they are


def text_hash(issue: Issue) -> str:
    return raw_text_hash(issue.raw)  # the cache's, usually made already by its lookup


def fingerprint(article: Article) -> str:
    """Printings of the same text (the same notice in two issues) share this."""
    return hashlib.sha256(han_only(article.text).encode("utf-8")).hexdigest()[:32]


class _Rows:
    """The rows a build writes, gathered and written with one executemany per table. Row ids
    are given here (the next after the largest, as SQLite would): the index's rows need them.
    Each article's row and tokens are made as SQLite takes them (generators, not lists), so
    every one reuses the memory of the one before instead of a build's worth of fresh pages.

    An issue recorded again (other settings, a newer digest) mostly prints the same articles:
    an article whose headline and text are those of an article of the issue it replaces keeps
    that row's id and so its full-text row (the index holds nothing but those two), and only
    the others are taken out of the index and put in again. Indexing is most of recording."""

    def __init__(self, db):
        self.db = db
        self.issues: list[tuple] = []
        self.articles: list[tuple[int, int, Article]] = []  # (row id, issue row id, article)
        self.index: list[tuple[int, Article]] = []  # (row id, article) of the articles to index
        self.replaced: set[int] = set()  # earlier issues to remove with their articles (this call's are not earlier)
        self.stale: list[tuple] = []  # (row id, headline, text) of their articles no new one reuses
        self.next_issue, self.next_article = (n + 1 for n in db.execute("SELECT (SELECT coalesce(max(id), 0) FROM issues), (SELECT coalesce(max(id), 0) FROM articles)").fetchone())

    def add(self, issue: Issue, hashed: str, settings: str, replaces: list[int]) -> int:
        """An issue and its articles to write, in place of the earlier issues `replaces`; its row id."""
        reusable: dict[tuple, list[int]] = {}  # (headline, text) -> row ids of the replaced issues' articles
        if replaces:
            marks = ", ".join("?" * len(replaces))
            for row_id, title, text in self.db.execute(f"SELECT id, title, text FROM articles WHERE issue IN ({marks}) ORDER BY id", replaces):
                reusable.setdefault((title, text or ""), []).append(row_id)
            self.replaced.update(replaces)
        issue_id = self.next_issue
        self.next_issue += 1
        self.issues.append((issue_id, issue.source, issue.paper, issue.date and issue.date.isoformat(), issue.month_day, iso_week(issue.date), hashed, settings, to_json(issue_json(issue))))
        for article in issue.articles:
            same = reusable.get((article.title, article.text))
            if same:
                row = same.pop(0)  # its index row stays as it is
            else:
                row, self.next_article = self.next_article, self.next_article + 1
                self.index.append((row, article))
            self.articles.append((row, issue_id, article))
        self.stale.extend((row, title, text) for (title, text), rows in reusable.items() for row in rows)
        return issue_id

    def write(self) -> None:
        """Earlier rows out (the contentless index is told each dropped row's tokens), then the new ones in."""
        self.db.executemany("INSERT INTO article_index(article_index, rowid, title, body) VALUES ('delete', ?, ?, ?)", ((row, index_tokens(title or ""), index_tokens(text)) for row, title, text in self.stale))
        self.db.executemany("DELETE FROM issues WHERE id = ?", [(issue_id,) for issue_id in sorted(self.replaced)])  # their articles go with them (ON DELETE CASCADE)
        self.db.executemany("INSERT INTO issues(id, source, paper, date, month_day, week, text_hash, settings, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", self.issues)
        self.db.executemany(INSERT_ARTICLE, (article_row(row, issue_id, article, article.fingerprint or fingerprint(article)) for row, issue_id, article in self.articles))
        # An article processed by this digest carries its tokens (made with it, kept in the cache).
        self.db.executemany("INSERT INTO article_index(rowid, title, body) VALUES (?, ?, ?)", ((row, *(article.search_tokens or article_tokens(article))) for row, article in self.index))


def same_page_names(source: str) -> list[str]:
    """The file names an issue read again may have had: its own, and its stem with each suffix
    digest reads (p0002.txt from pdftotext last month, p0002.pdf now; article ids come from the
    stem, so they were the same ids twice)."""
    stem = Path(source).stem
    return list(dict.fromkeys([source, *(stem + suffix for suffix in SUFFIXES), *(stem + suffix.upper() for suffix in SUFFIXES)]))


def record_issues(path: Path, issues: list[Issue], settings: str) -> RecordStats:
    """Record processed `issues` (articles with their ids) into the archive at `path`."""
    stats = RecordStats()
    db = open_for_writing(path, defer_wal=True)
    try:
        with sqlite_errors(path):
            db.execute("BEGIN IMMEDIATE")
            try:
                written: set[int] = set()  # rows of this call: two files of one name in one build are both kept
                rows = _Rows(db)
                for issue in issues:
                    hashed = text_hash(issue)
                    names = same_page_names(issue.source)
                    matches = db.execute(
                        f"SELECT id, text_hash, settings, source FROM issues WHERE text_hash = ? OR (source IN ({', '.join('?' * len(names))}) AND paper = ? AND date IS ? AND month_day IS ?)",
                        (hashed, *names, issue.paper, issue.date and issue.date.isoformat(), issue.month_day),
                    ).fetchall()
                    earlier = [row for row in matches if row[0] not in written and row[0] not in rows.replaced]
                    if len(earlier) == 1 and earlier[0][1:] == (hashed, settings, issue.source):
                        stats.unchanged += 1
                        written.add(earlier[0][0])
                        continue
                    written.add(rows.add(issue, hashed, settings, [row[0] for row in earlier]))
                    if earlier:
                        stats.replaced += 1
                    else:
                        stats.added += 1
                rows.write()
                db.execute("COMMIT")
            except BaseException:
                db.rollback()
                raise
            wal_after_first_write(db)
    finally:
        db.close()
    return stats
