"""The editor's last word: `digest build --edits FILE` drops, pins, retitles, refiles and adds a note."""

import json
from email import message_from_bytes, policy

import pytest
from click.testing import CliRunner
from conftest import seed

from digest.cli import main
from digest.compose import compose
from digest.edits import load_edits
from digest.enrich import load_themes
from digest.errors import DigestError
from digest.note import note_html
from digest.render import Renderer, environment

INPUTS = [str(seed("000")), str(seed("004"))]
DROPPED, PINNED, RETITLED, REFILED = "000_27f68ec5389186af-08", "004_3620d4e266fd140a-09", "004_3620d4e266fd140a-02", "000_27f68ec5389186af-04"


def write_edits(folder, body: str, note: str | None = "本周**重要**：请关注生态环保。\n"):
    if note is not None:
        (folder / "note.md").write_text(note, encoding="utf-8")
    path = folder / "edits.toml"
    path.write_text(body, encoding="utf-8")
    return path


EDITS = f'''
drop = ["{DROPPED}"]
pin = ["{PINNED}"]
note = "note.md"
[titles]
"{RETITLED}" = "我市多部门联合推进科技金融"
[themes]
"{REFILED}" = "生态环保"
'''


def build(tmp_path, *args):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", *INPUTS, "-o", str(out), "--no-cache", *args])
    return result, out


def test_edits_drop_pin_retitle_refile_and_note(tmp_path):
    result, out = build(tmp_path, "-f", "json", "-f", "html", "-f", "md", "--edits", str(write_edits(tmp_path, EDITS)))
    assert result.exit_code == 0, result.output
    data = json.loads((out / "briefing.json").read_text(encoding="utf-8"))
    ids = [a["id"] for a in data["articles"]]
    assert DROPPED not in ids and all(DROPPED not in s["articles"] for s in data["themes"])
    assert data["top_stories"][0] == PINNED
    assert next(a for a in data["articles"] if a["id"] == RETITLED)["title"] == "我市多部门联合推进科技金融"
    assert REFILED in next(s for s in data["themes"] if s["name"] == "生态环保")["articles"]
    assert data["note"] == "本周**重要**：请关注生态环保。"
    html = (out / "briefing.html").read_text(encoding="utf-8")
    assert "<h2>编者按</h2>" in html and "<strong>重要</strong>" in html
    assert html.index("编者按") < html.index("本周要闻</h2>")
    markdown = (out / "briefing.md").read_text(encoding="utf-8")
    assert "## 编者按\n\n本周**重要**：请关注生态环保。\n" in markdown  # kept as Markdown


def test_pins_lead_top_stories_in_the_order_given(tmp_path):
    first, second = "000_27f68ec5389186af-03", PINNED
    result, out = build(tmp_path, "-f", "json", "--edits", str(write_edits(tmp_path, f'pin = ["{first}", "{second}"]\n', note=None)))
    assert result.exit_code == 0, result.output
    top = json.loads((out / "briefing.json").read_text(encoding="utf-8"))["top_stories"]
    assert top[:2] == [first, second] and len(top) == 5 and len(set(top)) == 5


def test_unknown_id_is_one_line_error_naming_it(tmp_path):
    path = write_edits(tmp_path, 'drop = ["000_27f68ec5389186af-99"]\n', note=None)
    result, out = build(tmp_path, "-f", "json", "--edits", str(path))
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"digest: error: {path}: drop: no article 000_27f68ec5389186af-99 in this briefing (see 'digest show --ids')"]
    assert not out.exists()


