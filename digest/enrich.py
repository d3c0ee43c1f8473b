"""What each article is about: its theme, the places it names, whether it is Lüliang news.

Both come from data files users can edit (`themes.toml`, `places.toml`), not from code.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .errors import DigestError, shown
from .reading import decode_toml, read_bounded
from .model import Article

OUTSIDE_SECTION = "省内动态"  # articles about Shanxi, not about Lüliang
NATIONAL_SECTION = "国内"  # articles about no place in Shanxi (national news, commentary)
PLACE_SECTIONS = (OUTSIDE_SECTION, NATIONAL_SECTION)
# Shanxi named outright, or 我省/全省 in a Shanxi paper (in a paper of unknown origin it is no province).
_SHANXI_RE = re.compile(r"山西|晋(?:中|城)")
_OUR_PROVINCE_RE = re.compile(r"我省|全省|省委|省政府")
TITLE_WEIGHT = 3  # a theme word in the headline counts as much as three in the body


@dataclass(frozen=True)
class Theme:
    name: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Themes:
    themes: tuple[Theme, ...]
    fallback: str

    @property
    def names(self) -> list[str]:
        names = [t.name for t in self.themes]
        return names if self.fallback in names else names + [self.fallback]


def _load_toml(path: Path | None, default: str, kind: str) -> dict:
    if path is None:
        return decode_toml(resources.files("digest").joinpath(f"data/{default}").read_bytes(), default)
    return decode_toml(read_bounded(path, kind), str(path))


def _name(value, where: str, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DigestError(where, f"{what} must be a non-empty string, not {shown(value)}")
    return value.strip()


def _names(value, where: str, what: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise DigestError(where, f"{what} must be a list of strings, not {shown(value)}")
    return tuple(_name(item, where, f"each of {what}") for item in value)


def _tables(data: dict, key: str, where: str, known: tuple[str, ...] = ()) -> list[dict]:
    tables = data.get(key, [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise DigestError(where, f"{key} must be [[{key}]] tables")
    for number, table in enumerate(tables, start=1):
        _known_keys(table, known, where, f"[[{key}]] {number}" + (f" ({table['name']})" if isinstance(table.get("name"), str) else ""))
    return tables


def _known_keys(table: dict, known: tuple[str, ...], where: str, what: str) -> None:
    """A key the file format does not have is a typo (`keyword` for `keywords`), never ignored."""
    for key in table:
        if key not in known:
            raise DigestError(where, f"{what}: unknown key {key!r} (known keys: {', '.join(known)})")


def _list(table: dict, key: str, where: str, what: str, required: bool = False, may_be_empty: bool = False) -> tuple[str, ...]:
    """The non-empty list of strings under `key` (absent: empty, unless `required`)."""
    if key not in table:
        if required:
            raise DigestError(where, f"{what}: {key} is missing (a non-empty list of strings)")
        return ()
    value = table[key]
    if isinstance(value, list) and not value and not may_be_empty:
        raise DigestError(where, f"{what}: {key} is an empty list")
    return _names(value, where, f"{what}: {key}")


def load_themes(path: Path | None = None) -> Themes:
    """The themes of `themes.toml`: a [[theme]] table each, with a unique name and a keyword list."""
    where = str(path or "themes.toml")
    data = _load_toml(path, "themes.toml", "themes")
    _known_keys(data, ("theme", "fallback"), where, "top level")
    fallback = _name(data.get("fallback", "其他"), where, "fallback")
    themes = tuple(  # only the fallback theme may list no keyword: articles come to it by default
        Theme(name := _name(t.get("name"), where, f"[[theme]] {number}: name"), _list(t, "keywords", where, f"[[theme]] {number} ({name})", required=True, may_be_empty=name == fallback))
        for number, t in enumerate(_tables(data, "theme", where, ("name", "keywords")), start=1)
    )
    if not themes:
        raise DigestError(where, "no [[theme]] tables")
    names = [theme.name for theme in themes]
    for name in names:
        if names.count(name) > 1 or name in PLACE_SECTIONS:
            raise DigestError(where, f"theme {name!r} is {'named twice' if names.count(name) > 1 else 'the name of a section for other places'}")
    return Themes(themes, fallback)


def classify(article: Article, themes: Themes) -> tuple[str, list[str]]:
    """Highest keyword score wins (headline words weigh more); ties go to the theme listed first."""
    title = article.title if article.title and not article.title_generated else ""
    # A keyword of two or more characters is only in a text that holds its first two side by
    # side: the pairs, made once, spare counting the hundreds of keywords an article lacks.
    pairs = set(map(operator.add, article.text, article.text[1:])) | set(map(operator.add, title, title[1:]))
    best, best_score, best_terms = themes.fallback, 0, []
    for theme in themes.themes:
        score, terms = 0, []
        for word in theme.keywords:
            if len(word) > 1 and word[:2] not in pairs:
                continue
            hits = article.text.count(word) + TITLE_WEIGHT * title.count(word)
            if hits:
                score += hits
                terms.append((hits, word))
        if score > best_score:
            best, best_score = theme.name, score
            best_terms = [w for _, w in sorted(terms, key=lambda t: (-t[0], theme.keywords.index(t[1])))]
    return best, best_terms[:6]


@dataclass
class Gazetteer:
    city: str
    city_names: tuple[str, ...]  # the city's own names and places (吕梁, 吕梁经开区 ...)
    county_names: dict[str, str] = field(default_factory=dict)  # a name in text -> its county
    other_names: dict[str, str] = field(default_factory=dict)  # a name in text -> another city
    lookalikes: dict[str, str] = field(default_factory=dict)  # a name in text -> where it really is
    counties: list[str] = field(default_factory=list)  # the city's county-level divisions, in file order
    _names: frozenset[str] = frozenset()  # every name above
    _lengths: dict[str, list[int]] | None = None  # a name's first character -> the lengths of the names it starts, longest first
    _starts: re.Pattern | None = None  # any of those first characters

    def names_in(self, text: str) -> list[str]:
        """Every name the text holds, in order, each the longest at its place (孝义镇 before
        孝义, 汾阳市 before 汾阳), none overlapping the one before: a regular expression of
        the names longest first would match so, but the user's places.toml may hold hundreds
        of thousands of names, and such a pattern took seconds to compile and tried every
        name at every character (221,394 names: 16 s for the five sample issues). This looks
        up, at each character that starts a name, only the lengths of the names it starts."""
        if self._lengths is None:
            self._names = frozenset(self.city_names) | frozenset(self.county_names) | frozenset(self.other_names) | frozenset(self.lookalikes)
            lengths: dict[str, set[int]] = {}
            for name in self._names:
                lengths.setdefault(name[0], set()).add(len(name))
            self._lengths = {first: sorted(found, reverse=True) for first, found in lengths.items()}
            self._starts = re.compile("[" + "".join(re.escape(first) for first in sorted(lengths)) + "]" if lengths else "(?!)")
        found: list[str] = []
        at = 0
        while match := self._starts.search(text, at):
            start = match.start()
            at = start + 1
            for length in self._lengths[text[start]]:
                name = text[start : start + length]
                if name in self._names:
                    found.append(name)
                    at = start + length
                    break
        return found


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The places of `places.toml`: [city], [[county]], [[other]] and [[lookalike]] tables."""
    where = str(path or "places.toml")
    data = _load_toml(path, "places.toml", "places")
    _known_keys(data, ("city", "county", "other", "lookalike"), where, "top level")
    city = data.get("city")
    if not isinstance(city, dict):
        raise DigestError(where, "needs a [city] table with a name")
    place_keys = ("name", "aliases", "places")
    _known_keys(city, place_keys, where, "[city]")

    def names_of(table: dict, what: str = "[city]") -> tuple[str, tuple[str, ...]]:
        name = _name(table.get("name"), where, f"{what}: name")
        what = f"{what} ({name})" if what != "[city]" else what
        return name, (name, *_list(table, "aliases", where, what, may_be_empty=True), *_list(table, "places", where, what, may_be_empty=True))

    city_name, city_names = names_of(city)
    gazetteer = Gazetteer(city=city_name, city_names=city_names)
    for number, county in enumerate(_tables(data, "county", where, place_keys), start=1):
        name, names = names_of(county, f"[[county]] {number}")
        gazetteer.counties.append(name)
        for alias in names:
            gazetteer.county_names[alias] = name
    for number, other in enumerate(_tables(data, "other", where, place_keys), start=1):
        name, names = names_of(other, f"[[other]] {number}")
        for alias in names:
            gazetteer.other_names.setdefault(alias, name)
    for lookalike in _tables(data, "lookalike", where, ("text", "belongs_to", "note")):  # note: why, for the reader
        gazetteer.lookalikes[_name(lookalike.get("text"), where, "a look-alike's text")] = _name(lookalike.get("belongs_to"), where, "belongs_to")
    return gazetteer


