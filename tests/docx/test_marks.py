"""The marks of NOTE-SPEC §12 in the files: the restriction under the number line and the executor at the foot
of the last page in each language (sources: locales/ru/README.md, locales/kk/README.md), the QR verification
mark, and a draft's mark on every page."""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import pytest

from conftest import docx_paragraphs, spec_yaml
from ooxml_check import assert_valid
from verbale.build import build
from verbale.cli.generate import main as generate
from verbale.texthash import parse_verification_line, text_sha256

EXECUTOR = {"name": {"en": "A. Seitkali", "ru": "Сейткали А.", "kk": "Сейтқали А."}, "phone": "+7 7172 72 00 00"}

# language, restriction mark (official-use), executor lines — the rule and its source beside each
MARKS = [
    ("en", "For official use only", ["Prepared by A. Seitkali", "Tel. +7 7172 72 00 00"]),   # US/UN usage
    ("ru", "Для служебного пользования", ["Исп. Сейткали А.", "Тел. +7 7172 72 00 00"]),    # GOST R 7.0.97 §5.26
    ("kk", "Қызмет бабында пайдалану үшін", ["Орындаған: Сейтқали А.", "Тел. +7 7172 72 00 00"]),  # ҚР Үкіметі №429
]


@pytest.fixture
def marked(write_spec, tmp_path):
    spec = write_spec(executor=EXECUTOR, restriction="official-use", house={"qr": True})
    return build(spec)


@pytest.mark.parametrize("lang, restriction, executor", MARKS)
def test_the_marks_in_each_language(marked, tmp_path, lang, restriction, executor):
    path = tmp_path / f"n.{lang}.docx"
    path.write_bytes(marked.files[f"note.{lang}.docx"])
    paragraphs = docx_paragraphs(path)
    styles = [style for style, _ in paragraphs]
    assert paragraphs[styles.index("Note Number") + 1] == ("Note Restriction", restriction)
    assert paragraphs[-1] == ("Note Executor", " ".join(executor))
    document = zipfile.ZipFile(path).read("word/document.xml").decode()
    assert re.search(r'<w:pStyle w:val="NoteExecutor"/><w:framePr [^>]*w:yAlign="bottom"', document)
    assert_valid(marked.files[f"note.{lang}.docx"], lang)


def test_the_spec_wins_over_the_house(write_spec):
    spec = write_spec(restriction="confidential", house={"restriction": "official-use",
                                                         "executor": {"name": "Somebody", "phone": "1"}})
    built = build(spec)
    lines = [p for _, p in docx_paragraphs_of(built.files["note.ru.docx"])]
    assert "Конфиденциально" in lines and "Для служебного пользования" not in lines
    assert "Исп. Somebody Тел. 1" in lines


def docx_paragraphs_of(data: bytes) -> list[tuple[str, str]]:
    import io

    from docx import Document

    return [(p.style.name, " ".join(p.text.replace("\u00a0", " ").split())) for p in Document(io.BytesIO(data)).paragraphs]


def test_an_unknown_restriction_is_one_located_line(write_spec, tmp_path, capsys):
    spec = write_spec(restriction="top-secret")
    assert generate([str(spec), "-o", str(tmp_path / "out")]) == 1
    line = next(l for l in spec.read_text().splitlines() if l.startswith("restriction"))
    number = spec.read_text().splitlines().index(line) + 1
    assert capsys.readouterr().err.splitlines() == [
        f"{spec}:{number}: restriction: 'top-secret' is not a restriction mark in en (use one of confidential, "
        "official-use, or add it under restriction: in termbase/en/formulas.yaml)"]


