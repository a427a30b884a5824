"""Kazakh: dates, times, ordinals, and case suffixes by vowel harmony and the last sound as pronounced.

The rules are explained, with sources, in locales/kk/README.md.

>>> import datetime as dt
>>> format_date(dt.date(2021, 9, 23)), format_time(dt.time(14, 0)), format_offset(360)
('2021\\xa0жылғы 23\\xa0қыркүйек', '14.00', 'GMT+6 сағат')
>>> inflect("2021 жылғы 24\\xa0қыркүйек", "loc"), inflect("14.00", "loc"), inflect("Арнаулы жұмыс тобы (АЖТ)", "gen", True)
('2021 жылғы 24\\xa0қыркүйекте', '14.00-те', 'Арнаулы жұмыс тобының (АЖТ)')
>>> inflect("АЖТ", "gen"), inflect("ТМД", "dat"), inflect("МКК", "dat"), inflect("ҚазҰУ", "gen"), inflect("1 000", "dat")
('АЖТ-ның', 'ТМД-ға', 'МКК-ге', 'ҚазҰУ-дың', '1 000-ға')
>>> ordinal(6), ordinal(40), ordinal_num(6)
('алтыншы', 'қырқыншы', '6-')
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from num2words import num2words

from ..errors import GrammarError
from .common import amount, capfirst, gmt_offset, month_name, person_nom  # noqa: F401 - the grammar's interface

CODE, PROOFING, BABEL_LOCALE = "kk", "kk-KZ", "kk"
BACK, FRONT = set("аоұыя"), set("әөүіеэё")
VOWELS = set("аәеэоөұүыіюяё")
SYLLABIC = VOWELS | set("иу")
SONORANTS = set("иййулр")          # final и, у are read as the glides ій/ый, ұу/үу
VOICED = set("жз")
NASALS = set("мнң")
# Letters only Kazakh words have: a word without them is read as a loanword, where и is the vowel [i].
KAZAKH_LETTERS = set("әғқңөұүһі")
# Loanwords ending in these clusters take front suffixes whatever their last vowel (емле ережелері §35:
# паркке, полкке, Гамбургке, ансамбльге; цикл like ансамбль): к, г and л, р after a stop are read soft.
FRONT_CLUSTERS = ("рк", "рг", "нк", "нг", "кс", "кт", "ск", "лк", "кл", "бл", "бр")
# Of those, -кт, -ск, -пт, -фт and -нг take the linking vowel і before every case suffix (§35's own examples
# фактіге, фактісі, митингіге; the 2018 rules: «-кт, -ск, -пт, -фт ... ы, і дәнекері арқылы»): Минскіге.
# The three-letter -нкт does not (пунктке, пункті, as the orthographic dictionary writes it).
LINKING_CLUSTERS = ("кт", "ск", "пт", "фт", "нг")
LINKING_VOWEL = "і"
# The Russian surname suffix -ев/-ёв (Тоқаев, Назарбаев): its е follows the stem's harmony (locales/kk/README.md).
SURNAME_SUFFIXES = ("ев", "ёв")
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
# The Kazakh names of the letters, as an abbreviation is read letter by letter (емле ережелері §73: ТМД-ға
# «ты-мы-ды», ЖШС-ның, МКК-ге): a vowel is read as itself, a consonant with ы, К as «ке».
LETTER_NAMES = {**{v: v for v in "аәеэоөұүыіиуюяё"}, **{c: c + "ы" for c in "бвгғджзйқлмнңпрстфхһцчшщ"},
                "к": "ке"}
LATIN = dict(zip("abcdefghijklmnopqrstuvwxyz", "а б к д е ф г х и ж к л м н о п к р с т у в у кс и з".split()))
CLOSING = "»”\"’'"
TIME = re.compile(r"(\d{1,2})[.:](\d{2})$")
NUMBER = re.compile(r"(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)$")  # 1 000: a figure group with a space


def format_date(value: dt.date, *, date_order: str = "day-month", year_word: str = "short") -> str:
    """``2021 жылғы 23 қыркүйек``: official usage, not CLDR's ``2021 ж. 23 қыркүйек`` (the house options are
    English and Russian ones); the year and «жылғы» are bound by a no-break space, as Russian binds «2021 г.»."""
    return f"{_year(value)} {_day_month(value)}"


def _year(value: dt.date) -> str:
    return f"{value.year}\u00a0жылғы"


def _day_month(value: dt.date) -> str:
    return f"{value.day}\u00a0{month_name(value.month, BABEL_LOCALE)}"


def format_time(value: dt.time) -> str:
    """``14.00``: hours and minutes with a full stop, as Kazakh official documents write them."""
    return f"{value.hour:02d}.{value.minute:02d}"


def format_offset(minutes: int) -> str:
    """A noun after a numeral stays singular in Kazakh: GMT+6 сағат.

    >>> format_offset(60), format_offset(330), format_offset(-300)
    ('GMT+1 сағат', 'GMT+5:30', 'GMT−5 сағат')
    """
    return gmt_offset(minutes, {"other": "сағат"}, BABEL_LOCALE)


def count(n: int, forms: Mapping[str, str]) -> str:
    """A noun after a numeral stays singular (CLDR's 'one'/'other' matter only without a numeral)."""
    return f"{n}\u00a0{forms['other']}"


# The exception the spelling rules themselves name (ЕЕ §73: «Бірақ АҚШ-қа деп жазылады»): a Kazakh abbreviation
# read as a word.  Other exceptions are data (``read_as_words``, ``read_by_letters`` in locales/kk/formulas.yaml
# and a workspace's termbase/kk/formulas.yaml), handed in by the caller as ``readings``.
RULE_READINGS: dict[str, str | None] = {"АҚШ": "ақш"}
KAZAKH_CAPITALS = set("ӘҒҚҢӨҰҮҺІ")
CAPITAL_VOWELS = set("АӘЕЭОӨҰҮЫІИУЮЯЁ")


def is_abbreviation(word: str) -> bool:
    """Capitals after the first letter: АЖТ, ТМД, NATO, and the mixed ҚазҰУ.

    >>> [is_abbreviation(w) for w in ("АЖТ", "ҚазҰУ", "Астана", "А", "14.00")]
    [True, True, False, False, False]
    """
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and any(c.isupper() for c in letters[1:])


def reads_as_word(word: str) -> bool:
    """Whether an abbreviation in Cyrillic capitals of foreign origin is read as a word (locales/kk/README.md,
    «Abbreviations»): one without the letters only Kazakh has (a Kazakh abbreviation is read by the names of its
    letters, ЕЕ §73), of three letters or more (ЕС, ЕО are read by letters), that can be said as syllables: a vowel,
    no more than two consonants before the first vowel, three between vowels and one after the last, and no
    vowel repeated as one sound (ООН, ЕЭК are read by letters).  The international bodies' names «қазақшаланбайды»
    and take the suffix of their reading (ЮНЕСКО-ға, ЮСАИД-ке, НАТО-ға, МАГАТЭ-ге, ЮНИСЕФ-ке).

    >>> [reads_as_word(w) for w in ("ОПЕК", "ЮНКТАД", "ЮСАИД", "МАГАТЭ", "ТМД", "АЖТ", "ООН", "ЕЭК", "ЕС", "ҰҚШҰ")]
    [True, True, True, True, False, False, False, False, False, False]
    """
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 3 or KAZAKH_CAPITALS & set(letters) or not CAPITAL_VOWELS & set(letters):
        return False
    shape = "".join("v" if c in CAPITAL_VOWELS else "c" for c in letters)
    runs = re.findall(r"c+", shape)
    first, last = shape.index("v"), shape.rindex("v")
    if first > 2 or len(letters) - 1 - last > 1 or any(len(run) > 3 for run in runs):
        return False
    return not any(a in CAPITAL_VOWELS and (a == b or {a, b} == {"Е", "Э"}) for a, b in zip(letters, letters[1:]))


def _abbreviation_read(word: str, readings: Mapping[str, str | None] | None = None) -> str:
    """How an abbreviation is read: as the data says (``readings``: a reading, or None for «by its letters»);
    as a word where it is one (a mixed abbreviation, §75; one in Latin letters, §74; a pronounceable one of foreign
    origin, ``reads_as_word``); otherwise by the Kazakh name of its last letter (§73)."""
    known = {**RULE_READINGS, **(readings or {})}
    if word in known:
        reading = known[word]
        return reading.lower() if reading else _letter_name(word)
    if not word.isupper() or word.isascii():
        read = "".join(LATIN.get(c, c) for c in word.lower())
        return re.sub(r"(?<=[аеоу])и", "й", read)      # USAID «юсейд»: a Latin i after a vowel is a glide
    if reads_as_word(word):
        return word.lower()
    return _letter_name(word)


def _letter_name(word: str) -> str:
    return LETTER_NAMES.get(word[-1].lower(), word[-1].lower())


def spoken(text: str, readings: Mapping[str, str | None] | None = None) -> str:
    """The last word of ``text`` as read aloud: figures by num2words, abbreviations as they are read, a
    quoted name by its last word.

    >>> [spoken(t) for t in ("14.00", "10.15", "12.40", "2021", "1 000", "АӨСШК", "ТМД", "«Ақорда»", "Астана")]
    ['төрт', 'бес', 'қырық', 'бір', 'мың', 'ке', 'ды', 'Ақорда', 'Астана']
    """
    text = text.rstrip(CLOSING)
    time = TIME.search(text)
    if time:
        hours, minutes = int(time.group(1)), int(time.group(2))
        return num2words(minutes or hours, lang="kz").split()[-1]
    number = NUMBER.search(text)
    if number:
        return num2words(int(re.sub(r"\D", "", number.group(1))), lang="kz").split()[-1]
    word = re.split(r"[\s\u00a0-]", text)[-1].lstrip("«“\"‘'")
    return _abbreviation_read(word, readings) if is_abbreviation(word) else word


def _syllables(word: str) -> int:
    return sum(1 for letter in word if letter in SYLLABIC)


def is_front(word: str) -> bool:
    """Vowel harmony, by the last syllable as it is read.

    - the last clear vowel decides; у is read both ways and is skipped;
    - и is the front vowel [i] in a loanword (a word without letters only Kazakh has): Тбилиси, Каир, Путин;
      in a Kazakh word it follows the word's harmony (Сапарғали);
    - a surname in -ев (-ёв) takes the harmony of its stem: the е of the Russian suffix is no harmony vowel
      (Тоқаевтың, Назарбаевты, but Әлиевтің, Медведевтің);
    - loanwords ending in к, г or л, р after a consonant (Нью-Йорк, ансамбль, цикл), and words of one syllable
      ending in ь (ось), take front suffixes (емле ережелері §35); after a vowel к, г follow the vowel (педагог);
      -кт, -ск, -пт, -фт, -нг also take the linking і (see ``takes_linking_vowel``).

    >>> [is_front(w) for w in ("қыркүйек", "Астана", "сәуір", "Нью-Йорк", "Брюссель", "наурыз", "Каир", "педагог")]
    [True, False, True, True, True, False, True, False]
    >>> [is_front(w) for w in ("Тоқаев", "Назарбаев", "Әлиев", "Медведев", "Лев", "Тоқаева")]
    [False, False, True, True, True, False]
    """
    letters = word.lower()
    stem = letters.rstrip("ьъ")
    if stem.endswith(FRONT_CLUSTERS) or (letters.endswith("ь") and _syllables(stem) == 1):
        return True
    loanword = not KAZAKH_LETTERS & set(letters)
    if stem.endswith(SURNAME_SUFFIXES) and _syllables(stem[:-2]):
        stem = stem[:-2]                     # Тоқаев: the е of the Russian suffix -ев is not a harmony vowel
    for index in range(len(stem) - 1, -1, -1):
        letter = stem[index]
        if letter in FRONT:
            return True
        if letter in BACK:
            return False
        if letter == "и" and loanword:
            return True
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


def takes_linking_vowel(word: str) -> bool:
    """A loanword ending in -кт, -ск, -пт, -фт or -нг (not -нкт) takes і before its suffix (ЕЕ §35).

    >>> [takes_linking_vowel(w) for w in ("факт", "Минск", "лифт", "митинг", "пункт", "парк", "Гамбург")]
    [True, True, True, True, False, False, False]
    """
    stem = word.lower()
    return stem.endswith(LINKING_CLUSTERS) and not stem.endswith("нкт")


def suffix(word: str, case: str, possessive: bool = False) -> str:
    """The case suffix ``word`` takes.

    >>> [suffix(w, "loc") for w in ("қаңтар", "ақпан", "шілде", "қыркүйек", "төрт", "жиырма")]
    ['да', 'да', 'де', 'те', 'те', 'да']
    >>> [suffix(w, "dat") for w in ("факт", "Минск", "пункт", "парк")]
    ['іге', 'іге', 'ке', 'ке']
    """
    front = is_front(word)
    if possessive:
        return POSSESSIVE[case][front]
    if takes_linking_vowel(word):
        return LINKING_VOWEL + SUFFIXES[case]["vowel"][True]
    return SUFFIXES[case][sound_class(word)][front]


def _takes_hyphen(last: str) -> bool:
    """A suffix after figures, an abbreviation or a closing quote is joined with a hyphen (§73, §75)."""
    return last[-1:] in CLOSING or last[-1:].isdigit() or is_abbreviation(last.split("-")[-1])


def _case(case: str) -> str:
    case = CASE_NAMES.get(case, case)
    if case != "nom" and case not in SUFFIXES:
        raise GrammarError(f"unknown case '{case}'", hint="Kazakh cases: nom gen dat acc loc abl ins")
    return case


def inflect(text: str, case: str, possessive: bool = False, *,
            readings: Mapping[str, str | None] | None = None) -> str:
    """``text`` with the case suffix on its last word; a parenthesis at the end stays after it; figures and
    abbreviations take a hyphen and the suffix of their spoken form; ``readings`` are the termbase's abbreviations
    read otherwise than by rule (``read_as_words``, ``read_by_letters``), handed in by the caller.

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
            return f"{inflect(head, case, possessive, readings=readings)} ({tail}"
    ending = suffix(spoken(text, readings), case, possessive)
    last = re.split(r"[\s\u00a0]", text)[-1]
    return f"{text}-{ending}" if _takes_hyphen(last) else text + ending


def inflect_person(forms: Mapping, case: str, gender: str | None, *,
                   readings: Mapping[str, str | None] | None = None) -> str:
    """A person takes the case suffix on the last word of the name: «Ерлан Асановқа» (no gender in Kazakh); a
    designation ending in the possessive (``possessive: true``) takes the pronominal н like any other entry.

    >>> inflect_person({"nom": "Тайланд Корольдігіндегі Елшісі", "possessive": True}, "dat", "m")
    'Тайланд Корольдігіндегі Елшісіне'
    """
    return inflect(forms["nom"], case, bool(forms.get("possessive", False)), readings=readings)


POSSESSIVE_END = re.compile(r"[бвгғджзйклмнңпрстуфхһцчшщ][ыі]$", re.I)   # у: оқуы, тауы


def last_word(text: str) -> str:
    """The word a case suffix goes on: the last one before a parenthesis at the end.

    >>> last_word("Арнаулы жұмыс тобы (АЖТ)"), last_word("Қазақстан Республикасының Елшілігі")
    ('тобы', 'Елшілігі')
    """
    text = text.strip()
    if text.endswith(")") and "(" in text and text.rpartition("(")[0].strip():
        text = text.rpartition("(")[0]
    words = re.split(r"[\s\u00a0]+", text.strip().rstrip(CLOSING))
    return words[-1] if words else ""


def looks_possessive(text: str) -> bool:
    """Whether the last word ends like the 3rd-person possessive: -ы/-і after a consonant (Елшілігі, тобы,
    Хатшылығы; -сы/-сі after a vowel: Елшісі, Республикасы).  Only a sign: Алматы, кірпі end so and are not;
    an abbreviation (ІІМ) never is.

    >>> [looks_possessive(t) for t in ("Елшілігі", "Елшісі", "Ахметұлы", "Елшілік", "Министрлік", "Астана", "ТМД")]
    [True, True, True, False, False, False, False]
    """
    word = last_word(text)
    return bool(POSSESSIVE_END.search(word)) and not is_abbreviation(word)


UNTIL = "дейін"
SINCE = "бастап"


def attributive(text: str, possessive: bool = False) -> str:
    """The attributive form before a noun: the locative and -ғы/-гі (``2017 жылғы 12 мамырдағы № … нотасы``);
    a span ending in «дейін» takes -гі (``… 26 тамызға дейінгі кезең``).  See locales/kk/README.md.

    >>> attributive("2017 жылғы 12 мамыр"), attributive("2007 жылғы 14 желтоқсан"), attributive("14.00")
    ('2017 жылғы 12 мамырдағы', '2007 жылғы 14 желтоқсандағы', '14.00-тегі')
    """
    text = text.strip()
    if text.endswith(UNTIL):
        return text + "гі"
    located = inflect(text, "loc", possessive)
    return located + ("гі" if located.endswith(("де", "те")) else "ғы")


AMONG = "аралығында"


def format_period(start: dt.date, end: dt.date, **date_options) -> str:
    """Both ends included, as a time adverbial (NOTE-SPEC §6): the ablative of the first day and the dative of the
    last with «дейін»; within one month the days joined by a dash before the month and «аралығында»
    (locales/kk/README.md, «Ranges»).  CLDR's interval pattern (``2006 ж. 2–5 қаз.``) abbreviates; official texts
    write ``жылғы`` and the month in full.

    >>> format_period(dt.date(1934, 3, 8), dt.date(1934, 3, 18))
    '1934\xa0жылғы 8–18\xa0наурыз аралығында'
    >>> format_period(dt.date(2021, 9, 30), dt.date(2021, 10, 2))
    '2021\xa0жылғы 30\xa0қыркүйектен 2\xa0қазанға дейін'
    """
    if (start.year, start.month) == (end.year, end.month):
        return f"{format_period_nom(start, end)} {AMONG}"
    return f"{inflect(format_date(start), 'abl')} {inflect(_last_end(start, end), 'dat')} {UNTIL}"


def _last_end(start: dt.date, end: dt.date) -> str:
    """The last day of a period of more than one month: the year once when both ends share it."""
    return _day_month(end) if start.year == end.year else format_date(end)


def format_period_nom(start: dt.date, end: dt.date, **date_options) -> str:
    """The period as a noun phrase (``| nom``): the days with a dash within one month, the dates with a spaced
    dash otherwise (a dash never starts a line: a no-break space before it).

    >>> format_period_nom(dt.date(1934, 3, 8), dt.date(1934, 3, 18))
    '1934\xa0жылғы 8–18\xa0наурыз'
    >>> format_period_nom(dt.date(2021, 9, 30), dt.date(2021, 10, 2))
    '2021\xa0жылғы 30\xa0қыркүйек\xa0— 2\xa0қазан'
    """
    if (start.year, start.month) == (end.year, end.month):
        return f"{_year(start)} {start.day}–{_day_month(end)}"
    return f"{format_date(start)}\u00a0— {_last_end(start, end)}"


def format_since(start: dt.date, **date_options) -> str:
    """``2020 жылғы 1 қаңтардан бастап``."""
    return f"{inflect(format_date(start), 'abl')} {SINCE}"


def format_until(value: dt.date, **date_options) -> str:
    """``2015 жылғы 15 желтоқсанды қоса алғанға дейін``: the last day included (locales/kk/README.md)."""
    return f"{inflect(format_date(value), 'acc')} қоса алғанға {UNTIL}"


def format_time_span(start: dt.time, end: dt.time) -> str:
    """``сағат 11.30-дан 13.00-ке дейін``: each figure takes the suffix of its last word read aloud."""
    return f"сағат {inflect(format_time(start), 'abl')} {inflect(format_time(end), 'dat')} {UNTIL}"


def format_amount(value, currency: str, names: Mapping[str, Mapping[str, str]] | None = None, *,
                  spelling: str | None = None) -> str:
    """``50 000 АҚШ доллары``: figures grouped with a no-break space, CLDR's name (one form after a numeral);
    ``spelling`` is English only."""
    return amount(value, currency, BABEL_LOCALE, names)


def ordinal(n: int, case: str | None = None, gender: str | None = None, animacy: str | None = None) -> str:
    """The ordinal in words, built on num2words' cardinal (it has no Kazakh ordinals); no agreement in Kazakh.

    >>> [ordinal(n) for n in (1, 2, 9, 10, 11, 20, 50, 100, 1000, 1001, 2000)]
    ['бірінші', 'екінші', 'тоғызыншы', 'оныншы', 'он бірінші', 'жиырмасыншы', 'елуінші', 'жүзінші', 'мыңыншы', 'мың бірінші', 'екі мыңыншы']
    """
    words = num2words(int(n), lang="kz").split()
    if words[:2] == ["бір", "мың"]:
        words = words[1:]                    # a thousand is «мың»: мыңыншы, мың бірінші
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


def ordinal_num(n: int, case: str | None = None, gender: str | None = None,
                animacy: str | None = None) -> str:
    """The 2021 orthography writes the figure and a hyphen straight before its noun: ``6-кездесу``.
    The seeds' ``6-ші`` is common but not standard (the lint points it out)."""
    return f"{int(n)}-"


def _case_filter(case: str):
    def apply(value):
        form = getattr(value, "form", None)
        if callable(form):
            return form(case)
        return attributive(str(value)) if case == "attr" else inflect(str(value), case)
    apply.__name__ = case
    return apply


FILTERS = {"ordinal": ordinal, "ordinal_num": ordinal_num, "capfirst": capfirst,
           **{case: _case_filter(case) for case in ("nom", "gen", "dat", "acc", "loc", "abl", "ins", "attr")}}
