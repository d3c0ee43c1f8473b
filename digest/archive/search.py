"""`digest search`: articles of the archive that hold every word of a query, best first.

Ranked by FTS5's bm25 (a match in the headline weighs twice one in the body); ties in the
order the articles were recorded, so the same archive and query give the same list. Each hit carries a snippet
of its text around the first match, every match in it marked «so».
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from ..dates import check_period
from ..errors import DigestError, json_controls_escaped
from .schema import open_for_reading, sqlite_errors
from .tokens import match_expression, query_terms

MARK_OPEN, MARK_CLOSE = "«", "»"
BEFORE, AFTER = 24, 56  # characters of context around the first match
TITLE_WEIGHT = 2.0


@dataclass
class Hit:
    id: str
    title: str | None
    paper: str
    date: str | None
    page: int | None
    kind: str
    theme: str
    snippet: str
    score: float  # bm25: lower is better (FTS5's sign)


@dataclass(frozen=True)
class Filters:
    since: dt.date | None = None
    until: dt.date | None = None
    paper: str | None = None
    county: str | None = None
    theme: str | None = None  # a section of the briefing: a theme (Lüliang articles), 省内动态 or 国内
    kind: str | None = None

    def sql(self) -> tuple[str, list]:
        clauses, values = [], []
        if self.since:
            clauses.append("a.date >= ?")
            values.append(self.since.isoformat())
        if self.until:
            clauses.append("a.date <= ?")
            values.append(self.until.isoformat())
        for column in ("paper", "kind"):
            if getattr(self, column):
                clauses.append(f"a.{column} = ?")
                values.append(getattr(self, column))
        if self.theme:
            clauses.append("a.section = ?")
            values.append(self.theme)
        if self.county:
            clauses.append("EXISTS (SELECT 1 FROM json_each(a.counties) WHERE value = ?)")
            values.append(self.county)
        return "".join(f" AND {c}" for c in clauses), values


def snippet(text: str, terms: list[str]) -> str:
    """The text around the first match of any term, every match marked; the text's start when
    no term is in the body (a headline match)."""
    flat = re.sub(r"\s+", " ", text).strip()
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    first = pattern.search(flat)
    start = max(0, first.start() - BEFORE) if first else 0
    end = min(len(flat), (first.end() if first else 0) + AFTER)
    window = pattern.sub(lambda m: f"{MARK_OPEN}{m.group()}{MARK_CLOSE}", flat[start:end])
    return ("…" if start else "") + window + ("…" if end < len(flat) else "")


def search(path: Path, query: str, filters: Filters = Filters(), limit: int = 20) -> list[Hit]:
    terms = query_terms(query)
    if not terms:
        raise DigestError("search", f"nothing to search for in {query!r}: give a word such as 氢能")
    check_period(filters.since, filters.until, "search")
    where, values = filters.sql()
    db = open_for_reading(path)
    try:
        with sqlite_errors(path):
            # Rank first on the index and the small columns, then read the texts of the hits only.
            # The index alone ranks fastest; filters look at the articles' own columns.
            joined = " JOIN articles a ON a.id = article_index.rowid" if where else ""
            ranked = db.execute(
                f"""SELECT article_index.rowid, bm25(article_index, {TITLE_WEIGHT}, 1.0) AS score FROM article_index{joined}
                    WHERE article_index MATCH ?{where} ORDER BY score, article_index.rowid LIMIT ?""",
                [match_expression(terms), *values, limit],
            ).fetchall()
            hits = []
            for row_id, score in ranked:
                article_id, title, paper, date, page, kind, section, text = db.execute(
                    "SELECT article_id, title, paper, date, page, kind, section, text FROM articles WHERE id = ?", (row_id,)
                ).fetchone()
                hits.append(Hit(article_id, title, paper, date, page, kind, section, snippet(text or "", terms), round(score, 4)))
            return hits
    finally:
        db.close()


# What each filter is compared with, the values the archive holds in the order first recorded.
_HELD = {
    "paper": ("papers", "SELECT paper FROM articles GROUP BY paper ORDER BY MIN(id)"),
    "county": ("counties", "SELECT j.value FROM articles a, json_each(a.counties) j GROUP BY j.value ORDER BY MIN(a.id)"),
    "theme": ("sections", "SELECT section FROM articles GROUP BY section ORDER BY MIN(id)"),
}
SHOWN_VALUES = 15


def unmatched_filters(path: Path, filters: Filters) -> list[str]:
    """Each --paper, --county or --theme whose value no archived article has, with the values
    the archive does hold (`--county 孝义 matches no archived article (its counties: 孝义市, 汾阳市)`):
    a mistyped or partial name (孝义 for 孝义市, 能源 for 能源转型) is why nothing was found,
    not the query's words."""
    said = []
    db = open_for_reading(path)
    try:
        with sqlite_errors(path):
            for name, (plural, sql) in _HELD.items():
                value = getattr(filters, name)
                held = [row[0] for row in db.execute(sql)] if value else []
                if value and value not in held:
                    shown = "、".join(held[:SHOWN_VALUES]) + (f" … and {len(held) - SHOWN_VALUES} more" if len(held) > SHOWN_VALUES else "")
                    said.append(f"--{name} {value} matches no archived article (its {plural}: {shown or 'none'})")
    finally:
        db.close()
    return said


def hits_json(hits: list[Hit]) -> str:
    return json_controls_escaped(json.dumps([asdict(hit) for hit in hits], ensure_ascii=False, indent=2))
