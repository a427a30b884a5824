"""The office's own words (NOTE-SPEC §10), class by class, in every language, through the generated DOCX.

Each row: the workspace the spec is written in (a copy of one in examples/), the spec's fields, the office's own
formulas (``termbase/<lang>/formulas.yaml``, merged over the built-in ones), the language, the paragraph style,
the expected text (no-break spaces read as spaces, lines of a paragraph joined by " / "; None: no such
paragraph), and the rule with its source.  The sources are in locales/README.md, locales/ru/README.md and
locales/kk/README.md.
"""
from __future__ import annotations

import io
import shutil

import pytest
import yaml

from conftest import ROOT
from verbale.build import build

EXAMPLES = ROOT / "examples"
MFA = "Министерство иностранных дел Республики Казахстан"
MFA_EN = "The Ministry of Foreign Affairs of the Republic of Kazakhstan"
MFA_KK = "Қазақстан Республикасының Сыртқы істер министрлігі"
EMBASSY_DAT = "Посольству Российской Федерации в Республике Казахстан"
EMBASSY_EN = "the Embassy of the Russian Federation in the Republic of Kazakhstan"
EMBASSY_KK_DAT = "Ресей Федерациясының Қазақстан Республикасындағы Елшілігіне"
EN_OPEN = f"{MFA_EN} presents its compliments to {EMBASSY_EN} and"
RU_OPEN = f"{MFA} свидетельствует свое уважение {EMBASSY_DAT} и"
KK_OPEN = f"{MFA_KK} {EMBASSY_KK_DAT} өзінің зор ілтипатын білдіре отырып,"

# a spec in the exchange workspace: the Ministry (sender) to the Embassy, 14 March 2025
REPLY = {"number": "12-1-2/512", "date": "2025-03-14", "recipients": ["ru-embassy-astana"],
         "purpose": {"en": "inform that the consultations are agreed", "ru": "сообщить о согласии провести консультации",
                     "kk": "консультацияларды өткізуге келісетінін хабарлауды"},
         "refs": {"n12": {"kind": "note", "number": "12", "date": "1978-03-03"},
                  "their-note": {"kind": "note", "number": "123", "date": "2025-03-05", "of": "ru-embassy-astana"},
                  "undated": {"kind": "note", "date": "2025-01-31", "of": "ru-embassy-astana"}}}
EN_TAIL = "has the honour to inform that the consultations are agreed."
RU_TAIL = "имеет честь сообщить о согласии провести консультации."
KK_TAIL = "консультацияларды өткізуге келісетінін хабарлауды өзіне мәртебе санайды."
CLAUSE_N12 = {"clause": {"en": "confirming receipt of {{ refs.n12 }}", "ru": "подтверждая получение {{ refs.n12.gen }}",
                         "kk": "{{ refs.n12 | acc }} алғанын растай отырып"}}


def generate(tmp_path, workspace: str, spec: dict, formulas: dict | None = None) -> dict[str, list[tuple[str, str]]]:
    """The spec written into a copy of ``examples/<workspace>`` (with the office's ``formulas`` per language),
    built, and each language's DOCX read back: {lang: [(style, text), ...]}."""
    from docx import Document

    root = tmp_path / workspace
    if not root.exists():
        shutil.copytree(EXAMPLES / workspace, root)
    for lang, own in (formulas or {}).items():
        (root / "termbase" / lang / "formulas.yaml").write_text(yaml.safe_dump(own, allow_unicode=True),
                                                                encoding="utf-8")
    path = root / "notes" / "t.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    built = build(path)
    paragraphs = {}
    for name, data in built.files.items():
        parts = name.split(".")
        if len(parts) == 3 and parts[1] in ("en", "ru", "kk"):
            document = Document(io.BytesIO(data))
            paragraphs[parts[1]] = [(p.style.name.removeprefix("Note "),
                                     " / ".join(line.replace("\u00a0", " ") for line in p.text.split("\n")))
                                    for p in document.paragraphs]
    return paragraphs


def paragraph(paragraphs: list[tuple[str, str]], style: str, index: int = 0) -> str | None:
    found = [text for own, text in paragraphs if own == style]
    return found[index] if len(found) > index else None


def check_rows(tmp_path, rows):
    for workspace, spec, formulas, lang, style, index, expected, rule in rows:
        got = paragraph(generate(tmp_path, workspace, spec, formulas)[lang], style, index)
        assert got == expected, f"{rule}\n got: {got}\nwant: {expected}"


def row_id(row) -> str:
    return f"{row[3]}-{row[4]}-{row[-1][:40]}"


