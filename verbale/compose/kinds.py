"""Document kinds (NOTE-SPEC §11): what a kind asks of a spec, as its formulas say.

A kind is a set of named formulas and a layout (locales/README.md, «Document kinds»); what it needs from a spec
is data beside them, under ``kinds.<kind>`` in formulas.yaml, so that a new kind is data and a layout, never a
branch in code:

    requires:
      recipients: one                      # exactly one addressee (with a distribution list: one each copy)
      sender: [person]                     # roles the sender's entry must also have
      sender_forms: [name, position]       # the sender's forms every language of the note needs
      addressed_as: [excellency, title]    # the addressee's entry says one: a flag (`excellency: true` in
                                           # termbase/terms.yaml) or a form in every language (`title:`)
    refuses: [recipients, opening]         # spec fields the kind has no place for (or {field: hint})

This module reads those rules and turns what a spec lacks into one located problem each; it knows no kind by name.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from ..data import TEMPLATES_DIR
from ..errors import NoteError, SpecError, TermbaseError
from ..facts.spec import NoteSpec
from ..facts.termbase import Termbase
from .formulas import formulas_file, known_kinds, layout_name

LAYOUT_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")   # a template of templates/, never a path


def kind_rules(termbase: Termbase, languages, kind: str) -> tuple[dict, dict]:
    """The kind's ``requires`` and ``refuses`` (field -> hint), from every language of the note (a rule one
    language states holds for the note); a refused field's hint from whichever language writes one."""
    requires: dict = {}
    refuses: dict = {}
    for lang in languages:
        own = own_formulas(termbase, lang, kind)
        rules = own.get("requires")
        if isinstance(rules, Mapping):
            requires.update({name: value for name, value in rules.items() if name not in requires})
        refuses.update({field: "" for field in _refused_fields(own) if field not in refuses})
    for lang in termbase.languages:
        refuses.update({field: hint for field, hint in _refused_fields(own_formulas(termbase, lang, kind)).items()
                        if field in refuses and hint and not refuses[field]})
    return requires, refuses


def _refused_fields(own: Mapping) -> dict:
    refused = own.get("refuses")
    if isinstance(refused, Mapping):
        return {str(field): str(hint or "") for field, hint in refused.items()}
    return {str(field): "" for field in refused} if isinstance(refused, list) else {}


def own_formulas(termbase: Termbase, lang: str, kind: str) -> Mapping:
    """The kind's own table of formulas in ``lang`` (``kinds.<kind>``), or an empty one."""
    kinds = termbase.formulas.get(lang, {}).get("kinds")
    own = kinds.get(kind) if isinstance(kinds, Mapping) else None
    return own if isinstance(own, Mapping) else {}


def addressee_keys(spec: NoteSpec, termbase: Termbase) -> list[tuple[str, str]]:
    """(termbase key, spec field) of everyone the note is addressed to: its recipients, or each member of its
    distribution list (one copy each)."""
    if isinstance(spec.distribution, str):
        return [(key, "distribution") for key in termbase.members(spec.distribution)]
    if spec.distribution:
        return [(key, f"distribution[{index}]") for index, name in enumerate(spec.distribution)
                for key in termbase.members(name)]
    return [(key, f"recipients[{index}]") for index, key in enumerate(spec.recipients)]


def kind_problems(spec: NoteSpec, termbase: Termbase) -> list[NoteError]:
    """What the spec lacks, or has, that its kind's rules do not allow; one problem each."""
    kind = spec.kind
    unknown = [lang for lang in spec.languages if kind not in known_kinds(termbase, lang)]
    if unknown:
        known = ", ".join(sorted(known_kinds(termbase, unknown[0])))
        return [SpecError(f"'{kind}' is not a kind of document in {', '.join(unknown)}", field="kind",
                          hint=f"known: {known}; an office adds its own under kinds: in its formulas.yaml "
                               "(locales/README.md, «Document kinds»)")]
    problems: list[NoteError] = [p for lang in spec.languages if (p := _layout_problem(termbase, lang, kind))][:1]
    requires, refuses = kind_rules(termbase, spec.languages, kind)
    problems += _refused(spec, kind, refuses)
    problems += _recipients_problems(spec, kind, requires.get("recipients"))
    if spec.sender and spec.sender in termbase.entries:
        problems += _sender_problems(spec, termbase, kind, requires)
    persons = requires.get("addressee_person_forms")
    if isinstance(persons, list) and persons:
        problems += [p for key, field in addressee_keys(spec, termbase) if "person" in termbase.kinds(key)
                     for p in _forms_problems(termbase, key, field, [str(f) for f in persons], spec.languages,
                                              f"{_a(kind)} names its addressee by")]
    names = requires.get("addressed_as")
    if isinstance(names, list) and names:
        problems += [p for key, field in addressee_keys(spec, termbase) if key in termbase.entries
                     and (p := _addressed_problem(termbase, key, field, [str(n) for n in names], spec.languages))]
    return problems


