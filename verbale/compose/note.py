"""Compose each language's note from the spec, the termbase, the formulas and the layout.

The result is a list of finished strings per element; the DOCX step only places them.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import NoteError, SpecError, TermbaseError
from ..grammar import grammar_for
from ..facts.house import House, closing_problem, house_for, owed_closing
from ..facts.termbase import Termbase, default_termbase
from ..facts.spec import MAX_TEXT, NoteSpec
from .facts import check_facts, fact_context
from .texts import render_text
from ..grammar.typography import control_characters, typeset
from ..facts.zones import localize, offset_minutes, zone

from ..data import TEMPLATES_DIR
_SPACES = re.compile(r"[ \t\r\n\f\v]+")  # not the no-break spaces of facts (50 000, 12 мая)
MARK = "\x1e"  # starts an element's marker line in the layout; user texts cannot hold control characters


@dataclass(frozen=True)
class Element:
    name: str
    style: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Note:
    lang: str
    number: str
    date: dt.date
    title: str
    author: str
    elements: tuple[Element, ...]
    emblem: bytes | None = None  # the sender's emblem (PNG), above the letterhead
    proofing: str | None = None  # the proofing language when the house sets one (en-US); else the language's
    # NOTE-SPEC §12: the sender's termbase key and whether the last page carries the QR verification mark;
    # a draft's mark (DRAFT / ПРОЕКТ / ЖОБА) for the header of every page
    sender_key: str = ""
    qr: bool = False
    draft_mark: str = ""

    def element(self, name: str) -> Element | None:
        return next((e for e in self.elements if e.name == name), None)


@dataclass(frozen=True)
class MeetingFacts:
    """A meeting's facts in one language, rendered once from the spec so the versions cannot disagree."""

    date: str
    time: str
    zone: str
    when: str
    offset: str
    format: str
    body: object
    place: object
    start: dt.datetime
    end: str = ""          # the end time, with `end:` (meeting.when then gives the span)

    def __str__(self) -> str:
        return self.when


class TermLookup:
    """``terms['soc'].gen`` inside a text: any termbase entry, on the note's date."""

    def __init__(self, termbase: Termbase, lang: str, on: dt.date):
        self._termbase, self._lang, self._on = termbase, lang, on

    def __getitem__(self, key: str):
        self._termbase.require(key, ("sender", "recipient", "authority", "body", "place", "person"), "terms")
        return self._termbase.term(key, self._lang, self._on)

    def __getattr__(self, key: str):
        if key.startswith("_"):
            raise AttributeError(key)
        return self[key.replace("_", "-")]


def formula_source(termbase: Termbase, lang: str, name: str, house: House | None = None) -> str:
    """The named formula (``closing.high``) in ``lang``, as the house's spelling writes it."""
    formulas = termbase.formulas[lang]
    spelled = formulas.get("spelling", {}).get(house.spelling, {}) if house is not None else {}
    if name in spelled:
        return spelled[name]
    source = formulas
    for part in name.split("."):
        source = source[part]
    return source


def _formula(termbase: Termbase, lang: str, name: str, context: dict, house: House | None = None, **extra) -> str:
    source = formula_source(termbase, lang, name, house)
    return render_text(source, lang, {**context, **extra}, field=f"locales/{lang}/formulas.yaml:{name}", trusted=True)


def meeting_facts(spec: NoteSpec, lang: str, termbase: Termbase, house: House | None = None) -> MeetingFacts | None:
    meeting = spec.meeting
    if meeting is None:
        return None
    grammar = grammar_for(lang)
    date_options = (house or House()).date_options()
    time_of = meeting.time_of or spec.place
    zone_key = meeting.zone or termbase.entries[time_of].get("zone")
    moment = localize(meeting.start, zone_key, meeting.ambiguous)
    place = termbase.term(time_of, lang, meeting.start.date())
    parts = {"date": grammar.format_date(meeting.start.date(), **date_options), "time": grammar.format_time(meeting.start.time()),
             "offset": grammar.format_offset(offset_minutes(moment)), "place": place}
    parts["zone"] = _formula(termbase, lang, "meeting.zone", parts)
    if meeting.end is not None:
        parts["end"] = grammar.format_time(meeting.end.time())
        span = grammar.format_time_span(meeting.start.time(), meeting.end.time())
        parts["when"] = _formula(termbase, lang, "meeting.when_span", parts, span=span)
    else:
        parts["when"] = _formula(termbase, lang, "meeting.when", parts)
    return MeetingFacts(body=termbase.term(meeting.body, lang, meeting.start.date()),
                        format=termbase.formulas[lang]["meeting"]["format"][meeting.format],
                        start=meeting.start, **parts)


