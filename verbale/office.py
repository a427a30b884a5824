"""One LibreOffice kept warm for this user: the desk starts it, ``--pdf`` uses it when it finds it.

The keeper (``verbale/office_uno.py``) runs under a Python that has LibreOffice's UNO bridge (Debian's
python3-uno for /usr/bin/python3, or LibreOffice's own python) and answers on a Unix socket, one DOCX at a time.

How a running one is found, and why it is always this user's own: the socket is ``office.sock`` in this user's
private folder: ``$XDG_RUNTIME_DIR/verbale`` where that is set, else ``<temp>/verbale-<uid>``.  The folder is
used only if it is a real folder (not a link), owned by this user, and closed to everyone else (mode 0700); the
socket only if it is a socket owned by this user; and the keeper's peer (``SO_PEERCRED``) must be this user.
Anything else means "no running office" and ``--pdf`` starts its own for the batch, as before.  There is no TCP
port: another user can neither reach this user's office nor pass for it.  (On Windows, where Python has no Unix
sockets, and wherever LibreOffice has no UNO-capable Python, there is no keeper: one office process a batch.)
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import stat
import struct
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

KEEPER = Path(__file__).with_name("office_uno.py")
SOCKET_NAME, LOCK_NAME = "office.sock", "office.lock"
START_SECONDS = 150.0
MAX_PDF = 64 * 2**20


class OfficeGone(Exception):
    """The keeper is not there (any more): convert another way."""


def private_folder(create: bool = True) -> Path | None:
    """This user's private runtime folder for verbale, or None where there is none that is safely ours."""
    if not hasattr(socket, "AF_UNIX") or not hasattr(os, "getuid"):
        return None
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    folder = Path(runtime) / "verbale" if runtime and _ours(Path(runtime)) else \
        Path(tempfile.gettempdir()) / f"verbale-{os.getuid()}"
    if create:
        with contextlib.suppress(FileExistsError, OSError):
            folder.mkdir(mode=0o700)
    return folder if _ours(folder) else None


def _ours(folder: Path) -> bool:
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077


def _socket_path(folder: Path) -> Path | None:
    path = folder / SOCKET_NAME
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return path if stat.S_ISSOCK(info.st_mode) and info.st_uid == os.getuid() else None


