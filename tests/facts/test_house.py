"""Where house conventions come from (NOTE-SPEC §7): spec > sender's entry > workspace > defaults, key by key."""
from __future__ import annotations

import pytest

from verbale.cli.generate import main
from verbale.errors import SpecError, TermbaseError
from verbale.facts.house import House, resolve_house


@pytest.mark.parametrize("spec, sender, workspace, expected", [
    (None, None, None, {}),
    (None, None, {"year_word": "long"}, {"year_word": "long"}),
    (None, {"year_word": "short"}, {"year_word": "long"}, {"year_word": "short"}),
    ({"year_word": "long"}, {"year_word": "short"}, None, {"year_word": "long"}),
    ({"spelling": "en-US"}, {"place_date": "top"}, {"date_order": "month-day"},
     {"spelling": "en-US", "place_date": "top", "date_order": "month-day"}),
    ({"number_label": {"ru": "N"}}, {"number_label": {"en": "No."}}, None, {"number_label": {"en": "No.", "ru": "N"}}),
    ({"number_label": "No."}, None, {"number_label": {"ru": "№"}}, {"number_label": "No."}),
    (None, {"blank": "blanks/mission.docx"}, None, {"blank": "blanks/mission.docx"}),
])
def test_layers(spec, sender, workspace, expected):
    assert resolve_house(spec, sender, workspace, sender="x") == House(**expected)


@pytest.mark.parametrize("house, lang, label, suffix", [
    (House(), "en", "№", ""),
    (House(number_label={"en": "No."}), "en", "No.", ""),
    (House(number_label={"en": "No."}), "kk", "№", ""),
    (House(number_label="N", number_suffix={"ru": "/дса"}), "ru", "N", "/дса"),
])
def test_label_per_language(house, lang, label, suffix):
    assert (house.label(lang), house.suffix(lang)) == (label, suffix)


@pytest.mark.parametrize("sender, workspace, error, message", [
    ({"spelling": "en-AU"}, None, TermbaseError,
     "the termbase entry 'x': house.spelling: 'en-AU' is not allowed (use 'en-GB' or 'en-US')"),
    (None, {"year_word": "full"}, SpecError, "verbale.yaml: house.year_word: 'full' is not allowed"),
    (None, ["top"], SpecError, "verbale.yaml: house is a mapping of conventions, not a list"),
])
def test_bad_layers_name_their_place(sender, workspace, error, message):
    with pytest.raises(error) as caught:
        resolve_house(None, sender, workspace, sender="x")
    assert message in caught.value.problem


@pytest.mark.parametrize("extra, line", [
    ("house: {place_date: middle}\n", ":10: house.place_date: 'middle' is not allowed"),
    ("house: {colour: red}\n", ":10: house.colour: unknown field"),
    ("closing: warmest\n", ":10: closing: 'warmest' is not a variant of closing in en (known: high, highest, none;"),
    ("opening: honor\n", ":10: opening: 'honor' is not a variant of opening in en (known: honour, plain;"),
    ("opening: {action: honor}\n", ":10: opening.action: 'honor' is not a variant of opening in en"),
    ("opening: {clause: {ru: x}}\n", ":10: opening.clause.en: the en text is missing"),
    ("closing: Warm\n", ":10: closing: 'Warm' is not a name of formulas.yaml"),
    ("compliments: true\n", ":10: compliments: compliments need someone to be presented to"),
])
def test_bad_spec_fields_are_one_line(tmp_path, capsys, extra, line):
    spec = tmp_path / "note.yaml"
    spec.write_text("number: 1\ndate: 2021-09-23\nplace: astana\nsender: cica-secretariat\n"
                    f"recipients: {'[]' if 'compliments' in extra else '[cica-member-states]'}\n"
                    "languages: [en]\npurpose:\n  en: forward a document\n"
                    "# conventions\n" + extra, encoding="utf-8")
    assert main([str(spec), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert line in err and "Traceback" not in err
