"""The one loader of language data: the termbase and the formulas in ``locales/``.

``locales/*.yaml`` hold language-neutral facts (kind, time zone, group members);
``locales/<lang>/*.yaml`` hold each entry's names and grammatical forms in that language,
``locales/<lang>/formulas.yaml`` the formulas of courtesy and the fixed labels.
"""
from __future__ import annotations

import datetime as dt
import difflib
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..cache import cached, digest, shaped, source_of
from ..errors import TermbaseError
from ..grammar import grammar_for
from .yamlsource import FastSafeLoader

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
FORMULAS_FILE = "formulas.yaml"
CONJUNCTION = {"en": "and", "ru": "и", "kk": "және"}
LIST_FORMS = {"letterhead", "address"}


def _parse(contents: dict[str, bytes]) -> tuple[dict, dict, dict]:
    """Neutral entries, forms per language and formulas per language, from the files under locales/."""
    entries: dict = {}
    forms: dict = {}
    formulas: dict = {}
    for name, data in contents.items():
        parsed = yaml.load(data.decode("utf-8"), Loader=FastSafeLoader) or {}
        folder, _, file = name.rpartition("/")
        if not folder:
            entries.update(parsed)
        elif file == FORMULAS_FILE:
            formulas[folder] = parsed
        else:
            forms.setdefault(folder, {}).update(parsed)
    return entries, forms, formulas


def _from_cache(value) -> tuple[dict, dict, dict]:
    entries, forms, formulas = shaped(value, [dict])
    return shaped(entries, {str: dict}), shaped(forms, {str: {str: dict}}), shaped(formulas, {str: dict})


def _forms_on(raw: dict, on: dt.date | None) -> dict:
    """An entry's forms in force on a date: the base forms with any matching ``dated`` override.

    >>> raw = {"nom": "Astana", "dated": [{"from": dt.date(2019, 3, 23), "until": dt.date(2022, 9, 18), "nom": "Nur-Sultan"}]}
    >>> [_forms_on(raw, dt.date(*d))["nom"] for d in [(2019, 3, 22), (2019, 3, 23), (2022, 9, 18), (2022, 9, 19)]]
    ['Astana', 'Nur-Sultan', 'Nur-Sultan', 'Astana']
    """
    forms = {name: value for name, value in raw.items() if name != "dated"}
    for period in raw.get("dated", ()):
        start, end = period.get("from"), period.get("until")
        if on is not None and (start is None or start <= on) and (end is None or on <= end):
            forms.update({name: value for name, value in period.items() if name not in ("from", "until")})
    return forms


@lru_cache(maxsize=8)
def _emblem(path: Path, key: str) -> bytes:
    try:
        data = path.read_bytes()
    except OSError:
        raise TermbaseError(f"the emblem {path} of '{key}' cannot be read", field=key,
                            hint="put the PNG under locales/ or remove `emblem:`") from None
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise TermbaseError(f"the emblem {path} of '{key}' is not a PNG image", field=key, hint="convert it to PNG")
    return data


@dataclass(frozen=True)
class Term:
    """A termbase entry in one language on one date; ``str()`` is the nominative, attributes the other forms."""

    key: str
    lang: str
    forms: dict

    def __getattr__(self, form: str):
        if form.startswith("_"):
            raise AttributeError(form)
        return self.form(form)

    def form(self, form: str):
        value = self.forms.get(form)
        if value is not None:
            return value
        if form == "short":
            return self.forms["nom"]
        if form in LIST_FORMS:
            raise TermbaseError(f"'{self.key}' has no {form} in {self.lang}", field=self.key,
                                hint=f"add `{form}:` to locales/{self.lang}/")
        try:
            return grammar_for(self.lang).inflect(self.forms["nom"], form, self.forms.get("possessive", False))
        except TermbaseError:
            raise
        except Exception as exc:  # GrammarError or an unknown case name
            raise TermbaseError(f"'{self.key}' has no '{form}' form in {self.lang}", field=self.key,
                                hint=f"write `{form}:` into locales/{self.lang}/ for it") from exc

    def __str__(self) -> str:
        return self.forms["nom"]


@dataclass(frozen=True)
class TermList:
    """Several entries joined with the language's 'and', form by form."""

    terms: tuple
    lang: str

    def __getattr__(self, form: str):
        if form.startswith("_"):
            raise AttributeError(form)
        values = [term.form(form) for term in self.terms]
        if form in LIST_FORMS:
            return [line for value in values for line in value]
        return f" {CONJUNCTION[self.lang]} ".join(values)

    def __bool__(self) -> bool:
        return bool(self.terms)

    def __iter__(self):
        return iter(self.terms)

    def __str__(self) -> str:
        return self.nom


class Termbase:
    def __init__(self, root: Path = LOCALES_DIR):
        self.root = root
        files = sorted(root.glob("*.yaml")) + sorted(root.glob("*/*.yaml"))
        contents = {path.relative_to(root).as_posix(): path.read_bytes() for path in files}
        key = digest(source_of(sys.modules[__name__]), *(part for item in contents.items() for part in item))
        self.entries, self.forms, self.formulas = cached("termbase", key, lambda: _parse(contents), _from_cache)
        self.languages = sorted(self.formulas)

    def kind(self, key: str) -> str | None:
        return self.entries.get(key, {}).get("kind")

    def require(self, key: str, kinds: tuple[str, ...], field: str) -> None:
        """Raise a TermbaseError naming the nearest keys unless ``key`` is an entry of one of ``kinds``."""
        if not isinstance(key, str) or key not in self.entries:
            fitting = [k for k, v in self.entries.items() if v.get("kind") in kinds]
            near = difflib.get_close_matches(str(key), fitting, n=3, cutoff=0.5)
            hint = f"did you mean {', '.join(near)}?" if near else f"known: {', '.join(sorted(fitting)[:8])}"
            raise TermbaseError(f"unknown termbase key '{key}'", field=field, hint=hint)
        if self.kind(key) not in kinds:
            raise TermbaseError(f"'{key}' is a {self.kind(key)}, not a {' or '.join(kinds)}", field=field,
                                hint="use a key of the right kind from locales/")

    def emblem(self, key: str) -> bytes | None:
        """The PNG named by an entry's ``emblem:`` (a path under locales/), or None."""
        name = self.entries.get(key, {}).get("emblem")
        if not name:
            return None
        return _emblem(self.root / name, key)

    def members(self, key: str) -> list[str]:
        """A group's members, or the key itself."""
        entry = self.entries.get(key, {})
        return list(entry["members"]) if entry.get("kind") == "group" else [key]

    def term(self, key: str, lang: str, on: dt.date | None = None) -> Term:
        raw = self.forms.get(lang, {}).get(key)
        if raw is None:
            raise TermbaseError(f"'{key}' has no {lang} names", field=key, hint=f"add it to locales/{lang}/")
        return Term(key, lang, _forms_on(raw, on))

    def terms(self, keys, lang: str, on: dt.date | None = None) -> TermList:
        return TermList(tuple(self.term(key, lang, on) for key in keys), lang)


@lru_cache(maxsize=None)
def default_termbase() -> Termbase:
    return Termbase()
