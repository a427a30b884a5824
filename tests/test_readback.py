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
    (["The Embassy presents its compliments and has the honour to transmit the document\nAstana, 3 March 2026\n"],
     ["«transmit» where the register has «forward»"]),     # a word replaced by one sharing letters: one difference
    (["The Embassy presents its greetings and has the honour to forward the document\nAstana, 3 March 2026\n"],
     ["«greetings» where the register has «compliments»"]),   # (not «its» and two more pieces of the word)
    (["The Embassy presents its compliments and has the honour to forward the document\nand to sell the car\n"
      "Astana, 3 March 2026\n"], ["«and to sell the car» where the register has «document»"]),  # a line added mid-page
    (["The Embassy presents its compliments and has the honour to for-ward the document\nAstana, 3 March 2026\n"],
     ["«for-ward» where the register has «forward»"]),                         # a hyphen inside a line is text
    (["The Embassy presents its compliments and has the honour to\n",
      "Page 2 of 3\nforward the document\nAstana, 3 March 2026\n"], []),       # a page number at a later page's top
    (["The Embassy presents its compliments and has the honour to\n",
      "forward the document\nAstana, 3 March 2026\nand to sell the car\n"],
     ["«and to sell the car» added at the end"]),        # a later page's foot is not a footer: only page numbers are
    (["The Embassy presents its compliments and has the honour to forward the document\nAstana, 3 March 2026\n",
      "Pay 1000 dollars to account 42\n"], ["«Pay 1000 dollars to account 42» added at the end"]),  # a page added
    (["The Embassy presents its compliments and has the honour to forward the document\nAstana, 3 March 2026\n"
      + "x " * 20000], ["the PDF holds 20,084 characters of text where the registered note has 84"]),  # not diffed
]


@pytest.mark.parametrize("pages, expected", CASES)
def test_text_differences(pages, expected):
    assert text_differences(REGISTERED, pages) == expected


def test_the_first_pages_letterhead_and_footer_are_said_as_taken():
    taken = []
    assert text_differences(REGISTERED, ["LETTERHEAD\nThe Embassy presents its compliments and has the honour to "
                                         "forward the document\nAstana, 3 March 2026\nfooter line\n"], taken) == []
    assert taken == ["LETTERHEAD", "footer line"]


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_with_body(tmp_path, body: str):
    """A DOCX whose document holds ``body`` (with the properties a note's file has)."""
    import zipfile

    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("word/document.xml", f'<w:document xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/'
                         f'markup-compatibility/2006"><w:body>{body}</w:body></w:document>')
    return path


@pytest.mark.parametrize("body, paragraphs", [
    ('<w:p><w:r><w:t>A</w:t><w:br/><w:t>B</w:t></w:r></w:p><w:p/>', ["A\nB", ""]),       # a line break; empty kept
    ('<w:p><w:r><w:t>state</w:t><w:noBreakHyphen/><w:t>members</w:t></w:r></w:p>', ["state\u2011members"]),
    ('<w:p><w:ins><w:r><w:t>new</w:t></w:r></w:ins><w:del><w:r><w:delText>old</w:delText></w:r></w:del></w:p>',
     ["new"]),                                                                     # a tracked change, accepted
    ('<w:sdt><w:sdtContent><w:p><w:r><w:t>added in a control</w:t></w:r></w:p></w:sdtContent></w:sdt>',
     ["added in a control"]),                                                      # text anywhere in the body counts
    ('<w:p><w:r><w:t>anchor</w:t><w:drawing><w:txbxContent><w:p><w:r><w:t>in a box</w:t></w:r></w:p>'
     '</w:txbxContent></w:drawing></w:r></w:p>', ["anchor", "in a box"]),
    ('<w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p></w:txbxContent>'
     '</mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p></w:txbxContent></mc:Fallback>'
     '</mc:AlternateContent></w:r></w:p>', ["", "box"]),                             # the fallback copy once
])
def test_docx_paragraphs_as_a_reader_sees_them(tmp_path, body, paragraphs):
    from verbale.readback import read_docx

    assert read_docx(docx_with_body(tmp_path, body)).sections[0].paragraphs == paragraphs
