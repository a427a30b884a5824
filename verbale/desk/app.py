"""The clerk's desk: a small Starlette application over a workspace's specs.

Pages: the list of notes, one note open as a form (made from the JSON Schema) beside a live preview of every
language, the register, and the names of the termbase. Every request carries the desk's access token (guard.py);
writes carry the page's same-origin token; every path stays inside the workspace; every user text is escaped by
the page templates (autoescape). A bad request is answered 4xx with a plain line, never 500.

Every endpoint's work runs in Starlette's threadpool, never on the event loop (endpoints.py), so one clerk's
Generate never stalls another clerk's preview. What the loop gave for free is kept by locks: the page-form cache
has one, and Save, Generate and the other writes of one note take that note's lock, so that the check "the file
is still the version the page was made from" and the write are one step (the register's own locking keeps one
number per note across processes).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import re
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import NoteError, RequestError
from ..facts.schema import spec_schema
from ..facts.termbase import Termbase
from ..facts.workspace import Workspace
from . import editing
from .drafts import Store, new_draft
from .editing import Refusal, version_of
from .endpoints import desk_of, posted_fields, posted_form, run_in_threadpool
from .form import (LIST_MARK, _key, form_data, get_path, item_widget, parse_path, posted_pairs, put_path,
                   widget_at, widgets, with_changes)
from .guard import Guard
from .i18n import COOKIE as LANGUAGE_COOKIE, LANGUAGES, SCRIPT_WORDS, Words, negotiate
from .preview import Preview, preview
from .specs import SpecFiles

HERE = Path(__file__).resolve().parent
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}
MAX_NAME = 120
SHOWN_CACHE = 64


@dataclass
class Desk:
    """What every request needs: the workspace's specs, its termbase, the output folder, the tokens."""

    specs: SpecFiles
    root: Path
    out: Path
    fixed: Workspace | None = None          # tests: a workspace given whole (its termbase replaced)
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    schema: dict = field(default_factory=spec_schema)

    def __post_init__(self):
        self.pages = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                                 autoescape=select_autoescape(default=True, default_for_string=True))
        self.pages.globals.update(csrf=self.csrf, language_names=LANGUAGE_NAMES, list_mark=LIST_MARK,
                                  interface_languages=LANGUAGES)
        self.pages.filters["item_widget"] = item_widget
        self.pages.filters["printed"] = printed
        self.pages.filters["url"] = lambda text: quote(str(text), safe="/")
        self.form = widgets(self.schema)
        self.store = Store(self.root)
        self._shown: OrderedDict[tuple[str, str], list] = OrderedDict()
        self._shown_lock = threading.Lock()
        self._note_locks: dict[str, threading.Lock] = {}
        self._note_locks_lock = threading.Lock()
        self._waiting_drafts: dict[str, tuple] = {}

    def note_lock(self, name: str) -> threading.Lock:
        """The lock of one note (its name in the workspace): its Save, Generate, draft, rename and delete."""
        with self._note_locks_lock:
            return self._note_locks.setdefault(name, threading.Lock())

    # -- the workspace, read again when its files change (the desk runs for days) ----------------------------

    @property
    def workspace(self) -> Workspace:
        if self.fixed is not None:
            return self.fixed
        from ..facts.workspace import load_workspace, workspace_root

        found = workspace_root(self.root)
        return load_workspace(found) if found else Workspace(None)

    @property
    def termbase(self) -> Termbase:
        return self.workspace.termbase

    def registry(self):
        from .registry import Registry

        return Registry(self.workspace)

    def keys(self) -> list[tuple[str, str]]:
        """Every termbase key with its names in each language, for the pickers."""
        termbase = self.termbase
        options = []
        for key in sorted(termbase.entries):  # the workspace's entries over the built-in ones
            names = []
            for lang in LANGUAGE_NAMES:
                raw = termbase.forms.get(lang, {}).get(key) or {}
                names.append(str(raw.get("nom", "")))
            options.append((key, " / ".join(n for n in names if n)))
        return options

    # -- pages -----------------------------------------------------------------------------------------------

    def words(self, request: Request) -> Words:
        return Words(negotiate(request.cookies.get(LANGUAGE_COOKIE), request.headers.get("accept-language", "")))

    def page(self, request: Request, template: str, status: int = 200, headers: dict | None = None,
             **values) -> HTMLResponse:
        words = self.words(request)
        values.setdefault("workspace", self.workspace)
        html = self.pages.get_template(template).render(
            _=words, lang=words.lang, here=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
            script_words={text: words(text) for text in SCRIPT_WORDS}, **values)
        return HTMLResponse(html, status_code=status, headers=headers)

    def form_html(self, name: str, data: dict, words: Words | None = None) -> str:
        return self.pages.get_template("form.html").render(
            _=words or Words("en"), name=name, data=data, form=self.form, keys=[],
            languages=_languages(data, self.workspace), defaults=self.workspace.config)

    def shown_pairs(self, name: str, raw: bytes, data: dict) -> list[tuple[str, str]]:
        """What the page posts for the file ``raw`` untouched (cached by version)."""
        key = (name, version_of(raw))
        with self._shown_lock:
            found = self._shown.get(key)
            if found is not None:
                self._shown.move_to_end(key)
                return found
        found = posted_pairs(self.form_html(name, data))
        with self._shown_lock:
            self._shown[key] = found
            while len(self._shown) > SHOWN_CACHE:
                self._shown.popitem(last=False)
        return found

    def shown_of_version(self, name: str, version: str) -> list | None:
        with self._shown_lock:
            return next((v for (n, ver), v in self._shown.items() if n == name and ver == version), None)

    def shown_data(self, name: str, raw: bytes, data: dict) -> dict:
        return form_data(self.shown_pairs(name, raw, data), self.schema)

    def keep_draft(self, name: str, path: Path, version: str, pairs: list) -> None:
        """The form as posted, kept in the workspace; none where it holds nothing the file does not. While the
        note's lock is held (a Generate at work), only the latest form waits for it: one thread a note, however
        long the clerk types meanwhile, never the whole threadpool."""
        with self._note_locks_lock:
            waiting = name in self._waiting_drafts
            self._waiting_drafts[name] = (path, version, pairs)
        if waiting:
            return
        with self.note_lock(name):
            with self._note_locks_lock:
                path, version, pairs = self._waiting_drafts.pop(name)
            self._keep_draft(name, path, version, pairs)

    def _keep_draft(self, name: str, path: Path, version: str, pairs: list) -> None:
        try:
            raw = path.read_bytes()
        except OSError:
            return
        data, _ = self.specs.read(path)
        if version == version_of(raw):
            if data is None:
                return
            shown = self.shown_pairs(name, raw, data)
            if _key(form_data(shown, self.schema)) == _key(form_data(pairs, self.schema)):
                self.store.discard(name)
                return
        else:
            # a form of an older version that holds what the file holds now: the preview the clerk's typing
            # asked for before the Save of that very text, reaching the desk after it (a "changed" banner over
            # nothing unsaved otherwise)
            if data is not None and _key(self.shown_data(name, raw, data)) == _key(form_data(pairs, self.schema)):
                self.store.discard(name)
                return
            earlier = self.store.draft(name)
            shown = earlier.shown if earlier is not None and earlier.version == version else None
            shown = shown or self.shown_of_version(name, version)
        self.store.keep(name, new_draft(version, pairs, shown))


