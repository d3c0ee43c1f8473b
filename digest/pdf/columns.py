"""What the columns of a page say of each other: which block stands beside another with its top
level, which text stops mid-sentence (it runs on) or ends its story (a sign-off, a credit, a
`（下转）` marker), which columns end level or stop short, as one story's columns do."""

from __future__ import annotations

import re
import statistics

from ..clean import HAN, MARKER_RE, ends_sentence, marker_side
from ..credits import LEAD_START_RE, NEXT_PHOTO_RE, ROLE_CREDIT_RE, SIGNATURE_RE, SIGNED_DATE_RE, SIGN_OFF_LINE_RE, SOURCE_LINE_RE, SUMMARY_LABEL_RE, photo_credit, signed_off
from .blocks import HEAD_GAP, JUSTIFIED_SPREAD, SHORT_LINE, Blocks, Element, is_byline, overlap, reading_order


ROW_ALIGN = 0.7  # ems of body type two column tops of one story may differ by
MEASURE_MATCH = 1.5  # ems two columns of a vertical headline's story may differ in measure by (ragged lines, a hung mark)
ROW_GUTTER = 3.0  # ems of body type at most between two columns of one story
SHORT_COLUMN = 1.5  # lines a column stops short of another by, to be its story's last
EVEN = 0.5  # lines two columns' ends may differ by and still end level
PITCH_TOLERANCE = 0.06  # ems two columns of one story's character pitch may differ by (justified lines run a little wider)
FULL_SHORT = 1.25  # ems a full line may stop short of its column's right edge (a character it had no room for, and what spaces in it left)
OPENS_STORY_RE = re.compile(r"^[（(]?\s*上接")


def text_above(block: Element, blocks: Blocks, gap: float) -> Element | None:
    """The block of `block`'s own column that ends right above it, at most `gap` above."""
    for other in blocks.ending_between(block.y0 - gap, block.y0):
        if other is not block and 0 <= block.y0 - other.y1 <= gap and overlap(other, block) > 0.5 * min(other.width, block.width):
            return other
    return None


def closing_line_under(block: Element, blocks: Blocks, body: float) -> Element | None:
    """The column, in a story, that `block` is the last line of when `block` is one line of where
    the text came from or who signed it (`（来源：山西晚报）`, `（编辑 X）`), or a notice's signature
    over its date (`吕梁市公安局交通警察支队` / `2025年3月18日`, two lines or three), set right under
    it, within the width of its story's columns (flush right: under a short last line, or a
    column of short lines, it lies outside their reach)."""
    text = block.first_text
    if not (len(block.lines) == 1 and (SOURCE_LINE_RE.match(text) or SIGN_OFF_LINE_RE.match(text)) or _signature_block(block)):
        return None
    for other in blocks.ending_between(block.y0 - HEAD_GAP * body, block.y0):
        if other is block or other.story is None or other.x0 - body > block.x0:
            continue
        measure = max([other.measure] + [e.measure for e in other.story.elements if e.kind == "body" and len(e.lines) > 3])
        if block.x1 <= other.x0 + measure + body:
            return other
    return None


def _signature_block(block: Element) -> bool:
    """`block` is two or three lines, the last a date (`2025年3月18日`): who signed a notice, over when."""
    rows = [l.text.replace(" ", "") for l in sorted(block.lines, key=reading_order)]
    return 2 <= len(rows) <= 3 and bool(SIGNED_DATE_RE.match(rows[-1])) and all(len(r) <= 30 for r in rows)


def _credit_line(text: str) -> bool:
    """A photo credit or a role's credit (`记者 X 摄`, `本报记者 X`): what ends a caption or opens a
    text; or a notice's signature, its office or date (`2025年5月18日`), which ends the notice."""
    return photo_credit(text) is not None or bool(ROLE_CREDIT_RE.match(text)) or bool(SIGNATURE_RE.match(text.replace(" ", "")))


def ends_story(element: Element) -> bool:
    """`element`'s last line ends its story: a `（下转4版）` marker, a sign-off or a credit line."""
    return closes(element) or _credit_line(element.last_line.text.strip())


def runs_on(element: Element, body: float) -> bool:
    """`element`'s text stops mid-sentence: its last line is full and ends with neither
    punctuation that closes a sentence nor a credit (`记者 X 摄`) or a `（下转4版）` marker."""
    last = element.last_line
    text = last.text.rstrip()
    if last.x1 < element.x1 - FULL_SHORT * body or not re.search(rf"[{HAN}，、]$", text):
        return False
    return not _credit_line(text)


