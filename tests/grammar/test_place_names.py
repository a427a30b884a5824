"""The place names the spelling check knows (CLDR's states, territories and cities, from babel) are the same words
whether built from babel or read back from the cache, where they are kept so that a start need not load babel's
locale data (BENCHMARKS.md, the per-note cost)."""
from __future__ import annotations

import os

import pytest

from verbale.grammar import spelling


@pytest.mark.parametrize("lang, expected", [
    ("kk", {"Испания", "Нидерланд", "Әмірліктері", "Лондон", "Токио", "Аддис-Абеба"}),
    ("ru", {"Испания", "Нидерланды", "Лондон", "Токио", "Аддис-Абеба"}),
    ("en", {"Spain", "Netherlands", "Tokelau", "Kingdom"}),   # CLDR en has no exemplar cities: zones name them
])
def test_built_cached_and_uncached_give_the_same_words(lang, expected, tmp_path, monkeypatch):
    built = set(spelling._place_words(lang))
    assert expected <= built
    monkeypatch.setenv("VERBALE_CACHE", str(tmp_path))
    first = spelling.place_names.__wrapped__(lang)            # built and stored
    assert [p.name.split("-")[0] for p in tmp_path.iterdir()] == ["places"]
    again = spelling.place_names.__wrapped__(lang)            # read back
    monkeypatch.setenv("VERBALE_CACHE", "off")
    assert first == again == spelling.place_names.__wrapped__(lang) == frozenset(built)


@pytest.mark.skipif(os.name == "nt", reason="owners and modes are POSIX")
def test_a_bad_entry_is_built_again(tmp_path, monkeypatch):
    """An entry of the wrong shape (a number among the words) is not used: the words are built from babel."""
    monkeypatch.setenv("VERBALE_CACHE", str(tmp_path))
    spelling.place_names.__wrapped__("ru")
    entry, = tmp_path.iterdir()
    entry.write_text(entry.read_text(encoding="utf-8").replace('"value": [', '"value": [7, '), encoding="utf-8")
    assert spelling.place_names.__wrapped__("ru") == frozenset(spelling._place_words("ru"))
