"""`digest mail` against a real SMTP server (aiosmtpd on 127.0.0.1, an ephemeral port).

PDF rendering takes seconds, so the briefing and its PDF are built once: the end-to-end test
runs the whole command unpatched; the error tests reuse the built briefing and PDF.
"""

from __future__ import annotations

import ast
import email
import email.policy
import shutil
import socket
import ssl
import subprocess
import threading
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from click.testing import CliRunner

import digest.pipeline
import digest.render
from digest import mail
from digest.cli import main
from digest.config import BuildConfig
from digest.dates import in_brackets
from digest.errors import DigestError
from digest.pipeline import build_briefing
from digest.render import Renderer, environment

from conftest import SEEDS, one_line_error, seed

SENDER = "吕梁日报编辑部 <desk@example.cn>"


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes


@dataclass
class Recorder:
    """An aiosmtpd handler that keeps every message and can refuse chosen recipients."""

    refuse: set[str] = field(default_factory=set)
    messages: list[Received] = field(default_factory=list)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 Message accepted for delivery"


class EphemeralController(Controller):
    """aiosmtpd 1.4 cannot listen on port 0 by itself: read the port the OS chose before the
    controller's first self-test connection."""

    def __init__(self, handler, **kwargs):
        super().__init__(handler, hostname="127.0.0.1", port=0, **kwargs)

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@pytest.fixture
def smtp_server():
    handler = Recorder()
    controller = EphemeralController(handler)
    controller.start()
    try:
        yield controller, handler
    finally:
        controller.stop()


@pytest.fixture
def auth_server():
    """A server that offers AUTH on a plain connection and turns every login down."""

    def reject(server, session, envelope, mechanism, auth_data):
        return AuthResult(success=False, handled=False)

    handler = Recorder()
    controller = EphemeralController(handler, authenticator=reject, auth_require_tls=False)
    controller.start()
    try:
        yield controller, handler
    finally:
        controller.stop()


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1, made with the openssl command."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return cert, context


@pytest.fixture
def tls_servers(certificate):
    """A STARTTLS server and an implicit-TLS server, both wanting login editor/secret."""
    _, context = certificate
    logins = []

    def check(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=(auth_data.login, auth_data.password) == (b"editor", b"secret"))

    handler = Recorder()
    starttls = EphemeralController(handler, tls_context=context, authenticator=check)
    implicit = EphemeralController(handler, ssl_context=context, authenticator=check, auth_require_tls=False)
    starttls.start()
    implicit.start()
    try:
        yield starttls, implicit, handler, logins
    finally:
        starttls.stop()
        implicit.stop()


