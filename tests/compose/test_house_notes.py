"""Two offices' houses, end to end (NOTE-SPEC §7): every line of the DOCX checked.

- a US-style house: `No.`, month-day dates, "honor", the date at the top (5 FAH-1 H-610), set on the sender's
  termbase entry;
- a Russian-ministry house: «года», numbers ending in the department's index `/дса`, the date without a place
  line, and the closing an embassy is owed (`closing: high` on the recipient's entry);
- a circular whose recipients are owed different closings.
The termbase is the built-in one plus a few entries written here, as an office's workspace would add them.
"""
from __future__ import annotations

import shutil
import zipfile

import pytest
import yaml

from conftest import docx_paragraphs
from verbale.build import build, write_outputs
from verbale.errors import NoteError
from verbale.facts.termbase import LOCALES_DIR, Termbase

NEUTRAL = {
    "us-embassy": {"kind": "sender", "house": {"number_label": {"en": "No."}, "place_date": "top",
                                               "date_order": "month-day", "spelling": "en-US"}},
    "ru-mfa": {"kind": "sender", "house": {"year_word": "long", "number_suffix": {"ru": "/дса"},
                                           "date_line": "date-only"}},
    "kz-embassy-moscow": {"kind": "recipient", "closing": "high"},
}
FORMS = {
    "en": {"us-embassy": {"nom": "The Embassy of the United States of America", "short": "The Embassy",
                          "letterhead": ["EMBASSY OF THE UNITED STATES OF AMERICA"]},
           "ru-mfa": {"nom": "The Ministry of Foreign Affairs of the Russian Federation", "short": "The Ministry",
                      "letterhead": ["MINISTRY OF FOREIGN AFFAIRS OF THE RUSSIAN FEDERATION"]},
           "kz-embassy-moscow": {"nom": "the Embassy of the Republic of Kazakhstan",
                                 "address": ["EMBASSY OF THE REPUBLIC OF KAZAKHSTAN", "MOSCOW"]}},
    "ru": {"us-embassy": {"nom": "Посольство Соединенных Штатов Америки", "short": "Посольство",
                          "letterhead": ["ПОСОЛЬСТВО СОЕДИНЕННЫХ ШТАТОВ АМЕРИКИ"]},
           "ru-mfa": {"nom": "Министерство иностранных дел Российской Федерации", "short": "Министерство",
                      "letterhead": ["МИНИСТЕРСТВО ИНОСТРАННЫХ ДЕЛ", "РОССИЙСКОЙ ФЕДЕРАЦИИ"]},
           "kz-embassy-moscow": {"nom": "Посольство Республики Казахстан", "dat": "Посольству Республики Казахстан",
                                 "address": ["ПОСОЛЬСТВО РЕСПУБЛИКИ КАЗАХСТАН", "г. МОСКВА"]}},
    "kk": {"us-embassy": {"nom": "Америка Құрама Штаттарының Елшілігі", "short": "Елшілік", "possessive": True,
                          "letterhead": ["АМЕРИКА ҚҰРАМА ШТАТТАРЫНЫҢ ЕЛШІЛІГІ"]},
           "ru-mfa": {"nom": "Ресей Федерациясының Сыртқы істер министрлігі", "short": "Министрлік",
                      "possessive": True, "letterhead": ["РЕСЕЙ ФЕДЕРАЦИЯСЫНЫҢ СЫРТҚЫ ІСТЕР МИНИСТРЛІГІ"]},
           "kz-embassy-moscow": {"nom": "Қазақстан Республикасының Елшілігі", "possessive": True,
                                 "address": ["ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ ЕЛШІЛІГІ", "МӘСКЕУ"]}},
}


