"""Cross-language fact check: what a clerk typed into the per-language texts must agree.

Facts the generator renders ({{ meeting.when }} ...) are single-sourced, so their values agree by construction;
but each language must name the same ones: the facts named inside ``{{ }}`` (read by Jinja's own parser) and the
integer literals there are compared, beside what the clerk typed around them: numbers in figures and in words
(cardinal and ordinal, inflected), document symbols, and dates written out. A ref's number written per language is
compared by its figures (the letters may be transliterated).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..grammar.numberwords import numbers_in_words
from ..facts.yamlsource import YamlDoc
from .lint import lint
from .texts import named_values
from .typed import LOOKALIKES, Finding, is_symbol, jinja_spans, symbols, typed_text, without_symbols  # noqa: F401

TIME = re.compile(r"\b(\d{1,2})[.:](\d{2})\b")
# a date in figures, as some offices cite one (NOTE-SPEC §10 `| numeric`): 18.03.1996, 18.03.96 — not a time
NUMERIC_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})\b")
FIGURES = re.compile(r"\d+")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
MONTHS = {
    "en": "january february march april may june july august september october november december",
    "ru": "январ феврал март апрел ма июн июл август сентябр октябр ноябр декабр",
    "kk": "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан",
}
LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "kk": "Kazakh"}
FACT_GROUPS = ("dates", "periods", "refs", "amounts")
# The meeting's facts that state values; `when` gives the date and time (and the end, if the spec has one).
# Names (meeting.body, .place, .zone, .format) are not compared, as typed names are not.
MEETING_VALUES = {"date": ("date",), "time": ("time",), "end": ("end",)}


@lru_cache(maxsize=None)
def _date_pattern(lang: str) -> re.Pattern:
    stems = "|".join(MONTHS[lang].split())
    if lang == "ru":
        return re.compile(rf"\b(\d{{1,2}})\s+({stems})[а-я]*", re.I)
    if lang == "kk":
        return re.compile(rf"\b(\d{{1,2}})\s+({stems})[а-яәғқңөұүһі]*", re.I)
    return re.compile(rf"\b(\d{{1,2}})\s+({stems})\b|\b({stems})\s+(\d{{1,2}})\b", re.I)


def full_year(year: str) -> int:
    """A year of two figures as the century it most likely means (96 -> 1996, 05 -> 2005), so that
    «18.03.96 г.» and "18 March 1996" agree.

    >>> full_year("96"), full_year("05"), full_year("1996")
    (1996, 2005, 1996)
    """
    value = int(year)
    if len(year) == 2:
        return value + (1900 if value >= 50 else 2000)
    return value


def facts(text: str, lang: str) -> set[str]:
    """The facts in one language's text, as comparable strings.

    >>> sorted(facts("Revision 4 of the draft Declaration of the Sixth Meeting (document MM/2021/DRAFT/3/Rev.4)", "en"))
    ['number 4', 'number 6', 'symbol MM/2021/DRAFT/3/Rev.4']
    >>> sorted(facts("Ревизию № 4 проекта Декларации шестой встречи (ММ/2021/DRAFT/3/Rev.4) от 22 сентября", "ru"))
    ['date 22.09', 'number 4', 'number 6', 'symbol MM/2021/DRAFT/3/Rev.4']
    >>> sorted(facts("6-кездесу декларациясы жобасының 4-ші нұсқасын 14.00-те", "kk"))
    ['number 4', 'number 6', 'time 14:00']
    >>> sorted(facts("ссылаясь на ноту N 43-н/Зед от 18.03.96 г.", "ru")), sorted(facts("of 18 March 1996", "en"))
    (['date 18.03', 'number 1996', 'symbol 43-н/Зeд'], ['date 18.03', 'number 1996'])
    """
    found: set[str] = set()
    for symbol in symbols(text):
        found.add("symbol " + symbol.rstrip(".").translate(LOOKALIKES))
    text = without_symbols(text)
    months = MONTHS[lang].split()
    for match in _date_pattern(lang).finditer(text):
        day, month = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        found.add(f"date {int(day):02d}.{months.index(month.lower()) + 1:02d}")
    text = _date_pattern(lang).sub(" ", text)
    for day, month, year in NUMERIC_DATE.findall(text):
        if 1 <= int(day) <= 31 and 1 <= int(month) <= 12:
            found.add(f"date {int(day):02d}.{int(month):02d}")
            found.add(f"number {full_year(year)}")
    text = NUMERIC_DATE.sub(" ", text)
    for hours, minutes in TIME.findall(text):
        found.add(f"time {int(hours):02d}:{minutes}")
    text = TIME.sub(" ", text)
    found |= {f"number {n.lstrip('0') or 0}" for n in FIGURES.findall(text)}  # no int(): 5,000 digits
    found |= {f"number {n}" for n in numbers_in_words(WORD.findall(text), lang)}
    return found


def _fact_names(parts, when: tuple[str, ...]) -> list[str]:
    """The facts a dotted name states, whatever form or filter it asks for (``refs.their_note.gen``)."""
    if len(parts) < 2:
        return []
    if parts[0] in FACT_GROUPS:
        return [f"fact {parts[0]}.{parts[1].replace('-', '_')}"]
    if parts[0] == "meeting":
        return [f"fact meeting.{value}" for value in (when if parts[1] == "when" else MEETING_VALUES.get(parts[1], ()))]
    return []


def named_facts(source: str, when: tuple[str, ...] = ("date", "time"), lang: str = "en") -> set[str]:
    """The facts a text names inside ``{{ }}``, as comparable strings; ``when`` is what ``meeting.when`` states.
    The text is read by Jinja's own parser once, when it is compiled to be rendered in ``lang``
    (``texts.named_values``), not parsed again for the check.

    >>> sorted(named_facts("{{ refs.their_note.gen }} {{ refs['their-note'] | dat }} {{ dates.a }}"))
    ['fact dates.a', 'fact refs.their_note']
    >>> sorted(named_facts("{{ meeting.body.gen }} {{ meeting.when }} {{ 7 | ordinal('accusative', 'f') }}"))
    ['fact meeting.date', 'fact meeting.time', 'number 7']
    >>> sorted(named_facts("{% if dates.a %}{{ 5 | count('hour') }}{% endif %}{{ x[2] }}"))
    ['number 5']
    """
    if "{{" not in source:
        return set()
    found: set[str] = set()
    for kind, value in named_values(source, lang):
        if kind == "name":
            found.update(_fact_names(value, when))
        else:
            found.add(f"number {value}")
    return found


def field_texts(spec, placeholder: str | None = " ") -> dict[str, tuple[tuple, dict[str, str]]]:
    """Each group of per-language texts that must state the same facts: field name -> (path, {lang: text}).
    With ``placeholder=None`` the texts keep their ``{{ facts }}``."""
    languages = spec.languages

    def text(source: str | None) -> str:
        return (source or "") if placeholder is None else typed_text(source, placeholder)

    def texts(*models) -> dict[str, str]:
        return {lang: " ".join(text(line) for m in models if m is not None for line in _lines(getattr(m, lang, None)))
                for lang in languages}

    groups = {"purpose": (("purpose",), texts(spec.purpose, spec.continuation))}
    # NOTE-SPEC §10: the clause of the opening, the heading and the subject state facts like the purpose
    for field, path, model in (("opening.clause", ("opening", "clause"), getattr(spec, "opening_clause", None)),
                               ("heading", ("heading",), getattr(spec, "heading", None)),
                               ("subject", ("subject",), getattr(spec, "subject", None))):
        if model is not None:
            groups[field] = (path, texts(model))
    for index, paragraph in enumerate(spec.paragraphs):
        groups[f"paragraphs[{index}]"] = (("paragraphs", index), texts(paragraph))
    if isinstance(spec.enclosures, list):
        for index, item in enumerate(spec.enclosures):
            groups[f"enclosures[{index}].title"] = (("enclosures", index, "title"), texts(item.title))
    groups.update(agenda_texts(spec, texts))
    return groups


def _lines(value) -> list:
    """A per-language value as its lines: a text, or a heading's list of lines."""
    return value if isinstance(value, list) else [value]


