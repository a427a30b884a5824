"""Facts beyond one meeting (NOTE-SPEC §6): dates, periods, refs and amounts, each rendered once per language.

In a text, ``{{ dates.deadline }}`` is a :class:`Fact`: ``str()`` gives its usual form, attributes give the
forms of the language (Russian ``{{ refs.their_note.gen }}``) and the Kazakh case filters work on it
(``{{ refs.their_note | dat }}``, ``{{ dates.deadline | attr }}``).  The words around a ref (the kind of
document, "No.", "signed at") are formulas in ``locales/<lang>/formulas.yaml``.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import replace, dataclass, field

from ..errors import GrammarError, NoteError, SpecError, TemplateError
from ..facts.spec import NoteSpec, Period, Ref
from ..facts.termbase import Termbase
from ..grammar import grammar_for
from ..grammar.common import month_name
from ..grammar.kk import SINCE, UNTIL, attributive
from .formulas import formula_source, kind_formulas, lookup
from .texts import render_text

RUSSIAN_CASES = ("nom", "gen", "dat", "acc", "ins", "prep")
# A language whose text gives no number of a ref takes it from the language written in the same script.
NUMBER_FALLBACK = {"kk": "ru", "ru": "kk"}
GROUPS = ("dates", "periods", "refs", "amounts")
VARIANTS = ("this_year", "numeric")   # the filters that write a date (or a ref's date) another way
RANGE = re.compile(r"(?<=\d)–(?=\d)")   # the en dash between the ends of a range of days: 18–26


class FactText(str):
    """One form of a fact (``refs.x.gen``), which still knows its fact, so that ``| this_year`` after it writes
    the same form of the fact's variant: ``{{ refs.x.gen | this_year }}``, ``{{ refs.x | dat | numeric }}``."""

    fact: "Fact"
    case: str

    def __new__(cls, text: str, fact: "Fact", case: str):
        made = super().__new__(cls, text)
        made.fact, made.case = fact, case
        return made

    def variant(self, name: str, *args) -> "FactText":
        return self.fact.variant(name, *args).form(self.case)


@dataclass(frozen=True)
class Fact:
    """One fact in one language: ``str()`` is its usual form; ``.gen`` or ``| dat`` its other forms;
    ``| this_year`` and ``| numeric`` (NOTE-SPEC §10) its variants, for a date and a ref."""

    name: str
    lang: str
    text: str
    forms: Mapping[str, str] = field(default_factory=dict)      # forms written out (a Russian ref's cases)
    inflect: Callable[[str, str], str] | None = None           # (text, case) -> form, by rule
    variants: Mapping[str, Callable[..., "Fact"]] = field(default_factory=dict, compare=False)
    nominal: bool = True       # has a noun phrase (a period with one end has none: «from 1 January 2020»)

    def variant(self, name: str, *args) -> "Fact":
        """The fact written another way (``this_year``, ``numeric``), if its kind has that way."""
        make = self.variants.get(name)
        if make is None:
            group = self.name.split(".")[0]
            kinds = "dates, periods and refs" if name == "this_year" else "dates and refs"
            raise TemplateError(f"{self.name}: | {name} is for {kinds}, not {group}",
                                hint=f"write {{{{ dates.x | {name} }}}} or {{{{ refs.x | {name} }}}}")
        return make(*args)

    def form(self, case: str) -> str:
        return FactText(self._form(case), self, case)

    def _form(self, case: str) -> str:
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


NUMERIC_YEAR = "\u00a0ж."   # the end of a Kazakh date in figures (locales/kk/README.md)


def kazakh_form(possessive: bool = False) -> Callable[[str, str], str]:
    """Kazakh case forms by the suffix engine; ``attr`` is the attributive form.  A span ending in «дейін» is an
    adverbial phrase: only its attributive form (``… дейінгі``) exists; one from a day on («… бастап») has none."""
    kk = grammar_for("kk")

    def inflect(text: str, case: str) -> str:
        if text.endswith(NUMERIC_YEAR):   # 18.03.1996 ж.: «ж.» stands for the attributive «жылғы» itself
            if case in ("attr", "loc"):
                return text
            raise GrammarError("a date in figures takes no case suffix", hint="write the date in words")
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


