"""`digest.toml`: defaults for every command, from the current folder or `--config FILE`.

The file holds top-level keys only, named like the long options they stand for:

    title = "吕梁要闻周报"
    sentences = 3
    ranker = "textrank"
    themes = "themes.toml"          # paths are relative to the folder holding digest.toml
    out = "output"
    to = ["张三 <zhangsan@example.cn>"]
    from = "digest@example.cn"
    smtp-host = "smtp.example.cn"
    smtp-port = 25

`Settings` is the schema: each key is declared with its type and documented where it is
declared. `default_map` turns it into click's `ctx.default_map`, so every command that has
the matching option takes the value as its default and an option given on the command line
still wins. An unknown key, a value of the wrong type, an unreadable file or bad TOML is one
`DigestError` naming the file and the key.
"""

from __future__ import annotations

import datetime as dt
import typing
from dataclasses import dataclass, field, fields
from pathlib import Path

from .config import FORMATS
from .errors import DigestError, shown
from .model import KINDS
from .reading import decode_toml, read_bounded
from .summarize import RANKERS

CONFIG_NAME = "digest.toml"


def _is_day(value: str) -> str | None:
    """None when `value` is a day written YYYY-MM-DD, else what it should be."""
    from .dates import missing_day

    try:
        dt.date.fromisoformat(value) if len(value) == 10 else int("x")
    except ValueError:
        why = missing_day(value)
        return f"a day that exists ({why})" if why else "a day written YYYY-MM-DD"
    return None


def _is_week(value: str) -> str | None:
    from .dates import week_range

    if value.strip().lower() in ("", "last"):
        return None
    try:
        week_range(value)
    except ValueError:
        return "an ISO week such as 2025-W15, or last"
    return None


def _key(param: str, *, key: str | None = None, not_for: tuple[str, ...] = (), **checks) -> dict:
    """Field metadata: the click parameter it sets, its TOML key when not the field name with
    `-` for `_`, commands it does not apply to, and extra checks (`range`, `choices`, `folder`)."""
    return {"param": param, "key": key, "not_for": not_for, **checks}


