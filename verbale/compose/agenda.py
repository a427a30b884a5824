"""The draft agenda of the note's meeting (NOTE-SPEC §8, seed 002), in the same form as a note.

Its heading is made from the meeting facts the note already holds, by the formulas of ``agenda:`` in
``locales/<lang>/formulas.yaml``, so the agenda cannot disagree with the note; the items are the clerk's,
one text per language each. The result is a ``Note`` of elements that the DOCX writer places as it places
a note's (``note_docx``; ``combined_docx`` appends it after the notes).
"""
from __future__ import annotations

from ..errors import NoteError, SpecError
from ..facts.spec import NoteSpec
from ..facts.termbase import Termbase, default_termbase
from ..grammar.typography import typeset
from .note import Element, Note, _formula, _user_text, text_context


def heading_context(spec: NoteSpec, lang: str, termbase: Termbase) -> dict:
    """The names the agenda formulas use: the note's text names, and the meeting's facts on their own."""
    context = text_context(spec, lang, spec.recipients, termbase)
    facts = context["meeting"]
    body = facts.body
    return {**context, "date": facts.date, "time": facts.time, "offset": facts.offset, "place": facts.place,
            "body": body, "body_full": body.forms.get("full", str(body)),   # CICA Special Working Group (SWG)
            "gmt": facts.offset.split(" ")[0]}                               # GMT+6 hours -> GMT+6


def check_agenda(spec: NoteSpec) -> list[NoteError]:
    """An agenda needs the meeting it is the agenda of, and every item (and a title, if given) in every language."""
    agenda = spec.agenda
    if agenda is None:
        return []
    problems: list[NoteError] = []
    if spec.meeting is None:
        problems.append(SpecError("an agenda needs the meeting it is for", field="agenda",
                                  hint="add `meeting:` (body, start, time_of, format); the heading is made from it"))
    groups = [(f"agenda.items[{i}]", item) for i, item in enumerate(agenda.items)]
    groups += [("agenda.title", agenda.title)] if agenda.title else []
    for field, texts in groups:
        problems += [SpecError(f"the {lang} text is missing", field=f"{field}.{lang}",
                               hint="every item needs a text in every language, so each agenda has the same items")
                     for lang in spec.languages if not (getattr(texts, lang) or "").strip()]
    return problems


def render_agenda(spec: NoteSpec, lang: str, termbase: Termbase | None = None) -> Note:
    """The agenda in ``lang``: sender, title, meeting and its time, numbered items."""
    termbase = termbase or default_termbase()
    context = heading_context(spec, lang, termbase)
    agenda = spec.agenda
    given = getattr(agenda.title, lang, None) if agenda.title else None
    title = _user_text(given, lang, context, f"agenda.title.{lang}") if given else \
        _formula(termbase, lang, "agenda.title", context)
    items = [_formula(termbase, lang, "agenda.item", context, index=index,
                      text=_user_text(getattr(item, lang), lang, context, f"agenda.items[{index - 1}].{lang}"))
             for index, item in enumerate(agenda.items, 1)]
    meeting = [_formula(termbase, lang, f"agenda.meeting.{spec.meeting.format}", context),
               _formula(termbase, lang, "agenda.when", context)]
    elements = [Element("agenda_sender", "AgendaSender", (_formula(termbase, lang, "agenda.sender", context),)),
                Element("agenda_title", "AgendaTitle", (title,)),
                Element("agenda_meeting", "AgendaMeeting", tuple(meeting))]
    elements += [Element(f"agenda_item_{index}", "AgendaItem", (item,)) for index, item in enumerate(items, 1)]
    elements = [Element(e.name, e.style, tuple(typeset(line, lang) for line in e.lines)) for e in elements]
    return Note(lang=lang, number=spec.number, date=spec.date, elements=tuple(elements),
                title=typeset(_formula(termbase, lang, "agenda.document", context), lang),
                author=str(context["sender"]))
