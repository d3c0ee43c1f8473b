"""What the full-text index holds for a text, and a query as an FTS5 expression.

Chinese is written without spaces, so SQLite's word tokenizer (unicode61) would take a whole
run of Han characters as one word. Every run of Han characters is therefore indexed character
by character (孝义市 → 孝 义 市), and a query word as the phrase of its characters: any word is
found wherever it is printed, as a substring, with no dictionary deciding where words end
(jieba cuts 孝义市 whole, so 孝义 would be missed; see benchmarks/search_tokens.py for the
measured choice). Single characters rather than overlapping pairs (孝义 义市): the same
matches, but a vocabulary of a few thousand terms instead of a few hundred thousand, which
FTS5 writes about four times faster (recording is mostly indexing). A marker token `RUN_END`
closes each run, so a phrase never matches across punctuation (氢能，能源 does not hold
氢能源). FTS5's bm25 ranks the phrases as words.

The index reads the tokens with FTS5's `ascii` tokenizer (schema v6; before it, `unicode61`):
ASCII letters and digits make words (5G, PM2.5 as pm2 and 5, case folded), and every other
character is a letter of a word, so the tokens given to it are made to be nearly what unicode61
would take: a character that is neither ASCII nor a letter, digit or private-use character (，。“
and the like) becomes a space, and the rest are lower-cased here. Not quite the same (a review
checked every character to U+104FF): combining marks and supplementary-plane private use are
spaces here, parts of words to unicode61, and Python's lower() folds İ, ς, µ, ſ otherwise; as
queries go through the same function, a search still finds what was indexed. FTS5 writes the same tokens about
a quarter faster so, as it no longer looks up each Han character's Unicode category and case
(recording a build's issues is mostly FTS5; benchmarks/archive.py --record-parts).
"""

from __future__ import annotations

import re

TOKENIZER = "ascii"  # FTS5's, as the index is made (schema._v6)
RUN_END = "\ue000"  # a private-use character: a word to either tokenizer, never typed in a text
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RUN = re.compile(f"([{_HAN}]+)")  # split: text between runs at even places, runs at odd
# Not part of a word to unicode61 (its categories L*, N*, Co) and not ASCII (the ascii tokenizer's own).
_SEPARATORS = re.compile(r"[^\w\x00-\x7f\ue000-\uf8ff]+")


def index_tokens(text: str) -> str:
    """`text` as the index sees it: Han runs character by character, each run closed by RUN_END;
    other characters nearly as unicode61 would take them (separators spaces, letters lower case)."""
    parts = _HAN_RUN.split(_SEPARATORS.sub(" ", text).lower())
    if len(parts) > 1:
        parts[1::2] = _spaced_runs(parts[1::2])
    return " ".join(parts)  # " 孝 义 市 \ue000 " around each run, as the parts are joined


def article_tokens(article) -> list[str]:
    """What the index holds for an article (a model.Article): [its headline's tokens, its text's]."""
    return [index_tokens(article.title or ""), index_tokens(article.text)]


def _spaced_runs(runs: list[str]) -> list[str]:
    """Each run with a space after each of its characters and RUN_END at its end (孝义市 ->
    `孝 义 市 \ue000`), all runs at once in C: the runs joined by NUL, as UTF-16 (every Han
    character of _HAN is one 16-bit unit), each unit followed by a space's unit, then cut
    at the NULs again. A third faster than joining the characters run by run (which makes
    an object of each character); recording a build's issues is mostly this and FTS5."""
    utf16 = "\x00".join(runs).encode("utf-16-le")
    units = len(utf16) >> 1
    spaced = bytearray(units << 2)  # each unit, then a space: 20 00
    spaced[0::4] = utf16[0::2]
    spaced[1::4] = utf16[1::2]
    spaced[2::4] = b" " * units
    return (spaced.decode("utf-16-le").replace("\x00 ", RUN_END + "\x00") + RUN_END).split("\x00")


def query_terms(query: str) -> list[str]:
    """The words of a query (split at spaces), each once, without ones that hold nothing
    searchable: FTS5 matches a phrase again for every time it is listed (a query of one word
    10,000 times ran for minutes). Punctuation around a word (`-吕梁`, `氢能，`) is not part of it,
    so the snippet marks the word where it is found."""
    return list(dict.fromkeys(word for term in query.split() if (word := re.sub(r"^\W+|\W+$", "", term))))


def match_expression(terms: list[str]) -> str:
    """The FTS5 MATCH expression for `terms`: every term, each as the phrase of its tokens.

    Inside a quoted phrase FTS5 reads nothing as syntax, so a user's quotes, stars or
    operators are only text. A term's last run is not closed by RUN_END (氢能 is found in
    氢能源 too)."""
    phrases = []
    for term in terms:
        tokens = index_tokens(term).split()
        if tokens and tokens[-1] == RUN_END:
            tokens.pop()
        phrases.append('"' + " ".join(tokens).replace('"', '""') + '"')
    return " AND ".join(phrases)
