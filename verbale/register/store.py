"""The register in a database: allocation in one locked transaction, records, cancellations, look-ups.

Allocation locks the series for the length of one short transaction (SQLite: ``BEGIN IMMEDIATE`` takes the
database's write lock; PostgreSQL: ``SELECT … FOR UPDATE`` on the series row), reads the last number, records
the new entry and commits: a process killed inside it leaves nothing (the transaction rolls back), so the
numbers have no gaps and no duplicates, across processes and machines.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from typing import Callable, Iterator

from sqlalchemy import and_, bindparam, create_engine, event, exists, func, literal, or_, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError

from ..errors import RegisterError
from . import schema
from .config import Numbering
from .schema import amendments, entries, files, kinds, series, states, terms, texts
from .search import RECIPIENT, TEXT, prefix_range, query_words, record_terms, text_terms

ISSUED, CANCELLED = "issued", "cancelled"
# NOTE-SPEC §12: the states of a note; registered and cancelled are its entries, the others register_states rows
REGISTERED, SIGNED, DISPATCHED = "registered", "signed", "dispatched"
STATES = (REGISTERED, SIGNED, DISPATCHED, CANCELLED)
CHANNELS = ("courier", "pouch", "email", "hand")
MAX_COPIES = 10000


def dispatch_problem(channel: str, copies: int) -> str:
    """What is wrong with a dispatch's channel and copies ("" when nothing): `register dispatch` and the desk
    refuse the same.

    >>> dispatch_problem("pouch", 2), dispatch_problem("fax", 1), dispatch_problem("hand", 0)
    ('', "'fax' is not a channel: courier, pouch, email or hand", 'copies: a whole number from 1 to 10000')
    """
    if channel not in CHANNELS:
        return f"'{channel[:40]}' is not a channel: {', '.join(CHANNELS[:-1])} or {CHANNELS[-1]}"
    if not 1 <= copies <= MAX_COPIES:
        return f"copies: a whole number from 1 to {MAX_COPIES}"
    return ""


LOCK_WAIT_SECONDS = 60


@dataclass
class NewEntry:
    """What the register records of a note, beside its number."""

    note_date: dt.date
    sender: str = ""
    recipients: list[str] = field(default_factory=list)
    subject: str = ""
    languages: list[str] = field(default_factory=list)
    spec_path: str = ""
    created_by: str = ""


@dataclass(frozen=True)
class Allocated:
    number: str
    entry_id: int | None
    seq: int | None
    reused: bool = False     # an earlier run of the same spec took this number and wrote nothing
    carried: bool = False    # the spec carried a number by the time the series was locked: nothing allocated


@dataclass
class Record:
    """A number as the register knows it: its issue, its cancellation if any, the files written under it."""

    entry: dict
    cancellation: dict | None = None
    files: list[dict] = field(default_factory=list)
    amendments: list[dict] = field(default_factory=list)
    later_states: list[dict] = field(default_factory=list)   # register_states rows: signed, dispatched
    texts: list[dict] = field(default_factory=list)          # register_texts rows
    document_kind: str = "note-verbale"                     # NOTE-SPEC §11: register_kinds (none: a note verbale)

    @property
    def number(self) -> str:
        return self.entry["number"]

    @property
    def states(self) -> list[dict]:
        """Every state of the note in the order they came, each with ``state``, ``created_at``, ``created_by``
        (and its details): registered (the entry), signed and dispatched, cancelled (the cancellation)."""
        events = [{"state": REGISTERED, "created_at": self.entry["created_at"], "created_by": self.entry["created_by"]}]
        events += [dict(row) for row in self.later_states]
        if self.cancellation is not None:
            events.append({"state": CANCELLED, "created_at": self.cancellation["created_at"],
                           "created_by": self.cancellation["created_by"], "reason": self.cancellation["reason"]})
        return events

    @property
    def state(self) -> str:
        """The note's state now: cancelled once cancelled, else the latest of registered, signed, dispatched."""
        if self.cancellation is not None:
            return CANCELLED
        return self.later_states[-1]["state"] if self.later_states else REGISTERED

    def signed_files(self) -> dict[str, dict]:
        """File name -> the latest ``signed`` state of that file."""
        return {row["file_name"]: row for row in self.later_states if row["state"] == SIGNED}

    def file_hashes(self) -> dict[str, str]:
        """File name -> its SHA-256 as last recorded (written, or signed since)."""
        latest = {row["name"]: row["sha256"] for row in self.files}
        latest.update({name: row["sha256"] for name, row in self.signed_files().items()})
        return latest

    @property
    def facts(self) -> dict:
        """The entry as the note was last sent: its issue with the facts of its latest amendment."""
        latest = self.amendments[-1] if self.amendments else {}
        return {**self.entry, **{key: latest[key] for key in FACTS if key in latest}}


