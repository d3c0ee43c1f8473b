"""Processed issues kept between builds, so a week rebuilt after one more issue came in
processes only that issue.

An entry is one processed `Issue` (cleaned, cut, dated, summarized, enriched), pickled,
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

Entries are written atomically (`deliver.write_atomic`) and carry a checksum of their
payload. An entry that cannot be read, fails its checksum, does not unpickle, or holds
another key than its name is ignored and rebuilt, never an error; so is a cache folder that
cannot be written. Pickles run code when loaded: keep the cache folder as private as the
output folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import pickle
import sys
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from . import __version__
from .deliver import write_atomic
from .errors import DigestError, read_bytes
from .model import Issue

MAGIC = b"digest-cache 1\n"
SUFFIX = ".issue"
# Libraries whose versions change what processing returns (word cutting, ranking).
LIBRARIES = ("jieba", "textrank4zh", "networkx", "numpy", "scipy")
_CODE_SUFFIXES = (".py", ".toml", ".txt")


def default_dir() -> Path:
    """The user's cache folder: $XDG_CACHE_HOME/digest, else ~/.cache/digest."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "digest"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Everything in the code that can change a processed issue, as one hash."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(p for p in package.rglob("*") if p.suffix in _CODE_SUFFIXES and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    versions = {"digest": __version__, "python": sys.version}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    digest.update(json.dumps(versions, sort_keys=True).encode())
    return digest.hexdigest()


def _file_hash(path: Path | None) -> str | None:
    if path is None:
        return None
    return hashlib.sha256(read_bytes(path)).hexdigest()


def settings_fingerprint(config, today: dt.date) -> str:
    """What, besides the issue itself, decides how an issue is processed (`config` is a BuildConfig)."""
    settings = {
        "code": code_fingerprint(),
        "ranker": config.ranker,
        "sentences": config.sentences,
        "date": config.date.isoformat() if config.date else None,
        "year": today.year,  # today in China: processing depends on it only through its year
        "themes": _file_hash(config.themes_file),
        "places": _file_hash(config.places_file),
    }
    return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()


@dataclass
class CacheStats:
    """What a build did with its issues; `processed` is counted with or without a cache."""

    processed: int = 0  # issues cleaned, cut, summarized ... in this build
    cached: int = 0  # issues taken from the cache instead
    rebuilt: int = 0  # of the processed: an entry was there but unusable (corrupt, truncated)
    write_errors: int = 0  # entries that could not be written (the build went on without them)


class IssueCache:
    """Processed issues in `folder`, one file per key, for one set of settings."""

    def __init__(self, folder: Path, settings: str, stats: CacheStats | None = None):
        self.folder = Path(folder)
        self.settings = settings
        self.stats = stats if stats is not None else CacheStats()

    def key(self, issue: Issue) -> str:
        """The key of an issue as read (before processing): its text's hash and every other
        field ingest set (file name, encoding, paper, and any added later), but not its path."""
        text = hashlib.sha256(issue.raw.encode("utf-8", "surrogatepass")).hexdigest()
        fields = repr(replace(issue, raw="", path=""))  # a field without a stable repr only costs misses
        material = json.dumps([self.settings, text, fields])
        return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{SUFFIX}"

    def load(self, key: str, issue: Issue) -> Issue | None:
        """The processed issue stored under `key` for `issue` as read, or None."""
        try:
            data = self.path(key).read_bytes()
        except OSError:
            return None
        cached = _decode(data, key)
        if cached is None:
            self.stats.rebuilt += 1
            return None
        self.stats.cached += 1
        # Stored without the raw text and path (the key vouches for the text): put them back.
        return replace(cached, raw=issue.raw, path=issue.path)

    def store(self, key: str, processed: Issue) -> bool:
        """Keep `processed` under `key` (taken before processing); False when it could not be written."""
        payload = pickle.dumps((key, replace(processed, raw="", path="")), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            write_atomic(self.path(key), MAGIC + hashlib.sha256(payload).digest() + payload, mode=0o600)
        except DigestError:
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
        stored_key, issue = pickle.loads(payload)
    except Exception:  # a damaged or foreign pickle can raise almost anything
        return None
    if stored_key != key or not isinstance(issue, Issue):
        return None
    return issue
