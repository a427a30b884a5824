"""Running a program on a file from outside (poppler's ``pdftotext`` and ``pdftoppm``, ``zbarimg``, ``tesseract``
given a PDF or a scan to verify or to register): within a time, a memory and an output bound, so that a crafted
file (a compressed stream that unpacks to gigabytes, a page a kilometre wide, an image of 10⁹ pixels) costs a
line, never the machine.

- time: the whole run is killed after ``timeout`` seconds (wall clock), and its processor time is capped too;
- memory: its address space is capped (``MEMORY``), so an allocation fails in the program, not in the machine;
- output: what it writes, to a file or to its output, is capped per file (``FILE_SIZE``: the program is stopped
  by SIGXFSZ), and its output is read back at most ``output_limit`` bytes.

The caps are set by util-linux's ``prlimit`` (Debian: essential), which starts the program with them, rather than
Python's ``preexec_fn`` (not safe when the desk's threads run). Where there is no ``prlimit`` (not Linux) only
the time and the output read back are bounded.  Never a shell: arguments are a list.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

MEMORY = 2**30              # bytes of address space: tesseract with three languages takes ~0.4 GiB
FILE_SIZE = 256 * 2**20     # bytes of any one file it writes (a page image is a few MB)


class Overrun(Exception):
    """The program took longer than its time, or wrote more than its bound: why, in words."""


@dataclass(frozen=True)
class Done:
    returncode: int
    stdout: bytes
    stderr: bytes


def bounded_command(command: list[str], timeout: float, memory: int = MEMORY) -> list[str]:
    """``command`` started under the caps, where util-linux's ``prlimit`` is there.

    >>> bounded_command(["pdftotext", "a.pdf", "-"], 10)[-4:] if shutil.which("prlimit") else ["--", "pdftotext", "a.pdf", "-"]
    ['--', 'pdftotext', 'a.pdf', '-']
    """
    limiter = shutil.which("prlimit")
    if limiter is None:
        return command
    cpu = int(timeout) + 1
    return [limiter, f"--as={memory}", f"--fsize={FILE_SIZE}", f"--cpu={cpu}:{cpu + 1}", "--core=0", "--", *command]


def run_bounded(command: list[str], *, timeout: float, output_limit: int, cwd: Path | None = None,
                env: dict | None = None, memory: int = MEMORY) -> Done:
    """Run ``command`` (its program found by the caller) on a file from outside; raises Overrun past a bound,
    OSError if it cannot be started."""
    if timeout <= 0:
        raise Overrun("took too long")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        try:
            done = subprocess.run(bounded_command(command, timeout, memory), cwd=cwd, stdin=subprocess.DEVNULL,
                                  stdout=out, stderr=err, timeout=timeout, env=env if env is not None else dict(os.environ))
        except subprocess.TimeoutExpired:
            raise Overrun(f"took longer than {timeout:g} s") from None
        if done.returncode < 0 and -done.returncode == getattr(signal, "SIGXFSZ", None):
            raise Overrun(f"wrote more than {FILE_SIZE // 2**20} MB")
        if done.returncode < 0 and -done.returncode in (getattr(signal, "SIGXCPU", None), signal.SIGKILL):
            raise Overrun(f"took longer than {timeout:g} s")
        out.seek(0)
        data = out.read(output_limit + 1)
        if len(data) > output_limit:
            raise Overrun(f"gave more than {output_limit:,} bytes of output")
        err.seek(0)
        return Done(done.returncode, data, err.read(4096))
