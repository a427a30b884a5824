"""The termbase: every entry has, in every language, the forms its kind needs; dated names switch on the day."""
from __future__ import annotations

import datetime as dt

import pytest

from verbale.facts.termbase import Termbase
from verbale.facts.termcheck import REQUIRED

TERMBASE = Termbase()
# kind -> language -> forms the formulas and texts need: the table `verbale terms check` applies
ENTRIES = [(key, lang) for key, entry in sorted(TERMBASE.entries.items()) if entry["kind"] != "group"
           for lang in ("en", "ru", "kk")]


@pytest.mark.parametrize("key, lang", ENTRIES)
def test_entry_has_every_form_it_needs(key, lang):
    term = TERMBASE.term(key, lang, dt.date(2026, 1, 1))
    for form in REQUIRED[TERMBASE.kind(key)][lang]:
        value = term.form(form)
        assert value and all(str(v).strip() for v in (value if isinstance(value, list) else [value])), form


@pytest.mark.parametrize("key", [k for k, e in TERMBASE.entries.items() if e["kind"] == "group"])
def test_group_members_are_recipients(key):
    assert TERMBASE.members(key)
    assert all(TERMBASE.kind(member) == "recipient" for member in TERMBASE.members(key))


@pytest.mark.parametrize("key, kind", [
    ("cica-secretariat", "sender"), ("kz-mission-osce", "sender"), ("cica-member-states", "recipient"),
    ("cica-chairmanship", "authority"), ("swg", "body"), ("soc", "body"), ("mm", "body"), ("astana", "place"),
    ("almaty", "place"), ("vienna", "place"), ("brussels", "place")])
def test_keys_of_note_spec_exist(key, kind):
    assert TERMBASE.kind(key) == kind


@pytest.mark.parametrize("on, en, ru, kk", [
    (dt.date(2019, 3, 22), "Astana", "город Астана", "Астана қаласы"),
    (dt.date(2019, 3, 23), "Nur-Sultan", "город Нур-Султан", "Нұр-Сұлтан қаласы"),
    (dt.date(2021, 9, 23), "Nur-Sultan", "город Нур-Султан", "Нұр-Сұлтан қаласы"),
    (dt.date(2022, 9, 18), "Nur-Sultan", "город Нур-Султан", "Нұр-Сұлтан қаласы"),
    (dt.date(2022, 9, 19), "Astana", "город Астана", "Астана қаласы"),  # the decree restoring Astana took effect
    (dt.date(2026, 11, 24), "Astana", "город Астана", "Астана қаласы"),
])
def test_astana_is_named_for_the_date(on, en, ru, kk):
    assert [TERMBASE.term("astana", lang, on).line for lang in ("en", "ru", "kk")] == [en, ru, kk]


def test_kazakh_forms_not_written_out_come_from_the_suffix_engine():
    swg = TERMBASE.term("swg", "kk")
    assert (swg.gen, swg.dat, swg.loc) == ("Арнаулы жұмыс тобының (АЖТ)", "Арнаулы жұмыс тобына (АЖТ)",
                                           "Арнаулы жұмыс тобында (АЖТ)")


def test_a_missing_form_is_a_clear_error():
    from verbale.errors import TermbaseError

    with pytest.raises(TermbaseError, match="'swg' has no 'ins' form in ru"):
        TERMBASE.term("swg", "ru").ins
