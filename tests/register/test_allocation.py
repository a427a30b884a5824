"""Allocation in both databases: no gaps and no duplicates across processes, also when one is killed inside
its transaction; the register is append-only in the database itself; its schema carries a version."""
from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pgcluster import register_url, postgres_database, postgres_cluster  # noqa: F401  (fixtures)
from sqlalchemy import select, text

from verbale.errors import RegisterError
from verbale.register import schema
from verbale.register.config import Numbering
from verbale.register.store import NewEntry, Register

WORKER = Path(__file__).with_name("allocate_worker.py")
NUMBERING = Numbering("17-1/{seq}")
ROOT = Path(__file__).resolve().parents[2]


def entry(**changes) -> NewEntry:
    return NewEntry(**{"note_date": dt.date(2025, 3, 1), "created_by": "test", **changes})


def workers(url: str, count: int, per_worker: int, *flags: str) -> list[subprocess.Popen]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = [subprocess.Popen([sys.executable, WORKER, url, str(per_worker), *flags], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True, env=env) for _ in range(count)]
    for process in started:
        assert process.stdout.readline().strip() == "ready"
    for process in started:  # all at once
        process.stdin.write("go\n")
        process.stdin.flush()
    return started


def stored(url: str) -> tuple[list[int], list[str], int]:
    """The sequence numbers and numbers recorded, and the series' last number."""
    register = Register(url)
    with register.transaction() as conn:
        rows = conn.execute(select(schema.entries.c.seq, schema.entries.c.number)
                            .order_by(schema.entries.c.seq)).all()
        last = conn.execute(select(schema.series.c.last_seq)).scalar() or 0
    return [r.seq for r in rows], [r.number for r in rows], last


def test_eight_processes_fifty_numbers_each_give_400_numbers_without_gaps_or_duplicates(register_url):
    started = workers(register_url, 8, 50)
    printed = []
    for process in started:
        out, _ = process.communicate(timeout=600)
        assert process.returncode == 0
        printed += out.split()
    assert len(printed) == 400 and len(set(printed)) == 400
    seqs, numbers, last = stored(register_url)
    assert seqs == list(range(1, 401)) and last == 400
    assert sorted(numbers) == sorted(printed) == sorted(f"17-1/{n}" for n in range(1, 401))


def test_twenty_clerks_on_postgresql_get_distinct_gapless_numbers(postgres_database):
    """A ministry's register: twenty processes at once, each number once, none skipped, each spec its own."""
    started = workers(postgres_database, 20, 15, "--spec-paths")
    printed = []
    for process in started:
        out, _ = process.communicate(timeout=300)
        assert process.returncode == 0
        printed += out.split()
    seqs, numbers, last = stored(postgres_database)
    assert seqs == list(range(1, 301)) and last == 300
    assert sorted(printed) == sorted(numbers) == sorted(f"17-1/{n}" for n in range(1, 301))
    register = Register(postgres_database)
    assert len({r.entry["spec_path"] for r in register.records()}) == 300
    assert [r.number for r in register.records(words="17-1/300")] == ["17-1/300"]   # indexed as issued


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is a POSIX signal")
def test_a_process_killed_inside_the_allocation_leaves_no_gap_and_no_duplicate(register_url):
    register = Register(register_url)
    assert register.allocate(NUMBERING, entry()).number == "17-1/1"
    [held] = workers(register_url, 1, 1, "--hold")
    assert held.stdout.readline().split() == ["locked", "17-1/2"]  # chosen, recorded, not committed
    held.kill()
    held.wait()
    assert register.allocate(NUMBERING, entry()).number == "17-1/2"  # the same number again: no gap
    seqs, numbers, last = stored(register_url)
    assert seqs == [1, 2] and numbers == ["17-1/1", "17-1/2"] and last == 2


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is a POSIX signal")
def test_processes_killed_at_any_moment_leave_no_gap_and_no_duplicate(register_url):
    started = workers(register_url, 4, 10_000)
    # killed once they are at work, some numbers recorded (a fixed second gave 4 or fewer on a busy machine)
    deadline = time.monotonic() + 120
    while len(stored(register_url)[0]) < 8 and time.monotonic() < deadline:
        time.sleep(0.05)
    for process in started:
        process.send_signal(signal.SIGKILL)
    printed = []
    for process in started:
        out, _ = process.communicate(timeout=30)
        printed += out.split()
    seqs, numbers, last = stored(register_url)
    assert len(seqs) > 4 and seqs == list(range(1, len(seqs) + 1)) and last == len(seqs)
    assert set(printed) <= set(numbers)  # every number a process was told of is recorded


def test_the_database_refuses_to_rewrite_or_delete_a_record(register_url):
    register = Register(register_url)
    allocated = register.allocate(NUMBERING, entry(subject="a note"))
    register.record_files(allocated.entry_id, [("", "a.docx", "0" * 64)])
    for statement in ("UPDATE register_entries SET subject = 'changed'", "DELETE FROM register_entries",
                      "UPDATE register_files SET sha256 = 'x'", "DELETE FROM register_files"):
        with pytest.raises(RegisterError, match="append-only"):
            with register.transaction() as conn:
                conn.execute(text(statement))
    record = register.find("17-1/1")
    assert record.entry["subject"] == "a note" and [f["sha256"] for f in record.files] == ["0" * 64]


def test_a_number_typed_by_hand_is_skipped_by_the_series_and_never_recorded_twice(register_url):
    register = Register(register_url)
    register.record_typed("17-1/2", entry(spec_path="typed.yaml"))
    assert [register.allocate(NUMBERING, entry()).number for _ in range(2)] == ["17-1/1", "17-1/3"]
    with pytest.raises(RegisterError, match="17-1/2"):
        register.record_typed("17-1/2", entry(spec_path="other.yaml"))


