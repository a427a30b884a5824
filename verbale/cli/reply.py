"""``verbale reply ID``: the spec of a reply to an incoming note, to fill in and generate (NOTE-SPEC §11).

Problems go to stderr, one line each; exit status 0 done, 1 failed, 2 bad usage (NOTE-SPEC §4).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .journal import EXIT_OK


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="verbale reply", description="Write the spec of a reply to an incoming note: "
                                "to its sender, with reference to it (its number, date and issuer), number: auto, "
                                "dated today, its texts marked TODO to write. Generating the spec records it as the "
                                "answer: `register show` of either names the other, and the note is no longer open.")
    p.add_argument("id", metavar="ID", help="the incoming note's id, e.g. in-2026-7 (`verbale incoming list`)")
    p.add_argument("-o", "--output", metavar="FILE", help="the spec to write (default: notes/reply-ID.yaml in the "
                   "workspace, or reply-ID-2.yaml … when that exists); never overwritten")
    p.add_argument("--workspace", metavar="DIR", help="the workspace (default: the folder holding verbale.yaml, "
                   "from the current folder upward)")
    return p


def _write(args, register, config) -> tuple[Path, object]:
    """Write the reply spec, at the name asked for or the first free default one; never over a file."""
    import datetime as dt

    from ..facts.workspace import load_workspace
    from ..register.reply import write_reply

    folder = Path(args.output).parent if args.output else config.root / "notes"
    return write_reply(register, args.id, load_workspace(config.root), folder, dt.date.today(),
                       Path(args.output) if args.output else None)


def _answered_already(register, ident: str) -> str:
    """The replies (not cancelled) that answer the incoming note already, as "04-1/7 of 2026-03-10 (notes/x.yaml)"."""
    from ..register.incoming import find_incoming

    note = find_incoming(register, ident)
    answers = [answer for answer in (note.answers if note else []) if answer.live]
    return ", ".join(f"{answer.number} of {answer.note_date}" + (f" ({answer.spec_path})" if answer.spec_path else "")
                     for answer in answers)


def run(args) -> int:
    from ..facts.termbase import display_path
    from .journal import say
    from .register import open_workspace_register

    register, config = open_workspace_register(args.workspace)
    target, reply = _write(args, register, config)
    shown = display_path(target)
    line_number = next((n for n, line in enumerate(reply.text.splitlines(), 1) if line.startswith("recipients:")), 1)
    for line in reply.missing:
        say(f"{shown}:{line_number}: recipients[0]: {line}", sys.stderr)
    answered = _answered_already(register, args.id)
    if answered:
        say(f"{shown}:1: in_reply_to: {args.id} is answered already by {answered}: generating this spec records a "
            "further reply (to correct a reply, edit its own spec; to replace it, cancel it first)", sys.stderr)
    say(f"wrote {shown}: write its TODO texts, then `verbale generate {shown}`")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    from .journal import command_main

    return command_main(parser(), run, argv)
