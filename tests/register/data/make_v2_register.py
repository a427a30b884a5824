"""How register-v2.sqlite was made: with verbale at commit 3996fa4 (schema version 2, before incoming notes),
through the register's own functions. Kept for the record; running it with a newer verbale makes a newer
register, not this one.

    python tests/register/data/make_v2_register.py tests/register/data/register-v2.sqlite
"""
import datetime as dt
import sys
from pathlib import Path

from verbale.register.config import Numbering
from verbale.register.store import NewEntry, Register

SERIES = Numbering("17-1/{seq}", restart="yearly", start=624)


def main(path: Path) -> None:
    register = Register(f"sqlite:///{path.resolve().as_posix()}")
    notes = [  # (date, recipients, subject, spec)
        (dt.date(2025, 11, 3), ["mfa-china"], "препроводить проект повестки дня", "notes/a.yaml"),
        (dt.date(2025, 12, 15), ["mfa-india", "mfa-iran"], "forward the draft Declaration", "notes/b.yaml"),
        (dt.date(2025, 12, 29), ["cica-member-states"], "күн тәртібінің жобасын жолдауды", "notes/c.yaml"),
        (dt.date(2026, 1, 12), ["mfa-russia"], "inform of the new premises", "notes/d.yaml"),
    ]
    for day, recipients, subject, spec in notes:
        allocated = register.allocate(SERIES, NewEntry(day, "cica-secretariat", recipients, subject,
                                                       ["en", "ru", "kk"], spec, "clerk"))
        register.record_files(allocated.entry_id, [("", f"{Path(spec).stem}.{lang}.docx",
                                                    f"{lang}{Path(spec).stem}".ljust(64, "0")) for lang in ("en", "ru")])
    typed = register.record_typed("17-1/700", NewEntry(dt.date(2025, 12, 1), "cica-secretariat", ["mfa-turkey"],
                                                       "typed by hand", ["en"], "notes/typed.yaml", "officer"),
                                  period="2025")
    register.record_files(typed, [("", "typed.en.docx", "t" * 64)])
    register.cancel("17-1/625", "sent in error", "officer", year=2025)
    record = register.find("17-1/624", 2025)
    register.amend(record.entry["id"], NewEntry(dt.date(2025, 11, 3), "cica-secretariat", ["mfa-china", "mfa-india"],
                                                "препроводить проект повестки дня", ["en", "ru", "kk"], "notes/a.yaml",
                                                "clerk"))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
