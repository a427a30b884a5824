"""The house style of a note: one named paragraph style per element of the note (NOTE-SPEC §2).

A secretariat restyles its notes here, in one place.  Lengths are in points (pt) and centimetres (cm).
"""
from __future__ import annotations

FONT = "Times New Roman"   # has every Kazakh letter; LibreOffice substitutes Liberation Serif (same metrics)
SIZE_PT = 13
PAGE_CM = {"width": 21.0, "height": 29.7, "top": 2.0, "bottom": 2.0, "left": 3.0, "right": 2.0}
REVIEW_PAGE_CM = {"width": 29.7, "height": 21.0, "top": 1.5, "bottom": 1.5, "left": 1.5, "right": 1.5}
REVIEW_FIRST_COLUMN_CM = 2.8
PROOFING = {"en": "en-GB", "ru": "ru-RU", "kk": "kk-KZ"}  # per language; a note's house may set its own (en-US)

# layout style -> settings: align (left|center|right|both), bold, italic, size_pt, before_pt, after_pt,
# color (hex RGB), letter_spacing_pt, indent_cm (first line), keep (lines together and with the next paragraph), hyphenate (automatic hyphenation;
# only the justified body: a letterhead or an address is never hyphenated).  The face, the body size and the
# proofing language are the document's defaults (docDefaults), so a clerk who changes them in Word changes all.
EMBLEM_HEIGHT_CM = 2.5
STYLES: dict[str, dict] = {
    "Emblem": dict(align="center", after_pt=6),
    "Letterhead": dict(align="center", bold=True, after_pt=24),
    # a notification's title above the number line (NOTE-SPEC §10), and the subject line after it
    "Heading": dict(align="center", bold=True, after_pt=12, keep=True),
    "Number": dict(align="left", after_pt=6),
    "Subject": dict(align="left", after_pt=12),
    "Urgency": dict(align="right", bold=True, after_pt=12),
    "Body": dict(align="both", indent_cm=1.25, after_pt=12, hyphenate=True),
    "Enclosure": dict(align="left", italic=True, after_pt=12),
    "PlaceDate": dict(align="left", before_pt=6, after_pt=48, keep=True),
    # a house that dates its notes at the top: the upper right, under the number line (5 FAH-1 H-610)
    "PlaceDateTop": dict(align="right", after_pt=12),
    "Addressee": dict(align="left", bold=True, keep=True),
    # a house that addresses its notes at the top, above the text (NOTE-SPEC §10, `addressee: top`)
    "AddresseeTop": dict(align="left", bold=True, after_pt=12),
    # NOTE-SPEC §11: a personal note's salutation, signature block and addressee at the foot (name and title, not
    # capitals); an aide-mémoire's title
    "Salutation": dict(align="left", indent_cm=1.25, after_pt=12, keep=True),
    "Signature": dict(align="right", before_pt=36, after_pt=24, keep=True),
    "Recipient": dict(align="left", before_pt=12, keep=True),
    "Title": dict(align="center", bold=True, letter_spacing_pt=1, before_pt=12, after_pt=24, keep=True),
    "AgendaSender": dict(align="right", after_pt=24),
    "AgendaTitle": dict(align="center", bold=True, after_pt=12),
    "AgendaMeeting": dict(align="center", after_pt=24),
    "AgendaItem": dict(align="left", bold=True, after_pt=12),
    "ReviewHeading": dict(align="left", bold=True, size_pt=10),
    "ReviewCell": dict(align="left", size_pt=10, after_pt=3),
    "ReviewFindings": dict(align="left", bold=True, size_pt=10, before_pt=12, after_pt=3, keep=True),
    "PageNumber": dict(align="center"),
    # NOTE-SPEC §12: the restriction mark under the number line; the executor mark in small type at the foot of
    # the last page (GOST R 7.0.97: smaller type, from the left edge); a draft's mark at the top of every page
    "Restriction": dict(align="left", bold=True, after_pt=12),
    "Executor": dict(align="left", size_pt=9, before_pt=36, keep=True),
    "DraftMark": dict(align="right", bold=True, size_pt=16, color="808080", letter_spacing_pt=3, after_pt=6),
}

# A paragraph of these styles stands in a frame at a place of its page (Word's framePr; LibreOffice makes it a
# frame): the executor mark at the bottom left of the text area of the last page, whatever the length of the note.
FRAMES = {"Executor": '<w:framePr w:w="5670" w:wrap="around" w:vAnchor="margin" w:hAnchor="margin" w:xAlign="left" '
                      'w:yAlign="bottom"/>'}


def style_name(style: str) -> str:
    """The Word style name of a layout style: ``Body`` -> ``Note Body``."""
    return f"Note {style}"


def style_id(style: str) -> str:
    """The style's id in styles.xml: ``Body`` -> ``NoteBody``."""
    return "Note" + style
