"""Assessing many files: the same results in input order on every executor, each bad file with its own error."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import os
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from iso9001_leadership import assess, exceptions, load
from iso9001_leadership.batch import SUFFIXES, FileAssessment, assess_files, expand_paths
from iso9001_leadership.catalog import Catalog
from iso9001_leadership.checks import Timing
from iso9001_leadership.cli import starter_text
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
    Problem,
    ReportError,
    ReportPluginError,
    UnknownIdError,
    UnknownRequirementError,
    UsageError,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "precision-pumps" / "organization.yaml"
AS_OF = dt.date(2026, 11, 24)


@pytest.fixture
def files(tmp_path: Path) -> list[str]:
    """Two good files and one of each kind of bad one, in an order that is not sorted."""
    clean = tmp_path / "clean.yaml"
    clean.write_text(starter_text(today=AS_OF), encoding="utf-8")
    invalid = tmp_path / "invalid.yaml"
    invalid.write_text("name: Acme\nroles: [{id: ceo\n", encoding="utf-8")
    dangling = tmp_path / "dangling.yaml"
    dangling.write_text("name: Acme\nroles: [{id: ceo, title: CEO, reports_to: cfo}]\n", encoding="utf-8")
    suffix = tmp_path / "notes.txt"
    suffix.write_text("name: Acme\n", encoding="utf-8")
    return [str(p) for p in (EXAMPLE, invalid, clean, dangling, tmp_path / "missing.yaml", suffix)]


def _check_the_outcomes(results: list[FileAssessment], files: list[str]) -> None:
    assert [r.path for r in results] == [os.path.normpath(f) for f in files]
    assert [r.ok for r in results] == [True, False, True, False, False, False]
    assert [type(r.error).__name__ for r in results] == [
        "NoneType",
        "LoadError",
        "NoneType",
        "LoadError",
        "FileNotFoundError",
        "UsageError",
    ]
    dangling = results[3].error
    assert isinstance(dangling, LoadError)
    assert [(p.path, p.suggestion) for p in dangling.problems] == [("roles[0].reports_to", "ceo")]
    assert dangling.source == files[3]


def test_each_bad_file_gets_its_own_error_and_the_others_are_assessed(files: list[str]) -> None:
    """Invalid YAML, a dangling reference, a missing file and an unknown suffix each get their error; the rest is assessed."""
    results = assess_files(files, as_of=AS_OF)
    _check_the_outcomes(results, files)
    example = results[0].assessment
    assert example is not None
    assert example == assess(load(EXAMPLE), as_of=AS_OF)


@pytest.mark.parametrize(
    "make_executor",
    [
        pytest.param(lambda: concurrent.futures.ThreadPoolExecutor(max_workers=3), id="threads"),
        pytest.param(lambda: concurrent.futures.ProcessPoolExecutor(max_workers=2), id="processes"),
    ],
)
def test_executors_give_the_serial_results_in_input_order(
    files: list[str], make_executor: Callable[[], concurrent.futures.Executor]
) -> None:
    """Threads and processes give exactly the serial results, in the order the files were given."""
    serial = assess_files(files, as_of=AS_OF)
    with make_executor() as executor:
        results = assess_files(files, as_of=AS_OF, executor=executor)
    _check_the_outcomes(results, files)
    assert results == serial


@pytest.fixture
def dask_executor() -> Iterator[concurrent.futures.Executor]:
    """The executor of a local Dask cluster of two worker processes (everything sent is pickled)."""
    distributed = pytest.importorskip("distributed")
    # No dashboard and a free scheduler port: nothing to collide with another cluster (or warn about).
    # pure=False: a file is read again each time it is asked for, never taken from Dask's cache of results.
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, scheduler_port=0
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client.get_executor(pure=False)


def test_a_dask_cluster_gives_the_serial_results(files: list[str], dask_executor: concurrent.futures.Executor) -> None:
    """The same call runs on a Dask cluster through its executor, with the same results as serially."""
    timing = Timing(overdue_days=30)
    serial = assess_files(files, as_of=AS_OF, timing=timing)
    results = assess_files(files, as_of=AS_OF, timing=timing, executor=dask_executor)
    _check_the_outcomes(results, files)
    assert results == serial


def test_settings_reach_every_file(files: list[str]) -> None:
    """Edition, catalog and timing are those of assess(): the result is the one assess() gives the file."""
    timing = Timing(overdue_days=30)
    catalog = Catalog.builtin("2026")
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        [result] = assess_files([EXAMPLE], as_of=AS_OF, edition="2026", catalog=catalog, timing=timing, executor=pool)
    assert result.assessment == assess(load(EXAMPLE), edition="2026", as_of=AS_OF, catalog=catalog, timing=timing)


def test_max_bytes_bounds_each_file(files: list[str]) -> None:
    """A file larger than max_bytes gets a LoadError of its own; a smaller one is assessed."""
    small, large = Path(files[2]), EXAMPLE
    limit = small.stat().st_size
    results = assess_files([large, small], as_of=AS_OF, max_bytes=limit)
    assert [type(r.error).__name__ for r in results] == ["LoadError", "NoneType"]
    assert "too large to read" in str(results[0].error)


def test_progress_counts_the_files_done(files: list[str]) -> None:
    """progress(done, total) is called once a file, up to (total, total)."""
    calls: list[tuple[int, int]] = []
    assess_files(files, as_of=AS_OF, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(n, len(files)) for n in range(1, len(files) + 1)]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"edition": "2008"}, CatalogError, "unknown edition '2008'"),
        ({"catalog": Catalog.builtin("2026")}, AssessmentError, "the catalog is of edition '2026', not '2015'"),
        ({"as_of": "2026-11-24"}, UsageError, "as_of must be a date"),
    ],
)
def test_a_bad_call_raises_before_any_file_is_read(kwargs: dict[str, Any], error: type[Exception], match: str) -> None:
    """A bad argument is the caller's error, raised at once, not an error of each file."""
    with pytest.raises(error, match=match):
        assess_files(["no-such-file.yaml"], **{"as_of": AS_OF, **kwargs})