FACTS = ("note_date", "sender", "recipients", "subject", "languages")


def facts_of(entry: "NewEntry") -> dict:
    """The facts of a new entry as the register stores them."""
    return dict(note_date=entry.note_date, sender=entry.sender, recipients=" ".join(entry.recipients),
                subject=entry.subject, languages=" ".join(entry.languages))


def same_period(number_period: str, period: str) -> bool:
    """Whether a number recorded in ``number_period`` stands in the way of the same number in ``period``: in the
    same period, or where either never restarts (a register whose numbering changed stays unambiguous)."""
    return number_period == period or "" in (number_period, period)


def utc(moment: dt.datetime) -> dt.datetime:
    """A stored time as an aware UTC time (SQLite keeps it naive)."""
    return moment.replace(tzinfo=dt.timezone.utc) if moment.tzinfo is None else moment.astimezone(dt.timezone.utc)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def _first_line(exc: BaseException) -> str:
    message = str(getattr(exc, "orig", None) or exc).strip()
    return message.splitlines()[0] if message else type(exc).__name__


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": LOCK_WAIT_SECONDS})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # the driver's own BEGIN would be DEFERRED
        dbapi_connection.execute("PRAGMA foreign_keys = ON")

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")  # the write lock at once: no upgrade deadlock

    return engine


def _postgresql_engine(url: str) -> Engine:
    # A process uses one connection at a time (twenty clerks with --jobs 2 are some sixty connections, within a
    # server's usual 100): one kept open for the process's life, a few more only if ever needed at once.
    return create_engine(url, pool_size=1, max_overflow=3, connect_args={"connect_timeout": 10,
                                            "options": f"-c lock_timeout={LOCK_WAIT_SECONDS * 1000}"})


_ENGINES: dict[tuple[str, int], Engine] = {}


def engine_for(url: str) -> Engine:
    """One engine per register and process (a worker never shares its parent's connections)."""
    key = (url, os.getpid())
    if key not in _ENGINES:
        _ENGINES[key] = _postgresql_engine(url) if url.startswith("postgresql") else _sqlite_engine(url)
    return _ENGINES[key]


def _insert_terms(conn: Connection, entry_id: int, version: int, rows: list[tuple[str, str]]) -> None:
    if rows:
        conn.execute(terms.insert(), [dict(entry_id=entry_id, version=version, field=field, term=term)
                                      for field, term in rows])


def _insert(conn: Connection, table):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


