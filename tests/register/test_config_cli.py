"""The register's settings (located messages), the number written back into a spec, and `verbale register`."""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from verbale.cli import main as verbale
from verbale.errors import RegisterError
from verbale.register.config import load_register_config
from verbale.register.store import NewEntry, Register
from verbale.register.writeback import replace_number, write_number

BAD_CONFIGS = [  # (verbale.yaml, the line it must print)
    ('numbering: {pattern: "17-1/{sec}"}\n',
     "verbale.yaml:1: numbering.pattern: '{sec}' is not a field of a number (use {seq}, {year}, {yy}, {month}; "
     "{seq:04} pads with zeros)"),
    ('sender: x\nnumbering:\n  pattern: "17-1/{seq.__class__}"\n',
     "verbale.yaml:3: numbering.pattern: '{seq.__class__}' is not a field of a number (use {seq}, {year}, {yy}, "
     "{month}; {seq:04} pads with zeros)"),
    ('numbering:\n  pattern: "17-1/"\n',
     "verbale.yaml:2: numbering.pattern: the pattern has no {seq} (put {seq} where the running number goes)"),
    ('numbering:\n  pattern: "{seq}"\n  restart: monthly\n',
     "verbale.yaml:3: numbering.restart: 'monthly' is not allowed (use yearly or never)"),
    ('numbering:\n  pattern: "{seq}"\n  start: -4\n',
     "verbale.yaml:3: numbering.start: '-4' is not a whole number from 0 (the first number of a new series, e.g. 1)"),
    ('numbering:\n  pattern: "{seq}"\n  restrat: never\n',
     "verbale.yaml:3: numbering.restrat: unknown field 'restrat' (allowed here: pattern, restart, start)"),
    ("register: ../elsewhere.sqlite\n",
     "verbale.yaml:1: register: a relative register path may not leave the workspace (name a file inside the "
     "workspace, or an absolute path)"),
    ("register: mysql://db/x\n",
     "verbale.yaml:1: register: 'mysql' registers are not supported (use a file name (SQLite) or a postgresql:// "
     "address)"),
]


