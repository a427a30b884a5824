"""Reading a note back from a DOCX or a PDF (NOTE-SPEC §12): its text, as the verification mark hashes it, and
the verification lines it carries.

- DOCX: the body's paragraphs, read from ``word/document.xml`` (within size limits, without DTDs or entities),
  split into the document's sections (the combined file holds one note per section); a paragraph's text is its
  runs' text, a line break ``\\n``, Word's no-break hyphen U+2011.  A section's verification line is the
  alternative text of its QR picture.
- PDF: the QR codes are decoded from the pages rendered as images (poppler's ``pdftoppm``, then ``zbarimg`` of
  Debian's zbar-tools); the text is poppler's ``pdftotext``.  A PDF does not keep paragraphs, so its text is
  compared with a registered text by :func:`text_differences`, which ignores how lines were broken.
"""
from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import NoteError
from .texthash import parse_verification_line

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
MAX_PART = 4 * 2**20    # word/document.xml, unpacked: a note's is some 30 KB (the combined file's a few hundred)
MAX_ENTRIES = 4000      # parts of a DOCX, as for a blank
MAX_PARAGRAPHS = 20000  # paragraphs read: a note has some fifty
TOOL_SECONDS = 120  # the programs reading one PDF's text, and those reading its QR codes
MAX_PAGES = 60     # pages read: a note is a few pages (the combined file: a dozen)
MAX_TEXT = 8 * 2**20   # bytes of a PDF's text (a note's is some kilobytes a page)
PAGE_PIXELS = 2480     # the long side of a page rendered to find its QR code


class ReadError(NoteError):
    """A file that cannot be read as a note."""


@dataclass
class Section:
    """One note of a DOCX: its paragraphs' texts and the verification lines its QR pictures hold."""

    paragraphs: list[str] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)


@dataclass
class DocxReading:
    sections: list[Section]
    number: str       # the document's properties: dc:subject holds the number, dc:language the language
    language: str
    date: str


def _part(package: zipfile.ZipFile, name: str, path: Path) -> bytes:
    try:
        info = package.getinfo(name)
    except KeyError:
        raise ReadError(f"is not a Word document ({name} is missing)", field="FILE", file=str(path), line=1) from None
    if info.file_size > MAX_PART:
        raise ReadError(f"has a part too large for a note ({name})", field="FILE", file=str(path), line=1)
    return package.read(info)


def _parse(data: bytes, path: Path):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"holds XML that is not well-formed ({exc})", field="FILE", file=str(path), line=1) from None


def paragraph_text(paragraph) -> str:
    """A ``w:p``'s own text as a reader sees it: ``w:t`` text, ``w:br``/``w:cr`` a line break, ``w:tab`` a tab,
    ``w:noBreakHyphen`` U+2011 (deleted text of a tracked change is not read).  The paragraphs of a text box
    inside it are paragraphs of their own (the document lists them after it), and the fallback copy Word
    writes of a drawing for older readers (``mc:Fallback``) is not read twice."""
    pieces = []

    def walk(element) -> None:
        for child in element:
            if not isinstance(child.tag, str) or child.tag in _NOT_OWN_TEXT:
                continue
            tag = child.tag.rsplit("}", 1)[1] if child.tag.startswith(f"{{{W}}}") else ""
            if tag == "t":
                pieces.append(child.text or "")
            elif tag in ("br", "cr"):
                pieces.append("\n")
            elif tag == "tab" and element.tag == f"{{{W}}}r":   # not a tab stop of the paragraph's properties
                pieces.append("\t")
            elif tag == "noBreakHyphen":
                pieces.append("\u2011")
            walk(child)
    walk(paragraph)
    return "".join(pieces)


MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_NOT_OWN_TEXT = {f"{{{W}}}txbxContent", f"{{{MC}}}Fallback", f"{{{W}}}pPr"}


def _body_paragraphs(body):
    """Every paragraph of the body in document order (in tables, content controls and text boxes too: text a
    reader sees anywhere in the body is the note's), except the fallback copies of drawings."""
    for paragraph in body.iter(f"{{{W}}}p"):
        if not any(ancestor.tag == f"{{{MC}}}Fallback" for ancestor in paragraph.iterancestors()):
            yield paragraph


