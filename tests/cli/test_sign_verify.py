"""Sign, verify, dispatch (NOTE-SPEC §12), end to end with real parts: a throwaway CA and office certificate made
with `cryptography`, LibreOffice's PDF/A, pyHanko's PAdES signature, zbarimg reading the QR code back, pikepdf
and pdftotext reading the record copy back, and the register on SQLite."""
from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from conftest import NOTES
from pki import PASSWORD, make_pki
from verbale.cli import main as verbale
from verbale.register.store import Register
from verbale.texthash import text_sha256, verification_line

TOOLS = ("soffice", "pdftotext", "pdftoppm", "zbarimg")
pytestmark = pytest.mark.skipif(not all(map(shutil.which, TOOLS)), reason="needs LibreOffice, poppler-utils and "
                                "zbar-tools (apt-get install libreoffice-writer-nogui poppler-utils zbar-tools)")
pyhanko = pytest.importorskip("pyhanko", reason='signing needs the extra: pip install "verbale[sign]"')
pikepdf = pytest.importorskip("pikepdf")

CONFIG = """numbering: {pattern: "17-1/{seq}", restart: yearly, start: 624}
house:
  qr: true
  restriction: official-use
  executor: {name: {en: A. Seitkali, ru: Сейткали А., kk: Сейтқали А.}, phone: "+7 7172 72 00 00"}
"""
LANGS = ("en", "ru", "kk")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def run(*args: str) -> int:
    return verbale(list(args))


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """A workspace that numbers its notes and prints the marks; one note generated as PDF/A (and a copy of the
    folder with one PDF changed by a byte), then signed."""
    import os

    root = tmp_path_factory.mktemp("office")
    (root / "notes").mkdir()
    (root / "verbale.yaml").write_text(CONFIG, encoding="utf-8")
    text = (NOTES / "17-1-624.yaml").read_text(encoding="utf-8")
    (root / "notes" / "a.yaml").write_text(re.sub(r"(?m)^number:.*$", "number: auto", text), encoding="utf-8")
    ca, key = make_pki(root / "pki")
    assert run("generate", str(root / "notes" / "a.yaml"), "-o", str(root / "out"), "--pdf", "archive") == 0
    shutil.copytree(root / "out", root / "unsigned")
    shutil.copytree(root / "out", root / "changed")
    pdf = root / "changed" / "a.ru.pdf"
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x01
    pdf.write_bytes(bytes(data))
    os.environ["VERBALE_KEY_PASSWORD"] = PASSWORD
    try:
        refused = run("sign", "17-1/624", "--key", str(key), "-o", str(root / "changed"), "--workspace", str(root))
        signed = run("sign", "17-1/624", "--key", str(key), "-o", str(root / "out"), "--workspace", str(root))
    finally:
        del os.environ["VERBALE_KEY_PASSWORD"]
    return dict(root=root, ca=ca, key=key, refused=refused, signed=signed,
                register=Register(f"sqlite:///{(root / 'register.sqlite').as_posix()}"))


def docx_paragraph_texts(docx: Path) -> list[str]:
    """The body's paragraphs as the contract reads them, written out here: w:t text, w:br a line break, Word's
    no-break hyphen U+2011; empty paragraphs left out."""
    import zipfile

    root = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    texts = []
    for paragraph in root.iter(f"{W}p"):
        pieces = []
        for element in paragraph.iter(f"{W}t", f"{W}br", f"{W}noBreakHyphen"):
            pieces.append({"t": element.text or "", "br": "\n", "noBreakHyphen": "\u2011"}[element.tag[len(W):]])
        if "".join(pieces):
            texts.append("".join(pieces))
    return texts


def decoded_qr(pdf: Path, tmp_path: Path) -> list[str]:
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(pdf), str(tmp_path / "page")], check=True)
    found = []
    for page in sorted(tmp_path.glob("page*.png")):
        out = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sbinary", str(page)], capture_output=True).stdout
        found += [line.decode("utf-8") for line in out.split(b"\n") if line.strip()]
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_the_qr_code_holds_the_contract_line(office, lang, tmp_path):
    docx = office["root"] / "out" / f"a.{lang}.docx"
    expected = verification_line("17-1/624", "2021-09-23", "cica-secretariat", lang,
                                 text_sha256(docx_paragraph_texts(docx)))
    assert expected.startswith(f"verbale:1;number=17-1/624;date=2021-09-23;sender=cica-secretariat;lang={lang};"
                               "sha256=")
    assert decoded_qr(office["root"] / "unsigned" / f"a.{lang}.pdf", tmp_path) == [expected]
    # the register holds the same hash, and the text itself
    texts = {row["lang"]: row for row in office["register"].find("17-1/624").texts}
    assert texts[lang]["sha256"] == expected.rsplit("=", 1)[1]
    assert texts[lang]["text"] == "\n".join(docx_paragraph_texts(docx))