# --- openings: a clause of the note's own, two clauses, a quoted note, a plain purpose with a comma ------------
OPENINGS = [
    ("exchange", {**REPLY, "opening": CLAUSE_N12}, None, "en", "Body", 0,
     f"{EN_OPEN}, confirming receipt of Note No. 12 of 3 March 1978, {EN_TAIL}", "§10 opening.clause (en)"),
    ("exchange", {**REPLY, "opening": CLAUSE_N12}, None, "ru", "Body", 0,
     f"{RU_OPEN}, подтверждая получение ноты N 12 от 3 марта 1978 г., {RU_TAIL}",
     "§10 opening.clause; house label N for a cited note (ru)"),
    ("exchange", {**REPLY, "opening": CLAUSE_N12}, None, "kk", "Body", 0,
     f"{KK_OPEN} 1978 жылғы 3 наурыздағы № 12 нотасын алғанын растай отырып, {KK_TAIL}",
     "§10 opening.clause: Kazakh «…-ын алғанын растай отырып,» before the action"),
    # two clauses: the reference and the note's own clause, each between commas
    ("exchange", {**REPLY, "with_reference_to": "n12", "opening": {"clause": {
        "en": "recalling the agreement reached in Moscow", "ru": "напоминая о договоренности, достигнутой в Москве",
        "kk": "Мәскеуде қол жеткізілген уағдаластықты еске сала отырып"}}}, None, "ru", "Body", 0,
     f"{RU_OPEN}, ссылаясь на ноту N 12 от 3 марта 1978 г., напоминая о договоренности, достигнутой в Москве, "
     f"{RU_TAIL}", "two clauses before «имеет честь»"),
    ("exchange", {**REPLY, "with_reference_to": "n12", "opening": {"clause": {
        "en": "recalling the agreement reached in Moscow", "ru": "напоминая о договоренности, достигнутой в Москве",
        "kk": "Мәскеуде қол жеткізілген уағдаластықты еске сала отырып"}}}, None, "en", "Body", 0,
     f"{EN_OPEN}, with reference to Note No. 12 of 3 March 1978, recalling the agreement reached in Moscow, "
     f"{EN_TAIL}", "two clauses before 'has the honour'"),
    ("exchange", {**REPLY, "with_reference_to": "n12", "opening": {"clause": {
        "en": "recalling the agreement reached in Moscow", "ru": "напоминая о договоренности, достигнутой в Москве",
        "kk": "Мәскеуде қол жеткізілген уағдаластықты еске сала отырып"}}}, None, "kk", "Body", 0,
     f"{KK_OPEN} 1978 жылғы 3 наурыздағы № 12 нотасына сілтеме жасай отырып, Мәскеуде қол жеткізілген "
     f"уағдаластықты еске сала отырып, {KK_TAIL}", "two clauses before «өзіне мәртебе санайды»"),
    # a quoted note inside the opening, its date of this year without the year
    ("exchange", {**REPLY, "opening": {"clause": {
        "en": "with reference to {{ refs.their_note | this_year }} proposing “to hold consultations in Moscow”",
        "ru": "ссылаясь на {{ refs.their_note | this_year }}, содержащую предложение «провести консультации в г. Москве»",
        "kk": "«Мәскеу қаласында консультациялар өткізу» туралы ұсыныс қамтылған {{ refs.their_note | this_year | dat }} "
              "сілтеме жасай отырып"}}}, None, "ru", "Body", 0,
     f"{RU_OPEN}, ссылаясь на ноту Посольства N 123 от 5 марта с.г., содержащую предложение «провести консультации "
     f"в г. Москве», {RU_TAIL}", "a quoted note inside the opening; issuer: short; | this_year"),
    ("exchange", {**REPLY, "opening": {"clause": {
        "en": "with reference to {{ refs.their_note | this_year }} proposing “to hold consultations in Moscow”",
        "ru": "ссылаясь на {{ refs.their_note | this_year }}, содержащую предложение «провести консультации в г. Москве»",
        "kk": "«Мәскеу қаласында консультациялар өткізу» туралы ұсыныс қамтылған {{ refs.their_note | this_year | dat }} "
              "сілтеме жасай отырып"}}}, None, "kk", "Body", 0,
     f"{KK_OPEN} «Мәскеу қаласында консультациялар өткізу» туралы ұсыныс қамтылған Елшіліктің ағымдағы жылғы "
     f"5 наурыздағы № 123 нотасына сілтеме жасай отырып, {KK_TAIL}", "a quoted note; «ағымдағы жылғы»"),
    # a plain purpose that starts with a comma joins without a space (the v2 bug «и , подтверждая»)
    ("exchange", {**REPLY, "opening": "plain", "purpose": {
        "en": ", confirming receipt of {{ refs.n12 }}, has the honour to inform that the consultations are agreed",
        "ru": ", подтверждая получение {{ refs.n12.gen }}, имеет честь сообщить о согласии провести консультации",
        "kk": "{{ refs.n12 | acc }} алғанын растай отырып, консультацияларды өткізуге келісетінін хабарлайды"}},
     None, "ru", "Body", 0, f"{RU_OPEN}, подтверждая получение ноты N 12 от 3 марта 1978 г., {RU_TAIL}",
     "§10: a plain purpose beginning with ',' joins without a space"),
    ("exchange", {**REPLY, "opening": "plain", "purpose": {
        "en": ", confirming receipt of {{ refs.n12 }}, has the honour to inform that the consultations are agreed",
        "ru": ", подтверждая получение {{ refs.n12.gen }}, имеет честь сообщить о согласии провести консультации",
        "kk": "{{ refs.n12 | acc }} алғанын растай отырып, консультацияларды өткізуге келісетінін хабарлайды"}},
     None, "en", "Body", 0, f"{EN_OPEN}, confirming receipt of Note No. 12 of 3 March 1978, {EN_TAIL}",
     "§10: a plain purpose beginning with ','"),
    ("exchange", {**REPLY, "opening": "plain", "purpose": {
        "en": "x", "ru": "x", "kk": ", {{ refs.n12 | acc }} алғанын растай отырып, консультацияларды өткізуге "
                                   "келісетінін хабарлайды"}},
     None, "kk", "Body", 0, f"{KK_OPEN} 1978 жылғы 3 наурыздағы № 12 нотасын алғанын растай отырып, "
                            "консультацияларды өткізуге келісетінін хабарлайды.",
     "§10: the formula's comma and the purpose's comma make one"),
    # the reference phrases built in: default, receipt, reply
    ("exchange", {**REPLY, "with_reference_to": {"ref": "n12", "phrase": "receipt"}}, None, "en", "Body", 0,
     f"{EN_OPEN}, confirming receipt of Note No. 12 of 3 March 1978, {EN_TAIL}", "with_reference_to.receipt"),
    ("exchange", {**REPLY, "with_reference_to": {"ref": "n12", "phrase": "receipt"}}, None, "ru", "Body", 0,
     f"{RU_OPEN}, подтверждая получение ноты N 12 от 3 марта 1978 г., {RU_TAIL}", "with_reference_to.receipt"),
    ("exchange", {**REPLY, "with_reference_to": {"ref": "n12", "phrase": "receipt"}}, None, "kk", "Body", 0,
     f"{KK_OPEN} 1978 жылғы 3 наурыздағы № 12 нотасын алғанын растай отырып, {KK_TAIL}", "with_reference_to.receipt"),
    ("exchange", {**REPLY, "with_reference_to": {"ref": "n12", "phrase": "reply"}}, None, "en", "Body", 0,
     f"{EN_OPEN}, in reply to Note No. 12 of 3 March 1978, {EN_TAIL}", "with_reference_to.reply"),
    ("exchange", {**REPLY, "with_reference_to": {"ref": "n12", "phrase": "reply"}}, None, "ru", "Body", 0,
     f"{RU_OPEN}, в ответ на ноту N 12 от 3 марта 1978 г., {RU_TAIL}",
     "with_reference_to.reply (Молочков: «в ответ на ноту Министерства»)"),
    ("exchange", {**REPLY, "with_reference_to": {"ref": "n12", "phrase": "reply"}}, None, "kk", "Body", 0,
     f"{KK_OPEN} 1978 жылғы 3 наурыздағы № 12 нотасына жауап ретінде, {KK_TAIL}", "with_reference_to.reply"),
]

