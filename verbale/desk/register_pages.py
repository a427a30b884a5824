"""The register in the desk: the numbers issued (with search and filters), one number's record with its files and
their hashes, cancelling with a reason, and the export. All through the store's public functions
(verbale/register/store.py) by way of registry.py.
"""
from __future__ import annotations

import hashlib
import re
from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

MAX_WORDS = 200


def _year(value: str | None, words) -> int | None:
    if value in (None, ""):
        return None
    if not re.fullmatch(r"\d{4}", value):
        raise HTTPException(400, words("A year is four figures, e.g. 2026."))
    return int(value)


def _filters(request: Request, words) -> dict:
    query = request.query_params
    recipient = query.get("recipient", "").strip()
    if recipient and not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,79}", recipient):
        raise HTTPException(400, words("A recipient is a key of the names list, e.g. mfa-austria."))
    return {"year": _year(query.get("year"), words), "recipient": recipient,
            "text": " ".join(query.get("text", "").split())[:MAX_WORDS]}


def _name(termbase, key: str, lang: str) -> str:
    """A recipient's name in the clerk's language (else English, else the key)."""
    for language in (lang, "en", "ru", "kk"):
        forms = termbase.forms.get(language, {}).get(key)
        if isinstance(forms, dict) and isinstance(forms.get("nom"), str) and forms["nom"].strip():
            return forms["nom"]
    return key


def register_page(request: Request) -> Response:
    from .app import _desk

    desk = _desk(request)
    words = desk.words(request)
    registry = desk.registry()
    filters = _filters(request, words)
    every = registry.rows() if registry.kept else []
    rows = registry.rows(filters["year"], filters["recipient"] or None, filters["text"]) if registry.kept else []
    years = sorted({row.year for row in every if row.year}, reverse=True)
    recipients = sorted({key for row in every for key in row.recipients})
    termbase = desk.termbase
    names = {key: _name(termbase, key, words.lang) for key in recipients}
    query = urlencode({key: value for key, value in filters.items() if value})
    return desk.page(request, "register.html", page_name="register", registry=registry, rows=rows, years=years,
                     recipients=recipients, names=names, filters=filters, query=query,
                     total=len(every))


def record_page(request: Request) -> Response:
    from .app import _desk

    desk = _desk(request)
    words = desk.words(request)
    number = request.query_params.get("number", "").strip()
    if not number or len(number) > 100:
        raise HTTPException(400, words("Name a number of the register."))
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
                     spec_exists=spec_exists, names=names, year=year)


async def cancel(request: Request) -> Response:
    from ..register.outgoing import user_name
    from .app import _desk, _form

    desk = _desk(request)
    words = desk.words(request)
    form = await _form(request)
    number = str(form.get("number", "")).strip()
    why = " ".join(str(form.get("why", "")).split())[:500]
    year = _year(str(form.get("year", "")) or None, words)
    if not number or len(number) > 100:
        raise HTTPException(400, words("Name a number of the register."))
    if not why:
        raise HTTPException(400, words("Say why the number is cancelled: the reason is kept in the register."))
    registry = desk.registry()
    if not registry.kept:
        raise HTTPException(404, words("This workspace keeps no register."))
    registry.cancel(number, why, user_name(), year)
    target = f"/register/record?{urlencode({'number': number, **({'year': year} if year else {})})}"
    return RedirectResponse(target, status_code=303)


def export(request: Request) -> Response:
    from .app import _desk

    desk = _desk(request)
    words = desk.words(request)
    registry = desk.registry()
    filters = _filters(request, words)
    rows = registry.rows(filters["year"], filters["recipient"] or None, filters["text"]) if registry.kept else []
    return Response(registry.csv(rows) if registry.kept else b"", media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="register.csv"'})


def routes() -> list:
    return [Route("/register", register_page), Route("/register/record", record_page),
            Route("/register/cancel", cancel, methods=["POST"]), Route("/register/export.csv", export)]