@pytest.mark.skipif(not shutil.which("zbarimg"), reason="needs zbarimg (apt-get install zbar-tools)")
@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_the_qr_picture_holds_the_line_of_the_text(marked, tmp_path, lang):
    data = marked.files[f"note.{lang}.docx"]
    package = zipfile.ZipFile(__import__("io").BytesIO(data))
    picture = tmp_path / "qr.png"
    picture.write_bytes(package.read("word/media/qr-1.png"))
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sbinary", str(picture)], capture_output=True,
                             check=True).stdout.decode("utf-8").strip()
    fields = parse_verification_line(decoded)
    note = next(t for t in marked.texts if t[1] == lang)
    assert fields == {"number": "17-1/900", "date": "2021-09-23", "sender": "cica-secretariat", "lang": lang,
                      "sha256": text_sha256(note[2])}
    assert f'descr="{decoded}"' in package.read("word/document.xml").decode()
    assert len(set(package.namelist()) & {"word/media/qr-1.png"}) == 1


def test_the_mark_changes_no_text_and_the_files_stay_the_same(write_spec):
    plain = build(write_spec("plain.yaml"))
    marked = build(write_spec("marked.yaml", house={"qr": True}))
    assert [t[2] for t in plain.texts] == [t[2] for t in marked.texts]
    assert build(write_spec("marked.yaml", house={"qr": True})).files == marked.files   # deterministic


LONG = {lang: " ".join([text] * 14) for lang, text in (
    ("en", "The Secretariat attaches great importance to the preparation of the meeting and its documents."),
    ("ru", "Секретариат придает большое значение подготовке заседания и его документов."),
    ("kk", "Хатшылық отырысты және оның құжаттарын дайындауға үлкен мән береді."))}


@pytest.mark.skipif(not all(map(shutil.which, ("soffice", "pdftotext", "pdfinfo"))),
                    reason="needs LibreOffice and poppler-utils")
def test_a_draft_carries_its_mark_on_every_page_and_takes_no_number(tmp_path):
    root = tmp_path / "office"
    (root / "notes").mkdir(parents=True)
    (root / "verbale.yaml").write_text('numbering: {pattern: "17-1/{seq}"}\n', encoding="utf-8")
    spec = root / "notes" / "long.yaml"
    spec.write_text(spec_yaml(number="auto", paragraphs=[LONG] * 3, house={"qr": True}), encoding="utf-8")
    before = spec.read_bytes()
    out = root / "out"
    assert generate([str(spec), "-o", str(out), "--draft", "--pdf"]) == 0
    assert spec.read_bytes() == before and not (root / "register.sqlite").exists()
    for lang, mark in (("en", "DRAFT"), ("ru", "ПРОЕКТ"), ("kk", "ЖОБА")):
        package = zipfile.ZipFile(out / f"long.{lang}.docx")
        headers = [name for name in package.namelist() if re.fullmatch(r"word/header.*\.xml", name)]
        document = package.read("word/document.xml").decode()
        references = re.findall(r'<w:headerReference w:type="(\w+)" r:id="(\w+)"/>', document)
        assert sorted(kind for kind, _ in references) == ["default", "first"]
        assert all(mark in package.read(name).decode() for name in headers if "draft" in name)
        assert "№" not in " ".join(text for _, text in docx_paragraphs(out / f"long.{lang}.docx"))
        assert "qr-" not in " ".join(package.namelist()), "a draft has no number to verify"
        assert_valid((out / f"long.{lang}.docx").read_bytes(), lang)
        pdf = out / f"long.{lang}.pdf"
        pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                                 text=True).stdout).group(1))
        assert pages >= 2
        for page in range(1, pages + 1):
            text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                                  capture_output=True, text=True).stdout
            assert mark in text.replace(" ", ""), (lang, page)   # letter-spaced: "D R A F T" reads back either way
    combined = subprocess.run(["pdftotext", str(out / "long.pdf"), "-"], capture_output=True, text=True).stdout
    pages = combined.split("\f")[:-1]
    assert len(pages) >= 6 and all(any(m in page.replace(" ", "") for m in ("DRAFT", "ПРОЕКТ", "ЖОБА"))
                                   for page in pages)
