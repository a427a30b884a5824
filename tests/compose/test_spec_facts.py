"""NOTE-SPEC §6: dates, periods, refs, amounts and a meeting's end, through to the generated DOCX."""
from __future__ import annotations

import pytest

from conftest import docx_paragraphs
from verbale.cli.generate import main

FACTS = {
    "dates": {"deadline": "2017-05-12"},
    "periods": {"extension": {"from": "2011-08-27", "to": "2016-08-26"}, "fair": {"from": "1934-03-08", "to": "1934-03-18"},
                "validity": {"until": "2015-12-15"}, "since": {"from": "2020-01-01"}},
    "refs": {
        "their-note": {"kind": "note", "number": {"ru": "10663/двбр", "en": "10663/dvbr"}, "date": "2007-12-14"},
        "ministry-note": {"kind": "note", "number": "10756/двбр", "date": "2007-12-14", "of": "mfa-russia"},
        "agreement": {"kind": "agreement", "date": "1994-12-16", "at": "moscow",
                      "title": {"en": "on Cooperation", "ru": "о сотрудничестве", "kk": "Ынтымақтастық туралы"}},
        "resolution": {"kind": "resolution", "number": "70/1", "date": "2015-09-25"},
    },
    "amounts": {"contribution": {"value": 50000, "currency": "USD"}, "fee": {"value": 1, "currency": "EUR"},
                "tenge": {"value": 2500, "currency": "KZT"}},
    "meeting": {"body": "swg", "start": "2018-03-24 11:30", "end": "2018-03-24 13:00", "time_of": "geneva"},
}
TABLE = [  # NOTE-SPEC §6, row by row: fact, en, ru, kk
    ("dates.deadline", "12 May 2017", "12 мая 2017 г.", "2017 жылғы 12 мамыр"),
    ("periods.extension", "from 27 August 2011 to 26 August 2016", "с 27 августа 2011 г. по 26 августа 2016 г.",
     "2011 жылғы 27 тамыздан 2016 жылғы 26 тамызға дейін"),
    ("periods.fair", "from 8 to 18 March 1934", "с 8 по 18 марта 1934 г.", "1934 жылғы 8–18 наурыз аралығында"),
    ("periods.validity", "until 15 December 2015 inclusive", "до 15 декабря 2015 г. включительно",
     "2015 жылғы 15 желтоқсанды қоса алғанға дейін"),   # locales/kk/README.md, «Until … inclusive»
    ("refs.their_note", "Note No. 10663/dvbr of 14 December 2007", "ноту № 10663/двбр от 14 декабря 2007 г.",
     "2007 жылғы 14 желтоқсандағы № 10663/двбр нотасы"),
    ("amounts.contribution", "50,000 US dollars", "50 000 долларов США", "50 000 АҚШ доллары"),
    ("meeting.when", "on 24 March 2018 from 11:30 to 13:00 Geneva time (GMT+1 hour)",
     "24 марта 2018 г. с 11:30 до 13:00 по времени г. Женева (GMT+1 час)",
     "2018 жылғы 24 наурызда Женева қаласының уақытымен (GMT+1 сағат) сағат 11.30-дан 13.00-ке дейін"),
]
MORE = [  # what a clerk writes beside the table: issuers, agreements, resolutions, sums in CLDR plural forms
    ("refs.ministry_note", "the Note of the Ministry of Foreign Affairs of the Russian Federation No. 10756/двбр of "
     "14 December 2007", "ноту Министерства иностранных дел Российской Федерации № 10756/двбр от 14 декабря 2007 г.",
     "Ресей Федерациясының Сыртқы істер министрлігінің 2007 жылғы 14 желтоқсандағы № 10756/двбр нотасы"),
    ("refs.agreement", "the Agreement on Cooperation signed at Moscow on 16 December 1994",
     "Соглашение о сотрудничестве, подписанное в Москве 16 декабря 1994 г.",
     "1994 жылғы 16 желтоқсанда Мәскеуде қол қойылған Ынтымақтастық туралы келісім"),
    ("refs.resolution", "resolution 70/1 of 25 September 2015", "резолюцию 70/1 от 25 сентября 2015 г.",
     "2015 жылғы 25 қыркүйектегі 70/1 қарары"),   # no «№», as en and ru (formulas.yaml kinds.resolution)
    ("periods.since", "from 1 January 2020", "с 1 января 2020 г.", "2020 жылғы 1 қаңтардан бастап"),
    ("amounts.fee", "1 euro", "1 евро", "1 еуро"),
    ("amounts.tenge", "2,500 tenge", "2 500 тенге", "2 500 теңге"),
]
FORMS = [  # (language, expression, expected): attributes and filters of NOTE-SPEC §6
    *[("ru", f"refs.their_note.{case}", f"{noun} № 10663/двбр от 14 декабря 2007 г.") for case, noun in (
        ("nom", "нота"), ("gen", "ноты"), ("dat", "ноте"), ("acc", "ноту"), ("ins", "нотой"), ("prep", "ноте"))],
    *[("ru", f"refs.agreement.{case}", f"{noun} о сотрудничестве, {signed} в Москве 16 декабря 1994 г.")
      for case, noun, signed in (("nom", "Соглашение", "подписанное"), ("gen", "Соглашения", "подписанного"),
                                 ("dat", "Соглашению", "подписанному"), ("acc", "Соглашение", "подписанное"),
                                 ("ins", "Соглашением", "подписанным"), ("prep", "Соглашении", "подписанном"))],
    ("ru", "refs.ministry_note.ins", "нотой Министерства иностранных дел Российской Федерации № 10756/двбр от 14 декабря 2007 г."),
    ("ru", "dates.deadline.gen", "12 мая 2017 г."),
    ("kk", "refs.their_note | dat", "2007 жылғы 14 желтоқсандағы № 10663/двбр нотасына"),
    ("kk", "refs.their_note | acc", "2007 жылғы 14 желтоқсандағы № 10663/двбр нотасын"),
    ("kk", "refs.agreement | gen", "1994 жылғы 16 желтоқсанда Мәскеуде қол қойылған Ынтымақтастық туралы келісімнің"),
    ("kk", "dates.deadline | attr", "2017 жылғы 12 мамырдағы"),
    ("kk", "dates.deadline | abl", "2017 жылғы 12 мамырдан"),
    ("kk", "periods.extension | attr", "2011 жылғы 27 тамыздан 2016 жылғы 26 тамызға дейінгі"),
    ("kk", "periods.fair | loc", "1934 жылғы 8–18 наурызда"),
    # a UN-style resolution has no number label in any language (formulas.yaml refs.kinds.resolution.number_label)
    ("kk", "refs.resolution | dat", "2015 жылғы 25 қыркүйектегі 70/1 қарарына"),
    ("kk", "refs.resolution | gen", "2015 жылғы 25 қыркүйектегі 70/1 қарарының"),
    ("ru", "refs.resolution.gen", "резолюции 70/1 от 25 сентября 2015 г."),
    ("kk", "amounts.contribution | acc", "50 000 АҚШ долларын"),
    ("kk", "amounts.fee | acc", "1 еуроны"),
    ("kk", "meeting.time | abl", "11.30-дан"),
]


