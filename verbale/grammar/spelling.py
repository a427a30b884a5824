"""Spelling by the Hunspell dictionaries the system has (Debian's hunspell-kk, hunspell-ru, hunspell-en-gb,
hunspell-en-us in /usr/share/hunspell; LibreOffice's on Windows), read by spylls, Hunspell in pure Python
(installs from PyPI on every system; a binding needs the C library and a compiler).

spylls reads a whole ``.dic`` into objects before the first lookup (6 s for Russian, 4 s for English on these
machines; benchmarks/spelling.py).  Here the ``.dic`` is indexed by stem as plain text, and the entries of a stem
are parsed by spylls' own reader only when a lookup asks for that stem: the same answers (a test compares them)
at a fraction of the start.  The dictionary's answers are kept in the cache (verbale/cache.py, JSON), so a
process reads a dictionary only when a text has a word no run asked about before.

What the caller knows beside the dictionary (the termbase's names, the office's word list) comes in as
``known``: a grammar never reads the termbase.  Kazakh forms the dictionary lacks are checked against their
stem: a word is right if our own suffix engine (``kk.inflect``) makes it from a stem the dictionary or ``known``
holds (жолдау -> жолдауды, мемлекет -> мемлекеттеріне, хатшылық -> Хатшылығында).
"""
from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from ..cache import cached, digest, read_entry, shaped, source_of, write_entry
from . import kk

# the house's spelling or the language -> the dictionary's file name
DICTIONARIES = {"en-GB": "en_GB", "en-US": "en_US", "ru": "ru_RU", "kk": "kk_KZ"}
PACKAGES = {"en_GB": "hunspell-en-gb", "en_US": "hunspell-en-us", "ru_RU": "hunspell-ru", "kk_KZ": "hunspell-kk"}
LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "kk": "Kazakh"}
ENVIRONMENT = "VERBALE_DICTIONARIES"   # a folder holding NAME.aff and NAME.dic, searched first


def folders() -> list[Path]:
    """Where dictionaries are looked for: ``VERBALE_DICTIONARIES``, then the system's places."""
    found = [Path(os.environ[ENVIRONMENT])] if os.environ.get(ENVIRONMENT) else []
    if os.name == "nt":
        for root in (os.environ.get("ProgramFiles"), os.environ.get("ProgramFiles(x86)")):
            if root:
                found += sorted((Path(root) / "LibreOffice" / "share" / "extensions").glob("dict-*"))
    else:
        found += [Path("/usr/share/hunspell"), Path("/usr/share/myspell"), Path("/usr/share/myspell/dicts")]
    return found


def dictionary_name(lang: str, spelling: str = "en-GB") -> str:
    return DICTIONARIES[spelling if lang == "en" else lang]


def install_hint(name: str) -> str:
    """How to get a missing dictionary, in one line."""
    return (f"install Debian's {PACKAGES[name]} (apt install {PACKAGES[name]}), or put {name}.aff and {name}.dic "
            f"into a folder named by {ENVIRONMENT}")


def find(name: str) -> Path | None:
    """``folder/NAME`` (without the extension) of the first folder holding NAME.aff and NAME.dic."""
    for folder in folders():
        if (folder / f"{name}.aff").is_file() and (folder / f"{name}.dic").is_file():
            return folder / name
    return None


class _Entries:
    """A thin line source for spylls' .dic reader: the lines of one stem."""

    def __init__(self, lines: Iterable[str]):
        self._lines = list(enumerate(lines, 2))

    def __iter__(self):
        return iter(self._lines)


