"""The states of a note (NOTE-SPEC §12) on SQLite and PostgreSQL: registered and cancelled are the entries,
signed and dispatched are appended with who and when; texts are kept per language; nothing is rewritten."""
from __future__ import annotations

import datetime as dt

import pytest
from pgcluster import postgres_cluster, postgres_database, register_url  # noqa: F401  (fixtures)
from sqlalchemy import text

from verbale.errors import RegisterError
from verbale.register import schema
from verbale.register.config import Numbering
from verbale.register.store import NewEntry, Register

NUMBERING = Numbering("17-1/{seq}")


def issued(register: Register) -> str:
    entry = NewEntry(note_date=dt.date(2026, 3, 2), sender="kz-mission", recipients=["mfa-x"], created_by="clerk",
                     spec_path="notes/a.yaml")
    return register.allocate(NUMBERING, entry).number


def test_states_in_order_with_who_and_when(register_url):
    register = Register(register_url)
    number = issued(register)
    record = register.find(number)
    assert record.state == "registered"
    register.add_states(record, [dict(state="signed", file_name="a.en.pdf", sha256="ab" * 32,
                                      signer="CN=Officer,O=Mission,C=KZ")], "officer")
    register.dispatch(number, "courier", 3, "clerk", receipt=("receipt.pdf", "cd" * 32))
    record = register.find(number)
    assert record.state == "dispatched"
    assert [(e["state"], e["created_by"]) for e in record.states] == [
        ("registered", "clerk"), ("signed", "officer"), ("dispatched", "clerk")]
    dispatched = record.states[-1]
    assert (dispatched["channel"], dispatched["copies"], dispatched["file_name"], dispatched["sha256"]) == \
        ("courier", 3, "receipt.pdf", "cd" * 32)
    assert all(isinstance(e["created_at"], dt.datetime) for e in record.states)
    assert [r.number for r in register.records(state="dispatched")] == [number]
    assert list(register.records(state="signed")) == []
    register.cancel(number, "sent in error", "head")
    record = register.find(number)
    assert record.state == "cancelled" and record.states[-1]["reason"] == "sent in error"
    assert [r.number for r in register.records(state="cancelled")] == [number]
    with pytest.raises(RegisterError, match=f"number {number} was cancelled on"):
        register.dispatch(number, "hand", 1, "clerk")


def test_texts_are_kept_once_per_version(register_url):
    register = Register(register_url)
    number = issued(register)
    entry_id = register.find(number).entry["id"]
    assert register.record_texts(entry_id, [("", "en", "ab" * 32, "The Mission\nhas the honour"),
                                            ("", "ru", "cd" * 32, "Представительство")]) == 2
    assert register.record_texts(entry_id, [("", "en", "ab" * 32, "The Mission\nhas the honour")]) == 0
    assert [(t["lang"], t["text"]) for t in register.find(number).texts] == [
        ("en", "The Mission\nhas the honour"), ("ru", "Представительство")]
    assert [r.number for r in register.holding(sha256="cd" * 32)] == [number]


@pytest.mark.parametrize("table", ["register_states", "register_texts"])
@pytest.mark.parametrize("statement", ["UPDATE {table} SET entry_id = entry_id", "DELETE FROM {table}"])
def test_the_new_tables_are_append_only(register_url, table, statement):
    register = Register(register_url)
    number = issued(register)
    record = register.find(number)
    register.add_states(record, [dict(state="dispatched", channel="email", copies=1)], "clerk")
    register.record_texts(record.entry["id"], [("", "en", "ab" * 32, "text")])
    with pytest.raises(RegisterError, match="append-only"):
        with register.transaction() as conn:
            conn.execute(text(statement.format(table=table)))
    assert len(register.find(number).later_states) == 1 and len(register.find(number).texts) == 1


def test_a_version_2_register_is_migrated(register_url):
    """A register as the v2 schema left it gets the states and texts tables; its numbers stay registered."""
    register = Register(register_url)
    with register.engine.begin() as conn:
        schema.metadata.create_all(conn, tables=[schema.version_table])
        conn.execute(schema.version_table.insert().values(version=2))
        schema.MIGRATIONS[0](conn)
        schema.MIGRATIONS[1](conn)
        conn.execute(text("INSERT INTO register_entries (number, kind, note_date, created_at, created_by, period) "
                          "VALUES ('17-1/9', 'issued', '2026-06-01', '2026-06-01 10:00:00', 'clerk', '')"))
    Register._ready.clear()
    record = register.find("17-1/9")
    assert record.state == "registered" and record.texts == [] and record.later_states == []
    register.dispatch("17-1/9", "hand", 1, "clerk")
    assert register.find("17-1/9").state == "dispatched"
    with register.engine.begin() as conn:
        assert schema.current_version(conn) == schema.VERSION


def test_states_added_in_a_transaction_roll_back_with_it(register_url):
    """`verbale sign` records its states in the transaction that replaces the files: no files, no record."""
    register = Register(register_url)
    number = issued(register)
    record = register.find(number)
    with pytest.raises(OSError):
        with register.transaction() as conn:
            register.add_states(record, [dict(state="signed", file_name="a.en.pdf", sha256="ab" * 32,
                                              signer="CN=Officer")], "officer", conn)
            raise OSError("the signed files could not be written")
    assert register.find(number).later_states == [] and register.find(number).state == "registered"
