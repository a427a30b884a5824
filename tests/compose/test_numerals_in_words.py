"""Issue #23: the cross-language check reads numerals in words in every case and gender, so «the two countries» /
«двух стран» / «екі ел» agree. Russian cardinals are declined by num2words (its own case tables) and the collective
numerals by pymorphy3's lexemes; Kazakh cardinals take the noun's case suffixes (locales/kk/README.md) and the
collective -еу/-ау (Қазақ грамматикасы, жинақтау сан есім); English by num2words."""
from __future__ import annotations

import pytest

from verbale.compose.check import facts
from verbale.cli.generate import main

# (lang, text, number, rule)
WORDS = [
    ("en", "the two countries", 2, "cardinal"), ("en", "three States", 3, "cardinal"),
    ("en", "twenty-five delegations", 25, "a compound with a hyphen"),
    ("ru", "двух стран", 2, "genitive"), ("ru", "трех государств", 3, "genitive, ё written е"),
    ("ru", "трёх государств", 3, "genitive with ё"), ("ru", "пяти делегаций", 5, "genitive"),
    ("ru", "двум странам", 2, "dative"), ("ru", "двумя странами", 2, "instrumental"),
    ("ru", "о двух странах", 2, "prepositional"), ("ru", "две страны", 2, "feminine"),
    ("ru", "тремя делегациями", 3, "instrumental"), ("ru", "пятью экспертами", 5, "instrumental"),
    ("ru", "сорока делегаций", 40, "сорок: genitive сорока"), ("ru", "ста стран", 100, "сто: genitive ста"),
    ("ru", "двадцати пяти стран", 25, "a compound, both words declined"),
    ("ru", "двое экспертов", 2, "collective"), ("ru", "троих экспертов", 3, "collective, genitive"),
    ("ru", "двоим экспертам", 2, "collective, dative"),
    ("kk", "екі ел", 2, "cardinal"), ("kk", "үш мемлекет", 3, "cardinal"), ("kk", "екі елдің", 2, "the noun's case"),
    ("kk", "үшке бөлу", 3, "dative of үш"), ("kk", "үштің бірі", 3, "genitive of үш"),
    ("kk", "оннан астам", 10, "ablative of он"), ("kk", "екінің", 2, "genitive of екі"),
    ("kk", "бесеу", 5, "collective"), ("kk", "екеуі", 2, "collective with the possessive"),
    ("kk", "екеуінің", 2, "collective, possessive, genitive"), ("kk", "жиырма бес ел", 25, "a compound"),
]


@pytest.mark.parametrize("lang, text, number, rule", WORDS, ids=[w[1] for w in WORDS])
def test_a_numeral_in_words_is_read(lang, text, number, rule):
    assert f"number {number}" in facts(text, lang), rule


@pytest.mark.parametrize("lang, text", [("kk", "онда"), ("kk", "үшін"), ("kk", "оны"), ("ru", "один"), ("en", "one")])
def test_words_that_are_not_numbers(lang, text):
    assert not facts(text, lang)


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 20, 21, 40, 90, 100])
def test_every_case_and_gender_of_a_russian_cardinal(n):
    """The referee is pymorphy3: every form it lists for the numeral is read as n."""
    from num2words import num2words

    from verbale.grammar.morph import russian_analyzer

    words = num2words(n, lang="ru").split()
    if len(words) > 1:
        return
    parse = next(p for p in russian_analyzer().parse(words[0]) if p.tag.POS == "NUMR")
    for form in parse.lexeme:
        assert f"number {n}" in facts(form.word, "ru"), form.word


def test_the_two_countries_agree_in_three_languages(tmp_path, write_spec, capsys):
    purpose = {"en": "inform of the agreement between the two countries",
               "ru": "сообщить о соглашении между правительствами двух стран",
               "kk": "екі ел үкіметтері арасындағы келісім туралы хабарлауды"}
    assert main([str(write_spec(purpose=purpose, meeting=None)), "--check"]) == 0
    assert "disagree" not in capsys.readouterr().err
    purpose["ru"] = "сообщить о соглашении между правительствами трех стран"
    assert main([str(write_spec(purpose=purpose, meeting=None)), "--check"]) == 1
    assert "number 3 is in ru but not in en, kk" in capsys.readouterr().err
