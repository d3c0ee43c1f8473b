"""Undo what PDF text extraction did to the page, line by line, then join lines into paragraphs.

Cleaning works on lines because line shape is what segmentation reads headlines from;
`join_lines` turns a run of body lines into paragraphs once segmentation has cut them.
Everything cleaning drops on purpose (doubled bold characters, continuation markers,
repeated paragraphs) is recorded, so nothing disappears silently.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

HAN = r"\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"  # 〇, the unified blocks and their extensions
_HAN_RE = re.compile(f"[{HAN}]")
_HAN_RUN_RE = re.compile(f"[{HAN}]+")  # han_only joins runs: far fewer matches than one per character
# Chinese full-width punctuation: spaces next to it are always layout, never content.
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】『』「」﹃﹄—…·％"
SENTENCE_END = "。！？"
CLOSERS = "”’」』）)》"
# Code points a Simplified Chinese font draws with the glyph of a common character, which a text
# layer names instead of it when one glyph serves both (Qt WebKit's, as other producers do the
# radicals): 戶 (U+6236) for 户, 㬵 (U+3B35) for 胶, the division slash for `/`, the wave dash
# for the full-width tilde. Simplified text never means them.
GLYPH_TWINS = {"\u6236": "户", "\u3b35": "胶", "\u2215": "/", "\u301c": "～"}
# 戶 is also a character in its own right: Traditional Chinese prints it (客戶, 住戶, 門戶; Big5
# has it, GB2312 not), and digest reads traditional text too (Big5 files, UTF-8, PDFs). It is
# mapped only by map_twins, on a whole file or a whole PDF page that does not write traditional
# characters (a line or a glyph alone cannot tell): a traditional quotation inside a simplified
# page still has its 戶 made 户.
TRADITIONAL_TWINS = "\u6236"
_TRADITIONAL_TWIN_RE = re.compile(f"[{TRADITIONAL_TWINS}]")
TRADITIONAL_SHARE = 0.1  # of a text's Han characters traditional forms, from which it writes traditional
# CJK Radicals Supplement, Kangxi Radicals, and the GLYPH_TWINS no text means (all but 戶)
_RADICAL_RE = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf" + "".join(sorted(set(GLYPH_TWINS) - set(TRADITIONAL_TWINS))) + "]")
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_HALF_RE = re.compile("[,;:?!]")
MARKER_RE = re.compile(r"[（(]\s*([上下])?\s*(接|转)\s*(?:第\s*)?(\d+|[一二三四五六七八九十]+)\s*版\s*[）)]")


def marker_side(match: re.Match) -> str:
    """上 or 下 of a MARKER_RE match: a bare `（转4版）` goes on on page 4 (下转), a bare `（接第1版）`
    goes on from page 1 (上接), as papers print them without 上/下 too."""
    return match.group(1) or ("上" if match.group(2) == "接" else "下")


@dataclass
class CleanLine:
    text: str
    number: int  # 1-based line number in the input, for error messages and positions
    width: float = 0.0  # printed width in Chinese characters (ASCII counts half): tells column lines from headlines
    justified: bool = False  # letter-spaced to fill its column, so as wide as the column whatever its width
    standalone: bool = False  # a section head kept inside an article: a paragraph of its own
    markers: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # the second copies undoubling dropped, in order
    indent: int = 0  # leading spaces: layout-mode text's indent within its column (layout_stories)

    @property
    def undoubled(self) -> bool:
        return bool(self.removed)


def is_han(ch: str) -> bool:
    return bool(_HAN_RE.match(ch))


def han_only(text: str) -> str:
    return "".join(_HAN_RUN_RE.findall(text))


def shingles(text: str, k: int) -> frozenset[str]:
    """The runs of `k` Han characters in the text (punctuation and Latin ignored): bigrams for
    headline matching and redundancy, longer runs for finding repeated articles."""
    han = han_only(text)
    if k == 2:
        return han_bigrams(han)
    return frozenset(han[i : i + k] for i in range(len(han) - k + 1))


def share_of_fewer(a: frozenset[str], b: frozenset[str]) -> float:
    """The share of the smaller set's shingles found in the other (0 when either is empty): how
    much two texts speak of the same things, a short one inside a long one counting in full."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def han_bigrams(han: str) -> frozenset[str]:
    """`shingles(han, 2)` of a text already reduced to its Han characters (`han_only`), the
    pairs made in C: han[i] + han[i + 1] is han[i : i + 2]."""
    return frozenset(map(operator.add, han, han[1:]))


