"""An issue cut into articles, stage by stage: lines cleaned and labelled (lines.py,
labeller.py), their tags set right (retag.py), grouped into pieces and headline chains
(grouping.py), pieces repaired (rejoin.py, repair.py), headlines matched (headlines.py), and
each piece made an article with its dateline, byline (here) and kind (kinds.py). Lines that
belong to no article are kept in `Issue.unassigned` with the reason, so nothing is lost silently."""

from __future__ import annotations

import re

from ..clean import clean_lines, dedupe_paragraphs, han_only
from ..credits import clean_byline
from ..model import Article, Issue, Unassigned
from .grouping import group_pieces
from .headlines import compose_title, generated_title, match_headlines
from .kinds import article_kind, printed_in_bold
from .labeller import relabel
from .lines import INLINE_BYLINE_RE, LEAD_RE, classify, laid_out, place_original_titles, segment_lines
from .pieces import Piece, paragraphs
from .rejoin import assign_float_bylines, first_lines_back, headline_tails_back, heads_of_unheaded_neighbours, starts_within_a_topic
from .repair import UNRELATED_MIN_HAN, merge_section_heads, relocate_repeated_tails, split_at_headlines, split_topics, split_unrelated, stitch_dangling
from .retag import body_under_headings, credits_under_text, run_on_candidates, without_repeated_leads

# The labels of an editor's note or lead-in box, which papers set in bold like a caption.
EDITORS_NOTE_RE = re.compile(r"^\s*[【\[]?\s*(?:编者按|编者的话|编后语?|编辑手记|导读|按语)")
REPORTED_RE = re.compile(r"报道(?:\s+|$)")  # the word a reporters' dateline may end with: `本报记者 X 报道`


def _lead_byline(group: str | None) -> str | None:
    if not group:
        return None
    names = re.sub(r"(实习)?记者|通讯员|本报", " ", group).split()
    return " ".join(names) or None


def _split_lead(text: str) -> tuple[str, str | None, str | None]:
    """Remove the `本报讯（记者 X）` lead from the first line; return (rest, byline, dateline)."""
    match = LEAD_RE.match(text)
    if not match:
        return text, None, None
    end = match.end()
    byline = _lead_byline(match.group(2))
    if byline is None:
        inline = INLINE_BYLINE_RE.match(text, end)
        if inline:
            byline, end = " ".join(inline.group(1).split()), inline.end()
            reported = REPORTED_RE.match(text, end)  # `本报记者 X 报道`: the dateline's last word, not the text's first
            end = reported.end() if reported else end
    return text[end:], byline, text[:end].strip() or None


FRAGMENT_HAN = UNRELATED_MIN_HAN  # an untitled piece read from columns shorter than this is no article


def _fragments_joined(kept: list[Piece], paragraphs_of: list[list[str]], in_columns: frozenset[int]) -> tuple[list[Piece], list[list[str]]]:
    """An untitled piece read from `pdftotext -layout`'s columns, of fewer than FRAGMENT_HAN Han
    characters (too short for `split_unrelated` to part off) with nothing printed around it (no
    dateline, byline, signature or marker), is no article: words the reading order parted from
    their text (a paragraph's last words, a line run into another column). It goes on the piece
    before it as that one's last paragraphs: kept, and not counted an article of its own. (On
    eleven development sets, 93 of 105 such pieces held no article's first words; 20, 30, 40 and
    60 characters measured: docs/segmentation.md, "Layout-mode text, a twenty-first pass".)"""
    pieces: list[Piece] = []
    texts: list[list[str]] = []
    for piece, paragraphs_ in zip(kept, paragraphs_of):
        if (pieces and not piece.headline and id(piece.lines[0]) in in_columns and len(han_only("".join(paragraphs_))) < FRAGMENT_HAN
                and not (piece.lead or piece.dateline or piece.byline or piece.float_byline or piece.signature or piece.markers)):
            pieces[-1].absorb(piece)
            texts[-1] = texts[-1] + paragraphs_
            continue
        pieces.append(piece)
        texts.append(paragraphs_)
    return pieces, texts


