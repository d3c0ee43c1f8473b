"""Fake bold: a face without a bold weight is made bold by drawing each glyph twice, the
second copy a fraction of a point off. Two glyphs of the same character at (almost) the same
place are one glyph, marked bold, before any text is made of them."""

from __future__ import annotations

from .glyphs import Glyph

# One glyph may reach the text layer as different code points in its two copies (a font's
# ToUnicode maps the dash of `17―19日` to U+2015 in one copy and U+2014 in the other).
SAME_CHARACTER = {"―": "—", "─": "—", "━": "—", "－": "-", "‐": "-", "‑": "-", "–": "-"}
SAME_GLYPH = str.maketrans(SAME_CHARACTER)
TOLERANCE = 1.0  # points, at most, between the two copies in either direction (also at most 0.12 of the size)
# Copies on one baseline may be further apart along it: Chromium justifies the two copies of a
# bold run apart (extra space after `“` in one copy only), up to this share of the size.
ALONG = 0.25
DRIFT = 2.0  # ems a justified line's second copy may lag behind its first (see merge_fake_bold)
# Copies straight above or below each other may be further apart across the baseline: Qt WebKit
# (wkhtmltopdf) sets the second copy of an absolutely placed block 0.07-0.15 em off the first's
# baseline. A glyph of another line is an em or more away, so 0.2 em is still one glyph drawn twice.
ACROSS = 0.2


CELL = 4.0  # points: glyphs are looked up by character in square cells this wide


def _same_glyph(text: str) -> str:
    """The text the two copies of one glyph share (a character looked up, not translated: this
    runs once a glyph)."""
    return SAME_CHARACTER.get(text, text) if len(text) == 1 else text.translate(SAME_GLYPH)


def merge_fake_bold(glyphs: list[Glyph]) -> tuple[list[Glyph], int]:
    """The glyphs with every second copy dropped and its first copy marked bold; and how many were dropped."""
    seen: dict[tuple[str, int, int], list[Glyph]] = {}
    kept: list[Glyph] = []
    dropped = 0
    last: Glyph | None = None  # the glyph drawn just before, if it was kept
    last_key = ""
    for glyph in glyphs:
        tol = min(TOLERANCE, 0.12 * glyph.size)
        along = ALONG * glyph.size
        across = max(tol, ACROSS * glyph.size)
        kx, ky, key = int(glyph.x0 // CELL), int(glyph.y0 // CELL), _same_glyph(glyph.text)
        twin = None
        # Drawn right after its first copy, on its baseline, up to two ems left of it: the copy of
        # a justified line that the justification did not move (WeasyPrint widens the spaces of
        # one copy of a fake-bold line and not the other's). Text runs on to the right.
        # (Off its baseline as far as `across`: Gecko sets its copies 0.25 pt low, and a line
        # justified wide, `报 电 话 0358-…和`, puts up to 0.8 em before each first copy only.)
        if (last is not None and last_key == key and abs(last.size - glyph.size) <= tol
                and abs(last.y1 - glyph.y1) <= across and -DRIFT * glyph.size <= glyph.x0 - last.x0 < 0):
            twin = last
        last = None
        reach = int(max(along, tol) // CELL) + 1
        rise = int(across // CELL) + 1
        for dx in range(-reach, reach + 1) if twin is None else ():
            for dy in range(-rise, rise + 1):
                for other in seen.get((key, kx + dx, ky + dy), ()):
                    if abs(other.size - glyph.size) > tol:
                        continue
                    near = abs(other.x0 - glyph.x0) <= tol and abs(other.y0 - glyph.y0) <= across
                    # Along the baseline, a copy still overlaps most of its first copy: a narrow
                    # letter's next one (`ll`, `11`) starts a quarter em on, within `along`. It may
                    # lie off the baseline too: Firefox sets an absolutely placed copy up to 0.12 em
                    # off its first and, in a justified line, up to a quarter em left of it (the
                    # space justification puts before a character moves the first copy only).
                    if near or (abs(other.x0 - glyph.x0) <= min(along, 0.5 * (other.x1 - other.x0)) and abs(other.y0 - glyph.y0) <= across):
                        twin = other
                        break
                if twin:
                    break
            if twin:
                break
        if twin is not None:
            twin.bold = True
            dropped += 1
            continue
        seen.setdefault((key, kx, ky), []).append(glyph)
        kept.append(glyph)
        last, last_key = glyph, key
    return kept, dropped