def _is_cjk_side(ch: str) -> bool:
    return is_han(ch) or ch in CJK_PUNCT


def undouble(line: str) -> tuple[str, bool]:
    """Collapse bold text printed with every run doubled (`55月月 11日日，，吕梁市吕梁市`).

    Only lines that are doubled almost throughout are touched, so ordinary repeats
    (人人, 常常) in normal text are kept.
    """
    text, removed = undouble_recorded(line)
    return text, bool(removed)


def undouble_recorded(line: str) -> tuple[str, list[str]]:
    """`undouble`, also returning the second copy of every doubled run it dropped, in order."""
    compact = line.replace(" ", "")
    n = len(compact)
    if n < 6:
        return line, []
    out: list[str] = []
    removed: list[str] = []
    single = i = 0
    while i < n:
        # The shortest run of 1 to 40 characters printed twice in a row from here: try only
        # the lengths at which the first character comes back (a long line stays linear).
        first, end = compact[i], i + min(40, (n - i) // 2) + 1
        k = compact.find(first, i + 1, end) - i
        while k > 0 and compact[i + 1 : i + k] != compact[i + k + 1 : i + 2 * k]:
            k = compact.find(first, i + k + 1, end) - i
        if k > 0:
            out.append(compact[i : i + k])
            removed.append(compact[i + k : i + 2 * k])
            i += 2 * k
        else:
            out.append(first)
            single += 1
            i += 1
            if n - single < 0.8 * n:  # too little left to be doubled almost throughout
                return line, []
    # Spaces inside a doubled line are layout only; fix_spaces would drop them anyway.
    return "".join(out), removed


def _is_spaced_out(line: str) -> bool:
    """True for letter-spaced lines such as `投 诉 举 报 电 话` (justified PDF text)."""
    tokens = line.split()
    if len(tokens) < 4:
        return False
    short = sum(1 for t in tokens if len(t) <= 2 and any(_is_cjk_side(c) for c in t))
    return short >= 3 and short >= 0.4 * len(tokens)


def fix_spaces(line: str) -> str:
    """Drop spaces that extraction put between Chinese characters; keep the ones that separate words.

    A space stays only between two ASCII words (`2MW AEM`) or, on a line that is not
    letter-spaced, between two runs of Han characters (`记者 王涛`, `运动青春 筑梦未来`).
    """
    line = re.sub(r"[ \t\u3000\u00a0]+", " ", line).strip()
    if " " not in line:
        return line  # nothing to keep or drop
    spaced = _is_spaced_out(line)
    out = []
    for i, ch in enumerate(line):
        if ch != " ":
            out.append(ch)
            continue
        left, right = line[i - 1], line[i + 1]
        if left.isascii() and right.isascii():
            out.append(ch)
        elif not spaced and is_han(left) and is_han(right):
            out.append(ch)
    return "".join(out)


def normalize_punctuation(line: str) -> str:
    """Half-width punctuation inside Chinese text becomes full-width (`9月10日,由` -> `9月10日，由`)."""
    line = map_radicals(unicodedata.normalize("NFC", line))
    if _HALF_RE.search(line):  # most lines have none: no pass over their characters
        chars = list(line)
        for i, ch in enumerate(chars):
            if ch in _HALF_TO_FULL:
                left = chars[i - 1] if i else ""
                right = chars[i + 1] if i + 1 < len(chars) else ""
                between_digits = left.isdigit() and right.isdigit()
                if not between_digits and (_is_cjk_side(left) or _is_cjk_side(right) or left.isdigit() and not right):
                    chars[i] = _HALF_TO_FULL[ch]
        line = "".join(chars)
    line = re.sub(r"\(([^()]*)\)", lambda m: _full_parens(m, line), line)
    return line.replace("﹃", "“").replace("﹄", "”")


@lru_cache(maxsize=1)
def _supplement_table() -> dict[str, str]:
    table = {}
    for row in (Path(__file__).parent / "data" / "radicals.txt").read_text(encoding="utf-8").splitlines():
        if row and not row.startswith("#"):
            radical, ideograph = row.split("\t")[:2]
            table[radical] = ideograph
    return table


def _ideograph(radical: str) -> str:
    if radical in GLYPH_TWINS:
        return GLYPH_TWINS[radical]
    if radical >= "\u2f00":
        return unicodedata.normalize("NFKC", radical)  # Kangxi Radicals: NFKC maps every one
    return _supplement_table().get(radical, radical)  # CJK Radicals Supplement: NFKC maps only ⻟


def map_radicals(text: str) -> str:
    """PDF text layers often name a radical (⺠ U+2EA0, ⻋ U+2ECB, ⼯ U+2F2F) for the ideograph
    it looks like (民, 车, 工): both radical blocks are mapped back, and the GLYPH_TWINS no text
    means (㬵 for 胶, ∕ for /); nothing else is touched (戶: map_twins)."""
    return _RADICAL_RE.sub(lambda m: _ideograph(m.group(0)), text) if _RADICAL_RE.search(text) else text


@lru_cache(maxsize=None)
def is_traditional_form(ch: str) -> bool:
    """A Han character Big5 has and GB2312 has not (們, 國, 戶): a traditional form."""
    try:
        ch.encode("gb2312")
        return False
    except UnicodeEncodeError:
        pass
    try:
        ch.encode("cp950")
        return True
    except UnicodeEncodeError:
        return False


def writes_traditional(text: str) -> bool:
    """TRADITIONAL_SHARE or more of the text's Han characters, the twins aside, are traditional forms."""
    # Counted per distinct character (Counter counts in C): a 64 MB issue in a few seconds less.
    han = {ch: n for ch, n in Counter(text).items() if ch not in TRADITIONAL_TWINS and is_han(ch)}
    total = sum(han.values())
    return total > 0 and sum(n for ch, n in han.items() if is_traditional_form(ch)) >= TRADITIONAL_SHARE * total


def map_twins(text: str, whole: str | None = None) -> str:
    """The TRADITIONAL_TWINS (戶) of `text` mapped to what simplified text means (户), unless
    `whole` (the file or PDF page it is part of; the text itself by default) writes traditional
    characters: there 戶 is itself."""
    if not _TRADITIONAL_TWIN_RE.search(text) or writes_traditional(text if whole is None else whole):
        return text
    return _TRADITIONAL_TWIN_RE.sub(lambda m: GLYPH_TWINS[m.group(0)], text)


def _full_parens(match: re.Match, line: str) -> str:
    inner = match.group(1)
    start, end = match.span()
    around = line[max(0, start - 1) : start] + line[end : end + 1]
    if any(is_han(c) for c in inner + around):
        return f"（{inner}）"
    return match.group(0)


def clean_line(raw: str, number: int) -> CleanLine:
    text, removed = undouble_recorded(raw.strip())
    text = normalize_punctuation(fix_spaces(text))
    markers = []

    def take_marker(m: re.Match) -> str:
        markers.append(f"{marker_side(m)}{m.group(2)}{m.group(3)}版")
        return ""

    text = MARKER_RE.sub(take_marker, text).strip()
    justified = _is_spaced_out(raw.strip())
    indent = len(raw) - len(raw.lstrip(" "))
    return CleanLine(text=text, number=number, width=printed_width(text), justified=justified, markers=markers, indent=indent, removed=removed)


def printed_width(text: str) -> float:
    return len(text) - 0.5 * len(text.encode("ascii", "ignore"))  # an ASCII character is half as wide


# A line of at least this many Han characters printed again right under itself is one line
# drawn twice (fake bold by a shadow copy, which `pdftotext -raw` prints as a line of its own:
# 603 such lines on 40 Chromium flow pages, f201; a quoted run, `“爱鸟周”`, is drawn as a run of
# its own, copy and all); a single character repeated is a vertical headline's, dot leaders have none.
DOUBLED_LINE_HAN = 2


def clean_lines(raw: str) -> list[CleanLine]:
    """Clean every line; blank lines are dropped (they fall inside paragraphs as often as between
    them), and a line printed again right under itself (no blank line between) is kept once, its
    copies recorded as undoubling's are."""
    lines: list[CleanLine] = []
    for number, raw_line in enumerate(raw.split("\n"), start=1):
        if not raw_line.strip():
            continue
        line = clean_line(raw_line, number)
        if lines and line.number == lines[-1].number + 1 and line.text == lines[-1].text and len(han_only(line.text)) >= DOUBLED_LINE_HAN:
            lines[-1].removed.extend([*line.removed, line.text])
            lines[-1].markers.extend(line.markers)
            continue
        if line.text or line.markers:
            lines.append(line)
    return lines


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in SENTENCE_END + "…"


def ends_sentence_or_bracket(text: str) -> bool:
    """`text` ends a sentence, or a bracket (`…。（王涛）`, a sign-off): no sentence runs on from it."""
    return ends_sentence(text) or text[-1:] in "）)"


# No line of Chinese type starts with these (行首禁则): one that does, as an engine or an
# extractor left it (`…驱逐出境。` over `”刘说。`), goes on the sentence of the line above.
LINE_START_BANNED = "，。、；：！？" + CLOSERS


def ends_paragraph(text: str, next_text: str = "") -> bool:
    """A line ends its paragraph: it ends a sentence and the next line does not go on with it."""
    return ends_sentence(text) and not (next_text and next_text[0] in LINE_START_BANNED)


# An open byline parenthesis is short: only a paragraph's last BYLINE_REACH characters are
# read for one, so joining the lines of a paragraph that never ends a sentence (a file of
# numbers, 340,000 lines) stays linear; it read the whole paragraph at every line.
BYLINE_REACH = 200


def join_pair(left: str, right: str) -> str:
    """Join two pieces of one paragraph: no space, except between two ASCII words."""
    return left + _separator(left[-BYLINE_REACH:], right) + right


def _separator(left: str, right: str) -> str:
    """What goes between `left` (a paragraph's last BYLINE_REACH characters) and `right`."""
    if left and right and left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        return " "
    # Two names in an open byline parenthesis (`（记者 张娟娟` / `李江姗）`) must stay apart;
    # a name broken across the lines (`（记者 刘沛` / `林）`) must not.
    open_paren = max(left.rfind("（"), left.rfind("("))
    if open_paren > max(left.rfind("）"), left.rfind(")")) and "记者" in left[open_paren:]:
        left_run = re.search(f"[{HAN}]*$", left).group(0)
        right_run = re.match(f"[{HAN}]*", right).group(0)
        if len(left_run) >= 2 and len(right_run) >= 2 and not left_run.endswith(("记者", "通讯")):
            return " "
    return ""


def join_lines(lines: list[str]) -> list[str]:
    """Join column-wrapped lines into paragraphs; a paragraph ends where a line ends a sentence."""
    paragraphs: list[str] = []
    parts: list[str] = []  # joined once, when the paragraph ends: adding each line copied it
    tail = ""  # the paragraph's last BYLINE_REACH characters
    for k, line in enumerate(lines):
        separator = _separator(tail, line)
        parts += (separator, line)
        tail = (tail + separator + line)[-BYLINE_REACH:]
        if ends_paragraph(line, lines[k + 1] if k + 1 < len(lines) else ""):
            paragraphs.append("".join(parts))
            parts, tail = [], ""
    if current := "".join(parts):
        paragraphs.append(current)
    return paragraphs


def dedupe_paragraphs(paragraphs: list[str], seen: set[str], removed: list[str]) -> list[str]:
    """Drop a paragraph already printed earlier in the issue (`seen` is shared across the issue)."""
    kept = []
    for paragraph in paragraphs:
        key = han_only(paragraph)
        if len(key) >= 12 and key in seen:
            removed.append(paragraph)
            continue
        if len(key) >= 12:
            seen.add(key)
        kept.append(paragraph)
    return kept
