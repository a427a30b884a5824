"""The desk offers the kind of document (NOTE-SPEC §11): its form, built from the JSON Schema, has the field `kind`
(with its help in the clerk's language: tests/desk/test_i18n.py); a personal note saves unchanged byte for byte,
and a kind the spec's other fields do not fit is refused as the command line refuses it, the file untouched."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from test_desk_app import desk_client, form_of, post

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "registry"
NAME = "notes/personal-absence.yaml"


@pytest.fixture
def registry(tmp_path) -> Path:
    root = tmp_path / "registry"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("register.sqlite", "incoming", "out"))
    return root


def test_the_form_offers_the_kind_and_keeps_a_personal_note(registry):
    client = desk_client(registry)
    pairs = form_of(client, NAME)
    assert ("kind", "personal-note") in pairs
    before = (registry / NAME).read_bytes()
    answer = post(client, f"/save/{NAME}", pairs)
    assert answer.status_code == 200 and "Nothing to save" in answer.text, answer.text
    assert (registry / NAME).read_bytes() == before


def test_a_kind_that_does_not_fit_is_refused_and_nothing_written(registry):
    client = desk_client(registry)
    pairs = [("kind", "aide-memoire") if name == "kind" else (name, value) for name, value in form_of(client, NAME)]
    before = (registry / NAME).read_bytes()
    answer = post(client, f"/save/{NAME}", pairs)
    assert "an aide-memoire takes no recipients" in answer.text, answer.text
    assert (registry / NAME).read_bytes() == before
