"""The command line: ``iso9001-leadership`` (also ``python -m iso9001_leadership``).

Exit codes: 0 success, 1 findings at or above the threshold (for checks), 2 usage or input error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from iso9001_leadership import __version__
from iso9001_leadership._summary import summarize
from iso9001_leadership.exceptions import LoadError
from iso9001_leadership.io import load
from iso9001_leadership.io._files import write_atomically
from iso9001_leadership.io._schema import schema_text

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

_SCHEMA_FILE = Path(__file__).parent / "io" / "organization.schema.json"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="iso9001-leadership",
        description="Check an organization's quality management system against ISO 9001 leadership requirements.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    summary = commands.add_parser("summary", help="load an organization file and print a summary of it")
    summary.add_argument("file", type=Path, help="organization file (.yaml, .yml or .json)")

    validate = commands.add_parser("validate", help="load an organization file and report every problem in it")
    validate.add_argument("file", type=Path, help="organization file (.yaml, .yml or .json)")

    schema = commands.add_parser("schema", help="print the JSON Schema of the organization file format")
    schema.add_argument("--write", action="store_true", help="regenerate the schema file shipped in the package")
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line; returns the exit code."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    if args_list and args_list[0] not in {"summary", "validate", "schema"} and not args_list[0].startswith("-"):
        args_list.insert(0, "summary")  # `iso9001-leadership FILE` summarises FILE
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 for --help/--version
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help(out)
        return EXIT_USAGE
    if args.command == "schema":
        if args.write:
            write_atomically(_SCHEMA_FILE, schema_text())
            print(f"wrote {_SCHEMA_FILE}", file=out)
        else:
            out.write(schema_text())
        return EXIT_OK
    try:
        org = load(args.file)
    except LoadError as exc:
        print(str(exc), file=err)
        return EXIT_USAGE
    except (OSError, ValueError) as exc:
        print(f"iso9001-leadership: {exc}", file=err)
        return EXIT_USAGE
    if args.command == "validate":
        print(f"{args.file}: valid ({len(org)} elements)", file=out)
        return EXIT_OK
    print(summarize(org), file=out)
    return EXIT_OK
