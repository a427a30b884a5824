"""What an office's Word blank may hold (issue #24), and the check that refuses the rest.

A blank's header and footer are copied into every note, so whatever in them makes Word act when a recipient
opens the note would act everywhere: a field that fetches (INCLUDEPICTURE and INCLUDETEXT read a web address
or a ``\\\\host\\share`` path, which hands the reader's NTLM hash to that host), a field that starts a
program (DDE, DDEAUTO) or a macro (MACROBUTTON), a relationship to an outside file (a linked picture, a
template, a frame, a mail-merge data source, a subdocument), an embedded object, an ActiveX control,
macros, a web add-in.  So nothing is taken that is not on the lists below; the first thing that is not is
refused with the part it is in.  Allow-lists, not deny-lists: a field, element, relationship or namespace
that this module does not name is refused, however it is spelled.

- **The package.**  Relationships of the types in ``RELATIONSHIPS`` only (the parts Word writes for any
  document); none to outside the file (``TargetMode="External"``, or a target that is an address); no part
  that is a program (macros, ActiveX, OLE objects); the main part a plain document or template.  The settings
  may not attach a template nor merge mail.
- **Every WordprocessingML story** (body, headers, footers, notes, comments): only the fields in ``FIELDS``
  (``PAGE \\* MERGEFORMAT`` and the like: Word computes them and fetches nothing), no element that acts
  (``ACTING``), no attribute that names a place (``src``, ``href`` or a value that reads as an address).
- **The header and footer** (and the styles they name), which are carried: on top of that, only the elements
  of ``ELEMENTS`` and of the namespaces of ``DRAWING`` (DrawingML, VML and Word's extensions, which reach
  outside only through a relationship or an address attribute, both checked), ``r:`` references only from a
  picture to a picture inside the package, no processing instruction, no ``mc:MustUnderstand``.
- **Pictures**: PNG, JPEG, GIF, BMP, TIFF, EMF or WMF, recognised by their bytes (SVG may point outside and is
  refused; Word keeps a PNG of it anyway).
"""
from __future__ import annotations

import posixpath
import re

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
V, O, W10 = "urn:schemas-microsoft-com:vml", "urn:schemas-microsoft-com:office:office", "urn:schemas-microsoft-com:office:word"
XML = "http://www.w3.org/XML/1998/namespace"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships/"
MS = "http://schemas.microsoft.com/office/"
MAIN_TYPES = {"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"}
STORY_TYPES = ("document.main+xml", "template.main+xml", "header+xml", "footer+xml", "footnotes+xml",
               "endnotes+xml", "comments+xml", "document.glossary+xml")
CARRIED_TYPES = ("header+xml", "footer+xml")

FIELDS = {"PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION"}
FIELDS_SHOWN = "PAGE, NUMPAGES, SECTIONPAGES and SECTION"
# After the field's name only general switches (ECMA-376 Part 1, 17.16.4): \* FORMAT, \# "numeric picture", \!.
SWITCHES = re.compile(r'(\s*(\\\*\s*[A-Za-z]+|\\#\s*("[^"\\]*"|[^\s"\\]+)|\\!))*\s*')
FIELD_HINT = "delete the field in Word, where Alt+F9 shows field codes, and save the blank again"

RELATIONSHIPS = {OFFICE + kind for kind in (
    "officeDocument", "extended-properties", "custom-properties", "styles", "settings", "webSettings",
    "fontTable", "theme", "numbering", "footnotes", "endnotes", "header", "footer", "image", "customXml",
    "customXmlProps", "glossaryDocument", "comments")} | {
    PACKAGE + "metadata/core-properties", PACKAGE + "metadata/thumbnail",
    MS + "2007/relationships/stylesWithEffects", MS + "2011/relationships/commentsExtended",
    MS + "2011/relationships/people", MS + "2016/09/relationships/commentsIds",
    MS + "2018/08/relationships/commentsExtensible", MS + "2020/02/relationships/classificationlabels"}