def locate(article: Article, gazetteer: Gazetteer, local_paper: bool = True) -> None:
    """Fill places (as named, first mention first), counties, and the Lüliang flag.

    `local_paper`: the article comes from a Lüliang paper, where 我市 means Lüliang.
    """
    text = f"{article.title or ''}\n{article.text}"
    counts: dict[str, int] = {}
    places: list[str] = []
    for name in gazetteer.names_in(text):
        if name not in counts:
            places.append(name)
        counts[name] = counts.get(name, 0) + 1
    counties: list[str] = []
    lvliang_mentions = other_mentions = 0
    for name in places:
        where = gazetteer.lookalikes.get(name, name)
        county = gazetteer.county_names.get(where) or gazetteer.county_names.get(name)
        if county:
            lvliang_mentions += counts[name]
            if county not in counties:
                counties.append(county)
        elif name in gazetteer.city_names:
            lvliang_mentions += counts[name]
        elif where in gazetteer.other_names or name in gazetteer.other_names:
            other_mentions += counts[name]
    # 我市 in 吕梁日报 is Lüliang; in another paper it is that paper's city.
    if local_paper:
        lvliang_mentions += 2 * text.count("我市")
    article.places = places
    article.counties = counties
    article.lvliang = lvliang_mentions > 0 and lvliang_mentions >= other_mentions


def about_shanxi(article: Article, unknown_paper: str = "未知报刊") -> bool:
    """Whether an article not about Lüliang is about Shanxi: it names a place of the gazetteer
    (all in Shanxi), names Shanxi, or, in a Shanxi paper, says 我省 or 全省."""
    text = f"{article.title or ''}\n{article.text}"
    if article.places or _SHANXI_RE.search(text):
        return True
    return article.paper not in ("", unknown_paper) and bool(_OUR_PROVINCE_RE.search(text))
