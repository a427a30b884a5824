#!/usr/bin/env python3
"""Allocations per second in the outgoing register, in SQLite and PostgreSQL, from one and eight processes,
as ratios against baselines measured in the same run.

    python benchmarks/register.py [--allocations 400] [--postgresql URL]

Baselines (per database, through the same engine): a bare transaction round trip that takes the same lock
(SQLite: BEGIN IMMEDIATE; SELECT 1; COMMIT — PostgreSQL: BEGIN; SELECT 1 FOR UPDATE of the series row; COMMIT).
Prints, per database:
- one process: allocations/s, and the time of one allocation / one baseline round trip;
- eight processes at once: allocations/s of them all / allocations/s of one process (the lock serialises them:
  about 1 means no loss to contention).
Without --postgresql a throwaway cluster is started (tests/register/pgcluster.py; fsync on, as in an office).
"""
from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "register")]

from sqlalchemy import text  # noqa: E402

from verbale.register.config import Numbering  # noqa: E402
from verbale.register.store import NewEntry, Register  # noqa: E402

NUMBERING = Numbering("17-1/{seq}")
WORKER = ROOT / "tests" / "register" / "allocate_worker.py"


def entry() -> NewEntry:
    return NewEntry(dt.date(2025, 3, 1), "cica-secretariat", ["cica-member-states"], "forward a document",
                    ["en", "ru", "kk"], "", "bench")


def baseline_seconds(register: Register, rounds: int) -> float:
    register.allocate(NUMBERING, entry())  # the series row exists, the schema is ready
    lock = ("SELECT last_seq FROM register_series FOR UPDATE" if register.engine.dialect.name == "postgresql"
            else "SELECT 1")
    started = time.perf_counter()
    for _ in range(rounds):
        with register.transaction() as conn:
            conn.execute(text(lock)).all()
    return (time.perf_counter() - started) / rounds


def one_process_seconds(register: Register, count: int) -> float:
    started = time.perf_counter()
    for _ in range(count):
        register.allocate(NUMBERING, entry())
    return (time.perf_counter() - started) / count


def eight_processes_rate(url: str, count: int) -> float:
    per = max(1, count // 8)
    workers = [subprocess.Popen([sys.executable, WORKER, url, str(per)], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True, cwd=ROOT,
                                env={"PYTHONPATH": str(ROOT), "PATH": ""}) for _ in range(8)]
    for worker in workers:
        worker.stdout.readline()  # ready: imported and connected
    started = time.perf_counter()
    for worker in workers:
        worker.stdin.write("go\n")
        worker.stdin.flush()
    for worker in workers:
        worker.communicate()
    return per * 8 / (time.perf_counter() - started)


def measure(name: str, url: str, count: int) -> None:
    register = Register(url)
    base = baseline_seconds(register, count)
    one = one_process_seconds(register, count)
    eight = eight_processes_rate(url, count)
    print(f"{name:10}  1 process: {1 / one:7.0f} allocations/s, {one / base:5.2f}x a bare locked round trip "
          f"({base * 1000:.2f} ms)  |  8 processes: {eight:7.0f} allocations/s, {eight * one:4.2f}x one process")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--allocations", type=int, default=400)
    p.add_argument("--postgresql", metavar="URL", help="an empty database to use (default: a throwaway cluster)")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        measure("SQLite", f"sqlite:///{Path(folder, 'register.sqlite').as_posix()}", args.allocations)
    if args.postgresql:
        measure("PostgreSQL", args.postgresql.replace("postgresql://", "postgresql+psycopg://"), args.allocations)
        return 0
    from pgcluster import Cluster, ClusterUnavailable

    try:
        cluster = Cluster(fsync=True)
    except ClusterUnavailable as exc:
        print(f"PostgreSQL: skipped ({exc})")
        return 0
    try:
        measure("PostgreSQL", cluster.new_database(), args.allocations)
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
