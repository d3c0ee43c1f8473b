"""A short news item signed off at its end, the sign-off on the last line or broken over the
last two (digest/segment/grouping.py): the next body is another article."""

import pytest
from conftest import make_issue

from digest.clean import clean_lines
from digest.segment import segment
from digest.segment.lines import classify

NEXT = "六月一日，儿童节，学校组织孩子们走进博物馆，看青铜器、听讲解员讲历史故事。\n"


def test_sign_off_broken_over_two_lines_ends_the_article():
    text = "交警大队开展货车专项整治，力争货车安全隐患明显减少，交通违法行为明显遏制，通行秩序\n明显改善。（王晓蓉 张\n岸林）\n" + NEXT
    articles = segment(make_issue(text))
    assert [a.text[-4:] for a in articles] == ["张岸林）", "史故事。"]


def test_bracket_closing_a_sentence_on_the_next_line_is_no_sign_off(rules_only):
    text = "交警大队开展货车专项整治，宣传《道路交通安全法》（修订\n本）等法律法规。\n" + NEXT
    (article,) = segment(make_issue(text))
    assert "（修订本）等法律法规。" in article.text


def test_sign_off_broken_at_the_space_between_two_names_ends_the_article():
    text = "交警大队开展货车专项整治，力争货车安全隐患明显减少，交通违法行为明显遏制，通行秩序\n明显改善。（王晓蓉\n张岸林）\n" + NEXT
    articles = segment(make_issue(text))
    assert [a.text[-4:] for a in articles] == ["张岸林）", "史故事。"]


def test_small_head_over_the_rest_of_a_typeset_story_is_no_sign_off():
    # `相关链接` alone on a line reads like a name signing a report off; in a story the page
    # parted off, with the text going on under it, it heads the rest (a background box).
    story = ("---\n# 老旧小区改造启动 首批涉及12个小区\n今年5月10日，城区老旧小区改造工程启动，其余小区待摸底后确定。\n"
             "相关链接\n据悉，城区现有老旧小区86个，涉及居民1.2万户。\n")
    page = story + "---\n# 城东新区举办招聘会\n本报讯（记者 刘丽霞）近日，城东新区举办首场招聘会。\n"
    case, fair = segment(make_issue(page))
    assert case.text.endswith("其余小区待摸底后确定。\n相关链接\n据悉，城区现有老旧小区86个，涉及居民1.2万户。")
    assert fair.title == "城东新区举办招聘会"
    # A bulleted word (`■链接`) reads like a floating byline: after a finished sentence, with
    # the text going on, it heads the rest too; a byline naming its role is still one.
    bulleted = segment(make_issue(page.replace("相关链接", "■链接")))
    assert len(bulleted) == 2 and "\n■链接\n据悉" in bulleted[0].text
    byline = "---\n# 中秋诗会举行\n“月到中秋分外明”诗会昨晚举行。\n□本报记者 张丽敏\n市民们在月光下朗诵诗歌，共度佳节。\n"
    lines = clean_lines(byline + page)
    assert classify(lines)[[line.text for line in lines].index("□本报记者 张丽敏")] == "byline"
    # A name ending its story is still its sign-off.
    signed = "---\n# 交警整治货车\n交警大队开展货车专项整治，通行秩序明显改善。\n王晓蓉\n"
    first, _ = segment(make_issue(signed + "---\n# 城东新区举办招聘会\n本报讯（记者 刘丽霞）近日，城东新区举办首场招聘会。\n"))
    assert first.byline == "王晓蓉"


def test_briefs_under_a_label_each_signed_with_a_bare_name_stay_apart():
    # A name alone on a line after a finished sentence, the next brief's text under it: the
    # brief's sign-off, though a box head (`相关链接`) stands in the same place.
    page = ("---\n# 简讯\n市图书馆新馆本周对外开放，首日接待读者两千余人次。\n王晓蓉\n"
            "城东新区举办首场招聘会，提供就业岗位一千二百余个。\n李明\n"
            "---\n# 交警整治货车\n本报讯（记者 刘丽霞）近日，交警大队开展货车专项整治。\n")
    library, fair, _ = segment(make_issue(page))
    assert library.text.endswith("两千余人次。\n王晓蓉") and library.byline == "王晓蓉"
    assert fair.text.startswith("城东新区举办首场招聘会") and fair.byline == "李明"


