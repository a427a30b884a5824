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
    languages: list[str] = field(default_factory=list)    # the note's languages, in order
    failed: dict[str, str] = field(default_factory=dict)  # a language that could not be composed -> why

    @property
    def sections(self) -> list[tuple[str, Note | None, str]]:
        """(language, its note or None, why not) in the note's order: a language with an error does not take
        the others' previews with it."""
        notes = {note.lang: note for note in self.notes}
        return [(lang, notes.get(lang), self.failed.get(lang, "")) for lang in self.languages]

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


LANGUAGE_FIELD = re.compile(r"\.(en|ru|kk)$")


def _fail_all(result: Preview, problems: list[Problem]) -> Preview:
    first = next((p.text for p in problems if p.kind == "error"), "")
    more = len([p for p in problems if p.kind == "error"]) - 1
    why = first + (f" (and {more} more)" if more > 0 else "")
    result.failed = {lang: why for lang in result.languages}
    return result


def preview(data: dict, workspace: Workspace, recipient: str | None = None, file: str = "spec") -> Preview:
    """Compose every language of the spec ``data`` in ``workspace`` (its defaults, termbase and house); problems
    become lines at their fields, never exceptions. A problem of one language's text (``purpose.ru``) leaves
    the other languages composed; a problem of the whole note leaves every language with the reason."""
    result = Preview()
    chosen = data.get("languages") if isinstance(data.get("languages"), list) else None
    chosen = chosen or workspace.config.get("languages") or ["en", "ru", "kk"]
    result.languages = [lang for lang in ("en", "ru", "kk") if lang in chosen]
    result.problems += _bad_inputs(data)
    unreadable = {p.field for p in result.problems}
    data = _without_bad(data)
    try:
        spec: NoteSpec = parse_spec(YamlDoc(data, file, {}))
    except NoteError as exc:  # a date the browser could not read is said once, not also as "missing"
        result.problems += [_problem(e) for e in getattr(exc, "errors", [exc]) if e.field not in unreadable]
        return _fail_all(result, result.problems)
    if result.problems:
        return _fail_all(result, result.problems)
    defaults = defaulted(spec, workspace)
    spec = with_defaults(spec, workspace)
    result.languages = list(spec.languages)
    termbase = workspace.termbase
    found = [_problem(locate_default(e, defaults, workspace, file) or e)
             for e in check_references(spec, termbase) + check_agenda(spec)]
    result.problems += found
    whole = [p for p in found if p.kind == "error" and not LANGUAGE_FIELD.search(p.field)]
    if whole:
        return _fail_all(result, whole)
    for problem in found:
        if problem.kind == "error":
            lang = LANGUAGE_FIELD.search(problem.field).group(1)
            result.failed.setdefault(lang, problem.text)
    try:
        house = house_for(spec, termbase, workspace.config)
    except NoteError as exc:
        result.problems.append(_problem(exc))
        return _fail_all(result, result.problems)
    result.recipients = distribution_keys(spec, termbase)
    if result.recipients:
        result.recipient = recipient if recipient in result.recipients else result.recipients[0]
    addressees = [result.recipient] if result.recipient else None
    for lang in spec.languages:
        if lang in result.failed:
            continue
        try:
            if not result.facts:
                result.facts = fact_names(text_context(spec, lang, addressees or spec.recipients, termbase, house))
            result.notes.append(render_note(spec, lang, addressees, termbase, house))
        except NoteError as exc:
            problem = _problem(exc)
            result.problems.append(problem)
            result.failed[lang] = problem.text
    if result.failed:
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
