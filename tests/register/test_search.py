"""`register list --text/--recipient` answer from the database's index of terms, as the note was last sent;
a register made before the terms existed gets them when it is migrated."""
from __future__ import annotations

import datetime as dt

import pytest
from pgcluster import register_url, postgres_database, postgres_cluster  # noqa: F401  (fixtures)
from sqlalchemy import text

from verbale.register import schema
from verbale.register.config import Numbering
from verbale.register.store import NewEntry, Register

NUMBERING = Numbering("17-1/{seq}")


def entry(subject: str, recipients: list[str], spec: str) -> NewEntry:
    return NewEntry(dt.date(2025, 3, 1), "cica-secretariat", recipients, subject, ["en"], spec, "clerk")


@pytest.fixture
def register(register_url) -> Register:
    register = Register(register_url)
    register.allocate(NUMBERING, entry("forward the draft agenda", ["mfa-china"], "notes/agenda.yaml"))
    register.allocate(NUMBERING, entry("препроводить проект Декларации", ["mfa-india", "mfa-iran"], "notes/decl.yaml"))
    register.record_typed("17-1/624", entry("invite to the ministerial", ["mfa-iran"], "notes/x-624.yaml"))
    return register


@pytest.mark.parametrize("words, numbers", [
    # rule: each word begins a term of the number, subject or spec path (casefolded), search.py
    ("ДЕКЛАРАЦИИ проект", ["17-1/2"]),          # any case, any order
    ("деклар", ["17-1/2"]),                       # the beginning of a word (Russian endings vary)
    ("agenda", ["17-1/1"]), ("agendas", []),      # not more than the word
    ("genda", []),                                # not the middle of a word
    ("624", ["17-1/624"]), ("1/624", ["17-1/624"]), ("17-1/624", ["17-1/624"]),   # a number from each part
    ("17-1/", ["17-1/1", "17-1/2", "17-1/624"]),
    ("notes/decl", ["17-1/2"]), ("yaml", ["17-1/1", "17-1/2", "17-1/624"]),        # the spec's path
    ("50%", []), ("_", []), ("", ["17-1/1", "17-1/2", "17-1/624"]),               # no wildcards
])
def test_text_finds_what_each_word_begins(register, words, numbers):
    assert [r.number for r in register.records(words=words)] == numbers


def test_recipient_and_text_look_at_what_was_last_sent(register):
    assert [r.number for r in register.records(recipient="mfa-iran")] == ["17-1/2", "17-1/624"]
    issued = register.find("17-1/2").entry
    register.amend(issued["id"], entry("препроводить доклад", ["mfa-china"], "notes/decl.yaml"))
    assert [r.number for r in register.records(recipient="mfa-iran")] == ["17-1/624"]
    assert [r.number for r in register.records(recipient="mfa-china")] == ["17-1/1", "17-1/2"]
    assert [r.number for r in register.records(words="декларации")] == []
    assert [r.number for r in register.records(words="доклад", recipient="mfa-china")] == ["17-1/2"]


def test_a_version_2_register_gets_its_terms_when_migrated(register_url):
    register = Register(register_url)
    with register.engine.begin() as conn:   # a register as version 2 left it, with a note and an amendment
        schema.metadata.create_all(conn, tables=[schema.version_table])
        conn.execute(schema.version_table.insert().values(version=0))
        for step in schema.MIGRATIONS[:2]:
            step(conn)
        conn.execute(schema.version_table.update().values(version=2))
        conn.execute(text("INSERT INTO register_entries (number, kind, note_date, recipients, subject, spec_path, "
                          "created_at, created_by, period) VALUES ('17-1/9', 'issued', '2025-01-01', 'mfa-iran', "
                          "'a draft Declaration', 'notes/n9.yaml', '2025-01-01 10:00:00', 'clerk', '')"))
        conn.execute(text("INSERT INTO register_amendments (entry_id, note_date, recipients, subject, languages, "
                          "created_at, created_by) SELECT id, '2025-01-02', 'mfa-china', 'the final Declaration', "
                          "'en', '2025-01-02 10:00:00', 'clerk' FROM register_entries"))
    Register._ready.clear()
    assert [r.number for r in register.records(words="final declaration", recipient="mfa-china")] == ["17-1/9"]
    assert [r.number for r in register.records(words="draft")] == []
    with register.engine.begin() as conn:
        assert schema.current_version(conn) == schema.VERSION
