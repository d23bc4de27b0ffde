"""The pytest plugin and assertion helpers, run through pytest's own pytester and as plain functions."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import iso9001_leadership.testing as plugin
from iso9001_leadership import GapKind, Organization, Process, Role, assess, loads
from iso9001_leadership.strategies import organizations
from iso9001_leadership.testing import FAIL_ON, assert_conforms, assert_no_gaps, load_organization

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent
CONFORMING = Path(__file__).resolve().parent / "testing" / "conforming.yaml"
CI_HOWTO = ROOT / "docs" / "how-to" / "ci.md"
AS_OF = dt.date(2026, 11, 24)


def _without_owner(text: str) -> str:
    """The organization file with one fault: process 'make' loses its owner."""
    return text.replace("owner: ops, interacts_with: [sell]", "interacts_with: [sell]")


#: The conforming organization with one fault (a minor nonconformity).
ONE_GAP = _without_owner(CONFORMING.read_text(encoding="utf-8"))

#: The conforming organization, also free of nonconformities against the 2026 edition: its policy
#: commits to a quality culture and ethical behaviour, and the commitment is communicated.
READY_FOR_2026 = (
    CONFORMING.read_text(encoding="utf-8")
    .replace(
        "  - {id: framework, kind: objectives_framework}\n",
        "  - {id: framework, kind: objectives_framework}\n"
        "  - {id: culture, kind: quality_culture}\n"
        "  - {id: ethics, kind: ethical_behaviour}\n",
    )
    .replace("topics: [qms_importance,", "topics: [quality_culture, qms_importance,")
)


@pytest.fixture
def run(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch):
    """Run pytest in-process in a scratch folder holding two organization files, with only this plugin.

    Plugin autoloading is off, so the run is the same whether or not the package's ``pytest11``
    entry point is installed; the plugin module is handed to the run as a plugin object.
    """
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    # On CI (CI or BUILD_NUMBER set) pytest prints untruncated summaries; keep the output the same everywhere.
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("BUILD_NUMBER", raising=False)
    (pytester.path / "organization.yaml").write_text(CONFORMING.read_text(encoding="utf-8"), encoding="utf-8")
    (pytester.path / "one-gap.yaml").write_text(ONE_GAP, encoding="utf-8")

    def run_pytest(*args: str) -> pytest.RunResult:
        return pytester.runpytest(*args, plugins=[plugin])

    return run_pytest


def _in_order(text: str, *snippets: str) -> None:
    """Assert that each snippet appears in ``text``, each after the one before."""
    position = 0
    for snippet in snippets:
        found = text.find(snippet, position)
        assert found >= 0, f"{snippet!r} not found (after character {position}) in:\n{text}"
        position = found + len(snippet)


def _test_file(pytester: pytest.Pytester, source: str) -> None:
    pytester.makepyfile(test_org=textwrap.dedent(source))


# -- pass and fail --------------------------------------------------------------------------------


def test_plugin_passes_conforming_and_fails_faulty_organization(pytester, run):
    """A test of a conforming file passes; one of a file with a gap fails, listing the finding."""
    _test_file(
        pytester,
        """
        import pytest
        from iso9001_leadership.testing import assert_conforms, load_organization

        pytestmark = pytest.mark.iso9001(as_of="2026-11-24")

        def test_conforming():
            assert_conforms(load_organization("organization.yaml"))

        def test_one_gap():
            assert_conforms(load_organization("one-gap.yaml"))
        """,
    )
    result = run()
    result.assert_outcomes(passed=1, failed=1)
    _in_order(
        result.stdout.str(),
        "E       AssertionError: 'Acme Pumps' has 1 finding at or above 'minor' "
        "(ISO 9001:2015 with Amendment 1:2024, as of 2026-11-24):\n"
        "E       \n"
        "E       1. 5.3 b Roles, responsibilities and authorities [roles.process-outputs]: minor nonconformity\n"
        "E          Process 'make' has no accountable owner\n"
        "E          at fault: make (processes[1])\n"
        "E          fix: Name one role as owner of 'make'\n"
        "E          rule: process_without_owner\n",
    )


def test_assert_no_gaps_in_a_test_lists_the_gaps(pytester, run):
    """assert_no_gaps passes on the kinds a file does not have and fails listing those it has."""
    _test_file(
        pytester,
        """
        from iso9001_leadership.testing import assert_no_gaps, load_organization

        def test_isolation():
            assert_no_gaps(load_organization("one-gap.yaml"), kinds=["isolated_process"])

        def test_owners():
            assert_no_gaps(load_organization("one-gap.yaml"), kinds=["process_without_owner"])
        """,
    )
    result = run()
    result.assert_outcomes(passed=1, failed=1)
    _in_order(
        result.stdout.str(),
        "AssertionError: 'Acme Pumps' has 1 gap of the kinds checked (dates not judged):",
        "1. process_without_owner (5.3 b): Process 'make' has no accountable owner",
        "at fault: make (processes[1])",
        "fix: Name one role as owner of 'make'",
    )


# -- settings: marker, options, configuration -------------------------------------------------------


def test_marker_edition_changes_the_verdict(pytester, run):
    """The same file conforms to the 2015 edition and fails the 2026 one chosen by the marker."""
    _test_file(
        pytester,
        """
        import pytest
        from iso9001_leadership.testing import assert_conforms, load_organization

        pytestmark = pytest.mark.iso9001(as_of="2026-11-24")

        def test_2015():
            assert assert_conforms(load_organization("organization.yaml")).edition == "2015"

        @pytest.mark.iso9001(edition="2026")
        def test_2026():
            assert_conforms(load_organization("organization.yaml"))
        """,
    )
    result = run()
    result.assert_outcomes(passed=1, failed=1)
    _in_order(
        result.stdout.str(),
        "test_2026",
        "has 1 finding at or above 'minor' (ISO 9001:2026 (from the final draft and public summaries), as of 2026-11-24):",
        "[leadership.quality-culture]: minor nonconformity",
    )


def test_marker_date_changes_the_verdict(pytester, run):
    """Judged on a later date from the marker, the management review falls overdue."""
    _test_file(
        pytester,
        """
        import pytest
        from iso9001_leadership.testing import assert_conforms, load_organization

        @pytest.mark.iso9001(as_of="2027-12-31")
        def test_later():
            assert_conforms(load_organization("organization.yaml"))
        """,
    )
    result = run()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*The last management review was on 2026-03-10 (22 months ago); no programme is recorded*"]
    )


@pytest.mark.parametrize(
    ("args", "ini", "marker", "expected"),
    [
        (["--iso9001-edition=2026", "--iso9001-as-of=2026-11-24"], "", "", ("2026", "2026-11-24")),
        ([], "iso9001_edition = 2026\niso9001_as_of = 2026-01-31", "", ("2026", "2026-01-31")),
        ([], 'iso9001_edition = "2026"\niso9001_as_of = "2026-01-31"', "", ("2026", "2026-01-31")),
        (["--iso9001-as-of=2026-11-24"], "iso9001_as_of = 2026-01-31", "", ("2015", "2026-11-24")),
        (
            ["--iso9001-edition=2015", "--iso9001-as-of=2026-11-24"],
            "",
            '@pytest.mark.iso9001(edition="2026", as_of="2027-02-28")',
            ("2026", "2027-02-28"),
        ),
        (["--iso9001-as-of=2026-11-24"], "", '@pytest.mark.iso9001(edition="2026")', ("2026", "2026-11-24")),
        ([], "", "@pytest.mark.iso9001(as_of=datetime.date(2026, 3, 1))", ("2015", "2026-03-01")),
    ],
    ids=[
        "options",
        "configuration",
        "quoted-configuration",
        "option-over-configuration",
        "marker-over-options",
        "marker-and-option",
        "date",
    ],
)
def test_settings_precedence(pytester, run, args, ini, marker, expected):
    """The fixtures and helpers take the marker, then the command line, then the configuration."""
    if ini:
        pytester.makeini(f"[pytest]\n{ini}\n")
    (pytester.path / "organization.yaml").write_text(READY_FOR_2026, encoding="utf-8")
    _test_file(
        pytester,
        f"""
        import datetime
        import pytest
        from iso9001_leadership.testing import assert_conforms, load_organization

        {marker}
        def test_settings(iso9001_edition, iso9001_as_of):
            assert (iso9001_edition, iso9001_as_of.isoformat()) == {expected!r}
            result = assert_conforms(load_organization("organization.yaml"), fail_on="major")
            assert (result.edition, result.as_of.isoformat()) == {expected!r}
        """,
    )
    run(*args).assert_outcomes(passed=1)


def test_closest_marker_wins(pytester, run):
    """A test's own marker overrides its class's, which overrides the module's, key by key."""
    _test_file(
        pytester,
        """
        import pytest

        pytestmark = pytest.mark.iso9001(edition="2026", as_of="2026-01-01")

        @pytest.mark.iso9001(as_of="2026-02-02")
        class TestGroup:
            @pytest.mark.iso9001(as_of="2026-03-03")
            def test_own(self, iso9001_edition, iso9001_as_of):
                assert (iso9001_edition, str(iso9001_as_of)) == ("2026", "2026-03-03")

            def test_class(self, iso9001_edition, iso9001_as_of):
                assert (iso9001_edition, str(iso9001_as_of)) == ("2026", "2026-02-02")

        def test_module(iso9001_as_of):
            assert str(iso9001_as_of) == "2026-01-01"
        """,
    )
    run().assert_outcomes(passed=3)


