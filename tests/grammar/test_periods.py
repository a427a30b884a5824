"""Periods, «until … inclusive», time spans and their Kazakh case forms (NOTE-SPEC §6), swept over every month,
every day and every minute.  The expected words are written out here; the rules are named beside them."""
from __future__ import annotations

import datetime as dt

import pytest

from verbale.grammar import en, kk, ru

NB = "\u00a0"
EN_MONTHS = "January February March April May June July August September October November December".split()
RU_MONTHS = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()
# Kazakh months with their ablative, dative, locative and attributive (locative + -ғы/-гі): the suffix follows
# vowel harmony and the last sound (locales/kk/README.md, «Case suffixes», «Dates in other forms»).
KK_MONTHS = [
    ("қаңтар", "қаңтардан", "қаңтарға", "қаңтарда", "қаңтардағы"),
    ("ақпан", "ақпаннан", "ақпанға", "ақпанда", "ақпандағы"),
    ("наурыз", "наурыздан", "наурызға", "наурызда", "наурыздағы"),
    ("сәуір", "сәуірден", "сәуірге", "сәуірде", "сәуірдегі"),
    ("мамыр", "мамырдан", "мамырға", "мамырда", "мамырдағы"),
    ("маусым", "маусымнан", "маусымға", "маусымда", "маусымдағы"),
    ("шілде", "шілдеден", "шілдеге", "шілдеде", "шілдедегі"),
    ("тамыз", "тамыздан", "тамызға", "тамызда", "тамыздағы"),
    ("қыркүйек", "қыркүйектен", "қыркүйекке", "қыркүйекте", "қыркүйектегі"),
    ("қазан", "қазаннан", "қазанға", "қазанда", "қазандағы"),
    ("қараша", "қарашадан", "қарашаға", "қарашада", "қарашадағы"),
    ("желтоқсан", "желтоқсаннан", "желтоқсанға", "желтоқсанда", "желтоқсандағы"),
]
MONTHS = range(1, 13)


def _next(month: int) -> int:
    return month % 12 + 1


@pytest.mark.parametrize("month", MONTHS)
def test_english_periods_in_every_month(month):
    """Within a month: month and year once; within a year: the year once; across years: full dates."""
    name, following = EN_MONTHS[month - 1], EN_MONTHS[_next(month) - 1]
    assert en.format_period(dt.date(2021, month, 3), dt.date(2021, month, 17)) == f"from 3 to 17{NB}{name} 2021"
    if month < 12:
        assert (en.format_period(dt.date(2021, month, 28), dt.date(2021, month + 1, 2))
                == f"from 28{NB}{name} to 2{NB}{following} 2021")
    assert (en.format_period(dt.date(2020, month, 28), dt.date(2021, _next(month), 2))
            == f"from 28{NB}{name} 2020 to 2{NB}{following} 2021")
    # the house convention date_order: month-day (NOTE-SPEC §7)
    assert (en.format_period(dt.date(2021, month, 3), dt.date(2021, month, 17), date_order="month-day")
            == f"from {name}{NB}3 to 17, 2021")
    assert (en.format_period(dt.date(2020, month, 28), dt.date(2021, _next(month), 2), date_order="month-day")
            == f"from {name}{NB}28, 2020 to {following}{NB}2, 2021")
    assert en.format_until(dt.date(2021, month, 5)) == f"until 5{NB}{name} 2021 inclusive"


@pytest.mark.parametrize("month", MONTHS)
def test_russian_periods_in_every_month(month):
    """«с … по …», both ends included; «до … включительно» (Розенталь, «Справочник по правописанию и стилистике»)."""
    name, following = RU_MONTHS[month - 1], RU_MONTHS[_next(month) - 1]
    assert ru.format_period(dt.date(2021, month, 3), dt.date(2021, month, 17)) == f"с 3 по 17{NB}{name} 2021{NB}г."
    if month < 12:
        assert (ru.format_period(dt.date(2021, month, 28), dt.date(2021, month + 1, 2))
                == f"с 28{NB}{name} по 2{NB}{following} 2021{NB}г.")
    assert (ru.format_period(dt.date(2020, month, 28), dt.date(2021, _next(month), 2))
            == f"с 28{NB}{name} 2020{NB}г. по 2{NB}{following} 2021{NB}г.")
    assert (ru.format_period(dt.date(1934, month, 8), dt.date(1934, month, 18), year_word="long")
            == f"с 8 по 18{NB}{name} 1934{NB}года")
    assert ru.format_until(dt.date(2015, month, 15)) == f"до 15{NB}{name} 2015{NB}г. включительно"


@pytest.mark.parametrize("month", MONTHS)
def test_kazakh_periods_in_every_month(month):
    """Ablative … dative + «дейін»; within one month the days with a dash, the month in the nominative and
    «аралығында» (NOTE-SPEC §6 since v3: every period reads as a time adverbial); «… қоса алғанға дейін» for until
    (locales/kk/README.md, «Ranges»)."""
    name, ablative, _, _, _ = KK_MONTHS[month - 1]
    following = KK_MONTHS[_next(month) - 1]
    assert (kk.format_period(dt.date(1934, month, 8), dt.date(1934, month, 18))
            == f"1934{NB}жылғы 8–18{NB}{name} аралығында")
    assert kk.format_period_nom(dt.date(1934, month, 8), dt.date(1934, month, 18)) == f"1934{NB}жылғы 8–18{NB}{name}"
    if month < 12:
        assert (kk.format_period(dt.date(2021, month, 28), dt.date(2021, month + 1, 2))
                == f"2021{NB}жылғы 28{NB}{ablative} 2{NB}{following[2]} дейін")
    assert (kk.format_period(dt.date(2020, month, 28), dt.date(2021, _next(month), 2))
            == f"2020{NB}жылғы 28{NB}{ablative} 2021{NB}жылғы 2{NB}{following[2]} дейін")
    assert kk.format_since(dt.date(2020, month, 1)) == f"2020{NB}жылғы 1{NB}{ablative} бастап"


