"""The line labeller: a linear-chain CRF (python-crfsuite) that decides, for every line the
rules can only guess at (a headline candidate or a body line), whether it is a headline
line, the first line of a new article, or a body line going on.

Rules stay where they are exact (datelines, bylines, credits, sign-offs, signatures,
continuation markers, Markdown headings, pinyin column labels): those tags are kept as the
rules give them and are the model's strongest features. The model is trained on generated
pages by `python -m digest.segment.train` and shipped in digest/data/ (two models: raw text and
`pdftotext -layout` text); a model missing, cut short or not a model is one error naming it.
"""

from __future__ import annotations

import functools
from pathlib import Path

from ..clean import CleanLine, ends_sentence, ends_sentence_or_bracket, han_only, shingles
from ..errors import DigestError
from .features import line_features, opens_paragraph
from .names import opens_with_surname
from .lines import COLUMN_CHARS, EDITOR_SIGNED_RE, OPENING_MARKS, PAGE_CREDIT_RE, SIGNOFF_RE, column_around, original_title_lines, words_of_the_text
from .repair import SECTION_HEAD_RE

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "segment_lines.crfsuite"
# The model asked on text read from `pdftotext -layout`'s columns: the same command's output with
# the layout features (`features.layout_features`) learnt, which raw text would pay for.
LAYOUT_MODEL_PATH = MODEL_PATH.with_name("segment_layout.crfsuite")
DECIDED = ("candidate", "body")  # the rule tags the model may overrule
TAG_OF_LABEL = {"H": "candidate", "S": "start", "B": "body", "O": None}
CONFIDENCE = 0.4  # marginal probability needed to overrule a rule; chosen on development pages
DEMOTE_CONFIDENCE = 0.5  # ...to read a headline candidate as body text
PROMOTE_CONFIDENCE = 0.8  # ...or as a new article's first line
HEADLINE_CONFIDENCE = 0.6  # ...to read a body line as a headline line
# ...or as a new article's first line, asking the raw-text model: its starts after a full stop
# inside an article (0.4-0.5) cost more than they find (chosen on folds 0-2 of the development
# articles, confirmed on folds 3-4: docs/segmentation.md, a sixteenth pass)
RAW_START_CONFIDENCE = 0.5
CLAUSE_MARKS = "，、"  # a line ending in one ends a clause, never a sentence: the sentence goes on


def _exact(lines: list[CleanLine], tags: list[str], i: int) -> bool:
    """Where the rules are exact: `（一）…` heads a section; a line right above a `——` subtitle
    is its headline; a `——` line the rules took for a headline is one (a subtitle, or a title
    set as one); so is the line a candidate ending in a dash runs on to (`（二）实事求是 尊重规律——`
    over `“扎扎实实…”`)."""
    if SECTION_HEAD_RE.match(lines[i].text) or EDITOR_SIGNED_RE.match(lines[i].text) or PAGE_CREDIT_RE.match(lines[i].text):
        return True  # `——编者` signs an editor's note, `本版策划：X` credits the page: whatever else they look like
    if tags[i] != "candidate":
        return False
    if lines[i].text.startswith("——") or (i and tags[i - 1] == "candidate" and lines[i - 1].text.endswith("——")):
        return True
    # A headline line right above a `——` subtitle or a dateline lead (`本报讯（记者 X）`).
    return i + 1 < len(lines) and (lines[i + 1].text.startswith("——") or tags[i + 1] == "lead")


@functools.lru_cache(maxsize=2)
def _tagger(path: str):
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    if not Path(path).is_file():
        # Both models ship with digest (package data): one missing is a broken install, and the
        # rules alone (or the raw-text model on layout-mode text) would cut a week silently worse.
        raise DigestError(path, "the line labeller's model is missing; reinstall digest, or rewrite it with the command in digest/segment/train.py")
    try:
        # crfsuite trusts the file: one cut short (a failed copy, a full disk) crashes the process.
        # Its header holds the magic `lCRF` and the file's size (little-endian, 4 bytes): checked.
        with open(path, "rb") as model:
            head = model.read(8)
            size = model.seek(0, 2)
        if head[:4] != b"lCRF" or len(head) < 8 or int.from_bytes(head[4:], "little") != size:
            raise ValueError(f"{size} bytes, not a whole CRFsuite model")
        tagger.open(path)
    except (OSError, ValueError) as error:
        raise DigestError(path, f"the line labeller's model cannot be read ({error}); rewrite it with the command in digest/segment/train.py") from None
    return tagger


