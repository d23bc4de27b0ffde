"""write_atomically: modes kept, links followed, special files written to, errors naming the target."""

from __future__ import annotations

import errno
import io
import os
import socket
import stat
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from iso9001_leadership.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, main
from iso9001_leadership.io import write_atomically

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and special files")
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc and /dev/fd as on Linux")
not_root = pytest.mark.skipif(
    os.name == "posix" and os.geteuid() == 0, reason="root writes to read-only folders anyway"
)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "precision-pumps" / "organization.yaml"
TEXTS = ["name: Acme\n", "", "no newline at the end", "crlf\r\nstays\r\n", "lone\rcr", "ünïcödé ✓ 文字\n", "x" * 70000]


def leftovers(folder: Path, *expected: str) -> list[str]:
    """The names in ``folder`` beyond the expected ones (temporary files left behind)."""
    return sorted(p.name for p in folder.iterdir() if p.name not in expected)


def old_write_atomically(path: Path, text: str) -> None:
    """How write_atomically wrote a file before: the bytes a normal file must still get."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    os.replace(tmp, path)


@pytest.fixture
def umask() -> Iterator[int]:
    """Run the test under umask 027 (restored afterwards)."""
    previous = os.umask(0o027)
    try:
        yield 0o027
    finally:
        os.umask(previous)


# -- regular files ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", TEXTS)
def test_bytes_are_those_written_before(tmp_path: Path, text: str) -> None:
    """The file holds the text as UTF-8 exactly as given, byte for byte as the old implementation wrote it."""
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old_write_atomically(old, text)
    write_atomically(new, text)
    assert new.read_bytes() == old.read_bytes() == text.encode("utf-8")
    write_atomically(new, text + "again")  # replacing an existing file too
    assert new.read_bytes() == (text + "again").encode("utf-8")
    assert leftovers(tmp_path, "old.txt", "new.txt") == []


def test_accepts_str_and_relative_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A relative path (no folder part) is written in the current folder."""
    monkeypatch.chdir(tmp_path)
    write_atomically("plain.txt", "one\n")
    assert (tmp_path / "plain.txt").read_text(encoding="utf-8") == "one\n"
    assert leftovers(tmp_path, "plain.txt") == []


@posix_only
@pytest.mark.parametrize("mode", [0o644, 0o600, 0o640, 0o444, 0o755])
def test_an_existing_file_keeps_its_mode(tmp_path: Path, mode: int) -> None:
    """The new file takes the old file's permission bits, not 0600."""
    path = tmp_path / "report.txt"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(mode)
    write_atomically(path, "new\n")
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert path.read_text(encoding="utf-8") == "new\n"


@posix_only
@pytest.mark.parametrize("mask", [0o022, 0o027, 0o077, 0o002])
def test_a_new_file_gets_the_mode_open_would_give(tmp_path: Path, mask: int) -> None:
    """A new file's mode is 0666 less the umask, as for open(path, "w")."""
    previous = os.umask(mask)
    try:
        write_atomically(tmp_path / "new.txt", "text\n")
        with open(tmp_path / "plain.txt", "w", encoding="utf-8"):
            pass
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o666 & ~mask
    assert stat.S_IMODE((tmp_path / "plain.txt").stat().st_mode) == 0o666 & ~mask


@posix_only
def test_the_umask_is_left_as_it_was(tmp_path: Path, umask: int) -> None:
    """Writing does not change the process's umask."""
    write_atomically(tmp_path / "new.txt", "text\n")
    assert os.umask(umask) == umask


@posix_only
def test_a_hard_link_keeps_the_old_text(tmp_path: Path) -> None:
    """The file is replaced, not rewritten: another name for the old file still shows the old text."""
    path, other = tmp_path / "org.yaml", tmp_path / "other.yaml"
    path.write_text("old\n", encoding="utf-8")
    os.link(path, other)
    write_atomically(path, "new\n")
    assert path.read_text(encoding="utf-8") == "new\n"
    assert other.read_text(encoding="utf-8") == "old\n"


