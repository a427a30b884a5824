"""The clerk's desk: a small Starlette application over a workspace's specs.

Pages: the list of specs, and one spec open as a form (made from the JSON Schema) beside a live preview of
every language. Writes (save, generate, new, duplicate) need the page's same-origin token; every path stays
inside the workspace; every user text is escaped by the page templates (autoescape).
"""
from __future__ import annotations

import contextlib
import re
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import NoteError
from ..facts.schema import spec_schema
from ..facts.termbase import Termbase
from ..facts.workspace import Workspace
from .form import LIST_MARK, form_data, get_path, item_widget, parse_path, put_path, widgets
from .guard import Guard
from .preview import Preview, preview
from .specs import SpecFiles

HERE = Path(__file__).resolve().parent
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}


@dataclass
class Desk:
    """What every request needs: the workspace's specs, its termbase, the output folder, the tokens."""

    specs: SpecFiles
    workspace: Workspace
    out: Path
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    schema: dict = field(default_factory=spec_schema)

    def __post_init__(self):
        self.pages = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                                 autoescape=select_autoescape(default=True, default_for_string=True))
        self.pages.globals.update(csrf=self.csrf, language_names=LANGUAGE_NAMES, list_mark=LIST_MARK)
        self.pages.filters["item_widget"] = item_widget
        self.pages.filters["printed"] = printed
        self.form = widgets(self.schema)

    def page(self, template: str, status: int = 200, **values) -> HTMLResponse:
        return HTMLResponse(self.pages.get_template(template).render(**values), status_code=status)

    @property
    def termbase(self) -> Termbase:
        return self.workspace.termbase

    def keys(self) -> list[tuple[str, str]]:
        """Every termbase key with its names in each language, for the pickers."""
        options = []
        for key in sorted(self.termbase.entries):  # the workspace's entries over the built-in ones
            names = []
            for lang in LANGUAGE_NAMES:
                raw = self.termbase.forms.get(lang, {}).get(key) or {}
                names.append(str(raw.get("nom", "")))
            options.append((key, " / ".join(n for n in names if n)))
        return options


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
    chosen = data.get("languages") or (workspace.config.get("languages") if workspace else None)
    return [lang for lang in LANGUAGE_NAMES if not chosen or lang in chosen]


async def _posted(request: Request) -> tuple[dict, dict]:
    form = await request.form()
    pairs = [(name, value) for name, value in form.multi_items() if isinstance(value, str)]
    extras = {name: value for name, value in pairs if name.startswith("__")}
    return form_data(pairs, request.app.state.desk.schema), extras


