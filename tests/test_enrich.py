import re

import pytest
from conftest import SEEDS, make_article

from digest.enrich import classify, load_gazetteer, load_themes, locate
from digest.errors import DigestError

THEMES = load_themes()
PLACES = load_gazetteer()


def test_default_themes_in_order():
    assert THEMES.names == ["生态环保", "产业经济", "能源转型", "乡村振兴", "党建政务", "社会民生", "文化教育", "安全生产", "城市建设", "其他"]


def test_theme_from_keywords_with_terms():
    article = make_article("孝义市首批氢能公交车正式投运，氢能产业链加快发展，新能源装机容量持续提升。", title="孝义市首批氢能共享单车正式投运")
    theme, terms = classify(article, THEMES)
    assert theme == "能源转型"
    assert "氢能" in terms


def test_nothing_matches_gives_fallback():
    assert classify(make_article("今天天气晴朗。"), THEMES) == ("其他", [])


def test_custom_theme_file(tmp_path):
    path = tmp_path / "themes.toml"
    path.write_text('fallback = "杂项"\n[[theme]]\nname = "氢能"\nkeywords = ["氢"]\n', encoding="utf-8")
    themes = load_themes(path)
    assert classify(make_article("氢能公交车投运。"), themes)[0] == "氢能"
    assert themes.names == ["氢能", "杂项"]


def test_keywords_an_article_lacks_are_skipped_without_changing_any_theme_or_term():
    """classify skips a keyword whose first two characters are nowhere side by side in the
    text or headline; on every paragraph of the sample issues it gives what counting every
    keyword gives (the headline counted TITLE_WEIGHT times; ties to the theme listed first)."""
    from conftest import SEEDS

    from digest.enrich import TITLE_WEIGHT

    def counted(article):
        title = article.title or ""
        best = (THEMES.fallback, 0, [])
        for theme in THEMES.themes:
            hits = {w: article.text.count(w) + TITLE_WEIGHT * title.count(w) for w in theme.keywords}
            score = sum(hits.values())
            if score > best[1]:
                best = (theme.name, score, sorted((w for w in hits if hits[w]), key=lambda w: (-hits[w], theme.keywords.index(w))))
        return best[0], best[2][:6]

    paragraphs = [p for path in sorted(SEEDS.glob("*.txt")) for p in path.read_text(encoding="utf-8").split("\n") if len(p) > 20]
    assert len(paragraphs) > 100
    for k, paragraph in enumerate(paragraphs):
        article = make_article(paragraph, title=paragraphs[k - 1][:20])
        assert classify(article, THEMES) == counted(article)


def test_county_and_lvliang_flag():
    article = make_article("近日，柳林县三交镇启动垃圾分类兑换积分活动。")
    locate(article, PLACES)
    assert "柳林县" in article.counties
    assert article.lvliang


def test_xiaoyi_town_is_in_wenshui_not_xiaoyi_city():
    article = make_article("近日，文水县孝义镇北武度村菜农张向红在温室大棚采收黄瓜。")
    locate(article, PLACES)
    assert "孝义镇" in article.places
    assert "孝义市" not in article.counties
    assert "文水县" in article.counties


def test_xinghuacun_is_in_fenyang():
    article = make_article("山西杏花村汾杏酒厂的包装车间里，工人正加班生产。")
    locate(article, PLACES)
    assert article.counties == ["汾阳市"]
    assert article.lvliang


def test_each_place_is_the_longest_name_there_none_overlapping(tmp_path):
    path = tmp_path / "places.toml"
    path.write_text('[city]\nname = "吕梁市"\n[[county]]\nname = "孝义市"\naliases = ["孝义"]\nplaces = ["孝义镇北", "镇北村", "义镇"]\n', encoding="utf-8")
    gazetteer = load_gazetteer(path)
    assert gazetteer.names_in("孝义孝义镇北村，孝义市，吕梁。孝义镇") == ["孝义", "孝义镇北", "孝义市", "孝义"]