CARRIED_RELATIONSHIPS = {OFFICE + "image"}
RELATIONSHIP_NAMES = {  # what a refused relationship is, in a clerk's words
    "vbaProject": "macros", "wordVbaData": "macros", "keyMapCustomizations": "key bindings to macros",
    "oleObject": "an embedded OLE object", "package": "an embedded file", "control": "an ActiveX control",
    "activeXControlBinary": "an ActiveX control", "aFChunk": "an imported file",
    "subDocument": "a subdocument", "attachedTemplate": "a template", "frame": "a frame",
    "mailMergeSource": "a mail-merge data source", "mailMergeHeaderSource": "a mail-merge data source",
    "recipientData": "a mail-merge data source", "font": "an embedded font", "hyperlink": "a hyperlink",
    "webextensiontaskpanes": "a web add-in", "webextension": "a web add-in",
    "extensibility": "a custom ribbon", "chart": "a chart", "diagramData": "a SmartArt diagram",
}
PROGRAM_PARTS = re.compile(r"(?i)(^|/)(vbaProject\.bin|vbaData\.xml|customizations\.xml)$|(^|/)activeX/|(^|/)embeddings/")
PROGRAM_TYPES = re.compile(r"(?i)macroEnabled|vbaProject|vbaData|activeX|oleObject|ms-word\.keyMapCustomizations")

_W_ELEMENTS = """
    hdr ftr p r t tab br cr sym noBreakHyphen softHyphen ptab lastRenderedPageBreak pgNum
    dayShort monthShort yearShort dayLong monthLong yearLong bookmarkStart bookmarkEnd proofErr dir bdo
    hyperlink fldSimple fldChar instrText drawing pict txbxContent
    pPr pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr ilvl numId suppressLineNumbers
    pBdr top left bottom right start end between bar shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct
    topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing
    mirrorIndents suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle
    rPr rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof vanish
    webHidden color w kern position sz szCs highlight u effect bdr fitText vertAlign rtl cs em lang
    eastAsianLayout specVanish
    tbl tblPr tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW tblCellSpacing
    tblInd tblBorders insideH insideV tl2br tr2bl tblLayout tblCellMar tblLook tblCaption tblDescription tblGrid
    gridCol tr trPr gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader hidden tblPrEx tc tcPr tcW
    gridSpan hMerge vMerge tcBorders noWrap tcMar tcFitText vAlign hideMark
    sdt sdtPr sdtEndPr sdtContent id alias tag lock docPartObj docPartGallery docPartCategory docPartUnique
    showingPlcHdr temporary text
    style name aliases basedOn next link autoRedefine uiPriority semiHidden unhideWhenUsed qFormat locked
    personal personalCompose personalReply rsid tblStylePr
"""
ELEMENTS = {W: frozenset(_W_ELEMENTS.split()),
            V: frozenset("shape shapetype group path formulas f handles h fill stroke shadow textbox textpath "
                         "imagedata line polyline curve rect roundrect oval arc".split()),
            O: frozenset("lock extrusion callout skew".split()),
            MC: frozenset("AlternateContent Choice Fallback".split()),
            MS + "word/2012/wordml": frozenset("appearance color collapsed".split())}
DRAWING = {  # namespaces whose elements reach outside only through r: references and address attributes
    W10, A, "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "http://schemas.openxmlformats.org/drawingml/2006/picture",
    MS + "word/2010/wordprocessingDrawing", MS + "word/2010/wordprocessingShape",
    MS + "word/2010/wordprocessingGroup", MS + "word/2010/wordprocessingCanvas", MS + "word/2010/wordml",
    MS + "word/2015/wordml/symex", MS + "drawing/2010/main", MS + "drawing/2014/main",
    MS + "drawing/2017/decorative"}
ATTRIBUTE_NAMESPACES = DRAWING | set(ELEMENTS) | {None, R, XML, MS + "word/2016/wordml/cid",
                                                  MS + "word/2018/wordml", MS + "word/2018/wordml/cex",
                                                  MS + "word/2020/wordml/sdtdatahash",
                                                  MS + "word/2023/wordml/word16du"}
