"""Names without YAML: a recipient, a meeting body, a place or a person added to the workspace's termbase from
the desk.

The clerk writes what only a person can (the name in each language; a recipient's address lines, a body's
short name, a place's lines and time zone, a person's gender); the desk proposes the forms the tool derives
(Russian cases by pymorphy3, Kazakh cases by the suffix rules, with the possessive ending decided by the clerk)
for the clerk to confirm or correct; then the entry is checked as `verbale terms check` checks it, on a copy of
the termbase, and only then written into termbase/terms.yaml and termbase/<lang>/terms.yaml, comments and all.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..errors import NoteError
from .endpoints import desk_of, posted_fields
from ..facts.roundtrip import updated_text
from ..facts.yamlsource import load_yaml_bytes

KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
LANGUAGES = ("en", "ru", "kk")
LIST_FORMS = ("address",)
# what the clerk writes for each kind, per language (the rest is proposed); see facts/termcheck.py REQUIRED
WRITTEN = {
    "recipient": ("nom", "address"),
    "body": ("nom", "short"),
    "place": ("nom", "line", "time"),
    "person": ("name", "position"),
}
OPTIONAL = {"position"}
CASES = {"en": (), "ru": ("gen", "dat", "acc", "ins", "prep"), "kk": ("gen", "dat", "acc", "loc", "abl", "ins")}
MAX_TEXT = 300


@dataclass
class Entry:
    """A new entry as the clerk has written it so far."""

    key: str = ""
    kind: str = "recipient"
    languages: tuple = LANGUAGES
    written: dict = field(default_factory=dict)     # lang -> form -> text (list forms: lines joined by \n)
    proposed: dict = field(default_factory=dict)    # lang -> form -> text, confirmed or corrected
    zone: str = ""
    gender: str = ""
    possessive: bool | None = None                  # Kazakh: the last word carries the possessive

    def neutral(self) -> dict:
        entry = {"kind": self.kind}
        if self.kind == "place":
            entry["zone"] = self.zone
        if self.kind == "person":
            entry["gender"] = self.gender
        return entry

    def forms(self, lang: str, with_proposed: bool = True) -> dict:
        forms = {}
        for form in WRITTEN[self.kind]:
            text = self.written.get(lang, {}).get(form, "").strip()
            if form in LIST_FORMS:
                lines = [line.strip() for line in text.splitlines() if line.strip()]
                if lines:
                    forms[form] = lines
            elif text:
                forms[form] = text
        if with_proposed:
            forms.update({form: text.strip() for form, text in self.proposed.get(lang, {}).items()
                          if text.strip() and form not in forms})
        if lang == "kk" and self.possessive is not None and self.kind != "person":
            forms["possessive"] = self.possessive
        return forms


def entry_from(form: dict, languages: tuple) -> Entry:
    """The entry from the posted fields: ``key``, ``kind``, ``w.<lang>.<form>`` (written), ``p.<lang>.<form>``
    (proposed, as confirmed), ``zone``, ``gender``, ``possessive``."""
    kind = form.get("kind", "recipient")
    entry = Entry(key=form.get("key", "").strip(), kind=kind, languages=languages,
                  zone=form.get("zone", "").strip()[:60], gender=form.get("gender", ""))
    possessive = form.get("possessive", "")
    entry.possessive = {"true": True, "false": False}.get(possessive)
    for name, value in form.items():
        match = re.fullmatch(r"([wp])\.(en|ru|kk)\.([a-z]+)", name)
        if not match or match[2] not in languages:
            continue
        target = entry.written if match[1] == "w" else entry.proposed
        allowed = WRITTEN.get(kind, ()) if match[1] == "w" else CASES[match[2]]
        if match[3] in allowed:
            target.setdefault(match[2], {})[match[3]] = value[:MAX_TEXT * (8 if match[3] in LIST_FORMS else 1)]
    return entry


def problems_of_form(entry: Entry, words, own: set, built_in: set) -> list[str]:
    """What the posted entry lacks before it can even be tried: a key, a kind, the forms only a person writes."""
    problems = []
    if entry.kind not in WRITTEN:
        problems.append(words("Choose what the name is: a recipient, a meeting body, a place or a person."))
    if not KEY.fullmatch(entry.key):
        problems.append(words("The key is lowercase Latin letters, digits and hyphens, e.g. mfa-austria."))
    elif entry.key in own:
        problems.append(words("The workspace has the key {key} already; change that entry in termbase/ or choose "
                              "another key.", key=entry.key))
    elif entry.key in built_in:
        problems.append(words("{key} is a built-in name; choose another key (e.g. {key}-2), or replace the "
                              "built-in entry in termbase/.", key=entry.key))
    if entry.kind == "person" and entry.gender not in ("m", "f"):
        problems.append(words("A person needs a gender (it chooses his or her, and the Russian endings)."))
    if entry.kind == "place" and not entry.zone:
        problems.append(words("A place needs its time zone, e.g. Europe/Vienna."))
    for lang in entry.languages:
        for form in WRITTEN.get(entry.kind, ()):
            if form not in OPTIONAL and not entry.written.get(lang, {}).get(form, "").strip():
                problems.append(words("{language}: {form} is to be written.", language=lang, form=form))
    return problems


class Trial:
    """The workspace's termbase copied into a temporary folder with the new entry written into it, loaded as
    the command line loads a termbase: the proposals and the check are made on what would be written."""

    def __init__(self, termbase_folder: Path, entry: Entry, with_proposed: bool = True):
        self.folder = Path(tempfile.mkdtemp(prefix="verbale-names-"))
        self.copy = self.folder / "termbase"
        if termbase_folder.is_dir():
            shutil.copytree(termbase_folder, self.copy, symlinks=False,
                            ignore=lambda _, names: [n for n in names if not (n.endswith(".yaml") or n in LANGUAGES)])
        else:
            self.copy.mkdir()
        self.texts = written_texts(self.copy, entry, with_proposed)
        for path, text in self.texts.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    def termbase(self):
        from ..facts.termbase import LOCALES_DIR, Termbase

        return Termbase(roots=[LOCALES_DIR, self.copy])

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _with_entry(path: Path, key: str, value: dict, header: str) -> str:
    """The text of a termbase file with the entry ``key`` added at its end (comments and the rest kept)."""
    original = path.read_text(encoding="utf-8-sig") if path.is_file() else header
    data = load_yaml_bytes(original.encode("utf-8"), path.name).data if original.strip() else None
    data = data if isinstance(data, dict) else {}
    return updated_text(original, {**data, key: value})


def written_texts(folder: Path, entry: Entry, with_proposed: bool = True) -> dict[Path, str]:
    """The termbase files as they will be, keyed by their path under ``folder`` (a termbase/ folder)."""
    texts = {folder / "terms.yaml": _with_entry(folder / "terms.yaml", entry.key, entry.neutral(),
                                                "# The office's own entries: their roles and facts.\n")}
    for lang in entry.languages:
        texts[folder / lang / "terms.yaml"] = _with_entry(
            folder / lang / "terms.yaml", entry.key, entry.forms(lang, with_proposed),
            f"# The names and forms of the office's entries in {lang}.\n")
    return texts


def proposals(termbase, entry: Entry) -> dict[str, list[tuple[str, str, str]]]:
    """lang -> (form, value, how) the tool derives or proposes for the entry, for the clerk to confirm."""
    from ..facts.termcheck import entry_forms

    found = {}
    for lang in entry.languages:
        try:
            rows = entry_forms(termbase, entry.key, lang)
        except NoteError:
            continue
        written = set(entry.forms(lang, with_proposed=False))
        wanted = CASES[lang] if entry.kind != "person" else ()
        found[lang] = [(form, " / ".join(value) if isinstance(value, list) else str(value), how)
                       for form, value, how in rows if form in wanted and form not in written and how != "written"]
    return found


def check(termbase, entry: Entry) -> list[str]:
    """The entry's problems as `verbale terms check` finds them (its lines, without the temporary file names)."""
    from ..facts.termcheck import check_termbase

    return [f"{p.field}: {p.problem}" + (f" ({p.hint})" if p.hint else "")
            for p in check_termbase(termbase, list(entry.languages)) if p.field == entry.key]


