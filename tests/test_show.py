from click.testing import CliRunner
from conftest import seed

from digest.cli import main
from digest.show import display_width, wrap


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
