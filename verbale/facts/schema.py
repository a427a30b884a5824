"""The JSON Schemas of the files a clerk writes: the spec (generated from the same models that validate it),
verbale.yaml (likewise) and the termbase files.

The committed copies (note-spec.schema.json, verbale.schema.json, termbase.schema.json,
termbase-forms.schema.json) let editors (VS Code's YAML extension) complete and check the files as a clerk
types; `verbale init` writes them into a workspace's schema/ folder; a test keeps them current.
"""
from __future__ import annotations

import json
from pathlib import Path

from .spec import NoteSpec

DRAFT = "https://json-schema.org/draft/2020-12/schema"
KINDS = ["sender", "recipient", "authority", "body", "place", "group", "person"]
TEXT = {"type": "string"}
LINES = {"type": "array", "items": TEXT, "description": "lines, top to bottom"}


def spec_schema() -> dict:
    schema = NoteSpec.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def house_schema() -> tuple[dict, dict]:
    """The house conventions' schema (NOTE-SPEC §7, §10) as a reference and the definitions it needs, for the files
    whose ``house:`` is checked by the House model when the note is made (verbale.yaml, a sender's entry)."""
    from .house import House

    schema = House.model_json_schema(ref_template="#/$defs/{model}")
    defs = schema.pop("$defs", {})
    return {"anyOf": [{"$ref": "#/$defs/House"}, {"type": "null"}], "description": schema.get("description", "")}, {
        **defs, "House": schema}


def workspace_schema() -> dict:
    from .workspace import WorkspaceConfig

    schema = WorkspaceConfig.model_json_schema(by_alias=True)
    house, defs = house_schema()
    schema["properties"]["house"] = {**house, "description": "the office's conventions (NOTE-SPEC §7, §10)"}
    return {"$schema": DRAFT, **schema, "$defs": {**schema.get("$defs", {}), **defs}}


def termbase_schema() -> dict:
    """termbase/*.yaml: language-neutral facts of each entry."""
    kind = {"enum": KINDS}
    entry = {"type": "object", "required": ["kind"], "properties": {
        "kind": {"description": "the entry's role, or a list of roles", "anyOf": [kind, {"type": "array", "items": kind}]},
        "gender": {"enum": ["m", "f"], "description": "a person's gender: his/her in English, Russian name endings"},
        "zone": {"type": "string", "description": "a place's IANA time zone", "examples": ["Asia/Almaty"]},
        "place": {"type": "string", "description": "termbase key of the entry's city"},
        "country": {"type": "string", "description": "ISO 3166 code"},
        "members": {"type": "array", "items": TEXT, "description": "a group's recipients"},
        "emblem": {"type": "string", "description": "a PNG under termbase/, above a sender's letterhead"},
        "house": {"$ref": "#/$defs/House", "description": "a sender's conventions (NOTE-SPEC §7, §10)"},
        "closing": {"type": "string", "description": "the closing a recipient is owed: highest, high, or a variant "
                                                     "of the office's formulas", "examples": ["high"]},
        "excellency": {"type": "boolean", "description": "a recipient owed Excellency (a minister, an ambassador): "
                       "a personal note's salutation, closing and addressee say so (NOTE-SPEC §11); otherwise its "
                       "`title` in each language", "examples": [True]},
    }}
    return {"$schema": DRAFT, "title": "termbase/*.yaml (entries' roles and facts)", "type": "object",
            "additionalProperties": entry, "$defs": house_schema()[1]}


