"""What ``register list --text WORDS`` and ``--recipient KEY`` look up, kept as terms beside each record.

A record's text (its number, subject and spec path, as last sent) is kept as terms: every word, casefolded in
Python (the same on SQLite and on a PostgreSQL server of any locale), and every tail of a word that starts at one
of its parts, so that ``624``, ``1/624`` and ``17-1/624`` all find № 17-1/624. A word of the query matches a
record when it begins one of its terms: ``деклараци`` finds «Декларации», ``agenda`` finds "agendas".  The terms
are looked up by an ordinary index with a range (``term >= w AND term < w + U+10FFFF``), which both databases
answer from the index whatever the number of records; a substring in the middle of a word is not looked for.

>>> sorted(text_terms("17-1/624", "Препроводить проект Декларации", "notes/n-7.yaml"))
['1/624', '17-1/624', '624', '7.yaml', 'n-7.yaml', 'notes/n-7.yaml', 'yaml', 'декларации', 'препроводить', 'проект']
>>> query_words("  Декларации  1/62 ")
['декларации', '1/62']
>>> prefix_range("abc")
('abc', 'abc\U0010ffff')
"""
from __future__ import annotations

import re

TEXT, RECIPIENT = "t", "r"
MAX_TERM = 200
_PART = re.compile(r"\w+", re.UNICODE)


def _word_terms(word: str) -> set[str]:
    """``word`` and each of its tails that starts at a part of it (``17-1/624``: ``1/624``, ``624``)."""
    found = {word}
    for match in _PART.finditer(word):
        found.add(word[match.start():])
    return {term[:MAX_TERM] for term in found if term}


def text_terms(number: str, subject: str, spec_path: str) -> set[str]:
    """The terms of a record's text: its number, subject and spec path, casefolded."""
    terms: set[str] = set()
    for word in f"{number} {subject} {spec_path}".casefold().split():
        terms |= _word_terms(word)
    return terms


def query_words(words: str) -> list[str]:
    """The words of a ``--text`` query, casefolded (each must begin a term of the record)."""
    return [word[:MAX_TERM] for word in words.casefold().split()]


def prefix_range(word: str) -> tuple[str, str]:
    """The range of terms that begin with ``word`` (binary order: UTF-8 bytes, as both databases compare them
    in the terms' column)."""
    return word, word + "\U0010ffff"


def record_terms(number: str, subject: str, spec_path: str, recipients: str) -> list[tuple[str, str]]:
    """(field, term) rows of one version of a record: its text, and each recipient key as it is."""
    rows = [(TEXT, term) for term in sorted(text_terms(number, subject, spec_path))]
    return rows + [(RECIPIENT, key[:MAX_TERM]) for key in sorted(set(recipients.split()))]
