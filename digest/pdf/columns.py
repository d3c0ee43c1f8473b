"""Reading order of a page by recursive XY-cut.

The page's lines (and its pictures, which no cut may pass through) are split, recursively:

1. at a drawn horizontal rule across the whole region (a story boundary: `RULE` is emitted);
2. at a wide band of white space across the region under body text (stories stacked);
3. into columns, left to right, at vertical white space or a drawn vertical rule that runs
   the region's whole height;
4. top to bottom at white space wider than a body line's leading, or at any white space next
   to a headline-sized line or a picture;
5. if still stuck (something spans a gutter, e.g. a headline over its columns), at the highest
   white space below which the region splits into columns.

A frame drawn around a story counts as four rules. What is left is a column's lines, read top
to bottom; fragments side by side on one row are one printed line.
"""

from __future__ import annotations

from dataclasses import dataclass

from .glyphs import Box, Rule
from .lines import Line

RULE = "---"
LARGE = 1.2  # a line this many times the body size is display type (headline, kicker, subtitle)
COLUMN_GAP = 0.45  # ems of body type of vertical white space between columns
LEADING_GAP = 0.8  # ems of white space between lines that part two blocks
PARTING_GAP = 1.3  # ems of white space between body blocks that part two stories (more than a paragraph margin)
STORY_GAP = 1.5  # ems of white space under body text, across the region, that part two stories
MAX_DEPTH = 60


@dataclass(slots=True)
class Unit:
    x0: float
    y0: float
    x1: float
    y1: float
    line: Line | None = None  # None for a picture; the largest line of a display block
    lines: list[Line] | None = None  # a display block's lines (headline rows, kicker, subtitle)


DISPLAY = 1.12  # times the body size: display type, which keeps together across gutters


def _display_blocks(lines: list[Line], body: float) -> list[Unit]:
    """Lines of display type printed one under the other (a headline broken over rows, its
    kicker and subtitle) are one unit, so no cut parts them and no column is read in between."""
    units: list[Unit] = []
    blocks: list[Unit] = []
    for line in sorted(lines, key=lambda l: (l.y0, l.x0)):
        if line.size < DISPLAY * body or line.vertical:
            units.append(Unit(line.x0, line.y0, line.x1, line.y1, line, [line]))
            continue
        host = None
        for block in blocks:
            size = max(block.line.size, line.size)
            overlap = min(block.x1, line.x1) - max(block.x0, line.x0)
            if -0.2 * size <= line.y0 - block.y1 <= 0.8 * size and overlap > 0:
                host = block
                break
        if host is None:
            host = Unit(line.x0, line.y0, line.x1, line.y1, line, [line])
            blocks.append(host)
            units.append(host)
            continue
        host.lines.append(line)
        host.x0, host.y0, host.x1, host.y1 = min(host.x0, line.x0), min(host.y0, line.y0), max(host.x1, line.x1), max(host.y1, line.y1)
        if line.size > host.line.size:
            host.line = line
    return units


def _frames_and_pictures(lines: list[Line], boxes: list[Box]) -> tuple[list[Rule], list[Box]]:
    edges: list[Rule] = []
    pictures: list[Box] = []
    for box in boxes:
        inside = sum(1 for l in lines if box.x0 <= (l.x0 + l.x1) / 2 <= box.x1 and box.y0 <= (l.y0 + l.y1) / 2 <= box.y1)
        if inside:
            edges += [Rule(box.x0, box.y0, box.x1, box.y0), Rule(box.x0, box.y1, box.x1, box.y1), Rule(box.x0, box.y0, box.x0, box.y1), Rule(box.x1, box.y0, box.x1, box.y1)]
        else:
            pictures.append(box)
    return edges, pictures


def _on_edge(rule: Rule, box: Box, tol: float = 2.5) -> bool:
    inside_x = box.x0 - tol <= rule.x0 and rule.x1 <= box.x1 + tol
    inside_y = box.y0 - tol <= rule.y0 and rule.y1 <= box.y1 + tol
    if rule.horizontal:
        return inside_x and (abs(rule.y0 - box.y0) <= tol or abs(rule.y1 - box.y1) <= tol)
    return inside_y and (abs(rule.x0 - box.x0) <= tol or abs(rule.x1 - box.x1) <= tol)


