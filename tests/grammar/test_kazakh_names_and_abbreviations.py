"""Issue #23, Kazakh: surnames in -ев/-ева and abbreviations read as words, every case written out.

Sources (locales/kk/README.md, «Case suffixes», «Abbreviations»): ЕЕ = Қазақ тілінің емле ережелері (2013; the
revision of 2021 keeps the numbers), §35–36 (final б в г д read voiceless), §73–75 (abbreviations); «Дипломатиялық
және мемлекеттік құжаттарды ресімдеу» (a manual of Kazakh official usage, dereksiz.org): «Халықаралық стандарт
сипатындағы аббревиатуралар «қазақшаланбайды» … оларға қосымша дыбысталуына сәйкес жалғанады: ЮНЕСКО-ға,
ЮСАИД-ке, НАТО-ға, МАГАТЭ-ге, ЮНИСЕФ-ке».
"""
from __future__ import annotations

import pytest

from verbale.facts.termbase import default_termbase
from verbale.grammar import kk

CASES = ("gen", "dat", "acc", "loc", "abl", "ins")

# 50 common Kazakh surnames as Kazakh texts write them, with their suffixes in the order of CASES.
# Rule: the е of the Russian surname suffix -ев is no harmony vowel: the stem decides (Тоқа-ев: back, Тоқаевтың;
# Әли-ев: front, Әлиевтің); final в is read ф, voiceless (ЕЕ §36: -тың, -қа, -пен). -ева, -ова, -ина end in
# а: back, after a vowel. -ин: the loanword's и is front (Маминнің). -ский: й, front (Вишневскийдің).
SURNAMES = {
    # -ев on a back-vowel stem: back suffixes (the President's name first)
    "Тоқаев": "тың қа ты та тан пен", "Назарбаев": "тың қа ты та тан пен", "Мамаев": "тың қа ты та тан пен",
    "Құнаев": "тың қа ты та тан пен", "Сәтбаев": "тың қа ты та тан пен", "Жұмабаев": "тың қа ты та тан пен",
    "Ниязбаев": "тың қа ты та тан пен", "Есенбаев": "тың қа ты та тан пен", "Серікбаев": "тың қа ты та тан пен",
    "Тұрсынбаев": "тың қа ты та тан пен", "Кенжебаев": "тың қа ты та тан пен", "Ермекбаев": "тың қа ты та тан пен",
    "Сағынтаев": "тың қа ты та тан пен", "Абаев": "тың қа ты та тан пен", "Исаев": "тың қа ты та тан пен",
    "Досаев": "тың қа ты та тан пен", "Оразбаев": "тың қа ты та тан пен",
    # -ев on a front-vowel stem stays front
    "Әлиев": "тің ке ті те тен пен",
    # -ева: after the vowel а
    "Тоқаева": "ның ға ны да дан мен", "Назарбаева": "ның ға ны да дан мен", "Әлиева": "ның ға ны да дан мен",
    "Жұмабаева": "ның ға ны да дан мен", "Сәтбаева": "ның ға ны да дан мен", "Исаева": "ның ға ны да дан мен",
    # -ов, -ова: unchanged by the rule
    "Ахметов": "тың қа ты та тан пен", "Асанов": "тың қа ты та тан пен", "Смайылов": "тың қа ты та тан пен",
    "Сұлтанов": "тың қа ты та тан пен", "Оспанов": "тың қа ты та тан пен", "Жақсыбеков": "тың қа ты та тан пен",
    "Қасымов": "тың қа ты та тан пен", "Омаров": "тың қа ты та тан пен", "Садықов": "тың қа ты та тан пен",
    "Ибрагимов": "тың қа ты та тан пен", "Әбдірахманов": "тың қа ты та тан пен",
    "Нұрмағамбетов": "тың қа ты та тан пен", "Жандосов": "тың қа ты та тан пен",
    "Байтұрсынов": "тың қа ты та тан пен", "Тасмағамбетов": "тың қа ты та тан пен",
    "Ахметова": "ның ға ны да дан мен", "Асанова": "ның ға ны да дан мен", "Жақсыбекова": "ның ға ны да дан мен",
    "Омарова": "ның ға ны да дан мен", "Сұлтанова": "ның ға ны да дан мен", "Қасымова": "ның ға ны да дан мен",
    # -ин, -ина, -ский: unchanged by the rule
    "Мамин": "нің ге ді де нен мен", "Мамина": "ның ға ны да дан мен", "Мусин": "нің ге ді де нен мен",
    "Мусина": "ның ға ны да дан мен", "Вишневский": "дің ге ді де ден мен",
}
SURNAME_CASES = [(name, case, name + suffix) for name, suffixes in SURNAMES.items()
                 for case, suffix in zip(CASES, suffixes.split())]


