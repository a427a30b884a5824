"""DOCX to PDF through LibreOffice, one office process for a whole batch (NOTE-SPEC §8).

Where this user's office keeper runs (``verbale/office.py``: the desk starts one and keeps it warm; so does
``python -m verbale.office``), every file goes through it, the same bytes coming out; else, and for whatever
it leaves, one ``soffice --convert-to pdf`` call converts the batch (``benchmarks/pdf.py``, BENCHMARKS.md:
that call and ``--pdf`` without a keeper cost about the same; a warm office saves the office's start, which
is most of a note's cost).  The keeper is LibreOffice's own UNO listener on a pipe only this user can open,
driven by a small script under the Python that has LibreOffice's ``uno`` (Debian's python3-uno is built for
/usr/bin/python3, not for the venv's interpreter), rather than unoserver: unoserver listens on TCP ports any
local user can reach, and UNO over such a port lets them run code as the clerk.

Each call gets a private profile (``-env:UserInstallation``) in a temporary folder, so parallel runs and
a clerk's open LibreOffice do not collide.  A call that hangs is ended after a time limit (its whole
process group) and the files it left unconverted are tried once more.

Output is made deterministic where LibreOffice lets it: the creation date (LibreOffice 7.4 ignores
SOURCE_DATE_EPOCH), the document ID and LibreOffice's checksum are replaced, at the same length, by
values derived from the DOCX, so a plain PDF of the same DOCX has the same bytes.  A PDF/A file also
embeds an ICC colour profile stamped, inside a compressed stream, with the time of export: PDF/A files
differ from run to run, so an existing PDF whose DOCX did not change is never rewritten (``stale``).
"""
from __future__ import annotations

import contextlib
import hashlib
import math
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import OutputError
from .files import read_regular, replace_together

PROGRAM_VARIABLE = "VERBALE_SOFFICE"        # names the soffice program to use
TIMEOUT_VARIABLE = "VERBALE_PDF_TIMEOUT"    # seconds one office call may take (default: by the batch's size)
TIMEOUT_BASE_S, TIMEOUT_PER_FILE_S = 60.0, 5.0
MAX_TIMEOUT_S = 86400.0                     # a day
MAX_PDF = 64 * 2**20                        # a note's PDF is some 50 kB: a larger file is not one of ours
MAX_DOCX = 64 * 2**20                       # a note with a blank: at most the blank's 24 MB and some
ARCHIVE_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'  # PDF/A-2b
PLAIN_FILTER = "pdf:writer_pdf_Export"
KNOWN_PLACES = {  # where installers put soffice when it is not on PATH
    "win32": [r"C:\Program Files\LibreOffice\program\soffice.exe",
              r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"],
    "darwin": ["/Applications/LibreOffice.app/Contents/MacOS/soffice"],
}
INSTALL_HINT = f"install LibreOffice, or set {PROGRAM_VARIABLE} to its soffice program"


class PdfError(OutputError):
    """LibreOffice is missing, or did not convert a file."""


@dataclass
class Conversion:
    """What a batch gave: DOCX path -> PDF bytes, and DOCX path -> the error for each file that failed."""

    pdfs: dict[Path, bytes] = field(default_factory=dict)
    failures: dict[Path, PdfError] = field(default_factory=dict)


def find_office() -> str:
    """The soffice program: ``$VERBALE_SOFFICE``, else ``soffice``/``libreoffice`` on PATH, else the usual places."""
    named = os.environ.get(PROGRAM_VARIABLE)
    if named:
        found = shutil.which(named)
        if not found:
            raise PdfError(f"{PROGRAM_VARIABLE} names {named}, which is not a program here", field="(pdf)",
                           hint=f"correct {PROGRAM_VARIABLE}, or unset it to use soffice from PATH")
        return found
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for place in KNOWN_PLACES.get(sys.platform, []):
        if Path(place).is_file():
            return place
    raise PdfError("LibreOffice (soffice) is not installed or not on PATH", field="(pdf)", hint=INSTALL_HINT)


def time_limit(files: int) -> float:
    """Seconds one office call may take for ``files`` files: ``$VERBALE_PDF_TIMEOUT``, else by the batch's
    size.  Raises PdfError unless the variable is a number of seconds above 0 and at most a day.

    >>> time_limit(1), time_limit(100)
    (65.0, 560.0)
    """
    named = os.environ.get(TIMEOUT_VARIABLE, "")
    if not named.strip():
        return TIMEOUT_BASE_S + TIMEOUT_PER_FILE_S * files
    try:
        seconds = float(named)
    except ValueError:
        seconds = math.nan
    if not 0 < seconds <= MAX_TIMEOUT_S:  # also refuses nan and inf ("1e400")
        raise PdfError(f"{TIMEOUT_VARIABLE}={named[:40]!r} is not a number of seconds", field="(pdf)",
                       hint=f"set it to a number above 0 and at most {MAX_TIMEOUT_S:.0f}, or unset it")
    return seconds


def _end(process: subprocess.Popen) -> None:
    """End a call and everything it started (soffice starts oosplash, which starts soffice.bin)."""
    try:
        if os.name == "nt":
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True)
        else:
            os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        process.kill()
    process.communicate()


