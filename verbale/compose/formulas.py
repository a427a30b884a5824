"""The formulas of ``locales/<lang>/formulas.yaml`` (and a workspace's own over them, NOTE-SPEC §10): finding one
by its dotted name, rendering it, the named variants a spec may choose, and checking an office's formulas.

A formula is a Jinja snippet over finished strings, termbase entries and facts.  Three groups hold *variants* a
spec chooses by name: ``opening`` (``opening: acknowledging``), ``closing`` (``closing: assurance``) and
``with_reference_to`` (``with_reference_to: {ref: …, phrase: receipt}``).  A variant is either a text — the
piece the group's frame (``opening.sentence``, ``closing.sentence``) puts where it says ``{{ action }}`` or
``{{ consideration }}`` — or a mapping with a ``sentence`` of its own: a whole sentence over the same names.

Formulas are grouped so that a document kind can name its own (NOTE-SPEC §11): a name is looked up first under
``kinds.<kind>`` and then at the top, and ``layout`` names the template in ``templates/`` that places the
elements.  The note verbale is the kind ``note-verbale``, whose formulas are the top-level ones.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..errors import NoteError, TemplateError, TermbaseError
from ..facts.folders import why_left_out
from ..facts.termbase import FORMULAS_FILE, Termbase, display_path
from .texts import environment, render_text

DEFAULT_KIND = "note-verbale"
FRAME = "sentence"                   # the frame of a group of variants: a whole sentence with a slot
VARIANT_GROUPS = {"opening": "action", "closing": "consideration", "with_reference_to": None}
DEFAULT_PHRASE = "default"           # the variant of with_reference_to a bare `with_reference_to: KEY` takes
NO_CLOSING = "none"


def kind_formulas(termbase: Termbase, lang: str, kind: str = DEFAULT_KIND) -> list[Mapping]:
    """The tables a name is looked up in, in order: the kind's own group, then the top level."""
    formulas = termbase.formulas.get(lang, {})
    own = formulas.get("kinds", {}).get(kind) if isinstance(formulas.get("kinds"), Mapping) else None
    return [own, formulas] if isinstance(own, Mapping) else [formulas]


def lookup(table: Mapping, name: str):
    """The value at a dotted name, or None.

    >>> lookup({"closing": {"high": "H"}}, "closing.high"), lookup({"closing": "x"}, "closing.high")
    ('H', None)
    """
    value = table
    for part in name.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def formula_source(termbase: Termbase, lang: str, name: str, house=None, kind: str = DEFAULT_KIND):
    """The named formula (``closing.high``) in ``lang``, as the house's spelling writes it."""
    formulas = termbase.formulas.get(lang, {})
    spelling = getattr(house, "spelling", None)
    spelled = formulas.get("spelling", {}).get(spelling, {}) if spelling else {}
    if name in spelled:
        return spelled[name]
    for table in kind_formulas(termbase, lang, kind):
        value = lookup(table, name)
        if value is not None:
            return value
    raise TemplateError(f"there is no formula '{name}' in {lang}", field=f"formulas.{name}",
                        hint=f"add `{name}` to {_formulas_file(termbase, lang)}")


def _formulas_file(termbase: Termbase, lang: str) -> str:
    return f"termbase/{lang}/{FORMULAS_FILE}" if termbase.workspace_root else f"locales/{lang}/{FORMULAS_FILE}"


def render_formula(termbase: Termbase, lang: str, name: str, context: dict, house=None, **extra) -> str:
    """The named formula rendered over ``context`` and ``extra``."""
    source = formula_source(termbase, lang, name, house)
    if not isinstance(source, str):
        raise TemplateError(f"the formula '{name}' in {lang} is not a text", field=f"formulas.{name}",
                            hint=f"write it as one text in {_formulas_file(termbase, lang)}")
    return render_text(source, lang, {**context, **extra}, field=f"{_formulas_file(termbase, lang)}:{name}",
                       trusted=True)


def variant_names(termbase: Termbase, lang: str, group: str, kind: str = DEFAULT_KIND) -> list[str]:
    """The variants of ``group`` a spec may name in ``lang`` (the frame ``sentence`` is not one)."""
    names: dict[str, None] = {}
    for table in reversed(kind_formulas(termbase, lang, kind)):
        value = table.get(group)
        if isinstance(value, str) and group == "with_reference_to":
            names[DEFAULT_PHRASE] = None      # a v2 office's one phrase: `with_reference_to: "…"`
        elif isinstance(value, Mapping):
            names.update(dict.fromkeys(name for name in value if name != FRAME))
    if group == "closing":
        names[NO_CLOSING] = None
    return list(names)


def variant_problem(termbase: Termbase, languages, group: str, name: str, field: str) -> NoteError | None:
    """A spec's variant that some language of the note lacks, as one problem naming where variants live."""
    lacking = [lang for lang in languages if name not in variant_names(termbase, lang, group)]
    if not lacking:
        return None
    known = sorted(variant_names(termbase, lacking[0], group))
    return TermbaseError(f"'{name}' is not a variant of {group} in {', '.join(lacking)}", field=field,
                         hint=f"known: {', '.join(known)}; an office adds its own under `{group}:` in "
                              f"{_formulas_file(termbase, lacking[0])}")


