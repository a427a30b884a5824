"""``verbale serve``: the clerk's desk in the browser (a local web server)."""
from __future__ import annotations

import argparse
import ipaddress
import secrets
import sys
from pathlib import Path

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="verbale serve", description="The clerk's desk: a form with a live "
                                "trilingual preview in the browser, over the specs of a workspace.")
    p.add_argument("--workspace", default=".", help="the workspace folder (default: this folder)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1; any other requires the printed token)")
    p.add_argument("-o", "--out", default=None, help="output folder for generated files (default: WORKSPACE/out)")
    return p


def _is_loopback(host: str) -> bool:
    try:
        return host in LOOPBACK or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    root = Path(args.workspace)
    if not root.is_dir():
        print(f"{args.workspace}:1: (workspace): no such folder (name a workspace folder)", file=sys.stderr)
        return 2
    if not 0 < args.port < 65536:
        print("verbale serve: error: --port takes 1 to 65535", file=sys.stderr)
        return 2
    import uvicorn

    from ..desk.app import create_app

    token = None if _is_loopback(args.host) else secrets.token_urlsafe(24)
    app = create_app(root, Path(args.out) if args.out else None, host=args.host, port=args.port, token=token)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    address = f"http://{shown}:{args.port}/" + (f"?token={token}" if token else "")
    print(f"verbale desk on {address} (Ctrl-C stops it)", flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
