"""Shared builders: tiny issues and articles, and the sample issues shipped in seeds/."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.model import Article, Issue

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def make_issue(text: str, source: str = "sample.txt") -> Issue:
    return Issue(source=source, path=source, raw=text, encoding="utf-8")


def make_article(text: str, title: str | None = None, **fields) -> Article:
    return Article(source=fields.pop("source", "sample.txt"), text=text, title=title, **fields)


def seed(name_prefix: str) -> Path:
    return next(SEEDS.glob(f"{name_prefix}_*"))


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Builds in tests cache into a folder of their own, never the user's ~/.cache/digest."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