def _run_office(program: str, docx: list[Path], out_dir: Path, profile: Path, archive: bool) -> str:
    """One office call converting ``docx`` into ``out_dir``; returns '' or what went wrong."""
    command = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", ARCHIVE_FILTER if archive else PLAIN_FILTER, "--outdir", str(out_dir),
               *[str(path) for path in docx]]
    options = {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP} if os.name == "nt" else {"start_new_session": True}
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, **options)
    except OSError as exc:
        return f"LibreOffice could not be started: {exc.strerror or exc}"
    limit = time_limit(len(docx))
    try:
        output, _ = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        _end(process)
        return f"LibreOffice did not finish within {limit:.0f} s"
    if process.returncode:
        last = output.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        return f"LibreOffice failed (exit status {process.returncode}) {last[0]}".strip()
    return ""


def convert(docx: list[Path], archive: bool = False, attempts: int = 2) -> Conversion:
    """Convert the DOCX files with one office process; a file it leaves unconverted (a hang, a crash) is tried
    once more. Raises PdfError only when LibreOffice cannot be found.

    The office is given copies named ``0.docx``, ``1.docx``… in a private folder, by absolute path: a file
    name (a spec called ``--norestore-x.yaml`` or ``-env:UserInstallation=…``, a space, a newline) never
    reaches soffice, which would take it for an option and fail the whole batch, or be steered by it."""
    program = find_office()
    result = Conversion()
    try:
        time_limit(len(docx))
    except PdfError as exc:  # a line for each file, as for any other failure
        result.failures = {Path(path): exc for path in docx}
        return result
    docx = _through_running_office(program, [Path(p) for p in docx], archive, attempts, result)
    if not docx:
        return result
    # ignore_cleanup_errors: an office still writing when Ctrl-C came must not turn it into an OSError
    with tempfile.TemporaryDirectory(prefix="verbale-pdf-", ignore_cleanup_errors=True) as work:
        work_dir = Path(work).resolve()
        inputs, out_dir = work_dir / "in", work_dir / "out"
        inputs.mkdir()
        out_dir.mkdir()
        copies: dict[Path, Path] = {}   # our copy -> the DOCX it stands for
        for number, path in enumerate(dict.fromkeys(Path(p) for p in docx)):
            data = read_regular(path, MAX_DOCX)  # never through a link, never a FIFO
            if data is None:
                result.failures[path] = PdfError(f"no PDF made for {path.name}: it is not a DOCX file to read",
                                                 field="(pdf)", hint="run again to write the DOCX")
                continue
            copy = inputs / f"{number}.docx"
            copy.write_bytes(data)
            copies[copy] = path
        pending, problem, junk = list(copies), "", set()
        for attempt in range(attempts if pending else 0):
            profile = work_dir / f"profile{attempt}"
            problem = _run_office(program, pending, out_dir, profile, archive) or problem
            for copy in pending:
                made_path = out_dir / (copy.stem + ".pdf")
                made = read_regular(made_path, MAX_PDF)
                if made and looks_whole(made):
                    result.pdfs[copies[copy]] = deterministic(made, copy)
                    junk.discard(copy)
                elif os.path.lexists(made_path):  # junk, cut short or too large: never written beside the DOCX
                    junk.add(copy)
                    with contextlib.suppress(OSError):
                        made_path.unlink()
            pending = [copy for copy in pending if copies[copy] not in result.pdfs]
            if not pending:
                break
        for copy in pending:
            why = ("LibreOffice gave a file that is not a whole PDF" if copy in junk
                   else problem or "LibreOffice gave no file")
            result.failures[copies[copy]] = PdfError(
                f"no PDF made for {copies[copy].name}: {why}", field="(pdf)",
                hint="the DOCX is written; open it in LibreOffice to see why, or run again")
    return result


