"""Writing files whole, and a spec's files all together or not at all.

Every file is first written to a temporary name of ours in the target's folder (``.verbale-PID-XXXX.part``:
a later run removes those of a process that is gone, and touches nothing else), then renamed.  A file that did
not exist is created with a hard link, which fails if another run created it meanwhile: without --force
nothing is ever replaced that this run did not see.
"""
from __future__ import annotations

import errno
import os
import re
import stat
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path

PART = re.compile(r"^\.verbale-(\d+)-[^/\\]*\.part$")
STALE_AFTER = 3600.0  # seconds: a part file lives for milliseconds; after an hour its run is surely gone
RACY_SECONDS = 3.0    # a file changed this recently may change again within the same time stamp (below)


@lru_cache(maxsize=1)
def _file_mode() -> int:
    """The mode a new file gets under the process's umask (mkstemp makes private 0600 files)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_temporary(folder: Path, data: bytes) -> Path:
    """``data`` in a new temporary file of ours in ``folder`` (removed again if writing fails)."""
    handle, name = tempfile.mkstemp(prefix=f".verbale-{os.getpid()}-", suffix=".part", dir=folder)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(handle, _file_mode())
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # No fsync: it would cost more than the note itself, and guards only against a power cut.
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def write_atomic(target: Path, data: bytes) -> None:
    """Write to a temporary name beside ``target`` and rename: a reader sees the whole file or none."""
    temporary = write_temporary(target.parent, data)
    try:
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes; else None.  Never waits on
    a FIFO or a device, never follows a link, never reads a huge file into memory."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        with os.fdopen(handle, "rb", closefd=False) as stream:
            return stream.read(limit + 1)
    finally:
        os.close(handle)


class Taken(OSError):
    """Another run created a file this run was about to create."""


def _create(temporary: Path, target: Path, data: bytes) -> bool:
    """Make ``target`` from ``temporary`` unless it exists; True if made, False if it already holds ``data``."""
    try:
        os.link(temporary, target)  # atomic: fails if the name exists
        return True
    except FileExistsError:
        if read_regular(target, len(data)) == data:
            return False
        raise Taken(17, "another run wrote it meanwhile", str(target)) from None
    except (OSError, AttributeError, NotImplementedError) as exc:  # no hard links here (FAT, some shares)
        if isinstance(exc, OSError) and exc.errno not in (1, 18, 38, 95):  # EPERM, EXDEV, ENOSYS, EOPNOTSUPP
            raise
        if os.path.lexists(target):
            raise Taken(17, "another run wrote it meanwhile", str(target)) from None
        os.replace(temporary, target)
        return True


def replace_together(folder: Path, files: dict[str, bytes], replace: set[str]) -> list[str]:
    """Write every file of ``files`` into ``folder``, or none: each is written to a temporary file first, then
    all are renamed; if anything fails, what was renamed is undone and the old versions stay.  Names in
    ``replace`` may overwrite an existing file; the others are only created.  Returns the names written
    (a file another run wrote with the same bytes meanwhile is not counted).

    Where the system has unnamed temporary files (Linux, ``O_TMPFILE``), a file to create is written as one and
    given its name by a hard link: no temporary name is made and removed (the cost of the all-or-nothing write
    drops to that of writing the bytes; measured in BENCHMARKS.md), and a run killed meanwhile leaves nothing."""
    temporaries: dict[str, Path] = {}
    unnamed: dict[str, int] = {}
    backups: list[tuple[str, Path | None]] = []  # renamed so far: (name, the old version or None)
    try:
        for name, data in files.items():
            try:
                handle = _unnamed(folder, data) if name not in replace else None
                if handle is not None:
                    unnamed[name] = handle
                else:
                    temporaries[name] = write_temporary(folder, data)
            except OSError as exc:
                raise OSError(exc.errno, exc.strerror, str(folder / name)) from None
        for name, data in files.items():
            target = folder / name
            try:
                if name in replace:
                    backup = _backup(target)
                    backups.append((name, backup))
                    os.replace(temporaries[name], target)
                elif name in unnamed:
                    if _link_unnamed(unnamed[name], target, data):
                        backups.append((name, None))
                elif _create(temporaries[name], target, data):
                    backups.append((name, None))
            except Taken:
                raise
            except OSError as exc:
                raise OSError(exc.errno, exc.strerror, str(target)) from None
    except BaseException:
        _undo(folder, backups)
        raise
    finally:
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)
        for handle in unnamed.values():
            os.close(handle)
    for _, backup in backups:
        if backup is not None:
            backup.unlink(missing_ok=True)
    return [name for name, _ in backups]


_PROC_FD = Path("/proc/self/fd")   # where an unnamed file is named from (linkat with AT_SYMLINK_FOLLOW)
_NO_UNNAMED: set[str] = set()   # folders' devices where O_TMPFILE was refused: not asked again


def _unnamed(folder: Path, data: bytes) -> int | None:
    """An unnamed file in ``folder`` holding ``data`` (its descriptor), or None where there are none."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not sys.platform.startswith("linux") or str(folder) in _NO_UNNAMED or not _PROC_FD.is_dir():
        return None
    try:
        handle = os.open(folder, flag | os.O_WRONLY | getattr(os, "O_CLOEXEC", 0), 0o666)  # the umask applies
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
            _NO_UNNAMED.add(str(folder))
            return None
        raise
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view):]
    except BaseException:
        os.close(handle)
        raise
    return handle


