"""What a registry officer types and reads in the register's views, on SQLite and a real PostgreSQL server.

- One check for each value the command line and the desk both take (verbale/register/checks.py): a year is four
  figures (``26`` refused with ``2026`` as the hint, never guessed), a recipient a termbase key, a cancellation's
  reason one line of at most 500 characters (refused, never cut: the desk cut it silently).  The desk's side of
  the same table is tests/desk/test_desk_register_views.py.
- The kind of document (NOTE-SPEC §11) in `register list` (after the subject, where it is not a note verbale),
  `register list --kind`, and the CSV export's last column (the columns before it as they were)."""
from __future__ import annotations

import csv
import io

import pytest
from kinds_workspace import YEARS, kinds_workspace
from pgcluster import postgres_cluster, postgres_database, register_url  # noqa: F401  (fixtures)

from verbale.cli import main as verbale
from verbale.register.export import CSV_COLUMNS
from verbale.register.store import Register


@pytest.fixture
def registry(tmp_path, monkeypatch, capsys, register_url):
    root, url = kinds_workspace(tmp_path, register_url, verbale)
    monkeypatch.chdir(root)
    capsys.readouterr()
    return root, url


@pytest.mark.parametrize("typed, taken, refused", YEARS)
def test_a_year_is_checked_once_for_the_command_line(registry, capsys, typed, taken, refused):
    for command in (["register", "list", "--year", typed], ["incoming", "list", "--year", typed],
                    ["register", "export", "--csv", "x.csv", "--year", typed]):
        status = verbale(command)
        out, err = capsys.readouterr()
        if refused is None:
            assert status == 0, err
        else:
            assert status == 2 and err.splitlines()[-1].endswith(f"--year: {refused}"), err
    if taken is not None:
        assert verbale(["register", "list", "--year", typed]) == 0
        assert len(capsys.readouterr().out.splitlines()) == 3


def test_a_recipient_and_a_kind_are_keys(registry, capsys):
    assert verbale(["register", "list", "--recipient", "MFA-Russia"]) == 2
    assert capsys.readouterr().err.splitlines()[-1].endswith(
        "--recipient: 'MFA-Russia' is not a termbase key (lowercase letters, digits, hyphens, e.g. mfa-russia)")
    assert verbale(["incoming", "list", "--from", "mfa russia"]) == 2
    assert "'mfa russia' is not a termbase key" in capsys.readouterr().err
    assert verbale(["register", "list", "--kind", "Aide Memoire"]) == 2
    assert capsys.readouterr().err.splitlines()[-1].endswith(
        "--kind: 'Aide Memoire' is not a kind of document (e.g. note-verbale, personal-note, aide-memoire)")


def test_a_reason_is_kept_whole_or_refused(registry, capsys):
    url = registry[1]
    assert verbale(["register", "cancel", "04-1/3", "--why", "x" * 501]) == 2
    assert capsys.readouterr().err.splitlines()[-1].endswith(
        "--why: the reason is 501 characters long; the register keeps at most 500")
    assert Register(url).find("04-1/3").cancellation is None
    assert verbale(["register", "cancel", "04-1/3", "--why", "  sent\n twice  "]) == 0
    assert Register(url).find("04-1/3").cancellation["reason"] == "sent twice"


def test_register_list_names_the_kind(registry, capsys):
    assert verbale(["register", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == ["04-1/1", "04-1/2", "04-1/3"]
    assert lines[0].endswith("  (personal-note)") and lines[1].endswith("  (aide-memoire)")
    assert "(" not in lines[2].split(": ", 1)[1], lines[2]    # a note verbale, as every line was before kinds
    for kind, numbers in (("aide-memoire", ["04-1/2"]), ("personal-note", ["04-1/1"]),
                          ("note-verbale", ["04-1/3"]), ("circular", [])):
        assert verbale(["register", "list", "--kind", kind]) == 0
        assert [line.split()[0] for line in capsys.readouterr().out.splitlines()] == numbers
    assert verbale(["register", "cancel", "04-1/2", "--why", "handed over by mistake"]) == 0
    assert verbale(["register", "list", "--kind", "aide-memoire"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith("  (aide-memoire)  [cancelled: handed over by mistake]")


BEFORE_KINDS = ["number", "status", "date", "sender", "recipients", "subject", "languages", "spec", "issued_at",
                "issued_by", "cancelled_at", "cancelled_by", "reason", "files", "direction", "in_reply_to",
                "their_number", "received", "due", "replies", "state"]


def test_the_export_has_the_kind_in_its_last_column(registry, capsys):
    root = registry[0]
    assert verbale(["incoming", "add", "--from", "mfa-russia", "--number", "=1+2", "--date", "2026-03-02"]) == 0
    assert verbale(["register", "export", "--csv", "r.csv"]) == 0
    data = (root / "r.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == BEFORE_KINDS + ["kind"] == CSV_COLUMNS     # the columns before it stay where they were
    assert [(row[0], row[-1]) for row in rows[1:]] == [
        ("04-1/1", "personal-note"), ("04-1/2", "aide-memoire"), ("04-1/3", "note-verbale"), ("in-2026-1", "")]
    assert rows[4][16] == "'=1+2"                                 # still neutralised
    assert verbale(["register", "export", "--csv", "a.csv", "--kind", "aide-memoire"]) == 0
    rows = list(csv.reader(io.StringIO((root / "a.csv").read_text(encoding="utf-8-sig"))))
    assert [row[0] for row in rows[1:] if row[14] == "outgoing"] == ["04-1/2"]


def test_an_empty_receipt_is_refused(registry, capsys):
    """`register dispatch --receipt` of an empty file kept the SHA-256 of nothing (the desk dropped the same file
    without a word): both refuse it now, and record nothing; without a receipt the dispatch is recorded."""
    root, url = registry
    (root / "empty.eml").write_bytes(b"")
    assert verbale(["register", "dispatch", "04-1/1", "--channel", "hand", "--receipt", "empty.eml"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "empty.eml:1: --receipt: the receipt 'empty.eml' is an empty file (0 bytes), which proves nothing; nothing "
        "was recorded (name the receipt's scan or e-mail, or record the dispatch without a receipt)"]
    assert Register(url).find("04-1/1").state == "registered"
    assert verbale(["register", "dispatch", "04-1/1", "--channel", "hand"]) == 0
    [dispatched] = Register(url).find("04-1/1").later_states
    assert (dispatched["state"], dispatched["file_name"], dispatched["sha256"]) == ("dispatched", "", "")
