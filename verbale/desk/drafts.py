"""What the desk keeps in the workspace's hidden folder ``.verbale/``: the draft of each open form (so that a
reload, a closed tab or a crash loses nothing) and the bin of deleted notes (so that a delete can be undone).

A draft is the form as last posted (its fields as the page sends them), the version of the spec it was made
from (a hash of the file's bytes) and the form as that version showed it, so that the clerk's changes can be
applied to a newer version of the file. Nothing in ``.verbale/`` is a spec: the desk's list and the command
line pass hidden folders by.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..files import write_atomic

HIDDEN = ".verbale"
MAX_DRAFT = 512 * 1024


@dataclass
class Draft:
    version: str                      # the spec's version the clerk started from
    pairs: list[tuple[str, str]]      # the form as last posted
    shown: list[tuple[str, str]] | None   # the form as that version showed it (None: not known)
    saved_at: str                     # ISO time, UTC

    @property
    def when(self) -> str:
        """The time it was kept, local, as a clerk reads it (HH:MM, with the date if not today)."""
        try:
            moment = dt.datetime.fromisoformat(self.saved_at).astimezone()
        except ValueError:
            return self.saved_at
        return f"{moment:%H:%M}" if moment.date() == dt.date.today() else f"{moment:%Y-%m-%d %H:%M}"


def _pairs(value) -> list[tuple[str, str]] | None:
    if not isinstance(value, list):
        return None
    pairs = [tuple(item) for item in value if isinstance(item, list) and len(item) == 2
             and all(isinstance(part, str) for part in item)]
    return pairs if len(pairs) == len(value) else None


class Store:
    """The hidden folder of one workspace root."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.folder = self.root / HIDDEN

    def _inside(self, *parts: str) -> Path:
        """A path under .verbale/, refused (ValueError) where a link would lead it out of the workspace."""
        target = self.folder.joinpath(*parts)
        resolved = target.resolve()
        if not resolved.is_relative_to(self.folder.resolve()) or not self.folder.resolve().is_relative_to(self.root):
            raise ValueError(f"{target} leads out of the workspace")
        return target

    # -- drafts ----------------------------------------------------------------------------------------------

    def _draft_file(self, name: str) -> Path:
        return self._inside("drafts", f"{name}.json")

    def draft(self, name: str) -> Draft | None:
        """The draft of the spec ``name`` (relative to the workspace), or None (none, or unreadable)."""
        try:
            path = self._draft_file(name)
            if not path.is_file() or path.is_symlink() or path.stat().st_size > MAX_DRAFT:
                return None
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(raw, dict) or not isinstance(raw.get("version"), str):
            return None
        pairs = _pairs(raw.get("pairs"))
        if pairs is None:
            return None
        return Draft(raw["version"], pairs, _pairs(raw.get("shown")), str(raw.get("saved_at", "")))

    def keep(self, name: str, draft: Draft) -> None:
        """Write the draft (whole, atomically); a draft that cannot be kept is not worth a failed request."""
        try:
            path = self._draft_file(name)
            path.parent.mkdir(parents=True, exist_ok=True)
            self._inside("drafts", f"{name}.json")   # again, now that its folders exist
            data = json.dumps({"version": draft.version, "saved_at": draft.saved_at, "pairs": draft.pairs,
                               "shown": draft.shown}, ensure_ascii=False).encode("utf-8")
            if len(data) <= MAX_DRAFT:
                write_atomic(path, data)
        except (OSError, ValueError):
            pass

    def discard(self, name: str) -> None:
        try:
            self._draft_file(name).unlink(missing_ok=True)
        except (OSError, ValueError):
            pass

    def move_draft(self, old: str, new: str) -> None:
        draft = self.draft(old)
        if draft is not None:
            self.keep(new, draft)
            self.discard(old)

    # -- the bin ---------------------------------------------------------------------------------------------

    def throw(self, spec: Path, name: str, by: str) -> str:
        """Move the spec ``name`` (and its draft) into the bin; returns the bin entry's id."""
        moment = dt.datetime.now(dt.timezone.utc)
        while True:   # two deletes within one tick of the clock (15 ms on some Windows) take the next microsecond
            entry = f"{moment:%Y%m%dT%H%M%S%f}-{os.getpid()}"
            folder = self._inside("bin", entry)
            try:
                folder.mkdir(parents=True)
                break
            except FileExistsError:
                moment += dt.timedelta(microseconds=1)
        (folder / "about.json").write_text(json.dumps({"name": name, "deleted_at": _now(), "by": by},
                                                      ensure_ascii=False), encoding="utf-8")
        shutil.move(spec, folder / "spec.yaml")
        draft = self._draft_file(name)
        if draft.is_file():
            shutil.move(draft, folder / "draft.json")
        return entry

    def binned(self) -> list[dict]:
        """What the bin holds, newest first: id, name, deleted_at, by."""
        try:
            folder = self._inside("bin")
            entries = sorted(folder.iterdir(), reverse=True) if folder.is_dir() else []
        except (OSError, ValueError):
            return []
        found = []
        for entry in entries:
            try:
                about = json.loads((entry / "about.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(about, dict) and (entry / "spec.yaml").is_file():
                found.append({"id": entry.name, "name": str(about.get("name", "")),
                              "deleted_at": str(about.get("deleted_at", "")), "by": str(about.get("by", ""))})
        return found

    def binned_entry(self, entry: str) -> dict | None:
        if not BIN_ENTRY.fullmatch(entry):
            return None
        return next((item for item in self.binned() if item["id"] == entry), None)

    def restore(self, entry: str, target: Path, name: str) -> None:
        """Move a binned spec back, to ``target`` (named ``name``), with its draft; the entry is then gone."""
        folder = self._inside("bin", entry)
        with target.open("xb") as stream:   # never over a file that is there now
            stream.write((folder / "spec.yaml").read_bytes())
        if (folder / "draft.json").is_file():
            draft = self._draft_file(name)
            draft.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(folder / "draft.json", draft)
        shutil.rmtree(folder, ignore_errors=True)


BIN_ENTRY = re.compile(r"\d{8}T\d{12}-\d+")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def new_draft(version: str, pairs, shown) -> Draft:
    return Draft(version, [tuple(p) for p in pairs], [tuple(p) for p in shown] if shown is not None else None, _now())
