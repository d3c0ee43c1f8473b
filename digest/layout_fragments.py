"""Layout-mode text's fragments put back on their columns' cells (the grid layout_stories.py reads).

Measured on WeasyPrint pages, `pdftotext -layout` does not keep a column on one cell: where
two columns' lines share a baseline and the gutter is narrow it prints them as one line with
a single space between (`基本养老保险统筹基金； 养老保险基金总收入`), and fragments to the right
of such a line are pushed several cells right (a column at x = 427 pt printed at cell 62 on
one row, 71 on the next). So a run of six characters or more on either side of a single
space is split there (a spaced couplet headline `送你一双鞋 走好人生路` has shorter halves),
each fragment joins the thread of lines starting near its cell on the rows just above (a
column of text), and is printed at that thread's cell (a paragraph's indent not kept: measured, it
parted columns). A line set justified, whose word space pdftotext prints as many spaces, is one
fragment again where both parts end within the line of its column (_join_justified).

On Chromium pages the cells say little: columns set an em apart come out one space apart on most
rows, so a column's lines start anywhere across a line's length (a column at cells 35 to 98 on one
page), and threads by nearness mixed neighbouring columns. A page of packed columns (a fifth of its
fragments split off at one space) is read on its columns instead: as many as the long fragments on
its fullest rows, each at the usual start of its fragment on the rows holding one a column, and
each row's fragments put on them left to right by least cost (_in_columns).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field

from .clean import printed_width
from .credits import DATED_DATELINE, DATELINE

# A single space between two runs this long parts two columns' lines printed as one.
SPLIT_RUN = 6
LETTER_SPACED_RUN = 4
# A fragment continues a thread (a column of lines) whose last line is at most this many rows up...
THREAD_GAP_ROWS = 4
# ...and whose cell is within this share of a body line's length (in cells) of its own:
# about half the pitch of the columns where they are set an em apart (Chromium; at 0.8 a
# column's first line printed on a row of its own went into the column left of it), more
# than most pushes pdftotext gives a fragment.
THREAD_REACH = 0.7
FULL_LINE = 0.8  # a fragment this share of a column's usual line or more is a full line (it anchors a thread)
# A column's line length, from the fragments within this many cells and rows of a line's start.
COLUMN_SLACK = 2
COLUMN_ROWS = 4
# A justified line's parts may be this many cells apart, at most, where they end past its column's
# line (measured on dev seeds 190-192: 3 cells read 56.2, 55.9 on 190 and 192; 6: 56.8, 57.6; 9: 56.5, 56.7).
JUSTIFIED_GAP = 6
# A story's last line (`……（完）`, `……（下转4版）`) is never set justified: a wide space after it
# is a gutter, and what follows is the next column's line however well it would fit.
STORY_END_RE = re.compile(r"[（(](?:完|下转[^（(）)]{1,8})[）)]$")
# A story's end mark set flush right is printed up to this many cells past its column's line
# (pdftotext pushes it right of the lines above it), or packed before the next column's line.
JUMP_PAST = 6


@dataclass(eq=False)
class _Fragment:
    row: int
    start: int
    text: str
    packed: bool = False  # split off the line before it: printed right after it, left of its column


@dataclass(eq=False)
class _Thread:
    last_row: int
    cell: int
    fragments: list[_Fragment] = field(default_factory=list)


def _fragments(line: str, row: int) -> list[_Fragment]:
    """The line's runs of text parted by two spaces or more, and by a single space between two
    runs of SPLIT_RUN characters or more (two columns run together), outside brackets."""
    out: list[_Fragment] = []
    for match in re.finditer(r"\S+(?: \S+)*", line):
        words = match.group().split(" ")
        fragment = _Fragment(row, match.start(), words[0])
        for word in words[1:]:
            inside_brackets = fragment.text.count("（") > fragment.text.count("）")  # `（记者 王涛）`: one column's words
            left = fragment.text.split(" ")
            # A letter-spaced line (`相 约 在 河 南`) run into the next column's line is parted too.
            spaced = len(left) >= LETTER_SPACED_RUN and all(len(w) == 1 for w in left[-LETTER_SPACED_RUN:])
            if (len(left[-1]) >= SPLIT_RUN or spaced) and len(word) >= SPLIT_RUN and not inside_brackets:
                out.append(fragment)
                fragment = _Fragment(row, fragment.start + len(fragment.text) + 1, word, packed=True)
            else:
                fragment.text += " " + word
        out.append(fragment)
    return out


# A dateline ending in its bracketed reporters (`本报讯 （记者 王涛）`), set apart from the
# report's first words by a wide space that pdftotext prints as a few spaces.
DATELINE_END_RE = re.compile(rf"^\s*(?:{DATELINE}).*[）)]$")
# A bare dateline (`本报讯   4月9日，方山`), and the end of one whose reporters ran onto its
# second line (`讯员肖继旺）      4月30日，`: a bracket closed that the line did not open).
BARE_DATELINE_RE = re.compile(rf"^\s*(?:{DATED_DATELINE}|{DATELINE})$")  # `2012年7月18日北京讯` too
LINE_OVERRUN = 2  # characters a dateline and its first words may run past a column's usual line (spaces not counted: pdftotext widens word spaces)


SENTENCE_END = "。！？”"


def _join_fitting(fragments: list[_Fragment], line_cells: float) -> list[_Fragment]:
    """Runs parted at a single space that together fit a column's line are one line: a headline
    of two phrases (`等闲识得东风面 万紫千红总是春`), not two columns run together, which make a
    line longer than a column's (parted again by _split_overlong where they do)."""
    out: list[_Fragment] = []
    for f in fragments:
        last = out[-1] if out else None
        if (last is not None and f.packed and f.start == last.start + len(last.text) + 1
                and len((last.text + f.text).replace(" ", "")) <= line_cells + LINE_OVERRUN):
            last.text += " " + f.text
            continue
        out.append(f)
    return out