@pytest.mark.parametrize("text, line", BAD_CONFIGS)
def test_bad_settings_are_one_located_line(tmp_path, text, line):
    (tmp_path / "verbale.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(RegisterError) as caught:
        load_register_config(tmp_path)
    assert str(caught.value) == f"{tmp_path}/{line}"


def test_settings_and_defaults(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "verbale.yaml").write_text("sender: x\n", encoding="utf-8")
    assert load_register_config(tmp_path / "notes") is None  # no numbering, no register: nothing is recorded
    (tmp_path / "verbale.yaml").write_text('numbering: "{yy}-{seq:03}"\n', encoding="utf-8")
    config = load_register_config(tmp_path / "notes")
    assert config.url == f"sqlite:///{(tmp_path / 'register.sqlite').resolve().as_posix()}"
    assert config.numbering.format(7, dt.date(2026, 1, 5)) == "26-007" and config.numbering.restart == "yearly"


WRITE_BACK = [  # (spec text, number, expected text): only the value changes
    ("number: auto\n", "17-1/625", "number: 17-1/625\n"),
    ("# c\nnumber:   'auto'   # kept\ndate: 2025-01-01\n", "17-1/625", "# c\nnumber:   17-1/625   # kept\ndate: 2025-01-01\n"),
    ("date: 2025-01-01\nnumber: auto\n", "625", 'date: 2025-01-01\nnumber: "625"\n'),          # would read as 625
    ("number: auto\n", "17-1/625 #a", 'number: "17-1/625 #a"\n'),                              # would be a comment
    ("number: auto\r\npurpose: {ru: \"ёж\"}\r\n", "№ 5: x", 'number: "№ 5: x"\r\npurpose: {ru: "ёж"}\r\n'),
]


@pytest.mark.parametrize("text, number, expected", WRITE_BACK)
def test_only_the_number_changes(text, number, expected):
    assert replace_number(text, number) == expected


def test_write_back_keeps_a_byte_order_mark_and_refuses_a_changed_spec(tmp_path):
    spec = tmp_path / "a.yaml"
    spec.write_bytes(b"\xef\xbb\xbfnumber: auto\n")
    write_number(spec, "17-1/1")
    assert spec.read_bytes() == b"\xef\xbb\xbfnumber: 17-1/1\n"
    write_number(spec, "17-1/1")  # carried already: left as it is
    with pytest.raises(RegisterError, match="the spec changed while number 17-1/2 was allocated for it: it now says number: 17-1/1"):
        write_number(spec, "17-1/2")
    assert spec.read_bytes() == b"\xef\xbb\xbfnumber: 17-1/1\n"


@pytest.fixture
def office(tmp_path, monkeypatch) -> Path:
    (tmp_path / "verbale.yaml").write_text('numbering: {pattern: "17-1/{seq}"}\n', encoding="utf-8")
    register = Register(f"sqlite:///{(tmp_path / 'register.sqlite').as_posix()}")
    from verbale.register.config import Numbering

    for day, recipients, subject in ((1, ["mfa-china"], "forward the agenda"),
                                     (2, ["mfa-india", "mfa-iran"], "препроводить проект Декларации"),):
        allocated = register.allocate(Numbering("17-1/{seq}"), NewEntry(
            dt.date(2025, 3, day), "cica-secretariat", recipients, subject, ["en", "ru"], f"notes/{day}.yaml", "clerk"))
        register.record_files(allocated.entry_id, [("", f"{day}.docx", str(day) * 64)])
    register.allocate(Numbering("17-1/{seq}"), NewEntry(dt.date(2026, 1, 9), "cica-secretariat", [], "invite", ["en"]))
    monkeypatch.chdir(tmp_path / ".")
    return tmp_path


def test_list_filters(office, capsys):
    assert verbale(["register", "list"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "17-1/1  2025-03-01  cica-secretariat -> mfa-china: forward the agenda",
        "17-1/2  2025-03-02  cica-secretariat -> mfa-india, mfa-iran: препроводить проект Декларации",
        "17-1/1  2026-01-09  cica-secretariat -> -: invite"]  # the yearly series restarts: its year is the date's
    for args, numbers in ((["--year", "2026"], ["17-1/1"]), (["--recipient", "mfa-iran"], ["17-1/2"]),
                          (["--text", "ДЕКЛАРАЦИИ проект"], ["17-1/2"]), (["--recipient", "mfa"], [])):
        assert verbale(["register", "list", *args]) == 0
        assert [line.split()[0] for line in capsys.readouterr().out.splitlines()] == numbers


def test_show_cancel_export(office, capsys):
    assert verbale(["register", "cancel", "17-1/2", "--why", "sent   in error"]) == 0
    assert verbale(["register", "cancel", "17-1/2", "--why", "again"]) == 1
    assert "17-1/2 was cancelled already" in capsys.readouterr().err
    assert verbale(["register", "show", "17-1/2"]) == 0
    shown = capsys.readouterr().out
    assert "recipients: mfa-india, mfa-iran" in shown and "spec:       notes/2.yaml" in shown
    assert "by clerk" in shown and ": sent in error" in shown and f"{'2' * 64}  2.docx" in shown
    assert verbale(["register", "list", "--year", "2025"]) == 0
    assert capsys.readouterr().out.splitlines()[1].endswith("[cancelled: sent in error]")
    assert verbale(["register", "export", "--csv", "register.csv"]) == 0
    with open(office / "register.csv", encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [(r["number"], r["date"], r["status"]) for r in rows] == [
        ("17-1/1", "2025-03-01", "issued"), ("17-1/2", "2025-03-02", "cancelled"), ("17-1/1", "2026-01-09", "issued")]
    assert rows[1]["reason"] == "sent in error" and rows[1]["subject"] == "препроводить проект Декларации"
    assert rows[0]["files"] == f"1.docx {'1' * 64}"


def test_a_number_issued_in_two_years_is_named_with_its_year(office, capsys):
    for command in (["show", "17-1/1"], ["cancel", "17-1/1", "--why", "sent in error"]):
        assert verbale(["register", *command]) == 1
        assert capsys.readouterr().err.strip() == (f"{office / 'register.sqlite'}:1: NUMBER: number 17-1/1 was issued "
                                                   "in 2025 and 2026 (say which: --year 2025 or --year 2026)")
    assert verbale(["register", "cancel", "17-1/1", "--year", "2026", "--why", "sent in error"]) == 0
    assert capsys.readouterr().out == "17-1/1 of 2026 cancelled\n"
    assert verbale(["register", "show", "17-1/1", "--year", "2025"]) == 0
    shown = capsys.readouterr().out
    assert "date:       2025-03-01" in shown and "cancelled" not in shown
    assert verbale(["register", "show", "17-1/1", "--year", "2026"]) == 0
    assert "cancelled:" in capsys.readouterr().out and verbale(["register", "show", "17-1/2", "--year", "2026"]) == 1
    assert capsys.readouterr().err.strip().endswith("NUMBER: 17-1/2 is not in the register for 2026 "
                                                    "('verbale register list' shows the numbers)")


def test_problems_are_one_line_with_exit_statuses(office, tmp_path_factory, capsys):
    assert verbale(["register", "show", "17-1/9"]) == 1
    assert capsys.readouterr().err.strip().endswith("NUMBER: 17-1/9 is not in the register ('verbale register "
                                                    "list' shows the numbers)")
    assert verbale(["register"]) == 2
    assert verbale(["register", "cancel", "17-1/1"]) == 2  # --why is required
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    assert verbale(["register", "--workspace", str(elsewhere), "list"]) == 1
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        f"{elsewhere}:1: (workspace): no verbale.yaml here or in a folder above (run in a workspace, or name it "
        "with --workspace DIR)")
