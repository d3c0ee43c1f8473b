"""A planned page as HTML/CSS: every block absolutely positioned, in the scrambled DOM order.

Fake bold is text drawn twice `FAKE_BOLD_DX` pt apart, as e-paper typesetting draws bold for
fonts that have none, in two grains: `glyph` (every character followed by its copy, a span
absolutely positioned over it: pdfminer then reads `55月月11日日`, pdftotext -raw one or two
characters a line, plain pdftotext drops the overlapping copy) and `run` (the whole block
drawn twice: every extractor prints the text twice). Vertical headlines are a one-character-wide box (what WeasyPrint
can do; extractors see one character per line either way) or, for Chromium and Firefox
(`vertical_rl`), `writing-mode: vertical-rl`.
"""

from __future__ import annotations

from html import escape

from .article import Block
from .page import PAGE_H, PAGE_W, Page

FAKE_BOLD_DX = 0.25
FONTS = {"serif": "'Noto Serif CJK SC', 'Noto Sans CJK SC', serif", "sans": "'Noto Sans CJK SC', sans-serif"}

CSS = f"""
@page {{ size: {PAGE_W}pt {PAGE_H}pt; margin: 0 }}
html, body {{ margin: 0; padding: 0 }}
.pg {{ position: relative; width: {PAGE_W}pt; height: {PAGE_H}pt; overflow: hidden; page-break-after: always; break-after: page }}
.pg:last-child {{ page-break-after: auto; break-after: auto }}
.b {{ position: absolute; white-space: nowrap; margin: 0 }}
.b p {{ margin: 0; padding: 0; white-space: nowrap; overflow: visible }}
.b p.i {{ padding-left: 2em }}
.b p.r {{ text-align: right }}
.b p.h {{ font-weight: bold; text-align: center }}
.b.j p {{ text-align: justify; text-align-last: justify }}
.b.j p.e {{ text-align-last: left }}
.g {{ position: relative }}
.g2 {{ position: absolute; left: {FAKE_BOLD_DX}pt; top: 0 }}
.ph {{ position: absolute; background: #b8b8b8; border: 0.5pt solid #888 }}
.rule {{ position: absolute; border-top: 0.6pt solid #444 }}
"""
# Only on pages that draw them (`--typeset`), so that pages made without stay byte-identical.
SHAPE_CSS = """.vrule { position: absolute; border-left: 0.6pt solid #444 }
.frame { position: absolute; border: 0.6pt solid #444; box-sizing: border-box }
"""


def _style(b: Block, dx: float = 0.0) -> str:
    parts = [f"left:{b.x + dx:.2f}pt", f"top:{b.y:.2f}pt", f"width:{b.w:.2f}pt", f"font-size:{b.size}pt",
             f"line-height:{b.lh}pt", f"font-family:{FONTS[b.font]}"]
    if b.bold:
        parts.append("font-weight:bold")
    if b.spacing:
        parts.append(f"letter-spacing:{b.spacing}em")
    if b.align != "left":
        parts.append(f"text-align:{b.align}")
    return ";".join(parts)


def _glyphs(text: str) -> str:
    return "".join(f'<span class="g">{escape(c)}<span class="g2">{escape(c)}</span></span>' if not c.isspace() else c
                   for c in text)


def _lines(b: Block) -> str:
    out = []
    text_of = _glyphs if b.fake_bold == "glyph" else escape
    for k, ln in enumerate(b.lines):
        cls = []
        if ln.indent:
            cls.append("i")
        if ln.style == "right":
            cls.append("r")
        if ln.style == "head":
            cls.append("h")
        nxt = b.lines[k + 1] if k + 1 < len(b.lines) else None
        if nxt is None or nxt.indent or nxt.para != ln.para or not ln.body:
            cls.append("e")  # a paragraph's last line is not stretched
        attr = f' class="{" ".join(cls)}"' if cls else ""
        out.append(f"<p{attr} style=\"height:{b.lh}pt\">{text_of(ln.text)}</p>")
    return "".join(out)


def block_html(b: Block, vertical_rl: bool = False) -> str:
    if b.role == "rule":
        cls = "vrule" if b.h else "rule"
        return f'<div class="{cls}" style="left:{b.x:.2f}pt;top:{b.y:.2f}pt;width:{b.w:.2f}pt;height:{b.h:.2f}pt"></div>'
    if b.role == "frame":
        return f'<div class="frame" style="left:{b.x:.2f}pt;top:{b.y:.2f}pt;width:{b.w:.2f}pt;height:{b.h:.2f}pt"></div>'
    if b.role == "photo":
        return f'<div class="ph" data-art="{b.art}" style="left:{b.x:.2f}pt;top:{b.y:.2f}pt;width:{b.w:.2f}pt;height:{b.h:.2f}pt"></div>'
    data = f' data-role="{b.role}"' + (f' data-art="{b.art}"' if b.art is not None else "")
    cls = "b j" if b.justify else "b"
    if b.vertical and vertical_rl:
        text = escape("".join(ln.text for ln in b.lines))
        return (f'<div class="{cls}"{data} style="{_style(b)};writing-mode:vertical-rl;height:{b.height:.2f}pt;'
                f'line-height:{b.size * 1.3}pt">{text}</div>')
    one = f'<div class="{cls}"{data} style="{_style(b)}">{_lines(b)}</div>'
    if b.fake_bold == "run":
        two = f'<div class="{cls}"{data} style="{_style(b, FAKE_BOLD_DX)}">{_lines(b)}</div>'
        return one + two
    return one


def page_html(pages: list[Page], title: str, vertical_rl: bool = False) -> str:
    body = []
    for page in pages:
        body.append('<div class="pg">' + "\n".join(block_html(b, vertical_rl) for b in page.blocks) + "</div>")
    shapes = any(b.role in ("rule", "frame") for page in pages for b in page.blocks)
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{CSS}{SHAPE_CSS if shapes else ''}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")
