"""`verbale verify` of a PDF that carries no verification mark (a house without `qr:`) and is not the recorded file
(made again from the DOCX, or edited): the number printed on its first page names the record, and its text is
compared with the registered text (NOTE-SPEC §12: one changed word fails, and the line says what differs)."""
from __future__ import annotations

import re
import shutil
import zipfile

import pytest

from conftest import NOTES
from verbale.cli import main as verbale

pytestmark = pytest.mark.skipif(not all(map(shutil.which, ("soffice", "pdftotext"))),
                                reason="needs LibreOffice and poppler-utils (apt-get install "
                                       "libreoffice-writer-nogui poppler-utils)")
CONFIG = 'numbering: {pattern: "17-1/{seq}", restart: yearly, start: 624}\n'


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    root = tmp_path_factory.mktemp("nomark")
    (root / "notes").mkdir()
    (root / "verbale.yaml").write_text(CONFIG, encoding="utf-8")
    text = (NOTES / "17-1-624.yaml").read_text(encoding="utf-8")
    (root / "notes" / "a.yaml").write_text(re.sub(r"(?m)^number:.*$", "number: auto", text), encoding="utf-8")
    assert verbale(["generate", str(root / "notes" / "a.yaml"), "-o", str(root / "out"), "--pdf"]) == 0
    return root


def made_again(source, tmp_path, old: bytes = b"", new: bytes = b""):
    """The PDF LibreOffice makes of the DOCX, with one word changed first where ``old`` is given."""
    from verbale.pdf import convert

    tmp_path.mkdir(parents=True, exist_ok=True)
    changed = tmp_path / source.name
    with zipfile.ZipFile(source) as was, zipfile.ZipFile(changed, "w", zipfile.ZIP_DEFLATED) as now:
        for info in was.infolist():
            data = was.read(info)
            if old and info.filename == "word/document.xml":
                assert old in data
                data = data.replace(old, new, 1)
            now.writestr(info, data)
    pdf = tmp_path / (source.stem + ".pdf")
    pdf.write_bytes(convert([changed]).pdfs[changed])
    return pdf


@pytest.mark.parametrize("lang, old, new, said", [
    ("en", b"a Note by the Chair", b"a Note by the Chairs", "«Chairs.» where the register has «Chair.»"),
    ("ru", "Председателя".encode(), "Председателей".encode(), "«Председателей"),
])
def test_a_pdf_without_the_mark_is_found_by_its_printed_number(office, tmp_path, capsys, lang, old, new, said):
    recorded = office / "out" / f"a.{lang}.pdf"
    assert verbale(["verify", str(recorded), "--workspace", str(office)]) == 0
    assert "this very file was recorded for 17-1/624" in capsys.readouterr().out
    same = made_again(office / "out" / f"a.{lang}.docx", tmp_path / "same")
    assert verbale(["verify", str(same), "--workspace", str(office)]) == 0
    assert f"its text is the registered {lang} text of 17-1/624 of 2021-09-23 (the number read from its page)" in \
        capsys.readouterr().out
    changed = made_again(office / "out" / f"a.{lang}.docx", tmp_path / "changed", old, new)
    assert verbale(["verify", str(changed), "--workspace", str(office)]) == 1
    err = capsys.readouterr().err
    assert f"the PDF carries no verification mark; its text differs from the registered {lang} text of 17-1/624" \
        in err and said in err, err


def test_a_pdf_whose_number_the_register_never_issued_is_refused(office, tmp_path, capsys):
    changed = made_again(office / "out" / "a.en.docx", tmp_path, b"17-1/624", b"17-1/999")
    assert verbale(["verify", str(changed), "--workspace", str(office)]) == 1
    assert "carries no verification mark that could be read, nor a number the register issued" in \
        capsys.readouterr().err


def test_lines_added_below_the_note_are_shown_as_not_compared(office, tmp_path, capsys):
    """Whole lines below the note on its first page are taken for the blank's footer (a check of what a reader
    sees, not a proof: README, Verifying): a line added there is not passed in silence, it is named."""
    changed = made_again(office / "out" / "a.en.docx", tmp_path, b"</w:body>",
                         b'<w:p><w:r><w:t>P.S. All visa fees are waived.</w:t></w:r></w:p></w:body>')
    verbale(["verify", str(changed), "--workspace", str(office)])
    out, err = capsys.readouterr()
    assert "P.S. All visa fees are waived." in out + err
