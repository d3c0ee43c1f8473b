"""Printed lines from glyphs: glyphs that follow one another on one baseline, at one size and
close enough, are a line fragment; a stack of single glyphs is a vertical line."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field

from ..clean import LINE_START_BANNED, is_han
from .glyphs import Glyph

GAP = 0.6  # ems of white space that end a fragment (letter spacing is narrower; a gutter or a full-width space wider)
SPACE = 0.5  # ems of white space read as a space inside a fragment
BASELINE = 0.25  # ems two glyphs' bottoms may differ by on one line
KERN = 0.6  # ems a glyph may overlap the one before (punctuation set half-width: ”，)
OPENING = frozenset("“‘（《〈「『［【〔｛")  # marks whose ink is in the right half of their em (one glyph each: not `in` a string, which "" and `“‘` are)
PULLED = 0.5  # ems more an opening mark may overlap the glyph before: set half-width, drawn half an em left (Typst: `，“`)
DISPLAY = 1.12  # times the body size: display type, which keeps together across gutters
STEP = 1.2  # a size jump this large across the display size parts two runs (a headline's row from the body beside it)
SAME_SIZE = 1.08  # glyphs of one headline row differ in size by less than this ratio
WIDE_SPACE = 0.7  # ems: a space drawn at least this wide is a wide space (ideographic: one em), which bridges its gap
# ems at most of white space a wide space no glyph was drawn for leaves inside a display row:
# one em (every row bridged on the dev PDFs: 8 rows, all 1.0 em), and 0.3 em for a row
# letter-spaced, the space and the glyph before it each carrying the spacing. Nothing measures it
# from above: on 2,333 dev pages every pair of display pieces 1.3 to 3 ems apart has a column
# start between (two headlines across a gutter), so 1.0 to 3 read every page alike (Review 26).
WIDE_GAP = 1.3
NEAR_SIZE = 1.03  # ...and by less than this where they sit on another baseline
OWN_BASELINE = 0.08  # ems two display glyphs' baselines differ by: their own rows (a headline's glyphs share one)
HEADLINE_GUTTER = 0.15  # ems of unexplained white space inside a display row: two headlines (measured: merged rows 0.22-0.64, whole ones under 0.08)
LATIN_SPACE = 0.3  # ems a typesetter may leave between Han and a Latin letter or digit (Typst: a quarter em), no gutter
CLOSING = frozenset(LINE_START_BANNED + "〉］】〕｝")  # marks no line may open with (行首禁则): kept on the row of the character before
# `_part_at_next_row`'s bounds. On the dev PDF sets (every page of pdf23-*, pdf24-*, lay23-*,
# lay24-*, raw23-*: 1,656 files) the step parts one row, pdf24-731 p0020, whose pair under it is
# 1.31 sizes down, starts 0.0 em off its glyphs, reaches 17 em short of its end and starts 9.9 em
# in; each bound at values either side (NEXT_ROW 1.5-3, ROW_EDGE 0.08-0.5, RIGHT_START 0-3,
# UNDER_REACH 0-3) parts that row and no other (docs: Review 25). So the values are margins, each
# keeping out a class the tests name, not fits.
NEXT_ROW = 1.8  # sizes at most from one display row's top to the next row's: a headline's leading (1.31 there), under twice it (the row after next)
ROW_EDGE = 0.15  # ems a row's left edge may stand off the glyph of the row above it starts at: a column's rows set flush left start at one x (0.0 there); a row centred or indented under it, a fraction of a character off, is no edge
RIGHT_START = 1.0  # ems at least the right row of the pair starts right of the row's start: the left row's two glyphs and the gutter after it put it there already, but for narrow Latin letters (a guard no test holds: 0 and 3 pass)
UNDER_REACH = 1.0  # ems at most the rows of the pair reach past the row's end (a mark hung in the gutter): a row run on further is set over a wider measure, no row of the two headlines the row runs into
DISPLAY_RUN = 2  # glyphs at least of display type a line read at body size is parted around (`_display_run_out`)
CELL_OFFSET = 0.35  # ems a vertical line's character kept on one row with a mark may stand off its column's middle (compressed: a quarter em)


@dataclass
class Line:
    glyphs: list[Glyph] = field(default_factory=list)  # in reading order; spaces included
    vertical: bool = False
    x0: float = 0.0
    y0: float = 0.0
    x1: float = 0.0
    y1: float = 0.0
    size: float = 0.0
    bold: bool = False
    _text: tuple = field(default=(None, 0, ""), repr=False, compare=False)  # (glyph list, its length, text): made once

    def finish(self) -> "Line":
        ink = [g for g in self.glyphs if g.text != " "]
        self.x0 = min(g.x0 for g in ink)
        self.y0 = min(g.y0 for g in ink)
        self.x1 = max(g.x1 for g in ink)
        self.y1 = max(g.y1 for g in ink)
        self.size = statistics.median(g.size for g in ink)
        self.bold = sum(g.bold for g in ink) * 2 > len(ink)
        return self

    @property
    def text(self) -> str:
        # Asked for again and again (stories, roles): made once, anew when the glyphs change.
        glyphs, count, text = self._text
        if glyphs is self.glyphs and count == len(self.glyphs):
            return text
        text = self._make_text()
        self._text = (self.glyphs, len(self.glyphs), text)
        return text

    def _make_text(self) -> str:
        out: list[str] = []
        previous: Glyph | None = None
        for glyph in self.glyphs:
            if glyph.text == " ":
                if out and out[-1] != " ":
                    out.append(" ")
                continue
            if previous is not None and not self.vertical and out[-1:] != [" "] and glyph.x0 - previous.x1 > SPACE * glyph.size:
                out.append(" ")
            out.append(glyph.text)
            previous = glyph
        return "".join(out).strip()

    @property
    def width(self) -> float:
        return self.x1 - self.x0


def _sizes_match(a: float, b: float, body: float) -> bool:
    """Two runs of these sizes may be one line: close in size, and not display type beside body
    type (a headline's row whose last glyph touches the next column's line on its baseline)."""
    if not 0.7 <= b / a <= 1.43:
        return False
    return (a >= DISPLAY * body) == (b >= DISPLAY * body) or max(a, b) / min(a, b) < STEP


def _continues(last: Glyph, glyph: Glyph, body: float, space: Glyph | None = None) -> bool:
    """`glyph` goes on the line `last` ends: close after it on its baseline, at its size; a wide
    space drawn between them (an ideographic space, `孙大军讲话　熊义志主持`) fills its gap."""
    if last.sideways or glyph.sideways:
        return False  # a cell of vertical type of its own (verticals stacks it)
    size = max(last.size, glyph.size)
    if not _sizes_match(last.size, glyph.size, body):
        return False
    if abs(glyph.y1 - last.y1) > BASELINE * size:
        return False
    gap = glyph.x0 - last.x1
    if (space is not None and space.x1 - space.x0 >= WIDE_SPACE * size and abs(space.y1 - last.y1) <= BASELINE * size
            and last.x1 - KERN * size <= space.x0 and space.x1 <= glyph.x0 + KERN * size):
        gap = glyph.x0 - space.x1
    return -overlap(glyph.text) * size <= gap <= GAP * size


def overlap(text: str) -> float:
    """Ems a glyph of `text` may overlap the one before on its line: a typesetter compressing
    two marks in a row (`，“`, `。（`) draws an opening one half an em left, its em box nearly
    over the mark before."""
    return KERN + PULLED if text in OPENING else KERN


def build_lines(glyphs: list[Glyph], body_size: float) -> list[Line]:
    """Fragments in content-stream order, merged where a stream drew one line in pieces, then
    stacks of single large glyphs joined into vertical lines."""
    fragments: list[Line] = []
    current: Line | None = None
    last: Glyph | None = None
    pending_space = False
    space: Glyph | None = None  # the space drawn since `last`
    for glyph in glyphs:
        if glyph.text == " ":
            pending_space = current is not None
            space = glyph
            continue
        if current is not None and last is not None and _continues(last, glyph, body_size, space if pending_space else None):
            if pending_space:
                current.glyphs.append(Glyph(" ", last.x1, last.y0, glyph.x0, last.y1, last.size, last.font))
            current.glyphs.append(glyph)
        else:
            current = Line([glyph])
            fragments.append(current)
        last, pending_space, space = glyph, False, None
    lines = _merge_pieces([f.finish() for f in fragments], body_size)
    _place_spaces(lines, [g for g in glyphs if g.text == " "])
    starts = _column_starts(lines, body_size)  # body lines only: bridging display rows moves none
    lines = _bridge_wide_spaces(lines, body_size, starts)
    return _verticals(_part_at_next_row(_part_display(lines, body_size, starts), body_size, starts), body_size)


# Body lines at least that start at one point (to the point) for a column to start there: at
# 2, a story's first lines under a headline's right piece parted two rows the keys print whole
# (pdf25-796 p0021, pdf25-804 p0034); 3 to 8 read the 2,333 dev pages alike (Review 26).
COLUMN_LINES = 4
# Ems a display glyph may stand off a column's start and start there. Starts are counted to the
# point and glyphs' edges are not: at 0, 148 dev pages read otherwise; 0.05 to 0.25 read them
# alike; at 0.5 a column start less than half an em off a bridged space's edges parts a row the
# key prints whole (pdf25-799 p0009; 5 pages at 1.0). ROW_EDGE's value, by another measure
# (Review 26).
COLUMN_EDGE = 0.15


def column_edges(lines: list[Line], side: str = "x0", least: int = 4) -> set[int]:
    """Left edges (whole points) that many lines start at: where columns begin (with
    `side="x1"`, right edges that many lines end at: where full lines of a column end)."""
    counts = Counter(round(getattr(l, side)) for l in lines)
    return {x for x in counts if counts[x] + counts.get(x - 1, 0) + counts.get(x + 1, 0) >= least}


def _column_starts(lines: list[Line], body: float) -> set[int]:
    """Where the page's columns start: points many body lines start at."""
    return column_edges([l for l in lines if not l.vertical and l.size < DISPLAY * body], least=COLUMN_LINES)


