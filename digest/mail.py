"""Mail the briefing: one message with the text, the HTML (CSS inlined) and the PDF attached.

`build_message` makes the message (multipart/mixed: a multipart/alternative of text/plain, the
Markdown briefing, and text/html, the HTML briefing with its CSS moved into style attributes for
mail clients, then the PDF as an attachment). A `Session` connects and logs in first (so a dead
server or a wrong password is known before the briefing is built), then hands the message to
the server in one transaction and never retries, so a message is never sent twice; the whole
exchange has one deadline. `write_eml` saves the message instead.

The message needs nothing of the server beyond plain SMTP, so it is safe whether or not the
server offers SMTPUTF8 or 8BITMIME: non-ASCII headers (the Chinese subject, display names) are
RFC 2047 encoded, non-ASCII domains become IDNA A-labels, and the bodies are base64 or 7-bit.
Addresses with a non-ASCII local part (which would need SMTPUTF8) are refused as invalid.
"""

from __future__ import annotations

import base64
import contextlib
import email.policy
import getpass
import os
import re
import smtplib
import socket
import ssl
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, getaddresses, make_msgid
from pathlib import Path

import css_inline

from .dates import in_brackets
from .deliver import write_atomic
from .errors import DigestError, without_controls
from .model import Briefing
from .render import Renderer

PASSWORD_ENV = "DIGEST_SMTP_PASSWORD"
"""The environment variable holding the SMTP password; it is never taken from the command line."""

SECURITY = ("plain", "starttls", "ssl")
DEFAULT_PORTS = {"plain": 25, "starttls": 587, "ssl": 465}
DEFAULT_TIMEOUT = 60
"""Seconds the whole exchange with the server may take (--smtp-timeout)."""

# SMTP: CRLF line ends and headers folded and encoded for any server (RFC 2047 for non-ASCII).
POLICY = email.policy.SMTP


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int | None = None
    """None: the usual port for `security` (25, 587 or 465)."""
    security: str = "plain"
    """plain (no TLS, as to a local relay), starttls, or ssl (TLS from the first byte)."""
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = DEFAULT_TIMEOUT
    """Seconds for the whole exchange with the server (connect, log in, send, quit)."""

    def __post_init__(self) -> None:
        if self.security not in SECURITY:
            raise ValueError(f"security must be one of {', '.join(SECURITY)}, not {self.security!r}")

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORTS[self.security]

    @property
    def address(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.effective_port}"


def smtp_settings(
    host: str | None,
    port: int | None = None,
    security: str = "plain",
    user: str | None = None,
    environ: Mapping[str, str] = os.environ,
    timeout: float = DEFAULT_TIMEOUT,
) -> SmtpSettings:
    """Settings for `send`, the password read from $DIGEST_SMTP_PASSWORD when a user is given."""
    if not host:
        raise DigestError("--smtp-host", "required when sending (or write the message to a file with --eml FILE)")
    password = None
    if user:
        password = environ.get(PASSWORD_ENV)
        if password is None:
            raise DigestError(PASSWORD_ENV, f"not set: the password for --smtp-user {user} is read from this environment variable")
    return SmtpSettings(host=host, port=port, security=security, user=user or None, password=password, timeout=timeout)


def one_line(text: str) -> str:
    """A header's value: one line, no control characters (a title's ESC would reach the reader's terminal)."""
    return " ".join(without_controls(str(text)).split())


# RFC 5321 4.5.3.1: a server may refuse anything longer, after the briefing is built.
LOCAL_PART_MAX = 64
PATH_MAX = 254
SHOWN_CHARS = 80  # of a refused value, in its one-line error


def _shown(value: str) -> str:
    """A refused value as its one-line error shows it: as typed, or escaped when it holds what
    cannot be seen; SHOWN_CHARS characters at most (cut before escaping, so no escape is cut)."""
    head = value[:SHOWN_CHARS]
    if value.strip() and value.isprintable():
        shown = head
    else:
        while len(repr(head)) > SHOWN_CHARS:
            head = head[:-1]
        shown = repr(head)
    return shown + (f"… ({len(value):,} characters)" if len(head) < len(value) else "")


def parse_address(value: str, what: str = "address") -> Address:
    """'a@b.cn' or '张三 <a@b.cn>' as an Address; a DigestError naming the value otherwise."""
    found = parse_addresses([value], what)
    if len(found) != 1:
        raise DigestError(_shown(value), f"not a single {what}")
    return found[0]


