"""Reading-order repairs, each on a tiny issue shaped like the pages that need it."""

import pytest
from conftest import make_issue

from digest.clean import CleanLine
from digest.segment import segment
from digest.segment.pieces import Piece
from digest.segment.repair import split_unrelated

REPORT = (
    " 本报讯（记者 李亚芝）新春年味尚浓，我市抢抓节后返岗复工黄金期，着力推进就业服务，举办年后首场招聘会。\n"
    "本次招聘会聚焦大数据、人工智能、氢能重卡等领域，61家企业携183个岗位招人纳贤。\n"
)
ESSAY = (
    "一个胸怀远大目标、立志于中华民族千秋伟业的政党，必然凭实绩立身致远，这是历史反复证明的道理。\n"
    "政绩观问题是一个根本性问题，关乎立党为公、执政为民，关乎党的形象和威信，关乎事业成败。\n"
    "政绩为谁而树、树什么样的政绩、靠什么树政绩，是初心之问、使命之问，也是每个党员干部的必答题。\n"
    "树立和践行正确政绩观，必须坚持从实际出发、按规律办事，自觉为人民出政绩、以实干出政绩。\n"
    "错误政绩观则是从个人或小团体利益出发，心浮气躁、急功近利、弄虚作假、盲目蛮干，危害极大。\n"
    "无私者，可置以为政。政绩观，是世界观、人生观、价值观在为政实践中的集中体现。\n"
    "什么是真正的政绩？上有利于国家、下有利于人民，既符合党和人民眼前利益，又符合长远利益。\n"
)


def test_topic_break_inside_a_report_starts_a_new_article():
    articles = segment(make_issue(REPORT + ESSAY))
    assert len(articles) == 2
    assert articles[0].text.endswith("招人纳贤。")
    assert articles[1].text.startswith("一个胸怀远大目标")
    assert articles[1].kind != "news"


def test_report_on_one_topic_is_not_cut():
    text = REPORT + "招聘会现场，求职者与企业面对面交流，岗位涵盖大数据、人工智能等领域。\n" + "招聘会还设立政策服务专区，解读就业补贴政策。\n" + "据统计，本次招聘会共达成就业意向三百余人，企业岗位需求旺盛。\n"
    assert len(segment(make_issue(text))) == 1


def test_section_heads_stay_inside_a_long_feature():
    body = "交城县认真贯彻新发展理念，坚定不移实施产业创优战略，做大做强优势产业，培育未来支柱产业。" * 6
    text = f"{body}\n政策铺路 校地共建\n科技创新氛围渐浓\n政策铺路，强化科创支撑力。交城县出台一系列利好政策，为科技创新提供制度保障。\n"
    (article,) = segment(make_issue(text))
    assert "\n政策铺路 校地共建\n科技创新氛围渐浓\n" in article.text


def test_repeated_tail_brings_the_continuation_home():
    text = (
        "“树立和践行正确政绩观，起决定性作用的是党性。”这是一篇很长的评论文章开头部分，谈论政绩观。\n"
        "须进一步提高政治站位，抓实抓细各项工作，为全市高质量发展营造安全稳定的良好环境。\n"
        "会议集中观看了全省煤矿典型安全生产事故警示教育片。\n"
        "熊义志主持召开市政府党组会议\n"
        "本报讯（记者 付永文）2月25日，市政府党组召开会议，专题研究部署安全生产工作。会议指出，各级各部门必\n"
        "会议集中观看了全省煤矿典型安全生产事故警示教育片。\n"
    )
    issue = make_issue(text)
    meeting = next(a for a in segment(issue) if a.kind == "news")
    assert "须进一步提高政治站位" in meeting.text
    assert meeting.text.endswith("会议集中观看了全省煤矿典型安全生产事故警示教育片。")
    assert meeting.text.count("警示教育片") == 1
    assert issue.removed == ["会议集中观看了全省煤矿典型安全生产事故警示教育片。"]


def test_dangling_sentence_goes_on_after_a_headline(rules_only):
    long = "习近平总书记引领全党树立和践行正确政绩观，实干担当，为民造福，政绩观是世界观在为政实践中的集中体现。" * 3
    text = f"{long}\n在中央政治局专题民主生活会上，\n——习近平总书记引领全党树立和践行正确政绩观 实干担当 为民造福\n明确强调我们的一切都应该为了人民，没有自我，先公后私。\n"
    (article,) = segment(make_issue(text))
    assert "在中央政治局专题民主生活会上，明确强调" in article.text
    assert article.title == "实干担当 为民造福"
    assert article.subtitle == "习近平总书记引领全党树立和践行正确政绩观"