class LazyDic:
    """The part of spylls' ``Dic`` its lookup uses (``homonyms``, ``has_flag``), over the ``.dic`` indexed by stem
    as text; a stem's entries are parsed by spylls' reader on first use."""

    TAGS = re.compile(r"[ \t]\w{2}:")

    def __init__(self, text: str, aff, context):
        self.aff, self.context = aff, context
        self.words: list = []           # spylls' suggester reads it; lookup does not
        self._raw: dict[str, list[str]] = {}
        self._raw_lower: dict[str, list[str]] = {}
        self._parsed: dict[tuple[str, bool], list] = {}
        lines = text.splitlines()
        first = 1 if lines and re.match(r"\d+(\s|$)", lines[0]) else 0
        for line in lines[first:]:
            line = line.strip()
            if not line:
                continue
            stem = self._stem(line)
            self._raw.setdefault(stem, []).append(line)
            if not stem.islower():
                self._raw_lower.setdefault(stem.lower(), []).append(line)

    def _stem(self, line: str) -> str:
        if "\\" not in line and "\t" not in line and ":" not in line:
            return line if line.startswith("/") else line.partition("/")[0]
        tags = self.TAGS.search(line)
        head = line[:tags.start()] if tags else line
        head = head.split("\t", 1)[0]
        if not head.startswith("/"):
            head = re.split(r"(?<!\\)/", head, maxsplit=1)[0]
        return head.replace("\\/", "/")

    def homonyms(self, stem: str, *, ignorecase: bool = False) -> list:
        key = (stem, ignorecase)
        if key not in self._parsed:
            from spylls.hunspell.readers.dic import read_dic

            lines = (self._raw_lower if ignorecase else self._raw).get(stem, ())
            words = read_dic(_Entries(lines), aff=self.aff, context=self.context).words if lines else []
            self._parsed[key] = [w for w in words if (w.stem.lower() if ignorecase else w.stem) == stem]
        return self._parsed[key]

    def has_flag(self, stem: str, flag: str, *, for_all: bool = False) -> bool:
        homonyms = self.homonyms(stem)
        if not homonyms:
            return False
        return (all if for_all else any)(flag in homonym.flags for homonym in homonyms)


@lru_cache(maxsize=None)
def dictionary(name: str) -> Callable[[str], bool] | None:
    """The lookup of dictionary ``name`` (``ru_RU``), or None where it is not installed."""
    path = find(name)
    if path is None:
        return None
    from spylls.hunspell import readers
    from spylls.hunspell.algo.lookup import Lookup
    from spylls.hunspell.readers.file_reader import FileReader

    aff, context = readers.read_aff(FileReader(str(path) + ".aff"))
    text = Path(str(path) + ".dic").read_text(encoding=context.encoding, errors="surrogateescape")
    return Lookup(aff, LazyDic(text, aff, context))


# The dictionary's answers, kept in the cache between runs (keyed by the dictionary files and this code), so a
# process whose words were all asked before never reads the dictionary (a batch's workers, the command line).
VERDICTS: dict[str, dict[str, bool]] = {}
_asked: set[str] = set()          # dictionaries with answers not yet written to the cache
MAX_VERDICTS = 200_000


