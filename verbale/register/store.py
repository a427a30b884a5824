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

from sqlalchemy import and_, create_engine, event, exists, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError

from ..errors import RegisterError
from . import schema
from .config import Numbering
from .schema import amendments, entries, files, series, states, texts

ISSUED, CANCELLED = "issued", "cancelled"
# NOTE-SPEC §12: the states of a note; registered and cancelled are its entries, the others register_states rows
REGISTERED, SIGNED, DISPATCHED = "registered", "signed", "dispatched"
STATES = (REGISTERED, SIGNED, DISPATCHED, CANCELLED)
CHANNELS = ("courier", "pouch", "email", "hand")
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
    return create_engine(url, connect_args={"connect_timeout": 10,
                                            "options": f"-c lock_timeout={LOCK_WAIT_SECONDS * 1000}"})


_ENGINES: dict[tuple[str, int], Engine] = {}


def engine_for(url: str) -> Engine:
    """One engine per register and process (a worker never shares its parent's connections)."""
    key = (url, os.getpid())
    if key not in _ENGINES:
        _ENGINES[key] = _postgresql_engine(url) if url.startswith("postgresql") else _sqlite_engine(url)
    return _ENGINES[key]


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

    def transaction(self) -> "_Transaction":
        return _Transaction(self)

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

        ``carried`` (called with the series locked) tells the number the spec carries by then, or None while it
        still waits for one: when another run numbered it meanwhile, nothing is allocated. A number that an
        earlier run allocated to the same spec and never wrote (the run was killed, or its files could not be
        written) is given again instead. ``while_locked`` is called with the number before the commit, the
        series still locked (the tests kill a process there)."""
        period = numbering.period(entry.note_date)
        with self.transaction() as conn:
            conn.execute(_insert(conn, series).values(pattern=numbering.pattern, period=period,
                                                      last_seq=numbering.start - 1)
                         .on_conflict_do_nothing(index_elements=["pattern", "period"]))
            row = conn.execute(select(series).where(series.c.pattern == numbering.pattern,
                                                    series.c.period == period).with_for_update()).one()
            unfinished = self._unfinished(conn, row.id, entry.spec_path)
            number = carried() if carried is not None else None
            if number is not None:
                return Allocated(number, None, None, carried=True)
            if unfinished is not None:
                return Allocated(unfinished.number, unfinished.id, unfinished.seq, reused=True)
            seq = max(row.last_seq, numbering.start - 1)
            while True:  # a number typed by hand earlier may stand in the way: it is skipped, never repeated
                seq += 1
                number = numbering.format(seq, entry.note_date)
                if self._holder(conn, number, period) is None:
                    break
            conn.execute(series.update().where(series.c.id == row.id).values(last_seq=seq))
            entry_id = self._insert_entry(conn, entry, number, ISSUED, series_id=row.id, seq=seq, period=period)
            if while_locked is not None:
                while_locked(number)
        return Allocated(number, entry_id, seq)

    @staticmethod
    def _holder(conn: Connection, number: str, period: str):
        """The issue of ``number`` that stands in the way of issuing it in ``period``, or None."""
        rows = conn.execute(select(entries.c.id, entries.c.period)
                            .where(entries.c.number == number, entries.c.kind == ISSUED)).all()
        return next((row for row in rows if same_period(row.period, period)), None)

    @staticmethod
    def _unfinished(conn: Connection, series_id: int, spec_path: str):
        if not spec_path:
            return None
        cancelled = entries.alias("cancelled")
        return conn.execute(
            select(entries.c.id, entries.c.number, entries.c.seq)
            .where(entries.c.series_id == series_id, entries.c.spec_path == spec_path, entries.c.kind == ISSUED,
                   ~exists().where(files.c.entry_id == entries.c.id),
                   ~exists().where(and_(cancelled.c.number == entries.c.number,
                                        cancelled.c.period == entries.c.period, cancelled.c.kind == CANCELLED)))
            .order_by(entries.c.id)).first()

    @staticmethod
    def _insert_entry(conn: Connection, entry: NewEntry, number: str, kind: str, reason: str = "", **extra) -> int:
        values = dict(number=number, kind=kind, **facts_of(entry), spec_path=entry.spec_path, created_at=_now(),
                      created_by=entry.created_by, reason=reason, **extra)
        return conn.execute(entries.insert().values(**values).returning(entries.c.id)).scalar_one()

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
            conn.execute(amendments.insert().values(entry_id=entry_id, **facts_of(entry), created_at=_now(),
                                                    created_by=entry.created_by))

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
        """The notes that recorded a file (written or signed) or a text with this SHA-256."""
        with self.transaction() as conn:
            ids = {row.entry_id for row in conn.execute(select(files.c.entry_id).where(files.c.sha256 == sha256))}
            ids |= {row.entry_id for row in conn.execute(select(states.c.entry_id).where(states.c.sha256 == sha256))}
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
                recipient: str | None = None, words: str = "", state: str | None = None) -> Iterator[Record]:
        """Issued numbers in the order they were issued, each with its cancellation, files and amendments;
        ``recipient`` and ``words`` look at what each note was last sent as."""
        condition = [entries.c.kind == ISSUED]
        if number is not None:
            condition.append(entries.c.number == number)
        if year is not None:
            condition.append(entries.c.note_date.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
        with self.transaction() as conn:
            issued = [dict(r._mapping) for r in conn.execute(select(entries).where(*condition).order_by(entries.c.id))]
            numbers = [e["number"] for e in issued]
            ids = [e["id"] for e in issued]
            cancellations, written, amended, later, kept = {}, {}, {}, {}, {}
            if numbers:
                for row in conn.execute(select(entries).where(entries.c.kind == CANCELLED,
                                                              entries.c.number.in_(numbers))):
                    cancellations[(row.number, row.period)] = dict(row._mapping)
                for row in conn.execute(select(files).where(files.c.entry_id.in_(ids)).order_by(files.c.id)):
                    written.setdefault(row.entry_id, []).append(dict(row._mapping))
                for row in conn.execute(select(amendments).where(amendments.c.entry_id.in_(ids))
                                        .order_by(amendments.c.id)):
                    amended.setdefault(row.entry_id, []).append(dict(row._mapping))
                for row in conn.execute(select(states).where(states.c.entry_id.in_(ids)).order_by(states.c.id)):
                    later.setdefault(row.entry_id, []).append(dict(row._mapping))
                for row in conn.execute(select(texts).where(texts.c.entry_id.in_(ids)).order_by(texts.c.id)):
                    kept.setdefault(row.entry_id, []).append(dict(row._mapping))
        needles = words.casefold().split()
        for entry in issued:
            record = Record(entry, cancellations.get((entry["number"], entry["period"])), written.get(entry["id"], []),
                            amended.get(entry["id"], []), later.get(entry["id"], []), kept.get(entry["id"], []))
            facts = record.facts
            if recipient and recipient not in facts["recipients"].split():
                continue
            if state and record.state != state:
                continue
            haystack = f"{entry['number']} {facts['subject']} {entry['spec_path']}".casefold()
            if all(needle in haystack for needle in needles):
                yield record


class _Transaction:
    """``with register.transaction() as conn``: the schema ready, database errors as one-line RegisterErrors."""

    def __init__(self, register: Register):
        self.register, self.context = register, None

    def __enter__(self) -> Connection:
        try:
            self.register.ensure_schema()
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
