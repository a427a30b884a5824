"""English (British usage, as in the seeds).

>>> import datetime as dt
>>> format_date(dt.date(2021, 9, 23)), format_time(dt.time(14, 0)), format_offset(360)
('23\\xa0September 2021', '14:00', 'GMT+6 hours')
>>> ordinal(21), ordinal_num(111), count(11, {"one": "page", "other": "pages"})
('twenty-first', '111th', '11\\xa0pages')
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping

from num2words import num2words

from .common import amount, capfirst, choose_plural, gmt_offset, month_name, no_case, nominative

CODE, PROOFING, BABEL_LOCALE = "en", "en-GB", "en_GB"
HOUR = {"one": "hour", "other": "hours"}


def format_date(value: dt.date, *, date_order: str = "day-month", year_word: str = "short") -> str:
    """``23 September 2021``: day, month, year, as British notes write it (CLDR's "d MMMM y");
    the house convention ``date_order: month-day`` gives ``September 23, 2021``.

    >>> format_date(dt.date(2017, 5, 12), date_order="month-day")
    'May\xa012, 2017'
    """
    if date_order == "month-day":
        return f"{_day_month(value, date_order)}, {value.year}"
    return f"{_day_month(value, date_order)} {value.year}"


def _day_month(value: dt.date, date_order: str = "day-month") -> str:
    month = month_name(value.month, BABEL_LOCALE)
    return f"{month}\u00a0{value.day}" if date_order == "month-day" else f"{value.day}\u00a0{month}"


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


def inflect(text: str, case: str, possessive: bool = False, *, readings=None) -> str:
    return no_case(text, case, CODE)


def inflect_person(forms: Mapping, case: str, gender: str | None, *, readings=None) -> str:
    return no_case(forms["nom"], case, CODE)


# Courtesy titles by gender where an entry writes none (`courtesy:` in its English forms: Mr, Ms, Dr, H.E., or ""
# for none).  British usage, as the seeds: no full stop after Mr, Ms, Dr (New Hart's Rules, contractions).
COURTESY = {"m": "Mr", "f": "Ms"}


def person_nom(forms: Mapping, gender: str | None = None) -> dict:
    """A person named by position and name (locales/en/README.md, «Persons»): a long title (more than one word)
    stands after the name, set off by commas, with the courtesy title before the name (``Ms Saule Zhaksybekova,
    Counsellor of the Embassy``); a short title (one word, or ``position_before: true``) may stand before the name in
    place of the courtesy title (``Ambassador Jean Dubois``).  ``appositive`` tells the texts that the title is an
    apposition, which a comma closes when the sentence goes on (``…, Counsellor of the Embassy, has assumed …``).

    >>> person_nom({"position": "Counsellor of the Embassy", "name": "Saule Zhaksybekova"}, "f")["nom"]
    'Ms Saule Zhaksybekova, Counsellor of the Embassy'
    >>> person_nom({"position": "Ambassador", "name": "Jean Dubois"}, "m")["nom"]
    'Ambassador Jean Dubois'
    >>> person_nom({"position": "Minister", "name": "Jean Dubois", "position_before": False, "courtesy": "H.E."})["nom"]
    'H.E. Jean Dubois, Minister'
    >>> person_nom({"name": "Jean Dubois", "courtesy": "Dr"}, "m")["nom"], person_nom({"name": "Jean Dubois"})["nom"]
    ('Dr Jean Dubois', 'Jean Dubois')
    """
    name, position = forms.get("name") or "", (forms.get("position") or "").strip()
    written = forms.get("courtesy")
    courtesy = written if written is not None else COURTESY.get(gender or "", "")
    if not position:
        return {"nom": " ".join(part for part in (courtesy, name) if part)}
    before = forms.get("position_before")
    if before if before is not None else len(position.split()) == 1:
        return {"nom": " ".join(part for part in (written, position, name) if part)}
    return {"nom": f"{' '.join(part for part in (courtesy, name) if part)}, {position}", "appositive": True}


def lower_article(names) -> str:
    """A name in the middle of a sentence: ``The Embassy of …`` -> ``the Embassy of …``.  An entry whose ``nom``
    starts a sentence (a sender's designation) writes ``The``; the formulas lower it where the name stands
    mid-sentence.  Only the leading article: ``The Hague`` inside a name keeps its capital.  Several entries
    (the recipients) are lowered one by one and joined with "and".

    >>> lower_article("The Embassy of the United States of America"), lower_article("the Ministry")
    ('the Embassy of the United States of America', 'the Ministry')
    >>> lower_article("Theatre Office"), lower_article(["The Secretariat", "the Ministry of The Hague"])
    ('Theatre Office', 'the Secretariat and the Ministry of The Hague')
    """
    if not isinstance(names, str) and hasattr(type(names), "__iter__"):
        return " and ".join(lower_article(name) for name in names)
    text = str(names)
    return "the" + text[3:] if text.startswith("The ") else text


def format_period(start: dt.date, end: dt.date, **date_options) -> str:
    """Both ends included; month and year written once where they are shared (NOTE-SPEC §6).  CLDR's interval
    patterns (``2–5 Oct 2006``) abbreviate and use a dash; notes write the words out.

    >>> format_period(dt.date(2006, 10, 2), dt.date(2006, 10, 5))
    'from 2 to 5\xa0October 2006'
    >>> format_period(dt.date(2017, 5, 2), dt.date(2017, 5, 5), date_order="month-day")
    'from May\xa02 to 5, 2017'
    >>> format_period(dt.date(2021, 9, 30), dt.date(2021, 10, 2))
    'from 30\xa0September to 2\xa0October 2021'
    """
    return _span(start, end, "from ", " to ", " to ", **date_options)


def _span(start: dt.date, end: dt.date, before: str, within_month: str, between: str, **date_options) -> str:
    """A period with what the ends share written once, joined by ``within_month`` (days of one month) or
    ``between`` (whole dates)."""
    order = date_options.get("date_order", "day-month")
    if (start.year, start.month) == (end.year, end.month):
        if order == "month-day":
            return f"{before}{_day_month(start, order)}{within_month}{end.day}, {end.year}"
        return f"{before}{start.day}{within_month}{format_date(end, **date_options)}"
    first = _day_month(start, order) if start.year == end.year else format_date(start, **date_options)
    return f"{before}{first}{between}{format_date(end, **date_options)}"


def format_period_nom(start: dt.date, end: dt.date, **date_options) -> str:
    """The period as a noun phrase (``| nom``, NOTE-SPEC §6): the days joined by an en dash within one month, the
    dates by a spaced en dash otherwise (New Hart's Rules: spaced where an end holds a space).

    >>> format_period_nom(dt.date(1934, 3, 8), dt.date(1934, 3, 18))
    '8–18\xa0March 1934'
    >>> format_period_nom(dt.date(1934, 3, 8), dt.date(1934, 3, 18), date_order="month-day")
    'March\xa08–18, 1934'
    >>> format_period_nom(dt.date(2020, 12, 28), dt.date(2021, 1, 2))
    '28\xa0December 2020\xa0– 2\xa0January 2021'
    """
    return _span(start, end, "", "–", "\u00a0– ", **date_options)


def format_since(start: dt.date, **date_options) -> str:
    return f"from {format_date(start, **date_options)}"


def format_until(value: dt.date, **date_options) -> str:
    """``until 15 December 2015 inclusive``: the last day included."""
    return f"until {format_date(value, **date_options)} inclusive"


def format_time_span(start: dt.time, end: dt.time) -> str:
    return f"from {format_time(start)} to {format_time(end)}"


def format_amount(value, currency: str, names: Mapping[str, Mapping[str, str]] | None = None, *,
                  spelling: str | None = None) -> str:
    """The currency's CLDR name in the house's spelling (``en-US``: CLDR's en_US names, "rubles").

    >>> format_amount(50000, "USD"), format_amount(1, "EUR")
    ('50,000\xa0US dollars', '1\xa0euro')
    >>> format_amount(2, "RUB"), format_amount(2, "RUB", spelling="en-US")
    ('2\xa0Russian roubles', '2\xa0Russian rubles')
    """
    return amount(value, currency, spelling.replace("-", "_") if spelling else BABEL_LOCALE, names)


def romanized(text: str, table: Mapping[str, str]) -> str:
    """``text`` with each letter ``table`` names (lower case, as in ``transliteration:`` of locales/en/formulas.yaml)
    written in Latin letters; a capital stays a capital, a letter of several (Ж zh) in capitals among capitals.
    An English note cites a Russian or Kazakh number so (locales/en/README.md, «A cited number in Cyrillic»).

    >>> table = {"н": "n", "в": "v", "д": "d", "с": "s", "г": "g", "ж": "zh", "ш": "sh", "қ": "k"}
    >>> [romanized(t, table) for t in ("12-3/456-НВ", "10663/2дснг", "1/Ж", "Жд-2", "ЖШ", "17-1/624", "ҚН")]
    ['12-3/456-NV', '10663/2dsng', '1/ZH', 'Zhd-2', 'ZHSH', '17-1/624', 'KN']
    """
    out = []
    for index, letter in enumerate(text):
        latin = table.get(letter.lower())
        if latin is None:
            out.append(letter)
        elif not letter.isupper():
            out.append(latin)
        else:
            neighbours = [c for c in (text[index - 1:index] + text[index + 1:index + 2]) if c.isalpha()]
            out.append(latin.upper() if len(latin) == 1 or (neighbours and all(c.isupper() for c in neighbours))
                       or not neighbours else latin.capitalize())
    return "".join(out)


def has_letters_of(text: str, table: Mapping[str, str]) -> bool:
    """Whether ``text`` holds a letter ``table`` romanizes, or any Cyrillic letter (one the table lacks stays
    Cyrillic in the romanized form, and is still to be pointed out).

    >>> has_letters_of("1/Ѣ", {"н": "n"}), has_letters_of("12-3/456-NV", {"н": "n"})
    (True, False)
    """
    return any(letter.lower() in table or _cyrillic(letter) for letter in text)


def _cyrillic(letter: str) -> bool:
    return letter.isalpha() and unicodedata.name(letter, "").startswith("CYRILLIC")


FILTERS = {"ordinal": ordinal, "ordinal_num": ordinal_num, "nom": nominative, "capfirst": capfirst,
           "lower_article": lower_article}
