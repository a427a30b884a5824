"""Two clerks adding the same incoming note at once (same sender, number and date) make one record, on SQLite
and a real PostgreSQL server: the check before recording was not locked, so both passed it and the note was
recorded twice (two ids, one open for ever).  The register's unique key (register_incoming_keys, a migration)
refuses the second inside its transaction: one line naming the first, no id taken, no copy of its file left.
A register that holds such a pair from before keeps both rows; the first holds the key."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

from kinds_workspace import registry_workspace
from pgcluster import postgres_cluster, postgres_database, register_url  # noqa: F401  (fixtures)
from sqlalchemy import text

from verbale.errors import RegisterError
from verbale.register import schema
from verbale.register.incoming import NewIncoming, incoming_notes, receive
from verbale.register.store import Register

WORKER = Path(__file__).with_name("add_twice_worker.py")
ROOT = Path(__file__).resolve().parents[2]
ADD = ["--from", "mfa-russia", "--number", "10663/2дснг", "--date", "2026-03-02", "--received", "2026-03-03"]


def test_two_clerks_adding_the_same_note_at_once_make_one_record(tmp_path, register_url):
    root, url = registry_workspace(tmp_path, register_url)
    scans = []
    for n in (1, 2):   # two scans of the one note: each clerk scanned it
        scans.append(tmp_path / f"scan-{n}.pdf")
        shutil.copy(root / "received" / "mfa-russia-10663.pdf", scans[-1])
        scans[-1].write_bytes(scans[-1].read_bytes() + bytes([n]))   # different bytes, one note
    env = {**os.environ, "PYTHONPATH": str(ROOT), "VERBALE_OCR_TIMEOUT": "60"}
    clerks = [subprocess.Popen([sys.executable, WORKER, "--workspace", str(root), "add", *ADD, str(scan)], cwd=root,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=env) for scan in scans]
    for clerk in clerks:   # both found the note not recorded yet
        assert clerk.stdout.readline().strip() == "checked", clerk.stderr.read()
    for clerk in clerks:   # and record it at the same moment
        clerk.stdin.write("go\n")
        clerk.stdin.flush()
    results = sorted((clerk.wait(timeout=120), clerk.stdout.read(), clerk.stderr.read()) for clerk in clerks)
    assert [(status, out) for status, out, _ in results] == [(0, "in-2026-1\n"), (1, "")], results
    refused = results[1][2].splitlines()[-1]
    assert refused.endswith(": --number: mfa-russia's note 10663/2дснг of 2026-03-02 is recorded already as "
                            "in-2026-1 (`verbale incoming show in-2026-1` shows it; nothing was recorded)"), refused
    [recorded] = incoming_notes(Register(url))
    assert recorded.id == "in-2026-1"
    assert [p.name for p in (root / "incoming").iterdir()] == [recorded["file_name"].split("/")[-1]]
    # the id the refused clerk did not take is the next note's
    assert receive(Register(url), NewIncoming("mfa-russia", "10664/2дснг", dt.date(2026, 3, 2),
                                              dt.date(2026, 3, 3), created_by="clerk")).id == "in-2026-2"


def test_a_register_with_a_note_recorded_twice_migrates_without_losing_either(register_url):
    engine = Register(register_url).engine
    with engine.begin() as conn:   # the register as the last version made it: schema 7, a note recorded twice
        schema.metadata.create_all(conn, tables=[schema.version_table])
        conn.execute(schema.version_table.insert().values(version=7))
        for step in schema.MIGRATIONS[:7]:
            step(conn)
        conn.execute(schema.incoming_series.insert().values(year=2026, last_seq=3))
        for seq, number in ((1, "10663/2дснг"), (2, "№ 10663 / 2ДСНГ"), (3, "7")):   # 2: the same, typed otherwise
            conn.execute(schema.incoming.insert().values(
                year=2026, seq=seq, received_on=dt.date(2026, 3, 3), sender="mfa-russia", number=number,
                note_date=dt.date(2026, 3, 2), subject=f"record {seq}", created_at=dt.datetime(2026, 3, 3, 9, seq),
                created_by="clerk"))
    register = Register(register_url)
    assert [(n.id, n["subject"]) for n in incoming_notes(register)] == [
        ("in-2026-1", "record 1"), ("in-2026-2", "record 2"), ("in-2026-3", "record 3")]   # nothing lost
    with register.transaction() as conn:
        assert conn.execute(text("SELECT version FROM register_schema")).scalar() == schema.VERSION
        keys = conn.execute(text("SELECT i.seq, k.number FROM register_incoming_keys k JOIN register_incoming i "
                                 "ON i.id = k.incoming_id ORDER BY k.id")).all()
    assert [tuple(row) for row in keys] == [(1, "10663/2дснг"), (3, "7")]   # the first of the pair holds the key
    again = NewIncoming("mfa-russia", "10663/2ДСНГ", dt.date(2026, 3, 2), dt.date(2026, 3, 4), created_by="clerk")
    try:
        receive(register, again)
        raise AssertionError("recorded a third time")
    except RegisterError as exc:
        assert "is recorded already as in-2026-1" in str(exc)
    assert receive(register, NewIncoming("mfa-russia", "8", dt.date(2026, 3, 2), dt.date(2026, 3, 4),
                                         created_by="clerk")).id == "in-2026-4"
    try:
        with register.transaction() as conn:
            conn.execute(text("DELETE FROM register_incoming_keys"))
        raise AssertionError("a key deleted")
    except RegisterError as exc:
        assert "append-only" in str(exc)