@pytest.mark.parametrize(
    "first, second, headlines, second_title",
    [
        (  # each body's headline printed after both, whole
            "近日，柳林县三交镇启动垃圾分类兑换积分活动，号召干部群众齐心协力，为保护黄河生态环境贡献力量。\n活动现场，群众纷纷拿出分好类的垃圾兑换生活用品。\n",
            "孝义市首批氢能共享单车和氢能公交车正式投入运营，市民出行有了绿色新选择。\n据介绍，首批投放氢能共享单车五百辆。\n",
            "柳林县三交镇启动垃圾分类兑换积分活动\n孝义市首批氢能共享单车和氢能公交车正式投入运营\n",
            "孝义市首批氢能共享单车和氢能公交车正式投入运营",
        ),
        (  # broken over narrow lines: each line alone has too few bigrams to anchor, the first two joined do
            "近日，城东新区启动垃圾分类兑换积分活动，号召居民齐心协力，保护社区环境。\n活动现场，居民纷纷拿出分好类的垃圾兑换生活用品。\n",
            "西山公园新建的健身步道正式开放，市民晨练有了新去处。\n据介绍，步道全长五公里。\n",
            "城东新区启动垃\n圾分类兑换积分\n西山公园新建的\n健身步道开放\n",
            None,  # only the parting is pinned here
        ),
    ],
    ids=["headlines_whole", "headline_broken_over_narrow_lines_anchors_as_one"],
)
def test_bodies_run_together_part_where_a_headline_printed_elsewhere_begins(first, second, headlines, second_title):
    one, two = segment(make_issue(first + second + headlines))
    assert one.text.endswith("兑换生活用品。") and two.text.startswith(second[:4])
    if second_title:
        assert two.title == second_title


def test_topic_break_after_an_undated_body_starts_a_new_article_too():
    body = "城东新区的街巷挂起了彩灯和灯笼，市民纷纷走上街头观赏彩灯。\n城东新区的彩灯和灯笼将持续到元宵节，每晚七点亮灯。\n"
    articles = segment(make_issue(body + ESSAY))
    assert len(articles) == 2
    assert articles[0].text.endswith("每晚七点亮灯。") and articles[1].text.startswith("一个胸怀远大目标")


def test_a_start_too_short_to_have_a_topic_is_not_cut_off_by_topic():
    # `接下来，作品将陆续刊登。` over the first of the pieces it announces: a sentence or two
    # (under MIN_HEAD_CHARS) share no content words with what follows by having too few, not
    # by being about something else; the topic break is looked for after it.
    articles = segment(make_issue("征文活动收到作品三百余篇，接下来，作品将陆续刊登。\n" + ESSAY))
    assert len(articles) == 1 and articles[0].text.startswith("征文活动") and articles[0].text.endswith("又符合长远利益。")


def test_story_the_page_parted_off_is_not_cut_again_by_topic():
    # The PDF reader parted this story from its neighbours by layout; a change of topic inside
    # it (a report running into an essay) is the story's own.
    articles = segment(make_issue("---\n# 年后首场招聘会\n" + REPORT + ESSAY + "---\n# 另一篇\n孩子们在操场上奔跑，老师在一旁看护。\n"))
    assert [a.title for a in articles] == ["年后首场招聘会", "另一篇"]


BRIEF_SNOW = "12月11日夜间至12日白天，我市迎来今冬首场降雪。全城闻雪而动、协同作战，以机械加人工的方式清雪除冰，守护群众平安出行。\n"
BRIEF_BLOOD = "卫生部表示，未来一个月内，全国各省市的血站将向公众开放，学校团体、献血志愿者可到血液中心参观检验加工过程。\n"
BRIEF_TOILET = "端午小长假，一些来青岛旅游的细心游客发现，岛城前海一线景区附近的两个公厕内都已经安装了免费的大盘卫生纸。\n"


def test_briefs_printed_one_after_another_part_where_they_share_no_wording():
    articles = segment(make_issue(BRIEF_SNOW + BRIEF_BLOOD + BRIEF_TOILET))
    assert [a.text for a in articles] == [BRIEF_SNOW.strip(), BRIEF_BLOOD.strip(), BRIEF_TOILET.strip()]


def test_a_short_last_paragraph_stays_with_the_text_above_it():
    # Under 40 Han characters a paragraph is too short to tell apart by its wording.
    closing = "活动持续到本月底，欢迎市民参加。\n"
    (article,) = segment(make_issue(BRIEF_BLOOD + closing))
    assert article.text.endswith("欢迎市民参加。")


