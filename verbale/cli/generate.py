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

from ..errors import NoteError
from . import workers
from .lines import append_log, printable, say, setup_console, silence_stdout

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
LOG_FILE = "verbale-error.log"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="verbale generate", description="Trilingual notes verbales from YAML specs.")
    p.add_argument("specs", nargs="*", metavar="SPEC_OR_FOLDER", help="spec files, or folders of *.yaml and *.yml (in any case)")
    p.add_argument("-o", "--out", default="out", help="output folder (default: out/)")
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: the number of CPUs)")
    p.add_argument("--force", action="store_true", help="overwrite output files that differ")
    p.add_argument("--check", action="store_true",
                   help="validate and cross-check the language versions; write nothing; exit 1 if they disagree")
    p.add_argument("--strict", action="store_true", help="disagreements and lint warnings fail the spec")
    p.add_argument("--schema", action="store_true", help="print the JSON Schema of the spec and exit")
    p.add_argument("--workspace", metavar="DIR", default=None,
                   help="the workspace (a folder with verbale.yaml) of every spec; default: the first "
                        "verbale.yaml from each spec's folder upward")
    p.add_argument("--pdf", nargs="?", const="plain", default=None, metavar="archive",
                   help="also a PDF beside each DOCX, made by LibreOffice (your own office kept warm by the desk "
                        "or `python -m verbale.office`, when one runs); `--pdf archive` makes PDF/A-2b")
    p.add_argument("--draft", action="store_true",
                   help="drafts: no number taken from the register, no number line, DRAFT / ПРОЕКТ / ЖОБА at the top "
                        "of every page")
    p.add_argument("-v", "--verbose", action="store_true", help="a line per spec; details of internal errors")
    return p


