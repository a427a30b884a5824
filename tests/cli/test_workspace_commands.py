"""`verbale init`, `verbale terms check|show` (NOTE-SPEC §5, §9), run in this process."""
from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from conftest import ROOT, docx_paragraphs, fill_in_sender
from verbale.cli import main as verbale
from verbale.facts.schema import SCHEMAS, schema_text


@pytest.fixture
def office(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert verbale(["init", "office"]) == 0
    monkeypatch.chdir(tmp_path / "office")
    return tmp_path / "office"


def test_a_new_workspace_lists_what_to_fill_in(office, capsys):
    capsys.readouterr()
    assert verbale(["terms", "check"]) == 1
    problems = capsys.readouterr().err.splitlines()
    assert len(problems) == 9  # nom, short and letterhead of the sender in three languages
    assert problems[0] == ("termbase/en/terms.yaml:5: my-office: en nom is still to fill in "
                           "(replace the TODO text with the nom form)")
    assert verbale(["generate", "notes/", "-o", "out/"]) == 1   # nothing marked TODO is ever printed
    assert "'my-office' has its en" in capsys.readouterr().err and not (office / "out" / "sample.en.docx").exists()


def test_a_filled_workspace_checks_clean_and_writes_its_notes(office, capsys):
    fill_in_sender(office)
    assert verbale(["terms", "check"]) == 0
    out = capsys.readouterr().out
    assert "  kk dat: Қазақстан Республикасының Елшілігіне  [derived]" in out     # shown to confirm
    assert "  ru dat: Посольству Республики Казахстан  [proposed]" in out
    assert verbale(["generate", "notes/", "-o", "out/"]) == 0
    paragraphs = [text for _, text in docx_paragraphs(office / "out" / "sample.ru.docx")]
    assert ("Посольство Республики Казахстан свидетельствует свое уважение Министерству иностранных дел Республики "
            "Казахстан и имеет честь сообщить, что Посольство переехало в новое здание.") in paragraphs


@pytest.mark.parametrize("lang, text, line, problem", [
    ("ru", "my-office:\n  short: Посольство\n  letterhead: [П]\n", 5, "my-office: no nom form in ru"),
    ("en", "my-office:\n  nom: The Embassy\n  short: The Embassy\n  letterhead: []\n", 5,
     "my-office: no letterhead form in en"),
])
def test_a_missing_form_is_a_located_line(office, capsys, lang, text, line, problem):
    fill_in_sender(office)
    (office / "termbase" / lang / "terms.yaml").write_text("# my office\n\n\n\n" + text, encoding="utf-8")
    assert verbale(["terms", "check", "-q"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"termbase/{lang}/terms.yaml:{line}: {problem} (write `{problem.split()[2]}:` under the entry)"]


def test_a_recipient_without_its_russian_dative_gets_a_proposal(office, capsys):
    fill_in_sender(office)
    (office / "termbase" / "terms.yaml").write_text("my-office: {kind: sender}\nmfa-at: {kind: recipient}\n",
                                                    encoding="utf-8")
    for lang, nom in [("en", "the Ministry"), ("ru", "Федеральное министерство иностранных дел"), ("kk", "Министрлік")]:
        path = office / "termbase" / lang / "terms.yaml"
        path.write_text(path.read_text(encoding="utf-8") + f"mfa-at:\n  nom: {nom}\n  address: [X]\n",
                        encoding="utf-8")
    assert verbale(["terms", "check", "-q"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "termbase/ru/terms.yaml:5: mfa-at: no dat form in ru (write `dat: Федеральному министерству иностранных дел` "
        "if that is right)"]


def test_an_entry_without_kind_and_a_person_without_gender(office, capsys):
    fill_in_sender(office)
    (office / "termbase" / "terms.yaml").write_text("my-office: {kind: sender}\nenvoy: {kind: person}\n"
                                                    "x: {kind: embassy}\n", encoding="utf-8")
    (office / "termbase" / "en" / "more.yaml").write_text("stray: {nom: Stray}\n", encoding="utf-8")
    assert verbale(["terms", "check", "-q"]) == 1
    err = capsys.readouterr().err
    assert "termbase/terms.yaml:2: envoy: a person needs `gender: m` or `gender: f`" in err
    assert "termbase/terms.yaml:3: x: unknown kind 'embassy' (one of sender, recipient" in err
    assert "termbase/en/more.yaml:1: stray: has names but no kind (add `stray: {kind: ...}` to termbase/terms.yaml)" in err


def test_init_never_overwrites_a_workspace(office, capsys):
    assert verbale(["init", "."]) == 1
    assert "verbale.yaml:1: (workspace): already exists" in capsys.readouterr().err
    assert verbale(["init", "x", "--languages", "de"]) == 2


def test_init_writes_the_schemas_and_the_files_pass_them(office):
    for name in SCHEMAS:
        assert (office / "schema" / name).read_text(encoding="utf-8") == schema_text(name)
    pairs = [("verbale.yaml", "verbale.schema.json"), ("termbase/terms.yaml", "termbase.schema.json"),
             ("termbase/ru/terms.yaml", "termbase-forms.schema.json"), ("notes/sample.yaml", "note-spec.schema.json")]
    for file, schema in pairs:
        text = (office / file).read_text(encoding="utf-8")
        assert text.splitlines()[0].endswith(f"schema/{schema}")
        data = json.loads(json.dumps(yaml.safe_load(text), default=str))
        jsonschema.validate(data, json.loads(schema_text(schema)))


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schemas_are_current(name):
    assert (ROOT / name).read_text(encoding="utf-8") == schema_text(name), \
        "run: python -c 'from verbale.facts.schema import write_schemas; write_schemas(__import__(\"pathlib\").Path(\".\"))'"


def test_the_builtin_termbase_checks_clean(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert verbale(["terms", "check"]) == 0
    assert capsys.readouterr().err == ""


def test_terms_show_prints_every_language(capsys):
    assert verbale(["terms", "show", "astana", "--workspace", str(ROOT / "examples" / "mission")]) == 0
    out = capsys.readouterr().out
    for line in ["  en line: Astana", "  ru line: город Астана", "  kk line: Астана қаласы", "  kk loc: Астанада  [derived]"]:
        assert line in out
    assert verbale(["terms", "show", "astanna"]) == 1
    assert "(command line):1: KEY: unknown termbase key 'astanna' (did you mean astana" in capsys.readouterr().err
    assert verbale(["terms"]) == 2
