"""``verbale serve``: the clerk's desk in the browser (a local web server).

The desk answers only requests that carry its token, on every address including loopback (as Jupyter does):
the address it prints holds the token, and the browser it opens is given that address; the desk then keeps
the token in a cookie. The port is taken before anything is printed, so a port in use is said in one line
(with what to do) instead of a traceback after another server's address.
"""
from __future__ import annotations

import argparse
import errno
import ipaddress
import os
import secrets
import socket
import sys
from pathlib import Path

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="verbale serve", description="The clerk's desk: a form with a live "
                                "trilingual preview in the browser, over the specs of a workspace. It prints its "
                                "address (which holds the desk's token) and opens it in the browser.")
    p.add_argument("--workspace", default=".", help="the workspace folder (default: this folder)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1, this computer only)")
    p.add_argument("-o", "--out", default=None, help="output folder for generated files (default: WORKSPACE/out)")
    p.add_argument("--no-browser", action="store_true", help="print the address only; do not open the browser")
    return p


def _is_loopback(host: str) -> bool:
    try:
        return host in LOOPBACK or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _listen(host: str, port: int) -> socket.socket:
    """The desk's listening socket (OSError where the address cannot be had)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    infos = socket.getaddrinfo(host, port, family if host not in ("localhost",) else socket.AF_UNSPEC,
                               socket.SOCK_STREAM)
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        if os.name != "nt":  # Windows' SO_REUSEADDR would let two servers share the port
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


def _port_problem(exc: OSError, host: str, port: int) -> str:
    if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)) or getattr(exc, "winerror", None) == 10048:
        return (f"verbale serve: port {port} is in use by another program (perhaps a desk started earlier: open the "
                f"address it printed, or stop it with Ctrl-C in its window); or start this desk on another port: "
                f"verbale serve --port {port + 1}")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"verbale serve: port {port} needs privileges here; use a port above 1024, e.g. --port 8765"
    return f"verbale serve: cannot listen on {host} port {port}: {exc.strerror or exc} (check --host)"


def _can_open_browser() -> bool:
    """A browser can be opened: Windows and macOS always; elsewhere only with a display (or $BROWSER), so that a
    server without one never starts a text browser in the terminal."""
    return sys.platform in ("win32", "darwin") or any(os.environ.get(name) for name in
                                                       ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"))


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    root = Path(args.workspace)
    if not root.is_dir():
        print(f"{args.workspace}:1: (workspace): no such folder (name a workspace folder, or make one with "
              f"`verbale init {args.workspace}`)", file=sys.stderr)
        return EXIT_USAGE
    if not 0 < args.port < 65536:
        print("verbale serve: error: --port takes 1 to 65535", file=sys.stderr)
        return EXIT_USAGE
    from ..facts.workspace import workspace_root

    try:
        sock = _listen(args.host, args.port)
    except (OSError, UnicodeError) as exc:
        print(_port_problem(exc, args.host, args.port) if isinstance(exc, OSError)
              else f"verbale serve: '{args.host}' is not an address (check --host)", file=sys.stderr)
        return EXIT_FAILED
    import uvicorn

    from ..desk.app import create_app

    token = secrets.token_urlsafe(24)
    app = create_app(root, Path(args.out) if args.out else None, host=args.host, port=args.port, token=token)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    address = f"http://{shown}:{args.port}/?token={token}"
    if workspace_root(root) is None:
        print(f"note: {root.resolve()} is not a workspace (no verbale.yaml here or above): the desk shows its specs "
              f"with the built-in names only; `verbale init DIR` makes a workspace", flush=True)
    if not _is_loopback(args.host):
        print(f"note: the desk listens on {args.host}: anyone who has this address (it holds the token) can use it",
              flush=True)
    print(f"verbale desk on {address} (Ctrl-C stops it)", flush=True)
    if not args.no_browser and _can_open_browser():
        import webbrowser

        try:
            webbrowser.open(address, new=2)
        except Exception:  # noqa: BLE001 - no browser: the printed address is enough
            pass
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    return EXIT_OK