def set_alike(a: Element, b: Element, tolerance: float = PITCH_TOLERANCE) -> bool:
    """Two blocks' characters are set the same distance apart, as the columns of one story are
    (a letter-spaced story beside a brief set solid is another story)."""
    if a.pitch is None or b.pitch is None:
        return True
    size = max(statistics.median(l.size for l in a.lines), statistics.median(l.size for l in b.lines))
    return abs(a.pitch - b.pitch) <= tolerance * size


def ends_level(left: Element, block: Element) -> bool:
    """`block` ends level with `left`, within `EVEN` of its lines, as a story's columns side by side do."""
    return abs(left.y1 - block.y1) <= EVEN * line_step(block)


def closes(element: Element) -> bool:
    """`element`'s text ends its story: its last line (with the one above, a sign-off broken
    over two) ends a sentence signed off in brackets (`…秩序。（王晓蓉 张岸林）`,
    credits.signed_off), or is a sign-off of its own under a sentence's end, or ends in a
    `（下转4版）` marker."""
    last = [l.text for l in sorted(element.lines, key=reading_order)[-2:]]
    marker = MARKER_RE.search(last[-1])
    return (signed_off(last) or _signed_off_below(last)
            or (marker is not None and marker_side(marker) == "下" and not last[-1][marker.end():].strip()))


def _signed_off_below(last: list[str]) -> bool:
    """The last of `last` (a column's last two lines) is a sign-off or a source on a line of its
    own (`（文佳 整理）`, `（李飞云 徐乐静）`, `（来源：山西日报）`) under a line ending a sentence:
    the story ends there (a column's foot so signed off was read as running on to the next
    column's head, taking another story's column into it)."""
    text = last[-1].strip()
    return (len(last) == 2 and ends_sentence(last[0].rstrip())
            and bool(SIGN_OFF_LINE_RE.match(text) or SOURCE_LINE_RE.match(text)))


def credited(left: Element, block: Element) -> bool:
    """`left` ends with a photo credit (`（郭炳中 摄）`): its caption ends there, so `block`, level
    with it on the right, is no next column of it but a story of its own, unless it opens the
    next photo's caption of one group (`图②…`)."""
    last = left.last_line.text.strip()
    return photo_credit(last) is not None and not NEXT_PHOTO_RE.match(block.first_text)


def line_step(element: Element) -> float:
    """The distance from one line of `element` to the next (its type's size and leading)."""
    tops = sorted(l.y0 for l in element.lines)
    steps = [b - a for a, b in zip(tops, tops[1:]) if b > a]
    return statistics.median(steps) if steps else 1.5 * max(l.size for l in element.lines)


def not_next_column(earlier: Element, later: Element, later_last: bool) -> bool:
    """`later` is not the column after `earlier` in one story: `earlier` ends a sentence and
    `later` runs on below it, or (when `later` is not the story's last column, which alone may
    stop short) `later` stops short of it."""
    if not ends_sentence(earlier.last_line.text):
        return False
    short = SHORT_COLUMN * line_step(earlier)
    return later.y1 > earlier.y1 + short or (not later_last and later.y1 < earlier.y1 - short)


def ended_short(left: Element, block: Element, blocks: Blocks, body: float) -> bool:
    """`left`'s story ends with it: a story's columns are filled evenly, all as long as its first
    but the last, which may stop short. So when `left`'s text ends a sentence, `block` is not its
    next column if it runs on below `left` by more than a line (two headless stories side by side,
    tops level, the right one longer); `left` is its story's
    last column if it stops short of the column before it in that story; and `block` is not its
    next column if it stops short of `left` while a column beside it, ending on its last line, goes on
    (`block` would be a middle column, as long as `left`): two stories side by side, tops level."""
    last = left.last_line
    if not ends_sentence(last.text):
        return False
    short = SHORT_COLUMN * line_step(left)
    if block.y1 > left.y1 + short:
        return True  # a story's next column never runs on below the one before it (two stories, tops level)
    if left.story is not None:
        top = left.top_lines[0].y0
        before = [e for e in left.story.elements if e.kind == "body" and e is not left and e.lines and e.x1 <= left.x0 + body
                  and abs(e.top_lines[0].y0 - top) <= ROW_ALIGN * body]
        if before and left.y1 < max(before, key=lambda e: e.x1).y1 - short:
            return True
    beside = block_beside(block, blocks, 1, body, tops=block.y0)
    return (beside is not None and beside.story is None and abs(beside.y1 - block.y1) <= EVEN * line_step(block)
            and block.y1 < left.y1 - short)