def test_the_list_has_fifty_surnames_and_every_ev_surname_of_it():
    assert len(SURNAMES) == 50
    assert sum(name.endswith(("ев", "ева")) for name in SURNAMES) == 24


@pytest.mark.parametrize("name, case, expected", SURNAME_CASES, ids=[f"{n}-{c}" for n, c, _ in SURNAME_CASES])
def test_surname_in_every_case(name, case, expected):
    assert kk.inflect(name, case) == expected


@pytest.mark.parametrize("forms, case, expected", [
    ({"nom": "Қасым-Жомарт Тоқаев"}, "dat", "Қасым-Жомарт Тоқаевқа"),
    ({"nom": "Қазақстан Республикасының Президенті Қасым-Жомарт Тоқаев"}, "gen",
     "Қазақстан Республикасының Президенті Қасым-Жомарт Тоқаевтың"),
    ({"nom": "Нұрсұлтан Назарбаев"}, "acc", "Нұрсұлтан Назарбаевты"),
    ({"nom": "Ильхам Әлиев"}, "gen", "Ильхам Әлиевтің"),
])
def test_a_person_named_with_an_ev_surname(forms, case, expected):
    assert kk.inflect_person(forms, case, "m") == expected


# 40 abbreviations of international bodies as Kazakh texts write them, with their suffixes in the order of CASES.
ABBREVIATIONS = {
    # Kazakh abbreviations, read by the Kazakh names of their letters (ЕЕ §73: ЕҚЫҰ-ға, ДДСҰ-ға, ТМД-ға, ЕО-ға):
    # the last letter's name decides; a vowel is read as itself, a consonant with ы, К as «ке»
    "БҰҰ": "ның ға ны да дан мен", "ЕҚЫҰ": "ның ға ны да дан мен", "ТМД": "ның ға ны да дан мен",
    "ШЫҰ": "ның ға ны да дан мен", "ҰҚШҰ": "ның ға ны да дан мен", "ЕАЭО": "ның ға ны да дан мен",
    "ДСҰ": "ның ға ны да дан мен", "ДДСҰ": "ның ға ны да дан мен", "ХВҚ": "ның ға ны да дан мен",
    "ЕҚДБ": "ның ға ны да дан мен", "АДБ": "ның ға ны да дан мен", "ИЫҰ": "ның ға ны да дан мен",
    "ЕО": "ның ға ны да дан мен", "АӨСШК": "нің ге ні де ден мен", "ХЕҰ": "ның ға ны да дан мен",
    "ХАЭА": "ның ға ны да дан мен", "ТМҰ": "ның ға ны да дан мен", "ЭЫДҰ": "ның ға ны да дан мен",
    "ХКҰ": "ның ға ны да дан мен", "БҰҰДБ": "ның ға ны да дан мен",
    "ЕЭК": "нің ге ні де ден мен",      # е-э-ке: two vowels of one sound are not said as a word
    # of foreign origin, read as the word they spell (the manual above; ЕЕ §73–74; final д read т, §36)
    "ЮНЕСКО": "ның ға ны да дан мен", "ЮНИСЕФ": "тің ке ті те тен пен", "ЮНЕП": "тің ке ті те тен пен",
    "ЮНКТАД": "тың қа ты та тан пен", "ОПЕК": "тің ке ті те тен пен", "НАТО": "ның ға ны да дан мен",
    "ФАО": "ның ға ны да дан мен", "ЮНИДО": "ның ға ны да дан мен", "ИКАО": "ның ға ны да дан мен",
    "ИФАД": "тың қа ты та тан пен", "МАГАТЭ": "нің ге ні де ден мен", "ЮНИТАР": "дың ға ды да дан мен",
    "ЮНФПА": "ның ға ны да дан мен", "ЭКОСОС": "тың қа ты та тан пен", "ЭСКАТО": "ның ға ны да дан мен",
    "АСЕАН": "ның ға ды да нан мен",
    # exceptions written as data (locales/kk/formulas.yaml read_as_words): ЮНОПС ends in two consonants,
    # ТҮРКСОЙ has a letter only Kazakh has; both are said as words
    "ЮНОПС": "тың қа ты та тан пен", "ТҮРКСОЙ": "дың ға ды да дан мен",
    # mixed, harmony with the last syllable (ЕЕ §75)
    "ЕврАзЭС": "тің ке ті те тен пен",
}
ABBREVIATION_CASES = [(name, case, f"{name}-{suffix}") for name, suffixes in ABBREVIATIONS.items()
                      for case, suffix in zip(CASES, suffixes.split())]


