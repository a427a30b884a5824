"""`verbale serve` as a clerk starts it: the address with the desk's token, the browser opened with it, a port in
use or a folder that is not a workspace said in one line with what to do."""
from __future__ import annotations

import os
import re
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(folder: Path, port: int, *extra: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "verbale", "serve", "--workspace", str(folder), "--port", str(port),
                             *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})


def address_of(server: subprocess.Popen) -> tuple[str, list[str]]:
    lines = []
    while True:
        line = server.stdout.readline()
        assert line, f"the desk printed no address: {lines} {server.stderr.read()}"
        lines.append(line.strip())
        if line.startswith("verbale desk on "):
            return line.split()[3], lines


def fetch(url: str, deadline: float = 60) -> tuple[int, str]:
    end = time.monotonic() + deadline
    while True:
        try:
            with urllib.request.urlopen(url, timeout=60) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()
        except OSError:
            assert time.monotonic() < end, "the desk did not answer"
            time.sleep(0.1)


@pytest.fixture
def office(tmp_path) -> Path:
    folder = tmp_path / "office"
    folder.mkdir()
    (folder / "verbale.yaml").write_text("languages: [en, ru, kk]\n", encoding="utf-8")
    (folder / "a.yaml").write_bytes((ROOT / "notes" / "17-1-624.yaml").read_bytes())
    return folder


def test_the_address_holds_the_token_and_nothing_answers_without_it(office):
    port = free_port()
    server = start(office, port, "--no-browser")
    try:
        address, lines = address_of(server)
        assert re.fullmatch(rf"http://127\.0\.0\.1:{port}/\?token=[\w-]{{20,}}", address), lines
        assert lines == [f"verbale desk on {address} (Ctrl-C stops it)"]
        status, text = fetch(f"http://127.0.0.1:{port}/")
        assert status == 403 and "verbale serve" in text   # loopback too (issue #24)
        status, page = fetch(address)   # the token moves into a cookie; urllib follows the redirect without it
        assert status in (200, 403)
        token = address.split("token=")[1]
        request = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"Cookie": f"verbale_desk_{port}={token}"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            assert 'href="/spec/a.yaml"' in answer.read().decode()
    finally:
        server.terminate()
        assert server.wait(60) is not None   # it ends its office keeper first


@pytest.mark.skipif(os.name == "nt", reason="the stand-in browser is a shell script")
def test_the_browser_is_opened_with_the_address(office, tmp_path):
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{opened}"\n', encoding="utf-8")
    browser.chmod(browser.stat().st_mode | stat.S_IEXEC)
    port = free_port()
    server = start(office, port, env={"BROWSER": str(browser)})
    try:
        address, _ = address_of(server)
        deadline = time.monotonic() + 60
        while not (opened.exists() and opened.read_text()):
            assert time.monotonic() < deadline, "no browser was opened"
            time.sleep(0.1)
        assert opened.read_text() == address and "token=" in address
    finally:
        server.terminate()
        server.wait(60)


def test_a_port_in_use_says_what_to_do(office):
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen(1)
        port = other.getsockname()[1]
        answer = subprocess.run([sys.executable, "-m", "verbale", "serve", "--workspace", str(office), "--port",
                                 str(port), "--no-browser"], capture_output=True, text=True, timeout=60)
    assert answer.returncode == 1
    assert answer.stdout == ""            # never the address, as if the other program were this desk
    assert answer.stderr.strip() == (f"verbale serve: port {port} is in use by another program (perhaps a desk "
                                     f"started earlier: open the address it printed, or stop it with Ctrl-C in its "
                                     f"window); or start this desk on another port: verbale serve --port {port + 1}")
    assert "Errno" not in answer.stderr and "Traceback" not in answer.stderr


def test_outside_a_workspace_it_suggests_verbale_init(tmp_path):
    folder = tmp_path / "loose"
    folder.mkdir()
    port = free_port()
    server = start(folder, port, "--no-browser")
    try:
        address, lines = address_of(server)
        assert lines[0].startswith("note: ") and "not a workspace" in lines[0] and "verbale init DIR" in lines[0]
        token = address.split("token=")[1]
        request = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"Cookie": f"verbale_desk_{port}={token}"})
        fetch(address)
        with urllib.request.urlopen(request, timeout=60) as answer:
            page = answer.read().decode()
        assert "verbale init office" in page and "No specs yet" not in page
    finally:
        server.terminate()
        server.wait(60)
    missing = subprocess.run([sys.executable, "-m", "verbale", "serve", "--workspace", str(folder / "nowhere")],
                             capture_output=True, text=True)
    assert missing.returncode == 2 and "no such folder" in missing.stderr and "verbale init" in missing.stderr
    assert "Traceback" not in missing.stderr