def test_places_are_the_matches_of_the_names_longest_first_on_the_sample_issues():
    # The definition names_in keeps without compiling it: a pattern of every name, longest
    # first, took seconds to compile and tried every name at every character of a huge places.toml.
    names = set(PLACES.city_names) | set(PLACES.county_names) | set(PLACES.other_names) | set(PLACES.lookalikes)
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n))))
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert PLACES.names_in(text) == pattern.findall(text), path.name

def test_article_about_another_city_is_not_lvliang():
    article = make_article("太原市蒙山大街西延配套绿化工程主要栽植任务即将完成，太原园林局介绍。")
    locate(article, PLACES, local_paper=False)
    assert not article.lvliang
    assert article.places[0] == "太原市"


def test_wo_shi_means_lvliang_only_in_a_lvliang_paper():
    article = make_article("我市召开巩固衔接工作推进会议。")
    locate(article, PLACES, local_paper=True)
    assert article.lvliang
    locate(article, PLACES, local_paper=False)
    assert not article.lvliang


def test_no_keyword_in_two_themes():
    seen: dict[str, str] = {}
    for theme in THEMES.themes:
        for word in theme.keywords:
            assert word not in seen, f"{word} is in both {seen[word]} and {theme.name}"
            seen[word] = theme.name


def test_city_government_is_not_municipal_works():
    # 市政府 holds the characters 市政; only municipal works (市政设施, 市政道路 ...) are 城市建设.
    theme, terms = classify(make_article("市政府召开常务会议，市政府党组成员参加。", title="市政府召开常务会议"), THEMES)
    assert theme != "城市建设"
    assert not any(t.startswith("市政") for t in terms)
    assert classify(make_article("今年将改造市政道路12条，完善市政设施。"), THEMES)[0] == "城市建设"


def test_administrative_approval_is_government_affairs():
    theme, terms = classify(make_article("全省推进数字政府建设，政务数据共享后审批时间大幅缩短。"), THEMES)
    assert theme == "党建政务"
    assert "审批" in terms


def test_factory_production_is_industry():
    article = make_article("车间里，工人们在生产线上加班加点赶制订单。")
    assert classify(article, THEMES) == ("产业经济", ["车间", "生产线", "订单"])
    assert classify(make_article("白酒企业订单增长，酒业品牌走向全国。"), THEMES)[0] == "产业经济"


def test_youth_league_services_are_social():
    theme, terms = classify(make_article("团市委联合多家单位为广大青年提供暖心服务，服务青年“最后一公里”。"), THEMES)
    assert theme == "社会民生"
    assert terms[:2] == ["青年", "团市委"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[theme]]\nname = "甲"\nkeywords = "abc"\n', "keywords must be a list"),
        ('[[theme]]\nname = "甲"\nkeywords = [""]\n', "non-empty string"),
        ('fallback = ["x"]\n[[theme]]\nname = "甲"\nkeywords = ["氢"]\n', "fallback must be"),
        ('[[theme]]\nname = "甲"\nkeywords = ["氢"]\n[[theme]]\nname = "甲"\nkeywords = ["电"]\n', "named twice"),
        ('[[theme]]\nname = "省内动态"\nkeywords = ["氢"]\n', "section for other places"),
        ("theme = 3\n", r"\[\[theme\]\] tables"),
        ('[[theme]]\nname = "氢能"\nkeyword = ["氢"]\n', r"\[\[theme\]\] 1 \(氢能\): unknown key 'keyword' \(known keys: name, keywords\)"),
        ('[[theme]]\nname = "氢能"\n', r"\[\[theme\]\] 1 \(氢能\): keywords is missing"),
        ('[[theme]]\nname = "氢能"\nkeywords = []\n', r"\[\[theme\]\] 1 \(氢能\): keywords is an empty list"),
        ('[[theme]]\nname = "氢能"\nkeywords = ["氢", 3]\n', "non-empty string, not 3"),
        ('fallbak = "杂项"\n[[theme]]\nname = "氢能"\nkeywords = ["氢"]\n', r"top level: unknown key 'fallbak' \(known keys: theme, fallback\)"),
        ('[[theme]]\nname = "国内"\nkeywords = ["氢"]\n', "section for other places"),
    ],
)
def test_bad_theme_file_is_a_clear_error(tmp_path, text, message):
    path = tmp_path / "themes.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DigestError, match=message):
        load_themes(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "needs a \\[city\\] table"),
        ('city = "A"\n', "needs a \\[city\\] table"),
        ('[city]\nname = ""\n', "non-empty string"),
        ('[city]\nname = "吕梁市"\n[[county]]\naliases = ["离石"]\n', r"\[\[county\]\] 1: name must be a non-empty string"),
        ('[city]\nname = "吕梁市"\nalias = ["吕梁"]\n', r"\[city\]: unknown key 'alias' \(known keys: name, aliases, places\)"),
        ('[city]\nname = "吕梁市"\n[[county]]\nname = "离石区"\nalias = ["离石"]\n', r"\[\[county\]\] 1 \(离石区\): unknown key 'alias'"),
        ('[city]\nname = "吕梁市"\n[[county]]\nname = "离石区"\nplaces = "滨河街道"\n', r"\[\[county\]\] 1 \(离石区\): places must be a list of strings"),
        ('[city]\nname = "吕梁市"\n[[lookalike]]\ntext = "孝义镇"\nbelong_to = "文水县"\n', r"\[\[lookalike\]\] 1: unknown key 'belong_to'"),
        ('[city]\nname = "吕梁市"\n[[countys]]\nname = "离石区"\n', r"top level: unknown key 'countys' \(known keys: city, county, other, lookalike\)"),
    ],
)
def test_bad_places_file_is_a_clear_error(tmp_path, text, message):
    path = tmp_path / "places.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DigestError, match=message):
        load_gazetteer(path)