# an office's own variants: a whole opening sentence, an action, a reference phrase
OWN_OPENINGS = {
    "en": {"opening": {"acknowledging": {"sentence": "{{ sender | capfirst }} presents {{ sender.its }} compliments to "
                                                     "{{ recipients | lower_article }} and acknowledges with thanks "
                                                     "receipt of {{ purpose }}."},
                       "informs": "has the honour to inform {{ recipients | lower_article }} that {{ purpose }}"},
           "with_reference_to": {"further": "further to {{ ref }}"}},
    "ru": {"opening": {"acknowledging": {"sentence": "{{ sender }} свидетельствует свое уважение {{ recipients.dat }} "
                                                     "и с благодарностью подтверждает получение {{ purpose }}."},
                       "informs": "имеет честь сообщить {{ recipients.dat }}, что {{ purpose }}"},
           "with_reference_to": {"further": "в дополнение к {{ ref.dat }}"}},
    "kk": {"opening": {"acknowledging": {"sentence": "{{ sender }} {{ recipients.dat }} өзінің зор ілтипатын білдіре "
                                                     "отырып, {{ purpose }} алғанын ризашылықпен растайды."},
                       "informs": "{{ recipients.dat }} {{ purpose }} хабарлауды өзіне мәртебе санайды"},
           "with_reference_to": {"further": "{{ ref | dat }} қосымша"}},
}
ACK = {**REPLY, "opening": "acknowledging", "purpose": {"en": "{{ refs.their_note }}", "ru": "{{ refs.their_note.gen }}",
                                                        "kk": "{{ refs.their_note | acc }}"}}
OWN_OPENING_ROWS = [
    ("exchange", ACK, OWN_OPENINGS, "en", "Body", 0,
     f"{EN_OPEN} acknowledges with thanks receipt of the Note of the Embassy No. 123 of 5 March 2025.",
     "§10: a whole-sentence variant of the office (opening: NAME)"),
    ("exchange", ACK, OWN_OPENINGS, "ru", "Body", 0,
     f"{RU_OPEN} с благодарностью подтверждает получение ноты Посольства N 123 от 5 марта 2025 г.",
     "§10: a whole-sentence variant; «г.» and the sentence's stop make one"),
    ("exchange", ACK, OWN_OPENINGS, "kk", "Body", 0,
     f"{KK_OPEN} Елшіліктің 2025 жылғы 5 наурыздағы № 123 нотасын алғанын ризашылықпен растайды.",
     "§10: a whole-sentence variant"),
    ("exchange", {**REPLY, "opening": {"action": "informs"},
                  "purpose": {"en": "the consultations are agreed", "ru": "консультации согласованы",
                              "kk": "консультациялардың келісілгенін"}}, OWN_OPENINGS, "en", "Body", 0,
     f"{EN_OPEN} has the honour to inform {EMBASSY_EN} that the consultations are agreed.",
     "§10: an action of the office's own in the built-in frame"),
    ("exchange", {**REPLY, "opening": {"action": "informs"},
                  "purpose": {"en": "the consultations are agreed", "ru": "консультации согласованы",
                              "kk": "консультациялардың келісілгенін"}}, OWN_OPENINGS, "ru", "Body", 0,
     f"{RU_OPEN} имеет честь сообщить {EMBASSY_DAT}, что консультации согласованы.", "an action of the office"),
    ("exchange", {**REPLY, "opening": {"action": "informs"},
                  "purpose": {"en": "the consultations are agreed", "ru": "консультации согласованы",
                              "kk": "консультациялардың келісілгенін"}}, OWN_OPENINGS, "kk", "Body", 0,
     f"{KK_OPEN} {EMBASSY_KK_DAT} консультациялардың келісілгенін хабарлауды өзіне мәртебе санайды.",
     "an action of the office"),
    ("exchange", {**REPLY, "with_reference_to": {"ref": "n12", "phrase": "further"}}, OWN_OPENINGS, "ru", "Body", 0,
     f"{RU_OPEN}, в дополнение к ноте N 12 от 3 марта 1978 г., {RU_TAIL}", "a reference phrase of the office"),
]


@pytest.mark.parametrize("row", OPENINGS + OWN_OPENING_ROWS, ids=row_id)
def test_openings(tmp_path, row):
    check_rows(tmp_path, [row])


# --- references: the issuer's short name, the label N, no number, this year, an office's order, a new kind ------
def purpose_with(en: str, ru: str, kk: str) -> dict:
    return {**REPLY, "opening": "plain", "purpose": {"en": f"refers to {en}", "ru": f"ссылается на {ru}",
                                                     "kk": f"{kk} сілтеме жасайды"}}


RU_ORDER = {"ru": {"refs": {"ref": "{{ kind }}{% if number %} {{ number_label }} {{ number }}{% endif %}"
                                   "{% if date %} {{ words.date }} {{ date }}{% endif %}{% if issuer %} {{ issuer.gen }}{% endif %}"}}}
SECRETARIAT = {"number": "TC/2025/04", "date": "2025-03-20", "recipients": ["tc-parties"],
               "refs": {"previous": {"kind": "notification", "number": "2024/07", "date": "2024-11-18"}},
               "with_reference_to": "previous",
               "purpose": {"en": "inform them of the meeting", "ru": "сообщить о совещании", "kk": "кеңес туралы хабарлауды"}}
