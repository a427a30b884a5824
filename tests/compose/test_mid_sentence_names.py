"""English names of entries in the middle of a sentence (the formulas of locales/en/formulas.yaml).

Rule: an entry whose name is written to start a sentence ("The Embassy of …", a sender's designation) takes a
lower-case article where a formula puts it mid-sentence — after "compliments to", "on behalf of", "renew to" and
in a ref's issuer ("the Note of the Embassy …"); the formula says so with the filter `lower_article`, as it says
`capfirst` at a sentence's start (source: the seeds, which write "to the Ministry of Foreign Affairs …" and "the
Delegation" mid-sentence and "The" only where a sentence starts).
"""
from __future__ import annotations

import shutil

import pytest
import yaml

from conftest import docx_paragraphs
from verbale.build import build, write_outputs
from verbale.facts.termbase import LOCALES_DIR, Termbase
from verbale.grammar import en

NEUTRAL = {"us-embassy": {"kind": ["sender", "recipient"]}, "ru-mfa": {"kind": "authority"}}
FORMS = {"us-embassy": {"nom": "The Embassy of the United States of America", "short": "The Embassy",
                        "address": ["EMBASSY OF THE UNITED STATES OF AMERICA", "ASTANA"]},
         "ru-mfa": {"nom": "The Ministry of Foreign Affairs of the Russian Federation"}}

SPEC = """\
number: 7
date: 2023-06-15
place: astana
sender: cica-secretariat
recipients: [us-embassy]
on_behalf_of: ru-mfa
with_reference_to: their-note
refs:
  their-note: {kind: note, number: 5, date: 2023-06-01, of: us-embassy}
languages: [en]
purpose:
  en: inform that the meeting is postponed
"""


@pytest.fixture(scope="module")
def termbase(tmp_path_factory) -> Termbase:
    root = tmp_path_factory.mktemp("termbase") / "locales"
    shutil.copytree(LOCALES_DIR, root)
    (root / "office.yaml").write_text(yaml.safe_dump(NEUTRAL), encoding="utf-8")
    (root / "en" / "office.yaml").write_text(yaml.safe_dump(FORMS), encoding="utf-8")
    return Termbase(root)


def test_entries_mid_sentence_take_a_lower_case_article(tmp_path, termbase):
    spec = tmp_path / "note.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    write_outputs(build(spec, termbase), tmp_path / "out")
    body = [text for style, text in docx_paragraphs(tmp_path / "out" / "note.en.docx") if style == "Note Body"]
    assert body == [
        "The Secretariat of the Conference on Interaction and Confidence Building Measures in Asia (CICA) presents "
        "its compliments to the Embassy of the United States of America and, on behalf of the Ministry of Foreign "
        "Affairs of the Russian Federation, with reference to the Note of the Embassy of the United States of "
        "America No. 5 of 1 June 2023, has the honour to inform that the meeting is postponed.",
        "The Secretariat avails itself of this opportunity to renew to the Embassy of the United States of America "
        "the assurances of its highest consideration.",
    ]


@pytest.mark.parametrize("names, expected", [
    ("The Embassy of the United States of America", "the Embassy of the United States of America"),
    ("the Ministry of Foreign Affairs", "the Ministry of Foreign Affairs"),      # already lower
    ("CICA Member States", "CICA Member States"),                                # no article
    ("Theatre Office", "Theatre Office"),                                        # only the word "The"
    ("the Embassy of the Kingdom of the Netherlands in The Hague",               # a name's own "The" stays
     "the Embassy of the Kingdom of the Netherlands in The Hague"),
    (["The Secretariat", "The Embassy"], "the Secretariat and the Embassy"),     # several recipients
])
def test_lower_article(names, expected):
    assert en.lower_article(names) == expected