GRAPHICS = {"http://schemas.openxmlformats.org/drawingml/2006/picture", MS + "word/2010/wordprocessingShape",
            MS + "word/2010/wordprocessingGroup", MS + "word/2010/wordprocessingCanvas"}
REFERENCES = {(A, "blip", "embed"), (V, "imagedata", "id")}  # r: attributes a carried part may hold
ACTING = {  # elements that act wherever they are: refused in every story (named for the clerk)
    (W, "object"): "an embedded OLE object", (O, "OLEObject"): "an embedded OLE object",
    (W, "control"): "an ActiveX control", (W, "altChunk"): "an imported file",
    (W, "subDoc"): "a subdocument", (W, "fldData"): "field data", (W, "ffData"): "a form field",
    (W, "dataBinding"): "a content control bound to data",
    (MS + "word/2012/wordml", "dataBinding"): "a content control bound to data",
    (MS + "word/2012/wordml", "webExtensionLinked"): "a web add-in",
    (MS + "word/2012/wordml", "webExtensionCreated"): "a web add-in"}
NAMED = {  # other elements refused in a carried part, in a clerk's words
    (W, "customXml"): "custom XML markup", (W, "smartTag"): "a smart tag", (W, "ins"): "a tracked change",
    (W, "del"): "a tracked change", (W, "moveFrom"): "a tracked change", (W, "moveTo"): "a tracked change",
    (W, "delText"): "a tracked change", (W, "delInstrText"): "a tracked change",
    (W, "rPrChange"): "a tracked change", (W, "pPrChange"): "a tracked change",
    (MS + "drawing/2016/SVG/main", "svgBlip"): "an SVG picture"}
ADDRESS_ATTRIBUTES = {"src", "href", "althref", "target", "oleicon", "ole"}
ADDRESS = re.compile(r"(?i)://|\\\\|(^|[\s(\'\"=,;])//[^/\s]|^\s*[a-z]:[\\/]|^\s*(file|https?|ftp|mailto|smb|javascript|vbscript|data|"
                     r"ms-[a-z-]+|mhtml|mk|its|res|ldap|telnet|onenote|outlook|search-ms|shell)\s*:")
PREFIXES = {W: "w", R: "r", V: "v", O: "o", W10: "w10", MC: "mc", A: "a", XML: "xml"}
PICTURES = (  # magic bytes -> extension, content type
    (b"\x89PNG\r\n\x1a\n", "png", "image/png"), (b"\xff\xd8\xff", "jpeg", "image/jpeg"),
    (b"GIF87a", "gif", "image/gif"), (b"GIF89a", "gif", "image/gif"), (b"BM", "bmp", "image/bmp"),
    (b"II*\x00", "tiff", "image/tiff"), (b"MM\x00*", "tiff", "image/tiff"),
    (b"\xd7\xcd\xc6\x9a", "wmf", "image/x-wmf"), (b"\x01\x00\x09\x00", "wmf", "image/x-wmf"))
PAGE_LIMIT = 31680  # twips: 22 inches, the largest page and margin Word takes
ELEMENT_HINT = "remove it in Word and save the blank again; a letterhead holds text, tables, pictures and lines"


def shown(text: str, limit: int = 80) -> str:
    """Text from the blank, short and on one line, for a message.

    >>> shown("a\\nb" + "x" * 100, 6)
    'a\\\\nbxx…'
    """
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return text if len(text) <= limit else text[:limit] + "…"


def picture_type(data: bytes) -> tuple[str, str] | None:
    """The extension and content type of a picture Word shows without fetching anything, from its bytes.

    >>> picture_type(b"\\x89PNG\\r\\n\\x1a\\n..."), picture_type(b"<svg xmlns=...>")
    (('png', 'image/png'), None)
    """
    if data[40:44] == b" EMF" and data[:4] == b"\x01\x00\x00\x00":
        return "emf", "image/x-emf"
    return next(((ext, kind) for magic, ext, kind in PICTURES if data.startswith(magic)), None)