def _continued_run_on(lines: list[CleanLine], tags: list[str], i: int) -> bool:
    """Line i goes on with the sentence of a continuation's first line above it (`（上接1版）但后来接连五`
    over `六只流浪猫狗被飞镖射`): the continued text runs on as any body line does."""
    return i > 0 and tags[i - 1] == "continued" and not ends_sentence_or_bracket(lines[i - 1].text)


def _across_a_credit(lines: list[CleanLine], tags: list[str], i: int, layout: list[bool] | None) -> bool:
    """Line i, read from columns, goes on with the sentence of the body line above the picture
    credit right over it (`…大队抽调` / `（李日明 摄）` / `警用摩托车组成…`): the picture is set in or
    beside the story, and the reading order put its credit between two lines of one sentence
    (grouping passes over such a credit; an article started under it cut the story in two)."""
    return (i >= 2 and bool(layout) and layout[i] and tags[i - 1] == "credit" and tags[i - 2] in ("body", "lead")
            and not ends_sentence_or_bracket(lines[i - 2].text))


def _runs_on(lines: list[CleanLine], tags: list[str], i: int, column: float) -> bool:
    """Line i goes on with the sentence of the line above: article text as wide as the page's
    column line (the median body line) ending no sentence nor bracket."""
    above = lines[i - 1] if i else None
    return (above is not None and tags[i - 1] in ("body", "lead") and not ends_sentence_or_bracket(above.text)
            and above.width >= column)


def _word_across(upper: str, lower: str, known: bool = False) -> bool:
    """A word runs from the end of `upper` into `lower` (`虽然废` over `墟上的涂鸦`: 废墟); `known`:
    a word of the cutter's dictionary, not one its HMM made of two lines' chance neighbours
    (`…土福则村` over `衣虽旧，…`: 村衣)."""
    from ..summarize.tokens import word_tag, words  # the cutter loads only for such lines

    end = 0
    for word in words(upper + lower[:8]):
        if end < len(upper) < end + len(word):
            return not known or word_tag(word) is not None
        end += len(word)
    return False


def _broken_sign_off(lines: list[CleanLine], tags: list[str], i: int) -> bool:
    """Line i, tagged a bare sign-off (`虽然废`, `希望大` after a sentence's end), is the first
    words of the next sentence an engine broke off: they open with no surname and a word runs
    on into the body line under it (`墟上的涂鸦…`, `家以振奋的精神`). A column label over briefs
    (`县区快讯`) is a word of its own."""
    return (tags[i] == "signoff" and i + 1 < len(lines) and tags[i + 1] == "body" and words_of_the_text(lines, tags, i)
            and _word_across(lines[i].text, lines[i + 1].text))


HEAD_TAIL_SHARE = 0.7  # a headline's last line left as text is at most this share of its column
HEAD_LINE_ENDS_NOT = CLAUSE_MARKS + "；：:;"  # ...and ends no clause
FILLS_LINE = 2  # characters a line and the piece broken off it may miss their column's width by (1 and 0 measured: docs/segmentation.md, Review 24: debts and thresholds)


