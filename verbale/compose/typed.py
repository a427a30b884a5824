"""The text a clerk typed, as the check and the lint both read it: the generated facts (``{{ }}``) set apart,
document symbols found in linear time, and the finding either reports.

>>> typed_text("at the {{ meeting.body }} meeting", "…"), symbols("(MM/2021/DRAFT/3/Rev.4) and/or x/")
('at the … meeting', ['MM/2021/DRAFT/3/Rev.4', 'and/or'])
"""
from __future__ import annotations

import re
from dataclasses import dataclass

JINJA_OPENER = re.compile(r"\{[{%#]")
JINJA_CLOSER = {"{{": "}}", "{%": "%}", "{#": "#}"}
# Cyrillic letters that look like Latin ones, as typed into document symbols (ММ/2021/...)
LOOKALIKES = str.maketrans("АВЕКМНОРСТХаеорсух", "ABEKMHOPCTXaeopcyx")
# Every pattern applied to user text runs in linear time (issue #15: a symbol pattern with two greedy runs
# around a letter took 320 s on a 5,000-character word): a document symbol is found among the runs of
# characters between delimiters, then checked by plain string search.
SYMBOL_RUN = re.compile(r"[^\s(),;«»\"“”]+")
SYMBOL_LETTER = re.compile(r"[A-Za-zА-Яа-яЁё0-9]")


@dataclass(frozen=True)
class Finding:
    kind: str      # "disagreement" or "lint"
    line: str      # FILE:LINE: FIELD: problem (hint)


def is_symbol(run: str) -> bool:
    """A run without delimiters is a document symbol if it has a slash with something after it, and a letter
    or figure before that slash.

    >>> [is_symbol(w) for w in ("MM/2021/DRAFT/3/Rev.4", "and/or", "/x", "x/", "--/-")]
    [True, True, False, False, False]
    """
    slash = run.rfind("/", 0, len(run) - 1)
    return slash > 0 and SYMBOL_LETTER.search(run, 0, slash) is not None


def symbols(text: str) -> list[str]:
    if "/" not in text:   # no symbol without a slash: most texts are not split into runs at all
        return []
    return [run for run in SYMBOL_RUN.findall(text) if "/" in run and is_symbol(run)]


def without_symbols(text: str) -> str:
    if "/" not in text:
        return text
    return SYMBOL_RUN.sub(lambda m: " " if is_symbol(m.group()) else m.group(), text)


def jinja_spans(text: str):
    """(start, end) of each ``{{ }}``, ``{% %}`` and ``{# #}`` in ``text``, in one linear scan.

    >>> list(jinja_spans("a {{ b }} {% c"))
    [(2, 9)]
    """
    unclosed: set[str] = set()
    opener = JINJA_OPENER.search(text)
    while opener:
        start, kind = opener.start(), opener.group()
        end = -1 if kind in unclosed else text.find(JINJA_CLOSER[kind], start + 2)
        if end == -1:  # never closed from here on: an opener of another kind may still be
            unclosed.add(kind)
            opener = JINJA_OPENER.search(text, start + 1)
            continue
        yield start, end + 2
        opener = JINJA_OPENER.search(text, end + 2)


def typed_text(source: str | None, placeholder: str = " ") -> str:
    """The text as the clerk typed it, the generated facts replaced by ``placeholder`` (a linear scan).

    >>> typed_text("at the {{ meeting.body }} meeting {{ meeting.when }} on 4 May", "…")
    'at the … meeting … on 4 May'
    >>> typed_text("{{ a {% b %} c", "…"), typed_text("{#}#}{{}}", "…")
    ('{{ a … c', '……')
    """
    text, pieces, at = source or "", [], 0
    for start, end in jinja_spans(text):
        pieces += [text[at:start], placeholder]
        at = end
    return ("".join(pieces) + text[at:]).replace("\u2011", "-")
