"""Language lint: the typing slips the seed notes themselves contain, as warnings.

>>> [w.split(": ", 1)[1] for w in lint_text("purpose.ru", "ru", "до 2 июня 2021г. по времени г.Нур-Султан")]
['2021г.: a no-break space goes before «г.» (2021 г.)', 'г.Нур-Султан: a space goes after «г.» (г. Нур-Султан)']
>>> [w.split(": ", 1)[1] for w in lint_text("purpose.ru", "ru", 'проект "Декларации" - документ')]
['"Декларации": straight quotes: Russian and Kazakh texts use «» («Декларации»)', '"Декларации" - документ: a hyphen between spaces: a dash goes here ("Декларации" — документ)']
>>> [w.split(": ", 1)[1] for w in lint_text("purpose.kk", "kk", "6-ші кездесу сағат 14.00-де")]
['6-ші: the 2021 orthography writes the figure and a hyphen before the noun (6-кездесу, not 6-ші кездесу)', '14.00-де: «төрт» is read last, so the suffix is -те (14.00-те)']
"""
from __future__ import annotations

import re
from functools import lru_cache

from .typed import LOOKALIKES, Finding, symbols, typed_text, without_symbols
from ..errors import SpecError
from ..grammar import kk, ru, spelling
from ..facts.yamlsource import YamlDoc

LANGUAGE_NAMES = spelling.LANGUAGE_NAMES
RU_MONTHS = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
KK_ORDINAL_SUFFIX = re.compile(r"\b(\d+)-(ші|шы|інші|ыншы|нші|ншы)\b")
# a figure group with a space is one number (1 000 000-ға: «миллион»; locales/kk/README.md, «Numbers in figures»)
KK_NUMBER_SUFFIX = re.compile(r"\b(\d{1,2}[.:]\d{2}|\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+(?:,\d+)?)"
                              r"-([а-яәғқңөұүһі]+)")
SUFFIX_FAMILIES = {
    "loc": {"да", "де", "та", "те"}, "dat": {"ға", "ге", "қа", "ке"}, "abl": {"дан", "ден", "тан", "тен", "нан", "нен"},
    "gen": {"ның", "нің", "дың", "дің", "тың", "тің"}, "acc": {"ны", "ні", "ды", "ді", "ты", "ті"},
    "ins": {"мен", "бен", "пен"},
}
RULES = [  # (language or None for all, pattern, message from the match)
    ("ru", re.compile(r"\d{4}г\."), lambda m: (m.group(), f"a no-break space goes before «г.» ({m.group()[:4]} г.)")),
    ("ru", re.compile(r"(?<![\w.])г\.(?=[А-ЯЁ][\w-]*)[\w-]+"),
     lambda m: (m.group(), f"a space goes after «г.» (г. {m.group()[2:]})")),
    # «2021 г.» and «2021 года» are both standard (a house chooses, NOTE-SPEC §7); only a bare year is a slip
    ("ru", re.compile(rf"\b\d{{1,2}}\s+(?:{RU_MONTHS})\s+\d{{4}}(?!\s*(?:г\.|год(?:а|у|ом|е)?\b))"),
     lambda m: (m.group(), f"a year in a date takes «г.» ({m.group()} г.)")),
    (None, re.compile(r"\S {2,}\S"), lambda m: (repr(m.group()), "two spaces in a row (one is enough)")),
    (None, re.compile(r"\bGMT\s+[+\-−]\d"), lambda m: (m.group(), "GMT and its offset are written together (GMT+6)")),
    # Russian and Kazakh typography: «ёлочки» for quotes, a dash (—) between words, not a spaced hyphen
    ("ru kk", re.compile(r'"([^"\n]{1,200})"'),
     lambda m: (m.group(), f"straight quotes: Russian and Kazakh texts use «» (\u00ab{m.group(1)}\u00bb)")),
    ("ru kk", re.compile(r"(\S+) - (\S+)"),
     lambda m: (m.group(), f"a hyphen between spaces: a dash goes here ({m.group(1)} — {m.group(2)})")),
    ("kk", re.compile(r"\b(\d+)- (?=[а-яәғқңөұүһі])(\w+)"),
     lambda m: (m.group(), f"a space after the hyphen: the figure and its hyphen go straight before the noun "
                           f"({m.group(1)}-{m.group(2)})")),
]


KK_ABBREVIATION_SUFFIX = re.compile(r"(?<![\w-])([A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]*[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])"
                                    r"[-\u2011]([а-яәғқңөұүһі]+)\b")