def test_a_single_path_is_refused() -> None:
    """A path where a collection of paths is expected is refused, not read as its characters."""
    with pytest.raises(UsageError, match="not one path"):
        assess_files(str(EXAMPLE), as_of=AS_OF)


class _FailingExecutor(concurrent.futures.Executor):
    """Runs the first call, fails the second, and leaves the rest pending (to be cancelled)."""

    def __init__(self) -> None:
        self.futures: list[concurrent.futures.Future[Any]] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> concurrent.futures.Future[Any]:
        future: concurrent.futures.Future[Any] = concurrent.futures.Future()
        if len(self.futures) == 0:
            future.set_result(fn(*args, **kwargs))
        elif len(self.futures) == 1:
            future.set_exception(RuntimeError("worker died"))
        self.futures.append(future)
        return future


def test_an_error_that_is_no_file_error_is_raised_and_the_rest_cancelled(files: list[str]) -> None:
    """A failure of the machinery (not of a file) is raised, and the files not yet started are cancelled."""
    executor = _FailingExecutor()
    with pytest.raises(RuntimeError, match="worker died"):
        assess_files(files, as_of=AS_OF, executor=executor)
    assert all(f.cancelled() for f in executor.futures[2:])


def test_file_assessment_holds_an_assessment_or_an_error() -> None:
    """A result holds exactly one of an assessment and an error; errors compare by type and message."""
    with pytest.raises(UsageError, match="either an assessment or an error"):
        FileAssessment("a.yaml")
    assert FileAssessment("a.yaml", error=OSError(2, "gone", "a.yaml")) == FileAssessment(
        "a.yaml", error=OSError(2, "gone", "a.yaml")
    )
    assert FileAssessment("a.yaml", error=OSError(2, "gone")) != FileAssessment("a.yaml", error=UsageError("gone"))


def _tree(root: Path, names: list[str]) -> None:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("name: Acme\n", encoding="utf-8")


