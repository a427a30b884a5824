"""A received file kept: by its SHA-256, copied into the workspace's incoming/ under a safe name, never
overwriting, never through a link; the original untouched."""
from __future__ import annotations

import hashlib
import os
import stat

import pytest

from verbale.errors import RegisterError
from verbale.register.received import keep_received, read_received, safe_name

NAMES = [  # (the received file's name, the safe part of the copy's name)
    ("Нота МИД РФ № 12.pdf", "Нота_МИД_РФ_12.pdf"),
    ("../../etc/passwd", "passwd"),
    ("..\\..\\Windows\\notepad.EXE", "notepad.exe"),
    ("C:evil.pdf", "evil.pdf"),
    (".hidden.png", "hidden.png"),
    ("...", "received"),
    ("note.pdf:stream", "stream"),
    ("x" * 200 + ".pdf", "x" * 80 + ".pdf"),
    ("scan 1 (2).JPEG", "scan_1_2.jpeg"),
]


@pytest.mark.parametrize("name, safe", NAMES)
def test_safe_names(name, safe):
    assert safe_name(name) == safe


def test_the_file_is_copied_by_its_content_read_only_and_the_original_untouched(tmp_path):
    original = tmp_path / "from the ministry.pdf"
    original.write_bytes(b"%PDF-1.4 a note")
    before = original.stat()
    (tmp_path / "office").mkdir()
    received = read_received(original)
    assert received.sha256 == hashlib.sha256(b"%PDF-1.4 a note").hexdigest()
    kept = keep_received(tmp_path / "office", received)
    assert kept == f"incoming/{received.sha256[:16]}-from_the_ministry.pdf"
    copy = tmp_path / "office" / kept
    assert copy.read_bytes() == b"%PDF-1.4 a note" and not copy.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP)
    assert original.read_bytes() == b"%PDF-1.4 a note" and original.stat().st_mtime_ns == before.st_mtime_ns
    assert keep_received(tmp_path / "office", received) == kept   # the same bytes again: the same file


def test_an_existing_file_is_never_overwritten(tmp_path):
    original = tmp_path / "note.pdf"
    original.write_bytes(b"%PDF-1.4 the note")
    received = read_received(original)
    folder = tmp_path / "office" / "incoming"
    folder.mkdir(parents=True)  # made by an earlier note
    squatter = folder / f"{received.sha256[:16]}-note.pdf"
    squatter.write_bytes(b"something else")
    kept = keep_received(tmp_path / "office", received)
    assert kept == f"incoming/{received.sha256[:16]}-2-note.pdf"
    assert squatter.read_bytes() == b"something else" and (tmp_path / "office" / kept).read_bytes() == received.data


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_links_are_never_followed(tmp_path):
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF-1.4 secret")
    link = tmp_path / "link.pdf"
    link.symlink_to(secret)
    with pytest.raises(RegisterError, match="the file is a link, which is never followed"):
        read_received(link)
    office, elsewhere = tmp_path / "office", tmp_path / "elsewhere"
    office.mkdir()
    elsewhere.mkdir()
    (office / "incoming").symlink_to(elsewhere)
    with pytest.raises(RegisterError, match="is a link or not a folder"):
        keep_received(office, read_received(secret))
    assert list(elsewhere.iterdir()) == []
    (office / "incoming").unlink()
    (office / "incoming").mkdir()
    received = read_received(secret)
    planted = office / "incoming" / f"{received.sha256[:16]}-secret.pdf"
    planted.symlink_to(elsewhere / "planted.pdf")   # a link where the copy would go: another name, nothing followed
    assert keep_received(office, received) == f"incoming/{received.sha256[:16]}-2-secret.pdf"
    assert not (elsewhere / "planted.pdf").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_or_a_folder_is_refused_without_waiting(tmp_path):
    os.mkfifo(tmp_path / "pipe.pdf")
    for path in (tmp_path / "pipe.pdf", tmp_path):
        with pytest.raises(RegisterError) as caught:
            read_received(path)
        assert str(caught.value) == f"{path}:1: FILE: not a regular file (name the received file (a PDF or a scan))"
    with pytest.raises(RegisterError, match="cannot read the file: No such file"):
        read_received(tmp_path / "missing.pdf")


@pytest.mark.skipif(os.name == "nt", reason="such names cannot be made on Windows")
def test_a_name_that_would_act_on_a_terminal_is_kept_harmless(tmp_path):
    odd = tmp_path / "note\x1b[2J\u202egpj.pdf"
    odd.write_bytes(b"%PDF-1.4 x")
    received = read_received(odd)
    assert received.original_name == "note?[2J?gpj.pdf"
    (tmp_path / "office").mkdir()
    assert keep_received(tmp_path / "office", received).endswith("-note_2J_gpj.pdf")
