import subprocess
import sys

import networkx
import pytest

from digest.model import Article
from digest.sentences import split_sentences, strip_credits
from digest.summarize import RANKERS, get_ranker, select, summarize_article, summarize_text
from digest.summarize.keywords import extract_keywords
from digest.summarize.textrank import bm25_similarity, pagerank, term_matrix
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
    assert all(sentences[s.position] == s.text for s in summary)  # no credits here: shown as printed


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
    assert [s.position for s in summarize_text(ARTICLE, ranker, count=2)] == [0, 1]
    assert [s.position for s in summarize_text(ARTICLE, ranker, count=2, title=title)] == [0, 3]


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


# --- Bylines and credits: not shown, the content kept ---------------------------------------


def test_lead_byline_is_not_shown_but_the_lead_is():
    text = "本报讯（记者 王涛） " + ARTICLE
    summary = summarize_text(text, get_ranker("textrank"), count=1)
    assert summary[0].text == split_sentences(ARTICLE)[0]
    assert summary[0].position == 0


@pytest.mark.parametrize(
    "printed, shown",
    [
        ("本报讯 （记者 李雅萍 通讯员 张三） 5月8日，会议召开。", "5月8日，会议召开。"),
        ("本报讯(记者 付永文)2月25日,市长主持召开会议。", "2月25日,市长主持召开会议。"),
        ("本报讯 4月9日，方山县在北京举办推介活动。", "4月9日，方山县在北京举办推介活动。"),
        ("吕梁日报讯（实习记者 王卫斌）近日，柳林县开展活动。", "近日，柳林县开展活动。"),
        ("新华社北京4月10日电（记者 李四）国务院召开常务会议。", "国务院召开常务会议。"),
        ("图为会议现场。（记者 王益炜 摄）", "图为会议现场。"),
        ("（记者 郭炳中 摄）孝义市首批氢能公交车投运。", "孝义市首批氢能公交车投运。"),
        ("工人在车间包装白酒。（通讯员 李四 供图）（记者 王五 摄）", "工人在车间包装白酒。"),
    ],
)
def test_byline_and_credit_fragments_are_stripped(printed, shown):
    assert strip_credits(printed) == shown


@pytest.mark.parametrize(
    "sentence",
    [
        "孝义市召开会议（以下简称“会议”）。",
        "文明城市创建取得新成效。",
        "记者从市发改委了解到，全市重点项目已开工37个。",
        "“我们将继续发挥示范引领作用。”鹏飞集团负责人郑鹏表示。",
        "（作者系吕梁学院教师）",
    ],
)
def test_content_that_looks_like_a_credit_is_kept(sentence):
    assert strip_credits(sentence) == sentence


def test_photo_credit_at_the_end_of_a_key_sentence_is_not_shown():
    text = ARTICLE.replace("正式投运，标志着该市公共出行领域开启了绿色零碳新时代。", "正式投运，标志着该市公共出行领域开启了绿色零碳新时代。（记者 郭炳中 摄）", 1)
    summary = summarize_text(text, get_ranker("textrank"), count=1)
    assert summary[0].text.endswith("绿色零碳新时代。") and "摄" not in summary[0].text


@pytest.mark.parametrize("name", sorted(RANKERS))
def test_sentence_that_is_only_a_credit_is_never_shown(name):
    text = "孝义市首批氢能公交车正式投运，开启绿色出行新时代。\n记者 王益炜 摄\n这是吕梁市第一条氢能公交线路，由鹏飞集团运营管理。"
    summary = summarize_text(text, get_ranker(name), count=3)
    assert [s.position for s in summary] == [0, 2]  # positions still count the credit line


# --- Short and empty articles ------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(RANKERS))
def test_whitespace_only_body_gives_no_key_sentences(name):
    assert summarize_text(" \n\n　\n", get_ranker(name)) == []


@pytest.mark.parametrize("name", sorted(RANKERS))
def test_two_sentence_article_gives_both_in_order(name):
    text = "孝义市首批氢能公交车正式投运，开启绿色出行新时代。这是吕梁市第一条氢能公交线路，由鹏飞集团运营管理。"
    assert [s.position for s in summarize_text(text, get_ranker(name), count=3)] == [0, 1]


