"""Russian.

>>> import datetime as dt
>>> format_date(dt.date(2021, 9, 23)), format_time(dt.time(14, 0)), format_offset(360)
('23\\xa0сентября 2021\\xa0г.', '14:00', 'GMT+6 часов')
>>> ordinal(6, "genitive"), ordinal_num(6, "genitive"), ordinal_num(6, None, "f")
('шестого', '6-го', '6-я')
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from num2words import num2words

from ..errors import GrammarError
from .common import amount, choose_plural, gmt_offset, month_name, no_case

CODE, PROOFING, BABEL_LOCALE = "ru", "ru-RU", "ru"
HOUR = {"one": "час", "few": "часа", "many": "часов", "other": "часа"}
CASES = {"nom": "nominative", "gen": "genitive", "dat": "dative", "acc": "accusative", "ins": "instrumental",
         "prep": "prepositional"}
GENDERS = ("m", "f", "n")
ANIMACY = ("inan", "anim")
# Endings kept after the figure (Розенталь, «Справочник по правописанию и стилистике», § 5.3): the last
# letter after a vowel + consonant ending, two letters for -го/-му/-ми.
FIGURE_ENDINGS = [("ого", "го"), ("его", "го"), ("ому", "му"), ("ему", "му"), ("ыми", "ми"), ("ими", "ми"),
                  ("ый", "й"), ("ий", "й"), ("ой", "й"), ("ая", "я"), ("яя", "я"), ("ое", "е"), ("ее", "е"),
                  ("ую", "ю"), ("юю", "ю"), ("ым", "м"), ("им", "м"), ("ом", "м"), ("ем", "м"),
                  ("ых", "х"), ("их", "х"), ("ье", "е"), ("ья", "я"), ("ью", "ю"), ("ей", "й")]


YEAR_WORDS = {"short": "г.", "long": "года"}   # the house convention `year_word` (NOTE-SPEC §7)


def format_date(value: dt.date, *, date_order: str = "day-month", year_word: str = "short") -> str:
    """``23 сентября 2021 г.``: the month in the genitive (CLDR), a no-break space before «г.» (or «года»).

    >>> format_date(dt.date(2017, 5, 12), year_word="long")
    '12\xa0мая 2017\xa0года'
    """
    return f"{_day_month(value)} {value.year}\u00a0{YEAR_WORDS[year_word]}"


def _day_month(value: dt.date) -> str:
    return f"{value.day}\u00a0{month_name(value.month, BABEL_LOCALE)}"


def format_time(value: dt.time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def format_offset(minutes: int) -> str:
    """
    >>> [format_offset(h * 60) for h in (1, 2, 5, 6)], format_offset(330), format_offset(-300)
    (['GMT+1 час', 'GMT+2 часа', 'GMT+5 часов', 'GMT+6 часов'], 'GMT+5:30', 'GMT−5 часов')
    """
    return gmt_offset(minutes, HOUR, BABEL_LOCALE)


def count(n: int, forms: Mapping[str, str]) -> str:
    """
    >>> [count(n, HOUR) for n in (1, 2, 5, 11, 21, 22)]
    ['1\\xa0час', '2\\xa0часа', '5\\xa0часов', '11\\xa0часов', '21\\xa0час', '22\\xa0часа']
    """
    return f"{n}\u00a0{choose_plural(n, forms, BABEL_LOCALE)}"


def _case(case: str | None) -> str:
    if case is None:
        return "nominative"
    if case in CASES.values():
        return case
    if case in CASES:
        return CASES[case]
    raise GrammarError(f"unknown case '{case}'", hint=f"use one of {', '.join(CASES.values())}")


def _gender(gender: str | None) -> str:
    if gender in (None, *GENDERS):
        return gender or "m"
    raise GrammarError(f"unknown gender '{gender}'", hint="use m, f or n")


def _animate(animacy: str | None) -> bool:
    if animacy in (None, *ANIMACY):
        return animacy == "anim"
    raise GrammarError(f"unknown animacy '{animacy}'", hint="use inan (шестой доклад) or anim (шестого посла)")


def ordinal(n: int, case: str | None = None, gender: str | None = None, animacy: str | None = None) -> str:
    """The ordinal in words, agreeing in case, gender and, in the masculine accusative, animacy (num2words).

    An ordinal agrees with an inanimate masculine noun in the accusative as in the nominative (рассмотреть
    шестой доклад), with an animate one as in the genitive (приветствовать шестого посла). A note's ordinals
    count documents, meetings and sessions, so ``inan`` is the default.

    >>> ordinal(6), ordinal(6, None, "f"), ordinal(6, "genitive", "f"), ordinal(3, "gen")
    ('шестой', 'шестая', 'шестой', 'третьего')
    >>> ordinal(6, "accusative"), ordinal(6, "accusative", "m", "anim"), ordinal(6, "acc", "f")
    ('шестой', 'шестого', 'шестую')
    """
    word = num2words(int(n), lang="ru", to="ordinal", case=_case(case), gender=_gender(gender),
                     animate=_animate(animacy))
    return word.replace("ё", "е")  # diplomatic texts write е for ё, as the seeds do («свое уважение»)


def ordinal_num(n: int, case: str | None = None, gender: str | None = None, animacy: str | None = None) -> str:
    """The ordinal in figures with the last letters of the word: 6-й, 6-го, 6-я, 3-го; 3-й in the accusative of
    an inanimate masculine noun.

    >>> [ordinal_num(6), ordinal_num(3, "gen"), ordinal_num(21), ordinal_num(2, "dat"), ordinal_num(6, None, "n")]
    ['6-й', '3-го', '21-й', '2-му', '6-е']
    >>> ordinal_num(3, "accusative"), ordinal_num(3, "accusative", "m", "anim")
    ('3-й', '3-го')
    """
    word = ordinal(n, case, gender, animacy)
    ending = next(short for full, short in FIGURE_ENDINGS if word.endswith(full))
    return f"{int(n)}-{ending}"


def inflect(text: str, case: str, possessive: bool = False) -> str:
    return no_case(text, case, CODE)


# «со» for «с» before a word that begins with с, з, ш, ж, щ + a consonant, or with «вт», «вс», «мн» (со второго,
# со вторника, со всеми, со многими): Розенталь Д. Э., «Справочник по правописанию и литературной правке»,
# § «Предлоги с — со»; the same list for «к — ко» (ко второму).
SO_BEFORE = re.compile(r"^(?:[сзшжщ][бвгджзйклмнпрстфхцчшщ]|вт|вс|мн)", re.I)


def from_preposition(word: str) -> str:
    """«с» or «со» before ``word`` as it is read aloud.

    >>> [from_preposition(w) for w in ("второго", "двенадцатого", "седьмого", "сбора", "вторника", "первого")]
    ['со', 'с', 'с', 'со', 'со', 'с']
    """
    return "со" if SO_BEFORE.match(word) else "с"


def day_preposition(day: int) -> str:
    """«с» or «со» before a day of the month, read as the ordinal in the genitive: «со 2» (второго), «с 12».

    >>> [day_preposition(d) for d in (1, 2, 12, 20, 22)]
    ['с', 'со', 'с', 'с', 'с']
    """
    return from_preposition(ordinal(day, "genitive", "n"))


def time_preposition(value: dt.time) -> str:
    """«с» or «со» before a time, read as the cardinal hour in the genitive: «с 11:30» (одиннадцати), «с 2:00» (двух)."""
    return from_preposition(num2words(value.hour, lang="ru", case="genitive") if value.hour else "нуля")


def format_period(start: dt.date, end: dt.date, **date_options) -> str:
    """Both ends included: «с … по …», month and year written once where they are shared (NOTE-SPEC §6).

    >>> format_period(dt.date(2006, 10, 2), dt.date(2006, 10, 5))
    'со 2 по 5\xa0октября 2006\xa0г.'
    >>> format_period(dt.date(2021, 9, 30), dt.date(2021, 10, 2))
    'с 30\xa0сентября по 2\xa0октября 2021\xa0г.'
    """
    if (start.year, start.month) == (end.year, end.month):
        first = str(start.day)
    elif start.year == end.year:
        first = _day_month(start)
    else:
        first = format_date(start, **date_options)
    return f"{day_preposition(start.day)} {first} по {format_date(end, **date_options)}"


def format_since(start: dt.date, **date_options) -> str:
    """A period with no end: «с 1 января 2020 г.»."""
    return f"{day_preposition(start.day)} {format_date(start, **date_options)}"


def format_until(value: dt.date, **date_options) -> str:
    """«до 15 декабря 2015 г. включительно»: the last day included, as Russian official texts say it."""
    return f"до {format_date(value, **date_options)} включительно"


def format_time_span(start: dt.time, end: dt.time) -> str:
    """«с 11:30 до 13:00»: a span of hours, both given."""
    return f"{time_preposition(start)} {format_time(start)} до {format_time(end)}"


def format_amount(value, currency: str, names: Mapping[str, Mapping[str, str]] | None = None) -> str:
    """The sum grouped by CLDR (a no-break space: 50 000), the currency's name in its CLDR plural form.

    >>> [format_amount(n, "USD") for n in (1, 2, 5, 21, 50000)]
    ['1\xa0доллар США', '2\xa0доллара США', '5\xa0долларов США', '21\xa0доллар США', '50\xa0000\xa0долларов США']
    """
    return amount(value, currency, BABEL_LOCALE, names)


FILTERS = {"ordinal": ordinal, "ordinal_num": ordinal_num}
