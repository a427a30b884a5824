"""A registry clerk's process: record COUNT incoming notes in the register at URL, printing each id as soon as it
is committed. With --hold, record one and wait (the year's counter locked, the transaction open) until killed."""
import datetime as dt
import os
import sys
import time

from verbale.register.incoming import NewIncoming, receive
from verbale.register.store import Register


def hold(ident: str) -> None:
    print(f"locked {ident}", flush=True)
    time.sleep(60)


if __name__ == "__main__":
    url, count = sys.argv[1], int(sys.argv[2])
    register = Register(url)
    register.ensure_schema()
    print("ready", flush=True)
    sys.stdin.readline()  # every worker starts at the same moment
    for n in range(count):
        note = NewIncoming("mfa-russia", f"{n}/двбр-{os.getpid()}", dt.date(2026, 3, 2), dt.date(2026, 3, 3),
                           created_by="test")   # each clerk its own notes (the same note twice is refused)
        print(receive(register, note, while_locked=hold if "--hold" in sys.argv else None).id, flush=True)
