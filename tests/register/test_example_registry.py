"""examples/registry does what its README says: the note in received/ comes in, the reply spec answers it,
generating the reply links both records; and the reply spec there is what `verbale reply` writes."""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from verbale.cli import main as verbale
from verbale.facts.workspace import load_workspace
from verbale.register.incoming import find_incoming
from verbale.register.reply import reply_spec
from verbale.register.store import Register

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "registry"


@pytest.fixture
def registry(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "registry"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("register.sqlite", "incoming", "out"))
    monkeypatch.chdir(root)
    return root


def test_the_cycle_of_the_readme(registry, capsys):
    assert verbale(["incoming", "add", "--from", "mfa-russia", "--number", "10663/2дснг", "--date", "2026-03-02",
                    "--received", "2026-03-03", "--due", "2026-03-16", "--subject", "приглашение на консультации",
                    "received/mfa-russia-10663.pdf"]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == ("in-2026-1\n", "")
    assert verbale(["incoming", "list", "--open", "--text", "консульского сотрудничества"]) == 0
    assert capsys.readouterr().out.split()[0] == "in-2026-1"
    assert verbale(["reply", "in-2026-1"]) == 0 and (registry / "notes" / "reply-in-2026-1.yaml").is_file()
    capsys.readouterr()
    assert verbale(["generate", "notes/reply-consultations.yaml", "--check", "--strict"]) == 0   # no warning
    assert verbale(["generate", "notes/reply-consultations.yaml", "-o", "out"]) == 0
    assert verbale(["register", "show", "in-2026-1"]) == 0
    assert "reply:      04-1/1 of 2026-03-10 (notes/reply-consultations.yaml), recorded " in capsys.readouterr().out
    assert verbale(["register", "show", "04-1/1"]) == 0
    assert "answers:    in-2026-1 (mfa-russia 10663/2дснг of 2026-03-02)\n" in capsys.readouterr().out
    assert verbale(["incoming", "list", "--open"]) == 0 and capsys.readouterr().out == ""


def test_the_reply_spec_is_what_verbale_reply_writes_with_its_texts_written(registry, capsys):
    assert verbale(["incoming", "add", "--from", "mfa-russia", "--number", "10663/2дснг", "--date", "2026-03-02",
                    "--received", "2026-03-03", "--due", "2026-03-16", "--subject",
                    "приглашение на консультации по консульскому сотрудничеству"]) == 0
    note = find_incoming(Register(f"sqlite:///{(registry / 'register.sqlite').as_posix()}"), "in-2026-1")
    written = reply_spec(note, load_workspace(registry), dt.date(2026, 3, 10)).text.splitlines()
    example = (EXAMPLE / "notes" / "reply-consultations.yaml").read_text(encoding="utf-8").splitlines()[1:]
    # the cited number in Latin letters for English (locales/en/README.md, «A cited number in Cyrillic»)
    number = written.index("    number: {ru: 10663/2дснг, kk: 10663/2дснг, en: 10663/2dsng}   # en: in Latin letters "
                           "(ICAO Doc 9303)")
    assert example[:number + 3] == written[:number + 3]               # all but the texts to write


def test_the_other_kinds_take_the_numbers_the_readme_shows(registry, capsys):
    """After the reply (04-1/1), the README's command numbers the personal note 04-1/2 and the aide-mémoire 04-1/3,
    in the order named, every time (a batch side by side numbers in the order the specs finish)."""
    assert verbale(["incoming", "add", "--from", "mfa-russia", "--number", "10663/2дснг", "--date", "2026-03-02",
                    "--received", "2026-03-03", "received/mfa-russia-10663.pdf"]) == 0
    assert verbale(["generate", "notes/reply-consultations.yaml", "-o", "out"]) == 0
    readme = (EXAMPLE / "README.md").read_text(encoding="utf-8")
    command = next(line for line in readme.splitlines() if "personal-absence.yaml notes/aide" in line)
    assert verbale(command.split()[1:]) == 0, capsys.readouterr().err
    capsys.readouterr()
    for number, kind, recipients in (("04-1/2", "personal-note", "minister-russia"),
                                     ("04-1/3", "aide-memoire", "mfa-russia")):
        assert verbale(["register", "show", number]) == 0
        shown = dict(line.split(":", 1) for line in capsys.readouterr().out.splitlines()
                     if re.match(r"^\w+:\s", line))
        assert (shown["kind"].strip(), shown["recipients"].strip()) == (kind, recipients)
