"""A reply's reference names the addressee once: `issuer: pronoun` on a ref of the note's one addressee writes
"its Note" / «его ноту» / «оның … нотасына» (locales/en, ru, kk README.md, "A reply's reference"), and the label
of a cited number never ends a line ("No.\u00a010663"). Each row: the ref's addressee, the phrase, the expected
words of the opening, written out."""
from __future__ import annotations

import pytest

from verbale.cli.generate import main

WORKSPACE = {
    "verbale.yaml": "sender: cica-secretariat\nplace: astana\n",
    "termbase/terms.yaml": "eu-delegation: {kind: recipient}\nunesco-office: {kind: recipient}\n"
                           "undp: {kind: recipient}\n",
    "termbase/en/terms.yaml": (
        "eu-delegation:\n  nom: the Delegation of the European Union to the Republic of Kazakhstan\n"
        "  address: [DELEGATION OF THE EUROPEAN UNION]\n"
        "unesco-office:\n  nom: the UNESCO Office in Almaty\n  address: [UNESCO OFFICE IN ALMATY]\n"
        "undp:\n  nom: UNDP\n  address: [UNDP]\n"),
    "termbase/ru/terms.yaml": (
        "eu-delegation:\n  nom: Миссия Европейского союза в Республике Казахстан\n"
        "  gen: Миссии Европейского союза в Республике Казахстан\n"
        "  dat: Миссии Европейского союза в Республике Казахстан\n  address: [МИССИЯ ЕВРОПЕЙСКОГО СОЮЗА]\n"
        # an abbreviation gives pymorphy3 no head noun: the pronoun is written (ЮНЕСКО is an «организация», f.)
        "unesco-office:\n  nom: ЮНЕСКО\n  gen: ЮНЕСКО\n  dat: ЮНЕСКО\n  pronoun: ее\n  address: [ЮНЕСКО]\n"
        # the same without its pronoun written: refused, never guessed «его» (test_an_abbreviation_…)
        "undp:\n  nom: ПРООН\n  gen: ПРООН\n  dat: ПРООН\n  address: [ПРООН]\n"),
    "termbase/kk/terms.yaml": (
        "eu-delegation:\n  nom: Еуропалық одақтың Қазақстан Республикасындағы Өкілдігі\n  possessive: true\n"
        "  address: [ЕУРОПАЛЫҚ ОДАҚТЫҢ ӨКІЛДІГІ]\n"
        "unesco-office:\n  nom: ЮНЕСКО-ның Алматы кеңсесі\n  possessive: true\n  address: [ЮНЕСКО]\n"
        "undp:\n  nom: БҰҰДБ\n  address: [БҰҰДБ]\n"),
}

SPEC = """\
number: 12
date: 2026-03-10
recipients: [{recipient}]
with_reference_to: {{ref: their-note, phrase: {phrase}}}
refs:
  their-note: {{kind: note, number: 10663/2, date: 2026-03-02, of: {recipient}, issuer: {issuer}}}
purpose:
  en: inform
  ru: сообщить
  kk: хабарлауды
"""

