"""The register's tables, the same on SQLite and PostgreSQL, with a schema version and migrations.

A migration is a function of a connection inside the migrating transaction; ``MIGRATIONS[n]`` takes the
schema from version n to n + 1. Versions only go up; a register newer than this program is refused.
Entries, files, amendments, incoming notes, reply links, states and texts are append-only: the database itself
refuses UPDATE and DELETE on them (triggers).
"""
from __future__ import annotations

from sqlalchemy import (Column, Date, DateTime, ForeignKey, Index, Integer, MetaData, String, Table, Text,
                        UniqueConstraint, select, text)
from sqlalchemy.engine import Connection

from .checks import note_number_key

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

# One row a note as its sender numbered it (sender, number, date): the database's own guarantee that two clerks
# recording the same note at once make one record.  A register made before it keeps every incoming row; of the
# ones recorded twice then, the first holds the key (the migration below).
incoming_keys = Table(
    "register_incoming_keys", metadata,
    Column("id", Integer, primary_key=True),
    Column("incoming_id", Integer, ForeignKey("register_incoming.id"), nullable=False, unique=True),
    Column("sender", String(80), nullable=False),
    Column("number", String(80), nullable=False),
    Column("note_date", Date, nullable=False),
    UniqueConstraint("sender", "number", "note_date", name="register_incoming_keys_note"),
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

reply_changes = Table(
    "register_reply_changes", metadata,   # a reply corrected to answer another note, or none: its link withdrawn,
    Column("id", Integer, primary_key=True),     # or a withdrawn link restored; the latest change of a link rules
    Column("incoming_id", Integer, ForeignKey("register_incoming.id"), nullable=False),
    Column("entry_id", Integer, ForeignKey("register_entries.id"), nullable=False),
    Column("linked", Integer, nullable=False),   # 0: withdrawn; 1: restored
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(80), nullable=False),
)

# NOTE-SPEC §11: the kind of document a number was given to, where it is not a note verbale (no row: a note
# verbale, as every note recorded before kinds were); append-only like the rest
kinds = Table(
    "register_kinds", metadata,
    Column("id", Integer, primary_key=True),
    Column("entry_id", Integer, ForeignKey("register_entries.id"), nullable=False),
    Column("kind", String(80), nullable=False),                           # personal-note, aide-memoire …
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("entry_id", "kind", name="register_kinds_entry"),
)

APPEND_ONLY = ("register_entries", "register_files", "register_amendments", "register_incoming",
               "register_replies", "register_states", "register_texts", "register_terms",
               "register_reply_changes", "register_kinds", "register_incoming_keys")
terms = Table(
    "register_terms", metadata,   # what list --text and --recipient look up (verbale/register/search.py)
    Column("id", Integer, primary_key=True),
    Column("entry_id", Integer, ForeignKey("register_entries.id"), nullable=False),
    Column("version", Integer, nullable=False),     # 0: as issued; else the amendment's id (as sent again)
    Column("field", String(1), nullable=False),     # t: a term of the text; r: a recipient's key
    Column("term", Text, nullable=False),           # binary order (COLLATE "C" on PostgreSQL): prefix ranges
)



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


def _indexes_and_terms(conn: Connection) -> None:
    """Indexes for the look-ups every allocation and listing makes (a spec's unfinished number, a number's
    holder, a record's files and amendments, a year), and the terms that ``list --text``/``--recipient`` look up
    by index instead of reading every record (filled here for the records already kept). Self-contained: it
    builds only on version 2."""
    from .search import record_terms

    postgresql = conn.dialect.name == "postgresql"
    collate = ' COLLATE "C"' if postgresql else ""   # SQLite compares TEXT as bytes already
    key = "SERIAL PRIMARY KEY" if postgresql else "INTEGER PRIMARY KEY"
    conn.execute(text(f"CREATE TABLE register_terms (id {key}, "
                      "entry_id INTEGER NOT NULL REFERENCES register_entries (id), version INTEGER NOT NULL, "
                      f"field VARCHAR(1) NOT NULL, term TEXT{collate} NOT NULL)"))
    for name, table, columns in (
            ("register_entries_spec", "register_entries", "spec_path, series_id"),
            ("register_entries_date", "register_entries", "note_date"),
            ("register_files_entry", "register_files", "entry_id"),
            ("register_amendments_entry", "register_amendments", "entry_id, id"),
            ("register_terms_term", "register_terms", "field, term"),
            ("register_terms_entry", "register_terms", "entry_id, version")):
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})"))
    rows = []
    for entry_id, version, number, subject, spec_path, recipients in conn.execute(text(
            "SELECT e.id, 0, e.number, e.subject, e.spec_path, e.recipients FROM register_entries e "
            "WHERE e.kind = 'issued' UNION ALL "
            "SELECT a.entry_id, a.id, e.number, a.subject, e.spec_path, a.recipients FROM register_amendments a "
            "JOIN register_entries e ON e.id = a.entry_id")):
        rows += [dict(e=entry_id, v=version, f=field, t=term)
                 for field, term in record_terms(number, subject, spec_path, recipients)]
    if rows:
        conn.execute(text("INSERT INTO register_terms (entry_id, version, field, term) VALUES (:e, :v, :f, :t)"), rows)
    _append_only(conn, ("register_terms",))
    if postgresql:
        conn.execute(text(ALLOCATE_FUNCTION))


def _document_kinds(conn: Connection) -> None:
    """NOTE-SPEC §11: the kind of document of a number (a personal note, an aide-mémoire); a new table only,
    nothing recorded before is touched (a note without a row is a note verbale)."""
    metadata.create_all(conn, tables=[kinds])
    _append_only(conn, ("register_kinds",))


