"""The cross-language check and facts (NOTE-SPEC §6): facts written through {{ }} agree by construction; a date or
number typed by hand into one language is compared, and a typed date a fact holds is pointed out."""
from __future__ import annotations

import pytest

from conftest import NOTES
from verbale.cli.generate import main

DEADLINE = {"deadline": "2017-05-12"}


def check(write_spec, capsys, **changes) -> tuple[int, str]:
    status = main([str(write_spec(**changes)), "--check"])
    return status, capsys.readouterr().err


def test_sample_with_facts_passes_check(capsys):
    assert main([str(NOTES / "17-1-reply-2018.yaml"), "--check", "--strict"]) == 0, capsys.readouterr().err


def test_facts_through_braces_agree(write_spec, capsys):
    """A number transliterated per language and «пятилетний» beside "five-year" are not disagreements."""
    refs = {"their-note": {"kind": "note", "number": {"en": "10663/dvbr", "ru": "10663/двбр"}, "date": "2007-12-14"}}
    purpose = {"en": "extend the five-year programme {{ periods.p }} in reply to {{ refs.their_note }}",
               "ru": "продлить пятилетнюю программу {{ periods.p }} в ответ на {{ refs.their_note }}",
               "kk": "{{ refs.their_note | dat }} жауап ретінде бесжылдық бағдарламаны {{ periods.p }} ұзартуды"}
    status, err = check(write_spec, capsys, purpose=purpose, refs=refs, meeting=None,
                        periods={"p": {"from": "2011-08-27", "to": "2016-08-26"}})
    assert (status, err) == (0, "")


@pytest.mark.parametrize("typed, expected", [
    ("13 May 2017", "purpose: languages disagree: date 13.05 is in en but not in ru, kk (check the Russian text)"),
    ("12 May 2017", "purpose: date 12.05 is typed by hand in en (use {{ dates.deadline }}, as ru, kk does)"),
])
def test_a_date_typed_in_one_language(write_spec, capsys, typed, expected):
    purpose = {"en": f"reply by {typed}", "ru": "ответить до {{ dates.deadline }}",
               "kk": "{{ dates.deadline | dat }} дейін жауап беруді"}
    status, err = check(write_spec, capsys, purpose=purpose, dates=DEADLINE, meeting=None)
    assert status == 1 and expected in err, err


def test_a_changed_number_typed_in_one_language(write_spec, capsys):
    purpose = {"en": "nominate 6 experts by {{ dates.deadline }}", "ru": "назначить 5 экспертов до {{ dates.deadline }}",
               "kk": "{{ dates.deadline | dat }} дейін 5 сарапшыны тағайындауды"}
    status, err = check(write_spec, capsys, purpose=purpose, dates=DEADLINE, meeting=None)
    assert status == 1 and "number 6 is in en but not in ru, kk" in err and "number 5 is in ru, kk but not in en" in err


def test_russian_year_word_long_is_no_slip(write_spec, capsys):
    purpose = {"en": "reply by 12 May 2017", "ru": "ответить до 12 мая 2017 года", "kk": "2017 жылғы 12 мамырға дейін жауап беруді"}
    assert check(write_spec, capsys, purpose=purpose, meeting=None) == (0, "")
    purpose["ru"] = "ответить до 12 мая 2017г."
    status, err = check(write_spec, capsys, purpose=purpose, meeting=None)
    assert "2017г.: a no-break space goes before «г.» (2017 г.)" in err


# The facts named inside {{ }} (issue #12: "--check catches a changed date or number typed in one language"): each
# language must name the same facts; the form or filter it asks for is its own (refs.x.gen, refs.x | dat), and so
# are a filter's arguments (ordinal('genitive', 'f')). Integer literals in {{ }} are compared like typed figures.
# Purpose is on line 7 of the spec written by `write_spec`: en 8, ru 9, kk 10; refs.r.number.en on 27, .ru on 28.
FACTS = {"dates": {"a": "2017-05-12", "b": "2017-05-13"}, "amounts": {"c": {"value": 50000, "currency": "USD"}},
         "periods": {"p": {"from": "2011-08-27", "to": "2016-08-26"}},
         "refs": {"r": {"kind": "note", "number": "10663/dvbr", "date": "2007-12-14"}}, "meeting": None}
MEETING = {"body": "swg", "start": "2021-09-24 14:00", "time_of": "astana"}


def check_lines(write_spec, capsys, **changes) -> tuple[int, list[str]]:
    """The exit status of `--check --strict` and its lines, each without the file's name and the [--strict] mark."""
    path = write_spec(**{**FACTS, **changes})
    status = main([str(path), "--check", "--strict"])
    lines = capsys.readouterr().err.splitlines()
    return status, [line.removeprefix(f"{path}:").removesuffix(" [--strict]") for line in lines]


def texts(en: str, ru: str, kk: str) -> dict[str, str]:
    return {"en": en, "ru": ru, "kk": kk}


