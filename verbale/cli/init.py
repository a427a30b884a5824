"""``verbale init DIR``: a workspace a clerk can fill in (NOTE-SPEC §5).

It writes verbale.yaml, a termbase/ with the office's sender entry (every form it needs marked TODO, which
`verbale terms check` reports until filled in), a sample spec naming the JSON Schema, and the schemas
themselves under schema/ so an editor completes every file.  It never overwrites an existing workspace.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..facts.spec import LANGUAGES

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

VERBALE_YAML = """\
# yaml-language-server: $schema=schema/verbale.schema.json
# The workspace of an office: the defaults of every spec in the folders below (a spec may set each itself).
# Entries of its own (the office, its correspondents, places) go into termbase/; they add to the built-in
# ones and replace a built-in entry of the same key.  `verbale terms check` says what each still lacks.
sender: {sender}          # termbase key of the office (termbase/terms.yaml, termbase/<lang>/terms.yaml)
place: {place}              # termbase key of the city of issue (`verbale terms show {place}` shows it)
languages: [{languages}]    # the language versions to write
numbering: {{pattern: "{{seq}}", restart: yearly}}   # the register gives `number: auto` the next number; put your
                            # office's index around {{seq}} ("17-1/{{seq}}"); {{year}} {{yy}} {{month}} work too
# house:                    # the office's conventions (NOTE-SPEC §7, §10), e.g.
#   date_order: day-month
#   qr: true                  # a QR code on the last page, for `verbale verify` (NOTE-SPEC §12)
#   executor: {{name: A. Seitkali, phone: "+7 7172 72 00 00"}}   # «Исп.» / «Орындаған» at the foot
#   restriction: official-use # «Для служебного пользования» under the number line
# Sentences of the office's own (an opening, a closing, the words around a cited note) go into
# termbase/<lang>/formulas.yaml, over the built-in ones name by name: see locales/README.md.
"""

NEUTRAL_YAML = """\
# yaml-language-server: $schema=../schema/termbase.schema.json
# The office's own entries: their roles and facts.  Their names and forms per language are in
# termbase/<lang>/terms.yaml.  kind: sender | recipient | authority | body | place | group | person,
# or a list (`kind: [sender, recipient]`); a person also has `gender: m` or `gender: f`.
{sender}: {{kind: sender}}
"""

FORMS_HEADER = """\
# yaml-language-server: $schema=../../schema/termbase-forms.schema.json
# The names and forms of the office's entries in {name}.  Replace every TODO text; `verbale terms check`
# lists what is still to fill in.
"""

# what a sender needs in each language (facts/termcheck.py REQUIRED), with what to write
SENDER_FORMS = {
    "en": [("nom", "the office as a sentence starts with it, e.g. The Embassy of the Republic of Kazakhstan"),
           ("short", "the short name for the closing formula, e.g. The Embassy"),
           ("letterhead", "the letterhead line by line, e.g. EMBASSY OF THE REPUBLIC OF KAZAKHSTAN")],
    "ru": [("nom", "название, например Посольство Республики Казахстан"),
           ("short", "краткое название для заключительной формулы, например Посольство"),
           ("letterhead", "бланк по строкам, например ПОСОЛЬСТВО РЕСПУБЛИКИ КАЗАХСТАН")],
    "kk": [("nom", "атауы, мысалы Қазақстан Республикасының Елшілігі"),
           ("short", "қысқа атауы, мысалы Елшілік"),
           ("letterhead", "бланк жолдары, мысалы ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ ЕЛШІЛІГІ")],
}
# Kazakh: whether the last word of nom carries the 3rd-person possessive; it decides every derived case
POSSESSIVE_LINE = """\
  # possessive: true when the last word of nom ends in the 3rd-person possessive -ы/-і, -сы/-сі (Елшілігі,
  # Өкілдігі, Министрлігі: dative Елшілігіне, not Елшілігіге); false when it does not (Елшілік: Елшілікке).
  possessive: true"""
# what a place needs in each language (a city not in the built-in termbase), with what to write
PLACE_FORMS = {
    "en": [("nom", "the city, e.g. Madrid"), ("line", "the place-and-date line, e.g. Madrid"),
           ("time", "the time of the city, e.g. Madrid time")],
    "ru": [("nom", "город, например Мадрид"), ("line", "строка места и даты, например город Мадрид"),
           ("time", "время города, например по времени г. Мадрид")],
    "kk": [("nom", "қала, мысалы Мадрид"), ("line", "орны мен күні жолы, мысалы Мадрид қаласы"),
           ("time", "қаланың уақыты, мысалы Мадрид қаласының уақытымен")],
}
PLACE_ENTRY = '{place}: {{kind: place, zone: "TODO: its IANA time zone, e.g. Europe/Madrid"}}\n'
LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "kk": "Kazakh"}

SAMPLE_SPEC = """\
# yaml-language-server: $schema=../schema/note-spec.schema.json
# A sample note: sender, place and languages come from verbale.yaml.  Write one text per language;
# `verbale generate notes/ -o out/` writes the notes and writes the register's next number in place of auto.
number: auto
date: {date}
recipients: [mfa-kazakhstan]      # termbase keys; `verbale terms show mfa-kazakhstan` shows one
purpose:
{purpose}
"""
PURPOSE = {
    "en": "inform that the Embassy has moved to new premises",
    "ru": "сообщить, что Посольство переехало в новое здание",
    "kk": "Елшіліктің жаңа ғимаратқа көшкенін хабарлауды",
}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="verbale init", description="Make a workspace: verbale.yaml, a termbase/ "
                                "with the office's sender entry to fill in, a sample spec, the JSON Schemas.")
    p.add_argument("folder", metavar="DIR", help="the new workspace's folder (made if missing)")
    p.add_argument("--sender", default="my-office", help="termbase key of the office (default: my-office)")
    p.add_argument("--place", default="astana", help="termbase key of the city of issue (default: astana)")
    p.add_argument("--languages", default=",".join(LANGUAGES),
                   help="the language versions, comma-separated (default: en,ru,kk)")
    return p


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _entry_yaml(key: str, forms: list[tuple[str, str]]) -> list[str]:
    lines = [f"{key}:"]
    for form, what in forms:
        todo = _quoted(f"TODO: {what}")
        lines.append(f"  {form}:\n    - {todo}" if form == "letterhead" else f"  {form}: {todo}")
    return lines


def forms_yaml(sender: str, lang: str, new_place: str | None = None) -> str:
    """termbase/<lang>/terms.yaml: the sender's forms to fill in, and those of a city not built in."""
    lines = [FORMS_HEADER.format(name=LANGUAGE_NAMES[lang]).rstrip("\n"), *_entry_yaml(sender, SENDER_FORMS[lang])]
    if lang == "kk":
        lines.append(POSSESSIVE_LINE)
    if new_place:
        lines += _entry_yaml(new_place, PLACE_FORMS[lang])
    return "\n".join(lines) + "\n"


