"""Issue #15: input that used to be silently changed, crash the run or write a file Word cannot open is now
one located line `FILE:LINE: FIELD: problem (hint)`."""
from __future__ import annotations

import shutil
import zipfile

import pytest

from conftest import ROOT
from test_errors import LINE, one_error, run

TEXT = "purpose"


def text_case(en: str) -> dict:
    return {TEXT: {"en": en, "ru": "y", "kk": "z"}}


# YAML 1.1 implicit types changed values; YAML 1.2 core schema (and strict counts and dates) keeps them
TYPING_CASES = [  # (spec text line, field, words in the problem), each replacing a line of a valid spec
    ("enclosures: 010", "enclosures", "a count is a whole number"),
    ("enclosures: yes", "enclosures", "a count is a whole number"),
    ("enclosures: '5'", "enclosures", "a count is a whole number"),
    ("enclosures: 5.0", "enclosures", "a count is a whole number"),
    ("date: 0", "date", "a date is written YYYY-MM-DD"),
    ("date: '1632000000'", "date", "a date is written YYYY-MM-DD"),
]


def spec_with_line(write_spec, line: str):
    from conftest import spec_yaml

    key = line.split(":")[0]
    lines = [line if l.startswith(f"{key}:") else l for l in spec_yaml().splitlines()]
    return write_spec(text="\n".join(lines) + "\n")


@pytest.mark.parametrize("line, field, words", TYPING_CASES, ids=[c[0] for c in TYPING_CASES])
def test_values_are_not_retyped_by_yaml(capsys, tmp_path, write_spec, line, field, words):
    match = one_error(capsys, spec_with_line(write_spec, line), tmp_path)
    assert match["field"] == field and words in match["problem"]


@pytest.mark.parametrize("typed", ["0624", "17:10", "1e3", "0x10", "1_000"])
def test_a_number_is_printed_as_typed(tmp_path, write_spec, typed):
    from docx import Document

    spec = spec_with_line(write_spec, f"number: {typed}")
    status, lines, _ = run_quiet(spec, tmp_path)
    assert status == 0, lines
    text = " ".join(p.text for p in Document(str(tmp_path / "out" / "note.en.docx")).paragraphs)
    assert f"No.\u00a0{typed}" in text or f"№\u00a0{typed}" in text, text


def run_quiet(spec, tmp_path):
    from verbale.cli.generate import main
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main([str(spec), "-o", str(tmp_path / "out")])
    return status, err.getvalue().splitlines(), None


