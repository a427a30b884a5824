"""An office says how its own abbreviations are read (issue #23): `read_as_words` and `read_by_letters` in its
workspace's termbase/kk/formulas.yaml add to the built-in ones (locales/kk/formulas.yaml), and reach the Kazakh
grammar through the termbase's terms: the grammar never reads the termbase itself."""
from __future__ import annotations

import pytest

from verbale.errors import TermbaseError
from verbale.facts.termbase import LOCALES_DIR, Termbase


def workspace(tmp_path, formulas: str) -> Termbase:
    (tmp_path / "kk").mkdir()
    (tmp_path / "terms.yaml").write_text("opec: {kind: body}\nunitar: {kind: body}\nkaznu: {kind: body}\n",
                                         encoding="utf-8")
    (tmp_path / "kk" / "terms.yaml").write_text(
        "opec: {nom: ОПЕК, short: ОПЕК}\nunitar: {nom: ЮНИТАР, short: ЮНИТАР}\n"
        "kaznu: {nom: Әл-Фараби атындағы университет (ЖЕУ), short: ЖЕУ}\n", encoding="utf-8")
    (tmp_path / "kk" / "formulas.yaml").write_text(formulas, encoding="utf-8")
    return Termbase(roots=[LOCALES_DIR, tmp_path])


# (the workspace's formulas.yaml, key, case, expected, why)
CASES = [
    ("{}", "opec", "dat", "ОПЕК-ке", "by rule: a pronounceable abbreviation of foreign origin is read as a word"),
    ("read_by_letters: [ОПЕК]", "opec", "dat", "ОПЕК-ге", "the office says it is read by its letters: «ке»"),
    ("{}", "unitar", "gen", "ЮНИТАР-дың", "by rule: «юнитар»"),
    ("read_as_words: {ЖЕУ: жеу}", "kaznu", "gen", "Әл-Фараби атындағы университеттің (ЖЕУ)",
     "a bracketed abbreviation does not take the suffix: the head word does"),
]


@pytest.mark.parametrize("formulas, key, case, expected, why", CASES)
def test_an_office_says_how_its_abbreviations_are_read(tmp_path, formulas, key, case, expected, why):
    assert workspace(tmp_path, formulas).term(key, "kk").form(case) == expected, why


def test_the_office_adds_to_the_built_in_readings(tmp_path):
    termbase = workspace(tmp_path, "read_as_words: {ЖЕУ: жеу}\n")
    assert termbase.readings["kk"]["ЖЕУ"] == "жеу"
    assert termbase.readings["kk"]["АҚШ"] == "ақш" and termbase.readings["kk"]["ТҮРКСОЙ"] == "түрксой"
    assert termbase.formulas["kk"]["closing"]["high"] == "жоғары ілтипатын"   # the other formulas stay


@pytest.mark.parametrize("formulas, problem", [
    ("read_as_words: [ОПЕК]", "read_as_words maps an abbreviation to how it is read"),
    ("read_as_words: {ОПЕК: ''}", "read_as_words maps an abbreviation to how it is read"),
    ("read_by_letters: ОПЕК", "read_by_letters is a list of abbreviations"),
])
def test_a_wrong_shape_is_one_located_line(tmp_path, formulas, problem):
    with pytest.raises(TermbaseError) as caught:
        workspace(tmp_path, formulas)
    assert caught.value.problem == problem and caught.value.file.endswith("formulas.yaml")