def test_forty_abbreviations():
    assert len(ABBREVIATIONS) == 40


@pytest.mark.parametrize("name, case, expected", ABBREVIATION_CASES,
                         ids=[f"{n}-{c}" for n, c, _ in ABBREVIATION_CASES])
def test_abbreviation_in_every_case(name, case, expected):
    assert kk.inflect(name, case, readings=default_termbase().readings["kk"]) == expected


@pytest.mark.parametrize("text, case, expected, rule", [
    ("ОПЕК", "dat", "ОПЕК-ке", "read «опек»: к voiceless, е front (not ОПЕК-ге, by the letter name «ке»)"),
    ("ЮНИСЕФ", "gen", "ЮНИСЕФ-тің", "read «юнисеф» (not ЮНИСЕФ-ның)"),
    ("ЮНЕП", "loc", "ЮНЕП-те", "read «юнеп» (not ЮНЕП-да)"),
    ("ЮНКТАД", "gen", "ЮНКТАД-тың", "read «юнктад», final д read т (ЕЕ §36; not ЮНКТАД-ның)"),
    ("ЮСАИД", "dat", "ЮСАИД-ке", "the manual's own example"),
    ("МАГАТЭ", "dat", "МАГАТЭ-ге", "the manual's own example"),
    ("Еуроодақ", "gen", "Еуроодақтың", "ЕЕ §75 (a mixed abbreviation written as one word)"),
])
def test_the_rule_without_data(text, case, expected, rule):
    assert kk.inflect(text, case) == expected, rule


def test_data_wins_over_the_rule_both_ways():
    assert kk.inflect("ТҮРКСОЙ", "gen") == "ТҮРКСОЙ-ның"          # by rule: it has Ү, read by letters
    assert kk.inflect("ТҮРКСОЙ", "gen", readings={"ТҮРКСОЙ": "түрксой"}) == "ТҮРКСОЙ-дың"
    assert kk.inflect("ОПЕК", "dat", readings={"ОПЕК": None}) == "ОПЕК-ге"   # read_by_letters


def test_the_grammar_does_not_read_the_termbase():
    """Arrows point down: the grammar gets its data from the caller (issue #23)."""
    import ast
    from pathlib import Path

    import verbale.grammar as grammar

    for module in Path(grammar.__file__).parent.glob("*.py"):
        imported = {getattr(node, "module", None) or "" for node in ast.walk(ast.parse(module.read_text("utf-8")))
                    if isinstance(node, (ast.Import, ast.ImportFrom))}
        imported |= {alias.name for node in ast.walk(ast.parse(module.read_text("utf-8")))
                     if isinstance(node, ast.Import) for alias in node.names}
        assert not any(name.lstrip(".").startswith(("facts", "compose", "verbale.facts", "verbale.compose"))
                       for name in imported), module.name


@pytest.mark.parametrize("text, warning", [
    ("ОПЕК-ге жолдауды", "ОПЕК-ге: ОПЕК is read «опек», so the suffix is -ке (ОПЕК-ке)"),
    ("ЮНИСЕФ-ның өкілі", "ЮНИСЕФ-ның: ЮНИСЕФ is read «юнисеф», so the suffix is -тің (ЮНИСЕФ-тің)"),
    ("ЮНЕП-да", "ЮНЕП-да: ЮНЕП is read «юнеп», so the suffix is -те (ЮНЕП-те)"),
    ("ЮНКТАД-ның", "ЮНКТАД-ның: ЮНКТАД is read «юнктад», so the suffix is -тың (ЮНКТАД-тың)"),
    ("ТМД-ның, АӨСШК-нің, АҚШ-қа, ЕҚЫҰ-ға, ҚазҰУ-дың", None),
])
def test_the_lint_points_out_a_suffix_typed_after_an_abbreviation(text, warning):
    """The cousin of the class: a clerk who types the suffix by hand is told the reading's suffix."""
    from verbale.compose.lint import lint_text

    warnings = [w.split(": ", 1)[1] for w in lint_text("purpose", "kk", text)]
    assert warnings == ([warning] if warning else [])
