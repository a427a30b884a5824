"""A small on-disk cache of what is derived from data files: the parsed termbase, the number-word tables,
the CLDR excerpts the grammar modules use, and the compiled formulas.  A cold start reads them instead of
rebuilding them, the way Python reads .pyc files.

Each entry is keyed by a hash of everything it is derived from, so a changed locale file or library version
simply makes a new entry.  The cache lives in the user's cache folder (``VERBALE_CACHE`` names another one,
``VERBALE_CACHE=off`` turns it off); when it cannot be read or written, the data is built as if it were absent.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
FORMAT = b"verbale-cache-1"


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off."""
    chosen = os.environ.get("VERBALE_CACHE", "")
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen)
    if os.name == "nt":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "verbale" / "Cache"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "verbale"


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


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """The value stored under ``name`` and ``key``, or ``build()`` stored there for next time."""
    folder = cache_dir()
    path = folder / f"{name}-{key}.pickle" if folder else None
    if path is not None:
        try:
            with path.open("rb") as handle:
                return pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError):
            pass
    value = build()
    if path is not None:
        _store(path, value)
    return value


def _store(path: Path, value) -> None:
    from .files import write_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, pickle.PicklingError):
        pass


def source_of(*modules) -> bytes:
    """The source files of modules, for keys of what is computed from their code."""
    return b"".join(Path(module.__file__).read_bytes() for module in modules)
