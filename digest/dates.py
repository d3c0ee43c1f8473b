"""When an issue came out, and the words that say so.

An issue's date comes from the first of these that has one (README, "The week"):

1. `masthead`: the masthead or running header of its pages (`吕梁日报 2025年5月13日 星期二 第2版`,
   digest/masthead.py). A weekday printed beside the date that does not match it is a warning.
2. `filename`: a date in the file name (`2025-04-11`, `20250411`).
3. `option`: `--date`.
4. `evidence` / `dateline`: the latest dateline of its articles (`4月10日，…`) gives the month
   and day; the year is the dateline's own (`2024年12月28日，…`: `dateline`) or comes from
   the year rules below (`evidence`). No rule, no year: `date` is None and only `month_day`
   is known, shown as `4月10日（年份不详）`.

The year rules read the issue's sentences (headlines included, whitespace removed):

- `dated-dateline` (4): a dateline that prints its year.
- `this-year` (3): `今年是2025年`.
- `event` (3): an event named with its year, in a sentence with a month and day and a verb of
  happening (`5月1日，吕梁市2024年中小学生田径运动会…拉开序幕`): the event is of that year.
- `anniversary` (2): `N周年` of a known event (data/anniversaries.toml: 抗日战争胜利 1945 …),
  in a dateline's sentence, a headline, or after 今年是; not a past celebration's speech
  (`在庆祝…100周年大会上的讲话`).
- `recurring` (2): `今年是第30个国际保护臭氧层日`: first year of the day + N - 1.
- `plan` (2 after 今年是, else 1): a five-year plan's first or last year (`十四五…收官之年` = 2025,
  `十五五…开局之年` = 2026); the Nth plan from the third on runs 1966 + 5 (N - 3) for five years.
- bounds, never a year on their own: a future reference (`将于2026年…`, `下次会议于2025年`)
  puts the issue before that year (in or before it when a month follows, or after 到/力争/预计);
  a past one (`2026年1月，…`, `截至2023年底`, `2025年以来`) in or after it; and the issue is not of
  a year after this year in China. Bounds that contradict each other are dropped.

Deciding: years outside the bounds are dropped; if the rest agree, that year; if they differ,
the year with the strongest single piece of evidence, and no year when two years tie; with no
year left but a lower and an upper bound on the same year, that year (`bounds`).
A year found from a dateline's sentence is that dateline's year: a dateline later in the
calendar than the issue's (12月30日 in an issue of 1月2日) is of the year before the issue's.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .errors import DigestError
from .model import Issue

# A date in a file name, standing apart from letters and digits (`吕梁日报2025-04-11.txt`,
# `20250411_01.txt`), so a hash such as `3a20231105bc` is not read as one.
_NAME_DATE_RE = re.compile(r"(?<![0-9A-Za-z])(20\d{2})-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?![0-9A-Za-z])")
# A dateline: `4月10日，` / `9月17—19日，` / `5月8日至9日，` / `9月11日上午，` (the last day counts),
# at the start of a lead or after its first clause (`为厚植…，4月9日，由团市委…`).
_TIME_OF_DAY = r"(?:上午|下午|晚上|晚间|晚|早上|凌晨|中午)?"
_DATELINE_RE = re.compile(
    r"(?:^|[，,])(?:((?:19|20)\d{2})年)?(1[0-2]|[1-9])月(?:\d{1,2}日?[—至\-~])?(3[01]|[12]\d|[1-9])日" + _TIME_OF_DAY + r"[，,]"
)
# A month and day in a sentence (not part of a date with its year).
_MONTH_DAY_RE = re.compile(r"(?<![\d年])(1[0-2]|[1-9])月(?:\d{1,2}日?[—至\-~])?(3[01]|[12]\d|[1-9])日")
_SENTENCE_RE = re.compile(r"[^。！？；!?;\n]+")
_YEAR = r"((?:19|20)\d{2})年"
# Sources of a date, in the order they are tried (README, "The week").
SOURCES = ("masthead", "filename", "option", "evidence", "dateline", "none")
NEAR_FUTURE_DAYS = 7  # a month and day this far after the issue's is still of the issue's year


# --- today in China -------------------------------------------------------------------------


def china_zone() -> dt.tzinfo:
    """Asia/Shanghai from the system's (or the tzdata package's) zone data; without either,
    UTC+8, which is the same: China has kept one offset and no summer time since 1991."""
    try:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            return ZoneInfo("Asia/Shanghai")
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    except ImportError:  # pragma: no cover - Python 3.11 always has zoneinfo
        pass
    return dt.timezone(dt.timedelta(hours=8), "CST")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def today_in_china(now: dt.datetime | None = None) -> dt.date:
    """The date in China (Asia/Shanghai) at `now` (default: this instant), whatever the
    machine's time zone: the papers are printed there. A naive `now` is taken as UTC."""
    now = now or _now()
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.timezone.utc)
    return now.astimezone(china_zone()).date()


