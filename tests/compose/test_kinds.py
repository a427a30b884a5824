"""Document kinds (NOTE-SPEC §11), every line of the DOCX written out, in each language.

- a personal note (first person, signed): to a minister (Excellency, the highest consideration), to an ambassador
  (Excellency, the high consideration: `closing: high` on her entry), to a chargé d'affaires (the title his entry
  gives, not Excellency);
- an aide-mémoire: the title, the text as written, the place and date at the foot; no courtesy, no addressee.
The forms and their sources: locales/<lang>/README.md, «Document kinds».  The workspace is examples/registry,
whose termbase has the persons (examples/registry/termbase/terms.yaml).
"""
from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, docx_paragraphs
from verbale.build import build, write_outputs

PERSONAL = """\
kind: personal-note
number: "17-1/90"
date: 2026-03-12
sender: kz-ambassador-moscow
recipients: [{recipient}]
purpose:
  en: inform you that I am leaving Moscow on {{{{ date }}}}
  ru: сообщить, что {{{{ date }}}} я выезжаю из Москвы
  kk: "{{{{ date | loc }}}} Мәскеуден кететінімді хабарлауды"
"""
AIDE = """\
kind: aide-memoire
number: "17-1/91"
date: 2026-03-24
handed_to: mfa-russia
purpose:
  en: The Kazakh side proposes to hold the consultations in Moscow.
  ru: Казахстанская сторона предлагает провести консультации в Москве.
  kk: Қазақстан тарапы консультацияларды Мәскеуде өткізуді ұсынады.
"""
LETTERHEAD = {"en": "EMBASSY OF THE REPUBLIC OF KAZAKHSTAN IN THE RUSSIAN FEDERATION",
              "ru": "ПОСОЛЬСТВО РЕСПУБЛИКИ КАЗАХСТАН В РОССИЙСКОЙ ФЕДЕРАЦИИ",
              "kk": "ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ РЕСЕЙ ФЕДЕРАЦИЯСЫНДАҒЫ ЕЛШІЛІГІ"}
TOP = {"en": "Moscow, 12 March 2026", "ru": "город Москва, 12 марта 2026 г.",
       "kk": "Мәскеу қаласы, 2026 жылғы 12 наурыз"}
BODY = {"en": "I have the honour to inform you that I am leaving Moscow on 12 March 2026.",
        "ru": "Имею честь сообщить, что 12 марта 2026 г. я выезжаю из Москвы.",
        "kk": "2026 жылғы 12 наурызда Мәскеуден кететінімді хабарлауды өзіме мәртебе санаймын."}
SIGNATURE = {"en": "Daniyar Sarsenbayev Ambassador of the Republic of Kazakhstan to the Russian Federation",
             "ru": "Данияр Сарсенбаев Посол Республики Казахстан в Российской Федерации",
             "kk": "Данияр Сәрсенбаев Қазақстан Республикасының Ресей Федерациясындағы Елшісі"}

