"""The week's articles per theme as a horizontal bar chart in inline SVG.

Vector only (no raster image), the same markup for the HTML page and the PDF (WeasyPrint
draws inline SVG, Chinese labels included, with the fonts the page uses). The output
depends on nothing but the rows given: same rows, same bytes.
"""

from __future__ import annotations

import unicodedata
from html import escape as html_escape

from .errors import without_controls

FONT_FAMILY = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
BAR_COLOR = "#b42318"
TEXT_COLOR = "#1f2328"
AXIS_COLOR = "#8c959f"


def escape(text: str) -> str:
    """&, < and > as entities (what xml.sax.saxutils.escape does; its import loads urllib);
    control characters (a name from someone else's archive) left out."""
    return html_escape(without_controls(text), quote=False)  # and no control, which XML forbids


def _num(value: float) -> str:
    """Coordinates with at most one decimal and no trailing zeros: deterministic and short."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def text_width(text: str, font_size: float) -> float:
    """Estimated drawn width: a Chinese (wide) character is one em, anything else about half."""
    return sum(font_size if unicodedata.east_asian_width(ch) in "WF" else 0.55 * font_size for ch in text)


def bar_chart(rows: list[tuple[str, int]], *, label: str = "", width: int = 360, font_size: int = 13, row_height: int = 24) -> str:
    """One horizontal bar per (name, count) row, in the order given: the name on the left,
    the bar scaled to the largest count, the count after the bar. `label` is the chart's
    accessible name (<title> and aria-label). Empty rows give an empty string."""
    if not rows:
        return ""
    label_width = max(text_width(name, font_size) for name, _ in rows) + 10
    count_width = text_width(str(max(count for _, count in rows)), font_size) + 10
    bar_space = width - label_width - count_width - 2
    largest = max(count for _, count in rows) or 1
    bar_height = round(row_height * 0.6)
    height = row_height * len(rows) + 4
    parts = _svg_open(width, height, label, font_size)
    for index, (name, count) in enumerate(rows):
        top = 2 + index * row_height
        middle = top + row_height / 2
        baseline = middle + font_size * 0.36  # Latin and Han glyphs sit about this far below the middle
        bar = bar_space * count / largest
        parts.append(
            f'<text x="{_num(label_width - 8)}" y="{_num(baseline)}" text-anchor="end" fill="{TEXT_COLOR}">{escape(name)}</text>'
        )
        if count:
            parts.append(
                f'<rect x="{_num(label_width)}" y="{_num(middle - bar_height / 2)}" width="{_num(bar)}" height="{bar_height}" fill="{BAR_COLOR}"/>'
            )
        parts.append(f'<text x="{_num(label_width + bar + 5)}" y="{_num(baseline)}" fill="{TEXT_COLOR}">{count}</text>')
    parts.append(f'<line x1="{_num(label_width)}" y1="0" x2="{_num(label_width)}" y2="{height}" stroke="{AXIS_COLOR}" stroke-width="1"/>')
    parts.append("</svg>")
    return "\n".join(parts)


def _svg_open(width: int, height: float, label: str, font_size: int) -> list[str]:
    """The opening of a chart's SVG (and its title, when it has a label), as both charts draw it."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label).replace(chr(34), "&quot;")}" '
        f'font-family="{FONT_FAMILY}" font-size="{font_size}">',
    ]
    if label:
        parts.append(f"<title>{escape(label)}</title>")
    return parts


def theme_chart(sections) -> str:
    """Articles per section (each theme, then 省内动态), sections with no article left out."""
    return bar_chart([(s.name, len(s.articles)) for s in sections if s.articles], label="各主题稿件数")


def weekly_chart(weeks: list[str], series: dict[str, list[int]], *, label: str = "", width: int = 640, font_size: int = 13, row_height: int = 30) -> str:
    """Articles per week as small multiples in the style of `bar_chart`: one row per name (its
    label on the left, the total on the right), and in it one column per week, all rows on
    one scale; the first and last weeks are named under the last row. Same input, same bytes."""
    if not weeks or not series:
        return ""
    label_width = max(text_width(name, font_size) for name in series) + 10
    total_width = text_width(str(max(sum(counts) for counts in series.values())), font_size) + 12
    plot = width - label_width - total_width
    slot = plot / len(weeks)
    column = max(slot * 0.7, 1.0)
    largest = max(max(counts) for counts in series.values()) or 1
    height = row_height * len(series) + font_size + 10
    parts = _svg_open(width, height, label, font_size)
    for row, (name, counts) in enumerate(series.items()):
        bottom = (row + 1) * row_height - 4
        baseline = bottom - row_height / 2 + 4 + font_size * 0.36
        parts.append(f'<text x="{_num(label_width - 8)}" y="{_num(baseline)}" text-anchor="end" fill="{TEXT_COLOR}">{escape(name)}</text>')
        for index, count in enumerate(counts):
            if count:
                tall = (row_height - 8) * count / largest
                parts.append(f'<rect x="{_num(label_width + index * slot + (slot - column) / 2)}" y="{_num(bottom - tall)}" width="{_num(column)}" height="{_num(tall)}" fill="{BAR_COLOR}"><title>{escape(weeks[index])}: {count}</title></rect>')
        parts.append(f'<line x1="{_num(label_width)}" y1="{_num(bottom)}" x2="{_num(label_width + plot)}" y2="{_num(bottom)}" stroke="{AXIS_COLOR}" stroke-width="1"/>')
        parts.append(f'<text x="{_num(width - 4)}" y="{_num(baseline)}" text-anchor="end" fill="{TEXT_COLOR}">{sum(counts)}</text>')
    axis = row_height * len(series) + font_size + 4
    parts.append(f'<text x="{_num(label_width)}" y="{_num(axis)}" fill="{AXIS_COLOR}">{escape(weeks[0])}</text>')
    if len(weeks) > 1:
        parts.append(f'<text x="{_num(label_width + plot)}" y="{_num(axis)}" text-anchor="end" fill="{AXIS_COLOR}">{escape(weeks[-1])}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