def _context(request: Request):
    desk = desk_of(request)
    workspace = desk.workspace
    languages = tuple(lang for lang in LANGUAGES if lang in (workspace.config.get("languages") or LANGUAGES))
    return desk, workspace, languages


def _own_entries(workspace) -> list[dict]:
    termbase = workspace.termbase
    if termbase.workspace_root is None:
        return []
    rows = []
    for key, folder in sorted(termbase.origin.items()):
        if folder != termbase.workspace_root:
            continue
        names = {lang: str((termbase.forms.get(lang, {}).get(key) or {}).get("nom")
                           or (termbase.forms.get(lang, {}).get(key) or {}).get("name") or "") for lang in LANGUAGES}
        rows.append({"key": key, "kinds": ", ".join(termbase.kinds(key)), "names": names})
    return rows


def _page(request: Request, entry: Entry, status: int = 200, problems=(), proposed=None, added: str = ""):
    desk, workspace, languages = _context(request)
    return desk.page(request, "names.html", status, page_name="names", entry=entry, languages=languages,
                     problems=list(problems), proposed=proposed, own=_own_entries(workspace), added=added,
                     kinds=list(WRITTEN), written=WRITTEN, optional=OPTIONAL, list_forms=LIST_FORMS)


def names_page(request: Request) -> Response:
    _, _, languages = _context(request)
    added = request.query_params.get("added", "")
    kind = request.query_params.get("kind", "recipient")
    return _page(request, Entry(kind=kind if kind in WRITTEN else "recipient", languages=languages),
                 added=added if KEY.fullmatch(added) else "")