def _at_column_start(x: float, starts: set[int], size: float) -> bool:
    """`x` stands where a column of the page starts, within `COLUMN_EDGE` ems of `size`."""
    return any(abs(x - start) <= COLUMN_EDGE * size for start in starts)


def _column_start_between(end: float, ink: float, starts: set[int], size: float) -> bool:
    """A column of the page starts between a piece ending at `end` and the next one's ink at
    `ink` (within `COLUMN_EDGE` ems of `size`): the white space between is a gutter."""
    return any(end - COLUMN_EDGE * size < x <= ink + COLUMN_EDGE * size for x in starts)


def ink_start(glyph: Glyph) -> float:
    """Where `glyph`'s ink starts: an opening mark's in the right half of its em."""
    return glyph.x0 + 0.5 * (glyph.x1 - glyph.x0) if glyph.text in OPENING else glyph.x0


def _bridge_wide_spaces(lines: list[Line], body: float, starts: set[int]) -> list[Line]:
    """Two pieces of one display row a wide space apart with no glyph drawn for it (Chromium
    and Firefox draw none for U+3000: `再信任官办慈善机构　中坤`, `孝义市兑镇　铿锵的`) are one
    row, the space put back, where no column of the page starts between them: two headlines'
    rows set level stand apart across a gutter, the right one starting at or right of its
    column's start. In one size (to `NEAR_SIZE`), weight and face, on one baseline, the white
    space between them `WIDE_SPACE` to `WIDE_GAP` ems."""
    display = sorted((l for l in lines if not l.vertical and l.size >= DISPLAY * body and not l.glyphs[0].sideways),
                     key=lambda l: (round(l.y1), l.x0))
    if len(display) < 2:
        return lines
    if not starts:
        return lines  # no column of body text on the page: nothing tells a gutter from a space
    gone: set[int] = set()
    for k, left in enumerate(display):
        if id(left) in gone:
            continue
        for right in display[k + 1 :]:
            size = max(left.size, right.size)
            if right.y1 - left.y1 > BASELINE * size:
                break
            gap = right.x0 - left.x1
            if (id(right) in gone or abs(right.y1 - left.y1) > BASELINE * size or size / min(left.size, right.size) > NEAR_SIZE
                    or left.bold != right.bold or _face(left) != _face(right) or not WIDE_SPACE * size <= gap <= WIDE_GAP * size):
                continue
            # (An opening mark's ink is in the right half of its em: Typst hangs `“` half an em
            # left of the column its headline starts, `…列` / `“送双运动鞋”…`.)
            first = next(g for g in right.glyphs if g.text != " ")
            if _column_start_between(left.x1, ink_start(first), starts, size):
                continue
            last = left.glyphs[-1]
            left.glyphs = left.glyphs + [Glyph(" ", left.x1, last.y0, right.x0, last.y1, last.size, last.font)] + right.glyphs
            left.finish()
            gone.add(id(right))
    return [l for l in lines if id(l) not in gone] if gone else lines


