"""Does the line labeller generalize to articles it never saw? Cross-validation by article.

    python benchmarks/labeller_folds.py [--out build/folds] [--fold K]... [--c1 X] [--c2 X]
        [--minfreq N] [--drop NAME,...] [--unseen-only] [--add typ,ff,...] [--test-add typ,ch]
        [--layout-model] [--layout-only] [--train-extractors raw]

The development articles are parted into five folds by a hash of their id
(epaperkit/sources.fold_of). For each fold K, pages drawn only from fold K's articles (the test
pages) are cut, as raw and as layout-mode `pdftotext` text, with two labellers trained alike
(digest/segment/train.py's PARAMS, or --c1/--c2/--minfreq; no sample issues, whose articles are
in the folds) on pages of the same seeds and sizes:

- *seen*: pages of every fold's articles (fold K's among them, as the shipped model has seen
  every development article);
- *unseen*: pages of every fold's articles but K's.

seen − unseen is what the labeller gains from having seen the articles themselves (their
memorization gap); the unseen figures, summed over the folds, are the one development measure of
a labeller on articles it never saw, which a choice of features or training parameters is made
on. --drop leaves features out of training by name (`echo`, `leadmatch`; their neighbours' copies
too); --words adds features that can only memorize articles (each line's first and last two
Han characters and its bigrams), in training and in the copy scored: the control, a labeller
the procedure must find a gap in; --unseen-only skips the seen model.

The pages (seeds 220-224, `--split dev`, in OUT/; made once, by benchmarks/epaper.py's
generator, when their folder has no manifest) per fold: train-xK-rl (60 ReportLab pages, seed
220), train-xK-rlx (30 ReportLab pages with --forms --lcsts --typeset, seed 224), train-xK-wp
(30 WeasyPrint pages, seed 221), and the same three as train-all-*; test-fK-rl (40 ReportLab
pages, seed 222) and test-fK-wp (20 WeasyPrint pages, seed 223). --add puts more training sets
beside those (EXTRA_TRAIN: Typst `typ`, seed 400; Firefox `ff`, seed 401, and `ffl`, flow, seed
404; Chromium with every option `chx`, seed 405; WeasyPrint `wpx`, seed 466, and wkhtmltopdf `wkx`, seed 467,
with every option; Typst with every option `typx`, seed 468; plain default-option pages of Chromium `ch`, seed 630,
wkhtmltopdf `wk`, seed 631, and Typst `typp`, seed 632, 30 each), drawn alike (train-xK-NAME, train-all-NAME);
--test-add more test pages of fold K (EXTRA_TEST: 20 Typst pages `typ`, seed 402; 20 Chromium
pages `ch`, seed 403; 20 Chromium pages with every option `chx`, seed 469; 20 Firefox flow
pages `ffl`, seed 470; 20 wkhtmltopdf pages with every option `wkx`, seed 471), each set's cut F1 printed besides the sum. The layout-mode text of the
test pages is cut by the work tree's layout-mode model (digest/data/segment_layout.crfsuite,
which has seen every development article) unless --layout-model trains one per fold too
(`train.examples(..., layout=True)`, the command's `--layout`); --layout-only trains the
layout-mode model alone (`--add` then names its training sets besides the base ones) and scores
layout-mode text only, the raw-text model left out; --train-extractors sets the page texts the
raw-text model learns from (the command's `--extractors`; with --layout-only, the layout-mode
model's). Each training folder's
examples (features and labels) are kept in OUT/examples/, named by a hash of the code that made
them, and each model in OUT/models/, named by its parameters and that hash (a run cut short
goes on where it stopped). Scoring runs the pipeline on a copy of the work tree's `digest` with
the model put in (epaperkit/score.py), so what is scored is what a build would cut.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from digest.evaluate import Score  # noqa: E402
from digest.segment import train  # noqa: E402
from epaperkit.score import score_set  # noqa: E402

FOLDS = 5
# (name, pages, seed, engine, options): the same for every fold's training pages and the seen model's.
TRAIN_SETS = (
    ("rl", 60, 220, "reportlab", {}),
    ("rlx", 30, 224, "reportlab", {"forms": True, "lcsts": True, "typeset": True}),
    ("wp", 30, 221, "weasyprint", {}),
)
TEST_SETS = (("rl", 40, 222, "reportlab", {}), ("wp", 20, 223, "weasyprint", {}))
# --add NAME,...: training sets of engines and options the base sets lack, drawn like them (without
# fold K, and from every fold for the seen model); --test-add NAME,...: test sets of fold K besides.
EVERY_OPTION = {"forms": True, "lcsts": True, "typeset": True, "vary_furniture": True, "rebreak": True}  # the generator's --forms --lcsts --typeset --vary-furniture --rebreak
EXTRA_TRAIN = {
    "typ": ("typ", 30, 400, "typst", {}),
    "ff": ("ff", 30, 401, "firefox", {}),
    "ffl": ("ffl", 20, 404, "firefox", {"layout": "flow"}),
    "chx": ("chx", 20, 405, "chromium", EVERY_OPTION),
    "wpx": ("wpx", 20, 466, "weasyprint", EVERY_OPTION),
    "wkx": ("wkx", 20, 467, "wkhtmltopdf", EVERY_OPTION),
    "typx": ("typx", 20, 468, "typst", EVERY_OPTION),
    "ch": ("ch", 30, 630, "chromium", {}),
    "wk": ("wk", 30, 631, "wkhtmltopdf", {}),
    "typp": ("typp", 30, 632, "typst", {}),
}
EXTRA_TEST = {
    "typ": ("typ", 20, 402, "typst", {}),
    "ch": ("ch", 20, 403, "chromium", {}),
    "chx": ("chx", 20, 469, "chromium", EVERY_OPTION),
    "ffl": ("ffl", 20, 470, "firefox", {"layout": "flow"}),
    "wkx": ("wkx", 20, 471, "wkhtmltopdf", EVERY_OPTION),
}
EXTRACTORS = ("raw", "layout")
OFFSET_RE = re.compile(r"^-?\d+:")
# --words: features that can only memorize articles (the line's first and last two Han
# characters, every Han bigram of it), the control the cross-validation must see a gap with.
# Put after digest/segment/features.py's own code, in training and in the copy scored.
WORDS = """
_line_features_of_shape = line_features


