"""Tagged lines grouped into pieces (one article's body lines each), the headline candidate
lines between them collected as chains; a photo's caption parted from the text above it at its
credit. Lines that belong to no piece go to `unassigned` with the reason."""

from __future__ import annotations

import re

from ..clean import HAN, CleanLine, ends_sentence, ends_sentence_or_bracket
from ..credits import NEXT_PHOTO_RE, ROLE_CREDIT_RE, SIGN_OFF_LINE_RE, SOURCE_LINE_RE, photo_credit, signed_off
from ..model import Unassigned
from .lines import BODY_TAGS, FLOAT_BYLINE_RE, HEADING_RE, ORIGINAL_TITLE_RE, SIGNOFF_RE, continues_elsewhere
from .names import opens_with_surname
from .notes import labelled_note_over_byline, summary_before_lead
from .pieces import Chain, Piece, last_paragraph_start
from .retag import ORIGINAL_NOTE_LINES, ORIGINAL_NOTE_RE, unclosed


# Names signing a brief off, bare, after its last sentence on its last line (`…防控工作。燕慧 张靖`).
SIGNED_NAMES_RE = re.compile(rf"[。！？”]\s*([{HAN}]{{2,3}}(?:\s+[{HAN}]{{2,3}})+)$")


def _signed_by_names(texts: list[str]) -> bool:
    """The last of `texts` (lines, in order) ends a sentence and two names or more after it,
    spaced apart, each opening with a surname (`…工作。燕慧 张靖`): a brief's reporters signing it
    off without brackets; or the last two do, broken inside a name or before the first
    (`…工作。燕慧 张` + `靖`, `…工作。` + `燕慧 张靖`), as `signed_off` reads a bracketed sign-off
    broken over two lines. Unspaced (`…世界。潘小胡最`) they are as likely the next sentence's
    first words. (Not at the space between two names: `…除冰。陈鑫` + `龙摄` is one name's credit.)"""
    for text in (texts[-1], "".join(texts[-2:])) if len(texts) > 1 else texts[-1:]:
        match = SIGNED_NAMES_RE.search(text)
        if match and all(opens_with_surname(name) for name in match.group(1).split()):
            return True
    return False


def _signed_end(lines: list[CleanLine]) -> bool:
    """The piece's last sentence is signed off (`…意义。（王涛）`; credits.signed_off), or signed
    by names after it (`…工作。燕慧 张靖`)."""
    texts = [line.text for line in lines[-2:]]
    return signed_off(texts) or _signed_by_names(texts)


def _closed_by_original_note(lines: list[CleanLine]) -> bool:
    """The piece's last lines are a reprint's note of its original title, closed
    (`（原题为《雄安新区第二批征` / `迁安置工作启动涉及三县56个` / `村》）`), under text ending a
    sentence: papers print it as a reprint's last words, as a sign-off is a brief's. (Asked on text
    not parted into stories: a story the PDF reader parted ends where its rule says.)"""
    for k in range(len(lines) - 1, max(0, len(lines) - ORIGINAL_NOTE_LINES) - 1, -1):
        if ORIGINAL_NOTE_RE.match(lines[k].text.strip()):
            note = "".join(line.text for line in lines[k:]).strip()
            return k > 0 and note[-1:] in "）)" and not unclosed(note) and ends_sentence_or_bracket(lines[k - 1].text)
    return False


def _ends_signed(piece: Piece) -> bool:
    """The piece was closed by its sign-off, on a line of its own or closing its last sentence,
    or by where it came from (`（来源：广州日报）`, on one line or broken over two)."""
    last = piece.lines[-1].text if piece.lines else ""
    return bool(piece.lines) and (bool(SIGNOFF_RE.match(last) or SOURCE_LINE_RE.match(last) or SIGN_OFF_LINE_RE.match(last))
                                  or (len(piece.lines) >= 2 and _source_broken(piece.lines[-2].text, last))
                                  or _signed_end(piece.lines))


def _source_broken(text: str, following: str) -> bool:
    """`text` opens where a report came from and the line after it closes it: one source line
    broken in a narrow column (`（综合新华社、` / `央视新闻报道）`)."""
    return (text.lstrip()[:1] in "（(" and not SOURCE_LINE_RE.match(text.strip())
            and bool(SOURCE_LINE_RE.match(text.strip() + following.strip())))