def parse_addresses(values: Sequence[str], what: str = "address") -> list[Address]:
    """Each value may hold one address or several separated by commas."""
    found: list[Address] = []
    for value in values:
        shown = _shown(value)
        pairs = getaddresses([value]) if value.isprintable() else []
        if not pairs:
            raise DigestError(shown, f"not a valid {what}")
        for name, spec in pairs:
            local, at, domain = spec.rpartition("@")
            if not (local and at and domain) or any(c.isspace() for c in spec):
                raise DigestError(shown, f"not a valid {what}")
            if not domain.isascii():
                # A-labels (xn--...): RFC 2047 words are not allowed inside an address.
                try:
                    spec = f"{local}@{domain.encode('idna').decode('ascii')}"
                except UnicodeError:
                    raise DigestError(shown, f"not a valid {what} (bad domain)") from None
            if len(local) > LOCAL_PART_MAX or len(spec) > PATH_MAX:
                raise DigestError(shown, f"not a valid {what} (longer than SMTP allows: {LOCAL_PART_MAX} characters "
                                         f"before the @, {PATH_MAX} in all)")
            try:
                found.append(Address(display_name=one_line(name), addr_spec=spec))
            except (ValueError, IndexError, HeaderParseError) as exc:
                raise DigestError(shown, f"not a valid {what} ({one_line(exc).rstrip(')')})") from None
    return found