def text_context(spec: NoteSpec, lang: str, recipients: list[str], termbase: Termbase,
                 house: House | None = None) -> dict:
    """The names a per-language text may use; dates follow the house's conventions."""
    on = spec.date
    house = house or House()
    context = {
        "number": spec.printed_number,
        "date": grammar_for(lang).format_date(on, **house.date_options()),
        "place": termbase.term(spec.place, lang, on),
        "sender": termbase.term(spec.sender, lang, on),
        "recipients": termbase.terms(recipients, lang, on),
        "on_behalf_of": termbase.term(spec.on_behalf_of, lang, on) if spec.on_behalf_of else "",
        "terms": TermLookup(termbase, lang, on),
        **fact_context(spec, lang, termbase, **house.fact_options()),
    }
    facts = meeting_facts(spec, lang, termbase, house)
    if facts is not None:
        context["meeting"] = facts
    return context


def _user_text(source: str | None, lang: str, context: dict, field: str) -> str:
    bad = control_characters(source or "")
    if bad:
        raise SpecError(f"the text holds control characters ({', '.join(bad[:3])})", field=field,
                        hint="delete them; Word cannot open a file that holds them")
    # runs of ordinary white space become one space; a no-break space (5 часов) is kept
    text = _SPACES.sub(" ", render_text(source or "", lang, context, field=field)).strip()
    if len(text) > 2 * MAX_TEXT:
        raise SpecError(f"the text renders to {len(text):,} characters", field=field,
                        hint=f"a text is at most {2 * MAX_TEXT:,} characters once its facts are filled in")
    return text


def _enclosure_lines(spec: NoteSpec, lang: str, context: dict, termbase: Termbase) -> list[str]:
    if spec.enclosures is None:
        return []
    items = spec.enclosures if isinstance(spec.enclosures, list) else None
    label = _formula(termbase, lang, "enclosure_label", context, several=bool(items and len(items) > 1))
    if items is None:
        return [label] + [render_text(line, lang, {**context, "pages": spec.enclosures}, "enclosures", trusted=True)
                          for line in termbase.formulas[lang]["enclosure_as_stated"]]
    lines = [label]
    for index, item in enumerate(items, 1):
        field = f"enclosures[{index - 1}].title.{lang}"
        title = _user_text(getattr(item.title, lang), lang, context, field)
        if not title:
            raise SpecError(f"the {lang} title is missing", field=field, hint="write one title per language")
        lines.append(_formula(termbase, lang, "enclosure_item", context, index=index, title=title, pages=item.pages))
    return lines


@lru_cache(maxsize=None)
def _layout():
    env = ImmutableSandboxedEnvironment(loader=FileSystemLoader(str(TEMPLATES_DIR)), undefined=StrictUndefined,
                                        trim_blocks=False, autoescape=False)
    return env.get_template("note.j2")


def _elements(rendered: str, lang: str) -> tuple[Element, ...]:
    elements, current = [], None
    for line in rendered.split("\n"):
        if line.startswith(MARK):
            name, style = line[1:].split(" ", 1)
            current = (name, style.strip(), [])
            elements.append(current)
        elif line.strip() and current is not None:
            current[2].append(typeset(line, lang))
    return tuple(Element(name, style, tuple(lines)) for name, style, lines in elements if lines)


def closing_variant(spec: NoteSpec, recipients: list[str], termbase: Termbase) -> str:
    """Which closing the note carries: none without recipients (v1); else the spec's own choice, which wins
    because the clerk decides it for this note (answering a note in the closing it used, by reciprocity);
    else what the recipients' entries say they are owed (``closing: high``); else the highest."""
    if not recipients:
        return "none"
    return spec.closing or owed_closing(recipients, termbase.entries)


def _number_line(spec: NoteSpec, lang: str, context: dict, termbase: Termbase, house: House) -> str:
    if not spec.printed_number:
        return ""
    return _formula(termbase, lang, "number", context, house,
                    number_label=house.label(lang), number_suffix=house.suffix(lang))


