"""Train the line labeller on pages with answer keys: one command, deterministic.

    python -m digest.segment.train DIR... [--samples 8] [--layout] [--out digest/data/segment_lines.crfsuite]

Each DIR holds answer keys (`*.json`, the schema of tests/fixtures/segmentation/) and the
page texts they score: `key["source"]`, or `<key stem>.<extractor>.txt` beside the key (the
page generator's layout, one text per extractor) for each of `--extractors` (raw,layout); DIR/issues, if
there, holds its issues' printings the same way (`epaper.py --issues N`: an issue's pages in one text). The labels of a page's lines come
from its key alone: the line holding an article's first characters starts it (or the
dateline line just above, when the body starts on the next line), the lines down to the one
holding its last characters are its body, and a line outside every article whose Han
characters stand in a printed headline, kicker or subtitle is a headline line; inside an
article's lines only a run of lines printing a whole headline is (a body sentence repeating
its headline's words is body text). Everything else is `O`.

`--samples N` adds the five sample issues (seeds/, keyed by tests/fixtures/segmentation/) N
times over: real pages, few of them, weighed up so the model keeps what they teach.

Train only on development pages: the held-out split is for the final score, never for this.
The shipped models were made by

    python benchmarks/epaper.py --pages 150 --seed 33 --split dev --out build/epaper/t33
    python benchmarks/epaper.py --pages 60 --seed 34 --split dev --engine chromium --out build/epaper/t34
    python benchmarks/epaper.py --pages 60 --seed 41 --split dev --out build/epaper/d41
    python benchmarks/epaper.py --pages 40 --seed 42 --split dev --engine chromium --out build/epaper/d42
    python benchmarks/epaper.py --pages 40 --seed 43 --split dev --out build/epaper/d43
    python benchmarks/epaper.py --pages 30 --seed 44 --split dev --engine chromium --out build/epaper/d44
    python benchmarks/epaper.py --pages 60 --seed 117 --split dev --engine reportlab --out build/epaper/t117
    python benchmarks/epaper.py --pages 60 --seed 118 --split dev --engine reportlab --forms --lcsts --typeset --out build/epaper/t118
    python benchmarks/epaper.py --pages 60 --seed 119 --split dev --typeset --forms --lcsts --out build/epaper/t119
    python benchmarks/epaper.py --pages 60 --seed 301 --split dev --layout flow --out build/epaper/f301
    python benchmarks/epaper.py --pages 60 --seed 302 --split dev --layout flow --engine chromium --out build/epaper/fc302
    python benchmarks/epaper.py --pages 60 --seed 303 --split dev --engine wkhtmltopdf --out build/epaper/w303
    python benchmarks/epaper.py --pages 60 --seed 410 --split dev --engine typst --out build/epaper/ty410
    python benchmarks/epaper.py --pages 60 --seed 411 --split dev --engine firefox --out build/epaper/ff411
    python benchmarks/epaper.py --pages 60 --seed 473 --split dev --engine firefox --layout flow --out build/epaper/ffl473
    python benchmarks/epaper.py --pages 60 --seed 475 --split dev --engine wkhtmltopdf --forms --lcsts --typeset --vary-furniture --rebreak --out build/epaper/wkx475
    python benchmarks/epaper.py --pages 60 --seed 476 --split dev --engine typst --forms --lcsts --typeset --vary-furniture --rebreak --out build/epaper/typx476
    python benchmarks/epaper.py --pages 30 --seed 855 --split dev --folds 5 --exclude-fold 4 --issues 3 --engine firefox --out build/epaper/ffi855
    python benchmarks/epaper.py --pages 30 --seed 856 --split dev --folds 5 --exclude-fold 4 --issues 3 --engine typst --out build/epaper/tyi856
    python benchmarks/epaper.py --pages 30 --seed 857 --split dev --folds 5 --exclude-fold 4 --issues 3 --engine wkhtmltopdf --out build/epaper/wki857
    python benchmarks/epaper.py --pages 30 --seed 858 --split dev --folds 5 --exclude-fold 4 --issues 3 --engine chromium --out build/epaper/chi858
    python -m digest.segment.train build/epaper/t33 build/epaper/t34 build/epaper/d41 build/epaper/d42 build/epaper/d43 build/epaper/d44 build/epaper/t117 build/epaper/t118 build/epaper/t119 build/epaper/f301 build/epaper/fc302 build/epaper/w303 build/epaper/ty410 build/epaper/ff411 build/epaper/ffl473 build/epaper/wkx475 build/epaper/typx476 build/epaper/ffi855 build/epaper/tyi856 build/epaper/wki857 build/epaper/chi858 --samples 16
    python -m digest.segment.train build/epaper/t33 build/epaper/t34 build/epaper/d41 build/epaper/d42 build/epaper/d43 build/epaper/d44 build/epaper/t117 build/epaper/t118 build/epaper/t119 build/epaper/f301 build/epaper/fc302 build/epaper/w303 build/epaper/ty410 build/epaper/ff411 build/epaper/ffl473 build/epaper/wkx475 build/epaper/typx476 build/epaper/ffi855 build/epaper/tyi856 build/epaper/wki857 build/epaper/chi858 --samples 16 --layout --out digest/data/segment_layout.crfsuite

(development pages only; seeds 30 and 32 are kept out of training to validate on). The first
writes the raw-text model (segment_lines.crfsuite, the one asked on any text not read from
`pdftotext -layout`'s columns), the second the layout-mode one (segment_layout.crfsuite): the same
features, and with `--layout` the layout lines' own (`features.layout_features`) learnt with them,
which raw text would pay for, on the same sets (Typst's and Firefox's pages, ty410 and
ff411, gain raw text on articles never trained on: docs/segmentation.md, "The labeller's training
pages, a second pass"; Firefox's flow pages and wkhtmltopdf's with every option, ffl473 and wkx475,
since "a third pass"; Typst's with every option, typx476, since "The line labeller, a fourth pass";
the four three-issue sets, ffi855 … chi858, their issues' printings read too, since "The line labeller's
training pages, issues (models27)";
the layout-mode model learnt from the first twelve only until "The line labeller, a fifth pass"). The sha256 of what each wrote, and the tree each ran on, are recorded in
docs/segmentation.md, "The line labeller"; tests/segment/test_labeller.py checks the shipped files
against them.
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
from pathlib import Path

from ..clean import CleanLine, clean_lines, han_only
from .features import line_features
from .labeller import MODEL_PATH
from .lines import LEAD_RE, classify, laid_out, segment_lines

# c2 (L2) 0.1, not 0.01: chosen on development pages never trained on (seeds 108-110, 116, 128-130;
# docs/segmentation.md, a ninth pass): the model leans less on rare conjunctions of features.
# feature.minfreq 10: a feature seen fewer than ten times is left out; rare features fit the articles
# trained on (cross-validation by article, benchmarks/labeller_folds.py, a twelfth pass: 3 gained on
# all five folds, 10 more on the two it was run on) and on fourteen development sets never trained on
# 10 read raw text +2.8 and layout-mode +1.8 summed better than 3 (docs/segmentation.md, issue 10).
PARAMS = {"c1": 0.1, "c2": 0.1, "max_iterations": 150, "feature.possible_transitions": True, "feature.minfreq": 10}


def page_lines(raw: str) -> list[CleanLine]:
    """The lines of a page as the segmenter sees them (read as ingest reads a text file: radicals
    mapped, layout-mode pages in reading order, mastheads out)."""
    return laid_out_lines(raw)[0]


def laid_out_lines(raw: str) -> tuple[list[CleanLine], list[bool]]:
    """`page_lines`, and which of them were read from `pdftotext -layout`'s columns."""
    from ..ingest import text_pages

    text, pages = text_pages(raw)
    lines = segment_lines(clean_lines(text), pages)
    return lines, laid_out(lines, pages)


