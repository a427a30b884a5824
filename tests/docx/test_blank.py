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
    (lambda p: rewrite(p, "word/header1.xml", lambda d: d.replace(b"<w:hdr", b'<!DOCTYPE x [<!ENTITY a "b">]><w:hdr')),
     None),
])
def test_a_bad_blank_is_one_clear_error(tmp_path, damage, message):
    path = make_blank(tmp_path / "blank.docx")
    damage(path)
    if message is None:  # an entity is not expanded: the part is carried or refused, never resolved
        try:
            blank = load_blank(path)
        except BlankError as error:
            assert "blank.docx" in str(error)
        else:
            assert b"<!ENTITY" not in blank.header.xml or b"&a;" not in blank.header.xml
        return
    with pytest.raises(BlankError, match=message) as error:
        load_blank(path)
    assert str(error.value).startswith("<spec>:1: house.blank: the blank blank.docx ")


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
