"""Sums of money (NOTE-SPEC §6): CLDR grouping and currency names in their CLDR plural forms."""
from __future__ import annotations

import pytest

from verbale.errors import GrammarError
from verbale.grammar import en, kk, ru

NB = "\u00a0"


def russian_dollars(n: int) -> str:
    """The Russian rule for a noun after a cardinal (Розенталь, «Справочник по правописанию и стилистике»,
    «Сочетание числительных с существительными»): 1, 21, 101 … доллар; 2–4, 22–24 … доллара; otherwise долларов."""
    if n % 10 == 1 and n % 100 != 11:
        return "доллар США"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "доллара США"
    return "долларов США"


def grouped(n: int, separator: str) -> str:
    return f"{n:,}".replace(",", separator)


@pytest.mark.parametrize("n", range(201))
def test_russian_currency_names_0_to_200(n):
    assert ru.format_amount(n, "USD") == f"{grouped(n, NB)}{NB}{russian_dollars(n)}"


@pytest.mark.parametrize("n", [1000, 1001, 2002, 5000, 11000, 21000, 50000, 100001, 1234562, 1000000, 10**9 + 3,
                               10**12 + 21])
def test_russian_large_sums(n):
    assert ru.format_amount(n, "USD") == f"{grouped(n, NB)}{NB}{russian_dollars(n)}"


@pytest.mark.parametrize("value, english, russian, kazakh", [
    (50000, "50,000 US dollars", "50 000 долларов США", "50 000 АҚШ доллары"),   # NOTE-SPEC §6
    (1, "1 US dollar", "1 доллар США", "1 АҚШ доллары"),
    ("1.5", "1.50 US dollars", "1,50 доллара США", "1,50 АҚШ доллары"),        # CLDR: a fraction takes «доллара»
    (0, "0 US dollars", "0 долларов США", "0 АҚШ доллары"),
])
def test_dollars_in_three_languages(value, english, russian, kazakh):
    from decimal import Decimal

    amount = Decimal(value) if isinstance(value, str) else value
    got = [en.format_amount(amount, "USD"), ru.format_amount(amount, "USD"), kk.format_amount(amount, "USD")]
    assert [text.replace(NB, " ") for text in got] == [english, russian, kazakh]
    # no line break inside the figures or between them and the currency: 50 000 долларов
    assert all(NB in text.split(" ")[0] for text in got) and all(" " not in text.split(NB)[0] for text in got)


@pytest.mark.parametrize("currency, forms, english, russian, kazakh", [
    # locales/<lang>/formulas.yaml `currencies:` replaces CLDR where usage differs (the tenge)
    ("KZT", {"en": {"other": "tenge"}, "ru": {"other": "тенге"}, "kk": {"other": "теңге"}},
     "2,500 tenge", "2 500 тенге", "2 500 теңге"),
    ("EUR", {}, "2,500 euros", "2 500 евро", "2 500 еуро"),
])
def test_currency_names_and_overrides(currency, forms, english, russian, kazakh):
    got = [grammar.format_amount(2500, currency, {currency: forms[lang]} if forms else None)
           for lang, grammar in (("en", en), ("ru", ru), ("kk", kk))]
    assert [g.replace(NB, " ") for g in got] == [english, russian, kazakh]


def test_unknown_currency():
    with pytest.raises(GrammarError, match="unknown currency 'XYZ'"):
        ru.format_amount(5, "XYZ")


@pytest.mark.parametrize("value, currency, english, russian, kazakh", [
    # rule: a sum with a fraction has the currency's own number of decimals (CLDR currency digits, babel
    # get_currency_precision: EUR 2, KWD 3); a whole sum has none (NOTE-SPEC §6: 50,000 US dollars)
    ("1500.50", "EUR", "1,500.50 euros", "1 500,50 евро", "1 500,50 еуро"),
    ("1500.5", "EUR", "1,500.50 euros", "1 500,50 евро", "1 500,50 еуро"),
    ("0.5", "USD", "0.50 US dollars", "0,50 доллара США", "0,50 АҚШ доллары"),
    ("1500.00", "EUR", "1,500 euros", "1 500 евро", "1 500 еуро"),
    ("50000", "USD", "50,000 US dollars", "50 000 долларов США", "50 000 АҚШ доллары"),
    ("12.5", "KWD", "12.500 Kuwaiti dinars", "12,500 кувейтского динара", "12,500 Кувейт динары"),
    # more decimals than the currency's are kept, never rounded away; a currency with none keeps the fraction given
    ("10.125", "USD", "10.125 US dollars", "10,125 доллара США", "10,125 АҚШ доллары"),
    ("2.5", "JPY", "2.5 Japanese yen", "2,5 японской иены", "2,5 Жапония иенасы"),
])
def test_decimals_of_a_sum(value, currency, english, russian, kazakh):
    from decimal import Decimal

    got = [grammar.format_amount(Decimal(value), currency) for grammar in (en, ru, kk)]
    assert [text.replace(NB, " ") for text in got] == [english, russian, kazakh]