def _face(line: Line) -> str:
    """The font most of the line's ink is set in, its subset tag (`ABCDEF+`) left off."""
    fonts = Counter(g.font.split("+", 1)[-1] for g in line.glyphs if g.text.strip())
    return fonts.most_common(1)[0][0] if fonts else ""


def _part_display(lines: list[Line], body: float, starts: set[int]) -> list[Line]:
    """A line of display type is two headlines' rows set level in neighbouring columns where
    its size changes, or where the white space between two glyphs (no space drawn there) is
    wider than the line's usual spacing by `HEADLINE_GUTTER` ems: a headline row is set in one
    size and evenly (`康师傅回应转卖废弃茶叶：` and `英国游客性骚扰中国女孩` 0.4 em apart). Between Han
    and a Latin letter or digit `LATIN_SPACE` ems are the typesetter's CJK–Latin spacing."""
    out: list[Line] = []
    for line in lines:
        if line.vertical or len(line.glyphs) < 2:
            out.append(line)
            continue
        if line.size < DISPLAY * body:
            out += _display_run_out(line, body)
            continue
        glyphs = line.glyphs
        gaps = [b.x0 - a.x1 for a, b in zip(glyphs, glyphs[1:]) if a.text != " " and b.text != " "]
        usual = statistics.median(gaps) if gaps else 0.0
        start, ink = 0, None  # ink: the last glyph with ink before the current one
        for k, glyph in enumerate(glyphs):
            if glyph.text == " ":
                continue
            if ink is not None:
                size = max(ink.size, glyph.size)
                ratio = size / min(ink.size, glyph.size)
                # (a size a little off on a baseline of its own is another headline's row too:
                # a hung `！` of a 15 pt row touching a 16 pt row, 0.17 em lower)
                # (or on its baseline, starting where a column of the page starts: `县区快讯`, a
                # column's 14 pt label, under the 15 pt headline's `，` hung over the gutter)
                resized = ratio > SAME_SIZE or (ratio > NEAR_SIZE and (abs(glyph.y1 - ink.y1) > OWN_BASELINE * size
                                                                       or _at_column_start(glyph.x0, starts, size)))
                room = LATIN_SPACE if latin_beside_han(ink.text, glyph.text) else HEADLINE_GUTTER
                apart = (glyphs[k - 1] is ink and glyph.x0 - ink.x1 >= usual + room * size
                         and not _wide_space_before_mark(ink, glyph, starts, size))
                if resized or apart:
                    out.append(Line(glyphs[start:k]).finish())
                    start = k
            ink = glyph
        out.append(line if start == 0 else Line(glyphs[start:]).finish())
    return out


