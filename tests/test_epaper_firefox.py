"""The page generator's sixth engine (`epaper.py --engine firefox`, benchmarks/epaperkit/firefox.py):
the same HTML as Chromium's printed by Firefox (Gecko, its PDF written by cairo), driven over
Marionette, one Firefox per process.

The tests skip without firefox-esr (apt-get install -y firefox-esr) or poppler-utils, and
without ../shared (the real articles).
"""

from __future__ import annotations

import json
import re
import shutil
import sys

import pytest
from conftest import ROOT

from digest.clean import han_only
from digest.ingest import text_pages
from digest.pdf.pdfium import read_pages

sys.path.insert(0, str(ROOT / "benchmarks"))
from epaperkit import firefox, sources  # noqa: E402
from epaperkit.build import generate  # noqa: E402
from epaperkit.render import extract, page_count, render_pdf  # noqa: E402

pytestmark = [
    pytest.mark.skipif(not firefox.binary(), reason="firefox-esr is not installed"),
    pytest.mark.skipif(not (shutil.which("pdftotext") and shutil.which("fc-match")), reason="poppler-utils or fontconfig is not installed"),
]
needs_shared = pytest.mark.skipif(not sources.available(), reason="../shared (the real articles) is absent")


def collapse(text: str) -> str:
    return re.sub(r"(.)\1+", r"\1", han_only(text))


def keys_of(folder):
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("p*.json"))]


def test_simplified_glyphs_no_japanese_face_has_keep_their_code_points_in_the_text_layer(tmp_path):
    # Printed from the SC face of Debian's Noto CJK collection, Gecko named 京, 区, 门 ... by the
    # collection's JP face's cmap: U+FFFD. The standalone SC faces keep them.
    words = "北京市大兴区门前铺路事故"
    html = ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><style>@page { size: 300pt 200pt; margin: 0 }"
            "body { margin: 0; font-family: 'Noto Sans CJK SC' }</style></head>"
            f"<body><p>{words}</p><p style=\"font-family: 'Noto Serif CJK SC'; font-weight: bold\">{words}</p></body></html>")
    render_pdf(html, tmp_path / "t.pdf", "firefox")
    (page,) = read_pages((tmp_path / "t.pdf").read_bytes(), "t.pdf")
    assert (round(page.width), round(page.height)) == (300, 200)  # the page's size from its @page rule
    text = extract(tmp_path / "t.pdf", tmp_path / "t")["raw"].read_text(encoding="utf-8")
    assert "\ufffd" not in text
    assert re.search("[\u2f00-\u2fdf]", text)  # 大 named by its Kangxi radical ⼤, as cairo looks it up
    assert han_only(text_pages(text)[0]) == han_only(words) * 2  # mapped back as the text path reads