def test_marker_is_registered(pytester, run):
    """The iso9001 marker is declared, so --strict-markers accepts it and --markers lists it."""
    result = run("--strict-markers", "--markers")
    result.stdout.fnmatch_lines(["@pytest.mark.iso9001(edition=None, as_of=None, file=None, timing=None): *"])


def test_report_header_names_the_settings(pytester, run):
    """The header says which edition and date the helpers use, and says nothing when none is set."""
    _test_file(pytester, "def test_nothing():\n    pass\n")
    result = run("--iso9001-edition=2026", "--iso9001-as-of=2026-11-24")
    result.stdout.fnmatch_lines(["iso9001-leadership: edition 2026, as of 2026-11-24"])
    assert "iso9001-leadership:" not in run().stdout.str()


# -- no date, bad settings ------------------------------------------------------------------------


def test_no_date_anywhere_fails_with_advice(pytester, run):
    """Without a date anywhere, the helpers and the fixture fail saying where to set one, without a traceback."""
    _test_file(
        pytester,
        """
        from iso9001_leadership.testing import assert_conforms, assert_no_gaps, load_organization

        def test_conforms():
            assert_conforms(load_organization("organization.yaml"))

        def test_every_gap():
            assert_no_gaps(load_organization("organization.yaml"))

        def test_fixture(iso9001_as_of):
            pass

        def test_dateless_kinds():
            assert_no_gaps(load_organization("organization.yaml"), kinds=["process_without_owner"])
        """,
    )
    result = run()
    result.assert_outcomes(passed=1, failed=2, errors=1)
    output = result.stdout.str()
    assert output.count("never reads the clock") == 3
    for start in (
        "assert_conforms() needs the date to judge the organization on, and none was given.",
        "assert_no_gaps() (to judge policy_review_overdue) needs the date to judge the organization on",
        "The iso9001_as_of fixture needs the date to judge the organization on",
    ):
        _in_order(
            output,
            start,
            "iso9001-leadership never reads the clock",
            '@pytest.mark.iso9001(as_of="2026-11-24"), run pytest with --iso9001-as-of=2026-11-24, '
            'or add iso9001_as_of = "2026-11-24" to the pytest configuration.',
        )
    assert "Traceback" not in output
    assert "testing.py:" not in output