def registration_marks(termbase: Termbase, lang: str, context: dict, house: House) -> dict:
    """NOTE-SPEC §12: the restriction mark (under the number line) and the executor mark's lines (at the foot)."""
    restriction = ""
    if house.restriction:
        restriction = _formula(termbase, lang, f"restriction.{house.restriction}", context, house)
    executor = []
    if house.executor is not None:
        lines = termbase.formulas[lang]["executor"]
        person = {"name": house.executor.name_in(lang), "phone": house.executor.phone}
        executor = [line for line in (render_text(line, lang, {**context, **person}, "executor", trusted=True)
                                      for line in lines) if line.strip()]
    return {"restriction": restriction, "executor": executor}


def marks_problems(house: House, termbase: Termbase, languages) -> list[NoteError]:
    """A restriction mark the formulas do not name, an executor without a name in a language of the note."""
    problems: list[NoteError] = []
    for lang in languages:
        if house.restriction and house.restriction not in termbase.formulas[lang].get("restriction", {}):
            known = ", ".join(sorted(termbase.formulas[lang].get("restriction", {})))
            problems.append(SpecError(f"'{house.restriction}' is not a restriction mark in {lang}", field="restriction",
                                      hint=f"use one of {known}, or add it under restriction: in "
                                           f"termbase/{lang}/formulas.yaml"))
            break
    if house.executor is not None:
        problems += [SpecError(f"the executor has no {lang} name", field="executor.name",
                               hint="give one name for every language, or one per language")
                     for lang in languages if not house.executor.name_in(lang).strip()]
    return problems


def render_note(spec: NoteSpec, lang: str, recipients: list[str] | None = None,
                termbase: Termbase | None = None, house: House | None = None, draft: bool = False) -> Note:
    """The note in ``lang``, addressed to ``recipients`` (default: the spec's), in the house's conventions
    (default: those of the spec and its sender).  A ``draft`` has no number line and carries the draft mark."""
    termbase = termbase or default_termbase()
    house = house or house_for(spec, termbase)
    recipients = spec.recipients if recipients is None else recipients
    context = text_context(spec, lang, recipients, termbase, house)
    purpose = _user_text(getattr(spec.purpose, lang), lang, context, f"purpose.{lang}").rstrip()
    if purpose.endswith("."):
        purpose = purpose[:-1]
    continuation = _user_text(getattr(spec.continuation, lang, None), lang, context, f"continuation.{lang}")
    paragraphs = [_user_text(getattr(p, lang), lang, context, f"paragraphs[{i}].{lang}")
                  for i, p in enumerate(spec.paragraphs)]
    has_recipients = bool(recipients)
    compliments = has_recipients if spec.compliments is None else spec.compliments and has_recipients
    sentences = {**context, "purpose": purpose, "continuation": continuation, "compliments": compliments,
                 "reference": ""}
    if spec.with_reference_to:
        reference = context["refs"][spec.with_reference_to]
        sentences["reference"] = _formula(termbase, lang, "with_reference_to", context, house, ref=reference)
    action = _formula(termbase, lang, f"opening.{spec.opening}", sentences, house)
    closing = closing_variant(spec, recipients, termbase)
    number_line = "" if draft else _number_line(spec, lang, context, termbase, house)
    values = {
        "M": MARK,
        "letterhead": context["sender"].letterhead,
        "number_line": number_line,
        "urgency": termbase.formulas[lang]["urgency"].get(spec.urgency, ""),
        "opening": _formula(termbase, lang, "opening.sentence", sentences, house, action=action),
        "paragraphs": paragraphs,
        "enclosure": _enclosure_lines(spec, lang, context, termbase),
        "closing": "" if closing == "none" else _formula(
            termbase, lang, "closing.sentence", context, house,
            consideration=formula_source(termbase, lang, f"closing.{closing}", house)),
        "place_date": _formula(termbase, lang, "date_only" if house.date_line == "date-only" else "place_date",
                               context, house),
        "place_date_at": house.place_date,
        "addressee": context["recipients"].address if has_recipients else [],
        **registration_marks(termbase, lang, context, house),
    }
    elements = _elements(_layout().render(values), lang)
    return Note(lang=lang, number="" if draft else spec.printed_number, date=spec.date, elements=elements,
                title=typeset(_formula(termbase, lang, "title", context, house, number_line=number_line), lang),
                author=str(context["sender"]), emblem=termbase.emblem(spec.sender), proofing=house.proofing(lang),
                sender_key=spec.sender, qr=house.qr and not draft and bool(number_line),
                draft_mark=termbase.formulas[lang]["draft"] if draft else "")


