"""Validate every XML part of a DOCX against the ISO/IEC 29500 transitional schemas, and the run-property order.

The schemas travel with the repository (``tests/ooxml-schemas``, README there with their origin and licence), so a
clone tests what CI tests; imports resolve to that folder only (no network).  Markup-compatibility content is resolved first, as a consumer would: ``mc:AlternateContent``
keeps its fallback, elements and attributes of ignorable namespaces are dropped.  The 2016 schema lets run
properties come in any order; Word expects the first-edition sequence, which is the order of the choices in
``EG_RPrBase`` of wml.xsd, so the check reads that order from the schema itself.
"""
from __future__ import annotations

import io
import os
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest
from lxml import etree

from conftest import ROOT

# VERBALE_OOXML_SCHEMAS points elsewhere (another edition of the schemas, say).
SCHEMAS = Path(os.environ.get("VERBALE_OOXML_SCHEMAS", ROOT / "tests" / "ooxml-schemas"))
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XSD = "{http://www.w3.org/2001/XMLSchema}"
# Namespaces a part may use that the transitional schemas know (anything else must be declared ignorable).
KNOWN = {"http://www.w3.org/XML/1998/namespace", MC}


class LocalSchemas(etree.Resolver):
    """Every schemaLocation resolves to a file of the schema folder, by its name; nothing else is fetched."""

    def resolve(self, url, public_id, context):
        local = SCHEMAS / url.rsplit("/", 1)[-1]
        if not local.is_file():
            raise OSError(f"schema {url} is not in {SCHEMAS}")
        return self.resolve_filename(str(local), context)


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    if not (SCHEMAS / "driver.xsd").is_file():
        pytest.skip(f"the OOXML schemas are not at {SCHEMAS} (see tests/ooxml-schemas/README.md)")
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(LocalSchemas())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "driver.xsd"), parser))


@lru_cache(maxsize=1)
def run_property_order() -> dict[str, int]:
    """rPr child name -> its place in the first-edition sequence (EG_RPrBase in wml.xsd)."""
    tree = etree.parse(str(SCHEMAS / "wml.xsd"))
    group = tree.find(f"{XSD}group[@name='EG_RPrBase']")
    return {element.get("name"): index for index, element in enumerate(group.iter(f"{XSD}element"))}


def resolve_markup_compatibility(root: etree._Element) -> etree._Element:
    """The part as an MC-aware consumer that understands none of the ignorable namespaces reads it."""
    ignorable = set()
    for element in root.iter():
        prefixes = element.get(f"{{{MC}}}Ignorable")
        if prefixes:
            ignorable |= {element.nsmap.get(prefix) for prefix in prefixes.split()}
    for alternate in list(root.iter(f"{{{MC}}}AlternateContent")):
        fallback = alternate.find(f"{{{MC}}}Fallback")
        parent = alternate.getparent()
        index = parent.index(alternate)
        parent.remove(alternate)
        for offset, child in enumerate(list(fallback) if fallback is not None else []):
            parent.insert(index + offset, child)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).namespace in ignorable:
            element.getparent().remove(element)
            continue
        for name in list(element.attrib):
            if etree.QName(name).namespace in ignorable | {MC}:
                del element.attrib[name]
    etree.cleanup_namespaces(root)
    return root


def problems(data: bytes) -> list[str]:
    """Every schema error and run-property order slip in the DOCX ``data``, as ``part:line: message``."""
    found: list[str] = []
    checker = schema()
    order = run_property_order()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            root = resolve_markup_compatibility(etree.fromstring(package.read(name)))
            if not checker.validate(root):
                found += [f"{name}:{e.line}: {e.message}" for e in checker.error_log]
            for properties in root.iter(f"{{{W}}}rPr"):
                places = [order.get(etree.QName(child).localname, -1) for child in properties
                          if etree.QName(child).namespace == W]
                places = [p for p in places if p >= 0]
                if places != sorted(places):
                    found.append(f"{name}:{properties.sourceline}: run properties out of Word's order: "
                                 + " ".join(etree.QName(c).localname for c in properties))
    return found


def assert_valid(data: bytes, label: str = "") -> None:
    found = problems(data)
    assert not found, f"{label}: " + "\n".join(found[:10])


def valid_file(path: Path) -> None:
    assert_valid(path.read_bytes(), path.name)
