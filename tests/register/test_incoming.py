"""Incoming notes in both databases (NOTE-SPEC §11): ids in-YEAR-N without gaps or duplicates across processes,
also when one is killed inside its transaction; append-only in the database itself; open, overdue and answered;
found by what they say."""
from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pgcluster import register_url, postgres_database, postgres_cluster  # noqa: F401  (fixtures)
from sqlalchemy import text

from verbale.errors import RegisterError
from verbale.register.config import Numbering
from verbale.register.incoming import NewIncoming, find_incoming, incoming_notes, link_reply, receive, search_text
from verbale.register.store import NewEntry, Register

WORKER = Path(__file__).with_name("receive_worker.py")
ROOT = Path(__file__).resolve().parents[2]


def note(received=(2026, 3, 3), **changes) -> NewIncoming:
    facts = dict(sender="mfa-russia", number="10663/двбр", note_date=dt.date(2026, 3, 2),
                 received_on=dt.date(*received), created_by="clerk")
    return NewIncoming(**{**facts, **changes})


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


IDS_BY_RECEIPT = [  # (day received, id given): the Nth received in its year, the count restarting every year
    ((2025, 12, 30), "in-2025-1"),
    ((2025, 12, 31), "in-2025-2"),
    ((2026, 1, 2), "in-2026-1"),
    ((2025, 12, 31), "in-2025-3"),   # recorded late: still counted in the year it came in
    ((2026, 1, 2), "in-2026-2"),
]


def test_ids_count_the_notes_received_in_each_year(register_url):
    register = Register(register_url)
    assert [receive(register, note(day, number=f"{n}/двбр")).id for n, (day, _) in enumerate(IDS_BY_RECEIPT)] == \
        [ident for _, ident in IDS_BY_RECEIPT]
    assert [n.id for n in incoming_notes(register)] == ["in-2025-1", "in-2025-2", "in-2025-3", "in-2026-1",
                                                        "in-2026-2"]
    assert [n.id for n in incoming_notes(register, year=2026)] == ["in-2026-1", "in-2026-2"]
    assert find_incoming(register, "in-2026-2")["received_on"] == dt.date(2026, 1, 2)
    assert find_incoming(register, " IN-2026-02 ").id == "in-2026-2"   # as a clerk may type it
    assert find_incoming(register, "in-2026-3") is None and find_incoming(register, "17-1/1") is None


def test_three_processes_recording_at_once_give_ids_without_gaps_or_duplicates(register_url):
    started = workers(register_url, 3, 10)
    printed = []
    for process in started:
        out, _ = process.communicate(timeout=120)
        assert process.returncode == 0
        printed += out.split()
    assert sorted(printed) == sorted(f"in-2026-{n}" for n in range(1, 31))
    assert [n.id for n in incoming_notes(Register(register_url))] == [f"in-2026-{n}" for n in range(1, 31)]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is a POSIX signal")
def test_a_process_killed_inside_the_recording_leaves_no_gap(register_url):
    register = Register(register_url)
    assert receive(register, note()).id == "in-2026-1"
    [held] = workers(register_url, 1, 1, "--hold")
    assert held.stdout.readline().split() == ["locked", "in-2026-2"]  # given, recorded, not committed
    held.kill()
    held.wait()
    assert receive(register, note(number="2/двбр")).id == "in-2026-2"
    assert [n.id for n in incoming_notes(register)] == ["in-2026-1", "in-2026-2"]


def test_the_database_refuses_to_rewrite_or_delete_an_incoming_note_or_a_link(register_url):
    register = Register(register_url)
    received = receive(register, note(subject="приглашение"))
    issued = register.allocate(Numbering("17-1/{seq}"), NewEntry(dt.date(2026, 3, 5), created_by="clerk"))
    assert link_reply(register, received["id"], issued.entry_id, "clerk") is True
    assert link_reply(register, received["id"], issued.entry_id, "clerk") is False   # recorded once
    for statement in ("UPDATE register_incoming SET subject = 'changed'", "DELETE FROM register_incoming",
                      "UPDATE register_replies SET entry_id = 0", "DELETE FROM register_replies"):
        with pytest.raises(RegisterError, match="append-only"):
            with register.transaction() as conn:
                conn.execute(text(statement))
    [kept] = incoming_notes(register)
    assert kept["subject"] == "приглашение" and [a.number for a in kept.answers] == ["17-1/1"]


def test_open_overdue_and_answered(register_url):
    register = Register(register_url)
    late = receive(register, note(number="1", due=dt.date(2026, 3, 10)))
    receive(register, note(number="2", due=dt.date(2026, 3, 20)))
    receive(register, note(number="3"))
    answered = receive(register, note(number="4", due=dt.date(2026, 3, 9)))
    reply = register.allocate(Numbering("17-1/{seq}"), NewEntry(dt.date(2026, 3, 8), created_by="clerk"))
    link_reply(register, answered["id"], reply.entry_id, "clerk")
    on = dt.date(2026, 3, 15)
    assert [n["number"] for n in incoming_notes(register, open_only=True)] == ["1", "2", "3"]
    assert [n["number"] for n in incoming_notes(register, overdue_on=on)] == ["1"]   # open and past its due date
    assert [n["number"] for n in incoming_notes(register, overdue_on=dt.date(2026, 3, 10))] == []  # due that day
    assert late.overdue(on) and not find_incoming(register, "in-2026-4").overdue(on)
    register.cancel("17-1/1", "sent in error", "officer")   # a cancelled reply answers nothing: open again
    assert [n["number"] for n in incoming_notes(register, overdue_on=on)] == ["1", "4"]
    assert find_incoming(register, "in-2026-4").answers[0].cancelled


SEARCHES = [  # (words typed, found?): case, ё/е, a word hyphenated at a line's end, every word needed
    ("НОТУ", True), ("переговорах", True), ("пере-", True), ("подтверждает получение", True),
    ("нотасын", True), ("ҚАБЫЛДАҒАНЫН", True), ("10663/двбр", True), ("in-2026-1", True), ("mfa-russia", True),
    ("получение отказ", False), ("ноты", False),
]


@pytest.mark.parametrize("words, found", SEARCHES)
def test_found_by_what_it_says(register_url, words, found):
    register = Register(register_url)
    said = "Министерство подтверждает получение ноту о пере-\nговорах. Министрлік нотасын қабылдағанын растайды."
    receive(register, note(text=said, text_source="pdftotext"))
    assert [n.id for n in incoming_notes(register, words=words)] == (["in-2026-1"] if found else [])


def test_search_text_folds_as_a_clerk_types():
    assert search_text("Ёлка ЁЖ") == "елка еж"
    assert "переговорах" in search_text("пере-\nговорах") and "пере-" in search_text("пере-\nговорах")
    assert search_text("ﬁnal\u00adly") == "finally"   # a ligature and a soft hyphen from a PDF
