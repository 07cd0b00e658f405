"""The HTML page: escaping, offsets and scale in Python; layout and clicks in headless Chromium.

The browser tests start Debian's ``/usr/bin/chromium`` themselves and skip when it is absent.
Clicks are real mouse events sent over the DevTools protocol on a pipe
(``--remote-debugging-pipe``: NUL-separated JSON on file descriptors 3 and 4), so no
websocket client or browser driver is needed.
"""

from __future__ import annotations

import base64
import dataclasses
import fcntl
import html
import json
import os
import re
import select
import struct
import subprocess
import time
import zlib
from pathlib import Path
from typing import Any

import pytest

from govie.batch import read_text_file
from govie.cli import main
from govie.pipeline import Pipeline
from govie.render import render_html
from govie.types import Check, Document, Entity, Relation

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "report_2022.txt"
CHROMIUM = os.environ.get("GOVIE_CHROMIUM", "/usr/bin/chromium")  # Debian's package
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1400,1000"]

needs_chromium = pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK),
                                    reason=f"{CHROMIUM} is absent: install Debian's chromium "
                                           "(apt-get install chromium) to run the browser tests")


@pytest.fixture(scope="module")
def rules():
    return Pipeline(entities="rules")


@pytest.fixture(scope="module")
def example(rules):
    return rules.parse(read_text_file(EXAMPLE))


def broken_example(rules) -> Document:
    """The example with a wrong Table-3 total (a failed check) and one value_of relation."""
    text = read_text_file(EXAMPLE).replace("（七）总计 | 10 | 1 | 0 | 0 | 1 | 0 | 12", "（七）总计 | 10 | 1 | 0 | 0 | 1 | 0 | 13")
    doc = rules.parse(text)
    count = next(e for e in doc.entities if e.text == "1268条")
    metric = next(e for e in doc.entities if e.label == "METRIC" and e.end == count.start)
    return dataclasses.replace(doc, relations=(Relation("R1", count.id, metric.id, "value_of", 0.9),))