# (recipient, lang, salutation, closing, addressee at the foot): the lines where protocol makes them differ.
# Sources: Satow's Diplomatic Practice (7th ed., 2017), 6.x and the UN Correspondence Manual (en); Борунков,
# «Дипломатический протокол в России» and Торкунов (ред.), «Дипломатическая служба» (ru); the Kazakh MFA's usage
# as recorded in locales/kk/README.md («Document kinds»).
PERSONAL_CASES = [
    # a minister: Excellency, the highest consideration (Satow; «весьма высоком уважении» — Борунков)
    ("minister-russia", "en", "Excellency,", "Please accept, Excellency, the assurances of my highest consideration.",
     "His Excellency Mr Pavel Sokolov Minister of Foreign Affairs of the Russian Federation"),
    ("minister-russia", "ru", "Ваше Превосходительство,",
     "Примите, Ваше Превосходительство, уверения в моем весьма высоком уважении.",
     "Его Превосходительству господину Павлу Соколову Министру иностранных дел Российской Федерации"),
    ("minister-russia", "kk", "Мәртебелі мырза,", "Мәртебелі мырза, менің зор ілтипатымды қабыл алыңыз.",
     "Ресей Федерациясының Сыртқы істер министрі Мәртебелі Павел Соколов мырзаға"),
    # an ambassador (a woman): Excellency still, but the high consideration ("высоком уважении") between colleagues
    ("ambassador-france-moscow", "en", "Excellency,",
     "Please accept, Excellency, the assurances of my high consideration.",
     "Her Excellency Ms Claire Martin Ambassador of the French Republic to the Russian Federation"),
    ("ambassador-france-moscow", "ru", "Ваше Превосходительство,",
     "Примите, Ваше Превосходительство, уверения в моем высоком уважении.",
     "Ее Превосходительству госпоже Клэр Мартен Послу Французской Республики в Российской Федерации"),
    ("ambassador-france-moscow", "kk", "Мәртебелі ханым,", "Мәртебелі ханым, менің жоғары ілтипатымды қабыл алыңыз.",
     "Француз Республикасының Ресей Федерациясындағы Елшісі Мәртебелі Клэр Мартен ханымға"),
    # a chargé d'affaires a.i. is not owed Excellency: the title his entry gives
    ("charge-norway-moscow", "en", "Mr Chargé d'Affaires,",
     "Please accept, Mr Chargé d'Affaires, the assurances of my high consideration.",
     "Mr Lars Hansen Chargé d'Affaires a.i. of the Kingdom of Norway in the Russian Federation"),
    ("charge-norway-moscow", "ru", "Уважаемый господин Временный поверенный в делах,",
     "Примите, господин Временный поверенный в делах, уверения в моем высоком уважении.",
     "Господину Ларсу Хансену Временному поверенному в делах Королевства Норвегия в Российской Федерации"),
    ("charge-norway-moscow", "kk", "Құрметті уақытша сенім білдірілген өкіл мырза,",
     "Уақытша сенім білдірілген өкіл мырза, менің жоғары ілтипатымды қабыл алыңыз.",
     "Норвегия Корольдігінің Ресей Федерациясындағы уақытша сенім білдірілген өкілі Ларс Хансен мырзаға"),
]

AIDE_CASES = [  # (lang, every line): no letterhead, number, salutation, closing, signature or addressee
    ("en", [("Note Title", "AIDE-MÉMOIRE"),
            ("Note Body", "The Kazakh side proposes to hold the consultations in Moscow."),
            ("Note PlaceDate", "Moscow, 24 March 2026")]),
    ("ru", [("Note Title", "ПАМЯТНАЯ ЗАПИСКА"),
            ("Note Body", "Казахстанская сторона предлагает провести консультации в Москве."),
            ("Note PlaceDate", "город Москва, 24 марта 2026 г.")]),
    ("kk", [("Note Title", "ЕСТЕЛІК ЖАЗБА"),
            ("Note Body", "Қазақстан тарапы консультацияларды Мәскеуде өткізуді ұсынады."),
            ("Note PlaceDate", "Мәскеу қаласы, 2026 жылғы 24 наурыз")]),
]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("kinds") / "registry"
    shutil.copytree(ROOT / "examples" / "registry", root, ignore=shutil.ignore_patterns("out", "*.sqlite*"))
    return root


def generated(workspace, name: str, text: str):
    spec = workspace / "notes" / f"{name}.yaml"
    spec.write_text(text, encoding="utf-8")
    built = build(spec)
    out = workspace / "out" / name
    write_outputs(built, out, force=True)
    return built, out


@pytest.mark.parametrize("recipient, lang, salutation, closing, addressee", PERSONAL_CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in PERSONAL_CASES])
def test_personal_note_every_line(workspace, recipient, lang, salutation, closing, addressee):
    _, out = generated(workspace, recipient, PERSONAL.format(recipient=recipient))
    assert docx_paragraphs(out / f"{recipient}.{lang}.docx") == [
        ("Note Letterhead", LETTERHEAD[lang]),
        ("Note PlaceDateTop", TOP[lang]),
        ("Note Salutation", salutation),
        ("Note Body", BODY[lang]),
        ("Note Body", closing),
        ("Note Signature", SIGNATURE[lang]),
        ("Note Recipient", addressee),
    ]


def test_a_minister_and_an_ambassador_differ_where_protocol_says(workspace):
    """The same letter to a minister and to an ambassador: only the closing's degree and the addressee differ."""
    def lines(recipient):
        _, out = generated(workspace, recipient, PERSONAL.format(recipient=recipient))
        return docx_paragraphs(out / f"{recipient}.ru.docx")
    minister, ambassador = lines("minister-russia"), lines("ambassador-france-moscow")
    differing = [(a[1], b[1]) for a, b in zip(minister, ambassador) if a != b]
    assert differing == [
        ("Примите, Ваше Превосходительство, уверения в моем весьма высоком уважении.",
         "Примите, Ваше Превосходительство, уверения в моем высоком уважении."),
        ("Его Превосходительству господину Павлу Соколову Министру иностранных дел Российской Федерации",
         "Ее Превосходительству госпоже Клэр Мартен Послу Французской Республики в Российской Федерации")]


