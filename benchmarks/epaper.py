"""Seeded e-paper pages with answer keys: real articles laid out as newspaper pages (HTML/CSS),
printed to PDF by a real engine, extracted by real extractors, for scoring the segmenter.

    python benchmarks/epaper.py --pages 300 --seed 1 --split dev --out build/epaper/dev
        [--engine weasyprint|chromium|reportlab|wkhtmltopdf|typst|firefox] [--issues N] [--no-render] [--forms] [--lcsts] [--typeset] [--vary-furniture]
        [--mix corpus=0.4,seed=0.05] [--rebreak] [--uncued] [--bare-markers]
        [--layout absolute|flow]
        [--folds 5 --fold K | --folds 5 --exclude-fold K]
    python benchmarks/segmentation.py --pages build/epaper/dev [--extractor raw,plain,layout,pdf]
        [--baseline REV] [--misses] [--features]

Articles (read at run time from ../shared, never committed; code in epaperkit/sources.py):
the 57 pieces of ../shared/corpus/articles.jsonl (their *_printed fields), the 93 Sohu news of
../shared/eval/sogoucs_mini_titles.jsonl (headline = `summary`, dateline `南都讯　记者X` split
off), the 12 CLTS long pieces (features/commentaries with their first clause as headline), the
sample issues' own articles (found by tests/fixtures/segmentation keys, as
benchmarks/unseen_layouts.py does), and notices composed from templates (epaperkit/notices.py)
with a signature block and date.

Split: every article is assigned once by sha1(id) mod 5 == 0 → heldout, else dev
(epaperkit/sources.split_of). A dev page holds only dev articles, a held-out page only held-out
ones. The held-out split is never tuned on: look at its overall row, not at its misses.
`--folds N --fold K` draws a page only from fold K of the split's articles (sources.fold_of:
sha1(id) // 5 mod N), `--exclude-fold K` from every fold but K: pages to train the line
labeller on four folds and score it on the fifth, articles it never saw
(benchmarks/labeller_folds.py). Without --folds a set is what it always was.

Layouts (seeded; each key article's `layout` lists what it got, the key's `layout` the page's):
A3 pages of 4–6 columns, articles over 1–3 columns packed into the highest free column group;
a masthead in one to four runs (`吕梁日报 2025年5月13日 星期二 第2版 要闻` and variants, papers
other than 吕梁日报, a large logo on page 1, sometimes none); headlines in large bold type over
one to three lines (sometimes broken by the editor), left or centred, or vertical (a
one-character-wide box for WeasyPrint, writing-mode: vertical-rl for Chromium); kickers above,
subtitles below (`——…` or plain); datelines running into the body; floating bylines
`□ 本报记者 X`; grey photo boxes with captions ending `记者 X 摄` / `（X 摄）` / `X 供图`, on the
last caption line or their own; fake bold (the block drawn twice 0.25 pt apart) for captions and
leads; letter-spaced bodies; justified text; section heads; notices with signature blocks;
articles cut with `（下转N版）`. Multi-page issues (--issues N, 4–6 pages, one paper and date)
continue cut articles on a later page with `（上接N版）` (key kind `fragment`; its headline
sometimes printed again) and are written as one PDF (DIR/issues/iNNN.pdf, key over all pages)
and one PDF per page (DIR/iNNN-pK.pdf, key of that page). The DOM, and so the content stream
`pdftotext -raw` follows, is scrambled while the page looks right: headlines after their
bodies, groups of bodies then their headlines shuffled, articles shuffled, floating bylines
moved away from their story, the masthead last.

Keys (schema of tests/fixtures/segmentation/*.json, read by digest/evaluate.py): `source` is
the file stem (the scorer picks STEM.raw.txt, .plain.txt, .layout.txt or .pdf), `paper`,
`date`, `page` (or `pages` for an issue), `split`, `engine`, `seed`, `layout`; per article
title, subtitle, kicker, kind, byline, first, last, lvliang, page, layout and the source id.
`first`/`last` are the first/last 12 Han characters of the body as printed, without headline,
dateline lead (`本报讯（记者 X）`), 上接 marker, credit, signature block or sign-off. Kinds are
evaluate's: news (briefs are scored as news), feature, notice, photo, commentary, fragment.

`--engine reportlab` draws the same plan straight to PDF with ReportLab (epaperkit/pdfdraw.py):
no browser, a non-embedded CID font (STSong-Light), bold drawn filled and stroked, so a third
producer whose PDFs differ from both browsers'. `--engine wkhtmltopdf` prints the same HTML
with Qt WebKit (Debian's wkhtmltopdf; absolute layout only): a fourth producer, whose text comes
out with Kangxi radical code points (`⼭西` for 山西) as many real e-paper PDFs' does.

`--engine typst` typesets the same plan with Typst (epaperkit/typstpage.py; the PyPI binding
`typst`, in the test extra): a fifth producer, a typesetter rather than a browser. Every block
stands where the plan puts it, but Typst breaks the lines: an article's body is one box over
the plan's sub-columns, its paragraphs flowing from column to column, broken and justified by
Typst's own CJK rules; headlines keep the editor's breaks; fake bold is the text drawn twice
0.25 pt apart (each character a box with its copy, or the block again); Noto CJK subset and
embedded by Typst's PDF writer. A body Typst cannot set inside its box is set with its letters a
little closer (0.02 em, up to three times), else taken out with its article. Each page writes
DIR/pNNNN.typ (no HTML). Absolute layout only.

`--engine firefox` prints the same HTML as Chromium (vertical headlines in `writing-mode:
vertical-rl`) with Firefox (Debian's firefox-esr; epaperkit/firefox.py: one headless Firefox for
the whole set, driven over Marionette, the page's size from its @page rule, no margins, headers
or footers): a sixth producer, Gecko's layout (its own CJK line breaking and justification on
flow pages) and cairo's PDF, whose text layer names an ideograph sharing its glyph with a
Kangxi radical by the radical (⼤ for 大). Firefox is given the Noto CJK SC faces as standalone
fonts: printed from Debian's collections, every simplified glyph the collection's JP face has
no code point for comes out U+FFFD. Absolute and flow layouts.

`--layout flow` (epaperkit/flowpage.py) is a second, independent way of making pages: ordinary
HTML laid out by the engine, not lines broken and placed by the generator. Stories are
<article>s in flexbox rows (each as wide as the 1-3 columns it spans, its body set in as many CSS
columns) or in one multi-column flow (`column-fill: auto`, the lead headline `column-span: all`);
paragraphs indented 2em, wrapped and justified by the engine (`line-break: strict`); <h1>/<h2>
of varied size, face and weight; kicker, subtitle, byline, dateline; <figure>/<figcaption> with
credits; boxed notices; a bordered box of briefs as an absolutely positioned sidebar, out of
reading order in the DOM; rules between stories (CSS borders, `column-rule`); 下转/上接 lines;
fake bold as `text-shadow` or `-webkit-text-stroke` (Chromium writes a second copy of the
glyphs; WeasyPrint draws them once, plain). The page is printed and every story whose first or
last 12 Han characters are not in the printed page's text is taken out, and the page printed
again, until every keyed story is whole on one page. Single pages only, printed by WeasyPrint,
Chromium or Firefox; `--mix` and `--lcsts` apply, `--forms`, `--typeset`, `--vary-furniture` and `--rebreak`
are refused (flow pages draw none of them). The default (`--layout absolute`) makes what it always made.

Same seed, split and engine → byte-identical HTML (Typst: .typ source) and keys; WeasyPrint,
ReportLab and Typst PDFs are made reproducible too (fixed metadata and identifier); Chromium's, wkhtmltopdf's and Firefox's PDFs differ
from run to run in their creation date (wkhtmltopdf and Firefox ignore SOURCE_DATE_EPOCH), their text not.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from epaperkit import firefox, sources  # noqa: E402
from epaperkit.build import generate, parse_mix  # noqa: E402
from epaperkit.render import chromium_binary  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description="Seeded e-paper pages with answer keys.")
    parser.add_argument("--pages", type=int, default=20, help="single pages to make")
    parser.add_argument("--issues", type=int, default=0, help="multi-page issues to make besides")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--split", choices=("dev", "heldout"), default="dev")
    parser.add_argument("--engine", choices=("weasyprint", "chromium", "reportlab", "wkhtmltopdf", "typst", "firefox"), default="weasyprint")
    parser.add_argument("--out", default="build/epaper/dev")
    parser.add_argument("--layout", choices=("absolute", "flow"), default="absolute",
                        help="absolute: every line placed by the generator (default); flow: ordinary HTML laid out "
                             "by the engine (epaperkit/flowpage.py), printed until every keyed story fits")
    parser.add_argument("--no-render", action="store_true", help="HTML and keys only, no PDF or text")
    parser.add_argument("--forms", action="store_true",
                        help="print some articles in a content form: a summary or editor's note before the dateline, "
                             "a quotation, question or short sentence first, numbered items, questions and answers")
    parser.add_argument("--lcsts", action="store_true", help="the LCSTS short news (../shared/eval) in the pool too")
    parser.add_argument("--typeset", action="store_true",
                        help="draw each page's typesetting too: 3-8 columns, gutters, body type's size, leading and face, "
                             "headline face and weight, rules over stories and down gutters, framed stories, narrow headlines")
    parser.add_argument("--vary-furniture", action="store_true",
                        help="reprint some articles with furniture from a catalogue of forms Chinese papers use "
                             "(epaperkit/furniture.py): datelines, bylines, kickers, subtitles, headlines, sign-offs, "
                             "paragraph openings")
    parser.add_argument("--rebreak", action="store_true",
                        help="break some articles' paragraphs afresh (their own sentences in paragraphs of another length)")
    parser.add_argument("--uncued", action="store_true",
                        help="print some articles with their text's cues taken away (epaperkit/variants.uncued): paragraphs "
                             "ending with no mark, the body as one paragraph, a headline ending in a mark or run on with the "
                             "body's first clause, a photo's caption with no credit")
    parser.add_argument("--bare-markers", action="store_true",
                        help="print half the cut and continuation markers without 上/下 (`（转4版）`, `（转第4版）`, "
                             "`（接2版）`, `（接第2版）`), as papers print them too")
    parser.add_argument("--mix", default="",
                        help="the share of articles drawn from each source, `corpus=0.4,seed=0.05` (corpus, sogou, clts, "
                             "clts_plus, seed, notice, lcsts); the sources not named share the rest by their sizes")
    parser.add_argument("--folds", type=int, default=0,
                        help="part the split's articles into this many folds by a hash of their id (sources.fold_of)")
    chosen = parser.add_mutually_exclusive_group()
    chosen.add_argument("--fold", type=int, help="only the articles of this fold (0 .. FOLDS-1)")
    chosen.add_argument("--exclude-fold", type=int, help="every article but this fold's")
    args = parser.parse_args()
    picked = args.fold if args.fold is not None else args.exclude_fold
    if (picked is None) != (args.folds == 0) or (picked is not None and not 0 <= picked < args.folds):
        parser.error("--folds N goes with one of --fold K or --exclude-fold K, 0 <= K < N")
    try:
        mix = parse_mix(args.mix) or None
    except ValueError as e:
        sys.exit(f"epaper: {e}")
    if args.layout == "flow":
        # Flow pages draw none of these: asked for one, a set would be made without it, silently.
        left_out = [option for option, on in (("--issues", args.issues), ("--no-render", args.no_render),
                                               ("--engine reportlab", args.engine == "reportlab"),
                                               ("--engine wkhtmltopdf", args.engine == "wkhtmltopdf"),
                                               ("--engine typst", args.engine == "typst"), ("--forms", args.forms),
                                               ("--typeset", args.typeset), ("--vary-furniture", args.vary_furniture),
                                               ("--rebreak", args.rebreak), ("--uncued", args.uncued),
                                               ("--bare-markers", args.bare_markers)) if on]
        if left_out:
            sys.exit(f"epaper: --layout flow makes single pages printed by a browser engine, without {', '.join(left_out)}")
    if not sources.available():
        sys.exit(f"epaper: {sources.SHARED} is absent: the real articles are read from there")
    if args.engine == "chromium" and not chromium_binary():
        sys.exit("epaper: chromium is not installed (apt-get install -y chromium)")
    if args.engine == "wkhtmltopdf" and not shutil.which("wkhtmltopdf"):
        sys.exit("epaper: wkhtmltopdf is not installed (apt-get install -y wkhtmltopdf)")
    if args.engine == "firefox" and not firefox.binary():
        sys.exit("epaper: firefox is not installed (apt-get install -y firefox-esr)")
    if args.engine == "typst" and importlib.util.find_spec("typst") is None:
        sys.exit("epaper: typst is not installed (pip install -e '.[test]': the PyPI binding `typst`)")
    start = time.time()
    try:
        manifest = generate(Path(args.out), args.pages, args.seed, args.split, args.engine, args.issues, not args.no_render,
                            forms=args.forms, lcsts=args.lcsts, typeset=args.typeset,
                            vary_furniture=args.vary_furniture, mix=mix, layout=args.layout, rebreak=args.rebreak,
                            folds=args.folds, fold=args.fold, exclude_fold=args.exclude_fold, uncued=args.uncued,
                            bare_markers=args.bare_markers)
    except ValueError as e:  # a --mix naming a source the pool has not
        sys.exit(f"epaper: {e}")
    print(f"{args.out}: {manifest['pages']} pages, {manifest['issues']} issues from {manifest['articles_available']} "
          f"{args.split} articles, {time.time() - start:.0f}s")


if __name__ == "__main__":
    main()
