"""Hostile text in an organization breaks no report, no export, no RACI matrix and no terminal.

Every free-text field of a conforming organization (names, titles, descriptions, the policy
statement, process inputs...) is given escape sequences, carriage returns, pipes, HTML, a
``javascript:`` link, backticks, spreadsheet formulas, bidirectional overrides, NUL and other
control characters and XML's CDATA end; the titles of the RACI rows and columns start with a
formula. The organization is assessed, and a requirement, a finding, a note and a warning as
hostile are added to the assessment; then every output is checked against its medium's rules:

- terminal (text report, ``summary``, RACI text, DOT, Mermaid, CLI messages): no control
  character but the line feed reaches it raw;
- Markdown: no raw HTML, link, entity or autolink can start outside a code span, tables keep
  their shape, a file name full of backticks stays in its code span;
- HTML: no tag or link of the attacker's; XML: parses; JSON and SARIF: parse, data intact;
- CSV: no cell starts a formula; DOT and Mermaid: every label is one well-formed token.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import networkx as nx
import pytest
from tests.assessment._orgs import AS_OF, change, complete, drop_clause_evidence

from iso9001_leadership import Organization, OrgGraph, assess, dump
from iso9001_leadership._summary import summarize
from iso9001_leadership.assessment import Assessment, Finding, Grade, RequirementResult, Status
from iso9001_leadership.cli import EXIT_OK, EXIT_USAGE, main
from iso9001_leadership.export import GRAPH_FORMATS, export
from iso9001_leadership.model import refs_of
from iso9001_leadership.raci import raci_matrix
from iso9001_leadership.report import render, report_formats

#: Sequences that clear the screen and retitle the terminal window.
ESCAPES = "\x1b[2J\x1b]0;pwned\x07"

#: What every free-text field of the organization ends with.
HOSTILE = (
    f" {ESCAPES} \r| <script>alert(1)</script> [x](javascript:alert(1)) <javascript:alert(1)> `` ` "
    '=HYPERLINK("http://evil") \u202eevil\u202c \u2066 \x00 \x01 \x7f \x9b[2J ]]> &amp; #quot; "\' \\ \u2028 \t\n'
)

#: HOSTILE for a catalog title, which must be one line.
HOSTILE_LINE = re.sub("[\r\n\u2028]", " ", HOSTILE)

#: Starts of a cell that a spreadsheet runs as a formula (OWASP, CSV injection).
#: The first three start the roles' titles, the others the responsibilities'.
FORMULAS = ('=HYPERLINK("http://evil","x")', "\t=1+1", "\r=1+1", "+1+1", "-1+1", "@SUM(1)", "=cmd|' /C calc'!A0")

#: An organization file named to break out of a Markdown code span.
SOURCE = "org `` <script>alert(1)</script> [x](javascript:alert(1)) \x1b[2J\r\n`.yaml"

#: What a terminal may act on: every control character but the line feed, C1, bidi controls, separators.
_TERMINAL_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

#: The colours the text report itself writes (SGR sequences), which the checks allow.
_SGR = re.compile(r"\x1b\[(?:\d+;)*\d+m")

#: Fields of free text that are not free: ids, clause citations.
_NOT_FREE = frozenset({"id", "clauses"})


def _poison(value: Any) -> Any:
    """``value`` with HOSTILE after every non-empty free-text field, at any depth."""
    if isinstance(value, tuple):
        return tuple(_poison(item) for item in value)
    if not attrs.has(type(value)):
        return value
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(value)):
        current = getattr(value, field.name)
        if refs_of(field) is not None or field.name in _NOT_FREE:
            continue
        if isinstance(current, str):
            changes[field.name] = current + HOSTILE if current else current
        elif isinstance(current, tuple) and current and all(isinstance(item, str) for item in current):
            changes[field.name] = tuple(item + HOSTILE for item in current)
        elif isinstance(current, tuple) or attrs.has(type(current)):
            changes[field.name] = _poison(current)
    return attrs.evolve(value, **changes)


def hostile_organization() -> Organization:
    """Kestrel Valves with hostile text everywhere, and gaps whose findings quote names."""
    org = complete()
    # A person unaware of the policy, and a relevant context issue no risk derives from: their
    # findings quote the person's name and the issue's title.
    org = change(org, org.people[1].id, awareness=())
    org = drop_clause_evidence(org, "7.3 a", "awareness.policy")
    market = org.context_issues[0].id
    org = org.evolve(
        risks=tuple(attrs.evolve(r, sources=tuple(s for s in r.sources if s != market)) for r in org.risks),
        opportunities=tuple(
            attrs.evolve(o, sources=tuple(s for s in o.sources if s != market)) for o in org.opportunities
        ),
    )
    starts = iter(FORMULAS)
    titled = [(r.id, r.title) for r in org.roles] + [(r.id, r.title) for r in org.responsibilities]
    for element_id, title in titled:
        org = change(org, element_id, title=next(starts, "=1+1") + " " + title)
    org = org.evolve(name=FORMULAS[0] + " Kestrel")
    poisoned: Organization = _poison(org)
    return poisoned


@pytest.fixture(scope="module")
def organization() -> Organization:
    return hostile_organization()


@pytest.fixture(scope="module")
def assessment(organization: Organization) -> Assessment:
    """The assessment of the hostile organization, with a hostile requirement, finding, note and warning added."""
    assessed = assess(organization, as_of=AS_OF)
    template = next(r for r in assessed.results if r.status is Status.CONFORMS).requirement
    requirement = attrs.evolve(
        template,
        id="hostile.requirement",
        title=f"Title{HOSTILE_LINE}end",
        summary=f"Summary{HOSTILE}end",
        origin="x.yaml",
    )
    subject = organization.roles[0].id
    finding = Finding(
        requirement=requirement.id,
        clause=requirement.clause,
        status=Status.NONCONFORMITY,
        grade=Grade.MAJOR,
        rule="rule" + HOSTILE,
        reason="Reason" + HOSTILE,
        fix="Fix" + HOSTILE,
        subjects=(subject,),
        evidence=("evidence" + HOSTILE,),
    )
    result = RequirementResult(
        requirement,
        Status.NONCONFORMITY,
        grade=Grade.MAJOR,
        findings=(finding,),
        note="Note" + HOSTILE,
        evidence=("evidence" + HOSTILE,),
    )
    return attrs.evolve(
        assessed,
        edition_title=assessed.edition_title + HOSTILE,
        results=(*assessed.results, result),
        element_paths={**assessed.element_paths, subject: "roles[0]" + HOSTILE},
        warnings=(*assessed.warnings, "Warning" + HOSTILE),
    )


def test_the_hostile_text_reaches_the_findings(organization: Organization, assessment: Assessment) -> None:
    """The checks quote names from the file in their reasons, so the reports are tested on them."""
    assert organization.name.startswith("=HYPERLINK(")
    assert organization.roles[0].title.endswith(HOSTILE)
    quoted = [f for f in assessment.findings if ESCAPES in f.reason and f.rule != "rule" + HOSTILE]
    assert quoted, "no check quoted a hostile name"


# -- terminal -----------------------------------------------------------------------------


def assert_terminal_safe(text: str, *, allow: str = "") -> None:
    """No character a terminal acts on (but the line feed, and those in ``allow``) is in ``text``."""
    raw = sorted({c for c in _TERMINAL_UNSAFE.findall(_SGR.sub("", text)) if c not in allow})
    assert raw == [], f"raw control characters: {raw!r}"


@pytest.mark.parametrize("color", [False, True])
def test_text_report_shows_control_characters_visibly(assessment: Assessment, color: bool) -> None:
    """The terminal report writes escape sequences, bidi overrides and line breaks from the file as visible escapes."""
    text = render(assessment, "text", color=color, verbose=True)
    assert_terminal_safe(text)
    assert "\\x1b[2J\\x1b]0;pwned\\x07" in text
    assert "\\u202eevil\\u202c" in text
    assert "\\x9b[2J" in text


def test_summary_shows_control_characters_visibly(organization: Organization) -> None:
    """The summary of an organization is for a terminal too."""
    text = summarize(organization)
    assert_terminal_safe(text)
    assert "\\x1b[2J" in text
    assert "\\r" in text
    assert len(text.splitlines()) == len(summarize(complete()).splitlines())


def test_raci_text_shows_control_characters_visibly(organization: Organization) -> None:
    """The RACI matrix as text keeps one line per responsibility, whatever the titles hold."""
    matrix = raci_matrix(organization)
    text = matrix.to_text()
    assert_terminal_safe(text)
    assert "\\x1b[2J" in text
    assert len(text.splitlines()) == len(matrix.responsibilities) + 2


# -- Markdown -----------------------------------------------------------------------------


def _prose(line: str) -> str:
    """A Markdown line with its code spans (a run of backticks closed by a run as long) cut out.

    A backtick after a backslash opens nothing; inside a code span nothing is an escape. A run
    of backticks that nothing closes is left in, for the checks to find.
    """
    kept, i = [], 0
    while i < len(line):
        if line[i] == "\\":
            kept.append(line[i : i + 2])
            i += 2
        elif line[i] == "`":
            run = len(line) - i - len(line[i:].lstrip("`"))
            closing = re.compile(rf"(?<!`)`{{{run}}}(?!`)").search(line, i + run)
            kept.append("`" * run if closing is None else "CODE")
            i = i + run if closing is None else closing.end()
        else:
            kept.append(line[i])
            i += 1
    return "".join(kept)


def _markdown_problems(text: str) -> Iterator[str]:
    """What CommonMark would read as raw HTML, a link, an entity, an autolink or code outside code spans.

    Backslash escapes are skipped and ``<br>`` is the one tag allowed; every other ``<``, ``[``,
    ``]``, ``&`` or backtick is a problem.
    """
    for number, line in enumerate(text.split("\n"), start=1):
        prose = _prose(line)
        unescaped = re.sub(r"\\.", "", prose).replace("<br>", "")
        for char in sorted(set(unescaped) & set("<[]&`")):
            yield f"line {number}: {char!r} in {prose[:80]!r}"


def _table_widths(text: str) -> list[set[int]]:
    """The cell counts of each table's rows (a pipe after a backslash is no separator)."""
    tables: list[set[int]] = []
    current: set[int] | None = None
    for line in text.split("\n"):
        if line.startswith("|"):
            cells = len(re.split(r"(?<!\\)\|", line.replace("\\\\", "")))
            current = {cells} if current is None else current | {cells}
        elif current is not None:
            tables.append(current)
            current = None
    if current is not None:
        tables.append(current)
    return tables


