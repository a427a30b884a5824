"""Every paragraph of every DOCX made from the specs in notes/ and examples/ is pinned (NOTE-SPEC §10: "every v1
and v2 spec keeps its meaning and its output").

The golden texts in tests/compose/golden/ were written by the code before v3's formulas changed, so any drift
in a sample note shows here as a diff.  A change made on purpose (a language rule corrected) is recorded by
running ``VERBALE_UPDATE_GOLDEN=1 pytest tests/compose/test_golden.py`` and reviewing the diff of the data.

Each file holds one spec's outputs: ``## NAME.docx`` then one line per paragraph, ``Style | text``, with
characters one cannot see (no-break spaces, soft hyphens, tabs, line breaks) written as ``\\uXXXX``.
"""
from __future__ import annotations

import io
import os
import unicodedata
from pathlib import Path

import pytest

from conftest import NOTES, ROOT

GOLDEN = Path(__file__).with_name("golden")
EXAMPLES = ROOT / "examples"
# A reply (`in_reply_to:`) is made only once its note is in the register: tests/register/test_example_registry.py
# records it and generates the reply there.
SPECS = [spec for spec in sorted(NOTES.glob("*.yaml")) + sorted(EXAMPLES.glob("*/notes/*.yaml"))
         if "\nin_reply_to:" not in spec.read_text(encoding="utf-8")]


def visible(text: str) -> str:
    r"""A paragraph's text with what cannot be seen written out.

    >>> visible("12\u00a0мая\n2021")
    '12\\u00a0мая\\u000a2021'
    """
    return "".join(f"\\u{ord(c):04x}" if c != " " and unicodedata.category(c)[0] in "ZC" or c == "\\" else c
                   for c in text)


def docx_lines(data: bytes) -> list[str]:
    """Every body paragraph and table cell, in document order, as ``Style | text``."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(io.BytesIO(data))
    lines = []

    def paragraph_line(paragraph: Paragraph, prefix: str = "") -> str:
        return f"{prefix}{paragraph.style.name} | {visible(paragraph.text)}"

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(paragraph_line(block))
        elif isinstance(block, Table):
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row.cells):
                    lines += [paragraph_line(p, f"[{r},{c}] ") for p in cell.paragraphs]
    return lines


def golden_name(spec: Path) -> str:
    relative = spec.relative_to(ROOT).with_suffix("")
    return "__".join(relative.parts) + ".txt"


def golden_text(spec: Path) -> str:
    from verbale.build import build

    built = build(spec)
    parts = []
    for name in sorted(built.files):
        parts.append(f"## {name}")
        parts += docx_lines(built.files[name])
    return "\n".join(parts) + "\n"


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: str(p.relative_to(ROOT)))
def test_sample_outputs_keep_their_text(spec):
    path = GOLDEN / golden_name(spec)
    text = golden_text(spec)
    if os.environ.get("VERBALE_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        import difflib

        diff = "\n".join(list(difflib.unified_diff(expected.splitlines(), text.splitlines(), "golden", "now",
                                                   lineterm=""))[:60])
        pytest.fail(f"{spec.relative_to(ROOT)} drifted from {path.relative_to(ROOT)}:\n{diff}")


def test_every_sample_is_pinned():
    """A golden file for every spec, and none for a spec that is gone."""
    assert sorted(p.name for p in GOLDEN.glob("*.txt")) == sorted(golden_name(s) for s in SPECS)
