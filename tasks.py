#!/usr/bin/env python3
"""Set up and run, on Windows as on Linux, with nothing but Python 3.11+.

    python tasks.py samples   # create .venv, install, generate the sample notes into out/
    python tasks.py test      # create .venv, install with test tools, run the tests
"""
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def setup(extras: str = "") -> Path:
    if not venv_python().exists():
        venv.create(VENV, with_pip=True)
    python = venv_python()
    subprocess.run([python, "-m", "pip", "install", "-q", "-e", f"{ROOT}{extras}"], check=True)
    return python


def main(argv: list[str]) -> int:
    task, rest = (argv[0], argv[1:]) if argv else ("", [])
    if task == "samples":
        python = setup()
        return subprocess.run([python, ROOT / "generate.py", ROOT / "notes", "-o", ROOT / "out", "--force", *rest]).returncode
    if task == "test":
        python = setup("[test]")
        return subprocess.run([python, "-m", "pytest", *rest], cwd=ROOT).returncode
    print(__doc__.strip(), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