REFERENCES = [
    ("exchange", purpose_with("{{ refs.their_note }}", "{{ refs.their_note }}", "{{ refs.their_note | dat }}"), None,
     "en", "Body", 0, f"{EN_OPEN} refers to the Note of the Embassy No. 123 of 5 March 2025.",
     "house issuer: short (the issuer by its short name)"),
    ("exchange", purpose_with("{{ refs.their_note }}", "{{ refs.their_note }}", "{{ refs.their_note | dat }}"), None,
     "ru", "Body", 0, f"{RU_OPEN} ссылается на ноту Посольства N 123 от 5 марта 2025 г.",
     "«ноту Посольства N …»: issuer: short, refs: {note: {number_label: {ru: N}}}"),
    ("exchange", purpose_with("{{ refs.their_note }}", "{{ refs.their_note }}", "{{ refs.their_note | dat }}"), None,
     "kk", "Body", 0, f"{KK_OPEN} Елшіліктің 2025 жылғы 5 наурыздағы № 123 нотасына сілтеме жасайды.",
     "issuer: short in the genitive (Елшіліктің); the Kazakh label stays №"),
    ("exchange", purpose_with("{{ refs.undated | this_year }}", "{{ refs.undated | this_year }}",
                              "{{ refs.undated | this_year | dat }}"), None,
     "en", "Body", 0, f"{EN_OPEN} refers to the Note of the Embassy of 31 January this year.",
     "a cited note without a number; | this_year"),
    ("exchange", purpose_with("{{ refs.undated | this_year }}", "{{ refs.undated | this_year }}",
                              "{{ refs.undated | this_year | dat }}"), None,
     "ru", "Body", 0, f"{RU_OPEN} ссылается на ноту Посольства от 31 января с.г.",
     "«его ноту от 31 января с.г.»: no number, the year left out; «с.г.» and the stop make one"),
    ("exchange", purpose_with("{{ refs.undated | this_year }}", "{{ refs.undated | this_year }}",
                              "{{ refs.undated | this_year | dat }}"), None,
     "kk", "Body", 0, f"{KK_OPEN} Елшіліктің ағымдағы жылғы 31 қаңтардағы нотасына сілтеме жасайды.",
     "«ағымдағы жылғы» (locales/kk/README.md)"),
    ("exchange", {**purpose_with("x", "{{ refs.undated.gen | this_year }}", "x"), "house": {"issuer": "full"},
                  "refs": {**REPLY["refs"], "undated": {"kind": "note", "number": "12-1-2/345", "date": "2025-01-31",
                                                        "of": "mfa-kazakhstan"}}},
     RU_ORDER, "ru", "Body", 0, f"{RU_OPEN} ссылается на ноты N 12-1-2/345 от 31 января с.г. {MFA.replace('Министерство', 'Министерства')}.",
     "the order «N … от … Министерства …» is the office's refs.ref; | this_year after a case form"),
    ("convention", SECRETARIAT, None, "en", "Body", 0,
     "The Secretariat of the Framework Convention for the Protection of the Marine Environment of the Caspian Sea "
     "(Tehran Convention) presents its compliments to the Contracting Parties to the Tehran Convention and, with "
     "reference to Notification No. 2024/07 dated 18 November 2024, has the honour to inform them of the meeting.",
     "a ref kind of the office (refs.kinds.notification: {nom: Notification, date: dated}); compliments to "
     "Parties named in the text"),
    ("convention", SECRETARIAT, None, "ru", "Body", 0,
     "Секретариат Рамочной конвенции по защите морской среды Каспийского моря (Тегеранской конвенции) "
     "свидетельствует свое уважение Договаривающимся Сторонам Тегеранской конвенции и, ссылаясь на уведомление "
     "№ 2024/07 от 18 ноября 2024 г., имеет честь сообщить о совещании.", "a ref kind of the office"),
    ("convention", SECRETARIAT, None, "kk", "Body", 0,
     "Каспий теңізінің теңіз ортасын қорғау жөніндегі негіздемелік конвенцияның (Тегеран конвенциясының) "
     "Хатшылығы Тегеран конвенциясының Уағдаласушы Тараптарына өзінің зор ілтипатын білдіре отырып, 2024 жылғы "
     "18 қарашадағы № 2024/07 хабарламасына сілтеме жасай отырып, кеңес туралы хабарлауды өзіне мәртебе санайды.",
     "a ref kind of the office (possessive: хабарламасына)"),
    ("convention", {**SECRETARIAT, "house": {"refs": {"notification": {"number_label": "Ref."}}}}, None, "en", "Body", 0,
     "The Secretariat of the Framework Convention for the Protection of the Marine Environment of the Caspian Sea "
     "(Tehran Convention) presents its compliments to the Contracting Parties to the Tehran Convention and, with "
     "reference to Notification Ref. 2024/07 dated 18 November 2024, has the honour to inform them of the meeting.",
     "a label per ref kind, one for every language"),
]


@pytest.mark.parametrize("row", REFERENCES, ids=row_id)
def test_references(tmp_path, row):
    check_rows(tmp_path, [row])


# --- layout: no place and date line, the addressee at the top or nowhere, enclosures at the foot --------------
def styles_of(tmp_path, workspace, spec, formulas=None, lang="en") -> list[str]:
    return [style for style, _ in generate(tmp_path, workspace, spec, formulas)[lang]]


@pytest.mark.parametrize("house, order", [
    ({}, ["Letterhead", "Number", "Body", "Body", "PlaceDate", "Addressee"]),
    ({"place_date": "none"}, ["Letterhead", "Number", "Body", "Body", "Addressee"]),
    ({"addressee": "top"}, ["Letterhead", "Number", "AddresseeTop", "Body", "Body", "PlaceDate"]),
    ({"addressee": "top", "place_date": "top"}, ["Letterhead", "Number", "PlaceDateTop", "AddresseeTop", "Body", "Body"]),
    ({"addressee": "none", "place_date": "none"}, ["Letterhead", "Number", "Body", "Body"]),
    ({"enclosures_at": "foot"}, ["Letterhead", "Number", "Body", "Body", "PlaceDate", "Enclosure", "Addressee"]),
])
@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_layout(tmp_path, house, order, lang):
    """NOTE-SPEC §10: place_date: none (the form the UN circulates), addressee: bottom | top | none,
    enclosures_at: body | foot (after the place and date); the layout is templates/note.j2."""
    spec = {**REPLY, "house": house, **({"enclosures": 2} if "Enclosure" in order else {})}
    assert styles_of(tmp_path, "exchange", spec, lang=lang) == order


ENCLOSED = {**REPLY, "house": {"enclosure_pages": False, "enclosures_at": "foot"}}
TITLED = [{"title": {"en": "Programme", "ru": "Программа", "kk": "Бағдарлама"}},
          {"title": {"en": "List of the delegation", "ru": "Список делегации", "kk": "Делегация тізімі"}}]
ENCLOSURES = [
    ("exchange", {**ENCLOSED, "enclosures": 3}, None, "en", "Enclosure", 0, "Enclosure: / as stated",
     "enclosure_pages: false: no page count"),
    ("exchange", {**ENCLOSED, "enclosures": 3}, None, "ru", "Enclosure", 0, "Приложение: / упомянутое",
     "enclosure_pages: false"),
    ("exchange", {**ENCLOSED, "enclosures": 3}, None, "kk", "Enclosure", 0, "Қосымша: / аталған",
     "enclosure_pages: false"),
    ("exchange", {**ENCLOSED, "enclosures": TITLED}, None, "en", "Enclosure", 0,
     "Enclosures: / 1. Programme / 2. List of the delegation", "titled enclosures without pages:"),
    ("exchange", {**ENCLOSED, "enclosures": TITLED}, None, "ru", "Enclosure", 0,
     "Приложение: / 1. Программа / 2. Список делегации", "titled enclosures without pages:"),
    ("exchange", {**ENCLOSED, "enclosures": TITLED}, None, "kk", "Enclosure", 0,
     "Қосымша: / 1. Бағдарлама / 2. Делегация тізімі", "titled enclosures without pages:"),
    ("exchange", {**ENCLOSED, "enclosures": TITLED[:1]}, {"en": {"enclosure_label": "Encl.:",
                                                                  "enclosure_item": "{{ title }}"}},
     "en", "Enclosure", 0, "Encl.: / Programme", "the enclosure label is the office's enclosure_label formula"),
    ("exchange", {**REPLY, "enclosures": [{"title": {"en": "Programme of {{ terms.ru_embassy_astana.short }}",
                                                     "ru": "Программа {{ terms.ru_embassy_astana.gen }}",
                                                     "kk": "{{ terms.ru_embassy_astana.gen }} бағдарламасы"},
                                           "pages": 2}]},
     None, "ru", "Enclosure", 0, "Приложение: / 1. Программа Посольства Российской Федерации в Республике "
                                 "Казахстан — на 2 л.", "an enclosure title takes terms"),
]


