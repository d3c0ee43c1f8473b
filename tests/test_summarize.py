import networkx
import pytest

from digest.sentences import split_sentences
from digest.summarize import RANKERS, get_ranker, select, summarize_text
from digest.summarize.textrank4zh_ranker import TextRank4ZHRanker

ARTICLE = (
    "4月29日，孝义市首批500辆氢能共享单车、5辆氢能公交车正式投运，标志着该市公共出行领域开启了绿色零碳新时代。"
    "孝义市首批氢能共享单车整车重量55公斤，储氢50克，可续航60公里，最高时速23km/h。"
    "采用低碳固态储氢技术，行驶安全可靠；选用国内头部品牌车身，尽显前沿审美。"
    "孝义市首批氢能公交车由鹏飞集团旗下东风特汽自主研发制造，成为我省首条城际交通零碳运营示范线路。"
    "首批氢能共享单车、氢能公交车投运是孝义市深化能源革命综合改革，加快培育新质生产力的具体实践。"
    "“我们将继续发挥省级氢能产业链链主企业示范引领作用。”鹏飞集团负责人郑鹏表示。"
)


def test_sentences_end_at_chinese_end_marks_only():
    assert split_sentences("采用低碳固态储氢技术，行驶安全可靠；选用国内头部品牌车身。第二句！") == [
        "采用低碳固态储氢技术，行驶安全可靠；选用国内头部品牌车身。",
        "第二句！",
    ]


def test_closing_quote_stays_with_its_sentence():
    assert split_sentences("“我们现在的生产线产能还没开满。”谷南昌说道。") == ["“我们现在的生产线产能还没开满。”", "谷南昌说道。"]


def test_line_breaks_do_not_split_sentences_within_a_paragraph():
    assert split_sentences("第一段的一句话。\n第二段的一句话。") == ["第一段的一句话。", "第二段的一句话。"]


@pytest.mark.parametrize("name", sorted(RANKERS))
def test_key_sentences_in_document_order(name):
    summary = summarize_text(ARTICLE, get_ranker(name), count=3)
    assert len(summary) == 3
    positions = [s.position for s in summary]
    assert positions == sorted(positions)
    sentences = split_sentences(ARTICLE)
    assert all(sentences[s.position] == s.text for s in summary)


@pytest.mark.parametrize("name", sorted(RANKERS))
def test_empty_document(name):
    assert summarize_text("", get_ranker(name)) == []


@pytest.mark.parametrize("name", sorted(RANKERS))
def test_single_sentence(name):
    summary = summarize_text("孝义市首批氢能公交车正式投运。", get_ranker(name), count=3)
    assert [s.text for s in summary] == ["孝义市首批氢能公交车正式投运。"]


def test_textrank4zh_runs_under_installed_networkx():
    assert int(networkx.__version__.split(".")[0]) >= 3
    assert not hasattr(networkx, "from_numpy_matrix")  # the library's call really is gone
    scores = TextRank4ZHRanker().score(split_sentences(ARTICLE))
    assert len(scores) == 7
    assert all(score > 0 for score in scores)
    assert not hasattr(networkx, "from_numpy_matrix")  # and we did not put it back globally


def test_lead_ranker_takes_the_first_sentences():
    summary = summarize_text(ARTICLE, get_ranker("lead"), count=2)
    assert [s.position for s in summary] == [0, 1]


def test_textrank_prefers_the_lead_over_a_quote():
    summary = summarize_text(ARTICLE, get_ranker("textrank"), count=1)
    assert summary[0].position == 0


def test_headline_pulls_matching_sentence():
    ranker = get_ranker("textrank")
    title = "氢能公交车由鹏飞集团东风特汽研发制造"
    assert summarize_text(ARTICLE, ranker, count=1)[0].position == 0
    assert summarize_text(ARTICLE, ranker, count=1, title=title)[0].position == 3


def test_fragments_are_never_key_sentences():
    text = "科技创新再续华章。" + ARTICLE
    summary = summarize_text(text, get_ranker("textrank"), count=3)
    assert all(s.text != "科技创新再续华章。" for s in summary)


def test_select_budget_and_redundancy():
    sentences = ["甲乙丙丁戊己庚辛。", "甲乙丙丁戊己庚辛壬。", "完全不同的另一句话在这里。"]
    chosen = select(sentences, [3.0, 2.0, 1.0], count=2)
    assert [s.position for s in chosen] == [0, 2]  # the near-repeat is skipped
    assert [s.position for s in select(sentences, [3.0, 2.0, 1.0], count=3, budget=12)] == [0]


def test_unknown_ranker():
    with pytest.raises(ValueError, match="unknown ranker"):
        get_ranker("nope")
