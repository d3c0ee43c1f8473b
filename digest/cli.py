"""The `digest` command: parses options and calls the library, nothing more."""

from __future__ import annotations

import collections
import datetime as dt
import errno
import json
import signal
import sys
from pathlib import Path

import click

from . import __version__
from .config import DEFAULT_TITLE, BuildConfig
from .errors import DigestError, json_controls_escaped, printable, printable_name
from .config import FORMATS
from .model import KIND_LABELS, KINDS
from .summarize import DEFAULT_RANKER, RANKERS


def _fail(error: Exception) -> None:
    for each in (error, *getattr(error, "also", ())):  # every input that could not be read (ingest.Unreadable)
        click.echo(f"digest: error: {each}", err=True)
    if getattr(error, "note", ""):  # the PDFs not read yet (ingest.Unreadable)
        click.echo(f"digest: note: {error.note}", err=True)
    sys.exit(1)


def _echo(text: str, **options) -> None:
    """click.echo onto standard output; a write that fails there (a full disk, a device's I/O
    error) is one error line and exit status 1, not a traceback. A closed pipe (`| head`) is
    click's: exit status 1, silently."""
    try:
        click.echo(text, **options)
    except OSError as error:
        if error.errno == errno.EPIPE:
            raise
        raise DigestError("standard error" if options.get("err") else "standard output", f"cannot write: {error.strerror or error}") from None


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the program is, as Ctrl-C raises KeyboardInterrupt: what
    was being written is cleaned up (staged outputs removed, the archive's transaction rolled
    back) instead of left behind by a process ended on the spot."""


def _stop(signum, frame) -> None:
    raise Stopped(signum)


def stop_on_signals() -> None:
    """SIGTERM (kill, systemd, a timeout) and SIGHUP (the terminal closed) raise Stopped; one
    that is ignored (nohup) stays ignored. Worker processes put the default back."""
    for number in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(number) is signal.SIG_DFL:
            signal.signal(number, _stop)


class _Group(click.Group):
    """Turns our errors into one line on stderr and exit status 1, a command's bad option into
    one line and exit status 2 (click's usage error status), and a signal that stops the run
    into one line and the shell's status for it (128 + its number)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as stop:  # Ctrl-C, or Stopped
            number = stop.args[0] if isinstance(stop, Stopped) else signal.SIGINT
            click.echo(f"digest: stopped by {signal.Signals(number).name}", err=True)
            sys.exit(128 + number)
        except DigestError as error:
            for skipped in getattr(error, "skipped", ()):  # every input was bad: say why each one was
                click.echo(f"digest: skipped: {skipped}", err=True)
            _fail(error)
        except click.UsageError as error:
            hint = f" (see 'digest {error.ctx.info_name} --help')" if error.ctx and error.ctx.parent else ""
            click.echo(f"digest: error: {error.format_message()}{hint}", err=True)
            sys.exit(2)


class _QueryCommand(click.Command):
    """A query word that starts with a hyphen and then a Chinese character (`-吕梁`, as copied
    from a list) is a word of the query: click would take it for an unknown option."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        taking_value = {name for p in self.params if isinstance(p, click.Option) and not p.is_flag for name in p.opts}
        words = [i for i, a in enumerate(args) if _dashed_word(a) and not (i and args[i - 1] in taking_value)]
        if not words:
            return super().parse_args(ctx, args)
        # Moved past `--`, where click takes every argument as it is.
        others = [a for i, a in enumerate(args) if i not in words]
        rest = super().parse_args(ctx, others + ([] if "--" in others else ["--"]) + [args[i] for i in words])
        for param in self.params:  # the query's words back in the order they were typed
            if isinstance(param, click.Argument) and param.nargs == -1 and ctx.params.get(param.name):
                ctx.params[param.name] = _in_typed_order(ctx.params[param.name], args)
        return rest


def _dashed_word(arg: str) -> bool:
    return len(arg) > 1 and arg[0] == "-" and not arg.lstrip("-")[:1].isascii()


def _in_typed_order(words: tuple[str, ...], typed: list[str]) -> tuple[str, ...]:
    """`words` (each one of the `typed` arguments) in the order they were typed."""
    left = collections.Counter(words)
    ordered = []
    for arg in typed:
        if left[arg]:
            left[arg] -= 1
            ordered.append(arg)
    return tuple(ordered)


def _one_line(value: str | None) -> str | None:
    """A --title or --subject as one line (a newline would start a new Markdown heading or mail
    header line), its bytes that are not UTF-8 shown as U+FFFD."""
    return value and " ".join(printable_name(value).split())


def _period(week: str | None, since, until):
    """The days asked for: an ISO week (checked here, resolved once the issues are dated), or
    --since/--until (datetimes from click)."""
    from .dates import check_period, week_range

    if week is not None:
        if since or until:
            raise click.BadParameter("give --week or --since/--until, not both", param_hint="--week")
        if week.strip().lower() not in ("", "last"):
            try:
                week_range(week)
            except ValueError as error:
                raise click.BadParameter(str(error), param_hint="--week") from None
        return week, None, None
    since, until = since and since.date(), until and until.date()
    check_period(since, until, "period")
    return None, since, until


class _Day(click.DateTime):
    """A day as YYYY-MM-DD (a datetime, as click.DateTime gives). A day written right that the
    calendar has not (2025-02-30, 2025-13-01) says so, not that the format is wrong."""

    def __init__(self) -> None:
        super().__init__(["%Y-%m-%d"])

    def convert(self, value, param, ctx):
        from .dates import missing_day

        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            why = isinstance(value, str) and missing_day(value)
            if not why:
                raise
            self.fail(f"{value.strip()} does not exist: {why}", param, ctx)


DAY = _Day()


def _options(*decorators):
    """Apply several click options as one decorator, in the order listed."""

    def apply(function):
        for decorator in reversed(decorators):
            function = decorator(function)
        return function

    return apply


SENTENCES = click.option("--sentences", type=click.IntRange(1, 20), default=3, show_default=True, help="Key sentences per article.")
RANKER = click.option("--ranker", type=click.Choice(sorted(RANKERS)), default=DEFAULT_RANKER, show_default=True, help="How key sentences are ranked.")
SKIP_BAD = click.option("--skip-bad", is_flag=True, help="Skip unreadable inputs, list them, still exit non-zero.")
JOBS = click.option("-j", "--jobs", type=click.IntRange(1, 64), help="Process issues in this many worker processes (1: in this one); outputs are the same. Default: one for every 4 issues to process, up to one per CPU core that other work leaves idle (at most 8).")
# What to read and how to make the briefing: the same for `build`, `mail` and `show`.
BRIEFING_OPTIONS = _options(
    click.option("--title", default=DEFAULT_TITLE, show_default=True, callback=lambda ctx, param, value: _one_line(value), help="The briefing's title."),
    SENTENCES,
    RANKER,
    click.option("--themes", "themes_file", type=click.Path(dir_okay=False, path_type=Path), help="themes.toml to use instead of the shipped one."),
    click.option("--places", "places_file", type=click.Path(dir_okay=False, path_type=Path), help="places.toml to use instead of the shipped gazetteer."),
    click.option("--edits", "edits_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE", help="The editor's edits (TOML): drop, pin, titles, themes, note; ids from 'digest show --ids'."),
    click.option("--date", "issue_date", type=DAY, help="Date of issues whose masthead and file name carry none."),
    click.option("--week", is_flag=False, flag_value="last", metavar="[2025-W15|last]", help="Only issues of this ISO week, e.g. 2025-W15; without a value, or 'last': the newest week of the input."),
    click.option("--since", type=DAY, help="Only issues dated on or after this day."),
    click.option("--until", type=DAY, help="Only issues dated on or before this day."),
    SKIP_BAD,
    JOBS,
)
# How much of it is printed: `build` and `mail` (show prints every article's first key sentence).
PAGE_OPTIONS = _options(
    click.option("--pages", type=click.IntRange(4, 999), default=24, show_default=True, help="Page budget of the briefing (A4): per theme the most important articles with key sentences, the rest one line each."),
    click.option("--full", is_flag=True, help="Print every article with its key sentences, whatever the number of pages."),
)


TEMPLATES = click.option("--templates", "templates_dir", type=click.Path(file_okay=False, path_type=Path), help="Folder of templates overriding the shipped ones by name.")


ARCHIVE = click.option("--archive", "archive", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE", help="The archive of processed issues (SQLite). Default: $XDG_DATA_HOME/digest/archive.sqlite (~/.local/share/digest/archive.sqlite).")


NO_ARCHIVE = click.option("--no-archive", is_flag=True, help="Record nothing into the archive and compare with no earlier week.")


def _report_processing(stats, archive: Path | None) -> None:
    """What the run did with its issues, one line each, for a terminal."""
    click.echo(f"digest: {stats.processed} issue{'' if stats.processed == 1 else 's'} processed, {stats.cached} from the cache" + (f" ({stats.write_errors} could not be cached)" if stats.write_errors else ""), err=True)
    if stats.archive is not None:
        recorded = stats.archive
        click.echo(f"digest: archive {archive}: {recorded.added} added, {recorded.replaced} replaced, {recorded.unchanged} unchanged", err=True)


def _exit_if_skipped(skipped: list[DigestError]) -> None:
    """--skip-bad: the inputs left out, one line each, and exit 1 when there were any."""
    for error in skipped:
        click.echo(f"digest: skipped: {error}", err=True)
    if skipped:
        sys.exit(1)


def _briefing_config(inputs, *, title, sentences, ranker, themes_file, places_file, edits_file, issue_date, week, since, until, **more) -> BuildConfig:
    """The BuildConfig for BRIEFING_OPTIONS' values plus the command's own (`more`)."""
    week, since, until = _period(week, since, until)
    if not inputs and not Path("seeds").exists():  # run outside the project folder: the user typed no `seeds`
        raise DigestError("seeds", "no such folder: name the issue files or folders to read (seeds/, the sample issues, is the default in the project folder)")
    return BuildConfig(
        inputs=list(inputs) or ["seeds"],
        title=title,
        sentences=sentences,
        ranker=ranker,
        themes_file=themes_file,
        places_file=places_file,
        edits_file=edits_file,
        date=issue_date and issue_date.date(),
        week=week,
        since=since,
        until=until,
        **more,
    )


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="digest")
@click.option("--config", "config_file", type=click.Path(path_type=Path), metavar="FILE", help="Defaults for every command from this TOML file (default: ./digest.toml if there is one); options on the command line win.")
@click.pass_context
def main(ctx: click.Context, config_file: Path | None) -> None:
    """Weekly briefings of Lüliang news from e-paper pages: their PDFs or extracted text."""
    from .settings import default_map, find_config, load_settings

    stop_on_signals()
    path = find_config(config_file)
    if path is None or ctx.resilient_parsing:
        return
    # click's own way to defaults: each subcommand looks its options up in default_map[name].
    defaults = default_map(load_settings(path), ctx.command.commands)
    for name, given in (ctx.default_map or {}).items():  # defaults passed in by a caller win
        defaults[name] = {**defaults.get(name, {}), **given}
    ctx.default_map = defaults


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path())
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("output"), show_default=True, help="Folder to write the briefing to.")
@click.option("-f", "--format", "formats", type=click.Choice(FORMATS), multiple=True, help="Output format; repeat for several. Default: all four.")
@BRIEFING_OPTIONS
@PAGE_OPTIONS
@TEMPLATES
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), help="Keep processed issues here between builds. Default: $XDG_CACHE_HOME/digest (~/.cache/digest).")
@click.option("--no-cache", is_flag=True, help="Process every issue; read and write no cache.")
@ARCHIVE
@NO_ARCHIVE
def build(inputs, out_dir, formats, jobs, cache_dir, no_cache, archive, no_archive, **briefing) -> None:
    """Build the weekly briefing from INPUTS (issue files or folders; default: seeds/)."""
    from .archive import default_path
    from .cache import default_dir
    from .pipeline import build as run_build

    config = _briefing_config(
        inputs,
        **briefing,
        out_dir=out_dir,
        formats=tuple(dict.fromkeys(formats)) or FORMATS,
        jobs=jobs,
        cache_dir=None if no_cache else cache_dir or default_dir(),
        archive=None if no_archive else archive or default_path(),
        progress=sys.stderr.isatty(),
    )
    result = run_build(config)
    if result.stats.refused:
        click.echo(f"digest: warning: {result.stats.refused}", err=True)
    for path in result.written:
        _echo(printable(str(path)))
    if config.progress:  # on a terminal only, like the progress bar
        _report_processing(result.stats, config.archive)
    for note in result.notes:
        click.echo(f"digest: note: {printable(note)}", err=True)
    for path in result.empty:
        click.echo(f"digest: note: {printable(path)}: no article found", err=True)
    _exit_if_skipped(result.skipped)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@RANKER
@SENTENCES
@click.option("--budget", type=click.IntRange(1), help="At most this many characters of key sentences per article.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array, an object per file.")
@SKIP_BAD
def summarize(files, ranker, sentences, budget, as_json, skip_bad) -> None:
    """Summarize article files, one article per file: text, PDF, or folders of them (as build reads them)."""
    from .summarize.files import summarize_files

    results, skipped = summarize_files(list(files), ranker, sentences, budget, skip_bad)
    if as_json:
        _echo(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        for result in results:
            _echo(f"== {result['source']}")
            if result["title"]:
                _echo(f"标题：{result['title']}")
            for sentence in result["summary"]:
                _echo(f"- {sentence}")
            if result["keywords"]:
                _echo(f"关键词：{'、'.join(result['keywords'])}")
    _exit_if_skipped(skipped)


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@BRIEFING_OPTIONS
@click.option("--ids", "list_ids", is_flag=True, help="List each article's id and title (for an edits file) instead.")
def show(inputs, list_ids, **briefing) -> None:
    """Print the highlights of INPUTS in the terminal: titles and first key sentence by theme,
    as the briefing built with the same options has them."""
    import os

    from .pipeline import build_briefing
    from .show import highlights, id_lines, terminal_width

    briefing, skipped = build_briefing(_briefing_config(inputs, **briefing, formats=()))  # prints, writes no format
    for note in briefing.notes:
        click.echo(f"digest: note: {printable(note)}", err=True)
    # Content is cleaned of control characters at ingest; titles and theme names from the
    # options and settings files are not content: nothing printed may drive the terminal.
    if list_ids:
        for line in id_lines(briefing):
            _echo(printable(line))
        _exit_if_skipped(skipped)
        return
    # Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
    color = False if os.environ.get("NO_COLOR") else None
    styles = {"theme": {"bold": True, "fg": "red"}, "title": {"bold": True}, "source": {"dim": True}, "text": {}}
    for style, line in highlights(briefing, terminal_width(sys.stdout)):
        line = printable(line)
        _echo(click.style(line, **styles[style]) if styles[style] else line, color=color)
    _exit_if_skipped(skipped)


# --- digest mail: the briefing as one e-mail (library: digest/mail.py) ---


@main.command("mail")
@click.argument("inputs", nargs=-1, type=click.Path())
@click.option("--to", "to", multiple=True, metavar="ADDR", help="Recipient, e.g. a@b.cn or '张三 <a@b.cn>'; repeat for several. Required unless --eml.")
@click.option("--from", "sender", metavar="ADDR", help="Sender address. Default: the --smtp-user if it is an address, else user@this-host.")
@click.option("--subject", callback=lambda ctx, param, value: _one_line(value), help="Subject line. Default: the title and the period covered.")
@click.option("--smtp-host", metavar="HOST", help="SMTP server to send through. Required unless --eml.")
@click.option("--smtp-port", type=click.IntRange(1, 65535), metavar="PORT", help="SMTP port. Default: 25, or 587 with --starttls, 465 with --ssl.")
@click.option("--starttls", is_flag=True, help="Upgrade the connection to TLS with STARTTLS (usually port 587).")
@click.option("--ssl", "use_ssl", is_flag=True, help="Speak TLS from the start (usually port 465). Without --starttls or --ssl: plain SMTP, as to a local relay.")
@click.option("--smtp-timeout", type=click.IntRange(1, 3600), default=60, show_default=True, metavar="SECONDS", help="Deadline for the whole exchange with the SMTP server (connect, log in, send).")
@click.option("--smtp-user", metavar="USER", help="Log in as USER; the password is read from the environment variable DIGEST_SMTP_PASSWORD (never from the command line).")
@click.option("--eml", "eml", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE", help="Write the message to FILE (.eml) instead of sending it.")
@BRIEFING_OPTIONS
@PAGE_OPTIONS
@TEMPLATES
@ARCHIVE
@NO_ARCHIVE
def mail_command(inputs, to, sender, subject, smtp_host, smtp_port, starttls, use_ssl, smtp_timeout, smtp_user, eml, archive, no_archive, **briefing) -> None:
    """Build the briefing from INPUTS (default: seeds/) and send it as one e-mail.

    The message holds the briefing as text and as HTML (CSS inlined for mail clients),
    with the PDF attached. The server is connected to (and logged in to) first, then the
    briefing built, then the message sent once, in one SMTP transaction, never retried."""
    from . import mail

    if starttls and use_ssl:
        # One set in digest.toml, the other on the command line: the command line wins.
        given = {name for name in ("starttls", "use_ssl") if click.get_current_context().get_parameter_source(name) == click.core.ParameterSource.COMMANDLINE}
        if len(given) != 1:
            raise DigestError("--starttls/--ssl", "give one or the other, not both")
        starttls, use_ssl = "starttls" in given, "use_ssl" in given
    from .archive import default_path

    # The briefing `digest build` makes: recorded into the archive, 与上周相比 from it.
    config = _briefing_config(inputs, **briefing, archive=None if no_archive else archive or default_path())
    mail.parse_addresses(to, "recipient address")
    if sender is None and smtp_user and "@" in smtp_user:
        sender = smtp_user
    if sender is not None:
        mail.parse_address(sender, "sender address")
    settings = None
    if eml is None:
        if not to:
            raise DigestError("--to", "give at least one recipient address (or write the message to a file with --eml FILE)")
        security = "starttls" if starttls else "ssl" if use_ssl else "plain"
        settings = mail.smtp_settings(smtp_host, smtp_port, security, smtp_user, timeout=smtp_timeout)

    skipped: list[DigestError] = []

    def message():
        from .pipeline import build_briefing
        from .render import Renderer, environment, pdf_page_count
        from .select import budget_note

        built, left_out = build_briefing(config)
        skipped.extend(left_out)
        made = mail.build_message(built, Renderer(environment(config.templates_dir)), list(to), sender, subject)
        over = budget_note(built, pdf_page_count(mail.attached_pdf(made)))
        clipped = mail.clip_note(made)
        for note in [*built.notes, *(n for n in (over, clipped) if n is not None)]:
            click.echo(f"digest: note: {printable(note)}", err=True)
        return made

    if settings is None:
        _echo(printable(str(mail.write_eml(message(), eml))))
        _exit_if_skipped(skipped)
        return
    # Connect and log in before building: a dead server or a wrong password is reported in a
    # second, not after the briefing and its PDF took seconds to make.
    with mail.Session(settings) as session:
        accepted = session.send(message())
    _echo(f"sent to {', '.join(accepted)} via {settings.address}")
    _exit_if_skipped(skipped)


# --- digest archive, search, trends: the archive of every processed issue (library: digest/archive/) ---


@main.group("archive")
def archive_group() -> None:
    """The archive of every processed issue and article (SQLite), which search and trends read."""


@archive_group.command("add")
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@SENTENCES
@RANKER
@click.option("--themes", "themes_file", type=click.Path(dir_okay=False, path_type=Path), help="themes.toml to use instead of the shipped one.")
@click.option("--places", "places_file", type=click.Path(dir_okay=False, path_type=Path), help="places.toml to use instead of the shipped gazetteer.")
@click.option("--date", "issue_date", type=DAY, help="Date of issues whose masthead and file name carry none.")
@SKIP_BAD
@JOBS
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), help="Keep processed issues here between runs. Default: $XDG_CACHE_HOME/digest (~/.cache/digest).")
@click.option("--no-cache", is_flag=True, help="Process every issue; read and write no cache.")
@ARCHIVE
def archive_add(inputs, sentences, ranker, themes_file, places_file, issue_date, skip_bad, jobs, cache_dir, no_cache, archive) -> None:
    """Process INPUTS (issue files or folders) as `digest build` does and record them into the
    archive, without composing a briefing."""
    from .archive import default_path
    from .cache import CacheStats, default_dir
    from .pipeline import build_notes, process_inputs

    config = BuildConfig(
        inputs=list(inputs),
        formats=(),  # no briefing is written (so no PDF library is loaded while workers run)
        sentences=sentences,
        ranker=ranker,
        themes_file=themes_file,
        places_file=places_file,
        date=issue_date and issue_date.date(),
        skip_bad=skip_bad,
        jobs=jobs,
        cache_dir=None if no_cache else cache_dir or default_dir(),
        archive=archive or default_path(),
        progress=sys.stderr.isatty(),
    )
    stats = CacheStats()
    issues, skipped, _, _ = process_inputs(config, stats)
    if stats.refused:
        click.echo(f"digest: warning: {stats.refused}", err=True)
    recorded = stats.archive
    _echo(f"{config.archive}: {len(issues)} issue{'' if len(issues) == 1 else 's'}: {recorded.added} added, {recorded.replaced} replaced, {recorded.unchanged} unchanged")
    for note in build_notes(issues):
        click.echo(f"digest: note: {printable(note)}", err=True)
    _exit_if_skipped(skipped)


def _day(value) -> dt.date | None:
    return value and value.date()


@main.command(cls=_QueryCommand)
@click.argument("query", nargs=-1, required=True)
@click.option("--since", type=DAY, help="Only articles dated on or after this day.")
@click.option("--until", type=DAY, help="Only articles dated on or before this day.")
@click.option("--paper", help="Only articles of this paper, e.g. 吕梁日报.")
@click.option("--county", help="Only articles naming this county-level division, e.g. 孝义市.")
@click.option("--theme", help="Only articles of this section of the briefing: a theme of Lüliang articles (e.g. 能源转型), 省内动态 or 国内.")
@click.option("--kind", type=click.Choice(KINDS), help="Only articles of this kind.")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="At most this many hits.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array, an object per hit.")
@ARCHIVE
def search(query, since, until, paper, county, theme, kind, limit, as_json, archive) -> None:
    """Find archived articles holding every word of QUERY (e.g. 氢能 or "孝义 公交"), best first."""
    import os

    from .archive import default_path
    from .archive.search import Filters, hits_json
    from .archive.search import search as run_search

    filters = Filters(since=_day(since), until=_day(until), paper=paper, county=county, theme=theme, kind=kind)
    hits = run_search(archive or default_path(), " ".join(query), filters, limit)
    if as_json:
        _echo(hits_json(hits))
        return
    if not hits:
        from .archive.search import unmatched_filters

        # Not "holds no 氢能" when a filter is why: `--county 孝义` (for 孝义市) matched nothing.
        why = unmatched_filters(archive or default_path(), filters)
        narrowed = [f"--{name} {value}" for name, value in (("since", since and since.date()), ("until", until and until.date()), ("paper", paper),
                                                              ("county", county), ("theme", theme), ("kind", kind)) if value]
        said = f"no archived article holds {' '.join(query)}" + (f" with {' '.join(narrowed)}" if narrowed else "") + "".join(f"; {w}" for w in why)
        click.echo(f"digest: {printable(said)}", err=True)
    color = False if os.environ.get("NO_COLOR") else None
    # What the archive holds is printed escaped: an archive file from elsewhere may hold anything.
    for number, hit in enumerate(hits, 1):
        where = " ".join(filter(None, [hit.paper, hit.date or "（日期不详）", hit.page and f"第{hit.page}版"]))
        _echo(click.style(printable(f"{number}. {hit.title or '（无题）'}"), bold=True) + printable(f"  [{hit.id}]"), color=color)
        _echo(click.style(printable(f"   {where} · {KIND_LABELS.get(hit.kind, hit.kind)} · {hit.theme}"), dim=True), color=color)
        _echo(printable(f"   {hit.snippet}"))


def _svg_name(path: Path | None) -> Path | None:
    """--chart's file: the chart is SVG whatever the name, so a name that is not FILE.svg
    (`x.png`, `x.txt`, a typo) is refused before anything is written."""
    if path is not None and path.suffix.lower() != ".svg":
        raise click.BadParameter(f"{printable_name(str(path))}: the chart is SVG: name it FILE.svg")
    return path


@main.command()
@click.option("--weeks", type=click.IntRange(1, 1000), help="The last N ISO weeks up to the newest archived one. Default: 12, none before the archive's first.")
@click.option("--since", type=DAY, help="From the ISO week of this day.")
@click.option("--until", type=DAY, help="To the ISO week of this day.")
@click.option("--by", type=click.Choice(["theme", "county", "paper"]), default="theme", show_default=True, help="Count per section of the briefing (a theme, 省内动态, 国内), per county, or per paper.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON keyed by ISO week (2025-W15).")
@click.option("--chart", "chart_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.svg", callback=lambda ctx, param, value: _svg_name(value), help="Also write the trends as an SVG chart to FILE.svg.")
@ARCHIVE
def trends(weeks, since, until, by, as_json, chart_file, archive) -> None:
    """Archived articles per ISO week, by theme, county or paper."""
    from .archive import default_path
    from .archive.trends import table
    from .archive.trends import trends as count_trends
    from .chart import weekly_chart
    from .deliver import write_atomic
    from .enrich import PLACE_SECTIONS, load_gazetteer, load_themes

    if weeks and (since or until):
        raise click.BadParameter("give --weeks or --since/--until, not both", param_hint="--weeks")
    order = {"theme": lambda: [*load_themes(None).names, *PLACE_SECTIONS], "county": lambda: load_gazetteer(None).counties, "paper": list}[by]()
    result = count_trends(archive or default_path(), by, weeks=weeks, since=_day(since), until=_day(until), order=order)
    if chart_file is not None:
        labels = {"theme": "各主题", "county": "各县（市、区）", "paper": "各报刊"}
        svg = weekly_chart(result.weeks, result.series, label=f"{labels[by]}每周稿件数")
        if not svg:
            raise DigestError(str(chart_file), "nothing to draw: no dated article in the archive for that period")
        write_atomic(chart_file, svg.encode("utf-8"))
    if as_json:
        _echo(json_controls_escaped(json.dumps(result.as_json(), ensure_ascii=False, indent=2)))
    else:
        for line in table(result):
            _echo(printable(line))
    if chart_file is not None:
        _echo(printable(str(chart_file)), err=as_json)
