"""The Russian names of the kinds of documents a note refers to (locales/ru/formulas.yaml `refs:`), every case,
refereed by pymorphy3's dictionary (OpenCorpora); the participle «подписанный» agrees with each kind's gender."""
from __future__ import annotations

import pytest

from verbale.facts.termbase import default_termbase

pymorphy3 = pytest.importorskip("pymorphy3")
CASES = {"nom": "nomn", "gen": "gent", "dat": "datv", "acc": "accs", "ins": "ablt", "prep": "loct"}
REFS = default_termbase().formulas["ru"]["refs"]


@pytest.fixture(scope="module")
def morph():
    return pymorphy3.MorphAnalyzer()


@pytest.mark.parametrize("kind", sorted(REFS["kinds"]))
def test_kind_in_every_case(morph, kind):
    forms = REFS["kinds"][kind]
    noun = next(p for p in morph.parse(forms["nom"].lower()) if "NOUN" in p.tag and "sing" in p.tag)
    assert noun.tag.gender[0] == forms["gender"]
    for case, tag in CASES.items():
        assert forms[case].lower() == noun.inflect({tag, "sing"}).word, case


@pytest.mark.parametrize("gender", ["f", "n"])
def test_signed_agrees_in_every_case(morph, gender):
    participle = next(p for p in morph.parse("подписанный") if "PRTF" in p.tag)
    for case, tag in CASES.items():
        expected = participle.inflect({tag, "sing", {"f": "femn", "n": "neut"}[gender]}).word
        assert REFS["signed"][gender][case] == expected, case
