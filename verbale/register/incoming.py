"""Incoming notes in the register (NOTE-SPEC §11): recorded with a gapless id per year of receipt, found by
what they say, linked to the outgoing notes that answer them.

An id reads ``in-YEAR-SEQ`` (``in-2026-7``: the seventh note received in 2026). It is allocated like an
outgoing number: in one short transaction that locks the year's counter (SQLite: ``BEGIN IMMEDIATE``;
PostgreSQL: ``SELECT … FOR UPDATE`` on the counter's row), records the note and commits, so a process killed
inside it leaves no gap and no duplicate. A note is *open* until an outgoing note that is not cancelled answers
it; *overdue* when it is open after its due date.

>>> incoming_id(2026, 7), parse_id("in-2026-7"), parse_id("IN-2026-07"), parse_id("17-1/624")
('in-2026-7', (2026, 7), (2026, 7), None)
>>> "переговорах" in search_text("о пере-\\nговорах"), "ноте" in search_text("НОТЁ")
(True, True)
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable

from sqlalchemy import select
from sqlalchemy.engine import Connection

from ..errors import RegisterError
from .checks import checked_key, checked_line, note_number_key, parsed_date  # noqa: F401  (the checks `incoming add` and the desk share)
from .schema import entries, incoming, incoming_keys, incoming_series, replies, reply_changes

ID = re.compile(r"^in-(\d{4})-0*([1-9]\d{0,8})$")   # in-2026-07 is in-2026-7
NUMBER_LENGTH, SUBJECT_LENGTH = 60, 300
HYPHENATED = re.compile(r"-[ \t]*\r?\n\s*(?=\w)")   # a word broken at a line's end
CANCELLED = "cancelled"


def incoming_id(year: int, seq: int) -> str:
    return f"in-{year}-{seq}"


def parse_id(text: str) -> tuple[int, int] | None:
    """(year, seq) of an incoming id, or None when ``text`` is not one."""
    match = ID.match(text.strip().lower()) if isinstance(text, str) else None
    return (int(match.group(1)), int(match.group(2))) if match else None


def search_text(text: str) -> str:
    """A text as ``--text`` compares it: compatibility forms (ligatures) resolved, case and ё/е folded, words
    hyphenated at a line's end joined (and kept as they are too), spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    joined = HYPHENATED.sub("", text) if "\n" in text else text
    folded = " ".join(f"{text} {joined}".split()) if joined != text else " ".join(text.split())
    return folded.casefold().replace("ё", "е")


@dataclass
class NewIncoming:
    """What the register records of a received note."""

    sender: str
    number: str
    note_date: dt.date
    received_on: dt.date
    subject: str = ""
    due: dt.date | None = None
    file_name: str = ""          # its copy in the workspace's incoming/ folder
    original_name: str = ""
    sha256: str = ""
    text: str = ""
    text_source: str = ""        # pdftotext | ocr | ""
    created_by: str = ""


@dataclass(frozen=True)
class Answer:
    """An outgoing note that answers an incoming one."""

    entry_id: int
    number: str
    note_date: dt.date | None
    spec_path: str
    cancelled: bool
    linked_at: dt.datetime
    linked_by: str
    withdrawn: dict | None = None   # the change that withdrew the link (the reply was corrected), else None

    @property
    def live(self) -> bool:
        """The reply answers the note: not cancelled, its link not withdrawn."""
        return not self.cancelled and self.withdrawn is None

    @property
    def marks(self) -> str:
        """`` (cancelled)``, `` (withdrawn)`` or ''."""
        return " (cancelled)" if self.cancelled else " (withdrawn)" if self.withdrawn is not None else ""


@dataclass
class Incoming:
    """An incoming note as the register knows it, with the notes that answer it."""

    row: dict
    answers: list[Answer] = field(default_factory=list)

    @property
    def id(self) -> str:
        return incoming_id(self.row["year"], self.row["seq"])

    @property
    def open(self) -> bool:
        return not any(answer.live for answer in self.answers)

    def overdue(self, today: dt.date) -> bool:
        return self.open and self.row["due"] is not None and self.row["due"] < today

    def status(self, today: dt.date) -> str:
        """``answered``, ``overdue`` or ``open``."""
        if not self.open:
            return "answered"
        return "overdue" if self.overdue(today) else "open"

    def __getitem__(self, key: str):
        return self.row[key]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def _insert(conn: Connection, table):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


