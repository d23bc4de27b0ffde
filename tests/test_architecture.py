"""The package's import graph: one way up the stages, no cycles, no private names across packages.

Data flows file → model → graph → queries → checks → assessment → reports, with the doors (CLI,
pytest plugin, strategies, notebooks) on top and the shared vocabulary on the ground floor (see
``docs/architecture.md``). This test reads every ``import`` statement of the package, at any
depth (inside functions too), and fails on:

- an import from a higher stage;
- an import cycle between modules (type-only imports under ``if TYPE_CHECKING:`` are not
  executed, so they are left out of the cycle check; they are only allowed inside one package);
- a private module (``_name``) of a subpackage imported from outside that subpackage, or a
  private name imported from another package;
- an import of the package's own modules inside a function (hidden dependencies).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import attrs
import networkx as nx
import pytest

PACKAGE = "iso9001_leadership"
ROOT = Path(__file__).resolve().parent.parent / "src" / PACKAGE

#: The stages, lowest first: a module may import only from its own stage or below. Each entry
#: names the top-level modules or subpackages of the package that form the stage.
STAGES: tuple[frozenset[str], ...] = (
    frozenset({"_version", "exceptions", "_names", "_escape", "clauses", "_gc"}),
    frozenset({"findings", "_plugins", "_terminal", "_htmlkit"}),
    frozenset({"model"}),
    frozenset({"io", "_summary", "raci"}),
    frozenset({"graph"}),
    frozenset({"queries", "views", "export"}),
    frozenset({"catalog"}),
    frozenset({"checks"}),
    frozenset({"assessment", "batch"}),
    frozenset({"interop", "spreadsheets"}),
    frozenset({"report"}),
    frozenset({"cli", "testing", "strategies", "notebook", "typing", "_file_format_doc"}),
    frozenset({"__init__", "__main__"}),
)


@attrs.frozen
class Import:
    """One import statement's target, as seen from the importing module."""

    source: str
    target: str
    names: tuple[str, ...]
    line: int
    nested: bool
    type_only: bool


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def _nested_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            lines.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    return lines


