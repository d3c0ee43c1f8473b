"""Glyphs and drawn shapes of each PDF page from PDFium (pypdfium2's raw API), as glyphs.py's `Page`s.

PDFium's text page is made for selecting text, so it edits what was drawn: it drops a text
object that repeats one of the five before it a fraction of a point away and a character that
repeats one of the seven before it (fake bold: the reader wants both copies, fakebold.py merges
them), sorts the objects of one line left to right, makes spaces and line breaks of its own
(dropping the file's own space right after one of them), and passes over objects with no ink.
So the characters are taken back to what the page drew: generated ones are skipped, each is put
under its text object in content-stream order (build_lines reads that order), the objects a
text page dropped are read again in another one once the objects already read are off the page,
a space the file drew after a made-up one is put back where the pen went on, and an inkless
object (Chromium draws a run's spaces so) is a space unless the gap after it is wider than one.
Sizes are the em on the page (the object's font size times its matrix); boxes run from the
origin to the advance (or the ink, if wider) across, and from the font's descent up one em.
"""

from __future__ import annotations

import ctypes
import itertools
import math
import re

from ..clean import GLYPH_TWINS, map_radicals
from ..errors import DigestError
from .glyphs import Box, Glyph, Page, add_shape, is_bold_font, map_page_twins, nested

# What one PDF may hold, checked before each page is read further (a newspaper page holds a few
# thousand characters and objects, an issue a few dozen pages): they bound the glyphs and shapes
# kept in memory. PDFium itself holds one page at a time (each is closed once read), but how
# much it takes to parse a page's content is bounded by the child it runs in (digest/limits.py).
MAX_PAGES = 1000
MAX_PAGE_OBJECTS = 200_000  # drawn objects on a page, those inside forms counted each time drawn
MAX_PAGE_CHARACTERS = 100_000  # characters of a page's text page
MAX_CHARACTERS = 1_000_000  # characters kept from the whole file


# The trailer's /Encrypt key, its letters maybe written as #xx escapes (`/Encr#79pt`), as PDF names may be.
_ENCRYPT_RE = re.compile(b"/" + b"".join(b"(?:%c|#%02x|#%02X)" % (ch, ch, ch) for ch in b"Encrypt"))

# A page object and a node of the page tree (`/Type/Page`, `/Type /Pages`), and a node's count of the pages under it.
_PAGE_RE = re.compile(rb"/Type\s*/Page(?![A-Za-z0-9#])")
_PAGES_RE = re.compile(rb"/Type\s*/Pages(?![A-Za-z0-9#])")
_COUNT_RE = re.compile(rb"/Count\s*(\d+)")
_NODE_REACH = 4096  # bytes: how far from its /Type a page tree node's object is looked at


def _no_pages(data: bytes) -> bool:
    """The file's page tree, as its bytes show it, holds no page: one node or more, each of
    /Count 0, and no page object. What an object stream packs is not seen: then False."""
    if _PAGE_RE.search(data):
        return False
    nodes = list(itertools.islice(_PAGES_RE.finditer(data), 100))
    for node in nodes:
        start = data.rfind(b"obj", max(0, node.start() - _NODE_REACH), node.start())  # its own `obj`, or the previous object's `endobj`
        end = data.find(b"endobj", node.end(), node.end() + _NODE_REACH)
        counts = [int(n) for n in _COUNT_RE.findall(data, start, end)] if start >= 0 and end >= 0 else []
        if counts != [0]:
            return False
    return bool(nodes)


class _TooMuch(Exception):
    """A limit passed: the problem, said in one line (read_pages names the file)."""


TURNED = 0.05  # radians (about 3 degrees) off the page's baseline: text set at an angle, not read
MAX_SKEW = 0.2  # radians (about 11 degrees): a whole page slanting less is a crooked scan, turned back
WIDE_BLANK = 0.4  # ems: a space (U+0020) is a quarter to a third of one, an en space half
STROKED_BOLD_WIDTH = 0.015  # of the em: a stroke this wide or wider thickens a glyph visibly
_PASSES = 4  # text pages per page: the first, then the objects each one dropped (fake bold drawn up to four times)


def _addr(handle) -> int:
    """The address a PDFium handle (a ctypes pointer) holds, 0 for NULL (addressof its target:
    a seventh of a ctypes cast's cost, and this runs once a text object)."""
    return ctypes.addressof(handle.contents) if handle else 0