# ------------------------------------------------------------------ Python only
def test_everything_is_escaped():
    text = "局</script><script>alert(1)</script> & <b>粗</b> \"'收到申请12件"
    s = text.index("12件")
    doc = Document(text=text, entities=(Entity("T1", s, s + 3, "COUNT", "12件", 0.5, "rule"),),
                   checks=(Check("X-02", "high", "a <b>message</b> & more", ("k<1>",)),))
    page = render_html(doc, title="<title> & co")
    assert "<script>alert(1)" not in page and "<b>" not in page
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in page
    assert "<title>&lt;title&gt; &amp; co</title>" in page
    payload = re.search(r'<script type="application/json" id="govie-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in payload and json.loads(payload)["checks"][0]["message"] == "a <b>message</b> & more"
    assert '<span class="e l3" data-e="0">12件</span>' in page
    assert "http://" not in page and "https://" not in page and "<link" not in page


def test_text_survives_exactly():
    """The text between tags, unescaped, is the original: offsets never drift (CR, astral chars, tags)."""
    text = "𠀀局\r\n收到申请12件。<x>&amp;\n"
    s = text.index("12件")
    doc = Document(text=text, entities=(Entity("T1", 1, 2, "AGENCY", "局"), Entity("T2", s, s + 3, "COUNT", "12件")))
    page = render_html(doc)
    body = re.search(r'<div id="text">(.*?)</div>\n</section>', page, re.S).group(1)
    assert html.unescape(re.sub(r"<[^>]+>", "", body)) == text
    assert '<span class="e l0" data-e="0">局</span>' in body


def test_overlapping_evidence_and_entities_split_cleanly(example):
    page = render_html(example)
    data = json.loads(re.search(r'id="govie-data">(.*?)</script>', page, re.S).group(1))
    assert len(data["indicators"]) == len(example.indicators) > 0
    assert sum(d["ev"] for d in data["indicators"]) == sum(1 for v in example.indicators.values() if v.source)
    # every indicator with evidence has at least one piece carrying its index
    pieces = re.findall(r'data-v="([\d ]+)"', page)
    marked = {int(i) for p in pieces for i in p.split()}
    assert marked == {i for i, d in enumerate(data["indicators"]) if d["ev"]}


def test_a_megabyte_renders_quickly(example):
    reps = 1_000_000 // len(example.text) + 1
    text = example.text * reps
    n = len(example.text)
    ents = tuple(dataclasses.replace(e, id=f"T{k * 1000 + i}", start=e.start + k * n, end=e.end + k * n)
                 for k in range(reps) for i, e in enumerate(example.entities))
    doc = Document(text=text, entities=ents)
    t0 = time.perf_counter()
    page = render_html(doc)
    took = time.perf_counter() - t0
    assert len(text) >= 1_000_000 and took < 20, took
    # one element per entity piece, not per character; blocks of ~20k characters cut at line ends
    assert page.count(' data-e="') == len(ents) < len(text) // 5
    assert len(text) // 25_000 < page.count('<div class="blk">') <= len(text) // 20_000 + 1
    body = page[page.index('<div id="text">') + 15:page.index("</div>\n</section>")]
    assert html.unescape(re.sub(r"<[^>]+>", "", body)) == text


def test_cli_render(tmp_path, capsys):
    out = tmp_path / "page.html"
    assert main(["render", str(EXAMPLE), "-o", str(out), "--rules"]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "临江县教育局" in page
    assert f"{len(Pipeline(entities='rules').parse(read_text_file(EXAMPLE)).indicators)} indicators" \
        in capsys.readouterr().err


# ------------------------------------------------------------------ Chromium
def png_info(path: Path) -> tuple[int, int, bytes]:
    """Returns (width, height, decompressed scanlines) of a PNG, with the standard library only."""
    raw = path.read_bytes()
    assert raw[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, w, h = 8, b"", 0, 0
    while pos < len(raw):
        length, kind = struct.unpack(">I4s", raw[pos:pos + 8])
        chunk = raw[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            w, h = struct.unpack(">II", chunk[:8])
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    return w, h, zlib.decompress(idat)


def run_chromium(*args: str, tmp: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp / 'profile'}", *args],
                          capture_output=True, text=True, timeout=timeout)


class Chromium:
    """Headless Chromium driven over ``--remote-debugging-pipe`` (the DevTools protocol, no network)."""

    def __init__(self, url: str, tmp: Path) -> None:
        # the browser reads commands on fd 3 and writes replies on fd 4; keep our ends above 4
        r_cmd, w_cmd = os.pipe()
        r_res, w_res = os.pipe()
        r_cmd, w_cmd, r_res, w_res = (fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (r_cmd, w_cmd, r_res, w_res))

        def child() -> None:
            os.dup2(r_cmd, 3)
            os.dup2(w_res, 4)

        self.proc = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={tmp / 'profile-cdp'}",
                                      "--remote-debugging-pipe", url], preexec_fn=child, pass_fds=(3, 4),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for fd in (r_cmd, w_res):
            os.close(fd)
        self.w, self.r, self.buf, self.n = w_cmd, r_res, b"", 0
        targets = self.send("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.send("Target.attachToTarget", targetId=page["targetId"], flatten=True)["sessionId"]
        # --window-size includes the (invisible) browser frame; pin the viewport itself
        self.send("Emulation.setDeviceMetricsOverride", self.session, width=1400, height=1000,
                  deviceScaleFactor=1, mobile=False)
        deadline = time.time() + 30
        # right after attaching the page may still be about:blank, without a documentElement
        ready = (f"location.href === {json.dumps(url)} && !!document.documentElement && "
                 "document.documentElement.getAttribute('data-govie-ready') === '1'")
        while not self.js(ready):
            assert time.time() < deadline, "the page script never finished"
            time.sleep(0.1)

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self.n += 1
        msg: dict[str, Any] = {"id": self.n, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        os.write(self.w, json.dumps(msg).encode() + b"\0")
        deadline = time.time() + 30
        while True:
            while b"\0" not in self.buf:
                assert time.time() < deadline, f"no reply to {method}"
                if select.select([self.r], [], [], 1)[0]:
                    data = os.read(self.r, 1 << 20)
                    assert data, "chromium closed the pipe"
                    self.buf += data
            line, self.buf = self.buf.split(b"\0", 1)
            reply = json.loads(line)
            if reply.get("id") == self.n:
                assert "error" not in reply, reply["error"]
                return reply["result"]

    def js(self, expr: str) -> Any:
        res = self.send("Runtime.evaluate", self.session, expression=expr, returnByValue=True)
        assert "exceptionDetails" not in res, res["exceptionDetails"]
        return res["result"].get("value")

    def click(self, selector: str) -> None:
        """Scrolls the element into view and clicks its centre with real mouse events."""
        x, y = self.js(f"(function(){{var e=document.querySelector({json.dumps(selector)});"
                       "e.scrollIntoView({block:'center'});"
                       "var r=e.getBoundingClientRect();return [r.x+r.width/2,r.y+r.height/2];})()")
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", self.session, type=kind, x=x, y=y, button="left", clickCount=1)

    def hover(self, selector: str) -> None:
        x, y = self.js(f"(function(){{var r=document.querySelector({json.dumps(selector)}).getBoundingClientRect();"
                       "return [r.x+r.width/2,r.y+r.height/2];})()")
        self.send("Input.dispatchMouseEvent", self.session, type="mouseMoved", x=x, y=y)

    def screenshot(self, path: Path) -> None:
        path.write_bytes(base64.b64decode(self.send("Page.captureScreenshot", self.session, format="png")["data"]))

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (AssertionError, OSError):
            pass
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self.w, self.r):
            os.close(fd)


@needs_chromium
def test_screenshot_and_dom(example, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(render_html(example), encoding="utf-8")
    png = tmp_path / "page.png"
    run_chromium(f"--screenshot={png}", page.as_uri(), tmp=tmp_path)
    assert png.is_file() and png.stat().st_size > 20_000
    w, h, pixels = png_info(png)
    assert (w, h) == (1400, 1000)
    # scanlines are filtered (differences to the left / upper pixel), so a blank page is almost
    # all zero bytes after decompression; text, colours and tables make a few percent non-zero
    nonzero = 1 - pixels.count(0) / len(pixels)
    assert len(set(pixels)) > 50 and nonzero > 0.03, nonzero

    dom = run_chromium("--dump-dom", page.as_uri(), tmp=tmp_path).stdout
    assert 'data-govie-ready="1"' in dom, "the page script did not run"
    with_ev = sum(1 for v in example.indicators.values() if v.source)
    assert len(re.findall(r'<a class="ev" href="#" data-i="\d+"', dom)) == with_ev
    assert len(re.findall(r'<tr class="st-', dom)) == len(example.indicators)
    t3 = sum(1 for v in example.indicators.values() if v.source and v.source.table_id == "t3")
    assert t3 and f"<summary>table t3 ({t3})</summary>" in dom
    assert len(re.findall(r'<button class="l\d+"', dom)) == len({e.label for e in example.entities})


@needs_chromium
def test_clicks(rules, tmp_path):
    doc = broken_example(rules)
    assert doc.checks, "the broken total should fail a check"
    page = tmp_path / "page.html"
    page.write_text(render_html(doc), encoding="utf-8")
    b = Chromium(page.as_uri(), tmp_path)
    try:
        assert b.js("document.getElementById('text').textContent") == doc.text

        # clicking a value far down the report scrolls the text to its evidence and marks it
        keys = list(doc.indicators)
        key = "app_carried_forward__total"
        v = doc.indicators[key]
        i = keys.index(key)
        b.click(f'a.ev[data-i="{i}"]')
        assert b.js("Array.from(document.querySelectorAll('#text .hl')).map(e=>e.textContent).join('')") \
            == doc.text[v.source.start:v.source.end] == v.raw
        assert b.js(f"document.querySelector('tr.sel').dataset.key") == key
        top, bottom = b.js("(function(){var p=document.getElementById('textpane').getBoundingClientRect();"
                           "var r=document.querySelector('#text .hl').getBoundingClientRect();"
                           "return [r.top-p.top, p.bottom-r.bottom];})()")
        assert top > 0 and bottom > 0, "evidence not scrolled into view"
        assert b.js("document.getElementById('textpane').scrollTop") > 0

        # clicking a failed check marks exactly the rows of its keys
        b.click(".check")
        marked = b.js("Array.from(document.querySelectorAll('tr.chk')).map(t=>t.dataset.key)")
        assert set(marked) == {k for k in doc.checks[0].keys if k in doc.indicators} and marked

        # hovering an entity shows its label and score and outlines the entity it is linked to
        rel = doc.relations[0]
        head, tail = doc.entity(rel.head), doc.entity(rel.tail)
        hi = doc.entities.index(head)
        b.js(f"document.querySelector('#text [data-e=\"{hi}\"]').scrollIntoView({{block:'center'}})")
        b.hover(f'#text [data-e="{hi}"]')
        assert "COUNT · score 1.00" in b.js("document.getElementById('info').textContent")
        assert b.js(f"document.querySelector('#text [data-e=\"{hi}\"]').title").startswith("COUNT · score 1.00 · T")
        assert b.js("Array.from(document.querySelectorAll('#text .linked')).map(e=>e.textContent).join('')") \
            == tail.text
        assert b.js("document.querySelectorAll('#rel-list li.sel').length") == 1
        b.screenshot(tmp_path / "clicked.png")
        assert png_info(tmp_path / "clicked.png")[:2] == (1400, 1000)
    finally:
        b.close()
