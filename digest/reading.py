"""Every file the tool opens is read here: regular files only, and no more than its kind's cap.

A FIFO would hang a read forever and a device (`/dev/zero`) never ends, so anything but a
regular file is refused before a byte is read; the file is opened without blocking (a FIFO
with no writer would block `open` itself) and its size is checked on the open file, then at
most cap + 1 bytes are read, so a file that grows meanwhile is caught too. Each refusal is a
`DigestError`: one line naming the file.

The caps (README, "Reliability") are generous for what each kind really holds: a text issue
is a few hundred KB, a whole year of them tens of MB; an e-paper PDF of a whole issue with
its photos can run to a hundred MB or more.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from .errors import DigestError

MB = 1024 * 1024
LIMITS = {
    "issue": 64 * MB,  # a text issue (.txt, .md, or any input not named .pdf)
    "pdf": 256 * MB,  # an input named .pdf
    "config": 1 * MB,  # digest.toml, --config
    "themes": 4 * MB,
    "places": 4 * MB,
    "template": 1 * MB,
    "edits": 1 * MB,  # --edits, and the editor's note it names
    "cache": 64 * MB,  # a cache entry (we wrote it, but anyone who can write the folder could replace it)
}
LABELS = {"issue": "an issue file", "pdf": "a PDF", "config": "a configuration file", "themes": "a themes file",
          "places": "a places file", "template": "a template", "edits": "an edits file", "cache": "a cache entry"}

_KINDS_OF_FILE = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO, a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def size_label(size: int) -> str:
    for unit, scale in (("GB", 1024 * MB), ("MB", MB), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}".replace(".0 ", " ")
    return f"{size} bytes"


def input_kind(path: str | Path) -> str:
    """The cap an input file is read under: `pdf` for a name ending .pdf, else `issue`."""
    return "pdf" if str(path).lower().endswith(".pdf") else "issue"


def what_it_is(mode: int) -> str | None:
    """'a FIFO, a named pipe', 'a folder' … for anything but a regular file; None for one."""
    if stat.S_ISREG(mode):
        return None
    return next((label for test, label in _KINDS_OF_FILE if test(mode)), "not a regular file")


def read_bounded(path: str | Path, kind: str, head: int | None = None) -> bytes:
    """The bytes of the regular file `path`, at most LIMITS[kind] of them, or a DigestError
    naming the file (`themes.toml: not a regular file (a character device)`); with `head`, its
    first `head` bytes only (the same checks: a file too large is refused all the same)."""
    limit = LIMITS[kind]
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise DigestError(str(path), f"cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        other = what_it_is(info.st_mode)
        if other is not None:
            raise DigestError(str(path), f"not a regular file ({other})" if other != "a folder" else "is a folder, not a file")
        if info.st_size > limit:
            raise DigestError(str(path), _too_large(info.st_size, kind))
        os.set_blocking(fd, True)
        if head is not None:
            return os.read(fd, head)
        chunks, got = [], 0
        while got <= limit:
            chunk = os.read(fd, min(limit + 1 - got, 4 * MB))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        if got > limit:  # it grew after the size was checked
            raise DigestError(str(path), _too_large(got, kind, at_least=True))
        return b"".join(chunks)
    except OSError as exc:
        raise DigestError(str(path), f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _too_large(size: int, kind: str, at_least: bool = False) -> str:
    return f"too large: {'over ' if at_least else ''}{size_label(size)} (the limit for {LABELS[kind]} is {size_label(LIMITS[kind])})"


def decode_toml(data: bytes, where: str) -> dict:
    """The TOML document in `data` (UTF-8, a byte-order mark allowed), or a one-line
    DigestError naming `where`: not UTF-8, not TOML, or nested deeper than the parser's stack
    (`a=[[[[…` 100,000 deep, which tomllib meets with a RecursionError), or holding a number
    too long to convert (`sentences = 99…9`, 5,000 digits: a ValueError)."""
    import tomllib

    try:
        return tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise DigestError(where, "not valid TOML: the file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise DigestError(where, f"not valid TOML: {error}") from None
    except RecursionError:
        raise DigestError(where, "not valid TOML: nested too deeply") from None
    except ValueError:  # a whole number longer than Python converts (sys.get_int_max_str_digits)
        raise DigestError(where, f"not valid TOML: a number of more than {sys.get_int_max_str_digits():,} digits") from None
