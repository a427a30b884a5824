"""The JSON Schema of the spec, generated from the same models that validate it.

The committed copy, note-spec.schema.json, lets editors (VS Code's YAML extension) complete and check
the form as a clerk types; a test keeps it current.
"""
from __future__ import annotations

import json

from .spec import NoteSpec



def spec_schema() -> dict:
    schema = NoteSpec.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_text() -> str:
    return json.dumps(spec_schema(), ensure_ascii=False, indent=2) + "\n"