def test_a_notice_after_an_unrelated_brief_keeps_its_signature():
    notice = (
        "为进一步做好重点时段森林防火工作，切实维护人民群众生命财产安全，根据有关规定，现将有关事项公告如下。\n"
        "一、凡在森林防火区内野外用火的，由县级以上人民政府林业主管部门责令停止违法行为，依法处以罚款。\n"
        "吕梁市应急管理局\n"
        "2025年3月1日\n"
    )
    articles = segment(make_issue(BRIEF_SNOW + notice))
    assert [a.kind for a in articles] == ["news", "notice"]
    assert articles[0].signature is None
    assert articles[1].signature == "吕梁市应急管理局 2025年3月1日"


def test_an_appendix_opening_with_a_box_label_stays_with_the_story_it_follows(rules_only):
    # A report with its background appended (`相关背景材料：` and a statute's text) shares next
    # to no wording with it, yet the appendix is the report's: no cut where a label opens it.
    story = "市法院昨日审结一起故意伤害案件，被告人\n被判处有期徒刑三年，并赔偿受害人医疗\n费用等各项损失共计五万余元。\n"
    appendix = "相关背景材料：依照有关规定，对于\n情节较轻的，可以从轻或者减轻处罚，\n构成犯罪的，依法追究刑事责任。\n"
    (article,) = segment(make_issue(story + appendix))
    assert article.text.endswith("依法追究刑事责任。")


HEAD = "深圳加强餐厨垃圾处理 通过检测严防地沟油"
SUBTITLE = "看山西迪诺斯新能源科技公司如何使电池变废为宝"


def _issue_pieces(continuation: list[str], head_over_continuation: bool, subtitle: bool = False):
    """An issue's first part under its headline (page 3; with a subtitle or not), then, pages on,
    its continuation (`（上接3版）`), under the same headline printed again (no subtitle) or under none."""
    from digest.clean import CleanLine
    from digest.segment.pieces import Chain, Piece

    number = iter(range(1, 10_000))
    first = Piece(lines=[CleanLine(t, next(number)) for t in (
        "记者昨天从市市场监管局了解到，我市将加强", "餐厨垃圾处理后的管理，通过检测手段，防止",
        "地沟油重新流回食品企业。", "其处罚情况也将纳入企业信用")], markers=["下转4版"])
    for _ in range(300):  # other stories between
        next(number)
    rest = Piece(lines=[CleanLine(t, next(number)) for t in continuation], markers=["上接3版"], kind="fragment")
    over_first = [HEAD, SUBTITLE] if subtitle else [HEAD]
    chains = [Chain(lines=over_first, markdown=True, levels=[1, 2][: len(over_first)], after=first, opens_story=True)]
    if head_over_continuation:
        chains.append(Chain(lines=[HEAD], markdown=True, levels=[1], after=rest, opens_story=True))
    return [first, rest], chains


def test_a_continuation_closed_by_its_reprints_original_title_keeps_it():
    # 797 i002: `（上接3版）征信系统并公开披露。…门槛。` / `原标题：深圳加强…` (a reprint's note of
    # its headline closing its text, on the page it is continued on): the note matched the
    # headline over the first part three pages up, and the continuation shared no words with
    # it, so an article of the note alone was cut off. A `原标题：…` closing a piece starts none.
    from digest.segment.repair import split_at_headlines

    pieces, chains = _issue_pieces(["征信系统并公开披露。对此，市市场", "监管部门表示，此举有助于对食品", "生产经营企业产生震慑作用。",
                                    "原标题：深圳加强餐厨垃圾处理", "通过检测严防地沟油"], head_over_continuation=False)
    out = split_at_headlines(pieces, chains)
    assert [[line.text for line in p.lines][-1] for p in out] == ["其处罚情况也将纳入企业信用", "通过检测严防地沟油"]


@pytest.mark.parametrize("words", ["headline", "subtitle"])
def test_a_continuation_under_its_headline_printed_again_is_not_cut_where_a_paragraph_repeats_its_words(words):
    # 797 i003: a continuation under its headline printed again (`# 孝义市首批氢能共享单车、氢能
    # 公交车正式投运` over `（上接2版）育、医疗…`) whose next paragraph opens with the headline's
    # words (`孝义市首批氢能公交车由…`): the headline over it is its own and cut nothing, but the
    # same headline over the first part, pages up, did; 840 i001: the paragraph opened with the
    # words of the subtitle printed over the first part only (`看山西迪诺斯新能源科技有限公司…` /
    # `山西迪诺斯新能源科技有限公司总经理…`). A chain that prints a line of the headline over a
    # story is that story's own too, wherever it is printed.
    from digest.segment.repair import split_at_headlines

    opening = {"headline": "深圳加强餐厨垃圾处理通过检测严防地沟油的做法", "subtitle": "山西迪诺斯新能源科技公司总经理说，如何使电池变废为宝"}[words]
    continuation = ["育、医疗、住宅、游乐及政企事业", "单位等人流密集的公共场所。", opening, "由鹏飞集团旗下东风特汽自主研", "发制造，已经开始试运行。"]
    pieces, chains = _issue_pieces(continuation, head_over_continuation=True, subtitle=True)
    assert len(split_at_headlines(pieces, chains)) == 2
    # Under no headline of its own, the paragraph naming the headline over another part is cut off, as before.
    pieces, chains = _issue_pieces(continuation, head_over_continuation=False, subtitle=True)
    assert len(split_at_headlines(pieces, chains)) == 3