@pytest.mark.parametrize(
    ("args", "ini", "message"),
    [
        (
            ["--iso9001-edition=2020"],
            "",
            "--iso9001-edition: unknown ISO 9001 edition '2020'; expected one of '2015', '2026'",
        ),
        (["--iso9001-as-of=yesterday"], "", "--iso9001-as-of: not a date: 'yesterday' (write it YYYY-MM-DD)"),
        ([], "iso9001_as_of = 24.11.2026", "iso9001_as_of in the pytest configuration: not a date: '24.11.2026'"),
        ([], "iso9001_edition = 2016", "iso9001_edition in the pytest configuration: unknown ISO 9001 edition '2016'"),
    ],
    ids=["edition-option", "date-option", "date-configuration", "edition-configuration"],
)
def test_bad_setting_is_a_usage_error(pytester, run, args, ini, message):
    """A bad option or configuration value stops pytest at once with a usage error naming it."""
    if ini:
        pytester.makeini(f"[pytest]\n{ini}\n")
    _test_file(pytester, "def test_nothing():\n    pass\n")
    result = run(*args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert message in result.stderr.str()


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        ('iso9001(edition="2020")', "@pytest.mark.iso9001: unknown ISO 9001 edition '2020'"),
        ('iso9001(as_of="tomorrow")', "@pytest.mark.iso9001: not a date: 'tomorrow' (write it YYYY-MM-DD)"),
        ("iso9001(as_of=datetime.datetime(2026, 11, 24, 9, 0))", "expected a date, not the date and time"),
        (
            'iso9001("2026")',
            "@pytest.mark.iso9001 takes keywords only (edition=, as_of=, file=, timing=), not ('2026',)",
        ),
        (
            'iso9001(asof="2026-11-24")',
            "@pytest.mark.iso9001 has no setting 'asof'; expected edition, as_of, file or timing",
        ),
        ("iso9001(file=42)", "@pytest.mark.iso9001: file must be a path, not 42"),
    ],
    ids=["edition", "date", "datetime", "positional", "unknown-key", "file"],
)
def test_bad_marker_fails_the_test_before_it_runs(pytester, run, marker, message):
    """A marker with a bad value errors the test at setup, with the problem and no traceback."""
    _test_file(
        pytester,
        f"""
        import datetime
        import pytest

        @pytest.mark.{marker}
        def test_marked():
            raise RuntimeError("the test body must not run")
        """,
    )
    result = run()
    result.assert_outcomes(errors=1)
    output = result.stdout.str()
    assert message in output
    assert "the test body must not run" not in output
    assert "Traceback" not in output