def _layout_problem(termbase: Termbase, lang: str, kind: str) -> NoteError | None:
    name = layout_name(termbase, lang, kind)
    if LAYOUT_NAME.match(name) and (TEMPLATES_DIR / f"{name}.j2").is_file():
        return None
    return TermbaseError(f"the kind '{kind}' names the layout '{name}', which is not a template of templates/",
                         field="kind", hint=f"name one of {', '.join(sorted(_layouts()))} as its layout: in "
                                            f"{formulas_file(termbase, lang)}")


def _layouts() -> list[str]:
    return [path.stem for path in TEMPLATES_DIR.glob("*.j2")]


def _refused(spec: NoteSpec, kind: str, refuses: dict) -> list[NoteError]:
    problems = []
    for field, hint in refuses.items():
        info = NoteSpec.model_fields.get(field)
        if info is None or field not in spec.model_fields_set:
            continue
        value = getattr(spec, field)
        if value is None or value == [] or (not info.is_required() and value == info.default):
            continue
        problems.append(SpecError(f"{_a(kind)} takes no {field}", field=field,
                                  hint=hint or f"drop `{field}:`, or choose another kind"))
    return problems


def _recipients_problems(spec: NoteSpec, kind: str, rule) -> list[NoteError]:
    if rule != "one" or spec.distribution:
        return []
    count = len(spec.recipients)
    if count == 1:
        return []
    named = "none is named" if count == 0 else f"{count} are named"
    return [SpecError(f"{_a(kind)} has one addressee; {named}", field="recipients",
                      hint="name the one recipient, or list several under distribution: (one copy each)")]


def _sender_problems(spec: NoteSpec, termbase: Termbase, kind: str, requires: dict) -> list[NoteError]:
    problems: list[NoteError] = []
    roles = requires.get("sender")
    for role in roles if isinstance(roles, list) else []:
        try:
            termbase.require(spec.sender, (str(role),), "sender")
        except NoteError as exc:
            exc.problem = f"{exc.problem}: {_a(kind)} is signed by its sender"
            problems.append(exc)
    if problems:
        return problems   # its forms are for a person, which it is not
    forms = requires.get("sender_forms")
    if isinstance(forms, list) and forms:
        problems += _forms_problems(termbase, spec.sender, "sender", [str(f) for f in forms], spec.languages,
                                    f"{_a(kind)} names its signatory by")
    return problems


def _forms_problems(termbase: Termbase, key: str, field: str, forms: list[str], languages, why: str) -> list[NoteError]:
    """The forms an entry lacks, one problem per form naming the languages (a person's ``name`` counts when its
    parts are written: ``first``, ``last``)."""
    lacking: dict[str, list[str]] = {}
    for lang in languages:
        try:
            term = termbase.term(key, lang)
        except NoteError:
            continue   # a language without names is said by check_references
        for form in forms:
            value = term.forms.get(form)
            if not isinstance(value, str) or not value.strip():
                lacking.setdefault(form, []).append(lang)
    return [TermbaseError(f"'{key}' has no {form} in {', '.join(langs)}", field=field,
                          hint=f"add `{form}:` to its entry in termbase/<lang>/ for {', '.join(langs)}: {why} "
                               f"{' and '.join(forms)}") for form, langs in lacking.items()]


def _a(kind: str) -> str:
    """A kind with its article: ``a personal-note``, ``an aide-memoire``."""
    return f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind}"


def _addressed_problem(termbase: Termbase, key: str, field: str, names: list[str], languages) -> NoteError | None:
    """The addressee's entry says one of ``names``: as a flag on the entry (``excellency: true``), or as a form
    written in every language of the note (``title: …``)."""
    entry = termbase.entries.get(key, {})
    if any(entry.get(name) is True for name in names):
        return None
    for name in names:
        if all(isinstance(termbase.forms.get(lang, {}).get(key, {}).get(name), str)
               and termbase.forms[lang][key][name].strip() for lang in languages):
            return None
    return TermbaseError(f"'{key}' says neither `{names[0]}: true` nor {' nor '.join(f'its `{n}`' for n in names[1:])} "
                         f"in {', '.join(languages)}", field=field,
                         hint=f"the note addresses it by one of them: write `{names[0]}: true` on its entry in "
                              f"termbase/terms.yaml if it is owed it, else `{names[-1]}:` (how it is addressed) under "
                              f"its entry in termbase/<lang>/")
