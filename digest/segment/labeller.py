"""The line labeller: a linear-chain CRF (python-crfsuite) that decides, for every line the
rules can only guess at (a headline candidate or a body line), whether it is a headline
line, the first line of a new article, or a body line going on.

Rules stay where they are exact (datelines, bylines, credits, sign-offs, signatures,
continuation markers, Markdown headings, pinyin column labels): those tags are kept as the
rules give them and are the model's strongest features. The model is trained on generated
pages by `python -m digest.segment.train` and shipped in digest/data/; without it the rules'
tags stand alone.
"""

from __future__ import annotations

import functools
from pathlib import Path

from ..clean import CleanLine
from .features import line_features, opens_paragraph
from .repair import SECTION_HEAD_RE

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "segment_lines.crfsuite"
DECIDED = ("candidate", "body")  # the rule tags the model may overrule
TAG_OF_LABEL = {"H": "candidate", "S": "start", "B": "body", "O": None}
CONFIDENCE = 0.4  # marginal probability needed to overrule a rule; chosen on development pages
DEMOTE_CONFIDENCE = 0.8  # ...and to overrule a headline candidate, or anything on a page
# whose headlines the PDF reader marked by type size (Markdown headings): the rules know more there


def _exact(lines: list[CleanLine], tags: list[str], i: int) -> bool:
    """Where the rules are exact: `（一）…` heads a section; a line right above a `——` subtitle is its headline."""
    if SECTION_HEAD_RE.match(lines[i].text):
        return True
    # A headline line right above a `——` subtitle or a dateline lead (`本报讯（记者 X）`).
    return tags[i] == "candidate" and i + 1 < len(lines) and (lines[i + 1].text.startswith("——") or tags[i + 1] == "lead")


@functools.lru_cache(maxsize=1)
def _tagger(path: str):
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return tagger


def available(path: Path = MODEL_PATH) -> bool:
    return path.is_file()


def relabel(lines: list[CleanLine], tags: list[str], path: Path = MODEL_PATH) -> list[str]:
    """The tags with the model's decision on every candidate and body line."""
    if not lines or not available(path):
        return tags
    tagger = _tagger(str(path))
    labels = tagger.tag(line_features(lines, tags))
    out = list(tags)
    typeset = tags.count("heading") >= 2
    for i, (tag, label) in enumerate(zip(tags, labels)):
        new = TAG_OF_LABEL.get(label)
        # Overruling the rules costs a cut in the wrong place: only when the model is sure.
        need = DEMOTE_CONFIDENCE if tag == "candidate" or typeset else CONFIDENCE
        # An article starts at a paragraph start: never inside a sentence run over two lines.
        inside = new == "start" and tag == "body" and not opens_paragraph(lines, tags, i)
        if tag in DECIDED and new and new != tag and not inside and not _exact(lines, tags, i) and tagger.marginal(label, i) >= need:
            out[i] = new
    return out