def test_edits_from_digest_toml(tmp_path, monkeypatch):
    write_edits(tmp_path, f'pin = ["{PINNED}"]\n', note=None)
    (tmp_path / "digest.toml").write_text('edits = "edits.toml"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result, out = build(tmp_path, "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads((out / "briefing.json").read_text(encoding="utf-8"))["top_stories"][0] == PINNED


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('dorp = ["a"]\n', "unknown key 'dorp' (known keys: drop, pin, titles, themes, note)"),
        ('drop = "a"\n', "drop must be a list of article ids (strings), not 'a'"),
        ('pin = ["a", "a"]\n', "pin: a is listed twice"),
        ('drop = ["a", "b", "b", "a"]\n', "drop: a is listed twice"),  # the first listed of those repeated (counted once, not per id)
        ('drop = ["a"]\npin = ["a"]\n', "a is both dropped and in pin"),
        ('[titles]\na = ""\n', "titles.a must be a non-empty string (the new title), not ''"),
        ('titles = "x"\n', "titles must be a table of article id = the new title, not 'x'"),
        ("note = 3\n", "note must be the path of a Markdown file (a string), not 3"),
        ("drop = [\n", "not valid TOML"),
        # Keys are ids with their spaces taken off, as list items are: one silently replaced the other.
        ('[titles]\n" a" = "x"\n"a" = "y"\n', "titles: a is listed twice"),
        ('[themes]\n"a" = "其他"\n"a " = "国内"\n', "themes: a is listed twice"),
    ],
    ids=["unknown-key", "drop-not-list", "pinned-twice", "first-of-the-repeated-named", "dropped-and-pinned", "empty-title", "titles-not-table", "note-not-path", "bad-toml",
         "title-id-twice-but-for-spaces", "theme-id-twice-but-for-spaces"],
)
def test_bad_edits_file_is_a_clear_error(tmp_path, body, message):
    path = write_edits(tmp_path, body, note=None)
    with pytest.raises(DigestError) as error:
        load_edits(path)
    assert error.value.path == str(path) and message in error.value.problem


def test_missing_note_file_names_it(tmp_path):
    path = write_edits(tmp_path, 'note = "nowhere.md"\n', note=None)
    with pytest.raises(DigestError, match="nowhere.md: cannot read"):
        load_edits(path)


def test_unknown_theme_names_the_themes(tmp_path):
    from conftest import make_article, make_issue

    issue = make_issue("x", source="a.txt")
    issue.articles = [make_article("吕梁市召开会议。", "会议", id="a-01", lvliang=True, theme="党建政务")]
    edits = load_edits(write_edits(tmp_path, '[themes]\n"a-01" = "体育"\n', note=None))
    with pytest.raises(DigestError, match=r"themes.a-01: unknown theme '体育' \(themes: 生态环保, "):
        compose([issue], "t", load_themes(), [], edits)


def test_retitle_does_not_reorder_top_stories(tmp_path):
    _, out = build(tmp_path, "-f", "json")
    before = json.loads((out / "briefing.json").read_text(encoding="utf-8"))["top_stories"]
    result, out = build(tmp_path, "-f", "json", "--edits", str(write_edits(tmp_path, f'[titles]\n"{RETITLED}" = "市委书记调研"\n', note=None)))
    assert result.exit_code == 0, result.output
    after = json.loads((out / "briefing.json").read_text(encoding="utf-8"))
    assert after["top_stories"] == before and RETITLED not in before
    assert next(a for a in after["articles"] if a["id"] == RETITLED)["title_generated"] is False


def test_note_raw_html_links_and_images_are_defanged():
    html = str(note_html("**重要**<script>alert(1)</script>\n\n<div onclick=x>块</div>\n\n[坏](javascript:alert(1)) [好](https://example.cn) ![图](file:///etc/passwd)"))
    assert "<strong>重要</strong>" in html
    assert "<script" not in html and "<div" not in html and "&lt;script&gt;" in html
    assert "javascript:" not in html and '<a href="https://example.cn">好</a>' in html
    assert "<img" not in html and "file:" not in html and "图" in html


def test_note_in_the_pdf_and_mail(tmp_path):
    edits = write_edits(tmp_path, 'note = "note.md"\n')
    eml = tmp_path / "b.eml"
    result = CliRunner().invoke(main, ["mail", INPUTS[0], "--edits", str(edits), "--eml", str(eml)])
    assert result.exit_code == 0, result.output
    message = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert "<strong>重要</strong>" in message.get_body(("html",)).get_content()
    assert "本周**重要**" in message.get_body(("plain",)).get_content()
    from digest.config import BuildConfig
    from digest.pipeline import build_briefing

    briefing, _ = build_briefing(BuildConfig(inputs=[INPUTS[0]], edits_file=edits))
    assert "<strong>重要</strong>" in Renderer(environment()).render_template("pdf", briefing)


def test_show_ids_lists_every_article_and_ids_are_stable():
    runs = [CliRunner().invoke(main, ["show", *INPUTS, "--ids"]) for _ in range(2)]
    assert runs[0].exit_code == 0, runs[0].output
    lines = runs[0].output.splitlines()
    assert lines[0] == "000_27f68ec5389186af-01  吕梁市纪委监委关于开设营商环境投诉举报监督专线的公告"
    assert len(lines) == 18 and runs[1].output == runs[0].output


def test_note_that_is_not_a_regular_file_is_refused(tmp_path):
    import os

    os.mkfifo(tmp_path / "fifo.md")
    path = write_edits(tmp_path, 'note = "fifo.md"\n', note=None)
    with pytest.raises(DigestError, match="not a regular file"):
        load_edits(path)