def read_docx(path: Path, data: bytes | None = None) -> DocxReading:
    """The notes of a DOCX, one per section (``data``: its bytes, already read; else ``path`` is read)."""
    import io

    try:
        data = path.read_bytes() if data is None else data
        if data.count(b"PK\x01\x02") > MAX_ENTRIES:   # each entry of the ZIP's directory: read before any is
            raise ReadError(f"holds more than {MAX_ENTRIES} parts (a note has a few dozen)", field="FILE",
                            file=str(path), line=1)
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            document = _parse(_part(package, "word/document.xml", path), path)
            core = _parse(_part(package, "docProps/core.xml", path), path) if "docProps/core.xml" in \
                package.namelist() else None
    except (OSError, zipfile.BadZipFile, RuntimeError, ValueError, EOFError) as exc:
        raise ReadError(f"cannot be read as a Word document ({exc})", field="FILE", file=str(path), line=1) from None
    body = document.find(f"{{{W}}}body")
    if body is None:
        raise ReadError("is not a Word document (no body)", field="FILE", file=str(path), line=1)
    sections, current = [], Section()
    for count, paragraph in enumerate(_body_paragraphs(body)):
        if count == MAX_PARAGRAPHS:
            raise ReadError(f"holds more than {MAX_PARAGRAPHS} paragraphs (a note has some fifty)", field="FILE",
                            file=str(path), line=1)
        current.paragraphs.append(paragraph_text(paragraph))
        for picture in paragraph.iter(f"{{{WP}}}docPr"):
            line = parse_verification_line(picture.get("descr", ""))
            if line is not None:
                current.lines.append(line)
        if paragraph.find(f"{{{W}}}pPr/{{{W}}}sectPr") is not None:
            sections.append(current)
            current = Section()
    if current.paragraphs or not sections:
        sections.append(current)

    def core_value(tag: str) -> str:
        if core is None:
            return ""
        element = next((e for e in core.iter() if isinstance(e.tag, str) and e.tag.endswith("}" + tag)), None)
        return (element.text or "").strip() if element is not None else ""
    return DocxReading(sections, core_value("subject"), core_value("language")[:2], core_value("created")[:10])


# -- PDF ---------------------------------------------------------------------------------------------------
# The programs are given a copy under a fixed name in a private folder (the file's own name never reaches a
# command line, where ``-v.pdf`` would be an option), and run within bounds (verbale/bounded.py): a crafted PDF
# (a stream that unpacks to gigabytes of text, a page a kilometre wide, thousands of pages) is one line.

def _run(work: Path, path: Path, deadline: float, program: str, *args: str, output_limit: int = 2**20) -> bytes:
    import time

    from .bounded import Overrun, run_bounded

    found = shutil.which(program)
    if found is None:
        raise ReadError(f"{program} is not installed", field="(verify)", hint="install poppler-utils and zbar-tools",
                        file=str(path), line=1)
    try:
        done = run_bounded([found, *args], timeout=deadline - time.monotonic(), output_limit=output_limit, cwd=work)
    except Overrun as exc:
        raise ReadError(f"cannot be read as a note's PDF: {program} {exc}", field="FILE", file=str(path), line=1,
                        hint="a note's PDF is a few pages of text") from None
    except OSError as exc:
        raise ReadError(f"{program} could not be started ({exc.strerror})", field="(verify)", file=str(path),
                        line=1) from None
    if done.returncode and program != "zbarimg":   # zbarimg says 4 when a page holds no code
        raise ReadError("cannot be read as a PDF", field="FILE", file=str(path), line=1)
    return done.stdout


def _copy(work: str, data: bytes) -> Path:
    folder = Path(work)
    (folder / "note.pdf").write_bytes(data)
    return folder


def pdf_pages_text(data: bytes, path: Path) -> list[str]:
    """Each page's text as poppler's ``pdftotext -raw`` gives it (in the order it was drawn), of the first
    MAX_PAGES pages and at most MAX_TEXT bytes (``path`` names the file in messages)."""
    import time

    with tempfile.TemporaryDirectory(prefix="verbale-verify-") as work:
        text = _run(_copy(work, data), path, time.monotonic() + TOOL_SECONDS, "pdftotext", "-raw", "-enc", "UTF-8",
                    "-l", str(MAX_PAGES), "note.pdf", "-", output_limit=MAX_TEXT)
    return text.decode("utf-8", "replace").split("\f")[:-1] or [""]


