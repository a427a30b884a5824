"""The JSON Schema of the spec, generated from the same models that validate it."""
from __future__ import annotations

from .spec import NoteSpec

SCHEMA_ID = "https://example.invalid/note-spec.schema.json"


def spec_schema() -> dict:
    schema = NoteSpec.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