def _entry(request: Request, form: dict):
    desk, workspace, languages = _context(request)
    words = desk.words(request)
    if workspace.root is None:
        raise HTTPException(409, words("Names are kept in a workspace: make one with `verbale init DIR`."))
    entry = entry_from(form, languages)
    if entry.kind not in WRITTEN:
        raise HTTPException(400, words("Choose what the name is: a recipient, a meeting body, a place or a person."))
    if not KEY.fullmatch(entry.key):
        raise HTTPException(400, words("The key is lowercase Latin letters, digits and hyphens, e.g. mfa-austria."))
    termbase = workspace.termbase
    own = {key for key, folder in termbase.origin.items() if folder == termbase.workspace_root}
    problems = problems_of_form(entry, words, own, set(termbase.entries) - own)
    return desk, workspace, entry, problems


@posted_fields
def propose(request: Request, form: dict) -> Response:
    """The forms the tool derives from what the clerk wrote, to confirm or correct."""
    from ..grammar.kk import looks_possessive

    desk, workspace, entry, problems = _entry(request, form)
    if problems:
        return _page(request, entry, 422, problems)
    nom = entry.written.get("kk", {}).get("nom", "")
    if entry.possessive is None and entry.kind != "person" and "kk" in entry.languages:
        entry.possessive = looks_possessive(nom) if nom else False
    entry.proposed = {}
    trial = Trial(workspace.root / "termbase", entry, with_proposed=False)
    try:
        found = proposals(trial.termbase(), entry)
    finally:
        trial.close()
    entry.proposed = {lang: {form: value for form, value, _ in rows} for lang, rows in found.items()}
    return _page(request, entry, proposed=found)


@posted_fields
def add(request: Request, form: dict) -> Response:
    """Check the entry as `terms check` does, on a copy of the termbase; then write it into the workspace's."""
    from ..files import write_atomic

    desk, workspace, entry, problems = _entry(request, form)
    words = desk.words(request)
    if problems:
        return _page(request, entry, 422, problems)
    if not entry.proposed and entry.kind != "person":
        return _page(request, entry, 422, [words("Propose the other forms first, and confirm or correct them.")])
    trial = Trial(workspace.root / "termbase", entry)
    try:
        found = check(trial.termbase(), entry)
        texts = {path.relative_to(trial.copy): text for path, text in trial.texts.items()}
    except NoteError as exc:
        found, texts = [str(exc)], {}
    finally:
        trial.close()
    if found:
        shown = {lang: [(form, value, "proposed") for form, value in forms.items()]
                 for lang, forms in entry.proposed.items()}
        return _page(request, entry, 422, found, proposed=shown)
    target = workspace.root / "termbase"
    for relative, text in texts.items():   # each file whole; the neutral entry last, so a half-added entry
        path = target / relative           # is never one the termbase takes as complete
        if relative.as_posix() == "terms.yaml":
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text.encode("utf-8"))
    write_atomic(target / "terms.yaml", texts[Path("terms.yaml")].encode("utf-8"))
    return RedirectResponse(f"/names?added={entry.key}", status_code=303)


def routes() -> list:
    return [Route("/names", names_page), Route("/names/propose", propose, methods=["POST"]),
            Route("/names/add", add, methods=["POST"])]
