"""What stands between the network and the desk (pure ASGI, around the application).

- Only the desk's own host names are answered (a page elsewhere cannot reach it by DNS rebinding).
- With a token (any address but loopback), every request must carry it: once in the address (``?token=``),
  then in a cookie, as Jupyter does.
- Every request that changes something (POST) carries the page's same-origin token, and an Origin header,
  when the browser sends one, must be the desk's own.
- Request bodies are limited in size.
"""
from __future__ import annotations

import hmac
from urllib.parse import parse_qs

MAX_BODY = 256 * 1024
COOKIE = "verbale_desk_token"
CSRF_HEADER = b"x-desk-token"
CSRF_FIELD = "_csrf"


class Guard:
    def __init__(self, app, host: str, port: int, csrf: str, token: str | None = None):
        self.app, self.csrf, self.token = app, csrf, token
        self.state = app.state
        self.hosts = {f"{name}:{port}".encode() for name in {host, "127.0.0.1", "localhost", "[::1]"}}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {name: value for name, value in scope["headers"]}
        host = headers.get(b"host", b"")
        # on loopback the Host header keeps other sites out (DNS rebinding); elsewhere the token does, and the
        # desk may be reached by any of the machine's names
        if self.token is None and host not in self.hosts:
            return await _refuse(send, 421, "This desk answers only at its own address.")
        if self.token is not None and not self._has_token(scope, headers):
            return await _refuse(send, 403, "Open the address with the token printed when the desk started.")
        if scope["method"] not in ("GET", "HEAD"):
            origin = headers.get(b"origin")
            own = self.hosts if self.token is None else self.hosts | {host}
            if origin is not None and origin.split(b"//", 1)[-1] not in own:
                return await _refuse(send, 403, "A page of another site cannot change this desk.")
            length = int(headers.get(b"content-length", b"0") or 0)
            if length > MAX_BODY:
                return await _refuse(send, 413, f"The request is larger than {MAX_BODY // 1024} KiB.")
            body = await _read_body(receive)
            if body is None:
                return await _refuse(send, 413, f"The request is larger than {MAX_BODY // 1024} KiB.")
            if not self._same_origin(headers, body):
                return await _refuse(send, 403, "The page is out of date: reload it (the form token is missing).")
            receive = _replay(body)
        if self.token is not None and b"token=" in scope.get("query_string", b""):
            return await self._set_cookie(scope, send)
        return await self.app(scope, receive, send)

    def _has_token(self, scope, headers) -> bool:
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        offered = query.get("token", [""])[0]
        for part in headers.get(b"cookie", b"").decode("latin-1").split(";"):
            name, _, value = part.strip().partition("=")
            if name == COOKIE:
                offered = offered or value
        return bool(offered) and hmac.compare_digest(offered.encode(), self.token.encode())

    def _same_origin(self, headers, body: bytes) -> bool:
        offered = headers.get(CSRF_HEADER, b"").decode("latin-1")
        if not offered and headers.get(b"content-type", b"").startswith(b"application/x-www-form-urlencoded"):
            offered = parse_qs(body.decode("utf-8", "replace")).get(CSRF_FIELD, [""])[0]
        return bool(offered) and hmac.compare_digest(offered.encode(), self.csrf.encode())

    async def _set_cookie(self, scope, send):
        path = scope.get("path", "/")
        cookie = f"{COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/"
        await send({"type": "http.response.start", "status": 303,
                    "headers": [(b"location", path.encode()), (b"set-cookie", cookie.encode())]})
        await send({"type": "http.response.body", "body": b""})


async def _read_body(receive) -> bytes | None:
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
        if not message.get("more_body"):
            break
    return b"".join(chunks)


def _replay(body: bytes):
    sent = False

    async def receive():
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}
    return receive


async def _refuse(send, status: int, message: str):
    body = message.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
