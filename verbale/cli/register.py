"""``verbale register``: the outgoing register of the workspace (list, show, cancel, export).

Problems go to stderr, one line each; exit status 0 done, 1 failed, 2 bad usage (NOTE-SPEC §4).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import NoteError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="verbale register", description="The outgoing register of the workspace: "
                                "every number issued, to whom, about what, with the files written under it.")
    p.add_argument("--workspace", metavar="DIR", help="the workspace (default: the folder holding verbale.yaml, "
                   "from the current folder upward)")
    commands = p.add_subparsers(dest="command", metavar="COMMAND")
    listing = commands.add_parser("list", help="the numbers issued, in order")
    export = commands.add_parser("export", help="the whole register as a table")
    export.add_argument("--csv", metavar="FILE", required=True, help="write CSV (UTF-8, opens in Excel)")
    for sub in (listing, export):
        sub.add_argument("--year", type=int, help="notes dated in this year")
        sub.add_argument("--recipient", metavar="KEY", help="notes to this recipient (a termbase key)")
        sub.add_argument("--text", metavar="WORDS", default="", help="notes whose number, subject or spec has "
                         "a word beginning with each of these (any case; 624 or 1/624 finds 17-1/624)")
    show = commands.add_parser("show", help="everything the register holds of one number")
    cancel = commands.add_parser("cancel", help="cancel an issued number (adds a record; nothing is deleted)")
    for sub in (show, cancel):
        sub.add_argument("number", metavar="NUMBER")
        sub.add_argument("--year", type=int, help="the year of the note, where a yearly series without the year in "
                         "its numbers issued NUMBER in several years")
    cancel.add_argument("--why", required=True, help="the reason, kept in the register")
    return p


def open_register(workspace: str | None):
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
    return Register(config.url, config.shown, (config.file, config.line))


def _when(moment) -> str:
    from ..register.store import utc

    return f"{utc(moment):%Y-%m-%d %H:%M} UTC"


def _recipients(keys: str, at_most: int = 2) -> str:
    keys = keys.split()
    shown = ", ".join(keys[:at_most])
    return shown + (f" and {len(keys) - at_most} more" if len(keys) > at_most else "") if keys else "-"


def list_lines(records) -> list[str]:
    records = list(records)
    width = max((len(r.number) for r in records), default=0)
    lines = []
    for record in records:
        entry = record.facts
        status = f"  [cancelled: {record.cancellation['reason']}]" if record.cancellation else ""
        date = entry["note_date"].isoformat() if entry["note_date"] else "-"
        lines.append(f"{record.number:<{width}}  {date}  {entry['sender'] or '-'} -> "
                     f"{_recipients(entry['recipients'])}: {entry['subject'] or '-'}{status}")
    return lines


def show_lines(record) -> list[str]:
    from ..register.store import FACTS

    entry = record.facts
    lines = [f"number:     {record.number}" + ("  (typed by hand)" if entry["seq"] is None else ""),
             f"date:       {entry['note_date'] or '-'}",
             f"sender:     {entry['sender'] or '-'}",
             f"recipients: {', '.join(entry['recipients'].split()) or '-'}",
             f"subject:    {entry['subject'] or '-'}",
             f"languages:  {entry['languages'] or '-'}",
             f"spec:       {entry['spec_path'] or '-'}",
             f"issued:     {_when(entry['created_at'])} by {entry['created_by']}"]
    issued = record.entry
    for amendment in record.amendments:
        changed = [key.replace("_", " ") for key in FACTS if amendment[key] != issued[key]]
        lines.append(f"amended:    {_when(amendment['created_at'])} by {amendment['created_by']}: sent again with "
                     f"{', '.join(changed) or 'the same facts'} changed (shown above as last sent)")
        issued = amendment
    if record.cancellation:
        cancel = record.cancellation
        lines.append(f"cancelled:  {_when(cancel['created_at'])} by {cancel['created_by']}: {cancel['reason']}")
    lines.append(f"files:      {len(record.files) or 'none written yet'}")
    for item in record.files:
        copy = f"  (to {item['recipient']})" if item["recipient"] else ""
        lines.append(f"  {_when(item['written_at'])}  {item['sha256']}  {item['name']}{copy}")
    return lines


CSV_COLUMNS = ["number", "status", "date", "sender", "recipients", "subject", "languages", "spec", "issued_at",
               "issued_by", "cancelled_at", "cancelled_by", "reason", "files"]


def csv_bytes(records) -> bytes:
    """The register as CSV in UTF-8 with a byte-order mark (Excel then reads Cyrillic right)."""
    import csv
    import io

    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        entry, cancel = record.facts, record.cancellation or {}
        writer.writerow([record.number, "cancelled" if cancel else "issued", entry["note_date"] or "",
                         entry["sender"], entry["recipients"], entry["subject"], entry["languages"],
                         entry["spec_path"], _when(entry["created_at"]), entry["created_by"],
                         _when(cancel["created_at"]) if cancel else "", cancel.get("created_by", ""),
                         cancel.get("reason", ""),
                         "; ".join(f"{f['name']} {f['sha256']}" for f in record.files)])
    return stream.getvalue().encode("utf-8-sig")


def run(args) -> int:
    register = open_register(args.workspace)
    if args.command in ("list", "export"):
        records = register.records(year=args.year, recipient=args.recipient, words=args.text)
        if args.command == "list":
            for line in list_lines(records):
                print(line)
            return EXIT_OK
        from ..errors import OutputError
        from ..files import write_atomic

        target = Path(args.csv)
        records = list(records)
        data = csv_bytes(records)
        try:
            write_atomic(target, data)
        except OSError as exc:
            raise OutputError(f"cannot write {target}: {exc.strerror}", field="--csv",
                              hint="close it in Excel, or check the folder exists", file=str(target), line=1) from None
        print(f"{len(records)} numbers written to {target}")
        return EXIT_OK
    if args.command == "show":
        record = register.find(args.number, args.year)
        if record is None:
            year = f" for {args.year}" if args.year else ""
            print(f"{register.shown}:1: NUMBER: {args.number} is not in the register{year} "
                  "('verbale register list' shows the numbers)", file=sys.stderr)
            return EXIT_FAILED
        print("\n".join(show_lines(record)))
        return EXIT_OK
    from ..register.outgoing import user_name

    if not args.why.strip():
        print("verbale register: error: --why needs the reason", file=sys.stderr)
        return EXIT_USAGE
    register.cancel(args.number, " ".join(args.why.split()), user_name(), args.year)
    print(f"{args.number}" + (f" of {args.year}" if args.year else "") + " cancelled")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    p = parser()
    try:
        args = p.parse_args(argv)
    except SystemExit as exc:
        return EXIT_OK if exc.code == 0 else EXIT_USAGE
    if args.command is None:
        p.print_usage(sys.stderr)
        print("verbale register: error: name a command: list, show, cancel or export", file=sys.stderr)
        return EXIT_USAGE
    try:
        return run(args)
    except NoteError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:  # `verbale register list | head`
        sys.stderr.close()
        return EXIT_OK
