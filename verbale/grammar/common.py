"""What every language shares: CLDR plural choice (from babel) and the offset figures.

>>> plural_category(21, "ru"), plural_category(22, "ru"), plural_category(5, "ru")
('one', 'few', 'many')
>>> offset_figures(330), offset_figures(-300), offset_figures(360)
('+5:30', '−5', '+6')
"""
from __future__ import annotations

import sys
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from ..cache import cached, digest, shaped, source_of
from ..errors import GrammarError

NAME_PARTS = ("first", "middle", "last")   # a person's name in the termbase, in the order it is written


@lru_cache(maxsize=None)
def cldr(babel_locale: str) -> dict:
    """The CLDR data the grammar modules use, from babel: month names (format context, wide: the genitive
    «сентября» in Russian) and the plural rule.  The month names and the rule's text are kept in the cache,
    so a cold start need not load babel's locale data.

    >>> cldr("ru")["months"][8], cldr("ru")["plural"](22)
    ('сентября', 'few')
    """
    from babel.plural import PluralRule

    version = Path(find_spec("babel").origin).read_bytes()  # babel/__init__.py carries its version
    key = digest(babel_locale, version, source_of(sys.modules[__name__]))
    data = cached(f"cldr-{babel_locale}", key, lambda: _from_babel(babel_locale), _cldr_shape)
    return {"months": data["months"], "plural": PluralRule(data["plural"])}


def _cldr_shape(value) -> dict:
    shaped(value, {str: ([str], {str: str})})
    if len(value["months"]) != 12 or not isinstance(value["plural"], dict):
        raise ValueError("not CLDR data")
    return value


def _from_babel(babel_locale: str) -> dict:
    from babel import Locale
    from babel.dates import get_month_names

    locale = Locale.parse(babel_locale)
    months = get_month_names("wide", "format", locale)
    return {"months": [months[m] for m in range(1, 13)], "plural": dict(locale.plural_form.rules)}


def month_name(month: int, babel_locale: str) -> str:
    return cldr(babel_locale)["months"][month - 1]


def plural_category(n: int, babel_locale: str) -> str:
    """The CLDR plural category of ``n``: one, few, many or other."""
    return cldr(babel_locale)["plural"](n)


def choose_plural(n: int, forms: Mapping[str, str], babel_locale: str) -> str:
    """The noun form for ``n`` by CLDR category (``other`` when a category is not written out).

    >>> choose_plural(2, {"one": "час", "few": "часа", "many": "часов"}, "ru")
    'часа'
    """
    category = plural_category(n, babel_locale)
    form = forms.get(category, forms.get("other"))
    if form is None:
        raise GrammarError(f"no '{category}' form for {n}", hint=f"forms given: {', '.join(forms)}")
    return form


def person_nom(forms: Mapping, gender: str | None = None) -> dict:
    """A person named by position and name, the position first (Russian, Kazakh: «советник Посольства Айгерим
    Сейтказиева», «Елшіліктің кеңесшісі Айгерім Сейтқазиева»): the forms to add to the entry's.

    >>> person_nom({"position": "Посол", "name": "Ерлан Асанов"})
    {'nom': 'Посол Ерлан Асанов'}
    """
    return {"nom": " ".join(part for part in (forms.get("position"), forms.get("name")) if part)}


def capfirst(text) -> str:
    """The first letter raised where a sentence or a line starts with a name or a phrase: ``the Ministry`` ->
    ``The Ministry``, «ссылаясь на …» -> «Ссылаясь на …»; the rest is left as written.

    >>> capfirst("the Ministry"), capfirst("The Secretariat"), capfirst("ссылаясь на ноту"), capfirst("")
    ('The Ministry', 'The Secretariat', 'Ссылаясь на ноту', '')
    """
    text = str(text)
    return text[:1].upper() + text[1:]


def nominative(value) -> str:
    """``{{ periods.fair | nom }}``: a fact's noun phrase (its ``nom`` form), in every language (NOTE-SPEC §6);
    a plain string is its own nominative."""
    form = getattr(value, "form", None)
    return form("nom") if callable(form) else str(value)