def _body(out, lang: str) -> str:
    return " ".join(text for style, text in docx_paragraphs(out / f"note.{lang}.docx") if style == "Note Body")


@pytest.fixture(scope="module")
def facts_note(tmp_path_factory):
    """One note whose texts hold every fact of the table, each in [brackets], generated once."""
    from conftest import spec_yaml

    rows = TABLE + MORE
    purpose = {lang: "send " + " ".join(f"[{{{{ {row[0]} }}}}]" for row in rows) for lang in ("en", "ru", "kk")}
    paragraphs = [{lang: f"[{{{{ {expr} }}}}]" if lang == form_lang else "x" for lang in ("en", "ru", "kk")}
                  for form_lang, expr, _ in FORMS]
    folder = tmp_path_factory.mktemp("facts")
    spec = folder / "note.yaml"
    spec.write_text(spec_yaml(purpose=purpose, paragraphs=paragraphs, date="2018-03-20", **FACTS), encoding="utf-8")
    assert main([str(spec), "-o", str(folder / "out")]) == 0
    return {lang: _body(folder / "out", lang) for lang in ("en", "ru", "kk")}


@pytest.mark.parametrize("fact, english, russian, kazakh", TABLE + MORE, ids=[row[0] for row in TABLE + MORE])
def test_fact_in_every_language(facts_note, fact, english, russian, kazakh):
    for lang, expected in (("en", english), ("ru", russian), ("kk", kazakh)):
        assert f"[{expected}]" in facts_note[lang], lang


