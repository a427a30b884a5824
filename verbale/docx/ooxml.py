"""The parts of a WordprocessingML package, written as XML text from the house style.

Only what a note needs: the document, its styles, settings, fonts, the continuation header, the properties
and, with an office's blank, its first-page header and footer.  The unchanging parts are built once per
process (per language and blank); the writer fills in the document body and properties.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from . import styles as house
from .blank import Blank

def escape(text: str) -> str:
    """Text for XML content and attributes (xml.sax.saxutils would import urllib, ssl and email).  Replaced
    one character at a time, ``&`` first, as saxutils does: ``str.translate`` with a table of strings took some
    17 µs a Cyrillic line against under 1 µs for this, about a tenth of a note's DOCX writing.

    >>> escape('Q&A <"x">'), escape("&lt;")
    ('Q&amp;A &lt;&quot;x&quot;&gt;', '&amp;lt;')
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
EMBLEM_PART, EMBLEM_RID = "word/media/emblem.png", "rId4"
CONTINUATION_PART, CONTINUATION_RID = "word/header1.xml", "rId5"
BLANK_HEADER_PART, BLANK_HEADER_RID = "word/header2.xml", "rId6"
BLANK_FOOTER_PART, BLANK_FOOTER_RID = "word/footer1.xml", "rId7"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def twips_cm(cm: float) -> int:
    return round(cm * 1440 / 2.54)


def twips_pt(pt: float) -> int:
    return round(pt * 20)


def language(lang: str) -> str:
    """The proofing language of a run or of the document's defaults.

    >>> language("kk")
    '<w:lang w:val="kk-KZ"/>'
    """
    return f'<w:lang w:val="{house.PROOFING.get(lang, lang)}"/>'  # a language, or a proofing code (en-US)


@lru_cache(maxsize=256)   # pure; a note's runs in another language ask for the same few dozen times a note
def run_properties(lang: str | None = None, bold=False, italic=False, size_pt=None, font: str | None = None,
                   color: str | None = None, spacing_pt: float | None = None) -> str:
    """``<w:rPr>`` in the order Word expects (ECMA-376 1st edition): fonts, bold, italic, colour, letter spacing,
    size, language."""
    parts = []
    if font:
        font = escape(font)
        parts.append(f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>')
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if italic:
        parts.append("<w:i/><w:iCs/>")
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    if spacing_pt:
        parts.append(f'<w:spacing w:val="{twips_pt(spacing_pt)}"/>')
    if size_pt:
        parts.append(f'<w:sz w:val="{round(size_pt * 2)}"/><w:szCs w:val="{round(size_pt * 2)}"/>')
    if lang:
        parts.append(language(lang))
    return "<w:rPr>" + "".join(parts) + "</w:rPr>" if parts else ""


def _paragraph_style(name: str, settings: dict) -> str:
    spacing = (f'<w:spacing w:before="{twips_pt(settings.get("before_pt", 0))}" '
               f'w:after="{twips_pt(settings.get("after_pt", 0))}"/>')
    keep = "<w:keepNext/><w:keepLines/>" if settings.get("keep") else ""
    hyphens = "" if settings.get("hyphenate") else "<w:suppressAutoHyphens/>"
    indent = f'<w:ind w:firstLine="{twips_cm(settings["indent_cm"])}"/>' if "indent_cm" in settings else ""
    p_pr = f'<w:pPr>{keep}{hyphens}{spacing}{indent}<w:jc w:val="{settings["align"]}"/></w:pPr>'
    r_pr = run_properties(None, settings.get("bold"), settings.get("italic"), settings.get("size_pt"),
                          color=settings.get("color"), spacing_pt=settings.get("letter_spacing_pt"))
    return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{house.style_id(name)}">'
            f'<w:name w:val="{house.style_name(name)}"/><w:basedOn w:val="Normal"/><w:qFormat/>{p_pr}{r_pr}</w:style>')


