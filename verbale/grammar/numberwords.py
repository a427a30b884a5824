"""Number words in English, Russian and Kazakh, cardinal and ordinal, in their inflected forms.

Tables are built lazily from num2words and the language modules, for 1..100 and round hundreds.

>>> [number_word(w, lang) for w, lang in [("Sixth", "en"), ("шестого", "ru"), ("алтыншы", "kk"), ("четвертую", "ru")]]
[6, 6, 6, 4]
>>> number_word("бесінші", "kk"), number_word("нұсқасын", "kk"), number_word("one", "en"), number_word("онда", "kk")
(5, None, None, None)
"""
from __future__ import annotations

import sys
from functools import lru_cache

from num2words import num2words

from ..cache import cached, digest, shaped, source_of
from . import kk, ru

NUMBERS = list(range(2, 101)) + [200, 300, 400, 500, 1000]
ORDINALS = list(range(1, 101)) + [1000]
# Russian and Kazakh write compound ordinals as words (сорок седьмой, қырық жетінші): the tens and the
# last word's ordinal are enough, and keep the tables small (they are built at every cold start).
ORDINAL_BASES = list(range(1, 20)) + list(range(20, 101, 10)) + [200, 300, 400, 500, 1000]
# cardinal 1 is left out: "one", "один", "бір" are also articles and pronouns
KAZAKH_ENDINGS = sorted({s for table in kk.SUFFIXES.values() for pair in table.values() for s in pair}
                        | {s for pair in kk.POSSESSIVE.values() for s in pair} | {"сы", "сі", "ы", "і"}, key=len,
                        reverse=True)


@lru_cache(maxsize=None)
def table(lang: str) -> dict[str, int]:
    """Word form -> number, built once and kept in the cache (it depends on num2words and our grammar)."""
    import num2words as package

    sources = source_of(sys.modules[__name__], kk, ru, *(getattr(package, f"lang_{c}") for c in ("EN", "RU", "KZ")))
    return cached(f"numbers-{lang}", digest(lang, sources), lambda: _build_table(lang),
                  lambda value: shaped(value, {str: int}))


def _build_table(lang: str) -> dict[str, int]:
    words: dict[str, int] = {}
    if lang == "en":
        for n in NUMBERS:
            words[num2words(n, lang="en")] = n
        for n in ORDINALS:
            words[num2words(n, lang="en", to="ordinal")] = n
    elif lang == "ru":
        for n in NUMBERS:
            words[num2words(n, lang="ru")] = n
        for n in ORDINAL_BASES:
            for case in ru.CASES.values():
                for gender in ru.GENDERS:
                    words[ru.ordinal(n, case, gender)] = n
    elif lang == "kk":
        for n in NUMBERS:
            words[num2words(n, lang="kz")] = n
        for n in ORDINAL_BASES:
            words[kk.ordinal(n)] = n
    return {word.lower().replace("ё", "е"): n for word, n in words.items()}


def number_word(token: str, lang: str) -> int | None:
    """The number a single word (or hyphenated compound) stands for, or None."""
    word = token.lower().replace("ё", "е")
    words = table(lang)
    if word in words:
        return words[word]
    if lang == "kk":  # a Kazakh word may carry a case ending or the possessive
        for ending in KAZAKH_ENDINGS:
            stem = word[: -len(ending)]
            # short stems only whole: онда "there", оны "it", үшін "for" are not numbers
            if word.endswith(ending) and len(stem) >= 3 and stem in words:
                return words[word[: -len(ending)]]
    return None


def numbers_in_words(tokens: list[str], lang: str) -> list[int]:
    """Numbers written as words; Russian and Kazakh compounds (двадцать первый, он бірінші) add up.

    >>> numbers_in_words("the twenty-first and the sixth".split(), "en")
    [21, 6]
    >>> numbers_in_words("двадцать первого заседания".split(), "ru"), numbers_in_words("он бірінші отырыс".split(), "kk")
    ([21], [11])
    >>> numbers_in_words("сорок седьмой сессии".split(), "ru"), numbers_in_words("қырық жетінші сессиясы".split(), "kk")
    ([47], [47])
    """
    found: list[int] = []
    previous_tens = False
    for token in tokens:
        value = number_word(token, lang)
        if value is None:
            previous_tens = False
            continue
        if previous_tens and value < 10 and found:
            found[-1] += value
            previous_tens = False
            continue
        found.append(value)
        previous_tens = value % 10 == 0 and 20 <= value <= 90 or (lang == "kk" and value == 10)
    return found
