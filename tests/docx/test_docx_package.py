"""The DOCX files are correct Word documents: structure, styles, proofing languages, typography, properties."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import NOTES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
FILES = ["17-1-624.en.docx", "17-1-624.ru.docx", "17-1-624.kk.docx", "17-1-624.docx", "17-1-624.review.docx",
         "17-1-298.kk.docx", "osce-brussels-2006.en.docx"]


def xml(path: Path, part: str):
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(part))


@pytest.mark.parametrize("file", FILES)
def test_package_structure_word_is_strict_about(sample_out, file):
    with zipfile.ZipFile(sample_out / file) as package:
        assert package.testzip() is None
        names = package.namelist()
        assert names[0] == "[Content_Types].xml"
        types = etree.fromstring(package.read("[Content_Types].xml"))
        overrides = {o.get("PartName") for o in types.iter(f"{CT}Override")}
        defaults = {d.get("Extension") for d in types.iter(f"{CT}Default")}
        for name in names:
            assert f"/{name}" in overrides or name.rsplit(".", 1)[-1] in defaults, f"{name} has no content type"
            data = package.read(name)
            assert not CONTROL.search(data.decode("utf-8")), f"control character in {name}"
            if name.endswith((".xml", ".rels")):
                etree.fromstring(data)  # well-formed
        for rels in (n for n in names if n.endswith(".rels")):
            base = rels.replace("_rels/", "").removesuffix(".rels")
            folder = base.rsplit("/", 1)[0] + "/" if "/" in base else ""
            for rel in etree.fromstring(package.read(rels)).iter(f"{REL}Relationship"):
                assert folder + rel.get("Target") in names, f"{rels} points to a missing part"
        assert all(f"/{n}" in names or n == "/[Content_Types].xml" or n.lstrip("/") in names for n in overrides)


@pytest.mark.parametrize("file, lang", [("17-1-624.en.docx", "en-GB"), ("17-1-624.ru.docx", "ru-RU"),
                                        ("17-1-624.kk.docx", "kk-KZ")])
def test_the_document_defaults_carry_the_face_and_the_notes_language(sample_out, file, lang):
    """A paragraph a clerk adds is checked in the note's language; the face is set once, in the defaults."""
    defaults = xml(sample_out / file, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults.find(f"{W}lang").get(f"{W}val") == lang
    fonts = defaults.find(f"{W}rFonts")
    assert {fonts.get(f"{W}{slot}") for slot in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Times New Roman"}
    assert defaults.find(f"{W}sz").get(f"{W}val") == "26"


@pytest.mark.parametrize("file", ["17-1-624.en.docx", "17-1-624.ru.docx", "17-1-624.kk.docx", "17-1-624.docx",
                                  "17-1-624.review.docx"])
def test_runs_carry_only_what_differs_from_their_style(sample_out, file):
    """No face, size, bold or italic on a run: changing a style in Word changes every paragraph of it."""
    for run in xml(sample_out / file, "word/document.xml").iter(f"{W}r"):
        properties = run.find(f"{W}rPr")
        assert properties is None or [etree.QName(c).localname for c in properties] == ["lang"]


# Each line of the bilingual letterhead is checked in its own language (by script: Latin is English,
# Cyrillic with a Kazakh letter is Kazakh); the rest of the note is in the document's default language.
@pytest.mark.parametrize("file, letterhead, rest", [
    ("17-1-624.en.docx", ["en-GB", "en-GB", "ru-RU", "ru-RU"], {"en-GB"}),
    ("17-1-624.ru.docx", ["en-GB", "en-GB", "ru-RU", "ru-RU"], {"ru-RU"}),
    ("17-1-624.kk.docx", ["kk-KZ", "kk-KZ", "en-GB", "en-GB"], {"kk-KZ"})])
def test_every_line_is_proofed_in_its_own_language(sample_out, file, letterhead, rest):
    default = xml(sample_out / file, "word/styles.xml").find(f".//{W}rPrDefault/{W}rPr/{W}lang").get(f"{W}val")
    paragraphs = xml(sample_out / file, "word/document.xml").iter(f"{W}p")
    languages = []
    for paragraph in paragraphs:
        lines = []
        for run in paragraph.iter(f"{W}r"):
            lang = run.find(f"{W}rPr/{W}lang")
            lines += [default if lang is None else lang.get(f"{W}val")] * len(run.findall(f"{W}t"))
        languages.append(lines)
    assert languages[0] == letterhead
    assert {lang for lines in languages[1:] for lang in lines} == rest


def test_combined_file_carries_each_language_in_its_own_section(sample_out):
    """Each version starts a section (a new page, its first-page header, pages numbered from 1) whose
    runs carry their language where it differs from the first version's."""
    body = xml(sample_out / "17-1-624.docx", "word/document.xml").find(f"{W}body")
    paragraphs = body.findall(f"{W}p")
    ends = [i for i, p in enumerate(paragraphs) if p.find(f"{W}pPr/{W}sectPr") is not None]
    assert len(ends) == 2 and body[-1].tag == f"{W}sectPr"
    for section in [paragraphs[i].find(f"{W}pPr/{W}sectPr") for i in ends] + [body[-1]]:
        assert section.find(f"{W}pgNumType").get(f"{W}start") == "1"
        assert section.find(f"{W}titlePg") is not None
    ru, kk = paragraphs[ends[0] + 1], paragraphs[ends[1] + 1]
    assert ru.find(f".//{W}lang").get(f"{W}val") == "ru-RU" and kk.find(f".//{W}lang").get(f"{W}val") == "kk-KZ"
    assert paragraphs[1].find(f".//{W}lang") is None  # English, the document's default


def test_every_paragraph_is_in_a_named_house_style(sample_out):
    from docx import Document

    document = Document(str(sample_out / "17-1-624.ru.docx"))
    names = {p.style.name for p in document.paragraphs}
    assert names == {"Note Letterhead", "Note Number", "Note Urgency", "Note Body", "Note Enclosure",
                     "Note PlaceDate", "Note Addressee"}
    body = document.styles["Note Body"]
    assert body.paragraph_format.first_line_indent is not None and body.paragraph_format.alignment == 3  # justified
    assert document.styles["Note Letterhead"].font.bold and document.styles["Note Letterhead"].paragraph_format.alignment == 1
    assert document.styles["Note Urgency"].paragraph_format.alignment == 2  # right
    assert document.styles["Note Enclosure"].font.italic
    assert document.styles["Note Addressee"].font.bold
    assert all(not r.bold and not r.italic for p in document.paragraphs for r in p.runs), "no direct formatting"


def test_page_is_a4_portrait_with_margins(sample_out):
    from docx import Document
    from docx.shared import Cm

    section = Document(str(sample_out / "17-1-624.en.docx")).sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    for margin in (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin):
        assert Cm(1.9) <= margin <= Cm(3.1)  # about 2–3 cm


def test_review_file_is_landscape_with_a_column_per_language(sample_out):
    from docx import Document

    document = Document(str(sample_out / "17-1-624.review.docx"))
    section = document.sections[0]
    assert section.page_width > section.page_height
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["element", "English", "Русский", "Қазақша"]
    assert [r.cells[0].text for r in table.rows[1:]] == ["letterhead", "number", "urgency", "opening", "enclosure",
                                                        "closing", "place-date", "addressee"]
    assert table.rows[2].cells[2].text == "№\u00a017-1/624"


@pytest.mark.parametrize("file, text", [
    ("17-1-624.en.docx", "№\u00a017-1/624"), ("17-1-624.ru.docx", "2021\u00a0г."),
    ("17-1-624.ru.docx", "г.\u00a0Нур-Султан"), ("17-1-624.ru.docx", "23\u00a0сентября"),
    ("17-1-624.en.docx", "11\u00a0p."), ("17-1-624.ru.docx", "11\u00a0л."), ("17-1-624.kk.docx", "11\u00a0п."),
    ("17-1-624.kk.docx", "24\u00a0қыркүйекте"), ("osce-brussels-2006.en.docx", "Information on CICA – 6\u00a0p."),
])
def test_no_break_spaces_and_dashes(sample_out, file, text):
    body = "".join(t.text for t in xml(sample_out / file, "word/document.xml").iter(f"{W}t"))
    assert text in body
    assert "  " not in body and "\u00a0 " not in body and " \u00a0" not in body


def test_core_properties(sample_out):
    from docx import Document

    props = Document(str(sample_out / "17-1-624.ru.docx")).core_properties
    assert props.title == "Вербальная нота №\u00a017-1/624"
    assert props.author == "Секретариат Совещания по взаимодействию и мерам доверия в Азии (СВМДА)"
    assert props.language == "ru-RU"
    assert props.created.date().isoformat() == props.modified.date().isoformat() == "2021-09-23"
    assert Document(str(sample_out / "17-1-624.en.docx")).core_properties.title == "Note verbale №\u00a017-1/624"


def test_the_same_spec_gives_the_same_bytes():
    from verbale.build import build

    first, second = build(NOTES / "17-1-624.yaml"), build(NOTES / "17-1-624.yaml")
    assert first.files.keys() == second.files.keys()
    assert all(first.files[name] == second.files[name] for name in first.files)


def test_the_same_bytes_in_a_new_process(sample_out, tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    subprocess.run([sys.executable, str(ROOT / "generate.py"), str(NOTES), "-o", str(tmp_path)], check=True,
                   capture_output=True)
    for path in sample_out.iterdir():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


@pytest.mark.parametrize("text, expected", [
    ('Q&A <"x">', "Q&amp;A &lt;&quot;x&quot;&gt;"),
    ("&lt;", "&amp;lt;"),                       # an entity typed in a text is text: its & is escaped
    ("«Декларации» № 4 — 50\u00a0000", "«Декларации» № 4 — 50\u00a0000"),
    ("'", "'"),                                  # attributes are written in double quotes
])
def test_escape(text, expected):
    from verbale.docx.ooxml import escape

    assert escape(text) == expected


def test_escape_is_saxutils_escape():
    """The writer's escape (str.replace, cheaper than str.translate) is xml.sax.saxutils.escape with &quot;."""
    from hypothesis import given, strategies as st
    from xml.sax.saxutils import escape as sax_escape

    from verbale.docx.ooxml import escape

    @given(st.text(alphabet=st.sampled_from('&<>"\'; ;abcЖәқ\u00a0'), max_size=40) | st.text(max_size=40))
    def same(text):
        assert escape(text) == sax_escape(text, {'"': "&quot;"})
    same()