# Lines up at most that the start of a paragraph a dateline is printed inside is looked for: a
# "paragraph" longer than that ends no sentence in 40 column lines and opens no report (read from
# the whole piece, the lookup made a file of 10,000 such lines and datelines take 30 s).
RUN_INTO_REACH = 40


def _paragraph_run_into(current: Piece | None, lines: list[CleanLine], k: int) -> int | None:
    """Where in `current` the paragraph starts that the dateline on line `k` is printed inside
    (the line above it ends no sentence), or None (none, or further up than RUN_INTO_REACH lines)."""
    if current is None or not current.lines or current.lines[-1] is not lines[k - 1] or ends_sentence(lines[k - 1].text):
        return None
    return last_paragraph_start(current.lines, RUN_INTO_REACH)


def _inside_sentence(current: Piece | None, lines: list[CleanLine], tags: list[str], k: int) -> bool:
    """Line k (a floating byline, `■本报记者 X Y`) is printed inside a sentence of the piece
    being read: the line above is that piece's and ends no sentence nor bracket, and the line
    under it is body text going on (`…并报告控制` / `■本报记者 X` / `中心。`). A byline floated
    away from its story lands wherever its box is, also between two lines of another story."""
    above = lines[k - 1].text if k else ""
    return (current is not None and bool(current.lines) and current.lines[-1] is lines[k - 1]
            and not ends_sentence_or_bracket(above)
            and k + 1 < len(lines) and tags[k + 1] == "body")


def group_pieces(lines: list[CleanLine], tags: list[str], unassigned: list[Unassigned], ruled: bool,
                 in_columns: frozenset[int] = frozenset()) -> tuple[list[Piece], list[Chain]]:
    """Group body lines into pieces; collect the headline candidate lines between them as chains.
    Lines that belong to no piece go to `unassigned`. `in_columns`: the ids of the lines read
    from `pdftotext -layout`'s columns."""
    grouping = _Grouping(lines, tags, unassigned, ruled, in_columns)
    for k in range(min(len(lines), len(tags))):
        grouping.read(k)
    return grouping.finish()