def offset_figures(minutes: int) -> str:
    """A GMT offset as figures: whole hours alone, otherwise H:MM; a negative one with the minus sign U+2212
    (GOST R 7.0.97-2016 and Russian typography write a minus, not a hyphen, before a figure)."""
    sign = "\u2212" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours}" if rest == 0 else f"{sign}{hours}:{rest:02d}"


def gmt_offset(minutes: int, unit: Mapping[str, str], babel_locale: str) -> str:
    """``GMT+6 hours``: whole hours take the unit word in CLDR plural; fractional offsets print H:MM alone.

    >>> gmt_offset(60, {"one": "hour", "other": "hours"}, "en"), gmt_offset(0, {}, "en")
    ('GMT+1 hour', 'GMT')
    """
    if minutes == 0:
        return "GMT"
    figures = offset_figures(minutes)
    if minutes % 60:
        return f"GMT{figures}"
    return f"GMT{figures} {choose_plural(abs(minutes) // 60, unit, babel_locale)}"


def no_case(text: str, case: str, lang: str) -> str:
    """Languages whose case forms cannot be built by rule: the nominative only."""
    if case in ("nom", "nominative"):
        return text
    raise GrammarError(f"the {case} form cannot be built by rule in {lang}",
                       hint="write the form into the termbase")


def amount(value, currency: str, babel_locale: str, names: Mapping[str, Mapping[str, str]] | None = None) -> str:
    """A sum of money: the figures grouped by CLDR (``50,000``; ``50 000`` with a no-break space in ru and kk), a
    no-break space, and the currency's CLDR display name in the plural form the sum takes.  ``names`` (from
    locales/<lang>/formulas.yaml) replaces CLDR's name where diplomatic usage differs, by CLDR plural category.
    A whole sum has no decimals; one with a fraction has the currency's own number of them (``sum_value``).

    >>> amount(50000, "USD", "en_GB"), amount(1, "USD", "en_GB"), amount(50000, "USD", "kk")
    ('50,000\\xa0US dollars', '1\\xa0US dollar', '50\\xa0000\\xa0АҚШ доллары')
    >>> amount("1500.5", "EUR", "en_GB"), amount("1500.5", "EUR", "ru")
    ('1,500.50\\xa0euros', '1\\xa0500,50\\xa0евро')
    """
    from babel import Locale
    from babel.numbers import format_decimal, get_currency_name, list_currencies  # only notes with amounts need it

    if currency not in list_currencies():
        raise GrammarError(f"unknown currency '{currency}'", hint="use an ISO 4217 code such as USD, EUR, KZT")
    value = sum_value(value, currency)
    places = max(0, -value.as_tuple().exponent) if isinstance(value, Decimal) else 0
    whole = Locale.parse(babel_locale).decimal_formats[None].pattern.split(".")[0]   # #,##0: CLDR's grouping
    figures = format_decimal(value, format=whole + ("." + "0" * places if places else ""), locale=babel_locale)
    override = (names or {}).get(currency)
    name = (choose_plural(value, override, babel_locale) if override
            else get_currency_name(currency, count=value, locale=babel_locale))
    return f"{figures}\u00a0{name}"


def sum_value(value, currency: str) -> int | Decimal:
    """A sum as it is written: a whole sum as an integer (``50 000``, NOTE-SPEC §6); a sum with a fraction with
    the currency's number of decimals by CLDR (``1500.50`` euros, ``1.500`` Kuwaiti dinars), or more where more
    are given, so no figure is lost.

    >>> sum_value(Decimal("1500.5"), "EUR"), sum_value(Decimal("50000.00"), "USD"), sum_value(Decimal("2.5"), "JPY")
    (Decimal('1500.50'), 50000, Decimal('2.5'))
    """
    from babel.numbers import get_currency_precision

    value = value if isinstance(value, Decimal) else Decimal(str(value))
    if value == value.to_integral_value():
        return int(value)
    places = max(get_currency_precision(currency), -value.normalize().as_tuple().exponent)
    return value.quantize(Decimal(1).scaleb(-places))
