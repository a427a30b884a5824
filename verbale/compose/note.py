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
from ..facts.spec import DEFAULT_KIND, MAX_TEXT, NoteSpec, unfilled_texts
from .facts import check_facts, fact_context
from .formulas import (NO_CLOSING, formula_source, has_formula, layout_name, render_formula, render_variant,
                       variant_names, variant_problem)
from .kinds import kind_problems
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
    kind: str = DEFAULT_KIND   # NOTE-SPEC §11: the document (note-verbale, personal-note, aide-memoire …)

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


def _formula(termbase: Termbase, lang: str, name: str, context: dict, house: House | None = None, *,
             kind: str = DEFAULT_KIND, **extra) -> str:
    return render_formula(termbase, lang, name, context, house, kind=kind, **extra)


def _formula_lines(termbase: Termbase, lang: str, name: str, context: dict, house: House, kind: str) -> list[str]:
    """A formula of the kind that is a text or a list of lines (a signature block, an addressee at the foot),
    rendered line by line; a line that renders to nothing is left out, and so is a formula the kind lacks."""
    if not has_formula(termbase, lang, name, kind):
        return []
    source = formula_source(termbase, lang, name, house, kind)
    lines = [source] if isinstance(source, str) else list(source)
    rendered = (render_text(str(line), lang, context, f"{name}[{index}]", trusted=True)
                for index, line in enumerate(lines))
    return [line for line in rendered if line.strip()]


def addressee_names(recipients: list[str], lang: str, termbase: Termbase, on: dt.date) -> dict:
    """What the formulas know of the one addressee (NOTE-SPEC §11): its entry (``recipient``), and whether it is owed
    Excellency (``excellency: true`` on its entry); ``addressed`` is then the kind's formula of that name."""
    one = recipients[0] if len(recipients) == 1 else None
    return {"recipient": termbase.term(one, lang, on) if one else None,
            "excellency": bool(one and termbase.entries.get(one, {}).get("excellency") is True), "addressed": ""}


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
                        format=formula_source(termbase, lang, f"meeting.format.{meeting.format}"),
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
        **fact_context(spec, lang, termbase, house),
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


def _enclosure_lines(spec: NoteSpec, lang: str, context: dict, termbase: Termbase, house: House,
                     kind: str = DEFAULT_KIND) -> list[str]:
    """The enclosure notation: the ``enclosure_label`` formula, then "as stated" with the pages, or the titled
    enclosures one by one; without page counts where the house says ``enclosure_pages: false``."""
    if spec.enclosures is None:
        return []
    items = spec.enclosures if isinstance(spec.enclosures, list) else None
    with_pages = house.enclosure_pages
    label = _formula(termbase, lang, "enclosure_label", context, house, kind=kind,
                     several=bool(items and len(items) > 1), pages=with_pages)
    if items is None:
        pages = spec.enclosures if with_pages else ""
        lines = formula_source(termbase, lang, "enclosure_as_stated", house, kind)
        lines = [lines] if isinstance(lines, str) else lines
        return [label] + [render_text(line, lang, {**context, "pages": pages}, "enclosures", trusted=True)
                          for line in lines]
    lines = [label]
    for index, item in enumerate(items, 1):
        field = f"enclosures[{index - 1}].title.{lang}"
        title = _user_text(getattr(item.title, lang), lang, context, field)
        if not title:
            raise SpecError(f"the {lang} title is missing", field=field, hint="write one title per language")
        if with_pages and item.pages is None:
            raise SpecError("required field is missing", field=f"enclosures[{index - 1}].pages",
                            hint="write its number of pages, or set `enclosure_pages: false` in the house")
        lines.append(_formula(termbase, lang, "enclosure_item", context, house, kind=kind, index=index, title=title,
                              pages=item.pages if with_pages else "", several=len(items) > 1))
    return lines


@lru_cache(maxsize=None)
def _layout(name: str = "note"):
    """A layout in ``templates/`` by name (``note`` -> ``templates/note.j2``); a document kind names its own.
    Read once a process, like the layout itself (kept here): the templates it imports (``_element.j2``) are
    not looked at on disk again at every note (``auto_reload``, six ``stat`` calls a note)."""
    env = ImmutableSandboxedEnvironment(loader=FileSystemLoader(str(TEMPLATES_DIR)), undefined=StrictUndefined,
                                        trim_blocks=False, autoescape=False, auto_reload=False)
    return env.get_template(f"{name}.j2")


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
    """Which closing the note carries: the spec's own choice, which wins because the clerk decides it for this
    note (answering a note in the closing it used, by reciprocity); else, with recipients, what their entries
    say they are owed (``closing: high``), else the highest; without recipients none (v1), unless the spec
    names one (NOTE-SPEC §10: a closing over no addressee)."""
    if spec.closing is not None:
        return spec.closing
    return owed_closing(recipients, termbase.entries) if recipients else NO_CLOSING