@pytest.mark.parametrize("row", ENCLOSURES, ids=row_id)
def test_enclosures(tmp_path, row):
    check_rows(tmp_path, [row])


def test_titled_enclosure_needs_pages_unless_the_house_says_not(tmp_path):
    from verbale.errors import NoteError

    with pytest.raises(NoteError) as caught:
        generate(tmp_path, "exchange", {**REPLY, "enclosures": TITLED})
    assert "enclosures[0].pages: required field is missing" in str(caught.value)
    assert "enclosure_pages: false" in str(caught.value)


# --- headings and subject lines --------------------------------------------------------------------------------
NOTIFICATION = {**SECRETARIAT, "heading": {"en": ["NOTIFICATION", "No. {{ number }}"], "ru": ["УВЕДОМЛЕНИЕ", "№ {{ number }}"],
                                           "kk": ["ХАБАРЛАМА", "№ {{ number }}"]},
                "subject": {"en": "Meeting of {{ terms.tc_parties.short }}", "ru": "Совещание Сторон",
                            "kk": "Тараптардың кеңесі"}}
HEADINGS = [
    ("convention", NOTIFICATION, None, "en", "Heading", 0, "NOTIFICATION / No. TC/2025/04",
     "heading: lines above the number line; {{ number }} inside"),
    ("convention", NOTIFICATION, None, "ru", "Heading", 0, "УВЕДОМЛЕНИЕ / № TC/2025/04", "heading"),
    ("convention", NOTIFICATION, None, "kk", "Heading", 0, "ХАБАРЛАМА / № TC/2025/04", "heading"),
    ("convention", NOTIFICATION, None, "en", "Number", 0, None,
     "the office's formula number: \"\" renders to nothing: no number line"),
    ("convention", NOTIFICATION, None, "en", "Subject", 0, "Subject: Meeting of the Contracting Parties",
     "subject: after the number line, the label Subject:; terms inside"),
    ("convention", NOTIFICATION, None, "ru", "Subject", 0, "Тема: Совещание Сторон", "subject_label «Тема:»"),
    ("convention", NOTIFICATION, None, "kk", "Subject", 0, "Тақырыбы: Тараптардың кеңесі",
     "subject_label «Тақырыбы:» (locales/kk/README.md)"),
    ("convention", {**NOTIFICATION, "house": {"subject_label": ""}}, None, "ru", "Subject", 0, "Совещание Сторон",
     "subject_label \"\" prints the subject alone"),
    ("convention", {**NOTIFICATION, "house": {"subject_label": {"en": "Re:"}}}, None, "en", "Subject", 0,
     "Re: Meeting of the Contracting Parties", "a house's subject_label per language"),
    ("convention", {**NOTIFICATION, "house": {"subject_label": {"en": "Re:"}}}, None, "kk", "Subject", 0,
     "Тақырыбы: Тараптардың кеңесі", "a label set for English leaves the others"),
    ("un-mission", {"number": "none", "date": "2024-03-06", "recipients": ["un-secretary-general"],
                    "heading": {"en": "Note verbale dated {{ date }} from {{ sender }} addressed to the Secretary-General",
                                "ru": "Вербальная нота {{ sender.gen }} от {{ date }} на имя Генерального секретаря",
                                "kk": "{{ sender.gen }} Бас хатшының атына жолдаған {{ date | attr }} вербалдық нотасы"},
                    "purpose": {"en": "x", "ru": "x", "kk": "x"}}, None, "ru", "Heading", 0,
     "Вербальная нота Постоянного представительства Казахстана при Организации Объединенных Наций от 6 марта 2024 года "
     "на имя Генерального секретаря", "a heading with facts: the United Nations' form; year_word: long"),
]


@pytest.mark.parametrize("row", HEADINGS, ids=row_id)
def test_headings_and_subjects(tmp_path, row):
    check_rows(tmp_path, [row])


def test_heading_and_subject_positions(tmp_path):
    """The heading above the number line, the subject after it (NOTE-SPEC §10)."""
    spec = {**REPLY, "heading": {"en": "H", "ru": "H", "kk": "H"}, "subject": {"en": "S", "ru": "S", "kk": "S"}}
    for lang in ("en", "ru", "kk"):
        assert styles_of(tmp_path, "exchange", spec, lang=lang) == [
            "Letterhead", "Heading", "Number", "Subject", "Body", "Body", "PlaceDate", "Addressee"]


