"""The register's incoming notes as lines for the command line (``verbale incoming list|show``, ``verbale
register show in-2026-7``), and the frame of ``verbale incoming`` and ``verbale reply``: usage, one line per
problem, exit statuses (NOTE-SPEC §4)."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def command_main(parser, run, argv, commands: str = "") -> int:
    """Parse ``argv`` and ``run(args)``: a problem is one line on stderr (exit 1), bad usage exit 2, an error
    nobody foresaw one line and the log, never a traceback. ``commands`` names the subcommands when one is due."""
    from ..errors import NoteError
    from .lines import setup_console, silence_stdout

    setup_console()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_OK if exc.code == 0 else EXIT_USAGE
    if commands and args.command is None:
        parser.print_usage(sys.stderr)
        print(f"{parser.prog}: error: name a command: {commands}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return run(args)
    except NoteError as exc:
        say(str(exc), sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:  # `verbale incoming list | head`
        silence_stdout()
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - a clerk never sees a traceback
        from .generate import internal_error

        say(internal_error(Path(f"({parser.prog})"), exc), sys.stderr)
        return EXIT_FAILED


def say(line: str, stream=None) -> None:
    """One line, with whatever came from outside (a file's name, what it says) escaped."""
    from .lines import say as say_escaped

    say_escaped(line, stream)


def when(moment) -> str:
    from ..register.store import utc

    return f"{utc(moment):%Y-%m-%d %H:%M} UTC"


def status(note, today: dt.date) -> str:
    """``answered``, ``overdue`` or ``open``."""
    return note.status(today)


def state(note, today: dt.date) -> str:
    """``answered: 17-1/5``, ``overdue: due 2026-03-20``, ``open, due 2026-03-20`` or ``open``."""
    answers = [answer.number for answer in note.answers if answer.live]
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
        source = {"ocr": "OCR (tesseract)"}.get(row["text_source"], row["text_source"])
        lines.append(f"text:       {len(row['text'])} characters read by {source}: {excerpt(row['text'])}")
    lines.append(f"state:      {state(note, today)}")
    for answer in note.answers:
        date = f" of {answer.note_date:%Y-%m-%d}" if answer.note_date else ""
        cancelled = f"  [{answer.marks.strip(' ()')}]" if answer.marks else ""
        lines.append(f"reply:      {answer.number}{date} ({answer.spec_path or 'no spec'}), recorded "
                     f"{when(answer.linked_at)} by {answer.linked_by}{cancelled}")
    return lines
