"""A received file, kept: read once (never through a link, never a FIFO or a device), known by its SHA-256,
and copied into the workspace's ``incoming/`` folder under a name of ours that cannot leave it.

The copy is named by its content (``incoming/<first 16 hex digits of its SHA-256>-<safe name>``) and made
before the note is recorded: a run that stops in between leaves a file the next run of the same file takes
again, never a record without its file. An existing file is never overwritten: the same bytes are taken as
they are, other bytes get another name. The copy is made read-only.

>>> safe_name("../../Нота МИД.pdf"), safe_name("con.PDF"), safe_name("..."), safe_name("a b\\\\c:d.png")
('Нота_МИД.pdf', 'con.pdf', 'received', 'd.png')
"""
from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import RegisterError
from ..files import Taken, read_regular, replace_together

INCOMING_DIR = "incoming"
MAX_RECEIVED = 256 * 2**20        # 256 MiB: a scanned note of many pages is some megabytes
NAME_LENGTH = 80


@dataclass(frozen=True)
class Received:
    """A received file's bytes and what is known of them."""

    data: bytes
    sha256: str
    original_name: str


def safe_name(name: str) -> str:
    """The last part of a file name, with only letters, digits, ``.``, ``-`` and ``_`` (others become ``_``),
    no leading dots, at most NAME_LENGTH characters, its extension in lower case."""
    base = re.split(r"[\\/]", name)[-1].split(":")[-1]
    stem, dot, extension = base.rpartition(".")
    if not dot or not stem.strip("._ "):
        stem, extension = base, ""
    stem = re.sub(r"[^\w.-]+", "_", stem).strip("._-")[:NAME_LENGTH] or "received"
    extension = re.sub(r"[^\w]+", "", extension).lower()[:10]
    return f"{stem}.{extension}" if extension else stem


def read_received(path: Path, field: str = "FILE") -> Received:
    """The received file's bytes; a link, a folder, a FIFO or a device, a file too large or unreadable is one
    line (RegisterError)."""
    def problem(text: str, hint: str) -> RegisterError:
        return RegisterError(text, field=field, hint=hint, file=str(path), line=1)

    try:
        info = os.lstat(path)
    except OSError as exc:
        raise problem(f"cannot read the file: {exc.strerror}", "name the received file") from None
    if stat.S_ISLNK(info.st_mode):
        raise problem("the file is a link, which is never followed", "name the file itself")
    if not stat.S_ISREG(info.st_mode):
        raise problem("not a regular file", "name the received file (a PDF or a scan)")
    if info.st_size > MAX_RECEIVED:
        raise problem(f"the file has {info.st_size} bytes, more than {MAX_RECEIVED}", "keep it elsewhere and record "
                      "the note without its file")
    data = read_regular(path, MAX_RECEIVED)
    if data is None:  # it changed into a link or grew between the two looks
        raise problem("the file changed while it was read", "run again")
    return Received(data, hashlib.sha256(data).hexdigest(), shown_name(path.name))


def received_bytes(data: bytes, name: str, field: str = "FILE") -> Received:
    """A received file that came as bytes (the desk's upload) rather than as a file to read; refused, as a file
    would be, when it is larger than MAX_RECEIVED or empty."""
    if len(data) > MAX_RECEIVED:
        raise RegisterError(f"the file has {len(data)} bytes, more than {MAX_RECEIVED}", field=field,
                            hint="keep it elsewhere and record the note without its file", file=name, line=1)
    if not data:
        raise RegisterError("the file is empty", field=field, hint="choose the received file", file=name, line=1)
    return Received(data, hashlib.sha256(data).hexdigest(), shown_name(safe_last_part(name)))


def safe_last_part(name: str) -> str:
    r"""The last part of a file name as a browser or a command line gives it (folders of any system left out).

    >>> safe_last_part("C:\\Users\\clerk\\нота.pdf"), safe_last_part("/tmp/a/b.png"), safe_last_part("")
    ('нота.pdf', 'b.png', 'received')
    """
    return re.split(r"[\\/]", name)[-1].strip() or "received"


def receipt_of(name: str, data: bytes) -> tuple[str, str]:
    """A dispatch's receipt as the register keeps it: its name (the last part, printable) and SHA-256."""
    return shown_name(safe_last_part(name)), hashlib.sha256(data).hexdigest()


def shown_name(name: str) -> str:
    r"""A file name as the register keeps and shows it: what cannot be printed (a terminal's escape sequences,
    a bidirectional override) as ``?``, at most 255 characters.

    >>> shown_name("note\x1b[2J\u202egpj.pdf")
    'note?[2J?gpj.pdf'
    """
    return "".join(ch if ch.isprintable() else "?" for ch in name)[:255]


def keep_received(root: Path, received: Received) -> str:
    """Copy the file into ``root/incoming/``; returns its path relative to ``root`` (with ``/``)."""
    folder = root / INCOMING_DIR
    if os.path.islink(folder) or os.path.lexists(folder) and not folder.is_dir():
        raise RegisterError(f"{folder} is a link or not a folder; received files are never written through a link",
                            field="FILE", hint="make incoming/ a folder of the workspace", file=str(folder), line=1)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise RegisterError(f"cannot make the folder {folder}: {exc.strerror}", field="FILE",
                            hint="check the workspace is writable", file=str(folder), line=1) from None
    base = safe_name(received.original_name)
    for attempt in range(1, 100):
        name = f"{received.sha256[:16]}-{base}" if attempt == 1 else f"{received.sha256[:16]}-{attempt}-{base}"
        target = folder / name
        if os.path.lexists(target):
            if _holds(target, received.data):
                return f"{INCOMING_DIR}/{name}"
            continue
        try:
            replace_together(folder, {name: received.data}, set())
        except Taken:  # another run made it meanwhile
            if _holds(target, received.data):
                return f"{INCOMING_DIR}/{name}"
            continue
        except OSError as exc:
            raise RegisterError(f"cannot copy the file into {folder}: {exc.strerror}", field="FILE",
                                hint="check the folder is writable", file=str(folder), line=1) from None
        try:
            os.chmod(target, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)  # received as it is: read-only
        except OSError:
            pass
        return f"{INCOMING_DIR}/{name}"
    raise RegisterError(f"{folder} holds 99 other files named for this one", field="FILE",
                        hint="move them away", file=str(folder), line=1)


def _holds(target: Path, data: bytes) -> bool:
    """Whether ``target`` is a regular file (not a link) holding ``data``."""
    try:
        info = os.lstat(target)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size == len(data) and read_regular(target, len(data)) == data