# --- explicit dates ---------------------------------------------------------------------------


def date_from_name(name: str) -> dt.date | None:
    match = _NAME_DATE_RE.search(name)
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def month_day_label(month_day: str | None) -> str:
    """"04-10" -> 4月10日."""
    if not month_day:
        return ""
    month, day = (int(part) for part in month_day.split("-"))
    return f"{month}月{day}日"


def date_label(date: dt.date | None, month_day: str | None) -> str:
    """`2025-05-13`, `4月10日（年份不详）` when only the month and day are known, else empty."""
    if date is not None:
        return date.isoformat()
    if month_day:
        return f"{month_day_label(month_day)}（年份不详）"
    return ""


# --- datelines --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dateline:
    month: int
    day: int
    year: int | None  # printed in the dateline, rarely
    words: str  # as printed


def _ordinal(month: int, day: int) -> int:
    """Day of a leap year (so 2月29日 has one)."""
    return dt.date(2000, month, day).timetuple().tm_yday


def _valid(month: int, day: int) -> bool:
    try:
        dt.date(2000, month, day)
    except ValueError:
        return False
    return True


def datelines(issue: Issue) -> list[Dateline]:
    """The datelines of the issue's articles, one per article at most, in reading order."""
    found = []
    for article in issue.articles:
        head = _SENTENCE_RE.match(article.text)
        match = _DATELINE_RE.search(head.group(0)[:80] + "，") if head else None
        if not match:
            continue
        year = int(match.group(1)) if match.group(1) else None
        month, day = int(match.group(2)), int(match.group(3))
        if _valid(month, day) and (year is None or (month, day) != (2, 29) or _is_leap(year)):
            found.append(Dateline(month, day, year, match.group(0).strip("，,")))
    return found


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def latest(lines: list[Dateline]) -> Dateline | None:
    """The latest dateline. Without years, datelines spread over more than half a year are
    taken to straddle a new year (12月30日 and 1月2日: 1月2日 is the later)."""
    if not lines:
        return None
    ordinals = [_ordinal(d.month, d.day) for d in lines]
    if max(ordinals) - min(ordinals) > 183:
        ordinals = [o + 366 if o <= 183 else o for o in ordinals]
    return lines[max(range(len(lines)), key=lambda i: (ordinals[i], -i))]


def _issue_year(year: int, month: int, day: int, issue_md: tuple[int, int]) -> int:
    """The issue's year when something of `month`/`day` is of `year`: the year after when that
    day falls later in the calendar than the issue's (beyond the next few days)."""
    if _ordinal(month, day) > _ordinal(*issue_md) + NEAR_FUTURE_DAYS:
        return year + 1
    return year


# --- year evidence ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    rule: str
    words: str
    year: int | None = None  # the issue's year, for rules that give one
    strength: int = 0
    low: int | None = None  # bounds: the issue is of low or later, high or earlier
    high: int | None = None


@dataclass(frozen=True)
class Known:
    event: str
    year: int
    pattern: re.Pattern


