from conftest import make_issue

import pytest

from digest.segment import generated_title, segment

NEWS_THEN_HEADLINES = """ 本报讯 （记者 罗丽） 4 月 10 日，我

市召开巩固衔接工作推进会议，安排部署

重点工作。市委副书记、政法委书记张利

锋出席会议并讲话。副市长庞明明主持。

张利锋强调，巩固衔接是政治任务，

要认真梳理工作中存在的短板弱项。

 本报讯 （记者 刘丽霞） 为厚植青少

年爱国情怀，增强国防教育实效，4月 9日，

由团市委主办的吕梁市首届青少年“爱我国防”主题演讲比赛在吕梁市第三中学成功举行。

全市巩固衔接工作推进会议召开
张利锋出席并讲话

吕梁市首届青少年“爱我国防”主题演讲比赛（市直学校选拔赛）举行
"""


def titles(articles):
    return [a.title for a in articles]


def only_article(text: str):
    """The one article a tiny page makes (the unpacking fails if it makes more or none)."""
    (article,) = segment(make_issue(text))
    return article


def test_headlines_after_bodies_are_matched_by_wording():
    articles = segment(make_issue(NEWS_THEN_HEADLINES))
    assert titles(articles) == ["全市巩固衔接工作推进会议召开", "吕梁市首届青少年“爱我国防”主题演讲比赛（市直学校选拔赛）举行"]
    assert articles[0].subtitle == "张利锋出席并讲话"
    assert not articles[0].title_generated


def test_lead_byline_is_taken_out_of_the_text():
    first = segment(make_issue(NEWS_THEN_HEADLINES))[0]
    assert first.byline == "罗丽"
    assert first.kind == "news"
    assert first.text.startswith("4月10日，我市召开巩固衔接工作推进会议")


def test_two_reporters_across_a_line_break():
    text = " 本报讯 （记者 张娟娟\n\n李江姗） 近日，我市推进生态环境高质量发展能力提升专题培训班在太岳精神实践中心举办。\n"
    assert segment(make_issue(text))[0].byline == "张娟娟 李江姗"


def test_photo_caption_after_a_news_article():
    text = (
        " 本报讯 （记者 刘丽霞） 4月9日，吕梁市首届青少年主题演讲比赛在吕梁市第三中学成功举行。\n\n"
        "比赛最终评选出7名选手进入市级复赛。\n\n"
        "春日的吕梁市区莲花池公园，柳\n\n丝轻拂，碧波荡漾，仿佛一幅徐徐展开的山水画卷。\n\n记者 郭炳中 摄\n"
    )
    news, photo = segment(make_issue(text))
    assert news.kind == "news" and news.text.endswith("进入市级复赛。")
    assert photo.kind == "photo"
    assert photo.byline == "郭炳中"
    assert photo.text.startswith("春日的吕梁市区莲花池公园")
    assert photo.title_generated


def test_vertical_headline_is_read_as_one_line():
    body = " 本报讯 （记者 付永文） 5 月 9 日，市长张广勇深入市区恒大御府、吕梁碧桂园项目，实地调研房地产“保交楼”工作。\n"
    vertical = "\n".join("张广勇深入恒大御府、吕梁碧桂园项目调研") + "\n﹃\n保\n交\n楼\n﹄\n工\n作\n"
    article = segment(make_issue(body + vertical))[0]
    assert article.title == "张广勇深入恒大御府、吕梁碧桂园项目调研“保交楼”工作"


def test_notice_with_signature_block():
    text = (
        " 为进一步优化营商环境，\n吕梁市纪委监委开设投诉举\n报监督专线，专门受理投诉举报。\n\n"
        "中共吕梁市纪律检查委员会\n吕梁市监察委员会\n2023年5月8日\n\n"
        "吕梁市纪委监委关于开设营商\n环境投诉举报监督专线的公告\n"
    )
    (notice,) = segment(make_issue(text))
    assert notice.kind == "notice"
    assert notice.title == "吕梁市纪委监委关于开设营商环境投诉举报监督专线的公告"
    assert notice.text.endswith("专门受理投诉举报。")


def test_kicker_line_is_not_the_title():
    text = (
        " 本报讯 （记者 王涛） 今年以来，兴县经济技术开发区坚持项目为王，储备推进了一批优质项目，项目建设提速增效。\n\n"
        "兴县经济技术开发区\n全力推动项目建设提速增效\n"
    )
    assert segment(make_issue(text))[0].title == "全力推动项目建设提速增效"


def test_markdown_headings_with_kicker():
    text = "## 平定县\n# 新能源电池小镇激发转型活力\n科学导报记者 马骏\n连日来，在平定县张庄镇的光伏发电项目现场，施工有序进行。\n"
    issue = make_issue(text, "kx.md")
    issue.paper = "科学导报"  # its own reporter: the byline is the name
    (article,) = segment(issue)
    assert article.title == "新能源电池小镇激发转型活力"
    assert article.byline == "马骏"
    assert article.kind == "feature"


def test_markdown_headline_after_its_body_and_column_label():
    text = (
        "## 记者观察\njizheguancha\n科学导报记者 范琛\n"
        "微信扫码登录、人脸识别、刷卡，通过这三种方式就能够无接触打开垃圾箱门。后沟村垃圾治理面子里子都要。\n"
        "## 晋中市榆次区东赵乡后沟村 垃圾治理要『面子』更要『里子』\n"
    )
    (article,) = segment(make_issue(text, "kx.md"))
    assert article.title == "垃圾治理要『面子』更要『里子』"


def test_continuation_marker_recorded_on_article():
    text = "（上接1版）\n生猪产业同样发展迅速。依托方山县铭贤晋汾种猪繁育有限公司，构建全产业链。\n"
    article = only_article(text)
    assert article.kind == "fragment"
    assert article.continued == ["上接1版"]
    assert "上接" not in article.text


def test_floating_byline_goes_to_the_feature():
    text = (
        "□ 本报记者 阮兴时\n 本报讯（记者 王涛） 去年以来，我市生态修复工程全面提速。\n\n"
        "梯次利用，让退役电池“再就业”\n——看山西迪诺斯新能源科技有限公司如何使动力电池“变废为宝”\n"
        "一块新能源汽车动力电池“退役”后，还有多少利用价值？退役电池在迪诺斯变废为宝再就业。\n"
    )
    news, feature = segment(make_issue(text))
    assert news.byline == "王涛"
    assert feature.byline == "阮兴时"
    assert feature.kind == "feature"
    assert feature.title == "梯次利用，让退役电池“再就业”"
    assert feature.subtitle.startswith("看山西迪诺斯")


def test_paragraph_printed_twice_in_an_issue_is_kept_once():
    repeated = "会议集中观看了全省煤矿典型安全生产事故警示教育片。"
    text = f" 本报讯（记者 付永文）2月25日，市政府党组召开会议。\n{repeated}\n\n 本报讯（记者 高茜）大年初五，村民忙着收菜。\n{repeated}\n"
    issue = make_issue(text)
    first, second = segment(issue)
    assert repeated in first.text and repeated not in second.text
    assert issue.removed == [repeated]


def test_a_dateline_lead_printed_twice_in_a_row_is_one_article(rules_only):
    # Raw text prints a lead paragraph drawn twice (fake bold) block after block: the copy's
    # dateline is no second article, and the copy is recorded as removed.
    lead = ["本报讯（记者 刘亮亮）5月8日至9日，山西省档", "案馆馆长韩红一行来我市调研。"]
    rest = "韩红一行先后在吕梁新区和孝义市档案馆察看了档案库房。"
    issue = make_issue("\n".join([*lead, *lead, rest]) + "\n")
    (article,) = segment(issue)
    assert article.dateline == "本报讯（记者 刘亮亮）"
    assert article.text.count("案馆馆长韩红一行来我市调研") == 1 and rest in article.text
    assert issue.removed == lead


def test_two_briefs_under_the_same_dateline_line_stay_two_articles(rules_only):
    dateline = "本报讯（记者 刘亮亮）"
    first = "5月8日，山西省档案馆馆长韩红一行来我市调研档案工作。"
    second = "5月9日，市档案馆开展档案开放鉴定培训，全市八十余人参加。"
    issue = make_issue("\n".join([dateline, first, dateline, second]) + "\n")
    assert [a.text for a in segment(issue)] == [first, second]


def test_empty_document():
    assert segment(make_issue("\n\n  \n")) == []


def test_generated_title_ends_at_a_clause_boundary_never_mid_word():
    lead = "今年以来，我市工业和信息化局、科学技术局、发展和改革委员会、数据局等部门协同人民银行吕梁分行，全力拓宽企业融资渠道。"
    assert generated_title(lead) == "我市工业和信息化局、科学技术局、发展和改革委员会"
    assert generated_title("5月1日，吕梁市2024年中小学生田径运动会在吕梁市第二中学体育场拉开序幕。") == "吕梁市2024年中小学生田径运动会在吕梁市第二中学体育场拉开序幕"
    long_clause = "吕梁市第二中学体育场举办的全市中小学生田径运动会开幕式暨青少年体育嘉年华活动吸引了众多市民前来观看"
    title = generated_title(long_clause + "。")
    assert title.endswith("…") and len(title) <= 36 and long_clause.startswith(title[:-1])


def test_generated_title_skips_time_phrases():
    assert generated_title("去年以来，我市深入贯彻黄河流域生态保护和高质量发展战略，统筹推进。") == "我市深入贯彻黄河流域生态保护和高质量发展战略"


def test_headlines_after_a_continued_article_are_not_its_text():
    text = (
        " 本报讯 （记者 王涛） 今年以来，兴县经济技术开发区全力推动项目建设提速增效，二期选址已经完成，正在有序(下转4版)\n"
        "全力推动项目建设\n提速增效\n"
    )
    article = only_article(text)
    assert article.text.endswith("正在有序")
    assert article.continued == ["下转4版"]
    assert article.title == "全力推动项目建设提速增效"


def test_a_continuation_marker_on_its_own_line_ends_the_article_before_the_next_body():
    text = (
        "目前仅青岛、深圳、南昌、\n大连等十一个城市对出租汽\n（下转2版）\n"
        "甘肃首批16所偏远山区\n学校中，有15所学校的\n困难学生有望获得爱心运动鞋。\n"
    )
    first, second = segment(make_issue(text))
    assert first.text.endswith("对出租汽")
    assert first.continued == ["下转2版"]
    assert second.text.startswith("甘肃首批16所偏远山区")


FLOOD_REPORT = "本报讯（记者 王涛）全市召开防汛工作会议，\n部署今年汛期各项重点工作任务，要求各县\n市区压实责任，做好物资储备和人员值守，\n确保安全度汛。\n"
WATER_BODY = "源地保护工程，市水利局近日召开专题会议，\n研究部署管网改造和水源保护工作，要求各\n有关单位倒排工期，加快项目进度。\n"


def test_a_short_first_line_that_heads_no_body_is_the_next_bodys_first_line(rules_only):
    issue = make_issue(FLOOD_REPORT + "为全面推进城乡集中供水管网和水\n" + WATER_BODY)
    water = segment(issue)[1]
    assert water.text.startswith("为全面推进城乡集中供水管网和水源地保护工程，市水利局")
    assert not issue.unassigned


def test_a_short_column_label_that_heads_no_body_stays_unassigned(rules_only):
    issue = make_issue(FLOOD_REPORT + "综合新闻速览\n" + WATER_BODY)
    assert segment(issue)[1].text.startswith("源地保护工程")
    assert "综合新闻速览" in [u.text for u in issue.unassigned]


def test_a_credit_in_brackets_whose_space_undoubling_took_out_is_no_sign_off():
    text = FLOOD_REPORT + "春日的公园里，柳丝轻拂，碧波荡漾，仿佛一幅山水画卷。（郭炳中摄）\n"
    caption = segment(make_issue(text))[1]
    assert caption.kind == "photo"
    assert caption.byline == "郭炳中"
    assert caption.text == "春日的公园里，柳丝轻拂，碧波荡漾，仿佛一幅山水画卷。"