@pytest.fixture(scope="module")
def termbase(tmp_path_factory) -> Termbase:
    root = tmp_path_factory.mktemp("termbase") / "locales"
    shutil.copytree(LOCALES_DIR, root)
    (root / "office.yaml").write_text(yaml.safe_dump(NEUTRAL, allow_unicode=True), encoding="utf-8")
    for lang, forms in FORMS.items():
        (root / lang / "office.yaml").write_text(yaml.safe_dump(forms, allow_unicode=True), encoding="utf-8")
    return Termbase(root)


def _build(tmp_path, termbase, text: str):
    spec = tmp_path / "note.yaml"
    spec.write_text(text, encoding="utf-8")
    built = build(spec, termbase)
    write_outputs(built, tmp_path / "out")
    return built, tmp_path / "out"


US_SPEC = """\
number: "0457"  # quoted: YAML reads a bare 0457 as the octal 303
date: 2023-06-15
place: astana
sender: us-embassy
recipients: [mfa-kazakhstan]
languages: [en]
purpose:
  en: inform the Ministry that the Embassy will be closed on July 4, 2023, in honor of Independence Day
"""


def test_us_style_house(tmp_path, termbase):
    built, out = _build(tmp_path, termbase, US_SPEC)
    assert docx_paragraphs(out / "note.en.docx") == [
        ("Note Letterhead", "EMBASSY OF THE UNITED STATES OF AMERICA"),
        ("Note Number", "No. 0457"),
        ("Note PlaceDateTop", "Astana, June 15, 2023"),
        ("Note Body", "The Embassy of the United States of America presents its compliments to the Ministry of "
                      "Foreign Affairs of the Republic of Kazakhstan and has the honor to inform the Ministry that "
                      "the Embassy will be closed on July 4, 2023, in honor of Independence Day."),
        ("Note Body", "The Embassy avails itself of this opportunity to renew to the Ministry of Foreign Affairs of "
                      "the Republic of Kazakhstan the assurances of its highest consideration."),
        ("Note Addressee", "MINISTRY OF FOREIGN AFFAIRS OF THE REPUBLIC OF KAZAKHSTAN ASTANA"),
    ]
    with zipfile.ZipFile(out / "note.en.docx") as package:
        document = package.read("word/document.xml").decode()
        styles = package.read("word/styles.xml").decode()
        core = package.read("docProps/core.xml").decode()
    # the document's default language (styles.xml) is the house's; no run says otherwise
    assert 'w:lang w:val="en-US"' in styles and "en-GB" not in styles + document
    assert "<dc:language>en-US</dc:language>" in core and "<dc:title>Note verbale No.\u00a00457</dc:title>" in core
    assert built.lint == [], "'honor' in an en-US house is its spelling, not a slip"
    review = [text for _, text in docx_paragraphs(out / "note.review.docx")]
    assert review[review.index("House conventions") + 1:] == [
        "number label: en No.", "place and date: at the top, under the number line",
        "English dates: month-day (September 23, 2021)", 'English spelling: en-US ("honor"; proofing en-US)']


def test_honour_in_an_en_us_house_is_pointed_out(tmp_path, termbase):
    built, _ = _build(tmp_path, termbase, US_SPEC.replace("in honor of", "in honour of"))
    assert [line.split(": ", 1)[1] for line in built.lint] == [
        "purpose.en: honour: the house spells en-US: honor"]


RU_SPEC = """\
number: 10663
date: 2005-12-15
place: moscow
sender: ru-mfa
recipients: [kz-embassy-moscow]
languages: [ru]
purpose:
  ru: сообщить, что консультации состоятся 20 декабря 2005 года в Москве
"""


