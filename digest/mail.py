"""Mail the briefing: one message with the text, the HTML (CSS inlined) and the PDF attached.

`build_message` makes the message (multipart/mixed: a multipart/alternative of text/plain, the
Markdown briefing, and text/html, the HTML briefing with its CSS moved into style attributes for
mail clients, then the PDF as an attachment). `send` hands it to an SMTP server in one
transaction and never retries, so a message is never sent twice; `write_eml` saves it instead.

The message needs nothing of the server beyond plain SMTP, so it is safe whether or not the
server offers SMTPUTF8 or 8BITMIME: non-ASCII headers (the Chinese subject, display names) are
RFC 2047 encoded, non-ASCII domains become IDNA A-labels, and the bodies are base64 or 7-bit.
Addresses with a non-ASCII local part (which would need SMTPUTF8) are refused as invalid.
"""

from __future__ import annotations

import email.policy
import getpass
import os
import smtplib
import socket
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, getaddresses, make_msgid
from pathlib import Path

import css_inline

from .deliver import write_atomic
from .errors import DigestError
from .model import Briefing
from .render import Renderer

PASSWORD_ENV = "DIGEST_SMTP_PASSWORD"
"""The environment variable holding the SMTP password; it is never taken from the command line."""

SECURITY = ("plain", "starttls", "ssl")
DEFAULT_PORTS = {"plain": 25, "starttls": 587, "ssl": 465}
DEFAULT_TIMEOUT = 60.0

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
    return " ".join(str(text).split())


def parse_address(value: str, what: str = "address") -> Address:
    """'a@b.cn' or '张三 <a@b.cn>' as an Address; a DigestError naming the value otherwise."""
    found = parse_addresses([value], what)
    if len(found) != 1:
        raise DigestError(value, f"not a single {what}")
    return found[0]


def parse_addresses(values: Sequence[str], what: str = "address") -> list[Address]:
    """Each value may hold one address or several separated by commas."""
    found: list[Address] = []
    for value in values:
        shown = value if value.strip() and value.isprintable() else repr(value)
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
    return f"{briefing.title}（{briefing.period}）" if briefing.period else briefing.title


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
    text = renderer.render_template("md", briefing)
    # Mail clients (Gmail, Outlook) strip inline SVG, so the chart stays in the attached PDF.
    html = inline_css(renderer.render_template("html", briefing, theme_chart=""))
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


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    # Host given to the constructor (not to connect()): TLS checks the certificate against it.
    if settings.security == "ssl":
        return smtplib.SMTP_SSL(settings.host, settings.effective_port, timeout=settings.timeout, context=ssl.create_default_context())
    return smtplib.SMTP(settings.host, settings.effective_port, timeout=settings.timeout)


def send(message: EmailMessage, settings: SmtpSettings) -> list[str]:
    """Send `message` to the recipients in its To, Cc and Bcc headers, in one SMTP transaction.

    Returns the recipients the server accepted. Any failure is a one-line DigestError naming the
    server; if the server took the message for some recipients but refused others, the error
    names the refused ones (the message is not sent again to anyone)."""
    sender = envelope_sender(message)
    recipients = envelope_recipients(message)
    if not recipients:
        raise DigestError("message", "no recipients: give at least one --to ADDR")
    where = settings.address
    step = "connecting"
    client: smtplib.SMTP | None = None
    try:
        client = _connect(settings)
        if settings.security == "starttls":
            step = "STARTTLS"
            client.starttls(context=ssl.create_default_context())
        if settings.user:
            step = "login"
            client.login(settings.user, settings.password or "")
        step = "sending"
        refused = client.send_message(message, from_addr=sender, to_addrs=recipients)
    except ConnectionRefusedError:
        raise DigestError(where, "connection refused (is an SMTP server listening there?)") from None
    except socket.gaierror as exc:
        raise DigestError(where, f"cannot find the host: {one_line(exc.strerror or exc)}") from None
    except TimeoutError:
        raise DigestError(where, f"no answer within {settings.timeout:g} s while {step}") from None
    except smtplib.SMTPAuthenticationError as exc:
        raise DigestError(where, f"login failed for user {settings.user}: {_response(exc.smtp_code, exc.smtp_error)}") from None
    except smtplib.SMTPNotSupportedError as exc:
        if step == "STARTTLS":
            problem = "the server does not offer STARTTLS (use --ssl, or neither for plain SMTP)"
        elif step == "login":
            problem = "the server does not offer login (AUTH) on this connection; try --starttls or --ssl"
        else:
            problem = f"the server does not support what this message needs: {one_line(exc)}"
        raise DigestError(where, problem) from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise DigestError(where, f"recipient(s) rejected, nothing sent: {_refusals(exc.recipients)}") from None
    except smtplib.SMTPSenderRefused as exc:
        raise DigestError(where, f"sender {exc.sender} rejected, nothing sent: {_response(exc.smtp_code, exc.smtp_error)}") from None
    except smtplib.SMTPDataError as exc:
        raise DigestError(where, f"message rejected, nothing sent: {_response(exc.smtp_code, exc.smtp_error)}") from None
    except smtplib.SMTPConnectError as exc:
        raise DigestError(where, f"the server refused the connection: {_response(exc.smtp_code, exc.smtp_error)}") from None
    except smtplib.SMTPServerDisconnected as exc:
        raise DigestError(where, f"the server closed the connection while {step}: {one_line(exc) or 'no reason given'}") from None
    except smtplib.SMTPResponseException as exc:
        raise DigestError(where, f"{step} failed: {_response(exc.smtp_code, exc.smtp_error)}") from None
    except smtplib.SMTPException as exc:
        raise DigestError(where, f"{step} failed: {one_line(exc)}") from None
    except ssl.SSLCertVerificationError as exc:
        raise DigestError(where, f"TLS certificate not trusted: {one_line(exc.verify_message or exc)}") from None
    except ssl.SSLError as exc:
        raise DigestError(where, f"TLS failed while {step} (is this port speaking {'TLS' if settings.security == 'ssl' else 'STARTTLS'}?): {one_line(exc.reason or exc)}") from None
    except OSError as exc:
        raise DigestError(where, f"cannot talk to the server while {step}: {one_line(exc.strerror or exc)}") from None
    finally:
        if client is not None:
            _quit(client)
    if refused:
        accepted = [r for r in recipients if r not in refused]
        raise DigestError(where, f"recipient(s) rejected: {_refusals(refused)}; the message was sent to {', '.join(accepted)} only")
    return recipients


def _quit(client: smtplib.SMTP) -> None:
    """Say goodbye; a server that hangs up first has already taken (or refused) the message."""
    try:
        client.quit()
    except (smtplib.SMTPException, OSError):
        client.close()
