"""What a registry officer types, checked once for every front end: the command line's options (argparse types
made of these) and the desk's form fields and filters take the same values and refuse the same ones, each front
end turning the one ``BadValue`` into its own line or page (the desk in the clerk's language: the templates are
in its catalogues).

A year is written in four figures, 1000 to 9999: ``26`` is refused, with ``2026`` as the hint, rather than read
as 2026 or as the year 26 (a register's years are four-figure years; a guess would list the wrong year's notes
without a word).

>>> checked_year(" 2026 "), checked_key("mfa-russia"), checked_number(" 17-1/624 "), checked_reason(" sent  twice ")
(2026, 'mfa-russia', '17-1/624', 'sent twice')
>>> for bad in ("26", "0999", "٢٠٢٦", "99999", "-001", ""):
...     try:
...         checked_year(bad)
...     except BadValue as exc:
...         print(exc)
'26' is not a year (four figures, e.g. 2026)
'0999' is not a year (four figures, e.g. 2026)
'٢٠٢٦' is not a year (four figures, e.g. 2026)
'99999' is not a year (four figures, e.g. 2026)
'-001' is not a year (four figures, e.g. 2026)
'' is not a year (four figures, e.g. 2026)
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from ..errors import BadValue
from .spreadsheet import formula_like

KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")
YEAR = re.compile(r"[0-9]{4}")
KEY_LENGTH, NUMBER_LENGTH, REASON_LENGTH = 80, 100, 500
NOT_A_YEAR = "'{text}' is not a year (four figures, e.g. {example})"
NOT_A_KEY = "'{text}' is not a termbase key (lowercase letters, digits, hyphens, e.g. mfa-russia)"
NOT_A_KIND = "'{text}' is not a kind of document (e.g. note-verbale, personal-note, aide-memoire)"
NO_NUMBER = "name a number of the register (one line of at most {limit} characters, e.g. 17-1/624)"
FORMULA_NUMBER = ("'{text}' starts with '{first}', which a spreadsheet would read as a formula; no number the "
                  "register gives or takes does")
NO_REASON = "say why the number is cancelled: the reason is kept in the register"
LONG_REASON = "the reason is {length} characters long; the register keeps at most {limit}"
EMPTY_RECEIPT = ("the receipt '{name}' is an empty file (0 bytes), which proves nothing; nothing was recorded (name "
                 "the receipt's scan or e-mail, or record the dispatch without a receipt)")
# the templates the desk shows in the clerk's language (verbale/desk/i18n.py collects them for its catalogues)
MESSAGES = (NOT_A_YEAR, NOT_A_KEY, NOT_A_KIND, NO_NUMBER, FORMULA_NUMBER, NO_REASON, LONG_REASON, EMPTY_RECEIPT)


def checked_year(text: str) -> int:
    """A year in four figures (ASCII digits, 1000 to 9999); BadValue otherwise, a two-figure year with its
    four-figure reading in this century as the example."""
    text = str(text).strip()
    if YEAR.fullmatch(text) and int(text) >= 1000:
        return int(text)
    example = f"20{text}" if re.fullmatch(r"[0-9]{2}", text) else "2026"
    raise BadValue(NOT_A_YEAR, text=text[:20], example=example)


def checked_key(text: str) -> str:
    """A termbase key as given (lowercase letters, digits, hyphens, at most 80); BadValue otherwise."""
    if not KEY.match(text) or len(text) > KEY_LENGTH:
        raise BadValue(NOT_A_KEY, text=text[:KEY_LENGTH])
    return text


def checked_kind(text: str) -> str:
    """The name of a kind of document (note-verbale, personal-note, aide-memoire, or an office's own: data, so
    any name of a key's letters); BadValue otherwise."""
    if not KEY.match(text) or len(text) > KEY_LENGTH:
        raise BadValue(NOT_A_KIND, text=text[:KEY_LENGTH])
    return text


def checked_number(text: str) -> str:
    """A note's number (or an incoming id) as a register look-up takes it: one line of at most 100 printable
    characters, not starting like a spreadsheet formula (no number the register gives or takes does)."""
    text = str(text).strip()
    if not text or len(text) > NUMBER_LENGTH or not text.isprintable():
        raise BadValue(NO_NUMBER, limit=NUMBER_LENGTH)
    if formula_like(text):
        raise BadValue(FORMULA_NUMBER, text=text[:40], first=text.lstrip()[:1])
    return text


def checked_reason(text: str) -> str:
    """Why a number is cancelled: one line (spaces collapsed) of 1 to 500 characters, kept in the register;
    a longer one is refused, never cut."""
    text = " ".join(str(text).split())
    if not text:
        raise BadValue(NO_REASON)
    if len(text) > REASON_LENGTH:
        raise BadValue(LONG_REASON, length=len(text), limit=REASON_LENGTH)
    return text


def checked_receipt(name: str, data: bytes) -> bytes:
    """A dispatch's receipt file (`register dispatch --receipt`, the desk's receipt field with a file chosen):
    an empty one is refused, not kept by the SHA-256 of nothing (the command line kept it so, the desk dropped
    it without a word: a scan that failed to save, or the wrong file, either way)."""
    if not data:
        raise BadValue(EMPTY_RECEIPT, name=name[-80:])
    return data


def checked_line(text: str, limit: int, required: bool = True) -> str:
    """One line of at most ``limit`` printable characters, its spaces collapsed; BadValue otherwise."""
    text = " ".join(text.split())
    if not text and not required:
        return text
    if not text or not text.isprintable() or len(text) > limit:
        raise BadValue("one line of at most {limit} printable characters is expected", limit=limit)
    return text


def parsed_date(text: str) -> dt.date:
    """A date written YYYY-MM-DD; BadValue otherwise."""
    text = text.strip()
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        raise BadValue("'{text}' is not a date: write YYYY-MM-DD", text=text[:40])
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadValue("'{text}' is not a real date (YYYY-MM-DD)", text=text) from None


_NUMBER_LABEL = re.compile(r"^(?:№|N[o°º]?\.?|Nr\.?)\s*(?=\w)", re.IGNORECASE)


def note_number_key(number: str) -> str:
    """What makes two ways of typing a received note's number the same number: the number sign, spaces, the
    letters' case and compatibility forms (full-width figures) aside. The register's key for a received note.

    >>> {note_number_key(n) for n in ("5", "№ 5", "№5", "No. 5", " 5 ")}
    {'5'}
    >>> note_number_key("10663 / 2ДСНГ") == note_number_key("10663/2дснг"), note_number_key("N-5") == note_number_key("5")
    (True, False)
    """
    text = unicodedata.normalize("NFKC", number).strip()
    return re.sub(r"\s+", "", _NUMBER_LABEL.sub("", text)).casefold()
