"""Property-based: whatever the input, the outcome is valid DOCX files or error lines, never an exception."""
from __future__ import annotations

import io
import zipfile

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import BASE_SPEC
from verbale.build import build
from verbale.errors import NoteError

COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.text(max_size=40),
                    st.dates().map(str), st.sampled_from(["astana", "swg", "cica-member-states", "urgent", "en",
                                                         "{{ meeting.when }}", "{{ 6 | ordinal }}", "2021-09-24 14:00"]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                      max_leaves=8)
texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
per_language = st.fixed_dictionaries({"en": texts, "ru": texts, "kk": texts})
fields = st.sampled_from(sorted(BASE_SPEC) + ["urgency", "on_behalf_of", "languages", "continuation",
                                               "paragraphs", "distribution"])


def outcome(path) -> None:
    """Either whole, parseable DOCX files or a NoteError; anything else fails the test."""
    try:
        built = build(path)
    except NoteError as exc:
        assert str(exc).strip()
        return
    for data in list(built.files.values())[:2]:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            etree.fromstring(package.read("word/document.xml"))


@settings(max_examples=700, **COMMON)
@given(raw=st.binary(max_size=300))
def test_random_bytes(tmp_path, raw):
    path = tmp_path / "random.yaml"
    path.write_bytes(raw)
    outcome(path)


@settings(max_examples=700, **COMMON)
@given(field=fields, value=values)
def test_random_field_values(tmp_path, field, value):
    path = tmp_path / "field.yaml"
    path.write_text(yaml.safe_dump({**BASE_SPEC, field: value}, allow_unicode=True), encoding="utf-8")
    outcome(path)


@settings(max_examples=600, **COMMON)
@given(purpose=per_language, number=st.text(min_size=1, max_size=20), pages=st.integers(-5, 3000))
def test_random_texts(tmp_path, purpose, number, pages):
    path = tmp_path / "texts.yaml"
    spec = {**BASE_SPEC, "purpose": purpose, "number": number, "enclosures": pages}
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    outcome(path)