# -- symlinks --------------------------------------------------------------------------------


@posix_only
def test_a_symlink_is_written_through(tmp_path: Path) -> None:
    """A symlink stays a link; the file it leads to is replaced and keeps its mode."""
    target = tmp_path / "real" / "org.yaml"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to(Path("real") / "org.yaml")
    write_atomically(link, "new\n")
    assert link.is_symlink()
    assert os.readlink(link) == os.path.join("real", "org.yaml")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert leftovers(tmp_path, "real", "link.yaml") == []
    assert leftovers(target.parent, "org.yaml") == []


@posix_only
def test_a_chain_of_symlinks_is_followed_to_the_end(tmp_path: Path) -> None:
    """Links to links (and a linked folder on the way) lead to the one file that is replaced."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "org.yaml").write_text("old\n", encoding="utf-8")
    (tmp_path / "folder").symlink_to("data")
    (tmp_path / "second").symlink_to(Path("folder") / "org.yaml")
    (tmp_path / "first").symlink_to("second")
    write_atomically(tmp_path / "first", "new\n")
    assert (tmp_path / "first").is_symlink()
    assert (tmp_path / "second").is_symlink()
    assert (tmp_path / "data" / "org.yaml").read_text(encoding="utf-8") == "new\n"
    assert not (tmp_path / "data" / "org.yaml").is_symlink()


@posix_only
def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    """A link to a file not there yet makes that file, as open(path, "w") would."""
    link = tmp_path / "link.txt"
    link.symlink_to("made.txt")
    write_atomically(link, "made\n")
    assert link.is_symlink()
    assert (tmp_path / "made.txt").read_text(encoding="utf-8") == "made\n"


@posix_only
def test_a_symlink_into_a_missing_folder_names_both(tmp_path: Path) -> None:
    """The error names the path given and the file the link leads to, not a temporary file."""
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "missing" / "made.txt")
    with pytest.raises(FileNotFoundError) as caught:
        write_atomically(link, "x")
    assert caught.value.filename == str(link)
    assert caught.value.filename2 == str(tmp_path / "missing" / "made.txt")
    assert ".tmp" not in str(caught.value)


@posix_only
def test_a_symlink_loop_is_an_error_naming_the_path(tmp_path: Path) -> None:
    """A link that leads back to itself is reported, naming it."""
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(OSError, match="a'") as caught:
        write_atomically(tmp_path / "a", "x")
    assert caught.value.errno == errno.ELOOP
    assert caught.value.filename == str(tmp_path / "a")


# -- things that are not regular files ---------------------------------------------------------


@posix_only
def test_a_fifo_is_written_to_not_replaced(tmp_path: Path) -> None:
    """A FIFO gets the text through it (a reader sees all of it) and stays a FIFO."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    text = "line\n" * 40000  # more than a pipe holds at once, so the reader must keep up
    # Both ends are opened here first, without blocking: the writer then never waits for a
    # reader, the reader waits for text until the test's own writing end is closed, and if
    # write_atomically fails the reader sees the end at once instead of hanging the test.
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    os.set_blocking(reader, True)
    holder = os.open(fifo, os.O_WRONLY)
    chunks: list[bytes] = []

    def read_all() -> None:
        with os.fdopen(reader, "rb") as stream:
            chunks.append(stream.read())

    thread = threading.Thread(target=read_all)
    thread.start()
    try:
        write_atomically(fifo, text)
    finally:
        os.close(holder)
        thread.join(timeout=30)
    assert not thread.is_alive()
    assert b"".join(chunks) == text.encode("utf-8")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert leftovers(tmp_path, "pipe") == []