# a surname in -ев (-ёв) with a case suffix typed after it: Тоқаевтің (locales/kk/README.md: the stem decides)
KK_SURNAME_SUFFIX = re.compile(r"(?<![\w-])([А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+[её]в)([а-яәғқңөұүһі]{1,3})\b")


def _surname_slips(text: str) -> list[tuple[str, str]]:
    """A case suffix typed after a surname in -ев that the stem's harmony does not take (issue #23).

    >>> _surname_slips("Тоқаевтің, Назарбаевке, Әлиевтің, Тоқаевқа, Медведевке")
    [('Тоқаевтің', 'the stem of Тоқаев decides its harmony (the е of -ев does not), so the suffix is -тың (Тоқаевтың)'), ('Назарбаевке', 'the stem of Назарбаев decides its harmony (the е of -ев does not), so the suffix is -қа (Назарбаевқа)')]
    """
    slips = []
    for match in KK_SURNAME_SUFFIX.finditer(text):
        surname, written = match.groups()
        case = next((case for case, family in SUFFIX_FAMILIES.items() if written in family), None)
        if case is None:
            continue
        expected = kk.inflect(surname, case)
        if expected != match.group():
            slips.append((match.group(), f"the stem of {surname} decides its harmony (the е of -ев does not), so the "
                                         f"suffix is -{expected[len(surname):]} ({expected})"))
    return slips


def _kazakh_slips(text: str, readings=None) -> list[tuple[str, str]]:
    """
    >>> _kazakh_slips("ОПЕК-ге, ЮНКТАД-ның, ТМД-ға, АҚШ-қа")
    [('ОПЕК-ге', 'ОПЕК is read «опек», so the suffix is -ке (ОПЕК-ке)'), ('ЮНКТАД-ның', 'ЮНКТАД is read «юнктад», so the suffix is -тың (ЮНКТАД-тың)')]
    """
    slips = _abbreviation_slips(text, readings) + _surname_slips(text) + [(m.group(), "the 2021 orthography writes the figure and a hyphen before the noun "
              f"({m.group(1)}-кездесу, not {m.group()} кездесу)") for m in KK_ORDINAL_SUFFIX.finditer(text)]
    for match in KK_NUMBER_SUFFIX.finditer(text):
        figures, written = match.groups()
        if KK_ORDINAL_SUFFIX.fullmatch(match.group()):
            continue
        possessive = _figure_possessive(figures, written)
        if possessive:
            slips.append((match.group(), possessive))
            continue
        for case, family in SUFFIX_FAMILIES.items():
            if written in family:
                expected = kk.inflect(figures, case)
                if expected != match.group():
                    slips.append((match.group(), f"«{kk.spoken(figures)}» is read last, so the suffix is "
                                                 f"-{expected.rsplit('-', 1)[1]} ({expected})"))
    return slips


KK_POSSESSIVE_AFTER_FIGURE = re.compile(r"(ы|і|сы|сі)?(н|нда|нде|на|не|нан|нен|ның|нің|мен)?")


def _figure_possessive(figures: str, written: str) -> str | None:
    """A figure with the 3rd-person possessive and a case (айдың 15-інде, 2-сінде, 10-ында: «бесі», «екісі», «оны»)
    typed otherwise (15-нде, 2-інде): what to write, or None.  The possessive is -ы/-і after a consonant, -сы/-сі
    after a vowel of the figure's last word read aloud; the case after it takes the pronominal н (Қазақ
    грамматикасы, 2002, тәуелдік жалғау; ЕЕ, hyphen rules: 5-і, 5-інде).

    >>> [_figure_possessive(f, w) for f, w in (("15", "інде"), ("15", "нде"), ("2", "сінде"), ("2", "інде"), ("10", "ында"), ("20", "сында"), ("3", "і"), ("3", "сі"), ("15", "те"))]
    [None, 'the possessive after «бес» is -і (15-інде)', None, 'the possessive after «екі» is -сі (2-сінде)', None, None, None, 'the possessive after «үш» is -і (3-і)', None]
    """
    match = KK_POSSESSIVE_AFTER_FIGURE.fullmatch(written)
    if not match or not (match.group(1) or written in ("нда", "нде", "на", "не")):   # -нан: мыңнан
        return None
    word = kk.spoken(figures)
    front = kk.is_front(word)
    possessive = ("сі" if front else "сы") if word[-1:] in kk.VOWELS else ("і" if front else "ы")
    case = match.group(2) or ""
    if case:
        case = {"нда": "нде", "на": "не", "нан": "нен", "ның": "нің"}.get(case, case) if front else \
            {"нде": "нда", "не": "на", "нен": "нан", "нің": "ның"}.get(case, case)
    right = possessive + case
    return None if right == written else f"the possessive after «{word}» is -{possessive} ({figures}-{right})"


