"""The office keeper: one LibreOffice kept warm, converting DOCX to PDF for this user's verbale processes.

Run by ``verbale.office`` under a Python that has LibreOffice's UNO bridge (``import uno``: Debian's python3-uno
for /usr/bin/python3, or the python LibreOffice bundles), so it uses the standard library and uno only:

    python3 office_uno.py SOCKET WORKDIR SOFFICE

- It starts ``SOFFICE`` headless with a private profile in WORKDIR, listening for UNO on a named pipe (on Linux a
  socket ``/tmp/OSL_PIPE_<uid>_<name>`` that only this user may open), and drives it over UNO.
- It answers on the Unix socket SOCKET (in a folder only this user can enter; a peer of another user is refused),
  one request at a time, in the order they come (the listen queue is the clerks' queue): a DOCX's bytes in, the
  PDF's bytes out.  The office sees only files named by the keeper in WORKDIR and one of two fixed filters; a
  document is opened hidden, read-only, with macros never run and links never updated.  Nothing a client sends
  reaches the office as an option.
- A conversion that takes longer than its time limit has its office ended (the whole process group); an office
  that died is started again before the next request.  The client tries a failed file once more.
- It ends, and ends its office, when its standard input closes (the process that started it is gone) or on
  ``{"op": "stop"}``.

Protocol, per connection: a JSON line, then as many bytes as its "size"; the answer likewise.
    {"op": "convert", "archive": false, "limit": 65, "size": N} + DOCX  ->  {"ok": true, "size": M} + PDF
    {"op": "status"}  ->  {"ok": true, "office": PGID, "starts": S, "converted": C}
"""
import json
import os
import secrets
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

ARCHIVE_DATA = (("SelectPdfVersion", 2),)   # PDF/A-2b, as verbale.pdf.ARCHIVE_FILTER
START_SECONDS = 120
MAX_DOCX = 64 * 2**20


def prop(name, value):
    from com.sun.star.beans import PropertyValue  # LibreOffice's bridge: imported where it is (not by pytest)

    item = PropertyValue()
    item.Name, item.Value = name, value
    return item


