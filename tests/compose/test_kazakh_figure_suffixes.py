"""The lint on a case suffix a clerk types after figures in a Kazakh text (round lang4).

Rule (locales/kk/README.md, «Numbers in figures»): a number in figures takes the suffix of its last word as read
aloud (ЕЕ, hyphen rules: `5-ке`; num2words reads the Kazakh cardinals). A figure group with a space is one number:
`1 000 000` is read «бір миллион», so `1 000 000-ға`; before this round the lint read only the last group, «000»
«нөл», and told the clerk to write `000-ге` under a right `1 000-ға`. A decimal fraction is read to its last
word («екі бүтін оннан бес»: `2,5-ке`). A day of the month with the possessive (`айдың 15-інде`) takes -ы/-і or
-сы/-сі by the same reading.
"""
from __future__ import annotations

import pytest

from verbale.compose.lint import lint_text

NBSP = "\u00a0"

CASES = [  # (a clerk's text, the warnings expected, the rule)
    ("1 000-ға дейін", [], "«мың»: back, after a consonant: -ға"),
    (f"1{NBSP}000{NBSP}000-нан астам", [], "«миллион», with no-break spaces as the tool writes them"),
    ("25 000-нан, 1 500 000-ға", [], "«мың», «мың»"),
    ("1 000 000-ге", ["1 000 000-ге: «миллион» is read last, so the suffix is -ға (1 000 000-ға)"], "«миллион» is back"),
    ("2 000-ге", ["2 000-ге: «мың» is read last, so the suffix is -ға (2 000-ға)"], "«мың» is back"),
    ("2,5-ке, 0,75-ке", [], "«бес»: front, voiceless: -ке"),
    ("2,5-ге", ["2,5-ге: «бес» is read last, so the suffix is -ке (2,5-ке)"], "the whole fraction is named"),
    ("2026 жылғы 15-ке", [], "«бес»"),
    ("10-ге", ["10-ге: «он» is read last, so the suffix is -ға (10-ға)"], "«он» is back"),
    # the 3rd-person possessive after a figure, then a case with the pronominal н (Қазақ грамматикасы, 2002,
    # тәуелдік жалғау): -ы/-і after a consonant, -сы/-сі after a vowel of the last word read aloud
    ("айдың 15-інде, 2-сінде, 10-ында, 20-сында, 3-іне, 1-інен", [], "бесі, екісі, оны, жиырмасы, үші, бірі"),
    ("айдың 15-нде", ["15-нде: the possessive after «бес» is -і (15-інде)"], "the possessive is left out"),
    ("2-інде", ["2-інде: the possessive after «екі» is -сі (2-сінде)"], "екі ends in a vowel: -сі"),
    ("3-сі", ["3-сі: the possessive after «үш» is -і (3-і)"], "үш ends in a consonant: -і"),
    ("10-інде", ["10-інде: the possessive after «он» is -ы (10-ында)"], "«он» is back"),
]


@pytest.mark.parametrize("text, expected, rule", CASES, ids=[c[0] for c in CASES])
def test_a_suffix_after_figures(text, expected, rule):
    assert [w.split(": ", 1)[1] for w in lint_text("purpose.kk", "kk", text)] == expected, rule
