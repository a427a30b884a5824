"""The seed notes, reproduced by notes/*.yaml: every element found verbatim in the right language file.

Texts are compared with no-break spaces read as spaces and line breaks inside an element as spaces.
Where the seeds are inconsistent or wrong, the corrected form of NOTE-SPEC is expected and `why` says so.
"""
from __future__ import annotations

import pytest

from conftest import docx_paragraphs

CICA_LETTERHEAD = ("SECRETARIAT OF THE CONFERENCE ON INTERACTION AND CONFIDENCE BUILDING MEASURES IN ASIA "
                   "СЕКРЕТАРИАТ СОВЕЩАНИЯ ПО ВЗАИМОДЕЙСТВИЮ И МЕРАМ ДОВЕРИЯ В АЗИИ")
KK_SENDER = "Азиядағы өзара іс-қимыл және сенім шаралары кеңесінің (АӨСШК) Хатшылығы"
EN_ADDRESSEE = "MEMBER STATES OF THE CONFERENCE ON INTERACTION AND CONFIDENCE BUILDING MEASURES IN ASIA"
RU_ADDRESSEE = "ГОСУДАРСТВА-ЧЛЕНЫ СОВЕЩАНИЯ ПО ВЗАИМОДЕЙСТВИЮ И МЕРАМ ДОВЕРИЯ В АЗИИ"
KK_ADDRESSEE = "АЗИЯДАҒЫ ӨЗАРА ІС-ҚИМЫЛ ЖӘНЕ СЕНІМ ШАРАЛАРЫ КЕҢЕСІНІҢ МҮШЕ МЕМЛЕКЕТТЕРІ"
EN_CLOSING = ("The Secretariat avails itself of this opportunity to renew to the CICA Member States "
              "the assurances of its highest consideration.")
RU_CLOSING = ("Секретариат пользуется случаем, чтобы возобновить государствам-членам СВМДА уверения "
              "в своем весьма высоком уважении.")
KK_CLOSING = "Хатшылық осы мүмкіндікті пайдалана отырып, АӨСШК мүше мемлекеттеріне өзінің зор ілтипатын тағы да растайды."

