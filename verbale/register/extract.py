"""What a received file says, as text for ``verbale incoming list --text``: a PDF through ``pdftotext``
(poppler), a scan (an image, or a PDF without text) through OCR with ``tesseract`` and its Kazakh, Russian and
English data (Debian: poppler-utils, tesseract-ocr, tesseract-ocr-kaz, -rus, -eng).

The programs run on a copy in a private temporary folder under a fixed name (a received file's own name never
reaches a command line), with argument lists (never a shell), within one time limit for the whole file
(``$VERBALE_OCR_TIMEOUT`` seconds, default 300), at most MAX_PAGES pages, and within the memory and output
bounds of ``verbale/bounded.py`` (a crafted PDF or image costs a line, never the machine). A page of a PDF is rendered for OCR
with its long side 2480 pixels (an A4 page at 210 dpi): measured on a generated Kazakh note, tesseract read it
better than at 300 dpi (№, GMT and "OF" right, where 300 dpi read "Ne", "СМТ" and "ОЕ") in half the time
(2.3 s against 5.2 s a page). tesseract runs on one thread (OMP_THREAD_LIMIT=1): on a busy 2-core machine its
threads made a page take 15 s. Whatever goes wrong (a program missing, a time
limit, an unreadable file) gives no text and one line saying why: the note is recorded all the same.

>>> kind_of(b"%PDF-1.7 ..."), kind_of(b"\\x89PNG\\r\\n\\x1a\\n..."), kind_of(b"PK\\x03\\x04")
('pdf', 'png', '')
"""
from __future__ import annotations

import math
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..bounded import Overrun, run_bounded
from ..errors import RegisterError

