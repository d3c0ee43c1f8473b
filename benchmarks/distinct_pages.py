"""Page files of distinct articles, for measuring how the stages grow with the week.

    python benchmarks/distinct_pages.py OUT [--count 335] [--shared ../shared] [--seed growth]

The growth pages of `briefing_speed.make_pages` print the five sample pages over and over,
each time with a quarter of their words changed, so every article has more near-copies the
bigger the week (repeat merging reads about 90 entries of earlier articles' anchor lists
for each article at 200k characters, 800 at 2M): no real week is like that. These pages are
made of the real articles with headlines under `../shared` instead (LCSTS and SogouCS in
`eval`, and `corpus`: about 1,250 articles, 230,000 characters, read at run time, never
copied into the project), each as `## headline`, a dateline and its sentences in paragraphs
of two to four, as the Markdown sample issue lays them out; a page is about 6,000
characters, four page files a day from 2025-04-07 (more a day past 28 files). The articles
are taken in a shuffled order, every one once before any comes again, so a week of 2
million characters prints each about nine times: each time, half of its nouns, names,
places and organizations (jieba's parts of speech n, nr, ns, nt, nz, m) are drawn afresh
from jieba's dictionary (same part of speech and length, as often as jieba counts them; the
same word replaced alike all through the article, so its headline still names what its
text does) and its digits are drawn afresh, so no two printings are the same article.
Repeat merging reads about as many anchor entries an article on these pages as on the real
articles themselves up to their 230,000 characters (`--profile`: 0.10 at 20k, 1.13 at 200k;
the real articles 0.05 and 0.74), and 39 at 2M, where the real text has run out and is
reused (on the varied pages: about 90 at 200k, 800 at 2M).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIRST_DAY = dt.date(2025, 4, 7)  # a Monday, as the growth pages
PAGE_CHARACTERS = 6000
REDRAWN = ("n", "nr", "ns", "nt", "nz", "m")  # jieba's parts of speech drawn afresh on use
SHARE = 0.5  # of the words of those parts of speech, this share is drawn afresh each time
_SENTENCE = re.compile(r"[^。！？]*[。！？]+[”’」』）)]*")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_DIGITS = re.compile(r"\d")


SOURCES = (("eval/lcsts_part3.jsonl", "summary"), ("eval/sogoucs_mini_titles.jsonl", "summary"), ("corpus/articles.jsonl", "title"))


def missing_sources(shared: Path = SHARED) -> list[Path]:
    """The files of real text this needs that `shared` does not hold."""
    return [shared / name for name, _ in SOURCES if not (shared / name).is_file()]


def real_articles(shared: Path = SHARED) -> list[tuple[str, list[str]]]:
    """The real articles under `shared` with a headline, each once: (headline, sentences)."""
    found = {}
    for name, title in SOURCES:
        for line in (shared / name).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            text = record.get("body_printed") or record["article"]
            kept = [s.strip() for s in _SENTENCE.findall(text.replace("\n", "")) if _HAN.search(s)]
            if record.get(title) and kept:
                found.setdefault(text, (record[title].strip(), kept))
    return list(found.values())


def _dictionary() -> dict[tuple[str, int], tuple[list[str], list[int]]]:
    """jieba's dictionary words of the redrawn parts of speech and their cumulative
    frequencies, by (part of speech, length): drawn as often as jieba counted them."""
    import jieba

    words: dict[tuple[str, int], tuple[list[str], list[int]]] = {}
    with open(Path(jieba.__file__).with_name("dict.txt"), encoding="utf-8") as lines:
        for line in lines:
            word, frequency, tag = line.split()
            if tag in REDRAWN and _HAN.match(word):
                found, weights = words.setdefault((tag, len(word)), ([], []))
                found.append(word)
                weights.append((weights[-1] if weights else 0) + int(frequency))
    return words


class Redrawer:
    """A text as a template: its words tagged once (jieba.posseg), the redrawn ones filled afresh each time."""

    def __init__(self):
        import jieba.posseg

        self.cut = jieba.posseg.lcut
        self.words = _dictionary()
        self.templates: dict[str, list[tuple[str, str]]] = {}

    def __call__(self, text: str, rng: random.Random, chosen: dict[str, str]) -> str:
        """`text` with its words redrawn; `chosen` (one per article) keeps a word's replacement
        the same all through the article, so its headline still names what its text does."""
        template = self.templates.get(text)
        if template is None:
            template = self.templates[text] = [(pair.word, pair.flag) for pair in self.cut(text)]
        out = []
        for word, tag in template:
            if _DIGITS.search(word):
                word = _DIGITS.sub(lambda _: str(rng.randint(0, 9)), word)
            elif word in chosen:
                word = chosen[word]
            elif tag in REDRAWN and (choices := self.words.get((tag, len(word)))):
                word = chosen[word] = rng.choices(choices[0], cum_weights=choices[1])[0] if rng.random() < SHARE else word
            out.append(word)
        return "".join(out)


def make_distinct_pages(out: Path, count: int, seed: str = "growth", shared: Path = SHARED) -> int:
    """`count` page files of distinct articles in `out`; the characters written."""
    pool = real_articles(shared)
    redraw = Redrawer()
    rng = random.Random(seed)
    order: list[tuple[str, list[str]]] = []
    out.mkdir(parents=True, exist_ok=True)
    per_day = max(4, math.ceil(count / 7))
    total = 0
    for n in range(count):
        articles = []
        length = 0
        while length < PAGE_CHARACTERS:
            if not order:  # every article once before any comes again
                order.extend(rng.sample(pool, len(pool)))
            headline, sentences = order.pop()
            chosen: dict[str, str] = {}
            headline = redraw(headline, rng, chosen)
            body, at = [], 0
            while at < len(sentences):
                step = rng.randint(2, 4)
                body.append("".join(redraw(s, rng, chosen) for s in sentences[at : at + step]))
                at += step
            body[0] = f"本报讯（记者 {redraw('王涛', rng, {})}）" + body[0]
            article = "## " + headline + "\n\n" + "\n\n".join(body)
            articles.append(article)
            length += len(article)
        day = FIRST_DAY + dt.timedelta(days=n // per_day)
        text = "\n\n\n".join(articles) + "\n"
        (out / f"{day:%Y-%m-%d}-p{n % per_day + 1:02d}.txt").write_text(text, encoding="utf-8")
        total += len(text)
    return total


def repeat_profile(texts: list[str]) -> float:
    """Per article, in order, how many entries of the anchor lists of earlier articles its
    anchors read (as `compose.merge_repeats` counts them, stock phrases left out): the mean."""
    sys.path.insert(0, str(ROOT))
    from digest.clean import shingles
    from digest.compose import SHINGLE, STOCK_PHRASE, _anchors

    index: dict[str, int] = {}
    read = 0
    for text in texts:
        anchors = _anchors(shingles(text, SHINGLE))
        read += sum(n for a in anchors if (n := index.get(a, 0)) <= STOCK_PHRASE)
        for anchor in anchors:
            index[anchor] = index.get(anchor, 0) + 1
    return read / max(1, len(texts))


def _profile_rows(out: Path, shared: Path) -> None:
    """The repeat profile of the real articles and of the pages in `out`, at growing sizes."""
    real = [" ".join(sentences) for _, sentences in real_articles(shared)]
    random.Random(1).shuffle(real)
    pages = [a for path in sorted(out.iterdir()) for a in path.read_text(encoding="utf-8").split("\n\n\n")]
    print("| articles | characters | articles | anchor entries read an article |\n|---|---|---|---|")
    for label, texts in (("real", real), ("pages", pages)):
        for size in (20_000, 200_000, 2_000_000):
            chosen, used = [], 0
            for text in texts:
                if used >= size:
                    break
                chosen.append(text)
                used += len(text)
            if used >= 0.9 * size:
                print(f"| {label} | {used:,} | {len(chosen):,} | {repeat_profile(chosen):.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=335, help="page files (default 335: about 2 million characters)")
    parser.add_argument("--seed", default="growth")
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--profile", action="store_true", help="then print the repeat profile of the real articles and of the pages")
    args = parser.parse_args()
    if missing := missing_sources(args.shared):
        sys.exit(f"distinct_pages: {missing[0]}: missing (the real text is read from ../shared)")
    print(f"{make_distinct_pages(args.out, args.count, args.seed, args.shared):,} characters in {args.count} page files")
    if args.profile:
        _profile_rows(args.out, args.shared)


if __name__ == "__main__":
    main()
