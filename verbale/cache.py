"""A small on-disk cache of plain data derived from data files: the parsed termbase, the number-word tables,
the CLDR month names and plural rule texts.  A cold start reads them instead of rebuilding them.

Entries are JSON (strings, numbers, lists, mappings and dates), never an executable format (no pickle, no
compiled templates): reading an entry cannot run code.  Each entry is keyed by a hash of everything it is
derived from, so a changed locale file or library version simply makes a new entry.

An entry could still change what a note says, so the cache is used only in a folder that is ours: owned by
the current user and writable by no one else (``VERBALE_CACHE`` names another folder, ``VERBALE_CACHE=off``
turns it off).  Any problem (a folder or entry of someone else, a FIFO, a corrupt or unreadable entry, a
wrong shape) makes the data be built as if the cache were absent: never an error, never a wait.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
FORMAT = b"verbale-cache-2"
MAX_ENTRY = 8_000_000  # bytes; our largest entry (the termbase) is about 200 kB
DATE = "$date"


def cache_dir() -> Path | None:
    """The cache folder if caching is on and the folder is safe to use (made if missing), else None."""
    chosen = os.environ.get("VERBALE_CACHE", "")
    if chosen.lower() == "off":
        return None
    if chosen:
        folder = Path(chosen)
    elif os.name == "nt":
        folder = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "verbale" / "Cache"
    else:
        folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "verbale"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        return folder if trusted(os.lstat(folder), directory=True) else None
    except (OSError, ValueError):
        return None


def trusted(info: os.stat_result, directory: bool = False) -> bool:
    """A folder or file of ours that no one else can write (on Windows: a real folder or file).

    >>> trusted(os.lstat(__file__)) == (os.name == "nt" or os.lstat(__file__).st_uid == os.getuid())
    True
    """
    if not (stat.S_ISDIR(info.st_mode) if directory else stat.S_ISREG(info.st_mode)):
        return False  # a link, a FIFO, a device...
    if os.name == "nt" or not hasattr(os, "getuid"):
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def digest(*parts: bytes | str) -> str:
    """A short hash of the parts, each counted with its length.

    >>> digest("a", b"b") == digest("a", b"b") != digest("ab")
    True
    """
    hasher = hashlib.sha256(FORMAT + sys.version.encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big") + data)
    return hasher.hexdigest()[:24]


def cached(name: str, key: str, build: Callable[[], T], decode: Callable[[object], T] = lambda value: value) -> T:
    """The value stored under ``name`` and ``key``, or ``build()`` stored there for next time.

    ``decode`` turns the stored JSON back into the value and checks its shape (raising on a wrong one);
    the value itself must be JSON data (dates allowed)."""
    folder = cache_dir()
    path = folder / f"{name}-{key}.json" if folder else None
    if path is not None:
        try:
            return decode(_load(path, key))
        except Exception:  # noqa: BLE001 - whatever is wrong with an entry, the data is built instead
            pass
    value = build()
    if path is not None:
        _store(path, key, value)
    return value


def read_entry(name: str, key: str, decode: Callable[[object], T] = lambda value: value) -> T | None:
    """The value stored under ``name`` and ``key``, or None (no cache, no entry, or a bad one): for an entry that
    grows as it is used (the spelling verdicts), written back with ``write_entry``."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return decode(_load(folder / f"{name}-{key}.json", key))
    except Exception:  # noqa: BLE001 - whatever is wrong with an entry, it is as if absent
        return None


def write_entry(name: str, key: str, value) -> None:
    """Store ``value`` under ``name`` and ``key`` (replacing the entry whole), if the cache is on."""
    folder = cache_dir()
    if folder is not None:
        _store(folder / f"{name}-{key}.json", key, value)


def _load(path: Path, key: str):
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    handle = os.open(path, flags)  # non-blocking: a FIFO planted here cannot make the open wait
    try:
        info = os.fstat(handle)
        if not trusted(info) or info.st_size > MAX_ENTRY:
            raise ValueError(f"{path} is not a cache entry of ours")
        with os.fdopen(handle, "rb", closefd=False) as stream:
            data = stream.read(MAX_ENTRY + 1)
    finally:
        os.close(handle)
    entry = json.loads(data.decode("utf-8"), object_hook=_from_json)
    if not isinstance(entry, dict) or entry.get("key") != key or "value" not in entry:
        raise ValueError(f"{path} is not an entry for {key}")
    return entry["value"]


def _to_json(value):
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return {DATE: value.isoformat()}
    raise TypeError(f"{type(value).__name__} is not cache data")


def _from_json(mapping: dict):
    if DATE in mapping:
        if len(mapping) != 1 or not isinstance(mapping[DATE], str):
            raise ValueError("a malformed date")
        return dt.date.fromisoformat(mapping[DATE])
    return mapping


def _store(path: Path, key: str, value) -> None:
    from .files import write_atomic

    try:
        data = json.dumps({"key": key, "value": value}, ensure_ascii=False, default=_to_json, sort_keys=True)
        write_atomic(path, data.encode("utf-8"))
    except (OSError, TypeError, ValueError):
        pass


def source_of(*modules) -> bytes:
    """The source files of modules, for keys of what is computed from their code."""
    return b"".join(Path(module.__file__).read_bytes() for module in modules)


def shaped(value, shape):
    """``value`` if it has ``shape`` (a type, a ``[item shape]`` list, a ``{key shape: value shape}`` dict or a
    tuple of alternatives), else ValueError: what is read from the cache is checked before it is used.

    >>> shaped({"a": [1, 2]}, {str: [int]})
    {'a': [1, 2]}
    >>> shaped({"a": "1"}, {str: [int]})
    Traceback (most recent call last):
    ValueError: cache data of the wrong shape
    """
    if isinstance(shape, tuple):
        for alternative in shape:
            try:
                return shaped(value, alternative)
            except ValueError:
                pass
    elif isinstance(shape, list):
        if isinstance(value, list):
            for item in value:
                shaped(item, shape[0])
            return value
    elif isinstance(shape, dict):
        (key_shape, value_shape), = shape.items()
        if isinstance(value, dict):
            for key, item in value.items():
                shaped(key, key_shape)
                shaped(item, value_shape)
            return value
    elif isinstance(value, shape) and not (shape is int and isinstance(value, bool)):
        return value
    raise ValueError("cache data of the wrong shape")