def date_variant(value: dt.date, lang: str, name: str, style: str | None, note_date: dt.date, formulas,
                 options: dict) -> str | None:
    """A date written another way by the formulas ``dates.this_year`` and ``dates.numeric``; None where it is
    written as usual (``this_year`` for a date of another year than the note's)."""
    if name == "this_year" and value.year != note_date.year:
        return None
    if style not in (None, "yy", "yyyy"):
        raise TemplateError(f"| {name}('{style}'): unknown style", hint="write | numeric or | numeric('yy')")
    grammar = grammar_for(lang)
    context = {"day": value.day, "month": month_name(value.month, grammar.BABEL_LOCALE),
               "year": value.strftime("%y") if style == "yy" else value.year, "dd": f"{value.day:02d}",
               "mm": f"{value.month:02d}", "yy": value.strftime("%y"), "date_order": options.get("date_order"),
               "year_word": getattr(grammar, "YEAR_WORDS", {}).get(options.get("year_word", "short"), "")}
    source = formulas(f"dates.{name}")
    return render_text(source, lang, context, field=f"formulas.dates.{name}", trusted=True)


def _date_fact(name: str, lang: str, value: dt.date, options: dict, note_date: dt.date | None = None,
               formulas=None, text: str | None = None) -> Fact:
    text = text or grammar_for(lang).format_date(value, **options)
    inflect = {"ru": _same_in_every_case, "kk": kazakh_form()}.get(lang)

    def variant(variant_name: str):
        def make(style: str | None = None) -> Fact:
            written = date_variant(value, lang, variant_name, style, note_date, formulas, options)
            return _date_fact(name, lang, value, options, note_date, formulas, written) if written else fact
        return make

    fact = Fact(name, lang, text, inflect=inflect,
                variants={v: variant(v) for v in VARIANTS} if formulas is not None else {})
    return fact


def period_text(period: Period, lang: str, options: dict) -> str:
    grammar = grammar_for(lang)
    if period.until is not None:
        return grammar.format_until(period.until, **options)
    if period.end is None:
        return grammar.format_since(period.start, **options)
    return grammar.format_period(period.start, period.end, **options)


def _period_fact(name: str, lang: str, period: Period, options: dict, dash: str = "en",
                 note_date: dt.date | None = None, formulas=None) -> Fact:
    """A period reads as a time adverbial in every language; ``| nom`` (``.nom``) gives its noun phrase (NOTE-SPEC
    §6).  A Kazakh period within one month («… 8–18 наурыз аралығында») takes its case suffixes on the noun phrase
    («… 8–18 наурызда», ``| attr``: «… 8–18 наурыздағы»).  ``| this_year``: a period within the note's own year
    names its year as the formula ``dates.this_year`` does (с 2 по 5 марта с.г.)."""
    fact = _period_words(name, lang, period, options)
    if note_date is not None and formulas is not None:
        def this_year(*_):
            written = _period_this_year(fact, lang, period, options, note_date, formulas)
            return with_range_dash(written) if dash == "hyphen" else written
        fact = replace(fact, variants={"this_year": this_year})
    return with_range_dash(fact) if dash == "hyphen" else fact


def _year_words(lang: str, value: dt.date, options: dict, note_date: dt.date, formulas) -> tuple[str, str]:
    """How a date of the note's year writes its year as usual and by ``dates.this_year``: the parts where the
    two forms of the date differ (ru «2025 г.» / «с.г.», en "2025" / "this year", kk «2025» / «ағымдағы»)."""
    usual = grammar_for(lang).format_date(value, **options)
    this = date_variant(value, lang, "this_year", None, note_date, formulas, options) or usual
    start = 0
    while start < min(len(usual), len(this)) and usual[start] == this[start]:
        start += 1
    end = 0
    while end < min(len(usual), len(this)) - start and usual[-1 - end] == this[-1 - end]:
        end += 1
    return usual[start:len(usual) - end], this[start:len(this) - end]