def collect(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Spec files named or found in folders (sorted, each once), and a line for each path that gives none:
    a missing path, a folder without specs, a link to nothing or a loop of links.  In a folder, specs are found
    by their extension in any case (``E.YAML``, ``f.Yml``) on every system; a link to outside the folder's
    workspace (or, without one, the folder), a FIFO or a folder named like a spec is left out with a line."""
    from ..facts.folders import spec_files
    from ..facts.workspace import workspace_root

    specs: list[Path] = []
    problems = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            root = workspace_root(path)
            found = spec_files(path, root or path, "the workspace" if root else "the folder")
            problems += found.lines()
            if not found.files and not found.left_out:
                problems.append(f"{name}:1: (file): no specs (*.yaml, *.yml) in this folder (check the path)")
            found = found.files
        elif path.is_file():
            found = [path]
        elif path.is_symlink():
            found = []
            problems.append(f"{name}:1: (file): a link to nothing or a loop of links (fix or delete the link)")
        else:
            found = []
            problems.append(f"{name}:1: (file): no such file or folder (check the path)")
        specs += [p for p in found if p not in specs]
    return specs, problems


def error_lines(exc: NoteError) -> list[str]:
    return [str(e) for e in getattr(exc, "errors", [exc])]


def _log_record(spec: Path, exc: BaseException) -> str:
    """The log entry: the stack (our own code) as Python writes it, everything else escaped."""
    chunks = traceback.format_exception(exc)
    body = "".join(chunk if chunk.startswith("  File ") else printable(chunk.rstrip("\n")) + "\n" for chunk in chunks)
    return f"--- {printable(str(spec))}\n{body}\n"


def internal_error(spec: Path, exc: BaseException) -> str:
    where = os.path.abspath(LOG_FILE) if append_log(LOG_FILE, _log_record(spec, exc)) else "the message above"
    return f"{spec}:1: (internal): unexpected error {type(exc).__name__}: {exc} (please report it with {where})"


def process_one(spec: Path, out: Path, force: bool, check_only: bool, strict: bool,
                workspace: str | None = None, draft: bool = False, turn=None):
    """Build one spec and write its files, in any process: (notes, files written, lines, failed, docx), where
    docx maps each DOCX now in the output folder to whether this run wrote it.  ``turn`` (a batch's worker):
    the spec's turn to take a number, in the order of the command line (workers.Turns); passed on in any case.
    Never raises: every problem is a line; warnings end in [warning], and fail the spec only under --strict
    (and disagreements under --check)."""
    from ..build import build
    from ..facts.workspace import find_workspace
    from ..register.outgoing import write_registered  # plain writing where the workspace keeps no register

    spec = Path(spec)
    found = None
    try:
        found = find_workspace(spec, workspace)
        built = build(spec, workspace=found, draft=draft)
        if strict and built.warnings:
            return 0, 0, [f"{w} [--strict]" for w in built.warnings], True, {}
        written = write_registered(built, out, force, check_only, turn=turn)
        docx = {} if check_only else {name: name in written for name in built.files if name.endswith(".docx")}
        lines = [f"{w} [warning]" for w in built.warnings]
        return built.notes, len(written), lines, check_only and bool(built.disagreements), docx
    except NoteError as exc:  # what the workspace's termbase left out may be why
        left_out = [f"{line} [warning]" for line in (found.termbase.left_out if found else [])]
        return 0, 0, left_out + error_lines(exc), True, {}
    except Exception as exc:  # noqa: BLE001 - a clerk never sees a traceback
        return 0, 0, [internal_error(spec, exc)], True, {}
    finally:
        if turn is not None:
            turn.done()   # failed, typed, a draft, or numbered: the next spec may take its number


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


def process_many(specs: list[Path], *task) -> list:
    """A worker's task: its specs one after the other, stopping between two when asked (the specs left take
    no number: their turns pass)."""
    results = []
    for offset, spec in enumerate(specs):
        turn = workers.turn(offset)
        if workers.STOP.is_set():
            for left in range(offset, len(specs)):
                if (turn := workers.turn(left)) is not None:
                    turn.done()
            break
        results.append(process_one(spec, *task, turn=turn))
    return results


def died(spec: Path) -> tuple:
    return 0, 0, [workers.died_line(spec)], True, {}


def collision_line(spec: Path, other: Path) -> str:
    return (f"{spec}:1: (output): its files would have the same names as those of {other} "
            "(rename one of them; names differing only in case, spaces or a dot-part collide)")


class StopRequest:
    """Ctrl-C or SIGTERM asks the batch to stop: the spec in hand is finished, no new one is started, so no
    file is ever cut short.  A second one ends the run at once (``Abort``); the next run removes what was
    left half-written."""

    def __init__(self):
        self.asked = False
        self.on_first = lambda: None
        self.previous: dict = {}

    def __call__(self, signum, frame) -> None:
        if self.asked:
            raise workers.Abort()
        self.asked = True
        self.on_first()

    def __enter__(self) -> "StopRequest":
        for name in ("SIGINT", "SIGTERM"):
            try:
                self.previous[name] = signal.signal(getattr(signal, name), self)
            except (AttributeError, ValueError):  # no such signal here, or not the main thread
                pass
        return self

    def __exit__(self, *exc) -> None:
        for name, handler in self.previous.items():
            signal.signal(getattr(signal, name), handler)


def write_pdfs(made_docx: dict[Path, tuple[Path, bool]], archive: bool, record: bool = False,
               workspace: str | None = None) -> tuple[int, list[str]]:
    """A PDF beside each DOCX of the batch that needs one, all made by one office process: (PDFs written,
    specs that failed). A problem is one line per file; the DOCX files stay written.  A PDF's name held by
    something other than a regular file (a link, a FIFO, a device) is never opened or replaced.  With
    ``record``, each PDF written is recorded with its SHA-256 under its spec's number, where the spec's
    workspace keeps a register."""
    from ..pdf import PdfError, convert, pdf_path, stale, write_pdf

    wanted, failures = [], {}
    for docx, (_, fresh) in made_docx.items():
        try:
            if stale(docx, fresh, archive):
                wanted.append(docx)
        except PdfError as exc:
            failures[docx] = exc
    try:
        conversion = convert(wanted, archive) if wanted else None
    except PdfError as exc:
        conversion = None
        failures.update({docx: exc for docx in wanted})
    else:
        failures.update(conversion.failures if conversion else {})
    written, made = 0, {}
    for docx, data in (conversion.pdfs.items() if conversion else ()):
        try:
            write_pdf(pdf_path(docx), data)
            written += 1
            made.setdefault(made_docx[docx][0], {})[pdf_path(docx).name] = data
        except PdfError as exc:
            failures[docx] = exc
        except OSError as exc:
            failures[docx] = PdfError(f"cannot write {pdf_path(docx)}: {exc.strerror}", field="(pdf)",
                                      hint="close it in any program that has it open, or run again")
    for docx, exc in failures.items():
        problem = exc.problem if docx.name in exc.problem else f"{exc.problem}; no PDF for {docx.name}"
        say(PdfError(problem, field="(pdf)", hint=exc.hint, file=str(made_docx[docx][0]), line=1), sys.stderr)
    failed = {str(made_docx[docx][0]) for docx in failures}
    for spec, pdfs in made.items() if record else ():
        from ..register.outgoing import record_made_files

        try:
            record_made_files(spec, pdfs, workspace)
        except NoteError as exc:
            say(exc, sys.stderr)
            failed.add(str(spec))
    return written, sorted(failed)


def pdf_usage_problem(args) -> str:
    """A line if ``--pdf`` cannot work as set up (``VERBALE_PDF_TIMEOUT`` is not a number of seconds), found
    before any spec is built."""
    if not args.pdf or args.check:
        return ""
    from ..pdf import PdfError, time_limit

    try:
        time_limit(1)
    except PdfError as exc:
        return f"verbale generate: error: {exc.problem} ({exc.hint})"
    return ""


def _pdf_option(args) -> None:
    """``--pdf notes/`` means a plain PDF for notes/: a value that is not a PDF kind is a spec or folder."""
    if args.pdf not in (None, "plain", "archive"):
        args.specs.insert(0, args.pdf)
        args.pdf = "plain"


def main(argv: list[str] | None = None) -> int:
    setup_console()
    try:
        return run(argv)
    except BrokenPipeError:  # `generate.py ... | head`
        silence_stdout()
        return EXIT_FAILED


def run(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    _pdf_option(args)
    if args.schema:
        from ..facts.schema import schema_text
        sys.stdout.write(schema_text())
        return EXIT_OK
    if not args.specs:
        parser().print_usage(sys.stderr)
        say("verbale generate: error: name at least one spec or folder", sys.stderr)
        return EXIT_USAGE
    if args.jobs is not None and args.jobs < 1:
        say("verbale generate: error: --jobs takes a whole number from 1", sys.stderr)
        return EXIT_USAGE
    if args.workspace is not None and not (Path(args.workspace) / "verbale.yaml").is_file():
        print(f"{args.workspace}:1: --workspace: no verbale.yaml in {args.workspace} "
              f"(make a workspace with `verbale init {args.workspace}`)", file=sys.stderr)
        return EXIT_USAGE
    if problem := pdf_usage_problem(args):
        say(problem, sys.stderr)
        return EXIT_USAGE
    specs, missing = collect(args.specs)
    for line in missing:
        say(line, sys.stderr)
    started, written, notes, failed = time.perf_counter(), 0, 0, [m.split(":1:")[0] for m in missing]
    from ..build import colliding_outputs
    from ..files import remove_stale_parts

    collisions = {} if args.check else colliding_outputs(specs)
    for spec, other in collisions.items():
        say(collision_line(spec, other), sys.stderr)
        failed.append(str(spec))
    # kept as text: a Path costs some 350 bytes, a batch of 10,000 specs 3.6 MB (memory stays flat, issue #28)
    specs = [str(spec) for spec in specs if spec not in collisions]
    progress, made_docx = Progress(len(specs)), {}
    task = (Path(args.out), args.force, args.check, args.strict, args.workspace, args.draft)
    if not args.check:
        remove_stale_parts(Path(args.out))
    with StopRequest() as stop:
        batch = workers.Batch(specs, args.jobs or os.cpu_count() or 1, task, process_many, died)
        stop.on_first = batch.ask_to_stop
        try:
            for spec, (count, files, lines, spec_failed, docx) in batch.results():
                notes, written = notes + count, written + files
                if args.pdf:  # kept only for the PDFs: a batch without them keeps nothing per note
                    made_docx.update({Path(args.out) / name: (spec, fresh) for name, fresh in docx.items()})
                for line in lines:
                    say(line, sys.stderr)
                if spec_failed:
                    failed.append(str(spec))
                if args.verbose:
                    say(f"{spec}: {'failed' if spec_failed else 'ok'}")
                progress.step()
                if stop.asked:
                    break
        except workers.Abort:
            batch.kill()
            progress.close()
            say(f"stopped at once after {progress.done} of {len(specs)} specs; {written} files written "
                "(run the same command again to finish)", sys.stderr)
            return EXIT_INTERRUPTED
        finally:
            batch.close()
            if not args.check:  # what a worker killed mid-write left behind (its process is gone now)
                remove_stale_parts(Path(args.out))
        if stop.asked:
            progress.close()
            say(f"interrupted after {progress.done} of {len(specs)} specs; {written} files written, every one "
                "whole (run the same command again to finish)", sys.stderr)
            return EXIT_INTERRUPTED
    progress.close()
    if args.pdf and not args.check:
        try:
            pdf_written, pdf_failed = write_pdfs(made_docx, args.pdf == "archive", not args.draft, args.workspace)
        except KeyboardInterrupt:
            say(f"interrupted while making the PDFs; {written} files written before, every one whole (run the same "
                "command again to make the PDFs)", sys.stderr)
            return EXIT_INTERRUPTED
        written += pdf_written
        failed += [spec for spec in pdf_failed if spec not in failed]
    elapsed = time.perf_counter() - started
    summary = f"{notes} notes, {written} files written, {len(failed)} failed in {elapsed:.1f} s"
    say(summary + (": " + ", ".join(failed) if failed else ""))
    return EXIT_FAILED if failed else EXIT_OK