class _Grouping:
    """One pass of `group_pieces` down the page's lines: what has been read so far, and a method
    for each kind of line (by its tag)."""

    def __init__(self, lines: list[CleanLine], tags: list[str], unassigned: list[Unassigned], ruled: bool,
                 in_columns: frozenset[int]) -> None:
        self.lines, self.tags, self.unassigned, self.ruled, self.in_columns = lines, tags, unassigned, ruled, in_columns
        self.pieces: list[Piece] = []
        self.chains: list[Chain] = []
        self.current: Piece | None = None
        self.signed = False  # the current piece ended with a signature block
        self.pending_float: str | None = None
        self.pending_float_line = ""  # ...as printed, label and all (`山西日报记者 X`), kept whole if no article takes it
        self.pending_markers: list[str] = []
        self.chain: Chain | None = None
        self.just_ended: Chain | None = None  # the chain right before this line, if any
        self.resumed = False  # `chain` is a headline taken up again under its byline: a heading as large starts another
        self.story_top = False  # right after a drawn rule: nothing of the new story read yet
        self.under_picture = False  # right under a picture: the next piece is its caption
        self.source_rest = -1  # the line closing a source line broken over two (`_closes_with_source`)

    def close(self) -> None:
        if self.current and self.current.lines:
            self.pieces.append(self.current)
        self.current = None

    def take_markers(self, line: CleanLine) -> None:
        """A line's markers, on a line of no article: 上接 opens the next piece, 下转 closes the last."""
        target = self.current or (self.pieces[-1] if self.pieces else None)
        for marker in line.markers:
            if marker.startswith("上接"):
                self.pending_markers.append(marker)
            elif target:
                target.markers.append(marker)
            else:
                self.unassigned.append(Unassigned(marker, "continuation marker before any article", line.number))

    def finish(self) -> tuple[list[Piece], list[Chain]]:
        self.close()
        if self.pending_float:
            self.unassigned.append(Unassigned(self.pending_float_line, "floating byline with no article for it", self.lines[-1].number))
        self.unassigned.extend(Unassigned(marker, "continuation marker after the last article", self.lines[-1].number)
                               for marker in self.pending_markers)
        return self.pieces, [c for c in self.chains if c.lines]

    def read(self, k: int) -> None:
        """Line k, by its tag: the lines of no article's text first (headlines, labels, pictures,
        rules, markers, bylines), then a notice's signature, a sign-off, and text."""
        line, tag = self.lines[k], self.tags[k]
        if k == self.source_rest:
            self.take_markers(line)
            self.pieces[-1].lines.append(line)
            return
        if self._closes_with_source(k, line, tag):
            return
        if tag in ("candidate", "heading"):
            self._headline(line)
            return
        if tag == "nameplate":
            self.take_markers(line)
            self.unassigned.append(Unassigned(line.text, "the paper's name alone (its nameplate)", line.number))
            return
        if tag == "pinyin":
            self.take_markers(line)  # `shijueshengtai（上接1版）`: the marker is kept all the same
            if self.chain and self.chain.lines:
                # The heading above a pinyin line is a column label, not a headline.
                self.unassigned.append(Unassigned(self.chain.lines.pop(), "column label", line.number - 1))
            self.unassigned.append(Unassigned(line.text, "column label (pinyin)", line.number))
            return
        if tag == "picture":
            # Text that starts right under a picture is its caption; a picture inside a
            # report's text changes nothing. The headline above it still heads what follows.
            self.under_picture = self.current is None or not self.current.lines
            return
        self.just_ended, self.chain, self.resumed = self.chain, None, False
        if tag == "rule":
            self.close()  # a drawn rule between stories: nothing runs across it
            self.story_top, self.under_picture = True, False
            return
        opens_story = self.story_top or bool(self.just_ended and self.just_ended.opens_story)
        self.story_top = False
        if tag == "marker":
            self.take_markers(line)
            if continues_elsewhere(line):
                self.close()  # `（下转2版）` on a line of its own ends the article's text on this page too
            return
        if tag == "byline":
            self._byline(k)
            return
        if self.signed and tag != "signature":
            self.close()  # a notice ends with its signature block
            self.signed = False
        if tag == "signature":
            self._signature(line)
        elif tag == "signoff":
            self._signoff(line)
        else:
            self._text(k, opens_story)

    def _closes_with_source(self, k: int, line: CleanLine, tag: str) -> bool:
        """Where the report came from (`（据《山西日报》）`, or broken over two lines in a narrow
        column: `（综合新华社、` / `央视新闻报道）`), after its text or its sign-off, or a second
        sign-off (`…意义。（温耀辉）` + `（宋春）`, `（编辑 X）`): its last line(s), kept as printed;
        never a headline, a byline or an article. True when the line was taken so."""
        text, pieces = line.text, self.pieces
        signed_again = self.current is None and pieces and SIGN_OFF_LINE_RE.match(text) and _ends_signed(pieces[-1])
        broken = k + 1 < len(self.lines) and self.tags[k + 1] not in ("rule", "picture") and _source_broken(text, self.lines[k + 1].text)
        if not ((SOURCE_LINE_RE.match(text) or broken or signed_again) and tag not in ("rule", "picture") and not self.story_top
                and not (self.chain and self.chain.lines)):
            return False
        if self.current is None and pieces and _ends_signed(pieces[-1]):
            self.current = pieces.pop()
        if self.current is None or not self.current.lines:
            return False
        self.take_markers(line)
        self.current.lines.append(line)
        self.close()
        if broken:
            self.source_rest = k + 1
        return True

    def _headline(self, line: CleanLine) -> None:
        """A headline candidate or a Markdown heading: a line of the chain read, or a new chain's first."""
        self.take_markers(line)
        heading = HEADING_RE.match(line.text)
        level = len(heading.group(1)) if heading else 1
        # Under a byline, a heading as large as the headline taken up again is another
        # story's headline; a plain candidate line (raw text) still joins it (its subtitle).
        chain = self.chain
        if chain is None or (self.resumed and heading and level <= chain.levels[0]):
            self.resumed = False
            current, pieces = self.current, self.pieces
            chain = self.chain = Chain(before=current if current and current.lines else (pieces[-1] if pieces else None),
                                       opens_story=self.story_top)
            self.chains.append(chain)
        chain.lines.append(heading.group(2).strip() if heading else line.text)
        chain.levels.append(level)
        chain.markdown = chain.markdown or bool(heading)
        self.close()

    def _byline(self, k: int) -> None:
        line = self.lines[k]
        self.take_markers(line)
        match = FLOAT_BYLINE_RE.match(line.text)
        if self.ruled and labelled_note_over_byline(self.current, match.group(1) if match else None):
            self.current.summary_lines = len(self.current.lines)  # the report goes on under its byline
            self.current.float_byline = match.group(1)
            return
        if self.pending_float:
            self.unassigned.append(Unassigned(self.pending_float_line, "floating byline with no article for it", line.number))
        self.pending_float = match.group(1) if match else None
        self.pending_float_line = line.text
        if not self.ruled and _inside_sentence(self.current, self.lines, self.tags, k):
            return  # printed inside another story's sentence: that story's text runs on across it
        self.close()
        if self.just_ended and self.just_ended.lines:
            self.chain, self.resumed = self.just_ended, True  # a byline under a headline: the text under it is still the headline's

    def _signature(self, line: CleanLine) -> None:
        if self.current is None:
            self.unassigned.append(Unassigned(" ".join([line.text, *line.markers]), "signature with no notice above it", line.number))
            return
        self.current.kind = "notice"
        self.current.signature.append(line.text)
        self.current.markers.extend(line.markers)  # a marker printed inside the signature's date
        self.signed = True

    def _signoff(self, line: CleanLine) -> None:
        current = self.current
        if current:
            current.signed_off = not current.byline
            current.add_byline(next(g for g in SIGNOFF_RE.match(line.text).groups() if g))
            current.lines.append(line)  # kept as printed: the article's text ends with it
            current.markers.extend(line.markers)
        else:
            self.unassigned.append(Unassigned(" ".join([line.text, *line.markers]), "sign-off with no article above it", line.number))
        self.close()

    def _text(self, k: int, opens_story: bool) -> None:
        """A line of an article's text (body, lead, start, continued, credit, caption_end...):
        where it starts a piece, the piece it joins, and whether the piece ends with it."""
        lines, line, tag, ruled = self.lines, self.lines[k], self.tags[k], self.ruled
        if tag == "lead" and summary_before_lead(self.current, lines, k, headed=not ruled):
            self.current.summary_lines = len(self.current.lines)  # the report goes on after its summary
        elif tag == "lead" and not ruled and (start := _paragraph_run_into(self.current, lines, k)) is not None:
            if start:
                rest = self.current.lines[start:]
                del self.current.lines[start:]
                self.close()
                self.current = Piece(lines=rest)
        elif tag in ("lead", "continued", "start"):
            self.close()
        just_ended = self.just_ended
        if (self.current is None and self.pieces and ORIGINAL_TITLE_RE.match(line.text) and not opens_story and tag != "start"
                and not (just_ended and just_ended.lines) and _ends_signed(self.pieces[-1])):
            # `新闻原标题：…` after a reprint's sign-off (`（记者韩旭）`) is still its text: it goes on.
            # Only after a sign-off: a piece closed by `（下转2版）` or a byline is not reopened.
            self.current = self.pieces.pop()
        if self.current is None:
            self._open_piece(tag, opens_story)
        current = self.current
        if tag == "lead":
            current.lead = True
        current.lines.append(line)
        current.markers.extend(line.markers)
        # `…画卷。（郭炳中摄）` is a photo credit (undoubling took its space out), not a sign-off.
        if continues_elsewhere(line) or (tag not in ("credit", "caption_end") and (_signed_end(current.lines) or not ruled and _closed_by_original_note(current.lines))):
            self.close()  # the article goes on on another page, or is signed off: what follows is something else
        elif tag in ("credit", "caption_end"):
            self._credit(k)

    def _open_piece(self, tag: str, opens_story: bool) -> None:
        """A new piece, taking the floating byline, the 上接 markers and the chain read over it."""
        current = self.current = Piece(float_byline=self.pending_float, story_start=opens_story,
                                       kind="photo" if self.under_picture else None)
        self.under_picture = False
        if self.just_ended and self.just_ended.lines:
            current.chain_before, self.just_ended.after = self.just_ended, current
        self.pending_float = None
        current.markers.extend(self.pending_markers)
        if self.pending_markers or tag == "continued":
            current.kind = "fragment"
        self.pending_markers = []

    def _credit(self, k: int) -> None:
        """Line k, a photo credit or a caption's end, the current piece's last line: the caption
        goes on, the credit is dropped from a story read across it, or the caption is parted off."""
        lines, tags, line, tag = self.lines, self.tags, self.lines[k], self.tags[k]
        following = lines[k + 1].text if k + 1 < len(lines) else ""
        if NEXT_PHOTO_RE.match(following) or (self.ruled and k + 1 < len(lines) and tags[k + 1] in (*BODY_TAGS, "credit", "caption_end")):
            # 图① … 摄, then 图② …: one caption of several photos goes on; inside a story
            # the page parted off, text after a credit is the same caption group's.
            return
        current = self.current
        if (tag == "credit" and id(line) in self.in_columns and len(current.lines) > 1
                and not ends_sentence_or_bracket(current.lines[-2].text) and k + 1 < len(lines) and tags[k + 1] == "body"):
            # A picture's credit read from columns inside a sentence of a story (the line
            # above ends no sentence, a body line goes on under it): the picture is set in
            # or beside the story, whose text runs on across the credit.
            current.lines.pop()
            self.unassigned.append(Unassigned(line.text, "photo credit inside a story read from columns", line.number))
            return
        _split_caption(current, self.pieces, self.unassigned, whole=self.ruled and current.kind == "photo", in_columns=id(line) in self.in_columns)
        self.current = None