# (file, style, expected text, why it differs from the seed, if it does)
CASES = [
    # seed 000: note № 17-1/624
    ("17-1-624.en.docx", "Note Letterhead", CICA_LETTERHEAD, ""),
    ("17-1-624.en.docx", "Note Number", "№ 17-1/624", ""),
    ("17-1-624.en.docx", "Note Urgency", "MOST URGENT!", ""),
    ("17-1-624.en.docx", "Note Body",
     "The Secretariat of the Conference on Interaction and Confidence Building Measures in Asia (CICA) presents its "
     "compliments to the CICA Member States and, on behalf of the CICA Chairmanship, has the honour to forward "
     "Revision 4 of the draft Declaration of the Sixth CICA Ministerial Meeting (document MM/2021/DRAFT/3/Rev.4) to be "
     "considered at the resumed Special Working Group (SWG) meeting on 24 September 2021 at 14:00 Nur-Sultan time "
     "(GMT+6 hours) and a Note by the Chair.", ""),
    ("17-1-624.en.docx", "Note Enclosure", "Enclosure: as stated, on 11 p.", ""),
    ("17-1-624.en.docx", "Note Body", EN_CLOSING, ""),
    ("17-1-624.en.docx", "Note PlaceDate", "Nur-Sultan, 23 September 2021", ""),
    ("17-1-624.en.docx", "Note Addressee", EN_ADDRESSEE, ""),
    ("17-1-624.ru.docx", "Note Letterhead", CICA_LETTERHEAD, ""),
    ("17-1-624.ru.docx", "Note Number", "№ 17-1/624", ""),
    ("17-1-624.ru.docx", "Note Urgency", "ВЕСЬМА СРОЧНО!", ""),
    ("17-1-624.ru.docx", "Note Body",
     "Секретариат Совещания по взаимодействию и мерам доверия в Азии (СВМДА) свидетельствует свое уважение "
     "государствам-членам СВМДА и, от имени Председательства СВМДА, имеет честь препроводить Ревизию № 4 проекта "
     "Декларации шестой Министерской встречи СВМДА (MM/2021/DRAFT/3/Rev.4) для рассмотрения на возобновленном "
     "заседании СРГ, которое состоится 24 сентября 2021 г. в 14:00 по времени г. Нур-Султан (GMT+6 часов), "
     "и сообщение от Председателя.",
     "seed: '№4', 'GMT +6' and the symbol typed with Cyrillic 'ММ'; a space follows №, GMT+6 is written the "
     "same way in every language, and the document symbol is the Latin MM/2021/DRAFT/3/Rev.4 of the other versions"),
    ("17-1-624.ru.docx", "Note Enclosure", "Приложение: упомянутое, на 11 л.", ""),
    ("17-1-624.ru.docx", "Note Body", RU_CLOSING, ""),
    ("17-1-624.ru.docx", "Note PlaceDate", "город Нур-Султан, 23 сентября 2021 г.", ""),
    ("17-1-624.ru.docx", "Note Addressee", RU_ADDRESSEE, ""),
    ("17-1-624.kk.docx", "Note Number", "№ 17-1/624", "the extracted Kazakh seed page lost its letterhead and number"),
    ("17-1-624.kk.docx", "Note Urgency", "ШҰҒЫЛ!", ""),
    ("17-1-624.kk.docx", "Note Body",
     f"{KK_SENDER} АӨСШК мүше мемлекеттеріне өзінің зор ілтипатын білдіре отырып, АӨСШК төрағалығы атынан, "
     "2021 жылғы 24 қыркүйекте Нұр-Сұлтан қаласының уақытымен (GMT+6 сағат) сағат 14.00-те өтетін Арнаулы жұмыс "
     "тобының (АЖТ) келесі отырысы барысында қарастырылатын АӨСШК Сыртқы істер министрлерінің 6-кездесу "
     "декларациясы жобасының 4-нұсқасын (құжат № MM/2021/DRAFT/3/Rev.4) және төрағалықтың қысқа хатын жолдауды "
     "өзіне мәртебе санайды.",
     "seed: '14.00-де' (он төрт takes -те), 'GMT +6', and '6-ші', '4-ші' (the 2021 orthography writes 6-кездесу)"),
    ("17-1-624.kk.docx", "Note Enclosure", "Қосымша: аталған 11 п.", ""),
    ("17-1-624.kk.docx", "Note Body", KK_CLOSING, ""),
    ("17-1-624.kk.docx", "Note PlaceDate", "Нұр-Сұлтан қаласы, 2021 жылғы 23 қыркүйек", ""),
    ("17-1-624.kk.docx", "Note Addressee", KK_ADDRESSEE, ""),
    # seed 002: note № 17-1/298
    ("17-1-298.en.docx", "Note Letterhead", CICA_LETTERHEAD, ""),
    ("17-1-298.en.docx", "Note Number", "№ 17-1/298", "seed: '№17-1/298' without the space"),
    ("17-1-298.en.docx", "Note Body",
     "The Secretariat of the Conference on Interaction and Confidence Building Measures in Asia (CICA) presents its "
     "compliments to the CICA Member States and has the honour to forward the latest version of the draft of the "
     "updated CICA Catalogue of Confidence Building Measures and the draft agenda of the Special Working Group (SWG) "
     "meeting on 2 June 2021 at 14:00 Nur-Sultan time (GMT+6 hours) in an online format.",
     "seed: 'at 14:00 by Nur-Sultan time'; the other seed and NOTE-SPEC write 'at 14:00 Nur-Sultan time'"),
    ("17-1-298.en.docx", "Note Enclosure", "Enclosure: as stated, on 15 p.", ""),
    ("17-1-298.en.docx", "Note Body", EN_CLOSING, ""),
    ("17-1-298.en.docx", "Note PlaceDate", "Nur-Sultan, 28 May 2021", ""),
    ("17-1-298.en.docx", "Note Addressee", EN_ADDRESSEE, ""),
    ("17-1-298.ru.docx", "Note Number", "№ 17-1/298", "seed: '№17-1/298' without the space"),
    ("17-1-298.ru.docx", "Note Body",
     "Секретариат Совещания по взаимодействию и мерам доверия в Азии (СВМДА) свидетельствует свое уважение "
     "государствам-членам СВМДА и имеет честь препроводить последнюю версию проекта обновленного Каталога мер доверия "
     "СВМДА и проект повестки дня заседания Специальной рабочей группы (СРГ), которое состоится 2 июня 2021 г. "
     "в 14:00 по времени г. Нур-Султан (GMT+6 часов) в онлайн-формате.",
     "seed: '2021г.' and 'г.Нур-Султан' without spaces, and 'онлайн формате' (NOTE-SPEC §1/§2: «онлайн-» is the "
     "first part of a compound and takes a hyphen)"),
    ("17-1-298.ru.docx", "Note Enclosure", "Приложение: упомянутое, на 15 л.", ""),
    ("17-1-298.ru.docx", "Note Body", RU_CLOSING, ""),
    ("17-1-298.ru.docx", "Note PlaceDate", "город Нур-Султан, 28 мая 2021 г.", ""),
    ("17-1-298.ru.docx", "Note Addressee", RU_ADDRESSEE, ""),
    ("17-1-298.kk.docx", "Note Body",
     f"{KK_SENDER} АӨСШК мүше мемлекеттеріне өзінің зор ілтипатын білдіре отырып, жаңартылған АӨСШК сенім шаралар "
     "каталогы нұсқасының соңғы жобасын және 2021 жылғы 2 маусымда өткізілетін Арнаулы жұмыс тобы (АЖТ) "
     "отырысының күн тәртібі жобасын жолдауды өзіне мәртебе санайды. Аталмыш отырыс онлайн форматында өтетін "
     "болады және Нұр-Сұлтан қаласының уақытымен (GMT+6 сағат) сағат 14.00-те басталады.",
     "seed: 'уақыты бойынша'; the generator writes the one zone phrase of NOTE-SPEC, 'уақытымен'"),
    ("17-1-298.kk.docx", "Note Enclosure", "Қосымша: аталған 15 п.", ""),
    ("17-1-298.kk.docx", "Note Body", KK_CLOSING, ""),
    ("17-1-298.kk.docx", "Note PlaceDate", "Нұр-Сұлтан қаласы, 2021 жылғы 28 мамыр", ""),
    ("17-1-298.kk.docx", "Note Addressee", KK_ADDRESSEE, ""),
    # seed 003: the 2006 note of Kazakhstan's OSCE mission, English only
    ("osce-brussels-2006.en.docx", "Note Letterhead", "PERMANENT MISSION OF THE REPUBLIC OF KAZAKHSTAN TO THE OSCE", ""),
    ("osce-brussels-2006.en.docx", "Note Body",
     "The Delegation of the Republic of Kazakhstan, on behalf of the participating states of the Conference on "
     "Interaction and Confidence Building Measures in Asia (CICA), has the honour to distribute materials on CICA "
     "activities and documents among all participants of the OSCE Ministerial Council in Brussels.",
     "seed: no article, no commas round the 'on behalf of' phrase (NOTE-SPEC's formula has them), and "
     "'Confidence-Building' where the CICA's own name has no hyphen"),
    ("osce-brussels-2006.en.docx", "Note Enclosure",
     "Enclosures: 1. Information on CICA – 6 p. 2. Declaration of the Second Summit – 5 p.",
     "seed: 'Enclosure:' before two enclosures; NOTE-SPEC writes 'Enclosures:' when there are several"),
]


