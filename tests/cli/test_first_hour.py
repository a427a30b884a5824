"""The first hour of a newcomer (issue #25): each trip found by trying it, as a test."""
from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT, fill_in_sender
from test_workspace_commands import office  # noqa: F401 - a fixture: `verbale init office`, entered
from verbale.cli import main as verbale


def test_verbale_version():
    expected = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)[1]
    answer = subprocess.run([sys.executable, "-m", "verbale", "--version"], capture_output=True, text=True)
    assert answer.returncode == 0 and answer.stdout == f"verbale {expected}\n"


def test_inits_sample_takes_its_number_from_the_numbering_init_writes(office, capsys):
    import yaml

    config = yaml.safe_load((office / "verbale.yaml").read_text(encoding="utf-8"))
    assert config["numbering"] == {"pattern": "{seq}", "restart": "yearly"}
    sample = office / "notes" / "sample.yaml"
    assert "\nnumber: auto\n" in sample.read_text(encoding="utf-8")
    fill_in_sender(office)
    assert verbale(["generate", "notes/", "-o", "out/"]) == 0
    assert yaml.safe_load(sample.read_text(encoding="utf-8"))["number"] == "1"   # the register's first, written in
    assert verbale(["register", "list"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("1  ")


def test_auto_without_numbering_says_number_once(tmp_path, capsys):
    spec = tmp_path / "a.yaml"
    spec.write_text((ROOT / "notes" / "17-1-624.yaml").read_text(encoding="utf-8").replace(
        "number: 17-1/624", "number: auto"), encoding="utf-8")
    assert verbale(["generate", str(spec), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert ": number: 'auto' needs the workspace's numbering" in err and "number: number:" not in err


def test_terms_check_says_how_to_confirm_a_derived_form(office, capsys):
    fill_in_sender(office)
    capsys.readouterr()
    assert verbale(["terms", "check"]) == 0
    out = capsys.readouterr().out
    assert "forms the tool derives, to confirm" in out
    assert "To confirm a form: if it is right, write it under its entry in termbase/<lang>/terms.yaml" in out