def _split_overlong(fragments: list[_Fragment], line_cells: float) -> list[_Fragment]:
    """A fragment longer than a column's line holds two columns' lines run together at a single
    space (Chromium sets columns an em apart, and a short run, `冯杰 高新生 供图` or a paragraph's
    last words, is not split by SPLIT_RUN): parted at a space (outside brackets where it can), the left part
    no longer than a line, the right part too where it can be, after a sentence's end first,
    else as far right as it can (`本报讯 （记者 刘丽霞） 为` keeps its first word)."""
    limit = line_cells + LINE_OVERRUN
    out: list[_Fragment] = []
    pending = list(fragments)
    while pending:
        f = pending.pop(0)
        cut = _overlong_cut(f.text, limit, line_cells)
        if cut is None:
            out.append(f)
            continue
        out.append(_Fragment(f.row, f.start, f.text[:cut], f.packed))
        pending.insert(0, _Fragment(f.row, f.start + cut + 1, f.text[cut + 1 :], packed=True))
    return out


def _overlong_cut(text: str, limit: float, line_cells: float = 0) -> int | None:
    """Where to part `text` (None when it fits a line). Two headlines side by side are parted
    too (Chromium: `北京小区猫狗遭飞镖射杀 居民担 邢傲伟：望更多人加入搜狐慈`), and so is a
    headline set over two columns at a space: measured, that costs less than it gains."""
    if len(text.replace(" ", "")) <= limit:
        return None
    best, best_rank, depth = None, None, 0
    for i, ch in enumerate(text):
        depth = max(0, depth + (ch in "（(") - (ch in "）)"))
        if ch != " " or i == 0 or (text[i - 2 : i - 1] in " " and text[i + 2 : i + 3] in " "):
            continue  # not between two single characters: inside letter-spaced text (`卫 生 组 织`)
        left, right = text[:i].replace(" ", ""), text[i + 1 :].replace(" ", "")
        if len(left) > limit:
            break
        # Outside brackets first (`（记者 王涛）` is one column's), but a bracket the left column
        # opens may close on its next line (`信息时报讯 （记者 何小敏`).
        rank = (len(right) <= limit, not depth, len(right) <= line_cells, left[-1] in SENTENCE_END, len(left))
        if best_rank is None or rank > best_rank:
            best, best_rank = i, rank
    return best


def _bracket_depth(text: str) -> int:
    """Brackets the text opens and leaves open (negative: closes more than it opens)."""
    return text.count("（") + text.count("(") - text.count("）") - text.count(")")


def _runs_on(text: str, after: str) -> bool:
    """`after`, a wide space right of `text`, is the same column line's: the report after its
    dateline, or the rest of a bracket `text` leaves open (`报讯（记者赵鹏   文静）市`: pdftotext
    widens a word space inside the reporters' names)."""
    if DATELINE_END_RE.match(text) or BARE_DATELINE_RE.match(text):
        return True
    if text.endswith(("）", ")")) and _bracket_depth(text) < 0:
        return True
    closes = min((i for i in (after.find("）"), after.find(")")) if i >= 0), default=-1)
    opens = min((i for i in (after.find("（"), after.find("(")) if i >= 0), default=len(after))
    return _bracket_depth(text) > 0 and 0 <= closes < opens


def _join_datelines(fragments: list[_Fragment], line_cells: float) -> list[_Fragment]:
    """A dateline and the first words of its report after the wide space, as one fragment: not
    the next column's first line (split off at one space, or a gutter of a few cells away), which
    would run the line past its column's usual length. The space may be as wide as a column's line
    (a justified dateline whose report starts with one character, `本报讯 （记者 刘丽霞）        9`)."""
    out: list[_Fragment] = []
    for f in fragments:
        last = out[-1] if out else None
        if (last is not None and not f.packed and _runs_on(last.text, f.text)
                and f.start - (last.start + len(last.text)) <= line_cells
                and len((last.text + f.text).replace(" ", "")) <= line_cells + LINE_OVERRUN):
            last.text += " " + f.text
            continue
        out.append(f)
    return out


def _join_justified(rows: list[list[_Fragment]]) -> list[list[_Fragment]]:
    """Fragments a wide space apart that end within their column's line are one line: a line set
    justified whose word space was stretched (`小区内飞镖乱飞      猫狗`, a byline, a dateline), which
    pdftotext prints as many spaces. A column's line is as long as the longest fragment starting
    at its cell on the rows around; the next column's line starts past it."""
    at: dict[tuple[int, int], int] = {}  # (row, start) -> the fragment's length in cells
    for fragments in rows:
        for f in fragments:
            at[f.row, f.start] = len(f.text)
    out = []
    for fragments in rows:
        joined: list[_Fragment] = []
        for f in fragments:
            last = joined[-1] if joined else None
            line = _column_line(at, last) if last is not None else 0
            # Ending within its column's line; or a few cells after the left one with the characters
            # fitting the line (pdftotext prints a stretched word space as more cells than the
            # space it takes, the more so beside digits: `们捐了100    万元。` ends cells past it).
            if last is not None and not f.packed and not STORY_END_RE.search(last.text) and (
                    f.start + len(f.text) <= last.start + line + 1
                    or (f.start - last.start - len(last.text) <= JUSTIFIED_GAP
                        and printed_width((last.text + f.text).replace(" ", "")) <= line + 1)):
                last.text += " " + f.text
                continue
            joined.append(f)
        out.append(joined)
    return out


def _column_line(at: dict[tuple[int, int], int], fragment: _Fragment) -> int:
    """The longest fragment starting within COLUMN_SLACK cells of `fragment` on the COLUMN_ROWS
    rows above and below it: its column's line, in cells (0 when none)."""
    return max((at.get((row, cell), 0)
                for row in range(fragment.row - COLUMN_ROWS, fragment.row + COLUMN_ROWS + 1) if row != fragment.row
                for cell in range(fragment.start - COLUMN_SLACK, fragment.start + COLUMN_SLACK + 1)), default=0)


def _merge_packed(threads: list[_Thread], reach: int) -> list[_Thread]:
    """A column's lines split off the lines before them (`packed`) start right after those, left
    of the column's cell: a thread of such lines is the top of the column that goes on right of
    it within a few rows (Chromium sets columns an em apart, so its first lines are often so)."""
    for thread in sorted(threads, key=lambda t: t.fragments[0].row):
        if not thread.fragments or sum(f.packed for f in thread.fragments) * 2 <= len(thread.fragments):
            continue
        last = thread.fragments[-1].row
        following = [t for t in threads if t is not thread and t.fragments and 0 < t.fragments[0].row - last <= THREAD_GAP_ROWS
                     and 0 < t.cell - thread.cell <= 2 * reach]
        if following:
            host = min(following, key=lambda t: (t.fragments[0].row, t.cell - thread.cell))
            host.fragments[:0] = thread.fragments
            thread.fragments = []
    return [t for t in threads if t.fragments]


# A vertical headline (`writing-mode: vertical-rl`): pdftotext prints each character alone on
# a row, the next a few rows down (measured on WeasyPrint pages: five rows apart, at cells
# within five of each other, pushed by the lines left of them).
VERTICAL_ROWS = 6  # rows at most from one character to the next
VERTICAL_REACH = 6  # cells at most between them
VERTICAL_CHARS = 4  # characters at least (a column's stray `开。` or `1` is no headline)
# A character alone: a space or more before it (one: a justified line beside the headline runs up
# to it, `召开巩固 市`) or the line's start, and two spaces or more after it or the line's end; not
# one a single space after another lone character: the end of a letter-spaced line (`电 话 为`, a
# notice Chromium justifies so): on dev seed 230, 14 of the 27 vertical headlines found matched no
# printed headline, 8 of 21 with this.
_ALONE_RE = re.compile(r"(?:(?<= )|^)(?<! \S )(?<!^\S )([\u4e00-\u9fff])(?=  |$)")


def vertical_headlines_across(lines: list[str]) -> list[str]:
    """The lines with each vertical headline's characters taken off their rows and printed as one
    line of their own above its first character: read down the page one character a row, they
    went into the columns beside them (`韩` … `红` … `到`), and the headline was lost."""
    alone = [(r, m.start(), m.group(1)) for r, line in enumerate(lines) for m in _ALONE_RE.finditer(line)]
    taken: set[int] = set()
    headlines: list[tuple[int, int, str]] = []
    for k, (row, cell, _) in enumerate(alone):
        if k in taken:
            continue
        chain = [k]
        for j in range(k + 1, len(alone)):
            last_row, last_cell, _ = alone[chain[-1]]
            if alone[j][0] - last_row > VERTICAL_ROWS:
                break
            if j not in taken and alone[j][0] > last_row and abs(alone[j][1] - last_cell) <= VERTICAL_REACH:
                chain.append(j)
        if len(chain) >= VERTICAL_CHARS:
            taken.update(chain)
            headlines.append((row, cell, "".join(alone[j][2] for j in chain)))
    if not headlines:
        return lines
    out = list(lines)
    for j in taken:
        row, cell, _ = alone[j]
        out[row] = out[row][:cell] + " " + out[row][cell + 1 :]
    for row, cell, text in reversed(headlines):  # bottom up, so the rows above keep their numbers
        out.insert(row, " " * cell + text)
    return out


# Columns packed one space apart (Chromium sets them an em apart, and pdftotext prints a line one
# space after the line left of it on its row): a fifth of the fragments or more split off at one
# space (measured: 0.18-0.63 a page on 80 Chromium pages, at most 0.16 on WeasyPrint and ReportLab's).
PACKED_SHARE = 0.2
MIN_PACKED = 20  # and this many at least (a page holds hundreds of fragments)
LONG_LINE = 0.5  # a fragment this share of a column's line long or more counts towards the page's columns
FULL_ROWS = 8  # rows at least holding that many long fragments, to count the page's columns (the count the
# page was set in on 36 packed pages of 40 of dev seed 230, 34 with 6 rows; 10 or 12 rows lose pages of seed 191)
PACKED_SLACK = 0.5  # a packed fragment printed up to this share of a line right of its column's cell
PADDED_RIGHT = 0.2  # a padded fragment right of its column's cell costs this share of the same distance left of it
REPEAT_COST = 2.5  # a column twice on a row: two of its lines printed on one text row (lines set half a line apart)
SKIP_COST = 0.3  # a packed fragment skipping a column (in lines), where its left neighbour's next one is blank
# The second reading (_in_columns with the columns' natural cells): a fragment packed one space after
# the one left of it is that one's next column (pdftotext ran their lines into one text line: on
# lay23-670's packed pages 3,235 of 3,254 such pairs, a line on the page's HTML, were so), and one
# padded by two spaces or more (or first on its row) prints at its column's natural cell, not at the
# packed rows' cell (lay23-670 p0003: column 2 at cell 39 padded, 24-36 packed; the cells _column_cells
# finds are the packed ones). Fragments put on another column than their line's, on the packed pages of
# lay23-670, lay24-715 and -716: 974 -> 536 of 21,111 (CHAIN_COST 0.2 / 0.4 / 0.7 / 1.0: 614, 549, 567,
# 581; NATURAL_RIGHT 0.35 / 0.8: 536, 561).
CHAIN_COST = 0.5  # a packed fragment not in the column right after its neighbour's: this times the columns from its neighbour's (two or more; in lines)
NATURAL_RIGHT = 0.5  # a padded fragment right of its column's natural cell costs this share of the same distance left of it


