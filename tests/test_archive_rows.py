"""An article as a row of the archive and back: every field of briefing.json's article kept."""

from __future__ import annotations

import datetime as dt
import json

from digest.archive.rows import INSERT_ARTICLE, SELECT_ARTICLE, article_from_row, article_row, to_json
from digest.archive.schema import open_for_writing
from digest.model import KeySentence
from digest.render import article_json
from tests.conftest import make_article


def _every_field_set():
    return make_article(
        "首批氢能公交车在孝义投运。\n市民说“好”。",
        "孝义氢能公交上线",
        id="a-01", source="a.txt", sources=["a.txt", "b.txt"], paper="吕梁日报", page=2, title_generated=True, subtitle="副题", kicker="引题",
        dateline="本报讯（记者 王涛）", signature="吕梁市交通局\n2025年4月10日", kind="notice", byline="王涛", date=dt.date(2025, 4, 10),
        month_day="04-10", date_source="masthead", date_evidence="2025年4月10日", position=3, continued=["下转4版"], places=["孝义市", "吕梁"],
        counties=["孝义市"], lvliang=True, theme="能源转型", theme_terms=["氢能"], keywords=["氢能", "公交"],
        summary=[KeySentence("首批氢能公交车在孝义投运。", 0, 0.1 + 0.2), KeySentence("市民说“好”。", 1, 1e-17)], fingerprint="f" * 32,
    )  # fmt: skip


def _round_trip(tmp_path, article):
    db = open_for_writing(tmp_path / "a.sqlite")
    try:
        db.execute("INSERT INTO issues(id, source, paper, text_hash, settings, data) VALUES (1, 'a.txt', '吕梁日报', 'h', 's', '{}')")
        db.execute(INSERT_ARTICLE, article_row(7, 1, article, article.fingerprint))
        return article_from_row(db.execute(f"SELECT {SELECT_ARTICLE} FROM articles a WHERE id = 7").fetchone())
    finally:
        db.close()


def test_article_read_back_from_its_row_has_every_field_of_its_json(tmp_path):
    article = _every_field_set()
    back = _round_trip(tmp_path, article)
    assert article_json(back) == article_json(article)
    assert back.fingerprint == article.fingerprint and back.summary[0].score == 0.1 + 0.2


def test_article_with_nothing_optional_reads_back_with_nones_and_empty_lists(tmp_path):
    article = make_article("只有正文。", None, id="a-02", paper="科学导报")
    back = _round_trip(tmp_path, article)
    assert article_json(back) == article_json(article)
    assert back.title is None and back.date is None and back.page is None and back.lvliang is False and back.sources == []


def test_row_json_is_the_text_json_dumps_makes_without_cycle_checks():
    # The encoder is the C encoder called directly, without JSONEncoder's cycle checks: the
    # text must stay exactly json.dumps(…, ensure_ascii=False)'s for every kind of value a row holds.
    values = [
        {"id": "a-01", "page": 3, "score": 0.1 + 0.2, "none": None, "flags": [True, False], "nested": [{"text": '引号"、反斜杠\\、换行\n、\x00'}, []], "nan": float("nan"), "inf": float("-inf")},
        ["孝义市", "汾阳市"],
        [],
        "只是文字",
        12,
    ]
    for value in values:
        assert to_json(value) == json.dumps(value, ensure_ascii=False)
    try:
        to_json({"when": object()})
    except TypeError as error:
        assert "not JSON serializable" in str(error)
    else:
        raise AssertionError("an object JSON cannot hold was encoded")
