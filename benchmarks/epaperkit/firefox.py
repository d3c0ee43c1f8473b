"""HTML printed to PDF by Firefox (Gecko): a sixth engine (`epaper.py --engine firefox`).

Debian's firefox-esr, headless, driven over Marionette (its own wire protocol: JSON messages
`LENGTH:[0, id, command, params]` on a TCP socket; no client library needed), one Firefox
started per process and reused for every page: a fresh profile in a temp dir, Marionette on a
free port (`marionette.port` 0, the port read from the profile's MarionetteActivePort),
`WebDriver:Navigate` to the page's file, `WebDriver:Print` at the page's size (from its
`@page` rule), zero margins (the page's own `@page` margin stands), backgrounds printed,
shrink-to-fit off, no headers or footers. Gecko lays the page out (its own CJK line breaking and
justification on flow pages) and writes the PDF through cairo: its own font subsets, glyphs
named by a reverse lookup of the font's cmap, so an ideograph sharing its glyph with a Kangxi
radical comes out as the radical (`⼤` for 大), as wkhtmltopdf's do.

Fonts: Debian ships Noto CJK as OpenType collections (one .ttc holds the JP, KR, SC, TC and HK
faces). Printed from the SC face of a collection, Gecko's PDF names every glyph by the
collection's first (JP) face's cmap, so each simplified glyph the JP face has no code point for
(京, 区, 门 ...) is written U+FFFD: about a third of a page's Han characters lost from the text
layer. Firefox here is given the SC faces saved as standalone OpenType fonts (fontTools, from
the system's collections, under the same family names) through a fontconfig file of its own,
so the text layer holds what was printed (radicals aside).
"""

from __future__ import annotations

import atexit
import base64
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

FAMILIES = ("Noto Sans CJK SC", "Noto Serif CJK SC")
PREFS = {
    "marionette.port": 0,  # a free port, written to the profile's MarionetteActivePort
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "app.update.disabledForTesting": True,
    "browser.sessionstore.resume_from_crash": False,
}
CM_PER_PT = 2.54 / 72
START_TIMEOUT = 90  # seconds for Firefox to open Marionette's port
REPLY_TIMEOUT = 300  # seconds for any one whole reply (a page's print): a hung Firefox is an error, not a wait forever
QUIT_TIMEOUT = 20  # seconds for Firefox to quit before it is killed


def binary() -> str | None:
    return shutil.which("firefox-esr") or shutil.which("firefox")


def standalone_fonts(folder: Path) -> None:
    """The SC faces of the system's Noto CJK (regular and bold), each saved alone into
    `folder` (a face of a collection taken out of it; a lone font file copied)."""
    from fontTools.ttLib import TTCollection

    for family in FAMILIES:
        for style in ("Regular", "Bold"):
            found = subprocess.run(["fc-match", "--format=%{file}\n%{index}\n%{family}", f"{family}:style={style}"],
                                   capture_output=True, text=True, check=True).stdout.split("\n")
            path, index, families = found[0], int(found[1] or 0), found[2]
            if family not in families.split(","):
                raise RuntimeError(f"font {family} {style} is not installed (apt-get install -y fonts-noto-cjk)")
            target = folder / f"{family.replace(' ', '')}-{style}.otf"
            if path.lower().endswith((".ttc", ".otc")):
                TTCollection(path, lazy=True).fonts[index].save(str(target))
            else:
                shutil.copyfile(path, target)