def test_unknown_marker_key_suggests_the_right_one(pytester, run):
    """A misspelt marker key gets the nearest valid key as a suggestion."""
    _test_file(
        pytester,
        """
        import pytest

        @pytest.mark.iso9001(edtion="2026")
        def test_marked():
            pass
        """,
    )
    result = run()
    result.assert_outcomes(errors=1)
    assert "(did you mean 'edition'?)" in result.stdout.str()


def test_assessment_error_fails_the_test_with_its_message(pytester, run):
    """An organization the assessment refuses (an exclusion of an unknown requirement) fails cleanly."""
    (pytester.path / "excluding.yaml").write_text(
        "name: Acme\nexclusions: [{requirement: 5.1.2 z, justification: We have no customers}]\n", encoding="utf-8"
    )
    _test_file(
        pytester,
        """
        import pytest
        from iso9001_leadership.testing import assert_conforms, load_organization

        @pytest.mark.iso9001(as_of="2026-11-24")
        def test_excluding():
            assert_conforms(load_organization("excluding.yaml"))
        """,
    )
    result = run()
    result.assert_outcomes(failed=1)
    output = result.stdout.str()
    assert (
        "cannot assess 'Acme': exclusions name requirements the 2015 catalog does not have: '5.1.2 z' (did you mean '5.1.2 c'?)"
        in output
    )
    assert "Traceback" not in output


@pytest.mark.slow
def test_plugin_loads_with_dash_p_in_a_fresh_process(pytester, monkeypatch):
    """Loaded by name in a new interpreter (as the entry point loads it), the plugin's options and marker work."""
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    (pytester.path / "organization.yaml").write_text(CONFORMING.read_text(encoding="utf-8"), encoding="utf-8")
    _test_file(
        pytester,
        """
        import pytest

        @pytest.mark.iso9001(edition="2026")
        def test_settings(iso9001_edition, iso9001_as_of, iso9001_organization):
            assert (iso9001_edition, str(iso9001_as_of), iso9001_organization.name) == ("2026", "2026-11-24", "Acme Pumps")
        """,
    )
    result = pytester.runpytest_subprocess(
        "-p",
        "iso9001_leadership.testing",
        "--strict-markers",
        "--iso9001-as-of=2026-11-24",
        "--iso9001-file=organization.yaml",
    )
    result.assert_outcomes(passed=1)


