"""The one loader of language data: the termbase and the formulas in ``locales/``.

``locales/*.yaml`` hold language-neutral facts (kind, time zone, group members);
``locales/<lang>/*.yaml`` hold each entry's names and grammatical forms in that language,
``locales/<lang>/formulas.yaml`` the formulas of courtesy and the fixed labels.

A workspace's ``termbase/`` has the same layout and lies over the built-in one (NOTE-SPEC §5): a key it
names anywhere replaces the built-in entry whole; a formula it names replaces that formula.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from ..cache import cached, digest, shaped, source_of
from ..errors import TermbaseError
from ..grammar import grammar_for
from ..grammar.common import NAME_PARTS
from ..errors import SpecError
from .yamlsource import load_yaml_bytes

from ..data import LOCALES_DIR
FORMULAS_FILE = "formulas.yaml"
CONJUNCTION = {"en": "and", "ru": "и", "kk": "және"}
LIST_FORMS = {"letterhead", "address"}
# A person's name alone and position alone, each taking the cases (a personal note's addressee at the foot:
# «Его Превосходительству господину Ивану Петрову / Министру иностранных дел …»); written case forms of a part are
# `name_dat`, `position_dat` …, and Kazakh `position_possessive`.
PERSON_PARTS = {"bare_name": "name", "bare_position": "position"}
CASE_NAMES = ("nom", "gen", "dat", "acc", "ins", "prep", "loc", "abl")
NAME_FORMS = ("name", "first", "middle", "last", "courtesy", "its", "itself")
PARTIES = {"sender", "recipient", "authority", "person"}   # roles one entry may play together
UNFILLED = "TODO"   # `verbale init` marks the forms a clerk must fill in with it


def _load(name: str, data: bytes) -> tuple[dict, dict]:
    """One termbase file: its mapping, and the line of each key and of each key's fields."""
    try:
        doc = load_yaml_bytes(data, name)
    except SpecError as exc:
        if exc.problem == "the file is empty":  # only comments: no entries yet
            return {}, {}
        raise TermbaseError(exc.problem, field="(yaml)", hint=exc.hint, file=name, line=exc.line) from None
    if doc.data is None:
        return {}, {}
    if not isinstance(doc.data, dict):
        raise TermbaseError("a termbase file is a mapping of keys to entries", field="(yaml)",
                            hint="write `key: {...}` at the start of each line", file=name, line=1)
    return doc.data, {path: line for path, line in doc.lines.items() if 1 <= len(path) <= 2}


def _parse(contents: dict[str, bytes]) -> tuple[dict, dict, dict, dict]:
    """Neutral entries, forms per language, formulas per language, and where each key stands
    (``(lang or None, key)`` -> (file, line, {field: line})), from the files of one termbase folder."""
    entries: dict = {}
    forms: dict = {}
    formulas: dict = {}
    where: dict = {}
    for name, data in contents.items():
        parsed, lines = _load(name, data)
        folder, _, file = name.rpartition("/")
        if file == FORMULAS_FILE and folder:
            formulas[folder] = parsed
            continue
        (entries if not folder else forms.setdefault(folder, {})).update(parsed)
        for key in parsed:
            fields = {path[1]: line for path, line in lines.items() if len(path) == 2 and path[0] == key}
            where[(folder or None, key)] = (name, lines.get((key,), 1), fields)
    return entries, forms, formulas, where


def termbase_files(root: Path, boundary: Path | None = None):
    """The files of a termbase folder (``*.yaml`` and ``<lang>/*.yaml``, the extension in any case), as a
    ``folders.Found``: within a workspace (``boundary``), a link to outside it, to nothing, or to what is not
    a regular file is left out, and a link to a folder outside is not followed."""
    import os

    from .folders import Found, why_left_out

    found, inside = Found(), boundary or root
    folders = [root] + sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")) \
        if root.is_dir() else []
    for folder in folders:
        if folder != root and boundary is not None and folder.is_symlink():
            why = why_left_out(folder, inside, "the workspace")
            if why is not None and why[0].startswith("a link to outside"):
                found.left_out.append((folder, *why))
                continue
        for name in sorted(os.listdir(folder)):
            path = folder / name
            if os.path.splitext(name)[1].lower() != ".yaml" or (os.path.isdir(path) and not path.is_symlink()):
                continue
            why = why_left_out(path, inside, "the workspace") if boundary is not None else None
            if why is None:
                found.files.append(path)
            else:
                found.left_out.append((path, *why))
    return found


