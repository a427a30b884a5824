"""The facts of NOTE-SPEC §1 inside the texts, in every language, and through to the DOCX."""
from __future__ import annotations

import pytest

from conftest import docx_paragraphs
from verbale.cli.generate import main

FACTS = [  # name, en, ru, kk (NOTE-SPEC §1 table)
    ("meeting.date", "24 September 2021", "24 сентября 2021 г.", "2021 жылғы 24 қыркүйек"),
    ("meeting.time", "14:00", "14:00", "14.00"),
    ("meeting.zone", "Nur-Sultan time (GMT+6 hours)", "по времени г. Нур-Султан (GMT+6 часов)",
     "Нұр-Сұлтан қаласының уақытымен (GMT+6 сағат)"),
    ("meeting.when", "on 24 September 2021 at 14:00 Nur-Sultan time (GMT+6 hours)",
     "24 сентября 2021 г. в 14:00 по времени г. Нур-Султан (GMT+6 часов)",
     "2021 жылғы 24 қыркүйекте Нұр-Сұлтан қаласының уақытымен (GMT+6 сағат) сағат 14.00-те"),
    ("meeting.body", "Special Working Group (SWG)", "Специальная рабочая группа (СРГ)", "Арнаулы жұмыс тобы (АЖТ)"),
    ("meeting.body.short", "SWG", "СРГ", "АЖТ"),
    ("meeting.format", "in an online format", "в онлайн-формате", "онлайн форматында"),  # NOTE-SPEC §1
    ("6 | ordinal", "sixth", "шестой", "алтыншы"),
    ("6 | ordinal_num", "6th", "6-й", "6-"),
    ("terms['soc'].short", "SOC", "КСДЛ", "АЛТК"),
    ("3 | count('hour')", "3 hours", "3 часа", "3 сағат"),
    ("21 | count('day')", "21 days", "21 день", "21 күн"),
    ("1 | count('page')", "1 page", "1 лист", "1 бет"),
]
KAZAKH_ONLY = [
    ("meeting.date | loc", "2021 жылғы 24 қыркүйекте"), ("meeting.time | loc", "14.00-те"),
    ("meeting.body.gen", "Арнаулы жұмыс тобының (АЖТ)"), ("meeting.body | dat", "Арнаулы жұмыс тобына (АЖТ)"),
    ("6 | ordinal", "алтыншы"),
]
RUSSIAN_ONLY = [("meeting.body.gen", "Специальной рабочей группы (СРГ)"), ("5 | count('hour')", "5 часов"),
                ("2 | count('page_prep')", "2 листах"), ("11 | count('day')", "11 дней"), ("6 | ordinal('genitive')", "шестого"),
                ("6 | ordinal('genitive', 'f')", "шестой"), ("6 | ordinal_num('genitive')", "6-го"),
                ("6 | ordinal_num(None, 'f')", "6-я")]


def opening(tmp_path, write_spec, capsys, purpose: dict, **changes) -> dict:
    meeting = {"body": "swg", "start": "2021-09-24 14:00", "time_of": "astana", "format": "online"}
    spec = write_spec(purpose=purpose, meeting=changes.pop("meeting", meeting), **changes)
    out = tmp_path / "out"
    assert main([str(spec), "-o", str(out)]) == 0, capsys.readouterr().err
    return {lang: next(t for s, t in docx_paragraphs(out / f"note.{lang}.docx") if s == "Note Body")
            for lang in ("en", "ru", "kk")}


@pytest.mark.parametrize("name, english, russian, kazakh", FACTS)
def test_fact_in_every_language(tmp_path, write_spec, capsys, name, english, russian, kazakh):
    texts = opening(tmp_path, write_spec, capsys, {lang: f"send [{{{{ {name} }}}}]" for lang in ("en", "ru", "kk")})
    for lang, expected in (("en", english), ("ru", russian), ("kk", kazakh)):
        assert f"[{expected}]" in texts[lang], lang