def _number_line(spec: NoteSpec, lang: str, context: dict, termbase: Termbase, house: House) -> str:
    if not spec.printed_number:
        return ""
    return _formula(termbase, lang, "number", context, house, kind=spec.kind,
                    number_label=house.label(lang), number_suffix=house.suffix(lang))


def _subject_line(spec: NoteSpec, lang: str, context: dict, termbase: Termbase, house: House) -> str:
    if spec.subject is None:
        return ""
    subject = _user_text(getattr(spec.subject, lang), lang, context, f"subject.{lang}")
    if not subject:
        return ""
    label = house.subject(lang)
    if label is None:
        label = _formula(termbase, lang, "subject_label", context, house, kind=spec.kind)
    return _formula(termbase, lang, "subject", context, house, kind=spec.kind, label=label, subject=subject)


def _heading_lines(spec: NoteSpec, lang: str, context: dict) -> list[str]:
    if spec.heading is None:
        return []
    lines = spec.heading.lines(lang)
    field = f"heading.{lang}"
    return [_user_text(line, lang, context, f"{field}[{i}]" if len(lines) > 1 else field)
            for i, line in enumerate(lines)]


def _opening(spec: NoteSpec, lang: str, context: dict, recipients: list[str], termbase: Termbase,
             house: House, names: dict | None = None) -> str:
    """The opening sentence: the variant the spec names, with its clause and its reference (NOTE-SPEC §7, §10), in
    the formulas of the spec's kind; ``purpose_as_written`` keeps the text's own last stop (an aide-mémoire prints
    it so).  ``names``: what the kind's formulas know beyond the texts' names (the addressee)."""
    written = _user_text(getattr(spec.purpose, lang), lang, context, f"purpose.{lang}").rstrip()
    purpose = written[:-1] if written.endswith(".") else written
    continuation = _user_text(getattr(spec.continuation, lang, None), lang, context, f"continuation.{lang}")
    clause = spec.opening_clause
    has_recipients = bool(recipients)
    compliments = has_recipients if spec.compliments is None else spec.compliments and has_recipients
    sentence = {**context, **(names or {}), "purpose": purpose, "purpose_as_written": written,
                "continuation": continuation, "compliments": compliments,
                "reference": "", "clause": _user_text(getattr(clause, lang, None), lang, context,
                                                      f"opening.clause.{lang}") if clause else ""}
    if spec.reference is not None:
        key, phrase = spec.reference
        sentence["reference"] = render_variant(termbase, lang, "with_reference_to", phrase, context, house,
                                               kind=spec.kind, ref=context["refs"][key])
    return render_variant(termbase, lang, "opening", spec.opening_action, sentence, house, fallback="honour",
                          kind=spec.kind)


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
    (default: those of the spec and its sender).  A ``draft`` has no number line and carries the draft mark.
    The spec's kind (NOTE-SPEC §11) chooses the formulas (its own first, then the note verbale's) and the layout;
    an element its kind has no formula for (a salutation, a signature) is left out."""
    termbase = termbase or default_termbase()
    house = house or house_for(spec, termbase)
    recipients = spec.recipients if recipients is None else recipients
    kind = spec.kind
    context = text_context(spec, lang, recipients, termbase, house)
    paragraphs = [_user_text(getattr(p, lang), lang, context, f"paragraphs[{i}].{lang}")
                  for i, p in enumerate(spec.paragraphs)]
    names = {**context, **addressee_names(recipients, lang, termbase, spec.date)}
    if has_formula(termbase, lang, "addressed", kind) and names["recipient"] is not None:
        names["addressed"] = _formula(termbase, lang, "addressed", names, house, kind=kind)
    closing = closing_variant(spec, recipients, termbase)
    number_line = "" if draft else _number_line(spec, lang, context, termbase, house)
    date_formula = "date_only" if house.date_line == "date-only" else "place_date"
    values = {
        "M": MARK,
        "letterhead": context["sender"].letterhead,
        "heading": _heading_lines(spec, lang, context),
        "number_line": number_line,
        "subject_line": _subject_line(spec, lang, context, termbase, house),
        "urgency": formula_source(termbase, lang, "urgency", house, kind).get(spec.urgency, ""),
        "document_title": " / ".join(_formula_lines(termbase, lang, "document_title", names, house, kind)),
        "salutation": " ".join(_formula_lines(termbase, lang, "salutation", names, house, kind)),
        "opening": _opening(spec, lang, context, recipients, termbase, house, names),
        "paragraphs": paragraphs,
        "enclosure": _enclosure_lines(spec, lang, context, termbase, house, kind),
        "closing": "" if closing == NO_CLOSING else render_variant(
            termbase, lang, "closing", closing, names, house,
            fallback=owed_closing(recipients, termbase.entries) if recipients else "highest", kind=kind),
        "signature": _formula_lines(termbase, lang, "signature", names, house, kind),
        "place_date": "" if house.place_date == "none" else _formula(termbase, lang, date_formula, context, house,
                                                                     kind=kind),
        "place_date_at": house.place_date,
        "addressee": _addressee(lang, recipients, names, termbase, house, kind),
        "addressee_at": house.addressee,
        "enclosures_at": house.enclosures_at,
        **registration_marks(termbase, lang, context, house),
    }
    elements = _elements(_layout(layout_name(termbase, lang, kind)).render(values), lang)
    return Note(lang=lang, number="" if draft else spec.printed_number, date=spec.date, elements=elements,
                title=typeset(_formula(termbase, lang, "title", context, house, kind=kind, number_line=number_line),
                              lang),
                author=str(context["sender"]), emblem=termbase.emblem(spec.sender), proofing=house.proofing(lang),
                sender_key=spec.sender, qr=house.qr and not draft and bool(number_line),
                draft_mark=termbase.formulas[lang]["draft"] if draft else "", kind=kind)


def _addressee(lang: str, recipients: list[str], names: dict, termbase: Termbase, house: House,
               kind: str) -> list[str]:
    """The addressee block: the kind's ``addressee`` formula (a personal note's name and title at the foot), else
    the recipients' written ``address`` (NOTE-SPEC §2); none without recipients or where the house says none."""
    if not recipients or house.addressee == "none":
        return []
    if has_formula(termbase, lang, "addressee", kind):
        return _formula_lines(termbase, lang, "addressee", names, house, kind)
    return names["recipients"].address


