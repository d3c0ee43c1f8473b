import json

from click.testing import CliRunner
from conftest import SEEDS, seed

from digest.cli import main
from digest.show import CANNOT_END, CANNOT_START, display_width, wrap


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
