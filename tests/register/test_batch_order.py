"""`verbale generate --jobs 2` numbers a batch in the order of the command line, as `--jobs 1` does, on SQLite and
a real PostgreSQL server: the first spec is the slowest to build (a circular to 28 ministries with 40 paragraphs)
and still takes the first number; the numbers used to follow the order in which the workers finished.  A spec
that fails takes no number and does not hold up the next."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pgcluster import postgres_cluster, postgres_database, register_url  # noqa: F401  (fixtures)

from verbale.register.store import Register

ROOT = Path(__file__).resolve().parents[2]
NOTES = ROOT / "notes"
CONFIG = 'numbering: {pattern: "17-1/{seq}", restart: never, start: 1}\nlanguages: [ru, en]\n'
ITEM = ("  - en: Item {i} of the programme — the delegations exchange views on the agenda.\n"
        "    ru: Пункт {i} программы — делегации обмениваются мнениями о повестке дня.\n"
        "    kk: Бағдарламаның {i}-тармағы — делегациялар күн тәртібі бойынша пікір алмасады.\n")


def auto(text: str) -> str:
    return "".join("number: auto\n" if line.startswith("number:") else line for line in text.splitlines(True))


def slow_circular() -> str:
    head, tail = auto((NOTES / "circular-soc-2026.yaml").read_text(encoding="utf-8")).split("paragraphs:\n", 1)
    return head + "paragraphs:\n" + "".join(ITEM.format(i=i) for i in range(40)) + tail


def test_a_batch_is_numbered_in_the_order_given(tmp_path, register_url):
    root = tmp_path / "office"
    (root / "notes").mkdir(parents=True)
    config = CONFIG + (f"register: {register_url}\n" if register_url.startswith("postgresql") else "")
    (root / "verbale.yaml").write_text(config, encoding="utf-8")
    note = auto((NOTES / "17-1-624.yaml").read_text(encoding="utf-8")) + "languages: [en, ru, kk]\n"
    specs = {"a-circular.yaml": slow_circular(), "b.yaml": note, "c-broken.yaml": note.replace(
        "sender: cica-secretariat", "sender: no-such-office"), "d.yaml": note, "e.yaml": note}
    for name, text in specs.items():
        (root / "notes" / name).write_text(text, encoding="utf-8")
    named = [str(root / "notes" / name) for name in specs]   # the order of the command line
    run = subprocess.run([sys.executable, "-m", "verbale", "generate", *named, "-o", str(root / "out"), "--jobs", "2"],
                         cwd=root, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 1 and "c-broken.yaml" in run.stderr and "no-such-office" in run.stderr, run.stderr
    carried = {name: (root / "notes" / name).read_text(encoding="utf-8").split("number: ")[1].split()[0]
               for name in specs}
    assert carried == {"a-circular.yaml": "17-1/1", "b.yaml": "17-1/2", "c-broken.yaml": "auto", "d.yaml": "17-1/3",
                       "e.yaml": "17-1/4"}
    url = register_url if register_url.startswith("postgresql") else f"sqlite:///{(root / 'register.sqlite').as_posix()}"
    issued = [(record.number, record.entry["spec_path"], len(record.files) > 0) for record in Register(url).records()]
    assert issued == [("17-1/1", "notes/a-circular.yaml", True), ("17-1/2", "notes/b.yaml", True),
                      ("17-1/3", "notes/d.yaml", True), ("17-1/4", "notes/e.yaml", True)]   # in the order issued