def list_page(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    rows = []
    for path in desk.specs.all():
        data, problem = desk.specs.read(path)
        state = preview(data, desk.workspace) if data is not None else None
        rows.append({"path": desk.specs.name(path), "data": data or {}, "problem": problem, "state": state})
    return desk.page("list.html", rows=rows, samples=desk.specs.samples(), left_out=desk.specs.left_out() + desk.workspace.termbase.left_out)


def spec_page(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    path = desk.specs.path(request.path_params["name"])
    data, problem = desk.specs.read(path)
    if data is None:
        return desk.page("message.html", 422, title="This spec cannot be opened in the form", message=problem)
    return desk.page("spec.html", name=desk.specs.name(path), data=data, form=desk.form, keys=desk.keys(),
                     languages=_languages(data, desk.workspace), result=preview(data, desk.workspace))


async def preview_fragment(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    desk.specs.path(request.path_params["name"])  # the spec must be one of the workspace's
    data, extras = await _posted(request)
    result: Preview = preview(data, desk.workspace, extras.get("__recipient"))
    return desk.page("preview.html", result=result, request_path=request.url.path)


async def form_fragment(request: Request) -> Response:
    """The form again, with an item added to or removed from a list or a named map, or a variant chosen."""
    desk: Desk = request.app.state.desk
    desk.specs.path(request.path_params["name"])
    data, extras = await _posted(request)
    query = request.query_params
    path, op = parse_path(query.get("field", "")), query.get("op", "")
    if path and path[0] in desk.schema["properties"]:
        current = get_path(data, path)
        if op == "variant":
            put_path(data, path, [] if query.get("variant") == "list" else "")
        elif op == "add" and query.get("kind") == "map":
            key = extras.get(f"__mapkey.{query.get('field')}", "").strip()
            if re.fullmatch(r"[a-z0-9][a-z0-9-]{0,79}", key):
                entries = current if isinstance(current, dict) else {}
                entries.setdefault(key, {} if query.get("entry") == "group" else "")
                put_path(data, path, entries)
        elif op == "add":
            items = current if isinstance(current, list) else []
            items.append("" if query.get("entry") == "value" else {})
            put_path(data, path, items)
        elif op == "remove" and isinstance(current, dict):
            current.pop(query.get("key", ""), None)
        elif op == "remove" and isinstance(current, list):
            index = int(query.get("index", "-1") or -1)
            if 0 <= index < len(current):
                del current[index]
    return desk.page("form.html", name=request.path_params["name"], data=data, form=desk.form, keys=desk.keys(),
                     languages=_languages(data, desk.workspace))


async def save(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    path = desk.specs.path(request.path_params["name"])
    data, _ = await _posted(request)
    try:
        desk.specs.save(path, data, desk.schema, desk.workspace.config)
    except NoteError as exc:
        return desk.page("status.html", ok=False, message=str(exc))  # htmx swaps only 2xx answers
    return desk.page("status.html", ok=True, message=f"Saved {desk.specs.name(path)}.")


async def generate(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    path = desk.specs.path(request.path_params["name"])
    data, _ = await _posted(request)
    try:
        desk.specs.save(path, data, desk.schema, desk.workspace.config)
        names, problems = desk.specs.generate(path, desk.out, desk.workspace)
        number = (desk.specs.read(path)[0] or {}).get("number")
    except NoteError as exc:
        lines = [str(e) for e in getattr(exc, "errors", [exc])]
        return desk.page("status.html", ok=False, message="; ".join(lines))
    return desk.page("files.html", names=names, problems=problems, number=number,
                     numbered=data.get("number") == "auto" and number not in (None, "auto"))


def download(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    name = request.path_params["name"]
    if not re.fullmatch(r"[\w.-]+\.(docx|pdf)", name) or name.startswith("."):
        return Response("no such file", 404)
    target = desk.out / name
    if not target.is_file() or target.is_symlink():
        return Response("no such file", 404)
    return FileResponse(target, filename=name)


async def new_spec(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    form = await request.form()
    path = desk.specs.create(str(form.get("name", "")), str(form.get("sample", "")))
    return _go(request, f"/spec/{desk.specs.name(path)}")


async def duplicate(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    numbered = bool(desk.workspace.config.get("numbering"))
    path = desk.specs.duplicate(desk.specs.path(request.path_params["name"]), numbered)
    return _go(request, f"/spec/{desk.specs.name(path)}")


def _go(request: Request, url: str) -> Response:
    """To another page: htmx is told in a header, a plain form by a redirect."""
    if request.headers.get("hx-request"):
        return Response(status_code=200, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)


def create_app(root: Path, out: Path | None = None, termbase: Termbase | None = None,
               host: str = "127.0.0.1", port: int = 8765, token: str | None = None) -> Starlette:
    """The desk over the workspace at ``root``; ``token`` is required from every request when given."""
    workspace = _workspace(root, termbase)
    desk = Desk(SpecFiles(root), workspace, (out or root / "out"))
    routes = [
        Route("/", list_page),
        Route("/spec/{name:path}", spec_page),
        Route("/preview/{name:path}", preview_fragment, methods=["POST"]),
        Route("/form/{name:path}", form_fragment, methods=["POST"]),
        Route("/save/{name:path}", save, methods=["POST"]),
        Route("/generate/{name:path}", generate, methods=["POST"]),
        Route("/duplicate/{name:path}", duplicate, methods=["POST"]),
        Route("/new", new_spec, methods=["POST"]),
        Route("/files/{name}", download),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={NoteError: _note_error}, lifespan=_office_while_serving)
    app.state.desk = desk
    return Guard(app, host=host, port=port, csrf=desk.csrf, token=token)


@contextlib.asynccontextmanager
async def _office_while_serving(app):
    """LibreOffice kept warm while the desk serves, for Generate's PDFs (verbale/desk/office.py)."""
    from . import office

    office.warm()
    yield
    office.stop()


def _workspace(root: Path, termbase: Termbase | None) -> Workspace:
    """The workspace the desk opens: ``root``'s verbale.yaml (or one above it), else the built-in termbase
    alone; ``termbase`` (tests) replaces the workspace's."""
    from ..facts.workspace import load_workspace, workspace_root

    found = workspace_root(root)
    workspace = load_workspace(found) if found else Workspace(None)
    return replace(workspace, termbase=termbase) if termbase is not None else workspace


def _note_error(request: Request, exc: Exception) -> Response:
    desk: Desk = request.app.state.desk
    return desk.page("message.html", 404 if "no spec" in str(exc) else 422, title="Not possible", message=str(exc))