def _link_unnamed(handle: int, target: Path, data: bytes) -> bool:
    """Give the unnamed file its name unless the name exists; True if made, False if it already holds ``data``."""
    folder = os.open(target.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:  # linkat(…, AT_SYMLINK_FOLLOW) through /proc: os.link takes that path only with a directory descriptor
        os.link(f"/proc/self/fd/{handle}", target.name, dst_dir_fd=folder, follow_symlinks=True)
        return True
    except FileExistsError:
        if read_regular(target, len(data)) == data:
            return False
        raise Taken(17, "another run wrote it meanwhile", str(target)) from None
    finally:
        os.close(folder)


def _backup(target: Path) -> Path | None:
    """Move the old version of ``target`` aside (to a name of ours), to be put back if the spec fails."""
    if not os.path.lexists(target):
        return None
    handle, name = tempfile.mkstemp(prefix=f".verbale-{os.getpid()}-", suffix=".part", dir=target.parent)
    os.close(handle)
    try:
        os.replace(target, name)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def _undo(folder: Path, backups: list[tuple[str, Path | None]]) -> None:
    for name, backup in reversed(backups):
        try:
            if backup is None:
                (folder / name).unlink(missing_ok=True)
            else:
                os.replace(backup, folder / name)
        except OSError:
            pass


def _gone(pid: int) -> bool:
    """True if no process ``pid`` runs (on Windows, where os.kill would end it, never asked: False)."""
    if os.name == "nt" or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def remove_stale_parts(folder: Path, older_than: float = STALE_AFTER) -> list[str]:
    """Delete the temporary files of ours that a killed run (SIGKILL, power cut) left behind: those of a
    process that is gone, or older than an hour.  Others' files are never touched."""
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        match = PART.match(name)
        if not match:
            continue
        path = folder / name
        try:
            info = os.lstat(path)
            if stat.S_ISREG(info.st_mode) and (_gone(int(match.group(1))) or time.time() - info.st_mtime > older_than):
                path.unlink()
                removed.append(name)
        except (OSError, ValueError):
            pass
    return removed


def create_new(target: Path, data: bytes) -> bool:
    """Create ``target`` whole with ``data`` unless a file (or a link) of that name exists, even one with the
    same bytes: False then, and nothing is changed.  Two processes never both create the same name."""
    temporary = write_temporary(target.parent, data)
    try:
        try:
            os.link(temporary, target)   # atomic: fails if the name exists
            return True
        except FileExistsError:
            return False
        except (OSError, AttributeError, NotImplementedError) as exc:  # no hard links here (FAT, some shares)
            if isinstance(exc, OSError) and exc.errno not in (1, 18, 38, 95):
                raise
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        try:
            handle = os.open(target, flags, _file_mode())
        except FileExistsError:
            return False
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        return True
    finally:
        temporary.unlink(missing_ok=True)


def change_stamp(path: Path, info: os.stat_result) -> tuple:
    """What tells the versions of a file read again while a process runs (the desk runs for days) apart: its
    modification time and size, and, while that time is too recent to tell (a second edit of the same size within
    one tick of the file system's clock: milliseconds on Linux, 2 s on FAT and some network shares), a digest of
    its content. As git's "racily clean" index entries: a file whose time is older than its clock's tick cannot
    have changed without a later time."""
    stamp = (info.st_mtime_ns, info.st_size)
    if stat.S_ISREG(info.st_mode) and abs(time.time() - info.st_mtime) < RACY_SECONDS:
        import hashlib

        try:
            return stamp + (hashlib.blake2b(path.read_bytes(), digest_size=16).digest(),)
        except OSError:
            pass
    return stamp
