"""DOCX output: a thin layer that places finished strings into the house styles.

No grammar decisions here: every string arrives finished from ``compose``.  The package's unchanging
parts are built and compressed once per process (``ooxml``, ``zippkg``); each note adds its body and
properties, so the same note always gives the same bytes.
"""
from __future__ import annotations

from functools import lru_cache

from . import marks, ooxml
from .ooxml import escape
from . import styles as house
from ..compose.note import Element, Note
from .blank import Blank
from .zippkg import StaticParts, write_package

LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}


@lru_cache(maxsize=None)
def _static(lang: str, blank: Blank | None) -> StaticParts:
    return StaticParts(ooxml.static_parts(lang, blank))


KAZAKH_LETTERS = frozenset("ӘәҒғҚқҢңӨөҰұҮүҺһІі")


@lru_cache(maxsize=1024)   # pure; a letterhead's lines recur in every note of a batch
def line_language(line: str, default: str) -> str:
    """The proofing language of a letterhead line by its script: Latin is English, Cyrillic with a Kazakh
    letter is Kazakh, other Cyrillic Russian; a line without letters is in the note's language.

    >>> [line_language(l, "kk") for l in ("SECRETARIAT OF THE CONFERENCE", "ШАРАЛАРЫ КЕҢЕСІНІҢ", "И МЕРАМ ДОВЕРИЯ", "№ 5")]
    ['en', 'kk', 'ru', 'kk']
    """
    letters = [c for c in line if c.isalpha()]
    if not letters:
        return default
    if any(c in KAZAKH_LETTERS for c in letters):
        return "kk"
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
    return "ru" if cyrillic * 2 > len(letters) else "en"


def _no_break_hyphens(text: str) -> str:
    """The non-breaking hyphen U+2011 of a finished string as Word's own ``w:noBreakHyphen``: Word and
    LibreOffice draw it with the font's hyphen (Times New Roman and Liberation Serif have no U+2011 glyph)."""
    return text.replace("\u2011", '</w:t><w:noBreakHyphen/><w:t xml:space="preserve">')


def proofing(note: Note) -> str:
    """The note's proofing language: its language (``en``), or the house's own code where it differs (en-US)."""
    own = getattr(note, "proofing", None)
    return note.lang if own in (None, "", house.PROOFING[note.lang]) else own


def _runs(lines, langs, document_lang: str) -> str:
    """The lines as runs, one per stretch of lines in one language; a run in the document's language carries
    no properties (its style and the document's defaults say everything)."""
    runs, current = [], None
    for index, (line, lang) in enumerate(zip(lines, langs)):
        text = f'<w:t xml:space="preserve">{_no_break_hyphens(escape(line))}</w:t>'
        if lang == current:
            runs[-1] += "<w:br/>" + text
            continue
        properties = ooxml.run_properties(lang) if lang != document_lang else ""
        runs.append(properties + ("<w:br/>" if index else "") + text)
        current = lang
    return "".join(f"<w:r>{run}</w:r>" for run in runs)


def paragraph(style: str, lines, lang: str, document_lang: str | None = None, section: str = "",
              line_langs=None) -> str:
    """One paragraph in a house style; several lines are joined by line breaks.  ``section`` ends a section
    with this paragraph (a ``w:sectPr``)."""
    langs = line_langs or [lang] * len(lines)
    frame = house.FRAMES.get(style, "")
    return (f'<w:p><w:pPr><w:pStyle w:val="{house.style_id(style)}"/>{frame}{section}</w:pPr>'
            f'{_runs(lines, langs, document_lang or lang)}</w:p>')


def _emblem(note: Note, picture_id: int) -> str:
    return (f'<w:p><w:pPr><w:pStyle w:val="{house.style_id("Emblem")}"/></w:pPr>'
            f'{ooxml.picture_run(note.emblem, house.EMBLEM_HEIGHT_CM, picture_id)}</w:p>')


def body_elements(note: Note, blank: Blank | None) -> list[Element]:
    """The elements a note's body holds: with a blank, the blank's first-page header replaces the letterhead."""
    return [e for e in note.elements if not (blank and e.style == "Letterhead")]


def body_paragraphs(note: Note, blank: Blank | None = None) -> list[str]:
    """The text of each paragraph of the note's body, as a reader of the DOCX finds it (a line break is ``\n``):
    what the verification mark's hash is made of (``verbale.texthash``)."""
    return ["\n".join(element.lines) for element in body_elements(note, blank)]


class _Extras:
    """What a document adds to the static parts: pictures and headers, their relationships and content types."""

    def __init__(self):
        self.parts: dict[str, bytes] = {}
        self.relations: list[tuple[str, str, str]] = []
        self.headers: list[str] = []

    def add(self, rid: str, kind: str, part: str, data: bytes) -> None:
        self.parts[part] = data
        self.relations.append((rid, kind, part))
        if kind == "header":
            self.headers.append(part)


