"""Summary and keyword quality of every ranker, side by side, as Markdown tables.

    .venv/bin/python benchmarks/quality.py [--eval ../shared/eval]

ROUGE-1/2/L F1 (character level, see rouge.py) on CLTS and CLTS+ (2 sentences) and LCSTS
(1 sentence); headline recall on the sample issues: the share of a printed headline's Han
character bigrams found in the article's 3-sentence summary, and the same share for each
sentence position (the curve the position prior of our TextRank follows). Keywords are scored
the same way (the share of headline bigrams found in the top 8 keywords) and by what they
are: the share jieba's tagger, reading the article, calls a name (person nr, place ns,
organisation nt, other proper noun nz) and the share it calls a verb, adjective, adverb,
numeral or other function word. Rankers and keyword extractors never see the headline unless
a row says so.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path
from statistics import mean

import jieba.analyse
import jieba.posseg

from digest.ingest import read_issue
from digest.model import Article
from digest.segment import segment
from digest.sentences import split_sentences
from digest.summarize import RANKERS, get_ranker, summarize_text
from digest.summarize.keywords import extract_keywords
from digest.summarize.tokens import stopwords
from rouge import rouge_scores

NAME_TAGS = {"nr", "nrt", "nrfg", "ns", "nt", "nz"}
PLAIN_TAGS = ("v", "a", "d", "m", "q", "r", "p", "c", "u", "t", "f", "z", "b")  # not vn: a verbal noun names a thing

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
_HAN_RUN_RE = re.compile(r"[\u4e00-\u9fff]+")


def load_jsonl(path: Path) -> list[tuple[str, str]]:
    """(article, reference summary) pairs."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(row["article"], row["summary"]) for row in rows]


def load_lcsts(folder: Path) -> list[tuple[str, str]]:
    def lines(name: str) -> list[str]:
        return [line.replace("</sentence>", "").strip() for line in (folder / name).read_text(encoding="utf-8").splitlines()]

    return list(zip(lines("test.src"), lines("test.tgt"), strict=True))


def seed_articles() -> list[Article]:
    return [article for path in sorted((ROOT / "seeds").glob("*.txt")) for article in segment(read_issue(path))]


def han_bigrams(text: str) -> set[str]:
    """Bigrams of adjacent Han characters, never across punctuation."""
    return {run[i : i + 2] for run in _HAN_RUN_RE.findall(text) for i in range(len(run) - 1)}


def headline_recall(headline: str, pieces: list[str]) -> float:
    """Share of the headline's bigrams found in the pieces (sentences or keywords)."""
    wanted = han_bigrams(headline)
    found = set().union(*(han_bigrams(piece) for piece in pieces))
    return len(wanted & found) / len(wanted)


def key_sentences(text: str, ranker, count: int, title: str | None = None) -> list[str]:
    return [s.text for s in summarize_text(text, ranker, count=count, title=title)]


def rouge_rows(eval_dir: Path, rankers: dict) -> list[list[str]]:
    datasets = [
        ("CLTS", load_jsonl(eval_dir / "clts_samples.jsonl"), 2),
        ("CLTS+", load_jsonl(eval_dir / "clts_plus_samples.jsonl"), 2),
        ("LCSTS", load_lcsts(eval_dir / "lcsts_100"), 1),
    ]
    rows = []
    for name, pairs, count in datasets:
        summaries = {r: ["".join(key_sentences(article, ranker, count)) for article, _ in pairs] for r, ranker in rankers.items()}
        scores = {r: [rouge_scores(s, ref) for s, (_, ref) in zip(summaries[r], pairs)] for r in rankers}
        for metric in ("R-1", "R-2", "R-L"):
            label = f"{name} {metric} ({count} sent., n={len(pairs)})"
            rows.append([label] + [f"{100 * mean(s[metric] for s in scores[r]):.1f}" for r in rankers])
        reference_length = mean(len(ref) for _, ref in pairs)
        rows.append([f"{name} summary length, chars (reference {reference_length:.0f})"] + [f"{mean(map(len, summaries[r])):.0f}" for r in rankers])
    return rows


