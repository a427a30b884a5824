"""Worker processes of a batch: they build and write their own specs; they stop between two specs when asked,
die with their parent, and a worker that dies (the out-of-memory killer, kill -9) costs only its own specs.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path

STOP = threading.Event()  # in a worker: finish the spec in hand, start no other
PR_SET_PDEATHSIG = 1


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


def worker_init(parent: int) -> None:
    """Interruptions reach the worker as a request to stop between specs (the main process decides the rest)."""
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

    def results(self) -> Iterator[tuple[Path, tuple]]:
        if self.jobs <= 1 or len(self.specs) <= 1:
            for spec in self.specs:
                if self.stopping:
                    return
                yield spec, self.work([spec], *self.task)[0]
            return
        size = max(1, min(16, len(self.specs) // (self.jobs * 8)))
        queue = deque(self.specs[i:i + size] for i in range(0, len(self.specs), size))
        while queue and not self.stopping:
            suspects = yield from self._run(queue)
            for spec in suspects:  # one of them killed its worker: each alone now, to tell which
                if self.stopping:
                    return
                yield from zip([spec], self._run_alone(spec))

    def _new_pool(self, workers: int):
        from concurrent.futures import ProcessPoolExecutor

        self.pool = ProcessPoolExecutor(max_workers=workers, initializer=worker_init, initargs=(os.getpid(),))
        return self.pool

    def _run(self, queue: deque):
        """Run chunks from ``queue`` (a few in flight at a time) until it is empty or a worker dies; the specs
        of the chunks in flight when one died."""
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        pool = self._new_pool(self.jobs)
        in_flight: dict = {}
        suspects: list[Path] = []
        try:
            while (queue or in_flight) and not suspects:
                while queue and len(in_flight) < 2 * self.jobs and not self.stopping:
                    chunk = queue.popleft()
                    in_flight[pool.submit(self.work, chunk, *self.task)] = chunk
                if not in_flight:
                    break
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                if any(isinstance(f.exception(), BrokenProcessPool) for f in done):
                    done, _ = wait(in_flight)  # every task of a broken pool ends at once
                for future in done:
                    chunk = in_flight.pop(future)
                    if isinstance(future.exception(), BrokenProcessPool):
                        suspects += chunk
                    else:
                        yield from zip(chunk, future.result())
        finally:
            self.close()
        return suspects

    def _run_alone(self, spec: Path) -> tuple:
        from concurrent.futures.process import BrokenProcessPool

        pool = self._new_pool(1)
        try:
            return pool.submit(self.work, [spec], *self.task).result()
        except BrokenProcessPool:
            return [self.died(spec)]
        finally:
            self.close()

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