def default_sender() -> str:
    """user@this-host, as mail(1) would use."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = "digest"
    return f"{user}@{socket.getfqdn() or 'localhost'}"


def default_subject(briefing: Briefing) -> str:
    return briefing.title + in_brackets(briefing.period)


def pdf_filename(briefing: Briefing) -> str:
    """briefing.pdf, or briefing-2025-04-07_2025-04-13.pdf when the period is known."""
    if briefing.first_date is None or briefing.last_date is None:
        return "briefing.pdf"
    dates = dict.fromkeys((briefing.first_date.isoformat(), briefing.last_date.isoformat()))
    return f"briefing-{'_'.join(dates)}.pdf"


def inline_css(html: str) -> str:
    """Move the page's CSS into style attributes: mail clients drop or ignore <style>.

    Rules that cannot be inlined (@media) are dropped, and linked stylesheets are neither
    fetched nor kept, so the result depends on nothing outside itself."""
    inliner = css_inline.CSSInliner(keep_style_tags=False, keep_link_tags=False, load_remote_stylesheets=False)
    try:
        return inliner.inline(html)
    except (css_inline.InlineError, ValueError) as exc:
        raise DigestError("HTML briefing", f"cannot inline its CSS: {one_line(exc)}") from None


_CLASS_RE = re.compile(r' class="[^"]*"')
_STYLE_RE = re.compile(r' style="([^"]*)"')
_INDENT_RE = re.compile(r"\n[ \t]+<")


def _short_style(match: re.Match) -> str:
    declarations = (d.strip() for d in match.group(1).split(";"))
    return ' style="' + ";".join(re.sub(r"\s*:\s*", ":", d, count=1) for d in declarations if d) + '"'


def compact(html: str) -> str:
    """The inlined page without what only takes room: the classes (no <style> is sent to use
    them), the spaces css-inline writes after each `:`, and the indentation before a tag (HTML
    reads a newline as it reads spaces; kept in a page holding <pre> or <textarea>). Gmail clips a
    message's HTML past about 102 KB, and a week's part has a few thousand elements."""
    html = _STYLE_RE.sub(_short_style, _CLASS_RE.sub("", html))
    return html if re.search(r"<(pre|textarea)\b", html, re.IGNORECASE) else _INDENT_RE.sub("\n<", html)


_BODY_RE = re.compile(r"<body( style=\"[^\"]*\")>")


def body_in_a_div(html: str) -> str:
    """The body's inlined style on a <div> holding its content too: Gmail drops <body> and its
    style (the page's font, line height, colour and 46rem measure); a div's it keeps."""
    start, end = _BODY_RE.search(html), html.rfind("</body>")
    if start is None or end < start.end():
        return html
    return f"{html[: start.end()]}<div{start.group(1)}>{html[start.end() : end]}</div>{html[end:]}"


def build_message(
    briefing: Briefing,
    renderer: Renderer,
    to: Sequence[str],
    sender: str | None = None,
    subject: str | None = None,
) -> EmailMessage:
    """The briefing as one message: text and HTML alternatives, the PDF attached.

    `to` may be empty (a draft to save with `write_eml`); `send` refuses a message without
    recipients."""
    recipients = parse_addresses(to, "recipient address")
    from_address = parse_address(sender or default_sender(), "sender address")
    text = renderer.render_template("md", briefing, mail=True)  # plain text: no Markdown escapes
    # Mail clients (Gmail, Outlook) strip inline SVG, so the chart stays in the attached PDF.
    # Nor every article's full text (全部稿件, in <details>): a week of 40 pages made a part of
    # 785 KB, the briefing 124 KB of it; Gmail clips past 102 KB, Outlook shows <details> open.
    html = body_in_a_div(compact(inline_css(renderer.render_template("html", briefing, theme_chart="", mail=True))))
    pdf = renderer.render("pdf", briefing)

    message = EmailMessage(policy=POLICY)
    message["Subject"] = one_line(subject if subject is not None else default_subject(briefing)) or default_subject(briefing)
    message["From"] = from_address
    if recipients:
        message["To"] = recipients
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=_ascii_domain(from_address.domain))
    message.set_content(text, subtype="plain", charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=pdf_filename(briefing))
    return message


GMAIL_CLIPS = 100 * 1024
"""Bytes of a message's HTML that Gmail shows before it clips the rest ("[Message clipped]  View
entire message"): about 102 KB, by its own measure, which it does not document."""


def clip_note(message: EmailMessage) -> str | None:
    """A note when Gmail would clip the message's HTML part, else None: the part grows with the
    page budget (a 40-page week's is 76 KB at the default --pages 24)."""
    size = len(message.get_body(("html",)).get_content().encode("utf-8"))
    if size <= GMAIL_CLIPS:
        return None
    return (f"the mail's HTML part is {size // 1024} KB: Gmail shows about its first {GMAIL_CLIPS // 1024} KB and hides the rest "
            "behind \"View entire message\" (the attached PDF holds it all); a smaller --pages, or no --full, makes it shorter")


def attached_pdf(message: EmailMessage) -> bytes:
    """The briefing's PDF that `build_message` attached."""
    return next(part for part in message.iter_attachments() if part.get_content_type() == "application/pdf").get_content()


def _ascii_domain(domain: str) -> str:
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return "localhost"


def message_bytes(message: EmailMessage) -> bytes:
    """The message as it goes over the wire: CRLF line ends, headers encoded for any server."""
    return message.as_bytes(policy=POLICY)


def write_eml(message: EmailMessage, path: Path) -> Path:
    """Save the message as an .eml file (atomically) instead of sending it."""
    return write_atomic(Path(path), message_bytes(message))


def envelope_sender(message: EmailMessage) -> str:
    header = message["Sender"] or message["From"]
    addresses = getattr(header, "addresses", ()) if header is not None else ()
    if not addresses:
        raise DigestError("message", "no sender address (From)")
    return addresses[0].addr_spec


def envelope_recipients(message: EmailMessage) -> list[str]:
    found: list[str] = []
    for name in ("To", "Cc", "Bcc"):
        for header in message.get_all(name, []):
            found.extend(address.addr_spec for address in getattr(header, "addresses", ()))
    return list(dict.fromkeys(found))


def _response(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return one_line(f"{code} {text}")


def _refusals(refused: Mapping[str, tuple[int, bytes]]) -> str:
    return "; ".join(f"{rcpt} ({_response(code, text)})" for rcpt, (code, text) in refused.items())


class _Client(smtplib.SMTP):
    """smtplib's client that hands itself to its session before it connects, so the session's
    deadline can cut the connection even while the constructor reads the server's greeting,
    and that connects through the session (the host's name looked up within the deadline)."""

    def __init__(self, session: Session, *args, **kwargs):
        self.session = session
        session.client = self
        super().__init__(*args, **kwargs)

    def _get_socket(self, host, port, timeout):
        return self.session.open_socket(host, port, timeout)


class _SslClient(smtplib.SMTP_SSL):
    def __init__(self, session: Session, *args, **kwargs):
        self.session = session
        session.client = self
        super().__init__(*args, **kwargs)

    def _get_socket(self, host, port, timeout):  # as SMTP_SSL's, on the session's socket
        return self.context.wrap_socket(self.session.open_socket(host, port, timeout), server_hostname=self._host)


class Session:
    """A connection to the SMTP server, with STARTTLS and login done, open while the message
    is built, then used once by `send`; use it as a context manager (it says QUIT on exit).

    Every exchange with the server shares one deadline, `settings.timeout` seconds in all
    (time spent talking, not building): smtplib's socket timeout bounds each read only, and a
    server that trickles a byte every few seconds would hold it for ever. When the deadline
    passes, a timer shuts the socket down under the blocked read and the error says so."""

    def __init__(self, settings: SmtpSettings):
        self.settings = settings
        self.client: smtplib.SMTP | None = None
        self.left = settings.timeout
        self.expired = False
        self.step = "connecting"
        self.ends = time.monotonic() + self.left  # when the step under way must be done

    def __enter__(self) -> Session:
        with self._talking("connecting"):
            client_class = _SslClient if self.settings.security == "ssl" else _Client
            extra = {"context": ssl.create_default_context()} if self.settings.security == "ssl" else {}
            # Host given to the constructor (not to connect()): TLS checks the certificate against it.
            client_class(self, self.settings.host, self.settings.effective_port, timeout=self.left, **extra)
        if self.settings.security == "starttls":
            with self._talking("STARTTLS"):
                self.client.starttls(context=ssl.create_default_context())
        if self.settings.user:
            with self._talking("login"):
                self._login()
        return self

    def __exit__(self, *exc_info) -> None:
        if self.client is not None and self.client.sock is not None:
            self.left = max(self.left, 1.0)  # a moment to say goodbye, even after a failure
            try:
                with self._talking("QUIT"):
                    _quit(self.client)
            except DigestError:
                self.client.close()

    def _login(self) -> None:
        user, password = self.settings.user or "", self.settings.password or ""
        if user.isascii() and password.isascii():
            self.client.login(user, password)
            return
        # smtplib encodes credentials as ASCII; AUTH PLAIN (RFC 4616) carries UTF-8.
        self.client.ehlo_or_helo_if_needed()
        if not self.client.has_extn("auth"):
            raise smtplib.SMTPNotSupportedError("SMTP AUTH extension not supported by server.")
        if "PLAIN" not in self.client.esmtp_features["auth"].upper().split():
            raise DigestError(self.settings.address, "the server does not offer AUTH PLAIN, the only way to log in with a non-ASCII user name or password")
        token = b"\0" + user.encode("utf-8", "surrogateescape") + b"\0" + password.encode("utf-8", "surrogateescape")
        code, response = self.client.docmd("AUTH", "PLAIN " + base64.b64encode(token).decode("ascii"))
        if code != 235:
            raise smtplib.SMTPAuthenticationError(code, response)

    def send(self, message: EmailMessage) -> list[str]:
        """Send `message` to the recipients in its To, Cc and Bcc headers, in one SMTP transaction.

        Returns the recipients the server accepted; if it took the message for some recipients
        but refused others, a DigestError names the refused ones (nothing is sent again)."""
        sender = envelope_sender(message)
        recipients = envelope_recipients(message)
        if not recipients:
            raise DigestError("message", "no recipients: give at least one --to ADDR")
        with self._talking("sending"):
            refused = self.client.send_message(message, from_addr=sender, to_addrs=recipients)
        if refused:
            accepted = [r for r in recipients if r not in refused]
            raise DigestError(self.settings.address, f"recipient(s) rejected: {_refusals(refused)}; the message was sent to {', '.join(accepted)} only")
        return recipients

    @contextlib.contextmanager
    def _talking(self, step: str):
        """Run one exchange within what is left of the deadline; any failure a one-line DigestError."""
        self.step = step
        if self.left <= 0:
            raise self._deadline_error()
        timer = threading.Timer(self.left, self._expire)
        timer.daemon = True
        started = time.monotonic()
        self.ends = started + self.left
        timer.start()
        try:
            yield
            if self.expired:  # cut under a read that then returned what it had: not an answer
                raise self._deadline_error()
        except DigestError:
            raise
        except Exception as exc:  # noqa: BLE001 - every failure of the exchange becomes one line
            if self.expired:
                raise self._deadline_error() from None
            raise DigestError(self.settings.address, _problem(exc, step, self.settings)) from None
        finally:
            timer.cancel()
            self.left -= time.monotonic() - started

    def open_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        """A TCP connection to `host`, its name looked up within what is left of the deadline
        (the system resolver has its own timeouts and no way to cut a lookup short: it runs in a
        thread of its own, left behind when the deadline passes), then each of its addresses
        tried in turn as `socket.create_connection` does."""
        found: list = []
        lookup = threading.Thread(target=self._look_up, args=(host, port, found), daemon=True)
        lookup.start()
        lookup.join(max(0.0, self.ends - time.monotonic()))
        if not found:
            self.step = f"looking up {host}"
            raise self._deadline_error()
        if isinstance(found[0], OSError):
            raise found[0]
        error: OSError | None = None
        for family, kind, proto, _, address in found[0]:
            sock = socket.socket(family, kind, proto)
            try:
                sock.settimeout(max(self.ends - time.monotonic(), 0.001))  # connecting: what is left
                sock.connect(address)
                sock.settimeout(timeout)  # then each read, as smtplib sets it
                return sock
            except OSError as exc:
                sock.close()
                error = exc
        raise error or OSError(f"no address for {host}")

    @staticmethod
    def _look_up(host: str, port: int, found: list) -> None:
        try:
            found.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except OSError as exc:
            found.append(exc)

    def _expire(self) -> None:
        self.expired = True
        sock = getattr(self.client, "sock", None)
        if sock is not None:
            try:
                socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the plain socket's: leaves TLS state alone
            except OSError:
                pass

    def _deadline_error(self) -> DigestError:
        return DigestError(self.settings.address, f"no complete answer within {self.settings.timeout:g} s (--smtp-timeout, the deadline for the whole exchange) while {self.step}")


def send(message: EmailMessage, settings: SmtpSettings) -> list[str]:
    """Connect, log in, and send `message` (see `Session.send`)."""
    if not envelope_recipients(message):
        raise DigestError("message", "no recipients: give at least one --to ADDR")
    with Session(settings) as session:
        return session.send(message)


def _problem(exc: Exception, step: str, settings: SmtpSettings) -> str:
    """What went wrong, in one line without the server's name (the caller puts it first)."""
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused (is an SMTP server listening there?)"
    if isinstance(exc, socket.gaierror):
        return f"cannot find the host: {one_line(exc.strerror or exc)}"
    if isinstance(exc, TimeoutError):
        return f"no answer within {settings.timeout:g} s while {step}"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return f"login failed for user {settings.user}: {_response(exc.smtp_code, exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        if step == "STARTTLS":
            return "the server does not offer STARTTLS (use --ssl, or neither for plain SMTP)"
        if step == "login":
            return "the server does not offer login (AUTH) on this connection; try --starttls or --ssl"
        return f"the server does not support what this message needs: {one_line(exc)}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return f"recipient(s) rejected, nothing sent: {_refusals(exc.recipients)}"
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return f"sender {exc.sender} rejected, nothing sent: {_response(exc.smtp_code, exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPDataError):
        return f"message rejected, nothing sent: {_response(exc.smtp_code, exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPConnectError):
        return f"the server refused the connection: {_response(exc.smtp_code, exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return f"the server closed the connection while {step}: {one_line(exc) or 'no reason given'}"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{step} failed: {_response(exc.smtp_code, exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPException):
        return f"{step} failed: {one_line(exc)}"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"TLS certificate not trusted: {one_line(exc.verify_message or exc)}"
    if isinstance(exc, ssl.SSLError):
        return f"TLS failed while {step} (is this port speaking {'TLS' if settings.security == 'ssl' else 'STARTTLS'}?): {one_line(exc.reason or exc)}"
    if isinstance(exc, OSError):
        return f"cannot talk to the server while {step}: {one_line(exc.strerror or exc)}"
    if isinstance(exc, UnicodeError):
        return f"{step} failed: {one_line(exc)}"
    raise exc


def _quit(client: smtplib.SMTP) -> None:
    """Say goodbye; a server that hangs up first has already taken (or refused) the message."""
    try:
        client.quit()
    except (smtplib.SMTPException, OSError):
        client.close()
