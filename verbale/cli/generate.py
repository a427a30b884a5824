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
    p.add_argument("--workspace", metavar="DIR", default=None,
                   help="the workspace (a folder with verbale.yaml) of every spec; default: the first "
                        "verbale.yaml from each spec's folder upward")
    p.add_argument("--pdf", nargs="?", const="plain", default=None, metavar="archive",
                   help="also a PDF beside each DOCX, made by LibreOffice; `--pdf archive` makes PDF/A-2b")
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


def process_one(spec: Path, out: Path, force: bool, check_only: bool, strict: bool,
                workspace: str | None = None):
    """Build one spec and write its files, in any process: (notes, files written, lines, failed, docx), where
    docx maps each DOCX now in the output folder to whether this run wrote it.
    Never raises: every problem is a line; warnings end in [warning], and fail the spec only under --strict
    (and disagreements under --check)."""
    from ..build import build
    from ..facts.workspace import find_workspace
    from ..register.outgoing import write_registered  # plain writing where the workspace keeps no register

    try:
        built = build(spec, workspace=find_workspace(spec, workspace))
        if strict and built.warnings:
            return 0, 0, [f"{w} [--strict]" for w in built.warnings], True, {}
        written = write_registered(built, out, force, check_only)
        docx = {} if check_only else {name: name in written for name in built.files if name.endswith(".docx")}
        lines = [f"{w} [warning]" for w in built.warnings]
        return built.notes, len(written), lines, check_only and bool(built.disagreements), docx
    except NoteError as exc:
        return 0, 0, error_lines(exc), True, {}
    except Exception as exc:  # noqa: BLE001 - a clerk never sees a traceback
        return 0, 0, [internal_error(spec, exc)], True, {}


def _quiet_worker() -> None:
    """Workers leave interruptions to the main process, which stops handing out work: the spec in hand is
    finished (its files written whole) and nothing more is started."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)


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
    return [process_one(spec, *task) for spec in specs]


def _results(specs: list[Path], jobs: int, task: tuple):
    """(spec, result of process_one) as they come: in this process for one job, else in worker processes,
    a few specs to a task so that handing out work costs little beside the work."""
    if jobs <= 1 or len(specs) <= 1:
        for spec in specs:
            yield spec, process_one(spec, *task)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    size = max(1, min(16, len(specs) // (jobs * 8)))
    chunks = [specs[i:i + size] for i in range(0, len(specs), size)]
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), initializer=_quiet_worker)
    try:
        futures = {pool.submit(process_many, chunk, *task): chunk for chunk in chunks}
        for future in as_completed(futures):
            yield from zip(futures[future], future.result())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class StopRequest:
    """Ctrl-C or SIGTERM asks the batch to stop: the spec in hand is finished, no new one is started, so no
    file is ever cut short (an exception raised inside a write could leave a temporary file behind)."""

    def __init__(self):
        self.asked = False
        self.previous: dict = {}

    def __call__(self, signum, frame) -> None:
        self.asked = True

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


def write_pdfs(made_docx: dict[Path, tuple[Path, bool]], archive: bool) -> tuple[int, list[str]]:
    """A PDF beside each DOCX of the batch that needs one, all made by one office process: (PDFs written,
    specs that failed). A problem is one line per file; the DOCX files stay written."""
    from ..files import write_atomic
    from ..pdf import PdfError, convert, pdf_path, stale

    wanted = [docx for docx, (_, fresh) in made_docx.items() if stale(docx, fresh, archive)]
    if not wanted:
        return 0, []
    try:
        conversion = convert(wanted, archive)
    except PdfError as exc:
        conversion = None
        failures = {docx: exc for docx in wanted}
    else:
        failures = dict(conversion.failures)
    for docx, data in (conversion.pdfs.items() if conversion else ()):
        try:
            write_atomic(pdf_path(docx), data)
        except OSError as exc:
            failures[docx] = PdfError(f"cannot write {pdf_path(docx)}: {exc.strerror}", field="(pdf)",
                                      hint="close it in any program that has it open")
    for docx, exc in failures.items():
        problem = exc.problem if docx.name in exc.problem else f"{exc.problem}; no PDF for {docx.name}"
        print(PdfError(problem, field="(pdf)", hint=exc.hint, file=str(made_docx[docx][0]), line=1), file=sys.stderr)
    return len(wanted) - len(failures), sorted({str(made_docx[docx][0]) for docx in failures})


def _pdf_option(args) -> None:
    """``--pdf notes/`` means a plain PDF for notes/: a value that is not a PDF kind is a spec or folder."""
    if args.pdf not in (None, "plain", "archive"):
        args.specs.insert(0, args.pdf)
        args.pdf = "plain"


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    _pdf_option(args)
    if args.schema:
        from ..facts.schema import schema_text
        sys.stdout.write(schema_text())
        return EXIT_OK
    if not args.specs:
        parser().print_usage(sys.stderr)
        print("generate.py: error: name at least one spec or folder", file=sys.stderr)
        return EXIT_USAGE
    if args.jobs is not None and args.jobs < 1:
        print("generate.py: error: --jobs takes a whole number from 1", file=sys.stderr)
        return EXIT_USAGE
    if args.workspace is not None and not (Path(args.workspace) / "verbale.yaml").is_file():
        print(f"{args.workspace}:1: --workspace: no verbale.yaml in {args.workspace} "
              f"(make a workspace with `verbale init {args.workspace}`)", file=sys.stderr)
        return EXIT_USAGE
    specs, missing = collect(args.specs)
    for line in missing:
        print(line, file=sys.stderr)
    started, written, notes, failed = time.perf_counter(), 0, 0, [m.split(":1:")[0] for m in missing]
    progress, made_docx = Progress(len(specs)), {}
    task = (Path(args.out), args.force, args.check, args.strict, args.workspace)
    if not args.check:
        from ..build import remove_stale_parts
        remove_stale_parts(Path(args.out))
    with StopRequest() as stop:
        results = _results(specs, args.jobs or os.cpu_count() or 1, task)
        for spec, (count, files, lines, spec_failed, docx) in results:
            notes, written = notes + count, written + files
            made_docx.update({Path(args.out) / name: (spec, fresh) for name, fresh in docx.items()})
            for line in lines:
                print(line, file=sys.stderr)
            if spec_failed:
                failed.append(str(spec))
            if args.verbose:
                print(f"{spec}: {'failed' if spec_failed else 'ok'}")
            progress.step()
            if stop.asked:
                results.close()
                progress.close()
                print(f"interrupted after {progress.done} of {len(specs)} specs; every file written is whole "
                      "(run the same command again to finish)", file=sys.stderr)
                return EXIT_INTERRUPTED
    progress.close()
    if args.pdf and not args.check:
        pdf_written, pdf_failed = write_pdfs(made_docx, args.pdf == "archive")
        written += pdf_written
        failed += [spec for spec in pdf_failed if spec not in failed]
    elapsed = time.perf_counter() - started
    summary = f"{notes} notes, {written} files written, {len(failed)} failed in {elapsed:.1f} s"
    print(summary + (": " + ", ".join(failed) if failed else ""))
    return EXIT_FAILED if failed else EXIT_OK