def segment(issue: Issue) -> list[Article]:
    """Cut `issue.raw` (cleaned line by line here) into articles; fill `issue.articles` and return them."""
    cleaned = clean_lines(issue.raw)
    lines = segment_lines(cleaned, issue.pages, typeset=issue.encoding == "pdf")
    issue.text = "\n".join(line.text for line in lines)
    issue.removed.extend(text for line in lines for text in line.removed)
    layout = laid_out(lines, issue.pages)
    tags = credits_under_text(lines, run_on_candidates(lines, relabel(lines, classify(lines), layout=layout)))
    in_columns = frozenset(id(line) for line, laid in zip(lines, layout) if laid)  # read from `pdftotext -layout`'s columns
    # The paper's name alone on a line (a nameplate over or under the masthead's line, which the
    # masthead reader took out) is no headline's line, whatever the rules and the labeller read.
    papers = {page.masthead.paper for page in issue.pages if page.masthead and page.masthead.paper}
    tags = ["nameplate" if tag == "candidate" and re.sub(r"\s+", "", line.text) in papers else tag for line, tag in zip(lines, tags)]
    if "rule" not in tags and tags.count("heading") < 2:
        place_original_titles(lines, tags)  # on a page the PDF reader parted, its story says
    if issue.encoding != "pdf":
        lines, tags = without_repeated_leads(lines, tags, issue.removed)
    issue.unassigned = []
    ruled = "rule" in tags  # the page's stories are parted (the PDF reader's `---`, or drawn rules)
    if ruled:
        body_under_headings(tags)
    pieces, chains = group_pieces(lines, tags, issue.unassigned, ruled, in_columns)
    if not ruled:  # a page parted into stories prints its headlines whole, and is not cut again by topic
        pieces = headline_tails_back(pieces, chains)
        pieces = starts_within_a_topic(pieces, lines, tags)
        pieces = split_topics(pieces)
    pieces = merge_section_heads(pieces, chains, in_columns)
    pieces = relocate_repeated_tails(pieces, issue.removed)
    pieces = stitch_dangling(pieces, chains)
    pieces = split_at_headlines(pieces, chains, in_columns)
    if not ruled:
        pieces = split_unrelated(pieces, in_columns)
    seen: set[str] = set()
    bodies: list[str] = []
    kept: list[Piece] = []
    paragraphs_of: list[list[str]] = []
    for piece in pieces:
        if 0 < piece.summary_lines < len(piece.lines):  # the dateline under the summary, as it would open the report
            texts = paragraphs(piece.lines[: piece.summary_lines])
            report = paragraphs(piece.lines[piece.summary_lines :]) or [""]
            report[0], lead_byline, piece.dateline = _split_lead(report[0])
            texts += report
        else:
            texts = paragraphs(piece.lines)
            if not texts:
                continue
            texts[0], lead_byline, piece.dateline = _split_lead(texts[0])
        piece.byline = piece.byline or lead_byline
        # An editor's note set in bold (`编者按：…`) is no caption.
        piece.bold = not piece.lead and not EDITORS_NOTE_RE.match(texts[0]) and printed_in_bold(piece.lines, [p for p in texts if p])
        # A block drawn twice (fake bold) prints twice in extracted text; a PDF's copies were
        # merged at the glyph, so there a paragraph printed again is another article's
        # (two notices set from one template).
        texts = [p for p in texts if p] if issue.encoding == "pdf" else dedupe_paragraphs([p for p in texts if p], seen, issue.removed)
        if not han_only("".join(texts)):
            left = " ".join(x for x in (piece.dateline, piece.byline, piece.float_byline, *piece.signature, *piece.markers) if x)
            if han_only(left):
                issue.unassigned.append(Unassigned(left, "dateline or byline with no text after it", piece.lines[0].number))
            continue
        kept.append(piece)
        issue.removed.extend(piece.dropped)
        issue.removed.extend(m for k, m in enumerate(piece.markers) if m in piece.markers[:k])  # a marker printed twice
        paragraphs_of.append(texts)
        bodies.append("".join(texts))
    unmatched = match_headlines(kept, bodies, chains)
    above = {id(line): lines[n - 1] for n, line in enumerate(lines) if n and id(line) in in_columns}
    unmatched = first_lines_back(kept, paragraphs_of, chains, unmatched, above)
    unmatched = heads_of_unheaded_neighbours(kept, bodies, chains, unmatched)
    issue.unassigned.extend(Unassigned(text, "headline matched no article") for text in unmatched)
    assign_float_bylines(kept, issue.unassigned)
    kept, paragraphs_of = _fragments_joined(kept, paragraphs_of, in_columns)
    articles = []
    for position, (piece, texts) in enumerate(zip(kept, paragraphs_of)):
        text = "\n".join(texts)
        if piece.headline:
            title, subtitle, kicker = compose_title(piece.headline, text, piece.headline_lines_whole, piece.headline_levels,
                                                    typeset=issue.encoding == "pdf")
            generated = False
        else:
            title, subtitle, kicker, generated = generated_title(text), None, None, True
        articles.append(
            Article(
                source=issue.source,
                text=text,
                title=title,
                title_generated=generated,
                subtitle=subtitle,
                kicker=kicker,
                dateline=piece.dateline,
                signature=" ".join(piece.signature) or None,
                kind=article_kind(piece, text, None if generated else title),
                byline=clean_byline(piece.byline, issue.removed, issue.paper),
                position=position,
                continued=sorted(set(piece.markers), key=piece.markers.index),
                sources=[issue.source],
                page=issue.page_at(piece.lines[0].number),
                paper=issue.paper,
            )
        )
    issue.articles = articles
    return articles
