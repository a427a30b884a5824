"""A spec's files are written all together or not at all, with or without unnamed temporary files (O_TMPFILE)."""
from __future__ import annotations

import os

import pytest

from verbale import files
from verbale.files import Taken, replace_together


@pytest.fixture(params=["unnamed", "named"])
def way(request, monkeypatch):
    if request.param == "named":
        monkeypatch.setattr(files, "_unnamed", lambda folder, data: None)
    elif not (hasattr(os, "O_TMPFILE") and files._PROC_FD.is_dir()):
        pytest.skip("no unnamed temporary files here (Linux only)")
    return request.param


def test_every_file_is_written_and_nothing_else(tmp_path, way):
    written = replace_together(tmp_path, {"a.docx": b"A", "b.docx": b"B"}, set())
    assert sorted(written) == ["a.docx", "b.docx"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx", "b.docx"]
    assert (tmp_path / "a.docx").read_bytes() == b"A" and (tmp_path / "b.docx").read_bytes() == b"B"
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "a.docx").stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_file_taken_meanwhile_undoes_the_others(tmp_path, way):
    (tmp_path / "c.docx").write_bytes(b"someone else's")
    with pytest.raises(Taken):
        replace_together(tmp_path, {"a.docx": b"A", "b.docx": b"B", "c.docx": b"C"}, set())
    assert [p.name for p in tmp_path.iterdir()] == ["c.docx"] and (tmp_path / "c.docx").read_bytes() == b"someone else's"


def test_the_same_bytes_written_meanwhile_are_not_counted_and_replace_keeps_the_old_until_done(tmp_path, way):
    (tmp_path / "a.docx").write_bytes(b"A")
    (tmp_path / "b.docx").write_bytes(b"old")
    assert replace_together(tmp_path, {"a.docx": b"A", "b.docx": b"new"}, {"b.docx"}) == ["b.docx"]
    assert (tmp_path / "b.docx").read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx", "b.docx"]