def test_entry_point_names_the_plugin_module():
    """The installed package registers this module under the pytest11 entry point group."""
    found = [ep for ep in importlib.metadata.entry_points(group="pytest11") if ep.value == "iso9001_leadership.testing"]
    if not found:
        pytest.skip("the pytest11 entry point is not installed; reinstall the package (pip install -e .)")
    assert [ep.name for ep in found] == ["iso9001_leadership"]


# -- loading files --------------------------------------------------------------------------------


def test_invalid_file_fails_with_its_problems_not_a_traceback(pytester, run):
    """load_organization in a test turns a loader error into a failure listing each problem and line."""
    (pytester.path / "broken.yaml").write_text(
        "name: Acme\nroles:\n- {id: ceo, title: CEO, reports_to: cfo}\n", encoding="utf-8"
    )
    (pytester.path / "organization.txt").write_text("name: Acme\n", encoding="utf-8")
    _test_file(
        pytester,
        """
        from iso9001_leadership.testing import load_organization

        def test_broken():
            load_organization("broken.yaml")

        def test_missing():
            load_organization("missing.yaml")

        def test_no_format():
            load_organization("organization.txt")
        """,
    )
    result = run()
    result.assert_outcomes(failed=3)
    output = result.stdout.str()
    _in_order(
        output,
        "cannot load the organization: broken.yaml: 1 problem:\n  - line 3, column ",
        ": roles[0].reports_to: unknown role id 'cfo'",
        "cannot load the organization: No such file or directory: missing.yaml",
        "cannot load the organization: cannot tell the format of 'organization.txt' from its suffix",
    )
    assert "Traceback" not in output
    assert "During handling" not in output
    assert "LoadError" not in output


@pytest.mark.parametrize(
    ("args", "ini", "marker"),
    [
        ([], "", '@pytest.mark.iso9001(file="organization.yaml")'),
        ([], "iso9001_file = organization.yaml", ""),
        (["--iso9001-file=organization.yaml"], "", ""),
        (["--iso9001-file=one-gap.yaml"], "", '@pytest.mark.iso9001(file="organization.yaml")'),
    ],
    ids=["marker", "configuration", "option", "marker-over-option"],
)
def test_organization_fixture_loads_the_configured_file(pytester, run, args, ini, marker):
    """The iso9001_organization fixture loads the file named by the marker, the option or the configuration."""
    if ini:
        pytester.makeini(f"[pytest]\n{ini}\n")
    _test_file(
        pytester,
        f"""
        import pytest
        from iso9001_leadership.testing import assert_conforms

        {marker}
        def test_file(iso9001_organization):
            assert iso9001_organization.name == "Acme Pumps"
            assert_conforms(iso9001_organization, as_of=__import__("datetime").date(2026, 11, 24))
        """,
    )
    run(*args).assert_outcomes(passed=1)


def test_organization_fixture_without_file_fails_with_advice(pytester, run):
    """Without a file set, the iso9001_organization fixture errors saying where to set one."""
    _test_file(pytester, "def test_file(iso9001_organization):\n    pass\n")
    result = run()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["The iso9001_organization fixture needs an organization file*--iso9001-file=*"])


# -- the how-to runs as written -------------------------------------------------------------------


def _fenced(text: str, lang: str) -> list[str]:
    return [m["body"] for m in re.finditer(rf"^```{lang}\n(?P<body>.*?)^```$", text, re.MULTILINE | re.DOTALL)]


