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

A compound adjective counts its numeral (issue: "a two-day visit" / «двухдневный визит» / «екі күндік сапар»):
>>> [number_word(w, lang) for w, lang in [("two-day", "en"), ("двухдневный", "ru"), ("двусторонних", "ru"),
...                                      ("пятилетнего", "ru"), ("екіжақты", "kk"), ("семинар", "ru")]]
[2, 2, 2, 5, 2, None]
"""
from __future__ import annotations

import re
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
NOT_NUMBERS = {"онда"}
SCALES_WORDS = (100, 1000)   # "one hundred" -> "hundred"; «одна тысяча» -> «тысяча»   # «there», far more often than «in ten»
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
        words.update(_russian_thousand())
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
    # a scale word standing alone (two hundred, екі жүз, две тысячи): the last word of "one hundred", «одна
    # тысяча», «бір мың» in every form the table holds
    for word, n in list(words.items()):
        if " " in word and n in SCALES_WORDS:
            words.setdefault(word.split()[-1], n)
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


def _russian_thousand() -> dict[str, int]:
    """«тысяча» in every case and number (пяти тысяч, двумя тысячами): a noun to pymorphy3, so not in the
    numerals' lexemes."""
    from .morph import russian_analyzer

    parse = next(p for p in russian_analyzer().parse("тысяча") if p.tag.POS == "NOUN")
    return {form.word: 1000 for form in parse.lexeme}


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
    return compound_adjective_number(word, lang)


# Compound adjectives and nouns whose first part is a numeral: "two-day", «двухдневный», «двусторонний»,
# «пятилетие», «екіжақты».  Russian writes the numeral in the genitive as the first part (Русская грамматика,
# 1980, § on compound adjectives: двух-, трех-, пяти-, сорока-, сто-) and дву-, тре- in the old forms (двусторонний,
# трехсторонний); the second part is one of the roots counted things take, so «семинар», «пятница» stay words.
RUSSIAN_NUMERAL_STEMS = {"дву": 2, "двух": 2, "тре": 3, "трех": 3, "четырех": 4, "пяти": 5, "шести": 6, "семи": 7,
                         "восьми": 8, "девяти": 9, "десяти": 10, "одиннадцати": 11, "двенадцати": 12,
                         "пятнадцати": 15, "двадцати": 20, "тридцати": 30, "сорока": 40, "пятидесяти": 50,
                         "шестидесяти": 60, "семидесяти": 70, "восьмидесяти": 80, "девяноста": 90, "сто": 100,
                         "двухсот": 200, "трехсот": 300, "пятисот": 500, "тысяче": 1000}
RUSSIAN_COUNTED_ROOTS = ("днев", "лет", "сторон", "месяч", "недел", "часов", "кратн", "язычн", "годичн", "этаж",
                         "местн", "разов", "минутн", "суточн", "томн", "членн", "ступенч", "палатн", "уровнев",
                         "процентн", "главн", "частн", "векторн", "полярн")
KAZAKH_COUNTED_ROOTS = ("жақты", "жылдық", "күндік", "айлық", "апталық", "тілді", "сағаттық", "қабатты")
RUSSIAN_COMPOUND = re.compile(
    "^(?P<tens>" + "|".join(sorted((s for s, n in RUSSIAN_NUMERAL_STEMS.items() if n >= 20 and n % 10 == 0 and n < 100),
                                     key=len, reverse=True)) + ")?"
    "(?P<stem>" + "|".join(sorted(RUSSIAN_NUMERAL_STEMS, key=len, reverse=True)) + ")"
    "(?:" + "|".join(RUSSIAN_COUNTED_ROOTS) + ")")


def compound_adjective_number(word: str, lang: str) -> int | None:
    """The numeral that begins a compound (``two-day``, ``двухдневный``, ``двадцатипятилетие``, ``екіжақты``)."""
    if lang == "en" and "-" in word:
        head, _, rest = word.rpartition("-")
        while head:
            if head in table(lang) and rest not in table(lang):
                return table(lang)[head]
            head, _, more = head.rpartition("-")
            rest = f"{more}-{rest}"
        return None
    if lang == "ru":
        match = RUSSIAN_COMPOUND.match(word)
        if match:
            tens = RUSSIAN_NUMERAL_STEMS[match["tens"]] if match["tens"] else 0
            value = RUSSIAN_NUMERAL_STEMS[match["stem"]]
            return tens + value if value < 10 or not tens else None
        return None
    if lang == "kk":
        for root in KAZAKH_COUNTED_ROOTS:
            if word.endswith(root) and word[: -len(root)] in table(lang):
                return table(lang)[word[: -len(root)]]
    return None


def _is_one(token: str, lang: str) -> bool:
    """Cardinal 1 (left out of the table: also an article and a pronoun), read only inside a compound:
    «девяноста одного», «тоқсан бір», "one hundred"."""
    return token.lower() in ONE_WORDS[lang]


ONE_WORDS = {"en": {"one"}, "kk": {"бір"},
             "ru": {"один", "одного", "одному", "одним", "одном", "одна", "одной", "одну", "одною", "одно"}}
# the words that multiply what stands before them (two hundred, екі жүз, две тысячи, бес мың)
SCALES = (100, 1000)


def _joins(total: int, value: int, lang: str) -> int | None:
    """``total`` (the compound so far) and the next number word ``value`` as one number, or None."""
    if value in SCALES and total < value and (total < 10 or value == 1000):
        return total * value
    if total >= 1000 and total % 1000 == 0 and value < 1000:
        return total + value
    if total >= 100 and total % 100 == 0 and value < 100:
        return total + value
    tens = total % 100
    if (20 <= tens <= 90 and tens % 10 == 0 or lang == "kk" and tens == 10) and value < 10:
        return total + value
    return None


def numbers_in_words(tokens: list[str], lang: str) -> list[int]:
    """Numbers written as words; compounds add up and multiply (двадцать первый, он бірінші, девяноста одного,
    тоқсан бір, two hundred and five, екі жүз, сто двадцать пять).

    >>> numbers_in_words("the twenty-first and the sixth".split(), "en")
    [21, 6]
    >>> numbers_in_words("двадцать первого заседания".split(), "ru"), numbers_in_words("он бірінші отырыс".split(), "kk")
    ([21], [11])
    >>> numbers_in_words("сорок седьмой сессии".split(), "ru"), numbers_in_words("қырық жетінші сессиясы".split(), "kk")
    ([47], [47])
    >>> numbers_in_words("девяноста одного государства".split(), "ru"), numbers_in_words("тоқсан бір мемлекет".split(), "kk")
    ([91], [91])
    >>> numbers_in_words("one hundred and twenty-five States".split(), "en"), numbers_in_words("екі жүз ел".split(), "kk")
    ([125], [200])
    """
    found: list[int] = []
    joining = False                      # the last word was a number word a following one may join
    for index, token in enumerate(tokens):
        value = number_word(token, lang)
        if value is None and _is_one(token, lang):
            following = number_word(tokens[index + 1], lang) if index + 1 < len(tokens) else None
            if joining or following in SCALES:
                value = 1
        if value is None:
            if lang == "en" and token.lower() == "and" and joining and found[-1] % 100 == 0:
                continue                 # one hundred and five
            joining = False
            continue
        joined = _joins(found[-1], value, lang) if joining and found else None
        if joined is not None:
            found[-1] = joined
        else:
            found.append(value)
        joining = True
    return found
