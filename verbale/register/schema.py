"""The register's tables, the same on SQLite and PostgreSQL, with a schema version and migrations.

A migration is a function of a connection inside the migrating transaction; ``MIGRATIONS[n]`` takes the
schema from version n to n + 1. Versions only go up; a register newer than this program is refused.
Entries, files, amendments, incoming notes, reply links, states and texts are append-only: the database itself
refuses UPDATE and DELETE on them (triggers).
"""
from __future__ import annotations

from sqlalchemy import (Column, Date, DateTime, ForeignKey, Index, Integer, MetaData, String, Table, Text,
                        UniqueConstraint, text)
from sqlalchemy.engine import Connection

metadata = MetaData()

version_table = Table(
    "register_schema", metadata,
    Column("version", Integer, nullable=False),
)

series = Table(
    "register_series", metadata,
    Column("id", Integer, primary_key=True),
    Column("pattern", String(80), nullable=False),
    Column("period", String(16), nullable=False),     # "2025" for a yearly series, "" for one that never restarts
    Column("last_seq", Integer, nullable=False),
    UniqueConstraint("pattern", "period", name="register_series_key"),
)

def _entries_table(meta: MetaData, version: int) -> Table:
    """The entries as they are in schema ``version`` (a migration builds the shape it starts from)."""
    period = [Column("period", String(16), nullable=False, server_default="")] if version >= 2 else []
    # the database's own guarantee: a number is issued once in its series' period (a yearly series without the
    # year in its numbers gives 17-1/1 again every year), and cancelled at most once
    unique = (Index("register_entries_number_period", "number", "period", "kind", unique=True) if version >= 2
              else Index("register_entries_number", "number", "kind", unique=True))
    return Table(
        "register_entries", meta,
        Column("id", Integer, primary_key=True),
        Column("number", String(80), nullable=False),
        Column("kind", String(10), nullable=False),         # issued | cancelled
        Column("series_id", Integer, ForeignKey("register_series.id")),   # None: a number typed by hand
        Column("seq", Integer),
        Column("note_date", Date),
        Column("sender", String(80), nullable=False, server_default=""),
        Column("recipients", Text, nullable=False, server_default=""),     # termbase keys, space-separated
        Column("subject", Text, nullable=False, server_default=""),
        Column("languages", String(40), nullable=False, server_default=""),
        Column("spec_path", Text, nullable=False, server_default=""),      # relative to the workspace, with /
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("created_by", String(80), nullable=False),
        Column("reason", Text, nullable=False, server_default=""),
        *period,       # the series' period ("2026" for a yearly series, "" for one that never restarts)
        unique,
    )


entries = _entries_table(metadata, 2)