@lru_cache(maxsize=1)
def known_events() -> tuple[tuple[Known, ...], tuple[Known, ...]]:
    """(anniversaries, recurring days) of data/anniversaries.toml."""
    data = tomllib.loads(resources.files("digest").joinpath("data/anniversaries.toml").read_text(encoding="utf-8"))

    def table(name: str, year_key: str) -> tuple[Known, ...]:
        return tuple(Known(t["event"], int(t[year_key]), re.compile("(?:" + "|".join(t["names"]) + ")")) for t in data.get(name, []))

    return table("anniversary", "year"), table("recurring", "first")


_CN_NUM = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_int(text: str) -> int | None:
    """`80` or `八十` / `一百零三` -> int (up to 999), None when not a number."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _CN_NUM:
            current = _CN_NUM[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current or None


_NUMBER = r"(\d{1,3}|[一二三四五六七八九十百零〇两]{1,5})"
_PLAN_RE = re.compile(r"[“\"]?十([一二三四五六七八九])五[”\"]?(?:规划)?(?:的)?(开局|起步|收官|最后一|最后)(?:之)?年")
_THIS_YEAR_RE = re.compile(r"今年(?:是|为)" + _YEAR)
_FUTURE_RE = re.compile(r"(将于|将在|定于|拟于|计划于|计划在|下一?次(?:会议)?(?:将)?于|明年|(?<![回直等达受得遇提收来])到|力争|争取|预计(?:于|在|到)?)" + _YEAR + r"(\d{1,2}月)?")
_STRONG_FUTURE = ("将于", "将在", "定于", "拟于", "计划于", "计划在", "明年")
_PAST_RE = re.compile(r"(截至|截止)?" + _YEAR + r"(?:(1[0-2]|[1-9])月(?!(?:底|末|中旬|上旬|下旬)?前)|(以来))?")
_HAPPENING = re.compile(r"召开|举行|举办|开幕|闭幕|启动|开展|开赛|拉开(?:序幕|帷幕)|开班|开营|揭牌|启幕|落幕|开启")
# An event named with its year: the year, then (before the clause ends) what kind of event it is.
_EVENT_RE = re.compile(
    _YEAR + r"(?!度|以来|底|初|末|前|后|上半年|下半年|全年|起|\d{1,2}月)"
    r"[^，,。；：:]{0,30}?(?:会议|大会|运动会|招聘会|博览会|交流会|推介会|洽谈会|展销会|座谈会|研讨会|发布会|论坛|峰会|"
    r"比赛|大赛|竞赛|联赛|锦标赛|选拔赛|活动|行动|展览|展演|文化节|旅游节|艺术节|丰收节|节|典礼|仪式|培训班|宣传周|活动周|宣传月|活动月)"
)
_NOT_AN_EVENT_BEFORE = re.compile(r"(?:总结|回顾|通报|表彰|于|将|在|到|至|截至)$")


def _clip(text: str, start: int, end: int, margin: int = 0) -> str:
    """The clauses of `text` holding text[start:end] (at most 60 characters): the words quoted as evidence."""
    start, end = max(0, start - margin), min(len(text), end + margin)
    left = max(text.rfind(mark, 0, start) for mark in "，,：:") + 1
    rights = [i for i in (text.find(mark, end) for mark in "，,：:") if i != -1]
    right = min(rights, default=len(text))
    words = text[left:right]
    return words if len(words) <= 60 else text[max(left, start - 20) : min(right, end + 20)]


def _sentences(issue: Issue) -> list[tuple[str, bool, bool]]:
    """(sentence, is a headline, holds a dateline) for every sentence of the issue, whitespace removed."""
    out = []
    for article in issue.articles:
        for title in (article.title, article.subtitle):
            if title and not article.title_generated:
                out.append((re.sub(r"\s+", "", title), True, False))
        text = re.sub(r"[ \t\u3000]+", "", article.text)
        for match in _SENTENCE_RE.finditer(text):
            sentence = match.group(0)
            out.append((sentence, False, bool(_MONTH_DAY_RE.search(sentence))))
    return out


def year_evidence(issue: Issue, issue_md: tuple[int, int] | None) -> list[Evidence]:
    """Every piece of evidence for the issue's year found in its text (see the module's doc)."""
    anniversaries, recurring = known_events()
    found: list[Evidence] = []
    for sentence, headline, dated in _sentences(issue):
        for match in _THIS_YEAR_RE.finditer(sentence):
            found.append(Evidence("this-year", match.group(0), int(match.group(1)), 3))
        for match in _PLAN_RE.finditer(sentence):
            n = _CN_NUM[match.group(1)] + 10
            if n < 3:
                continue
            start = 1966 + 5 * (n - 3)
            year = start if match.group(2) in ("开局", "起步") else start + 4
            strong = "今年" in sentence[max(0, match.start() - 8) : match.start()]
            found.append(Evidence("plan", _clip(sentence, match.start(), match.end()), year, 2 if strong else 1))
        for match in re.finditer(_NUMBER + r"周年", sentence):
            n = cn_int(match.group(1))
            after = sentence[match.end() : match.end() + 10]
            before = sentence[max(0, match.start() - 40) : match.start()]
            if n is None or "讲话" in after or "上的" in after:
                continue
            if not (headline or dated or "今年是" in before):
                continue
            for known in anniversaries:
                name = re.search("(?:" + known.pattern.pattern + r")$", before)
                if name:
                    start = match.start() - (len(before) - name.start())
                    found.append(Evidence("anniversary", _clip(sentence, start, match.end()), known.year + n, 2))
                    break
        for match in re.finditer(r"今年是第" + _NUMBER + r"(?:个|届)", sentence):
            n = cn_int(match.group(1))
            for known in recurring:
                if n and known.pattern.match(sentence, match.end()):
                    found.append(Evidence("recurring", _clip(sentence, match.start(), match.end() + len(known.event)), known.year + n - 1, 2))
                    break
        if dated and _HAPPENING.search(sentence) and issue_md:
            for match in _EVENT_RE.finditer(sentence):
                if _NOT_AN_EVENT_BEFORE.search(sentence[max(0, match.start() - 4) : match.start()]):
                    continue
                if not _HAPPENING.search(sentence, match.end()) and not _HAPPENING.search(sentence[: match.start()]):
                    continue
                md = _MONTH_DAY_RE.search(sentence)
                year = _issue_year(int(match.group(1)), int(md.group(1)), int(md.group(2)), issue_md)
                found.append(Evidence("event", _clip(sentence, match.start(), match.end()), year, 3))
        for match in _FUTURE_RE.finditer(sentence):
            year = int(match.group(2))
            strict = match.group(1).startswith(_STRONG_FUTURE) or match.group(1).startswith("下")
            high = year - 1 if strict and not match.group(3) else year
            found.append(Evidence("future", match.group(0), high=high))
        for match in _PAST_RE.finditer(sentence):
            if not (match.group(1) or match.group(3) or match.group(4)):
                continue
            if re.search(r"(?:将于|将在|定于|拟于|计划于?|预计于?|(?<![回直等达受得遇提收来])到|力争|争取|于)$", sentence[max(0, match.start() - 4) : match.start()]):
                continue
            found.append(Evidence("past", match.group(0), low=int(match.group(2))))
    return found


def decide_year(evidence: list[Evidence], this_year: int | None = None) -> tuple[int | None, Evidence | None, str]:
    """(year, the evidence that decided, a note on what was set aside) per the module's rules."""
    lows = [e.low for e in evidence if e.low is not None]
    highs = [e.high for e in evidence if e.high is not None]
    low, high = max(lows, default=None), min(highs, default=None)
    note = ""
    if low is not None and high is not None and low > high:
        note = f"bounds disagree ({low} or later, {high} or earlier): dropped"
        low, high = None, None
    if this_year is not None:
        high = this_year if high is None else min(high, this_year)
        if low is not None and low > high:
            low = None
    years = [e for e in evidence if e.year is not None]
    kept = [e for e in years if (low is None or e.year >= low) and (high is None or e.year <= high)]
    if len(kept) < len(years):
        note = "; ".join(filter(None, [note, f"outside {low or ''}–{high or ''}: " + ", ".join(f"{e.year} ({e.rule})" for e in years if e not in kept)]))
    if kept:
        best: dict[int, Evidence] = {}
        for e in kept:  # the strongest (then the first) piece of evidence for each year
            if e.year not in best or e.strength > best[e.year].strength:
                best[e.year] = e
        ranked = sorted(best.values(), key=lambda e: -e.strength)
        if len(ranked) > 1 and ranked[0].strength == ranked[1].strength:
            return None, None, "; ".join(filter(None, [note, "years disagree: " + ", ".join(f"{e.year} ({e.rule}: {e.words})" for e in ranked)]))
        return ranked[0].year, ranked[0], note
    if low is not None and low == high and lows and [h for h in highs if h == high]:
        words = next(e.words for e in evidence if e.low == low) + "；" + next(e.words for e in evidence if e.high == high)
        return low, Evidence("bounds", words, low, 1), note
    return None, None, note


