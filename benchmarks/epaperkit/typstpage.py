"""A planned page typeset by Typst (`epaper.py --engine typst`): a fifth engine, a typesetter.

The other engines draw the lines page.py/article.py broke; here Typst breaks them. Every block
of the plan stands where the plan puts it (`place`), but its text is handed to Typst whole:
an article's body is one box over the plan's sub-columns (`columns(n)`), its paragraphs
flowing from column to column, broken and justified by Typst's own CJK line breaking
(kinsoku, punctuation compression, its own justification), in Noto CJK subset and embedded
by Typst's own PDF writer. Headlines keep the editor's breaks of the plan; kickers,
subtitles, bylines, captions, briefs and notices are broken by Typst to their block's width
(a headline, masthead run or label line Typst finds wider than its block is set tighter).
Vertical headlines are a one-character-wide box (Typst has no vertical writing mode). Fake
bold is the text drawn twice 0.25 pt apart (htmlpage.FAKE_BOLD_DX): `glyph`, every character
a box followed by its copy placed over it, and `run`, the block (or the lead paragraph) drawn
a second time. Letter-spaced bodies are set with `tracking`. The content stream follows the
plan's scrambled block order, an article's body where its first body block stands.

Typst fits the text in fewer lines than the plan as a rule (it compresses punctuation at a
line's end and gives Latin its real width); a body that would run past its box's foot
(found by `typst.query` of a marker after its last character) is set again with its letters
a little closer, as copy is fitted, and else taken out with its whole article (`fit`), so the
key lists only stories printed whole inside their box. The key is the
plan's. Same seed → byte-identical .typ source, key and PDF (the creation date is fixed).
Typst comes with the test extra (`pip install -e '.[test]'`, the PyPI binding `typst`).
"""

from __future__ import annotations

import json
from pathlib import Path

from .article import Block
from .htmlpage import FAKE_BOLD_DX
from .page import PAGE_H, PAGE_W, Page
from .render import EPOCH

FONTS = {"serif": '("Noto Serif CJK SC", "Noto Sans CJK SC")', "sans": '("Noto Sans CJK SC",)'}
FONT_DIRS = ("/usr/share/fonts/opentype/noto",)  # fonts-noto-cjk; Typst also searches the system's
BODY_ROLES = ("body", "lead", "caption")
OVERFLOW_SLACK = 1.0  # pt a body's last line may reach past its box before it is set again
TIGHTEN, FIT_ROUNDS = 0.02, 3  # em taken off the letter-spacing of a body that overran its box, times at most

PREAMBLE = f"""#set document(title: TITLE, author: "digest epaper generator")
#set page(width: {PAGE_W}pt, height: {PAGE_H}pt, margin: 0pt)
#set text(lang: "zh", region: "cn", top-edge: 0.88em, bottom-edge: -0.12em, hyphenate: false, costs: (widow: 0%, orphan: 0%))
#let fbg(s) = for c in s.clusters() {{
  if c.trim() == "" {{ c }} else {{ box[#box(width: 0pt, move(dx: {FAKE_BOLD_DX}pt, c))#c] }}
}}
#let hd(t) = align(center, par(first-line-indent: 0pt, strong(t)))
#let rt(t) = align(right, par(first-line-indent: 0pt, t))
#let fbr(t) = block(breakable: false, width: 100%)[#t#place(top + left, dx: {FAKE_BOLD_DX}pt)[#t]]
#let hl(w, t) = context {{
  let m = measure(t).width
  if m <= w {{ t }} else {{ box(text(tracking: (w - m) / t.clusters().len() - 0.05pt, t)) }}
}}
#let end(art) = context [#metadata((art: art, page: here().page(), y: here().position().y.pt()))<body-end>]
"""


def q(text: str) -> str:
    """`text` as a Typst string literal (no markup read in it)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _setting(b: Block, indent: bool = False) -> str:
    """The `set` rules of a block's text: face, size, weight, tracking, leading, justification."""
    gap = b.lh - b.size
    text = [f"font: {FONTS[b.font]}", f"size: {b.size}pt"]
    if b.bold:
        text.append('weight: "bold"')
    if b.spacing:
        text.append(f"tracking: {b.spacing}em")
    par = [f"leading: {gap:.2f}pt", f"spacing: {gap:.2f}pt", f"justify: {'true' if b.justify else 'false'}",
           f"first-line-indent: (amount: {'2em' if indent else '0pt'}, all: true)"]
    return (f"#set text({', '.join(text)})\n#set par({', '.join(par)})\n#set block(spacing: {gap:.2f}pt)\n"
            + (f"#set align({b.align})\n" if b.align != "left" else ""))