files = Table(
    "register_files", metadata,
    Column("id", Integer, primary_key=True),
    Column("entry_id", Integer, ForeignKey("register_entries.id"), nullable=False),
    Column("recipient", String(80), nullable=False, server_default=""),   # the addressee of a circular's copy
    Column("name", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("written_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("entry_id", "name", "sha256", name="register_files_version"),
)

amendments = Table(
    "register_amendments", metadata,   # what a numbered note was last sent as, when it is sent again changed
    Column("id", Integer, primary_key=True),
    Column("entry_id", Integer, ForeignKey("register_entries.id"), nullable=False),
    Column("note_date", Date),
    Column("sender", String(80), nullable=False, server_default=""),
    Column("recipients", Text, nullable=False, server_default=""),
    Column("subject", Text, nullable=False, server_default=""),
    Column("languages", String(40), nullable=False, server_default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(80), nullable=False),
)

# Incoming notes (NOTE-SPEC §11): what the office received, numbered in-YEAR-SEQ by its own gapless counter per
# year, and the links from the outgoing notes that answer them.
incoming_series = Table(
    "register_incoming_series", metadata,    # the last in-YEAR-SEQ given in each year of receipt
    Column("year", Integer, primary_key=True, autoincrement=False),
    Column("last_seq", Integer, nullable=False),
)

incoming = Table(
    "register_incoming", metadata,
    Column("id", Integer, primary_key=True),
    Column("year", Integer, nullable=False),            # of receipt: the id reads in-YEAR-SEQ
    Column("seq", Integer, nullable=False),
    Column("received_on", Date, nullable=False),
    Column("sender", String(80), nullable=False),       # termbase key of the office that sent it
    Column("number", String(80), nullable=False),       # its number, as printed on it
    Column("note_date", Date, nullable=False),
    Column("subject", Text, nullable=False, server_default=""),
    Column("due", Date),                                # an answer is due by then
    Column("file_name", Text, nullable=False, server_default=""),      # the copy in incoming/, relative, with /
    Column("original_name", Text, nullable=False, server_default=""),  # the received file's name as given
    Column("sha256", String(64), nullable=False, server_default=""),
    Column("text", Text, nullable=False, server_default=""),           # what it says (pdftotext or OCR)
    Column("text_source", String(20), nullable=False, server_default=""),   # pdftotext | ocr | ""
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(80), nullable=False),
    UniqueConstraint("year", "seq", name="register_incoming_id"),
)

replies = Table(
    "register_replies", metadata,   # an outgoing note answers an incoming one
    Column("id", Integer, primary_key=True),
    Column("incoming_id", Integer, ForeignKey("register_incoming.id"), nullable=False),
    Column("entry_id", Integer, ForeignKey("register_entries.id"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(80), nullable=False),
    UniqueConstraint("incoming_id", "entry_id", name="register_replies_link"),
)


# NOTE-SPEC §12: what happened to a note after its registration (signed, dispatched), and the text of each
# language version as the verification mark hashes it.  Registration and cancellation are the entries themselves.
states = Table(
    "register_states", metadata,
    Column("id", Integer, primary_key=True),
    Column("entry_id", Integer, ForeignKey("register_entries.id"), nullable=False),
    Column("state", String(16), nullable=False),                          # signed | dispatched
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(80), nullable=False),
    Column("channel", String(16), nullable=False, server_default=""),    # dispatched: courier | pouch | email | hand
    Column("copies", Integer),                                            # dispatched: how many copies
    Column("file_name", Text, nullable=False, server_default=""),        # signed: the file; dispatched: the receipt
    Column("sha256", String(64), nullable=False, server_default=""),     # that file's SHA-256
    Column("signer", Text, nullable=False, server_default=""),           # signed: the certificate's subject
    Column("detail", Text, nullable=False, server_default=""),           # signed: the certificate's issuer and serial
)

texts = Table(
    "register_texts", metadata,
    Column("id", Integer, primary_key=True),
    Column("entry_id", Integer, ForeignKey("register_entries.id"), nullable=False),
    Column("recipient", String(80), nullable=False, server_default=""),   # the addressee of a circular's copy
    Column("lang", String(8), nullable=False),
    Column("sha256", String(64), nullable=False),                         # verbale.texthash.text_sha256
    Column("text", Text, nullable=False),                                 # the text itself, to say what differs
    Column("written_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("entry_id", "recipient", "lang", "sha256", name="register_texts_version"),
)

APPEND_ONLY = ("register_entries", "register_files", "register_amendments", "register_incoming",
               "register_replies", "register_states", "register_texts")


def _append_only(conn: Connection, tables: tuple = APPEND_ONLY) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text(
            "CREATE OR REPLACE FUNCTION register_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION 'the register is append-only: % on % refused', TG_OP, TG_TABLE_NAME; END $$"))
        for table in tables:
            conn.execute(text(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                              "FOR EACH ROW EXECUTE FUNCTION register_append_only()"))
            conn.execute(text(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                              "FOR EACH STATEMENT EXECUTE FUNCTION register_append_only()"))
    else:
        for table in tables:
            for operation in ("UPDATE", "DELETE"):
                conn.execute(text(
                    f"CREATE TRIGGER {table}_no_{operation.lower()} BEFORE {operation} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, 'the register is append-only: {operation} on {table} refused'); END"))


def _triggers(table: str, postgresql: bool) -> list[str]:
    if postgresql:
        return [f"{table}_append_only", f"{table}_no_truncate"]
    return [f"{table}_no_update", f"{table}_no_delete"]


def _version_1(conn: Connection) -> None:
    v1 = MetaData()
    tables = [series.to_metadata(v1), _entries_table(v1, 1), files.to_metadata(v1)]
    v1.create_all(conn, tables=tables)
    _append_only(conn, ("register_entries", "register_files"))


def _version_2(conn: Connection) -> None:
    """Numbers unique within their series' period; the amendments of a note sent again changed. The entries'
    triggers are lifted inside this transaction only, to give the recorded numbers their period."""
    postgresql = conn.dialect.name == "postgresql"
    for trigger in _triggers("register_entries", postgresql):
        conn.execute(text(f"DROP TRIGGER {trigger}" + (" ON register_entries" if postgresql else "")))
    conn.execute(text("ALTER TABLE register_entries ADD COLUMN period VARCHAR(16) NOT NULL DEFAULT ''"))
    conn.execute(text("UPDATE register_entries SET period = (SELECT s.period FROM register_series s "
                      "WHERE s.id = register_entries.series_id) WHERE series_id IS NOT NULL"))
    conn.execute(text("DROP INDEX register_entries_number"))
    conn.execute(text("CREATE UNIQUE INDEX register_entries_number_period ON register_entries (number, period, kind)"))
    metadata.create_all(conn, tables=[amendments])
    _append_only(conn, ("register_entries", "register_amendments"))


def _incoming_notes(conn: Connection) -> None:
    """Incoming notes and the replies that answer them (NOTE-SPEC §11): new tables only, nothing recorded
    before is touched; the notes and links are append-only like the entries."""
    metadata.create_all(conn, tables=[incoming_series, incoming, replies])
    _append_only(conn, ("register_incoming", "register_replies"))


def _states_and_texts(conn: Connection) -> None:
    """NOTE-SPEC §12: the states a note passes after its registration (signed, dispatched) and the text of each
    language version, both append-only like the rest of the register."""
    metadata.create_all(conn, tables=[states, texts])
    conn.execute(text("CREATE INDEX register_states_entry ON register_states (entry_id)"))
    _append_only(conn, ("register_states", "register_texts"))


MIGRATIONS = [_version_1, _version_2, _incoming_notes, _states_and_texts]
VERSION = len(MIGRATIONS)


def current_version(conn: Connection) -> int:
    if not conn.dialect.has_table(conn, "register_schema"):
        return 0
    return conn.execute(version_table.select()).scalar() or 0


def migrate(conn: Connection) -> int:
    """Bring the schema up to VERSION inside the caller's (locked) transaction; returns the version found."""
    found = current_version(conn)
    if found > VERSION:
        return found
    if found == 0:
        metadata.create_all(conn, tables=[version_table])
        conn.execute(version_table.insert().values(version=0))
    for step in MIGRATIONS[found:]:
        step(conn)
    if found < VERSION:
        conn.execute(version_table.update().values(version=VERSION))
    return found
