"""Reading-order repairs: put pieces that the page's text boxes split or shuffled back together.

Each repair rests on evidence in the text itself, never on an article's words:
- a topic break: a piece whose later paragraphs share no content words with its start has
  run into the next article, which the page printed without a separator;
- a section head: one or two short head lines between two stretches of one long feature
  that share wording (between unrelated bodies, short lines are a headline);
- a repeated tail: when an article's last lines are printed again elsewhere, the run of
  lines that ends with the first printing is that article's continuation;
- a dangling end: a piece that stops mid-sentence goes on in the plain piece after it;
- a headline anchor: bodies printed one after another with their headlines elsewhere part
  where a headline matches the text from a paragraph start that shares no wording with the
  paragraph before;
- unrelated bodies: bodies printed one after another with no headline at all (briefs, photo
  captions) part where the text so far and the rest share next to no wording.
"""

from __future__ import annotations

import itertools
import math
import operator
import re
from collections import Counter

from ..clean import HAN, CleanLine, ends_sentence, ends_sentence_or_bracket, han_bigrams, han_only, share_of_fewer, shingles
from .lines import BOX_LABEL_CHARS, BOX_LABEL_RE, ORIGINAL_TITLE_RE
from .names import sign_off_over
from .pieces import Chain, PageHan, Piece, han_window, page_window, paragraph_spans, within_reach

TOPIC_BREAK = 0.02  # cosine of content words below which two parts of a report share no topic
MIN_TAIL_PARAGRAPHS = 3  # a topic break needs this many paragraphs after it...
MIN_TAIL_CHARS = 300  # ...and this much text
MIN_HEAD_CHARS = 80  # ...and this much before it: a shorter start has too few words to have a topic
MIN_REPEAT_HAN = 12  # shorter lines may repeat by chance
# Section heads: a couplet of two equal halves (`政策铺路 校地共建`) or an enumerated head (`（一）…`).
ENUMERATED = r"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)"  # `二、`, `（二）`
ENUMERATED_RE = re.compile(ENUMERATED)
SECTION_HEAD_RE = re.compile(rf"{ENUMERATED}|^[{HAN}]{{2,8}} [{HAN}]{{2,8}}$")
DANGLING_ENDS = "，、；：—“（《"


def _cosine(a: Counter, b: Counter) -> float:
    dot = sum(count * b[word] for word, count in a.items() if word in b)
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 1.0


def split_topics(pieces: list[Piece]) -> list[Piece]:
    """Cut a piece where the rest of it shares no content words with its start: a news report
    run on into another article, or bodies printed one after another."""
    from ..summarize.tokens import tokenize  # the segmenter loads only when segmenting needs it

    out: list[Piece] = []
    for piece in pieces:
        spans = paragraph_spans(piece.lines)
        if len(spans) < 1 + MIN_TAIL_PARAGRAPHS:
            out.append(piece)
            continue
        texts = ["".join(line.text for line in piece.lines[a:b]) for a, b in spans]
        best = _weakest_link(texts, [Counter(tokenize(text)) for text in texts])
        if best is None or best[0] >= TOPIC_BREAK:
            out.append(piece)
            continue
        cut = spans[best[1]][0]
        out.append(piece)
        # After a dated report, what runs on may be an essay; otherwise it is just another body.
        out.append(Piece(lines=piece.lines[cut:], after_topic_break=piece.lead))
        piece.lines = piece.lines[:cut]
    return out


def _weakest_link(texts: list[str], words: list[Counter]) -> tuple[float, int] | None:
    """(cosine, k) of the paragraph k where the words before and the words from there on have
    least in common, among the places that leave a long enough tail; None when there is none.
    The two word counts are updated paragraph by paragraph (dot product and norms kept as
    integers), so a piece of n paragraphs costs linear time, not n passes over it."""
    tail_chars = [0] * (len(texts) + 1)
    for k in range(len(texts) - 1, -1, -1):
        tail_chars[k] = tail_chars[k + 1] + len(texts[k])
    before: Counter = Counter()
    after: Counter = Counter()
    for paragraph_words in words:  # (sum(words, Counter()) would copy the counts once per paragraph)
        after.update(paragraph_words)
    dot, before_norm, after_norm = 0, 0, sum(v * v for v in after.values())
    best: tuple[float, int] | None = None
    for k in range(1, len(texts) - MIN_TAIL_PARAGRAPHS + 1):
        for word, count in words[k - 1].items():  # paragraph k-1 moves from after to before
            b, a = before[word], after[word]
            dot += (b + count) * (a - count) - b * a
            before_norm += (b + count) ** 2 - b * b
            after_norm += (a - count) ** 2 - a * a
            before[word], after[word] = b + count, a - count
        if tail_chars[k] < MIN_TAIL_CHARS or tail_chars[0] - tail_chars[k] < MIN_HEAD_CHARS:
            continue
        norm = math.sqrt(before_norm) * math.sqrt(after_norm)
        similarity = dot / norm if norm else 1.0
        if best is None or similarity < best[0]:
            best = (similarity, k)
    return best


