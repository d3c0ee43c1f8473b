"""The editor's last word: an edits file (TOML) applied to the composed week.

    drop = ["000_27f68ec5389186af-08"]            # left out of the briefing
    pin = ["004_3620d4e266fd140a-01"]             # lead 本周要闻, in this order
    note = "note.md"                              # 编者按, Markdown; relative to this file
    [titles]
    "004_3620d4e266fd140a-02" = "我市多部门联合推进科技金融"
    [themes]
    "001_f2b228228f5e40ef-06" = "党建政务"

Ids are the articles' `id` (`digest show --ids` lists them). Every id must be an article of
the briefing being built, every theme a theme of the themes file: anything else is one
`DigestError` naming the file and the key. The edits touch only composition (which articles,
their titles and sections, 本周要闻), never how an issue is processed, so the cache is not
concerned.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DigestError, shown
from .reading import decode_toml, read_bounded

KEYS = ("drop", "pin", "titles", "themes", "note")


def _read(path: Path) -> bytes:
    """The edits file or the note it names: a regular file of at most 1 MB (digest/reading.py)."""
    return read_bounded(path, "edits")


@dataclass(frozen=True)
class Edits:
    source: str = ""
    """The edits file, for messages."""
    drop: tuple[str, ...] = ()
    pin: tuple[str, ...] = ()
    titles: dict[str, str] = field(default_factory=dict)
    themes: dict[str, str] = field(default_factory=dict)
    note: str = ""
    """The editor's note (编者按) as Markdown; empty when there is none."""

    def ids(self) -> list[tuple[str, str]]:
        """(key, id) for every id the file names, in the file's order."""
        return [("drop", i) for i in self.drop] + [("pin", i) for i in self.pin] + [(f"titles.{i}", i) for i in self.titles] + [(f"themes.{i}", i) for i in self.themes]


def _ids(value, where: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise DigestError(where, f"{key} must be a list of article ids (strings), not {shown(value)}")
    ids = tuple(item.strip() for item in value)
    counts = Counter(ids)  # counting each id in the list again was quadratic: 60,000 ids, 37 s
    twice = next((i for i in ids if counts[i] > 1), None)
    if twice is not None:
        raise DigestError(where, f"{key}: {twice} is listed twice")
    return ids


def _table(value, where: str, key: str, what: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise DigestError(where, f"{key} must be a table of article id = {what}, not {shown(value)}")
    for article_id, text in value.items():
        if not isinstance(text, str) or not text.strip():
            raise DigestError(where, f"{key}.{article_id} must be a non-empty string ({what}), not {shown(text)}")
    table: dict[str, str] = {}
    for article_id, text in value.items():
        if article_id.strip() in table:  # (`" a"` and `"a"` are two TOML keys, one id)
            raise DigestError(where, f"{key}: {article_id.strip()} is listed twice")
        table[article_id.strip()] = " ".join(text.split())
    return table


def parse_edits(data: dict, path: Path, read=_read) -> Edits:
    """The edits of a parsed TOML file `path`; `note` is read relative to the file's folder."""
    where = str(path)
    for key in data:
        if key not in KEYS:
            raise DigestError(where, f"unknown key {key!r} (known keys: {', '.join(KEYS)})")
    drop = _ids(data.get("drop", []), where, "drop")
    pin = _ids(data.get("pin", []), where, "pin")
    titles = _table(data.get("titles", {}), where, "titles", "the new title")
    themes = _table(data.get("themes", {}), where, "themes", "a theme name")
    dropped = set(drop)
    for key, named in (("pin", pin), ("titles", titles), ("themes", themes)):
        both = next((i for i in named if i in dropped), None)
        if both is not None:
            raise DigestError(where, f"{both} is both dropped and in {key}")
    note = ""
    if "note" in data:
        value = data["note"]
        if not isinstance(value, str) or not value.strip():
            raise DigestError(where, f"note must be the path of a Markdown file (a string), not {shown(value)}")
        note_path = Path(value).expanduser()
        if not note_path.is_absolute():
            note_path = path.parent / note_path
        # The note is printed in the briefing, which `digest mail` sends: a digest.toml in a
        # folder someone else wrote must not make it any file this user can read (/etc/passwd,
        # a key in ~/.ssh, or a note.md that links to one). A Markdown file, by its real name.
        real = os.path.realpath(note_path)
        if not real.lower().endswith((".md", ".markdown")):
            raise DigestError(str(note_path), f"the editor's note must be a Markdown file (.md), not {real}")
        try:
            note = read(note_path).decode("utf-8").lstrip("\ufeff").strip()
        except UnicodeDecodeError:
            raise DigestError(str(note_path), "the editor's note is not UTF-8 text") from None
        from .note import note_html

        note_html(note, str(note_path))  # rendered now, before the issues are processed: an error names the file
    return Edits(where, drop, pin, titles, themes, note)


def load_edits(path: Path, read=_read) -> Edits:
    """The edits file at `path`, checked: unknown keys, wrong types, ids listed twice or both
    dropped and edited are one-line errors naming the file and the key."""
    return parse_edits(decode_toml(read(path), str(path)), Path(path), read)


def check_against(edits: Edits, article_ids: set[str], theme_names: list[str]) -> None:
    """Every id must be an article of the briefing, every theme one of `theme_names`."""
    for key, article_id in edits.ids():
        if article_id not in article_ids:
            raise DigestError(edits.source, f"{key}: no article {article_id} in this briefing (see 'digest show --ids')")
    for article_id, theme in edits.themes.items():
        if theme not in theme_names:
            raise DigestError(edits.source, f"themes.{article_id}: unknown theme {theme!r} (themes: {', '.join(theme_names)})")
