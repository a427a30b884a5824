"""Every bad input gets one clear line `FILE:LINE: FIELD: problem (hint)`, never a traceback."""
from __future__ import annotations

import re

import pytest

from verbale.cli.generate import main

LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<field>\S+): (?P<problem>.+)$")


def run(capsys, *args) -> tuple[int, list[str], str]:
    status = main([str(a) for a in args])
    captured = capsys.readouterr()
    return status, [l for l in captured.err.splitlines() if l], captured.out


def one_error(capsys, spec, tmp_path) -> re.Match:
    status, lines, _ = run(capsys, spec, "-o", tmp_path / "out")
    assert status == 1, lines
    assert len(lines) == 1, lines
    match = LINE.match(lines[0])
    assert match, lines[0]
    assert "Traceback" not in lines[0]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir()), "nothing is half-written"
    return match


# (name, spec text or field changes, line, field, words in the problem or hint)
TEXT_CASES = [
    ("duplicate key", "number: 1\ndate: 2021-09-23\nnumber: 2\n", 3, "number", "duplicate key 'number' (first on line 1)"),
    ("syntax error", "number: 1\ndate: [2021\n", 3, "(yaml)", "YAML syntax error, column"),
    ("empty file", "", 1, "(spec)", "the file is empty"),
    ("only a comment", "# nothing\n", 1, "(spec)", "the file is empty"),
    ("a list, not a mapping", "- number: 1\n", 1, "(spec)", "a spec is a mapping of fields, not a list"),
    ("python tag", "number: !!python/object/apply:os.system ['echo hacked']\n", 1, "number", "could not determine a constructor"),
    ("impossible date", "number: 1\ndate: 2021-02-30\n", 2, "date", "'2021-02-30' is not a real date"),
    ("alias bomb", "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
     "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
     "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n", 5, "(yaml)", "too large or too deeply nested"),
]
FIELD_CASES = [
    ("unknown field", {"urgancy": "urgent"}, "urgancy", "unknown field (did you mean 'urgency'?)"),
    ("bad urgency", {"urgency": "very"}, "urgency", "'very' is not allowed"),
    ("zero pages", {"enclosures": 0}, "enclosures", "greater than 0"),
    ("absurd pages", {"enclosures": 100000}, "enclosures", "less than or equal to 2000"),
    ("pages in words", {"enclosures": "ten"}, "enclosures", ""),
    ("unknown sender", {"sender": "cica-secretariatt"}, "sender", "unknown termbase key 'cica-secretariatt' (did you mean cica-secretariat"),
    ("wrong kind", {"place": "swg"}, "place", "'swg' is a body, not a place"),
    ("missing language", {"purpose": {"en": "x", "ru": "y"}}, "purpose.kk", "the kk text is missing"),
    ("unknown language", {"purpose": {"en": "x", "ru": "y", "kk": "z", "de": "w"}}, "purpose.de", "allowed here: en, ru, kk"),
    ("missing number", {"number": None}, "number", "required field is missing"),
    ("control character", {"purpose": {"en": "forward\x07", "ru": "y", "kk": "z"}}, "purpose.en", "control characters"),
    ("text too long", {"purpose": {"en": "x" * 6000, "ru": "y", "kk": "z"}}, "purpose.en", "at most 5000 characters"),
    ("unknown zone", {"meeting": {"body": "swg", "start": "2021-09-24 14:00", "zone": "Asia/Nowhere"}},
     "meeting.zone", "unknown time zone 'Asia/Nowhere'"),
    ("time without date", {"meeting": {"body": "swg", "start": "14:00"}}, "meeting.start", "YYYY-MM-DD HH:MM"),
    ("daylight-saving gap", {"meeting": {"body": "swg", "start": "2026-03-29 02:30", "time_of": "vienna"}},
     "meeting.start", "does not exist in Europe/Vienna"),
    ("ambiguous time", {"meeting": {"body": "swg", "start": "2026-10-25 02:30", "time_of": "vienna"}},
     "meeting.start", "happens twice in Europe/Vienna (the clocks go back then) (add `ambiguous: earlier`"),
    ("unknown name in a text", {"purpose": {"en": "see {{ meting.when }}", "ru": "y", "kk": "z"}},
     "purpose.en", "unknown name 'meting' (did you mean 'meeting'?)"),
    ("unknown attribute", {"purpose": {"en": "{{ meeting.whenn }}", "ru": "y", "kk": "z"}}, "purpose.en", "whenn"),
    ("python internals", {"purpose": {"en": "{{ ''.__class__.__mro__[1].__subclasses__() }}", "ru": "y", "kk": "z"}},
     "purpose.en", "unsafe"),
    ("a loop in a text", {"purpose": {"en": "{% for i in range(99) %}x{% endfor %}", "ru": "y", "kk": "z"}},
     "purpose.en", "'for' is not allowed in a text"),
    ("text repeated", {"purpose": {"en": "{{ 'x' * 100000000 }}", "ru": "y", "kk": "z"}}, "purpose.en",
     "repeating text into more than 10,000 characters is refused"),
    ("text repeated twice over", {"purpose": {"en": "{{ 'x' * 1000 * 1000 * 1000 }}", "ru": "y", "kk": "z"}},
     "purpose.en", "repeating text into more than 10,000 characters is refused"),
    ("huge power", {"purpose": {"en": "{{ 2 ** 100000 }}", "ru": "y", "kk": "z"}}, "purpose.en", "'**' is limited"),
    ("huge output", {"purpose": {"en": "{{ 'x' * 9000 ~ 'y' * 9000 }}", "ru": "y", "kk": "z"}}, "purpose.en",
     "the text renders to"),
    ("include a file", {"purpose": {"en": "{% include '/etc/passwd' %}", "ru": "y", "kk": "z"}}, "purpose.en",
     "'include' is not allowed"),
    ("template syntax", {"purpose": {"en": "{{ meeting.when ", "ru": "y", "kk": "z"}}, "purpose.en", "template syntax error"),
    ("meeting facts without meeting", {"meeting": None}, "purpose.en", "the spec has no `meeting:`"),
    ("unknown filter", {"purpose": {"en": "{{ meeting.date | loc }}", "ru": "y", "kk": "z"}}, "purpose.en", "loc"),
]


