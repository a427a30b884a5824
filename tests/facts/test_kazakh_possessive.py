"""Kazakh `possessive:` for persons, in `verbale init`'s template and in `verbale terms check`.

Rule (locales/kk/README.md, «Case suffixes»): after the 3rd-person possessive (-ы/-і, -сы/-сі: Елшілігі, Елшісі)
the case suffixes take the pronominal н (Елшілігіне, Елшілігін, Елшілігінде), never the plain ones (*Елшілігіге).
"""
from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, docx_paragraphs
from verbale.cli import main as verbale
from verbale.facts.workspace import load_workspace
from verbale.grammar import kk

EXAMPLES = ROOT / "examples"
AMBASSADOR = "Қазақстан Республикасының Тайланд Корольдігіндегі Елшісі"

# a person's forms, the case, the form expected (the rule: pronominal н after the possessive; a name takes the
# plain suffix by vowel harmony and the last sound)
PERSON_CASES = [
    ({"nom": AMBASSADOR, "possessive": True}, "dat", AMBASSADOR + "не"),
    ({"nom": AMBASSADOR, "possessive": True}, "acc", AMBASSADOR + "н"),
    ({"nom": AMBASSADOR, "possessive": True}, "gen", AMBASSADOR + "нің"),
    ({"nom": AMBASSADOR, "possessive": True}, "loc", AMBASSADOR + "нде"),
    ({"nom": AMBASSADOR, "possessive": True}, "abl", AMBASSADOR + "нен"),
    ({"nom": "Ерлан Асанов"}, "dat", "Ерлан Асановқа"),
    ({"nom": "Айгерім Сейтқазиева"}, "acc", "Айгерім Сейтқазиеваны"),
    ({"nom": "Серік Ахметұлы", "possessive": True}, "dat", "Серік Ахметұлына"),   # -ұлы is ұл + the possessive
]


@pytest.mark.parametrize("forms, case, expected", PERSON_CASES)
def test_a_person_carries_the_possessive(forms, case, expected):
    assert kk.inflect_person(forms, case, "m") == expected


# the last word -> looks like the 3rd-person possessive (a consonant, then -ы/-і)
LOOKS_POSSESSIVE = [
    ("Қазақстан Республикасының Елшілігі", True), ("Тұрақты өкілдігі", True), ("Елшісі", True),
    ("Арнаулы жұмыс тобы (АЖТ)", True), ("оқуы", True), ("Елшілік", False), ("Министрлік", False),
    ("Астана", False), ("ҚР СІМ", False), ("Хатшылық", False),
]


@pytest.mark.parametrize("text, expected", LOOKS_POSSESSIVE)
def test_what_looks_possessive(text, expected):
    assert kk.looks_possessive(text) is expected


def test_the_ambassador_of_the_example_takes_the_pronominal_n(tmp_path):
    root = tmp_path / "ambassador"
    shutil.copytree(EXAMPLES / "ambassador", root)
    assert str(load_workspace(root).termbase.term("ambassador-kz-thailand", "kk").form("dat")) == AMBASSADOR + "не"
    spec = (root / "notes" / "new-counsellor.yaml").read_text(encoding="utf-8")
    spec = spec.replace("Елшілік {{ terms.counsellor_seitkazieva | acc }}",
                        "Елшілік {{ terms.ambassador_kz_thailand | gen }} атынан {{ terms.counsellor_seitkazieva | acc }}")
    (root / "notes" / "new-counsellor.yaml").write_text(spec, encoding="utf-8")
    assert verbale(["generate", str(root / "notes"), "-o", str(tmp_path / "out")]) == 0
    texts = [text for _, text in docx_paragraphs(tmp_path / "out" / "new-counsellor.kk.docx")]
    assert any(f"Елшілік {AMBASSADOR}нің атынан Елшіліктің кеңесшісі Айгерім Сейтқазиеваны" in t for t in texts)


@pytest.fixture
def office(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert verbale(["init", "office", "--languages", "kk"]) == 0
    monkeypatch.chdir(tmp_path / "office")
    return tmp_path / "office"


def _fill_kazakh(office, nom: str, possessive: str | None, short: str = "Елшілік") -> None:
    extra = f"  possessive: {possessive}\n" if possessive is not None else ""
    (office / "termbase" / "kk" / "terms.yaml").write_text(
        f"# the office\nmy-office:\n  nom: {nom}\n  short: {short}\n  letterhead: [ЕЛШІЛІК]\n{extra}",
        encoding="utf-8")


def test_the_init_template_says_possessive_and_when(office, capsys):
    template = (office / "termbase" / "kk" / "terms.yaml").read_text(encoding="utf-8")
    assert "\n  possessive: true\n" in template and "# possessive: true when the last word of nom ends in" in template
    # a clerk writes over the TODO texts and leaves the rest of the template as it is
    filled = template.replace('"TODO: атауы, мысалы Қазақстан Республикасының Елшілігі"',
                              "Қазақстан Республикасының Елшілігі")
    for todo, text in [('"TODO: қысқа атауы, мысалы Елшілік"', "Елшілік"),
                       ('"TODO: бланк жолдары, мысалы ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ ЕЛШІЛІГІ"', "ЕЛШІЛІК")]:
        filled = filled.replace(todo, text)
    (office / "termbase" / "kk" / "terms.yaml").write_text(filled, encoding="utf-8")
    capsys.readouterr()
    assert verbale(["terms", "check"]) == 0
    out = capsys.readouterr().out
    for line in ["  kk dat: Қазақстан Республикасының Елшілігіне  [derived]",
                 "  kk acc: Қазақстан Республикасының Елшілігін  [derived]",
                 "  kk loc: Қазақстан Республикасының Елшілігінде  [derived]"]:
        assert line in out


# the kk entry as the clerk writes it -> the exit status of `terms check` and its lines (a hint to confirm does
# not fail the check; `possessive: true` on a word without the possessive ending is wrong by rule)
CHECKS = [
    ("Қазақстан Республикасының Елшілігі", None, 0,
     ["termbase/kk/terms.yaml:3: my-office: to confirm: «Елшілігі» ends like the 3rd-person possessive (write "
      "`possessive: true` if it is one: dative Елшілігіне, accusative Елшілігін; `possessive: false` if not: "
      "dative Елшілігіге)"]),
    ("Қазақстан Республикасының Тұрақты өкілдігі", None, 0,
     ["termbase/kk/terms.yaml:3: my-office: to confirm: «өкілдігі» ends like the 3rd-person possessive (write "
      "`possessive: true` if it is one: dative өкілдігіне, accusative өкілдігін; `possessive: false` if not: "
      "dative өкілдігіге)"]),
    ("Қазақстан Республикасының Елшілігі", "true", 0, []),
    ("Алматы", "false", 0, []),
    ("Қазақстан Елшілік", None, 0, []),
    ("Қазақстан Елшілік", "true", 1,
     ["termbase/kk/terms.yaml:6: my-office: `possessive: true`, but «Елшілік» does not end in the 3rd-person "
      "possessive -ы/-і, -сы/-сі (write `possessive: false`, dative Елшілікке; or write nom with the possessive)"]),
]


@pytest.mark.parametrize("nom, possessive, status, lines", CHECKS)
def test_terms_check_on_the_kazakh_possessive(office, capsys, nom, possessive, status, lines):
    _fill_kazakh(office, nom, possessive)
    capsys.readouterr()
    assert verbale(["terms", "check", "-q"]) == status
    assert capsys.readouterr().err.splitlines() == lines
