"""A logo for the HTML report: a small PNG, JPEG or SVG image, checked once and kept as bytes.

The report embeds the image as a ``data:`` URI, so the page stays one self-contained file that
fetches nothing. What is refused, all problems at once: a file that cannot be read, one that is
empty or larger than :data:`MAX_LOGO_BYTES`, anything but a PNG, JPEG or SVG image, and an SVG
that is not well-formed, declares a document type or entities, holds scripts or event handlers,
or refers to anything outside itself.
"""

from __future__ import annotations

import base64
import os
import re
import xml.etree.ElementTree as ET

import attrs

from iso9001_leadership._names import echo
from iso9001_leadership.exceptions import ReportError

__all__ = ["MAX_LOGO_BYTES", "Logo"]

#: The largest logo accepted, in bytes (a logo is shown about 64 pixels tall; 256 KiB is plenty).
MAX_LOGO_BYTES = 256 * 1024

#: How much of a logo's path messages show: paths are long, and the file's name is at the end.
_PATH_ECHO = 400

#: The media types a logo may have.
MEDIA_TYPES = ("image/png", "image/jpeg", "image/svg+xml")

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
_SVG_NS = "{http://www.w3.org/2000/svg}"
_SVG_TAG = re.compile(rb"<svg[\s>/]")
#: Elements that run code or pull in other documents: refused in an SVG logo.
_SVG_REFUSED = frozenset({"script", "foreignObject", "iframe", "object", "embed", "audio", "video", "handler"})


def _sniff(data: bytes) -> str | None:
    """The media type ``data`` starts like, or ``None``: PNG and JPEG by signature, SVG as markup with ``<svg``."""
    if data.startswith(_PNG):
        return "image/png"
    if data.startswith(_JPEG):
        return "image/jpeg"
    head = data[:4096].removeprefix(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"<") and _SVG_TAG.search(head):
        return "image/svg+xml"
    return None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _svg_problems(data: bytes) -> list[str]:
    """What makes an SVG unfit to embed in a report: every problem found."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [f"the SVG is not UTF-8 text (byte {exc.start})"]
    if re.search(r"<!DOCTYPE|<!ENTITY", text, re.IGNORECASE):
        return ["the SVG declares a document type or entities; remove the <!DOCTYPE ...> declaration"]
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        return [f"the SVG is not well-formed XML ({exc})"]
    problems = []
    if root.tag != f"{_SVG_NS}svg":
        problems.append('its root element must be <svg xmlns="http://www.w3.org/2000/svg">, as browsers require')
    refused: dict[str, None] = {}
    handlers: dict[str, None] = {}
    outside: dict[str, None] = {}
    for element in root.iter():  # comments and processing instructions are not kept by the parser
        if _local(element.tag) in _SVG_REFUSED:
            refused[f"<{_local(element.tag)}>"] = None
        for name, value in element.attrib.items():
            local = _local(name)
            if local.lower().startswith("on"):
                handlers[local] = None
            elif local == "href" and not value.strip().startswith(("#", "data:image/")):
                outside[echo(value.strip())] = None
        style = (element.text or "") if _local(element.tag) == "style" else element.attrib.get("style", "")
        if re.search(r"url\(\s*['\"]?(?!#|data:image/)|@import", style, re.IGNORECASE):
            outside["a style that loads a url() or @import"] = None
    if refused:
        problems.append(f"the SVG holds elements that run code or embed documents: {', '.join(refused)}")
    if handlers:
        problems.append(f"the SVG has event handlers: {', '.join(handlers)}")
    if outside:
        problems.append(f"the SVG refers to things outside itself: {', '.join(outside)}")
    return problems


@attrs.frozen
class Logo:
    """A logo to show at the top of the HTML report, checked when it is made.

    Make one with :meth:`from_file` (or :meth:`from_bytes`); the report embeds it as a
    ``data:`` URI, so the page still fetches nothing. The type is read from the content, not
    from the file's name.

    Parameters
    ----------
    media_type
        ``image/png``, ``image/jpeg`` or ``image/svg+xml``.
    data
        The image's bytes.
    name
        Where the image came from (its path), for messages.

    Examples
    --------
    >>> svg = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 1"><rect width="4" height="1"/></svg>'
    >>> logo = Logo.from_bytes(svg, name="logo.svg")
    >>> logo.media_type, logo.data_uri[:30]
    ('image/svg+xml', 'data:image/svg+xml;base64,PHN2')
    >>> Logo.from_bytes(b"GIF89a...", name="logo.gif")
    Traceback (most recent call last):
    ...
    iso9001_leadership.exceptions.ReportError: the logo 'logo.gif' cannot be used: it is not a PNG, JPEG or SVG image
    """

    media_type: str = attrs.field(validator=attrs.validators.in_(MEDIA_TYPES))
    data: bytes = attrs.field(repr=False)
    name: str = ""

    @classmethod
    def from_bytes(cls, data: bytes, *, name: str = "<bytes>") -> Logo:
        """A logo of these bytes, checked.

        Raises
        ------
        ReportError
            Listing every problem: empty, larger than :data:`MAX_LOGO_BYTES`, not a PNG, JPEG or
            SVG image, or an SVG that is malformed, scripted or refers outside itself.
        """
        return cls(_checked(data, name, len(data)), bytes(data), name)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Logo:
        """The logo in the file at ``path``, checked; no more than :data:`MAX_LOGO_BYTES` of it is read.

        Raises
        ------
        ReportError
            If the file cannot be read, or for any problem :meth:`from_bytes` names.
        """
        name = os.fspath(path)
        try:
            with open(path, "rb") as stream:
                data = stream.read(MAX_LOGO_BYTES + 1)
                size = max(len(data), os.fstat(stream.fileno()).st_size)
        except OSError as exc:
            msg = f"the logo {echo(name, _PATH_ECHO)} cannot be read: {exc.strerror or exc}"
            raise ReportError(msg, "html") from None
        return cls(_checked(data, name, size), data, name)

    @property
    def data_uri(self) -> str:
        """The image as a ``data:`` URI (base64), to embed in the page."""
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


def _checked(data: bytes, name: str, size: int) -> str:
    """The media type of the logo ``data`` (of ``size`` bytes in all), or a ReportError naming every problem."""
    problems = []
    media_type = _sniff(data)
    if not size:
        problems.append("it is empty")
    elif media_type is None:
        problems.append("it is not a PNG, JPEG or SVG image")
    if size > MAX_LOGO_BYTES:
        problems.append(f"it has {size:,} bytes, more than the {MAX_LOGO_BYTES:,} a logo may have")
    elif media_type == "image/png" and data[12:16] != b"IHDR":
        problems.append("the PNG is cut short or damaged (no image header)")
    elif media_type == "image/svg+xml":
        problems += _svg_problems(data)
    if problems or media_type is None:
        msg = f"the logo {echo(name, _PATH_ECHO)} cannot be used: {'; '.join(problems)}"
        raise ReportError(msg, "html")
    return media_type