def _period_this_year(fact: Fact, lang: str, period: Period, options: dict, note_date: dt.date, formulas) -> Fact:
    """The period with its year written as of the note's own year, if both its ends are in it (and the year is
    written once); else as usual, as ``| this_year`` leaves a date of another year."""
    ends = [d for d in (period.start, period.end, period.until) if d is not None]
    if any(d.year != note_date.year for d in ends):
        return fact
    old, new = _year_words(lang, ends[-1], options, note_date, formulas)
    if not old or fact.text.count(old) != 1:
        return fact
    swap = lambda text: text.replace(old, new) if text.count(old) == 1 else text  # noqa: E731
    inflect = fact.inflect
    return Fact(fact.name, fact.lang, swap(fact.text), {case: swap(form) for case, form in fact.forms.items()},
                (lambda text, case: swap(inflect(text, case))) if inflect else None, {}, fact.nominal)


def _period_words(name: str, lang: str, period: Period, options: dict) -> Fact:
    text = period_text(period, lang, options)
    if period.until is not None or period.end is None:
        return Fact(name, lang, text, inflect=kazakh_form() if lang == "kk" else None, nominal=False)
    nom = grammar_for(lang).format_period_nom(period.start, period.end, **options)
    if lang != "kk":
        return Fact(name, lang, text, forms={"nom": nom})
    within_month = (period.start.year, period.start.month) == (period.end.year, period.end.month)
    return Fact(name, lang, text, forms={"nom": nom},
                inflect=lambda _, case: kazakh_form()(nom if within_month else text, case))


def with_range_dash(fact: Fact) -> Fact:
    """The fact with a hyphen between the ends of a range of days (house ``range_dash: hyphen``: 18-26 November),
    in its text and in every form."""
    inflect = fact.inflect
    return Fact(fact.name, fact.lang, RANGE.sub("-", fact.text),
                {case: RANGE.sub("-", form) for case, form in fact.forms.items()},
                (lambda text, case: RANGE.sub("-", inflect(text, case))) if inflect else None, fact.variants,
                fact.nominal)


FIGURES_THEN_NAME = re.compile(r"^([\d\u00a0\u202f,.' ]*\d)\u00a0(.+)$")


def currency_names(formulas: Mapping) -> dict:
    """The currency names of formulas.yaml by plural category (a currency's ``symbol`` is not a name)."""
    names = {code: {k: v for k, v in forms.items() if k != "symbol"}
             for code, forms in (formulas.get("currencies") or {}).items() if isinstance(forms, Mapping)}
    return {code: forms for code, forms in names.items() if forms}


def currency_symbol(code: str, lang: str, formulas: Mapping) -> str:
    """The currency as the house writes it abbreviated: formulas.yaml's ``symbol``, else CLDR's (US$, €)."""
    own = (formulas.get("currencies") or {}).get(code)
    if isinstance(own, Mapping) and own.get("symbol"):
        return own["symbol"]
    from babel.numbers import get_currency_symbol

    return get_currency_symbol(code, locale=grammar_for(lang).BABEL_LOCALE)


def _amount_fact(name: str, lang: str, amount, formulas: dict, spelling: str | None, currency: str = "name",
                 termbase=None) -> Fact:
    text = grammar_for(lang).format_amount(amount.value, amount.currency, currency_names(formulas), spelling=spelling)
    if currency == "symbol":
        figures = FIGURES_THEN_NAME.match(text).group(1)
        symbol = currency_symbol(amount.currency, lang, formulas)
        text = render_text(formula_source(termbase, lang, "amounts.symbol"), lang,
                           {"figures": figures, "symbol": symbol, "name": text}, field="formulas.amounts.symbol",
                           trusted=True)
        return Fact(name, lang, text, forms={"acc": text} if lang == "ru" else {})
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


