#!/usr/bin/env python3
"""Speed and memory of batch generation, as ratios against baselines measured in the same run.

    python benchmarks/bench.py [--notes 100] [--rounds 3] [--big 1000] [--small 100] [--huge 10000]
                               [--skip peers,jobs,memory,cold]

Notes are copies of the seed note notes/17-1-624.yaml: three languages, five DOCX files a note (three notes, the
combined file, the review file). Every comparison is made in pairs (A B A B …): each ratio is taken within its
pair, and the median and range of the pairs are printed. Needs ``pip install .[bench]`` (docxtpl); the
letterhead is saved by LibreOffice where it is installed.

1. peers, per note (whole processes, start-up included, NOTES notes each):
   - docxtpl on a letterhead as offices have it (a Word-made package with its styles, theme, settings and fonts,
     an emblem in the first-page header, saved by LibreOffice) against ours on the same letterhead
     (`house: {blank: …}`), and docxtpl on a package as lean as ours (our own .en.docx, its texts as tags)
     against ours without a blank. docxtpl renders five documents a note: the note in each language, and a
     template with all three languages' texts twice (for our combined and review files).
   - ours against the floor: the least work that writes the same bytes: deflating the parts that differ from
     note to note (ours deflates the shared parts once, and so does the floor) and writing each file's bytes.
2. --jobs 2 against --jobs 1 on BIG notes; beside it, what the machine gives two processes at that moment:
   a pure-CPU task in two processes against the same work in one (so a shared or busy machine is seen).
3. peak memory of HUGE notes against SMALL notes, with --jobs 1 and --jobs 2 (the largest process: workers
   and the main process are separate). Goal: <= 1.2.
4. one note from a cold start against importing the libraries it imports (for information).
"""
from __future__ import annotations

import argparse
import compileall
import io
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "notes" / "17-1-624.yaml"
LANGS = ("en", "ru", "kk")


def ratio_line(name: str, ratios: list[float], goal: str = "") -> str:
    spread = f"{min(ratios):.2f}–{max(ratios):.2f}" if len(ratios) > 1 else "one pair"
    met = ""
    if goal:
        met = f"   goal {goal}: " + ("met" if eval(f"{statistics.median(ratios)} {goal}") else "NOT MET")
    return f"  {name:52s} {statistics.median(ratios):6.2f}  (range {spread}, {len(ratios)} pairs){met}"