def _imports(path: Path) -> Iterator[Import]:
    module = _module_name(path)
    package = module if _is_package(path) else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only, nested = _type_checking_lines(tree), _nested_lines(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            names = tuple(alias.name for alias in node.names)
            targets = [target]
            # `from package import module` imports the module.
            if (ROOT.parent / target.replace(".", "/")).is_dir():
                targets = [
                    f"{target}.{n}"
                    if (ROOT.parent / target.replace(".", "/") / f"{n}.py").exists()
                    or (ROOT.parent / target.replace(".", "/") / n).is_dir()
                    else target
                    for n in names
                ]
        elif isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
            names = ()
        else:
            continue
        for target in dict.fromkeys(targets):
            if target == PACKAGE or target.startswith(PACKAGE + "."):
                # `from package import module` names a module, not a name defined in the package.
                named = () if isinstance(node, ast.ImportFrom) and target.rpartition(".")[2] in names else names
                yield Import(module, target, named, node.lineno, node.lineno in nested, node.lineno in type_only)


def _all_imports() -> list[Import]:
    return [imp for path in sorted(ROOT.rglob("*.py")) for imp in _imports(path)]


def _component(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _stage(module: str) -> int:
    if module.endswith(".__main__") and module.count(".") == 1:
        return len(STAGES) - 1
    component = _component(module)
    for index, members in enumerate(STAGES):
        if component in members:
            return index
    msg = f"{module}: its top-level module {component!r} is in no stage of STAGES; add it where it belongs"
    raise AssertionError(msg)


def _owner_of_private(module: str) -> str | None:
    """The package a private module belongs to (``a.b`` for ``a.b._c.d``), or None if it is public."""
    parts = module.split(".")
    for index, part in enumerate(parts):
        if part.startswith("_") and part not in ("__init__", "__main__"):
            return ".".join(parts[:index])
    return None


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


IMPORTS = _all_imports()


def test_the_walk_finds_the_package() -> None:
    """The walk sees the package's modules and their imports (a test that reads nothing proves nothing)."""
    sources = {imp.source for imp in IMPORTS}
    assert {f"{PACKAGE}.assessment._engine", f"{PACKAGE}.checks._context", f"{PACKAGE}.cli"} <= sources
    assert any(imp.target == f"{PACKAGE}.findings" for imp in IMPORTS)


def test_every_module_has_a_stage() -> None:
    """Every module of the package belongs to one stage of the architecture."""
    for path in ROOT.rglob("*.py"):
        _stage(_module_name(path))


def test_no_import_from_a_higher_stage() -> None:
    """No module imports from a stage above its own, not even inside a function."""
    upward = [
        f"{imp.source}:{imp.line} imports {imp.target}" for imp in IMPORTS if _stage(imp.target) > _stage(imp.source)
    ]
    assert upward == []


def test_no_import_cycle() -> None:
    """The modules' run-time imports form no cycle."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    for imp in IMPORTS:
        if not imp.type_only and imp.target != imp.source:
            graph.add_edge(imp.source, imp.target)
    cycles = [cycle for cycle in nx.simple_cycles(graph) if len(cycle) > 1]
    # A package importing its own submodules while they import the package's private
    # siblings is not a cycle: the edges from a package's __init__ to its submodules are the only
    # ones that point down into it, so a cycle through __init__ would need an import of the package
    # itself from a submodule, which this also forbids.
    assert cycles == []


def test_type_only_imports_stay_within_their_package() -> None:
    """A type-only import (under TYPE_CHECKING) is allowed only within one subpackage.

    The package's own ``__init__`` is the exception: it names every public name for type
    checkers there, and imports each on first use (see the test below).
    """
    outside = [
        f"{imp.source}:{imp.line} imports {imp.target}"
        for imp in IMPORTS
        if imp.type_only and _component(imp.source) != _component(imp.target) and imp.source != PACKAGE
    ]
    assert outside == []


def test_the_package_imports_each_public_name_on_first_use() -> None:
    """``__init__``'s lazy table and its type-only imports name the same things, and each name resolves there."""
    import importlib

    package = importlib.import_module(PACKAGE)
    static = {(imp.target, name) for imp in IMPORTS if imp.source == PACKAGE and imp.type_only for name in imp.names}
    table = {(f"{PACKAGE}.{home}", name) for name, home in package._HOME.items()}
    assert static == table
    assert sorted(package.__all__) == sorted([*package._HOME, "__version__"])
    for name, home in package._HOME.items():
        assert getattr(package, name) is getattr(importlib.import_module(f"{PACKAGE}.{home}"), name)
    assert set(package.__all__) <= set(dir(package))
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = package.nothing


@pytest.mark.slow
def test_importing_the_package_imports_nothing_heavy() -> None:
    """``import iso9001_leadership`` in a fresh process loads none of its subpackages, nor networkx, yaml or cattrs."""
    import subprocess
    import sys

    code = (
        f"import sys, {PACKAGE}; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'networkx', 'yaml', 'cattrs', 'attrs', 'attr'} "
        f"or (m.startswith('{PACKAGE}.') and m != '{PACKAGE}._version')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_no_private_module_of_another_package() -> None:
    """A private module (``_x``) is imported only from within the package it belongs to."""
    leaks = []
    for imp in IMPORTS:
        owner = _owner_of_private(imp.target)
        if owner is not None and not _within(imp.source, owner):
            leaks.append(f"{imp.source}:{imp.line} imports {imp.target}")
    assert leaks == []


def test_no_private_name_from_another_package() -> None:
    """No module imports an underscore name from outside its own subpackage."""
    leaks = [
        f"{imp.source}:{imp.line} imports {name} from {imp.target}"
        for imp in IMPORTS
        for name in imp.names
        if name.startswith("_") and not name.startswith("__") and _component(imp.source) != _component(imp.target)
    ]
    assert leaks == []


def test_no_import_of_the_package_inside_functions() -> None:
    """The package's own modules are imported at module level only, so every dependency shows."""
    hidden = [f"{imp.source}:{imp.line} imports {imp.target}" for imp in IMPORTS if imp.nested]
    assert hidden == []


@pytest.mark.parametrize(
    ("source", "target", "allowed"),
    [
        ("iso9001_leadership.catalog._files", "iso9001_leadership.io._yaml", False),
        ("iso9001_leadership.io._files", "iso9001_leadership.io._yaml", True),
        ("iso9001_leadership.report._sarif", "iso9001_leadership._names", True),
        ("iso9001_leadership.checks.builtin.roles", "iso9001_leadership.checks._context", True),
        ("iso9001_leadership.assessment", "iso9001_leadership.model._integrity", False),
    ],
)
def test_the_private_module_rule(source: str, target: str, allowed: bool) -> None:
    """The rule itself: private modules are open to their own package (and its subpackages) only."""
    owner = _owner_of_private(target)
    assert (owner is None or _within(source, owner)) is allowed


def test_the_stage_rule() -> None:
    """The rule itself: the ground floor is below the model, the doors above the reports."""
    assert _stage("iso9001_leadership.findings") < _stage("iso9001_leadership.model._entities")
    assert _stage("iso9001_leadership.checks.builtin.roles") < _stage("iso9001_leadership.assessment._engine")
    assert _stage("iso9001_leadership.report._sarif") < _stage("iso9001_leadership.cli")
