"""Build options as one typed object; each option is documented where it is declared."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .summarize import DEFAULT_RANKER

FORMATS = ("md", "html", "pdf", "json")

DEFAULT_TITLE = "吕梁要闻周报"


@dataclass
class BuildConfig:
    inputs: list[str] = field(default_factory=lambda: ["seeds"])
    """Issue files (.txt, .md, .pdf) or folders holding them."""
    out_dir: Path = Path("output")
    """Where the briefing files are written."""
    formats: tuple[str, ...] = FORMATS
    """Which of md, html, pdf, json to write."""
    title: str = DEFAULT_TITLE
    """The briefing's title; the period covered is shown beside it."""
    sentences: int = 3
    """Key sentences per article."""
    ranker: str = DEFAULT_RANKER
    """Sentence ranker: textrank (ours), textrank4zh (the library) or lead (first sentences)."""
    themes_file: Path | None = None
    """A themes.toml replacing the shipped theme keyword lists."""
    places_file: Path | None = None
    """A places.toml replacing the shipped gazetteer."""
    templates_dir: Path | None = None
    """A folder whose templates override the shipped ones of the same name."""
    edits_file: Path | None = None
    """The editor's edits file (TOML: drop, pin, titles, themes, note; see digest/edits.py)."""
    skip_bad: bool = False
    """Go on past unreadable inputs (they are listed, and the run still fails)."""
    basename: str = "briefing"
    """Output file names: <basename>.md, .html, .pdf, .json."""
    date: dt.date | None = None
    """The date of issues whose file name carries none (before inferring it from datelines)."""
    week: str | None = None
    """Keep only issues of this ISO week: `2025-W15`, or `last` for the newest week of the dated issues (resolved after dating them)."""
    since: dt.date | None = None
    """Keep only issues dated on or after this day (undated issues are left out)."""
    until: dt.date | None = None
    """Keep only issues dated on or before this day (undated issues are left out)."""
    today: dt.date | None = None
    """Today in China (default: `dates.today_in_china()`): no issue is dated in a later year."""
    jobs: int | None = None
    """Worker processes for processing issues; 1 processes them in this process; None (the
    default): one for every 4 issues left after the first, up to one per CPU core other work leaves idle
    (`pipeline.worker_count`). Outputs are the same whatever the number."""
    cache_dir: Path | None = None
    """Keep processed issues here between builds (see digest/cache.py); None: no cache. `digest build` gives one by default."""
    pages: int = 24
    """The briefing's page budget (A4 pages): per theme the most important Lüliang articles with key sentences, the rest one line each (digest/select.py)."""
    full: bool = False
    """Print every article with its key sentences, as a full record, whatever the number of pages."""
    archive: Path | None = None
    """Record every processed issue into this SQLite archive (see digest/archive/), and compare
    the week with the week before when the archive holds it; None: no archive."""
    progress: bool = False
    """Show a progress bar on stderr while issues are processed (the CLI turns it on when stderr is a terminal)."""