def forms_schema() -> dict:
    """termbase/<lang>/*.yaml: each entry's names and grammatical forms in one language."""
    cases = {name: {**TEXT, "description": f"the {full} form"} for name, full in [
        ("nom", "nominative (as it stands in a sentence)"), ("gen", "genitive"), ("dat", "dative"),
        ("acc", "accusative"), ("ins", "instrumental"), ("prep", "prepositional (Russian)"),
        ("loc", "locative (Kazakh)"), ("abl", "ablative (Kazakh)")]}
    forms = {
        **cases,
        "short": {**TEXT, "description": "the short name (the closing formula's subject)"},
        **{f"short_{case}": {**TEXT, "description": f"the short name in the {full} (a ref's issuer with house "
                                                     "`issuer: short`; derived when not written)"}
           for case, full in [("gen", "genitive"), ("dat", "dative"), ("acc", "accusative"), ("ins", "instrumental"),
                              ("prep", "prepositional (Russian)"), ("loc", "locative (Kazakh)")]},
        "short_possessive": {"type": "boolean", "description": "Kazakh: the short name's last word carries the "
                                                              "possessive"},
        "letterhead": {**LINES, "description": "a sender's letterhead, line by line"},
        "address": {**LINES, "description": "a recipient's addressee block, capitals, line by line"},
        "line": {**TEXT, "description": "a place in the place-and-date line"},
        "time": {**TEXT, "description": "a place in a zone phrase: 'Vienna time'"},
        "possessive": {"type": "boolean", "description": "Kazakh: the last word carries the possessive (Хатшылығы)"},
        "name": {**TEXT, "description": "a person's name"},
        "first": {**TEXT, "description": "a person's first name (Russian: declined by petrovich)"},
        "middle": {**TEXT, "description": "a person's patronymic"},
        "last": {**TEXT, "description": "a person's surname"},
        "position": {**TEXT, "description": "a person's position (before the name; in English a long title after it)"},
        "position_before": {"type": "boolean", "description": "English: the position stands before the name "
                            "(default: a one-word title such as Ambassador)"},
        "courtesy": {**TEXT, "description": "English courtesy title before the name: Mr, Ms, Dr, H.E. (default by "
                     "gender: Mr, Ms; \"\" for none)"},
        "title": {**TEXT, "description": "how a recipient not owed Excellency is addressed in a personal note's "
                  "salutation and closing (NOTE-SPEC §11)", "examples": ["Mr Chargé d'Affaires",
                                                                        "господин Временный поверенный в делах"]},
        "position_possessive": {"type": "boolean", "description": "Kazakh: the position's last word carries the "
                                "possessive (министрі), for the position alone in a case"},
        **{f"{part}_{case}": {**TEXT, "description": f"a person's {part} alone in the {full}, where the rule's "
                                                     "form is not right"}
           for part in ("name", "position") for case, full in [("gen", "genitive"), ("dat", "dative")]},
        "pronoun": {**TEXT, "description": "the possessive pronoun a document of this issuer takes with a ref's "
                    "`issuer: pronoun` (Russian «ее» for ЮНЕСКО); derived from the name when not written"},
        "dated": {"type": "array", "description": "names in force between dates",
                  "items": {"type": "object", "properties": {"from": TEXT, "until": TEXT, **cases}}},
    }
    entry = {"type": "object", "properties": forms}
    return {"$schema": DRAFT, "title": "termbase/<lang>/*.yaml (names and forms in one language)", "type": "object",
            "additionalProperties": entry}


