#!/usr/bin/env python3
"""The cost of the spelling lint, as ratios against baselines run in the same process, paired (A B A B …).

    python benchmarks/spelling.py [--rounds 3]

Prints, per dictionary (kk_KZ, ru_RU, en_GB):
- load: spylls' own ``Dictionary.from_files`` (the whole .dic parsed into objects) against ours
  (``verbale.grammar.spelling``: the .dic indexed by stem as text, an entry parsed when a lookup asks for it);
- and, for the seed note notes/17-1-624.yaml, the lint with the spelling check against the lint without it in a warm
  process, and in cold processes (paired): without spelling, with the answers kept in the cache (the usual case),
  and with no cache (the dictionaries read).
Both loaders answer the same words the same way (tests/compose/test_spelling.py).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEED = ROOT / "notes" / "17-1-624.yaml"
COLD = """
import sys, time
t = time.perf_counter()
from verbale.facts.spec import read_spec
from verbale.compose.lint import lint
from verbale.facts.termbase import default_termbase
from pathlib import Path
spec, doc = read_spec(Path(sys.argv[1]))
if sys.argv[2] == "off":
    import verbale.compose.lint as module
    module._dictionary_of = lambda lang, spelling: None
    module.missing_dictionaries = lambda *args: []
lint(spec, doc, None, default_termbase())
print(time.perf_counter() - t)
"""


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def paired(a, b, rounds: int) -> tuple[float, float]:
    first, second = [], []
    for _ in range(rounds):
        first.append(timed(a))
        second.append(timed(b))
    return statistics.median(first), statistics.median(second)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    from spylls.hunspell import Dictionary

    from verbale.grammar import spelling

    for name in ("kk_KZ", "ru_RU", "en_GB"):
        path = spelling.find(name)
        if path is None:
            print(f"{name}: not installed ({spelling.install_hint(name)})")
            continue

        def ours():
            spelling.dictionary.cache_clear()
            spelling.dictionary(name)
        full, lazy = paired(lambda: Dictionary.from_files(str(path)), ours, rounds)
        print(f"{name}: load spylls {full:.2f} s, ours {lazy:.2f} s: spylls/ours = {full / lazy:.1f}")

    from verbale.compose import lint as module
    from verbale.facts.spec import read_spec
    from verbale.facts.termbase import default_termbase

    spec, doc = read_spec(SEED)
    termbase = default_termbase()
    module.lint(spec, doc, None, termbase)           # the dictionaries read once, as in a long-running desk
    checked = module._dictionary_of

    def without():
        module._dictionary_of = lambda lang, spelling_: None
        try:
            module.lint(spec, doc, None, termbase)
        finally:
            module._dictionary_of = checked

    def with_spelling():
        spelling.forget_verdicts()
        module.lint(spec, doc, None, termbase)
    on, off = paired(with_spelling, without, rounds)
    print(f"lint of the seed note, warm: with spelling {on * 1000:.1f} ms, without {off * 1000:.1f} ms")

    def cold(setting: str, cache: str | None = None) -> float:
        env = {**os.environ, **({"VERBALE_CACHE": cache} if cache else {})}
        result = subprocess.run([sys.executable, "-c", COLD, str(SEED), setting], cwd=ROOT, capture_output=True,
                                text=True, check=True, env=env)
        return float(result.stdout.strip())
    kept, unread, offs = [], [], []
    for _ in range(rounds):
        kept.append(cold("on"))
        unread.append(cold("on", "off"))
        offs.append(cold("off"))
    print(f"lint of the seed note, a cold process: without spelling {statistics.median(offs):.2f} s; with it, the "
          f"answers kept in the cache {statistics.median(kept):.2f} s; with no cache (three dictionaries read) "
          f"{statistics.median(unread):.2f} s")


if __name__ == "__main__":
    main()
