"""The desk's form knows NOTE-SPEC §10's fields: a heading is one line or a list of lines per language, the opening
is a variant's name or {clause, action}; what the form posts reads back as the spec had it (nothing a clerk wrote
is turned into a different value)."""
from __future__ import annotations

from verbale.desk.form import form_data, widgets
from verbale.facts.schema import spec_schema


def test_a_heading_is_a_group_of_lines_per_language():
    tree = {w.name: w for w in widgets(spec_schema())}
    heading = tree["heading"]
    assert heading.kind == "group"
    assert [(c.name, c.kind, [o.kind for o in c.options]) for c in heading.children] == [
        ("heading.en", "choice", ["text", "list"]), ("heading.ru", "choice", ["text", "list"]),
        ("heading.kk", "choice", ["text", "list"])]
    assert tree["subject"].kind == "texts"


def test_the_new_fields_read_back():
    posted = [("heading.en[0]", "NOTIFICATION"), ("heading.en[1]", "No. {{ number }}"), ("heading.ru", "УВЕДОМЛЕНИЕ"),
              ("subject.en", "Contributions"), ("opening.clause.en", "confirming receipt of {{ refs.n }}"),
              ("opening.action", "plain"), ("closing", "with-thanks"),
              ("with_reference_to.ref", "n"), ("with_reference_to.phrase", "receipt")]
    assert form_data(posted, spec_schema()) == {
        "heading": {"en": ["NOTIFICATION", "No. {{ number }}"], "ru": "УВЕДОМЛЕНИЕ"},
        "subject": {"en": "Contributions"},
        "opening": {"clause": {"en": "confirming receipt of {{ refs.n }}"}, "action": "plain"},
        "closing": "with-thanks", "with_reference_to": {"ref": "n", "phrase": "receipt"}}


def test_the_example_specs_save_unchanged_through_the_desk(tmp_path):
    """The examples of §10 (a heading of several lines, a clause, variants by name) open in the desk, preview
    without problems and are saved back byte for byte."""
    import shutil

    from conftest import ROOT
    from test_desk_app import desk_client, form_of, post

    for name in ("exchange", "convention", "un-mission"):
        root = tmp_path / name
        shutil.copytree(ROOT / "examples" / name, root)
        client = desk_client(root)
        for spec in sorted((root / "notes").glob("*.yaml")):
            before = spec.read_bytes()
            page = client.get(f"/spec/notes/{spec.name}")
            assert page.status_code == 200, page.text[:300]
            answer = post(client, f"/save/notes/{spec.name}", form_of(client, f"notes/{spec.name}"))
            assert answer.status_code == 200 and "Nothing to save" in answer.text, answer.text[:500]
            assert spec.read_bytes() == before, spec.name


def test_a_refs_number_in_figures_stays_text():
    """A cited note's number "0123" is read back as the text it is, not as the count 123 (a choice of text or
    per-language texts has no number in it); `enclosures: 11` is still a count."""
    assert form_data([("refs.n.number", "0123"), ("refs.n.kind", "note"), ("enclosures", "11")], spec_schema()) == {
        "refs": {"n": {"number": "0123", "kind": "note"}}, "enclosures": 11}
