"""Features of each line of a page, for the line labeller (`digest.segment.labeller`).

Each feature is a general cue of newspaper text, never a word of a particular article:
the rule tag `lines.classify` gives, the line's shape (length, width against the column the
lines around it are set in, how it ends, inner punctuation, a space between Han runs), how
it opens (a quote, a dash, a number), whether its wording runs on from the lines above
(lexical cohesion) and whether its wording is printed elsewhere on the page (a headline's
words come back in its body, wherever the body is printed).
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
import statistics
from collections import Counter, defaultdict

from ..clean import CLOSERS, CleanLine, ends_sentence, han_bigrams, han_only
from .lines import INNER_PUNCT
from .pieces import PageHan, reach_span
from .pieces import page_window as _window
from .repair import ANCHOR_CHARS

WINDOW = 8  # lines on either side whose widths estimate the column
COHESION_LINES = 3  # lines before and after a boundary compared for shared wording
LEAD_MATCH_CHARS = 60  # the opening of a paragraph a headline line is compared with


_DIGITS = tuple(map(str, range(16)))


def _bucket(value: float, edges: tuple[float, ...]) -> str:
    """The number of the first edge above `value` (how many edges are at or below it)."""
    return _DIGITS[bisect.bisect_right(edges, value)]


# A line's features are strings from a few small sets, made once here, not formatted anew on
# each of a page's lines: `_named(name, edges)[_bucket's number]` is `name=<number>`, and its
# last string `name=none`.


def _named(name: str, edges: tuple[float, ...]) -> tuple[str, ...]:
    return (*(f"{name}={digit}" for digit in _DIGITS[: len(edges) + 1]), f"{name}=none")


def _flag(name: str) -> tuple[str, str]:
    """`name=False`, `name=True`: indexed by the bool."""
    return f"{name}=False", f"{name}=True"


WCHANGE_EDGES, ANCHOR_EDGES, HAN_EDGES = (0.75, 1.75, 3.0), (0.2, 0.4, 0.6, 0.8), (1, 2, 3, 5, 9, 13, 17, 25, 40)
RATIO_EDGES, COHESION_EDGES, ECHO_EDGES = (0.01, 0.5, 0.8, 0.93, 1.07, 1.3), (0.0, 0.05, 0.15, 0.3), (0.0, 0.3, 0.6, 0.9)
BELOW_EDGES, RUN_EDGES, LEAD_EDGES = (-0.3, -0.05, 0.05, 0.3, 0.6), (-0.1, 0.05, 0.2, 0.4, 0.6), (0.2, 0.4, 0.6, 0.8)
ENDINGS = ("end", "comma", "dash", "digit", "ascii", "han")  # what _ending says
_WCHANGE, _ANCHOR, _HAN, _RATIO = _named("wchange", WCHANGE_EDGES), _named("anchor", ANCHOR_EDGES), _named("han", HAN_EDGES), _named("ratio", RATIO_EDGES)
_COHESION, _ECHO, _BELOW = _named("cohesion", COHESION_EDGES), _named("echo", ECHO_EDGES), _named("below", BELOW_EDGES)
_RUNABOVE, _RUNINSIDE, _LEADMATCH = _named("runabove", RUN_EDGES), _named("runinside", RUN_EDGES), _named("leadmatch", LEAD_EDGES)
_END = {end: f"end={end}" for end in ENDINGS}
_SHAPE = {end: tuple(f"shape={end}|{ratio.partition('=')[2]}" for ratio in _RATIO) for end in ENDINGS}  # by the ratio's number
_RUNPOS = {end: tuple(f"runpos={k}|{end}" for k in range(4)) for end in ENDINGS}
_INNER = tuple(f"inner={k}" for k in range(3))
_PARA, _TIMEOPEN, _SPACE, _JUSTIFIED, _DOUBLED = map(_flag, ("para", "timeopen", "space", "justified", "doubled"))


def _ending(text: str, ended: bool) -> str:
    """How the line ends; `ended`: `ends_sentence(text)`, known already."""
    if ended:
        return "end"
    last = text.rstrip(CLOSERS)[-1:] or " "
    if last in "，、；：":
        return "comma"
    if last in "—…":
        return "dash"
    if last.isdigit():
        return "digit"
    if last.isascii():
        return "ascii"
    return "han"


def _opening(text: str) -> str:
    first = text[:1]
    if text.startswith("——"):
        return "dash"
    if first in "“‘「『":
        return "quote"
    if first in "（(【":
        return "paren"
    if first.isdigit():
        return "digit"
    if first in "，。、；：！？”’）》":
        return "punct"
    return "han" if han_only(first) else "other"


# How news leads open: a date or a time word (`4月10日，`, `近日，`, `今年以来`). General news
# writing, so a paragraph opening this way is more likely a new report's first line.
TIME_OPENING_RE = re.compile(r"^(?:\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月|[近日连]日来?|日前|近期|眼下|当前|目前|今年以来|去年以来|[今昨前]天|昨日|今年|去年|[春夏秋冬]日)")


def _shared(grams: frozenset[str], han: str) -> int:
    """How many of the bigrams the Han text holds: `len(grams & han_bigrams(han))`, without
    making the window's bigrams (a pair of Han characters is in a Han text's bigrams exactly
    when it is in the text)."""
    return sum(map(han.__contains__, grams))


def _column_run(widths: list[float], full: list[bool], indexes) -> float:
    """Median width of up to four full lines (not a paragraph's last) among `indexes`."""
    picked = []
    for j in indexes:
        if full[j]:
            picked.append(widths[j])
            if len(picked) == 4:
                break
    return statistics.median(picked) if picked else 0.0


class _Heads:
    """Headline candidates of a page, by line (ascending): their lines, bigrams and sizes."""

    def __init__(self, heads: list[tuple[int, frozenset[str]]]):
        self.at = [j for j, _ in heads]
        self.grams = [head for _, head in heads]
        self.sizes = list(map(len, self.grams))

    def shares(self, grams: frozenset[str], lo: int, hi: int) -> list[float]:
        """Of headlines lo..hi-1, the share of each one's bigrams that `grams` holds (each
        `len(head & grams) / len(head)`), counted in C."""
        return list(map(operator.truediv, map(len, map(grams.__and__, self.grams[lo:hi])), self.sizes[lo:hi]))

    def apart(self, at: int, first: int, last: int) -> tuple[list[int], list[int]]:
        """The headlines within reach of line `at` (`pieces.reach_span`) but for those on
        lines first..last: two runs of indexes, (lo, hi) each."""
        lo, hi = reach_span(self.at, at)
        skip_lo, skip_hi = bisect.bisect_left(self.at, first, lo, hi), bisect.bisect_right(self.at, last, lo, hi)
        return (lo, skip_lo), (skip_hi, hi)


def _anchor(i: int, hans: PageHan, heads: _Heads) -> float:
    """How well the best headline candidate elsewhere (within reach; not within a line of it)
    matches the text from line i on."""
    window = han_bigrams(_window(hans, i, len(hans), ANCHOR_CHARS))  # made once, each headline intersected with it in C
    (lo, skip_lo), (skip_hi, hi) = heads.apart(i, i - 1, i + 1)
    return max((0.0, *heads.shares(window, lo, skip_lo), *heads.shares(window, skip_hi, hi)))


def _lead_match(i: int, grams: list[frozenset[str]], leads: list[tuple[int, frozenset[str]]], lead_at: list[int], leads_with: dict[str, list[int]]) -> float:
    """How much of line i's wording the best paragraph start elsewhere on the page (within
    reach) opens with (a headline says what its lead says, wherever the lead is printed); -1
    for a line too short. `leads_with` lists, for each bigram, the leads (ascending) that hold
    it: shared bigrams are counted through it instead of intersecting every lead in reach."""
    if len(grams[i]) < 2:
        return -1.0
    lo, hi = reach_span(lead_at, i)
    if lo == hi:
        return 0.0
    found = filter(None, map(leads_with.get, grams[i]))  # the holders of each bigram held
    if lo or hi < len(leads):  # not every lead in reach (never so on a page)
        found = [holders[bisect.bisect_left(holders, lo) : bisect.bisect_left(holders, hi)] for holders in found]
    shared = Counter(itertools.chain.from_iterable(found))  # lead -> bigrams it shares with line i
    for k in range(bisect.bisect_left(lead_at, i - 2), bisect.bisect_right(lead_at, i + 2)):
        shared.pop(k, None)  # a paragraph start within two lines is this line's own text
    return max(shared.values(), default=0) / len(grams[i])


def _paragraph_leads(lines: list[CleanLine], tags: list[str], hans: PageHan, ends: list[bool] | None = None) -> list[tuple[int, frozenset[str]]]:
    """(line index, bigrams of its first LEAD_MATCH_CHARS) of every paragraph start of body
    text. `ends`: whether each line ends a sentence, if known."""
    n = len(lines)
    ends = ends or [ends_sentence(line.text) for line in lines]
    para = [i == 0 or ends[i - 1] or tags[i - 1] not in ("body", "lead") for i in range(n)]
    return [(j, han_bigrams(_window(hans, j, n, LEAD_MATCH_CHARS))) for j in range(n) if para[j] and tags[j] in ("body", "lead")]


PARA_CHARS = 80  # the opening of a paragraph compared with the article before it
BACK_CHARS = 200  # the article so far, back from a paragraph start


def opens_paragraph(lines: list[CleanLine], tags: list[str], i: int, ends: list[bool] | None = None) -> bool:
    """Line i starts a paragraph: the line above ended a sentence or a bracket (`…。（王涛）`,
    a sign-off broken over two lines `（王岸` + `林）`), or was no article text. `ends`: whether
    each line ends a sentence, if known."""
    above = lines[i - 1].text if i else ""
    return i == 0 or tags[i - 1] not in ("body", "lead") or (ends[i - 1] if ends else ends_sentence(above)) or above[-1:] in "）)"


def _runs(tags: list[str]) -> list[int]:
    """For each line, the first line of the run of article text it is in by the rules' tags
    (a dateline lead or a `（上接1版）` line opens a run; any other tag but body ends one)."""
    out: list[int] = []
    start = None
    for i, tag in enumerate(tags):
        if tag in ("lead", "continued") or (tag == "body" and start is None):
            start = i
        elif tag != "body":
            start = None
        out.append(i if start is None else start)
    return out


def _head_texts(tags: list[str], hans: PageHan) -> list[tuple[int, frozenset[str]]]:
    """(line, bigrams) of each headline candidate and of runs of up to three of them joined (a
    headline broken over narrow lines is too short to match line by line)."""
    heads = []
    for i in range(len(hans)):
        text = ""
        for j in range(i, min(len(hans), i + 3)):
            if tags[j] != "candidate":
                break
            text += hans[j]
            grams = han_bigrams(text)
            if len(grams) >= 3:
                heads.append((i, grams))
    return heads


def boundary_features(lines: list[CleanLine], tags: list[str], para: list[bool], hans: PageHan) -> list[list[str]]:
    """At each paragraph start inside a run of body text: is a new article starting here?
    How much the paragraph shares with the article so far, whether a headline printed
    elsewhere matches it better than the article's own start, how long the run and the
    paragraphs either side are, and whether the text above was signed off. `hans`: each
    line's Han characters (`han_only`)."""
    n = len(lines)
    runs = _runs(tags)
    heads = _Heads(_head_texts(tags, hans))
    han_before = hans.before  # Han characters above each line
    spans = [k for k in range(n) if para[k]] + [n]
    ends = [n] * n  # the end of the run of body text each line is in
    for i in range(n - 2, -1, -1):
        ends[i] = ends[i + 1] if tags[i + 1] == "body" else i + 1
    out: list[list[str]] = []
    for i in range(n):
        if not para[i] or tags[i] != "body" or runs[i] >= i:
            out.append(["bound=none"])
            continue
        start = runs[i]
        nxt = spans[bisect.bisect_right(spans, i)]
        prev = spans[bisect.bisect_left(spans, i) - 1] if bisect.bisect_left(spans, i) else start
        here = han_bigrams(_window(hans, i, nxt, PARA_CHARS)[:PARA_CHARS])
        back = _window(hans, start, i, BACK_CHARS, from_end=True)[-BACK_CHARS:]
        end = ends[i]
        # Every headline in reach is compared with these two: their bigrams made once, each
        # headline's share counted by intersecting in C.
        after = han_bigrams(_window(hans, i, end, ANCHOR_CHARS)[:ANCHOR_CHARS])
        own = han_bigrams(_window(hans, start, i, ANCHOR_CHARS)[:ANCHOR_CHARS])
        coh = _shared(here, back) / len(here) if here else -1.0
        # Not the article's own headline above it, nor the lines compared.
        (lo, skip_lo), (skip_hi, hi) = heads.apart(i, start - 3, end)
        owns = heads.shares(own, lo, skip_lo) + heads.shares(own, skip_hi, hi)
        gains = map(operator.sub, heads.shares(after, lo, skip_lo) + heads.shares(after, skip_hi, hi), owns)
        gain, own_best = max((0.0, *gains)), max((0.0, *owns))
        since = han_before[i] - han_before[start]
        length = han_before[nxt] - han_before[i]
        before = han_before[i] - han_before[max(prev, start)]
        out.append(
            [
                "bound=inside",
                f"artcoh={_bucket(coh, (0.02, 0.05, 0.1, 0.2, 0.35)) if coh >= 0 else 'none'}",
                f"headgain={_bucket(gain, (0.1, 0.3, 0.5, 0.7))}",
                f"headown={_bucket(own_best, (0.2, 0.4, 0.6))}",
                f"since={_bucket(since, (60, 150, 300, 600, 1200))}",
                f"plen={_bucket(length, (20, 50, 100, 200))}",
                f"prevplen={_bucket(before, (20, 50, 100, 200))}",
                f"signedabove={lines[i - 1].text[-1:] in '）)'}",  # `…。（记者 王涛）`
                f"reporter={'记者' in lines[i].text[:20]}",
            ]
        )
    return out


RUN_LINES = 4  # lines a headline set in the column runs over at most
RUN_CHARS = 48  # ...and its Han characters at most
RUN_WINDOW = 60  # the text after (and before) a run a headline is compared with


def headline_runs(lines: list[CleanLine], tags: list[str], hans: PageHan, ends: list[bool]) -> tuple[list[float], list[float]]:
    """For each line: how much better the short run of lines since the last sentence end
    above it (a headline set in the column, whatever the rules tagged it) matches the text
    from this line on than the text before the run (`above`), and the best such margin of a
    run this line is in, the run ending at it or up to three lines further (`inside`).
    A headline says what its body's lead says; a body line's sentence never ends short of it.
    `ends`: whether each line ends a sentence."""
    n = len(lines)
    text = [tags[j] in ("body", "candidate") for j in range(n)]
    breaks = [not text[j] or ends[j] for j in range(n)]
    first = [0] * n  # the first line of the run each text line is in
    for j in range(1, n):
        first[j] = j if breaks[j - 1] else first[j - 1]
    margin: dict[tuple[int, int], float] = {}

    def run_margin(r0: int, k: int) -> float:
        """Lines r0..k as a headline over the text after them."""
        if (r0, k) not in margin:
            han = "".join(hans[r0 : k + 1])
            run = han_bigrams(han)
            if len(run) < 3 or len(han) > RUN_CHARS or k + 1 >= n or not text[k + 1]:
                margin[(r0, k)] = -2.0
            else:
                after, before = _window(hans, k + 1, n, RUN_WINDOW), _window(hans, 0, r0, RUN_WINDOW, from_end=True)
                margin[(r0, k)] = (_shared(run, after) - _shared(run, before)) / len(run)
        return margin[(r0, k)]

    above, inside = [-2.0] * n, [-2.0] * n
    for i in range(n):
        if not text[i]:
            continue
        r0 = first[i]
        if r0 < i and i - r0 <= RUN_LINES:
            above[i] = run_margin(r0, i - 1)
        for k in range(i, min(n, r0 + RUN_LINES)):
            if k > i and breaks[k - 1]:
                break
            inside[i] = max(inside[i], run_margin(r0, k))
    return above, inside


class _Prefixed(dict):
    """text -> prefix + text, each made once: a feature as a neighbour sees it (`-1:tag=body`),
    or a feature of a value from a small set (`tag=body`, `open=quote`)."""

    def __init__(self, prefix: str):
        super().__init__()
        self.prefix = prefix

    def __missing__(self, text: str) -> str:
        named = self[text] = self.prefix + text
        return named


_AS_NEIGHBOUR = {offset: _Prefixed(f"{offset}:") for offset in (-2, -1, 1, 2)}
_TAG, _OPEN = _Prefixed("tag="), _Prefixed("open=")


def line_features(lines: list[CleanLine], tags: list[str], layout: list[bool] | None = None) -> list[list[str]]:
    """One list of string features per line, for a CRF (neighbours' shapes included). `layout`:
    which lines were read from `pdftotext -layout`'s columns (`layout_features` besides)."""
    n = len(lines)
    if not n:
        return []
    widths = [line.width for line in lines]
    hans = PageHan(map(han_only, (line.text for line in lines)))  # each line's Han text, made once: the windows below join them
    grams = [han_bigrams(han) for han in hans]
    ends = [ends_sentence(line.text) for line in lines]
    full = [tags[j] in ("body", "lead") and not ends[j] for j in range(n)]
    heads = _Heads([(j, grams[j]) for j in range(n) if tags[j] == "candidate" and len(grams[j]) >= 3])
    leads = _paragraph_leads(lines, tags, hans, ends)
    lead_at = [j for j, _ in leads]
    leads_with: defaultdict[str, list[int]] = defaultdict(list)
    for k, (_, lead_grams) in enumerate(leads):
        for g in lead_grams:
            leads_with[g].append(k)
    # The first and the last line printing each bigram of the page.
    last_on = {g: j for j, line_grams in enumerate(grams) for g in line_grams}
    first_on = {g: j for j in range(n - 1, -1, -1) for g in grams[j]}
    para = [opens_paragraph(lines, tags, i, ends) for i in range(n)]
    bounds = boundary_features(lines, tags, para, hans)
    run_above, run_inside = headline_runs(lines, tags, hans, ends)
    # Lines since the last paragraph start: a headline set as wide as its column is a run of
    # one to three lines after a sentence end that ends none, its last line short of the column.
    since_para = list(itertools.accumulate(para, lambda k, p: 0 if p else k + 1, initial=0))[1:]
    endings = [_ending(line.text, ended) for line, ended in zip(lines, ends)]
    body_at = [j for j in range(n) if tags[j] == "body"]
    body_widths = [widths[j] for j in body_at]
    own: list[list[str]] = []
    for i, line in enumerate(lines):
        text = line.text
        han = len(hans[i])
        # The widths of the body lines within WINDOW lines of this one, itself left out.
        lo, hi = bisect.bisect_left(body_at, i - WINDOW), bisect.bisect_right(body_at, i + WINDOW)
        at = bisect.bisect_left(body_at, i, lo, hi)
        around = body_widths[lo:at] + body_widths[at + 1 : hi] if at < hi and body_at[at] == i else body_widths[lo:hi]
        column = statistics.median(around) if around else 0.0
        ratio = line.width / column if column else 0.0
        before = set().union(*grams[max(0, i - COHESION_LINES) : i]) if i else set()
        after = set().union(*grams[i : i + COHESION_LINES])
        cohesion = len(before & after) / len(after) if after and before else -1.0
        # A bigram is echoed when the page prints it on more lines than these seven (lines i - 3
        # to i + 3) do: when a line outside them prints it (first_on < i - 3 or last_on > i + 3, counted in C).
        firsts, lasts = map(first_on.__getitem__, grams[i]), map(last_on.__getitem__, grams[i])
        echoed = sum(map(operator.or_, map(operator.lt, firsts, itertools.repeat(i - 3)), map(operator.gt, lasts, itertools.repeat(i + 3))))
        echo = echoed / len(grams[i]) if grams[i] else -1.0
        # A headline set above its body says what the lines under it say, not what the lines above say.
        under = _window(hans, i + 1, min(n, i + 1 + WINDOW), ANCHOR_CHARS)[:ANCHOR_CHARS] if len(grams[i]) >= 3 else ""
        over = _window(hans, max(0, i - WINDOW), i, ANCHOR_CHARS, from_end=True)[-ANCHOR_CHARS:] if len(under) >= 2 else ""
        next_match = _shared(grams[i], under) / len(grams[i]) - _shared(grams[i], over) / len(grams[i]) if len(under) >= 2 else -2.0
        paragraph = para[i]
        change = -1.0
        if paragraph:
            above, below = _column_run(widths, full, range(i - 1, max(-1, i - 12), -1)), _column_run(widths, full, range(i, min(n, i + 12)))
            change = abs(above - below) if above and below else -1.0
        ending = endings[i]
        ratio_at = bisect.bisect_right(RATIO_EDGES, ratio) if column else -1  # -1: `none`, the last
        lead = _lead_match(i, grams, leads, lead_at, leads_with)
        own.append(
            [
                _TAG[tags[i]],
                _PARA[paragraph],
                _WCHANGE[bisect.bisect_right(WCHANGE_EDGES, change) if change >= 0 else -1],
                _ANCHOR[bisect.bisect_right(ANCHOR_EDGES, _anchor(i, hans, heads)) if paragraph and heads.at else -1],
                _TIMEOPEN[bool(TIME_OPENING_RE.match(text))],
                _HAN[bisect.bisect_right(HAN_EDGES, han)],
                _RATIO[ratio_at],
                _END[ending],
                _SHAPE[ending][ratio_at],
                _RUNPOS[ending][min(3, since_para[i])],
                _OPEN[_opening(text)],
                _INNER[min(2, sum(map(text[:-1].count, INNER_PUNCT)))],
                _SPACE[" " in text.strip()],
                _JUSTIFIED[line.justified],
                _DOUBLED[line.undoubled],
                _COHESION[bisect.bisect_right(COHESION_EDGES, cohesion) if cohesion >= 0 else -1],
                _ECHO[bisect.bisect_right(ECHO_EDGES, echo) if echo >= 0 else -1],
                _BELOW[bisect.bisect_right(BELOW_EDGES, next_match) if next_match > -2 else -1],
                _RUNABOVE[bisect.bisect_right(RUN_EDGES, run_above[i]) if run_above[i] > -2 else -1],
                _RUNINSIDE[bisect.bisect_right(RUN_EDGES, run_inside[i]) if run_inside[i] > -2 else -1],
                _LEADMATCH[bisect.bisect_right(LEAD_EDGES, lead) if lead >= 0 else -1],
            ]
        )
    # What neighbours see: every line lists its features in the same order, so the first line's
    # names say which places to keep.
    seen = operator.itemgetter(*(k for k, f in enumerate(own[0]) if not f.startswith(("cohesion", "echo", "anchor", "wchange", "below"))))
    shown = [seen(own_j) for own_j in own]
    features: list[list[str]] = []
    for i in range(n):
        row = ["bias", *own[i], *bounds[i]]
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < n:
                row.extend(map(_AS_NEIGHBOUR[offset].__getitem__, shown[j]))
            else:
                row.append(f"{offset}:edge")
        row.append(f"pair={own[i][0]}|{own[i - 1][0] if i else 'edge'}")
        row.append(f"prevend={endings[i - 1] if i else 'edge'}|{own[i][2]}")
        if layout and layout[i]:
            row.extend(layout_features(lines, i))
        features.append(row)
    return features


def layout_features(lines: list[CleanLine], i: int) -> list[str]:
    """Of a line read from `pdftotext -layout`'s columns: whether a blank row stands above it and
    under it in the reading order (`lgap=<above><below>`), where the grid parted a column's
    stories. Cleaning drops blank lines; their line numbers still tell. In raw text a blank line
    is no such break (flow pages print one between paragraphs): this feature is layout lines'
    alone, and the layout-mode model's (`labeller.LAYOUT_MODEL_PATH`)."""
    above = i == 0 or lines[i].number > lines[i - 1].number + 1
    below = i + 1 == len(lines) or lines[i + 1].number > lines[i].number + 1
    return [_LGAP[above][below]]


_LGAP = (("lgap=00", "lgap=01"), ("lgap=10", "lgap=11"))
