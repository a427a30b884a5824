"""The text of a note as the verification mark and the register hold it (NOTE-SPEC §12), and the mark's line.

A low module with no imports of the package: the DOCX writer puts the hash into the QR code, the register keeps
it, and ``verbale verify`` computes it again from a file, all with these functions.

The text of a note in one language is its body's paragraphs in order (the header and footer, and the QR code's
own paragraph, left out), a paragraph's lines joined by a line break ``\\n`` as Word's ``w:br`` reads, empty
paragraphs (the emblem's picture) left out, each paragraph NFC-normalised, and the paragraphs joined by ``\\n``.
No-break spaces and the no-break hyphen stay as they are.

>>> note_text(["A\\u00a0B", "", "line one\\nline two"])
'A\\xa0B\\nline one\\nline two'
>>> text_sha256(["e\\u0301"]) == text_sha256(["\\u00e9"])   # NFC: the same text, however it was typed
True
>>> line = verification_line("17-1/624", "2021-09-23", "cica-secretariat", "en", "ab" * 32)
>>> line[:72]
'verbale:1;number=17-1/624;date=2021-09-23;sender=cica-secretariat;lang=e'
>>> parse_verification_line(line)["number"]
'17-1/624'
"""
from __future__ import annotations

import hashlib
import unicodedata
from typing import Iterable

SCHEME = "verbale:1"
FIELDS = ("number", "date", "sender", "lang", "sha256")


def note_text(paragraphs: Iterable[str]) -> str:
    """The note's text: its non-empty paragraphs, each NFC, joined by ``\\n``."""
    return "\n".join(unicodedata.normalize("NFC", p) for p in paragraphs if p)


def text_sha256(paragraphs: Iterable[str]) -> str:
    """The SHA-256 (hex) of the note's text in UTF-8."""
    return hashlib.sha256(note_text(paragraphs).encode("utf-8")).hexdigest()


def _escaped(value: str) -> str:
    """A value inside the line: ``;`` and ``%`` (which a number could hold) written as %3B and %25."""
    return value.replace("%", "%25").replace(";", "%3B")


def verification_line(number: str, date: str, sender: str, lang: str, sha256: str) -> str:
    """The one line of UTF-8 the QR code holds."""
    values = dict(number=number, date=date, sender=sender, lang=lang, sha256=sha256)
    return ";".join([SCHEME] + [f"{name}={_escaped(values[name])}" for name in FIELDS])


def parse_verification_line(line: str) -> dict[str, str] | None:
    """The fields of a verification line, or None when ``line`` is not one (another QR code, a damaged one).

    >>> parse_verification_line("https://example.org") is None
    True
    """
    parts = line.strip().split(";")
    if not parts or parts[0] != SCHEME:
        return None
    fields = {}
    for part in parts[1:]:
        name, equals, value = part.partition("=")
        if not equals or name not in FIELDS or name in fields:
            return None
        fields[name] = value.replace("%3B", ";").replace("%25", "%")
    if set(fields) != set(FIELDS) or len(fields["sha256"]) != 64:
        return None
    return fields
