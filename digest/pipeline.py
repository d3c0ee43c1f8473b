"""The whole run: read every issue, process it, compose the week, render, then write.

Everything is rendered in memory before the first file is written, so a failure in any
stage leaves the previous outputs as they were. (The cache of processed issues, when one is
used, is written as issues are processed: see digest/cache.py.)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import math
import os
import signal
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import segment
from .archive.record import fingerprint, record_issues
from .archive.tokens import article_tokens
from .archive.compare import compare_weeks
from .cache import CacheStats, IssueCache, settings_fingerprint, text_hash
from .config import BuildConfig
from .deliver import write_all
from .figures import clause_cuts
from .enrich import Gazetteer, Themes, classify, load_gazetteer, load_themes, locate
from .edits import load_edits
from .errors import DigestError, lost_note
from .ingest import UNKNOWN_PAPER, NoIssues, read_issues
from .compose import compose
from .dates import date_issue, date_label, iso_week, newest_week, today_in_china, week_range
from .model import Briefing, Issue
from .limits import die_with_parent
from .render import Renderer, environment, pdf_page_count, preload_pdf
from .select import budget_note, select
from .summarize import get_ranker, summarize_article

@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    skipped: list[DigestError] = field(default_factory=list)
    stats: CacheStats = field(default_factory=CacheStats)  # issues processed, taken from the cache
    empty: list[str] = field(default_factory=list)  # issues in which no article was found
    notes: list[str] = field(default_factory=list)  # one line each: dates that disagree, issues left out of the period


def process_issue(issue: Issue, config: BuildConfig, themes: Themes, gazetteer: Gazetteer) -> Issue:
    """Clean, cut, date, summarize and enrich one issue. Its text is cut into words once: the
    segmenter's repairs, the ranker and the keywords share the cuts, dropped at the end."""
    from .summarize.tokens import forget

    ranker = get_ranker(config.ranker)
    stem = Path(issue.source).stem
    try:
        segment.segment(issue)
        date_issue(issue, config.date, config.today or today_in_china())
        for article in issue.articles:
            article.id = f"{stem}-{article.position + 1:02d}"
            summarize_article(article, ranker, config.sentences)
            article.theme, article.theme_terms = classify(article, themes)
            locate(article, gazetteer, local_paper=issue.paper == "吕梁日报")
            article.figure_cuts = clause_cuts(article)  # the cutter is loaded now; a warm build need not load it
            article.search_tokens, article.fingerprint = article_tokens(article), fingerprint(article)  # so recording it from the cache need not make them
    finally:
        forget()
    return issue


def process_issues(issues: list[Issue], config: BuildConfig, themes: Themes, gazetteer: Gazetteer, stats: CacheStats | None = None) -> list[Issue]:
    """Every issue processed, in input order: from the cache when `config.cache_dir` holds it,
    else by `process_issue`, here or in worker processes (`config.jobs`, `worker_count`). The result is the same whatever
    the number of jobs and wherever an issue came from; `stats` counts which was which."""
    stats = stats if stats is not None else CacheStats()
    config = replace(config, today=config.today or today_in_china())  # one day (in China) for every issue and the cache key
    cache = None if config.cache_dir is None else IssueCache(config.cache_dir, settings_fingerprint(config, config.today), stats)
    keys = [cache.key(issue) for issue in issues] if cache is not None else []
    done: list[Issue | None] = [cache.load(key, issue) for key, issue in zip(keys, issues)] if cache is not None else [None] * len(issues)
    todo = [index for index, issue in enumerate(done) if issue is None]
    with _progress(config.progress and bool(todo), len(issues)) as bar:
        bar.update(len(issues) - len(todo))
        # Closed here when this stops early (a signal, a bad issue), wherever it was raised:
        # that ends the workers still processing, instead of waiting for them at exit.
        with contextlib.closing(_process_many([issues[i] for i in todo], config, themes, gazetteer)) as processed_issues:
            for index, processed in zip(todo, processed_issues):
                done[index] = processed
                stats.processed += 1
                if cache is not None:
                    cache.store(keys[index], processed)
                bar.update(1)
    return done


