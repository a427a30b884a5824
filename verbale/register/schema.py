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
               "register_replies", "register_states", "register_texts", "register_terms")
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


def _grouped_allocation(conn: Connection) -> None:
    """PostgreSQL: allocation requests served in groups (one transaction, one commit for every clerk waiting on
    the series; verbale/register/store.py).  A table of requests waiting or answered (a queue, not a record: it
    is not append-only, and a request leaves it once its clerk read the answer) and the functions that use it.
    SQLite allocates as before (one machine: its write lock is handed over in-process), so nothing changes there.
    Self-contained: it builds only on the schema of the migration before it."""
    if conn.dialect.name != "postgresql":
        return
    conn.execute(text(REQUESTS_TABLE))
    conn.execute(text("CREATE INDEX register_requests_series ON register_requests (series_id, id)"))
    for function in (SERVE_FUNCTION, REQUEST_FUNCTION, AWAIT_FUNCTION):
        conn.execute(text(function))


# A clerk's request for a number of a series, with everything the number's entry and terms are made of (the
# candidate numbers formatted ahead by the clerk, as register_allocate takes them); its answer is written into it.
REQUESTS_TABLE = """
CREATE TABLE register_requests (
    id SERIAL PRIMARY KEY,
    series_id INTEGER NOT NULL,
    spec_path TEXT NOT NULL,
    seen INTEGER NOT NULL,
    first_seq INTEGER NOT NULL,
    numbers TEXT[] NOT NULL,
    number_terms TEXT[] NOT NULL,
    period VARCHAR(16) NOT NULL,
    note_date DATE,
    sender VARCHAR(80) NOT NULL,
    recipients TEXT NOT NULL,
    subject TEXT NOT NULL,
    languages VARCHAR(40) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    created_by VARCHAR(80) NOT NULL,
    fields TEXT[] NOT NULL,
    terms TEXT[] NOT NULL,
    state VARCHAR(10),            -- NULL while waiting; then as register_allocate answers
    entry_id INTEGER,
    number VARCHAR(80),
    seq INTEGER,
    answered_at TIMESTAMPTZ)
"""

# Called with the series' advisory lock held: answers every waiting request of the series in the order they
# came, each as register_allocate would have alone (the spec's unfinished number again, 'changed', a number typed
# by hand skipped, 'window'), all in the caller's one transaction: consecutive numbers and one commit for them all.
# The caller's own request (p_own) is answered in the result and leaves the queue; the others are answered in
# their rows.  Answers nobody read for an hour (their clerk was killed) are let go.
SERVE_FUNCTION = """
CREATE OR REPLACE FUNCTION register_serve(p_series integer, p_own integer,
    OUT o_state text, OUT o_id integer, OUT o_number text, OUT o_seq integer)
LANGUAGE plpgsql AS $$
DECLARE
    r register_requests%ROWTYPE;
    v_last integer;
    v_moved boolean := false;
    v_state text;
    v_id integer;
    v_number text;
    v_seq integer;
    v_index integer;
BEGIN
    SELECT last_seq INTO v_last FROM register_series WHERE id = p_series FOR UPDATE;
    FOR r IN SELECT * FROM register_requests WHERE series_id = p_series AND state IS NULL ORDER BY id LOOP
        v_state := NULL;
        v_id := NULL;
        v_number := NULL;
        v_seq := NULL;
        IF r.spec_path <> '' THEN
            SELECT e.id, e.number, e.seq INTO v_id, v_number, v_seq FROM register_entries e
             WHERE e.spec_path = r.spec_path AND e.series_id = p_series AND e.kind = 'issued'
               AND NOT EXISTS (SELECT 1 FROM register_files f WHERE f.entry_id = e.id)
               AND NOT EXISTS (SELECT 1 FROM register_entries c WHERE c.number = e.number AND c.period = e.period
                                                                AND c.kind = 'cancelled')
             ORDER BY e.id LIMIT 1;
            IF v_id IS NOT NULL THEN
                v_state := 'reused';
            ELSIF EXISTS (SELECT 1 FROM register_entries e WHERE e.spec_path = r.spec_path
                             AND e.series_id = p_series AND e.kind = 'issued' AND e.id > r.seen) THEN
                v_state := 'changed';
            END IF;
        END IF;
        IF v_state IS NULL THEN
            v_seq := GREATEST(v_last, r.first_seq - 1);
            LOOP   -- a number typed by hand earlier may stand in the way: it is skipped, never repeated
                v_seq := v_seq + 1;
                v_index := v_seq - r.first_seq + 1;
                IF v_index < 1 OR v_index > array_length(r.numbers, 1) THEN
                    v_state := 'window';
                    v_seq := NULL;
                    v_number := NULL;
                    EXIT;
                END IF;
                v_number := r.numbers[v_index];
                EXIT WHEN NOT EXISTS (SELECT 1 FROM register_entries h WHERE h.number = v_number
                                         AND h.kind = 'issued'
                                         AND (h.period = r.period OR h.period = '' OR r.period = ''));
            END LOOP;
        END IF;
        IF v_state IS NULL THEN
            v_last := v_seq;
            v_moved := true;
            INSERT INTO register_entries (number, kind, series_id, seq, period, note_date, sender, recipients,
                                          subject, languages, spec_path, created_at, created_by, reason)
            VALUES (v_number, 'issued', p_series, v_seq, r.period, r.note_date, r.sender, r.recipients, r.subject,
                    r.languages, r.spec_path, r.created_at, r.created_by, '')
            RETURNING id INTO v_id;
            INSERT INTO register_terms (entry_id, version, field, term)
            SELECT v_id, 0, 't', term FROM unnest(string_to_array(r.number_terms[v_index], ' ')) AS term
            UNION ALL
            SELECT v_id, 0, u.field, u.term FROM unnest(r.fields, r.terms) AS u (field, term);
            v_state := 'issued';
        END IF;
        IF r.id = p_own THEN
            o_state := v_state;
            o_id := v_id;
            o_number := v_number;
            o_seq := v_seq;
            DELETE FROM register_requests WHERE id = r.id;
        ELSE
            UPDATE register_requests SET state = v_state, entry_id = v_id, number = v_number, seq = v_seq,
                                         answered_at = clock_timestamp() WHERE id = r.id;
        END IF;
    END LOOP;
    IF v_moved THEN
        UPDATE register_series SET last_seq = v_last WHERE id = p_series;
    END IF;
    DELETE FROM register_requests WHERE series_id = p_series AND state IS NOT NULL
                                    AND answered_at < now() - interval '1 hour';
END $$
"""

