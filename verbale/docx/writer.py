"""DOCX output: a thin layer that places finished strings into the house styles.

No grammar decisions here: every string arrives finished from ``compose``.  The package's unchanging
parts are built and compressed once per process (``ooxml``, ``zippkg``); each note adds its body and
properties, so the same note always gives the same bytes.
"""
from __future__ import annotations

from functools import lru_cache

from . import ooxml
from .ooxml import escape
from . import styles as house
from ..compose.note import Element, Note
from .zippkg import StaticParts, write_package

LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}


@lru_cache(maxsize=1)
def _static() -> StaticParts:
    return StaticParts(ooxml.static_parts())


@lru_cache(maxsize=None)
def _run_properties(lang: str) -> str:
    return ooxml.run_properties(lang)


def _no_break_hyphens(text: str) -> str:
    """The non-breaking hyphen U+2011 of a finished string as Word's own ``w:noBreakHyphen``: Word and
    LibreOffice draw it with the font's hyphen (Times New Roman and Liberation Serif have no U+2011 glyph)."""
    return text.replace("\u2011", '</w:t><w:noBreakHyphen/><w:t xml:space="preserve">')


def paragraph(style: str, lines, lang: str, page_break: bool = False) -> str:
    """One paragraph in a house style; several lines are joined by line breaks, one run in ``lang``."""
    breaks = "<w:pageBreakBefore/>" if page_break else ""
    text = "<w:br/>".join(f'<w:t xml:space="preserve">{_no_break_hyphens(escape(line))}</w:t>' for line in lines)
    return (f'<w:p><w:pPr><w:pStyle w:val="{house.style_id(style)}"/>{breaks}</w:pPr>'
            f'<w:r>{_run_properties(lang)}{text}</w:r></w:p>')


def _emblem(note: Note, page_break: bool, picture_id: int) -> str:
    breaks = "<w:pageBreakBefore/>" if page_break else ""
    return (f'<w:p><w:pPr><w:pStyle w:val="{house.style_id("Emblem")}"/>{breaks}</w:pPr>'
            f'{ooxml.picture_run(note.emblem, house.EMBLEM_HEIGHT_CM, picture_id)}</w:p>')


def proofing(note: Note) -> str:
    """The note's proofing language: its house's (en-US spelling) or its language's."""
    return note.proofing or house.PROOFING[note.lang]


def _note_body(note: Note, page_break: bool = False, picture_id: int = 1) -> str:
    """The note's paragraphs, under the sender's emblem if it has one."""
    head = _emblem(note, page_break, picture_id) if note.emblem else ""
    breaks = page_break and not head
    return head + "".join(paragraph(e.style, e.lines, proofing(note), breaks and i == 0)
                          for i, e in enumerate(note.elements))


def _package(body: str, note: Note, title: str, landscape: bool = False) -> bytes:
    core = ooxml.core_xml(title, note.author, proofing(note), note.number, note.date)
    parts = {"word/document.xml": ooxml.document_xml(body, landscape), "docProps/core.xml": core}
    if note.emblem and "<w:drawing>" in body:
        parts |= {ooxml.EMBLEM_PART: note.emblem, "word/_rels/document.xml.rels": ooxml.document_rels(emblem=True)}
    return write_package(_static(), parts)


def note_docx(note: Note) -> bytes:
    return _package(_note_body(note), note, note.title)


def combined_docx(notes: list[Note]) -> bytes:
    """All language versions in one document, each starting on a new page (the seeds' form)."""
    body = "".join(_note_body(note, page_break=index > 0, picture_id=index + 1) for index, note in enumerate(notes))
    return _package(body, notes[0], notes[0].title)


def _cell(width: int, content: str) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{content}</w:tc>'


def review_table(notes: list[Note]) -> str:
    """One row per element of the note, one column per language; the heading row repeats on every page."""
    page = house.REVIEW_PAGE_CM
    usable = ooxml.twips_cm(page["width"] - page["left"] - page["right"])
    first = ooxml.twips_cm(house.REVIEW_FIRST_COLUMN_CM)
    widths = [first] + [(usable - first) // len(notes)] * len(notes)
    names: list[str] = []
    for note in notes:
        names += [e.name for e in note.elements if e.name not in names]
    heading = [paragraph("ReviewHeading", ["element"], "en")]
    heading += [paragraph("ReviewHeading", [LANGUAGE_NAMES[n.lang]], proofing(n)) for n in notes]
    rows = ['<w:tr><w:trPr><w:tblHeader/></w:trPr>' + "".join(map(_cell, widths, heading)) + "</w:tr>"]
    for name in names:
        cells = [paragraph("ReviewHeading", [name], "en")]
        for note in notes:
            element: Element | None = note.element(name)
            cells.append(paragraph("ReviewCell", list(element.lines) if element else ["—"], proofing(note)))
        rows.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(map(_cell, widths, cells)) + "</w:tr>")
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/>'
            '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
            f'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
            + "".join(rows) + "</w:tbl>")


def review_docx(notes: list[Note], disagreements: list[str], lint: list[str], conventions=()) -> bytes:
    """The versions side by side, landscape, with the cross-language check's findings and the lint at the end,
    and the house conventions the note follows where they differ from the defaults (so a reviewer knows that
    «года», "honor" or a missing closing are the house's choice)."""
    sections = [("Cross-language check", disagreements or ["All facts agree across the language versions."]),
                ("Language lint", lint or ["No typing slips found."])]
    if conventions:
        sections.append(("House conventions", list(conventions)))
    body = review_table(notes) + "".join(
        paragraph("ReviewHeading", [heading], "en") + "".join(paragraph("ReviewCell", [line], "en") for line in lines)
        for heading, lines in sections)
    return _package(body, notes[0], f"Review: {notes[0].title}", landscape=True)