ISSUES_PER_WORKER = 4
"""With no --jobs, one worker is forked for every 4 issues left after the first, up to one per
idle core: a fork, its pipes and its first task cost about what processing an issue does
(measured in docs/speed.md), so a few issues are done sooner here."""

MAX_DEFAULT_WORKERS = 8
"""Nor more than 8 without --jobs: each worker holds about 30 MB of its own (146 MB resident,
most of it shared with this process), so a machine of many cores is not filled with them
unasked."""

CGROUP_ROOT = Path("/sys/fs/cgroup")  # cgroup v2: a quota is `cpu.max` in the process's group or a parent
PROCESS_CGROUP = Path("/proc/self/cgroup")  # `0::/system.slice/x.service`: this process's group


def usable_cores() -> int:
    """The CPU cores this process may run on: its affinity where the system tells it, and no
    more than the tightest CPU quota (cgroup v2 `cpu.max`) on its group or a parent allows."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    quota = cpu_quota()
    return cores if quota is None else min(cores, quota)


def cpu_quota() -> int | None:
    """Whole cores the tightest `cpu.max` on this process's cgroup and its parents allows (at
    least 1), or None: no quota, no cgroup v2, or files that say nothing sensible."""
    try:
        lines = PROCESS_CGROUP.read_text(encoding="ascii").splitlines()
        group = next((line[3:].strip() for line in lines if line.startswith("0::")), "/")
    except (OSError, ValueError):
        group = "/"
    here = CGROUP_ROOT / group.strip("/")
    if ".." in Path(group).parts:
        here = CGROUP_ROOT
    allowed = None
    for place in (here, *[p for p in here.parents if p.is_relative_to(CGROUP_ROOT)]):
        try:
            quota, period = (place / "cpu.max").read_text(encoding="ascii").split()[:2]
            quota, period = int(quota), int(period)
        except (OSError, ValueError):  # none here, `max`, or nonsense: no bound from this one
            continue
        if quota > 0 and period > 0:
            cores = max(1, quota // period)
            allowed = cores if allowed is None else min(allowed, cores)
    return allowed


def idle_cores() -> int:
    """The usable cores less those other work keeps busy (the 1-minute load average, rounded
    half up), at least 1. The build itself is hardly in that average: it is read after the
    first issue, a second or two in, when the build has added a few hundredths to it. Workers
    on cores other work holds gain no time and cost CPU: on a 2-core machine with a load of
    5–6, a week's build took longer with two workers than in one process (docs/speed.md)."""
    cores = usable_cores()
    try:
        others = os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average on this system
        return cores
    return max(1, min(cores, math.floor(cores - max(0.0, others) + 0.5)))