def test_three_sentence_article_with_a_heading_gives_the_two_statements():
    text = "一、总体要求\n孝义市首批氢能公交车正式投运，开启绿色出行新时代。\n这是吕梁市第一条氢能公交线路，由鹏飞集团运营管理。"
    assert [s.position for s in summarize_text(text, get_ranker("textrank"), count=3)] == [1, 2]


def test_article_of_headings_only_still_gives_its_first_lines():
    text = "一、总体要求\n二、重点任务\n三、保障措施"
    assert [s.position for s in summarize_text(text, get_ranker("textrank"), count=2)] == [0, 1]


# --- Length control --------------------------------------------------------------------------


def test_in_body_section_heading_is_never_a_key_sentence():
    text = ARTICLE + "\n强化氢能产业链链主引领\n鹏飞集团将继续扩大氢能产业链布局，带动上下游企业协同发展。"
    summary = summarize_text(text, get_ranker("textrank"), count=3)
    assert all(s.text != "强化氢能产业链链主引领" for s in summary)


def test_slogan_couplet_is_never_a_key_sentence():
    text = "运动青春 筑梦未来\n" + ARTICLE
    assert all(s.position != 0 for s in summarize_text(text, get_ranker("textrank"), count=3))


def test_numbered_list_sentence_is_passed_over_for_a_statement():
    listing = (
        "氢能公交车的主要参数：1、整车长度10.5米，可载客80人；2、储氢量25公斤，续航400公里；"
        "3、加氢时间15分钟，百公里氢耗6公斤；4、采用东风特汽底盘，配备氢能燃料电池系统。"
    )
    text = ARTICLE.replace("采用低碳固态储氢技术，行驶安全可靠；选用国内头部品牌车身，尽显前沿审美。", listing)
    summary = summarize_text(text, get_ranker("textrank"), count=2)
    assert all(s.text != listing for s in summary)


# --- Selection: MMR and budget ----------------------------------------------------------------


def test_mmr_prefers_a_new_fact_over_a_paraphrase_of_a_chosen_one():
    sentences = [
        "孝义市首批氢能公交车正式投运。",
        "孝义市氢能公交线路由鹏飞集团运营管理。",  # shares a third of its bigrams with the first: similar, not a repeat
        "鹏飞集团负责人表示将继续扩大产能。",
    ]
    scores = [1.0, 0.95, 0.9]
    assert [s.position for s in select(sentences, scores, count=2, mmr_lambda=0.7)] == [0, 2]
    assert [s.position for s in select(sentences, scores, count=2, mmr_lambda=1.0)] == [0, 1]  # λ = 1: score alone


def test_budget_is_never_exceeded_when_a_shorter_sentence_fits():
    sentences = ["孝义市首批500辆氢能共享单车和5辆氢能公交车正式投运，开启绿色出行新时代。", "氢能公交车正式投运。", "鹏飞集团运营管理。"]
    chosen = select(sentences, [3.0, 2.0, 1.0], count=3, budget=20)
    assert [s.position for s in chosen] == [1, 2]
    assert sum(len(s.text) for s in chosen) <= 20


def test_budget_smaller_than_every_sentence_gives_the_first_cut_to_fit():
    sentences = ["孝义市首批氢能公交车正式投运，开启绿色出行新时代。", "这是吕梁市第一条氢能公交线路，由鹏飞集团运营。"]
    assert [(s.position, s.text) for s in select(sentences, [1.0, 2.0], count=2, budget=5)] == [(0, "孝义市首…")]


def test_fragments_scored_zero_do_not_pad_the_summary():
    sentences = ["孝义市首批氢能公交车正式投运，开启绿色出行新时代。", "科技创新", "这是吕梁市第一条氢能公交线路。"]
    assert [s.position for s in select(sentences, [2.0, 0.0, 1.0], count=3)] == [0, 2]


# --- The graph ---------------------------------------------------------------------------------


def test_bm25_similarity_is_symmetric_without_self_loops():
    similarity = bm25_similarity(term_matrix([("氢能", "公交车"), ("氢能", "单车"), ("鹏飞", "集团"), ("氢能", "公交车")])).toarray()
    assert (similarity.diagonal() == 0).all()
    assert (abs(similarity - similarity.T) < 1e-12).all()
    assert similarity[0, 3] > similarity[0, 1] > similarity[0, 2] == 0