def _place(x: float, y: float, body: str) -> str:
    return f"#place(top + left, dx: {x:.2f}pt, dy: {y:.2f}pt, {body})\n"


def _inline(text: str, grain: str) -> str:
    return f"#fbg({q(text)})" if grain == "glyph" else f"#{q(text)}"


def _text_block(b: Block, dx: float = 0.0) -> str:
    """A kicker, headline, subtitle, byline, masthead run or label: its text broken by Typst to
    the block's width (a headline keeps the editor's breaks of the plan)."""
    top = b.y + (b.lh - b.size) / 2
    if b.vertical:  # one character per line: a box one character wide, centred
        body = f"block(width: {b.w:.2f}pt)[\n{_setting(b)}#set align(center)\n#{q(''.join(ln.text for ln in b.lines))}\n]"
        return _place(b.x, top, body)
    if b.role in ("title", "masthead", "label"):  # the plan's lines, each set tighter if Typst finds it too wide
        text = "#linebreak()".join(f"#hl({b.w:.2f}pt, {q(ln.text)})" if b.fake_bold != "glyph" else _inline(ln.text, "glyph")
                                   for ln in b.lines if ln.text)
    else:
        text = ("" if b.role != "byline" else " ").join(_inline(ln.text, b.fake_bold) for ln in b.lines if ln.text)
    out = _place(b.x + dx, top, f"block(width: {b.w:.2f}pt)[\n{_setting(b)}{text}\n]")
    if b.fake_bold == "run" and not dx:
        out += _text_block(b, FAKE_BOLD_DX)
    return out


def _paragraphs(blocks: list[Block]) -> list[tuple[str, str, str]]:
    """The body's paragraphs (text, style, fake-bold grain) rejoined from the plan's lines:
    "" a paragraph, "head" a section head, "right" a credit, sign-off, signature or 下转 line."""
    out: list[list[str]] = []
    for b in blocks:
        for ln in b.lines:
            style = "right" if not ln.body else ("head" if ln.style == "head" else "")
            grain = b.fake_bold if b.role in ("lead", "caption") else ""
            if out and ln.body and ln.para == out[-1][3] and not ln.indent:
                out[-1][0] += ln.text
            else:
                out.append([ln.text, style, grain, ln.para if ln.body else None])
    return [(t, s, g) for t, s, g, _ in out]


def _body(art: int, blocks: list[Block], dx: float = 0.0, marker: bool = True) -> str:
    """An article's body blocks as one box over their sub-columns, the text flowing through them."""
    blocks = sorted(blocks, key=lambda b: (b.x, b.y))
    first = blocks[0]
    xs = sorted({round(b.x, 2) for b in blocks})
    x0, y0 = first.x, min(b.y for b in blocks)
    bottom = max(b.y + b.height for b in blocks)
    height = bottom - y0 - (first.lh - first.size) + 0.5
    width = max(b.x + b.w for b in blocks) - x0
    items = []
    for text, style, grain in _paragraphs(blocks):
        if style == "head":
            items.append(f"#hd({q(text)})")
        elif style == "right":
            items.append(f"#rt({q(text)})")
        elif grain == "run":
            items.append(f"#fbr[{_inline(text, '')}]")
        else:
            items.append(_inline(text, grain))
    if marker:
        items[-1] += f"#end({art})"
    flow = "\n\n".join(items)
    if len(xs) > 1:
        flow = f"#columns({len(xs)}, gutter: {xs[1] - xs[0] - first.w:.2f}pt)[\n{flow}\n]"
    indent = first.role != "caption"
    out = _place(x0 + dx, y0 + (first.lh - first.size) / 2,
                 f"block(width: {width:.2f}pt, height: {height:.2f}pt)[\n{_setting(first, indent)}{flow}\n]")
    if first.role == "caption" and first.fake_bold == "run" and not dx:
        out += _body(art, blocks, FAKE_BOLD_DX, marker=False)
    return out


def _shape(b: Block) -> str:
    if b.role == "photo":
        return _place(b.x, b.y, f"rect(width: {b.w:.2f}pt, height: {b.h:.2f}pt, fill: luma(184), stroke: 0.5pt + luma(136))")
    if b.role == "frame":
        return _place(b.x, b.y, f"rect(width: {b.w:.2f}pt, height: {b.h:.2f}pt, stroke: 0.6pt + luma(68))")
    return _place(b.x, b.y, f"line(end: ({b.w:.2f}pt, {b.h:.2f}pt), stroke: 0.6pt + luma(68))")