def test_an_editors_credit_line_over_the_photo_credit_stays_out_of_the_caption():
    caption_lines = "眼下正值马铃薯收获的季节，农场一片\n繁忙，村民们忙着捡拾装运，预计可实\n现企业和农民的双赢。\n"
    issue = make_issue(FLOOD_REPORT + caption_lines + "■整理编辑：王琪\n本报记者 杜爱清 摄\n")
    caption = segment(issue)[1]
    assert caption.kind == "photo"
    assert caption.text.startswith("眼下正值马铃薯收获的季节") and caption.text.endswith("双赢。")
    assert ("■整理编辑：王琪", "credit line over a photo credit") in [(u.text, u.reason) for u in issue.unassigned]


def test_headline_broken_over_two_lines_is_joined():
    text = " 本报讯 （记者 刘亮亮） 5月8日至9日，山西省档案馆馆长韩红一行深入我市就档案工作进行调研指导。\n\n韩红到我市\n调研档案工作\n"
    assert segment(make_issue(text))[0].title == "韩红到我市调研档案工作"


def test_line_after_a_lead_is_its_text_whatever_the_neighbours_width():
    narrow = "\n".join(["吕梁市纪委监委开设投诉举", "报监督专线，专门受理对公职", "人员不作为的投诉举报。"])
    text = narrow + "\n 本报讯 （记者 刘亮亮） 5 月 8 日至 9 日，山\n西省档案馆馆长韩红副馆长白晓军一行深入我\n市就档案工作进行调研指导，市委常委陪同调研。\n"
    articles = segment(make_issue(text))
    assert len(articles) == 2
    assert articles[1].text.startswith("5月8日至9日，山西省档案馆馆长韩红")


@pytest.mark.parametrize(
    "dateline, byline",
    [
        ("黄河新闻网吕梁讯（王某某 李某）", "王某某 李某"),
        ("本报太原3月24日讯（记者 张三）", "张三"),
        ("廉政中国讯（张三 李四）", "张三 李四"),
        ("市场信息报讯（记者 王五）", "王五"),
        ("新华社太原3月24日电（记者 赵六）", "赵六"),
        ("本报临汾消息", None),
        ("山西日报记者 王某", "王某"),
        ("南都讯 记者刘凡 周昌和", "刘凡 周昌和"),
        ("2012年7月18日北京讯", None),
        ("吕梁新闻讯（记者 张三）", "张三"),
        ("2023年5月8日孝义市融媒体中心讯（记者 李四）", "李四"),
    ],
)
def test_datelines_of_other_organs_open_a_report(dateline, byline, rules_only):
    # On the rules' tags: the model of issue 10's command reads this two-line page's first
    # sentence (alone on its line, over a dateline) as the report's headline, as a short line
    # over a dateline mostly is on generated pages; what is pinned here is the dateline rule.
    text = (
        "吕梁市召开全市春耕生产工作会议，部署春耕备耕。\n\n"
        f"{dateline} 近日，全省农业农村工作会议召开，会议总结了去年工作并安排今年任务。\n"
    )
    first, report = segment(make_issue(text))
    assert report.dateline == dateline and report.byline == byline
    assert report.text.startswith("近日，全省农业农村工作会议召开") and "工作会议召开" not in first.text


def test_words_ending_in_xun_are_no_dateline():
    (article,) = segment(make_issue("喜讯传来，我市三家企业入选国家级专精特新小巨人企业名单，全市上下倍受鼓舞。\n"))
    assert article.dateline is None and article.text.startswith("喜讯传来")


@pytest.mark.parametrize("line", ["7月18日晚间接到报警后民警闻讯", "接到报警后民警闻讯", "3月5日市民小王闻讯", "本报记者闻讯后也赶到"])
def test_a_column_line_ending_in_a_word_in_xun_is_no_dateline_after_a_date_or_not(line):
    # `闻讯` (heard the news) closing a narrow column's line: the sentence runs on, no report starts.
    text = ("本报讯（记者 李明）柳林县公安局近日破获一起盗窃案，追回被盗财物价值两万余元。据介绍，\n"
            f"{line}\n赶到现场，经过连续三天的走访排查，锁定了犯罪嫌疑人。\n")
    (article,) = segment(make_issue(text))
    assert "赶到现场" in article.text and line.replace(" ", "") in article.text


def test_signature_block_of_a_bureau_stays_with_the_notice():
    text = (
        "为进一步做好城区集中供热设施检修工作，现将有关事项公告如下。\n特此公告。\n"
        "孝义市应急管理局\n2 0 2 5年4月16日\n孝义市应急管理局关于城区集中供热设施检修的公告\n"
    )
    (notice,) = segment(make_issue(text))
    assert notice.kind == "notice" and notice.signature == "孝义市应急管理局 2 0 2 5年4月16日"
    assert notice.title == "孝义市应急管理局关于城区集中供热设施检修的公告"


def test_headline_that_matches_no_article_is_kept_as_unassigned():
    issue = make_issue("本报讯（记者 王涛） 去年以来，我市生态修复工程全面提速，成效显著。\n\n美丽中国我先行\n")
    segment(issue)
    assert [(u.text, u.reason) for u in issue.unassigned] == [("美丽中国我先行", "headline matched no article")]


def test_upper_continuation_marker_keeps_the_text_on_its_line():
    text = "（上接1版）会议强调，要统筹推进生态保护和高质量发展，全力抓好各项工作落实。\n"
    article = only_article(text)
    assert article.kind == "fragment" and article.continued == ["上接1版"]
    assert article.text.startswith("会议强调")


def test_a_kicker_printing_the_headlines_words_keeps_its_own_level():
    # `### 呼和浩特市` over `# 呼和浩特市`: each line's level is its own, not the first line's of
    # that text (the headline read as the kicker's level, and the subtitle became the title).
    text = ("---\n### 呼和浩特市\n# 呼和浩特市\n## ——以及10余个省\n"
            "据山西日报报道 6月19日，呼和浩特市爱心城市公益活动新闻发布会在京举行，以及10余个省的民政局领导参加。\n")
    (article,) = segment(make_issue(text, "page.pdf"))
    assert (article.kicker, article.title, article.subtitle) == ("呼和浩特市", "呼和浩特市", "以及10余个省")


@pytest.mark.parametrize("headline", ["以王范乡 政府的军鼓表演为例", "孝义市兑镇 铿锵的锣鼓敲起来"])
def test_a_pdf_headline_opening_with_a_place_and_a_space_is_the_headline_whole(headline):
    # A PDF's heading line is one headline in one type (its rows joined, a space where a row
    # broke short): a place and a space opening it is its first word, no kicker (the reader
    # sets a kicker apart by its type, a heading of its own). Text that lost the type still
    # reads `柳林县三交镇 启动…` as a kicker run onto the headline's line.
    body = "铿锵的锣鼓敲起来，相继出演了锣鼓表演、舞蹈表演、军鼓表演等二十余个节目，以王范乡政府的军鼓表演为例。\n"
    issue = make_issue(f"---\n# {headline}\n{body}", "page.pdf")
    issue.encoding = "pdf"
    (article,) = segment(issue)
    assert (article.kicker, article.title) == (None, headline)
    (article,) = segment(make_issue(f"---\n# {headline}\n{body}", "page.md"))
    assert article.kicker == headline.split()[0]


def test_a_rule_line_parts_two_stories():
    text = "近日，柳林县三交镇启动垃圾分类兑换积分活动，号召干部群众齐心协力\n---\n保护黄河生态环境，建设美丽乡村贡献力量。\n"
    first, second = segment(make_issue(text))
    assert first.text.endswith("齐心协力") and second.text.startswith("保护黄河")


def test_heading_levels_give_kicker_title_and_subtitle():
    text = (
        "### 柳林县三交镇\n# 用红色精神保护绿色生态\n## ——垃圾分类兑换积分活动启动\n"
        "本报讯（记者 王卫斌） 近日，柳林县三交镇启动垃圾分类兑换积分活动，用红色精神保护绿色生态。\n"
        "# 我市开设营商环境投诉举报监督专线\n为进一步优化营商环境，我市开设投诉举报监督专线。\n"
    )
    first, _ = segment(make_issue(text, "page.pdf"))
    assert (first.kicker, first.title, first.subtitle) == ("柳林县三交镇", "用红色精神保护绿色生态", "垃圾分类兑换积分活动启动")


def test_fake_bold_drawn_glyph_by_glyph_is_read_once():
    caption = "秋意渐浓，树木都换上了秋装。"
    # Raw extraction prints the two copies of each glyph on lines of their own: 秋 / 秋意 / 意渐 …
    pairs = [caption[0]] + [caption[i] + caption[i + 1] for i in range(len(caption) - 1)] + [caption[-1]]
    issue = make_issue("\n".join(pairs) + "\n")
    (article,) = segment(issue)
    assert article.text == caption
    assert "".join(issue.removed) == caption


def test_headlines_short_last_line_over_a_lead_drawn_glyph_by_glyph_stays_in_the_headline():
    lead = "本报讯（记者 王涛）考试帷幕落下，全体民警守护考场平安畅行。"
    chars = lead.replace(" ", "")
    pairs = [chars[0]] + [chars[i] + chars[i + 1] for i in range(len(chars) - 1)] + [chars[-1]]
    page = "城东交警：守护考场 “平”安“畅”\n行\n" + "\n".join(pairs) + "\n"
    (article,) = segment(make_issue(page))
    assert article.title == "城东交警：守护考场“平”安“畅”行"
    assert article.dateline.startswith("本报讯") and article.text.startswith("考试帷幕")


def test_rest_of_a_broken_headline_too_short_to_match_stays_with_it():
    text = (
        "连日来，在吕梁市区快速路项目施工现场，大型机械轰鸣作响，交通建设者们全力奏响春日施工奋进曲。\n"
        "奏响春日施工“奋进\n曲”\n"
    )
    article = only_article(text)
    assert article.title == "奏响春日施工“奋进曲”"


def test_credit_line_naming_the_paper_is_no_dateline_lead(rules_only):
    # `本报记者 X 摄` alone on its line closes a caption; `本报记者 X` before text would open a report.
    # On the rules' tags: the credit tag is the rule pinned; on a page of this one caption line
    # models27's raw-text model reads the caption as a headline (0.64, over PROMOTE_CONFIDENCE 0.6;
    # main's before it, the caption as an article's start at 0.67): a retrain's read of a page this small.
    text = "图为工人在高温下抢抓工期，全力推进项目建设。\n本报记者 刘亮亮 摄\n"
    (photo,) = segment(make_issue(text))
    assert photo.kind == "photo" and photo.byline == "刘亮亮"


@pytest.mark.parametrize("bullet", ["□", "■", "◆"])
def test_floating_byline_with_any_bullet(bullet):
    text = f"{bullet} 本报记者 温耀辉\n7月28日上午，省总工会副主席一行到项目部慰问一线职工，送去防暑降温物品。\n"
    article = only_article(text)
    assert article.byline == "温耀辉" and article.text.startswith("7月28日上午")


@pytest.mark.parametrize("line", ["山西日报记者 王晓明", "□ 山西日报记者 王晓明"])
def test_floating_byline_of_another_paper_keeps_its_paper(line):
    text = f"{line}\n7月28日上午，省总工会副主席一行到项目部慰问一线职工，送去防暑降温物品。\n"
    article = only_article(text)
    assert article.byline == "山西日报记者 王晓明" and article.text.startswith("7月28日上午")


def test_story_parted_by_a_rule_never_runs_into_the_one_before():
    # The first story stops mid-sentence (its last line dangles); across a drawn rule the next
    # story is never taken as its continuation.
    text = ("# 上一篇的标题\n上一篇的正文讲述了工地上的情况，工人们正在\n---\n"
            "# 下一篇的标题\n下一篇的正文讲述了学校里的情况，孩子们正在上课。\n")
    titles = [a.title for a in segment(make_issue(text))]
    assert titles == ["上一篇的标题", "下一篇的标题"]


