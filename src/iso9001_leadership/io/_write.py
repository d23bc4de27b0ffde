"""Writing a text file safely: in one step where the path is a file, straight through where it is not.

:func:`write_atomically` backs :func:`~iso9001_leadership.io.dump` and the command line's
``-o/--output``. What it does depends on what the path names (symlinks are followed first):

- nothing yet: a new file is made with the mode a plain ``open(path, "w")`` would give
  (``0o666`` less the umask, and the folder's default ACL where there is one), in one step;
- a regular file: it is replaced in one step by a file with the same permission bits;
- a symlink to a file: the file it leads to is replaced, so the link stays a link;
- a FIFO, a terminal, a character or block device (``/dev/null``): it is opened for appending
  and written to, never replaced;
- an open file descriptor of this process (``/dev/stdout``, ``/dev/stderr``, ``/dev/fd/N``,
  ``/proc/self/fd/N``): the text is written to that descriptor, whatever it leads to;
- a directory or a socket: an error.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import sys

__all__ = ["write_atomically"]

#: Where the kernel shows a process's open file descriptors (``/dev/fd`` is a link here on Linux).
_DESCRIPTOR_FOLDER = re.compile(r"/dev/fd|/proc/(?P<pid>[^/]+)(?:/task/[^/]+)?/fd")
#: Errors from syncing a folder that only say the file system cannot do it.
_CANNOT_SYNC_FOLDER = frozenset({errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF, errno.EACCES, errno.EPERM})
_O_BINARY: int = getattr(os, "O_BINARY", 0)
_O_DIRECTORY: int = getattr(os, "O_DIRECTORY", 0)


def write_atomically(path: str | os.PathLike[str], text: str | bytes) -> None:
    """Write ``text`` to the file at ``path``, replacing the file in one step.

    The text is written as UTF-8 exactly as given (``\\n`` line ends stay ``\\n``); bytes (a
    workbook, say) are written as they are. How it is
    written depends on what ``path`` names, after following symlinks:

    - **nothing yet**: a new file, with the mode a plain ``open(path, "w")`` would give it
      (``0o666`` less the umask);
    - **a regular file**: the text goes to a temporary file in the same folder, is flushed to
      disk, takes the old file's permission bits (``rwx`` for user, group and others; not the
      set-id bits, ACLs or extended attributes), and replaces the old file by a rename; the
      folder is then synced so the rename survives a crash. A reader sees the old file or the
      new one, never half of one. The owner is not changed: the new file belongs to whoever
      writes it, and a hard link to the old file keeps the old text;
    - **a symlink**: it is followed, and the file it leads to is replaced as above; the link
      stays a link;
    - **not a regular file** (a FIFO, a terminal, a device such as ``/dev/null``): opened for
      appending and written to directly, never replaced (a FIFO waits for its reader);
    - **an open file descriptor** of this process (``/dev/stdout``, ``/dev/stderr``,
      ``/dev/fd/N``, ``/proc/self/fd/N``): the text is written to that descriptor, even when it
      leads to a regular file (so ``-o /dev/stdout > out.txt`` and ``>> out.txt`` behave as
      printing would); a descriptor of another process (``/proc/PID/fd/N``) is opened for
      appending;
    - **a directory** or **a socket**: an error.

    On any failure, including an interrupt, the temporary file is removed and the old file
    stays as it was.

    Raises
    ------
    OSError
        If the file cannot be written (no such folder, permission denied, disk full, a
        directory or socket at ``path``). Its :attr:`~OSError.filename` is ``path``, never the
        temporary file, and (for a symlink) :attr:`~OSError.filename2` is the file it leads to.
        The subclass follows the error number (``FileNotFoundError``, ``PermissionError``,
        ``IsADirectoryError``, ...).
    UnicodeEncodeError
        If the text cannot be encoded as UTF-8 (a lone surrogate); nothing is written.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     target = pathlib.Path(folder) / "notes.txt"
    ...     write_atomically(target, "first\\n")
    ...     write_atomically(target, "second\\n")
    ...     print(target.read_text(encoding="utf-8"), end="")
    second
    """
    given = os.fspath(path)
    data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    found: os.stat_result | None = None
    missing: OSError | None = None
    try:
        found = os.stat(given)
    except FileNotFoundError as exc:
        missing = exc
    except OSError as exc:
        raise _naming(given, exc) from None
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise _naming(given, OSError(errno.EISDIR, os.strerror(errno.EISDIR))) from None
    alias, descriptor = _descriptor(given)
    if alias:
        if missing is not None:  # not an open descriptor
            raise _naming(given, missing) from None
        if descriptor is not None:
            _write_to_descriptor(given, descriptor, data)
        else:
            _write_through(given, data)
        return
    if found is not None and stat.S_ISSOCK(found.st_mode):
        raise _naming(given, OSError(errno.ENXIO, "Is a socket, not a file that can be written")) from None
    if found is not None and not stat.S_ISREG(found.st_mode):
        _write_through(given, data)
        return
    resolved = os.path.realpath(given)
    link = resolved if os.path.islink(given) else None
    mode = None if found is None else stat.S_IMODE(found.st_mode) & 0o777
    _replace(given, resolved, link, data, mode)


def _write_to_descriptor(given: str, descriptor: int, data: bytes) -> None:
    """Write ``data`` to this process's open ``descriptor`` (after what Python buffered for it), leaving it open."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):  # None, closed, or not backed by a descriptor
            if stream.fileno() == descriptor:
                stream.flush()
    try:
        _write_all(descriptor, data)
    except OSError as exc:
        raise _naming(given, exc) from None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _write_through(given: str, data: bytes) -> None:
    """Open what is at ``given`` (without creating or truncating it) and write ``data`` to it."""
    try:
        fd = os.open(given, os.O_WRONLY | os.O_APPEND | _O_BINARY)
    except OSError as exc:
        raise _naming(given, exc) from None
    try:
        _write_all(fd, data)
    except OSError as exc:
        raise _naming(given, exc) from None
    finally:
        os.close(fd)