def _ref_date(lang: str, text: str):
    """A ref's date for its formula: in Kazakh a fact, so that ``| attr`` keeps a date in figures as it is
    (``18.03.1996 ж.``); elsewhere the text."""
    return Fact("date", lang, text, inflect=kazakh_form()) if lang == "kk" and text else text


class ShortName:
    """An issuer named by its short name (house ``issuer: short``: «ноты Посольства N …»): the ``short`` form,
    and its cases as written (``short_gen``) or derived (Russian by pymorphy3, Kazakh by the suffix rules)."""

    def __init__(self, term):
        self._term = term

    def __getattr__(self, case: str) -> str:
        if case.startswith("_"):
            raise AttributeError(case)
        return self.form(case)

    def form(self, case: str) -> str:
        term, short = self._term, str(self._term.form("short"))
        written = term.forms.get(f"short_{case}")
        if case in ("nom", "short") or written:
            return written or short
        if term.lang == "ru":
            from ..grammar.ru import inflect_phrase
            return inflect_phrase(short, case)
        if term.lang == "kk":
            from ..grammar.kk import inflect, looks_possessive
            possessive = term.forms.get("short_possessive", looks_possessive(short))
            return inflect(short, case, bool(possessive))
        return short

    def __str__(self) -> str:
        return self.form("nom")


def possessive_pronoun(issuer, formulas: Mapping, field: str) -> str:
    """A ref's issuer as the possessive pronoun of ``refs.its`` in formulas.yaml: its Note, «его ноту», «оның …
    нотасы».  The key is a person's gender, else the gender of the name's head noun where the language's grammar
    tells it (Russian: «Миссия» → «ее»), else ``n``; a ``pronoun:`` written in the termbase wins (ЮНЕСКО: «ее»)."""
    written = issuer.forms.get("pronoun")
    if isinstance(written, str) and written:
        return written
    table = formulas.get("its") or {}
    gender = issuer.gender if issuer.gender in ("m", "f") else None
    if gender is None:
        tell = getattr(grammar_for(issuer.lang), "phrase_gender", None)
        gender = tell(str(issuer.form("nom"))) if tell else "n"
    if gender == "":
        raise TemplateError(f"'{issuer.key}' is named {issuer.form('nom')} in {issuer.lang}, an abbreviation: the "
                            "pronoun takes its head word's gender, which its letters do not tell",
                            field=f"{field}.issuer",
                            hint=f"write `pronoun: ее` (or его, их) in '{issuer.key}' of termbase/{issuer.lang}/"
                                 "terms.yaml (ПРООН — Программа: ее), or name the issuer (issuer: full)")
    pronoun = table.get(gender) or table.get("n")
    if not pronoun:
        raise TemplateError(f"no possessive pronoun for 'issuer: pronoun' in {issuer.lang}", field=f"{field}.issuer",
                            hint=f"add refs.its ({gender}: …) to locales/{issuer.lang}/formulas.yaml, or name the "
                                 "issuer (issuer: full)")
    return pronoun


def addressee_refs(termbase: Termbase, lang: str, kind: str) -> Mapping | None:
    """The kind's own ``refs`` (formulas.yaml, ``kinds.<kind>.refs``) where it names its addressee in the second
    person: ``its`` (a word, or in Russian a table by the ref kind's gender and case) and, in Kazakh, ``kind_form``
    (the ref kind's form with the second-person possessive: «нотаңыз»).  None for a kind that says nothing."""
    tables = kind_formulas(termbase, lang, kind)
    own = lookup(tables[0], "refs") if len(tables) > 1 else None
    return own if isinstance(own, Mapping) and own.get("its") else None


