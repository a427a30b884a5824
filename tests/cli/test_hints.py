"""Issue #23: three messages that sent the clerk the wrong way, now each one line that says what to write."""
from __future__ import annotations

import pytest

from conftest import fill_in_sender
from verbale.cli import main as verbale


@pytest.fixture
def office(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert verbale(["init", "office"]) == 0
    monkeypatch.chdir(tmp_path / "office")
    fill_in_sender(tmp_path / "office")
    return tmp_path / "office"


def _sample(office, add: str) -> None:
    path = office / "notes" / "sample.yaml"
    path.write_text(path.read_text(encoding="utf-8") + add, encoding="utf-8")


def test_a_fact_key_with_an_underscore_is_not_called_a_termbase_key(office, capsys):
    _sample(office, "dates: {first_set: 2002-08-16}\n")
    capsys.readouterr()
    assert verbale(["generate", "notes/", "--check"]) == 1
    err = capsys.readouterr().err
    assert ": dates.first_set: 'first_set' is not a fact key (a fact key is lowercase letters, digits and hyphens, "
    "such as 'first-set'; a text names it with underscores: {{ dates.first_set }})" in err
    assert "termbase key" not in err


def test_a_person_as_sender_without_the_role_is_told_the_kind_to_write(office, capsys):
    (office / "termbase" / "terms.yaml").write_text(
        (office / "termbase" / "terms.yaml").read_text(encoding="utf-8") + "envoy: {kind: person, gender: m}\n",
        encoding="utf-8")
    for lang, name in (("en", "Yerlan Asanov"), ("ru", "Ерлан Асанов"), ("kk", "Ерлан Асанов")):
        path = office / "termbase" / lang / "terms.yaml"
        path.write_text(path.read_text(encoding="utf-8") + f"envoy: {{name: {name}}}\n", encoding="utf-8")
    _sample(office, "sender: envoy\n")
    capsys.readouterr()
    assert verbale(["generate", "notes/", "--check"]) == 1
    err = capsys.readouterr().err
    line = len((office / "termbase" / "terms.yaml").read_text(encoding="utf-8").splitlines())
    assert (f": sender: 'envoy' is a person, not a sender (its kind is set in termbase/terms.yaml:{line}: write "
            "`kind: [sender, person]` if it is one)") in err


def test_a_workspace_entry_over_a_built_in_one_is_told_to_add_the_form_in_the_workspace(office, capsys):
    """The workspace's `astana` replaces the built-in one whole: its missing `line:` belongs in its termbase/en/."""
    (office / "termbase" / "terms.yaml").write_text(
        (office / "termbase" / "terms.yaml").read_text(encoding="utf-8") + "astana: {kind: place, zone: Asia/Almaty}\n",
        encoding="utf-8")
    for lang, nom in (("en", "Astana"), ("ru", "Астана"), ("kk", "Астана")):
        path = office / "termbase" / lang / "terms.yaml"
        path.write_text(path.read_text(encoding="utf-8") + f"astana: {{nom: {nom}, time: {nom}}}\n", encoding="utf-8")
    _sample(office, "place: astana\n")
    capsys.readouterr()
    assert verbale(["generate", "notes/", "-o", "out/"]) == 1
    err = capsys.readouterr().err
    assert "'astana' has no 'line' form in en (write `line:` into termbase/en/ of the workspace for it)" in err
    assert "into locales/" not in err


def test_terms_show_proposes_the_cases_of_a_foreign_place(office, capsys):
    """Gland declines (Гланда, в Гланде), as a masculine foreign name in a consonant does (locales/ru/README.md)."""
    (office / "termbase" / "terms.yaml").write_text(
        (office / "termbase" / "terms.yaml").read_text(encoding="utf-8") + "gland: {kind: place, zone: Europe/Zurich}\n",
        encoding="utf-8")
    path = office / "termbase" / "ru" / "terms.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "gland: {nom: Гланд, line: г. Гланд, time: г. Гланд}\n",
                    encoding="utf-8")
    capsys.readouterr()
    assert verbale(["terms", "show", "gland"]) == 0
    out = capsys.readouterr().out
    for case, form in (("gen", "Гланда"), ("dat", "Гланду"), ("ins", "Гландом"), ("prep", "Гланде")):
        assert f"ru {case}: {form}  [proposed]" in out, out