def _names_in_every_language(termbase: Termbase, key: str, languages, field: str) -> None:
    """A termbase entry the spec uses has names in each language of the note (a group: each member)."""
    for member in termbase.members(key):
        for lang in languages:
            if member not in termbase.forms.get(lang, {}):
                raise TermbaseError(f"'{member}' has no {lang} names in the termbase", field=field,
                                    hint=f"add it to locales/{lang}/, or drop {lang} from languages")


def check_references(spec: NoteSpec, termbase: Termbase) -> list[NoteError]:
    """Every termbase key of the spec exists and is of the right kind; every language has its texts."""
    problems: list[NoteError] = [
        SpecError("required field is missing", field=name,
                  hint=f"add `{name}:` to the spec, or a default `{name}:` to verbale.yaml of its workspace")
        for name in ("sender", "place") if getattr(spec, name) is None]
    checks = [(key, (name,), name) for key, name in ((spec.sender, "sender"), (spec.place, "place")) if key]
    checks += [(key, ("recipient",), f"recipients[{i}]") for i, key in enumerate(spec.recipients)]
    if spec.on_behalf_of:
        checks.append((spec.on_behalf_of, ("authority", "recipient", "sender"), "on_behalf_of"))
    if spec.meeting and spec.meeting.zone:
        try:
            zone(spec.meeting.zone)
        except NoteError as exc:
            exc.field = "meeting.zone"
            problems.append(exc)
    if spec.meeting:
        checks.append((spec.meeting.body, ("body",), "meeting.body"))
        if spec.meeting.time_of:
            checks.append((spec.meeting.time_of, ("place",), "meeting.time_of"))
    distribution = [spec.distribution] if isinstance(spec.distribution, str) else spec.distribution
    checks += [(key, ("recipient", "group"), f"distribution[{i}]") for i, key in enumerate(distribution)]
    for key, kinds, field in checks:
        try:
            termbase.require(key, kinds, field)
            _names_in_every_language(termbase, key, spec.languages, field)
        except NoteError as exc:
            problems.append(exc)
    problems += _house_problems(spec, termbase, distribution)
    problems += check_facts(spec, termbase)
    # `continuation` may be given for some languages only: it adds the sentences a language needs
    # beyond the opening sentence (the Kazakh seed says in two sentences what English says in one).
    problems += [SpecError(f"the {lang} text is missing", field=f"purpose.{lang}",
                           hint=f"add `{lang}:` under purpose, or drop {lang} from languages")
                 for lang in spec.languages if not (getattr(spec.purpose, lang) or "").strip()]
    for index, paragraph in enumerate(spec.paragraphs):
        problems += [SpecError(f"the {lang} text is missing", field=f"paragraphs[{index}].{lang}",
                               hint="every paragraph needs a text in every language")
                     for lang in spec.languages if not (getattr(paragraph, lang) or "").strip()]
    return problems


def _house_problems(spec: NoteSpec, termbase: Termbase, distribution: list[str]) -> list[NoteError]:
    """Section 7's fields that depend on the termbase: the sender's ``house:``, the closings entries are owed."""
    problems: list[NoteError] = []
    if spec.compliments and not spec.recipients and not distribution:
        problems.append(SpecError("compliments need someone to be presented to", field="compliments",
                                  hint="name the recipients, or drop `compliments: true`"))
    try:
        problems += marks_problems(house_for(spec, termbase), termbase, spec.languages)
    except NoteError as exc:
        exc.field = exc.field or "house"
        problems.append(exc)
    keys = [*spec.recipients, *(k for name in distribution for k in termbase.members(name))]
    problems += [p for key in dict.fromkeys(keys) if (p := closing_problem(key, termbase.entries))]
    return problems


def distribution_keys(spec: NoteSpec, termbase: Termbase) -> list[str]:
    """One note per recipient of the distribution list (groups expanded), in order, without repeats."""
    names = [spec.distribution] if isinstance(spec.distribution, str) else spec.distribution
    keys: list[str] = []
    for name in names:
        keys += [key for key in termbase.members(name) if key not in keys]
    return keys
