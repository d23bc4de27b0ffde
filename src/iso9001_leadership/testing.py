"""Keep an organization's leadership structure under test: assertion helpers and a pytest plugin.

A team that keeps its organization file in version control can guard it like code: a test
loads the file and asserts that it conforms, so a change that leaves a process without an
owner fails the build. See ``docs/how-to/ci.md``.

The assertion helpers are plain functions that raise :class:`AssertionError` with a readable
list of what is wrong; they work in pytest, in unittest and in a script alike:

- :func:`assert_conforms` assesses the organization and fails on every finding at or above a
  threshold (``fail_on``);
- :func:`assert_no_gaps` fails on the gaps :func:`~iso9001_leadership.find_gaps` reports;
- :func:`load_organization` loads a file, and inside a pytest test turns an invalid file into
  a clean test failure listing its problems instead of a traceback.

Installed with the package, the module is also a pytest plugin (entry point ``pytest11``,
name ``iso9001_leadership``). It adds:

- the marker ``@pytest.mark.iso9001(edition="2026", as_of="2026-11-24", file="org.yaml")`` on a
  test, class or module (and ``timing={"overdue_days": 90}`` for the thresholds of the time
  checks, see :class:`~iso9001_leadership.Timing`);
- the command-line options ``--iso9001-edition``, ``--iso9001-as-of``, ``--iso9001-file`` and
  ``--iso9001-timing NAME=VALUE`` (repeatable), and the same settings in the pytest
  configuration (``iso9001_edition``, ``iso9001_as_of``, ``iso9001_file``, and
  ``iso9001_timing``, one ``name=value`` per line);
- the fixtures ``iso9001_edition``, ``iso9001_as_of`` and ``iso9001_organization``.

Inside a test, the helpers take the edition and the date from the test's marker, then the
command line, then the configuration file, unless they are passed in. The date is never read
from the clock: with none given anywhere, the test fails and says where to set one. The
edition defaults to ``"2015"`` (ISO 9001:2015 with Amendment 1:2024). A relative ``file`` is
taken from the rootdir (where the pytest configuration lives), except on the command line,
where it is taken from the current directory.

Examples
--------
>>> import datetime as dt
>>> from iso9001_leadership import Organization, Process, Role
>>> from iso9001_leadership.testing import assert_no_gaps
>>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),),
...                    processes=(Process(id="make", name="Production"),))
>>> assert_no_gaps(org, kinds=["process_without_owner"], as_of=dt.date(2026, 11, 24))
Traceback (most recent call last):
...
AssertionError: 'Acme' has 1 gap of the kinds checked (as of 2026-11-24):
<BLANKLINE>
1. process_without_owner (5.3 b): Process 'make' has no accountable owner
   at fault: make (processes[0])
   fix: Name one role as owner of 'make'
"""

from __future__ import annotations

import contextvars
import datetime as dt
import os
from collections.abc import Generator, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

import attrs
import pytest

from iso9001_leadership._names import did_you_mean
from iso9001_leadership.assessment import Assessment, assess
from iso9001_leadership.catalog import DEFAULT_EDITION, EDITIONS
from iso9001_leadership.checks import Timing
from iso9001_leadership.exceptions import AssessmentError, CatalogError, LoadError, UsageError
from iso9001_leadership.findings import FAIL_ON, Finding, verdict
from iso9001_leadership.graph import OrgGraph
from iso9001_leadership.io import load
from iso9001_leadership.model import Organization
from iso9001_leadership.queries import DEFAULT_MAX_DIRECT_REPORTS, Gap, GapKind, find_gaps, gap_kinds

__all__ = [
    "FAIL_ON",
    "assert_conforms",
    "assert_no_gaps",
    "iso9001_as_of",
    "iso9001_edition",
    "iso9001_organization",
    "load_organization",
]

_MARKER = "iso9001"
_MARKER_KEYS = ("edition", "as_of", "file", "timing")
_MARKER_HELP = (
    "iso9001(edition=None, as_of=None, file=None, timing=None): the ISO 9001 edition, the assessment date "
    "(YYYY-MM-DD), the organization file and the thresholds of the time checks (a Timing, or a mapping of "
    "its fields) that iso9001-leadership's helpers and fixtures use in this test"
)

