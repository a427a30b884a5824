"""``verbale verify FILE.pdf|FILE.docx``: is this a note the register holds, with this text; and, for a signed
PDF, who signed it and is the signature intact (NOTE-SPEC §12).

What is checked, from the strongest to the weakest:
1. the file itself: its SHA-256 is one the register recorded for the note (as written, or as signed);
2. the text: the note's text, hashed as the verification mark hashes it, is a text the register holds for that
   number and language (a DOCX keeps its paragraphs, so this is exact; a PDF's text is compared with the
   registered text, line breaks and hyphenation aside, and what differs is named);
3. the verification mark: the QR code (a PDF's decoded from its pages, a DOCX's read from its picture's
   alternative text) names the number, date, sender, language and text hash; its hash must be the text's;
4. a signature: intact, covering the whole file, and, with ``--trust CA.pem``, leading to the office's CA.
The exit status is 0 when everything found agrees, 1 when anything differs (one line on stderr each).
"""
from __future__ import annotations

import argparse
import datetime as dt
import difflib
import hashlib
import re
import sys
from pathlib import Path

from ..errors import NoteError
from .lines import say

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
MAX_FILE = 64 * 2**20


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="verbale verify", description="Say whether a note's PDF or DOCX is one the "
                                "register holds, with this text, and for a signed PDF who signed it and whether the "
                                "signature is intact. Exit 0: it is; 1: something differs (each on one line).")
    p.add_argument("file", metavar="FILE", help="a note's .pdf or .docx")
    p.add_argument("--trust", metavar="CA.pem", action="append", default=[],
                   help="the office's CA certificate: a signature must lead to it (may be given more than once)")
    p.add_argument("--workspace", metavar="DIR", help="the workspace whose register to ask (default: from the "
                   "current folder upward)")
    return p


class Report:
    """What verification found: lines that agree (stdout), problems (stderr, and exit 1)."""

    def __init__(self, path: Path):
        self.path, self.good, self.bad = path, [], []

    def ok(self, text: str) -> None:
        if text not in self.good:
            self.good.append(text)

    def problem(self, text: str) -> None:
        self.bad.append(f"{self.path}:1: (verify): {text}")


def _register(workspace: str | None):
    """The workspace's register, or None (with the reason) where there is none."""
    from .register import open_register

    try:
        return open_register(workspace), ""
    except NoteError as exc:
        return None, exc.problem


def _record(register, number: str, date: str, report: Report):
    try:
        year = dt.date.fromisoformat(date).year if date else None
    except ValueError:
        year = None
    try:
        return register.find(number, year)
    except NoteError as exc:
        report.problem(exc.problem)
        return None


def line_differences(registered: str, found: str) -> str:
    """The first line that differs between two texts of a note, in words (for a DOCX, whose lines are kept).

    >>> line_differences("a\\nthe honour to forward", "a\\nthe honour to send")
    'line 2 reads «…honour to send» where the register has «…honour to forward»'
    """
    old, new = registered.split("\n"), found.split("\n")
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        was, now = " / ".join(old[i1:i2]), " / ".join(new[j1:j2])
        if tag == "insert":
            return f"line {j1 + 1} was added: «{now}»"
        if tag == "delete":
            return f"line {i1 + 1} of the registered text is missing: «{was}»"
        was_words, now_words = was.split(), now.split()
        words = difflib.SequenceMatcher(None, was_words, now_words, autojunk=False)
        first = next(op for op in words.get_opcodes() if op[0] != "equal")
        start = max(0, first[1] - 2)
        shown_was = " ".join(was_words[start:first[2]]) or " ".join(was_words[start:first[1]])
        shown_now = " ".join(now_words[max(0, first[3] - 2):first[4]]) or " ".join(now_words[max(0, first[3] - 2):first[3]])
        return f"line {j1 + 1} reads «…{shown_now}» where the register has «…{shown_was}»"
    return "the texts differ in spacing only"


def _check_text(record, claim: dict, digest: str, text: str, report: Report, exact: bool = True,
                what: str = "this {lang} text") -> str | None:
    """Whether the register holds ``text`` (its ``digest``) for the note in the claimed language; the registered
    text it matched (or the one to compare with) is returned."""
    from ..register.store import utc

    lang = claim["lang"]
    held = [row for row in record.texts if row["lang"] == lang]
    if not held:
        report.problem(f"the register holds no {lang} text of {record.number} (it was registered before texts "
                       "were recorded, or not in this language)")
        return None
    match = next((row for row in reversed(held) if row["sha256"] == digest), None)
    if match is not None:
        report.ok(f"the register holds {record.number} of {record.entry['note_date']} with {what.format(lang=lang)} "
                  f"(recorded {utc(match['written_at']):%Y-%m-%d %H:%M} UTC)")
        return match["text"]
    longest = max(len(row["text"]) for row in held)
    if exact and len(text) > 3 * longest + 5000:   # not compared line by line: that would take minutes
        report.problem(f"the {lang} text is not the one registered for {record.number}: it has {len(text):,} "
                       f"characters where the register's has {longest:,}")
    elif exact:
        closest = min(held, key=lambda row: -difflib.SequenceMatcher(None, row["text"], text).ratio())
        report.problem(f"the {lang} text is not the one registered for {record.number}: "
                       + line_differences(closest["text"], text))
    return None