def _names_in_every_language(termbase: Termbase, key: str, languages, field: str) -> None:
    """A termbase entry the spec uses has names in each language of the note (a group: each member)."""
    for member in termbase.members(key):
        for lang in languages:
            if member not in termbase.forms.get(lang, {}):
                raise TermbaseError(f"'{member}' has no {lang} names in the termbase", field=field,
                                    hint=f"add it to {termbase.forms_folder(member, lang)}, or drop {lang} from "
                                         "languages")


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
    if spec.handed_to:
        checks.append((spec.handed_to, ("recipient", "person"), "handed_to"))
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
    problems += kind_problems(spec, termbase)
    problems += _variant_problems(spec, termbase)
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
    texts = [("opening.clause", spec.opening_clause), ("subject", spec.subject), ("heading", spec.heading)]
    problems += [SpecError(f"the {lang} text is missing", field=f"{field}.{lang}",
                           hint=f"write `{field}` in every language of the note, or drop {lang} from languages")
                 for field, texts_of in texts if texts_of is not None
                 for lang in spec.languages if not _has_text(getattr(texts_of, lang))]
    return problems + unfilled_texts(spec)


def _has_text(value) -> bool:
    values = value if isinstance(value, list) else [value]
    return any(isinstance(v, str) and v.strip() for v in values)


def _variant_problems(spec: NoteSpec, termbase: Termbase) -> list[NoteError]:
    """The formula variants the spec names (opening, closing, with_reference_to's phrase, ref kinds) exist in
    every language of the note (NOTE-SPEC §10)."""
    opening_field = "opening" if isinstance(spec.opening, str) else "opening.action"
    checks = [("opening", spec.opening_action, opening_field)]
    if spec.closing is not None:
        checks.append(("closing", spec.closing, "closing"))
    if spec.reference is not None:
        field = "with_reference_to" if isinstance(spec.with_reference_to, str) else "with_reference_to.phrase"
        checks.append(("with_reference_to", spec.reference[1], field))
    problems = [p for group, name, field in checks
                if (p := variant_problem(termbase, spec.languages, group, name, field, spec.kind))]
    for key, ref in spec.refs.items():
        lacking = [lang for lang in spec.languages
                   if ref.kind not in (termbase.formulas.get(lang, {}).get("refs", {}).get("kinds") or {})]
        if lacking:
            known = ", ".join(sorted(termbase.formulas[lacking[0]]["refs"]["kinds"]))
            problems.append(TermbaseError(f"'{ref.kind}' is not a kind of document in {', '.join(lacking)}",
                                          field=f"refs.{key}.kind",
                                          hint=f"known: {known}; an office adds its own under refs.kinds in its "
                                               "formulas.yaml (termbase/<lang>/formulas.yaml)"))
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
    known = sorted(name for name in variant_names(termbase, spec.languages[0], "closing", spec.kind)
                   if all(name in variant_names(termbase, lang, "closing", spec.kind) for lang in spec.languages))
    problems += [p for key in dict.fromkeys(keys) if (p := closing_problem(key, termbase.entries, known))]
    return problems


def distribution_keys(spec: NoteSpec, termbase: Termbase) -> list[str]:
    """One note per recipient of the distribution list (groups expanded), in order, without repeats."""
    names = [spec.distribution] if isinstance(spec.distribution, str) else spec.distribution
    keys: list[str] = []
    for name in names:
        keys += [key for key in termbase.members(name) if key not in keys]
    return keys