def gold_labels(lines: list[CleanLine], key: dict) -> list[str]:
    """S (first line of an article), B (its other body lines), H (headline lines), O (the rest)."""
    han_lines = [han_only(line.text) for line in lines]
    starts: list[int] = []
    stream = ""
    for han in han_lines:
        starts.append(len(stream))
        stream += han

    def line_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset) - 1

    labels = ["O"] * len(lines)
    for entry in key["articles"]:
        first = stream.find(entry["first"]) if entry["first"] else -1
        last = stream.find(entry["last"], max(first, 0)) if first >= 0 and entry["last"] else -1
        if first < 0 or last < 0:
            continue
        a, b = line_of(first), line_of(last + len(entry["last"]) - 1)
        lead = LEAD_RE.match(lines[a - 1].text) if a else None
        if lead and not han_only(lines[a - 1].text[lead.end() :]) and starts[a] == first:
            a -= 1
        labels[a] = "S"
        for k in range(a + 1, b + 1):
            labels[k] = "B"
    heads = [han_only(entry.get(part) or "") for entry in key["articles"] for part in ("title", "subtitle", "kicker")]
    heads = [h for h in heads if h]
    printed = _printed_heads(han_lines, heads)
    for i, han in enumerate(han_lines):
        if not han:
            continue
        # A line of no article whose words stand in a headline is one; inside an article's
        # lines only a run of lines that prints a whole headline is (a body sentence may
        # repeat a headline's words: `…301个春苗营养厨房在湖北` / `十堰市浪河镇中心小学落成`).
        if (labels[i] == "O" and any(han in h for h in heads)) or i in printed:
            labels[i] = "H"
    return labels


