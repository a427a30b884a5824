"""Kazakh: dates, times, ordinals, and case suffixes by vowel harmony and the last sound as pronounced.

The rules are explained, with sources, in locales/kk/README.md.

>>> import datetime as dt
>>> format_date(dt.date(2021, 9, 23)), format_time(dt.time(14, 0)), format_offset(360)
('2021 жылғы 23\\xa0қыркүйек', '14.00', 'GMT+6 сағат')
>>> inflect("2021 жылғы 24\\xa0қыркүйек", "loc"), inflect("14.00", "loc"), inflect("Арнаулы жұмыс тобы (АЖТ)", "gen", True)
('2021 жылғы 24\\xa0қыркүйекте', '14.00-те', 'Арнаулы жұмыс тобының (АЖТ)')
>>> ordinal(6), ordinal(40), ordinal_num(6)
('алтыншы', 'қырқыншы', '6-')
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from num2words import num2words

from ..errors import GrammarError
from .common import gmt_offset, month_name

CODE, PROOFING, BABEL_LOCALE = "kk", "kk-KZ", "kk"
BACK, FRONT = set("аоұыя"), set("әөүіеэ")
VOWELS = set("аәеэоөұүыіюяё")
SONORANTS = set("иййулр")          # final и, у are read as the glides ій/ый, ұу/үу
VOICED = set("жз")
NASALS = set("мнң")
# Loanwords ending in к or г take front suffixes whatever their last vowel: Нью-Йоркте, Гамбургке.
FRONT_FINALS = set("кг")
# case -> sound class of the stem's end -> (back, front) suffix
SUFFIXES = {
    "gen": {"vowel": ("ның", "нің"), "nasal": ("ның", "нің"), "sonorant": ("дың", "дің"), "voiced": ("дың", "дің"),
            "voiceless": ("тың", "тің")},
    "acc": {"vowel": ("ны", "ні"), "nasal": ("ды", "ді"), "sonorant": ("ды", "ді"), "voiced": ("ды", "ді"),
            "voiceless": ("ты", "ті")},
    "dat": {"vowel": ("ға", "ге"), "nasal": ("ға", "ге"), "sonorant": ("ға", "ге"), "voiced": ("ға", "ге"),
            "voiceless": ("қа", "ке")},
    "loc": {"vowel": ("да", "де"), "nasal": ("да", "де"), "sonorant": ("да", "де"), "voiced": ("да", "де"),
            "voiceless": ("та", "те")},
    "abl": {"vowel": ("дан", "ден"), "nasal": ("нан", "нен"), "sonorant": ("дан", "ден"), "voiced": ("дан", "ден"),
            "voiceless": ("тан", "тен")},
    "ins": {"vowel": ("мен", "мен"), "nasal": ("мен", "мен"), "sonorant": ("мен", "мен"), "voiced": ("бен", "бен"),
            "voiceless": ("пен", "пен")},
}
# after the 3rd-person possessive (тобы, мемлекеттері, Хатшылығы) the pronominal н appears
POSSESSIVE = {"gen": ("ның", "нің"), "acc": ("н", "н"), "dat": ("на", "не"), "loc": ("нда", "нде"),
              "abl": ("нан", "нен"), "ins": ("мен", "мен")}
CASE_NAMES = {"genitive": "gen", "accusative": "acc", "dative": "dat", "locative": "loc", "ablative": "abl",
              "instrumental": "ins", "nominative": "nom"}
# how an abbreviation's last letter is read aloud (АӨСШК-ның: «ка»)
LETTER_NAMES = dict(zip("АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЫІЭЮЯ",
                        "а ә бэ вэ гэ ғы дэ е ё жэ зэ и й ка қа эл эм эн ың о ө пэ эр эс тэ у ұ ү эф ха һа цэ чэ ша "
                        "ща ы і э ю я".split()))
TIME = re.compile(r"(\d{1,2})[.:](\d{2})$")
NUMBER = re.compile(r"(\d+)$")


def format_date(value: dt.date, *, date_order: str = "day-month", year_word: str = "short") -> str:
    """``2021 жылғы 23 қыркүйек``: official usage, not CLDR's ``2021 ж. 23 қыркүйек``.  Kazakh has one
    order (year first) and one year word (the adjectival «жылғы»), so both options are accepted and ignored."""
    return f"{value.year} жылғы {value.day}\u00a0{month_name(value.month, BABEL_LOCALE)}"


def format_time(value: dt.time) -> str:
    """``14.00``: hours and minutes with a full stop, as Kazakh official documents write them."""
    return f"{value.hour:02d}.{value.minute:02d}"


def format_offset(minutes: int) -> str:
    """A noun after a numeral stays singular in Kazakh: GMT+6 сағат.

    >>> format_offset(60), format_offset(330), format_offset(-300)
    ('GMT+1 сағат', 'GMT+5:30', 'GMT-5 сағат')
    """
    return gmt_offset(minutes, {"other": "сағат"}, BABEL_LOCALE)


def count(n: int, forms: Mapping[str, str]) -> str:
    """A noun after a numeral stays singular (CLDR's 'one'/'other' matter only without a numeral)."""
    return f"{n}\u00a0{forms['other']}"


def spoken(text: str) -> str:
    """The last word of ``text`` as read aloud: figures by num2words, abbreviations by their letters' names.

    >>> [spoken(t) for t in ("14.00", "10.15", "12.40", "2021", "АӨСШК", "Астана")]
    ['төрт', 'бес', 'қырық', 'бір', 'ка', 'Астана']
    """
    time = TIME.search(text)
    if time:
        hours, minutes = int(time.group(1)), int(time.group(2))
        return num2words(minutes or hours, lang="kz").split()[-1]
    number = NUMBER.search(text)
    if number:
        return num2words(int(number.group(1)), lang="kz").split()[-1]
    word = re.split(r"[\s\u00a0-]", text)[-1]
    if len(word) > 1 and word.isupper() and word[-1] in LETTER_NAMES:
        return LETTER_NAMES[word[-1]]
    return word


def is_front(word: str) -> bool:
    """Vowel harmony: the last clear vowel decides (и, у and ю are read both ways and are skipped).

    >>> [is_front(w) for w in ("қыркүйек", "Астана", "сәуір", "Нью-Йорк", "Брюссель", "наурыз")]
    [True, False, True, True, True, False]
    """
    letters = word.lower().rstrip("ьъ")
    if letters and letters[-1] in FRONT_FINALS:
        return True
    for letter in reversed(letters):
        if letter in FRONT:
            return True
        if letter in BACK:
            return False
    return False


def sound_class(word: str) -> str:
    last = word.lower().rstrip("ьъ")[-1:]
    if last in SONORANTS:
        return "sonorant"
    if last in VOWELS:
        return "vowel"
    if last in NASALS:
        return "nasal"
    if last in VOICED:
        return "voiced"
    return "voiceless"


def suffix(word: str, case: str, possessive: bool = False) -> str:
    """The case suffix ``word`` takes.

    >>> [suffix(w, "loc") for w in ("қаңтар", "ақпан", "шілде", "қыркүйек", "төрт", "жиырма")]
    ['да', 'да', 'де', 'те', 'те', 'да']
    """
    front = is_front(word)
    if possessive:
        return POSSESSIVE[case][front]
    return SUFFIXES[case][sound_class(word)][front]


def _case(case: str) -> str:
    case = CASE_NAMES.get(case, case)
    if case != "nom" and case not in SUFFIXES:
        raise GrammarError(f"unknown case '{case}'", hint="Kazakh cases: nom gen dat acc loc abl ins")
    return case


def inflect(text: str, case: str, possessive: bool = False) -> str:
    """``text`` with the case suffix on its last word; a parenthesis at the end stays after it; figures and
    abbreviations take a hyphen and the suffix of their spoken form.

    >>> inflect("Қазақстан", "abl"), inflect("АӨСШК мүше мемлекеттері", "dat", True), inflect("6", "dat")
    ('Қазақстаннан', 'АӨСШК мүше мемлекеттеріне', '6-ға')
    """
    case = _case(case)
    text = text.strip()
    if case == "nom" or not text:
        return text
    if text.endswith(")") and "(" in text:
        head, _, tail = text.rpartition("(")
        if head.strip():
            return f"{inflect(head, case, possessive)} ({tail}"
    word = spoken(text)
    ending = suffix(word, case, possessive)
    last = re.split(r"[\s\u00a0]", text)[-1]
    if word != last.split("-")[-1] or last.isupper():
        return f"{text}-{ending}"
    return text + ending


def inflect_person(forms: Mapping, case: str, gender: str | None) -> str:
    """A person takes the case suffix on the last word of the name: «Ерлан Асановқа» (no gender in Kazakh)."""
    return inflect(forms["nom"], case)


def ordinal(n: int, case: str | None = None, gender: str | None = None) -> str:
    """The ordinal in words, built on num2words' cardinal (it has no Kazakh ordinals); no agreement in Kazakh.

    >>> [ordinal(n) for n in (1, 2, 9, 10, 11, 20, 50, 100)]
    ['бірінші', 'екінші', 'тоғызыншы', 'оныншы', 'он бірінші', 'жиырмасыншы', 'елуінші', 'жүзінші']
    """
    words = num2words(int(n), lang="kz").split()
    last = words[-1]
    if last == "жиырма":
        ending = "сыншы"                     # the standard form is жиырмасыншы
    elif last == "қырық":
        last, ending = "қырқ", "ыншы"        # the ы drops before the suffix: қырқыншы
    elif last[-1] in VOWELS:
        ending = "нші" if is_front(last) else "ншы"
    else:
        ending = "інші" if is_front(last) else "ыншы"
    return " ".join(words[:-1] + [last + ending])


def ordinal_num(n: int, case: str | None = None, gender: str | None = None) -> str:
    """The 2021 orthography writes the figure and a hyphen straight before its noun: ``6-кездесу``.
    The seeds' ``6-ші`` is common but not standard (the lint points it out)."""
    return f"{int(n)}-"


def _case_filter(case: str):
    def apply(value):
        form = getattr(value, "form", None)
        return form(case) if callable(form) else inflect(str(value), case)
    apply.__name__ = case
    return apply


FILTERS = {"ordinal": ordinal, "ordinal_num": ordinal_num,
           **{case: _case_filter(case) for case in ("gen", "dat", "acc", "loc", "abl", "ins")}}
