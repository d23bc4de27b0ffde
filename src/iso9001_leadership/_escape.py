r"""Escaping on the ground floor: text from an organization file made safe for the medium it goes to.

Names, titles and reasons come from a file someone else may have written, and every renderer
writes them into a medium with its own syntax: a terminal obeys escape sequences, Markdown reads
markup, links and table pipes, a spreadsheet runs formulas, XML 1.0 forbids most control
characters. The helpers here are the one place that knows how to neutralise each; every renderer
goes through them, and none of them changes ordinary text.

- :func:`printable`: control characters (C0, DEL, C1), bidirectional overrides and isolates,
  line and paragraph separators, surrogates and non-characters shown as visible escapes
  (``\x1b``, ``\u202e``), for terminals and for text that cannot hold them raw (XML, DOT).
- :func:`markdown_text` and :func:`markdown_code`: prose and inline code for a Markdown line or
  table cell (CommonMark and GitHub-flavoured Markdown).
- :func:`csv_cell`: a spreadsheet cell that cannot start a formula (OWASP CSV injection).
- :func:`json_text`: JSON text in which nothing a terminal or an old JavaScript parser could
  trip on is left raw.

Examples
--------
>>> printable("Acme\x1b[2J\u202e")
'Acme\\x1b[2J\\u202e'
>>> markdown_text("<b>R&D</b> | [x](javascript:alert(1))")
'\\<b\\>R\\&D\\</b\\> \\| \\[x\\](javascript:alert(1))'
>>> markdown_code("a`b")
'``a`b``'
>>> csv_cell('=HYPERLINK("http://evil")')
'\'=HYPERLINK("http://evil")'
"""

from __future__ import annotations

import re

__all__ = ["CSV_FORMULA_START", "csv_cell", "json_text", "markdown_code", "markdown_text", "printable"]

#: What a terminal may act on or a reader may be fooled by, so never written raw: C0 controls,
#: DEL and C1 controls, the bidirectional embeddings, overrides and isolates (U+202A-U+202E,
#: U+2066-U+2069), the line and paragraph separators, lone surrogates and the non-characters
#: U+FFFE and U+FFFF (which XML forbids and UTF-8 cannot carry or should not).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")

_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _visible(char: str) -> str:
    short = _SHORT.get(char)
    if short is not None:
        return short
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, keep: str = "") -> str:
    r"""``text`` with every control character shown as a visible escape, save those in ``keep``.

    Tab, line feed and carriage return read ``\t``, ``\n``, ``\r``; other characters below
    U+0100 ``\xNN``; the rest ``\uNNNN``. Ordinary text (backslashes included) is unchanged.

    Examples
    --------
    >>> printable("a\tb\nc\x07\x9b\u2066")
    'a\\tb\\nc\\x07\\x9b\\u2066'
    >>> printable("two\nlines\r", keep="\n")
    'two\nlines\\r'
    """
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else _visible(m.group()), text)


# -- Markdown -----------------------------------------------------------------------------

#: ASCII punctuation that Markdown may read as markup inside a line of prose: emphasis, code
#: spans, links and images (``[``, ``]``), raw HTML and autolinks (``<``, ``>``), entities
#: (``&``), table cells (``|``) and the escape character itself.
_MARKUP = re.compile(r"([\\`*_\[\]<>|&])")

#: Whatever CommonMark or a browser may take for the end of a line.
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")

_BACKTICKS = re.compile(r"`+")


def markdown_text(text: str) -> str:
    r"""Prose for a Markdown line or table cell: markup backslash-escaped, line breaks as ``<br>``.

    Every character Markdown could read as markup is escaped, so no HTML, link, image, emphasis
    or code span can start, and a pipe cannot end a table cell; line breaks become ``<br>`` so
    the text stays on its line (and in its cell); other control characters are shown as
    :func:`printable` shows them. Leading and trailing white space is dropped.

    Examples
    --------
    >>> markdown_text("a*b*\nc <d>")
    'a\\*b\\*<br>c \\<d\\>'
    >>> markdown_text("yes | no\r\x1b[1m")
    'yes \\| no<br>\\\\x1b\\[1m'
    """
    parts = _LINE_BREAKS.split(text.strip())
    return "<br>".join(_MARKUP.sub(r"\\\1", printable(part, keep="\t")) for part in parts)


def markdown_code(text: str, *, cell: bool = False) -> str:
    """``text`` as a Markdown code span, whatever backticks it holds.

    The fence is one backtick longer than the longest run of backticks in the text (the
    CommonMark rule), with a space inside it when the text starts or ends with a backtick; line
    breaks become spaces and control characters visible. In a table ``cell``, pipes are
    backslash-escaped (GitHub-flavoured tables split cells before they read code spans).

    Examples
    --------
    >>> markdown_code("roles.qm")
    '`roles.qm`'
    >>> markdown_code("a``b`")
    '``` a``b` ```'
    >>> markdown_code("x|y", cell=True)
    '`x\\\\|y`'
    """
    clean = printable(_LINE_BREAKS.sub(" ", text), keep="\t")
    if cell:
        clean = clean.replace("|", "\\|")
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(clean)), default=0) + 1)
    pad = " " if clean.startswith("`") or clean.endswith("`") else ""
    return f"{fence}{pad}{clean}{pad}{fence}"


# -- CSV ----------------------------------------------------------------------------------

#: What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """A CSV cell that no spreadsheet runs as a formula: a single quote before a formula start.

    Control characters are shown as :func:`printable` shows them (line feeds are kept: the csv
    module quotes a cell that holds one).

    Examples
    --------
    >>> csv_cell("Quality Manager"), csv_cell("@SUM(1+1)*cmd"), csv_cell("-2+3")
    ('Quality Manager', "'@SUM(1+1)*cmd", "'-2+3")
    """
    text = printable(text, keep="\n")
    return "'" + text if text.startswith(CSV_FORMULA_START) else text


# -- JSON ---------------------------------------------------------------------------------

#: What ``json.dumps(..., ensure_ascii=False)`` leaves raw although a terminal or a reader may
#: act on it (C0 controls it escapes itself).
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def json_text(dumped: str) -> str:
    r"""JSON text from :func:`json.dumps` with DEL, C1 controls, bidi controls, separators and surrogates as ``\uNNNN``.

    ``json.dumps`` writes such characters only inside strings, where the escape means the same
    character: the data is unchanged, only its spelling.

    Examples
    --------
    >>> import json
    >>> json_text(json.dumps({"name": "Acme\u202e\x9b"}, ensure_ascii=False))
    '{"name": "Acme\\u202e\\u009b"}'
    """
    if not _JSON_RAW.search(dumped):
        return dumped
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
