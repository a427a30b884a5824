"""Writing files whole: to a temporary name beside the target, then renamed."""
from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def _file_mode() -> int:
    """The mode a new file gets under the process's umask (mkstemp makes private 0600 files)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(target: Path, data: bytes) -> None:
    """Write to a temporary name beside ``target`` and rename: a reader sees the whole file or none."""
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(handle, _file_mode())
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # The rename makes the file appear whole or not at all if the process is interrupted or killed.
        # No fsync: it would cost more than the note itself, and guards only against a power cut.
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
