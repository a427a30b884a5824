"""Dates, times and GMT offsets in the three languages, every month written out."""
from __future__ import annotations

import datetime as dt

import pytest

from verbale.grammar import en, kk, ru

NB = "\u00a0"
MONTHS = [  # (month, English, Russian genitive, Kazakh, Kazakh locative)
    (1, "January", "января", "қаңтар", "қаңтарда"),
    (2, "February", "февраля", "ақпан", "ақпанда"),
    (3, "March", "марта", "наурыз", "наурызда"),
    (4, "April", "апреля", "сәуір", "сәуірде"),
    (5, "May", "мая", "мамыр", "мамырда"),
    (6, "June", "июня", "маусым", "маусымда"),
    (7, "July", "июля", "шілде", "шілдеде"),
    (8, "August", "августа", "тамыз", "тамызда"),
    (9, "September", "сентября", "қыркүйек", "қыркүйекте"),
    (10, "October", "октября", "қазан", "қазанда"),
    (11, "November", "ноября", "қараша", "қарашада"),
    (12, "December", "декабря", "желтоқсан", "желтоқсанда"),
]


@pytest.mark.parametrize("month, english, russian, kazakh, kazakh_locative", MONTHS)
def test_every_month(month, english, russian, kazakh, kazakh_locative):
    day = dt.date(2021, month, 23)
    assert en.format_date(day) == f"23{NB}{english} 2021"
    assert ru.format_date(day) == f"23{NB}{russian} 2021{NB}г."  # genitive month, no-break space before г.
    assert kk.format_date(day) == f"2021{NB}жылғы 23{NB}{kazakh}"   # not CLDR's «2021 ж.»
    assert kk.inflect(kk.format_date(day), "loc") == f"2021{NB}жылғы 23{NB}{kazakh_locative}"


@pytest.mark.parametrize("hour, minute, english, russian, kazakh", [
    (14, 0, "14:00", "14:00", "14.00"), (9, 5, "09:05", "09:05", "09.05"), (16, 5, "16:05", "16:05", "16.05")])
def test_times(hour, minute, english, russian, kazakh):
    time = dt.time(hour, minute)
    assert (en.format_time(time), ru.format_time(time), kk.format_time(time)) == (english, russian, kazakh)


@pytest.mark.parametrize("minutes, english, russian, kazakh", [
    (300, "GMT+5 hours", "GMT+5 часов", "GMT+5 сағат"),
    (360, "GMT+6 hours", "GMT+6 часов", "GMT+6 сағат"),
    (60, "GMT+1 hour", "GMT+1 час", "GMT+1 сағат"),
    (120, "GMT+2 hours", "GMT+2 часа", "GMT+2 сағат"),
    (330, "GMT+5:30", "GMT+5:30", "GMT+5:30"),      # New Delhi: fractional offsets print H:MM alone
    (270, "GMT+4:30", "GMT+4:30", "GMT+4:30"),      # Kabul
    (210, "GMT+3:30", "GMT+3:30", "GMT+3:30"),      # Tehran
    (-300, "GMT−5 hours", "GMT−5 часов", "GMT−5 сағат"),  # New York in winter: a minus sign U+2212
    (0, "GMT", "GMT", "GMT"),
])
def test_offsets(minutes, english, russian, kazakh):
    assert (en.format_offset(minutes), ru.format_offset(minutes), kk.format_offset(minutes)) == (
        english, russian, kazakh)


def test_tzdata_knows_kazakhstans_move_to_utc_plus_5():
    """tzdata 2024a or later: Asia/Almaty moved from UTC+6 to UTC+5 on 1 March 2024."""
    import tzdata

    from verbale.facts.zones import localize, offset_minutes

    assert tzdata.IANA_VERSION >= "2024a"
    assert offset_minutes(localize(dt.datetime(2024, 2, 29, 12), "Asia/Almaty")) == 360
    assert offset_minutes(localize(dt.datetime(2024, 3, 1, 12), "Asia/Almaty")) == 300


@pytest.mark.parametrize("zone, start, minutes", [
    ("Asia/Almaty", dt.datetime(2021, 9, 24, 14), 360), ("Asia/Almaty", dt.datetime(2026, 9, 24, 14), 300),
    ("Europe/Vienna", dt.datetime(2026, 1, 15, 16, 5), 60), ("Europe/Vienna", dt.datetime(2026, 7, 15, 16), 120),
    ("Asia/Kolkata", dt.datetime(2026, 1, 15, 10), 330), ("Asia/Tehran", dt.datetime(2026, 1, 15, 10), 210),
    ("Asia/Kabul", dt.datetime(2026, 1, 15, 10), 270), ("America/New_York", dt.datetime(2026, 1, 15, 10), -300),
])
def test_offset_in_force_on_the_date(zone, start, minutes):
    from verbale.facts.zones import localize, offset_minutes

    assert offset_minutes(localize(start, zone)) == minutes


def test_daylight_saving_gap_is_an_error_naming_meeting_start():
    from verbale.errors import SpecError
    from verbale.facts.zones import localize

    with pytest.raises(SpecError) as error:
        localize(dt.datetime(2026, 3, 29, 2, 30), "Europe/Vienna")
    assert error.value.field == "meeting.start" and "does not exist" in error.value.problem


@pytest.mark.parametrize("month", range(1, 13))
def test_dates_agree_with_cldr_through_babel(month):
    """The month names are CLDR's (kept in the cache); the patterns are CLDR's "d MMMM y" but for Kazakh."""
    from babel.dates import format_date

    day = dt.date(2024, month, 9)
    assert en.format_date(day) == format_date(day, "d\u00a0MMMM y", locale="en_GB")
    assert ru.format_date(day) == format_date(day, "d\u00a0MMMM y", locale="ru") + "\u00a0г."
    assert kk.format_date(day).endswith(format_date(day, "MMMM", locale="kk"))


def test_plural_categories_are_cldrs():
    from babel import Locale

    for n in range(0, 130):
        assert ru.count(n, {"one": "1", "few": "2", "many": "5", "other": "x"}).endswith(
            {"one": "1", "few": "2", "many": "5", "other": "x"}[Locale.parse("ru").plural_form(n)])
