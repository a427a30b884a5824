"""The desk's words in the clerk's language: Babel's gettext catalogues, read at run time.

The catalogues are ``locales/<lang>/LC_MESSAGES/verbale.po`` (the gettext layout, so ``pybabel`` and any PO
editor work on them, and the command line's lines can use the same domain later). They are compiled in memory
when first asked for (Babel's read_po and write_mo): no build step, nothing compiled in the repository. English
is the source language; its catalogue only puts the JSON Schema's descriptions into plain words.

The language is the one the clerk chose with the switch (a cookie), else the best of the browser's
Accept-Language, else English.
"""
from __future__ import annotations

import gettext
import io
from functools import lru_cache

from babel import Locale, UnknownLocaleError

from ..data import LOCALES_DIR

LANGUAGES = ("en", "ru", "kk")
DOMAIN = "verbale"
COOKIE = "verbale_desk_lang"


def catalogue_path(lang: str):
    return LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=None)
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``lang`` (its fuzzy entries left out, as msgfmt does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    path = catalogue_path(lang)
    if lang not in LANGUAGES or not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as stream:
        catalog = read_po(stream, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def accepted(header: str) -> list[str]:
    """The languages of an Accept-Language header, best first.

    >>> accepted("kk-KZ,kk;q=0.9,ru;q=0.8,en-US;q=0.5,*;q=0.1")
    ['kk-KZ', 'kk', 'ru', 'en-US']
    >>> accepted("")
    []
    """
    ranked = []
    for position, part in enumerate(header[:500].split(",")):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if tag and tag != "*" and weight > 0 and len(tag) < 36:
            ranked.append((-weight, position, tag))
    return [tag for _, _, tag in sorted(ranked)]


def negotiate(chosen: str | None, accept_language: str) -> str:
    """The desk's language for a request.

    >>> negotiate(None, "ru-RU,ru;q=0.9,en;q=0.8"), negotiate(None, "de, kk;q=0.5"), negotiate("kk", "ru")
    ('ru', 'kk', 'kk')
    >>> negotiate(None, "de-DE")
    'en'
    """
    if chosen in LANGUAGES:
        return chosen
    try:
        found = Locale.negotiate(accepted(accept_language), list(LANGUAGES), sep="-")
    except (UnknownLocaleError, ValueError):
        found = None
    return found if found in LANGUAGES else "en"


class Words:
    """The desk's words in one language: ``_("Save")``, ``_("Saved {name}.", name=...)``."""

    def __init__(self, lang: str):
        self.lang = lang
        self.catalogue = translations(lang)

    def __call__(self, message: str, **values) -> str:
        text = self.catalogue.gettext(message) if message else message
        return text.format(**values) if values else text

    def plural(self, singular: str, plural: str, count: int, **values) -> str:
        text = self.catalogue.ngettext(singular, plural, count)
        return text.format(count=count, **values)


# The words desk.js shows (it reads them from the page, translated)
SCRIPT_WORDS = (
    "You have unsaved changes.",
    "Undo",
    "Removed.",
    "The desk cannot be reached; your changes are kept in this page.",
    "Not composed:",
    "Shown as last composed.",
)