def qr_available() -> bool:
    return bool(shutil.which("pdftoppm") and shutil.which("zbarimg"))


def pdf_verification_lines(data: bytes, path: Path) -> list[dict]:
    """The verification lines of the QR codes on the PDF's pages (other codes are left out), in page order.  A
    page is rendered with its long side PAGE_PIXELS (an A4 page at 210 dpi), whatever size the PDF says."""
    import time

    lines = []
    deadline = time.monotonic() + TOOL_SECONDS
    with tempfile.TemporaryDirectory(prefix="verbale-verify-") as work:
        folder = _copy(work, data)
        _run(folder, path, deadline, "pdftoppm", "-scale-to", str(PAGE_PIXELS), "-gray", "-png", "-l",
             str(MAX_PAGES), "note.pdf", "page")
        pages = sorted(folder.glob("page*.png"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 0))
        if not pages:
            return lines
        decoded = _run(folder, path, deadline, "zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable",
                       "-Sbinary", *[page.name for page in pages])
        for raw in decoded.split(b"\n"):
            line = parse_verification_line(raw.decode("utf-8", "replace")) if raw.strip() else None
            if line is not None:
                lines.append(line)
    return lines


# -- comparing a PDF's text with a registered text ------------------------------------------------------------

_SPACE = re.compile(r"\s+")
HYPHENS = "-\u00ad\u2010"


def _comparable(text: str) -> str:
    """Text with the characters a PDF's text extraction may change made plain: no-break space and the no-break
    hyphen as a space and a hyphen."""
    import unicodedata

    return unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u2011", "-").replace("\u202f", " ")


def _characters(pages: list[str]) -> tuple[list[tuple], str]:
    """The PDF's characters other than white space, each with (page, line, last on its line, position in the
    text), and the text (pages joined by a line break) the positions point into."""
    chars, offset = [], 0
    texts = [_comparable(page) for page in pages]
    for page_index, page in enumerate(texts):
        for line_index, line in enumerate(page.split("\n")):
            visible = [(i, c) for i, c in enumerate(line) if not c.isspace()]
            chars += [(c, page_index, line_index, k == len(visible) - 1, offset + i)
                      for k, (i, c) in enumerate(visible)]
            offset += len(line) + 1
    return chars, "\n".join(texts)


PAGE_NUMBER = re.compile(r"(?i)^\W*(page|стр\.?|страница|бет)?\W*\d{1,4}(\W+(of|из|\W)\W*\d{1,4})?\W*$")
MORE_TEXT = 3          # a PDF whose text is this many times the note's (and more than MORE_SLACK) is not compared
MORE_SLACK = 5000


def text_differences(registered: str, pages: list[str], taken: list[str] | None = None) -> list[str]:
    """How the PDF's text (its pages as ``pdftotext`` gives them) differs from the registered text, one phrase
    each ([] when they agree).  Line breaks and spacing are not compared (a PDF keeps no paragraphs); a hyphen
    at the end of a line where the registered text has none is hyphenation.  Header and footer, which the mark
    leaves out: whole lines above the note's first character and below its last on the page where the note
    begins (the blank's letterhead and its first-page footer, appended to ``taken`` for the report), and a page
    number (``2``, ``- 2 -``, ``Page 2 of 3``) at the top or foot of any page.  Anything else that differs is
    reported with the words around it: a line added at the end of a later page, a page of text that is not the
    note's.  A PDF holding far more text than the note is said so, and not compared character by character
    (that would take hours).
    """
    from difflib import SequenceMatcher

    expected_source = _comparable(registered)
    expected_positions = [i for i, c in enumerate(expected_source) if not c.isspace()]
    expected = "".join(expected_source[i] for i in expected_positions)
    got_chars, got_source = _characters(pages)
    got = "".join(c for c, *_ in got_chars)
    if len(got) > MORE_TEXT * len(expected) + MORE_SLACK:
        return [f"the PDF holds {len(got):,} characters of text where the registered note has {len(expected):,}"]
    matcher = SequenceMatcher(None, expected, got, autojunk=False)
    opcodes = matcher.get_opcodes()
    matched_lines: dict[int, tuple[tuple, tuple]] = {}
    for tag, _, _, j1, j2 in opcodes:
        if tag == "equal":
            for j in (j1, j2 - 1):
                page, line = got_chars[j][1], got_chars[j][2]
                first, last = matched_lines.get(page, ((page, line), (page, line)))
                matched_lines[page] = (min(first, (page, line)), max(last, (page, line)))
    lines = [page.split("\n") for page in (_comparable(page) for page in pages)]
    first_page = min(matched_lines, default=0)
    got_positions = [c[4] for c in got_chars]
    spans, seen = [], set()
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        if tag == "insert" and _header_footer_or_hyphen(got_chars[j1:j2], matched_lines, expected, i1, lines,
                                                         first_page, seen):
            continue
        if spans and _one_word(expected_source, expected_positions, spans[-1][:2], (i1, i2)) \
                and _one_word(got_source, got_positions, spans[-1][2:], (j1, j2)):
            spans[-1] = (spans[-1][0], i2, spans[-1][2], j2)   # a word changed is one difference, not several
        else:
            spans.append((i1, i2, j1, j2))
    differences = [_phrase(expected_source, expected_positions, i1, i2, got_source, got_positions, j1, j2)
                   for i1, i2, j1, j2 in spans]
    if taken is not None:
        taken += [" ".join(lines[page][line].split()) for page, line in sorted(seen)]
    return differences