def _is_section_head(chain: Chain, previous: Piece) -> bool:
    lines = chain.lines
    if not lines or len(lines) > 2:
        return False
    long_feature = not previous.lead and previous.kind is None and previous.chars > 200
    enumerated = any(SECTION_HEAD_RE.match(text) for text in lines)
    short = all(len(han_only(text)) <= (24 if enumerated else 16) for text in lines)
    head_shaped = enumerated or all(len(han_only(text)) <= 10 for text in lines)
    return long_feature and head_shaped and short


SECTION_COHESION = 0.045  # two stretches of one feature share at least this much wording
SECTION_WINDOW = 300  # Han characters either side of a section head compared


def _same_article(previous: Piece, piece: Piece) -> bool:
    """The text either side of a section head shares wording, as two stretches of one feature
    do; a headline between two unrelated bodies is not a section head. Too short to tell: same."""
    before = han_window(previous.lines, SECTION_WINDOW, from_end=True)[-SECTION_WINDOW:]
    after = han_window(piece.lines, SECTION_WINDOW)[:SECTION_WINDOW]
    if min(len(before), len(after)) < UNRELATED_MIN_HAN:
        return True
    a, b = shingles(before, 2), shingles(after, 2)
    return len(a & b) >= SECTION_COHESION * min(len(a), len(b))


def _under_text_running_on(previous: Piece, in_columns: frozenset[int]) -> bool:
    """The piece over a head, read from `pdftotext -layout`'s columns, stops inside a sentence. A
    feature's section head follows a paragraph's end; under text that runs on, a short head is
    the last line or two of a headline whose first lines were read as that text (`我县蝉联“山西省文`
    over `化强县”荣誉称号`), its article's own."""
    last = previous.lines[-1] if previous.lines else None
    return last is not None and id(last) in in_columns and not ends_sentence_or_bracket(last.text)


def merge_section_heads(pieces: list[Piece], chains: list[Chain], in_columns: frozenset[int] = frozenset()) -> list[Piece]:
    """A feature's section heads stay in it as paragraphs of their own, and it goes on. On text
    read from columns (`in_columns`: the ids of those lines), not under text running on."""
    out: list[Piece] = []
    for piece in pieces:
        chain = piece.chain_before
        # An enumerated head (`二、…`) is one whatever the wording either side: a feature's
        # sections may share few words.
        if out and chain and piece.plain and _is_section_head(chain, out[-1]) and not _under_text_running_on(out[-1], in_columns) and (
                any(ENUMERATED_RE.match(text) for text in chain.lines) or _same_article(out[-1], piece)):
            previous = out[-1]
            number = piece.lines[0].number
            previous.lines.extend(CleanLine(text, number, standalone=True) for text in chain.lines)
            previous.absorb(piece)
            chains.remove(chain)
            continue
        out.append(piece)
    return out


