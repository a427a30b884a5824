"""README, "Draft, sign, dispatch, verify": a clerk makes a draft (`--draft`), then the note itself in the same output
folder.  The note replaces the draft's files (they are what `--draft` wrote: the draft mark in their headers); it
never replaces a note's own files, nor a draft a clerk has to keep apart from the note, without --force."""
from __future__ import annotations

import re
import zipfile

from conftest import NOTES
from verbale.cli import main as verbale
from verbale.register.store import Register

CONFIG = 'numbering: {pattern: "17-1/{seq}", restart: yearly, start: 624}\n'


def draft_parts(docx) -> list[str]:
    return [name for name in zipfile.ZipFile(docx).namelist() if name.startswith("word/header-draft-")]


def workspace(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "verbale.yaml").write_text(CONFIG, encoding="utf-8")
    text = (NOTES / "17-1-624.yaml").read_text(encoding="utf-8")
    spec = tmp_path / "notes" / "a.yaml"
    spec.write_text(re.sub(r"(?m)^number:.*$", "number: auto", text), encoding="utf-8")
    return spec


def test_the_note_replaces_its_draft(tmp_path, monkeypatch, capsys):
    spec = workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert verbale(["generate", "notes/a.yaml", "--draft", "-o", "out"]) == 0
    assert draft_parts(tmp_path / "out" / "a.en.docx")
    assert "number: auto" in spec.read_text(encoding="utf-8")
    capsys.readouterr()
    assert verbale(["generate", "notes/a.yaml", "-o", "out"]) == 0, capsys.readouterr().err
    assert re.search(r"(?m)^number: 17-1/624$", spec.read_text(encoding="utf-8"))
    for lang in ("en", "ru", "kk"):
        assert not draft_parts(tmp_path / "out" / f"a.{lang}.docx")
    recorded = {name for record in Register(f"sqlite:///{(tmp_path / 'register.sqlite').as_posix()}").records()
                for name in (row["name"] for row in record.files)}
    assert {"a.en.docx", "a.ru.docx", "a.kk.docx", "a.review.docx"} <= recorded


def test_a_draft_never_replaces_the_note_and_a_changed_note_is_kept(tmp_path, monkeypatch, capsys):
    workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert verbale(["generate", "notes/a.yaml", "-o", "out"]) == 0
    note = (tmp_path / "out" / "a.en.docx").read_bytes()
    capsys.readouterr()
    assert verbale(["generate", "notes/a.yaml", "--draft", "-o", "out"]) == 1
    assert "exists and differs" in capsys.readouterr().err
    assert (tmp_path / "out" / "a.en.docx").read_bytes() == note
