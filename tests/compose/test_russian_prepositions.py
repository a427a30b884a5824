"""Russian о/об, в/во, с/со before an inserted name, date or figure, and before a typed word (round lang4).

Rule (locales/ru/README.md, «Prepositions»; Розенталь, «Справочник по правописанию и литературной правке», предлоги;
Русская грамматика, 1980, § 1660): «об» before the vowels а и о у э (об Аммане, об итогах; «о» before е ё ю я);
«во», «со» before a cluster that starts with в/ф, с/з/ш/ж/щ (во Владивостоке, со Швецией); before figures by how
they are read (об 11 — одиннадцати; со 2 марта — второго; в 2 раза — два). A clerk writes «о {{ terms.x.prep }}»
once; the name that comes decides, in the generated DOCX. A preposition the clerk typed before a word is pointed out.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from verbale.cli import main as verbale
from verbale.compose.lint import lint_text

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "registry"

JOINS = [  # (the clerk's text, the text in the DOCX, the rule)
    ("о {{ terms.amman.prep }}", "об Аммане", "а: об"),
    ("об {{ terms.moscow.prep }}", "о Москве", "м: о (the clerk's «об» corrected)"),
    ("о {{ terms.vienna.prep }}", "о Вене", "в + vowel: о"),
    ("в {{ terms.vladivostok.prep }}", "во Владивостоке", "вл: во"),
    ("в {{ terms.vienna.prep }}", "в Вене", "ве: в"),
    ("с {{ terms.sweden.ins }}", "со Швецией", "шв: со"),
    ("с {{ terms.kz_counsellor_moscow.ins }}", "с советником Посольства Аскаром Жумабаевым", "со: с + vowel"),
    ("с {{ dates.second }}", "со 2\u00a0марта 2026\u00a0г.", "второго: со"),
    ("с {{ dates.twelfth }}", "с 12\u00a0марта 2026\u00a0г.", "двенадцатого: с"),
    ("о {{ terms.kz_counsellor_moscow.prep }}", "о советнике Посольства Аскаре Жумабаеве", "с: о"),
    ("в {{ terms.frg.prep }}", "в ФРГ", "an abbreviation read by letters (эф-эр-гэ): the clerk's preposition stays"),
    ("со {{ terms.smi.ins }}", "со СМИ", "an abbreviation read as a word: the clerk's preposition stays"),
    ("с {{ terms.usa.ins }}", "с США", "сэ-шэ-а: the clerk's preposition stays"),
    ("о {{ terms.odkb.prep }}", "об ОДКБ", "an abbreviation beginning with a vowel: об"),
]


@pytest.fixture
def workspace(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "registry"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("register.sqlite", "incoming", "out", "notes"))
    (root / "notes").mkdir()
    with open(root / "termbase" / "terms.yaml", "a", encoding="utf-8") as neutral:
        neutral.write("vladivostok: {kind: place}\nsweden: {kind: recipient}\n"
                      "frg: {kind: body}\nsmi: {kind: body}\nusa: {kind: body}\nodkb: {kind: body}\n")
    with open(root / "termbase" / "ru" / "terms.yaml", "a", encoding="utf-8") as forms:
        forms.write("vladivostok: {nom: Владивосток, gen: Владивостока, prep: Владивостоке, line: город Владивосток}\n"
                    "sweden: {nom: Швеция, gen: Швеции, dat: Швеции, ins: Швецией, address: [ШВЕЦИЯ]}\n"
                    "frg: {nom: ФРГ, prep: ФРГ}\nsmi: {nom: СМИ, ins: СМИ}\nusa: {nom: США, ins: США}\n"
                    "odkb: {nom: ОДКБ, prep: ОДКБ}\n")
    monkeypatch.chdir(root)
    return root


def test_the_preposition_before_an_inserted_text_in_the_docx(workspace, capsys):
    purpose = "; ".join(text for text, _, _ in JOINS)
    (workspace / "notes" / "p.yaml").write_text(
        "number: 04-1/9\ndate: 2026-03-10\nrecipients: [mfa-russia]\nlanguages: [ru]\n"
        "dates: {second: 2026-03-02, twelfth: 2026-03-12}\n"
        f"purpose: {{ru: 'сообщить: {purpose}'}}\n", encoding="utf-8")
    assert verbale(["generate", "notes/p.yaml", "-o", "out"]) == 0, capsys.readouterr().err
    text = "\n".join(p.text for p in docx.Document(str(workspace / "out" / "p.ru.docx")).paragraphs)
    expected = "; ".join(words for _, words, _ in JOINS)
    assert f"имеет честь сообщить: {expected}." in text


TYPED = [  # (a clerk's text, the warning; None: right)
    ("об итогах визита", None), ("о итогах визита", "the preposition before «итогах» is «об» (об итогах)"),
    ("во Франции", None), ("в Франции", "the preposition before «Франции» is «во» (во Франции)"),
    ("со Словакией", None), ("с Словакией", "the preposition before «Словакией» is «со» (со Словакией)"),
    ("об Москве", "the preposition before «Москве» is «о» (о Москве)"),
    ("о Европе", None), ("в Вашингтоне", None), ("с сотрудниками", None), ("в 2 раза", None),
    ("со 2 марта", None), ("с 2 марта", "the preposition before «2 марта» is «со» (со 2 марта)"),
    ("во 2-м квартале", None), ("в 2-м квартале", "the preposition before «2-м квартале» is «во» (во 2-м квартале)"),
    ("об 11 встречах", None), ("о 11 встречах", "the preposition before «11 встречах» is «об» (об 11 встречах)"),
    ("о 1 000 долларах", None), ("обо всем", None), ("об {{ terms.x.prep }}", None),
    ("в ФРГ", None), ("во ВНИИ", None), ("с США", None), ("со СМИ", None),   # abbreviations: the clerk's reading
    ("со 2 по 5 марта", None), ("с 2 по 5 марта", "the preposition before «2 по 5 марта» is «со» (со 2 по 5 марта)"),
    ("с 2 по 5 человек", None), ("о мне", "the preposition before «мне» is «обо» (обо мне)"), ("о всех вопросах", None),
    ("о всемирном", None),
    ("в 2-х экземплярах", None), ("с 2-мя приложениями", None), ("в 5-ти экземплярах", None),   # двух, двумя, пяти
]


@pytest.mark.parametrize("text, warning", TYPED, ids=[t for t, _ in TYPED])
def test_a_typed_preposition(text, warning):
    assert [w.split(": ", 2)[2] for w in lint_text("purpose.ru", "ru", text)] == ([warning] if warning else [])
