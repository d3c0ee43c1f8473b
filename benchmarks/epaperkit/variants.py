"""How a paper prints some of the real pieces, besides as they came: a photo story headed by
a column label and a place (`图话|柳林县：…`), and a wire story that carries its original
headline in its text (`原标题：…`, `新闻原标题：…`), as reprints from news sites do.

Each printing decides with a random stream of its own (seeded by the piece and the page), so
the generator's main stream draws what it drew before; a page that prints a variant lays out
differently from there on (the piece's height changed).
"""

from __future__ import annotations

import dataclasses
import re

from .sources import HAN, Piece

PHOTO_LABEL = 0.35  # share of untitled photo stories printed under `图话|地名：…`
ORIGINAL_TITLE = 0.3  # share of wire stories printed with their original headline in the text
PLACES = ("离石区", "文水县", "交城县", "兴县", "临县", "柳林县", "石楼县", "岚县", "方山县", "中阳县", "交口县", "孝义市",
          "汾阳市", "吕梁", "太原", "运城", "临汾", "晋中", "大同", "忻州", "长治", "晋城", "阳泉", "朔州")
CLAUSE_RE = re.compile(rf"[{HAN}“”]{{4,12}}")


def printed_as(piece: Piece, rng) -> tuple[Piece, str | None]:
    """The piece as this printing sets it, and the layout feature that says how (None: as it came)."""
    if piece.kind == "photo" and not piece.title and rng.random() < PHOTO_LABEL:
        text = "".join(piece.paragraphs)
        place = next((p for p in PLACES if p in text), "吕梁")
        # What the picture shows, in a phrase of the caption: its first clause short enough.
        clauses = [c for c in re.split(r"[，。；：！？、]", text) if CLAUSE_RE.fullmatch(c) and place not in c]
        if clauses:
            label = rng.choice(["图话|", "图话｜"])
            title = f"{label}{place}：{rng.choice(['', ' '])}{clauses[0]}"
            return dataclasses.replace(piece, title=title), "photo_column_label"
    if piece.id.startswith("sogou:") and piece.title and len(piece.paragraphs) >= 2 and rng.random() < ORIGINAL_TITLE:
        line = rng.choice(["原标题：", "新闻原标题："]) + piece.title
        paragraphs = list(piece.paragraphs)
        # Before the text when nothing opens it (a dateline lead runs into the first paragraph), else after.
        if piece.dateline or rng.random() < 0.5:
            paragraphs.append(line)
        else:
            paragraphs.insert(0, line)
        return dataclasses.replace(piece, paragraphs=paragraphs), "original_title"
    return piece, None
