"""The command line: ``iso9001-leadership`` (also ``python -m iso9001_leadership``).

Commands: ``check`` (assess a file, or several files and directories, across processes with
``--jobs``; ``-`` reads standard input), ``graph`` (export the accountability graph), ``raci`` (the RACI matrix), ``schema``
(the file format's JSON Schema), ``init`` (a starter file), ``catalog`` (the requirement catalog, also
as a CISO Assistant framework library), ``import-raci`` (a RACI spreadsheet into an organization
file), ``summary`` and ``validate``.

Exit codes: 0 success (for ``check``: nothing at or above ``--fail-on``), 1 findings at or
above the threshold, 2 a usage or input error (with the loader's message, never a traceback).
Problems in a file are printed one a line, as ``path:line:col: message`` (``path: message``
where the position is not known), the form editors, pre-commit and CI log parsers read.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import datetime as dt
import enum
import gc
import io
import json
import os
import shlex
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import BinaryIO, TextIO

import attrs

from iso9001_leadership._escape import json_text, printable
from iso9001_leadership._names import did_you_mean, plural
from iso9001_leadership._summary import summarize
from iso9001_leadership._terminal import Progress, Style
from iso9001_leadership._version import __version__
from iso9001_leadership.assessment import assess
from iso9001_leadership.batch import FileAssessment, FileError, assess_files, expand_paths
from iso9001_leadership.catalog import EDITIONS, Catalog
from iso9001_leadership.checks import Timing
from iso9001_leadership.exceptions import InvalidOrganizationError, Iso9001Error, LoadError, Problem, UsageError
from iso9001_leadership.export import GRAPH_FORMATS, MERMAID_LIMITS, MermaidLimits, export
from iso9001_leadership.findings import FAIL_ON as FAIL_THRESHOLDS
from iso9001_leadership.graph import OrgGraph
from iso9001_leadership.interop import render_ciso_library
from iso9001_leadership.io import MAX_BYTES, SCHEMA_ID, Format, dump, dumps, load, loads, schema_text, write_atomically
from iso9001_leadership.model import Organization
from iso9001_leadership.raci import raci_matrix
from iso9001_leadership.report import (
    Logo,
    diagnostics,
    render,
    render_github_many,
    render_junit_many,
    report_formats,
    to_data,
    to_sarif_many,
)
from iso9001_leadership.spreadsheets import read_raci, write_findings, write_raci
from iso9001_leadership.views import DEFAULT_DEPTH, DEFAULT_LEVELS, View, around, gaps_only, org_chart

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "FAIL_ON", "main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

#: ``--fail-on`` thresholds and the severity each stands for (``never`` never fails).
FAIL_ON: dict[str, int] = {**FAIL_THRESHOLDS, "never": 99}

_SCHEMA_FILE = Path(__file__).parent / "io" / "organization.schema.json"

#: The path that stands for standard input, and the name its messages and reports give it by default.
STDIN = "-"
_STDIN_NAME = "<stdin>"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        msg = f"not a date: {text!r} (write it YYYY-MM-DD)"
        raise argparse.ArgumentTypeError(msg) from None


def _size(text: str) -> int:
    try:
        size = int(text.replace("_", "").replace(",", ""))
    except ValueError:
        size = -1
    if size < 0:
        msg = f"not a size in bytes: {text!r} (a whole number, 0 for no limit)"
        raise argparse.ArgumentTypeError(msg)
    return size


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="iso9001-leadership",
        description="Check an organization's quality management system against ISO 9001 leadership requirements.",
        epilog="Exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage or input error.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def with_file(name: str, help: str, *, many: bool = False) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        if many:
            sub.add_argument(
                "files",
                nargs="+",
                metavar="PATH",
                help="organization files (.yaml, .yml or .json), or directories searched for them; "
                "- reads standard input (YAML or JSON, told from its content)",
            )
        else:
            sub.add_argument("file", type=Path, help="organization file (.yaml, .yml or .json); - reads standard input")
        sub.add_argument(
            "--max-bytes",
            type=_size,
            default=MAX_BYTES,
            metavar="N",
            help=f"refuse a file larger than N bytes (default: {MAX_BYTES:,}; 0 for no limit)",
        )
        sub.add_argument(
            "--stdin-name",
            default=None,
            metavar="NAME",
            help=f"the name messages and reports give standard input (-), such as the path it was read from "
            f"(default: {_STDIN_NAME})",
        )
        return sub

    check = with_file("check", "assess organization files against the requirement catalog", many=True)
    check.add_argument(
        "--edition", choices=EDITIONS, default="2015", help="ISO 9001 edition (default: 2015 with Amd 1:2024)"
    )
    check.add_argument(
        "--as-of",
        type=_date,
        default=None,
        metavar="DATE",
        help="date to judge dates against (default: today; required when the CI environment variable is set)",
    )
    check.add_argument(
        "--timing",
        type=_timing_setting,
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a threshold of the time checks, such as overdue_days=90 or review_every='6 months' "
        f"(repeatable; names: {', '.join(Timing.names())})",
    )
    formats = report_formats()
    check.add_argument(
        "--format",
        choices=tuple(formats),
        default="text",
        help="report format: " + ", ".join(f"{name} ({f.description})" for name, f in formats.items()),
    )
    check.add_argument("--output", "-o", type=Path, default=None, metavar="PATH", help="write the report here")
    check.add_argument(
        "--findings",
        type=Path,
        default=None,
        metavar="PATH",
        help="also write the findings, one a row, to a spreadsheet: .xlsx or .csv (several files: one table, "
        "with a file column)",
    )
    check.add_argument(
        "--fail-on",
        choices=tuple(FAIL_ON),
        default="minor",
        help="exit 1 when anything this serious or worse is found (default: minor); the sarif, github and "
        "junit formats report only findings this serious or worse",
    )
    check.add_argument("--verbose", "-v", action="store_true", help="text format: list needs-evidence findings too")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour in text output")
    check.add_argument(
        "--title",
        default=None,
        metavar="TEXT",
        help="html format: the report's title, above the organization's name (default: ISO 9001 leadership assessment)",
    )
    check.add_argument(
        "--logo",
        type=_logo,
        default=None,
        metavar="PATH",
        help="html format: a PNG, JPEG or SVG logo for the header (at most 256 KiB), embedded in the page",
    )
    check.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=1,
        metavar="N",
        help="assess several files in N processes at once (default: 1; 0 for one per CPU)",
    )

    graph = with_file("graph", "export the accountability graph, whole or a focused view of it")
    graph.add_argument("--format", choices=GRAPH_FORMATS, required=True, help="graphml, gexf, dot, mermaid or json")
    graph.add_argument("--output", "-o", type=Path, default=None, metavar="PATH", help="write here instead of stdout")
    views = graph.add_argument_group(
        "focused views", "draw the part of the graph a question is about (one of --around, --gaps-only, --org-chart)"
    )
    view = views.add_mutually_exclusive_group()
    view.add_argument(
        "--around", metavar="ID", default=None, help="an element (role, process, risk...) and its neighbours, both ways"
    )
    view.add_argument(
        "--gaps-only", action="store_true", help="the elements the gaps name, marked, with their neighbours for context"
    )
    view.add_argument(
        "--org-chart",
        nargs="?",
        const="",
        default=None,
        metavar="ROLE",
        help="a role (default: top management) and the roles reporting to it; put FILE before this option",
    )
    views.add_argument(
        "--depth",
        type=int,
        default=None,
        metavar="N",
        help=f"--around, --gaps-only: edges away (default: {DEFAULT_DEPTH})",
    )
    views.add_argument(
        "--levels",
        type=int,
        default=None,
        metavar="N",
        help=f"--org-chart: levels of reports (default: {DEFAULT_LEVELS})",
    )
    views.add_argument(
        "--as-of",
        type=_date,
        default=None,
        metavar="DATE",
        help="--gaps-only: date to judge dates against (default: today; required when the CI environment variable is set)",
    )
    views.add_argument(
        "--gap-kind",
        action="append",
        default=None,
        metavar="KIND",
        help="--gaps-only: only gaps of this kind (repeatable)",
    )
    graph.add_argument(
        "--mermaid-max-text-size",
        type=int,
        default=None,
        metavar="N",
        help=f"--format mermaid: refuse a diagram longer than N characters (default: {MERMAID_LIMITS.max_text_size:,}, "
        "Mermaid's maxTextSize; 0 for no limit)",
    )
    graph.add_argument(
        "--mermaid-max-edges",
        type=int,
        default=None,
        metavar="N",
        help=f"--format mermaid: refuse a diagram of more than N edges (default: {MERMAID_LIMITS.max_edges}, "
        "Mermaid's maxEdges; 0 for no limit)",
    )

    raci = with_file("raci", "print the RACI matrix (responsibilities by roles)")
    raci.add_argument(
        "--format",
        choices=("text", "csv", "markdown", "xlsx"),
        default="text",
        help="output format; csv and xlsx (which needs --output) write the spreadsheet layout import-raci reads back",
    )
    raci.add_argument("--ids", action="store_true", help="show ids instead of titles")
    raci.add_argument("--output", "-o", type=Path, default=None, metavar="PATH", help="write here instead of stdout")

    import_raci = commands.add_parser(
        "import-raci",
        help="read a RACI matrix from a spreadsheet (.xlsx or .csv) into an organization file",
        description="Read a RACI matrix (a row per responsibility, a column per role, cells R, A, C, I) from a "
        "spreadsheet into an organization file. Every problem is reported at its cell.",
    )
    import_raci.add_argument("sheet_file", type=Path, metavar="SHEET", help="the spreadsheet: .xlsx (.xlsm) or .csv")
    import_raci.add_argument(
        "--sheet", default=None, metavar="NAME", help="the workbook's sheet with the matrix (default: the first)"
    )
    import_raci.add_argument(
        "--base",
        type=Path,
        default=None,
        metavar="ORG",
        help="an organization file whose roles, processes and authorities the sheet names; the result is it with "
        "the sheet's responsibilities (without it, roles are made from the column headers)",
    )
    import_raci.add_argument(
        "--keep-others", action="store_true", help="keep the base's responsibilities that the sheet does not list"
    )
    import_raci.add_argument("--name", default=None, help="the organization's name (default: the base's, or SHEET's)")
    import_raci.add_argument(
        "--delimiter",
        choices=(",", ";", "tab"),
        default=None,
        help="CSV: the delimiter (default: the one that splits the header row into the most cells)",
    )
    import_raci.add_argument(
        "--output",
        "-o",
        type=Path,
        default=None,
        metavar="PATH",
        help="write the organization file here (.yaml, .yml or .json), atomically, instead of printing YAML",
    )
    import_raci.add_argument(
        "--max-bytes",
        type=_size,
        default=MAX_BYTES,
        metavar="N",
        help=f"refuse a file larger than N bytes (default: {MAX_BYTES:,}; 0 for no limit)",
    )

    schema = commands.add_parser("schema", help="print the JSON Schema of the organization file format")
    schema.add_argument("--write", action="store_true", help="regenerate the schema file shipped in the package")

    init = commands.add_parser("init", help="write a starter organization file with comments")
    init.add_argument(
        "path", type=Path, nargs="?", default=Path("organization.yaml"), help="default: organization.yaml"
    )
    init.add_argument("--force", action="store_true", help="overwrite an existing file")

    catalog = commands.add_parser(
        "catalog",
        help="print the requirement catalog of an edition, or write it as a CISO Assistant framework library",
    )
    catalog.add_argument(
        "--edition", choices=EDITIONS, default="2015", help="ISO 9001 edition (default: 2015 with Amd 1:2024)"
    )
    catalog.add_argument(
        "--format",
        choices=_CATALOG_FORMATS,
        default="text",
        help="text (a table), json (every field), or ciso-assistant (a framework library, YAML)",
    )
    catalog.add_argument("--output", "-o", type=Path, default=None, metavar="PATH", help="write here instead of stdout")

    with_file("summary", "load an organization file and print a summary of it")
    with_file("validate", "load organization files and report every problem in them", many=True)
    parser.set_defaults(all_commands=tuple(commands.choices))
    return parser


#: What ``catalog --format`` writes.
_CATALOG_FORMATS = ("text", "json", "ciso-assistant")


def _catalog_text(catalog: Catalog, format: str) -> str:
    """The catalog as ``catalog`` prints it: a table, JSON, or a CISO Assistant library."""
    if format == "ciso-assistant":
        return render_ciso_library(catalog)
    if format == "json":

        def plain(instance: object, field: object, value: object) -> object:
            return value.value if isinstance(value, enum.Enum) else value

        data = {
            "edition": catalog.edition,
            "title": catalog.title,
            "provisional": catalog.provisional,
            "requirements": [attrs.asdict(req, value_serializer=plain) for req in catalog],
        }
        return json_text(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
    width = max((len(req.clause) for req in catalog), default=0) + 2
    id_width = max((len(req.id) for req in catalog), default=0)
    lines = [f"{catalog.title}: {len(catalog)} requirements"]
    for req in catalog:
        clause = req.clause + (" *" if req.unconfirmed else "")
        lines.append(f"{clause:<{width}}  {req.id:<{id_width}}  {req.title}")
    if any(req.unconfirmed for req in catalog):
        lines.append("* clause id not confirmed against the published text")
    return printable("\n".join(lines), keep="\n") + "\n"


def starter_text(*, today: dt.date, path: str = "organization.yaml") -> str:
    """The starter organization file that ``init`` writes, dated ``today``."""
    template = resources.files("iso9001_leadership").joinpath("templates/starter.yaml").read_text(encoding="utf-8")
    next_year = today.replace(year=today.year + 1, day=min(today.day, 28))
    return (
        template.replace("{today}", today.isoformat())
        .replace("{next_year}", next_year.isoformat())
        .replace("{path}", path)
        .replace("{schema_id}", SCHEMA_ID)
    )


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    stdin: BinaryIO | None = None,
) -> int:
    """Run the command line and return its exit code.

    ``stdout``, ``stderr`` and ``stdin`` (read as bytes, for the path ``-``) default to the
    process's own streams.

    Run as the program (``argv`` not given), it turns Python's cyclic garbage collector off for
    the rest of the process: a run builds much, keeps it all to the end and frees it at exit, so
    each collection (and the one Python makes at exit) would walk everything for nothing. Called
    with ``argv``, from a program or a test, it leaves the collector as it finds it.
    """
    if argv is None:
        gc.disable()
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    commands: tuple[str, ...] = parser.get_default("all_commands")
    if args_list and args_list[0] not in commands and (args_list[0] == STDIN or not args_list[0].startswith("-")):
        refusal = _not_a_command(parser, args_list, commands)
        if refusal is not None:
            _say(refusal, err)
            return EXIT_USAGE
        args_list.insert(0, "summary")  # `iso9001-leadership FILE` summarises FILE
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 for --help and --version
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help(out)
        return EXIT_USAGE
    args.stdin = stdin
    try:
        return _run(args, out, err)
    except LoadError as exc:
        for diagnostic in diagnostics(exc, exc.source):
            _say(str(diagnostic), err)
        return EXIT_USAGE
    except Iso9001Error as exc:
        _say(f"iso9001-leadership: {exc}", err)
        return EXIT_USAGE
    except OSError as exc:
        _say(f"iso9001-leadership: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), err)
        return EXIT_USAGE
    except ValueError as exc:
        _say(f"iso9001-leadership: {exc}", err)
        return EXIT_USAGE


def _looks_like_a_path(word: str) -> bool:
    """Whether a first argument that is not a command names a file (to summarise) rather than a mistyped command."""
    suffix = os.path.splitext(word)[1].lower()
    return (
        word == STDIN or os.path.exists(word) or suffix in (".yaml", ".yml", ".json") or "/" in word or os.sep in word
    )


def _not_a_command(parser: argparse.ArgumentParser, args: list[str], commands: Sequence[str]) -> str | None:
    """Why a first argument that is no command is refused; ``None`` when it is the ``FILE`` shorthand of ``summary``.

    A word that names no file is a mistyped command: the message offers the closest command.
    A file followed by what ``summary`` does not take was most likely meant for ``check``: the
    message offers that command line.
    """
    first = args[0]
    if not _looks_like_a_path(first):
        known = ", ".join(commands)
        hint = did_you_mean(first, commands)
        return f"iso9001-leadership: unknown command {first!r}{hint or f'; expected one of {known}'}"
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            _, extras = parser.parse_known_args(["summary", *args])
    except SystemExit:  # a bad value for one of summary's own options: summary will say so
        return None
    if not extras:
        return None
    return (
        f"iso9001-leadership: unknown command {first!r}; it is a file: "
        f"did you mean {shlex.join(['iso9001-leadership', 'check', *args])!r}?"
    )


def _say(message: str, stream: TextIO) -> None:
    """Print a message on the terminal; what it echoes from a file or a path cannot drive the terminal.

    Control characters other than line feeds (escape sequences, carriage returns,
    bidirectional overrides) are written as visible escapes such as ``\\x1b``.
    """
    print(printable(message, keep="\n"), file=stream)


def _emit(text: str, output: Path | None, out: TextIO) -> None:
    if output is None:
        out.write(text if text.endswith("\n") else text + "\n")
    else:
        write_atomically(output, text if text.endswith("\n") else text + "\n")


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.command == "catalog":
        _emit(_catalog_text(Catalog.builtin(args.edition, plugins=True), args.format), args.output, out)
        return EXIT_OK
    if args.command == "schema":
        if args.write:
            write_atomically(_SCHEMA_FILE, schema_text())
            _say(f"wrote {_SCHEMA_FILE}", out)
        else:
            out.write(schema_text())
        return EXIT_OK
    if args.command == "init":
        path: Path = args.path
        if path.exists() and not args.force:
            _say(f"iso9001-leadership: {path} exists; use --force to overwrite it", err)
            return EXIT_USAGE
        write_atomically(path, starter_text(today=dt.date.today(), path=str(path)))
        # The starter's first line points editors at the schema beside it: write it there too.
        schema_path = path.parent / "organization.schema.json"
        if args.force or not schema_path.exists():
            write_atomically(schema_path, schema_text())
            _say(f"wrote {schema_path}: the JSON Schema editors use for completion", out)
        _say(f"wrote {path}: edit it, then run: iso9001-leadership check {path}", out)
        return EXIT_OK
    if args.command == "import-raci":
        return _import_raci(args, out, err)

    given: list[str] = args.files if args.command in ("check", "validate") else [os.fspath(args.file)]
    misuse = _stdin_misuse(given, args.stdin_name)
    if misuse is not None:
        _say(f"iso9001-leadership: {misuse}", err)
        return EXIT_USAGE
    if args.command == "validate":
        return _validate(args, out, err)
    several = len(given) > 1 or os.path.isdir(given[0])
    if args.command == "check" and (several or args.format in _ALWAYS_MANY):
        return _check_many(args, out, err)
    loaded = _load_or_say(given[0], args, err)
    if loaded is None:
        return EXIT_USAGE
    args.file, org = loaded  # the name messages and reports give the file
    if args.command == "summary":
        print(summarize(org), file=out)
        return EXIT_OK
    if args.command == "graph":
        return _graph(args, org, out, err)
    if args.command == "raci":
        return _raci(args, org, out, err)
    return _check(args, org, out, err)


def _raci(args: argparse.Namespace, org: Organization, out: TextIO, err: TextIO) -> int:
    """The ``raci`` command: text and Markdown from the matrix; CSV and XLSX in the layout ``import-raci`` reads."""
    if args.format in ("csv", "xlsx"):
        if args.output is not None:
            write_raci(org, args.output, format=args.format, ids=args.ids)
        elif args.format == "xlsx":
            _say("iso9001-leadership: --format xlsx writes a workbook, which is binary: give --output FILE.xlsx", err)
            return EXIT_USAGE
        else:
            write_raci(org, out, format="csv", ids=args.ids)
        return EXIT_OK
    matrix = raci_matrix(org)
    renderers = {"text": matrix.to_text, "markdown": matrix.to_markdown}
    _emit(renderers[args.format](ids=args.ids), args.output, out)
    return EXIT_OK


def _import_raci(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The ``import-raci`` command: a spreadsheet's RACI matrix into an organization file (YAML or JSON)."""
    limit = args.max_bytes or None
    base = None if args.base is None else load(args.base, max_bytes=limit)
    org = read_raci(
        args.sheet_file,
        sheet=args.sheet,
        base=base,
        name=args.name,
        keep_others=args.keep_others,
        delimiter="\t" if args.delimiter == "tab" else args.delimiter,
        max_bytes=limit,
    )
    notes = []
    if base is None:
        made = (("role", "roles", org.roles), ("process", "processes", org.processes))
        for one, many, elements in (*made, ("authority", "authorities", org.authorities)):
            if elements:
                ids = [e.id for e in elements]
                shown = ", ".join(ids[:10]) + (f" and {len(ids) - 10} more" if len(ids) > 10 else "")
                notes.append(f"made {plural(len(ids), one, many)} from the sheet: {shown}")
    else:
        listed = {r.id for r in org.responsibilities}
        left_out = [r.id for r in base.responsibilities if r.id not in listed]
        if left_out:
            notes.append(
                f"left out {plural(len(left_out), 'responsibility', 'responsibilities')} of {args.base} that the "
                f"sheet does not list (keep them with --keep-others): {', '.join(left_out)}"
            )
    for note in notes:
        _say(f"{args.sheet_file}: {note}", err)
    if args.output is None:
        out.write(dumps(org))
    else:
        dump(org, args.output)
        _say(f"wrote {args.output}: {len(org.responsibilities)} responsibilities from {args.sheet_file}", out)
    return EXIT_OK