def test_heading_that_opens_a_story_heads_its_body_whatever_its_wording():
    # Set above the body (the PDF reader's `---` then `#`), the heading is the story's headline even
    # when another body shares more of its words.
    text = ("---\n# 公益活动启动\n昨天上午，一场面向山区孩子的捐助在市区举行，志愿者们送去图书和文具。\n---\n"
            "# 另一则消息\n公益活动启动仪式的筹备工作已经完成，公益活动启动时间另行通知。\n")
    titles = [(a.title, a.text[:2]) for a in segment(make_issue(text))]
    assert titles == [("公益活动启动", "昨天"), ("另一则消息", "公益")]


def test_signoff_stays_at_the_end_of_the_text_as_printed_and_names_the_byline():
    text = "今日上午，两百多名员工来到镇上植树，当地农民纷纷前来帮忙栽种。\n（张临山）\n"
    article = only_article(text)
    assert article.byline == "张临山" and article.text.endswith("（张临山）")


def test_marker_before_a_credit_with_no_caption_is_kept_unassigned():
    issue = make_issue("（上接1版）\n记者 郭炳中 摄\n")
    segment(issue)
    assert any("上接1版" in u.text for u in issue.unassigned)


def test_piece_signed_off_at_its_end_is_news_not_a_feature():
    text = "今日上午，两百多名员工来到镇上植树，当地农民纷纷前来帮忙栽种。\n（张临山）\n"
    article = only_article(text)
    assert article.kind == "news"


def test_floating_byline_never_crosses_into_another_story():
    text = ("---\n# 第一篇\n□ 本报记者 王涛\n本报讯 昨天，全市召开会议，部署今年的重点工作。\n---\n"
            "# 第二篇\n孩子们在操场上奔跑，老师在一旁看护，校园里一片欢声笑语。\n")
    first, second = segment(make_issue(text))
    assert second.byline is None


def test_caption_of_numbered_photos_goes_on_past_the_first_credit():
    text = ("图①9月19日，晋南等地出现大范围持续强降雨，交警上岗疏导交通。\n通讯员 高新生 摄\n"
            "图②9月19日，为确保雨天道路通行安全有序，交警加强重点路口巡逻。\n记者 古红军 摄\n")
    (photo,) = segment(make_issue(text))
    assert photo.kind == "photo" and "图②" in photo.text


def test_credit_inside_a_story_the_page_parted_off_does_not_end_it():
    text = ("---\n# 除冰除雪在行动\n![]()\n环卫工人与沿街商户挥锹抡帚扫雪。本报记者 魏鹏飞 摄\n"
            "市能源局干部职工积极开展扫雪除冰作业，保障群众出行。张秉炬 摄\n---\n# 另一篇\n孩子们在操场上奔跑，老师在一旁看护。\n")
    photo, other = segment(make_issue(text))
    assert photo.kind == "photo" and "市能源局" in photo.text and other.title == "另一篇"
def test_headline_line_sharing_no_words_with_the_body_joins_the_line_above():
    body = "\n".join(["本报讯（记者 王涛） 近日，城东新区", "的街巷挂起了彩灯和灯笼，市民纷纷", "走上街头观赏夜景。"])
    text = "城东新区挂起彩灯\n夜色温暖万家团圆\n" + body + "\n"
    article = only_article(text)
    assert article.title == "城东新区挂起彩灯夜色温暖万家团圆"


def test_last_headline_line_over_a_body_no_headline_names_stays_out():
    text = (
        "本报讯（记者 王涛） 近日，城东新区的街巷\n挂起了彩灯和灯笼，市民纷纷走上\n街头观赏夜景。\n"
        "城东新区挂起彩灯\n夜色温暖万家团圆\n"
        "河边的柳树抽出新芽，孩子们在岸\n上放风筝。（记者 李明 摄）\n"
    )
    issue = make_issue(text)
    first, _ = segment(issue)
    assert first.title == "城东新区挂起彩灯"
    assert ("夜色温暖万家团圆", "headline matched no article") in [(u.text, u.reason) for u in issue.unassigned]


def test_headline_with_a_space_broken_where_the_body_reads_on_is_one_title():
    text = (
        "本报讯（记者 王涛） 近日，城东新\n区将见义勇为奖励标准提高到两\n万元，鼓励群众挺身而出。\n"
        "弘扬正气 将见\n义勇为奖励提高\n"
    )
    article = only_article(text)
    assert (article.title, article.kicker) == ("弘扬正气 将见义勇为奖励提高", None)


def test_fake_bold_glyph_pairs_with_a_space_between_the_copies_are_read_once():
    caption = "河边柳树抽出新芽。记者 王涛 摄"
    chars = caption.replace(" ", "")
    # Raw extraction prints each pair of copies on a line; where a word space falls, `者 王`.
    pairs = [chars[0]] + [chars[i] + (" " if chars[i] in "者涛" else "") + chars[i + 1] for i in range(len(chars) - 1)] + [chars[-1]]
    (article,) = segment(make_issue("\n".join(pairs) + "\n"))
    assert article.kind == "photo" and article.byline == "王涛"
    assert article.text == "河边柳树抽出新芽。"


def test_headline_broken_into_a_line_with_a_space_is_no_couplet_kicker():
    text = (
        "本报讯（记者 王涛） 近日，城东新\n区公布了第二批老旧小区改造名单，\n涉及十二个小区。\n"
        "城东新区公布第二\n批名单 十二个小区\n将改造\n"
    )
    article = only_article(text)
    assert (article.title, article.kicker) == ("城东新区公布第二批名单 十二个小区将改造", None)


def test_last_headline_line_over_an_unnamed_body_joins_where_the_body_reads_on():
    text = (
        "本报讯（记者 王涛） 近日，城东新区的\n彩灯可能亮到元宵节，市民纷纷走上\n街头观赏夜景。\n"
        "城东新区彩灯可\n能让夜晚更美丽\n"
        "河边的柳树抽出新芽，孩子们在岸\n上放风筝。（记者 李明 摄）\n"
    )
    first, _ = segment(make_issue(text))
    assert first.title == "城东新区彩灯可能让夜晚更美丽"


def test_last_sentence_signed_off_on_its_line_ends_the_article():
    text = (
        "城东新区的街巷挂起了彩灯和灯\n笼，市民纷纷走上街头。（王涛）\n"
        "西山公园新建的健身步道正式开\n放，市民晨练有了新去处。\n"
    )
    first, second = segment(make_issue(text))
    assert first.text.endswith("（王涛）") and second.text.startswith("西山公园")


def test_bullet_before_a_name_beginning_with_the_paper_keeps_it():
    # `□本报一一`: 本报 without 记者 is no label; the name keeps every character.
    issue = make_issue("□本报一一\n全市召开会议，部署今年的重点工作，要求各级各部门抓好落实。\n")
    articles = segment(issue)
    kept = "".join(a.text + (a.byline or "") for a in articles) + "".join(u.text for u in issue.unassigned)
    assert "本报一一" in kept.replace(" ", "")


def test_dateline_inside_a_sentence_of_a_parted_story_opens_nothing():
    text = ("---\n# 人社部：延迟退休拟采取差别政策\n人社部表示将以适当方式充分听取各方意见，并以小步慢走的方式实\n"
            "施新京报讯（记者韩宇明）延迟退休年龄的问题，近期引发社会广泛关注。\n---\n# 另一篇\n孩子们在操场上奔跑，老师在一旁看护。\n")
    titles = [a.title for a in segment(make_issue(text))]
    assert titles == ["人社部：延迟退休拟采取差别政策", "另一篇"]


def test_whole_story_under_a_picture_is_one_caption_even_with_paragraphs():
    text = ("---\n![]()\n眼下正值马铃薯收获的季节，机器轰鸣，村民们忙着捡的捡、装的装、运的运，收获工作紧锣密鼓。"
            "今年，全县引进农业龙头企业，流转村民土地，打造了一万多亩加工型马铃薯种植基地，以示范项目带动产业发展，"
            "其中东梁乡种植面积最大，农场共种植了一百多亩马铃薯，预计可实现企业和农民的双赢。"
            "收“薯”机械过后，一垄垄黄澄澄的马铃薯安静地躺在那里等待村民前来捡拾，而已经装好的一筐筐、一袋袋、"
            "一车车新鲜的马铃薯则映衬出村民们丰收的喜悦，今年的收成比往年都要好。\n"
            "■整理编辑：王琪\n本报记者 杜爱清 摄\n---\n# 另一篇\n孩子们在操场上奔跑，老师在一旁看护。\n")
    photo, other = segment(make_issue(text))
    assert photo.kind == "photo" and photo.text.startswith("眼下") and "整理编辑" in photo.text
    assert other.title == "另一篇"


def test_short_line_ending_a_story_before_the_rule_is_its_last_line():
    # `——你是否担心血荒常态化？` closing a story's text, which the labeller takes for a subtitle:
    # on a page parted into stories nothing follows it in its story, so it is body text.
    from digest.segment.retag import body_under_headings

    tags = ["rule", "heading", "body", "body", "candidate", "rule", "heading", "candidate", "candidate", "body"]
    body_under_headings(tags)
    assert tags == ["rule", "heading", "body", "body", "body", "rule", "heading", "body", "body", "body"]


SPEAKER_BODY = (
    "延迟退休年龄的问题，近期引发社会广泛关注。人社部25日上午召开新闻发布会，新闻发言人表示，\n"
    "我国延迟退休年龄将借鉴国外经验，拟对不同群体采取差别措施，并以小步慢走的方式实施。\n"
)
PARK_CAPTION = "8月13日，在晋阳湖公园沙滩浴场，市民在休闲嬉戏。该园一期建成开放一年来，改善了城市生态环境。\n"


def test_a_headline_naming_its_speaker_printed_after_its_body_is_its_title():
    articles = segment(make_issue(SPEAKER_BODY + "人社部：延迟退休拟采取差别\n政策\n" + PARK_CAPTION))
    assert articles[0].title == "人社部：延迟退休拟采取差别政策"
    assert articles[0].text.endswith("方式实施。")
    assert articles[1].text == PARK_CAPTION.strip()


@pytest.mark.parametrize("credit", ["记者：原勋", "报道员：麻明磊、朱玲", "公益行动官网（http：／／"])
def test_a_credit_or_label_with_a_colon_is_no_headline(credit):
    (article,) = segment(make_issue(SPEAKER_BODY + credit + "\n"))
    assert credit.replace("（", "")[:3] in article.text


def test_a_floating_byline_of_another_paper_with_no_article_is_kept_as_printed():
    issue = make_issue("山西日报记者 王涛\n")
    assert segment(issue) == []
    assert [(u.text, u.reason) for u in issue.unassigned] == [("山西日报记者 王涛", "floating byline with no article for it")]


EXAM_BODY = "6月7日，一年一度的高考大幕拉开，万千学子整装待发。石楼县交警大队提前安排部署，在学校门口设立交警专岗，维持交通秩序。\n"


def test_a_headline_sharing_few_words_heads_the_unheaded_body_beside_it():
    # 助力高考为梦护航 shares only 高考 and 石楼交警 with the lead: too little to match on
    # wording alone, but it is printed right under a body that no headline heads.
    articles = segment(make_issue(EXAM_BODY + "助力高考为梦护航 石楼交警始终同行\n"))
    assert [a.title for a in articles] == ["助力高考为梦护航 石楼交警始终同行"]
    assert not articles[0].title_generated


def test_a_body_that_has_its_headline_takes_no_second_one_from_beside_it():
    text = "石楼交警护航高考\n" + EXAM_BODY + "助力学子为梦前行\n"
    issue = make_issue(text)
    (article,) = segment(issue)
    assert article.title == "石楼交警护航高考"
    assert [u.text for u in issue.unassigned] == ["助力学子为梦前行"]


def test_a_headline_broken_after_a_space_and_one_character_is_no_couplet():
    body = "本报讯（记者 王洋）为了\n让市民度过一个温暖、祥和的节日。\n吕梁市区的大街小巷沿线全部亮化，\n风车灯饰，星星点点，犹如梦幻城\n市一般。\n"
    (article,) = segment(make_issue(body + "吕梁市区亮化迎新春 灯\n光闪烁年味浓\n"))
    assert article.title == "吕梁市区亮化迎新春 灯光闪烁年味浓"
    assert article.kicker is None


