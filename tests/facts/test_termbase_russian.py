"""The Russian forms in the termbase are the cases they claim, refereed by pymorphy3 (OpenCorpora dictionary).

The head of each name (its first word, and the first noun when the name starts with an adjective) must have
the claimed case among its readings.
"""
from __future__ import annotations

import datetime as dt

import pytest

from verbale.facts.termbase import Termbase

pymorphy3 = pytest.importorskip("pymorphy3")
MORPH = pymorphy3.MorphAnalyzer()
TERMBASE = Termbase()
CASES = {"nom": "nomn", "gen": "gent", "dat": "datv", "prep": "loct"}
FORMS = [(key, form) for key in sorted(TERMBASE.forms["ru"]) for form in CASES
         if form in TERMBASE.forms["ru"][key] and TERMBASE.kind(key) != "place"]
PLACES = [(key, form) for key in sorted(TERMBASE.forms["ru"]) for form in ("gen", "prep")
          if form in TERMBASE.forms["ru"][key] and TERMBASE.kind(key) == "place"]


def head_words(text: str) -> list[str]:
    """The first word, and the first noun if the first word is an adjective."""
    words = [w.strip("(),") for w in text.split()]
    heads = [words[0]]
    if "ADJF" in MORPH.parse(words[0])[0].tag:
        heads.append(next((w for w in words[1:] if any("NOUN" in p.tag for p in MORPH.parse(w))), words[0]))
    return heads


def has_case(word: str, case: str) -> bool:
    parts = word.split("-")  # государства-члены: both parts agree
    return all(any(case in p.tag for p in MORPH.parse(part)) for part in parts)


@pytest.mark.parametrize("key, form", FORMS)
def test_russian_form_is_the_case_it_claims(key, form):
    text = TERMBASE.term(key, "ru", dt.date(2026, 1, 1)).form(form)
    for word in head_words(text):
        assert has_case(word, CASES[form]), f"{key}.{form}: '{word}' in «{text}» is not {CASES[form]}"


@pytest.mark.parametrize("key, form", PLACES)
def test_russian_city_forms(key, form):
    text = TERMBASE.term(key, "ru", dt.date(2026, 1, 1)).form(form)
    nominative = TERMBASE.term(key, "ru", dt.date(2026, 1, 1)).nom
    if text == nominative:   # indeclinable: Баку, Душанбе, Нью-Дели, Коломбо, Абу-Даби, Алматы
        assert text[-1] in "аеиоуыэюя", f"{key}: «{text}» looks declinable"
        return
    last = text.split()[-1].split("-")[-1]  # Нью-Йорка, Улан-Баторе: the last part declines
    assert has_case(last, CASES[form]), f"{key}.{form}: «{text}»"


def test_the_referee_can_fail():
    assert not has_case("Министерство", "datv")
    assert has_case("Министерству", "datv")
