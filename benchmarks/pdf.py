#!/usr/bin/env python3
"""PDF conversion: one office process for a batch against one ``soffice`` call per file, in the same run.

    python benchmarks/pdf.py [--notes 100] [--sample N]

Makes N notes (copies of the seed note notes/17-1-624.yaml, English: one DOCX each) and converts them
- batch: ``verbale.pdf.convert`` on all N (what ``--pdf`` does: one soffice call, private profile);
- per file: one ``soffice --convert-to pdf`` call per file (what a script or a clerk does), all N, or the
  first ``--sample`` and scaled to N (each call costs the same: an office start and one file).
Prints both and their ratio.  Goal (issue #18): per file / batch >= 5.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from verbale.build import build  # noqa: E402
from verbale.pdf import PLAIN_FILTER, convert, find_office  # noqa: E402

SEED = ROOT / "notes" / "17-1-624.yaml"


def make_docx(folder: Path, count: int) -> list[Path]:
    """``count`` distinct English notes as DOCX files."""
    specs, files = folder / "specs", []
    specs.mkdir()
    text = SEED.read_text(encoding="utf-8").replace("languages: [en, ru, kk]", "")
    for i in range(count):
        spec = specs / f"n{i:04d}.yaml"
        spec.write_text(text.replace("17-1/624", f"17-1/{i}") + "languages: [en]\n", encoding="utf-8")
        target = folder / f"n{i:04d}.en.docx"
        target.write_bytes(build(spec).files[target.name])
        files.append(target)
    return files


def per_file(files: list[Path], out: Path, work: Path) -> float:
    """One call per file, all sharing one profile made beforehand (as a user's own profile would be: the
    baseline's most favourable case)."""
    program = find_office()
    profile = (work / "profile").as_uri()

    def call(docx: Path) -> None:
        subprocess.run([program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", PLAIN_FILTER,
                        "--outdir", str(out), str(docx)], check=True, capture_output=True, timeout=120)

    call(files[0])
    started = time.perf_counter()
    for docx in files:
        call(docx)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=100)
    parser.add_argument("--sample", type=int, default=0,
                        help="convert only this many files one call each, and scale to --notes (default: all)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="verbale-bench-pdf-") as work:
        folder = Path(work)
        files = make_docx(folder, args.notes)
        convert(files[:1])                          # warm the disk cache for both sides alike
        started = time.perf_counter()
        result = convert(files)
        batch = time.perf_counter() - started
        assert len(result.pdfs) == len(files) and not result.failures, result.failures
        (folder / "single").mkdir()
        sample = files[:args.sample or len(files)]
        single = per_file(sample, folder / "single", folder) * len(files) / len(sample)
        print(f"{len(files)} notes to PDF")
        print(f"  one office process for the batch: {batch:6.1f} s  ({batch / len(files) * 1000:.0f} ms a file)")
        print(f"  one soffice call per file:        {single:6.1f} s  ({single / len(files) * 1000:.0f} ms a file, "
              f"from {len(sample)} calls)")
        print(f"  ratio per file / batch: {single / batch:.1f}  (goal >= 5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