def _fake_firefox(tmp_path, monkeypatch, port: int) -> None:
    """A `firefox-esr` on PATH that writes `port` as Marionette's, starts a child (as Firefox
    starts its content processes: pid in `content`), writes its own pid to `pid` and sleeps; temp
    dirs under tmp_path/tmp."""
    import os
    import tempfile

    fake = tmp_path / "bin" / "firefox-esr"
    fake.parent.mkdir()
    fake.write_text('#!/bin/sh\nwhile [ $# -gt 0 ]; do [ "$1" = --profile ] && profile=$2; shift; done\n'
                    f'sleep 300 &\necho $! > "{tmp_path}/content"\n'
                    f'echo $$ > "{tmp_path}/pid"\nprintf {port} > "$profile/MarionetteActivePort"\nexec sleep 300\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()


def _gone(pid: int) -> bool:
    """No such process, or a zombie waiting for a parent that does not reap (a container's init)."""
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().rsplit(")", 1)[1].split()[0] == "Z"


def _assert_firefox_and_its_children_gone(tmp_path) -> None:
    import time

    pids = [int((tmp_path / name).read_text()) for name in ("pid", "content")]
    deadline = time.monotonic() + 5  # a reparented child is reaped by init a moment later
    while not all(map(_gone, pids)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(map(_gone, pids)), pids
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_firefox_whose_marionette_refuses_the_connection_is_killed_and_its_profile_removed(tmp_path, monkeypatch):
    # A Firefox that wrote its port but never listened (or died on it) raised ConnectionRefusedError
    # from the constructor: the process ran on and its temp profile (fonts, ~40 MB) stayed.
    import socket

    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    _fake_firefox(tmp_path, monkeypatch, port)
    with pytest.raises(RuntimeError, match="firefox did not start"):
        firefox.Firefox()
    _assert_firefox_and_its_children_gone(tmp_path)


def test_a_marionette_that_never_answers_is_an_error_by_the_reply_timeout_and_its_content_processes_killed(tmp_path, monkeypatch):
    # Connected, no greeting ever: an error at the reply deadline, and Firefox's whole process
    # group killed (a content process outlived its parent, killed alone).
    import socket
    import time

    with socket.create_server(("127.0.0.1", 0)) as mute:  # listening, never accepting nor answering
        _fake_firefox(tmp_path, monkeypatch, mute.getsockname()[1])
        start = time.monotonic()
        with pytest.raises(RuntimeError, match="firefox did not start: firefox gave no whole reply in time"):
            firefox.Firefox(reply_timeout=1)
        assert time.monotonic() - start < 30
    _assert_firefox_and_its_children_gone(tmp_path)


def test_a_marionette_answering_a_byte_at_a_time_is_cut_off_at_the_reply_deadline_not_each_reads(tmp_path, monkeypatch):
    # The socket's timeout bounded each recv(), not the reply: a byte every 0.2 s (never a whole
    # message) kept the generator waiting for ever.
    import socket
    import threading
    import time

    stop = threading.Event()

    def trickle(server):
        conn, _ = server.accept()
        with conn:
            while not stop.wait(0.2):
                try:
                    conn.sendall(b"9")
                except OSError:
                    return

    with socket.create_server(("127.0.0.1", 0)) as server:
        thread = threading.Thread(target=trickle, args=(server,), daemon=True)
        thread.start()
        _fake_firefox(tmp_path, monkeypatch, server.getsockname()[1])
        start = time.monotonic()
        try:
            with pytest.raises(RuntimeError, match="no whole reply in time"):
                firefox.Firefox(reply_timeout=1.5)
        finally:
            stop.set()
        assert time.monotonic() - start < 30
        thread.join(5)
    _assert_firefox_and_its_children_gone(tmp_path)


@needs_shared
def test_firefox_page_is_printed_at_its_size_and_every_start_is_in_its_text(tmp_path):
    for name in ("a", "b"):
        generate(tmp_path / name, pages=1, seed=11, split="dev", engine="firefox")
    for stem in ("p0001.html", "p0001.json", "p0001.raw.txt"):  # same seed: same page, same text (not the PDF's date)
        assert (tmp_path / "a" / stem).read_bytes() == (tmp_path / "b" / stem).read_bytes(), stem
    (page,) = read_pages((tmp_path / "a" / "p0001.pdf").read_bytes(), "p0001.pdf")
    assert (round(page.width), round(page.height)) == (842, 1191)
    text = collapse(text_pages((tmp_path / "a" / "p0001.raw.txt").read_text(encoding="utf-8"))[0])
    for entry in keys_of(tmp_path / "a")[0]["articles"]:
        assert collapse(entry["first"]) in text, entry["first"]


@needs_shared
def test_firefox_flow_page_keeps_only_stories_printed_whole_though_its_text_names_radicals(tmp_path):
    # The fit reads the proof's text with radicals mapped back: else every story with a 大 in
    # its first or last 12 characters would be taken out as unprinted.
    generate(tmp_path, pages=1, seed=7, split="dev", engine="firefox", layout="flow")
    (key,) = keys_of(tmp_path)
    assert len(key["articles"]) >= 3 and page_count(tmp_path / "p0001.pdf") == 1
    text = han_only(text_pages((tmp_path / "p0001.raw.txt").read_text(encoding="utf-8"))[0])
    for entry in key["articles"]:
        assert entry["first"] in text and entry["last"] in text, entry
