"""The example workspaces a clerk can copy (examples/), generated through the command line in every language, the
lines NOTE-SPEC §10 makes checked verbatim:

- examples/exchange: an exchange of notes between the Ministry of Foreign Affairs of Kazakhstan and the Russian
  Embassy (a clause of the note's own, `| this_year`, the issuer by its short name, the label N, the closing an
  embassy is owed);
- examples/convention: a convention secretariat's notification (heading, subject, US$ with the symbol, a deadline,
  a ref kind of the office, a closing with a request merged in, `Encl.:` after the date without pages);
- examples/un-mission: a note in the form the United Nations circulates (a heading naming the note, no number,
  no place-and-date line, no addressee block, the closing naming the sender in full).
Texts are compared with no-break spaces read as spaces; the golden test (test_golden.py) pins every paragraph.
"""
from __future__ import annotations

import pytest

from conftest import ROOT, docx_paragraphs
from verbale.cli.generate import main

WORKSPACES = ("exchange", "convention", "un-mission")


@pytest.fixture(scope="module")
def examples_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("examples")
    for workspace in WORKSPACES:
        assert main([str(ROOT / "examples" / workspace / "notes"), "-o", str(out / workspace), "--strict"]) == 0
    return out


def test_every_language_is_written(examples_out):
    for workspace in WORKSPACES:
        for spec in (ROOT / "examples" / workspace / "notes").glob("*.yaml"):
            written = {p.name for p in (examples_out / workspace).glob(f"{spec.stem}.*")}
            assert written == {f"{spec.stem}{suffix}" for suffix in (".en.docx", ".ru.docx", ".kk.docx", ".docx",
                                                                    ".review.docx")}