def _verdict_key(name: str) -> str | None:
    path = find(name)
    if path is None:
        return None
    stamps = [f"{p}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in (Path(f"{path}.aff"), Path(f"{path}.dic"))]
    return digest(name, *stamps, source_of(sys.modules[__name__]))


def _verdicts(name: str) -> dict[str, bool]:
    if name not in VERDICTS:
        key = _verdict_key(name)
        stored = read_entry(f"spelling-{name}", key, lambda v: shaped(v, {str: bool})) if key else None
        VERDICTS[name] = dict(stored or {})
    return VERDICTS[name]


def save_verdicts() -> None:
    """Write the answers of this run to the cache (the lint calls it once a spec is checked)."""
    for name in sorted(_asked):
        key = _verdict_key(name)
        if key and len(VERDICTS.get(name, {})) <= MAX_VERDICTS:
            write_entry(f"spelling-{name}", key, VERDICTS[name])
    _asked.clear()


def _in_dictionary(name: str, word: str) -> bool:
    verdicts = _verdicts(name)
    if word not in verdicts:
        lookup = dictionary(name)
        try:
            verdicts[word] = bool(lookup(word)) if lookup is not None else True
        except Exception:  # noqa: BLE001 - spylls on an odd word: not a slip we can name
            verdicts[word] = True
        if lookup is not None:
            _asked.add(name)
    return verdicts[word]


def forget_verdicts() -> None:
    """Drop this process's answers (a test that changes where the dictionaries are)."""
    VERDICTS.clear()
    _asked.clear()


def is_spelled_right(word: str, lang: str, spelling: str = "en-GB", known: frozenset = frozenset()) -> bool:
    """Whether ``word`` is in the dictionary of ``lang`` (English: the house's spelling), in ``known`` (names,
    the office's words), or, in Kazakh, a case form of a stem that is.

    >>> import pytest; _ = find("kk_KZ") or pytest.skip("no Kazakh dictionary")
    >>> [is_spelled_right(w, "kk") for w in ("жолдауды", "мемлекеттеріне", "Хатшылығында", "жолдаудыы")]
    [True, True, True, False]
    """
    name = dictionary_name(lang, spelling)
    if len(word) > LONGEST_WORD:
        return False
    places = place_names(lang)
    if places:
        known = _WithPlaces(known, places)
    if word in known or word.lower() in known or _in_dictionary(name, word):
        return True
    if lang in SURNAME_FORMS and SURNAME_FORMS[lang].match(word):
        return True
    if lang == "kk":
        right = lambda stem: _in_dictionary(name, stem) or stem in known or stem.lower() in known  # noqa: E731
        stems = kazakh_stems(word)
        if word[:1].isupper() and any(is_surname(stem) for stem in [word, *stems]):
            return True
        return any(right(stem) or _verb_form_of(stem, right) for stem in stems)
    return False


class _WithPlaces:
    """``known`` and the place names, asked as one set without copying either."""
    def __init__(self, known, places):
        self.known, self.places = known, places

    def __contains__(self, word) -> bool:
        return word in self.known or word in self.places


@lru_cache(maxsize=None)
def place_names(lang: str) -> frozenset:
    """The words of the names of states and territories and of the world's cities in ``lang``, as CLDR writes them
    (babel: ``Locale.territories`` and the time zones' exemplar cities): Debian's hunspell-kk has none of
    Испания, Нидерланд, Әмірліктері, Лондон, Токио, so a note naming a state gave a false warning.  A name the
    office writes otherwise (Тайланд, СІМ's spelling, where CLDR has Таиланд) is in its word list or termbase.
    The words are kept in the cache (keyed by babel's version and this code): loading babel's locale data for
    them took some 30 ms a language at every start.

    >>> {"Испания", "Нидерланд", "Әмірліктері", "Лондон", "Токио", "Аддис-Абеба"} <= place_names("kk")
    True
    """
    spec = find_spec("babel")
    if spec is None or spec.origin is None:
        return frozenset()
    version = Path(spec.origin).read_bytes()   # babel/__init__.py carries its version
    key = digest(lang, version, source_of(sys.modules[__name__]))
    return frozenset(cached(f"places-{lang}", key, lambda: _place_words(lang), lambda v: shaped(v, [str])))


def _place_words(lang: str) -> list[str]:
    """The words of CLDR's names of states, territories and cities in ``lang`` (sorted, for a stable entry)."""
    try:
        from babel import Locale
        locale = Locale.parse(lang)
    except (ImportError, ValueError, LookupError):
        return []
    names = [*locale.territories.values(), *(zone["city"] for zone in locale.time_zones.values() if "city" in zone)]
    words = set(names)
    for value in names:
        words.update(re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", value))
    return sorted(words)


# Surnames of the Russian pattern and the Kazakh -ұлы/-қызы (locales/kk/README.md, «Case suffixes»): no dictionary
# holds them, so a capitalised word that is one, or a case form our engine makes of one, is taken as a name; a
# suffix of the wrong harmony (Тоқаевтің) is no form the engine makes, and stays a slip.
SURNAME_ENDINGS = ("ов", "ев", "ёв", "ин", "ова", "ева", "ёва", "ина", "ұлы", "қызы", "uly", "kyzy")


# The same surnames in a Russian text, in their Russian case forms (Токаева, Сейтказиевой, Кошербаевым;
# petrovich's endings), and in an English one as Kazakhstan's passports transliterate them (Tokayev, Seitkazieva):
# a name typed in a sentence is no spelling question.
SURNAME_FORMS = {
    "ru": re.compile(r"^[А-ЯЁ][а-яё]+(?:[оеё]в|[иы]н)(?:а|у|ым|е|ой|ою|ы)?$|^[А-ЯЁ][а-яё]+(?:улы|кызы|оглы)$"),
    "en": re.compile(r"^[A-Z][a-z]+(?:[oey]v|[oey]va|in|ina|uly|kyzy|uli|qyzy)$"),
}


def is_surname(word: str) -> bool:
    """A capitalised word of two syllables or more ending like a surname (Тоқаев, Ахметова, Мұхамедиұлы).

    >>> [is_surname(w) for w in ("Тоқаев", "Ахметова", "Мұхамедиұлы", "Лев", "ов", "тоқаев")]
    [True, True, True, False, False, False]
    """
    vowels = sum(1 for c in word.lower() if c in "аәеэоөұүыіиуюяё")
    return word[:1].isupper() and word.lower().endswith(SURNAME_ENDINGS) and vowels >= 2 and len(word) >= 5


# Verbal nouns and participles (Қазақ грамматикасы, тұйық етістік, есімше): хабарла-у, кіріс-кен, бол-ма-йтын,
# жаңарт-ыл-ған, қарастыр-ыл-атын; the dictionary holds the verb (хабарла, кірісу), not each form.
VERBAL_ENDINGS = ("атын", "етін", "йтын", "йтін", "ған", "ген", "қан", "кен", "у", "ю", "ып", "іп", "й", "п")
# the adverbial participle (көсемше) -й, -п after a verb ending in a vowel (раста-й, раста-п отырып), -ып/-іп
# after a consonant (біл-іп): only where the verb's ending fits, so a noun with a stray letter is not a verb form
AFTER_VOWEL = ("й", "п")
NEGATION = ("ма", "ме", "ба", "бе", "па", "пе")
PASSIVE = ("ыл", "іл", "л", "ын", "ін", "н")


def _verb_form_of(base: str, right: Callable[[str], bool]) -> bool:
    """Whether ``base`` is a verbal noun or a participle of a verb that ``right`` knows (as its stem, хабарла, or
    its verbal noun, кірісу), with or without the negation and the passive.

    >>> known = {"хабарла", "кірісу", "бол", "жаңарту", "қарастыр"}.__contains__
    >>> [_verb_form_of(w, known) for w in ("хабарлау", "кіріскен", "болмайтын", "жаңартылған", "қарастырылатын")]
    [True, True, True, True, True]
    >>> _verb_form_of("хабарлаған", known), _verb_form_of("кірістен", known)
    (True, False)
    >>> _verb_form_of("хабарлай", known), _verb_form_of("хабарлап", known), _verb_form_of("болып", known)
    (True, True, True)
    >>> _verb_form_of("бол" + "й", known), _verb_form_of("бол" + "п", known)
    (False, False)
    """
    lower = base.lower()
    for ending in VERBAL_ENDINGS:
        if not lower.endswith(ending) or len(lower) - len(ending) < 2:
            continue
        verb = lower[:-len(ending)]
        if ending in AFTER_VOWEL and verb[-1:] not in kk.VOWELS:
            continue
        verbs = {verb} | {verb[:-len(n)] for n in NEGATION if verb.endswith(n)}
        verbs |= {v[:-len(p)] for v in list(verbs) for p in PASSIVE if v.endswith(p) and len(v) - len(p) >= 2}
        if any(len(v) >= 2 and (right(v) or right(v + "у")) for v in verbs):
            return True
    return False


KAZAKH_CASES = ("gen", "dat", "acc", "loc", "abl", "ins")
LONGEST_ENDINGS = 12   # the plural, the possessive and a case with the attributive: -ларындағы, -теріндегі
LONGEST_WORD = 45      # a longer run of letters is no word any dictionary is asked about
# before a suffix that starts with a vowel, a final voiceless к, қ, п is voiced (хатшылық -> хатшылығы)
VOICED_BEFORE_VOWEL = {"г": "к", "ғ": "қ", "б": "п"}


@lru_cache(maxsize=4096)   # pure (our suffix engine); a note's words recur in every note and batch
def kazakh_stems(word: str) -> tuple[str, ...]:
    """The stems ``word`` is a case form of, by our suffix engine: a stem (of 3 letters or more) is given if
    ``kk.inflect`` makes ``word`` from it, plain or plural, plain or with the 3rd-person possessive, in a case
    or in the attributive (-дағы).

    >>> [stem in kazakh_stems(word) for stem, word in [("мемлекет", "мемлекеттеріне"), ("Хатшылық", "Хатшылығында"),
    ...                                               ("Азия", "Азиядағы"), ("жолдау", "жолдауды")]]
    [True, True, True, True]
    >>> [w for w in kazakh_stems("ілтипатн") + kazakh_stems("жолдаудыы") if w not in ("ілтипатн", "жолдаудыы")]
    []
    """
    lower = word.lower()
    stems = []
    for end in range(len(word), max(2, len(word) - LONGEST_ENDINGS), -1):
        stem = word[:end]
        candidates = [stem]
        if stem[-1:].lower() in VOICED_BEFORE_VOWEL:
            candidates.append(stem[:-1] + _same_case(VOICED_BEFORE_VOWEL[stem[-1].lower()], stem[-1]))
        for candidate in candidates:
            if lower in _kazakh_forms(candidate.lower()):
                stems.append(candidate)
    return tuple(stems)


def _same_case(letter: str, model: str) -> str:
    return letter.upper() if model.isupper() else letter


@lru_cache(maxsize=4096)
def _kazakh_forms(stem: str) -> frozenset:
    bases = [(stem, False), (_plural(stem), False)]
    bases += [(possessive, True) for base, _ in list(bases) for possessive in _possessives(base)]
    forms = set()
    for base, possessive in bases:
        forms.add(base)
        for case in KAZAKH_CASES:
            forms.add(kk.inflect(base, case, possessive))
        forms.add(kk.attributive(base, possessive))
    return frozenset(forms)


def _plural(stem: str) -> str:
    """-лар/-лер after a vowel and р, й, у; -дар/-дер after л, з, ж, м, н, ң; -тар/-тер after a voiceless one."""
    last, front = stem[-1:], kk.is_front(stem)
    if last in kk.VOWELS or last in "рйуи":
        start = "л"
    elif last in "лзжмнң":
        start = "д"
    else:
        start = "т"
    return stem + start + ("ер" if front else "ар")


def _possessives(stem: str) -> list[str]:
    """The 3rd-person possessive: -сы/-сі after a vowel, -ы/-і after a consonant; к, қ, п are voiced before it in
    most words (хатшылық -> хатшылығы), not in all (тарап -> тарапы), so both are made."""
    front = kk.is_front(stem)
    if stem[-1:] in kk.VOWELS:
        return [stem + ("сі" if front else "сы")]
    voiced = {v: k for k, v in VOICED_BEFORE_VOWEL.items()}
    ending = "і" if front else "ы"
    return list(dict.fromkeys([stem[:-1] + voiced.get(stem[-1], stem[-1]) + ending, stem + ending]))