def _check_claim(register, claim: dict, report: Report):
    """The record a verification line (or a DOCX's properties) names, or None; what disagrees is reported."""
    record = _record(register, claim["number"], claim["date"], report)
    if record is None:
        report.problem(f"the register holds no note {claim['number']}" + (f" of {claim['date']}" if claim["date"]
                                                                            else ""))
        return None
    if claim["date"] and record.entry["note_date"] and record.entry["note_date"].isoformat() != claim["date"]:
        report.problem(f"the register's {record.number} is dated {record.entry['note_date']}, the file says "
                       f"{claim['date']}")
    if claim["sender"] and record.facts["sender"] and claim["sender"] != record.facts["sender"]:
        report.problem(f"the register's {record.number} was sent by {record.facts['sender']}, the file's mark says "
                       f"{claim['sender']}")
    if record.cancellation is not None:
        report.problem(f"{record.number} was cancelled: {record.cancellation['reason']}")
    return record


def verify_docx(path: Path, data: bytes, register, report: Report) -> None:
    from ..readback import read_docx
    from ..texthash import note_text, text_sha256

    reading = read_docx(path, data)
    file_digest = hashlib.sha256(data).hexdigest()
    if register is not None and not any(section.lines for section in reading.sections):
        holders = register.holding(sha256=file_digest)   # a file without the mark (a review, a combined file)
        for record in holders:
            report.ok(f"this very file was recorded for {record.number} of {record.entry['note_date']}")
            if record.cancellation is not None:
                report.problem(f"{record.number} was cancelled: {record.cancellation['reason']}")
        if holders:
            return
    checked = 0
    for section in reading.sections:
        digest, text = text_sha256(section.paragraphs), note_text(section.paragraphs)
        claims = section.lines or ([{"number": reading.number, "date": reading.date, "lang": reading.language,
                                     "sender": "", "sha256": ""}] if len(reading.sections) == 1 else [])
        for claim in claims:
            checked += 1
            if claim["sha256"] and claim["sha256"] != digest:
                report.problem(f"the text is not the one its verification mark was made for ({claim['lang']}, "
                               f"{claim['number']})")
            elif claim["sha256"]:
                report.ok(f"the verification mark holds this text's hash ({claim['number']}, {claim['lang']})")
            if register is None:
                continue
            if not claim["number"]:
                report.problem("the file names no number (a draft, or not made by verbale)")
                continue
            record = _check_claim(register, claim, report)
            if record is None:
                continue
            if file_digest in record.file_hashes().values():
                report.ok(f"this very file was recorded for {record.number}")
            else:
                report.ok(f"this file itself is not one recorded for {record.number} (saved again, or its header, "
                          "footer, pictures or properties differ): its text is what is checked")
            _check_text(record, claim, digest, text, report)
    if not checked:
        report.problem("the file carries no note to verify")


def verify_pdf(path: Path, data: bytes, register, trust: list[Path], report: Report) -> None:
    from ..readback import pdf_pages_text, pdf_verification_lines, qr_available, text_differences

    digest = hashlib.sha256(data).hexdigest()
    _check_signatures(data, trust, report)
    claims = pdf_verification_lines(data, path) if qr_available() else []
    if not qr_available():
        report.ok("the QR code was not read: install zbar-tools and poppler-utils (zbarimg, pdftoppm) to read it")
    if register is None:
        if claims:
            report.ok("verification mark: " + "; ".join(f"{c['number']} of {c['date']} from {c['sender']} ({c['lang']})"
                                                        for c in claims))
        return
    records = []
    for claim in claims:
        record = _check_claim(register, claim, report)
        if record is not None:
            records.append((claim, record))
    if not claims:
        holders = register.holding(sha256=digest)
        if not holders and not _verify_by_printed_number(path, data, register, report):
            report.problem("the register recorded no such file, and the file carries no verification mark that "
                           "could be read, nor a number the register issued")
            return
        if not holders:
            return
        for record in holders:
            report.ok(f"this very file was recorded for {record.number} of {record.entry['note_date']}")
            if record.cancellation is not None:
                report.problem(f"{record.number} was cancelled: {record.cancellation['reason']}")
        return
    texts = []
    for claim, record in records:
        registered = _check_text(record, claim, claim["sha256"], "", report, exact=False,
                                 what="the {lang} text its verification mark names")
        if registered is None:
            report.problem(f"the verification mark's text hash is not one the register holds for {record.number} "
                           f"({claim['lang']})")
        texts.append(registered)
        if digest in record.file_hashes().values():
            report.ok(f"this very file was recorded for {record.number}"
                      + (" (as signed)" if any(r["sha256"] == digest for r in record.signed_files().values()) else ""))
    if records and all(texts) and not any(digest in r.file_hashes().values() for _, r in records):
        taken: list[str] = []
        differences = text_differences("\n".join(texts), pdf_pages_text(data, path), taken)
        if differences:
            report.problem(f"the PDF's text differs from the registered text: {_first_of(differences)}")
        else:
            report.ok("the PDF's text is the registered text (this file itself was not recorded: made again or saved "
                      "anew)" + _not_compared(taken))


