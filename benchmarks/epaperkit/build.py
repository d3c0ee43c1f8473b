"""Generating a set: single pages and multi-page issues, their HTML, PDF, text and keys.

Layout of --out DIR:
    DIR/p0001.html .pdf .raw.txt .plain.txt .layout.txt .json   one page, its key
    DIR/i001-p1.pdf .raw.txt … .json                            each page of issue i001 alone
    DIR/issues/i001.html .pdf .raw.txt … .json                  the whole issue, one key
    DIR/manifest.json                                           seed, split, engine, counts
The key's `source` is the file stem; the scoring harness picks the extractor's file.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

from digest.clean import map_radicals

from . import notices, sources
from .flowpage import FlowPage, flow_html, plan_flow_page
from .htmlpage import page_html
from .page import PAPERS, IssuePlan, Page, build_page
from .pdfdraw import draw_pdf
from .render import extract, page_count, page_text, render_pdf
from . import typstpage


def _pool(pieces: list[sources.Piece], rng: random.Random, mix: dict[str, float] | None = None):
    """Articles handed out in a reshuffled cycle; never the same one twice on one issue. With
    `mix` (source prefix → share, `{"corpus": 0.4}`), each article's source is drawn first by
    those shares, the sources not named sharing the rest by their sizes, then the article from
    that source's own cycle; without it, one cycle over all, as every set before it was made."""
    used: set[str] = set()
    groups: dict[str, list[sources.Piece]] = {}
    for p in pieces:
        groups.setdefault(sources.source_of(p.id) if mix else "", []).append(p)
    orders: dict[str, list[sources.Piece]] = {name: [] for name in groups}
    names, weights = list(groups), mix_weights(groups, mix) if mix else [1.0]

    def from_group(name: str):
        for _ in range(2 * len(groups[name]) + 2):
            if not orders[name]:
                orders[name] = list(groups[name])
                rng.shuffle(orders[name])
            p = orders[name].pop()
            if p.id not in used:
                used.add(p.id)
                return p
        return None

    def take():
        if not mix:
            return from_group("")
        first = rng.choices(names, weights)[0]
        # A source used up on this issue gives way to the others with a share, in their order.
        drawn = [name for name, weight in zip(names, weights) if weight > 0]
        return next((p for name in [first, *drawn] if (p := from_group(name))), None)

    def new_issue():
        used.clear()

    return take, new_issue


def parse_mix(text: str) -> dict[str, float]:
    """`corpus=0.4,seed=0.05` → {"corpus": 0.4, "seed": 0.05}; shares in [0, 1] summing to ≤ 1."""
    mix = {}
    for part in filter(None, (t.strip() for t in text.split(","))):
        name, _, share = part.partition("=")
        try:
            mix[name.strip()] = float(share)
        except ValueError:
            raise ValueError(f"--mix: {part!r} is not SOURCE=SHARE") from None
    if any(not 0 <= v <= 1 for v in mix.values()) or sum(mix.values()) > 1 + 1e-9:
        raise ValueError(f"--mix: shares must be in [0, 1] and sum to at most 1: {text!r}")
    return mix


def mix_weights(groups: dict[str, list], mix: dict[str, float]) -> list[float]:
    """Each group's share: the named ones as given, the rest of 1 split over the others by size."""
    unknown = set(mix) - set(groups)
    if unknown:
        raise ValueError(f"--mix: no articles of source {', '.join(sorted(unknown))} in this pool ({', '.join(groups)})")
    rest = max(0.0, 1 - sum(mix.values()))
    unnamed = sum(len(g) for name, g in groups.items() if name not in mix)
    return [mix[name] if name in mix else rest * len(g) / unnamed for name, g in groups.items()]


def plan_issue(rng: random.Random, take, n_pages: int, chromium: bool, forms: bool = False, typeset: bool = False,
               vary_furniture: bool = False, rebreak: bool = False, uncue: bool = False, bare_markers: bool = False) -> IssuePlan:
    paper = rng.choice(PAPERS)
    date = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(365))
    pages: list[Page] = []
    pending: dict[int, list] = {}
    first = 1 if n_pages > 1 else rng.randint(1, 8)
    for k in range(n_pages):
        number = first + k
        conts = [(src, piece) for src, piece in pending.pop(number, [])]
        page, cuts = build_page(number, paper, date, take, rng, continuations=conts,
                                last_page=first + n_pages - 1 if n_pages > 1 else None,
                                masthead=n_pages > 1 or rng.random() < 0.9, chromium=chromium, forms=forms,
                                typeset=typeset, vary_furniture=vary_furniture, rebreak=rebreak, uncue=uncue,
                                bare_markers=bare_markers)
        for target, rest, src in cuts:
            pending.setdefault(target, []).append((src, rest))
        pages.append(page)
    return IssuePlan(paper, date, pages)


