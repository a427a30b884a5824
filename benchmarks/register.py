#!/usr/bin/env python3
"""The outgoing register under a whole ministry's load, as ratios against baselines measured in the same run.

    python benchmarks/register.py [--allocations 400] [--clerks 20] [--notes 10] [--records 100000]
                                  [--rounds 3] [--postgresql URL] [--skip generation,listing]

Needs ``pip install .[bench]`` (psycopg) and, without --postgresql, Debian's postgresql (initdb): a throwaway
cluster with fsync on, as an office runs it (verbale/register/throwaway.py). SQLite: a file in a temporary folder.

Per database, rounds of pairs (A B A B …; each ratio is taken within its pair, then the median and the range):
1. allocations: one process allocating (each with its own spec path, so the spec-path look-up the command line
   always runs is included) against the floor: a locked counter update (the least a gapless counter can do:
   take the lock, add one, commit). Then CLERKS processes allocating at once against one process, beside the
   same for the floor (what handing a lock from process to process costs on this machine at this moment) and
   the allocations of CLERKS processes against the counter updates of CLERKS processes.
   Goal (PostgreSQL, issue #28): CLERKS processes / one process >= 0.9.
2. generation (PostgreSQL): CLERKS `verbale generate` processes at once, NOTES three-language notes each with
   `number: auto`, against one `verbale generate` process (--jobs 1) of all of them; notes a second, whole
   processes (start-up included). Goal: >= 1. The numbers are checked: distinct, no gap.
3. listing: `register list --text WORDS` (Register.records, in this process) over RECORDS records against the
   same query over 1,000; both registers hold the same 10 records that match. Goal: <= 2.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "notes" / "17-1-624.yaml"
PATTERN = "17-1/{seq}"


def ratio_line(name: str, ratios: list[float], goal: str = "") -> str:
    spread = f"{min(ratios):.2f}–{max(ratios):.2f}" if len(ratios) > 1 else "one pair"
    met = ""
    if goal:
        met = "met" if eval(f"{statistics.median(ratios)} {goal}") else "NOT MET"  # our own literal goals
        met = f"   goal {goal}: {met}"
    return f"  {name:46s} {statistics.median(ratios):6.2f}  (range {spread}, {len(ratios)} pairs){met}"


# -- allocations ------------------------------------------------------------------------------------------

def _entry(worker: int, index: int):
    from verbale.register.store import NewEntry

    return NewEntry(dt.date(2025, 3, 1), "cica-secretariat", ["cica-member-states"], "forward a document",
                    ["en", "ru", "kk"], f"notes/w{worker}-{index}-{time.monotonic_ns()}.yaml", "bench")


def _floor_once(register) -> None:
    from sqlalchemy import text

    with register.transaction() as conn:
        conn.execute(text("UPDATE bench_floor SET n = n + 1 WHERE id = 1"))


def _prepare_floor(register) -> None:
    from sqlalchemy import text

    with register.transaction() as conn:
        conn.execute(text("CREATE TABLE IF NOT EXISTS bench_floor (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)"))
        if conn.execute(text("SELECT count(*) FROM bench_floor")).scalar() == 0:
            conn.execute(text("INSERT INTO bench_floor (id, n) VALUES (1, 0)"))


def worker(url: str, count: int, mode: str, number: int) -> None:
    """A clerk's process: ready, then at 'go' COUNT allocations (or floor updates)."""
    from verbale.register.config import Numbering
    from verbale.register.store import Register

    register, numbering = Register(url), Numbering(PATTERN)
    register.ensure_schema()
    register.allocate(numbering, _entry(number, -1)) if mode == "alloc" else _floor_once(register)  # connected
    print("ready", flush=True)
    sys.stdin.readline()
    for index in range(count):
        if mode == "alloc":
            register.allocate(numbering, _entry(number, index))
        else:
            _floor_once(register)