def test_russian_ministry_house(tmp_path, termbase):
    built, out = _build(tmp_path, termbase, RU_SPEC)
    assert docx_paragraphs(out / "note.ru.docx") == [
        ("Note Letterhead", "МИНИСТЕРСТВО ИНОСТРАННЫХ ДЕЛ РОССИЙСКОЙ ФЕДЕРАЦИИ"),
        ("Note Number", "№ 10663/дса"),
        ("Note Body", "Министерство иностранных дел Российской Федерации свидетельствует свое уважение Посольству "
                      "Республики Казахстан и имеет честь сообщить, что консультации состоятся 20 декабря 2005 года "
                      "в Москве."),
        ("Note Body", "Министерство пользуется случаем, чтобы возобновить Посольству Республики Казахстан уверения "
                      "в своем высоком уважении."),
        ("Note PlaceDate", "15 декабря 2005 года"),
        ("Note Addressee", "ПОСОЛЬСТВО РЕСПУБЛИКИ КАЗАХСТАН г. МОСКВА"),
    ]
    assert built.lint == [], "«2005 года» is standard Russian, not a slip"
    review = [text for _, text in docx_paragraphs(out / "note.review.docx")]
    assert review[review.index("House conventions") + 1:] == [
        "number suffix: ru /дса", "date line: the date alone, without the place",
        "Russian dates: «года» (23 сентября 2021 года)"]


def test_a_note_without_closing_has_no_warning(tmp_path, termbase):
    built, out = _build(tmp_path, termbase, RU_SPEC + "closing: none\n")
    assert built.warnings == []
    styles = [style for style, _ in docx_paragraphs(out / "note.ru.docx")]
    assert styles == ["Note Letterhead", "Note Number", "Note Body", "Note PlaceDate", "Note Addressee"]


def test_circular_gives_each_recipient_its_closing(tmp_path, termbase):
    spec = RU_SPEC.replace("recipients: [kz-embassy-moscow]", "recipients: []\ndistribution: [kz-embassy-moscow, "
                                                                  "mfa-kazakhstan]")
    _, out = _build(tmp_path, termbase, spec)
    closings = {key: docx_paragraphs(out / f"note.{key}.ru.docx")[3][1] for key in ("kz-embassy-moscow",
                                                                                     "mfa-kazakhstan")}
    assert closings == {
        "kz-embassy-moscow": "Министерство пользуется случаем, чтобы возобновить Посольству Республики Казахстан "
                             "уверения в своем высоком уважении.",
        "mfa-kazakhstan": "Министерство пользуется случаем, чтобы возобновить Министерству иностранных дел "
                          "Республики Казахстан уверения в своем весьма высоком уважении."}


def test_the_spec_wins_over_the_sender_and_the_recipient(tmp_path, termbase):
    spec = RU_SPEC + "closing: highest\nhouse: {year_word: short, date_line: place-and-date}\n"
    _, out = _build(tmp_path, termbase, spec)
    lines = [text for _, text in docx_paragraphs(out / "note.ru.docx")]
    assert lines[3].endswith("уверения в своем весьма высоком уважении.")
    assert lines[4] == "город Москва, 15 декабря 2005 г."
    assert lines[1] == "№ 10663/дса", "what the spec does not set still comes from the sender"


@pytest.mark.parametrize("neutral, message", [
    ({"ru-mfa": {"kind": "sender", "house": {"place_date": "middle"}}},
     "sender: the termbase entry 'ru-mfa': house.place_date: 'middle' is not allowed (use 'top', 'bottom' or 'none')"),
    ({"ru-mfa": {"kind": "sender", "house": {"date_ordr": "month-day"}}},
     "sender: the termbase entry 'ru-mfa': house.date_ordr: unknown convention"),
    ({"kz-embassy-moscow": {"kind": "recipient", "closing": "warm"}},
     "kz-embassy-moscow.closing: 'kz-embassy-moscow' is owed an unknown closing 'warm'"),
])
def test_a_bad_convention_in_the_termbase_is_one_line(tmp_path, termbase, neutral, message):
    root = tmp_path / "locales"
    shutil.copytree(termbase.root, root)
    (root / "office.yaml").write_text(yaml.safe_dump({**NEUTRAL, **neutral}), encoding="utf-8")
    with pytest.raises(NoteError) as caught:
        _build(tmp_path, Termbase(root), RU_SPEC)
    assert message in str(caught.value) and "\n" not in str(caught.value)
