"""The register's incoming notes as lines for the command line (``verbale incoming list|show``, ``verbale
register show in-2026-7``)."""
from __future__ import annotations

import datetime as dt


def when(moment) -> str:
    from ..register.store import utc

    return f"{utc(moment):%Y-%m-%d %H:%M} UTC"


def status(note, today: dt.date) -> str:
    """``answered``, ``overdue`` or ``open``."""
    if not note.open:
        return "answered"
    return "overdue" if note.overdue(today) else "open"


def state(note, today: dt.date) -> str:
    """``answered: 17-1/5``, ``overdue: due 2026-03-20``, ``open, due 2026-03-20`` or ``open``."""
    answers = [answer.number for answer in note.answers if not answer.cancelled]
    if answers:
        return "answered: " + ", ".join(answers)
    due = note["due"]
    if due is None:
        return "open"
    return f"overdue: due {due:%Y-%m-%d}" if note.overdue(today) else f"open, due {due:%Y-%m-%d}"


def list_lines(notes, today: dt.date) -> list[str]:
    notes = list(notes)
    width = max((len(note.id) for note in notes), default=0)
    return [f"{note.id:<{width}}  {note['received_on']:%Y-%m-%d}  {note['sender']} {note['number']} of "
            f"{note['note_date']:%Y-%m-%d}: {note['subject'] or '-'}  [{state(note, today)}]" for note in notes]


def excerpt(text: str, length: int = 160) -> str:
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return text if len(text) <= length else text[:length - 1].rstrip() + "…"


def show_lines(note, today: dt.date) -> list[str]:
    row = note.row
    lines = [f"incoming:   {note.id}",
             f"from:       {row['sender']}",
             f"number:     {row['number']}",
             f"date:       {row['note_date']:%Y-%m-%d}",
             f"subject:    {row['subject'] or '-'}",
             f"received:   {row['received_on']:%Y-%m-%d} (recorded {when(row['created_at'])} by {row['created_by']})",
             f"due:        {row['due']:%Y-%m-%d}" if row["due"] else "due:        -"]
    if row["file_name"]:
        lines += [f"file:       {row['file_name']} (received as {row['original_name']})",
                  f"sha256:     {row['sha256']}"]
    else:
        lines.append("file:       none")
    if row["text"]:
        lines.append(f"text:       {len(row['text'])} characters read by {row['text_source']}: {excerpt(row['text'])}")
    lines.append(f"state:      {state(note, today)}")
    for answer in note.answers:
        date = f" of {answer.note_date:%Y-%m-%d}" if answer.note_date else ""
        cancelled = "  [cancelled]" if answer.cancelled else ""
        lines.append(f"reply:      {answer.number}{date} ({answer.spec_path or 'no spec'}), recorded "
                     f"{when(answer.linked_at)} by {answer.linked_by}{cancelled}")
    return lines
