"""``verbale register``: the register of the workspace (list, show, cancel, dispatch, export; show and export
take the incoming notes too).

Problems go to stderr, one line each; exit status 0 done, 1 failed, 2 bad usage (NOTE-SPEC §4).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .lines import option, say, year

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def parser() -> argparse.ArgumentParser:
    from ..register.checks import checked_key, checked_kind, checked_reason
    from ..register.store import CHANNELS, STATES

    p = argparse.ArgumentParser(prog="verbale register", description="The register of the workspace: every number "
                                "issued, to whom, about what, with the files written under it and the incoming note "
                                "it answers (`verbale incoming` records what comes in).")
    p.add_argument("--workspace", metavar="DIR", help="the workspace (default: the folder holding verbale.yaml, "
                   "from the current folder upward)")
    commands = p.add_subparsers(dest="command", metavar="COMMAND")
    listing = commands.add_parser("list", help="the numbers issued, in order")
    export = commands.add_parser("export", help="the whole register as a table: the outgoing notes, then the "
                                 "incoming ones (column direction)")
    export.add_argument("--csv", metavar="FILE", required=True, help="write CSV (UTF-8, opens in Excel)")
    listing.add_argument("--state", choices=STATES, help="notes whose state is now this one")
    for sub in (listing, export):
        sub.add_argument("--year", type=year, help="notes dated in this year (incoming notes: received in it)")
        sub.add_argument("--kind", metavar="KIND", type=option(checked_kind), help="documents of this kind "
                         "(note-verbale, personal-note, aide-memoire; export: the outgoing ones)")
        sub.add_argument("--recipient", metavar="KEY", type=option(checked_key), help="notes to this recipient (a termbase key; export: and "
                         "the incoming notes from it)")
        sub.add_argument("--text", metavar="WORDS", default="", help="notes whose number, subject or spec has "
                         "a word beginning with each of these (any case; 624 or 1/624 finds 17-1/624)")
    show = commands.add_parser("show", help="everything the register holds of one number, or of an incoming note "
                               "(its id, e.g. in-2026-7)")
    cancel = commands.add_parser("cancel", help="cancel an issued number (adds a record; nothing is deleted)")
    dispatch = commands.add_parser("dispatch", help="record that a note left the office: how, how many copies, "
                                   "and its receipt")
    dispatch.add_argument("--channel", required=True, choices=CHANNELS,
                          help="courier, diplomatic pouch, e-mail or by hand")
    dispatch.add_argument("--copies", type=int, default=1, help="how many copies were sent (default 1)")
    dispatch.add_argument("--receipt", metavar="FILE", help="the receipt (a scan, an e-mail): its SHA-256 is kept")
    show.add_argument("number", metavar="NUMBER", help="a note's number, or an incoming note's id (in-2026-7)")
    cancel.add_argument("number", metavar="NUMBER", help="the number to cancel")
    dispatch.add_argument("number", metavar="NUMBER", help="the number of the note sent")
    for sub in (show, cancel, dispatch):
        sub.add_argument("--year", type=year, help="the year of the note, where a yearly series without the year in "
                         "its numbers issued NUMBER in several years")
    cancel.add_argument("--why", required=True, type=option(checked_reason), help="the reason, kept in the "
                        "register (one line, at most 500 characters)")
    return p


def open_register(workspace: str | None):
    return open_workspace_register(workspace)[0]


def open_workspace_register(workspace: str | None):
    """The register of the workspace (``--workspace DIR``, else the one around the current folder), and its
    settings (``RegisterConfig``: the workspace's folder, …)."""
    from ..errors import RegisterError
    from ..facts.workspace import workspace_root
    from ..register.config import load_register_config
    from ..register.store import Register

    root = Path(workspace) if workspace else workspace_root(Path.cwd())
    if root is None or not (root / "verbale.yaml").is_file():
        raise RegisterError("no verbale.yaml here or in a folder above", field="(workspace)",
                            hint="run in a workspace, or name it with --workspace DIR",
                            file=str(root or Path.cwd()), line=1)
    config = load_register_config(root, explicit=root)
    if config is None:
        raise RegisterError("this workspace keeps no register", field="register",
                            hint='add numbering: {pattern: "17-1/{seq}"} or register: to it',
                            file=str(root / "verbale.yaml"), line=1)
    return Register(config.url, config.shown, (config.file, config.line)), config


def _when(moment) -> str:
    from ..register.export import when

    return when(moment)


def _recipients(keys: str, at_most: int = 2) -> str:
    keys = keys.split()
    shown = ", ".join(keys[:at_most])
    return shown + (f" and {len(keys) - at_most} more" if len(keys) > at_most else "") if keys else "-"


DEFAULT_KIND = "note-verbale"


def list_lines(records) -> list[str]:
    """One line a number: NUMBER  DATE  SENDER -> RECIPIENTS: SUBJECT, then the kind of document where it is not
    a note verbale (``  (aide-memoire)``), then its state where it is not registered (``  [dispatched]``)."""
    records = list(records)
    width = max((len(r.number) for r in records), default=0)
    lines = []
    for record in records:
        entry = record.facts
        status = f"  [cancelled: {record.cancellation['reason']}]" if record.cancellation else \
            ("" if record.state == "registered" else f"  [{record.state}]")
        date = entry["note_date"].isoformat() if entry["note_date"] else "-"
        kind = "" if record.document_kind == DEFAULT_KIND else f"  ({record.document_kind})"
        lines.append(f"{record.number:<{width}}  {date}  {entry['sender'] or '-'} -> "
                     f"{_recipients(entry['recipients'])}: {entry['subject'] or '-'}{kind}{status}")
    return lines


def show_lines(record, answers=()) -> list[str]:
    """What the register holds of an outgoing number; ``answers``: the incoming notes it answers."""
    from ..register.store import FACTS

    entry = record.facts
    lines = [f"number:     {record.number}" + ("  (typed by hand)" if entry["seq"] is None else ""),
             f"kind:       {record.document_kind}",
             f"date:       {entry['note_date'] or '-'}",
             f"sender:     {entry['sender'] or '-'}",
             f"recipients: {', '.join(entry['recipients'].split()) or '-'}",
             f"subject:    {entry['subject'] or '-'}",
             f"languages:  {entry['languages'] or '-'}",
             f"spec:       {entry['spec_path'] or '-'}",
             f"issued:     {_when(entry['created_at'])} by {entry['created_by']}"]
    for note in answers:
        lines.append(f"answers:    {note.id} ({note['sender']} {note['number']} of {note['note_date']:%Y-%m-%d})")
    issued = record.entry
    for amendment in record.amendments:
        changed = [key.replace("_", " ") for key in FACTS if amendment[key] != issued[key]]
        lines.append(f"amended:    {_when(amendment['created_at'])} by {amendment['created_by']}: sent again with "
                     f"{', '.join(changed) or 'the same facts'} changed (shown above as last sent)")
        issued = amendment
    if record.cancellation:
        cancel = record.cancellation
        lines.append(f"cancelled:  {_when(cancel['created_at'])} by {cancel['created_by']}: {cancel['reason']}")
    lines.append(f"state:      {record.state}")
    lines += [f"  {line}" for line in state_lines(record)]
    lines.append(f"files:      {len(record.files) or 'none written yet'}")
    for item in record.files:
        copy = f"  (to {item['recipient']})" if item["recipient"] else ""
        lines.append(f"  {_when(item['written_at'])}  {item['sha256']}  {item['name']}{copy}")
    return lines


def state_lines(record) -> list[str]:
    """The note's states in the order they came, one line each, with who and when (NOTE-SPEC §12)."""
    lines = []
    for event in record.states:
        what = event["state"]
        if what == "signed":
            what += f" {event['file_name']} by {event['signer']} (SHA-256 {event['sha256']})"
        elif what == "dispatched":
            copies = event["copies"] or 1
            what += f" by {event['channel']}, {copies} cop{'y' if copies == 1 else 'ies'}"
            if event["file_name"]:
                what += f", receipt {event['file_name']} (SHA-256 {event['sha256']})"
        elif what == "cancelled":
            what += f": {event['reason']}"
        lines.append(f"{_when(event['created_at'])}  {what}  [{event['created_by']}]")
    return lines


def run(args) -> int:
    from ..errors import BadValue
    from ..register.checks import checked_number

    if args.command in ("show", "cancel", "dispatch"):
        try:   # one line, as the desk refuses the same number (verbale/register/checks.py)
            args.number = checked_number(args.number)
        except BadValue as exc:
            say(f"verbale register: error: NUMBER: {exc}", sys.stderr)
            return EXIT_USAGE
    register = open_register(args.workspace)
    if args.command in ("list", "export"):
        records = register.records(year=args.year, recipient=args.recipient, words=args.text,
                                   state=getattr(args, "state", None), kind=args.kind)
        if args.command == "list":
            for line in list_lines(records):
                say(line)
            return EXIT_OK
        from ..errors import OutputError
        from ..files import write_atomic

        from ..register.export import csv_bytes
        from ..register.incoming import answered, incoming_notes

        target = Path(args.csv)
        records = list(records)
        received = incoming_notes(register, year=args.year, sender=args.recipient, words=args.text)
        data = csv_bytes(records, received, answered(register, [r.entry["id"] for r in records]))
        try:
            write_atomic(target, data)
        except OSError as exc:
            raise OutputError(f"cannot write {target}: {exc.strerror}", field="--csv",
                              hint="close it in Excel, or check the folder exists", file=str(target), line=1) from None
        say(f"{len(records)} numbers and {len(received)} incoming notes written to {target}")
        return EXIT_OK
    if args.command == "show":
        from ..register.incoming import answered, find_incoming, parse_id

        note = find_incoming(register, args.number) if parse_id(args.number) else None
        if note is not None:
            import datetime as dt

            from .journal import show_lines as incoming_lines

            for line in incoming_lines(note, dt.date.today()):
                say(line)
            return EXIT_OK
        record = register.find(args.number, args.year)
        if record is None:
            year = f" for {args.year}" if args.year else ""
            listed = "incoming list' shows the incoming notes" if parse_id(args.number) else "register list' shows the numbers"
            say(f"{register.shown}:1: NUMBER: {args.number} is not in the register{year} ('verbale {listed})",
                sys.stderr)
            return EXIT_FAILED
        for line in show_lines(record, answered(register, [record.entry["id"]]).get(record.entry["id"], [])):
            say(line)
        return EXIT_OK
    from ..register.outgoing import user_name

    if args.command == "dispatch":
        return dispatch(register, args, user_name())
    register.cancel(args.number, args.why, user_name(), args.year)
    say(f"{args.number}" + (f" of {args.year}" if args.year else "") + " cancelled")
    return EXIT_OK


def dispatch(register, args, by: str) -> int:
    """``register dispatch NUMBER --channel …``: the note left the office; its receipt is kept by its SHA-256."""
    import hashlib

    from ..register.store import dispatch_problem

    problem = dispatch_problem(args.channel, args.copies)
    if problem:
        say(f"verbale register: error: --{problem}" if problem.startswith("copies") else
            f"verbale register: error: --channel: {problem}", sys.stderr)
        return EXIT_USAGE
    receipt = None
    if args.receipt:
        from ..files import read_regular

        data = read_regular(Path(args.receipt), 256 * 2**20)
        if data is None:
            say(f"{args.receipt}:1: --receipt: not a readable file of at most 256 MB (name the receipt's scan or "
                "e-mail file)", sys.stderr)
            return EXIT_FAILED
        from ..errors import BadValue
        from ..register.checks import checked_receipt
        from ..register.received import shown_name

        name = shown_name(Path(args.receipt).name)
        try:
            checked_receipt(name, data)
        except BadValue as exc:
            say(f"{args.receipt}:1: --receipt: {exc}", sys.stderr)
            return EXIT_FAILED
        receipt = (name, hashlib.sha256(data).hexdigest())
    register.dispatch(args.number, args.channel, args.copies, by, args.year, receipt)
    say(f"{args.number}" + (f" of {args.year}" if args.year else "") + f" dispatched by {args.channel}"
        + (f"; receipt {receipt[0]} kept as SHA-256 {receipt[1]}" if receipt else ""))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    from .journal import command_main

    return command_main(parser(), run, argv, "list, show, cancel, dispatch or export")