def test_a_headline_broken_after_a_space_with_a_short_rest_is_no_couplet():
    body = "本报讯（记者 王洋）近日，全省\n调整出租车燃油附加费，多数城市\n维持原价，只有少数下调。\n"
    (article,) = segment(make_issue(body + "燃油附加费调整结果公布 九个\n城市下调收费标准\n"))
    assert (article.title, article.kicker) == ("燃油附加费调整结果公布 九个城市下调收费标准", None)


def test_a_couplet_of_even_halves_over_a_headline_is_its_kicker():
    body = "本报讯（记者 王洋）近日，全县\n召开统战工作会议，部署今年各项\n重点任务。\n"
    (article,) = segment(make_issue(body + "责任压实千钧担 创新激发万象新\n全县召开统战工作会议\n"))
    assert (article.title, article.kicker) == ("全县召开统战工作会议", "责任压实千钧担 创新激发万象新")


def test_floating_byline_over_a_report_signed_off_with_the_same_names_is_news():
    # The page floats `□ 本报记者 X` over a report that its text signs off at its end.
    for end in ("工作。燕慧 张靖", "工作。（燕慧 张靖）"):
        text = (
            "我县召开疫情防控工作调度会\n□ 本报记者 燕慧 张靖\n"
            f"9月17日，我县在卫体局四楼会议室召开新冠肺炎疫情防控工作调度会，不折不扣抓好当前疫情防控{end}\n"
        )
        article = only_article(text)
        assert article.kind == "news", end


def test_headline_naming_a_notice_makes_a_notice_without_a_signature_block():
    text = (
        "吕梁市纪委监委关于开设营商环境投诉举报监督专线的公告\n"
        "为进一步优化营商环境，吕梁市纪委监委开设营商环境投诉举报监督专线，欢迎社会各界监督。\n"
    )
    article = only_article(text)
    assert article.kind == "notice"


def test_headline_printed_twice_in_a_chain_with_one_copy_matched_is_left_alone():
    from digest.segment.rejoin import heads_of_unheaded_neighbours
    from digest.segment.pieces import Chain, Piece

    body = Piece()
    chain = Chain(lines=["西山公园登山步道开放", "西山公园登山步道开放"], after=body)
    # One copy went to another body already: the chain is not all unmatched, so nothing moves.
    left = heads_of_unheaded_neighbours([body], ["西山公园新修的登山步道正式开放。"], [chain], ["西山公园登山步道开放"])
    assert left == ["西山公园登山步道开放"] and not body.headline


def test_editors_note_signed_with_a_dash_and_the_page_credits_stay_in_their_article():
    # `——编者` signs the editor's note a photo page ends with; the page's credit lines follow.
    note = (
        "9月21日，古堆村村民在加紧玉米剥皮晾晒。\n"
        "9月22日，白村五百亩苹果迎来丰收季。\n"
        "秋染阡陌，风禾黍香。经历春耕夏耘的辛劳，三晋大地迎来收成满仓，人们载歌载舞分享丰收的喜悦。\n"
        "——编者\n"
        "本版策划：李联军\n"
        "本版责编：黄靖\n"
    )
    report = "本报讯（记者 王涛）近日，城东新区举办首场招聘会，吸引众多求职者前来应聘。\n"
    typeset = "---\n# 三晋大地迎来丰收\n" + note + "---\n# 城东新区举办招聘会\n" + report
    plain = "三晋大地迎来丰收\n" + note + "城东新区举办招聘会\n" + report
    for page in (typeset, plain):
        harvest, fair = segment(make_issue(page))
        assert "9月21日" in harvest.text[:20] and harvest.text.endswith("本版责编：黄靖")
        assert fair.title == "城东新区举办招聘会"


def test_reprints_original_headline_after_its_sign_off_or_over_its_text_stays_in_it():
    # A reprinted wire story carries its original headline as a paragraph of its text: after
    # the sign-off (`（记者韩旭）`), or first, its short last line no headline either way.
    signed = (
        "积极应对人口老龄化战略研讨会昨天在\n京召开，专家建议逐步延迟退休年龄。\n（记者韩旭）\n"
        "新闻原标题：人社部专家建议延至\n65岁退休 缓解劳动力不足\n"
    )
    first = "原标题：送你一双鞋 走好人\n生路\n6月5日，公益行动青海站活动在贵德\n的两所学校举行，孩子们领到了新鞋。\n"
    for extra in ("# ", ""):  # typeset, and as plain text
        page = (f"---\n{extra}专家建议延迟退休\n" + signed + f"---\n{extra}送你一双鞋 走好人生路\n" + first
                + f"---\n{extra}城东新区举办招聘会\n本报讯（记者 王涛）近日，城东新区举办首场招聘会。\n")
        retire, shoes, fair = segment(make_issue(page))
        assert retire.text.endswith("缓解劳动力不足") and "原标题：送你一双鞋 走好人生路6月5日" in shoes.text
        assert fair.title == "城东新区举办招聘会"
        if extra:  # (plain text reads a one-line headline over a line of the same words back as text)
            assert shoes.title == "送你一双鞋 走好人生路" and shoes.text.startswith("原标题")


def test_original_headline_after_a_jump_to_another_page_starts_its_own_story(rules_only):
    # `（下转2版）` closed the story above for this page: the `原标题` line below is not its text.
    # On the rules' tags: the model of the ninth pass reads this six-line page's two unfinished
    # lines above the jump as a headline (0.8), which no generated page measures.
    page = ("目前仅青岛、深圳、南昌、\n大连等十一个城市对出租汽\n（下转2版）\n原标题：送你一双鞋 走好人生路\n"
            "6月5日，公益行动青海站活动在贵德\n的两所学校举行，孩子们领到了新鞋。\n")
    articles = segment(make_issue(page))
    assert len(articles) == 2
    assert "原标题" not in articles[0].text and "原标题" not in articles[0].title


def test_original_headline_filling_its_column_does_not_take_the_next_headline():
    # The `原标题` line has no full stop and fills the column; the line under it heads the
    # report whose dateline follows, so it is not the title's run-on.
    page = ("积极应对人口老龄化战略研讨会昨天在\n京召开，专家建议逐步延迟退休年龄。\n（记者韩旭）\n"
            "新闻原标题：人社部专家建议延至65岁\n城东新区举办招聘会\n"
            "本报讯（记者 王涛）近日，城东新区举办首场招聘会。\n")
    retire, fair = segment(make_issue(page))
    assert retire.text.endswith("延至65岁")
    assert fair.title == "城东新区举办招聘会"


def test_original_headline_with_no_sign_off_before_it_does_not_take_the_next_headline():
    # `原标题：…` closes a reprint with no sign-off and no full stop: the next line starts afresh.
    page = ("积极应对人口老龄化战略研讨会昨天在\n京召开，专家建议逐步延迟退休年龄。\n原标题：人社部专家建议延至65岁\n"
            "城东新区举办招聘会\n本报讯（记者 王涛）近日，城东新区举办首场招聘会。\n")
    retire, fair = segment(make_issue(page))
    assert retire.text.endswith("原标题：人社部专家建议延至65岁")
    assert fair.title == "城东新区举办招聘会"


def test_paragraph_two_notices_on_a_pdf_page_share_stays_in_both():
    # Two notices set from one template: on a PDF the copies of fake bold were merged at the
    # glyph, so a paragraph printed twice is each notice's own (extracted text drops the second).
    from digest.model import Issue

    notice = "---\n# 吕梁市{body}关于{what}的公告\n为进一步做好{what}工作，现将有关事项公告如下。\n五、本公告由吕梁市{body}负责解释，未尽事宜另行公告。\n特此公告。\n"
    shared = "本公告由吕梁市人民政府负责解释，未尽事宜另行公告"
    text = notice.format(body="人民政府", what="森林防火") + notice.format(body="人民政府", what="尾气检测")
    first, second = segment(Issue(source="p.pdf", path="p.pdf", raw=text, encoding="pdf"))
    assert shared in first.text and shared in second.text and second.text.endswith("特此公告。")
    once = segment(make_issue(text))  # extracted text: the repeat is taken for a fake-bold copy
    assert shared not in once[1].text


def test_date_range_broken_after_its_first_date_opens_a_paragraph_not_a_signature():
    # `2012年5月5日` alone on a line, `－11日，…` on the next: a date range broken over two lines
    # of a report, not a notice's signature date ending it.
    text = (
        "---\n# 红粉笔河南站支教活动\n"
        "这里是河南蔡屯小学，孩子们依然热爱学习。\n"
        "2012年5月5日\n"
        "－11日，10余名来自各大城市的志愿者聚集到蔡屯小学，一周的支教就此展开。\n"
        "---\n# 城东新区举办招聘会\n本报讯（记者 王涛）近日，城东新区举办首场招聘会。\n"
    )
    report, fair = segment(make_issue(text))
    assert report.kind != "notice" and not report.signature and report.text.endswith("支教就此展开。")
    assert fair.title == "城东新区举办招聘会"


# The next story on a page the PDF reader parted into stories (`---`), which must stay its own.
NEXT_STORY = "---\n# 城东新区举办招聘会\n本报讯（记者 刘丽霞）近日，城东新区举办首场招聘会。\n"


def typeset_story(story: str):
    """The one article `story` makes on a page of stories, the next story after it kept apart."""
    *articles, fair = segment(make_issue(story + NEXT_STORY))
    assert fair.title == "城东新区举办招聘会"
    (article,) = articles
    return article


def test_summary_over_a_typeset_reports_dateline_stays_its_text_and_the_dateline_is_split_off():
    # A summary set under the headline, then the report's dateline: one report, on a page the
    # PDF reader parted into stories; the dateline is the report's, not the start of another.
    page = ("---\n# 15所学校通过初审 城东新区1200名学生有望领到新校服\n"
            "城东新区首批16所乡村学校中，有15\n所学校的1200名在读学生有望领到爱心校\n服。\n"
            "本报讯（记者 王涛）6月13日上午，从区教育\n局爱心行动办公室传来消息称，经初步审查，\n"
            "区内首批16所乡村学校中，有15所学校\n的1200名在读学生有望领到爱心校服。\n")
    shoes = typeset_story(page)
    assert shoes.text.startswith("城东新区首批16所") and shoes.text.endswith("领到爱心校服。")
    assert shoes.dateline == "本报讯（记者 王涛）" and shoes.byline == "王涛" and "本报讯" not in shoes.text


@pytest.mark.parametrize("byline, first", [
    ("■本报记者 姚璐", "要说最近"),
    ("本报记者 姚璐", "报道 要说最近"),  # `本报记者 X 报道` broken after the name
])
def test_editors_note_over_a_reports_byline_stays_its_text(byline, first):
    # A labelled editor's note opens the story, then the report's byline over its text (no
    # dateline): the note is the report's front, not an article of its own.
    page = ("---\n# 要说最近能让人真切感受到肌肉之美的\n"
            "【编者按】要是这些运动还不能让你坚持动起来的决心，\n那你可能需要找个搭档来监督你了。\n"
            f"{byline}\n{first}能让人真切感受到肌肉之美的，莫过于结束不\n久的冬奥会。眼看着运动员们的动作，每个人都会想。\n")
    sport = typeset_story(page)
    assert sport.text.startswith("【编者按】要是这些运动") and sport.text.endswith("每个人都会想。")
    assert sport.byline == "姚璐"


def test_unlabelled_short_item_over_a_byline_is_still_an_article_of_its_own():
    # Without a note's label the text over the byline is an item of its own (a brief), as before.
    page = ("---\n# 简讯\n我市图书馆新馆将于下月开放，市民可凭身份证免费办理借阅证。\n"
            "■本报记者 姚璐\n近日，城东新区举办首场招聘会，吸引众多求职者前来应聘。\n")
    library, fair = segment(make_issue(page))
    assert library.text.endswith("借阅证。") and fair.text.startswith("近日，城东新区")


