"""The e-paper page generator (benchmarks/epaper.py) and the cut scores of digest/evaluate.

The generator reads real articles from ../shared at run time; those tests skip when it is
absent. Rendering is slow (about a second a page), so only one small page is printed to PDF.
"""

from __future__ import annotations

import dataclasses
import json
import random
import re
import shutil
import subprocess
import sys
from collections import Counter

import pytest
from conftest import ROOT

from digest.clean import han_only
from digest.evaluate import Score, score_issue
from digest.ingest import text_pages
from digest.model import Article
from digest.pdf.pdfium import read_pages

sys.path.insert(0, str(ROOT / "benchmarks"))
from epaperkit import sources, variants  # noqa: E402
from epaperkit.article import compose  # noqa: E402
from epaperkit.text import width  # noqa: E402
from epaperkit.build import generate, parse_mix  # noqa: E402
from epaperkit.score import by_source  # noqa: E402

needs_shared = pytest.mark.skipif(not sources.available(), reason="../shared (the real articles) is absent")


def page_text(html: str) -> str:
    """The page's text in DOM order, each fake-bold glyph's copy dropped, tags stripped."""
    html = re.sub(r'<span class="g2">.*?</span>', "", html)
    return re.sub(r"<[^>]+>", "", html)


def collapse(text: str) -> str:
    """Fake bold modulo: a character repeated in a row counted once (`55月月` → `5月`)."""
    return re.sub(r"(.)\1+", r"\1", han_only(text))


def keys_of(folder):
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json")) if p.name != "manifest.json"]


@pytest.fixture(scope="module")
def small_set(tmp_path_factory):
    out = tmp_path_factory.mktemp("epaper")
    generate(out, pages=3, seed=7, split="dev", issues=1, render=False, issue_pages=(2, 3))
    return out


