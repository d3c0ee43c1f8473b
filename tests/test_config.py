"""digest.toml: defaults for every command from the current folder or --config FILE; the
command line wins; unknown keys, wrong values and bad TOML are one-line errors."""

from __future__ import annotations

import ast
import email
import email.policy
import json
import re
import socket
from dataclasses import fields
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEEDS, one_line_error, seed

import digest.pipeline
import digest.render
from digest import settings as settings_module
from digest.cli import main
from digest.config import BuildConfig
from digest.errors import DigestError
from digest.pipeline import build_briefing
from digest.settings import KEYS, Settings, default_map, find_config, load_settings, parse_settings

ONE_ISSUE = str(seed("000"))


def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # click 8.1; later versions always keep stderr apart
    except TypeError:
        return CliRunner()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def title_of(markdown: Path) -> str:
    return markdown.read_text(encoding="utf-8").splitlines()[0]


# --- the schema ------------------------------------------------------------------------


def test_every_key_is_typed_and_documented_where_it_is_declared():
    tree = ast.parse(Path(settings_module.__file__).read_text(encoding="utf-8"))
    body = next(node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == "Settings").body
    documented = {
        statement.target.id
        for statement, following in zip(body, body[1:])
        if isinstance(statement, ast.AnnAssign) and isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant) and isinstance(following.value.value, str)
    }
    assert documented == {f.name for f in fields(Settings)}
    assert {"title", "to", "from", "smtp-host", "smtp-port", "smtp-timeout", "themes", "places", "edits", "templates", "sentences", "ranker", "out", "jobs", "cache-dir", "format", "week", "subject", "smtp-user", "starttls", "ssl", "pages", "full", "archive", "no-archive", "weeks", "by", "chart"} <= set(KEYS)


def test_default_map_gives_each_command_the_keys_it_has_options_for(tmp_path):
    path = write(tmp_path / "digest.toml", 'title = "T"\nsentences = 2\nranker = "lead"\nout = "o"\nto = "a@b.cn"\nfrom = "c@d.cn"\nsmtp-host = "mail.example.cn"\nsmtp-port = 2525\n')
    defaults = default_map(load_settings(path), main.commands)
    assert defaults["build"] == {"title": "T", "sentences": 2, "ranker": "lead", "out_dir": tmp_path / "o"}
    assert defaults["mail"] == {"title": "T", "sentences": 2, "ranker": "lead", "to": ("a@b.cn",), "sender": "c@d.cn", "smtp_host": "mail.example.cn", "smtp_port": 2525}
    assert defaults["summarize"] == {"sentences": 2, "ranker": "lead"}
    assert defaults["show"] == {"title": "T", "sentences": 2, "ranker": "lead"}  # the briefing's own first key sentence


def test_paths_are_relative_to_the_file(tmp_path):
    write(tmp_path / "conf" / "tpl" / "briefing.md.j2", "x")
    settings = load_settings(write(tmp_path / "conf" / "digest.toml", 'themes = "t.toml"\nplaces = "/abs/p.toml"\ntemplates = "tpl"\n'))
    assert settings.themes == tmp_path / "conf" / "t.toml"
    assert settings.places == Path("/abs/p.toml")
    assert settings.templates == tmp_path / "conf" / "tpl"


def test_find_config(tmp_path):
    assert find_config(None, tmp_path) is None
    write(tmp_path / "digest.toml", "")
    assert find_config(None, tmp_path) == tmp_path / "digest.toml"
    assert find_config(Path("other.toml"), tmp_path) == Path("other.toml")