def receive(register, note: NewIncoming, while_locked: Callable[[str], None] | None = None) -> Incoming:
    """Record a received note under the next id of its year of receipt, in one locked transaction, with its key
    (sender, number, date): a note recorded already, also by another clerk a moment ago, is refused
    (RegisterError) and nothing is recorded (the database's unique key decides; on PostgreSQL the second insert
    waits for the first transaction's end).  ``while_locked`` is called with the id before the commit, the
    year's counter still locked (the tests kill a process there)."""
    year = note.received_on.year
    with register.transaction() as conn:
        conn.execute(_insert(conn, incoming_series).values(year=year, last_seq=0)
                     .on_conflict_do_nothing(index_elements=["year"]))
        last = conn.execute(select(incoming_series.c.last_seq).where(incoming_series.c.year == year)
                            .with_for_update()).scalar_one()
        seq = last + 1
        conn.execute(incoming_series.update().where(incoming_series.c.year == year).values(last_seq=seq))
        values = dict(year=year, seq=seq, received_on=note.received_on, sender=note.sender, number=note.number,
                      note_date=note.note_date, subject=note.subject, due=note.due, file_name=note.file_name,
                      original_name=note.original_name, sha256=note.sha256, text=note.text,
                      text_source=note.text_source, created_at=_now(), created_by=note.created_by)
        row_id = conn.execute(incoming.insert().values(**values).returning(incoming.c.id)).scalar_one()
        key = (_insert(conn, incoming_keys).values(incoming_id=row_id, sender=note.sender,
                                                   number=note_number_key(note.number), note_date=note.note_date)
               .on_conflict_do_nothing(index_elements=["sender", "number", "note_date"]).returning(incoming_keys.c.id))
        if conn.execute(key).first() is None:   # rolled back: no id taken, nothing recorded
            raise _recorded_twice(register, note, _holder_of_key(conn, note))
        if while_locked is not None:
            while_locked(incoming_id(year, seq))
    return Incoming({"id": row_id, **values})


def incoming_notes(register, *, ident: str | None = None, year: int | None = None, sender: str | None = None,
                   words: str = "", open_only: bool = False, overdue_on: dt.date | None = None) -> list[Incoming]:
    """Incoming notes in the order they were received, each with the notes that answer it. ``words``: every
    word is in its id, number, sender, subject, file name or text; ``overdue_on``: open and due before that day."""
    condition = []
    if ident is not None:
        parsed = parse_id(ident)
        if parsed is None:
            return []
        condition += [incoming.c.year == parsed[0], incoming.c.seq == parsed[1]]
    if year is not None:
        condition.append(incoming.c.year == year)
    if sender is not None:
        condition.append(incoming.c.sender == sender)
    if overdue_on is not None:
        condition += [incoming.c.due.is_not(None), incoming.c.due < overdue_on]
    with register.transaction() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(incoming).where(*condition)
                                                       .order_by(incoming.c.year, incoming.c.seq))]
        answers = _answers(conn, [row["id"] for row in rows])
    notes = [Incoming(row, answers.get(row["id"], [])) for row in rows]
    needles = search_text(words).split()
    if needles:
        notes = [note for note, haystack in ((note, _haystack(note)) for note in notes)
                 if all(needle in haystack for needle in needles)]
    if open_only or overdue_on is not None:
        notes = [note for note in notes if note.open]
    return notes


def _haystack(note: Incoming) -> str:
    row = note.row
    return search_text(" ".join([note.id, row["number"], row["sender"], row["subject"], row["original_name"],
                                 row["text"]]))


def _answers(conn: Connection, incoming_ids: list[int]) -> dict[int, list[Answer]]:
    if not incoming_ids:
        return {}
    links = conn.execute(select(replies.c.incoming_id, replies.c.created_at, replies.c.created_by, entries.c.id,
                                entries.c.number, entries.c.period, entries.c.note_date, entries.c.spec_path)
                         .join(entries, entries.c.id == replies.c.entry_id)
                         .where(replies.c.incoming_id.in_(incoming_ids)).order_by(replies.c.id)).all()
    cancelled = _cancelled(conn, {link.number for link in links})
    withdrawn = _withdrawn(conn, [(link.incoming_id, link.id) for link in links])
    found: dict[int, list[Answer]] = {}
    for link in links:
        found.setdefault(link.incoming_id, []).append(Answer(
            link.id, link.number, link.note_date, link.spec_path, (link.number, link.period) in cancelled,
            link.created_at, link.created_by, withdrawn.get((link.incoming_id, link.id))))
    return found


def _latest_changes(conn: Connection, column, ids: list[int]) -> dict[tuple[int, int], dict]:
    """The latest change of each (incoming id, entry id) link among those of ``ids`` in ``column``."""
    latest: dict[tuple[int, int], dict] = {}
    for chunk in range(0, len(ids), 500):
        for row in conn.execute(select(reply_changes).where(column.in_(ids[chunk:chunk + 500]))
                                .order_by(reply_changes.c.id)):
            latest[(row.incoming_id, row.entry_id)] = dict(row._mapping)
    return latest


