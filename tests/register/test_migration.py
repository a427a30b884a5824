"""A register made by the verbale before incoming notes (schema version 2) opens and migrates without losing a
record: data/register-v2.sqlite was made by that verbale (data/make_v2_register.py says how); on PostgreSQL the
same records are put into a version 2 schema made by the old code path (its own migration steps)."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from pgcluster import postgres_database, postgres_cluster  # noqa: F401  (fixtures)
from sqlalchemy import text

from verbale.cli import main as verbale
from verbale.errors import RegisterError
from verbale.register import schema
from verbale.register.config import Numbering
from verbale.register.incoming import NewIncoming, find_incoming, link_reply, receive
from verbale.register.store import NewEntry, Register

V2 = Path(__file__).with_name("data") / "register-v2.sqlite"
V2_TABLES = ("register_series", "register_entries", "register_files", "register_amendments")
SERIES = Numbering("17-1/{seq}", start=624)


def normal(value):
    """A stored value the same whichever database gave it (SQLite keeps dates and times as text)."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?", value):
        return dt.datetime.fromisoformat(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return dt.date.fromisoformat(value)
    return value


def v2_rows() -> dict[str, tuple[list[str], list[tuple]]]:
    """Every table of the committed version 2 register: its columns and rows, in id order."""
    with sqlite3.connect(f"file:{V2}?mode=ro", uri=True) as conn:
        assert conn.execute("SELECT version FROM register_schema").fetchone() == (2,)
        found = {}
        for table in V2_TABLES:
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
            rows = conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id").fetchall()
            found[table] = (columns, [tuple(normal(v) for v in row) for row in rows])
    return found


def rows_now(register: Register, columns_of: dict) -> dict[str, list[tuple]]:
    with register.transaction() as conn:
        return {table: [tuple(normal(v) for v in row) for row in
                        conn.execute(text(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id"))]
                for table, (columns, _) in columns_of.items()}


def check_migrated(register: Register) -> None:
    """The old records all there, unchanged; the register works on, in both directions, append-only."""
    before = v2_rows()
    assert [len(rows) for _, rows in before.values()] == [2, 6, 9, 1]   # series, entries, files, amendments
    assert rows_now(register, before) == {table: rows for table, (_, rows) in before.items()}
    with register.transaction() as conn:
        assert schema.current_version(conn) == schema.VERSION
    assert [(r.number, r.entry["period"], bool(r.cancellation), len(r.amendments)) for r in register.records()] == [
        ("17-1/624", "2025", False, 1), ("17-1/625", "2025", True, 0), ("17-1/626", "2025", False, 0),
        ("17-1/624", "2026", False, 0), ("17-1/700", "2025", False, 0)]
    assert register.find("17-1/624", 2025).facts["recipients"] == "mfa-china mfa-india"
    assert register.allocate(SERIES, NewEntry(dt.date(2025, 12, 30), created_by="clerk")).number == "17-1/627"
    received = receive(register, NewIncoming("mfa-russia", "10663/двбр", dt.date(2025, 12, 20),
                                             dt.date(2025, 12, 22), created_by="clerk"))
    assert received.id == "in-2025-1"
    assert link_reply(register, received["id"], register.find("17-1/626", 2025).entry["id"], "clerk")
    assert [a.number for a in find_incoming(register, "in-2025-1").answers] == ["17-1/626"]
    for statement in ("UPDATE register_entries SET subject = 'x'", "DELETE FROM register_amendments",
                      "DELETE FROM register_incoming"):
        with pytest.raises(RegisterError, match="append-only"):
            with register.transaction() as conn:
                conn.execute(text(statement))


def test_the_committed_version_2_register_migrates_on_sqlite(tmp_path, monkeypatch, capsys):
    office = tmp_path / "office"
    office.mkdir()
    shutil.copyfile(V2, office / "register.sqlite")
    (office / "verbale.yaml").write_text('numbering: {pattern: "17-1/{seq}", start: 624}\n', encoding="utf-8")
    monkeypatch.chdir(office)
    assert verbale(["register", "list"]) == 0     # the command line opens it: the migration runs there
    assert capsys.readouterr().out.splitlines() == [
        "17-1/624  2025-11-03  cica-secretariat -> mfa-china, mfa-india: препроводить проект повестки дня",
        "17-1/625  2025-12-15  cica-secretariat -> mfa-india, mfa-iran: forward the draft Declaration  "
        "[cancelled: sent in error]",
        "17-1/626  2025-12-29  cica-secretariat -> cica-member-states: күн тәртібінің жобасын жолдауды",
        "17-1/624  2026-01-12  cica-secretariat -> mfa-russia: inform of the new premises",
        "17-1/700  2025-12-01  cica-secretariat -> mfa-turkey: typed by hand"]
    check_migrated(Register(f"sqlite:///{(office / 'register.sqlite').as_posix()}"))


def test_a_version_2_register_migrates_on_postgresql(postgres_database):
    register = Register(postgres_database)
    columns_of = v2_rows()
    with register.engine.begin() as conn:  # what verbale with schema version 2 made: its own steps, in order
        schema.metadata.create_all(conn, tables=[schema.version_table])
        conn.execute(schema.version_table.insert().values(version=0))
        for step in schema.MIGRATIONS[:2]:
            step(conn)
        conn.execute(schema.version_table.update().values(version=2))
        for table, (columns, rows) in columns_of.items():
            names = ", ".join(columns)
            marks = ", ".join(f":{column}" for column in columns)
            for row in rows:
                values = {c: v.replace(tzinfo=dt.timezone.utc) if isinstance(v, dt.datetime) else v
                          for c, v in zip(columns, row)}
                conn.execute(text(f"INSERT INTO {table} ({names}) VALUES ({marks})"), values)
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
    Register._ready.clear()
    check_migrated(register)