def formulas_schema() -> dict:
    """termbase/<lang>/formulas.yaml: an office's own formulas, merged over the built-in ones name by name
    (NOTE-SPEC §10; locales/README.md).  A formula is a Jinja text (or a list of lines); a variant of opening,
    closing or with_reference_to is a text or a mapping with its own whole ``sentence``."""
    formula = {**TEXT, "description": "a Jinja text over the names locales/README.md lists"}
    variant = {"anyOf": [formula, {"type": "object", "properties": {
        "sentence": {**formula, "description": "a whole sentence of its own"},
        "action": formula, "consideration": formula}, "additionalProperties": False}]}
    group = {"type": "object", "additionalProperties": variant}
    kind = {"type": "object", "description": "a kind of document a note refers to: its word in every case used "
                                             "(Russian: gender and the six cases), `date` (the word before a date), "
                                             "`number_label`, `possessive` (Kazakh), `ref` (a phrase of its own), `your` "
                                             "(Kazakh: the second-person polite form a personal note's reference "
                                             "takes, «нотаңыз»)",
            "properties": {"nom": TEXT, "gen": TEXT, "dat": TEXT, "acc": TEXT, "ins": TEXT, "prep": TEXT,
                           "gender": {"enum": ["m", "f", "n"]}, "date": TEXT, "number_label": TEXT,
                           "possessive": {"type": "boolean"}, "ref": formula, "your": TEXT}}
    return {"$schema": DRAFT, "title": "termbase/<lang>/formulas.yaml (an office's own formulas)", "type": "object",
            "properties": {
                "opening": {**group, "description": "`sentence` (the frame) and variants: `opening: NAME` in a spec"},
                "closing": {**group, "description": "`sentence` (the frame) and variants: `closing: NAME` in a spec"},
                "with_reference_to": {"anyOf": [formula, {"type": "object", "additionalProperties": formula}],
                                      "description": "phrases citing a document: `default` and variants"},
                "number": formula, "place_date": formula, "date_only": formula, "title": formula,
                "subject_label": formula, "subject": formula, "enclosure_label": formula, "enclosure_item": formula,
                "enclosure_as_stated": {"type": "array", "items": formula},
                "refs": {"type": "object", "properties": {"ref": formula, "words": {"type": "object"},
                                                          "its": {"type": "object", "description": "the possessive "
                                                                  "pronoun of a ref's issuer (`issuer: pronoun`) by "
                                                                  "gender: m, f, n, pl", "additionalProperties": TEXT},
                                                          "kinds": {"type": "object", "additionalProperties": kind}}},
                "currencies": {"type": "object", "additionalProperties": {"type": "object", "description":
                                "names by CLDR plural category (one, few, many, other) and `symbol`"}},
                "dates": {"type": "object", "properties": {"this_year": formula, "numeric": formula}},
                "amounts": {"type": "object", "properties": {"symbol": formula}},
                "transliteration": {"type": "object", "description": "English: the Latin letters of each Cyrillic "
                                    "letter (lower case) in a number an English note cites (locales/en/README.md)",
                                    "additionalProperties": {"type": "string"}},
                "layout": {**TEXT, "description": "the layout in templates/ (without .j2)"},
                "kinds": {"type": "object", "description": "document kinds (NOTE-SPEC §11): each a set of named "
                          "formulas, looked up before the top-level ones, and a layout (locales/README.md)",
                          "additionalProperties": {"type": "object", "properties": {
                              "layout": {**TEXT, "description": "the layout in templates/ (without .j2)"},
                              "requires": {"type": "object", "description": "what the kind asks of a spec",
                                           "properties": {
                                               "recipients": {"enum": ["one", "any"]},
                                               "sender": {"type": "array", "items": TEXT},
                                               "sender_forms": {"type": "array", "items": TEXT},
                                               "addressed_as": {"type": "array", "items": TEXT},
                                               "addressee_person_forms": {"type": "array", "items": TEXT}}},
                              "refuses": {"anyOf": [{"type": "array", "items": TEXT},
                                                    {"type": "object", "additionalProperties": TEXT}],
                                          "description": "spec fields the kind has no place for (with a hint)"},
                              "refs": {"type": "object", "description": "how the kind cites its addressee's own "
                                       "document (`issuer: pronoun`): `its` (a word, or in Russian a table by the "
                                       "ref kind's gender and case: «Вашу ноту»), `kind_form` (Kazakh: `your`)",
                                       "properties": {"its": {"anyOf": [TEXT, {"type": "object"}]},
                                                      "kind_form": TEXT}},
                              "salutation": formula, "addressed": formula, "document_title": formula,
                              "signature": {"anyOf": [formula, {"type": "array", "items": formula}]},
                              "addressee": {"anyOf": [formula, {"type": "array", "items": formula}]}}}},
            }}


SCHEMAS = {"note-spec.schema.json": spec_schema, "verbale.schema.json": workspace_schema,
           "termbase.schema.json": termbase_schema, "termbase-forms.schema.json": forms_schema,
           "termbase-formulas.schema.json": formulas_schema}


def schema_text(name: str = "note-spec.schema.json") -> str:
    return json.dumps(SCHEMAS[name](), ensure_ascii=False, indent=2) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Every schema into ``folder`` (the committed copies, or a workspace's schema/)."""
    from ..files import write_atomic

    folder.mkdir(parents=True, exist_ok=True)
    for name in SCHEMAS:
        write_atomic(folder / name, schema_text(name).encode("utf-8"))
    return [folder / name for name in SCHEMAS]
