"""Issue #24: which files a run reads.  Specs are found by their extension in any case on every system; a link
to outside the workspace (a spec, a termbase file or folder, the termbase itself, verbale.yaml), a link to
nothing and a FIFO are left out with a line that says why, and never read; nothing is passed over in silence."""
from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import NOTES, fill_in_sender, spec_yaml
from verbale.cli import main as verbale
from verbale.cli.generate import main

posix = pytest.mark.skipif(os.name == "nt", reason="links and FIFOs")


def run(capsys, *args) -> tuple[int, list[str], str]:
    status = main([str(a) for a in args])
    said = capsys.readouterr()
    return status, said.err.splitlines(), said.out


def test_specs_are_found_by_their_extension_in_any_case(tmp_path, capsys):
    specs = tmp_path / "specs"
    specs.mkdir()
    for name in ("d.yml", "E.YAML", "f.Yml", "g.yAmL"):
        (specs / name).write_text(spec_yaml(languages=["en"]), encoding="utf-8")
    (specs / "notes.txt").write_text("not a spec", encoding="utf-8")
    status, err, out = run(capsys, specs, "-o", tmp_path / "out")
    assert (status, err) == (0, [])
    assert "\n4 notes, 12 files written, 0 failed in" in out
    assert {p.name for p in (tmp_path / "out").glob("*.en.docx")} == {"d.en.docx", "E.en.docx", "f.en.docx",
                                                                     "g.en.docx"}


@posix
def test_what_is_left_out_of_a_folder_is_said_and_counted(tmp_path, capsys):
    office, outside = tmp_path / "office", tmp_path / "outside"
    (office / "notes").mkdir(parents=True)
    outside.mkdir()
    (office / "verbale.yaml").write_text("languages: [en]\n", encoding="utf-8")
    (outside / "secret.yaml").write_text(spec_yaml(number="SECRET-1"), encoding="utf-8")
    notes = office / "notes"
    (notes / "good.yaml").write_text(spec_yaml(), encoding="utf-8")
    (notes / "inside-link.yaml").symlink_to(notes / "good.yaml")
    (notes / "stolen.yaml").symlink_to(outside / "secret.yaml")
    (notes / "dangling.YML").symlink_to(tmp_path / "nowhere.yaml")
    os.mkfifo(notes / "fifo.yaml")
    (notes / "archive.yaml").mkdir()
    status, err, out = run(capsys, notes, "-o", tmp_path / "out")
    assert status == 1
    assert sorted(err) == sorted([
        f"{notes / 'stolen.yaml'}:1: (file): a link to outside the workspace ({office}), left out (copy the file "
        "into the workspace instead of linking it)",
        f"{notes / 'dangling.YML'}:1: (file): a link to nothing or a loop of links (fix or delete the link)",
        f"{notes / 'fifo.yaml'}:1: (file): not a regular file (a folder, a FIFO or a device), left out (give the "
        "spec files themselves)",
        f"{notes / 'archive.yaml'}:1: (file): not a regular file (a folder, a FIFO or a device), left out (give "
        "the spec files themselves)"])
    assert "\n2 notes, 6 files written, 4 failed in" in out, out
    assert not any(b"SECRET-1" in p.read_bytes() for p in (tmp_path / "out").iterdir())


