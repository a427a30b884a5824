"""A personal note speaks to its addressee ("Excellency, … I have the honour"): the addressee's own note, cited with
`issuer: pronoun`, is "your Note" / «Вашу ноту» / «Сіздің … нотаңыз», not the note verbale's third person ("its
Note", «его ноту», «оның … нотасы») — the formulas.yaml of each language, kinds.personal-note.refs; the rule and its
sources: locales/<lang>/README.md, «Document kinds».  Each row: the ref's kind, the phrase, the language, the
opening of the first paragraph of the body, written out.  The workspace is examples/registry (the addressee a woman
ambassador: the pronoun does not follow the addressee's gender, unlike «ее ноту»)."""
from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, docx_paragraphs
from verbale.build import build, write_outputs

SPEC = """\
kind: personal-note
number: "17-1/95"
date: 2026-03-12
sender: kz-ambassador-moscow
recipients: [{recipient}]
with_reference_to: {{ref: theirs, phrase: {phrase}}}
refs:
  theirs: {{kind: {kind}, number: "10663", date: 2026-03-02, of: {recipient}, issuer: pronoun}}
purpose:
  en: inform you
  ru: сообщить
  kk: хабарлауды
"""

ROWS = [  # (recipient, ref kind, phrase, lang, the body's first sentence)
    # English: the second person, as the note addresses its reader (Satow's Diplomatic Practice, 7th ed.: "your Note")
    ("ambassador-france-moscow", "note", "receipt", "en",
     "Confirming receipt of your Note No. 10663 of 2 March 2026, I have the honour to inform you."),
    ("minister-russia", "note", "reply", "en",
     "In reply to your Note No. 10663 of 2 March 2026, I have the honour to inform you."),
    ("minister-russia", "letter", "default", "en",
     "With reference to your letter No. 10663 of 2 March 2026, I have the honour to inform you."),
    # Russian: «Ваш» with a capital (polite address to one person: Лопатин, «Прописная или строчная?»), agreeing
    # with the kind noun's gender and case: f «Вашу ноту» (acc), «Вашей ноты» (gen); n «Ваше письмо», «Вашего письма»
    ("ambassador-france-moscow", "note", "receipt", "ru",
     "Подтверждая получение Вашей ноты № 10663 от 2 марта 2026 г., имею честь сообщить."),
    ("minister-russia", "note", "default", "ru",
     "Ссылаясь на Вашу ноту № 10663 от 2 марта 2026 г., имею честь сообщить."),
    ("minister-russia", "note", "reply", "ru",
     "В ответ на Вашу ноту № 10663 от 2 марта 2026 г., имею честь сообщить."),
    ("minister-russia", "letter", "receipt", "ru",
     "Подтверждая получение Вашего письма № 10663 от 2 марта 2026 г., имею честь сообщить."),
    ("minister-russia", "letter", "default", "ru",
     "Ссылаясь на Ваше письмо № 10663 от 2 марта 2026 г., имею честь сообщить."),
    # Kazakh: «Сіздің» and the second-person polite possessive (-ңыз after a vowel, -ыңыз after a consonant; back
    # vowels here), then the case: нотаңызды (acc), нотаңызға (dat), хатыңызға (Қазақ грамматикасы, 2002)
    ("ambassador-france-moscow", "note", "receipt", "kk",
     "Сіздің 2026 жылғы 2 наурыздағы № 10663 нотаңызды алғанымды растай отырып, хабарлауды өзіме "
     "мәртебе санаймын."),
    ("minister-russia", "note", "default", "kk",
     "Сіздің 2026 жылғы 2 наурыздағы № 10663 нотаңызға сілтеме жасай отырып, хабарлауды өзіме "
     "мәртебе санаймын."),
    ("minister-russia", "letter", "reply", "kk",
     "Сіздің 2026 жылғы 2 наурыздағы № 10663 хатыңызға жауап ретінде, хабарлауды өзіме мәртебе "
     "санаймын."),
    # a front-vowel stem: келісім → келісіміңізге (-іңіз, then -ге)
    ("minister-russia", "agreement", "default", "kk",
     "Сіздің 2026 жылғы 2 наурыздағы № 10663 келісіміңізге сілтеме жасай отырып, хабарлауды өзіме "
     "мәртебе санаймын."),
]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("personal-ref") / "registry"
    shutil.copytree(ROOT / "examples" / "registry", root, ignore=shutil.ignore_patterns("out", "*.sqlite*"))
    (root / "verbale.yaml").write_text((root / "verbale.yaml").read_text(encoding="utf-8").replace(
        "register: register.sqlite", ""), encoding="utf-8")
    return root


@pytest.mark.parametrize("recipient, kind, phrase, lang, expected", ROWS,
                         ids=[f"{r[1]}-{r[2]}-{r[3]}" for r in ROWS])
def test_a_personal_note_calls_the_addressees_note_yours(workspace, recipient, kind, phrase, lang, expected):
    name = f"{kind}-{phrase}-{recipient}"
    spec = workspace / "notes" / f"{name}.yaml"
    spec.write_text(SPEC.format(recipient=recipient, kind=kind, phrase=phrase), encoding="utf-8")
    out = workspace / "out" / name
    write_outputs(build(spec), out, force=True)
    body = [text for style, text in docx_paragraphs(out / f"{name}.{lang}.docx") if style == "Note Body"]
    assert body[0] == expected


def test_a_note_verbale_still_says_its_note(workspace):
    """The note verbale names its addressee in the third person: «его ноту» is unchanged."""
    name = "verbale-reply"
    spec = workspace / "notes" / f"{name}.yaml"
    spec.write_text(SPEC.format(recipient="mfa-russia", kind="note", phrase="default").replace(
        "kind: personal-note\n", "").replace("sender: kz-ambassador-moscow\n", ""), encoding="utf-8")
    out = workspace / "out" / name
    write_outputs(build(spec), out, force=True)
    body = [text for style, text in docx_paragraphs(out / f"{name}.ru.docx") if style == "Note Body"]
    assert "и, ссылаясь на его ноту № 10663 от 2 марта 2026 г., имеет честь сообщить" in body[0]
