"""`verbale verify` says "this very file was recorded" only of a note's own files, as written or as signed: not of a
dispatch's receipt, whose SHA-256 the register keeps beside the note.  A receipt is not the note: verify exits 1."""
from __future__ import annotations

import re
import shutil

import pytest

from conftest import NOTES
from verbale.cli import main as verbale

RECEIPT = NOTES.parent / "examples" / "registry" / "received" / "mfa-russia-10663.pdf"
CONFIG = 'numbering: {pattern: "17-1/{seq}", restart: yearly, start: 624}\n'


@pytest.fixture
def office(tmp_path, monkeypatch, capsys):
    (tmp_path / "notes").mkdir()
    (tmp_path / "verbale.yaml").write_text(CONFIG, encoding="utf-8")
    text = (NOTES / "17-1-624.yaml").read_text(encoding="utf-8")
    (tmp_path / "notes" / "a.yaml").write_text(re.sub(r"(?m)^number:.*$", "number: auto", text), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert verbale(["generate", "notes/a.yaml", "-o", "out"]) == 0
    capsys.readouterr()
    return tmp_path


def test_a_dispatch_receipt_is_not_the_note(office, capsys):
    shutil.copy(RECEIPT, office / "receipt.pdf")   # a real PDF: the scan of what came back
    assert verbale(["register", "dispatch", "17-1/624", "--channel", "courier", "--receipt", "receipt.pdf"]) == 0
    capsys.readouterr()
    assert verbale(["verify", "receipt.pdf"]) == 1
    out, err = capsys.readouterr()
    assert "this very file" not in out and "verified" not in out
    assert "receipt.pdf:1: (verify): the register recorded no such file" in err
    assert verbale(["verify", "out/a.en.docx"]) == 0   # the note's own file still is one
    assert "this very file was recorded for 17-1/624" in capsys.readouterr().out