@dataclass(frozen=True)
class Settings:
    """Every key digest.toml may hold; None: not set, the command's own default applies."""

    title: str | None = field(default=None, metadata=_key("title"))
    """The briefing's title (build, mail: --title)."""
    to: tuple[str, ...] | None = field(default=None, metadata=_key("to"))
    """Recipients of `digest mail` (--to): one address or a list, e.g. "张三 <a@b.cn>"."""
    sender: str | None = field(default=None, metadata=_key("sender", key="from"))
    """Sender address of `digest mail` (--from); the key is `from`."""
    smtp_host: str | None = field(default=None, metadata=_key("smtp_host"))
    """SMTP server `digest mail` sends through (--smtp-host); the key is `smtp-host`."""
    smtp_port: int | None = field(default=None, metadata=_key("smtp_port", range=(1, 65535)))
    """SMTP port (--smtp-port), 1 to 65535; the key is `smtp-port`."""
    smtp_timeout: int | None = field(default=None, metadata=_key("smtp_timeout", range=(1, 3600)))
    """Seconds the whole exchange with the SMTP server may take, 1 to 3600 (--smtp-timeout); the key is `smtp-timeout`."""
    themes: Path | None = field(default=None, metadata=_key("themes_file"))
    """A themes.toml replacing the shipped theme keywords (--themes)."""
    places: Path | None = field(default=None, metadata=_key("places_file"))
    """A places.toml replacing the shipped gazetteer (--places)."""
    edits: Path | None = field(default=None, metadata=_key("edits_file"))
    """The editor's edits file (--edits): drop, pin, titles, themes and an editor's note (build, mail)."""
    templates: Path | None = field(default=None, metadata=_key("templates_dir", folder=True))
    """A folder of templates overriding the shipped ones by name (--templates); it must exist."""
    sentences: int | None = field(default=None, metadata=_key("sentences", range=(1, 20)))
    """Key sentences per article, 1 to 20 (build, mail, show, summarize: --sentences). `digest
    show` prints the first of them, the briefing's first key sentence."""
    ranker: str | None = field(default=None, metadata=_key("ranker", choices=tuple(sorted(RANKERS))))
    """Sentence ranker: textrank, textrank4zh or lead (--ranker)."""
    out: Path | None = field(default=None, metadata=_key("out_dir"))
    """Folder `digest build` writes the briefing to (-o/--out)."""
    jobs: int | None = field(default=None, metadata=_key("jobs", range=(1, 64)))
    """Worker processes for `digest build`, `show`, `mail` and `archive add` (-j/--jobs);
    default: one for every 4 issues to process, up to one per idle CPU core, at most 8."""
    cache_dir: Path | None = field(default=None, metadata=_key("cache_dir", key="cache-dir"))
    """Cache of processed issues for `digest build` (--cache-dir)."""
    pages: int | None = field(default=None, metadata=_key("pages", range=(4, 999)))
    """The briefing's page budget, A4 pages, 4 to 999 (build, mail: --pages); default 24."""
    full: bool | None = field(default=None, metadata=_key("full"))
    """Print every article with its key sentences, no page budget (build, mail: --full)."""
    no_cache: bool | None = field(default=None, metadata=_key("no_cache"))
    """`digest build` processes every issue and reads and writes no cache (--no-cache)."""
    format: tuple[str, ...] | None = field(default=None, metadata=_key("formats", choices=FORMATS))
    """Formats `digest build` writes (-f/--format): one of md, html, pdf, json, or a list."""
    skip_bad: bool | None = field(default=None, metadata=_key("skip_bad"))
    """Go on past unreadable inputs, list them, still exit 1 (build, mail, show, summarize, archive add: --skip-bad)."""
    date: str | None = field(default=None, metadata=_key("issue_date", check=_is_day))
    """Date of issues whose masthead and file name carry none, YYYY-MM-DD (build, mail, show: --date)."""
    week: str | None = field(default=None, metadata=_key("week", check=_is_week))
    """Only issues of this ISO week, `2025-W15`, or `last` for the newest (build, mail, show: --week)."""
    since: str | None = field(default=None, metadata=_key("since", check=_is_day))
    """Only issues dated on or after this day, YYYY-MM-DD (build, mail, show: --since)."""
    until: str | None = field(default=None, metadata=_key("until", check=_is_day))
    """Only issues dated on or before this day, YYYY-MM-DD (build, mail, show: --until)."""
    budget: int | None = field(default=None, metadata=_key("budget", range=(1, 1_000_000)))
    """At most this many characters of key sentences per article in `digest summarize` (--budget)."""
    json: bool | None = field(default=None, metadata=_key("as_json"))
    """`digest summarize` prints one JSON array (--json)."""
    ids: bool | None = field(default=None, metadata=_key("list_ids"))
    """`digest show` lists ids and titles instead of the highlights (--ids)."""
    subject: str | None = field(default=None, metadata=_key("subject"))
    """Subject line of `digest mail` (--subject); default: the title and the period."""
    smtp_user: str | None = field(default=None, metadata=_key("smtp_user"))
    """Log in to the SMTP server as this user (--smtp-user); the password stays in DIGEST_SMTP_PASSWORD."""
    starttls: bool | None = field(default=None, metadata=_key("starttls"))
    """Upgrade the SMTP connection with STARTTLS (--starttls); not with `ssl = true`."""
    ssl: bool | None = field(default=None, metadata=_key("use_ssl"))
    """Speak TLS to the SMTP server from the start (--ssl); not with `starttls = true`."""
    eml: Path | None = field(default=None, metadata=_key("eml"))
    """Write the message of `digest mail` to this .eml file instead of sending it (--eml)."""
    archive: Path | None = field(default=None, metadata=_key("archive"))
    """The archive file (SQLite) that build, mail and `archive add` record into and search and
    trends read (--archive)."""
    no_archive: bool | None = field(default=None, metadata=_key("no_archive"))
    """`digest build` and `digest mail` record nothing into the archive and compare with no earlier week (--no-archive)."""
    paper: str | None = field(default=None, metadata=_key("paper"))
    """`digest search` finds only articles of this paper, e.g. 吕梁日报 (--paper)."""
    county: str | None = field(default=None, metadata=_key("county"))
    """`digest search` finds only articles naming this county-level division, e.g. 孝义市 (--county)."""
    theme: str | None = field(default=None, metadata=_key("theme"))
    """`digest search` finds only Lüliang articles of this theme, or 省内动态 for the others (--theme)."""
    kind: str | None = field(default=None, metadata=_key("kind", choices=KINDS))
    """`digest search` finds only articles of this kind: news, feature, notice, photo, commentary, fragment (--kind)."""
    limit: int | None = field(default=None, metadata=_key("limit", range=(1, 1000)))
    """At most this many hits of `digest search`, 1 to 1000 (--limit); default 20."""
    weeks: int | None = field(default=None, metadata=_key("weeks", range=(1, 1000)))
    """`digest trends` over the last N ISO weeks up to the newest archived one, 1 to 1000 (--weeks)."""
    by: str | None = field(default=None, metadata=_key("by", choices=("theme", "county", "paper")))
    """What `digest trends` counts per week: theme, county or paper (--by); default theme."""
    chart: Path | None = field(default=None, metadata=_key("chart_file"))
    """`digest trends` also writes its chart to this SVG file (--chart)."""


