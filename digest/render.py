"""Render a `Briefing` as Markdown, HTML, PDF and JSON.

Templates are looked up by name, first in the user's folder (`--templates`), then in the
templates shipped with the package, so a folder holding one template overrides only that one.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import posixpath
import traceback
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup

from .chart import theme_chart
from .errors import CONTROLS, DigestError, Translation, json_controls_escaped, without_controls
from .limits import memory_budget, run_bounded
from .dates import date_label, in_brackets
from .model import KIND_LABELS, Article, Briefing, Issue, generated_title_note
from .note import note_html
from .provenance import article_provenance, issue_provenance
from .reading import read_bounded

TEMPLATE_FOR = {"md": "briefing.md.j2", "html": "briefing.html.j2", "pdf": "briefing.pdf.html.j2"}
CN_DIGITS = "〇一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 23 → 二十三 (1 to 99), for 一、二、 section numbers."""
    if not 0 < n < 100:
        return str(n)
    tens, units = divmod(n, 10)
    return ("" if tens == 0 else "十" if tens == 1 else CN_DIGITS[tens] + "十") + ("" if units == 0 else CN_DIGITS[units])


class BoundedLoader(jinja2.FileSystemLoader):
    """FileSystemLoader reading through `read_bounded`: a template that is a FIFO, a device or
    too large is a one-line error, not a hang (a name that exists in the user's folder in any
    form is that folder's, so it is never silently replaced by the shipped one)."""

    def get_source(self, environment: jinja2.Environment, template: str):
        pieces = split_template_path(template)
        for searchpath in self.searchpath:
            filename = posixpath.join(searchpath, *pieces)
            if os.path.lexists(filename):
                break
        else:
            raise jinja2.TemplateNotFound(template)
        # What a template holds is printed, and may be mailed: a link in a folder someone else
        # wrote must not make a template of any file this user can read (~/.ssh/id_rsa).
        real, folder = os.path.realpath(filename), os.path.realpath(searchpath)
        if os.path.commonpath([real, folder]) != folder:
            raise DigestError(filename, f"template links out of its folder (to {real}): not read")
        try:
            source = read_bounded(filename, "template").decode("utf-8")
        except UnicodeDecodeError:
            raise DigestError(filename, "template is not UTF-8 text") from None
        return source, os.path.normpath(filename), lambda: True


# In Markdown, content is text: `<` would open raw HTML (`<script>`, `<a href=javascript:…>`)
# and `[…](…)` a link. `&lt;` is text to every Markdown reader; the rest take a backslash.
# Controls go too (errors.CONTROLS): content lost them at ingest (and said so), but a title from
# --title or a settings file, a theme's name or an editor's retitle are not content. Every value
# is one line: a newline in one (a file name `a\n## b.txt`) would start a heading of its own.
_MARKDOWN_TEXT = Translation(str.maketrans({"\\": "\\\\", "[": "\\[", "]": "\\]", "<": "&lt;", **CONTROLS, "\n": " "}))
# The mail's text part is read as plain text, where nothing becomes a link or HTML: values as
# they are, still without controls and on one line each.
_PLAIN_TEXT = Translation(str.maketrans({**CONTROLS, "\n": " "}))


@jinja2.pass_context
def _markdown_text(context: jinja2.runtime.Context, value):
    """What `{{ … }}` writes: in a Markdown template (`*.md.j2`) every string is made text, as
    HTML templates escape theirs; Markup (`| safe`, the editor's own Markdown note) is kept.
    In every format no control character is written (an ESC in a title would drive the
    terminal a Markdown file is printed to). The mail's text part (`mail`) is plain text: a
    Markdown template's strings are written as they are there, `[`, `]`, `\\`, `<` unescaped."""
    if not isinstance(value, str):
        return value
    if isinstance(value, Markup):
        return Markup(without_controls(value))
    if not (context.name or "").endswith(".md.j2"):
        return without_controls(value)
    return (_PLAIN_TEXT if context.get("mail") else _MARKDOWN_TEXT)(value)


