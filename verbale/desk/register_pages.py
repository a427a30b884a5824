"""The register in the desk: the numbers issued (with search and filters), one number's record with its files and
their hashes, cancelling with a reason, and the export; the incoming notes beside them, each with its Reply
(the spec `verbale reply` writes); recording a received note and a dispatch with the command line's own
functions and checks (verbale/register/incoming.py, store.py), so the desk never records what the command line
would refuse. All through the store's public functions by way of registry.py.
"""
from __future__ import annotations

import hashlib
import re
from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..errors import NoteError
from .endpoints import desk_of, posted_fields, posted_upload

MAX_WORDS = 200


def _checked(check, value, words, status: int = 400):
    """``value`` through one of the register's shared checks (verbale/register/checks.py, the command line's
    options take the same): its refusal a page in the clerk's language."""
    from ..errors import BadValue

    try:
        return check(value)
    except BadValue as exc:
        raise HTTPException(status, _sentence(words(exc.template, **exc.params))) from None


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _year(value: str | None, words) -> int | None:
    """A year as the command line takes it (``checked_year``: four figures), or None where none is given."""
    from ..register.checks import checked_year

    return None if value in (None, "") else _checked(checked_year, value, words)


def _number(value, words) -> str:
    from ..register.checks import checked_number

    return _checked(checked_number, str(value or ""), words)


def _filters(request: Request, words) -> dict:
    from ..register.checks import checked_key, checked_kind

    query = request.query_params
    recipient = query.get("recipient", "").strip()
    kind = query.get("kind", "").strip()
    return {"year": _year(query.get("year"), words),
            "recipient": _checked(checked_key, recipient, words) if recipient else "",
            "kind": _checked(checked_kind, kind, words) if kind else "",
            "text": " ".join(query.get("text", "").split())[:MAX_WORDS]}


def kind_name(termbase, kind: str, words) -> str:
    """A kind of document in the clerk's language: its title in the formulas of that language (data: an office's
    own kinds too), the catalogue's word for a note verbale (whose formulas title the note itself), else its
    name."""
    from collections.abc import Mapping

    own = termbase.formulas.get(words.lang, {}).get("kinds") if words.lang in termbase.formulas else None
    own = own.get(kind) if isinstance(own, Mapping) else None
    title = own.get("title") if isinstance(own, Mapping) else None
    if isinstance(title, str) and title.strip() and "{" not in title:
        return title
    return words("Note verbale") if kind == "note-verbale" else kind


def _name(termbase, key: str, lang: str) -> str:
    """A recipient's name in the clerk's language (else English, else the key)."""
    for language in (lang, "en", "ru", "kk"):
        forms = termbase.forms.get(language, {}).get(key)
        if isinstance(forms, dict) and isinstance(forms.get("nom"), str) and forms["nom"].strip():
            return forms["nom"]
    return key


def _received(registry, filters: dict) -> list:
    """The incoming notes the filters find (the recipient filter: notes from that office)."""
    if not registry.kept:
        return []
    return registry.incoming(filters["year"], filters["text"], filters["recipient"] or None)


def register_page(request: Request) -> Response:
    from .app import _desk

    desk = _desk(request)
    words = desk.words(request)
    registry = desk.registry()
    filters = _filters(request, words)
    every = registry.rows() if registry.kept else []
    rows = registry.rows(filters["year"], filters["recipient"] or None, filters["text"],
                         filters["kind"] or None) if registry.kept else []
    years = sorted({row.year for row in every if row.year}, reverse=True)
    kinds = {kind: kind_name(desk.termbase, kind, words) for kind in sorted({row.kind for row in every})}
    recipients = sorted({key for row in every for key in row.recipients})
    termbase = desk.termbase
    names = {key: _name(termbase, key, words.lang) for key in recipients}
    query = urlencode({key: value for key, value in filters.items() if value})
    received = _received(registry, filters)
    for key in {note["sender"] for note in received} - set(names):
        names[key] = _name(termbase, key, words.lang)
    return desk.page(request, "register.html", page_name="register", registry=registry, rows=rows, years=years,
                     recipients=recipients, names=names, filters=filters, query=query, kinds=kinds,
                     total=len(every), received=received, today=_today(), channels=_channels())


def record_page(request: Request) -> Response:
    from .app import _desk

    desk = _desk(request)
    words = desk.words(request)
    number = _number(request.query_params.get("number"), words)
    year = _year(request.query_params.get("year"), words)
    registry = desk.registry()
    row = registry.record(number, year) if registry.kept else None
    if row is None:
        raise HTTPException(404, words("№ {number} is not in the register.", number=number))
    files = []
    for item in row.record.files:
        target = desk.out / item["name"]
        state = "absent"
        if re.fullmatch(r"[\w.-]+\.(docx|pdf)", item["name"]) and target.is_file() and not target.is_symlink():
            state = "same" if hashlib.sha256(target.read_bytes()).hexdigest() == item["sha256"] else "changed"
        files.append({**item, "state": state})
    spec = row.record.entry.get("spec_path") or ""
    spec_exists = False
    if spec:
        try:
            spec_exists = desk.specs.path(spec).is_file()
        except Exception:  # noqa: BLE001 - a spec outside the workspace or gone: shown as a name only
            spec_exists = False
    termbase = desk.termbase
    names = {key: _name(termbase, key, words.lang) for key in row.recipients}
    return desk.page(request, "record.html", page_name="register", row=row, files=files, spec=spec,
                     kind=kind_name(termbase, row.kind, words),
                     spec_exists=spec_exists, names=names, year=year, channels=_channels())