@posix
def test_without_a_workspace_the_folder_is_the_bound(tmp_path, capsys):
    (tmp_path / "notes").mkdir()
    (tmp_path / "elsewhere.yaml").write_text(spec_yaml(), encoding="utf-8")
    (tmp_path / "notes" / "x.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    status, err, out = run(capsys, tmp_path / "notes", "-o", tmp_path / "out")
    assert status == 1 and err == [f"{tmp_path / 'notes' / 'x.yaml'}:1: (file): a link to outside the folder "
                                   f"({tmp_path / 'notes'}), left out (copy the file into the folder instead of "
                                   "linking it)"]
    assert out.startswith("0 notes, 0 files written, 1 failed")


def office_with_astana(tmp_path: Path) -> tuple[Path, Path]:
    """A workspace made by `verbale init`, and beside it a folder whose Kazakh file renames Astana."""
    from verbale.cli.init import main as init

    office, outside = tmp_path / "office", tmp_path / "outside"
    assert init([str(office)]) == 0
    fill_in_sender(office)
    (outside / "kk").mkdir(parents=True)
    (outside / "kk" / "terms.yaml").write_text("astana: {nom: OUTSIDE-CITY}\n", encoding="utf-8")
    (outside / "terms.yaml").write_text("astana: {kind: place, zone: Asia/Almaty}\n", encoding="utf-8")
    (outside / "kk" / "formulas.yaml").write_text("closing:\n  highest: '{{ OUTSIDE-FORMULA'\n", encoding="utf-8")
    (outside / "kk" / "words.txt").write_text("OUTSIDEWORD\n", encoding="utf-8")
    return office, outside


def kazakh_text(out: Path) -> str:
    with zipfile.ZipFile(out / "sample.kk.docx") as package:
        return package.read("word/document.xml").decode("utf-8")


@posix
@pytest.mark.parametrize("link, target", [("termbase/kk", "kk"), ("termbase/kk/outside.yaml", "kk/terms.yaml"),
                                          ("termbase/kk/formulas.yaml", "kk/formulas.yaml"), ("termbase", "."),
                                          ("termbase/kk/words.txt", "kk/words.txt")])
def test_a_termbase_link_to_outside_the_workspace_is_not_followed(tmp_path, capsys, link, target):
    office, outside = office_with_astana(tmp_path)
    place = office / link
    if link == "termbase/kk":
        shutil.rmtree(place)
    elif link == "termbase":
        shutil.copytree(place, outside, dirs_exist_ok=True)
        (outside / "kk" / "terms.yaml").write_text((office / "termbase" / "kk" / "terms.yaml").read_text(
            encoding="utf-8") + "astana: {nom: OUTSIDE-CITY}\n", encoding="utf-8")
        shutil.rmtree(place)
    place.symlink_to(outside / target)
    capsys.readouterr()
    status, err, _ = run(capsys, office / "notes", "-o", tmp_path / "out")
    said = [line for line in err if "a link to outside the workspace" in line]
    assert len(said) == 1 and said[0].startswith(f"{os.path.relpath(place)}:1: (file): a link to outside the "
                                                 f"workspace ({office}), left out"), err
    assert said[0].endswith("[warning]")
    if (tmp_path / "out" / "sample.kk.docx").exists():
        assert "OUTSIDE-CITY" not in kazakh_text(tmp_path / "out")
    assert status == (0 if link.startswith("termbase/kk/") else 1)
    assert verbale(["terms", "check", "--workspace", str(office)]) == 1
    err = capsys.readouterr().err
    assert sum("a link to outside the workspace" in line for line in err.splitlines()) == 1
    assert "OUTSIDE" not in err and str(outside) not in err.replace(f"({office})", "")


@posix
def test_a_verbale_yaml_that_links_outside_is_not_read(tmp_path, capsys):
    office, outside = office_with_astana(tmp_path)
    (outside / "verbale.yaml").write_text("sender: my-office\nplace: astana\n", encoding="utf-8")
    (office / "verbale.yaml").unlink()
    (office / "verbale.yaml").symlink_to(outside / "verbale.yaml")
    status, err, _ = run(capsys, office / "notes", "-o", tmp_path / "out")
    assert status == 1 and err == [f"{office / 'verbale.yaml'}:1: (file): a link to outside the workspace "
                                   f"({office}) (copy the file into the workspace instead of linking it)"]


@posix
def test_an_emblem_that_is_a_fifo_is_one_line_not_a_wait(tmp_path, capsys):
    office, _ = office_with_astana(tmp_path)
    os.mkfifo(office / "termbase" / "emblem.png")
    terms = office / "termbase" / "terms.yaml"
    terms.write_text("my-office: {kind: sender, emblem: emblem.png}\n", encoding="utf-8")
    status, err, _ = run(capsys, office / "notes", "-o", tmp_path / "out")
    assert status == 1 and len(err) == 1 and "cannot be read (a regular file of at most 8 MB)" in err[0]


def test_a_workspace_folder_is_walked_without_its_verbale_yaml(tmp_path, capsys):
    """`verbale generate .` in a workspace: verbale.yaml is the workspace's settings, not a spec."""
    from verbale.cli.init import main as init

    office = tmp_path / "office"
    assert init([str(office)]) == 0
    fill_in_sender(office)
    shutil.copy(office / "notes" / "sample.yaml", office / "sample.yaml")
    status, err, out = run(capsys, office, "-o", tmp_path / "out")
    assert (status, err) == (0, []) and "\n1 notes, 5 files written, 0 failed" in out
    assert NOTES.is_dir()
