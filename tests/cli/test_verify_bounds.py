"""``verbale verify`` given a crafted file (SECURITY.md §3): a DOCX or PDF built to exhaust memory or time is one
line ``FILE:1: FILE: problem``, in bounded memory and time; the programs reading a PDF run under caps
(verbale/bounded.py)."""
from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import zipfile

import pytest

from verbale.cli import main as verbale

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(path, document: str, extra: int = 0):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body>{document}</w:body></w:document>')
        for i in range(extra):
            package.writestr(f"customXml/item{i}.xml", b"")
    return path


@pytest.mark.parametrize("name, document, extra, problem", [
    # 45 KB that unpack to 30 MB of empty paragraphs: lxml took 58 s and 650 MB
    ("bomb.docx", "<w:p/>" * (30 * 2**20 // 6), 0, "has a part too large for a note (word/document.xml)"),
    # 3.9 MB, under the part's bound: 680 000 paragraphs
    ("many.docx", "<w:p/>" * (int(3.9 * 2**20) // 6), 0, "holds more than 20000 paragraphs (a note has some fifty)"),
    # text boxes in paragraphs 60 deep, over and over: every paragraph walked once per level
    ("deep.docx", ("<w:p><w:r><w:drawing><w:txbxContent>" * 60 + "</w:txbxContent></w:drawing></w:r></w:p>" * 60)
     * 400, 0, "holds more than 20000 paragraphs"),
    # deeper than any parser should go
    ("nested.docx", "<w:p>" + "<w:r>" * 100000 + "</w:r>" * 100000 + "</w:p>", 0, "holds XML that is not well-formed"),
    # a ZIP directory of 5000 entries (600 000 took 9 s and 320 MB before anything was checked)
    ("parts.docx", "<w:p/>", 5000, "holds more than 4000 parts (a note has a few dozen)"),
])
def test_a_crafted_docx_is_one_line(tmp_path, capsys, name, document, extra, problem):
    path = docx(tmp_path / name, document, extra)
    assert verbale(["verify", str(path), "--workspace", str(tmp_path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith(f"{path}:1: FILE: ") and problem in err[0], err


pdf_tools = pytest.mark.skipif(not (shutil.which("pdftotext") and shutil.which("pdftoppm")),
                               reason="needs poppler-utils (apt-get install poppler-utils)")


def pdf(path, width: float, height: float, text: str = "", user_unit: float = 1):
    pikepdf = pytest.importorskip("pikepdf")
    document = pikepdf.new()
    font = document.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                      BaseFont=pikepdf.Name.Helvetica))
    lines = "".join(f"({text[i:i + 400]}) Tj T* " for i in range(0, len(text), 400))
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, width, height], UserUnit=user_unit,
                              Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
                              Contents=document.make_stream(f"BT /F1 1 Tf 0.5 TL 10 {height - 10} Td {lines} ET"
                                                            .encode()))
    document.pages.append(pikepdf.Page(page))
    document.save(path)
    return path


@pdf_tools
def test_a_page_a_kilometre_wide_is_rendered_small(tmp_path):
    """A page of 14 400 pt with UserUnit 75 (a kilometre) was rendered at 200 dpi (10¹¹ pixels); it is rendered
    with its long side PAGE_PIXELS, whatever size it says (memory measured in a process of its own)."""
    path = pdf(tmp_path / "wide.pdf", 14400, 14400, "wide", user_unit=75)
    probe = ("import resource, sys; from pathlib import Path; from verbale.readback import pdf_verification_lines;"
             "p = Path(sys.argv[1]); print(pdf_verification_lines(p.read_bytes(), p));"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, timeout=300)
    lines, children_kib = done.stdout.splitlines()
    assert done.returncode == 0 and lines == "[]", done.stderr
    assert int(children_kib) < 300 * 1024


@pdf_tools
def test_a_pdf_that_unpacks_to_more_text_than_a_note_is_one_line(tmp_path, monkeypatch):
    """pdftotext's output is read at most MAX_TEXT bytes: a compressed stream unpacking to more is one line."""
    from verbale import readback

    monkeypatch.setattr(readback, "MAX_TEXT", 20000)
    path = pdf(tmp_path / "much.pdf", 595, 842, "abcdefghij" * 4000)
    with pytest.raises(readback.ReadError) as raised:
        readback.pdf_pages_text(path.read_bytes(), path)
    assert str(raised.value) == (f"{path}:1: FILE: cannot be read as a note's PDF: pdftotext gave more than 20,000 bytes of "
                                 "output (a note's PDF is a few pages of text)")
    small = pdf(tmp_path / "small.pdf", 595, 842, "abcdefghij" * 100)
    assert "abcdefghij" * 10 in "".join(readback.pdf_pages_text(small.read_bytes(), small)[0].split())


@pytest.mark.skipif(not shutil.which("prlimit"), reason="needs util-linux's prlimit")
@pytest.mark.parametrize("command, problem", [
    ([sys.executable, "-c", "import time; time.sleep(30)"], "took longer than 1 s"),
    (["head", "-c", str(300 * 2**20), "/dev/zero"], "wrote more than 256 MB"),
    (["head", "-c", str(2 * 2**20), "/dev/zero"], "gave more than 1,048,576 bytes of output"),
])
def test_a_program_given_a_file_from_outside_runs_within_bounds(command, problem):
    from verbale.bounded import Overrun, run_bounded

    with pytest.raises(Overrun, match=problem):
        run_bounded(command, timeout=1 if "sleep" in command[-1] else 60, output_limit=2**20)


@pytest.mark.skipif(not shutil.which("prlimit"), reason="needs util-linux's prlimit")
def test_a_program_cannot_take_more_memory_than_its_cap():
    from verbale.bounded import MEMORY, run_bounded

    done = run_bounded([sys.executable, "-c", f"b = bytearray({MEMORY + 2**30}); print(len(b))"], timeout=60,
                       output_limit=2**20)
    assert done.returncode == 1 and b"MemoryError" in done.stderr
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < MEMORY // 1024


def xref_bomb(path):
    """300 KB whose cross-reference stream names 33 million objects (and says /ByteRange, so its signatures are
    checked): pyHanko, in the verifying process, took 100 s and 2.4 GB before a MemoryError (an internal error)."""
    import zlib

    data = zlib.compress(b"\x01\x00\x00\x00\x0f\x00" * (200 * 2**20 // 6), 9)
    parts = [b"%PDF-1.7\n%/ByteRange\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
             b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"]
    start = len(parts[0])
    parts.append(b"3 0 obj\n<< /Type /XRef /Size 33554432 /W [1 4 1] /Root 1 0 R /Filter /FlateDecode /Length "
                 + str(len(data)).encode() + b" >>\nstream\n" + data + b"\nendstream\nendobj\n")
    parts.append(b"startxref\n" + str(start).encode() + b"\n%%EOF\n")
    path.write_bytes(b"".join(parts))
    return path


@pytest.mark.skipif(not shutil.which("prlimit"), reason="needs util-linux's prlimit")
def test_signatures_are_checked_in_a_bounded_process(tmp_path, monkeypatch, capsys):
    pytest.importorskip("pyhanko", reason='signing needs the extra: pip install "verbale[sign]"')
    from verbale import signing

    monkeypatch.setattr(signing, "CHECK_MEMORY", 256 * 2**20)   # fails sooner, as it would at 768 MB
    path = xref_bomb(tmp_path / "xref.pdf")
    assert signing.checked_signatures(path.read_bytes()) == [signing.Signature(
        "", False, False, None, "the file cannot be read as a PDF (checking it took too much memory)")]
    assert verbale(["verify", str(path), "--workspace", str(tmp_path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err and all(line.startswith(f"{path}:1: ") and "internal" not in line for line in err), err
