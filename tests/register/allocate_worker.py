"""A clerk's process: allocate COUNT numbers from the register at URL, printing each as soon as it is committed.
With --hold, allocate one and wait (the series locked, the transaction open) until killed."""
import datetime as dt
import os
import sys
import time

from verbale.register.config import Numbering
from verbale.register.store import NewEntry, Register

NUMBERING = Numbering("17-1/{seq}")


def hold(number: str) -> None:
    print(f"locked {number}", flush=True)
    time.sleep(60)


if __name__ == "__main__":
    url, count = sys.argv[1], int(sys.argv[2])
    register = Register(url)
    register.ensure_schema()
    print("ready", flush=True)
    sys.stdin.readline()  # every worker starts at the same moment
    for index in range(count):
        spec = f"notes/{os.getpid()}-{index}.yaml" if "--spec-paths" in sys.argv else ""
        allocated = register.allocate(NUMBERING, NewEntry(dt.date(2025, 3, 1), spec_path=spec, created_by="test"),
                                      while_locked=hold if "--hold" in sys.argv else None)
        print(allocated.number, flush=True)