def make_batch(folder: Path, count: int, blank: Path | None = None) -> Path:
    """``count`` copies of the seed note in a workspace (with the letterhead as its blank, when given)."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "specs").mkdir(parents=True)
    config = "languages: [en, ru, kk]\n"
    if blank is not None:
        shutil.copy(blank, folder / "blank.docx")
        config += "house: {blank: blank.docx}\n"
    (folder / "verbale.yaml").write_text(config, encoding="utf-8")
    text = SEED.read_text(encoding="utf-8")
    for i in range(count):
        (folder / "specs" / f"n{i:05d}.yaml").write_text(text.replace("17-1/624", f"17-1/{i}"), encoding="utf-8")
    return folder / "specs"


# A child's peak memory counts what it inherited at fork time, so children are started from this small
# process, not from the benchmark itself. ru_maxrss of a waited child is the largest of it and its descendants.
MEASURE = """
import os, subprocess, sys, time
started = time.perf_counter()
pid = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).pid
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - started, usage.ru_maxrss, status, usage.ru_utime + usage.ru_stime)
"""


def run_child(args: list[str]) -> tuple[float, int, float]:
    """Wall time, peak resident memory (KiB) and CPU time of one child process."""
    out = subprocess.run([sys.executable, "-c", MEASURE, *args], cwd=ROOT, capture_output=True, text=True).stdout
    elapsed, peak, status, cpu = out.split()
    if int(status) != 0:
        raise SystemExit(f"failed: {' '.join(args)}")
    return float(elapsed), int(peak), float(cpu)


def generate(specs: Path, out: Path, jobs: int) -> tuple[float, int, float]:
    shutil.rmtree(out, ignore_errors=True)
    return run_child([sys.executable, str(ROOT / "generate.py"), str(specs), "-o", str(out), "--jobs", str(jobs)])


# -- the letterhead and docxtpl ---------------------------------------------------------------------------

def emblem_png(size: int = 120) -> bytes:
    rows = b"".join(b"\x00" + bytes((0x20, 0x40, 0x90)) * size for _ in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def make_letterhead(folder: Path) -> tuple[Path, str]:
    """A letterhead as an office has it: made on Word's own package (python-docx's template is Word-made, with
    Word's styles, theme, settings and font table), an emblem and the ministry's lines in the first-page header,
    an address in the footer; then saved by LibreOffice (as a clerk's office suite saves it), where installed."""
    from docx import Document
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = (Cm(4.5), Cm(2.5),
                                                                                            Cm(2.5), Cm(1.5))
    section.different_first_page_header_footer = True
    header = section.first_page_header
    header.paragraphs[0].add_run().add_picture(io.BytesIO(emblem_png()), height=Cm(2))
    for line in ("REPUBLIC OF KAZAKHSTAN", "MINISTRY OF FOREIGN AFFAIRS", "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ",
                 "СЫРТҚЫ ІСТЕР МИНИСТРЛІГІ"):
        header.add_paragraph(line)
    section.first_page_footer.paragraphs[0].text = "010000, Astana, Kabanbay Batyr Avenue 31"
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(14)
    made = folder / "letterhead-word.docx"
    document.save(str(made))
    office = shutil.which("soffice")
    if office:
        saved = folder / "saved"
        subprocess.run([office, f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}", "--headless",
                        "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(saved), str(made)],
                       capture_output=True, timeout=300)
        if (saved / made.name).is_file():
            return saved / made.name, "Word's package, saved by LibreOffice"
    return made, "Word's package (python-docx's template; LibreOffice not found to save it)"


def tagged_template(base: Path | None, target: Path, tags: int, lean_from: Path | None = None) -> Path:
    """A docxtpl template: the letterhead ``base`` with ``tags`` paragraphs ``{{ p0 }}``… in its body, or our own
    lean ``lean_from`` file with its body paragraphs' texts replaced by the tags."""
    from docx import Document

    if lean_from is not None:
        document = Document(str(lean_from))
        paragraphs = document.paragraphs
        for index, paragraph in enumerate(paragraphs):
            for run in paragraph.runs[1:]:
                run.text = ""
            if paragraph.runs:
                paragraph.runs[0].text = f"{{{{ p{index} }}}}" if index < tags else ""
        for index in range(len(paragraphs), tags):
            document.add_paragraph(f"{{{{ p{index} }}}}")
    else:
        document = Document(str(base))
        for index in range(tags):
            document.add_paragraph(f"{{{{ p{index} }}}}")
    document.save(str(target))
    return target


DOCXTPL_RUN = """
import io, json, sys
from docxtpl import DocxTemplate
single, triple, contexts, notes = sys.argv[1], sys.argv[2], json.loads(open(sys.argv[3]).read()), int(sys.argv[4])
for note in range(notes):
    for template, context in ((single, contexts["en"]), (single, contexts["ru"]), (single, contexts["kk"]),
                              (triple, contexts["all"]), (triple, contexts["all"])):
        document = DocxTemplate(template)
        document.render(context)
        document.save(io.BytesIO())
"""


def docxtpl_setup(work: Path, sample_out: Path, letterhead: Path | None) -> tuple[Path, Path, Path]:
    """(single template, three-language template, contexts file) built from our own generated note's texts."""
    import json

    from docx import Document

    texts = {lang: [p.text for p in Document(str(sample_out / f"n00000.{lang}.docx")).paragraphs] for lang in LANGS}
    size = max(len(t) for t in texts.values())
    contexts = {lang: {f"p{i}": text for i, text in enumerate(texts[lang])} for lang in LANGS}
    every = [text for lang in LANGS for text in texts[lang]]
    contexts["all"] = {f"p{i}": text for i, text in enumerate(every)}
    name = "letterhead" if letterhead else "lean"
    lean_from = None if letterhead else sample_out / "n00000.en.docx"
    single = tagged_template(letterhead, work / f"{name}-single.docx", size, lean_from)
    triple = tagged_template(letterhead, work / f"{name}-triple.docx", len(every), lean_from)
    (work / "contexts.json").write_text(json.dumps(contexts, ensure_ascii=False), encoding="utf-8")
    return single, triple, work / "contexts.json"


def docxtpl_seconds(setup: tuple[Path, Path, Path], notes: int) -> tuple[float, int, float]:
    return run_child([sys.executable, "-c", DOCXTPL_RUN, *map(str, setup), str(notes)])


# -- the floor --------------------------------------------------------------------------------------------

def floor_seconds(out: Path, folder: Path) -> float:
    """Per batch: for every file, deflate (as ours, level 6, raw) the parts that differ between notes, and write
    the file's bytes to a new file; the parts every note shares are deflated once, as ours does."""
    files = sorted(out.glob("*.docx"))
    by_kind: dict[str, list[Path]] = {}
    for path in files:
        by_kind.setdefault(path.name.split(".", 1)[1], []).append(path)
    work = []
    for kind, paths in by_kind.items():
        contents = []
        for path in paths:
            with zipfile.ZipFile(path) as package:
                contents.append({name: package.read(name) for name in package.namelist()})
        differing = [name for name in contents[0] if any(c.get(name) != contents[0][name] for c in contents)]
        for path, content in zip(paths, contents):
            work.append((path.name, path.read_bytes(), [content[name] for name in differing]))
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for name, data, parts in work:
        for part in parts:
            compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
            compressor.compress(part)
            compressor.flush()
            zlib.crc32(part)
        with open(folder / name, "xb") as stream:
            stream.write(data)
    return time.perf_counter() - started


# -- parallelism available --------------------------------------------------------------------------------

SPIN = "import sys\nn = 0\nfor i in range(int(sys.argv[1])):\n    n += i * i\n"


def spin_pair(work: int) -> float:
    """Wall time of two processes doing ``work`` each, against one process doing 2 × ``work``: 2.0 on two free
    cores, less on a busy machine."""
    one = run_child([sys.executable, "-c", SPIN, str(2 * work)])[0]
    started = time.perf_counter()
    both = [subprocess.Popen([sys.executable, "-c", SPIN, str(work)]) for _ in range(2)]
    for process in both:
        process.wait()
    return one / (time.perf_counter() - started)


def library_imports(command: list[str]) -> str:
    """Python code importing every third-party module that ``command`` imports, in its order (read from
    -X importtime, so the baseline follows the code as it changes)."""
    trace = subprocess.run([sys.executable, "-X", "importtime", *command], cwd=ROOT, capture_output=True,
                           text=True).stderr
    import importlib.util

    def installed(top: str) -> bool:
        try:
            spec = importlib.util.find_spec(top)
        except (ImportError, ValueError):
            return False
        return bool(spec and spec.origin and "-packages" in spec.origin and top != "verbale")

    modules: list[str] = []
    for line in trace.splitlines()[1:]:
        name = line.rsplit("|", 1)[-1].strip()
        if line.startswith("import time:") and name not in modules and installed(name.split(".")[0]):
            modules.append(name)
    return "; ".join(f"import {m}" for m in modules) or "pass"


def peers(work: Path, args) -> None:
    letterhead, how = make_letterhead(work)
    lean_specs = make_batch(work / "lean", args.notes)
    lh_specs = make_batch(work / "letterhead", args.notes, letterhead)
    generate(lean_specs, work / "lean-out", 1)                       # warm the disk cache and the user cache
    generate(lh_specs, work / "lh-out", 1)
    setups = {"lean": docxtpl_setup(work / "lean", work / "lean-out", None),
              "letterhead": docxtpl_setup(work / "letterhead", work / "lh-out", letterhead)}
    ratios: dict[str, list[float]] = {"letterhead": [], "lean": [], "floor": [], "lean-cpu": []}
    per_note: dict[str, list[float]] = {key: [] for key in ("ours-lh", "tpl-lh", "ours-lean", "tpl-lean", "floor")}
    for round_ in range(args.rounds):
        ours_lh = generate(lh_specs, work / "lh-out", 1)[0] / args.notes
        tpl_lh = docxtpl_seconds(setups["letterhead"], args.notes)[0] / args.notes
        ours_lean, _, ours_lean_cpu = generate(lean_specs, work / "lean-out", 1)
        tpl_lean, _, tpl_lean_cpu = docxtpl_seconds(setups["lean"], args.notes)
        ours_lean, tpl_lean = ours_lean / args.notes, tpl_lean / args.notes
        ratios["lean-cpu"].append(tpl_lean_cpu / ours_lean_cpu)
        floor = floor_seconds(work / "lean-out", work / f"floor{round_}") / args.notes
        ratios["letterhead"].append(tpl_lh / ours_lh)
        ratios["lean"].append(tpl_lean / ours_lean)
        ratios["floor"].append(ours_lean / floor)
        for key, value in zip(per_note, (ours_lh, tpl_lh, ours_lean, tpl_lean, floor)):
            per_note[key].append(value)
    sizes = {name: setups[name][0].stat().st_size // 1024 for name in setups}
    ms = {key: statistics.median(values) * 1000 for key, values in per_note.items()}
    print(f"peers, per note ({args.notes} notes a run, 5 files a note; whole processes, start-up included)")
    print(f"  letterhead ({how}; docxtpl's template {sizes['letterhead']} kB): ours {ms['ours-lh']:.1f} ms, "
          f"docxtpl {ms['tpl-lh']:.1f} ms")
    print(f"  lean package (docxtpl's template {sizes['lean']} kB, ours without a blank): ours {ms['ours-lean']:.1f} "
          f"ms, docxtpl {ms['tpl-lean']:.1f} ms; floor {ms['floor']:.2f} ms")
    print(ratio_line("docxtpl / ours, letterhead", ratios["letterhead"]))
    print(ratio_line("docxtpl / ours, lean package", ratios["lean"], ">= 3"))
    # CPU time of the same runs: what a process costs, less moved by the other processes of a shared machine
    print(ratio_line("  the same, CPU time (user + system)", ratios["lean-cpu"]))
    print(ratio_line("ours / floor (deflate what differs, write the bytes)", ratios["floor"]))


def jobs(work: Path, args) -> None:
    specs = make_batch(work / "big", args.big)
    generate(specs, work / "big-out", 2)  # warm
    ratios, available, times = [], [], []
    for _ in range(args.rounds):
        one = generate(specs, work / "big-out", 1)
        two = generate(specs, work / "big-out", 2)
        ratios.append(one[0] / two[0])
        available.append(spin_pair(3_000_000))
        times.append((one, two))
    print(f"--jobs, {args.big} notes: --jobs 1 {statistics.median(t[0][0] for t in times):.1f} s "
          f"({statistics.median(t[0][2] for t in times):.1f} s CPU), --jobs 2 "
          f"{statistics.median(t[1][0] for t in times):.1f} s ({statistics.median(t[1][2] for t in times):.1f} s CPU)")
    print(ratio_line("speed-up, --jobs 1 / --jobs 2 wall time", ratios, ">= 1.6"))
    print(ratio_line("what the machine gave two processes (pure CPU)", available))
    print(ratio_line("speed-up / what the machine gave", [r / a for r, a in zip(ratios, available)]))
    cpu = statistics.median(t[1][2] / t[0][2] for t in times)
    print(f"  CPU of --jobs 2 / --jobs 1: {cpu:.2f} (the work added by two workers: start-up, passing results)")


def memory(work: Path, args) -> None:
    small = make_batch(work / "mem-small", args.small)
    huge = make_batch(work / "mem-huge", args.huge)
    print(f"peak memory, {args.huge:,} notes / {args.small} notes (largest process)")
    for jobs_ in (1, 2):
        _, small_peak, _ = generate(small, work / "mem-out", jobs_)
        elapsed, huge_peak, _ = generate(huge, work / "mem-out", jobs_)
        ratio = huge_peak / small_peak
        print(f"  --jobs {jobs_}: {huge_peak / 1024:.0f} MiB / {small_peak / 1024:.0f} MiB = {ratio:.2f}   goal <= 1.2: "
              f"{'met' if ratio <= 1.2 else 'NOT MET'}  ({args.huge:,} notes in {elapsed:.0f} s)")
        shutil.rmtree(work / "mem-out", ignore_errors=True)


def cold(work: Path) -> None:
    colds = [generate(SEED, work / f"out-cold{i}", 1)[0] for i in range(5)]
    baseline = library_imports([str(ROOT / "generate.py"), str(SEED), "-o", str(work / "out-trace")])
    imports = [run_child([sys.executable, "-c", baseline])[0] for _ in range(5)]
    print(f"one note from a cold start {min(colds) * 1000:.0f} ms; importing the libraries {min(imports) * 1000:.0f} "
          f"ms ({len(baseline.split(';'))} modules): {min(colds) / min(imports):.2f} (for information; best of 5 each)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=100, help="notes a run for the per-note comparisons")
    parser.add_argument("--rounds", type=int, default=3, help="pairs of runs for each comparison")
    parser.add_argument("--big", type=int, default=1000, help="notes for --jobs 2 against --jobs 1")
    parser.add_argument("--small", type=int, default=100, help="notes of the small batch (memory)")
    parser.add_argument("--huge", type=int, default=10_000, help="notes of the huge batch (memory)")
    parser.add_argument("--skip", default="", help="comma-separated: peers, jobs, memory, cold")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    # docxtpl's modules are read as bytecode pip compiled at install; ours are run from the checkout, whose
    # bytecode a machine with PYTHONDONTWRITEBYTECODE never writes: without this, every run of ours compiled
    # some fifty modules again (about 6% of a 100-note run) and docxtpl's none.
    compileall.compile_dir(ROOT / "verbale", quiet=1)
    work = Path(tempfile.mkdtemp(prefix="verbale-bench-"))
    try:
        for name, part in (("peers", peers), ("jobs", jobs), ("memory", memory)):
            if name not in skip:
                part(work, args)
        if "cold" not in skip:
            cold(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
