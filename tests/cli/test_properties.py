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


# Issue #15: texts with escapes, filters and long words; every file written parses as XML, every run ends
# within a bound (a guard: an alarm far above the time of a build, not a timing assertion).
ESCAPES = ["\\x07", "\\x1b", "\\u0007", "\\ufffe", "\\ud800", "\\n", "\\t", "\\x0b", "\\u202e", "\\x00", "%c", "&<>"]
FILTERS = ["upper", "center(9)", "center(10**9)", "format(7)", "format(10**6)", "replace('a', 'bb')", "list | join('-')",
           "indent(4)", "indent(10**8)", "wordwrap(3)", "truncate(5)", "trim", "title", "string", "length",
           "batch(3) | list | string", "int", "e"]
long_words = st.builds(lambda char, size: char * size, st.sampled_from("aЯ1/-.{%г "), st.integers(1000, 5000))
literals = st.one_of(st.sampled_from(ESCAPES), st.text(max_size=10).map(lambda t: t.replace("'", "")))
expressions = st.builds(lambda left, escape, right, flt: "{{ '%s%s%s' | %s }}" % (left, escape, right, flt),
                        literals, st.sampled_from(ESCAPES), literals, st.sampled_from(FILTERS))
pieces = st.one_of(expressions, long_words, texts, st.sampled_from(["{{ meeting.when }}", "{{ 6 | ordinal }}",
                                                                     "MM/2021/DRAFT/3/Rev.4", "22 сентября"]))
jinja_texts = st.lists(pieces, min_size=1, max_size=4).map(" ".join)


def all_files_parse(path) -> None:
    try:
        built = build(path)
    except NoteError as exc:
        assert all(str(e).strip() and "\n" not in str(e) for e in getattr(exc, "errors", [exc]))
        return
    for data in built.files.values():
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            for name in package.namelist():
                if name.endswith(".xml") or name.endswith(".rels"):
                    etree.fromstring(package.read(name))


class Bound:
    """SIGALRM after ``seconds`` (POSIX only): a run that does not end fails instead of hanging the suite."""

    def __init__(self, seconds: int):
        self.seconds = seconds

    def __enter__(self):
        import signal

        if hasattr(signal, "SIGALRM"):
            def timeout(signum, frame):
                raise AssertionError(f"a build ran past {self.seconds} s")
            self.previous = signal.signal(signal.SIGALRM, timeout)
            signal.alarm(self.seconds)

    def __exit__(self, *exc):
        import signal

        if hasattr(signal, "SIGALRM"):
            signal.alarm(0)
            signal.signal(signal.SIGALRM, self.previous)


@settings(max_examples=60, **COMMON)
@given(en=jinja_texts, ru=jinja_texts, kk=jinja_texts)
def test_texts_with_escapes_filters_and_long_words(tmp_path, en, ru, kk):
    path = tmp_path / "texts.yaml"
    spec = {**BASE_SPEC, "purpose": {"en": en, "ru": ru, "kk": kk}, "paragraphs": [{"en": en, "ru": ru, "kk": kk}]}
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    with Bound(60):
        all_files_parse(path)