@pytest.mark.parametrize("name, text, line, field, words", TEXT_CASES, ids=[c[0] for c in TEXT_CASES])
def test_bad_yaml_is_one_located_line(capsys, tmp_path, write_spec, name, text, line, field, words):
    match = one_error(capsys, write_spec(text=text), tmp_path)
    assert (int(match["line"]), match["field"]) == (line, field)
    assert words in match["problem"]


@pytest.mark.parametrize("name, changes, field, words", FIELD_CASES, ids=[c[0] for c in FIELD_CASES])
def test_bad_field_is_one_line_naming_it(capsys, tmp_path, write_spec, name, changes, field, words):
    spec = write_spec(**changes)
    match = one_error(capsys, spec, tmp_path)
    assert match["field"] == field
    assert words in match["problem"]
    key = field.split(".")[0].split("[")[0]
    text_lines = spec.read_text(encoding="utf-8").splitlines()
    if any(l.startswith(f"{key}:") for l in text_lines):
        assert text_lines[int(match["line"]) - 1].lstrip().split(":")[0] in field.replace("[", ".").split(".")


def test_not_utf8(capsys, tmp_path):
    spec = tmp_path / "latin1.yaml"
    spec.write_bytes("number: 1\nplace: Астана\n".encode("cp1251"))
    match = one_error(capsys, spec, tmp_path)
    assert (match["line"], match["field"]) == ("2", "(file)")
    assert "not UTF-8" in match["problem"]


def test_python_tag_is_never_executed(capsys, tmp_path, write_spec):
    marker = tmp_path / "hacked"
    spec = write_spec(text=f"number: !!python/object/apply:os.system ['touch {marker}']\n")
    one_error(capsys, spec, tmp_path)
    assert not marker.exists()


def test_template_cannot_reach_python_internals(capsys, tmp_path, write_spec):
    spec = write_spec(purpose={"en": "{{ meeting.__class__.__init__.__globals__ }}", "ru": "y", "kk": "z"})
    match = one_error(capsys, spec, tmp_path)
    assert match["field"] == "purpose.en"


def test_several_problems_are_one_line_each(capsys, tmp_path, write_spec):
    status, lines, _ = run(capsys, write_spec(urgancy="x", enclosures=0, sender="nobody"), "-o", tmp_path / "o")
    assert status == 1
    assert [LINE.match(l)["field"] for l in lines] == ["urgancy", "enclosures"] or len(lines) >= 2
    assert all(LINE.match(l) for l in lines)


def test_ambiguous_time_with_a_choice_is_generated(capsys, tmp_path, write_spec):
    spec = write_spec(meeting={"body": "swg", "start": "2026-10-25 02:30", "time_of": "vienna", "ambiguous": "later"})
    status, lines, _ = run(capsys, spec, "-o", tmp_path / "out")
    assert status == 0, lines


def test_missing_path_is_one_line(capsys, tmp_path):
    status, lines, _ = run(capsys, tmp_path / "nope.yaml", "-o", tmp_path / "out")
    assert status == 1
    assert lines == [f"{tmp_path / 'nope.yaml'}:1: (file): no such file or folder (check the path)"]


def test_usage_errors_exit_2(capsys):
    assert main([]) == 2
    assert main(["notes", "--jobs", "0"]) == 2
    capsys.readouterr()


def test_internal_error_is_one_line_and_a_log(capsys, tmp_path, write_spec, monkeypatch):
    import verbale.build

    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(verbale.build, "build", broken)
    status, lines, _ = run(capsys, write_spec(), "-o", tmp_path / "out")
    assert status == 1
    assert len(lines) == 1 and "(internal): unexpected error ZeroDivisionError" in lines[0]
    assert "Traceback" in (tmp_path / "verbale-error.log").read_text(encoding="utf-8")


def test_odd_keys_are_named_as_written(capsys, tmp_path, write_spec):
    """Hypothesis found that a key such as '(' once broke the error's location."""
    status, lines, _ = run(capsys, write_spec(text="(: 1\nnumber: 5\n"), "-o", tmp_path / "out")
    assert status == 1
    assert all(LINE.match(line) for line in lines)
    assert any(line.endswith(":1: (: unknown field (allowed here: " + line.split("allowed here: ")[1])
               for line in lines if "allowed here" in line)
