"""The house's date options reach every grammar's format_date (NOTE-SPEC §7), with the expected text written out."""
from __future__ import annotations

import datetime as dt

import pytest

from verbale.grammar import grammar_for

NBSP = "\u00a0"


@pytest.mark.parametrize("lang, options, expected, rule", [
    ("en", {}, f"23{NBSP}September 2021", "British order, CLDR en_GB 'd MMMM y' (seeds)"),
    ("en", {"date_order": "month-day"}, f"September{NBSP}23, 2021", "US order, CLDR en_US 'MMMM d, y'"),
    ("en", {"date_order": "month-day"}, f"September{NBSP}23, 2021", "5 FAH-1 H-325.1: month, day, year"),
    ("en", {"year_word": "long"}, f"23{NBSP}September 2021", "English has no year word"),
    ("ru", {}, f"23{NBSP}сентября 2021{NBSP}г.", "seeds: «2021 г.»"),
    ("ru", {"year_word": "long"}, f"23{NBSP}сентября 2021{NBSP}года", "ministries' notes: «2021 года»"),
    ("ru", {"date_order": "month-day"}, f"23{NBSP}сентября 2021{NBSP}г.", "Russian has one order"),
    ("kk", {}, f"2021{NBSP}жылғы 23{NBSP}қыркүйек", "official usage"),
    ("kk", {"date_order": "month-day", "year_word": "long"}, f"2021{NBSP}жылғы 23{NBSP}қыркүйек", "Kazakh has one form"),
])
def test_format_date_options(lang, options, expected, rule):
    assert grammar_for(lang).format_date(dt.date(2021, 9, 23), **options) == expected, rule


@pytest.mark.parametrize("lang, expected", [
    ("en", f"March{NBSP}1, 2024"), ("ru", f"1{NBSP}марта 2024{NBSP}года"), ("kk", f"2024{NBSP}жылғы 1{NBSP}наурыз")])
def test_single_digit_day(lang, expected):
    assert grammar_for(lang).format_date(dt.date(2024, 3, 1), date_order="month-day", year_word="long") == expected