ROWS = [  # (recipient, phrase, issuer, lang, the words expected in the opening)
    # a neuter head noun: «его» (Розенталь: «его» names another than the subject, «свой» the subject)
    ("mfa-russia", "default", "pronoun", "ru", "Министерству иностранных дел Российской Федерации и, ссылаясь на его "
                                              "ноту №\u00a010663/2 от 2\u00a0марта 2026\u00a0г., имеет честь сообщить"),
    ("mfa-russia", "receipt", "pronoun", "ru", "и, подтверждая получение его ноты №\u00a010663/2 от 2\u00a0марта "
                                              "2026\u00a0г., имеет честь"),
    ("mfa-russia", "reply", "pronoun", "ru", "и, в ответ на его ноту №\u00a010663/2 от 2\u00a0марта 2026\u00a0г., "
                                            "имеет честь"),
    # a feminine head noun: «ее» (е for ё, as the formulas write «своем»)
    ("eu-delegation", "default", "pronoun", "ru", "Миссии Европейского союза в Республике Казахстан и, ссылаясь на ее "
                                                 "ноту №\u00a010663/2 от 2\u00a0марта 2026\u00a0г., имеет честь"),
    ("unesco-office", "default", "pronoun", "ru", "свидетельствует свое уважение ЮНЕСКО и, ссылаясь на ее ноту"),
    ("mfa-russia", "default", "pronoun", "en", "to the Ministry of Foreign Affairs of the Russian Federation and, "
                                              "with reference to its Note No.\u00a010663/2 of 2\u00a0March 2026, has "
                                              "the honour to inform"),
    ("mfa-russia", "receipt", "pronoun", "en", "and, confirming receipt of its Note No.\u00a010663/2 of 2\u00a0March "
                                              "2026, has the honour"),
    ("eu-delegation", "reply", "pronoun", "en", "and, in reply to its Note No.\u00a010663/2 of 2\u00a0March 2026, has"),
    # Kazakh: the possessive pronoun «оның» before the possessive noun «нотасы»; the reflexive «өзінің» is the
    # sender's, «оның» another's (Қазақ грамматикасы, 2002, on «өз»)
    ("mfa-russia", "default", "pronoun", "kk", "Ресей Федерациясының Сыртқы істер министрлігіне өзінің зор ілтипатын "
                                              "білдіре отырып, оның 2026\u00a0жылғы 2\u00a0наурыздағы №\u00a010663/2 "
                                              "нотасына сілтеме жасай отырып, хабарлауды өзіне мәртебе санайды."),
    ("eu-delegation", "receipt", "pronoun", "kk", "білдіре отырып, оның 2026\u00a0жылғы 2\u00a0наурыздағы "
                                                 "№\u00a010663/2 нотасын алғанын растай отырып, хабарлауды"),
    ("mfa-russia", "reply", "pronoun", "kk", "отырып, оның 2026\u00a0жылғы 2\u00a0наурыздағы №\u00a010663/2 нотасына "
                                            "жауап ретінде, хабарлауды"),
    # the issuer named in full, as before (v2): the label still binds to the number
    ("mfa-russia", "default", "full", "en", "with reference to the Note of the Ministry of Foreign Affairs of the "
                                           "Russian Federation No.\u00a010663/2 of 2\u00a0March 2026,"),
    ("mfa-russia", "default", "full", "ru", "ссылаясь на ноту Министерства иностранных дел Российской Федерации "
                                           "№\u00a010663/2 от 2\u00a0марта 2026\u00a0г.,"),
    ("mfa-russia", "default", "full", "kk", "Ресей Федерациясының Сыртқы істер министрлігінің 2026\u00a0жылғы "
                                           "2\u00a0наурыздағы №\u00a010663/2 нотасына сілтеме жасай отырып"),
]


@pytest.fixture
def workspace(tmp_path):
    for name, text in WORKSPACE.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("recipient, phrase, issuer, lang, expected", ROWS)
def test_the_reference_of_a_reply_names_the_addressee_once(workspace, recipient, phrase, issuer, lang, expected):
    spec = workspace / "reply.yaml"
    spec.write_text(SPEC.format(recipient=recipient, phrase=phrase, issuer=issuer), encoding="utf-8")
    assert main([str(spec), "-o", str(workspace / "out")]) == 0
    from docx import Document

    opening = [p.text for p in Document(str(workspace / "out" / f"reply.{lang}.docx")).paragraphs if "10663/2" in p.text]
    assert len(opening) == 1 and expected in opening[0], opening


@pytest.mark.parametrize("recipients, line", [
    ("[mfa-china]", "'pronoun' writes \"its Note\" for the note's one addressee, and mfa-russia is not it "
                    "(recipients: mfa-china)"),
    ("[mfa-russia, mfa-china]", "'pronoun' writes \"its Note\" for the note's one addressee, and mfa-russia is not it "
                                "(recipients: mfa-russia, mfa-china)"),
])
def test_a_pronoun_that_would_name_another_office_is_refused(workspace, capsys, recipients, line):
    spec = workspace / "reply.yaml"
    spec.write_text(SPEC.format(recipient="mfa-russia", phrase="default", issuer="pronoun")
                    .replace("recipients: [mfa-russia]", f"recipients: {recipients}"), encoding="utf-8")
    assert main([str(spec), "-o", str(workspace / "out")]) == 1
    assert f"reply.yaml:6: refs.their-note.issuer: {line} (name the issuer (issuer: full or short), or address the " \
           "note to it alone)" in capsys.readouterr().err
    assert not (workspace / "out").exists()


def test_an_abbreviation_without_its_pronoun_is_refused_not_guessed(workspace, capsys):
    """ПРООН is feminine by its head word (Программа развития ООН: «ее ноту»; Розенталь, род аббревиатур), which
    its letters do not tell: the tool wrote «его ноту»; now the entry is asked for its pronoun, nothing written."""
    spec = workspace / "reply.yaml"
    spec.write_text(SPEC.format(recipient="undp", phrase="default", issuer="pronoun"), encoding="utf-8")
    assert main([str(spec), "-o", str(workspace / "out")]) == 1
    err = capsys.readouterr().err
    assert "refs.their-note.issuer: 'undp' is named ПРООН in ru, an abbreviation: the pronoun takes its head " \
           "word's gender, which its letters do not tell (write `pronoun: ее` (or его, их) in 'undp' of " \
           "termbase/ru/terms.yaml" in err, err
    assert not (workspace / "out").exists()