NO_BREAK_WORD = re.compile("(\\S*\u2011\\S*)")


def printed(line: str) -> Markup:
    """A finished line as the page shows it: escaped; a word holding a no-break hyphen (U+2011, which the
    note's fonts lack) kept whole with an ordinary hyphen, as Word's ``w:noBreakHyphen`` prints.

    >>> str(printed("сағат 14.00\u2011те <b>"))
    'сағат <span class="nowrap">14.00-те</span> &lt;b&gt;'
    """
    return Markup(NO_BREAK_WORD.sub(lambda m: f'<span class="nowrap">{m.group(1).replace(chr(0x2011), "-")}</span>',
                                    str(escape(line))))


def _languages(data: dict, workspace: Workspace | None = None) -> list[str]:
    chosen = data.get("languages") if isinstance(data.get("languages"), list) else None
    chosen = chosen or (workspace.config.get("languages") if workspace else None)
    return [lang for lang in LANGUAGE_NAMES if not chosen or lang in chosen]


_desk = desk_of


def _spec_name(request: Request) -> tuple[Path, str]:
    desk = _desk(request)
    path = desk.specs.path(request.path_params["name"])
    return path, desk.specs.name(path)


# -- the list of notes ---------------------------------------------------------------------------------------

SORTS = ("name", "number", "date", "recipients", "subject")


