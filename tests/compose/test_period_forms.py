"""Periods read as time adverbials in every language, `| nom` gives the noun phrase (NOTE-SPEC §6, v3; issue #23).

Each row is rendered through a real note and read back from the DOCX. Rules and sources: locales/kk/README.md
(«Ranges»: «21–23 наурыз аралығында», almaty.tv; «14–23 наурыз аралығында», almaty-akshamy.kz), locales/ru/README.md
(«Typography»: Мильчин, тире между датами), the UN Editorial Manual and New Hart's Rules for the English dash.
"""
from __future__ import annotations

import pytest

from conftest import docx_paragraphs
from verbale.cli.generate import main

PERIODS = {"fair": {"from": "1934-03-08", "to": "1934-03-18"}, "autumn": {"from": "2021-09-30", "to": "2021-10-02"},
           "turn": {"from": "2020-12-28", "to": "2021-01-02"}, "since": {"from": "2020-01-01"},
           "validity": {"until": "2015-12-15"}}
NB = "\u00a0"
# (lang, expression, expected, rule)
FORMS = [
    ("en", "periods.fair", "from 8 to 18 March 1934", "a time adverbial"),
    ("ru", "periods.fair", "с 8 по 18 марта 1934 г.", "a time adverbial"),
    ("kk", "periods.fair", "1934 жылғы 8–18 наурыз аралығында", "§6 v3: a time adverbial, as «21–23 наурыз аралығында»"),
    ("en", "periods.fair | nom", "8–18 March 1934", "§6: the noun phrase"),
    ("ru", "periods.fair | nom", "8–18 марта 1934 г.", "§6: the noun phrase"),
    ("kk", "periods.fair | nom", "1934 жылғы 8–18 наурыз", "§6: the noun phrase"),
    ("ru", "periods.fair.nom", "8–18 марта 1934 г.", "the attribute is the filter"),
    ("kk", "periods.fair | loc", "1934 жылғы 8–18 наурызда", "a case suffix goes on the noun phrase's month"),
    ("kk", "periods.fair | attr", "1934 жылғы 8–18 наурыздағы", "the attributive, built by the same rule"),
    ("kk", "periods.fair | abl", "1934 жылғы 8–18 наурыздан", "a case suffix goes on the noun phrase's month"),
    ("en", "periods.autumn | nom", "30 September – 2 October 2021", "a spaced dash between dates with spaces"),
    ("ru", "periods.autumn | nom", "30 сентября — 2 октября 2021 г.", "Мильчин: a spaced dash between dates"),
    ("kk", "periods.autumn | nom", "2021 жылғы 30 қыркүйек — 2 қазан", "as Russian, the year once"),
    ("kk", "periods.autumn", "2021 жылғы 30 қыркүйектен 2 қазанға дейін", "the ablative and the dative with «дейін»"),
    ("en", "periods.turn | nom", "28 December 2020 – 2 January 2021", "across years: full dates"),
    ("ru", "periods.turn | nom", "28 декабря 2020 г. — 2 января 2021 г.", "across years: full dates"),
    ("kk", "periods.turn | nom", "2020 жылғы 28 желтоқсан — 2021 жылғы 2 қаңтар", "across years: full dates"),
    ("kk", "periods.since", "2020 жылғы 1 қаңтардан бастап", "from a day on: the ablative and «бастап»"),
    ("kk", "periods.validity | attr", "2015 жылғы 15 желтоқсанды қоса алғанға дейінгі", "«дейін» takes -гі"),
    # | this_year on a period of the note's own year (the note is of 23 September 2021): its year written as the
    # formula dates.this_year writes a date's («в период с 30 сентября по 2 октября с.г.», the usage of Russian
    # notes; locales/ru/README.md; «ағымдағы жылғы», locales/kk/README.md); a period of another year as usual
    ("en", "periods.autumn | this_year", "from 30 September to 2 October this year", "§10 | this_year on a period"),
    ("ru", "periods.autumn | this_year", "с 30 сентября по 2 октября с.г.", "«с.г.» as for a date"),
    ("kk", "periods.autumn | this_year", "ағымдағы жылғы 30 қыркүйектен 2 қазанға дейін", "«ағымдағы жылғы»"),
    ("ru", "periods.autumn | nom | this_year", "30 сентября — 2 октября с.г.", "the noun phrase of this year"),
    ("kk", "periods.autumn | nom | this_year", "ағымдағы жылғы 30 қыркүйек — 2 қазан", "the noun phrase"),
    ("ru", "periods.fair | this_year", "с 8 по 18 марта 1934 г.", "another year: as usual"),
    ("kk", "periods.turn | this_year", "2020 жылғы 28 желтоқсаннан 2021 жылғы 2 қаңтарға дейін", "across years"),
]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    from conftest import spec_yaml

    folder = tmp_path_factory.mktemp("periods")
    paragraphs = [{lang: f"[{{{{ {expr} }}}}]" if lang == form_lang else "x" for lang in ("en", "ru", "kk")}
                  for form_lang, expr, _, _ in FORMS]
    (folder / "note.yaml").write_text(spec_yaml(paragraphs=paragraphs, periods=PERIODS), encoding="utf-8")
    assert main([str(folder / "note.yaml"), "-o", str(folder / "out")]) == 0
    return {lang: " ".join(" ".join(text.replace(NB, " ").split()) for style, text in
                           docx_paragraphs(folder / "out" / f"note.{lang}.docx") if style == "Note Body")
            for lang in ("en", "ru", "kk")}


@pytest.mark.parametrize("lang, expression, expected, rule", FORMS, ids=[f"{f[0]}:{f[1]}" for f in FORMS])
def test_period_forms(rendered, lang, expression, expected, rule):
    assert f"[{expected}]" in rendered[lang], rule


@pytest.mark.parametrize("lang, expression, expected", [
    ("kk", "periods.since | attr", "paragraphs[0].kk: periods.since has no 'attr' form in kk: a period from a day on "
     "(«… бастап») has no 'attr' form (write the words around it"),
    ("kk", "periods.since | loc", "periods.since has no 'loc' form in kk"),
    ("kk", "periods.autumn | dat", "periods.autumn has no 'dat' form in kk: a span 'from … to' takes no case suffix"),
    ("en", "periods.since | nom", "paragraphs[0].en: periods.since has no noun phrase in en: a period with one end "
     "only reads as a time adverbial"),
    ("kk", "periods.validity | nom", "periods.validity has no noun phrase in kk"),
])
def test_forms_a_period_does_not_have_are_one_line(tmp_path, write_spec, capsys, lang, expression, expected):
    paragraph = {code: f"{{{{ {expression} }}}}" if code == lang else "x" for code in ("en", "ru", "kk")}
    spec = write_spec(paragraphs=[paragraph], periods=PERIODS)
    assert main([str(spec), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
