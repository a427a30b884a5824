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
        out, _ = process.communicate(timeout=120)
        assert process.returncode == 0
        printed += out.split()
    assert len(printed) == 400 and len(set(printed)) == 400
    seqs, numbers, last = stored(register_url)
    assert seqs == list(range(1, 401)) and last == 400
    assert sorted(numbers) == sorted(printed) == sorted(f"17-1/{n}" for n in range(1, 401))


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
    time.sleep(1.0)
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
