import json

from click.testing import CliRunner
from conftest import SEEDS, seed

from digest.cli import main
from digest.show import CANNOT_END, CANNOT_START, display_width, highlights, wrap


def test_wrap_counts_chinese_as_two_columns():
    lines = wrap("吕" * 50, 80, "  ")
    assert [display_width(line) for line in lines] == [80, 24]


def test_show_plain_when_not_a_terminal():
    result = CliRunner().invoke(main, ["show", str(seed("000"))])
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.output
    assert "全市巩固衔接工作推进会议召开" in result.output
    assert all(display_width(line) <= 80 for line in result.output.splitlines())


def test_show_colour_on_terminal_unless_no_color(monkeypatch):
    result = CliRunner().invoke(main, ["show", str(seed("000"))], color=True)
    assert "\x1b[" in result.output
    monkeypatch.setenv("NO_COLOR", "1")
    result = CliRunner().invoke(main, ["show", str(seed("000"))], color=True)
    assert "\x1b[" not in result.output


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation():
    for text in ["吕" * 39 + "。", "吕" * 38 + "“再就业”", "吕" * 39 + "”。好", "吕" * 38 + "（记者）", "吕" * 38 + "——好", "吕" * 39 + "，" + "吕" * 39 + "、"]:
        lines = wrap(text, 80, "  ")
        assert "".join(line[2:] for line in lines) == text
        assert all(display_width(line) <= 80 for line in lines)
        assert not any(line[2] in CANNOT_START for line in lines), lines
        assert not any(line[-1] in CANNOT_END for line in lines), lines
        assert not any(line.endswith("—") and nxt[2] == "—" for line, nxt in zip(lines, lines[1:]))


def test_show_on_the_seeds_keeps_the_line_breaking_rules_and_the_briefing_sentence(tmp_path):
    result = CliRunner().invoke(main, ["show", str(SEEDS)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert not any(line.strip() and line.strip()[0] in CANNOT_START for line in lines)
    assert not any(line.rstrip() and line.rstrip()[-1] in CANNOT_END for line in lines)
    built = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(tmp_path), "-f", "json", "--no-cache"])
    assert built.exit_code == 0, built.output
    data = json.loads((tmp_path / "briefing.json").read_text(encoding="utf-8"))
    shown = "".join(line.strip() for line in lines)
    for article in data["articles"]:
        assert article["summary"][0] in shown, article["id"]


HOSTILE = (
    "全市巩固衔接工作推进会议召开\x1b]0;pwned\x07\n"
    "本报讯（记者 王涛）4月10日，我市召开巩固衔接工作推进会议\x1b[2J\x1bc，安排部署重点工作。会议强调，要持续巩固拓展脱贫攻坚成果，"
    "坚决守住不发生规模性返贫底线，推动乡村全面振兴取得新进展。\x9b31m各级各部门要压实责任，抓好落实。\n"
)


def test_show_never_writes_an_escape_sequence_from_the_content(tmp_path):
    path = tmp_path / "2025-04-10.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    result = CliRunner().invoke(main, ["show", str(path), "--title", "简报\x1b[31m"])  # no colours: no escape of ours either
    assert result.exit_code == 0, result.output
    plain = result.output
    assert not any(ch in plain for ch in "\x1b\x07\x9b")
    assert "我市召开巩固衔接工作推进会议[2Jc，安排部署重点工作" in plain
    assert "简报\\x1b[31m" in plain  # an option's control character shown escaped


def test_html_and_json_carry_no_control_characters(tmp_path):
    path = tmp_path / "2025-04-10.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path / "out"), "-f", "html", "-f", "json", "-f", "md", "--no-cache"])
    assert result.exit_code == 0, result.output
    for name in ("briefing.html", "briefing.json", "briefing.md"):
        text = (tmp_path / "out" / name).read_text(encoding="utf-8")
        assert not any(ch in text for ch in "\x1b\x07\x9b"), name
    assert "removed 5 control characters (U+0007, U+001B ×3, U+009B)" in result.stderr


def test_show_with_workers_loads_no_pdf_library():
    # The pool's wait is spent importing WeasyPrint only when a PDF is to be made; show makes none.
    import subprocess
    import sys

    code = ("import sys; from click.testing import CliRunner; from digest.cli import main\n"
            f"result = CliRunner().invoke(main, ['show', {str(SEEDS)!r}, '-j', '2'])\n"
            "print(result.exit_code, 'weasyprint' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    assert run.stdout.split() == ["0", "False"], (run.stdout, run.stderr)


def _show_on_a_terminal(columns: int, *args: str) -> str:
    """`digest show` run with its standard output on a pseudo-terminal `columns` wide."""
    import fcntl
    import os
    import pty
    import struct
    import subprocess
    import sys
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")} | {"NO_COLOR": "1"}
    process = subprocess.Popen([sys.executable, "-m", "digest", "show", *args], stdout=follower, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the terminal's last writer has gone
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=600) == 0
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_show_on_a_narrow_terminal_wraps_every_line_to_its_width():
    # A phone's or a split pane's 40 columns: lines of 80 were wrapped by the terminal, mid-word.
    shown = _show_on_a_terminal(40, str(seed("003")))
    lines = shown.splitlines()
    assert "■" in shown and len(lines) > 10
    assert all(display_width(line) <= 40 for line in lines), [line for line in lines if display_width(line) > 40]
    assert not any(line.strip() and line.strip()[0] in CANNOT_START for line in lines)
    wide = _show_on_a_terminal(200, str(seed("003")))
    assert max(display_width(line) for line in wide.splitlines()) <= 80 < max(display_width(line) + 41 for line in wide.splitlines())
    assert wide == CliRunner().invoke(main, ["show", str(seed("003"))]).output  # wider than 80: as piped


def test_highlights_wrap_the_title_and_theme_lines_too():
    from digest.model import Briefing

    briefing = Briefing(title="吕梁要闻周报" * 6, issues=[], articles=[], sections=[])
    lines = highlights(briefing, width=30)
    assert all(display_width(line) <= 30 for _, line in lines) and "".join(line for _, line in lines) == briefing.title
