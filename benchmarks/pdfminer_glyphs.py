"""The PDF reader's former glyph extraction, from pdfminer.six's interpreter (no layout analysis),
kept for benchmarks/pdf_read.py to time and compare against PDFium (digest/pdf/pdfium.py): the
same `Page`s, read the way digest read them before. Needs pdfminer.six, which digest itself no
longer installs (`pip install pdfminer.six`).
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from contextlib import contextmanager

from digest.clean import map_radicals
from digest.errors import DigestError
from digest.pdf.glyphs import Box, Glyph, Page, add_shape, is_bold_font, map_page_twins, nested

UNREADABLE_RE = re.compile(r"\(cid:\d+\)|[\ue000-\uf8ff\ufffd]")


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
            elif len(rects) == 2 and fill and nested(*rects):
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
                add_shape(page, sx0, top - sy1, sx1, top - sy0, curve, filled)

            def walk(items) -> None:
                for item in items:
                    if isinstance(item, LTChar):
                        text = item.get_text()
                        if UNREADABLE_RE.fullmatch(text) or UNREADABLE_RE.search(text):
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
                        add_shape(page, item.x0, top - item.y1, item.x1, top - item.y0, isinstance(item, LTCurve) and not isinstance(item, (LTRect, LTLine)), item.fill)

            walk(ltpage)
            map_page_twins(page.glyphs)  # 戶 for 户, judged on the page's whole text
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