class Office:
    def __init__(self, program: str, work: Path):
        self.program, self.work = program, work
        self.process = None
        self.desktop = None
        self.starts = 0

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None and self.desktop is not None

    def start(self) -> None:
        self.end()
        self.starts += 1
        pipe = f"verbale-{os.getuid()}-{secrets.token_hex(8)}"
        profile = (self.work / f"profile{self.starts}").as_uri()
        self.process = subprocess.Popen(
            [self.program, f"-env:UserInstallation={profile}", "--headless", "--invisible", "--nocrashreport",
             "--nodefault", "--nologo", "--nofirststartwizard", "--norestore",
             f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        # where the process that started the keeper finds the office, should the keeper itself be killed
        (self.work / "office.pgid").write_text(str(self.process.pid), encoding="ascii")
        import uno

        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # noqa: BLE001 - NoConnectException until the office listens
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.end()
                    raise RuntimeError("LibreOffice could not be started")
                time.sleep(0.1)
        self.desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)

    def end(self) -> None:
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except OSError:
                self.process.kill()
        if self.process is not None:
            self.process.wait()
        self.process, self.desktop = None, None

    def convert(self, docx: Path, pdf: Path, archive: bool, limit: float) -> str:
        """'' when ``pdf`` was made, else what went wrong (the office is ended and started again on a hang)."""
        if not self.alive():
            self.start()
        ended = threading.Event()

        def too_long():
            ended.set()
            self.end()
        timer = threading.Timer(limit, too_long)
        timer.start()
        document = None
        try:
            document = self.desktop.loadComponentFromURL(
                docx.as_uri(), "_blank", 0,
                (prop("Hidden", True), prop("ReadOnly", True), prop("MacroExecutionMode", 0),
                 prop("UpdateDocMode", 0)))
            if document is None:
                return "LibreOffice could not open the DOCX"
            export = [prop("FilterName", "writer_pdf_Export")]
            if archive:
                import uno

                data = tuple(prop(name, value) for name, value in ARCHIVE_DATA)
                export.append(prop("FilterData", uno.Any("[]com.sun.star.beans.PropertyValue", data)))
            document.storeToURL(pdf.as_uri(), tuple(export))
            return ""
        except Exception as exc:  # noqa: BLE001 - any UNO error is this file's failure, told to the client
            if ended.is_set():
                return f"LibreOffice did not finish within {limit:.0f} s"
            if self.process is None or self.process.poll() is not None:
                self.desktop = None
                return "LibreOffice stopped while converting"
            return f"LibreOffice failed: {type(exc).__name__}"
        finally:
            timer.cancel()
            if document is not None and not ended.is_set():
                try:
                    document.close(True)
                except Exception:  # noqa: BLE001 - the office went away meanwhile: started again next time
                    self.desktop = None


def read_exactly(connection: socket.socket, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = connection.recv(min(left, 1 << 20))
        if not chunk:
            raise ConnectionError("cut short")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_line(connection: socket.socket) -> dict:
    line = b""
    while not line.endswith(b"\n"):
        chunk = connection.recv(1)
        if not chunk or len(line) > 4096:
            raise ConnectionError("no request")
        line += chunk
    request = json.loads(line)
    if not isinstance(request, dict):
        raise ValueError("not a request")
    return request


def peer_is_me(connection: socket.socket) -> bool:
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return True  # no way to ask here: the socket's folder is this user's alone
    _, uid, _ = struct.unpack("3i", connection.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i")))
    return uid == os.getuid()


def answer(connection: socket.socket, office: Office, work: Path, counts: dict) -> bool:
    """One request; False when asked to stop."""
    request = read_line(connection)
    op = request.get("op")
    if op == "status":
        reply, body = {"ok": True, "office": office.process.pid if office.alive() else None,
                       "starts": office.starts, "converted": counts["converted"], "program": office.program}, b""
    elif op == "stop":
        connection.sendall(b'{"ok": true}\n')
        return False
    elif op == "convert":
        size, limit = int(request["size"]), float(request["limit"])
        if not 0 < size <= MAX_DOCX or not 0 < limit <= 86400:
            raise ValueError("bad request")
        counts["n"] += 1
        docx, pdf = work / f"in{counts['n']}.docx", work / f"in{counts['n']}.pdf"
        docx.write_bytes(read_exactly(connection, size))
        started = time.monotonic()
        try:
            problem = office.convert(docx, pdf, bool(request.get("archive")), limit)
            body = b"" if problem else pdf.read_bytes()
        except (OSError, RuntimeError) as exc:
            problem, body = str(exc) or "no PDF", b""
        finally:
            docx.unlink(missing_ok=True)
            pdf.unlink(missing_ok=True)
        counts["converted"] += not problem
        reply = {"ok": not problem, "error": problem, "size": len(body),
                 "seconds": round(time.monotonic() - started, 4)}
    else:
        raise ValueError("unknown request")
    connection.sendall(json.dumps(reply).encode() + b"\n" + body)
    return True


def main(argv: list) -> int:
    socket_path, work, program = Path(argv[0]), Path(argv[1]), argv[2]
    office = Office(program, work)
    office.start()
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(socket_path))
    os.chmod(socket_path, 0o600)
    server.listen(64)
    stopping = threading.Event()

    def watch_parent():  # standard input closes when the process that started the keeper is gone
        sys.stdin.buffer.read()
        stopping.set()
        try:
            socket.socket(socket.AF_UNIX, socket.SOCK_STREAM).connect(str(socket_path))  # wake accept()
        except OSError:
            pass
    threading.Thread(target=watch_parent, daemon=True).start()
    print("ready", flush=True)
    counts = {"n": 0, "converted": 0}
    try:
        while not stopping.is_set():
            connection, _ = server.accept()
            with connection:
                if stopping.is_set() or not peer_is_me(connection):
                    continue
                connection.settimeout(60)
                try:
                    if not answer(connection, office, work, counts):
                        break
                except (OSError, ValueError, KeyError, TypeError):
                    continue
    finally:
        server.close()
        socket_path.unlink(missing_ok=True)
        office.end()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
