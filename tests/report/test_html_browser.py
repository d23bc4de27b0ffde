"""The HTML report in a real browser: headless Chromium renders it on screen at A4 width and prints it to PDF.

On screen, the screenshot is not blank, the executive summary fills the first screen with its five counts side
by side, and a logo given as a data: URI is drawn. On paper, every page is A4, the page count stays in a sane
range, page 1 holds the executive summary and the findings start on a page of their own.

Skipped unless Chromium (or Chrome) is installed (Debian: ``apt-get install chromium``), except where
``ISO9001_REQUIRE_BROWSER=1`` (CI), where a missing browser fails. The PNG and the PDF are read with the
standard library only (zlib, the PNG chunk layout, and the few PDF objects Chromium writes for text).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import struct
import subprocess
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from iso9001_leadership import load
from iso9001_leadership.assessment import Assessment, assess
from iso9001_leadership.report import Logo, render
from iso9001_leadership.report._html import TOP_ACTIONS

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "precision-pumps" / "organization.yaml"

#: A4 at the 96 pixels per inch of CSS: the width of the page and the height of the first screen.
A4_PIXELS = (794, 1123)


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


def _chromium_run(html: str, tmp_path: Path, output: Path, *flags: str) -> bytes:
    """Chromium headless on ``html``, offline and with a profile of its own, writing ``output``."""
    page = tmp_path / "report.html"
    page.write_text(html, encoding="utf-8")
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        *flags,
        page.as_uri(),
    ]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert output.exists(), (
        f"chromium wrote no {output.name} (exit {completed.returncode}):\n{completed.stderr[-2000:]}"
    )
    return output.read_bytes()


def _screenshot(html: str, tmp_path: Path, size: tuple[int, int] = (1200, 1600)) -> bytes:
    png = tmp_path / "report.png"
    return _chromium_run(
        html, tmp_path, png, f"--screenshot={png}", f"--window-size={size[0]},{size[1]}", "--hide-scrollbars"
    )


def _print_pdf(html: str, tmp_path: Path) -> bytes:
    pdf = tmp_path / "report.pdf"
    return _chromium_run(
        html, tmp_path, pdf, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", "--print-to-pdf-no-header"
    )


# -- reading the text of Chromium's PDFs -----------------------------------------------------------------


def _pdf_objects(data: bytes) -> dict[int, bytes]:
    return {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj\s*(.*?)endobj", data, re.DOTALL)}


def _pdf_stream(body: bytes) -> bytes:
    found = re.search(rb"stream\r?\n(.*)\r?\nendstream", body, re.DOTALL)
    assert found, "an object without a stream"
    raw = found.group(1)
    return zlib.decompress(raw) if b"/FlateDecode" in body[: found.start()] else raw


def _pdf_ref(body: bytes, key: bytes) -> int | None:
    found = re.search(rb"/" + key + rb"\s+(\d+) 0 R", body)
    return int(found.group(1)) if found else None


def _to_unicode(cmap: bytes) -> dict[int, str]:
    """Glyph code to text, from a ToUnicode CMap's bfchar and bfrange sections."""
    table: dict[int, str] = {}

    def text(hexits: bytes) -> str:
        return bytes.fromhex(hexits.decode()).decode("utf-16-be")

    for section in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.DOTALL):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", section):
            table[int(src, 16)] = text(dst)
    for section in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.DOTALL):
        for low, high, dst in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])", section
        ):
            first, last = int(low, 16), int(high, 16)
            if dst.startswith(b"["):
                for offset, item in enumerate(re.findall(rb"<([0-9A-Fa-f]+)>", dst)):
                    table[first + offset] = text(item)
            else:
                start = int(dst[1:-1], 16)
                for offset in range(last - first + 1):
                    table[first + offset] = chr(start + offset)
    return table


def _pages(data: bytes, objects: dict[int, bytes], node: int) -> Iterator[int]:
    body = objects[node]
    if re.search(rb"/Type\s*/Pages\b", body):
        kids = re.search(rb"/Kids\s*\[(.*?)\]", body, re.DOTALL)
        assert kids, "a page tree node without kids"
        for kid in re.findall(rb"(\d+) 0 R", kids.group(1)):
            yield from _pages(data, objects, int(kid))
    else:
        yield node


