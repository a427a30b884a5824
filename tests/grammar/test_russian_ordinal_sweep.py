"""Russian ordinals 1–100 in every case, gender and animacy, refereed by pymorphy3 (OpenCorpora's dictionary).

The referee inflects the nominative masculine ordinal's last word with pymorphy3; only the last word of a
compound ordinal agrees (двадцать первого). ё is written е in notes, so the referee's ё is read as е.
"""
from __future__ import annotations

from functools import lru_cache

import pytest

from verbale.grammar import ru

pymorphy3 = pytest.importorskip("pymorphy3", reason="pymorphy3 referees the Russian forms (pip install .[test])")

CASES = {"nominative": "nomn", "genitive": "gent", "dative": "datv", "accusative": "accs", "instrumental": "ablt",
         "prepositional": "loct"}
GENDERS = {"m": "masc", "f": "femn", "n": "neut"}
ANIMACY = ("inan", "anim")


@lru_cache(maxsize=1)
def morph():
    return pymorphy3.MorphAnalyzer()


def referee(n: int, case: str, gender: str, animacy: str) -> str:
    *head, last = ru.ordinal(n).split()            # the nominative masculine, e.g. «двадцать первый»
    parse = next(p for p in morph().parse(last) if {"ADJF", "Anum"} <= p.tag.grammemes)
    tags = {CASES[case], GENDERS[gender], "sing"}
    if case == "accusative" and gender == "m":
        tags.add(animacy)
    return " ".join(head + [parse.inflect(tags).word.replace("ё", "е")])


def test_the_nominative_masculine_is_pymorphy3s_own_lemma():
    """The referee starts from the engine's nominative: check that one against the dictionary too."""
    for n in range(1, 101):
        last = ru.ordinal(n).split()[-1]
        assert any(p.normal_form.replace("ё", "е") == last and "Anum" in p.tag for p in morph().parse(last)), n


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("gender", list(GENDERS))
@pytest.mark.parametrize("animacy", ANIMACY)
def test_ordinals_1_to_100(case, gender, animacy):
    wrong = [(n, ru.ordinal(n, case, gender, animacy), referee(n, case, gender, animacy)) for n in range(1, 101)
             if ru.ordinal(n, case, gender, animacy) != referee(n, case, gender, animacy)]
    assert wrong == []


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("gender", list(GENDERS))
@pytest.mark.parametrize("animacy", ANIMACY)
def test_ordinals_in_figures_end_as_the_word(case, gender, animacy):
    """6-го, 3-й, 4-ю: the figure takes the word's last letters (one after a vowel, two for -го, -му, -ми)."""
    for n in range(1, 101):
        figures, word = ru.ordinal_num(n, case, gender, animacy), ru.ordinal(n, case, gender, animacy)
        number, ending = figures.split("-")
        assert number == str(n) and word.endswith(ending) and 1 <= len(ending) <= 2, (figures, word)
        assert len(ending) == 2 or word[-2] in "аеиоуыэюяь", (figures, word)  # третье: 3-е
