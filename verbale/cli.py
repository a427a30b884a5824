"""The command line (NOTE-SPEC §4).  The only place where errors become lines and exit codes."""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from pathlib import Path

from .errors import NoteError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
LOG_FILE = "verbale-error.log"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="generate.py", description="Trilingual notes verbales from YAML specs.")
    p.add_argument("specs", nargs="*", metavar="SPEC_OR_FOLDER", help="spec files, or folders of *.yaml")
    p.add_argument("-o", "--out", default="out", help="output folder (default: out/)")
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: the number of CPUs)")
    p.add_argument("--force", action="store_true", help="overwrite output files that differ")
    p.add_argument("--check", action="store_true", help="validate and cross-check; write nothing")
    p.add_argument("--strict", action="store_true", help="disagreements and lint warnings fail the spec")
    p.add_argument("--schema", action="store_true", help="print the JSON Schema of the spec and exit")
    p.add_argument("-v", "--verbose", action="store_true", help="more detail")
    return p


def collect(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Spec files named or found in folders (sorted), and a line for each path that is neither."""
    specs, problems = [], []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            specs += sorted(p for p in path.glob("*.yaml") if p.is_file())
        elif path.is_file():
            specs.append(path)
        else:
            problems.append(f"{name}:1: (file): no such file or folder (check the path)")
    return specs, problems


def error_lines(exc: NoteError) -> list[str]:
    return [str(e) for e in getattr(exc, "errors", [exc])]


def internal_error(spec: Path, exc: BaseException) -> str:
    with open(LOG_FILE, "a", encoding="utf-8") as log:
        log.write(f"--- {spec}\n{''.join(traceback.format_exception(exc))}\n")
    return (f"{spec}:1: (internal): unexpected error {type(exc).__name__} "
            f"(please report it with {os.path.abspath(LOG_FILE)})")


def run_one(spec: Path, out: Path, force: bool, check_only: bool, strict: bool) -> tuple[int, list[str], list[str]]:
    """Build one spec: (files written, warning lines, error lines).  Never raises."""
    from .build import build, write_outputs

    try:
        built = build(spec)
        if strict and built.warnings:
            return 0, [], built.warnings
        if check_only:
            return 0, built.warnings, []
        return len(write_outputs(built, out, force)), built.warnings, []
    except NoteError as exc:
        return 0, [], error_lines(exc)
    except Exception as exc:  # noqa: BLE001 - a clerk never sees a traceback
        return 0, [], [internal_error(spec, exc)]


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.schema:
        from .schema import spec_schema
        print(json.dumps(spec_schema(), ensure_ascii=False, indent=2))
        return EXIT_OK
    if not args.specs:
        parser().print_usage(sys.stderr)
        print("generate.py: error: name at least one spec or folder", file=sys.stderr)
        return EXIT_USAGE
    if args.jobs is not None and args.jobs < 1:
        print("generate.py: error: --jobs takes a whole number from 1", file=sys.stderr)
        return EXIT_USAGE
    specs, missing = collect(args.specs)
    for line in missing:
        print(line, file=sys.stderr)
    started, written, failed = time.perf_counter(), 0, [Path(m.split(":")[0]) for m in missing]
    for spec in specs:
        count, warnings, errors = run_one(spec, Path(args.out), args.force, args.check, args.strict)
        written += count
        for line in warnings:
            print(f"warning: {line}" if not line.startswith("warning") else line, file=sys.stderr)
        for line in errors:
            print(line, file=sys.stderr)
        if errors:
            failed.append(spec)
    summary = f"{len(specs)} notes, {written} files written, {len(failed)} failed in {time.perf_counter() - started:.1f} s"
    if failed:
        summary += ": " + ", ".join(str(f) for f in failed)
    print(summary, file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK
