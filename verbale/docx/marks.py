"""The marks of NOTE-SPEC §12 in a DOCX: the QR verification mark at the foot of the last page, and a draft's
mark in the header of every page.

The QR code is a floating picture anchored in the note's last paragraph, at the bottom right of the text area of
that (last) page; it has no text, so the note's text (``verbale.texthash``) is the same with it or without it.
Its alternative text is the line it holds, so a reader of the DOCX (and ``verbale verify``) can read it without
decoding the picture.  A draft's mark is a paragraph of its own at the top of every page's header (the
first-page header, the blank's if there is one, and the continuation header): Word and LibreOffice print it on
every page and every PDF page carries it as text, as registries write «ПРОЕКТ» at the top right of a draft.
"""
from __future__ import annotations

import io
from functools import lru_cache

from ..texthash import text_sha256, verification_line
from . import styles as house
from .ooxml import A, PIC, DECLARATION, R, W, WP, escape

QR_SIZE_CM = 2.2
QR_PART = "word/media/qr-{index}.png"
QR_RID = "rIdQr{index}"
DRAFT_FIRST_PART = "word/header-draft-{lang}-first.xml"
DRAFT_NEXT_PART = "word/header-draft-{lang}.xml"
DRAFT_FIRST_RID, DRAFT_NEXT_RID = "rIdDraftFirst{lang}", "rIdDraft{lang}"


@lru_cache(maxsize=256)
def qr_png(line: str) -> bytes:
    """The QR code of ``line`` (UTF-8, error correction M) as a PNG; segno writes the same bytes every time.
    segno picks the mask with the lowest penalty (ISO/IEC 18004), most of a code's cost (some 10 ms): the code
    is made once per process for a language version's file and the combined file alike."""
    import segno

    code = segno.make(line, error="m", micro=False, encoding="utf-8", boost_error=False)
    stream = io.BytesIO()
    code.save(stream, kind="png", scale=8, border=4)
    return stream.getvalue()


def note_line(note, paragraphs: list[str]) -> str:
    """The verification line of a note whose body has ``paragraphs``."""
    return verification_line(note.number, note.date.isoformat(), note.sender_key, note.lang, text_sha256(paragraphs))


def anchored_picture_run(rid: str, picture_id: int, size_cm: float, description: str) -> str:
    """A square picture floating at the bottom right of the text area of the page its paragraph is on; the text
    of that page flows around it."""
    emu = round(size_cm * 360000)
    name = f"Verification mark {picture_id}"
    return (f'<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="0" simplePos="0" '
            f'relativeHeight="{251659264 + picture_id}" behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1">'
            '<wp:simplePos x="0" y="0"/>'
            '<wp:positionH relativeFrom="margin"><wp:align>right</wp:align></wp:positionH>'
            '<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align></wp:positionV>'
            f'<wp:extent cx="{emu}" cy="{emu}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            '<wp:wrapSquare wrapText="left"/>'
            f'<wp:docPr id="{picture_id}" name="{name}" descr="{escape(description)}"/>'
            f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{A}" noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            f'<a:graphic xmlns:a="{A}"><a:graphicData uri="{PIC}"><pic:pic xmlns:pic="{PIC}"><pic:nvPicPr>'
            f'<pic:cNvPr id="0" name="qr-{picture_id}.png" descr="{escape(description)}"/><pic:cNvPicPr/>'
            f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch>'
            f'</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{emu}" cy="{emu}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
            '</wp:anchor></w:drawing></w:r>')


def with_anchor(paragraph_xml: str, run: str) -> str:
    """``paragraph_xml`` (one ``w:p``) with ``run`` as its first run, after its properties."""
    end = paragraph_xml.index("</w:pPr>") + len("</w:pPr>")
    return paragraph_xml[:end] + run + paragraph_xml[end:]


def draft_paragraph(mark: str) -> str:
    return (f'<w:p><w:pPr><w:pStyle w:val="{house.style_id("DraftMark")}"/></w:pPr>'
            f'<w:r><w:t xml:space="preserve">{escape(mark)}</w:t></w:r></w:p>')


def draft_first_header(mark: str, blank_header: bytes | None) -> bytes:
    """The first page's header of a draft: the mark, above the blank's own header if it has one."""
    if blank_header is None:
        return (DECLARATION + f'<w:hdr xmlns:w="{W}" xmlns:r="{R}">{draft_paragraph(mark)}</w:hdr>').encode("utf-8")
    from lxml import etree

    root = etree.fromstring(blank_header)
    paragraph = etree.fromstring(f'<w:wrap xmlns:w="{W}">{draft_paragraph(mark)}</w:wrap>')[0]
    root.insert(0, paragraph)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def draft_next_header(mark: str, continuation: bytes) -> bytes:
    """The header of the later pages: the mark above the page number."""
    text = continuation.decode("utf-8")
    start = text.index("<w:p>")
    return (text[:start] + draft_paragraph(mark) + text[start:]).encode("utf-8")


def is_draft_docx(path) -> bool:
    """Whether ``path`` is a DOCX with a draft's header parts (what ``generate --draft`` writes); a file that
    is not a readable ZIP is not a draft.  Only the ZIP's directory is read."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as docx:
            return any(name.startswith("word/header-draft-") for name in docx.namelist())
    except (OSError, zipfile.BadZipFile, ValueError):
        return False


__all__ = ["is_draft_docx", "qr_png", "note_line", "anchored_picture_run", "with_anchor", "draft_first_header", "draft_next_header",
           "WP"]