def _subject(data: dict, workspace: Workspace) -> str:
    from ..register.outgoing import first_sentence

    purpose = data.get("purpose")
    if not isinstance(purpose, dict):
        return ""
    first = next((lang for lang in [*(workspace.config.get("languages") or []), "en", "ru", "kk"]
                  if isinstance(purpose.get(lang), str) and purpose[lang].strip()), None)
    return first_sentence(re.sub(r"\{\{.*?\}\}", "…", purpose[first]))[:160] if first else ""


def _outputs(desk: Desk, path: Path) -> list[str]:
    """The files in the output folder written from this spec (its stem), for download."""
    from ..build import safe_stem

    try:
        stem = safe_stem(path)
        return sorted(p.name for p in desk.out.glob(f"{glob_escape(stem)}.*")
                      if p.suffix in (".docx", ".pdf") and p.is_file() and not p.is_symlink())
    except (OSError, NoteError, ValueError):
        return []


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def list_page(request: Request) -> Response:
    desk = _desk(request)
    workspace = desk.workspace
    query = request.query_params
    wanted = " ".join(query.get("q", "").split()).casefold()[:200]
    sort = query.get("sort") if query.get("sort") in SORTS else "name"
    descending = query.get("dir") == "desc"
    rows = []
    for path in desk.specs.all():
        data, problem = desk.specs.read(path)
        state = preview(data, workspace) if data is not None else None
        data = data or {}
        recipients = data.get("recipients") if isinstance(data.get("recipients"), list) else []
        distribution = data.get("distribution")
        row = {"path": desk.specs.name(path), "data": data, "problem": problem, "state": state,
               "number": "" if data.get("number") is None else str(data.get("number")),
               "date": "" if data.get("date") is None else str(data.get("date")),
               "recipients": ", ".join(str(r) for r in recipients) + (
                   f" {distribution}" if isinstance(distribution, str) else ""),
               "subject": _subject(data, workspace), "files": _outputs(desk, path),
               "draft": desk.store.draft(desk.specs.name(path)) is not None}
        haystack = " ".join([row["path"], row["number"], row["date"], row["recipients"], row["subject"]]).casefold()
        if all(word in haystack for word in wanted.split()):
            rows.append(row)
    rows.sort(key=lambda r: (r["path"] if sort == "name" else r[sort]).casefold(), reverse=descending)
    numbering = bool(workspace.config.get("numbering"))
    return desk.page(request, "list.html", rows=rows, samples=desk.specs.samples(), q=query.get("q", "")[:200],
                     sort=sort, descending=descending, numbering=numbering, binned=len(desk.store.binned()),
                     left_out=desk.specs.left_out() + workspace.termbase.left_out)


# -- one note ------------------------------------------------------------------------------------------------

