"""Rendered by a real word processor: LibreOffice converts every sample to PDF; pages and text are checked."""
from __future__ import annotations

import shutil
import subprocess

import pytest

INSTALL = "LibreOffice not installed: apt-get install libreoffice-writer-nogui fonts-liberation2 poppler-utils"


@pytest.fixture(scope="session")
def pdfs(sample_out, tmp_path_factory):
    if not (shutil.which("soffice") and shutil.which("pdftotext") and shutil.which("pdfinfo")):
        pytest.skip(INSTALL)
    out = tmp_path_factory.mktemp("pdf")
    profile = tmp_path_factory.mktemp("lo-profile")
    files = sorted(str(p) for p in sample_out.glob("*.docx")
                   if not p.name.startswith("circular-") or ".mfa-korea." in p.name)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *files], check=True, capture_output=True, timeout=300)
    return out


def pages(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def text(pdf) -> str:
    raw = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(raw.replace("\u00a0", " ").split())


@pytest.mark.parametrize("name, expected_pages", [
    ("17-1-624.en", 1), ("17-1-624.ru", 1), ("17-1-624.kk", 1), ("17-1-624", 3),
    ("17-1-298.en", 1), ("17-1-298.ru", 1), ("17-1-298.kk", 1), ("17-1-298", 6),
    ("osce-brussels-2006.en", 1), ("osce-brussels-2006", 1),
    ("circular-soc-2026.mfa-korea.en", 1), ("circular-soc-2026.mfa-korea.ru", 1),
    ("circular-soc-2026.mfa-korea.kk", 1), ("circular-soc-2026.mfa-korea", 3)])
def test_a_note_fits_on_one_page_per_language(pdfs, name, expected_pages):
    assert pages(pdfs / f"{name}.pdf") == expected_pages


@pytest.mark.parametrize("name, words", [
    ("17-1-624.kk", ["ШҰҒЫЛ!", "2021 жылғы 24 қыркүйекте", "сағат 14.00-те", "өзіне мәртебе санайды",
                     "Нұр-Сұлтан қаласы, 2021 жылғы 23 қыркүйек", "МЕМЛЕКЕТТЕРІ"]),
    ("17-1-624.ru", ["ВЕСЬМА СРОЧНО!", "24 сентября 2021 г. в 14:00", "город Нур-Султан, 23 сентября 2021 г."]),
    ("17-1-624.en", ["MOST URGENT!", "№ 17-1/624", "Nur-Sultan, 23 September 2021"]),
    ("17-1-624.review", ["English", "Русский", "Қазақша", "All facts agree"]),
])
def test_the_text_survives_rendering(pdfs, name, words):
    rendered = text(pdfs / f"{name}.pdf")
    for word in words:
        assert word in rendered


def test_review_file_renders_landscape(pdfs):
    info = subprocess.run(["pdfinfo", str(pdfs / "17-1-624.review.pdf")], capture_output=True, text=True).stdout
    width, height = [float(v) for v in info.split("Page size:")[1].split("pts")[0].split(" x ")]
    assert width > height