def test_stacked_items_under_a_label_are_not_read_as_a_summary_over_the_second_items_dateline():
    # A label (`简讯`) over two short items about different things: the second item's dateline
    # opens it, the first is no summary of it.
    page = ("---\n# 简讯\n"
            "我市图书馆新馆将于下月开放，市民可\n凭身份证免费办理借阅证。\n"
            "本报讯（记者 王涛）近日，城东新区举办\n首场招聘会，吸引众多求职者前来应聘。\n")
    library, fair = segment(make_issue(page))
    assert library.text.endswith("借阅证。") and fair.text.startswith("近日，城东新区")


def test_original_headline_over_a_typeset_reports_dateline_with_a_short_last_line_is_its_text():
    # `原标题：…` wrapped, its last line short (`上车`), then the dateline: on a page whose
    # headlines are headings, that short line is the title's run-on, not a sign-off nor a headline.
    page = ("---\n# 市区公交将出新规：车厢禁食 导盲犬可随主人上车\n"
            "原标题：市区公交将出\n新规：车厢禁食 导盲犬可随主人\n上车\n"
            "新华社太原6月19日电\n（记者 任佳）今年10月，\n市区快速公交首条线路将开通，\n各项准备工作进入收尾阶段。\n")
    metro = typeset_story(page)
    assert metro.text.startswith("原标题：市区公交将出新规") and metro.text.endswith("收尾阶段。")
    assert metro.dateline.startswith("新华社太原6月19日电") and metro.byline == "任佳"


def test_a_typeset_headline_does_not_cut_its_own_story_where_a_later_paragraph_names_it():
    # The headline over a story the page parted off is that story's: a later paragraph that
    # says what it says (and shares little with the paragraph before) opens no other article.
    page = ("---\n# 市区将推绿化管理办法 施工致树死亡最高罚5万\n"
            "吕梁晚报讯 记者 李静 市园林局昨日召开新闻发布会，向市民介绍有关情况。\n"
            "《吕梁市城区绿化管理办法》于下月正式实施，施工致树死亡最高罚5万，办法加大了处罚力度。\n")
    trees = typeset_story(page)
    assert trees.text.endswith("加大了处罚力度。")


def test_summary_over_a_report_cut_short_by_a_jump_keeps_its_headline_report_and_all():
    # The summary says what the work means, not what the report's first line says; the report
    # runs two lines before `（下转8版）`, and the long headline names what those lines say: the
    # share is of the fewer bigrams (the report's few, not the headline's many).
    page = ("---\n# 全市秋季造林绿化现场推进会在方山县召开 要求加快实施重点生态工程\n"
            "【核心提示】今年以来，我市坚持山水林田湖草沙一体化保护，生态面貌持续改善。\n"
            "本报讯（记者 刘沛林）9月17日，\n全市秋季造林现场会召开。\n（下转8版）\n")
    show = typeset_story(page)
    assert show.text.startswith("【核心提示】") and show.dateline == "本报讯（记者 刘沛林）" and show.continued


def test_leftover_headline_given_to_its_unheaded_neighbour_drops_its_first_printing_only():
    from digest.segment.rejoin import heads_of_unheaded_neighbours
    from digest.segment.pieces import Chain, Piece

    body = Piece()
    line, other = "全市安全生产工作会议召开", "一张照片的说明"
    left = heads_of_unheaded_neighbours([body], ["全市安全生产工作会议在吕梁召开，部署今冬明春工作。"], [Chain(lines=[line], after=body)], [line, other, line])
    assert body.headline == [line]
    assert left == [other, line]


def test_leftover_headline_printed_more_often_than_left_heads_nothing():
    from digest.segment.rejoin import heads_of_unheaded_neighbours
    from digest.segment.pieces import Chain, Piece

    body = Piece()
    line = "全市安全生产工作会议召开"
    left = heads_of_unheaded_neighbours([body], ["全市安全生产工作会议在吕梁召开，部署今冬明春工作。"], [Chain(lines=[line, line], after=body)], [line])
    assert body.headline == []
    assert left == [line]


def test_a_source_line_after_a_reports_sign_off_stays_in_the_report():
    # `（据《山西日报》）` under `（温耀辉）`: where the report came from, its last line, not an article.
    for extra in ("# ", ""):
        page = (f"---\n{extra}临汾市重点项目集中开工\n本报讯 7月28日，临汾市重点项目集中开工。\n项目建成后，对完善城市功能具有重要意义。\n"
                "（温耀辉）\n（据《山西日报》）\n"
                f"---\n{extra}城东新区举办招聘会\n本报讯（记者 王涛）近日，城东新区举办首场招聘会。\n")
        project, fair = segment(make_issue(page))
        assert project.text.endswith("（温耀辉）\n（据《山西日报》）") or project.text.endswith("（温耀辉）（据《山西日报》）")
        assert fair.title == "城东新区举办招聘会"


def test_a_source_line_broken_over_two_lines_after_a_reports_sign_off_stays_in_the_report():
    # In a narrow column `（综合新华社、央视新闻报道）` breaks over two lines under `（温耀辉）`:
    # where the report came from all the same, its last lines, not an article of its own.
    page = ("---\n# 临汾市重点项目集中开工\n本报讯 7月28日，临汾市重点项目集中开工。\n项目建成后，对完善城市功能具有重要意义。\n"
            "（温耀辉）\n（综合新华社、\n央视新闻报道）\n"
            "---\n# 城东新区举办招聘会\n本报讯（记者 王涛）近日，城东新区举办首场招聘会。\n")
    articles = segment(make_issue(page))
    assert [a.title for a in articles] == ["临汾市重点项目集中开工", "城东新区举办招聘会"]
    assert articles[0].text.replace("\n", "").endswith("（温耀辉）（综合新华社、央视新闻报道）")


@pytest.mark.parametrize("source", ["（综合新华社、\n央视新闻报道）", "（据《山西日报》）"])
def test_a_signed_off_report_with_a_byline_is_news_with_its_source_after_the_sign_off(source):
    # A byline over the report and its reporter's name closing it: news, signed off. Where it
    # came from, printed after the sign-off, does not make it a feature (its last words are
    # the source's, not the names).
    page = ("---\n# 省总工会慰问一线职工\n■本报记者 温耀辉\n7月28日上午，省总工会副主席一行到项目部慰问一线职工，送去防暑降温物品。\n"
            f"项目建成后，对改善民生具有重要意义。（温耀辉）\n{source}\n")
    (article,) = segment(make_issue(page))
    assert article.kind == "news"


def test_a_summary_under_a_headline_it_names_stays_the_reports_whatever_it_shares_with_the_report():
    # The summary says what the report ends with (its words are not the report's first
    # lines'), but it names what the headline over it names: the story's, not an article.
    page = ("---\n# 全力推动项目建设提速增效\n"
            "兴县经开区基础设施建设投资有限公司副总经理郭文驰表示，这些项目的水、电、天然气等生产要素已经建设完成。"
            "兴县经开区正在全力推动厂区外的配套设施建设，预计与各项目同步完成。\n"
            "本报讯 （记者 王涛） 今年以来，兴县经济技术开发区坚持“转型升级、产业为先”理念，"
            "围绕材料、能源三大主导产业精准定位，着力“招大引强、招新引优”，储备了一批优质企业。\n"
            "---\n# 城东新区举办招聘会\n本报讯（记者 李明）近日，城东新区举办首场招聘会。\n")
    report, fair = segment(make_issue(page))
    assert report.title == "全力推动项目建设提速增效" and report.text.startswith("兴县经开区基础设施")
    assert "今年以来" in report.text and fair.title == "城东新区举办招聘会"


@pytest.mark.parametrize("label", ["【核心提示】", "核心提示：", "导读：", "编者按：", "编者按——", "导读丨", "编者按︰", "编者按\n", "【编者按】\n"])
def test_a_labelled_summary_over_a_headless_report_stays_the_reports_whatever_its_words(label):
    # The summary says what the report ends with and no headline names anything: its label says
    # what it is.
    page = (f"---\n{label}家长看到安然无恙的孩子，激动地握着民警的手道谢。临走前，民警对家长和孩子进行了安全教育。\n"
            "廉政中国讯（孙锁贵 张利康） 守护有力度，服务有温度，群众事就是“心尖事”！一直以来，方山县公安局"
            "圪洞派出所从“小事”入手，定格一个个温暖瞬间。\n"
            "---\n# 城东新区举办招聘会\n本报讯（记者 李明）近日，城东新区举办首场招聘会。\n")
    report, fair = segment(make_issue(page))
    assert report.text.startswith(label.strip()) and "定格一个个温暖瞬间" in report.text
    assert report.title.startswith("家长看到")  # the title made from it leaves the label out
    assert fair.title == "城东新区举办招聘会"


def test_a_briefs_bulleted_headline_under_a_column_label_set_nearly_its_size_heads_the_brief():
    # The label `简讯` and the brief's `■ …` headline are both display type, the label a size
    # larger: the bulleted line is the brief's headline, not a subtitle under the label.
    page = ("---\n# 简讯\n## ■ 小桔灯志愿者募集中\n小桔灯乡村小学图书馆计划2012年活动正式启动，现面向社会公众公开征集志愿者。\n"
            "---\n# 城东新区举办招聘会\n本报讯（记者 李明）近日，城东新区举办首场招聘会。\n")
    brief, fair = segment(make_issue(page))
    assert brief.title.lstrip("■ ") == "小桔灯志愿者募集中" and brief.subtitle is None
    assert fair.title == "城东新区举办招聘会"


def test_a_short_question_opening_a_story_under_its_byline_stays_under_the_headline():
    # `□ 本报记者 X` between the headline and the text: the headline still heads the text under
    # it, so a later paragraph naming what it names (退役电池) cuts nothing off its short first one.
    page = ("---\n# 梯次利用，让退役电池“再就业”\n## ——看一家公司如何使动力电池“变废为宝”\n□ 本报记者 阮兴时\n怎么办？\n"
            "一块新能源汽车动力电池“退役”后，还有多少利用价值？当电池容量剩余一半时，如何进行回收再利用？\n"
            "位于经开区新材料园区的一家公司内，将退役电池“变废为宝”，让这些电池再次发光发热。\n")
    article = only_article(page)
    assert article.title == "梯次利用，让退役电池“再就业”" and article.byline == "阮兴时"
    assert article.text.startswith("怎么办？") and "变废为宝" in article.text


@pytest.mark.usefixtures("rules_only")
@pytest.mark.parametrize(
    ("between", "tail", "first_ends", "last_starts"),
    [
        # After a reprint's text it names what that text says: the report printed right under
        # it, with no headline nor dateline of its own, starts there, not in the reprint.
        pytest.param("新闻原标题：专家建议延迟退休\n", "十分开心。", "专家建议延迟退休", "6月5日", id="closing_a_reprint"),
        # Printed before its report's text, under another report's last sentence, naming what
        # the text under it says: the reprint starts at `原标题`, not after it.
        pytest.param("原标题：送你一双鞋 走好人生路\n", "走好人生路。", "缓解劳动力不足。", "原标题：送你一双鞋", id="over_the_text_it_names"),
        # The line right above ends no sentence (another story's headline the rules read as
        # text): no report ends there, so the paragraph opens the report under it.
        pytest.param("出租车燃油费跟涨不跟跌，全国仅有十一个城\n原标题：送你一双鞋 走好人生路\n", "十分开心。", None, "原标题：送你一双鞋",
                     id="under_a_headline_read_as_text"),
    ],
)
def test_original_headline_paragraph_goes_with_the_report_whose_wording_it_shares(between, tail, first_ends, last_starts):
    page = ("积极应对人口老龄化战略研讨会昨天在京召开，\n专家建议逐步延迟退休年龄，缓解劳动力不足。\n" + between
            + f"6月5日，公益行动青海站活动在贵德的两所\n学校举行，孩子们领到了新鞋，{tail}\n")
    articles = segment(make_issue(page))
    assert articles[-1].text.startswith(last_starts)
    if first_ends:
        assert len(articles) == 2 and articles[0].text.endswith(first_ends)


