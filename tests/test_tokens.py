"""Tokens cut once and shared (digest/summarize/tokens.py), and the linear-time guards: a bounded
sentence graph for very long articles, topic breaks in one pass, headlines compared within reach."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from conftest import SEEDS

from digest.config import BuildConfig
from digest.enrich import load_gazetteer, load_themes
from digest.ingest import read_issue
from digest.pipeline import process_issue
from digest.segment.pieces import within_reach
from digest.segment.repair import MIN_TAIL_CHARS, MIN_TAIL_PARAGRAPHS, _cosine, _weakest_link
from digest.summarize import textrank, tokens
from digest.summarize.textrank import bm25_similarity, term_matrix


class _CountingSegmenter:
    def __init__(self, real) -> None:
        self.real, self.calls = real, []

    def cut(self, text: str) -> list[str]:
        self.calls.append(text)
        return self.real.cut(text)


@pytest.fixture
def counting(monkeypatch):
    tokens.forget()
    segmenter = _CountingSegmenter(tokens._segmenter())
    monkeypatch.setattr(tokens, "_segmenter", lambda: segmenter)
    yield segmenter
    tokens.forget()


def test_words_put_together_are_the_text_and_content_words_drop_punctuation_and_stopwords():
    text = "4月29日，孝义市首批500辆氢能共享单车正式投运（记者 张三）。Wi-Fi覆盖全城！"
    assert "".join(tokens.words(text)) == text
    content = tokens.tokenize(text)
    assert "孝义市" in content and "氢能" in content
    assert not any(w in "，。（）！" for w in content)


def test_an_issue_is_cut_once_for_segmentation_ranking_and_keywords(counting):
    issue = read_issue(next(SEEDS.glob("004_*")))
    process_issue(issue, BuildConfig(), load_themes(), load_gazetteer())
    assert counting.calls and len(counting.calls) == len(set(counting.calls))
    assert not tokens._cuts  # forgotten at the end of the issue


def test_dictionary_information_and_tags_without_loading_jieba():
    assert tokens.information("发展") < tokens.information("吕梁") < tokens.information("张利锋这个词典里没有")
    assert tokens.word_tag("召开") == "v" and tokens.word_tag("北京") == "ns" and tokens.word_tag("张利锋这个词典里没有") is None


def test_bounded_graph_keeps_exactly_the_links_within_the_window():
    token_lists = [(f"w{i % 7}", f"w{(i * 3) % 11}", "common") for i in range(60)]
    counts = term_matrix(token_lists)
    full = bm25_similarity(counts).toarray()
    banded = bm25_similarity(counts, window=5).toarray()
    i, j = np.indices(full.shape)
    assert np.allclose(banded[np.abs(i - j) <= 5], full[np.abs(i - j) <= 5])
    assert not banded[np.abs(i - j) > 5].any()


def test_a_very_long_article_is_ranked_on_the_bounded_graph(monkeypatch):
    monkeypatch.setattr(textrank, "FULL_GRAPH", 10)
    sentences = [f"第{i}项工作是推进吕梁市重点项目建设和产业转型升级的关键环节之一。" for i in range(40)]
    scores = textrank.TextRankRanker().score(sentences)
    assert len(scores) == 40 and all(np.isfinite(scores)) and max(scores) > 0


def test_weakest_link_in_one_pass_is_the_lowest_cosine_of_before_and_after():
    texts = ["甲" * 120, "乙" * 120, "丙" * 120, "丁" * 120, "戊" * 120, "己" * 120]
    words = [Counter(a=2, b=1), Counter(a=1), Counter(b=2), Counter(c=3), Counter(c=1, d=2), Counter(d=1)]
    expected = min(
        (_cosine(sum(words[:k], Counter()), sum(words[k:], Counter())), k)
        for k in range(1, len(texts) - MIN_TAIL_PARAGRAPHS + 1)
        if sum(map(len, texts[k:])) >= MIN_TAIL_CHARS
    )
    assert _weakest_link(texts, words) == expected


def test_within_reach_takes_the_positions_near_a_line_in_order():
    assert within_reach([1, 5, 900, 2500, 4000], 1000, reach=2000) == [0, 1, 2, 3]
    assert within_reach([1, 5, 900, 2500, 4000], 6000, reach=2000) == [4]