def reading_order(lines: list[Line], rules: list[Rule], boxes: list[Box], body: float) -> list[list[Line] | str]:
    """The page's printed rows in reading order (each a list of fragments, left to right), with
    `RULE` where a drawn rule or frame parts two stories."""
    edges, pictures = _frames_and_pictures(lines, boxes)
    # A picture's own border is part of the picture, not a rule between stories.
    rules = [r for r in rules if not any(_on_edge(r, p) for p in pictures)]
    all_rules = rules + edges
    hrules = [r for r in all_rules if r.horizontal]
    vrules = [r for r in all_rules if not r.horizontal]
    units = _display_blocks(lines, body)
    # Pictures overlapping text (a shaded panel under a story) are no obstacle.
    for p in pictures:
        units.append(Unit(p.x0, p.y0, p.x1, p.y1))
    out: list[list[Line] | str] = []
    _Cutter(hrules, vrules, body, _spaced_paragraphs(lines, body)).cut(units, out, 0)
    # No rule at the ends, none doubled.
    cleaned: list[list[Line] | str] = []
    for item in out:
        if item == RULE and (not cleaned or cleaned[-1] == RULE):
            continue
        cleaned.append(item)
    while cleaned and cleaned[-1] == RULE:
        cleaned.pop()
    return cleaned