def test_ci_howto_test_file_runs(pytester, run):
    """The configuration and test file in docs/how-to/ci.md pass on a good file and catch a missing owner."""
    text = CI_HOWTO.read_text(encoding="utf-8")
    (config,) = (block for block in _fenced(text, "toml") if "iso9001_as_of" in block)
    (tests,) = (block for block in _fenced(text, "python") if block.startswith("# tests/test_organization.py"))
    pytester.makepyprojecttoml(config)
    pytester.makepyfile(test_organization=tests)
    (pytester.path / "organization.yaml").write_text(READY_FOR_2026, encoding="utf-8")
    run().assert_outcomes(passed=3)
    (pytester.path / "organization.yaml").write_text(_without_owner(READY_FOR_2026), encoding="utf-8")
    result = run()
    result.assert_outcomes(passed=1, failed=2)  # a minor finding does not fail the 2026 readiness test
    result.stdout.fnmatch_lines(["FAILED test_organization.py::test_every_process_has_one_owner - *"])


# -- without pytest ---------------------------------------------------------------------------------


def test_helpers_work_in_plain_python(pytester):
    """Outside pytest the helpers raise AssertionError, and the usage errors are plain exceptions."""
    (pytester.path / "one-gap.yaml").write_text(ONE_GAP, encoding="utf-8")
    (pytester.path / "broken.yaml").write_text("name: [\n", encoding="utf-8")
    script = pytester.makepyfile(
        plain="""
        import datetime as dt
        from iso9001_leadership import AssessmentError, Exclusion, LoadError
        from iso9001_leadership.testing import assert_conforms, load_organization

        org = load_organization("one-gap.yaml")
        try:
            assert_conforms(org, as_of=dt.date(2026, 11, 24))
        except AssertionError as exc:
            print("assertion:", str(exc).splitlines()[0])
        try:
            assert_conforms(org)
        except ValueError as exc:
            print("no date:", str(exc).split(",")[0])
        try:
            load_organization("broken.yaml")
        except LoadError as exc:
            print("load error:", str(exc).splitlines()[0])
        try:
            assert_conforms(org.evolve(exclusions=(Exclusion("5.1.2 z", "We have no customers"),)), as_of=dt.date(2026, 11, 24))
        except AssessmentError as exc:
            print("assessment error:", str(exc).split(":")[0])
        """
    )
    result = pytester.runpython(script)
    assert result.ret == 0, result.stderr.str()
    assert result.stdout.lines == [
        "assertion: 'Acme Pumps' has 1 finding at or above 'minor' (ISO 9001:2015 with Amendment 1:2024, as of 2026-11-24):",
        "no date: assert_conforms() needs the date to judge the organization on",
        "load error: broken.yaml: 1 problem:",
        "assessment error: exclusions name requirements the 2015 catalog does not have",
    ]


# -- the helpers as functions ----------------------------------------------------------------------


def _one_gap() -> Organization:
    return loads(ONE_GAP)


@pytest.mark.parametrize(
    ("fail_on", "fails"),
    [("major", False), ("minor", True), ("needs_evidence", True), ("observation", True), ("opportunity", True)],
)
def test_fail_on_thresholds(fail_on, fails):
    """A minor finding fails every threshold but 'major'; needs-evidence findings join from 'needs_evidence' down."""
    if not fails:
        assert assert_conforms(_one_gap(), fail_on=fail_on, as_of=AS_OF).organization == "Acme Pumps"
        return
    with pytest.raises(AssertionError) as caught:
        assert_conforms(_one_gap(), fail_on=fail_on, as_of=AS_OF)
    expected = len(assess(_one_gap(), as_of=AS_OF).at_or_above(FAIL_ON[fail_on]))
    assert f"has {expected} finding{'s' if expected > 1 else ''} at or above {fail_on!r}" in str(caught.value)
    assert f"\n{expected}. " in str(caught.value)
    assert f"\n{expected + 1}. " not in str(caught.value)


def test_fail_on_orders_severities():
    """Each threshold stands for a severity, from opportunity (1) to major nonconformity (5)."""
    assert sorted(FAIL_ON, key=FAIL_ON.__getitem__) == [
        "opportunity",
        "observation",
        "needs_evidence",
        "minor",
        "major",
    ]
    assert list(FAIL_ON.values()) == [5, 4, 3, 2, 1]