def _mul(m, n):
    """The matrix m then n, as (a, b, c, d, e, f)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _page_matrix(x0: float, y0: float, x1: float, y1: float, rotate: int):
    """User space to top-down page space (points, y downwards), MediaBox and /Rotate applied as pdfminer does."""
    if rotate == 90:
        m, width, height = (0, -1, 1, 0, -y0, x1), y1 - y0, x1 - x0
    elif rotate == 180:
        m, width, height = (-1, 0, 0, -1, x1, y1), x1 - x0, y1 - y0
    elif rotate == 270:
        m, width, height = (0, 1, -1, 0, y1, -x0), y1 - y0, x1 - x0
    else:
        m, width, height = (1, 0, 0, 1, -x0, -y0), x1 - x0, y1 - y0
    return _mul(m, (1, 0, 0, -1, 0, height)), width, height


def _apply(m, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _box(m, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
    xs, ys = zip(*(_apply(m, x, y) for x in (x0, x1) for y in (y0, y1)))
    return min(xs), min(ys), max(xs), max(ys)


def read_pages(data: bytes, name: str) -> list[Page]:
    """Every page's glyphs and shapes; one-line DigestErrors for encrypted or unreadable files."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    # PDFium's last error is one value for the whole process and outlives the file it was set
    # for: a file it refuses without setting one (a page tree of no pages) reports the error of
    # whatever was read before it in this process, or in the parent a reading child was forked
    # from. A path that cannot be opened sets it to a file error, which no file read from memory
    # sets, so an error other than that one is this file's own.
    raw.FPDF_LoadDocument(b"", None)
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        error = getattr(exc, "err_code", None)
        if error == raw.FPDF_ERR_PASSWORD and _ENCRYPT_RE.search(data):
            raise DigestError(name, "encrypted PDF; save it without a password first") from None
        if _no_pages(data):  # PDFium refuses a document of no pages, with no error of its own
            raise DigestError(name, "PDF has no pages (its page tree is empty)") from None
        reason = re.search(r"PDFium: ([^)]+)", str(exc))
        said = reason.group(1).lower() if reason else ""
        known = said and error not in (raw.FPDF_ERR_SUCCESS, raw.FPDF_ERR_FILE, raw.FPDF_ERR_PASSWORD)
        raise DigestError(name, f"not a readable PDF ({said if known else 'PDFium cannot load it'})") from None
    pages: list[Page] = []
    kept = 0  # characters kept so far
    try:
        if len(doc) > MAX_PAGES:
            raise DigestError(name, f"too many pages: {len(doc):,} (the limit for a PDF is {MAX_PAGES:,})")
        for index in range(len(doc)):
            try:
                page = doc[index]
            except pdfium.PdfiumError:
                if not pages:
                    raise DigestError(name, "not a readable PDF (page cannot be loaded)") from None
                pages[-1].unreadable += 1  # a damaged page after good ones: keep what was read
                continue
            try:
                pages.append(_read_page(raw, page, index + 1))
            except _TooMuch as exc:
                raise DigestError(name, f"page {index + 1}: {exc}") from None
            finally:
                page.close()
            kept += len(pages[-1].glyphs)
            if kept > MAX_CHARACTERS:
                raise DigestError(name, f"too much text: over {MAX_CHARACTERS:,} characters by page {index + 1} (the limit for a PDF)")
    finally:
        doc.close()
    return pages


def _read_page(raw, page, number: int) -> Page:
    x0, y0, x1, y1 = page.get_mediabox()
    to_page, width, height = _page_matrix(x0, y0, x1, y1, page.get_rotation())
    result = Page(number=number, width=width, height=height)
    objects = _objects(raw, page.raw)
    texts = [(handle, form, matrix[1]) for handle, kind, matrix, form in objects if kind == raw.FPDF_PAGEOBJ_TEXT]
    for handle, kind, matrix, _ in objects:
        if kind == raw.FPDF_PAGEOBJ_PATH:
            _path(raw, handle, _mul(matrix[0], to_page), result)
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            if raw.FPDFPageObj_GetBounds(handle, ctypes.byref(l := ctypes.c_float()), ctypes.byref(b := ctypes.c_float()), ctypes.byref(r := ctypes.c_float()), ctypes.byref(t := ctypes.c_float())):
                # Bounds are in the holder's space: a form's children still need its matrix.
                bx0, by0, bx1, by1 = _box(_mul(matrix[1], to_page), l.value, b.value, r.value, t.value)
                result.boxes.append(Box(bx0, by0, bx1, by1, picture=True))
    _glyphs(raw, page.raw, texts, to_page, result)
    return result