def pdf_pages(data: bytes) -> list[tuple[tuple[float, float], str]]:
    """Each page's size in points and its text (as shown, without spacing), in page order."""
    assert data.startswith(b"%PDF-"), "not a PDF file"
    objects = _pdf_objects(data)
    root = re.search(rb"/Root\s+(\d+) 0 R", data)
    assert root, "no document catalog"
    tree = _pdf_ref(objects[int(root.group(1))], b"Pages")
    assert tree is not None, "no page tree"
    fonts: dict[int, dict[int, str]] = {}
    pages = []
    for number in _pages(data, objects, tree):
        body = objects[number]
        box = re.search(rb"/MediaBox\s*\[([^\]]*)\]", body) or re.search(rb"/MediaBox\s*\[([^\]]*)\]", objects[tree])
        assert box, "a page without a media box"
        x0, y0, x1, y1 = (float(v) for v in box.group(1).split())
        names: dict[bytes, dict[int, str]] = {}
        font_dict = re.search(rb"/Font\s*<<(.*?)>>", body, re.DOTALL)
        for name, ref in re.findall(rb"/(\w+)\s+(\d+) 0 R", font_dict.group(1) if font_dict else b""):
            if int(ref) not in fonts:
                cmap = _pdf_ref(objects[int(ref)], b"ToUnicode")
                fonts[int(ref)] = _to_unicode(_pdf_stream(objects[cmap])) if cmap is not None else {}
            names[name] = fonts[int(ref)]
        contents = re.search(rb"/Contents\s*(\[[^\]]*\]|\d+ 0 R)", body)
        refs = [int(r) for r in re.findall(rb"(\d+) 0 R", contents.group(1))] if contents else []
        content = b"\n".join(_pdf_stream(objects[r]) for r in refs)
        font: dict[int, str] = {}
        text: list[str] = []
        for m in re.finditer(rb"/(\w+)\s+[-\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj|\[([^\]]*)\]\s*TJ", content):
            if m.group(1) is not None:
                font = names.get(m.group(1), {})
                continue
            shown = [m.group(2)] if m.group(2) is not None else re.findall(rb"<([0-9A-Fa-f]*)>", m.group(3))
            for hexits in shown:
                codes = bytes.fromhex(hexits.decode())
                text += [font.get(int.from_bytes(codes[i : i + 2], "big"), "") for i in range(0, len(codes), 2)]
        plain = unicodedata.normalize("NFKC", "".join(text))  # ligatures (fi) become their letters
        pages.append(((x1 - x0, y1 - y0), "".join(plain.split())))
    return pages


def test_pdf_reader_reads_a_pdf_it_builds() -> None:
    """The stdlib PDF reader finds the pages in tree order, their size, and text through ToUnicode maps."""
    cmap = (
        b"begincmap\n2 beginbfchar\n<0003> <0020>\n<0004> <0021>\nendbfchar\n"
        b"2 beginbfrange\n<0010> <0019> <0041>\n<0020> <0021> [<00E9> <2713>]\nendbfrange\nendcmap"
    )
    first = zlib.compress(b"BT /F1 12 Tf 1 0 0 -1 10 10 Tm <00100011> Tj 5 0 Td [<0012> -20 <0003>] TJ ET")
    second = b"BT /F1 9 Tf <00200021> Tj <0004> Tj ET"
    bodies = [
        b"<</Type /Catalog /Pages 2 0 R>>",
        b"<</Type /Pages /Count 2 /Kids [6 0 R 3 0 R] /MediaBox [0 0 595.28 841.89]>>",
        b"<</Type /Page /Parent 2 0 R /Resources <</Font <</F1 4 0 R>>>> /Contents 5 0 R>>",
        b"<</Type /Font /Subtype /Type0 /Encoding /Identity-H /ToUnicode 7 0 R>>",
        b"<</Length %d /Filter /FlateDecode>>\nstream\n%s\nendstream" % (len(first), first),
        b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources <</Font <</F1 4 0 R>>>> /Contents [8 0 R]>>",
        b"<</Length %d>>\nstream\n%s\nendstream" % (len(cmap), cmap),
        b"<</Length %d>>\nstream\n%s\nendstream" % (len(second), second),
    ]
    pdf = b"%PDF-1.4\n" + b"".join(b"%d 0 obj\n%s\nendobj\n" % (i, body) for i, body in enumerate(bodies, 1))
    pdf += b"trailer\n<</Root 1 0 R>>\n%%EOF\n"
    pages = pdf_pages(pdf)
    assert pages == [((612.0, 792.0), "\u00e9\u2713!"), ((595.28, 841.89), "ABC")]


# -- the report -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_report() -> str:
    """The HTML report of the example organization, as of 2026-11-24."""
    assessment = assess(load(EXAMPLE), as_of=dt.date(2026, 11, 24))
    return render(assessment, "html", source="examples/precision-pumps/organization.yaml")


def _with_style(page: str, css: str) -> str:
    """The page with extra style rules at the end of its head (marker colours for the screenshot)."""
    return page.replace("</head>", f"<style>{css}</style>\n</head>", 1)


def _near(pixel: bytes, colour: tuple[int, int, int], tolerance: int = 40) -> bool:
    return all(abs(p - c) <= tolerance for p, c in zip(pixel[:3], colour, strict=True))


def _rows_with(rows: list[bytes], bpp: int, colour: tuple[int, int, int], *, step: int = 2) -> list[int]:
    """The rows (every ``step``-th) holding at least a few pixels of ``colour``."""
    found = []
    for y in range(0, len(rows), step):
        row = rows[y]
        if sum(1 for x in range(0, len(row), bpp * 2) if _near(row[x : x + bpp], colour)) >= 4:
            found.append(y)
    return found


