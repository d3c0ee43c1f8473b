"""Chinese sentence splitting: a sentence ends at 。！？ (or ……), and a closing quote stays with it.

Semicolons and line breaks do not end sentences: in news prose they separate clauses
of one sentence, and line breaks are the PDF's, not the writer's.
"""

from __future__ import annotations

import re

# The end mark, then any closing quotes or brackets that belong to the same sentence.
_SENTENCE_RE = re.compile(r"[^。！？…]*(?:[。！？]+|…+|$)[”’」』）)]*")


def split_sentences(text: str) -> list[str]:
    """Split text into sentences; whitespace (including line breaks) inside is dropped at the edges only."""
    sentences = []
    for paragraph in text.split("\n"):
        for match in _SENTENCE_RE.finditer(paragraph):
            sentence = match.group(0).strip()
            if sentence:
                sentences.append(sentence)
    return sentences
