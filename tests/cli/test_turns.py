"""The order of numbering a batch's workers share (verbale/cli/workers.py, Turns): a worker killed while it held
the turns' lock, or before passing its turn, never hangs the others (an attack found a batch hung for good after
`kill -9` of one worker: the survivor waited on the dead one's lock, and the pool waited on the survivor)."""
from __future__ import annotations

import multiprocessing
import os
import time

import pytest

from verbale.cli import workers
from verbale.errors import RegisterError


def _die_holding(turns) -> None:
    turns.condition.acquire()
    os._exit(9)   # as kill -9: the lock is never released


@pytest.fixture
def stopping(monkeypatch):
    monkeypatch.setattr(workers, "PATIENCE", 1.0)
    workers.STOP.set()     # as the pool's terminate (SIGTERM) does in a surviving worker
    yield
    workers.STOP.clear()


@pytest.mark.parametrize("holder_dies", [True, False], ids=["the lock's holder died", "the turn before never passed"])
def test_a_stopped_batch_gives_up_a_turn_that_cannot_come(stopping, holder_dies):
    turns = workers.Turns(3)
    if holder_dies:
        child = multiprocessing.get_context("fork").Process(target=_die_holding, args=(turns,))
        child.start()
        child.join(30)
        assert child.exitcode == 9
    started = time.monotonic()
    with pytest.raises(RegisterError) as refused:
        turns.wait(1)
    assert 1.0 <= time.monotonic() - started < 15
    assert "the batch stopped before this spec's turn to take a number came" in str(refused.value)
    turns.done(1)   # and passing the turn on does not hang either
    assert time.monotonic() - started < 20


def test_a_turn_that_moves_is_waited_for_even_when_stopping(stopping):
    turns = workers.Turns(3)
    turns.done(0)
    started = time.monotonic()
    turns.wait(1)
    assert time.monotonic() - started < 5


def test_without_a_stop_a_turn_is_waited_for_until_it_comes(monkeypatch):
    monkeypatch.setattr(workers, "PATIENCE", 0.1)
    turns = workers.Turns(2)

    def pass_later(turns):
        time.sleep(1.5)
        turns.done(0)

    other = multiprocessing.get_context("fork").Process(target=pass_later, args=(turns,))
    other.start()
    turns.wait(1)   # not given up after PATIENCE: nothing asked the batch to stop
    other.join(30)
    assert turns.low.value == 1