@pytest.mark.usefixtures("rules_only")
def test_headline_printed_again_under_the_original_title_closing_its_reprint_is_that_reprints():
    # Raw text prints a reprint's headline after its text, right under the `原标题` that closes
    # it: the line repeating the title is the headline, and the report under it starts afresh.
    page = ("积极应对人口老龄化战略研讨会昨天在京召开，\n专家建议逐步延迟退休年龄，缓解劳动力不足。\n"
            "新闻原标题：专家建议延迟退休\n专家建议延迟退休\n"
            "6月5日，公益行动青海站活动在贵德的两所\n学校举行，孩子们领到了新鞋，十分开心。\n")
    reprint, report = segment(make_issue(page))
    assert reprint.text.endswith("新闻原标题：专家建议延迟退休") and reprint.title == "专家建议延迟退休"
    assert report.text.startswith("6月5日")


def test_a_plain_line_under_a_headline_and_its_byline_stays_that_headlines():
    # Raw text: headline, floating byline, the subtitle, the text. The line under the byline
    # is no heading as large as the headline: it stays with it, and the headline is kept.
    page = ("氢能公交开进千家万户\n□ 本报记者 张三\n孝义市推进氢能产业发展纪实\n"
            "近年来，孝义市抢抓氢能产业发展机遇，氢能公交车已覆盖城区主要线路，市民出行更加绿色便捷。\n")
    issue = make_issue(page)
    (article,) = segment(issue)
    assert "氢能公交开进千家万户" in (article.title or "") + (article.subtitle or "")
    assert not [u for u in issue.unassigned if "氢能公交" in u.text]


def test_a_headline_under_the_byline_of_a_headline_with_no_text_is_the_next_storys_not_a_subtitle():
    # The byline takes the headline above it up again for the text under it; a headline line
    # under the byline is another story's headline, not that one's subtitle.
    page = ("---\n# 交城县举办农民丰收节活动\n□ 本报记者 王涛\n# 文水县推进高标准农田建设\n"
            "本报讯（记者 李明）近日，文水县新建高标准农田三万亩，灌溉条件明显改善，粮食产量稳步提高。\n")
    articles = segment(make_issue(page))
    fields = next(a for a in articles if "高标准农田" in a.text)
    assert fields.title == "文水县推进高标准农田建设" and fields.subtitle is None


def test_a_bulleted_byline_run_into_the_text_keeps_the_first_words_that_are_no_name():
    # `■本报记者 林飞　为能更好…` wraps after `为能`: the line reads like a byline of two names,
    # but `为能` opens with no surname; the same line with a second reporter stays a byline.
    body = "更好营造干事创业的良好环境，我市今年将加大对基层干部的培训力度，全年培训一万人次以上。\n"
    (article,) = segment(make_issue("# 我市加大基层干部培训力度\n■本报记者 林飞 为能\n" + body))
    assert article.text.startswith("为能更好营造")
    assert article.byline == "林飞"
    (article,) = segment(make_issue("# 我市加大基层干部培训力度\n■本报记者 林飞 王强\n今年" + body))
    assert article.text.startswith("今年更好营造")
    assert article.byline == "林飞 王强"


def test_a_section_head_set_with_a_bullet_is_no_floating_byline():
    # On a page the PDF reader parted into stories: `■ 去年以来` reads like `■ 杨双平 侯晓雪`,
    # but its words open with no surname: a head inside the report, not a byline starting
    # another article.
    first = "近日，我市召开生态保护推进会议，安排部署今年的重点工作，要求各县市区压实责任。\n"
    rest = "生态修复工程全面提速，三十九个项目已开工三十七个，国土绿化行动成效显著，持续筑牢生态屏障。\n"
    other = "---\n# 全市春季植树造林全面展开\n本报讯（记者 王涛）日前，全市春季植树造林工作全面展开，各地干部群众积极参与。\n"
    for head in ("■ 去年以来", "■ 记者昨天从市"):
        report, _ = segment(make_issue(f"---\n# 我市推进生态治理工程\n{first}{head}\n{rest}{other}"))
        assert report.text.startswith("近日") and report.text.rstrip().endswith("生态屏障。")
    report, feature, _ = segment(make_issue(f"---\n# 我市推进生态治理工程\n{first}■ 杨双平 侯晓雪\n{rest}{other}"))
    assert feature.byline == "杨双平 侯晓雪"


@pytest.mark.parametrize("byline, names", [("本报记者 薛华 王芳", "薛华 王芳"), ("本报记者 许勇 报道", "许勇")])
def test_a_reporters_line_of_its_own_is_the_byline_and_the_text_starts_under_it(byline, names):
    # `本报记者 X Y` alone on its line: the second name is no first word of the text (`王芳去年以来…`);
    # `本报记者 X 报道`: `报道` is the dateline's (`报道去年以来…`).
    text = f"---\n# 我市推进生态治理工程\n{byline}\n去年以来，我市深入贯彻黄河流域生态保护和高质量发展战略，生态修复工程全面提速。\n"
    (article,) = segment(make_issue(text))
    assert article.text.startswith("去年以来") and article.byline == names


def test_a_reporters_line_after_a_link_label_opens_the_next_report():
    # In a story the page parted off, a dateline opens a report only after a sentence's end;
    # a line of reporters' names alone (`本报记者 X 报道`) opens one after `［详细］` too.
    text = ("---\n# “白领黑苹果—夏花会”简介\n零点青年公益创业发展中心发起四季会系列活动，引起了媒体的高度关注。\n［详细］\n"
            "本报记者 文佳伟 报道\n4月30日，记者在方山县两大景区采访时发现，到方山县旅游的游客较往年同期有显著增长。\n")
    first, second = segment(make_issue(text))
    assert first.text.startswith("零点青年") and second.text.startswith("4月30日") and second.byline == "文佳伟"


def test_a_bodys_name_opening_a_paragraph_in_a_parted_story_signs_nothing():
    # `国际食品法典委员会` after a sentence's end reads like a notice's signer, but the text goes
    # on under it (`系联合国粮农组织…`): a paragraph's first line, not the end of a notice.
    def column(text: str) -> str:
        return "\n".join(text[k : k + 11] for k in range(0, len(text), 11)) + "\n"

    text = ("---\n# 联合国机构设定牛奶三聚氰胺含量新标准\n" + column("根据世界卫生组织提供的消息，每公斤液态婴儿牛奶中三聚氰胺含量不得超过0.15毫克。")
            + "国际食品法典委员会\n" + column("系联合国粮农组织和世界卫生组织1963年联合设立的机构，专门负责协调政府间的食品标准。"))
    (article,) = segment(make_issue(text))
    assert article.text.rstrip().endswith("食品标准。") and article.kind != "notice"
    notice = "---\n# 吕梁市纪委监委关于开设监督专线的公告\n现将有关事项公告如下，每天24小时全天候受理。\n特此公告。\n吕梁市纪律检查委员会\n2023年5月8日\n"
    (article,) = segment(make_issue(notice))
    assert article.kind == "notice"


def test_a_reprints_original_headline_under_its_byline_over_the_dateline_stays_the_reports():
    # `文/图 X` over the story's first column, then the reprint's `新闻原标题：…` (no full stop),
    # then its dateline: the original headline opens the report under the byline, not an article.
    page = ("---\n# 只要符合乘客携带的物品体积\n文/图 邓怡\n新闻原标题：杭州地铁\n将出守则：拟禁饮食 允许\n导盲犬入车厢\n"
            "中新网杭州6月19日电\n（记者 夏毅）今年10月，\n杭州地铁一号线即将开通，目前已进入倒计时阶段。\n"
            "---\n# 城东新区举办招聘会\n本报讯（记者 李明）近日，城东新区举办首场招聘会。\n")
    metro, fair = segment(make_issue(page))
    assert metro.title == "只要符合乘客携带的物品体积" and "新闻原标题：杭州地铁" in metro.text
    assert "一号线即将开通" in metro.text and fair.title == "城东新区举办招聘会"


def test_a_dateline_printed_inside_a_paragraph_opens_the_article_at_the_paragraphs_start(rules_only):
    # A report that opens with a line of its own words run into its dateline (`…不分你我他山` /
    # `西新闻网吕梁3月12日讯（记者 X）…`: the line above ends no sentence) starts where that
    # paragraph starts, not in the middle of it at the dateline.
    before = "市文化馆举办书法展览，吸引众多市民前来参观。"
    lines = [before, "植树护绿，这是我们大家的", "共同责任，不分你我他山", "西新闻网吕梁3月12日讯（记",
             "者 王明）3月12日，我市开展义务植树活动，干部群众两千余人参加。"]
    first, second = segment(make_issue("\n".join(lines) + "\n"))
    assert first.text == before
    assert second.text.startswith("植树护绿，这是我们大家的共同责任")
    assert "我市开展义务植树活动" in second.text


def test_a_summary_under_a_headline_and_over_its_reports_dateline_stays_with_the_report(rules_only):
    # Raw text is parted by no drawn rule: a short summary printed under the headline and over
    # the report's dateline, about what the report says, is the report's opening, not a brief.
    before = "市文化馆举办书法展览，吸引众多市民前来参观。"
    summary = "今年我市计划植树两百万株，春季植树活动已在全市启动。"
    report = "本报讯3月12日上午，我市春季植树活动在汾河岸边启动，干部群众两千余人参加植树。"
    issue = make_issue("\n".join([before, "我市启动春季植树活动", summary, report]) + "\n")
    first, second = segment(issue)
    assert first.text == before
    assert summary in second.text and "干部群众两千余人参加植树" in second.text
    assert second.title == "我市启动春季植树活动"


def test_a_photo_credit_broken_over_two_lines_ends_the_caption(rules_only):
    # `…赏花。郭炳` / `中 供图`: the credit's first name on the line above, its last character
    # and role on the line under it; read together, the caption ends there and the brief under
    # it is an article of its own.
    caption = "图为市民在汾河公园赏花，游人如织。郭炳"
    brief = "5月9日，市长深入项目工地调研，要求加快建设进度，确保按期完工。"
    first, second = segment(make_issue("\n".join([caption, "中 供图", brief]) + "\n"))
    assert first.text == "图为市民在汾河公园赏花，游人如织。" and first.kind == "photo" and first.byline == "郭炳中"
    assert second.text == brief


def test_a_short_line_opening_a_quote_the_line_under_it_closes_is_text_not_a_headline(rules_only):
    # `…标注“低` over `糖”，实际…`: a line that looks like a headline (short, after a full stop, no
    # inner punctuation) but leaves a quote open that the text under it closes runs on into it.
    text = "市场监管局昨日发布抽检结果，多数产品合格。\n其中一款饮料标注“低\n糖”，实际含糖量却超过国家标准一倍，已责令下架。\n"
    (article,) = segment(make_issue(text))
    assert "其中一款饮料标注“低糖”，实际含糖量" in article.text


def test_a_dateline_under_an_unended_paragraph_longer_than_the_reach_opens_its_article_there(rules_only):
    # The paragraph a dateline is printed inside is looked for RUN_INTO_REACH lines up at most,
    # so a file of lines and datelines that never end a sentence cuts in linear time; past the
    # reach the dateline opens its article where it is printed.
    from digest.segment.grouping import RUN_INTO_REACH

    unended = [f"植树护绿，这是大家的第{n:02d}行" for n in range(RUN_INTO_REACH + 2)]
    lines = ["市文化馆举办书法展览，吸引众多市民前来参观。", *unended, "本报讯（记者 王明）3月12日，我市开展义务植树活动。"]
    articles = segment(make_issue("\n".join(lines) + "\n"))
    assert articles[-1].text.startswith("3月12日，我市开展义务植树活动")
    near = segment(make_issue("\n".join([lines[0], *unended[:3], lines[-1]]) + "\n"))
    assert near[-1].text.startswith("植树护绿，这是大家的第00行")


