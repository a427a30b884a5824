"""Russian positions of persons in every case (``ru.inflect_person``, ``ru.inflect_phrase``).

Rule (Розенталь Д. Э., «Справочник по правописанию и стилистике», «Согласование определений»): the head noun of
the position and the adjectives, ordinals and participles before it agree in case, number and gender; in the
accusative an animate masculine head makes them take the animate (genitive-like) form («второго секретаря»);
words after the head — a genitive complement or a preposition's phrase — stay as they are («Посольства»,
«министра», «в делах»).  Coordinated adjectives agree each («Чрезвычайного и Полномочного Посла»).
"""
from __future__ import annotations

import pytest

from verbale.grammar import ru

CASES = ("nom", "gen", "dat", "acc", "ins", "prep")

POSITIONS = [
    # an ordinal before the head, a genitive complement after it
    ("второй секретарь Посольства",
     ["второй секретарь Посольства", "второго секретаря Посольства", "второму секретарю Посольства",
      "второго секретаря Посольства", "вторым секретарем Посольства", "втором секретаре Посольства"]),
    ("первый заместитель министра",
     ["первый заместитель министра", "первого заместителя министра", "первому заместителю министра",
      "первого заместителя министра", "первым заместителем министра", "первом заместителе министра"]),
    # «старший» has a noun parse too: before a noun it agrees with, it is an adjective
    ("старший советник",
     ["старший советник", "старшего советника", "старшему советнику", "старшего советника",
      "старшим советником", "старшем советнике"]),
    # coordinated adjectives before the head
    ("Чрезвычайный и Полномочный Посол Республики Казахстан",
     ["Чрезвычайный и Полномочный Посол Республики Казахстан", "Чрезвычайного и Полномочного Посла Республики Казахстан",
      "Чрезвычайному и Полномочному Послу Республики Казахстан", "Чрезвычайного и Полномочного Посла Республики Казахстан",
      "Чрезвычайным и Полномочным Послом Республики Казахстан", "Чрезвычайном и Полномочном После Республики Казахстан"]),
    # a participle that does not agree with the next noun is the head (исполняющий обязанности)
    ("исполняющий обязанности Посла",
     ["исполняющий обязанности Посла", "исполняющего обязанности Посла", "исполняющему обязанности Посла",
      "исполняющего обязанности Посла", "исполняющим обязанности Посла", "исполняющем обязанности Посла"]),
    # no noun: the substantivised participle is the head, animate as a person
    ("временный поверенный в делах",
     ["временный поверенный в делах", "временного поверенного в делах", "временному поверенному в делах",
      "временного поверенного в делах", "временным поверенным в делах", "временном поверенном в делах"]),
    # a compound of two nouns: both take the case
    ("министр-советник Посольства",
     ["министр-советник Посольства", "министра-советника Посольства", "министру-советнику Посольства",
      "министра-советника Посольства", "министром-советником Посольства", "министре-советнике Посольства"]),
    # a compound the dictionary knows: a rank or an office as its first part does not decline (Граудина, Ицкович,
    # Катлинская, «Грамматическая правильность русской речи», составные наименования: премьер-министр,
    # генерал-адмирал); the capitals stay part by part, as the Constitution of Kazakhstan writes «Премьер-Министра»
    ("Премьер-Министр Республики Казахстан",
     ["Премьер-Министр Республики Казахстан", "Премьер-Министра Республики Казахстан",
      "Премьер-Министру Республики Казахстан", "Премьер-Министра Республики Казахстан",
      "Премьер-Министром Республики Казахстан", "Премьер-Министре Республики Казахстан"]),
    ("вице-министр иностранных дел",
     ["вице-министр иностранных дел", "вице-министра иностранных дел", "вице-министру иностранных дел",
      "вице-министра иностранных дел", "вице-министром иностранных дел", "вице-министре иностранных дел"]),
    ("генерал-майор",
     ["генерал-майор", "генерал-майора", "генерал-майору", "генерал-майора", "генерал-майором", "генерал-майоре"]),
    # … and one of two nouns that the dictionary declines in both parts
    ("член-корреспондент Академии наук",
     ["член-корреспондент Академии наук", "члена-корреспондента Академии наук", "члену-корреспонденту Академии наук",
      "члена-корреспондента Академии наук", "членом-корреспондентом Академии наук",
      "члене-корреспонденте Академии наук"]),
    ("Генеральный консул",
     ["Генеральный консул", "Генерального консула", "Генеральному консулу", "Генерального консула",
      "Генеральным консулом", "Генеральном консуле"]),
    # a feminine head: the feminine accusative has no animate form (первую)
    ("глава делегации",
     ["глава делегации", "главы делегации", "главе делегации", "главу делегации", "главой делегации",
      "главе делегации"]),
]