@pytest.mark.parametrize("lang, lines", AIDE_CASES, ids=[c[0] for c in AIDE_CASES])
def test_aide_memoire_every_line(workspace, lang, lines):
    built, out = generated(workspace, "aide", AIDE)
    assert docx_paragraphs(out / f"aide.{lang}.docx") == lines
    assert built.note_spec.handed_to == "mfa-russia"


@pytest.mark.skipif(not all(map(shutil.which, ("soffice", "pdftotext"))),
                    reason="needs LibreOffice and poppler-utils (apt-get install libreoffice-writer-nogui poppler-utils)")
def test_the_pdfs_say_it_in_order(workspace, tmp_path, capsys):
    """Real LibreOffice: the Kazakh personal note's PDF has its salutation, text, closing, signature and addressee
    in that order; the Russian aide-mémoire's has its title, text and place and date, and no formula of courtesy."""
    import subprocess

    from verbale.cli.generate import main

    personal = workspace / "notes" / "pdf-personal.yaml"
    personal.write_text(PERSONAL.format(recipient="minister-russia") + "languages: [kk]\n", encoding="utf-8")
    aide = workspace / "notes" / "pdf-aide.yaml"
    aide.write_text(AIDE + "languages: [ru]\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main([str(personal), str(aide), "-o", str(out), "--pdf", "--jobs", "1"]) == 0, capsys.readouterr().err

    def text(name):
        raw = subprocess.run(["pdftotext", "-raw", str(out / name), "-"], capture_output=True, text=True,
                             check=True).stdout
        return " ".join(raw.replace("\u00a0", " ").split())
    kk = text("pdf-personal.kk.pdf")
    said = ["Мәртебелі мырза,", BODY["kk"], "Мәртебелі мырза, менің зор ілтипатымды қабыл алыңыз.", "Данияр Сәрсенбаев",
            "Ресей Федерациясының Сыртқы істер министрі", "Мәртебелі Павел Соколов мырзаға"]
    assert all(line in kk for line in said), kk
    assert [kk.index(line) for line in said] == sorted(kk.index(line) for line in said), kk
    ru = text("pdf-aide.ru.pdf")
    assert ru.startswith("ПАМЯТНАЯ ЗАПИСКА Казахстанская сторона предлагает провести консультации в Москве. "
                         "город Москва, 24 марта 2026 г."), ru
    assert "уважени" not in ru and "Превосходительств" not in ru


REFERENCE = PERSONAL.format(recipient="minister-russia").replace("purpose:", """\
with_reference_to: {ref: their-note, phrase: receipt}
refs:
  their-note: {kind: note, number: "10663", date: 2026-03-02, of: mfa-russia}
purpose:""")
REFERENCE_CASES = [  # the reference in the first person (Kazakh «алғанымды», not the note verbale's «алғанын»)
    ("en", "Confirming receipt of the Note of the Ministry of Foreign Affairs of the Russian Federation No. 10663 of "
           "2 March 2026, I have the honour to inform you that I am leaving Moscow on 12 March 2026."),
    ("ru", "Подтверждая получение ноты Министерства иностранных дел Российской Федерации № 10663 от 2 марта 2026 г., "
           "имею честь сообщить, что 12 марта 2026 г. я выезжаю из Москвы."),
    ("kk", "Ресей Федерациясының Сыртқы істер министрлігінің 2026 жылғы 2 наурыздағы № 10663 нотасын алғанымды "
           "растай отырып, 2026 жылғы 12 наурызда Мәскеуден кететінімді хабарлауды өзіме мәртебе санаймын."),
]


@pytest.mark.parametrize("lang, opening", REFERENCE_CASES, ids=[c[0] for c in REFERENCE_CASES])
def test_a_reference_in_a_personal_note_is_in_the_first_person(workspace, lang, opening):
    _, out = generated(workspace, "reference", REFERENCE)
    assert [text for style, text in docx_paragraphs(out / f"reference.{lang}.docx") if style == "Note Body"][0] \
        == opening
