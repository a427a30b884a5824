"""The office's own letterhead blank: a Word document whose first-page header and footer, page setup and fonts
its notes take over (``house: {blank: blank.docx}``).

Only what a note needs is read from the blank, and read safely: the parts of its first-page header and footer
(or of its default ones when it has no distinct first page), the pictures they show, the page setup of its last
section, its default font and size, and the styles the header and footer name.  Every part's size is bounded
before it is read (a ZIP bomb stops at the limit), XML is parsed without entities or network, and the whole
blank must pass the allow-list of ``allowlist.py`` (no field, link, object or macro Word would fetch or run
when a recipient opens a note): what it does not name is refused, never copied.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import BlankError
from ..files import change_stamp
from .allowlist import ADDRESS, Check, check_page, picture_type, shown

MAX_FILE = 20 * 2**20      # the .docx itself
MAX_PART = 8 * 2**20       # one part, uncompressed
MAX_TOTAL = 24 * 2**20     # every part read, uncompressed
MAX_ENTRIES = 4000
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
IMAGE, HYPERLINK = f"{OFFICE_RELS}/image", f"{OFFICE_RELS}/hyperlink"
PAGE_SIZE = ("w", "h")
PAGE_MARGINS = ("top", "right", "bottom", "left", "header", "footer", "gutter")
HOUSE_STYLE_IDS = {"Normal", "DefaultParagraphFont", "TableNormal", "TableGrid"}
RELATIONSHIP_ID = re.compile(r"[A-Za-z_][\w.-]{0,63}")


@dataclass(frozen=True)
class BlankPart:
    """A header or footer: its XML as the blank has it, and its relationships (targets renamed to ours)."""

    xml: bytes
    rels: bytes | None


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one loaded blank, one set of cached parts
class Blank:
    name: str
    header: BlankPart | None = None
    footer: BlankPart | None = None
    media: dict[str, bytes] = field(default_factory=dict)          # our part name -> bytes
    media_types: dict[str, str] = field(default_factory=dict)      # extension -> content type
    page: dict[str, int] = field(default_factory=dict)             # pgSz w/h and pgMar sides, in twips
    font: str | None = None
    size_half_points: int | None = None
    styles: tuple[bytes, ...] = ()                                 # w:style elements the header/footer use


class _Package:
    """The blank's ZIP, read part by part within the limits."""

    def __init__(self, path: Path):
        import zipfile  # only when a blank is used: zipfile imports bz2, lzma and shutil

        self.path, self.read_so_far = path, 0
        try:
            if path.stat().st_size > MAX_FILE:
                raise self.error(f"is larger than {MAX_FILE // 2**20} MB", "save the blank without embedded fonts")
            self.zip = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile) as exc:
            if isinstance(exc, BlankError):
                raise
            raise self.error(f"cannot be read as a Word document ({exc.__class__.__name__})",
                             "save the blank from Word as .docx") from None
        self.infos = {info.filename: info for info in self.zip.infolist()}
        if len(self.infos) > MAX_ENTRIES:
            raise self.error(f"holds {len(self.infos)} parts", "a letterhead blank holds a few dozen")

    def error(self, problem: str, hint: str = "") -> BlankError:
        return BlankError(f"the blank {self.path.name} {problem}", field="house.blank", hint=hint)

    def has(self, name: str) -> bool:
        return name in self.infos

    def read(self, name: str) -> bytes:
        import zipfile

        info = self.infos.get(name)
        if info is None:
            raise self.error(f"lacks its part {name}", "save the blank from Word again")
        if info.file_size > MAX_PART or self.read_so_far + info.file_size > MAX_TOTAL:
            raise self.error(f"has a part too large to be a letterhead ({name})", "use smaller pictures")
        try:
            with self.zip.open(info) as stream:
                data = stream.read(MAX_PART + 1)
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError) as exc:
            raise self.error(f"has a damaged part {name} ({exc})", "save the blank from Word again") from None
        if len(data) > MAX_PART:
            raise self.error(f"has a part too large to be a letterhead ({name})", "use smaller pictures")
        self.read_so_far += len(data)
        return data

    def xml(self, name: str):
        """The part ``name`` parsed: well-formed, without a DOCTYPE (Word never writes one; its entities would
        reach every note), no entity resolved and nothing fetched."""
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
        try:
            root = etree.fromstring(self.read(name), parser)
        except etree.XMLSyntaxError as exc:
            reason = str(exc).split(" (<string>", 1)[0]
            raise self.error(f"is not well-formed XML in its part {name} ({reason})",
                             "save the blank from Word again") from None
        if root.getroottree().docinfo.doctype:
            raise self.error(f"has a DOCTYPE in its part {name}, which Word never writes",
                             "save the blank from Word again") from None
        return root

    def relationships(self, part: str) -> list:
        folder, base = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        return list(self.xml(rels).iter(f"{{{RELS}}}Relationship")) if self.has(rels) else []