def toml_key(f) -> str:
    return f.metadata["key"] or f.name.replace("_", "-")


KEYS = {toml_key(f): f for f in fields(Settings)}


def find_config(explicit: Path | None, cwd: Path | None = None) -> Path | None:
    """The file given with --config, else digest.toml in the current folder if there is one."""
    if explicit is not None:
        return explicit
    candidate = Path(CONFIG_NAME) if cwd is None else cwd / CONFIG_NAME
    return candidate if candidate.is_file() else None


def read_toml(path: Path) -> dict:
    if not path.exists():
        raise DigestError(str(path), "no such configuration file")
    if path.is_dir():
        raise DigestError(str(path), "is a folder, not a configuration file")
    # utf-8-sig: a byte-order mark, as Windows editors write one, is not part of the TOML.
    return decode_toml(read_bounded(path, "config"), str(path))


def _check(path: Path, key: str, f, value):
    """The value of `key` as the type the schema declares, or a DigestError naming the key."""
    base = typing.get_args(typing.get_type_hints(Settings)[f.name])[0]  # X of `X | None`
    meta = f.metadata

    def wrong(expected: str):
        return DigestError(str(path), f"{key} must be {expected}, not {shown(value)}")

    if base is bool:
        if not isinstance(value, bool):
            raise wrong("true or false")
        return value
    if base is str:
        if not isinstance(value, str):
            raise wrong("a string")
        if "choices" in meta and value not in meta["choices"]:
            raise wrong("one of " + ", ".join(meta["choices"]))
        if "check" in meta and (expected := meta["check"](value)):
            raise wrong(expected)
        return value
    if base is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise wrong("a whole number")
        low, high = meta.get("range", (None, None))
        if low is not None and not low <= value <= high:
            raise wrong(f"a whole number from {low} to {high}")
        return value
    if base is Path:
        if not isinstance(value, str) or not value:
            raise wrong("a path (a string)")
        resolved = Path(value).expanduser()
        if not resolved.is_absolute():
            resolved = path.parent / resolved
        if meta.get("folder") and not resolved.is_dir():
            raise DigestError(str(path), f"{key}: folder {value} does not exist")
        return resolved
    # tuple[str, ...]: one string or a list of strings
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(item, str) for item in items):
        raise wrong("a string or a list of strings")
    if "choices" in meta and any(item not in meta["choices"] for item in items):
        raise wrong("one or more of " + ", ".join(meta["choices"]))
    return tuple(items)


def parse_settings(data: dict, path: Path) -> Settings:
    for key in data:
        if key not in KEYS:
            raise DigestError(str(path), f"unknown key {key!r} (known keys: {', '.join(KEYS)})")
    return Settings(**{KEYS[key].name: _check(path, key, KEYS[key], value) for key, value in data.items()})


def load_settings(path: Path) -> Settings:
    return parse_settings(read_toml(path), path)


def default_map(settings: Settings, commands: dict) -> dict[str, dict]:
    """click's default_map: for each command, the set keys whose option it has.

    `commands` maps command names to click commands (a group's `.commands`)."""
    result: dict[str, dict] = {}
    for name, command in commands.items():
        if hasattr(command, "commands"):  # a group (`digest archive add`): its commands' defaults under its name
            nested = default_map(settings, command.commands)
            if nested:
                result[name] = nested
            continue
        params = {p.name for p in command.params}
        defaults = {}
        for f in fields(Settings):
            value = getattr(settings, f.name)
            if value is None or f.metadata["param"] not in params or name in f.metadata["not_for"]:
                continue
            defaults[f.metadata["param"]] = value
        if defaults:
            result[name] = defaults
    return result
