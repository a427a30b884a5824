"""The morphology libraries, loaded once and only when a form is derived (they take a moment to load):
pymorphy3 with its Russian dictionaries for names of organisations and positions, petrovich for Russian names
of people (first names, patronymics, surnames, by gender)."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=None)
def russian_analyzer():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=None)
def russian_names():
    from petrovich.main import Petrovich

    return Petrovich()
