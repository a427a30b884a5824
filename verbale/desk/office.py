"""How the desk's Generate gets its PDFs: through one LibreOffice kept warm while the desk runs.

The desk starts this user's office keeper (``verbale/office.py``) when it starts, and ends it when it stops;
Generate makes sure it still runs (it is started again if it died) and converts through it, one file at a time
in the order the clerks asked (the keeper's queue).  Where no keeper can run (no Python with LibreOffice's uno
module, Windows), Generate converts as ``--pdf`` does, one office process for the note's files.
"""
from __future__ import annotations

import atexit
import threading
from pathlib import Path

from ..office import Keeper

KEEPER = Keeper()
atexit.register(KEEPER.stop)
_warming: list[threading.Thread] = []


def warm() -> None:
    """Start the keeper in the background, so that the first Generate finds the office warm."""
    thread = threading.Thread(target=KEEPER.ensure, daemon=True)
    _warming.append(thread)
    thread.start()


def stop() -> None:
    """End the keeper, once a start that ``warm`` began is over: a desk stopped while its office was still
    starting would otherwise have it started after the stop, and left running."""
    while _warming:
        _warming.pop().join()
    KEEPER.stop()


def convert(docx: list[Path]):
    """The PDFs of ``docx`` (a ``verbale.pdf.Conversion``), through the warm office when it can run."""
    from ..pdf import convert as convert_pdfs

    KEEPER.ensure()
    return convert_pdfs(docx)