@pytest.mark.parametrize("head", ["温馨提示", "相关新闻", "名词解释", "记者手记", "编后", "链接：", "【背景】", "［相关链接］", "◎延伸阅读"])
def test_box_heads_papers_print_head_the_rest_of_their_story(head):
    story = ("---\n# 老旧小区改造启动 首批涉及12个小区\n今年5月10日，城区老旧小区改造工程启动，其余小区待摸底后确定。\n"
             f"{head}\n据悉，城区现有老旧小区86个，涉及居民1.2万户。\n")
    case, fair = segment(make_issue(story + "---\n# 城东新区举办招聘会\n本报讯（记者 刘丽霞）近日，城东新区举办首场招聘会。\n"))
    assert case.text.endswith(f"{head}\n据悉，城区现有老旧小区86个，涉及居民1.2万户。") and not case.byline


@pytest.mark.parametrize("second", ["（宋春）", "（编辑 傅辉明）", "（责任编辑：傅辉明）", "（傅辉明 整理）", "（来源：山西日报）"])
def test_second_sign_off_on_a_line_of_its_own_closes_the_same_article(second):
    # `…意义。（温耀辉）` and under it `（宋春）`: the reporter's sign-off, then the editor's (or
    # the source): both the one article's last lines, never an article of their own.
    text = (f"---\n# 省总工会慰问一线职工\n7月28日上午，省总工会一行来到项目现场慰问一线职工，项目建成后，对改善民生具有重要意义。（温耀辉）\n{second}\n"
            f"---\n# 我市举办少儿美术展\n{NEXT}")
    report, other = segment(make_issue(text))
    assert report.text.endswith(second) and other.text.startswith("六月一日")


def test_original_headline_after_the_source_line_stays_with_the_reprint():
    # A reprint ends with where it came from and its original headline (`（来源：广州日报）` /
    # `原标题：…`), then the source again: all of it the reprint's, not an article of its own.
    text = ("---\n# 康师傅回应转卖废弃茶叶\n据了解，这些茶叶渣被运至浙江安吉的茶厂进行再次加工。作者：刘俊\n（来源：广州日报）\n"
            "原标题：康师傅回应转\n卖废弃茶叶：下家承诺用废\n料做枕头\n（来源：山西日报）\n"
            f"---\n# 我市举办少儿美术展\n{NEXT}")
    report, other = segment(make_issue(text))
    assert report.text.endswith("（来源：山西日报）")
    assert "原标题" in report.text and other.text.startswith("六月一日")


@pytest.mark.parametrize("line, column", [("他们来自", "天南海北，乡村支教让他们走在一起。"), ("魏先生夺", "下该男子手中的包。")])
def test_short_line_after_a_sentence_that_is_the_texts_next_words_is_no_sign_off(line, column):
    # On a page parted into stories, two to four characters alone after a sentence's end look
    # like an unbracketed sign-off (`王涛`): words that open with no surname (`他们来自`), or a
    # line as wide as the column's (`魏先生夺` in a column four characters wide), go on.
    width = len(line)
    above = "用心读书，这里是河南蔡屯小学！"
    lines = [above[k : k + width] for k in range(0, len(above), width)] + [line] + [column[k : k + width] for k in range(0, len(column), width)]
    text = "---\n# 支教老师来到蔡屯小学\n" + "\n".join(lines) + "\n"
    (article,) = segment(make_issue(text))
    assert (line + column) in article.text.replace("\n", "")


def test_a_name_alone_after_a_sentence_in_a_wide_column_is_still_a_sign_off():
    text = "---\n# 省总工会慰问一线职工\n7月28日上午，省总工会一行来到项目现场慰问一线职工，\n对改善民生具有重要意义。\n温耀辉\n---\n# 我市举办少儿美术展\n" + NEXT
    report, other = segment(make_issue(text))
    assert report.byline == "温耀辉" and other.text.startswith("六月一日")
