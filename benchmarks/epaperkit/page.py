"""Pages and issues: masthead, columns, articles packed into them, and the DOM order.

A page is A3 (842 × 1191 pt) with 4–6 columns. Articles are packed column by column, each
over 1–3 columns, into the column group whose top is highest. The visual page is always
right; the DOM (and so the PDF content stream that `pdftotext -raw` follows) is scrambled
the way real e-paper PDFs are: headlines after their bodies, several bodies then their
headlines shuffled, a floating byline somewhere else, the masthead last.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field

from .article import GAP, Block, Laid, compose
from .furniture import with_furniture
from .sources import Piece
from .text import Line
from .variants import printed_as, printed_in_form, rebroken, uncued

PAGE_W, PAGE_H, MARGIN = 842.0, 1191.0, 30.0
PAPERS = ("吕梁日报",) * 6 + ("山西日报", "科学导报", "山西经济日报", "太原日报")
SECTIONS = ("要闻", "综合", "县区新闻", "时政", "经济", "社会", "文化", "专题", "视觉", "理论评论")
WEEKDAYS = "一二三四五六日"


@dataclass
class Page:
    number: int
    blocks: list[Block]  # in DOM order
    articles: list[dict]  # key entries, in visual order
    masthead: str | None
    columns: int
    features: list[str] = field(default_factory=list)


@dataclass
class IssuePlan:
    paper: str
    date: dt.date
    pages: list[Page]


def masthead_text(paper: str, date: dt.date, page: int, section: str, rng) -> list[str]:
    """The masthead as one or a few runs drawn across the top of the page."""
    y, m, d, w = date.year, date.month, date.day, WEEKDAYS[date.weekday()]
    variants = [
        [f"{paper} {y}年{m}月{d}日 星期{w} 第{page}版 {section}"],
        [f"{y}年{m}月{d}日　星期{w}", f"第{page}版　{section}", paper],
        [f"{section}", f"{paper}", f"{y}年{m}月{d}日 星期{w}", f"第{page}版"],
        [f"第{page}版：{section}", f"{y}.{m:02d}.{d:02d} 星期{w}", paper],
        [f"{paper}　{y}年{m:02d}月{d:02d}日　星期{w}　{page:02d}版 {section}"],
        [f"{y}年{m}月{d}日 星期{w} {paper} {section} 第{page}版"],
    ]
    return rng.choice(variants)


def _choose_span(piece: Piece, columns: int, rng) -> int:
    if piece.kind == "photo":
        return rng.choice([1, 1, 2])
    n = piece.length
    if n > 1200:
        spans = [2, 3, 3]
    elif n > 500:
        spans = [1, 2, 2, 3]
    else:
        spans = [1, 1, 1, 2]
    return min(columns - 1, rng.choice(spans))


def typesetting(rng) -> dict:
    """A page's typesetting drawn afresh (`--typeset`): column count and gutter, body type's
    size, leading and face, headlines' face and weight, rules between stories and down the
    gutters, stories boxed in a frame, headlines set narrower than their story. Without it
    every page is set as it always was (4–6 columns, 12 pt gutters, 9.5/14.5 pt serif body)."""
    size = rng.choice([9.0, 9.5, 10.0, 10.5, 11.0])
    gap = rng.choice([8.0, 10.0, 12.0, 14.0, 16.0])
    # No column narrower than ten characters of body type, as papers set them.
    columns = rng.choice([n for n in range(3, 9) if (PAGE_W - 2 * MARGIN - (n - 1) * gap) / n >= 10.5 * size])
    return {
        "columns": columns,
        "gap": gap,
        "body_size": size,
        "body_lh": round(size * rng.choice([1.35, 1.5, 1.6, 1.75]), 1),
        "body_font": rng.choice(["serif", "serif", "sans"]),
        "title_font": rng.choice(["sans", "sans", "serif"]),
        "title_bold": rng.random() < 0.75,
        "story_rules": rng.random() < 0.5,  # a rule over every story not at the top of its columns
        "column_rules": rng.random() < 0.3,  # a rule down the middle of every gutter
        "frames": rng.choice([0.0, 0.15, 0.3]),  # share of stories boxed
        "narrow_titles": rng.random() < 0.4,
    }


FRAME_PAD = 5.0  # pt between a frame and the story inside it


def build_page(number: int, paper: str, date: dt.date, pool, rng, *, continuations=(), last_page=None,
               masthead: bool = True, chromium: bool = False, forms: bool = False,
               typeset: bool = False, vary_furniture: bool = False, rebreak: bool = False,
               uncue: bool = False, bare_markers: bool = False) -> tuple[Page, list[tuple[int, Piece, str]]]:
    """One page from the articles `pool()` hands out; `continuations` are (from page, piece)
    to print first with （上接N版）; `forms`: some pieces printed in a content form
    (variants.printed_in_form); `typeset`: the page's typesetting drawn too (`typesetting`);
    `vary_furniture`: some pieces reprinted with furniture from furniture.py's catalogue;
    `rebreak`: some pieces' paragraphs broken afresh (variants.rebroken); `uncue`: some pieces'
    text cues taken away (variants.uncued); `bare_markers`: half the cut and continuation markers
    printed without 上/下 (`（转4版）`, `（转第4版）`, `（接2版）`, `（接第2版）`), as papers print them too.
    Returns the page and the cuts it made: (to page, piece of the rest, title)."""
    setting = typesetting(rng) if typeset else {}
    columns = setting.get("columns") or rng.choice([4, 5, 5, 6, 6])
    gap = setting.get("gap", GAP)
    colw = (PAGE_W - 2 * MARGIN - (columns - 1) * gap) / columns
    section = rng.choice(SECTIONS)
    blocks_by_art: list[list[Block]] = []
    keys: list[dict] = []
    features: list[str] = [f"columns:{columns}"]
    if setting:
        features += [f"gap:{gap:g}", f"body:{setting['body_size']:g}/{setting['body_lh']:g}", f"body_font:{setting['body_font']}",
                     f"title_font:{setting['title_font']}" + ("" if setting["title_bold"] else ":plain")]
        features += [name for name in ("story_rules", "column_rules", "narrow_titles") if setting[name]]
    text_opts = {k: setting[k] for k in ("gap", "body_size", "body_lh", "body_font") if k in setting}
    brief_head = round(11.0 * setting["body_size"] / 9.5, 1) if setting else 11.0
    head_blocks: list[Block] = []
    top = MARGIN
    mast = None
    if masthead:
        runs = masthead_text(paper, date, number, section, rng)
        mast = " ".join(runs)
        if number == 1 and rng.random() < 0.7:
            head_blocks.append(Block(MARGIN, top, 300, [Line(paper)], 44, 52, "masthead", bold=True, font="serif"))
            top += 56
            features.append("logo")
        step = (PAGE_W - 2 * MARGIN) / len(runs)
        bold = "glyph" if rng.random() < 0.3 else ""  # a fake-bold date line reads `55月月 1133日日`
        for k, run in enumerate(runs):
            head_blocks.append(Block(MARGIN + k * step, top, step - 6, [Line(run)], 10, 14, "masthead", font="sans",
                                     fake_bold=bold))
        if bold:
            features.append("masthead_fake_bold")
        top += 24
        features.append(f"masthead:{len(runs)}")
    else:
        features.append("no_masthead")
    tops = [top] * columns
    bottom = PAGE_H - MARGIN
    if rng.random() < 0.3:
        _place_briefs(pool, rng, tops, columns, colw, keys, blocks_by_art, number if masthead else None, features, gap,
                      {**text_opts, "title_size": brief_head} if setting else None)
    cuts: list[tuple[int, Piece, str]] = []
    queue = [("cont", src, piece) for src, piece in continuations]
    misses = 0
    page_opts = {
        "fake_bold_caption": rng.random() < 0.5,
        "fake_bold_lead": rng.random() < 0.3,
        "justify": rng.random() < 0.3,
        "fake_bold": rng.choice(["glyph", "glyph", "run"]),
    }
    while misses < 12:
        if queue:
            what, src, piece = queue.pop(0)
        else:
            piece = pool()
            if piece is None:
                break
            what, src = "new", None
        variant, furnished = None, []
        if what == "new":
            if rebreak:
                piece, broken = rebroken(piece, random.Random(f"rebreak:{piece.id}:{paper}:{date}:{number}"))
                furnished += [broken] if broken else []
            piece, variant = printed_as(piece, random.Random(f"{piece.id}:{paper}:{date}:{number}"))
            if forms and variant is None:
                piece, variant = printed_in_form(piece, random.Random(f"form:{piece.id}:{paper}:{date}:{number}"))
            if vary_furniture:
                piece, fresh = with_furniture(piece, random.Random(f"furniture:{piece.id}:{paper}:{date}:{number}"))
                furnished += fresh
            if uncue:
                piece, fresh = uncued(piece, random.Random(f"uncued:{piece.id}:{paper}:{date}:{number}"))
                furnished += fresh
        span = 3 if what == "cont" and piece.length > 600 else _choose_span(piece, columns, rng)
        c, span = _slot(tops, span, rng)
        y = max(tops[c:c + span])
        x = MARGIN + c * (colw + gap)
        w = span * colw + (span - 1) * gap
        if bottom - y < 90:
            if min(tops) > bottom - 90:
                if what == "cont":
                    queue.insert(0, (what, src, piece))
                break
            misses += 1
            continue
        opts = dict(page_opts)
        opts["title_size"] = {1: rng.choice([13, 14, 15, 16]), 2: rng.choice([16, 18, 20, 22]), 3: rng.choice([22, 24, 26, 28])}[span]
        opts["vertical"] = span <= 2 and rng.random() < 0.35
        opts["letter_spaced"] = rng.random() < 0.08
        opts["dash_subtitle"] = rng.random() < 0.7
        opts["place_kicker"] = rng.random() < 0.4
        opts["fake_bold_lead"] = page_opts["fake_bold_lead"] and rng.random() < 0.5
        opts["title_align"] = rng.choice(["left", "left", "center"])
        if setting:
            scale = setting["body_size"] / 9.5  # display type keeps its ratio to the body's
            opts.update(text_opts, title_font=setting["title_font"], title_bold=setting["title_bold"],
                        title_size=round(opts["title_size"] * scale, 1), small_head=round(11.0 * scale, 1),
                        title_floor=round(12 * scale, 1))
            if setting["narrow_titles"] and rng.random() < 0.5:
                opts["title_width"] = rng.choice([0.5, 0.6, 0.75])
        pad = FRAME_PAD if setting and rng.random() < setting["frames"] else 0.0
        if what == "cont":
            opts["continued_from"] = src
            opts["kind"] = "fragment"
            opts["no_title"] = rng.random() < 0.6
            opts["vertical"] = False
            if bare_markers and (bare := random.Random(f"bare:{piece.id}:{paper}:{date}:{number}")).random() < 0.5:
                opts["continued_lead"] = bare.choice([f"（接{src}版）", f"（接第{src}版）"])
        elif last_page is not None and number < last_page and piece.kind in ("news", "feature", "commentary"):
            target = rng.randint(number + 1, last_page)
            opts["cut_marker"] = rng.choice([f"（下转{target}版）", f"(下转{target}版)", f"（下转第{target}版）"])
        elif last_page is None and rng.random() < 0.5 and piece.kind in ("news", "feature", "commentary"):
            target = rng.randint(2, 8)
            opts["cut_marker"] = f"（下转{target if target != number else target + 1}版）"
        if "cut_marker" in opts and bare_markers and (bare := random.Random(f"bare:{piece.id}:{paper}:{date}:{number}")).random() < 0.5:
            target = int("".join(ch for ch in opts["cut_marker"] if ch.isdigit()))
            opts["cut_marker"] = bare.choice([f"（转{target}版）", f"（转第{target}版）"])
        laid = compose(piece, len(keys), x + pad, y + pad, w - 2 * pad, span, bottom - y - 2 * pad, rng, opts)
        if laid is None and what == "cont":
            laid = _fit_continuation(piece, len(keys), x + pad, y + pad, w - 2 * pad, span, bottom - y - 2 * pad, rng, opts)
        if laid is None:
            misses += 1
            continue
        if pad:
            laid.height += 2 * pad
            laid.blocks.append(Block(x, y, w, [], role="frame", art=len(keys), h=laid.height))
            laid.features.append("frame")
        if setting.get("story_rules") and y > top + 1:
            laid.blocks.append(Block(x, y - 7, w, [], role="rule", art=len(keys)))
            laid.features.append("rule_above")
        if "continued" in laid.features and last_page is not None:
            cuts.append((int("".join(ch for ch in opts["cut_marker"] if ch.isdigit())), _rest_piece(piece, laid.rest), number))
        laid.key["page"] = number if masthead else None
        laid.key["layout"] = laid.features + ([variant] if variant else []) + furnished
        keys.append(laid.key)
        blocks_by_art.append(laid.blocks)
        for k in range(c, c + span):
            tops[k] = y + laid.height + 14
    if setting.get("column_rules"):
        drawn = [b for blocks in blocks_by_art for b in blocks if b.role != "rule"]
        for k in range(1, columns):
            gx = MARGIN + k * (colw + gap) - gap / 2
            head_blocks += _gutter_rule(gx, top, bottom, drawn)
    dom = _scramble(blocks_by_art, keys, head_blocks, rng, features)
    if chromium:
        features.append("engine:chromium")
    return Page(number, dom, keys, mast, columns, features), cuts


RULE_CLEARANCE = 4.0  # points a rule down a gutter stops short of type or a picture crossing it
RULE_MIN = 20.0  # points: a shorter piece of rule is not drawn


def _gutter_rule(gx: float, top: float, bottom: float, drawn: list[Block]) -> list[Block]:
    """The rule down the gutter at `gx`, broken where a headline, a caption set across the page's
    columns, a picture, a frame or a story's own columns (set to another measure beside a
    vertical headline) cross it: no paper draws a column rule through type."""
    crossing = sorted((b.y - RULE_CLEARANCE, b.y + b.height + RULE_CLEARANCE) for b in drawn if b.x < gx < b.x + b.w)
    pieces, y = [], top
    for start, end in crossing:
        if start - y >= RULE_MIN:
            pieces.append(Block(gx, y, 0.0, [], role="rule", h=start - y))
        y = max(y, end)
    if bottom - y >= RULE_MIN:
        pieces.append(Block(gx, y, 0.0, [], role="rule", h=bottom - y))
    return pieces


BRIEF_LABELS = ("简讯", "要闻简报", "县区快讯", "新闻速览", "本地简讯")


def _two_sentences(piece: Piece) -> str | None:
    sentences = re.findall(r".+?[。！？](?:[”’」])?", "".join(piece.paragraphs[:2]))
    text = "".join(sentences[:2])
    return text if len(text) >= 40 and len(text) <= 260 else None


def _place_briefs(pool, rng, tops, columns, colw, keys, blocks_by_art, page_no, features, gap=GAP, text_opts=None) -> None:
    """Several two-sentence items stacked in one column under a label (the label belongs to
    no article; each item is scored as a news article)."""
    c = rng.randrange(columns)
    x, y = MARGIN + c * (colw + gap), tops[c]
    label = Block(x, y, colw, [Line(rng.choice(BRIEF_LABELS))], 14, 20, "label", bold=True, font="sans")
    items = []
    for _ in range(rng.randint(2, 4)):
        for _ in range(6):
            piece = pool()
            if piece is None:
                return
            if piece.kind in ("news", "brief") and _two_sentences(piece):
                break
        else:
            return
        text = _two_sentences(piece)
        title = piece.title if piece.title and len(piece.title) <= 16 and rng.random() < 0.6 else None
        items.append(Piece(id=piece.id, kind="brief", paragraphs=[text], title=("■ " + title) if title else None,
                           byline=piece.byline if piece.dateline and rng.random() < 0.5 else None,
                           dateline=piece.dateline if rng.random() < 0.5 else None, lvliang=piece.lvliang))
    cy = y + 22
    laid_items = []
    for item in items:
        laid = compose(item, len(keys) + len(laid_items), x, cy, colw, 1, 400, rng,
                       {"title_size": 11.0, "float_byline": False, "fake_bold": "", **(text_opts or {})})
        if laid is None:
            continue
        if laid.key["title"]:
            laid.key["title"] = laid.key["title"][2:]
        laid.key["page"] = page_no
        laid.key["layout"] = laid.features + ["brief"]
        laid_items.append(laid)
        cy += laid.height + 6
    if len(laid_items) < 2:
        return
    label.art = None
    for k, laid in enumerate(laid_items):
        keys.append(laid.key)
        blocks_by_art.append(([label] if k == 0 else []) + laid.blocks)
    tops[c] = cy + 10
    features.append(f"briefs:{len(laid_items)}")


def _slot(tops: list[float], span: int, rng) -> tuple[int, int]:
    """Where the next article goes: under the column that ends highest, over `span` columns
    when its neighbours end about as high (no hole left above a wide article), else narrower."""
    low = min(tops)
    lowest = [k for k, t in enumerate(tops) if t == low]
    c0 = rng.choice(lowest)
    for width in range(span, 0, -1):
        starts = [s for s in range(max(0, c0 - width + 1), min(c0, len(tops) - width) + 1)
                  if max(tops[s:s + width]) - low < 45]
        if starts:
            return rng.choice(starts), width
    return c0, 1


def _rest_piece(piece: Piece, rest: list[str]) -> Piece:
    return Piece(id=piece.id, kind=piece.kind, paragraphs=rest, title=piece.title, lvliang=piece.lvliang)


def _fit_continuation(piece, art, x, y, w, span, max_h, rng, opts) -> Laid | None:
    """A continuation too long for the room left: print as much of it as fits (the key says
    what was printed), never cut it again."""
    paragraphs = list(piece.paragraphs)
    while len(paragraphs) > 1:
        paragraphs.pop()
        laid = compose(_rest_piece(piece, paragraphs), art, x, y, w, span, max_h, rng, opts)
        if laid:
            return laid
    return None


HEADS = ("kicker", "title", "subtitle")


def _scramble(arts: list[list[Block]], keys: list[dict], head: list[Block], rng, features: list[str]) -> list[Block]:
    """DOM order: per page one of the orders real e-paper PDFs come out in."""
    mode = rng.choice(["visual", "heads_after", "grouped", "grouped", "mixed"])
    features.append(f"order:{mode}")
    order = list(range(len(arts)))
    if rng.random() < 0.3:
        rng.shuffle(order)
        features.append("articles_shuffled")
    out: list[Block] = []
    floating: list[Block] = []

    def split(k: int) -> tuple[list[Block], list[Block]]:
        heads = [b for b in arts[k] if b.role in HEADS]
        rest = []
        for b in arts[k]:
            if b.role in HEADS:
                continue
            if b.role == "byline" and rng.random() < 0.35:
                floating.append(b)  # printed away from its story
                keys[k]["layout"].append("byline_away")
                continue
            rest.append(b)
        return heads, rest

    if mode == "visual":
        for k in order:
            h, r = split(k)
            out += h + r
    elif mode == "heads_after" or mode == "mixed":
        for k in order:
            h, r = split(k)
            after = mode == "heads_after" or rng.random() < 0.5
            out += (r + h) if after else (h + r)
            if after and h:
                keys[k]["layout"].append("headline_after_body")
    else:
        i = 0
        while i < len(order):
            group = order[i:i + rng.randint(2, 4)]
            i += len(group)
            heads = []
            for k in group:
                h, r = split(k)
                out += r
                if h:
                    heads.append((k, h))
                    keys[k]["layout"].append("headline_grouped")
            rng.shuffle(heads)
            for _, h in heads:
                out += h
    for b in floating:
        out.insert(rng.randint(0, len(out)), b)
    if rng.random() < 0.4:
        features.append("masthead_last")
        return out + head
    return head + out