def _replace(given: str, resolved: str, link: str | None, data: bytes, mode: int | None) -> None:
    """Write ``data`` to a temporary file beside ``resolved`` and rename it over ``resolved``.

    ``mode`` is the old file's permission bits, or None for a new file (which then gets the
    mode ``open()`` would give, since the kernel applies the umask to the ``0o666`` asked for).
    """
    folder, name = os.path.split(resolved)
    try:
        # An old file's text is not shown to others while the new one is written.
        fd, temporary = _create_temporary(folder or os.curdir, name, 0o666 if mode is None else 0o600)
    except OSError as exc:
        hint = (
            " (the file is replaced, so its folder must be writable)"
            if exc.errno in (errno.EACCES, errno.EPERM)
            else ""
        )
        raise _naming(given, exc, link, hint=hint) from None
    open_fd: int | None = fd
    try:
        _write_all(fd, data)
        if mode is not None:
            if os.chmod in os.supports_fd:
                os.chmod(fd, mode)
            else:  # pragma: no cover - Windows
                os.chmod(temporary, mode)
        os.fsync(fd)
        open_fd = None
        os.close(fd)
        os.replace(temporary, resolved)
    except BaseException as exc:
        with contextlib.suppress(OSError):  # the first error is the one to report
            if open_fd is not None:
                os.close(open_fd)
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise _naming(given, exc, link) from None
        raise
    try:
        _sync_folder(folder or os.curdir)
    except OSError as exc:
        raise _naming(given, exc, link) from None


def _create_temporary(folder: str, name: str, mode: int) -> tuple[int, str]:
    """A new, empty file with a name no other file has, in ``folder``; its descriptor and path."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY
    for _ in range(100):
        temporary = os.path.join(folder, f".{name[:100]}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temporary, flags, mode), temporary
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free name for a temporary file")  # pragma: no cover


def _sync_folder(folder: str) -> None:
    """Flush the folder's entries to disk, so a rename in it survives a crash (where the OS allows)."""
    if os.name == "nt":  # pragma: no cover - folders cannot be opened on Windows
        return
    try:
        fd = os.open(folder, os.O_RDONLY | _O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _CANNOT_SYNC_FOLDER:
            raise
    finally:
        os.close(fd)


def _descriptor(given: str) -> tuple[bool, int | None]:
    """Whether ``given`` leads (through symlinks) into a folder of open file descriptors, and which of ours.

    ``/dev/stdout`` is such a path: it leads to whatever the process's standard output is, and
    replacing the file that happens to be would cut it off from the output; reopening it would
    not share the descriptor's position. The second item is the descriptor's number when it is
    one of this process's, else None.
    """
    current = os.path.abspath(given)
    for _ in range(40):  # the kernel's own limit on links followed
        folder = os.path.realpath(os.path.dirname(current))
        match = _DESCRIPTOR_FOLDER.fullmatch(folder.replace(os.sep, "/"))
        if match is not None:
            number = os.path.basename(current)
            ours = match["pid"] is None or match["pid"] == str(os.getpid())
            return True, int(number) if ours and number.isdigit() else None
        current = os.path.join(folder, os.path.basename(current))
        if not os.path.islink(current):
            return False, None
        try:
            current = os.path.join(folder, os.readlink(current))
        except OSError:
            return False, None
    return False, None


def _naming(given: str, exc: OSError, link: str | None = None, *, hint: str = "") -> OSError:
    """The error ``exc`` told about ``given`` (and the file ``link`` it leads to), not a temporary file."""
    reason = exc.strerror or (str(exc.args[0]) if len(exc.args) == 1 else str(exc) or type(exc).__name__)
    if exc.errno is None:
        where = f"{given!r}" if link is None else f"{given!r} -> {link!r}"
        return OSError(f"{reason}{hint}: {where}")
    return OSError(exc.errno, reason + hint, given, None, link)
