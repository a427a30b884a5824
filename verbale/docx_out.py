"""DOCX output: a thin layer that places finished strings into named styles.

No grammar decisions here: every string arrives finished from ``compose``.
"""
from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from functools import lru_cache

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from . import styles as house
from .compose import Note

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}


def _set_fonts(rpr, lang: str | None) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), house.FONT)
    if lang:
        language = rpr.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            rpr.append(language)
        for slot in ("w:val", "w:eastAsia", "w:bidi"):
            language.set(qn(slot), house.PROOFING[lang])


def _add_styles(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = house.FONT
    normal.font.size = house.SIZE
    _set_fonts(normal.element.get_or_add_rPr(), None)
    normal.paragraph_format.space_after = 0
    normal.paragraph_format.line_spacing = 1.0
    for name, settings in house.STYLES.items():
        style = document.styles.add_style(house.style_name(name), WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        fmt = style.paragraph_format
        fmt.alignment = settings["align"]
        fmt.space_after = settings.get("after", 0)
        fmt.space_before = settings.get("before", 0)
        if "indent" in settings:
            fmt.first_line_indent = settings["indent"]
        if settings.get("keep"):
            fmt.keep_together = True
        style.font.bold = settings.get("bold", False)
        style.font.italic = settings.get("italic", False)
        style.font.size = settings.get("size", house.SIZE)


def _page(section, landscape: bool = False) -> None:
    width, height = house.PAGE["width"], house.PAGE["height"]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    section.top_margin, section.bottom_margin = house.PAGE["top"], house.PAGE["bottom"]
    section.left_margin, section.right_margin = house.PAGE["left"], house.PAGE["right"]


@lru_cache(maxsize=1)
def _house_template() -> bytes:
    document = Document()
    _add_styles(document)
    _page(document.sections[0])
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _new_document():
    return Document(io.BytesIO(_house_template()))


def _add_lines(paragraph, lines, lang: str) -> None:
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        _set_fonts(run._r.get_or_add_rPr(), lang)
        if index < len(lines) - 1:
            run.add_break()


def _add_note(document, note: Note, first: bool) -> None:
    for index, element in enumerate(note.elements):
        paragraph = document.add_paragraph(style=house.style_name(element.style))
        if index == 0 and not first:
            paragraph.paragraph_format.page_break_before = True
        _add_lines(paragraph, element.lines, note.lang)


def _properties(document, note: Note, title: str | None = None) -> None:
    props = document.core_properties
    moment = dt.datetime.combine(note.date, dt.time(0, 0))
    props.title = title or note.title
    props.author = note.author
    props.last_modified_by = note.author
    props.language = house.PROOFING[note.lang]
    props.created = props.modified = moment
    props.last_printed = moment
    props.revision = 1
    props.comments = ""
    props.subject = note.number
    props.keywords = "note verbale"


def _deterministic(document) -> bytes:
    """The document's bytes with fixed zip entry times and order, so one spec always gives one file."""
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        ordered = ["[Content_Types].xml"] + sorted(n for n in names if n != "[Content_Types].xml")
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()


def note_docx(note: Note) -> bytes:
    document = _new_document()
    _add_note(document, note, first=True)
    _properties(document, note)
    return _deterministic(document)


def combined_docx(notes: list[Note]) -> bytes:
    """All language versions in one document, each starting on a new page (the seeds' form)."""
    document = _new_document()
    for index, note in enumerate(notes):
        _add_note(document, note, first=index == 0)
    _properties(document, notes[0])
    return _deterministic(document)


def review_docx(notes: list[Note], findings: list[str]) -> bytes:
    """The versions side by side: one column per language, one row per element; the check's findings last."""
    document = _new_document()
    _page(document.sections[0], landscape=True)
    names: list[str] = []
    for note in notes:
        names += [e.name for e in note.elements if e.name not in names]
    table = document.add_table(rows=1, cols=len(notes) + 1)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    heading = ["element"] + [LANGUAGE_NAMES[n.lang] for n in notes]
    for cell, text in zip(table.rows[0].cells, heading):
        cell.paragraphs[0].style = document.styles[house.style_name("ReviewHeading")]
        _add_lines(cell.paragraphs[0], [text], notes[0].lang)
    for name in names:
        cells = table.add_row().cells
        cells[0].paragraphs[0].style = document.styles[house.style_name("ReviewHeading")]
        _add_lines(cells[0].paragraphs[0], [name], "en")
        for cell, note in zip(cells[1:], notes):
            element = note.element(name)
            cell.paragraphs[0].style = document.styles[house.style_name("ReviewCell")]
            _add_lines(cell.paragraphs[0], list(element.lines) if element else ["—"], note.lang)
    _repeat_header(table)
    document.add_paragraph(style=house.style_name("ReviewHeading")).add_run("Cross-language check")
    for line in findings or ["All facts agree across the language versions."]:
        _add_lines(document.add_paragraph(style=house.style_name("ReviewCell")), [line], "en")
    _properties(document, notes[0], title=f"Review: {notes[0].title}")
    return _deterministic(document)


def _repeat_header(table) -> None:
    row_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row_pr.append(header)