def _today():
    from .app import _today as today

    return today()


def _channels() -> tuple[str, ...]:
    from ..register.store import CHANNELS

    return CHANNELS


def _kept(desk, words):
    registry = desk.registry()
    if not registry.kept:
        raise HTTPException(404, words("This workspace keeps no register."))
    return registry


@posted_fields
def cancel(request: Request, form: dict) -> Response:
    from ..register.outgoing import user_name
    from .app import _desk

    desk = _desk(request)
    words = desk.words(request)
    from ..register.checks import checked_reason

    number = _number(form.get("number"), words)
    why = _checked(checked_reason, str(form.get("why", "")), words)
    year = _year(str(form.get("year", "")) or None, words)
    registry = desk.registry()
    if not registry.kept:
        raise HTTPException(404, words("This workspace keeps no register."))
    registry.cancel(number, why, user_name(), year)
    target = f"/register/record?{urlencode({'number': number, **({'year': year} if year else {})})}"
    return RedirectResponse(target, status_code=303)


@posted_upload
def record_incoming(request: Request, form: dict) -> Response:
    """A received note recorded from the register page, as `verbale incoming add` records it."""
    from ..register.incoming import incoming_from_text
    from ..register.outgoing import user_name
    from ..register.received import received_bytes

    desk = desk_of(request)
    words = desk.words(request)
    registry = _kept(desk, words)
    upload = form.get("file")
    text = {key: value for key, value in form.items() if isinstance(value, str)}
    try:
        note = incoming_from_text(text, _today(), user_name())
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    try:
        received = received_bytes(upload[1], upload[0]) if isinstance(upload, tuple) else None
        recorded, warnings = registry.receive(note, received, received.original_name if received else "FILE")
    except NoteError as exc:
        raise HTTPException(422, str(exc)) from None
    return desk.page(request, "recorded.html", ident=recorded.id, warnings=warnings)


@posted_upload
def dispatch(request: Request, form: dict) -> Response:
    """A note's dispatch recorded from its record, as `verbale register dispatch` records it."""
    from ..register.outgoing import user_name
    from ..register.received import receipt_of
    from ..register.store import dispatch_problem

    desk = desk_of(request)
    words = desk.words(request)
    registry = _kept(desk, words)
    number = _number(form.get("number"), words)
    year = _year(str(form.get("year", "")) or None, words)
    channel, copies = str(form.get("channel", "")), str(form.get("copies", "1")).strip()
    problem = dispatch_problem(channel, int(copies) if re.fullmatch(r"\d{1,6}", copies) else 0)
    if problem:
        raise HTTPException(422, problem)
    from ..register.checks import checked_receipt

    upload = form.get("receipt")   # (name, bytes) where a file was chosen, as `--receipt FILE` names one
    receipt = receipt_of(*upload) if isinstance(upload, tuple) else None
    if receipt is not None:
        _checked(lambda data: checked_receipt(receipt[0], data), upload[1], words, 422)
    try:
        registry.dispatch(number, channel, int(copies), user_name(), year, receipt)
    except NoteError as exc:
        raise HTTPException(422, str(exc)) from None
    return _go(request, f"/register/record?{urlencode({'number': number, **({'year': year} if year else {})})}")


@posted_fields
def reply(request: Request, form: dict) -> Response:
    """Reply to an incoming note: the spec `verbale reply` writes, opened in the desk."""
    desk = desk_of(request)
    words = desk.words(request)
    registry = _kept(desk, words)
    ident = str(form.get("id", "")).strip()[:40]
    try:
        path = registry.reply(ident, _today(), desk.specs.root)
    except NoteError as exc:
        raise HTTPException(422, str(exc)) from None
    from urllib.parse import quote

    return _go(request, f"/spec/{quote(desk.specs.name(path))}")


def _go(request: Request, url: str) -> Response:
    from .app import _go as go

    return go(request, url)


def export(request: Request) -> Response:
    from .app import _desk

    desk = _desk(request)
    words = desk.words(request)
    registry = desk.registry()
    filters = _filters(request, words)
    rows = registry.rows(filters["year"], filters["recipient"] or None, filters["text"],
                         filters["kind"] or None) if registry.kept else []
    return Response(registry.csv(rows, _received(registry, filters)) if registry.kept else b"", media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="register.csv"'})


def routes() -> list:
    return [Route("/register", register_page), Route("/register/record", record_page),
            Route("/register/cancel", cancel, methods=["POST"]), Route("/register/export.csv", export),
            Route("/register/incoming", record_incoming, methods=["POST"]),
            Route("/register/dispatch", dispatch, methods=["POST"]),
            Route("/register/reply", reply, methods=["POST"])]
