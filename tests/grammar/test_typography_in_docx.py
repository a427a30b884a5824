"""The typography of issue #14 through to the DOCX (and, where LibreOffice is installed, to the printed page)."""
from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import zipfile

import pytest

from verbale.cli.generate import main

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NBSP = "\u00a0"


def document_xml(path) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read("word/document.xml").decode("utf-8")


def generate(tmp_path, write_spec, capsys, **changes):
    spec = write_spec(**changes)
    out = tmp_path / "out"
    assert main([str(spec), "-o", str(out)]) == 0, capsys.readouterr().err
    return out


PURPOSE = {"en": "forward the report of the CICA 6th meeting at 14:00 in {{ 5 | count('hour') }}",
           "ru": "препроводить доклад {{ 6 | ordinal_num('genitive') }} заседания СВМДА в 14:00 за "
                 "{{ 5 | count('hour') }}",
           "kk": "АӨСШК-нің 6-кездесу баяндамасын сағат 14.00-те {{ 5 | count('hour') }} ішінде жолдауды"}


@pytest.fixture
def out(tmp_path, write_spec, capsys):
    return generate(tmp_path, write_spec, capsys, purpose=PURPOSE,
                    enclosures=[{"title": {"en": "Report", "ru": "Доклад", "kk": "Баяндама"}, "pages": 2},
                                {"title": {"en": "Agenda", "ru": "Повестка", "kk": "Күн тәртібі"}, "pages": 1}])


@pytest.mark.parametrize("lang, fragment, rule", [
    ("ru", f"5{NBSP}часов", "a figure and its noun never split, also inside a clerk's text"),
    ("en", f"5{NBSP}hours", "the same in English"),
    ("kk", f"5{NBSP}сағат", "the same in Kazakh"),
    ("ru", f"Доклад{NBSP}— на 2{NBSP}л.", "the enclosure list: a no-break space, an em dash, «на 2 л.»"),
    ("kk", f"Баяндама{NBSP}— 2{NBSP}п.", "the same dash in Kazakh"),
    ("kk", f"2021{NBSP}жылғы 23{NBSP}қыркүйек", "the note's date: the year and «жылғы» never split"),
])
def test_no_break_spaces_and_dashes_reach_the_docx(out, lang, fragment, rule):
    text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", document_xml(out / f"note.{lang}.docx")))
    assert fragment in text, rule


@pytest.mark.parametrize("lang, before, after", [
    ("kk", "АӨСШК", "нің"), ("kk", " 6", "кездесу"), ("kk", "14.00", "те"), ("ru", " 6", "го")])
def test_hyphens_after_figures_and_abbreviations_are_word_no_break_hyphens(out, lang, before, after):
    xml = document_xml(out / f"note.{lang}.docx")
    assert f'{before}</w:t><w:noBreakHyphen/><w:t xml:space="preserve">{after}' in xml
    assert "\u2011" not in xml, "the DOCX holds Word's own element, not the character (fonts lack its glyph)"


def test_word_processors_read_the_no_break_hyphen_as_a_hyphen(out):
    from conftest import docx_paragraphs

    body = " ".join(t for _, t in docx_paragraphs(out / "note.kk.docx"))
    assert "АӨСШК-нің 6-кездесу баяндамасын сағат 14.00-те" in body