@pytest.mark.parametrize(
    ("fail_on", "message"),
    [
        (
            "severe",
            "fail_on must be one of 'major', 'minor', 'needs_evidence', 'observation', 'opportunity', not 'severe'",
        ),
        ("mnor", "not 'mnor'; did you mean 'minor'?"),
        ("never", "not 'never'"),
        (4, "not 4"),
        (None, "not None"),
    ],
)
def test_fail_on_rejects_anything_else(fail_on, message):
    """An unknown threshold is a ValueError listing the accepted ones."""
    with pytest.raises(ValueError, match=re.escape(message)):
        assert_conforms(_one_gap(), fail_on=fail_on, as_of=AS_OF)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: assert_conforms(_one_gap(), edition="2020", as_of=AS_OF),
            ValueError,
            "unknown ISO 9001 edition '2020'",
        ),
        (lambda: assert_conforms(_one_gap(), as_of="24.11.2026"), ValueError, "not a date: '24.11.2026'"),
        (lambda: assert_conforms("organization.yaml", as_of=AS_OF), TypeError, "load_organization(path)"),
        (lambda: assert_no_gaps(_one_gap(), kinds="no_policy"), TypeError, "write kinds=['no_policy']"),
        (lambda: assert_no_gaps(_one_gap(), kinds=["no_polcy"]), ValueError, "did you mean 'no_policy'?"),
        (lambda: assert_no_gaps({}, kinds=[]), TypeError, "expects an Organization, not dict"),
    ],
    ids=["edition", "date", "path", "single-kind", "unknown-kind", "not-an-organization"],
)
def test_bad_arguments(call, error, message):
    """Wrong arguments raise the built-in error that fits, with a message naming the value."""
    with pytest.raises(error, match=re.escape(message)):
        call()


def test_assert_conforms_accepts_date_strings_and_returns_the_assessment():
    """A passing assertion returns the assessment it made, for further checks."""
    result = assert_conforms(load_organization(CONFORMING), as_of="2026-11-24")
    assert (result.organization, result.edition, result.as_of) == ("Acme Pumps", "2015", AS_OF)


def test_assert_no_gaps_message_lists_every_gap():
    """The message names each gap with its clause, reason, the elements at fault and where they are, and the fix."""
    org = Organization(
        name="Acme",
        roles=(Role(id="ceo", title="CEO", top_management=True, audits=("sell",)),),
        processes=(Process(id="make", name="Production"), Process(id="sell", name="Sales", owner="ceo")),
    )
    with pytest.raises(AssertionError) as caught:
        assert_no_gaps(org, kinds=[GapKind.SELF_AUDIT, "process_without_owner"])
    assert str(caught.value) == textwrap.dedent(
        """\
        'Acme' has 2 gaps of the kinds checked (dates not judged):

        1. process_without_owner (5.3 b): Process 'make' has no accountable owner
           at fault: make (processes[0])
           fix: Name one role as owner of 'make'
        2. self_audit (9.2.2 c): Role 'ceo' audits 'sell', a process it is accountable for
           at fault: ceo (roles[0]), sell (processes[1])
           fix: Have 'sell' audited by a role independent of it"""
    )


def test_assert_no_gaps_of_every_kind_says_so():
    """Checking every kind, the message does not speak of 'the kinds checked', and names the date."""
    org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),))
    with pytest.raises(AssertionError, match=r"^'Acme' has \d+ gaps \(as of 2026-11-24\):\n\n1\. "):
        assert_no_gaps(org, as_of=AS_OF)


@given(organizations(), st.sampled_from(sorted(FAIL_ON)))
def test_assert_conforms_fails_exactly_on_findings_at_or_above(org, fail_on):
    """assert_conforms fails when, and only when, the assessment has findings at or above the threshold."""
    org = org.evolve(exclusions=())  # generated exclusions may name requirements the catalog lacks
    failing = assess(org, as_of=AS_OF).at_or_above(FAIL_ON[fail_on])
    if failing:
        with pytest.raises(AssertionError) as caught:
            assert_conforms(org, fail_on=fail_on, as_of=AS_OF)
        message = str(caught.value)
        assert f" has {len(failing)} finding" in message
        for finding in failing:
            assert f"rule: {finding.rule}" in message
    else:
        assert_conforms(org, fail_on=fail_on, as_of=AS_OF)
