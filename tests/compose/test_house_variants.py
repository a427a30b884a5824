"""Formula variants and house conventions (NOTE-SPEC §7), element by element, in every language.

Each row: the spec's changes, the language, the element, its expected text (no-break spaces read as spaces,
lines joined by " / "; None: the element is left out), and the rule with its source.  Sources are cited in
locales/ru/README.md, locales/kk/README.md and README.md (house conventions).
"""
from __future__ import annotations

import pytest

from verbale.compose.note import render_note
from verbale.facts.spec import NoteSpec

BASE = {"number": "17-1/900", "date": "2021-09-23", "place": "astana", "sender": "cica-secretariat",
        "recipients": ["cica-member-states"],
        "purpose": {"en": "forward a document", "ru": "препроводить документ", "kk": "құжатты жолдауды"}}
PLAIN = {"opening": "plain", "purpose": {"en": "refers to the Agreement", "ru": "ссылается на Соглашение",
                                         "kk": "Келісімге сілтеме жасайды"}}
EN_SENDER = "The Secretariat of the Conference on Interaction and Confidence Building Measures in Asia (CICA)"
RU_SENDER = "Секретариат Совещания по взаимодействию и мерам доверия в Азии (СВМДА)"
KK_SENDER = "Азиядағы өзара іс-қимыл және сенім шаралары кеңесінің (АӨСШК) Хатшылығы"
US_HOUSE = {"house": {"number_label": {"en": "No."}, "place_date": "top", "date_order": "month-day",
                      "spelling": "en-US"}}
RU_MINISTRY = {"house": {"year_word": "long", "number_suffix": {"ru": "/дса"}, "date_line": "date-only"}}

CASES = [
    # opening: honour (default, the seeds) | plain (the purpose carries its own verb)
    ({}, "en", "opening", f"{EN_SENDER} presents its compliments to the CICA Member States and has the honour to "
                          "forward a document.", "v1 formula, seeds 000 and 002"),
    ({}, "ru", "opening", f"{RU_SENDER} свидетельствует свое уважение государствам-членам СВМДА и имеет честь "
                          "препроводить документ.", "v1 formula, seeds 000 and 002"),
    ({}, "kk", "opening", f"{KK_SENDER} АӨСШК мүше мемлекеттеріне өзінің зор ілтипатын білдіре отырып, құжатты "
                          "жолдауды өзіне мәртебе санайды.", "v1 formula, seeds 000 and 002"),
    (PLAIN, "en", "opening", f"{EN_SENDER} presents its compliments to the CICA Member States and refers to the "
                             "Agreement.", "opening: plain, NOTE-SPEC §7"),
    (PLAIN, "ru", "opening", f"{RU_SENDER} свидетельствует свое уважение государствам-членам СВМДА и ссылается на "
                             "Соглашение.", "opening: plain, NOTE-SPEC §7"),
    (PLAIN, "kk", "opening", f"{KK_SENDER} АӨСШК мүше мемлекеттеріне өзінің зор ілтипатын білдіре отырып, "
                             "Келісімге сілтеме жасайды.", "opening: plain: the Kazakh purpose ends with its verb"),
    # compliments: false, with the recipients still addressed and still owed a closing
    ({"compliments": False}, "en", "opening", f"{EN_SENDER} has the honour to forward a document.", "§7"),
    ({"compliments": False}, "ru", "opening", f"{RU_SENDER} имеет честь препроводить документ.", "§7"),
    ({"compliments": False}, "kk", "opening", f"{KK_SENDER} құжатты жолдауды өзіне мәртебе санайды.", "§7"),
    ({"compliments": False}, "en", "addressee", "MEMBER STATES / OF THE CONFERENCE ON INTERACTION AND / "
                                                "CONFIDENCE BUILDING MEASURES IN ASIA", "independent of compliments"),
    ({"compliments": False}, "ru", "closing", "Секретариат пользуется случаем, чтобы возобновить государствам-членам "
                                              "СВМДА уверения в своем весьма высоком уважении.", "independent"),
    # closing: highest (default) | high | none
    ({}, "en", "closing", "The Secretariat avails itself of this opportunity to renew to the CICA Member States the "
                          "assurances of its highest consideration.", "seeds"),
    ({}, "ru", "closing", "Секретариат пользуется случаем, чтобы возобновить государствам-членам СВМДА уверения в "
                          "своем весьма высоком уважении.", "seeds; Молочков, образец вербальной ноты"),
    ({}, "kk", "closing", "Хатшылық осы мүмкіндікті пайдалана отырып, АӨСШК мүше мемлекеттеріне өзінің зор "
                          "ілтипатын тағы да растайды.", "seeds"),
    ({"closing": "high"}, "en", "closing", "The Secretariat avails itself of this opportunity to renew to the CICA "
                                           "Member States the assurances of its high consideration.", "§7"),
    ({"closing": "high"}, "ru", "closing", "Секретариат пользуется случаем, чтобы возобновить государствам-членам "
                                           "СВМДА уверения в своем высоком уважении.", "locales/ru/README.md"),
    ({"closing": "high"}, "kk", "closing", "Хатшылық осы мүмкіндікті пайдалана отырып, АӨСШК мүше мемлекеттеріне "
                                           "өзінің жоғары ілтипатын тағы да растайды.", "locales/kk/README.md"),
    ({"closing": "none"}, "en", "closing", None, "US practice omits the closing (locales/ru/README.md)"),
    ({"closing": "none"}, "ru", "closing", None, "§7"),
    ({"closing": "none"}, "kk", "closing", None, "§7"),
    ({"closing": "none"}, "kk", "addressee", "АЗИЯДАҒЫ ӨЗАРА ІС-ҚИМЫЛ ЖӘНЕ / СЕНІМ ШАРАЛАРЫ КЕҢЕСІНІҢ МҮШЕ / "
                                             "МЕМЛЕКЕТТЕРІ", "the addressee stays"),
    # recipients: [] keeps its v1 meaning: no compliments, no closing, no addressee
    ({"recipients": []}, "en", "opening", f"{EN_SENDER} has the honour to forward a document.", "seed 003"),
    ({"recipients": []}, "ru", "closing", None, "v1"),
    ({"recipients": []}, "kk", "addressee", None, "v1"),
    # number: none
    ({"number": "none"}, "en", "number", None, "§7"),
    ({"number": "none"}, "ru", "number", None, "§7"),
    ({"number": "none"}, "kk", "number", None, "§7"),
    # number label and suffix
    ({}, "en", "number", "№ 17-1/900", "v1 default: № in every language"),
    (US_HOUSE, "en", "number", "No. 17-1/900", "house number_label"),
    (US_HOUSE, "ru", "number", "№ 17-1/900", "a label set for English only leaves the others at №"),
    ({"house": {"number_label": "N"}}, "kk", "number", "N 17-1/900", "one label for every language"),
    (RU_MINISTRY, "ru", "number", "№ 17-1/900/дса", "house number_suffix (a Russian department's index)"),
    (RU_MINISTRY, "en", "number", "№ 17-1/900", "a suffix set for Russian only"),
    # spelling: en-US writes "honor"; other languages have no spelling variant
    (US_HOUSE, "en", "opening", f"{EN_SENDER} presents its compliments to the CICA Member States and has the honor "
                                "to forward a document.", "5 FAH-1 H-610 (US notes)"),
    ({**US_HOUSE, **PLAIN}, "en", "opening", f"{EN_SENDER} presents its compliments to the CICA Member States and "
                                             "refers to the Agreement.", "plain has no honour to spell"),
    (US_HOUSE, "ru", "opening", f"{RU_SENDER} свидетельствует свое уважение государствам-членам СВМДА и имеет честь "
                                "препроводить документ.", "spelling is English only"),
    # date order, year word, the place-and-date line
    ({}, "en", "place-date", "Nur-Sultan, 23 September 2021", "v1"),
    ({}, "ru", "place-date", "город Нур-Султан, 23 сентября 2021 г.", "v1"),
    ({}, "kk", "place-date", "Нұр-Сұлтан қаласы, 2021 жылғы 23 қыркүйек", "v1"),
    (US_HOUSE, "en", "place-date", "Nur-Sultan, September 23, 2021", "date_order: month-day (CLDR en_US)"),
    (US_HOUSE, "kk", "place-date", "Нұр-Сұлтан қаласы, 2021 жылғы 23 қыркүйек", "Kazakh has one order"),
    (RU_MINISTRY, "ru", "place-date", "23 сентября 2021 года", "year_word: long; date_line: date-only"),
    (RU_MINISTRY, "en", "place-date", "23 September 2021", "date-only in every language; English has no year word"),
    (RU_MINISTRY, "kk", "place-date", "2021 жылғы 23 қыркүйек", "date-only; Kazakh ignores year_word"),
    ({"house": {"year_word": "long"}}, "ru", "place-date", "город Нур-Султан, 23 сентября 2021 года", "year_word"),
]