def _ref_fact(name: str, lang: str, ref: Ref, spec: NoteSpec, termbase: Termbase, options: dict, house=None,
              date_text: str | None = None) -> Fact:
    field = f"refs.{name.split('.', 1)[1]}"
    formulas = termbase.formulas[lang]["refs"]
    kind = formulas["kinds"].get(ref.kind)
    if kind is None:
        raise TemplateError(f"no ref kind '{ref.kind}' in {lang}", field=f"{field}.kind",
                            hint=f"known: {', '.join(sorted(formulas['kinds']))}; an office adds its own under refs.kinds "
                                 "in its formulas.yaml")
    on = ref.date or spec.date
    title = getattr(ref.title, lang, None) if ref.title is not None else None
    title = title_without_kind(" ".join((title or "").split()), kind["nom"], formulas.get("kind_in_title", "start"))
    label = house.ref_label(ref.kind, lang) if house is not None else None
    issuer = termbase.term(ref.of, lang, on) if ref.of else ""
    naming = ref.issuer or getattr(house, "issuer", "full")
    if issuer and naming == "short":
        issuer = ShortName(issuer)
    # a kind that speaks to its addressee (a personal note: "Excellency, … I") calls the addressee's note "your Note",
    # «Вашу ноту», «Сіздің … нотаңызды»: its own refs.its (and, in Kazakh, the kind noun's second-person form)
    yours = addressee_refs(termbase, lang, spec.kind) if issuer and naming == "pronoun" else None
    its = yours["its"] if yours else possessive_pronoun(issuer, formulas, field) if issuer and naming == "pronoun" else ""
    if yours and yours.get("kind_form"):
        if not kind.get(yours["kind_form"]):
            raise TemplateError(f"no '{yours['kind_form']}' form of the ref kind '{ref.kind}' in {lang}",
                                field=f"{field}.issuer", hint=f"add it under refs.kinds.{ref.kind} in "
                                f"locales/{lang}/formulas.yaml, or name the issuer (issuer: full)")
        kind = {**kind, "nom": kind[yours["kind_form"]], "possessive": False}
    context = {
        "kind": kind["nom"], "number": ref_number(ref, lang, field),
        "number_label": label if label is not None else kind.get("number_label", formulas.get("number_label", "№")),
        "date": _ref_date(lang, date_text if date_text is not None else (
            grammar_for(lang).format_date(ref.date, **options) if ref.date else "")),
        "issuer": issuer,
        "its": its,   # the issuer as a possessive pronoun (`issuer: pronoun`); a formula that ignores it names it
        "place": termbase.term(ref.at, lang, on) if ref.at else "",
        "title": title,
        "words": {**(formulas.get("words") or {}), **kind},
    }

    def render(**changes) -> str:
        text = render_text(formulas["ref"], lang, {**context, **changes}, field=f"locales/{lang}/formulas.yaml:refs.ref",
                           trusted=True)
        return " ".join(text.replace("\u00a0", "\x00").split()).replace("\x00", "\u00a0")

    def variant(variant_name: str):
        def make(style: str | None = None) -> Fact:
            if ref.date is None:
                return fact
            written = date_variant(ref.date, lang, variant_name, style, spec.date,
                                   lambda n: formula_source(termbase, lang, n, house), options)
            return _ref_fact(name, lang, ref, spec, termbase, options, house, written) if written else fact
        return make

    variants = {v: variant(v) for v in VARIANTS}
    if lang == "ru":
        signed = formulas["signed"][kind["gender"]]
        forms = {case: render(kind=kind[case], signed=signed[case],
                              **({"its": its[kind["gender"]][case]} if isinstance(its, Mapping) else {}))
                 for case in RUSSIAN_CASES}
        fact = Fact(name, lang, forms[formulas.get("default_case", "acc")], forms=forms, variants=variants)
        return fact
    inflect = kazakh_form(bool(kind.get("possessive"))) if lang == "kk" else None
    fact = Fact(name, lang, render(), inflect=inflect, variants=variants)
    return fact


