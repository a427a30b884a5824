"""A ref's title that the clerk wrote with the kind's word (NOTE-SPEC §6, `refs:` of kind agreement).

Rule: the formula writes the kind's word in its case («Соглашением», «келісімге»), so a title that begins (en, ru)
or ends (kk) with that word loses it — the word stands once, in the case the sentence needs.  Where the word sits
is the formulas' `refs.kind_in_title` (locales/<lang>/formulas.yaml: the Kazakh head noun ends its phrase).
"""
from __future__ import annotations

import re

import pytest

from conftest import docx_paragraphs
from verbale.cli.generate import main

TITLES = {
    "with-kind": {"en": "Agreement on Cooperation", "ru": "Соглашение о сотрудничестве",
                  "kk": "Ынтымақтастық туралы келісім"},
    "without-kind": {"en": "on Cooperation", "ru": "о сотрудничестве", "kk": "Ынтымақтастық туралы"},
    "lower-case": {"en": "agreement on Cooperation", "ru": "соглашение о сотрудничестве",
                   "kk": "Ынтымақтастық туралы Келісім"},
}
USES = {"en": "{{ refs.a }}", "ru": "{{ refs.a.ins }}|{{ refs.a.gen }}|{{ refs.a }}", "kk": "{{ refs.a | dat }}|{{ refs.a }}"}
EXPECTED = {
    "en": ["the Agreement on Cooperation of 16 December 1994"],
    "ru": ["Соглашением о сотрудничестве от 16 декабря 1994 г.", "Соглашения о сотрудничестве от 16 декабря 1994 г.",
           "Соглашение о сотрудничестве от 16 декабря 1994 г."],
    "kk": ["1994 жылғы 16 желтоқсандағы Ынтымақтастық туралы келісімге",
           "1994 жылғы 16 желтоқсандағы Ынтымақтастық туралы келісім"],
}


@pytest.mark.parametrize("title", TITLES, ids=list(TITLES))
def test_the_kind_word_stands_once_in_its_case(tmp_path, write_spec, capsys, title):
    refs = {"a": {"kind": "agreement", "date": "1994-12-16", "title": TITLES[title]}}
    spec = write_spec(refs=refs, meeting=None, purpose={lang: f"refer to [{use}]" for lang, use in USES.items()})
    assert main([str(spec), "-o", str(tmp_path / "out")]) == 0, capsys.readouterr().err
    for lang, expected in EXPECTED.items():
        body = " ".join(text for style, text in docx_paragraphs(tmp_path / "out" / f"note.{lang}.docx")
                        if style == "Note Body")
        assert re.search(r"\[(.*?)\]", body).group(1).split("|") == expected, lang
