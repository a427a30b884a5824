"""A clerk's `verbale incoming ARGS…` (an add) in its own process, held between the check that the note is not
recorded yet and the recording itself until a line comes on stdin: two of these let through that check at once,
which is the moment two clerks adding the same note meet (the register's unique key must refuse the second)."""
import sys

from verbale.cli import main
from verbale.register import incoming

checked = incoming._refuse_recorded_twice


def checked_then_wait(register, note):
    checked(register, note)
    print("checked", flush=True)
    sys.stdin.readline()


if __name__ == "__main__":
    incoming._refuse_recorded_twice = checked_then_wait
    sys.exit(main(["incoming", *sys.argv[1:]]))