def _read_folder(root: Path, files: list[Path] | None = None) -> tuple[dict, dict, dict, dict]:
    files = files if files is not None else termbase_files(root).files
    contents = {path.relative_to(root).as_posix(): path.read_bytes() for path in files}
    key = digest(source_of(sys.modules[__name__]), *(part for item in contents.items() for part in item))
    return _decoded(cached("termbase", key, lambda: _encoded(_parse(contents)), _from_cache))


def _encoded(parsed: tuple) -> list:
    """The parsed folder as JSON data for the cache: ``where`` (keyed by tuples) as rows."""
    entries, forms, formulas, where = parsed
    return [entries, forms, formulas, [[lang, key, *place] for (lang, key), place in where.items()]]


def _decoded(value: list) -> tuple[dict, dict, dict, dict]:
    entries, forms, formulas, rows = value
    return entries, forms, formulas, {(lang, key): (file, line, fields) for lang, key, file, line, fields in rows}


WORDS_FILE = "words.txt"


def read_word_list(path: Path) -> set[str]:
    """A word list: one word a line; ``#`` starts a comment (a word's source).  A missing file is an empty list.

    >>> import tempfile; folder = Path(tempfile.mkdtemp()); _ = (folder / "w.txt").write_text("Ресей  # Russia")
    >>> read_word_list(folder / "w.txt"), read_word_list(folder / "none.txt")
    ({'Ресей'}, set())
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return set()
    return {line.split("#", 1)[0].strip() for line in text.splitlines()} - {""}


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def _readings(formulas: dict, file: Path) -> dict:
    """How a termbase says its abbreviations are read where the rule does not say it (locales/kk/README.md,
    «Abbreviations»): ``read_as_words: {ТҮРКСОЙ: түрксой}`` and ``read_by_letters: [ЕС]``; a workspace's add to
    the built-in ones.  The grammar gets them from the termbase's terms: a grammar never reads the termbase.

    >>> _readings({"read_as_words": {"ТҮРКСОЙ": "түрксой"}, "read_by_letters": ["ЕС"]}, Path("f.yaml"))
    {'ЕС': None, 'ТҮРКСОЙ': 'түрксой'}
    """
    words, letters = formulas.get("read_as_words") or {}, formulas.get("read_by_letters") or []
    if not (isinstance(words, dict) and all(isinstance(k, str) and isinstance(v, str) and v.strip()
                                            for k, v in words.items())):
        raise TermbaseError("read_as_words maps an abbreviation to how it is read", field="read_as_words",
                            hint="write `read_as_words: {ТҮРКСОЙ: түрксой}`", file=display_path(file), line=1)
    if not (isinstance(letters, list) and all(isinstance(k, str) for k in letters)):
        raise TermbaseError("read_by_letters is a list of abbreviations", field="read_by_letters",
                            hint="write `read_by_letters: [ЕС]`", file=display_path(file), line=1)
    return {**{key: None for key in letters}, **{key: value.strip() for key, value in words.items()}}


def kinds_of(entry: dict) -> tuple[str, ...]:
    """An entry's roles: ``kind: sender`` or ``kind: [sender, recipient]``.

    >>> kinds_of({"kind": "sender"}), kinds_of({"kind": ["sender", "recipient"]}), kinds_of({})
    (('sender',), ('sender', 'recipient'), ())
    """
    kind = entry.get("kind") if isinstance(entry, dict) else None
    if isinstance(kind, str):
        return (kind,)
    return tuple(k for k in kind if isinstance(k, str)) if isinstance(kind, list) else ()


def _from_cache(value) -> list:
    """What the cache holds, checked for shape before it is used."""
    entries, forms, formulas, rows = shaped(value, [(dict, list)])
    shaped(entries, {str: dict}), shaped(forms, {str: {str: dict}}), shaped(formulas, {str: dict})
    for lang, key, file, line, fields in shaped(rows, [list]):
        shaped([key, file], [str]), shaped(line, int), shaped(fields, {str: int})
        shaped(lang, (str, type(None)))
    return value


def _forms_on(raw: dict, on: dt.date | None) -> dict:
    """An entry's forms in force on a date: the base forms with any matching ``dated`` override.

    >>> raw = {"nom": "Astana", "dated": [{"from": dt.date(2019, 3, 23), "until": dt.date(2022, 9, 18), "nom": "Nur-Sultan"}]}
    >>> [_forms_on(raw, dt.date(*d))["nom"] for d in [(2019, 3, 22), (2019, 3, 23), (2022, 9, 18), (2022, 9, 19)]]
    ['Astana', 'Nur-Sultan', 'Nur-Sultan', 'Astana']
    """
    forms = {name: value for name, value in raw.items() if name != "dated"}
    for period in raw.get("dated", ()):
        start, end = period.get("from"), period.get("until")
        if on is not None and (start is None or start <= on) and (end is None or on <= end):
            forms.update({name: value for name, value in period.items() if name not in ("from", "until")})
    return forms


MAX_EMBLEM = 8 * 2**20


@lru_cache(maxsize=8)
def _emblem(path: Path, key: str) -> bytes:
    from ..files import read_regular

    data = read_regular(path, MAX_EMBLEM)  # never a FIFO (a wait for ever) nor a huge file
    if data is None or len(data) > MAX_EMBLEM:
        raise TermbaseError(f"the emblem {path} of '{key}' cannot be read (a regular file of at most "
                            f"{MAX_EMBLEM // 2**20} MB)", field=key,
                            hint="put the PNG under locales/ or remove `emblem:`") from None
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise TermbaseError(f"the emblem {path} of '{key}' is not a PNG image", field=key, hint="convert it to PNG")
    return data


class AppositiveName(str):
    """A person's name followed by a long title (``Mr X, Ambassador of …``) used where a short name stands (the
    closing formula's ``sender.short``): the texts close its apposition with a comma where the sentence goes on."""

    appositive = True


