#!/usr/bin/env python3
"""PDF conversion of three-language notes (five DOCX a note, as `--pdf` converts them), against honest
baselines measured in the same run, in rounds of A B C D (each ratio taken within its round; median and range).

    python benchmarks/pdf.py [--notes 10] [--rounds 3]

- `--pdf` as a batch runs it with no office running: ``verbale.pdf.convert`` (one soffice call, a private
  profile, deterministic bytes);
- baseline 1: one plain ``soffice --headless --convert-to pdf --outdir DIR file…`` call for the whole batch;
- `--pdf` with this user's office kept warm (``verbale/office.py``: what the desk runs; started beforehand);
- baseline 2: a running unoserver (PyPI, 3.x), started beforehand under the Python that has LibreOffice's uno
  module (Debian's python3-uno), its client (XML-RPC) called from here once a file, as a script would.
Both warm servers are started before the rounds; their start is reported, not counted. Needs
``pip install .[bench]`` (unoserver), LibreOffice, and python3-uno for the warm ones (else they are skipped).
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = ROOT / "notes" / "17-1-624.yaml"


def ratio_line(name: str, ratios: list[float]) -> str:
    spread = f"{min(ratios):.2f}–{max(ratios):.2f}" if len(ratios) > 1 else "one round"
    return f"  {name:58s} {statistics.median(ratios):6.2f}  (range {spread}, {len(ratios)} rounds)"


def make_docx(folder: Path, count: int) -> list[Path]:
    """``count`` distinct three-language notes, five DOCX files each."""
    from verbale.cli.generate import main

    specs = folder / "specs"
    specs.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for i in range(count):
        (specs / f"n{i:04d}.yaml").write_text(text.replace("17-1/624", f"17-1/{i}"), encoding="utf-8")
    assert main([str(specs), "-o", str(folder / "docx"), "--jobs", "1"]) == 0
    return sorted((folder / "docx").glob("*.docx"))


def soffice_call(files: list[Path], out: Path, profile: Path) -> None:
    from verbale.pdf import PLAIN_FILTER, find_office

    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([find_office(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", PLAIN_FILTER, "--outdir", str(out), *map(str, files)],
                   check=True, capture_output=True, timeout=1800)
    assert len(list(out.glob("*.pdf"))) == len(files)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_unoserver(work: Path) -> tuple[subprocess.Popen, int] | None:
    """unoserver from this environment's site-packages, run by the Python that has uno (it is pure Python)."""
    import unoserver

    from verbale.office import _clean_env, uno_python
    from verbale.pdf import find_office

    python = uno_python(find_office())
    if python is None:
        return None
    port, uno_port = free_port(), free_port()
    code = (f"import sys; sys.path.append({str(Path(unoserver.__file__).parents[1])!r}); "
            "from unoserver.server import main; sys.exit(main())")
    server = subprocess.Popen([python, "-c", code, "--interface", "127.0.0.1", "--port", str(port),
                               "--uno-interface", "127.0.0.1", "--uno-port", str(uno_port),
                               "--user-installation", str(work / "unoserver-profile"), "--quiet"],
                              env=_clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    return server, port


def unoserver_convert(port: int, files: list[Path], out: Path) -> None:
    from unoserver.client import UnoClient

    out.mkdir(parents=True, exist_ok=True)
    client = UnoClient(server="127.0.0.1", port=str(port))
    for path in files:
        # update_index=False: as --convert-to and the keeper (unoserver's default also updates the indexes)
        client.convert(inpath=str(path), outpath=str(out / (path.stem + ".pdf")), convert_to="pdf",
                       update_index=False)


def wait_for_unoserver(port: int, sample: Path, out: Path, seconds: float = 120) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            unoserver_convert(port, [sample], out)
            return True
        except Exception:  # noqa: BLE001 - not listening yet
            time.sleep(0.5)
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from verbale.office import Keeper, running
    from verbale.pdf import convert

    work = Path(tempfile.mkdtemp(prefix="verbale-bench-pdf-"))
    os.environ["XDG_RUNTIME_DIR"] = str(work)   # this run's own keeper, not one the user has running
    os.chmod(work, 0o700)
    keeper, unoserver = Keeper(), None
    try:
        files = make_docx(work, args.notes)
        print(f"{args.notes} three-language notes, {len(files)} DOCX files")
        began = time.perf_counter()
        kept = keeper.ensure() is not None
        kept_start = time.perf_counter() - began
        began = time.perf_counter()
        unoserver = start_unoserver(work)
        if unoserver and not wait_for_unoserver(unoserver[1], files[0], work / "warm"):
            unoserver = None
        uno_start = time.perf_counter() - began
        if kept:
            convert(files[:1])   # both warm servers have converted one file
        keeper.stop()           # the batch path first: no keeper running
        times: dict[str, list[float]] = {key: [] for key in ("batch", "soffice", "kept", "unoserver")}
        def batch(round_: int) -> None:
            assert running() is None
            result = convert(files)
            assert len(result.pdfs) == len(files) and not result.failures, result.failures

        def kept_warm(round_: int) -> None:
            result = convert(files)
            assert len(result.pdfs) == len(files) and not result.failures, result.failures

        methods = {"batch": batch, "soffice": lambda r: soffice_call(files, work / f"soffice{r}", work / f"p{r}")}
        if kept:
            methods["kept"] = kept_warm
        if unoserver:
            methods["unoserver"] = lambda r: unoserver_convert(unoserver[1], files, work / f"unoserver{r}")
        for round_ in range(args.rounds):
            order = list(methods) if round_ % 2 == 0 else list(reversed(methods))   # no method always first
            for name in order:
                if name == "kept":
                    keeper.ensure()
                    convert(files[:1])
                began = time.perf_counter()
                methods[name](round_)
                times[name].append(time.perf_counter() - began)
                if name == "kept":
                    keeper.stop()
        per_file = {key: statistics.median(v) / len(files) * 1000 for key, v in times.items() if v}
        print("  ms a file (median of rounds): " + ", ".join(f"{key} {value:.0f}" for key, value in per_file.items()))
        print(f"  warm servers started beforehand: the keeper in {kept_start:.1f} s, unoserver in {uno_start:.1f} s")
        pairs = lambda a, b: [x / y for x, y in zip(times[a], times[b])]  # noqa: E731
        print(ratio_line("--pdf, no office running / one soffice call for the batch", pairs("batch", "soffice")))
        if kept:
            print(ratio_line("--pdf, office kept warm / one soffice call for the batch", pairs("kept", "soffice")))
        if kept and unoserver:
            print(ratio_line("--pdf, office kept warm / a running unoserver", pairs("kept", "unoserver")))
        if not kept or not unoserver:
            print(f"  (skipped: {'' if kept else 'the kept office: ' + keeper.unavailable + '; '}"
                  f"{'' if unoserver else 'unoserver: no Python with uno, or it did not start'})")
    finally:
        keeper.stop()
        if unoserver:
            os.killpg(unoserver[0].pid, 9)
            unoserver[0].wait()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