@pytest.mark.parametrize("lang, expression, expected", FORMS, ids=[f"{c[0]}:{c[1]}" for c in FORMS])
def test_forms_of_facts(facts_note, lang, expression, expected):
    assert f"[{expected}]" in facts_note[lang]


@pytest.mark.parametrize("changes, english, russian, kazakh", [
    ({}, "presents its compliments to the CICA Member States and, with reference to the Note of the Ministry of Foreign "
         "Affairs of the Russian Federation No. 10756/двбр of 14 December 2007, has the honour to send",
     "свидетельствует свое уважение государствам-членам СВМДА и, ссылаясь на ноту Министерства иностранных дел "
     "Российской Федерации № 10756/двбр от 14 декабря 2007 г., имеет честь направить",
     "АӨСШК мүше мемлекеттеріне өзінің зор ілтипатын білдіре отырып, Ресей Федерациясының Сыртқы істер "
     "министрлігінің 2007 жылғы 14 желтоқсандағы № 10756/двбр нотасына сілтеме жасай отырып, жолдауды өзіне мәртебе санайды."),
    ({"on_behalf_of": "cica-chairmanship", "recipients": []},
     "(CICA), on behalf of the CICA Chairmanship, with reference to the Note of the Ministry",
     "(СВМДА), от имени Председательства СВМДА, ссылаясь на ноту Министерства",
     "Хатшылығы АӨСШК төрағалығы атынан, Ресей Федерациясының"),
], ids=["to recipients", "on behalf, no recipients"])
def test_opening_with_reference_to(tmp_path, write_spec, capsys, changes, english, russian, kazakh):
    """NOTE-SPEC §7 `with_reference_to`: a named piece of the opening formula in each language."""
    spec = write_spec(with_reference_to="ministry-note", refs=FACTS["refs"], meeting=None,
                      purpose={"en": "send", "ru": "направить", "kk": "жолдауды"}, **changes)
    assert main([str(spec), "-o", str(tmp_path / "out")]) == 0, capsys.readouterr().err
    for lang, expected in (("en", english), ("ru", russian), ("kk", kazakh)):
        assert expected in _body(tmp_path / "out", lang), lang


@pytest.mark.parametrize("changes, expected", [
    ({"purpose": {"en": "{{ dates.dedline }}", "ru": "x", "kk": "x"}, "dates": {"deadline": "2017-05-12"}},
     "purpose.en: no dates 'dedline' in the spec (add it under `dates:` (known: deadline))"),
    ({"refs": {"n": {"kind": "note", "number": {"en": "1/dv"}}}},
     "refs.n.number.ru: the ru number is missing"),
    ({"amounts": {"x": {"value": 5, "currency": "XYZ"}}}, "amounts.x: unknown currency 'XYZ'"),
    ({"amounts": {"x": {"value": 5, "currency": "usd"}}}, "amounts.x.currency: "),
    ({"periods": {"p": {"to": "2020-01-01"}}}, "periods.p: a period needs `from` (and `to`), or `until`"),
    ({"periods": {"p": {"from": "2020-01-02", "to": "2020-01-01"}}}, "periods.p: `to` must come after"),
    ({"refs": {"n": {"kind": "note", "of": "mfa-atlantis"}}}, "refs.n.of: unknown termbase key 'mfa-atlantis'"),
    ({"with_reference_to": "nothing"}, "with_reference_to: 'nothing' is not a key of refs:"),
    ({"meeting": {"body": "swg", "start": "2021-09-24 14:00", "end": "2021-09-24 13:00"}}, "`end` must be later"),
    ({"purpose": {"en": "{{ periods.p.gen }}", "ru": "x", "kk": "x"}, "periods": {"p": {"until": "2020-01-01"}}},
     "purpose.en: periods.p has no 'gen' form in en"),
])
def test_bad_facts_are_one_line_each(tmp_path, write_spec, capsys, changes, expected):
    spec = write_spec(**changes)
    assert main([str(spec), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