def spec_page(request: Request) -> Response:
    desk = _desk(request)
    path, name = _spec_name(request)
    words = desk.words(request)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return desk.page(request, "message.html", 422, title=words("This note cannot be opened"),
                         message=f"{name}:1: (file): cannot read it: {exc.strerror}")
    data, problem = desk.specs.read(path)
    if data is None:
        return desk.page(request, "message.html", 422, title=words("This note cannot be opened in the form"),
                         message=problem)
    version = version_of(raw)
    desk.shown_pairs(name, raw, data)   # the form as this version shows it, for applying changes made on it later
    draft = desk.store.draft(name)
    shown, banner = data, None
    if draft is not None:
        try:
            mine = form_data(draft.pairs, desk.schema)
        except RequestError:
            mine, draft = None, None
            desk.store.discard(name)
        if draft is not None and draft.version == version:
            shown, banner = mine, "restored"
        elif draft is not None:
            banner = "changed"
    result = preview(shown, desk.workspace)
    registered = desk.registry().issued_to(path, data)
    return desk.page(request, "spec.html", name=name, data=shown, form=desk.form, keys=desk.keys(),
                     languages=_languages(shown, desk.workspace), result=result, version=version, banner=banner,
                     draft=draft, registered=registered, defaults=desk.workspace.config,
                     dirty=banner == "restored")


@posted_form
def preview_fragment(request: Request, pairs: list, extras: dict) -> Response:
    desk = _desk(request)
    path, name = _spec_name(request)
    data = form_data(pairs, desk.schema)
    result: Preview = preview(data, desk.workspace, extras.get("__recipient"))
    response = desk.page(request, "preview.html", result=result, request_path=request.url.path, oob=True)
    if extras.get("__version"):   # the draft is written once the preview is on its way to the clerk
        response.background = BackgroundTask(desk.keep_draft, name, path, extras["__version"], pairs)
    return response


@posted_form
def form_fragment(request: Request, pairs: list, extras: dict) -> Response:
    """The form again, with an item added to or removed from a list or a named map, or a variant chosen."""
    desk = _desk(request)
    path, name = _spec_name(request)
    data = form_data(pairs, desk.schema)
    query = request.query_params
    words = desk.words(request)
    field_name, op = query.get("field", ""), query.get("op", "")
    path_of_field = parse_path(field_name)
    if op:
        if op not in ("add", "remove", "variant"):
            raise HTTPException(400, words("Unknown operation: {op}.", op=op[:40]))
        if not path_of_field or path_of_field[0] not in desk.schema["properties"]:
            raise HTTPException(400, words("No such field: {field}.", field=field_name[:80]))
        target = widget_at(path_of_field, desk.schema)
        if target is None:
            raise HTTPException(400, words("No such field: {field}.", field=field_name[:80]))
        current = get_path(data, path_of_field)
        if op == "variant":
            put_path(data, path_of_field, [] if query.get("variant") == "list" else "")
        elif op == "add" and query.get("kind") == "map":
            key = extras.get(f"__mapkey.{field_name}", "").strip()
            if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,79}", key):
                raise HTTPException(400, words("A name is lowercase letters, digits and hyphens, e.g. deadline."))
            entries = current if isinstance(current, dict) else {}
            entries.setdefault(key, {} if query.get("entry") == "group" else "")
            put_path(data, path_of_field, entries)
        elif op == "add":
            items = current if isinstance(current, list) else []
            limit = getattr(target, "max_items", 100)
            if len(items) >= limit:
                raise HTTPException(400, words("This list holds at most {count} items.", count=limit))
            items.append("" if query.get("entry") == "value" else {})
            put_path(data, path_of_field, items)
        elif op == "remove" and isinstance(current, dict):
            current.pop(query.get("key", ""), None)
        elif op == "remove":
            index = query.get("index", "")
            if not re.fullmatch(r"\d{1,6}", index):
                raise HTTPException(400, words("The index of the item to remove is not a whole number."))
            if isinstance(current, list) and int(index) < len(current):
                del current[int(index)]
    return desk.page(request, "form.html", name=name, data=data, form=desk.form, keys=desk.keys(),
                     languages=_languages(data, desk.workspace), defaults=desk.workspace.config)