def _withdrawn(conn: Connection, links: list[tuple[int, int]]) -> dict[tuple[int, int], dict]:
    """The links (incoming id, entry id) among ``links`` whose latest change withdrew them, with that change."""
    if not links:
        return {}
    latest = _latest_changes(conn, reply_changes.c.entry_id, sorted({entry for _, entry in links}))
    return {link: change for link, change in latest.items() if link in set(links) and not change["linked"]}


def _cancelled(conn: Connection, numbers: set[str]) -> set[tuple[str, str]]:
    if not numbers:
        return set()
    rows = conn.execute(select(entries.c.number, entries.c.period)
                        .where(entries.c.kind == CANCELLED, entries.c.number.in_(sorted(numbers))))
    return {(row.number, row.period) for row in rows}


# -- recording a received note: the checks and the steps `verbale incoming add` and the desk share ------------

def dates_problem(note_date: dt.date, due: dt.date | None, received: dt.date | None, today: dt.date) -> str:
    """What is wrong with a received note's dates ("" when nothing): an answer due before the note's date, or a
    note received after today."""
    if due is not None and due < note_date:
        return f"--due {due} is before the note's date {note_date}"
    if received is not None and received > today:
        return f"--received {received} is after today"
    return ""


def incoming_from_text(fields: dict, today: dt.date, by: str) -> NewIncoming:
    """A received note from its fields as text (the desk's form: sender, number, date, received, due, subject),
    by the same checks as `verbale incoming add`'s options; ValueError "FIELD: problem" at the first problem."""
    def field(name: str, check, required: bool = True):
        text = str(fields.get(name) or "").strip()
        if not text and not required:
            return None
        try:
            return check(text)
        except ValueError as exc:
            raise ValueError(f"{name}: {exc}") from None

    note = NewIncoming(sender=field("sender", checked_key),
                       number=field("number", lambda text: checked_line(text, NUMBER_LENGTH)),
                       note_date=field("date", parsed_date), received_on=field("received", parsed_date, False),
                       due=field("due", parsed_date, False),
                       subject=field("subject", lambda text: checked_line(text, SUBJECT_LENGTH, False), False) or "",
                       created_by=by)
    problem = dates_problem(note.note_date, note.due, note.received_on, today)
    if problem:
        raise ValueError(problem.lstrip("-"))
    note.received_on = note.received_on or today
    return note


def record_incoming(register, root, workspace, note: NewIncoming, received=None,
                    shown_as: str = "FILE") -> tuple[Incoming, list[str]]:
    """Record ``note`` with its received file (a ``received.Received``, or None): the file kept in the
    workspace's ``incoming/`` folder by its SHA-256 and read into text, then the note recorded under its id.
    Returns the record and the lines to say (``shown_as`` names the file in them): the same file recorded
    before, a file whose text could not be read, a sender the termbase lacks (needed before a reply)."""
    from ..facts.termbase import display_path
    from .extract import extract_text, time_limit
    from .received import keep_received
    from .reply import missing_entry

    warnings, made = [], ""   # made: the copy in incoming/ this run made
    if received is not None:
        time_limit()   # a wrong $VERBALE_OCR_TIMEOUT is refused before anything is done
    register.ensure_schema()
    _refuse_recorded_twice(register, note)
    if received is not None:
        earlier = holding_file(register, received.sha256)
        if earlier:
            warnings.append(f"{shown_as}:1: FILE: the same file was recorded already as {', '.join(earlier)} "
                            "(recorded again)")
        extracted = extract_text(received.data)
        if extracted.problem:
            warnings.append(f"{shown_as}:1: FILE: no text kept: {extracted.problem} (the note is recorded; "
                            "list --text will not find it by what it says)")
        before = _kept_names(root, received.sha256)
        note.file_name = keep_received(root, received)
        made = note.file_name if note.file_name.rsplit("/", 1)[-1] not in before else ""
        note.original_name, note.sha256 = received.original_name, received.sha256
        note.text, note.text_source = extracted.text, extracted.source
    languages = list(workspace.config.get("languages") or ["en", "ru", "kk"])
    for line in missing_entry(note.sender, workspace, languages, "the sender"):
        warnings.append(f"{display_path(root / 'termbase' / 'terms.yaml')}:1: {note.sender}: {line} "
                        "(needed before a reply to it)")
    try:
        return receive(register, note), warnings
    except RegisterError:
        if received is not None and made and not holding_file(register, received.sha256):
            _remove_copy(root, made)   # refused (recorded a moment ago by another clerk): no copy left behind
        raise


def _kept_names(root, sha256: str) -> set[str]:
    """The names in incoming/ that a copy of a file of this SHA-256 may have."""
    from .received import INCOMING_DIR

    try:
        return {path.name for path in (root / INCOMING_DIR).glob(f"{sha256[:16]}-*")}
    except OSError:
        return set()