def _pdf_lines(docx, tmp_path) -> list[str]:
    profile, pdf_dir = tmp_path / "profile", tmp_path / "pdf"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(pdf_dir), str(docx)], check=True, capture_output=True, timeout=300)
    text = subprocess.run(["pdftotext", "-layout", str(pdf_dir / docx.with_suffix(".pdf").name), "-"],
                          capture_output=True, text=True, check=True).stdout
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def test_no_line_ends_at_a_figures_hyphen_in_libreoffice(tmp_path):
    """Many figures with suffixes in narrow justified lines: with plain hyphens LibreOffice breaks after some of
    them (the control); with the note's non-breaking hyphens it breaks after none."""
    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        pytest.skip("LibreOffice not installed: apt-get install libreoffice-writer-nogui poppler-utils")
    from verbale.compose.note import Element, Note
    from verbale.docx.writer import note_docx
    from verbale.grammar.typography import typeset
    import datetime as dt

    words = "АӨСШК-нің 6-кездесу 14.00-те ҚазҰУ-дың 12-отырыс 10.15-те ТМД-ға 21-тармақ".split()
    text = typeset(" ".join(f"{'x' * (i % 7)} {w}" for i in range(60) for w in words[i % len(words):][:1]), "kk")
    broken = re.compile(r"[\dА-ЯӘҒҚҢӨҰҮҺІ]-$")
    results = {}
    for name, line in (("note", text), ("control", text.replace("\u2011", "-"))):
        note = Note(lang="kk", number="1", date=dt.date(2021, 9, 23), title="t", author="a",
                    elements=(Element("opening", "Note Body", (line,)),))
        path = tmp_path / f"{name}.docx"
        path.write_bytes(note_docx(dataclasses.replace(note)))
        results[name] = [l for l in _pdf_lines(path, tmp_path / name) if broken.search(l)]
    assert results["control"], "the control should break after some plain hyphen"
    assert results["note"] == []


# Round lang4: Russian and Kazakh (Мильчин, Чельцова, «Справочник издателя и автора», неразрывный пробел; ГОСТ 8.417
# for the space before a unit and %): a dash in a clerk's text never starts a line; a figure keeps its unit or scale
# word; the groups of a number written with spaces never split.
CLERK_TYPOGRAPHY = {
    "en": "inform that Astana – the capital – hosts 15% of 1,500,000 visitors",
    "ru": "сообщить, что Астана — столица, где 15 % из 1 500 000 гостей и 1,5 млн долларов, 5 км",
    "kk": "Астана — елорда, 15 % және 1 500 000 қонақ, 1,5 млн доллар, 5 км екенін хабарлауды",
}


@pytest.mark.parametrize("lang, fragment, rule", [
    ("ru", f"Астана{NBSP}— столица", "a dash never starts a line: a no-break space before it"),
    ("ru", f"15{NBSP}%", "% after a no-break space (ГОСТ 8.417)"),
    ("ru", f"1{NBSP}500{NBSP}000 гостей", "a number's groups never split"),
    ("ru", f"1,5{NBSP}млн", "a scale word stays with its figure"),
    ("ru", f"5{NBSP}км", "a unit stays with its figure"),
    ("kk", f"Астана{NBSP}— елорда", "the same in Kazakh"),
    ("kk", f"15{NBSP}%", "the same in Kazakh"),
    ("kk", f"1{NBSP}500{NBSP}000 қонақ", "the same in Kazakh"),
    ("kk", f"1,5{NBSP}млн", "the same in Kazakh"),
    ("en", "Astana – the capital – hosts 15% of 1,500,000", "English is left as typed (its seed's spaced en dash)"),
])
def test_a_clerks_dashes_units_and_numbers(tmp_path, write_spec, capsys, lang, fragment, rule):
    out = generate(tmp_path, write_spec, capsys, purpose=CLERK_TYPOGRAPHY)
    text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", document_xml(out / f"note.{lang}.docx")))
    assert fragment in text, rule


# What the no-break rules must not join (an acceptance review): a year's «г.» and the next sentence's first word,
# a telephone number's groups (not a number in groups of three: +7 717 272 00 00).
@pytest.mark.parametrize("lang, typed, typeset_text, rule", [
    ("ru", "по 31 марта 2026 г. Со 2 апреля", f"по 31{NBSP}марта 2026{NBSP}г. Со 2{NBSP}апреля",
     "«г.» after a year ends its sentence; only «г. Астана» (город) is bound to the name"),
    ("ru", "в г. Астане", f"в г.{NBSP}Астане", "г. (город) stays with its name"),
    ("ru", "телефон +7 717 272 00 00", "телефон +7 717 272 00 00", "a telephone number is not a number's groups"),
    ("kk", "телефон +7 717 272 00 00", "телефон +7 717 272 00 00", "the same in Kazakh"),
    ("ru", "ИНН 123 456 789 012", f"ИНН 123{NBSP}456{NBSP}789{NBSP}012", "groups of three stay together"),
])
def test_what_the_no_break_rules_leave_apart(lang, typed, typeset_text, rule):
    from verbale.grammar.typography import typeset
    assert typeset(typed, lang) == typeset_text, rule
