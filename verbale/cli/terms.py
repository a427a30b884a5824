"""``verbale terms check|show``: the workspace's termbase (with the built-in one under it), checked and shown.

Problems go to stderr, one line each (``FILE:LINE: KEY: problem (hint)``); forms to stdout.
Exit status: 0 clean, 1 problems, 2 bad usage (NOTE-SPEC §4, §9).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import NoteError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
CONFIRM_HOW = ("To confirm a form: if it is right, write it under its entry in termbase/<lang>/terms.yaml (as "
               "`dat: …`; a list form line by line), or correct it there; a written form is used as written and no "
               "longer listed here. The desk's Names page (verbale serve) writes a new entry's forms so.")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="verbale terms", description="Check or show the entries of the termbase: the "
                                "workspace's termbase/ over the built-in one.")
    sub = p.add_subparsers(dest="action", metavar="ACTION")
    check = sub.add_parser("check", help="check every entry in every language of the workspace, and the "
                                         "workspace's own formulas (termbase/<lang>/formulas.yaml); show the "
                                         "forms derived for the workspace's entries, to confirm")
    check.add_argument("-q", "--quiet", action="store_true", help="only the problems")
    show = sub.add_parser("show", help="print one entry's forms in every language")
    show.add_argument("key", help="termbase key, e.g. astana")
    for each in (check, show):
        each.add_argument("--workspace", metavar="DIR", default=None,
                          help="the workspace (default: the first verbale.yaml from here upward)")
    return p


def _workspace(explicit: str | None):
    from ..facts.workspace import CONFIG_FILE, Workspace, load_workspace, workspace_root

    if explicit is not None:
        if not (Path(explicit) / CONFIG_FILE).is_file():
            raise NoteError(f"no {CONFIG_FILE} in {explicit}", field="--workspace",
                            hint=f"make a workspace with `verbale init {explicit}`", file=explicit, line=1)
        return load_workspace(Path(explicit))
    root = workspace_root(Path.cwd())
    return load_workspace(root) if root else Workspace(None)


def _value(value) -> str:
    return " / ".join(value) if isinstance(value, list) else str(value)


def _print_forms(termbase, key: str, languages: list[str], only_derived: bool = False) -> None:
    from ..facts.termcheck import entry_forms

    for lang in languages:
        try:
            rows = entry_forms(termbase, key, lang)
        except NoteError:
            continue
        for form, value, how in rows:
            if only_derived and how == "written":
                continue
            mark = "" if how == "written" else f"  [{how}]"
            print(f"  {lang} {form}: {_value(value)}{mark}")


def check(args) -> int:
    from ..compose.formulas import check_formulas
    from ..facts.termcheck import check_termbase, termbase_hints
    from ..facts.workspace import default_problems

    workspace = _workspace(args.workspace)
    termbase = workspace.termbase
    languages = workspace.config.get("languages") or termbase.languages
    problems = (termbase.left_out + default_problems(workspace) + check_termbase(termbase, languages)
                + check_formulas(termbase, languages))
    hints = termbase_hints(termbase, languages)
    if not args.quiet and workspace.root is not None:
        own = [key for key, folder in termbase.origin.items() if folder == termbase.workspace_root]
        for key in own:
            print(f"{key} ({', '.join(termbase.kinds(key)) or 'no kind'}): forms the tool derives, to confirm")
            _print_forms(termbase, key, languages, only_derived=True)
        if own:
            print(CONFIRM_HOW)
    for problem in problems + hints:
        print(problem, file=sys.stderr)
    entries = len(set(termbase.entries) | {k for lang in languages for k in termbase.forms.get(lang, {})})
    confirm = f", {len(hints)} to confirm" if hints else ""
    print(f"{entries} entries in {', '.join(languages)}: {len(problems)} problems{confirm}")
    return EXIT_FAILED if problems else EXIT_OK


def show(args) -> int:
    workspace = _workspace(args.workspace)
    termbase = workspace.termbase
    if args.key not in termbase.entries and not any(args.key in f for f in termbase.forms.values()):
        try:
            termbase.require(args.key, ("sender", "recipient", "authority", "body", "place", "group", "person"), "KEY")
        except NoteError as exc:
            raise exc.located("(command line)", 1) from None
    entry = termbase.entries.get(args.key, {})
    facts = ", ".join(f"{name}: {value}" for name, value in entry.items())
    from ..facts.termbase import display_path

    origin = termbase.origin.get(args.key)
    print(f"{args.key} ({facts}) from {display_path(origin) if origin else 'nowhere'}")
    _print_forms(termbase, args.key, workspace.config.get("languages") or termbase.languages)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    if args.action is None:
        p.print_usage(sys.stderr)
        print("verbale terms: error: name an action: check or show", file=sys.stderr)
        return EXIT_USAGE
    try:
        return check(args) if args.action == "check" else show(args)
    except NoteError as exc:
        for line in getattr(exc, "errors", [exc]):
            print(line, file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # noqa: BLE001 - a clerk never sees a traceback
        from .generate import internal_error
        print(internal_error(Path("(termbase)"), exc), file=sys.stderr)
        return EXIT_FAILED
