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
from .common import NAME_PARTS, amount, capfirst, choose_plural, gmt_offset, month_name, no_case, nominative, person_nom  # noqa: F401 - the grammar's interface

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


def inflect(text: str, case: str, possessive: bool = False, *, readings=None) -> str:
    """Organisations' case forms are written in the termbase (`verbale terms check` proposes them with
    ``inflect_phrase``): a name such as «Совещание по взаимодействию…» is not safely built by rule at print time."""
    return no_case(text, case, CODE)


PYMORPHY_CASES = {"gen": "gent", "dat": "datv", "acc": "accs", "ins": "ablt", "prep": "loct"}
PETROVICH_CASES = {"gen": 0, "dat": 1, "acc": 2, "ins": 3, "prep": 4}   # petrovich.enums.Case


def _short_case(case: str) -> str:
    case = next((short for short, full in CASES.items() if full == case), case)
    if case not in CASES:
        raise GrammarError(f"unknown case '{case}'", hint=f"use one of {', '.join(CASES)}")
    return case


def _morph():
    from .morph import russian_analyzer
    return russian_analyzer()


def _match_capitals(word: str, model: str) -> str:
    """``word`` with the capitals of ``model``, part by part in a hyphenated word (Премьер-Министр ->
    Премьер-Министра, as the Constitution of Kazakhstan writes it)."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if "-" in word and word.count("-") == model.count("-"):
        return "-".join(_match_capitals(w, m) for w, m in zip(word.split("-"), model.split("-")))
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


AGREEING = ("ADJF", "PRTF")   # adjectives, ordinals (ADJF,Anum) and participles agree with their noun
CONJUNCTIONS = ("и", "или")   # «Чрезвычайный и Полномочный Посол»: coordinated adjectives


def _nominative_readings(word: str) -> tuple[list, list]:
    """The word's nominative parses as an agreeing word, and its readings as a noun (a reading is a parse per
    part: «министр-советник» is two nouns that both take the case).  A preposition, a conjunction or a word
    pymorphy takes for an abbreviation first has neither."""
    lower = word.lower()
    parses = _morph().parse(lower)
    if parses[0].tag.POS not in ("NOUN", *AGREEING):
        return [], []
    nominative = [p for p in parses if "nomn" in p.tag and "Abbr" not in p.tag]
    agreeing = [p for p in nominative if p.tag.POS in AGREEING]
    nouns = [[p] for p in nominative if p.tag.POS == "NOUN"]
    if "-" in lower and not any(_in_dictionary(n[0]) for n in nouns):
        parts = [[p for p in _morph().parse(part) if "nomn" in p.tag and p.tag.POS == "NOUN" and "Abbr" not in p.tag]
                 for part in lower.split("-")]
        if all(parts):
            nouns = [[part[0] for part in parts]]
    return agreeing, nouns


def _in_dictionary(parse) -> bool:
    """A compound the dictionary (OpenCorpora, pymorphy3's) knows as one word declines as it says: in its last part
    where the first names a rank or an office (премьер-министра, вице-министру, генерал-майором), in both where the
    parts are two nouns (члена-корреспондента); one it does not know (министр-советник, государства-члены)
    declines part by part.  Граудина, Ицкович, Катлинская, «Грамматическая правильность русской речи», § составные
    наименования: the first part of state and military ranks does not decline (премьер-министр, генерал-адмирал)."""
    return type(parse.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"


def _agrees(adjective, noun: list) -> bool:
    """An adjective's nominative parse agrees with a noun reading in number and, in the singular, gender
    («глава» is of common gender)."""
    head = noun[0].tag
    if adjective.tag.number != head.number:
        return False
    return head.number == "plur" or head.gender is None or "ms-f" in head or adjective.tag.gender == head.gender


def _head(words: list[str], readings: list[tuple[list, list]]) -> int | None:
    """The index of the head noun of a phrase that begins with it or with the words agreeing with it.

    A word that can be an adjective and a noun («старший», «исполняющий») is an adjective where a noun it
    agrees with follows it across adjectives and «и» («старший советник»), otherwise the head («старший»,
    «исполняющий обязанности»).  A run of adjectives with no noun ends at its substantivised head
    («временный поверенный в делах»)."""
    run: list[int] = []
    for index, (agreeing, nouns) in enumerate(readings):
        if words[index].lower() in CONJUNCTIONS and run:
            continue
        if nouns and not (agreeing and _noun_follows(words, readings, index)):
            return index
        if not agreeing:
            break
        run.append(index)
    return run[-1] if run else None


def _noun_follows(words: list[str], readings: list[tuple[list, list]], index: int) -> bool:
    for later in range(index + 1, len(words)):
        agreeing, nouns = readings[later]
        if words[later].lower() in CONJUNCTIONS:
            continue
        if any(_agrees(adjective, noun) for adjective in readings[index][0] for noun in nouns):
            return True
        if not agreeing:
            return False
    return False


def _inflected(parse, case: str, animate: bool) -> str | None:
    """One word in ``case``; in the accusative an adjective of a masculine singular or a plural takes the
    animate (genitive-like) form before an animate noun: «второго секретаря» (Розенталь, «Справочник по
    правописанию и стилистике», § «Согласование определений»)."""
    grammemes = {PYMORPHY_CASES[case]}
    if case == "acc" and parse.tag.POS in AGREEING and (parse.tag.number == "plur" or parse.tag.gender == "masc"):
        grammemes.add("anim" if animate else "inan")
    form = parse.inflect(grammemes)
    return form.word.replace("ё", "е") if form else None


def inflect_phrase(text: str, case: str, animate: bool | None = None) -> str:
    """A name's or a position's case form by pymorphy3: the head noun and the adjectives, ordinals and
    participles before it agree in case (and, in the accusative, with the head's animacy); the rest (a genitive
    tail, a preposition's phrase, an abbreviation in brackets) stays as it is.  ``animate`` tells a person's
    position, whose head may be a substantivised adjective (временный поверенный), from an office's name.

    >>> inflect_phrase("Федеральное министерство европейских и международных дел Австрийской Республики", "dat")
    'Федеральному министерству европейских и международных дел Австрийской Республики'
    >>> inflect_phrase("Постоянное представительство Республики Казахстан", "gen")
    'Постоянного представительства Республики Казахстан'
    >>> inflect_phrase("государства-члены СВМДА", "dat")
    'государствам-членам СВМДА'
    >>> inflect_phrase("второй секретарь Посольства", "acc")
    'второго секретаря Посольства'
    """
    case = _short_case(case)
    if case == "nom":
        return text
    words = text.split(" ")
    readings = [_nominative_readings(word) for word in words]
    head = _head(words, readings)
    if head is None:
        return text
    agreeing, nouns = readings[head]
    if nouns:
        modifiers = [adjective for index in range(head) for adjective in readings[index][0]]
        nouns = [n for n in nouns if not modifiers or any(_agrees(a, n) for a in modifiers)] or nouns
        if animate:
            nouns = sorted(nouns, key=lambda n: n[0].tag.animacy != "anim")
        reading = nouns[0]
        animate = reading[0].tag.animacy == "anim"
    else:
        reading = [agreeing[0]]
    parts = [_inflected(parse, case, bool(animate)) for parse in reading]
    if case == "acc" and not animate:  # государства-члены: the compound's first noun gives its animacy
        parts[1:] = [parse.word if parse.tag.number == "plur" or parse.tag.gender == "masc" else form
                     for parse, form in zip(reading[1:], parts[1:])]
    if None in parts:
        return text
    out = ["-".join(parts)]
    for index in range(head - 1, -1, -1):
        word = words[index]
        if word.lower() in CONJUNCTIONS:
            out.append(word)
            continue
        adjective = next((a for a in readings[index][0] if _agrees(a, reading)), readings[index][0][0])
        form = _inflected(adjective, case, bool(animate))
        if form is None:
            return text
        out.append(form)
    inflected = [_match_capitals(form, word) for form, word in zip(reversed(out), words)]
    return " ".join(inflected + words[head + 1:])


def phrase_gender(text: str) -> str:
    """The grammatical gender of a name's head noun, as the possessive pronoun after it needs it («его ноту»,
    «ее ноту», «их ноту»): ``m``, ``f``, ``n`` or ``pl``; ``n`` where pymorphy3 finds no head; ``""`` (not known) for a
    name that is an abbreviation alone (ПРООН, ОБСЕ, ЮНЕСКО): it takes its head word's gender (ПРООН — Программа —
    «ее»; Розенталь, род аббревиатур), which its letters do not tell, so the termbase says it (``pronoun:``).

    >>> [phrase_gender(t) for t in ("Министерство иностранных дел Российской Федерации", "Миссия Европейского союза",
    ...  "Секретариат СВМДА", "Постоянное представительство Республики Казахстан", "государства-члены СВМДА", "ПРООН")]
    ['n', 'f', 'm', 'n', 'pl', '']
    """
    words = text.split(" ")
    if all(_abbreviation(word) for word in words):
        return ""
    readings = [_nominative_readings(word) for word in words]
    head = _head(words, readings)
    if head is None or not readings[head][1]:
        return "n"
    tag = readings[head][1][0][0].tag
    if tag.number == "plur":
        return "pl"
    return {"masc": "m", "femn": "f"}.get(tag.gender, "n")


# A foreign place name pymorphy3 does not know (Гланд: it takes it for «гланд», gen. pl. of «гланда») declines by
# its ending (Розенталь, «Справочник по правописанию и литературной правке», склонение географических названий):
# a masculine one in a consonant, -й or -ь as «Берн», «Шанхай», «Брюссель»; one in -о -и -у -е -э -ю -ё does not.
MASCULINE_ENDINGS = {"gen": "а", "dat": "у", "acc": "", "ins": "ом", "prep": "е"}
SOFT_ENDINGS = {"gen": "я", "dat": "ю", "acc": "", "ins": "ем", "prep": "е"}
INDECLINABLE_ENDINGS = tuple("оиуеэюё")
RUSSIAN_CONSONANTS = set("бвгджзклмнпрстфхцчшщ")


def inflect_place(name: str, case: str) -> str:
    """A place's case form, for ``verbale terms check`` to propose: pymorphy3's where it knows the name as a place
    (Женевы, Гааге, Давосе, Монтрё), otherwise by the ending of its last part (only the last part of a hyphenated
    name declines: Нью-Йорка, Эр-Рияда; Абу-Даби, Сан-Хосе do not).

    >>> [inflect_place("Гланд", c) for c in ("gen", "dat", "acc", "ins", "prep")]
    ['Гланда', 'Гланду', 'Гланд', 'Гландом', 'Гланде']
    >>> inflect_place("Эр-Рияд", "prep"), inflect_place("Сан-Хосе", "gen"), inflect_place("Женева", "gen")
    ('Эр-Рияде', 'Сан-Хосе', 'Женевы')
    """
    case = _short_case(case)
    if case == "nom" or " " in name.strip():
        return name if case == "nom" else inflect_phrase(name, case)
    known = [p for p in _morph().parse(name.lower()) if "Geox" in p.tag and "nomn" in p.tag]
    if known and "-" not in name:
        if "Fixd" in known[0].tag:
            return name                         # Монтрё, Осло: pymorphy3 knows them indeclinable
        return _match_capitals(_inflected(known[0], case, False) or name, name)
    head, dash, last = name.rpartition("-")
    lower = last.lower()
    if lower.endswith(INDECLINABLE_ENDINGS) or not lower[-1:].isalpha():
        return name
    if lower[-1] in RUSSIAN_CONSONANTS:
        ending = MASCULINE_ENDINGS[case]
        if case == "ins" and lower[-1] in "жшчщц":
            ending = "ем"                       # Марракешем: о after a hushing consonant only under stress
        return f"{head}{dash}{last}{ending}"
    if lower[-1] in "йь":
        return f"{head}{dash}{last[:-1] if case != 'acc' else last}{SOFT_ENDINGS[case] if case != 'acc' else ''}"
    return inflect_phrase(name, case) if not dash else name


def inflect_name(parts: Mapping[str, str], case: str, gender: str | None) -> str:
    """A person's name (first name, patronymic, surname) in ``case`` by petrovich, in the order written.

    >>> inflect_name({"first": "Ерлан", "middle": "Болатович", "last": "Асанов"}, "dat", "m")
    'Ерлану Болатовичу Асанову'
    >>> inflect_name({"first": "Айгерим", "last": "Сейтказиева"}, "ins", "f")
    'Айгерим Сейтказиевой'
    >>> inflect_name({"first": "Касым-Жомарт", "last": "Токаев"}, "dat", "m")
    'Касым-Жомарту Токаеву'
    """
    case = _short_case(case)
    sex = {"m": "male", "f": "female"}.get(gender or "", "androgynous")
    names = [(part, parts[part]) for part in NAME_PARTS if parts.get(part)]
    if case == "nom":
        return " ".join(value for _, value in names)
    petrovich = _petrovich()
    inflect = {"first": petrovich.firstname, "middle": petrovich.middlename, "last": petrovich.lastname}
    return " ".join(value if part == "last" and (_adjectival_plural_surname(value) or _vowel_before_a(value))
                    else _after_velar(value, _as_feminine_noun(value, case)) if part == "last" and _surname_in_a(value, sex)
                    else _after_velar(value, _compound_first_name(value, case, sex) if part == "first" and "-" in value
                    else _compound_surname(value, case, sex) if part == "last" and "-" in value
                    else _as_noun(value, case) if sex == "male" and _declines_as_noun(part, value)
                    or sex == "male" and part == "first" and _hard_consonant_end(value)
                    else _as_feminine_noun(value, case) if sex == "male" and part == "first" and _man_in_a(value)
                    else _prepositional_in_ii(value, case, part, inflect[part](value, PETROVICH_CASES[case], sex)))
                    for part, value in names)


def _surname_in_a(name: str, sex: str) -> bool:
    """A surname in -а, -я that is not a Russian feminine adjective (Иванова, Сейтказиева, Вишневская) declines as
    a noun of the first declension, for a man as for a woman: Кафки, Окуджавы, Глинки, Гарсии (Розенталь,
    «Справочник по правописанию и литературной правке», склонение фамилий: «склоняются фамилии на безударное -а,
    -я»); petrovich leaves them whole. After a vowel (Гарсиа, Дюбуа, Моравиа) a surname does not decline. A French
    surname stressed on its last -а (Дюма, Тома, Золя) does not decline either: the stress cannot be read from the
    letters, so its entry writes its forms (a written form wins).

    >>> [_surname_in_a(n, s) for n, s in (("Кафка", "male"), ("Гарсия", "female"), ("Иванова", "female"), ("Дюбуа", "male"), ("Вишневская", "female"), ("Гарсиа", "male"), ("Радваньска", "female"))]
    [True, True, False, False, False, False, False]
    """
    lower = name.lower()
    if "-" in name or not lower.endswith(("а", "я")) or lower[-2:-1] in "аеёоуыэюя" + ("и" if lower[-1] == "а" else ""):
        return False
    return not lower.endswith(("ова", "ева", "ёва", "ина", "ына", "ая", "яя", "ска", "цка"))   # Радваньска: adjectival


def _vowel_before_a(name: str) -> bool:
    """A surname in a vowel and -а (Гарсиа, Дюбуа, Моравиа) does not decline (Розенталь, склонение фамилий);
    petrovich writes «Гарсиы»."""
    lower = name.lower()
    return lower.endswith("а") and lower[-2:-1] in "аеёиоуыэюя" and not lower.endswith(("ая", "яя"))


def _adjectival_plural_surname(name: str) -> bool:
    """A Russian surname in -ых, -их (an old genitive plural: Седых, Черных, Долгих, Петровских) does not decline,
    for a man or a woman (Розенталь, «Справочник по правописанию и литературной правке», склонение фамилий:
    «не склоняются русские фамилии на -ых, -их: Черных, Долгих»); petrovich declines a man's (`Седыха`).
    A foreign name in -их after another letter declines as a noun (Дитриха, Генриха, Миниха).

    >>> [_adjectival_plural_surname(n) for n in ("Седых", "Долгих", "Петровских", "Рыжих", "Дитрих", "Миних")]
    [True, True, True, True, False, False]
    """
    lower = name.lower()
    return lower.endswith("ых") or (lower.endswith("их") and lower[-3:-2] in "гкхжшчщ" and len(lower) > 3)


def _prepositional_in_ii(name: str, case: str, part: str, form: str) -> str:
    """A first name in -ий takes -и in the prepositional, as every noun in -ий does (Розенталь, «Справочник по
    правописанию и литературной правке», окончания существительных: «о гении, о Дмитрии»); petrovich writes
    «Дмитрие», «Анатолие», «Юрие».

    >>> _prepositional_in_ii("Дмитрий", "prep", "first", "Дмитрие"), _prepositional_in_ii("Сергей", "prep", "first", "Сергее")
    ('Дмитрии', 'Сергее')
    """
    if part == "first" and case == "prep" and name.lower().endswith("ий"):
        return name[:-1] + "и"
    return form


def _after_velar(name: str, form: str) -> str:
    """No ы after г, к, х (Правила русской орфографии и пунктуации, 1956, § 4): petrovich writes «Даригы», «Маликы»
    for the Kazakh names Дарига, Малика; their genitive is «Дариги», «Малики», as «Ольги», «Вероники».

    >>> _after_velar("Дарига", "Даригы"), _after_velar("Акылбек", "Акылбека")
    ('Дариги', 'Акылбека')
    """
    if name[-1:].lower() in "ая" and form[-2:-1].lower() in "гкхжшчщ" and form[-1:] == "ы":
        return form[:-1] + "и"
    return form


def _man_in_a(name: str) -> bool:
    """A man's first name in -а or -я (Муса, Жума, Кожа, Илья): petrovich leaves the Kazakh ones whole, but such a
    name declines as a noun in -а (Розенталь, «Справочник по правописанию и литературной правке», склонение имён:
    «мужские имена на -а, -я склоняются»; «Мусы Джалиля»)."""
    return name[-1:].lower() in "ая" and "-" not in name


def _as_feminine_noun(name: str, case: str) -> str:
    """A name in -а/-я declined as a noun of the first declension: Муса -ы -е -у -ой -е; Илья -и -е -ю -ей -е."""
    soft = name[-1:].lower() == "я"
    ending = {"gen": "и" if soft else "ы", "dat": "е", "acc": "ю" if soft else "у",
              "ins": "ей" if soft else "ой", "prep": "е"}[case]
    if soft and name[-2:-1].lower() == "и" and case in ("dat", "prep"):
        ending = "и"                       # Илия -> Илии
    if case == "ins" and not soft and name[-2:-1].lower() in "жшчщц":
        ending = "ей"                      # Кожей: о after a hushing consonant only under stress
    return name[:-1] + ending


def _hard_consonant_end(name: str) -> bool:
    """A man's first name in a hushing consonant (Куаныш, Толеш, Мукаш): petrovich leaves it undeclined, but a
    man's name in a consonant always declines in Russian (Розенталь, «Справочник по правописанию и литературной
    правке», склонение имён: мужские имена на согласный склоняются), and so Kazakhstan's Russian texts write
    «Куаныша», «Куанышу»."""
    return name[-1:].lower() in "жшчщц"   # ц: Франц, Фриц — petrovich gives «Францом»; unstressed after ц: -ем


def _declines_as_noun(part: str, name: str) -> bool:
    """A surname of one syllable in -ой, -ей, -ай (Цой, Ной): a noun in -й, not an adjective like Толстой
    (petrovich gives «Цого»); Korean surnames of Kazakhstan decline so («Виктора Цоя»; Розенталь, склонение
    фамилий: фамилии на -ой, -ей с основой без гласной склоняются как существительные)."""
    if part != "last" or not name.lower().endswith(("ой", "ей", "ай")):
        return False
    return not any(c in "аеёиоуыэюя" for c in name.lower()[:-2])


def _as_noun(name: str, case: str) -> str:
    """A man's name or surname declined as a masculine noun: hard (Куаныш: -а, -у, -а, -ем, -е), or in -й
    (Цой: -я, -ю, -я, -ем, -е)."""
    if name.lower().endswith("й"):
        return name[:-1] + {"gen": "я", "dat": "ю", "acc": "я", "ins": "ем", "prep": "е"}[case]
    ending = {"gen": "а", "dat": "у", "acc": "а", "ins": "ом", "prep": "е"}[case]
    if case == "ins" and name[-1:].lower() in "жшчщц":
        ending = "ем"                      # Куанышем: о after a hushing consonant only under stress
    return name + ending


def _compound_first_name(name: str, case: str, sex: str) -> str:
    """A compound first name declines in its last part only: «Касым-Жомарта Токаева», «Касым-Жомарту Токаеву»,
    as official Russian usage in Kazakhstan writes the President's name and as Russian declines foreign double
    names («Жан-Жака Руссо»; Розенталь, «Справочник по правописанию и литературной правке», склонение имён).
    petrovich declines every part (Касыма-Жомарта); this overrides it (locales/ru/README.md, «Persons»).

    >>> _compound_first_name("Касым-Жомарт", "gen", "male"), _compound_first_name("Нур-Султан", "ins", "male")
    ('Касым-Жомарта', 'Нур-Султаном')
    """
    head, _, last = name.rpartition("-")
    return f"{head}-{_petrovich().firstname(last, PETROVICH_CASES[case], sex)}"


# A part of a double surname that is a surname on its own: a Russian surname's ending (Петров-, Римский-,
# Немирович-, Мамин-).  Others (Бонч-, Кул-, Аль-) are not.
SURNAME_ON_ITS_OWN = re.compile(r"(?:[оеё]в|[иы]н|[сц]к(?:ий|ой)|ич|[оеё]ва|[иы]на|[сц]кая)$", re.I)


def _compound_surname(name: str, case: str, sex: str) -> str:
    """A double surname: its first part declines only where it is a surname on its own, its last part always
    (Грамота.ру, справка 289625, after Розенталь: «первая часть склоняется, если она сама по себе употребляется как
    фамилия»: Римского-Корсакова, Мамина-Сибиряка, but Бонч-Бруевича).  So the Kazakh statesman Кул-Мухаммед is
    «Мухтару Кул-Мухаммеду» (petrovich: «Кулу-Мухаммеду»), and Аль-Фараби stays whole (petrovich: «Аля-Фараби»).

    >>> _compound_surname("Кул-Мухаммед", "dat", "male"), _compound_surname("Римский-Корсаков", "gen", "male")
    ('Кул-Мухаммеду', 'Римского-Корсакова')
    """
    head, _, last = name.rpartition("-")

    def inflect(part: str) -> str:
        if sex == "male" and _declines_as_noun("last", part):
            return _as_noun(part, case)
        return _petrovich().lastname(part, PETROVICH_CASES[case], sex)
    if SURNAME_ON_ITS_OWN.search(head):
        head = "-".join(inflect(part) for part in head.split("-"))
    return f"{head}-{inflect(last)}"


def _petrovich():
    from .morph import russian_names
    return russian_names()


def inflect_person(forms: Mapping, case: str, gender: str | None, *, readings=None) -> str:
    """A person in ``case``: the position by ``inflect_phrase``, the name by ``inflect_name``; a written
    ``nom`` (a sender's designation, «Посол Республики Казахстан …») as a phrase."""
    if forms.get("nom_written") or not any(forms.get(part) for part in NAME_PARTS):
        return inflect_phrase(forms["nom"], case, animate=True)
    words = [inflect_phrase(forms["position"], case, animate=True)] if forms.get("position") else []
    return " ".join(words + [inflect_name(forms, case, gender)])


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
    return f"{day_preposition(start.day)} {_first_end(start, end, **date_options)} по {format_date(end, **date_options)}"


def _first_end(start: dt.date, end: dt.date, **date_options) -> str:
    """The first day of a period as written before the last: what they share is written once, with the last."""
    if (start.year, start.month) == (end.year, end.month):
        return str(start.day)
    return _day_month(start) if start.year == end.year else format_date(start, **date_options)


def format_period_nom(start: dt.date, end: dt.date, **date_options) -> str:
    """The period as a noun phrase (``| nom``, NOTE-SPEC §6): the days joined by a dash within one month, the dates
    by a spaced dash otherwise (Мильчин, «Справочник издателя и автора», тире между датами; a no-break space before
    the dash: a dash never starts a line).

    >>> format_period_nom(dt.date(1934, 3, 8), dt.date(1934, 3, 18))
    '8–18\xa0марта 1934\xa0г.'
    >>> format_period_nom(dt.date(2021, 9, 30), dt.date(2021, 10, 2))
    '30\xa0сентября\xa0— 2\xa0октября 2021\xa0г.'
    """
    dash = "–" if (start.year, start.month) == (end.year, end.month) else "\u00a0— "
    return f"{_first_end(start, end, **date_options)}{dash}{format_date(end, **date_options)}"


def format_since(start: dt.date, **date_options) -> str:
    """A period with no end: «с 1 января 2020 г.»."""
    return f"{day_preposition(start.day)} {format_date(start, **date_options)}"


def format_until(value: dt.date, **date_options) -> str:
    """«до 15 декабря 2015 г. включительно»: the last day included, as Russian official texts say it."""
    return f"до {format_date(value, **date_options)} включительно"


def format_time_span(start: dt.time, end: dt.time) -> str:
    """«с 11:30 до 13:00»: a span of hours, both given."""
    return f"{time_preposition(start)} {format_time(start)} до {format_time(end)}"


def format_amount(value, currency: str, names: Mapping[str, Mapping[str, str]] | None = None, *,
                  spelling: str | None = None) -> str:
    """The sum grouped by CLDR (a no-break space: 50 000), the currency's name in its CLDR plural form.

    >>> [format_amount(n, "USD") for n in (1, 2, 5, 21, 50000)]
    ['1\xa0доллар США', '2\xa0доллара США', '5\xa0долларов США', '21\xa0доллар США', '50\xa0000\xa0долларов США']
    """
    return amount(value, currency, BABEL_LOCALE, names)


FILTERS = {"ordinal": ordinal, "ordinal_num": ordinal_num, "nom": nominative, "capfirst": capfirst}


# The prepositions о/об, в/во, с/со take their longer form by the sound that follows (Розенталь, «Справочник по
# правописанию и литературной правке», предлоги; Русская грамматика, 1980, § 1660): «об» before a vowel а и о у э
# (об итогах, об Организации; «о» before е ё ю я: о Европе, о ее ноте), «во» and «со» before a cluster that starts
# with the preposition's own sound or its pair (во Франции, во Владивостоке, во Вьетнаме; со Швецией, со Словакией,
# со Сбербанком). Before figures by how they are read: «об 11», «об 1 заседании» (одном), «об 11 000» (одиннадцати
# тысячах), but «о 1 000» (тысяче); an ordinal «во 2-м», «со 2-го», «со 2 марта» (второго), but «в 2 раза», «с 2 до
# 5 часов» (двух). «Обо» before мне, всём (обо мне, обо всем; «о всех» and «обо всех» both in use, left); a typed «обо» is left as written.
PREPOSITION_PAIRS = {"о": "об", "об": "об", "в": "во", "во": "во", "с": "со", "со": "со"}
_FIGURE_AHEAD = re.compile(r"(\d{1,3}(?:[ \u00a0\u202f]\d{3})*|\d+)(,\d+)?(?:[-\u2011]([а-я]+))?(?:[ \u00a0]+([а-яё]+))?")
_GENITIVE_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
                    "ноября", "декабря")


