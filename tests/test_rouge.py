"""benchmarks/rouge.py against scores worked out by hand."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.rouge import rouge_l, rouge_n, rouge_scores, tokens  # noqa: E402


def test_identical_text_scores_one():
    assert rouge_scores("吕梁市召开全市经济工作会议。", "吕梁市召开全市经济工作会议。") == {"R-1": 1.0, "R-2": 1.0, "R-L": 1.0}


def test_disjoint_text_scores_zero():
    assert rouge_scores("今天下雨", "明年丰收") == {"R-1": 0.0, "R-2": 0.0, "R-L": 0.0}


def test_empty_text_scores_zero():
    assert rouge_scores("", "吕梁") == {"R-1": 0.0, "R-2": 0.0, "R-L": 0.0}


def test_partial_overlap():
    # candidate 吕梁市长调研 (6 tokens; punctuation dropped), reference 市长到吕梁调研工作 (9 tokens).
    candidate, reference = "吕梁市长，调研。", "市长到吕梁调研工作"
    # unigrams: all 6 candidate characters occur in the reference: F1 = 2·6 / (6 + 9)
    assert rouge_n(candidate, reference, 1) == pytest.approx(12 / 15)
    # bigrams: 吕梁 市长 调研 of 5 and 8: F1 = 2·3 / (5 + 8)
    assert rouge_n(candidate, reference, 2) == pytest.approx(6 / 13)
    # LCS: 吕梁调研 (or 市长调研), length 4: F1 = 2·4 / (6 + 9)
    assert rouge_l(candidate, reference) == pytest.approx(8 / 15)


def test_repeated_ngrams_are_clipped():
    # 哈 ×3 against 哈 ×2: 2 matches, F1 = 2·2 / (3 + 4); 哈哈 ×2 against ×1: F1 = 2·1 / (2 + 3)
    assert rouge_n("哈哈哈", "哈哈大笑", 1) == pytest.approx(4 / 7)
    assert rouge_n("哈哈哈", "哈哈大笑", 2) == pytest.approx(2 / 5)


def test_latin_and_digit_runs_are_one_token():
    assert tokens("2021年GDP增长８.5%") == ["2021", "年", "gdp", "增", "长", "8", "5"]
    # 2021 and 2022 are different tokens, so only 年 matches: F1 = 2·1 / (2 + 2)
    assert rouge_n("2021年", "2022年", 1) == pytest.approx(0.5)
