"""An optional emblem per sender, centred above the letterhead."""
from __future__ import annotations

import shutil
import struct
import zipfile
import zlib

import pytest

from conftest import NOTES
from verbale.build import build
from verbale.errors import TermbaseError
from verbale.facts.termbase import LOCALES_DIR, Termbase


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x20\x40\x90" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@pytest.fixture
def termbase_with_emblem(tmp_path):
    root = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, root)
    (root / "emblems").mkdir()
    (root / "emblems" / "cica.png").write_bytes(png(40, 20))
    terms = root / "terms.yaml"
    terms.write_text(terms.read_text(encoding="utf-8").replace(
        "cica-secretariat: {kind: sender}", "cica-secretariat: {kind: sender, emblem: emblems/cica.png}"), encoding="utf-8")
    return Termbase(root)


def test_emblem_is_placed_above_the_letterhead(termbase_with_emblem):
    built = build(NOTES / "17-1-624.yaml", termbase_with_emblem)
    for name in ("17-1-624.en.docx", "17-1-624.docx"):
        with zipfile.ZipFile(__import__("io").BytesIO(built.files[name])) as package:
            assert package.read("word/media/emblem.png") == png(40, 20)
            assert 'Target="media/emblem.png"' in package.read("word/_rels/document.xml.rels").decode()
            document = package.read("word/document.xml").decode()
            assert document.index("<w:drawing>") < document.index("SECRETARIAT OF THE CONFERENCE")
            assert document.count("<w:drawing>") == (3 if name == "17-1-624.docx" else 1)
            assert '<wp:extent cx="1800000" cy="900000"/>' in document  # 2.5 cm high, in proportion


def test_without_an_emblem_there_is_no_picture_part():
    with zipfile.ZipFile(__import__("io").BytesIO(build(NOTES / "17-1-624.yaml").files["17-1-624.en.docx"])) as package:
        assert "word/media/emblem.png" not in package.namelist()


def test_an_emblem_that_is_not_png_is_a_clear_error(termbase_with_emblem):
    (termbase_with_emblem.root / "emblems" / "cica.png").write_bytes(b"GIF89a")
    termbase = Termbase(termbase_with_emblem.root)
    with pytest.raises(TermbaseError, match="is not a PNG image"):
        build(NOTES / "17-1-624.yaml", termbase)
