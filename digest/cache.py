"""Processed issues kept between builds, so a week rebuilt after one more issue came in
processes only that issue.

An entry is one processed `Issue` (cleaned, cut, dated, summarized, enriched) as JSON,
under a key that covers everything the result depends on:

- the issue as read: the sha256 of its decoded text, its file name (dates and article ids
  come from it), encoding and paper (every field ingest sets but the path);
- the options that change processing: ranker, key sentences, `--date`, and this year in
  China (`dates.today_in_china()`): no issue is dated in a later year, the only use of
  today's date, so the year (not the day) keeps the key honest and entries good all year;
- the contents of the themes and places files in use;
- the code: a hash of every file of the `digest` package, the package version, Python's
  version and the versions of the libraries that rank and cut words.

Change any of these and the key changes; old entries are simply never read again (delete
the folder to reclaim the space). Options that only choose or render issues (--week,
--title, formats, templates) are not in the key: the same entry serves them all.

Entries are written atomically (`deliver.write_atomic`, mode 0600) and carry a checksum of
their payload. Loading one runs no code whatever its bytes: it is JSON, rebuilt into the
model's dataclasses field by field with every value's type checked against the dataclass
(`from_json`). An entry that cannot be read, is larger than the cap for cache entries, fails
its checksum, is not such JSON, or holds another key than its name is ignored and rebuilt,
never an error; so is a cache folder that cannot be written.

The folder is created 0700. One that is owned by another user, or that group or others may
write, is not used at all (a one-line warning, `CacheStats.refused`): whoever can write it
could hand this build its results.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
import sys
import types
import typing
from dataclasses import dataclass, fields, is_dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .deliver import write_atomic
from .errors import DigestError
from .model import Issue
from .reading import read_bounded

if TYPE_CHECKING:
    from .archive.record import RecordStats

MAGIC = b"digest-cache 2\n"
SUFFIX = ".issue"
# Libraries whose versions change what processing returns (word cutting, ranking).
LIBRARIES = ("rjieba", "jieba", "textrank4zh", "networkx", "numpy", "scipy")
# The package's code and every data file processing reads (the line labeller's model too).
_CODE_SUFFIXES = (".py", ".toml", ".txt", ".crfsuite")


def default_dir() -> Path:
    """The user's cache folder: $XDG_CACHE_HOME/digest, else ~/.cache/digest."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "digest"


def fingerprinted_files(package: Path) -> list[Path]:
    """The files of the package whose bytes go into the cache key, in a fixed order."""
    return sorted(p for p in package.rglob("*") if p.suffix in _CODE_SUFFIXES and "__pycache__" not in p.parts)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Everything in the code that can change a processed issue, as one hash."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in fingerprinted_files(package):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    from importlib import metadata  # only when the code is fingerprinted (a cache, an archive): 0.04 s of a start

    versions = {"digest": __version__, "python": sys.version}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    digest.update(json.dumps(versions, sort_keys=True).encode())
    return digest.hexdigest()


def _file_hash(path: Path | None, kind: str) -> str | None:
    if path is None:
        return None
    return hashlib.sha256(read_bounded(path, kind)).hexdigest()


@lru_cache(maxsize=512)
def text_hash(raw: str) -> str:
    """The sha256 of an issue's text as read: part of its cache key, and how the archive knows
    the text again (`archive.record`). Kept for the last 512 texts, so a build recording its
    issues takes the hashes its cache lookups made (the same string objects), not 2 ms more."""
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def settings_fingerprint(config, today: dt.date) -> str:
    """What, besides the issue itself, decides how an issue is processed (`config` is a BuildConfig)."""
    settings = {
        "code": code_fingerprint(),
        "ranker": config.ranker,
        "sentences": config.sentences,
        "date": config.date.isoformat() if config.date else None,
        "year": today.year,  # today in China: processing depends on it only through its year
        "themes": _file_hash(config.themes_file, "themes"),
        "places": _file_hash(config.places_file, "places"),
    }
    return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()


@dataclass
class CacheStats:
    """What a build did with its issues; `processed` is counted with or without a cache."""

    processed: int = 0  # issues cleaned, cut, summarized ... in this build
    cached: int = 0  # issues taken from the cache instead
    rebuilt: int = 0  # of the processed: an entry was there but unusable (corrupt, truncated)
    write_errors: int = 0  # entries that could not be written (the build went on without them)
    refused: str = ""  # why the cache folder was not used at all (another user's, writable by others)
    archive: RecordStats | None = None  # archive.RecordStats when the build recorded into an archive