def together(url: str, processes: int, per: int, mode: str) -> float:
    """Operations a second of ``processes`` processes started at the same moment."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = [subprocess.Popen([sys.executable, __file__, "--worker", url, str(per), mode, str(i)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
               for i in range(processes)]
    for process in started:
        if process.stdout.readline().strip() != "ready":
            raise SystemExit("a worker failed to start")
    began = time.perf_counter()
    for process in started:
        process.stdin.write("go\n")
        process.stdin.flush()
    for process in started:
        process.communicate()
        if process.returncode:
            raise SystemExit("a worker failed")
    return processes * per / (time.perf_counter() - began)


def alone(url: str, count: int, mode: str) -> float:
    return together(url, 1, count, mode)


def check_gapless(url: str) -> str:
    from sqlalchemy import text

    from verbale.register.store import Register

    with Register(url).transaction() as conn:
        seqs = [row[0] for row in conn.execute(text(
            "SELECT seq FROM register_entries WHERE kind = 'issued' AND seq IS NOT NULL ORDER BY seq"))]
    if seqs != list(range(1, len(seqs) + 1)):
        raise SystemExit(f"numbers with a gap or given twice in {url}")
    return f"{len(seqs)} numbers, distinct, no gap"


def allocations(name: str, url: str, args) -> None:
    from verbale.register.store import Register

    register = Register(url)
    register.ensure_schema()
    _prepare_floor(register)
    per = max(1, args.allocations // args.clerks)
    floor_ratio, one_rates, many_ratio, floor_many, against_floor = [], [], [], [], []
    for _ in range(args.rounds):
        floor = alone(url, args.allocations, "floor")
        one = alone(url, args.allocations, "alloc")
        many = together(url, args.clerks, per, "alloc")
        many_floor = together(url, args.clerks, per, "floor")
        floor_ratio.append(floor / one)
        one_rates.append(one)
        many_ratio.append(many / one)
        floor_many.append(many_floor / floor)
        against_floor.append(many / many_floor)
    print(f"{name}: allocations ({args.allocations} in one process; {args.clerks} processes × {per})")
    print(f"  one process: {statistics.median(one_rates):.0f} allocations/s (median of {args.rounds})")
    print(ratio_line("one allocation / one locked counter update", floor_ratio))
    print(ratio_line(f"{args.clerks} processes / one process, allocations", many_ratio,
                     ">= 0.9" if name == "PostgreSQL" else ""))
    print(ratio_line(f"{args.clerks} processes / one process, counter updates", floor_many))
    print(ratio_line(f"{args.clerks} processes: allocations / counter updates", against_floor))
    print(f"  {check_gapless(url)}")


# -- generation -------------------------------------------------------------------------------------------

def make_workspace(folder: Path, url: str, clerks: int, notes: int) -> list[Path]:
    """A workspace with a register, and a folder of NOTES auto-numbered specs for each clerk."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / "verbale.yaml").write_text(
        f'numbering: {{pattern: "{PATTERN}", restart: never}}\nregister: {url.replace("+psycopg", "")}\n',
        encoding="utf-8")
    text = "".join("number: auto\n" if line.startswith("number:") else line
                   for line in SEED.read_text(encoding="utf-8").splitlines(keepends=True))
    folders = []
    for clerk in range(clerks):
        specs = folder / f"clerk{clerk:02d}"
        specs.mkdir()
        for note in range(notes):
            (specs / f"n{clerk:02d}-{note:03d}.yaml").write_text(text, encoding="utf-8")
        folders.append(specs)
    return folders