def document_font(blank: Blank | None) -> str:
    return (blank.font if blank else None) or house.FONT


def document_size_pt(blank: Blank | None) -> float:
    return blank.size_half_points / 2 if blank and blank.size_half_points else house.SIZE_PT


@lru_cache(maxsize=None)
def styles_xml(lang: str, blank: Blank | None = None) -> bytes:
    """The styles part: the face, size and proofing language of the note are the document's defaults, so a
    paragraph a clerk adds is in the note's language; one per language (and blank) per process."""
    defaults = (f'<w:docDefaults><w:rPrDefault>{run_properties(lang, size_pt=document_size_pt(blank), font=document_font(blank))}'
                '</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
                '</w:pPrDefault></w:docDefaults>')
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    borders = "".join(border.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    fixed = ('<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
             '</w:style>'
             '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
             '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>'
             '</w:style>'
             '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
             '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
             '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
             '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
             '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
             f'<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:tblPr><w:tblBorders>{borders}'
             '</w:tblBorders></w:tblPr></w:style>')
    own = "".join(_paragraph_style(name, settings) for name, settings in house.STYLES.items())
    carried = b"".join(blank.styles).decode("utf-8") if blank else ""
    return (DECLARATION + f'<w:styles xmlns:w="{W}">{defaults}{fixed}{own}{carried}</w:styles>').encode("utf-8")


def page_setup(blank: Blank | None = None, landscape: bool = False) -> dict[str, int]:
    """Page size and margins in twips: the house's, or the blank's where it sets them."""
    page = house.REVIEW_PAGE_CM if landscape else house.PAGE_CM
    setup = {"w": twips_cm(page["width"]), "h": twips_cm(page["height"]), "top": twips_cm(page["top"]),
             "right": twips_cm(page["right"]), "bottom": twips_cm(page["bottom"]), "left": twips_cm(page["left"]),
             "header": 709, "footer": 709, "gutter": 0}
    return setup | (blank.page if blank and not landscape else {})


def section(blank: Blank | None = None, landscape: bool = False, headers: bool = True, restart: bool = False,
            draft: str = "") -> str:
    """``<w:sectPr>``: a note's first page takes the blank's header and footer (or none), the others the
    continuation header with the page number; ``restart`` numbers the pages of a section from 1 again.  A draft
    in language ``draft`` takes that language's draft headers on every page (``docx.marks``)."""
    page = page_setup(blank, landscape)
    orient = ' w:orient="landscape"' if page["w"] > page["h"] else ""
    references = ""
    if headers and draft:
        references = (f'<w:headerReference w:type="default" r:id="rIdDraft{draft}"/>'
                      f'<w:headerReference w:type="first" r:id="rIdDraftFirst{draft}"/>')
    elif headers:
        references = f'<w:headerReference w:type="default" r:id="{CONTINUATION_RID}"/>'
        if blank and blank.header:
            references += f'<w:headerReference w:type="first" r:id="{BLANK_HEADER_RID}"/>'
    if headers:
        if blank and blank.footer:
            references += f'<w:footerReference w:type="first" r:id="{BLANK_FOOTER_RID}"/>'
    numbering = '<w:pgNumType w:start="1"/>' if restart else ""
    title_page = "<w:titlePg/>" if headers else ""
    return (f'<w:sectPr>{references}<w:pgSz w:w="{page["w"]}" w:h="{page["h"]}"{orient}/>'
            f'<w:pgMar w:top="{page["top"]}" w:right="{page["right"]}" w:bottom="{page["bottom"]}" '
            f'w:left="{page["left"]}" w:header="{page["header"]}" w:footer="{page["footer"]}" '
            f'w:gutter="{page["gutter"]}"/>{numbering}<w:cols w:space="708"/>{title_page}'
            '<w:docGrid w:linePitch="360"/></w:sectPr>')


def document_xml(body: str, last_section: str) -> bytes:
    return (DECLARATION + f'<w:document xmlns:w="{W}" xmlns:r="{R}" xmlns:wp="{WP}"><w:body>{body}'
            f'{last_section}</w:body></w:document>').encode("utf-8")


def continuation_header() -> bytes:
    """The header of a note's second and later pages: the page number (a PAGE field), centred."""
    run = '<w:r><w:fldChar w:fldCharType="{0}"/></w:r>'
    return (DECLARATION + f'<w:hdr xmlns:w="{W}" xmlns:r="{R}"><w:p><w:pPr>'
            f'<w:pStyle w:val="{house.style_id("PageNumber")}"/></w:pPr>{run.format("begin")}'
            '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            f'{run.format("separate")}<w:r><w:t>2</w:t></w:r>{run.format("end")}</w:p></w:hdr>').encode("utf-8")


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height in pixels, from the PNG header."""
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def picture_run(data: bytes, height_cm: float, picture_id: int) -> str:
    """An inline picture (the emblem part) ``height_cm`` high, its width kept in proportion."""
    width, height = png_size(data)
    cy = round(height_cm * 360000)
    cx = round(cy * width / max(height, 1))
    return (f'<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0" xmlns:a="{A}" xmlns:pic="{PIC}">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{picture_id}" name="Emblem {picture_id}"/>'
            '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            f'<a:graphic><a:graphicData uri="{PIC}"><pic:pic><pic:nvPicPr>'
            '<pic:cNvPr id="0" name="emblem.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
            f'<a:blip r:embed="{EMBLEM_RID}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr>'
            f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"/>'
            '</pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')


def document_rels(emblem: bool = False, blank: Blank | None = None, extra: tuple = ()) -> bytes:
    """The document's relationships; ``extra`` adds (id, kind, part) ones (the QR pictures, a draft's headers)."""
    relation = '<Relationship Id="{0}" Type="{1}/{2}" Target="{3}"/>'.format
    parts = [relation("rId1", OFFICE_RELS, "styles", "styles.xml"),
             relation("rId2", OFFICE_RELS, "settings", "settings.xml"),
             relation("rId3", OFFICE_RELS, "fontTable", "fontTable.xml"),
             relation(CONTINUATION_RID, OFFICE_RELS, "header", CONTINUATION_PART.removeprefix("word/"))]
    if emblem:
        parts.append(relation(EMBLEM_RID, OFFICE_RELS, "image", EMBLEM_PART.removeprefix("word/")))
    if blank and blank.header:
        parts.append(relation(BLANK_HEADER_RID, OFFICE_RELS, "header", BLANK_HEADER_PART.removeprefix("word/")))
    if blank and blank.footer:
        parts.append(relation(BLANK_FOOTER_RID, OFFICE_RELS, "footer", BLANK_FOOTER_PART.removeprefix("word/")))
    parts += [relation(rid, OFFICE_RELS, kind, part.removeprefix("word/")) for rid, kind, part in extra]
    return (DECLARATION + f'<Relationships xmlns="{RELS}">' + "".join(parts) + '</Relationships>').encode("utf-8")


def _rels_name(part: str) -> str:
    folder, name = part.rsplit("/", 1)
    return f"{folder}/_rels/{name}.rels"


def blank_parts(blank: Blank | None) -> dict[str, bytes]:
    """The blank's header, footer, their relationships and pictures, under the names the document uses."""
    if blank is None:
        return {}
    parts = dict(blank.media)
    for name, part in ((BLANK_HEADER_PART, blank.header), (BLANK_FOOTER_PART, blank.footer)):
        if part is not None:
            parts[name] = part.xml
            if part.rels is not None:
                parts[_rels_name(name)] = part.rels
    return parts


def core_xml(title: str, author: str, language: str, subject: str, when: dt.date) -> bytes:
    stamp = f"{when.isoformat()}T00:00:00Z"
    text = {key: escape(value) for key, value in
            dict(title=title, author=author, language=language, subject=subject).items()}
    return (DECLARATION +
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{text["title"]}</dc:title><dc:subject>{text["subject"]}</dc:subject>'
            f'<dc:creator>{text["author"]}</dc:creator><cp:keywords>note verbale</cp:keywords>'
            f'<cp:lastModifiedBy>{text["author"]}</cp:lastModifiedBy><cp:revision>1</cp:revision>'
            f'<dc:language>{text["language"]}</dc:language>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
            '</cp:coreProperties>').encode("utf-8")


def content_types(blank: Blank | None, headers: tuple = ()) -> str:
    """The content types; ``headers`` names more header parts (a draft's)."""
    overrides = {"/word/document.xml": f"{MAIN}.document.main+xml", "/word/styles.xml": f"{MAIN}.styles+xml",
                 "/word/settings.xml": f"{MAIN}.settings+xml", "/word/fontTable.xml": f"{MAIN}.fontTable+xml",
                 f"/{CONTINUATION_PART}": f"{MAIN}.header+xml",
                 "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
                 "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml"}
    defaults = {"rels": "application/vnd.openxmlformats-package.relationships+xml", "xml": "application/xml",
                "png": "image/png"}
    if blank:
        defaults |= {ext: kind for ext, kind in sorted(blank.media_types.items()) if ext not in defaults}
        overrides |= {f"/{BLANK_HEADER_PART}": f"{MAIN}.header+xml"} if blank.header else {}
        overrides |= {f"/{BLANK_FOOTER_PART}": f"{MAIN}.footer+xml"} if blank.footer else {}
    overrides |= {f"/{part}": f"{MAIN}.header+xml" for part in headers}
    return ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            + "".join(f'<Default Extension="{escape(ext)}" ContentType="{escape(kind)}"/>'
                      for ext, kind in defaults.items())
            + "".join(f'<Override PartName="{part}" ContentType="{kind}"/>' for part, kind in overrides.items())
            + "</Types>")