def relocate_repeated_tails(pieces: list[Piece], removed: list[str]) -> list[Piece]:
    """An article whose last lines were printed earlier, at the end of a run in a plain piece,
    continues with that run: move the run to it, in place of the repeated tail."""
    first_seen: dict[str, tuple[Piece, int]] = {}
    for piece in pieces:
        for i, line in enumerate(piece.lines):
            key = han_only(line.text)
            if len(key) >= MIN_REPEAT_HAN:
                first_seen.setdefault(key, (piece, i))
    for piece in pieces:
        tail_start, origins = len(piece.lines), []
        for i in range(len(piece.lines) - 1, 0, -1):
            key = han_only(piece.lines[i].text)
            origin = first_seen.get(key) if len(key) >= MIN_REPEAT_HAN else None
            if origin and origin[0] is not piece:
                origins.append(origin)
            elif len(key) >= MIN_REPEAT_HAN or not origins:
                break
            tail_start = i
        sources = {id(p) for p, _ in origins}
        if not origins or len(sources) != 1:
            continue
        source = origins[0][0]
        end = max(i for _, i in origins) + 1
        if not source.plain or source.lead:
            continue
        removed.extend(line.text for line in piece.lines[tail_start:])
        piece.lines = piece.lines[:tail_start] + source.lines[:end]
        source.lines = source.lines[end:]
        if not source.lines:
            piece.take_labels(source)
    return [piece for piece in pieces if piece.lines]


def stitch_dangling(pieces: list[Piece], chains: list[Chain]) -> list[Piece]:
    """A piece that stops mid-sentence goes on in the plain piece right after it."""
    out: list[Piece] = []
    for piece in pieces:
        if out and piece.plain and _dangles(out[-1]):
            out[-1].absorb(piece)
            continue
        out.append(piece)
    return out


def _dangles(piece: Piece) -> bool:
    if not piece.lines or any(marker.startswith("下转") for marker in piece.markers):
        return False
    last = piece.lines[-1].text
    return not ends_sentence(last) and last[-1:] in DANGLING_ENDS


ANCHOR_CHARS = 150  # a headline says what its article's first lines say
ANCHOR_MATCH = 0.6  # share of a headline line's bigrams in the text from a paragraph start
ANCHOR_LINES = 3  # headline lines joined to match as one
ANCHOR_GRAMS = 8  # headline lines this long at least (shorter ones match by chance)
ANCHOR_COHESION = 0.03  # the paragraphs either side share fewer bigrams than this
OWN_MATCH = 0.34  # ...and the headline does not belong to the piece's own start (as MIN_HEADLINE_SCORE)


def split_at_headlines(pieces: list[Piece], chains: list[Chain], in_columns: frozenset[int] = frozenset()) -> list[Piece]:
    """Bodies printed one after another, their headlines elsewhere: where a headline line
    matches a paragraph start inside a piece far better than the piece's own start, and the
    text there shares little wording with the paragraph before, an article starts there.
    Only headlines within reach (REACH_LINES) of the paragraph are compared with it.

    A piece whose first line is in `in_columns` (the ids of lines read from `pdftotext -layout`'s
    columns) is left whole: that text is read story by story, each under its own headline, so a
    headline's words opening a paragraph there are its story's (a reprint's `新闻原标题：…`, a
    quoted law) or a neighbour column's, never a body printed apart from its headline. Of the
    cuts made there on five development sets, 1 was at an article's start, 20 inside one
    (docs/segmentation.md, "Layout-mode text, a fifteenth pass")."""
    heads = sorted((at, k, grams, chain) for k, (at, text, chain) in enumerate(_headline_texts(chains))
                   if len(grams := shingles(text, 2)) >= ANCHOR_GRAMS)
    if not heads:
        return pieces
    head_at = [at for at, _, _, _ in heads]
    grams = [g for _, _, g, _ in heads]
    # A headline set over its story (the page parted into stories) is that story's own: it
    # heads no paragraph further down (a report whose later paragraph names what its
    # headline names is not two). Found by the piece, not by reading every headline for each.
    # A story continued on another page of the issue under its headline printed again
    # (`（上接1版）`, its subtitle left off or not): the headline over the first part, and its
    # subtitle, are the continuation's own too: chains that print one headline line are one story's.
    own: dict[int, set[int]] = {}
    of_chain: dict[int, set[int]] = {}
    printing: dict[str, list[Chain]] = {}
    for n, (_, _, _, chain) in enumerate(heads):
        if id(chain) not in of_chain:
            for line in chain.lines:
                if len(shingles(line, 2)) >= ANCHOR_GRAMS:
                    printing.setdefault(line, []).append(chain)
        of_chain.setdefault(id(chain), set()).add(n)
    for n, (_, _, _, chain) in enumerate(heads):
        if chain.markdown and chain.opens_story and chain.after is not None:
            mine = own.setdefault(id(chain.after), set())
            mine |= of_chain[id(chain)]  # its own heads, the runs of short lines joined too (`printing` holds single lines)
            for line in chain.lines:
                for other in printing.get(line, ()):
                    mine |= of_chain[id(other)]
    out: list[Piece] = []
    for piece in pieces:
        if piece.lines and id(piece.lines[0]) in in_columns:
            out.append(piece)
            continue
        out.extend(_split_piece(piece, grams, head_at, own.get(id(piece), set())))
    return out


