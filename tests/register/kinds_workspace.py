"""The example registry's workspace with a note of each kind numbered (a personal note, an aide-mémoire, a note
verbale), on the register at ``register_url`` (SQLite in the workspace, or a PostgreSQL database)."""
from __future__ import annotations

import shutil
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "registry"
NUMBERED = ("personal-absence", "aide-memoire-consultations", "note-verbale")   # 04-1/1, 04-1/2, 04-1/3


def registry_workspace(tmp_path: Path, register_url: str) -> tuple[Path, str]:
    """A copy of the example registry's workspace keeping its register at ``register_url`` (a PostgreSQL
    database), or in its own SQLite file: (the workspace, its register's URL)."""
    root = tmp_path / "registry"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("register.sqlite", "incoming", "out"))
    config = root / "verbale.yaml"
    if register_url.startswith("postgresql"):
        config.write_text(config.read_text(encoding="utf-8").replace("register: register.sqlite",
                                                                     f"register: {register_url}"), encoding="utf-8")
    else:
        register_url = f"sqlite:///{(root / 'register.sqlite').as_posix()}"
    return root, register_url


def kinds_workspace(tmp_path: Path, register_url: str, generate) -> tuple[Path, str]:
    """The registry's workspace with a note of each kind numbered; ``generate`` is `verbale`'s main."""
    root, register_url = registry_workspace(tmp_path, register_url)
    (root / "notes" / "note-verbale.yaml").write_text(
        "number: auto\ndate: 2026-03-25\nrecipients: [mfa-russia]\n"
        "purpose: {en: inform the Ministry, ru: сообщить, kk: хабарлауды}\n", encoding="utf-8")
    for name in NUMBERED:
        assert generate(["generate", str(root / "notes" / f"{name}.yaml"), "-o", str(root / "out")]) == 0
    return root, register_url


YEARS = [  # (typed, the year taken, or the line refusing it): the command line's and the desk's table
    ("2026", 2026, None),
    (" 2026 ", 2026, None),
    ("26", None, "'26' is not a year (four figures, e.g. 2026)"),         # ambiguous: refused, with a hint
    ("0999", None, "'0999' is not a year (four figures, e.g. 2026)"),
    ("10000", None, "'10000' is not a year (four figures, e.g. 2026)"),
    ("٢٠٢٦", None, "'٢٠٢٦' is not a year (four figures, e.g. 2026)"),      # Arabic-Indic digits
    ("２０２６", None, "'２０２６' is not a year (four figures, e.g. 2026)"),  # full-width digits
]

