"""Make a benchmark corpus: about 300 issues (~5 million characters) varied from seeds/.

    python benchmarks/make_corpus.py [OUT] [--issues 300] [--seed 0] [--seeds DIR]

Each issue is named by its date (2025-01-01.txt, 2025-01-02.txt ...) and made of two or
three of the sample issues as its pages, in a shuffled order, varied so that no two issues
print the same articles:

- about half of the body sentences (those inside a paragraph, away from headlines, leads
  and bylines) are replaced by sentences drawn from all the samples, wrapped at the line
  breaks of the sentence they replace, so column-wrapped pages stay column-wrapped;
- figures are redrawn (same number of digits; years, dates and phone numbers kept);
- the 13 county names are permuted.

Two printings of a sample article thus share roughly half their sentences: below the 80%
overlap at which the briefing merges repeats, as different articles on the same subject
would. The output is the same for the same --seed and seeds. OUT defaults to a new
temporary folder; its path is printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import random
import re
import sys
import tempfile
import tomllib
from pathlib import Path

import jieba

jieba.setLogLevel(logging.WARNING)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PLACES = ROOT / "digest" / "data" / "places.toml"
FIRST_DAY = dt.date(2025, 1, 1)

# Lines carrying structure the segmenter reads (leads, bylines, credits, notices) stay as printed.
_STRUCTURE_RE = re.compile(r"讯|记者|通讯员|摄|图为|编者按|[□■◆●]|公告|特此|^\s*\d{4}年\d{1,2}月\d{1,2}日\s*$")
_WORD_RE = re.compile(r"[\u4e00-\u9fff]{2,4}")
# Figures to redraw: not years (2025年), dates (4月10日), phone numbers or 0358-style codes.
_NUMBER_RE = re.compile(r"(?<![\d.\-])(\d+)(?![\d\-]|\s*[年月日号时])")
WORD_SHARE = 0.25  # of the 2- to 4-character words in a line, this share is replaced


def read_seeds(folder: Path) -> list[str]:
    files = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md"))
    if not files:
        sys.exit(f"make_corpus: no .txt or .md issues in {folder}")
    return [p.read_text(encoding="utf-8") for p in files]


def county_names() -> list[str]:
    return [county["name"] for county in tomllib.loads(PLACES.read_text(encoding="utf-8"))["county"]]


def vocabulary(texts: list[str]) -> dict[int, list[str]]:
    """The samples' words of 2, 3 and 4 Han characters, by length, in a fixed order."""
    words = {w for text in texts for w in jieba.lcut(text) if _WORD_RE.fullmatch(w)}
    return {n: sorted(w for w in words if len(w) == n) for n in (2, 3, 4)}


def vary_page(text: str, words: dict[int, list[str]], rng: random.Random, counties: dict[str, str], county_re: re.Pattern) -> str:
    def line(text: str) -> str:
        if _STRUCTURE_RE.search(text):
            return text
        # Same length in, same length out: column-wrapped lines keep their width.
        return "".join(rng.choice(words[len(w)]) if _WORD_RE.fullmatch(w) and rng.random() < WORD_SHARE else w for w in jieba.lcut(text))

    def number(match: re.Match) -> str:
        digits = match.group(1)
        if len(digits) > 6:  # phone numbers, codes
            return digits
        first = str(rng.randint(1, 9)) if len(digits) > 1 else str(rng.randint(0, 9))
        return first + "".join(str(rng.randint(0, 9)) for _ in digits[1:])

    text = "\n".join(line(t) for t in text.split("\n"))
    text = _NUMBER_RE.sub(number, text)
    return county_re.sub(lambda m: counties[m.group(0)], text)


def variation_material(seeds: Path = SEEDS) -> tuple[list[str], dict[int, list[str]], list[str], re.Pattern]:
    """What `vary_page` needs: the sample pages, their vocabulary, the county names and a
    pattern finding them (longest first)."""
    pages = read_seeds(seeds)
    names = county_names()
    county_re = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    return pages, vocabulary(pages), names, county_re


def make_corpus(out: Path, issues: int = 300, seed: int = 0, seeds: Path = SEEDS) -> tuple[int, int]:
    """Write the corpus into `out`; return (files, characters)."""
    pages, words, names, county_re = variation_material(seeds)
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for number in range(issues):
        rng = random.Random(f"{seed}-{number}")  # each issue on its own: issue n is the same whatever --issues
        shuffled = names[:]
        rng.shuffle(shuffled)
        counties = dict(zip(names, shuffled))
        chosen = rng.sample(pages, k=min(len(pages), rng.choice((2, 3))))
        text = "\n\n".join(vary_page(page, words, rng, counties, county_re).strip("\n") for page in chosen) + "\n"
        (out / f"{FIRST_DAY + dt.timedelta(days=number):%Y-%m-%d}.txt").write_text(text, encoding="utf-8")
        total += len(text)
    return issues, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path, help="folder to write the issues to (default: a new temporary folder)")
    parser.add_argument("--issues", type=int, default=300, help="how many issues (default 300)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="sample issues to vary (default seeds/)")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="digest-corpus-"))
    files, chars = make_corpus(out, args.issues, args.seed, args.seeds)
    print(f"{out}: {files} issues, {chars:,} characters")


if __name__ == "__main__":
    main()