# --- closings: a named variant over no addressee, a request merged in, the sender in full ------------------------
NO_RECIPIENTS = {**REPLY, "recipients": [], "closing": "highest"}
CLOSINGS = [
    ("exchange", NO_RECIPIENTS, None, "en", "Body", 1,
     "The Ministry avails itself of this opportunity to renew the assurances of its highest consideration.",
     "§10: with recipients: [] a closing the spec names is printed, over no addressee"),
    ("exchange", NO_RECIPIENTS, None, "ru", "Body", 1,
     "Министерство пользуется случаем, чтобы возобновить уверения в своем весьма высоком уважении.", "§10"),
    ("exchange", NO_RECIPIENTS, None, "kk", "Body", 1,
     "Министрлік осы мүмкіндікті пайдалана отырып, өзінің зор ілтипатын тағы да растайды.", "§10"),
    ("exchange", NO_RECIPIENTS, None, "ru", "Addressee", 0, None, "no addressee without recipients"),
    ("exchange", {**REPLY, "recipients": []}, None, "en", "Body", 1, None,
     "v1: no closing without recipients unless the spec names one"),
    ("convention", {**SECRETARIAT, "closing": "with-thanks"}, None, "en", "Body", 1,
     "The Secretariat would be grateful for the timely payment of the contributions and avails itself of this "
     "opportunity to renew to the Contracting Parties to the Tehran Convention the assurances of its highest "
     "consideration.", "a request merged into the closing: a whole sentence of the office"),
    ("convention", {**SECRETARIAT, "closing": "with-thanks"}, None, "ru", "Body", 1,
     "Секретариат будет признателен за своевременную уплату взносов и пользуется случаем, чтобы возобновить "
     "Договаривающимся Сторонам Тегеранской конвенции уверения в своем весьма высоком уважении.", "the same, ru"),
    ("convention", {**SECRETARIAT, "closing": "with-thanks"}, None, "kk", "Body", 1,
     "Хатшылық жарналардың уақтылы төленгені үшін алдын ала алғыс білдіреді және осы мүмкіндікті пайдалана отырып, "
     "Тегеран конвенциясының Уағдаласушы Тараптарына өзінің зор ілтипатын тағы да растайды.", "the same, kk"),
    ("exchange", {**REPLY, "closing": "assurance"},
     {"en": {"closing": {"assurance": {"sentence": "{{ sender.short | capfirst }} avails {{ sender.itself }} of this "
                                                   "opportunity to renew to {{ recipients | lower_article }} the "
                                                   "assurance of {{ sender.its }} {{ consideration }}.",
                                       "consideration": "highest consideration"}}},
      "ru": {"closing": {"assurance": "весьма высоком уважении"}},
      "kk": {"closing": {"assurance": "зор ілтипатын"}}}, "en", "Body", 1,
     f"The Ministry avails itself of this opportunity to renew to {EMBASSY_EN} the assurance of its highest "
     "consideration.", "'the assurance' (singular): a variant sentence with its own consideration"),
    ("exchange", {**REPLY, "closing": "assurance"},
     {"en": {"closing": {"assurance": "highest consideration"}},
      "ru": {"closing": {"assurance": "весьма высоком уважении"}},
      "kk": {"closing": {"assurance": "зор ілтипатын"}}}, "ru", "Body", 1,
     f"Министерство пользуется случаем, чтобы возобновить {EMBASSY_DAT} уверения в своем весьма высоком уважении.",
     "a text variant goes into the built-in frame"),
    ("un-mission", {"number": "none", "date": "2024-03-06", "recipients": ["un-secretary-general"],
                    "purpose": {"en": "x", "ru": "x", "kk": "x"}, "closing": "in-full"}, None, "en", "Body", 1,
     "The Permanent Mission of Kazakhstan to the United Nations avails itself of this opportunity to renew to the "
     "Secretary-General of the United Nations the assurances of its highest consideration.",
     "the closing naming the sender in full"),
    ("un-mission", {"number": "none", "date": "2024-03-06", "recipients": ["un-secretary-general"],
                    "purpose": {"en": "x", "ru": "x", "kk": "x"}, "closing": "in-full"}, None, "kk", "Body", 1,
     "Қазақстанның Біріккен Ұлттар Ұйымы жанындағы Тұрақты өкілдігі осы мүмкіндікті пайдалана отырып, Біріккен "
     "Ұлттар Ұйымының Бас хатшысына өзінің зор ілтипатын тағы да растайды.", "the sender in full, kk"),
]


# Real notes tried in the acceptance round (rlang): their lines, each made by data.
# Молочков, «Дипломатический протокол и дипломатическая практика» (1979), образец вербальной ноты: «Посольство
# пользуется этим случаем, чтобы возобновить Министерству уверения в своем весьма высоком уважении» -- the
# recipient by its short name in the closing, and a whole sentence that places the consideration the recipient is
# owed without naming one of its own; the Ramsar Convention's Diplomatic Note 2021/5 (9 July 2021): "The Secretariat
# of the Convention on Wetlands respectfully avails itself of this opportunity to renew to … the assurance of its
# highest consideration."
THIS_OCCASION = {
    "en": {"closing": {"this-occasion": {"sentence": "{{ sender.short | capfirst }} avails {{ sender.itself }} of this "
                                                     "occasion to renew to {{ recipients.short | lower_article }} the "
                                                     "assurances of {{ sender.its }} {{ consideration }}."}}},
    "ru": {"closing": {"this-occasion": {"sentence": "{{ sender.short }} пользуется этим случаем, чтобы возобновить "
                                                     "{{ recipients.short_dat }} уверения в своем {{ consideration }}."}}},
    "kk": {"closing": {"this-occasion": {"sentence": "{{ sender.short }} осы мүмкіндікті пайдалана отырып, "
                                                     "{{ recipients.short_dat }} өзінің {{ consideration }} тағы да "
                                                     "растайды."}}},
}
CLOSINGS += [
    ("exchange", {**REPLY, "closing": "this-occasion"}, THIS_OCCASION, "ru", "Body", 1,
     "Министерство пользуется этим случаем, чтобы возобновить Посольству уверения в своем высоком уважении.",
     "Молочков: the recipient's short name in its case (derived), the consideration it is owed (closing: high)"),
    ("exchange", {**REPLY, "closing": "this-occasion"}, THIS_OCCASION, "en", "Body", 1,
     "The Ministry avails itself of this occasion to renew to the Embassy the assurances of its high consideration.",
     "the consideration the recipient's entry says it is owed (high)"),
    ("exchange", {**REPLY, "closing": "this-occasion"}, THIS_OCCASION, "kk", "Body", 1,
     "Министрлік осы мүмкіндікті пайдалана отырып, Елшілікке өзінің жоғары ілтипатын тағы да растайды.",
     "the short name in the dative by the suffix rules (Елшілік -> Елшілікке)"),
    ("exchange", {**REPLY, "recipients": [], "opening": "compliments-only",
                  "purpose": {"en": "refer to the following:", "ru": "сослаться на следующее:",
                              "kk": "мынаған сілтеме жасауды"}},
     {"en": {"opening": {"compliments-only": {"sentence": "{{ sender | capfirst }} presents {{ sender.its }} "
                                                          "compliments and has the honour to {{ purpose }}."}}},
      "ru": {"opening": {"compliments-only": {"sentence": "{{ sender }} свидетельствует свое уважение и имеет честь "
                                                          "{{ purpose }}."}}},
      "kk": {"opening": {"compliments-only": {"sentence": "{{ sender }} өзінің зор ілтипатын білдіре отырып, "
                                                          "{{ purpose }} өзіне мәртебе санайды."}}}}, "en", "Body", 0,
     "The Ministry of Foreign Affairs of the Republic of Kazakhstan presents its compliments and has the honour to "
     "refer to the following:",
     "Ramsar Diplomatic notification 2000/3: compliments to no addressee; the colon takes no stop"),
    ("exchange", {**REPLY, "opening": {"clause": {"en": "with reference to {{ refs.n12 }}, which reads as follows:",
                                                  "ru": "ссылаясь на {{ refs.n12 | numeric('yy') }} со следующим "
                                                        "содержанием:",
                                                  "kk": "{{ refs.n12 | dat }} сілтеме жасай отырып"},
                                       "action": "honour"}}, None, "ru", "Body", 0,
     f"{RU_OPEN}, ссылаясь на ноту N 12 от 03.03.78 г. со следующим содержанием: {RU_TAIL}",
     "the note of 18 March 1996 of the Greek Ministry (БМД 96-10): a clause ending in a colon takes no comma after it"),
]