def _abbreviation_slips(text: str, readings=None) -> list[tuple[str, str]]:
    """A case suffix typed after an abbreviation that its reading does not take (locales/kk/README.md,
    «Abbreviations»: ОПЕК-ке, not ОПЕК-ге)."""
    slips = []
    for match in KK_ABBREVIATION_SUFFIX.finditer(text):
        abbreviation, written = match.groups()
        case = next((case for case, family in SUFFIX_FAMILIES.items() if written in family), None)
        if case is None or not kk.is_abbreviation(abbreviation):
            continue
        expected = kk.inflect(abbreviation, case, readings=readings)
        if expected != f"{abbreviation}-{written}":
            reading = kk.spoken(abbreviation, readings)
            slips.append((match.group(), f"{abbreviation} is read «{reading}», so the suffix is "
                                         f"-{expected.rsplit('-', 1)[1]} ({expected})"))
    return slips


# Words whose British and American spellings differ in notes; the house's `spelling:` says which is meant.
# Proper names keep their own spelling (International Labour Organization), so -our nouns common in names
# (labour, neighbour) are not listed.
SPELLINGS = {"en-GB": ("honor", "honour"), "en-US": ("honour", "honor")}
SPELLING_STEMS = ("hon", "fav", "endeav")


def _spelling_slips(text: str, spelling: str) -> list[tuple[str, str]]:
    """
    >>> _spelling_slips("has the honor to", "en-GB"), _spelling_slips("has the honor to", "en-US")
    ([('honor', 'the house spells en-GB: honour')], [])
    >>> _spelling_slips("an honorary member", "en-GB")
    []
    >>> _spelling_slips("Honoured and favourable", "en-US")
    [('Honoured', 'the house spells en-US: Honored'), ('favourable', 'the house spells en-US: favorable')]
    """
    wrong, right = SPELLINGS[spelling]
    # honorary, honorarium and honorific keep -or in British spelling too
    pattern = re.compile(rf"\b(?:{'|'.join(SPELLING_STEMS)}){wrong[3:]}(?!ary|arium|ific)\w*", re.I)
    return [(m.group(), f"the house spells {spelling}: {m.group().replace(wrong[3:], right[3:], 1)}")
            for m in pattern.finditer(text)]