@posix_only
@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_dev_null_is_written_to_not_replaced(tmp_path: Path) -> None:
    """/dev/null (directly or through a link) stays the same character device."""
    before = os.stat("/dev/null")
    write_atomically("/dev/null", "discarded\n")
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    write_atomically(link, "discarded\n")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev, after.st_mode) == (before.st_ino, before.st_rdev, before.st_mode)
    assert link.is_symlink()
    assert leftovers(tmp_path, "null") == []


@linux_only
def test_dev_stdout_writes_to_standard_output(capfd: pytest.CaptureFixture[str]) -> None:
    """/dev/stdout (a link to this process's descriptor 1) prints the text."""
    write_atomically("/dev/stdout", "to standard output\n")
    write_atomically("/dev/stderr", "to standard error\n")
    captured = capfd.readouterr()
    assert captured.out == "to standard output\n"
    assert captured.err == "to standard error\n"


@linux_only
@pytest.mark.parametrize("folder", ["/dev/fd", "/proc/self/fd"])
def test_a_descriptor_to_a_file_is_written_through_not_replaced(tmp_path: Path, folder: str) -> None:
    """A descriptor path that leads to a regular file appends to it (as `>>` would) and never replaces it."""
    path = tmp_path / "log.txt"
    path.write_text("kept\n", encoding="utf-8")
    inode = path.stat().st_ino
    with open(path, "ab") as handle:
        write_atomically(f"{folder}/{handle.fileno()}", "added\n")
        handle.write(b"after\n")
    assert path.read_text(encoding="utf-8") == "kept\nadded\nafter\n"
    assert path.stat().st_ino == inode
    assert leftovers(tmp_path, "log.txt") == []


@linux_only
def test_a_closed_descriptor_is_an_error_naming_it(tmp_path: Path) -> None:
    """A descriptor path for a descriptor that is not open is reported, not created."""
    fd = os.open(tmp_path, os.O_RDONLY)
    os.close(fd)  # a number that is now free
    with pytest.raises(FileNotFoundError) as caught:
        write_atomically(f"/dev/fd/{fd}", "x")
    assert caught.value.filename == f"/dev/fd/{fd}"


def test_a_folder_is_an_error(tmp_path: Path) -> None:
    """A directory at the path is refused with IsADirectoryError naming it."""
    with pytest.raises(IsADirectoryError) as caught:
        write_atomically(tmp_path, "x")
    assert caught.value.filename == str(tmp_path)
    assert leftovers(tmp_path) == []


@posix_only
def test_a_socket_is_refused(tmp_path: Path) -> None:
    """A socket is neither replaced nor written to."""
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        try:
            server.bind(str(path))
        except OSError as exc:  # a path too long for a socket address
            pytest.skip(f"cannot make a socket here: {exc}")
        with pytest.raises(OSError, match="socket") as caught:
            write_atomically(path, "x")
    finally:
        server.close()
    assert caught.value.filename == str(path)
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


# -- errors and clean-up -------------------------------------------------------------------


def test_a_missing_folder_names_the_target(tmp_path: Path) -> None:
    """No such folder: FileNotFoundError naming the file asked for."""
    target = tmp_path / "missing" / "report.txt"
    with pytest.raises(FileNotFoundError) as caught:
        write_atomically(target, "x")
    assert caught.value.filename == str(target)
    assert caught.value.filename2 is None
    assert str(target) in str(caught.value)
    assert ".tmp" not in str(caught.value)


@posix_only
@not_root
def test_a_read_only_folder_names_the_target(tmp_path: Path) -> None:
    """A folder that cannot be written: PermissionError naming the file, saying why the folder matters."""
    folder = tmp_path / "locked"
    folder.mkdir()
    target = folder / "report.txt"
    target.write_text("old\n", encoding="utf-8")
    folder.chmod(0o555)
    try:
        with pytest.raises(PermissionError, match="folder must be writable") as caught:
            write_atomically(target, "new\n")
        assert caught.value.filename == str(target)
        assert target.read_text(encoding="utf-8") == "old\n"
        assert leftovers(folder, "report.txt") == []
    finally:
        folder.chmod(0o755)