def _key(stem: str, plan: IssuePlan, pages: list[Page], split: str, engine: str, seed: int) -> dict:
    with_masthead = [p for p in pages if p.masthead]
    key = {
        "source": stem,
        "paper": plan.paper if with_masthead else None,
        "date": plan.date.isoformat() if with_masthead else None,
        "split": split,
        "engine": engine,
        "seed": seed,
        "layout": [f for p in pages for f in p.features],
        "articles": [a for p in pages for a in p.articles],
    }
    if len(pages) == 1:
        key["page"] = pages[0].number if pages[0].masthead else None
    else:
        key["pages"] = [p.number for p in pages]
    return key


def _write(out: Path, stem: str, pages: list[Page], key: dict, engine: str, render: bool, page_outs=None,
           html: str | None = None) -> Path:
    if engine == "typst":  # Typst's own markup, not HTML
        html = typstpage.typst_source(pages, stem)
        (out / f"{stem}.typ").write_text(html, encoding="utf-8")
    else:
        html = html or page_html(pages, stem, engine in ("chromium", "firefox"))
        (out / f"{stem}.html").write_text(html, encoding="utf-8")
    (out / f"{stem}.json").write_text(json.dumps(key, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    pdf = out / f"{stem}.pdf"
    if render and engine == "typst":
        typstpage.draw_pdf(pages, pdf, page_outs, stem)
    elif render and engine == "reportlab":
        draw_pdf(pages, pdf, page_outs)  # drawn from the plan, not from the HTML
    elif render:
        render_pdf(html, pdf, engine, page_outs)
    if render:
        extract(pdf, out / stem)
        for single in page_outs or []:
            extract(single, single.with_suffix(""))
    return pdf


def fit_flow_page(page: FlowPage, stem: str, engine: str, proof: Path, tries: int = 10) -> None:
    """Print `page` (fake bold left out, so every glyph is drawn once) and take out the stories
    whose first or last 12 Han characters are not in its first page's text, until every keyed
    story is printed whole on one page: the engine, not the generator, decides what fits."""
    for _ in range(tries):
        page.proof = True
        render_pdf(flow_html([page], stem), proof, engine)
        # Radicals mapped back (Firefox's text layer names 大 ⼤), as the text path reads them.
        text = sources.han_only(map_radicals(page_text(proof, 1)))
        missing = [s for s in page.stories if any(k["first"] not in text or k["last"] not in text for k in s.keys)]
        if not missing and page_count(proof) == 1:
            page.proof = False
            return
        # All printed but a second page (its text is no story's): the last story goes.
        page.stories = [s for s in page.stories if s not in missing] if missing else page.stories[:-1]
    raise RuntimeError(f"{stem}: no stable fit after {tries} printings")


def _generate_flow(out: Path, pages: int, seed: int, split: str, engine: str, pieces, mix=None) -> None:
    """`--layout flow`: single pages laid out by the engine (flowpage.py), printed until they fit."""
    rng = random.Random(f"{seed}:{split}:{engine}:flow")
    take, new_issue = _pool(pieces, rng, mix)
    for k in range(pages):
        new_issue()
        paper, date, page = plan_flow_page(rng, take, engine == "chromium")
        stem = f"p{k + 1:04d}"
        fit_flow_page(page, stem, engine, out / f"{stem}.proof.pdf")
        (out / f"{stem}.proof.pdf").unlink()
        key = _key(stem, IssuePlan(paper, date, [page]), [page], split, engine, seed)
        _write(out, stem, [page], key, engine, True, html=flow_html([page], stem))


def generate(out: Path, pages: int, seed: int, split: str, engine: str = "weasyprint", issues: int = 0,
             render: bool = True, issue_pages: tuple[int, int] = (4, 6), forms: bool = False, lcsts: bool = False,
             typeset: bool = False, vary_furniture: bool = False, mix: dict[str, float] | None = None, layout: str = "absolute",
             rebreak: bool = False, folds: int = 0, fold: int | None = None, exclude_fold: int | None = None,
             uncued: bool = False, bare_markers: bool = False) -> dict:
    """`pages` single pages and `issues` multi-page issues of the `split`, seeded by `seed`;
    `forms`: some articles printed in a content form (variants.printed_in_form); `lcsts`: the
    LCSTS short news in the pool too; `typeset`: each page's typesetting drawn too
    (page.typesetting); `vary_furniture`: some articles reprinted with datelines, bylines, kickers,
    subtitles, headlines, sign-offs and openings from furniture.py's catalogue; `mix`: the share
    of the page's articles drawn from each source (`_pool`); `rebreak`: some articles' paragraphs
    broken afresh (variants.rebroken); `folds` with `fold` K: only the articles of fold K
    (sources.fold_of), with `exclude_fold` K: every article but fold K's (cross-validation by
    article); `uncued`: some articles' text cues taken away (variants.uncued); `bare_markers`: half the
    `（下转N版）` / `（上接N版）` markers printed without 上/下 (`（转N版）`, `（接第N版）`). Without any, the set is what it always was.
    `layout="flow"`: pages laid out by the engine (flowpage.py; single pages only, always
    printed, since the printing decides what is on them; `rebreak` not drawn there)."""
    pieces = sources.load_split(split, seed if lcsts else None) + notices.make(split)
    if folds:
        wanted = (lambda k: k == fold) if fold is not None else (lambda k: k != exclude_fold)
        pieces = [p for p in pieces if wanted(sources.fold_of(p.id, folds))]
    if layout == "flow":
        out.mkdir(parents=True, exist_ok=True)
        _generate_flow(out, pages, seed, split, engine, pieces, mix)
        return _manifest(out, {"seed": seed, "split": split, "engine": engine, "pages": pages, "issues": 0,
                               "articles_available": len(pieces), "layout": "flow"}, {"lcsts": lcsts}, mix, folds, fold, exclude_fold)
    rng = random.Random(f"{seed}:{split}:{engine}")
    take, new_issue = _pool(pieces, rng, mix)
    out.mkdir(parents=True, exist_ok=True)
    chromium = engine == "chromium"
    written = []
    for k in range(pages):
        new_issue()
        plan = plan_issue(rng, take, 1, chromium, forms, typeset, vary_furniture, rebreak, uncued, bare_markers)
        if engine == "typst":
            typstpage.fit(plan.pages)
        stem = f"p{k + 1:04d}"
        key = _key(stem, plan, plan.pages, split, engine, seed)
        _write(out, stem, plan.pages, key, engine, render)
        written.append(stem)
    if issues:
        (out / "issues").mkdir(exist_ok=True)
    for k in range(issues):
        new_issue()
        plan = plan_issue(rng, take, rng.randint(*issue_pages), chromium, forms, typeset, vary_furniture, rebreak, uncued, bare_markers)
        if engine == "typst":
            typstpage.fit(plan.pages)
        stem = f"i{k + 1:03d}"
        key = _key(stem, plan, plan.pages, split, engine, seed)
        page_pdfs = [out / f"{stem}-p{page.number}.pdf" for page in plan.pages]
        _write(out / "issues", stem, plan.pages, key, engine, render, page_pdfs)
        # The same issue one PDF per page, each with its own key (for per-page scoring).
        for page in plan.pages:
            pstem = f"{stem}-p{page.number}"
            pkey = _key(pstem, plan, [page], split, engine, seed)
            (out / f"{pstem}.json").write_text(json.dumps(pkey, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written.append(stem)
    return _manifest(out, {"seed": seed, "split": split, "engine": engine, "pages": pages, "issues": issues,
                           "articles_available": len(pieces)},
                     {"forms": forms, "lcsts": lcsts, "typeset": typeset, "vary_furniture": vary_furniture, "rebreak": rebreak,
                      **({"uncued": True} if uncued else {}), **({"bare_markers": True} if bare_markers else {})},
                     mix, folds, fold, exclude_fold)


def _manifest(out: Path, manifest: dict, options: dict[str, bool], mix, folds: int, fold, exclude_fold) -> dict:
    """The set's manifest.json, written: `manifest` and what else made the set (the options on,
    the mix, the folds), whichever layout made it."""
    manifest.update({name: True for name, on in options.items() if on})
    if mix:
        manifest["mix"] = mix
    if folds:
        manifest.update({"folds": folds, **({"fold": fold} if fold is not None else {"exclude_fold": exclude_fold})})
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest
