"""What each printed row is, from its type size relative to the page's body size and its place:
headline (`# `), kicker above it (`### `), subtitle below it (`## `), or body text as printed.

Display type is anything set at least `DISPLAY` times the body size (or vertical). Display rows
that follow one another closely form a headline group: its largest rows are the headline,
joined into one line; smaller rows above it are the kicker, below it the subtitle (beside a
vertical headline, a row across the top of its story is its subtitle). A body-size `——…` row
right under a headline is its subtitle too. A brief's title, set a little larger than its text
after a bullet (`■ 小桔灯志愿者募集中：`), under display size, is its headline (`## `).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter

from ..clean import han_only
from ..credits import ROLE_CREDIT_RE, photo_credit
from .units import DISPLAY
from .glyphs import Glyph
from .lines import WIDE_SPACE, Line
from .blocks import TITLE_SIZE, is_brief_title

ROLE_WORD_RE = re.compile(r"^(?:摄影?|供图|报道|整理|编译|综合)(?:\s|$)")  # a credit's role, after its names
SAME = 0.92  # rows at least this share of the headline's size are headline rows
MAX_HEADLINE = 64  # characters: display rows longer than this are a lead set large, not a headline


def body_size(glyphs: list[Glyph]) -> float:
    """The size most characters on the page are set in: the quarter point most glyphs' sizes
    round to, given as the median of those sizes, not the rounded value (a page printed scaled,
    as wkhtmltopdf prints and as e-papers are shrunk to A3, sets its body in 8.64 pt, not 8.75:
    rounded, a kicker 1.133 times the body's size measured 1.119, under DISPLAY)."""
    sizes = [g.size for g in glyphs if g.text != " "]
    counts = Counter(round(size * 4) for size in sizes)
    if not counts:
        return 10.0
    most = counts.most_common(1)[0][0]
    # To a twentieth of a point: an engine's 9.5 pt comes out 9.4995 or 9.495 pt.
    return round(statistics.median(size for size in sizes if round(size * 4) == most) * 20) / 20


class Row:
    def __init__(self, fragments: list[Line]):
        self.fragments = fragments
        self.text = " ".join(f.text for f in fragments if f.text)
        ink = [g for f in fragments for g in f.glyphs if g.text != " "]
        self.size = statistics.median(g.size for g in ink) if ink else 0.0
        self.x0 = min(f.x0 for f in fragments)
        self.x1 = max(f.x1 for f in fragments)
        self.y0 = min(f.y0 for f in fragments)
        self.y1 = max(f.y1 for f in fragments)
        self.vertical = any(f.vertical for f in fragments)

    @property
    def width(self) -> float:
        return self.x1 - self.x0


def _display(row: Row, body: float) -> bool:
    return row.size >= DISPLAY * body and len(row.text) <= MAX_HEADLINE


SAME_TYPE = 0.01  # of the size: two rows' sizes within this are one size (the same style, as drawn)


def _face(row: Row) -> tuple[bool, str]:
    """(bold, font name) of most of the row's ink, the font's subset tag (`ABCDEF+`) left off."""
    ink = [g for f in row.fragments for g in f.glyphs if g.text.strip()]
    fonts = Counter(g.font.split("+", 1)[-1] for g in ink)
    return sum(g.bold for g in ink) * 2 > len(ink), fonts.most_common(1)[0][0] if fonts else ""


def _same_type(upper: Row, lower: Row) -> bool:
    """Whether two display rows are set in one type: one size, weight and face."""
    return abs(upper.size - lower.size) <= SAME_TYPE * max(upper.size, lower.size) and _face(upper) == _face(lower)


def _close(group: list[Row], lower: Row) -> bool:
    """`lower` is printed right under the last of `group`'s rows (or beside it, for vertical type),
    in the same place: under the group's width (a subtitle set flush left under a centred
    headline's short last row, `景区？` over `——转运流程`)."""
    upper = group[-1]
    size = max(upper.size, lower.size)
    if upper.vertical or lower.vertical:
        return abs(upper.y0 - lower.y0) <= 2 * size or abs(lower.x1 - upper.x0) <= 1.5 * size
    overlap = min(max(r.x1 for r in group), lower.x1) - max(min(r.x0 for r in group), lower.x0)
    return -0.5 * size <= lower.y0 - upper.y1 <= 1.2 * size and overlap > -0.5 * size


def join_headline(rows: list[Row]) -> str:
    """One headline broken over rows: a row that stops short of the widest one ended a phrase
    (a space), a full row wrapped (no space)."""
    widest = max(r.width for r in rows)
    text = rows[0].text
    for previous, row in zip(rows, rows[1:]):
        wrapped = previous.width >= 0.9 * widest or previous.vertical
        text += ("" if wrapped else " ") + row.text
    return text


NAME_TAIL = 2  # Han characters at most of a byline's last name carried over to the next line


def _wide_gap(row: Row) -> int | None:
    """Where the row's first full-width space is (an ideographic space drawn, or white space as
    wide): the index of the first ink glyph after it in the row's only fragment."""
    if len(row.fragments) != 1:
        return None
    glyphs = row.fragments[0].glyphs
    ink = [k for k, g in enumerate(glyphs) if g.text != " "]
    for a, b in zip(ink, ink[1:]):
        if glyphs[b].x0 - glyphs[a].x1 >= WIDE_SPACE * row.size:
            return b
    return None


def _text(glyphs: list[Glyph]) -> str:
    return Line(glyphs).text if any(g.text != " " for g in glyphs) else ""


def run_in_byline(row: Row, previous: Row | None, following: Row | None = None) -> tuple[str, str, bool] | None:
    """A byline run into the first line of its text and set off from it by a full-width space
    (`■本报记者 文晶　党代会分…`), as its own line and the text's, where the text's first word
    would read as a second name; or the rest of such a byline's last name broken onto this line
    (`■本报记者 文玉` / `宁　为厚植…`), given back to `previous`, which it fills to the column's
    end: (byline, text, whether the byline is `previous` made whole). Not a credit's role set
    apart (`记者 X　摄`, `X　报道`), nor a byline of several names or credits set apart by
    full-width spaces (`■本报记者 文晶　李明`, `记者 X　通讯员 Y`): the text's first word ends a row
    as wide as the body row under it, `following` (a byline's last name ends it short)."""
    k = _wide_gap(row)
    if k is None or photo_credit(row.text) is not None:
        return None
    glyphs = row.fragments[0].glyphs
    before, after = _text(glyphs[:k]), _text(glyphs[k:])
    if ROLE_WORD_RE.match(after):
        return None
    if (ROLE_CREDIT_RE.match(before) and ROLE_CREDIT_RE.match(row.text) and not ROLE_CREDIT_RE.match(after)
            and following is not None and row.width >= following.width - row.size):
        # (Only where the whole row reads as names: a run-in byline before a longer word is
        # read as the text's first line, as before, and its report keeps its kind.)
        return before, after, False
    if (previous is not None and not previous.vertical and ROLE_CREDIT_RE.match(previous.text) and 1 <= len(before) <= NAME_TAIL
            and han_only(before) == before and previous.x1 >= row.x1 - row.size and previous.x0 >= row.x0 - row.size):
        return previous.text + before, after, True
    return None


def _brief_title_rows(rows: list[Row | str], i: int, body: float) -> int:
    """How many rows from `i` are a brief's title: rows set larger than the text under them (but
    under display size), the first opening with a bullet (`■ 小桔灯志愿者募集中：`, blocks.is_brief_title),
    the last not ending with a full stop, at the top of a story (after a rule, or under display type: a
    column label `本地简讯`); 0 if they are not."""
    row = rows[i]
    if isinstance(row, str) or _display(row, body) or row.vertical or not is_brief_title(row.text) or len(row.text) > MAX_HEADLINE:
        return 0
    if i and not (isinstance(rows[i - 1], str) or _display(rows[i - 1], body)):
        return 0
    n = 1
    while i + n < len(rows) and not isinstance(rows[i + n], str) and n < 3 and abs(rows[i + n].size - row.size) <= 0.02 * row.size:
        n += 1
    after = rows[i + n] if i + n < len(rows) else None
    if (after is None or isinstance(after, str) or _display(after, body) or after.size * TITLE_SIZE > row.size
            or rows[i + n - 1].text.rstrip().endswith("。")):
        return 0
    return n


def mark_roles(items: list[list[Line] | str], body: float) -> list[str]:
    """Text lines for the page: Markdown headings for display type, body rows as printed, `---` kept."""
    rows: list[Row | str] = [item if isinstance(item, str) else Row(item) for item in items]
    rows = [r for r in rows if isinstance(r, str) or r.text]
    out: list[str] = []
    carried = ""  # the text's first word after a run-in byline, printed on with the line under it
    i = 0
    while i < len(rows):
        row = rows[i]
        if isinstance(row, str):  # RULE or PICTURE, as they are
            out.append(row)
            i += 1
            continue
        if (title := _brief_title_rows(rows, i, body)) and not carried:
            # A brief's title set larger than its text, opening its story: its headline.
            out.append(f"## {join_headline(rows[i : i + title])}")
            i += title
            continue
        if not _display(row, body):
            # The row above as it was written out, whole (not itself parted: its byline is out[-2]).
            previous = rows[i - 1] if i and not isinstance(rows[i - 1], str) and not _display(rows[i - 1], body) and out and out[-1] == rows[i - 1].text else None
            following = rows[i + 1] if i + 1 < len(rows) else None
            if following is not None and (isinstance(following, str) or _display(following, body)):
                following = None
            parted = run_in_byline(row, previous, following)
            if parted is None:
                out.append(carried + row.text)
            else:
                if carried:
                    out.append(carried)
                byline, text, whole = parted
                if whole:
                    out[len(out) - whole:] = [byline, text]
                else:  # (as the segmenter's split_run_on_bylines reads a byline's last word that is no name)
                    out.append(byline)
                    carried = text
                    i += 1
                    continue
            carried = ""
            i += 1
            continue
        group = [row]
        j = i + 1
        while j < len(rows) and not isinstance(rows[j], str) and _display(rows[j], body) and _close(group, rows[j]):
            group.append(rows[j])
            j += 1
        top = max(r.size for r in group)
        heads = [k for k, r in enumerate(group) if r.size >= SAME * top]
        # A `——` row under the headline is its subtitle, set nearly as large as it or not; set in
        # the very type of the headline row over it (size, weight, face), it is that headline's
        # own row, broken before its dash (`统计数据为何矛盾？` / `——揭开房价数据“打架”的秘密`).
        dash = next((k for k, above in zip(heads[1:], heads) if group[k].text.startswith("——") and not _same_type(group[above], group[k])), None)
        heads = [k for k in heads if dash is None or k < dash]
        first, last = heads[0], heads[-1]
        if group[first].text.startswith("——"):
            # No headline opens with a dash: display rows opening so are a subtitle set apart from its
            # headline (across the top of a story beside its vertical headline), whatever their size.
            out.append(f"## {join_headline(group)}")
            i = j
            continue
        # Kicker, headline and subtitle each one line, however many rows they were set over.
        # Beside a vertical headline, a row set across the top of its story in smaller type is
        # its subtitle, set over the body (a kicker reads into a headline printed under it), and
        # so is a `——` row wherever it stands. Over a headline set across its story, the rows
        # are its kicker, one opening with `——` too (`——聚焦…`, broken over two rows: its first
        # row was read as a subtitle, its second as the kicker).
        vertical = all(r.vertical for r in group[first : last + 1])
        subtitle = [r for r in group[:first] if vertical and (r.text.startswith("——") or not r.vertical)]
        above = [r for r in group[:first] if r not in subtitle]
        if above:
            out.append(f"### {join_headline(above)}")
        out.append(f"# {join_headline(group[first : last + 1])}")
        below = subtitle + group[last + 1 :]
        # A `——` line at body size right under the headline is its subtitle.
        while j < len(rows) and not isinstance(rows[j], str) and rows[j].text.startswith("——") and len(rows[j].text) <= MAX_HEADLINE and _close(group, rows[j]):
            group.append(rows[j])
            below.append(rows[j])
            j += 1
        if below:
            out.append(f"## {join_headline(below)}")
        i = j
    return out