def _printed_heads(han_lines: list[str], heads: list[str]) -> set[int]:
    """The lines of every run of lines whose Han characters, joined, are a whole headline."""
    found: set[int] = set()
    for head in heads:
        for i, han in enumerate(han_lines):
            if not han or not head.startswith(han):
                continue
            text, j = han, i
            while len(text) < len(head) and j + 1 < len(han_lines) and head.startswith(text + han_lines[j + 1]):
                j += 1
                text += han_lines[j]
            if text == head:
                found.update(range(i, j + 1))
    return found


EXTRACTORS = ("raw", "layout")  # plain `pdftotext` interleaves columns: its pages teach the model noise


def set_keys(folder: Path) -> list[Path]:
    """A set's answer keys: its pages', then its issues' printings (`DIR/issues`, the whole text of
    each issue made by `benchmarks/epaper.py --issues N`, mastheads and continuations across its
    pages; `benchmarks/segmentation.py` scores them as rows of their own)."""
    return [*sorted(folder.glob("*.json")), *sorted((folder / "issues").glob("*.json"))]


def examples(dirs: list[Path], extractors: tuple[str, ...] = EXTRACTORS, layout: bool = False):
    """(features, labels) of every page text in the folders, in a stable order; with `layout`,
    layout-mode lines' own features too (`features.layout_features`: the layout-mode model's)."""
    for folder in dirs:
        for key_path in set_keys(Path(folder)):
            key = json.loads(key_path.read_text(encoding="utf-8"))
            if "articles" not in key:
                continue
            texts = [path for ext in extractors if (path := key_path.parent / f"{key_path.stem}.{ext}.txt").is_file()]
            named = key_path.parent / key.get("source", "")
            if named.is_file() and named not in texts:
                texts.append(named)
            for text_path in texts:
                lines, laid = laid_out_lines(text_path.read_text(encoding="utf-8"))
                if lines:
                    yield line_features(lines, classify(lines), laid if layout else None), gold_labels(lines, key)


SAMPLES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "segmentation"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def sample_examples():
    """The five sample issues with their answer key."""
    for key_path in sorted(SAMPLES.glob("*.json")):
        key = json.loads(key_path.read_text(encoding="utf-8"))
        lines = page_lines((SEEDS / key["source"]).read_text(encoding="utf-8"))
        yield line_features(lines, classify(lines)), gold_labels(lines, key)


def train(dirs: list[Path], out: Path, samples: int = 0, extractors: tuple[str, ...] = EXTRACTORS, layout: bool = False) -> int:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for features, labels in [*examples(dirs, extractors, layout), *(list(sample_examples()) * samples)]:
        trainer.append(features, labels)
        count += 1
    trainer.set_params(PARAMS)
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return count


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--samples", type=int, default=0, help="add the sample issues this many times")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--extractors", default=",".join(EXTRACTORS), help="which page texts to learn from (default raw,layout)")
    parser.add_argument("--layout", action="store_true", help="learn layout-mode lines' own features: the layout-mode model (write it with --out)")
    args = parser.parse_args(argv)
    count = train(args.dirs, args.out, args.samples, tuple(args.extractors.split(",")), args.layout)
    print(f"trained on {count} pages: {args.out} ({args.out.stat().st_size:,} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