def test_pagerank_is_a_distribution_even_with_isolated_sentences():
    similarity = bm25_similarity(term_matrix([("氢能", "公交车"), ("氢能", "单车"), ("鹏飞", "集团")]))
    rank = pagerank(similarity, teleport=__import__("numpy").full(3, 1 / 3))
    assert abs(rank.sum() - 1) < 1e-6 and (rank > 0).all()


def test_bm25_on_a_plain_array_is_the_sparse_result():
    token_lists = [("氢能", "公交车", "氢能"), ("氢能", "单车"), ("鹏飞", "集团"), ("氢能", "公交车"), ()]
    sparse_result = bm25_similarity(term_matrix(token_lists)).toarray()
    dense_result = bm25_similarity(term_matrix(token_lists, dense_product=len(token_lists) ** 2 * 1000))
    assert type(dense_result).__name__ == "ndarray"
    assert abs(sparse_result - dense_result).max() < 1e-12


# --- Keywords ----------------------------------------------------------------------------------

NEWS = (
    "本报讯（记者 罗丽）4月10日，我市召开巩固衔接工作推进会议。市委副书记张利锋出席并讲话。"
    "张利锋强调，要持续推进乡村振兴，做好防止返贫动态监测和帮扶工作，推动发展取得新成效。"
    "会议要求，各县市区要压实责任，持续巩固拓展脱贫攻坚成果，扎实推进离石区、临县等地产业帮扶项目。"
    "举报电话：0358-8222222，邮箱：llstszx@163.com，网址：www.llswj.gov.cn。"
    "2000余株树苗已经栽种完毕。"
)


def test_keywords_name_people_and_places_not_generic_words():
    keywords = extract_keywords(NEWS)
    assert "张利锋" in keywords and "离石区" in keywords
    assert not {"发展", "工作", "持续", "推进", "推动"} & set(keywords)


def test_keywords_leave_out_email_and_url_fragments():
    keywords = extract_keywords(NEWS, count=20)
    assert not {"llstszx", "com", "www", "llswj", "gov", "cn"} & set(keywords)


def test_keywords_leave_out_leftovers_of_numbers():
    assert "余株" not in extract_keywords(NEWS, count=20)


def test_keyword_inside_a_longer_keyword_is_left_out():
    keywords = extract_keywords("吕梁市召开会议。吕梁市委书记出席。吕梁经济持续向好，吕梁人民幸福安康。", count=8)
    assert "吕梁市" in keywords and "吕梁" not in keywords


def test_keywords_keep_latin_names_and_acronyms():
    assert "AEM" in extract_keywords("吕梁经开区申报的2MW AEM单模块电解水制氢系统入选重大技术装备清单。AEM制氢技术实现突破。")


# --- Tokenize once; lazy imports ----------------------------------------------------------------


def test_each_sentence_is_cut_once_for_ranking_and_keywords(monkeypatch):
    from digest.summarize import tokens

    tokens.forget()  # what earlier tests cut
    calls = []
    real = tokens._segmenter()

    class Counting:
        def cut(self, text):
            calls.append(text)
            return real.cut(text)

    monkeypatch.setattr(tokens, "_segmenter", lambda: Counting())
    article = Article(source="a.txt", text=ARTICLE, title="孝义市首批氢能公交车正式投运")
    summarize_article(article, get_ranker("textrank"), count=3)
    tokens.forget()
    assert article.summary and article.keywords
    assert calls and len(calls) == len(set(calls))  # every run of the sentences and the headline, once


