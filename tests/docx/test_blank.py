"""The office's own letterhead blank: its first-page header and footer, page setup and fonts carry over to the
notes; continuation pages carry the page number; the files stay schema-valid; a bad blank is one clear error."""
from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import pytest
from lxml import etree

from ooxml_check import assert_valid
from test_emblem import png
from verbale.build import build
from verbale.docx.blank import MAX_PART, load_blank
from verbale.errors import BlankError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
EMBLEM = png(40, 40)  # the colour (0x20, 0x40, 0x90) is looked for in the rendered page
LONG = {"en": "The Secretariat recalls the arrangements agreed for the meeting of the Special Working Group "
              "and the documents to be circulated beforehand, in the order of the agenda. " * 6,
        "ru": "Секретариат напоминает о договоренностях, достигнутых в отношении заседания Специальной рабочей "
              "группы, и о документах, которые будут распространены заранее в порядке повестки дня. " * 6,
        "kk": "Хатшылық Арнайы жұмыс тобының отырысына қатысты уағдаластықтарды және күн тәртібіне сәйкес "
              "алдын ала таратылатын құжаттарды еске салады. " * 6}


def make_blank(path, font="DejaVu Serif"):
    """A blank as an office makes it in Word: emblem and two lines in the first-page header, a footer, margins."""
    from docx import Document
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = Cm(2.5), Cm(1.5), Cm(4.5), Cm(2.5)
    section.header_distance = Cm(1)
    section.different_first_page_header_footer = True
    header = section.first_page_header
    header.paragraphs[0].add_run().add_picture(io.BytesIO(EMBLEM), height=Cm(1.5))
    header.add_paragraph("REPUBLIC OF TESTLAND")
    header.add_paragraph("MINISTRY OF BLANKS")
    section.first_page_footer.paragraphs[0].text = "12 Blank Street, Testville"
    document.styles["Normal"].font.name = font
    document.styles["Normal"].font.size = Pt(12)
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def blank(tmp_path_factory):
    return load_blank(make_blank(tmp_path_factory.mktemp("blank") / "blank.docx"))


@pytest.fixture
def long_note(write_spec):
    return write_spec(paragraphs=[LONG] * 3)


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_the_blank_gives_its_page_setup_fonts_header_and_footer(blank):
    assert blank.page == {"w": 11906, "h": 16838, "top": 2551, "right": 850, "bottom": 1417, "left": 1417,
                          "header": 567, "footer": 720, "gutter": 0}
    assert (blank.font, blank.size_half_points) == ("DejaVu Serif", 24)
    assert list(blank.media.values()) == [EMBLEM] and blank.media_types == {"png": "image/png"}
    assert b"MINISTRY OF BLANKS" in blank.header.xml and b"12 Blank Street" in blank.footer.xml


def test_notes_on_the_blank(blank, long_note):
    built = build(long_note, blank=blank)
    for name in ("note.en.docx", "note.docx"):
        files = parts(built.files[name])
        document = etree.fromstring(files["word/document.xml"])
        text = "".join(document.itertext())
        assert "SECRETARIAT OF THE CONFERENCE" not in text, "the blank replaces the letterhead"
        assert files["word/header2.xml"] == blank.header.xml and files["word/footer1.xml"] == blank.footer.xml
        assert list(m for m in files if m.startswith("word/media/")) == ["word/media/blank-header-1.png"]
        assert b'Target="media/blank-header-1.png"' in files["word/_rels/header2.xml.rels"]
        rels = {r.get("Id"): r.get("Target") for r in etree.fromstring(files["word/_rels/document.xml.rels"])}
        sections = list(document.iter(f"{W}sectPr"))
        assert len(sections) == (3 if name == "note.docx" else 1)
        for section in sections:
            assert section.find(f"{W}titlePg") is not None
            references = {(e.tag.split("}")[1], e.get(f"{W}type")): rels[e.get(f"{R}id")] for e in section
                          if e.tag in (f"{W}headerReference", f"{W}footerReference")}
            assert references == {("headerReference", "first"): "header2.xml",
                                  ("footerReference", "first"): "footer1.xml",
                                  ("headerReference", "default"): "header1.xml"}
            margins = section.find(f"{W}pgMar")
            assert (margins.get(f"{W}left"), margins.get(f"{W}top"), margins.get(f"{W}header")) == ("1417", "2551", "567")
        defaults = etree.fromstring(files["word/styles.xml"]).find(f".//{W}rPrDefault/{W}rPr")
        assert defaults.find(f"{W}rFonts").get(f"{W}ascii") == "DejaVu Serif" and defaults.find(f"{W}sz").get(f"{W}val") == "24"
        assert b'w:styleId="Header"' in files["word/styles.xml"], "the styles the header names come along"
        assert b"PAGE" in files["word/header1.xml"]
        assert_valid(built.files[name], name)
    assert built.files == build(long_note, blank=blank).files, "deterministic"


