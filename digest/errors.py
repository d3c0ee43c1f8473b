"""The one error type users see: a file and what is wrong with it, printed on one line."""

import re

# Invisible characters that reorder or hide text: bidirectional controls (U+202E prints
# `会议gpj.exe` as `会议exe.jpg`; marks, embeddings, isolates), zero-width spaces and joiners,
# the word joiner and invisible operators, a byte-order mark inside the text. Chinese needs
# none of them, and each would make a line read otherwise than it is.
INVISIBLE = (0x061C, *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2065), *range(0x2066, 0x206A), 0xFEFF)

# Characters that would break the one line or drive the terminal: controls (newline, ESC …),
# line and paragraph separators, the invisible ones above, and undecodable bytes of a file
# name (lone surrogates). Shown escaped (`a\nb.txt`), never as themselves.
_UNPRINTABLE_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029" + "".join(map(chr, INVISIBLE)) + "\ud800-\udfff]")


# C0 and C1 controls and DEL but tab and newline, and the invisible characters, for
# str.translate: removed from what is written into a document (a title from --title is not
# content, which lost them at ingest).
CONTROLS = dict.fromkeys([*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), *INVISIBLE])


# DEL, C1 controls and the invisible characters as JSON escapes them (`\u009b`, a terminal's
# CSI; `\u202e`), for str.translate on json.dumps's text: JSON escapes C0 controls itself, but
# not these.
JSON_CONTROLS = {code: f"\\u{code:04x}" for code in (*range(0x7F, 0xA0), *INVISIBLE)}


class Translation:
    """`str.translate` with `table`, for texts that rarely hold any of its characters: those are
    searched for first, in C, and a text without one is returned as it is (translate looks each
    character up in the table in turn: 30 ms for a week's JSON, the search 2 ms)."""

    def __init__(self, table: dict[int, str | None]):
        self.table = table
        self._any = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(table)) + "]")

    def __call__(self, text: str) -> str:
        return str.translate(text, self.table) if self._any.search(text) else text


without_controls = Translation(CONTROLS)
json_controls_escaped = Translation(JSON_CONTROLS)


def printable(text: str) -> str:
    """`text` on one line and safe for a terminal: each character above escaped as Python would."""
    return _UNPRINTABLE_RE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def shown(value) -> str:
    """A value read from a settings, themes, places or edits file as a message shows it: its
    repr, cut to 80 characters (a string of a megabyte is still a short line); a whole number
    too long to print in decimal (a 5,000-digit `0xfff…`, which TOML reads) raised ValueError."""
    try:
        text = repr(value)
    except ValueError:
        return "a number too long to print"
    return text if len(text) <= 80 else text[:79] + "…"


class DigestError(Exception):
    """An input or output problem to report without a traceback."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{printable(str(path))}: {printable(str(problem))}")
        self.path = path
        self.problem = problem

    def __reduce__(self):
        # Rebuilt from its two parts, so it crosses process boundaries (--jobs) intact.
        return (DigestError, (self.path, self.problem))


def printable_name(name: str) -> str:
    """A file name or command-line text as the outputs print it: bytes that are not UTF-8 (kept
    by the file system and argv as lone surrogates, `bad\udcff.txt`) shown as U+FFFD, which
    every output can encode."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def lost_note(lost: int) -> str:
    """The note for characters a PDF's fonts could not name: `12 characters could not be read`."""
    return f"{lost} character{'s' if lost != 1 else ''} could not be read"
