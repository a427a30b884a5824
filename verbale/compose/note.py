"""Compose each language's note from the spec, the termbase, the formulas and the layout.

The result is a list of finished strings per element; the DOCX step only places them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import NoteError, SpecError, TermbaseError
from ..grammar import grammar_for
from ..facts.termbase import Termbase, default_termbase
from ..facts.spec import MAX_TEXT, NoteSpec
from .texts import render_text
from ..grammar.typography import control_characters, typeset
from ..facts.zones import localize, offset_minutes, zone

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
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

    def __str__(self) -> str:
        return self.when


class TermLookup:
    """``terms['soc'].gen`` inside a text: any termbase entry, on the note's date."""

    def __init__(self, termbase: Termbase, lang: str, on: dt.date):
        self._termbase, self._lang, self._on = termbase, lang, on

    def __getitem__(self, key: str):
        self._termbase.require(key, ("sender", "recipient", "authority", "body", "place"), "terms")
        return self._termbase.term(key, self._lang, self._on)

    def __getattr__(self, key: str):
        if key.startswith("_"):
            raise AttributeError(key)
        return self[key.replace("_", "-")]


def _formula(termbase: Termbase, lang: str, name: str, context: dict, **extra) -> str:
    source = termbase.formulas[lang]
    for part in name.split("."):
        source = source[part]
    return render_text(source, lang, {**context, **extra}, field=f"locales/{lang}/formulas.yaml:{name}", trusted=True)


def meeting_facts(spec: NoteSpec, lang: str, termbase: Termbase) -> MeetingFacts | None:
    meeting = spec.meeting
    if meeting is None:
        return None
    grammar = grammar_for(lang)
    time_of = meeting.time_of or spec.place
    zone_key = meeting.zone or termbase.entries[time_of].get("zone")
    moment = localize(meeting.start, zone_key, meeting.ambiguous)
    place = termbase.term(time_of, lang, meeting.start.date())
    parts = {"date": grammar.format_date(meeting.start.date()), "time": grammar.format_time(meeting.start.time()),
             "offset": grammar.format_offset(offset_minutes(moment)), "place": place}
    parts["zone"] = _formula(termbase, lang, "meeting.zone", parts)
    parts["when"] = _formula(termbase, lang, "meeting.when", parts)
    return MeetingFacts(body=termbase.term(meeting.body, lang, meeting.start.date()),
                        format=termbase.formulas[lang]["meeting"]["format"][meeting.format],
                        start=meeting.start, **parts)


def text_context(spec: NoteSpec, lang: str, recipients: list[str], termbase: Termbase) -> dict:
    """The names a per-language text may use."""
    on = spec.date
    context = {
        "number": spec.number,
        "date": grammar_for(lang).format_date(on),
        "place": termbase.term(spec.place, lang, on),
        "sender": termbase.term(spec.sender, lang, on),
        "recipients": termbase.terms(recipients, lang, on),
        "on_behalf_of": termbase.term(spec.on_behalf_of, lang, on) if spec.on_behalf_of else "",
        "terms": TermLookup(termbase, lang, on),
    }
    facts = meeting_facts(spec, lang, termbase)
    if facts is not None:
        context["meeting"] = facts
    return context


def _user_text(source: str | None, lang: str, context: dict, field: str) -> str:
    bad = control_characters(source or "")
    if bad:
        raise SpecError(f"the text holds control characters ({', '.join(bad[:3])})", field=field,
                        hint="delete them; Word cannot open a file that holds them")
    text = " ".join(render_text(source or "", lang, context, field=field).split())
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


def render_note(spec: NoteSpec, lang: str, recipients: list[str] | None = None,
                termbase: Termbase | None = None) -> Note:
    """The note in ``lang``, addressed to ``recipients`` (default: the spec's)."""
    termbase = termbase or default_termbase()
    recipients = spec.recipients if recipients is None else recipients
    context = text_context(spec, lang, recipients, termbase)
    purpose = _user_text(getattr(spec.purpose, lang), lang, context, f"purpose.{lang}").rstrip()
    if purpose.endswith("."):
        purpose = purpose[:-1]
    continuation = _user_text(getattr(spec.continuation, lang, None), lang, context, f"continuation.{lang}")
    paragraphs = [_user_text(getattr(p, lang), lang, context, f"paragraphs[{i}].{lang}")
                  for i, p in enumerate(spec.paragraphs)]
    has_recipients = bool(recipients)
    sentences = {**context, "purpose": purpose, "continuation": continuation}
    values = {
        "M": MARK,
        "letterhead": context["sender"].letterhead,
        "number_line": _formula(termbase, lang, "number", context),
        "urgency": termbase.formulas[lang]["urgency"].get(spec.urgency, ""),
        "opening": _formula(termbase, lang, "opening", sentences),
        "paragraphs": paragraphs,
        "enclosure": _enclosure_lines(spec, lang, context, termbase),
        "closing": _formula(termbase, lang, "closing", context) if has_recipients else "",
        "place_date": _formula(termbase, lang, "place_date", context),
        "addressee": context["recipients"].address if has_recipients else [],
    }
    elements = _elements(_layout().render(values), lang)
    return Note(lang=lang, number=spec.number, date=spec.date, elements=elements,
                title=typeset(_formula(termbase, lang, "title", context), lang),
                author=str(context["sender"]), emblem=termbase.emblem(spec.sender))


def _names_in_every_language(termbase: Termbase, key: str, languages, field: str) -> None:
    """A termbase entry the spec uses has names in each language of the note (a group: each member)."""
    for member in termbase.members(key):
        for lang in languages:
            if member not in termbase.forms.get(lang, {}):
                raise TermbaseError(f"'{member}' has no {lang} names in the termbase", field=field,
                                    hint=f"add it to locales/{lang}/, or drop {lang} from languages")


def check_references(spec: NoteSpec, termbase: Termbase) -> list[NoteError]:
    """Every termbase key of the spec exists and is of the right kind; every language has its texts."""
    problems: list[NoteError] = []
    checks = [(spec.sender, ("sender",), "sender"), (spec.place, ("place",), "place")]
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


def distribution_keys(spec: NoteSpec, termbase: Termbase) -> list[str]:
    """One note per recipient of the distribution list (groups expanded), in order, without repeats."""
    names = [spec.distribution] if isinstance(spec.distribution, str) else spec.distribution
    keys: list[str] = []
    for name in names:
        keys += [key for key in termbase.members(name) if key not in keys]
    return keys
