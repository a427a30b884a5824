"""The desk's warm office (verbale/desk/office.py): a desk stopped while its office is still starting leaves no
office running (the start is waited for, then ended), as a desk stopped later does."""
from __future__ import annotations

import shutil
import threading
import time

import pytest

from verbale.office import running, uno_python

needs_keeper = pytest.mark.skipif(
    not shutil.which("soffice") or uno_python(shutil.which("soffice") or "soffice") is None,
    reason="needs LibreOffice and a Python with its uno module (apt-get install libreoffice-writer-nogui python3-uno)")


def no_keeper_within(seconds: float) -> bool:
    """Whether no keeper runs, waiting up to ``seconds`` for one a finished test left ending (a `verbale serve`
    process's keeper ends itself when the process's pipe closes)."""
    deadline = time.monotonic() + seconds
    while running() is not None:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


@needs_keeper
def test_a_desk_stopped_while_its_office_starts_leaves_no_office_running(monkeypatch):
    from verbale.desk import office

    office.stop()
    assert no_keeper_within(60)
    ensure = office.KEEPER.ensure

    def late_ensure():     # the warming thread gets the processor only after the desk was stopped (a busy machine)
        time.sleep(1)
        return ensure()

    monkeypatch.setattr(office.KEEPER, "ensure", late_ensure)
    try:
        office.warm()          # the desk starts ...
        office.stop()          # ... and is stopped at once
        for thread in threading.enumerate():    # whatever start was under way has ended
            if getattr(thread, "_target", None) is late_ensure:
                thread.join(300)
        assert running() is None, "the office was started after the desk stopped, and left running"
    finally:
        monkeypatch.undo()
        office.stop()
