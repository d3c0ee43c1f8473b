"""The flow layout of the e-paper generator (benchmarks/epaperkit/flowpage.py): pages laid
out by the engine, printed until every keyed story is whole on one page."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

from digest.clean import han_only

sys.path.insert(0, str(ROOT / "benchmarks"))
from epaperkit import sources  # noqa: E402
from epaperkit.build import generate  # noqa: E402
from epaperkit.flowpage import story  # noqa: E402
from epaperkit.render import page_count  # noqa: E402

needs_shared = pytest.mark.skipif(not sources.available(), reason="../shared (the real articles) is absent")
PARAGRAPHS = ["本报讯（记者 王涛）今年以来，我市坚持山水林田湖草沙一体化保护，生态面貌持续改善。",
              "全市完成营造林十二万亩，森林覆盖率稳步提高，水土流失综合治理成效明显。",
              "下一步，我市将继续推进生态修复治理，努力建设美丽吕梁。"]


def test_story_cut_with_a_jump_keys_only_the_paragraphs_printed_and_prints_the_jump_line():
    piece = sources.Piece(id="t", kind="news", paragraphs=[p[10:] for p in PARAGRAPHS], title="我市生态面貌持续改善",
                          dateline="本报讯（记者 王涛）", byline="王涛")
    made = story(piece, 0, 2, random.Random(1), cut_to=2, cut_page=4)
    (key,) = made.keys
    assert key["first"] == han_only(PARAGRAPHS[0][10:])[:12]  # the dateline is not the body's
    assert key["last"] == han_only(PARAGRAPHS[1])[-12:]
    assert "（下转4版）" in made.html and "努力建设美丽吕梁" not in made.html
    assert "column-count:2" in made.html and "continued" in key["layout"]


def test_continued_part_opens_after_its_jump_line_and_is_keyed_a_fragment():
    piece = sources.Piece(id="t", kind="news", paragraphs=[p[10:] for p in PARAGRAPHS] * 2, title="我市生态面貌持续改善")
    made = story(piece, 0, 1, random.Random(3), continued_from=1)
    (key,) = made.keys
    assert key["kind"] == "fragment" and "（上接1版）" in made.html
    assert key["first"] == han_only(PARAGRAPHS[0][10:])[:12]


@needs_shared
@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_flow_page_is_seeded_and_every_key_is_whole_on_its_one_printed_page(tmp_path):
    for name in ("a", "b"):
        generate(tmp_path / name, pages=1, seed=7, split="dev", layout="flow")
    for stem in ("p0001.html", "p0001.json", "manifest.json"):
        assert (tmp_path / "a" / stem).read_bytes() == (tmp_path / "b" / stem).read_bytes(), stem
    key = json.loads((tmp_path / "a" / "p0001.json").read_text(encoding="utf-8"))
    html = (tmp_path / "a" / "p0001.html").read_text(encoding="utf-8")
    assert "white-space: nowrap" not in html and "text-align: justify" in html
    assert len(key["articles"]) >= 3 and any(f.startswith("flow:") for f in key["layout"])
    pdf = tmp_path / "a" / "p0001.pdf"
    assert page_count(pdf) == 1
    text = han_only((tmp_path / "a" / "p0001.raw.txt").read_text(encoding="utf-8"))
    for entry in key["articles"]:
        assert entry["first"] in text and entry["last"] in text, entry
        assert entry["page"] == key["page"]  # scored as the default layout's keys are


def test_story_cut_on_a_multi_column_page_jumps_to_a_real_page():
    # Long reports are cut with 下转 on both kinds of flow page: the jump names another page of
    # the paper (2-8), never 0, on `columns` pages as on `bands` ones.
    from epaperkit.flowpage import build_flow_page

    def take():
        take.n += 1
        return sources.Piece(id=f"t:{take.n}", kind="news", title="我市生态面貌持续改善",
                             paragraphs=[p[10:] * 6 for p in PARAGRAPHS] * 2)
    take.n = 0
    jumps = {"bands": set(), "columns": set()}
    for seed in range(12):
        page = build_flow_page(3, "吕梁日报", dt.date(2025, 5, 6), take, random.Random(seed))
        jumps[page.mode] |= {int(n) for n in re.findall(r"（下转(\d+)版）", page.html())}
    assert jumps["columns"] and jumps["bands"]
    assert jumps["columns"] | jumps["bands"] <= {2, 4, 5, 6, 7, 8}, jumps


@pytest.mark.parametrize("option", ["--forms", "--typeset", "--vary-furniture", "--rebreak", "--issues=2"])
def test_flow_layout_refuses_an_option_it_would_leave_out_in_one_line(option, tmp_path):
    # Flow pages draw no content forms, typesetting, furniture or fresh paragraphs: asked for
    # one, the set would silently be made without it.
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "epaper.py"), "--layout", "flow", option,
                          "--pages", "1", "--out", str(tmp_path / "x")], capture_output=True, text=True)
    assert run.returncode != 0 and len(run.stderr.splitlines()) == 1 and option.split("=")[0] in run.stderr, run.stderr
    assert not (tmp_path / "x").exists()


@needs_shared
def test_flow_sets_manifest_names_its_folds_and_lcsts_as_a_default_sets_does(tmp_path):
    made = generate(tmp_path, pages=0, seed=7, split="dev", layout="flow", lcsts=True, folds=5, fold=2)
    on_disk = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert on_disk == made and made["layout"] == "flow"
    assert (made["lcsts"], made["folds"], made["fold"]) == (True, 5, 2)