@dataclass(frozen=True)
class Term:
    """A termbase entry in one language on one date; ``str()`` is the nominative, attributes the other forms."""

    key: str
    lang: str
    forms: dict
    kinds: tuple = ()
    gender: str | None = None   # persons: m | f
    readings: Mapping = field(default_factory=dict)   # the language's abbreviations read otherwise than by rule
    home: str = ""     # where its forms are written, for hints: locales/en/, or termbase/en/ of the workspace

    def __getattr__(self, form: str):
        if form.startswith("_"):
            raise AttributeError(form)
        return self.form(form)

    def form(self, form: str):
        value = self.forms.get(form)
        if value is not None:
            if any(isinstance(v, str) and v.startswith(UNFILLED) for v in (value if isinstance(value, list) else [value])):
                raise TermbaseError(f"'{self.key}' has its {self.lang} {form} still to fill in", field=self.key,
                                    hint=f"replace the {UNFILLED} text; `verbale terms check` lists what is left")
            return value
        if form in PERSON_PARTS and "person" in self.kinds:
            return self.part(form)
        if form == "short":
            nom = self.form("nom")
            return AppositiveName(nom) if self.forms.get("appositive") and not self.forms.get("nom_written") else nom
        if form in LIST_FORMS or form == "nom":
            raise TermbaseError(f"'{self.key}' has no {form} in {self.lang}", field=self.key,
                                hint=f"add `{form}:` to {self.home or f'locales/{self.lang}/'}")
        try:
            grammar = grammar_for(self.lang)
            if form.startswith("short_") and form != "short_possessive":
                # the short name in a case («возобновить Посольству уверения»): derived as the full name's cases are
                short = str(self.form("short"))
                possessive = self.forms.get("short_possessive",
                                            self.lang == "kk" and grammar.looks_possessive(short))
                case = form[len("short_"):]
                if self.lang == "ru":   # a short name is a word or two (Посольство): pymorphy3, as for `issuer: short`
                    return grammar.inflect_phrase(short, case)
                return grammar.inflect(short, case, bool(possessive), readings=self.readings)
            if "person" in self.kinds:
                return grammar.inflect_person(self.forms, form, self.gender, readings=self.readings)
            return grammar.inflect(self.forms["nom"], form, self.forms.get("possessive", False), readings=self.readings)
        except TermbaseError:
            raise
        except Exception as exc:  # GrammarError or an unknown case name
            raise TermbaseError(f"'{self.key}' has no '{form}' form in {self.lang}", field=self.key,
                                hint=f"write `{form}:` into {self.home or f'locales/{self.lang}/'} for it") from exc

    def __str__(self) -> str:
        return self.form("nom")

    def part(self, which: str) -> "Term":
        """A person's name alone (``bare_name``: in English with the courtesy title, «Mr Ivan Petrov») or position
        alone (``bare_position``), as a term that takes the cases: Russian «Ивану Петрову», «Министру иностранных
        дел …»; the entry may write a part's case forms (``name_dat``, ``position_dat``).

        >>> term = Term("p", "en", {"name": "Ivan Petrov", "position": "Minister"}, ("person",), "m")
        >>> str(term.bare_name), str(term.bare_position)
        ('Mr Ivan Petrov', 'Minister')
        """
        prefix = PERSON_PARTS[which]
        written = {name[len(prefix) + 1:]: value for name, value in self.forms.items()
                   if name.startswith(prefix + "_") and name[len(prefix) + 1:] in CASE_NAMES + ("possessive",)}
        if which == "bare_name":
            forms = person_forms({name: value for name, value in self.forms.items() if name in NAME_FORMS},
                                 self.lang, self.gender)
            forms.pop("nom_written", None)
        else:
            position = self.forms.get("position")
            if not isinstance(position, str) or not position.strip():
                raise TermbaseError(f"'{self.key}' has no position in {self.lang}", field=self.key,
                                    hint=f"add `position:` to {self.home or f'locales/{self.lang}/'}")
            forms = {"nom": position, "possessive": False}
        return replace(self, forms={**forms, **written})


