"""A note verbale to a person named with a long title (round lang4): the title after the name is set off by commas
on both sides where the formula's sentence goes on, as in a clerk's own text (locales/en/README.md, «Persons»;
the Chicago Manual of Style 6.23 and 8.22: an apposition in the middle of a sentence is closed by a comma).
Before, the compliments read "… to Ms Claire Martin, Ambassador of the French Republic to the Russian Federation
and has the honour", and the closing "… Federation the assurances"."""
from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from verbale.cli import main as verbale

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "registry"


@pytest.fixture
def workspace(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "registry"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("register.sqlite", "incoming", "out", "notes"))
    (root / "notes").mkdir()
    for lang, line in (("en", "EMBASSY OF FRANCE"), ("ru", "ПОСОЛЬСТВО ФРАНЦИИ"), ("kk", "ФРАНЦИЯ ЕЛШІЛІГІ")):
        forms = root / "termbase" / lang / "terms.yaml"
        forms.write_text(forms.read_text(encoding="utf-8").replace(
            "ambassador-france-moscow:\n", f"ambassador-france-moscow:\n  address: [{line}]\n"), encoding="utf-8")
    monkeypatch.chdir(root)
    return root


EXPECTED = [
    "The Embassy of the Republic of Kazakhstan in the Russian Federation presents its compliments to Ms Claire "
    "Martin, Ambassador of the French Republic to the Russian Federation, and has the honour to inform that the "
    "Embassy has moved.",
    "The Embassy avails itself of this opportunity to renew to Ms Claire Martin, Ambassador of the French Republic to "
    "the Russian Federation, the assurances of its high consideration.",
]


def test_the_formulas_close_the_apposition(workspace, capsys):
    (workspace / "notes" / "n.yaml").write_text(
        "number: 04-1/9\ndate: 2026-03-10\nrecipients: [ambassador-france-moscow]\nlanguages: [en]\n"
        "purpose: {en: inform that the Embassy has moved}\n", encoding="utf-8")
    assert verbale(["generate", "notes/n.yaml", "-o", "out"]) == 0, capsys.readouterr().err
    paragraphs = [p.text for p in docx.Document(str(workspace / "out" / "n.en.docx")).paragraphs]
    assert [p for p in paragraphs if p.startswith("The Embassy")] == EXPECTED


def test_a_person_as_sender_closes_the_apposition_in_the_closing_too(workspace, capsys):
    """The closing names the sender by `sender.short`, which for a person is the name and title: its comma too."""
    (workspace / "notes" / "s.yaml").write_text(
        "number: 04-1/9\ndate: 2026-03-10\nsender: kz-ambassador-moscow\nrecipients: [mfa-russia]\nlanguages: [en]\n"
        "purpose: {en: inform that the Embassy has moved}\n", encoding="utf-8")
    assert verbale(["generate", "notes/s.yaml", "-o", "out"]) == 0, capsys.readouterr().err
    paragraphs = [p.text for p in docx.Document(str(workspace / "out" / "s.en.docx")).paragraphs]
    assert [p for p in paragraphs if p.startswith("Mr Daniyar")] == [
        "Mr Daniyar Sarsenbayev, Ambassador of the Republic of Kazakhstan to the Russian Federation, presents his "
        "compliments to the Ministry of Foreign Affairs of the Russian Federation and has the honour to inform that "
        "the Embassy has moved.",
        "Mr Daniyar Sarsenbayev, Ambassador of the Republic of Kazakhstan to the Russian Federation, avails himself of "
        "this opportunity to renew to the Ministry of Foreign Affairs of the Russian Federation the assurances of his "
        "highest consideration."]