def render_variant(termbase: Termbase, lang: str, group: str, name: str, context: dict, house=None,
                   fallback: str | None = None, **extra) -> str:
    """The sentence (or phrase) of a variant: a text variant inside the group's frame, or a whole sentence.  A whole
    sentence that places ``{{ consideration }}`` (``{{ action }}``) without a piece of its own gets the text variant
    ``fallback`` names: the consideration the recipients are owed, the action ``honour``."""
    if group == "with_reference_to":
        whole = termbase.formulas[lang].get(group)
        if isinstance(whole, str) and name == DEFAULT_PHRASE:
            return render_formula(termbase, lang, group, context, house, **extra)
        return render_formula(termbase, lang, f"{group}.{name}", context, house, **extra)
    slot = VARIANT_GROUPS[group]
    source = formula_source(termbase, lang, f"{group}.{name}", house)
    if isinstance(source, Mapping):
        own = slot in source
        usual = fallback if not own and fallback and _is_text_variant(termbase, lang, group, fallback, house) else None
        pieces = {slot: render_formula(termbase, lang, f"{group}.{name}.{slot}" if own else f"{group}.{usual}",
                                       {**context, **extra}, house) if own or usual else ""}
        return render_formula(termbase, lang, f"{group}.{name}.{FRAME}", {**context, **extra, **pieces}, house)
    piece = render_formula(termbase, lang, f"{group}.{name}", {**context, **extra}, house)
    return render_formula(termbase, lang, f"{group}.{FRAME}", {**context, **extra, slot: piece}, house)


def _is_text_variant(termbase: Termbase, lang: str, group: str, name: str, house=None) -> bool:
    try:
        return isinstance(formula_source(termbase, lang, f"{group}.{name}", house), str)
    except TemplateError:
        return False


def layout_name(termbase: Termbase, lang: str, kind: str = DEFAULT_KIND) -> str:
    """The layout (a template in ``templates/``, without ``.j2``) the kind's formulas name; ``note`` by default."""
    for table in kind_formulas(termbase, lang, kind):
        value = table.get("layout")
        if isinstance(value, str):
            return value
    return "note"


# --- checking an office's formulas (``verbale terms check``) ---------------------------------------------------

TEXT_NAMES = {"number", "date", "place", "sender", "recipients", "on_behalf_of", "terms", "dates", "periods",
              "refs", "amounts", "meeting"}
# names each formula (by the first part of its dotted name) has beside the text names
FORMULA_NAMES = {
    "number": {"number_label", "number_suffix"},
    "opening": {"purpose", "continuation", "compliments", "reference", "clause", "action"},
    "closing": {"consideration"},
    "with_reference_to": {"ref"},
    "enclosure_label": {"several", "pages"},
    "enclosure_as_stated": {"pages"},
    "enclosure_item": {"index", "title", "pages", "several"},
    "subject": {"label", "subject"},
    "title": {"number_line"},
    "meeting": {"time", "offset", "zone", "span", "end"},
    "agenda": {"body", "body_full", "gmt", "index", "text", "time", "offset"},
    "refs": {"kind", "number_label", "number", "issuer", "its", "title", "signed", "words"},
    "dates": {"day", "month", "year", "dd", "mm", "yy", "year_word", "date_order"},
    "amounts": {"figures", "symbol", "name"},
}
DATA = {"nouns", "pronouns", "read_as_words", "currencies", "urgency", "layout", "kinds"}   # not templates


def formula_leaves(table: Mapping, prefix: str = "") -> dict[str, object]:
    """Every formula of a table by its dotted name (a text, or a list of lines).

    >>> sorted(formula_leaves({"closing": {"sentence": "S", "high": "H"}, "as": ["a", "b"]}))
    ['as', 'closing.high', 'closing.sentence']
    """
    leaves: dict[str, object] = {}
    for name, value in table.items():
        dotted = f"{prefix}{name}"
        if isinstance(value, Mapping):
            leaves.update(formula_leaves(value, dotted + "."))
        else:
            leaves[dotted] = value
    return leaves


def _names_for(name: str) -> set[str]:
    parts = name.split(".")
    if parts[0] == "kinds" and len(parts) > 2:
        parts = parts[2:]
    if parts[0] == "spelling" and len(parts) > 2:
        parts = ".".join(parts[2:]).split(".")
    return TEXT_NAMES | FORMULA_NAMES.get(parts[0], set())


def _is_data(name: str) -> bool:
    parts = name.split(".")
    if parts[0] == "kinds" and len(parts) > 2:
        return parts[2] in DATA - {"kinds"}
    return parts[0] in DATA or parts[:2] in (["refs", "kinds"], ["refs", "signed"], ["refs", "its"]) or name in (
        "refs.kind_in_title", "refs.default_case", "refs.number_label") or parts[:2] == ["meeting", "format"]