def test_a_floating_byline_printed_inside_another_storys_sentence_does_not_cut_it(rules_only):
    # A byline floated away from its story lands wherever its box is, also between two lines
    # of another story's sentence (`…并报告控制` / `■本报记者 X Y` / `中心。`): that story goes on
    # across it. Under a line that ends its sentence the byline still parts two articles.
    first = "地铁司机发现异常情况后要立即停车，及时向乘客说明情况，并报告控制"
    rest = "中心。调度员接报后要第一时间安排处置，确保乘客安全有序疏散，不得延误。"
    later = "本报讯（记者 王明）3月12日，我市开展义务植树活动，干部群众两千余人参加。"
    (metro, trees) = segment(make_issue("\n".join([first, "■本报记者 燕慧 张靖", rest, later]) + "\n"))
    assert metro.text.startswith("地铁司机") and metro.text.endswith("不得延误。")
    ended = first.replace("并报告控制", "并报告控制中心。")
    parts = segment(make_issue("\n".join([ended, "■本报记者 燕慧 张靖", rest.replace("中心。", ""), later]) + "\n"))
    assert len(parts) == 3


def test_a_dateline_a_narrow_column_broke_over_lines_opens_a_news_report():
    # A story in a narrow column (seven characters a line, beside a vertical headline): its
    # dateline broken over three lines still opens the report, which is news, not a feature.
    text = ("---\n# 红丝带基金走进高校\n中新网北京\n12月27日电\n（陆华） 中华\n红丝带基金开展\n的公益活动此次\n"
            "主要针对在校大\n学生，目的是宣\n传艾滋病预防知\n识，加强全社会\n对艾滋病的了解\n与关注。\n"
            "---\n# 另一篇\n孩子们在操场上奔跑，老师在一旁看护。\n")
    report, other = segment(make_issue(text))
    assert report.kind == "news" and report.title == "红丝带基金走进高校" and other.title == "另一篇"
    # A line that only opens with an agency's name, over no date, opens no report.
    from digest.clean import CleanLine
    from digest.segment.lines import classify

    lines = [CleanLine(t, k + 1) for k, t in enumerate(["---", "# 一篇", "中新网北京", "记者走访了多家单", "位，了解到情况。"])]
    assert classify(lines)[2] != "lead"


def test_a_sign_off_with_its_role_label_glued_to_the_name_names_the_reporter_only():
    text = "人社部专家建议延至65岁退休\n积极应对人口老龄化，提升为老年人提供工作岗位服务的能力。\n（记者韩旭）\n"
    assert [article.byline for article in segment(make_issue(text))] == ["韩旭"]


ENUMERATED_NOTICE = ("离石区人民政府关于机动车尾气排放检测的公告\n"
                     "为进一步做好机动车尾气排放检测工作，\n"
                     "切实维护人民群众合法权益，根据有关\n"
                     "规定，现将有关事项公告如下。\n"
                     "一、\n"
                     "本次检测工作自即日起开始，至5月18\n"
                     "日结束，请广大市民群众予以理解。\n"
                     "三、对工作中发现的问\n"
                     "题，有关部门将依法依规及时处理，处\n"
                     "理结果向社会公开。\n"
                     "特此公告。\n")


def test_an_enumerated_line_over_body_text_is_an_item_of_that_text_not_a_headline(rules_only):
    # `一、` alone (Typst breaks it off its item) and `三、对工作中发现的问` running on into `题，…`
    (article,) = segment(make_issue(ENUMERATED_NOTICE))
    assert article.title == "离石区人民政府关于机动车尾气排放检测的公告"
    assert "\n一、本次检测工作" in article.text or "一、\n本次检测工作" in article.text or "一、本次检测工作" in article.text
    assert "三、对工作中发现的问题，" in article.text and article.text.endswith("特此公告。")


def test_a_candidate_over_a_line_opening_with_a_comma_runs_on_into_it(rules_only):
    # Typst and Chromium break a line after a closing mark (`在《纽约时报》` / `，一支技术团队…`):
    # a line never opens with a comma, so the sentence goes on across the break
    text = ("新媒体不是把平面内容放到网上就\n"
            "了事，新的信息载体意味着新的表\n"
            "达形式。\n"
            "在《纽约时报》\n"
            "，一支技术团队正在彻底改变一份\n"
            "报纸制作新闻的方式，编辑和记者\n"
            "与工程师坐在一起工作。\n")
    (article,) = segment(make_issue(text))
    assert "在《纽约时报》，一支技术团队" in article.text


def test_a_bracketed_label_over_a_headline_is_its_kicker():
    # (a label sharing the report's wording is matched with the headline under it, as one group)
    body = "本报讯（记者 王洋）近日，全县\n召开统战工作会议，部署今年各项\n重点任务。\n"
    (article,) = segment(make_issue(body + "【部署今年重点任务】\n全县召开统战工作会议\n"))
    assert (article.title, article.kicker) == ("全县召开统战工作会议", "【部署今年重点任务】")


def test_a_headlines_last_line_left_as_a_one_line_piece_goes_back_to_the_headline():
    # Raw text breaks a headline inside a word (`…居民担忧人身安` / `全报案`); read as body text,
    # its last line made a piece of one line, closed at once by the next article.
    from digest.clean import CleanLine
    from digest.segment.rejoin import headline_tails_back
    from digest.segment.pieces import Chain, Piece

    above = Piece(lines=[CleanLine("昨天，居民薛女士担心虐猫者会误", 1), CleanLine("伤居民，已向派出所报案。", 2)])
    chain = Chain(lines=["北京小区猫狗遭飞镖射杀 居民担忧人身安"], levels=[1], before=above)
    tail = Piece(lines=[CleanLine("全报案", 4)], chain_before=chain)
    chain.after = tail
    next_chain = Chain(lines=["全市民主党派培训班举办"], levels=[1], before=tail)
    below = Piece(lines=[CleanLine("9月17日，全市民主党派和无党派人", 6)], chain_before=next_chain)
    next_chain.after = below
    assert headline_tails_back([above, tail, below], [chain, next_chain]) == [above, below]
    assert chain.lines == ["北京小区猫狗遭飞镖射杀 居民担忧人身安", "全报案"] and chain.levels == [1, 1]
    assert next_chain.before is above  # the chain under it follows on from the text above
    # A line ending a sentence with a full stop is text, however short: it stays a piece.
    short = Piece(lines=[CleanLine("活动圆满结束。", 4)], chain_before=chain)
    assert headline_tails_back([above, short, below], [chain]) == [above, short, below]


def test_a_start_under_text_on_the_same_topic_goes_on_with_that_text():
    # The labeller starts an article after a full stop in a round-up of dated paragraphs
    # (`2月3日，市城乡管理局…` under `2月2日，记者从市城乡管理局…`): nothing printed between them, and the
    # two sides speak of the same things, so the text above goes on.
    from digest.clean import CleanLine
    from digest.segment.rejoin import starts_within_a_topic
    from digest.segment.pieces import Piece

    texts = ["2月2日，记者从市城乡管理局了解到，", "今年我市将新建城市道路十二条，改造", "老旧小区三十个，城市建设项目全面", "提速，确保年内城市道路全部通车。",
             "2月3日，市城乡管理局发布消息，", "全市新开工城市道路项目二十个，总", "投资四十亿元，其中三个项目为续建", "工程，年底前建成。"]
    lines = [CleanLine(text, number) for number, text in enumerate(texts, 1)]
    tags = ["body"] * 4 + ["start"] + ["body"] * 3
    above, below = Piece(lines=lines[:4]), Piece(lines=lines[4:])
    (piece,) = starts_within_a_topic([above, below], lines, tags)
    assert piece.lines == lines
    # Briefs side by side share next to nothing: the start stays.
    other = ["2月3日，市血液中心传来消息，春节", "期间全市献血人数较去年同期增长两", "成，各血站库存充足，能够满足临床", "用血需求，感谢广大爱心献血者。"]
    lines = lines[:4] + [CleanLine(text, number) for number, text in enumerate(other, 5)]
    above, below = Piece(lines=lines[:4]), Piece(lines=lines[4:])
    assert starts_within_a_topic([above, below], lines, tags) == [above, below]


def test_credit_lines_under_an_articles_text_close_it_and_head_no_article():
    # Read as headline candidates, the credits a photo story or a reprint ends with headed the
    # next article (or none): under text that ends a sentence they are that text's last lines.
    from digest.clean import CleanLine
    from digest.segment.retag import credits_under_text

    def tags_after(rows):
        lines = [CleanLine(text, n) for n, (text, _) in enumerate(rows)]
        return credits_under_text(lines, [tag for _, tag in rows])

    credits = [("环卫工人连夜清扫主干道积雪。", "body"), ("文/本报记者 王明", "candidate"), ("图/李强 赵军", "candidate"),
               ("全市召开春耕生产推进会", "candidate"), ("本报讯（记者 张华）3月2日，", "lead")]
    assert tags_after(credits) == ["body", "body", "body", "candidate", "lead"]
    # A reprint's original title in brackets, to the line that closes them.
    original = [("村民在这里借阅图书。", "body"), ("（原题为《某县新建三座乡", "candidate"), ("村图书馆》）", "candidate"),
                ("全县举办农技培训", "candidate"), ("3月5日，全县农技培训班开班。", "body")]
    assert tags_after(original) == ["body", "body", "body", "candidate", "body"]
    assert tags_after([original[0], ("（王明 李强）", "candidate"), original[3]]) == ["body", "body", "candidate"]
    # Under text whose sentence runs on, or a bracket never closed, they are left as read.
    assert tags_after([("环卫工人连夜清扫主干道积", "body"), *credits[1:]]) == ["body", "candidate", "candidate", "candidate", "lead"]
    assert tags_after(original[:2] + original[3:]) == ["body", "candidate", "candidate", "body"]
    # The photo's credit closes them: a credit under it is the next article's byline.
    photo = [credits[0], credits[1], ("（李强 赵军 摄）", "candidate"), ("文 张华 图 刘军", "candidate"), credits[4]]
    assert tags_after(photo) == ["body", "body", "body", "candidate", "lead"]
    # A page the PDF reader parted keeps its tags.
    assert tags_after([("---", "rule"), *credits]) == ["rule", "body", "candidate", "candidate", "candidate", "lead"]
    # A web page's link to the rest (`［详细］`), the last words a reprint keeps, closes its text too.
    link = [("也即将在和孩子短暂的相处中结束。", "body"), ("［ 详细 ］", "candidate"), ("经有一群穿着红衣戴着红帽、", "candidate"),
            ("叫做粉笔头儿的老师们点缀过他们的童年时光。", "body")]
    assert tags_after(link) == ["body", "body", "candidate", "body"]
    assert tags_after([("也即将在和孩子短暂的相处中结", "body"), *link[1:]]) == ["body", "candidate", "candidate", "body"]


def test_a_sign_off_broken_over_a_narrow_columns_lines_or_its_names_run_together_closes_the_text_above():
    # `…的交通环境。` / `（王晓蓉 张岸` / `林）`: a narrow column breaks a brief's bracketed sign-off
    # over two or three lines, and an engine that drops a line's spaces prints its names run
    # together (`（王晓蓉张岸林）`, names of more than four Han to the sign-off reader); read as
    # headline candidates, they headed the next article and the brief lost its last words.
    from digest.clean import CleanLine
    from digest.segment.names import sign_off_over
    from digest.segment.retag import credits_under_text

    def tags_after(rows):
        lines = [CleanLine(text, n) for n, (text, _) in enumerate(rows)]
        return credits_under_text(lines, [tag for _, tag in rows])

    end, head, lead = ("的交通环境。", "body"), ("全市召开春耕生产推进会", "candidate"), ("本报讯（记者 张华）3月2日，", "lead")
    for broken in (["（王晓蓉 张岸", "林）"], ["（王晓蓉", "张岸林）"], ["（王", "景亮）"], ["（杨双平 侯晓雪", "刘兵", "王军明）"],
                   ["（王晓蓉张岸林）"], ["（王晓蓉张岸", "林）"]):
        rows = [end, *[(text, "candidate") for text in broken], head, lead]
        assert tags_after(rows) == ["body"] + ["body"] * len(broken) + ["candidate", "lead"], broken
        assert sign_off_over(broken + ["全市召开春耕生产推进会"]) == len(broken)
    # Not a bracket of other words (`（上接第三版内容）`), nor names that open with no surname,
    # nor a run of more lines than a sign-off is broken over; under a sentence running on, left as read.
    for other in (["（全市各部门", "共同参与）"], ["（中华人民", "共和国）"], ["（王", "晓", "蓉", "张岸林）"]):
        rows = [end, *[(text, "candidate") for text in other], head]
        assert tags_after(rows) == ["body"] + ["candidate"] * (len(other) + 1), other
    assert tags_after([("的交通环", "body"), ("（王晓蓉 张岸", "candidate"), ("林）", "candidate")]) == ["body", "candidate", "candidate"]