def worker_count(jobs: int | None, issues: int) -> int:
    """Worker processes for `issues` issues: `jobs` as asked (never more than the issues), or,
    with None, one per ISSUES_PER_WORKER issues up to one per idle core and no more than
    MAX_DEFAULT_WORKERS. 0 or 1: none, the issues are processed here."""
    if jobs is None:
        return min(idle_cores(), MAX_DEFAULT_WORKERS, issues // ISSUES_PER_WORKER)
    return min(jobs, issues)


def _process_many(issues: list[Issue], config: BuildConfig, themes: Themes, gazetteer: Gazetteer):
    """Processed issues in the order given: here, or from a pool of worker processes
    (`worker_count` of `config.jobs`).

    The first issue is always processed here: that loads jieba's dictionary and the keyword
    tables once, before the workers are forked, so they share them instead of each loading
    its own."""
    if not issues:
        return
    yield process_issue(issues[0], config, themes, gazetteer)
    # What the first issue loaded (dictionaries, the labeller's model, compiled patterns:
    # objects that live as long as the process) is set aside from the collector while the
    # others are processed: its full collections no longer walk it, and a forked worker's
    # collector never touches, so never copies, the pages it shares with this process.
    with _set_aside():
        yield from _process_rest(issues[1:], config, themes, gazetteer)


@contextlib.contextmanager
def _set_aside():
    """Every object alive now set aside from the cycle collector (`gc.freeze`) until the block
    ends, so its full collections walk only what the block makes. Only when nothing is frozen
    yet: a host that froze its own objects (before forking its own workers, say) keeps them
    frozen, and thawing ours would thaw its too."""
    freeze = not gc.get_freeze_count()
    if freeze:
        gc.freeze()
    try:
        yield
    finally:
        if freeze:
            gc.unfreeze()


def _process_rest(rest: list[Issue], config: BuildConfig, themes: Themes, gazetteer: Gazetteer):
    jobs = worker_count(config.jobs, len(rest))
    if jobs <= 1:
        for issue in rest:
            yield process_issue(issue, config, themes, gazetteer)
        return
    from concurrent.futures import ProcessPoolExecutor  # only with a pool: multiprocessing is 0.03 s of a start
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(config, themes, gazetteer, os.getpid()))
    try:
        done = pool.map(_work, rest)  # map keeps input order; a DigestError comes back as itself
        if "pdf" in config.formats:
            # The workers are forked and have every issue: this process would only wait for
            # them, so it imports WeasyPrint now instead of after composing (0.4 s of CPU).
            preload_pdf()
        yield from done
    except BrokenProcessPool:
        # A worker was killed (by the out-of-memory killer, say): no output has been written yet.
        raise DigestError("worker process", "ended abruptly (killed, or out of memory?); no briefing was written (the issues done are in the cache); --jobs 1 processes every issue in this process") from None
    except BaseException:
        # Stopped (SIGTERM, Ctrl-C), a bad issue, or closed early: what the workers are still
        # processing is not wanted. shutdown() alone waited for it, however long an issue takes.
        _end_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _end_workers(pool) -> None:
    """The pool's worker processes killed now: none holds anything to clean up (outputs and
    cache are written here, a PDF's reader dies with its worker), and a busy one would finish
    its issue first. Python 3.11 has no public way to this (3.14: kill_workers)."""
    _quiet_after_kill(pool._executor_manager_thread)
    for worker in list((pool._processes or {}).values()):
        worker.kill()


def _quiet_after_kill(manager) -> None:
    """What the pool's manager thread raises from now on is not printed. Killing busy workers
    races that thread, which may raise while it reads their dead pipes (seen once under load:
    `Exception in thread Thread-2: Traceback … concurrent/futures/process.py` before `digest:
    stopped by SIGTERM`); the run is ending on purpose, and a traceback is not the user's to read.
    Every other thread's exceptions go to the hook as before."""
    if manager is None:
        return
    import threading

    previous = threading.excepthook

    def hook(args) -> None:
        if args.thread is not manager:
            previous(args)

    threading.excepthook = hook


_WORKER_ARGS: tuple = ()


def _start_worker(config: BuildConfig, themes: Themes, gazetteer: Gazetteer, parent: int) -> None:
    global _WORKER_ARGS
    _WORKER_ARGS = (config, themes, gazetteer)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle: it stops the pool
    for number in (signal.SIGTERM, signal.SIGHUP):  # and an idle worker raising on them would print a traceback
        if signal.getsignal(number) not in (signal.SIG_IGN, signal.SIG_DFL):
            signal.signal(number, signal.SIG_DFL)
    die_with_parent(parent)


def _work(issue: Issue) -> Issue:
    return process_issue(issue, *_WORKER_ARGS)


class _NoBar:
    def update(self, steps: int) -> None:
        pass


def _progress(show: bool, total: int):
    """A progress bar on stderr when `show` (the CLI asks for one only on a terminal), else nothing."""
    if not show:
        return contextlib.nullcontext(_NoBar())
    import click

    return click.progressbar(length=total, label="Processing issues", file=sys.stderr)


def read_once(issues: list[Issue]) -> list[Issue]:
    """The same page given twice in one build is read once: a copy under another name (the same
    text and masthead pages) or the same page read another way (p0002.txt from pdftotext beside p0002.pdf: the
    name's stem, a known paper, the date and the masthead's pages). These are how the archive
    knows an issue again (`archive.record`); both were composed (two issues, the articles that
    did not merge as repeats printed twice) and recorded. The first given is kept; the one left
    out is a note on the one kept (pipeline.build_notes)."""
    kept: list[Issue] = []
    seen: dict[tuple, Issue] = {}
    for issue in issues:
        pages = tuple(page.masthead.page for page in issue.pages if page.masthead and page.masthead.page is not None)
        keys = [("text", text_hash(issue.raw), pages)]  # a PDF's text is without its masthead
        if issue.paper != UNKNOWN_PAPER and (issue.date or issue.month_day):
            keys.append(("name", Path(issue.source).stem, issue.paper, issue.date, issue.month_day, pages))
        first = next((seen[key] for key in keys if key in seen), None)
        if first is None:
            kept.append(issue)
            seen.update(dict.fromkeys(keys, issue))
            continue
        why = "its text" if keys[0] in seen else "its name, paper and date"
        first.warnings.append(f"read once: {issue.path} is the same page ({why}), left out")
    return kept


