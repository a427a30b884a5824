"""Every XML part of every kind of generated DOCX is valid against the ISO/IEC 29500 transitional schemas, and
its run properties come in the order Word expects; the check itself catches a broken file."""
from __future__ import annotations

import io
import re
import zipfile

import pytest

from ooxml_check import assert_valid, problems

KINDS = ["17-1-624.en.docx", "17-1-624.ru.docx", "17-1-624.kk.docx", "17-1-624.docx", "17-1-624.review.docx",
         "17-1-298.docx", "osce-brussels-2006.en.docx", "circular-soc-2026.mfa-korea.docx"]


@pytest.mark.parametrize("name", KINDS)
def test_generated_files_are_schema_valid(sample_out, name):
    assert_valid((sample_out / name).read_bytes(), name)


def with_part(data: bytes, part: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            target.writestr(name, change(content.decode("utf-8")).encode("utf-8") if name == part else content)
    return out.getvalue()


@pytest.mark.parametrize("part, change, expected", [
    ("word/document.xml", lambda x: x.replace("<w:body>", "<w:body><w:bogus/>", 1), "bogus"),
    ("word/styles.xml", lambda x: re.sub(r'(<w:sz w:val="\d+"/><w:szCs w:val="\d+"/>)(<w:lang [^>]*/>)', r"\2\1", x,
                                         count=1), "run properties out of Word's order: rFonts lang sz szCs"),
    ("word/settings.xml", lambda x: x.replace("<w:autoHyphenation/>", "").replace(
        "<w:compat>", "<w:autoHyphenation/><w:compat>"), "autoHyphenation"),
    ("[Content_Types].xml", lambda x: x.replace("<Default ", "<Default Bogus=\"1\" ", 1), "Bogus"),
])
def test_the_check_fails_on_a_broken_file(sample_out, part, change, expected):
    data = (sample_out / "17-1-624.en.docx").read_bytes()
    broken = with_part(data, part, change)
    assert broken != data
    found = problems(broken)
    assert found and all(line.startswith(f"{part}:") for line in found)
    assert any(expected in line for line in found), found