CONFIRMATIONS = ("register", "warnings")


def _confirmed(extras: dict) -> set[str]:
    """What the clerk has confirmed with "… anyway" (only the desk's own words are taken)."""
    return {part for part in extras.get("__confirm", "").split(",") if part in CONFIRMATIONS}


def _check(desk: Desk, edit: editing.Edit, words: Words) -> Preview:
    """What the command line would say of the spec the edit writes; errors refuse it."""
    result = preview(edit.data, desk.workspace, file=edit.path.name)
    errors = [p.text for p in result.errors]
    if errors:
        raise Refusal(422, "invalid", words("Not saved: the command line would refuse this note. Fix what is "
                                            "shown at the fields first; your changes are kept."), errors)
    return result


def _registered_refusal(desk: Desk, edit: editing.Edit, words: Words) -> None:
    """A Save that changes the facts of a note the register holds asks first."""
    row = desk.registry().issued_to(edit.path, edit.original)
    changed = edit.changed_facts() if edit.changed else []
    if row is None or not changed:
        return
    issued = row.record.entry
    titles = {w.path[0]: w.title for w in desk.form}
    raise Refusal(409, "confirm", words(
        "№ {number} is in the register (issued {when} by {who}). This changes: {fields}. The register keeps what "
        "was issued; when the note is generated again, the change is recorded as an amendment.",
        number=row.number, when=f"{issued['created_at']:%Y-%m-%d}", who=issued["created_by"],
        fields=", ".join(words(titles.get(name, name)) for name in changed)), confirm="register", number=row.number)


def _refused(desk: Desk, request: Request, refusal: Refusal, name: str, action: str, words: Words,
             confirmed: set[str]) -> Response:
    return desk.page(request, "refused.html", refusal.status, refusal=refusal, name=name, action=action,
                     confirmed=",".join(sorted(confirmed - {refusal.confirm})),
                     confirm_label=words("Save anyway") if action == "save" else words("Generate anyway"))


@posted_form
def save(request: Request, pairs: list, extras: dict) -> Response:
    desk = _desk(request)
    path, name = _spec_name(request)
    words = desk.words(request)
    version = extras.get("__version", "")
    with desk.note_lock(name):
        try:
            edit = editing.prepare(path, name, version, form_data(pairs, desk.schema),
                                   lambda raw, data: desk.shown_data(name, raw, data))
            if edit.changed:
                _check(desk, edit, words)
                if "register" not in _confirmed(extras):
                    _registered_refusal(desk, edit, words)
            new_version = editing.write(edit)
        except Refusal as refusal:
            if version:
                desk._keep_draft(name, path, version, pairs)
            return _refused(desk, request, refusal, name, "save", words, _confirmed(extras))
        desk.store.discard(name)
    message = words("Saved {name}.", name=name) if edit.changed else words("Nothing to save: {name} is as in the "
                                                                         "file.", name=name)
    return desk.page(request, "saved.html", ok=True, message=message, version=new_version)