#: The test being run, so the helpers can read its marker and the session's options.
_CURRENT_ITEM: contextvars.ContextVar[pytest.Item | None] = contextvars.ContextVar(
    "iso9001_leadership_current_item", default=None
)


@attrs.frozen
class _Options:
    """The settings given on the command line or in the configuration file, checked."""

    edition: str | None = None
    as_of: dt.date | None = None
    file: Path | None = None
    timing: Timing | None = None


@attrs.frozen
class _Settings:
    """What one test uses: the marker over the command line over the configuration file."""

    edition: str
    as_of: dt.date | None
    file: Path | None
    timing: Timing | None = None


_OPTIONS_KEY = pytest.StashKey[_Options]()


# -- reading and checking settings -------------------------------------------------------------


def _edition(value: object, where: str) -> str:
    if value not in EDITIONS:
        msg = f"{where}: unknown ISO 9001 edition {value!r}; expected one of {', '.join(map(repr, EDITIONS))}"
        msg += did_you_mean(value, EDITIONS, parenthesized=True)
        raise ValueError(msg)
    return str(value)


def _date(value: object, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        msg = f"{where}: expected a date, not the date and time {value!r}; pass value.date()"
        raise ValueError(msg)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    msg = f"{where}: not a date: {value!r} (write it YYYY-MM-DD)"
    raise ValueError(msg)


def _timing(value: object, where: str) -> Timing:
    """A :class:`Timing` from one, a mapping of its fields, or ``name=value`` lines."""
    if isinstance(value, Timing):
        return value
    if isinstance(value, Mapping):
        settings = [f"{name}={given}" for name, given in value.items()]
    elif isinstance(value, str):
        settings = [value]
    elif isinstance(value, Iterable):
        settings = [str(v) for v in value]
    else:
        msg = f"{where}: expected a Timing, a mapping of its fields or name=value settings, not {value!r}"
        raise ValueError(msg)
    timing = Timing()
    try:
        for setting in settings:
            if setting.strip():
                timing = timing.with_setting(setting)
    except UsageError as exc:
        msg = f"{where}: {exc}"
        raise ValueError(msg) from None
    return timing


def _no_date_message(helper: str) -> str:
    return (
        f"{helper} needs the date to judge the organization on, and none was given. "
        "iso9001-leadership never reads the clock, so results do not change from one day to the next. "
        "Set one: pass as_of=datetime.date(2026, 11, 24), mark the test with "
        '@pytest.mark.iso9001(as_of="2026-11-24"), run pytest with --iso9001-as-of=2026-11-24, '
        'or add iso9001_as_of = "2026-11-24" to the pytest configuration.'
    )


def _in_test() -> bool:
    return _CURRENT_ITEM.get() is not None


def _stop(message: str, error: BaseException) -> NoReturn:
    """Fail the running test with ``message`` alone (no traceback), or raise ``error`` outside a test."""
    __tracebackhide__ = True
    if _in_test():
        pytest.fail(message, pytrace=False)
    raise error


def _options(config: pytest.Config) -> _Options:
    return config.stash.get(_OPTIONS_KEY, _Options())


def _settings(item: pytest.Item) -> _Settings:
    """The settings of one test; a bad marker fails the test with a message saying what is wrong."""
    __tracebackhide__ = True
    marked: dict[str, Any] = {}
    for marker in item.iter_markers(_MARKER):  # the closest marker first
        where = f"@pytest.mark.{_MARKER}"
        if marker.args:
            pytest.fail(
                f"{where} takes keywords only (edition=, as_of=, file=, timing=), not {marker.args!r}", pytrace=False
            )
        for key, value in marker.kwargs.items():
            if key not in _MARKER_KEYS:
                pytest.fail(
                    f"{where} has no setting {key!r}; expected edition, as_of, file or timing"
                    + did_you_mean(key, _MARKER_KEYS, parenthesized=True),
                    pytrace=False,
                )
            marked.setdefault(key, value)
    options = _options(item.config)
    problem = None
    try:
        edition = _edition(marked["edition"], f"@pytest.mark.{_MARKER}") if "edition" in marked else options.edition
        as_of = _date(marked["as_of"], f"@pytest.mark.{_MARKER}") if "as_of" in marked else options.as_of
        timing = _timing(marked["timing"], f"@pytest.mark.{_MARKER}") if "timing" in marked else options.timing
    except ValueError as exc:
        problem = str(exc)
    if problem is not None:
        pytest.fail(problem, pytrace=False)
    file = options.file
    if "file" in marked:
        if not isinstance(marked["file"], str | os.PathLike):
            pytest.fail(f"@pytest.mark.{_MARKER}: file must be a path, not {marked['file']!r}", pytrace=False)
        file = item.config.rootpath / Path(marked["file"])
    return _Settings(edition=edition or DEFAULT_EDITION, as_of=as_of, file=file, timing=timing)


def _resolve(edition: str | None, as_of: dt.date | None, helper: str) -> tuple[str, dt.date | None]:
    """The edition and date a helper uses: its arguments, else the running test's settings."""
    if edition is not None:
        _edition(edition, f"{helper}(edition=...)")
    if as_of is not None:
        as_of = _date(as_of, f"{helper}(as_of=...)")
    item = _CURRENT_ITEM.get()
    if item is None:
        return edition or DEFAULT_EDITION, as_of
    settings = _settings(item)
    return edition or settings.edition, as_of or settings.as_of


def _check_organization(org: object, helper: str) -> Organization:
    if not isinstance(org, Organization):
        hint = " (load the file first: load_organization(path))" if isinstance(org, str | os.PathLike) else ""
        msg = f"{helper} expects an Organization, not {type(org).__name__}{hint}"
        raise TypeError(msg)
    return org


# -- the assertion helpers -----------------------------------------------------------------------


def _at_fault(subjects: Sequence[str], paths: Mapping[str, str]) -> str:
    return ", ".join(f"{s} ({paths[s]})" if paths.get(s, s) != s else s for s in subjects)


def _describe_findings(assessment: Assessment, findings: Sequence[Finding], fail_on: str) -> str:
    a = assessment
    noun = "finding" if len(findings) == 1 else "findings"
    lines = [
        (
            f"{a.organization!r} has {len(findings)} {noun} at or above {fail_on!r} "
            f"({a.edition_title}, as of {a.as_of.isoformat()}):"
        ),
        "",
    ]
    for number, finding in enumerate(findings, start=1):
        requirement = a.result(finding.requirement).requirement
        indent = " " * (len(str(number)) + 2)
        lines.append(
            f"{number}. {finding.clause} {requirement.title} [{finding.requirement}]: {verdict(finding.status, finding.grade)}"
        )
        lines.append(f"{indent}{finding.reason}")
        if finding.subjects:
            lines.append(f"{indent}at fault: {_at_fault(finding.subjects, a.element_paths)}")
        if finding.fix:
            lines.append(f"{indent}fix: {finding.fix}")
        lines.append(f"{indent}rule: {finding.rule}")
    return "\n".join(lines)


def assert_conforms(
    org: Organization,
    *,
    fail_on: str = "minor",
    edition: str | None = None,
    as_of: dt.date | None = None,
    timing: Timing | None = None,
) -> Assessment:
    """Assess ``org`` and fail if anything at or above ``fail_on`` is found.

    Parameters
    ----------
    org
        The organization (see :func:`load_organization` to read one from a file).
    fail_on
        The least serious finding that fails: ``"major"`` (major nonconformities only),
        ``"minor"`` (any nonconformity, the default), ``"needs_evidence"`` (also requirements
        the model cannot decide without recorded evidence), ``"observation"`` or
        ``"opportunity"`` (anything at all). See :data:`FAIL_ON`.
    edition
        ``"2015"`` or ``"2026"``. In a pytest test, by default the one set by the marker or
        the options; elsewhere ``"2015"``.
    as_of
        The date to judge dates on. In a pytest test, by default the one set by the marker or
        the options; it must be given somewhere.
    timing
        The thresholds of the time checks (:class:`~iso9001_leadership.Timing`). In a pytest
        test, by default those set by the marker or the options; else the defaults.

    Returns
    -------
    Assessment
        The assessment, for further checks, when nothing fails.

    Raises
    ------
    AssertionError
        Listing every finding at or above the threshold, in clause order: clause, requirement, status and grade, the elements at fault (with where they stand in
        the file), the reason and the fix.
    ValueError
        If ``fail_on`` or ``edition`` is not one of those accepted, or no date is given
        (outside a test; in a test, the test fails with a message saying where to set one).
    TypeError
        If ``org`` is not an :class:`~iso9001_leadership.Organization`.

    Examples
    --------
    >>> import datetime as dt
    >>> from iso9001_leadership import Organization, Role
    >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),))
    >>> assert_conforms(org, fail_on="major", as_of=dt.date(2026, 11, 24))
    Traceback (most recent call last):
    ...
    AssertionError: 'Acme' has ... findings at or above 'major' (ISO 9001:2015 with Amendment 1:2024, as of 2026-11-24):
    <BLANKLINE>
    1. 4.4.1 a Processes of the quality management system [processes.inputs-outputs]: major nonconformity
       No processes of the QMS are recorded
       fix: Record its inputs and outputs
       rule: no_processes
    2. 5.1.1 a Top management's leadership and commitment [leadership.accountability]: major nonconformity
    ...
    >>> assert_conforms(org, fail_on="severe", as_of=dt.date(2026, 11, 24))
    Traceback (most recent call last):
    ...
    ValueError: fail_on must be one of 'major', 'minor', 'needs_evidence', 'observation', 'opportunity', not 'severe'
    """
    __tracebackhide__ = True
    if fail_on not in FAIL_ON:
        msg = f"fail_on must be one of {', '.join(map(repr, FAIL_ON))}, not {fail_on!r}" + did_you_mean(
            fail_on, FAIL_ON
        )
        raise ValueError(msg)
    org = _check_organization(org, "assert_conforms()")
    edition, day = _resolve(edition, as_of, "assert_conforms")
    if day is None:
        message = _no_date_message("assert_conforms()")
        _stop(message, ValueError(message))
    try:
        if timing is None:
            item = _CURRENT_ITEM.get()
            timing = _settings(item).timing if item is not None else None
        assessment = assess(org, edition=edition, as_of=day, timing=timing)
    except (AssessmentError, CatalogError) as exc:
        error: Exception = exc
    else:
        failing = assessment.at_or_above(FAIL_ON[fail_on])
        if failing:
            raise AssertionError(_describe_findings(assessment, failing, fail_on))
        return assessment
    # Fail outside the except block, so that pytest shows the message without the chained error.
    _stop(f"cannot assess {org.name!r}: {error}", error)


def _gap_kinds(kinds: Iterable[GapKind | str] | None) -> tuple[GapKind, ...] | None:
    return None if kinds is None else gap_kinds(kinds)


def _describe_gaps(org: Organization, gaps: Sequence[Gap], as_of: dt.date | None, every: bool) -> str:
    noun = "gap" if len(gaps) == 1 else "gaps"
    which = "" if every else " of the kinds checked"
    when = f"as of {as_of.isoformat()}" if as_of is not None else "dates not judged"
    lines = [f"{org.name!r} has {len(gaps)} {noun}{which} ({when}):", ""]
    paths = {s: org.path_of(s) for gap in gaps for s in gap.subjects if s in org}
    for number, gap in enumerate(gaps, start=1):
        indent = " " * (len(str(number)) + 2)
        lines.append(f"{number}. {gap}")
        if gap.subjects:
            lines.append(f"{indent}at fault: {_at_fault(gap.subjects, paths)}")
        lines.append(f"{indent}fix: {gap.fix}")
    return "\n".join(lines)


def assert_no_gaps(
    org: Organization,
    *,
    kinds: Iterable[GapKind | str] | None = None,
    as_of: dt.date | None = None,
    max_direct_reports: int = DEFAULT_MAX_DIRECT_REPORTS,
) -> None:
    """Fail if :func:`~iso9001_leadership.find_gaps` reports any gap (of ``kinds``) in ``org``.

    Parameters
    ----------
    org
        The organization.
    kinds
        Only these gap kinds (members of :class:`~iso9001_leadership.GapKind` or their values,
        such as ``["process_without_owner", "self_audit"]``); ``None`` checks every kind.
    as_of
        The date to judge the policy's review date on. In a pytest test, by default the one
        set by the marker or the options. It must be given somewhere when the kinds checked
        include ``policy_review_overdue`` (as they do by default); other kinds need no date.
    max_direct_reports
        As for :func:`~iso9001_leadership.find_gaps`.

    Raises
    ------
    AssertionError
        Listing every gap found: kind, clauses, reason, the elements at fault (with where they
        stand in the file) and the fix.
    ValueError
        If a kind is unknown, or a date is needed and none is given (outside a test; in a
        test, the test fails with a message saying where to set one).
    TypeError
        If ``org`` is not an :class:`~iso9001_leadership.Organization`, or ``kinds`` is a
        single string.

    Examples
    --------
    >>> from iso9001_leadership import Organization, Process, Role
    >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),),
    ...                    processes=(Process(id="make", name="Production", owner="ceo"),))
    >>> assert_no_gaps(org, kinds=["process_without_owner", "isolated_process"])
    """
    __tracebackhide__ = True
    org = _check_organization(org, "assert_no_gaps()")
    wanted = _gap_kinds(kinds)
    _, day = _resolve(None, as_of, "assert_no_gaps")
    if day is None and (wanted is None or GapKind.POLICY_REVIEW_OVERDUE in wanted):
        message = _no_date_message("assert_no_gaps() (to judge policy_review_overdue)")
        _stop(message, ValueError(message))
    graph = OrgGraph.from_organization(org)
    gaps = find_gaps(graph, as_of=day, kinds=wanted, max_direct_reports=max_direct_reports)
    if gaps:
        raise AssertionError(_describe_gaps(org, gaps, day, every=wanted is None))


def load_organization(path: str | os.PathLike[str]) -> Organization:
    """Load an organization file (YAML or JSON) for a test.

    Inside a pytest test, a file that cannot be loaded fails the test with the loader's list
    of problems (each with its line and the path of the field at fault) and no traceback.
    Elsewhere the loader's own error is raised.

    Raises
    ------
    LoadError
        Outside a test, listing every problem in the file.
    OSError
        Outside a test, if the file cannot be read.
    ValueError
        Outside a test, if the format cannot be told from the file's suffix.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "organization.yaml")
    ...     _ = path.write_text("name: Acme\\nroles: [{id: ceo, title: CEO}]\\n", encoding="utf-8")
    ...     print(load_organization(path).name)
    Acme
    """
    __tracebackhide__ = True
    try:
        return load(path)
    except LoadError as exc:
        error: Exception = exc
        message = str(exc)
    except OSError as exc:
        error, message = exc, f"{exc.strerror or exc}: {os.fspath(path)}"
    except ValueError as exc:
        error, message = exc, str(exc)
    # Fail outside the except block, so that pytest shows the message without the chained error.
    _stop(f"cannot load the organization: {message}", error)


# -- the pytest plugin ---------------------------------------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add the ``--iso9001-*`` options and the ``iso9001_*`` configuration settings."""
    group = parser.getgroup("iso9001", "ISO 9001 leadership checks (iso9001-leadership)")
    group.addoption(
        "--iso9001-edition",
        dest="iso9001_edition",
        default=None,
        metavar="EDITION",
        help=f"ISO 9001 edition for assert_conforms and the iso9001 fixtures: {', '.join(EDITIONS)} (default: {DEFAULT_EDITION})",
    )
    group.addoption(
        "--iso9001-as-of",
        dest="iso9001_as_of",
        default=None,
        metavar="DATE",
        help="date (YYYY-MM-DD) to judge organizations on; never read from the clock",
    )
    group.addoption(
        "--iso9001-file",
        dest="iso9001_file",
        default=None,
        metavar="PATH",
        help="organization file for the iso9001_organization fixture",
    )
    parser.addini("iso9001_edition", "ISO 9001 edition for iso9001-leadership's helpers (2015 or 2026)", default="")
    parser.addini("iso9001_as_of", "date (YYYY-MM-DD) iso9001-leadership's helpers judge organizations on", default="")
    parser.addini(
        "iso9001_file", "organization file for the iso9001_organization fixture (from the rootdir)", default=""
    )
    group.addoption(
        "--iso9001-timing",
        dest="iso9001_timing",
        action="append",
        default=None,
        metavar="NAME=VALUE",
        help="a threshold of the time checks, such as overdue_days=90 (repeatable; see iso9001_leadership.Timing)",
    )
    parser.addini(
        "iso9001_timing",
        "thresholds of the time checks for assert_conforms, one name=value per line (see iso9001_leadership.Timing)",
        type="linelist",
        default=[],
    )


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``iso9001`` marker and check the options, failing early on a bad one."""
    config.addinivalue_line("markers", _MARKER_HELP)
    values: dict[str, Any] = {}
    try:
        for key, option, ini in (
            ("edition", "--iso9001-edition", "iso9001_edition"),
            ("as_of", "--iso9001-as-of", "iso9001_as_of"),
            ("file", "--iso9001-file", "iso9001_file"),
        ):
            given = config.getoption(f"iso9001_{key}")
            where = option
            if given is None:
                # An ini file keeps quotes as written; pyproject.toml needs them. Accept both.
                given = str(config.getini(ini)).strip().strip("\"'") or None
                where = f"{ini} in the pytest configuration"
            if given is None:
                continue
            if key == "edition":
                values[key] = _edition(given, where)
            elif key == "as_of":
                values[key] = _date(given, where)
            else:
                base = config.invocation_params.dir if where == option else config.rootpath
                values[key] = base / Path(given)
        given_timing = config.getoption("iso9001_timing")
        if given_timing:
            values["timing"] = _timing(given_timing, "--iso9001-timing")
        elif lines := [str(line).strip().strip("\"'") for line in config.getini("iso9001_timing")]:
            values["timing"] = _timing(lines, "iso9001_timing in the pytest configuration")
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from None
    config.stash[_OPTIONS_KEY] = _Options(**values)


def pytest_report_header(config: pytest.Config) -> str | None:
    """Say which edition, date and file the helpers use, when any is set."""
    options = _options(config)
    if options == _Options():
        return None
    parts = [f"edition {options.edition or DEFAULT_EDITION}"]
    if options.as_of is not None:
        parts.append(f"as of {options.as_of.isoformat()}")
    if options.file is not None:
        parts.append(f"file {options.file}")
    return "iso9001-leadership: " + ", ".join(parts)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None, None, None]:
    """Make the running test known to the helpers, so they can read its marker."""
    token = _CURRENT_ITEM.set(item)
    try:
        yield
    finally:
        _CURRENT_ITEM.reset(token)


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Check the test's ``iso9001`` marker before it runs, so a typo fails at once."""
    __tracebackhide__ = True
    if item.get_closest_marker(_MARKER) is not None:
        _settings(item)


@pytest.fixture
def iso9001_edition(request: pytest.FixtureRequest) -> str:
    """The ISO 9001 edition the test uses: marker, then ``--iso9001-edition``, then configuration, else ``"2015"``."""
    return _settings(request.node).edition


@pytest.fixture
def iso9001_as_of(request: pytest.FixtureRequest) -> dt.date:
    """The date the test judges on: marker, then ``--iso9001-as-of``, then configuration; fails if none is set."""
    as_of = _settings(request.node).as_of
    if as_of is None:
        pytest.fail(_no_date_message("The iso9001_as_of fixture"), pytrace=False)
    return as_of


@pytest.fixture
def iso9001_organization(request: pytest.FixtureRequest) -> Organization:
    """The organization in the file set by the marker (``file=``), ``--iso9001-file`` or configuration."""
    file = _settings(request.node).file
    if file is None:
        pytest.fail(
            "The iso9001_organization fixture needs an organization file, and none was given. Set one: "
            '@pytest.mark.iso9001(file="organization.yaml"), --iso9001-file=organization.yaml, '
            'or iso9001_file = "organization.yaml" in the pytest configuration.',
            pytrace=False,
        )
    return load_organization(file)