def agenda_texts(spec, texts) -> dict[str, tuple[tuple, dict[str, str]]]:
    """The agenda's texts: each item, and the title if the spec gives one (the heading's facts are generated)."""
    agenda = getattr(spec, "agenda", None)
    if agenda is None:
        return {}
    groups = {f"agenda.items[{index}]": (("agenda", "items", index), texts(item))
              for index, item in enumerate(agenda.items)}
    if agenda.title is not None:
        groups["agenda.title"] = (("agenda", "title"), texts(agenda.title))
    return groups


def spec_dates(spec) -> dict[str, list[str]]:
    """The dates the spec's facts hold, as :func:`facts` finds them typed ("date 12.05"), with the facts' names.

    Facts written through ``{{ }}`` agree by construction; these names let the check say which fact a date
    typed by hand should have been."""
    found: dict[str, list[str]] = {}

    def add(name: str, *days) -> None:
        for day in days:
            if day is not None:
                found.setdefault(f"date {day.day:02d}.{day.month:02d}", []).append(name)

    for key, day in spec.dates.items():
        add(f"dates.{key}", day)
    for key, period in spec.periods.items():
        add(f"periods.{key}", period.start, period.end, period.until)
    for key, ref in spec.refs.items():
        add(f"refs.{key}", ref.date)
    if spec.meeting is not None:
        add("meeting.date", spec.meeting.start.date())
    return found


