"""The command line ``verbale``: one subcommand per task, each calling the same core.

Only the front ends turn errors into lines and exit codes (NOTE-SPEC §4, §9).
"""
from __future__ import annotations

import sys

USAGE = """usage: verbale COMMAND [ARGS...]   (verbale --version: the version)

commands:
  generate   write the notes of specs as DOCX (python generate.py means verbale generate)
  init       make a workspace: verbale.yaml, a termbase/ with the sender to fill in, a sample spec
  terms      check the termbase (terms check) or show one entry's forms (terms show KEY)
  serve      the clerk's desk: a form with a live trilingual preview in the browser
  register   the register: list, show, cancel, dispatch, export (show and export take incoming notes too)
  incoming   the notes received: add (prints its id in-YEAR-N), list [--open] [--overdue] [--text], show
  reply      the spec of a reply to an incoming note: reply in-2026-7 [-o notes/NAME.yaml]
  sign       sign the PDFs of a registered note with the office's certificate (verbale[sign])
  verify     say whether a PDF or DOCX is a note the register holds, and who signed it

'verbale COMMAND --help' tells more."""

COMMANDS = {
    "generate": "verbale.cli.generate",
    "init": "verbale.cli.init",
    "terms": "verbale.cli.terms",
    "serve": "verbale.cli.serve",
    "register": "verbale.cli.register",
    "incoming": "verbale.cli.incoming",
    "reply": "verbale.cli.reply",
    "sign": "verbale.cli.sign",
    "verify": "verbale.cli.verify",
}


def version() -> str:
    """The installed distribution's version (pyproject.toml's, in a checkout run without installing)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("verbale")
    except PackageNotFoundError:
        import re
        from pathlib import Path

        project = Path(__file__).resolve().parents[2] / "pyproject.toml"
        found = re.search(r'^version = "([^"]+)"', project.read_text(encoding="utf-8"), re.M) if project.is_file() else None
        return found.group(1) if found else "unknown"


def main(argv: list[str] | None = None) -> int:
    from importlib import import_module

    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] in (["--version"], ["-V"]):
        print(f"verbale {version()}")
        return 0
    if not argv or argv[0] in ("-h", "--help"):
        print(USAGE, file=sys.stdout if argv else sys.stderr)
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    if command not in COMMANDS:
        print(f"verbale: error: unknown command '{command}' (one of: {', '.join(COMMANDS)})", file=sys.stderr)
        return 2
    return import_module(COMMANDS[command]).main(rest)