def test_a_changed_file_is_refused_and_nothing_is_signed(office):
    assert office["refused"] == 1
    changed = office["root"] / "changed"
    assert (changed / "a.en.pdf").read_bytes() == (office["root"] / "unsigned" / "a.en.pdf").read_bytes()
    assert b"/ByteRange" not in (changed / "a.en.pdf").read_bytes()


def test_signing_records_the_signer_and_each_signed_files_hash(office, capsys):
    assert office["signed"] == 0
    record = office["register"].find("17-1/624")
    assert record.state == "signed"
    signed = record.signed_files()
    assert sorted(signed) == ["a.en.pdf", "a.kk.pdf", "a.ru.pdf"]
    for name, row in signed.items():
        data = (office["root"] / "out" / name).read_bytes()
        assert row["sha256"] == hashlib.sha256(data).hexdigest()
        assert row["signer"] == "CN=Registry Officer,O=Test Mission,C=KZ"
        assert data.startswith((office["root"] / "unsigned" / name).read_bytes()), "an incremental update"
    assert run("register", "--workspace", str(office["root"]), "list", "--state", "signed") == 0
    assert capsys.readouterr().out.startswith("17-1/624  2021-09-23")
    assert run("register", "--workspace", str(office["root"]), "list", "--state", "dispatched") == 0
    assert capsys.readouterr().out == ""
    assert run("register", "--workspace", str(office["root"]), "show", "17-1/624") == 0
    shown = capsys.readouterr().out
    assert "state:      signed" in shown and "registered  [" in shown
    assert re.search(r"signed a\.en\.pdf by CN=Registry Officer,O=Test Mission,C=KZ \(SHA-256 [0-9a-f]{64}\)", shown)


def test_signing_again_is_refused(office, monkeypatch, capsys):
    monkeypatch.setenv("VERBALE_KEY_PASSWORD", PASSWORD)
    before = (office["root"] / "out" / "a.en.pdf").read_bytes()
    assert run("sign", "17-1/624", "--key", str(office["key"]), "-o", str(office["root"] / "out"),
               "--workspace", str(office["root"])) == 1
    assert "is signed already, by CN=Registry Officer" in capsys.readouterr().err
    assert (office["root"] / "out" / "a.en.pdf").read_bytes() == before


def test_the_password_is_never_an_argument(office, capsys):
    assert run("sign", "17-1/624", "--key", str(office["key"]), "--password", PASSWORD) == 2


def test_a_wrong_password_is_one_line(office):
    from verbale.signing import SignError, load_key

    with pytest.raises(SignError) as caught:
        load_key(office["key"], b"wrong")
    assert str(caught.value) == (f"<spec>:1: --key: cannot open the key {office['key']}: wrong password, or not a "
                                 "PKCS#12 file (type the password again, or check VERBALE_KEY_PASSWORD)")


def test_usage_and_missing_files_are_one_line(office, tmp_path, capsys):
    assert run("verify", str(tmp_path / "note.txt")) == 2
    assert capsys.readouterr().err == f"verbale verify: error: {tmp_path / 'note.txt'} is neither a .pdf nor a .docx\n"
    assert run("verify", str(tmp_path / "gone.pdf"), "--workspace", str(office["root"])) == 1
    assert capsys.readouterr().err == f"{tmp_path / 'gone.pdf'}:1: FILE: not a readable file of at most 64 MB\n"
    assert run("sign", "17-1/999", "--key", str(office["key"]), "--workspace", str(office["root"])) == 1
    assert "17-1/999 is not in the register" in capsys.readouterr().err


