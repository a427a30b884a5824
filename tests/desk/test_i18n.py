"""The desk in the clerk's language: Babel gettext catalogues (locales/<lang>/LC_MESSAGES/verbale.po) hold every
message the desk shows, in Russian and Kazakh, and the JSON Schema's help in plain words; the language is the
browser's, or the clerk's choice."""
from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from desk_fixtures import workspace  # noqa: F401 - a fixture
from test_desk_app import desk_client
from verbale.desk.i18n import LANGUAGES, Words, catalogue_path, desk_messages, negotiate, schema_messages
from verbale.facts.schema import spec_schema

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def catalogue(lang: str):
    with catalogue_path(lang).open("rb") as stream:
        return read_po(stream, locale=lang)


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_message_of_the_desk_is_translated(lang):
    entries = {message.id: message for message in catalogue(lang) if message.id}
    wanted = {m for m in desk_messages() if any(c.isalpha() for c in m)}
    missing = sorted(wanted - set(entries))
    assert not missing, f"{lang}: {len(missing)} messages without a translation, e.g. {missing[:5]}"
    schema = schema_messages(spec_schema())   # its braces are text, not placeholders
    for msgid in wanted:
        entry = entries[msgid]
        assert entry.string and not entry.fuzzy, (lang, msgid)
        if msgid not in schema:
            assert sorted(PLACEHOLDER.findall(entry.string)) == sorted(PLACEHOLDER.findall(msgid)), (lang, msgid)
    unused = sorted(set(entries) - wanted)
    assert not unused, f"{lang}: messages the desk no longer shows: {unused[:5]}"


def test_the_schemas_help_is_in_plain_words():
    """English keeps its words but for the JSON Schema's help, which the English catalogue puts plainly: no YAML
    names in backticks, no {{ }} paths, no "termbase key"."""
    entries = {message.id: message.string for message in catalogue("en") if message.id}
    from verbale.desk.form import widgets

    described = set()

    def walk(widget):
        if widget.description:
            described.add(widget.description)
        for child in [*widget.children, *(widget.options if widget.kind == "choice" else ())]:
            walk(child)
    for top in widgets(spec_schema()):
        walk(top)
    for description in described:
        plain = entries.get(description) or description
        for lang in ("en", "ru", "kk"):
            text = Words(lang)(description)
            assert "`" not in text and "{{" not in text and "termbase key" not in text, (lang, description, text)
        assert plain


@pytest.mark.parametrize("chosen,header,expected", [
    (None, "ru-RU,ru;q=0.9,en-US;q=0.8", "ru"),
    (None, "kk-KZ,kk;q=0.9", "kk"),
    (None, "de-DE,de;q=0.9,kk;q=0.5,en;q=0.3", "kk"),
    (None, "fr", "en"),
    (None, "", "en"),
    ("kk", "ru", "kk"),              # the clerk's choice wins over the browser
    ("xx", "ru", "ru"),              # an unknown choice is passed by
    (None, "ru;q=abc, kk;q=0.1", "kk"),
])
def test_the_language_is_the_clerks_choice_else_the_browsers(chosen, header, expected):
    assert negotiate(chosen, header) == expected


def test_the_pages_speak_the_browsers_language_and_the_switch_keeps_the_choice(workspace):
    client = desk_client(workspace)
    page = client.get("/spec/17-1-624.yaml", headers={"Accept-Language": "ru-RU,ru;q=0.9"}).text
    assert '<html lang="ru">' in page and ">Сохранить</button>" in page and "<legend>Получатели</legend>" in page
    assert 'id="h-date">дата ноты</small>' in page                   # help from the schema, in Russian
    page = client.get("/", headers={"Accept-Language": "kk"}).text
    assert "Осы жұмыс қалтасындағы ноталар" in page
    answer = client.get("/lang/kk?next=/register", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/register"
    page = client.get("/spec/17-1-624.yaml", headers={"Accept-Language": "ru"}).text
    assert '<html lang="kk">' in page and ">Сақтау</button>" in page
    assert client.get("/lang/en?next=//evil.example/", follow_redirects=False).headers["location"] == "/"
    page = client.get("/register").text
    assert '<html lang="en">' in page


def test_every_language_has_the_same_placeholders_in_the_page(workspace):
    """A page renders whole in every language (a placeholder missing from a translation would raise)."""
    client = desk_client(workspace)
    for lang in LANGUAGES:
        client.get(f"/lang/{lang}?next=/")
        for path in ("/", "/spec/17-1-624.yaml", "/register", "/names", "/bin"):
            answer = client.get(path)
            assert answer.status_code == 200 and f'<html lang="{lang}">' in answer.text, (lang, path)