class Register:
    """One register (an SQLAlchemy URL); ``shown`` names it in messages."""

    _ready: set[tuple[str, int]] = set()

    def __init__(self, url: str, shown: str = "", where: tuple[str, int] = ("verbale.yaml", 1)):
        self.url, self.shown, self.where = url, shown or url, where
        self.engine = engine_for(url)

    def error(self, problem: str, hint: str = "") -> RegisterError:
        return RegisterError(problem, field="register", hint=hint, file=self.where[0], line=self.where[1])

    def transaction(self, autocommit: bool = False) -> "_Transaction":
        """``with register.transaction() as conn``; ``autocommit``: each statement is a transaction of its own."""
        return _Transaction(self, autocommit)

    def ensure_schema(self) -> None:
        key = (self.url, os.getpid())
        if key in Register._ready:
            return
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(1717017)"))  # one migrating process at a time
            found = schema.migrate(conn)
        if found > schema.VERSION:
            raise self.error(f"the register {self.shown} has schema version {found}; this verbale knows "
                             f"{schema.VERSION}", "update verbale")
        Register._ready.add(key)

    # -- numbers -------------------------------------------------------------------------------------

    def allocate(self, numbering: Numbering, entry: NewEntry,
                 while_locked: Callable[[str], None] | None = None,
                 carried: Callable[[], str | None] | None = None) -> Allocated:
        """The next free number of the note's series, recorded as issued, in one locked transaction.

        ``carried`` tells the number the spec carries by then, or None while it still waits for one: when another
        run numbered it meanwhile, nothing is allocated. It is asked after the register was looked at for the
        spec, and the allocation goes ahead only if the register still holds what was seen then (else it is
        asked again): a run that numbered the spec wrote the number into it before recording its files.  A number
        that an earlier run allocated to the same spec and never wrote (the run was killed, or its files could
        not be written) is given again instead. ``while_locked`` is called with the number before the commit,
        the series still locked (the tests kill a process there).

        PostgreSQL: the locked part is one call of the database's function ``register_allocate`` in a
        transaction of its own, so the series is never locked while a message travels to this process and back
        (twenty clerks at once otherwise spend their time handing the lock over; see BENCHMARKS.md).  SQLite
        (one machine, no server): the same steps in Python inside ``BEGIN IMMEDIATE``."""
        period = numbering.period(entry.note_date)
        series_id = self._series_id(numbering, period)
        values = self._entry_values(entry, ISSUED, series_id=series_id, period=period)
        if self.engine.dialect.name == "postgresql":
            return self._allocate_on_server(numbering, entry, series_id, values, while_locked, carried)
        with self.transaction() as conn:
            last = conn.execute(select(series.c.last_seq).where(series.c.id == series_id)).scalar()
            if last is None:
                raise self._series_gone()
            unfinished = conn.execute(select(self._unfinished(series_id, entry.spec_path))).scalar()
            number_carried = carried() if carried is not None else None
            if number_carried is not None:
                return Allocated(number_carried, None, None, carried=True)
            if unfinished is not None:
                row = conn.execute(select(entries.c.number, entries.c.seq).where(entries.c.id == unfinished)).one()
                return Allocated(row.number, unfinished, row.seq, reused=True)
            seq = max(last, numbering.start - 1)
            while True:  # a number typed by hand earlier may stand in the way: it is skipped, never repeated
                seq += 1
                number = numbering.format(seq, entry.note_date)
                if not conn.execute(select(self._held(number, period))).scalar():
                    break
            entry_id = self._record_issue(conn, series_id, seq, {**values, "number": number, "seq": seq})
            if while_locked is not None:
                while_locked(number)
        return Allocated(number, entry_id, seq)

    WINDOW = 64   # numbers formatted ahead for the server: more clerks than this between a look and a call retry

    def _allocate_on_server(self, numbering: Numbering, entry: NewEntry, series_id: int, values: dict,
                            while_locked, carried) -> Allocated:
        rows = record_terms("", values["subject"], values["spec_path"], values["recipients"])
        while True:
            with self.transaction(autocommit=True) as conn:   # no lock: what the register holds for the spec now
                seen = conn.execute(select(series.c.last_seq, func.coalesce(
                    select(func.max(entries.c.id)).where(entries.c.series_id == series_id,
                                                         entries.c.spec_path == entry.spec_path,
                                                         entries.c.kind == ISSUED).scalar_subquery(), 0))
                                    .where(series.c.id == series_id)).first()
            if seen is None:
                raise self._series_gone()
            number_carried = carried() if carried is not None else None
            if number_carried is not None:
                return Allocated(number_carried, None, None, carried=True)
            first = max(seen.last_seq, numbering.start - 1) + 1
            numbers = [numbering.format(seq, entry.note_date) for seq in range(first, first + self.WINDOW)]
            # the terms of every candidate number, so that the entry is indexed in the same call
            number_terms = [" ".join(sorted(text_terms(number, "", ""))) for number in numbers]
            call = text("SELECT * FROM register_allocate(:series, :spec, :seen, :first, :numbers, :number_terms, "
                        ":period, :note_date, :sender, :recipients, :subject, :languages, :created_at, :created_by, "
                        ":fields, :terms)").bindparams(bindparam("created_at", type_=entries.c.created_at.type))
            params = dict(series=series_id, spec=entry.spec_path, seen=seen[1], first=first, numbers=numbers,
                          number_terms=number_terms, period=values["period"], note_date=values["note_date"],
                          sender=values["sender"], recipients=values["recipients"], subject=values["subject"],
                          languages=values["languages"], created_at=values["created_at"],
                          created_by=values["created_by"], fields=[f for f, _ in rows], terms=[t for _, t in rows])
            with self.transaction(autocommit=while_locked is None) as conn:
                state, entry_id, number, seq = conn.execute(call, params).one()
                if state == "issued" and while_locked is not None:
                    while_locked(number)
            if state == "issued":
                return Allocated(number, entry_id, seq)
            if state == "reused":
                return Allocated(number, entry_id, seq, reused=True)
            # "changed": another run numbered the spec since it was looked at (ask the spec again); "window": more
            # numbers were given meanwhile than were formatted ahead

    def _series_gone(self) -> RegisterError:
        Register._series.clear()   # the register was made again under the same address since this process looked
        return self.error("the register changed under this run (its series are gone)", "run again")

    _series: dict[tuple, int] = {}

    def _series_id(self, numbering: Numbering, period: str) -> int:
        """The series row of a pattern and period, made if new (in its own short transaction, before the lock is
        taken); known once per process, since a series row is never removed."""
        key = (self.url, os.getpid(), numbering.pattern, period)
        if key not in Register._series:
            with self.transaction() as conn:
                conn.execute(_insert(conn, series).values(pattern=numbering.pattern, period=period,
                                                          last_seq=numbering.start - 1)
                             .on_conflict_do_nothing(index_elements=["pattern", "period"]))
                Register._series[key] = conn.execute(select(series.c.id).where(
                    series.c.pattern == numbering.pattern, series.c.period == period)).scalar_one()
        return Register._series[key]

    @staticmethod
    def _held(number: str, period: str):
        """Whether an issue of ``number`` stands in the way of issuing it in ``period`` (see ``same_period``)."""
        return exists().where(entries.c.number == number, entries.c.kind == ISSUED,
                              or_(entries.c.period == period, entries.c.period == "", literal(period) == ""))

    @staticmethod
    def _holder(conn: Connection, number: str, period: str):
        """The issue of ``number`` that stands in the way of issuing it in ``period``, or None."""
        rows = conn.execute(select(entries.c.id, entries.c.period)
                            .where(entries.c.number == number, entries.c.kind == ISSUED)).all()
        return next((row for row in rows if same_period(row.period, period)), None)

    @staticmethod
    def _unfinished(series_id: int, spec_path: str):
        """The id of the spec's number issued in this series and never written nor cancelled, as a scalar
        subquery (NULL when there is none)."""
        cancelled = entries.alias("cancelled")
        return (select(entries.c.id)
                .where(literal(spec_path) != "", entries.c.spec_path == spec_path, entries.c.series_id == series_id,
                       entries.c.kind == ISSUED,
                       ~exists().where(files.c.entry_id == entries.c.id),
                       ~exists().where(and_(cancelled.c.number == entries.c.number,
                                            cancelled.c.period == entries.c.period, cancelled.c.kind == CANCELLED)))
                .order_by(entries.c.id).limit(1).scalar_subquery())

    @staticmethod
    def _entry_values(entry: NewEntry, kind: str, reason: str = "", **extra) -> dict:
        return dict(kind=kind, **facts_of(entry), spec_path=entry.spec_path, created_at=_now(),
                    created_by=entry.created_by, reason=reason, **extra)

    @staticmethod
    def _record_issue(conn: Connection, series_id: int, seq: int, values: dict) -> int:
        """The series moved on to ``seq`` and the entry recorded with its terms (SQLite's allocation)."""
        conn.execute(series.update().where(series.c.id == series_id).values(last_seq=seq))
        entry_id = conn.execute(entries.insert().values(**values).returning(entries.c.id)).scalar_one()
        _insert_terms(conn, entry_id, 0, record_terms(values["number"], values["subject"], values["spec_path"],
                                                      values["recipients"]))
        return entry_id

    @staticmethod
    def _insert_entry(conn: Connection, entry: NewEntry, number: str, kind: str, reason: str = "", **extra) -> int:
        values = Register._entry_values(entry, kind, reason, number=number, **extra)
        entry_id = conn.execute(entries.insert().values(**values).returning(entries.c.id)).scalar_one()
        if kind == ISSUED:
            _insert_terms(conn, entry_id, 0, record_terms(number, values["subject"], values["spec_path"],
                                                          values["recipients"]))
        return entry_id

    def record_typed(self, number: str, entry: NewEntry, period: str = "") -> int:
        """Record a number the clerk typed, unless the register has it already in ``period`` (then RegisterError)."""
        taken = self.error(f"number {number} was recorded by someone else a moment ago",
                           "set number: auto for the next free number")
        try:
            with self.transaction() as conn:
                if self._holder(conn, number, period) is not None:
                    raise taken
                return self._insert_entry(conn, entry, number, ISSUED, period=period)
        except RegisterError as exc:
            if isinstance(exc.__cause__, IntegrityError):
                raise taken from None
            raise

    def amend(self, entry_id: int, entry: NewEntry) -> None:
        """Record what a numbered note was sent again as (its recipients, subject… changed); nothing is rewritten."""
        with self.transaction() as conn:
            facts = facts_of(entry)
            amendment = conn.execute(amendments.insert().values(entry_id=entry_id, **facts, created_at=_now(),
                                                                created_by=entry.created_by)
                                     .returning(amendments.c.id)).scalar_one()
            issued = conn.execute(select(entries.c.number, entries.c.spec_path).where(entries.c.id == entry_id)).one()
            _insert_terms(conn, entry_id, amendment, record_terms(issued.number, facts["subject"], issued.spec_path,
                                                                  facts["recipients"]))

    def record_files(self, entry_id: int, written: list[tuple[str, str, str]]) -> int:
        """Record (recipient, file name, SHA-256) written under an entry; a version already recorded is not
        recorded again. Returns how many were new."""
        if not written:
            return 0
        with self.transaction() as conn:
            rows = [dict(entry_id=entry_id, recipient=recipient, name=name, sha256=digest, written_at=_now())
                    for recipient, name, digest in written]
            statement = _insert(conn, files).on_conflict_do_nothing(index_elements=["entry_id", "name", "sha256"])
            return sum(conn.execute(statement.values(row)).rowcount for row in rows)

    def cancel(self, number: str, why: str, by: str, year: int | None = None) -> None:
        """Add the cancellation of an issued number (of the notes dated ``year``, where the number alone is
        ambiguous); nothing is deleted or rewritten."""
        record = self.find(number, year)
        if record is None:
            raise RegisterError(f"number {number} is not in the register" + (f" for {year}" if year else ""),
                                field="NUMBER", hint="'verbale register list' shows the numbers", file=self.shown,
                                line=1)
        if record.cancellation is not None:
            raise RegisterError(f"number {number} was cancelled already on "
                                f"{utc(record.cancellation['created_at']):%Y-%m-%d}", field="NUMBER",
                                hint=record.cancellation["reason"], file=self.shown, line=1)
        issued = record.entry
        entry = NewEntry(note_date=issued["note_date"], sender=issued["sender"],
                         recipients=issued["recipients"].split(), subject=issued["subject"],
                         languages=issued["languages"].split(), spec_path=issued["spec_path"], created_by=by)
        try:
            with self.transaction() as conn:
                self._insert_entry(conn, entry, number, CANCELLED, reason=why, series_id=issued["series_id"],
                                   seq=issued["seq"], period=issued["period"])
        except RegisterError as exc:
            if isinstance(exc.__cause__, IntegrityError):
                raise RegisterError(f"number {number} was cancelled a moment ago", field="NUMBER",
                                    file=self.shown, line=1) from None
            raise

    def record_kind(self, entry_id: int, kind: str) -> None:
        """Record the kind of document a number was given to (NOTE-SPEC §11: a personal note, an aide-mémoire);
        a note verbale, the default, is recorded by no row, as every note was before kinds."""
        if kind == Record.document_kind:
            return
        with self.transaction() as conn:
            conn.execute(_insert(conn, kinds).on_conflict_do_nothing(index_elements=["entry_id", "kind"])
                         .values(entry_id=entry_id, kind=kind, created_at=_now()))

    # -- states and texts (NOTE-SPEC §12) ---------------------------------------------------------------

    def record_texts(self, entry_id: int, written: list[tuple[str, str, str, str]]) -> int:
        """Record (recipient, language, text SHA-256, text) of a note's language versions; a version recorded
        already is not recorded again.  Returns how many were new."""
        if not written:
            return 0
        with self.transaction() as conn:
            statement = _insert(conn, texts).on_conflict_do_nothing(
                index_elements=["entry_id", "recipient", "lang", "sha256"])
            return sum(len(conn.execute(statement.values(entry_id=entry_id, recipient=recipient, lang=lang,
                                                         sha256=digest, text=body, written_at=_now())
                                        .returning(texts.c.id)).all())
                       for recipient, lang, digest, body in written)

    def add_states(self, record: Record, rows: list[dict], by: str, conn: Connection | None = None) -> None:
        """Append states (``signed``, ``dispatched`` with their details) to a registered, uncancelled note; in
        ``conn`` when given (the caller commits), else in a transaction of its own."""
        if record.cancellation is not None:
            raise RegisterError(f"number {record.number} was cancelled on "
                                f"{utc(record.cancellation['created_at']):%Y-%m-%d}", field="NUMBER",
                                hint=record.cancellation["reason"], file=self.shown, line=1)
        values = [dict(entry_id=record.entry["id"], created_at=_now(), created_by=by, **row) for row in rows]
        if conn is not None:
            self._check_not_cancelled(conn, record)
            conn.execute(states.insert(), values)
            return
        with self.transaction() as conn:
            self._check_not_cancelled(conn, record)
            conn.execute(states.insert(), values)

    def _check_not_cancelled(self, conn: Connection, record: Record) -> None:
        """Inside the transaction: a cancellation recorded since ``record`` was read refuses the new state."""
        cancelled = conn.execute(select(entries.c.id).where(
            entries.c.number == record.number, entries.c.period == record.entry["period"],
            entries.c.kind == CANCELLED)).first()
        if cancelled is not None:
            raise RegisterError(f"number {record.number} was cancelled a moment ago", field="NUMBER",
                                file=self.shown, line=1)

    def dispatch(self, number: str, channel: str, copies: int, by: str, year: int | None = None,
                 receipt: tuple[str, str] | None = None) -> Record:
        """Record that a note left the office: by ``channel``, ``copies`` copies, with a receipt (name, SHA-256)."""
        record = self.find(number, year)
        if record is None:
            raise RegisterError(f"number {number} is not in the register" + (f" for {year}" if year else ""),
                                field="NUMBER", hint="'verbale register list' shows the numbers", file=self.shown,
                                line=1)
        name, digest = receipt or ("", "")
        self.add_states(record, [dict(state=DISPATCHED, channel=channel, copies=copies, file_name=name,
                                      sha256=digest)], by)
        return record

    def holding(self, *, sha256: str) -> list[Record]:
        """The notes that recorded a file (written or signed) or a text with this SHA-256.  A dispatch's receipt
        (a courier's slip, an e-mail), kept beside a note by its SHA-256, is not the note: not looked up here."""
        with self.transaction() as conn:
            ids = {row.entry_id for row in conn.execute(select(files.c.entry_id).where(files.c.sha256 == sha256))}
            ids |= {row.entry_id for row in conn.execute(select(states.c.entry_id).where(
                states.c.sha256 == sha256, states.c.state == SIGNED))}
            ids |= {row.entry_id for row in conn.execute(select(texts.c.entry_id).where(texts.c.sha256 == sha256))}
            numbers = [row.number for row in conn.execute(select(entries.c.number).where(entries.c.id.in_(ids)))] \
                if ids else []
        return [record for number in dict.fromkeys(numbers) for record in self.records(number=number)
                if record.entry["id"] in ids]

    # -- reading ---------------------------------------------------------------------------------------

    def find(self, number: str, year: int | None = None) -> Record | None:
        """The issue of ``number`` (of a note dated ``year``); RegisterError where several years have it."""
        records = list(self.records(number=number, year=year))
        if len(records) > 1:
            years = sorted({str(r.entry["note_date"].year) for r in records if r.entry["note_date"]})
            raise RegisterError(f"number {number} was issued in {', '.join(years[:-1])} and {years[-1]}",
                                field="NUMBER", hint="say which: " + " or ".join(f"--year {y}" for y in years),
                                file=self.shown, line=1)
        return records[0] if records else None

    def holder(self, number: str, period: str) -> Record | None:
        """The issue of ``number`` that a note of ``period`` would collide with, or None."""
        return next((record for record in self.records(number=number)
                     if same_period(record.entry["period"], period)), None)

    def records(self, *, number: str | None = None, year: int | None = None,
                recipient: str | None = None, words: str = "", state: str | None = None,
                kind: str | None = None) -> Iterator[Record]:
        """Issued numbers in the order they were issued, each with its cancellation, files and amendments;
        ``recipient`` and ``words`` look at what each note was last sent as, in the database by index (a word
        matches where a term of the number, subject or spec path begins with it: verbale/register/search.py)."""
        condition = [entries.c.kind == ISSUED]
        if number is not None:
            condition.append(entries.c.number == number)
        if year is not None:
            condition.append(entries.c.note_date.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
        looked_up = [_matching(RECIPIENT, recipient, recipient)] if recipient else []
        looked_up += [_matching(TEXT, *prefix_range(word)) for word in query_words(words)]
        if looked_up:
            condition.append(entries.c.id.in_(looked_up[0].intersect(*looked_up[1:]) if len(looked_up) > 1
                                              else looked_up[0]))
        with self.transaction() as conn:
            issued = [dict(r._mapping) for r in conn.execute(select(entries).where(*condition).order_by(entries.c.id))]
            numbers = sorted({e["number"] for e in issued})
            ids = [e["id"] for e in issued]
            cancellations, written, amended, later, kept, kind_of = {}, {}, {}, {}, {}, {}
            for chunk in range(0, len(ids), CHUNK):
                some_ids, some_numbers = ids[chunk:chunk + CHUNK], numbers[chunk:chunk + CHUNK]
                for row in conn.execute(select(entries).where(entries.c.kind == CANCELLED,
                                                              entries.c.number.in_(some_numbers))):
                    cancellations[(row.number, row.period)] = dict(row._mapping)
                for row in conn.execute(select(files).where(files.c.entry_id.in_(some_ids)).order_by(files.c.id)):
                    written.setdefault(row.entry_id, []).append(dict(row._mapping))
                for row in conn.execute(select(amendments).where(amendments.c.entry_id.in_(some_ids))
                                        .order_by(amendments.c.id)):
                    amended.setdefault(row.entry_id, []).append(dict(row._mapping))
                for row in conn.execute(select(states).where(states.c.entry_id.in_(some_ids)).order_by(states.c.id)):
                    later.setdefault(row.entry_id, []).append(dict(row._mapping))
                for row in conn.execute(select(texts).where(texts.c.entry_id.in_(some_ids)).order_by(texts.c.id)):
                    kept.setdefault(row.entry_id, []).append(dict(row._mapping))
                for row in conn.execute(select(kinds).where(kinds.c.entry_id.in_(some_ids)).order_by(kinds.c.id)):
                    kind_of[row.entry_id] = row.kind   # the last recorded, should a number change its kind
        for entry in issued:
            record = Record(entry, cancellations.get((entry["number"], entry["period"])), written.get(entry["id"], []),
                            amended.get(entry["id"], []), later.get(entry["id"], []), kept.get(entry["id"], []),
                            kind_of.get(entry["id"], Record.document_kind))
            if state and record.state != state or kind and record.document_kind != kind:
                continue
            yield record


CHUNK = 500   # ids in one IN (…) list: SQLite takes at most 32,766 parameters a statement


def _matching(field: str, low: str, high: str):
    """The ids of the entries one of whose terms (of ``field``) lies in [low, high), or equals ``low`` when
    ``high`` is ``low``; only the terms of what the note was last sent as (its latest amendment, else its
    issue) count."""
    latest = func.coalesce(select(func.max(amendments.c.id)).where(amendments.c.entry_id == terms.c.entry_id)
                           .scalar_subquery(), 0)
    in_range = terms.c.term == low if high == low else and_(terms.c.term >= low, terms.c.term < high)
    return select(terms.c.entry_id).where(terms.c.field == field, in_range, terms.c.version == latest)


class _Transaction:
    """``with register.transaction() as conn``: the schema ready, database errors as one-line RegisterErrors."""

    def __init__(self, register: Register, autocommit: bool = False):
        self.register, self.context, self.autocommit = register, None, autocommit

    def __enter__(self) -> Connection:
        try:
            self.register.ensure_schema()
            if self.autocommit:
                self.context = self.register.engine.connect()
                return self.context.__enter__().execution_options(isolation_level="AUTOCOMMIT")
            self.context = self.register.engine.begin()
            return self.context.__enter__()
        except RegisterError:
            raise
        except SQLAlchemyError as exc:
            raise self._error(exc) from exc

    def __exit__(self, kind, value, traceback) -> bool:
        try:
            self.context.__exit__(kind, value, traceback)
        except SQLAlchemyError as exc:
            raise self._error(exc) from exc
        if isinstance(value, SQLAlchemyError):
            raise self._error(value) from value
        return False

    def _error(self, exc: SQLAlchemyError) -> RegisterError:
        if isinstance(exc, IntegrityError):
            return self.register.error(f"the register refused a record: {_first_line(exc)}")
        reach = isinstance(exc, DBAPIError) and exc.connection_invalidated or "connect" in _first_line(exc).lower()
        return self.register.error(f"cannot use the register {self.register.shown}: {_first_line(exc)}",
                                   "check the server is running and the address in verbale.yaml"
                                   if reach else "try again; if it persists, ask whoever keeps the register")
