"""A planned page drawn straight to PDF with ReportLab: a third engine, and not a browser.

The two HTML engines embed subsets of Noto CJK and lay text out themselves; many producers
of Chinese PDFs do neither. Here every line is drawn where the plan puts it, in the
non-embedded CID font STSong-Light (Adobe-GB1 with the UniGB-UCS2-H encoding: the reader's
viewer substitutes a Song face), so the text has no font of its own to read widths or
names from. Bold is drawn as typesetting systems often draw it, filled and stroked (text
render mode 2), not in a bold face; fake bold (`glyph`, `run`) is the copy 0.25 pt right, as
in htmlpage.py; justified lines are stretched with character spacing; a vertical headline
is a character per line. The content stream follows the plan's scrambled block order.
ReportLab comes with the test extra (`pip install -e '.[test]'`): the suite draws a page.
"""

from __future__ import annotations

from pathlib import Path

from .article import Block
from .htmlpage import FAKE_BOLD_DX
from .page import PAGE_H, PAGE_W, Page

FONT = "STSong-Light"
BOLD_STROKE = 0.035  # of the font size: the stroke that makes filled text bold
PHOTO_GREY = 0.72


def _canvas(out: Path):
    from reportlab.lib.pagesizes import portrait
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    # invariant: no creation date or random document id, so a seed gives the same bytes
    return canvas.Canvas(str(out), pagesize=portrait((PAGE_W, PAGE_H)), invariant=1, pageCompression=1)


def _text_width(text: str, size: float, spacing: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, FONT, size) + spacing * size * len(text)


def _draw_block(c, b: Block, dx: float = 0.0) -> None:
    if b.role == "photo":
        c.setFillGray(PHOTO_GREY)
        c.setStrokeGray(0.5)
        c.rect(b.x, PAGE_H - b.y - b.h, b.w, b.h, stroke=1, fill=1)
        c.setFillGray(0)
        return
    if b.role in ("rule", "frame"):
        c.setStrokeGray(0.27)
        c.setLineWidth(0.6)
        if b.role == "frame":
            c.rect(b.x, PAGE_H - b.y - b.h, b.w, b.h, stroke=1, fill=0)
        else:
            c.line(b.x, PAGE_H - b.y, b.x + b.w, PAGE_H - b.y - b.h)
        return
    bold = b.bold or any(ln.style == "head" for ln in b.lines)
    for k, ln in enumerate(b.lines):
        if not ln.text.strip():
            continue
        size, spacing = b.size, b.spacing
        nxt = b.lines[k + 1] if k + 1 < len(b.lines) else None
        last_of_paragraph = nxt is None or nxt.indent or nxt.para != ln.para or not ln.body
        left = b.x + dx + (2 * size if ln.indent else 0.0)
        room = b.w - (2 * size if ln.indent else 0.0)
        natural = _text_width(ln.text, size, spacing)
        if b.justify and not last_of_paragraph and len(ln.text) > 1 and natural < room:
            spacing += (room - natural) / size / (len(ln.text) - 1)
            natural = room
        align = "center" if ln.style == "head" else "right" if ln.style == "right" else b.align
        if align == "center":
            left += (room - natural) / 2
        elif align == "right":
            left += room - natural
        # The baseline sits where a browser puts it: the line box's half-leading, then the ascent.
        baseline = PAGE_H - (b.y + k * b.lh + (b.lh - size) / 2 + 0.88 * size)
        text = c.beginText(left, baseline)
        text.setFont(FONT, size)
        text.setCharSpace(spacing * size)
        stroked = bold or ln.style == "head"
        if stroked:
            # The render mode and line width are graphics state and would outlive the text
            # object: a stroked line is drawn inside its own q/Q so the lines after it are filled.
            c.saveState()
            text.setTextRenderMode(2)
            c.setLineWidth(BOLD_STROKE * size)
        if b.fake_bold == "glyph":
            # every character, then its copy over it: the content stream holds each twice in a row
            x = left
            for ch in ln.text:
                for offset in (0.0, FAKE_BOLD_DX):
                    text.setTextOrigin(x + offset, baseline)
                    text.textOut(ch)
                x += _text_width(ch, size, spacing)
        else:
            text.textOut(ln.text)
        c.drawText(text)
        if stroked:
            c.restoreState()


def draw_pdf(pages: list[Page], out: Path, page_outs: list[Path] | None = None) -> None:
    """`pages` drawn to `out`; with `page_outs`, each page also to a PDF of its own."""
    targets = [(out, pages)] + [(single, [page]) for single, page in zip(page_outs or [], pages)]
    for target, drawn in targets:
        c = _canvas(target)
        for page in drawn:
            for b in page.blocks:
                _draw_block(c, b)
                if b.fake_bold == "run":
                    _draw_block(c, b, FAKE_BOLD_DX)
            c.showPage()
        c.save()