def generate(folders: list[Path], out: Path, together_: bool) -> float:
    """Notes a second: one process for every folder, all at once; or one process for them all."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "verbale", "generate", "--jobs", "1", "-o"]
    began = time.perf_counter()
    if together_:
        running = [subprocess.Popen([*command, str(out / f.name), str(f)], env=env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, text=True) for f in folders]
    else:
        running = [subprocess.Popen([*command, str(out), *map(str, folders)], env=env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, text=True)]
    for process in running:
        _, err = process.communicate()
        if process.returncode:
            raise SystemExit(f"generate failed: {err[-500:]}")
    notes = sum(len(list(f.glob("*.yaml"))) for f in folders)
    return notes / (time.perf_counter() - began)


def generation(new_database, work: Path, args) -> None:
    ratios, rates = [], []
    for round_ in range(args.rounds):
        pair = []
        for many in (False, True):
            url = new_database()
            folders = make_workspace(work / f"gen{round_}{int(many)}", url, args.clerks, args.notes)
            pair.append(generate(folders, work / f"gen{round_}{int(many)}" / "out", many))
            check_gapless(url)
        rates.append(pair)
        ratios.append(pair[1] / pair[0])
    total = args.clerks * args.notes
    print(f"PostgreSQL: generation with number: auto ({total} three-language notes, 5 files each)")
    print(f"  one process {statistics.median(r[0] for r in rates):.1f} notes/s; {args.clerks} processes at once "
          f"{statistics.median(r[1] for r in rates):.1f} notes/s (whole processes, start-up included)")
    print(ratio_line(f"{args.clerks} processes / one process, notes", ratios, ">= 1"))
    print("  every run's numbers: distinct, no gap")


# -- listing ----------------------------------------------------------------------------------------------

def fill(url: str, records: int) -> None:
    """``records`` issued entries (with their terms), 10 of them about the declaration and to mfa-kz."""
    from sqlalchemy import text

    from verbale.register.search import record_terms
    from verbale.register.store import Register

    register = Register(url)
    register.ensure_schema()
    step = max(1, records // 10)
    entries, terms = [], []
    for i in range(1, records + 1):
        special = i % step == 0
        subject = "препроводить проект Декларации" if special else f"forward document {i:06d}"
        recipients = "mfa-kz" if special else f"mfa-{i % 97}"
        number, spec = f"17-1/{i}", f"notes/n{i:06d}.yaml"
        entries.append(dict(id=i, number=number, seq=i, subject=subject, recipients=recipients, spec=spec))
        terms += [dict(e=i, f=field, t=term) for field, term in record_terms(number, subject, spec, recipients)]
    with register.transaction() as conn:
        conn.execute(text("INSERT INTO register_entries (id, number, kind, seq, note_date, sender, recipients, "
                          "subject, languages, spec_path, created_at, created_by, reason, period) VALUES "
                          "(:id, :number, 'issued', :seq, '2025-03-01', 'cica-secretariat', :recipients, :subject, "
                          "'en ru kk', :spec, '2025-03-01 10:00:00', 'bench', '', '')"), entries)
        conn.execute(text("INSERT INTO register_terms (entry_id, version, field, term) VALUES (:e, 0, :f, :t)"),
                     terms)
        if conn.dialect.name == "postgresql":
            conn.execute(text("ANALYZE"))


def listing(name: str, new_url, args) -> None:
    from verbale.register.store import Register

    small, large = new_url(), new_url()
    fill(small, 1000)
    fill(large, args.records)
    queries = {"--text 'проект декларации'": dict(words="проект декларации"),
               "--recipient mfa-kz": dict(recipient="mfa-kz")}
    print(f"{name}: register list over {args.records:,} records / over 1,000 (the same 10 records match)")
    for label, query in queries.items():
        ratios, times = [], []
        for url in (small, large):  # connected, caches warm
            list(Register(url).records(**query))
        for _ in range(max(9, 3 * args.rounds)):
            pair = []
            for url in (small, large):
                register = Register(url)
                began = time.perf_counter()
                found = list(register.records(**query))
                pair.append(time.perf_counter() - began)
                assert len(found) == 10, (label, len(found))
            times.append(pair)
            ratios.append(pair[1] / pair[0])
        print(f"  {label}: {statistics.median(t[0] for t in times) * 1000:.1f} ms over 1,000, "
              f"{statistics.median(t[1] for t in times) * 1000:.1f} ms over {args.records:,}")
        print(ratio_line(f"{args.records:,} / 1,000 records", ratios, "<= 2"))


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]))
        return 0
    sys.path.insert(0, str(ROOT))
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--allocations", type=int, default=400)
    p.add_argument("--clerks", type=int, default=20)
    p.add_argument("--notes", type=int, default=10, help="notes each clerk generates")
    p.add_argument("--records", type=int, default=100_000)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--postgresql", metavar="URL", help="a server whose user may create databases (default: a "
                   "throwaway cluster)")
    p.add_argument("--skip", default="", help="comma-separated: allocations, generation, listing, sqlite")
    args = p.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    work = Path(tempfile.mkdtemp(prefix="verbale-bench-register-"))
    counter = iter(range(10**6))
    try:
        if "sqlite" not in skip:
            new_sqlite = lambda: f"sqlite:///{(work / f'r{next(counter)}.sqlite').as_posix()}"  # noqa: E731
            if "allocations" not in skip:
                allocations("SQLite", new_sqlite(), args)
            if "listing" not in skip:
                listing("SQLite", new_sqlite, args)
        cluster = None
        if args.postgresql:
            new_database = _server_databases(args.postgresql)
        else:
            from verbale.register.throwaway import Cluster, ClusterUnavailable

            try:
                cluster = Cluster(fsync=True)
            except ClusterUnavailable as exc:
                print(f"PostgreSQL: skipped ({exc})")
                return 0
            new_database = cluster.new_database
        try:
            if "allocations" not in skip:
                allocations("PostgreSQL", new_database(), args)
            if "generation" not in skip:
                generation(new_database, work, args)
            if "listing" not in skip:
                listing("PostgreSQL", new_database, args)
        finally:
            if cluster is not None:
                cluster.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _server_databases(url: str):
    """New databases on a server named by URL (its user may create databases)."""
    import uuid

    import psycopg
    from sqlalchemy.engine import make_url

    base = make_url(url.replace("postgresql://", "postgresql+psycopg://"))

    def new() -> str:
        name = "verbale_bench_" + uuid.uuid4().hex[:10]
        with psycopg.connect(base.set(drivername="postgresql").render_as_string(hide_password=False),
                             autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return base.set(database=name).render_as_string(hide_password=False)
    return new


if __name__ == "__main__":
    sys.exit(main())