def page_source(page: Page) -> str:
    """One page's Typst markup, its elements in the plan's (scrambled) block order."""
    bodies: dict[int, list[Block]] = {}
    for b in page.blocks:
        if b.role in BODY_ROLES and b.art is not None:
            bodies.setdefault(b.art, []).append(b)
    out, done = [], set()
    for b in page.blocks:
        if b.role in BODY_ROLES and b.art is not None:
            if b.art not in done:
                done.add(b.art)
                out.append(_body(b.art, bodies[b.art]))
        elif b.role in ("photo", "frame", "rule"):
            out.append(_shape(b))
        elif b.lines:
            out.append(_text_block(b))
    return "".join(out)


def typst_source(pages: list[Page], title: str) -> str:
    return (PREAMBLE.replace("TITLE", q(title)) + "\n"
            + "#pagebreak()\n".join(page_source(p) for p in pages))


def _font_paths() -> list[str]:
    return [d for d in FONT_DIRS if Path(d).is_dir()]


def overflowing(pages: list[Page]) -> list[set[int]]:
    """Per page, the articles whose body Typst runs past the foot of its box (or off its page)."""
    import typst

    found = json.loads(typst.query(typst_source(pages, "fit").encode("utf-8"), "<body-end>", field="value",
                                   font_paths=_font_paths()))
    out: list[set[int]] = [set() for _ in pages]
    for k, page in enumerate(pages):
        feet = {}
        for b in page.blocks:
            if b.role in BODY_ROLES and b.art is not None:
                feet[b.art] = max(feet.get(b.art, 0.0), b.y + b.height)
        for end in (e for e in found if e["page"] == k + 1):
            # the marker stands at the foot of its line's glyph box, half the leading above the
            # line box's foot: on the plan's last line it is (lh - size) / 2 above the body's foot
            b = next(b for b in page.blocks if b.art == end["art"] and b.role in BODY_ROLES)
            if end["y"] > feet[end["art"]] - (b.lh - b.size) / 2 + OVERFLOW_SLACK:
                out[k].add(end["art"])
        ended = {e["art"] for e in found if e["page"] == k + 1}
        out[k] |= set(feet) - ended  # a marker that went to another page: the body ran off this one
    return out


def fit(pages: list[Page]) -> None:
    """Make every body fit the box the plan gave it, as a typesetter fits copy: a body Typst
    runs past its box's foot is set again with its letters TIGHTEN em closer (at most
    FIT_ROUNDS times), then taken out of its page (blocks and key) with its whole article. The
    page then prints every keyed article whole, where the plan put it. Bodies are set in boxes
    placed absolutely, each on its own: tightening or taking out one moves no other."""
    keyed = [dict(enumerate(page.articles)) for page in pages]  # article number → key entry
    for round_ in range(FIT_ROUNDS + 1):
        over = overflowing(pages)
        if not any(over):
            break
        for page, arts, keys in zip(pages, over, keyed):
            for art in arts:
                if round_ < FIT_ROUNDS:
                    for b in page.blocks:
                        if b.art == art and b.role in BODY_ROLES:
                            b.spacing = round(b.spacing - TIGHTEN, 3)
                    if "typst_tightened" not in keys[art]["layout"]:
                        keys[art]["layout"].append("typst_tightened")
                else:
                    page.blocks = [b for b in page.blocks if b.art != art]
                    del keys[art]
                    page.features.append("typst_overflow_out")
    for page, keys in zip(pages, keyed):
        page.articles = list(keys.values())


def draw_pdf(pages: list[Page], out: Path, page_outs: list[Path] | None = None, title: str = "") -> str:
    """`pages` typeset to `out` (creation date fixed: a seed gives the same bytes); with
    `page_outs`, each page also to a PDF of its own, typeset from its own source (pages are set
    independently: the same lines; poppler's pdfseparate would write a random document id).
    Returns the whole source."""
    import typst

    source = typst_source(pages, title)
    for target, text in [(out, source)] + [(single, typst_source([page], title)) for single, page in zip(page_outs or [], pages)]:
        typst.compile(text.encode("utf-8"), output=str(target), font_paths=_font_paths(), timestamp=int(EPOCH))
    return source