def test_directories_expand_to_their_organization_files_sorted(tmp_path: Path) -> None:
    """A directory gives its .yaml, .yml and .json files (any case), sorted by path, subdirectories included."""
    _tree(tmp_path, ["b.yaml", "A.JSON", "notes.txt", "site-2/x.yml", "site-1/deep/y.yaml", ".git/z.yaml", ".h.yaml"])
    relative = [os.path.relpath(p, tmp_path) for p in expand_paths([tmp_path])]
    assert relative == ["A.JSON", "b.yaml", "site-1/deep/y.yaml", "site-2/x.yml"]
    flat = [os.path.relpath(p, tmp_path) for p in expand_paths([tmp_path], recursive=False)]
    assert flat == ["A.JSON", "b.yaml"]
    assert set(SUFFIXES) == {".yaml", ".yml", ".json"}


def test_files_are_kept_as_given_once_each(tmp_path: Path) -> None:
    """Files named directly are kept whatever their suffix or existence, in the order given, each once."""
    _tree(tmp_path, ["a.yaml", "b.txt"])
    given = [tmp_path / "b.txt", tmp_path / "gone.yaml", tmp_path, f"{tmp_path}/./a.yaml"]
    assert expand_paths(given) == [str(tmp_path / "b.txt"), str(tmp_path / "gone.yaml"), str(tmp_path / "a.yaml")]


@pytest.mark.parametrize(("recursive", "message"), [(True, "in its subdirectories"), (False, "not searched")])
def test_a_directory_without_organization_files_gets_its_own_error(
    tmp_path: Path, recursive: bool, message: str
) -> None:
    """A directory that holds no organization file is an error of its own, never silently nothing."""
    _tree(tmp_path, ["empty/readme.txt", "nested/site/a.yaml"])
    given = [tmp_path / "empty", tmp_path / "nested"]
    results = assess_files(given, as_of=AS_OF, recursive=recursive)
    assert results[0].path == str(tmp_path / "empty")
    error = results[0].error
    assert isinstance(error, LoadError)
    assert "holds no organization file" in str(error)
    assert message in str(error)
    assert len(results) == 2
    assert results[1].ok is recursive


_ERRORS: list[Iso9001Error] = [
    Iso9001Error("root"),
    InputError("input"),
    NotFoundError("not found"),
    UsageError("usage"),
    PluginError("plug-in"),
    InvalidOrganizationError([Problem("roles[0].id", "bad id", found="'x'", line=2, column=3)]),
    LoadError([Problem("name", "missing"), Problem("scop", "unknown key", suggestion="scope")], source="a.yaml"),
    CatalogError("bad catalog", [Problem("x", "y")], source="c.yaml"),
    CatalogPluginError("fails", group="g", plugin="p", target="m:f"),
    UnknownIdError("cfo", "ceo"),
    UnknownRequirementError("5.9", "2015", "5.3"),
    AssessmentError("cannot exclude", requirement="5.3"),
    CheckPluginError("fails", group="g", plugin="p", target="m:f"),
    ReportError("no such format", "pdf"),
    ReportPluginError("fails", group="g", plugin="p", target="m:f"),
    ExportError("no such format", "png"),
    MissingExtraError("pandas", "to_frame()"),
]


@pytest.mark.parametrize("error", _ERRORS, ids=lambda e: type(e).__name__)
def test_every_error_pickles_to_an_equal_error(error: Iso9001Error) -> None:
    """Every error of the package survives pickling whole: type, message, args and attributes (for workers)."""
    if hasattr(error, "add_note"):  # Python 3.11 and later
        error.add_note("a note")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.args == error.args
    assert vars(copy) == vars(error)
    if isinstance(error, ImportError):
        assert isinstance(copy, ImportError)
        assert (copy.name, copy.path) == (error.name, error.path)


def test_every_error_class_is_covered() -> None:
    """The pickling test covers every exception class the package defines."""
    classes = {getattr(exceptions, name) for name in exceptions.__all__} - {Problem}
    assert classes == {type(e) for e in _ERRORS}


def test_what_workers_send_back_pickles(files: list[str]) -> None:
    """Results, with their assessments, timings and errors, come back from pickling equal."""
    results = assess_files(files, as_of=AS_OF, timing=Timing(overdue_days=30))
    assert pickle.loads(pickle.dumps(results)) == results
    assert pickle.loads(pickle.dumps(Timing(overdue_days=30))) == Timing(overdue_days=30)