def headline_rows(articles: list[Article], rankers: dict) -> list[list[str]]:
    rows = []
    for label, give_title in (("blind", False), ("headline given to ranker", True)):
        cells = []
        for ranker in rankers.values():
            recalls = [headline_recall(a.title, key_sentences(a.text, ranker, 3, a.title if give_title else None)) for a in articles]
            cells.append(f"{100 * mean(recalls):.1f}")
        rows.append([f"Headline recall, 3 sent., {label} (n={len(articles)})"] + cells)
    return rows


def position_rows(articles: list[Article], last: int = 6) -> list[list[str]]:
    """Mean share of the headline's bigrams found in the sentence at each position."""
    shares: dict[int, list[float]] = defaultdict(list)
    for a in articles:
        for i, sentence in enumerate(split_sentences(a.text)):
            shares[min(i, last)].append(headline_recall(a.title, [sentence]))
    label = lambda i: f"sentence {i + 1}" if i < last else f"sentence {last + 1} and later"
    return [[label(i), f"{100 * mean(v):.1f}", str(len(v))] for i, v in sorted(shares.items())]


def _tagger(text: str):
    """Word -> the part of speech jieba's tagger gives it most often in this text."""
    tags: dict[str, Counter] = defaultdict(Counter)
    for pair in jieba.posseg.lcut(text):
        tags[pair.word][pair.flag] += 1

    def tag(word: str) -> str:
        if word in tags:
            return tags[word].most_common(1)[0][0]
        alone = jieba.posseg.lcut(word)
        return alone[0].flag if len(alone) == 1 else "x"

    return tag


def keyword_rows(articles: list[Article]) -> list[list[str]]:
    tfidf = jieba.analyse.TFIDF()
    with resources.as_file(resources.files("digest").joinpath("data/stopwords.txt")) as path:
        tfidf.set_stop_words(str(path))
    news_stopwords = jieba.analyse.TextRank()
    news_stopwords.stop_words |= stopwords()
    extractors = {
        "`extract_keywords` (ours: TF-IDF on the ranker's tokens, names weighted up)": lambda text: extract_keywords(text, count=8),
        "jieba TF-IDF + news stopwords (our extractor before)": lambda text: [w for w in tfidf.extract_tags(text, topK=16) if len(w) >= 2 and not any(c.isdigit() for c in w)][:8],
        "jieba TextRank (`jieba.analyse.textrank`, topK=8)": lambda text: jieba.analyse.textrank(text, topK=8),
        "jieba TextRank + news stopwords": lambda text: news_stopwords.textrank(text, topK=8),
    }
    taggers = [_tagger(a.text) for a in articles]
    rows = []
    for name, extract in extractors.items():
        keywords = [extract(a.text) for a in articles]
        recall = mean(headline_recall(a.title, words) for a, words in zip(articles, keywords))
        in_headline = mean(sum(w in a.title for w in words) / max(1, len(words)) for a, words in zip(articles, keywords))
        tags = [[tag(w) for w in words] for tag, words in zip(taggers, keywords)]
        names = mean(sum(t in NAME_TAGS for t in ts) / max(1, len(ts)) for ts in tags)
        plain = mean(sum(t.startswith(PLAIN_TAGS) and t != "vn" for t in ts) / max(1, len(ts)) for ts in tags)
        latin = sum(w.isascii() and w.islower() for words in keywords for w in words)
        rows.append([name, f"{100 * recall:.1f}", f"{100 * in_headline:.1f}", f"{100 * names:.1f}", f"{100 * plain:.1f}", str(latin)])
    return rows


def print_table(header: list[str], rows: list[list[str]]) -> None:
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="folder with the CLTS, CLTS+ and LCSTS files")
    args = parser.parse_args()

    rankers = {name: get_ranker(name) for name in RANKERS}
    headed = [a for a in seed_articles() if a.title and not a.title_generated and han_bigrams(a.title)]
    print_table(["summary quality (F1 / recall, %)", *rankers], rouge_rows(args.eval, rankers) + headline_rows(headed, rankers))
    print_table([f"position in the article (n={len(headed)})", "headline bigrams in the sentence, %", "sentences"], position_rows(headed))
    print_table(
        [
            f"keywords, top 8, sample articles with a headline (n={len(headed)})",
            "headline bigram recall %",
            "keywords found in headline %",
            "names (nr/ns/nt/nz) %",
            "verbs, adjectives, adverbs… %",
            "lowercase Latin fragments",
        ],
        keyword_rows(headed),
    )


if __name__ == "__main__":
    main()
