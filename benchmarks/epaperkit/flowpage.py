"""Flow-layout pages (`epaper.py --layout flow`): a second, independent way of making pages.

page.py/htmlpage.py break every line themselves and place every line absolutely; here a page
is ordinary HTML as a web-to-print designer writes it and the browser does the layout: the
stories are <article>s in rows of a flexbox page (`bands`: a row holds stories side by side,
each as wide as the 1-3 of the page's 4-6 columns it spans, its body set in as many CSS
columns; WeasyPrint 70 cannot fragment or densely pack a CSS grid) or one multi-column flow (`columns`, `column-fill: auto`,
the lead story's headline `column-span: all`); paragraphs indented 2em, wrapped and justified
by the engine (`text-align: justify; line-break: strict`); <h1>/<h2>/<h3> headlines of varied
size, face and weight; kicker, subtitle, byline and dateline elements; <figure> photo boxes
with a <figcaption> and its credit; boxed notices; a bordered box of briefs; a masthead row;
CSS rules between stories (`border-top`, `column-rule`); 下转/上接 lines. DOM order is the
reading order but for a sidebar (a box of briefs) absolutely positioned in the right-hand
column beside the stories: first in the DOM on `bands` pages, last on `columns` pages.

Fake bold: `text-shadow: 0.25pt 0 0` or `-webkit-text-stroke: 0.3pt`. Chromium writes a second
copy of the glyphs for either (the shadow's before the text, 0.25 pt right; the stroke's after
it, over it); WeasyPrint 70 writes neither (the text is drawn once, plain).

The engine decides what fits, so the page is printed to find out (build.fit_flow_page): a
story is kept only if its first and last 12 Han characters are in the text of the PDF's page
(`pdftotext -raw`, which drops what lies off the page); the others are taken out and the page
printed again until every keyed story is printed whole, on one page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from dataclasses import dataclass, field
from html import escape

from .article import _credit, _names_line, body_han, key_entry
from .page import PAGE_H, PAGE_W, PAPERS, SECTIONS, _choose_span, _two_sentences, masthead_text
from .sources import Piece
from .variants import printed_as

MARGIN = 30.0
SANS = "'Noto Sans CJK SC', sans-serif"
SERIF = "'Noto Serif CJK SC', serif"
FAKE_BOLD = ("text-shadow: 0.25pt 0 0 #000", "-webkit-text-stroke: 0.3pt #000")


@dataclass
class Story:
    """One keyed article (or box of briefs) as HTML, its key entries and the room it wants (pt²)."""

    html: str
    keys: list[dict]
    area: float
    sidebar: bool = False
    span: int = 1
    band: int = 0  # the row of a `bands` page it stands in


@dataclass
class FlowPage:
    """A planned flow page; `stories` are in DOM order. Quacks like page.Page for build._key."""

    number: int
    masthead: str | None
    masthead_html: str
    mode: str
    columns: int
    css: str
    stories: list[Story]
    features: list[str] = field(default_factory=list)
    proof: bool = False  # fake bold left out: the text checked is drawn once

    @property
    def articles(self) -> list[dict]:
        return [k for s in self.stories for k in s.keys]

    def html(self) -> str:
        side = "".join(s.html for s in self.stories if s.sidebar)
        flow = [s for s in self.stories if not s.sidebar]
        if self.mode == "bands":  # the sidebar first in the DOM, out of reading order
            rows = []
            for band in sorted({s.band for s in flow}):
                rows.append('<div class="band">' + "".join(s.html for s in flow if s.band == band) + "</div>")
            sheet = side + '<div class="sheet bands">' + "\n".join(rows) + "</div>"
        else:
            sheet = '<div class="sheet cols">' + "\n".join(s.html for s in flow) + "</div>" + side
        return f'<div class="pg{" side" if side else ""}">{self.masthead_html}{sheet}</div>'


def page_css(columns: int, gap: float, body: tuple[float, float, str], head_font: str, rules: bool, fake_bold: str) -> str:
    size, lh, face = body
    colw = (PAGE_W - 2 * MARGIN - (columns - 1) * gap) / columns
    rule = "border-top: 0.6pt solid #333; padding-top: 6pt;" if rules else ""
    return f"""