def _headline_texts(chains: list[Chain]) -> list[tuple[int, str, Chain]]:
    """Each chain line, and runs of up to ANCHOR_LINES lines joined (a headline broken over
    narrow lines is too short to match line by line), with the line the chain stands at."""
    texts = []
    for chain in chains:
        at = _chain_line(chain)
        for k in range(len(chain.lines)):
            for n in range(1, ANCHOR_LINES + 1):
                if k + n <= len(chain.lines):
                    texts.append((at, "".join(chain.lines[k : k + n]), chain))
    return texts


def _chain_line(chain: Chain) -> int:
    if chain.after is not None and chain.after.lines:
        return chain.after.lines[0].number
    if chain.before is not None and chain.before.lines:
        return chain.before.lines[-1].number
    return 0


_LEADING_MARKS_RE = re.compile(r"^[^\w（(]+")  # a quote closing the text above, broken onto the note's line (`＂` / `新闻原标题：…`)


def _split_piece(piece: Piece, heads: list[frozenset[str]], head_at: list[int], own_heads: set[int]) -> list[Piece]:
    spans = paragraph_spans(piece.lines)
    if len(spans) < 2:
        return [piece]
    # Each line's Han text made once, the windows joined from it (`page_window`, what
    # `han_window` gives of the same lines); a window's text is Han only, so its bigrams are
    # `han_bigrams` of it (`shingles(text, 2)`).
    hans = PageHan(han_only(line.text) for line in piece.lines)
    cuts: list[int] = []
    continued = any(marker.startswith("上接") for marker in piece.markers)  # a story's continuation (`（上接2版）`)
    for start, end in spans[1:]:
        if (continued and end == len(piece.lines)
                and ORIGINAL_TITLE_RE.match(_LEADING_MARKS_RE.sub("", "".join(line.text for line in piece.lines[start:end])))):
            break  # a reprint's `原标题：…` closing its continuation names its headline: it starts no article
        if sign_off_over([line.text for line in piece.lines[start:end]]) == end - start:
            continue  # a bracketed sign-off (`（杨双平侯晓雪刘兵王军明）`) closes an article: it opens none
        cut = cuts[-1] if cuts else 0  # the article so far: its lines cut..start-1
        after = han_bigrams(page_window(hans, start, len(hans), ANCHOR_CHARS)[:ANCHOR_CHARS])
        before = han_bigrams(page_window(hans, cut, start, ANCHOR_CHARS, from_end=True)[-ANCHOR_CHARS:])
        if share_of_fewer(after, before) >= ANCHOR_COHESION:
            continue
        own = None  # the article's own start, made for the first headline that matches `after`
        for k in within_reach(head_at, piece.lines[start].number):
            h = heads[k]
            if k in own_heads or not h or len(h & after) / len(h) < ANCHOR_MATCH:
                continue
            if own is None:
                own = han_bigrams(page_window(hans, cut, start, ANCHOR_CHARS)[:ANCHOR_CHARS])
            if len(h & own) / len(h) < OWN_MATCH:
                cuts.append(start)
                break
    if not cuts:
        return [piece]
    parts = [piece] + [Piece(lines=piece.lines[a:b]) for a, b in zip(cuts, [*cuts[1:], len(piece.lines)])]
    piece.lines = piece.lines[: cuts[0]]
    return parts


UNRELATED_SHARE = 0.03  # bigrams the text so far and the rest share, of the fewer: unrelated at or below this
UNRELATED_MIN_HAN = 40  # each side, and the paragraph that opens the rest, at least this long
# ...on text read from `pdftotext -layout`'s columns: there an article's stretches, read apart and
# between other stories' lines, share less wording (docs/segmentation.md, "Layout-mode text, a
# twenty-first pass": 0.01 / 0.015 / 0.02 / 0.025 / 0.03 / 0.045 measured)
UNRELATED_SHARE_COLUMNS = 0.025


