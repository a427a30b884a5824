"""Saving the form into its spec, the desk's three promises:

- never over a newer file: every Save and Generate names the version of the file the page was made from (a
  hash of its bytes); a file changed since (a number allocated by the command line, a save from another tab)
  refuses the request, and the clerk's changes stay in the form and in the workspace's draft;
- only what the clerk changed: the form as posted is compared with the form as the page showed the file, and
  only the difference is applied to the file as read (a language the spec leaves out, its comments, values the
  form cannot show stay as they are);
- never what the command line would refuse: the text to be written is read back and checked as `verbale
  generate` would check it; a problem is refused and shown at its field.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import NoteError
from ..facts.roundtrip import updated_text
from ..facts.yamlsource import load_yaml_bytes
from .form import with_changes

REGISTERED_FACTS = ("number", "date", "sender", "recipients", "distribution", "languages", "purpose")


def version_of(raw: bytes) -> str:
    """The version token of a file's bytes.

    >>> version_of(b"number: 1\\n")
    'ccf60239f514bced0e71410001a508ed'
    """
    return hashlib.sha256(raw).hexdigest()[:32]


@dataclass
class Refusal(Exception):
    """A Save or Generate the desk will not do (yet): ``kind`` stale | invalid | confirm."""

    status: int
    kind: str
    message: str
    lines: list[str] = field(default_factory=list)
    confirm: str = ""       # what a confirmation answers: register | warnings
    number: str = ""


@dataclass
class Edit:
    """A Save about to be written: the file as read, and the text with the clerk's changes."""

    path: Path
    raw: bytes
    original: dict
    merged: dict
    text: str | None         # None: nothing changed
    data: dict               # what the file will hold, as the command line will read it

    @property
    def changed(self) -> bool:
        return self.text is not None

    def changed_facts(self) -> list[str]:
        """The registered facts (number, date, recipients …) this edit changes."""
        return [name for name in REGISTERED_FACTS if _plain(self.original.get(name)) != _plain(self.data.get(name))]


def _plain(value):
    return str(value) if value is not None else None


def prepare(path: Path, name: str, version: str, mine: dict, shown_of) -> Edit:
    """The edit of the spec at ``path`` that applies the clerk's form ``mine`` (posted from ``version``).
    ``shown_of(raw, data)`` gives the form's data as the page showed that file. Refusal where the file changed
    since or cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise Refusal(422, "invalid", f"cannot read {name}: {exc.strerror}") from None
    stale = not version or version != version_of(raw)
    try:
        original = load_yaml_bytes(raw, name).data
    except NoteError as exc:
        raise Refusal(409, "stale", "stale") if stale else Refusal(422, "invalid", str(exc)) from None
    if not isinstance(original, dict):
        raise Refusal(409, "stale", "stale") if stale else Refusal(
            422, "invalid", f"{name}:1: (spec): a spec is a mapping of fields")
    merged = with_changes(original, shown_of(raw, original), mine)
    if merged is original:   # the form holds what the file holds: also a page whose Save (a second click, Ctrl+S
        return Edit(path, raw, original, merged, None, original)   # after Save) was sent before the first's answer
    if stale:
        raise Refusal(409, "stale", "stale")
    text = updated_text(raw.decode("utf-8-sig"), merged)
    try:
        data = load_yaml_bytes(text.encode("utf-8"), name).data
    except NoteError as exc:
        raise Refusal(422, "invalid", str(exc), [str(exc)]) from None
    return Edit(path, raw, original, merged, text, data)


def write(edit: Edit) -> str:
    """Write the edit's text, unless the file changed in the moment since it was read; the new version."""
    from ..files import write_atomic

    if edit.text is None:
        return version_of(edit.raw)
    try:
        if edit.path.read_bytes() != edit.raw:
            raise Refusal(409, "stale", "stale")
        data = edit.text.encode("utf-8")
        write_atomic(edit.path, data)
    except OSError as exc:
        raise Refusal(422, "invalid", f"cannot write the spec: {exc.strerror} (check the folder is writable)") from None
    return version_of(data)
