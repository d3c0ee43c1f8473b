"""Glyphs and drawn shapes of a PDF page: what the reader (pdfium.py) gives the rest of digest/pdf.

Every character is a `Glyph` with its box in top-down page coordinates (points, y growing
downwards), its font size (the em square's height on the page) and font name. Thin filled or
stroked rectangles and straight lines are `Rule`s, larger rectangles, curves and images `Box`es.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..clean import TRADITIONAL_TWINS, map_twins

# Faces a paper sets headlines in: named bold, heavy, black, or one of the 黑/大标宋 families.
BOLD_FONT_RE = re.compile(r"bold|heavy|black|demi|semibold|extrabold|ultra|W[6-9]\b|Hei|DaHei|XBS|DBS|CuSong|粗|黑", re.IGNORECASE)
RULE_MAX = 3.0  # a rectangle this thin (points) is a drawn rule, not a box


@dataclass(slots=True)
class Glyph:
    text: str
    x0: float
    y0: float  # top
    x1: float
    y1: float  # bottom
    size: float
    font: str
    bold: bool = False
    sideways: bool = False  # drawn turned a quarter turn (a digit or Latin letter in vertical type)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(slots=True)
class Rule:
    """A drawn line: horizontal when `horizontal`, from (x0, y0) to (x1, y1)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.y1 - self.y0)


@dataclass(slots=True)
class Box:
    """A rectangle, picture or curve larger than a rule: a photo, a frame around a story, a shaded panel."""

    x0: float
    y0: float
    x1: float
    y1: float
    picture: bool = False  # an image, or a filled area (a photo placeholder)


@dataclass
class Page:
    number: int  # 1-based index in the file
    width: float
    height: float
    glyphs: list[Glyph] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    unreadable: int = 0  # characters with no Unicode mapping, dropped


def is_bold_font(name: str) -> bool:
    return bool(BOLD_FONT_RE.search(name.split("+", 1)[-1]))


def nested(a: tuple, b: tuple) -> bool:
    """Whether one rectangle (x0, y0, x1, y1) holds the other."""
    outer, inner = (a, b) if (a[2] - a[0]) * (a[3] - a[1]) >= (b[2] - b[0]) * (b[3] - b[1]) else (b, a)
    return outer[0] <= inner[0] and outer[1] <= inner[1] and outer[2] >= inner[2] and outer[3] >= inner[3]


def add_shape(page: Page, x0: float, y0: float, x1: float, y1: float, curve: bool, fill: bool) -> None:
    """A drawn shape's box onto the page: a rule if thin and long (and straight), a box if larger, else nothing."""
    width, height = x1 - x0, y1 - y0
    if width <= 0.05 and height <= 0.05:
        return
    if min(width, height) <= RULE_MAX and max(width, height) >= 4 * RULE_MAX and not curve:
        page.rules.append(Rule(x0, y0, x1, y1))
    elif min(width, height) > RULE_MAX:
        page.boxes.append(Box(x0, y0, x1, y1, picture=bool(fill)))


def map_page_twins(glyphs: list[Glyph]) -> None:
    """The page's glyphs named 戶 read as 户 (clean.map_twins), unless the page writes
    traditional characters: judged on the page's whole text, never a glyph alone."""
    named = [g for g in glyphs if any(ch in g.text for ch in TRADITIONAL_TWINS)]
    if named:
        whole = "".join(g.text for g in glyphs)
        for g in named:
            g.text = map_twins(g.text, whole)