def test_a_folder_refusing_new_files_names_the_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Permission denied for the temporary file (as in a read-only folder, even as root): the target is named."""
    target = tmp_path / "report.txt"
    target.write_text("old\n", encoding="utf-8")
    real_open = os.open

    def refuse_new(path: str, flags: int, mode: int = 0o777) -> int:
        if flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", refuse_new)
    with pytest.raises(PermissionError, match="folder must be writable") as caught:
        write_atomically(target, "new\n")
    monkeypatch.undo()
    assert caught.value.filename == str(target)
    assert ".tmp" not in str(caught.value)
    assert target.read_text(encoding="utf-8") == "old\n"


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_a_failed_step_names_the_target_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    """Disk full while flushing or renaming: the error names the target, the old file and folder are as they were."""
    target = tmp_path / "org.yaml"
    target.write_text("old\n", encoding="utf-8")

    def disk_full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(args[0]))

    monkeypatch.setattr(os, step, disk_full)
    with pytest.raises(OSError, match=os.strerror(errno.ENOSPC)) as caught:
        write_atomically(target, "new\n")
    monkeypatch.undo()
    assert caught.value.errno == errno.ENOSPC
    assert caught.value.filename == str(target)
    assert ".tmp" not in str(caught.value)
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__
    assert target.read_text(encoding="utf-8") == "old\n"
    assert leftovers(tmp_path, "org.yaml") == []


def test_an_error_without_a_number_keeps_its_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An OSError with only a message is reported with that message and the target."""
    target = tmp_path / "org.yaml"

    def broken(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full") as caught:
        write_atomically(target, "new\n")
    monkeypatch.undo()
    assert str(caught.value) == f"disk full: {str(target)!r}"
    assert leftovers(tmp_path) == []


def test_an_interrupt_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C in the middle: the interrupt goes on up, and the temporary file is removed."""
    target = tmp_path / "org.yaml"
    target.write_text("old\n", encoding="utf-8")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, "new\n")
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "old\n"
    assert leftovers(tmp_path, "org.yaml") == []


def test_text_that_is_not_utf8_writes_nothing(tmp_path: Path) -> None:
    """A lone surrogate cannot be encoded: the error comes before any file is made."""
    with pytest.raises(UnicodeEncodeError):
        write_atomically(tmp_path / "bad.txt", "\udc80")
    assert leftovers(tmp_path) == []


# -- through the command line ----------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@posix_only
def test_cli_output_keeps_the_mode_of_an_existing_report(tmp_path: Path) -> None:
    """-o onto an existing 0644 report leaves it 0644."""
    target = tmp_path / "report.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o644)
    code, _, _ = run("check", str(EXAMPLE), "--as-of", "2026-11-24", "--format", "markdown", "-o", str(target))
    assert code == EXIT_FINDINGS
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_text(encoding="utf-8").startswith("#")


@posix_only
@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_cli_output_to_dev_null() -> None:
    """-o /dev/null discards the report and leaves /dev/null a character device."""
    code, out, _ = run("check", str(EXAMPLE), "--as-of", "2026-11-24", "-o", "/dev/null")
    assert code == EXIT_FINDINGS
    assert out == ""
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@linux_only
def test_cli_output_to_dev_stdout(capfd: pytest.CaptureFixture[str]) -> None:
    """-o /dev/stdout prints the report on the process's standard output."""
    code, _, _ = run("graph", str(EXAMPLE), "--format", "json", "-o", "/dev/stdout")
    assert code == EXIT_OK
    assert capfd.readouterr().out.lstrip().startswith("{")


def test_cli_output_into_a_missing_folder_names_it(tmp_path: Path) -> None:
    """The command line's message names the report file asked for."""
    target = tmp_path / "missing" / "report.md"
    code, _, err = run("graph", str(EXAMPLE), "--format", "json", "-o", str(target))
    assert code == EXIT_USAGE
    assert str(target) in err
    assert ".tmp" not in err