# A word of a clerk's text: letters, with inner hyphens or apostrophes (государства-члены, Nur-Sultan, don't)
TYPED_WORD = re.compile(r"[^\W\d_]+(?:['’\-\u2011][^\W\d_]+)*")
SCRIPTS = {"en": re.compile(r"[A-Za-z]"), "ru": re.compile(r"[А-Яа-яЁё]"), "kk": re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")}
KAZAKH_ONLY = re.compile(r"[ӘәҒғҚқҢңӨөҰұҮүҺһІі]")


@lru_cache(maxsize=1024)   # a batch's notes share most texts; bounded: memory stays flat
def _checked_words(text: str, lang: str) -> tuple[str, ...]:
    """The words of a text the dictionary is asked about, each once, in order: not abbreviations (ЕҚЫҰ, ҚазҰУ),
    not a suffix joined to figures, an abbreviation or a quote by a hyphen (14.00-те, АӨСШК-нің), not words of
    another script (a Latin symbol in a Russian text; a Kazakh name in a Russian one)."""
    text, words = without_symbols(text), []
    for match in TYPED_WORD.finditer(text):
        word = match.group().replace("\u2011", "-")
        before = text[:match.start()]
        if not all(c.isalpha() or c in "'’-" for c in word) or len(word) < 2 or kk.is_abbreviation(word):
            continue
        if len(word) > spelling.LONGEST_WORD:
            continue      # a run of letters longer than any word (a test string): not a spelling question
        if len(word) <= 5 and re.search(r"[\d»”\"A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][-\u2011]$", before):
            continue      # a suffix (14.00-те, АӨСШК-нің); a noun after a figure is a word (6-кездесу)
        if not SCRIPTS[lang].fullmatch(word[0]) or (lang == "ru" and KAZAKH_ONLY.search(word)):
            continue
        if before[-1:].isdigit():
            continue      # letters glued to figures: the 59th, the 1990s, 1st
        words.append(word)
    return tuple(dict.fromkeys(words))


def _unknown_words(text: str, lang: str, spelling_: str, known: frozenset) -> list[tuple[str, str]]:
    """Words no dictionary, name or word list knows (a hyphenated word is right when its parts are)."""
    slips, name = [], LANGUAGE_NAMES[lang]
    for word in _checked_words(text, lang):
        if spelling.is_spelled_right(word, lang, spelling_, known):
            continue
        parts = word.split("-")
        if len(parts) > 1 and all(spelling.is_spelled_right(part, lang, spelling_, known) for part in parts):
            continue
        slips.append((word, f"not in the {name} dictionary (check the spelling; a right word goes into "
                            f"termbase/{lang}/words.txt of the workspace)"))
    return slips


def spelling_slips(text: str, lang: str, spelling_: str = "en-GB", known: frozenset = frozenset()) -> list[str]:
    """The words of ``text`` the Hunspell dictionary of ``lang`` does not know; [] where it is not installed.

    >>> import pytest; _ = spelling.find("ru_RU") or pytest.skip("no Russian dictionary")
    >>> spelling_slips("имеет честь препроводить Ревизию № 4 проекта Декларации", "ru")
    []
    >>> spelling_slips("имеет честь препроводитть Ревизию", "ru")
    ['препроводитть']
    """
    if _dictionary_of(lang, spelling_) is None:
        return []
    return [word for word, _ in _unknown_words(text, lang, spelling_, known)]


RU_PREPOSITION = re.compile(r"(?<![\w\-.\u2011])(о|об|в|во|с|со|О|Об|В|Во|С|Со) "
                            r"(\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?(?:[-\u2011][а-я]+)?(?:[ \u00a0]по[ \u00a0]\d{1,2}[ \u00a0][а-яё]+"
                            r"|[ \u00a0][а-яё]+)?|[«“]?[^\W\d_][\w-]*)")


def _preposition_slips(text: str) -> list[tuple[str, str]]:
    """о/об, в/во, с/со typed before a word that takes the other form (locales/ru/README.md, «Prepositions»).

    >>> [s for s, _ in _preposition_slips("о итогах, в Франции, с Словакией, об Москве, о ноте, во Владивостоke, "
    ...                                     "с 2 марта, об {{ x }}, в 2 раза, о 11 встречах")]
    ['о итогах', 'в Франции', 'с Словакией', 'об Москве', 'с 2 марта', 'о 11 встречах']
    >>> _preposition_slips("о итогах")[0][1]
    'the preposition before «итогах» is «об» (об итогах)'
    """
    slips = []
    for match in RU_PREPOSITION.finditer(text):
        written, following = match.groups()
        right = ru.preposition_before(written, following)
        if right != written:
            slips.append((match.group(), f"the preposition before «{following}» is «{right}» ({right} {following})"))
    return slips


def lint_text(field: str, lang: str, text: str, where: str = "", spelling: str = "en-GB",
              known: frozenset | None = None, readings=None, dictionary: bool | None = None) -> list[str]:
    """The slips of one text; with ``known`` (the termbase's names and word lists) its spelling too.
    ``dictionary``: whether the dictionary is installed, when the caller asked already (else asked here)."""
    slips = [rule(m) for rule_lang, pattern, rule in RULES if rule_lang is None or lang in rule_lang.split()
             for m in pattern.finditer(text)]
    if lang == "en":
        slips += _spelling_slips(text, spelling)
    if lang == "kk":
        slips += _kazakh_slips(text, readings)
    if lang == "ru":
        slips += _preposition_slips(text)
    if dictionary is None and known is not None:
        dictionary = _dictionary_of(lang, spelling) is not None
    if known is not None and dictionary:
        flagged = {found for found, _ in slips}   # a word a rule names (honour in an en-US house) is said once
        slips += [slip for slip in _unknown_words(text, lang, spelling, known) if slip[0] not in flagged]
    if lang == "en" and '"' in text and re.search(r"[«»“”„]", text):
        slips.append(('"', "straight and typographic quotes are mixed (use «» in ru/kk, “” in en)"))
    for symbol in symbols(text):
        if symbol.translate(LOOKALIKES) != symbol and re.search(r"[A-Za-z]", symbol):
            slips.append((symbol, "Cyrillic letters in a Latin document symbol (type it in Latin letters)"))
    return [f"{where}{field}: {found}: {problem}" for found, problem in slips]


def source_texts(spec):
    """Every per-language text the clerk typed: (path, language, text)."""
    fields = [(("purpose",), spec.purpose), (("continuation",), spec.continuation)]
    fields += [(("paragraphs", i), p) for i, p in enumerate(spec.paragraphs)]
    if isinstance(spec.enclosures, list):
        fields += [(("enclosures", i, "title"), e.title) for i, e in enumerate(spec.enclosures)]
    # NOTE-SPEC §10: the opening's clause, the heading (a line or a list of lines) and the subject
    fields += [(path, model) for path, model in ((("opening", "clause"), getattr(spec, "opening_clause", None)),
                                                 (("heading",), getattr(spec, "heading", None)),
                                                 (("subject",), getattr(spec, "subject", None))) if model is not None]
    for path, texts in fields:
        for lang in spec.languages:
            text = getattr(texts, lang, None) if texts is not None else None
            lines = [(path + (lang,), text)] if not isinstance(text, list) else [
                (path + (lang, i), line) for i, line in enumerate(text)]
            for where, line in lines:
                if line:
                    yield where, lang, typed_text(line, placeholder="…")


def _dictionary_of(lang: str, spelling_: str):
    """Where the dictionary of ``lang`` is, or None: whether it is there, without reading it (it is read only when
    a word is not in the answers kept from earlier runs)."""
    return spelling.find(spelling.dictionary_name(lang, spelling_))


def missing_dictionaries(spec, doc: YamlDoc, spelling_: str, installed: dict | None = None) -> list[Finding]:
    """One line per language whose Hunspell dictionary is not installed, saying how to install it (``installed``:
    language -> whether it is, when the caller asked already)."""
    findings = []
    for lang in spec.languages:
        name = spelling.dictionary_name(lang, spelling_)
        if not (installed[lang] if installed is not None else spelling.find(name) is not None):
            findings.append(Finding("lint", (
                f"{doc.file}:{doc.line_of(('languages',))}: languages: the {LANGUAGE_NAMES[lang]} spelling is not "
                f"checked: no dictionary {name} ({spelling.install_hint(name)})")))
    return findings


def lint(spec, doc: YamlDoc, house=None, termbase=None) -> list[Finding]:
    """The slips of every text, each on the line of its field; English in the house's spelling; the spelling
    of every word against the Hunspell dictionaries, knowing the termbase's names and word lists."""
    from ..facts.termbase import default_termbase
    from ..facts.yamlsource import dotted

    spelling_ = house.spelling if house is not None else "en-GB"
    termbase = termbase or default_termbase()
    known = {lang: termbase.known_words(lang) for lang in spec.languages}
    # asked once a spec, not once a text: each asking looks for two files in three folders
    installed = {lang: _dictionary_of(lang, spelling_) is not None for lang in spec.languages}
    findings = missing_dictionaries(spec, doc, spelling_, installed) + cyrillic_numbers_in_english(spec, doc,
                                                                                                   termbase) + [
        Finding("lint", warning) for path, lang, text in source_texts(spec)
        for warning in lint_text(dotted(path), lang, text, f"{doc.file}:{doc.line_of(path)}: ", spelling_,
                                 known[lang], termbase.readings.get(lang), installed[lang])]
    spelling.save_verdicts()
    return findings


def cyrillic_numbers_in_english(spec, doc: YamlDoc, termbase) -> list[Finding]:
    """A number an English note cites with Cyrillic letters (`№ 12-3/456-НВ`): an English note prints none
    (locales/en/README.md, «A cited number in Cyrillic»); the hint gives the Latin form of the English formulas'
    ``transliteration`` table, for the clerk to confirm or to replace by the sender's own English form."""
    from ..grammar.en import has_letters_of, romanized
    from .facts import ref_number

    table = (termbase.formulas.get("en") or {}).get("transliteration") or {}
    if "en" not in spec.languages or not table:
        return []
    findings = []
    for key, ref in spec.refs.items():
        try:
            number = ref_number(ref, "en", f"refs.{key}")
        except SpecError:   # a missing number is the generator's error, said there
            continue
        if number and has_letters_of(number, table):
            others = ", ".join(f"{lang}: {number}" for lang in spec.languages if lang != "en")
            findings.append(Finding("lint", f"{doc.file}:{doc.line_of(('refs', key, 'number'))}: refs.{key}.number: "
                                            f"the English note would cite {number} in Cyrillic letters (write "
                                            f"`number: {{{others}, en: {romanized(number, table)}}}`, or the "
                                            "sender's own English form)"))
    return findings