def _next_words_broken_off(lines: list[CleanLine], tags: list[str], out: list[str], i: int) -> bool:
    """Line i, a short piece after a sentence's end, is the next sentence's first words, printed
    by `pdftotext -raw` on a line of their own where the engine drew the line of type's runs
    apart (Typst): with the sentence's end above it they fill the column to two characters
    (`FILLS_LINE`), and the sentence goes on in the body text under it. Read by the rules as a
    bare sign-off (`记者` / `现场随即采访了…`, `村民们` / `挥舞着…`), unless it opens with a surname
    as a name signing a brief off does, and a column's label over the next brief too (`简讯`),
    with no word running on into the line under it (`卫生` / `部表示，…` is one); read as a
    headline line by the rules and the model (`为了普及新条` / `例，昨日，…`), only with a word
    running on and the line under it filling its column: a headline under a paragraph's last
    line fills its column by chance (`羽西当归透白莹润精华液` over a caption, Firefox).

    The line of type may be drawn in three runs, the third opening with a mark (`…行督促检查。` /
    `制定` / `《统战工作目标考` / `评细则》，…`): then the three fill the column and text goes on
    under the third. A `记者` whose words open with no surname (`记者昨日尝试` / `用一个…`) is the
    sentence's first words too, not a reporter signing off."""
    if not (0 < i < len(lines) - 1 and out[i - 1] in ("body", "lead") and ends_sentence(lines[i - 1].text)):
        return False
    piece, below = lines[i].text, lines[i + 1].text
    if not han_only(piece) or below.startswith(piece):
        return False  # a mark alone; or the first words of a lead in fake bold printed twice (`秋意` / `秋意渐浓，…`)
    column = column_around(lines, i)
    three = (below[:1] in OPENING_MARKS and out[i + 1] in ("body", "candidate") and i + 2 < len(lines) and out[i + 2] == "body"
             and abs(lines[i - 1].width + lines[i].width + lines[i + 1].width - column) <= FILLS_LINE)
    if not three and (out[i + 1] != "body" or abs(lines[i - 1].width + lines[i].width - column) > FILLS_LINE):
        return False
    if tags[i] == "signoff":
        # A name alone (group 2) may be words broken off, and `记者` over words that are no name
        # (group 3 opening with no surname); `（张临山）` (group 1) and `记者 王涛` are sign-offs as
        # printed. (`记者王涛`, unspaced, matches as a name alone.)
        bare = SIGNOFF_RE.match(piece)
        if bare and bare.group(3):
            return not opens_with_surname(bare.group(3))
        return bool(bare and bare.group(2)) and (not opens_with_surname(piece) or _word_across(piece, below))
    return (out[i] == tags[i] == "candidate" and (three or lines[i + 1].width >= column - FILLS_LINE
            and _word_across(piece, below)))


def _headline_tail(lines: list[CleanLine], tags: list[str], out: list[str], i: int) -> bool:
    """Line i, a short body line under a headline line the model keeps, finishing a word of it
    (`…集体经济组织成员身份确` / `认的通告`, `图话|吕` / `梁：柳丝轻拂`), over body text, is that
    headline's last line the model left as text, not a report's first line: a report's first
    line fills its column and opens no word of a headline. Not a line holding or ending a
    clause, nor one whose text the line over it prints again (a lead in fake bold,
    `我们在讨论冬令进补时` / `当我们在讨论冬令`). (Chosen on folds 0-2, confirmed on folds 3-4:
    docs/segmentation.md, Raw text, a twenty-first pass.)"""
    text = lines[i].text
    return (tags[i] == "body" and out[i] == "body" and out[i - 1] == "candidate" and out[i + 1] == "body"
            and len(han_only(text)) >= 2 and not ends_sentence_or_bracket(text) and text[-1] not in HEAD_LINE_ENDS_NOT
            and not any(mark in text for mark in "，。") and lines[i].width <= HEAD_TAIL_SHARE * column_around(lines, i)
            and han_only(lines[i - 1].text) not in han_only(text + lines[i + 1].text) and _word_across(lines[i - 1].text, text))


# Marks a sentence goes on past, inside a line. Full-width only: `clean_lines` made every ASCII
# `,` `;` beside Chinese full-width, and one it left is inside a figure (`1,200`) or Latin text.
CLAUSE_WITHIN = "，、；。"


def _first_words_of_the_text(lines: list[CleanLine], tags: list[str], out: list[str], i: int) -> bool:
    """Line i, a headline line over body text, breaks a word into the body line under it
    (`为进一步做好机动车尾` / `气排放检测工作，切实维护`, `宁波卫生局2008年建` / `议终止其活动；…`), and
    that line goes on past a clause: it is text, the first line of the paragraph under it, not a
    headline's last line (a headline ends with its last word). (A line ending a sentence or a
    bracket breaks no word: the cutter never makes a word of a mark.)"""
    text, below = lines[i].text, lines[i + 1].text
    return (out[i] == "candidate" and out[i + 1] == "body" and i + 2 < len(out) and out[i + 2] == "body" and not _exact(lines, tags, i) and not text.startswith("——")
            and any(mark in below[:-1] for mark in CLAUSE_WITHIN)
            and _word_across(text, below, known=True))