@pytest.mark.parametrize("position, forms", POSITIONS, ids=[p for p, _ in POSITIONS])
def test_a_position_agrees_with_its_head_in_every_case(position, forms):
    assert [ru.inflect_phrase(position, case, animate=True) for case in CASES] == forms


PERSONS = [
    ({"position": "второй секретарь Посольства", "first": "Ерлан", "middle": "Болатович", "last": "Асанов"}, "m",
     ["второй секретарь Посольства Ерлан Болатович Асанов", "второго секретаря Посольства Ерлана Болатовича Асанова",
      "второму секретарю Посольства Ерлану Болатовичу Асанову",
      "второго секретаря Посольства Ерлана Болатовича Асанова",
      "вторым секретарем Посольства Ерланом Болатовичем Асановым",
      "втором секретаре Посольства Ерлане Болатовиче Асанове"]),
    # the position agrees with its noun (masculine), the name with the person (feminine)
    ({"position": "старший советник", "first": "Айгерим", "last": "Сейтказиева"}, "f",
     ["старший советник Айгерим Сейтказиева", "старшего советника Айгерим Сейтказиевой",
      "старшему советнику Айгерим Сейтказиевой", "старшего советника Айгерим Сейтказиеву",
      "старшим советником Айгерим Сейтказиевой", "старшем советнике Айгерим Сейтказиевой"]),
]


@pytest.mark.parametrize("parts, gender, forms", PERSONS, ids=["second-secretary", "senior-counsellor"])
def test_a_person_in_every_case(parts, gender, forms):
    person = {**parts, "nom": " ".join(parts.values())}
    assert [ru.inflect_person(person, case, gender) for case in CASES] == forms


@pytest.mark.parametrize("name, case, expected", [
    # an office is inanimate: the accusative is the nominative
    ("Постоянное представительство Республики Казахстан", "acc", "Постоянное представительство Республики Казахстан"),
    ("Постоянное представительство Республики Казахстан", "ins", "Постоянным представительством Республики Казахстан"),
    # the compound's first noun gives its animacy: «государства-члены» in the accusative as in the nominative
    ("государства-члены СВМДА", "acc", "государства-члены СВМДА"),
    ("государства-члены СВМДА", "dat", "государствам-членам СВМДА"),
])
def test_names_of_offices(name, case, expected):
    assert ru.inflect_phrase(name, case) == expected


