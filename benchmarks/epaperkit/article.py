"""One article laid out in a box of the page: kicker, headline, subtitle, byline, photo,
body in one to three sub-columns, credit, signature, continuation marker.

`compose` returns the article's `Block`s (absolutely positioned, page coordinates in pt)
and what its answer key needs. It never decides DOM order: page.py shuffles blocks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .sources import Piece, han_only
from .text import Line, break_headline, width, wrap, wrap_paragraphs

BODY_SIZE = 9.5
BODY_LH = 14.5
GAP = 12.0  # between columns, and so between the sub-columns of one article


@dataclass
class Block:
    """A run of lines drawn at (x, y); `role` says what it is, `art` whose it is."""

    x: float
    y: float
    w: float
    lines: list[Line]
    size: float = BODY_SIZE
    lh: float = BODY_LH
    role: str = "body"  # masthead, kicker, title, subtitle, byline, body, caption, photo, label
    art: int | None = None
    bold: bool = False
    font: str = "serif"
    spacing: float = 0.0  # letter-spacing in em
    justify: bool = False
    fake_bold: str = ""  # drawn twice a fraction of a point apart: "glyph" or "run" (htmlpage.py)
    vertical: bool = False  # one character per line (a vertical headline)
    h: float = 0.0  # height of a drawn shape (roles photo, rule, frame)
    align: str = "left"

    @property
    def height(self) -> float:
        return self.h if self.role in SHAPES else len(self.lines) * self.lh


SHAPES = ("photo", "rule", "frame")  # drawn, not text: a grey picture box, a line (w or h 0), a story's border


@dataclass
class Laid:
    """An article on a page: its blocks, the box it took, and its key entry."""

    blocks: list[Block]
    height: float
    key: dict
    rest: list[str] | None = None  # the paragraphs not printed (cut with 下转)
    features: list[str] = field(default_factory=list)


def _names_line(piece: Piece, rng) -> str:
    names = piece.byline or ""
    return rng.choice([f"□ 本报记者 {names}", f"□ 记者 {names}", f"□ {names}", f"■ 本报记者 {names}"])


def _set_right(text: str, limit: float, spacing: float, style: str = "right") -> list[Line]:
    """A credit, sign-off or signature line set flush right (or, `style` "", a byline set flush
    left), broken over as many lines as its column needs (a signing body wider than a narrow
    letter-spaced column is printed over two lines, not over the next column's text)."""
    lines: list[str] = []
    words = text.split(" ")
    if len(words) > 1 and words[-1] in ("摄", "摄影", "供图", "报道"):
        words[-2:] = [f"{words[-2]} {words[-1]}"]  # the role stays with the last name (`刘晶晶 摄`)
    for word in words:  # broken at a space between names where one is printed
        if lines and width(f"{lines[-1]} {word}", spacing) <= limit:
            lines[-1] += f" {word}"
        else:
            lines += [word[a:b] for a, b in wrap(word, limit, spacing)]
    return [Line(ln, style=style) for ln in lines]


def _credit(piece: Piece, rng) -> str | None:
    if not piece.byline:
        return piece.credit
    name = piece.byline
    return rng.choice([f"记者 {name} 摄", f"（{name} 摄）", f"{name} 供图", f"本报记者 {name} 摄", f"{name} 摄"])


COUNTIES = ("离石区", "文水县", "交城县", "兴县", "临县", "柳林县", "石楼县", "岚县", "方山县", "中阳县", "交口县", "孝义市", "汾阳市")


def _place_kicker(piece: Piece) -> str | None:
    """A kicker naming the county the story starts in (`柳林县`), as county pages print."""
    start = piece.paragraphs[0][:40]
    return next((c for c in COUNTIES if c in start and c not in (piece.title or "")), None)


def compose(piece: Piece, art: int, x: float, y: float, w: float, cols: int, max_h: float, rng,
            opts: dict) -> Laid | None:
    """Lay `piece` out at (x, y), `w` wide over `cols` sub-columns, at most `max_h` tall
    (cut with `opts['cut_marker']` when it does not fit and cutting is allowed). None when
    not even a headline and a few lines fit."""
    kind = opts.get("kind") or piece.kind
    if kind == "photo":
        cols = 1  # a caption runs the photo's whole width
    feats: list[str] = [f"span:{cols}"]
    blocks: list[Block] = []
    cy = y
    title = None if opts.get("no_title") else piece.title
    # A vertical headline stands beside the body, one character per line.
    vertical = bool(title and opts.get("vertical") and len(title) <= 14 and kind not in ("photo", "notice"))
    if vertical:
        title = title.replace(" ", "")  # a vertical headline has no room for its space
    kicker = piece.kicker or (_place_kicker(piece) if opts.get("place_kicker") else None)
    if kicker and title and not vertical:
        size = opts.get("small_head", 11.0)
        # (Broken to the story's width, as the subtitle is: never run on over the next column.)
        lines = [Line(kicker[a:b]) for a, b in wrap(kicker, w / size - 0.3)]
        blocks.append(Block(x, cy, w, lines, size, size * 1.4, "kicker", art, font="sans"))
        cy += len(lines) * size * 1.4
        feats.append("kicker")
    gap = opts.get("gap", GAP)
    if title and not vertical:
        size = opts.get("title_size", 20.0)
        title_w = w * opts.get("title_width", 1.0)  # a headline set narrower than its story
        lines = []
        while size >= opts.get("title_floor", 12):  # (display type keeps its ratio to the body's)
            lines = break_headline(title, title_w / size, rng)
            if lines:
                break
            size -= 2
        if not lines:
            return None
        blocks.append(Block(x, cy, w, [Line(t) for t in lines], size, size * 1.3, "title", art, bold=opts.get("title_bold", True),
                            font=opts.get("title_font", "sans"), align=opts.get("title_align", "left")))
        cy += len(lines) * size * 1.3 + 2
        feats.append(f"headline_lines:{len(lines)}")
    subtitle = piece.subtitle if title else None
    if subtitle:
        size = opts.get("small_head", 11.0)
        text = ("——" + subtitle) if opts.get("dash_subtitle", True) else subtitle
        lines = [Line(text[a:b]) for a, b in wrap(text, w / size - 0.3)]
        blocks.append(Block(x, cy, w, lines, size, size * 1.4, "subtitle", art, font="sans"))
        cy += len(lines) * size * 1.4
        feats.append("subtitle")
    byline_block = None
    if piece.byline and not piece.dateline and kind in ("feature", "commentary", "news") and opts.get("float_byline", True):
        text = piece.float_byline or _names_line(piece, rng)
        # Four names are wider than a column: broken between names, never run over the next one.
        byline_lines = _set_right(text, w / 10.0 - 0.3, 0.0, style="")
        byline_block = Block(x, cy, w, byline_lines, 10.0, 15.0, "byline", art, font="sans")
        blocks.append(byline_block)
        cy += 15.0 * len(byline_lines)
        feats.append("float_byline")
    cy += 3

    # The body: the dateline lead runs into the first paragraph, as printed.
    paragraphs = list(piece.paragraphs)
    lead = ""
    if piece.dateline and kind != "photo":
        lead = piece.dateline + "　"
        paragraphs[piece.lead_at] = lead + paragraphs[piece.lead_at]
        feats.append("dateline")
    if opts.get("continued_from"):
        lead = opts.get("continued_lead") or f"（上接{opts['continued_from']}版）"  # `（接2版）` with --bare-markers
        paragraphs[0] = lead + paragraphs[0]
        feats.append("continuation")
    photo_h = 0.0
    if kind == "photo":
        photo_h = round(w * rng.uniform(0.45, 0.75), 1)
        blocks.append(Block(x, cy, w, [], role="photo", art=art, h=photo_h))
        cy += photo_h + 4
        feats.append("photo")
    body_w = w
    vsize = 0.0
    if vertical:
        vsize = min(opts.get("title_size", 20.0), 22.0)
        body_w = w - vsize * 1.3 - gap
        feats.append("vertical_headline")
    sub_w = (body_w - (cols - 1) * gap) / cols
    spacing = 0.0
    if opts.get("letter_spaced"):
        spacing = rng.choice([0.1, 0.2, 0.3])
        feats.append("letter_spaced")
    body_size, body_lh = opts.get("body_size", BODY_SIZE), opts.get("body_lh", BODY_LH)
    size, lh = (body_size - 0.5, body_lh - 1.0) if kind == "photo" else (body_size, body_lh)
    font = opts.get("body_font", "serif")
    lines = wrap_paragraphs(paragraphs, sub_w / size - 0.3, spacing, piece.heads if kind != "photo" else set(),
                            indent=0.0 if kind == "photo" else 2.0)
    if piece.heads:
        feats.append("section_heads")
    tail: list[Line] = []
    if kind == "photo":
        credit = _credit(piece, rng)
        if credit:
            # On the caption's last line when it fits, else on a line of its own.
            if width(lines[-1].text + "　" + credit) <= sub_w / size - 0.3 and rng.random() < 0.6:
                tail_text = "　" + credit
                lines[-1] = Line(lines[-1].text + tail_text, lines[-1].para, lines[-1].start, lines[-1].end, lines[-1].indent)
                lines[-1].style = "credit_inline"
            else:
                tail += _set_right(credit, sub_w / size - 0.3, spacing)
            feats.append("credit")
    if piece.signoff:
        tail += _set_right(piece.signoff, sub_w / size - 0.3, spacing)
        feats.append("signoff")
    if piece.signature:
        tail += [ln for s in piece.signature for ln in _set_right(s, sub_w / size - 0.3, spacing)]
        feats.append("signature")

    avail_lines = int((max_h - (cy - y)) // lh) * cols
    needed = len(lines) + len(tail)
    rest = None
    if vertical:
        min_lines = math.ceil(len(title) * vsize * 1.05 / lh)
        if math.ceil(needed / cols) < min_lines:
            return None  # too short for its vertical headline
        if min_lines > (max_h - (cy - y)) // lh:
            return None  # its vertical headline would run past the page's foot (cut with 下转 or not)
    if needed > avail_lines:
        marker = opts.get("cut_marker")
        keep = avail_lines - 1
        if not marker or kind in ("photo", "notice") or keep < max(6, cols * 4) or len(lines) - keep < 2:
            return None
        cut = lines[keep - 1]
        rest = [paragraphs[cut.para][cut.end:]] + list(paragraphs[cut.para + 1:])
        rest = [p for p in rest if p]
        lines = lines[:keep]
        tail = [Line(marker, style="right")]
        feats.append("continued")
    all_lines = lines + tail
    per = math.ceil(len(all_lines) / cols)
    if vertical:
        per = max(per, math.ceil(len(title) * vsize * 1.05 / lh))
    bold_lead = opts.get("fake_bold_lead") and kind != "photo"
    for k in range(cols):
        chunk = all_lines[k * per:(k + 1) * per]
        if not chunk:
            continue
        bx = x + k * (sub_w + gap)
        if bold_lead and k == 0:
            # The lead (first paragraph) in fake bold: drawn twice, as e-paper typesetting does.
            n = sum(1 for ln in chunk if ln.para == 0)
            if 0 < n < len(chunk):
                blocks.append(Block(bx, cy, sub_w, chunk[:n], size, lh, "lead", art, fake_bold=opts["fake_bold"], spacing=spacing,
                                    justify=opts.get("justify", False), font=font))
                blocks.append(Block(bx, cy + n * lh, sub_w, chunk[n:], size, lh, "body", art, spacing=spacing,
                                    justify=opts.get("justify", False), font=font))
                feats.append(f"fake_bold_lead:{opts['fake_bold']}")
                continue
        blocks.append(Block(bx, cy, sub_w, chunk, size, lh, "caption" if kind == "photo" else "body", art,
                            fake_bold=opts["fake_bold"] if kind == "photo" and opts.get("fake_bold_caption") else "", spacing=spacing,
                            justify=opts.get("justify", False), font=font))
    if kind == "photo" and opts.get("fake_bold_caption"):
        feats.append(f"fake_bold_caption:{opts['fake_bold']}")
    if opts.get("justify"):
        feats.append("justified")
    height = cy - y + per * lh
    if vertical:
        blocks.append(Block(x + body_w + gap, cy, vsize * 1.3, [Line(ch) for ch in title], vsize, vsize * 1.05, "title",
                            art, bold=True, font="sans", vertical=True))
    printed = "".join(ln.text[: len(ln.text) - len("　" + credit)] if ln.style == "credit_inline" else ln.text
                      for ln in lines if ln.body)
    body = body_han(printed, lead, "".join(paragraphs[:piece.lead_at]) if piece.lead_at else "")
    key = key_entry(piece, title, subtitle, kicker if title and not vertical else None, kind, body)
    if len(body) < 24:
        return None
    return Laid(blocks, height, key, rest, feats)


def body_han(printed: str, lead: str, before_lead: str = "") -> str:
    """The Han characters of a body as printed, without its dateline lead or 上接 marker `lead`;
    `before_lead`: a summary or note printed before the dateline (the lead is taken out where it is)."""
    if before_lead and lead:
        at = han_only(before_lead)
        return at + han_only(printed)[len(at) + len(han_only(lead)):]
    return han_only(printed)[len(han_only(lead)):]


def key_entry(piece: Piece, title: str | None, subtitle: str | None, kicker: str | None, kind: str, body: str) -> dict:
    """An article's answer-key entry (the schema of tests/fixtures/segmentation): `body` its Han characters."""
    return {
        "title": title,
        "subtitle": subtitle,
        "kicker": kicker,
        "kind": {"brief": "news"}.get(kind, kind),
        "byline": piece.byline,
        "first": body[:12],
        "last": body[-12:],
        "lvliang": piece.lvliang,
        "id": piece.id,
    }