def _wide_space_before_mark(ink: Glyph, mark: Glyph, starts: set[int], size: float) -> bool:
    """The white space before `mark`, an opening mark, is a wide space no glyph was drawn for:
    Chromium sets the `“` after it half an em early (`耿先生出于谨慎　“耿某某老同学`: its box 0.5 em
    after `慎`, its ink, the right half, an em after), `WIDE_SPACE` to `WIDE_GAP` ems to its ink,
    and no column of the page starts there (`_bridge_wide_spaces`' test): one headline's row."""
    if mark.text not in OPENING or not starts:
        return False
    mark_ink = ink_start(mark)
    return WIDE_SPACE * size <= mark_ink - ink.x1 <= WIDE_GAP * size and not _column_start_between(ink.x1, mark_ink, starts, size)


def _part_at_next_row(lines: list[Line], body: float, starts: set[int] = frozenset()) -> list[Line]:
    """A display row running on, with no white space, into a row of another headline level with
    it is parted where the row right above or below it, in its type, is parted: two headlines
    set side by side, the left one's row run past its column up to the next column's first
    character by a mark no line may open with (`“送双运动鞋”公示：调查：你认可在…`, `：` in the
    gutter), over `截止6月7日8所学校` and `吗？` standing apart under it. The cut is at the glyph
    starting where the right row of that pair starts (within `ROW_EDGE` ems), after a glyph that
    is no Han character: a headline of its own runs past its column only by a mark or a Latin
    word it cannot break. With the left headline one row (`浙江9名师生支教四川 凉山深处上学娃（图）`
    run into `15所学校过初选 甘`, over `肃1197名山里娃有`), no row stands apart under it: the row
    under the right one starting where a column of the page starts (`starts`, within `COLUMN_EDGE`)
    tells it instead."""
    display = [l for l in lines if not l.vertical and l.size >= DISPLAY * body and len(l.glyphs) >= 2]
    cuts: dict[int, float] = {}
    for line in display:
        size = line.size
        near = [m for m in display if m is not line and max(m.size, size) / min(m.size, size) <= SAME_SIZE
                and 0 < abs(m.y0 - line.y0) <= NEXT_ROW * size and m.x0 >= line.x0 - ROW_EDGE * size and m.x1 <= line.x1 + UNDER_REACH * size]
        for right in near:
            left = [m for m in near if m is not right and abs(m.y1 - right.y1) <= OWN_BASELINE * size
                    and m.x1 <= right.x0 - HEADLINE_GUTTER * size and m.x0 <= line.x0 + ROW_EDGE * size]
            # (With no left row: the right one starting where a column of the page starts, and
            # filling its headline's column as the row it is parted from does, ending within
            # `UNDER_REACH` of it: not a centred headline's short last row, `年轻人就业` under
            # `“延迟退休”话题升温 网民担心冲击`, which may start where a column does.)
            at_column = _at_column_start(right.x0, starts, size) and abs(right.x1 - line.x1) <= UNDER_REACH * size
            if not (left or at_column) or right.x0 < line.x0 + RIGHT_START * size:
                continue
            ink = [g for g in line.glyphs if g.text != " "]
            for a, b in zip(ink, ink[1:]):
                # (With no left row, only after a closing mark: not after an opening one, which
                # ends no row (`“` / `小桔灯”…`, a headline's `“` hung left of the column its next
                # row starts at), nor inside a number or a Latin word (`20` / `12年…`).)
                if (abs(b.x0 - right.x0) <= ROW_EDGE * size and not is_han(a.text) and abs(b.y1 - a.y1) <= BASELINE * size
                        and (left or (a.text not in OPENING and not a.text.isalnum()))):
                    cuts[id(line)] = b.x0
    if not cuts:
        return lines
    out: list[Line] = []
    for line in lines:
        at = cuts.get(id(line))
        if at is None:
            out.append(line)
            continue
        k = next(k for k, g in enumerate(line.glyphs) if g.text != " " and g.x0 >= at)
        out += [Line(line.glyphs[:k]).finish(), Line(line.glyphs[k:]).finish()]
    return out


