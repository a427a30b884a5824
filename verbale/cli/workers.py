"""Worker processes of a batch: they build and write their own specs; they stop between two specs when asked,
die with their parent, and a worker that dies (the out-of-memory killer, kill -9) costs only its own specs.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path

STOP = threading.Event()  # in a worker: finish the spec in hand, start no other
PR_SET_PDEATHSIG = 1
TURNS: "Turns | None" = None   # in a worker: the batch's order of numbering
FIRST = 0                      # in a worker: the place in the batch of the first spec of the chunk in hand
PATIENCE = 30.0                # seconds a stopped batch's spec waits for a turn that does not move


class Turns:
    """The order in which a batch's specs take their numbers from the register: the order of the command line,
    whichever worker builds a spec first.  Each spec waits for its turn only for the moment of its allocation
    (after it was built and its outputs checked; the register's lock is never held while it waits) and passes
    it once allocated, or as soon as it is known to take no number (it failed, carries one, is a draft, or was
    left when the batch was stopped).  Shared by the batch's worker processes (multiprocessing's Condition
    and shared memory: one flag a spec)."""

    def __init__(self, count: int, done: bytes = b""):
        import multiprocessing

        self.flags = multiprocessing.Array("b", count, lock=False)
        self.flags[:len(done)] = done
        self.low = multiprocessing.Value("i", 0, lock=False)   # the first spec whose turn has not passed
        self.condition = multiprocessing.Condition()
        self._advance()

    def wait(self, index: int) -> None:
        """Until the ``index``-th spec's turn.  Once the batch is stopping (STOP: Ctrl-C, or the pool ending its
        workers after one died, which may have held the lock or the turn before this one), a turn that has not
        moved for PATIENCE seconds is given up: the spec takes no number (RegisterError, one line)."""
        seen, since = self.low.value, time.monotonic()
        while self.low.value < index:   # a counter that only grows: read without the lock
            if self.condition.acquire(timeout=0.5):   # a dead worker may hold it for ever
                try:
                    if self.condition.wait_for(lambda: self.low.value >= index, timeout=0.5):
                        return
                finally:
                    self.condition.release()
            if self.low.value != seen:
                seen, since = self.low.value, time.monotonic()
            elif STOP.is_set() and time.monotonic() - since > PATIENCE:
                from ..errors import RegisterError

                raise RegisterError("the batch stopped before this spec's turn to take a number came (a worker "
                                    "ended, or Ctrl-C)", field="number",
                                    hint="generate it again: it was not numbered, and nothing of it was written")

    def done(self, index: int) -> None:
        while not self.condition.acquire(timeout=0.5):
            if STOP.is_set():
                return   # its holder died: the main process goes on with renewed turns
        try:
            if not self.flags[index]:
                self.flags[index] = 1
                self._advance()
                self.condition.notify_all()
        finally:
            self.condition.release()

    def _advance(self) -> None:
        while self.low.value < len(self.flags) and self.flags[self.low.value]:
            self.low.value += 1

    def renewed(self) -> "Turns":
        """The same turns in new shared objects: after a worker died, it may have held the old ones' lock."""
        return Turns(len(self.flags), bytes(self.flags[:]))


class Turn:
    """One spec's turn: ``with turn:`` waits for it and passes it on; ``done()`` passes it without waiting."""

    def __init__(self, turns: Turns, index: int):
        self.turns, self.index = turns, index

    def __enter__(self) -> "Turn":
        self.turns.wait(self.index)
        return self

    def __exit__(self, *exc) -> None:
        self.turns.done(self.index)

    def done(self) -> None:
        self.turns.done(self.index)


def turn(offset: int) -> Turn | None:
    """In a worker: the turn of the ``offset``-th spec of the chunk in hand (None outside a batch's workers)."""
    return Turn(TURNS, FIRST + offset) if TURNS is not None else None


def _chunk_task(work: Callable, first: int, chunk: list, *task):
    """A worker's task: ``work(chunk, *task)``, knowing where the chunk is in the batch."""
    global FIRST
    FIRST = first
    return work(chunk, *task)


class Abort(KeyboardInterrupt):
    """A second Ctrl-C or SIGTERM: end now."""


def _ask_stop(signum, frame) -> None:
    STOP.set()