def _text_problems(source: str, lang: str, name: str) -> list[str]:
    """What is wrong with one formula's text: its Jinja, and the names it uses."""
    from jinja2 import meta

    if "{" not in source:
        return []
    from jinja2 import nodes

    env = environment(lang)
    try:
        from .texts import _compile
        _compile(lang, source)
        tree = env.parse(source)
    except NoteError as exc:
        return [exc.problem]
    known = _names_for(name)
    # Jinja finds an unknown filter only when a branch that uses it renders: every one is looked at here
    filters = sorted({node.name for node in tree.find_all(nodes.Filter) if node.name not in env.filters})
    return [f"no filter named '{unknown}' (language filters: {', '.join(sorted(grammar_filters(lang)))})"
            for unknown in filters] + [f"unknown name '{unknown}' (known here: {', '.join(sorted(known))})"
                                       for unknown in sorted(meta.find_undeclared_variables(tree) - known)]


def grammar_filters(lang: str) -> list[str]:
    from ..grammar import grammar_for

    return [*grammar_for(lang).FILTERS, "count", "this_year", "numeric"]


def _unit(name: str) -> str:
    """What one language may lack: a variant as a whole (``closing.assurance``), else the formula itself."""
    parts = name.split(".")
    return ".".join(parts[:2]) if parts[0] in VARIANT_GROUPS and len(parts) > 2 else name


def check_formulas(termbase: Termbase, languages: list[str]) -> list[NoteError]:
    """The problems of a workspace's own formulas, each at its line in ``termbase/<lang>/formulas.yaml``: Jinja
    that does not parse, names a formula uses that do not exist, a formula or a ref kind some language of the
    workspace lacks, a ref kind without the forms its language needs."""
    folder = termbase.workspace_root
    if folder is None:
        return []
    problems: list[NoteError] = []
    lacking_said: set[tuple[str, str]] = set()
    for lang in sorted({*languages, *(p.name for p in folder.iterdir() if p.is_dir())}):
        path = folder / lang / FORMULAS_FILE
        # a link to outside the workspace is left out (and said) by the termbase: never read here either
        doc = _read(path) if why_left_out(path, folder.parent) is None else None
        if doc is None or not isinstance(doc.data, Mapping):
            continue
        where = display_path(path)

        def problem(name: str, text: str, hint: str) -> TermbaseError:
            return TermbaseError(text, field=name, hint=hint, file=where, line=doc.line_of(tuple(name.split("."))))

        def lacking(name: str) -> list[TermbaseError]:
            found = []
            for other in languages:
                if other != lang and (name, other) not in lacking_said and \
                        lookup(termbase.formulas.get(other, {}), name) is None:
                    lacking_said.add((name, other))
                    found.append(problem(name, f"{name} has no {other} version",
                                         f"add it to {_formulas_file(termbase, other)}, or drop {other} from the "
                                         "workspace's languages"))
            return found

        for name, value in formula_leaves(doc.data).items():
            if _is_data(name):
                continue
            for text in value if isinstance(value, list) else [value]:
                if not isinstance(text, str):
                    problems.append(problem(name, "a formula is a text or a list of lines", "write it in quotes"))
                    continue
                problems += [problem(name, found, "fix the formula") for found in _text_problems(text, lang, name)]
            if not name.startswith("spelling."):
                problems += lacking(_unit(name))
        problems += _kind_problems(doc.data, lang, problem, lacking)
    return problems


def _kind_problems(own: Mapping, lang: str, problem, lacking) -> list[NoteError]:
    from .facts import RUSSIAN_CASES

    kinds = lookup(own, "refs.kinds")
    problems = []
    for kind, record in (kinds.items() if isinstance(kinds, Mapping) else ()):
        name = f"refs.kinds.{kind}"
        if not isinstance(record, Mapping):
            problems.append(problem(name, "a ref kind is a mapping of its words", "write {nom: …}"))
            continue
        needed = ["gender", *RUSSIAN_CASES] if lang == "ru" else ["nom"]
        missing = [form for form in needed if not isinstance(record.get(form), str) or not record.get(form)]
        if missing:
            problems.append(problem(name, f"the kind '{kind}' has no {', '.join(missing)} in {lang}",
                                    "a Russian kind needs its gender (m, f, n) and every case; others need nom"))
        elif lang == "ru" and record.get("gender") not in ("m", "f", "n"):
            problems.append(problem(name, f"gender '{record.get('gender')}' is not m, f or n", "fix it"))
        problems += lacking(name)
    return problems


def _read(path: Path):
    from ..facts.yamlsource import load_yaml_bytes

    try:
        return load_yaml_bytes(path.read_bytes(), display_path(path))
    except (NoteError, OSError):
        return None   # the termbase reports a file it cannot read when it loads it