HEAD_LINES = 3  # lines a headline read as text may run over
# Han characters of text under (and over) it its words are looked for in. Measured on the layout-mode
# text of lay23-*, lay24-*, lay26-825..831 (475 pages; docs/segmentation.md, Review 27): 100 reads one
# page otherwise, 80 three, 40 twenty (headlines exact 3.2 down summed); each loses the headline of
# lay23-670 p0008, whose lead names it late (`黄怒波：…` over `中坤集团董事长黄怒波在接受…`). 140 reads
# one page otherwise, 180 or no bound three (cut F1 0.3 up summed, a spurious piece more): noise.
HEAD_WINDOW = 120
# Lines joined to fill HEAD_WINDOW: a column line holds 9 to 13 Han characters (the quartiles of 19,610
# lines on 60 of those pages; 11 the median), so 12 hold about the 120. 9 cut that lead short (two
# pages otherwise); 15, 20 or every line read all 475 pages alike.
HEAD_WINDOW_LINES = 12
HEAD_SHARE = 0.5  # share of its bigrams the text under it holds at least
HEAD_START = 0.1  # the model's start marginal for the line under it, at least


def _headline_read_as_text(lines: list[CleanLine], tags: list[str], out: list[str], i: int, layout: list[bool], start: float,
                           column: float) -> int:
    """How many lines right over line i (1 to HEAD_LINES; 0: none) are a headline the model read as
    text, line i its article's first line: layout-mode lines set apart above (a blank row, or text
    ending a sentence, or no text), each ending no sentence and not as wide as its column (a
    headline is set narrower, or across columns), no word running from the last into line i, and
    their words found in the text under them (HEAD_SHARE of their bigrams in HEAD_WINDOW Han
    characters) more than in the text over them; line i a start to the model at HEAD_START."""
    if not (layout[i] and out[i] == "body" and tags[i] == "body" and start >= HEAD_START):
        return 0
    for k in range(1, HEAD_LINES + 1):
        j = i - k
        if j < 1:
            return 0
        run = range(j, i)
        if not all(layout[x] and out[x] == "body" and tags[x] in DECIDED and not ends_sentence_or_bracket(lines[x].text) for x in run):
            return 0
        if any(abs(lines[x].width - column) <= FILLS_LINE for x in run):
            return 0
        set_apart = (lines[j].number > lines[j - 1].number + 1 or out[j - 1] not in ("body", "lead")
                     or ends_sentence_or_bracket(lines[j - 1].text))
        if not set_apart:
            continue
        head = "".join(lines[x].text for x in run)
        grams = shingles(head, 2)
        if len(grams) < 4:
            continue
        below = han_only("".join(line.text for line in lines[i : i + HEAD_WINDOW_LINES]))[:HEAD_WINDOW]
        above = han_only("".join(line.text for line in lines[max(0, j - HEAD_WINDOW_LINES) : j]))[-HEAD_WINDOW:]
        share_below = len(grams & shingles(below, 2)) / len(grams)
        if share_below >= HEAD_SHARE and share_below > len(grams & shingles(above, 2)) / len(grams) \
                and not _word_across(lines[i - 1].text, lines[i].text):
            return k
    return 0