def _uses(source: str, name: str) -> bool:
    """Does a text name the fact ``name`` inside ``{{ }}`` (``refs.their_note`` for ``refs.their-note``)?"""
    return any(name in source[start:end].replace("_", "-") for start, end in jinja_spans(source))


def _disagreement(doc: YamlDoc, path: tuple, field: str, fact: str, having: list[str], lacking: list[str]) -> Finding:
    return Finding("disagreement", (
        f"{doc.file}:{doc.line_of(path + (lacking[0],))}: {field}: languages disagree: {fact} is in "
        f"{', '.join(having)} but not in {', '.join(lacking)} (check the {LANGUAGE_NAMES[lacking[0]]} text)"))


def disagreements(spec, doc: YamlDoc) -> list[Finding]:
    """One line per fact that some languages state and others do not."""
    if len(spec.languages) < 2:
        return []
    findings = []
    known = spec_dates(spec)
    when = ("date", "time", "end") if spec.meeting is not None and spec.meeting.end is not None else ("date", "time")
    sources = field_texts(spec, placeholder=None)
    for field, (path, texts) in field_texts(spec).items():
        by_language = {lang: facts(text, lang) | named_facts(sources[field][1][lang], when, lang)
                       for lang, text in texts.items()}
        pointed: set[str] = set()  # facts a typed date stands for: said once, as "typed by hand"
        for fact in sorted(set().union(*by_language.values())):  # "date …" before "fact …"
            having = [lang for lang in spec.languages if fact in by_language[lang]]
            lacking = [lang for lang in spec.languages if fact not in by_language[lang]]
            if not lacking or fact in pointed:
                continue
            used = [name for name in known.get(fact, ())
                    if all(_uses(sources[field][1][lang], name) for lang in lacking)]
            if used:
                name = used[0].replace("-", "_")
                pointed.add(f"fact {name}")
                findings.append(Finding("disagreement", (
                    f"{doc.file}:{doc.line_of(path + (having[0],))}: {field}: {fact} is typed by hand in "
                    f"{', '.join(having)} (use {{{{ {name} }}}}, as {', '.join(lacking)} does)")))
                continue
            findings.append(_disagreement(doc, path, field, fact, having, lacking))
    return findings + ref_number_disagreements(spec, doc)


def ref_number_disagreements(spec, doc: YamlDoc) -> list[Finding]:
    """A ref's number written per language must hold the same figures (10663/dvbr beside 10663/двбр)."""
    findings = []
    for key, ref in spec.refs.items():
        if ref.number is None or isinstance(ref.number, str):
            continue
        written = {lang: getattr(ref.number, lang, None) for lang in spec.languages}
        by_language = {lang: {f"number {figures}" for figures in FIGURES.findall(number)}
                       for lang, number in written.items() if number}  # a missing one is taken from another
        languages = [lang for lang in spec.languages if lang in by_language]
        for fact in sorted(set().union(set(), *by_language.values())):
            lacking = [lang for lang in languages if fact not in by_language[lang]]
            if lacking:
                having = [lang for lang in languages if fact in by_language[lang]]
                findings.append(_disagreement(doc, ("refs", key, "number"), f"refs.{key}.number", fact, having, lacking))
    return findings


def findings(spec, notes, doc: YamlDoc, house=None, termbase=None) -> list[Finding]:
    """Everything a reviewer should see: disagreements first, then the language lint (in the house's spelling;
    the spelling of words knowing ``termbase``'s names and word lists, the built-in one by default)."""
    return disagreements(spec, doc) + lint(spec, doc, house, termbase)