def _unique_ids(issues: list[Issue]) -> None:
    """Article ids are `<file stem>-<NN>`; a later issue whose stem is taken (a/x.txt, b/x.txt,
    x.md) gets `<stem>~2`, `<stem>~3`… so every id in the briefing is unique."""
    taken: dict[str, int] = {}
    for issue in issues:
        stem = Path(issue.source).stem
        taken[stem] = taken.get(stem, 0) + 1
        if taken[stem] > 1:
            for article in issue.articles:
                article.id = f"{stem}~{taken[stem]}-{article.position + 1:02d}"


def in_period(issue: Issue, since: dt.date | None, until: dt.date | None) -> bool:
    if since is None and until is None:
        return True
    if issue.date is None:
        return False
    return (since is None or issue.date >= since) and (until is None or issue.date <= until)


def resolve_period(config: BuildConfig, issues: list[Issue]) -> tuple[dt.date | None, dt.date | None, bool]:
    """(since, until, is a week) asked for: `--week 2025-W15`, `--week last` (the ISO week of
    the newest dated issue), or --since/--until."""
    if config.week is None:
        return config.since, config.until, False
    if config.week.strip().lower() in ("", "last"):
        try:
            week = newest_week([issue.date for issue in issues if issue.date])
        except ValueError as error:
            raise DigestError("--week last", f"the newest issue's week ({error})") from None
        if week is None:
            raise DigestError("--week last", "no issue has a known date: " + _dates_held(issues))
        return week[0], week[1], True
    try:
        first, last = week_range(config.week)
    except ValueError as error:
        raise DigestError("--week", str(error)) from None
    return first, last, True


def _dates_held(issues: list[Issue]) -> str:
    labels = [date_label(issue.date, issue.month_day) or f"{issue.source}（日期不详）" for issue in issues]
    return "the issues are dated " + ", ".join(dict.fromkeys(sorted(labels)))


def _period_words(since: dt.date | None, until: dt.date | None, week: bool) -> str:
    if week and since is not None:
        return f"{iso_week(since)} ({since.isoformat()} to {until.isoformat()})"
    return " to ".join(filter(None, [since and f"from {since.isoformat()}", until and f"until {until.isoformat()}"])) if not (since and until) else f"{since.isoformat()} to {until.isoformat()}"


YOUNG_COLLECTION = 10_000
"""A build makes millions of short-lived objects and frees nearly all of them by reference
counting, so the cycle collector's young passes find little: at Python's 700 net allocations
a week's build of 28 page files made 331 young passes, 29 middle and 2 full, 0.13–0.15 s of
CPU in all; every 10,000, 37 and 3, 0.03–0.04 s, the same peak memory (docs/speed.md)."""


