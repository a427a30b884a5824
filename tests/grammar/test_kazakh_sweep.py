"""Every Kazakh termbase entry in every case, and every abbreviation in the termbase, against a referee.

The referee is written here by hand, apart from the engine: how each last word is read (its harmony and the
class of its last sound, as a Kazakh speaker pronounces it), and the suffix table of locales/kk/README.md
transcribed anew. A new termbase word or abbreviation fails the sweep until someone writes down how it is read.
"""
from __future__ import annotations

import re

import pytest

from verbale.facts.termbase import default_termbase

# The README's table, by column: after a vowel / м н ң / л р й у (и) / ж з / a voiceless consonant.
TABLE = {
    "gen": "ның/нің ның/нің дың/дің дың/дің тың/тің",
    "acc": "ны/ні ды/ді ды/ді ды/ді ты/ті",
    "dat": "ға/ге ға/ге ға/ге ға/ге қа/ке",
    "loc": "да/де да/де да/де да/де та/те",
    "abl": "дан/ден нан/нен дан/ден дан/ден тан/тен",
    "ins": "мен/мен мен/мен мен/мен бен/бен пен/пен",
}
COLUMNS = ["vowel", "nasal", "sonorant", "voiced", "voiceless"]
AFTER_POSSESSIVE = {"gen": "ның/нің", "acc": "н/н", "dat": "на/не", "loc": "нда/нде", "abl": "нан/нен", "ins": "мен/мен"}

# How each last word of a termbase name is read: (harmony, last sound). Notes say why where it is not plain.
READ = {
    "Алматы": ("back", "vowel"), "Амман": ("back", "nasal"), "Анкара": ("back", "vowel"),
    "Астана": ("back", "vowel"), "Баку": ("back", "sonorant"),   # final у is the glide ұу
    "Бангкок": ("back", "voiceless"),          # -ок after a vowel: back (the cluster rule fronts -нк, -рк only)
    "Бағдат": ("back", "voiceless"), "Бейжің": ("front", "nasal"), "Брюссель": ("front", "sonorant"),
    "Бішкек": ("front", "voiceless"), "Вена": ("back", "vowel"), "Дакка": ("back", "vowel"),
    "Доха": ("back", "vowel"), "Душанбе": ("front", "vowel"), "Женева": ("back", "vowel"),
    "Иерусалим": ("front", "nasal"),           # the loanword's и is the front [i]
    "Исламабад": ("back", "voiceless"),        # final д is read т
    "Кабул": ("back", "sonorant"), "Каир": ("front", "sonorant"), "Коломбо": ("back", "vowel"),
    "Манама": ("back", "vowel"), "Мәскеу": ("front", "sonorant"),
    "Нью-Дели": ("front", "sonorant"),          # final и is the glide ій
    "Нью-Йорк": ("front", "voiceless"),         # -рк is read soft (ЕЕ §35)
    "Пномпень": ("front", "nasal"), "Рамалла": ("back", "vowel"), "Сеул": ("front", "sonorant"),
    "Ташкент": ("front", "voiceless"), "Тегеран": ("back", "nasal"), "Ханой": ("back", "sonorant"),
    "Ұлан-Батор": ("back", "sonorant"), "Әбу-Даби": ("front", "sonorant"), "Әл-Кувейт": ("front", "voiceless"),
    "мемлекеттер": ("front", "sonorant"),
}
# Last words carrying the 3rd-person possessive: only their harmony matters.
POSSESSIVE_READ = {"Хатшылығы": "back", "делегациясы": "back", "кеңесі": "front", "комитеті": "front",
                   "мемлекеттері": "front", "министрлігі": "front", "тобы": "back", "төрағалығы": "back"}