def split_unrelated(pieces: list[Piece], in_columns: frozenset[int] = frozenset()) -> list[Piece]:
    """Bodies printed one after another with no headline between (briefs, photo captions): a
    piece is cut at a paragraph start where the text so far (since the last cut) and the text
    from there on share next to no wording (character bigrams), each side long enough to tell.
    Each bigram's last paragraph is found once, so a piece costs linear time. A piece read from
    columns (its first line's id in `in_columns`) is cut at UNRELATED_SHARE_COLUMNS."""
    out: list[Piece] = []
    for piece in pieces:
        spans = paragraph_spans(piece.lines)
        if len(spans) < 2:
            out.append(piece)
            continue
        unrelated = UNRELATED_SHARE_COLUMNS if id(piece.lines[0]) in in_columns else UNRELATED_SHARE
        texts = [han_only("".join(line.text for line in piece.lines[a:b])) for a, b in spans]
        grams = [set(map(operator.add, text, text[1:])) for text in texts]  # text[i] + text[i + 1], made in C
        tail_chars = _tails(texts)
        # The text from paragraph k on holds exactly the bigrams whose last paragraph is k or
        # later: how many it holds (`after_size[k]`) is counted from each bigram's last one, and
        # a bigram of the text so far is shared with it until its last paragraph is passed.
        last: dict[str, int] = {}
        for k, paragraph_grams in enumerate(grams):
            last.update(zip(paragraph_grams, itertools.repeat(k)))
        after_size = list(itertools.accumulate(reversed(_histogram(last.values(), len(grams)))))[::-1]
        before: set[str] = set()
        ending: dict[int, int] = {}  # of the bigrams so far, how many are last printed in paragraph k
        shared, before_chars, cuts = 0, 0, []
        for k in range(1, len(spans)):
            # Paragraph k-1 joins the text so far, which shares a bigram with the rest while the
            # bigram is printed again from paragraph k on.
            new = grams[k - 1] - before
            before |= new
            shared -= ending.get(k - 1, 0)  # last printed in paragraph k-1: no longer in the rest
            for j, count in Counter(map(last.__getitem__, new)).items():
                ending[j] = ending.get(j, 0) + count
                if j >= k:
                    shared += count
            before_chars += len(texts[k - 1])
            if min(before_chars, tail_chars[k], len(texts[k])) < UNRELATED_MIN_HAN or _opens_appendix(piece.lines[spans[k][0] : spans[k][1]]):
                continue
            if shared <= unrelated * min(len(before), after_size[k]):
                cuts.append(spans[k][0])
                before, ending, shared, before_chars = set(), {}, 0, 0
        if not cuts:
            out.append(piece)
            continue
        bounds = [*cuts, len(piece.lines)]
        parts = [Piece(lines=piece.lines[a:b]) for a, b in zip(bounds, bounds[1:])]
        piece.lines = piece.lines[: cuts[0]]
        _hand_on_end(piece, parts[-1])
        out.extend([piece, *parts])
    return out


def _opens_appendix(lines: list[CleanLine]) -> bool:
    """The paragraph opens the story's appendix: a box label (`相关背景材料：`) at its start."""
    return bool(BOX_LABEL_RE.search("".join(line.text for line in lines)[:BOX_LABEL_CHARS]))


def _hand_on_end(piece: Piece, last: Piece) -> None:
    """What was printed at the end of a piece now cut (a notice's signature, a sign-off, a
    `（下转N版）` marker) goes with its last part."""
    last.signature, piece.signature = piece.signature, []
    if last.signature and piece.kind == "notice":
        last.kind, piece.kind = "notice", None
    if piece.signed_off:
        last.byline, last.signed_off, piece.byline, piece.signed_off = piece.byline, True, None, False
    last.markers = [m for m in piece.markers if m.startswith("下转")]
    piece.markers = [m for m in piece.markers if not m.startswith("下转")]


def _histogram(values, size: int) -> list[int]:
    """How many of `values` (each in range(size)) are 0, 1, … size - 1."""
    counts = [0] * size
    for value, count in Counter(values).items():
        counts[value] = count
    return counts


def _tails(texts: list[str]) -> list[int]:
    """Characters from paragraph k to the end, for every k."""
    tails = [0] * (len(texts) + 1)
    for k in range(len(texts) - 1, -1, -1):
        tails[k] = tails[k + 1] + len(texts[k])
    return tails