def columned(lines: list[CleanLine], tags: list[str]) -> bool:
    """The page's text is set in newspaper columns (its body lines are short), as the pages
    the model learnt from are; text with a paragraph a line is not."""
    widths = sorted(len(line.text) for line, tag in zip(lines, tags) if tag == "body")
    return bool(widths) and widths[len(widths) // 2] <= COLUMN_CHARS


def _confidence_needed(tag: str, new: str | None, start: float = CONFIDENCE) -> float:
    """The marginal probability the model needs to overrule the rules' `tag` with `new`
    (`start`: to start an article at a body line): overruling costs a cut in the wrong place,
    so only when the model is sure."""
    if tag == "candidate":
        return DEMOTE_CONFIDENCE if new == "body" else PROMOTE_CONFIDENCE
    return HEADLINE_CONFIDENCE if new == "candidate" else start if new == "start" else CONFIDENCE


def model_for(layout: list[bool] | None) -> Path:
    """The model to ask: the layout-mode one on text holding lines read from `pdftotext -layout`'s
    columns, else the raw-text one."""
    return LAYOUT_MODEL_PATH if layout and any(layout) else MODEL_PATH


def relabel(lines: list[CleanLine], tags: list[str], path: Path | None = None, layout: list[bool] | None = None) -> list[str]:
    """The tags with the model's decision on every candidate and body line. `layout`: which
    lines were read from `pdftotext -layout`'s columns (`laid_out`); `path`: the model, by
    default `model_for(layout)`."""
    path = path or model_for(layout)
    if not lines:
        return tags
    if tags.count("heading") >= 2 or "rule" in tags:
        # The PDF reader marked the headlines by their type size (Markdown headings) and parted
        # the stories (`---`), even a page of one story: the rules read that page better than
        # a model of plain text can (d30's PDF cut F1 98.9 with the model asked at 0.8, 99.2
        # without).
        return tags
    if not columned(lines, tags):
        return tags  # learnt on column text: on a paragraph a line the rules know more
    tagger = _tagger(str(path))
    features = line_features(lines, tags, layout)
    sequence = tagger.tag(features)
    marginal = tagger.marginal  # of the sequence just tagged (tag() set it)
    # A body line takes its own most probable label, not the best sequence's: the sequence
    # carries a headline's last line (`绍` under `…图书馆计划活动介`, 0.71 a headline line) or a
    # report's first line through as body text, and the report runs on into the one above.
    names = tagger.labels()
    labels = [max(names, key=lambda label: marginal(label, i)) if tag == "body" else label for i, (tag, label) in enumerate(zip(tags, sequence))]
    out = list(tags)
    reprint = original_title_lines(lines)  # a reprint's `原标题：…` paragraph is its text
    widths = sorted(line.width for line, tag in zip(lines, tags) if tag == "body")
    column = widths[len(widths) // 2]  # columned: there are body lines
    for i, (tag, label) in enumerate(zip(tags, labels)):
        new = TAG_OF_LABEL.get(label)
        if i in reprint:
            continue
        need = _confidence_needed(tag, new, RAW_START_CONFIDENCE if path == MODEL_PATH else CONFIDENCE)
        # An article starts at a paragraph start: never inside a sentence run over two lines.
        inside = new == "start" and tag == "body" and not (opens_paragraph(lines, tags, i) and not _continued_run_on(lines, tags, i)
                                                            and not (i and _broken_sign_off(lines, tags, i - 1))
                                                            and not _across_a_credit(lines, tags, i, layout))
        # Nor is a body line a headline under a line of text that fills its column and ends no
        # sentence (`…从“给孩子送双运动` over `鞋”`): the sentence runs on into it.
        inside = inside or (new == "candidate" and tag == "body" and _runs_on(lines, out, i, column))
        if tag in DECIDED and new and new != tag and not inside and not _exact(lines, tags, i) and marginal(label, i) >= need:
            out[i] = new
    for i in range(len(out) - 1):
        if _broken_sign_off(lines, tags, i):
            out[i] = "body"
    for i in range(1, len(out) - 1):
        if not _exact(lines, tags, i) and _next_words_broken_off(lines, tags, out, i):
            out[i] = "body"
    # A body line ending a clause (`…高度的政治责任感，`, `群众出行安全、`) over body text goes on
    # into that text: it is no headline's last line, however short the engine broke it.
    for i in range(len(out) - 1):
        if tags[i] == "body" and out[i] == "candidate" and lines[i].text[-1:] in CLAUSE_MARKS and out[i + 1] == "body":
            out[i] = "body"
    for i in range(1, len(out) - 1):
        if _headline_tail(lines, tags, out, i):
            out[i] = "candidate"
    # A headline line read as body text must go on into body text (or end a sentence): left
    # dangling before a headline line or at the end of the page, it was a headline.
    # Nor does a headline lose its last line into the body under it: under a headline line the
    # model keeps, a candidate ending no sentence stays one (a two-line headline, or a section
    # head under another).
    for i in range(len(out) - 1, -1, -1):
        if tags[i] == "candidate" and out[i] == "body" and not ends_sentence(lines[i].text):
            dangling = i + 1 == len(out) or out[i + 1] == "candidate"
            under_headline = i > 0 and out[i - 1] == "candidate" and tags[i - 1] == "candidate"
            if dangling or under_headline:
                out[i] = "candidate"
    if layout and any(layout):
        for i in range(2, len(out)):
            k = _headline_read_as_text(lines, tags, out, i, layout, marginal("S", i) if "S" in names else 0.0, column)
            if k:
                out[i - k : i] = ["candidate"] * k
                out[i] = "start"
    else:
        # Raw text only: rows read from `pdftotext -layout`'s columns are parted where the reading
        # order found gaps, and there it cut worse (raw23-661's layout-mode text 63.7 -> 63.2).
        for i in range(len(out) - 1):
            if _first_words_of_the_text(lines, tags, out, i):
                out[i] = "body"
    return out