# --- the issue's date -------------------------------------------------------------------------


def date_issue(issue: Issue, option: dt.date | None, today: dt.date) -> None:
    """Set the issue's date, month and day, source and evidence, then give every article the same.

    `today` is the date in China (`today_in_china`): no issue is of a later year."""
    issue.warnings = [w for w in issue.warnings if not w.startswith("date:")]
    head = issue.masthead
    named = date_from_name(issue.source)
    line = latest(datelines(issue))
    issue.date_rule = None
    if head is not None and head.date is not None:
        issue.date, issue.date_source, issue.date_evidence = head.date, "masthead", head.text
        if head.weekday_mismatch:
            printed = "星期" + "一二三四五六日"[head.weekday]
            actual = "星期" + "一二三四五六日"[head.date.weekday()]
            issue.warnings.append(f"date: the masthead prints {printed} beside {head.date.isoformat()}, which was a {actual}")
        others = sorted({p.masthead.date for p in issue.pages if p.masthead and p.masthead.date and p.masthead.date != head.date})
        if others:
            issue.warnings.append(f"date: pages' mastheads disagree ({head.date.isoformat()}, {', '.join(d.isoformat() for d in others)}); taking the first")
        if named and named != head.date:
            issue.warnings.append(f"date: the file name says {named.isoformat()}, the masthead {head.date.isoformat()}; taking the masthead")
    elif named:
        issue.date, issue.date_source, issue.date_evidence = named, "filename", issue.source
    elif option:
        issue.date, issue.date_source, issue.date_evidence = option, "option", f"--date {option.isoformat()}"
    elif line is not None:
        issue_md = (line.month, line.day)
        if line.year is not None:
            year, evidence, _ = line.year, Evidence("dated-dateline", line.words, line.year, 4), ""
        else:
            year, evidence, _ = decide_year(year_evidence(issue, issue_md), today.year)
        try:
            issue.date = dt.date(year, line.month, line.day) if year is not None else None
        except ValueError:  # 2月29日 in a common year: the year is wrong
            issue.date = None
        if issue.date is not None and evidence is not None and evidence.rule != "dated-dateline":
            issue.date_source, issue.date_rule = "evidence", evidence.rule
            issue.date_evidence = f"{line.words}；{evidence.words}"
        else:
            issue.date_source, issue.date_evidence = "dateline", line.words
            issue.date_rule = "dated-dateline" if issue.date is not None else None
        issue.month_day = f"{line.month:02d}-{line.day:02d}"
    else:
        issue.date, issue.date_source, issue.date_evidence = None, "none", ""
    if issue.date is not None:
        issue.month_day = f"{issue.date.month:02d}-{issue.date.day:02d}"
    elif line is None:
        issue.month_day = None
    for article in issue.articles:
        article.date, article.date_source = issue.date, issue.date_source
        article.month_day, article.date_evidence = issue.month_day, issue.date_evidence


