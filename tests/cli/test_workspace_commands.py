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


# verbale.yaml's defaults are termbase keys of their kind: `terms check` says so at their line (NOTE-SPEC §5)
BAD_DEFAULTS = [
    ("sender", "nope", "sender: unknown key 'nope' (add it to termbase/en/terms.yaml of the workspace in ./; "
                       "`verbale terms check` lists what each entry still lacks)"),
    ("place", "madird", "place: unknown key 'madird' (add it to termbase/en/terms.yaml of the workspace in ./; "
                        "`verbale terms check` lists what each entry still lacks)"),
    ("place", "my-office", "place: 'my-office' is a sender, not a place (its kind is set in termbase/terms.yaml:5; "
                           "use a key of the right kind)"),
]


@pytest.mark.parametrize("name, key, problem", BAD_DEFAULTS)
def test_a_bad_default_is_located_in_verbale_yaml(office, capsys, name, key, problem):
    fill_in_sender(office)
    config = office / "verbale.yaml"
    lines = config.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.startswith(f"{name}:"))
    config.write_text("\n".join(text if i != line else f"{name}: {key}" for i, text in enumerate(lines, 1)) + "\n",
                      encoding="utf-8")
    capsys.readouterr()
    assert verbale(["terms", "check", "-q"]) == 1
    assert capsys.readouterr().err.splitlines() == [f"verbale.yaml:{line}: {problem}"]
    # generate names the same line, and that the spec took the value from the workspace
    assert verbale(["generate", "notes/", "-o", "out/"]) == 1
    where, _, rest = problem.partition(" (")
    assert capsys.readouterr().err.splitlines() == [
        f"verbale.yaml:{line}: {where} (the workspace's default, used by notes/sample.yaml; {rest}"]


def test_a_spec_that_names_its_own_sender_is_located_in_the_spec(office, capsys):
    fill_in_sender(office)
    spec = office / "notes" / "sample.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("number:", "sender: nope\nnumber:"), encoding="utf-8")
    capsys.readouterr()
    assert verbale(["generate", "notes/", "-o", "out/"]) == 1
    assert capsys.readouterr().err.startswith("notes/sample.yaml:4: sender: unknown key 'nope' (add it to")


# a kind that is no role, also one in a list, is a located line (the roles: facts/termcheck.py KINDS)
@pytest.mark.parametrize("kind, shown", [("[sender, 3]", "3"), ("3", "3"), ("[sender, embassy]", "embassy"),
                                         ("[sender, [recipient]]", "['recipient']")])
def test_a_kind_that_is_no_role_is_a_located_line(office, capsys, kind, shown):
    fill_in_sender(office)
    (office / "termbase" / "terms.yaml").write_text(f"# the office\nmy-office: {{kind: {kind}}}\n", encoding="utf-8")
    capsys.readouterr()
    assert verbale(["terms", "check", "-q"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"termbase/terms.yaml:2: my-office: unknown kind '{shown}' (one of sender, recipient, authority, body, place, "
        "group, person, or a list of them)"]


# --place: a built-in place is used; a key not built in gets an entry to fill in like the sender; a built-in
# entry of another kind is refused with one line
@pytest.mark.parametrize("argv, status, says", [
    (["--place", "vienna"], 0, None),
    (["--place", "madrid"], 0, "'madrid' is not a built-in place: its entry in termbase/ is to fill in as well"),
    (["--place", "cica-secretariat"], 2,
     "verbale init: error: --place 'cica-secretariat' is a built-in sender, not a place (name a city)"),
    (["--place", "mine", "--sender", "mine"], 2,
     "verbale init: error: --sender and --place are both 'mine' (one entry cannot be both)"),
])
def test_init_place(tmp_path, monkeypatch, capsys, argv, status, says):
    monkeypatch.chdir(tmp_path)
    assert verbale(["init", "o2", *argv]) == status
    out, err = capsys.readouterr()
    if says:
        assert says in (out + err).splitlines()
    neutral = tmp_path / "o2" / "termbase" / "terms.yaml"
    if status:
        assert not (tmp_path / "o2").exists()
    else:
        assert ("madrid: {kind: place" in neutral.read_text(encoding="utf-8")) == (argv[1] == "madrid")


def test_a_new_place_is_filled_in_and_used(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert verbale(["init", "o2", "--place", "madrid"]) == 0
    office = tmp_path / "o2"
    monkeypatch.chdir(office)
    fill_in_sender(office)   # the sender's forms only: madrid's are now missing
    capsys.readouterr()
    assert verbale(["terms", "check", "-q"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "termbase/terms.yaml:6: madrid: zone is still to fill in (replace the TODO text with an IANA name such as "
        "Europe/Madrid)")
    neutral = office / "termbase" / "terms.yaml"
    neutral.write_text(neutral.read_text(encoding="utf-8").replace('"TODO: its IANA time zone, e.g. Europe/Madrid"',
                                                                   "Europe/Madrid"), encoding="utf-8")
    for lang, forms in [("en", "{nom: Madrid, line: Madrid, time: Madrid time}"),
                        ("ru", "{nom: Мадрид, line: город Мадрид, time: по времени г. Мадрид}"),
                        ("kk", "{nom: Мадрид, line: Мадрид қаласы, time: Мадрид қаласының уақытымен}")]:
        path = office / "termbase" / lang / "terms.yaml"
        path.write_text(path.read_text(encoding="utf-8") + f"madrid: {forms}\n", encoding="utf-8")
    assert verbale(["terms", "check", "-q"]) == 0
    assert verbale(["generate", "notes/", "-o", "out/"]) == 0
    paragraphs = [text for _, text in docx_paragraphs(office / "out" / "sample.kk.docx")]
    assert any(text.startswith("Мадрид қаласы") for text in paragraphs)
