"""The logo of the HTML report and the branding options: what is accepted, and every reason a file is refused."""

from __future__ import annotations

import base64
import struct
import zlib
from pathlib import Path

import pytest

from iso9001_leadership.exceptions import Iso9001Error, ReportError
from iso9001_leadership.report import MAX_LOGO_BYTES, Logo, ReportOptions


def _png(width: int = 2, height: int = 1) -> bytes:
    """A real, tiny RGB PNG."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = b"".join(b"\x00" + b"\x0b\x5d\x8f" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


#: The start of a JFIF file: enough for the type; browsers get the whole file.
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 + b"\xff\xd9"

SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<!-- drawn by hand -->\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 40 10">'
    b'<defs><linearGradient id="g"><stop offset="0" stop-color="#0b5d8f"/></linearGradient></defs>'
    b'<rect width="40" height="10" fill="url(#g)"/><use xlink:href="#g"/></svg>'
)


@pytest.mark.parametrize(
    ("data", "media_type"),
    [
        (_png(), "image/png"),
        (JPEG, "image/jpeg"),
        (SVG, "image/svg+xml"),
        (b"\xef\xbb\xbf\n" + SVG[SVG.index(b"<svg") :], "image/svg+xml"),
    ],
)
def test_png_jpeg_and_svg_are_accepted(data: bytes, media_type: str) -> None:
    """Each accepted type is told from the content and becomes a base64 data: URI of exactly those bytes."""
    logo = Logo.from_bytes(data, name="logo")
    assert logo.media_type == media_type
    prefix = f"data:{media_type};base64,"
    assert logo.data_uri.startswith(prefix)
    assert base64.b64decode(logo.data_uri[len(prefix) :]) == data


def test_the_type_comes_from_the_content_not_the_name(tmp_path: Path) -> None:
    """A PNG named .svg is a PNG; the file's name is kept for messages."""
    path = tmp_path / "logo.svg"
    path.write_bytes(_png())
    logo = Logo.from_file(path)
    assert (logo.media_type, logo.name) == ("image/png", str(path))


def test_a_logo_of_exactly_the_limit_is_accepted() -> None:
    """MAX_LOGO_BYTES itself is allowed; one byte more is not."""
    png = _png()
    padded = png + b"\x00" * (MAX_LOGO_BYTES - len(png))
    assert Logo.from_bytes(padded).media_type == "image/png"
    with pytest.raises(ReportError, match=f"has {MAX_LOGO_BYTES + 1:,} bytes, more than the {MAX_LOGO_BYTES:,}"):
        Logo.from_bytes(padded + b"\x00")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "it is empty"),
        (b"GIF89a\x01\x00\x01\x00", "it is not a PNG, JPEG or SVG image"),
        (b"%PDF-1.7\n", "it is not a PNG, JPEG or SVG image"),
        (b"<html><body>logo</body></html>", "it is not a PNG, JPEG or SVG image"),
        (b"\x89PNG\r\n\x1a\n", "the PNG is cut short or damaged (no image header)"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>', "the SVG is not well-formed XML"),
        (
            b'<svg viewBox="0 0 1 1"><rect width="1" height="1"/></svg>',
            'root element must be <svg xmlns="http://www.w3.org/2000/svg">',
        ),
        (
            b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
            "declares a document type or entities",
        ),
        (b'<svg xmlns="http://www.w3.org/2000/svg">\xff\xfe</svg>', "the SVG is not UTF-8 text"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><foreignObject/></svg>',
            "elements that run code or embed documents: <script>, <foreignObject>",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect onclick="x"/></svg>',
            "event handlers: onload, onclick",
        ),
        (
            (
                b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                b'<image xlink:href="https://example.invalid/a.png"/><use href="other.svg#x"/></svg>'
            ),
            "refers to things outside itself: 'https://example.invalid/a.png', 'other.svg#x'",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import "x.css";</style></svg>',
            "refers to things outside itself: a style that loads a url() or @import",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: url(https://e.invalid/p)"/></svg>',
            "a style that loads a url() or @import",
        ),
    ],
)
def test_bad_logos_are_refused_with_the_reason(data: bytes, message: str) -> None:
    """Each kind of unfit file raises ReportError naming the logo and saying what is wrong with it."""
    with pytest.raises(ReportError) as caught:
        Logo.from_bytes(data, name="brand/logo")
    assert str(caught.value).startswith("the logo 'brand/logo' cannot be used: ")
    assert message in str(caught.value)
    assert caught.value.format == "html"
    assert isinstance(caught.value, Iso9001Error)
    assert isinstance(caught.value, ValueError)


def test_every_problem_is_named_at_once() -> None:
    """An SVG with a script, a handler and an outside link gets all three reasons in one message."""
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="go()"><script/>'
        b'<a href="https://example.invalid/"><rect/></a></svg>'
    )
    with pytest.raises(ReportError) as caught:
        Logo.from_bytes(svg)
    assert str(caught.value).count(";") == 2
    for part in ("<script>", "onload", "'https://example.invalid/'"):
        assert part in str(caught.value)


def test_a_large_file_is_refused_by_its_size_and_type(tmp_path: Path) -> None:
    """A file far over the limit is refused with its real size, and its type is still told from its start."""
    path = tmp_path / "huge.bin"
    with path.open("wb") as stream:
        stream.write(b"GIF89a")
        stream.truncate(50 * 1024 * 1024)  # sparse: 50 MiB on paper
    with pytest.raises(ReportError) as caught:
        Logo.from_file(path)
    assert f"it has {50 * 1024 * 1024:,} bytes" in str(caught.value)
    assert "not a PNG, JPEG or SVG image" in str(caught.value)


@pytest.mark.parametrize("kind", ["missing", "directory"])
def test_a_file_that_cannot_be_read_is_a_report_error(tmp_path: Path, kind: str) -> None:
    """A missing file or a directory raises ReportError with the whole path, never an OSError."""
    path = tmp_path / ("a-long-folder-name-" * 6) / "logo.png"
    path.parent.mkdir()
    if kind == "directory":
        path.mkdir()
    with pytest.raises(ReportError) as caught:
        Logo.from_file(path)
    assert str(caught.value).startswith(f"the logo {str(path)!r} cannot be read: ")


def test_report_options_read_a_logo_path_and_tidy_the_title(tmp_path: Path) -> None:
    """ReportOptions turns a logo path into a checked Logo and a title onto one line; blank titles are none."""
    path = tmp_path / "logo.png"
    path.write_bytes(_png())
    options = ReportOptions(title="  Management review\n input ", logo=path)
    assert options.title == "Management review input"
    assert options.logo == Logo.from_bytes(_png(), name=str(path))
    assert ReportOptions(title=" \t\n").title is None
    assert ReportOptions().logo is None
    logo = Logo.from_bytes(SVG)
    assert ReportOptions(logo=logo).logo is logo
    with pytest.raises(ReportError, match="cannot be read"):
        ReportOptions(logo=tmp_path / "absent.svg")


def test_logo_repr_leaves_the_bytes_out() -> None:
    """A logo's repr names its type and file, not kilobytes of image."""
    assert repr(Logo.from_bytes(_png(), name="logo.png")) == "Logo(media_type='image/png', name='logo.png')"


def test_a_logo_of_another_type_cannot_be_made_directly() -> None:
    """The constructor accepts only the three media types."""
    with pytest.raises(ValueError, match="media_type"):
        Logo("image/gif", b"GIF89a")