@pytest.mark.parametrize(
    "text, message",
    [
        ('titel = "x"\n', "unknown key 'titel'"),
        ('[mail]\nto = "a@b.cn"\n', "unknown key 'mail'"),
        ("sentences = 0\n", "sentences must be a whole number from 1 to 20, not 0"),
        ('sentences = "3"\n', "sentences must be a whole number, not '3'"),
        ("sentences = true\n", "sentences must be a whole number, not True"),
        ("smtp-port = 70000\n", "smtp-port must be a whole number from 1 to 65535"),
        ('ranker = "bert"\n', "ranker must be one of lead, textrank, textrank4zh, not 'bert'"),
        ("title = 3\n", "title must be a string, not 3"),
        ("to = [1]\n", "to must be a string or a list of strings"),
        ("to = []\n", "to must be a string or a list of strings"),
        ("out = 1\n", "out must be a path"),
        ('templates = "missing"\n', "templates: folder missing does not exist"),
        ("title = \n", "not valid TOML: Invalid value (at line 1, column 9)"),
        ('title = "a"\ntitle = "b"\n', "not valid TOML"),
        pytest.param('date = "2025-02-30"\n', "date must be a day that exists (February 2025 has 28 days), not '2025-02-30'", id="day_that_does_not_exist"),
        pytest.param('since = "2025-13-01"\n', "since must be a day that exists (a year has 12 months), not '2025-13-01'", id="month_that_does_not_exist"),
        ('until = "2025/04/01"\n', "until must be a day written YYYY-MM-DD, not '2025/04/01'"),
    ],
)
def test_bad_settings_are_errors_naming_file_and_key(tmp_path, text, message):
    path = write(tmp_path / "digest.toml", text)
    with pytest.raises(DigestError) as caught:
        load_settings(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


def test_not_utf8_and_missing_files(tmp_path):
    latin = tmp_path / "latin.toml"
    latin.write_bytes('title = "caf\xe9"\n'.encode("latin-1"))
    with pytest.raises(DigestError, match="not UTF-8"):
        load_settings(latin)
    with pytest.raises(DigestError, match="no such configuration file"):
        load_settings(tmp_path / "nope.toml")
    with pytest.raises(DigestError, match="is a folder"):
        load_settings(tmp_path)


def test_byte_order_mark_is_not_part_of_the_toml(tmp_path):
    path = tmp_path / "digest.toml"
    path.write_bytes(b"\xef\xbb\xbf" + 'title = "测试简报"\n'.encode("utf-8"))
    assert load_settings(path).title == "测试简报"


def test_toml_nested_past_the_parsers_stack_is_one_line_error(tmp_path):
    path = tmp_path / "digest.toml"
    path.write_text("a=" + "[" * 100000 + "]" * 100000 + "\n", encoding="utf-8")
    with pytest.raises(DigestError, match="nested too deeply"):
        load_settings(path)


def test_toml_number_too_long_to_read_is_one_line_error(tmp_path):
    # tomllib raised Python's ValueError (the 4,300-digit limit of a decimal conversion): a traceback.
    path = tmp_path / "digest.toml"
    path.write_text(f"sentences = {'9' * 5000}\n", encoding="utf-8")
    with pytest.raises(DigestError, match=r"digest.toml: not valid TOML: a number of more than 4,300 digits$"):
        load_settings(path)


@pytest.mark.parametrize("option, text", [("--config", "sentences = {}\n"), ("--themes", "fallback = [{}]\n"), ("--places", "[city]\nname = [{}]\n"), ("--edits", "drop = {}\n")])
def test_a_value_too_long_to_print_is_named_in_one_short_line(tmp_path, option, text):
    # A hexadecimal number of 5,000 digits is read, but its repr in the message raised ValueError
    # (a traceback); a string of a megabyte made a message of a megabyte.
    for value, end in (("0x" + "f" * 5000, "not a number too long to print\n"), ('"' + "长" * 100_000 + '"', "长…\n")):
        path = tmp_path / "file.toml"
        path.write_text(text.format(value), encoding="utf-8")
        args = [option, str(path), "build"] if option == "--config" else ["build", option, str(path)]
        result = runner().invoke(main, [*args, ONE_ISSUE, "-o", str(tmp_path / "out"), "--no-archive"])
        assert result.exit_code == 1 and result.output.startswith(f"digest: error: {path}: "), result.output
        assert result.output.endswith(end) and len(result.output) < 300, result.output

def test_empty_file_sets_nothing(tmp_path):
    assert parse_settings({}, tmp_path / "digest.toml") == Settings()
    assert default_map(Settings(), main.commands) == {}


# --- through the command line ----------------------------------------------------------


def test_digest_toml_in_the_current_folder_sets_build_defaults(tmp_path, monkeypatch):
    write(tmp_path / "digest.toml", 'title = "本地周报"\nsentences = 1\nranker = "lead"\nout = "briefings"\n')
    monkeypatch.chdir(tmp_path)
    result = runner().invoke(main, ["build", ONE_ISSUE, "-f", "md", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["briefings/briefing.md", "briefings/briefing.json"]
    assert title_of(tmp_path / "briefings" / "briefing.md") == "# 本地周报"
    data = json.loads((tmp_path / "briefings" / "briefing.json").read_text(encoding="utf-8"))
    assert all(len(a["summary"]) == 1 for a in data["articles"])


def test_command_line_wins_over_the_file(tmp_path, monkeypatch):
    write(tmp_path / "digest.toml", 'title = "本地周报"\nout = "briefings"\n')
    monkeypatch.chdir(tmp_path)
    result = runner().invoke(main, ["build", ONE_ISSUE, "-f", "md", "--title", "命令行周报", "-o", "elsewhere"])
    assert result.exit_code == 0, result.output
    assert title_of(tmp_path / "elsewhere" / "briefing.md") == "# 命令行周报"
    assert not (tmp_path / "briefings").exists()


def test_config_option_reads_another_file_with_paths_relative_to_it(tmp_path, monkeypatch):
    write(tmp_path / "digest.toml", 'title = "不该读到"\n')  # --config replaces ./digest.toml
    write(tmp_path / "conf" / "tpl" / "briefing.md.j2", "自定义：{{ title }}\n")
    config = write(tmp_path / "conf" / "week.toml", 'title = "另一份"\ntemplates = "tpl"\nout = "out"\n')
    monkeypatch.chdir(tmp_path)
    result = runner().invoke(main, ["--config", str(config), "build", ONE_ISSUE, "-f", "md"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "conf" / "out" / "briefing.md").read_text(encoding="utf-8") == "自定义：另一份\n"


def test_no_file_keeps_the_shipped_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner().invoke(main, ["build", ONE_ISSUE, "-f", "md"])
    assert result.exit_code == 0, result.output
    assert title_of(tmp_path / "output" / "briefing.md") == "# 吕梁要闻周报"


@pytest.mark.parametrize(
    "text, expected",
    [
        ('title = "x"\ncolour = "red"\n', "digest: error: digest.toml: unknown key 'colour'"),
        ("title = [\n", "digest: error: digest.toml: not valid TOML: "),
        ("sentences = 99\n", "digest: error: digest.toml: sentences must be a whole number from 1 to 20, not 99"),
    ],
)
def test_bad_file_is_one_line_and_exit_1(tmp_path, monkeypatch, text, expected):
    write(tmp_path / "digest.toml", text)
    monkeypatch.chdir(tmp_path)
    for command in (["build", ONE_ISSUE], ["show", ONE_ISSUE], ["summarize", ONE_ISSUE]):
        error = one_line_error(runner().invoke(main, command))
        assert error.startswith(expected)
    assert not (tmp_path / "output").exists()


def test_missing_config_file_is_one_line_and_exit_1(tmp_path):
    error = one_line_error(runner().invoke(main, ["--config", str(tmp_path / "nope.toml"), "build", ONE_ISSUE]))
    assert error == f"digest: error: {tmp_path / 'nope.toml'}: no such configuration file"


def test_summarize_takes_ranker_and_sentences(tmp_path, monkeypatch):
    article = write(tmp_path / "a.txt", "第一句讲吕梁。第二句讲山西。第三句讲黄河。第四句讲生态。\n")
    write(tmp_path / "digest.toml", 'ranker = "lead"\nsentences = 2\n')
    monkeypatch.chdir(tmp_path)
    result = runner().invoke(main, ["summarize", str(article), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["summary"] == ["第一句讲吕梁。", "第二句讲山西。"]


@pytest.fixture(scope="module")
def quick_briefing():
    briefing, _ = build_briefing(BuildConfig(inputs=[ONE_ISSUE]))
    return briefing


@pytest.fixture
def quick(quick_briefing, monkeypatch):
    """`digest mail` without the seconds of a real build and PDF."""
    monkeypatch.setattr(digest.pipeline, "build_briefing", lambda config: (quick_briefing, []))
    monkeypatch.setattr(digest.render, "html_to_pdf", lambda html: b"%PDF-1.7\n")


def test_mail_takes_recipients_sender_and_server(tmp_path, monkeypatch, quick):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    write(tmp_path / "digest.toml", f'to = ["张三 <a@example.cn>", "b@example.cn"]\nfrom = "desk@example.cn"\nsmtp-host = "127.0.0.1"\nsmtp-port = {port}\n')
    monkeypatch.chdir(tmp_path)

    result = runner().invoke(main, ["mail", ONE_ISSUE, "--eml", "m.eml"])
    assert result.exit_code == 0, result.output
    message = email.message_from_bytes((tmp_path / "m.eml").read_bytes(), policy=email.policy.default)
    assert [a.addr_spec for a in message["To"].addresses] == ["a@example.cn", "b@example.cn"]
    assert message["From"].addresses[0].addr_spec == "desk@example.cn"

    result = runner().invoke(main, ["mail", ONE_ISSUE, "--to", "c@example.cn", "--eml", "n.eml"])
    message = email.message_from_bytes((tmp_path / "n.eml").read_bytes(), policy=email.policy.default)
    assert [a.addr_spec for a in message["To"].addresses] == ["c@example.cn"]  # the option replaces the list

    error = one_line_error(runner().invoke(main, ["mail", ONE_ISSUE]))  # host and port from the file
    assert f"127.0.0.1:{port}" in error


def test_jobs_and_cache_folder_from_the_file(tmp_path, monkeypatch):
    write(tmp_path / "digest.toml", 'jobs = 2\ncache-dir = "issue-cache"\n')
    monkeypatch.chdir(tmp_path)
    seen = {}
    real_build = digest.pipeline.build

    def spy(config):
        seen["jobs"], seen["cache_dir"] = config.jobs, config.cache_dir
        return real_build(config)

    monkeypatch.setattr(digest.pipeline, "build", spy)
    result = runner().invoke(main, ["build", ONE_ISSUE, "-f", "json"])
    assert result.exit_code == 0, result.output
    assert seen["jobs"] == 2
    assert Path(seen["cache_dir"]).resolve() == (tmp_path / "issue-cache").resolve()
    assert any((tmp_path / "issue-cache").iterdir())


def test_every_command_line_option_has_a_digest_toml_key():
    import click

    params = {f.metadata["param"] for f in fields(Settings)}
    missing = [f"digest {name} {'/'.join(p.opts)}" for name, command in main.commands.items() for p in command.params if isinstance(p, click.Option) and p.name not in params]
    assert not missing
    used = {p.name for command in main.commands.values() for p in command.params}
    assert params <= used  # and every key sets an option


def test_readme_documents_every_key():
    readme = (Path(settings_module.__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Configuration\n", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    documented = {line.split("=", 1)[0].strip() for line in block.splitlines() if "=" in line and not line.startswith("#")}
    assert documented == set(KEYS)


def test_new_keys_set_their_options(tmp_path):
    path = write(
        tmp_path / "digest.toml",
        'format = ["json", "md"]\nweek = "2025-W15"\ndate = "2025-04-10"\nno-cache = true\nskip-bad = true\n'
        'subject = "周报"\nsmtp-user = "desk@example.cn"\nstarttls = true\nbudget = 40\njson = true\neml = "out/b.eml"\n',
    )
    defaults = default_map(load_settings(path), main.commands)
    assert defaults["build"] == {"formats": ("json", "md"), "week": "2025-W15", "issue_date": "2025-04-10", "no_cache": True, "skip_bad": True}
    assert defaults["mail"] == {"week": "2025-W15", "issue_date": "2025-04-10", "subject": "周报", "smtp_user": "desk@example.cn", "starttls": True, "eml": tmp_path / "out" / "b.eml", "skip_bad": True}
    assert defaults["summarize"] == {"budget": 40, "as_json": True, "skip_bad": True}
    assert defaults["show"]["skip_bad"] is True and defaults["archive"]["add"]["skip_bad"] is True


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('format = ["md", "docx"]\n', "format must be one or more of md, html, pdf, json, not ['md', 'docx']"),
        ('week = "April"\n', "week must be an ISO week such as 2025-W15, or last, not 'April'"),
        ('since = "2025-4-1"\n', "since must be a day written YYYY-MM-DD, not '2025-4-1'"),
        ('starttls = "yes"\n', "starttls must be true or false, not 'yes'"),
    ],
)
def test_new_keys_are_checked(tmp_path, text, message):
    with pytest.raises(DigestError, match=re.escape(message)):
        load_settings(write(tmp_path / "digest.toml", text))


def test_format_and_week_from_the_file_shape_the_build(tmp_path, monkeypatch):
    write(tmp_path / "digest.toml", 'format = "json"\nweek = "2025-W15"\nout = "o"\n')
    monkeypatch.chdir(tmp_path)
    result = runner().invoke(main, ["build", str(SEEDS)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["briefing.json"]
    assert json.loads((tmp_path / "o" / "briefing.json").read_text(encoding="utf-8"))["period"] == "2025年第15周（4月7日—13日）"


def test_ssl_on_the_command_line_beats_starttls_from_the_file(tmp_path, monkeypatch):
    write(tmp_path / "digest.toml", 'starttls = true\nsmtp-host = "127.0.0.1"\nsmtp-port = 1\nto = "a@b.cn"\n')
    monkeypatch.chdir(tmp_path)
    both = one_line_error(runner().invoke(main, ["mail", ONE_ISSUE, "--starttls", "--ssl"]))
    assert both == "digest: error: --starttls/--ssl: give one or the other, not both"
    result = runner().invoke(main, ["mail", ONE_ISSUE, "--ssl"])
    assert "give one or the other" not in result.output