def environment(user_dir: Path | None = None) -> jinja2.Environment:
    """Templates come from a folder anyone may have written (the current folder's digest.toml
    names it), so they run in Jinja2's sandbox: no attribute that leads to code (`__init__`,
    `__globals__` …) and no method that changes the data."""
    shipped = resources.files("digest.templates")
    loaders: list[jinja2.BaseLoader] = []
    if user_dir is not None:
        if not Path(user_dir).is_dir():
            raise DigestError(str(user_dir), "no such templates folder")
        loaders.append(BoundedLoader(str(user_dir)))
    loaders.append(BoundedLoader(str(shipped)))
    env = _BoundedSandbox(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        finalize=_markdown_text,
    )
    env.user_folder = user_dir  # (Renderer bounds a user's templates in a child process)
    env.filters["kind_label"] = lambda kind: KIND_LABELS.get(kind, kind)
    env.filters["cn_number"] = cn_number
    env.filters["generated_title_note"] = generated_title_note
    env.filters["issue_provenance"] = issue_provenance
    env.filters["date_label"] = lambda issue: date_label(issue.date, issue.month_day)
    env.filters["in_brackets"] = in_brackets
    return env


def in_date_order(issues: list[Issue]) -> list[Issue]:
    """The issues as a reader lists them: by date (undated last), then paper and file. The input's
    order is its files' names, which say nothing of the date when they are hashes or page scans;
    the JSON keeps that order, with each issue's date."""
    return sorted(issues, key=lambda issue: (issue.date is None, issue.date.isoformat() if issue.date else "", issue.paper or "", issue.source))


@dataclass
class Renderer:
    env: jinja2.Environment

    def context(self, briefing: Briefing) -> dict:
        sections = [s for s in briefing.sections if s.articles]
        return {
            "briefing": briefing,
            "title": briefing.title,
            "period": briefing.period,
            "issues": in_date_order(briefing.issues),
            "sections": sections,
            "articles": briefing.articles,
            "top_stories": briefing.top_stories,
            "counties": briefing.counties,
            "figures": briefing.figures,
            "by_id": {a.id: a for a in briefing.articles},
            # The editor's note (编者按): Markdown as written, and as HTML (digest/note.py), safe to insert.
            "note": briefing.note,
            "note_html": note_html(briefing.note),
            "kind_labels": KIND_LABELS,
            "full": briefing.pages is None,  # --full: every article printed with its key sentences
            # `吕梁日报 2025-05-13 第2版` for an article (digest/provenance.py), as every template shows it.
            "provenance": lambda article: article_provenance(article, briefing.issues),
            # Articles per section as inline SVG markup (digest/chart.py), safe to insert unescaped.
            "theme_chart": Markup(theme_chart(sections)),
            # 与上周相比 (digest/archive/compare.py): None unless the archive holds the week before.
            "last_week": briefing.last_week,
            "dropped": briefing.dropped,  # articles the editor's edits dropped
            # True in the mail's parts (digest/mail.py): the HTML part is the briefing without
            # 全部稿件 (a week's full texts made it megabytes; Gmail clips past 102 KB) and without
            # links within it, and the text part is plain text, not Markdown escaped.
            "mail": False,
        }

    def render_template(self, fmt: str, briefing: Briefing, **overrides) -> str:
        """Render one format's template; `overrides` replace context variables (the e-mail drops the chart).

        With a user's folder (`--templates`: code from a folder anyone may have written) the
        templates are compiled and rendered in a forked child held to MEMORY_BUDGET more bytes
        and TEMPLATE_CPU seconds (limits.run_bounded): the sandbox bounds what one expression
        may reach, not how long the template runs (`range` is bounded, two nested ones are 10^10
        turns), and Jinja folds a filter of constants while compiling (`'ab' | center(3000000000)`,
        made before any rendering). The shipped templates render here, as fast as before (a
        child costs 0.05-0.1 s a format)."""
        name = TEMPLATE_FOR[fmt]
        context = {**self.context(briefing), **overrides}
        if self.env.user_folder is None:
            return self._render(name, context)
        return run_bounded(lambda: self._render(name, context), self._filename(name), "template error: rendering it", cpu=TEMPLATE_CPU)

    def _filename(self, name: str) -> str:
        """The file `name` is read from (the user's folder first), for a message; else `name`."""
        try:
            return self.env.loader.get_source(self.env, name)[1]
        except Exception:  # (a missing or unreadable template is said when compiling it)
            return name

    def _render(self, name: str, context: dict) -> str:
        try:
            with memory_budget():
                template = self.env.get_template(name)
                text = template.render(**context)
        except jinja2.TemplateSyntaxError as error:
            raise DigestError(f"{error.filename or error.name or name}:{error.lineno}", f"template error: {error.message}") from None
        except jinja2.TemplateNotFound as error:  # (TemplatesNotFound too) names are looked up in the template folders only
            raise DigestError(_where(error, name), f"template error: no template named {' or '.join(map(repr, error.templates)) or '(an empty list)'} (looked up by name in the --templates folder, then among the shipped ones)") from None
        except jinja2.TemplateError as error:  # a missing variable, an unsafe attribute (the sandbox)
            raise DigestError(_where(error, name), f"template error: {error.message or error}") from None
        except RecursionError as error:
            raise DigestError(_where(error, name), "template error: templates include or call each other without end") from None
        except (MemoryError, OverflowError) as error:  # past the memory budget, Jinja's range past its bound
            raise DigestError(_where(error, name), f"template error: it asks for too much ({type(error).__name__})") from None
        except (ArithmeticError, ValueError, TypeError) as error:  # `1 / 0`, an int too long to print, `'a' - 1`
            raise DigestError(_where(error, name), f"template error: {error or type(error).__name__}") from None
        if len(text) > MAX_OUTPUT:
            raise DigestError(template.filename or name, f"template output too large: {len(text):,} characters (the limit is {MAX_OUTPUT:,})")
        return text

    def render(self, fmt: str, briefing: Briefing) -> bytes:
        if fmt == "json":
            return to_json(briefing).encode("utf-8")
        if fmt == "pdf":
            html = self.render_template("pdf", briefing)
            # WeasyPrint has no bound of its own (a template's 64 MB of HTML would take hours and
            # far more memory), and GLib aborts the process when memory runs out: a child's work.
            return run_bounded(lambda: html_to_pdf(html), "PDF", "making the PDF", memory=PDF_MEMORY, cpu=PDF_CPU, prepare=_fonts_ready)
        return self.render_template(fmt, briefing).encode("utf-8")