def _graph(args: argparse.Namespace, org: Organization, out: TextIO, err: TextIO) -> int:
    """The ``graph`` command: the whole graph, or the focused view asked for, in one format."""
    misplaced = [
        f"{option} goes with {needs}"
        for option, given, needs, fits in (
            ("--depth", args.depth, "--around or --gaps-only", args.around is not None or args.gaps_only),
            ("--levels", args.levels, "--org-chart", args.org_chart is not None),
            ("--as-of", args.as_of, "--gaps-only", args.gaps_only),
            ("--gap-kind", args.gap_kind, "--gaps-only", args.gaps_only),
            ("--mermaid-max-text-size", args.mermaid_max_text_size, "--format mermaid", args.format == "mermaid"),
            ("--mermaid-max-edges", args.mermaid_max_edges, "--format mermaid", args.format == "mermaid"),
        )
        if given is not None and not fits
    ]
    if misplaced:
        _say(f"iso9001-leadership: {'; '.join(misplaced)}", err)
        return EXIT_USAGE
    graph = OrgGraph.from_organization(org)
    target: OrgGraph | View = graph
    depth = DEFAULT_DEPTH if args.depth is None else args.depth
    if args.around is not None:
        target = around(graph, args.around, depth=depth)
    elif args.gaps_only:
        as_of = _as_of(args, err)
        if as_of is None:
            return EXIT_USAGE
        target = gaps_only(graph, as_of=as_of, kinds=args.gap_kind, depth=depth)
    elif args.org_chart is not None:
        levels = DEFAULT_LEVELS if args.levels is None else args.levels
        target = org_chart(graph, args.org_chart or None, levels=levels)
    text_size, edges = args.mermaid_max_text_size, args.mermaid_max_edges
    limits = MermaidLimits(
        max_text_size=MERMAID_LIMITS.max_text_size if text_size is None else text_size or sys.maxsize,
        max_edges=MERMAID_LIMITS.max_edges if edges is None else edges or sys.maxsize,
    )
    _emit(export(target, args.format, mermaid_limits=limits), args.output, out)
    for note in target.notes if isinstance(target, View) else ():
        _say(f"note: {note}", err)
    return EXIT_OK