def _column_cells(rows: list[list[_Fragment]], line_cells: float) -> list[int] | None:
    """Where each column of a page of packed columns starts: the page's columns are as many as the
    long fragments on its fullest rows (FULL_ROWS of them), and column k's cell is the usual start
    of the k-th fragment on the rows that hold one fragment a column. None when no such rows."""
    longs = [sum(1 for f in fragments if len(f.text) >= LONG_LINE * line_cells) for fragments in rows]
    count = max((m for m in set(longs) if sum(1 for n in longs if n >= m) >= FULL_ROWS), default=0)
    if count < 2:
        return None
    starts: list[list[int]] = [[] for _ in range(count)]
    for fragments, n in zip(rows, longs):
        if len(fragments) == count == n:
            for k, f in enumerate(fragments):
                starts[k].append(f.start)
    return [statistics.median_low(cells) for cells in starts] if all(starts) else None


def _packed_on_row(fragments: list[_Fragment]) -> list[bool]:
    """Which of a row's fragments (left to right) are printed packed, under two cells after the one
    left of it; the others are padded by two spaces or more, or first on their row."""
    packed, end = [], None
    for f in fragments:
        packed.append(end is not None and f.start - end < 2)
        end = f.start + len(f.text)
    return packed


def _in_columns(fragments: list[_Fragment], anchors: list[int], line_cells: float,
                natural: list[int] | None = None) -> list[tuple[_Fragment, int, int]]:
    """A row's fragments on the page's columns, left to right, one a column: the assignment of least
    cost, where a fragment padded by two spaces or more stands near its column's cell (pdftotext
    pushes it right more often than left) and a packed one, printed right after its left neighbour,
    at or left of its column's cell, most often in the column right after its neighbour's. A column
    takes two fragments of a row only at a cost (REPEAT_COST): two of its lines on one text row.
    Given the columns' `natural` cells (_natural_cells), a padded fragment is measured against those,
    and a packed one goes in the column right after its neighbour's, or elsewhere at CHAIN_COST times
    the columns from its neighbour's."""
    n, columns = len(fragments), len(anchors)
    if not fragments:
        return []
    packed = _packed_on_row(fragments)

    def cost(i: int, k: int) -> float:
        if packed[i]:
            over = fragments[i].start - anchors[k]
            return 0.0 if over <= PACKED_SLACK * line_cells else over / line_cells
        if natural is not None:
            over = fragments[i].start - natural[k]
            return (over * NATURAL_RIGHT if over > 0 else -over) / line_cells
        over = fragments[i].start - anchors[k]
        return (over * PADDED_RIGHT if over > 0 else -over) / line_cells

    def step(i: int, j: int, k: int) -> float:
        if j == k:
            return REPEAT_COST
        if not packed[i]:
            return 0.0
        return SKIP_COST * (k - j - 1) if natural is None else CHAIN_COST * (k - j) if k > j + 1 else 0.0

    inf = float("inf")
    best = [[inf] * columns for _ in range(n)]
    back = [[-1] * columns for _ in range(n)]
    best[0] = [cost(0, k) for k in range(columns)]
    for i in range(1, n):
        for k in range(columns):
            for j in range(k + 1):
                value = best[i - 1][j] + cost(i, k) + step(i, j, k)
                if value < best[i][k]:
                    best[i][k], back[i][k] = value, j
    k = min(range(columns), key=lambda c: best[n - 1][c])
    chosen = [0] * n
    for i in range(n - 1, -1, -1):
        chosen[i], k = k, back[i][k]
    # Every line at its column's cell: a packed line's indent is lost, and a padded line's start
    # is where pdftotext pushed it, so an indent kept set lines a few cells off their column.
    return [(f, anchors[k], k) for f, k in zip(fragments, chosen)]


def _natural_cells(rows: list[list[_Fragment]], anchors: list[int], line_cells: float) -> list[int]:
    """Where each column's lines print when nothing packs them against the text left of them: the
    usual start of its long fragments padded by two spaces or more (or first on their row), each on
    the column a first reading (_in_columns by the packed rows' cells) puts it."""
    starts: list[list[int]] = [[] for _ in anchors]
    for fragments in rows:
        for (f, _, k), packed in zip(_in_columns(fragments, anchors, line_cells), _packed_on_row(fragments)):
            if not packed and len(f.text) >= LONG_LINE * line_cells:
                starts[k].append(f.start)
    return [statistics.median_low(cells) if cells else anchor for cells, anchor in zip(starts, anchors)]


