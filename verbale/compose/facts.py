"""Facts beyond one meeting (NOTE-SPEC §6): dates, periods, refs and amounts, each rendered once per language.

In a text, ``{{ dates.deadline }}`` is a :class:`Fact`: ``str()`` gives its usual form, attributes give the
forms of the language (Russian ``{{ refs.their_note.gen }}``) and the Kazakh case filters work on it
(``{{ refs.their_note | dat }}``, ``{{ dates.deadline | attr }}``).  The words around a ref (the kind of
document, "No.", "signed at") are formulas in ``locales/<lang>/formulas.yaml``.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..errors import GrammarError, NoteError, SpecError, TemplateError
from ..facts.spec import NoteSpec, Period, Ref
from ..facts.termbase import Termbase
from ..grammar import grammar_for
from ..grammar.kk import SINCE, UNTIL, attributive
from .texts import render_text

RUSSIAN_CASES = ("nom", "gen", "dat", "acc", "ins", "prep")
# A language whose text gives no number of a ref takes it from the language written in the same script.
NUMBER_FALLBACK = {"kk": "ru", "ru": "kk"}
GROUPS = ("dates", "periods", "refs", "amounts")


@dataclass(frozen=True)
class Fact:
    """One fact in one language: ``str()`` is its usual form; ``.gen`` or ``| dat`` its other forms."""

    name: str
    lang: str
    text: str
    forms: Mapping[str, str] = field(default_factory=dict)      # forms written out (a Russian ref's cases)
    inflect: Callable[[str, str], str] | None = None           # (text, case) -> form, by rule
    nominal: bool = True       # has a noun phrase (a period with one end has none: «from 1 January 2020»)

    def form(self, case: str) -> str:
        if case in self.forms:
            return self.forms[case]
        if case == "nom" and not self.nominal:
            raise TemplateError(f"{self.name} has no noun phrase in {self.lang}: a period with one end only reads "
                                "as a time adverbial", hint=f"write {{{{ {self.name} }}}} without `| nom`")
        if case == "nom":
            return self.text
        if self.inflect is None:
            raise TemplateError(f"{self.name} has no '{case}' form in {self.lang}",
                                hint=f"forms: {', '.join(['nom', *self.forms]) }")
        try:
            return self.inflect(self.text, case)
        except GrammarError as exc:
            raise TemplateError(f"{self.name} has no '{case}' form in {self.lang}: {exc.problem}",
                                hint=exc.hint or "write the words around it by hand") from None

    def __getattr__(self, case: str) -> str:
        if case.startswith("_"):
            raise AttributeError(case)
        return self.form(case)

    def __str__(self) -> str:
        return self.text


class FactGroup:
    """``dates.deadline`` in a text: the facts of one kind, by key (a hyphen is written as an underscore)."""

    def __init__(self, group: str, facts: Mapping[str, Callable[[], Fact]]):
        self._group, self._facts = group, facts

    def __getitem__(self, key: str) -> Fact:
        make = self._facts.get(key) or self._facts.get(key.replace("_", "-"))
        if make is None:
            known = ", ".join(sorted(self._facts)) or "none"
            raise TemplateError(f"no {self._group} '{key}' in the spec",
                                hint=f"add it under `{self._group}:` (known: {known})")
        return make()

    def __getattr__(self, key: str) -> Fact:
        if key.startswith("_"):
            raise AttributeError(key)
        return self[key]


def kazakh_form(possessive: bool = False) -> Callable[[str, str], str]:
    """Kazakh case forms by the suffix engine; ``attr`` is the attributive form.  A span ending in «дейін» is an
    adverbial phrase: only its attributive form (``… дейінгі``) exists; one from a day on («… бастап») has none."""
    kk = grammar_for("kk")

    def inflect(text: str, case: str) -> str:
        if text.endswith(SINCE):
            raise GrammarError(f"a period from a day on («… {SINCE}») has no '{case}' form",
                               hint="write the words around it (… бастап күшіне енеді), or give the period `to:`")
        if case == "attr":
            return attributive(text, possessive)
        if text.endswith(UNTIL):
            raise GrammarError("a span 'from … to' takes no case suffix", hint="use `| attr` or write the words")
        return kk.inflect(text, case, possessive)
    return inflect


def _same_in_every_case(text: str, case: str) -> str:
    """A Russian date in figures reads the same in every case («к 12 мая», «до 12 мая»)."""
    if case not in RUSSIAN_CASES:
        raise GrammarError(f"unknown case '{case}'", hint=f"Russian cases: {', '.join(RUSSIAN_CASES)}")
    return text


def _date_fact(name: str, lang: str, value: dt.date, options: dict) -> Fact:
    text = grammar_for(lang).format_date(value, **options)
    inflect = {"ru": _same_in_every_case, "kk": kazakh_form()}.get(lang)
    return Fact(name, lang, text, inflect=inflect)


def period_text(period: Period, lang: str, options: dict) -> str:
    grammar = grammar_for(lang)
    if period.until is not None:
        return grammar.format_until(period.until, **options)
    if period.end is None:
        return grammar.format_since(period.start, **options)
    return grammar.format_period(period.start, period.end, **options)


def _period_fact(name: str, lang: str, period: Period, options: dict) -> Fact:
    """A period reads as a time adverbial in every language; ``| nom`` (``.nom``) gives its noun phrase (NOTE-SPEC
    §6).  A Kazakh period within one month («… 8–18 наурыз аралығында») takes its case suffixes on the noun phrase
    («… 8–18 наурызда», ``| attr``: «… 8–18 наурыздағы»)."""
    text = period_text(period, lang, options)
    if period.until is not None or period.end is None:
        return Fact(name, lang, text, inflect=kazakh_form() if lang == "kk" else None, nominal=False)
    nom = grammar_for(lang).format_period_nom(period.start, period.end, **options)
    if lang != "kk":
        return Fact(name, lang, text, forms={"nom": nom})
    within_month = (period.start.year, period.start.month) == (period.end.year, period.end.month)
    return Fact(name, lang, text, forms={"nom": nom},
                inflect=lambda _, case: kazakh_form()(nom if within_month else text, case))


def _amount_fact(name: str, lang: str, amount, formulas: dict, spelling: str | None) -> Fact:
    text = grammar_for(lang).format_amount(amount.value, amount.currency, formulas.get("currencies"), spelling=spelling)
    if lang == "ru":
        return Fact(name, lang, text, forms={"acc": text})
    # a name of several words is a possessive compound (АҚШ доллары: АҚШ долларына); one word is not (еуро)
    several = len(text.rsplit("\u00a0", 1)[-1].split()) > 1
    return Fact(name, lang, text, inflect=kazakh_form(several) if lang == "kk" else None)


def ref_number(ref: Ref, lang: str, field: str) -> str:
    """The number as printed in ``lang``: one for all, or per language (Kazakh and Russian share a script)."""
    number = ref.number
    if number is None or isinstance(number, str):
        return number or ""
    for candidate in (lang, NUMBER_FALLBACK.get(lang)):
        value = getattr(number, candidate, None) if candidate else None
        if value:
            return value
    raise SpecError(f"the {lang} number is missing", field=f"{field}.number.{lang}",
                    hint="write the number for every language, or one number for all")


def title_without_kind(title: str, kind: str, side: str) -> str:
    """A title the clerk began (en, ru) or ended (kk: ``side`` is the formulas' ``kind_in_title``) with the kind's
    word loses it, so the formula's kind, in its case, is not written twice.

    >>> title_without_kind("Agreement on Cooperation", "Agreement", "start")
    'on Cooperation'
    >>> title_without_kind("Ынтымақтастық туралы келісім", "келісім", "end")
    'Ынтымақтастық туралы'
    >>> title_without_kind("on Cooperation", "Agreement", "start"), title_without_kind("Agreements", "Agreement", "start")
    ('on Cooperation', 'Agreements')
    """
    words, kind_words = title.split(" "), kind.casefold().split()
    size = len(kind_words)
    if side == "start" and [w.casefold() for w in words[:size]] == kind_words:
        return " ".join(words[size:])
    if side == "end" and len(words) >= size and [w.casefold() for w in words[-size:]] == kind_words:
        return " ".join(words[:-size])
    return title


def _ref_fact(name: str, lang: str, ref: Ref, spec: NoteSpec, termbase: Termbase, options: dict) -> Fact:
    field = f"refs.{name.split('.', 1)[1]}"
    formulas = termbase.formulas[lang]["refs"]
    kind = formulas["kinds"][ref.kind]
    on = ref.date or spec.date
    title = getattr(ref.title, lang, None) if ref.title is not None else None
    title = title_without_kind(" ".join((title or "").split()), kind["nom"], formulas.get("kind_in_title", "start"))
    context = {
        "kind": kind["nom"], "number_label": kind.get("number_label", formulas.get("number_label", "№")), "number": ref_number(ref, lang, field),
        "date": grammar_for(lang).format_date(ref.date, **options) if ref.date else "",
        "issuer": termbase.term(ref.of, lang, on) if ref.of else "",
        "place": termbase.term(ref.at, lang, on) if ref.at else "",
        "title": title,
    }

    def render(**changes) -> str:
        text = render_text(formulas["ref"], lang, {**context, **changes}, field=f"locales/{lang}/formulas.yaml:refs.ref",
                           trusted=True)
        return " ".join(text.replace("\u00a0", "\x00").split()).replace("\x00", "\u00a0")

    if lang == "ru":
        signed = formulas["signed"][kind["gender"]]
        forms = {case: render(kind=kind[case], signed=signed[case]) for case in RUSSIAN_CASES}
        return Fact(name, lang, forms[formulas.get("default_case", "acc")], forms=forms)
    inflect = kazakh_form(bool(kind.get("possessive"))) if lang == "kk" else None
    return Fact(name, lang, render(), inflect=inflect)


def fact_context(spec: NoteSpec, lang: str, termbase: Termbase, *, spelling: str | None = None,
                 **date_options) -> dict[str, FactGroup]:
    """``dates``, ``periods``, ``refs`` and ``amounts`` for the texts of ``lang``; each fact is rendered when a
    text uses it, so an unused fact cannot fail a note.  The options are the house's (``House.fact_options``):
    the dates' and the English ``spelling`` of currency names."""
    formulas = termbase.formulas[lang]

    def lazy(make, *args):
        return lambda: make(*args)

    return {
        "dates": FactGroup("dates", {k: lazy(_date_fact, f"dates.{k}", lang, v, date_options)
                                     for k, v in spec.dates.items()}),
        "periods": FactGroup("periods", {k: lazy(_period_fact, f"periods.{k}", lang, v, date_options)
                                         for k, v in spec.periods.items()}),
        "refs": FactGroup("refs", {k: lazy(_ref_fact, f"refs.{k}", lang, v, spec, termbase, date_options)
                                   for k, v in spec.refs.items()}),
        "amounts": FactGroup("amounts", {k: lazy(_amount_fact, f"amounts.{k}", lang, v, formulas, spelling)
                                         for k, v in spec.amounts.items()}),
    }


def check_facts(spec: NoteSpec, termbase: Termbase) -> list[NoteError]:
    """Every fact can be rendered in every language of the spec (termbase keys, currencies, numbers)."""
    problems: list[NoteError] = []
    for key, ref in spec.refs.items():
        for attribute, kinds in (("of", ("sender", "recipient", "authority", "body")), ("at", ("place",))):
            if getattr(ref, attribute):
                try:
                    termbase.require(getattr(ref, attribute), kinds, f"refs.{key}.{attribute}")
                except NoteError as exc:
                    problems.append(exc)
    if problems:
        return problems
    for lang in spec.languages:
        for group in fact_context(spec, lang, termbase).values():
            for key in group._facts:
                try:
                    group[key]
                except NoteError as exc:
                    exc.field = exc.field if exc.field and "." in exc.field else f"{group._group}.{key}"
                    problems.append(exc)
    return _unique(problems)


def _unique(problems: list[NoteError]) -> list[NoteError]:
    seen, kept = set(), []
    for problem in problems:
        if str(problem) not in seen:
            seen.add(str(problem))
            kept.append(problem)
    return kept
