"""The JSON Schema for editors: generated from the validating models, committed, and current."""
from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
import yaml

from conftest import NOTES, ROOT
from verbale.cli.generate import main
from verbale.facts.schema import schema_text, spec_schema
from verbale.facts.house import House
from verbale.facts.spec import Enclosure, Meeting, NoteSpec, Texts


def test_committed_schema_is_current():
    assert (ROOT / "note-spec.schema.json").read_text(encoding="utf-8") == schema_text(), "run: python generate.py --schema > note-spec.schema.json"


def test_schema_option_prints_it(capsys):
    assert main(["--schema"]) == 0
    assert json.loads(capsys.readouterr().out) == spec_schema()


@pytest.mark.parametrize("model, where", [(NoteSpec, None), (Meeting, "Meeting"), (Enclosure, "Enclosure"),
                                          (Texts, "Texts"), (House, "House")])
def test_every_field_is_named_with_a_description_and_an_example(model, where):
    schema = spec_schema()
    properties = (schema if where is None else schema["$defs"][where])["properties"]
    assert set(properties) == set(model.model_fields)
    for name, field in properties.items():
        assert field.get("description"), f"{name} has no description"
        assert field.get("examples"), f"{name} has no example"


def _as_editor_reads_it(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return json.loads(json.dumps(data, default=lambda v: v.isoformat() if isinstance(v, dt.date) else str(v)))


@pytest.mark.parametrize("spec", sorted(NOTES.glob("*.yaml")), ids=lambda p: p.name)
def test_sample_specs_name_the_schema_and_pass_it(spec):
    assert spec.read_text(encoding="utf-8").splitlines()[0] == "# yaml-language-server: $schema=../note-spec.schema.json"
    jsonschema.validate(_as_editor_reads_it(spec), spec_schema())


@pytest.mark.parametrize("change", [{"urgancy": "urgent"}, {"urgency": "soon"}, {"enclosures": 0},
                                    {"meeting": {"body": "swg", "start": "24.09.2021 14:00"}}])
def test_schema_rejects_what_validation_rejects(change):
    data = {**_as_editor_reads_it(NOTES / "17-1-624.yaml"), **change}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, spec_schema())