@needs_shared
def test_same_seed_same_html_and_keys(small_set, tmp_path):
    generate(tmp_path, pages=3, seed=7, split="dev", issues=1, render=False, issue_pages=(2, 3))
    names = sorted(p.relative_to(small_set) for p in small_set.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    for name in names:
        assert (small_set / name).read_bytes() == (tmp_path / name).read_bytes(), name
    other = tmp_path / "other"
    generate(other, pages=1, seed=8, split="dev", render=False)
    assert (other / "p0001.html").read_bytes() != (small_set / "p0001.html").read_bytes()


@needs_shared
def test_every_key_is_printed_in_its_page(small_set):
    for folder in (small_set, small_set / "issues"):
        for key in keys_of(folder):
            if "-p" in key["source"]:
                html = (small_set / "issues" / (key["source"].split("-p")[0] + ".html")).read_text(encoding="utf-8")
            else:
                html = (folder / f"{key['source']}.html").read_text(encoding="utf-8")
            text = han_only(page_text(html))
            assert key["articles"], key["source"]
            for entry in key["articles"]:
                assert len(entry["first"]) == 12 and len(entry["last"]) == 12
                assert entry["first"] in text and entry["last"] in text, (key["source"], entry["first"], entry["last"])
                if entry["title"]:
                    assert han_only(entry["title"]) in text or len(set(han_only(entry["title"])) - set(text)) == 0
                assert entry["kind"] in ("news", "feature", "notice", "photo", "commentary", "fragment")


def made_twice_alike(tmp_path, small_set, pages: int, option: str) -> None:
    """An opt-in option of the generator: the same seed makes the same pages twice, the
    manifest records it, and a set made without it does not."""
    for name in ("a", "b"):
        generate(tmp_path / name, pages=pages, seed=7, split="dev", render=False, **{option: True})
    for name in ("p0001.html", f"p{pages:04d}.json", "manifest.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert json.loads((tmp_path / "a" / "manifest.json").read_text(encoding="utf-8"))[option] is True
    assert option not in json.loads((small_set / "manifest.json").read_text(encoding="utf-8"))


def printed_keys_drawing(folder, prefix: str) -> set[str]:
    """The layout features named `prefix…` the set's articles were drawn with, every article's
    first and last words (its key's) printed on its page."""
    drawn = set()
    for key in keys_of(folder):
        text = han_only(page_text((folder / f"{key['source']}.html").read_text(encoding="utf-8")))
        for entry in key["articles"]:
            assert entry["first"] in text and entry["last"] in text, (key["source"], entry["first"])
            drawn |= {f for f in entry["layout"] if f.startswith(prefix)}
    return drawn


@needs_shared
def test_content_forms_are_opt_in_seeded_and_every_key_is_printed(small_set, tmp_path):
    made_twice_alike(tmp_path, small_set, pages=6, option="forms")
    forms = {}
    for key in keys_of(tmp_path / "a"):
        text = han_only(page_text((tmp_path / "a" / f"{key['source']}.html").read_text(encoding="utf-8")))
        for entry in key["articles"]:
            assert entry["first"] in text and entry["last"] in text, (key["source"], entry["first"])
            for form in set(entry["layout"]) & set(variants.FORMS):
                forms[form] = (entry, text)
    assert len(forms) >= 4, forms.keys()


@needs_shared
def test_typesetting_is_opt_in_seeded_and_draws_rules_frames_and_other_body_type(small_set, tmp_path):
    made_twice_alike(tmp_path, small_set, pages=8, option="typeset")
    assert ".frame" not in (small_set / "p0001.html").read_text(encoding="utf-8")  # pages made without: as before
    page_features, html = set(), ""
    for key in keys_of(tmp_path / "a"):
        page = (tmp_path / "a" / f"{key['source']}.html").read_text(encoding="utf-8")
        html += page
        text = han_only(page_text(page))
        page_features |= {f.split(":")[0] for f in key["layout"]}
        for entry in key["articles"]:
            assert entry["first"] in text and entry["last"] in text, (key["source"], entry["first"])
    assert {"gap", "body", "body_font", "title_font"} <= page_features
    assert len({f for key in keys_of(tmp_path / "a") for f in key["layout"] if f.startswith("body:")}) >= 3
    assert 'class="frame"' in html and ('class="rule"' in html or 'class="vrule"' in html)
    # every column at least ten characters of its body type wide
    for key in keys_of(tmp_path / "a"):
        columns = next(int(f.split(":")[1]) for f in key["layout"] if f.startswith("columns:"))
        gap = next(float(f.split(":")[1]) for f in key["layout"] if f.startswith("gap:"))
        size = next(float(f.split(":")[1].split("/")[0]) for f in key["layout"] if f.startswith("body:"))
        assert (842 - 60 - (columns - 1) * gap) / columns >= 10.5 * size


@needs_shared
def test_a_summary_before_the_dateline_opens_the_key_and_the_dateline_follows_it():
    piece, printed = next((p, f) for p in sources.load_split("dev") if p.dateline and p.kind == "news"
                          for f in [variants._in_form(p, "lead_summary", random.Random(1))] if f)
    assert printed.lead_at == 1
    # the summary is the article's own sentences, taken from its end: the same text, moved
    summary = re.sub(r"^(核心提示：|【核心提示】|导读：)", "", printed.paragraphs[0])
    assert summary in piece.paragraphs[-1] and summary not in "".join(printed.paragraphs[1:])
    laid = compose(printed, 0, 30, 60, 300, 2, 1000, random.Random(2), {"fake_bold": ""})
    lines = "".join(ln.text for b in laid.blocks for ln in b.lines)
    assert laid.key["first"] == han_only(printed.paragraphs[0])[:12]
    assert han_only(lines).index(han_only(piece.dateline)) > han_only(lines).index(laid.key["first"])


@needs_shared
def test_lcsts_pool_is_opt_in_and_keeps_to_its_split(tmp_path):
    generate(tmp_path / "d", pages=3, seed=7, split="dev", render=False, lcsts=True)
    generate(tmp_path / "h", pages=3, seed=7, split="heldout", render=False, lcsts=True)
    ids = {split: [e["id"] for k in keys_of(tmp_path / d) for e in k["articles"]] for split, d in (("dev", "d"), ("heldout", "h"))}
    assert any(i.startswith("lcsts:") for i in ids["dev"]) and any(i.startswith("lcsts:") for i in ids["heldout"])
    for split, found in ids.items():
        assert all(sources.split_of(i) == split for i in found)
    assert not any(p.id.startswith("lcsts:") for p in sources.load_split("dev"))


@needs_shared
def test_lcsts_post_held_under_two_ids_is_in_one_split_only():
    # LCSTS repeats some posts under other ids; split by id, a repeat could land on both sides.
    pool = sources._lcsts(sources.SHARED / "eval" / "lcsts_part3.jsonl")
    splits: dict[str, set[str]] = {}
    for piece in pool:
        splits.setdefault(han_only("".join(piece.paragraphs)), set()).add(piece.split)
    assert len(pool) > 1000 and all(len(found) == 1 for found in splits.values())


@needs_shared
def test_mix_draws_the_named_sources_by_their_shares_and_no_mix_leaves_a_set_unchanged(small_set, tmp_path):
    generate(tmp_path / "plain", pages=3, seed=7, split="dev", issues=1, render=False, issue_pages=(2, 3), mix=None)
    for name in sorted(p.relative_to(small_set) for p in small_set.rglob("*") if p.is_file()):
        assert (small_set / name).read_bytes() == (tmp_path / "plain" / name).read_bytes(), name
    generate(tmp_path / "m", pages=12, seed=7, split="dev", render=False, mix=parse_mix("corpus=0.8,seed=0"))
    ids = [e["id"] for k in keys_of(tmp_path / "m") for e in k["articles"] if e["kind"] != "fragment"]
    assert sum(i.startswith("corpus:") for i in ids) > 0.6 * len(ids)
    assert not any(i.startswith("seed:") for i in ids)
    assert json.loads((tmp_path / "m" / "manifest.json").read_text(encoding="utf-8"))["mix"] == {"corpus": 0.8, "seed": 0.0}
    with pytest.raises(ValueError, match="lcsts"):
        generate(tmp_path / "x", pages=1, seed=7, split="dev", render=False, mix={"lcsts": 0.5})
    with pytest.raises(ValueError, match="SOURCE=SHARE"):
        parse_mix("corpus")


def test_mix_never_falls_back_on_a_source_given_no_share():
    # corpus=1 and seed=0: with corpus used up on the issue, no seed article fills in for it.
    from epaperkit.build import _pool

    pieces = [sources.Piece(id=f"{name}:{k}", kind="news", paragraphs=["甲。"]) for name in ("corpus", "seed") for k in range(3)]
    take, new_issue = _pool(pieces, random.Random(1), {"corpus": 1.0, "seed": 0.0})
    new_issue()
    drawn = [take() for _ in range(5)]
    assert sorted(p.id for p in drawn[:3]) == ["corpus:0", "corpus:1", "corpus:2"] and drawn[3:] == [None, None]


@needs_shared
def test_issue_keys_pages_and_continuations(small_set):
    issue = keys_of(small_set / "issues")[0]
    assert issue["pages"] == list(range(1, len(issue["pages"]) + 1))
    assert issue["paper"] and issue["date"]
    per_page = [json.loads((small_set / f"{issue['source']}-p{n}.json").read_text(encoding="utf-8")) for n in issue["pages"]]
    assert sum(len(k["articles"]) for k in per_page) == len(issue["articles"])
    html = (small_set / "issues" / f"{issue['source']}.html").read_text(encoding="utf-8")
    for entry in issue["articles"]:
        if "continued" in entry["layout"]:
            assert "下转" in html
        if entry["kind"] == "fragment":
            assert "上接" in html


@needs_shared
def test_split_never_mixes(tmp_path):
    dev, held = sources.load_split("dev"), sources.load_split("heldout")
    assert dev and held and not {p.id for p in dev} & {p.id for p in held}
    assert all(sources.split_of(p.id) == "dev" for p in dev)
    generate(tmp_path / "h", pages=2, seed=1, split="heldout", render=False)
    for key in keys_of(tmp_path / "h"):
        assert key["split"] == "heldout"
        assert all(sources.split_of(entry["id"]) == "heldout" for entry in key["articles"])


def test_every_fold_takes_a_share_of_each_split_not_only_of_what_the_split_leaves():
    # split_of keeps sha1 mod 5 == 0 for held-out: folds by that remainder would give the dev
    # articles four folds of five and leave fold 0 empty.
    ids = [f"sogou:{n}" for n in range(3000)]
    for split in ("dev", "heldout"):
        counts = Counter(sources.fold_of(i, 5) for i in ids if sources.split_of(i) == split)
        assert sorted(counts) == [0, 1, 2, 3, 4] and min(counts.values()) > 0.7 * max(counts.values())


@needs_shared
def test_a_fold_page_holds_only_its_folds_articles_and_the_other_folds_pages_none_of_them(tmp_path):
    generate(tmp_path / "f", pages=4, seed=7, split="dev", render=False, folds=5, fold=2)
    generate(tmp_path / "x", pages=4, seed=7, split="dev", render=False, folds=5, exclude_fold=2)
    fold = {e["id"] for k in keys_of(tmp_path / "f") for e in k["articles"]}
    rest = {e["id"] for k in keys_of(tmp_path / "x") for e in k["articles"]}
    assert fold and all(sources.fold_of(i, 5) == 2 and sources.split_of(i) == "dev" for i in fold)
    assert len({sources.fold_of(i, 5) for i in rest}) == 4 and all(sources.fold_of(i, 5) != 2 for i in rest)


@needs_shared
@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_one_page_renders_and_raw_text_holds_every_start(tmp_path):
    generate(tmp_path, pages=1, seed=11, split="dev")
    assert (tmp_path / "p0001.pdf").read_bytes().startswith(b"%PDF")
    raw = (tmp_path / "p0001.raw.txt").read_text(encoding="utf-8")
    assert (tmp_path / "p0001.plain.txt").exists() and (tmp_path / "p0001.layout.txt").exists()
    key = keys_of(tmp_path)[0]
    text = collapse(raw)
    for entry in key["articles"]:
        assert collapse(entry["first"]) in text, entry["first"]
    # the harness reads the page the way segmentation.py --pages does
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "segmentation.py"), "--pages", str(tmp_path), "--extractor", "raw"],
                         capture_output=True, text=True, check=True).stdout
    assert "| work tree | pages | dev | raw |" in out