@dataclass(frozen=True)
class TermList:
    """Several entries joined with the language's 'and', form by form."""

    terms: tuple
    lang: str

    def __getattr__(self, form: str):
        if form.startswith("_"):
            raise AttributeError(form)
        values = [term.form(form) for term in self.terms]
        if form in LIST_FORMS:
            return [line for value in values for line in value]
        return f" {CONJUNCTION[self.lang]} ".join(values)

    def __bool__(self) -> bool:
        return bool(self.terms)

    def __iter__(self):
        return iter(self.terms)

    def __str__(self) -> str:
        return self.nom


class Termbase:
    """The built-in termbase, with a workspace's ``termbase/`` over it: ``Termbase(roots=[LOCALES_DIR, ws])``."""

    def __init__(self, root: Path = LOCALES_DIR, *, roots: list[Path] | None = None, inside: Path | None = None,
                 left_out: list[str] | None = None):
        """``inside``: the workspace its folders after the first belong to (a link to outside it is left out,
        and said in ``left_out``, lines a front end prints as warnings)."""
        self.roots = list(roots) if roots else [root]
        self.root = self.roots[0]
        self.entries: dict = {}
        self.forms: dict = {}
        self.formulas: dict = {}
        self.where: dict = {}      # (lang or None, key) -> (file path, line, {field: line})
        self.origin: dict = {}     # key -> the folder its entry comes from
        self.readings: dict = {}   # lang -> {abbreviation: its reading, or None: by its letters}, built in + workspace
        self.words: dict = {}      # lang -> the words.txt lists of every root: words the spelling check knows
        self.left_out: list[str] = list(left_out or [])
        for number, folder in enumerate(self.roots):
            boundary = inside if number else None
            found = termbase_files(folder, boundary)
            self.left_out += found.lines(display_path)
            self._lay_over(folder, *_read_folder(folder, found.files))
            self._read_words(folder, boundary, display_path)
        self.languages = sorted(self.formulas)
        self._known: dict = {}

    def _read_words(self, folder: Path, boundary: Path | None, shown) -> None:
        """The office's word lists (``<lang>/words.txt``); within a workspace a list that is a link to outside it
        (or whose language folder is) is left out, like the termbase's files."""
        from .folders import Found, why_left_out

        found = Found()
        for lang_folder in sorted(p for p in folder.glob("*/") if p.is_dir()):
            if boundary is not None and lang_folder.is_symlink() and \
                    not lang_folder.resolve().is_relative_to(boundary.resolve()):
                continue      # termbase_files says so once
            path = lang_folder / WORDS_FILE
            if boundary is not None and (path.exists() or path.is_symlink()):
                why = why_left_out(path, boundary, "the workspace")
                if why is not None:
                    found.left_out.append((path, *why))
                    continue
            self.words.setdefault(lang_folder.name, set()).update(read_word_list(path))
        self.left_out += found.lines(shown)

    def _lay_over(self, folder: Path, entries: dict, forms: dict, formulas: dict, where: dict) -> None:
        named = set(entries) | {key for by_key in forms.values() for key in by_key}
        for key in named & set(self.origin):  # the workspace's entry replaces the built-in one whole
            self.entries.pop(key, None)
            for lang in self.forms:
                self.forms[lang].pop(key, None)
            self.where = {at: place for at, place in self.where.items() if at[1] != key}
        self.entries.update(entries)
        for lang, by_key in forms.items():
            self.forms.setdefault(lang, {}).update(by_key)
        for lang, named_formulas in formulas.items():
            self.formulas[lang] = merge_formulas(self.formulas.get(lang, {}), named_formulas)
            self.readings[lang] = {**self.readings.get(lang, {}),
                                   **_readings(named_formulas, folder / lang / FORMULAS_FILE)}
        self.where.update({at: (folder / name, line, fields) for at, (name, line, fields) in where.items()})
        self.origin.update({key: folder for key in named})

    def known_words(self, lang: str) -> frozenset:
        """The words the spelling check takes as right in ``lang``: the word lists (locales/<lang>/words.txt, a
        workspace's termbase/<lang>/words.txt) and every word of every name and form of the termbase's entries."""
        if lang not in self._known:
            names = set()
            for raw in self.forms.get(lang, {}).values():
                for value in _strings(raw):
                    names.add(value)
                    names.update(re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", value))
            self._known[lang] = frozenset(self.words.get(lang, set()) | names)
        return self._known[lang]

    @property
    def workspace_root(self) -> Path | None:
        """The folder of the workspace's termbase lying over the built-in one, if any."""
        return self.roots[-1] if len(self.roots) > 1 else None

    def kinds(self, key: str) -> tuple[str, ...]:
        return kinds_of(self.entries.get(key, {}))

    def kind(self, key: str) -> str | None:
        """The entry's (first) role."""
        return next(iter(self.kinds(key)), None)

    def require(self, key: str, kinds: tuple[str, ...], field: str) -> None:
        """Raise a TermbaseError naming the nearest keys unless ``key`` is an entry of one of ``kinds``."""
        if not isinstance(key, str) or key not in self.entries:
            fitting = [k for k in self.entries if set(self.kinds(k)) & set(kinds)]
            from difflib import get_close_matches  # only for a wrong name: difflib compiles a pattern at import
            near = get_close_matches(str(key), fitting, n=3, cutoff=0.5)
            if self.workspace_root is not None:  # a new key is likelier than a slip: only close matches
                near = get_close_matches(str(key), fitting, n=2, cutoff=0.8)
                raise TermbaseError(f"unknown key '{key}'", field=field, hint=self._where_to_add(near))
            hint = f"did you mean {', '.join(near)}?" if near else f"known: {', '.join(sorted(fitting)[:8])}"
            raise TermbaseError(f"unknown termbase key '{key}'", field=field, hint=hint)
        if not set(self.kinds(key)) & set(kinds):
            have = "a " + " and a ".join(self.kinds(key)) if self.kinds(key) else "an entry without a kind"
            raise TermbaseError(f"'{key}' is {have}, not a {' or '.join(kinds)}", field=field,
                                hint=self._where_kind_is(key, kinds[0]))

    def _where_to_add(self, near: list[str]) -> str:
        """NOTE-SPEC §5: where a new entry goes in the workspace."""
        folder = self.workspace_root
        langs = [lang for lang in self.languages if (folder / lang).is_dir()] or self.languages
        lang_file = next(iter(sorted((folder / langs[0]).glob("*.yaml"))), None) if langs else None
        file_name = lang_file.name if lang_file is not None and lang_file.name != FORMULAS_FILE else "terms.yaml"
        guess = f"did you mean {', '.join(near)}? otherwise " if near else ""
        return (f"{guess}add it to termbase/{langs[0]}/{file_name} of the workspace in {display_dir(folder.parent)}; "
                "`verbale terms check` lists what each entry still lacks")

    def _where_kind_is(self, key: str, wanted: str) -> str:
        """Where the entry's kind is set; for a party that may also play the role it is used in (a person or a
        ministry as sender), the `kind:` that says so (NOTE-SPEC §5: an entry may have several roles)."""
        place = self.where.get((None, key))
        where = f"its kind is set in {display_path(place[0])}:{place[1]}" if place is not None else ""
        if wanted in PARTIES and set(self.kinds(key)) <= PARTIES and self.kinds(key):
            roles = ", ".join(dict.fromkeys([wanted, *self.kinds(key)]))
            return f"{where + ': ' if where else ''}write `kind: [{roles}]` if it is one"
        return f"{where}; use a key of the right kind" if where else "use a key of the right kind"

    def emblem(self, key: str) -> bytes | None:
        """The PNG named by an entry's ``emblem:`` (a path under its termbase folder), or None."""
        name = self.entries.get(key, {}).get("emblem")
        if not name:
            return None
        folder = self.origin.get(key, self.root).resolve()
        path = (folder / name).resolve()
        if not path.is_relative_to(folder):
            raise TermbaseError(f"the emblem {name} of '{key}' lies outside its termbase folder", field=key,
                                hint=f"put the PNG under {folder}")
        return _emblem(path, key)

    def members(self, key: str) -> list[str]:
        """A group's members, or the key itself."""
        entry = self.entries.get(key, {})
        return list(entry["members"]) if "group" in kinds_of(entry) else [key]

    def term(self, key: str, lang: str, on: dt.date | None = None) -> Term:
        raw = self.forms.get(lang, {}).get(key)
        if raw is None:
            raise TermbaseError(f"'{key}' has no {lang} names", field=key, hint=f"add it to {self.forms_folder(key, lang)}")
        entry = self.entries.get(key, {})
        gender = entry.get("gender")
        pronouns = self.formulas.get(lang, {}).get("pronouns", {})
        forms = {**pronouns.get(gender if gender in pronouns else "n", {}), **_forms_on(raw, on)}
        if "person" in kinds_of(entry):
            forms = person_forms(forms, lang, gender)
        return Term(key, lang, forms, kinds_of(entry), gender, self.readings.get(lang, {}), self.forms_folder(key, lang))

    def forms_folder(self, key: str, lang: str) -> str:
        """Where an entry's forms in ``lang`` are to be written: in a workspace, its termbase/<lang>/ (an office
        cannot change the package's locales/; its entry replaces the built-in one whole), else locales/<lang>/."""
        return "termbase/" + lang + "/ of the workspace" if self.workspace_root else f"locales/{lang}/"

    def terms(self, keys, lang: str, on: dt.date | None = None) -> TermList:
        return TermList(tuple(self.term(key, lang, on) for key in keys), lang)




def merge_formulas(below: dict, above: dict) -> dict:
    """An office's formulas over the built-in ones, name by name (NOTE-SPEC §10): a mapping merges key by key, so
    ``closing: {assurance: …}`` adds a variant and keeps ``closing.sentence``; a formula (a text or a list of lines)
    it names replaces the one below.

    >>> merge_formulas({"closing": {"sentence": "S", "high": "H"}, "number": "N"}, {"closing": {"high": "h2", "x": "X"}})
    {'closing': {'sentence': 'S', 'high': 'h2', 'x': 'X'}, 'number': 'N'}
    >>> merge_formulas({"with_reference_to": {"default": "D"}}, {"with_reference_to": "W"})
    {'with_reference_to': 'W'}
    """
    merged = dict(below)
    for name, value in above.items():
        under = merged.get(name)
        merged[name] = merge_formulas(under, value) if isinstance(value, dict) and isinstance(under, dict) else value
    return merged


def person_forms(forms: dict, lang: str = "ru", gender: str | None = None) -> dict:
    """A person's ``name`` (from its parts unless written) and ``nom``: the designation written for a sender
    («The Ambassador of …»), otherwise the language's designation of the person by position and name
    (``person_nom`` of the grammar: Russian and Kazakh the position first, English a long title after the name).

    >>> person_forms({"position": "Посол", "first": "Ерлан", "last": "Асанов"})["nom"]
    'Посол Ерлан Асанов'
    >>> person_forms({"position": "Counsellor of the Embassy", "name": "Saule Zhaksybekova"}, "en", "f")["nom"]
    'Ms Saule Zhaksybekova, Counsellor of the Embassy'
    """
    forms = dict(forms)
    if not forms.get("name"):
        forms["name"] = " ".join(forms[part] for part in NAME_PARTS if forms.get(part))
    if forms.get("nom"):
        forms["nom_written"] = True
    else:
        forms.update(grammar_for(lang).person_nom(forms, gender))
    return forms


def display_dir(folder: Path) -> str:
    """A folder as a clerk would type it from here: ``./``, ``office/``, or the full path."""
    text = display_path(folder)
    return "./" if text == "." else text.rstrip("/\\") + "/"


def display_path(path: Path) -> str:
    import os

    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


@lru_cache(maxsize=None)
def default_termbase() -> Termbase:
    return Termbase()