_DAY_OF_MONTH_AHEAD = re.compile(r"[ \u00a0]+\d{1,2}[ \u00a0]+(%s)\b" % "|".join(_GENITIVE_MONTHS))


def preposition_before(written: str, following: str) -> str:
    """The preposition о/об, в/во, с/со that ``following`` takes, in the case of ``written`` (a capital stays);
    any other word comes back as written.

    >>> [preposition_before("о", w) for w in ("итогах", "Организации", "Европе", "ноте", "11 встречах", "1 000 долларах", "1-м заседании", "11-м заседании")]
    ['об', 'об', 'о', 'о', 'об', 'о', 'о', 'об']
    >>> [preposition_before("в", w) for w in ("Владивостоке", "Франции", "Вьетнаме", "Вашингтоне", "2-м квартале", "2 раза")]
    ['во', 'во', 'во', 'в', 'во', 'в']
    >>> [preposition_before("с", w) for w in ("Швецией", "Словакией", "Сейтказиевой", "2 марта 2026 г.", "2-го", "2 до 5 часов", "12 марта")]
    ['со', 'со', 'с', 'со', 'со', 'с', 'с']
    >>> preposition_before("Об", "Министерстве"), preposition_before("во", "Москве"), preposition_before("на", "итогах")
    ('О', 'в', 'на')
    >>> [preposition_before(p, w) for p, w in (("в", "ФРГ"), ("с", "США"), ("со", "СМИ"), ("о", "ООН"), ("с", "съездом"), ("в", "2-х экземплярах"), ("с", "2-мя"))]
    ['в', 'с', 'со', 'об', 'со', 'в', 'с']
    >>> [preposition_before("с", w) for w in ("2 по 5 марта", "2 по 5 человек", "12 по 15 марта")]
    ['со', 'с', 'с']
    >>> [preposition_before("о", w) for w in ("мне", "всем", "всех вопросах", "всемирном")]
    ['обо', 'обо', 'о', 'о']
    """
    base = written.lower()
    if base not in PREPOSITION_PAIRS:
        return written
    short, long = base[:1], PREPOSITION_PAIRS[base]
    word = following.lstrip("«“\"'(")
    if short == "о" and re.match(r"(мне|всём|всем)\b", word.lower()):   # обо мне, обо всем (Розенталь)
        return "Обо" if written[:1].isupper() else "обо"
    figure = _FIGURE_AHEAD.match(word)
    if figure:
        takes_long = _figure_takes_long(short, figure, word[figure.end():])
    else:
        first, second = word[:1].lower(), word[1:2].lower()
        vowels = "аеёиоуыэюя"   # a soft or hard sign makes a cluster: во Вьетнаме, со съездом
        if _abbreviation(word) and not (short == "о" and first in "аиоуэ"):
            return written   # ФРГ, США, СМИ: read by letters or as a word, the clerk's reading decides
        if short == "о":
            takes_long = first in "аиоуэ"
        elif short == "в":
            takes_long = first in "вф" and bool(second) and second not in vowels
        else:
            takes_long = first in "сзшжщ" and bool(second) and second not in vowels
    chosen = long if takes_long else short
    return chosen.capitalize() if written[:1].isupper() else chosen