def _code_span(text: str) -> str:
    """The content of the code span that is the whole of ``text`` (CommonMark's reading)."""
    run = len(re.match(r"`+", text).group())  # type: ignore[union-attr]
    fence = "`" * run
    assert text.endswith(fence), text
    assert len(text) > 2 * run, text
    content = text[run:-run]
    assert not re.search(rf"(?<!`){fence}(?!`)", content), f"the fence {fence!r} closes early in {text!r}"
    if content.startswith(" ") and content.endswith(" ") and content.strip():
        content = content[1:-1]
    return content


def assert_markdown_safe(text: str) -> None:
    assert_terminal_safe(text, allow="\t")
    assert list(_markdown_problems(text)) == []
    prose = "\n".join(_prose(line) for line in text.split("\n"))
    assert re.search(r"(?<!\\)(?:\\\\)*\]\(javascript:", prose) is None
    assert "<script" not in prose.replace("\\<script", "")
    widths = _table_widths(text)
    assert widths
    assert all(len(w) == 1 for w in widths), widths


def test_markdown_report_neutralises_markup(assessment: Assessment) -> None:
    """No HTML, link, entity or autolink of the attacker's; every table row keeps its column count."""
    text = render(assessment, "markdown", source=SOURCE)
    assert_markdown_safe(text)
    assert "\\<script\\>alert(1)\\</script\\>" in text
    assert "\\[x\\](javascript:alert(1))" in text


