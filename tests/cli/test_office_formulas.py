"""An office's own formulas (NOTE-SPEC §10): `termbase/<lang>/formulas.yaml` merged over the built-in ones name by
name, used by generate, and checked by `verbale terms check` (names a formula uses that do not exist, languages it
lacks, Jinja that does not parse, ref kinds without their forms), each problem one located line."""
from __future__ import annotations

import shutil

import pytest
import yaml

from conftest import ROOT, docx_paragraphs, fill_in_sender
from verbale.cli import main as verbale


@pytest.fixture
def office(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert verbale(["init", "office"]) == 0
    monkeypatch.chdir(tmp_path / "office")
    fill_in_sender(tmp_path / "office")
    return tmp_path / "office"


def write_formulas(office, lang: str, text: str) -> None:
    (office / "termbase" / lang / "formulas.yaml").write_text(text, encoding="utf-8")


CLOSING_VARIANT = {
    "en": "closing:\n  assurance: highest consideration\n",
    "ru": "closing:\n  assurance: весьма высоком уважении\n",
    "kk": "closing:\n  assurance: зор ілтипатын\n",
}


def test_a_clean_office_formulas_file_checks_clean(office, capsys):
    for lang, text in CLOSING_VARIANT.items():
        write_formulas(office, lang, text)
    assert verbale(["terms", "check", "-q"]) == 0, capsys.readouterr().err


@pytest.mark.parametrize("lang, text, line", [
    ("en", "closing:\n  assurance: highest consideration\n  broken: \"{{ sender.short \"\n", "termbase/en/formulas.yaml:3: "
     "closing.broken: template syntax error: unexpected end of template"),
    ("en", "opening:\n  informs: has the honour to inform {{ recipents }} that {{ purpose }}\n",
     "termbase/en/formulas.yaml:2: opening.informs: unknown name 'recipents' (known here: "),
    ("en", "closing:\n  assurance: highest consideration\n  warm: warm regards\n",
     "termbase/en/formulas.yaml:3: closing.warm: closing.warm has no ru version (add it to "
     "termbase/ru/formulas.yaml, or drop ru from the workspace's languages)"),
    ("ru", "refs:\n  kinds:\n    notification: {nom: уведомление}\n",
     "termbase/ru/formulas.yaml:3: refs.kinds.notification: the kind 'notification' has no gender, gen, dat, acc, "
     "ins, prep in ru"),
    ("en", "refs:\n  kinds:\n    notification: {nom: Notification, date: dated}\n",
     "termbase/en/formulas.yaml:3: refs.kinds.notification: refs.kinds.notification has no ru version"),
    ("kk", "closing:\n  assurance: зор ілтипатын\nenclosure_label: \"{{ 'Қосымшалар:' if several else 'Қосымша:' | nosuchfilter }}\"\n",
     "termbase/kk/formulas.yaml:3: enclosure_label: no filter named 'nosuchfilter'"),
    ("en", "closing:\n  whole:\n    sentence: \"{{ sender.short }} avails {{ sender.itselff }} of {{ oportunity }}\"\n",
     "termbase/en/formulas.yaml:3: closing.whole.sentence: unknown name 'oportunity'"),
])
def test_a_bad_office_formula_is_a_located_line(office, capsys, lang, text, line):
    for other, good in CLOSING_VARIANT.items():
        write_formulas(office, other, good)
    write_formulas(office, lang, text)
    capsys.readouterr()
    assert verbale(["terms", "check", "-q"]) == 1
    err = capsys.readouterr().err
    assert line in err and "Traceback" not in err, err


SPEC = """number: 5
date: 2025-03-14
recipients: [mfa-russia]
purpose: {en: forward a document, ru: препроводить документ, kk: құжатты жолдауды}
"""


def generate(office, spec_text: str, capsys) -> dict[str, list[str]]:
    (office / "notes" / "t.yaml").write_text(spec_text, encoding="utf-8")
    status = verbale(["generate", "notes/t.yaml", "-o", "out/", "--force"])
    assert status == 0, capsys.readouterr().err
    return {lang: [t for s, t in docx_paragraphs(office / "out" / f"t.{lang}.docx") if s == "Note Body"]
            for lang in ("en", "ru", "kk")}


def test_formulas_merge_name_by_name(office, capsys):
    """A variant the office adds keeps the built-in frame; a frame the office replaces changes every closing, in
    the languages where it replaces it; the built-in variants stay."""
    for lang, text in CLOSING_VARIANT.items():
        write_formulas(office, lang, text)
    bodies = generate(office, SPEC + "closing: assurance\n", capsys)
    assert bodies["en"][-1] == ("The Embassy avails itself of this opportunity to renew to the Ministry of Foreign "
                                "Affairs of the Russian Federation the assurances of its highest consideration.")
    write_formulas(office, "en", CLOSING_VARIANT["en"] + "  sentence: >-\n    {{ sender.short | capfirst }} takes "
                                                         "this opportunity to renew to {{ recipients | lower_article }}"
                                                         " the assurances of {{ sender.its }} {{ consideration }}.\n")
    bodies = generate(office, SPEC + "closing: high\n", capsys)
    assert bodies["en"][-1] == ("The Embassy takes this opportunity to renew to the Ministry of Foreign Affairs of the "
                                "Russian Federation the assurances of its high consideration.")
    assert bodies["ru"][-1] == ("Посольство пользуется случаем, чтобы возобновить Министерству иностранных дел "
                                "Российской Федерации уверения в своем высоком уважении.")


def test_an_unknown_variant_names_where_variants_live(office, capsys):
    (office / "notes" / "t.yaml").write_text(SPEC + "closing: assurance\n", encoding="utf-8")
    assert verbale(["generate", "notes/t.yaml", "-o", "out/"]) == 1
    err = capsys.readouterr().err
    assert ("notes/t.yaml:5: closing: 'assurance' is not a variant of closing in en, ru, kk (known: high, highest, "
            "none; an office adds its own under `closing:` in termbase/en/formulas.yaml)") in err, err


def test_an_unknown_ref_kind_names_where_kinds_live(office, capsys):
    (office / "notes" / "t.yaml").write_text(SPEC + "refs:\n  n: {kind: notification, number: '1'}\n", encoding="utf-8")
    assert verbale(["generate", "notes/t.yaml", "-o", "out/"]) == 1
    err = capsys.readouterr().err
    assert "notes/t.yaml:6: refs.n.kind: 'notification' is not a kind of document in en, ru, kk (known: agreement, " \
           "letter, note, resolution; an office adds its own under refs.kinds" in err, err


def test_the_example_workspaces_check_clean(tmp_path, monkeypatch, capsys):
    for name in ("exchange", "convention", "un-mission"):
        shutil.copytree(ROOT / "examples" / name, tmp_path / name)
        monkeypatch.chdir(tmp_path / name)
        assert verbale(["terms", "check", "-q"]) == 0, capsys.readouterr().err


def test_a_v2_office_with_one_reference_phrase_keeps_it(office, capsys):
    """v2 let an office replace `with_reference_to` with one text; it is still the default phrase."""
    for lang, text in {"en": "with_reference_to: referring to {{ ref }}\n",
                       "ru": "with_reference_to: ссылаясь на {{ ref.acc }}\n",
                       "kk": "with_reference_to: \"{{ ref | dat }} сілтеме жасай отырып\"\n"}.items():
        write_formulas(office, lang, text)
    spec = SPEC + "refs:\n  n: {kind: note, number: '7', date: 2025-01-10}\nwith_reference_to: n\n"
    assert "and, referring to Note No. 7 of 10 January 2025, has the honour" in generate(office, spec, capsys)["en"][0]
    assert verbale(["terms", "check", "-q"]) == 0, capsys.readouterr().err
