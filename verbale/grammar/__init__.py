"""One grammar module per language, all with the same interface, registered here.

Each module ``verbale.grammar.<code>`` provides:

- ``CODE`` (``"en"``), ``PROOFING`` (``"en-GB"``), ``BABEL_LOCALE`` (``"en_GB"``)
- ``format_date(value: date, *, date_order="day-month", year_word="short") -> str`` -- the house's options
  (NOTE-SPEC §7): English ``month-day``, Russian ``long`` («года»); a language ignores what it has not
- ``format_amount(value, currency: str, names=None, *, spelling=None) -> str`` -- a sum of money; ``spelling``
  (the house's English spelling, ``en-US``) picks CLDR's names of that English; other languages ignore it
- ``format_time(value: time) -> str``
- ``format_offset(minutes: int) -> str``   -- the GMT offset as printed in a zone phrase
- ``count(n: int, forms: Mapping[str, str]) -> str`` -- "5 часов"; forms keyed by CLDR plural category
- ``ordinal(n: int, case=None, gender=None, animacy=None) -> str`` -- in words; animacy ``anim``/``inan``
  matters for the Russian masculine accusative only (default ``inan``: шестой доклад)
- ``ordinal_num(n: int, case=None, gender=None, animacy=None) -> str`` -- in figures
- ``inflect(text: str, case: str, possessive: bool = False, *, readings=None) -> str`` -- a case form built by
  rule; ``readings`` is the language's data the caller holds (Kazakh: how abbreviations are read, from the
  termbase's ``read_as_words``/``read_by_letters``); a grammar never reads the termbase itself
- ``inflect_person(forms: Mapping, case: str, gender: str | None, *, readings=None) -> str`` -- a person's case
  form (position and name) from the entry's forms
- ``person_nom(forms, gender) -> dict`` -- a person named by position and name when the entry writes no ``nom``
  (English: a long title after the name, ``Ms X, Counsellor of the Embassy``; Russian, Kazakh: the position first)
- ``format_period(start, end, **date_options)`` (a time adverbial: "from 8 to 18 March 1934"),
  ``format_period_nom(start, end, **date_options)`` (the noun phrase: "8–18 March 1934"), ``format_since``,
  ``format_until``, ``format_time_span`` -- NOTE-SPEC §6
- ``FILTERS: dict[str, Callable]`` -- the Jinja filters the language's texts may use
"""
from __future__ import annotations

from types import ModuleType

from . import en, kk, ru

GRAMMARS: dict[str, ModuleType] = {"en": en, "ru": ru, "kk": kk}


def grammar_for(lang: str) -> ModuleType:
    return GRAMMARS[lang]