def _remove_copy(root, name: str) -> None:
    import os
    import stat

    target = root / name
    try:
        os.chmod(target, stat.S_IWUSR | stat.S_IRUSR)   # read-only as received (Windows deletes no such file)
        os.unlink(target)
    except OSError:
        pass


def _refuse_recorded_twice(register, note: NewIncoming) -> None:
    """A sender numbers each note once: the same sender, number and date recorded again would be a second
    record of one note, open for ever (its reply answers the first), and records are never deleted.  Asked before
    the file is copied and read; ``receive`` decides under the register's unique key."""
    with register.transaction() as conn:
        ident = _holder_of_key(conn, note)
    if ident is not None:
        raise _recorded_twice(register, note, ident)


def _holder_of_key(conn: Connection, note: NewIncoming) -> str | None:
    """The id of the record that holds the note's key (sender, number, date), or None."""
    row = conn.execute(select(incoming.c.year, incoming.c.seq).join(incoming_keys, incoming_keys.c.incoming_id ==
                                                                    incoming.c.id)
                       .where(incoming_keys.c.sender == note.sender, incoming_keys.c.number == note_number_key(note.number),
                              incoming_keys.c.note_date == note.note_date)).first()
    return incoming_id(row.year, row.seq) if row is not None else None


def _recorded_twice(register, note: NewIncoming, ident: str) -> RegisterError:
    return RegisterError(f"{note.sender}'s note {note.number} of {note.note_date.isoformat()} is recorded already "
                         f"as {ident}", field="--number",
                         hint=f"`verbale incoming show {ident}` shows it; nothing was recorded",
                         file=register.shown, line=1)


def find_incoming(register, ident: str) -> Incoming | None:
    found = incoming_notes(register, ident=ident)
    return found[0] if found else None


def answered(register, entry_ids: list[int]) -> dict[int, list[Incoming]]:
    """The incoming notes each outgoing entry answers."""
    if not entry_ids:
        return {}
    with register.transaction() as conn:
        links = conn.execute(select(replies.c.entry_id, replies.c.incoming_id)
                             .where(replies.c.entry_id.in_(entry_ids)).order_by(replies.c.id)).all()
        withdrawn = _withdrawn(conn, [(link.incoming_id, link.entry_id) for link in links])
        links = [link for link in links if (link.incoming_id, link.entry_id) not in withdrawn]
        rows = {row.id: dict(row._mapping) for row in conn.execute(
            select(incoming).where(incoming.c.id.in_({link.incoming_id for link in links})))} if links else {}
    found: dict[int, list[Incoming]] = {}
    for link in links:
        found.setdefault(link.entry_id, []).append(Incoming(rows[link.incoming_id]))
    return found


def link_reply(register, incoming_row_id: int | None, entry_id: int, by: str) -> bool:
    """Record that the outgoing entry answers the incoming note (None: no note), as the note was last sent: a
    link to another note is withdrawn, a withdrawn link to this one restored (append-only changes).  Returns
    whether anything was recorded."""
    if incoming_row_id is None:   # most notes answer nothing and never did: a look without the write lock
        with register.transaction(autocommit=True) as conn:
            if conn.execute(select(replies.c.id).where(replies.c.entry_id == entry_id).limit(1)).first() is None:
                return False
    with register.transaction() as conn:
        changed = False
        if incoming_row_id is not None:
            statement = (_insert(conn, replies).values(incoming_id=incoming_row_id, entry_id=entry_id,
                                                       created_at=_now(), created_by=by)
                         .on_conflict_do_nothing(index_elements=["incoming_id", "entry_id"]).returning(replies.c.id))
            changed = conn.execute(statement).first() is not None   # (psycopg gives no rowcount here)
        linked = {row.incoming_id for row in conn.execute(select(replies.c.incoming_id)
                                                          .where(replies.c.entry_id == entry_id))}
        if not linked:
            return changed
        latest = _latest_changes(conn, reply_changes.c.entry_id, [entry_id])
        for incoming_id in sorted(linked):
            live = latest.get((incoming_id, entry_id), {"linked": 1})["linked"]
            wanted = incoming_id == incoming_row_id
            if bool(live) != wanted:
                conn.execute(reply_changes.insert().values(incoming_id=incoming_id, entry_id=entry_id,
                                                           linked=int(wanted), created_at=_now(), created_by=by))
                changed = True
        return changed


def holding_file(register, sha256: str) -> list[str]:
    """The ids of incoming notes recorded with a file of this SHA-256 (a note received twice)."""
    with register.transaction() as conn:
        rows = conn.execute(select(incoming.c.year, incoming.c.seq).where(incoming.c.sha256 == sha256)
                            .order_by(incoming.c.id)).all()
    return [incoming_id(row.year, row.seq) for row in rows]
