"""Assess many organization files at once: serially, across processes, or on a cluster.

A certification body, or a group with many sites, assesses many files. :func:`assess_files`
loads and assesses each one and returns one :class:`FileAssessment` per file, in the order
given: the :class:`~iso9001_leadership.Assessment`, or the error that file met. One bad file
(malformed YAML, a dangling reference, a missing file, an unknown suffix) gets its own error
and never stops the others.

The work runs on any :class:`concurrent.futures.Executor`: none (serially, in this process),
a :class:`~concurrent.futures.ProcessPoolExecutor` for the cores of one machine, or the
executor of an existing cluster engine, such as Dask's (``distributed.Client.get_executor()``,
with the ``dask`` extra; see docs/install.md). What is sent to the
executor is a top-level function of this module with picklable arguments: the path as text,
the date, the edition, the :class:`~iso9001_leadership.Timing` and, when one is given, the
:class:`~iso9001_leadership.Catalog`. Each worker builds the default check registry itself, so
checks of one's own reach the workers as plug-ins (an entry point of the group
``iso9001_leadership.checks``) installed where the workers run.

Directories are expanded by :func:`expand_paths`: the files with a ``.yaml``, ``.yml`` or
``.json`` suffix (in any case) below them, sorted by path, subdirectories included unless
``recursive=False``. Hidden files and directories (names starting with ``.``, such as ``.git``)
and symbolic links to directories are not searched. A directory that holds no organization
file is not dropped: it gets an error of its own.

Examples
--------
>>> import datetime as dt, pathlib, tempfile
>>> from iso9001_leadership.batch import assess_files
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "acme.yaml").write_text("name: Acme\\nroles: [{id: ceo, title: CEO, top_management: true}]\\n")
>>> _ = (folder / "broken.yaml").write_text("name: Broken\\nroles: [{id: ceo, title: CEO, reports_to: cfo}]\\n")
>>> for result in assess_files([folder], as_of=dt.date(2026, 11, 24)):
...     print(pathlib.Path(result.path).name, result.ok, type(result.error).__name__)
acme.yaml True NoneType
broken.yaml False LoadError
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import os
import threading
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeAlias

import attrs

from iso9001_leadership.assessment import Assessment, assess
from iso9001_leadership.catalog import Catalog
from iso9001_leadership.checks import CheckRegistry, Timing, default_registry
from iso9001_leadership.exceptions import AssessmentError, Iso9001Error, LoadError, Problem, UsageError
from iso9001_leadership.io import MAX_BYTES, load

__all__ = ["SUFFIXES", "FileAssessment", "FileError", "assess_files", "expand_paths"]

#: The suffixes of the organization files a directory is searched for (compared in lower case).
SUFFIXES: tuple[str, ...] = (".yaml", ".yml", ".json")

#: What a file can meet instead of an assessment: one of the package's errors (a
#: :class:`~iso9001_leadership.LoadError` with every problem of the file, a
#: :class:`~iso9001_leadership.UsageError` for an unknown suffix, an
#: :class:`~iso9001_leadership.AssessmentError` for an exclusion the catalog refuses), or the
#: operating system's :class:`OSError` for a file that does not exist or may not be read.
FileError: TypeAlias = Iso9001Error | OSError


def _error_key(error: FileError | None) -> tuple[type[BaseException], str] | None:
    """What makes two errors the same for equality: their type and their message."""
    return None if error is None else (type(error), str(error))


@attrs.frozen
class FileAssessment:
    """What became of one file: its assessment, or the error it met.

    Two results are equal when they name the same path and hold equal assessments, or errors of
    the same type and message (exceptions themselves never compare equal), so results made
    serially and on an executor can be compared.

    Parameters
    ----------
    path
        The file, as it was given (or as found in a directory given).
    assessment
        The assessment, when the file could be read and assessed; ``None`` otherwise.
    error
        The error the file met (see :data:`FileError`); ``None`` when it was assessed.

    Examples
    --------
    >>> import datetime as dt
    >>> from iso9001_leadership.batch import assess_files
    >>> [missing] = assess_files(["no-such-file.yaml"], as_of=dt.date(2026, 11, 24))
    >>> missing.ok, missing.assessment, type(missing.error).__name__
    (False, None, 'FileNotFoundError')
    """

    path: str
    assessment: Assessment | None = None
    error: FileError | None = attrs.field(default=None, eq=_error_key)

    def __attrs_post_init__(self) -> None:
        if (self.assessment is None) == (self.error is None):
            msg = f"a FileAssessment of {self.path!r} holds either an assessment or an error, not both or neither"
            raise UsageError(msg)

    @property
    def ok(self) -> bool:
        """Whether the file was assessed (it has an assessment and no error)."""
        return self.assessment is not None


@attrs.frozen
class _Settings:
    """Everything a worker needs besides the path; picklable, so that it travels to any executor."""

    edition: str
    as_of: dt.date
    timing: Timing | None
    catalog: Catalog | None
    max_bytes: int | None
    #: Names the call of :func:`assess_files` these settings are of (see :func:`_defaults`).
    call: str = attrs.field(factory=lambda: uuid.uuid4().hex)


#: The catalog and check registry of the latest call seen by this process, by its ``call``.
_DEFAULTS: dict[str, tuple[Catalog, CheckRegistry]] = {}
_DEFAULTS_LOCK = threading.Lock()


def _defaults(settings: _Settings) -> tuple[Catalog, CheckRegistry]:
    """The catalog and the default check registry for the files of one call, built once per worker and call.

    Finding the plug-ins costs a few milliseconds, a good part of assessing a small file: a
    worker builds them for the first file of a call and keeps them for the others, as a serial
    run does. A new call builds them afresh, so plug-ins installed in between are seen.
    """
    with _DEFAULTS_LOCK:
        found = _DEFAULTS.get(settings.call)
        if found is None:
            catalog = (
                settings.catalog if settings.catalog is not None else Catalog.builtin(settings.edition, plugins=True)
            )
            found = (catalog, default_registry())
            _DEFAULTS.clear()
            _DEFAULTS[settings.call] = found
    return found


def _assess_path(path: str, settings: _Settings, registry: CheckRegistry | None = None) -> FileAssessment:
    """Load and assess one file; its error, if it meets one, is the result instead (the work sent to executors)."""
    try:
        org = load(path, max_bytes=settings.max_bytes)
        catalog, registry = (settings.catalog, registry) if registry is not None else _defaults(settings)
        assessment = assess(
            org,
            edition=settings.edition,
            as_of=settings.as_of,
            catalog=catalog,
            registry=registry,
            timing=settings.timing,
        )
    except (Iso9001Error, OSError) as exc:
        # The traceback would keep the file's organization alive for as long as the result.
        return FileAssessment(path, error=exc.with_traceback(None))
    return FileAssessment(path, assessment)


def _organization_files(directory: str, *, recursive: bool) -> list[str]:
    """The organization files below ``directory``, sorted by path; hidden entries and linked directories left out."""
    found: list[str] = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")] if recursive else []
        found.extend(
            os.path.join(root, name)
            for name in files
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in SUFFIXES
        )
    return sorted(found, key=lambda path: Path(path).parts)


def _expand(paths: Iterable[str | os.PathLike[str]], *, recursive: bool) -> list[tuple[str, bool]]:
    """Each file to assess, and whether it is a directory that holds none (so gets an error of its own)."""
    if isinstance(paths, str | bytes | os.PathLike):
        msg = f"paths must be a collection of paths, not one path: {paths!r}; write [{paths!r}]"
        raise UsageError(msg)
    expanded: dict[str, bool] = {}
    for given in paths:
        text: object = os.fspath(given)
        if not isinstance(text, str):
            msg = f"a path must be text or a path-like object of text, not {type(text).__name__}: {text!r}"
            raise UsageError(msg)
        found = _organization_files(text, recursive=recursive) if os.path.isdir(text) else [text]
        for path in found or [text]:
            expanded.setdefault(os.path.normpath(path), not found)
    return list(expanded.items())


def expand_paths(paths: Iterable[str | os.PathLike[str]], *, recursive: bool = True) -> list[str]:
    """The files to assess for ``paths``: each file as given, each directory replaced by its organization files.

    A directory gives the files below it with a suffix of :data:`SUFFIXES` (in any case),
    sorted by path; with ``recursive=False``, only those directly in it. Hidden files and
    directories (names starting with ``.``) and symbolic links to directories are not searched.
    A file named directly is kept whatever its suffix (so that it gets its own error if it
    cannot be read), and so is a path that does not exist. A directory that holds no
    organization file is kept as it is, so that assessing it gives an error of its own rather
    than nothing. A file given twice (or found in two directories given) is kept once, where it
    first appears. Paths are normalized (``./a//b.yaml`` reads ``a/b.yaml``); relative paths
    stay relative.

    Parameters
    ----------
    paths
        Files and directories, as text or path-like objects.
    recursive
        Whether to search the subdirectories of a directory too.

    Returns
    -------
    list of str

    Raises
    ------
    UsageError
        If ``paths`` is a single path rather than a collection of them.

    Examples
    --------
    >>> import os, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("b.yaml", "a.json", "notes.txt", "site/c.YML", ".hidden/d.yaml"):
    ...     (folder / name).parent.mkdir(exist_ok=True)
    ...     _ = (folder / name).write_text("name: Acme\\n")
    >>> [os.path.relpath(p, folder) for p in expand_paths([folder])]
    ['a.json', 'b.yaml', 'site/c.YML']
    >>> [os.path.relpath(p, folder) for p in expand_paths([folder, folder / "b.yaml"], recursive=False)]
    ['a.json', 'b.yaml']
    """
    return [path for path, _ in _expand(paths, recursive=recursive)]


def _empty_directory(path: str, *, recursive: bool) -> FileAssessment:
    where = "in it or in its subdirectories" if recursive else "directly in it (subdirectories were not searched)"
    problem = Problem(
        "",
        f"the directory holds no organization file {where}",
        expected="a directory holding a .yaml, .yml or .json file, or the path of a file",
    )
    return FileAssessment(path, error=LoadError([problem], source=path))


def assess_files(
    paths: Iterable[str | os.PathLike[str]],
    *,
    as_of: dt.date,
    edition: str = "2015",
    catalog: Catalog | None = None,
    timing: Timing | None = None,
    max_bytes: int | None = MAX_BYTES,
    recursive: bool = True,
    executor: concurrent.futures.Executor | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[FileAssessment]:
    """Load and assess every file of ``paths``, each on its own: one bad file never stops the others.

    Parameters
    ----------
    paths
        Organization files and directories holding them (expanded by :func:`expand_paths`).
    as_of, edition, catalog, timing
        As for :func:`~iso9001_leadership.assess`, the same for every file. The catalog, when
        given, is sent to the executor with each file, so it must pickle (the built-in catalogs
        do); without one, each file is assessed against the built-in catalog of ``edition``
        with plug-ins.
    max_bytes
        As for :func:`~iso9001_leadership.load`: the largest file read (``None`` for no limit).
    recursive
        Whether directories are searched below their first level.
    executor
        Where the files are assessed: ``None`` for one after the other in this process, or any
        :class:`concurrent.futures.Executor` (threads, processes, Dask's
        ``client.get_executor()``). The caller owns it: it is not shut down here.
    progress
        Called as ``progress(done, total)`` each time a file is done, in the order they finish.

    Returns
    -------
    list of FileAssessment
        One per file, in the order of :func:`expand_paths`: its assessment, or its error (a
        :data:`FileError`), whatever the executor.

    Raises
    ------
    CatalogError
        For an unknown edition (before any file is read).
    AssessmentError
        If ``catalog`` is not of ``edition``.
    UsageError
        If ``paths`` is a single path, or ``as_of`` not a date.

    An error that is not a :data:`FileError` (a bug in a check plug-in, a worker process that
    died) is raised here, after the files not yet started are cancelled.

    Examples
    --------
    >>> import concurrent.futures, datetime as dt, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "acme.yaml").write_text("name: Acme\\nroles: [{id: ceo, title: CEO, top_management: true}]\\n")
    >>> files = [folder / "acme.yaml", folder / "missing.yaml", folder / "acme.yaml"]
    >>> with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
    ...     results = assess_files(files, as_of=dt.date(2026, 11, 24), executor=pool)
    >>> [(pathlib.Path(r.path).name, r.ok) for r in results]
    [('acme.yaml', True), ('missing.yaml', False)]
    >>> results[0].assessment.result("5.2.1 a").status.value
    'nonconformity'
    >>> results == assess_files(files, as_of=dt.date(2026, 11, 24))
    True
    """
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        msg = f"as_of must be a date (datetime.date), not {as_of!r}"
        raise UsageError(msg)
    checked = catalog if catalog is not None else Catalog.builtin(edition, plugins=True)
    if checked.edition != edition:
        msg = f"the catalog is of edition {checked.edition!r}, not {edition!r}"
        raise AssessmentError(msg)
    files = _expand(paths, recursive=recursive)
    settings = _Settings(edition=edition, as_of=as_of, timing=timing, catalog=catalog, max_bytes=max_bytes)
    results: list[FileAssessment | None] = [
        _empty_directory(path, recursive=recursive) if empty else None for path, empty in files
    ]
    to_do = [index for index, result in enumerate(results) if result is None]
    total, done = len(results), len(results) - len(to_do)
    if executor is None:
        serial = attrs.evolve(settings, catalog=checked)  # built once for every file
        registry = default_registry()
        for index in to_do:
            results[index] = _assess_path(files[index][0], serial, registry)
            done += 1
            if progress is not None:
                progress(done, total)
    else:
        futures = {executor.submit(_assess_path, files[index][0], settings): index for index in to_do}
        try:
            for future in concurrent.futures.as_completed(futures):
                results[futures[future]] = future.result()
                done += 1
                if progress is not None:
                    progress(done, total)
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    return [result for result in results if result is not None]
