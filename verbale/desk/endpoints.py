"""How the desk's endpoints read a request and where their work runs.

The event loop only reads requests and sends answers. An endpoint that touches files, composes a note, asks the
register or converts with LibreOffice does that work in Starlette's threadpool: a plain ``def`` endpoint runs
there already, and ``posted_form`` / ``posted_fields`` / ``posted_upload`` make one that reads the posted body on
the loop (reading a request is asynchronous) and hands it to a plain function in the threadpool. One clerk's
Generate then never stalls another clerk's preview.
"""
from __future__ import annotations

import functools

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from .form import LIST_MARK

MAX_FIELDS = 2000


def desk_of(request: Request):
    """The desk (verbale.desk.app.Desk) the request is made to."""
    return request.app.state.desk


async def read_posted(request: Request) -> tuple[list[tuple[str, str]], dict]:
    """The posted fields (name, value) and the page's own fields (``__version`` …)."""
    try:
        form = await request.form(max_files=0, max_fields=MAX_FIELDS)
    except HTTPException:
        raise
    except Exception as exc:  # noqa: BLE001 - a malformed body is the sender's problem, said in one line
        raise HTTPException(400, f"The form could not be read: {exc}") from None
    pairs = [(name, value) for name, value in form.multi_items() if isinstance(value, str)]
    own = [(name, value) for name, value in pairs if name.startswith("__") and not name.startswith(LIST_MARK)]
    return [pair for pair in pairs if pair not in own], dict(own)


async def read_fields(request: Request, files: int = 0) -> dict:
    """A small form's fields by name (the first value of each); with ``files``, an uploaded file is
    (its name as sent, its bytes) — the desk's guard has bounded the body's size already."""
    try:
        form = await request.form(max_files=files, max_fields=50)
    except HTTPException:
        raise
    except Exception as exc:  # noqa: BLE001
        raise HTTPException(400, f"The form could not be read: {exc}") from None
    fields = {}
    for name, value in form.multi_items():
        if name in fields:
            continue
        if isinstance(value, UploadFile):
            data = await value.read()
            if value.filename or data:
                fields[name] = (value.filename or "", data)
        else:
            fields[name] = value
    await form.close()
    return fields


def posted_form(work):
    """An endpoint that reads the posted form on the event loop and runs ``work(request, pairs, extras)`` (the
    form's fields, the page's own ``__`` fields) in the threadpool."""
    @functools.wraps(work)
    async def endpoint(request: Request) -> Response:
        pairs, extras = await read_posted(request)
        return await run_in_threadpool(work, request, pairs, extras)
    return endpoint


def posted_fields(work):
    """An endpoint that reads a small posted form on the event loop and runs ``work(request, fields)`` in the
    threadpool."""
    @functools.wraps(work)
    async def endpoint(request: Request) -> Response:
        fields = await read_fields(request)
        return await run_in_threadpool(work, request, fields)
    return endpoint


def posted_upload(work):
    """As ``posted_fields``, with one uploaded file among the fields (name, bytes)."""
    @functools.wraps(work)
    async def endpoint(request: Request) -> Response:
        fields = await read_fields(request, files=1)
        return await run_in_threadpool(work, request, fields)
    return endpoint
