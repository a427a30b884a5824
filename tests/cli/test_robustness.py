"""Issue #15: no lost or mixed files, no silent overwrites, every process stoppable, nothing unescaped."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, spec_yaml
from verbale.cli.generate import main

posix = pytest.mark.skipif(os.name == "nt", reason="POSIX signals, FIFOs and limits")
linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
GENERATE = [sys.executable, str(ROOT / "generate.py")]


def names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def make_specs(folder: Path, count: int, **changes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"n{i:03d}.yaml").write_text(spec_yaml(number=f"9/{i}", **changes), encoding="utf-8")
    return folder


def run_cli(capsys, *args) -> tuple[int, list[str], str]:
    status = main([str(a) for a in args])
    captured = capsys.readouterr()
    return status, captured.err.splitlines(), captured.out


# --- a spec's files all together or none ------------------------------------------------------------------

def limited_run(spec: Path, out: Path, limit: int, *extra) -> subprocess.CompletedProcess:
    import resource

    def limit_file_size():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return subprocess.run([*GENERATE, str(spec), "-o", str(out), *extra], capture_output=True, text=True,
                          preexec_fn=limit_file_size, cwd=ROOT, timeout=120)


@posix
def test_a_file_that_cannot_be_written_part_way_leaves_no_new_file_and_the_old_versions(tmp_path, write_spec):
    spec = write_spec()
    out = tmp_path / "out"
    assert main([str(spec), "-o", str(out)]) == 0
    sizes = {p.name: p.stat().st_size for p in out.iterdir()}
    order = list(sizes)  # the single-language notes are smaller than the combined one and the review
    limit = max(sizes["note.en.docx"], sizes["note.ru.docx"], sizes["note.kk.docx"]) + 200
    assert limit < max(sizes.values())
    fresh = limited_run(spec, tmp_path / "fresh", limit)
    assert fresh.returncode == 1 and "none of this spec's files was changed" in fresh.stderr, fresh.stderr
    assert names(tmp_path / "fresh") == set() and "0 files written" in fresh.stdout
    old = {name: (out / name).read_bytes() for name in order}
    spec.write_text(spec_yaml(number="17-1/901"), encoding="utf-8")  # every file changes
    forced = limited_run(spec, out, limit, "--force")
    assert forced.returncode == 1 and "0 files written" in forced.stdout
    assert {name: (out / name).read_bytes() for name in names(out)} == old  # the old versions, every one


@posix
def test_a_full_disk_part_way_leaves_nothing_half_done(tmp_path, write_spec):
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root); RLIMIT_FSIZE covers the rest")
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24k", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("tmpfs cannot be mounted here")
    try:
        done = subprocess.run([*GENERATE, str(write_spec()), "-o", str(disk)], capture_output=True, text=True,
                              cwd=ROOT, timeout=120)
        assert done.returncode == 1 and "No space left" in done.stderr, done.stderr
        assert names(disk) == set() and "0 files written" in done.stdout
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_an_over_long_name_part_way_undoes_the_spec(tmp_path, write_spec, capsys, monkeypatch):
    """A fault injected into the renames: the first renames are undone, the old versions put back."""
    from verbale import files

    spec = write_spec()
    out = tmp_path / "out"
    assert main([str(spec), "-o", str(out)]) == 0
    old = {p.name: p.read_bytes() for p in out.iterdir()}
    spec.write_text(spec_yaml(number="17-1/902"), encoding="utf-8")
    real_replace, calls = os.replace, []

    def failing_replace(source, target):
        calls.append(target)
        if len(calls) == 5:
            raise OSError(36, "File name too long", str(target))
        return real_replace(source, target)
    monkeypatch.setattr(files.os, "replace", failing_replace)
    status, err, out_text = run_cli(capsys, spec, "-o", out, "--force")
    assert status == 1 and "File name too long" in err[0] and "0 files written" in out_text
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in out.iterdir()} == old


# --- what is already in the output folder -----------------------------------------------------------------

@posix
def test_a_fifo_or_huge_file_in_place_of_an_output_is_a_conflict_not_a_hang(tmp_path, write_spec):
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "note.en.docx")
    with open(out / "note.ru.docx", "wb") as huge:
        huge.truncate(2 * 1024 ** 3)  # sparse: 2 GB that must not be read to compare
    for extra in ([], ["--force"]):
        done = subprocess.run([*GENERATE, str(write_spec()), "-o", str(out), *extra], capture_output=True,
                              text=True, cwd=ROOT, timeout=60)
        assert done.returncode == 1
        assert "not a regular file" in done.stderr if not extra else "note.en.docx" in done.stderr
    assert (out / "note.ru.docx").stat().st_size == 2 * 1024 ** 3


def test_two_runs_at_once_never_replace_each_others_files(tmp_path):
    """Many racing runs over one folder, each with different contents, none with --force: every file on disk
    is whole and belongs to the run that reported writing it; the others report a conflict."""
    out = tmp_path / "out"
    runs = []
    for i in range(6):
        spec = tmp_path / f"run{i}" / "note.yaml"
        spec.parent.mkdir()
        spec.write_text(spec_yaml(number=f"race/{i}"), encoding="utf-8")
        runs.append(subprocess.Popen([*GENERATE, str(spec), "-o", str(out)], cwd=ROOT, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True))
    outcomes = [run.communicate(timeout=120) + (run.returncode,) for run in runs]
    winners = [i for i, (stdout, _, code) in enumerate(outcomes) if code == 0]
    assert len(winners) == 1, outcomes  # all five files of one run, or none of it
    from docx import Document
    for path in set(out.iterdir()) - {out / "note.review.docx"}:  # the review is the same for every run
        assert f"race/{winners[0]}" in " ".join(p.text for p in Document(str(path)).paragraphs)
    assert names(out) == {"note.docx", "note.en.docx", "note.ru.docx", "note.kk.docx", "note.review.docx"}
    for stdout, stderr, code in outcomes:
        assert code == 0 or "(output)" in stderr and "Traceback" not in stderr


@posix
def test_stale_part_files_of_a_dead_run_are_removed_and_no_one_elses(tmp_path, write_spec):
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    ours_dead = out / f".verbale-{dead}-abc.part"
    ours_alive = out / f".verbale-{os.getpid()}-abc.part"
    foreign = out / ".report.docx.part"
    for path in (ours_dead, ours_alive, foreign):
        path.write_bytes(b"x")
    assert main([str(write_spec()), "-o", str(out)]) == 0
    assert not ours_dead.exists() and ours_alive.exists() and foreign.exists()


# --- names -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("pair", [("my note.yaml", "my_note.yaml"), ("my+note.yaml", "my_note.yaml"),
                                  ("a.yaml", "a.en.yaml"), ("Note.yaml", "note.yml"), ("b.yaml", "b.kz-mfa.yaml")])
def test_specs_whose_outputs_would_collide_are_refused_before_writing(tmp_path, capsys, pair, jobs):
    specs = tmp_path / "specs"
    specs.mkdir()
    for i, name in enumerate(pair):
        (specs / name).write_text(spec_yaml(number=f"c/{i}"), encoding="utf-8")
    (specs / "other.yaml").write_text(spec_yaml(), encoding="utf-8")
    status, err, out = run_cli(capsys, specs, "-o", tmp_path / "out", "--force", "--jobs", jobs)
    assert status == 1
    assert len(err) == 2 and all("(output): its files would have the same names as those of" in l for l in err)
    for name in pair:
        assert any(l.startswith(str(specs / name) + ":1:") for l in err)
    assert names(tmp_path / "out") == {f"other{s}.docx" for s in ("", ".en", ".ru", ".kk", ".review")}


def test_yml_specs_links_to_nothing_and_empty_folders_are_said(tmp_path, capsys):
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "a.yml").write_text(spec_yaml(), encoding="utf-8")
    (tmp_path / "empty").mkdir()
    if os.name != "nt":
        (specs / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
        (specs / "loop.yaml").symlink_to(specs / "loop.yaml")
    status, err, out = run_cli(capsys, specs, tmp_path / "empty", "-o", tmp_path / "out")
    assert status == 1
    assert "a.en.docx" in names(tmp_path / "out")
    assert any("empty:1: (file): no specs" in l for l in err)
    if os.name != "nt":
        assert sum("a link to nothing or a loop of links" in l for l in err) == 2


# --- lines and logs --------------------------------------------------------------------------------------

@posix
def test_names_with_control_characters_are_escaped_everywhere(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    specs = tmp_path / "specs"
    specs.mkdir()
    evil = specs / "x\x1b]0;pwn\x07\necho owned >> .bashrc\n.yaml"
    evil.write_text("number: [\n", encoding="utf-8")
    status, err, out = run_cli(capsys, specs, "-o", tmp_path / "out", "-v")
    text = "\n".join(err) + out
    assert "\x1b" not in text and "\x07" not in text
    assert not any(l.startswith("echo owned") for l in (text.splitlines()))
    assert "x\\x1b]0;pwn\\x07\\necho owned" in text


@posix
def test_the_error_log_is_never_written_through_a_link(tmp_path, monkeypatch, capsys):
    from verbale.cli import generate

    monkeypatch.chdir(tmp_path)
    victim = tmp_path / "bashrc"
    victim.write_text("# mine\n", encoding="utf-8")
    (tmp_path / generate.LOG_FILE).symlink_to(victim)
    line = generate.internal_error(Path("x\nrm -rf ~\n.yaml"), RuntimeError("boom\x1b[2J"))
    assert victim.read_text(encoding="utf-8") == "# mine\n"
    assert "the message above" in line
    (tmp_path / generate.LOG_FILE).unlink()
    generate.internal_error(Path("x\nrm -rf ~\n.yaml"), RuntimeError("boom\x1b[2J"))
    log = (tmp_path / generate.LOG_FILE).read_text(encoding="utf-8")
    assert "\nrm -rf" not in log and "\x1b" not in log and "x\\nrm -rf ~\\n.yaml" in log


def test_a_cp1251_console_and_a_closed_pipe_give_no_traceback(tmp_path, write_spec):
    env = {**os.environ, "PYTHONIOENCODING": "cp1251"}
    spec = write_spec(name="ноты\u2003ё.yaml")
    bad = write_spec(name="bad\u2003.yaml", text="number: [\n")
    done = subprocess.run([*GENERATE, str(spec.parent), "-o", str(tmp_path / "out"), "-v"], capture_output=True,
                          env=env, cwd=ROOT, timeout=120)
    assert b"Traceback" not in done.stderr and done.returncode == 1, done.stderr
    assert b"\\u2003" in done.stderr + done.stdout
    specs = make_specs(tmp_path / "many", 40)
    piped = subprocess.run(f'"{GENERATE[0]}" "{GENERATE[1]}" "{specs}" -o "{tmp_path / "o2"}" -v --check | head -1',
                           shell=True, capture_output=True, cwd=ROOT, timeout=120)
    assert b"Traceback" not in piped.stderr and b"BrokenPipe" not in piped.stderr, piped.stderr
    assert bad.exists()


# --- signals and workers ---------------------------------------------------------------------------------

def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def start_batch(tmp_path, count=300, jobs="2"):
    specs = make_specs(tmp_path / "specs", count)
    out = tmp_path / "out"
    process = subprocess.Popen([*GENERATE, str(specs), "-o", str(out), "--jobs", jobs], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while len(names(out)) < 10 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.005)
    return process, out


def alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@linux
def test_workers_die_with_their_parent(tmp_path):
    process, out = start_batch(tmp_path)
    workers = [pid for pid in children(process.pid) if "python" in Path(f"/proc/{pid}/cmdline").read_text()]
    assert workers, "the batch finished before it could be killed"
    process.kill()
    process.wait(timeout=30)
    deadline = time.monotonic() + 60
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in workers), "orphan workers writing on"


@linux
def test_a_killed_worker_costs_no_spec_and_the_batch_goes_on(tmp_path):
    process, out = start_batch(tmp_path)
    workers = children(process.pid)
    assert workers
    os.kill(max(workers), signal.SIGKILL)  # as the out-of-memory killer would
    stdout, stderr = process.communicate(timeout=180)
    assert "Traceback" not in stderr and "300 notes" in stdout, (stdout, stderr)
    assert process.returncode == 0
    assert len(names(out)) == 300 * 5


def die_on_second(specs, *task):  # a worker's task that dies on one spec, as the out-of-memory killer does
    if any(spec.name == "n001.yaml" for spec in specs):
        os._exit(9)
    return [(1, 0, [], False) for _ in specs]


@posix
def test_the_spec_that_kills_its_worker_fails_with_one_line(tmp_path):
    from verbale.cli.workers import Batch, died_line

    specs = sorted(make_specs(tmp_path / "specs", 40).iterdir())
    results = dict(Batch(specs, 2, (), die_on_second, lambda spec: (0, 0, [died_line(spec)], True)).results())
    assert sorted(results) == specs
    failed = [spec for spec, (_, _, lines, spec_failed) in results.items() if spec_failed]
    assert [spec.name for spec in failed] == ["n001.yaml"]
    assert "the worker process building it died" in results[failed[0]][2][0]


@posix
def test_a_second_interrupt_ends_the_run_at_once(tmp_path):
    process, out = start_batch(tmp_path, count=400, jobs="2")
    process.send_signal(signal.SIGINT)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130 and "Traceback" not in err, err
    assert "stopped at once" in err or "interrupted after" in err
    rerun = subprocess.run([*GENERATE, str(tmp_path / "specs"), "-o", str(out)], capture_output=True, text=True,
                           cwd=ROOT, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert names(out) == {n for n in names(out) if not n.startswith(".")}  # the dead run's parts are gone
    for path in out.iterdir():
        with zipfile.ZipFile(path) as package:
            assert package.testzip() is None
