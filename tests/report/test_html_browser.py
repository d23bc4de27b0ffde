"""The HTML report renders in a real browser: headless Chromium takes a screenshot that is not blank.

Skipped unless Chromium (or Chrome) is installed (Debian: ``apt-get install chromium``). The PNG is decoded
with the standard library only (zlib and the PNG chunk layout).
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from pathlib import Path

import pytest

from iso9001_leadership.assessment import Assessment
from iso9001_leadership.report import render


def _chromium() -> str | None:
    """Debian's Chromium, else any Chromium or Chrome on PATH (GitHub's Ubuntu runners ship Chrome)."""
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


CHROMIUM = _chromium()

# CI installs Chromium and sets ISO9001_REQUIRE_BROWSER=1, so there a missing browser fails instead of skipping.
if CHROMIUM is None and os.environ.get("ISO9001_REQUIRE_BROWSER") == "1":
    pytest.fail("ISO9001_REQUIRE_BROWSER=1 but no Chromium or Chrome was found", pytrace=False)

needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}  # grey, RGB, grey + alpha, RGBA


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def decode_png(data: bytes) -> tuple[int, int, int, list[bytes]]:
    """Width, height, bytes per pixel and the unfiltered rows of an 8-bit, non-interlaced PNG."""
    assert data[:8] == _PNG_SIGNATURE, "not a PNG file"
    pos = 8
    header = b""
    idat = bytearray()
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert zlib.crc32(kind + body) == crc, f"bad CRC in {kind!r} chunk"
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8, f"bit depth {depth} not supported by this test"
    assert interlace == 0, "interlaced PNG not supported by this test"
    bpp = _CHANNELS[colour]
    raw = zlib.decompress(bytes(idat))
    stride = width * bpp
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        line = bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up = previous[i]
            corner = previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + ((left + up) >> 1)) & 0xFF
            elif kind == 4:
                line[i] = (line[i] + _paeth(left, up, corner)) & 0xFF
            else:
                assert kind == 0, f"unknown PNG filter {kind}"
        rows.append(bytes(line))
        previous = line
    return width, height, bpp, rows


def _pixels(bpp: int, rows: list[bytes], step: int = 3) -> Counter[bytes]:
    """Colours of every ``step``-th pixel of every ``step``-th row (enough to judge, quick to count)."""
    counts: Counter[bytes] = Counter()
    for row in rows[::step]:
        for x in range(0, len(row), bpp * step):
            counts[row[x : x + bpp]] += 1
    return counts


def _screenshot(html: str, tmp_path: Path) -> bytes:
    page = tmp_path / "report.html"
    page.write_text(html, encoding="utf-8")
    png = tmp_path / "report.png"
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--screenshot={png}",
        "--window-size=1200,1600",
        page.as_uri(),
    ]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert png.exists(), f"chromium wrote no screenshot (exit {completed.returncode}):\n{completed.stderr[-2000:]}"
    return png.read_bytes()


def test_decoder_reads_a_png_it_builds() -> None:
    """The stdlib PNG decoder reads back the pixels of a small PNG written with every filter type."""
    width, bpp = 3, 3
    pixels = [bytes([10, 20, 30, 200, 100, 50, 0, 255, 0]), bytes([1, 2, 3, 4, 5, 6, 7, 8, 9])] * 3
    raw = bytearray()
    previous = bytes(width * bpp)
    for y, row in enumerate(pixels):
        kind = y % 5
        raw.append(kind)
        for i, value in enumerate(row):
            left = row[i - bpp] if i >= bpp else 0
            up = previous[i]
            corner = previous[i - bpp] if i >= bpp else 0
            predictor = [0, left, up, (left + up) >> 1, _paeth(left, up, corner)][kind]
            raw.append((value - predictor) & 0xFF)
        previous = row

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, len(pixels), 8, 2, 0, 0, 0)
    png = _PNG_SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(raw))) + chunk(b"IEND", b"")
    assert decode_png(png) == (width, len(pixels), bpp, pixels)


@pytest.mark.slow
@needs_chromium
def test_html_report_renders_to_a_page_that_is_not_blank(assessment: Assessment, tmp_path: Path) -> None:
    """Headless Chromium renders the HTML report to a screenshot with a background, text and coloured badges."""
    png = _screenshot(render(assessment, "html", source="data/organization.yaml"), tmp_path)
    width, height, bpp, rows = decode_png(png)
    assert (width, height) == (1200, 1600)
    colours = _pixels(bpp, rows)
    total = sum(colours.values())
    background, most = colours.most_common(1)[0]
    assert len(colours) > 50, "the screenshot has almost no distinct colours"
    assert most / total < 0.97, "the screenshot is (nearly) one colour"
    dark = sum(n for c, n in colours.items() if max(c[:3]) < 90)
    assert dark / total > 0.002, "no dark pixels: no text was drawn"
    reddish = sum(n for c, n in colours.items() if bpp >= 3 and c[0] > 140 and c[1] < 80 and c[2] < 80)
    assert reddish > 0, "the nonconformity badges were not drawn"
    assert max(background[:3]) > 200, "the page background is not light"


@pytest.mark.slow
@needs_chromium
def test_an_empty_page_would_be_caught(tmp_path: Path) -> None:
    """The blankness check fails on a page with nothing on it, so the test above can fail."""
    png = _screenshot(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'></head><body></body></html>", tmp_path
    )
    _, _, bpp, rows = decode_png(png)
    colours = _pixels(bpp, rows)
    assert len(colours) == 1
