"""The command line: ``iso9001-leadership`` (also ``python -m iso9001_leadership``).

Commands: ``check`` (assess a file, or several files and directories, across processes with
``--jobs``), ``graph`` (export the accountability graph), ``raci`` (the RACI matrix), ``schema``
(the file format's JSON Schema), ``init`` (a starter file), ``summary`` and ``validate``.

Exit codes: 0 success (for ``check``: nothing at or above ``--fail-on``), 1 findings at or
above the threshold, 2 a usage or input error (with the loader's message, never a traceback).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import gc
import json
import os
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TextIO

import attrs

from iso9001_leadership._escape import json_text, printable
from iso9001_leadership._summary import summarize
from iso9001_leadership._terminal import Progress, Style
from iso9001_leadership._version import __version__
from iso9001_leadership.assessment import assess
from iso9001_leadership.batch import FileAssessment, FileError, assess_files, expand_paths
from iso9001_leadership.catalog import EDITIONS
from iso9001_leadership.checks import Timing
from iso9001_leadership.exceptions import InvalidOrganizationError, Iso9001Error, LoadError, UsageError
from iso9001_leadership.export import GRAPH_FORMATS, export
from iso9001_leadership.findings import FAIL_ON as FAIL_THRESHOLDS
from iso9001_leadership.graph import OrgGraph
from iso9001_leadership.io import MAX_BYTES, SCHEMA_ID, load, schema_text, write_atomically
from iso9001_leadership.model import Organization
from iso9001_leadership.raci import raci_matrix
from iso9001_leadership.report import render, report_formats, to_data, to_sarif_many

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "FAIL_ON", "main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

#: ``--fail-on`` thresholds and the severity each stands for (``never`` never fails).
FAIL_ON: dict[str, int] = {**FAIL_THRESHOLDS, "never": 99}

_SCHEMA_FILE = Path(__file__).parent / "io" / "organization.schema.json"
_COMMANDS = ("check", "graph", "raci", "schema", "init", "summary", "validate")


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
                type=Path,
                nargs="+",
                metavar="PATH",
                help="organization files (.yaml, .yml or .json), or directories searched for them",
            )
        else:
            sub.add_argument("file", type=Path, help="organization file (.yaml, .yml or .json)")
        sub.add_argument(
            "--max-bytes",
            type=_size,
            default=MAX_BYTES,
            metavar="N",
            help=f"refuse a file larger than N bytes (default: {MAX_BYTES:,}; 0 for no limit)",
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
        "--fail-on",
        choices=tuple(FAIL_ON),
        default="minor",
        help="exit 1 when anything this serious or worse is found (default: minor)",
    )
    check.add_argument("--verbose", "-v", action="store_true", help="text format: list needs-evidence findings too")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour in text output")
    check.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=1,
        metavar="N",
        help="assess several files in N processes at once (default: 1; 0 for one per CPU)",
    )

    graph = with_file("graph", "export the accountability graph")
    graph.add_argument("--format", choices=GRAPH_FORMATS, required=True, help="graphml, gexf, dot, mermaid or json")
    graph.add_argument("--output", "-o", type=Path, default=None, metavar="PATH", help="write here instead of stdout")

    raci = with_file("raci", "print the RACI matrix (responsibilities by roles)")
    raci.add_argument("--format", choices=("text", "csv", "markdown"), default="text", help="output format")
    raci.add_argument("--ids", action="store_true", help="show ids instead of titles")
    raci.add_argument("--output", "-o", type=Path, default=None, metavar="PATH", help="write here instead of stdout")

    schema = commands.add_parser("schema", help="print the JSON Schema of the organization file format")
    schema.add_argument("--write", action="store_true", help="regenerate the schema file shipped in the package")

    init = commands.add_parser("init", help="write a starter organization file with comments")
    init.add_argument(
        "path", type=Path, nargs="?", default=Path("organization.yaml"), help="default: organization.yaml"
    )
    init.add_argument("--force", action="store_true", help="overwrite an existing file")

    with_file("summary", "load an organization file and print a summary of it")
    with_file("validate", "load an organization file and report every problem in it")
    return parser


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


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line and return its exit code.

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
    if args_list and args_list[0] not in _COMMANDS and not args_list[0].startswith("-"):
        args_list.insert(0, "summary")  # `iso9001-leadership FILE` summarises FILE
    parser = _parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 for --help and --version
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help(out)
        return EXIT_USAGE
    try:
        return _run(args, out, err)
    except LoadError as exc:
        _say(str(exc), err)
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

    if args.command == "check":
        files: list[Path] = args.files
        if len(files) > 1 or files[0].is_dir():
            return _check_many(args, out, err)
        args.file = files[0]  # one file: the report of one file, as ever
    org = load(args.file, max_bytes=args.max_bytes or None)
    if args.command == "validate":
        _say(f"{args.file}: valid ({len(org)} elements)", out)
        return EXIT_OK
    if args.command == "summary":
        print(summarize(org), file=out)
        return EXIT_OK
    if args.command == "graph":
        _emit(export(OrgGraph.from_organization(org), args.format), args.output, out)
        return EXIT_OK
    if args.command == "raci":
        matrix = raci_matrix(org)
        renderers = {"text": matrix.to_text, "csv": matrix.to_csv, "markdown": matrix.to_markdown}
        _emit(renderers[args.format](ids=args.ids), args.output, out)
        return EXIT_OK
    return _check(args, org, out, err)


def _timing_setting(text: str) -> str:
    try:
        Timing().with_setting(text)
    except UsageError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


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
    text = render(assessment, args.format, source=args.file, color=use_color, verbose=args.verbose)
    _emit(text, args.output, out)
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
_MANY_FORMATS = ("text", "markdown", "json", "sarif")


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
    files = expand_paths(args.files)
    jobs = min(args.jobs or _cpus(), len(files))
    max_bytes = args.max_bytes or None
    if jobs > 1:
        with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
            results = assess_files(
                files, as_of=as_of, edition=args.edition, timing=timing, max_bytes=max_bytes, executor=pool
            )
    else:
        results = assess_files(files, as_of=as_of, edition=args.edition, timing=timing, max_bytes=max_bytes)
    text = _render_many(results, args, as_of, use_color=_use_color(args, out))
    if text or args.output is not None:
        _emit(text, args.output, out)
    threshold = FAIL_ON[args.fail_on]
    failing = {r.path: len(r.assessment.at_or_above(threshold)) for r in results if r.assessment is not None}
    failing = {path: count for path, count in failing.items() if count}
    errors = [(r.path, r.error) for r in results if r.error is not None]
    for path, error in errors:
        _say(_file_error_text(path, error), err)
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
        return _sarif_many(results, args.edition, as_of)
    reports = [
        render(assessment, args.format, source=path, color=use_color, verbose=args.verbose)
        for path, assessment in assessed
    ]
    if args.format == "markdown":
        return "\n---\n\n".join(reports)
    return "\n".join(
        f"==> {printable(path)} <==\n{report}" for (path, _), report in zip(assessed, reports, strict=True)
    )


def _sarif_many(results: Sequence[FileAssessment], edition: str, as_of: dt.date) -> str:
    """One SARIF log with one run for several files (see :func:`~iso9001_leadership.report.to_sarif_many`)."""
    files = [
        (r.path, r.assessment, _file_error_text(r.path, r.error) if r.error is not None else None) for r in results
    ]
    log = to_sarif_many(files, edition=edition, as_of=as_of)
    return json_text(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"