def _stdin_misuse(paths: Sequence[str], stdin_name: str | None) -> str | None:
    """Why ``-`` (standard input) or ``--stdin-name`` cannot be used as given; ``None`` when they can."""
    count = sum(1 for path in paths if path == STDIN)
    if count > 1:
        return "standard input (-) can be read only once; give - once"
    if stdin_name is not None and not count:
        return "--stdin-name names standard input, which is read only when - is among the paths"
    return None


def _stdin_display(args: argparse.Namespace) -> str:
    name: str | None = args.stdin_name
    return name if name else _STDIN_NAME


def _stdin_format(data: bytes) -> Format:
    """The format of text read from standard input, told from its content: JSON when it opens an object or array.

    A JSON document starts (after white space and a byte order mark) with ``[``, or with ``{``
    followed by a key in double quotes or by ``}``; anything else is read as YAML (a YAML flow
    mapping such as ``{name: Acme}`` stays YAML).

    Examples
    --------
    >>> _stdin_format(b'  {"name": "Acme"}'), _stdin_format(b"{name: Acme}"), _stdin_format(b"name: Acme")
    ('json', 'yaml', 'yaml')
    """
    text = data.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"["):
        return "json"
    if text.startswith(b"{") and text[1:].lstrip()[:1] in (b'"', b"}"):
        return "json"
    return "yaml"