@pytest.mark.parametrize("month, forms", list(enumerate(KK_MONTHS, 1)))
def test_kazakh_date_forms_of_every_month(month, forms):
    name, ablative, dative, locative, attributive = forms
    date = kk.format_date(dt.date(2017, month, 12))
    assert date == f"2017{NB}жылғы 12{NB}{name}"
    assert [kk.inflect(date, "abl"), kk.inflect(date, "dat"), kk.inflect(date, "loc"), kk.attributive(date)] == [
        f"2017{NB}жылғы 12{NB}{form}" for form in (ablative, dative, locative, attributive)]


# «сағат 11.30-дан 13.00-ке дейін»: a time takes the suffix of its last word read aloud: the minutes' units, else
# their tens, else (at :00) the hour (locales/kk/README.md, «Numbers in figures»).
KK_UNITS = {1: ("бір", "ден", "ге", "дегі"), 2: ("екі", "ден", "ге", "дегі"), 3: ("үш", "тен", "ке", "тегі"),
            4: ("төрт", "тен", "ке", "тегі"), 5: ("бес", "тен", "ке", "тегі"), 6: ("алты", "дан", "ға", "дағы"),
            7: ("жеті", "ден", "ге", "дегі"), 8: ("сегіз", "ден", "ге", "дегі"), 9: ("тоғыз", "дан", "ға", "дағы")}
KK_TENS = {10: ("он", "нан", "ға", "дағы"), 20: ("жиырма", "дан", "ға", "дағы"), 30: ("отыз", "дан", "ға", "дағы"),
           40: ("қырық", "тан", "қа", "тағы"), 50: ("елу", "ден", "ге", "дегі")}
KK_HOURS = {0: ("нөл", "ден", "ге", "дегі"), **KK_UNITS, **KK_TENS, 11: KK_UNITS[1], 12: KK_UNITS[2], 13: KK_UNITS[3],
            14: KK_UNITS[4], 15: KK_UNITS[5], 16: KK_UNITS[6], 17: KK_UNITS[7], 18: KK_UNITS[8], 19: KK_UNITS[9],
            21: KK_UNITS[1], 22: KK_UNITS[2], 23: KK_UNITS[3]}


def _read_last(hour: int, minute: int) -> tuple[str, str, str, str]:
    if minute == 0:
        return KK_HOURS[hour]
    return KK_UNITS[minute % 10] if minute % 10 else KK_TENS[minute]


@pytest.mark.parametrize("minute", range(60))
def test_kazakh_time_suffixes_at_every_minute(minute):
    for hour in (9, 13):
        time = f"{hour:02d}.{minute:02d}"
        _, ablative, dative, attributive = _read_last(hour, minute)
        assert kk.inflect(time, "abl") == f"{time}-{ablative}"
        assert kk.inflect(time, "dat") == f"{time}-{dative}"
        assert kk.attributive(time) == f"{time}-{attributive}"
    start = dt.time(9, 0)
    assert (kk.format_time_span(start, dt.time(13, minute))
            == f"сағат 09.00-дан 13.{minute:02d}-{_read_last(13, minute)[2]} дейін")


@pytest.mark.parametrize("hour", range(24))
def test_kazakh_time_suffixes_at_every_hour(hour):
    _, ablative, dative, _ = KK_HOURS[hour]
    assert kk.format_time_span(dt.time(hour, 0), dt.time(hour, 30)) == f"сағат {hour:02d}.00-{ablative} {hour:02d}.30-ға дейін"
    assert kk.inflect(f"{hour:02d}.00", "dat") == f"{hour:02d}.00-{dative}"


# «со» before a word beginning with «вт» (со второго), «с» otherwise (Розенталь, § «Предлоги с — со»);
# a day of the month is read as the genitive ordinal: второго, двенадцатого, двадцать второго.
SO_DAYS = {2}


@pytest.mark.parametrize("day", range(1, 32))
def test_russian_from_preposition_for_every_day(day):
    expected = "со" if day in SO_DAYS else "с"
    assert ru.day_preposition(day) == expected
    assert ru.format_period(dt.date(2006, 10, day), dt.date(2006, 12, 5)).startswith(f"{expected} {day}{NB}октября")


@pytest.mark.parametrize("hour", range(24))
def test_russian_time_span_takes_s(hour):
    """Hours are read as genitive cardinals (одиннадцати, двух, семи): none begins with «вт» or «с» + consonant."""
    assert ru.format_time_span(dt.time(hour, 30), dt.time(23, 59)) == f"с {hour:02d}:30 до 23:59"


def test_other_spans():
    assert en.format_time_span(dt.time(11, 30), dt.time(13, 0)) == "from 11:30 to 13:00"
    assert en.format_since(dt.date(2020, 1, 1)) == f"from 1{NB}January 2020"
    assert ru.format_since(dt.date(2020, 1, 2)) == f"со 2{NB}января 2020{NB}г."
    assert kk.format_until(dt.date(2015, 12, 15)) == f"2015{NB}жылғы 15{NB}желтоқсанды қоса алғанға дейін"
    assert kk.attributive(kk.format_until(dt.date(2015, 12, 15))).endswith("қоса алғанға дейінгі")
