"""The `digest` command: parses options and calls the library, nothing more."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .config import DEFAULT_TITLE, BuildConfig
from .errors import DigestError
from .render import FORMATS
from .summarize import DEFAULT_RANKER, RANKERS


def _fail(error: Exception) -> None:
    click.echo(f"digest: error: {error}", err=True)
    sys.exit(1)


class _Group(click.Group):
    """Turns our errors into one line on stderr and exit status 1, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DigestError as error:
            _fail(error)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="digest")
def main() -> None:
    """Weekly briefings of Lüliang news from raw e-paper text."""


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path())
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("output"), show_default=True, help="Folder to write the briefing to.")
@click.option("-f", "--format", "formats", type=click.Choice(FORMATS), multiple=True, help="Output format; repeat for several. Default: all four.")
@click.option("--title", default=DEFAULT_TITLE, show_default=True, help="The briefing's title.")
@click.option("--sentences", type=click.IntRange(1, 20), default=3, show_default=True, help="Key sentences per article.")
@click.option("--ranker", type=click.Choice(sorted(RANKERS)), default=DEFAULT_RANKER, show_default=True, help="How key sentences are ranked.")
@click.option("--themes", "themes_file", type=click.Path(dir_okay=False, path_type=Path), help="themes.toml to use instead of the shipped one.")
@click.option("--places", "places_file", type=click.Path(dir_okay=False, path_type=Path), help="places.toml to use instead of the shipped gazetteer.")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), help="Folder of templates overriding the shipped ones by name.")
@click.option("--skip-bad", is_flag=True, help="Skip unreadable inputs, list them, still exit non-zero.")
def build(inputs, out_dir, formats, title, sentences, ranker, themes_file, places_file, templates_dir, skip_bad) -> None:
    """Build the weekly briefing from INPUTS (issue files or folders; default: seeds/)."""
    from .pipeline import build as run_build

    config = BuildConfig(
        inputs=list(inputs) or ["seeds"],
        out_dir=out_dir,
        formats=tuple(dict.fromkeys(formats)) or FORMATS,
        title=title,
        sentences=sentences,
        ranker=ranker,
        themes_file=themes_file,
        places_file=places_file,
        templates_dir=templates_dir,
        skip_bad=skip_bad,
    )
    result = run_build(config)
    for path in result.written:
        click.echo(str(path))
    for error in result.skipped:
        click.echo(f"digest: skipped: {error}", err=True)
    if result.skipped:
        sys.exit(1)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--ranker", type=click.Choice(sorted(RANKERS)), default=DEFAULT_RANKER, show_default=True, help="How key sentences are ranked.")
@click.option("--sentences", type=click.IntRange(1, 20), default=3, show_default=True, help="Key sentences per article.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array, an object per file.")
def summarize(files, ranker, sentences, as_json) -> None:
    """Summarize plain article files, one article per file."""
    from .summarize.files import summarize_files

    results = summarize_files(list(files), ranker, sentences)
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
        return
    for result in results:
        click.echo(f"== {result['source']}")
        for sentence in result["summary"]:
            click.echo(f"- {sentence}")
        if result["keywords"]:
            click.echo(f"关键词：{'、'.join(result['keywords'])}")