def _generate_refusals(desk: Desk, edit: editing.Edit, words: Words, confirmed: set[str], draft: bool) -> None:
    """What stops a Generate, or asks first: the command line's errors; for a note, the check's findings and a
    number the register holds already; for a draft, a note the register holds (its files in the output folder
    are the registered note's, which a draft would replace)."""
    result = _check(desk, edit, words)
    twins = desk.specs.sharing_outputs(edit.path)
    if twins:
        from ..build import safe_stem

        raise Refusal(409, "invalid", words(
            "{other} writes the same files ({stem}.*) in the output folder as this note: rename one of the two "
            "before generating, so that neither replaces the other's files.", other=", ".join(twins),
            stem=safe_stem(edit.path)))
    registry = desk.registry()
    row = registry.issued_to(edit.path, edit.original)
    # the files in the output folder a register's number holds, though the spec no longer names that number
    holder = None if row is not None else registry.holder_of([desk.out / name for name in _outputs(desk, edit.path)])
    if draft:
        if row is not None or holder is not None:
            raise Refusal(409, "invalid", words(
                "№ {number} is in the register: its files in the output folder are the note as registered, and a "
                "draft would replace them. Duplicate the note to draft a new one from it.",
                number=row.number if row is not None else holder))
        return
    warnings = [p.text for p in result.problems if p.kind != "error"]
    if warnings and "warnings" not in confirmed:
        raise Refusal(409, "confirm", words("The check found what a reviewer should see before the note goes "
                                            "out. Generate anyway?"), warnings, confirm="warnings")
    if "register" not in confirmed:
        _registered_refusal(desk, edit, words)
        if row is not None or holder is not None:
            number = row.number if row is not None else holder
            raise Refusal(409, "confirm", words(
                "№ {number} is already in the register. Generating again replaces its files in the output "
                "folder; the register keeps the new files' hashes beside the old ones, and records an "
                "amendment if the date, recipients, sender or subject changed.", number=number),
                confirm="register", number=number)


@posted_form
def generate(request: Request, pairs: list, extras: dict) -> Response:
    """Save the form's changes and write the note's files (and PDFs), numbered and recorded where the workspace
    keeps a register; ``__draft=1``: a draft, as `verbale generate --draft` (no number, the draft mark)."""
    desk = _desk(request)
    path, name = _spec_name(request)
    words = desk.words(request)
    version, confirmed, draft = extras.get("__version", ""), _confirmed(extras), extras.get("__draft") == "1"
    with desk.note_lock(name):   # one Generate of a note at a time in this desk (the register: across desks)
        try:
            edit = editing.prepare(path, name, version, form_data(pairs, desk.schema),
                                   lambda raw, data: desk.shown_data(name, raw, data))
            _generate_refusals(desk, edit, words, confirmed, draft)
            editing.write(edit)
        except Refusal as refusal:
            if version:
                desk._keep_draft(name, path, version, pairs)
            return _refused(desk, request, refusal, name, "generate", words, confirmed)
        desk.store.discard(name)
        try:
            names, problems = desk.specs.generate(path, desk.out, desk.workspace, draft=draft)
            after = path.read_bytes()
            number = (desk.specs.read(path)[0] or {}).get("number")
        except NoteError as exc:
            lines = [str(e) for e in getattr(exc, "errors", [exc])]
            return desk.page(request, "saved.html", 422, ok=False, message="; ".join(lines),
                             version=version_of(path.read_bytes()))
    return desk.page(request, "files.html", names=names, problems=problems, number=number, draft=draft,
                     numbered=not draft and str(edit.data.get("number")) == "auto" and number not in (None, "auto"),
                     version=version_of(after))


def download(request: Request) -> Response:
    desk = _desk(request)
    name = request.path_params["name"]
    if not re.fullmatch(r"[\w.-]+\.(docx|pdf)", name) or name.startswith("."):
        return PlainTextResponse("no such file", 404)
    target = desk.out / name
    if not target.is_file() or target.is_symlink():
        return PlainTextResponse("no such file", 404)
    return FileResponse(target, filename=name)


# -- drafts --------------------------------------------------------------------------------------------------

def discard_draft(request: Request) -> Response:
    desk = _desk(request)
    _, name = _spec_name(request)
    with desk.note_lock(name):
        desk.store.discard(name)
    return _go(request, f"/spec/{quote(name)}")


def apply_draft(request: Request) -> Response:
    """The clerk's unsaved changes, made on an earlier version of the file, applied to the file as it is now."""
    desk = _desk(request)
    path, name = _spec_name(request)
    with desk.note_lock(name):
        return _apply_draft(request, desk, path, name)