@pytest.mark.parametrize("row", CLOSINGS, ids=row_id)
def test_closings(tmp_path, row):
    check_rows(tmp_path, [row])


# --- formats: sums with the currency's symbol, dates of this year, dates in figures, the range dash -----------
FACTS = {"amounts": {"c": {"value": 50000, "currency": "USD"}},
         "dates": {"this": "2025-03-06", "other": "2024-03-06", "old": "1996-03-18"},
         "periods": {"fair": {"from": "2025-11-18", "to": "2025-11-26"}}}


def said(en: str, ru: str, kk: str, house: dict | None = None) -> dict:
    spec = {**REPLY, **FACTS, "opening": "plain", "purpose": {"en": f"notes {en}", "ru": f"отмечает {ru}",
                                                              "kk": f"{kk} атап өтеді"}}
    return {**spec, "house": house} if house else spec


def row(spec, lang, expected_tail, rule, formulas=None):
    opening = {"en": f"{EN_OPEN} notes", "ru": f"{RU_OPEN} отмечает", "kk": KK_OPEN}[lang]
    stop = "" if expected_tail.endswith(".") else "."   # the careful typist's one stop
    expected = f"{opening} {expected_tail}{stop}" if lang != "kk" else f"{opening} {expected_tail} атап өтеді."
    return ("exchange", spec, formulas, lang, "Body", 0, expected, rule)


SYMBOL = said("{{ amounts.c }}", "{{ amounts.c }}", "{{ amounts.c }}", {"currency": "symbol"})
FORMATS = [
    row(SYMBOL, "en", "US$ 50,000", "currency: symbol (United Nations usage: US$ 50,000)"),
    row(SYMBOL, "ru", "50 000 долл. США", "currency: symbol: «долл. США» (ГОСТ Р 7.0.12-2011: доллар — долл.)"),
    row(SYMBOL, "kk", "50 000 АҚШ долл.", "currency: symbol (locales/kk/README.md)"),
    row(said("{{ amounts.c }}", "{{ amounts.c }}", "{{ amounts.c }}"), "en", "50,000 US Dollars",
        "a currency name as the office capitalises it (the office's currencies:)",
        {"en": {"currencies": {"USD": {"one": "US Dollar", "other": "US Dollars"}}}}),
    row(said("{{ dates.this | this_year }}", "{{ dates.this | this_year }}", "{{ dates.this | this_year }}"), "en",
        "6 March this year", "| this_year: a date in the note's year"),
    row(said("{{ dates.this | this_year }}", "{{ dates.this | this_year }}", "{{ dates.this | this_year }}"), "ru",
        "6 марта с.г.", "| this_year: «с.г.» (сего года), the stop not doubled"),
    row(said("{{ dates.this | this_year }}", "{{ dates.this | this_year }}", "{{ dates.this | this_year }}"), "kk",
        "ағымдағы жылғы 6 наурыз", "| this_year: «ағымдағы жылғы» (locales/kk/README.md)"),
    row(said("x", "x", "{{ dates.this | this_year | loc }} өткен кездесуді"), "kk",
        "ағымдағы жылғы 6 наурызда өткен кездесуді", "| this_year then a case: the suffix on the month"),
    row(said("x", "x", "{{ dates.this | attr | this_year }} кездесуді"), "kk",
        "ағымдағы жылғы 6 наурыздағы кездесуді", "a case then | this_year: the same form of the variant"),
    row(said("{{ dates.other | this_year }}", "{{ dates.other | this_year }}", "{{ dates.other | this_year }}"), "ru",
        "6 марта 2024 г.", "| this_year leaves a date of another year whole"),
    row(said("{{ dates.this | this_year }}", "x", "x", {"date_order": "month-day"}), "en", "March 6 this year",
        "| this_year in a month-day house"),
    row(said("{{ dates.old | numeric }}", "{{ dates.old | numeric }}", "{{ dates.old | numeric }}"), "en",
        "18.03.1996", "| numeric"),
    row(said("{{ dates.old | numeric }}", "{{ dates.old | numeric }}", "{{ dates.old | numeric }}"), "ru",
        "18.03.1996 г.", "| numeric: «18.03.1996 г.»"),
    row(said("{{ dates.old | numeric }}", "{{ dates.old | numeric }}", "{{ dates.old | numeric }}"), "kk",
        "18.03.1996 ж.", "| numeric: «18.03.1996 ж.» (Әділет's usage, locales/kk/README.md)"),
    row(said("{{ dates.old | numeric('yy') }}", "{{ dates.old | numeric('yy') }}", "{{ dates.old | numeric('yy') }}"),
        "ru", "18.03.96 г.", "| numeric('yy')"),
    row(said("{{ dates.old | numeric('yy') }}", "{{ dates.old | numeric('yy') }}", "{{ dates.old | numeric('yy') }}"),
        "en", "18.03.96", "| numeric('yy')"),
    row(said("x", "{{ dates.old | numeric }}", "x", {"year_word": "long"}), "ru", "18.03.1996 года",
        "| numeric in a house of «года»"),
    row(said("{{ refs.n12 | numeric }}", "{{ refs.n12 | numeric }}", "{{ refs.n12 | numeric | dat }}"), "ru",
        "ноту N 12 от 03.03.1978 г.", "| numeric on a ref writes its date so"),
    row(said("{{ refs.n12 | numeric }}", "{{ refs.n12 | numeric }}", "{{ refs.n12 | numeric | dat }}"), "en",
        "Note No. 12 of 03.03.1978", "| numeric on a ref"),
    row(said("x", "x", "{{ refs.n12 | numeric }}"), "kk", "03.03.1978 ж. № 12 нотасы",
        "| numeric on a Kazakh ref: «ж.» is the attributive itself"),
    row(said("x", "x", "{{ periods.fair }}"), "kk", "2025 жылғы 18–26 қараша аралығында",
        "range_dash: en (default); a period reads as an adverbial (NOTE-SPEC §6)"),
    row(said("x", "x", "{{ periods.fair }}", {"range_dash": "hyphen"}), "kk", "2025 жылғы 18-26 қараша аралығында",
        "range_dash: hyphen"),
    row(said("{{ periods.fair | nom }}", "{{ periods.fair | nom }}", "{{ periods.fair | nom }}", {"range_dash": "hyphen"}),
        "en", "18-26 November 2025", "range_dash: hyphen on the noun phrase (| nom)"),
    row(said("{{ periods.fair | nom }}", "{{ periods.fair | nom }}", "{{ periods.fair | nom }}", {"range_dash": "hyphen"}),
        "ru", "18-26 ноября 2025 г.", "range_dash: hyphen on the noun phrase (| nom)"),
    row(said("{{ periods.fair | nom }}", "{{ periods.fair | nom }}", "{{ periods.fair | nom }}", {"range_dash": "hyphen"}),
        "kk", "2025 жылғы 18-26 қараша", "range_dash: hyphen on the noun phrase (| nom)"),
]


