"""The office kept warm (verbale/office.py): found only where it is this user's own, restarted after it is killed
or hangs, no file lost; `--pdf` uses it and gets the same bytes as from a call of soffice."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import threading
import time
from pathlib import Path

import pytest

from conftest import NOTES
from verbale.cli.generate import main
from verbale.office import Keeper, _socket_path, private_folder, running, uno_python
from verbale.pdf import TIMEOUT_VARIABLE, convert, find_office

needs_keeper = pytest.mark.skipif(
    not shutil.which("soffice") or uno_python(shutil.which("soffice") or "soffice") is None,
    reason="needs LibreOffice and a Python with its uno module (apt-get install libreoffice-writer-nogui python3-uno)")


@pytest.fixture(scope="module")
def docx(tmp_path_factory) -> list[Path]:
    """Two notes' DOCX files (eight), written without PDFs."""
    out = tmp_path_factory.mktemp("office-out")
    assert main([str(NOTES / "17-1-624.yaml"), str(NOTES / "osce-brussels-2006.yaml"), "-o", str(out)]) == 0
    return sorted(out.glob("*.docx"))


@pytest.fixture(scope="module")
def keeper():
    """A keeper of this module's own: the tests kill it and count its starts. The desk tests' keeper (the desk
    keeps one warm while it serves) is ended first, and one a `verbale serve` process left is waited for to end
    itself; a keeper found running would be used by ``ensure`` and not be this one's (``process`` None)."""
    from verbale.desk.office import stop as stop_the_desks

    stop_the_desks()
    deadline = time.monotonic() + 60
    while running() is not None and time.monotonic() < deadline:
        time.sleep(0.2)
    keeper = Keeper()
    if keeper.ensure() is None:
        pytest.skip(f"no office keeper here: {keeper.unavailable}")
    assert keeper.process is not None, "a keeper another part of the test run started is still running"
    yield keeper
    keeper.stop()


@needs_keeper
def test_the_office_killed_mid_batch_is_started_again_and_no_file_is_lost(keeper, docx):
    before = running().status()
    result = {}
    worker = threading.Thread(target=lambda: result.update(conversion=convert(docx)))
    worker.start()
    deadline = time.monotonic() + 120
    while running().status()["converted"] < before["converted"] + 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(running().status()["office"], signal.SIGKILL)   # the office and everything it started
    worker.join(300)
    conversion = result["conversion"]
    assert not conversion.failures and sorted(conversion.pdfs) == docx
    assert all(pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF") for pdf in conversion.pdfs.values())
    after = running().status()
    assert after["starts"] == before["starts"] + 1
    assert after["converted"] >= before["converted"] + len(docx), "every file went through the keeper"


@needs_keeper
def test_generate_pdf_uses_the_running_office_with_the_same_bytes(keeper, tmp_path):
    spec = NOTES / "osce-brussels-2006.yaml"
    keeper.stop()                      # first without it: one soffice call, as before
    assert running() is None
    assert main([str(spec), "-o", str(tmp_path / "called"), "--pdf"]) == 0
    assert keeper.ensure() is not None
    converted = running().status()["converted"]
    assert main([str(spec), "-o", str(tmp_path / "kept"), "--pdf"]) == 0
    assert running().status()["converted"] == converted + 3
    for pdf in (tmp_path / "called").glob("*.pdf"):
        assert (tmp_path / "kept" / pdf.name).read_bytes() == pdf.read_bytes()


@needs_keeper
def test_a_hanging_conversion_ends_the_office_which_is_started_again(keeper, docx, monkeypatch):
    starts = running().status()["starts"]
    monkeypatch.setenv(TIMEOUT_VARIABLE, "0.001")   # no office converts a note in a millisecond: a "hang"
    conversion = convert(docx[:1])
    assert not conversion.pdfs and "did not finish within" in conversion.failures[docx[0]].problem
    monkeypatch.delenv(TIMEOUT_VARIABLE)
    assert convert(docx[:1]).pdfs, "the office was started again"
    assert running().status()["starts"] == starts + 2, "ended at each of the two tries"


@needs_keeper
def test_a_keeper_that_died_is_started_again_by_the_desk(keeper, docx):
    os.killpg(keeper.process.pid, signal.SIGKILL)   # the keeper and its office, as the out-of-memory killer might
    keeper.process.wait()
    assert running() is None
    office = (keeper.work / "office.pgid").read_text()
    assert keeper.ensure() is not None and convert(docx[:1]).pdfs
    assert _ended(int(office)), "the dead keeper's office was ended, not left running"


def _ended(pid: int, wait: float = 10.0) -> bool:
    """Whether ``pid`` is gone or dead (a zombie is dead: its parent, the killed keeper, is gone and whoever
    adopted it reaps it when it gets the processor), waiting up to ``wait`` seconds on a busy machine."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError, IndexError):
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.1)
    return False


@needs_keeper
def test_a_keeper_of_another_office_program_is_not_used(keeper, docx, tmp_path, monkeypatch):
    program, other = find_office(), tmp_path / "soffice"
    other.symlink_to(program)
    monkeypatch.setenv("VERBALE_SOFFICE", str(other))
    assert find_office() == str(other) and running(str(other)) is None and running(program) is not None


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX users")
def test_only_a_private_folder_and_a_socket_of_this_user_are_used(tmp_path, monkeypatch):
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    folder = private_folder()
    assert folder == runtime / "verbale" and (folder.stat().st_mode & 0o777) == 0o700
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(folder / "office.sock"))
        assert _socket_path(folder) == folder / "office.sock"
        if os.geteuid() == 0:   # a socket another user made there is never used
            os.chown(folder / "office.sock", 65534, 65534)
            assert _socket_path(folder) is None
    folder.chmod(0o755)        # a folder others may enter is not private: no keeper is looked for or started
    assert private_folder() is None and running() is None
    folder.chmod(0o700)
    (folder / "office.sock").unlink()
    (folder / "office.sock").symlink_to(tmp_path)   # not a socket
    assert _socket_path(folder) is None and running() is None