def opens_story(text: str, parted: bool = False) -> bool:
    """`（上接1版）`, a dateline, or (on a PDF's page) the label of a summary or note set over a
    report (`【核心提示】`; the layout-mode grid's reading is left as its labeller was trained on)."""
    return bool(OPENS_STORY_RE.match(text) or LEAD_START_RE.match(text) or (not parted and SUMMARY_LABEL_RE.match(text)))


def block_beside(edge: Element, blocks: Blocks, side: int, body: float, tops: float, run_on: bool = False) -> Element | None:
    """The block right beside `edge` (left when `side` is -1) whose top is at `tops`: its first
    line, or its second or third under short lines or bylines only (set over a story's first
    column; not a caption's or a brief's first full lines, which run on). `run_on`: a column of
    `edge`'s measure on its left that stops mid-sentence where `edge` opens mid-sentence may be
    set wider apart, by what justification adds (read so on a PDF's page only)."""

    def off(block: Element) -> float:
        top = block.top_lines
        lead = next((k for k, l in enumerate(top) if l.width >= SHORT_LINE * block.width and not is_byline(l.text)), len(top) - 1)
        return min(abs(l.y0 - tops) for l in top[: lead + 1])

    best = None
    for block in blocks.with_a_top_line_near(tops, ROW_ALIGN * body):
        if block is edge or off(block) > ROW_ALIGN * body:
            continue
        gutter = edge.x0 - block.x1 if side < 0 else block.x0 - edge.x1
        # (Negative: a line set too wide, or punctuation hung past the column's end, overlaps.)
        if not -1.0 * body <= gutter <= ROW_GUTTER * body:
            continue
        if edge.kind == "body" and (abs(block.measure - edge.measure) > 0.2 * max(block.measure, edge.measure) + body or not set_alike(block, edge)):
            # (A story's last column of three lines or fewer that stop short, `荣誉。`, says
            # nothing of its measure: on the left of one stopping mid-sentence, it is its next.)
            if not (side < 0 and len(edge.lines) <= 3 and edge.measure < block.measure and runs_on(block, body) and set_alike(block, edge)):
                # (Nor its pitch, when it stops mid-sentence and `edge`, of its measure, opens
                # mid-sentence: justification may have widened every line of a column with no
                # paragraph's end in it, by up to JUSTIFIED_SPREAD; `edge` is its next column.)
                if not (run_on and side < 0 and abs(block.measure - edge.measure) <= MEASURE_MATCH * body and runs_on(block, body)
                        and _opens_mid_sentence(edge, body) and set_alike(block, edge, JUSTIFIED_SPREAD)):
                    continue
        if best is None or off(block) < off(best):
            best = block
    return best


def _opens_mid_sentence(element: Element, body: float) -> bool:
    """`element`'s first line goes on with a sentence: set flush with its column (no paragraph's
    indent), opening with a Han character or a mark that never opens one (`，`), and no byline,
    dateline or `（上接）`."""
    top = element.first_line
    text = top.text.strip()
    return (top.x0 - element.x0 <= 0.5 * body and bool(re.match(rf"[{HAN}，、。；：！？”’）》]", text))
            and not is_byline(text) and not opens_story(text))


def text_top(element: Element) -> float:
    """The top of `element`'s text: its first line, or its second or third under short lines or
    bylines set over it (as `block_beside` reads a column's top)."""
    top = element.top_lines
    if not top:
        return element.y0
    lead = next((l for l in top if l.width >= SHORT_LINE * element.width and not is_byline(l.text)), top[-1])
    return lead.y0


# The layout-mode grid sets every line in body type, one cell a character: a line reads as a
# headline there when it is shorter than its column's measure by more than this share and ends
# with no punctuation (layout_stories reads a story's first row so too).
GRID_HEAD_SHARE = 0.85
UNPUNCTUATED_END_RE = re.compile(r"[。！？，、；：”）)]$")


def grid_headline_like(text: str, width: float, measure: float) -> bool:
    """A grid line of `text`, `width` wide, in a column `measure` wide, reads as a headline."""
    return width < GRID_HEAD_SHARE * measure and not UNPUNCTUATED_END_RE.search(text.strip())


def top_headline_like(block: Element, above: Element) -> bool:
    """The block's first line reads as a headline in the grid, beside the column above it."""
    top = block.first_line
    return grid_headline_like(top.text, top.x1 - top.x0, above.width)