def _apply_draft(request: Request, desk: Desk, path: Path, name: str) -> Response:
    draft = desk.store.draft(name)
    raw = path.read_bytes()
    data, problem = desk.specs.read(path)
    if draft is None or data is None:
        return _go(request, f"/spec/{quote(name)}")
    mine = form_data(draft.pairs, desk.schema)
    current = desk.shown_data(name, raw, data)
    if draft.shown is not None:
        merged = with_changes(current, form_data(draft.shown, desk.schema), mine)
    else:  # the form as the page first showed it is not known: the clerk's form, the file's number
        merged = {**mine, **({"number": current["number"]} if "number" in current else {})}
    pairs = posted_pairs(desk.form_html(name, merged))
    desk.store.keep(name, new_draft(version_of(raw), pairs, desk.shown_pairs(name, raw, data)))
    return _go(request, f"/spec/{quote(name)}")


# -- making, copying, renaming, deleting notes ---------------------------------------------------------------

def _today() -> dt.date:
    return dt.date.today()


@posted_fields
def new_spec(request: Request, form: dict) -> Response:
    desk = _desk(request)
    numbered = bool(desk.workspace.config.get("numbering"))
    path = desk.specs.create(str(form.get("name", ""))[:MAX_NAME], str(form.get("sample", "")), numbered, _today())
    return _go(request, f"/spec/{quote(desk.specs.name(path))}")


def duplicate(request: Request) -> Response:
    desk = _desk(request)
    path, _ = _spec_name(request)
    numbered = bool(desk.workspace.config.get("numbering"))
    copy = desk.specs.duplicate(path, numbered, _today())
    return _go(request, f"/spec/{quote(desk.specs.name(copy))}")


@posted_fields
def rename(request: Request, form: dict) -> Response:
    desk = _desk(request)
    path, name = _spec_name(request)
    words = desk.words(request)
    with desk.note_lock(name):
        data, _ = desk.specs.read(path)
        row = desk.registry().issued_to(path, data or {})
        if row is not None:
            raise HTTPException(409, words("№ {number} is in the register under the name {name}, so the note keeps "
                                           "its name. Duplicate it to start another note from it.",
                                           number=row.number, name=name))
        target = desk.specs.renamed(path, str(form.get("to", ""))[:MAX_NAME])
        desk.store.move_draft(name, desk.specs.name(target))
    return _go(request, "/")


def delete(request: Request) -> Response:
    from ..register.outgoing import user_name

    desk = _desk(request)
    path, name = _spec_name(request)
    with desk.note_lock(name):
        desk.store.throw(path, name, user_name())
    return _go(request, "/")


def bin_page(request: Request) -> Response:
    desk = _desk(request)
    return desk.page(request, "bin.html", entries=desk.store.binned())


@posted_fields
def restore(request: Request, form: dict) -> Response:
    desk = _desk(request)
    words = desk.words(request)
    entry = desk.store.binned_entry(str(form.get("entry", "")))
    if entry is None:
        raise HTTPException(404, words("That note is not in the bin."))
    target = desk.specs.free_like(entry["name"])
    desk.store.restore(entry["id"], target, desk.specs.name(target))
    return _go(request, f"/spec/{quote(desk.specs.name(target))}")


def _go(request: Request, url: str) -> Response:
    """To another page: htmx is told in a header, a plain form by a redirect."""
    if request.headers.get("hx-request"):
        return Response(status_code=200, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)


def choose_language(request: Request) -> Response:
    code = request.path_params["code"]
    target = request.query_params.get("next", "/")
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        target = "/"
    response = RedirectResponse(target, status_code=303)
    if code in LANGUAGES:
        response.set_cookie(LANGUAGE_COOKIE, code, max_age=3600 * 24 * 365, samesite="strict", httponly=True)
    return response


