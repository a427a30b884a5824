"""What ``verbale terms check`` checks: every entry has, in every language of the workspace, the forms the
formulas and texts use for its kinds; and the forms the tool derives, for a person to confirm.

Problems are TermbaseErrors located at the entry's line in its file; only the front end prints them.
"""
from __future__ import annotations

import datetime as dt

from ..errors import NoteError, TermbaseError
from .termbase import UNFILLED as TODO
from .termbase import Term, Termbase, display_path, kinds_of

KINDS = ("sender", "recipient", "authority", "body", "place", "group", "person")
# kind -> language -> forms that must be written (or derivable): what the formulas use (locales/<lang>/formulas.yaml)
# and what texts name; a form derived by rule (Kazakh cases, a person's Russian cases) counts as present.
REQUIRED = {
    "sender": {"en": ["nom", "short", "letterhead"], "ru": ["nom", "short", "letterhead"],
               "kk": ["nom", "short", "letterhead"]},
    "recipient": {"en": ["nom", "address"], "ru": ["nom", "dat", "address"], "kk": ["nom", "dat", "address"]},
    "authority": {"en": ["nom"], "ru": ["nom", "gen"], "kk": ["nom"]},
    "body": {"en": ["nom", "short"], "ru": ["nom", "gen", "short"], "kk": ["nom", "gen", "short"]},
    "place": {"en": ["nom", "line", "time"], "ru": ["nom", "line", "time"], "kk": ["nom", "line", "time"]},
    "person": {"en": ["name"], "ru": ["name"], "kk": ["name"]},
    "group": {},
}
# the case forms shown for confirmation, per language
SHOWN_CASES = {"en": [], "ru": ["gen", "dat", "acc", "ins", "prep"], "kk": ["gen", "dat", "acc", "loc", "abl", "ins"]}


def _problem(termbase: Termbase, key: str, lang: str | None, problem: str, hint: str, form: str = "") -> TermbaseError:
    place = termbase.where.get((lang, key)) or termbase.where.get((None, key))
    file, line = (display_path(place[0]), place[2].get(form, place[1])) if place else ("<termbase>", 1)
    return TermbaseError(problem, field=key, hint=hint, file=file, line=line)


def _folder_hint(termbase: Termbase, lang: str | None) -> str:
    base = "termbase/" if termbase.workspace_root else "locales/"
    return base + (f"{lang}/terms.yaml" if lang else "terms.yaml")


def is_unfilled(value) -> bool:
    values = value if isinstance(value, list) else [value]
    return any(isinstance(v, str) and v.strip().startswith(TODO) for v in values)


def _entry_problems(termbase: Termbase, key: str, languages: list[str]) -> list[TermbaseError]:
    entry = termbase.entries.get(key)
    if entry is None:
        return [_problem(termbase, key, next((lang for lang in languages if (lang, key) in termbase.where), None),
                         "has names but no kind", f"add `{key}: {{kind: ...}}` to {_folder_hint(termbase, None)}")]
    kinds = kinds_of(entry)
    given = entry.get("kind")
    unknown = [k for k in (given if isinstance(given, list) else [given]) if not isinstance(k, str) or k not in KINDS]
    if not kinds or unknown:
        return [_problem(termbase, key, None, f"unknown kind '{(unknown or [given])[0]}'",
                         f"one of {', '.join(KINDS)}, or a list of them", "kind")]
    problems = []
    if "person" in kinds and entry.get("gender") not in ("m", "f"):
        problems.append(_problem(termbase, key, None, "a person needs `gender: m` or `gender: f`",
                                 "it chooses his/her in English and the Russian endings of the name", "gender"))
    if "place" in kinds:
        problems += _zone_problems(termbase, key, entry)
    if "group" in kinds:
        problems += [_problem(termbase, key, None, f"member '{m}' is not a recipient", "add it or drop it", "members")
                     for m in entry.get("members", []) if "recipient" not in termbase.kinds(m)]
    for lang in languages:
        problems += _form_problems(termbase, key, kinds, lang)
    if "kk" in languages:
        problems += [p for p, hard in _possessive_findings(termbase, key) if hard]
    return problems


def _zone_problems(termbase: Termbase, key: str, entry: dict) -> list[TermbaseError]:
    from .zones import zone

    if is_unfilled(entry.get("zone")):
        return [_problem(termbase, key, None, "zone is still to fill in",
                         "replace the TODO text with an IANA name such as Europe/Madrid", "zone")]
    try:
        zone(str(entry.get("zone", "")))
        return []
    except NoteError as exc:
        return [_problem(termbase, key, None, f"a place needs its time zone: {exc.problem}",
                         "write `zone: Asia/Almaty` (an IANA name)", "zone")]