def _text(element) -> str | None:
    return None if element is None else " / ".join(element.lines).replace("\u00a0", " ")


@pytest.mark.parametrize("changes, lang, name, expected, rule", CASES,
                         ids=[f"{i}-{c[1]}-{c[2]}" for i, c in enumerate(CASES)])
def test_variant(changes, lang, name, expected, rule):
    note = render_note(NoteSpec.model_validate({**BASE, **changes}), lang)
    assert _text(note.element(name)) == expected, rule


@pytest.mark.parametrize("changes, order", [
    ({}, ["letterhead", "number", "opening", "closing", "place-date", "addressee"]),
    (US_HOUSE, ["letterhead", "number", "place-date", "opening", "closing", "addressee"]),
    ({**US_HOUSE, "number": "none"}, ["letterhead", "place-date", "opening", "closing", "addressee"]),
    ({"house": {"place_date": "top"}, "urgency": "urgent"},
     ["letterhead", "number", "place-date", "urgency", "opening", "closing", "addressee"]),
])
def test_place_date_position(changes, order):
    """place_date: top puts the line under the number line (NOTE-SPEC §7), in the layout note.j2."""
    for lang in ("en", "ru", "kk"):
        note = render_note(NoteSpec.model_validate({**BASE, **changes}), lang)
        assert [e.name for e in note.elements] == order
        at_top = order.index("place-date") < order.index("opening")
        assert note.element("place-date").style == ("PlaceDateTop" if at_top else "PlaceDate")


@pytest.mark.parametrize("changes, lang, title, proofing", [
    ({}, "en", "Note verbale № 17-1/900", "en-GB"),
    (US_HOUSE, "en", "Note verbale No. 17-1/900", "en-US"),
    (US_HOUSE, "ru", "Вербальная нота № 17-1/900", None),
    ({"number": "none"}, "kk", "Вербалдық нота", None),
])
def test_title_and_proofing(changes, lang, title, proofing):
    note = render_note(NoteSpec.model_validate({**BASE, **changes}), lang)
    assert (note.title.replace("\u00a0", " "), note.proofing) == (title, proofing)