def create_app(root: Path, out: Path | None = None, termbase: Termbase | None = None,
               host: str = "127.0.0.1", port: int = 8765, token: str | None = None) -> Starlette:
    """The desk over the workspace at ``root``. Every request needs ``token`` (made here when not given; the
    returned application's ``token``), as the address ``verbale serve`` prints carries it."""
    from . import names as names_pages
    from . import register_pages

    root = Path(root).resolve()
    fixed = _workspace(root, termbase) if termbase is not None else None
    desk = Desk(SpecFiles(root), root, (out or root / "out"), fixed, **({"token": token} if token else {}))
    routes = [
        Route("/", list_page),
        Route("/spec/{name:path}", spec_page),
        Route("/preview/{name:path}", preview_fragment, methods=["POST"]),
        Route("/form/{name:path}", form_fragment, methods=["POST"]),
        Route("/save/{name:path}", save, methods=["POST"]),
        Route("/generate/{name:path}", generate, methods=["POST"]),
        Route("/duplicate/{name:path}", duplicate, methods=["POST"]),
        Route("/rename/{name:path}", rename, methods=["POST"]),
        Route("/delete/{name:path}", delete, methods=["POST"]),
        Route("/draft/discard/{name:path}", discard_draft, methods=["POST"]),
        Route("/draft/apply/{name:path}", apply_draft, methods=["POST"]),
        Route("/bin", bin_page),
        Route("/restore", restore, methods=["POST"]),
        Route("/new", new_spec, methods=["POST"]),
        Route("/files/{name}", download),
        Route("/lang/{code}", choose_language),
        *register_pages.routes(),
        *names_pages.routes(),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={NoteError: _note_error, HTTPException: _http_error,
                                                      Exception: _internal_error},
                    lifespan=_office_while_serving)
    app.state.desk = desk
    guarded = Guard(app, host=host, port=port, csrf=desk.csrf, token=desk.token)
    guarded.token = desk.token
    return guarded


@contextlib.asynccontextmanager
async def _office_while_serving(app):
    """LibreOffice kept warm while the desk serves, for Generate's PDFs (verbale/desk/office.py)."""
    from . import office

    office.warm()
    yield
    await run_in_threadpool(office.stop)   # it waits for the office to end: never on the event loop


def _workspace(root: Path, termbase: Termbase | None) -> Workspace:
    """The workspace the desk opens: ``root``'s verbale.yaml (or one above it), else the built-in termbase
    alone; ``termbase`` (tests) replaces the workspace's."""
    from ..facts.workspace import load_workspace, workspace_root

    found = workspace_root(root)
    workspace = load_workspace(found) if found else Workspace(None)
    return replace(workspace, termbase=termbase) if termbase is not None else workspace


def _wants_page(request: Request) -> bool:
    return request.method == "GET" and not request.headers.get("hx-request")


def _note_error(request: Request, exc: Exception) -> Response:
    desk = _desk(request)
    if isinstance(exc, RequestError):
        return PlainTextResponse(f"{exc.field}: {exc.problem}" if exc.field else exc.problem, 400)
    status = 404 if "no spec" in str(exc) else 422
    if not _wants_page(request):
        return PlainTextResponse(str(exc), status)
    words = desk.words(request)
    return desk.page(request, "message.html", status, title=words("Not possible"), message=str(exc))


def _http_error(request: Request, exc: HTTPException) -> Response:
    return PlainTextResponse(str(exc.detail), exc.status_code, headers=getattr(exc, "headers", None))


def _internal_error(request: Request, exc: Exception) -> Response:
    """What no check foresaw: one plain line naming it (Starlette's server error middleware calls this, then
    hands the exception on to the server, whose log keeps the traceback), never a bare "Internal Server Error"."""
    line = f"The desk could not do this: unexpected error {type(exc).__name__}: {exc}"
    return PlainTextResponse(" ".join(line.split())[:500] + " (the console of `verbale serve` has the details; "
                             "please report it)", 500)
