"""Done-when of issue #11: the tool as a clerk installs it.  A wheel is built from a copy of the checkout,
installed into a fresh virtual environment outside it, and driven as the `verbale` command in an empty folder:
init, fill in the sender, generate, terms check (clean, then with a missing form).  About half a minute."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv

import pytest

from conftest import ROOT, docx_paragraphs, fill_in_sender

SKIP = shutil.ignore_patterns(".venv", ".git", "out", "build", "*.egg-info", "__pycache__", ".pytest_cache",
                              ".hypothesis", "examples", "benchmarks")


def run(args, cwd, check=True):
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=300)
    if check and result.returncode != 0:
        pytest.fail(f"{args} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The `verbale` command of a fresh virtual environment holding only the built wheel and its dependencies."""
    tmp = tmp_path_factory.mktemp("installed")
    source, wheels, env = tmp / "source", tmp / "wheels", tmp / "venv"
    shutil.copytree(ROOT, source, ignore=SKIP)
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, source], tmp)
    wheel = next(wheels.glob("verbale-*.whl"))
    venv.create(env, with_pip=True)
    bin_dir = env / ("Scripts" if os.name == "nt" else "bin")
    run([bin_dir / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check", wheel], tmp)
    return bin_dir / ("verbale.exe" if os.name == "nt" else "verbale")


def test_installed_command_makes_a_workspace_and_writes_its_notes(installed, tmp_path):
    assert run([installed, "--help"], tmp_path).stdout.startswith("usage: verbale COMMAND")
    run([installed, "init", "office"], tmp_path)
    office = tmp_path / "office"
    assert run([installed, "terms", "check"], office, check=False).returncode == 1   # the TODO forms
    fill_in_sender(office)
    run([installed, "generate", "notes/", "-o", "out/"], office)
    assert sorted(p.name for p in (office / "out").iterdir()) == [
        "sample.docx", "sample.en.docx", "sample.kk.docx", "sample.review.docx", "sample.ru.docx"]
    english = [text for _, text in docx_paragraphs(office / "out" / "sample.en.docx")]
    assert english[0] == "EMBASSY OF THE REPUBLIC OF KAZAKHSTAN"
    assert ("The Embassy of the Republic of Kazakhstan presents its compliments to the Ministry of Foreign Affairs "
            "of the Republic of Kazakhstan and has the honour to inform that the Embassy has moved to new premises."
            ) in english
    kazakh = [text for _, text in docx_paragraphs(office / "out" / "sample.kk.docx")]
    assert ("Елшілік осы мүмкіндікті пайдалана отырып, Қазақстан Республикасының Сыртқы істер министрлігіне "
            "өзінің зор ілтипатын тағы да растайды.") in kazakh
    check = run([installed, "terms", "check"], office)
    assert check.stderr == "" and "0 problems" in check.stdout

    forms = office / "termbase" / "kk" / "terms.yaml"
    forms.write_text(forms.read_text(encoding="utf-8").replace("  short: Елшілік\n", "").replace(
        "  nom: Қазақстан Республикасының Елшілігі\n", ""), encoding="utf-8")
    broken = run([installed, "terms", "check"], office, check=False)
    assert broken.returncode == 1
    where = os.path.join("termbase", "kk", "terms.yaml")
    assert broken.stderr.splitlines() == [f"{where}:1: my-office: no {form} form in kk (write `{form}:` under the entry)"
                                          for form in ("nom", "short")]


def test_the_wheel_carries_the_words_and_layouts_inside_the_package(installed, tmp_path):
    """The top-level locales/ and templates/ of the checkout travel in the wheel as verbale/locales and
    verbale/templates (setuptools' package-dir), and the installed tool reads them from there."""
    python = installed.parent / ("python.exe" if os.name == "nt" else "python")
    found = run([python, "-c", "from verbale.data import LOCALES_DIR, TEMPLATES_DIR; print(LOCALES_DIR); "
                 "print(TEMPLATES_DIR)"], tmp_path).stdout.split("\n")
    locales, templates = (os.path.normpath(line.strip()) for line in found[:2])
    assert "site-packages" in locales and locales.endswith(os.path.join("verbale", "locales"))
    assert templates.endswith(os.path.join("verbale", "templates"))
    for name in ("en/formulas.yaml", "ru/formulas.yaml", "kk/formulas.yaml", "kk/README.md", "ru/README.md"):
        assert os.path.isfile(os.path.join(locales, *name.split("/"))), name
    assert os.path.isfile(os.path.join(templates, "note.j2"))
