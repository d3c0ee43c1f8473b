"""与上周相比: in every format when the archive holds the week before, and nowhere else."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from digest.cli import main
from tests.conftest import two_weeks


def _build(folders, out, archive=None, *more):
    folders = folders if isinstance(folders, tuple) else (folders,)
    options = ["--archive", str(archive)] if archive else ["--no-archive"]
    result = CliRunner().invoke(main, ["build", *map(str, folders), "-o", str(out), "-f", "md", "-f", "html", "-f", "json", "--no-cache", *options, *more], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return {fmt: (out / f"briefing.{fmt}").read_bytes() for fmt in ("md", "html", "json")}


@pytest.fixture
def weeks(tmp_path):
    return two_weeks(tmp_path)


def test_second_week_has_the_comparison_in_every_format(weeks, tmp_path):
    first, second = weeks
    archive = tmp_path / "a.sqlite"
    _build(first, tmp_path / "w15", archive)
    built = _build(second, tmp_path / "w16", archive)
    markdown = built["md"].decode()
    assert "## 与上周相比" in markdown and "本周（2025-W16）与上周（2025-W15）" in markdown
    assert "| 孝义市 | 1 | 0 | +1 |" in markdown  # the hydrogen buses are 孝义's, in the second week only
    assert '<section id="last-week">' in built["html"].decode()
    data = json.loads(built["json"])["last_week"]
    assert data["week"] == "2025-W16" and data["previous"] == "2025-W15"
    assert {"name": "孝义市", "this_week": 1, "last_week": 0, "change": 1} in data["counties"]
    assert data["new_keywords"] and all(isinstance(k, str) for k in data["new_keywords"])


def test_without_the_week_before_the_archive_changes_no_output(weeks, tmp_path):
    first, second = weeks
    archive = tmp_path / "a.sqlite"
    assert _build(second, tmp_path / "with", archive) == _build(second, tmp_path / "without")  # W15 not archived yet
    _build(first, tmp_path / "w15", archive)
    assert _build(first, tmp_path / "w15-again", archive) == _build(first, tmp_path / "w15-plain")  # W14 is not there


def test_same_week_built_twice_gives_the_same_bytes_and_rows(weeks, tmp_path):
    first, second = weeks
    archive = tmp_path / "a.sqlite"
    _build(first, tmp_path / "w15", archive)
    once = _build(second, tmp_path / "once", archive)
    counts = sqlite3.connect(archive).execute("SELECT (SELECT count(*) FROM issues), (SELECT count(*) FROM articles)").fetchone()
    assert _build(second, tmp_path / "twice", archive) == once
    assert sqlite3.connect(archive).execute("SELECT (SELECT count(*) FROM issues), (SELECT count(*) FROM articles)").fetchone() == counts


def test_briefing_of_two_weeks_has_no_comparison(weeks, tmp_path):
    first, second = weeks
    archive = tmp_path / "a.sqlite"
    _build(first, tmp_path / "w15", archive)
    both = _build(weeks, tmp_path / "both", archive)  # both folders: W15 and W16 in one briefing
    assert b"\xe4\xb8\x8e\xe4\xb8\x8a\xe5\x91\xa8\xe7\x9b\xb8\xe6\xaf\x94" not in both["md"]  # 与上周相比
    assert "last_week" not in json.loads(both["json"])


def test_week_option_over_a_folder_of_both_weeks_compares_with_the_week_before(weeks, tmp_path):
    archive = tmp_path / "a.sqlite"
    built = _build(weeks, tmp_path / "out", archive, "--week", "2025-W16")
    assert json.loads(built["json"])["last_week"]["previous"] == "2025-W15"


@pytest.mark.parametrize("damage", [
    "UPDATE articles SET lists = '{'",  # not JSON
    "UPDATE articles SET lists = json_remove(lists, '$.keywords')",  # a field missing
    "UPDATE articles SET lists = json_set(lists, '$.keywords', 5)",  # a field of the wrong type
    "UPDATE articles SET page = 'x'",  # a column of the wrong type
    "UPDATE articles SET date = '2025-13-45'",  # no such day
    "UPDATE issues SET data = '[]'",  # an issue row that is not an object
])
def test_damaged_row_of_the_week_before_is_one_line_naming_the_archive(weeks, tmp_path, damage):
    first, second = weeks
    archive = tmp_path / "a.sqlite"
    _build(first, tmp_path / "w15", archive)
    with sqlite3.connect(archive) as db:
        db.execute(damage)
    result = CliRunner().invoke(main, ["build", str(second), "-o", str(tmp_path / "w16"), "-f", "md", "--no-cache", "--archive", str(archive)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    assert result.output.startswith(f"digest: error: {archive}: archive is damaged: 2025-W15") and result.output.count("\n") == 1, result.output
    assert not (tmp_path / "w16").exists()


def test_the_mailed_briefing_compares_with_last_week_as_the_built_one_does(weeks, tmp_path):
    # `digest mail` read no archive: the editor's e-mail lacked the 与上周相比 the PDF of `build` had.
    import email
    import email.policy

    first, second = weeks
    archive = tmp_path / "a.sqlite"
    _build(first, tmp_path / "w15", archive)
    built = _build(second, tmp_path / "w16", archive)["md"].decode()
    for options, compared in ((["--archive", str(archive)], True), (["--no-archive"], False)):
        eml = tmp_path / "m.eml"
        result = CliRunner().invoke(main, ["mail", str(second), "--eml", str(eml), *options], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
        text = message.get_body(("plain",)).get_content()
        assert ("## 与上周相比" in text) is compared and ("与上周相比" in message.get_body(("html",)).get_content()) is compared
        if compared:
            assert text.replace("\r\n", "\n") == built