@contextlib.contextmanager
def _fewer_collections():
    """The collector's young passes every YOUNG_COLLECTION net allocations while a build runs,
    its own thresholds again after; a collector turned off (threshold 0) stays off."""
    before = gc.get_threshold()
    if before[0]:
        gc.set_threshold(max(before[0], YOUNG_COLLECTION), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


@_fewer_collections()
def process_inputs(config: BuildConfig, stats: CacheStats | None = None) -> tuple[list[Issue], list[DigestError], Themes, Gazetteer]:
    """Every input issue read and processed (through the cache), with unique article ids, and
    recorded into `config.archive` when there is one; the issues that could not be read."""
    themes = load_themes(config.themes_file)
    gazetteer = load_gazetteer(config.places_file)
    issues, skipped = read_issues(config.inputs, config.skip_bad)
    if not issues:
        raise NoIssues(", ".join(config.inputs), "no readable issue files", skipped)
    config = replace(config, today=config.today or today_in_china())
    issues = process_issues(issues, config, themes, gazetteer, stats)
    issues = read_once(issues)
    _unique_ids(issues)
    if config.archive is not None:  # before composing: compose joins and merges articles in place
        recorded = record_issues(config.archive, issues, settings_fingerprint(config, config.today))
        if stats is not None:
            stats.archive = recorded
    return issues, skipped, themes, gazetteer


# More files than this losing characters (a PDF printer whose fonts name some glyphs by no
# character, on every page) are one note naming them, not a line each: a build prints a few
# lines, not one per page (issue 11).
LOST_NOTES_APART = 3
LOST_NAMED = 10


def build_notes(issues: list[Issue]) -> list[str]:
    """The issues' warnings as notes, one line each (`x.txt: the masthead prints …`), the PDFs'
    lost characters first; more than LOST_NOTES_APART of those are one line that names the files
    (up to LOST_NAMED of them) with their counts."""
    lost = [(issue.path, issue.lost) for issue in issues if issue.lost]
    notes = [f"{issue.path}: {w.removeprefix('date: ')}" for issue in issues for w in issue.warnings]
    if len(lost) <= LOST_NOTES_APART:
        return [f"{path}: {lost_note(n)}" for path, n in lost] + notes
    named = ", ".join(f"{path} {n}" for path, n in lost[:LOST_NAMED])
    more = f" and {len(lost) - LOST_NAMED} more" if len(lost) > LOST_NAMED else ""
    total = sum(n for _, n in lost)
    return [f"{lost_note(total)} in {len(lost)} PDF files ({named}{more})", *notes]


def build_briefing(config: BuildConfig, stats: CacheStats | None = None) -> tuple[Briefing, list[DigestError]]:
    edits = load_edits(config.edits_file) if config.edits_file is not None else None  # a bad edits file fails before any work
    issues, skipped, themes, gazetteer = process_inputs(config, stats)
    notes = build_notes(issues)
    since, until, week = resolve_period(config, issues)
    kept = [issue for issue in issues if in_period(issue, since, until)]
    if not kept:
        raise DigestError("period", f"no issue dated {_period_words(since, until, week)}; {_dates_held(issues)}")
    if since is not None or until is not None:
        yearless = [issue for issue in issues if issue.date is None and issue.month_day]
        if yearless:
            notes.append("left out of the period, year unknown: " + ", ".join(f"{issue.source} ({date_label(None, issue.month_day)})" for issue in yearless))
    # The processed week lives until the briefing is written: a full collection while composing
    # (its shingle sets and lists make one likely) walked all of it, 0.26 s of compose's 1.16 at
    # 2 million characters and none at 20k (docs/speed.md).
    with _set_aside():
        briefing = compose(kept, config.title, themes, gazetteer.counties, edits)
        select(briefing, None if config.full else config.pages)
    briefing.since, briefing.until, briefing.week = since, until, week
    briefing.notes = notes
    if config.archive is not None:
        briefing.last_week = compare_weeks(config.archive, briefing, themes, gazetteer.counties)
    return briefing, skipped


@_fewer_collections()
def build(config: BuildConfig) -> BuildResult:
    """Build the briefing in every requested format and write it to `config.out_dir`."""
    stats = CacheStats()
    briefing, skipped = build_briefing(config, stats)
    renderer = Renderer(environment(config.templates_dir))
    outputs = {Path(config.out_dir) / f"{config.basename}.{fmt}": renderer.render(fmt, briefing) for fmt in config.formats}
    pdf = outputs.get(Path(config.out_dir) / f"{config.basename}.pdf")
    if (over := budget_note(briefing, pdf and pdf_page_count(pdf))) is not None:
        briefing.notes.append(over)
    # A page whose only text was a continuation joined to its first part's article had something
    # found on it (told by the issue, not its file name: two folders' pages may share one).
    empty = [issue.path for issue in briefing.issues if not issue.articles and not issue.joined]
    return BuildResult(written=write_all(outputs), skipped=skipped, stats=stats, empty=empty, notes=briefing.notes)