TIMEOUT_VARIABLE = "VERBALE_OCR_TIMEOUT"
DEFAULT_TIMEOUT_S = 300.0
MAX_TIMEOUT_S = 86400.0
MAX_PAGES = 30
MAX_TEXT = 2_000_000           # characters kept of one file's text
SCAN_LETTERS = 20              # a PDF with fewer letters of text than this is a scan
OCR_LANGUAGES = ("kaz", "rus", "eng")
PAGE_PIXELS = 2480             # the long side of a page rendered for OCR: an A4 page at 210 dpi
IMAGES = [(b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"), (b"II*\x00", "tif"), (b"MM\x00*", "tif"),
          (b"BM", "bmp"), (b"GIF8", "gif")]
INSTALL = {"pdftotext": "poppler-utils", "pdftoppm": "poppler-utils", "tesseract": "tesseract-ocr"}


@dataclass(frozen=True)
class Extracted:
    text: str = ""
    source: str = ""      # pdftotext | ocr | "" (none)
    problem: str = ""     # why there is no text, for the clerk


def kind_of(data: bytes) -> str:
    """``pdf``, an image's type, or '' for a file whose text is not read."""
    if data[:1024].lstrip(b"\x00\t\n\r\f ").startswith(b"%PDF-"):
        return "pdf"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return next((kind for magic, kind in IMAGES if data.startswith(magic)), "")


def time_limit() -> float:
    """Seconds the reading of one file may take: ``$VERBALE_OCR_TIMEOUT``, else DEFAULT_TIMEOUT_S. Raises
    RegisterError unless it is a number of seconds above 0 and at most a day.

    >>> time_limit()
    300.0
    """
    named = os.environ.get(TIMEOUT_VARIABLE, "")
    if not named.strip():
        return DEFAULT_TIMEOUT_S
    try:
        seconds = float(named)
    except ValueError:
        seconds = math.nan
    if not 0 < seconds <= MAX_TIMEOUT_S:
        raise RegisterError(f"{TIMEOUT_VARIABLE}={named[:40]!r} is not a number of seconds", field="(ocr)",
                            hint=f"set it to a number above 0 and at most {MAX_TIMEOUT_S:.0f}, or unset it")
    return seconds


class _Failed(Exception):
    """A program is missing, failed or took too long: the reason, for the clerk."""


class _Clock:
    def __init__(self, seconds: float):
        self.seconds, self.end = seconds, time.monotonic() + seconds

    def run(self, program: str, *args: str, cwd: Path, output_limit: int = 4 * MAX_TEXT) -> bytes:
        found = shutil.which(program)
        if found is None:
            raise _Failed(f"{program} is not installed (apt-get install {INSTALL[program]})")
        left = self.end - time.monotonic()
        if left <= 0:
            raise _Failed(f"reading it took longer than {self.seconds:g} s ({TIMEOUT_VARIABLE})")
        try:
            done = run_bounded([found, *args], cwd=cwd, timeout=left, output_limit=output_limit,
                               env={**os.environ, "OMP_THREAD_LIMIT": "1"})
        except Overrun as exc:
            if "longer" in str(exc):
                raise _Failed(f"reading it took longer than {self.seconds:g} s ({TIMEOUT_VARIABLE})") from None
            raise _Failed(f"{program} {exc}: not read") from None
        except OSError as exc:
            raise _Failed(f"{program} could not be started: {exc.strerror}") from None
        if done.returncode:
            last = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise _Failed(f"{program} could not read it (exit status {done.returncode}) {last[0][:200]}".strip())
        return done.stdout


@lru_cache(maxsize=1)
def _ocr_languages() -> tuple[str, ...]:
    """The languages of OCR_LANGUAGES that this machine's tesseract has data for."""
    program = shutil.which("tesseract")
    if program is None:
        return ()
    try:
        listed = subprocess.run([program, "--list-langs"], capture_output=True, timeout=30).stdout.decode()
    except (OSError, subprocess.TimeoutExpired):
        return ()
    have = {line.strip() for line in listed.splitlines()}
    return tuple(lang for lang in OCR_LANGUAGES if lang in have)


def _ocr(clock: _Clock, image: str, folder: Path) -> str:
    if shutil.which("tesseract") is None:
        raise _Failed(f"tesseract is not installed (apt-get install {INSTALL['tesseract']})")
    languages = _ocr_languages()
    if not languages:
        raise _Failed("tesseract has no Kazakh, Russian or English data (apt-get install tesseract-ocr-kaz "
                      "tesseract-ocr-rus tesseract-ocr-eng)")
    return clock.run("tesseract", image, "stdout", "-l", "+".join(languages), cwd=folder).decode("utf-8", "replace")


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _read_pdf(clock: _Clock, folder: Path) -> Extracted:
    text = clock.run("pdftotext", "-enc", "UTF-8", "-l", str(MAX_PAGES), "received.pdf", "-",
                     cwd=folder).decode("utf-8", "replace")
    if _letters(text) >= SCAN_LETTERS:
        return Extracted(text, "pdftotext")
    clock.run("pdftoppm", "-png", "-scale-to", str(PAGE_PIXELS), "-l", str(MAX_PAGES), "received.pdf",
              "page", cwd=folder)
    pages = sorted(folder.glob("page-*.png"), key=lambda page: int(page.stem.rsplit("-", 1)[1]))
    return Extracted("\n\f".join(_ocr(clock, page.name, folder) for page in pages), "ocr")


def readable(text: str) -> str:
    r"""What a file says, without the characters that would act on a terminal (escape sequences, bidirectional
    overrides, NUL, which PostgreSQL cannot store): each becomes a space; lines and page breaks stay.

    >>> readable("Нота\x1b[31m №\u202e 5\x00\n\fpage 2")
    'Нота [31m №  5 \n\x0cpage 2'
    """
    return "".join(ch if ch.isprintable() or ch in "\n\t\f" else " " for ch in text).strip()


def extract_text(data: bytes) -> Extracted:
    """The text of a received file (a PDF, or a scan as an image or a PDF without text); never raises for
    what the file or the programs do (RegisterError only for a wrong ``$VERBALE_OCR_TIMEOUT``)."""
    kind = kind_of(data)
    if not kind:
        return Extracted(problem="not a PDF or an image, so its text is not read")
    clock = _Clock(time_limit())
    with tempfile.TemporaryDirectory(prefix="verbale-ocr-") as temporary:
        folder = Path(temporary)
        name = "received.pdf" if kind == "pdf" else f"received.{kind}"
        (folder / name).write_bytes(data)
        try:
            found = _read_pdf(clock, folder) if kind == "pdf" else Extracted(_ocr(clock, name, folder), "ocr")
        except _Failed as exc:
            return Extracted(problem=str(exc))
    text = readable(found.text)[:MAX_TEXT]
    if _letters(text) == 0:
        return Extracted(problem="no text was found in it" + (" (OCR read nothing)" if found.source == "ocr" else ""))
    return Extracted(text, found.source)