def test_markdown_report_keeps_a_file_name_with_backticks_in_its_code_span(assessment: Assessment) -> None:
    """The fence is longer than any run of backticks in the file name, which stays whole and on one line."""
    text = render(assessment, "markdown", source=SOURCE)
    line = next(line for line in text.split("\n") if line.startswith("- **Organization file:** "))
    content = _code_span(line.removeprefix("- **Organization file:** "))
    assert content == "org `` <script>alert(1)</script> [x](javascript:alert(1)) \\x1b[2J `.yaml"


def test_raci_markdown_neutralises_markup(organization: Organization) -> None:
    """The RACI Markdown escapes HTML, links, pipes and line breaks in titles: one row per responsibility."""
    matrix = raci_matrix(organization)
    text = matrix.to_markdown()
    assert_markdown_safe(text)
    rows = [line for line in text.split("\n") if line.startswith("|")]
    assert len(rows) == len(matrix.responsibilities) + 2
    assert _table_widths(text) == [{len(matrix.roles) + 3}]


# -- CSV ----------------------------------------------------------------------------------


@pytest.mark.parametrize("ids", [False, True])
def test_raci_csv_starts_no_formula(organization: Organization, ids: bool) -> None:
    """No cell starts with = + - @ tab or carriage return: a single quote comes first (OWASP)."""
    matrix = raci_matrix(organization)
    text = matrix.to_csv(ids=ids)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == len(matrix.responsibilities) + 1
    cells = [cell for row in rows for cell in row]
    assert [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))] == []
    assert_terminal_safe(text.replace("\r\n", "\n"))
    if not ids:
        assert [cell[:3] for cell in rows[0][1:]] == ["'=H", "\\t=", "\\r="]
        assert [row[0][:2] for row in rows[1:]] == ["'+", "'-", "'@", "'="]