def _objects(raw, page) -> list[tuple[object, int, tuple, object]]:
    """Every page object in content-stream order, forms opened: (handle, type, (object matrix to
    user space, its holder's matrix to user space), the form holding it or None)."""
    out: list[tuple[object, int, tuple, object]] = []
    fm = raw.FS_MATRIX()

    def walk(count: int, get, holder, form) -> None:
        for i in range(count):
            if len(out) >= MAX_PAGE_OBJECTS:
                raise _TooMuch(f"too many drawn objects: over {MAX_PAGE_OBJECTS:,} (the limit for a page)")
            obj = get(i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_FORM:
                raw.FPDFPageObj_GetMatrix(obj, fm)
                inner = _mul((fm.a, fm.b, fm.c, fm.d, fm.e, fm.f), holder)
                walk(raw.FPDFFormObj_CountObjects(obj), lambda j, o=obj: raw.FPDFFormObj_GetObject(o, j), inner, obj)
            else:
                if kind == raw.FPDF_PAGEOBJ_PATH:
                    raw.FPDFPageObj_GetMatrix(obj, fm)
                    own = _mul((fm.a, fm.b, fm.c, fm.d, fm.e, fm.f), holder)
                else:
                    own = holder
                out.append((obj, kind, (own, holder), form))

    walk(raw.FPDFPage_CountObjects(page), lambda i: raw.FPDFPage_GetObject(page, i), (1, 0, 0, 1, 0, 0), None)
    return out


def _glyphs(raw, page, texts, to_page, result: Page) -> None:
    # Each object's address, taken once (a ctypes cast costs more than most PDFium calls).
    addresses = [_addr(handle) for handle, *_ in texts]
    order = {address: k for k, address in enumerate(addresses)}
    found: dict[int, list[tuple]] = {}
    wanted = set(order)
    removed: list = []  # objects taken off the page, destroyed once read
    gone: set[int] = set()  # ...their addresses
    fonts: dict[int, tuple[str, bool]] = {}
    # Each object's matrix on the page, how its text runs: worked out once a distinct matrix
    # (a Chromium page draws thousands of objects in a handful of sizes).
    turns: dict[tuple, tuple] = {}
    try:
        for attempt in range(_PASSES):
            if attempt:
                # The text page compares an object with the ones drawn before it, read or not:
                # the objects already read leave the page, so the copies it dropped are read alone.
                for (handle, form, _), address in zip(texts, addresses):
                    if address in found and address not in gone:
                        if raw.FPDFFormObj_RemoveObject(form, handle) if form else raw.FPDFPage_RemoveObject(page, handle):
                            removed.append(handle)
                            gone.add(address)
            chars = _text_page(raw, page, wanted, fonts, to_page, turns)
            found.update(chars)
            wanted -= set(chars)
            if not chars or not any(_inked(raw, handle) for (handle, *_), address in zip(texts, addresses) if address in wanted):
                break
        # What no text page read: objects with no ink, which PDFium passes over. Chromium draws
        # a run's spaces as such objects, and the reader places word breaks by them.
        blank = set()
        for (handle, form, holder), address in zip(texts, addresses):
            if address in wanted and (space := _space(raw, handle, holder, fonts)) is not None:
                found[address] = [space]
                blank.add(address)
    finally:
        for handle in removed:
            raw.FPDFPageObj_Destroy(handle)
    scale = math.hypot(to_page[2], to_page[3])
    blanks: list[Glyph] = []
    for items in found.values():  # the inkless objects' matrices too
        linear = items[0][7][:4]
        if linear not in turns:
            turns[linear] = _mul((*linear, 0.0, 0.0), to_page)[:4]
    skew = _page_skew(found, turns)
    cx, cy = result.width / 2, result.height / 2
    # PDFium's character positions already have any form's matrix: only the page's is left.
    ta, tb, tc, td, te, tf = to_page
    glyphs = result.glyphs
    # Per distinct object matrix: whether its text is read, and its em's height per unit of font size.
    # Upright on the page (pdfminer's test; the page matrix turns y downwards, hence the signs;
    # and not turned at an angle, which that test lets through: slanted, as an oblique face, is
    # upright), or turned a quarter turn (a digit set sideways in vertical type: its box was
    # made turned). Text at any other angle is not read: counted as lost, as the note says.
    upright = {linear: a * d < 0 and b * c >= 0 and abs(math.atan2(b, a) - skew) <= TURNED for linear, (a, b, c, d) in turns.items()}
    heights: dict[tuple, float] = {}
    for key in sorted(found, key=order.__getitem__):
        items = found[key]
        matrix, size = items[0][7], items[0][5]
        linear = matrix[:4]
        sideways = items[0][8] is not None
        if not sideways and not upright[linear]:
            result.unreadable += sum(1 for item in items if item[1] or item[0].strip())
            continue
        height = heights.get(linear)
        if height is None:
            height = heights[linear] = math.hypot(matrix[2], matrix[3])
        em = size * height
        for text, lost, left, bottom, right, _, (font, bold), _, turned in items:
            if lost:
                result.unreadable += 1
                if turned is not None:
                    continue
                # Still printed where it stands: a space there, not white space between the glyphs
                # either side (Firefox maps no ASCII `"` of a bold CJK face: `三星"太子"会苹果`
                # read as three rows of headlines set 0.6 em apart, the headline cut in pieces).
                text = " "
            if turned is not None:
                left, bottom, right, top = turned
            else:
                top = bottom + em
            gx0, gy0 = ta * left + tc * top + te, tb * left + td * top + tf
            gx1, gy1 = ta * right + tc * bottom + te, tb * right + td * bottom + tf
            box = (min(gx0, gx1), min(gy0, gy1), max(gx0, gx1), max(gy0, gy1))
            if skew and not sideways:
                box = _unskewed(box, skew, em * scale, cx, cy)
            glyphs.append(Glyph(text, *box, em * scale, font, bold, turned is not None))
            if key in blank:
                blanks.append(glyphs[-1])
    map_page_twins(glyphs)
    if blanks:
        _drop_wide_blanks(result, blanks)


def _page_skew(found: dict[int, list[tuple]], turns: dict[tuple, tuple]) -> float:
    """The angle (radians, page space) the page's text runs at, when the whole page slants
    (a scan fed in crooked, its OCR layer with it): the median over its characters of their
    objects' angles, 0 when that is under a tenth of a degree or more than MAX_SKEW. Turned back
    about the page's centre, the page reads as upright; a block slanting on its own does not
    move the median, and is left out as text set at an angle."""
    counts: dict[tuple, int] = {}
    for items in found.values():
        if items[0][8] is None:  # not a glyph turned sideways in vertical type
            linear = items[0][7][:4]
            counts[linear] = counts.get(linear, 0) + len(items)
    angles: list[tuple[float, int]] = []
    for linear, n in counts.items():
        a, b, c, d = turns[linear]
        if a * d < 0 and b * c >= 0:
            angles.append((math.atan2(b, a), n))
    if not angles:
        return 0.0
    angles.sort()
    half, seen = sum(n for _, n in angles) / 2, 0
    for angle, n in angles:
        seen += n
        if seen >= half:
            break
    return angle if 0.002 <= abs(angle) <= MAX_SKEW else 0.0


def _unskewed(box: tuple, angle: float, height: float, cx: float, cy: float) -> tuple:
    """The upright box of a glyph whose baseline runs at `angle` (radians, page space, y down):
    its centre turned back by the angle about (cx, cy), its width out of the slanted box's."""
    x0, y0, x1, y1 = box
    cos, sin = math.cos(angle), math.sin(angle)
    mx, my = (x0 + x1) / 2 - cx, (y0 + y1) / 2 - cy
    ux, uy = cx + mx * cos + my * sin, cy - mx * sin + my * cos
    half_w = max(0.0, (x1 - x0) - height * abs(sin)) / abs(cos) / 2
    return ux - half_w, uy - height / 2, ux + half_w, uy + height / 2


def _drop_wide_blanks(page: Page, blanks: list[Glyph]) -> None:
    """An inkless object may be a wider space than U+0020 (an en, em or ideographic space,
    which the reader leaves to the gap it makes): one whose next glyph on its baseline is more
    than WIDE_BLANK ems on (or none is) was not a space."""
    starts: dict[int, list[float]] = {}
    for glyph in page.glyphs:
        if glyph.text != " ":
            starts.setdefault(round(glyph.y1), []).append(glyph.x0)
    wide = set()
    for blank in blanks:
        after = [x for k in (-1, 0, 1) for x in starts.get(round(blank.y1) + k, ()) if x >= blank.x0 - 0.1 * blank.size]
        if not after or min(after) - blank.x0 > WIDE_BLANK * blank.size:
            wide.add(id(blank))
    page.glyphs = [g for g in page.glyphs if id(g) not in wide]


def _inked(raw, handle) -> bool:
    """Whether a text object draws anything: the text page passes over one that does not."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    raw.FPDFPageObj_GetBounds(handle, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top))
    return right.value - left.value >= 0.01


def _space(raw, handle, holder, fonts: dict[int, tuple[str, bool]]) -> tuple | None:
    """A space at an inkless text object's origin, a quarter em wide (its advance is not told), in user space."""
    fm, size = raw.FS_MATRIX(), ctypes.c_float()
    if not raw.FPDFPageObj_GetMatrix(handle, fm) or not raw.FPDFTextObj_GetFontSize(handle, ctypes.byref(size)) or size.value <= 0:
        return None
    font = raw.FPDFTextObj_GetFont(handle)
    named = _font(raw, font, _addr(font), fonts)
    descent = ctypes.c_float()
    if not font or not named[0] or not raw.FPDFFont_GetDescent(font, size.value, ctypes.byref(descent)):
        descent.value = 0.0  # as for the glyphs: a Type 3 font's stand on the baseline
    # The object's matrix is in its holder's space (a form's); the page's matrix is applied later.
    matrix = _mul((fm.a, fm.b, fm.c, fm.d, fm.e, fm.f), holder)
    left, bottom = _apply(matrix, 0.0, descent.value)
    right, _ = _apply(matrix, 0.25 * size.value, descent.value)
    return (" ", False, left, bottom, right, size.value, named, matrix, None)


def _text_page(raw, page, wanted: set[int], fonts: dict[int, tuple[str, bool]], to_page: tuple, turns: dict[tuple, tuple]) -> dict[int, list[tuple]]:
    """Characters of PDFium's text page by text object, in its order, generated ones left out:
    (text, lost, left, bottom, right, font size, (font name, bold), object matrix) in user space.
    `turns` gets each distinct object matrix (its linear part) on the page."""
    textpage = raw.FPDFText_LoadPage(page)
    textpage_address = _addr(textpage)
    rect, matrix = raw.FS_RECTF(), raw.FS_MATRIX()
    size, descent, x, y = ctypes.c_float(), ctypes.c_float(), ctypes.c_double(), ctypes.c_double()
    px, py, prect, pmatrix, psize = ctypes.byref(x), ctypes.byref(y), ctypes.byref(rect), ctypes.byref(matrix), ctypes.byref(size)
    # PDFium's calls bound once, taking addresses: this loop runs once a character, thousands a page.
    origin, map_error, loose_box, generated, char_matrix, font_size = (
        _by_address(raw, name) for name in ("FPDFText_GetCharOrigin", "FPDFText_HasUnicodeMapError", "FPDFText_GetLooseCharBox", "FPDFText_IsGenerated", "FPDFText_GetMatrix", "FPDFTextObj_GetFontSize")
    )
    text_object, font_of = _by_address(raw, "FPDFText_GetTextObject", True), _by_address(raw, "FPDFTextObj_GetFont", True)
    render_mode = _by_address(raw, "FPDFTextObj_GetTextRenderMode")
    stroked = (raw.FPDF_TEXTRENDERMODE_FILL_STROKE, raw.FPDF_TEXTRENDERMODE_FILL_STROKE_CLIP)
    font_handles: dict[int, object] = {0: None}  # a font's address -> pypdfium2's handle, for the calls made once a font
    shapes: dict[tuple, tuple] = {}  # an object matrix's linear part -> (turned a quarter turn, its scale along the pen)
    out: dict[int, list[tuple]] = {}
    objects: dict[int, tuple] = {}
    advances: dict[tuple, float] = {}
    descents: dict[tuple, float] = {}
    try:
        gap = None  # a space PDFium made inside an object: (object, origin)
        halves = False  # whether a surrogate half was read (see _join_surrogates)
        current = None  # the text object of the character before
        count = raw.FPDFText_CountChars(textpage)
        if count > MAX_PAGE_CHARACTERS:
            raise _TooMuch(f"too many characters: {count:,} (the limit for a page is {MAX_PAGE_CHARACTERS:,})")
        codes = _codes(raw, textpage, count)
        for i in range(count):
            key = text_object(textpage_address, i) or 0
            code = codes[i]
            if code <= 0x20 or code == 0xFFFE:
                if generated(textpage_address, i):
                    if code == 0x20 and key in wanted:
                        origin(textpage_address, i, px, py)
                        gap = (key, x.value, y.value)
                    continue
                if code not in (0, 2, 0x20):
                    continue  # tabs, line ends and other controls: nothing drawn
            if key not in wanted:
                gap = None
                continue
            lost = code == 0 or bool(map_error(textpage_address, i)) or 0xE000 <= code <= 0xF8FF or code >= 0xFFFD
            if lost:
                text = ""
            else:
                text = "-" if code == 2 else chr(code)  # PDFium marks a hyphen ending a line as U+0002
                if code > 0x7F and not text.strip():
                    text = " "  # an ideographic or other wide space: a space, as wide as drawn (lines.py)
            if key != current:
                # A new text object (characters come object by object): what it tells, once.
                known = objects.get(key)
                if known is None:
                    char_matrix(textpage_address, i, pmatrix)
                    font_size(key, psize)
                    font_key = font_of(key) or 0
                    font = font_handles.get(font_key)
                    if font is None and font_key:
                        font = font_handles[font_key] = ctypes.cast(font_key, raw.FPDF_FONT)
                    named = fonts.get(font_key) or _font(raw, font, font_key, fonts)
                    linear = (matrix.a, matrix.b, matrix.c, matrix.d)
                    shape = shapes.get(linear)
                    if shape is None:
                        # Turned a quarter turn on the page as shown: its pen runs down (or up) the page,
                        # its em across. With the page's own turn (/Rotate): a landscape page draws its
                        # text turned in the file so that it reads upright once the page is turned.
                        # (Worked out once a distinct matrix, and kept for _glyphs: a Chromium page
                        # draws each character as an object, in a handful of sizes.)
                        ta, tb, tc, td = turns[linear] = _mul((*linear, 0.0, 0.0), to_page)[:4]
                        shape = shapes[linear] = (abs(ta) <= 0.01 * abs(tb) and abs(td) <= 0.01 * abs(tc) and tb != 0, math.hypot(linear[0], linear[1]))
                    turned, scale = shape
                    em_size = size.value
                    if not named[1] and render_mode(key) in stroked and _stroke_wide(raw, key, em_size * scale):
                        named = (named[0], True)
                    # A Type 3 font (no name) tells no descent of its own, PDFium makes one of its
                    # box, each font another: its glyphs stand on the baseline, as pdfminer had them.
                    # (Asked once a font and size: a page draws thousands of objects in a few.)
                    depth = descents.get((font_key, em_size))
                    if depth is None:
                        if not font or not named[0] or not raw.FPDFFont_GetDescent(font, em_size, ctypes.byref(descent)):
                            descent.value = 0.0
                        depth = descents[(font_key, em_size)] = descent.value
                    known = objects[key] = ((*linear, matrix.e, matrix.f), em_size, named, linear[3] * depth, font, scale, font_key, turned, depth)
                current = key
                object_matrix, object_size, named, drop, font, scale, font_key, object_turned, _ = known
                # A font without a name (Type 3) lacks the metrics the loose box is made from.
                widths = advances.setdefault((font_key, object_size), {}) if not named[0] else None
                items = out.get(key)
                if items is None:
                    items = out[key] = []
            # The box is the pen's: from the origin, the font's descent below it, across the
            # glyph's advance (the loose box falls back to the ink's box when PDFium lacks the
            # font's metrics, as for a Type 3 font: 一 a thin bar above the baseline).
            origin(textpage_address, i, px, py)
            left, bottom = x.value, y.value + drop
            advance = 0.0
            if widths is not None and not lost:
                advance = widths.get(code)
                if advance is None:
                    advance = widths[code] = _advance(raw, font, code, object_size)
            turned = None
            if object_turned:
                turned = _turned_box(raw, textpage, i, rect, known, x.value, y.value, advance)
                right = left
            elif advance:
                right = left + advance * scale
            else:
                loose_box(textpage_address, i, prect)
                right = max(rect.right, left)
                if lost and _two_em_dash(raw, textpage, i, right - left, object_size * scale):
                    text, lost = "——", False
            if gap is not None and gap[0] == key and code != 0x20 and not object_turned:
                # PDFium makes a space where the pen moved on before a character and drops the
                # file's own space drawn right after it: a space glyph, where the pen went on
                # before the next character, was there.
                if math.hypot(x.value - gap[1], y.value - gap[2]) > 0.05 * object_size * math.hypot(object_matrix[0], object_matrix[1]):
                    items.append((" ", False, gap[1], bottom, x.value, object_size, named, object_matrix, None))
            gap = None
            if items and not lost and items[-1][2] == left and items[-1][3] == bottom and not items[-1][1] and not object_turned:
                # One glyph read as several characters (a ligature, the two-em dash ——): one box, as
                # drawn (its loose box, when the advance of the first character is all it had).
                loose_box(textpage_address, i, prect)
                items[-1] = (items[-1][0] + text, *items[-1][1:4], max(items[-1][4], rect.right), *items[-1][5:])
                continue
            items.append((map_radicals(text) if 0x2E80 <= code <= 0x2FDF or text in GLYPH_TWINS else text, lost, left, bottom, right, object_size, named, object_matrix, turned))
            if 0xD800 <= code <= 0xDFFF:
                halves = True
    finally:
        raw.FPDFText_ClosePage(textpage)
    if halves:
        for key, items in out.items():
            out[key] = _join_surrogates(items)
    return out


def _join_surrogates(items: list[tuple]) -> list[tuple]:
    """A character beyond the Basic Multilingual Plane (`𠮷`, U+20BB7) is two characters of the
    text page, the halves of its UTF-16 surrogate pair: one glyph again, in the first half's
    box; a half without its pair is a character lost."""
    joined: list[tuple] = []
    for item in items:
        if joined and item[0][:1] and "\udc00" <= item[0][0] <= "\udfff" and joined[-1][0][-1:] and "\ud800" <= joined[-1][0][-1] <= "\udbff":
            last = joined[-1]
            joined[-1] = (last[0] + item[0], last[1], last[2], last[3], max(last[4], item[4]), *last[5:])
        else:
            joined.append(item)
    out = []
    for item in joined:
        text = item[0].encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
        if "\ufffd" in text:
            item = ("", True, *item[2:])  # a lone half: no character to read
        else:
            item = (text, *item[1:])
        out.append(item)
    return out


def _codes(raw, textpage, count: int) -> list[int] | tuple[int, ...]:
    """Each character's code point, read in one call (one call a character costs a microsecond
    each): the page's text as UTF-16, when it holds one unit a character (no surrogate pair);
    else character by character."""
    buffer = (ctypes.c_ushort * (2 * count + 1))()  # room for a surrogate pair a character, whatever PDFium writes
    if raw.FPDFText_GetText(textpage, 0, count, buffer) == count + 1:
        return buffer[:count]
    return [raw.FPDFText_GetUnicode(textpage, i) for i in range(count)]


def _turned_box(raw, textpage, i: int, rect, known: tuple, x: float, y: float, advance: float) -> tuple[float, float, float, float]:
    """The box (left, bottom, right, top, user space) of a character drawn turned a quarter
    turn: along the pen from its origin by its advance (the loose box's length that way when
    the font tells none), across from the font's descent up one em."""
    (a, b, c, d, _, _), size, descent = known[0], known[1], known[8]
    if not advance:
        raw.FPDFText_GetLooseCharBox(textpage, i, rect)
        along = abs(rect.top - rect.bottom) / known[5]
    else:
        along = advance
    xs = [x + c * descent + a * along * s + c * size * t for s in (0, 1) for t in (0, 1)]
    ys = [y + d * descent + b * along * s + d * size * t for s in (0, 1) for t in (0, 1)]
    return min(xs), min(ys), max(xs), max(ys)


# A glyph the file maps to no text that is a two-em dash by its shape: Firefox writes its fonts'
# character maps from their cmap, so a glyph shaping made of several characters has none; in
# Chinese type that is the dash `——` (破折号), one glyph two ems wide, which opens a subtitle.
DASH_WIDTH = (1.9, 2.1)  # ems: its advance
DASH_INK = 0.2  # ems: its ink at most this high...
DASH_INK_LENGTH = 0.75  # ...and at least this share of its advance long: a bar, not a mark


def _two_em_dash(raw, textpage, i: int, width: float, em: float) -> bool:
    """Whether the text page's character `i`, mapped to no text, is drawn as a two-em dash:
    advanced `width` (text space, along the pen) two ems of `em`, its ink a thin bar along it."""
    if em <= 0 or not DASH_WIDTH[0] * em <= width <= DASH_WIDTH[1] * em:
        return False
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    if not raw.FPDFText_GetCharBox(textpage, i, left, right, bottom, top):
        return False
    return top.value - bottom.value <= DASH_INK * em and right.value - left.value >= DASH_INK_LENGTH * width


def _advance(raw, font, code: int, size: float) -> float:
    """The glyph's advance in text space (its width in the font, for the code the Unicode maps back to); 0 if unknown."""
    width = ctypes.c_float()
    if font and raw.FPDFFont_GetGlyphWidth(font, code, size, ctypes.byref(width)) and width.value > 0:
        return width.value
    return 0.0


_BY_ADDRESS: dict[str, object] = {}


def _by_address(raw, name: str, answers_handle: bool = False):
    """PDFium's function `name` taking its handles (text page, object, font) as addresses (ints)
    and, with `answers_handle`, answering one so: pypdfium2's typed pointers cost a conversion
    at every call and a new object at every answer, more than most of the calls themselves,
    which run once a character, thousands a page. Made once a process."""
    call = _BY_ADDRESS.get(name)
    if call is None:
        typed = getattr(raw, name)
        handle = lambda t: isinstance(t, type) and issubclass(t, ctypes._Pointer) and "fpdf_" in t._type_.__name__  # noqa: E731
        prototype = ctypes.CFUNCTYPE(ctypes.c_void_p if answers_handle else typed.restype, *(ctypes.c_void_p if handle(t) else t for t in typed.argtypes))
        call = _BY_ADDRESS[name] = prototype(ctypes.cast(typed, ctypes.c_void_p).value)
    return call


def _stroke_wide(raw, address: int, em: float) -> bool:
    """Whether a text object (its address) drawn filled and stroked is made bold so, as
    typesetting systems draw bold of a face that has none (render mode 2, a stroke of a few
    hundredths of an em; a hairline is not bold): its stroke is wide enough."""
    width = ctypes.c_float()
    return bool(_by_address(raw, "FPDFPageObj_GetStrokeWidth")(address, ctypes.byref(width))) and width.value >= STROKED_BOLD_WIDTH * em


def _font(raw, font, key: int, fonts: dict[int, tuple[str, bool]]) -> tuple[str, bool]:
    """The font's name (BaseFont; empty for a Type 3 font) and whether it is a bold face; `key` is its address."""
    if key not in fonts:
        length = raw.FPDFFont_GetBaseFontName(font, None, 0) if font else 0
        buffer = ctypes.create_string_buffer(max(length, 1))
        if length > 0:
            raw.FPDFFont_GetBaseFontName(font, buffer, length)
        name = buffer.value.decode("utf-8", "replace")
        fonts[key] = (name, is_bold_font(name))
    return fonts[key]


def _path(raw, obj, own, page: Page) -> None:
    """A path object as rules and boxes, read as the pdfminer reader before it read one (benchmarks/pdfminer_glyphs.py)."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
    filled = fill.value != 0
    point_x, point_y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[tuple[list[tuple[float, float]], bool, bool]] = []  # points, curved, closed
    for i in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, i)
        kind = raw.FPDFPathSegment_GetType(segment)
        raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(point_x), ctypes.byref(point_y))
        point = _apply(own, point_x.value, point_y.value)
        if kind == raw.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append(([point], False, False))
        else:
            points, curved, _ = subpaths[-1]
            points.append(point)
            subpaths[-1] = (points, curved or kind == raw.FPDF_SEGMENT_BEZIERTO, False)
        if raw.FPDFPathSegment_GetClose(segment):
            points, curved, _ = subpaths[-1]
            subpaths[-1] = (points, curved, True)
    rects = _rects(subpaths)
    if rects is not None:
        if len(rects) == 2 and filled and nested(*rects):
            # A border drawn as a filled ring (outer and inner rectangle, even-odd): its sides.
            (ox0, oy0, ox1, oy1), (ix0, iy0, ix1, iy1) = sorted(rects, key=lambda r: -(r[2] - r[0]) * (r[3] - r[1]))
            for side in ((ox0, oy0, ox1, iy0), (ox0, iy1, ox1, oy1), (ox0, oy0, ix0, oy1), (ix1, oy0, ox1, oy1)):
                if min(side[2] - side[0], side[3] - side[1]) > 0.05:
                    add_shape(page, *side, False, True)
        else:
            for rect in rects:
                add_shape(page, *rect, False, filled)
        return
    for points, curved, closed in subpaths:
        if len(points) < 2:
            continue
        xs, ys = [x for x, _ in points], [y for _, y in points]
        line = not curved and len(points) == 2
        add_shape(page, min(xs), min(ys), max(xs), max(ys), not line and not _axis_rect(points), filled)


def _axis_rect(points) -> bool:
    return len(points) in (4, 5) and len({round(x, 2) for x, _ in points}) == 2 and len({round(y, 2) for _, y in points}) == 2


def _rects(subpaths) -> list[tuple[float, float, float, float]] | None:
    """The subpaths as axis-aligned rectangles (x0, y0, x1, y1) in page space, or None if any is not one."""
    rects = []
    for points, curved, closed in subpaths:
        if curved or not (closed or len(points) >= 4):
            return None
        xs, ys = {round(x, 2) for x, _ in points}, {round(y, 2) for _, y in points}
        if len(xs) != 2 or len(ys) != 2:
            return None
        rects.append((min(xs), min(ys), max(xs), max(ys)))
    return rects or None
