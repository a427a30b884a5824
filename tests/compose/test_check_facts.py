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