# -- HTML ---------------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_report_escapes_text_and_attributes(assessment: Assessment) -> None:
    """No tag, attribute or link of the attacker's: the only links are anchors within the page."""
    text = render(assessment, "html", source=SOURCE)
    assert "<script" not in text
    page = _Tags()
    page.feed(text)
    assert {tag for tag, _ in page.tags} & {"script", "img", "iframe", "a"} <= {"a"}
    for tag, attributes in page.tags:
        for name, value in attributes:
            assert not name.startswith("on"), (tag, name)
            if name == "href":
                assert value is not None
                assert value.startswith("#"), value
    assert "<script>alert(1)</script>" in "".join(page.text)


# -- JSON, SARIF --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_and_sarif_stay_valid_and_keep_the_data(assessment: Assessment, fmt: str) -> None:
    """The documents parse, carry the hostile text unchanged as data, and hold no raw control character."""
    text = render(assessment, fmt, source=SOURCE)
    assert_terminal_safe(text)
    data = json.loads(text)
    organization = data["organization"] if fmt == "json" else data["runs"][0]["properties"]["organization"]
    assert organization == assessment.organization


def test_sarif_messages_make_no_links_and_the_log_keeps_its_shape(assessment: Assessment) -> None:
    """A SARIF message cannot embed a link of the attacker's; the log keeps SARIF's essentials."""
    log = json.loads(render(assessment, "sarif", source=SOURCE))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "hostile.requirement" in rules
    messages = [r["message"]["text"] for r in run["results"]]
    messages += [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]]
    assert all(isinstance(m, str) and m for m in messages)
    for message in messages:
        assert re.search(r"(?<!\\)(?:\\\\)*\]\(", message) is None, message
    for result in run["results"]:
        assert rules[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}


@pytest.mark.parametrize("fmt", sorted(report_formats()))
def test_every_report_format_renders_the_hostile_assessment(assessment: Assessment, fmt: str) -> None:
    """Every registered format renders it to text ending with a newline."""
    text = render(assessment, fmt, source=SOURCE)
    assert text.endswith("\n")
    if fmt in {"text", "json", "sarif"}:
        assert_terminal_safe(text)


# -- graph exports ------------------------------------------------------------------------

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_exports_parse(organization: Organization, fmt: str) -> None:
    """GraphML and GEXF are well-formed XML 1.0 whatever the titles hold: control characters are visible text."""
    text = export(OrgGraph.from_organization(organization), fmt)  # type: ignore[arg-type]
    assert _XML_FORBIDDEN.search(text) is None
    ET.fromstring(text.encode("utf-8"))
    assert_terminal_safe(text, allow="\t")


def test_graphml_keeps_the_labels_readable(organization: Organization) -> None:
    """The label of a node reads as the title, with its control characters written out."""
    graph = OrgGraph.from_organization(organization)
    read = nx.read_graphml(io.BytesIO(export(graph, "graphml").encode("utf-8")))
    role = organization.roles[0]
    label = read.nodes[role.id]["label"]
    assert "\\x1b[2J\\x1b]0;pwned\\x07" in label
    assert "<script>alert(1)</script>" in label


_DOT_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_DOT_LINES = re.compile(
    r"digraph S \{|  rankdir=LR;|  node \[fontname=Helvetica\];"
    r"|  S \[label=S, shape=\w+, kind=S\];|  S -> S \[label=S\];|\}"
)