@pytest.mark.parametrize("changes, expected", [
    pytest.param({"purpose": texts("reply by {{ dates.a }}", "ответить до {{ dates.b }}", "{{ dates.a | dat }} дейін")}, [
        "9: purpose: languages disagree: fact dates.a is in en, kk but not in ru (check the Russian text)",
        "8: purpose: languages disagree: fact dates.b is in ru but not in en, kk (check the English text)",
    ], id="different dates"),
    pytest.param({"purpose": texts("pay {{ amounts.c }}", "заплатить", "{{ amounts.c }} төлеуді")}, [
        "9: purpose: languages disagree: fact amounts.c is in en, kk but not in ru (check the Russian text)",
    ], id="an amount left out"),
    pytest.param({"purpose": texts("extend it {{ periods.p }}", "продлить её {{ periods.p }}", "оны ұзартуды")}, [
        "10: purpose: languages disagree: fact periods.p is in en, ru but not in kk (check the Kazakh text)",
    ], id="a period left out"),
    pytest.param({"purpose": texts("reply", "ответить на {{ refs.r }}", "{{ refs.r | dat }} жауап беруді")}, [
        "8: purpose: languages disagree: fact refs.r is in ru, kk but not in en (check the English text)",
    ], id="a ref left out"),
    pytest.param({"purpose": texts("meet {{ meeting.when }}", "встретиться", "{{ meeting.date | loc }} кездесуді"),
                  "meeting": MEETING}, [
        "9: purpose: languages disagree: fact meeting.date is in en, kk but not in ru (check the Russian text)",
        "9: purpose: languages disagree: fact meeting.time is in en but not in ru, kk (check the Russian text)",
    ], id="meeting.when beside meeting.date and nothing"),
    pytest.param({"purpose": texts("the {{ 6 | ordinal }} meeting", "{{ 7 | ordinal('accusative') }} встречу",
                                   "{{ 6 | ordinal }} кездесуді")}, [
        "9: purpose: languages disagree: number 6 is in en, kk but not in ru (check the Russian text)",
        "8: purpose: languages disagree: number 7 is in ru but not in en, kk (check the English text)",
    ], id="ordinals in braces"),
    pytest.param({"purpose": texts("wait {{ 5 | count('hour') }}", "ждать {{ 4 | count('hour') }}",
                                   "{{ 5 | count('hour') }} күтуді")}, [
        "8: purpose: languages disagree: number 4 is in ru but not in en, kk (check the English text)",
        "9: purpose: languages disagree: number 5 is in en, kk but not in ru (check the Russian text)",
    ], id="counts in braces"),
    pytest.param({"purpose": texts("reply to {{ refs.r }}", "ответить на {{ refs.r }}", "{{ refs.r | dat }} жауап"),
                  "refs": {"r": {"kind": "note", "number": {"en": "10663/dvbr", "ru": "10664/двбр"}}}}, [
        "28: refs.r.number: languages disagree: number 10663 is in en but not in ru (check the Russian text)",
        "27: refs.r.number: languages disagree: number 10664 is in ru but not in en (check the English text)",
    ], id="a ref's number with other figures"),
    pytest.param({"purpose": texts("reply by 12 May", "ответить до {{ dates.a }}", "{{ dates.a | dat }} дейін")}, [
        "8: purpose: date 12.05 is typed by hand in en (use {{ dates.a }}, as ru, kk does)",
    ], id="a typed date is pointed out once"),
])
def test_facts_in_braces_disagree(write_spec, capsys, changes, expected):
    assert check_lines(write_spec, capsys, **changes) == (1, expected)


@pytest.mark.parametrize("changes", [
    pytest.param({"purpose": texts("reply to {{ refs.r }}", "ответить на {{ refs.r.gen }}", "{{ refs['r'] | dat }} жауап"),
                  "refs": {"r": {"kind": "note", "number": {"en": "10663/dvbr", "ru": "10663/двбр"}}}},
                 id="one ref in its forms, its number transliterated"),
    pytest.param({"purpose": texts("meet at the {{ meeting.body }} {{ meeting.when }}",
                                   "встретиться на заседании {{ meeting.body.gen }} {{ meeting.when }}",
                                   "{{ meeting.body.gen }} отырысында кездесуді"),
                  "continuation": texts("", "", "Кездесу {{ meeting.date | loc }} сағат {{ meeting.time | loc }} өтеді."),
                  "meeting": MEETING},
                 id="meeting.when as date and time, in the continuation"),
    pytest.param({"purpose": texts("attend the sixth meeting", "участвовать в {{ 6 | ordinal('prepositional', 'f') }} встрече",
                                   "{{ 6 | ordinal_num }} кездесуге қатысуды")},
                 id="a literal beside a typed ordinal, arguments per language"),
])
def test_facts_in_braces_agree(write_spec, capsys, changes):
    assert check_lines(write_spec, capsys, **changes) == (0, [])


def test_a_changed_fact_fails_check(write_spec, capsys):
    """End to end, `--check` alone: a different fact in one language fails the spec."""
    purpose = texts("reply by {{ dates.a }}", "ответить до {{ dates.b }}", "{{ dates.a | dat }} дейін")
    status, err = check(write_spec, capsys, **{**FACTS, "purpose": purpose})
    assert status == 1 and "purpose: languages disagree: fact dates.b is in ru but not in en, kk" in err, err