def test_series_by_period(register_url):
    register = Register(register_url)
    yearly, running = Numbering("{year}/{seq:03}", start=5), Numbering("R-{seq}", restart="never")
    got = [register.allocate(yearly, entry(note_date=dt.date(year, 6, 1))).number for year in (2025, 2025, 2026)]
    got += [register.allocate(running, entry(note_date=dt.date(year, 6, 1))).number for year in (2025, 2026)]
    assert got == ["2025/005", "2025/006", "2026/005", "R-1", "R-2"]


def test_a_number_allocated_and_never_written_is_given_again_to_the_same_spec(register_url):
    register = Register(register_url)
    first = register.allocate(NUMBERING, entry(spec_path="notes/a.yaml"))
    again = register.allocate(NUMBERING, entry(spec_path="notes/a.yaml"))
    assert (again.number, again.reused) == (first.number, True)
    register.record_files(first.entry_id, [("", "a.docx", "1" * 64)])
    assert register.allocate(NUMBERING, entry(spec_path="notes/a.yaml")).number == "17-1/2"  # written: a new note


def test_cancelling_adds_a_record_and_keeps_the_issue(register_url):
    register = Register(register_url)
    register.allocate(NUMBERING, entry(subject="a note"))
    register.cancel("17-1/1", "sent in error", "clerk")
    record = register.find("17-1/1")
    assert record.entry["subject"] == "a note" and record.cancellation["reason"] == "sent in error"
    assert record.cancellation["created_by"] == "clerk"
    with pytest.raises(RegisterError, match="cancelled already"):
        register.cancel("17-1/1", "again", "clerk")
    with pytest.raises(RegisterError, match="not in the register"):
        register.cancel("17-1/9", "never issued", "clerk")
    assert register.allocate(NUMBERING, entry()).number == "17-1/2"  # a cancelled number is not given again


def test_the_schema_has_a_version_and_a_newer_register_is_refused(register_url):
    register = Register(register_url)
    register.ensure_schema()
    with register.engine.begin() as conn:
        assert schema.current_version(conn) == schema.VERSION
        conn.execute(schema.version_table.update().values(version=schema.VERSION + 1))
    Register._ready.clear()
    with pytest.raises(RegisterError, match=f"schema version {schema.VERSION + 1}"):
        Register(register_url).find("17-1/1")


def test_an_unreachable_server_is_one_line():
    register = Register("postgresql+psycopg://clerk:secret@/nowhere?host=/nonexistent-folder&port=5999",
                        shown="postgresql://clerk@/nowhere")
    with pytest.raises(RegisterError) as caught:
        register.find("1")
    line = str(caught.value)
    assert "\n" not in line and "secret" not in line and "cannot use the register postgresql://clerk@/nowhere" in line


def test_a_version_1_register_is_migrated_its_numbers_given_their_period(register_url):
    register = Register(register_url)
    with register.engine.begin() as conn:  # a register as version 1 left it: numbers unique on their own
        schema.metadata.create_all(conn, tables=[schema.version_table])
        conn.execute(schema.version_table.insert().values(version=1))
        schema.MIGRATIONS[0](conn)
        conn.execute(text("INSERT INTO register_series (pattern, period, last_seq) VALUES ('17-1/{seq}', '2026', 2)"))
        one = conn.execute(text("SELECT id FROM register_series")).scalar()
        for number, kind, series_id, seq in (("17-1/1", "issued", one, 1), ("17-1/2", "issued", one, 2),
                                             ("17-1/2", "cancelled", one, 2), ("17-1/9", "issued", None, None)):
            conn.execute(text("INSERT INTO register_entries (number, kind, series_id, seq, note_date, created_at, "
                              "created_by) VALUES (:n, :k, :s, :q, '2026-06-01', '2026-06-01 10:00:00', 'clerk')"),
                         dict(n=number, k=kind, s=series_id, q=seq))
    Register._ready.clear()
    assert [(r.number, r.entry["period"], bool(r.cancellation)) for r in register.records()] == \
        [("17-1/1", "2026", False), ("17-1/2", "2026", True), ("17-1/9", "", False)]
    with register.engine.begin() as conn:
        assert schema.current_version(conn) == schema.VERSION  # every migration since, in one go
    got = [register.allocate(NUMBERING, entry(note_date=dt.date(2027, 1, 4))).number for _ in range(9)]
    assert got[:2] == ["17-1/1", "17-1/2"] and "17-1/9" not in got  # typed in version 1: taken in every year
    with pytest.raises(RegisterError, match="append-only"):
        with register.transaction() as conn:
            conn.execute(text("UPDATE register_entries SET period = 'x'"))


def test_a_yearly_series_without_the_year_in_its_numbers_restarts(register_url):
    register = Register(register_url)
    got = [register.allocate(NUMBERING, entry(note_date=dt.date(*day))).number
           for day in ((2026, 12, 28), (2026, 12, 29), (2027, 1, 4))]
    assert got == ["17-1/1", "17-1/2", "17-1/1"]
    with pytest.raises(RegisterError, match=r"17-1/1 was issued in 2026 and 2027 \(say which: --year 2026 or "):
        register.find("17-1/1")
    register.cancel("17-1/1", "sent in error", "clerk", year=2027)
    assert register.find("17-1/1", 2026).cancellation is None and register.find("17-1/1", 2027).cancellation
    register.record_typed("17-1/5", entry(note_date=dt.date(2027, 2, 1)), period="2027")
    register.record_typed("17-1/5", entry(note_date=dt.date(2026, 2, 1)), period="2026")
    with pytest.raises(RegisterError, match="17-1/5 was recorded by someone else"):
        register.record_typed("17-1/5", entry(note_date=dt.date(2027, 3, 1)), period="2027")
