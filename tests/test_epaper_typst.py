"""The page generator's fifth engine (`epaper.py --engine typst`, benchmarks/epaperkit/typstpage.py):
the plan's blocks where the plan puts them, their text broken by Typst.

Typst (PyPI `typst`) comes with the test extra; the tests skip without it, and those drawing
real articles skip without ../shared.
"""

from __future__ import annotations

import json
import re
import shutil
import sys

import pytest
from conftest import ROOT

from digest.clean import han_only
from digest.pdf.pdfium import read_pages

sys.path.insert(0, str(ROOT / "benchmarks"))
from epaperkit import sources, typstpage  # noqa: E402
from epaperkit.article import Block  # noqa: E402
from epaperkit.build import generate  # noqa: E402
from epaperkit.page import Page  # noqa: E402
from epaperkit.text import Line  # noqa: E402

pytest.importorskip("typst")
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")

TEXT = "吕梁市委书记在离石区调研时强调要坚持以人民为中心的发展思想扎实推进各项工作落地见效" * 3


def collapse(text: str) -> str:
    return re.sub(r"(.)\1+", r"\1", han_only(text))


def body_page(*bodies: tuple[int, int]) -> Page:
    """A page of one-column bodies 150 pt wide (15.8 characters of 9.5 pt), each (characters a
    line, lines) of TEXT as the plan broke it."""
    blocks, keys = [], []
    for art, (per, lines) in enumerate(bodies):
        text = TEXT[: per * lines]
        rows = [Line(text[k:k + per], para=0, start=k, end=k + per, indent=k == 0) for k in range(0, len(text), per)]
        blocks.append(Block(30 + 200 * art, 40, 150, rows, role="body", art=art))
        keys.append({"first": han_only(text)[:12], "last": han_only(text)[-12:], "layout": []})
    return Page(1, blocks, keys, None, 4)


def test_a_body_typst_cannot_set_in_its_box_is_tightened_then_taken_out_with_its_key():
    # The first body's 6 lines of 13 characters (the first 2 em in) fit a 150 pt column as
    # planned; the second's 2 lines of 30 take Typst four: no tightening makes them fit.
    page = body_page((13, 6), (30, 2))
    typstpage.fit([page])
    assert [b.art for b in page.blocks] == [0] and page.blocks[0].spacing == 0.0
    assert len(page.articles) == 1 and page.articles[0]["layout"] == []
    assert page.features == ["typst_overflow_out"]


def test_a_page_source_is_the_same_text_for_the_same_plan_and_holds_each_paragraph_whole():
    source = typstpage.typst_source([body_page((13, 6))], "p")
    assert source == typstpage.typst_source([body_page((13, 6))], "p")
    assert typstpage.q(TEXT[:78]) in source  # one string: Typst breaks the lines, not the plan


def test_glyph_fake_bold_draws_every_character_twice_a_quarter_point_apart(tmp_path):
    mast = Block(30, 30, 300, [Line("2025年5月13日")], 10, 14, "masthead", font="sans", fake_bold="glyph")
    typstpage.draw_pdf([Page(1, [mast], [], "2025年5月13日", 4)], tmp_path / "m.pdf")
    (page,) = read_pages((tmp_path / "m.pdf").read_bytes(), "m.pdf")
    years = sorted(g.x0 for g in page.glyphs if g.text == "年")
    assert (round(page.width), round(page.height)) == (842, 1191)
    assert len(years) == 2 and years[1] - years[0] == pytest.approx(0.25, abs=0.02)


@pytest.mark.skipif(not sources.available(), reason="../shared (the real articles) is absent")
@needs_poppler
def test_typst_engine_sets_a_seed_byte_for_byte_and_its_text_holds_every_keyed_start_and_end(tmp_path):
    generate(tmp_path / "a", pages=1, seed=11, split="dev", engine="typst")
    generate(tmp_path / "b", pages=1, seed=11, split="dev", engine="typst")
    for name in ("p0001.typ", "p0001.json", "p0001.pdf", "p0001.raw.txt"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    pdf = (tmp_path / "a" / "p0001.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"/FontFile3" in pdf  # Noto CJK subset and embedded by Typst
    key = json.loads((tmp_path / "a" / "p0001.json").read_text(encoding="utf-8"))
    assert key["engine"] == "typst" and key["articles"]
    text = collapse((tmp_path / "a" / "p0001.raw.txt").read_text(encoding="utf-8"))
    for entry in key["articles"]:
        assert collapse(entry["first"]) in text and collapse(entry["last"]) in text, entry["first"]


def test_article_text_with_typst_markup_characters_prints_literally(tmp_path):
    # Article text goes into Typst as string literals (typstpage.q), never as markup: `#`, `[`,
    # `]`, `$`, `\`, `*`, `_`, `<`, `@`, backquote and `"` print as themselves in a body, a
    # headline, a fake-bold masthead and a byline.
    text = '记者#a[b]c$d\\e*f_g<h>@i`j"k=l'
    blocks = [Block(30, 40, 300, [Line(text, para=0, start=0, end=len(text), indent=True)], role="body", art=0),
              Block(30, 200, 300, [Line(text)], 16, 20, "title", art=0),
              Block(30, 300, 300, [Line(text)], 10, 14, "masthead", fake_bold="glyph"),
              Block(30, 400, 300, [Line(text)], 10, 14, "byline", art=0)]
    typstpage.draw_pdf([Page(1, blocks, [], None, 4)], tmp_path / "m.pdf", title='#"]\\')
    (page,) = read_pages((tmp_path / "m.pdf").read_bytes(), "m.pdf")
    glyphs = "".join(g.text for g in page.glyphs)
    assert glyphs.replace(" ", "").count(text) == 3  # the masthead's fake bold doubles each glyph
