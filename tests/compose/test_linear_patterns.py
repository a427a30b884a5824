"""Every pattern applied to user text runs in linear time (issue #15: a 5,000-character word took 320 s in
the cross-language check).  The run is a subprocess with a generous timeout: a guard, not a timing."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

WORDS = ["a" * 5000, "Я" * 5000, "1" * 5000, "a-" * 2500, "{{" * 2500, "{%" * 2500, "/" * 5000, "г." * 2500,
         "1 " * 2500, "a/" * 2500, "1-" * 2500, "1." * 2500, "GMT " * 1250, "(" * 5000, "x" * 4999 + "/"]
PROGRAM = """
import sys
from verbale.compose.check import facts, typed_text
from verbale.compose.lint import lint_text
from verbale.grammar.typography import typeset
for word in sys.stdin.read().split("\\x00"):
    for lang in ("en", "ru", "kk"):
        for text in (word, "see " + word + " and MM/2021/1", word + " 22 сентября 14.00"):
            facts(text, lang), lint_text("purpose." + lang, lang, text), typeset(text, lang), typed_text(text)
print("done")
"""


def test_long_words_pass_every_pattern_within_a_bound():
    done = subprocess.run([sys.executable, "-c", PROGRAM], input="\x00".join(WORDS), capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert done.stdout.strip() == "done", done.stderr


def test_the_symbol_scan_finds_what_the_pattern_found():
    from verbale.compose.check import facts

    assert facts("документ (ММ/2021/DRAFT/3/Rev.4), and/or x/ /y", "ru") >= {
        "symbol MM/2021/DRAFT/3/Rev.4", "symbol and/or"}
    assert not any(f.startswith("symbol") for f in facts("x" * 5000 + " / " + "y" * 5000, "en"))
    assert "number 1" + "0" * 4999 in facts("1" + "0" * 4999, "en")  # no int(): past 4,300 digits


def test_a_text_without_a_slash_is_not_scanned_for_symbols():
    """``symbols`` and ``without_symbols`` skip a text with no slash (no symbol can be in it): the same answers as
    scanning every run of it."""
    from hypothesis import given, strategies as st

    from verbale.compose.typed import SYMBOL_RUN, is_symbol, symbols, without_symbols

    @given(st.text(alphabet=st.sampled_from("ab/1Я .,()«»-"), max_size=30) | st.text(max_size=30))
    def same(text):
        assert symbols(text) == [run for run in SYMBOL_RUN.findall(text) if is_symbol(run)]
        assert without_symbols(text) == SYMBOL_RUN.sub(lambda m: " " if is_symbol(m.group()) else m.group(), text)
    same()