def test_dot_labels_are_one_quoted_string_each(organization: Organization) -> None:
    """Quotes and backslashes are escaped, so every line is the statement it should be; nothing raw reaches a terminal."""
    text = export(OrgGraph.from_organization(organization), "dot")
    assert_terminal_safe(text)
    for line in text.rstrip("\n").split("\n"):
        assert _DOT_LINES.fullmatch(_DOT_STRING.sub("S", line)), line
    assert "\\\\x1b[2J" in text


_MERMAID_LINES = re.compile(r'flowchart LR|  n\d+\["[^"`]*"\]|  n\d+ -->\|\w+\| n\d+')


def test_mermaid_labels_break_no_syntax(organization: Organization) -> None:
    """No quote, backtick, tag or entity code of the attacker's: each line is one node or one edge."""
    text = export(OrgGraph.from_organization(organization), "mermaid")
    assert_terminal_safe(text)
    for line in text.split("\n"):
        assert _MERMAID_LINES.fullmatch(line), line
        label = line.partition('["')[2]
        tags = re.findall(r"<[^>]*>", label)
        assert set(tags) <= {"<br/>", "<small>", "</small>"}, tags
    assert "#35;quot;" in text
    assert "#amp;amp;" in text


def test_json_export_keeps_the_labels(organization: Organization) -> None:
    """The node-link JSON parses and carries the labels as they are."""
    graph = OrgGraph.from_organization(organization)
    text = export(graph, "json")
    assert_terminal_safe(text)
    data = json.loads(text)
    labels = {node["id"]: node["label"] for node in data["nodes"]}
    assert labels[organization.roles[0].id] == graph.label_of(organization.roles[0].id)


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_every_export_renders(organization: Organization, fmt: str) -> None:
    assert export(OrgGraph.from_organization(organization), fmt)  # type: ignore[arg-type]


# -- command line -------------------------------------------------------------------------


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    "document",
    [
        {"name": "Acme", "bad\u001b[2J\u001b]0;pwned\u0007key\u202e": 1},
        {"name": "Acme", "roles": [{"id": "ceo", "title": "CEO", "top_management": "\u001b[2J\u009b"}]},
        {"name": "Acme", "roles": [{"id": "c\u001b[2Jeo", "title": "CEO"}]},
    ],
    ids=["unknown key", "bad value", "bad id"],
)
def test_cli_errors_show_what_they_echo_visibly(tmp_path: Path, document: dict[str, Any]) -> None:
    """An error message that echoes a key or a value of the file shows its control characters as escapes."""
    path = tmp_path / "org.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    code, out, err = _run("validate", str(path))
    assert code == EXIT_USAGE
    assert out == ""
    assert err
    assert_terminal_safe(err)
    assert "\\x1b[2J" in err


def test_cli_error_naming_a_hostile_path_shows_it_visibly(tmp_path: Path) -> None:
    """A file that cannot be read is named with its control characters written out."""
    code, _, err = _run("validate", str(tmp_path / "missing\x1b[2J.yaml"))
    assert code == EXIT_USAGE
    assert_terminal_safe(err)
    assert "\\x1b[2J" in err


@pytest.mark.parametrize(
    "args",
    [
        ("summary",),
        ("validate",),
        ("check", "--as-of", "2026-11-24", "--fail-on", "never"),
        ("check", "--as-of", "2026-11-24", "--fail-on", "never", "--format", "markdown"),
        ("raci",),
        ("raci", "--format", "csv"),
        ("raci", "--format", "markdown"),
        ("graph", "--format", "dot"),
        ("graph", "--format", "mermaid"),
        ("graph", "--format", "graphml"),
    ],
    ids=lambda args: " ".join(args),
)
def test_cli_prints_nothing_raw(tmp_path: Path, organization: Organization, args: tuple[str, ...]) -> None:
    """Loaded from a file, the hostile organization reaches the terminal through no command raw."""
    path = tmp_path / "org.json"
    dump(organization, path)
    code, out, err = _run(args[0], str(path), *args[1:])
    assert code == EXIT_OK, err
    if "csv" in args:
        out = out.replace("\r\n", "\n")  # the csv module's line ends
    assert_terminal_safe(out, allow="\t" if "graphml" in args else "")
    assert_terminal_safe(err)
