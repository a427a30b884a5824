"""Outputs are whole or absent, never overwritten silently, and a batch finishes its good specs."""
from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from verbale.cli.generate import main


def names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def test_rerun_leaves_identical_files_alone(tmp_path, write_spec, capsys):
    spec, out = write_spec("a.yaml"), tmp_path / "out"
    assert main([str(spec), "-o", str(out)]) == 0
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    time.sleep(0.01)
    assert main([str(spec), "-o", str(out)]) == 0
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == stamps
    assert "0 files written" in capsys.readouterr().out


def test_a_different_file_is_not_overwritten_without_force(tmp_path, write_spec, capsys):
    spec, out = write_spec("a.yaml"), tmp_path / "out"
    assert main([str(spec), "-o", str(out)]) == 0
    (out / "a.en.docx").write_bytes(b"edited by hand")
    capsys.readouterr()
    assert main([str(spec), "-o", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "a.en.docx exists and differs" in err[0] and "--force" in err[0]
    assert (out / "a.en.docx").read_bytes() == b"edited by hand"
    assert main([str(spec), "-o", str(out), "--force"]) == 0
    assert (out / "a.en.docx").read_bytes()[:2] == b"PK"


def test_batch_of_good_and_broken_specs(tmp_path, write_spec, capsys):
    good = [write_spec(f"good{i}.yaml", number=f"1/{i}") for i in range(3)]
    bad = [write_spec("bad1.yaml", urgency="soon"), write_spec("bad2.yaml", text="number: [\n")]
    out = tmp_path / "out"
    assert main([str(good[0].parent), "-o", str(out), "--jobs", "2"]) == 1
    captured = capsys.readouterr()
    err = captured.err.splitlines()
    assert len(err) == 2
    assert sorted(line.split(":")[0] for line in err) == sorted(str(p) for p in bad)
    assert names(out) == {f"good{i}{suffix}" for i in range(3)
                          for suffix in (".en.docx", ".ru.docx", ".kk.docx", ".docx", ".review.docx")}
    summary = captured.out.strip().splitlines()[-1]
    assert summary.startswith("3 notes, 15 files written, 2 failed in ")
    assert "bad1.yaml" in summary and "bad2.yaml" in summary


def test_check_writes_nothing(tmp_path, write_spec, capsys):
    out = tmp_path / "out"
    assert main([str(write_spec()), "-o", str(out), "--check"]) == 0
    assert not out.exists()


def test_output_names_stay_inside_the_output_folder(tmp_path, capsys):
    from conftest import spec_yaml

    odd = tmp_path / "specs" / "..%2f..%2fevil name!.yaml"
    odd.parent.mkdir()
    odd.write_text(spec_yaml(), encoding="utf-8")
    out = tmp_path / "out"
    assert main([str(odd), "-o", str(out)]) == 0
    assert all(p.parent == out for p in out.rglob("*"))
    assert "..2f..2fevil_name_.en.docx" in names(out) or any(n.endswith(".en.docx") for n in names(out))
    assert names(tmp_path) == {"specs", "out"}


COUNT = 300  # enough that the batch is still running when the signal comes


@pytest.mark.parametrize("jobs, sig", [("1", signal.SIGTERM), ("2", signal.SIGTERM), ("1", signal.SIGINT)])
def test_a_killed_batch_leaves_only_whole_files_and_a_rerun_finishes(tmp_path, jobs, sig):
    from conftest import spec_yaml

    specs = tmp_path / "specs"
    specs.mkdir()
    for i in range(COUNT):
        (specs / f"n{i:02d}.yaml").write_text(spec_yaml(number=f"9/{i}"), encoding="utf-8")
    out = tmp_path / "out"
    command = [sys.executable, str(ROOT / "generate.py"), str(specs), "-o", str(out), "--jobs", jobs]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(names(out)) < 20 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.005)
    process.send_signal(sig)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, "the batch finished before it could be interrupted"
    assert b"interrupted after" in err
    assert b"Traceback" not in err
    from docx import Document

    written = sorted(out.iterdir())
    assert all(not p.name.startswith(".") for p in written), "a temporary file was left behind"
    for path in written:
        Document(str(path))  # every file present is whole
    assert subprocess.run(command, cwd=ROOT, capture_output=True).returncode == 0
    assert len(names(out)) == COUNT * 5


def test_an_unwritable_output_folder_is_one_line(tmp_path, write_spec, capsys):
    blocker = tmp_path / "out"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    assert main([str(write_spec()), "-o", str(blocker)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and ": (output): cannot write " in err[0] and "Traceback" not in err[0]


def test_ctrl_c_while_the_pdfs_are_made_is_one_line(tmp_path, write_spec, capsys, monkeypatch):
    """Ctrl-C reaching the PDF step (after the batch's DOCX were written) ends with one line and 130, never a
    traceback (an attack saw `KeyboardInterrupt` and `OSError: Directory not empty` from the office's folder)."""
    import verbale.cli.generate as generate

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(generate, "pdf_usage_problem", lambda args: "")
    monkeypatch.setattr(generate, "write_pdfs", interrupted)
    spec, out = write_spec("a.yaml"), tmp_path / "out"
    assert main([str(spec), "-o", str(out), "--pdf"]) == 130
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "interrupted while making the PDFs; 5 files written before, every one whole (run the same command again "
        "to make the PDFs)"]
    assert "a.en.docx" in names(out)
