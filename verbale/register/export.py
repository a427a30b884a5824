"""The register as a table (`verbale register export --csv` and the desk's export): the outgoing notes, then the
incoming ones, one row each, in columns that only ever grow at the end (a registry's spreadsheets and macros
read them by position)."""
from __future__ import annotations

import csv
import datetime as dt
import io

from .spreadsheet import neutralised
from .store import utc

CSV_COLUMNS = ["number", "status", "date", "sender", "recipients", "subject", "languages", "spec", "issued_at",
               "issued_by", "cancelled_at", "cancelled_by", "reason", "files",
               # incoming notes (NOTE-SPEC §11): an outgoing row names what it answers, an incoming one its
               # sender's number, when it came in, when an answer is due and the numbers that answer it
               "direction", "in_reply_to", "their_number", "received", "due", "replies",
               "state",   # NOTE-SPEC §12: registered | signed | dispatched | cancelled (outgoing notes)
               "kind"]    # NOTE-SPEC §11: note-verbale | personal-note | aide-memoire … (outgoing notes)


def when(moment) -> str:
    return f"{utc(moment):%Y-%m-%d %H:%M} UTC"


def _outgoing_row(record, answers=()) -> list:
    entry, cancel = record.facts, record.cancellation or {}
    return [record.number, "cancelled" if cancel else "issued", entry["note_date"] or "",
            entry["sender"], entry["recipients"], entry["subject"], entry["languages"],
            entry["spec_path"], when(entry["created_at"]), entry["created_by"],
            when(cancel["created_at"]) if cancel else "", cancel.get("created_by", ""),
            cancel.get("reason", ""),
            "; ".join(f"{f['name']} {f['sha256']}" for f in record.files),
            "outgoing", " ".join(note.id for note in answers), "", "", "", "", record.state, record.document_kind]


def _incoming_row(note, today) -> list:
    row = note.row
    return [note.id, note.status(today), row["note_date"], row["sender"], "",
            row["subject"], "", "", when(row["created_at"]), row["created_by"], "", "", "",
            f"{row['file_name']} {row['sha256']}" if row["file_name"] else "",
            "incoming", "", row["number"], row["received_on"], row["due"] or "",
            " ".join(answer.number + answer.marks for answer in note.answers), "", ""]


def csv_bytes(records, incoming=(), answers=None, today=None) -> bytes:
    """The register as CSV in UTF-8 with a byte-order mark (Excel then reads Cyrillic right): the outgoing
    ``records`` (``answers``: entry id -> the incoming notes it answers), then the ``incoming`` notes.  Every field
    is quoted and a cell a spreadsheet would run as a formula starts with ``'`` (register/spreadsheet.py)."""
    answers, today = answers or {}, today or dt.date.today()
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    rows = [_outgoing_row(record, answers.get(record.entry["id"], ())) for record in records]
    rows += [_incoming_row(note, today) for note in incoming]
    for row in rows:
        writer.writerow([neutralised(str(cell or "")) for cell in row])
    return stream.getvalue().encode("utf-8-sig")