def _display_run_out(line: Line, body: float) -> list[Line]:
    """A line read at body size that holds a run of display type: a subtitle's or kicker's row
    set a little larger than the body (under `STEP` times it, so `_continues` joined them) ending
    where the next column's body line starts on its baseline (`——社火表演等二十余个节目，` and
    `传统文学、注音版…`): the line's median is the body's, so the display run was read as body
    text, away from its headline. Parted where the size changes across the display size, the
    run at least `DISPLAY_RUN` glyphs (a bullet or a mark set large is no row of its own)."""
    ink = [g for g in line.glyphs if g.text != " "]
    display = [g.size >= DISPLAY * body for g in ink]
    if not any(display):
        return [line]
    cuts = [k for k in range(1, len(ink)) if display[k] != display[k - 1]
            and max(ink[k].size, ink[k - 1].size) / min(ink[k].size, ink[k - 1].size) > SAME_SIZE]
    runs = list(zip([0] + cuts, cuts + [len(ink)]))
    if len(runs) < 2 or any(display[a] and b - a < DISPLAY_RUN for a, b in runs):
        return [line]
    pieces = []
    for a, b in runs:
        first, last = line.glyphs.index(ink[a]), line.glyphs.index(ink[b - 1])
        pieces.append(Line(line.glyphs[first : last + 1]).finish())
    return pieces


