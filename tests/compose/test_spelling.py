"""Spelling in three languages (issue #23): the lint checks every word a clerk typed against Debian's Hunspell
dictionaries (hunspell-kk, hunspell-ru, hunspell-en-gb/-us by the house's `spelling`), knowing the termbase's
names, the generated facts and the word lists (locales/<lang>/words.txt, a workspace's termbase/<lang>/words.txt).
Kazakh forms the dictionary lacks are checked against their stem by our own suffix engine (locales/kk/README.md,
«Spelling»). The seeds' notes and notes/ give no warning; a real slip in each language does."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import NOTES, ROOT
from verbale.cli.generate import main
from verbale.compose.lint import lint_text
from verbale.facts.termbase import default_termbase
from verbale.grammar import spelling

# The seeds live in the team's shared folder: beside the checkout (as CI lays it out) or at /work/shared.
SEEDS = next((folder for folder in (ROOT.parent / "shared" / "seeds", ROOT.parent.parent / "shared" / "seeds",
                                    Path("/work/shared/seeds")) if folder.is_dir()), Path("/work/shared/seeds"))
NEEDED = ("kk_KZ", "ru_RU", "en_GB", "en_US")
pytestmark = pytest.mark.skipif(any(spelling.find(name) is None for name in NEEDED),
                                reason="the Hunspell dictionaries are not installed (apt install hunspell-kk "
                                       "hunspell-ru hunspell-en-gb hunspell-en-us; .ci/run installs them)")
SPELLING_WARNING = "dictionary (check the spelling"


def spelling_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if SPELLING_WARNING in line or "spelling is not checked" in line]


@pytest.mark.parametrize("spec", sorted(NOTES.glob("*.yaml")) + sorted((ROOT / "examples").glob("*/notes/*.yaml")),
                         ids=lambda p: p.name)
def test_the_notes_give_no_spelling_warning(spec, capsys):
    main([str(spec), "--check"])
    assert spelling_lines(capsys.readouterr().err) == []


# The parts of the seeds that are notes (the letter, its agenda), before the documents they enclose.
SEED_NOTES = {"000": "**NOTE BY THE CHAIR", "002": "CICA CATALOGUE OF CONFIDENCE", "003": "**CONFERENCE ON INTERACTION"}


def _seed_paragraphs():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        text = text[:text.index(SEED_NOTES[path.name[:3]])]
        for line in text.splitlines():
            if line.strip():
                lang = "kk" if re.search("[ӘәҒғҚқҢңӨөҰұҮүҺһІі]", line) else "ru" if re.search("[А-Яа-я]", line) else "en"
                yield path.name[:3], lang, line


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seeds (shared/seeds) are not beside this checkout")
def test_the_seeds_notes_give_no_spelling_warning():
    termbase = default_termbase()
    paragraphs = list(_seed_paragraphs())
    assert len(paragraphs) > 40 and {lang for _, lang, _ in paragraphs} == {"en", "ru", "kk"}
    warnings = [(seed, w) for seed, lang, line in paragraphs
                for w in lint_text("seed", lang, line, known=termbase.known_words(lang)) if SPELLING_WARNING in w]
    assert warnings == []


# (lang, text, the word flagged) -- a real slip in each language; and what is not one
SLIPS = [
    ("en", "has the honour to forward the documnet", "documnet"),
    ("en", "the Secretariat has the honnour to", "honnour"),
    ("ru", "имеет честь препроводитть документ", "препроводитть"),
    ("ru", "свидетельствует свое уважениее", "уважениее"),
    ("kk", "құжатты жолдаудыы өзіне мәртебе санайды", "жолдаудыы"),
    ("kk", "АӨСШК мүше мемлекетеріне", "мемлекетеріне"),
    ("kk", "6-кезддесу", "кезддесу"),
    ("kk", "Испаниия Корольдігінің Елшілігі", "Испаниия"),      # a state's name known by CLDR still has its slips
    ("kk", "Лондонн қаласында", "Лондонн"),
    ("kk", "екі ел арасындағы хатама", "хатама"),
]


@pytest.mark.parametrize("lang, text, word", SLIPS, ids=[s[2] for s in SLIPS])
def test_a_real_slip_is_flagged(lang, text, word):
    warnings = lint_text("purpose", lang, text, known=default_termbase().known_words(lang))
    assert [w.split(": ")[1] for w in warnings if SPELLING_WARNING in w] == [word]


# Right words the dictionary alone lacks: Kazakh forms (by the suffix engine), names (the termbase), the word lists
RIGHT = [
    ("kk", "Ресейдің Сыртқы істер министрлігіне жолдауды хабарлауды", "Ресей from words.txt, forms by rule"),
    ("kk", "Хатшылығында, мемлекеттеріне, Азиядағы, отырысының", "the possessive, plural and case by rule"),
    ("kk", "кіріскенін, болмайтынын, жаңартылған, қарастырылатын", "participles of verbs the dictionary has"),
    ("kk", "Нұр-Сұлтан қаласының уақытымен, онлайн-форматта", "a termbase name; a compound's parts"),
    ("kk", "14.00-те, АӨСШК-нің, «Ақорда»-ға, 6-кездесу", "suffixes after figures, abbreviations, quotes"),
    ("ru", "государствам-членам СВМДА в г. Нур-Султан, ММ/2021/DRAFT/3/Rev.4", "names, abbreviations, symbols"),
    ("en", "the Special Working Group (SWG) in Nur-Sultan", "names from the termbase, abbreviations"),
    ("ru", "встреча с господином Әлиевым", "a Kazakh word in a Russian text is not asked of the Russian dictionary"),
    # real texts (the Ramsar Convention's diplomatic notes; the exchange of notes of 18 March 1996 between the
    # Ministries of Foreign Affairs of Greece and Russia) and names no dictionary holds
    ("en", "by the January 1st due date; the 2nd and 3rd sessions; its 59th meeting; the 1990s",
     "letters glued to figures are an ordinal's ending (Ramsar DN 2000/3)"),
    ("ru", "принял г-на Кошербаева и г-жу Сейтказиеву", "г-н, г-жа (Русский орфографический словарь РАН); surnames"),
    ("ru", "Президент Касым-Жомарт Токаев, Главе государства Касым-Жомарту Токаеву", "a surname and its cases"),
    ("en", "President Kassym-Jomart Tokayev received Ms Seitkazieva", "surnames in Latin letters"),
    ("kk", "Қасым-Жомарт Тоқаевтың, Көшербаевқа, Сейтқазиеваға, Мұхамедиұлының", "surnames and their case forms"),
    ("kk", "электрондық поштасы, веб-сайтында, мемлекетаралық, екіжақты, үшжақты", "words.txt (adilet, gov.kz)"),
    # states, territories and cities as CLDR names them in each language (babel; hunspell-kk has none of these),
    # in their case forms by the suffix engine
    ("kk", "Испания Корольдігінің, Нидерландқа, Біріккен Араб Әмірліктерінің, Сауд Арабиясы, Италияға",
     "CLDR territories; Корольдік in words.txt (СІМ: Тайланд Корольдігі)"),
    ("kk", "Швейцария Конфедерациясы, Ұлыбритания және Солтүстік Ирландия Құрама Корольдігі", "CLDR territories"),
    ("kk", "Лондонда, Парижге, Токиода, Аддис-Абебада, Вашингтонға", "CLDR exemplar cities; Вашингтон in words.txt"),
    ("kk", "Уағдаласушы Тараптардың, хаттамаға, протоколдық, аккредитация, визасыз режим, визалық қолдау",
     "the words of treaties and consular notes (adilet), in words.txt"),
    ("ru", "Посольство Испании в Лондоне, Королевство Нидерландов, в Аддис-Абебе", "Russian names, the dictionary's"),
]


@pytest.mark.parametrize("lang, text, why", RIGHT, ids=[r[2][:30] for r in RIGHT])
def test_right_words_give_no_warning(lang, text, why):
    known = default_termbase().known_words(lang)
    assert [w for w in lint_text("purpose", lang, text, known=known) if SPELLING_WARNING in w] == [], why


def test_the_house_spelling_chooses_the_english_dictionary(write_spec, capsys):
    """en-US: «honor» is right, «honour» is flagged once (the house rule), not twice."""
    purpose = {"en": "has the honor to inform", "ru": "имеет честь сообщить", "kk": "хабарлауды"}
    main([str(write_spec(purpose=purpose, meeting=None, house={"spelling": "en-US"})), "--check"])
    assert spelling_lines(capsys.readouterr().err) == []
    purpose["en"] = "has the honour to inform"
    main([str(write_spec(purpose=purpose, meeting=None, house={"spelling": "en-US"})), "--check"])
    err = capsys.readouterr().err
    assert err.count("honour") == 1 and "the house spells en-US: honor" in err


def test_a_slip_is_a_line_at_its_field(write_spec, capsys):
    purpose = {"en": "forward the documnet", "ru": "препроводить документ", "kk": "құжатты жолдаудыы"}
    spec = write_spec(purpose=purpose, meeting=None)
    assert main([str(spec), "--check"]) == 0              # a warning, not a failure
    assert main([str(spec), "--check", "--strict"]) == 1  # --strict fails on warnings
    lines = spelling_lines(capsys.readouterr().err)
    assert any(re.fullmatch(r".*note\.yaml:\d+: purpose\.kk: жолдаудыы: not in the Kazakh dictionary \(check the "
                            r"spelling; a right word goes into termbase/kk/words\.txt of the workspace\).*", line)
               for line in lines), lines
    assert any(": purpose.en: documnet: not in the English dictionary" in line for line in lines)


def test_an_office_word_list_knows_its_own_words(tmp_path, monkeypatch, capsys):
    from verbale.cli import main as verbale

    monkeypatch.chdir(tmp_path)
    assert verbale(["init", "office"]) == 0
    office = tmp_path / "office"
    from conftest import fill_in_sender

    fill_in_sender(office)
    sample = office / "notes" / "sample.yaml"
    sample.write_text(sample.read_text(encoding="utf-8").replace("languages: [en, ru, kk]", "languages: [en, ru, kk]")
                      + "paragraphs:\n  - {en: The Zhetisu forum., ru: Форум Жетысу., kk: Жетісуфорумы өтеді.}\n",
                      encoding="utf-8")
    capsys.readouterr()
    verbale(["generate", str(sample), "--check"])
    flagged = [line.split(": ")[2] for line in spelling_lines(capsys.readouterr().err)]
    assert set(flagged) == {"Zhetisu", "Жетысу", "Жетісуфорумы"}
    for lang, word in (("en", "Zhetisu"), ("ru", "Жетысу"), ("kk", "Жетісуфорум")):
        (office / "termbase" / lang / "words.txt").write_text(f"{word}  # the office's forum\n", encoding="utf-8")
    verbale(["generate", str(sample), "--check"])
    assert spelling_lines(capsys.readouterr().err) == []   # the Kazakh possessive form is found by its stem


def test_a_missing_dictionary_is_one_line_that_says_how_to_install_it(write_spec, capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(spelling, "folders", lambda: [tmp_path])
    spelling.dictionary.cache_clear()
    spelling.forget_verdicts()
    try:
        purpose = {"en": "inform", "ru": "сообщить", "kk": "хабарлауды"}
        main([str(write_spec(purpose=purpose, meeting=None)), "--check"])
        lines = spelling_lines(capsys.readouterr().err)
    finally:
        spelling.dictionary.cache_clear()
        spelling.forget_verdicts()
    assert len(lines) == 3 and all(": languages: the " in line for line in lines)
    assert any("the Kazakh spelling is not checked: no dictionary kk_KZ (install Debian's hunspell-kk (apt install "
               "hunspell-kk), or put kk_KZ.aff and kk_KZ.dic into a folder named by VERBALE_DICTIONARIES)" in line
               for line in lines), lines


def test_the_lazy_dictionary_answers_as_spylls_does():
    """The .dic indexed by stem and parsed on demand gives spylls' own answers (benchmarks/spelling.py measures
    the time it saves)."""
    from spylls.hunspell import Dictionary

    for lang, name, words in (
            ("ru", "ru_RU", "свидетельствует уважение Секретариат государствам-членам МОСКВА москва Москва уважениее"),
            ("kk", "kk_KZ", "санайды Қазақстан жолдауды Мәскеу ҚАЗАҚСТАН қазақстан"),
            ("en", "en_GB", "compliments honour honor Kazakhstan UNESCO kazakhstan KAZAKHSTAN complimants")):
        full = Dictionary.from_files(str(spelling.find(name)))
        lazy = spelling.dictionary(name)
        assert [lazy(w) for w in words.split()] == [full.lookup(w) for w in words.split()], lang


def test_the_answers_are_kept_so_a_later_run_need_not_read_the_dictionary(monkeypatch):
    """The dictionary's answers go into the cache (JSON, keyed by the dictionary files): a process that checks
    words asked before never reads the dictionary (benchmarks/spelling.py: reading it is the slow part)."""
    words = ["препроводить", "уважениее", "Секретариат"]
    first = [spelling.is_spelled_right(w, "ru") for w in words]
    spelling.save_verdicts()
    spelling.forget_verdicts()

    def unread(name):
        raise AssertionError(f"{name} was read again")
    monkeypatch.setattr(spelling, "dictionary", unread)
    try:
        assert [spelling.is_spelled_right(w, "ru") for w in words] == first == [True, False, True]
    finally:
        spelling.forget_verdicts()


# issue #23 (locales/kk/README.md, «Case suffixes»): a surname in -ев takes the harmony of its stem; a suffix typed
# by hand that the stem does not take is said once, with the right form
SURNAME_SLIPS = [("Президент Тоқаевтің сапары", "Тоқаевтің", "Тоқаевтың"),
                 ("Назарбаевке хат", "Назарбаевке", "Назарбаевқа"),
                 ("Мамаевтен", "Мамаевтен", "Мамаевтан")]


@pytest.mark.parametrize("text, slip, right", SURNAME_SLIPS, ids=[s[1] for s in SURNAME_SLIPS])
def test_a_surname_with_the_wrong_harmony_is_one_line_with_the_right_form(text, slip, right):
    warnings = lint_text("purpose", "kk", text, known=default_termbase().known_words("kk"))
    surname = right[:right.index("ев") + 2]
    assert warnings == [f"purpose: {slip}: the stem of {surname} decides its harmony (the е of -ев does not), so the "
                        f"suffix is -{right[len(surname):]} ({right})"]
