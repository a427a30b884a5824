"""``verbale incoming``: the notes the office received, in the same register as the outgoing ones (add, list,
show; NOTE-SPEC §11).

Problems go to stderr, one line each; exit status 0 done, 1 failed, 2 bad usage (NOTE-SPEC §4).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..errors import NoteError
from .journal import EXIT_FAILED, EXIT_OK, EXIT_USAGE, say
from .lines import option, year


def _date(text: str) -> dt.date:
    from ..register.checks import parsed_date

    return option(parsed_date)(text)


def _key(text: str) -> str:
    from ..register.checks import checked_key

    return option(checked_key)(text)


def _line(limit: int, required: bool = True):
    from ..register.checks import checked_line

    return option(lambda text: checked_line(text, limit, required))


def parser() -> argparse.ArgumentParser:
    from ..register.incoming import NUMBER_LENGTH, SUBJECT_LENGTH

    p = argparse.ArgumentParser(prog="verbale incoming", description="The notes the office received, in the same "
                                "register as the outgoing notes: each gets an id in-YEAR-N (the Nth received that "
                                "year), its file is kept in the workspace's incoming/ folder by its SHA-256, and "
                                "what it says is read (pdftotext, or OCR of a scan) so that list --text finds it.")
    p.add_argument("--workspace", metavar="DIR", help="the workspace (default: the folder holding verbale.yaml, "
                   "from the current folder upward)")
    commands = p.add_subparsers(dest="command", metavar="COMMAND")
    add = commands.add_parser("add", help="record a received note and print its id", description="Record a "
                              "received note and print its id (in-YEAR-N). A FILE (the note as a PDF, or a scan) is "
                              "copied into incoming/ and its text read; without FILE only the facts are recorded.")
    add.add_argument("--from", dest="sender", metavar="KEY", required=True, type=_key,
                     help="termbase key of the office that sent it (e.g. mfa-russia)")
    add.add_argument("--number", metavar="N", required=True, type=_line(NUMBER_LENGTH), help="its number, as printed on it")
    add.add_argument("--date", metavar="D", required=True, type=_date, help="its date, YYYY-MM-DD")
    add.add_argument("--subject", metavar="TEXT", default="", type=_line(SUBJECT_LENGTH, required=False), help="what it is about, in a line")
    add.add_argument("--due", metavar="D", type=_date, help="an answer is due by this day (YYYY-MM-DD): list --overdue")
    add.add_argument("--received", metavar="D", type=_date, help="the day it came in (default: today); its year is the id's")
    add.add_argument("file", metavar="FILE", nargs="?", help="the received note: a PDF, or a scan (PNG, JPEG, TIFF)")
    listing = commands.add_parser("list", help="the notes received, in order",
                                  description="The notes received, in order, each with its state: open, overdue "
                                  "(open after its due date) or answered (with the numbers of the replies).")
    listing.add_argument("--open", action="store_true", help="only the notes no reply answers yet")
    listing.add_argument("--overdue", action="store_true", help="only open notes past their due date")
    listing.add_argument("--text", metavar="WORDS", default="", help="notes whose id, number, sender, subject or "
                         "text (what the received file says) holds every one of these words")
    listing.add_argument("--year", metavar="YEAR", type=year, help="notes received in this year")
    listing.add_argument("--from", dest="sender", metavar="KEY", type=_key, help="notes from this office (a termbase key)")
    show = commands.add_parser("show", help="everything the register holds of one incoming note")
    show.add_argument("id", metavar="ID", help="its id, e.g. in-2026-7")
    return p


def add(args, today: dt.date) -> int:
    from ..facts.workspace import load_workspace
    from ..register.extract import time_limit
    from ..register.incoming import NewIncoming, dates_problem, record_incoming
    from ..register.outgoing import user_name
    from ..register.received import read_received
    from .register import open_workspace_register

    problem = dates_problem(args.date, args.due, args.received, today)
    if problem:
        say(f"verbale incoming: error: {problem}", sys.stderr)
        return EXIT_USAGE
    if args.file:
        try:
            time_limit()  # a wrong $VERBALE_OCR_TIMEOUT is refused before anything is done
        except NoteError as exc:
            say(f"verbale incoming: error: {exc.problem} ({exc.hint})", sys.stderr)
            return EXIT_USAGE
    register, config = open_workspace_register(args.workspace)
    note = NewIncoming(sender=args.sender, number=args.number, note_date=args.date, received_on=args.received or today,
                       subject=args.subject, due=args.due, created_by=user_name())
    received = read_received(Path(args.file)) if args.file else None
    recorded, warnings = record_incoming(register, config.root, load_workspace(config.root), note, received,
                                         args.file or "FILE")
    for line in warnings:
        say(line, sys.stderr)
    say(recorded.id)
    return EXIT_OK


def run(args) -> int:
    from ..register.incoming import incoming_notes
    from . import journal
    from .register import open_register

    today = dt.date.today()
    if args.command == "add":
        return add(args, today)
    register = open_register(args.workspace)
    if args.command == "list":
        notes = incoming_notes(register, year=args.year, sender=args.sender, words=args.text, open_only=args.open,
                               overdue_on=today if args.overdue else None)
        for line in journal.list_lines(notes, today):
            say(line)
        return EXIT_OK
    found = incoming_notes(register, ident=args.id)
    if not found:
        say(f"{register.shown}:1: ID: {args.id} is not in the register ('verbale incoming list' shows the "
            "incoming notes)", sys.stderr)
        return EXIT_FAILED
    for line in journal.show_lines(found[0], today):
        say(line)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    from .journal import command_main

    return command_main(parser(), run, argv, "add, list or show")
