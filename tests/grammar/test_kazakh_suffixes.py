"""The Kazakh suffix engine: vowel harmony and the last sound as pronounced, every case."""
from __future__ import annotations

import pytest

from verbale.grammar import kk

# word -> genitive, dative, locative, ablative, accusative, instrumental
WORDS = [
    ("Астана", "Астананың", "Астанаға", "Астанада", "Астанадан", "Астананы", "Астанамен"),
    ("Алматы", "Алматының", "Алматыға", "Алматыда", "Алматыдан", "Алматыны", "Алматымен"),
    ("Қазақстан", "Қазақстанның", "Қазақстанға", "Қазақстанда", "Қазақстаннан", "Қазақстанды", "Қазақстанмен"),
    ("мектеп", "мектептің", "мектепке", "мектепте", "мектептен", "мектепті", "мектеппен"),
    ("қыз", "қыздың", "қызға", "қызда", "қыздан", "қызды", "қызбен"),
    ("ел", "елдің", "елге", "елде", "елден", "елді", "елмен"),
    ("кітап", "кітаптың", "кітапқа", "кітапта", "кітаптан", "кітапты", "кітаппен"),
    ("көл", "көлдің", "көлге", "көлде", "көлден", "көлді", "көлмен"),
    ("Вена", "Венаның", "Венаға", "Венада", "Венадан", "Венаны", "Венамен"),
    ("Брюссель", "Брюссельдің", "Брюссельге", "Брюссельде", "Брюссельден", "Брюссельді", "Брюссельмен"),
    ("Нью-Йорк", "Нью-Йорктің", "Нью-Йоркке", "Нью-Йоркте", "Нью-Йорктен", "Нью-Йоркті", "Нью-Йоркпен"),
    ("су", "судың", "суға", "суда", "судан", "суды", "сумен"),
    ("Бейжің", "Бейжіңнің", "Бейжіңге", "Бейжіңде", "Бейжіңнен", "Бейжіңді", "Бейжіңмен"),
]
CASES = ["gen", "dat", "loc", "abl", "acc", "ins"]


@pytest.mark.parametrize("word, case, expected",
                         [(w[0], case, form) for w in WORDS for case, form in zip(CASES, w[1:])])
def test_case_suffix(word, case, expected):
    assert kk.inflect(word, case) == expected


@pytest.mark.parametrize("text, case, expected", [
    ("АӨСШК мүше мемлекеттері", "dat", "АӨСШК мүше мемлекеттеріне"),
    ("Арнаулы жұмыс тобы (АЖТ)", "gen", "Арнаулы жұмыс тобының (АЖТ)"),
    ("Арнаулы жұмыс тобы (АЖТ)", "loc", "Арнаулы жұмыс тобында (АЖТ)"),
    ("Арнаулы жұмыс тобы (АЖТ)", "acc", "Арнаулы жұмыс тобын (АЖТ)"),
    ("Хатшылығы", "dat", "Хатшылығына"),
    ("Хатшылығы", "abl", "Хатшылығынан"),
])
def test_possessive_takes_the_pronominal_n(text, case, expected):
    assert kk.inflect(text, case, possessive=True) == expected


@pytest.mark.parametrize("time, expected, read_as", [
    ("14.00", "14.00-те", "он төрт"),   # one seed writes 14.00-де; «төрт» takes -те, the rule decides
    ("10.00", "10.00-да", "он"),
    ("12.00", "12.00-де", "он екі"),
    ("10.15", "10.15-те", "он бес"),
    ("11.20", "11.20-да", "жиырма"),
    ("12.40", "12.40-та", "қырық"),
    ("16.05", "16.05-те", "бес"),
    ("09.30", "09.30-да", "отыз"),
])
def test_time_takes_the_suffix_of_its_last_word_read_aloud(time, expected, read_as):
    assert kk.spoken(time) == read_as.split()[-1]
    assert kk.inflect(time, "loc") == expected


@pytest.mark.parametrize("number, case, expected", [
    ("2021", "loc", "2021-де"), ("6", "dat", "6-ға"), ("40", "loc", "40-та"), ("5", "gen", "5-тің"),
    ("10", "abl", "10-нан"), ("2", "acc", "2-ні"), ("100", "dat", "100-ге"), ("0", "loc", "0-де")])
def test_numbers_in_figures(number, case, expected):
    assert kk.inflect(number, case) == expected


def test_unknown_case_is_a_grammar_error():
    from verbale.errors import GrammarError

    with pytest.raises(GrammarError, match="unknown case 'vocative'"):
        kk.inflect("Астана", "vocative")
