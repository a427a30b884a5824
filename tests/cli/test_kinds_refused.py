"""Document kinds (NOTE-SPEC §11): a combination a kind has no place for is refused with one located line
`FILE:LINE: FIELD: problem (hint)` per problem, nothing written; the rules are data (formulas.yaml,
``kinds.<kind>.requires`` and ``refuses``), read by verbale/compose/kinds.py."""
from __future__ import annotations

import shutil

import pytest

from conftest import ROOT
from test_errors import LINE, run

PERSONAL = """\
kind: personal-note
number: "17-1/90"
date: 2026-03-12
sender: kz-ambassador-moscow
recipients: [minister-russia]
purpose: {en: inform you, ru: сообщить, kk: хабарлауды}
"""
AIDE = """\
kind: aide-memoire
number: "17-1/91"
date: 2026-03-24
purpose: {en: Text., ru: Текст., kk: Мәтін.}
"""
VERBALE = """\
number: "17-1/92"
date: 2026-03-24
sender: kz-embassy-moscow
recipients: [mfa-russia]
purpose: {en: inform the Ministry, ru: сообщить, kk: хабарлауды}
"""

# (name, spec, line, field, the problem, words of the hint)
CASES = [
    ("personal note to two", PERSONAL.replace("[minister-russia]", "[minister-russia, ambassador-france-moscow]"),
     5, "recipients", "a personal-note has one addressee; 2 are named", "distribution"),
    ("personal note with compliments", PERSONAL + "compliments: true\n",
     7, "compliments", "a personal-note takes no compliments", "drop `compliments:`"),
    ("personal note signed by an office", PERSONAL.replace("kz-ambassador-moscow", "kz-embassy-moscow"),
     4, "sender", "is signed by its sender", "person"),
    ("personal note to an office owed nothing", PERSONAL.replace("[minister-russia]", "[mfa-russia]"),
     5, "recipients[0]", "'mfa-russia' says neither `excellency: true` nor its `title`", "termbase/terms.yaml"),
    ("aide-memoire with recipients", AIDE + "recipients: [mfa-russia]\n",
     5, "recipients", "an aide-memoire takes no recipients", "handed_to"),
    ("aide-memoire with a closing", AIDE + "closing: high\n",
     5, "closing", "an aide-memoire takes no closing", "no closing formula"),
    ("note verbale handed to", VERBALE + "handed_to: mfa-russia\n",
     6, "handed_to", "a note-verbale takes no handed_to", "recipients"),
    ("unknown kind", VERBALE.replace('number: "17-1/92"', 'kind: letter\nnumber: "17-1/92"'),
     1, "kind", "'letter' is not a kind of document in", "aide-memoire, note-verbale, personal-note"),
]


@pytest.fixture(scope="module")
def notes(tmp_path_factory):
    root = tmp_path_factory.mktemp("kinds") / "registry"
    shutil.copytree(ROOT / "examples" / "registry", root, ignore=shutil.ignore_patterns("out", "*.sqlite*"))
    return root / "notes"


@pytest.mark.parametrize("name, text, line, field, problem, hint", CASES, ids=[c[0] for c in CASES])
def test_a_kind_refuses_what_it_has_no_place_for(capsys, tmp_path, notes, name, text, line, field, problem, hint):
    spec = notes / f"{name.replace(' ', '-')}.yaml"
    spec.write_text(text, encoding="utf-8")
    status, lines, _ = run(capsys, spec, "-o", tmp_path / "out")
    assert status == 1 and len(lines) == 1, lines
    match = LINE.match(lines[0])
    assert match and "Traceback" not in lines[0], lines
    assert match["file"].endswith(spec.name), lines[0]
    assert (int(match["line"]), match["field"]) == (line, field), lines[0]
    assert problem in match["problem"] and hint in match["problem"].split(" (", 1)[1], lines[0]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir()), "nothing is half-written"