TEMPLATE_CPU = 120  # seconds of CPU to compile and render one format's user templates: the shipped ones take 0.04-0.07 s for 295 articles --full
MAX_OUTPUT = 64 * 1024 * 1024  # characters one template may write: a week's briefing is a few hundred thousand
PDF_MEMORY = 2 * 1024 * 1024 * 1024  # bytes making the PDF may add: a 190-page --full week takes WeasyPrint well under
PDF_CPU = 600  # seconds of CPU for the PDF: that week's took 42 s


class _BoundedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox, with `*` and `**` bounded: a user's template can make a string or list no
    longer than MAX_REPEAT items by repetition (`{{ 'x' * 100000000 }}` would take gigabytes) and
    raise to no power above MAX_EXPONENT. Jinja's own sandbox already bounds `range`."""

    intercepted_binops = frozenset({"*", "**"})
    MAX_REPEAT = 1_000_000
    MAX_EXPONENT = 1_000
    MAX_POWER_BITS = 1_000_000  # `((2 ** 1000) ** 1000) ** 100`: each exponent small, the number not

    def call_binop(self, context, operator, left, right):
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * times > self.MAX_REPEAT:
                    raise SecurityError(f"a repetition of more than {self.MAX_REPEAT:,} items")
        elif operator == "**" and isinstance(right, (int, float)) and abs(right) > self.MAX_EXPONENT:
            raise SecurityError(f"a power above {self.MAX_EXPONENT:,}")
        elif operator == "**" and isinstance(left, int) and isinstance(right, int) and left.bit_length() * right > self.MAX_POWER_BITS:
            raise SecurityError(f"a power of more than {self.MAX_POWER_BITS:,} bits")
        return super().call_binop(context, operator, left, right)


