"""What came in, read into text: a real PDF (a note generated and converted by LibreOffice) through pdftotext,
real scans (its pages rendered by pdftoppm, as a PNG and as a PDF of the image alone) through tesseract's OCR;
then found by words in Russian and Kazakh with `verbale incoming list --text`. The received file is untouched."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from verbale.cli import main as verbale
from verbale.register.extract import TIMEOUT_VARIABLE, extract_text, kind_of

ROOT = Path(__file__).resolve().parents[2]
MISSION = ROOT / "examples" / "mission"
needs_tools = pytest.mark.skipif(not all(map(shutil.which, ("soffice", "pdftotext", "pdftoppm", "tesseract"))),
                                 reason="needs LibreOffice, poppler-utils and tesseract-ocr with kaz, rus and eng "
                                        "data (apt-get install libreoffice-writer-nogui poppler-utils tesseract-ocr "
                                        "tesseract-ocr-kaz tesseract-ocr-rus tesseract-ocr-eng)")
pytestmark = needs_tools


@pytest.fixture(scope="module")
def received(tmp_path_factory) -> Path:
    """The Austrian ministry's note to the mission (examples/mission) as it would come in: PDFs made by
    LibreOffice, and scans of their first pages (PNG at 200 dpi; the Kazakh one also as a PDF of the image)."""
    folder = tmp_path_factory.mktemp("received")
    assert verbale(["generate", str(MISSION / "notes" / "from-ministry.yaml"), "-o", str(folder), "--pdf"]) == 0
    for lang in ("ru", "kk"):
        subprocess.run(["pdftoppm", "-png", "-r", "200", "-singlefile", f"from-ministry.{lang}.pdf", f"scan.{lang}"],
                       cwd=folder, check=True)
    subprocess.run(["pdftoppm", "-jpeg", "-r", "200", "-singlefile", "from-ministry.kk.pdf", "scan.kk"],
                   cwd=folder, check=True)
    (folder / "scan.kk.pdf").write_bytes(image_pdf((folder / "scan.kk.jpg").read_bytes()))
    return folder


def image_pdf(jpeg: bytes) -> bytes:
    """A one-page A4 PDF holding a JPEG and no text: a scanner's PDF."""
    at = next(i for i in range(2, len(jpeg)) if jpeg[i - 2] == 0xFF and jpeg[i - 1] in (0xC0, 0xC1, 0xC2))
    height, width = int.from_bytes(jpeg[at + 3:at + 5], "big"), int.from_bytes(jpeg[at + 5:at + 7], "big")
    colours = b"/DeviceGray" if jpeg[at + 7] == 1 else b"/DeviceRGB"
    draw = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> "
               b"/Contents 5 0 R >>",
               b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 "
               b"/Filter /DCTDecode /Length %d >>\nstream\n" % (width, height, colours, len(jpeg)) + jpeg + b"\nendstream",
               b"<< /Length %d >>\nstream\n" % len(draw) + draw + b"\nendstream"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


READ = [  # (file, how it is read, words it must give: the note's own words in its language)
    ("from-ministry.ru.pdf", "pdftotext", ["подтвердить получение его ноты № 08-2/117 от 12 марта 2024 г."]),
    ("from-ministry.kk.pdf", "pdftotext", ["нотасын алғанын растауды"]),
    ("scan.ru.png", "ocr", ["подтвердить получение его ноты", "Федеральное министерство"]),
    ("scan.kk.png", "ocr", ["нотасын алғанын растауды", "Тұрақты өкілдігіне"]),
    ("scan.kk.pdf", "ocr", ["нотасын алғанын растауды", "Тұрақты өкілдігіне"]),   # a PDF with no text: a scan
]


@pytest.mark.parametrize("name, source, words", READ)
def test_pdfs_and_scans_are_read(received, name, source, words):
    data = (received / name).read_bytes()
    found = extract_text(data)
    assert (found.source, found.problem) == (source, "")
    said = " ".join(found.text.replace("\u00a0", " ").split())
    for phrase in words:
        assert phrase in said
    assert (received / name).read_bytes() == data