# --- periods ----------------------------------------------------------------------------------


def week_range(week: str) -> tuple[dt.date, dt.date]:
    """`2025-W15` -> (Monday, Sunday) of that ISO week."""
    match = re.fullmatch(r"(\d{4})-?W(\d{1,2})", week.strip(), re.IGNORECASE)
    if not match:
        raise ValueError(f"week must look like 2025-W15 or last, not {week!r}")
    try:
        monday = dt.date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    except ValueError:
        raise ValueError(f"{week!r} is not a week: {match.group(1)} has no week {int(match.group(2))}") from None
    try:
        return monday, monday + dt.timedelta(days=6)
    except OverflowError:  # 9999-W52 ends in the year 10000
        raise ValueError(f"{week!r} is not a week the calendar can hold: it ends after 9999-12-31") from None


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def missing_day(text: str) -> str | None:
    """Why `text`, written as a day (YYYY-MM-DD), is none of the calendar's ("February 2025 has
    28 days", "a year has 12 months"); None when it is a day or is not written as one."""
    written = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text.strip())
    if not written:
        return None
    year, month, day = map(int, written.groups())
    if year < 1:
        return "there is no year 0"
    if not 1 <= month <= 12:
        return "a year has 12 months"
    days = calendar.monthrange(year, month)[1]
    return None if 1 <= day <= days else f"{_MONTHS[month - 1]} {year} has {days} days"


