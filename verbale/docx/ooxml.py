"""The parts of a WordprocessingML package, written as XML text from the house style.

Only what a note needs: the document, its styles, settings, one font and the properties.  The
unchanging parts are built once per process; `docx_out` fills in the document body and properties.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from . import styles as house

_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def escape(text: str) -> str:
    """Text for XML content and attributes (xml.sax.saxutils would import urllib, ssl and email).

    >>> escape('Q&A <"x">')
    'Q&amp;A &lt;&quot;x&quot;&gt;'
    """
    return text.translate(_XML_ESCAPES)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
EMBLEM_PART, EMBLEM_RID = "word/media/emblem.png", "rId4"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def twips_cm(cm: float) -> int:
    return round(cm * 1440 / 2.54)


def twips_pt(pt: float) -> int:
    return round(pt * 20)


def run_properties(lang: str | None, bold=False, italic=False, size_pt=None) -> str:
    """``<w:rPr>`` in schema order: the same face in every script slot, and the proofing language."""
    font = escape(house.FONT)
    parts = [f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>']
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if italic:
        parts.append("<w:i/><w:iCs/>")
    if size_pt:
        parts.append(f'<w:sz w:val="{round(size_pt * 2)}"/><w:szCs w:val="{round(size_pt * 2)}"/>')
    if lang:
        code = house.PROOFING.get(lang, lang)  # a language, or a proofing code itself (en-US)
        parts.append(f'<w:lang w:val="{code}" w:eastAsia="{code}" w:bidi="{code}"/>')
    return "<w:rPr>" + "".join(parts) + "</w:rPr>"


def _paragraph_style(name: str, settings: dict) -> str:
    spacing = (f'<w:spacing w:before="{twips_pt(settings.get("before_pt", 0))}" '
               f'w:after="{twips_pt(settings.get("after_pt", 0))}"/>')
    keep = "<w:keepNext/><w:keepLines/>" if settings.get("keep") else ""
    indent = f'<w:ind w:firstLine="{twips_cm(settings["indent_cm"])}"/>' if "indent_cm" in settings else ""
    p_pr = f'<w:pPr>{keep}{spacing}{indent}<w:jc w:val="{settings["align"]}"/></w:pPr>'
    r_pr = run_properties(None, settings.get("bold"), settings.get("italic"), settings.get("size_pt"))
    return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{house.style_id(name)}">'
            f'<w:name w:val="{house.style_name(name)}"/><w:basedOn w:val="Normal"/><w:qFormat/>{p_pr}{r_pr}</w:style>')


@lru_cache(maxsize=1)
def styles_xml() -> bytes:
    defaults = (f'<w:docDefaults><w:rPrDefault>{run_properties("en", size_pt=house.SIZE_PT)}</w:rPrDefault>'
                '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
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
    return (DECLARATION + f'<w:styles xmlns:w="{W}">{defaults}{fixed}{own}</w:styles>').encode("utf-8")


def section(landscape: bool = False) -> str:
    page = house.REVIEW_PAGE_CM if landscape else house.PAGE_CM
    orient = ' w:orient="landscape"' if landscape else ""
    return (f'<w:sectPr><w:pgSz w:w="{twips_cm(page["width"])}" w:h="{twips_cm(page["height"])}"{orient}/>'
            f'<w:pgMar w:top="{twips_cm(page["top"])}" w:right="{twips_cm(page["right"])}" '
            f'w:bottom="{twips_cm(page["bottom"])}" w:left="{twips_cm(page["left"])}" w:header="709" '
            'w:footer="709" w:gutter="0"/><w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr>')


def document_xml(body: str, landscape: bool = False) -> bytes:
    return (DECLARATION + f'<w:document xmlns:w="{W}" xmlns:r="{R}" xmlns:wp="{WP}"><w:body>{body}'
            f'{section(landscape)}</w:body></w:document>').encode("utf-8")


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


def document_rels(emblem: bool = False) -> bytes:
    picture = (f'<Relationship Id="{EMBLEM_RID}" Type="{OFFICE_RELS}/image" Target="media/emblem.png"/>'
               if emblem else "")
    return (DECLARATION + f'<Relationships xmlns="{RELS}">'
            f'<Relationship Id="rId1" Type="{OFFICE_RELS}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId2" Type="{OFFICE_RELS}/settings" Target="settings.xml"/>'
            f'<Relationship Id="rId3" Type="{OFFICE_RELS}/fontTable" Target="fontTable.xml"/>'
            f'{picture}</Relationships>').encode("utf-8")


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


@lru_cache(maxsize=1)
def static_parts() -> dict[str, bytes]:
    """The parts every note shares."""
    overrides = {"/word/document.xml": f"{MAIN}.document.main+xml", "/word/styles.xml": f"{MAIN}.styles+xml",
                 "/word/settings.xml": f"{MAIN}.settings+xml", "/word/fontTable.xml": f"{MAIN}.fontTable+xml",
                 "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
                 "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml"}
    types = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Default Extension="png" ContentType="image/png"/>'
             + "".join(f'<Override PartName="{part}" ContentType="{kind}"/>' for part, kind in overrides.items())
             + "</Types>")
    package_rels = (f'<Relationships xmlns="{RELS}">'
                    f'<Relationship Id="rId1" Type="{OFFICE_RELS}/officeDocument" Target="word/document.xml"/>'
                    f'<Relationship Id="rId2" Type="{RELS}/metadata/core-properties" Target="docProps/core.xml"/>'
                    f'<Relationship Id="rId3" Type="{OFFICE_RELS}/extended-properties" Target="docProps/app.xml"/>'
                    '</Relationships>')
    settings = (f'<w:settings xmlns:w="{W}"><w:defaultTabStop w:val="709"/>'
                '<w:characterSpacingControl w:val="doNotCompress"/><w:compat>'
                '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
                'w:val="15"/></w:compat></w:settings>')
    fonts = (f'<w:fonts xmlns:w="{W}"><w:font w:name="{house.FONT}"><w:panose1 w:val="02020603050405020304"/>'
             '<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>')
    app = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
           'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           '<Application>verbale</Application><DocSecurity>0</DocSecurity></Properties>')
    parts = {"[Content_Types].xml": types, "_rels/.rels": package_rels, "word/settings.xml": settings,
             "word/fontTable.xml": fonts, "docProps/app.xml": app}
    return {name: (DECLARATION + xml).encode("utf-8") for name, xml in parts.items()} | {
        "word/styles.xml": styles_xml(), "word/_rels/document.xml.rels": document_rels()}
