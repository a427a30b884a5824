"""`--pdf`: a PDF beside each DOCX, by LibreOffice (NOTE-SPEC §8); its text is the DOCX's, fonts embedded."""
from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import NOTES, docx_paragraphs
from verbale.cli.generate import main
from verbale.pdf import PROGRAM_VARIABLE, TIMEOUT_VARIABLE, convert, is_archive, time_limit

TOOLS = ("soffice", "pdftotext", "pdfinfo", "pdffonts")
needs_office = pytest.mark.skipif(not all(map(shutil.which, TOOLS)),
                                  reason="needs LibreOffice and poppler-utils (apt-get install "
                                         "libreoffice-writer-nogui fonts-liberation2 poppler-utils)")
SPECS = ["17-1-298.yaml", "osce-brussels-2006.yaml"]
KAZAKH_LETTERS = set("ӘәҒғҚқҢңӨөҰұҮүҺһІі")


def tool(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def pdf_text(pdf: Path, docx_words: set[str] = frozenset()) -> str:
    """The PDF's words; a word the justified body hyphenated at a line end ("Cata-" / "logue") is joined
    again when the DOCX has it whole, so the comparison is of the text, not of the line breaks."""
    raw = tool("pdftotext", "-raw", str(pdf), "-").replace("\u00a0", " ")

    def join(match: re.Match) -> str:
        whole = match.group(1) + match.group(2)
        return whole if whole.strip(".,;:()") in docx_words else match.group(0)
    return " ".join(re.sub(r"(\w+)-\n(\w+)", join, raw).split())


def docx_text(docx: Path) -> str:
    return " ".join(text for _, text in docx_paragraphs(docx) if text)


def pages(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", tool("pdfinfo", str(pdf)), re.M).group(1))


@pytest.fixture(scope="session")
def pdf_out(tmp_path_factory) -> Path:
    """Two sample specs (seven notes) with --pdf, once for the session."""
    out = tmp_path_factory.mktemp("pdf-out")
    if all(map(shutil.which, TOOLS)):
        assert main([str(NOTES / name) for name in SPECS] + ["-o", str(out), "--pdf", "--jobs", "1"]) == 0
    return out


@pytest.fixture(scope="session")
def archive_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdfa-out")
    if all(map(shutil.which, TOOLS)):
        assert main([str(NOTES / "osce-brussels-2006.yaml"), "-o", str(out), "--pdf", "archive"]) == 0
    return out


@needs_office
def test_a_pdf_beside_each_docx(pdf_out):
    docx = sorted(p.stem for p in pdf_out.glob("*.docx"))
    assert docx and sorted(p.stem for p in pdf_out.glob("*.pdf")) == docx


@needs_office
@pytest.mark.parametrize("name", ["17-1-298.en", "17-1-298.ru", "17-1-298.kk", "17-1-298.agenda.kk",
                                  "osce-brussels-2006.en", "17-1-298"])
def test_the_pdf_text_is_the_docx_text(pdf_out, name):
    text = docx_text(pdf_out / f"{name}.docx")
    assert pdf_text(pdf_out / f"{name}.pdf", set(re.findall(r"\w+", text))) == text


@needs_office
@pytest.mark.parametrize("name, expected", [
    ("17-1-298.en", 1), ("17-1-298.ru", 1), ("17-1-298.kk", 1), ("17-1-298.agenda.en", 1),
    ("17-1-298", 6),            # three notes, then the agenda in three languages, each on its own page
    ("osce-brussels-2006.en", 1)])
def test_one_page_per_note(pdf_out, name, expected):
    assert pages(pdf_out / f"{name}.pdf") == expected


@needs_office
def test_kazakh_letters_render_with_embedded_fonts(pdf_out):
    pdf = pdf_out / "17-1-298.kk.pdf"
    fonts = [line.split() for line in tool("pdffonts", str(pdf)).splitlines()[2:]]
    assert fonts and all(font[-5] == "yes" for font in fonts), fonts   # the "emb" column
    # every glyph comes from the note's own font (Times New Roman, or its metric twin Liberation Serif):
    # a letter the font lacked would have been drawn from a fallback font, listed here
    assert {re.sub(r"^[A-Z]{6}\+|[-,].*$", "", font[0]) for font in fonts} <= {"LiberationSerif", "TimesNewRomanPSMT"}
    text = pdf_text(pdf)
    letters = set(docx_text(pdf_out / "17-1-298.kk.docx")) & KAZAKH_LETTERS
    assert len(letters) >= 14 and letters <= set(text)
    assert "Нұр-Сұлтан қаласы, 2021 жылғы 28 мамыр" in text


@needs_office
def test_a_plain_pdf_has_the_same_bytes_on_every_run(pdf_out):
    docx = pdf_out / "osce-brussels-2006.en.docx"
    again = convert([docx]).pdfs[docx]
    assert again == (pdf_out / "osce-brussels-2006.en.pdf").read_bytes()
    assert not is_archive(again)


@needs_office
def test_an_unchanged_docx_keeps_its_pdf(pdf_out, capsys):
    pdf = pdf_out / "osce-brussels-2006.en.pdf"
    before = pdf.stat().st_mtime_ns
    assert main([str(NOTES / "osce-brussels-2006.yaml"), "-o", str(pdf_out), "--pdf"]) == 0
    assert pdf.stat().st_mtime_ns == before
    assert "0 files written" in capsys.readouterr().out


@needs_office
def test_archive_is_pdf_a_2b(archive_out):
    pdf = (archive_out / "osce-brussels-2006.en.pdf").read_bytes()
    assert b"<pdfaid:part>2</pdfaid:part>" in pdf and b"<pdfaid:conformance>B</pdfaid:conformance>" in pdf
    assert b"/OutputIntent" in pdf      # PDF/A needs an output intent (sRGB)
    fonts = tool("pdffonts", str(archive_out / "osce-brussels-2006.en.pdf")).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)


@needs_office
def test_asking_for_archive_remakes_a_plain_pdf(pdf_out, tmp_path):
    shutil.copytree(pdf_out, tmp_path / "out")
    assert main([str(NOTES / "osce-brussels-2006.yaml"), "-o", str(tmp_path / "out"), "--pdf", "archive"]) == 0
    assert is_archive((tmp_path / "out" / "osce-brussels-2006.en.pdf").read_bytes())


def test_missing_libreoffice_is_a_line_per_file_and_the_docx_is_written(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv(PROGRAM_VARIABLE, raising=False)
    monkeypatch.setattr("verbale.pdf.KNOWN_PLACES", {})
    spec = NOTES / "osce-brussels-2006.yaml"
    assert main([str(spec), "-o", str(tmp_path / "out"), "--pdf"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines == [f"{spec}:1: (pdf): LibreOffice (soffice) is not installed or not on PATH; no PDF for "
                     f"osce-brussels-2006.{kind}docx (install LibreOffice, or set VERBALE_SOFFICE to its soffice "
                     "program)" for kind in ("en.", "", "review.")]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "osce-brussels-2006.docx", "osce-brussels-2006.en.docx", "osce-brussels-2006.review.docx"]


def test_a_variable_naming_a_missing_program_is_a_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(PROGRAM_VARIABLE, str(tmp_path / "no-such-soffice"))
    assert main([str(NOTES / "osce-brussels-2006.yaml"), "-o", str(tmp_path / "out"), "--pdf"]) == 1
    err = capsys.readouterr().err
    assert f"(pdf): VERBALE_SOFFICE names {tmp_path / 'no-such-soffice'}, which is not a program here" in err
    assert (tmp_path / "out" / "osce-brussels-2006.en.docx").is_file()


def fake_office(tmp_path: Path, body: str) -> Path:
    """A stand-in soffice: a Python script run by this interpreter (so it works on every OS)."""
    script = tmp_path / "fake_soffice.py"
    script.write_text(body, encoding="utf-8")
    if os.name == "nt":
        launcher = tmp_path / "soffice.bat"
        launcher.write_text(f'@"{sys.executable}" "{script}" %*\n', encoding="utf-8")
    else:
        launcher = tmp_path / "soffice"
        launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{script}" "$@"\n', encoding="utf-8")
        launcher.chmod(0o755)
    return launcher


def test_a_hanging_office_is_ended_and_tried_once_more(tmp_path, monkeypatch, capsys):
    import verbale.pdf

    launcher = fake_office(tmp_path, "import time\ntime.sleep(60)\n")
    monkeypatch.setenv(PROGRAM_VARIABLE, str(launcher))
    monkeypatch.setenv(TIMEOUT_VARIABLE, "1")
    # the calls are counted where they are made: the stand-in writing them down itself could be ended, on a busy
    # machine, before its interpreter had started (within the 1 s)
    calls, run_office = [], verbale.pdf._run_office
    monkeypatch.setattr(verbale.pdf, "_run_office", lambda *args: calls.append(args) or run_office(*args))
    started = time.monotonic()
    assert main([str(NOTES / "osce-brussels-2006.yaml"), "-o", str(tmp_path / "out"), "--pdf"]) == 1
    assert len(calls) == 2 and time.monotonic() - started < 60, "each call ended at its limit, not at the end of its sleep"
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and all("(pdf): no PDF made for osce-brussels-2006." in line and
                                 "LibreOffice did not finish within 1 s" in line for line in err)


def test_a_failing_office_names_each_file(tmp_path, monkeypatch, capsys):
    launcher = fake_office(tmp_path, "import sys\nprint('Error: source file could not be loaded')\nsys.exit(3)\n")
    monkeypatch.setenv(PROGRAM_VARIABLE, str(launcher))
    assert main([str(NOTES / "osce-brussels-2006.yaml"), "-o", str(tmp_path / "out"), "--pdf"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].endswith("(pdf): no PDF made for osce-brussels-2006.en.docx: LibreOffice failed (exit status 3) "
                           "Error: source file could not be loaded (the DOCX is written; open it in LibreOffice "
                           "to see why, or run again)")
    assert not list((tmp_path / "out").glob("*.pdf"))


def test_pdf_before_the_specs_means_plain(tmp_path, monkeypatch):
    monkeypatch.setenv(PROGRAM_VARIABLE, str(tmp_path / "none"))
    assert main(["--pdf", str(NOTES / "osce-brussels-2006.yaml"), "-o", str(tmp_path / "out")]) == 1
    assert (tmp_path / "out" / "osce-brussels-2006.en.docx").is_file()


# --- what is beside the DOCX, and what the office gives, is checked -----------------------------------------

SPEC = NOTES / "osce-brussels-2006.yaml"
STEMS = ("osce-brussels-2006.en", "osce-brussels-2006", "osce-brussels-2006.review")
WHOLE_PDF = b"%PDF-1.7\n%made by the stand-in\ntrailer\n%%EOF\n"


def office_writing(tmp_path: Path, content: bytes) -> Path:
    """A stand-in soffice that writes ``content`` as the PDF of every DOCX it is given, and counts its calls."""
    return fake_office(tmp_path, f"""import sys, pathlib
open({str(tmp_path / 'calls')!r}, 'a').write('call\\n')
args = sys.argv[1:]
out = pathlib.Path(args[args.index('--outdir') + 1])
for name in args[args.index('--outdir') + 2:]:
    (out / (pathlib.Path(name).stem + '.pdf')).write_bytes({content!r})
""")


@pytest.fixture
def docx_out(tmp_path, monkeypatch) -> Path:
    """The spec's DOCX written (no PDF yet), and a stand-in office that makes whole PDFs."""
    monkeypatch.setenv(PROGRAM_VARIABLE, str(office_writing(tmp_path, WHOLE_PDF)))
    out = tmp_path / "out"
    assert main([str(SPEC), "-o", str(out)]) == 0
    return out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("force", [[], ["--force"]])
def test_a_pdf_name_that_is_a_link_or_a_fifo_is_never_opened_or_replaced(docx_out, tmp_path, capsys, force):
    victim = tmp_path / "victim.pdf"
    victim.write_bytes(b"someone else's")
    os.mkfifo(docx_out / "osce-brussels-2006.en.pdf")
    os.symlink(victim, docx_out / "osce-brussels-2006.pdf")
    if force:  # the DOCX changed: under --force it is written again, and so would its PDF be
        (docx_out / "osce-brussels-2006.docx").write_bytes(b"an older version")
    capsys.readouterr()
    assert main([str(SPEC), "-o", str(docx_out), "--pdf", *force]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{SPEC}:1: (pdf): {docx_out / name}.pdf exists and is not a regular file; no PDF for {name}.docx "
        "(move it away; it is never opened or replaced)" for name in STEMS[:2]]
    assert stat.S_ISFIFO(os.lstat(docx_out / "osce-brussels-2006.en.pdf").st_mode)
    assert os.readlink(docx_out / "osce-brussels-2006.pdf") == str(victim)
    assert victim.read_bytes() == b"someone else's"
    assert (docx_out / "osce-brussels-2006.review.pdf").read_bytes() == WHOLE_PDF


@pytest.mark.parametrize("value", ["abc", "nan", "1e400", "inf", "-5", "0", "86401"])
def test_a_time_limit_that_is_not_seconds_is_a_usage_line_before_any_work(tmp_path, monkeypatch, capsys, value):
    monkeypatch.setenv(TIMEOUT_VARIABLE, value)
    monkeypatch.setenv(PROGRAM_VARIABLE, str(office_writing(tmp_path, WHOLE_PDF)))
    assert main([str(SPEC), "-o", str(tmp_path / "out"), "--pdf"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"verbale generate: error: VERBALE_PDF_TIMEOUT={value!r} is not a number of seconds (set it to a number "
        "above 0 and at most 86400, or unset it)"]
    assert not (tmp_path / "out").exists() and not (tmp_path / "calls").exists()
    assert main([str(SPEC), "-o", str(tmp_path / "out")]) == 0, "without --pdf the variable does not matter"


def test_a_time_limit_in_seconds_is_taken(tmp_path, monkeypatch):
    monkeypatch.setenv(TIMEOUT_VARIABLE, " 2.5 ")
    monkeypatch.setenv(PROGRAM_VARIABLE, str(office_writing(tmp_path, WHOLE_PDF)))
    assert time_limit(7) == 2.5
    assert main([str(SPEC), "-o", str(tmp_path / "out"), "--pdf"]) == 0
    assert (tmp_path / "out" / "osce-brussels-2006.en.pdf").read_bytes() == WHOLE_PDF


def test_the_desk_and_other_callers_get_a_bad_time_limit_as_failures(tmp_path, monkeypatch, docx_out):
    monkeypatch.setenv(TIMEOUT_VARIABLE, "abc")
    docx = docx_out / "osce-brussels-2006.en.docx"
    conversion = convert([docx])
    assert not conversion.pdfs and "is not a number of seconds" in conversion.failures[docx].problem


@pytest.mark.parametrize("made", [b"garbage", b"", WHOLE_PDF[:-7], b"<html>%PDF-1.7 %%EOF"])
def test_what_is_not_a_whole_pdf_is_never_written(tmp_path, monkeypatch, capsys, made):
    monkeypatch.setenv(PROGRAM_VARIABLE, str(office_writing(tmp_path, made)))
    assert main([str(SPEC), "-o", str(tmp_path / "out"), "--pdf"]) == 1
    said = capsys.readouterr()
    assert said.err.splitlines() == [
        f"{SPEC}:1: (pdf): no PDF made for {name}.docx: LibreOffice gave a file that is not a whole PDF (the DOCX "
        "is written; open it in LibreOffice to see why, or run again)" for name in STEMS]
    assert said.out.startswith("1 notes, 3 files written, 1 failed"), "the three DOCX, no PDF"
    assert not list((tmp_path / "out").glob("*.pdf")) and len(list((tmp_path / "out").glob("*.docx"))) == 3
    assert (tmp_path / "calls").read_text().count("call") == 2, "tried once more"


@pytest.mark.parametrize("existing, remade", [
    (b"junk", True), (WHOLE_PDF[:20], True), (b"", True),     # junk, cut short, empty: made again
    (WHOLE_PDF, False), (WHOLE_PDF + b"\r\n \n", False),        # a whole PDF of the right kind is kept
    (WHOLE_PDF.replace(b"trailer", b"<pdfaid:part>2</pdfaid:part>"), True),  # PDF/A, plain asked for
])
def test_an_existing_pdf_beside_an_unchanged_docx(docx_out, tmp_path, capsys, existing, remade):
    for stem in STEMS:
        (docx_out / f"{stem}.pdf").write_bytes(existing)
    capsys.readouterr()
    assert main([str(SPEC), "-o", str(docx_out), "--pdf"]) == 0
    assert capsys.readouterr().out.startswith(f"1 notes, {3 if remade else 0} files written")
    for stem in STEMS:
        assert (docx_out / f"{stem}.pdf").read_bytes() == (WHOLE_PDF if remade else existing)
    assert (tmp_path / "calls").exists() == remade