class Firefox:
    """One headless Firefox and its Marionette session; `print_pdf` prints one HTML file."""

    def __init__(self, reply_timeout: float = REPLY_TIMEOUT) -> None:
        self.reply_timeout = reply_timeout
        exe = binary()
        if not exe:
            raise RuntimeError("firefox-esr is not installed (apt-get install -y firefox-esr)")
        self.tmp = Path(tempfile.mkdtemp(prefix="epaper-firefox-"))
        self.proc = self.log = self.sock = None
        try:
            self._start(exe)
        except BaseException as error:  # fonts, start, connection, session: no Firefox nor profile left behind
            said = self._log_tail()
            self.close(kill=True)
            if isinstance(error, (OSError, RuntimeError)):
                raise RuntimeError(f"firefox did not start: {error}{said}") from error
            raise

    def _start(self, exe: str) -> None:
        profile, fonts = self.tmp / "profile", self.tmp / "fonts"
        profile.mkdir()
        fonts.mkdir()
        standalone_fonts(fonts)
        (self.tmp / "fonts.conf").write_text(
            '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
            f"  <dir>{fonts}</dir>\n  <cachedir>{self.tmp / 'fccache'}</cachedir>\n</fontconfig>\n", encoding="utf-8")
        (profile / "user.js").write_text("".join(f'user_pref("{k}", {json.dumps(v)});\n' for k, v in PREFS.items()),
                                         encoding="utf-8")
        env = {**os.environ, "FONTCONFIG_FILE": str(self.tmp / "fonts.conf"), "MOZ_HEADLESS": "1",
               "SOURCE_DATE_EPOCH": "1735689600", "TMPDIR": str(self.tmp)}
        self.log = open(self.tmp / "firefox.log", "wb")
        # A session of its own: its content processes are its process group, killed with it.
        self.proc = subprocess.Popen([exe, "--headless", "--marionette", "--no-remote", "--profile", str(profile),
                                      "about:blank"], stdout=self.log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        port_file = profile / "MarionetteActivePort"
        deadline = time.time() + START_TIMEOUT
        while not (port_file.exists() and port_file.read_text().strip()):
            if self.proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("Marionette did not come up")
            time.sleep(0.2)
        self.sock = socket.create_connection(("127.0.0.1", int(port_file.read_text())), timeout=self.reply_timeout)
        self.buf = b""
        self.msgid = 0
        self._read(time.monotonic() + self.reply_timeout)  # the server's greeting: {"applicationType": "gecko", "marionetteProtocol": 3}
        self.command("WebDriver:NewSession", {"capabilities": {"alwaysMatch": {"acceptInsecureCerts": True}}})

    def _log_tail(self) -> str:
        """The last lines Firefox printed (its log goes with its temp dir), for an error message."""
        try:
            tail = (self.tmp / "firefox.log").read_bytes()[-600:].decode("utf-8", "replace").strip()
        except OSError:
            return ""
        return f" (firefox said: {tail})" if tail else ""

    def _read(self, deadline: float):
        """The next message, whole by `deadline` (time.monotonic()): a Firefox that answers a byte
        at a time, or not at all, is an error then, however short each wait."""
        while b":" not in self.buf:
            self._fill(deadline)
        size, _, self.buf = self.buf.partition(b":")
        while len(self.buf) < int(size):
            self._fill(deadline)
        message, self.buf = self.buf[:int(size)], self.buf[int(size):]
        return json.loads(message)

    def _fill(self, deadline: float) -> None:
        left = deadline - time.monotonic()
        try:
            if left <= 0:
                raise TimeoutError
            self.sock.settimeout(left)
            chunk = self.sock.recv(1 << 20)
        except TimeoutError:
            raise RuntimeError("firefox gave no whole reply in time over Marionette") from None
        if not chunk:
            raise RuntimeError("firefox closed the Marionette connection")
        self.buf += chunk

    def command(self, name: str, params: dict, timeout: float | None = None):
        deadline = time.monotonic() + (self.reply_timeout if timeout is None else timeout)
        self.msgid += 1
        data = json.dumps([0, self.msgid, name, params]).encode()
        self.sock.settimeout(max(deadline - time.monotonic(), 0.001))
        self.sock.sendall(str(len(data)).encode() + b":" + data)
        while True:
            kind, msgid, error, result = self._read(deadline)
            if kind == 1 and msgid == self.msgid:
                break
        if error:
            raise RuntimeError(f"firefox {name}: {error.get('error')}: {error.get('message')}")
        return result

    def print_pdf(self, page: Path, out: Path, width_pt: float, height_pt: float) -> None:
        self.command("WebDriver:Navigate", {"url": page.resolve().as_uri()})
        result = self.command("WebDriver:Print", {
            "background": True, "shrinkToFit": False, "orientation": "portrait", "scale": 1.0,
            "margin": {"top": 0, "bottom": 0, "left": 0, "right": 0},
            "page": {"width": round(width_pt * CM_PER_PT, 4), "height": round(height_pt * CM_PER_PT, 4)}})
        out.write_bytes(base64.b64decode(result["value"]))

    def close(self, kill: bool = False) -> None:
        """Quit Firefox (killed when it does not quit within QUIT_TIMEOUT, or at once with `kill`),
        its content processes with it, and remove its temp dir (profile, fonts, log)."""
        if self.sock is not None and not kill:
            try:
                self.command("Marionette:Quit", {"flags": ["eForceQuit"]}, timeout=QUIT_TIMEOUT)
            except (OSError, RuntimeError):
                pass
        if self.sock is not None:
            self.sock.close()
            self.sock = None
        if self.proc is not None and not kill:
            try:
                self.proc.wait(timeout=QUIT_TIMEOUT)
            except subprocess.TimeoutExpired:
                pass
        if self.proc is not None:
            try:  # the group: a content process left hanging outlives its parent otherwise
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait()
        if self.log is not None:
            self.log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


_running: Firefox | None = None


def shared() -> Firefox:
    """The process's Firefox, started on first use and quit when the process exits."""
    global _running
    if _running is None or _running.proc.poll() is not None:
        _running = Firefox()
        atexit.register(_running.close)
    return _running


def page_size(html: str) -> tuple[float, float]:
    """The page's size in points, from its `@page { size: Wpt Hpt` rule."""
    size = re.search(r"@page \{ size: ([\d.]+)pt ([\d.]+)pt", html)
    if not size:
        raise ValueError("the page's HTML has no @page size in points")
    return float(size.group(1)), float(size.group(2))


def render(html: str, out: Path) -> None:
    """`html` printed to `out` by the shared Firefox."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "page.html"
        src.write_text(html, encoding="utf-8")
        browser = shared()
        try:
            browser.print_pdf(src, out, *page_size(html))
        except (OSError, RuntimeError):  # hung past REPLY_TIMEOUT, or gone: the next page starts a fresh one
            browser.close(kill=True)
            raise
