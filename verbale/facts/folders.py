"""Which files of a folder are read: specs found by their extension in any case, on every system, and never
a link to outside the workspace (or a link to nothing, a FIFO, a device); what is left out is said, with why.

The command line's folder walk, the desk's list of specs and the workspace's termbase all take their files from
here, so that a link planted in a workspace reads nothing outside it, wherever it is met.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

SPEC_SUFFIXES = (".yaml", ".yml")
CONFIG_FILE = "verbale.yaml"
NOTHING = ("a link to nothing or a loop of links", "fix or delete the link")
NOT_REGULAR = ("not a regular file (a folder, a FIFO or a device), left out", "give the spec files themselves")


@dataclass
class Found:
    """The files taken, and those left out with the reason and a hint for each."""

    files: list[Path] = field(default_factory=list)
    left_out: list[tuple[Path, str, str]] = field(default_factory=list)

    def lines(self, shown=str) -> list[str]:
        """``FILE:1: (file): why (hint)`` for each file left out."""
        return [f"{shown(path)}:1: (file): {why} ({hint})" for path, why, hint in self.left_out]


def is_spec_name(name: str) -> bool:
    """A spec's name: ``.yaml`` or ``.yml`` in any case, not the workspace's own ``verbale.yaml``.

    >>> [is_spec_name(n) for n in ("a.yaml", "E.YAML", "f.Yml", "verbale.yaml", "VERBALE.YAML", "a.txt")]
    [True, True, True, False, False, False]
    """
    return os.path.splitext(name)[1].lower() in SPEC_SUFFIXES and name.casefold() != CONFIG_FILE


def why_left_out(path: Path, boundary: Path, where: str = "the workspace") -> tuple[str, str] | None:
    """Why ``path`` is not read (a link to nothing, to outside ``boundary``, not a regular file), else None."""
    try:
        real = path.resolve(strict=True)
        info = os.stat(real)
    except (OSError, RuntimeError):  # missing, a loop of links
        return NOTHING
    if not real.is_relative_to(boundary.resolve()):
        return (f"a link to outside {where} ({boundary}), left out",
                f"copy the file into {where} instead of linking it")
    if not stat.S_ISREG(info.st_mode):
        return NOT_REGULAR
    return None


def spec_files(folder: Path, boundary: Path, where: str = "the workspace", recursive: bool = False,
               skipped: frozenset[str] = frozenset()) -> Found:
    """The specs in ``folder`` (and its subfolders when ``recursive``, except hidden ones and those named in
    ``skipped``; a link to a folder is not followed, and said when it leads outside), sorted; those left out
    with why."""
    found, pending = Found(), [Path(folder)]
    while pending:
        current = pending.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                if recursive and not entry.name.startswith(".") and entry.name not in skipped:
                    pending.append(path)
                elif is_spec_name(entry.name):
                    found.left_out.append((path, *NOT_REGULAR))
                continue
            if not is_spec_name(entry.name):
                if recursive and entry.is_symlink() and os.path.isdir(path):
                    why = why_left_out(path, boundary, where)
                    if why is not None and why[0].startswith("a link to outside"):
                        found.left_out.append((path, *why))
                continue
            why = why_left_out(path, boundary, where)
            if why is None:
                found.files.append(path)
            else:
                found.left_out.append((path, *why))
    found.files.sort()
    found.left_out.sort()
    return found
