"""One page: glyphs to lines, the header band and footers out, reading order, roles."""

from __future__ import annotations

import re

from ..clean import han_only, map_radicals
from ..masthead import Masthead, find_masthead
from .units import RULE, frames_and_pictures, on_edge, ruled_frames
from .fakebold import merge_fake_bold
from .glyphs import Page
from .lines import DISPLAY, Line, build_lines
from .roles import body_size, mark_roles
from .stories import story_order

HEADER_BAND = 0.25  # share of the page height a rule under the masthead may be at
HEADER_ROWS = 6  # rows above a rule under the masthead (a logo, dates, a section, a slogan); more, with a story, is no masthead's
EDGE_BAND = 0.08  # share of the page height at the top and bottom where furniture is looked for
FOOTER_RE = re.compile(
    r"^(?:第?\s*[A-H]?\d{1,2}\s*版?|[-—－·]\s*\d{1,3}\s*[-—－·]|\d{1,3})$"
    r"|(?:责任编辑|责编|编辑|校对|美编|版式|组版|审读|值班主任|总值班|签发)\s*[：:]"
    r"|(?:电话|传真|邮编|邮箱|地址|广告经营许可证|国内统一连续出版物号|定价|印刷)[：:]"
)


def _rows(lines: list[Line]) -> list[list[Line]]:
    """Lines printed on one row, each row measured by its first line (a row that grew with
    every line it took would swallow the stories under a masthead)."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda l: (l.y0, l.x0)):
        if rows:
            last = rows[-1]
            top, bottom = last[0].y0, last[0].y1
            if min(bottom, line.y1) - max(top, line.y0) > 0.4 * min(line.y1 - line.y0, bottom - top):
                last.append(line)
                continue
        rows.append([line])
    return [sorted(r, key=lambda l: l.x0) for r in rows]


def _row_text(row: list[Line]) -> str:
    return " ".join(l.text for l in row)


def _under_a_line(row: list[Line], lines: list[Line]) -> bool:
    """A line of the page is set right above `row`, as a column's lines follow one another."""
    ids = {id(r) for r in row}
    return any(0 <= r.y0 - l.y1 <= 0.8 * l.size and min(r.x1, l.x1) - max(r.x0, l.x0) > 0 for r in row for l in lines if id(l) not in ids)


def _header_rows(lines: list[Line], body: float) -> list[list[Line]]:
    """The rows of a header band, up to the first row of display type under a row of smaller
    type: a headline set right under the running header is a story's, not the header's
    section (a paper's name set large above its dateline is still read)."""
    rows = _rows(lines)
    for k in range(1, len(rows)):
        if any(l.size >= DISPLAY * body for l in rows[k]) and not any(l.size >= DISPLAY * body for l in rows[k - 1]):
            return rows[:k]
    return rows


STORY_LINES = 3  # body lines under a headline that make a band above a rule hold a story
STORY_LINE_HAN = 8  # ...each this many characters at least (a masthead's small lines are shorter)


def _holds_a_story(band: list[Line], body: float) -> bool:
    """A headline in display type with lines of body type under it, as a story's text is set
    under its headline, or a column of such lines with no headline over it (a photo's caption,
    a headless report): not a masthead however many rows its small lines make (a front page's
    numbers, dates, lunar date and telephones beside its logo)."""
    text = [l for l in band if abs(l.size - body) <= 0.15 * body and len(han_only(l.text)) >= STORY_LINE_HAN]
    for head in band:
        if head.size < DISPLAY * body and not any(head is l for l in text):
            continue
        under = [l for l in text if l is not head and l.y0 >= head.y1 - 1 and min(l.x1, head.x1) - max(l.x0, head.x0) > 0]
        if len(under) >= STORY_LINES:
            return True
    return False


