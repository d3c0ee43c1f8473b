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
from .pieces import within_reach
from .repair import ANCHOR_CHARS

WINDOW = 8  # lines on either side whose widths estimate the column
COHESION_LINES = 3  # lines before and after a boundary compared for shared wording
LEAD_MATCH_CHARS = 60  # the opening of a paragraph a headline line is compared with


_DIGITS = tuple(map(str, range(16)))


def _bucket(value: float, edges: tuple[float, ...]) -> str:
    """The number of the first edge above `value` (how many edges are at or below it)."""
    return _DIGITS[bisect.bisect_right(edges, value)]


def _ending(text: str) -> str:
    stripped = text.rstrip(CLOSERS)
    last = stripped[-1:] or " "
    if ends_sentence(text):
        return "end"
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


class PageHan(list):
    """Each line's Han text (`han_only`), made once a page, and the Han characters above each
    line (`before[i]`, `before[n]` the page's): a window of whole lines is found by bisection
    and joined in one go."""

    def __init__(self, hans):
        super().__init__(hans)
        self.before = list(itertools.accumulate(map(len, self), initial=0))


def _window(hans: PageHan, start: int, stop: int, chars: int, from_end: bool = False) -> str:
    """`pieces.han_window` of lines[start:stop] from their Han text: whole lines, from `start`
    on (or back from `stop`), until there are at least `chars` (`pieces.joined_until`)."""
    if start >= stop:
        return ""
    before = hans.before
    if from_end:
        # The last line that, with the lines after it up to stop, makes `chars`; else start.
        first = max(start, bisect.bisect_right(before, before[stop] - chars, start, stop) - 1)
        return "".join(hans[first:stop])
    # The end of the first line that makes `chars` since start; else stop.
    return "".join(hans[start : bisect.bisect_left(before, before[start] + chars, start + 1, stop)])


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


def _anchor(i: int, hans: PageHan, heads: list[tuple[int, frozenset[str]]], head_at: list[int]) -> float:
    """How well the best headline candidate elsewhere (within reach) matches the text from line i on."""
    window = han_bigrams(_window(hans, i, len(hans), ANCHOR_CHARS))  # made once, each headline intersected with it in C
    best = 0.0
    for k in within_reach(head_at, i):
        j, head = heads[k]
        if abs(j - i) > 1:
            best = max(best, len(head & window) / len(head))
    return best


def _lead_match(i: int, grams: list[frozenset[str]], leads: list[tuple[int, frozenset[str]]], lead_at: list[int], leads_with: dict[str, list[int]]) -> float:
    """How much of line i's wording the best paragraph start elsewhere on the page (within
    reach) opens with (a headline says what its lead says, wherever the lead is printed); -1
    for a line too short. `leads_with` lists, for each bigram, the leads (ascending) that hold
    it: shared bigrams are counted through it instead of intersecting every lead in reach."""
    if len(grams[i]) < 2:
        return -1.0
    reach = within_reach(lead_at, i)
    if not reach:
        return 0.0
    lo, hi = reach[0], reach[-1] + 1
    whole = lo == 0 and hi == len(leads)  # every lead in reach (always so on a page)
    found = [holders if whole else holders[bisect.bisect_left(holders, lo) : bisect.bisect_left(holders, hi)] for g in grams[i] if (holders := leads_with.get(g))]
    shared = Counter(itertools.chain.from_iterable(found))  # lead -> bigrams it shares with line i
    for k in range(bisect.bisect_left(lead_at, i - 2), bisect.bisect_right(lead_at, i + 2)):
        shared.pop(k, None)  # a paragraph start within two lines is this line's own text
    return max(shared.values(), default=0) / len(grams[i])


def _paragraph_leads(lines: list[CleanLine], tags: list[str], hans: PageHan) -> list[tuple[int, frozenset[str]]]:
    """(line index, bigrams of its first LEAD_MATCH_CHARS) of every paragraph start of body text."""
    n = len(lines)
    para = [i == 0 or ends_sentence(lines[i - 1].text) or tags[i - 1] not in ("body", "lead") for i in range(n)]
    return [(j, han_bigrams(_window(hans, j, n, LEAD_MATCH_CHARS))) for j in range(n) if para[j] and tags[j] in ("body", "lead")]


PARA_CHARS = 80  # the opening of a paragraph compared with the article before it
BACK_CHARS = 200  # the article so far, back from a paragraph start


def opens_paragraph(lines: list[CleanLine], tags: list[str], i: int) -> bool:
    """Line i starts a paragraph: the line above ended a sentence or a bracket (`…。（王涛）`,
    a sign-off broken over two lines `（王岸` + `林）`), or was no article text."""
    above = lines[i - 1].text if i else ""
    return i == 0 or tags[i - 1] not in ("body", "lead") or ends_sentence(above) or above[-1:] in "）)"


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
    heads = _head_texts(tags, hans)
    han_before = hans.before  # Han characters above each line
    head_at = [j for j, _ in heads]
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
        gain, own_best = 0.0, 0.0
        for k in within_reach(head_at, i):
            j, head = heads[k]
            if start - 3 <= j <= end:  # the article's own headline above it, or lines compared
                continue
            a, o = len(head & after) / len(head), len(head & own) / len(head)
            gain, own_best = max(gain, a - o), max(own_best, o)
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