def _die_with(parent: int) -> None:
    """End this process when ``parent`` ends (kill -9 of the main process leaves no orphan writing on)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.name == "nt":
        return  # Windows: the pool's own pipes end a worker whose parent is gone, when it next asks for work

    def watch() -> None:
        while not STOP.wait(0.5):
            if os.getppid() != parent:
                os._exit(1)
    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=watch, daemon=True).start()


def worker_init(parent: int, turns: Turns | None = None) -> None:
    """Interruptions reach the worker as a request to stop between specs (the main process decides the rest)."""
    global TURNS
    TURNS = turns
    for name in ("SIGINT", "SIGTERM"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _ask_stop)
    _die_with(parent)


def died_line(spec: Path) -> str:
    return (f"{spec}:1: (internal): the worker process building it died (out of memory, or killed) "
            "(build it alone to see; the rest of the batch went on)")


class Batch:
    """The results of ``work`` (a function of a list of specs and the task) for every spec, as they come:
    in this process for one job, else in worker processes, a few specs to a task.  ``died(spec)`` is the
    result of a spec whose worker died while building it alone."""

    def __init__(self, specs: list[Path], jobs: int, task: tuple, work: Callable, died: Callable[[Path], tuple]):
        self.specs, self.jobs, self.task, self.work, self.died = specs, jobs, task, work, died
        self.pool = None
        self.stopping = False
        self.turns = Turns(len(specs)) if jobs > 1 and len(specs) > 1 else None

    def results(self) -> Iterator[tuple[Path, tuple]]:
        if self.jobs <= 1 or len(self.specs) <= 1:
            for spec in self.specs:
                if self.stopping:
                    return
                yield spec, self.work([spec], *self.task)[0]
            return
        size = max(1, min(16, len(self.specs) // (self.jobs * 8)))
        queue = deque((i, self.specs[i:i + size]) for i in range(0, len(self.specs), size))
        while queue and not self.stopping:
            suspects = yield from self._run(queue)
            if suspects:   # a dead worker may have held the turns' lock
                self.turns = self.turns.renewed() if self.turns is not None else None
            for index in sorted(suspects):  # one of them killed its worker: each alone now, to tell which
                if self.stopping:
                    return
                yield from zip([self.specs[index]], self._run_alone(index))

    def _new_pool(self, workers: int):
        from concurrent.futures import ProcessPoolExecutor

        self.pool = ProcessPoolExecutor(max_workers=workers, initializer=worker_init,
                                        initargs=(os.getpid(), self.turns))
        return self.pool

    def _run(self, queue: deque):
        """Run chunks (first index, specs) from ``queue`` (a few in flight at a time, taken by the workers in
        the queue's order) until it is empty or a worker dies; the indices of the specs of the chunks in flight
        when one died."""
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        pool = self._new_pool(self.jobs)
        in_flight: dict = {}
        suspects: list[int] = []
        try:
            while (queue or in_flight) and not suspects:
                while queue and len(in_flight) < 2 * self.jobs and not self.stopping:
                    chunk = queue.popleft()
                    in_flight[pool.submit(_chunk_task, self.work, *chunk, *self.task)] = chunk
                if not in_flight:
                    break
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                if any(isinstance(f.exception(), BrokenProcessPool) for f in done):
                    done, _ = wait(in_flight)  # every task of a broken pool ends at once
                for future in done:
                    first, chunk = in_flight.pop(future)
                    if isinstance(future.exception(), BrokenProcessPool):
                        suspects += range(first, first + len(chunk))
                    else:
                        yield from zip(chunk, future.result())
        finally:
            self.close()
        return suspects

    def _run_alone(self, index: int) -> tuple:
        from concurrent.futures.process import BrokenProcessPool

        spec = self.specs[index]
        pool = self._new_pool(1)
        try:
            return pool.submit(_chunk_task, self.work, index, [spec], *self.task).result()
        except BrokenProcessPool:
            self.turns = self.turns.renewed() if self.turns is not None else None
            return [self.died(spec)]
        finally:
            self.close()
            if self.turns is not None:
                self.turns.done(index)   # built, failed or dead: the next spec's turn

    def ask_to_stop(self) -> None:
        """First Ctrl-C or SIGTERM: every worker finishes the spec in hand and starts no other."""
        self.stopping = True
        if os.name == "nt":
            return  # Windows: Ctrl-C reaches every process of the console itself
        for process in self._worker_processes():
            try:
                os.kill(process.pid, signal.SIGTERM)
            except OSError:
                pass

    def _worker_processes(self) -> list:
        processes = getattr(self.pool, "_processes", None) if self.pool else None
        return list((processes or {}).values())

    def kill(self) -> None:
        """Second Ctrl-C: the workers end now."""
        self.stopping = True
        for process in self._worker_processes():
            try:
                process.kill()
            except OSError:
                pass

    def close(self) -> None:
        if self.pool is not None:
            pool, self.pool = self.pool, None
            pool.shutdown(wait=True, cancel_futures=True)
