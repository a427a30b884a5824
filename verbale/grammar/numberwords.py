"""Number words in English, Russian and Kazakh, cardinal and ordinal, in their inflected forms.

Tables are built lazily from num2words and the language modules, for 1..100 and round hundreds: Russian cardinals
in every case and gender (num2words' own declension: двух, трех, пяти, двумя) and the collective numerals
(двое, троих: from pymorphy3's lexemes), Kazakh cardinals in every case (екіге, үштің, оннан) and the collective
ones (екеуі, үшеуіне), English cardinals and ordinals.

>>> [number_word(w, lang) for w, lang in [("Sixth", "en"), ("шестого", "ru"), ("алтыншы", "kk"), ("четвертую", "ru")]]
[6, 6, 6, 4]
>>> [number_word(w, lang) for w, lang in [("двух", "ru"), ("трех", "ru"), ("пяти", "ru"), ("двумя", "ru"), ("троих", "ru")]]
[2, 3, 5, 2, 3]
>>> [number_word(w, "kk") for w in ("екі", "үш", "үшке", "екеуі", "оннан", "үшін")]
[2, 3, 3, 2, 10, None]
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
NOT_NUMBERS = {"онда"}   # «there», far more often than «in ten»
KAZAKH_SINGLE_WORDS = list(range(2, 10)) + list(range(10, 101, 10)) + [1000]
# Kazakh collective numerals (Қазақ грамматикасы, жинақтау сан есім): екеу, үшеу … "the two, the three"
KAZAKH_COLLECTIVE = {"екеу": 2, "үшеу": 3, "төртеу": 4, "бесеу": 5, "алтау": 6, "жетеу": 7, "сегізеу": 8,
                     "тоғызау": 9, "онау": 10}
# Russian collective numerals (двое, трое …): their forms in every case come from pymorphy3's lexemes, as do the
# variants of the cardinals (восьмью)
RUSSIAN_COLLECTIVE = {"двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6, "семеро": 7, "восьмеро": 8,
                      "девятеро": 9, "десятеро": 10}
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
            for case in ru.CASES.values():
                for gender in ru.GENDERS:   # num2words declines cardinals: двух, трех, пяти, двумя
                    words[num2words(n, lang="ru", case=case, gender=gender)] = n
        words.update(_russian_lexemes({**{num2words(n, lang="ru"): n for n in NUMBERS}, **RUSSIAN_COLLECTIVE}))
        for n in ORDINAL_BASES:
            for case in ru.CASES.values():
                for gender in ru.GENDERS:
                    words[ru.ordinal(n, case, gender)] = n
    elif lang == "kk":
        for n in NUMBERS:
            words[num2words(n, lang="kz")] = n
        for n in KAZAKH_SINGLE_WORDS:       # екіге, үштің, оннан: a numeral takes the case suffixes of a noun
            word = num2words(n, lang="kz")
            words.update({kk.inflect(word, case): n for case in kk.SUFFIXES})
        for word, n in KAZAKH_COLLECTIVE.items():   # екеу, екеуі, екеуіне: "the two (of them)"
            words[word] = n
            words.update({kk.inflect(word, case): n for case in kk.SUFFIXES})
            possessive = word + ("і" if kk.is_front(word) else "ы")
            words[possessive] = n
            words.update({kk.inflect(possessive, case, True): n for case in kk.SUFFIXES})
        for n in ORDINAL_BASES:
            words[kk.ordinal(n)] = n
    return {word.lower().replace("ё", "е"): n for word, n in words.items() if word not in NOT_NUMBERS}


def _russian_lexemes(numerals: dict[str, int]) -> dict[str, int]:
    """Every form pymorphy3 (OpenCorpora's dictionary) knows of each one-word numeral: восьмью beside num2words'
    восемью; двое, двоих, двоим, двоими."""
    from .morph import russian_analyzer

    words: dict[str, int] = {}
    for word, n in numerals.items():
        if " " in word:
            continue
        parse = next((p for p in russian_analyzer().parse(word) if p.tag.POS == "NUMR"), None)
        words.update({form.word: n for form in (parse.lexeme if parse is not None else [])})
        words[word] = n
    return words


@lru_cache(maxsize=65536)   # a language's words recur from note to note of a batch
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