def latin_beside_han(a: str, b: str) -> bool:
    """One of two neighbouring glyphs a Latin letter or digit, the other Han: where typesetters
    put CJK–Latin spacing (`拨款 3 亿`, Typst's quarter em, no space glyph drawn); never after
    a mark (`：3`, `”5G`), where a quarter em is a gutter."""
    return (a.isascii() and a.isalnum() and is_han(b)) or (b.isascii() and b.isalnum() and is_han(a))


def _place_spaces(lines: list[Line], spaces: list[Glyph]) -> None:
    """Space glyphs put where they are printed: an engine may draw a line's spaces apart from
    its words (Chromium draws them before the rest of the run), so the stream order that
    `build_lines` reads them in loses them, and with them the word breaks of a masthead set
    with narrow spaces (`星期五 科学导报 要闻`)."""
    if not spaces:
        return
    by_row: dict[int, list[Glyph]] = {}
    for space in spaces:
        by_row.setdefault(round(space.y1), []).append(space)
    for line in lines:
        if line.vertical or len(line.glyphs) < 2:
            continue
        row = [s for k in (round(line.y1) - 1, round(line.y1), round(line.y1) + 1) for s in by_row.get(k, ())]
        if not row:
            continue
        placed: list[Glyph] = [line.glyphs[0]]
        for glyph in line.glyphs[1:]:
            before = placed[-1]
            if glyph.text != " " and before.text != " " and glyph.x0 > before.x1:
                if any(before.x1 - 0.5 <= (s.x0 + s.x1) / 2 <= glyph.x0 + 0.5 and abs(s.y1 - line.y1) <= BASELINE * line.size for s in row):
                    placed.append(Glyph(" ", before.x1, before.y0, glyph.x0, before.y1, before.size, before.font))
            placed.append(glyph)
        line.glyphs = placed


def _merge_pieces(lines: list[Line], body: float) -> list[Line]:
    lines.sort(key=lambda l: (round(l.y1), l.x0))
    merged: list[Line] = []
    open_rows: list[Line] = []  # recent lines that a later piece may continue
    for line in lines:
        host = None
        for other in open_rows if not line.glyphs[0].sideways else ():
            size = max(other.size, line.size)
            if abs(other.y1 - line.y1) <= BASELINE * size and _sizes_match(other.size, line.size, body) and -overlap(line.glyphs[0].text) * size <= line.x0 - other.x1 <= GAP * size:
                host = other
                break
        if host is not None:
            host.glyphs.extend(line.glyphs)
            host.finish()
            continue
        merged.append(line)
        if not line.glyphs[0].sideways:
            open_rows = [l for l in open_rows if line.y1 - l.y1 <= 2 * l.size][-40:] + [line]
    return merged