@pytest.mark.parametrize("file, style, expected, why", CASES)
def test_seed_element_is_reproduced(sample_out, file, style, expected, why):
    paragraphs = docx_paragraphs(sample_out / file)
    assert (style, expected) in paragraphs, f"{file}: not found in {style}" + (f" ({why})" if why else "")


@pytest.mark.parametrize("stem, languages, agenda", [
    ("17-1-624", ["en", "ru", "kk"], False), ("17-1-298", ["en", "ru", "kk"], True),
    ("osce-brussels-2006", ["en"], False)])
def test_every_output_is_written(sample_out, stem, languages, agenda):
    expected = {f"{stem}.{lang}.docx" for lang in languages} | {f"{stem}.docx", f"{stem}.review.docx"}
    expected |= {f"{stem}.agenda.{lang}.docx" for lang in languages} if agenda else set()
    written = {p.name for p in sample_out.iterdir() if p.name.split(".")[0] == stem}
    assert written == expected


def test_no_compliments_formula_without_recipients(sample_out):
    text = " ".join(t for _, t in docx_paragraphs(sample_out / "osce-brussels-2006.en.docx"))
    assert "presents its compliments" not in text
    assert "avails itself" not in text
    styles = [s for s, _ in docx_paragraphs(sample_out / "osce-brussels-2006.en.docx")]
    assert "Note Addressee" not in styles and "Note Urgency" not in styles


@pytest.mark.parametrize("file", ["17-1-624.en.docx", "17-1-624.ru.docx", "17-1-624.kk.docx"])
def test_elements_come_in_the_order_of_note_spec(sample_out, file):
    order = ["Note Letterhead", "Note Number", "Note Urgency", "Note Body", "Note Enclosure", "Note Body",
             "Note PlaceDate", "Note Addressee"]
    assert [s for s, _ in docx_paragraphs(sample_out / file)] == order


def test_combined_file_holds_every_language_in_order(sample_out):
    texts = [t for _, t in docx_paragraphs(sample_out / "17-1-624.docx")]
    assert texts.index("MOST URGENT!") < texts.index("ВЕСЬМА СРОЧНО!") < texts.index("ШҰҒЫЛ!")
