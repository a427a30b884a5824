"""A number an English note cites with Cyrillic letters (round lang4; locales/en/README.md, «A cited number in
Cyrillic»): `verbale reply` writes the English number in Latin letters, the lint points out a Cyrillic number left
in an English note, and the English DOCX prints the Latin one.

Rule and sources: an English note prints no Cyrillic — its reader can neither read the letters aloud nor type them
into a register (NOTE-SPEC §6 itself cites «№ 10663/двбр» in English as "Note No. 10663/dvbr"; the UN's single
romanization principle, UNGEGN, res. 9 of 1967). Letters by ICAO Doc 9303 (7th ed., part 3, the Cyrillic table: the
ASCII transliteration of Russian and Kazakh passports); the Kazakh letters by their base Latin letter. The table is
data (`transliteration:` in locales/en/formulas.yaml); a workspace changes a letter in its own formulas.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from verbale.cli import main as verbale

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "registry"

NUMBERS = [  # (the number received, the English number `verbale reply` writes, the letters' rule)
    ("12-3/456-НВ", "12-3/456-NV", "capitals stay capitals"),
    ("10663/2дснг", "10663/2dsng", "lower case stays lower case (NOTE-SPEC §6: 10663/двбр → 10663/dvbr)"),
    ("01-ЖШ/77", "01-ZHSH/77", "a letter of two (Ж zh) among capitals in capitals"),
    ("Жд-5", "Zhd-5", "a capital before lower case: only its first letter"),
    ("4-ҚҰ/15", "4-KU/15", "Kazakh letters by their base Latin letter"),
    ("15/хщ", "15/khshch", "х kh, щ shch (ICAO Doc 9303)"),
    ("1/Є-Ї-Ў", "1/IE-I-U", "the Ukrainian and Belarusian letters of ICAO Doc 9303's table"),
    ("7/Љ-Џ", "7/LJ-DZ", "the Serbian and Macedonian letters of ICAO Doc 9303's table"),
]


@pytest.fixture
def registry(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "registry"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("register.sqlite", "incoming", "out", "notes"))
    (root / "notes").mkdir()
    monkeypatch.chdir(root)
    return root


def _english_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


@pytest.mark.parametrize("received, english, rule", NUMBERS, ids=[n[0] for n in NUMBERS])
def test_the_reply_cites_the_number_in_latin_letters_in_english(registry, capsys, received, english, rule):
    assert verbale(["incoming", "add", "--from", "mfa-russia", "--number", received, "--date", "2026-03-02",
                    "--received", "2026-03-03"]) == 0
    assert verbale(["reply", "in-2026-1", "-o", "notes/reply.yaml"]) == 0
    spec = registry / "notes" / "reply.yaml"
    text = spec.read_text(encoding="utf-8")
    assert (f"    number: {{ru: {received}, kk: {received}, en: {english}}}   # en: in Latin letters (ICAO Doc 9303)"
            in text.splitlines()), rule
    spec.write_text(text.replace('"TODO: what follows \\"has the honour to\\", e.g. inform that ..."', "inform")
                    .replace('"TODO: то, что следует за «имеет честь», например сообщить, что ..."', "сообщить")
                    .replace('"TODO: «өзіне мәртебе санайды» алдындағы мәтін, мысалы: ... хабарлауды"', "хабарлауды")
                    .replace("number: auto", "number: 04-1/9"), encoding="utf-8")
    capsys.readouterr()
    assert verbale(["generate", "notes/reply.yaml", "-o", "out", "--strict"]) == 0, capsys.readouterr().err
    assert f"with reference to its Note No.\u00a0{english} of 2\u00a0March 2026, has the honour to inform." in \
        _english_text(registry / "out" / "reply.en.docx")
    assert f"ссылаясь на его ноту №\u00a0{received} от 2\u00a0марта 2026\u00a0г., имеет честь сообщить." in \
        _english_text(registry / "out" / "reply.ru.docx")


def test_a_cyrillic_number_left_in_an_english_note_is_pointed_out(registry, capsys):
    (registry / "notes" / "n.yaml").write_text(
        "number: 04-1/9\ndate: 2026-03-10\nrecipients: [mfa-russia]\nwith_reference_to: their-note\nrefs:\n"
        "  their-note: {kind: note, number: 12-3/456-НВ, date: 2026-03-02, of: mfa-russia, issuer: pronoun}\n"
        "  other: {kind: note, number: {ru: 77/дсп, kk: 77/дсп, en: 77/dsp}, date: 2026-03-01}\n"
        "purpose: {ru: 'сообщить о {{ refs.other.prep }}', kk: '{{ refs.other }} туралы хабарлауды',"
        " en: 'inform about {{ refs.other }}'}\n", encoding="utf-8")
    assert verbale(["generate", "notes/n.yaml", "--check"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "notes/n.yaml:6: refs.their-note.number: the English note would cite 12-3/456-НВ in Cyrillic letters (write "
        "`number: {ru: 12-3/456-НВ, kk: 12-3/456-НВ, en: 12-3/456-NV}`, or the sender's own English form) [warning]"]
    assert verbale(["generate", "notes/n.yaml", "--check", "--strict"]) == 1
