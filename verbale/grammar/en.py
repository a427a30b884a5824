"""English (British usage, as in the seeds).

>>> import datetime as dt
>>> format_date(dt.date(2021, 9, 23)), format_time(dt.time(14, 0)), format_offset(360)
('23\\xa0September 2021', '14:00', 'GMT+6 hours')
>>> ordinal(21), ordinal_num(111), count(11, {"one": "page", "other": "pages"})
('twenty-first', '111th', '11\\xa0pages')
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from num2words import num2words

from .common import choose_plural, gmt_offset, month_name, no_case

CODE, PROOFING, BABEL_LOCALE = "en", "en-GB", "en_GB"
HOUR = {"one": "hour", "other": "hours"}


def format_date(value: dt.date, *, date_order: str = "day-month", year_word: str = "short") -> str:
    """``23 September 2021``: day, month, year, as British notes write it (CLDR en_GB "d MMMM y");
    ``date_order="month-day"``: ``September 23, 2021``, as American notes do (CLDR en_US "MMMM d, y").
    ``year_word`` is Russian's option; English has no year word.

    >>> format_date(dt.date(2021, 9, 3), date_order="month-day")
    'September\xa03, 2021'
    """
    month = month_name(value.month, BABEL_LOCALE)
    if date_order == "month-day":
        return f"{month}\u00a0{value.day}, {value.year}"
    return f"{value.day}\u00a0{month} {value.year}"


def format_time(value: dt.time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def format_offset(minutes: int) -> str:
    """
    >>> format_offset(60), format_offset(330), format_offset(-300)
    ('GMT+1 hour', 'GMT+5:30', 'GMT−5 hours')
    """
    return gmt_offset(minutes, HOUR, BABEL_LOCALE)


def count(n: int, forms: Mapping[str, str]) -> str:
    return f"{n}\u00a0{choose_plural(n, forms, BABEL_LOCALE)}"


def ordinal(n: int, case: str | None = None, gender: str | None = None, animacy: str | None = None) -> str:
    """
    >>> ordinal(6)
    'sixth'
    """
    return num2words(int(n), lang="en", to="ordinal")


def ordinal_num(n: int, case: str | None = None, gender: str | None = None,
                animacy: str | None = None) -> str:
    """
    >>> [ordinal_num(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st']
    """
    return num2words(int(n), lang="en", to="ordinal_num")


def inflect(text: str, case: str, possessive: bool = False) -> str:
    return no_case(text, case, CODE)


def inflect_person(forms: Mapping, case: str, gender: str | None) -> str:
    return no_case(forms["nom"], case, CODE)


def capfirst(text) -> str:
    """A name at the start of a sentence: ``the Permanent Mission`` -> ``The Permanent Mission`` (an entry that is
    a sender and a recipient writes its article in lower case; the formulas raise it where a sentence starts).

    >>> capfirst("the Ministry"), capfirst("The Secretariat"), capfirst("")
    ('The Ministry', 'The Secretariat', '')
    """
    text = str(text)
    return text[:1].upper() + text[1:]


FILTERS = {"ordinal": ordinal, "ordinal_num": ordinal_num, "capfirst": capfirst}