def headline_runs(lines: list[CleanLine], tags: list[str], hans: PageHan) -> tuple[list[float], list[float]]:
    """For each line: how much better the short run of lines since the last sentence end
    above it (a headline set in the column, whatever the rules tagged it) matches the text
    from this line on than the text before the run (`above`), and the best such margin of a
    run this line is in, the run ending at it or up to three lines further (`inside`).
    A headline says what its body's lead says; a body line's sentence never ends short of it."""
    n = len(lines)
    text = [tags[j] in ("body", "candidate") for j in range(n)]
    breaks = [not text[j] or ends_sentence(lines[j].text) for j in range(n)]
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
    """feature -> the same feature as a neighbour sees it (`-1:tag=body`), each made once: a
    page's lines repeat a few hundred feature strings thousands of times."""

    def __init__(self, offset: int):
        super().__init__()
        self.prefix = f"{offset}:"

    def __missing__(self, feature: str) -> str:
        named = self[feature] = self.prefix + feature
        return named


_AS_NEIGHBOUR = {offset: _Prefixed(offset) for offset in (-2, -1, 1, 2)}


def line_features(lines: list[CleanLine], tags: list[str]) -> list[list[str]]:
    """One list of string features per line, for a CRF (neighbours' shapes included)."""
    n = len(lines)
    if not n:
        return []
    widths = [line.width for line in lines]
    hans = PageHan(map(han_only, (line.text for line in lines)))  # each line's Han text, made once: the windows below join them
    grams = [han_bigrams(han) for han in hans]
    full = [tags[j] in ("body", "lead") and not ends_sentence(lines[j].text) for j in range(n)]
    heads = [(j, grams[j]) for j in range(n) if tags[j] == "candidate" and len(grams[j]) >= 3]
    leads = _paragraph_leads(lines, tags, hans)
    head_at, lead_at = [j for j, _ in heads], [j for j, _ in leads]
    leads_with: defaultdict[str, list[int]] = defaultdict(list)
    for k, (_, lead_grams) in enumerate(leads):
        for g in lead_grams:
            leads_with[g].append(k)
    # The first and the last line printing each bigram of the page.
    last_on = {g: j for j, line_grams in enumerate(grams) for g in line_grams}
    first_on = {g: j for j in range(n - 1, -1, -1) for g in grams[j]}
    para = [opens_paragraph(lines, tags, i) for i in range(n)]
    bounds = boundary_features(lines, tags, para, hans)
    run_above, run_inside = headline_runs(lines, tags, hans)
    # Lines since the last paragraph start: a headline set as wide as its column is a run of
    # one to three lines after a sentence end that ends none, its last line short of the column.
    since_para = list(itertools.accumulate(para, lambda k, p: 0 if p else k + 1, initial=0))[1:]
    own: list[list[str]] = []
    for i, line in enumerate(lines):
        text = line.text
        han = len(hans[i])
        around = [widths[j] for j in range(max(0, i - WINDOW), min(n, i + WINDOW + 1)) if j != i and tags[j] == "body"]
        column = statistics.median(around) if around else 0.0
        ratio = line.width / column if column else 0.0
        before = set().union(*grams[max(0, i - COHESION_LINES) : i]) if i else set()
        after = set().union(*grams[i : i + COHESION_LINES])
        cohesion = len(before & after) / len(after) if after and before else -1.0
        # A bigram is echoed when the page prints it on more lines than these seven (lines i - 3
        # to i + 3) do: when a line outside them prints it.
        echoed = sum(1 for g in grams[i] if first_on[g] < i - 3 or last_on[g] > i + 3)
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
        own.append(
            [
                f"tag={tags[i]}",
                f"para={paragraph}",
                f"wchange={_bucket(change, (0.75, 1.75, 3.0)) if change >= 0 else 'none'}",
                f"anchor={_bucket(_anchor(i, hans, heads, head_at), (0.2, 0.4, 0.6, 0.8)) if paragraph and heads else 'none'}",
                f"timeopen={bool(TIME_OPENING_RE.match(text))}",
                f"han={_bucket(han, (1, 2, 3, 5, 9, 13, 17, 25, 40))}",
                f"ratio={_bucket(ratio, (0.01, 0.5, 0.8, 0.93, 1.07, 1.3)) if column else 'none'}",
                f"end={_ending(text)}",
                f"shape={_ending(text)}|{_bucket(ratio, (0.01, 0.5, 0.8, 0.93, 1.07, 1.3)) if column else 'none'}",
                f"runpos={min(3, since_para[i])}|{_ending(text)}",
                f"open={_opening(text)}",
                f"inner={min(2, sum(text[:-1].count(p) for p in INNER_PUNCT))}",
                f"space={' ' in text.strip()}",
                f"justified={line.justified}",
                f"doubled={line.undoubled}",
                f"cohesion={_bucket(cohesion, (0.0, 0.05, 0.15, 0.3)) if cohesion >= 0 else 'none'}",
                f"echo={_bucket(echo, (0.0, 0.3, 0.6, 0.9)) if echo >= 0 else 'none'}",
                f"below={_bucket(next_match, (-0.3, -0.05, 0.05, 0.3, 0.6)) if next_match > -2 else 'none'}",
                f"runabove={_bucket(run_above[i], (-0.1, 0.05, 0.2, 0.4, 0.6)) if run_above[i] > -2 else 'none'}",
                f"runinside={_bucket(run_inside[i], (-0.1, 0.05, 0.2, 0.4, 0.6)) if run_inside[i] > -2 else 'none'}",
                f"leadmatch={_bucket(lead, (0.2, 0.4, 0.6, 0.8)) if (lead := _lead_match(i, grams, leads, lead_at, leads_with)) >= 0 else 'none'}",
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
        row.append(f"prevend={_ending(lines[i - 1].text) if i else 'edge'}|{own[i][2]}")
        features.append(row)
    return features
