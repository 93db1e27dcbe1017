"""HTML reports (``--format html``): self-contained pages, checked in a real headless browser.

The browser tests drive Debian's Chromium in its own headless mode: ``--dump-dom`` gives the
DOM after rendering, ``--screenshot`` a PNG whose pixels must show the pass / fail / unknown
colours, ``--print-to-pdf`` the printed page.  They are skipped, with the reason, only where
no Chromium is installed (``.ci/run`` installs it).
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT
from eligo.match import MatchResult, load_trials, match
from eligo.patient import load_patient
from eligo.report_html import match_html, screen_html
from eligo.screening import ScreenResult, screen
from eligo.trial import load_trial

DATA = ROOT / "tests" / "data" / "match"
PATIENT = DATA / "M1-no-inr.json"
MIXED = DATA / "trials" / "T4-one-fail.yaml"  # one pass, one fail, one unknown for M1
AS_OF = date(2026, 11, 27)
ELIGO = Path(sys.executable).parent / "eligo"
COLOURS = {"pass": (0x2E, 0x7D, 0x32), "fail": (0xC6, 0x28, 0x28), "unknown": (0xF9, 0xA8, 0x25)}


def _result() -> ScreenResult:
    return screen(load_patient(PATIENT), load_trial(MIXED), AS_OF)


def _page() -> str:
    return screen_html([_result()], load_trial(MIXED))


# ------------------------------------------------------------------ the HTML itself


def test_page_has_verdict_every_criterion_and_worklist() -> None:
    page = _page()
    assert page.startswith("<!DOCTYPE html>")
    assert 'data-verdict="ineligible"' in page and "INELIGIBLE" in page
    for outcome, cid in (("pass", "I1"), ("fail", "I2"), ("unknown", "E1")):
        assert f'<li class="criterion {outcome}" id="TEST-ONE-FAIL-{cid}"' in page
    assert "platelet count 120000 /uL (2026-11-20) is not &gt; 150000 /uL" in page
    assert "Needs: measure INR" in page
    assert "Data that would decide the open criteria" in page
    assert "rule: platelets &gt; 150000 /uL" in page


def test_page_is_self_contained() -> None:
    page = _page() + match_html(_match())
    assert "<script" not in page and "<link" not in page and "<img" not in page
    assert "@import" not in page and "url(" not in page
    assert not re.search(r"\bsrc\s*=", page)
    hrefs = re.findall(r'href="([^"]+)"', page)
    assert all(h.startswith("#") for h in hrefs)  # synthetic trials carry no registry link


def test_page_has_print_css() -> None:
    page = _page()
    assert "@media print" in page and "print-color-adjust: exact" in page
    assert "break-inside: avoid" in page


def test_registry_and_record_text_is_escaped() -> None:
    result = _result()
    hostile = replace(result, patient='<img src=x onerror="alert(1)">')
    page = screen_html([hostile], load_trial(MIXED))
    assert "<img" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page


def test_batch_page_has_a_summary_and_a_section_per_patient() -> None:
    r = _result()
    page = screen_html([r, replace(r, patient="M2")], load_trial(MIXED), ["bad.json: unreadable"])
    assert page.count('<section class="trial"') == 2
    assert '<a href="#p-1">M2</a>' in page
    assert "bad.json: unreadable" in page
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids))  # anchors stay unique across patients


def _match() -> MatchResult:
    trials, errors = load_trials(DATA / "trials")
    return match(load_patient(PATIENT), trials, AS_OF, errors=errors, folder="trials")


def test_match_page_ranks_and_details_every_trial() -> None:
    page = match_html(_match())
    ids = ["TEST-ELIGIBLE", "TEST-ONE-OPEN", "TEST-TWO-OPEN", "TEST-ONE-FAIL", "TEST-TWO-FAIL"]
    rows = [page.index(f'<a href="#t-{t}">') for t in ids]
    assert rows == sorted(rows)
    assert page.count('<section class="trial"') == 5
    assert "measure INR to decide criteria in 2 trials" in page
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids))  # anchors stay unique across trials


def test_cli_html_to_stdout_and_file(tmp_path: Path) -> None:
    out = subprocess.run(
        [str(ELIGO), "screen", str(PATIENT), str(MIXED), "--as-of", "2026-11-27", "-f", "html"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("<!DOCTYPE html>") and out.stdout.rstrip().endswith("</html>")
    target = tmp_path / "m.html"
    args = ["match", str(PATIENT), str(DATA / "trials"), "--as-of", "2026-11-27", "-f", "html"]
    done = subprocess.run([str(ELIGO), *args, "-o", str(target)], capture_output=True, timeout=120)
    assert done.returncode == 0 and done.stdout == b""
    assert "TEST-TWO-FAIL" in target.read_text("utf-8")
    text_o = subprocess.run(
        [str(ELIGO), "screen", str(PATIENT), str(MIXED), "-o", str(target)], capture_output=True
    )
    assert text_o.returncode == 2  # -o is for the HTML page; text goes to stdout


# ------------------------------------------------------------------ in a real browser


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip(
        "Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it); "
        "the HTML report was checked as text only"
    )


def _browse(tmp_path: Path, page: Path, *mode: str) -> subprocess.CompletedProcess[bytes]:
    profile = tmp_path / "profile"
    args = [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        "--window-size=1200,1600",
        *mode,
        page.as_uri(),
    ]
    done = subprocess.run(args, capture_output=True, timeout=180, cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    return done


def _png_rows(data: bytes) -> Iterator[list[tuple[int, int, int]]]:
    """Decode an 8-bit RGB/RGBA, non-interlaced PNG (what Chromium writes), row by row."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, ctype = 8, b"", 0, 0, 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and interlace == 0
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    bpp = 4 if ctype == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        f, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        if f == 2:
            line = bytearray((x + p) & 0xFF for x, p in zip(line, prev, strict=True))
        elif f:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], prev[i - bpp] if i >= bpp else 0
                if f == 1:
                    line[i] = (line[i] + a) & 0xFF
                elif f == 3:
                    line[i] = (line[i] + (a + b) // 2) & 0xFF
                else:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                    line[i] = (line[i] + pred) & 0xFF
        yield [(line[i], line[i + 1], line[i + 2]) for i in range(0, stride, bpp)]
        prev = bytes(line)


def _png_size(data: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _near(px: tuple[int, int, int], rgb: tuple[int, int, int], tol: int = 12) -> bool:
    return all(abs(p - q) <= tol for p, q in zip(px, rgb, strict=True))


def test_rendered_dom_shows_verdict_and_coloured_criteria(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(_page(), "utf-8")
    dom = _browse(tmp_path, page, "--dump-dom").stdout.decode("utf-8")
    assert re.search(r'<div class="verdict ineligible"[^>]*><strong>INELIGIBLE</strong>', dom)
    for outcome in ("pass", "fail", "unknown"):
        assert re.search(rf'<li class="criterion {outcome}"[^>]*data-outcome="{outcome}"', dom)
    assert "Needs: measure INR" in dom


def test_screenshot_shows_pass_fail_and_unknown_colours(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(_page(), "utf-8")
    _browse(tmp_path, page, "--screenshot=shot.png")
    shot = tmp_path / "shot.png"
    assert shot.exists() and shot.stat().st_size > 10_000
    data = shot.read_bytes()
    assert _png_size(data) == (1200, 1600)
    hits = dict.fromkeys(COLOURS, 0)
    seen: set[tuple[int, int, int]] = set()
    for row in _png_rows(data):  # stop once every colour is found: decoding is slow in Python
        counts = Counter(row)
        seen.update(counts)
        for outcome, rgb in COLOURS.items():
            hits[outcome] += sum(n for px, n in counts.items() if _near(px, rgb))
        if min(hits.values()) > 500 and len(seen) > 50:
            break
    for outcome, n in hits.items():
        assert n > 500, f"too few {outcome} pixels ({n}) in the screenshot"
    assert len(seen) > 50  # text was drawn, not a blank or one-colour page


def test_match_page_renders_and_prints(tmp_path: Path) -> None:
    page = tmp_path / "match.html"
    page.write_text(match_html(_match()), "utf-8")
    dom = _browse(tmp_path, page, "--dump-dom").stdout.decode("utf-8")
    assert dom.count('<section class="trial"') == 5
    _browse(tmp_path, page, "--print-to-pdf=match.pdf", "--no-pdf-header-footer")
    pdf = (tmp_path / "match.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 5_000
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 5  # each trial starts a printed page
