"""The desk's window on the workspace's register, through the store's public functions (verbale/register/store.py).

Reading never creates a register: a workspace whose SQLite file is not there yet has an empty one. Each
record is shown with its direction and its state, so that incoming notes (#26) and the states signed and
dispatched (#27) take their place in the same table when the store knows them.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import NoteError

AUTO, NONE = "auto", "none"


@dataclass(frozen=True)
class Row:
    """One line of the register page."""

    record: object                  # verbale.register.store.Record
    direction: str                  # out | in
    state: str                      # issued | cancelled | (signed, dispatched … when the store has them)

    @property
    def facts(self) -> dict:
        return self.record.facts

    @property
    def number(self) -> str:
        return self.record.number

    @property
    def year(self) -> int | None:
        date = self.record.entry.get("note_date")
        return date.year if isinstance(date, dt.date) else None

    @property
    def kind(self) -> str:
        """The kind of document the number was given to (note-verbale, personal-note, aide-memoire …)."""
        return getattr(self.record, "document_kind", "note-verbale")

    @property
    def recipients(self) -> list[str]:
        return str(self.facts.get("recipients") or "").split()


def direction_of(record) -> str:
    """Where the note went: ``out`` for the register's own numbers; an incoming entry says ``in``."""
    value = getattr(record, "direction", None) or record.entry.get("direction")
    return "in" if value in ("in", "incoming") else "out"


def state_of(record) -> str:
    """The record's state: cancelled wins; else the latest state the store keeps, else issued."""
    if record.cancellation is not None:
        return "cancelled"
    states = getattr(record, "states", None)
    if states:
        latest = states[-1]
        return str(latest.get("state") if isinstance(latest, dict) else getattr(latest, "state", latest))
    state = getattr(record, "state", None)
    return str(state) if isinstance(state, str) and state else "issued"


class Registry:
    """The register of a workspace (None where it keeps none)."""

    def __init__(self, workspace):
        from ..register.config import load_register_config
        from ..register.store import Register

        self.workspace = workspace
        self.config = load_register_config(workspace.root, workspace=workspace) if workspace.root else None
        self.register = (Register(self.config.url, self.config.shown, (self.config.file, self.config.line))
                         if self.config is not None else None)

    @property
    def kept(self) -> bool:
        return self.register is not None

    @property
    def numbering(self):
        return self.config.numbering if self.config is not None else None

    def exists(self) -> bool:
        """Whether there is a register to read (an SQLite file is made by the first number, not by a look)."""
        if self.config is None:
            return False
        url = self.config.url
        return not url.startswith("sqlite:///") or Path(url[len("sqlite:///"):]).is_file()

    def rows(self, year: int | None = None, recipient: str | None = None, words: str = "",
             kind: str | None = None) -> list[Row]:
        if not self.exists():
            return []
        records = self.register.records(year=year, recipient=recipient or None, words=words, kind=kind or None)
        return [Row(record, direction_of(record), state_of(record)) for record in records]

    def record(self, number: str, year: int | None = None) -> Row | None:
        if not self.exists():
            return None
        record = self.register.find(number, year)
        return Row(record, direction_of(record), state_of(record)) if record is not None else None

    def cancel(self, number: str, why: str, by: str, year: int | None = None) -> None:
        self.register.cancel(number, why, by, year)

    def incoming(self, year: int | None = None, words: str = "", sender: str | None = None) -> list:
        """The incoming notes (verbale.register.incoming.Incoming) received in ``year``, with ``words``, from
        ``sender``."""
        from ..register.incoming import incoming_notes

        if not self.exists():
            return []
        return incoming_notes(self.register, year=year, words=words, sender=sender)

    def receive(self, note, received, shown_as: str):
        """Record a received note as `verbale incoming add` does (the same function): (its record, warnings)."""
        from ..register.incoming import record_incoming

        return record_incoming(self.register, self.config.root, self.workspace, note, received, shown_as)

    def dispatch(self, number: str, channel: str, copies: int, by: str, year: int | None = None,
                 receipt: tuple[str, str] | None = None) -> None:
        self.register.dispatch(number, channel, copies, by, year, receipt)

    def reply(self, ident: str, today: dt.date, desk_root: Path) -> Path:
        """Write the reply spec to the incoming note ``ident`` as `verbale reply` does (the same function), in
        the workspace's notes/ folder; its path. The folder must be a folder of the desk's own (``desk_root``),
        never a link: a reply is never written through a link to outside, nor where the desk cannot open it."""
        from ..errors import RegisterError
        from ..register.reply import write_reply

        folder = self.config.root / "notes"
        inside = Path(os.path.realpath(folder)).is_relative_to(Path(os.path.realpath(desk_root)))
        if os.path.islink(folder) or not inside or os.path.lexists(folder) and not folder.is_dir():
            raise RegisterError(f"{folder} is a link, not a folder, or outside the desk's workspace; a reply is "
                                "never written there", field="ID", hint="make notes/ a folder of the workspace",
                                file=str(folder), line=1)
        path, _ = write_reply(self.register, ident, self.workspace, folder, today)
        return path

    def issued_to(self, spec: Path, data: dict) -> Row | None:
        """The register's issue of the number a spec carries, when it was issued for that spec and stands (not
        cancelled); None where there is none or the register cannot be read."""
        from ..register.outgoing import spec_key

        number = data.get("number") if isinstance(data, dict) else None
        if number is None or str(number).strip().lower() in ("", AUTO, NONE) or not self.exists():
            return None
        date = data.get("date")
        period = self.numbering.period(date) if self.numbering is not None and isinstance(date, dt.date) else ""
        try:
            record = self.register.holder(str(number), period)
        except NoteError:
            return None
        if record is None or record.cancellation is not None:
            return None
        if record.entry.get("spec_path") != spec_key(spec, self.config.root):
            return None
        return Row(record, direction_of(record), state_of(record))

    def holder_of(self, paths: list[Path]) -> str | None:
        """The number (not cancelled) whose recorded files include one of ``paths`` as they are now (by SHA-256):
        the files of a registered note, whatever its spec says today; None where there is none."""
        if not self.exists():
            return None
        for path in paths:
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                continue
            for record in self.register.holding(sha256=digest):
                if record.cancellation is None and direction_of(record) == "out":
                    return record.number
        return None

    def csv(self, rows: list[Row], received: list = ()) -> bytes:
        """The command line's export (`register export --csv`): the outgoing ``rows`` with the notes each answers,
        then the incoming notes ``received`` (the register's own export, verbale/register/export.py)."""
        from ..register.export import csv_bytes
        from ..register.incoming import answered

        records = [row.record for row in rows]
        return csv_bytes(records, received, answered(self.register, [r.entry["id"] for r in records]))