# Issue #23: a compound first name declines in its last part only (official Russian usage in Kazakhstan, akorda.kz:
# «Касым-Жомарта Токаева»; Розенталь: foreign double names decline in the last part, «Жан-Жака Руссо»);
# petrovich declines both parts (Касыма-Жомарта), so ru.inflect_name overrides it. locales/ru/README.md, «Persons».
COMPOUND_NAMES = [
    ({"first": "Касым-Жомарт", "last": "Токаев"}, "m",
     ["Касым-Жомарта Токаева", "Касым-Жомарту Токаеву", "Касым-Жомарта Токаева", "Касым-Жомартом Токаевым",
      "Касым-Жомарте Токаеве"]),
    ({"first": "Касым-Жомарт", "middle": "Кемелевич", "last": "Токаев"}, "m",
     ["Касым-Жомарта Кемелевича Токаева", "Касым-Жомарту Кемелевичу Токаеву", "Касым-Жомарта Кемелевича Токаева",
      "Касым-Жомартом Кемелевичем Токаевым", "Касым-Жомарте Кемелевиче Токаеве"]),
    ({"first": "Нур-Султан", "last": "Назарбаев"}, "m",
     ["Нур-Султана Назарбаева", "Нур-Султану Назарбаеву", "Нур-Султана Назарбаева", "Нур-Султаном Назарбаевым",
      "Нур-Султане Назарбаеве"]),
    ({"first": "Жан-Жак", "last": "Руссо"}, "m",
     ["Жан-Жака Руссо", "Жан-Жаку Руссо", "Жан-Жака Руссо", "Жан-Жаком Руссо", "Жан-Жаке Руссо"]),
]


@pytest.mark.parametrize("parts, gender, forms", COMPOUND_NAMES, ids=[p["first"] + str(len(p)) for p, _, _ in COMPOUND_NAMES])
def test_a_compound_first_name_declines_in_its_last_part(parts, gender, forms):
    assert [ru.inflect_name(parts, case, gender) for case in ("gen", "dat", "acc", "ins", "prep")] == forms


# Names petrovich gets wrong (locales/ru/README.md, «Persons»): a man's first name in a hushing consonant declines
# (Розенталь: мужские имена на согласный склоняются; «Куаныша», «Жанышу» in Kazakhstan's Russian press); a surname
# of one syllable in -ой is a noun, not an adjective like Толстой («Виктора Цоя»); a woman's stays as it is.
NAMES_PETROVICH_MISSES = [
    ({"first": "Куаныш", "last": "Султанов"}, "m",
     ["Куаныша Султанова", "Куанышу Султанову", "Куаныша Султанова", "Куанышем Султановым", "Куаныше Султанове"]),
    ({"first": "Жаныш", "middle": "Ерланович", "last": "Ахметов"}, "m",
     ["Жаныша Ерлановича Ахметова", "Жанышу Ерлановичу Ахметову", "Жаныша Ерлановича Ахметова",
      "Жанышем Ерлановичем Ахметовым", "Жаныше Ерлановиче Ахметове"]),
    ({"first": "Дауреш", "last": "Тулеш"}, "m",
     ["Дауреша Тулеша", "Даурешу Тулешу", "Дауреша Тулеша", "Даурешем Тулешем", "Дауреше Тулеше"]),
    ({"first": "Виктор", "last": "Цой"}, "m", ["Виктора Цоя", "Виктору Цою", "Виктора Цоя", "Виктором Цоем", "Викторе Цое"]),
    ({"first": "Ерлан", "last": "Толстой"}, "m",
     ["Ерлана Толстого", "Ерлану Толстому", "Ерлана Толстого", "Ерланом Толстым", "Ерлане Толстом"]),
    ({"first": "Анна", "last": "Цой"}, "f", ["Анны Цой", "Анне Цой", "Анну Цой", "Анной Цой", "Анне Цой"]),
    # no ы after г, к, х (Правила русской орфографии и пунктуации, 1956, § 4): petrovich writes «Даригы», «Маликы»
    ({"first": "Дарига", "last": "Назарбаева"}, "f",
     ["Дариги Назарбаевой", "Дариге Назарбаевой", "Даригу Назарбаеву", "Даригой Назарбаевой", "Дариге Назарбаевой"]),
    ({"first": "Малика", "last": "Ахметова"}, "f",
     ["Малики Ахметовой", "Малике Ахметовой", "Малику Ахметову", "Маликой Ахметовой", "Малике Ахметовой"]),
    # a man's first name in -а declines as a noun in -а (Розенталь, склонение имён: «Мусы Джалиля»); petrovich
    # leaves the Kazakh ones whole
    ({"first": "Муса", "last": "Джалиль"}, "m",
     ["Мусы Джалиля", "Мусе Джалилю", "Мусу Джалиля", "Мусой Джалилем", "Мусе Джалиле"]),
    ({"first": "Кожа", "last": "Ахметов"}, "m",
     ["Кожи Ахметова", "Коже Ахметову", "Кожу Ахметова", "Кожей Ахметовым", "Коже Ахметове"]),
    ({"first": "Илья", "last": "Ильин"}, "m",
     ["Ильи Ильина", "Илье Ильину", "Илью Ильина", "Ильей Ильиным", "Илье Ильине"]),
]


