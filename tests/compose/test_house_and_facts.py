"""House conventions (NOTE-SPEC §7) and facts (§6) together: the facts follow the house's date conventions, and
the reference of `with_reference_to` sits in every opening variant."""
from __future__ import annotations

import pytest

from conftest import docx_paragraphs
from verbale.cli.generate import main

SPEC = """\
number: 5
date: 2017-05-02
place: astana
sender: cica-secretariat
recipients: [cica-member-states]
house: {date_order: month-day, year_word: long, spelling: en-US}
opening: plain
with_reference_to: their-note
refs:
  their-note: {kind: note, number: 10663/dvbr, date: 2007-12-14}
periods:
  fair: {from: 2017-05-02, to: 2017-05-05}
purpose:
  en: "informs that the fair is open {{ periods.fair }}"
  ru: "сообщает, что ярмарка открыта {{ periods.fair }}"
  kk: "жәрмеңке {{ periods.fair }} ашық екенін хабарлайды"
"""

OPENINGS = {  # rule: house date_order / year_word apply to facts (§6, last rows); the ref in its case (§7)
    "en": "The Secretariat of the Conference on Interaction and Confidence Building Measures in Asia (CICA) presents "
          "its compliments to the CICA Member States and, with reference to Note No. 10663/dvbr of December 14, 2007, "
          "informs that the fair is open from May 2 to 5, 2017.",
    "ru": "Секретариат Совещания по взаимодействию и мерам доверия в Азии (СВМДА) свидетельствует свое уважение "
          "государствам-членам СВМДА и, ссылаясь на ноту № 10663/dvbr от 14 декабря 2007 года, сообщает, что ярмарка "
          "открыта со 2 по 5 мая 2017 года.",
    "kk": "Азиядағы өзара іс-қимыл және сенім шаралары кеңесінің (АӨСШК) Хатшылығы АӨСШК мүше мемлекеттеріне өзінің "
          "зор ілтипатын білдіре отырып, 2007 жылғы 14 желтоқсандағы № 10663/dvbr нотасына сілтеме жасай отырып, "
          "жәрмеңке 2017 жылғы 2–5 мамыр аралығында ашық екенін хабарлайды.",   # §6 v3: a time adverbial
}


@pytest.mark.parametrize("lang", OPENINGS)
def test_facts_follow_the_house_and_the_reference_fits_a_plain_opening(tmp_path, lang):
    spec = tmp_path / "note.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    assert main([str(spec), "-o", str(tmp_path / "out")]) == 0
    paragraphs = [text for _, text in docx_paragraphs(tmp_path / "out" / f"note.{lang}.docx")]
    assert OPENINGS[lang] in paragraphs


def test_the_reference_without_compliments(tmp_path):
    spec = tmp_path / "note.yaml"
    spec.write_text(SPEC.replace("opening: plain\n", "compliments: false\n"), encoding="utf-8")
    assert main([str(spec), "-o", str(tmp_path / "out")]) == 0
    paragraphs = [text for _, text in docx_paragraphs(tmp_path / "out" / "note.en.docx")]
    assert ("The Secretariat of the Conference on Interaction and Confidence Building Measures in Asia (CICA), with "
            "reference to Note No. 10663/dvbr of December 14, 2007, has the honor to informs that the fair is open "
            "from May 2 to 5, 2017.") in paragraphs


@pytest.mark.parametrize("house, english", [
    # rule: currency names follow the house's English spelling, by CLDR's names of that English (en_GB
    # "roubles", en_US "rubles"); the sum's other words do not change, nor the Russian and Kazakh names
    ({}, "2 Russian roubles and 1,500.50 Russian roubles and 1 Russian rouble"),
    ({"spelling": "en-GB"}, "2 Russian roubles and 1,500.50 Russian roubles and 1 Russian rouble"),
    ({"spelling": "en-US"}, "2 Russian rubles and 1,500.50 Russian rubles and 1 Russian ruble"),
])
def test_currency_names_follow_the_house_spelling(tmp_path, write_spec, capsys, house, english):
    amounts = {"two": {"value": 2, "currency": "RUB"}, "sum": {"value": 1500.50, "currency": "RUB"},
               "one": {"value": 1, "currency": "RUB"}}
    uses = "[{{ amounts.two }} and {{ amounts.sum }} and {{ amounts.one }}]"
    spec = write_spec(house=house or None, amounts=amounts, meeting=None,
                      purpose={"en": f"pay {uses}", "ru": f"оплатить {uses}", "kk": f"{uses} төлеуді"})
    assert main([str(spec), "-o", str(tmp_path / "out")]) == 0, capsys.readouterr().err
    expected = {"en": english, "ru": "2 российских рубля and 1 500,50 российского рубля and 1 российский рубль",
                "kk": "2 Ресей рублі and 1 500,50 Ресей рублі and 1 Ресей рублі"}
    for lang, text in expected.items():
        paragraphs = [text for _, text in docx_paragraphs(tmp_path / "out" / f"note.{lang}.docx")]
        assert any(f"[{text}]" in paragraph for paragraph in paragraphs), (lang, paragraphs)
