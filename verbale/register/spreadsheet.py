"""Text a spreadsheet would take for a formula, and the same text made safe to export (OWASP, "CSV Injection":
a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with a single quote;
the full-width forms are counted too, as some Excel locales read them as the ASCII ones)."""
from __future__ import annotations

FORMULA_STARTS = "=+-@\t\r＝＋－＠"


def formula_like(text: str) -> bool:
    """Whether a spreadsheet opening ``text`` as a cell could run it (also after leading spaces).

    >>> [formula_like(t) for t in ("=1+1", " +7", "-5", "@A1", "\\t1", "＝1", "17-1/5", "", "a=b")]
    [True, True, True, True, True, True, False, False, False]
    """
    return bool(text) and (text[0] in FORMULA_STARTS or text.lstrip()[:1] in FORMULA_STARTS)


def neutralised(text: str) -> str:
    """``text`` as a cell no spreadsheet runs: a leading ``'`` where it could.

    >>> neutralised("=HYPERLINK(\\"http://x\\")"), neutralised("17-1/5")
    ('\\'=HYPERLINK("http://x")', '17-1/5')
    """
    return "'" + text if formula_like(text) else text


def why_refused(text: str) -> str:
    """The words of a refusal: what ``text`` starts with.

    >>> why_refused("-5")
    "starts with '-', which a spreadsheet would read as a formula"
    """
    first = text.lstrip()[:1] if text.lstrip()[:1] in FORMULA_STARTS else text[:1]
    return f"starts with {first!r}, which a spreadsheet would read as a formula"