def _header_footer_or_hyphen(inserted, matched_lines, expected: str, at: int, lines: list, first_page: int,
                             taken: set) -> bool:
    if len(inserted) == 1 and inserted[0][0] in HYPHENS and inserted[0][3] and expected[at - 1:at] != "-":
        return True   # hyphenation at a line's end
    letterhead = set()
    for _, page, line, _, _ in inserted:
        if PAGE_NUMBER.match(lines[page][line]):
            continue
        if page not in matched_lines or page != first_page:
            return False   # a page without the note's text, or more than a page number on a later page
        first, last = matched_lines[page]
        if not ((page, line) < first or (page, line) > last):
            return False
        letterhead.add((page, line))
    taken |= letterhead
    return True


def _one_word(source: str, positions: list[int], before: tuple[int, int], after: tuple[int, int]) -> bool:
    """Whether a difference ``before`` and the next one ``after`` (ranges of indices into ``positions``) lie in
    one word of ``source``, only part of the word between them: then they are one difference.  An empty range
    (a deletion, seen from the other side) stands at the character before it or the one after.

    >>> positions = [0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 17]   # "the composition of"
    >>> [_one_word("the composition of", positions, (3, 5), after) for after in ((9, 10), (15, 15), (14, 14))]
    [True, False, True]
    """
    lasts = [before[1] - 1] if before[1] > before[0] else [before[1] - 1, before[1]]
    firsts = [after[0]] if after[1] > after[0] else [after[0] - 1, after[0]]
    return any(0 <= last <= first < len(positions)
               and not any(c.isspace() for c in source[positions[last]:positions[first] + 1])
               for last in lasts for first in firsts)


def _words(source: str, positions: list[int], start: int, end: int) -> str:
    """The whole words of ``source`` around the characters ``start:end`` (indices into ``positions``)."""
    if not positions:
        return ""
    if end == start:   # nothing here: the word before the place (an insertion or deletion comes after it)
        start, end = max(start - 1, 0), max(start, 1)
    first = positions[min(start, len(positions) - 1)]
    last = positions[min(end, len(positions)) - 1] + 1
    while first > 0 and not source[first - 1].isspace():
        first -= 1
    while last < len(source) and not source[last].isspace():
        last += 1
    words = " ".join(source[first:last].split())
    return words if len(words) <= 60 else words[:57] + "…"


def _phrase(source: str, positions: list[int], i1: int, i2: int, got_source: str, got_positions: list[int],
            j1: int, j2: int) -> str:
    """One difference in words: what the PDF reads, and what the register has there."""
    now, was = _words(got_source, got_positions, j1, j2), _words(source, positions, i1, i2)
    if i1 == i2 == len(positions):
        return f"«{now}» added at the end"
    if j1 == j2 == len(got_positions):
        return f"«{was}» missing at the end"
    return f"«{now}» where the register has «{was}»"