def test_a_note_that_is_not_markdown_or_links_to_a_file_that_is_not_is_refused_unread(tmp_path):
    # The note is printed in the briefing and mailed with it: a digest.toml in someone else's
    # folder naming edits whose note was /etc/passwd put this machine's accounts in the briefing.
    path = write_edits(tmp_path, 'note = "/etc/passwd"\n', note=None)
    with pytest.raises(DigestError, match=r"^/etc/passwd: the editor's note must be a Markdown file \(\.md\), not /etc/passwd$"):
        load_edits(path)
    (tmp_path / "note.md").symlink_to("/etc/passwd")
    path = write_edits(tmp_path, 'note = "note.md"\n', note=None)
    with pytest.raises(DigestError, match=r"note.md: the editor's note must be a Markdown file \(\.md\), not /etc/passwd$"):
        load_edits(path)


def test_note_that_markdown_would_take_hours_on_is_one_line_naming_it(tmp_path, monkeypatch):
    """`markdown` reads links in time quadratic in unmatched brackets: 8,000 `[` took 27 s."""
    import digest.note

    monkeypatch.setattr(digest.note, "NOTE_CPU", 1)
    path = write_edits(tmp_path, 'note = "note.md"\n', note="[" * 30_000)
    with pytest.raises(DigestError) as error:
        load_edits(path)
    assert str(error.value) == f"{tmp_path / 'note.md'}: rendering it as Markdown takes more than 1 s of CPU"


def test_a_briefing_the_edits_left_empty_says_the_editor_dropped_them_not_none_found(tmp_path):
    ids = [line.split()[0] for line in CliRunner().invoke(main, ["show", "--ids", INPUTS[0]]).output.splitlines() if line.strip()]
    assert len(ids) > 5
    drop = ", ".join(f'"{i}"' for i in ids)
    result = CliRunner().invoke(main, ["build", INPUTS[0], "-o", str(tmp_path / "out"), "--no-cache", "-f", "md", "-f", "html",
                                       "--edits", str(write_edits(tmp_path, f"drop = [{drop}]\n", note=None))])
    assert result.exit_code == 0, result.output
    for name in ("briefing.md", "briefing.html"):
        text = (tmp_path / "out" / name).read_text(encoding="utf-8")
        assert f"编者删去了本期全部 {len(ids)} 篇文章。" in text and "本期未找到文章" not in text


def test_the_archive_keeps_the_issues_as_the_papers_printed_them_not_the_editors_edits(tmp_path):
    """A decision (README, The archive: What is kept): the archive is the record of the papers,
    which many briefings (a week's, a month's, each with its edits file or none) are made from;
    an edits file is one circulation's word. A dropped article is still found and counted, a
    retitled one under the headline printed, a refiled one in the section it was classified in."""
    archive = tmp_path / "a.sqlite"
    plain, out = build(tmp_path, "-f", "json", "--no-archive")
    printed = {a["id"]: a for a in json.loads((out / "briefing.json").read_text(encoding="utf-8"))["articles"]}
    result, out = build(tmp_path, "-f", "json", "--archive", str(archive), "--edits", str(write_edits(tmp_path, EDITS)))
    assert plain.exit_code == 0 and result.exit_code == 0, result.output
    found = json.loads(CliRunner().invoke(main, ["search", printed[DROPPED]["title"], "--archive", str(archive), "--json"]).output)
    assert DROPPED in [hit["id"] for hit in found]
    found = json.loads(CliRunner().invoke(main, ["search", printed[RETITLED]["title"][:8], "--archive", str(archive), "--json"]).output)
    assert [hit["title"] for hit in found if hit["id"] == RETITLED] == [printed[RETITLED]["title"]]
    weeks = json.loads(CliRunner().invoke(main, ["trends", "--archive", str(archive), "--json", "--since", "2025-04-07", "--until", "2025-04-13"]).output)["weeks"]
    assert printed[REFILED]["theme"] != "生态环保"
    theme = printed[REFILED]["theme"]
    assert printed[REFILED]["lvliang"] and printed[DROPPED]["date"] == "2025-04-10"
    week = [a for a in printed.values() if a["date"] == "2025-04-10"]
    assert weeks["2025-W15"][theme] == sum(1 for a in week if a["lvliang"] and a["theme"] == theme)
    assert sum(weeks["2025-W15"].values()) == len(week)  # the dropped one too
