"""An article as a row of the archive's `articles` table, and back.

Since schema v7 every field of the article as briefing.json shows it (`render.article_json`)
is a column of its own; its lists (sources, continuation markers, places, theme terms,
keywords, key sentences with their positions and scores) are one JSON document, `lists`, and
its counties a JSON list, as trends and search read them. `summary` (the key sentences' texts),
`provenance` (made from paper, date and page) and `selected` are not stored but made again on
reading. Before v7 the row held the article's whole JSON: encoding it was a third of recording
a build's issues (docs/archive.md), most of it the keys and the text, written once here.
"""

from __future__ import annotations

import datetime as dt
import json

from ..cache import from_json
from ..compose import section_of
from ..model import Article, KeySentence
from ..dates import iso_week

ARTICLE_COLUMNS = (
    "id", "issue", "article_id", "source", "paper", "page", "title", "title_generated", "subtitle", "kicker", "dateline", "signature", "kind",
    "byline", "date", "month_day", "date_source", "date_evidence", "week", "position", "lvliang", "theme", "section", "counties", "fingerprint", "lists", "text",
)  # fmt: skip
INSERT_ARTICLE = f"INSERT INTO articles({', '.join(ARTICLE_COLUMNS)}) VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})"
SELECT_ARTICLE = ", ".join(f"a.{column}" for column in ARTICLE_COLUMNS[2:])  # what article_from_row reads


def _json_encoder():
    """json.dumps(value, ensure_ascii=False) for the rows' values: the stdlib's C encoder made
    once and called directly. `JSONEncoder.encode` makes a new C encoder on every call and
    checks every list and object for cycles (a dict of their ids), which rows built here from
    the model cannot hold. Without the C encoder (another Python), json.dumps's own."""
    make = json.encoder.c_make_encoder
    if make is None:
        return json.JSONEncoder(ensure_ascii=False).encode

    def unencodable(value):
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")

    encode = make(None, unencodable, json.encoder.encode_basestring, None, ": ", ", ", False, False, True)
    join = "".join
    return lambda value: join(encode(value, 0))


to_json = _json_encoder()


LIST_KEYS = {"sources", "continued", "places", "theme_terms", "keywords", "key_sentences"}  # the `lists` document's


def article_row(row_id: int, issue_id: int, article: Article, fingerprint: str) -> tuple:
    """The values of ARTICLE_COLUMNS for `article` (flags as ints: sqlite3 takes a bool, or None,
    only after asking every adapter, several thousand instructions a value)."""
    lists = {
        "sources": article.sources,
        "continued": article.continued,
        "places": article.places,
        "theme_terms": article.theme_terms,
        "keywords": article.keywords,
        "key_sentences": [{"text": s.text, "position": s.position, "score": s.score} for s in article.summary],
    }
    date = article.date
    return (
        row_id, issue_id, article.id, article.source, article.paper, article.page, article.title, int(article.title_generated), article.subtitle, article.kicker,
        article.dateline, article.signature, article.kind, article.byline, date and date.isoformat(), article.month_day, article.date_source,
        article.date_evidence, iso_week(date), article.position, int(article.lvliang), article.theme, section_of(article, {}), to_json(article.counties),
        fingerprint, to_json(lists), article.text,
    )  # fmt: skip


def article_from_row(values) -> Article:
    """The article of a row read as SELECT_ARTICLE, every field checked against the model as a
    cache entry's are (`cache.from_json`): TypeError or ValueError when the row does not fit
    (a damaged or hand-edited archive is not to crash a build somewhere downstream)."""
    (article_id, source, paper, page, title, title_generated, subtitle, kicker, dateline, signature, kind, byline, date, month_day, date_source,
     date_evidence, _week, position, lvliang, theme, _section, counties, fingerprint, lists, text) = values  # fmt: skip
    lists = json.loads(lists)
    if not isinstance(lists, dict) or lists.keys() != LIST_KEYS:
        raise TypeError(f"lists hold {sorted(lists) if isinstance(lists, dict) else type(lists).__name__}, not {sorted(LIST_KEYS)}")
    fields = dict(
        id=article_id, source=source, paper=paper, page=page, title=title, title_generated=bool(title_generated), subtitle=subtitle, kicker=kicker,
        dateline=dateline, signature=signature, kind=kind, byline=byline, date=date, month_day=month_day, date_source=date_source,
        date_evidence=date_evidence, position=position, lvliang=bool(lvliang), theme=theme, counties=json.loads(counties), fingerprint=fingerprint,
        text=text, sources=lists["sources"], continued=lists["continued"], places=lists["places"], theme_terms=lists["theme_terms"],
        keywords=lists["keywords"], summary=lists["key_sentences"], figure_cuts=[], search_tokens=[],
    )  # fmt: skip
    return from_json(Article, fields)


def article_from_json(data: dict) -> Article:
    """An article back from its JSON (render.article_json), as archives before v7 kept it."""
    fields = {key: data[key] for key in ("id", "source", "sources", "paper", "page", "title", "title_generated", "subtitle", "kicker", "dateline", "signature", "kind", "byline", "month_day", "date_source", "date_evidence", "position", "continued", "places", "counties", "lvliang", "theme", "theme_terms", "keywords", "text")}
    fields["date"] = data["date"] and dt.date.fromisoformat(data["date"])
    fields["summary"] = [KeySentence(s["text"], s["position"], s["score"]) for s in data["key_sentences"]]
    return Article(**fields)