# A clerk's request: queued, then served at once with every other waiting request if the series is free (one
# process alone: one call, one transaction, as register_allocate).  Else 'queued' with the request's id: its
# commit need not wait for the disk (nothing is given yet; the commit that gives its number waits for it).
REQUEST_FUNCTION = """
CREATE OR REPLACE FUNCTION register_request(
    p_series integer, p_spec text, p_seen integer, p_first integer, p_numbers text[], p_number_terms text[],
    p_period text, p_note_date date, p_sender text, p_recipients text, p_subject text, p_languages text,
    p_created_at timestamptz, p_created_by text, p_fields text[], p_terms text[],
    OUT o_state text, OUT o_id integer, OUT o_number text, OUT o_seq integer)
LANGUAGE plpgsql AS $$
DECLARE
    v_request integer;
BEGIN
    INSERT INTO register_requests (series_id, spec_path, seen, first_seq, numbers, number_terms, period, note_date,
                                   sender, recipients, subject, languages, created_at, created_by, fields, terms)
    VALUES (p_series, p_spec, p_seen, p_first, p_numbers, p_number_terms, p_period, p_note_date, p_sender,
            p_recipients, p_subject, p_languages, p_created_at, p_created_by, p_fields, p_terms)
    RETURNING id INTO v_request;
    IF pg_try_advisory_xact_lock(1717018, p_series) THEN
        SELECT * INTO o_state, o_id, o_number, o_seq FROM register_serve(p_series, v_request);
    ELSE
        PERFORM set_config('synchronous_commit', 'off', true);
        o_state := 'queued';
        o_id := v_request;
    END IF;
END $$
"""

# Waiting for a queued request's answer: until whoever serves the series now has committed (a shared lock taken
# and let go at once: every waiter wakes at the same moment); a request answered then leaves the queue (that
# commit need not wait for the disk: the answer was committed by its server).  One that came too late for that
# group waits for the series itself (the shared locks just granted are let go first: a try would fail while any
# waiter has not yet run, and spin), then reads its answer again (given meanwhile by another waiter), else serves
# itself with every request still waiting.
AWAIT_FUNCTION = """
CREATE OR REPLACE FUNCTION register_await(p_series integer, p_request integer,
    OUT o_state text, OUT o_id integer, OUT o_number text, OUT o_seq integer)
LANGUAGE plpgsql AS $$
BEGIN
    BEGIN
        PERFORM pg_advisory_lock_shared(1717018, p_series);
        PERFORM pg_advisory_unlock_shared(1717018, p_series);
    EXCEPTION WHEN query_canceled THEN   -- a session lock outlives its transaction: never left held
        PERFORM pg_advisory_unlock_shared(1717018, p_series);   -- a warning if it was never taken
        RAISE;
    END;
    LOOP
        DELETE FROM register_requests WHERE id = p_request AND state IS NOT NULL
        RETURNING state, entry_id, number, seq INTO o_state, o_id, o_number, o_seq;
        IF FOUND THEN
            PERFORM set_config('synchronous_commit', 'off', true);
            RETURN;
        END IF;
        EXIT WHEN pg_try_advisory_xact_lock(1717018, p_series);
        PERFORM pg_sleep(0.002);   -- the series is held, or waiters woken with this one still hold it shared
        BEGIN
            PERFORM pg_advisory_lock_shared(1717018, p_series);
            PERFORM pg_advisory_unlock_shared(1717018, p_series);
        EXCEPTION WHEN query_canceled THEN
            PERFORM pg_advisory_unlock_shared(1717018, p_series);
            RAISE;
        END;
    END LOOP;
    SET LOCAL synchronous_commit TO DEFAULT;   -- numbers are given here: their commit waits for the disk
    SELECT * INTO o_state, o_id, o_number, o_seq FROM register_serve(p_series, p_request);
    IF o_state IS NULL THEN   -- answered by the one that held the series between the look and the lock
        DELETE FROM register_requests WHERE id = p_request AND state IS NOT NULL
        RETURNING state, entry_id, number, seq INTO o_state, o_id, o_number, o_seq;
    END IF;
    IF o_state IS NULL THEN
        RAISE EXCEPTION 'the request % for a number of series % is no longer in the register', p_request, p_series;
    END IF;
END $$
"""


MIGRATIONS = [_version_1, _version_2, _incoming_notes, _states_and_texts, _indexes_and_terms, _grouped_allocation]
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