def test_fallback_theme_may_list_no_keyword(tmp_path):
    path = tmp_path / "themes.toml"
    path.write_text('fallback = "杂项"\n[[theme]]\nname = "氢能"\nkeywords = ["氢"]\n[[theme]]\nname = "杂项"\nkeywords = []\n', encoding="utf-8")
    assert load_themes(path).names == ["氢能", "杂项"]


def test_themes_typo_is_one_line_from_the_cli(tmp_path):
    from click.testing import CliRunner
    from conftest import seed

    from digest.cli import main

    path = tmp_path / "themes.toml"
    path.write_text('[[theme]]\nname = "氢能"\nkeyword = ["氢"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(seed("000")), "--themes", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"digest: error: {path}: [[theme]] 1 (氢能): unknown key 'keyword' (known keys: name, keywords)"]


@pytest.mark.parametrize(
    ("text", "paper", "places", "shanxi"),
    [
        ("习近平总书记强调，要树立和践行正确政绩观。", "吕梁日报", [], False),
        ("我省加快推进自然资源与空间地理基础库建设。", "科学导报", [], True),
        ("我省加快推进自然资源与空间地理基础库建设。", "未知报刊", [], False),  # 我省 of a paper from nowhere is no province
        ("山西省政协主办协商研讨会议。", "人民日报", [], True),
        ("蒙山大街西延绿化工程即将完工。", "科学导报", ["太原市"], True),
    ],
    ids=["national", "our-province", "our-province-unknown-paper", "names-shanxi", "shanxi-place"],
)
def test_about_shanxi(text, paper, places, shanxi):
    from digest.enrich import about_shanxi

    assert about_shanxi(make_article(text, paper=paper, places=places)) is shanxi


def test_article_about_no_place_in_shanxi_gets_a_section_of_its_own():
    from conftest import make_issue

    from digest.compose import compose

    issue = make_issue("x", source="a.txt")
    issue.articles = [
        make_article("习近平总书记强调，要树立和践行正确政绩观，实干担当，为民造福。", "实干担当 为民造福", id="a-01", paper="吕梁日报"),
        make_article("太原市蒙山大街西延绿化工程即将完工，市民将有新去处。", "蒙山大街西延绿化工程即将完工", id="a-02", paper="科学导报", places=["太原市"]),
    ]
    sections = {s.name: [a.id for a in s.articles] for s in compose([issue], "t", THEMES, []).sections}
    assert sections["国内"] == ["a-01"] and sections["省内动态"] == ["a-02"]
