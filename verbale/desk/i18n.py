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

from babel import UnknownLocaleError, negotiate_locale

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
        found = negotiate_locale(accepted(accept_language), list(LANGUAGES), sep="-")
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


# -- what the catalogues must hold ------------------------------------------------------------------------------

def _template_messages(folder) -> set[str]:
    """Every ``_("…")`` of the desk's templates, read with Jinja's own parser."""
    from jinja2 import Environment, nodes

    env = Environment()
    found = set()
    for path in sorted(folder.glob("*.html")):
        for call in env.parse(path.read_text(encoding="utf-8")).find_all(nodes.Call):
            if isinstance(call.node, nodes.Name) and call.node.name == "_" and call.args \
                    and isinstance(call.args[0], nodes.Const) and isinstance(call.args[0].value, str):
                found.add(call.args[0].value)
    return found


def _python_messages(folder) -> set[str]:
    """Every ``words("…")`` of the desk's Python modules (implicit concatenation folded by the parser)."""
    import ast

    found = set()
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("words", "_") \
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                found.add(node.args[0].value)
    return found


def schema_messages(schema: dict) -> set[str]:
    """The form's labels and help: the JSON Schema's titles (or the names they are made from), descriptions and
    the values of its choices."""
    from .form import widgets

    found = set()

    def walk(widget):
        found.add(widget.title)
        if widget.description:
            found.add(widget.description)
        if widget.kind in ("select",):
            found.update(str(option) for option in widget.options)
        for child in widget.children:
            walk(child)
        if widget.kind == "choice":
            for option in widget.options:
                walk(option)
    for top in widgets(schema):
        walk(top)
    return found


def desk_messages() -> set[str]:
    """Every message the desk shows: what ``_`` and ``words`` are called with, the form's labels and help, the
    register's states, and desk.js's words."""
    from pathlib import Path

    from ..facts.schema import spec_schema
    from ..register.checks import MESSAGES as CHECK_MESSAGES
    from ..register.store import CHANNELS, ISSUED, STATES   # shown in the clerk's words

    here = Path(__file__).resolve().parent
    return (_template_messages(here / "templates") | _python_messages(here) | schema_messages(spec_schema())
            | set(STATES) | {ISSUED} | set(CHANNELS) | set(SCRIPT_WORDS) | set(CHECK_MESSAGES)) - {""}