# The locked part of an allocation on PostgreSQL, in the server (verbale/register/store.py, Register.allocate, does
# the same in Python on SQLite). Every statement here sees what was committed before it (READ COMMITTED), the
# lock taken first; the caller formatted the candidate numbers p_numbers[k] (sequence p_first + k - 1) ahead.
# States: issued; reused (the spec's number that was never written); changed (the spec was numbered by another
# run since the caller looked: it asks the spec again); window (the candidates were too few: it asks again).
ALLOCATE_FUNCTION = """
CREATE OR REPLACE FUNCTION register_allocate(
    p_series integer, p_spec text, p_seen integer, p_first integer, p_numbers text[], p_number_terms text[],
    p_period text, p_note_date date, p_sender text, p_recipients text, p_subject text, p_languages text,
    p_created_at timestamptz, p_created_by text, p_fields text[], p_terms text[],
    OUT o_state text, OUT o_id integer, OUT o_number text, OUT o_seq integer)
LANGUAGE plpgsql AS $$
DECLARE
    v_last integer;
    v_index integer;
BEGIN
    -- waiters on an advisory lock are woken one at a time, in order; on a row lock, all at once
    PERFORM pg_advisory_xact_lock(1717018, p_series);
    SELECT last_seq INTO v_last FROM register_series WHERE id = p_series FOR UPDATE;
    IF p_spec <> '' THEN
        SELECT e.id, e.number, e.seq INTO o_id, o_number, o_seq FROM register_entries e
         WHERE e.spec_path = p_spec AND e.series_id = p_series AND e.kind = 'issued'
           AND NOT EXISTS (SELECT 1 FROM register_files f WHERE f.entry_id = e.id)
           AND NOT EXISTS (SELECT 1 FROM register_entries c WHERE c.number = e.number AND c.period = e.period
                                                            AND c.kind = 'cancelled')
         ORDER BY e.id LIMIT 1;
        IF o_id IS NOT NULL THEN
            o_state := 'reused';
            RETURN;
        END IF;
        IF EXISTS (SELECT 1 FROM register_entries e WHERE e.spec_path = p_spec AND e.series_id = p_series
                                                      AND e.kind = 'issued' AND e.id > p_seen) THEN
            o_state := 'changed';
            RETURN;
        END IF;
    END IF;
    o_seq := GREATEST(v_last, p_first - 1);
    LOOP   -- a number typed by hand earlier may stand in the way: it is skipped, never repeated
        o_seq := o_seq + 1;
        v_index := o_seq - p_first + 1;
        IF v_index < 1 OR v_index > array_length(p_numbers, 1) THEN
            o_state := 'window';
            o_id := NULL;
            RETURN;
        END IF;
        o_number := p_numbers[v_index];
        EXIT WHEN NOT EXISTS (SELECT 1 FROM register_entries h WHERE h.number = o_number AND h.kind = 'issued'
                                 AND (h.period = p_period OR h.period = '' OR p_period = ''));
    END LOOP;
    UPDATE register_series SET last_seq = o_seq WHERE id = p_series;
    INSERT INTO register_entries (number, kind, series_id, seq, period, note_date, sender, recipients, subject,
                                  languages, spec_path, created_at, created_by, reason)
    VALUES (o_number, 'issued', p_series, o_seq, p_period, p_note_date, p_sender, p_recipients, p_subject,
            p_languages, p_spec, p_created_at, p_created_by, '')
    RETURNING id INTO o_id;
    INSERT INTO register_terms (entry_id, version, field, term)
    SELECT o_id, 0, 't', term FROM unnest(string_to_array(p_number_terms[v_index], ' ')) AS term
    UNION ALL
    SELECT o_id, 0, u.field, u.term FROM unnest(p_fields, p_terms) AS u (field, term);
    o_state := 'issued';
END $$
"""


def _reply_changes(conn: Connection) -> None:
    """A reply's link follows the reply as last sent (issue #26's cycle tried by a registry): a reply generated
    again with another ``in_reply_to``, or none, withdraws its old link, append-only like the link itself; and the
    links of an outgoing note are looked up by its entry (``register show``, every numbered generation)."""
    metadata.create_all(conn, tables=[reply_changes])
    conn.execute(text("CREATE INDEX IF NOT EXISTS register_replies_entry ON register_replies (entry_id)"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS register_reply_changes_link ON register_reply_changes "
                      "(entry_id, incoming_id, id)"))
    _append_only(conn, ("register_reply_changes",))


def _incoming_keys(conn: Connection) -> None:
    """A received note is recorded once under simultaneous clerks (the check before recording was not locked):
    the key of each note recorded so far, held by its first record; a note recorded twice before keeps both
    rows (nothing is deleted), the later one without the key. The number is keyed as ``note_number_key`` reads
    it (№ 5 and 5 are one number)."""
    metadata.create_all(conn, tables=[incoming_keys])
    held: set[tuple] = set()
    columns = incoming.c
    for row in conn.execute(select(columns.id, columns.sender, columns.number, columns.note_date).order_by(columns.id)):
        key = (row.sender, note_number_key(row.number), row.note_date)
        if key not in held:
            held.add(key)
            conn.execute(incoming_keys.insert().values(incoming_id=row.id, sender=key[0], number=key[1],
                                                       note_date=key[2]))
    _append_only(conn, ("register_incoming_keys",))


MIGRATIONS = [_version_1, _version_2, _incoming_notes, _states_and_texts, _indexes_and_terms, _reply_changes,
              _document_kinds, _incoming_keys]
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
