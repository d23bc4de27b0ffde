"""The public strategies pass hypothesis' default health checks and deadline in a project of one's own.

The project's own profiles (tests/conftest.py) turn the deadline off, which also raises the
too_slow limit from 1 s to 30 s; so here a user's test file is written to a scratch folder and
run by pytest in a fresh process, with no conftest, no ini options and hypothesis' default
profile: 100 examples, a 200 ms deadline, every health check. Three control tests, which must
fail, show that the run really checks too_slow, filter_too_much and the deadline.
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

#: (test name, the strategy a user would write, the test body over the drawn ``value``).
CASES = [
    ("organizations", "organizations()", "assert loads(dumps(value)) == value"),
    ("organizations_max_size_16", "organizations(max_size=16)", "assert loads(dumps(value)) == value"),
    (
        "organizations_with_one_gap",
        'organizations_with_gaps(["process_without_owner"])',
        "assert GapKind.PROCESS_WITHOUT_OWNER in kinds(value)",
    ),
    (
        "organizations_with_every_gap",
        "organizations_with_gaps(COMPATIBLE)",
        "assert set(COMPATIBLE) <= kinds(value)",
    ),
    (
        "organizations_without_gaps",
        'organizations_without_gaps(["process_without_owner", "policy_review_overdue"], as_of=DAY)',
        "assert not kinds(value) & {GapKind.PROCESS_WITHOUT_OWNER, GapKind.POLICY_REVIEW_OVERDUE}",
    ),
    ("gap_free_organizations", "gap_free_organizations(as_of=DAY)", "assert not kinds(value)"),
    ("gap_free_organizations_dateless", "gap_free_organizations()", "assert not kinds(value, as_of=None)"),
    ("texts", "texts()", "assert len(value) <= 30"),
    ("texts_not_blank", "texts(min_size=1)", "assert value.strip()"),
    ("element_ids", "element_ids()", "assert ID_PATTERN.match(value)"),
    ("dates", "dates()", "assert 2000 <= value.year <= 2040"),
    ("periods", "periods()", "assert Period.parse(str(value)) == value"),
    ("numbers", "numbers()", "assert math.isfinite(value)"),
]

#: (test name, what hypothesis must say when it fails it).
CONTROLS = [
    ("control_too_slow", "HealthCheck.too_slow"),
    ("control_filter_too_much", "HealthCheck.filter_too_much"),
    ("control_deadline", "DeadlineExceeded"),
]

HEADER = '''\
"""A user's property tests of the public strategies, under hypothesis' default settings."""
import datetime as dt
import math
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from iso9001_leadership import GapKind, dumps, find_gaps, loads
from iso9001_leadership._names import ID_PATTERN
from iso9001_leadership.graph import OrgGraph
from iso9001_leadership.model import Period
from iso9001_leadership.strategies import (
    EXCLUSIVE_GAPS,
    IMPOSSIBLE_GAPS,
    dates,
    element_ids,
    gap_free_organizations,
    numbers,
    organizations,
    organizations_with_gaps,
    organizations_without_gaps,
    periods,
    texts,
)

DAY = dt.date(2026, 11, 24)
COMPATIBLE = [
    kind for kind in GapKind if kind not in IMPOSSIBLE_GAPS and kind not in {second for _, second in EXCLUSIVE_GAPS}
]


def kinds(org, as_of=DAY):
    return {gap.kind for gap in find_gaps(OrgGraph.from_organization(org), as_of=as_of)}


def test_the_settings_are_hypothesis_defaults():
    default = settings.get_profile("default")
    assert settings.default == default
    assert settings.default.suppress_health_check == ()
    assert settings.default.deadline is not None


@st.composite
def slow(draw):
    time.sleep(0.15)
    return draw(st.integers())


@given(slow())
def test_control_too_slow(value):
    pass


@given(st.integers().filter(lambda value: value != value))
def test_control_filter_too_much(value):
    pass


@given(st.just(None))
def test_control_deadline(value):
    time.sleep(0.3)
'''


def _user_tests() -> str:
    """The user's test file: the header, then one property test per case."""
    tests = (f"\n\n@given({strategy})\ndef test_{name}(value):\n    {body}\n" for name, strategy, body in CASES)
    return HEADER + "".join(tests)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Each test of the user's file, run once in a fresh pytest process: "passed", or the failure text."""
    folder = tmp_path_factory.mktemp("user-project")
    (folder / "test_user.py").write_text(_user_tests(), encoding="utf-8")
    (folder / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    # Hypothesis loads its own "ci" profile (too_slow suppressed, no deadline) when CI is set.
    env = {key: value for key, value in os.environ.items() if key not in {"CI", "PYTEST_ADDOPTS", "BUILD_NUMBER"}}
    env.pop("PYTEST_DISABLE_PLUGIN_AUTOLOAD", None)
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:xdist",
        "--hypothesis-profile=default",
        "-W",
        "error::hypothesis.errors.HypothesisWarning",
        "--junitxml=report.xml",
        "test_user.py",
    ]
    done = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=900, check=False)
    report = folder / "report.xml"
    assert report.exists(), f"pytest did not run:\n{done.stdout}\n{done.stderr}"
    return _outcomes(report)


def _outcomes(report: Path) -> dict[str, str]:
    found = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        problems = [child for child in case if child.tag in {"failure", "error", "skipped"}]
        found[case.get("name", "")] = (
            "passed" if not problems else "\n".join(f"{p.get('message', '')}\n{p.text or ''}" for p in problems)
        )
    return found


@pytest.mark.slow
def test_the_run_uses_hypothesis_defaults(outcomes):
    """The user's run has hypothesis' default settings: no profile of ours, no suppressed health check."""
    assert outcomes["test_the_settings_are_hypothesis_defaults"] == "passed"


@pytest.mark.slow
@pytest.mark.parametrize(("name", "strategy", "body"), CASES, ids=[case[0] for case in CASES])
def test_strategy_passes_default_health_checks(outcomes, name, strategy, body):
    """Each public strategy passes every default health check and the default deadline in a user's run."""
    assert outcomes[f"test_{name}"] == "passed", (
        f"@given({strategy}) failed in a user's run:\n{outcomes[f'test_{name}']}"
    )


@pytest.mark.slow
@pytest.mark.parametrize(("name", "says"), CONTROLS, ids=[control[0] for control in CONTROLS])
def test_the_run_would_catch_a_failing_strategy(outcomes, name, says):
    """A strategy too slow or filtering too much, or a test over the deadline, fails in the same run."""
    assert outcomes[f"test_{name}"] != "passed"
    assert says in outcomes[f"test_{name}"]