def _split_caption(piece: Piece, pieces: list[Piece], unassigned: list[Unassigned], whole: bool = False, in_columns: bool = False) -> None:
    """A photo credit ends a caption: the caption is the last paragraph unless the piece is all
    caption (`whole`: the text the page set right under a picture, in a story of its own).
    A credit read from `pdftotext -layout`'s columns (`in_columns`) under a story's text ends no
    caption of it: the reader reads a story's blocks down its column, so the credit of a picture
    set in the story (or of a photo story beside it) comes after the text above it, and that
    text's last paragraph is the story's own. The story stays whole; the credit is kept apart.
    Unless a blank row stands over that paragraph: a caption set apart from the text above it."""
    last = piece.lines[-1]
    start, credit = photo_credit(last.text, keep_editors=whole)
    last.text = last.text[:start].rstrip()
    if not last.text:
        piece.lines.pop()
    # Credit lines above it (`■整理编辑：王琪` over `本报记者 杜爱清 摄`) close the caption too
    # (in a story the page parted off, the caption is all of it: they stay, as printed).
    while not whole and piece.lines and ROLE_CREDIT_RE.match(piece.lines[-1].text):
        line = piece.lines.pop()
        unassigned.append(Unassigned(line.text, "credit line over a photo credit", line.number))
    caption_start = len(piece.lines) - 1
    while caption_start > 0 and not ends_sentence(piece.lines[caption_start - 1].text):
        caption_start -= 1
    body_chars = sum(len(line.text) for line in piece.lines[:caption_start])
    if caption_start > 0 and not whole and (piece.lead or body_chars > 200):
        set_apart = piece.lines[caption_start].number > piece.lines[caption_start - 1].number + 1
        if in_columns and not set_apart:
            pieces.append(piece)
            if credit:
                unassigned.append(Unassigned(credit, "photo credit under a story read from columns", last.number))
            return
        pieces.append(Piece(lines=piece.lines[:caption_start], lead=piece.lead, byline=piece.byline, markers=piece.markers, float_byline=piece.float_byline))
        piece = Piece(lines=piece.lines[caption_start:])
    if piece.lines:
        piece.kind, piece.byline, piece.lead = "photo", credit or None, False
        pieces.append(piece)
    else:
        left = " ".join(x for x in (credit, piece.float_byline, *piece.markers) if x)
        if left:
            unassigned.append(Unassigned(left, "photo credit with no caption", last.number))