def _runs(row: bytes, bpp: int, colour: tuple[int, int, int]) -> list[tuple[int, int]]:
    """The horizontal stretches of ``colour`` in a row, as (first, last) pixel."""
    runs: list[tuple[int, int]] = []
    for x in range(len(row) // bpp):
        if _near(row[x * bpp : x * bpp + bpp], colour):
            if runs and runs[-1][1] == x - 1:
                runs[-1] = (runs[-1][0], x)
            else:
                runs.append((x, x))
    return [run for run in runs if run[1] - run[0] >= 20]


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


GREEN = (0, 200, 0)
MAGENTA = (230, 0, 230)
ORANGE = (255, 128, 0)


@pytest.mark.slow
@needs_chromium
def test_executive_summary_fills_the_first_screen_at_a4_width(example_report: str, tmp_path: Path) -> None:
    """At A4 width, the verdict and the five counts side by side sit in the first screen, under the header."""
    marked = _with_style(
        example_report,
        ".verdict { background: rgb(0, 200, 0) !important; } .severity li { background: rgb(230, 0, 230) !important; }",
    )
    width, height, bpp, rows = decode_png(_screenshot(marked, tmp_path, A4_PIXELS))
    assert (width, height) == A4_PIXELS
    verdict = _rows_with(rows, bpp, GREEN)
    counts = _rows_with(rows, bpp, MAGENTA)
    assert verdict, "the verdict is not in the first screen"
    assert counts, "the counts by severity are not in the first screen"
    assert 150 < verdict[0] < verdict[-1] < counts[0] < counts[-1] < height * 0.75
    band = _runs(rows[verdict[0] + 2], bpp, GREEN)  # in the padding, above the text
    assert len(band) == 1
    assert band[0][1] - band[0][0] > width * 0.8, "the verdict does not span the page"
    boxes = _runs(rows[counts[0] + 2], bpp, MAGENTA)
    assert len(boxes) == 5, f"the five counts are not side by side: {boxes}"
    header = _pixels(bpp, rows[: verdict[0] - 60])
    dark = sum(n for c, n in header.items() if max(c[:3]) < 90)
    assert dark / sum(header.values()) > 0.01, "the header above the summary is empty"


@pytest.mark.slow
@needs_chromium
def test_logo_is_drawn_in_the_header(assessment: Assessment, tmp_path: Path) -> None:
    """A logo given as an SVG is drawn at the top left of the header: the page's CSP lets the data: URI in."""
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 50"><rect width="200" height="50" fill="#ff8000"/></svg>'
    page = render(assessment, "html", title="Management review input", logo=Logo.from_bytes(svg))
    _, _, bpp, rows = decode_png(_screenshot(page, tmp_path, A4_PIXELS))
    logo_rows = _rows_with(rows[:200], bpp, ORANGE)
    assert logo_rows, "the logo was not drawn"
    assert logo_rows[0] > 20  # below the card's top
    assert len(logo_rows) * 2 >= 40  # about 56 pixels tall
    left = _runs(rows[logo_rows[len(logo_rows) // 2]], bpp, ORANGE)
    assert len(left) == 1
    assert left[0][0] < 120
    assert 150 < left[0][1] - left[0][0] < 260  # 56 px tall at 4:1 is 224 px wide
    plain = render(assessment, "html", title="Management review input")
    (tmp_path / "plain").mkdir()
    _, _, bpp, rows = decode_png(_screenshot(plain, tmp_path / "plain", A4_PIXELS))
    assert not _rows_with(rows[:200], bpp, ORANGE)


@pytest.mark.slow
@needs_chromium
def test_printed_report_opens_with_the_executive_summary(example_report: str, tmp_path: Path) -> None:
    """Printed: A4 pages, a sane count, the executive summary and the first actions on page 1, findings on a new page."""
    pages = pdf_pages(_print_pdf(example_report, tmp_path))
    assert 8 <= len(pages) <= 40, f"{len(pages)} pages"
    for size in (size for size, _ in pages):
        assert abs(size[0] - 595.3) < 2, f"not A4: {size}"
        assert abs(size[1] - 841.9) < 2, f"not A4: {size}"
    first = pages[0][1]
    for words in (
        "Nordhavn Precision Pumps A/S",
        "Executive summary",
        "Largely in place, with 13 minor nonconformities to correct",
        "What to do first",
        "Name the role that makes sure 'req-oem-material-certs' is met.",
    ):
        assert "".join(words.split()) in first, f"page 1 lacks {words!r}"
    assert first.count("finding") >= TOP_ACTIONS  # the links of the actions to their findings
    start = next(i for i, (_, text) in enumerate(pages) if "findingsunder18requirements" in text)
    assert start >= 1, "the findings start on page 1"
    assert "Findings" in pages[start][1]
    assert "Finding1" in pages[start][1]
    assert "Finding1" not in "".join(text for _, text in pages[:start])
    assert "Generatedbyiso9001-leadership" in pages[-1][1]
