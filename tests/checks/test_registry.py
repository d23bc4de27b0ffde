"""Custom checks: the registry's decorator and registration by clause, duplicates, copies, failures, plug-ins."""

from __future__ import annotations

import importlib.metadata
import re
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import pytest
from tests.assessment._orgs import change, complete
from tests.checks._helpers import MINOR, NC, OFI, OK, _assess

from iso9001_leadership.assessment import AssessmentError, Finding
from iso9001_leadership.catalog import PLUGIN_GROUP as CATALOG_GROUP
from iso9001_leadership.catalog import Catalog, Decidability, EvidenceGuide, Requirement, Theme
from iso9001_leadership.checks import PLUGIN_GROUP, CheckContext, CheckRegistry, default_registry

# -- custom checks -----------------------------------------------------------------------------------------

DEPUTY_CEO = Requirement(
    id="acme.deputy-md",
    clause="ACME 1",
    title="A deputy for the managing director",
    summary="The managing director has a named deputy.",
    theme=Theme.ACCOUNTABILITY,
    evidence=EvidenceGuide(model=["a person deputising for the managing director"]),
    decidable=Decidability.MODEL,
)


def _md_has_deputy(ctx: CheckContext) -> Iterator[Finding]:
    if not any("md" in p.deputy_of for p in ctx.organization.people):
        yield ctx.nonconformity(
            "md-without-deputy", "Nobody stands in for the MD.", fix="Name a deputy.", subjects=["md"]
        )


def test_custom_check_through_the_registry_decorator() -> None:
    """A check registered with @registry.check on a requirement of our own is run and its findings reported."""
    registry = default_registry(plugins=False)
    registry.check("acme.deputy-md")(_md_has_deputy)
    catalog = Catalog.builtin().extend([DEPUTY_CEO])
    assessment = _assess(complete(), catalog=catalog, registry=registry)
    result = assessment.result("acme.deputy-md")
    assert (result.status, result.grade) == (NC, MINOR)
    assert [(f.rule, f.subjects, f.clause) for f in result.findings] == [("md-without-deputy", ("md",), "ACME 1")]
    assert assessment.element_paths["md"] == "roles[0]"
    deputised = change(complete(), "ben", deputy_of=("ops", "md"))
    assert _assess(deputised, catalog=catalog, registry=registry).result("acme.deputy-md").status is OK


def test_custom_check_registered_by_clause_runs_for_that_requirement() -> None:
    """A check registered under a clause id runs for the requirement of that clause, after the built-in ones."""
    registry = default_registry(plugins=False)

    @registry.check("5.3 b", name="acme.owner-is-staffed")
    def owner_title(ctx: CheckContext) -> Iterator[Finding]:
        yield ctx.opportunity("acme-owner", "Owners could be named on the process map", subjects=["proc-sell"])

    result = _assess(complete(), registry=registry).result("roles.process-outputs")
    assert (result.status, [f.rule for f in result.findings]) == (OFI, ["acme-owner"])
    assert [c.name for c in registry.checks_for("5.3 b")] == ["acme.owner-is-staffed"]


def test_registering_two_checks_of_the_same_name_is_refused() -> None:
    """The same check name twice for one requirement raises AssessmentError naming the name and the requirement."""
    registry = CheckRegistry()
    registry.register("toy.a", _md_has_deputy, name="deputy")
    with pytest.raises(AssessmentError, match=re.escape("a check named 'deputy' is already registered for 'toy.a'")):
        registry.register("toy.a", _md_has_deputy, name="deputy")


def test_registry_copy_is_independent() -> None:
    """Adding to a copy leaves the original registry as it was."""
    registry = default_registry(plugins=False)
    copy = registry.copy()
    copy.check("acme.deputy-md")(_md_has_deputy)
    assert (len(copy), len(registry)) == (len(registry) + 1, len(default_registry(plugins=False)))


def test_failing_custom_check_raises_naming_the_check_and_requirement() -> None:
    """A check that raises makes the assessment fail with AssessmentError naming the check, the requirement and the cause."""
    registry = default_registry(plugins=False)

    @registry.check("roles.process-outputs", name="acme.flaky")
    def flaky(ctx: CheckContext) -> Iterator[Finding]:
        raise KeyError("owner")

    with pytest.raises(
        AssessmentError,
        match=re.escape("the check 'acme.flaky' of requirement 'roles.process-outputs' failed: KeyError('owner')"),
    ) as info:
        _assess(complete(), registry=registry)
    assert info.value.requirement == "roles.process-outputs"
    assert isinstance(info.value.__cause__, KeyError)


@attrs.frozen
class FakeEntryPoint:
    """What importlib.metadata returns for an entry point: a name, a value and load()."""

    name: str
    value: str
    target: Any

    def load(self) -> Any:
        """The entry point's object, or raise it if it is an exception."""
        if isinstance(self.target, BaseException):
            raise self.target
        return self.target


def _install(monkeypatch: pytest.MonkeyPatch, groups: Mapping[str, list[FakeEntryPoint]]) -> None:
    """Make importlib.metadata report these entry points, by group (none for other groups)."""

    def fake(**params: Any) -> list[FakeEntryPoint]:
        return list(groups.get(params["group"], []))

    monkeypatch.setattr(importlib.metadata, "entry_points", fake)


def test_plugin_entry_point_adds_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry point in iso9001_leadership.checks gets the registry and its checks run in a default assessment."""

    def setup(registry: CheckRegistry) -> None:
        registry.check("acme.deputy-md", name="acme.deputy")(_md_has_deputy)

    def requirements(edition: str) -> list[Requirement]:
        return [DEPUTY_CEO]

    _install(
        monkeypatch,
        {
            PLUGIN_GROUP: [FakeEntryPoint("acme", "acme_rules:setup", setup)],
            CATALOG_GROUP: [FakeEntryPoint("acme", "acme_rules:requirements", requirements)],
        },
    )
    assert [c.name for c in default_registry().checks_for("acme.deputy-md")] == ["acme.deputy"]
    assert default_registry(plugins=False).checks_for("acme.deputy-md") == ()
    result = _assess(complete()).result("acme.deputy-md")
    assert [(f.rule, f.subjects) for f in result.findings] == [("md-without-deputy", ("md",))]


def test_plugin_that_fails_to_load_raises_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """A plug-in whose import fails makes default_registry raise AssessmentError naming the entry point."""
    _install(monkeypatch, {PLUGIN_GROUP: [FakeEntryPoint("acme", "acme_rules:setup", ImportError("no acme_rules"))]})
    with pytest.raises(AssessmentError, match=re.escape("the check plug-in 'acme' (acme_rules:setup) failed to load")):
        _assess(complete())
