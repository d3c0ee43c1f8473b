"""A summary or editor's note set over a report's dateline (or byline) is the front of that
report, not an article of its own: told by its length, its label, and what it shares with the
report under it or the headline over it."""

from __future__ import annotations

from ..clean import CleanLine, ends_sentence, han_only, share_of_fewer, shingles
from ..credits import ROLE_CREDIT_RE, SUMMARY_LABEL_RE
from .lines import HEADING_RE, LEAD_RE, ORIGINAL_TITLE_RE, RULE_RE
from .pieces import Piece, han_window


SUMMARY_HAN = 300  # a summary or editor's note set over a report's dateline is at most this long
SUMMARY_SHARE = 0.12  # ...and shares this many of its bigrams with the report's first lines
HEADLINE_SHARE = 0.3  # ...or the story's headline shares this many bigrams with them or with it (of the fewer)
HEADLINE_GRAMS = 7  # a headline (eight characters or more), not a column label


def _opening_note(current: Piece | None, headed: bool = False) -> str | None:
    """The text of `current` when it opens a story the page parted off (or, `headed`, follows a
    headline), with no dateline yet, short enough to be a summary or an editor's note set over
    the report; else None."""
    if current is None or not current.lines or current.lead or current.kind:
        return None
    # Text no rule parts (raw text) opens a story under its headline, or with a reprint's `原标题：…`.
    headed = headed and (current.chain_before is not None or bool(ORIGINAL_TITLE_RE.match(current.lines[0].text)))
    if not (current.story_start or headed):
        return None
    text = "".join(line.text for line in current.lines)
    return text if len(han_only(text)) <= SUMMARY_HAN else None


def _labelled_note(current: Piece, text: str) -> bool:
    """`text` (current's) is labelled a summary or a note (`编者按：…`, `【核心提示】`) and whole sentences."""
    return bool(SUMMARY_LABEL_RE.match(current.lines[0].text) or SUMMARY_LABEL_RE.match(text)) and ends_sentence(text)


def labelled_note_over_byline(current: Piece | None, byline: str | None) -> bool:
    """A labelled summary or editor's note opening its story, right over a byline of names
    (`■本报记者 X`): the front of the report under the byline, as it is over a dateline."""
    return byline is not None and (text := _opening_note(current)) is not None and _labelled_note(current, text)


def summary_before_lead(current: Piece | None, lines: list[CleanLine], k: int, headed: bool = False) -> bool:
    """The text opening a story the page parted off, before the dateline on line `k`, is the
    report's summary or editor's note (`核心提示：…` / `本报讯（记者 X）…`), or a reprint's original
    headline (`原标题：…`): short, whole sentences (or that headline), no dateline of its own, and
    about what the report says (stacked briefs are about different things)."""
    if (text := _opening_note(current, headed)) is None:
        return False
    # Opening the story (under a byline set over its first column, `文/图 X`), it is this
    # report's (after its sign-off it would close the one above).
    opening = [line.text for line in current.lines]
    while len(opening) > 1 and ROLE_CREDIT_RE.match(opening[0]):
        opening.pop(0)
    if ORIGINAL_TITLE_RE.match("".join(opening)):
        return True
    if _labelled_note(current, text):
        return True  # labelled a summary or a note (`【核心提示】`): it says so, whatever its words
    if not ends_sentence(text):
        return False
    own = shingles(text, 2)
    end = next((j for j in range(k + 1, min(len(lines), k + 40)) if RULE_RE.match(lines[j].text) or HEADING_RE.match(lines[j].text)), k + 40)
    # The report's first words, in its story, its dateline left out (who reports says nothing of what).
    after = shingles((han_only(LEAD_RE.sub("", lines[k].text, count=1)) + han_window(lines[k + 1 : end], 150))[:150], 2)
    if share_of_fewer(own, after) >= SUMMARY_SHARE:
        return True
    # ...or the story's headline, over the summary, names what the report under it says (a
    # label over stacked briefs, `简讯`, is short and names nothing of them; a report cut short
    # by `（下转8版）` has only a line or two under its dateline to compare).
    # The same headline naming what the summary itself says (a summary of what the report ends
    # with shares little with its first lines) makes it the story's too.
    head = shingles("".join(current.chain_before.lines), 2) if current.chain_before else frozenset()
    return len(head) >= HEADLINE_GRAMS and any(share_of_fewer(head, words) >= HEADLINE_SHARE
                                               for words in (after, own))