@page {{ size: {PAGE_W}pt {PAGE_H}pt; margin: {MARGIN}pt }}
html, body {{ margin: 0; padding: 0 }}
.pg {{ position: relative; font: {size}pt/{lh}pt {face} }}
.mast {{ display: flex; justify-content: space-between; align-items: baseline; font: 10pt/14pt {SANS};
        border-bottom: 1.2pt solid #222; padding-bottom: 3pt; margin-bottom: 9pt }}
.logo {{ font: bold 44pt/52pt {SERIF}; margin: 0 }}
.band {{ display: flex; align-items: flex-start; gap: {gap}pt; margin-bottom: 10pt }}
.band article {{ flex: 1 1 0; margin: 0 }}
.band + .band {{ {rule} }}
.band article.s2 {{ flex-grow: 2 }} .band article.s3 {{ flex-grow: 3 }}
.sheet.cols {{ column-count: {columns}; column-gap: {gap}pt; column-fill: auto;
              {"column-rule: 0.5pt solid #555;" if rules else ""} }}
.side .sheet {{ width: {PAGE_W - 2 * MARGIN - colw - gap:.2f}pt }} .side .sheet.cols {{ column-count: {columns - 1} }}
.sidebar {{ position: absolute; right: 0; width: {colw:.2f}pt; box-sizing: border-box }}
article {{ margin: 0 0 12pt }}
.sheet.cols article + article {{ {rule} }}
.body {{ column-gap: {gap}pt }}
.body p {{ margin: 0; text-indent: 2em; text-align: justify; line-break: strict }}
.body p.sec {{ text-indent: 0; font-weight: bold; margin-top: 2pt }}
.body p.r, p.r {{ text-indent: 0; text-align: right }}
h1, h2, h3 {{ margin: 0 0 3pt; font-family: {head_font}; line-height: 1.25 }}
h3 {{ font-size: {size + 1.5:.1f}pt }}
.span {{ column-span: all; margin-bottom: 8pt }}
.kicker, .sub {{ margin: 0 0 2pt; font: {size + 1.5:.1f}pt/1.4 {SANS} }}
.by {{ margin: 0 0 3pt; font: 10pt/15pt {SANS} }}
figure {{ margin: 0 }}
.ph {{ background: #b8b8b8; border: 0.5pt solid #888 }}
figcaption {{ font-size: {size - 0.5:.1f}pt; line-height: {lh - 1:.1f}pt; text-align: justify; line-break: strict; margin-top: 3pt }}
.credit {{ display: block; text-align: right }}
.box {{ border: 0.8pt solid #333; padding: 5pt 6pt }}
.box h3 {{ text-align: center }}
.label {{ font: bold 14pt/20pt {SANS}; border-bottom: 0.6pt solid #333; margin: 0 0 4pt }}
.brief {{ margin: 0 0 5pt }}
.brief h4 {{ margin: 0; font: bold {size + 1:.1f}pt/1.4 {SANS} }}
{"" if not fake_bold else f".fb {{ {fake_bold} }}"}
"""


def _headline(title: str, span: int, rng) -> tuple[str, str]:
    """An <h1>/<h2> of a size, face and weight drawn for its width."""
    size = {1: rng.choice([13, 14, 15, 16]), 2: rng.choice([16, 18, 20, 22]), 3: rng.choice([22, 24, 26, 28])}[span]
    tag = "h1" if size >= 18 else "h2"
    weight = rng.choice(["bold", "bold", "bold", "normal"])
    face = rng.choice(["", "", f"font-family:{SERIF};"])
    align = rng.choice(["", "", "text-align:center;"])
    return tag, f'<{tag} style="font-size:{size}pt;font-weight:{weight};{face}{align}">{escape(title)}</{tag}>'


def _paragraph(text: str, cls: str = "") -> str:
    return f'<p class="{cls}">{escape(text)}</p>' if cls else f"<p>{escape(text)}</p>"


def story(piece: Piece, art: int, span: int, rng, *, cut_to: int | None = None, cut_page: int = 0,
          continued_from: int = 0, lead_span: bool = False, fake_bold: bool = False) -> Story | None:
    """`piece` as an <article> over `span` columns; `cut_to`: only its first paragraphs, then
    `（下转N版）`; `continued_from`: a later part (paragraphs from the second on) after `（上接N版）`;
    `lead_span`: its headline block across the whole flow (`column-span: all`)."""
    kind = "fragment" if continued_from else piece.kind
    paragraphs = list(piece.paragraphs)
    feats = [f"span:{span}"]
    if cut_to:
        paragraphs = paragraphs[:cut_to]
    if continued_from:
        paragraphs = paragraphs[len(paragraphs) // 2:]
    title = None if continued_from and rng.random() < 0.6 else piece.title
    heads: list[str] = []
    kicker = piece.kicker if title else None
    if kicker:
        heads.append(f'<p class="kicker">{escape(kicker)}</p>')
        feats.append("kicker")
    size = 0
    if title:
        tag, h = _headline(title, span, rng)
        heads.append(h)
        feats.append(tag)
        size = 20 if tag == "h1" else 14
    subtitle = piece.subtitle if title else None
    if subtitle:
        heads.append(f'<p class="sub">{escape(("——" if rng.random() < 0.7 else "") + subtitle)}</p>')
        feats.append("subtitle")
    if piece.byline and not piece.dateline and kind in ("feature", "commentary", "news"):
        heads.append(f'<p class="by">{escape(piece.float_byline or _names_line(piece, rng))}</p>')
        feats.append("byline")
    lead = ""
    if piece.dateline and kind not in ("photo", "fragment"):
        lead = piece.dateline + "　"
        paragraphs[piece.lead_at] = lead + paragraphs[piece.lead_at]
        feats.append("dateline")
    if continued_from:
        lead = f"（上接{continued_from}版）"
        paragraphs[0] = lead + paragraphs[0]
        feats.append("continuation")
    bold_first = fake_bold and kind != "photo" and len(paragraphs) > 1 and rng.random() < 0.4
    body_html, area = [], 0.0
    if kind == "photo":
        credit = _credit(piece, rng)
        caption = escape("".join(paragraphs))
        if credit:
            caption += f'<span class="credit">{escape(credit)}</span>' if rng.random() < 0.5 else escape("　" + credit)
            feats.append("credit")
        height = rng.choice([110, 140, 170]) * span
        area += height * 200 * span
        fb = ' class="fb"' if fake_bold and rng.random() < 0.5 else ""
        body_html.append(f'<figure><div class="ph" style="height:{height}pt"></div><figcaption{fb}>{caption}</figcaption></figure>')
        feats.append("photo")
    else:
        ps = []
        for i, text in enumerate(paragraphs):
            cls = "sec" if i in piece.heads and not continued_from else ("fb" if bold_first and i == 0 else "")
            ps.append(_paragraph(text, cls))
        if bold_first:
            feats.append("fake_bold_lead")
        if not cut_to:  # a sign-off or signature ends the whole piece, not a part cut with 下转
            ps += [_paragraph(t, "r") for t in ([piece.signoff] if piece.signoff else []) + list(piece.signature)]
        else:
            ps.append(_paragraph(f"（下转{cut_page}版）", "r"))
            feats.append("continued")
        cols = f' style="column-count:{span}"' if span > 1 else ""
        body_html.append(f'<div class="body"{cols}>{"".join(ps)}</div>')
    printed = "".join(paragraphs)
    body = body_han(printed, lead, "".join(paragraphs[:piece.lead_at]) if piece.lead_at and not continued_from else "")
    if len(body) < 24:
        return None
    key = key_entry(piece, title, subtitle, kicker, kind, body)
    key["layout"] = feats
    area += (len(printed) + 20 * len(paragraphs)) * 160.0 + (size * 1.3 * 250 * span if title else 0) + 40 * 250
    head = "".join(heads)
    if lead_span and head:
        head = f'<header class="span">{head}</header>'
        feats.append("headline_span_all")
    cls = f"s{span}" if span > 1 else ""
    box = kind == "notice"
    if box:
        cls += " box"
        feats.append("boxed")
    return Story(f'<article class="{cls.strip()}" data-art="{art}">{head}{"".join(body_html)}</article>', [key], area,
                 span=span)


def briefs_box(take, art: int, rng) -> Story | None:
    """A bordered box of two to four two-sentence items under a label (the label is no article's)."""
    items, keys = [], []
    for _ in range(rng.randint(2, 4)):
        for _ in range(6):
            piece = take()
            if piece is None:
                break
            text = _two_sentences(piece) if piece.kind in ("news", "brief") else None
            if text:
                break
        else:
            piece = None
        if piece is None:
            break
        title = piece.title if piece.title and len(piece.title) <= 16 and rng.random() < 0.6 else None
        lead = piece.dateline + "　" if piece.dateline and rng.random() < 0.5 else ""
        head = f"<h4>■ {escape(title)}</h4>" if title else ""
        items.append(f'<div class="brief">{head}<p>{escape(lead + text)}</p></div>')
        brief = dataclasses.replace(piece, byline=piece.byline if lead else None)
        key = key_entry(brief, title, None, None, "brief", body_han(lead + text, lead))
        key["layout"] = ["brief"]
        keys.append(key)
    if len(keys) < 2:
        return None
    label = rng.choice(("简讯", "要闻简报", "县区快讯", "新闻速览", "本地简讯"))
    html = f'<aside class="box briefs" data-art="{art}"><p class="label">{label}</p>{"".join(items)}</aside>'
    return Story(html, keys, sum(len(i) for i in items) * 170.0 + 40 * 200)


def masthead(paper: str, date: dt.date, number: int, rng) -> tuple[str | None, str, list[str]]:
    runs = masthead_text(paper, date, number, rng.choice(SECTIONS), rng)
    logo = number == 1 and rng.random() < 0.7
    html = (f'<p class="logo">{escape(paper)}</p>' if logo else "") + \
        '<div class="mast">' + "".join(f"<span>{escape(r)}</span>" for r in runs) + "</div>"
    return " ".join(runs), html, [f"masthead:{len(runs)}"] + (["logo"] if logo else [])


def _paragraphs_within(paragraphs: list[str], span: int, size: float, lh: float, colw: float, height: float) -> int:
    """How many of the first paragraphs a story over `span` columns sets in about `height` pt."""
    per_line = max(1, int(colw / size))
    lines = 0
    for k, text in enumerate(paragraphs):
        lines += -(-(len(text) + 2) // per_line)
        if lines * lh / span > height:
            return k
    return len(paragraphs)


def build_flow_page(number: int, paper: str, date: dt.date, take, rng, *, with_masthead: bool = True,
                    chromium: bool = False) -> FlowPage:
    """A flow page over-filled with stories from `take()` (fit_flow_page takes out what the
    engine could not print)."""
    mode = rng.choice(["bands", "columns"])
    columns = rng.choice([4, 5, 5, 6])
    gap = rng.choice([10.0, 12.0, 14.0])
    body = (rng.choice([9.0, 9.5, 10.0, 10.5]), 0.0, rng.choice([SERIF, SERIF, SANS]))
    body = (body[0], round(body[0] * rng.choice([1.45, 1.5, 1.6]), 1), body[2])
    fake_bold = rng.choice(FAKE_BOLD) if rng.random() < 0.5 else ""
    features = [f"flow:{mode}", f"columns:{columns}", f"body:{body[0]:g}/{body[1]:g}"]
    mast, mast_html, feats = masthead(paper, date, number, rng) if with_masthead else (None, "", ["no_masthead"])
    features += feats
    top = (80 if "logo" in feats else 28) if with_masthead else 0  # the masthead row (and logo) above the stories
    sheet_h = PAGE_H - 2 * MARGIN - top
    rules = rng.random() < 0.6
    if rules:
        features.append("rules")
    if fake_bold:
        features.append("fake_bold:" + fake_bold.split(":")[0])
    colw = (PAGE_W - 2 * MARGIN - (columns - 1) * gap) / columns
    css = page_css(columns, gap, body, rng.choice([SANS, SANS, SERIF]), rules, fake_bold)
    stories: list[Story] = []
    capacity = (PAGE_W - 2 * MARGIN) * sheet_h * (body[1] / 14.5) * (9.5 / body[0])
    used = 0.0
    if rng.random() < 0.5:
        side = briefs_box(take, 0, rng)
        if side:
            side.sidebar = True
            for key in side.keys:
                key["page"] = number if with_masthead else None
            side.html = side.html.replace('class="box briefs"', f'class="box briefs sidebar" style="top:{top:.0f}pt"')
            stories.append(side)
            features.append("sidebar")
            used += (PAGE_W - 2 * MARGIN) / columns * sheet_h * 0.6
    continued = rng.random() < 0.3 and number > 1
    band, band_used = 0, 0
    misses = 0
    while used < capacity * 1.15 and misses < 20:
        piece = take()
        if piece is None:
            break
        piece, variant = printed_as(piece, random.Random(f"{piece.id}:{paper}:{date}:{number}"))
        room = columns - (1 if stories and stories[0].sidebar else 0)
        span = min(_choose_span(piece, columns, rng), room - band_used if mode == "bands" else 1)
        opts: dict = {"fake_bold": bool(fake_bold)}
        long_story = piece.kind in ("news", "feature", "commentary") and len(piece.paragraphs) >= 3
        if continued and long_story:
            opts["continued_from"] = rng.randint(1, number - 1)
            continued = False
        elif long_story and (piece.length > 900 or rng.random() < 0.3):
            opts["cut_to"] = rng.randint(2, max(2, len(piece.paragraphs) - 1))
        if mode == "bands" and long_story and "continued_from" not in opts:
            # A row as tall as its tallest story: a long one is cut with 下转 to a share of the page.
            fits = _paragraphs_within(piece.paragraphs, span, body[0], body[1], colw, sheet_h * rng.uniform(0.25, 0.45))
            if fits < min(opts.get("cut_to") or len(piece.paragraphs), len(piece.paragraphs)):
                opts["cut_to"] = max(2, fits)
                rng.choice([p for p in range(2, 9) if p != number])  # replaced below; drawn so sets made before stay the same
            opts["cut_page"] = rng.choice([p for p in range(2, 9) if p != number])
        elif "cut_to" in opts:  # on a multi-column page too the jump names another page (it was 下转0版)
            opts["cut_page"] = rng.choice([p for p in range(2, 9) if p != number])
        if mode == "columns" and not any(not s.sidebar for s in stories) and rng.random() < 0.6:
            opts["lead_span"] = True
        made = story(piece, len(stories), span, rng, **opts)
        if made is None:
            misses += 1
            continue
        if variant:
            made.keys[0]["layout"].append(variant)
        for key in made.keys:  # the page each article is on, as the default layout's keys say
            key["page"] = number if with_masthead else None
        made.band = band
        band_used += span
        if band_used >= room:
            band, band_used = band + 1, 0
        stories.append(made)
        used += made.area
    return FlowPage(number, mast, mast_html, mode, columns, css, stories, features + (["engine:chromium"] if chromium else []))


def flow_html(pages: list[FlowPage], title: str) -> str:
    css = pages[0].css if not pages[0].proof else pages[0].css.split(".fb {")[0]
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{css}</style></head><body>\n" + "\n".join(p.html() for p in pages) + "\n</body></html>\n")


def plan_flow_page(rng, take, chromium: bool) -> tuple[str, dt.date, FlowPage]:
    paper = rng.choice(PAPERS)
    date = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(365))
    number = rng.randint(1, 8)
    return paper, date, build_flow_page(number, paper, date, take, rng, with_masthead=rng.random() < 0.9, chromium=chromium)