def _note_body(note: Note, document_lang: str, blank: Blank | None, section: str = "", picture_id: int = 1,
               extras: _Extras | None = None) -> str:
    """The note's paragraphs, under the sender's emblem if it has one; with a blank, the blank's first-page
    header replaces the emblem and the letterhead.  ``section`` (a sectPr) ends the note's own section.  A note
    with the verification mark gets its QR code anchored in its last paragraph, a draft its headers."""
    elements = body_elements(note, blank)
    head = _emblem(note, picture_id) if note.emblem and not blank else ""
    paragraphs, own = [], proofing(note)
    framed_end = bool(elements) and elements[-1].style in house.FRAMES
    for index, element in enumerate(elements):
        langs = [line_language(line, note.lang) for line in element.lines] if element.style == "Letterhead" else None
        langs = [own if lang == note.lang else lang for lang in langs] if langs else None
        ends = index == len(elements) - 1 and not framed_end
        paragraphs.append(paragraph(element.style, element.lines, own, document_lang, section if ends else "", langs))
    if extras is not None and note.qr and note.number and paragraphs:
        line = marks.note_line(note, body_paragraphs(note, blank))
        rid, part = marks.QR_RID.format(index=picture_id), marks.QR_PART.format(index=picture_id)
        extras.add(rid, "image", part, marks.qr_png(line))
        anchor = max(i for i, e in enumerate(elements) if e.style not in house.FRAMES)  # never inside a frame
        paragraphs[anchor] = marks.with_anchor(paragraphs[anchor], marks.anchored_picture_run(
            rid, 100 + picture_id, marks.QR_SIZE_CM, line))
    if framed_end and section:  # a section never ends in a frame: an empty paragraph ends it
        paragraphs.append(f"<w:p><w:pPr>{section}</w:pPr></w:p>")
    if extras is not None and note.draft_mark and f"rIdDraft{note.lang}" not in {r for r, _, _ in extras.relations}:
        blank_header = blank.header.xml if blank and blank.header else None
        first_part = marks.DRAFT_FIRST_PART.format(lang=note.lang)
        extras.add(marks.DRAFT_FIRST_RID.format(lang=note.lang), "header", first_part,
                   marks.draft_first_header(note.draft_mark, blank_header))
        if blank_header is not None and blank.header.rels is not None:   # the blank's pictures, as its header has them
            extras.parts[ooxml._rels_name(first_part)] = blank.header.rels
        extras.add(marks.DRAFT_NEXT_RID.format(lang=note.lang), "header", marks.DRAFT_NEXT_PART.format(lang=note.lang),
                   marks.draft_next_header(note.draft_mark, ooxml.continuation_header()))
    return head + "".join(paragraphs)


def _package(body: str, note: Note, title: str, blank: Blank | None, last_section: str,
             extras: _Extras | None = None) -> bytes:
    core = ooxml.core_xml(title, note.author, house.PROOFING.get(proofing(note), proofing(note)), note.number,
                          note.date)
    parts = {"word/document.xml": ooxml.document_xml(body, last_section), "docProps/core.xml": core}
    emblem = bool(note.emblem and "<pic:cNvPr id=\"0\" name=\"emblem.png\"/>" in body)
    if emblem:
        parts[ooxml.EMBLEM_PART] = note.emblem
    if emblem or (extras and extras.relations):
        relations = tuple(extras.relations) if extras else ()
        parts["word/_rels/document.xml.rels"] = ooxml.document_rels(emblem=emblem, blank=blank, extra=relations)
    if extras and extras.parts:
        parts |= extras.parts
        if extras.headers:
            parts["[Content_Types].xml"] = (ooxml.DECLARATION + ooxml.content_types(blank, tuple(extras.headers))
                                            ).encode("utf-8")
    return write_package(_static(proofing(note), blank), parts)


def note_docx(note: Note, blank: Blank | None = None) -> bytes:
    """One language version; on the office's ``blank`` (its first-page header, footer, page and fonts) if given."""
    extras = _Extras()
    body = _note_body(note, proofing(note), blank, extras=extras)
    return _package(body, note, note.title, blank, ooxml.section(blank, draft=note.lang if note.draft_mark else ""),
                    extras)


def combined_docx(notes: list[Note], blank: Blank | None = None) -> bytes:
    """All language versions in one document (the seeds' form), each in its own section: it starts on a new
    page, with the first-page header again and pages numbered from 1."""
    first = proofing(notes[0])
    sections = [ooxml.section(blank, restart=True, draft=note.lang if note.draft_mark else "") for note in notes]
    extras = _Extras()
    body = "".join(_note_body(note, first, blank, sections[index] if index < len(notes) - 1 else "", index + 1,
                              extras)
                   for index, note in enumerate(notes))
    return _package(body, notes[0], notes[0].title, blank, sections[-1], extras)


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
    heading += [paragraph("ReviewHeading", [LANGUAGE_NAMES[n.lang]], n.lang, "en") for n in notes]
    rows = ['<w:tr><w:trPr><w:tblHeader/></w:trPr>' + "".join(map(_cell, widths, heading)) + "</w:tr>"]
    for name in names:
        cells = [paragraph("ReviewHeading", [name], "en")]
        for note in notes:
            element: Element | None = note.element(name)
            cells.append(paragraph("ReviewCell", list(element.lines) if element else ["—"], note.lang, "en"))
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
        paragraph("ReviewFindings", [heading], "en") + "".join(paragraph("ReviewCell", [line], "en") for line in lines)
        for heading, lines in sections)
    first = notes[0]
    core = ooxml.core_xml(f"Review: {first.title}", first.author, house.PROOFING[first.lang], first.number, first.date)
    parts = {"word/document.xml": ooxml.document_xml(body, ooxml.section(landscape=True, headers=False)),
             "docProps/core.xml": core}
    return write_package(_static("en", None), parts)
