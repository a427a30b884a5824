from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The tests keep their own cache (derived data and compiled formulas), emptied at the end.
TEST_CACHE = Path(tempfile.mkdtemp(prefix="verbale-test-cache-"))
os.environ["VERBALE_CACHE"] = str(TEST_CACHE)
# ... and their own private folder for the office keeper's socket (verbale/office.py): a keeper the desk tests
# start is this session's, never another test run's of the same user on the machine.
TEST_RUNTIME = Path(tempfile.mkdtemp(prefix="verbale-test-run-"))
os.environ["XDG_RUNTIME_DIR"] = str(TEST_RUNTIME)


def pytest_sessionfinish(session, exitstatus):
    from verbale.desk.office import KEEPER

    KEEPER.stop()
    shutil.rmtree(TEST_CACHE, ignore_errors=True)
    shutil.rmtree(TEST_RUNTIME, ignore_errors=True)
sys.path.insert(0, str(ROOT))
NOTES = ROOT / "notes"


def docx_paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style name, text with no-break spaces as plain spaces and line breaks as spaces) of every body paragraph."""
    from docx import Document

    document = Document(str(path))
    return [(p.style.name, " ".join(p.text.replace("\u00a0", " ").split())) for p in document.paragraphs]


@pytest.fixture(scope="session")
def sample_out(tmp_path_factory) -> Path:
    """The sample notes, generated once through the command line's code."""
    from verbale.cli.generate import main

    out = tmp_path_factory.mktemp("out")
    assert main([str(NOTES), "-o", str(out)]) == 0
    return out


BASE_SPEC = {
    "number": "17-1/900",
    "date": "2021-09-23",
    "place": "astana",
    "sender": "cica-secretariat",
    "recipients": ["cica-member-states"],
    "purpose": {"en": "forward a document {{ meeting.when }}",
                "ru": "препроводить документ {{ meeting.when }}",
                "kk": "{{ meeting.when }} құжатты жолдауды"},
    "meeting": {"body": "swg", "start": "2021-09-24 14:00", "time_of": "astana"},
    "enclosures": 3,
}


def spec_yaml(**changes) -> str:
    """A valid spec as YAML text, with top-level fields replaced (None deletes a field)."""
    import yaml

    data = {**BASE_SPEC, **changes}
    data = {k: v for k, v in data.items() if v is not None}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture
def write_spec(tmp_path):
    def write(name: str = "note.yaml", text: str | None = None, **changes) -> Path:
        path = tmp_path / "specs" / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(spec_yaml(**changes) if text is None else text, encoding="utf-8")
        return path
    return write


FILLED_SENDER = {  # what a clerk writes over the TODO texts of `verbale init` (termbase/<lang>/terms.yaml)
    "en": "my-office:\n  nom: The Embassy of the Republic of Kazakhstan\n  short: The Embassy\n"
          "  letterhead: [EMBASSY OF THE REPUBLIC OF KAZAKHSTAN]\n",
    "ru": "my-office:\n  nom: Посольство Республики Казахстан\n  short: Посольство\n"
          "  letterhead: [ПОСОЛЬСТВО РЕСПУБЛИКИ КАЗАХСТАН]\n",
    "kk": "my-office:\n  nom: Қазақстан Республикасының Елшілігі\n  short: Елшілік\n  possessive: true\n"
          "  letterhead: [ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ ЕЛШІЛІГІ]\n",
}


def fill_in_sender(workspace: Path) -> None:
    for lang, text in FILLED_SENDER.items():
        (workspace / "termbase" / lang / "terms.yaml").write_text(text, encoding="utf-8")