@pytest.mark.parametrize("name", ["note.en.docx", "note.ru.docx", "note.kk.docx", "note.docx", "note.review.docx"])
def test_every_part_is_schema_valid_with_a_blank_and_an_emblem(blank, long_note, termbase_with_emblem, name):
    assert_valid(build(long_note, blank=blank).files[name], name)
    assert_valid(build(long_note, termbase_with_emblem).files[name], name)


from test_emblem import termbase_with_emblem  # noqa: E402,F401  (the fixture)


def rewrite(path, part: str, change) -> None:
    """Replace one part of the ZIP at ``path`` with ``change(bytes)``."""
    with zipfile.ZipFile(path) as package:
        contents = {info: package.read(info) for info in package.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for info, data in contents.items():
            package.writestr(info, change(data) if info.filename == part else data)


@pytest.mark.parametrize("damage, message", [
    (lambda p: p.write_bytes(b"not a zip"), "cannot be read as a Word document"),
    (lambda p: rewrite(p, "word/_rels/header1.xml.rels", lambda d: d.replace(
        b'Target="media/image1.png"', b'Target="http://example.org/e.png" TargetMode="External"')),
     "links to an outside file"),
    (lambda p: rewrite(p, "word/header1.xml", lambda d: d + b"\0" * (MAX_PART + 1)), "too large"),
])
def test_a_bad_blank_is_one_clear_error(tmp_path, damage, message):
    path = make_blank(tmp_path / "blank.docx")
    damage(path)
    with pytest.raises(BlankError, match=message) as error:
        load_blank(path)
    assert str(error.value).startswith("<spec>:1: house.blank: the blank blank.docx ")


def with_doctype(declarations: bytes, text: bytes = b"MINISTRY OF BLANKS"):
    """A change to a header: a DOCTYPE before its root element, and ``text`` in place of one of its lines."""
    return lambda d: d.replace(b"<w:hdr", b"<!DOCTYPE l [" + declarations + b"]><w:hdr", 1).replace(
        b"MINISTRY OF BLANKS", text)


BOMB = b"".join(b'<!ENTITY e%d "%s">' % (n, (b"&e%d;" % (n - 1)) * 10 if n else b"lol" * 10) for n in range(10))
DOCTYPE_PROBLEM = "has a DOCTYPE in its part word/header1.xml, which Word never writes"
MALFORMED_PROBLEM = "is not well-formed XML in its part word/header1.xml"


@pytest.mark.parametrize("change, problems", [
    # an external entity would put the machine's files into every note (Word and LibreOffice refuse them)
    (with_doctype(b'<!ENTITY x SYSTEM "file:///etc/hostname">', b"MINISTRY OF &x;"), [DOCTYPE_PROBLEM]),
    (with_doctype(b'<!ENTITY a "b">', b"MINISTRY OF &a;"), [DOCTYPE_PROBLEM]),
    (with_doctype(b""), [DOCTYPE_PROBLEM]),
    (with_doctype(BOMB, b"&e9;&e9;&e9;"), [DOCTYPE_PROBLEM, MALFORMED_PROBLEM]),  # refused, by either check
    (lambda d: d[: len(d) // 2], [MALFORMED_PROBLEM]),                           # cut short
    (lambda d: d.replace(b"MINISTRY OF BLANKS", b"MINISTRY&#x1b;"), [MALFORMED_PROBLEM]),  # ESC: not XML
    (lambda d: d.replace(b"MINISTRY OF BLANKS", b"MINISTRY &x;"), [MALFORMED_PROBLEM]),     # an undeclared entity
])
def test_a_header_that_is_not_plain_xml_is_refused_as_one_line(tmp_path, change, problems):
    path = make_blank(tmp_path / "blank.docx")
    rewrite(path, "word/header1.xml", change)
    with pytest.raises(BlankError) as error:
        load_blank(path)
    line = str(error.value)
    assert line.startswith("<spec>:1: house.blank: the blank blank.docx ") and "\n" not in line
    assert any(problem in line for problem in problems), line
    assert line.endswith(" (save the blank from Word again)")


def test_malformed_styles_are_one_line(tmp_path):
    path = make_blank(tmp_path / "blank.docx")
    rewrite(path, "word/styles.xml", lambda d: d[:-40])
    with pytest.raises(BlankError, match="is not well-formed XML in its part word/styles.xml"):
        load_blank(path)


def test_the_parts_are_written_from_their_parsed_xml(tmp_path):
    """What reaches a note is the header as parsed and written again: the same elements, UTF-8, never the
    blank's bytes as they are (a blank saved as UTF-16 is carried as UTF-8)."""
    path = make_blank(tmp_path / "blank.docx")
    original = load_blank(path).header.xml
    rewrite(path, "word/header1.xml", lambda d: d.decode("utf-8").replace("UTF-8", "UTF-16", 1).encode("utf-16"))
    carried = load_blank(path).header.xml
    assert carried == original and carried.startswith(b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>")
    assert b"MINISTRY OF BLANKS" in carried


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no FIFOs here")
def test_a_blank_that_is_a_fifo_is_refused_without_waiting(tmp_path):
    import os

    os.mkfifo(tmp_path / "blank.docx")
    with pytest.raises(BlankError, match="is not a regular file"):
        load_blank(tmp_path / "blank.docx")


# --- rendered by LibreOffice -------------------------------------------------------------------------------

def render(docx, folder, profile):
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(docx)], check=True, capture_output=True, timeout=180)
    return folder / docx.with_suffix(".pdf").name


def page_text(pdf, page: int) -> str:
    raw = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return raw


def test_the_blank_in_a_rendered_note(blank, long_note, tmp_path):
    if not all(shutil.which(tool) for tool in ("soffice", "pdftotext", "pdftoppm")):
        pytest.skip("LibreOffice and poppler-utils are needed: apt-get install libreoffice-writer-nogui poppler-utils")
    docx = tmp_path / "note.en.docx"
    docx.write_bytes(build(long_note, blank=blank).files["note.en.docx"])
    pdf = render(docx, tmp_path, tmp_path / "profile")
    first, second = page_text(pdf, 1), page_text(pdf, 2)
    head = [line.strip() for line in first.splitlines() if line.strip()]
    assert head[:2] == ["REPUBLIC OF TESTLAND", "MINISTRY OF BLANKS"], "the blank's header tops the first page"
    assert head[-1] == "12 Blank Street, Testville"
    assert "SECRETARIAT OF THE CONFERENCE" not in first
    lines = [line.strip() for line in second.splitlines() if line.strip()]
    assert lines[0] == "2", "the continuation header: the page number"
    assert "MINISTRY OF BLANKS" not in second and "Blank Street" not in second
    assert any(line[-2:-1].isalpha() and line.endswith("-") for line in head), "the justified body is hyphenated"
    # The first page as a picture, kept beside the test's files; the emblem's colour is in its top band.
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True)
    assert (tmp_path / "page-1.png").stat().st_size > 0
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "40", str(pdf), str(tmp_path / "page")], check=True)
    width, height, pixels = read_ppm((tmp_path / "page-1.ppm").read_bytes())
    top = pixels[: width * 3 * height // 8]
    assert any(abs(top[i] - 0x20) < 12 and abs(top[i + 1] - 0x40) < 12 and abs(top[i + 2] - 0x90) < 12
               for i in range(0, len(top), 3)), "the emblem is drawn at the top of the first page"


def read_ppm(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and RGB bytes of a binary PPM as pdftoppm writes it (``P6\\nW H\\n255\\n``)."""
    magic, size, _, pixels = data.split(b"\n", 3)
    assert magic == b"P6"
    width, height = map(int, size.split())
    return width, height, pixels


def test_the_workspace_names_its_blank(tmp_path, capsys):
    """`house: {blank: …}` in verbale.yaml: the blank (a path in the workspace) carries the office's notes;
    a blank named outside the workspace is refused as one line."""
    import shutil

    from conftest import NOTES
    from verbale.cli.generate import main

    office = tmp_path / "office"
    (office / "notes").mkdir(parents=True)
    make_blank(office / "blank.docx")
    (office / "verbale.yaml").write_text("house: {blank: blank.docx}\n", encoding="utf-8")
    shutil.copy(NOTES / "17-1-624.yaml", office / "notes" / "note.yaml")
    assert main([str(office / "notes"), "-o", str(tmp_path / "out")]) == 0
    package = parts((tmp_path / "out" / "note.en.docx").read_bytes())
    headers = [name for name in package if name.startswith("word/header")]
    assert any(b"MINISTRY OF BLANKS" in package[name] for name in headers)
    assert b"SECRETARIAT OF THE CONFERENCE" not in package["word/document.xml"]  # the blank replaces the letterhead
    (office / "verbale.yaml").write_text("# the office\nhouse: {blank: ../blank.docx}\n", encoding="utf-8")
    make_blank(tmp_path / "blank.docx")
    assert main([str(office / "notes"), "-o", str(tmp_path / "out2")]) == 1
    assert capsys.readouterr().err.startswith(f"{office / 'verbale.yaml'}:2: house.blank: the blank ../blank.docx "
                                              "is outside the workspace")


def office_with_blank(tmp_path, verbale_yaml: str, sender_entry: str = "my-office: {kind: sender}\n"):
    """A workspace made by `verbale init`, its sender filled in, a blank whose header has a DOCTYPE."""
    from conftest import fill_in_sender
    from verbale.cli.init import main as init

    office = tmp_path / "office"
    assert init([str(office)]) == 0
    fill_in_sender(office)
    rewrite(make_blank(office / "blank.docx"), "word/header1.xml",
            with_doctype(b'<!ENTITY x SYSTEM "file:///etc/hostname">', b"MINISTRY OF &x;"))
    (office / "verbale.yaml").write_text(verbale_yaml, encoding="utf-8")
    (office / "termbase" / "terms.yaml").write_text(sender_entry, encoding="utf-8")
    return office


@pytest.mark.parametrize("verbale_yaml, sender_entry, where", [
    ("sender: my-office\nplace: astana\n# the office's look\nhouse:\n  date_order: day-month\n  blank: blank.docx\n",
     "my-office: {kind: sender}\n", "verbale.yaml:6"),
    ("sender: my-office\nplace: astana\n", "# the office\nmy-office:\n  kind: sender\n  house: {blank: blank.docx}\n",
     "termbase/terms.yaml:4"),
    # the spec's own house.blank is named in the spec; the workspace's then does not matter
    ("sender: my-office\nplace: astana\nhouse: {blank: other.docx}\n", "my-office: {kind: sender}\n",
     "notes/sample.yaml:LINE"),
])
def test_a_bad_blank_is_located_where_it_is_named(tmp_path, capsys, verbale_yaml, sender_entry, where):
    """One line at the file and line that name the blank (the spec, the sender's entry or verbale.yaml);
    nothing is written, no internal error, and no DOCTYPE ever reaches a note."""
    from verbale.cli.generate import main

    office = office_with_blank(tmp_path, verbale_yaml, sender_entry)
    spec = office / "notes" / "sample.yaml"
    if "LINE" in where:
        text = spec.read_text(encoding="utf-8") + "house:\n  blank: blank.docx\n"
        spec.write_text(text, encoding="utf-8")
        where = where.replace("LINE", str(len(text.splitlines())))
    capsys.readouterr()
    assert main([str(spec), "-o", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{office / where}: house.blank: the blank blank.docx {DOCTYPE_PROBLEM} (save the blank from Word again)"]
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_draft_on_the_blank_keeps_the_blank_header_under_its_mark(blank, long_note):
    built = build(long_note, blank=blank, draft=True)
    for name, lang, mark in (("note.ru.docx", "ru", "ПРОЕКТ"), ("note.docx", "en", "DRAFT")):
        files = parts(built.files[name])
        first = files[f"word/header-draft-{lang}-first.xml"]
        assert mark.encode() in first and b"MINISTRY OF BLANKS" in first and first.index(mark.encode()) < \
            first.index(b"MINISTRY OF BLANKS")
        assert files[f"word/_rels/header-draft-{lang}-first.xml.rels"] == blank.header.rels
        assert mark.encode() in files[f"word/header-draft-{lang}.xml"] and b"PAGE" in files[f"word/header-draft-{lang}.xml"]
        assert_valid(built.files[name], name)
