"""The house style of a note: one named paragraph style per element of the note (NOTE-SPEC §2).

A secretariat restyles its notes here, in one place.
"""
from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

FONT = "Times New Roman"          # has every Kazakh letter; LibreOffice substitutes Liberation Serif (same metrics)
SIZE = Pt(13)
PAGE = {"width": Cm(21.0), "height": Cm(29.7), "top": Cm(2.0), "bottom": Cm(2.0), "left": Cm(3.0), "right": Cm(1.5)}
PROOFING = {"en": "en-GB", "ru": "ru-RU", "kk": "kk-KZ"}

# style name -> paragraph settings (alignment, bold, italic, size, space after, first-line indent, keep together)
STYLES: dict[str, dict] = {
    "Letterhead": dict(align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, after=Pt(18)),
    "Number": dict(align=WD_ALIGN_PARAGRAPH.LEFT, after=Pt(6)),
    "Urgency": dict(align=WD_ALIGN_PARAGRAPH.RIGHT, bold=True, after=Pt(12)),
    "Body": dict(align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=Cm(1.25), after=Pt(12)),
    "Enclosure": dict(align=WD_ALIGN_PARAGRAPH.LEFT, italic=True, size=Pt(11), after=Pt(12)),
    "PlaceDate": dict(align=WD_ALIGN_PARAGRAPH.RIGHT, after=Pt(24), before=Pt(6)),
    "Addressee": dict(align=WD_ALIGN_PARAGRAPH.LEFT, bold=True, keep=True),
    "ReviewCell": dict(align=WD_ALIGN_PARAGRAPH.LEFT, size=Pt(10), after=Pt(3)),
    "ReviewHeading": dict(align=WD_ALIGN_PARAGRAPH.LEFT, bold=True, size=Pt(10)),
}


def style_name(style: str) -> str:
    """The Word style name of a layout style: ``Body`` -> ``Note Body``."""
    return f"Note {style}"