def _read_stdin(args: argparse.Namespace, name: str) -> Organization:
    """The organization on standard input, read as bytes, at most ``--max-bytes`` of them."""
    stream: BinaryIO = args.stdin if args.stdin is not None else sys.stdin.buffer
    limit: int | None = args.max_bytes or None
    data = stream.read() if limit is None else stream.read(limit + 1)
    if limit is not None and len(data) > limit:
        problem = Problem(
            "",
            f"too large to read: more than {limit:,} bytes, and the limit is {limit:,} bytes",
            expected=f"at most {limit:,} bytes (pass --max-bytes to raise the limit, 0 for none)",
        )
        raise LoadError([problem], source=name)
    return loads(data, format=_stdin_format(data), source=name, max_bytes=limit)


def _load_or_say(path: str, args: argparse.Namespace, err: TextIO) -> tuple[str, Organization] | None:
    """The name to give the file and its organization; ``None`` once its problems are printed, one a line."""
    name = _stdin_display(args) if path == STDIN else path
    try:
        org = _read_stdin(args, name) if path == STDIN else load(path, max_bytes=args.max_bytes or None)
    except (Iso9001Error, OSError) as exc:
        _say_problems(exc, name, err)
        return None
    return name, org


def _say_problems(error: BaseException, path: str, err: TextIO) -> None:
    """A file's error, one line per problem: ``path:line:col: message``, or ``path: message`` where no position is known."""
    for diagnostic in diagnostics(error, path):
        _say(str(diagnostic), err)


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``validate``: each file (and each organization file in the directories given) read, its problems printed."""
    before, after = _around_stdin(args.files)
    code = EXIT_OK
    for path in (*before, *after):
        loaded = _load_or_say(STDIN if path == _STDIN_SLOT else path, args, err)
        if loaded is None:
            code = EXIT_USAGE
        else:
            _say(f"{loaded[0]}: valid ({len(loaded[1])} elements)", out)
    return code


#: Where standard input stands among the files, once directories are expanded.
_STDIN_SLOT = STDIN + "\x00"


def _around_stdin(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """The files of the paths given up to standard input (ending with :data:`_STDIN_SLOT`), and those after it.

    Directories are expanded as :func:`~iso9001_leadership.batch.expand_paths` does; a file
    found again after standard input is kept where it first appeared.
    """
    if STDIN not in paths:
        return expand_paths(paths), []
    index = list(paths).index(STDIN)
    before = expand_paths(paths[:index])
    seen = set(before)
    after = [path for path in expand_paths(paths[index + 1 :]) if path not in seen]
    return [*before, _STDIN_SLOT], after


def _assess_stdin(args: argparse.Namespace, as_of: dt.date, timing: Timing) -> FileAssessment:
    """Standard input read and assessed in this process, or the error it met, as a file of several."""
    name = _stdin_display(args)
    try:
        org = _read_stdin(args, name)
        return FileAssessment(name, assess(org, edition=args.edition, as_of=as_of, timing=timing))
    except (Iso9001Error, OSError) as exc:
        return FileAssessment(name, error=exc.with_traceback(None))


def _timing_setting(text: str) -> str:
    try:
        Timing().with_setting(text)
    except UsageError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def _logo(path: str) -> Logo:
    """The logo at ``path``, read and checked when the command line is parsed (a bad one is a usage error)."""
    try:
        return Logo.from_file(path)
    except UsageError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = -1
    if jobs < 0:
        msg = f"not a number of processes: {text!r} (a whole number, 0 for one per CPU)"
        raise argparse.ArgumentTypeError(msg)
    return jobs


def _as_of(args: argparse.Namespace, err: TextIO) -> dt.date | None:
    """The date given, or today; None (after saying why) when it must be given and was not."""
    as_of: dt.date | None = args.as_of
    if as_of is None:
        if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
            print(
                "error: --as-of is required when CI is set, so that the same file always gives the same result",
                file=err,
            )
            return None
        as_of = dt.date.today()
    return as_of


def _timing(args: argparse.Namespace) -> Timing:
    timing = Timing()
    for setting in args.timing:
        timing = timing.with_setting(setting)
    return timing


def _use_color(args: argparse.Namespace, out: TextIO) -> bool:
    color = {"always": True, "never": False}.get(args.color)
    stream_for_style = out if args.output is None else _NotATerminal()
    return Style(stream_for_style, color=color).color


def _check(args: argparse.Namespace, org: Organization, out: TextIO, err: TextIO) -> int:
    as_of = _as_of(args, err)
    if as_of is None:
        return EXIT_USAGE
    timing = _timing(args)
    progress = Progress(err, label=printable(f"checking {args.file}"))
    try:
        assessment = assess(org, edition=args.edition, as_of=as_of, timing=timing, progress=progress)
    finally:
        progress.close()
    use_color = _use_color(args, out)
    text = render(
        assessment,
        args.format,
        source=args.file,
        color=use_color,
        verbose=args.verbose,
        title=args.title,
        logo=args.logo,
        min_severity=_min_severity(args),
        organization=org,
    )
    _emit(text, args.output, out)
    if args.findings is not None:
        write_findings(assessment, args.findings)
    failing = assessment.at_or_above(FAIL_ON[args.fail_on])
    if failing:
        if args.output is not None or args.format != "text":
            _say(f"{len(failing)} findings at or above {args.fail_on!r}", err)
        return EXIT_FINDINGS
    return EXIT_OK


class _NotATerminal:
    def isatty(self) -> bool:
        return False


#: The formats whose reports of several files make one document (the others write one file's).
_MANY_FORMATS = ("text", "markdown", "json", "sarif", "github", "junit")

#: The formats that report a file's error in the report itself, so even one file goes the way of several.
_ALWAYS_MANY = ("github", "junit")


def _min_severity(args: argparse.Namespace) -> int | None:
    """What the machine formats leave out: findings below ``--fail-on`` (nothing, for ``never``)."""
    return None if args.fail_on == "never" else FAIL_ON[args.fail_on]


def _cpus() -> int:
    """The CPUs this process may run on (fewer than the machine's under an affinity mask or in a container)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _check_many(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``check`` of several files, or of directories: one document, each file's errors on its own."""
    if args.format not in _MANY_FORMATS:
        choices = ", ".join(_MANY_FORMATS)
        _say(
            f"iso9001-leadership: the {args.format} format reports on one file; check one file at a time, "
            f"or choose one of {choices} for several",
            err,
        )
        return EXIT_USAGE
    as_of = _as_of(args, err)
    if as_of is None:
        return EXIT_USAGE
    timing = _timing(args)
    before, after = _around_stdin(args.files)
    files = [path for path in (*before, *after) if path != _STDIN_SLOT]
    jobs = min(args.jobs or _cpus(), max(len(files), 1))
    max_bytes = args.max_bytes or None
    if jobs > 1:
        with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
            assessed = assess_files(
                files, as_of=as_of, edition=args.edition, timing=timing, max_bytes=max_bytes, executor=pool
            )
    else:
        assessed = assess_files(files, as_of=as_of, edition=args.edition, timing=timing, max_bytes=max_bytes)
    results = list(assessed)
    if len(files) < len(before) + len(after):  # standard input, assessed here, where it was given
        results.insert(len(before) - 1, _assess_stdin(args, as_of, timing))
    text = _render_many(results, args, as_of, use_color=_use_color(args, out))
    if text or args.output is not None:
        _emit(text, args.output, out)
    if args.findings is not None:
        write_findings({r.path: r.assessment for r in results if r.assessment is not None}, args.findings)
    threshold = FAIL_ON[args.fail_on]
    failing = {r.path: len(r.assessment.at_or_above(threshold)) for r in results if r.assessment is not None}
    failing = {path: count for path, count in failing.items() if count}
    errors = [(r.path, r.error) for r in results if r.error is not None]
    for path, error in errors:
        _say_problems(error, path, err)
    if failing and (args.output is not None or args.format != "text"):
        for path, count in failing.items():
            _say(f"{path}: {count} findings at or above {args.fail_on!r}", err)
    if errors:
        return EXIT_USAGE
    return EXIT_FINDINGS if failing else EXIT_OK


def _file_error_text(path: str, error: FileError) -> str:
    """A file's error as ``check`` of that one file would print it, always naming the file."""
    if isinstance(error, LoadError):
        return str(error)
    if isinstance(error, OSError):
        return f"iso9001-leadership: {error.strerror or error}: {error.filename or path}"
    return f"iso9001-leadership: {path}: {error}"


def _error_data(path: str, error: FileError) -> dict[str, object]:
    """A file's error for the JSON document: its kind, its message and the problems it lists."""
    message = str(error) if isinstance(error, Iso9001Error) else f"{error.strerror or error}: {error.filename or path}"
    problems = error.problems if isinstance(error, InvalidOrganizationError) else ()
    return {"error": type(error).__name__, "message": message, "problems": [attrs.asdict(p) for p in problems]}


def _render_many(
    results: Sequence[FileAssessment], args: argparse.Namespace, as_of: dt.date, *, use_color: bool
) -> str:
    """One document for several files: a report per file assessed (and, in JSON and SARIF, the errors)."""
    assessed = [(r.path, r.assessment) for r in results if r.assessment is not None]
    if args.format == "json":
        data = {
            "reports": {path: to_data(assessment) for path, assessment in assessed},
            "errors": {r.path: _error_data(r.path, r.error) for r in results if r.error is not None},
        }
        return json_text(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
    if args.format == "sarif":
        return _sarif_many(results, args.edition, as_of, _min_severity(args))
    if args.format in ("github", "junit"):
        files = [(r.path, r.assessment, r.error) for r in results]
        many = render_github_many if args.format == "github" else render_junit_many
        return many(files, min_severity=_min_severity(args))
    reports = [
        render(assessment, args.format, source=path, color=use_color, verbose=args.verbose)
        for path, assessment in assessed
    ]
    if args.format == "markdown":
        return "\n---\n\n".join(reports)
    return "\n".join(
        f"==> {printable(path)} <==\n{report}" for (path, _), report in zip(assessed, reports, strict=True)
    )


def _sarif_many(results: Sequence[FileAssessment], edition: str, as_of: dt.date, min_severity: int | None) -> str:
    """One SARIF log with one run for several files (see :func:`~iso9001_leadership.report.to_sarif_many`)."""
    files = [
        (r.path, r.assessment, _file_error_text(r.path, r.error) if r.error is not None else None) for r in results
    ]
    log = to_sarif_many(files, edition=edition, as_of=as_of, min_severity=min_severity)
    return json_text(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"