def _through_running_office(program: str, docx: list[Path], archive: bool, attempts: int,
                            result: Conversion) -> list[Path]:
    """Convert through this user's running office keeper (``verbale.office``: the desk's), when there is one;
    each file is tried ``attempts`` times (the keeper starts its office again after a crash or a hang).  The files
    left when the keeper is gone or none runs: they go to one soffice call as before."""
    from .office import OfficeGone, running

    keeper = running(program) if docx else None   # one that runs the office asked for ($VERBALE_SOFFICE)
    if keeper is None:
        return docx
    for index, path in enumerate(docx):
        data = read_regular(path, MAX_DOCX)  # never through a link, never a FIFO
        if data is None:
            result.failures[path] = PdfError(f"no PDF made for {path.name}: the DOCX cannot be read", field="(pdf)",
                                             hint="run again")
            continue
        problem = ""
        try:
            for _ in range(attempts):
                made, problem = keeper.convert(data, archive, time_limit(1))
                if made and looks_whole(made):
                    result.pdfs[path] = deterministic(made, path)
                    break
                problem = problem or "LibreOffice gave a file that is not a whole PDF"
        except OfficeGone:
            return docx[index:]
        if path not in result.pdfs:
            result.failures[path] = PdfError(f"no PDF made for {path.name}: {problem}", field="(pdf)",
                                             hint="the DOCX is written; open it in LibreOffice to see why, or run "
                                                  "again")
    return []


_CREATED = re.compile(rb"<dcterms:created[^>]*>(\d{4})-(\d\d)-(\d\d)")
_PDF_DATE = re.compile(rb"/CreationDate\(D:\d{14}")
_XMP_DATE = re.compile(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")
_ID = re.compile(rb"(/ID \[ <)[0-9A-F]{32}(>\s*<)[0-9A-F]{32}(> \])")
_CHECKSUM = re.compile(rb"/DocChecksum /[0-9A-F]{32}")


def _note_date(docx: Path) -> tuple[bytes, bytes, bytes]:
    try:
        with zipfile.ZipFile(docx) as package:
            found = _CREATED.search(package.read("docProps/core.xml"))
    except (OSError, KeyError, zipfile.BadZipFile):
        found = None
    return found.groups() if found else (b"2000", b"01", b"01")


def deterministic(pdf: bytes, docx: Path) -> bytes:
    """The PDF with its creation date set to the DOCX's date and its ID derived from the DOCX's bytes; every
    replacement has the length of what it replaces, so the cross-reference table stays right."""
    year, month, day = _note_date(docx)
    digest = hashlib.md5(docx.read_bytes() + pdf[:8]).hexdigest().upper().encode()
    pdf = _PDF_DATE.sub(b"/CreationDate(D:" + year + month + day + b"000000", pdf)
    pdf = _XMP_DATE.sub(rb"\g<1>" + year + b"-" + month + b"-" + day + b"T00:00:00", pdf)
    pdf = _ID.sub(rb"\g<1>" + digest + rb"\g<2>" + digest + rb"\g<3>", pdf, count=1)
    return _CHECKSUM.sub(b"/DocChecksum /" + digest, pdf, count=1)


def looks_whole(pdf: bytes) -> bool:
    """Whether ``pdf`` looks like a whole PDF file: it starts with ``%PDF-`` and ends with ``%%EOF``
    (whitespace after it allowed); junk or a file cut short does not.

    >>> looks_whole(b"%PDF-1.7 ... %%EOF\\r\\n"), looks_whole(b"garbage"), looks_whole(b"%PDF-1.7 ... startxref")
    (True, False, False)
    """
    return pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")


def is_archive(pdf: bytes) -> bool:
    """Whether a PDF declares itself PDF/A (its XMP metadata names a PDF/A part)."""
    return b"pdfaid:part" in pdf


def pdf_path(docx: Path) -> Path:
    return docx.with_suffix(".pdf")


def _existing(target: Path) -> bool:
    """Whether ``target`` exists, looked at without following a link; raises PdfError if it is not a regular
    file (a link, a FIFO, a device, a folder): such a file is never opened or replaced."""
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise PdfError(f"cannot look at {target}: {exc.strerror}", field="(pdf)",
                       hint="check the output folder is readable") from None
    if not stat.S_ISREG(info.st_mode):
        raise PdfError(f"{target} exists and is not a regular file", field="(pdf)",
                       hint="move it away; it is never opened or replaced")
    return True


def stale(docx: Path, docx_written: bool, archive: bool) -> bool:
    """Whether ``docx`` needs its PDF (re)made: the DOCX was just written, or its PDF is missing, not a whole
    PDF (junk, cut short, too large to be ours) or of the other kind (PDF/A against plain).  A PDF beside an
    unchanged DOCX is kept: PDF/A bytes differ by run.  Raises PdfError if the PDF's name is taken by something
    that is not a regular file."""
    target = pdf_path(docx)
    if not _existing(target) or docx_written:
        return True
    pdf = read_regular(target, MAX_PDF)  # None: changed into something else meanwhile, or too large
    return pdf is None or not looks_whole(pdf) or is_archive(pdf) != archive


def write_pdf(target: Path, pdf: bytes) -> None:
    """Put a made PDF in place: created where there is none, replacing only a regular file, never through a
    link.  Raises PdfError (the name is not a regular file) or OSError (including another run creating it
    meanwhile)."""
    replace = {target.name} if _existing(target) else set()
    replace_together(target.parent, {target.name: pdf}, replace)
