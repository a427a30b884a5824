"""Two clerks generating the same specs at once (two `verbale generate` processes, each with --jobs): every spec
ends with one number, every issued number is carried by exactly one spec, and no number is left dead."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pgcluster import postgres_database, postgres_cluster  # noqa: F401  (fixtures)
from test_generate import CONFIG, auto_spec

from verbale.register.store import Register

ROOT = Path(__file__).resolve().parents[2]
SPECS = 8


def _generate(root: Path, out: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "verbale", "generate", "notes", "-o", out, "--jobs", "2"],
                            cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _docx_number(path: Path) -> str:
    from docx import Document

    text = "\n".join(p.text.replace("\u00a0", " ") for p in Document(str(path)).paragraphs)
    return text.split("№ ")[1].split()[0]


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_two_clerks_generating_the_same_specs_at_once(tmp_path, database, request):
    root = tmp_path / "office"
    (root / "notes").mkdir(parents=True)
    config, url = CONFIG.replace("start: 624", "start: 1"), f"sqlite:///{(root / 'register.sqlite').as_posix()}"
    if database == "postgresql":
        url = request.getfixturevalue("postgres_database")
        config += f"register: {url.replace('+psycopg', '')}\n"
    (root / "verbale.yaml").write_text(config, encoding="utf-8")
    specs = [auto_spec(root, f"n{i:02}.yaml") for i in range(SPECS)]
    first = _generate(root, "out")
    time.sleep(0.1)
    second = _generate(root, "out2")
    for process in (first, second):
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    carried = {f"notes/{s.name}": s.read_text(encoding="utf-8").split("number: ")[1].split()[0] for s in specs}
    records = list(Register(url).records())
    issued = {}
    for record in records:
        issued.setdefault(record.entry["spec_path"], []).append(record.number)
    # each spec has one number, recorded for it alone; every issued number is carried by its spec
    assert issued == {key: [number] for key, number in carried.items()}
    assert sorted(carried.values(), key=lambda n: int(n.split("/")[1])) == [f"17-1/{n}" for n in range(1, SPECS + 1)]
    for out in ("out", "out2"):  # both clerks' files print the number the spec carries
        for spec in specs:
            assert _docx_number(root / out / f"{spec.stem}.en.docx") == carried[f"notes/{spec.name}"]
    assert all(record.files for record in records)