def _peer_is_me(connection: socket.socket) -> bool:
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return True  # the folder is this user's alone
    _, uid, _ = struct.unpack("3i", connection.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i")))
    return uid == os.getuid()


def _ask(path: Path, request: dict, body: bytes = b"", timeout: float = 30.0) -> tuple[dict, bytes]:
    """One request to the keeper at ``path``; raises OfficeGone when it cannot be reached or breaks off."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(timeout)
            connection.connect(str(path))
            if not _peer_is_me(connection):
                raise OfficeGone("the office socket is not this user's")
            connection.sendall(json.dumps({**request, "size": len(body)}).encode() + b"\n" + body)
            stream = connection.makefile("rb")
            line = stream.readline(65536)
            if not line.endswith(b"\n"):
                raise OfficeGone("the office keeper broke off")
            reply = json.loads(line)
            size = int(reply.get("size", 0))
            if not 0 <= size <= MAX_PDF:
                raise OfficeGone("the office keeper answered nonsense")
            data = stream.read(size)
            if len(data) != size:
                raise OfficeGone("the office keeper broke off")
            return reply, data
    except (OSError, ValueError) as exc:
        raise OfficeGone(str(exc)) from None


class Running:
    """A keeper found running: ``convert(docx bytes, archive, limit)`` -> (PDF bytes or None, problem)."""

    def __init__(self, path: Path):
        self.path = path

    def convert(self, docx: bytes, archive: bool, limit: float) -> tuple[bytes | None, str]:
        reply, data = _ask(self.path, {"op": "convert", "archive": archive, "limit": limit}, docx,
                           timeout=limit + 30)
        return (data, "") if reply.get("ok") else (None, str(reply.get("error") or "no PDF"))

    def status(self) -> dict:
        return _ask(self.path, {"op": "status"})[0]


def running(program: str | None = None) -> Running | None:
    """This user's running keeper (of the soffice ``program``, when named), or None (see the module's docstring
    for how it is found)."""
    folder = private_folder(create=False)
    path = _socket_path(folder) if folder else None
    if path is None:
        return None
    keeper = Running(path)
    try:
        status = keeper.status()
    except OfficeGone:
        return None
    return keeper if program is None or status.get("program") == program else None


def uno_python(office: str) -> str | None:
    """A Python that can ``import uno``: LibreOffice's own (beside soffice), else the system's python3."""
    program_dir = Path(os.path.realpath(office)).parent
    candidates = [program_dir / "python", program_dir / "python.exe", Path("/usr/bin/python3")]
    for candidate in candidates:
        if candidate.is_file():
            try:
                probe = subprocess.run([str(candidate), "-c", "import uno"], capture_output=True, timeout=30,
                                       env=_clean_env())
            except (OSError, subprocess.SubprocessError):
                continue
            if probe.returncode == 0:
                return str(candidate)
    return None


def _clean_env() -> dict:
    """The keeper's environment: this one without a virtual environment's or PYTHON* settings, which belong to
    another Python."""
    return {k: v for k, v in os.environ.items() if not k.startswith("PYTHON") and k != "VIRTUAL_ENV"}


class Keeper:
    """The keeper this process started (``start``), restarted by ``ensure`` when it died; ``stop`` ends it.
    Where another process of this user runs one already, that one is used and this one starts none."""

    def __init__(self):
        self.process: subprocess.Popen | None = None
        self.work: Path | None = None
        self.lock = threading.Lock()
        self.unavailable = ""

    def ensure(self) -> Running | None:
        """The running keeper, started (again) if there is none; None where none can run here."""
        with self.lock:
            found = running()
            if found is not None or self.unavailable:
                return found
            return self._start()

    def _start(self) -> Running | None:
        from .pdf import PdfError, find_office

        folder = private_folder()
        if folder is None:
            self.unavailable = "no private folder for the office's socket here"
            return None
        try:
            office = find_office()
        except PdfError as exc:
            self.unavailable = exc.problem
            return None
        python = uno_python(office)
        if python is None:
            self.unavailable = "no Python with LibreOffice's uno module (apt-get install python3-uno)"
            return None
        with _folder_lock(folder):
            found = running()
            if found is not None:
                return found
            self._end_own()
            with contextlib.suppress(OSError):
                (folder / SOCKET_NAME).unlink()   # a keeper that is gone left it (ours: checked above)
            self.work = Path(tempfile.mkdtemp(prefix="verbale-office-"))
            self.process = subprocess.Popen(
                [python, str(KEEPER), str(folder / SOCKET_NAME), str(self.work), office],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_clean_env(),
                **({"start_new_session": True} if os.name != "nt" else {}))
            ready = _read_line_within(self.process.stdout, START_SECONDS)
            if ready != "ready":
                self._end_own()
                return None
        return running()

    def stop(self) -> None:
        with self.lock:
            self._end_own()

    def _end_own(self) -> None:
        if self.process is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()   # the keeper ends its office and itself
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(OSError):
                    os.killpg(self.process.pid, 9)
                self.process.wait()
            self.process = None
        if self.work is not None:
            _end_orphaned_office(self.work)
            shutil.rmtree(self.work, ignore_errors=True)
            self.work = None


def _end_orphaned_office(work: Path) -> None:
    """End the office of a keeper that was killed (its office, in a session of its own, outlives it): the process
    group the keeper wrote down, if its leader is still that office (its command line names our work folder)."""
    try:
        pgid = int((work / "office.pgid").read_text(encoding="ascii"))
        with open(f"/proc/{pgid}/cmdline", "rb") as stream:
            if str(work).encode() not in stream.read():
                return
        os.killpg(pgid, 9)
    except (OSError, ValueError):
        pass   # gone already, or no /proc here to make sure it is ours: left alone


@contextlib.contextmanager
def _folder_lock(folder: Path):
    """One process at a time starts a keeper in ``folder``."""
    import fcntl

    with open(folder / LOCK_NAME, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _read_line_within(stream, seconds: float) -> str:
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(stream.readline().decode(errors="replace").strip()),
                              daemon=True)
    reader.start()
    reader.join(seconds)
    return got[0] if got else ""


if __name__ == "__main__":  # python -m verbale.office: keep one running until Ctrl-C (for batch users, benchmarks)
    keeper = Keeper()
    found = keeper.ensure()
    print("office running" if found else f"no office: {keeper.unavailable}", flush=True)
    try:
        if found and sys.stdin.isatty():
            threading.Event().wait()       # until Ctrl-C
        elif found:
            sys.stdin.read()               # until the standard input closes (a script that started it ends)
    except KeyboardInterrupt:
        pass
    finally:
        keeper.stop()