LINES = [
    ("convention/contributions-2025.en.docx", "Heading", 0,
     'NOTIFICATION No. TC/2025/03'),
    ("convention/contributions-2025.en.docx", "Subject", 0,
     'Subject: Contributions to the Trust Fund for 2025'),
    ("convention/contributions-2025.en.docx", "Body", 0,
     'The Secretariat of the Framework Convention for the Protection of the Marine Environment of the Caspian Sea (Tehran Convention) presents its compliments to the Contracting Parties to the Tehran Convention and, with reference to Notification No. 2024/07 dated 18 November 2024, has the honour to remind them that the contribution of each Party to the Trust Fund for 2025 is US$ 10,000, payable by 30 June 2025.'),
    ("convention/contributions-2025.en.docx", "Body", 1,
     'The Secretariat would be grateful for the timely payment of the contributions and avails itself of this opportunity to renew to the Contracting Parties to the Tehran Convention the assurances of its highest consideration.'),
    ("convention/contributions-2025.en.docx", "PlaceDate", 0,
     'Geneva, 14 March 2025'),
    ("convention/contributions-2025.en.docx", "Enclosure", 0,
     'Encl.: Scale of contributions for 2025'),
    ("convention/contributions-2025.kk.docx", "Heading", 0,
     'ХАБАРЛАМА № TC/2025/03'),
    ("convention/contributions-2025.kk.docx", "Subject", 0,
     'Тақырыбы: Мақсатты қорға 2025 жылға арналған жарналар'),
    ("convention/contributions-2025.kk.docx", "Body", 0,
     'Каспий теңізінің теңіз ортасын қорғау жөніндегі негіздемелік конвенцияның (Тегеран конвенциясының) Хатшылығы Тегеран конвенциясының Уағдаласушы Тараптарына өзінің зор ілтипатын білдіре отырып, 2024 жылғы 18 қарашадағы № 2024/07 хабарламасына сілтеме жасай отырып, әр Тараптың Мақсатты қорға 2025 жылға арналған жарнасы 10 000 АҚШ долл. құрайтынын және 2025 жылғы 30 маусымға дейін төленуге тиіс екенін еске салуды өзіне мәртебе санайды.'),
    ("convention/contributions-2025.kk.docx", "Body", 1,
     'Хатшылық жарналардың уақтылы төленгені үшін алдын ала алғыс білдіреді және осы мүмкіндікті пайдалана отырып, Тегеран конвенциясының Уағдаласушы Тараптарына өзінің зор ілтипатын тағы да растайды.'),
    ("convention/contributions-2025.kk.docx", "PlaceDate", 0,
     'Женева қаласы, 2025 жылғы 14 наурыз'),
    ("convention/contributions-2025.kk.docx", "Enclosure", 0,
     'Қосымша: 2025 жылға арналған жарналар шкаласы'),
    ("convention/contributions-2025.ru.docx", "Heading", 0,
     'УВЕДОМЛЕНИЕ № TC/2025/03'),
    ("convention/contributions-2025.ru.docx", "Subject", 0,
     'Тема: Взносы в Целевой фонд на 2025 год'),
    ("convention/contributions-2025.ru.docx", "Body", 0,
     'Секретариат Рамочной конвенции по защите морской среды Каспийского моря (Тегеранской конвенции) свидетельствует свое уважение Договаривающимся Сторонам Тегеранской конвенции и, ссылаясь на уведомление № 2024/07 от 18 ноября 2024 г., имеет честь напомнить, что взнос каждой Стороны в Целевой фонд на 2025 год составляет 10 000 долл. США и подлежит уплате до 30 июня 2025 г.'),
    ("convention/contributions-2025.ru.docx", "Body", 1,
     'Секретариат будет признателен за своевременную уплату взносов и пользуется случаем, чтобы возобновить Договаривающимся Сторонам Тегеранской конвенции уверения в своем весьма высоком уважении.'),
    ("convention/contributions-2025.ru.docx", "PlaceDate", 0,
     'город Женева, 14 марта 2025 г.'),
    ("convention/contributions-2025.ru.docx", "Enclosure", 0,
     'Приложение: Шкала взносов на 2025 год'),
    ("exchange/embassy-proposal.en.docx", "Body", 0,
     'The Embassy of the Russian Federation in the Republic of Kazakhstan presents its compliments to the Ministry of Foreign Affairs of the Republic of Kazakhstan and, with reference to the Note of the Ministry No. 12-1-2/345 of 31 January this year, has the honour to propose that the next round of consultations on consular matters be held in Moscow from 28 October to 5 November 2025.'),
    ("exchange/embassy-proposal.en.docx", "Body", 1,
     'The Embassy avails itself of this opportunity to renew to the Ministry of Foreign Affairs of the Republic of Kazakhstan the assurances of its highest consideration.'),
    ("exchange/embassy-proposal.en.docx", "PlaceDate", 0,
     'Astana, 5 March 2025'),
    ("exchange/embassy-proposal.kk.docx", "Body", 0,
     'Ресей Федерациясының Қазақстан Республикасындағы Елшілігі Қазақстан Республикасының Сыртқы істер министрлігіне өзінің зор ілтипатын білдіре отырып, Министрліктің ағымдағы жылғы 31 қаңтардағы № 12-1-2/345 нотасына сілтеме жасай отырып, консулдық мәселелер жөніндегі консультациялардың кезекті кезеңін Мәскеу қаласында 2025 жылғы 28 қазаннан 5 қарашаға дейін өткізуді ұсынуды өзіне мәртебе санайды.'),
    ("exchange/embassy-proposal.kk.docx", "Body", 1,
     'Елшілік осы мүмкіндікті пайдалана отырып, Қазақстан Республикасының Сыртқы істер министрлігіне өзінің зор ілтипатын тағы да растайды.'),
    ("exchange/embassy-proposal.kk.docx", "PlaceDate", 0,
     'Астана қаласы, 2025 жылғы 5 наурыз'),
    ("exchange/embassy-proposal.ru.docx", "Body", 0,
     'Посольство Российской Федерации в Республике Казахстан свидетельствует свое уважение Министерству иностранных дел Республики Казахстан и, ссылаясь на ноту Министерства N 12-1-2/345 от 31 января с.г., имеет честь предложить провести очередной раунд консультаций по консульским вопросам с 28 октября по 5 ноября 2025 г. в г. Москве.'),
    ("exchange/embassy-proposal.ru.docx", "Body", 1,
     'Посольство пользуется случаем, чтобы возобновить Министерству иностранных дел Республики Казахстан уверения в своем весьма высоком уважении.'),
    ("exchange/embassy-proposal.ru.docx", "PlaceDate", 0,
     'город Астана, 5 марта 2025 г.'),
    ("exchange/ministry-reply.en.docx", "Body", 0,
     'The Ministry of Foreign Affairs of the Republic of Kazakhstan presents its compliments to the Embassy of the Russian Federation in the Republic of Kazakhstan and, confirming receipt of the Note of the Embassy No. 123 of 5 March this year containing a proposal to hold consultations on consular matters, has the honour to inform that the Kazakh side agrees to hold the consultations in Moscow from 28 October to 5 November 2025.'),
    ("exchange/ministry-reply.en.docx", "Body", 1,
     'The Ministry avails itself of this opportunity to renew to the Embassy of the Russian Federation in the Republic of Kazakhstan the assurances of its high consideration.'),
    ("exchange/ministry-reply.en.docx", "PlaceDate", 0,
     'Astana, 14 March 2025'),
    ("exchange/ministry-reply.kk.docx", "Body", 0,
     'Қазақстан Республикасының Сыртқы істер министрлігі Ресей Федерациясының Қазақстан Республикасындағы Елшілігіне өзінің зор ілтипатын білдіре отырып, консулдық мәселелер жөнінде консультациялар өткізу туралы ұсыныс қамтылған Елшіліктің ағымдағы жылғы 5 наурыздағы № 123 нотасын алғанын растай отырып, қазақстандық тараптың консультацияларды Мәскеу қаласында 2025 жылғы 28 қазаннан 5 қарашаға дейін өткізуге келісетінін хабарлауды өзіне мәртебе санайды.'),
    ("exchange/ministry-reply.kk.docx", "Body", 1,
     'Министрлік осы мүмкіндікті пайдалана отырып, Ресей Федерациясының Қазақстан Республикасындағы Елшілігіне өзінің жоғары ілтипатын тағы да растайды.'),
    ("exchange/ministry-reply.kk.docx", "PlaceDate", 0,
     'Астана қаласы, 2025 жылғы 14 наурыз'),
    ("exchange/ministry-reply.ru.docx", "Body", 0,
     'Министерство иностранных дел Республики Казахстан свидетельствует свое уважение Посольству Российской Федерации в Республике Казахстан и, подтверждая получение ноты Посольства N 123 от 5 марта с.г., содержащей предложение о проведении консультаций по консульским вопросам, имеет честь сообщить о согласии казахстанской стороны провести консультации с 28 октября по 5 ноября 2025 г. в г. Москве.'),
    ("exchange/ministry-reply.ru.docx", "Body", 1,
     'Министерство пользуется случаем, чтобы возобновить Посольству Российской Федерации в Республике Казахстан уверения в своем высоком уважении.'),
    ("exchange/ministry-reply.ru.docx", "PlaceDate", 0,
     'город Астана, 14 марта 2025 г.'),
    ("un-mission/circulation-request.en.docx", "Heading", 0,
     'Note verbale dated 6 March 2024 from the Permanent Mission of Kazakhstan to the United Nations addressed to the Secretary-General'),
    ("un-mission/circulation-request.en.docx", "Body", 0,
     'The Permanent Mission of Kazakhstan to the United Nations presents its compliments to the Secretary-General of the United Nations and has the honour to transmit herewith the statement of the Ministry of Foreign Affairs of the Republic of Kazakhstan of 5 March 2024 on the Treaty on a Nuclear-Weapon-Free Zone in Central Asia (see annex).'),
    ("un-mission/circulation-request.en.docx", "Body", 1,
     'The Permanent Mission would be grateful if the present note verbale and its annex could be circulated as a document of the General Assembly under agenda item 97.'),
    ("un-mission/circulation-request.en.docx", "Body", 2,
     'The Permanent Mission of Kazakhstan to the United Nations avails itself of this opportunity to renew to the Secretary-General of the United Nations the assurances of its highest consideration.'),
    ("un-mission/circulation-request.kk.docx", "Heading", 0,
     'Қазақстанның Біріккен Ұлттар Ұйымы жанындағы Тұрақты өкілдігінің Бас хатшының атына жолдаған 2024 жылғы 6 наурыздағы вербалдық нотасы'),
    ("un-mission/circulation-request.kk.docx", "Body", 0,
     'Қазақстанның Біріккен Ұлттар Ұйымы жанындағы Тұрақты өкілдігі Біріккен Ұлттар Ұйымының Бас хатшысына өзінің зор ілтипатын білдіре отырып, Қазақстан Республикасы Сыртқы істер министрлігінің Орталық Азиядағы ядролық қарудан азат аймақ туралы шартқа қатысты 2024 жылғы 5 наурыздағы мәлімдемесін осымен жолдауды (қосымшаны қараңыз) өзіне мәртебе санайды.'),
    ("un-mission/circulation-request.kk.docx", "Body", 1,
     'Тұрақты өкілдік осы вербалдық нота мен оның қосымшасын Бас Ассамблеяның құжаты ретінде күн тәртібінің 97-тармағы бойынша таратуды сұрайды.'),
    ("un-mission/circulation-request.kk.docx", "Body", 2,
     'Қазақстанның Біріккен Ұлттар Ұйымы жанындағы Тұрақты өкілдігі осы мүмкіндікті пайдалана отырып, Біріккен Ұлттар Ұйымының Бас хатшысына өзінің зор ілтипатын тағы да растайды.'),
    ("un-mission/circulation-request.ru.docx", "Heading", 0,
     'Вербальная нота Постоянного представительства Казахстана при Организации Объединенных Наций от 6 марта 2024 года на имя Генерального секретаря'),
    ("un-mission/circulation-request.ru.docx", "Body", 0,
     'Постоянное представительство Казахстана при Организации Объединенных Наций свидетельствует свое уважение Генеральному секретарю Организации Объединенных Наций и имеет честь препроводить настоящим заявление Министерства иностранных дел Республики Казахстан от 5 марта 2024 года о Договоре о зоне, свободной от ядерного оружия, в Центральной Азии (см. приложение).'),
    ("un-mission/circulation-request.ru.docx", "Body", 1,
     'Постоянное представительство будет признательно, если настоящая вербальная нота и приложение к ней будут распространены в качестве документа Генеральной Ассамблеи по пункту 97 повестки дня.'),
    ("un-mission/circulation-request.ru.docx", "Body", 2,
     'Постоянное представительство Казахстана при Организации Объединенных Наций пользуется случаем, чтобы возобновить Генеральному секретарю Организации Объединенных Наций уверения в своем весьма высоком уважении.'),
]