def _verticals(lines: list[Line], body_size: float) -> list[Line]:
    """Single glyphs stacked in one column (a vertical headline) are one vertical line. A glyph
    drawn sideways (a digit or Latin letter turned in vertical type: `11` of `11月21日`) is read
    only as a cell of such a line with upright ones."""
    # A cell of a vertical line: one glyph, or two or three narrow ones set side by side (`11`),
    # or one character with the marks a typesetter keeps on its row (`胞：`, `“水`: text flowed
    # into a box one character wide breaks nowhere next to a mark).
    singles = [l for l in lines if len(l.glyphs) == 1 or (len(l.glyphs) <= 3 and l.width <= 1.2 * l.size) or _marked_cell(l)]
    marked = {id(l) for l in singles if len(l.glyphs) > 1 and _marked_cell(l)}
    turned = {id(l) for l in lines if l.glyphs[0].sideways}
    if len(singles) < 2:
        return [l for l in lines if id(l) not in turned]
    taken: set[int] = set()
    stacks: list[Line] = []
    top_down = sorted(singles, key=lambda l: (l.y0, l.x0))  # a stack starts at its top cell
    for i, start in enumerate(top_down):
        if id(start) in taken:
            continue
        stack = [start]
        for other in top_down[i + 1 :]:
            if id(other) in taken:
                continue
            tip = stack[-1]
            size = tip.size
            gap = other.y0 - tip.y1
            if gap > 0.8 * size:
                break  # the rest start lower still (sorted by top): none continues this stack
            # Centred in the column, or set flush left in it (a half-width digit of `11月`); a
            # character kept on its row with a mark is pushed off the middle by the mark.
            off = CELL_OFFSET if id(other) in marked or id(tip) in marked else 0.25
            if abs(_cell_middle(other) - _cell_middle(tip)) > off * size and abs(other.x0 - tip.x0) > 0.15 * size:
                continue
            if not 0.8 <= other.size / size <= 1.25:
                continue
            # (A sideways run's box and the upright cell after it may overlap a little: each is
            # placed by its own metrics.)
            if -(0.25 if id(other) in turned or id(tip) in turned else 0.1) * size <= gap:
                stack.append(other)
        big = statistics.median(l.size for l in stack) >= 1.25 * body_size
        upright = sum(1 for l in stack if id(l) not in turned)
        if (len(stack) >= 3 or (len(stack) == 2 and big)) and sum(len(l.glyphs) == 1 for l in stack) * 2 > len(stack) and upright:
            for l in stack:
                taken.add(id(l))
            stacks.append(Line([g for l in stack for g in l.glyphs], vertical=True).finish())
    return [l for l in lines if id(l) not in taken and id(l) not in turned] + stacks


def _marked_cell(line: Line) -> bool:
    """`line` is one character and at most two marks kept on its row by line breaking: opening
    marks before it, closing marks after it (`胞：`, `“水`, `质”`)."""
    glyphs = [g for g in line.glyphs if g.text != " "]
    core = [k for k, g in enumerate(glyphs) if g.text not in OPENING and g.text not in CLOSING]
    if not 2 <= len(glyphs) <= 3 or len(core) != 1 or line.width > 2.2 * line.size:
        return False
    k = core[0]
    return all(g.text in OPENING for g in glyphs[:k]) and all(g.text in CLOSING for g in glyphs[k + 1 :])


def _cell_middle(line: Line) -> float:
    """The middle of a vertical line's cell: its character's, without the marks kept with it."""
    core = [g for g in line.glyphs if g.text != " " and g.text not in OPENING and g.text not in CLOSING]
    return (core[0].x0 + core[0].x1) / 2 if len(line.glyphs) > 1 and len(core) == 1 else (line.x0 + line.x1) / 2