@pytest.fixture
def office(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "office"
    shutil.copytree(MISSION, root)
    with open(root / "verbale.yaml", "a", encoding="utf-8") as config:
        config.write('numbering: {pattern: "08-2/{seq}"}\n')
    monkeypatch.chdir(root)
    return root


def add(path: Path, number: str, capsys) -> str:
    assert verbale(["incoming", "add", "--from", "mfa-austria", "--number", number, "--date", "2024-03-14",
                    str(path)]) == 0
    return capsys.readouterr().out.strip()


FOUND_BY = [  # (words a registry officer types, the notes found: 1 the Russian PDF, 2 the Kazakh scan)
    ("получение ноты", [1]),
    ("ПОДТВЕРДИТЬ ПОЛУЧЕНИЕ", [1]),
    ("алғанын растауды", [2]),
    ("Тұрақты өкілдігіне", [2]),
    ("08-2/117", [1, 2]),                   # both cite the mission's note
    ("алғанын получение", []),             # every word must be in one note
]


def test_found_by_words_in_russian_and_kazakh(office, received, capsys):
    ids = [add(received / "from-ministry.ru.pdf", "EU.4/41", capsys), add(received / "scan.kk.png", "EU.4/42", capsys)]
    assert ids[0].startswith("in-") and ids[1] != ids[0]
    for words, found in FOUND_BY:
        assert verbale(["incoming", "list", "--text", words]) == 0
        listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
        assert listed == [ids[n - 1] for n in found], words
    assert verbale(["incoming", "show", ids[1]]) == 0
    shown = capsys.readouterr().out
    assert "characters read by OCR (tesseract)" in shown and "received as scan.kk.png" in shown
    copies = {p.name.split("-", 1)[1]: p.read_bytes() for p in (office / "incoming").iterdir()}
    assert copies == {name: (received / name).read_bytes() for name in ("from-ministry.ru.pdf", "scan.kk.png")}


def test_what_cannot_be_read_is_recorded_with_one_line_saying_why(office, received, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv(TIMEOUT_VARIABLE, "0.05")
    assert verbale(["incoming", "add", "--from", "mfa-austria", "--number", "1", "--date", "2024-03-14",
                    str(received / "scan.kk.png")]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "in-" + out.strip().split("-", 1)[1] and err.strip() == (
        f"{received / 'scan.kk.png'}:1: FILE: no text kept: reading it took longer than 0.05 s (VERBALE_OCR_TIMEOUT) "
        "(the note is recorded; list --text will not find it by what it says)")
    monkeypatch.setenv(TIMEOUT_VARIABLE, "soon")
    assert verbale(["incoming", "add", "--from", "mfa-austria", "--number", "2", "--date", "2024-03-14",
                    str(received / "scan.kk.png")]) == 2
    assert capsys.readouterr().err.strip() == ("verbale incoming: error: VERBALE_OCR_TIMEOUT='soon' is not a number "
                                               "of seconds (set it to a number above 0 and at most 86400, or unset it)")
    monkeypatch.delenv(TIMEOUT_VARIABLE)
    only_poppler = tmp_path / "bin"
    only_poppler.mkdir()
    for program in ("pdftotext", "pdftoppm"):
        (only_poppler / program).symlink_to(shutil.which(program))
    monkeypatch.setenv("PATH", str(only_poppler))
    assert verbale(["incoming", "add", "--from", "mfa-austria", "--number", "3", "--date", "2024-03-14",
                    str(received / "scan.kk.pdf")]) == 0
    assert capsys.readouterr().err.strip().endswith("FILE: no text kept: tesseract is not installed (apt-get install "
                                                    "tesseract-ocr) (the note is recorded; list --text will not find "
                                                    "it by what it says)")
    docx = received / "from-ministry.docx"
    assert kind_of(docx.read_bytes()) == ""
    assert verbale(["incoming", "add", "--from", "mfa-austria", "--number", "4", "--date", "2024-03-14",
                    str(docx)]) == 0
    assert "no text kept: not a PDF or an image, so its text is not read" in capsys.readouterr().err
    assert verbale(["incoming", "list"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3   # every note recorded all the same