def _first_of(differences: list[str]) -> str:
    return differences[0] + (f" (and {len(differences) - 1} more)" if len(differences) > 1 else "")


def _not_compared(taken: list[str]) -> str:
    """The lines a PDF's text check took for the first page's letterhead and footer, for its report line."""
    if not taken:
        return ""
    shown = "; ".join(f"«{line[:60]}»" for line in taken[:6]) + ("; …" if len(taken) > 6 else "")
    return f"; taken for the first page's letterhead and footer, not compared: {shown}"


# A note's own number as its first page prints it (No. 17-1/624, № 17-1/624), and any number it cites
PRINTED_NUMBER = re.compile(r"(?:№|\bNo\.)[ \u00a0]*([0-9A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі][\w\-/.]*[\w])")


def _verify_by_printed_number(path: Path, data: bytes, register, report: Report) -> bool:
    """A PDF that carries no readable mark and is not a recorded file (a house without ``qr:``, a PDF made again
    from the DOCX): the numbers printed on its first page name the records it could be; the record and language
    whose registered text it matches best is the one reported, and what differs is named.  False when no number
    on the page is one the register issued."""
    from ..readback import pdf_pages_text, text_differences

    pages = pdf_pages_text(data, path)
    best = None
    for number in list(dict.fromkeys(PRINTED_NUMBER.findall(pages[0])))[:20]:   # bounded: a page of numbers
        for record in register.records(number=number.rstrip(".")):
            latest = {row["lang"]: row["text"] for row in record.texts}
            for lang, text in latest.items():
                taken: list[str] = []
                differences = text_differences(text, pages, taken)
                if best is None or len(differences) < len(best[0]):
                    best = (differences, record, lang, taken)
    if best is None:
        return False
    differences, record, lang, taken = best
    if differences:
        report.problem(f"the PDF carries no verification mark; its text differs from the registered {lang} text of "
                       f"{record.number} of {record.entry['note_date']}: {_first_of(differences)}")
    else:
        report.ok(f"the PDF carries no verification mark and was not recorded as a file; its text is the registered "
                  f"{lang} text of {record.number} of {record.entry['note_date']} (the number read from its page)"
                  + _not_compared(taken))
    if record.cancellation is not None:
        report.problem(f"{record.number} was cancelled: {record.cancellation['reason']}")
    return True


def _check_signatures(data: bytes, trust: list[Path], report: Report) -> None:
    if b"/ByteRange" not in data:
        if trust:
            report.problem("the PDF is not signed")
        return
    try:
        from ..signing import checked_signatures
        found = checked_signatures(data, trust)   # in a bounded process: pyHanko parses the PDF in Python
    except NoteError as exc:
        report.problem(f"the PDF is signed, but its signature cannot be checked: {exc.problem} ({exc.hint})")
        return
    if not found:
        report.problem("the PDF holds a signature dictionary pyHanko cannot find as a signature")
    for signature in found:
        who = signature.signer or "an unknown signer"
        if not signature.good:
            report.problem(f"signature by {who}: {signature.problem or 'not intact'}")
        elif signature.trusted:
            report.ok(f"signed by {who}; the signature is intact, covers the whole file and leads to the trusted CA")
        else:
            report.ok(f"signed by {who}; the signature is intact and covers the whole file, not checked against a "
                      "trusted root (give the office's CA with --trust)")


def run(args) -> int:
    from ..files import read_regular

    path = Path(args.file)
    kind = path.suffix.lower()
    if kind not in (".pdf", ".docx"):
        say(f"verbale verify: error: {path} is neither a .pdf nor a .docx", sys.stderr)
        return EXIT_USAGE
    data = read_regular(path, MAX_FILE)   # read once: what is checked is what was read
    if data is None:
        say(f"{path}:1: FILE: not a readable file of at most {MAX_FILE // 2**20} MB", sys.stderr)
        return EXIT_FAILED
    report = Report(path)
    register, why = _register(args.workspace)
    try:
        if kind == ".docx":
            verify_docx(path, data, register, report)
        else:
            verify_pdf(path, data, register, [Path(t) for t in args.trust], report)
    except NoteError:
        for line in report.bad:   # what was found before the file proved unreadable is said too
            say(line, sys.stderr)
        raise
    if register is None:
        report.problem(f"not checked against a register: {why} (run in the workspace, or name it with --workspace)")
    for line in report.good:
        say(f"{path}: {line}")
    for line in report.bad:
        say(line, sys.stderr)
    if not report.bad:
        say(f"{path}: verified")
    return EXIT_FAILED if report.bad else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    from .lines import command

    return command(parser, run, argv)
