"""The cross-language check and the lint know NOTE-SPEC §10's new parts: the opening's clause, the heading and the
subject are compared like the purpose, each on its own line of the spec; and the forms §10 introduces (`с.г.`,
the label `N`, `US$ 50,000`, dates in figures) raise no false warning."""
from __future__ import annotations

import pytest

from conftest import ROOT
from verbale.cli.generate import main

# a reply (`in_reply_to:`) is checked once its note is in the register (tests/register/test_example_registry.py)
EXAMPLE_SPECS = [spec for spec in sorted((ROOT / "examples").glob("*/notes/*.yaml"))
                 if "\nin_reply_to:" not in spec.read_text(encoding="utf-8")]


def check(write_spec, capsys, **changes) -> tuple[int, str]:
    status = main([str(write_spec(**changes)), "--check"])
    return status, capsys.readouterr().err


DEADLINE = {"deadline": "2017-05-12"}


@pytest.mark.parametrize("changes, expected", [
    ({"opening": {"clause": {"en": "recalling the 6 experts", "ru": "напоминая о 5 экспертах",
                             "kk": "5 сарапшыны еске сала отырып"}}},
     "opening.clause: languages disagree: number 6 is in en but not in ru, kk (check the Russian text)"),
    ({"heading": {"en": ["NOTIFICATION", "No. 7"], "ru": ["УВЕДОМЛЕНИЕ", "№ 7"], "kk": ["ХАБАРЛАМА", "№ 8"]}},
     "heading: languages disagree: number 7 is in en, ru but not in kk (check the Kazakh text)"),
    ({"subject": {"en": "Reply by 13 May", "ru": "Ответ до {{ dates.deadline }}",
                  "kk": "{{ dates.deadline | dat }} дейін жауап"}, "dates": DEADLINE},
     "subject: languages disagree: date 13.05 is in en but not in ru, kk"),
    ({"subject": {"en": "Reply by {{ dates.deadline }}", "ru": "Ответ", "kk": "Жауап"}, "dates": DEADLINE},
     "subject: languages disagree: fact dates.deadline is in en but not in ru, kk"),
])
def test_new_parts_are_compared(write_spec, capsys, changes, expected):
    status, err = check(write_spec, capsys, **changes)
    assert status == 1 and expected in err, err


def test_a_disagreement_names_the_line_of_its_part(write_spec, capsys):
    heading = {"en": ["NOTIFICATION", "No. 7"], "ru": ["УВЕДОМЛЕНИЕ", "№ 7"], "kk": ["ХАБАРЛАМА", "№ 8"]}
    path = write_spec(heading=heading)
    lines = path.read_text(encoding="utf-8").splitlines()
    kk_line = next(i for i, line in enumerate(lines, 1) if line.strip().startswith("kk:") and i > lines.index("heading:"))
    assert main([str(path), "--check"]) == 1
    err = capsys.readouterr().err
    assert f"note.yaml:{kk_line}: heading: languages disagree" in err, err


@pytest.mark.parametrize("field, value, warning", [
    ("subject", {"en": "Dates  of the meeting", "ru": "Сроки", "kk": "Мерзімдер"}, "subject.en: 's  o': two spaces in a row"),
    ("heading", {"en": ["NOTE"], "ru": ["НОТА", 'о "Декларации"'], "kk": ["НОТА"]},
     'heading.ru[1]: "Декларации": straight quotes'),
    ("opening", {"clause": {"en": "x", "ru": "до 2 июня 2021г.", "kk": "x"}},
     "opening.clause.ru: 2021г.: a no-break space goes before «г.»"),
])
def test_new_parts_are_linted(write_spec, capsys, field, value, warning):
    status, err = check(write_spec, capsys, **{field: value})
    assert warning in err, err


@pytest.mark.parametrize("texts", [
    {"en": "with reference to its Note No. 12 of 31 January this year", "ru": "ссылаясь на его ноту N 12 от 31 января с.г.",
     "kk": "оның ағымдағы жылғы 31 қаңтардағы № 12 нотасына сілтеме жасай отырып"},
    {"en": "a contribution of US$ 50,000 (18.03.1996)", "ru": "взнос в размере 50 000 долл. США (18.03.1996 г.)",
     "kk": "50 000 АҚШ долл. мөлшеріндегі жарна (18.03.1996 ж.)"},
])
def test_no_false_warnings_on_the_new_forms(write_spec, capsys, texts):
    """`с.г.`, `N 12`, `US$ 50,000`, `долл. США` and dates in figures, typed by hand, are no slips and agree."""
    status, err = check(write_spec, capsys, opening={"clause": texts}, meeting=None,
                        purpose={"en": "inform", "ru": "сообщить", "kk": "хабарлауды"})
    assert (status, err) == (0, ""), err


@pytest.mark.parametrize("spec", EXAMPLE_SPECS, ids=lambda p: str(p.relative_to(ROOT)))
def test_examples_pass_the_strict_check(spec, capsys):
    """Every example (with `| this_year`, `N`, `US$`, headings, subjects, clauses) passes --check --strict."""
    assert main([str(spec), "--check", "--strict"]) == 0, capsys.readouterr().err
