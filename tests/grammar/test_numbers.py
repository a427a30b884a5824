"""Plurals (CLDR via babel) and ordinals in words and figures."""
from __future__ import annotations

import pytest

from verbale.grammar import en, kk, ru

NB = "\u00a0"
HOURS = {"one": "час", "few": "часа", "many": "часов", "other": "часа"}
PAGES_PREP = {"one": "листе", "few": "листах", "many": "листах", "other": "листа"}


@pytest.mark.parametrize("n, hours, pages", [
    (1, "1 час", "на 1 листе"), (2, "2 часа", "на 2 листах"), (5, "5 часов", "на 5 листах"),
    (11, "11 часов", "на 11 листах"), (21, "21 час", "на 21 листе"), (22, "22 часа", "на 22 листах")])
def test_russian_plurals(n, hours, pages):
    assert ru.count(n, HOURS) == hours.replace(" ", NB)
    assert "на " + ru.count(n, PAGES_PREP) == pages.replace(f"{n} ", f"{n}{NB}")


@pytest.mark.parametrize("n, english", [(1, "1 page"), (2, "2 pages"), (11, "11 pages"), (21, "21 pages")])
def test_english_plurals(n, english):
    assert en.count(n, {"one": "page", "other": "pages"}) == english.replace(" ", NB)


@pytest.mark.parametrize("n", [1, 2, 5, 21])
def test_kazakh_noun_after_a_numeral_stays_singular(n):
    assert kk.count(n, {"one": "бет", "other": "бет"}) == f"{n}{NB}бет"


@pytest.mark.parametrize("n, words, figures", [
    (1, "first", "1st"), (2, "second", "2nd"), (3, "third", "3rd"), (4, "fourth", "4th"), (6, "sixth", "6th"),
    (11, "eleventh", "11th"), (12, "twelfth", "12th"), (13, "thirteenth", "13th"), (21, "twenty-first", "21st"),
    (22, "twenty-second", "22nd"), (101, "one hundred and first", "101st"), (111, "one hundred and eleventh", "111th")])
def test_english_ordinals(n, words, figures):
    assert (en.ordinal(n), en.ordinal_num(n)) == (words, figures)


@pytest.mark.parametrize("n, case, gender, words, figures", [
    (6, None, None, "шестой", "6-й"), (6, "genitive", None, "шестого", "6-го"), (6, None, "f", "шестая", "6-я"),
    (6, "genitive", "f", "шестой", "6-й"), (6, None, "n", "шестое", "6-е"), (3, "genitive", None, "третьего", "3-го"),
    (3, None, None, "третий", "3-й"), (3, None, "f", "третья", "3-я"), (2, "dative", None, "второму", "2-му"),
    (21, None, None, "двадцать первый", "21-й"), (5, "instrumental", None, "пятым", "5-м"),
    (5, "prepositional", "f", "пятой", "5-й"), (4, "accusative", "f", "четвертую", "4-ю"),
    (6, "gen", None, "шестого", "6-го")])
def test_russian_ordinals_agree_in_case_and_gender(n, case, gender, words, figures):
    assert (ru.ordinal(n, case, gender), ru.ordinal_num(n, case, gender)) == (words, figures)


def test_russian_unknown_case_is_a_grammar_error():
    from verbale.errors import GrammarError

    with pytest.raises(GrammarError, match="unknown case 'vocative'"):
        ru.ordinal(6, "vocative")


@pytest.mark.parametrize("n, words", [
    (1, "бірінші"), (2, "екінші"), (3, "үшінші"), (4, "төртінші"), (5, "бесінші"), (6, "алтыншы"), (7, "жетінші"),
    (8, "сегізінші"), (9, "тоғызыншы"), (10, "оныншы"), (11, "он бірінші"), (20, "жиырмасыншы"),
    (30, "отызыншы"), (40, "қырқыншы"), (50, "елуінші"), (60, "алпысыншы"), (70, "жетпісінші"),
    (80, "сексенінші"), (90, "тоқсаныншы"), (100, "жүзінші"), (46, "қырық алтыншы")])
def test_kazakh_ordinals_in_words(n, words):
    assert kk.ordinal(n) == words


@pytest.mark.parametrize("n, figures", [(6, "6-"), (4, "4-"), (21, "21-")])
def test_kazakh_ordinals_in_figures_follow_the_2021_orthography(n, figures):
    """6-кездесу, not the seeds' 6-ші кездесу (common, but not standard)."""
    assert kk.ordinal_num(n) == figures
