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


def workspace_schema() -> dict:
    from .workspace import WorkspaceConfig

    return {"$schema": DRAFT, **WorkspaceConfig.model_json_schema(by_alias=True)}


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
        "house": {"type": "object", "description": "a sender's conventions (NOTE-SPEC §7)"},
    }}
    return {"$schema": DRAFT, "title": "termbase/*.yaml (entries' roles and facts)", "type": "object",
            "additionalProperties": entry}


def forms_schema() -> dict:
    """termbase/<lang>/*.yaml: each entry's names and grammatical forms in one language."""
    cases = {name: {**TEXT, "description": f"the {full} form"} for name, full in [
        ("nom", "nominative (as it stands in a sentence)"), ("gen", "genitive"), ("dat", "dative"),
        ("acc", "accusative"), ("ins", "instrumental"), ("prep", "prepositional (Russian)"),
        ("loc", "locative (Kazakh)"), ("abl", "ablative (Kazakh)")]}
    forms = {
        **cases,
        "short": {**TEXT, "description": "the short name (the closing formula's subject)"},
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
        "title": {**TEXT, "description": "a person's title"},
        "dated": {"type": "array", "description": "names in force between dates",
                  "items": {"type": "object", "properties": {"from": TEXT, "until": TEXT, **cases}}},
    }
    entry = {"type": "object", "properties": forms}
    return {"$schema": DRAFT, "title": "termbase/<lang>/*.yaml (names and forms in one language)", "type": "object",
            "additionalProperties": entry}


SCHEMAS = {"note-spec.schema.json": spec_schema, "verbale.schema.json": workspace_schema,
           "termbase.schema.json": termbase_schema, "termbase-forms.schema.json": forms_schema}


def schema_text(name: str = "note-spec.schema.json") -> str:
    return json.dumps(SCHEMAS[name](), ensure_ascii=False, indent=2) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Every schema into ``folder`` (the committed copies, or a workspace's schema/)."""
    from ..files import write_atomic

    folder.mkdir(parents=True, exist_ok=True)
    for name in SCHEMAS:
        write_atomic(folder / name, schema_text(name).encode("utf-8"))
    return [folder / name for name in SCHEMAS]