def _abbreviation(word: str) -> bool:
    """An initial abbreviation (ФРГ, США, ВКО, СМИ): whether it is read by its letters' names (эф-эр-гэ: «в ФРГ»,
    «с США») or as a word («со СМИ») is not in its letters, so the preposition the clerk wrote stays.

    >>> [_abbreviation(w) for w in ("ФРГ", "США,", "ВКО", "Франции", "СНГ-ом", "В")]
    [True, True, True, False, True, False]
    """
    return len(word) >= 2 and word[0].isupper() and word[1].isupper()


# A figure with a case ending that reads it as a cardinal: 2-х (двух), 2-мя (двумя), 5-ти (пяти), 7-ми (семи)
CARDINAL_ENDINGS = ("х", "ух", "ёх", "ех", "мя", "умя", "ми", "ти", "и", "ум")


def _figure_takes_long(short: str, figure: re.Match, rest: str = "") -> bool:
    digits, fraction, ending, after = figure.groups()
    span = _DAY_OF_MONTH_AHEAD.match(rest) if after == "по" else None
    if span:   # с 2 по 5 марта: со второго (числа) по пятое
        after = span.group(1)
    groups = re.split(r"[ \u00a0\u202f]", digits) if re.search(r"[ \u00a0\u202f]", digits) else None
    value = int(re.sub(r"\D", "", digits))
    leading = int(groups[0]) if groups else value
    if not groups:   # 11000 written without a space: its leading group by thousands
        while leading >= 1000:
            leading //= 1000
    whole_scale = value >= 1000
    ordinal = bool(ending) and ending not in CARDINAL_ENDINGS or (after or "") in _GENITIVE_MONTHS
    if short == "о":    # один, одиннадцать (одном, одиннадцати, одиннадцатом) begin with a vowel
        return leading == 11 or (leading == 1 and not whole_scale and not ordinal)
    if short in "вс":   # второй (во 2-м, со 2-го, со 2 марта)
        return ordinal and value == 2 and not fraction
    return False
