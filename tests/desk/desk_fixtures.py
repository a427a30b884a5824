"""Fixtures of the desk tests (imported by name: a second conftest.py would hide the suite's own)."""
from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

NOTES = Path(__file__).resolve().parents[2] / "notes"
TOKEN = "desk-test-token"   # the desk's access token in the tests (verbale serve makes a random one)


def address(base: str, path: str = "/") -> str:
    """The desk's address holding its token, as `verbale serve` prints it (the desk then keeps it in a cookie)."""
    return f"{base}{path}{'&' if '?' in path else '?'}token={TOKEN}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def workspace(tmp_path) -> Path:
    """A workspace holding copies of the sample specs."""
    root = tmp_path / "office"
    root.mkdir()
    for spec in NOTES.glob("*.yaml"):
        shutil.copy(spec, root / spec.name)
    return root


@pytest.fixture
def desk_server(workspace):
    """The desk, served by uvicorn on a free loopback port in a thread: (base address, workspace)."""
    import uvicorn

    from verbale.desk.app import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(workspace, port=port, token=TOKEN), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the desk did not start"
    yield f"http://127.0.0.1:{port}", workspace
    server.should_exit = True
    thread.join(10)