@pytest.mark.parametrize("parts, gender, forms", NAMES_PETROVICH_MISSES,
                         ids=[p["first"] + "-" + p["last"] for p, _, _ in NAMES_PETROVICH_MISSES])
def test_names_petrovich_misses(parts, gender, forms):
    assert [ru.inflect_name(parts, case, gender) for case in ("gen", "dat", "acc", "ins", "prep")] == forms


def test_the_presidents_name_with_his_position():
    forms = {"position": "Президент Республики Казахстан", "first": "Касым-Жомарт", "last": "Токаев"}
    assert ru.inflect_person(forms, "dat", "m") == "Президенту Республики Казахстан Касым-Жомарту Токаеву"


# Issue #23: `terms check` proposes a foreign place's cases. A masculine name in a consonant (-й, -ь) declines as
# «Берн», «Шанхай», «Брюссель»; one in -о -и -у -е -э -ю -ё does not (Розенталь, «Справочник по правописанию и
# литературной правке», склонение иноязычных географических названий); a hyphenated name declines in its last part.
# Names pymorphy3 knows as places keep its forms.  Cases: gen, dat, acc, ins, prep.
PLACES = [
    ("Гланд", ["Гланда", "Гланду", "Гланд", "Гландом", "Гланде"], "unknown to pymorphy3: a consonant, declines"),
    ("Давос", ["Давоса", "Давосу", "Давос", "Давосом", "Давосе"], "pymorphy3's place"),
    ("Марракеш", ["Марракеша", "Марракешу", "Марракеш", "Марракешем", "Марракеше"], "-ем after ш, unstressed"),
    ("Монтрей", ["Монтрея", "Монтрею", "Монтрей", "Монтреем", "Монтрее"], "-й"),
    ("Пномпень", ["Пномпеня", "Пномпеню", "Пномпень", "Пномпенем", "Пномпене"], "-ь"),
    ("Эр-Рияд", ["Эр-Рияда", "Эр-Рияду", "Эр-Рияд", "Эр-Риядом", "Эр-Рияде"], "the last part of a hyphenated name"),
    ("Буэнос-Айрес", ["Буэнос-Айреса", "Буэнос-Айресу", "Буэнос-Айрес", "Буэнос-Айресом", "Буэнос-Айресе"], "the same"),
    ("Женева", ["Женевы", "Женеве", "Женеву", "Женевой", "Женеве"], "pymorphy3's place, feminine"),
    ("Осло", ["Осло"] * 5, "-о: indeclinable"), ("Тбилиси", ["Тбилиси"] * 5, "-и: indeclinable"),
    ("Баку", ["Баку"] * 5, "-у: indeclinable"), ("Сан-Хосе", ["Сан-Хосе"] * 5, "-е: indeclinable"),
    ("Шамбези", ["Шамбези"] * 5, "-и: indeclinable"), ("Монтрё", ["Монтрё"] * 5, "-ё: indeclinable"),
    ("Абу-Даби", ["Абу-Даби"] * 5, "-и: indeclinable"),
]


@pytest.mark.parametrize("name, forms, rule", PLACES, ids=[p[0] for p in PLACES])
def test_a_foreign_place_in_every_case(name, forms, rule):
    assert [ru.inflect_place(name, case) for case in ("gen", "dat", "acc", "ins", "prep")] == forms, rule