def test_a_sign_off_paragraph_is_never_cut_off_as_an_article_of_its_own():
    # A byline read as a headline (`■本报记者杨双平侯晓雪刘兵` / `王军明`) holds the bigrams of the
    # brief's sign-off (`（杨双平侯晓雪刘兵王军明）`), its own last line: a sign-off closes an
    # article, it opens none.
    from digest.clean import CleanLine
    from digest.segment.pieces import Chain, Piece
    from digest.segment.repair import split_at_headlines

    text = ["此次活动，共发放冬衣220余件，惠", "及贫困群众196人，在寒冷冬日送", "去一份温暖和关怀。", "（杨双平侯晓雪刘兵王军明）"]
    piece = Piece(lines=[CleanLine(t, n) for n, t in enumerate(text, start=10)])
    chains = [Chain(lines=["■本报记者杨双平侯晓雪刘兵", "王军明"])]
    assert len(split_at_headlines([piece], chains)) == 1
    # The same words opening a paragraph of text are cut off as before.
    piece = Piece(lines=[CleanLine(t, n) for n, t in enumerate(text[:3] + ["杨双平侯晓雪刘兵王军明等人参加。"], start=10)])
    assert len(split_at_headlines([piece], chains)) == 2


def test_an_enumerated_line_over_a_run_of_candidates_is_an_item_of_the_text():
    # `一、本次检测` / `工作自即日` over `起开始，…`: the item's first words broken over two short
    # column lines, both read as a headline; in columns, an enumerated line heads no article.
    from digest.clean import CleanLine
    from digest.segment.retag import run_on_candidates

    column = [("为进一步做好机动车尾气排", "body"), ("放检测工作，现将有关事", "body"), ("项公告如下。", "body")]
    item = [("一、本次检测", "candidate"), ("工作自即日", "candidate"), ("起开始，至5月18日结", "body"), ("束，请予以理解。", "body")]
    rows = column + item
    lines = [CleanLine(text, n) for n, (text, _) in enumerate(rows)]
    assert run_on_candidates(lines, [tag for _, tag in rows]) == ["body"] * len(rows)
    # A longer run is a headline's lines, whatever its first words.
    longer = column + item[:2] + [("再加一行", "candidate"), ("还有一行", "candidate")] + item[2:]
    lines = [CleanLine(text, n) for n, (text, _) in enumerate(longer)]
    assert run_on_candidates(lines, [tag for _, tag in longer])[3:7] == ["candidate"] * 4


def test_a_reprints_original_title_note_closes_its_article():
    # `（原题为《…》）` is printed as a reprint's last words, as a sign-off is a brief's: the model
    # read the note and the next brief's first line as text running on, and the two merged.
    # Closed under text ending a sentence, the note ends its piece; the text under it opens the next.
    from digest.clean import CleanLine
    from digest.segment.grouping import group_pieces

    def pieces_of(rows):
        lines = [CleanLine(text, n) for n, (text, _) in enumerate(rows)]
        pieces, _ = group_pieces(lines, [tag for _, tag in rows], [], False)
        return [[line.text for line in piece.lines] for piece in pieces]

    reprint = [("村民在这里借阅图书，乡村图书", "body"), ("馆成了村里最热闹的地方。", "body"), ("（原题为《某县新建三座乡", "body"),
               ("村图书馆》）", "body")]
    brief = [("3月5日，全县农技培训班开班，", "body"), ("两百余名农民参加培训。", "body")]
    assert pieces_of(reprint + brief) == [[text for text, _ in reprint], [text for text, _ in brief]]
    # A note not closed, or not under a finished sentence (a reprint that opens with it), closes nothing.
    assert len(pieces_of(reprint[:3] + brief)) == 1
    assert len(pieces_of([("乡村图书馆成了村里最热闹的", "body"), *reprint[2:], *brief])) == 1


def test_names_after_a_briefs_last_sentence_sign_it_off():
    # `…疫情防控工作。燕慧 张靖`: the reporters sign the brief off after its last sentence, bare,
    # and the next brief's first line was read as text running on. Two names or more, spaced,
    # each opening with a surname, end the piece; unspaced (`…世界。潘小胡最` / `想要的奖励…`) they
    # are as likely the next sentence's first words, and a word that is no name (`说道`) is text.
    from digest.clean import CleanLine
    from digest.segment.grouping import group_pieces

    def pieces_of(texts):
        lines = [CleanLine(text, n) for n, text in enumerate(texts)]
        pieces, _ = group_pieces(lines, ["body"] * len(texts), [], False)
        return len(pieces)

    brief = ["会议要求，各单位要不折不扣抓", "好当前疫情防控工作。燕慧 张靖"]
    other = ["3月5日，全县农技培训班开班，", "两百余名农民参加培训。"]
    assert pieces_of(brief + other) == 2
    for last in ("好当前疫情防控工作。燕慧张靖", "好当前疫情防控工作。王明 说道"):
        assert pieces_of([brief[0], last, *other]) == 1
    # What it takes for names: two or three characters each (a surname and one or two, `王涛`,
    # `王晓蓉`, or a compound surname and one, `欧阳明`). Not four (`欧阳小明`: four characters
    # opening with a compound surname may be a word, `东方明珠`; no dev page has such a name), and
    # not one (a two-character name padded to three cells, `王 涛`: letter-spaced layout text,
    # `…工 作 。 据 介`, is one character a token).
    for names in ("王涛 张靖", "王晓蓉 张靖", "欧阳明 张靖", "张靖 王晓蓉 欧阳明"):
        assert pieces_of([brief[0], "好当前疫情防控工作。" + names, *other]) == 2, names
    for names in ("欧阳小明 张靖", "王 涛 张靖"):
        assert pieces_of([brief[0], "好当前疫情防控工作。" + names, *other]) == 1, names
    # Names broken over the line end sign off as a bracketed sign-off broken so does
    # (credits.signed_off): inside a name (`…燕慧 张` + `靖`, 35 page texts of the dev sets)
    # or before the first (`…工作。` + `燕慧 张靖`); not at the space between two, where one
    # name's photo credit breaks as often (`…除冰。陈鑫` + `龙摄`).
    for broken in (["好当前疫情防控工作。燕慧 张", "靖"], ["好当前疫情防控工作。燕", "慧 张靖"], ["好当前疫情防控工作。", "燕慧 张靖"]):
        assert pieces_of([brief[0], *broken, *other]) == 2, broken
    assert pieces_of([brief[0], "好当前疫情防控工作。燕慧", "张靖", *other]) == 1


def test_a_reprints_original_title_note_closes_nothing_on_a_ruled_page_or_with_text_after_it():
    # The limits of the rule above: on a page the PDF reader parted into stories (`ruled`) a story
    # ends where its rule says, not at a note; and a line going on past the note's closing bracket
    # (`村图书馆》）3月5日，…`) holds the next words, so the note is not the piece's last words.
    from digest.clean import CleanLine
    from digest.segment.grouping import group_pieces

    def pieces_of(rows, ruled):
        lines = [CleanLine(text, n) for n, (text, _) in enumerate(rows)]
        pieces, _ = group_pieces(lines, [tag for _, tag in rows], [], ruled)
        return len(pieces)

    text = [("村民在这里借阅图书，乡村图书", "body"), ("馆成了村里最热闹的地方。", "body"), ("（原题为《某县新建三座乡", "body")]
    brief = [("3月5日，全县农技培训班开班，", "body"), ("两百余名农民参加培训。", "body")]
    assert pieces_of(text + [("村图书馆》）", "body")] + brief, False) == 2  # as above
    assert pieces_of(text + [("村图书馆》）", "body")] + brief, True) == 1
    assert pieces_of(text + [("村图书馆》）本报讯", "body")] + brief, False) == 1


def test_the_papers_name_alone_on_a_line_heads_no_article(tmp_path, rules_only):
    # A nameplate printed under (or over) the masthead's line: the masthead reader takes out the
    # line naming the date and page, and the paper's name alone was read as a headline's last
    # line (`全市巩固衔接工作推进会议召开吕梁日报`). It belongs to no article: kept in `unassigned`.
    from digest.ingest import read_issue

    path = tmp_path / "p1.txt"
    path.write_text(
        "吕梁日报 2025年3月19日 星期三 第1版 要闻\n"
        "本报讯（记者 罗丽）4月10日，我市召开巩固衔接工作推进会议，安排部署重点工作。\n"
        "市委副书记张利锋出席会议并讲话。\n"
        "全市巩固衔接工作推进会议召开\n"
        "吕梁日报\n",
        encoding="utf-8",
    )
    issue = read_issue(path)
    (article,) = segment(issue)
    assert article.title == "全市巩固衔接工作推进会议召开"
    assert [(u.text, u.reason) for u in issue.unassigned] == [("吕梁日报", "the paper's name alone (its nameplate)")]


def test_a_short_untitled_piece_read_from_columns_goes_on_the_piece_before_it():
    # Words the reading order parted from their text (`日报》，太原解放后停止出版。`, a paragraph's
    # last words read apart) make an untitled piece of fewer than FRAGMENT_HAN (40) Han characters:
    # no article of its own, read from columns; its words go on the piece before it, kept. One as
    # long, or with a headline, a dateline or a byline, or in raw text, stays an article.
    from digest.clean import CleanLine, han_only
    from digest.segment.cut import FRAGMENT_HAN, _fragments_joined
    from digest.segment.pieces import Piece

    def pieces(fragment: str, **fields):
        story = Piece(lines=[CleanLine("西山公园新建的健身步道正式开放，晨练的市民有了新去处。", 1)], headline=["健身步道开放"])
        return [story, Piece(lines=[CleanLine(fragment, 2)], **fields)], [[story.lines[0].text], [fragment]]

    fragment = "日报》，太原解放后停止出版。"
    # A paragraph's last 35 Han characters read apart are words of the text above too: FRAGMENT_HAN
    # 20 and 30 read the tuning sets 2.1 and 1.0 worse than 40, 60 6.6 worse (it takes briefs of 40-60
    # characters: the brief below); this fails at each (docs/segmentation.md, Layout-mode text, a
    # twenty-first pass; review 27: the test held any value from 13 to 46).
    longer = "的通知》，要求各地在春节前完成农村公路安全隐患排查整治工作，确保群众平安出行。"
    assert len(han_only(longer)) == 35
    for words in (fragment, longer):
        kept, texts = pieces(words)
        columns = frozenset(id(piece.lines[0]) for piece in kept)
        joined, joined_texts = _fragments_joined(kept, texts, columns)
        assert len(joined) == 1 and joined_texts[0][-1] == words and joined[0].lines[-1].text == words
    brief = "西山公园健身步道全长五公里，沿途设有休息亭和饮水点，每天清晨都有不少市民来这里散步、慢跑和打太极拳。"
    assert len(han_only(brief)) >= FRAGMENT_HAN
    for text, fields in ((brief, {}), (fragment, {"headline": ["停刊"]}), (fragment, {"dateline": "本报讯"}), (fragment, {"byline": "王涛"})):
        kept, texts = pieces(text, **fields)
        assert len(_fragments_joined(kept, texts, frozenset(id(piece.lines[0]) for piece in kept))[0]) == 2, (text, fields)
    kept, texts = pieces(fragment)
    assert len(_fragments_joined(kept, texts, frozenset())[0]) == 2  # raw text: as cut
