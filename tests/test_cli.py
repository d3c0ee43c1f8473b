"""The CLI end to end on the sample issues: the files it writes, the JSON it promises, its errors."""

import json
import os
import re
import signal
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import SEEDS

from digest.cli import main

ARTICLE_FIELDS = {"id", "source", "title", "kind", "byline", "date", "places", "lvliang", "theme", "text", "summary", "keywords"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out, result


def test_build_writes_all_four_formats(built):
    out, result = built
    names = sorted(p.name for p in out.iterdir())
    assert names == ["briefing.html", "briefing.json", "briefing.md", "briefing.pdf"]
    assert sorted(line.rsplit("/", 1)[-1] for line in result.output.split()) == names


def test_json_fields(built):
    data = json.loads((built[0] / "briefing.json").read_text(encoding="utf-8"))
    assert data["title"] == "吕梁要闻周报"
    assert [g["source"] for g in data["generated_from"]] == sorted(p.name for p in SEEDS.iterdir())
    assert {g["paper"] for g in data["generated_from"]} == {"吕梁日报", "科学导报"}
    ids = {a["id"] for a in data["articles"]}
    assert set().union(*(set(t["articles"]) for t in data["themes"])) == ids
    for article in data["articles"]:
        assert ARTICLE_FIELDS <= set(article)
        assert article["kind"] in {"news", "feature", "notice", "photo", "commentary", "fragment"}
        assert isinstance(article["lvliang"], bool)
        assert article["text"] and article["summary"]
        assert all(s in article["text"] for s in article["summary"])


def test_notice_printed_in_two_issues_appears_once(built):
    data = json.loads((built[0] / "briefing.json").read_text(encoding="utf-8"))
    notices = [a for a in data["articles"] if a["title"] == "吕梁市纪委监委关于开设营商环境投诉举报监督专线的公告"]
    assert len(notices) == 1
    assert notices[0]["sources"] == ["000_27f68ec5389186af.txt", "003_cb4e2b7efa63d897.txt"]


def test_html_is_self_contained_chinese_page(built):
    html = (built[0] / "briefing.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-CN">' in html and "<style>" in html
    assert "<link" not in html and "<script" not in html
    assert "全市巩固衔接工作推进会议召开" in html


def test_pdf_has_embedded_cjk_font_and_the_titles(built):
    pdf = built[0] / "briefing.pdf"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "CJK" in fonts and "Bold" in fonts
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # every font embedded
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "全市巩固衔接工作推进会议召开" in text.replace("\n", "")
    assert "第 1 页 / 共" not in text  # the cover carries no footer
    assert "第 2 页 / 共" in text


def test_page_references_in_the_pdf_never_break(built):
    text = subprocess.run(["pdftotext", str(built[0] / "briefing.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    references = [line for line in text.splitlines() if "（第" in line]
    assert len(references) >= 5  # 本周要闻 and 数说本周 point to their articles' pages
    assert all(re.search(r"（第 \d+ 页）", line) for line in references), references
    assert not any(re.match(r"\s*(?:\d+ )?页）", line) for line in text.splitlines())


def test_kicker_above_the_title_in_print_and_under_the_heading_in_markdown(built):
    out = built[0]
    assert "### 用红色精神保护绿色生态\n\n*柳林县三交镇*\n" in (out / "briefing.md").read_text(encoding="utf-8")
    assert '<p class="kicker">柳林县三交镇</p>\n  <h3>用红色精神保护绿色生态</h3>' in (out / "briefing.html").read_text(encoding="utf-8")
    pdf = subprocess.run(["pdftotext", str(out / "briefing.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert re.search(r"柳林县三交镇\n+用红色精神保护绿色生态", pdf)
    article = next(a for a in json.loads((out / "briefing.json").read_text(encoding="utf-8"))["articles"] if a["title"] == "用红色精神保护绿色生态")
    assert article["kicker"] == "柳林县三交镇"


def test_bylines_are_names_only(built):
    articles = json.loads((built[0] / "briefing.json").read_text(encoding="utf-8"))["articles"]
    bylines = [a["byline"] for a in articles if a["byline"]]
    assert "杨凯飞" in bylines
    assert not any(re.search(r"撰|摄|(?:^|\s)文(?:\s|$)", byline) for byline in bylines), bylines


def test_generated_titles_end_at_a_clause_boundary(built):
    articles = json.loads((built[0] / "briefing.json").read_text(encoding="utf-8"))["articles"]
    for article in (a for a in articles if a["title_generated"]):
        title = article["title"]
        assert not title.endswith("…"), title
        assert re.search("[，。、；：！？]", article["text"][article["text"].index(title) + len(title)]), title


def test_markdown_is_plain_text(built):
    md = (built[0] / "briefing.md").read_text(encoding="utf-8")
    assert md.startswith("# 吕梁要闻周报\n")
    assert "<" not in md


def test_same_inputs_give_identical_outputs(built, tmp_path):
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(tmp_path)])
    assert result.exit_code == 0
    for name in ("briefing.md", "briefing.html", "briefing.json"):
        assert (tmp_path / name).read_bytes() == (built[0] / name).read_bytes()

    def pdf_text(path):
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout

    assert pdf_text(tmp_path / "briefing.pdf") == pdf_text(built[0] / "briefing.pdf")


def test_format_and_options(tmp_path):
    result = CliRunner().invoke(main, ["build", str(next(SEEDS.glob("000_*"))), "-o", str(tmp_path), "-f", "json", "--title", "测试简报", "--sentences", "1"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["briefing.json"]
    data = json.loads((tmp_path / "briefing.json").read_text(encoding="utf-8"))
    assert data["title"] == "测试简报"
    assert all(len(a["summary"]) == 1 for a in data["articles"])


@pytest.mark.parametrize(
    ("make_input", "message"),
    [
        (lambda d: d / "missing.txt", "missing.txt: no such file or folder"),
        (lambda d: (d / "empty.txt").write_text("") and d / "empty.txt" or d / "empty.txt", "empty.txt: file is empty"),
        (lambda d: (d / "photo.txt").write_bytes(bytes(range(256)) * 40) and d / "photo.txt", "photo.txt: "),
    ],
    ids=["missing", "empty", "binary"],
)
def test_bad_input_is_one_line_error_and_no_output(tmp_path, make_input, message):
    bad = make_input(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(bad), "-o", str(out)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # handled, not a crash
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())


def test_bad_file_in_a_batch_stops_before_writing(tmp_path):
    (tmp_path / "a.txt").write_text((next(SEEDS.glob("000_*"))).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02" * 500)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(tmp_path), "-o", str(out), "-f", "json"])
    assert result.exit_code == 1 and "b.txt" in result.output
    assert not out.exists()


def test_skip_bad_keeps_the_good_files(tmp_path):
    (tmp_path / "a.txt").write_text((next(SEEDS.glob("000_*"))).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02" * 500)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(tmp_path), "-o", str(out), "-f", "json", "--skip-bad"])
    assert result.exit_code == 1
    assert "skipped: " in result.output and "b.txt" in result.output
    assert json.loads((out / "briefing.json").read_text(encoding="utf-8"))["generated_from"][0]["source"] == "a.txt"


@pytest.mark.parametrize("command", [["summarize", "--json"], ["show"], ["show", "--ids"], ["mail", "--eml", "out.eml"], ["archive", "add", "--archive", "a.sqlite", "--no-cache"]])
def test_skip_bad_on_every_command_that_reads_inputs(tmp_path, command, monkeypatch):
    """One unreadable file among good ones: each command reads the rest, lists the bad one in
    one line, and exits 1; without --skip-bad it stops at the bad file."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text((next(SEEDS.glob("000_*"))).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_bytes(b"\x00\x01\x02" * 500)
    name, *options = command
    args = [name, options.pop(0), "in", *options] if name == "archive" else [name, "in", *options]
    result = CliRunner().invoke(main, [*args, "--skip-bad"])
    assert result.exit_code == 1, result.output
    assert result.output.count("digest: skipped: ") == 1 and "b.txt" in result.output and "Traceback" not in result.output
    assert "吕梁" in result.output or (tmp_path / "out.eml").is_file() or (tmp_path / "a.sqlite").is_file()
    stopped = CliRunner().invoke(main, args)
    assert stopped.exit_code == 1 and "skipped" not in stopped.output and "b.txt" in stopped.output


def test_summarize_command_json(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("孝义市首批氢能公交车正式投运。\n\n这是吕梁市第一条氢能公交线路，由鹏飞集团运营。", encoding="gb18030")
    result = CliRunner().invoke(main, ["summarize", str(path), "--json", "--sentences", "1"])
    assert result.exit_code == 0, result.output
    (item,) = json.loads(result.output)
    assert item["source"] == str(path)
    assert len(item["summary"]) == 1 and item["keywords"]


def test_summarize_budget_limits_characters(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("孝义市首批氢能公交车正式投运，开启绿色出行新时代。这是吕梁市第一条氢能公交线路，由鹏飞集团运营管理。全市氢能产业链持续壮大。", encoding="utf-8")
    result = CliRunner().invoke(main, ["summarize", str(path), "--json", "--sentences", "3", "--budget", "30"])
    assert result.exit_code == 0, result.output
    (item,) = json.loads(result.output)
    assert len(item["summary"]) == 1 and len(item["summary"][0]) <= 30


def test_templates_folder_overrides_only_the_template_it_holds(tmp_path):
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "briefing.html.j2").write_text("<p>{{ title }}：{{ articles | length }} 篇</p>\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(next(SEEDS.glob("000_*"))), "-o", str(out), "-f", "html", "-f", "md", "--templates", str(templates)])
    assert result.exit_code == 0, result.output
    assert (out / "briefing.html").read_text(encoding="utf-8").startswith("<p>吕梁要闻周报：")
    assert (out / "briefing.md").read_text(encoding="utf-8").startswith("# 吕梁要闻周报")


def test_cached_rebuild_prints_only_the_paths(tmp_path):
    args = ["build", str(next(SEEDS.glob("000_*"))), "-o", str(tmp_path), "-f", "md", "--cache-dir", str(tmp_path / "cache")]
    command = [sys.executable, "-m", "digest", *args]
    for _ in range(2):  # the second run takes the issue from the cache: jieba first loads in compose
        run = subprocess.run(command, capture_output=True, text=True, check=True)
        assert run.stdout.split() == [str(tmp_path / "briefing.md")]
        assert run.stderr == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--week", "2024-W60"], "--week"),
        (["--week", "9999-W52"], "ends after 9999-12-31"),
        (["--week", "2025-W15", "--since", "2025-04-01"], "not both"),
        (["--sentences", "0"], "--sentences"),
        (["--format", "docx"], "--format"),
    ],
)
def test_bad_option_is_one_line(args, message):
    result = CliRunner().invoke(main, ["build", str(SEEDS), *args])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert result.output.startswith("digest: error: ") and message in result.output


def test_template_error_is_one_line(tmp_path):
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "briefing.md.j2").write_text("{% for x in %}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(next(SEEDS.glob("000_*"))), "-o", str(tmp_path / "out"), "-f", "md", "--templates", str(templates)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.output.startswith("digest: error: ") and "briefing.md.j2:1: template error" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_same_file_names_in_two_folders_get_their_own_ids(tmp_path):
    text = next(SEEDS.glob("000_*")).read_text(encoding="utf-8")
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        # Another paper's page of the same name and day (the same paper's would be the same page, read once).
        (tmp_path / folder / "2025-04-11.txt").write_text(text.replace("本报讯", "科学导报讯") if folder == "b" else text, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "a"), str(tmp_path / "b"), str(tmp_path / "a"), "-o", str(tmp_path / "out"), "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "out" / "briefing.json").read_text(encoding="utf-8"))
    assert len(data["generated_from"]) == 2  # the folder given twice is read once
    ids = [a["id"] for a in data["articles"]]
    assert len(ids) == len(set(ids))
    assert all(a["sources"] == ["2025-04-11.txt", "2025-04-11.txt"] for a in data["articles"] if len(a["text"]) > 100)


def test_json_keeps_lines_that_belong_to_no_article(tmp_path):
    page = tmp_path / "2025-04-11.txt"
    page.write_text("本报讯（记者 王涛） 去年以来，我市生态修复工程全面提速，成效显著。\n\n美丽中国我先行\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(page), "-o", str(tmp_path / "out"), "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "out" / "briefing.json").read_text(encoding="utf-8"))
    assert data["generated_from"][0]["unassigned"] == [{"text": "美丽中国我先行", "reason": "headline matched no article"}]
    assert data["articles"][0]["dateline"] == "本报讯（记者 王涛）"


# A signal while the outputs are staged: it arrives in the fsync of the first one (os.fsync, the
# system call, is where it is sent from; everything else runs as it does for a user).
_SIGNAL_WHILE_WRITING = """
import os, signal, sys
number, real_fsync = getattr(signal, sys.argv[1]), os.fsync
# Run in the background of a shell without job control (`cmd &` in a script, as CI may), a
# process starts with SIGINT ignored and Python leaves it so, as digest must (a signal the
# parent ignores stays ignored): take it as a foreground process at a terminal does.
if number == signal.SIGINT and signal.getsignal(number) is signal.SIG_IGN:
    signal.signal(number, signal.default_int_handler)
def fsync(fd):
    os.kill(os.getpid(), number)
    real_fsync(fd)
os.fsync = fsync
sys.argv = ["digest", *sys.argv[2:]]
from digest.cli import main
main()
"""


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_signal_while_writing_leaves_no_temporary_file_and_is_one_line(tmp_path, name):
    out = tmp_path / "out"
    issue = next(SEEDS.glob("000_*"))
    # Under nohup (a test run started so) SIGHUP arrives ignored and stays so, as the next test
    # pins: the build here starts with it at its default, as at a terminal.
    run = subprocess.run([sys.executable, "-c", _SIGNAL_WHILE_WRITING, name, "build", str(issue), "-o", str(out), "-f", "md", "-f", "json", "--no-cache", "--no-archive"], capture_output=True, text=True,
                         preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_DFL))
    assert run.returncode == 128 + getattr(signal, name), run.stderr
    assert run.stderr == f"digest: stopped by {name}\n"
    assert list(out.iterdir()) == []  # neither the outputs nor their staged files


def test_hangup_ignored_as_under_nohup_stays_ignored(tmp_path):
    out = tmp_path / "out"
    issue = next(SEEDS.glob("000_*"))
    run = subprocess.run([sys.executable, "-c", _SIGNAL_WHILE_WRITING, "SIGHUP", "build", str(issue), "-o", str(out), "-f", "md", "--no-cache", "--no-archive"],
                         capture_output=True, text=True, preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN))
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in out.iterdir()) == ["briefing.md"]


def test_since_after_until_is_one_line_as_search_and_trends_say_it(tmp_path):
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(tmp_path / "out"), "--since", "2025-05-01", "--until", "2025-04-01"])
    assert result.exit_code == 1 and result.output == "digest: error: period: the period starts (2025-05-01) after it ends (2025-04-01)\n"
    assert not (tmp_path / "out").exists()


def test_title_with_line_breaks_is_one_line_and_starts_no_heading_of_its_own(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(next(SEEDS.glob("000_*"))), "-o", str(out), "-f", "md", "-f", "json", "--no-cache", "--no-archive", "--title", "周报\n# 伪造标题\r\n第二行"])
    assert result.exit_code == 0, result.output
    assert (out / "briefing.md").read_text(encoding="utf-8").startswith("# 周报 # 伪造标题 第二行\n")
    assert json.loads((out / "briefing.json").read_text(encoding="utf-8"))["title"] == "周报 # 伪造标题 第二行"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("command", ["summarize", "show"])
def test_a_full_standard_output_is_one_error_line_not_a_traceback(tmp_path, command):
    # `digest show … > /dev/full` (a full disk under a redirect) printed click's traceback.
    article = tmp_path / "a.txt"
    article.write_text("吕梁市召开春耕生产工作会议\n本报讯 近日，全市春耕生产工作会议召开，会议安排部署春耕备耕工作。\n", encoding="utf-8")
    with open("/dev/full", "w") as full:
        run = subprocess.run([sys.executable, "-m", "digest", command, str(article)], stdout=full, stderr=subprocess.PIPE, text=True, timeout=300)
    assert (run.returncode, run.stderr) == (1, "digest: error: standard output: cannot write: No space left on device\n")


def test_build_without_inputs_outside_the_project_folder_says_what_to_give(tmp_path, monkeypatch):
    # `digest build` run elsewhere said "seeds: no such file or folder": a name the user never typed.
    monkeypatch.chdir(tmp_path)
    for command in (["build"], ["mail", "--eml", "x.eml"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1 and result.output == ("digest: error: seeds: no such folder: name the issue files or folders to read "
                                                           "(seeds/, the sample issues, is the default in the project folder)\n")


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (["build", str(SEEDS), "--date", "2025-02-30"], "Invalid value for '--date': 2025-02-30 does not exist: February 2025 has 28 days"),
        (["build", str(SEEDS), "--date", "2024-02-30"], "Invalid value for '--date': 2024-02-30 does not exist: February 2024 has 29 days"),
        (["search", "氢能", "--since", "2025-13-01"], "Invalid value for '--since': 2025-13-01 does not exist: a year has 12 months"),
        (["trends", "--until", "2025-04-31"], "Invalid value for '--until': 2025-04-31 does not exist: April 2025 has 30 days"),
        (["archive", "add", str(SEEDS), "--date", "2025-06-00"], "Invalid value for '--date': 2025-06-00 does not exist: June 2025 has 30 days"),
        (["build", str(SEEDS), "--date", "2025/02/03"], "Invalid value for '--date': '2025/02/03' does not match the format '%Y-%m-%d'"),
    ],
)
def test_date_of_a_day_that_does_not_exist_says_so_not_that_the_format_is_wrong(command, message):
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert result.output.startswith(f"digest: error: {message}"), result.output


def test_the_commands_help_says_it_reads_the_e_papers_pdfs_too():
    """`digest --help` said 'from raw e-paper text' though build, show, mail and summarize read
    the e-paper PDFs themselves (README, Usage)."""
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0 and "PDF" in result.output.splitlines()[2]