def _target(source: str, relationship) -> str:
    """The part a relationship of ``source`` points to, as a name inside the ZIP."""
    target = relationship.get("Target", "")
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _content_types(package: _Package) -> tuple[dict[str, str], dict[str, str]]:
    root = package.xml("[Content_Types].xml")
    defaults = {d.get("Extension", "").lower(): d.get("ContentType", "") for d in root.iter(f"{{{CT}}}Default")}
    overrides = {o.get("PartName", "").lstrip("/").lower(): o.get("ContentType", "")
                 for o in root.iter(f"{{{CT}}}Override")}
    return defaults, overrides


def _main_part(package: _Package) -> str:
    for relationship in package.relationships(""):
        if relationship.get("Type", "").endswith("/officeDocument"):
            return _target("", relationship)
    return "word/document.xml"


def _carry(package: _Package, check: Check, part: str, kind: str, blank_media: dict, media_types: dict):
    """The header or footer ``part`` (as written from its parsed tree) with its pictures renamed into
    ``word/media/blank-*``, and relationships written anew: one per picture, nothing else.  What is carried is
    checked as carried here, whatever content type the package gives the part."""
    from lxml import etree

    root = package.xml(part)
    check.carried(part, root, kind)
    relationships = etree.Element(f"{{{RELS}}}Relationships", nsmap={None: RELS})
    for relationship in package.relationships(part):
        rid, source = relationship.get("Id", ""), _target(part, relationship)
        if relationship.get("Type") != IMAGE or relationship.get("TargetMode") or not RELATIONSHIP_ID.fullmatch(rid):
            raise package.error(f"has a relationship verbale does not carry ({rid[:40]!r}) in its part {part}",
                                "keep the header and footer to text, pictures and lines")
        data = check.picture(source)
        extension, content_type = picture_type(data)
        name = f"word/media/blank-{kind}-{len(blank_media) + 1}.{extension}"
        blank_media[name], media_types[extension] = data, content_type
        etree.SubElement(relationships, f"{{{RELS}}}Relationship", Id=rid, Type=IMAGE,
                         Target=name.removeprefix("word/"))
    rels = _serialized(relationships) if len(relationships) else None
    return BlankPart(_serialized(root), rels), root


def _serialized(root) -> bytes:
    """A part as written from its parsed tree, never the blank's bytes as they are."""
    from lxml import etree

    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _reference(section, kind: str) -> str | None:
    """The r:id of the first-page header/footer (or of the default one when the first page is not distinct)."""
    first = section.find(f"{{{W}}}titlePg")
    first_page = first is not None and first.get(f"{{{W}}}val", "true") not in ("0", "false", "off")
    wanted = ("first", "default") if first_page else ("default",)
    references = {ref.get(f"{{{W}}}type", "default"): ref.get(f"{{{R}}}id")
                  for ref in section.iter(f"{{{W}}}{kind}Reference")}
    return next((references[t] for t in wanted if t in references), None)


def _page(section) -> dict[str, int]:
    page: dict[str, int] = {}
    for tag, names in (("pgSz", PAGE_SIZE), ("pgMar", PAGE_MARGINS)):
        element = section.find(f"{{{W}}}{tag}")
        for name in names if element is not None else ():
            value = element.get(f"{{{W}}}{name}")
            if value is not None and value.lstrip("-").isdigit():
                page[name] = int(value)
    return page


def _theme_font(package: _Package, main: str, slot: str) -> str | None:
    theme = next((_target(main, r) for r in package.relationships(main) if r.get("Type", "").endswith("/theme")), None)
    if theme is None or not package.has(theme):
        return None
    latin = package.xml(theme).find(f".//{{{A}}}{'major' if slot.startswith('major') else 'minor'}Font/{{{A}}}latin")
    return latin.get("typeface") if latin is not None else None


def _fonts(package: _Package, main: str, styles) -> tuple[str | None, int | None]:
    """The face and size (half-points) of the blank's Normal style, else of its document defaults."""
    normal = styles.find(f"{{{W}}}style[@{{{W}}}type='paragraph'][@{{{W}}}default='1']")
    places = [normal.find(f"{{{W}}}rPr") if normal is not None else None,
              styles.find(f"{{{W}}}docDefaults/{{{W}}}rPrDefault/{{{W}}}rPr")]
    font = size = None
    for properties in (p for p in places if p is not None):
        fonts = properties.find(f"{{{W}}}rFonts")
        if font is None and fonts is not None:
            font = fonts.get(f"{{{W}}}ascii") or fonts.get(f"{{{W}}}hAnsi")
            theme = fonts.get(f"{{{W}}}asciiTheme") or fonts.get(f"{{{W}}}hAnsiTheme")
            if font is None and theme:
                font = _theme_font(package, main, theme)
        sz = properties.find(f"{{{W}}}sz")
        if size is None and sz is not None and (sz.get(f"{{{W}}}val") or "").isdigit():
            size = int(sz.get(f"{{{W}}}val"))
    return font, size


