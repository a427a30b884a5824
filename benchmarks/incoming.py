#!/usr/bin/env python3
"""How long `verbale incoming list --text WORDS` takes over a year of incoming notes with their texts, as a
ratio against listing the same notes without looking at the words, measured in the same run (A B A B …).

    python benchmarks/incoming.py [--notes 5000] [--characters 4000] [--rounds 5]

The notes are put into an SQLite register in a temporary folder, each with a text of about --characters
characters of Russian and Kazakh words (a page of a note is some 2,000). Prints the median seconds of each and
their ratio: what the search itself (folding case, ё/е and hyphenated line ends, then looking for every word)
adds to reading the notes from the register.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from verbale.register.incoming import incoming_notes  # noqa: E402
from verbale.register.schema import incoming  # noqa: E402
from verbale.register.store import Register  # noqa: E402

WORDS = ("Министерство иностранных дел Российской Федерации свидетельствует свое уважение Посольству и имеет честь "
         "сообщить консультации Сыртқы істер министрлігі нотасын алғанын растауды өзіне мәртебе санайды").split()


def fill(register: Register, notes: int, characters: int) -> None:
    rng, now = random.Random(7), dt.datetime.now(dt.timezone.utc)
    rows = []
    for seq in range(1, notes + 1):
        words = []
        while sum(len(w) + 1 for w in words) < characters:
            words.append(rng.choice(WORDS) + ("-\n" if rng.random() < 0.01 else ""))
        rows.append(dict(year=2026, seq=seq, received_on=dt.date(2026, 1, 1), sender="mfa-russia", number=str(seq),
                         note_date=dt.date(2026, 1, 1), subject="приглашение", due=None, file_name="",
                         original_name="", sha256="", text=" ".join(words), text_source="pdftotext", created_at=now,
                         created_by="bench"))
    with register.transaction() as conn:
        conn.execute(incoming.insert(), rows)


def seconds(call) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=5000)
    parser.add_argument("--characters", type=int, default=4000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        register = Register(f"sqlite:///{Path(folder, 'register.sqlite').as_posix()}")
        fill(register, args.notes, args.characters)
        listing, searching = [], []
        for _ in range(args.rounds):   # paired: A B A B
            listing.append(seconds(lambda: incoming_notes(register)))
            searching.append(seconds(lambda: incoming_notes(register, words="консультации АЛҒАНЫН")))
        base, search = statistics.median(listing), statistics.median(searching)
        print(f"{args.notes} notes of {args.characters} characters: list {base:.2f} s, list --text {search:.2f} s, "
              f"ratio {search / base:.1f}")


if __name__ == "__main__":
    main()