def _gaps(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """White space between the merged intervals, as (start, end)."""
    spans = sorted(spans)
    gaps = []
    end = spans[0][1]
    for a, b in spans[1:]:
        if a > end:
            gaps.append((end, a))
        end = max(end, b)
    return gaps


def _spaced_paragraphs(lines: list[Line], body: float) -> bool:
    """Whether the page parts its paragraphs with white space (as a web page does) rather than
    by indenting them (as a newspaper does): then white space is no sign of a new story."""
    ends = spaced = 0
    for line in lines:
        if line.vertical or line.size >= LARGE * body or not line.text.rstrip("”’）)")[-1:] in "。！？":
            continue
        below = [v for v in lines if v.y0 > line.y1 - 0.5 and min(v.x1, line.x1) - max(v.x0, line.x0) > 0.5 * body]
        if below:
            ends += 1
            spaced += min(v.y0 for v in below) - line.y1 >= LEADING_GAP * body
    return ends > 0 and spaced > 0.5 * ends


class _Cutter:
    def __init__(self, hrules: list[Rule], vrules: list[Rule], body: float, spaced: bool = False):
        self.hrules, self.vrules, self.body, self.spaced = hrules, vrules, body, spaced

    def large(self, unit: Unit) -> bool:
        return unit.line is None or unit.line.size >= LARGE * self.body or unit.line.vertical

    def cut(self, units: list[Unit], out: list, depth: int) -> None:
        if not any(u.line for u in units):
            return
        if len(units) == 1 or depth > MAX_DEPTH:
            self.rows(units, out)
            return
        for split, ruled in ((self.by_rules, True), (self.by_story_gaps, True), (self.by_columns, False), (self.by_leading, "gap"), (self.by_first_split, False)):
            parts = split(units)
            if parts and len(parts) > 1:
                for k, part in enumerate(parts):
                    # Blocks parted by white space: a story boundary unless display type is at the edge.
                    parted = ruled is True or (ruled == "gap" and self._parting(parts[k - 1], part))
                    if k and parted:
                        out.append(RULE)
                    self.cut(part, out, depth + 1)
                return
        self.rows(units, out)

    @staticmethod
    def _split_y(units: list[Unit], cuts: list[float]) -> list[list[Unit]]:
        parts: list[list[Unit]] = [[] for _ in range(len(cuts) + 1)]
        for u in units:
            k = sum(1 for c in cuts if (u.y0 + u.y1) / 2 > c)
            parts[k].append(u)
        return [p for p in parts if p]

    def by_rules(self, units: list[Unit]) -> list[list[Unit]] | None:
        x0, x1 = min(u.x0 for u in units), max(u.x1 for u in units)
        y0, y1 = min(u.y0 for u in units), max(u.y1 for u in units)
        width = x1 - x0
        cuts = []
        for r in self.hrules:
            y = (r.y0 + r.y1) / 2
            if not y0 < y < y1 or r.x0 > x0 + 0.15 * width or r.x1 < x1 - 0.15 * width:
                continue
            if any(u.y0 < y - 0.5 and u.y1 > y + 0.5 for u in units):
                continue
            cuts.append(y)
        return self._split_y(units, sorted(set(round(c, 1) for c in cuts))) if cuts else None

    def _ygaps(self, units: list[Unit]) -> list[tuple[float, float]]:
        return _gaps([(u.y0, u.y1) for u in units])

    def by_story_gaps(self, units: list[Unit]) -> list[list[Unit]] | None:
        cuts = []
        for a, b in self._ygaps(units):
            if b - a < STORY_GAP * self.body:
                continue
            above = [u for u in units if u.y1 <= a + 0.5 and u.y1 >= a - 2 * self.body]
            if above and not any(self.large(u) for u in above):
                cuts.append((a + b) / 2)
        return self._split_y(units, cuts) if cuts else None

    def _xcuts(self, units: list[Unit]) -> list[float]:
        y0, y1 = min(u.y0 for u in units), max(u.y1 for u in units)
        height = y1 - y0
        cuts = []
        for a, b in _gaps([(u.x0, u.x1) for u in units]):
            if b - a >= COLUMN_GAP * self.body:
                cuts.append((a + b) / 2)
                continue
            for r in self.vrules:
                x = (r.x0 + r.x1) / 2
                if a <= x <= b and min(r.y1, y1) - max(r.y0, y0) >= 0.5 * height:
                    cuts.append(x)
                    break
        return cuts

    def by_columns(self, units: list[Unit]) -> list[list[Unit]] | None:
        cuts = self._xcuts(units)
        if not cuts:
            return None
        parts: list[list[Unit]] = [[] for _ in range(len(cuts) + 1)]
        for u in units:
            parts[sum(1 for c in cuts if (u.x0 + u.x1) / 2 > c)].append(u)
        return [p for p in parts if p]

    def _parting(self, above: list[Unit], below: list[Unit]) -> bool:
        """White space between two blocks of body text, wider than a paragraph's spacing."""
        if self.spaced or any(self.large(u) for u in above + below):
            return False
        return min(u.y0 for u in below) - max(u.y1 for u in above) >= PARTING_GAP * self.body

    def by_leading(self, units: list[Unit]) -> list[list[Unit]] | None:
        cuts = []
        for a, b in self._ygaps(units):
            if b - a >= LEADING_GAP * self.body:
                cuts.append((a + b) / 2)
                continue
            near = [u for u in units if a - 0.5 <= u.y1 <= a + 0.5 or b - 0.5 <= u.y0 <= b + 0.5]
            if any(self.large(u) for u in near):
                cuts.append((a + b) / 2)
        return self._split_y(units, cuts) if cuts else None

    def by_first_split(self, units: list[Unit]) -> list[list[Unit]] | None:
        for a, b in self._ygaps(units):
            c = (a + b) / 2
            below = [u for u in units if (u.y0 + u.y1) / 2 > c]
            if len(below) > 1 and self._xcuts(below):
                return self._split_y(units, [c])
        return None

    def rows(self, units: list[Unit], out: list) -> None:
        """A column's lines top to bottom; fragments that share a row are one printed line.

        A region no cut could part may still hold columns of body text side by side (a line
        spanning them, such as a headline over two columns, hid the gutter from the cuts): then
        the lines spanning a gutter come first, and each column's lines after, left to right."""
        lines = [l for u in units if u.lines for l in u.lines]
        body_lines = [l for l in lines if not (l.vertical or l.size >= LARGE * self.body)]
        cuts = [(a + b) / 2 for a, b in _gaps([(l.x0, l.x1) for l in body_lines]) if b - a >= COLUMN_GAP * self.body] if len(body_lines) >= 4 else []
        if cuts and len(body_lines) >= 4:
            spanning = [l for l in lines if any(l.x0 < c < l.x1 for c in cuts)]
            columns: list[list[Line]] = [[] for _ in range(len(cuts) + 1)]
            for l in lines:
                if not any(l.x0 < c < l.x1 for c in cuts):
                    columns[sum(1 for c in cuts if (l.x0 + l.x1) / 2 > c)].append(l)
            for group in [spanning, *columns]:
                self._rows(group, out)
            return
        self._rows(lines, out)

    def _rows(self, lines: list[Line], out: list) -> None:
        rows: list[list[Line]] = []
        for line in sorted(lines, key=lambda l: (l.y0, l.x0)):
            if rows:
                row = rows[-1]
                top, bottom = min(v.y0 for v in row), max(v.y1 for v in row)
                overlap = min(bottom, line.y1) - max(top, line.y0)
                if overlap > 0.5 * min(line.y1 - line.y0, bottom - top):
                    row.append(line)
                    continue
            rows.append([line])
        for row in rows:
            out.append(sorted(row, key=lambda l: l.x0))
