"""``verbale sign NUMBER --key office.p12``: sign a registered note's PDFs with the office's certificate
(NOTE-SPEC §12).

The PDFs signed are the note's language versions the register recorded (``NAME.LANG.pdf``, and a circular's
``NAME.RECIPIENT.LANG.pdf``), found in the output folder.  Nothing is signed unless every one of them, and every
DOCX of the note in the folder, is the file the register recorded: a note whose files changed since
registration is refused, whole.  The key's password comes from a prompt or ``VERBALE_KEY_PASSWORD``, never from
the command line.  The signed files replace the old ones together (atomically), and the register records, in
the same transaction, each signed file's SHA-256 and the certificate's subject (state ``signed``).
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
from pathlib import Path

from ..errors import NoteError
from .lines import say, year

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
PASSWORD_VARIABLE = "VERBALE_KEY_PASSWORD"
NOTE_PDF = re.compile(r"\.(en|ru|kk)\.pdf$")
MAX_FILE = 64 * 2**20


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="verbale sign", description="Sign a registered note's PDFs (PAdES B-B) with "
                                "the office's certificate; the register records who signed and each signed file's "
                                f"SHA-256. The key's password is asked for, or read from {PASSWORD_VARIABLE}.")
    p.add_argument("number", metavar="NUMBER", help="the note's number in the register")
    p.add_argument("--key", required=True, metavar="FILE.p12", help="the office's key and certificate (PKCS#12)")
    p.add_argument("--year", type=year, help="the year of the note, where NUMBER was issued in several years")
    p.add_argument("-o", "--out", default="out", help="the folder holding the note's files (default: out/)")
    p.add_argument("--workspace", metavar="DIR", help="the workspace (default: from the current folder upward)")
    return p


def note_pdfs(record) -> list[str]:
    """The names of the note's language PDFs the register recorded (not the combined file, review or agenda)."""
    return sorted(name for name in record.file_hashes() if NOTE_PDF.search(name) and ".agenda." not in name)


def _problem(path: Path, text: str, hint: str) -> NoteError:
    return NoteError(text, field="(sign)", hint=hint, file=str(path), line=1)


def unchanged_files(record, out: Path) -> dict[str, bytes]:
    """The note's PDFs to sign, read from ``out``; NoteError unless each, and each DOCX of the note found in
    ``out``, has the SHA-256 the register holds for it, and no PDF is signed already."""
    from ..files import read_regular

    names = note_pdfs(record)
    if not names:
        raise NoteError(f"no PDF of {record.number} is in the register", field="NUMBER",
                        hint="make them with verbale generate SPEC --pdf archive in the workspace (a PDF made before "
                             "the register recorded PDFs: delete it first)", file=str(out), line=1)
    recorded, signed = record.file_hashes(), record.signed_files()
    found: dict[str, bytes] = {}
    for name in sorted(recorded):
        path = out / name
        if not (name in names or name.endswith(".docx")) or (name.endswith(".docx") and not os.path.lexists(path)):
            continue
        data = read_regular(path, MAX_FILE)
        if data is None:
            raise _problem(path, "is missing or not a regular file", f"run verbale sign in the folder above {out}, "
                           "or name the output folder with -o")
        if hashlib.sha256(data).hexdigest() != recorded[name]:
            raise _problem(path, f"changed since {record.number} was registered (its SHA-256 is not the one "
                           "recorded); nothing was signed", "generate the note again, or restore the file")
        if name in signed:
            raise _problem(path, f"is signed already, by {signed[name]['signer']}", "nothing was signed")
        if name in names:
            found[name] = data
    return found


def password() -> bytes:
    """The key's password: ``VERBALE_KEY_PASSWORD``, else asked for on the terminal (never an argument)."""
    if PASSWORD_VARIABLE in os.environ:
        return os.environ[PASSWORD_VARIABLE].encode("utf-8")
    import getpass

    return getpass.getpass("Password of the key: ").encode("utf-8")


def run(args) -> int:
    from ..files import replace_together
    from ..register.outgoing import user_name
    from ..register.store import SIGNED
    from ..signing import load_key, require, sign_pdf
    from .register import open_register

    require()
    register = open_register(args.workspace)
    record = register.find(args.number, args.year)
    if record is None:
        say(f"{register.shown}:1: NUMBER: {args.number} is not in the register"
            + (f" for {args.year}" if args.year else "") + " ('verbale register list' shows the numbers)", sys.stderr)
        return EXIT_FAILED
    if record.cancellation is not None:
        say(f"{register.shown}:1: NUMBER: {args.number} was cancelled ({record.cancellation['reason']}); a "
            "cancelled note is not signed", sys.stderr)
        return EXIT_FAILED
    out = Path(args.out)
    files = unchanged_files(record, out)
    key = load_key(Path(args.key), password())
    signed = {name: sign_pdf(data, key) for name, data in files.items()}
    rows = [dict(state=SIGNED, file_name=name, sha256=hashlib.sha256(data).hexdigest(), signer=key.subject,
                 detail=f"issuer {key.issuer}, serial {key.serial}") for name, data in signed.items()]
    committed = False
    try:
        with register.transaction() as conn:
            register.add_states(record, rows, user_name(), conn)
            replace_together(out, signed, set(signed))   # all the files, or none; then the commit
        committed = True
    except OSError as exc:
        say(f"{out}:1: (sign): cannot write the signed files: {exc.strerror}; nothing was signed (close them in "
            "any program that has them open)", sys.stderr)
        return EXIT_FAILED
    finally:
        if not committed and any((out / name).is_file() and (out / name).read_bytes() == data
                                 for name, data in signed.items()):
            replace_together(out, files, set(files))  # the register refused: the files go back as they were
    for name in signed:
        say(f"{out / name}: signed by {key.subject}")
    say(f"{record.number}: {len(signed)} PDF{'s' if len(signed) != 1 else ''} signed; the register records them")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    from .lines import command

    return command(parser, run, argv, "verbale sign: stopped; nothing was signed")