def unsafe_folder(folder: Path) -> str | None:
    """Why `folder` must not be trusted with cache entries, or None when it may be: it is
    created (0700) if missing; one owned by another user or writable by group or others is
    refused. A folder that cannot be created is no reason: its writes just fail."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode):
        return None
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return f"{folder}: cache folder not used: it belongs to another user (uid {info.st_uid})"
    if info.st_mode & 0o022:
        return f"{folder}: cache folder not used: group or others may write it (mode {stat.S_IMODE(info.st_mode):o}); chmod go-w it to use it"
    return None


class IssueCache:
    """Processed issues in `folder`, one file per key, for one set of settings."""

    def __init__(self, folder: Path, settings: str, stats: CacheStats | None = None):
        self.folder = Path(folder)
        self.settings = settings
        self.stats = stats if stats is not None else CacheStats()
        self.stats.refused = unsafe_folder(self.folder) or ""

    @property
    def usable(self) -> bool:
        return not self.stats.refused

    def key(self, issue: Issue) -> str:
        """The key of an issue as read (before processing): its text's hash and every other
        field ingest set (file name, encoding, paper, and any added later), but not its path."""
        text = text_hash(issue.raw)
        fields = repr(replace(issue, raw="", path=""))  # a field without a stable repr only costs misses
        material = json.dumps([self.settings, text, fields])
        return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{SUFFIX}"

    def load(self, key: str, issue: Issue) -> Issue | None:
        """The processed issue stored under `key` for `issue` as read, or None."""
        if not self.usable:
            return None
        path = self.path(key)
        if not path.exists():
            return None
        try:
            data = read_bounded(path, "cache")
        except DigestError:
            data = b""
        cached = _decode(data, key)
        if cached is None:
            self.stats.rebuilt += 1
            return None
        self.stats.cached += 1
        # Stored without the raw text and path (the key vouches for the text): put them back.
        return replace(cached, raw=issue.raw, path=issue.path)

    def store(self, key: str, processed: Issue) -> bool:
        """Keep `processed` under `key` (taken before processing); False when it could not be written."""
        if not self.usable:
            return False
        entry = {"key": key, "issue": to_json(replace(processed, raw="", path=""))}
        payload = json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8", "surrogatepass")
        try:
            (self.folder / key[:2]).mkdir(mode=0o700, exist_ok=True)
            write_atomic(self.path(key), MAGIC + hashlib.sha256(payload).digest() + payload, mode=0o600)
        except (DigestError, OSError):
            self.stats.write_errors += 1
            return False
        return True


def _decode(data: bytes, key: str) -> Issue | None:
    """The issue in an entry's bytes, or None when they are not a sound entry for `key`."""
    head = len(MAGIC) + 32
    if not data.startswith(MAGIC) or len(data) <= head:
        return None
    checksum, payload = data[len(MAGIC) : head], data[head:]
    if hashlib.sha256(payload).digest() != checksum:
        return None
    try:
        entry = json.loads(payload.decode("utf-8", "surrogatepass"))
        if not isinstance(entry, dict) or set(entry) != {"key", "issue"} or entry["key"] != key:
            return None
        return from_json(Issue, entry["issue"])
    except (ValueError, TypeError, RecursionError):  # not JSON, or not an Issue as the model declares it
        return None


# --- dataclasses <-> JSON, every value checked against the declared type on the way back ---


def to_json(value):
    """A model value as JSON data: dataclasses as objects of their fields, dates as ISO strings."""
    if is_dataclass(value):
        return {f.name: to_json(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list):
        return [to_json(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"cannot store a {type(value).__name__} in the cache")


@lru_cache(maxsize=None)
def _shape(kind) -> tuple[dict, frozenset]:
    """A dataclass's field types and names, worked out once a class (typing.get_type_hints
    evaluates every annotation anew: a quarter of a warm build's time went to it)."""
    return typing.get_type_hints(kind), frozenset(f.name for f in fields(kind))


def from_json(kind, data):
    """`data` rebuilt as `kind` (a dataclass, list[X], X | None, date, str, int, float, bool),
    or TypeError/ValueError when it is not exactly that shape."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(kind)
        if data is None and type(None) in options:
            return None
        (inner,) = [option for option in options if option is not type(None)]
        return from_json(inner, data)
    if origin is list:
        if not isinstance(data, list):
            raise TypeError("not a list")
        (inner,) = typing.get_args(kind)
        return [from_json(inner, item) for item in data]
    if is_dataclass(kind):
        if not isinstance(data, dict):
            raise TypeError("not an object")
        hints, declared = _shape(kind)
        if data.keys() != declared:
            raise TypeError(f"fields {sorted(set(data) ^ declared)} do not match {kind.__name__}")
        return kind(**{name: from_json(hints[name], data[name]) for name in declared})
    if kind is dt.date:
        if not isinstance(data, str):
            raise TypeError("not a date")
        return dt.date.fromisoformat(data)
    if kind is bool:
        if not isinstance(data, bool):
            raise TypeError("not a bool")
        return data
    if kind is float:  # an int stays an int: JSON kept the difference, and outputs show it
        if isinstance(data, bool) or not isinstance(data, (int, float)):
            raise TypeError("not a number")
        return data
    if kind in (int, str):
        if not isinstance(data, kind) or isinstance(data, bool):
            raise TypeError(f"not a {kind.__name__}")
        return data
    raise TypeError(f"cannot load a {kind!r} from the cache")
