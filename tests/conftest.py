from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
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
    from verbale.cli import main

    out = tmp_path_factory.mktemp("out")
    assert main([str(NOTES), "-o", str(out)]) == 0
    return out