def line_features(lines, tags):
    rows = _line_features_of_shape(lines, tags)
    for row, line in zip(rows, lines):
        han = han_only(line.text)
        row += [f"head2={han[:2]}", f"tail2={han[-2:]}", *(f"bigram={g}" for g in sorted(han_bigrams(han)))]
    return rows
"""


def make_pages(folder: Path, spec: tuple, fold: int | None = None, exclude_fold: int | None = None) -> Path:
    """The set `spec` of pages in `folder`, made unless it is there already."""
    from epaperkit.build import generate

    _, pages, seed, engine, options = spec
    if not (folder / "manifest.json").exists():
        print(f"making {folder.name}", flush=True)
        folds = FOLDS if fold is not None or exclude_fold is not None else 0
        generate(folder, pages, seed, "dev", engine, folds=folds, fold=fold, exclude_fold=exclude_fold, **options)
    return folder


def _code_hash() -> str:
    """Of the code that turns a page text into examples: any change there makes them anew."""
    digest = hashlib.sha1()
    for path in sorted((ROOT / "digest").rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def with_words() -> None:
    """train.examples makes its features with WORDS from now on."""
    from digest.segment import features

    namespace = dict(vars(features))
    exec(WORDS, namespace)  # noqa: S102 - our own constant
    train.line_features = namespace["line_features"]


def examples_of(folder: Path, cache: Path, words: bool = False, layout: bool = False,
                extractors: tuple[str, ...] = train.EXTRACTORS) -> list[tuple[list[list[str]], list[str]]]:
    """train.examples of the folder, kept in `cache` by folder name and code hash."""
    what = ("-words" if words else "") + ("-layout" if layout else "") + ("" if extractors == train.EXTRACTORS else "-" + "+".join(extractors))
    kept = cache / f"{folder.name}-{_code_hash()}{what}.pickle"
    if kept.exists():
        return pickle.loads(kept.read_bytes())
    made = list(train.examples([folder], extractors, layout))
    cache.mkdir(parents=True, exist_ok=True)
    partial = kept.with_suffix(f".{os.getpid()}")
    partial.write_bytes(pickle.dumps(made))
    partial.replace(kept)  # whole or not at all: a run beside this one may be reading it
    return made


def without(features: list[list[str]], drop: tuple[str, ...]) -> list[list[str]]:
    """The features of every line but those named in `drop` (`echo` drops `echo=2`, `-1:echo=2`)."""
    if not drop:
        return features
    return [[f for f in row if OFFSET_RE.sub("", f).split("=", 1)[0] not in drop] for row in features]


def train_model(examples, out: Path, params: dict, drop: tuple[str, ...]) -> Path:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for features, labels in examples:
        trainer.append(without(features, drop), labels)
    trainer.set_params(params)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(f".{os.getpid()}")
    trainer.train(str(partial))
    partial.replace(out)
    return out


def texts_learnt(layout: bool, layout_only: bool, extractors: tuple[str, ...]) -> tuple[str, ...]:
    """The page texts a fold's model learns from: --train-extractors names the raw-text model's, or
    with --layout-only the layout-mode model's; else the layout-mode model learns from the command's."""
    return extractors if layout_only or not layout else train.EXTRACTORS


def score_model(model: Path | None, folders: list[Path], words: bool = False, layout_model: Path | None = None,
                each: dict | None = None, extractors: tuple[str, ...] = EXTRACTORS) -> dict[str, Score]:
    """{extractor: Score} of the pages in `folders`, cut by the work tree's digest with `model`
    (and `layout_model` as the layout-mode one; else the work tree's); each folder's cut F1 by
    extractor into `each`."""
    with tempfile.TemporaryDirectory(prefix="digest-folds-") as tmp:
        shutil.copytree(ROOT / "digest", Path(tmp) / "digest", ignore=shutil.ignore_patterns("__pycache__"))
        if model:
            shutil.copyfile(model, Path(tmp) / "digest" / "data" / "segment_lines.crfsuite")
        if layout_model:
            shutil.copyfile(layout_model, Path(tmp) / "digest" / "data" / "segment_layout.crfsuite")
        if words:
            with open(Path(tmp) / "digest" / "segment" / "features.py", "a", encoding="utf-8") as code:
                code.write(WORDS)
        scores = {}
        for extractor in extractors:
            total = Score()
            for folder in folders:
                one = Score()
                for score in score_set(folder, extractor, Path(tmp)).values():
                    total.add(score)
                    one.add(score)
                if each is not None:
                    each[(folder.name, extractor)] = one.cut_rates()["cut F1 %"]
            scores[extractor] = total
        return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "folds")
    parser.add_argument("--fold", type=int, action="append", help=f"folds to test (default all {FOLDS})")
    parser.add_argument("--c1", type=float)
    parser.add_argument("--c2", type=float)
    parser.add_argument("--minfreq", type=float, help="crfsuite's feature.minfreq: features seen fewer times are left out")
    parser.add_argument("--drop", default="", help="feature names left out of training, comma-separated")
    parser.add_argument("--unseen-only", action="store_true", help="train and score only the models without the fold")
    parser.add_argument("--words", action="store_true", help="add features that memorize articles (WORDS): the control")
    parser.add_argument("--add", default="", help=f"training sets besides the base ones: {','.join(EXTRA_TRAIN)}")
    parser.add_argument("--test-add", default="", help=f"test sets besides the base ones: {','.join(EXTRA_TEST)}")
    parser.add_argument("--layout-model", action="store_true", help="train the layout-mode model too (--layout) and score layout-mode text with it")
    parser.add_argument("--layout-only", action="store_true", help="train the layout-mode model alone and score layout-mode text only")
    parser.add_argument("--train-extractors", default=",".join(train.EXTRACTORS), help="page texts the raw-text model learns from")
    args = parser.parse_args()
    args.out = args.out.resolve()  # the scorer runs the pipeline in another folder
    folds = args.fold or list(range(FOLDS))
    params = dict(train.PARAMS)
    params.update({k: v for k, v in (("c1", args.c1), ("c2", args.c2), ("feature.minfreq", args.minfreq)) if v is not None})
    drop = tuple(name for name in args.drop.split(",") if name)
    tag = "-".join(f"{k.split('.')[-1]}={v}" for k, v in sorted(params.items()) if k != "feature.possible_transitions")
    tag += "-drop-" + "+".join(drop) if drop else ""
    tag += "-words" if args.words else ""
    added = tuple(EXTRA_TRAIN[name] for name in args.add.split(",") if name)
    tests_added = tuple(EXTRA_TEST[name] for name in args.test_add.split(",") if name)
    tag += "-add-" + "+".join(spec[0] for spec in added) if added else ""
    extractors = tuple(args.train_extractors.split(","))
    tag += "-x-" + "+".join(extractors) if extractors != train.EXTRACTORS else ""
    if args.words:
        with_words()
    cache, models = args.out / "examples", args.out / "models"
    print(f"params {params}, drop {list(drop)}", flush=True)

    def trained(name: str, prefix: str, layout: bool = False, **fold) -> Path:
        folders = [make_pages(args.out / f"{prefix}-{spec[0]}", spec, **fold) for spec in (*TRAIN_SETS, *added)]
        out = models / f"{tag}{'-layout' if layout else ''}-{name}-{_code_hash()}.crfsuite"
        if out.exists():
            return out
        print(f"training {out.name}", flush=True)
        made = [e for f in folders for e in examples_of(f, cache, args.words, layout, texts_learnt(layout, args.layout_only, extractors))]
        return train_model(made, out, params, drop)

    if args.layout_only:
        args.unseen_only = args.layout_model = True
    seen = None if args.unseen_only else trained("seen", "train-all")
    seen_layout = trained("seen", "train-all", layout=True) if seen and args.layout_model else None
    scored = ("layout",) if args.layout_only else EXTRACTORS
    header = "| fold | articles | raw seen | raw unseen | raw gap | layout seen | layout unseen | layout gap |"
    rows, sums = [], {"seen": [0.0, 0.0], "unseen": [0.0, 0.0]}
    for k in folds:
        tests = [make_pages(args.out / f"test-f{k}-{spec[0]}", spec, fold=k) for spec in (*TEST_SETS, *tests_added)]
        unseen = None if args.layout_only else trained(f"x{k}", f"train-x{k}", exclude_fold=k)
        unseen_layout = trained(f"x{k}", f"train-x{k}", layout=True, exclude_fold=k) if args.layout_model else None
        each: dict = {}
        got = {"unseen": score_model(unseen, tests, args.words, unseen_layout, each, scored)}
        print(f"fold {k} unseen, each set: " + ", ".join(f"{name} {e} {f1}" for (name, e), f1 in sorted(each.items())), flush=True)
        if seen:
            got["seen"] = score_model(seen, tests, args.words, seen_layout)
        f1 = {name: [s[e].cut_rates()["cut F1 %"] if e in s else 0.0 for e in EXTRACTORS] for name, s in got.items()}
        for name, values in f1.items():
            sums[name] = [a + b for a, b in zip(sums[name], values)]
        cells = [str(k), str(got["unseen"][scored[0]].articles)]
        for e in range(len(EXTRACTORS)):
            s, u = (f1["seen"][e] if seen else None), f1["unseen"][e]
            cells += [str(s) if seen else "-", str(u), f"{s - u:+.1f}" if seen else "-"]
        rows.append("| " + " | ".join(cells) + " |")
        print(rows[-1], flush=True)
    print("\n" + header + "\n|---|---|---|---|---|---|---|---|\n" + "\n".join(rows))
    s, u = sums["seen"], sums["unseen"]
    gap = [f"{a - b:+.1f}" if seen else "-" for a, b in zip(s, u)]
    print(f"| sum | | {round(s[0], 1) if seen else '-'} | {round(u[0], 1)} | {gap[0]} | "
          f"{round(s[1], 1) if seen else '-'} | {round(u[1], 1)} | {gap[1]} |")


if __name__ == "__main__":
    main()
