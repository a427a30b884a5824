"""A note is recorded once: `verbale incoming add` of the same sender, number and date again is refused with one
line naming the record it has (a second record would stay open for ever, its reply answering the first, and records
are never deleted); nothing is recorded and no file is kept.  Another number, or the same number of another date
(a sender's yearly series), is another note."""
from __future__ import annotations

import shutil
from pathlib import Path

from verbale.cli import main as verbale

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "registry"
ADD = ["incoming", "add", "--from", "mfa-russia", "--number", "10663/2дснг", "--received", "2026-03-03"]


def test_the_same_note_is_not_recorded_twice(tmp_path, monkeypatch, capsys):
    shutil.copytree(EXAMPLE, tmp_path / "w", ignore=shutil.ignore_patterns("register.sqlite", "incoming", "out"))
    monkeypatch.chdir(tmp_path / "w")
    assert verbale([*ADD, "--date", "2026-03-02"]) == 0
    assert capsys.readouterr().out == "in-2026-1\n"
    assert verbale([*ADD, "--date", "2026-03-02", "received/mfa-russia-10663.pdf"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"{Path('register.sqlite').resolve()}:1: --number: mfa-russia's note 10663/2дснг of 2026-03-02 is recorded "
        "already as in-2026-1 (`verbale incoming show in-2026-1` shows it; nothing was recorded)"]
    assert not (tmp_path / "w" / "incoming").exists()
    for typed in ("№ 10663/2дснг", "10663/2ДСНГ", "10663 / 2дснг", "№10663/2ДСНГ"):   # one number, typed otherwise
        assert verbale([*ADD[:4], "--number", typed, *ADD[6:], "--date", "2026-03-02"]) == 1
        assert "is recorded already as in-2026-1" in capsys.readouterr().err
    assert verbale([*ADD, "--date", "2025-03-02"]) == 0 and capsys.readouterr().out == "in-2026-2\n"
    assert verbale(["incoming", "list"]) == 0
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()] == ["in-2026-1", "in-2026-2"]