def _used_styles(styles, parts: list, check: Check, part: str) -> tuple[bytes, ...]:
    """The w:style elements the header and footer (parsed parts) name (and those they are based on), in
    WordprocessingML only, each within the allow-list."""
    from lxml import etree

    by_id = {s.get(f"{{{W}}}styleId"): s for s in styles.iter(f"{{{W}}}style")}
    wanted: list[str] = []
    for root in parts:
        for tag in ("pStyle", "rStyle", "tblStyle"):
            wanted += [e.get(f"{{{W}}}val") for e in root.iter(f"{{{W}}}{tag}")]
    chosen: list[str] = []
    while wanted:
        style_id = wanted.pop(0)
        if style_id in chosen or style_id in HOUSE_STYLE_IDS or style_id not in by_id or style_id.startswith("Note"):
            continue
        chosen.append(style_id)
        for tag in ("basedOn", "link"):
            element = by_id[style_id].find(f"{{{W}}}{tag}")
            if element is not None:
                wanted.append(element.get(f"{{{W}}}val"))
    carried = []
    for style_id in sorted(chosen):
        style = etree.fromstring(etree.tostring(by_id[style_id]))
        for element in list(style.iter()):  # Word's extensions (w14 …) would need their namespaces declared
            if not isinstance(element.tag, str) or etree.QName(element).namespace != W:
                element.getparent().remove(element)
                continue
            for name in list(element.attrib):
                if etree.QName(name).namespace not in (W, None):
                    del element.attrib[name]
        etree.cleanup_namespaces(style, top_nsmap={"w": W})
        check.story(style, part, carried=True)
        carried.append(etree.tostring(style).replace(f' xmlns:w="{W}"'.encode(), b"", 1))
    return tuple(carried)


def _load(path: Path) -> Blank:
    package = _Package(path)
    main = _main_part(package)
    check = Check(package, _content_types(package))
    check.run(main)
    body = package.xml(main).find(f"{{{W}}}body")
    section = body.find(f"{{{W}}}sectPr") if body is not None else None
    if section is None:
        raise package.error("has no page setup (no section)", "save the blank from Word as .docx")
    page = _page(section)
    check_page(page, main, package.error)
    targets = {r.get("Id"): r for r in package.relationships(main)}
    media: dict[str, bytes] = {}
    media_types: dict[str, str] = {}
    carried: dict[str, BlankPart] = {}
    roots: list = []  # the header and footer, parsed
    for kind in ("header", "footer"):
        rid = _reference(section, kind)
        if rid is None:
            continue
        if rid not in targets or targets[rid].get("TargetMode") or targets[rid].get("Type") != f"{OFFICE_RELS}/{kind}":
            raise package.error(f"names a {kind} it does not hold", "save the blank from Word again")
        carried[kind], root = _carry(package, check, _target(main, targets[rid]), kind, media, media_types)
        roots.append(root)
    styles_part = posixpath.join(posixpath.dirname(main), "styles.xml")
    styles = package.xml(styles_part) if package.has(styles_part) else None
    font, size = _fonts(package, main, styles) if styles is not None else (None, None)
    if font is not None and (len(font) > 64 or ADDRESS.search(font) or not font.isprintable()):
        raise package.error(f"names a font verbale does not carry ({shown(font, 40)}) in its part {styles_part}",
                            "choose an installed font for the Normal style in Word and save the blank again")
    used = _used_styles(styles, roots, check, styles_part) if styles is not None else ()
    return Blank(name=path.name, header=carried.get("header"), footer=carried.get("footer"), media=media,
                 media_types=media_types, page=page, font=font, size_half_points=size, styles=used)


@lru_cache(maxsize=16)
def _cached(path: str, stamp: tuple) -> Blank:
    return _load(Path(path))


def load_blank(path: Path | str) -> Blank:
    """The blank at ``path``, loaded once per process while the file is unchanged."""
    import stat

    path = Path(path)
    try:
        info = path.stat()
    except OSError:
        raise BlankError(f"the blank {path} does not exist", field="house.blank",
                         hint="name a .docx beside verbale.yaml or the termbase") from None
    if not stat.S_ISREG(info.st_mode):  # a FIFO would make the run wait for ever
        raise BlankError(f"the blank {path} is not a regular file", field="house.blank",
                         hint="name a .docx saved by Word")
    return _cached(str(path.resolve()), change_stamp(path, info))