@pytest.mark.parametrize("file, style, index, expected", LINES, ids=lambda v: str(v)[:60])
def test_example_line(examples_out, file, style, index, expected):
    found = [text for own, text in docx_paragraphs(examples_out / file) if own == f"Note {style}"]
    assert len(found) > index and found[index] == expected, found


@pytest.mark.parametrize("file, absent", [
    ("un-mission/circulation-request.en.docx", {"Note Number", "Note PlaceDate", "Note Addressee"}),
    ("un-mission/circulation-request.ru.docx", {"Note Number", "Note PlaceDate", "Note Addressee"}),
    ("un-mission/circulation-request.kk.docx", {"Note Number", "Note PlaceDate", "Note Addressee"}),
    ("convention/contributions-2025.en.docx", {"Note Number", "Note Addressee"}),
    ("convention/contributions-2025.kk.docx", {"Note Number", "Note Addressee"}),
])
def test_what_the_form_leaves_out(examples_out, file, absent):
    assert not absent & {style for style, _ in docx_paragraphs(examples_out / file)}


def test_the_enclosure_stands_after_the_date(examples_out):
    for lang in ("en", "ru", "kk"):
        styles = [style for style, _ in docx_paragraphs(examples_out / f"convention/contributions-2025.{lang}.docx")]
        assert styles[-2:] == ["Note PlaceDate", "Note Enclosure"]


def test_every_example_file_passes_its_schema():
    """The files of the examples name their JSON Schema on their first line and pass it (editor completion)."""
    import json

    import jsonschema
    import yaml

    from verbale.facts.schema import schema_text

    files = [p for w in WORKSPACES for p in (ROOT / "examples" / w).rglob("*.yaml")]
    assert len(files) >= 20
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = first.rsplit("/", 1)[-1]
        data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        jsonschema.validate(data, json.loads(schema_text(schema)))
