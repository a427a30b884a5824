"""The command line (NOTE-SPEC §4).  The only place where errors become lines and exit codes.

Problems go to stderr, one line each; progress and the summary go to stdout.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import time
import traceback
from pathlib import Path

from .errors import NoteError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
LOG_FILE = "verbale-error.log"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="generate.py", description="Trilingual notes verbales from YAML specs.")
    p.add_argument("specs", nargs="*", metavar="SPEC_OR_FOLDER", help="spec files, or folders of *.yaml")
    p.add_argument("-o", "--out", default="out", help="output folder (default: out/)")
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: the number of CPUs)")
    p.add_argument("--force", action="store_true", help="overwrite output files that differ")
    p.add_argument("--check", action="store_true",
                   help="validate and cross-check the language versions; write nothing; exit 1 if they disagree")
    p.add_argument("--strict", action="store_true", help="disagreements and lint warnings fail the spec")
    p.add_argument("--schema", action="store_true", help="print the JSON Schema of the spec and exit")
    p.add_argument("-v", "--verbose", action="store_true", help="a line per spec; details of internal errors")
    return p


def collect(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Spec files named or found in folders (sorted, each once), and a line for each path that is neither."""
    specs: list[Path] = []
    problems = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.glob("*.yaml") if p.is_file())
        elif path.is_file():
            found = [path]
        else:
            found = []
            problems.append(f"{name}:1: (file): no such file or folder (check the path)")
        specs += [p for p in found if p not in specs]
    return specs, problems


def error_lines(exc: NoteError) -> list[str]:
    return [str(e) for e in getattr(exc, "errors", [exc])]


def internal_error(spec: Path, exc: BaseException) -> str:
    try:
        with open(LOG_FILE, "a", encoding="utf-8") as log:
            log.write(f"--- {spec}\n{''.join(traceback.format_exception(exc))}\n")
        where = os.path.abspath(LOG_FILE)
    except OSError:
        where = "the message above"
    return f"{spec}:1: (internal): unexpected error {type(exc).__name__}: {exc} (please report it with {where})"


def build_one(spec: Path, strict: bool):
    """Build one spec in any process: (Built or None, warning lines, error lines).  Never raises."""
    from .build import build

    try:
        built = build(spec)
    except NoteError as exc:
        return None, [], error_lines(exc)
    except Exception as exc:  # noqa: BLE001 - a clerk never sees a traceback
        return None, [], [internal_error(spec, exc)]
    if strict and built.warnings:
        return None, [], [f"{w} [--strict]" for w in built.warnings]
    return built, built.warnings, []


def write_one(built, out: Path, force: bool) -> tuple[int, list[str]]:
    from .build import write_outputs

    try:
        return len(write_outputs(built, out, force)), []
    except NoteError as exc:
        return 0, error_lines(exc)


class Progress:
    """A bar on a terminal; otherwise a plain line at every tenth of the batch."""

    def __init__(self, total: int):
        self.total, self.done, self.bar, self.next_mark = total, 0, None, 0.1
        if total > 1 and sys.stdout.isatty():
            from tqdm import tqdm
            self.bar = tqdm(total=total, unit="note", file=sys.stdout, leave=False)

    def step(self) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update()
        elif self.total > 1 and self.done / self.total >= self.next_mark - 1e-9:
            print(f"progress: {self.done}/{self.total} specs", flush=True)
            while self.next_mark <= self.done / self.total + 1e-9:
                self.next_mark += 0.1

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _results(specs: list[Path], jobs: int, strict: bool):
    """(spec, result of build_one) as they come: in this process for one job, else in worker processes."""
    if jobs <= 1 or len(specs) <= 1:
        for spec in specs:
            yield spec, build_one(spec, strict)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(build_one, spec, strict): spec for spec in specs}
        try:
            for future in as_completed(futures):
                yield futures[future], future.result()
        finally:
            for future in futures:
                future.cancel()


def _terminate(signum, frame):  # SIGTERM: unwind like Ctrl-C so no temporary file is left behind
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.schema:
        from .schema import schema_text
        sys.stdout.write(schema_text())
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
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _terminate)
    started, written, notes, failed = time.perf_counter(), 0, 0, [m.split(":1:")[0] for m in missing]
    progress = Progress(len(specs))
    try:
        for spec, (built, warnings, errors) in _results(specs, args.jobs or os.cpu_count() or 1, args.strict):
            notes += built.notes if built is not None else 0
            if built is not None and not args.check:
                count, write_errors = write_one(built, Path(args.out), args.force)
                written, errors = written + count, errors + write_errors
            for line in warnings:
                print(f"{line} [warning]", file=sys.stderr)
            for line in errors:
                print(line, file=sys.stderr)
            if errors or (args.check and built is not None and built.disagreements):
                failed.append(str(spec))
            if args.verbose:
                print(f"{spec}: {'failed' if errors else 'ok'}")
            progress.step()
    except KeyboardInterrupt:
        progress.close()
        print(f"interrupted after {progress.done} of {len(specs)} specs; every file written is whole "
              "(run the same command again to finish)", file=sys.stderr)
        return EXIT_INTERRUPTED
    progress.close()
    elapsed = time.perf_counter() - started
    summary = f"{notes} notes, {written} files written, {len(failed)} failed in {elapsed:.1f} s"
    print(summary + (": " + ", ".join(failed) if failed else ""))
    return EXIT_FAILED if failed else EXIT_OK
