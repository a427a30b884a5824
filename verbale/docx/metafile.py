"""What a Windows metafile picture (EMF, WMF) in a blank may hold: drawing, nothing that names a file or runs.

A metafile is a list of drawing records that Word plays back with Windows' GDI when a recipient opens the note.
A few records name a file GDI then opens: a colour profile (``EMR_SETICMPROFILE``, ``EMR_CREATECOLORSPACE``,
``EMR_COLORMATCHTOTARGETW``, [MS-EMF] 2.3.8), which may be a ``\\\\host\\share`` path that hands the reader's NTLM
hash to that host; others pass data to the printer driver (escapes) or carry another picture format (an EPS in
``EMR_COMMENT_MULTIFORMATS``, a spool file, a metafile inside an EMF+ object or a WMF's comment).  Every record is
walked ([MS-EMF] 2.3, [MS-EMFPLUS] 2.3, [MS-WMF] 2.3) and the first that is not plain drawing is named; a
metafile that is cut short or malformed is refused too (the reader's GDI would be left to guess).

>>> problem(b"not a metafile")
'is not a whole metafile'
"""
from __future__ import annotations

import struct

EMF_SIGNATURE = b" EMF"
# [MS-EMF] 2.1.1 RecordType: the record types of plain drawing; what is left out names a file, talks to the
# printer driver or to OpenGL, or is not a record of the format.
EMF_REFUSED = {
    99: "a colour profile file (EMR_CREATECOLORSPACE)", 122: "a colour profile file (EMR_CREATECOLORSPACEW)",
    112: "a colour profile file (EMR_SETICMPROFILEA)", 113: "a colour profile file (EMR_SETICMPROFILEW)",
    121: "a colour profile file (EMR_COLORMATCHTOTARGETW)", 105: "a printer escape (EMR_DRAWESCAPE)",
    106: "a printer escape (EMR_EXTESCAPE)", 110: "a printer escape (EMR_NAMEDESCAPE)",
    102: "an OpenGL record (EMR_GLSRECORD)", 103: "an OpenGL record (EMR_GLSBOUNDEDRECORD)",
    104: "a pixel format (EMR_PIXELFORMAT)"}
EMR_HEADER, EMR_COMMENT, EMR_EOF, EMR_LAST = 1, 70, 14, 122
GDIC, EMF_PLUS, SPOOL = 0x43494447, b"EMF+", (b"SPOL", b"FSPL")
PUBLIC_COMMENTS_ALLOWED = {0x40, 0x80, 0x00000002, 0x00000003}   # unicode strings, begin and end group
EMF_PLUS_OBJECT, EMF_PLUS_IMAGE, IMAGE_METAFILE = 0x4008, 5, 2
WMF_PLACEABLE = 0xD7CDC69A
META_ESCAPE, MFCOMMENT = 0x0626, 0x000F
MAX_DEPTH = 2


def problem(data: bytes, depth: int = 0) -> str | None:
    """Why the metafile ``data`` (EMF, or WMF with or without its placeable header) may not reach a note, or None."""
    if depth > MAX_DEPTH:
        return "holds metafiles inside metafiles"
    try:
        if data[40:44] == EMF_SIGNATURE and data[:4] == b"\x01\x00\x00\x00":
            return _emf(data, depth)
        return _wmf(data)
    except struct.error:
        return "is not a whole metafile"


def _emf(data: bytes, depth: int) -> str | None:
    at = 0
    while at + 8 <= len(data):
        kind, size = struct.unpack_from("<II", data, at)
        if size < 8 or size % 4 or at + size > len(data) or (at == 0) != (kind == EMR_HEADER):
            return "is not a whole metafile"
        if kind in EMF_REFUSED or not 1 <= kind <= EMR_LAST:
            return f"holds {EMF_REFUSED.get(kind, f'a record of unknown type {kind}')}"
        if kind == EMR_COMMENT:
            found = _emf_comment(data[at + 8:at + size], depth)
            if found:
                return found
        if kind == EMR_EOF:
            return None
        at += size
    return "is not a whole metafile"


def _emf_comment(record: bytes, depth: int) -> str | None:
    """[MS-EMF] 2.3.3: a comment is private data GDI skips, except the public ones and EMF+ records."""
    size, = struct.unpack_from("<I", record)
    comment = record[4:4 + size]
    if comment[:4] in SPOOL:
        return "holds a print spool (EMR_COMMENT_EMFSPOOL)"
    if comment[:4] == EMF_PLUS:
        return _emf_plus(comment[4:], depth)
    if len(comment) >= 8 and struct.unpack_from("<I", comment)[0] == GDIC:
        public, = struct.unpack_from("<I", comment, 4)
        if public not in PUBLIC_COMMENTS_ALLOWED:
            return f"holds another format inside (EMR_COMMENT public type {public:#x})"
    return None


def _emf_plus(records: bytes, depth: int) -> str | None:
    """[MS-EMFPLUS] 2.3: an image object that is itself a metafile is checked as one (a bitmap is drawing)."""
    at = 0
    while at + 12 <= len(records):
        kind, flags, size, data_size = struct.unpack_from("<HHII", records, at)
        if size < 12 or at + size > len(records) or data_size > size - 12:
            return "is not a whole metafile"
        if kind == EMF_PLUS_OBJECT and (flags >> 8) & 0x7F == EMF_PLUS_IMAGE:
            body = records[at + 12:at + 12 + data_size]
            if flags & 0x8000:          # continued over several records: the total size comes first
                body = body[4:]
            _, image_type = struct.unpack_from("<II", body)
            if image_type == IMAGE_METAFILE:
                _, metafile_size = struct.unpack_from("<II", body, 8)
                inner = body[16:16 + metafile_size]
                if flags & 0x8000 or len(inner) < metafile_size:
                    return "holds a metafile inside a metafile, split over records"
                found = problem(inner, depth + 1)
                if found:
                    return found
        at += size
    return None


def _wmf(data: bytes) -> str | None:
    at = 22 if struct.unpack_from("<I", data)[0] == WMF_PLACEABLE else 0
    kind, header_words = struct.unpack_from("<HH", data, at)
    if kind not in (1, 2) or header_words != 9:
        return "is not a whole metafile"
    at += 18
    while at + 6 <= len(data):
        words, function = struct.unpack_from("<IH", data, at)
        if words < 3 or at + 2 * words > len(data):
            return "is not a whole metafile"
        if function == 0:            # META_EOF
            return None
        if function == META_ESCAPE:
            escape, = struct.unpack_from("<H", data, at + 6)
            if escape != MFCOMMENT:
                return f"holds a printer escape (META_ESCAPE function {escape:#x})"
            if data[at + 10:at + 14] == b"WMFC":
                return "holds an EMF inside the WMF (META_ESCAPE_ENHANCED_METAFILE)"
        at += 2 * words
    return "is not a whole metafile"