@pytest.fixture
def free_port() -> int:
    """A port nobody listens on (bound then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def dated_input(tmp_path_factory):
    """One small seed issue, under a dated name so that the briefing has a period."""
    folder = tmp_path_factory.mktemp("issues")
    shutil.copy(seed("000"), folder / "2025-04-07.txt")
    return folder


@pytest.fixture(scope="module")
def built(dated_input):
    """The briefing, and the one message built from it (its PDF is reused below)."""
    briefing, _ = build_briefing(BuildConfig(inputs=[str(dated_input)]))
    message = mail.build_message(briefing, Renderer(environment()), ["a@example.cn"], SENDER)
    pdf = message.get_payload()[1].get_content()
    return briefing, message, pdf


@pytest.fixture
def quick(built, monkeypatch):
    """Make the CLI reuse the built briefing and PDF instead of building them again."""
    briefing, _, pdf = built
    monkeypatch.setattr(digest.pipeline, "build_briefing", lambda config: (briefing, []))
    monkeypatch.setattr(digest.render, "html_to_pdf", lambda html: pdf)


def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # click 8.1; later versions always keep stderr apart
    except TypeError:
        return CliRunner()


def run(*args, env=None):
    return runner().invoke(main, ["mail", *map(str, args)], env=env)


def parse(data: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(data, policy=email.policy.default)


def check_briefing_message(message: email.message.EmailMessage, title: str) -> None:
    assert message.get_content_type() == "multipart/mixed"
    alternative, attachment = message.get_payload()
    assert alternative.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in alternative.get_payload()] == ["text/plain", "text/html"]

    text = message.get_body(("plain",)).get_content()
    assert text.startswith(f"# {title}")

    html = message.get_body(("html",)).get_content()
    assert "<style" not in html.lower()
    assert "<link" not in html.lower()
    assert '<h1 style="' in html and f">{title}</h1>" in html
    assert "color:#b42318" in html

    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "briefing-2025-04-07.pdf"
    assert attachment.get_content_disposition() == "attachment"
    assert attachment.get_content().startswith(b"%PDF")


# --- end to end -----------------------------------------------------------------------


def test_mail_arrives_once_with_text_html_and_pdf(smtp_server, dated_input, built):
    controller, handler = smtp_server
    result = run(
        dated_input,
        "--to", "张三 <zhang@example.cn>", "--to", "li@example.cn",
        "--from", SENDER,
        "--smtp-host", controller.hostname, "--smtp-port", controller.port,
    )
    assert result.exit_code == 0, result.output
    assert f"via 127.0.0.1:{controller.port}" in result.stdout

    assert len(handler.messages) == 1
    received = handler.messages[0]
    assert received.mail_from == "desk@example.cn"
    assert received.rcpt_tos == ["zhang@example.cn", "li@example.cn"]
    assert received.content.isascii()  # the Chinese headers are RFC 2047 encoded
    message = parse(received.content)
    assert message["Subject"] == "吕梁要闻周报（2025年4月7日）"
    assert message["From"].addresses[0].display_name == "吕梁日报编辑部"
    assert [a.addr_spec for a in message["To"].addresses] == ["zhang@example.cn", "li@example.cn"]
    assert message["Message-ID"] and message["Date"]
    check_briefing_message(message, "吕梁要闻周报")
    # The PDF that arrived is the PDF the renderer makes for this briefing.
    assert message.get_payload()[1].get_content() == built[2]


def test_build_message_parts(built):
    briefing, message, pdf = built
    check_briefing_message(parse(mail.message_bytes(message)), briefing.title)
    assert message["Subject"] == mail.default_subject(briefing) == "吕梁要闻周报（2025年4月7日）"


def test_subject_and_title_options(smtp_server, dated_input, quick):
    controller, handler = smtp_server
    result = run(
        dated_input, "--to", "a@example.cn", "--subject", "本周 要闻\n摘要",
        "--smtp-host", controller.hostname, "--smtp-port", controller.port,
    )
    assert result.exit_code == 0, result.output
    assert parse(handler.messages[0].content)["Subject"] == "本周 要闻 摘要"


def test_eml_writes_a_parseable_message_and_sends_nothing(tmp_path, dated_input, quick, smtp_server):
    _, handler = smtp_server
    out = tmp_path / "out" / "briefing.eml"
    result = run(dated_input, "--eml", out, "--to", "a@example.cn", "--from", SENDER)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    assert [p.name for p in out.parent.iterdir()] == ["briefing.eml"]  # no temporary left
    message = parse(out.read_bytes())
    assert message["Subject"] == "吕梁要闻周报（2025年4月7日）"
    check_briefing_message(message, "吕梁要闻周报")
    assert handler.messages == []


def test_eml_needs_no_recipient(tmp_path, dated_input, quick):
    out = tmp_path / "draft.eml"
    result = run(dated_input, "--eml", out, "--from", SENDER)
    assert result.exit_code == 0, result.output
    message = parse(out.read_bytes())
    assert message["To"] is None
    check_briefing_message(message, "吕梁要闻周报")


# --- errors ---------------------------------------------------------------------------


def test_missing_to_when_sending(dated_input):
    error = one_line_error(run(dated_input, "--smtp-host", "127.0.0.1"))
    assert "--to" in error


def test_missing_host_when_sending(dated_input):
    error = one_line_error(run(dated_input, "--to", "a@example.cn"))
    assert "--smtp-host" in error


def test_bad_address(dated_input):
    error = one_line_error(run(dated_input, "--to", "not-an-address", "--smtp-host", "127.0.0.1"))
    assert "not-an-address: not a valid recipient address" in error


def test_starttls_and_ssl_together(dated_input):
    error = one_line_error(run(dated_input, "--to", "a@example.cn", "--smtp-host", "h", "--starttls", "--ssl"))
    assert "--starttls" in error


def test_user_without_password_in_environment(dated_input):
    result = run(dated_input, "--to", "a@example.cn", "--smtp-host", "h", "--smtp-user", "u", env={mail.PASSWORD_ENV: None})
    assert mail.PASSWORD_ENV in one_line_error(result)


def test_password_is_documented_and_not_an_option():
    result = runner().invoke(main, ["mail", "--help"])
    assert mail.PASSWORD_ENV in " ".join(result.output.split())
    assert "--password" not in result.output and "--smtp-password" not in result.output


def test_connection_refused(free_port, dated_input, quick):
    error = one_line_error(run(dated_input, "--to", "a@example.cn", "--smtp-host", "127.0.0.1", "--smtp-port", free_port))
    assert f"127.0.0.1:{free_port}" in error
    assert "connection refused" in error


def test_failed_login(auth_server, dated_input, quick):
    controller, handler = auth_server
    result = run(
        dated_input, "--to", "a@example.cn", "--from", SENDER,
        "--smtp-host", controller.hostname, "--smtp-port", controller.port, "--smtp-user", "editor",
        env={mail.PASSWORD_ENV: "wrong"},
    )
    error = one_line_error(result)
    assert "login failed for user editor" in error
    assert "535" in error
    assert "wrong" not in error
    assert handler.messages == []


def test_login_where_the_server_offers_no_auth(smtp_server, dated_input, quick):
    controller, handler = smtp_server
    result = run(
        dated_input, "--to", "a@example.cn", "--smtp-host", controller.hostname, "--smtp-port", controller.port,
        "--smtp-user", "editor", env={mail.PASSWORD_ENV: "secret"},
    )
    assert "does not offer login" in one_line_error(result)
    assert handler.messages == []


def test_starttls_not_offered(smtp_server, dated_input, quick):
    controller, handler = smtp_server
    result = run(dated_input, "--to", "a@example.cn", "--smtp-host", controller.hostname, "--smtp-port", controller.port, "--starttls")
    assert "does not offer STARTTLS" in one_line_error(result)
    assert handler.messages == []


def test_ssl_to_a_plain_server(smtp_server, dated_input, quick):
    controller, handler = smtp_server
    result = run(dated_input, "--to", "a@example.cn", "--smtp-host", controller.hostname, "--smtp-port", controller.port, "--ssl")
    assert "TLS failed" in one_line_error(result)
    assert handler.messages == []


def test_starttls_and_login(tls_servers, certificate, dated_input, quick, monkeypatch):
    starttls, _, handler, logins = tls_servers
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))  # trust the test certificate
    result = run(
        dated_input, "--to", "a@example.cn", "--smtp-host", "127.0.0.1", "--smtp-port", starttls.port,
        "--starttls", "--smtp-user", "editor", env={mail.PASSWORD_ENV: "secret"},
    )
    assert result.exit_code == 0, result.output
    assert logins == [(b"editor", b"secret")]
    assert len(handler.messages) == 1


def test_ssl_and_login(tls_servers, certificate, dated_input, quick, monkeypatch):
    _, implicit, handler, logins = tls_servers
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    result = run(
        dated_input, "--to", "a@example.cn", "--smtp-host", "127.0.0.1", "--smtp-port", implicit.port,
        "--ssl", "--smtp-user", "editor", env={mail.PASSWORD_ENV: "secret"},
    )
    assert result.exit_code == 0, result.output
    assert logins == [(b"editor", b"secret")]
    assert len(handler.messages) == 1


def test_untrusted_certificate(tls_servers, dated_input, quick):
    starttls, _, handler, logins = tls_servers
    result = run(dated_input, "--to", "a@example.cn", "--smtp-host", "127.0.0.1", "--smtp-port", starttls.port, "--starttls")
    assert "TLS certificate not trusted" in one_line_error(result)
    assert logins == [] and handler.messages == []


def test_rejected_recipient_nothing_sent(smtp_server, dated_input, quick):
    controller, handler = smtp_server
    handler.refuse.add("ghost@example.cn")
    result = run(dated_input, "--to", "ghost@example.cn", "--smtp-host", controller.hostname, "--smtp-port", controller.port)
    error = one_line_error(result)
    assert "ghost@example.cn (550 5.1.1 mailbox unavailable)" in error
    assert "nothing sent" in error
    assert handler.messages == []


def test_one_rejected_recipient_among_several(smtp_server, dated_input, quick):
    controller, handler = smtp_server
    handler.refuse.add("ghost@example.cn")
    result = run(
        dated_input, "--to", "ghost@example.cn", "--to", "real@example.cn",
        "--smtp-host", controller.hostname, "--smtp-port", controller.port,
    )
    error = one_line_error(result)
    assert "ghost@example.cn (550" in error
    assert "sent to real@example.cn only" in error
    assert len(handler.messages) == 1  # delivered once, to the accepted one, not retried
    assert handler.messages[0].rcpt_tos == ["real@example.cn"]


# --- library --------------------------------------------------------------------------


def test_send_returns_accepted_recipients(smtp_server, built):
    controller, handler = smtp_server
    _, message, _ = built
    settings = mail.SmtpSettings(host=controller.hostname, port=controller.port)
    assert mail.send(message, settings) == ["a@example.cn"]
    assert len(handler.messages) == 1


def test_send_without_recipients_is_refused(built):
    briefing, message, _ = built
    message = parse(mail.message_bytes(message))
    del message["To"]
    with pytest.raises(DigestError, match="no recipients"):
        mail.send(message, mail.SmtpSettings(host="127.0.0.1", port=1))


def test_smtp_settings_defaults():
    assert mail.smtp_settings("h").address == "h:25"
    assert mail.smtp_settings("h", security="starttls").address == "h:587"
    assert mail.smtp_settings("h", security="ssl").address == "h:465"
    assert mail.smtp_settings("::1", 2525).address == "[::1]:2525"
    settings = mail.smtp_settings("h", user="u", environ={mail.PASSWORD_ENV: "pw"})
    assert settings.password == "pw" and "pw" not in repr(settings)
    with pytest.raises(DigestError, match=mail.PASSWORD_ENV):
        mail.smtp_settings("h", user="u", environ={})


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a@example.cn", ["a@example.cn"]),
        ("张三 <a@example.cn>, \"Wang, Tao\" <w@example.cn>", ["a@example.cn", "w@example.cn"]),
        ("u@例子.中国", ["u@xn--fsqu00a.xn--fiqs8s"]),
    ],
)
def test_parse_addresses(value, expected):
    assert [a.addr_spec for a in mail.parse_addresses([value])] == expected


@pytest.mark.parametrize("value", ["", "bad", "a@", "a b@example.cn", "a@example.cn\nBcc: x@example.cn"])
def test_parse_addresses_rejects(value):
    with pytest.raises(DigestError) as info:
        mail.parse_addresses([value])
    assert "\n" not in str(info.value)


def test_address_longer_than_smtp_allows_is_refused_in_a_short_line():
    for value in ["x" * 65 + "@example.cn", "a@" + "b" * 5000 + ".cn"]:
        with pytest.raises(DigestError, match="longer than SMTP allows") as info:
            mail.parse_addresses([value])
        assert len(str(info.value)) < 300
    assert mail.parse_addresses(["x" * 64 + "@example.cn"])[0].addr_spec == "x" * 64 + "@example.cn"


def test_sender_of_many_addresses_is_refused_showing_only_its_first_characters():
    # Each address is valid, so it is `not a single` one that is refused: its error shows 80
    # characters of the value too, not 14,000 (an escaped value is cut before it is escaped).
    with pytest.raises(DigestError, match="not a single sender address") as info:
        mail.parse_address("a@b.cn," * 2000, "sender address")
    assert len(str(info.value)) < 200 and "(14,000 characters)" in str(info.value)
    with pytest.raises(DigestError) as info:
        mail.parse_addresses(["\x00" * 500])
    shown, _, rest = str(info.value).partition("…")
    assert len(shown) <= 80 and ast.literal_eval(shown) == "\x00" * 19 and rest.startswith(" (500 characters)")


def test_inline_css_drops_style_and_links():
    html = '<html><head><style>p { color: red } @media (max-width: 1px) { p { color: blue } }</style><link rel="stylesheet" href="x.css"></head><body><p>中文</p></body></html>'
    out = mail.inline_css(html)
    assert '<p style="color: red;">中文</p>' in out
    assert "<style" not in out and "<link" not in out


def test_week_options_reach_the_build(tmp_path, dated_input, built, quick, monkeypatch):
    briefing = built[0]
    seen = []
    monkeypatch.setattr(digest.pipeline, "build_briefing", lambda config: (seen.append(config) or briefing, []))
    result = run(dated_input, "--eml", tmp_path / "w.eml", "--week", "2025-W15", "--title", "测试周报", "--sentences", "2")
    assert result.exit_code == 0, result.output
    (config,) = seen
    assert config.week == "2025-W15" and (config.since, config.until) == (None, None)  # resolved once the issues are dated
    assert (config.title, config.sentences, config.inputs) == ("测试周报", 2, [str(dated_input)])


def test_mail_html_leaves_the_svg_chart_to_the_pdf():
    briefing, _ = build_briefing(BuildConfig(inputs=[str(seed("000"))]))
    renderer = Renderer(environment())
    assert "<svg" in renderer.render_template("html", briefing)
    message = mail.build_message(briefing, renderer, ["a@example.cn"])
    html = next(part for part in message.walk() if part.get_content_type() == "text/html").get_content()
    assert "<svg" not in html


def test_the_mails_html_part_is_the_briefing_without_every_articles_full_text():
    """The HTML page keeps every article's full text below the briefing (全部稿件, in <details>);
    the mail's HTML part held it too: a week of 40 pages (f201) made a part of 785 KB, the
    briefing 124 KB of it. Outlook shows <details> open, so a reader met every full text under
    the county table, and Gmail clips a message's HTML past 102 KB. The part is the briefing: no
    全部稿件, no <details>, and no link without its target in the message."""
    import re

    from markupsafe import escape

    briefing, _ = build_briefing(BuildConfig(inputs=[str(seed("000")), str(seed("003"))]))
    renderer = Renderer(environment())
    page = renderer.render_template("html", briefing)
    assert 'id="all"' in page and "<details" in page
    message = mail.build_message(briefing, renderer, ["a@example.cn"])
    html = message.get_body(("html",)).get_content()
    assert 'id="all"' not in html and "<details" not in html and "全部稿件" not in html
    assert set(re.findall(r'href="#([^"]+)"', html)) <= set(re.findall(r' id="([^"]+)"', html))
    shown = [a for s in briefing.sections for a in s.featured + s.listed]
    assert shown and all(str(escape(a.title)) in html for a in shown)



def test_the_mails_html_keeps_the_pages_look_on_a_div_gmail_does_not_drop():
    """Gmail drops <body> and its style: the page's font, line height, colour and 46rem measure
    were inlined on <body> alone, so Gmail showed the briefing in its own font, full width."""
    import re

    briefing, _ = build_briefing(BuildConfig(inputs=[str(seed("000"))]))
    html = mail.build_message(briefing, Renderer(environment()), ["a@example.cn"]).get_body(("html",)).get_content()
    body = re.search(r'<body style="([^"]+)">\s*<div style="([^"]+)">', html)
    assert body and body.group(1) == body.group(2) and "font-family" in body.group(1) and "max-width:46rem" in body.group(1)
    assert html.rstrip().endswith("</div>\n</body></html>") or html.rstrip().endswith("</div></body></html>")


def mail_html(inputs, **options) -> str:
    briefing, _ = build_briefing(BuildConfig(inputs=[str(i) for i in inputs], **options))
    return mail.build_message(briefing, Renderer(environment()), ["a@example.cn"]).get_body(("html",)).get_content()


def visible_text(html: str) -> str:
    import re
    from html import unescape

    body = html[html.index("<body"):]
    return unescape(re.sub(r"<[^>]+>", "", body))


def test_the_mails_html_part_stays_well_under_gmails_clip_its_markup_a_small_share():
    """Gmail clips a message whose HTML is over about 102 KB ("[Message clipped]  View entire
    message"). The part was 118 KB for a 40-page week at the default --pages 24 (f201; now 76 KB),
    47 KB of it inlined CSS: every listed line and key sentence carried its own copy of the page's
    rules, and markup was 55% of the part (seeds/: 61 KB, 54%; now 40 KB, 36%). What the part may
    add to the text it shows is pinned here: short styles on the elements that carry the look, none
    on every list item, no classes left once inlined. The text is bounded by the page budget, so
    the part is too."""
    html = mail_html([SEEDS])
    size, text = len(html.encode()), len(visible_text(html).encode())
    assert size - text <= 0.4 * size, (size, text)
    assert size <= 44 * 1024, size
    assert ' class="' not in html


def test_the_mails_contents_link_to_nothing_gmail_drops_links_within_a_message():
    """The page's contents are links to its sections (`#theme-3`) and each section ends with
    `↑ 回到目录`; Gmail drops a link to a place in the message, so in the mail they were links
    that did nothing. The mail's contents are one line of what the week holds, no link in it."""
    briefing, _ = build_briefing(BuildConfig(inputs=[str(SEEDS)]))
    html = mail.build_message(briefing, Renderer(environment()), ["a@example.cn"]).get_body(("html",)).get_content()
    assert 'href="#' not in html and "回到目录" not in html and "<nav" not in html
    sections = [s for s in briefing.sections if s.articles]
    line = "本周要闻" + "".join(f" · {s.name} {len(s.articles)}" for s in sections) + " · 各县 · 数说本周"
    assert f">{line}</p>" in html


def test_the_mails_text_part_reads_as_plain_text_without_markdowns_escapes(tmp_path):
    """The text part was the .md byte for byte, whose values are Markdown text: a title's `[`,
    `]` and `\\` took a backslash and `<` was `&lt;`, noise to a reader of plain text, where nothing
    becomes a link or HTML. The part writes values as they are (controls still out, one line
    each); the .md keeps its escapes."""
    title = "吕梁要闻周报[内部]<试行> a\\b"
    config = BuildConfig(inputs=[str(seed("000"))], title=title, out_dir=tmp_path, formats=("md",))
    briefing, _ = build_briefing(config)
    text = mail.build_message(briefing, Renderer(environment()), ["a@example.cn"]).get_body(("plain",)).get_content()
    assert text.splitlines()[0] == f"# {title}"
    assert "\\[" not in text and "&lt;" not in text
    md = Renderer(environment()).render_template("md", briefing)
    assert md.startswith("# 吕梁要闻周报\\[内部\\]&lt;试行> a\\\\b\n")


def test_the_subject_of_an_iso_week_nests_no_brackets(dated_input):
    """The subject put the period in brackets after the title, and a week's period has its own:
    `吕梁要闻周报（2025年第15周（4月7日—13日））`, and a year unknown `…（4月10日—9月22日（年份不详））`.
    A period's own closing bracket becomes a comma inside the subject's brackets (and the page's
    <title>, digest show's first line)."""
    briefing, _ = build_briefing(BuildConfig(inputs=[str(dated_input)], week="2025-W15"))
    assert briefing.period == "2025年第15周（4月7日—13日）"
    message = mail.build_message(briefing, Renderer(environment()), ["a@example.cn"])
    assert message["Subject"] == "吕梁要闻周报（2025年第15周，4月7日—13日）"
    assert "<title>吕梁要闻周报（2025年第15周，4月7日—13日）</title>" in Renderer(environment()).render_template("html", briefing)
    assert in_brackets("4月10日—9月22日（年份不详）") == "（4月10日—9月22日，年份不详）"
    assert in_brackets("2025年4月7日—13日") == "（2025年4月7日—13日）"
    assert in_brackets("") == "" and in_brackets(None) == ""


def test_a_mail_whose_html_part_gmail_would_clip_says_so_once(tmp_path):
    """The part's size follows the page budget: seeds/ with --full made a part of 135 KB, and
    nothing told the editor that Gmail would show its first 102 KB and hide the rest."""
    result = run(SEEDS, "--full", "--eml", tmp_path / "full.eml", "--no-archive")
    assert result.exit_code == 0, result.output
    size = len(parse((tmp_path / "full.eml").read_bytes()).get_body(("html",)).get_content().replace("\r\n", "\n").encode())
    assert size > mail.GMAIL_CLIPS
    notes = [line for line in result.stderr.splitlines() if "Gmail" in line]
    assert notes == [f"digest: note: the mail's HTML part is {size // 1024} KB: Gmail shows about its first 100 KB and hides "
                     "the rest behind \"View entire message\" (the attached PDF holds it all); a smaller --pages, or no --full, makes it shorter"]
    result = run(SEEDS, "--eml", tmp_path / "week.eml", "--no-archive")
    assert result.exit_code == 0 and "Gmail" not in result.stderr


# --- connect first, one deadline, UTF-8 credentials -------------------------------------


def test_dead_server_is_reported_before_the_briefing_is_built(free_port, tmp_path):
    """Nothing is mocked: the input does not even exist, so an error about the server proves
    that it was asked first (the build would have failed on the input)."""
    error = one_line_error(run(tmp_path / "missing.txt", "--to", "a@example.cn", "--smtp-host", "127.0.0.1", "--smtp-port", free_port))
    assert error == f"digest: error: 127.0.0.1:{free_port}: connection refused (is an SMTP server listening there?)"


@pytest.fixture
def trickling_server():
    """A server that sends its greeting one byte every 0.2 s (a whole greeting takes a minute)."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve():
        listener.settimeout(10)
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        with conn:
            for byte in b"220 " + b"x" * 300 + b"\r\n":
                if stop.wait(0.2):
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    listener.close()
    thread.join(5)


def test_slow_server_is_cut_off_at_the_overall_deadline(trickling_server, dated_input, quick):
    result = run(dated_input, "--to", "a@example.cn", "--smtp-host", "127.0.0.1", "--smtp-port", trickling_server, "--smtp-timeout", "2")
    assert one_line_error(result) == f"digest: error: 127.0.0.1:{trickling_server}: no complete answer within 2 s (--smtp-timeout, the deadline for the whole exchange) while connecting"


@pytest.fixture
def slow_resolver(monkeypatch):
    """The system resolver answering for `slow.example` only after 10 s (a dead DNS server),
    at once for every other name."""
    answered = threading.Event()
    real = socket.getaddrinfo
    finished = []  # lookups of slow.example that have returned

    def getaddrinfo(host, *args, **kwargs):
        if host != "slow.example":
            return real(host, *args, **kwargs)
        answered.wait(10)
        finished.append(host)
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield finished
    answered.set()


def test_slow_name_lookup_is_cut_off_at_the_overall_deadline(slow_resolver, dated_input):
    result = run(dated_input, "--to", "a@example.cn", "--smtp-host", "slow.example", "--smtp-timeout", "1")
    assert one_line_error(result) == "digest: error: slow.example:25: no complete answer within 1 s (--smtp-timeout, the deadline for the whole exchange) while looking up slow.example"
    assert slow_resolver == []  # the error came while the lookup was still waiting for its answer


@pytest.fixture
def utf8_auth_server(request):
    """A plain server that wants 编辑/密码 (UTF-8), offering AUTH mechanisms as the test asks."""
    logins = []

    def check(server, session, envelope, mechanism, auth_data):
        logins.append((mechanism, auth_data.login, auth_data.password))
        return AuthResult(success=(auth_data.login, auth_data.password) == ("编辑".encode(), "密码".encode()))

    handler = Recorder()
    controller = EphemeralController(handler, authenticator=check, auth_require_tls=False, auth_exclude_mechanism=getattr(request, "param", []))
    controller.start()
    try:
        yield controller, handler, logins
    finally:
        controller.stop()


def test_utf8_user_and_password_log_in_with_auth_plain(utf8_auth_server, dated_input, quick):
    controller, handler, logins = utf8_auth_server
    result = run(dated_input, "--to", "a@example.cn", "--from", SENDER, "--smtp-host", controller.hostname, "--smtp-port", controller.port, "--smtp-user", "编辑", env={mail.PASSWORD_ENV: "密码"})
    assert result.exit_code == 0, result.output
    assert logins == [("PLAIN", "编辑".encode(), "密码".encode())]
    assert len(handler.messages) == 1


@pytest.mark.parametrize("utf8_auth_server", [["PLAIN"]], indirect=True)
def test_utf8_credentials_without_auth_plain_is_one_line(utf8_auth_server, dated_input, quick):
    controller, handler, logins = utf8_auth_server
    result = run(dated_input, "--to", "a@example.cn", "--from", SENDER, "--smtp-host", controller.hostname, "--smtp-port", controller.port, "--smtp-user", "编辑", env={mail.PASSWORD_ENV: "密码"})
    assert "does not offer AUTH PLAIN, the only way to log in with a non-ASCII user name or password" in one_line_error(result)
    assert logins == [] and handler.messages == []