def _name(tag: str, prefix: str | None = None) -> str:
    """``w:object`` for a tag, with the namespace written out when it is not a known one."""
    namespace, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    if not namespace:
        return local
    if namespace in PREFIXES:
        return f"{PREFIXES[namespace]}:{local}"
    return f"{prefix}:{local} ({shown(namespace, 60)})" if prefix else f"{local} ({shown(namespace, 60)})"


def _source(rels: str) -> str:
    """The part a relationships part belongs to: ``word/_rels/header1.xml.rels`` -> ``word/header1.xml``."""
    folder, name = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(folder), name.removesuffix(".rels"))


def _target(source: str, relationship) -> str:
    target = relationship.get("Target", "")
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _views(root) -> list:
    """The part as each kind of reader sees it: ``mc:AlternateContent`` resolved to its choices, and to its
    fallbacks (a field begun outside and continued in one branch is then checked as that reader reads it)."""
    if root.find(f".//{{{MC}}}AlternateContent") is None:
        return [root]
    import copy

    views = []
    for dropped in ("Fallback", "Choice"):
        view = copy.deepcopy(root)
        for branch in list(view.iter(f"{{{MC}}}{dropped}")):
            branch.getparent().remove(branch)
        views.append(view)
    return views


class Check:
    """The allow-list applied to one blank (``package``: ``verbale.docx.blank._Package``)."""

    def __init__(self, package, types: tuple[dict, dict]):
        self.package, (self.defaults, self.overrides) = package, types
        self.pictures: dict[str, set[str]] = {}   # part -> the ids of its relationships to pictures

    def refuse(self, problem: str, part: str, hint: str = ELEMENT_HINT, after: str = ""):
        raise self.package.error(f"{problem} in its part {shown(part)}{after}", hint)

    def content_type(self, part: str) -> str:
        """The part's content type as Word finds it: part names compare in any case (ECMA-376 Part 2, 9.1.1.1)."""
        extension = posixpath.splitext(part)[1].lstrip(".").lower()
        return self.overrides.get(part.lower()) or self.defaults.get(extension, "")

    def run(self, main: str) -> None:
        names = list(self.package.infos)
        seen: dict[str, str] = {}
        for info in self.package.zip.infolist():  # one part, one name: else each reader may take another
            other = seen.setdefault(info.filename.lower(), info.filename)
            if other is not info.filename:
                self.refuse(f"holds two parts named {shown(other)}", info.filename, "save the blank from Word again")
        for name in names:
            if PROGRAM_PARTS.search(name) or PROGRAM_TYPES.search(self.content_type(name)):
                what = "an ActiveX control" if "activex" in name.lower() + self.content_type(name).lower() else (
                    "an embedded object" if "embeddings/" in name.lower() or "oleobject" in
                    self.content_type(name).lower() else "macros")
                self.refuse(f"holds {what}", name, "save it from Word as a Word Document (.docx), without macros, "
                                                   "objects or controls")
        if self.content_type(main) not in MAIN_TYPES:
            self.refuse(f"is not a Word document ({shown(self.content_type(main) or 'no content type')})", main,
                        "save it from Word as a Word Document (.docx)")
        for name in sorted(n for n in names if n.endswith(".rels")):
            self.relationships(name)
        for name in sorted(names):
            kind = self.content_type(name)
            if kind.endswith(STORY_TYPES):
                self.story(self.package.xml(name), name, carried=kind.endswith(CARRIED_TYPES))
        settings = posixpath.join(posixpath.dirname(main), "settings.xml")
        if self.package.has(settings):
            root = self.package.xml(settings)
            if root.find(f"{{{W}}}attachedTemplate") is not None:
                self.refuse("is attached to a template", settings,
                            "attach Normal instead, under Developer > Document Template, and save the blank again")
            if root.find(f"{{{W}}}mailMerge") is not None:
                self.refuse("is a mail merge document", settings,
                            "make it a normal document under Mailings > Start Mail Merge, then save the blank again")

    def relationships(self, rels: str, carried: bool = False) -> None:
        source = _source(rels)
        carried = carried or self.content_type(source).endswith(CARRIED_TYPES)
        for relationship in self.package.xml(rels).iter(f"{{{RELS}}}Relationship"):
            kind, target = relationship.get("Type", ""), relationship.get("Target", "")
            short = kind.rsplit("/", 1)[-1]
            mode = (relationship.get("TargetMode") or "Internal").strip().lower()
            if mode != "internal" or ADDRESS.search(target):
                self.refuse(f"links to an outside file ({shown(short, 40)}: {shown(target)})", rels,
                            "insert the picture into the blank instead of linking it" if short == "image"
                            else "remove the link in Word and save the blank again")
            if kind not in (CARRIED_RELATIONSHIPS if carried else RELATIONSHIPS):
                what = RELATIONSHIP_NAMES.get(short, "a part verbale does not carry")
                self.refuse(f"holds {what} ({shown(short, 40)})", rels,
                            "keep the header and footer to text, pictures and lines" if carried else ELEMENT_HINT)
            if kind == OFFICE + "image":
                name = _target(source, relationship)
                self.picture(name)
                self.pictures.setdefault(source, set()).add(relationship.get("Id", ""))

    def picture(self, name: str) -> bytes:
        """The bytes of a picture Word shows without fetching or running anything (a metafile: walked)."""
        data = self.package.read(name) if self.package.has(name) else b""
        kind = picture_type(data)
        if kind is None:
            self.refuse("has a picture in a format verbale does not carry", name, "insert the emblem as PNG or "
                        "JPEG", "; PNG, JPEG, GIF, BMP, TIFF, EMF and WMF are carried")
        if kind[0] in ("emf", "wmf"):
            from .metafile import problem

            found = problem(data)
            if found:
                self.refuse(f"has a picture ({kind[0].upper()}) that {found}", name, "insert the emblem as PNG")
        return data

    def carried(self, part: str, root, kind: str) -> None:
        """A part a note takes (the blank's header or footer), checked as carried whatever content type the
        package gives it: its relationships, and its XML as it will be written (``root``)."""
        if root.tag != f"{{{W}}}{'hdr' if kind == 'header' else 'ftr'}":
            self.refuse(f"has {_name(root.tag)} where a {kind} belongs", part)
        folder, base = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        if self.package.has(rels):
            self.relationships(rels, carried=True)
        self.story(root, part, carried=True)

    def story(self, root, part: str, carried: bool) -> None:
        """Fields, acting elements and addresses everywhere; the element allow-list in carried parts."""
        if carried and root.tag not in (f"{{{W}}}hdr", f"{{{W}}}ftr", f"{{{W}}}style"):
            self.refuse(f"has {_name(root.tag)} where a header or footer belongs", part)
        for view in _views(root):
            self.fields(view, part)
        pictures = self.pictures.get(part, set())
        for element in root.iter():
            tag = element.tag
            if not isinstance(tag, str):
                if carried:
                    kind = "a processing instruction" if "Processing" in type(element).__name__ else "an XML comment"
                    self.refuse(f"has {kind}", part, "save the blank from Word again", ", which Word never writes")
                continue
            namespace, _, local = tag[1:].partition("}")
            if (namespace, local) in ACTING:
                self.refuse(f"has {ACTING[namespace, local]} ({_name(tag, element.prefix)})", part)
            if carried and (namespace, local) in NAMED:
                self.refuse(f"has {NAMED[namespace, local]} ({_name(tag, element.prefix)})", part,
                            "accept or reject all changes in Word and save the blank again"
                            if "tracked" in NAMED[namespace, local] else ELEMENT_HINT)
            if carried and namespace not in DRAWING and local not in ELEMENTS.get(namespace, ()):
                self.refuse(f"has the element {_name(tag, element.prefix)}", part, after=", which a blank may not hold")
            if carried and (namespace, local) == (A, "graphicData") and element.get("uri") not in GRAPHICS:
                self.refuse(f"has a graphic verbale does not carry ({shown(element.get('uri', ''))})", part)
            self.attributes(element, namespace, local, part, carried, pictures)

    def attributes(self, element, namespace: str, local: str, part: str, carried: bool, pictures: set) -> None:
        for attribute, value in element.attrib.items():
            attribute_namespace, _, name = attribute[1:].partition("}") if attribute.startswith("{") else (None, "", attribute)
            written = _name(attribute, element.prefix if attribute_namespace == namespace else None)
            if name.lower() in ADDRESS_ATTRIBUTES or (ADDRESS.search(value) and not (
                    name == "uri" and namespace in (A, W)) and (local, name.lower()) != ("fldSimple", "instr")):
                self.refuse(f"names a place outside the file ({written}=\"{shown(value, 60)}\" on "
                            f"{_name(element.tag, element.prefix)})", part,
                            "insert pictures into the blank instead of linking them, and save it again")
            if not carried:
                continue
            if attribute_namespace == R and ((namespace, local, name) not in REFERENCES or value not in pictures):
                self.refuse(f"has a reference {written} on {_name(element.tag, element.prefix)} to something other "
                            "than a picture in the blank", part,
                            "insert the picture into the blank instead of linking it")
            if attribute_namespace not in ATTRIBUTE_NAMESPACES or (attribute_namespace == MC and name not in (
                    "Ignorable", "Requires")):
                self.refuse(f"has the attribute {written}", part, after=", which a blank may not hold")

    def fields(self, root, part: str) -> None:
        """Every field's code: ``w:fldSimple/@w:instr``, and ``w:instrText`` gathered from ``begin`` to
        ``separate`` (or ``end``) over any number of runs; a nested field is a field of its own."""
        fields: list[list[str] | None] = []   # per field begun and not ended: its code so far, None once separated
        for element in root.iter(f"{{{W}}}fldSimple", f"{{{W}}}fldChar", f"{{{W}}}instrText",
                                 f"{{{W}}}delInstrText"):
            local, kind = element.tag.rpartition("}")[2], element.get(f"{{{W}}}fldCharType")
            if local == "fldSimple":  # the code, also where a reader would take it without its namespace
                for name, value in element.attrib.items():
                    if name.rpartition("}")[2].lower() == "instr":
                        self.field(value, part)
            elif local != "fldChar":
                if fields and fields[-1] is not None:
                    fields[-1].append(element.text or "")
                else:  # an instruction outside any field's code: checked as a code of its own
                    self.field(element.text or "", part)
            elif kind == "begin":
                fields.append([])
            elif kind in ("separate", "end") and fields:
                code = fields.pop() if kind == "end" else fields[-1]
                if code is not None:
                    self.field("".join(code), part)
                if kind == "separate":
                    fields[-1] = None
        for code in fields:
            if code is not None:
                self.field("".join(code), part)

    def field(self, code: str, part: str) -> None:
        code = code.strip()
        if not code:
            return
        name = re.match(r'[^\s\\"]*', code).group(0) or code.split()[0]
        if name.upper() not in FIELDS:
            self.refuse(f"has the field {shown(name.upper(), 40)}", part, FIELD_HINT,
                        f"; a blank may hold only {FIELDS_SHOWN} fields")
        if not SWITCHES.fullmatch(code[len(name):]) or ADDRESS.search(code):
            self.refuse(f"has the field {name.upper()} with more than format switches ({shown(code, 60)})", part,
                        FIELD_HINT, f"; a blank may hold only {FIELDS_SHOWN} fields, with format switches")


def check_page(page: dict[str, int], part: str, error) -> None:
    """The page size and margins a note takes: within what Word prints (else the note would not open)."""
    for name, value in page.items():
        low = -PAGE_LIMIT if name in ("top", "bottom") else (1 if name in ("w", "h") else 0)
        if not low <= value <= PAGE_LIMIT:
            raise error(f"has a page size or margin Word cannot print ({name}={value}) in its part {part}",
                        "set the page in Word, under Layout > Margins and Size, and save the blank again")