def test_a_story_under_a_headline_of_short_lines_is_not_cut_where_a_paragraph_repeats_its_words():
    # A headline set over its story is its own, though each of its lines is too short to be a
    # head alone (`孝义市首批氢能` / `公交车正式投运`: `_headline_texts` joins them): a later
    # paragraph opening with its words (`孝义市首批氢能公交车正式投运后…`) starts no article.
    # (f59275b's `own` held only chains printing a single line of ANCHOR_GRAMS bigrams: review 26.)
    from digest.clean import CleanLine
    from digest.segment.pieces import Chain, Piece
    from digest.segment.repair import split_at_headlines

    text = ["记者昨天从市交通运输局了解到，", "今年全市公共交通客运量稳步回升，", "各条线路运行平稳有序。",
            "孝义市首批氢能公交车正式投运后", "将覆盖城区主要线路，方便群众", "出行，减少尾气排放。"]
    piece = Piece(lines=[CleanLine(t, n) for n, t in enumerate(text, start=1)])
    chains = [Chain(lines=["孝义市首批氢能", "公交车正式投运"], markdown=True, levels=[1, 1], after=piece, opens_story=True)]
    assert len(split_at_headlines([piece], chains)) == 1
    # Not set over it (no story of its own there), the same headline is another article's.
    chains = [Chain(lines=["孝义市首批氢能", "公交车正式投运"], markdown=True, levels=[1, 1], after=None, opens_story=True)]
    assert len(split_at_headlines([piece], chains)) == 2


def _piece(*texts: str, start: int = 1) -> Piece:
    return Piece(lines=[CleanLine(text, start + n) for n, text in enumerate(texts)])


def test_a_piece_read_from_columns_is_parted_as_unrelated_only_below_its_own_share():
    # Two briefs of 41 and 46 Han characters whose bigrams meet once (城东): 1 of the fewer's 39,
    # 0.026. Raw text parts them (UNRELATED_SHARE 0.03); read from columns, where an article's
    # stretches come apart between other stories' lines and share less wording, a piece is parted
    # at UNRELATED_SHARE_COLUMNS (0.025) only: one piece (docs/segmentation.md, Layout-mode text, a
    # twenty-first pass).
    first = "城东新区日前启动垃圾分类兑换积分活动，号召社区居民齐心协力保护社区环境。志愿者称重登记。"
    second = "西山公园新建的城东步道正式开放，晨练的市民有了新去处。据介绍，步道全长五公里，沿途设有休息亭和饮水点。"
    assert len(split_unrelated([_piece(first, second)])) == 2
    piece = _piece(first, second)
    assert split_unrelated([piece], frozenset(id(line) for line in piece.lines)) == [piece]


def test_a_short_head_under_a_feature_read_from_columns_running_on_is_no_section_head():
    # A feature's section head follows a paragraph's end. Read from columns, a head of short lines
    # under text that stops inside a sentence is the last lines of a headline whose first one was
    # read as that text (`我县蝉联“山西省文` over `化强县”荣誉称号`): the article under it is its own
    # (23 such merges on the eleven tuning sets of the twenty-first pass, 8 the other way).
    from digest.segment.pieces import Chain
    from digest.segment.repair import merge_section_heads

    feature = "交城县认真贯彻新发展理念，坚定不移实施产业创优战略，做大做强优势产业，培育未来支柱产业。"
    for last, merged in (("交城县文化强县创建工作", False), ("交城县文化强县创建工作扎实推进。", True)):
        previous = _piece(*[feature] * 6, last)
        chain = Chain(lines=["化强县”荣誉称号"])
        piece = _piece("近日，交城县通过山西省文化强县复查，蝉联全省文化强县荣誉称号，产业创优战略成效明显。", start=20)
        piece.chain_before = chain
        in_columns = frozenset(id(line) for line in previous.lines + piece.lines)
        assert len(merge_section_heads([previous, piece], [chain], in_columns)) == (1 if merged else 2), last
        previous, piece = _piece(*[feature] * 6, last), _piece(piece.lines[0].text, start=20)
        piece.chain_before = chain
        assert len(merge_section_heads([previous, piece], [chain])) == 1  # raw text: a section head