@pytest.mark.parametrize("lang", LANGS)
def test_a_signed_pdf_verifies_and_one_changed_byte_fails(office, lang, tmp_path, capsys):
    pdf = office["root"] / "out" / f"a.{lang}.pdf"
    assert run("verify", str(pdf), "--trust", str(office["ca"]), "--workspace", str(office["root"])) == 0
    out = capsys.readouterr().out
    assert "signed by CN=Registry Officer,O=Test Mission,C=KZ; the signature is intact, covers the whole file and " \
           "leads to the trusted CA" in out
    assert f"the register holds 17-1/624 of 2021-09-23 with the {lang} text its verification mark names" in out
    assert "this very file was recorded for 17-1/624 (as signed)" in out
    assert run("verify", str(pdf), "--workspace", str(office["root"])) == 0
    assert "not checked against a trusted root" in capsys.readouterr().out
    data = bytearray(pdf.read_bytes())
    signed_from = data.rfind(b"/ByteRange")
    data[signed_from // 2] ^= 0x01          # one byte of the signed content
    changed = tmp_path / pdf.name
    changed.write_bytes(bytes(data))
    assert run("verify", str(changed), "--trust", str(office["ca"]), "--workspace", str(office["root"])) == 1
    err = capsys.readouterr().err
    assert f"{changed}:1: (verify): signature by CN=Registry Officer,O=Test Mission,C=KZ: the signed bytes were " \
           "changed or the signature is broken" in err


def test_another_ca_is_not_trusted(office, tmp_path, capsys):
    other_ca, _ = make_pki(tmp_path / "other")
    assert run("verify", str(office["root"] / "out" / "a.en.pdf"), "--trust", str(other_ca),
               "--workspace", str(office["root"])) == 1
    assert "does not lead to the trusted CA" in capsys.readouterr().err


@pytest.mark.parametrize("lang, was, now", [
    ("en", "has the honour to forward", "has the honour to send"),
    ("ru", "имеет честь препроводить", "имеет честь направить"),
    ("kk", "жолдауды", "жіберуді"),
])
def test_verify_a_docx_unchanged_passes_one_changed_word_fails(office, lang, was, now, tmp_path, capsys):
    import zipfile

    docx = office["root"] / "out" / f"a.{lang}.docx"
    assert run("verify", str(docx), "--workspace", str(office["root"])) == 0
    assert f"the register holds 17-1/624 of 2021-09-23 with this {lang} text" in capsys.readouterr().out
    changed = tmp_path / docx.name
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(changed, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                assert was.encode() in data
                data = data.replace(was.encode(), now.encode(), 1)
            target.writestr(info, data)
    assert run("verify", str(changed), "--workspace", str(office["root"])) == 1
    err = capsys.readouterr().err.splitlines()
    assert f"{changed}:1: (verify): the text is not the one its verification mark was made for ({lang}, 17-1/624)" \
        in err
    assert any(f"the {lang} text is not the one registered for 17-1/624: line" in line and now.split()[-1] in line
               and was.split()[-1] in line for line in err), err


def test_a_pdf_made_again_with_a_changed_word_says_what_differs(office, tmp_path, capsys):
    """A PDF that is not the recorded file is compared by its text: the QR code still names the registered text,
    the words on the page do not say it."""
    import zipfile

    from verbale.pdf import convert

    source = office["root"] / "out" / "a.en.docx"
    changed = tmp_path / "a.en.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(changed, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"a Note by the Chair", b"a Note by the Chairs", 1)
            new.writestr(info, data)
    made = convert([changed, source]).pdfs
    (tmp_path / "changed.pdf").write_bytes(made[changed])
    (tmp_path / "same.pdf").write_bytes(made[source])
    assert run("verify", str(tmp_path / "same.pdf"), "--workspace", str(office["root"])) == 0
    assert "the PDF's text is the registered text" in capsys.readouterr().out
    assert run("verify", str(tmp_path / "changed.pdf"), "--workspace", str(office["root"])) == 1
    assert "the PDF's text differs from the registered text: «Chairs.» where the register has «Chair.»" in \
        capsys.readouterr().err


def fonts_embedded(document) -> list[str]:
    """The names of the fonts a PDF uses without embedding them."""
    missing = []
    for page in document.pages:
        for font in page.Resources.get("/Font", {}).values():
            fonts = list(font.get("/DescendantFonts", [])) or [font]
            for each in fonts:
                descriptor = each.get("/FontDescriptor")
                if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    missing.append(str(each.get("/BaseFont")))
    return missing


@pytest.mark.parametrize("folder", ["unsigned", "out"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_record_copy_is_pdfa_with_its_fonts_and_the_docx_text(office, folder, lang):
    from verbale.readback import pdf_pages_text, text_differences

    pdf = office["root"] / folder / f"a.{lang}.pdf"
    with pikepdf.open(pdf) as document:
        assert document.open_metadata().pdfa_status == "2B"
        intents = document.Root.OutputIntents
        assert len(intents) == 1 and intents[0].S == "/GTS_PDFA1" and "/DestOutputProfile" in intents[0]
        assert fonts_embedded(document) == []
    # the page's words are the DOCX's paragraphs, line breaks and hyphenation aside; the page number of a
    # continuation page and nothing else besides (a changed word is found: test_a_pdf_made_again_…)
    paragraphs = docx_paragraph_texts(office["root"] / "out" / f"a.{lang}.docx")
    assert text_differences("\n".join(paragraphs), pdf_pages_text(pdf.read_bytes(), pdf)) == []


def test_a_file_without_the_mark_is_verified_by_its_recorded_hash(office, tmp_path, capsys):
    review = office["root"] / "out" / "a.review.docx"
    assert run("verify", str(review), "--workspace", str(office["root"])) == 0
    assert "this very file was recorded for 17-1/624 of 2021-09-23" in capsys.readouterr().out
    changed = tmp_path / review.name
    data = bytearray(review.read_bytes())
    data[len(data) // 2] ^= 0x01
    changed.write_bytes(bytes(data))
    assert run("verify", str(changed), "--workspace", str(office["root"])) == 1


def test_without_pyhanko_signing_is_one_clear_line(office, monkeypatch, capsys):
    import sys

    monkeypatch.setitem(sys.modules, "pyhanko", None)
    monkeypatch.setitem(sys.modules, "pyhanko.sign", None)
    monkeypatch.setenv("VERBALE_KEY_PASSWORD", PASSWORD)
    assert run("sign", "17-1/624", "--key", str(office["key"]), "-o", str(office["root"] / "unsigned"),
               "--workspace", str(office["root"])) == 1
    err = capsys.readouterr().err.splitlines()
    assert err and err[-1].endswith('(sign): signing needs pyHanko and pikepdf, which are not installed (install '
                                    'the signing extra: pip install "verbale[sign]")')


def test_dispatch_with_a_receipt_then_cancel(office, tmp_path, capsys):
    root = office["root"]
    receipt = tmp_path / "receipt.pdf"
    receipt.write_bytes(b"the courier's receipt")
    assert run("register", "--workspace", str(root), "dispatch", "17-1/624", "--channel", "pouch", "--copies", "2",
               "--receipt", str(receipt)) == 0
    digest = hashlib.sha256(b"the courier's receipt").hexdigest()
    assert capsys.readouterr().out == f"17-1/624 dispatched by pouch; receipt receipt.pdf kept as SHA-256 {digest}\n"
    assert run("register", "--workspace", str(root), "dispatch", "17-1/624", "--channel", "fax") == 2
    assert run("register", "--workspace", str(root), "list", "--state", "dispatched") == 0
    assert "[dispatched]" in capsys.readouterr().out
    assert run("register", "--workspace", str(root), "show", "17-1/624") == 0
    shown = capsys.readouterr().out
    assert f"dispatched by pouch, 2 copies, receipt receipt.pdf (SHA-256 {digest})" in shown
    states = [event["state"] for event in office["register"].find("17-1/624").states]
    assert states == ["registered", "signed", "signed", "signed", "dispatched"]
    assert run("register", "--workspace", str(root), "cancel", "17-1/624", "--why", "sent to the wrong mission") == 0
    assert office["register"].find("17-1/624").state == "cancelled"
    assert run("register", "--workspace", str(root), "dispatch", "17-1/624", "--channel", "hand") == 1
    assert "17-1/624 was cancelled on" in capsys.readouterr().err
    assert run("verify", str(root / "out" / "a.en.docx"), "--workspace", str(root)) == 1
    assert "(verify): 17-1/624 was cancelled: sent to the wrong mission" in capsys.readouterr().err
