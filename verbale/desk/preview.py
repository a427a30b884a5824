"""The preview: the note in each language as it will print, from the same composed elements the DOCX layer
places, and every problem at the field it belongs to, in the words of the command line's lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..compose.note import MeetingFacts, Note, check_references, distribution_keys, render_note, text_context
from ..errors import NoteError
from ..facts.spec import NoteSpec, parse_spec
from ..compose.agenda import check_agenda
from ..compose.facts import FactGroup
from ..facts.house import house_for
from ..facts.workspace import Workspace, defaulted, locate_default, with_defaults
from ..facts.yamlsource import YamlDoc
from .form import BAD_INPUT, dotted

LINE = re.compile(r"^(?P<file>.*?):(?P<line>\d+): (?P<field>[^ ]+): (?P<problem>.*)$")


@dataclass
class Problem:
    field: str
    text: str            # the CLI's line without the file and line number
    kind: str = "error"  # error | disagreement | lint


@dataclass
class Preview:
    notes: list[Note] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)   # a circular's addressees, for the switcher
    recipient: str | None = None
    facts: list[str] = field(default_factory=list)        # names a text may use: meeting.when ...

    @property
    def problem_data(self) -> list[dict]:
        return [vars(p) for p in self.problems]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.kind == "error"]


def _problem(error: NoteError, kind: str = "error") -> Problem:
    return Problem(error.field or "(spec)", f"{error.field or '(spec)'}: {error.problem}"
                   + (f" ({error.hint})" if error.hint else ""), kind)


def _from_line(line: str, kind: str) -> Problem:
    match = LINE.match(line)
    if not match:
        return Problem("(spec)", line, kind)
    return Problem(match["field"], f"{match['field']}: {match['problem']}", kind)


def _bad_inputs(data, path=()) -> list[Problem]:
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in _bad_inputs(value, path + (key,))]
    if isinstance(data, list):
        return [p for index, value in enumerate(data) for p in _bad_inputs(value, path + (index,))]
    if data == BAD_INPUT:
        name = dotted(path)
        return [Problem(name, f"{name}: not a real date (pick one in the calendar)")]
    return []


def fact_names(context: dict) -> list[str]:
    """The names a per-language text may use, for the page's list of insertable facts."""
    names = []
    for name, value in context.items():
        if name == "terms":
            continue
        if isinstance(value, MeetingFacts):
            names += [f"{name}.{part}" for part in ("when", "date", "time", "zone", "body", "format")]
        elif isinstance(value, FactGroup):
            names += [f"{name}.{key.replace('-', '_')}" for key in value._facts]
        else:
            names.append(name)
    return names


def preview(data: dict, workspace: Workspace, recipient: str | None = None, file: str = "spec") -> Preview:
    """Compose every language of the spec ``data`` in ``workspace`` (its defaults, termbase and house); problems
    become lines at their fields, never exceptions."""
    result = Preview()
    result.problems += _bad_inputs(data)
    unreadable = {p.field for p in result.problems}
    data = _without_bad(data)
    try:
        spec: NoteSpec = parse_spec(YamlDoc(data, file, {}))
    except NoteError as exc:  # a date the browser could not read is said once, not also as "missing"
        result.problems += [_problem(e) for e in getattr(exc, "errors", [exc]) if e.field not in unreadable]
        return result
    defaults = defaulted(spec, workspace)
    spec = with_defaults(spec, workspace)
    termbase = workspace.termbase
    result.problems += [_problem(locate_default(e, defaults, workspace, file) or e)
                        for e in check_references(spec, termbase) + check_agenda(spec)]
    if result.errors:
        return result
    try:
        house = house_for(spec, termbase, workspace.config)
    except NoteError as exc:
        result.problems.append(_problem(exc))
        return result
    result.recipients = distribution_keys(spec, termbase)
    if result.recipients:
        result.recipient = recipient if recipient in result.recipients else result.recipients[0]
    addressees = [result.recipient] if result.recipient else None
    try:
        context = text_context(spec, spec.languages[0], addressees or spec.recipients, termbase, house)
        result.facts = fact_names(context)
        result.notes = [render_note(spec, lang, addressees, termbase, house) for lang in spec.languages]
    except NoteError as exc:
        result.problems.append(_problem(exc))
        return result
    from ..compose import check

    doc = YamlDoc(data, file, {})
    result.problems += [_from_line(f.line, f.kind) for f in check.findings(spec, result.notes, doc, house, termbase)]
    return result


def _without_bad(data):
    if isinstance(data, dict):
        return {k: _without_bad(v) for k, v in data.items() if v != BAD_INPUT}
    if isinstance(data, list):
        return [_without_bad(v) for v in data if v != BAD_INPUT]
    return data