@needs_shared
@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_reportlab_engine_draws_the_same_plan_twice_byte_for_byte_and_its_text_holds_every_start(tmp_path):
    pytest.importorskip("reportlab")
    generate(tmp_path / "a", pages=1, seed=11, split="dev", engine="reportlab")
    generate(tmp_path / "b", pages=1, seed=11, split="dev", engine="reportlab")
    pdf = (tmp_path / "a" / "p0001.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and pdf == (tmp_path / "b" / "p0001.pdf").read_bytes()
    assert b"/STSong-Light" in pdf and b"/FontFile" not in pdf  # a CID font the PDF does not embed
    text = collapse((tmp_path / "a" / "p0001.raw.txt").read_text(encoding="utf-8"))
    for entry in keys_of(tmp_path / "a")[0]["articles"]:
        assert collapse(entry["first"]) in text, entry["first"]
    # Headlines and bold lines are filled and stroked; the body after them is filled only.
    glyphs = [g for page in read_pages(pdf, "p0001.pdf") for g in page.glyphs]
    assert 0 < sum(g.bold for g in glyphs) < 0.3 * len(glyphs)


@needs_shared
@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_typeset_pages_drawn_by_reportlab_carry_their_rules_and_frames(tmp_path):
    pytest.importorskip("reportlab")
    generate(tmp_path, pages=3, seed=7, split="dev", engine="reportlab", typeset=True)
    drawn = [page for k in (1, 2, 3) for page in read_pages((tmp_path / f"p000{k}.pdf").read_bytes(), "p.pdf")]
    html = "".join((tmp_path / f"p000{k}.html").read_text(encoding="utf-8") for k in (1, 2, 3))
    assert sum(len(p.rules) for p in drawn) >= html.count('class="rule"') + html.count('class="vrule"') > 0
    assert sum(1 for p in drawn for b in p.boxes if not b.picture) == html.count('class="frame"')


@needs_shared
@pytest.mark.skipif(not (shutil.which("pdftotext") and shutil.which("wkhtmltopdf")), reason="poppler-utils or wkhtmltopdf is not installed")
def test_wkhtmltopdf_engine_prints_the_page_at_its_size_with_radicals_the_text_path_maps(tmp_path):
    generate(tmp_path, pages=1, seed=11, split="dev", engine="wkhtmltopdf")
    pdf = (tmp_path / "p0001.pdf").read_bytes()
    (page,) = read_pages(pdf, "p0001.pdf")
    assert (round(page.width), round(page.height)) == (842, 1191)
    raw = (tmp_path / "p0001.raw.txt").read_text(encoding="utf-8")
    assert re.search("[\u2f00-\u2fdf]", raw)  # Qt WebKit's text layer: Kangxi radicals for ideographs
    text = collapse(text_pages(raw)[0])  # radicals and glyph twins (戶 for 户) mapped as the text path reads
    for entry in keys_of(tmp_path)[0]["articles"]:
        assert collapse(entry["first"]) in text, entry["first"]


def test_cut_rates_precision_recall_and_near_headlines():
    key = {"source": "p", "paper": "吕梁日报", "date": "2025-05-13", "articles": [
        {"title": "全市巩固衔接工作推进会议召开", "kind": "news", "first": "甲乙丙丁戊己庚辛壬癸子丑", "last": "寅卯辰巳午未申酉戌亥天地", "lvliang": True, "page": 2},
        {"title": "方山县举办劳务品牌推介活动", "kind": "news", "first": "春夏秋冬东南西北上下左右", "last": "金木水火土日月星辰山川河", "lvliang": True, "page": 2},
    ]}
    articles = [
        Article(source="p", text="甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地", title="全市巩固衔接工作推进会议召开", page=2, lvliang=True),
        Article(source="p", text="春夏秋冬东南西北上下左右", title="方山县举办劳务品牌推介活", page=3, lvliang=True),
        Article(source="p", text="金木水火土日月星辰山川河", title=None),
    ]
    score = score_issue(articles, key, paper="吕梁日报", date="2025-05-14")
    total = Score()
    total.add(score)
    rates = total.cut_rates()
    assert (rates["cut R %"], rates["cut P %"], rates["cut F1 %"]) == (50.0, 33.3, 40.0)
    assert rates["spurious"] == 1
    assert rates["headline exact %"] == 50.0 and rates["headline ≥0.9 %"] == 100.0
    assert (rates["paper %"], rates["date %"], rates["page %"]) == (100.0, 0.0, 50.0)
    assert list(total.rates()) == ["cut exactly %", "spurious pieces", "headline recovered %", "kind right %", "lvliang right %"]


def test_by_source_counts_a_spurious_piece_for_the_article_whose_end_it_holds_else_none():
    key = {"source": "p", "articles": [
        {"id": "corpus:a1", "title": "甲", "kind": "news", "first": "甲乙丙丁戊己庚辛壬癸子丑", "last": "寅卯辰巳午未申酉戌亥天地", "lvliang": True},
        {"id": "sogou:9", "title": "春", "kind": "news", "first": "春夏秋冬东南西北上下左右", "last": "金木水火土日月星辰山川河", "lvliang": True},
    ]}
    articles = [
        Article(source="p", text="甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地", title="甲", kind="news", lvliang=True),
        Article(source="p", text="春夏秋冬东南西北上下左右", title="春", kind="feature", lvliang=True),
        Article(source="p", text="金木水火土日月星辰山川河", title=None),  # the sogou article's cut-off end
        Article(source="p", text="图为会议现场", title=None),  # nobody's
    ]
    total = Score()
    total.add(score_issue(articles, key))
    table = by_source(total)
    assert list(table) == ["corpus", "sogou", "none"]
    assert (table["corpus"]["cut F1 %"], table["corpus"]["outputs"], table["corpus"]["kind right %"]) == (100.0, 1, 100.0)
    assert (table["sogou"]["articles"], table["sogou"]["outputs"], table["sogou"]["spurious"]) == (1, 2, 1)
    assert (table["sogou"]["cut R %"], table["sogou"]["headline exact %"], table["sogou"]["kind right %"]) == (0.0, 100.0, 0.0)
    assert (table["none"]["articles"], table["none"]["outputs"], table["none"]["spurious"]) == (0, 1, 1)
    # no article of its own: no recall, so no F1 (its outputs are all wrong: precision 0)
    assert (table["none"]["cut P %"], table["none"]["cut R %"], table["none"]["cut F1 %"]) == (0.0, "-", "-")
    assert sum(row["outputs"] for row in table.values()) == total.outputs


def test_an_article_quoting_another_articles_first_words_holds_no_other_start_when_that_one_is_found():
    # A series of reports on one campaign: the second quotes the words the first opens with.
    # With the first found opening an output of its own, the quote is no merge; run into the
    # second, it is.
    key = {"source": "p", "articles": [
        {"title": "甲", "kind": "news", "first": "甲乙丙丁戊己庚辛壬癸子丑", "last": "寅卯辰巳午未申酉戌亥天地", "lvliang": False},
        {"title": "乙", "kind": "news", "first": "春夏秋冬东南西北上下左右", "last": "金木水火土日月星辰山川河", "lvliang": False},
    ]}
    apart = [
        Article(source="p", text="甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地", title="甲"),
        Article(source="p", text="春夏秋冬东南西北上下左右，“甲乙丙丁戊己庚辛壬癸子丑”金木水火土日月星辰山川河", title="乙"),
    ]
    assert score_issue(apart, key).exact == 2
    merged = [Article(source="p", text="春夏秋冬东南西北上下左右，“甲乙丙丁戊己庚辛壬癸子丑”金木水火土日月星辰山川河"
                      "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地", title="乙")]
    assert score_issue(merged, key).exact == 0


def _continued_parts() -> tuple[dict, dict]:
    """The key's two parts of one article a whole issue prints over two pages (one id)."""
    first = {"title": "甲", "kind": "news", "first": "甲乙丙丁戊己庚辛壬癸子丑", "last": "寅卯辰巳午未申酉戌亥天地", "lvliang": False,
             "id": "a1", "page": 1, "layout": ["continued"]}
    rest = {"title": None, "kind": "fragment", "first": "春夏秋冬东南西北上下左右", "last": "金木水火土日月星辰山川河", "lvliang": False,
            "id": "a1", "page": 4, "layout": ["continuation"]}
    return first, rest


def test_a_continued_article_joined_with_its_continuation_scores_both_parts_cut_exactly():
    # One PDF of the whole issue: the page-1 part (`（下转4版）`) and its page-4 part
    # (`（上接1版）`) of one article read as one, as issue 11 asks; another article run into it
    # is still a merge.
    first, rest = _continued_parts()
    other = {"title": "乙", "kind": "news", "first": "一二三四五六七八九十百千", "last": "万亿兆京垓秭穰沟涧正载极", "lvliang": False, "id": "b2"}
    key = {"source": "i", "articles": [first, rest, other]}
    joined = Article(source="i", text="甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地（下转4版）\n（上接1版）春夏秋冬东南西北上下左右金木水火土日月星辰山川河", title="甲")
    alone = Article(source="i", text="一二三四五六七八九十百千万亿兆京垓秭穰沟涧正载极", title="乙")
    assert score_issue([joined, alone], key).exact == 3
    run_in = Article(source="i", text=joined.text + alone.text, title="甲")
    assert score_issue([run_in], key).exact == 0


def test_an_article_running_on_into_the_next_ones_start_is_a_merge_though_that_one_opens_an_output_too():
    # The next article's first words after this one's last words are a run-on, not a quote,
    # whether or not an output of its own opens with them too.
    key = {"source": "p", "articles": [
        {"title": "甲", "kind": "news", "first": "甲乙丙丁戊己庚辛壬癸子丑", "last": "寅卯辰巳午未申酉戌亥天地", "lvliang": False},
        {"title": "乙", "kind": "news", "first": "春夏秋冬东南西北上下左右", "last": "金木水火土日月星辰山川河", "lvliang": False},
    ]}
    a, b = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地", "春夏秋冬东南西北上下左右金木水火土日月星辰山川河"
    assert score_issue([Article(source="p", text=a + b), Article(source="p", text=b)], key).exact == 1
    run_on = [Article(source="p", text=a + "春夏秋冬东南西北上下左右一二三四五六"), Article(source="p", text="春夏秋冬东南西北上下左右一二三四五六金木水火土日月星辰山川河")]
    assert score_issue(run_on, key).exact == 1


def test_a_continued_article_holding_only_its_continuations_start_is_not_joined():
    # The join counts only when the output holds the other part whole.
    first, rest = _continued_parts()
    key = {"source": "i", "articles": [first, rest]}
    outputs = [Article(source="i", text="甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地春夏秋冬东南西北上下左右一二三"),
               Article(source="i", text="四五六金木水火土日月星辰山川河")]
    assert score_issue(outputs, key).exact == 0


FURNISHED = sources.Piece(
    id="test:furniture", kind="news", title="吕梁新建三座桥梁",
    paragraphs=["近日，吕梁市交通部门完成了三座桥梁的主体建设，预计年底通车，方便沿线群众出行。",
                "据介绍，新建桥梁总长1200米，采用装配式工艺，工期比原计划缩短了两个月。",
                "下一步，交通部门将加快配套道路建设，确保桥梁按期投入使用，让群众早日受益。"])


def test_furniture_from_the_catalogue_is_printed_and_the_key_follows_it():
    from epaperkit import furniture

    drawn: set[str] = set()
    for seed in range(60):
        piece, feats = furniture.with_furniture(FURNISHED, random.Random(seed))
        drawn |= set(feats)
        laid = compose(piece, 0, 30, 60, 300, 2, 2000, random.Random(seed), {"fake_bold": ""})
        printed = han_only("".join(ln.text for b in laid.blocks for ln in b.lines))
        assert laid.key["first"] in printed and laid.key["last"] in printed
        # the article's own text is unchanged: its key opens and ends where the body does
        assert laid.key["last"] == han_only(FURNISHED.paragraphs[-1])[-12:]
        if piece.title:
            assert laid.key["title"] == piece.title and 4 <= len(piece.title) <= 30
        if piece.dateline:
            assert han_only(piece.dateline) in printed and laid.key["first"] not in han_only(piece.dateline)
        if piece.signoff:
            assert piece.signoff in "".join(ln.text for b in laid.blocks for ln in b.lines)
    assert {"fresh_headline", "fresh_dateline", "fresh_byline", "fresh_kicker", "fresh_subtitle", "fresh_signoff"} <= drawn
    assert {f for f in drawn if f.startswith("opening:")} >= {"opening:date", "opening:head", "opening:quote"}


@needs_shared
def test_vary_furniture_is_opt_in_seeded_and_every_key_is_printed(small_set, tmp_path):
    made_twice_alike(tmp_path, small_set, pages=6, option="vary_furniture")
    fresh = printed_keys_drawing(tmp_path / "a", "fresh_")
    assert len(fresh) >= 4, fresh


@needs_shared
def test_rebreak_is_opt_in_seeded_and_keeps_each_articles_text_first_and_last(small_set, tmp_path):
    made_twice_alike(tmp_path, small_set, pages=6, option="rebreak")
    rebroken = 0
    for key in keys_of(tmp_path / "a"):
        text = han_only(page_text((tmp_path / "a" / f"{key['source']}.html").read_text(encoding="utf-8")))
        for entry in key["articles"]:
            assert entry["first"] in text and entry["last"] in text, (key["source"], entry["first"])
            rebroken += "rebroken" in entry["layout"]
    assert rebroken >= 10
    piece = sources.Piece(id="x", kind="news", paragraphs=["甲" * 34 + "。" + "乙" * 34 + "。", "　”" + "丙" * 34 + "。”" + "丁" * 34 + "。"])
    quoted = 0
    for k in range(20):
        broken, feature = variants.rebroken(piece, random.Random(k))
        assert han_only("".join(broken.paragraphs)) == han_only("".join(piece.paragraphs))
        assert feature is None or not any(p.startswith("　") for p in broken.paragraphs)  # a paragraph opens at the indent
        quoted += feature is not None and any(p.startswith("”") for p in broken.paragraphs)
    assert quoted


def test_clauses_furniture_is_made_of_are_no_reporters_credit_and_open_with_no_closing_quote():
    from epaperkit import furniture

    piece = sources.Piece(id="t", kind="news", paragraphs=[
        "本报讯（记者李秋萌）昨天市红十字会送去米面油。“我们会继续做下去。”此次活动持续三天，覆盖全部乡镇。"])
    clauses = furniture._clauses(piece)
    assert "昨天市红十字会送去米面油" in clauses
    assert not [c for c in clauses if "记者" in c or c[0] == "”"]


def test_reporter_before_a_photo_credit_on_its_own_line_is_the_credits(tmp_path):
    corpus = tmp_path / "articles.jsonl"
    body = "图① 9月19日，交警守护群众出行平安。 本报记者古红军\n通讯员葛崇收 谭建春摄"
    corpus.write_text(json.dumps({"id": 1, "kind": "photo", "body": body}, ensure_ascii=False) + "\n", encoding="utf-8")
    (piece,) = sources._corpus(corpus)
    assert piece.paragraphs[-1].endswith("出行平安。")
    assert piece.credit == "本报记者古红军 通讯员葛崇收 谭建春摄"


def test_a_second_mark_never_hangs_past_the_column_the_character_before_goes_down_with_them():
    from epaperkit.text import wrap

    for text, limit in (("公益性支出竟然少了57％。复是进行限期整改。", 10.5), ("万次住宅小区商户街道……路救了上百名危在旦夕", 10.5)):
        lines = [text[a:b] for a, b in wrap(text, limit)]
        assert "".join(lines) == text
        assert all(width(ln) <= limit + 1 for ln in lines)  # one mark may hang, never two
    quote = "他说：“我们会继续。”此次活动"
    assert [quote[a:b] for a, b in wrap(quote, 10.7)][0] == "他说：“我们会继续。”"  # one hangs


def test_signature_wider_than_its_column_is_set_over_two_lines_flush_right():
    from epaperkit.article import _set_right

    lines = _set_right("吕梁市人力资源和社会保障局", 9.7, 0.2)  # a letter-spaced column ten ems wide
    assert "".join(ln.text for ln in lines) == "吕梁市人力资源和社会保障局" and len(lines) == 2
    assert all(ln.style == "right" and width(ln.text, 0.2) <= 9.7 + 1.2 for ln in lines)
    credit = _set_right("本报记者 徐瑞刚 徐翔 牛红岩 田雨 郭赟 摄", 12.0, 0.0)  # broken at a space between names
    assert [ln.text for ln in credit] == ["本报记者 徐瑞刚 徐翔", "牛红岩 田雨 郭赟 摄"]
    assert [ln.text for ln in _set_right("本报记者 肖继旺 刘晶晶 摄", 11.0, 0.0)] == ["本报记者 肖继旺", "刘晶晶 摄"]  # never `摄` alone


def test_float_byline_of_four_names_wider_than_its_column_is_broken_between_names():
    piece = sources.Piece(id="corpus:x", kind="news", title="衣旧情深暖人心", byline="杨双平 侯晓雪 刘兵 王军明",
                          float_byline="■ 本报记者 杨双平 侯晓雪 刘兵 王军明", paragraphs=["衣虽旧，情更深。" * 30])
    laid = compose(piece, 0, 30, 60, 110, 1, 1000, random.Random(2), {"fake_bold": ""})
    (byline,) = [b for b in laid.blocks if b.role == "byline"]
    assert " ".join(ln.text for ln in byline.lines) == piece.float_byline and len(byline.lines) == 2
    assert all(width(ln.text) <= 110 / 10.0 for ln in byline.lines)
    body = min(b.y for b in laid.blocks if b.role == "body")
    assert body >= byline.y + 2 * 15.0  # the text starts under both lines


def test_report_whose_own_dateline_follows_a_summary_is_given_no_second_dateline_in_front():
    from epaperkit.furniture import with_furniture

    text = "甘肃首批16所偏远山区学校中，有15所学校的困难学生有望获得爱心运动鞋。本报讯6月13日上午，公益行动组委会传来消息。"
    dated = sources.Piece(id="sogou:x", kind="news", title="爱心运动鞋", paragraphs=[text, "经初步审查，名单已经公布。"])
    plain = dataclasses.replace(dated, paragraphs=[text.replace("本报讯", ""), "经初步审查，名单已经公布。"])
    features = lambda piece: {f for k in range(60) for f in with_furniture(piece, random.Random(k))[1]}  # noqa: E731
    assert "fresh_dateline" in features(plain) and "fresh_dateline" not in features(dated)
    assert "fresh_byline" in features(dated)  # the rest of the catalogue as before


def test_rule_down_a_gutter_stops_short_of_a_headline_or_caption_crossing_it():
    from epaperkit.article import Block
    from epaperkit.page import _gutter_rule
    from epaperkit.text import Line as TextLine

    headline = Block(30, 100, 300, [TextLine("跨栏的标题")], size=20, lh=26)  # over the gutter at 180
    column = Block(30, 130, 140, [TextLine("栏内正文")] * 10, lh=14)  # left of it
    caption = Block(30, 500, 300, [TextLine("跨栏的图片说明")] * 3, lh=13)
    pieces = [(b.y, b.y + b.h) for b in _gutter_rule(180, 60, 1000, [headline, column, caption])]
    assert pieces == [(60, 96), (130, 496), (543, 1000)]


def test_story_under_a_vertical_headline_cut_with_a_jump_never_runs_past_the_room_it_has():
    # A vertical headline needs its height whatever the text cut under it: where it has not the
    # room, the story is not laid there (it ran past the page's foot).
    piece = sources.Piece(id="t", kind="news", paragraphs=["今年以来，我市坚持山水林田湖草沙一体化保护，生态面貌持续改善。" * 3] * 12,
                          title="我国大陆人口献血率只有九成")
    for room in (150, 250, 400):
        laid = compose(piece, 0, 30, 60, 300, 2, room, random.Random(1), {"fake_bold": "", "vertical": True, "title_size": 20, "cut_marker": "（下转2版）"})
        assert laid is None or laid.height <= room
    assert "vertical_headline" in compose(piece, 0, 30, 60, 300, 2, 2000, random.Random(1), {"fake_bold": "", "vertical": True, "title_size": 20}).features


def test_kicker_longer_than_its_storys_width_is_broken_over_two_rows_not_run_over_the_next_column():
    piece = sources.Piece(id="t", kind="news", paragraphs=["今年以来，我市坚持山水林田湖草沙一体化保护，生态面貌持续改善。" * 3] * 4,
                          title="我国大陆人口献血率", kicker="临县·油价的涨幅对运行是否有影响")
    laid = compose(piece, 0, 30, 60, 117, 1, 2000, random.Random(1), {"fake_bold": ""})
    (kicker,) = [b for b in laid.blocks if b.role == "kicker"]
    assert "".join(ln.text for ln in kicker.lines) == piece.kicker and len(kicker.lines) == 2
    assert all(width(ln.text) * kicker.size <= 117 for ln in kicker.lines)


@needs_shared
def test_bare_markers_are_opt_in_seeded_and_printed_without_shang_or_xia(tmp_path):
    # `--bare-markers`: half the jumps printed as papers also print them, `（转4版）`, `（接第2版）`;
    # the keys' first words are the text's after the marker, as with `（上接2版）`.
    for name in ("a", "b"):
        generate(tmp_path / name, pages=0, seed=7, split="dev", issues=3, render=False, issue_pages=(4, 5), bare_markers=True)
    generate(tmp_path / "plain", pages=0, seed=7, split="dev", issues=3, render=False, issue_pages=(4, 5))
    issue = tmp_path / "a" / "issues"
    for path in sorted(issue.glob("*")):
        assert path.read_bytes() == (tmp_path / "b" / "issues" / path.name).read_bytes(), path.name
    assert json.loads((tmp_path / "a" / "manifest.json").read_text(encoding="utf-8"))["bare_markers"] is True
    assert "bare_markers" not in json.loads((tmp_path / "plain" / "manifest.json").read_text(encoding="utf-8"))
    printed = "".join(page_text(p.read_text(encoding="utf-8")) for p in sorted(issue.glob("*.html")))
    plain = "".join(page_text(p.read_text(encoding="utf-8")) for p in sorted((tmp_path / "plain" / "issues").glob("*.html")))
    bare = re.findall(r"（[接转]第?\d+版）", printed)
    assert any(m.startswith("（转") for m in bare) and any(m.startswith("（接") for m in bare), bare
    assert not re.findall(r"（[接转]第?\d+版）", plain)
    for key in keys_of(tmp_path / "a" / "issues"):
        text = han_only(page_text((issue / f"{key['source']}.html").read_text(encoding="utf-8")))
        for entry in key["articles"]:
            assert entry["first"] in text and entry["last"] in text and not entry["first"].startswith(("接", "转")), entry["first"]


@needs_shared
def test_uncued_is_opt_in_seeded_and_keeps_each_articles_text_first_and_last(small_set, tmp_path):
    made_twice_alike(tmp_path, small_set, pages=6, option="uncued")
    changes = printed_keys_drawing(tmp_path / "a", "uncued_")
    assert len(changes) >= 4, changes
    piece = sources.Piece(id="x", kind="news", title="标题", paragraphs=["甲" * 20 + "，乙乙。", "丙" * 20 + "！", "丁" * 10 + "？"])
    for k in range(30):
        printed, features = variants.uncued(piece, random.Random(k))
        assert han_only("".join(printed.paragraphs)) == han_only("".join(piece.paragraphs))
        if "uncued_no_end_marks" in features:
            assert not printed.paragraphs[0].endswith("。")
        if "uncued_one_paragraph" in features:
            assert len(printed.paragraphs) == 1
