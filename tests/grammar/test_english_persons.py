"""Issue #23, English: a person named with a long title puts it after the name; a short title may stand before it;
courtesy titles per entry with a default from gender (locales/en/README.md, «Persons»).

Sources: the UN Editorial Manual (names and titles: «Mr. X, Permanent Representative of …»; the title follows the
name in apposition), New Hart's Rules (titles before a name: «Ambassador Dubois»; Mr, Ms, Dr without a full stop
in British usage), the Chicago Manual of Style 8.21–8.22 (a title in apposition after a name, set off by commas).
"""
from __future__ import annotations

import pytest

from conftest import docx_paragraphs
from verbale.cli.generate import main
from verbale.facts.termbase import person_forms

# (forms, gender, nom, rule)
PERSONS = [
    ({"position": "Counsellor of the Embassy", "name": "Saule Zhaksybekova"}, "f",
     "Ms Saule Zhaksybekova, Counsellor of the Embassy", "a long title after the name; Ms by gender"),
    ({"position": "Ambassador Extraordinary and Plenipotentiary of the French Republic", "name": "Jean Dubois"}, "m",
     "Mr Jean Dubois, Ambassador Extraordinary and Plenipotentiary of the French Republic", "a long title after"),
    ({"position": "Ambassador Extraordinary and Plenipotentiary of the French Republic", "name": "Jean Dubois",
      "courtesy": "H.E."}, "m",
     "H.E. Jean Dubois, Ambassador Extraordinary and Plenipotentiary of the French Republic", "courtesy per entry"),
    ({"position": "Ambassador", "name": "Jean Dubois"}, "m", "Ambassador Jean Dubois",
     "a short title before the name, in place of Mr"),
    ({"position": "Ambassador", "name": "Jean Dubois", "courtesy": "H.E."}, "m", "H.E. Ambassador Jean Dubois",
     "a written courtesy title stays before a short title"),
    ({"position": "Second Secretary", "name": "Aida Bekova", "position_before": True}, "f",
     "Second Secretary Aida Bekova", "position_before: true puts a title of two words before the name"),
    ({"position": "Minister", "name": "Aida Bekova", "position_before": False}, "f", "Ms Aida Bekova, Minister",
     "position_before: false puts a one-word title after the name"),
    ({"name": "Aida Bekova", "courtesy": "Dr"}, "f", "Dr Aida Bekova", "Dr in place of Ms"),
    ({"name": "Aida Bekova", "courtesy": ""}, "f", "Aida Bekova", "an empty courtesy title: none"),
    ({"name": "Aida Bekova"}, "f", "Ms Aida Bekova", "no position: the courtesy title"),
    ({"nom": "The Ambassador of the Republic of Kazakhstan", "name": "Yerlan Asanov"}, "m",
     "The Ambassador of the Republic of Kazakhstan", "a written designation (a sender's) wins"),
]


@pytest.mark.parametrize("forms, gender, nom, rule", PERSONS, ids=[p[2][:30] for p in PERSONS])
def test_an_english_person_is_named_by_title_and_name(forms, gender, nom, rule):
    assert person_forms(forms, "en", gender)["nom"] == nom, rule


def test_russian_and_kazakh_keep_the_position_first():
    forms = {"position": "советник Посольства", "first": "Айгерим", "last": "Сейтказиева"}
    assert person_forms(forms, "ru", "f")["nom"] == "советник Посольства Айгерим Сейтказиева"
    assert person_forms({"position": "Елшіліктің кеңесшісі", "name": "Айгерім Сейтқазиева"}, "kk", "f")["nom"] == (
        "Елшіліктің кеңесшісі Айгерім Сейтқазиева")


# The apposition is closed by a comma where the sentence goes on, and by nothing before a stop or a comma.
SENTENCES = [
    ("inform that {{ terms.counsellor }} has assumed her duties",
     "inform that Ms Saule Zhaksybekova, Counsellor of the Embassy, has assumed her duties"),
    ("introduce {{ terms.counsellor }}.", "introduce Ms Saule Zhaksybekova, Counsellor of the Embassy."),
    ("introduce {{ terms.counsellor }}, who arrives", "introduce Ms Saule Zhaksybekova, Counsellor of the Embassy, who"),
    ("introduce {{ terms.counsellor }} (from 1 May)",
     "introduce Ms Saule Zhaksybekova, Counsellor of the Embassy (from 1 May)"),   # a bracket: the clerk's call
    ("thank {{ terms.ambassador }} for", "thank Ambassador Jean Dubois for"),
    ("thank {{ terms.counsellor.name }} for", "thank Saule Zhaksybekova for"),
]


@pytest.mark.parametrize("text, expected", SENTENCES, ids=[s[0][-30:] for s in SENTENCES])
def test_the_apposition_in_a_note(tmp_path, text, expected):
    root = tmp_path / "office"
    (root / "termbase" / "en").mkdir(parents=True)
    (root / "verbale.yaml").write_text("languages: [en]\n", encoding="utf-8")
    (root / "termbase" / "terms.yaml").write_text(
        "counsellor: {kind: person, gender: f}\nambassador: {kind: person, gender: m}\n", encoding="utf-8")
    (root / "termbase" / "en" / "terms.yaml").write_text(
        "counsellor: {position: Counsellor of the Embassy, name: Saule Zhaksybekova}\n"
        "ambassador: {position: Ambassador, name: Jean Dubois}\n", encoding="utf-8")
    from conftest import spec_yaml

    (root / "note.yaml").write_text(spec_yaml(languages=["en"], meeting=None, purpose={"en": text}), encoding="utf-8")
    assert main([str(root / "note.yaml"), "-o", str(tmp_path / "out")]) == 0
    body = " ".join(t for style, t in docx_paragraphs(tmp_path / "out" / "note.en.docx") if style == "Note Body")
    assert expected in body.replace("\u00a0", " ")
