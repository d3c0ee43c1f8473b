"""Shared builders: tiny issues and articles, and the sample issues shipped in seeds/."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from digest.model import Article, Issue

# The property tests draw the same examples on every run, so a commit passes or fails the same
# way on any machine; `--hypothesis-profile=explore` draws new ones, to look for new failures.
settings.register_profile("deterministic", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile("deterministic")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def make_issue(text: str, source: str = "sample.txt") -> Issue:
    return Issue(source=source, path=source, raw=text, encoding="utf-8")


def make_article(text: str, title: str | None = None, **fields) -> Article:
    return Article(source=fields.pop("source", "sample.txt"), text=text, title=title, **fields)


def seed(name_prefix: str) -> Path:
    return next(SEEDS.glob(f"{name_prefix}_*"))


def one_line_error(result) -> str:
    """The one line a failed command (a click `Result`) printed: `digest: error: …`, exit status
    1, no traceback."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("digest: error: ")
    assert "Traceback" not in result.output
    return lines[0]


@pytest.fixture
def rules_only(monkeypatch):
    """The cut on the rules' tags alone, the line labeller not asked: what a rule or a repair
    does on a page of a few made-up lines, whatever a retrained model reads on a page this
    small (models of one training command read such pages differently from one retrain to the
    next; their cut is measured on generated pages, benchmarks/segmentation.py)."""
    from digest.segment import cut

    monkeypatch.setattr(cut, "relabel", lambda lines, tags, **_: tags)


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session", autouse=True)
def _private_folders(tmp_path_factory):
    """For the whole session, so that module-scoped fixtures' builds (made before any test's own
    fixtures) never touch the user's ~/.cache/digest or ~/.local/share/digest/archive.sqlite
    either (a newer digest's archive there failed them)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache-session")))
        patch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data-session")))
        yield


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Builds in tests cache and record into folders of their own, never the user's
    ~/.cache/digest or ~/.local/share/digest/archive.sqlite (subprocesses inherit these too)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))


def two_weeks(folder: Path) -> tuple[Path, Path]:
    """Two folders of issue files, dated by their names a week apart: 000 on 2025-04-08
    (ISO week 2025-W15) and 003, which reports 孝义's hydrogen (氢能) buses, on 2025-04-15 (W16)."""
    first, second = folder / "week15", folder / "week16"
    for target, name, day in ((first, "000", "2025-04-08"), (second, "003", "2025-04-15")):
        target.mkdir(parents=True)
        (target / f"{day}.txt").write_bytes(seed(name).read_bytes())
    return first, second
