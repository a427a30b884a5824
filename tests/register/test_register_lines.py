"""The register's commands given what a clerk or a file may hand them (issue #24, turn 3): a year past four
figures, a receipt whose name holds a newline or a terminal escape, a key that is a FIFO. Each is one line,
never a traceback, and nothing waits."""
from __future__ import annotations

import os

import pytest

from conftest import spec_yaml
from verbale.cli import main as verbale
from verbale.cli.generate import main as generate

CONFIG = 'numbering: {pattern: "17-1/{seq}"}\nlanguages: [en]\n'


@pytest.fixture
def office(tmp_path, monkeypatch):
    root = tmp_path / "office"
    (root / "notes").mkdir(parents=True)
    (root / "verbale.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "notes" / "a.yaml").write_text(spec_yaml(number="auto", languages=["en"]), encoding="utf-8")
    monkeypatch.chdir(root)
    assert generate([str(root / "notes"), "-o", str(root / "out")]) == 0
    return root


@pytest.mark.parametrize("command", [
    ["register", "list", "--year", "99999"],           # date(99999, 1, 1) was a traceback
    ["register", "show", "17-1/1", "--year", "10000"],
    ["register", "cancel", "17-1/1", "--year", "0", "--why", "x"],
    ["incoming", "list", "--year", "123456789012345678901234567890"],   # an overflow in the database
    ["sign", "17-1/1", "--key", "k.p12", "--year", "99999"],
])
def test_a_year_is_four_figures(office, capsys, command):
    assert verbale(command) == 2
    err = capsys.readouterr().err
    assert "is not a year (four figures, e.g. 2026)" in err and "Traceback" not in err, err


def test_a_receipts_name_is_said_escaped(office, capsys):
    receipt = office / "receipt\n\x1b[2Jforged line.eml"
    receipt.write_bytes(b"From: mfa\n")
    assert verbale(["register", "dispatch", "17-1/1", "--channel", "courier", "--receipt", str(receipt)]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 1 and "\x1b" not in out and "forged line.eml" in out, out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize("read", ["load_key(path, b'x')"])
def test_a_key_that_is_a_fifo_is_never_waited_on(tmp_path, read):
    """A FIFO named as the key was opened and read, and the command waited for a writer forever."""
    import subprocess
    import sys

    pytest.importorskip("pyhanko", reason='signing needs the extra: pip install "verbale[sign]"')
    fifo = tmp_path / "key.p12"
    os.mkfifo(fifo)
    probe = ("import sys; from pathlib import Path; from verbale.signing import SignError, load_key, signatures\n"
             f"path = Path(sys.argv[1])\ntry:\n    {read}\nexcept SignError as exc:\n    print(exc.problem)")
    done = subprocess.run([sys.executable, "-c", probe, str(fifo)], capture_output=True, text=True, timeout=60)
    assert "not a regular file" in done.stdout, done.stdout + done.stderr
