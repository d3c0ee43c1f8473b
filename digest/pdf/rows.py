"""A page's lines as its columns print them: a line run on into the next column's gutter is
split at that column's edge, and pieces of one column's line the extractor left apart (a hung
mark, a row justified wide) are joined again; `pdf.blocks` then stacks them into column blocks."""

from __future__ import annotations

import math

from .glyphs import Rule
from ..clean import is_han
from .lines import BASELINE, LATIN_SPACE, OPENING, Line, column_edges, ink_start, latin_beside_han

SIZE_TOLERANCE = 0.04  # share of a column's type size a line of it may differ by (a byline set a point smaller is not its type)


BASELINE_SHIFT = 0.1  # ems two glyphs of one face on one line never stand apart by
OVERHANG = "、，。；：！？”’）》…—"  # punctuation an engine lets hang past a column's right edge (or sets over it: `起来……`)


def split_at_edges(lines: list[Line], body: float, vrules: list[Rule] = ()) -> list[Line]:
    """A line that runs on into the next column (a line set too wide, its end in the gutter)
    is parted where a glyph starts at a column's left edge after a visible gap, and wherever a
    drawn vertical rule (`vrules`: down a gutter, a frame's side) runs between two glyphs."""
    edges, ends = column_edges(lines), column_edges(lines, "x1")
    out: list[Line] = []
    for line in lines:
        glyphs = [g for g in line.glyphs if g.text != " "]
        gaps = sorted(b.x0 - a.x1 for a, b in zip(glyphs, glyphs[1:]))
        if line.vertical or len(glyphs) < 4:
            out.append(line)
            continue
        usual = gaps[len(gaps) // 2]
        start = 0
        mid = (line.y0 + line.y1) / 2
        for k in range(1, len(glyphs)):
            # A rule between them parts two glyphs set apart or after punctuation hung past its
            # column's end, which may reach over the rule (`事项”，|在海外`, the next column only
            # three lines long, too few for an edge); not a caption's line set across a rule
            # drawn down the gutter under it, its glyphs at their usual pitch.
            if ((glyphs[k - 1].text in OVERHANG or glyphs[k].x0 - glyphs[k - 1].x1 >= 0.25 * body)
                    and any(glyphs[k - 1].x0 < (r.x0 + r.x1) / 2 <= glyphs[k].x0 + 0.5 and r.y0 <= mid <= r.y1 for r in vrules)):
                out.append(Line(glyphs[start:k]).finish())
                start = k
                continue
            if k - start < 2:
                continue
            if _near(glyphs[k].x0, edges):
                gap = glyphs[k].x0 - glyphs[k - 1].x1
            elif _hung_open(glyphs[k - 1], glyphs[k], edges, body):
                gap = ink_start(glyphs[k]) - glyphs[k - 1].x1
            else:
                continue
            # Or no gap at all: punctuation hung past the column's end fills the gutter (`精彩、，|子`),
            # or a line set too wide runs up to the next column's line, set on another baseline;
            # or a little wider than its own: a letter-spaced line too wide for its column
            # (`…23．6％。` two characters past the end where its column's lines end) runs
            # on up to the next column's first glyph.
            # (A Han–Latin pair set LATIN_SPACE apart is a typesetter's spacing, no visible gap.)
            # Or run over its column into the next one's line, overlapping its first character
            # set in another size (a caption's credit pushed right, `…毫升。 闫婧 供图` at 9 pt
            # over `孩子进行了…` at 9.5, Firefox): one line's Han characters overlap (Firefox's
            # advances, up to a tenth of an em) only in one type.
            visible = LATIN_SPACE if latin_beside_han(glyphs[k - 1].text, glyphs[k].text) else 0.25
            if (gap >= max(visible * body, 2 * usual + 0.15 * body) or (k - start >= 3 and _hung_punctuation(glyphs[start:k], ends))
                    or _hung_close(glyphs[k - 1], glyphs[k], ends, body)
                    or _other_baseline(glyphs[k - 1], glyphs[k], body)
                    or (gap >= usual + 0.1 * body and _ran_over(glyphs[start], glyphs[k - 1], ends, body))
                    or (gap < 0 and is_han(glyphs[k - 1].text) and is_han(glyphs[k].text)
                        and abs(glyphs[k].size - glyphs[k - 1].size) > SIZE_TOLERANCE * max(glyphs[k].size, glyphs[k - 1].size)
                        and _ran_over(glyphs[start], glyphs[k - 1], ends, body, reach=0.0))):
                out.append(Line(glyphs[start:k]).finish())
                start = k
        out.append(line if start == 0 else Line(glyphs[start:]).finish())
    return out


HUNG_OPEN_GAP = 0.2  # ems of white space at least before an opening mark hung left of a column's edge (inside a line: none, or less)


def _hung_open(before, mark, edges: set[int], body: float) -> bool:
    """`mark`, an opening mark set after white space, has its ink at a column's left edge: it opens
    that column's line, its em set half left of the edge (Typst trims an opening mark at a line's
    start so: `“外星人团队”` 0.5 em left of its column, 0.3 em right of the column before's
    full line), not a mark inside a line, set right after the character before it."""
    return mark.text in OPENING and mark.x0 - before.x1 >= HUNG_OPEN_GAP * body and _near(ink_start(mark), edges)


def _near(x: float, edges: set[int]) -> bool:
    """Whether an edge (whole points) is within a point of x: the few whole numbers there, looked up."""
    return any(abs(x - e) <= 1.0 for e in range(math.ceil(x - 1.0), math.floor(x + 1.0) + 1) if e in edges)


def _ran_over(first, last, ends: set[int], body: float, reach: float = 2.0) -> bool:
    """A fragment from glyph `first` to `last` runs past a column's right edge (one of `ends`,
    `reach` ems or more right of its start) by half an em or more: it ran over its column."""
    return any(e in ends for e in range(math.ceil(first.x0 + reach * body), math.floor(last.x1 - 0.5 * body)))


def _other_baseline(a, b, body: float) -> bool:
    """Two neighbouring glyphs of one face stand on baselines apart (a tenth of an em): not one line's."""
    return a.font == b.font and abs(a.y1 - b.y1) > BASELINE_SHIFT * body


LEFT_INK = frozenset("、，。；：”’）》〉」』】〕")  # closing marks whose ink is in the left half of their em (a Simplified Chinese face's)


def _hung_punctuation(glyphs: list, ends: set[int]) -> bool:
    """The last one or two of `glyphs` are punctuation set after the glyph that ends at a column's right edge."""
    for n in (1, 2):
        tail, end = glyphs[-n:], glyphs[-n - 1]
        if all(g.text in OVERHANG for g in tail) and _near(end.x1, ends):
            return True
    return False


HUNG_CLOSE_GAP = 0.15  # ems of white space at least after a closing mark hung past a column's edge (inside a line: none)


def _hung_close(mark, after, ends: set[int], body: float) -> bool:
    """`mark`, a closing mark with white space after it, has its ink (its em's left half) end at a
    column's right edge: it ends that column's line, its em set half past the edge (Typst trims a
    closing mark at a line's end so: `…2015年，` whose `，` reaches 0.23 em short of the next
    column's first character), not a mark inside a line, set right before the character after it."""
    return (mark.text in LEFT_INK and after.x0 - mark.x1 >= HUNG_CLOSE_GAP * body
            and _near(mark.x0 + 0.5 * (mark.x1 - mark.x0), ends))


NARROWEST = 3.5  # ems: no column is narrower, so a fragment starting this near a column's start, right of a fragment starting there, is no next column's line
SPACE_GAP = 1.25  # ems of white space at most a full-width space leaves (one em, and what a line's justification adds)


def join_rows(lines: list[Line], body: float, vrules: list[Rule] = ()) -> list[Line]:
    """Fragments of one printed line parted by wider white space (a full-width space after a
    dateline, before a credit) joined again; a fragment that starts where a column starts is
    the next column's line, never joined, nor one a column starts in the white space before
    when punctuation ends the fragment left of it (hung past its column: `隐患？| 9月17日…`, a
    line opening with a space the producer drew), nor two a drawn vertical rule runs between
    (`vrules`: a rule down a gutter, a frame's side: a framed story's last line beside a line
    of the column left of the frame), nor a fragment right of one whose punctuation hangs past
    the right edge its column's lines end at (`…但“逃生经济”` + `许可和认定事项。`, the last of a
    next column too short to make its left edge one), nor a fragment half an em or more right of a
    line that fills its column's measure (`_full_line`: Chromium's columns 1.5 ems apart). A
    fragment starting where indented paragraphs do (`者　姚锦波）…` after `（记`: one character
    and a full-width space, no space drawn) is no column's start: no column is `NARROWEST`."""
    spans: dict[tuple[int, int], list[float]] = {}  # (left, right) in whole points → the tops of lines so set
    for line in lines:
        spans.setdefault((round(line.x0), round(line.x1)), []).append(line.y0)
    lines = _spread_rows(lines, spans, body)
    edges, ends = column_edges(lines, least=3), column_edges(lines, "x1")
    out: list[Line] = []
    for line in sorted(lines, key=lambda l: (round(l.y1), l.x0)):
        last = out[-1] if out else None
        if (last is not None and not last.vertical and not line.vertical and abs(last.y1 - line.y1) <= 0.25 * body
                and 0 <= line.x0 - last.x1 <= _space_reach(last, line) and 0.8 <= line.size / last.size <= 1.25
                and not ({round(line.x0) - 1, round(line.x0), round(line.x0) + 1} & edges and not _opens_its_row(last, out, edges, body, line))
                and not _hung_open(last.glyphs[-1], line.glyphs[0], edges, body)
                and not (line.x0 - last.x1 >= 0.5 * body and _full_line(last, spans, body) and not _fill_together(last, line, spans, body))
                and not (last.text[-1:] in OVERHANG and (any(e in edges for e in range(math.floor(last.x1 - 0.5 * body), round(line.x0)))
                                                          or (len(last.glyphs) >= 3 and _hung_punctuation([g for g in last.glyphs if g.text != " "], ends))))
                and not any(last.x1 - 0.5 <= (r.x0 + r.x1) / 2 <= line.x0 + 0.5 and r.y0 <= (line.y0 + line.y1) / 2 <= r.y1 for r in vrules)):
            out[-1] = Line(last.glyphs + line.glyphs).finish()
            continue
        out.append(line)
    return out


WIDE_GAP = 1.6  # ems of white space at most between two fragments of one line (a full-width space, a little more)
SPACED_SLACK = 0.1  # ems more than a full-width space and the letter-spacing either side of it


def _letter_spacing(a: Line, b: Line) -> float:
    """The white space a line letter-spaced wide sets after each character (its Han characters'
    pitch less their size; 0 for a line set solid), measured in the two fragments `a` and `b`."""
    steps = sorted(h.x0 - g.x0 - g.size for l in (a, b) for g, h in zip(l.glyphs, l.glyphs[1:])
                   if is_han(g.text) and is_han(h.text))
    return max(0.0, steps[len(steps) // 2]) if steps else 0.0


def _space_reach(last: Line, line: Line) -> float:
    """How far apart two fragments of one printed line may stand: a full-width space and a little
    more (`WIDE_GAP`), or in a line letter-spaced wide, the space and the letter-spacing after the
    character before it and after itself (`新快报讯　记者` spaced 0.3 em: 1.6 ems and a hair)."""
    size = max(last.size, line.size)
    return max(WIDE_GAP * size, size + 2 * _letter_spacing(last, line) + SPACED_SLACK * size)


def _opens_its_row(last: Line, out: list[Line], edges: set[int], body: float, line: Line) -> bool:
    """`last` (the latest of `out`) opens its column's line: it starts at a column's edge, nothing
    is set within an em left of it on its row, and it ends in a Han character (not a mark hung
    past a column's end, where hung marks make an edge of their own); so `line`, starting
    within `NARROWEST` of it and a full-width space after it (`SPACE_GAP`, not a wide-spaced
    line's next character), goes on on its line, wherever lines start."""
    before = out[-2] if len(out) > 1 else None
    return (_near(last.x0, edges) and is_han(last.text[-1:]) and line.x0 - last.x0 <= NARROWEST * body
            and line.x0 - last.x1 <= SPACE_GAP * body
            and not (before is not None and abs(before.y1 - last.y1) <= 0.25 * body and last.x0 - before.x1 < body))


SPREAD_EVEN = 0.1  # ems the white spaces of a row justified across its measure may differ by


def _spread_rows(lines: list[Line], spans: dict[tuple[int, int], list[float]], body: float) -> list[Line]:
    """A row justified across its column's measure with white space wider than a gutter between
    its characters (a few characters before an address too long to break, `线，　邮　箱` over
    `llstszx@163.com。`: Chromium spreads them 2.4 ems apart in a narrow column) is one line:
    three fragments or more on one baseline, of one size, set evenly apart (their white spaces
    within a tenth of an em), that together start and end where another line within three lines
    does (`_full_line`). Two columns' rows are never so: no line spans both."""
    flat = sorted((l for l in lines if not l.vertical), key=lambda l: (l.y1, l.x0))
    rows: list[list[Line]] = []
    for line in flat:
        if rows and abs(line.y1 - rows[-1][0].y1) <= BASELINE * body:
            rows[-1].append(line)
        else:
            rows.append([line])
    joined: dict[int, Line | None] = {}
    for row in rows:
        if len(row) < 3:
            continue
        row.sort(key=lambda l: l.x0)
        i = 0
        while i < len(row) - 2:
            gap = row[i + 1].x0 - row[i].x1
            j = i + 1
            while (j < len(row) and abs(row[j].x0 - row[j - 1].x1 - gap) <= SPREAD_EVEN * body and gap > 0
                   and abs(row[j].size - row[i].size) <= SIZE_TOLERANCE * row[i].size):
                j += 1
            run = row[i:j]
            if len(run) >= 3:
                whole = Line([g for l in run for g in l.glyphs]).finish()
                if _full_line(whole, spans, body):
                    joined[id(run[0])] = whole
                    joined.update((id(l), None) for l in run[1:])
                    i = j
                    continue
            i += 1
    if not joined:
        return lines
    return [joined.get(id(l), l) for l in lines if joined.get(id(l), l) is not None]


def _fill_together(last: Line, line: Line, spans: dict[tuple[int, int], list[float]], body: float) -> bool:
    """`last` and `line` together fill their column's measure as another line within three lines
    does (it starts within a point of `last` and ends within an em of `line`: a mark hung past the
    edge): `last` only ends where a paragraph's last line near it happens to end (`拥有自己的粉丝圈。`
    over `我提交不了试用申请` + `A：`, a full-width space Chromium draws no glyph for between), so
    `line` is no next column's (two columns' rows together are wider than any line of either)."""
    x0 = round(last.x0)
    return any(abs(b - line.x1) <= body and any(_within_lines(y, last, body) for y in tops)
               for (a, b), tops in spans.items() if abs(a - x0) <= 1)


def _full_line(line: Line, spans: dict[tuple[int, int], list[float]], body: float) -> bool:
    """Another line within three lines above or below `line` starts and ends where it does (within
    a point): `line` fills its column's measure, so what is printed right of it on its row is
    another column's (Chromium sets two columns' rows 1.5 ems apart, under the white space a
    full-width space leaves inside a line)."""
    x0, x1 = round(line.x0), round(line.x1)
    return any(_within_lines(y, line, body) for a in (x0 - 1, x0, x0 + 1) for b in (x1 - 1, x1, x1 + 1) for y in spans.get((a, b), ()))


NEAR_LINES = 3  # how many lines away a line of the same measure still shows the column's measure


def _within_lines(top: float, line: Line, body: float) -> bool:
    """Another line's top `top` is within NEAR_LINES lines (the line's height and a body size's
    leading each) above or below `line`'s."""
    return top != line.y0 and abs(top - line.y0) <= NEAR_LINES * (line.y1 - line.y0 + body)