def _modules_after(code: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", code + "\nimport sys; print(' '.join(sys.modules))"], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


def test_cli_import_loads_no_ranker_library():
    loaded = _modules_after("import digest.cli")
    assert not {"jieba", "rjieba", "numpy", "scipy", "networkx", "textrank4zh", "jieba.analyse", "jieba.posseg"} & loaded


def test_lead_ranker_run_never_loads_the_graph_libraries(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    loaded = _modules_after(f"from digest.summarize.files import summarize_files; summarize_files([{str(path)!r}], 'lead', 3)")
    assert "rjieba" in loaded  # keywords
    assert not {"jieba", "scipy", "networkx", "textrank4zh", "jieba.analyse", "jieba.posseg"} & loaded


def test_ordinary_articles_are_ranked_without_loading_scipy(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    loaded = _modules_after(f"from digest.summarize.files import summarize_files; summarize_files([{str(path)!r}], 'textrank', 3)")
    assert "numpy" in loaded and "scipy" not in loaded


def test_article_of_sixty_sentences_and_six_hundred_words_is_ranked_on_plain_arrays():
    """The choice counts the multiplications of the similarity product (sentences² × words),
    not the cells: a long ordinary article stays off scipy, a much longer one goes sparse."""
    from digest.summarize.textrank import DENSE_PRODUCT

    article = [tuple(f"词{i}_{k}" for k in range(10)) for i in range(60)]
    assert 60 * 600 > 20_000 and 60**2 * 600 <= DENSE_PRODUCT
    assert type(term_matrix(article, dense_product=DENSE_PRODUCT)).__name__ == "ndarray"
    longer = [tuple(f"词{i}_{k}" for k in range(10)) for i in range(300)]
    assert type(term_matrix(longer, dense_product=DENSE_PRODUCT)).__name__ == "csr_matrix"


def test_scores_on_plain_arrays_are_those_on_sparse_matrices(monkeypatch):
    import numpy as np

    from digest.summarize import textrank

    sentences = [s + "。" for s in ARTICLE.split("。") if s.strip()]
    title = "孝义市首批氢能公交车正式投运"
    dense = textrank.TextRankRanker().score(sentences, title)
    monkeypatch.setattr(textrank, "DENSE_PRODUCT", 0)  # every article sparse, as a long one is
    sparse_scores = textrank.TextRankRanker().score(sentences, title)
    assert np.allclose(dense, sparse_scores, rtol=1e-12, atol=0)
    assert sorted(range(len(dense)), key=lambda i: -dense[i]) == sorted(range(len(dense)), key=lambda i: -sparse_scores[i])


def test_rankers_are_listed_without_being_imported():
    assert sorted(RANKERS) == ["lead", "textrank", "textrank4zh"]
    assert RANKERS["lead"]().name == "lead"


def _mmr_every_candidate(sentences, scores, count, max_overlap=0.6, mmr_lambda=0.8):
    """MMR weighing every candidate in every round (what `select` does without stopping early)."""
    import math

    from digest.clean import share_of_fewer, shingles
    from digest.summarize.base import _cosine

    top = max(scores)
    grams = [shingles(s, 2) for s in sentences]
    candidates = sorted((i for i in range(len(sentences)) if scores[i] > 0), key=lambda i: (-scores[i], i))
    chosen = []
    while candidates and len(chosen) < count:
        best, best_value = None, -math.inf
        for i in candidates:
            if chosen and any(share_of_fewer(grams[i], grams[j]) > max_overlap for j in chosen):
                continue
            value = mmr_lambda * scores[i] / top - (1 - mmr_lambda) * max((_cosine(grams[i], grams[j]) for j in chosen), default=0.0)
            if value > best_value:
                best, best_value = i, value
            if not chosen:
                break
        if best is None:
            break
        chosen.append(best)
        candidates.remove(best)
    return sorted(chosen)


@pytest.mark.parametrize("mmr_lambda", [0.0, 0.3, 0.8, 1.0])
def test_mmr_stopping_early_picks_what_weighing_every_candidate_picks(mmr_lambda):
    import random

    rng = random.Random(7)
    words = ["吕梁市", "交城县", "项目", "建设", "推进", "群众", "服务", "工作", "发展", "文化", "旅游", "乡村"]
    for _ in range(40):
        sentences = ["".join(rng.choice(words) for _ in range(rng.randint(3, 9))) + "。" for _ in range(rng.randint(4, 30))]
        scores = [rng.choice([0.0, rng.random(), 0.5]) for _ in sentences]
        if max(scores) <= 0:
            continue
        picked = [k.position for k in select(sentences, scores, 3, mmr_lambda=mmr_lambda)]
        assert picked == _mmr_every_candidate(sentences, scores, 3, mmr_lambda=mmr_lambda)


def test_search_and_trends_load_no_pipeline():
    # `digest search` and `trends` read the archive only: no ranker, segmenter or PDF reader
    loaded = _modules_after("import digest.cli, digest.archive.search, digest.archive.trends")
    assert not {"digest.pipeline", "digest.segment", "digest.pdf", "rjieba", "numpy", "scipy", "weasyprint"} & loaded
