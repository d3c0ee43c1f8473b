"""Newsroom labels: datelines and photo credits, as segmentation and key sentences read them."""

from __future__ import annotations

import re

import pytest

from digest.credits import DATELINE, clean_byline, photo_credit


@pytest.mark.parametrize(
    "line, names",
    [
        ("记者 郭炳中 摄", "郭炳中"),
        ("展开的山水画卷。（郭炳中 摄）", "郭炳中"),
        ("■整理编辑：王琪 记者 杜爱清 摄", "王琪 杜爱清"),
        ("通讯员 王五 供图", "王五"),
        ("守护群众出行平安。侯利军 薛汇宇 供图", "侯利军 薛汇宇"),
        # five names run together after the role, no space glyph between them
        ("本报记者徐瑞刚徐翔牛红岩田雨郭赟摄", "徐瑞刚徐翔牛红岩田雨郭赟"),
    ],
)
def test_photo_credit_and_its_names(line, names):
    assert photo_credit(line)[1] == names


@pytest.mark.parametrize(
    "line, kept, names",
    [
        ("■整理编辑：王琪 记者 杜爱清 摄", "■整理编辑：王琪", "杜爱清"),
        ("的双赢。责任编辑 王琪 通讯员 王五 供图", "的双赢。责任编辑 王琪", "王五"),
        ("■整理编辑：王琪 杜爱清 摄", "■整理编辑：王琪", "杜爱清"),
        ("记者 郭炳中 摄", "", "郭炳中"),  # no editor: all of it is the photo credit
    ],
)
def test_an_editors_credit_kept_out_of_the_photo_credit_on_request(line, kept, names):
    start, credit = photo_credit(line, keep_editors=True)
    assert line[:start].rstrip() == kept and credit == names


@pytest.mark.parametrize("line", ["他说今天要去拍摄。", "记者走进企业车间，看到工人们正在忙碌", "界才会变得更加美好。在影片拍摄", "记者在现场看到工人们正在拍摄"])
def test_text_is_no_photo_credit(line):
    assert photo_credit(line) is None


@pytest.mark.parametrize("text", ["本报讯", "黄河新闻网吕梁讯（王某 李某）", "新华社太原3月24日电", "本报临汾消息", "南都讯 记者刘凡"])
def test_datelines(text):
    assert re.match(DATELINE, text)


@pytest.mark.parametrize("text", ["喜讯传来", "通讯员王某介绍", "资讯服务平台上线"])
def test_words_are_no_datelines(text):
    assert not re.match(DATELINE, text)


@pytest.mark.parametrize(
    ("byline", "names"),
    [("杨凯飞撰", "杨凯飞"), ("张三 摄", "张三"), ("文/李四", "李四"), ("文：王五 图：赵六", "王五 赵六"), ("李文", "李文"), ("冯增清 阴志如", "冯增清 阴志如"), ("摄", None),
     ("本报综合", None), ("综合报道", None), ("王综合", "王综合")],
)
def test_byline_is_names_only(byline, names):
    assert clean_byline(byline) == names


def test_a_name_printed_twice_is_named_once_and_the_repeat_recorded():
    removed = []
    assert clean_byline("侯利军\u3000侯利军", removed) == "侯利军"
    assert removed == ["侯利军"]


def test_the_issues_own_paper_label_goes_from_a_byline_and_another_papers_stays():
    removed = []
    assert clean_byline("科学导报记者 马骏", removed, paper="科学导报") == "马骏"
    assert clean_byline("山西日报记者 王晓明", removed, paper="科学导报") == "山西日报记者 王晓明"
    assert removed == ["科学导报记者"]


@pytest.mark.parametrize(
    ("byline", "names", "labels"),
    [
        ("记者韩旭", "韩旭", ["记者"]),
        ("记者 韩旭", "韩旭", ["记者"]),
        ("本报记者张三", "张三", ["本报记者"]),
        ("实习记者李四 通讯员王五", "李四 王五", ["实习记者", "通讯员"]),
        ("记者张娟娟李江姗", "张娟娟李江姗", ["记者"]),  # names run together stay one: where to cut them is not printed
        ("山西日报记者 王晓明", "山西日报记者 王晓明", []),  # another paper's label stays
    ],
)
def test_a_role_label_before_a_name_glued_to_it_or_not_is_a_label_not_part_of_the_name(byline, names, labels):
    removed = []
    assert clean_byline(byline, removed, paper="吕梁日报") == names
    assert removed == labels
