"""The built-in checks: one module per theme, each registering the checks of its own clauses."""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest

from iso9001_leadership.catalog import Catalog
from iso9001_leadership.checks import CheckRegistry, RegisteredCheck, default_registry
from iso9001_leadership.checks.builtin import THEMES, register_builtin
from iso9001_leadership.clauses import clause_within

#: The built-in catalogs the checks serve, by edition.
CATALOGS = {edition: Catalog.builtin(edition) for edition in ("2015", "2026")}

#: The clauses each theme module is about, as its docstring says.
THEME_CLAUSES = [
    ("context", ("4.1", "4.4")),
    ("leadership", ("5.1.1",)),
    ("customer", ("5.1.2",)),
    ("policy", ("5.2",)),
    ("roles", ("5.3", "9.2.2 c")),
    ("planning", ("6.1",)),
    ("objectives", ("6.2",)),
    ("support", ("7.1", "7.3", "7.4")),
    ("review", ("9.3",)),
]


def _short(theme: ModuleType) -> str:
    return theme.__name__.rsplit(".", 1)[-1]


def _registered(theme: ModuleType) -> list[RegisteredCheck]:
    """The checks one theme module registers in a fresh registry, in registration order."""
    registry = CheckRegistry()
    theme.register(registry)
    return list(registry)


def _keys(checks: list[RegisteredCheck]) -> set[tuple[str, str]]:
    return {(c.requirement, c.name) for c in checks}


@pytest.mark.parametrize("theme", THEMES, ids=_short)
def test_every_theme_registers_checks(theme: ModuleType) -> None:
    """Every theme module has a register function that registers at least one check."""
    assert callable(getattr(theme, "register", None))
    assert _registered(theme)


def test_register_builtin_registers_exactly_what_the_themes_register() -> None:
    """register_builtin registers the union of the theme modules' checks, nothing more and nothing less."""
    registry = CheckRegistry()
    register_builtin(registry)
    union = [c for theme in THEMES for c in _registered(theme)]
    assert _keys(list(registry)) == _keys(union)
    assert len(registry) == len(union)


def test_theme_table_names_every_theme_module() -> None:
    """The table of theme clauses covers exactly the modules in THEMES, in their order."""
    assert [_short(theme) for theme in THEMES] == [name for name, _ in THEME_CLAUSES]


@pytest.mark.parametrize("theme", THEMES, ids=_short)
def test_theme_checks_serve_requirements_of_a_builtin_catalog(theme: ModuleType) -> None:
    """Every check a theme registers is under a requirement id of the built-in catalog of some edition."""
    strays = [
        (c.name, c.requirement)
        for c in _registered(theme)
        if not any(c.requirement in catalog for catalog in CATALOGS.values())
    ]
    assert strays == []


@pytest.mark.parametrize(("name", "prefixes"), THEME_CLAUSES, ids=[name for name, _ in THEME_CLAUSES])
def test_theme_checks_serve_requirements_of_its_own_clauses(name: str, prefixes: tuple[str, ...]) -> None:
    """Each theme registers checks only under built-in requirement ids whose clause is within the theme's clauses."""
    theme = importlib.import_module(f"iso9001_leadership.checks.builtin.{name}")
    for check in _registered(theme):
        clauses = {catalog[check.requirement].clause for catalog in CATALOGS.values() if check.requirement in catalog}
        assert clauses, f"{check.name} is registered under {check.requirement!r}, in no built-in catalog"
        for clause in clauses:
            assert any(clause_within(clause, prefix) for prefix in prefixes), (
                f"{check.name} serves {check.requirement!r} ({clause}), outside {prefixes} of {_short(theme)}"
            )


def test_each_requirement_has_its_builtin_checks_in_one_theme() -> None:
    """No two theme modules register checks for the same requirement id."""
    owners: dict[str, list[str]] = {}
    for theme in THEMES:
        for requirement in dict.fromkeys(c.requirement for c in _registered(theme)):
            owners.setdefault(requirement, []).append(_short(theme))
    assert {requirement: themes for requirement, themes in owners.items() if len(themes) > 1} == {}


def test_checks_of_a_requirement_run_in_registration_order() -> None:
    """The checks of roles.assigned come in the order the roles module registers them."""
    assert [c.name for c in default_registry(plugins=False).checks_for("roles.assigned")] == [
        "builtin.raci",
        "builtin.authority",
        "builtin.unheld_authority",
        "builtin.staffing",
        "builtin.vacancies",
        "builtin.span",
        "builtin.reporting_lines",
    ]