@pytest.mark.parametrize("lang, name, expected", [("kk", *c) for c in KAZAKH_ONLY] + [("ru", *c) for c in RUSSIAN_ONLY])
def test_language_forms_and_filters(tmp_path, write_spec, capsys, lang, name, expected):
    purpose = {"en": "x", "ru": "x", "kk": "x", lang: f"send [{{{{ {name} }}}}]"}
    assert f"[{expected}]" in opening(tmp_path, write_spec, capsys, purpose)[lang]


def test_vienna_in_january_2026(tmp_path, write_spec, capsys):
    """Issue #4: a meeting in Vienna on 15 January 2026 at 16:05."""
    meeting = {"body": "soc", "start": "2026-01-15 16:05", "time_of": "vienna"}
    texts = opening(tmp_path, write_spec, capsys, {"en": "invite {{ meeting.when }}", "ru": "пригласить {{ meeting.when }}",
                                                   "kk": "{{ meeting.when }} шақыруды"}, meeting=meeting)
    assert "on 15 January 2026 at 16:05 Vienna time (GMT+1 hour)" in texts["en"]
    assert "15 января 2026 г. в 16:05 по времени г. Вена (GMT+1 час)" in texts["ru"]
    assert "2026 жылғы 15 қаңтарда Вена қаласының уақытымен (GMT+1 сағат) сағат 16.05-те" in texts["kk"]


@pytest.mark.parametrize("start, english, kazakh", [
    ("2022-09-18 10:00", "on 18 September 2022 at 10:00 Nur-Sultan time (GMT+6 hours)",
     "2022 жылғы 18 қыркүйекте Нұр-Сұлтан қаласының уақытымен (GMT+6 сағат) сағат 10.00-да"),
    ("2022-09-19 10:00", "on 19 September 2022 at 10:00 Astana time (GMT+6 hours)",
     "2022 жылғы 19 қыркүйекте Астана қаласының уақытымен (GMT+6 сағат) сағат 10.00-да"),
    ("2024-03-01 12:40", "on 1 March 2024 at 12:40 Astana time (GMT+5 hours)",
     "2024 жылғы 1 наурызда Астана қаласының уақытымен (GMT+5 сағат) сағат 12.40-та"),
])
def test_astana_rename_and_zone_change_follow_the_meeting_date(tmp_path, write_spec, capsys, start, english, kazakh):
    meeting = {"body": "swg", "start": start, "time_of": "astana"}
    texts = opening(tmp_path, write_spec, capsys, {"en": "meet {{ meeting.when }}", "ru": "встреча {{ meeting.when }}",
                                                   "kk": "{{ meeting.when }} жолдауды"}, meeting=meeting)
    assert english in texts["en"] and kazakh in texts["kk"]
    assert ("по времени г. Нур-Султан" if "Nur-Sultan" in english else "по времени г. Астана") in texts["ru"]


@pytest.mark.parametrize("issued, en_line, ru_line, kk_line", [
    ("2019-03-22", "Astana, 22 March 2019", "город Астана, 22 марта 2019 г.", "Астана қаласы, 2019 жылғы 22 наурыз"),
    ("2021-09-23", "Nur-Sultan, 23 September 2021", "город Нур-Султан, 23 сентября 2021 г.",
     "Нұр-Сұлтан қаласы, 2021 жылғы 23 қыркүйек"),
    ("2022-09-19", "Astana, 19 September 2022", "город Астана, 19 сентября 2022 г.",
     "Астана қаласы, 2022 жылғы 19 қыркүйек"),
])
def test_place_line_is_named_for_the_date_of_issue(tmp_path, write_spec, capsys, issued, en_line, ru_line, kk_line):
    spec = write_spec(date=issued)
    out = tmp_path / "out"
    assert main([str(spec), "-o", str(out)]) == 0
    for lang, expected in (("en", en_line), ("ru", ru_line), ("kk", kk_line)):
        assert ("Note PlaceDate", expected) in docx_paragraphs(out / f"note.{lang}.docx")
