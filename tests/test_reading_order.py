"""benchmarks/reading_order.py: which articles a reading order lets be cut exactly at all."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from reading_order import classes  # noqa: E402

A = {"first": "方山县北武当镇今年种下核桃", "last": "村民说明年就能挂果了。"}
B = {"first": "临县图书馆新添图书两万册", "last": "周末开放到晚上八点钟。"}


def test_an_article_read_in_one_run_of_lines_is_cuttable_whatever_stray_line_stands_inside():
    lines = ["方山县北武当镇今年种下核桃", "树三千亩，", "交口县", "村民说明年就能挂果了。", "临县图书馆新添图书两万册，", "周末开放到晚上八点钟。"]
    assert classes(lines, [A, B]) == ["cuttable", "cuttable"]


def test_an_article_whose_first_line_is_read_apart_from_its_second_cannot_be_cut():
    lines = ["方山县北武当镇今年", "临县图书馆新添图书两万册，", "周末开放到晚上八点钟。", "种下核桃树三千亩，", "村民说明年就能挂果了。"]
    assert classes(lines, [A, B]) == ["first not in order", "cuttable"]


def test_an_article_with_another_start_inside_or_its_end_read_first_cannot_be_cut():
    lines = ["村民说明年就能挂果了。", "方山县北武当镇今年种下核桃树，", "临县图书馆新添图书两万册，", "周末开放到晚上八点钟。"]
    assert classes(lines, [A, B]) == ["last not after first", "cuttable"]
    lines = ["方山县北武当镇今年种下核桃树，", "临县图书馆新添图书两万册，", "村民说明年就能挂果了。", "周末开放到晚上八点钟。"]
    assert classes(lines, [A, B]) == ["another start between", "cuttable"]