# Every abbreviation in the termbase, as read by the Kazakh names of its letters (ЕЕ §73), written out.
ABBREVIATIONS = {
    "АЖТ": {"gen": "АЖТ-ның", "dat": "АЖТ-ға", "loc": "АЖТ-да", "abl": "АЖТ-дан", "acc": "АЖТ-ны", "ins": "АЖТ-мен"},
    "АЛТК": {"gen": "АЛТК-нің", "dat": "АЛТК-ге", "loc": "АЛТК-де", "abl": "АЛТК-ден", "acc": "АЛТК-ні",
             "ins": "АЛТК-мен"},
    "АӨСШК": {"gen": "АӨСШК-нің", "dat": "АӨСШК-ге", "loc": "АӨСШК-де", "abl": "АӨСШК-ден", "acc": "АӨСШК-ні",
              "ins": "АӨСШК-мен"},
    "СІМК": {"gen": "СІМК-нің", "dat": "СІМК-ге", "loc": "СІМК-де", "abl": "СІМК-ден", "acc": "СІМК-ні",
             "ins": "СІМК-мен"},
    "ЕҚЫҰ": {"gen": "ЕҚЫҰ-ның", "dat": "ЕҚЫҰ-ға", "loc": "ЕҚЫҰ-да", "abl": "ЕҚЫҰ-дан", "acc": "ЕҚЫҰ-ны",
             "ins": "ЕҚЫҰ-мен"},
}
CASES = list(TABLE)
ABBREVIATION = re.compile(r"\b[А-ЯЁӘҒҚҢӨҰҮҺІ][А-ЯЁӘҒҚҢӨҰҮҺІа-яёәғқңөұүһі]*[А-ЯЁӘҒҚҢӨҰҮҺІ]\b")


def referee(word: str, case: str, possessive: bool) -> str:
    if possessive:
        back, front = AFTER_POSSESSIVE[case].split("/")
        return word + (front if POSSESSIVE_READ[word] == "front" else back)
    harmony, sound = READ[word]
    back, front = TABLE[case].split()[COLUMNS.index(sound)].split("/")
    return word + (front if harmony == "front" else back)


def _entries():
    termbase = default_termbase()
    return [(key, forms) for key, forms in sorted(termbase.forms["kk"].items())]


def _split(nom: str) -> tuple[str, str, str]:
    """(head, last word, tail): «Арнаулы жұмыс тобы (АЖТ)» -> («Арнаулы жұмыс », «тобы», « (АЖТ)»)."""
    match = re.fullmatch(r"(.*?)(\S+)(\s*\([^)]*\))?", nom.strip())
    return match.group(1), match.group(2), match.group(3) or ""


CASES_OF_ENTRIES = [(key, case) for key, _ in _entries() for case in CASES]


@pytest.mark.parametrize("key, case", CASES_OF_ENTRIES)
def test_every_entry_in_every_case(key, case):
    termbase = default_termbase()
    forms = termbase.forms["kk"][key]
    head, last, tail = _split(forms["nom"])
    expected = head + referee(last, case, bool(forms.get("possessive"))) + tail
    assert termbase.term(key, "kk").form(case) == expected


def test_the_sweep_covers_the_whole_termbase():
    assert len(CASES_OF_ENTRIES) == 6 * len(default_termbase().forms["kk"]) > 300


def _termbase_abbreviations() -> set[str]:
    """The abbreviations in the names and forms (letterheads and addresses, all in capitals, are left out)."""
    return {abbreviation for _, forms in _entries() for value in forms.values()
            if isinstance(value, str) for abbreviation in ABBREVIATION.findall(value)}


def test_every_abbreviation_of_the_termbase_is_in_the_sweep():
    assert _termbase_abbreviations() <= set(ABBREVIATIONS), "write down how the new abbreviation is read"
    assert {"АЖТ", "АЛТК", "АӨСШК", "СІМК"} <= _termbase_abbreviations()


@pytest.mark.parametrize("abbreviation, case", [(a, c) for a in ABBREVIATIONS for c in CASES])
def test_every_abbreviation_in_every_case(abbreviation, case):
    from verbale.grammar import kk

    assert kk.inflect(abbreviation, case) == ABBREVIATIONS[abbreviation][case]
