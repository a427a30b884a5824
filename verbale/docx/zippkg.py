"""A deterministic ZIP writer for DOCX packages that compresses the unchanging parts once per process.

Every note shares the house template's styles, theme, settings and fonts; only the document and
its properties change.  Those shared parts are deflated once and copied as bytes into each package.

>>> static = StaticParts({"a.xml": b"<a/>"})
>>> data = write_package(static, {"[Content_Types].xml": b"<Types/>"})
>>> import io, zipfile; zipfile.ZipFile(io.BytesIO(data)).read("a.xml")
b'<a/>'
"""
from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

DOS_TIME, DOS_DATE = 0, (1980 - 1980) << 9 | 1 << 5 | 1  # 1980-01-01 00:00, fixed for byte-identical output
CONTENT_TYPES = "[Content_Types].xml"


@dataclass(frozen=True)
class Entry:
    name: bytes
    crc: int
    size: int
    deflated: bytes


def deflate(name: str, data: bytes) -> Entry:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Entry(name.encode("utf-8"), zlib.crc32(data), len(data), compressor.compress(data) + compressor.flush())


class StaticParts(dict):
    """name -> Entry, deflated once."""

    def __init__(self, parts: dict[str, bytes]):
        super().__init__((name, deflate(name, data)) for name, data in parts.items())


def write_package(static: StaticParts, dynamic: dict[str, bytes]) -> bytes:
    """A ZIP of the static and dynamic parts: [Content_Types].xml first, then by name."""
    entries = {**static, **{name: deflate(name, data) for name, data in dynamic.items()}}
    order = sorted(entries, key=lambda name: (name != CONTENT_TYPES, name))
    chunks, central, offset = [], [], 0
    for name in order:
        entry = entries[name]
        header = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x0800, 8, DOS_TIME, DOS_DATE, entry.crc,
                             len(entry.deflated), entry.size, len(entry.name), 0)
        chunks += [header, entry.name, entry.deflated]
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x0800, 8, DOS_TIME, DOS_DATE,
                                   entry.crc, len(entry.deflated), entry.size, len(entry.name), 0, 0, 0, 0,
                                   0o600 << 16, offset) + entry.name)
        offset += len(header) + len(entry.name) + len(entry.deflated)
    directory = b"".join(central)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(order), len(order), len(directory), offset, 0)
    return b"".join(chunks) + directory + end
