"""What stands between the network and the desk (pure ASGI, around the application).

- Every request carries the desk's access token, on every address including loopback (as Jupyter does): once in
  the address (``?token=``, which ``verbale serve`` prints and opens the browser with), then in a cookie named
  for the desk's port. Without it nothing is answered, not even the page that holds the form token, so another
  local user or process cannot read the page and then write.
- On loopback only the desk's own host names are answered (a page elsewhere cannot reach it by DNS rebinding);
  off loopback the token alone decides, so the desk may be reached by any of the machine's names.
- Every request that changes something (POST) carries the page's same-origin token, and an Origin header,
  when the browser sends one, must be the desk's own.
- Request bodies are limited in size: a form's to MAX_BODY, a received file's upload (the register's own pages
  in UPLOADS) to MAX_UPLOAD.
"""
from __future__ import annotations

import hmac
from urllib.parse import parse_qs, urlencode

MAX_BODY = 256 * 1024
MAX_UPLOAD = 32 * 1024 * 1024
UPLOADS = ("/register/incoming", "/register/dispatch")
CSRF_HEADER = b"x-desk-token"
CSRF_FIELD = "_csrf"
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def cookie_name(port: int) -> str:
    """The token's cookie, one per port: cookies are not kept apart by port, two desks on one machine are."""
    return f"verbale_desk_{port}"


class Guard:
    def __init__(self, app, host: str, port: int, csrf: str, token: str):
        if not token:
            raise ValueError("the desk needs an access token")
        self.app, self.csrf, self.token, self.cookie = app, csrf, token, cookie_name(port)
        self.state = app.state
        self.loopback = host in LOOPBACK or host.startswith("127.")
        self.hosts = {f"{name}:{port}".encode() for name in {host, "127.0.0.1", "localhost", "[::1]"}}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {name: value for name, value in scope["headers"]}
        host = headers.get(b"host", b"")
        if self.loopback and host not in self.hosts:
            return await _refuse(send, 421, "This desk answers only at its own address.")
        if not self._has_token(scope, headers):
            return await _refuse(send, 403, "Open the desk with the address `verbale serve` printed when it started "
                                            "(it holds the desk's token).")
        if scope["method"] not in ("GET", "HEAD"):
            origin = headers.get(b"origin")
            own = self.hosts if self.loopback else self.hosts | {host}
            if origin is not None and origin.split(b"//", 1)[-1] not in own:
                return await _refuse(send, 403, "A page of another site cannot change this desk.")
            limit = MAX_UPLOAD if scope.get("path") in UPLOADS else MAX_BODY
            too_large = f"The request is larger than {limit // 1024} KiB."
            try:
                length = int(headers.get(b"content-length", b"0") or 0)
            except ValueError:
                return await _refuse(send, 400, "The request's length is not a number.")
            if length > limit:
                return await _refuse(send, 413, too_large)
            body = await _read_body(receive, limit)
            if body is None:
                return await _refuse(send, 413, too_large)
            if not self._same_origin(headers, body):
                return await _refuse(send, 403, "The page is out of date: reload it (the form token is missing).")
            receive = _replay(body)
        elif _query(scope).get("token"):
            return await self._set_cookie(scope, send)
        return await self.app(scope, receive, send)

    def _has_token(self, scope, headers) -> bool:
        offered = _query(scope).get("token", [""])[0]
        for part in headers.get(b"cookie", b"").decode("latin-1").split(";"):
            name, _, value = part.strip().partition("=")
            if name == self.cookie:
                offered = offered or value
        return bool(offered) and hmac.compare_digest(offered.encode("utf-8", "replace"), self.token.encode())

    def _same_origin(self, headers, body: bytes) -> bool:
        offered = headers.get(CSRF_HEADER, b"").decode("latin-1")
        if not offered and headers.get(b"content-type", b"").startswith(b"application/x-www-form-urlencoded"):
            offered = parse_qs(body.decode("utf-8", "replace")).get(CSRF_FIELD, [""])[0]
        return bool(offered) and hmac.compare_digest(offered.encode("utf-8", "replace"), self.csrf.encode())

    async def _set_cookie(self, scope, send):
        """The token from the address into the cookie, and the address without it (so it is not bookmarked or
        shown in the page's links)."""
        rest = {name: values for name, values in _query(scope).items() if name != "token"}
        location = scope.get("path", "/") + (f"?{urlencode(rest, doseq=True)}" if rest else "")
        if not location.startswith("/") or location.startswith("//"):
            location = "/"
        cookie = f"{self.cookie}={self.token}; HttpOnly; SameSite=Strict; Path=/"
        await send({"type": "http.response.start", "status": 303,
                    "headers": [(b"location", location.encode("utf-8")), (b"set-cookie", cookie.encode()),
                                (b"content-length", b"0")]})
        await send({"type": "http.response.body", "body": b""})


def _query(scope) -> dict:
    return parse_qs(scope.get("query_string", b"").decode("latin-1"))


async def _read_body(receive, limit: int = MAX_BODY) -> bytes | None:
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
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