def fact_context(spec: NoteSpec, lang: str, termbase: Termbase, house=None) -> dict[str, FactGroup]:
    """``dates``, ``periods``, ``refs`` and ``amounts`` for the texts of ``lang``; each fact is rendered when a
    text uses it, so an unused fact cannot fail a note.  They follow the house's conventions (``House``): the
    dates', the English spelling of currency names, ``currency``, ``range_dash``, ``issuer`` and the labels of
    cited numbers."""
    formulas = termbase.formulas[lang]
    options = house.date_options() if house is not None else {}
    spelling = getattr(house, "spelling", None)

    def dated(name: str):
        return formula_source(termbase, lang, name, house)

    def lazy(make, *args):
        return lambda: make(*args)

    return {
        "dates": FactGroup("dates", {k: lazy(_date_fact, f"dates.{k}", lang, v, options, spec.date, dated)
                                     for k, v in spec.dates.items()}),
        "periods": FactGroup("periods", {k: lazy(_period_fact, f"periods.{k}", lang, v, options,
                                                 getattr(house, "range_dash", "en"), spec.date, dated)
                                         for k, v in spec.periods.items()}),
        "refs": FactGroup("refs", {k: lazy(_ref_fact, f"refs.{k}", lang, v, spec, termbase, options, house)
                                   for k, v in spec.refs.items()}),
        "amounts": FactGroup("amounts", {k: lazy(_amount_fact, f"amounts.{k}", lang, v, formulas, spelling,
                                                 getattr(house, "currency", "name"), termbase)
                                         for k, v in spec.amounts.items()}),
    }


def check_facts(spec: NoteSpec, termbase: Termbase, house=None) -> list[NoteError]:
    """Every fact can be rendered in every language of the spec (termbase keys, currencies, numbers)."""
    problems: list[NoteError] = []
    for key, ref in spec.refs.items():
        if ref.issuer == "pronoun":
            problem = _pronoun_problem(spec, key, ref)
            if problem:
                problems.append(problem)
        for attribute, kinds in (("of", ("sender", "recipient", "authority", "body")), ("at", ("place",))):
            if getattr(ref, attribute):
                try:
                    termbase.require(getattr(ref, attribute), kinds, f"refs.{key}.{attribute}")
                except NoteError as exc:
                    problems.append(exc)
    if problems:
        return problems
    for lang in spec.languages:
        for group in fact_context(spec, lang, termbase, house).values():
            for key in group._facts:
                try:
                    group[key]
                except NoteError as exc:
                    exc.field = exc.field if exc.field and "." in exc.field else f"{group._group}.{key}"
                    problems.append(exc)
    return _unique(problems)


def _pronoun_problem(spec: NoteSpec, key: str, ref: Ref) -> NoteError | None:
    """``issuer: pronoun`` ("its Note", «его ноту») names the note's one addressee, the office named just before
    it: a ref without ``of``, or of anyone else, or a note to several recipients, would name the wrong one."""
    field = f"refs.{key}.issuer"
    if ref.of is None:
        return SpecError("'pronoun' needs the ref's issuer", field=field, hint=f"add of: to refs.{key}")
    if spec.distribution or list(spec.recipients) != [ref.of]:
        addressees = ", ".join(spec.recipients) if not spec.distribution else "each recipient of the distribution"
        return SpecError(f"'pronoun' writes \"its Note\" for the note's one addressee, and {ref.of} is not it "
                         f"(recipients: {addressees or 'none'})", field=field,
                         hint="name the issuer (issuer: full or short), or address the note to it alone")
    return None


def _unique(problems: list[NoteError]) -> list[NoteError]:
    seen, kept = set(), []
    for problem in problems:
        if str(problem) not in seen:
            seen.add(str(problem))
            kept.append(problem)
    return kept