def _on_columns(rows: list[list[_Fragment]], anchors: list[int], line_cells: float) -> list[list[tuple[_Fragment, int, int]]]:
    """Each row's fragments on the page's columns (read a second time with the columns' natural
    cells); a column's second fragment on a row (its next line, printed on the same text row where
    lines are set half a line apart) goes on a row of its own right under it."""
    natural = _natural_cells(rows, anchors, line_cells)
    out = []
    for fragments in rows:
        first, second, seen = [], [], set()
        for item in _in_columns(fragments, anchors, line_cells, natural):
            (second if item[2] in seen else first).append(item)
            seen.add(item[2])
        out.append(first)
        if second:
            out.append(second)
    return out


MEASURED = 4  # characters at least in a fragment that measures a column's usual line


def usual_line(texts: Iterable[str]) -> float:
    """A column's usual line, in cells: the median length of the fragments of MEASURED characters
    or more (0 when there are none)."""
    lengths = [len(text) for text in texts if len(text) >= MEASURED]
    return statistics.median(lengths) if lengths else 0.0


def place_fragments(lines: list[str]) -> list[list[tuple[_Fragment, int, int]]]:
    """Each row's fragments as (fragment, the cell of its column, its column's number): the
    threads of lines starting near one cell on the rows above, or on a page of packed columns the
    page's columns, where a row may come out as two (see the module docstring)."""
    rows = [_fragments(line, r) for r, line in enumerate(lines)]
    measured = [f for fragments in rows for f in fragments if len(f.text) >= MEASURED]
    if not measured:
        return [[(f, f.start, -1) for f in fragments] for fragments in rows]
    line_cells = usual_line(f.text for f in measured)
    packed = sum(f.packed for f in measured)
    rows = [_join_datelines(_split_overlong(_join_fitting(fragments, line_cells), line_cells), line_cells) for fragments in rows]
    anchors = _column_cells(rows, line_cells) if packed >= max(MIN_PACKED, PACKED_SHARE * len(measured)) else None
    if anchors:
        return _on_columns(rows, anchors, line_cells)
    rows = _join_justified(rows)
    reach = max(4, int(THREAD_REACH * line_cells))
    threads: list[_Thread] = []
    active: list[_Thread] = []  # the threads a fragment of this row may continue, in `threads` order
    for r, fragments in enumerate(rows):
        active = [t for t in active if t.last_row >= r - THREAD_GAP_ROWS]  # (a long file: not every thread so far)
        taken: set[int] = set()
        for fragment in fragments:
            # A fragment split off a line was packed against it: its column may lie further right.
            right_reach = 2 * reach if fragment.packed else reach
            near = [t for t in active if id(t) not in taken and -reach <= t.cell - fragment.start <= right_reach]
            thread = min(near, key=lambda t: abs(fragment.start - t.cell), default=None)
            if STORY_END_RE.fullmatch(fragment.text.strip()):
                # A story's end mark (`（下转5版）`) set flush right under its column's last line,
                # printed past that line's end or packed before the next column's line: the
                # column's, whose cell lies left of it, not a column of its own nor the next one.
                ends = [t for t in active if id(t) not in taken and 0 < r - t.last_row <= 2
                        and t.cell < fragment.start <= t.cell + line_cells + JUMP_PAST]
                thread = max(ends, key=lambda t: (t.last_row, t.cell), default=thread)
            if thread is None:
                thread = _Thread(r, fragment.start)
                threads.append(thread)
                active.append(thread)
            taken.add(id(thread))
            thread.fragments.append(fragment)
            thread.last_row = r
            # A thread opened by short lines (a headline centred over its column, a paragraph's last
            # line) takes its cell from its first full line: the cell of the short ones drew the next
            # column's first lines into it. (Measured: anchored on a line inside a paragraph instead,
            # not on the first full line, which often opens one indented, it read worse: the cell a
            # paragraph's indent right of the column's edge is part of the gain, pdftotext pushing
            # lines right.)
            if len(fragment.text) >= FULL_LINE * line_cells and all(len(f.text) < FULL_LINE * line_cells for f in thread.fragments[:-1]):
                thread.cell = fragment.start
    threads = _merge_packed(threads, reach)
    # Every line at its thread's cell: an indent kept (two to four cells) read a paragraph's first
    # line, or a line pdftotext pushed right, as a block of its own beside its column.
    cell_of: dict[int, tuple[int, int]] = {}
    for number, thread in enumerate(threads):
        starts = [f.start for f in thread.fragments]
        cell = statistics.median_low(starts) if len(starts) >= 3 else min(starts)
        for f in thread.fragments:
            cell_of[id(f)] = (cell, number)
    return [[(f, *cell_of[id(f)]) for f in fragments] for fragments in rows]


__all__ = ["place_fragments", "vertical_headlines_across"]