def static_parts(lang: str, blank: Blank | None = None) -> dict[str, bytes]:
    """The parts every note in ``lang`` (on ``blank``) shares."""
    package_rels = (f'<Relationships xmlns="{RELS}">'
                    f'<Relationship Id="rId1" Type="{OFFICE_RELS}/officeDocument" Target="word/document.xml"/>'
                    f'<Relationship Id="rId2" Type="{RELS}/metadata/core-properties" Target="docProps/core.xml"/>'
                    f'<Relationship Id="rId3" Type="{OFFICE_RELS}/extended-properties" Target="docProps/app.xml"/>'
                    '</Relationships>')
    # Hyphenation in the styles that allow it (the justified body), never two hyphenated lines in a row,
    # capitals (document symbols, the letterhead) never hyphenated.
    settings = (f'<w:settings xmlns:w="{W}"><w:defaultTabStop w:val="709"/><w:autoHyphenation/>'
                '<w:consecutiveHyphenLimit w:val="2"/><w:hyphenationZone w:val="357"/><w:doNotHyphenateCaps/>'
                '<w:characterSpacingControl w:val="doNotCompress"/><w:compat>'
                '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
                'w:val="15"/></w:compat></w:settings>')
    font = escape(document_font(blank))
    described = ('<w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/>'
                 '<w:pitch w:val="variable"/>') if font == house.FONT else ""
    fonts = f'<w:fonts xmlns:w="{W}"><w:font w:name="{font}">{described}</w:font></w:fonts>'
    app = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
           'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           '<Application>verbale</Application><DocSecurity>0</DocSecurity></Properties>')
    parts = {"[Content_Types].xml": content_types(blank), "_rels/.rels": package_rels, "word/settings.xml": settings,
             "word/fontTable.xml": fonts, "docProps/app.xml": app}
    return {name: (DECLARATION + xml).encode("utf-8") for name, xml in parts.items()} | {
        "word/styles.xml": styles_xml(lang, blank), "word/_rels/document.xml.rels": document_rels(blank=blank),
        CONTINUATION_PART: continuation_header()} | blank_parts(blank)