def _take_masthead(lines: list[Line], page: Page, body: float) -> tuple[list[Line], Masthead | None]:
    """The masthead or running header out of the page's lines, read with `find_masthead`."""
    height = page.height
    long_rules = [r for r in page.rules if r.horizontal and r.x1 - r.x0 >= 0.5 * page.width and r.y0 <= HEADER_BAND * height]
    removed: set[int] = set()
    masthead = None
    for rule in sorted(long_rules, key=lambda r: r.y0):
        band = [l for l in lines if l.y1 <= rule.y0 + 1 and not l.vertical]
        if not band:
            continue
        rows = _rows(band)
        if len(rows) > HEADER_ROWS and _holds_a_story(band, body):
            break  # stories above it: a rule over the next stories, read by the top edge below
        found = find_masthead([_row_text(r) for r in rows])
        if found:
            masthead = found[0]
            removed = {id(l) for l in band}
        break
    if masthead is None:
        for edge in ("top", "bottom"):
            band = [l for l in lines if not l.vertical and (l.y0 <= EDGE_BAND * height if edge == "top" else l.y1 >= (1 - EDGE_BAND) * height)]
            if edge == "bottom":
                # A running foot is set apart: the last lines of columns that end on one row
                # (`（下转6版）`, a source `（参考消息网）`, a notice's date) are no footer.
                # A line of the foot itself (printed on two close lines) is no column above it.
                above = [l for l in lines if l.vertical or l.y1 < (1 - EDGE_BAND) * height]
                for line in sorted(band, key=lambda l: l.y0):
                    if _under_a_line([line], above):
                        above.append(line)
                dropped = {id(l) for l in above}
                band = [l for l in band if id(l) not in dropped]
            rows = _header_rows(band, body) if edge == "top" else _rows(band)
            found = find_masthead([_row_text(r) for r in rows])
            if found:
                masthead, first, end = found
                removed = {id(l) for r in rows[first:end] for l in r}
                break
    # The paper's name set large above its dateline (a front page's logo) is the masthead too.
    if masthead is not None and masthead.paper:
        removed |= {id(l) for l in lines if l.y0 <= HEADER_BAND * height and l.text.replace(" ", "") == masthead.paper}
    # Page numbers, 责任编辑 lines and the like at the top or bottom edge (not a credit line
    # set right under a column's last line: the end of that column's story).
    for row in _rows([l for l in lines if l.y0 <= EDGE_BAND * height or l.y1 >= (1 - EDGE_BAND) * height]):
        text = _row_text(row)
        if len(text) <= 60 and FOOTER_RE.search(text.replace(" ", "") if len(text) < 6 else text) and not _under_a_line(row, lines):
            removed |= {id(l) for l in row}
    return [l for l in lines if id(l) not in removed], masthead


def page_lines(page: Page) -> tuple[list[str], Masthead | None, int]:
    """The page's text lines (Markdown headings for display type, `---` at rules), its
    masthead, and how many doubled glyphs fake bold had; glyphs it could not place are added
    to `page.unreadable`."""
    glyphs, doubled = merge_fake_bold(page.glyphs)
    body = body_size(glyphs)
    lines = build_lines(glyphs, body)
    # A glyph turned a quarter turn is read only as a cell of a vertical line: one that is not
    # (a column label set sideways) is lost, and counted as such (page.unreadable, the note).
    turned = sum(1 for g in glyphs if g.sideways and g.text.strip())
    page.unreadable += turned - sum(1 for line in lines for g in line.glyphs if g.sideways and g.text.strip())
    lines, masthead = _take_masthead(lines, page, body)
    if not lines:
        return [], masthead, doubled
    edges, pictures, frames = frames_and_pictures(lines, page.boxes)
    rules = [r for r in page.rules if not any(on_edge(r, p) for p in pictures)] + edges
    order = story_order(lines, rules, pictures, body, frames=frames + ruled_frames(lines, rules))
    text_lines = [map_radicals(t) for t in mark_roles(order, body)]
    return text_lines, masthead, doubled


__all__ = ["page_lines", "RULE"]
