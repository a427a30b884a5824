"""Comparing a PDF's text (as pdftotext gives it, page by page) with a registered note text (NOTE-SPEC §12):
what is layout is not a difference, what a reader would read differently is."""
from __future__ import annotations

import pytest

from verbale.readback import text_differences

REGISTERED = "The Embassy presents its compliments\nand has the honour to forward the document\nAstana, 3 March 2026"

CASES = [
    # pdftotext pages, the differences — the rule beside each
    (["The Embassy presents its compliments and has the honour to forward the document\nAstana, 3 March 2026\n"],
     []),                                                                       # lines broken elsewhere
    (["The Embassy presents its compli-\nments and has the honour to for-\nward the document Astana, 3 March 2026\n"],
     []),                                                                       # hyphenation at a line's end
    (["The Embassy presents its\u00a0compliments and has the honour to forward the document\nAstana, 3 March 2026"],
     []),                                                                       # a no-break space is a space
    (["EMBASSY LETTERHEAD OF THE BLANK\nThe Embassy presents its compliments and has the honour to\n",
      "2\nforward the document\nAstana, 3 March 2026\n"], []),                 # header lines, a page number
    (["The Embassy presents its compliments and has the honour to send the document\nAstana, 3 March 2026\n"],
     ["«send» where the register has «forward»"]),                             # a changed word
    (["The Embassy presents its compliments and has the honour to forward the documents\nAstana, 3 March 2026\n"],
     ["«documents» where the register has «document»"]),                       # one character added
    (["The Embassy presents its compliments and has the honour to forward the document\nand to sell the car\n"
      "Astana, 3 March 2026\n"], ["«and to sell the car» where the register has «document»"]),  # a line added mid-page
    (["The Embassy presents its compliments and has the honour to for-ward the document\nAstana, 3 March 2026\n"],
     ["«for-ward» where the register has «forward»"]),                         # a hyphen inside a line is text
]


@pytest.mark.parametrize("pages, expected", CASES)
def test_text_differences(pages, expected):
    assert text_differences(REGISTERED, pages) == expected
