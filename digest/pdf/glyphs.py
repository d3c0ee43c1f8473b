"""Glyphs and drawn shapes of each PDF page, from pdfminer.six's interpreter (no layout analysis).

Every character becomes a `Glyph` with its box in top-down page coordinates (points, y growing
downwards), its font size (the em square's height on the page) and font name. Thin filled or
stroked rectangles and straight lines become `Rule`s, larger rectangles, curves and images `Box`es.
pdfminer's own log noise (`Could not get FontBBox…`) is captured, never printed: what was lost
is counted in `Page.unreadable` instead.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..clean import map_radicals
from ..errors import DigestError

# Faces a paper sets headlines in: named bold, heavy, black, or one of the 黑/大标宋 families.
BOLD_FONT_RE = re.compile(r"bold|heavy|black|demi|semibold|extrabold|ultra|W[6-9]\b|Hei|DaHei|XBS|DBS|CuSong|粗|黑", re.IGNORECASE)
RULE_MAX = 3.0  # a rectangle this thin (points) is a drawn rule, not a box
_UNREADABLE_RE = re.compile(r"\(cid:\d+\)|[\ue000-\uf8ff\ufffd]")


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


@contextmanager
def quiet_pdfminer():
    """pdfminer logs warnings per font and per object (`Could not get FontBBox…`): keep them
    off stderr while a file is read, and give back the records for the caller to judge."""
    logger = logging.getLogger("pdfminer")
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep(logging.WARNING)
    saved = (logger.propagate, logger.level)
    logger.addHandler(handler)
    logger.propagate = False
    if logger.level == logging.NOTSET or logger.level > logging.WARNING:
        logger.setLevel(logging.WARNING)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield records
    finally:
        logger.removeHandler(handler)
        logger.propagate, level = saved
        logger.setLevel(level)


def read_pages(data: bytes, name: str) -> list[Page]:
    """Every page's glyphs and shapes; one-line DigestErrors for encrypted or unreadable files."""
    from pdfminer.converter import PDFLayoutAnalyzer
    from pdfminer.layout import LTChar, LTCurve, LTFigure, LTImage, LTLine, LTRect
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    pages: list[Page] = []

    class Collector(PDFLayoutAnalyzer):
        shapes: list[tuple[float, float, float, float, bool, bool]] = []

        def begin_page(self, page, ctm) -> None:
            super().begin_page(page, ctm)
            self.shapes = []

        def paint_path(self, gstate, stroke, fill, evenodd, path) -> None:
            rects = _rects(path, self.ctm)
            if rects is None:
                super().paint_path(gstate, stroke, fill, evenodd, path)
            elif len(rects) == 2 and fill and _nested(*rects):
                # A border drawn as a filled ring (outer and inner rectangle, even-odd): its sides.
                (ox0, oy0, ox1, oy1), (ix0, iy0, ix1, iy1) = sorted(rects, key=lambda r: -(r[2] - r[0]) * (r[3] - r[1]))
                for side in ((ox0, iy1, ox1, oy1), (ox0, oy0, ox1, iy0), (ox0, oy0, ix0, oy1), (ix1, oy0, ox1, oy1)):
                    if min(side[2] - side[0], side[3] - side[1]) > 0.05:
                        self.shapes.append((*side, False, True))
            else:
                for rect in rects:
                    self.shapes.append((*rect, False, bool(fill)))

        def receive_layout(self, ltpage) -> None:
            x0, y0, x1, y1 = ltpage.bbox
            page = Page(number=len(pages) + 1, width=x1 - x0, height=y1 - y0)
            top = y1
            for sx0, sy0, sx1, sy1, curve, filled in self.shapes:
                _shape(page, sx0, top - sy1, sx1, top - sy0, curve, filled)

            def walk(items) -> None:
                for item in items:
                    if isinstance(item, LTChar):
                        text = item.get_text()
                        if _UNREADABLE_RE.fullmatch(text) or _UNREADABLE_RE.search(text):
                            page.unreadable += 1
                            continue
                        if not item.upright or (not text.strip() and text != " "):
                            continue
                        # A radical code point (⽇ for 日) is the ideograph it stands for, before the masthead is read.
                        page.glyphs.append(Glyph(map_radicals(text), item.x0, top - item.y1, item.x1, top - item.y0, item.size, item.fontname, is_bold_font(item.fontname)))
                    elif isinstance(item, LTFigure):
                        walk(item)
                    elif isinstance(item, LTImage):
                        page.boxes.append(Box(item.x0, top - item.y1, item.x1, top - item.y0, picture=True))
                    elif isinstance(item, (LTRect, LTLine, LTCurve)):
                        _shape(page, item.x0, top - item.y1, item.x1, top - item.y0, isinstance(item, LTCurve) and not isinstance(item, (LTRect, LTLine)), item.fill)

            walk(ltpage)
            pages.append(page)

    with quiet_pdfminer() as records:
        try:
            manager = PDFResourceManager(caching=True)
            device = Collector(manager, laparams=None)
            interpreter = PDFPageInterpreter(manager, device)
            for pdf_page in PDFPage.get_pages(io.BytesIO(data), check_extractable=False):
                interpreter.process_page(pdf_page)
        except (PDFPasswordIncorrect, PDFEncryptionError):
            raise DigestError(name, "encrypted PDF; save it without a password first") from None
        except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AssertionError, AttributeError, IndexError) as exc:
            if not pages:
                raise DigestError(name, f"not a readable PDF ({type(exc).__name__})") from None
            pages[-1].unreadable += 1  # a damaged page after good ones: keep what was read
    del records  # judged by what was lost (Page.unreadable), not by pdfminer's chatter
    return pages


def _rects(path, ctm) -> list[tuple[float, float, float, float]] | None:
    """The path's subpaths as axis-aligned rectangles (x0, y0, x1, y1), or None if any is not one."""
    from pdfminer.utils import apply_matrix_pt

    rects = []
    points: list[tuple[float, float]] = []
    for segment in list(path) + [("end",)]:
        op = "m" if segment[0] == "end" else segment[0]
        if op in ("m", "h") and points:
            if op == "h" or len(points) >= 4:
                xs, ys = {round(x, 2) for x, _ in points}, {round(y, 2) for _, y in points}
                if len(xs) != 2 or len(ys) != 2:
                    return None
                rects.append((min(xs), min(ys), max(xs), max(ys)))
            else:
                return None
            points = []
        if segment[0] == "end":
            break
        if op in ("m", "l"):
            points.append(apply_matrix_pt(ctm, (float(segment[1]), float(segment[2]))))
        elif op not in ("m", "h"):
            return None
    return rects or None


def _nested(a: tuple, b: tuple) -> bool:
    outer, inner = (a, b) if (a[2] - a[0]) * (a[3] - a[1]) >= (b[2] - b[0]) * (b[3] - b[1]) else (b, a)
    return outer[0] <= inner[0] and outer[1] <= inner[1] and outer[2] >= inner[2] and outer[3] >= inner[3]


def _shape(page: Page, x0: float, y0: float, x1: float, y1: float, curve: bool, fill: bool) -> None:
    width, height = x1 - x0, y1 - y0
    if width <= 0.05 and height <= 0.05:
        return
    if min(width, height) <= RULE_MAX and max(width, height) >= 4 * RULE_MAX and not curve:
        page.rules.append(Rule(x0, y0, x1, y1))
    elif min(width, height) > RULE_MAX:
        page.boxes.append(Box(x0, y0, x1, y1, picture=bool(fill)))