def _form_problems(termbase: Termbase, key: str, kinds: tuple, lang: str) -> list[TermbaseError]:
    required = [form for kind in kinds for form in REQUIRED[kind].get(lang, [])]
    if not required:
        return []
    try:
        term = termbase.term(key, lang)
    except TermbaseError:
        return [_problem(termbase, key, None, f"has no {lang} names",
                         f"add `{key}:` with its forms to {_folder_hint(termbase, lang)}")]
    problems = []
    for form in dict.fromkeys(required):
        written = term.forms.get(form)
        if written is not None and is_unfilled(written):
            problems.append(_problem(termbase, key, lang, f"{lang} {form} is still to fill in",
                                     f"replace the {TODO} text with the {form} form", form))
            continue
        try:
            value = term.form(form)
        except NoteError:
            value = None
        if not value or (isinstance(value, list) and not all(str(v).strip() for v in value)):
            problems.append(_problem(termbase, key, lang, f"no {form} form in {lang}", _missing_hint(term, form)))
    return problems


def _missing_hint(term: Term, form: str) -> str:
    proposal = proposed_form(term, form)
    if proposal:
        return f"write `{form}: {proposal}` if that is right"
    return f"write `{form}:` under the entry"


def proposed_form(term: Term, form: str) -> str | None:
    """A case form the tool can propose for a person to confirm (Russian names of organisations by pymorphy3)."""
    if term.lang != "ru" or form not in SHOWN_CASES["ru"] or not term.forms.get("nom"):
        return None
    from ..grammar.ru import inflect_phrase, inflect_place

    try:
        if "place" in term.kinds:
            return inflect_place(term.forms["nom"], form)
        return inflect_phrase(term.forms["nom"], form)
    except NoteError:
        return None


def _possessive_findings(termbase: Termbase, key: str) -> list[tuple[TermbaseError, bool]]:
    """The Kazakh ``possessive:`` of an entry against its nom (locales/kk/README.md): ``possessive: true`` on a
    last word that does not end in -ы/-і is wrong by rule (hard); a last word that ends like the possessive
    without ``possessive:`` is a sign only (Алматы is not one), for a person to confirm."""
    from ..grammar.kk import inflect, last_word, looks_possessive

    try:
        term = termbase.term(key, "kk")
    except TermbaseError:
        return []
    nom, possessive = term.forms.get("nom"), term.forms.get("possessive")
    if not isinstance(nom, str) or not nom.strip() or is_unfilled(nom):
        return []
    word, readings = last_word(nom), termbase.readings.get("kk", {})
    if possessive is True and not word.lower().endswith(("ы", "і")):
        return [(_problem(termbase, key, "kk", f"`possessive: true`, but «{word}» does not end in the 3rd-person "
                          "possessive -ы/-і, -сы/-сі", f"write `possessive: false`, dative {inflect(word, 'dat', readings=readings)}; "
                          "or write nom with the possessive", "possessive"), True)]
    if possessive is None and looks_possessive(nom):
        return [(_problem(termbase, key, "kk", f"to confirm: «{word}» ends like the 3rd-person possessive",
                          f"write `possessive: true` if it is one: dative {inflect(word, 'dat', True)}, accusative "
                          f"{inflect(word, 'acc', True)}; `possessive: false` if not: dative "
                          f"{inflect(word, 'dat', readings=readings)}",
                          "nom"), False)]
    return []


def termbase_hints(termbase: Termbase, languages: list[str]) -> list[TermbaseError]:
    """What the rules cannot decide, for a person to confirm (not problems: they do not fail the check)."""
    if "kk" not in languages:
        return []
    keys = dict.fromkeys([*termbase.entries, *termbase.forms.get("kk", {})])
    hints = [p for key in keys for p, hard in _possessive_findings(termbase, key) if not hard]
    return sorted(hints, key=lambda p: (p.file, p.line or 0))


def check_termbase(termbase: Termbase, languages: list[str]) -> list[TermbaseError]:
    """Every entry's problems in ``languages``, in file order."""
    keys = dict.fromkeys([*termbase.entries, *(k for lang in languages for k in termbase.forms.get(lang, {}))])
    problems = [p for key in keys for p in _entry_problems(termbase, key, languages)]
    return sorted(problems, key=lambda p: (p.file, p.line or 0))


def entry_forms(termbase: Termbase, key: str, lang: str, on: dt.date | None = None) -> list[tuple[str, object, str]]:
    """(form, value, how) of an entry in one language: how is 'written', 'derived' (by rule: Kazakh suffixes,
    a person's Russian cases, the short name) or 'proposed' (to write in, if right)."""
    term = termbase.term(key, lang, on)
    written = termbase.forms.get(lang, {}).get(key, {})
    hidden = {"nom_written", "possessive", "dated", "its", "itself", "appositive"}
    rows = [(form, value, "written" if form in written else "derived") for form, value in term.forms.items()
            if form not in hidden]
    shown = {form for form, _, _ in rows}
    for form in ["short", *SHOWN_CASES[lang]]:
        if form in shown:
            continue
        try:
            rows.append((form, term.form(form), "derived"))
        except NoteError:
            proposal = proposed_form(term, form)
            if proposal:
                rows.append((form, proposal, "proposed"))
    if "its" in term.forms and {"sender", "person"} & set(term.kinds):
        rows.append(("its/itself", f"{term.its}/{term.itself}", "derived"))
    return rows
