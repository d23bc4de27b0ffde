"""Tests for the exception tree: categories, built-in bases, plug-in errors in two families."""

from __future__ import annotations

import inspect

import pytest

from iso9001_leadership import exceptions
from iso9001_leadership.exceptions import (
    AssessmentError,
    CatalogError,
    CatalogPluginError,
    CheckPluginError,
    ExportError,
    InputError,
    InvalidOrganizationError,
    Iso9001Error,
    LoadError,
    MissingExtraError,
    NotFoundError,
    PluginError,
    ReportError,
    ReportPluginError,
    UnknownIdError,
    UnknownRequirementError,
    UsageError,
)

CATEGORIES = (InputError, NotFoundError, UsageError, PluginError)


@pytest.mark.parametrize(
    ("error", "category", "builtin"),
    [
        (InvalidOrganizationError, InputError, ValueError),
        (LoadError, InputError, ValueError),
        (CatalogError, InputError, ValueError),
        (UnknownIdError, NotFoundError, KeyError),
        (UnknownRequirementError, NotFoundError, KeyError),
        (AssessmentError, UsageError, ValueError),
        (ReportError, UsageError, ValueError),
        (ExportError, UsageError, ValueError),
        (MissingExtraError, UsageError, ImportError),
        (CatalogPluginError, PluginError, CatalogError),
        (CheckPluginError, PluginError, AssessmentError),
        (ReportPluginError, PluginError, ReportError),
    ],
)
def test_each_leaf_sits_in_its_category_and_built_in(error: type, category: type, builtin: type) -> None:
    """Each error derives from its category, from the root and from the built-in it stands for."""
    assert issubclass(error, category)
    assert issubclass(error, Iso9001Error)
    assert issubclass(error, builtin)


def test_every_exception_of_the_package_lives_in_the_tree() -> None:
    """Every exception class in exceptions.py descends from Iso9001Error and is exported."""
    classes = [obj for _, obj in inspect.getmembers(exceptions, inspect.isclass) if issubclass(obj, BaseException)]
    assert classes, "the module defines exceptions"
    for cls in classes:
        assert issubclass(cls, Iso9001Error), cls
        assert cls.__name__ in exceptions.__all__


def test_every_leaf_has_one_category() -> None:
    """Apart from the plug-in errors (which belong to two families), a leaf has exactly one category."""
    leaves = [
        cls
        for cls in vars(exceptions).values()
        if isinstance(cls, type) and issubclass(cls, Iso9001Error) and cls not in (Iso9001Error, *CATEGORIES)
    ]
    for cls in leaves:
        found = [c for c in CATEGORIES if issubclass(cls, c)]
        assert len(found) == (2 if issubclass(cls, PluginError) else 1), (cls, found)


def test_plugin_errors_keep_the_entry_point() -> None:
    """A plug-in error names its group, entry point and target, and reads like its family's errors."""
    error = CheckPluginError("failed to load: boom", group="iso9001_leadership.checks", plugin="acme", target="a:b")
    assert (error.group, error.plugin, error.target) == ("iso9001_leadership.checks", "acme", "a:b")
    assert str(error) == "the check plug-in 'acme' (a:b) failed to load: boom"
    catalog = CatalogPluginError("cannot be loaded", group="iso9001_leadership.catalogs", plugin="x", target="m:f")
    assert catalog.source == "catalog plug-in 'x' (m:f)"
    assert str(catalog) == "catalog plug-in 'x' (m:f): cannot be loaded"