def workspace_files(sender: str, place: str, languages: list[str], today: dt.date,
                    new_place: bool = False) -> dict[str, str]:
    """Relative path -> text of every file of a new workspace (the schemas apart); ``new_place``: the place is
    not a built-in one and gets an entry to fill in like the sender."""
    files = {
        "verbale.yaml": VERBALE_YAML.format(sender=sender, place=place, languages=", ".join(languages)),
        "termbase/terms.yaml": NEUTRAL_YAML.format(sender=sender) + (PLACE_ENTRY.format(place=place) if new_place else ""),
        "notes/sample.yaml": SAMPLE_SPEC.format(
            date=today.isoformat(), purpose="\n".join(f"  {lang}: {_quoted(PURPOSE[lang])}" for lang in languages)),
    }
    files.update({f"termbase/{lang}/terms.yaml": forms_yaml(sender, lang, place if new_place else None)
                  for lang in languages})
    return files


def _arguments_problem(args) -> str | None:
    import re

    for name in ("sender", "place"):
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", getattr(args, name)):
            return f"--{name} '{getattr(args, name)}' is not a termbase key (lowercase letters, digits, hyphens)"
    unknown = [lang for lang in args.languages.split(",") if lang not in LANGUAGES]
    if unknown or not args.languages:
        return f"--languages: unknown language '{(unknown or [''])[0]}' (use some of {','.join(LANGUAGES)})"
    if args.sender == args.place:
        return f"--sender and --place are both '{args.sender}' (one entry cannot be both)"
    kinds = _builtin_kinds(args.place)
    if kinds and "place" not in kinds:
        return f"--place '{args.place}' is a built-in {' and '.join(kinds)}, not a place (name a city)"
    return None


def _builtin_kinds(key: str) -> tuple[str, ...]:
    from ..facts.termbase import default_termbase

    return default_termbase().kinds(key) if key in default_termbase().entries else ()


def main(argv: list[str] | None = None) -> int:
    from ..facts.schema import write_schemas
    from ..files import write_atomic

    args = parser().parse_args(argv)
    problem = _arguments_problem(args)
    if problem:
        print(f"verbale init: error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    root = Path(args.folder)
    languages = list(dict.fromkeys(args.languages.split(",")))
    new_place = not _builtin_kinds(args.place)
    files = workspace_files(args.sender, args.place, languages, dt.date.today(), new_place)
    existing = [name for name in [*files, "schema"] if (root / name).exists()]
    if existing:
        print(f"{root / existing[0]}:1: (workspace): already exists; a workspace is never overwritten "
              f"(choose another folder, or edit the files there)", file=sys.stderr)
        return EXIT_FAILED
    try:
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            write_atomic(root / name, text.encode("utf-8"))
        write_schemas(root / "schema")
    except OSError as exc:
        print(f"{exc.filename or root}:1: (workspace): cannot write: {exc.strerror} "
              "(check the folder is writable)", file=sys.stderr)
        return EXIT_FAILED
    if new_place:
        print(f"'{args.place}' is not a built-in place: its entry in termbase/ is to fill in as well")
    print(f"made the workspace {root}: fill in termbase/<lang>/terms.yaml (the TODO texts), then\n"
          f"  cd {root}\n  verbale terms check\n  verbale generate notes/ -o out/")
    return EXIT_OK