def _where(error: BaseException, name: str) -> str:
    """`path/to/template.j2:LINE` of the innermost template frame of the error (Jinja2 rewrites
    its tracebacks to point into the templates), else the format's template name."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename.endswith(".j2")]
    return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else name


def _weasyprint_html():
    """WeasyPrint's HTML class, imported here: WeasyPrint loads Pango at import, which only PDF
    output needs. When Pango is missing it prints a banner, kept off stdout (one line says it)."""
    with contextlib.redirect_stdout(io.StringIO()):
        from weasyprint import HTML
    return HTML


def preload_pdf() -> None:
    """Import WeasyPrint ahead of `html_to_pdf`, for a process that has time to spare (the main
    process while worker processes cut the issues). A library that cannot load is left for
    `html_to_pdf` to report: a failed import is tried again there."""
    with contextlib.suppress(OSError, ImportError):
        _weasyprint_html()


def _fonts_ready() -> None:
    """Fontconfig set up, in the PDF's child before its memory budget: Pango sets it up in a thread
    of its own, and fontconfig that cannot allocate its configuration tries again for ever
    (FcConfigEnsure), so a budget met there spun the child until its CPU budget ended it (600 s).
    A library that cannot load is left for `html_to_pdf` to report."""
    with contextlib.suppress(OSError, ImportError):
        _weasyprint_html()
        from weasyprint.text.fonts import FontConfiguration

        FontConfiguration()  # waits for Pango's set-up thread


def html_to_pdf(html: str) -> bytes:
    try:
        HTML = _weasyprint_html()
    except OSError as error:  # Pango or HarfBuzz missing on this machine
        raise DigestError("PDF", f"WeasyPrint cannot load its libraries ({error}); install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0") from None
    # Only `data:` URLs are fetched. The shipped templates name no file or URL (the chart is
    # inline SVG, fonts come from fontconfig); a user's template naming one would put it in the
    # PDF that `digest mail` attaches (`<link rel="attachment" href="file:///etc/passwd">` embeds
    # the file) or reach out to a host. WeasyPrint leaves out what it is refused.
    from weasyprint.urls import URLFetcher

    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()


def pdf_page_count(pdf: bytes) -> int | None:
    """The pages of a PDF digest made, for the page budget's note (pipeline.build, the mail);
    None when PDFium cannot read it: a note is no reason to fail the briefing. Counted in a
    forked child, as every PDF is read: PDFium keeps its last error for the process (a file it
    refuses later may be told that error, digest/pdf/pdfium.py), so this one never loads it."""

    def count() -> int | None:
        import pypdfium2

        try:
            document = pypdfium2.PdfDocument(pdf)
        except pypdfium2.PdfiumError:
            return None
        try:
            return len(document)
        finally:
            document.close()

    return run_bounded(count, "PDF", "counting its pages")


def article_json(article: Article, selected: bool = True) -> dict:
    return {
        "id": article.id,
        "selected": selected,
        "source": article.source,
        "sources": article.sources,
        "paper": article.paper,
        "page": article.page,
        "title": article.title,
        "title_generated": article.title_generated,
        "subtitle": article.subtitle,
        "kicker": article.kicker,
        "dateline": article.dateline,
        "signature": article.signature,
        "kind": article.kind,
        "byline": article.byline,
        "provenance": article_provenance(article),
        "date": article.date.isoformat() if article.date else None,
        "month_day": article.month_day,
        "date_source": article.date_source,
        "date_evidence": article.date_evidence,
        "position": article.position,
        "continued": article.continued,
        "places": article.places,
        "counties": article.counties,
        "lvliang": article.lvliang,
        "theme": article.theme,
        "theme_terms": article.theme_terms,
        "summary": [s.text for s in article.summary],
        "key_sentences": [{"text": s.text, "position": s.position, "score": s.score} for s in article.summary],
        "keywords": article.keywords,
        "text": article.text,
    }


def issue_json(issue: Issue) -> dict:
    return {
        "source": issue.source,
        "paper": issue.paper,
        "date": issue.date.isoformat() if issue.date else None,
        "month_day": issue.month_day,
        "date_source": issue.date_source,
        "date_rule": issue.date_rule,
        "date_evidence": issue.date_evidence,
        "pages": [page.masthead.page for page in issue.pages if page.masthead and page.masthead.page is not None],
        "encoding": issue.encoding,
        "unassigned": [{"text": u.text, "reason": u.reason} for u in issue.unassigned],
    }


def to_json(briefing: Briefing) -> str:
    data = {
        "title": briefing.title,
        "period": briefing.period or None,
        "generated_from": [issue_json(issue) for issue in briefing.issues],
        "note": briefing.note or None,
        "top_stories": [a.id for a in briefing.top_stories],
        "themes": [{"name": s.name, "articles": [a.id for a in s.articles]} for s in briefing.sections],
        "counties": briefing.counties,
        "figures": [{"text": f.text, "value": f.value, "unit": f.unit, "sentence": f.sentence, "article": f.article} for f in briefing.figures],
        "articles": [article_json(a, a.id in briefing.selected) for a in briefing.articles],
    }
    if briefing.last_week is not None:  # only then: without it the JSON is byte for byte as before
        data["last_week"] = briefing.last_week.as_json()
    return json_controls_escaped(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