@pytest.mark.parametrize("row", FORMATS, ids=row_id)
def test_formats(tmp_path, row):
    check_rows(tmp_path, [row])


def test_this_year_is_for_dates_and_refs(tmp_path):
    from verbale.errors import NoteError

    with pytest.raises(NoteError) as caught:
        generate(tmp_path, "exchange", said("{{ amounts.c | this_year }}", "x", "x"))
    assert "purpose.en: amounts.c: | this_year is for dates, periods and refs" in str(caught.value)


# --- punctuation that joins as a careful typist's ------------------------------------------------------------------
PUNCTUATION = [
    ("exchange", {**REPLY, "purpose": {"en": "refer to the following:", "ru": "сообщить о следующем:",
                                       "kk": "мынаны хабарлауды:"}, "paragraphs": [
        {"en": "1. Dates.", "ru": "1. Сроки.", "kk": "1. Мерзімдер."}]}, None, "en", "Body", 0,
     f"{EN_OPEN} has the honour to refer to the following:", "§10: no second stop after ':' (v2: 'following:.')"),
    ("exchange", {**REPLY, "purpose": {"en": "refer to the following:", "ru": "сообщить о выполнении формальностей:",
                                       "kk": "x"}}, None, "ru", "Body", 0,
     f"{RU_OPEN} имеет честь сообщить о выполнении формальностей:", "§10 (v2: «формальностей:.»)"),
    ("exchange", {**REPLY, "opening": "plain", "purpose": {"en": "asks whether the dates suit the Embassy?",
                                                           "ru": "x", "kk": "x"}}, None, "en", "Body", 0,
     f"{EN_OPEN} asks whether the dates suit the Embassy?", "no stop after '?'"),
    ("exchange", {**REPLY, **FACTS, "paragraphs": [{"en": "The reply is expected by {{ dates.this }}.",
                                                    "ru": "Ответ ожидается до {{ dates.this }}.",
                                                    "kk": "Жауап {{ dates.this | dat }} дейін күтіледі."}]},
     None, "ru", "Body", 1, "Ответ ожидается до 6 марта 2025 г.", "a fact ending in «г.» and the clerk's stop make one"),
    ("exchange", {**REPLY, "opening": {"clause": {"en": "x", "ru": "подтверждая получение ноты,", "kk": "x"}}},
     None, "ru", "Body", 0, f"{RU_OPEN}, подтверждая получение ноты, {RU_TAIL}",
     "a clause's own comma and the formula's make one"),
]


@pytest.mark.parametrize("row", PUNCTUATION, ids=row_id)
def test_punctuation(tmp_path, row):
    check_rows(tmp_path, [row])


DEPOSITARY = {**REPLY, "recipients": [], "opening": {"clause": {
    "en": "acting in its capacity as depositary", "ru": "действуя в качестве депозитария",
    "kk": "депозитарий ретінде әрекет ете отырып"}, "action": "plain"},
    "purpose": {"en": "communicates the following:", "ru": "сообщает следующее:", "kk": "мынаны хабарлайды:"}}


@pytest.mark.parametrize("lang, expected", [
    ("en", f"{MFA_EN}, acting in its capacity as depositary, communicates the following:"),
    ("ru", f"{MFA}, действуя в качестве депозитария, сообщает следующее:"),
    ("kk", f"{MFA_KK} депозитарий ретінде әрекет ете отырып, мынаны хабарлайды:"),
])
def test_a_depositary_opening_without_compliments(tmp_path, lang, expected):
    """locales/README.md, worked example 3: a clause and a plain purpose ending in ':' with no compliments."""
    assert paragraph(generate(tmp_path, "exchange", DEPOSITARY)[lang], "Body") == expected


def test_a_kind_names_its_own_formulas_and_layout():
    """Formulas grouped by document kind (NOTE-SPEC §11 is built on this): `kinds.<kind>.NAME` before `NAME`, and
    `layout` names the template."""
    from verbale.compose.formulas import formula_source, layout_name
    from verbale.facts.termbase import default_termbase

    termbase = default_termbase()
    assert layout_name(termbase, "en") == "note"
    assert formula_source(termbase, "en", "enclosure_label", kind="aide-memoire") == \
        formula_source(termbase, "en", "enclosure_label")

    class Own:   # a termbase whose English formulas have a kind of their own
        formulas = {"en": {**termbase.formulas["en"], "kinds": {"aide-memoire": {"layout": "aide-memoire",
                                                                               "title": "AIDE-MÉMOIRE"}}}}
        workspace_root = None
    assert layout_name(Own, "en", "aide-memoire") == "aide-memoire"
    assert formula_source(Own, "en", "title", kind="aide-memoire") == "AIDE-MÉMOIRE"
    assert formula_source(Own, "en", "title") == termbase.formulas["en"]["title"]


def test_a_recipient_may_be_owed_a_closing_of_the_office(tmp_path):
    """A recipient's entry names the closing it is owed, a variant of the office's own (`closing: with-thanks`);
    an unknown one is a located problem naming where variants live."""
    from verbale.errors import NoteError

    root = tmp_path / "convention"
    shutil.copytree(EXAMPLES / "convention", root)
    terms = root / "termbase" / "terms.yaml"
    terms.write_text(terms.read_text(encoding="utf-8").replace("tc-parties: {kind: recipient}",
                                                               "tc-parties: {kind: recipient, closing: with-thanks}"),
                     encoding="utf-8")
    closing = paragraph(generate(tmp_path, "convention", SECRETARIAT)["en"], "Body", 1)
    assert closing.startswith("The Secretariat would be grateful for the timely payment of the contributions")
    terms.write_text(terms.read_text(encoding="utf-8").replace("with-thanks", "warmest"), encoding="utf-8")
    with pytest.raises(NoteError) as caught:
        generate(tmp_path, "convention", SECRETARIAT)
    assert "tc-parties.closing: 'tc-parties' is owed an unknown closing 'warmest' (use one of high, highest, none, " \
           "with-thanks in the termbase's entry" in str(caught.value)