MEETING = {"body": "swg", "time_of": "astana"}
FIELD_CASES = [  # (name, changes, field, words)
    ("bell through Jinja", text_case("{{ '\\x07' }}"), "purpose.en", "renders control characters (\\x07)"),
    ("%c through format", text_case("{{ '%c' | format(7) }}"), "purpose.en", "renders control characters (\\x07)"),
    ("noncharacter", text_case("{{ '\\ufffe' }}"), "purpose.en", "renders control characters"),
    ("lone surrogate", text_case("{{ '\\ud800' }}"), "purpose.en", "renders control characters"),
    ("str.center", text_case("{{ 'x'.center(10**9) }}"), "purpose.en", "a width of 1,000,000,000 is refused"),
    ("center filter", text_case("{{ 'x' | center(10**9) }}"), "purpose.en", "is refused"),
    ("printf width", text_case("{{ '%0999999999d' | format(1) }}"), "purpose.en", "a width of 999999999"),
    ("printf operator", text_case("{{ '%0999999999d' % 1 }}"), "purpose.en", "a width of 999999999"),
    ("str.format width", text_case("{{ '{:>999999999}'.format(1) }}"), "purpose.en", "a width of 999999999"),
    ("~ chain", text_case("{% set a = 'x' * 10000 %}" + "{% set a = a ~ a %}" * 30 + "{{ a }}"), "purpose.en",
     "joining that much is refused"),
    ("+ chain", text_case("{% set a = 'x' * 10000 %}" + "{% set a = a + a %}" * 30 + "{{ a }}"), "purpose.en",
     "joining that much is refused"),
    ("a = a * a", text_case("{% set a = 10 %}" + "{% set a = a * a %}" * 40 + "{{ a }}"), "purpose.en",
     "too large a number"),
    ("join", text_case("{{ ('x' * 9000) | list | join('y' * 9000) }}"), "purpose.en", "joining that much"),
    ("replace", text_case("{{ ('x' * 9000) | replace('x', 'y' * 9000) }}"), "purpose.en", "replacing that much"),
    ("indent", text_case("{{ ('x\\n' * 5000) | indent(99999) }}"), "purpose.en", "indenting that far"),
    ("batch", text_case("{{ 'x' | batch(10**9, 'y') | list }}"), "purpose.en", "is refused"),
    ("lipsum", text_case("{{ lipsum(10**9) }}"), "purpose.en", "unknown name 'lipsum'"),
    ("200 nested ifs", text_case("{% if 1 %}" * 200 + "x" + "{% endif %}" * 200), "purpose.en", "nests too deeply"),
    ("4,400 digits", text_case("{{ " + "9" * 4400 + " }}"), "purpose.en", ""),
    ("start at the calendar's start", {"date": "0001-01-01", "meeting": {**MEETING, "start": "0001-01-01 00:30"}},
     "meeting.start", "edge of the calendar"),
    ("start at the calendar's end", {"date": "9999-12-31", "meeting": {"body": "swg", "start": "9999-12-31 23:00",
                                                                        "zone": "America/New_York"}},
     "meeting.start", "edge of the calendar"),
    ("start with Z", {"meeting": {**MEETING, "start": "2021-09-24 14:00Z"}}, "meeting.start", "offset or Z"),
    ("start with an offset", {"meeting": {**MEETING, "start": "2021-09-24 14:00+05:00"}}, "meeting.start", "offset or Z"),
    ("start with seconds and Z", {"meeting": {**MEETING, "start": "2021-09-24T14:00:00Z"}}, "meeting.start",
     "offset or Z"),
    ("start as a number", {"meeting": {**MEETING, "start": 0}}, "meeting.start", "YYYY-MM-DD HH:MM"),
    ("duplicate recipients", {"recipients": ["cica-member-states", "cica-member-states"]}, "recipients",
     "named twice"),
    ("duplicate distribution", {"distribution": ["kz-mfa", "kz-mfa"]}, "distribution", "named twice"),
]


@pytest.mark.parametrize("name, changes, field, words", FIELD_CASES, ids=[c[0] for c in FIELD_CASES])
def test_bad_input_is_one_located_line(capsys, tmp_path, write_spec, name, changes, field, words):
    match = one_error(capsys, write_spec(**changes), tmp_path)
    assert match["field"] == field, match.group()
    assert words in match.group(), match.group()
    assert "internal" not in match.group()


def test_a_termbase_entry_missing_a_language_names_the_spec_line(tmp_path, write_spec):
    import yaml

    from verbale.build import build
    from verbale.errors import NoteError
    from verbale.facts.termbase import LOCALES_DIR, Termbase

    locales = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, locales)
    for path in (locales / "kk").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "cica-secretariat" in data:
            del data["cica-secretariat"]
            path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    spec = write_spec()
    with pytest.raises(NoteError) as caught:
        build(spec, Termbase(locales))
    lines = str(caught.value).splitlines()
    assert len(lines) == 1 and LINE.match(lines[0])
    sender_line = next(i for i, l in enumerate(spec.read_text(encoding="utf-8").splitlines(), 1)
                       if l.startswith("sender:"))
    assert lines[0].startswith(f"{spec}:{sender_line}: sender: 'cica-secretariat' has no kk names"), lines[0]


def test_no_written_docx_holds_a_control_character(tmp_path, write_spec):
    """Every character the clerk can make reach a file is one XML 1.0 allows (checked in the file)."""
    status, lines, _ = run_quiet(write_spec(**text_case("forward {{ '\\t' }} a {{ '%c' | format(169) }} document")),
                                 tmp_path)
    assert status == 0, lines
    from xml.dom import minidom
    with zipfile.ZipFile(tmp_path / "out" / "note.en.docx") as package:
        minidom.parseString(package.read("word/document.xml"))