def check_period(since: dt.date | None, until: dt.date | None, where: str) -> None:
    """A DigestError naming `where` when the period ends before it starts (build, search, trends)."""
    if since is not None and until is not None and since > until:
        raise DigestError(where, f"the period starts ({since.isoformat()}) after it ends ({until.isoformat()})")


def iso_week(date: dt.date | None) -> str | None:
    """The ISO week of a date as `--week` takes it and the archive keeps it (`2025-W15`; the
    year in four digits, `0001-W01`, so weeks sort as text); None for no date."""
    if date is None:
        return None
    year, week, _ = date.isocalendar()
    return f"{year:04d}-W{week:02d}"


def newest_week(dates: list[dt.date]) -> tuple[dt.date, dt.date] | None:
    """The ISO week (Monday, Sunday) of the newest of `dates`, None when there is none; a
    ValueError for a week the calendar cannot hold (9999-12-31's)."""
    if not dates:
        return None
    return week_range(iso_week(max(dates)))  # its ValueError when the week ends after 9999-12-31


def is_iso_week(first: dt.date, last: dt.date) -> bool:
    return first.weekday() == 0 and last - first == dt.timedelta(days=6)


def _cn_date(date: dt.date, year: bool = True, month: bool = True) -> str:
    return (f"{date.year}年" if year else "") + (f"{date.month}月" if month else "") + f"{date.day}日"


def in_brackets(period: str | None) -> str:
    """The period in brackets after a title (the mail's subject, the page's <title>, `show`'s
    first line), nesting none: a period's own closing bracket becomes a comma inside,
    `（2025年第15周，4月7日—13日）`; nothing when there is no period."""
    if not period:
        return ""
    head, opened, rest = period.partition("（")
    if opened and rest.endswith("）") and "（" not in rest:
        period = f"{head}，{rest[:-1]}"
    return f"（{period}）"


def period_label(first: dt.date | None, last: dt.date | None, week: bool = False) -> str:
    """`2025年第15周（4月7日—13日）` for an ISO week (when `week`, or when first..last is exactly
    Monday to Sunday); else `2025年4月10日—5月13日`, `2025年4月7日—13日`, `2025年4月10日`,
    `2024年12月30日—2025年1月2日`; empty without dates."""
    if first is None or last is None:
        return ""
    if (week or is_iso_week(first, last)) and first.isocalendar()[:2] == last.isocalendar()[:2]:
        iso_year, number, _ = first.isocalendar()
        monday = first - dt.timedelta(days=first.weekday())
        sunday = monday + dt.timedelta(days=6)
        # A week 1 may start in the year before (2025-W01 is 2024-12-30 to 2025-01-05): its Monday
        # then names that year, which the week's does not.
        span = f"{_cn_date(monday, year=monday.year != iso_year)}—{_cn_date(sunday, year=monday.year != sunday.year, month=monday.month != sunday.month)}"
        return f"{iso_year}年第{number}周（{span}）"
    if first == last:
        return _cn_date(first)
    if first.year != last.year:
        return f"{_cn_date(first)}—{_cn_date(last)}"
    return f"{_cn_date(first)}—{_cn_date(last, year=False, month=first.month != last.month)}"
