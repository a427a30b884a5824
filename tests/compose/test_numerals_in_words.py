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


# Compounds (rule: a cardinal in words is the sum and product of its words, in every case; Русская грамматика,
# 1980, составные количественные числительные склоняются всеми частями — «девяноста одного»; Қазақ грамматикасы,
# күрделі сан есім «тоқсан бір», «екі жүз»; num2words' English "one hundred and twenty-five"), and compound
# adjectives whose first part is a numeral (Русская грамматика: двух-, пяти-, дву- in сложные прилагательные;
# "a two-day visit"; Kazakh «екіжақты», written as one word in the orthographic dictionary).
COMPOUNDS = [
    ("en", "ninety-one States", 91, "a hyphenated compound"),
    ("en", "one hundred observers", 100, "one before a scale word"),
    ("en", "one hundred and twenty-five States", 125, "hundreds, 'and', tens and units"),
    ("en", "two hundred delegates", 200, "a unit times hundred"),
    ("en", "five thousand", 5000, "a unit times thousand"),
    ("en", "the eleven experts", 11, "a teen"),
    ("en", "a two-day visit", 2, "a compound adjective"),
    ("en", "a five-year term", 5, "a compound adjective"),
    ("ru", "девяноста одного государства", 91, "«один» after the tens, genitive"),
    ("ru", "двадцать одну страну", 21, "«один» after the tens, accusative feminine"),
    ("ru", "сто двадцать пять стран", 125, "hundreds, tens and units"),
    ("ru", "сто один", 101, "«один» after a hundred"),
    ("ru", "пяти тысяч делегатов", 5000, "«тысяча» in the genitive plural"),
    ("ru", "двумя тысячами", 2000, "«тысяча» in the instrumental"),
    ("ru", "одиннадцатью экспертами", 11, "a teen, instrumental"),
    ("ru", "двухдневный визит", 2, "a compound adjective, двух-"),
    ("ru", "двусторонних переговоров", 2, "a compound adjective, дву-"),
    ("ru", "трехсторонние переговоры", 3, "a compound adjective, трех-"),
    ("ru", "пятилетний срок", 5, "a compound adjective, пяти-"),
    ("ru", "двадцатипятилетие", 25, "a compound noun, двадцати- and пяти-"),
    ("kk", "тоқсан бір мемлекет", 91, "«бір» after the tens"),
    ("kk", "он бір сарапшы", 11, "«бір» after «он»"),
    ("kk", "екі жүз ел", 200, "a unit times «жүз»"),
    ("kk", "жүз жиырма бес ел", 125, "hundreds, tens and units"),
    ("kk", "бес мың", 5000, "a unit times «мың»"),
    ("kk", "екіжақты келіссөздер", 2, "a compound written as one word"),
    ("kk", "бес жылдық мерзім", 5, "a numeral before its noun"),
]


@pytest.mark.parametrize("lang, text, number, rule", COMPOUNDS, ids=[w[1] for w in COMPOUNDS])
def test_a_compound_numeral_is_read_as_one_number(lang, text, number, rule):
    assert {f for f in facts(text, lang) if f.startswith("number")} == {f"number {number}"}, rule


@pytest.mark.parametrize("lang, text", [("ru", "один из них"), ("kk", "бір мемлекет"), ("en", "one of them"),
                                        ("ru", "семинар в пятницу"), ("en", "a well-known fact"),
                                        ("ru", "семимильными шагами")])
def test_one_alone_and_words_that_begin_like_numerals_are_not_numbers(lang, text):
    assert not facts(text, lang)


def test_a_date_in_figures_is_a_date_not_a_time():
    """NOTE-SPEC §10 `| numeric`: «18.03.96 г.» is the date 18 March 1996, as "18 March 1996" in English."""
    assert facts("от 18.03.96 г.", "ru") == facts("of 18 March 1996", "en") == {"date 18.03", "number 1996"}
    assert facts("18.03.1996 ж.", "kk") == {"date 18.03", "number 1996"}


def test_numerals_in_words_agree_across_the_languages(tmp_path, write_spec, capsys):
    purpose = {"en": "inform that ninety-one States held a two-day meeting with one hundred observers",
               "ru": "сообщить, что девяноста одним государством проведено двухдневное совещание со ста наблюдателями",
               "kk": "тоқсан бір мемлекет жүз байқаушының қатысуымен екі күндік кеңес өткізгенін хабарлауды"}
    assert main([str(write_spec(purpose=purpose, meeting=None)), "--check"]) == 0
    assert "disagree" not in capsys.readouterr().err
